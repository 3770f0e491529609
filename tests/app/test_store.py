import multiprocessing as mp
import sqlite3

import pytest

from app import kb as kbmod
from app.domain import Company, Evidence, Mention
from app.services import Desk
from app.store import DEFAULT_WATCHLIST, SCHEMA_VERSION, Store, StoreError


@pytest.fixture
def desk(backend):
    """These tests run on a SQLite file and on a real PostgreSQL server (tests/pgserver.py)."""
    d = Desk.open(backend)
    yield d
    d.store.close()


def test_first_run_creates_default_watchlist_with_every_listing(desk, kb):
    wl = desk.store.watchlist(DEFAULT_WATCHLIST)
    assert set(wl.codes) == set(kb.listed_codes())
    assert not any(c.endswith(".US") for c in wl.codes)
    assert desk.store.kb_version() == kb.version
    assert desk.store.schema_version() == SCHEMA_VERSION


def test_kb_roundtrips_through_the_store(desk, kb):
    again = desk.store.load_kb()
    assert again.companies == kb.companies
    assert again.edges == kb.edges
    assert again.members == kb.members
    assert again.reports == kb.reports
    assert {k: t.rows for k, t in again.figures.items()} == {k: t.rows for k, t in kb.figures.items()}


def test_user_fields_and_validation(desk):
    s = desk.store
    wl = s.create_watchlist("AI servers")
    assert s.add_items(wl, ["000977.SZ", "0700.HK"]) == ["000977.SZ", "0700.HK"]
    assert s.add_items(wl, ["0700.HK"]) == []  # already there
    before = s.update_item(wl, "000977.SZ", notes="超50%算力", tags="compute, core", rating=4, target_price="58.5")
    assert before.notes == ""
    it = s.watchlist(wl).items[0]
    assert (it.notes, it.tags, it.rating, it.target_price) == ("超50%算力", ("compute", "core"), 4, 58.5)
    with pytest.raises(StoreError, match="rating 'x'"):
        s.update_item(wl, "000977.SZ", rating="x")
    with pytest.raises(StoreError, match="from 1 to 5"):
        s.update_item(wl, "000977.SZ", rating=9)
    with pytest.raises(StoreError, match="positive"):
        s.update_item(wl, "000977.SZ", target_price=-3)
    with pytest.raises(StoreError, match="not in that watchlist"):
        s.update_item(wl, "600519.SH", notes="x")
    # the failed writes changed nothing
    assert s.watchlist(wl).items[0].rating == 4


def test_order_remove_restore_copy_move(desk):
    s = desk.store
    a = s.create_watchlist("A")
    b = s.create_watchlist("B")
    s.add_items(a, ["1.600519", "0700.HK", "300308.SZ", "9988.HK"][1:])
    s.add_items(a, ["600519.SH"], at=0)
    assert s.watchlist(a).codes == ["600519.SH", "0700.HK", "300308.SZ", "9988.HK"]
    s.move_items(a, ["9988.HK"], 1)
    assert s.watchlist(a).codes == ["600519.SH", "9988.HK", "0700.HK", "300308.SZ"]
    s.update_item(a, "0700.HK", notes="hub", rating=5)
    removed = s.remove_items(a, ["0700.HK"])
    assert s.watchlist(a).codes == ["600519.SH", "9988.HK", "300308.SZ"]
    s.restore_items(a, removed)
    w = s.watchlist(a)
    assert w.codes == ["600519.SH", "9988.HK", "0700.HK", "300308.SZ"]
    assert w.items[2].notes == "hub" and w.items[2].rating == 5
    assert s.copy_items(a, b, ["0700.HK", "300308.SZ"]) == ["0700.HK", "300308.SZ"]
    assert s.watchlist(b).items[0].notes == "hub"
    s.copy_items(a, b, ["600519.SH"], move=True)
    assert "600519.SH" not in s.watchlist(a).codes
    assert s.watchlist(b).codes == ["0700.HK", "300308.SZ", "600519.SH"]
    with pytest.raises(StoreError, match="already exists"):
        s.create_watchlist("A")
    with pytest.raises(StoreError, match="no watchlist 'Z'"):
        s.watchlist("Z")


