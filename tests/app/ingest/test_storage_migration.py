"""Schema 3 (reports the user added): a schema-2 store gains the tables and keeps its data."""
import sqlite3

from app import store as storemod
from app.store import Store


def _tables(db) -> set[str]:
    con = sqlite3.connect(db)
    try:
        return {r[0] for r in con.execute("select name from sqlite_master where type='table'")}
    finally:
        con.close()


def test_v2_store_gains_the_report_tables(tmp_path, monkeypatch):
    db = tmp_path / "v2.sqlite"
    with monkeypatch.context() as m:
        m.setattr(storemod, "SCHEMA_VERSION", 2)
        s = Store.open(db)
        wl = s.create_watchlist("mine")
        s.add_items(wl, ["0700.HK"])
        s.close()
    assert "user_reports" not in _tables(db)
    s = Store.open(db)
    try:
        assert s.schema_version() >= 3
        assert {"user_reports", "user_facts", "user_records"} <= _tables(db)
        assert s.watchlist("mine").codes == ["0700.HK"]
    finally:
        s.close()
