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


def test_v1_file_migrates_to_v2_keeping_watchlists(tmp_path, monkeypatch):
    assert SCHEMA_VERSION >= 2
    db = tmp_path / "v1.sqlite"
    _make_v1(db, monkeypatch)
    assert "prices" not in _tables(db) and "price_fetches" not in _tables(db)
    assert "watchlists" in _tables(db)

    s = Store.open(db)
    assert s.schema_version() == SCHEMA_VERSION
    assert {"prices", "price_fetches"} <= _tables(db)
    names = [w.name for w in s.watchlists()]
    assert names == ["AI servers", "Empty one"]
    w = s.watchlist("AI servers")
    assert w.codes == ["000977.SZ", "0700.HK"]
    it = w.items[1]
    assert (it.notes, it.tags, it.rating, it.target_price) == ("hub", ("core",), 5, 600.0)
    cols = {c["name"] for c in inspect(s.engine).get_columns("prices")}
    assert {"code", "date", "open", "high", "low", "close", "volume", "amount", "adjustment",
            "source", "fetched_at"} <= cols
    pk = inspect(s.engine).get_pk_constraint("prices")["constrained_columns"]
    assert set(pk) == {"code", "date", "adjustment"}
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
    assert {"watchlists", "watchlist_items", "meta", "prices", "price_fetches"} <= _tables(db)
