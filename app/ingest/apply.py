"""Apply a reviewed proposal: validate everything first, then write it in one transaction.

What is written is what the user accepted (``decision == "accept"``); with ``defaults=True`` (the
CLI's ``--apply``) an item nobody decided on is accepted when it is not weak and its confidence reaches
``min_confidence``. Every claim becomes a domain fact whose evidence is the added report, its quote
(an exact substring of the text) and, where the quote does not name both parties, a context or the
section heading that does.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from app import domain as d
from app.domain import SEGMENTS, StoreError
from app.ingest import storage
from app.ingest.model import ACCEPT, REJECT, Proposal
from app.ingest.propose import stated_share
from app.text import to_hant

if TYPE_CHECKING:  # pragma: no cover
    from app.services import Desk

STATUSES = ("core", "potential", "stated")
RELATIONS = ("invests_in", "owns", "subsidiary_of", "partner", "customer_of", "supplies")
SHARE_OF = (None, "orders", "market", "revenue", "compute")
MAX_TITLE = 300


class ApplyError(StoreError):
    """The proposal cannot be applied as it stands; ``problems`` lists every reason (nothing was written)."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        more = f" (and {len(problems) - 12} more)" if len(problems) > 12 else ""
        super().__init__("cannot apply the report: " + "; ".join(problems[:12]) + more)


@dataclass
class ApplyResult:
    key: str
    counts: dict[str, int] = field(default_factory=dict)
    added_to_watchlist: list[str] = field(default_factory=list)
    watchlist: str | None = None


def accepted(item: Any, defaults: bool, min_confidence: float) -> bool:
    if item.decision == ACCEPT:
        return True
    if item.decision == REJECT or not defaults:
        return False
    weak = getattr(item, "weak", False)
    return not weak and getattr(item, "confidence", 0.0) >= min_confidence


def build_bundle(desk: "Desk", p: Proposal, *, defaults: bool = False, min_confidence: float = 0.6
                 ) -> tuple[storage.Bundle, list[str]]:
    """The report and its facts as they would be written, and the codes the report names (listed)."""
    problems: list[str] = []
    kb = desk.kb
    text = p.text
    key = p.report.get("key") or ""
    if not key:
        from app.ingest.pipeline import report_key

        key = report_key(text)
    meta = p.report
    title = str(meta.get("title") or "").strip()
    if not title:
        problems.append("the report needs a title")
    if len(title) > MAX_TITLE:
        problems.append(f"the title is longer than {MAX_TITLE} characters")
    date, precision = _date(meta.get("date"), problems)
    report = d.Report(
        file=key, publisher=str(meta.get("publisher") or "").strip(),
        publisher_en=str(meta.get("publisher_en") or "").strip(), title=title, date=date,
        date_precision=meta.get("date_precision") or precision,
        analysts=tuple(a.strip() for a in (meta.get("analysts") or []) if str(a).strip()),
        language=meta.get("language") or "zh-Hans", rating=(meta.get("rating") or None),
        ai_compiled=bool(meta.get("ai_compiled")), quote=_meta_quote(meta, text))

    def ev(quote: str, start: int, end: int, what: str, context: str = "", section: str = "") -> d.Evidence:
        if text[start:end] != quote:
            problems.append(f"{what}: the quote is not the text at {start}–{end}")
        if context and context not in text:
            problems.append(f"{what}: the context is not in the text")
        return d.Evidence(key, quote, context, section)

    facts: list[tuple[str, Any]] = []
    records: list[tuple[str, str, Any]] = []
    codes: list[str] = []
    known_refs = set()
    for c in p.companies:
        if not accepted(c, defaults, min_confidence):
            continue
        ref = c.ref
        party = kb.party(ref)
        sec = desk.universe.get(ref)
        if party is None and sec is None:
            problems.append(f"company {c.name} ({ref}): in no list the desk has")
            continue
        if party is None:
            records.append(("company", ref, d.Company(codes=(ref,), name_zh_hans=sec.name_zh_hans,
                                                      name_zh_hant=sec.name_zh_hant or to_hant(sec.name_zh_hans),
                                                      name_en=sec.name_en or "", industry=sec.industry or "")))
        known_refs.add(ref)
        m = next((m for m in c.mentions if not m.weak), c.mentions[0] if c.mentions else None)
        if m is None:
            continue
        kind = "mention" if (party is None or party.company is not None) else "entity_mention"
        facts.append((kind, d.Mention(ref, ev(m.quote, m.quote_start, m.quote_end, f"mention of {c.name}"))))
        if c.listed and not ref.endswith(".US"):
            codes.append(ref)

    def party_ok(ref: str, what: str) -> bool:
        if ref in known_refs or kb.party(ref) is not None:
            return True
        problems.append(f"{what}: {ref} is not an accepted company and not in the knowledge base")
        return False

    for e in p.edges:
        if not accepted(e, defaults, min_confidence):
            continue
        what = f"edge {e.supplier} → {e.customer}"
        if not (party_ok(e.supplier, what) and party_ok(e.customer, what)):
            continue
        if e.segment not in SEGMENTS:
            problems.append(f"{what}: unknown segment {e.segment!r}")
        if e.status not in STATUSES:
            problems.append(f"{what}: status must be one of {', '.join(STATUSES)}")
        if e.argued and e.status != "potential":
            problems.append(f"{what}: an argued claim can only be 'potential'")
        if e.share_pct is not None and not (0 < float(e.share_pct) <= 100):
            problems.append(f"{what}: share {e.share_pct} is not a percentage")
        if e.share_of not in SHARE_OF:
            problems.append(f"{what}: share_of must be one of orders, market, revenue, compute")
        if e.share_pct is not None and not (_stated(text[e.start:e.end] + e.context, e.share_pct)
                                            or stated_share(text[e.start:e.end] + e.context, e.share_pct)):
            problems.append(f"{what}: the quote does not state {e.share_pct:g}%")
        section = e.section
        facts.append(("edge", d.Edge(
            supplier=e.supplier, customer=e.customer, segment=e.segment, status=e.status,
            share_pct=float(e.share_pct) if e.share_pct is not None else None,
            share_qualifier=e.share_qualifier if e.share_pct is not None else None,
            figures=dict(e.figures), themes=tuple(e.themes), note=e.note,
            evidence=ev(e.quote, e.start, e.end, what, e.context, section), argued=bool(e.argued),
            share_of=e.share_of if e.share_pct is not None else None)))
    for x in p.links:
        if not accepted(x, defaults, min_confidence):
            continue
        what = f"link {x.source} → {x.target}"
        if not (party_ok(x.source, what) and party_ok(x.target, what)):
            continue
        if x.relation not in RELATIONS:
            problems.append(f"{what}: unknown relation {x.relation!r}")
        if x.stake_pct is not None and not _stated(text[x.start:x.end], x.stake_pct):
            problems.append(f"{what}: the quote does not state {x.stake_pct:g}%")
        facts.append(("link", d.Link(source=x.source, target=x.target, relation=x.relation,
                                     stake_pct=x.stake_pct, note=x.note,
                                     evidence=ev(x.quote, x.start, x.end, what, x.context), argued=bool(x.argued))))
    for t in p.themes:
        if t.decision == REJECT or (t.decision != ACCEPT and not (defaults and not t.new and t.score >= 0.5)):
            continue
        if t.new:
            if not t.title_zh.strip():
                problems.append(f"theme {t.id}: a new theme needs a title")
            records.append(("theme", t.id, d.Theme(id=t.id, title_zh=t.title_zh.strip(),
                                                   title_en=(t.title_en or t.title_zh).strip(),
                                                   description=f"From the report {title[:80]}")))
        elif t.id not in kb.themes:
            problems.append(f"theme {t.id}: not in the knowledge base")
            continue
        for mem in t.members:
            if mem.decision == REJECT or (mem.decision != ACCEPT and not defaults and t.decision != ACCEPT):
                continue
            if not party_ok(mem.ref, f"member {mem.ref} of {t.id}"):
                continue
            facts.append(("member", d.Membership(theme=t.id, ref=mem.ref, role=mem.role,
                                                 evidence=ev(mem.quote, mem.start, mem.end, f"member {mem.ref}"),
                                                 argued=mem.argued)))
    if problems:
        raise ApplyError(problems)
    info = {"meta_evidence": meta.get("evidence") or {}, "dropped": p.dropped, "warnings": p.warnings,
            "no_sources": bool(meta.get("no_sources"))}
    return storage.Bundle(report, text, p.source, p.format, info, facts, records), list(dict.fromkeys(codes))


