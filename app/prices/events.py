"""Dated knowledge-base events for one listing, as the price charts mark them.

No Qt. :func:`events_for` gathers, for a listing code:

* the company's own events (``kb.events``: listing dates, offer prices, results, products, other),
  for every listing of the company (A + H share one list);
* events of the entities it owns (``parent`` chains in ``entities.yaml``: Qwen and Amap for
  Alibaba, Yuanbao and WeChat for Tencent, …) — optional, on by default;
* the dates of the reports that name the company (``kb.reports_of``), as ``report`` events.

Each is a :class:`ChartEvent` — a ``(date, label, kind)`` tuple with two extra fields (``detail``
for a tooltip and ``value``) — sorted by date. Labels are short (a chart flag); the detail says
what happened and which report says so.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import NamedTuple

KINDS = ("listing", "offer_price", "results", "product", "other", "report")
LABEL_CHARS = 28


class ChartEvent(NamedTuple):
    date: dt.date
    label: str
    kind: str                 # one of KINDS
    detail: str = ""
    value: float | None = None
    report: str = ""          # a report event's file (its publisher and date for a label in another script)


def _short(text: str, limit: int = LABEL_CHARS) -> str:
    """The first clause of a note, cut to ``limit`` characters."""
    t = re.sub(r"^(month|quarter) precision[^—;]*[—;]\s*", "", text.strip(), flags=re.I)
    t = re.split(r"(?<=[a-z0-9)])[;:.](?:\s|$)|\s[—–]\s|, (?=[a-z])", t, maxsplit=1)[0].strip()
    return t if len(t) <= limit else t[:limit - 1].rstrip(" ,;(") + "…"


def _publisher(report, limit: int = 16) -> str:
    """A short publisher name for a flag: 'Guosen', 'First Shanghai', 'News digest'."""
    name = report.publisher_en or report.publisher
    name = name.split(" (")[0].strip() or name
    name = re.sub(r"\s+(Securities|Research|Group|Co\.?,? Ltd\.?)$", "", name)
    return name if len(name) <= limit else name[:limit - 1].rstrip(" &") + "…"


def _num(v: float) -> str:
    return f"{v:,.2f}".rstrip("0").rstrip(".") if v != int(v) else f"{int(v):,}"


def _event_label(ev, owner: str = "", script: str = "en") -> str:
    note = ev.describe(script)   # note_zh in the Chinese scripts where the knowledge base writes one
    if ev.kind == "listing":
        return "Listing"
    if ev.kind == "offer_price":
        if ev.value is not None:
            return f"Offer {ev.unit} {_num(ev.value)}".replace("  ", " ")
        return "Offer price"
    if ev.kind == "results":
        return f"Results: {_short(note, 20)}" if note else "Results"
    owner = owner.split(" (")[0]
    if owner and note and owner.lower() not in note[:60].lower():
        return f"{owner}: {_short(note, LABEL_CHARS - len(owner) - 2)}"
    return _short(note) if note else ev.kind


def _owned(kb, refs: set[str]) -> dict[str, str]:
    """Entity id -> its English name, for entities whose parent chain reaches ``refs``."""
    out: dict[str, str] = {}
    for e in kb.entities.values():
        seen, parent = set(), e.parent
        while parent and parent not in seen:
            seen.add(parent)
            company = kb.company(parent)
            if parent in refs or (company is not None and company.code in refs):
                out[e.id] = e.name_en or e.id
                break
            ent = kb.entities.get(parent)
            parent = ent.parent if ent else None
    return out


def events_for(kb, code: str, *, owned: bool = True, reports: bool = True, script: str = "en") -> list[ChartEvent]:
    """The events to mark on ``code``'s price chart (empty for a code the KB does not know).

    ``script`` (hans, hant, en): the names' script of an event's note (its note_zh, Traditional by
    conversion, in hans / hant) and of the entity it belongs to; the chart's own words stay English."""
    company = kb.company(code)
    if company is None:
        return []
    refs = set(company.codes)
    children = _owned(kb, refs) if owned else {}
    out: list[ChartEvent] = []
    for ev in kb.events:
        if ev.ref in refs:
            owner = ""
        elif ev.ref in children:
            owner = children[ev.ref] if script == "en" else kb.ref_name(ev.ref, script)
        else:
            continue
        report = kb.reports.get(ev.evidence.report)
        src = f" ({report.label})" if report else ""
        note = ev.describe(script)
        what = note or ev.kind
        if ev.kind == "offer_price" and ev.value is not None and ev.unit:
            what = f"offer price {ev.unit} {_num(ev.value)}. {note}".strip()
        detail = f"{ev.date.isoformat()} {owner + ': ' if owner else ''}{what}{src}"
        out.append(ChartEvent(ev.date, _event_label(ev, owner, script), ev.kind, detail, ev.value))
    if reports:
        files = set()
        for c in company.codes:
            files.update(kb.reports_of(c))
        for f in sorted(files):
            r = kb.reports.get(f)
            if r is None:
                continue
            flag = " [AI]" if r.ai_compiled else ""
            label = f"Report · {_publisher(r)}{flag}"
            detail = f"{r.date_label} report naming {company.name_en or company.code}: {r.title} — {r.label}"
            out.append(ChartEvent(r.date, label, "report", detail, report=f))
    uniq = list(dict.fromkeys(out))
    return sorted(uniq, key=lambda e: (e.date, KINDS.index(e.kind) if e.kind in KINDS else 99, e.label))


__all__ = ["ChartEvent", "KINDS", "events_for"]
