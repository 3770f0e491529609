"""``db copy``: move a store between SQLite and PostgreSQL (either way), nothing lost.

The target is created or migrated to the current schema first. Into a target that holds no
user data yet every table is copied exactly (ids, positions, versions, timestamps, the price
cache and its log, the knowledge base), in one transaction on the target, then the row counts
are compared table by table. A target that already has watchlists is refused unless
``replace`` (its user data is then replaced, in the same transaction).
"""
from __future__ import annotations

from sqlalchemy import delete, func, insert, select, text

from app.store import Store, StoreError, changes_t, meta_t, metadata, prices_t

# Per-database bookkeeping: never copied (the target keeps its own); ``prices`` exists only
# before schema 4 (its rows are in ``bars``).
_SKIP = {changes_t.name, prices_t.name}
_META_KEEP = {"schema_version"}
_USER_TABLES = ("watchlists", "watchlist_items", "saved_screens")


def _tables():
    return [t for t in metadata.sorted_tables if t.name not in _SKIP]


def copy_store(src_target, dst_target, *, replace: bool = False, chunk: int = 5000) -> dict[str, int]:
    """Copy everything from ``src_target`` to ``dst_target`` (paths or URLs); returns rows per table."""
    src = Store.open(src_target)
    dst = Store.open(dst_target)
    try:
        if str(src.path) == str(dst.path):
            raise StoreError("copy: the source and the target are the same store")
        with dst.read() as c:
            have = {t: c.execute(select(func.count()).select_from(metadata.tables[t])).scalar()
                    for t in _USER_TABLES}
        if any(have.values()) and not replace:
            raise StoreError(f"{dst.path} already holds {have['watchlists']} watchlists and "
                             f"{have['watchlist_items']} items: copy into an empty store, or pass --replace "
                             f"to replace them (the source's lists replace the target's)")
        counts: dict[str, int] = {}
        with src.read() as s, dst.write() as d:
            dst.lock(d, "chainwatch:kb")
            dst.lock(d, "chainwatch:watchlists")
            for t in reversed(_tables()):
                if t is meta_t:
                    d.execute(delete(meta_t).where(meta_t.c.key.notin_(_META_KEEP)))
                else:
                    d.execute(delete(t))
            for t in _tables():
                q = select(t)
                if t is meta_t:
                    q = q.where(meta_t.c.key.notin_(_META_KEEP))
                pk = list(t.primary_key.columns)
                if pk:
                    q = q.order_by(*pk)
                n = 0
                result = s.execute(q)
                while True:
                    rows = result.fetchmany(chunk)
                    if not rows:
                        break
                    batch = [dict(r._mapping) for r in rows]
                    if t.name == "watchlists" and dst.is_postgres:
                        for b in batch:
                            b["owner"] = b.get("owner") or dst.user
                    d.execute(insert(t), batch)
                    n += len(batch)
                counts[t.name] = n
            if dst.is_postgres:
                for t in _tables():
                    for col in t.primary_key.columns:
                        if col.autoincrement is True or (col.autoincrement == "auto" and len(t.primary_key.columns) == 1
                                                         and col.type.python_type is int):
                            d.execute(text(
                                f"SELECT setval(pg_get_serial_sequence('{t.name}', '{col.name}'), "
                                f"COALESCE((SELECT MAX({col.name}) FROM {t.name}), 0) + 1, false)"))
        with dst.read() as c:
            for t in _tables():
                q = select(func.count()).select_from(t)
                if t is meta_t:
                    q = q.where(meta_t.c.key.notin_(_META_KEEP))
                got = c.execute(q).scalar()
                if got != counts[t.name]:
                    raise StoreError(f"copy: {t.name} has {got} rows in {dst.path}, expected {counts[t.name]}")
        return counts
    finally:
        src.close()
        dst.close()
