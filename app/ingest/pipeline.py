"""Ingestion as separate steps: extract → find → propose (→ review → apply in :mod:`app.ingest.apply`)."""
from __future__ import annotations

import hashlib
import os
import re
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator

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
    dup = find_duplicate(desk.kb, text, key, folded=ft.compact, known=known_texts(desk))
    warns = list(warnings or [])
    if dup is not None:
        warns.insert(0, duplicate_message(dup))
    timings["total"] = time.perf_counter() - t0
    return Proposal(text=text, source=source, format=fmt, report=report, companies=companies, edges=edges,
                    links=links, themes=themes, unresolved=unresolved, warnings=warns,
                    dropped=list(dropped or []), timings=timings, duplicate_of=dup)


MIN_QUOTES = 3        # a report known by fewer quotes is not compared
DUPLICATE_SHARE = 0.6  # this share of a known report's quotes found verbatim: the same report
PART_SHARE = 0.6       # this share of the text's sentences found in a known report's text: a part of it
PART_MIN = 3           # ... and at least this many (a report quoting a sentence or two is no copy)
QUOTED_SHARE = 0.25    # without the known report's text: this share of the sentences hold its quotes
MIN_SENTENCE = 10      # shorter sentences ("2026年1月7日", "风险提示") are in any report


def find_duplicate(kb: Any, text: str, key: str | None = None, *, folded: str | None = None,
                   known: Iterable[tuple[str, str]] = ()) -> dict[str, Any] | None:
    """The report in the knowledge base (bundled or added) that ``text`` already is, or is part of.

    * the same text (an added report's key is the digest of its text);
    * a text holding most of a report's quotes verbatim (a bundled report read again from its file);
    * a text most of whose sentences are in a known report's text (``known``: (report file, text), the
      added reports' texts and the bundled reports' files when they are at hand): a part of it — the
      first pages, an excerpt, a copy in the other script or with other line breaks (sentences are
      compared folded: NFKC, Simplified, lower case, no white space);
    * without that report's text, a text many of whose sentences hold its quotes verbatim.
    None when none is; a new report quoting a sentence or two of a known one is none.
    """
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
        # a quote keeps the converted page's pinyin readings ("戰(zhàn)略") that reading a file strips
        found = sum(1 for q in qs if q in text or strip_pinyin_annotations(q)[0] in text)
        share = found / len(qs)
        if share >= DUPLICATE_SHARE and (best is None or share > best[0]):
            best = (share, file, found, len(qs))
    if best is None and key in kb.reports:
        best = (2.0, key, 0, 0)
    part: tuple[float, str, int, int, str] | None = None
    if best is None:
        part = _part_of(text, folded, known, quotes)
    elif best[0] <= 1.0:
        # most of its quotes, but quotes cluster: with the report's text at hand, a part of it is told
        # from the whole by its sentences ("Kimi…" digest pages, a user report's first paragraphs)
        own = _part_of(text, folded, ((f, t) for f, t in known if f == best[1]), {})
        if own is not None and own[4] == "sentences":
            best, part = None, own
    if best is None and part is None:
        return None
    file = best[1] if best is not None else part[1]  # type: ignore[index]
    r = kb.reports.get(file)
    out = {"file": file, "title": getattr(r, "title", "") or "", "publisher": getattr(r, "publisher", "") or "",
           "date": str(getattr(r, "date", "") or "")}
    if best is not None:
        out.update(matched=best[2], of=best[3])
    else:
        assert part is not None
        out.update(matched=part[2], of=part[3], part=part[4])
    return out


def _sentences(compact: str) -> list[str]:
    return [x for x in re.split(r"[。！？!?；;]+", compact) if len(x) >= MIN_SENTENCE]


_FOLDED_CACHE: dict[tuple[str, str], tuple[str, frozenset[str]]] = {}


