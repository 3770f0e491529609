"""Schema migrations: a store written by an older program opens in this one without losing data."""
import sqlite3

import pytest
from sqlalchemy import inspect

from app import store as storemod
from app.store import SCHEMA_VERSION, Store


def _tables(db) -> set[str]:
    con = sqlite3.connect(db)
    try:
        return {r[0] for r in con.execute("select name from sqlite_master where type='table'")}
    finally:
        con.close()


def _make_v1(db, monkeypatch) -> None:
    """A file exactly as schema 1 left it (the v1 program ran migration 0 -> 1 only)."""
    with monkeypatch.context() as m:
        m.setattr(storemod, "SCHEMA_VERSION", 1)
        s = Store.open(db)
        wl = s.create_watchlist("AI servers")
        s.add_items(wl, ["000977.SZ", "0700.HK"])
        s.update_item(wl, "0700.HK", notes="hub", tags=["core"], rating=5, target_price=600)
        s.create_watchlist("Empty one")
        assert s.schema_version() == 1
        s.close()


def test_v1_file_migrates_to_the_current_schema_keeping_watchlists(tmp_path, monkeypatch):
    assert SCHEMA_VERSION >= 4
    db = tmp_path / "v1.sqlite"
    _make_v1(db, monkeypatch)
    assert "bar_series" not in _tables(db) and "price_fetches" not in _tables(db)
    assert "watchlists" in _tables(db)

    s = Store.open(db)
    assert s.schema_version() == SCHEMA_VERSION
    assert {"bar_series", "bar_sources", "price_fetches"} <= _tables(db)
    assert not {"prices", "bars", "bar_blobs"} & _tables(db)
    names = [w.name for w in s.watchlists()]
    assert names == ["AI servers", "Empty one"]
    w = s.watchlist("AI servers")
    assert w.codes == ["000977.SZ", "0700.HK"]
    it = w.items[1]
    assert (it.notes, it.tags, it.rating, it.target_price) == ("hub", ("core",), 5, 600.0)
    cols = {c["name"] for c in inspect(s.engine).get_columns("bar_series")}
    assert {"code", "basis", "n", "first_date", "last_date", "data"} <= cols
    pk = inspect(s.engine).get_pk_constraint("bar_sources")["constrained_columns"]
    assert set(pk) == {"code", "first_date"}
    # opening again is a no-op
    s.close()
    s = Store.open(db)
    assert s.schema_version() == SCHEMA_VERSION and [w.name for w in s.watchlists()] == names
    s.close()


def test_a_failing_migration_leaves_the_v1_file_as_it_was(tmp_path, monkeypatch):
    db = tmp_path / "v1.sqlite"
    _make_v1(db, monkeypatch)

    def boom(conn):
        storemod.prices_t.create(conn)
        raise RuntimeError("disk full")

    monkeypatch.setitem(storemod.MIGRATIONS, 1, boom)
    with pytest.raises(RuntimeError, match="disk full"):
        Store.open(db)
    assert "prices" not in _tables(db)  # rolled back with the version bump
    monkeypatch.undo()
    s = Store.open(db)
    assert s.schema_version() == SCHEMA_VERSION
    assert s.watchlist("AI servers").codes == ["000977.SZ", "0700.HK"]
    s.close()


def test_a_new_file_gets_every_table(tmp_path):
    db = tmp_path / "new.sqlite"
    Store.open(db).close()
    assert {"watchlists", "watchlist_items", "meta", "bar_series", "bar_sources", "price_fetches"} <= _tables(db)
    assert not {"prices", "bars", "bar_blobs"} & _tables(db)


def _make_v2_with_prices(db, monkeypatch) -> None:
    """A schema-2 file with cached prices as the schema-2 program wrote them (one series per
    adjustment): 600519.SH as printed + hfq, 0700.HK qfq only, HSI.HI unadjusted."""
    with monkeypatch.context() as m:
        m.setattr(storemod, "SCHEMA_VERSION", 2)
        s = Store.open(db)
        wl = s.create_watchlist("A")
        s.add_items(wl, ["600519.SH", "0700.HK"])
        rows = []
        for i, day in enumerate(["2026-01-05", "2026-01-06", "2026-01-07"]):
            raw = 100.0 + i
            rows += [("600519.SH", day, "none", raw, 1.0), ("600519.SH", day, "hfq", raw * 8.5, 1.0),
                     ("600519.SH", day, "qfq", raw - 1.35, 1.0),
                     ("0700.HK", day, "qfq", 600.0 + i, 1.0), ("HSI.HI", day, "none", 26000.0 + i, 1.0)]
        with s.write() as conn:
            conn.execute(storemod.prices_t.insert(), [
                {"code": c, "date": d, "adjustment": a, "open": px, "high": px, "low": px, "close": px,
                 "volume": 1e6, "amount": 1e8, "source": "akshare", "fetched_at": "2026-01-07T16:00:00"}
                for c, d, a, px, _ in rows])
        s.close()


def test_v2_prices_migrate_to_bars_and_factors(tmp_path, monkeypatch):
    from app.prices.cache import PriceCache
    db = tmp_path / "v2.sqlite"
    _make_v2_with_prices(db, monkeypatch)
    s = Store.open(db)
    assert s.schema_version() == SCHEMA_VERSION and "prices" not in _tables(db)
    cache = PriceCache(s)
    raw = cache.load("600519.SH", "none")
    assert raw["close"].tolist() == [100.0, 101.0, 102.0]            # the unadjusted series kept
    assert cache.load("600519.SH", "hfq")["close"].tolist() == pytest.approx([850.0, 858.5, 867.0])
    assert cache.basis("600519.SH") == "none"
    assert cache.basis("0700.HK") == "qfq"                           # only qfq was cached: kept, marked
    assert cache.load("0700.HK")["close"].tolist() == [600.0, 601.0, 602.0]
    assert cache.basis("HSI.HI") == "none" and len(cache.load("HSI.HI")) == 3
    assert [r["source"] for r in cache.series_info("600519.SH")] == ["akshare"]
    assert s.watchlist("A").codes == ["600519.SH", "0700.HK"]
    s.close()


def test_v2_prices_migrate_to_bars_on_postgresql(pg_empty, monkeypatch):
    """The same 2 -> 3 -> 4 -> 5 path on a team database (the INSERT … SELECT of migration 3 -> 4)."""
    from app.prices.cache import PriceCache
    url = pg_empty.url()
    _make_v2_with_prices(url, monkeypatch)
    s = Store.open(url)
    assert s.schema_version() == SCHEMA_VERSION
    with s.read() as c:
        tables = set(inspect(c).get_table_names())
    assert {"bar_series", "bar_sources", "user_reports", "universe_listings", "changes"} <= tables
    assert not {"prices", "bars", "bar_blobs"} & tables
    cache = PriceCache(s)
    assert cache.load("600519.SH", "none")["close"].tolist() == [100.0, 101.0, 102.0]
    assert cache.load("600519.SH", "hfq")["close"].tolist() == pytest.approx([850.0, 858.5, 867.0])
    assert cache.basis("0700.HK") == "qfq" and cache.basis("HSI.HI") == "none"
    assert s.watchlist("A").codes == ["600519.SH", "0700.HK"]
    s.close()
