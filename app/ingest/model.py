"""What report ingestion proposes: plain dataclasses, no Qt, no storage.

The pipeline is parse → find → propose → review → apply (the shape of Portfolio Performance's
importers): :func:`app.ingest.pipeline.analyse` turns an extracted text into a :class:`Proposal`;
the user (GUI review window or CLI) sets each item's ``decision`` and may edit its fields;
:func:`app.ingest.apply.apply` writes the accepted items in one transaction.

Every ``quote`` is an exact substring of ``Proposal.text`` at ``[start, end)``; ``context`` (when not
empty) is a longer exact substring that contains the quote and names both parties.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

# A decision on one proposed item. None = not reviewed yet (the CLI's --apply takes the default:
# accept what is not weak and not argued-only).
ACCEPT, REJECT = "accept", "reject"


@dataclass
class MentionHit:
    """One place the text names a party (a name, a code, or a name with its code beside it)."""

    start: int              # offsets of the matched surface in Proposal.text
    end: int
    surface: str            # text[start:end]
    ref: str | None         # company primary code or entity id; None when it could not be resolved
    kind: str               # "name" | "code" | "name+code"
    confidence: float       # 0..1
    reason: str             # why it was matched (and why it is weak)
    weak: bool = False      # to be confirmed by the user
    candidates: list[str] = field(default_factory=list)   # other refs it could be (ambiguous names/codes)
    quote: str = ""         # the sentence (clipped) around the mention: text[quote_start:quote_end]
    quote_start: int = 0
    quote_end: int = 0


@dataclass
class CompanyProposal:
    """A party the report names, with all its mentions."""

    ref: str                # primary code (listed) or entity id (unlisted, known to the KB)
    name: str
    listed: bool
    known: bool             # already in the knowledge base
    exchange: str = ""
    mentions: list[MentionHit] = field(default_factory=list)
    confidence: float = 0.0
    reason: str = ""
    weak: bool = False
    name_en: str = ""
    name_zh_hant: str = ""
    decision: str | None = None

    @property
    def code(self) -> str | None:
        return self.ref if self.listed else None


@dataclass
class EdgeProposal:
    """supplier → customer, from one sentence."""

    id: str
    supplier: str
    customer: str
    segment: str
    status: str             # core | potential | stated
    argued: bool            # the sentence argues, hopes or guesses (可能, 有望, 或将, 若 …)
    share_pct: float | None
    share_qualifier: str | None     # ">" 超/逾/以上/过半, "~" 约/近/左右, "=" exact, None (不足 X%: figures)
    share_of: str | None            # "orders" | "revenue" | "market" | "compute" | None — what the share is of
    figures: dict[str, Any]
    themes: list[str]
    note: str
    quote: str
    start: int
    end: int
    context: str = ""
    section: str = ""       # the heading that names the customer, when only the heading does
    confidence: float = 0.0
    reason: str = ""
    decision: str | None = None


@dataclass
class LinkProposal:
    """Ownership / investment / partnership between two parties, from one sentence."""

    id: str
    source: str
    target: str
    relation: str           # invests_in | owns | subsidiary_of | partner
    stake_pct: float | None
    argued: bool
    quote: str
    start: int
    end: int
    note: str = ""
    context: str = ""
    confidence: float = 0.0
    reason: str = ""
    decision: str | None = None


@dataclass
class MemberProposal:
    theme: str
    ref: str
    role: str
    quote: str
    start: int
    end: int
    argued: bool = False
    confidence: float = 0.0
    reason: str = ""
    decision: str | None = None


@dataclass
class ThemeProposal:
    """An existing theme the report fits, or a new one proposed from its headings."""

    id: str
    new: bool
    title_zh: str
    title_en: str
    members: list[MemberProposal] = field(default_factory=list)
    score: float = 0.0
    reason: str = ""
    heading: str = ""
    decision: str | None = None


@dataclass
class Proposal:
    """Everything ingestion proposes for one text, before review."""

    text: str
    source: str
    format: str
    report: dict[str, Any]          # title, publisher, publisher_en, date, date_precision, analysts,
    #                                 rating, language, ai_compiled, no_sources, evidence{field: substring}
    companies: list[CompanyProposal] = field(default_factory=list)
    edges: list[EdgeProposal] = field(default_factory=list)
    links: list[LinkProposal] = field(default_factory=list)
    themes: list[ThemeProposal] = field(default_factory=list)
    unresolved: list[MentionHit] = field(default_factory=list)   # codes/names that matched nothing known
    warnings: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)             # what extraction removed
    timings: dict[str, float] = field(default_factory=dict)
    # The report already in the desk that this text is (or contains): {"file", "title", "publisher",
    # "date", "matched", "of"}; applying it again is refused unless ``allow_duplicate`` is set.
    duplicate_of: dict[str, Any] | None = None
    allow_duplicate: bool = False

    def company(self, ref: str) -> CompanyProposal | None:
        return next((c for c in self.companies if c.ref == ref), None)

    def to_json(self) -> dict[str, Any]:
        """The CLI's ``ingest --json`` shape (every quote an exact substring of ``text``)."""
        def mention(m: MentionHit) -> dict[str, Any]:
            return {"quote": m.quote, "start": m.quote_start, "end": m.quote_end,
                    "surface": m.surface, "match_start": m.start, "match_end": m.end,
                    "kind": m.kind, "confidence": round(m.confidence, 3), "weak": m.weak,
                    "reason": m.reason, "candidates": m.candidates}

        return {
            "report": dict(self.report, source=self.source, format=self.format, chars=len(self.text)),
            "companies": [{"ref": c.ref, "code": c.code, "name": c.name, "name_en": c.name_en,
                           "listed": c.listed, "known": c.known, "exchange": c.exchange,
                           "confidence": round(c.confidence, 3), "weak": c.weak, "reason": c.reason,
                           "mentions": [mention(m) for m in c.mentions], "decision": c.decision}
                          for c in self.companies],
            "edges": [_clean(dataclasses.asdict(e)) for e in self.edges],
            "links": [_clean(dataclasses.asdict(x)) for x in self.links],
            "themes": [_clean(dataclasses.asdict(t)) for t in self.themes],
            "unresolved": [mention(m) for m in self.unresolved],
            "warnings": self.warnings,
            "duplicate_of": self.duplicate_of,
            "dropped": self.dropped,
        }


def _clean(d: dict[str, Any]) -> dict[str, Any]:
    for k, v in list(d.items()):
        if isinstance(v, float):
            d[k] = round(v, 3)
    return d
