"""Team mode: the store on a real PostgreSQL server (tests/pgserver.py) and the same semantics on SQLite.

Conflicts, roles and sharing, hostile text, the change counter, the shared price cache lock,
``db`` commands and copying between the two databases.
"""
import multiprocessing as mp
import threading

import pytest
from sqlalchemy import text

from app import cli
from app.services import Desk
from app.store import DEFAULT_WATCHLIST, SCHEMA_VERSION, ConflictError, ReadOnlyError, Store, StoreError
from app.team import pg as pgmod


def _open2(backend):
    """Two independent desks on the same store (two users, or two windows on one file)."""
    return Store.open(backend), Store.open(backend)


# ---- opening a URL -----------------------------------------------------------------------
def test_a_postgres_url_is_never_taken_for_a_file(tmp_path, monkeypatch):
    """The defect: `--db postgresql://…` created a folder named 'postgresql:' and a SQLite file."""
    monkeypatch.chdir(tmp_path)
    with pytest.raises(StoreError, match="cannot reach a PostgreSQL server at 127.0.0.1:1"):
        Store.open("postgresql://someone@127.0.0.1:1/team")
    assert list(tmp_path.iterdir()) == []
    assert cli.run(["watchlist", "list", "--db", "postgresql://someone@127.0.0.1:1/team"]) == 1
    assert list(tmp_path.iterdir()) == []


def test_unsupported_url_scheme(tmp_path):
    with pytest.raises(StoreError, match="unsupported database URL 'mysql://u@h/db'"):
        Store.open("mysql://u:secret@h/db")


def test_connection_errors_say_what_is_wrong(pg_db, monkeypatch):
    port = pg_db.server.port
    with pytest.raises(StoreError, match="wrong password for user alice") as e:
        Store.open(f"postgresql://alice:nope@127.0.0.1:{port}/{pg_db.name}")
    assert "nope" not in str(e.value)  # the password is never echoed
    with pytest.raises(StoreError, match="wants a password for ghost.*pgpass"):
        Store.open(f"postgresql://ghost@127.0.0.1:{port}/{pg_db.name}")
    with pytest.raises(StoreError, match="database 'nosuch' does not exist"):
        Store.open(f"postgresql://alice@127.0.0.1:{port}/nosuch")
    with pytest.raises(StoreError, match="names no database"):
        Store.open(f"postgresql://alice@127.0.0.1:{port}")
    monkeypatch.setattr(pgmod, "MIN_SERVER_VERSION", (99, 0))
    with pytest.raises(StoreError, match=r"PostgreSQL 1\d\.\d+ is too old; Chainwatch needs 99.0"):
        Store.open(pg_db.url())


def test_postgres_store_schema_and_kb(pg_db, kb):
    desk = Desk.open(pg_db.url())
    s = desk.store
    assert s.is_postgres and s.user == "chainwatch_admin"
    assert s.schema_version() == SCHEMA_VERSION
    assert "@" in str(s.path) and ":pw" not in str(s.path)
    assert set(s.watchlist(DEFAULT_WATCHLIST).codes) == set(kb.listed_codes())
    again = s.load_kb()
    assert again.companies == kb.companies and again.edges == kb.edges
    assert len(desk.universe) == len(Desk.open(pg_db.url()).universe) > 5000
    with s.read() as c:
        assert c.execute(text("SELECT relrowsecurity FROM pg_class WHERE relname = 'watchlist_items'")).scalar()


def _open_fresh(url, q):
    try:
        d = Desk.open(url)
        q.put(("ok", d.store.get_meta("kb_loaded_at")))
    except BaseException as e:  # noqa: BLE001
        q.put(("error", repr(e)))


def test_two_desks_opening_a_fresh_database_load_the_kb_once(pg_empty):
    ctx = mp.get_context("spawn")
    q = ctx.Queue()
    procs = [ctx.Process(target=_open_fresh, args=(pg_empty.url(), q)) for _ in range(2)]
    for p in procs:
        p.start()
    got = [q.get(timeout=120) for _ in procs]
    for p in procs:
        p.join(60)
    assert [g[0] for g in got] == ["ok", "ok"], got
    assert got[0][1] == got[1][1]  # one load, seen by both
    s = Store.open(pg_empty.url())
    assert [w.name for w in s.watchlists()] == [DEFAULT_WATCHLIST]
    assert len(s.watchlist(DEFAULT_WATCHLIST).codes) == len(set(s.watchlist(DEFAULT_WATCHLIST).codes))


