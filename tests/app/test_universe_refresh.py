"""`universe refresh`: akshare's A-share / Hong Kong lists through a loopback fake server, cached in the
store, feeding search and add; the deadline against a server that never answers; never the internet."""
from __future__ import annotations

import json
import socket
import sqlite3
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pandas as pd
import pytest

from app import store as storemod
from app import universe_refresh as ur
from app.store import SCHEMA_VERSION, Store

FILES = Path(__file__).resolve().parent / "universe_files"


@pytest.fixture(autouse=True)
def _no_internet(monkeypatch):
    """Any connection to a host other than loopback fails the test."""
    real = socket.socket.connect

    def connect(self, addr):
        host = addr[0] if isinstance(addr, tuple) else addr
        if host not in ("127.0.0.1", "::1", "localhost"):
            raise AssertionError(f"a test tried to reach {addr!r}")
        return real(self, addr)

    monkeypatch.setattr(socket.socket, "connect", connect)


class _Eastmoney(BaseHTTPRequestHandler):
    """Serves the reconstructed clist answers (tests/app/universe_files/em_clist_*.json) by market."""
    pages: dict[str, bytes] = {}
    hits: list[str] = []

    def do_GET(self):  # noqa: N802
        q = parse_qs(urlsplit(self.path).query)
        fs = q.get("fs", [""])[0]
        key = "hk" if "m:128" in fs else "a"
        self.hits.append(key)
        body = self.pages.get(key, b"")
        self.send_response(200)
        self.send_header("Content-Type", "application/json; charset=UTF-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *a):
        pass


@pytest.fixture
def eastmoney(monkeypatch):
    """A loopback server, and akshare's Eastmoney pager pointed at it (the real akshare code parses)."""
    import akshare.stock_feature.stock_hist_em as em

    _Eastmoney.pages = {k: (FILES / f"em_clist_{k}.json").read_bytes() for k in ("a", "hk")}
    _Eastmoney.hits = []
    srv = ThreadingHTTPServer(("127.0.0.1", 0), _Eastmoney)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    real = em.fetch_paginated_data

    def local(url, params, timeout=15):
        return real(f"http://127.0.0.1:{srv.server_port}{urlsplit(url).path}", params, timeout)

    monkeypatch.setattr(em, "fetch_paginated_data", local)
    # the A list's first source (the exchanges' own lists) is left out: it has its own test below
    monkeypatch.setitem(ur.SOURCES, "A", (ur.SOURCES["A"][1],))
    yield _Eastmoney
    srv.shutdown()
    srv.server_close()


@pytest.fixture
def silent_server():
    """Accepts connections and never answers."""
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    s.listen(16)
    conns = []
    stop = threading.Event()

    def accept():
        s.settimeout(0.2)
        while not stop.is_set():
            try:
                conns.append(s.accept()[0])
            except OSError:
                continue

    threading.Thread(target=accept, daemon=True).start()
    yield s.getsockname()[1]
    stop.set()
    for c in conns:
        c.close()
    s.close()


@pytest.mark.parametrize("raw,base", [
    ("*ST华通", "华通"), ("ST易购", "易购"), ("寒武纪-U", "寒武纪"), ("快手-W", "快手"), ("百度集团-SW", "百度集团"),
    ("某生物-B", "某生物"), ("网易-S", "网易"), ("某科技-R", "某科技"), ("XD浦发银", "浦发银"), ("N新股份", "新股份"),
    ("腾讯控股", "腾讯控股"), ("TCL科技", "TCL科技"), ("ST", "ST"), ("中国有赞", "中国有赞"),
])
def test_base_name(raw, base):
    assert ur.base_name(raw) == base


def test_frame_to_rows_keeps_codes_as_text_and_skips_non_listings():
    # A recorded-shape frame of stock_info_a_code_name (columns code, name); a code read as a number
    # has lost its leading zeros, a 7xxxxx code (subscription codes) is no listing.
    df = pd.DataFrame({"code": ["600519", 977, "688256", "799999", "", "300308"],
                       "name": ["贵州茅台", "浪潮信息", "寒武纪-U", "某配号", "空", None]})
    rows, skipped = ur.frame_to_rows(df, ur.SOURCES["A"][0])
    assert [r["code"] for r in rows] == ["600519.SH", "000977.SZ", "688256.SH"]
    assert rows[2]["base_name"] == "寒武纪" and rows[2]["name"] == "寒武纪-U"
    assert skipped == 3
    with pytest.raises(ur.RefreshError, match=r"without 名称 \(akshare changed\?\)"):
        ur.frame_to_rows(pd.DataFrame({"代码": ["00700"], "name": ["x"]}), ur.SOURCES["HK"][0])


def test_refresh_through_akshare_and_the_fake_server(tmp_path, eastmoney):
    from app.services import Desk

    desk = Desk.open(tmp_path / "s.sqlite")
    before = len(desk.universe)
    assert desk.universe.search("网易") == []          # the bundled data knows only the reports' HK names
    res = ur.refresh(desk.store, deadline_s=30)
    assert [(r.market, r.status, r.source, r.rows) for r in res] == [
        ("A", "ok", "stock_zh_a_spot_em", 8), ("HK", "ok", "stock_hk_spot_em", 8)]
    assert set(eastmoney.hits) == {"a", "hk"}
    hk = {x.code: x for x in ur.cached_listings(desk.store, "HK")}
    assert hk["3690.HK"].name == "美团-W" and hk["3690.HK"].base_name == "美团"
    assert hk["0700.HK"].source == "akshare.stock_hk_spot_em"
    a = {x.code: x for x in ur.cached_listings(desk.store, "A")}
    assert a["000004.SZ"].base_name == "国华" and a["920118.BJ"].name == "太湖远大"

    # search and add see the refreshed lists (a new Desk on the same store, as on the next start)
    desk.store.close()
    desk = Desk.open(tmp_path / "s.sqlite")
    hits = desk.universe.search("网易")
    assert [s.code for s in hits] == ["9999.HK"] and hits[0].name_zh_hant == "網易"
    assert desk.resolve_security("中国有赞").code == "8083.HK"
    assert desk.resolve_security("8083").code == "8083.HK"
    added, problems = desk.add_to_watchlist("港股", ["网易", "中國有贊", "美团"], create=True)
    assert added == ["9999.HK", "8083.HK", "3690.HK"] and not problems
    assert len(desk.universe) > before
    # knowledge-base names stay as curated
    kb_tencent = desk.universe.get("0700.HK")
    assert kb_tencent.in_kb and kb_tencent.name_zh_hans == "腾讯控股"
    st = {s["market"]: s for s in ur.status(desk.store)}
    assert st["HK"]["cached"] == 8 and st["HK"]["source"] == "akshare.stock_hk_spot_em"
    desk.store.close()


def test_listing_names_for_ingestion(tmp_path, eastmoney):
    s = Store.open(tmp_path / "s.sqlite")
    ur.refresh(s, ["HK"], deadline_s=30)
    base = [ur.Security(code="600519.SH", name_zh_hans="贵州茅台", name_zh_hant="貴州茅臺")]
    names = {x.code: x for x in ur.listing_names(s, base)}
    assert set(names) == {"600519.SH"} | {x.code for x in ur.cached_listings(s, "HK")}
    assert names["9988.HK"].name_zh_hans == "阿里巴巴" and names["9988.HK"].board == "HK"
    s.close()


def test_empty_and_shrunken_answers_change_nothing(tmp_path, eastmoney):
    s = Store.open(tmp_path / "s.sqlite")
    assert ur.refresh(s, ["HK"], deadline_s=30)[0].status == "ok"
    full = json.loads(eastmoney.pages["hk"])
    full["data"] = {"total": 0, "diff": []}
    eastmoney.pages["hk"] = json.dumps(full).encode()
    res = ur.refresh(s, ["HK"], deadline_s=30)[0]
    assert res.status == "error" and "HK list (stock_hk_spot_em)" in res.message
    assert len(ur.cached_listings(s, "HK")) == 8
    # three of the eight: a cut-off download is not taken unless forced
    part = json.loads((FILES / "em_clist_hk.json").read_bytes())
    part["data"] = {"total": 3, "diff": part["data"]["diff"][:3]}
    eastmoney.pages["hk"] = json.dumps(part).encode()
    res = ur.refresh(s, ["HK"], deadline_s=30)[0]
    assert res.status == "error" and "fewer than half the 8 cached" in res.message
    assert len(ur.cached_listings(s, "HK")) == 8
    res = ur.refresh(s, ["HK"], deadline_s=30, force=True)[0]
    assert (res.status, res.rows, res.removed) == ("ok", 3, 5)
    assert ur.status(s)[1]["last_status"] == "ok"
    s.close()


def test_deadline_against_a_server_that_never_answers(tmp_path, silent_server, monkeypatch):
    import akshare.stock_feature.stock_hist_em as em

    real = em.fetch_paginated_data
    monkeypatch.setattr(em, "fetch_paginated_data",
                        lambda url, params, timeout=15: real(f"http://127.0.0.1:{silent_server}/x", params, timeout))
    s = Store.open(tmp_path / "s.sqlite")
    t = time.monotonic()
    res = ur.refresh(s, ["HK"], deadline_s=1.5)[0]
    took = time.monotonic() - t
    assert res.status == "error"
    assert res.message == ("HK list (stock_hk_spot_em) did not finish within 1.5 s (deadline); "
                           "the site is slow or unreachable")
    assert took < 5          # akshare alone would wait 3 × 15 s
    assert ur.cached_listings(s) == [] and ur.status(s)[1]["last_status"] == "error"
    s.close()


def _dead_network(monkeypatch, how: str):
    """Every connection akshare makes goes to a loopback port that refuses it, or to a loopback
    listener whose backlog is full (a connect hangs until the timeout, as to an unroutable address)."""
    import urllib3.util.connection as uc

    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    target = ("127.0.0.1", s.getsockname()[1])
    held = [s]
    if how == "refused":
        s.close()
    else:
        s.listen(0)
        filler = socket.socket()
        filler.connect(target)       # fills the backlog: the next connects are never accepted
        held.append(filler)
    real = uc.create_connection
    monkeypatch.setattr(uc, "create_connection", lambda address, *a, **k: real(target, *a, **k))
    return held


@pytest.mark.parametrize("how,limit", [("refused", 1.5), ("blackhole", 2.5)])
def test_a_dead_network_is_reported_within_the_request_timeout(tmp_path, monkeypatch, how, limit):
    """Before: akshare retried each refused request three times with 1-5 s sleeps (~10 s offline), and
    its own 15 s timeout beat ours (a black hole took 103 s at --timeout 3). Now a request that cannot
    connect is not retried, the markets run side by side, and when no site answered the A list's
    fallback is not tried: every market fails within about one request timeout."""
    import akshare  # noqa: F401 - imported before the clock starts

    held = _dead_network(monkeypatch, how)
    s = Store.open(tmp_path / "s.sqlite")
    t = time.monotonic()
    seen = []
    res = ur.refresh(s, ur.MARKETS, request_timeout=1.0, progress=seen.append)
    took = time.monotonic() - t
    assert took < limit, (took, [r.line() for r in res])
    assert [r.market for r in res] == ["A", "HK"] and [r.status for r in res] == ["error", "error"]
    assert sorted(r.market for r in seen) == ["A", "HK"]
    a, hk = res
    assert "no connection to query.sse.com.cn" in a.message
    assert "stock_zh_a_spot_em): not tried, no site answered (offline?)" in a.message
    assert "no connection to" in hk.message and "eastmoney" in hk.message
    if how == "blackhole":
        assert "within 1 s" in hk.message
    assert all("\n" not in r.line() for r in res)
    s.close()
    for x in held:
        x.close()


def test_one_unreachable_site_still_tries_the_fallback(tmp_path, eastmoney, monkeypatch):
    """The exchanges' own list cannot be reached but Eastmoney answers: the A list comes from the
    fallback (a site that is down is not the network being down)."""
    monkeypatch.setitem(ur.SOURCES, "A", (ur.Source("A", "stock_info_a_code_name", "code", "name"),
                                          ur.SOURCES["A"][0]))
    import akshare.stock.stock_info as info

    def unreachable(*a, **k):
        import requests

        requests.get("http://127.0.0.1:9/x", timeout=1)   # the discard port: refused

    monkeypatch.setattr(info, "stock_info_sh_name_code", unreachable)
    s = Store.open(tmp_path / "s.sqlite")
    a, hk = ur.refresh(s, ur.MARKETS, request_timeout=2.0)
    assert hk.status == "ok" and a.status == "ok", (a.line(), hk.line())
    assert a.source == "stock_zh_a_spot_em"
    s.close()


def test_exchange_lists_source_and_fallback(tmp_path):
    """stock_info_a_code_name first; when it fails, the next source within what is left of the deadline."""
    class Ak:
        calls = []

        def stock_info_a_code_name(self):
            self.calls.append("a_code_name")
            raise ConnectionError("SZSE download failed")

        def stock_zh_a_spot_em(self):
            self.calls.append("spot")
            return pd.DataFrame({"代码": ["600519", "300308"], "名称": ["贵州茅台", "中际旭创"]})

    ak = Ak()
    src, rows, skipped = ur.fetch_market("A", module=ak, deadline_s=10)
    assert src.function == "stock_zh_a_spot_em" and ak.calls == ["a_code_name", "spot"]
    assert [r["code"] for r in rows] == ["600519.SH", "300308.SZ"]

    class Ak2:
        def stock_info_a_code_name(self):
            return pd.DataFrame({"code": ["000001"], "name": ["平安银行"]})

    src, rows, _ = ur.fetch_market("A", module=Ak2(), deadline_s=10)
    assert src.function == "stock_info_a_code_name" and rows[0]["code"] == "000001.SZ"

    class Ak3:
        def stock_info_a_code_name(self):
            return pd.DataFrame()

        def stock_zh_a_spot_em(self):
            raise ValueError("Expecting value: line 1 column 1 (char 0)")

    with pytest.raises(ur.RefreshError, match=r"stock_info_a_code_name\): an empty answer; .*stock_zh_a_spot_em"):
        ur.fetch_market("A", module=Ak3(), deadline_s=10)


def test_cli_status_and_refresh(tmp_path, eastmoney, capsys):
    from app.cli import run

    db = str(tmp_path / "s.sqlite")
    assert run(["--db", db, "universe", "refresh", "--market", "hk", "--deadline", "30"]) == 0
    out = capsys.readouterr()
    assert "HK: 8 listings from stock_hk_spot_em" in out.out
    assert run(["--db", db, "universe", "status", "--json"]) == 0
    st = json.loads(capsys.readouterr().out)
    assert st[1]["market"] == "HK" and st[1]["cached"] == 8 and st[0]["cached"] == 0
    assert run(["--db", db, "search", "网易", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["code"] == "9999.HK"


def test_v2_store_migrates_to_v3(tmp_path, monkeypatch):
    db = tmp_path / "v2.sqlite"
    with monkeypatch.context() as m:
        m.setattr(storemod, "SCHEMA_VERSION", 2)
        s = Store.open(db)
        s.add_items(s.create_watchlist("AI"), ["0700.HK"])
        assert s.schema_version() == 2
        s.close()
    con = sqlite3.connect(db)
    assert "universe_listings" not in {r[0] for r in con.execute("select name from sqlite_master")}
    con.close()
    s = Store.open(db)
    assert s.schema_version() == SCHEMA_VERSION >= 3
    con = sqlite3.connect(db)
    tables = {r[0] for r in con.execute("select name from sqlite_master where type='table'")}
    con.close()
    assert {"universe_listings", "universe_refreshes"} <= tables
    assert s.watchlist("AI").codes == ["0700.HK"]
    assert ur.cached_listings(s) == [] and ur.status(s)[0]["cached"] == 0
    s.close()
