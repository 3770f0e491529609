"""Price tests never touch the network.

* ``_no_network`` (autouse): any attempt to open an internet socket raises and is recorded, and
  the test fails at teardown even if the code under test swallowed the error. Loopback
  (127.0.0.1 / ::1) is allowed: the deadline tests run local servers there.
* ``_market_clock`` (autouse): the trading calendar reads "now" as 2026-01-27 06:00 UTC, the
  day after the recorded answers end, before that day's close.
* ``eastmoney``: a stand-in for Eastmoney's HTTP API built on ``responses`` from the recorded
  answers in ``recorded/`` (kline queries honour ``beg``/``end`` like the real server). The
  recorded klines are the prices as printed (``fqt=0``); ``fqt=2`` (hfq) and ``fqt=1`` (qfq)
  are derived from them the way Eastmoney derives them: hfq multiplies by the cumulative
  factor, qfq *subtracts* the later cash dividends (akshare's documented 000001 sample shows
  qfq = raw - 1.35 across the whole range) and divides by later splits.
* ``tencent``: the same for Tencent's ``fqkline/get`` (fields and units as akshare's
  ``stock_zh_a_hist_tx`` reads them).
"""
from __future__ import annotations

import copy
import json
import socket
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
import responses

RECORDED = Path(__file__).parent / "recorded"
KLINE_HOSTS = ("https://push2his.eastmoney.com/api/qt/stock/kline/get",
               "https://33.push2his.eastmoney.com/api/qt/stock/kline/get")
HK_INDEX_LIST = "https://15.push2.eastmoney.com/api/qt/clist/get"


class NetworkAccess(BaseException):
    """Raised on a real connection attempt; a BaseException so `except Exception` cannot hide it."""


@pytest.fixture(autouse=True)
def _no_network(monkeypatch):
    attempts = []
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex

    def guard(real):
        def connect(self, address, *a, **kw):
            host = address[0] if isinstance(address, tuple) else ""
            if self.family in (socket.AF_INET, socket.AF_INET6) and host not in ("127.0.0.1", "::1"):
                attempts.append(address)
                raise NetworkAccess(f"a test tried to connect to {address}")
            return real(self, address, *a, **kw)
        return connect

    monkeypatch.setattr(socket.socket, "connect", guard(real_connect))
    monkeypatch.setattr(socket.socket, "connect_ex", guard(real_connect_ex))
    yield attempts
    assert not attempts, f"network access attempted: {attempts}"


MARKET_NOW = "2026-01-27T06:00:00+00:00"


@pytest.fixture(autouse=True)
def _market_clock(monkeypatch):
    import datetime as dt

    from app.prices import calendar

    real = calendar.last_due_session
    now = dt.datetime.fromisoformat(MARKET_NOW)
    monkeypatch.setattr(calendar, "last_due_session", lambda code, at=None: real(code, at or now))
    yield now


def load(name: str) -> dict:
    return json.loads((RECORDED / name).read_text(encoding="utf-8"))


