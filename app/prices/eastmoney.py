"""Daily bars straight from Eastmoney's kline endpoint, parsed here (no akshare in the way).

``GET {base}/api/qt/stock/kline/get?secid=…&klt=101&fqt=0|1|2&beg=YYYYMMDD&end=…`` answers
``{"rc": 0, "data": {"code", "market", "name", "klines": ["date,open,close,high,low,volume,
amount,…", …]}}`` or ``{"rc": 102, "data": null}`` for a code it does not know. The parameters
and the field order are those akshare 1.19.5 sends and reads (``stock_zh_a_hist``,
``stock_hk_hist``, ``stock_zh_index_daily_em`` and ``stock_hk_index_daily_em`` in
``akshare/stock_feature/stock_hist_em.py`` and ``akshare/index/``).

==============  ================  ===========================================================
code            secid             notes
==============  ================  ===========================================================
``*.SH``        ``1.600519``      every Shanghai code, ETFs 510300 / 588000 and B-shares 900901
                                  too (akshare's ``stock_zh_a_hist`` sends ``0.`` for any code
                                  not starting with 6, which comes back empty)
``*.SZ/.BJ``    ``0.000977``      Shenzhen and Beijing; ETFs 159xxx, LOFs 16xxxx, B-shares 200xxx
``*.HK``        ``116.00700``     five digits; volume already in shares
``000300.SH``   ``1.000300``      CSI 300, as ``stock_zh_index_daily_em("sh000300")``
``HSI.HI``      ``100.HSI``       the internal numbers of Eastmoney's HK index list, which akshare
``HSTECH.HI``   ``124.HSTECH``    pages through on every call; fixed here, no list is fetched
==============  ================  ===========================================================

A-share and CSI 300 volumes are in lots of 100 and become shares. A download is two requests:
``fqt=0`` (the prices as printed) and ``fqt=2`` (backward-adjusted, hfq), whose ratio is the
day's adjustment factor; indices need only the first. Eastmoney's forward-adjusted series
(``fqt=1``) shifts prices by subtraction, so it is never used for returns.
"""
from __future__ import annotations

import datetime as dt
import os
from typing import Any

import numpy as np
import pandas as pd

from app.codes import Dialect, Market, parse
from app.prices.net import DEFAULT_TIMEOUT, FetchError, Net
from app.prices.providers import PriceQuery, Provider, ProviderError, empty_frame, kline_frame
from app.prices.symbols import canonical

BASE_URL = "https://push2his.eastmoney.com"
PATH = "/api/qt/stock/kline/get"
UT = "7eea3edcaed734bea9cbfc24409ed989"       # the public token akshare sends
INDEX_SECIDS = {"000300.SH": "1.000300", "HSI.HI": "100.HSI", "HSTECH.HI": "124.HSTECH"}
FQT = {"none": "0", "qfq": "1", "hfq": "2"}


def secid(code: str) -> tuple[str, bool, bool]:
    """(Eastmoney secid, volume in lots, is an index) for a canonical code."""
    if code in INDEX_SECIDS:
        return INDEX_SECIDS[code], code == "000300.SH", True
    lst = parse(code)
    if lst.market is Market.US:
        raise ProviderError("eastmoney", code, "Eastmoney has no prices for it here")
    return lst.render(Dialect.EASTMONEY), lst.market is not Market.HK, False


def parse_klines(lines: list[str], code: str, lots: bool) -> pd.DataFrame:
    """Eastmoney kline strings -> a normalised frame (adjustment ``none``; the caller relabels)."""
    if not lines:
        return empty_frame()
    rows = [ln.split(",") for ln in lines]
    if any(len(r) < 5 for r in rows):
        raise ValueError("a kline with fewer than 5 fields")
    return kline_frame(rows, code, lots, amount_at=6)


class EastmoneyProvider(Provider):
    """A-shares (all boards, ETFs, LOFs, B-shares), Hong Kong and the three benchmarks."""

    name = "eastmoney"
    label = "Eastmoney"
    factor_scale = "absolute"

    def __init__(self, timeout: float = DEFAULT_TIMEOUT, base_url: str | None = None):
        self.timeout = float(timeout)
        self.base_url = (base_url or os.environ.get("CHAINWATCH_EASTMONEY_URL") or BASE_URL).rstrip("/")

    def supports(self, code: str) -> bool:
        if code in INDEX_SECIDS:
            return True
        try:
            return parse(code).market is not Market.US
        except Exception:
            return False

    def params(self, sec: str, fqt: str, start: dt.date | None, end: dt.date | None) -> dict[str, str]:
        return {"secid": sec, "fields1": "f1,f2,f3,f4,f5,f6", "fields2": "f51,f52,f53,f54,f55,f56,f57",
                "ut": UT, "klt": "101", "fqt": fqt, "beg": start.strftime("%Y%m%d") if start else "0",
                "end": end.strftime("%Y%m%d") if end else "20500101", "lmt": "1000000"}

    def klines(self, net: Net, code: str, fqt: str, start: dt.date | None = None,
               end: dt.date | None = None) -> pd.DataFrame:
        """One request; an empty frame says why in ``attrs["empty"]``."""
        sec, lots, _ = secid(code)
        data = net.get_json(self.label, code, self.base_url + PATH, self.params(sec, fqt, start, end))
        if not isinstance(data, dict) or "data" not in data:
            raise FetchError(self.label, code, "the answer is not Eastmoney kline data (format changed?)",
                             "format")
        body = data["data"]
        if body is None:
            df = empty_frame()
            df.attrs["empty"] = f"{self.label} answered data: null (rc {data.get('rc')}: unknown code?)"
            return df
        lines = body.get("klines") if isinstance(body, dict) else None
        if not isinstance(lines, list):
            raise FetchError(self.label, code, "no klines in the answer (format changed?)", "format")
        try:
            df = parse_klines(lines, code, lots)
        except ValueError as e:
            raise FetchError(self.label, code, f"unreadable klines ({e})", "format") from None
        if start is not None:
            df = df[df["date"] >= pd.Timestamp(start)].reset_index(drop=True)
        if end is not None:
            df = df[df["date"] <= pd.Timestamp(end)].reset_index(drop=True)
        if df.empty:
            df.attrs["empty"] = f"{self.label} answered with no bars" + \
                (f" from {start} on" if start else "")
        return df

    def history(self, code: str, start: dt.date | None = None, end: dt.date | None = None, *,
                net: Net | None = None) -> pd.DataFrame:
        code = canonical(code)
        net = net or Net(self.timeout)
        _, _, is_index = secid(code)
        raw = self.klines(net, code, FQT["none"], start, end)
        if raw.empty:
            raw["factor"] = pd.Series([], dtype="float64")
            return raw
        if is_index:
            raw["factor"] = 1.0
            return raw
        hfq = self.klines(net, code, FQT["hfq"], start, end)
        f = hfq.set_index("date")["close"].reindex(raw["date"]).to_numpy() / raw["close"].to_numpy()
        f[~np.isfinite(f) | (f <= 0)] = np.nan
        raw["factor"] = f
        return raw

    # The three-step interface (one adjustment, as the source gives it).
    def extract_data(self, query: PriceQuery, params: dict[str, Any]) -> pd.DataFrame:
        return self.klines(Net(self.timeout), query.code, FQT[query.adjustment], query.start, query.end)

    def transform_data(self, query: PriceQuery, params: dict[str, Any], raw: pd.DataFrame) -> pd.DataFrame:
        out = raw.copy()
        out["adjustment"] = "none" if query.code in INDEX_SECIDS else query.adjustment
        return out