def test_newer_kb_merges_without_touching_user_fields(tmp_path, kb):
    db = tmp_path / "s.sqlite"
    desk = Desk.open(db)
    wl = desk.store.watchlist(DEFAULT_WATCHLIST)
    code = wl.codes[0]
    desk.store.update_item(wl.id, code, notes="my note", tags=["mine"], rating=3, target_price=10)
    desk.store.remove_items(wl.id, [wl.codes[1]])  # the user removed one
    removed = wl.codes[1]
    # A newer bundled version adds a company.
    kb.version = kb.version + ".next"
    new = Company(codes=("600519.SH",), name_zh_hans="贵州茅台", name_zh_hant="貴州茅臺", name_en="Kweichow Moutai")
    kb2 = kbmod.KnowledgeBase()
    kb2.__dict__.update({k: (dict(v) if isinstance(v, dict) else list(v) if isinstance(v, list) else v)
                         for k, v in kb.__dict__.items()})
    kb2.companies["600519.SH"] = new
    kb2.by_listing["600519.SH"] = new
    kb2.mentions.append(Mention("600519.SH", Evidence("002_9ef0a8e84e9da9c7.txt", "x")))
    res = desk.store.sync_kb(kb2, desk.store.securities())
    kb.version = kb.version.removesuffix(".next")
    assert res["loaded"] and res["added"] == ["600519.SH"]
    w = desk.store.watchlist(DEFAULT_WATCHLIST)
    assert w.codes[-1] == "600519.SH"
    assert removed not in w.codes  # a user's removal is respected
    it = next(i for i in w.items if i.code == code)
    assert (it.notes, it.tags, it.rating, it.target_price) == ("my note", ("mine",), 3, 10.0)
    assert "600519.SH" in desk.store.load_kb().companies
    # same version again: nothing to do
    assert desk.store.sync_kb(kb2, desk.store.securities())["loaded"] is False


def test_schema_newer_than_program_is_refused(tmp_path):
    db = tmp_path / "s.sqlite"
    Store.open(db).close()
    con = sqlite3.connect(db)
    con.execute("update meta set value='999' where key='schema_version'")
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="newer than this program"):
        Store.open(db)


def test_migrates_an_unversioned_file(tmp_path):
    db = tmp_path / "old.sqlite"
    sqlite3.connect(db).close()  # an empty file from before versioning
    s = Store.open(db)
    assert s.schema_version() == SCHEMA_VERSION
    s.create_watchlist("x")


def test_a_failed_write_leaves_nothing_half_done(desk):
    s = desk.store
    wl = s.create_watchlist("T")
    with pytest.raises(RuntimeError):
        with s.write() as conn:
            s._add_items(conn, wl, ["0700.HK", "9988.HK"])
            raise RuntimeError("boom")
    assert s.watchlist(wl).codes == []


def _writer(db, name, n, q):
    s = Store.open(db)
    wl = s.ensure_watchlist("shared")
    for i in range(n):
        s.add_items(wl, [f"{name}{i:05d}"])
        s.update_item(wl, f"{name}{i:05d}", notes=f"{name}-{i}")
    s.close()
    q.put(name)


def test_two_processes_lose_no_write(tmp_path):
    db = tmp_path / "shared.sqlite"
    Store.open(db).ensure_watchlist("shared")
    ctx = mp.get_context("spawn")
    q = ctx.Queue()
    procs = [ctx.Process(target=_writer, args=(db, p, 60, q)) for p in ("6000", "6010")]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
        assert p.exitcode == 0
    s = Store.open(db)
    w = s.watchlist("shared")
    assert len(w.codes) == 120 == len(set(w.codes))
    assert sorted(i.position for i in w.items) == list(range(120))
    assert all(i.notes for i in w.items)
    con = sqlite3.connect(db)
    assert con.execute("pragma integrity_check").fetchone()[0] == "ok"
