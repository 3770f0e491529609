"""The store: SQLite (a personal file) or PostgreSQL (a team server) through SQLAlchemy 2 Core.

Holds the knowledge base (as loaded from ``data/``), the offline universe and the user's data
(named, ordered watchlists with notes, tags, rating, target price and date added per item).

* Every write is one transaction (``BEGIN IMMEDIATE`` on SQLite, so two processes on the same
  file serialise their writes instead of losing one; WAL lets readers go on meanwhile).
* The schema carries a version (``meta.schema_version``) and migrates forward on open.
* A newer bundled knowledge base merges in on open without touching user fields.
* The same table definitions and migrations serve both databases; what is SQLite-only (PRAGMAs,
  ``BEGIN IMMEDIATE``, ``WITHOUT ROWID``) or PostgreSQL-only (advisory locks, roles, row-level
  security, see :mod:`app.team.pg`) sits behind a dialect check.
* Team semantics (schema 5): every item carries a version; an edit names the values it was made
  against and a concurrent change of the same field is a :class:`ConflictError` with both values
  instead of a silent overwrite. Every write bumps a change counter that open desks poll.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
import logging
import os
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

from sqlalchemy import (
    Boolean, Column, Float, ForeignKey, Index, Integer, LargeBinary, MetaData, PrimaryKeyConstraint, String, Table,
    Text, UniqueConstraint,
    create_engine, delete, event, func, insert, select, update,
)
from sqlalchemy import bindparam, exc as sa_exc, text
from sqlalchemy.engine import Connection, Engine

from app import domain as d
from app.domain import StoreError, validate_user_fields  # noqa: F401 (re-exported)
from app.kb import KnowledgeBase
from app.paths import default_db_path, is_url, sqlite_path  # noqa: F401 - re-exported
from app.universe import Security

log = logging.getLogger(__name__)

SCHEMA_VERSION = 6
DEFAULT_WATCHLIST = "报告标的 Report names"

metadata = MetaData()

meta_t = Table("meta", metadata,
               Column("key", String(64), primary_key=True),
               Column("value", Text, nullable=False))

securities_t = Table(
    "securities", metadata,
    Column("code", String(16), primary_key=True),
    Column("name_zh_hans", Text, nullable=False),
    Column("name_zh_hant", Text, nullable=False),
    Column("name_en", Text, nullable=False, default=""),
    Column("pinyin", String(32), nullable=False, default=""),
    Column("industry", Text, nullable=False, default=""),
    Column("board", String(16), nullable=False, default=""),
    Column("list_date", String(8), nullable=False, default=""),
    Column("in_kb", Boolean, nullable=False, default=False),
)

# The knowledge base, one row per record; payloads are the domain dataclasses as JSON.
kb_records_t = Table(
    "kb_records", metadata,
    Column("kind", String(32), primary_key=True),   # company, entity, theme, report
    Column("key", String(128), primary_key=True),
    Column("seq", Integer, nullable=False),
    Column("payload", Text, nullable=False),
)
kb_facts_t = Table(
    "kb_facts", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(32), nullable=False, index=True),  # mention, member, edge, link, ...
    Column("report", String(128), nullable=False),
    Column("payload", Text, nullable=False),
)
kb_figures_t = Table(
    "kb_figures", metadata,
    Column("table_name", String(64), primary_key=True),
    Column("columns", Text, nullable=False),
    Column("rows", Text, nullable=False),
)

watchlists_t = Table(
    "watchlists", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", Text, nullable=False, unique=True),
    Column("position", Integer, nullable=False),
    Column("created_at", String(32), nullable=False),
    # schema 5: the PostgreSQL role that created it ('' on SQLite) and who else may see / edit it
    Column("owner", Text, nullable=False, server_default=""),
    Column("sharing", String(8), nullable=False, server_default="edit"),
)
items_t = Table(
    "watchlist_items", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("watchlist_id", Integer, ForeignKey("watchlists.id", ondelete="CASCADE"), nullable=False),
    Column("code", String(16), nullable=False),
    Column("position", Integer, nullable=False),
    Column("notes", Text, nullable=False, default=""),
    Column("tags", Text, nullable=False, default="[]"),
    Column("rating", Integer, nullable=True),
    Column("target_price", Float, nullable=True),
    Column("added_at", String(32), nullable=False),
    Column("updated_at", String(32), nullable=False),
    # schema 5: +1 on every change of the item's fields; who changed it last
    Column("version", Integer, nullable=False, server_default="1"),
    Column("updated_by", Text, nullable=False, server_default=""),
    UniqueConstraint("watchlist_id", "code", name="uq_item_code"),
)
screens_t = Table(
    "saved_screens", metadata,
    Column("name", Text, primary_key=True),
    Column("spec", Text, nullable=False),
    Column("updated_at", String(32), nullable=False),
)

# ---- schema 2: market data (written by app.prices) ------------------------------------------
# (Schema 2 and 3 only: migration 3 -> 4 moves these rows into ``bars`` and drops the table.)
# Daily bars, one row per listing, trading day and adjustment ("qfq" forward-adjusted, "hfq",
# "none"). Dates are ISO text (YYYY-MM-DD); the key leads with code and adjustment so one
# series is one index range.
prices_t = Table(
    "prices", metadata,
    Column("code", String(16), nullable=False),
    Column("date", String(10), nullable=False),
    Column("open", Float, nullable=True),
    Column("high", Float, nullable=True),
    Column("low", Float, nullable=True),
    Column("close", Float, nullable=False),
    Column("volume", Float, nullable=True),
    Column("amount", Float, nullable=True),
    Column("adjustment", String(8), nullable=False),
    Column("source", String(64), nullable=False),
    Column("fetched_at", String(32), nullable=False),
    PrimaryKeyConstraint("code", "adjustment", "date", name="pk_prices"),
    sqlite_with_rowid=False,
)
# One row per download or import attempt, successful or not.
price_fetches_t = Table(
    "price_fetches", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("code", String(16), nullable=False),
    Column("source", String(64), nullable=False),
    Column("fetched_at", String(32), nullable=False),
    Column("first_date", String(10), nullable=True),
    Column("last_date", String(10), nullable=True),
    Column("rows", Integer, nullable=False, default=0),
    Column("status", String(16), nullable=False),   # ok, error, empty, cancelled
    Column("message", Text, nullable=False, default=""),
    Index("ix_price_fetches_code", "code", "id"),
)

# ---- schema 3: reports the user added (written by app.ingest) ------------------------------
# A report the user added: its metadata (a domain Report as JSON), the extracted text (so every quote
# can be shown in context) and where it came from. Its claims and the companies / themes it brought
# that the bundled knowledge base does not have hang off it and go with it (ON DELETE CASCADE).
user_reports_t = Table(
    "user_reports", metadata,
    Column("key", String(64), primary_key=True),         # "user-<sha256 of the text, 12 hex>"
    Column("payload", Text, nullable=False),              # the Report
    Column("text", Text, nullable=False),
    Column("source", Text, nullable=False, default=""),   # file name or "pasted"
    Column("format", String(16), nullable=False, default=""),
    Column("info", Text, nullable=False, default="{}"),   # evidence for the metadata, what extraction dropped
    Column("added_at", String(32), nullable=False),
)
user_facts_t = Table(
    "user_facts", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("report", String(64), ForeignKey("user_reports.key", ondelete="CASCADE"), nullable=False, index=True),
    Column("kind", String(32), nullable=False),           # mention, entity_mention, member, edge, link
    Column("payload", Text, nullable=False),
)
user_records_t = Table(
    "user_records", metadata,
    Column("report", String(64), ForeignKey("user_reports.key", ondelete="CASCADE"), nullable=False),
    Column("kind", String(32), nullable=False),           # company, theme
    Column("key", String(128), nullable=False),
    Column("payload", Text, nullable=False),
    PrimaryKeyConstraint("report", "kind", "key", name="pk_user_records"),
)
# ---- schema 3: the listings downloaded by `universe refresh` (app.universe_refresh) ------------
# The current A-share and Hong Kong lists as the exchanges' data vendors give them: one row per
# listing, the name as listed (with ST / -W / -SW marks) and the base name used for matching.
# A successful refresh of a market replaces that market's rows in one transaction.
universe_listings_t = Table(
    "universe_listings", metadata,
    Column("code", String(16), primary_key=True),
    Column("market", String(4), nullable=False),          # A, HK
    Column("name", Text, nullable=False),                  # as listed: *ST华通, 快手-W
    Column("base_name", Text, nullable=False),             # marks stripped: 华通, 快手
    Column("source", String(64), nullable=False),
    Column("fetched_at", String(32), nullable=False),
    Index("ix_universe_listings_market", "market"),
)
# One row per refresh attempt of one market, successful or not.
universe_refreshes_t = Table(
    "universe_refreshes", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("market", String(4), nullable=False),
    Column("source", String(64), nullable=False),
    Column("fetched_at", String(32), nullable=False),
    Column("rows", Integer, nullable=False, default=0),
    Column("status", String(16), nullable=False),          # ok, error
    Column("message", Text, nullable=False, default=""),
)


# ---- schema 4 and 5 only: one row per bar (migration 5 -> 6 packs them into ``bar_series``) ----
# Kept in their own MetaData: they are created by migration 3 -> 4 and dropped by 5 -> 6, and are
# not tables of the current schema (``db copy`` walks ``metadata``).
legacy_metadata = MetaData()
# One row per listing and trading day: the unadjusted OHLCV and the cumulative backward
# adjustment factor of that day; ``basis`` "none" for prices as printed, "qfq"/"hfq" for a file
# that only had adjusted prices; ``source`` which source gave the bar.
bars_t = Table(
    "bars", legacy_metadata,
    Column("code", String(16), nullable=False),
    Column("date", String(10), nullable=False),
    Column("open", Float, nullable=True),
    Column("high", Float, nullable=True),
    Column("low", Float, nullable=True),
    Column("close", Float, nullable=False),
    Column("volume", Float, nullable=True),
    Column("amount", Float, nullable=True),
    Column("factor", Float, nullable=False, default=1.0),
    Column("basis", String(8), nullable=False, default="none"),
    Column("source", String(64), nullable=False),
    Column("fetched_at", String(32), nullable=False),
    PrimaryKeyConstraint("code", "date", name="pk_bars"),
    sqlite_with_rowid=False,
)
# The same series as one packed row per listing (a read cache beside ``bars``).
bar_blobs_t = Table(
    "bar_blobs", legacy_metadata,
    Column("code", String(16), primary_key=True),
    Column("basis", String(8), nullable=False),
    Column("n", Integer, nullable=False),
    Column("data", LargeBinary, nullable=False),
)


# ---- schema 6: what the market printed, plus adjustment factors, one packed row per series ----
# (issue 10) One row per listing: its bars as an (n, 8) float64 array, row-major, little-endian
# (day number since 1970-01-01, open, high, low, close, volume, amount, factor; NaN where the
# source gave no value), sorted by day. Prices are unadjusted; ``factor`` is the cumulative
# backward adjustment of the day (hfq close = close * factor); forward-adjusted and total-return
# views are derived on demand (app.prices.cache), so a re-base rewrites factors, never the bars.
# ``basis`` (of the last bar), ``first_date`` and ``last_date`` sit beside the array so that
# "which series do we have, to when" never unpacks one.
bar_series_t = Table(
    "bar_series", metadata,
    Column("code", String(16), primary_key=True),
    Column("basis", String(8), nullable=False),
    Column("n", Integer, nullable=False),
    Column("first_date", String(10), nullable=False),
    Column("last_date", String(10), nullable=False),
    Column("data", LargeBinary, nullable=False),
)
# Which source gave which range of a series' bars: one row per maximal run of consecutive bars
# (in date order) with the same source and basis; ``fetched_at`` the latest write that touched
# the run. The runs of a series cover its bars exactly, oldest first.
bar_sources_t = Table(
    "bar_sources", metadata,
    Column("code", String(16), nullable=False),
    Column("first_date", String(10), nullable=False),
    Column("last_date", String(10), nullable=False),
    Column("bars", Integer, nullable=False),
    Column("source", String(64), nullable=False),
    Column("basis", String(8), nullable=False),
    Column("fetched_at", String(32), nullable=False),
    PrimaryKeyConstraint("code", "first_date", name="pk_bar_sources"),
    sqlite_with_rowid=False,
)


# ---- schema 5: team mode -----------------------------------------------------------------
# One row (id 1) whose ``seq`` goes up by one in every write transaction: open desks poll it
# (one primary-key read) to learn that someone else changed something.
changes_t = Table(
    "changes", metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("seq", Integer, nullable=False),
)
# Columns schema 5 added to existing tables (a store created before gets them by ALTER TABLE).
_V5_COLUMNS = {"watchlist_items": ("version", "updated_by"), "watchlists": ("owner", "sharing")}
SHARING = ("personal", "read", "edit")   # personal, shared read-only, shared for editing


class ConflictError(StoreError):
    """Someone else changed the item since it was read: ``mine`` and ``theirs`` hold both values."""

    def __init__(self, message: str, *, code: str, field: str | None = None, mine: Any = None,
                 theirs: Any = None, base: Any = None, by: str = ""):
        super().__init__(message)
        self.code, self.field, self.mine, self.theirs, self.base, self.by = code, field, mine, theirs, base, by


class ReadOnlyError(StoreError):
    """The database refused a write: a read-only role, or a list shared read-only."""


_V1_TABLES = (meta_t, securities_t, kb_records_t, kb_facts_t, kb_figures_t, watchlists_t, items_t,
              screens_t)
_V2_TABLES = (prices_t, price_fetches_t)
_V3_REPORT_TABLES = (user_reports_t, user_facts_t, user_records_t)
_UNIVERSE_TABLES = (universe_listings_t, universe_refreshes_t)



def _now() -> str:
    return dt.datetime.now().isoformat(timespec="seconds")


def _setup_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _connect(dbapi_conn, _record):  # pragma: no cover - exercised by every test
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA busy_timeout = 30000")
        cur.execute("PRAGMA foreign_keys = ON")
        cur.execute("PRAGMA journal_mode = WAL")
        cur.execute("PRAGMA synchronous = NORMAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn):  # pragma: no cover
        mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
        conn.exec_driver_sql(f"BEGIN {mode}")


# ---- migrations: version N -> N+1 ------------------------------------------------------
def _migrate_0_to_1(conn: Connection) -> None:
    for table in _V1_TABLES:
        table.create(conn, checkfirst=True)


def _migrate_1_to_2(conn: Connection) -> None:
    """Market data: the price cache and the log of downloads / imports."""
    for table in _V2_TABLES:
        table.create(conn, checkfirst=True)


def _create_report_tables(conn: Connection) -> None:
    for table in _V3_REPORT_TABLES:
        table.create(conn, checkfirst=True)


def _create_universe_tables(conn: Connection) -> None:
    """Issue 9: the cached A-share and Hong Kong listings (``universe refresh``)."""
    for table in _UNIVERSE_TABLES:
        table.create(conn, checkfirst=True)


def _migrate_2_to_3(conn: Connection) -> None:
    """Issue 9: reports the user added, and the listings `universe refresh` downloads."""
    _create_report_tables(conn)
    _create_universe_tables(conn)



_MIGRATE_PRICES_SQL = """
INSERT INTO bars (code, date, open, high, low, close, volume, amount, factor, basis, source, fetched_at)
SELECT p.code, p.date, p.open, p.high, p.low, p.close, p.volume, p.amount,
       CASE WHEN p.adjustment = 'none' AND h.close IS NOT NULL AND p.close > 0 THEN h.close / p.close
            ELSE 1.0 END,
       p.adjustment, p.source, p.fetched_at