def apply(desk: "Desk", p: Proposal, *, watchlist: str | None = None, defaults: bool = False,
          min_confidence: float = 0.6) -> ApplyResult:
    """Validate, then write the accepted items in one transaction; the desk's knowledge base follows."""
    if p.duplicate_of is not None and not p.allow_duplicate:
        from app.ingest.pipeline import duplicate_message

        raise ApplyError([duplicate_message(p.duplicate_of) + " (delete that report first, or allow a "
                                                              "duplicate explicitly)"])
    bundle, codes = build_bundle(desk, p, defaults=defaults, min_confidence=min_confidence)
    added = storage.save(desk.store, bundle, watchlist, codes if watchlist else None)
    desk.reload_kb()
    counts: dict[str, int] = {}
    for kind, _ in bundle.facts:
        counts[kind] = counts.get(kind, 0) + 1
    for kind, _, _ in bundle.records:
        counts["new " + kind] = counts.get("new " + kind, 0) + 1
    return ApplyResult(bundle.report.file, counts, added, watchlist)


def delete_report(desk: "Desk", key: str) -> storage.StoredReport:
    """Remove an added report and its claims (the undo of :func:`apply`)."""
    gone = storage.delete_report(desk.store, key)
    desk.reload_kb()
    return gone


def _date(value: Any, problems: list[str]) -> tuple[dt.date, str]:
    if isinstance(value, dt.date):
        return value, "day"
    s = str(value or "").strip()
    if not s:
        problems.append("the report needs a date (YYYY-MM-DD or YYYY-MM)")
        return dt.date(1970, 1, 1), "day"
    try:
        if re.fullmatch(r"\d{4}-\d{2}", s):
            return dt.date.fromisoformat(s + "-01"), "month"
        return dt.date.fromisoformat(s[:10]), "day"
    except ValueError:
        problems.append(f"date {s[:20]!r} is not YYYY-MM-DD or YYYY-MM")
        return dt.date(1970, 1, 1), "day"


def _meta_quote(meta: dict[str, Any], text: str) -> str:
    for k in ("date", "title", "publisher"):
        q = (meta.get("evidence") or {}).get(k)
        if q and q in text:
            return q[:200]
    return ""


def _stated(quote: str, value: float) -> bool:
    """The figure appears in the quote as written (45, 45.0, 13.045)."""
    v = f"{float(value):g}"
    return bool(re.search(rf"(?<![\d.]){re.escape(v)}(?:\.0+)?\s*[%％]", quote))

