"""Reports the user added, in the store beside the bundled knowledge base.

They live in their own tables (schema 3: ``user_reports``, ``user_facts``, ``user_records``), so a newer
bundled knowledge base, which replaces the ``kb_*`` tables, never touches them; deleting a report
deletes its claims and the records it brought, nothing else (ON DELETE CASCADE, one transaction).
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, insert, select

from app import domain as d
from app.kb import KnowledgeBase
from app.store import (
    Store, StoreError, _dump, _load, user_facts_t, user_records_t, user_reports_t,
)

_FACT_LISTS = {"mention": "mentions", "entity_mention": "entity_mentions", "member": "members",
               "edge": "edges", "link": "links", "event": "events", "recommendation": "recommendations"}


@dataclass
class StoredReport:
    key: str
    report: d.Report
    source: str
    format: str
    added_at: str
    facts: dict[str, int]
    records: dict[str, int]
    info: dict[str, Any]


@dataclass
class Bundle:
    """Everything one added report writes, validated before anything is written."""

    report: d.Report
    text: str
    source: str
    format: str
    info: dict[str, Any]
    facts: list[tuple[str, Any]]          # (kind, domain object)
    records: list[tuple[str, str, Any]]   # (kind, key, domain object): companies and themes it brings


def save(store: Store, bundle: Bundle, watchlist: str | None = None, codes: list[str] | None = None
         ) -> list[str]:
    """Write a report and its claims in one transaction; returns the codes added to ``watchlist``."""
    now = dt.datetime.now().isoformat(timespec="seconds")
    key = bundle.report.file
    added: list[str] = []
    with store.write() as conn:
        if conn.execute(select(user_reports_t.c.key).where(user_reports_t.c.key == key)).first():
            raise StoreError(f"this text was already added as report {key}")
        conn.execute(insert(user_reports_t).values(
            key=key, payload=_dump(bundle.report), text=bundle.text, source=bundle.source, format=bundle.format,
            info=json.dumps(bundle.info, ensure_ascii=False, default=str), added_at=now))
        if bundle.records:
            conn.execute(insert(user_records_t), [
                {"report": key, "kind": kind, "key": rkey, "payload": _dump(obj)}
                for kind, rkey, obj in bundle.records])
        if bundle.facts:
            conn.execute(insert(user_facts_t), [
                {"report": key, "kind": kind, "payload": _dump(obj)} for kind, obj in bundle.facts])
        if watchlist and codes:
            from app.store import watchlists_t

            wl_id = conn.execute(select(watchlists_t.c.id).where(watchlists_t.c.name == watchlist)).scalar()
            if wl_id is None:
                wl_id = store._create_watchlist(conn, watchlist)
            added = store._add_items(conn, wl_id, codes)
    return added


def delete_report(store: Store, key: str) -> StoredReport:
    """Remove an added report and everything it claimed; returns what was removed."""
    info = get(store, key)
    with store.write() as conn:
        conn.execute(delete(user_facts_t).where(user_facts_t.c.report == key))
        conn.execute(delete(user_records_t).where(user_records_t.c.report == key))
        conn.execute(delete(user_reports_t).where(user_reports_t.c.key == key))
    return info


def reports(store: Store) -> list[StoredReport]:
    with store.read() as conn:
        rows = conn.execute(select(user_reports_t.c.key, user_reports_t.c.payload, user_reports_t.c.source,
                                   user_reports_t.c.format, user_reports_t.c.added_at, user_reports_t.c.info)
                            .order_by(user_reports_t.c.added_at, user_reports_t.c.key)).all()
        facts: dict[str, dict[str, int]] = {}
        for r in conn.execute(select(user_facts_t.c.report, user_facts_t.c.kind)):
            f = facts.setdefault(r.report, {})
            f[r.kind] = f.get(r.kind, 0) + 1
        records: dict[str, dict[str, int]] = {}
        for r in conn.execute(select(user_records_t.c.report, user_records_t.c.kind)):
            f = records.setdefault(r.report, {})
            f[r.kind] = f.get(r.kind, 0) + 1
    return [StoredReport(r.key, _load("report", json.loads(r.payload)), r.source, r.format, r.added_at,
                         facts.get(r.key, {}), records.get(r.key, {}), json.loads(r.info or "{}")) for r in rows]


def get(store: Store, key: str) -> StoredReport:
    for r in reports(store):
        if r.key == key or r.key == f"user-{key}":
            return r
    known = ", ".join(r.key for r in reports(store)) or "none"
    raise StoreError(f"no added report {key!r} (added: {known})")


def text_of(store: Store, key: str) -> str:
    with store.read() as conn:
        t = conn.execute(select(user_reports_t.c.text).where(user_reports_t.c.key == key)).scalar()
    if t is None:
        raise StoreError(f"no added report {key!r}")
    return t


def facts_of(store: Store, key: str) -> list[tuple[str, Any]]:
    with store.read() as conn:
        rows = conn.execute(select(user_facts_t.c.kind, user_facts_t.c.payload)
                            .where(user_facts_t.c.report == key).order_by(user_facts_t.c.id)).all()
    return [(r.kind, _load(r.kind, json.loads(r.payload))) for r in rows]


def merge_into(store: Store, kb: KnowledgeBase) -> int:
    """Add every added report, its records and its claims to an in-memory knowledge base.

    A record the bundled knowledge base already has (a company it now knows) keeps the bundled one.
    Returns the number of reports merged.
    """
    with store.read() as conn:
        reps = conn.execute(select(user_reports_t.c.key, user_reports_t.c.payload)
                            .order_by(user_reports_t.c.added_at, user_reports_t.c.key)).all()
        recs = conn.execute(select(user_records_t.c.kind, user_records_t.c.payload)).all()
        facts = conn.execute(select(user_facts_t.c.kind, user_facts_t.c.payload)
                             .order_by(user_facts_t.c.id)).all()
    for r in reps:
        rep = _load("report", json.loads(r.payload))
        kb.reports[rep.file] = rep
    for r in recs:
        obj = _load(r.kind, json.loads(r.payload))
        if r.kind == "company":
            if any(c in kb.by_listing for c in obj.codes):
                continue
            kb.companies[obj.code] = obj
            for c in obj.codes:
                kb.by_listing[c] = obj
        elif r.kind == "theme" and obj.id not in kb.themes:
            kb.themes[obj.id] = obj
        elif r.kind == "entity" and obj.id not in kb.entities:
            kb.entities[obj.id] = obj
    for r in facts:
        getattr(kb, _FACT_LISTS[r.kind]).append(_load(r.kind, json.loads(r.payload)))
    if reps or recs:
        kb._name_index = None
    return len(reps)
