"""Application services: open the store on the bundled data and answer desk-level questions.

No Qt here. The GUI and the command line both go through :class:`Desk`.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from app import kb as kbmod
from app.codes import CodeError, parse
from app.domain import CUSTOMER_HUBS, Edge
from app.kb import SEGMENTS, KnowledgeBase
from app.store import ReadOnlyError, Store, StoreError
from app.universe import Security, Universe, read_a_shares

log = logging.getLogger(__name__)


def bundled_version(data_dir: Path | None = None) -> str:
    p = (data_dir or kbmod.DATA_DIR) / "manifest.yaml"
    try:
        return str((yaml.safe_load(p.read_text(encoding="utf-8")) or {}).get("version") or "0")
    except (OSError, yaml.YAMLError):
        return "0"


@dataclass
class Desk:
    store: Store
    kb: KnowledgeBase
    _universe: Universe | None = None

    @classmethod
    def open(cls, db: Path | str | None = None, data_dir: Path | None = None) -> "Desk":
        """Open (creating or migrating) the store; load the bundled KB when it is new or newer."""
        store = Store.open(db)
        stored = store.kb_version()
        if stored != bundled_version(data_dir):
            kb = kbmod.load(data_dir)
            universe = Universe.build(kb, read_a_shares((data_dir or kbmod.DATA_DIR) / "a_share_universe.csv"))
            try:
                store.sync_kb(kb, list(universe.by_code.values()))
            except ReadOnlyError:
                # a team database whose owner has not loaded this version yet: use what it has
                if stored is None:
                    raise StoreError(f"{store.path} has no knowledge base yet: its owner runs "
                                     f"`python main.py db init --db …` first") from None
                log.warning("%s keeps knowledge base %s (bundled %s): only its owner can load a newer one",
                            store.path, stored, kb.version)
                desk = cls(store, store.load_kb())
                desk._merge_added_reports()
                return desk
            from app.universe_refresh import listing_names

            desk = cls(store, kb, Universe(listing_names(store, list(universe.by_code.values()))))
        else:
            desk = cls(store, store.load_kb())
        desk._merge_added_reports()
        return desk

    def _merge_added_reports(self) -> None:
        from app.ingest.storage import merge_into

        merge_into(self.store, self.kb)

    def reload_kb(self) -> None:
        """Read the knowledge base again (after a report was added or deleted)."""
        self.kb = self.store.load_kb()
        self._merge_added_reports()

    @property
    def universe(self) -> Universe:
        if self._universe is None:
            from app.universe_refresh import listing_names  # the refreshed A/HK lists, when cached

            self._universe = Universe(listing_names(self.store))
        return self._universe

    # ---- companies -------------------------------------------------------------------
    def company_records(self, include_entities: bool = True) -> list[dict[str, Any]]:
        kb = self.kb
        out = []
        for c in kb.companies.values():
            primary = next((x for x in c.codes if not x.endswith(".US")), c.code)
            out.append({
                "code": primary, "codes": list(c.codes), "listed": True,
                "name_zh_hans": c.name_zh_hans, "name_zh_hant": c.name_zh_hant, "name_en": c.name_en,
                "exchange": primary.rsplit(".", 1)[1],
                "themes": kb.themes_of(c.code), "reports": kb.reports_of(c.code),
                "chain_role": kb.chain_role(c.code),
                "theme_roles": [{"theme": m.theme, "role": m.role, "role_zh": m.role_zh}
                                for m in kb.members if m.ref == c.code and m.role],
                **self._links_events(set(c.codes) | {c.code}),
            })
        if include_entities:
            for e in kb.entities.values():
                out.append({
                    "code": None, "codes": [], "listed": False, "id": e.id, "kind": e.kind,
                    "name_zh_hans": e.name_zh_hans, "name_zh_hant": e.name_zh_hant, "name_en": e.name_en,
                    "exchange": None, "themes": kb.themes_of(e.id), "reports": kb.reports_of(e.id),
                    "parent": e.parent,
                    "theme_roles": [{"theme": m.theme, "role": m.role, "role_zh": m.role_zh}
                                    for m in kb.members if m.ref == e.id and m.role],
                    **self._links_events({e.id}),
                })
        return out

    def _links_events(self, refs: set[str]) -> dict[str, list[dict[str, Any]]]:
        """A party's links (stakes, partnerships, ownership) and events, each note with its note_zh."""
        kb = self.kb
        return {
            "links": [{"from": x.source, "to": x.target, "relation": x.relation, "stake_pct": x.stake_pct,
                       "note": x.note, "note_zh": x.note_zh, "argued": x.argued, "report": x.evidence.report}
                      for x in kb.links if x.source in refs or x.target in refs],
            "events": [{"date": x.date.isoformat(), "date_precision": x.date_precision, "kind": x.kind,
                        "value": x.value, "unit": x.unit, "note": x.note, "note_zh": x.note_zh,
                        "report": x.evidence.report}
                       for x in kb.events if x.ref in refs],
        }

    def edge_records(self, customer: str | None = None, supplier: str | None = None,
                     segment: str | None = None) -> list[dict[str, Any]]:
        if segment and segment not in SEGMENTS:
            raise KeyError(f"unknown segment {segment!r} (known: {', '.join(SEGMENTS)})")
        edges = self.kb.chain(customer=customer, supplier=supplier)
        return [self.edge_record(e) for e in edges if not segment or e.segment == segment]

    def edge_record(self, e: Edge) -> dict[str, Any]:
        kb = self.kb
        rep = kb.reports.get(e.evidence.report)
        return {
            "supplier": e.supplier, "supplier_name": kb.ref_name(e.supplier),
            "customer": e.customer, "customer_name": kb.ref_name(e.customer),
            "segment": e.segment, "status": e.status, "share_pct": e.share_pct,
            "share_qualifier": e.share_qualifier, "figures": e.figures, "themes": list(e.themes),
            "note": e.note, "note_zh": e.note_zh, "report": e.evidence.report, "quote": e.evidence.quote,
            "context": e.evidence.context, "argued": e.argued,
            "ai_compiled": bool(rep and rep.ai_compiled),
        }

    def theme_records(self) -> list[dict[str, Any]]:
        kb = self.kb
        out = []
        for t in kb.themes.values():
            members = kb.theme_members(t.id)
            reports = sorted({m.evidence.report for m in kb.members if m.theme == t.id}
                             | {e.evidence.report for e in kb.edges if t.id in e.themes})
            out.append({"id": t.id, "title_zh": t.title_zh, "title_en": t.title_en,
                        "parent": t.parent, "description": t.description, "description_zh": t.description_zh,
                        "members": [{"ref": r, "name": kb.ref_name(r),
                                     "listed": kb.company(r) is not None,
                                     "roles": sorted({m.role for m in kb.members
                                                      if m.theme == t.id and m.ref == r and m.role}),
                                     "roles_zh": sorted({m.role_zh for m in kb.members
                                                         if m.theme == t.id and m.ref == r and m.role_zh})}
                                    for r in members],
                        "reports": reports})
        return out

    # ---- adding -------------------------------------------------------------------------
    def resolve_security(self, query: str) -> Security:
        """A listing for a code in any dialect, a name in either script or pinyin initials."""
        try:
            return self.universe.resolve(query)
        except LookupError:
            ref = self.kb.resolve(query)
            if ref and self.kb.company(ref):
                sec = self.universe.get(ref)
                if sec:
                    return sec
            raise

    def add_to_watchlist(self, name: str, queries: list[str], create: bool = False) -> tuple[list[str], list[str]]:
        """Resolve each query and add it; returns (added codes, messages for the ones not added)."""
        wl = self.store.ensure_watchlist(name) if create else self.store.watchlist(name).id
        codes, problems = [], []
        for q in queries:
            try:
                codes.append(self.resolve_security(q).code)
            except LookupError as e:
                problems.append(str(e).strip('"'))
        added = self.store.add_items(wl, codes)
        reported = set(added)
        seen: set[str] = set()
        for c in codes:
            if c in seen or c not in reported:
                problems.append(f"{c} is already in {name!r}")
            seen.add(c)
        return added, problems


def hub_ref(kb: KnowledgeBase, hub: str) -> str | None:
    ref = CUSTOMER_HUBS.get(hub.lower())
    if ref and kb.company(ref):
        return kb.company(ref).code
    return ref


def parse_codes(values: list[str]) -> tuple[list[str], list[str]]:
    good, bad = [], []
    for v in values:
        try:
            good.append(parse(v).code)
        except CodeError as e:
            bad.append(str(e))
    return good, bad


__all__ = ["Desk", "StoreError", "bundled_version", "hub_ref", "parse_codes"]