# ---- conflicts (both databases) ------------------------------------------------------------
def test_second_of_two_edits_is_told_with_both_values(backend):
    a, b = _open2(backend)
    wl = a.create_watchlist("team")
    a.add_items(wl, ["0700.HK"])
    seen_a = a.watchlist(wl).items[0]
    seen_b = b.watchlist(wl).items[0]
    a.update_item(wl, "0700.HK", expect={"notes": seen_a.notes}, notes="A: 算力 hub")
    with pytest.raises(ConflictError) as e:
        b.update_item(wl, "0700.HK", expect={"notes": seen_b.notes}, notes="B: cheap")
    assert (e.value.mine, e.value.theirs, e.value.base, e.value.field) == ("B: cheap", "A: 算力 hub", "", "notes")
    assert "A: 算力 hub" in str(e.value) and "B: cheap" in str(e.value)
    assert b.watchlist(wl).items[0].notes == "A: 算力 hub"  # nothing overwritten
    # a different field of the same item merges
    b.update_item(wl, "0700.HK", expect={"target_price": None}, target_price=520)
    it = a.watchlist(wl).items[0]
    assert (it.notes, it.target_price, it.version) == ("A: 算力 hub", 520.0, 3)
    with pytest.raises(ConflictError, match="target_price"):
        a.update_item(wl, "0700.HK", expect={"target_price": None}, target_price=600)


def test_removing_an_item_another_user_just_edited_is_a_conflict(backend):
    a, b = _open2(backend)
    wl = a.create_watchlist("team")
    a.add_items(wl, ["0700.HK", "9988.HK"])
    seen = {i.code: i.version for i in b.watchlist(wl).items}
    a.update_item(wl, "0700.HK", notes="keep me")
    with pytest.raises(ConflictError, match="0700.HK was changed"):
        b.remove_items(wl, ["0700.HK", "9988.HK"], versions=seen)
    assert a.watchlist(wl).codes == ["0700.HK", "9988.HK"]  # nothing removed
    b.remove_items(wl, ["9988.HK"], versions=seen)  # untouched item: fine
    assert a.watchlist(wl).codes == ["0700.HK"]


def _race_round(stores, wl, base, values, barrier, out):
    def one(i):
        barrier.wait()
        try:
            stores[i].update_item(wl, "0700.HK", expect={"notes": base}, notes=values[i])
            out[i] = "ok"
        except ConflictError as e:
            out[i] = e
    ts = [threading.Thread(target=one, args=(i,)) for i in range(2)]
    for t in ts:
        t.start()
    for t in ts:
        t.join(60)


def test_forced_race_detects_the_conflicting_edit_every_time(backend):
    a, b = _open2(backend)
    wl = a.create_watchlist("race")
    a.add_items(wl, ["0700.HK"])
    rounds = 25
    for r in range(rounds):
        base = a.watchlist(wl).items[0].notes
        values = [f"a{r}", f"b{r}"]
        out = [None, None]
        _race_round([a, b], wl, base, values, threading.Barrier(2), out)
        ok = [i for i in range(2) if out[i] == "ok"]
        lost = [i for i in range(2) if isinstance(out[i], ConflictError)]
        assert len(ok) == 1 and len(lost) == 1, out
        err = out[lost[0]]
        assert err.mine == values[lost[0]] and err.theirs == values[ok[0]]
        assert a.watchlist(wl).items[0].notes == values[ok[0]]
    assert a.watchlist(wl).items[0].version == rounds + 1


def _mover(target, wl, n, seed, q):
    import random

    s = Store.open(target)
    rnd = random.Random(seed)
    try:
        for _ in range(n):
            codes = s.watchlist(wl).codes
            pick = rnd.sample(codes, 2)
            s.move_items(wl, pick, rnd.randrange(len(codes)))
        q.put("ok")
    except BaseException as e:  # noqa: BLE001
        q.put(repr(e))
    finally:
        s.close()


def test_watchlist_order_stays_consistent_under_concurrent_moves(backend):
    s = Store.open(backend)
    wl = s.create_watchlist("moves")
    codes = [f"{600000 + i}.SH" for i in range(30)]
    s.add_items(wl, codes)
    ctx = mp.get_context("spawn")
    q = ctx.Queue()
    procs = [ctx.Process(target=_mover, args=(backend, wl, 40, k, q)) for k in range(3)]
    for p in procs:
        p.start()
    res = [q.get(timeout=180) for _ in procs]
    for p in procs:
        p.join(60)
    assert res == ["ok"] * 3
    w = s.watchlist(wl)
    assert sorted(w.codes) == sorted(codes)
    assert [i.position for i in w.items] == list(range(30))


