"""The printed summary as plain data: what goes on the page, built from a Desk. No Qt.

:func:`build_summary` gathers a watchlist (or a screen's codes, or a theme's companies) into a
:class:`Summary`: the title block, one :class:`CompanyRow` per company, optional theme sections
(members and supplier chain) and the evidence behind them as footnotes that cite report,
publisher and date, with the AI-compiled flag. ``widgets.printing`` lays it out on paper.
"""
from __future__ import annotations

import csv
import datetime as dt
import logging
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

from app import labels
from app.codes import CodeError, parse
from app.domain import Watchlist, WatchlistItem
from app.kb import SEGMENTS, KnowledgeBase
from app.labels import segment_label
from app.printing.options import ALL_SECTIONS, parse_sections

log = logging.getLogger(__name__)

# code -> (last, change_pct, as_of) or None when nothing is cached for it.
PriceLookup = Callable[[str], Any]

EXCHANGES = {"HK": "HKEX", "SH": "SSE", "SZ": "SZSE", "BJ": "BSE", "US": "US"}


class SummaryError(LookupError):
    """The summary cannot be built as asked (unknown watchlist, theme, code)."""


# ---- the model ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Footnote:
    """One piece of evidence: a verbatim quote from a report, cited."""

    id: int
    report: str            # report file name
    publisher: str         # as written in the report
    publisher_en: str
    title: str
    date: str              # ISO date, or YYYY-MM where the report gives only the month
    ai_compiled: bool
    quote: str
    about: str = ""        # what it supports, e.g. "Supplies AI servers → Tencent Holdings >50%"
    # the same as a kind and its values in each script (app.labels.SCRIPTS), for a renderer that
    # says it in another language: ("supplies", {"segment": {"en": "AI servers", "hans": "AI服务器", …}, …})
    about_key: tuple = field(default=(), compare=False)

    @property
    def report_number(self) -> str:
        """'003' for a bundled report file (003_….txt); '' for a report added by a user."""
        stem = self.report.rsplit(".", 1)[0]
        head = stem.split("_", 1)[0]
        return head if head.isdigit() else ""

    @property
    def report_label(self) -> str:
        """'Report 003' (the number the report files carry); a user's report by its publisher and date
        (its file name is an internal key)."""
        if self.report_number:
            return f"Report {self.report_number}"
        return ", ".join(b for b in (_cut(self.publisher_en or self.publisher), self.date) if b) or "Report"

    @property
    def publisher_label(self) -> str:
        """The publisher, short: '国信证券 Guosen Securities' (a digest's list of sources is cut)."""
        zh = _cut(self.publisher)
        en = _cut(self.publisher_en.replace("(AI-compiled)", ""))
        if en and en != zh:
            return f"{zh} {en}" if zh else en
        return zh or en

    @property
    def citation(self) -> str:
        """'Report 001, 国信证券 Guosen Securities, 2026-04' plus ' [AI-compiled]' where it applies."""
        text = ", ".join(b for b in (self.report_label, self.publisher_label, self.date) if b)
        return text + (" [AI-compiled]" if self.ai_compiled else "")

    @property
    def source_line(self) -> str:
        """The report in full: publisher (with every source of a digest), date and title."""
        bits = [self.publisher, self.publisher_en.replace("(AI-compiled)", "").strip(), self.date]
        text = ", ".join(b for b in bits if b)
        if self.title:
            text += f", 《{self.title}》"
        return text + (" [AI-compiled]" if self.ai_compiled else "")


def _cut(name: str) -> str:
    """'新闻摘编 (定焦One, 正和島, ...)' -> '新闻摘编'; 'OFweek (維科號 contributor article)' -> 'OFweek'."""
    name = (name or "").strip()
    for sep in (" (", "（", "("):
        if sep in name and not name.startswith(sep.strip()):
            name = name.split(sep, 1)[0]
    return name.strip()