FROM prices p
LEFT JOIN prices h ON h.code = p.code AND h.date = p.date AND h.adjustment = 'hfq'
WHERE p.adjustment = (SELECT q.adjustment FROM prices q WHERE q.code = p.code
                      GROUP BY q.adjustment
                      ORDER BY CASE q.adjustment WHEN 'none' THEN 0 WHEN 'qfq' THEN 1 ELSE 2 END LIMIT 1)
"""


def _migrate_3_to_4(conn: Connection) -> None:
    """Prices as printed plus factors (issue 10): ``prices`` (one series per adjustment) -> ``bars``.

    Per code the unadjusted series is kept when there is one (with factors from a cached hfq
    series of the same days); otherwise the cached qfq (or hfq) bars are kept as they are, marked
    with that basis, and the next refresh downloads the whole raw history and factors again.
    """
    bars_t.create(conn, checkfirst=True)
    bar_blobs_t.create(conn, checkfirst=True)
    if conn.dialect.has_table(conn, "prices"):
        conn.exec_driver_sql(_MIGRATE_PRICES_SQL)
        conn.exec_driver_sql("DROP TABLE prices")



def _migrate_4_to_5(conn: Connection) -> None:
    """Team mode: item versions, list owners and sharing, the change counter; on PostgreSQL
    also the roles, grants and row-level security (:func:`app.team.pg.apply_security`)."""
    from sqlalchemy import inspect

    insp = inspect(conn)
    for table, names in _V5_COLUMNS.items():
        have = {c["name"] for c in insp.get_columns(table)}
        for name in names:
            if name not in have:
                col = metadata.tables[table].c[name]
                ddl = col.type.compile(conn.dialect)
                conn.exec_driver_sql(f"ALTER TABLE {table} ADD COLUMN {name} {ddl} NOT NULL "
                                     f"DEFAULT '{col.server_default.arg}'")
    changes_t.create(conn, checkfirst=True)
    if conn.execute(select(changes_t.c.id).where(changes_t.c.id == 1)).first() is None:
        conn.execute(insert(changes_t).values(id=1, seq=0))
    if conn.dialect.name == "postgresql":
        from app.team.pg import apply_security

        apply_security(conn)


def _migrate_5_to_6(conn: Connection) -> None:
    """Bars packed one row per series (issue 10, speed): ``bars`` + ``bar_blobs`` ->
    ``bar_series`` + ``bar_sources`` (the source runs), every bar, factor and source kept."""
    bar_series_t.create(conn, checkfirst=True)
    bar_sources_t.create(conn, checkfirst=True)
    if conn.dialect.has_table(conn, "bars"):
        if conn.exec_driver_sql("SELECT 1 FROM bars LIMIT 1").first() is not None:
            from app.prices.packed import pack_legacy_bars  # (numpy: only when there is something to pack)

            pack_legacy_bars(conn)
        conn.exec_driver_sql("DROP TABLE bars")
    if conn.dialect.has_table(conn, "bar_blobs"):
        conn.exec_driver_sql("DROP TABLE bar_blobs")
    if conn.dialect.name == "postgresql":
        from app.team.pg import apply_security

        apply_security(conn)      # grants on the new tables


_BUMP_SQL = "UPDATE changes SET seq = seq + 1 WHERE id = 1 RETURNING seq"

MIGRATIONS = {0: _migrate_0_to_1, 1: _migrate_1_to_2, 2: _migrate_2_to_3, 3: _migrate_3_to_4,
              4: _migrate_4_to_5, 5: _migrate_5_to_6}


class Store:
    def __init__(self, engine: Engine, path: Path | str | None = None, user: str = ""):
        self.engine = engine
        self.path = path          # the file, or the URL without its password
        self.user = user          # the PostgreSQL role ('' on SQLite)
        self._counted = False     # the change counter exists (schema >= 5)
        self._own: set[int] = set()   # change-counter values of this process's own writes

    @property
    def is_postgres(self) -> bool:
        return self.engine.dialect.name == "postgresql"

    # -- opening
    @classmethod
    def open(cls, path: Path | str | None = None) -> "Store":
        """A file path (SQLite) or a ``postgresql://user@host:port/dbname`` URL."""
        p = sqlite_path(path)
        if p is None:
            from app.team.pg import open_engine

            engine, shown, user = open_engine(str(path))
            store = cls(engine, shown, user)
            store.migrate()
            return store
        if str(p) != ":memory:":
            p.parent.mkdir(parents=True, exist_ok=True)
            if p.exists() and p.is_dir():
                raise StoreError(f"{p} is a folder, not a database file")
        url = "sqlite://" if str(p) == ":memory:" else f"sqlite:///{p}"
        engine = create_engine(url, future=True, connect_args={"check_same_thread": False})
        _setup_sqlite(engine)
        store = cls(engine, p)
        store.migrate()
        return store

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """One write transaction; on SQLite it takes the write lock up front.

        On PostgreSQL a refused write (a read-only role, row-level security) comes out as
        :class:`ReadOnlyError`, a duplicate name as :class:`StoreError`. Every write transaction
        bumps the change counter as its last statement (so it is the last lock taken).
        """
        try:
            with self.engine.connect().execution_options(sqlite_begin="IMMEDIATE") as conn:
                with conn.begin():
                    yield conn
                    if self._counted:   # (plain SQL: building the statement cost more than running it)
                        seq = conn.exec_driver_sql(_BUMP_SQL).scalar()
                        if seq is not None:
                            self._own.add(int(seq))
        except sa_exc.DBAPIError as e:
            raise _translate(e, self) from e

    @contextmanager
    def read(self) -> Iterator[Connection]:
        try:
            with self.engine.connect() as conn:
                with conn.begin():
                    yield conn
        except sa_exc.DBAPIError as e:
            raise _translate(e, self) from e

    # -- locks
    def lock(self, conn: Connection, key: str) -> None:
        """Hold ``key`` until this transaction ends (PostgreSQL advisory lock; on SQLite the
        write transaction already excludes every other writer)."""
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(hashtextextended(:k, 0))"), {"k": key})

    @contextmanager
    def exclusive(self, key: str) -> Iterator[None]:
        """Hold ``key`` across several transactions (e.g. a download then its write), against
        every other desk on the same database: a session advisory lock on PostgreSQL, a byte-range
        lock on a file beside the SQLite store."""
        if self.is_postgres:
            with self.engine.connect() as conn:
                conn.execute(text("SELECT pg_advisory_lock(hashtextextended(:k, 0))"), {"k": key})
                conn.commit()
                try:
                    yield
                finally:
                    conn.execute(text("SELECT pg_advisory_unlock(hashtextextended(:k, 0))"), {"k": key})
                    conn.commit()
            return
        if not self.path or str(self.path) == ":memory:":
            yield
            return
        import fcntl
        import threading
        import zlib

        tlock = _THREAD_LOCKS.setdefault((str(self.path), key), threading.Lock())
        with tlock, open(f"{self.path}.locks", "a+b") as fh:
            off = zlib.crc32(key.encode("utf-8"))
            fcntl.lockf(fh, fcntl.LOCK_EX, 1, off)
            try:
                yield
            finally:
                fcntl.lockf(fh, fcntl.LOCK_UN, 1, off)

    # -- change counter
    def change_seq(self) -> int:
        """Goes up with every committed write by anyone (one primary-key read: cheap to poll)."""
        if not self._counted:
            return 0
        with self.read() as conn:
            return int(conn.execute(select(changes_t.c.seq).where(changes_t.c.id == 1)).scalar() or 0)

    def foreign_changes(self, since: int, now: int) -> bool:
        """True when a write between counter values ``since`` and ``now`` was not this store's."""
        foreign = any(s not in self._own for s in range(since + 1, now + 1))
        self._own = {s for s in self._own if s > now}
        return foreign

    # -- schema
    def schema_version(self, conn: Connection | None = None) -> int:
        def q(c: Connection) -> int:
            if not self.engine.dialect.has_table(c, "meta"):
                return 0
            v = c.execute(select(meta_t.c.value).where(meta_t.c.key == "schema_version")).scalar()
            return int(v) if v is not None else 0
        if conn is not None:
            return q(conn)
        with self.read() as c:
            return q(c)

    def migrate(self, upgrade: bool = True) -> int:
        """Bring the schema to :data:`SCHEMA_VERSION`; returns the version found.

        Up to date: a read only (a read-only role can open the database). On PostgreSQL two
        desks opening a fresh database at once serialise on an advisory lock; the second finds
        the work done.
        """
        v = self.schema_version()
        if v > SCHEMA_VERSION:
            raise StoreError(f"{self.path}: schema version {v} is newer than this program "
                             f"({SCHEMA_VERSION}); update Chainwatch")
        if v < SCHEMA_VERSION:
            if not upgrade:
                raise StoreError(f"{self.path}: schema version {v}, this program needs {SCHEMA_VERSION}: "
                                 f"run `python main.py db upgrade --db …` as the database owner")
            found = v
            with self.write() as conn:
                self.lock(conn, "chainwatch:schema")
                v = self.schema_version(conn)
                while v < SCHEMA_VERSION:
                    log.info("migrating store %s from schema %d to %d", self.path, v, v + 1)
                    MIGRATIONS[v](conn)
                    v += 1
                    self._set_meta(conn, "schema_version", str(v))
            self._counted = v >= 5
            return found
        self._counted = v >= 5
        return v

    def _set_meta(self, conn: Connection, key: str, value: str) -> None:
        if conn.execute(select(meta_t.c.key).where(meta_t.c.key == key)).first():
            conn.execute(update(meta_t).where(meta_t.c.key == key).values(value=value))
        else:
            conn.execute(insert(meta_t).values(key=key, value=value))

    def set_meta(self, key: str, value: str) -> None:
        with self.write() as conn:
            self._set_meta(conn, key, value)

    def get_meta(self, key: str, default: str | None = None) -> str | None:
        with self.read() as conn:
            v = conn.execute(select(meta_t.c.value).where(meta_t.c.key == key)).scalar()
        return default if v is None else v

    # -- knowledge base -------------------------------------------------------------------
    def kb_version(self) -> str | None:
        return self.get_meta("kb_version")

    def sync_kb(self, kb: KnowledgeBase, securities: Sequence[Security], force: bool = False) -> dict:
        """Load the bundled knowledge base when the store has none or an older version.

        One transaction, under a lock (PostgreSQL: two desks opening a fresh database at once
        load it once; the second sees the version and returns). User data is never touched;
        listings that are new in this version are appended to the default watchlist (created on
        first run).
        """
        if not force and self.kb_version() == kb.version:
            return {"loaded": False, "version": kb.version}
        with self.write() as conn:
            self.lock(conn, "chainwatch:kb")
            current = conn.execute(select(meta_t.c.value).where(meta_t.c.key == "kb_version")).scalar()
            if current == kb.version and not force:
                return {"loaded": False, "version": kb.version}
            conn.execute(delete(kb_records_t))
            conn.execute(delete(kb_facts_t))
            conn.execute(delete(kb_figures_t))
            conn.execute(delete(securities_t))
            records = []
            for kind, mapping in (("company", kb.companies), ("entity", kb.entities),
                                  ("theme", kb.themes), ("report", kb.reports)):
                for seq, (key, obj) in enumerate(mapping.items()):
                    records.append({"kind": kind, "key": key, "seq": seq, "payload": _dump(obj)})
            if records:
                conn.execute(insert(kb_records_t), records)
            facts = []
            for kind, seq in _FACT_LISTS:
                for obj in getattr(kb, seq):
                    facts.append({"kind": kind, "report": obj.evidence.report, "payload": _dump(obj)})
            if facts:
                conn.execute(insert(kb_facts_t), facts)
            figs = [{"table_name": t.name, "columns": json.dumps(t.columns, ensure_ascii=False),
                     "rows": json.dumps(t.rows, ensure_ascii=False)} for t in kb.figures.values()]
            if figs:
                conn.execute(insert(kb_figures_t), figs)
            secs = [dataclasses.asdict(s) for s in securities]
            if secs:
                conn.execute(insert(securities_t), secs)
            listed = kb.listed_codes()
            seen = set(json.loads(conn.execute(select(meta_t.c.value).where(
                meta_t.c.key == "kb_listed_codes")).scalar() or "[]"))
            new_codes = [c for c in listed if c not in seen]
            wl_id = conn.execute(select(watchlists_t.c.id).where(
                watchlists_t.c.name == DEFAULT_WATCHLIST)).scalar()
            if wl_id is None and current is None:
                wl_id = self._create_watchlist(conn, DEFAULT_WATCHLIST)
            added = self._add_items(conn, wl_id, new_codes) if wl_id is not None else []
            self._set_meta(conn, "kb_version", kb.version)
            self._set_meta(conn, "kb_listed_codes", json.dumps(sorted(seen | set(listed))))
            self._set_meta(conn, "kb_loaded_at", _now())
        return {"loaded": True, "version": kb.version, "previous": current, "added": added}

    def load_kb(self) -> KnowledgeBase:
        kb = KnowledgeBase()
        with self.read() as conn:
            kb.version = conn.execute(select(meta_t.c.value).where(meta_t.c.key == "kb_version")).scalar() or ""
            for row in conn.execute(select(kb_records_t).order_by(kb_records_t.c.kind, kb_records_t.c.seq)):
                obj = _load(row.kind, json.loads(row.payload))
                if row.kind == "company":
                    kb.companies[obj.code] = obj
                    for c in obj.codes:
                        kb.by_listing[c] = obj
                elif row.kind == "entity":
                    kb.entities[obj.id] = obj
                elif row.kind == "theme":
                    kb.themes[obj.id] = obj
                elif row.kind == "report":
                    kb.reports[obj.file] = obj
            lists = dict(_FACT_LISTS)
            for row in conn.execute(select(kb_facts_t).order_by(kb_facts_t.c.id)):
                getattr(kb, lists[row.kind]).append(_load(row.kind, json.loads(row.payload)))
            for row in conn.execute(select(kb_figures_t)):
                kb.figures[row.table_name] = d.FigureTable(row.table_name, json.loads(row.columns),
                                                           json.loads(row.rows))
        return kb

    def securities(self) -> list[Security]:
        with self.read() as conn:
            res = conn.execute(select(securities_t))
            keys = list(res.keys())
            rows = res.all()
        return [Security(**dict(zip(keys, r))) for r in rows]  # plain tuples: 3x faster than .mappings()

    # -- watchlists -----------------------------------------------------------------------
    def _create_watchlist(self, conn: Connection, name: str, sharing: str | None = None) -> int:
        name = _text("watchlist name", (name or "").strip())
        if not name:
            raise StoreError("a watchlist needs a name")
        sharing = _sharing(sharing or "edit")
        self.lock(conn, "chainwatch:watchlists")
        if conn.execute(select(watchlists_t.c.id).where(watchlists_t.c.name == name)).first():
            raise StoreError(f"a watchlist named {name!r} already exists")
        pos = conn.execute(select(func.coalesce(func.max(watchlists_t.c.position), -1))).scalar() + 1
        return conn.execute(insert(watchlists_t).values(name=name, position=pos, created_at=_now(),
                                                        owner=self.user, sharing=sharing)
                            ).inserted_primary_key[0]

    def create_watchlist(self, name: str, sharing: str | None = None) -> int:
        with self.write() as conn:
            return self._create_watchlist(conn, name, sharing)

    def ensure_watchlist(self, name: str) -> int:
        with self.write() as conn:
            self.lock(conn, "chainwatch:watchlists")  # two desks ensuring one name create it once
            wl = conn.execute(select(watchlists_t.c.id).where(watchlists_t.c.name == name)).scalar()
            return wl if wl is not None else self._create_watchlist(conn, name)

    def _lock_list(self, conn: Connection, wl_id: int, owner_only: bool = False):
        """Take the list's lock (its order and membership change under it) and check that this
        user may change it; returns its row. Locks are taken in list-id order by callers that
        touch two lists, and always before item rows, so concurrent writers cannot deadlock."""
        self.lock(conn, f"chainwatch:list:{int(wl_id)}")
        row = conn.execute(select(watchlists_t).where(watchlists_t.c.id == wl_id)).first()
        if row is None:
            raise StoreError(f"no watchlist with id {wl_id} (another user may have deleted it)")
        if self.is_postgres and row.owner and row.owner != self.user:
            if owner_only:
                raise ReadOnlyError(f"watchlist {row.name!r} belongs to {row.owner}: only the owner can "
                                    f"rename, delete or share it")
            if row.sharing != "edit":
                raise ReadOnlyError(f"watchlist {row.name!r} is shared read-only by {row.owner}")
        return row

    def rename_watchlist(self, wl_id: int, name: str) -> None:
        name = _text("watchlist name", (name or "").strip())
        if not name:
            raise StoreError("a watchlist needs a name")
        with self.write() as conn:
            self._lock_list(conn, wl_id, owner_only=True)
            clash = conn.execute(select(watchlists_t.c.id).where(watchlists_t.c.name == name)).scalar()
            if clash is not None and clash != wl_id:
                raise StoreError(f"a watchlist named {name!r} already exists")
            conn.execute(update(watchlists_t).where(watchlists_t.c.id == wl_id).values(name=name))

    def share_watchlist(self, wl_id: int, sharing: str) -> None:
        """``personal`` (only its owner sees it), ``read`` (everyone sees, only the owner
        changes) or ``edit`` (everyone with a writing role changes it)."""
        sharing = _sharing(sharing)
        with self.write() as conn:
            self._lock_list(conn, wl_id, owner_only=True)
            conn.execute(update(watchlists_t).where(watchlists_t.c.id == wl_id).values(sharing=sharing))

    def delete_watchlist(self, wl_id: int) -> None:
        with self.write() as conn:
            self._lock_list(conn, wl_id, owner_only=True)
            conn.execute(delete(items_t).where(items_t.c.watchlist_id == wl_id))
            conn.execute(delete(watchlists_t).where(watchlists_t.c.id == wl_id))

    def watchlists(self, only: str | int | None = None) -> list[d.Watchlist]:
        """All watchlists this user can see (or only the one with that id or name), with their
        items, in order (one snapshot)."""
        q = select(watchlists_t).order_by(watchlists_t.c.position, watchlists_t.c.id)
        if only is not None:
            q = q.where(watchlists_t.c.id == only if isinstance(only, int) else watchlists_t.c.name == only)
        with self.read() as conn:
            if conn.dialect.name == "postgresql":
                conn.exec_driver_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            lists = [d.Watchlist(r.id, r.name, r.position, owner=r.owner, sharing=r.sharing)
                     for r in conn.execute(q)]
            by_id = {w.id: w for w in lists}
            iq = select(items_t).order_by(items_t.c.watchlist_id, items_t.c.position, items_t.c.id)
            if only is not None:
                iq = iq.where(items_t.c.watchlist_id.in_(list(by_id)))
            if by_id:
                for r in conn.execute(iq):
                    if r.watchlist_id in by_id:
                        by_id[r.watchlist_id].items.append(_item(r))
        return lists

    def watchlist(self, name_or_id: str | int) -> d.Watchlist:
        found = self.watchlists(only=name_or_id)
        if found:
            return found[0]
        with self.read() as conn:
            names = ", ".join(r[0] for r in conn.execute(
                select(watchlists_t.c.name).order_by(watchlists_t.c.position, watchlists_t.c.id)))
        raise StoreError(f"no watchlist {name_or_id!r} (have: {names or 'none'})")

    def _add_items(self, conn: Connection, wl_id: int, codes: Iterable[str],
                   at: int | None = None, fields: dict[str, dict] | None = None) -> list[str]:
        self._lock_list(conn, wl_id)
        existing = {r.code: r.position for r in conn.execute(
            select(items_t.c.code, items_t.c.position).where(items_t.c.watchlist_id == wl_id))}
        new = [c for c in dict.fromkeys(codes) if c not in existing]
        if not new:
            return []
        n = len(existing)
        at = n if at is None else max(0, min(at, n))
        if at < n:
            conn.execute(update(items_t).where(items_t.c.watchlist_id == wl_id,
                                               items_t.c.position >= at)
                         .values(position=items_t.c.position + len(new)))
        now = _now()
        rows = []
        for i, code in enumerate(new):
            f = (fields or {}).get(code, {})
            tags = [_text("tag", str(t)) for t in (f.get("tags") or [])]
            rows.append({"watchlist_id": wl_id, "code": code, "position": at + i,
                         "notes": _text("notes", f.get("notes") or ""),
                         "tags": json.dumps(tags, ensure_ascii=False),
                         "rating": f.get("rating"), "target_price": f.get("target_price"),
                         "added_at": f.get("added_at") or now, "updated_at": now,
                         "version": 1, "updated_by": self.user})
        conn.execute(insert(items_t), rows)
        return new

    def add_items(self, wl_id: int, codes: Iterable[str], at: int | None = None,
                  fields: dict[str, dict] | None = None) -> list[str]:
        """Add codes (canonical) to a list; returns the ones added (already present are skipped)."""
        with self.write() as conn:
            return self._add_items(conn, wl_id, codes, at, fields)

    def remove_items(self, wl_id: int, codes: Iterable[str],
                     versions: dict[str, int] | None = None) -> list[d.WatchlistItem]:
        """Remove codes; returns the removed items (with their fields, for undo).

        ``versions`` (code -> the item version the caller saw): an item another user changed
        since is not removed and nothing is; :class:`ConflictError` says who changed what.
        """
        codes = list(codes)
        with self.write() as conn:
            self._lock_list(conn, wl_id)
            removed = [_item(r) for r in conn.execute(
                select(items_t).where(items_t.c.watchlist_id == wl_id, items_t.c.code.in_(codes)))]
            for it in removed:
                seen = (versions or {}).get(it.code)
                if seen is not None and seen != it.version:
                    raise ConflictError(
                        f"{it.code} was changed by {it.updated_by or 'another user'} after you loaded it "
                        f"(notes now {it.notes!r}); reload before removing it",
                        code=it.code, mine=None, theirs=it, by=it.updated_by)
            conn.execute(delete(items_t).where(items_t.c.watchlist_id == wl_id, items_t.c.code.in_(codes)))
            self._renumber(conn, wl_id)
        return removed

    def restore_items(self, wl_id: int, items: Sequence[d.WatchlistItem]) -> None:
        """Put removed items back at their old positions with their fields (undo of remove)."""
        with self.write() as conn:
            for it in sorted(items, key=lambda i: i.position):
                self._add_items(conn, wl_id, [it.code], at=it.position, fields={it.code: {
                    "notes": it.notes, "tags": it.tags, "rating": it.rating,
                    "target_price": it.target_price,
                    "added_at": it.added_at.isoformat(timespec="seconds") if it.added_at else None}})

    def _renumber(self, conn: Connection, wl_id: int, order: Sequence[str] | None = None) -> None:
        rows = conn.execute(select(items_t.c.id, items_t.c.code, items_t.c.position)
                            .where(items_t.c.watchlist_id == wl_id)
                            .order_by(items_t.c.position, items_t.c.id)).all()
        if order is not None:
            rank = {c: i for i, c in enumerate(order)}
            rows.sort(key=lambda r: rank.get(r.code, len(rank)))
        changed = [{"_id": r.id, "_pos": i} for i, r in enumerate(rows) if r.position != i]
        if changed:  # one executemany (pipelined on PostgreSQL), not a round trip per row
            conn.execute(update(items_t).where(items_t.c.id == bindparam("_id"))
                         .values(position=bindparam("_pos")), changed)

    def reorder(self, wl_id: int, codes_in_order: Sequence[str]) -> None:
        with self.write() as conn:
            self._lock_list(conn, wl_id)
            self._renumber(conn, wl_id, codes_in_order)

    def move_items(self, wl_id: int, codes: Sequence[str], to_index: int) -> list[str]:
        """Move codes (keeping their relative order) to before row ``to_index``; returns the new order.

        Reads the order and writes the new one in the same transaction under the list's lock, so
        two users moving rows at once both land, one after the other."""
        with self.write() as conn:
            self._lock_list(conn, wl_id)
            order = [r.code for r in conn.execute(
                select(items_t.c.code).where(items_t.c.watchlist_id == wl_id)
                .order_by(items_t.c.position, items_t.c.id))]
            codes_s = set(codes)
            moving = [c for c in order if c in codes_s]
            before = sum(1 for c in order[:to_index] if c not in codes_s)
            rest = [c for c in order if c not in codes_s]
            new_order = rest[:before] + moving + rest[before:]
            self._renumber(conn, wl_id, new_order)
        return new_order

    def copy_items(self, src_id: int, dst_id: int, codes: Sequence[str], move: bool = False) -> list[str]:
        """Copy (or move) items with their user fields to another list, in one transaction."""
        with self.write() as conn:
            for wl in sorted({src_id, dst_id}):
                if wl == src_id and not move:
                    self.lock(conn, f"chainwatch:list:{int(wl)}")
                else:
                    self._lock_list(conn, wl)
            rows = {r.code: _item(r) for r in conn.execute(
                select(items_t).where(items_t.c.watchlist_id == src_id, items_t.c.code.in_(list(codes))))}
            fields = {c: {"notes": it.notes, "tags": it.tags, "rating": it.rating,
                          "target_price": it.target_price} for c, it in rows.items()}
            added = self._add_items(conn, dst_id, [c for c in codes if c in rows], fields=fields)
            if move:
                conn.execute(delete(items_t).where(items_t.c.watchlist_id == src_id,
                                                   items_t.c.code.in_(list(rows))))
                self._renumber(conn, src_id)
        return added

    def update_item(self, wl_id: int, code: str, expect: dict[str, Any] | None = None,
                    **fields: Any) -> d.WatchlistItem:
        """Set user fields (notes, tags, rating, target_price); returns the item as it was before.

        ``expect`` holds the values the user saw when editing (field -> value). When another
        user changed one of those fields since, nothing is written and :class:`ConflictError`
        carries both values (``mine``, ``theirs``). Fields the other user did not touch merge.
        The write itself is a compare-and-set on the item's version, so a change committed
        between the read and the write is caught too.
        """
        bad = set(fields) - set(d.WatchlistItem.USER_FIELDS)
        if bad:
            raise StoreError(f"not user fields: {', '.join(sorted(bad))}")
        values = validate_user_fields(fields)
        if "notes" in values:
            _text("notes", values["notes"])
        for t in values.get("tags", ()):
            _text("tag", t)
        base = validate_user_fields(expect) if expect else {}
        out = dict(values)
        if "tags" in out:
            out["tags"] = json.dumps(list(out["tags"]), ensure_ascii=False)
        with self.write() as conn:
            if self.is_postgres:
                self._check_list_writable(conn, wl_id)
            first = None
            for _attempt in range(5):
                row = conn.execute(select(items_t).where(items_t.c.watchlist_id == wl_id,
                                                         items_t.c.code == code)).first()
                if row is None:
                    raise StoreError(f"{code} is not in that watchlist (another user may have removed it)")
                now = _item(row)
                first = first or now
                for f, seen in base.items():
                    theirs = getattr(now, f)
                    if f in values and theirs != seen and theirs != values[f]:
                        who = now.updated_by or "another user"
                        raise ConflictError(
                            f"{code} {f}: {who} changed it to {_short(theirs)} while you were changing "
                            f"{_short(seen)} to {_short(values[f])}; nothing was saved",
                            code=code, field=f, mine=values[f], theirs=theirs, base=seen, by=who)
                # compare-and-set on the version: a change committed since the read above makes
                # this match no row, and the loop reads the item again and re-checks
                n = conn.execute(update(items_t).where(items_t.c.id == row.id,
                                                       items_t.c.version == row.version)
                                 .values(updated_at=_now(), version=row.version + 1, updated_by=self.user,
                                         **out)).rowcount
                if n == 1:
                    return first
                again = conn.execute(select(items_t.c.version).where(items_t.c.id == row.id)).scalar()
                if again == row.version:
                    raise ReadOnlyError(f"{code}: the database did not let {self.user or 'you'} change it")
            raise StoreError(f"{code} keeps changing under other users' edits; nothing was saved, try again")

    def _check_list_writable(self, conn: Connection, wl_id: int) -> None:
        row = conn.execute(select(watchlists_t.c.name, watchlists_t.c.owner, watchlists_t.c.sharing)
                           .where(watchlists_t.c.id == wl_id)).first()
        if row is not None and row.owner and row.owner != self.user and row.sharing != "edit":
            raise ReadOnlyError(f"watchlist {row.name!r} is shared read-only by {row.owner}")

    # -- saved screens ---------------------------------------------------------------------
    def save_screen(self, name: str, spec: dict) -> None:
        name = _text("screen name", (name or "").strip())
        if not name:
            raise StoreError("a screen needs a name")
        with self.write() as conn:
            self.lock(conn, f"chainwatch:screen:{name}")
            conn.execute(delete(screens_t).where(screens_t.c.name == name))
            conn.execute(insert(screens_t).values(name=name, spec=json.dumps(spec, ensure_ascii=False),
                                                  updated_at=_now()))

    def screens(self) -> dict[str, dict]:
        with self.read() as conn:
            return {r.name: json.loads(r.spec) for r in conn.execute(select(screens_t).order_by(screens_t.c.name))}

    def delete_screen(self, name: str) -> None:
        with self.write() as conn:
            conn.execute(delete(screens_t).where(screens_t.c.name == name))


