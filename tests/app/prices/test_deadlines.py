"""Deadlines that hold: local servers (loopback only) that never answer or refuse connections.

Both sources are pointed at them through ``CHAINWATCH_EASTMONEY_URL`` / ``CHAINWATCH_TENCENT_URL``.
Before issue 10, akshare's own fixed timeouts, its paging of the HK index list with retries and
sleeps, and unbounded name lookups made five series take about 150 s against a silent server.
"""
import threading
import time

import pytest

from app.cli import run
from app.prices.net import DEFAULT_TIMEOUT
from app.prices.service import refresh
from app.store import Store

FIVE = ["600519.SH", "000977.SZ", "0700.HK", "HSI.HI", "000300.SH"]


@pytest.fixture
def cli(tmp_path, capsys):
    db = tmp_path / "cli.sqlite"

    def call(*args):
        code = run(["--db", str(db), *args])
        out = capsys.readouterr()
        return code, out.out, out.err
    return call


def _point(monkeypatch, em, tx):
    monkeypatch.setenv("CHAINWATCH_EASTMONEY_URL", em)
    monkeypatch.setenv("CHAINWATCH_TENCENT_URL", tx)


def _refresh_seconds(out) -> float:
    import re
    return float(re.search(r"\(([0-9.]+) s\)$", out.strip().splitlines()[-1]).group(1))


def _unreachable_lines(out):
    return [ln for ln in out.splitlines() if "unreachable (offline or blocked)" in ln]


def test_silent_servers_timeout_3_five_series_within_12_s(cli, monkeypatch, silent_server):
    _point(monkeypatch, silent_server, silent_server)
    t = time.monotonic()
    code, out, err = cli("prices", "refresh", *FIVE, "--timeout", "3", "--pause", "0")
    took = time.monotonic() - t
    assert _refresh_seconds(out) < 12, out
    assert took < 25, took            # + opening the desk on a fresh store (loads the knowledge base)
    assert code == 1
    lines = out.splitlines()
    assert _unreachable_lines(out) == [lines[0]]          # one line, at the top
    assert lines[0].startswith("Eastmoney, Tencent unreachable (offline or blocked): Eastmoney: no answer "
                               "from 127.0.0.1:")
    assert "within 3 s" in lines[0] and "cached prices are kept" in lines[0]
    assert "0 of 5 series ok" in out


def test_refusing_servers_are_given_up_fast(cli, monkeypatch, refusing_url):
    _point(monkeypatch, refusing_url, refusing_url)
    t = time.monotonic()
    code, out, err = cli("prices", "refresh", *FIVE, "--timeout", "3", "--pause", "0")
    assert _refresh_seconds(out) < 3 and time.monotonic() - t < 20
    [line] = _unreachable_lines(out)
    assert out.splitlines()[0] == line and "refused" in line


def test_a_silent_source_falls_back_to_a_refusing_one_then_stops(tmp_path, monkeypatch, silent_server,
                                                                  refusing_url):
    _point(monkeypatch, silent_server, refusing_url)
    s = Store.open(tmp_path / "x.sqlite")
    t = time.monotonic()
    res = refresh(s, FIVE, timeout=3)
    assert time.monotonic() - t < 12
    assert [r.status for r in res] == ["error"] * 5
    assert len(res.notices) == 1 and "Tencent" in res.notices[0]
    assert "no answer from 127.0.0.1" in res[0].message and "refused" in res[0].message
    assert "Eastmoney unreachable" in res[4].message and "Tencent unreachable" in res[4].message
    s.close()


def test_the_unreachable_sources_in_one_short_line(tmp_path, monkeypatch, silent_server, refusing_url):
    """Each source given up on is named once with its reason in a few words (no host), for a
    status bar; the notices keep the full reason."""
    s = Store.open(tmp_path / "x.sqlite")
    _point(monkeypatch, refusing_url, refusing_url)
    res = refresh(s, FIVE, timeout=3)
    assert res.down == {"Eastmoney": "connection refused", "Tencent": "connection refused"}
    assert res.unreachable() == "Eastmoney, Tencent (connection refused)"
    assert "127.0.0.1" in res.notices[0]
    _point(monkeypatch, silent_server, refusing_url)
    res = refresh(s, FIVE, timeout=1)
    assert res.unreachable() == "Eastmoney (no answer within 1 s); Tencent (connection refused)"
    s.close()


@pytest.mark.slow
def test_default_refresh_against_silent_servers_within_30_s(tmp_path, monkeypatch, silent_server):
    _point(monkeypatch, silent_server, silent_server)
    s = Store.open(tmp_path / "d.sqlite")
    wl = s.create_watchlist("A")
    s.add_items(wl, ["600519.SH", "000977.SZ", "0700.HK", "300308.SZ", "0981.HK", "002230.SZ"])
    t = time.monotonic()
    res = refresh(s)                                       # the default list, the default timeout
    took = time.monotonic() - t
    assert took < 30, took
    assert len(res) == 9 and len(res.notices) == 1
    assert f"within {DEFAULT_TIMEOUT:g} s" in res.notices[0]
    s.close()


def test_cancel_takes_effect_within_a_second(tmp_path, monkeypatch, silent_server):
    _point(monkeypatch, silent_server, silent_server)
    s = Store.open(tmp_path / "c.sqlite")
    flag = threading.Event()
    box = {}

    def work():
        box["res"] = refresh(s, FIVE, timeout=60, cancelled=flag.is_set)
    th = threading.Thread(target=work)
    th.start()
    time.sleep(0.5)                                         # the first request is hanging now
    t = time.monotonic()
    flag.set()
    th.join(5)
    assert not th.is_alive() and time.monotonic() - t < 1.0
    assert [r.status for r in box["res"]] == ["cancelled"] * 5
    s.close()