# ---- hostile text (both databases) ------------------------------------------------------------
HOSTILE = ["'); DROP TABLE watchlists; --", 'quote " and \' and `', "a;b;c", "\\x00 literally, \\ backslash",
           "line\nbreak\ttab\r", "混合 繁體 😀 \u200b zero-width", "%s %(x)s {0} ?", "x" * 10_000,
           "—" * 10_000]


def test_hostile_text_is_stored_and_read_back_exactly(backend):
    s = Store.open(backend)
    for i, h in enumerate(HOSTILE):
        name = f"{h} #{i}"
        wl = s.create_watchlist(name)
        s.add_items(wl, ["0700.HK"], fields={"0700.HK": {"notes": h, "tags": [h, "ok"]}})
        s.add_items(wl, ["9988.HK"])
        s.update_item(wl, "9988.HK", notes=h, tags=[h])
        s.save_screen(name, {"text": h})
    back = {w.name: w for w in Store.open(backend).watchlists()}
    for i, h in enumerate(HOSTILE):
        w = back[f"{h} #{i}"]
        assert w.items[0].notes == h and w.items[0].tags == (h, "ok")
        assert w.items[1].notes == h and w.items[1].tags == (h.strip(),)  # tags are trimmed by design
    screens = s.screens()
    assert all(screens[f"{h} #{i}"] == {"text": h} for i, h in enumerate(HOSTILE))
    with s.read() as c:  # the injection attempt is only a name
        n = c.execute(text("SELECT count(*) FROM watchlists WHERE name <> :d"), {"d": DEFAULT_WATCHLIST}).scalar()
        assert n == len(HOSTILE)


def test_nul_is_refused_on_both_databases_and_nothing_is_written(backend):
    s = Store.open(backend)
    wl = s.create_watchlist("n")
    s.add_items(wl, ["0700.HK"])
    seq = s.change_seq()
    for call in (lambda: s.update_item(wl, "0700.HK", notes="a\x00b"),
                 lambda: s.update_item(wl, "0700.HK", tags=["ok", "t\x00"]),
                 lambda: s.create_watchlist("bad\x00name"),
                 lambda: s.rename_watchlist(wl, "\x00"),
                 lambda: s.save_screen("s\x00", {}),
                 lambda: s.add_items(wl, ["9988.HK"], fields={"9988.HK": {"notes": "\x00"}})):
        with pytest.raises(StoreError, match=r"NUL character \(\\x00\) at position \d+"):
            call()
    assert s.watchlist(wl).codes == ["0700.HK"] and s.watchlist(wl).items[0].notes == ""
    assert s.change_seq() == seq


# ---- change counter -----------------------------------------------------------------------
def test_other_users_changes_move_the_change_counter(backend):
    a, b = _open2(backend)
    seen = b.change_seq()
    wl = a.create_watchlist("x")
    assert b.change_seq() == seen + 1
    a.add_items(wl, ["0700.HK"])
    a.update_item(wl, "0700.HK", rating=4)
    assert b.change_seq() == seen + 3
    with pytest.raises(StoreError):
        a.update_item(wl, "0700.HK", rating=9)  # refused: no change
    assert b.change_seq() == seen + 3


# ---- roles and sharing (PostgreSQL) --------------------------------------------------------------
def test_read_only_role_can_look_but_not_write_enforced_by_the_database(pg_db):
    admin = Store.open(pg_db.url())
    wl = admin.watchlist(DEFAULT_WATCHLIST)
    ro = Desk.open(pg_db.url("reader")).store
    assert ro.user == "reader"
    assert ro.watchlist(DEFAULT_WATCHLIST).codes == wl.codes
    for call in (lambda: ro.create_watchlist("mine"),
                 lambda: ro.add_items(wl.id, ["600519.SH"]),
                 lambda: ro.update_item(wl.id, wl.codes[0], notes="x"),
                 lambda: ro.remove_items(wl.id, wl.codes[:1]),
                 lambda: ro.save_screen("s", {})):
        with pytest.raises(ReadOnlyError):
            call()
    # not only the program: the database itself refuses the role
    with ro.engine.connect() as c:
        with pytest.raises(Exception, match="permission denied"):
            c.execute(text("UPDATE watchlist_items SET notes = 'sneaky'"))
    assert all(i.notes == "" for i in admin.watchlist(DEFAULT_WATCHLIST).items)


