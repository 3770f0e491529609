"""Price tests never touch the network.

* ``_no_network`` (autouse): any attempt to open an internet socket raises and is recorded, and
  the test fails at teardown even if the code under test swallowed the error.
* ``eastmoney``: a stand-in for Eastmoney's HTTP API built on ``responses`` from the recorded
  answers in ``recorded/`` (kline queries honour ``beg``/``end`` like the real server).
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
            if self.family in (socket.AF_INET, socket.AF_INET6):
                attempts.append(address)
                raise NetworkAccess(f"a test tried to connect to {address}")
            return real(self, address, *a, **kw)
        return connect

    monkeypatch.setattr(socket.socket, "connect", guard(real_connect))
    monkeypatch.setattr(socket.socket, "connect_ex", guard(real_connect_ex))
    yield attempts
    assert not attempts, f"network access attempted: {attempts}"


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
        self.scale_before: dict[str, tuple[str, float]] = {}
        for url in KLINE_HOSTS:
            rsps.add_callback(responses.GET, url, callback=self._kline)
        rsps.add_callback(responses.GET, HK_INDEX_LIST, callback=self._list)

    # -- configuring
    def fail(self, secid: str, how: str) -> None:
        """how: offline, timeout, 503, html, null, empty."""
        self.failures[secid] = how

    def hold_back(self, secid: str, n: int) -> list[str]:
        """Serve all but the last ``n`` bars (as before those days happened); returns them."""
        lines = self.data[secid]["data"]["klines"]
        self.data[secid]["data"]["klines"] = lines[:-n]
        return lines[-n:]

    def extend(self, secid: str, lines: list[str]) -> None:
        self.data[secid]["data"]["klines"].extend(lines)

    def rebase(self, secid: str, before: str, factor: float) -> None:
        """Scale prices before a day (as a qfq series is after a dividend)."""
        out = []
        for ln in self.data[secid]["data"]["klines"]:
            f = ln.split(",")
            if f[0] < before:
                f[1:5] = [f"{float(x) * factor:.2f}" for x in f[1:5]]
            out.append(",".join(f))
        self.data[secid]["data"]["klines"] = out

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
        lines = body["data"]["klines"]
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


@pytest.fixture
def eastmoney():
    import akshare.index.index_stock_hk as hkidx

    hkidx._symbol_code_dict.cache_clear()   # akshare caches the HK index list per process
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        yield FakeEastmoney(rsps)
    hkidx._symbol_code_dict.cache_clear()