class FakeEastmoney:
    """Serves recorded klines by secid; records every request (url, params, timeout)."""

    SECIDS = {"1.600519": "em_kline_600519.json", "0.000977": "em_kline_000977.json",
              "116.00700": "em_kline_00700.json", "1.000300": "em_kline_000300.json",
              "100.HSI": "em_kline_HSI.json", "124.HSTECH": "em_kline_HSTECH.json"}

    def __init__(self, rsps: responses.RequestsMock):
        self.rsps = rsps
        self.data = {secid: load(f) for secid, f in self.SECIDS.items()}
        self.failures: dict[str, object] = {}   # secid -> failure spec (see fail())
        self.requests: list[dict] = []
        # secid -> [(ex-date, kind, value)]: "cash" dividends per share and "split" ratios
        self.actions: dict[str, list[tuple[str, str, float]]] = {}
        self.hfq_scale: dict[str, float] = {}
        for url in KLINE_HOSTS:
            rsps.add_callback(responses.GET, url, callback=self._kline)
        rsps.add_callback(responses.GET, HK_INDEX_LIST, callback=self._list)

    # -- configuring
    def fail(self, secid: str, how: str) -> None:
        """how: offline, disconnected, timeout, 403, 503, html, null, empty."""
        self.failures[secid] = how

    def hold_back(self, secid: str, n: int) -> list[str]:
        """Serve all but the last ``n`` bars (as before those days happened); returns them."""
        lines = self.data[secid]["data"]["klines"]
        self.data[secid]["data"]["klines"] = lines[:-n]
        return lines[-n:]

    def extend(self, secid: str, lines: list[str]) -> None:
        self.data[secid]["data"]["klines"].extend(lines)

    def dividend(self, secid: str, ex_date: str, cash: float) -> None:
        """A cash dividend goes ex: the printed prices from that day on open lower by ``cash``."""
        self._shift(secid, ex_date, lambda x: x - cash, 1.0)
        self.actions.setdefault(secid, []).append((ex_date, "cash", cash))

    def split(self, secid: str, ex_date: str, ratio: float) -> None:
        """A split (``ratio`` new shares per old): prices from that day on / ratio, volume * ratio."""
        self._shift(secid, ex_date, lambda x: x / ratio, ratio)
        self.actions.setdefault(secid, []).append((ex_date, "split", ratio))

    def rebase_hfq(self, secid: str, factor: float) -> None:
        """The source re-bases its adjusted history: every hfq price times ``factor``."""
        self.hfq_scale[secid] = self.hfq_scale.get(secid, 1.0) * factor

    def _shift(self, secid, ex_date, fn, vol_ratio):
        out = []
        for ln in self.data[secid]["data"]["klines"]:
            f = ln.split(",")
            if f[0] >= ex_date:
                f[1:5] = [f"{fn(float(x)):.2f}" for x in f[1:5]]
                f[5] = str(int(round(float(f[5]) * vol_ratio)))
            out.append(",".join(f))
        self.data[secid]["data"]["klines"] = out

    def hfq_factors(self, secid: str) -> dict[str, float]:
        """date -> cumulative hfq factor, from the actions and the raw closes the day before."""
        lines = self.data[secid]["data"]["klines"]
        closes = {ln[:10]: float(ln.split(",")[2]) for ln in lines}
        days = sorted(closes)
        acts = sorted(self.actions.get(secid, []))
        out, f, prev = {}, 1.0, None
        for d in days:
            for ex, kind, v in acts:
                if ex == d and prev is not None:
                    f *= (closes[prev] / (closes[prev] - v)) if kind == "cash" else v
            out[d] = f * self.hfq_scale.get(secid, 1.0)
            prev = d
        return out

    def adjusted(self, secid: str, fqt: str) -> list[str]:
        lines = self.data[secid]["data"]["klines"]
        if fqt == "2":
            fac = self.hfq_factors(secid)
            out = []
            for ln in lines:
                f = ln.split(",")
                f[1:5] = [f"{float(x) * fac[f[0]]:.2f}" for x in f[1:5]]
                out.append(",".join(f))
            return out
        if fqt == "1":
            acts = self.actions.get(secid, [])
            out = []
            for ln in lines:
                f = ln.split(",")
                vals = [float(x) for x in f[1:5]]
                for ex, kind, v in acts:
                    if f[0] < ex:
                        vals = [x - v for x in vals] if kind == "cash" else [x / v for x in vals]
                f[1:5] = [f"{x:.2f}" for x in vals]
                out.append(",".join(f))
            return out
        return list(lines)

    def klines(self, secid: str) -> list[str]:
        return list(self.data[secid]["data"]["klines"])

    # -- serving
    def _params(self, request) -> dict:
        q = parse_qs(urlsplit(request.url).query)
        return {k: v[0] for k, v in q.items()}

    def _kline(self, request):
        p = self._params(request)
        self.requests.append({"url": request.url, "params": p,
                              "timeout": request.req_kwargs.get("timeout")})
        secid = p.get("secid", "")
        how = self.failures.get(secid)
        if how == "offline":
            raise requests.exceptions.ConnectionError(
                "HTTPSConnectionPool(host='push2his.eastmoney.com', port=443): Max retries exceeded "
                "(Caused by NameResolutionError: Failed to resolve 'push2his.eastmoney.com')")
        if how == "disconnected":
            # the block akshare's tracker reports for stock_zh_a_hist, 2025-2026 (issue 10)
            raise requests.exceptions.ConnectionError(
                "('Connection aborted.', RemoteDisconnected('Remote end closed connection without response'))")
        if how == "403":
            return 403, {"Content-Type": "text/html"}, "<html><body><h1>403 Forbidden</h1></body></html>"
        if how == "timeout":
            raise requests.exceptions.ReadTimeout("Read timed out. (read timeout=15)")
        if how == "503":
            return 503, {"Content-Type": "text/html"}, (RECORDED / "em_503.html").read_text()
        if how == "html":
            return 200, {"Content-Type": "text/html; charset=utf-8"}, \
                (RECORDED / "em_blocked.html").read_text(encoding="utf-8")
        if how == "null" or secid not in self.data:
            return 200, {"Content-Type": "application/json"}, json.dumps(load("em_data_null.json"))
        if how == "empty":
            return 200, {"Content-Type": "application/json"}, json.dumps(load("em_klines_empty.json"))
        body = copy.deepcopy(self.data[secid])
        beg, end = p.get("beg", "0"), p.get("end", "20500101")
        lines = self.adjusted(secid, p.get("fqt", "0"))
        if beg not in ("0", ""):
            b = f"{beg[:4]}-{beg[4:6]}-{beg[6:8]}"
            lines = [ln for ln in lines if ln[:10] >= b]
        if end and end != "20500000":
            e = f"{end[:4]}-{end[4:6]}-{end[6:8]}"
            lines = [ln for ln in lines if ln[:10] <= e]
        body["data"]["klines"] = lines
        return 200, {"Content-Type": "application/json; charset=UTF-8"}, json.dumps(body, ensure_ascii=False)

    def _list(self, request):
        self.requests.append({"url": request.url, "params": self._params(request),
                              "timeout": request.req_kwargs.get("timeout")})
        if self.failures.get("list") == "offline":
            raise requests.exceptions.ConnectionError("no route to host")
        return 200, {"Content-Type": "application/json"}, json.dumps(load("em_hk_index_list.json"),
                                                                     ensure_ascii=False)


