"""Schema 6: each series' bars packed in one row (``bar_series``) plus its source runs
(``bar_sources``). Round trip, incremental writes, re-base, and migration from schema 5's
one-row-per-bar table, on SQLite and PostgreSQL."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from sqlalchemy import text

from app import store as storemod
from app.prices.cache import PriceCache
from app.prices.providers import normalise
from app.prices.service import price_metrics
from app.store import SCHEMA_VERSION, Store


def _frame(code: str, start: str, n: int, seed: int = 0, factor=None, scale: float = 1.0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    dates = pd.bdate_range(start=start, periods=n)
    close = scale * 50 * np.exp(np.cumsum(rng.normal(0, 0.02, n)))
    df = normalise(pd.DataFrame({"date": dates, "open": close * 0.995, "high": close * 1.01,
                                 "low": close * 0.99, "close": close, "volume": rng.integers(1, 9, n) * 1e5,
                                 "amount": close * 1e5}), code=code, adjustment="none")
    if factor is not None:
        df["factor"] = factor
    return df


def _runs(cache, code):
    return [(r["source"], r["basis"], str(r["first_date"]), str(r["last_date"]), r["bars"])
            for r in cache.series_info(code)]


def test_round_trip_keeps_every_value_nan_and_factor(backend):
    s = Store.open(backend)
    cache = PriceCache(s)
    f = _frame("600519.SH", "2025-01-02", 300, factor=np.r_[np.ones(150), np.full(150, 1.1)])
    f.loc[5, "open"] = np.nan
    f.loc[7, "volume"] = np.nan
    res = cache.write(f, "eastmoney", fetched_at="2026-01-05T10:00:00")[0]
    assert (res.added, res.updated) == (300, 0)
    got = cache.load("600519.SH", "none")
    pd.testing.assert_frame_equal(got[["date", "open", "high", "low", "close", "volume", "amount"]],
                                  f[["date", "open", "high", "low", "close", "volume", "amount"]],
                                  check_exact=True)
    assert np.isnan(got["open"].iloc[5]) and np.isnan(got["volume"].iloc[7])
    hfq = cache.load("600519.SH", "hfq")["close"].to_numpy()
    assert np.array_equal(hfq, f["close"].to_numpy() * f["factor"].to_numpy())
    tr = cache.load("600519.SH", "tr")["close"].to_numpy()
    assert tr[-1] == f["close"].iloc[-1] and tr[0] == pytest.approx(f["close"].iloc[0] / 1.1)
    assert _runs(cache, "600519.SH") == [("eastmoney", "none", "2025-01-02", str(f["date"].iloc[-1].date()), 300)]
    assert cache.series_info("600519.SH")[0]["fetched_at"] == "2026-01-05T10:00:00"
    assert cache.last_date("600519.SH") == f["date"].iloc[-1].date()
    assert cache.basis("600519.SH") == "none" and cache.codes() == ["600519.SH"]
    t = cache.tail("600519.SH", 2)
    assert t["close"].tolist() == f["close"].iloc[-2:].tolist() and t["source"].tolist() == ["eastmoney"] * 2
    assert cache.factor_before("600519.SH", f["date"].iloc[150]) == 1.0
    assert cache.factor_before("600519.SH", f["date"].iloc[0]) is None
    assert cache.delete("600519.SH") == 300 and cache.load("600519.SH").empty and cache.series_info("600519.SH") == []
    s.close()


def test_incremental_writes_merge_and_record_each_source_run(backend):
    s = Store.open(backend)
    cache = PriceCache(s)
    base = _frame("0700.HK", "2025-01-02", 100, seed=1)
    cache.write(base, "eastmoney", fetched_at="2026-01-01T00:00:00")
    # an overlapping answer from the fallback: 10 cached days overwritten, 20 new
    later = _frame("0700.HK", "2025-01-02", 120, seed=1, scale=1.01).iloc[90:]
    res = cache.write(later, "tencent", fetched_at="2026-01-02T00:00:00")[0]
    assert (res.added, res.updated) == (20, 10)
    got = cache.load("0700.HK", "none")
    assert len(got) == 120 and got["date"].is_monotonic_increasing and not got["date"].duplicated().any()
    assert got["close"].iloc[:90].tolist() == base["close"].iloc[:90].tolist()
    assert got["close"].iloc[90:].tolist() == later["close"].tolist()
    d = got["date"].dt.strftime("%Y-%m-%d").tolist()
    assert _runs(cache, "0700.HK") == [("eastmoney", "none", d[0], d[89], 90), ("tencent", "none", d[90], d[119], 30)]
    # a plain append (the daily refresh) after the last bar, then a patch in the middle
    cache.write(_frame("0700.HK", "2025-01-02", 125, seed=1).iloc[120:], "tencent", fetched_at="2026-01-03T00:00:00")
    mid = base.iloc[40:45].copy()
    mid["close"] = 1.0
    cache.write(mid, "file:x.csv", fetched_at="2026-01-04T00:00:00")
    got = cache.load("0700.HK", "none")
    d = got["date"].dt.strftime("%Y-%m-%d").tolist()
    assert len(got) == 125 and got["close"].iloc[40:45].tolist() == [1.0] * 5
    assert _runs(cache, "0700.HK") == [("eastmoney", "none", d[0], d[39], 40), ("file:x.csv", "none", d[40], d[44], 5),
                                      ("eastmoney", "none", d[45], d[89], 45), ("tencent", "none", d[90], d[124], 35)]
    assert [r["fetched_at"] for r in cache.series_info("0700.HK")][-1] == "2026-01-03T00:00:00"
    assert sum(r["bars"] for r in cache.series_info("0700.HK")) == len(got)
    # missing factors carry the cached factor before the frame forward
    cache.write(_frame("0700.HK", "2025-01-02", 125, seed=1, factor=np.r_[np.ones(124), 2.0]).iloc[124:],
                "eastmoney")
    nxt = _frame("0700.HK", "2025-01-02", 127, seed=1).iloc[125:]
    cache.write(nxt, "eastmoney")
    assert cache.load("0700.HK", "hfq")["close"].iloc[-1] == pytest.approx(nxt["close"].iloc[-1] * 2.0)
    # replace empties the series first
    cache.write(base.iloc[:3], "file:y.csv", replace=True)
    assert len(cache.load("0700.HK")) == 3 and _runs(cache, "0700.HK")[0][0] == "file:y.csv"
    assert len(_runs(cache, "0700.HK")) == 1
    s.close()


def test_a_rebase_changes_factors_only(backend):
    s = Store.open(backend)
    cache = PriceCache(s)
    f = _frame("000001.SZ", "2025-06-02", 50, seed=3, factor=np.r_[np.ones(25), np.full(25, 1.05)])
    cache.write(f, "eastmoney", fetched_at="2026-01-01T00:00:00")
    raw_before = cache.load("000001.SZ", "none")
    # the source re-based: new factors for the cached days (and its prices differ slightly), two new days
    g = _frame("000001.SZ", "2025-06-02", 52, seed=3, factor=np.r_[np.full(26, 2.0), np.full(26, 2.1)], scale=1.5)
    res = cache.write(g, "tencent", keep_bars=True, fetched_at="2026-01-02T00:00:00")[0]
    assert (res.added, res.updated) == (2, 50)
    raw = cache.load("000001.SZ", "none")
    pd.testing.assert_frame_equal(raw.iloc[:50].reset_index(drop=True), raw_before, check_exact=True)
    assert raw["close"].iloc[50:].tolist() == g["close"].iloc[50:].tolist()
    hfq = cache.load("000001.SZ", "hfq")["close"].to_numpy()
    assert np.allclose(hfq[:50], raw_before["close"].to_numpy() * g["factor"].to_numpy()[:50])
    d = raw["date"].dt.strftime("%Y-%m-%d").tolist()
    # the cached bars still say which source printed them
    assert _runs(cache, "000001.SZ") == [("eastmoney", "none", d[0], d[49], 50), ("tencent", "none", d[50], d[51], 2)]
    assert cache.series_info("000001.SZ")[0]["fetched_at"] == "2026-01-02T00:00:00"
    s.close()


def _make_v5_with_bars(target, monkeypatch) -> None:
    """A schema-5 store as the schema-5 program wrote it: one row per bar in ``bars`` (two
    sources for 600519.SH, a qfq file for 0700.HK) and the packed read cache ``bar_blobs``."""
    with monkeypatch.context() as m:
        m.setattr(storemod, "SCHEMA_VERSION", 5)
        s = Store.open(target)
        assert s.schema_version() == 5
        wl = s.create_watchlist("A")
        s.add_items(wl, ["600519.SH", "0700.HK"])
        rows = []
        days = pd.bdate_range("2025-12-01", periods=30).strftime("%Y-%m-%d").tolist()
        for i, day in enumerate(days):
            px = 100.0 + i
            rows.append(dict(code="600519.SH", date=day, open=px - 1, high=px + 1, low=px - 2, close=px,
                             volume=None if i == 3 else 1e6, amount=1e8, factor=1.0 if i < 20 else 1.25,
                             basis="none", source="eastmoney" if i < 25 else "tencent",
                             fetched_at="2026-01-02T09:00:00" if i < 25 else "2026-01-03T09:00:00"))
            if i < 10:
                rows.append(dict(code="0700.HK", date=day, open=None, high=None, low=None, close=600.0 + i,
                                 volume=None, amount=None, factor=1.0, basis="qfq", source="file:hk.csv",
                                 fetched_at="2026-01-01T08:00:00"))
        with s.write() as conn:
            conn.execute(storemod.bars_t.insert(), rows)
            conn.execute(storemod.bar_blobs_t.insert(), [dict(code="600519.SH", basis="none", n=0, data=b"")])
            conn.execute(text("INSERT INTO price_fetches (code, source, fetched_at, rows, status, message) "
                              "VALUES ('600519.SH', 'eastmoney', '2026-01-02T09:00:00', 25, 'ok', '')"))
        s.close()


def _check_v6(s: Store) -> None:
    assert s.schema_version() == SCHEMA_VERSION == 6
    with s.read() as c:
        from sqlalchemy import inspect
        tables = set(inspect(c).get_table_names())
    assert {"bar_series", "bar_sources"} <= tables and not {"bars", "bar_blobs"} & tables
    cache = PriceCache(s)
    raw = cache.load("600519.SH", "none")
    assert raw["close"].tolist() == [100.0 + i for i in range(30)]
    assert raw["open"].tolist() == [99.0 + i for i in range(30)] and np.isnan(raw["volume"].iloc[3])
    hfq = cache.load("600519.SH", "hfq")["close"].tolist()
    assert hfq == pytest.approx([100.0 + i for i in range(20)] + [(100.0 + i) * 1.25 for i in range(20, 30)])
    d = raw["date"].dt.strftime("%Y-%m-%d").tolist()
    assert _runs(cache, "600519.SH") == [("eastmoney", "none", d[0], d[24], 25), ("tencent", "none", d[25], d[29], 5)]
    assert [r["fetched_at"] for r in cache.series_info("600519.SH")] == ["2026-01-02T09:00:00", "2026-01-03T09:00:00"]
    assert cache.basis("0700.HK") == "qfq" and cache.load("0700.HK")["close"].tolist() == [600.0 + i for i in range(10)]
    assert cache.codes() == ["0700.HK", "600519.SH"]
    m = price_metrics(s, ["600519.SH", "0700.HK"])
    assert m.loc["600519.SH", "last"] == 129.0 and m.loc["600519.SH", "change"] == pytest.approx(129 / 128 - 1)
    assert m.loc["0700.HK", "last"] == 609.0
    assert s.watchlist("A").codes == ["600519.SH", "0700.HK"]
    # and it goes on working: an append after the migrated bars
    nxt = normalise(pd.DataFrame({"date": [pd.Timestamp(d[-1]) + pd.offsets.BDay(1)], "open": [130.0],
                                  "high": [131.0], "low": [129.0], "close": [130.0], "volume": [1e6],
                                  "amount": [1e8]}), code="600519.SH", adjustment="none")
    assert cache.write(nxt, "eastmoney")[0].added == 1
    assert cache.load("600519.SH", "hfq")["close"].iloc[-1] == pytest.approx(130.0 * 1.25)


def test_schema_5_bars_migrate_to_packed_series(tmp_path, monkeypatch):
    db = tmp_path / "v5.sqlite"
    _make_v5_with_bars(db, monkeypatch)
    s = Store.open(db)
    _check_v6(s)
    s.close()
    s = Store.open(db)                            # opening again is a no-op
    assert len(PriceCache(s).load("600519.SH")) == 31
    s.close()


def test_schema_5_bars_migrate_to_packed_series_on_postgresql(pg_empty, monkeypatch):
    url = pg_empty.url()
    _make_v5_with_bars(url, monkeypatch)
    s = Store.open(url)
    _check_v6(s)
    s.close()