def _folded_report(file: str, text: str) -> tuple[str, frozenset[str]]:
    """A known report's text folded as :class:`FoldedText` folds (compact), and its sentences."""
    k = (file, hashlib.sha1(text.encode("utf-8")).hexdigest())
    got = _FOLDED_CACHE.get(k)
    if got is None:
        compact = FoldedText.of(strip_pinyin_annotations(text)[0]).compact
        got = (compact, frozenset(_sentences(compact)))
        if len(_FOLDED_CACHE) > 64:
            _FOLDED_CACHE.clear()
        _FOLDED_CACHE[k] = got
    return got


def _part_of(text: str, folded: str | None, known: Iterable[tuple[str, str]],
             quotes: dict[str, set[str]]) -> tuple[float, str, int, int, str] | None:
    """(share, report file, sentences found, sentences, how) for the known report the text is largely
    a part of, or None; how is "sentences" (a part of its text), "same" (most of its text: the report
    itself) or "quotes" (no text at hand: many sentences hold its quotes)."""
    compact = folded if folded is not None else FoldedText.of(text).compact
    mine = _sentences(compact)
    if len(mine) < PART_MIN:
        return None
    best: tuple[float, str, int, int, str] | None = None
    seen: set[str] = set()
    for file, known_text in known:
        if not known_text or file in seen:
            continue
        seen.add(file)
        whole, sents = _folded_report(file, known_text)
        # a whole sentence is looked up; one cut at the excerpt's edge is searched for
        found = sum(1 for i, x in enumerate(mine)
                    if x in sents or ((i == 0 or i == len(mine) - 1) and x in whole))
        share = found / len(mine)
        if found >= PART_MIN and share >= PART_SHARE and (best is None or share > best[0]):
            # most of the known report's own sentences too: the report itself, not a part of it
            how = "same" if found >= 0.8 * len(sents) else "sentences"
            best = (share, file, found, len(mine), how)
    if best is not None:
        return best
    for file, qs in quotes.items():
        if file in seen or len(qs) < MIN_QUOTES:
            continue
        fq = [FoldedText.of(q).compact for q in qs]
        found = sum(1 for x in mine if any(q in x for q in fq))
        share = found / len(mine)
        if found >= PART_MIN and share >= QUOTED_SHARE and (best is None or share > best[0]):
            best = (share, file, found, len(mine), "quotes")
    return best


def reports_dir() -> Path | None:
    """The folder with the bundled reports' texts, when it is at hand: $CHAINWATCH_SEEDS, else
    ../shared/seeds beside the project (as ``chainwatch verify`` looks for it)."""
    env = os.environ.get("CHAINWATCH_SEEDS")
    d = Path(env) if env else Path(__file__).resolve().parents[3] / "shared" / "seeds"
    return d if d.is_dir() else None


def known_texts(desk: "Desk") -> Iterator[tuple[str, str]]:
    """(report file, text) for the reports whose text the desk has: the added ones (stored with their
    text) and the bundled ones whose file is in :func:`reports_dir`."""
    from app.ingest import storage

    try:
        for r in storage.reports(desk.store):
            yield r.key, storage.text_of(desk.store, r.key)
    except Exception:  # noqa: BLE001 - a store without the tables: no added reports
        pass
    d = reports_dir()
    if d is None:
        return
    for file in list(desk.kb.reports):
        f = d / file
        if not file.startswith("user-") and f.is_file():
            try:
                yield file, f.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue


def duplicate_message(dup: dict[str, Any]) -> str:
    what = " ".join(x for x in (dup.get("publisher"), dup.get("title"), dup.get("date")) if x) or dup["file"]
    if dup.get("part") == "sentences":
        return (f"already in the desk: this text is part of the report {what} ({dup['file']}; {dup['matched']} "
                f"of its {dup['of']} sentences are in that report); applying it would count that evidence twice")
    if dup.get("part") == "quotes":
        return (f"already in the desk: this text looks like part of the report {what} ({dup['file']}; "
                f"{dup['matched']} of its {dup['of']} sentences hold that report's quotes verbatim); applying it "
                "would count that evidence twice")
    if dup.get("part") == "same":
        how = f"{dup['matched']} of its {dup['of']} sentences are that report's"
    elif not dup.get("of"):
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