def test_personal_shared_read_and_shared_edit_lists(pg_db):
    alice = Store.open(pg_db.url("alice"))
    bob = Store.open(pg_db.url("bob"))
    mine = alice.create_watchlist("alice private", sharing="personal")
    alice.add_items(mine, ["0700.HK"])
    assert "alice private" not in [w.name for w in bob.watchlists()]
    with bob.engine.connect() as c:  # invisible in SQL too (row-level security)
        assert c.execute(text("SELECT count(*) FROM watchlist_items WHERE watchlist_id = :i"),
                         {"i": mine}).scalar() == 0
    alice.share_watchlist(mine, "read")
    w = bob.watchlist("alice private")
    assert (w.owner, w.sharing, w.codes) == ("alice", "read", ["0700.HK"])
    with pytest.raises(ReadOnlyError, match="shared read-only by alice"):
        bob.update_item(mine, "0700.HK", notes="bob was here")
    with pytest.raises(ReadOnlyError, match="shared read-only by alice"):
        bob.add_items(mine, ["9988.HK"])
    with pytest.raises(ReadOnlyError, match="only the owner"):
        bob.share_watchlist(mine, "edit")
    with bob.engine.connect() as c:  # the database enforces it, not only the program
        assert c.execute(text("UPDATE watchlist_items SET notes = 'x' WHERE watchlist_id = :i"),
                         {"i": mine}).rowcount == 0
        assert c.execute(text("DELETE FROM watchlists WHERE id = :i"), {"i": mine}).rowcount == 0
        with pytest.raises(Exception, match="row-level security"):
            c.execute(text("INSERT INTO watchlist_items (watchlist_id, code, position, notes, tags, "
                           "added_at, updated_at) VALUES (:i, '9988.HK', 9, '', '[]', '', '')"), {"i": mine})
    alice.share_watchlist(mine, "edit")
    bob.update_item(mine, "0700.HK", notes="bob was here")
    bob.add_items(mine, ["9988.HK"])
    it = alice.watchlist(mine).items[0]
    assert (it.notes, it.updated_by) == ("bob was here", "bob")
    with pytest.raises(ReadOnlyError, match="only the owner"):
        bob.delete_watchlist(mine)
    # bob's own new list is his
    b = bob.create_watchlist("bob's")
    assert next(w for w in alice.watchlists() if w.id == b).owner == "bob"


def test_db_grant_and_status(pg_db, capsys):
    assert cli.run(["db", "grant", "carol", "read", "--db", pg_db.url()]) == 0
    assert "created login role carol" in capsys.readouterr().out
    assert cli.run(["db", "status", "--db", pg_db.url()]) == 0
    out = capsys.readouterr().out
    assert f"schema:          {SCHEMA_VERSION}" in out and "carol (read)" in out and "alice (write)" in out
    assert "watchlist_items on, watchlists on" in out
    assert cli.run(["db", "grant", "carol", "none", "--db", pg_db.url()]) == 0
    assert cli.run(["db", "grant", "bad name;", "read", "--db", pg_db.url()]) == 1
    assert "letters, digits and _ only" in capsys.readouterr().err


def test_db_init_creates_the_database(pg_server, capsys):
    url = pg_server.url("made_by_init")
    try:
        assert cli.run(["db", "init", "--create", "--db", url]) == 0
        out = capsys.readouterr().out
        assert "created database made_by_init" in out and f"schema {SCHEMA_VERSION}" in out
        assert cli.run(["db", "upgrade", "--db", url]) == 0
        assert cli.run(["watchlist", "list", "--db", url]) == 0
        assert DEFAULT_WATCHLIST in capsys.readouterr().out
    finally:
        pg_server.psql_exec("DROP DATABASE IF EXISTS made_by_init WITH (FORCE)")


# ---- copy between the two databases --------------------------------------------------------------
def _snapshot(target):
    s = Store.open(target)
    lists = [(w.name, w.position, [(i.code, i.position, i.notes, i.tags, i.rating, i.target_price,
                                    i.added_at, i.version) for i in w.items]) for w in s.watchlists()]
    with s.read() as c:
        prices = c.execute(text("SELECT code, basis, n, first_date, last_date, data FROM bar_series "
                                "ORDER BY code")).all()
        prices += c.execute(text("SELECT code, first_date, last_date, bars, source, basis, fetched_at "
                                 "FROM bar_sources ORDER BY code, first_date")).all()
        fetches = c.execute(text("SELECT id, code, status, message FROM price_fetches ORDER BY id")).all()
    out = (lists, s.screens(), [tuple(bytes(v) if isinstance(v, memoryview) else v for v in p) for p in prices], [tuple(f) for f in fetches], s.kb_version())
    s.close()
    return out


