"""The local store: SQLite through SQLAlchemy 2 Core.

Holds the knowledge base (as loaded from ``data/``), the offline universe and the user's data
(named, ordered watchlists with notes, tags, rating, target price and date added per item).

* Every write is one transaction (``BEGIN IMMEDIATE`` on SQLite, so two processes on the same
  file serialise their writes instead of losing one; WAL lets readers go on meanwhile).
* The schema carries a version (``meta.schema_version``) and migrates forward on open.
* A newer bundled knowledge base merges in on open without touching user fields.
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
    Boolean, Column, Float, ForeignKey, Index, Integer, MetaData, PrimaryKeyConstraint, String, Table,
    Text, UniqueConstraint,
    create_engine, delete, event, func, insert, select, update,
)
from sqlalchemy.engine import Connection, Engine

from app import domain as d
from app.domain import StoreError, validate_user_fields  # noqa: F401 (re-exported)
from app.kb import KnowledgeBase
from app.universe import Security

log = logging.getLogger(__name__)

SCHEMA_VERSION = 2
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
    UniqueConstraint("watchlist_id", "code", name="uq_item_code"),
)
screens_t = Table(
    "saved_screens", metadata,
    Column("name", Text, primary_key=True),
    Column("spec", Text, nullable=False),
    Column("updated_at", String(32), nullable=False),
)

# ---- schema 2: market data (written by app.prices) ------------------------------------------
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

_V1_TABLES = (meta_t, securities_t, kb_records_t, kb_facts_t, kb_figures_t, watchlists_t, items_t,
              screens_t)
_V2_TABLES = (prices_t, price_fetches_t)


def default_db_path() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("chainwatch", "chainwatch")) / "chainwatch.sqlite"


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


MIGRATIONS = {0: _migrate_0_to_1, 1: _migrate_1_to_2}


class Store:
    def __init__(self, engine: Engine, path: Path | None = None):
        self.engine = engine
        self.path = path

    # -- opening
    @classmethod
    def open(cls, path: Path | str | None = None) -> "Store":
        p = Path(path) if path else default_db_path()
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
        """One write transaction; on SQLite it takes the write lock up front."""
        with self.engine.connect().execution_options(sqlite_begin="IMMEDIATE") as conn:
            with conn.begin():
                yield conn

    @contextmanager
    def read(self) -> Iterator[Connection]:
        with self.engine.connect() as conn:
            with conn.begin():
                yield conn

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

    def migrate(self) -> None:
        with self.write() as conn:
            v = self.schema_version(conn)
            if v > SCHEMA_VERSION:
                raise StoreError(f"{self.path}: schema version {v} is newer than this program "
                                 f"({SCHEMA_VERSION}); update Chainwatch")
            while v < SCHEMA_VERSION:
                log.info("migrating store %s from schema %d to %d", self.path, v, v + 1)
                MIGRATIONS[v](conn)
                v += 1
                self._set_meta(conn, "schema_version", str(v))

    def _set_meta(self, conn: Connection, key: str, value: str) -> None:
        if conn.execute(select(meta_t.c.key).where(meta_t.c.key == key)).first():
            conn.execute(update(meta_t).where(meta_t.c.key == key).values(value=value))
        else:
            conn.execute(insert(meta_t).values(key=key, value=value))

    def get_meta(self, key: str, default: str | None = None) -> str | None:
        with self.read() as conn:
            v = conn.execute(select(meta_t.c.value).where(meta_t.c.key == key)).scalar()
        return default if v is None else v

    # -- knowledge base -------------------------------------------------------------------
    def kb_version(self) -> str | None:
        return self.get_meta("kb_version")

    def sync_kb(self, kb: KnowledgeBase, securities: Sequence[Security], force: bool = False) -> dict:
        """Load the bundled knowledge base when the store has none or an older version.

        One transaction. User data is never touched; listings that are new in this version
        are appended to the default watchlist (created on first run).
        """
        with self.write() as conn:
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
    def _create_watchlist(self, conn: Connection, name: str) -> int:
        name = (name or "").strip()
        if not name:
            raise StoreError("a watchlist needs a name")
        if conn.execute(select(watchlists_t.c.id).where(watchlists_t.c.name == name)).first():
            raise StoreError(f"a watchlist named {name!r} already exists")
        pos = conn.execute(select(func.coalesce(func.max(watchlists_t.c.position), -1))).scalar() + 1
        return conn.execute(insert(watchlists_t).values(name=name, position=pos, created_at=_now())
                            ).inserted_primary_key[0]

    def create_watchlist(self, name: str) -> int:
        with self.write() as conn:
            return self._create_watchlist(conn, name)

    def ensure_watchlist(self, name: str) -> int:
        with self.write() as conn:
            wl = conn.execute(select(watchlists_t.c.id).where(watchlists_t.c.name == name)).scalar()
            return wl if wl is not None else self._create_watchlist(conn, name)

    def rename_watchlist(self, wl_id: int, name: str) -> None:
        name = (name or "").strip()
        if not name:
            raise StoreError("a watchlist needs a name")
        with self.write() as conn:
            clash = conn.execute(select(watchlists_t.c.id).where(watchlists_t.c.name == name)).scalar()
            if clash is not None and clash != wl_id:
                raise StoreError(f"a watchlist named {name!r} already exists")
            conn.execute(update(watchlists_t).where(watchlists_t.c.id == wl_id).values(name=name))

    def delete_watchlist(self, wl_id: int) -> None:
        with self.write() as conn:
            conn.execute(delete(items_t).where(items_t.c.watchlist_id == wl_id))
            conn.execute(delete(watchlists_t).where(watchlists_t.c.id == wl_id))

    def watchlists(self) -> list[d.Watchlist]:
        """All watchlists with their items, in order."""
        with self.read() as conn:
            lists = [d.Watchlist(r.id, r.name, r.position) for r in conn.execute(
                select(watchlists_t).order_by(watchlists_t.c.position, watchlists_t.c.id))]
            by_id = {w.id: w for w in lists}
            for r in conn.execute(select(items_t).order_by(items_t.c.watchlist_id, items_t.c.position)):
                by_id[r.watchlist_id].items.append(_item(r))
        return lists

    def watchlist(self, name_or_id: str | int) -> d.Watchlist:
        for w in self.watchlists():
            if w.id == name_or_id or w.name == name_or_id:
                return w
        names = ", ".join(w.name for w in self.watchlists())
        raise StoreError(f"no watchlist {name_or_id!r} (have: {names or 'none'})")

    def _add_items(self, conn: Connection, wl_id: int, codes: Iterable[str],
                   at: int | None = None, fields: dict[str, dict] | None = None) -> list[str]:
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
            rows.append({"watchlist_id": wl_id, "code": code, "position": at + i,
                         "notes": f.get("notes") or "", "tags": json.dumps(list(f.get("tags") or []),
                                                                          ensure_ascii=False),
                         "rating": f.get("rating"), "target_price": f.get("target_price"),
                         "added_at": f.get("added_at") or now, "updated_at": now})
        conn.execute(insert(items_t), rows)
        return new

    def add_items(self, wl_id: int, codes: Iterable[str], at: int | None = None,
                  fields: dict[str, dict] | None = None) -> list[str]:
        """Add codes (canonical) to a list; returns the ones added (already present are skipped)."""
        with self.write() as conn:
            return self._add_items(conn, wl_id, codes, at, fields)

    def remove_items(self, wl_id: int, codes: Iterable[str]) -> list[d.WatchlistItem]:
        """Remove codes; returns the removed items (with their fields, for undo)."""
        codes = list(codes)
        with self.write() as conn:
            removed = [_item(r) for r in conn.execute(
                select(items_t).where(items_t.c.watchlist_id == wl_id, items_t.c.code.in_(codes)))]
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
        rows = conn.execute(select(items_t.c.id, items_t.c.code).where(items_t.c.watchlist_id == wl_id)
                            .order_by(items_t.c.position, items_t.c.id)).all()
        if order is not None:
            rank = {c: i for i, c in enumerate(order)}
            rows.sort(key=lambda r: rank.get(r.code, len(rank)))
        for i, r in enumerate(rows):
            conn.execute(update(items_t).where(items_t.c.id == r.id).values(position=i))

    def reorder(self, wl_id: int, codes_in_order: Sequence[str]) -> None:
        with self.write() as conn:
            self._renumber(conn, wl_id, codes_in_order)

    def move_items(self, wl_id: int, codes: Sequence[str], to_index: int) -> list[str]:
        """Move codes (keeping their relative order) to before row ``to_index``; returns the new order."""
        w = self.watchlist(wl_id)
        order = w.codes
        moving = [c for c in order if c in set(codes)]
        before = sum(1 for c in order[:to_index] if c not in set(codes))
        rest = [c for c in order if c not in set(codes)]
        new_order = rest[:before] + moving + rest[before:]
        self.reorder(wl_id, new_order)
        return new_order

    def copy_items(self, src_id: int, dst_id: int, codes: Sequence[str], move: bool = False) -> list[str]:
        """Copy (or move) items with their user fields to another list, in one transaction."""
        with self.write() as conn:
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

    def update_item(self, wl_id: int, code: str, **fields: Any) -> d.WatchlistItem:
        """Set user fields (notes, tags, rating, target_price); returns the item as it was before."""
        bad = set(fields) - set(d.WatchlistItem.USER_FIELDS)
        if bad:
            raise StoreError(f"not user fields: {', '.join(sorted(bad))}")
        values = validate_user_fields(fields)
        with self.write() as conn:
            row = conn.execute(select(items_t).where(items_t.c.watchlist_id == wl_id,
                                                     items_t.c.code == code)).first()
            if row is None:
                raise StoreError(f"{code} is not in that watchlist")
            before = _item(row)
            if "tags" in values:
                values["tags"] = json.dumps(list(values["tags"]), ensure_ascii=False)
            conn.execute(update(items_t).where(items_t.c.id == row.id).values(updated_at=_now(), **values))
        return before

    # -- saved screens ---------------------------------------------------------------------
    def save_screen(self, name: str, spec: dict) -> None:
        name = (name or "").strip()
        if not name:
            raise StoreError("a screen needs a name")
        with self.write() as conn:
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
        added_at=dt.datetime.fromisoformat(r.added_at) if r.added_at else None)


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