@dataclass
class CompanyRow:
    code: str
    name: str                      # Simplified Chinese name (as the desk shows it)
    name_en: str
    exchange: str                  # HK, SH, SZ, BJ
    themes: tuple[str, ...]        # theme ids
    theme_titles: tuple[str, ...]  # their (Chinese) titles
    chain_role: str
    last: float | None = None
    change_pct: float | None = None
    price_as_of: str | None = None
    rating: int | None = None
    target: float | None = None
    notes: str = ""
    tags: tuple[str, ...] = ()
    in_kb: bool = False
    refs: tuple[int, ...] = ()     # footnote ids

    @property
    def exchange_label(self) -> str:
        return EXCHANGES.get(self.exchange, self.exchange)

    @property
    def last_label(self) -> str:
        return fmt_price(self.last)

    @property
    def change_label(self) -> str:
        return fmt_change(self.change_pct)

    @property
    def rating_label(self) -> str:
        return f"{self.rating}/5" if self.rating else ""

    @property
    def target_label(self) -> str:
        """With the listing's currency, as the table shows it: a target is read beside the price."""
        from app.codes import currency

        p = fmt_price(self.target)
        return f"{currency(self.code)} {p}" if p else ""


@dataclass
class ThemeMemberRow:
    ref: str
    code: str          # listing code, "" for an unlisted entity
    name: str
    name_en: str
    roles: str
    listed: bool
    in_list: bool      # also a row of the company table
    refs: tuple[int, ...] = ()
    roles_zh: str = ""  # the roles in Simplified Chinese where the knowledge base writes them (else English)


@dataclass
class ChainRow:
    supplier: str
    supplier_code: str
    supplier_name: str
    customer: str
    customer_name: str
    segment: str       # label
    status: str        # core | potential | stated
    share: str         # '>50%' or ''
    note: str
    ai_compiled: bool
    refs: tuple[int, ...] = ()
    note_zh: str = ""   # the note in Simplified Chinese, "" where the knowledge base writes none


@dataclass
class ThemeSection:
    id: str
    title_zh: str
    title_en: str
    description: str
    parent: str | None
    members: list[ThemeMemberRow] = field(default_factory=list)
    chain: list[ChainRow] = field(default_factory=list)
    description_zh: str = ""


@dataclass
class ChartImage:
    """A chart to print (the hook for the charting work): a PNG/JPEG path, image bytes or a QImage."""

    title: str
    image: Any
    caption: str = ""


@dataclass
class Summary:
    title: str
    source_kind: str                 # watchlist | screen | theme | codes
    source_name: str
    filters: list[tuple[str, str]]
    printed_at: dt.datetime
    reports_as_of: dt.date | None
    prices_as_of: tuple[str, str] | None   # (earliest, latest) as-of among the priced rows
    kb_version: str
    rows: list[CompanyRow]
    themes: list[ThemeSection]
    footnotes: dict[int, Footnote]
    sections: tuple[str, ...] = ALL_SECTIONS   # the parts built (a renderer prints a subset)
    charts: list[ChartImage] = field(default_factory=list)

    @property
    def source_label(self) -> str:
        kind = {"watchlist": "Watchlist", "screen": "Screen", "theme": "Theme",
                "codes": "Selection"}.get(self.source_kind, self.source_kind.title())
        return f"{kind}: {self.source_name}" if self.source_name else kind

    @property
    def printed_label(self) -> str:
        return self.printed_at.strftime("%Y-%m-%d %H:%M")

    @property
    def data_as_of_label(self) -> str:
        bits = []
        if self.reports_as_of:
            bits.append(f"reports to {self.reports_as_of.isoformat()}")
        if self.prices_as_of:
            lo, hi = self.prices_as_of
            bits.append(f"prices as of {hi}" + (f" (oldest {lo})" if lo != hi else ""))
        else:
            bits.append("no cached prices")
        return "; ".join(bits)

    @property
    def filters_label(self) -> str:
        return "; ".join(f"{k}: {v}" if k else v for k, v in self.filters) or "none"

    @property
    def has_prices(self) -> bool:
        return any(r.last is not None for r in self.rows)

    def add_chart(self, title: str, image: Any, caption: str = "") -> None:
        self.charts.append(ChartImage(title, image, caption))


# ---- formatting (shared by every renderer) -----------------------------------------------

def fmt_price(v: float | None) -> str:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return ""
    return f"{v:,.3f}" if abs(v) < 1 else f"{v:,.2f}"


def fmt_change(v: float | None) -> str:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return ""
    return f"{v:+.2f}%"


def _date_label(v: Any) -> str | None:
    if v is None or v == "":
        return None
    if isinstance(v, dt.datetime):
        return v.strftime("%Y-%m-%d %H:%M") if (v.hour or v.minute) else v.date().isoformat()
    if isinstance(v, dt.date):
        return v.isoformat()
    if hasattr(v, "to_pydatetime"):  # pandas Timestamp
        return _date_label(v.to_pydatetime())
    return str(v)