def _item(r) -> d.WatchlistItem:
    return d.WatchlistItem(
        id=r.id, watchlist_id=r.watchlist_id, code=r.code, position=r.position, notes=r.notes or "",
        tags=tuple(json.loads(r.tags or "[]")), rating=r.rating, target_price=r.target_price,
        added_at=dt.datetime.fromisoformat(r.added_at) if r.added_at else None,
        version=r.version, updated_by=r.updated_by or "")


_THREAD_LOCKS: dict = {}


def _text(label: str, value: str) -> str:
    """Text goes in as it is (quotes, ``;``, any length, any script) except NUL, which PostgreSQL
    text cannot hold: refused on both databases alike, so a personal store always copies to a
    team one."""
    if "\x00" in value:
        i = value.index("\x00")
        raise StoreError(f"{label} contains a NUL character (\\x00) at position {i + 1}, which the "
                         f"database cannot store; remove it")
    return value


def _sharing(value: str) -> str:
    if value not in SHARING:
        raise StoreError(f"sharing {value!r} is not one of {', '.join(SHARING)}")
    return value


def _short(v: Any) -> str:
    s = repr(list(v) if isinstance(v, tuple) else v)
    return s if len(s) <= 60 else s[:57] + "…"


def _translate(e: "sa_exc.DBAPIError", store: "Store") -> StoreError:
    """A database error as a StoreError that says what happened (PostgreSQL SQLSTATEs)."""
    code = getattr(getattr(e, "orig", None), "sqlstate", None)
    msg = str(getattr(e, "orig", e)).strip().splitlines()[0] if str(getattr(e, "orig", e)).strip() else str(e)
    if code == "42501":
        return ReadOnlyError(f"{store.user or 'this role'} may not make this change on {store.path}: {msg} "
                             f"(a read-only role, or a list shared read-only)")
    if code == "23505":
        return StoreError(f"already exists: {msg}")
    if code in ("40001", "40P01"):
        return StoreError(f"the database aborted this change to avoid a clash with another user; try again ({msg})")
    if isinstance(e, sa_exc.OperationalError) and store.is_postgres:
        from app.team.pg import connect_message

        return StoreError(connect_message(e, str(store.path)))
    return StoreError(f"database error on {store.path}: {msg}")