def test_copy_sqlite_to_postgres_and_back_loses_nothing(tmp_path, pg_empty, capsys):
    import pandas as pd

    from app.prices.cache import PriceCache

    src = tmp_path / "mine.sqlite"
    desk = Desk.open(src)
    s = desk.store
    wl = s.create_watchlist(HOSTILE[0])
    s.add_items(wl, ["0700.HK", "300308.SZ"], fields={"0700.HK": {"notes": HOSTILE[7], "tags": ["a;b"],
                                                                  "rating": 5, "target_price": 612.5}})
    s.update_item(wl, "300308.SZ", notes="中际旭创 45%")
    s.save_screen("optical", {"segment": "optical_modules", "min_share": 40})
    frame = pd.DataFrame({"code": ["0700.HK"] * 3, "adjustment": ["qfq"] * 3,
                          "date": pd.to_datetime(["2026-11-18", "2026-11-19", "2026-11-20"]),
                          "open": [1.0, 2, 3], "high": [1.0, 2, 3], "low": [1.0, 2, 3], "close": [1.5, 2.5, 3.5],
                          "volume": [10.0, None, 30], "amount": [None] * 3})
    PriceCache(s).write(frame, "test")
    s.close()
    before = _snapshot(src)
    assert cli.run(["db", "copy", "--from", str(src), "--to", pg_empty.url()]) == 0
    assert "row counts checked" in capsys.readouterr().out
    assert _snapshot(pg_empty.url()) == before
    pg = Store.open(pg_empty.url())
    assert pg.watchlist(HOSTILE[0]).owner == "chainwatch_admin"
    pg.add_items(pg.watchlist(HOSTILE[0]).id, ["9988.HK"])  # sequences continue after the copied ids
    back = tmp_path / "back.sqlite"
    assert cli.run(["db", "copy", "--from", pg_empty.url(), "--to", str(back)]) == 0
    after = _snapshot(back)
    assert after[1:] == _snapshot(pg_empty.url())[1:]
    assert after[0] == _snapshot(pg_empty.url())[0]
    assert [c for c, *_ in after[0][-1][2]] == ["0700.HK", "300308.SZ", "9988.HK"]
    # a target with lists is not overwritten by accident
    assert cli.run(["db", "copy", "--from", str(src), "--to", str(back)]) == 1
    assert "pass --replace" in capsys.readouterr().err
    assert cli.run(["db", "copy", "--from", str(src), "--to", str(back), "--replace"]) == 0
    assert _snapshot(back) == before


# ---- shared price cache ------------------------------------------------------------------------
class _SlowProvider:
    """A provider that counts downloads and takes its time, so two refreshes overlap."""

    name = "fake"
    label = ""
    factor_scale = "none"

    def __init__(self):
        self.calls = 0
        self.lock = threading.Lock()

    def supports(self, code):
        return True

    def fetch(self, q):
        import time

        import pandas as pd

        with self.lock:
            self.calls += 1
        time.sleep(0.5)
        days = pd.bdate_range("2026-10-01", "2026-11-20")
        if q.start is not None:
            days = days[days >= pd.Timestamp(q.start)]
        return pd.DataFrame({"code": q.code, "adjustment": q.adjustment, "date": days,
                             "open": 1.0, "high": 1.0, "low": 1.0, "close": 1.0, "volume": 1.0,
                             "amount": 1.0})

    def history(self, code, start=None, end=None, *, net=None):
        from app.prices.providers import PriceQuery

        return self.fetch(PriceQuery(code, start=start, end=end, adjustment="none")).assign(factor=float("nan"))