def _num(v: Any) -> float | None:
    if v is None or v == "":
        return None
    try:
        f = float(v)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(f) else f


def _price_triple(v: Any) -> tuple[float | None, float | None, str | None] | None:
    """(last, change_pct, as_of) from a tuple, a mapping or an object with those attributes."""
    if v is None:
        return None
    if isinstance(v, dict):
        v = (v.get("last"), v.get("change_pct"), v.get("as_of"))
    elif not isinstance(v, (tuple, list)):
        v = (getattr(v, "last", None), getattr(v, "change_pct", None), getattr(v, "as_of", None))
    v = tuple(v) + (None,) * (3 - len(v))
    last, chg, as_of = _num(v[0]), _num(v[1]), _date_label(v[2])
    if last is None and chg is None:
        return None
    return last, chg, as_of


def price_lookup_from_csv(path: str | Path) -> Callable[[str], tuple | None]:
    """A price lookup over a CSV with columns code, last, change_pct[, as_of] (codes in any dialect).

    Raises ValueError naming the file, line and column of the first bad cell.
    """
    p = Path(path)
    prices: dict[str, tuple] = {}
    with open(p, encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        cols = [c.strip().lower() for c in (reader.fieldnames or [])]
        for need in ("code", "last"):
            if need not in cols:
                raise ValueError(f"{p.name}: column {need!r} is missing (have: {', '.join(cols) or 'none'})")
        for lineno, raw in enumerate(reader, start=2):
            row = {(k or "").strip().lower(): (v or "").strip() for k, v in raw.items()}
            try:
                code = parse(row["code"]).code
            except CodeError as e:
                raise ValueError(f"{p.name}:{lineno}: column code: {e}") from None
            vals = []
            for col in ("last", "change_pct"):
                s = row.get(col, "").replace(",", "").rstrip("%")
                try:
                    vals.append(float(s) if s else None)
                except ValueError:
                    raise ValueError(f"{p.name}:{lineno}: column {col}: {row.get(col)!r} is not a number") from None
            prices[code] = (vals[0], vals[1], row.get("as_of") or None)
    return prices.get


# ---- building -----------------------------------------------------------------------------

class _Footnotes:
    def __init__(self, kb: KnowledgeBase):
        self.kb = kb
        self.by_key: dict[tuple[str, str], Footnote] = {}

    def add(self, evidence, about: str, about_key: tuple = ()) -> int:
        key = (evidence.report, evidence.quote)
        fn = self.by_key.get(key)
        if fn is None:
            rep = self.kb.reports.get(evidence.report)
            fn = Footnote(
                id=len(self.by_key) + 1, report=evidence.report,
                publisher=rep.publisher if rep else "", publisher_en=rep.publisher_en if rep else "",
                title=rep.title if rep else "", date=rep.date_label if rep else "",
                ai_compiled=bool(rep and rep.ai_compiled), quote=evidence.quote, about=about, about_key=about_key)
            self.by_key[key] = fn
        return fn.id

    def as_dict(self) -> dict[int, Footnote]:
        return {f.id: f for f in self.by_key.values()}


def _listing(kb: KnowledgeBase, ref: str) -> str:
    c = kb.company(ref)
    if c is None:
        return ""
    return next((x for x in c.codes if not x.endswith(".US")), c.code)


def _theme_ids(kb: KnowledgeBase, tid: str) -> set[str]:
    return {tid} | {t.id for t in kb.themes.values() if t.parent == tid}


def _resolve_themes(kb: KnowledgeBase, theme: str | Sequence[str] | None) -> list[str]:
    if theme is None:
        return []
    ids = [theme] if isinstance(theme, str) else list(theme)
    out = []
    for t in ids:
        t = str(t).strip()
        if t in kb.themes:
            out.append(t)
            continue
        # accept a title in either language too
        hit = next((x.id for x in kb.themes.values() if t in (x.title_zh, x.title_en)), None)
        if hit is None:
            raise SummaryError(f"unknown theme {t!r} (known: {', '.join(kb.themes)})")
        out.append(hit)
    return list(dict.fromkeys(out))


def _resolve_watchlist(desk, watchlist) -> Watchlist:
    from app.store import DEFAULT_WATCHLIST, StoreError

    if isinstance(watchlist, Watchlist):
        return watchlist
    store = desk.store
    if watchlist is None:
        lists = store.watchlists()
        if not lists:
            raise SummaryError("there are no watchlists to print")
        return next((w for w in lists if w.name == DEFAULT_WATCHLIST), lists[0])
    try:
        return store.watchlist(watchlist)
    except StoreError as e:
        raise SummaryError(str(e)) from None


def build_summary(desk, watchlist: str | int | Watchlist | None = None,
                  theme: str | Sequence[str] | None = None, codes: Sequence[str] | None = None,
                  filters: Sequence[tuple[str, str]] | dict[str, Any] | Sequence[str] | None = None,
                  screen_name: str | None = None, price_lookup: PriceLookup | None = None,
                  sections: Iterable[str] | str | None = ALL_SECTIONS, *,
                  title: str | None = None, now: dt.datetime | None = None,
                  max_refs_per_company: int = 3, charts: Sequence[ChartImage] = ()) -> Summary:
    """The summary of a watchlist, of a screen's result (``codes`` + ``screen_name`` + ``filters``)
    or of a theme's companies.

    * ``watchlist``: name, id or :class:`Watchlist`; with nothing else given, the default list.
    * ``theme``: an id (or several). Alone, the rows are the theme's listed companies; with a
      watchlist or codes, the rows are filtered to the theme's members (a filter in force).
    * ``codes``: the rows, in order (any code dialect), e.g. a screen's result. With a
      ``watchlist`` too, the rows are that list's items (ratings, targets, notes) in this order.
    * ``filters``: the screen's filters in force, as (label, value) pairs, a dict or strings.
    * ``price_lookup(code)`` -> (last, change_pct, as_of) or None; absent prices print blank.
    * ``sections``: which parts to build (default all, so a preview can switch any on; see
      :data:`app.printing.options.SECTIONS`). The renderer prints the ones its options ask for.
    """
    kb: KnowledgeBase = desk.kb
    secs = parse_sections(sections)
    theme_ids = _resolve_themes(kb, theme)
    filt: list[tuple[str, str]] = []
    if isinstance(filters, dict):
        filt = [(str(k), _filter_value(v)) for k, v in filters.items()]
    elif filters:
        for f in filters:
            if isinstance(f, (tuple, list)) and len(f) == 2:
                filt.append((str(f[0]), _filter_value(f[1])))
            else:
                filt.append(("", str(f)))

    items: list[WatchlistItem]
    if codes is not None and watchlist is not None:
        # the rows a desk shows of a list (screened and sorted): the list's own items, in that order
        wl = _resolve_watchlist(desk, watchlist)
        kind, name = "watchlist", wl.name
        own = {it.code: it for it in wl.items}
        items = []
        for i, raw in enumerate(codes):
            lst = parse(str(raw))
            items.append(own.get(lst.code) or WatchlistItem(code=lst.code, position=i))
        items = list({it.code: it for it in items}.values())
    elif codes is not None:
        kind, name = ("screen", screen_name) if screen_name else ("codes", "")
        items, bad = [], []
        for i, raw in enumerate(codes):
            try:
                items.append(WatchlistItem(code=parse(str(raw)).code, position=i))
            except CodeError as e:
                bad.append(str(e))
        if bad:
            raise SummaryError("; ".join(bad))
        items = list({it.code: it for it in items}.values())
    elif watchlist is not None or not theme_ids:
        wl = _resolve_watchlist(desk, watchlist)
        kind, name = "watchlist", wl.name
        items = list(wl.items)
    else:
        kind, name = "theme", " / ".join(
            f"{kb.themes[t].title_zh} {kb.themes[t].title_en}".strip() for t in theme_ids)
        refs: list[str] = []
        for t in theme_ids:
            refs += kb.theme_members(t)
        listed = [_listing(kb, r) for r in dict.fromkeys(refs)]
        items = [WatchlistItem(code=c, position=i) for i, c in enumerate(x for x in listed if x)]
    if screen_name and kind == "watchlist":
        kind, name = "screen", screen_name

    if theme_ids and kind != "theme":
        members: set[str] = set()
        for t in theme_ids:
            members |= set(kb.theme_members(t))
        items = [it for it in items if (kb.company(it.code).code if kb.company(it.code) else it.code) in members]
        filt.insert(0, ("Theme", " / ".join(
            f"{kb.themes[t].title_zh} {kb.themes[t].title_en}".strip() for t in theme_ids)))

    notes = _Footnotes(kb)
    want_refs = "evidence" in secs
    rows = [_row(desk, kb, it, notes if want_refs else None, max_refs_per_company) for it in items]

    prices_seen: list[str] = []
    if price_lookup is not None:
        for r in rows:
            try:
                got = _price_triple(price_lookup(r.code))
            except Exception as e:  # a broken cache must not stop the printout
                log.warning("price lookup failed for %s: %s", r.code, e)
                got = None
            if got:
                r.last, r.change_pct, r.price_as_of = got
                if r.price_as_of:
                    prices_seen.append(r.price_as_of)
    prices_as_of = (min(prices_seen), max(prices_seen)) if prices_seen else None

    themes: list[ThemeSection] = []
    if "themes" in secs or "chains" in secs:
        row_refs = {(kb.company(r.code).code if kb.company(r.code) else r.code) for r in rows}
        if theme_ids:
            show = theme_ids
        else:
            touched = {t for r in rows for t in r.themes}
            show = [t for t in kb.themes if t in touched]
        themes = [_theme_section(kb, t, row_refs, notes if want_refs else None,
                                 "themes" in secs, "chains" in secs) for t in show]

    if title is None:
        title = {"watchlist": "Watchlist summary", "screen": "Screen summary",
                 "theme": "Theme summary", "codes": "Company summary"}[kind]
    reports_as_of = max((r.date for r in kb.reports.values()), default=None)
    return Summary(title=title, source_kind=kind, source_name=name or "", filters=filt,
                   printed_at=now or dt.datetime.now(), reports_as_of=reports_as_of,
                   prices_as_of=prices_as_of, kb_version=kb.version, rows=rows, themes=themes,
                   footnotes=notes.as_dict(), sections=secs, charts=list(charts))


def _filter_value(v: Any) -> str:
    if isinstance(v, (list, tuple, set)):
        return ", ".join(str(x) for x in v)
    return str(v)


def _row(desk, kb: KnowledgeBase, it: WatchlistItem, notes: _Footnotes | None, cap: int) -> CompanyRow:
    code = it.code
    exchange = code.rsplit(".", 1)[-1]
    c = kb.company(code)
    if c is not None:
        ref = c.code
        theme_ids = tuple(kb.themes_of(ref))
        row = CompanyRow(code=code, name=c.name_zh_hans, name_en=c.name_en, exchange=exchange,
                         themes=theme_ids,
                         theme_titles=tuple(kb.themes[t].title_zh or kb.themes[t].title_en for t in theme_ids),
                         chain_role=kb.chain_role(ref), in_kb=True)
        if notes is not None:
            row.refs = tuple(_company_refs(kb, ref, notes, cap))
    else:
        sec = desk.universe.get(code)
        row = CompanyRow(code=code, name=sec.name_zh_hans if sec else "",
                         name_en=(sec.name_en if sec else ""), exchange=exchange, themes=(),
                         theme_titles=(), chain_role="")
    row.rating, row.target, row.notes, row.tags = it.rating, it.target_price, it.notes or "", tuple(it.tags)
    return row


def _company_refs(kb: KnowledgeBase, ref: str, notes: _Footnotes, cap: int) -> list[int]:
    """Footnotes for a company row: recommendations first, then its supplier edges (the chain
    role), theme memberships, and a plain mention only when nothing else cites it."""
    picked: list[tuple[Any, str, str]] = []   # (evidence, what it supports, the same in Chinese)
    for r in kb.recommendations:
        if r.ref == ref:
            picked.append((r.evidence, f"Recommendation: {r.action}",
                           ("recommendation", {"action": _scripts(lambda s: labels.action_label(r.action, s))})))
    for e in kb.edges:
        if e.supplier == ref:
            bit = f"Supplies {SEGMENTS.get(e.segment, e.segment)} → {kb.ref_name(e.customer, 'en')}"
            if e.share_label:
                bit += f" {e.share_label}"
            values = {"segment": _scripts(lambda s: labels.segment_label(e.segment, s)),
                      "customer": _scripts(lambda s: kb.ref_name(e.customer, s)),
                      "share": _scripts(lambda s: e.share_label or ""),
                      "status": _scripts(lambda s: labels.status_label(e.status, s))}
            picked.append((e.evidence, bit + (f" ({e.status})" if e.status != "stated" else ""),
                           ("supplies" if e.status == "stated" else "supplies_status", values)))
    for m in kb.members:
        if m.ref == ref:
            t = kb.themes.get(m.theme)
            picked.append((m.evidence, f"Theme {t.title_en if t else m.theme}: {m.role}".rstrip(": "),
                           _theme_key(t, m.theme, m)))
    if not picked:
        for m in kb.mentions:
            if m.ref == ref:
                picked.append((m.evidence, "Named in the report", ("mention", {})))
                break
    out: list[int] = []
    for ev, about, key in picked:
        fid = notes.add(ev, about, key)
        if fid not in out:
            out.append(fid)
        if len(out) >= cap:
            break
    return out


def _theme_section(kb: KnowledgeBase, tid: str, row_refs: set[str], notes: _Footnotes | None,
                   with_members: bool, with_chain: bool) -> ThemeSection:
    t = kb.themes[tid]
    ids = _theme_ids(kb, tid)
    sec = ThemeSection(id=t.id, title_zh=t.title_zh, title_en=t.title_en,
                       description=t.description, parent=t.parent, description_zh=t.description_zh)
    if with_members:
        for ref in kb.theme_members(tid):
            ms = [m for m in kb.members if m.theme in ids and m.ref == ref]
            roles = list(dict.fromkeys(m.role for m in ms if m.role))
            roles_zh = list(dict.fromkeys(m.describe("hans") for m in ms if m.role))
            if not roles:  # a member through a supplier edge only
                roles = list(dict.fromkeys(
                    SEGMENTS.get(e.segment, e.segment) for e in kb.edges
                    if e.supplier == ref and ids & set(e.themes)))
                roles_zh = list(dict.fromkeys(
                    segment_label(e.segment, "hans") for e in kb.edges
                    if e.supplier == ref and ids & set(e.themes)))
            party = kb.party(ref)
            refs: list[int] = []
            if notes is not None:
                for m in ms[:2]:
                    fid = notes.add(m.evidence, f"Theme {t.title_en}: {m.role}".rstrip(": "),
                                    _theme_key(t, t.id, m))
                    if fid not in refs:
                        refs.append(fid)
            sec.members.append(ThemeMemberRow(
                ref=ref, code=_listing(kb, ref), name=party.name("hans") if party else ref,
                name_en=party.name("en") if party else "", roles="; ".join(roles),
                listed=bool(party and party.listed), in_list=ref in row_refs, refs=tuple(refs),
                roles_zh="; ".join(roles_zh)))
    if with_chain:
        for e in kb.edges:
            if not ids & set(e.themes):
                continue
            rep = kb.reports.get(e.evidence.report)
            seg = SEGMENTS.get(e.segment, e.segment)
            refs = ()
            if notes is not None:
                about = f"{kb.ref_name(e.supplier, 'en')} supplies {seg} → {kb.ref_name(e.customer, 'en')}"
                key = ("chain", {"supplier": _scripts(lambda s, e=e: kb.ref_name(e.supplier, s)),
                                 "segment": _scripts(lambda s, e=e: labels.segment_label(e.segment, s)),
                                 "customer": _scripts(lambda s, e=e: kb.ref_name(e.customer, s))})
                refs = (notes.add(e.evidence, about, key),)
            sec.chain.append(ChainRow(
                supplier=e.supplier, supplier_code=_listing(kb, e.supplier),
                supplier_name=kb.ref_name(e.supplier), customer=e.customer,
                customer_name=kb.ref_name(e.customer), segment=seg, status=e.status,
                share=e.share_label, note=e.note, ai_compiled=bool(rep and rep.ai_compiled), refs=refs,
                note_zh=e.note_zh))
    return sec


def _scripts(f) -> dict[str, str]:
    """A value in each of the desk's scripts (hans, hant, en)."""
    return {s: f(s) for s in labels.SCRIPTS}


def _theme_key(t, theme_id: str, member) -> tuple:
    """A theme footnote's subject: the theme's title and the member's role, each in every script
    (the role in Chinese where the knowledge base has it: role_zh)."""
    return ("theme" if member.role else "theme_only",
            {"theme": _scripts(lambda s: t.title_in(s) if t is not None else theme_id),
             "role": _scripts(lambda s: member.describe(s))})


__all__ = ["ChainRow", "ChartImage", "CompanyRow", "Footnote", "PriceLookup", "Summary",
           "SummaryError", "ThemeMemberRow", "ThemeSection", "build_summary", "fmt_change",
           "fmt_price", "price_lookup_from_csv"]
