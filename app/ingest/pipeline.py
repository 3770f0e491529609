"""Ingestion as separate steps: extract → find → propose (→ review → apply in :mod:`app.ingest.apply`)."""
from __future__ import annotations

import hashlib
import re
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from app.ingest.finder import NameIndex, find_mentions, mark_publisher
from app.ingest.fold import FoldedText
from app.ingest.meta import broker_names, publisher_of
from app.ingest.model import Proposal
from app.ingest.propose import Proposer

if TYPE_CHECKING:  # pragma: no cover
    from app.services import Desk

Progress = Callable[[str, float], None]


def name_index(desk: "Desk") -> NameIndex:
    """The desk's name automaton, built once per desk (and rebuilt after the KB changes)."""
    key = (id(desk.kb), len(desk.kb.companies), len(desk.kb.entities), len(desk.universe))
    cached = getattr(desk, "_ingest_index", None)
    if cached is not None and cached[0] == key:
        return cached[1]
    idx = NameIndex.cached(desk.kb, desk.universe.by_code.values(), cache_dir())
    desk._ingest_index = (key, idx)  # type: ignore[attr-defined]
    return idx


def cache_dir() -> Path:
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("chainwatch", "chainwatch"))


def report_key(text: str) -> str:
    """The id an added report is stored under: a digest of its text (the same text is one report)."""
    return "user-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def analyse(desk: "Desk", text: str, *, source: str = "pasted", fmt: str = "pasted",
            meta: dict[str, Any] | None = None, dropped: list[str] | None = None,
            warnings: list[str] | None = None, progress: Progress | None = None,
            cancelled: Callable[[], bool] | None = None) -> Proposal:
    """Everything ingestion proposes for ``text``; changes nothing."""
    timings: dict[str, float] = {}

    def step(name: str, frac: float) -> None:
        if cancelled is not None and cancelled():
            raise InterruptedError("cancelled")
        if progress is not None:
            progress(name, frac)

    t0 = time.perf_counter()
    step("Indexing names", 0.05)
    idx = name_index(desk)
    timings["index"] = time.perf_counter() - t0
    t = time.perf_counter()
    step("Finding companies", 0.3)
    ft = FoldedText.of(text)
    mentions, unresolved = find_mentions(text, idx, ft)
    publisher = str((meta or {}).get("publisher") or "") or publisher_of(text)
    mark_publisher(idx, mentions, broker_names(publisher), publisher, text)
    timings["find"] = time.perf_counter() - t
    t = time.perf_counter()
    step("Proposing links", 0.6)
    key = report_key(text)
    prop = Proposer(idx, text, mentions, key, ft)
    companies = prop.companies(mentions)
    for m in unresolved:
        s = prop._sentence_of(m.start)
        if s is not None:
            m.quote_start, m.quote_end = prop.quote_span(s, (m.start, m.end))
            m.quote = text[m.quote_start:m.quote_end]
    edges, links = prop.edges_and_links()
    themes = prop.themes(companies, edges)
    timings["propose"] = time.perf_counter() - t
    step("Done", 1.0)
    report = dict(meta or {})
    report.setdefault("title", "")
    report["key"] = key
    dup = find_duplicate(desk.kb, text, key)
    warns = list(warnings or [])
    if dup is not None:
        warns.insert(0, duplicate_message(dup))
    timings["total"] = time.perf_counter() - t0
    return Proposal(text=text, source=source, format=fmt, report=report, companies=companies, edges=edges,
                    links=links, themes=themes, unresolved=unresolved, warnings=warns,
                    dropped=list(dropped or []), timings=timings, duplicate_of=dup)


MIN_QUOTES = 3        # a report known by fewer quotes is not compared
DUPLICATE_SHARE = 0.6  # this share of a known report's quotes found verbatim: the same report


def find_duplicate(kb: Any, text: str, key: str | None = None) -> dict[str, Any] | None:
    """The report in the knowledge base (bundled or added) that ``text`` already is: the same text
    (an added report's key is the digest of its text), or a text holding most of that report's
    quotes verbatim (a bundled report read again from its file, or pasted). None when none is."""
    key = key or report_key(text)
    quotes: dict[str, set[str]] = {}
    for file, quote, _where in kb.all_quotes():
        if file and quote and len(quote) >= 6:
            quotes.setdefault(file, set()).add(quote)
    best: tuple[float, str, int, int] | None = None
    for file, qs in quotes.items():
        if file == key:
            best = (2.0, file, 0, 0)   # the same text: an added report is stored under its digest
            break
        if len(qs) < MIN_QUOTES:
            continue
        found = sum(1 for q in qs if q in text)
        share = found / len(qs)
        if share >= DUPLICATE_SHARE and (best is None or share > best[0]):
            best = (share, file, found, len(qs))
    if best is None and key in kb.reports:
        best = (2.0, key, 0, 0)
    if best is None:
        return None
    r = kb.reports.get(best[1])
    return {"file": best[1], "title": getattr(r, "title", "") or "", "publisher": getattr(r, "publisher", "") or "",
            "date": str(getattr(r, "date", "") or ""), "matched": best[2], "of": best[3]}


def duplicate_message(dup: dict[str, Any]) -> str:
    what = " ".join(x for x in (dup.get("publisher"), dup.get("title"), dup.get("date")) if x) or dup["file"]
    if not dup.get("of"):
        how = "the same text"
    elif dup["matched"] == dup["of"]:
        how = f"all {dup['of']} of its quotes are in this text"
    else:
        how = f"{dup['matched']} of its {dup['of']} quotes are in this text"
    return (f"already in the desk: this is the report {what} ({dup['file']}; {how}); applying it again would "
            "count its evidence twice")


_PINYIN = re.compile(r"(?<=[\u4e00-\u9fff])\((?:[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*)\)")


def strip_pinyin_annotations(text: str) -> tuple[str, int]:
    """'行業(yè)競爭' -> '行業競爭': some converted pages carry a tone-marked pinyin reading after
    characters, which splits every word it touches. Only a bracketed syllable with a tone mark,
    right after a CJK character, is removed."""
    out, n = _PINYIN.subn("", text)
    return out, n


def analyse_extracted(desk: "Desk", ex: Any, overrides: dict[str, Any] | None = None, **kw: Any) -> Proposal:
    """:func:`analyse` on an :class:`~app.ingest.extract.ExtractedText`, its metadata proposed from the text
    (title, publisher, date, analysts, rating, AI-compiled …) and overridden by what the user gave."""
    import dataclasses

    from app.ingest.meta import propose_meta

    text, n = strip_pinyin_annotations(ex.text)
    if n:
        ex = dataclasses.replace(ex, text=text, dropped=[*ex.dropped, f"{n} pinyin annotations such as "
                                                         "'(zhàn)' after characters (a conversion artefact)"])
    meta = dataclasses.asdict(propose_meta(ex))
    for k, v in (overrides or {}).items():
        if v not in (None, ""):
            meta[k] = v
    return analyse(desk, ex.text, source=ex.source, fmt=ex.format, meta=meta, dropped=ex.dropped,
                   warnings=ex.warnings, **kw)


def analyse_file(desk: "Desk", path: str | Path, overrides: dict[str, Any] | None = None, **kw: Any) -> Proposal:
    from app.ingest.extract import extract_file

    return analyse_extracted(desk, extract_file(path), overrides, **kw)
