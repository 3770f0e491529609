"""Daily bars from Tencent's kline JSON: the fallback when Eastmoney fails or blocks.

``GET {base}/appstock/app/fqkline/get?param=sh600519,day,2024-01-01,2025-12-31,640,qfq``
answers ``{"code": 0, "data": {"sh600519": {"day" | "qfqday": [[date, open, close, high, low,
volume, …], …]}}}`` — at most 640 bars per request, so longer ranges are asked for two years at
a time, newest first, until a range before the listing comes back empty. The layout and units
are those akshare 1.19.5 reads in ``stock_zh_a_hist_tx`` (``akshare/stock_feature/
stock_hist_tx.py``): A-share volume in lots of 100. akshare asks for a JavaScript assignment
(``_var=kline_day…``) and evaluates it with ``demjson``; we ask without ``_var`` and parse with
:func:`json.loads` (a ``name=`` prefix, if one comes anyway, is cut off as text).

Factors: ``qfqday`` / ``day`` per date, a *relative* scale (1 on the latest bar of the answer);
the refresh links them to the cached factors on the overlapping day.

================  ===============
code              Tencent symbol
================  ===============
``600519.SH``     ``sh600519``
``000977.SZ``     ``sz000977``
``920118.BJ``     ``bj920118``
``0700.HK``       ``hk00700``
``000300.SH``     ``sh000300``
``HSI.HI``        ``hkHSI``
``HSTECH.HI``     ``hkHSTECH``
================  ===============
"""
from __future__ import annotations

import datetime as dt
import os
from typing import Any

import numpy as np
import pandas as pd

from app.codes import Market, parse
from app.prices.net import DEFAULT_TIMEOUT, FetchError, Net
from app.prices.providers import PriceQuery, Provider, ProviderError, empty_frame, kline_frame, normalise
from app.prices.symbols import canonical

BASE_URL = "https://web.ifzq.gtimg.cn"
PATH = "/appstock/app/fqkline/get"
INDEX_SYMBOLS = {"000300.SH": "sh000300", "HSI.HI": "hkHSI", "HSTECH.HI": "hkHSTECH"}
CHUNK_YEARS = 2
FIRST_YEAR = 1990


def symbol(code: str) -> tuple[str, bool, bool]:
    """(Tencent symbol, volume in lots, is an index)."""
    if code in INDEX_SYMBOLS:
        return INDEX_SYMBOLS[code], False, True
    lst = parse(code)
    if lst.market is Market.HK:
        return f"hk{int(lst.symbol):05d}", False, False
    if lst.market is Market.US:
        raise ProviderError("tencent", code, "Tencent has no prices for it here")
    return f"{lst.market.value.lower()}{lst.symbol}", True, False


def parse_rows(rows: list, code: str, lots: bool) -> pd.DataFrame:
    good = [r for r in rows if isinstance(r, list) and len(r) >= 5] if rows else []
    return kline_frame(good, code, lots, amount_at=8, amount_scale=1e4)   # amount in 万


class TencentProvider(Provider):
    name = "tencent"
    label = "Tencent"
    factor_scale = "relative"

    def __init__(self, timeout: float = DEFAULT_TIMEOUT, base_url: str | None = None,
                 today: dt.date | None = None):
        self.timeout = float(timeout)
        self.base_url = (base_url or os.environ.get("CHAINWATCH_TENCENT_URL") or BASE_URL).rstrip("/")
        self._today = today

    def supports(self, code: str) -> bool:
        if code in INDEX_SYMBOLS:
            return True
        try:
            return parse(code).market is not Market.US
        except Exception:
            return False

    def _one(self, net: Net, code: str, sym: str, lots: bool, fq: str, a: dt.date, b: dt.date) -> pd.DataFrame:
        data = net.get_json(self.label, code, self.base_url + PATH,
                            {"param": f"{sym},day,{a.isoformat()},{b.isoformat()},640,{fq}"})
        if not isinstance(data, dict):
            raise FetchError(self.label, code, "the answer is not Tencent kline data", "format")
        body = data.get("data")
        node = body.get(sym) if isinstance(body, dict) else None
        if not isinstance(node, dict):
            df = empty_frame()
            df.attrs["empty"] = f"{self.label} answered without data for {sym} (code {data.get('code')})"
            return df
        rows = node.get(f"{fq}day") if fq else None
        if rows is None:
            rows = node.get("day", [])
        try:
            return parse_rows(rows, code, lots)
        except (TypeError, ValueError) as e:
            raise FetchError(self.label, code, f"unreadable klines ({e})", "format") from None

    def _range(self, net: Net, code: str, fq: str, start: dt.date | None, end: dt.date | None) -> pd.DataFrame:
        sym, lots, _ = symbol(code)
        today = self._today or dt.date.today()
        b = min(end or today, today)
        floor = start or dt.date(FIRST_YEAR, 1, 1)
        parts = []
        while b >= floor:
            a = max(floor, dt.date(b.year - CHUNK_YEARS + 1, 1, 1))
            part = self._one(net, code, sym, lots, fq, a, b)
            parts.append(part)
            if part.empty and start is None:
                break                       # before the listing (or an unknown code)
            b = a - dt.timedelta(days=1)
        frames = [p for p in parts if len(p)]
        if not frames:
            df = empty_frame()
            df.attrs["empty"] = parts[0].attrs.get("empty", f"{self.label} answered with no bars") if parts \
                else f"{self.label}: nothing asked"
            return df
        df = pd.concat(frames[::-1], ignore_index=True)
        return normalise(df)

    def history(self, code: str, start: dt.date | None = None, end: dt.date | None = None, *,
                net: Net | None = None) -> pd.DataFrame:
        code = canonical(code)
        net = net or Net(self.timeout)
        _, _, is_index = symbol(code)
        raw = self._range(net, code, "", start, end)
        if raw.empty:
            raw["factor"] = pd.Series([], dtype="float64")
            return raw
        if is_index:
            raw["factor"] = 1.0
            return raw
        qfq = self._range(net, code, "qfq", start, end)
        f = qfq.set_index("date")["close"].reindex(raw["date"]).to_numpy() / raw["close"].to_numpy()
        f[~np.isfinite(f) | (f <= 0)] = np.nan
        raw["factor"] = f
        return raw

    def extract_data(self, query: PriceQuery, params: dict[str, Any]) -> pd.DataFrame:
        fq = "" if query.adjustment == "none" else query.adjustment
        return self._range(Net(self.timeout), query.code, fq, query.start, query.end)

    def transform_data(self, query: PriceQuery, params: dict[str, Any], raw: pd.DataFrame) -> pd.DataFrame:
        out = raw.copy()
        out["adjustment"] = "none" if query.code in INDEX_SYMBOLS else query.adjustment
        return out