TENCENT_URL = "https://web.ifzq.gtimg.cn/appstock/app/fqkline/get"
TENCENT_SECIDS = {"sh600519": "1.600519", "sz000977": "0.000977", "hk00700": "116.00700",
                  "sh000300": "1.000300", "hkHSI": "100.HSI", "hkHSTECH": "124.HSTECH"}


class FakeTencent:
    """Tencent's ``fqkline/get`` over the same series as :class:`FakeEastmoney`.

    Reconstructed from the layout akshare 1.19.5 reads (``stock_zh_a_hist_tx``): ``{"code": 0,
    "data": {sym: {"day" | "qfqday": [[date, open, close, high, low, volume (lots), {}, turnover %,
    amount (10k yuan)], ...]}}}``; at most 640 rows per answer; an unknown symbol answers
    ``{"code": 0, "msg": "", "data": {}}``. Its qfq is taken as multiplicative (raw * factor /
    latest factor): Tencent documents no method, and the provider treats its factors as relative.
    """

    def __init__(self, rsps: responses.RequestsMock, em: "FakeEastmoney"):
        self.em = em
        self.failures: dict[str, str] = {}
        self.requests: list[dict] = []
        rsps.add_callback(responses.GET, TENCENT_URL, callback=self._kline)

    def fail(self, sym: str, how: str) -> None:
        self.failures[sym] = how

    def _kline(self, request):
        p = {k: v[0] for k, v in parse_qs(urlsplit(request.url).query).items()}
        self.requests.append({"url": request.url, "params": p})
        sym, _, a, b, _, fq = p["param"].split(",")
        how = self.failures.get(sym) or self.failures.get("*")
        if how == "offline":
            raise requests.exceptions.ConnectionError("Failed to resolve 'web.ifzq.gtimg.cn'")
        if how == "html":
            return 200, {"Content-Type": "text/html"}, (RECORDED / "em_blocked.html").read_text(encoding="utf-8")
        secid = TENCENT_SECIDS.get(sym)
        if secid is None or how == "empty":
            return 200, {"Content-Type": "application/json"}, json.dumps({"code": 0, "msg": "", "data": {}})
        lines = self.em.klines(secid)
        fac = self.em.hfq_factors(secid)
        last = fac[lines[-1][:10]] if lines else 1.0
        rows = []
        for ln in lines:
            f = ln.split(",")
            if not (a <= f[0] <= b):
                continue
            m = fac[f[0]] / last if fq == "qfq" else 1.0
            vol = float(f[5])
            rows.append([f[0], *(f"{float(x) * m:.3f}" for x in f[1:5]), f"{vol:.1f}", {}, "0.50",
                         f"{float(f[6]) / 1e4:.2f}"])
        rows = rows[-640:]
        key = "qfqday" if fq == "qfq" else "day"
        body = {"code": 0, "msg": "", "data": {sym: {key: rows, "qt": {}, "version": "14"}}}
        return 200, {"Content-Type": "application/json"}, json.dumps(body, ensure_ascii=False)


@pytest.fixture
def eastmoney():
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        fake = FakeEastmoney(rsps)
        fake.tencent = FakeTencent(rsps, fake)
        yield fake


@pytest.fixture
def tencent(eastmoney):
    return eastmoney.tencent


# ---- loopback servers for the deadline tests ---------------------------------------------

@pytest.fixture
def silent_server():
    """Accepts connections on 127.0.0.1 and never answers (nor closes); yields its base URL."""
    import threading

    srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind(("127.0.0.1", 0))
    srv.listen(64)
    held, stop = [], threading.Event()

    def accept():
        srv.settimeout(0.2)
        while not stop.is_set():
            try:
                conn, _ = srv.accept()
                held.append(conn)           # keep it open, say nothing
            except OSError:
                continue
    t = threading.Thread(target=accept, daemon=True)
    t.start()
    yield f"http://127.0.0.1:{srv.getsockname()[1]}"
    stop.set()
    t.join(1)
    for c in held:
        c.close()
    srv.close()


@pytest.fixture
def refusing_url():
    """A 127.0.0.1 port nobody listens on: connections are refused at once."""
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return f"http://127.0.0.1:{port}"