# ---- (de)serialising the knowledge base --------------------------------------------------
_FACT_LISTS = (("mention", "mentions"), ("entity_mention", "entity_mentions"), ("member", "members"),
               ("edge", "edges"), ("link", "links"), ("event", "events"),
               ("recommendation", "recommendations"))
_KINDS = {"company": d.Company, "entity": d.Entity, "theme": d.Theme, "report": d.Report,
          "mention": d.Mention, "entity_mention": d.Mention, "member": d.Membership, "edge": d.Edge,
          "link": d.Link, "event": d.Event, "recommendation": d.Recommendation}


def _default(o: Any) -> Any:
    if isinstance(o, (dt.date, dt.datetime)):
        return o.isoformat()
    raise TypeError(type(o))


def _dump(obj: Any) -> str:
    return json.dumps(dataclasses.asdict(obj), ensure_ascii=False, default=_default)


def _load(kind: str, data: dict) -> Any:
    cls = _KINDS[kind]
    kwargs = {}
    for f in dataclasses.fields(cls):
        if f.name not in data and f.default is not dataclasses.MISSING:
            continue  # a field added after this record was stored: its default
        v = data.get(f.name)
        if f.name == "evidence":
            v = d.Evidence(**v)
        elif f.name == "date" and isinstance(v, str):
            v = dt.date.fromisoformat(v)
        elif isinstance(v, list):
            v = tuple(v)
        kwargs[f.name] = v
    return cls(**kwargs)


def env_db_path() -> Path | None:
    p = os.environ.get("CHAINWATCH_DB")
    return Path(p) if p else None