def test_two_desks_refreshing_one_code_download_it_once(backend):
    from app.prices import service

    a, b = _open2(backend)
    prov = _SlowProvider()
    out = {}

    def run(name, s):
        out[name] = service.refresh(s, ["0700.HK"], provider=prov)[0]
    ts = [threading.Thread(target=run, args=(n, s)) for n, s in (("a", a), ("b", b))]
    for t in ts:
        t.start()
    for t in ts:
        t.join(60)
    assert prov.calls == 1, out
    assert sorted(r.status for r in out.values())[0] == "ok"
    with a.read() as c:
        n, data = c.execute(text("SELECT n, data FROM bar_series WHERE code = '0700.HK'")).one()
    import numpy as np

    days = np.frombuffer(bytes(data), dtype="<f8").reshape(n, 8)[:, 0]
    assert n == len(set(days.tolist())) == 37 and (np.diff(days) > 0).all()


def test_price_cache_reads_the_same_on_both_databases(backend):
    """The desk's price columns, charts and baskets (index-seek SQL, packed rows) on SQLite and
    on PostgreSQL."""
    import numpy as np
    import pandas as pd

    from app.prices import basket, service
    from app.prices.cache import PriceCache

    s = Store.open(backend)
    days = pd.bdate_range("2025-12-01", "2026-11-20")
    close = 100 + np.sin(np.arange(len(days)) / 9) * 10
    factor = np.where(days >= pd.Timestamp("2026-06-01"), 1.1, 1.0)
    frame = pd.DataFrame({"code": "0700.HK", "adjustment": "none", "date": days, "open": close,
                          "high": close, "low": close, "close": close, "volume": 1.0, "amount": 1.0,
                          "factor": factor})
    cache = PriceCache(s)
    cache.write(frame.iloc[:100], "test")
    cache.write(frame.iloc[100:], "other")
    assert cache.preferred(["0700.HK", "9988.HK"]) == {"0700.HK": ("none", dt_date(2026, 11, 20))}
    info = cache.series_info("0700.HK")
    assert [(i["source"], i["basis"], i["bars"]) for i in info] == [("test", "none", 100),
                                                                    ("other", "none", len(days) - 100)]
    assert cache.codes() == ["0700.HK"]
    assert cache.write(frame.iloc[-5:], "other")[0].updated == 5      # upsert of cached dates
    raw = cache.load("0700.HK", "raw")
    assert raw["close"].to_numpy() == pytest.approx(close)
    qfq = cache.load("0700.HK", "qfq", start="2026-01-05", end="2026-01-05")
    assert qfq["close"].tolist() == pytest.approx([close[days.get_loc(pd.Timestamp("2026-01-05"))] / 1.1])
    m = service.price_metrics(s, ["0700.HK", "9988.HK"])
    assert m.loc["0700.HK", "last"] == pytest.approx(close[-1])
    assert m.loc["0700.HK", "change"] == pytest.approx(close[-1] / close[-2] - 1)
    assert m.loc["0700.HK", "max_drawdown"] < 0
    assert np.isnan(m.loc["9988.HK", "last"])
    d, c = basket._closes(s, ["0700.HK"])["0700.HK"]
    assert len(d) == len(days) and c[-1] == pytest.approx(close[-1] * 1.1)
    assert cache.delete("0700.HK") == len(days)
    assert cache.load("0700.HK").empty and cache.codes() == []
    s.close()


def dt_date(*a):
    import datetime

    return datetime.date(*a)


def test_a_schema_4_store_migrates_to_5_keeping_its_lists(backend):
    """Stores from before team mode (no item versions, owners, sharing or change counter)."""
    s = Store.open(backend)
    wl = s.create_watchlist("old")
    s.add_items(wl, ["0700.HK", "9988.HK"], fields={"0700.HK": {"notes": "hub", "rating": 5}})
    with s.engine.begin() as c:
        for table, col in (("watchlist_items", "version"), ("watchlist_items", "updated_by"),
                           ("watchlists", "owner"), ("watchlists", "sharing")):
            cascade = " CASCADE" if s.is_postgres else ""  # the row-security policies use owner/sharing
            c.execute(text(f"ALTER TABLE {table} DROP COLUMN {col}{cascade}"))
        c.execute(text("DROP TABLE changes"))
        c.execute(text("UPDATE meta SET value = '4' WHERE key = 'schema_version'"))
    s.close()
    s = Store.open(backend)
    assert s.schema_version() == SCHEMA_VERSION
    w = s.watchlist("old")
    assert w.codes == ["0700.HK", "9988.HK"] and w.items[0].notes == "hub" and w.items[0].version == 1
    seq = s.change_seq()
    s.update_item(wl, "0700.HK", expect={"notes": "hub"}, notes="hub!")
    assert s.watchlist("old").items[0].version == 2 and s.change_seq() == seq + 1
