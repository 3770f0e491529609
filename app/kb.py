"""The bundled knowledge base: load ``data/``, validate it, answer questions about it.

Every problem found on load is reported with the file, the line and what is wrong; a file
with problems is never half-loaded (:class:`KBValidationError` lists them all).
"""
from __future__ import annotations

import csv
import datetime as dt
import io
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

import yaml

from app.codes import CodeError, parse
from app.domain import (  # noqa: F401 (SEGMENTS re-exported)
    CUSTOMER_HUBS, SEGMENTS, Company, Edge, Entity, Event, Evidence, FigureTable, Link, Membership,
    Mention, Recommendation, Report, Theme,
)
from app.text import fold

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

STATUSES = ("core", "potential", "stated")
# The keys each part of a report file may use: anything else is a typo or an unsupported field.
ALLOWED_KEYS = {
    "": {"report", "recommendations", "mentions", "entity_mentions", "members", "edges", "links", "events",
         "define_companies", "define_entities", "define_themes"},
    "report": {"file", "publisher", "publisher_en", "title", "date", "date_precision", "analysts", "language",
               "rating", "ai_compiled", "quote"},
    "recommendations": {"ref", "action", "quote"},
    "mentions": {"ref", "quote"},
    "entity_mentions": {"ref", "quote"},
    "members": {"theme", "ref", "role", "quote"},
    "edges": {"supplier", "customer", "segment", "status", "share_pct", "share_qualifier", "figures", "themes",
              "note", "quote"},
    "links": {"from", "to", "relation", "stake_pct", "note", "quote"},
    "events": {"ref", "date", "date_precision", "kind", "value", "unit", "note", "quote"},
}
MAX_QUOTE = 200


class KBError(Exception):
    def __init__(self, file: str, line: int | None, message: str):
        self.file, self.line, self.message = file, line, message
        where = f"{file}:{line}" if line else file
        super().__init__(f"{where}: {message}")


class KBValidationError(ValueError):
    def __init__(self, errors: list[KBError]):
        self.errors = errors
        lines = "\n".join(f"  {e}" for e in errors[:50])
        more = f"\n  ... and {len(errors) - 50} more" if len(errors) > 50 else ""
        super().__init__(f"knowledge base has {len(errors)} problem(s):\n{lines}{more}")


# ---- YAML with line numbers ----------------------------------------------------------

class _LineDict(dict):
    line: int = 0


class _LineLoader(yaml.SafeLoader):
    pass


def _construct_mapping(loader, node, deep=False):
    loader.flatten_mapping(node)
    d = _LineDict(loader.construct_pairs(node, deep=deep))
    d.line = node.start_mark.line + 1
    return d


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
# Keep dates as text: we parse them ourselves so a bad date gets our message.
_LineLoader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _read_yaml(path: Path, errors: list[KBError], rel: str) -> dict:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as e:
        errors.append(KBError(rel, None, f"not UTF-8 ({e.reason} at byte {e.start})"))
        return {}
    try:
        doc = yaml.load(text, Loader=_LineLoader)  # noqa: S506 - SafeLoader subclass
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        line = mark.line + 1 if mark else None
        errors.append(KBError(rel, line, f"YAML syntax: {getattr(e, 'problem', e)}"))
        return {}
    if doc is None:
        return {}
    if not isinstance(doc, dict):
        errors.append(KBError(rel, 1, "top level must be a mapping"))
        return {}
    return doc


# ---- the knowledge base ---------------------------------------------------------------

@dataclass
class Party:
    """A company or an entity, as the desk shows it."""

    ref: str
    company: Company | None
    entity: Entity | None

    @property
    def listed(self) -> bool:
        return self.company is not None

    def name(self, script: str = "hans") -> str:
        return (self.company or self.entity).name(script)


class KnowledgeBase:
    def __init__(self) -> None:
        self.version = ""
        self.companies: dict[str, Company] = {}   # primary code -> company
        self.by_listing: dict[str, Company] = {}  # any listing code -> company
        self.entities: dict[str, Entity] = {}
        self.themes: dict[str, Theme] = {}
        self.reports: dict[str, Report] = {}
        self.mentions: list[Mention] = []
        self.entity_mentions: list[Mention] = []
        self.members: list[Membership] = []
        self.edges: list[Edge] = []
        self.links: list[Link] = []
        self.events: list[Event] = []
        self.recommendations: list[Recommendation] = []
        self.figures: dict[str, FigureTable] = {}
        self._name_index: dict[str, str] | None = None

    # -- lookups
    def company(self, code: str) -> Company | None:
        return self.by_listing.get(code)

    def party(self, ref: str) -> Party | None:
        c = self.by_listing.get(ref)
        if c is not None:
            return Party(c.code, c, None)
        e = self.entities.get(ref)
        if e is not None:
            return Party(ref, None, e)
        return None

    def ref_name(self, ref: str, script: str = "hans") -> str:
        p = self.party(ref)
        return p.name(script) if p else ref

    def listed_codes(self) -> list[str]:
        """Primary codes of every HK/A-share company (US-only context companies excluded)."""
        out = []
        for code, c in self.companies.items():
            if any(not x.endswith(".US") for x in c.codes):
                out.append(next(x for x in c.codes if not x.endswith(".US")))
        return out

    @property
    def name_index(self) -> dict[str, str]:
        """Folded name/alias -> ref, for companies and entities."""
        if self._name_index is None:
            idx: dict[str, str] = {}
            for c in self.companies.values():
                for n in (c.name_zh_hans, c.name_zh_hant, c.name_en, *c.aliases):
                    if n:
                        idx.setdefault(fold(n), c.code)
            for e in self.entities.values():
                for n in (e.name_zh_hans, e.name_zh_hant, e.name_en, *e.aliases):
                    if n:
                        idx.setdefault(fold(n), e.id)
            self._name_index = idx
        return self._name_index

    def resolve(self, text: str) -> str | None:
        """A ref from a code in any dialect, an entity id, a hub name or a name in either script."""
        if text is None:
            return None
        t = str(text).strip()
        if t in self.entities or t in self.companies:
            return t
        hub = CUSTOMER_HUBS.get(t.lower())
        if hub:
            return self.by_listing[hub].code if hub in self.by_listing else hub
        try:
            code = parse(t).code
        except CodeError:
            code = None
        if code is not None:
            c = self.by_listing.get(code)
            return c.code if c else code
        return self.name_index.get(fold(t))

    def themes_of(self, ref: str) -> list[str]:
        ids = {m.theme for m in self.members if m.ref == ref}
        for e in self.edges:
            if ref in (e.supplier,):
                ids.update(e.themes)
        return [t for t in self.themes if t in ids]

    def reports_of(self, ref: str) -> list[str]:
        files = set()
        for seq in (self.mentions, self.entity_mentions, self.members, self.recommendations, self.events):
            files.update(x.evidence.report for x in seq if x.ref == ref)
        for e in self.edges:
            if ref in (e.supplier, e.customer):
                files.add(e.evidence.report)
        for link in self.links:
            if ref in (link.source, link.target):
                files.add(link.evidence.report)
        return sorted(files)

    def theme_members(self, theme_id: str) -> list[str]:
        """Refs in a theme (and its sub-themes), in first-seen order."""
        ids = {theme_id} | {t.id for t in self.themes.values() if t.parent == theme_id}
        seen: dict[str, None] = {}
        for m in self.members:
            if m.theme in ids:
                seen.setdefault(m.ref)
        for e in self.edges:
            if ids & set(e.themes):
                seen.setdefault(e.supplier)
        return list(seen)

    def chain(self, customer: str | None = None, supplier: str | None = None) -> list[Edge]:
        cust = self.resolve(customer) if customer else None
        if customer and cust is None:
            raise KeyError(f"unknown customer {customer!r}")
        sup = self.resolve(supplier) if supplier else None
        if supplier and sup is None:
            raise KeyError(f"unknown supplier {supplier!r}")
        out = []
        for e in self.edges:
            if cust and e.customer != cust:
                continue
            if sup and e.supplier != sup:
                continue
            out.append(e)
        return out

    def evidence_for(self, ref: str) -> list[tuple[str, str, Evidence]]:
        """(kind, what, evidence) for everything the knowledge base says about a party."""
        out: list[tuple[str, str, Evidence]] = []
        for r in self.recommendations:
            if r.ref == ref:
                out.append(("recommendation", r.action, r.evidence))
        for m in self.members:
            if m.ref == ref:
                t = self.themes.get(m.theme)
                out.append(("theme", f"{t.title_en if t else m.theme}: {m.role}", m.evidence))
        for e in self.edges:
            if ref == e.supplier:
                out.append(("supplies", f"{SEGMENTS.get(e.segment, e.segment)} → "
                            f"{self.ref_name(e.customer)} {e.share_label}".strip(), e.evidence))
            elif ref == e.customer:
                out.append(("customer of", f"{self.ref_name(e.supplier)} "
                            f"({SEGMENTS.get(e.segment, e.segment)})", e.evidence))
        for link in self.links:
            if ref in (link.source, link.target):
                out.append((link.relation, f"{self.ref_name(link.source)} → {self.ref_name(link.target)}",
                            link.evidence))
        for ev in self.events:
            if ev.ref == ref:
                out.append(("event", f"{ev.date.isoformat()} {ev.kind}", ev.evidence))
        for m in (*self.mentions, *self.entity_mentions):
            if m.ref == ref:
                out.append(("mention", "", m.evidence))
        return out

    def chain_role(self, ref: str, script: str = "en") -> str:
        """A one-line summary of where a company sits in the chains: 'AI servers → Tencent >50%'."""
        parts = []
        for e in self.edges:
            if e.supplier == ref:
                cust = self.ref_name(e.customer, script)
                seg = SEGMENTS.get(e.segment, e.segment)
                bit = f"{seg} → {cust}"
                if e.share_label:
                    bit += f" {e.share_label}"
                if e.status == "potential":
                    bit += " (potential)"
                if bit not in parts:
                    parts.append(bit)
        return "; ".join(parts)

    def all_quotes(self) -> Iterable[tuple[str, str, str]]:
        """(report file, quote, where) for every quote in the knowledge base."""
        for r in self.reports.values():
            if r.quote:
                yield r.file, r.quote, f"report {r.file}"
        for kind, seq in (("mention", self.mentions), ("entity mention", self.entity_mentions),
                          ("member", self.members), ("recommendation", self.recommendations),
                          ("event", self.events)):
            for x in seq:
                yield x.evidence.report, x.evidence.quote, f"{kind} {x.ref}"
        for e in self.edges:
            yield e.evidence.report, e.evidence.quote, f"edge {e.supplier}->{e.customer}"
        for link in self.links:
            yield link.evidence.report, link.evidence.quote, f"link {link.source}->{link.target}"
        for t in self.figures.values():
            for i, row in enumerate(t.rows, start=2):
                if row.get("quote"):
                    yield row.get("report", ""), row["quote"], f"figure {t.name} row {i}"


# ---- loading ----------------------------------------------------------------------------

def _s(v: Any) -> str:
    return "" if v is None else str(v).strip()


def _tuple(v: Any) -> tuple[str, ...]:
    if v is None:
        return ()
    if isinstance(v, (list, tuple)):
        return tuple(_s(x) for x in v if _s(x))
    return (_s(v),)


def _date(v: Any) -> dt.date:
    s = _s(v)
    if len(s) == 7:
        s += "-01"
    return dt.date.fromisoformat(s)


def _num(v: Any) -> float | None:
    if v is None or v == "":
        return None
    if isinstance(v, bool):
        raise ValueError("a number, not true/false")
    return float(v)


class _Loader:
    def __init__(self, data_dir: Path):
        self.dir = data_dir
        self.errors: list[KBError] = []
        self.kb = KnowledgeBase()
        self.company_defs: list[tuple[str, dict]] = []
        self.entity_defs: list[tuple[str, dict]] = []
        self.theme_defs: list[tuple[str, dict]] = []

    def err(self, rel: str, node: Any, msg: str) -> None:
        self.errors.append(KBError(rel, getattr(node, "line", None), msg))

    def run(self) -> KnowledgeBase:
        d = self.dir
        if not d.is_dir():
            raise KBValidationError([KBError(str(d), None, "data folder not found")])
        manifest = _read_yaml(d / "manifest.yaml", self.errors, "manifest.yaml") \
            if (d / "manifest.yaml").exists() else {}
        self.kb.version = _s(manifest.get("version")) or "0"
        for name, key, sink in (("companies.yaml", "companies", self.company_defs),
                                ("entities.yaml", "entities", self.entity_defs),
                                ("themes.yaml", "themes", self.theme_defs)):
            p = d / name
            if p.exists():
                doc = _read_yaml(p, self.errors, name)
                for item in doc.get(key) or []:
                    sink.append((name, item))
        report_docs = []
        for p in sorted((d / "reports").glob("*.yaml")):
            rel = f"reports/{p.name}"
            doc = _read_yaml(p, self.errors, rel)
            report_docs.append((rel, doc))
            for key, sink in (("define_companies", self.company_defs),
                              ("define_entities", self.entity_defs),
                              ("define_themes", self.theme_defs)):
                for item in doc.get(key) or []:
                    sink.append((rel, item))
        self._registries()
        for rel, doc in report_docs:
            self._report(rel, doc)
        for p in sorted((d / "figures").glob("*.csv")):
            self._figure(p)
        if self.errors:
            raise KBValidationError(self.errors)
        return self.kb

    # -- registries
    def _registries(self) -> None:
        kb = self.kb
        for rel, item in self.company_defs:
            if not isinstance(item, dict):
                self.err(rel, item, "a company must be a mapping")
                continue
            codes = []
            for raw in _tuple(item.get("codes") or item.get("code")):
                try:
                    code = parse(raw, bare_short=None).code
                except CodeError as e:
                    self.err(rel, item, f"company code {e}")
                    continue
                if code != raw:
                    self.err(rel, item, f"company code {raw!r} is not canonical (write {code!r})")
                codes.append(code)
            if not codes:
                self.err(rel, item, "company has no valid code")
                continue
            names = {k: _s(item.get(k)) for k in ("name_zh_hans", "name_zh_hant", "name_en")}
            missing = [k for k, v in names.items() if not v]
            if missing:
                self.err(rel, item, f"company {codes[0]} lacks {', '.join(missing)}")
                continue
            existing = next((kb.by_listing[c] for c in codes if c in kb.by_listing), None)
            if existing is not None:
                # Defined again (another report file): must agree, may add listings and aliases.
                if existing.name_zh_hans != names["name_zh_hans"]:
                    self.err(rel, item, f"company {codes[0]} named {names['name_zh_hans']!r} here "
                             f"but {existing.name_zh_hans!r} elsewhere")
                merged = Company(
                    codes=tuple(dict.fromkeys(existing.codes + tuple(codes))),
                    name_zh_hans=existing.name_zh_hans, name_zh_hant=existing.name_zh_hant,
                    name_en=existing.name_en,
                    aliases=tuple(dict.fromkeys(existing.aliases + _tuple(item.get("aliases")))),
                    industry=existing.industry or _s(item.get("industry")))
                del kb.companies[existing.code]
            else:
                merged = Company(codes=tuple(codes), aliases=_tuple(item.get("aliases")),
                                 industry=_s(item.get("industry")), **names)
            kb.companies[merged.code] = merged
            for c in merged.codes:
                kb.by_listing[c] = merged
        for rel, item in self.entity_defs:
            eid = _s(item.get("id")) if isinstance(item, dict) else ""
            if not eid:
                self.err(rel, item, "entity without id")
                continue
            if eid in kb.entities:
                continue  # defined by an earlier file; the registry wins
            names = {k: _s(item.get(k)) for k in ("name_zh_hans", "name_zh_hant", "name_en")}
            if not any(names.values()):
                self.err(rel, item, f"entity {eid} has no name")
                continue
            for k in names:
                names[k] = names[k] or next(v for v in names.values() if v)
            kb.entities[eid] = Entity(id=eid, kind=_s(item.get("kind")) or "private",
                                      parent=_s(item.get("parent")) or None,
                                      aliases=_tuple(item.get("aliases")), **names)
        for rel, item in self.theme_defs:
            tid = _s(item.get("id")) if isinstance(item, dict) else ""
            if not tid:
                self.err(rel, item, "theme without id")
                continue
            if tid in kb.themes:
                continue
            if not _s(item.get("title_en")) and not _s(item.get("title_zh")):
                self.err(rel, item, f"theme {tid} has no title")
                continue
            kb.themes[tid] = Theme(id=tid, title_zh=_s(item.get("title_zh")),
                                   title_en=_s(item.get("title_en")) or _s(item.get("title_zh")),
                                   description=_s(item.get("description")),
                                   parent=_s(item.get("parent")) or None)
        for t in kb.themes.values():
            if t.parent and t.parent not in kb.themes:
                self.errors.append(KBError("themes", None, f"theme {t.id} has unknown parent {t.parent}"))

    # -- a report file
    def _ref(self, rel: str, node: Any, raw: Any, what: str) -> str | None:
        s = _s(raw)
        if not s:
            self.err(rel, node, f"{what} is missing")
            return None
        if s in self.kb.entities:
            return s
        try:
            code = parse(s, bare_short=None).code
        except CodeError:
            self.err(rel, node, f"{what} {s!r} is neither a listing code nor a defined entity id")
            return None
        c = self.kb.by_listing.get(code)
        if c is None:
            self.err(rel, node, f"{what} {code} is not a defined company")
            return None
        return c.code

    def _evidence(self, rel: str, node: Any, report: str) -> Evidence | None:
        q = _s(node.get("quote")) if isinstance(node, dict) else ""
        if not q:
            self.err(rel, node, "quote is missing")
            return None
        if len(q) > MAX_QUOTE:
            self.err(rel, node, f"quote is {len(q)} characters; keep quotes under {MAX_QUOTE}")
            return None
        if "\n" in q:
            self.err(rel, node, "quote spans several lines")
            return None
        return Evidence(report, q)

    def _unknown_keys(self, rel: str, section: str, node: Any) -> None:
        if isinstance(node, dict):
            extra = sorted(set(node) - ALLOWED_KEYS[section])
            if extra:
                where = f"in {section}" if section else "at the top level"
                self.err(rel, node, f"unknown key(s) {', '.join(map(str, extra))} {where} "
                                    f"(allowed: {', '.join(sorted(ALLOWED_KEYS[section]))})")

    def _report(self, rel: str, doc: dict) -> None:
        kb = self.kb
        self._unknown_keys(rel, "", doc)
        self._unknown_keys(rel, "report", doc.get("report"))
        meta = doc.get("report")
        if not isinstance(meta, dict):
            self.err(rel, None, "missing 'report:' metadata")
            return
        file = _s(meta.get("file"))
        if not file:
            self.err(rel, meta, "report.file is missing")
            return
        if Path(rel).stem != Path(file).stem:
            self.err(rel, meta, f"report.file {file!r} does not match the file name")
        try:
            date = _date(meta.get("date"))
        except (ValueError, TypeError):
            self.err(rel, meta, f"report.date {meta.get('date')!r} is not an ISO date")
            return
        kb.reports[file] = Report(
            file=file, publisher=_s(meta.get("publisher")), publisher_en=_s(meta.get("publisher_en")),
            title=_s(meta.get("title")), date=date,
            date_precision=_s(meta.get("date_precision")) or "day",
            analysts=_tuple(meta.get("analysts")), language=_s(meta.get("language")) or "zh-Hans",
            rating=_s(meta.get("rating")) or None, ai_compiled=bool(meta.get("ai_compiled")),
            quote=_s(meta.get("quote")))

        def items(key: str):
            seq = doc.get(key) or []
            if not isinstance(seq, list):
                self.err(rel, doc, f"{key} must be a list")
                return []
            good = []
            for it in seq:
                if not isinstance(it, dict):
                    self.err(rel, None, f"an entry of {key} is not a mapping: {it!r}")
                else:
                    self._unknown_keys(rel, key, it)
                    good.append(it)
            return good

        for it in items("recommendations"):
            ref, ev = self._ref(rel, it, it.get("ref"), "recommendation ref"), self._evidence(rel, it, file)
            if ref and ev:
                kb.recommendations.append(Recommendation(ref, _s(it.get("action")) or "watch", ev))
        for it in items("mentions"):
            ref, ev = self._ref(rel, it, it.get("ref"), "mention ref"), self._evidence(rel, it, file)
            if ref and ev:
                kb.mentions.append(Mention(ref, ev))
        for it in items("entity_mentions"):
            ref, ev = self._ref(rel, it, it.get("ref"), "entity mention ref"), self._evidence(rel, it, file)
            if ref and ev:
                kb.entity_mentions.append(Mention(ref, ev))
        for it in items("members"):
            theme = _s(it.get("theme"))
            if theme not in kb.themes:
                self.err(rel, it, f"unknown theme {theme!r}")
                continue
            ref, ev = self._ref(rel, it, it.get("ref"), "member ref"), self._evidence(rel, it, file)
            if ref and ev:
                kb.members.append(Membership(theme, ref, _s(it.get("role")), ev))
        for it in items("edges"):
            sup = self._ref(rel, it, it.get("supplier"), "edge supplier")
            cus = self._ref(rel, it, it.get("customer"), "edge customer")
            ev = self._evidence(rel, it, file)
            seg, status = _s(it.get("segment")), _s(it.get("status")) or "stated"
            if seg not in SEGMENTS:
                self.err(rel, it, f"unknown segment {seg!r} (known: {', '.join(SEGMENTS)})")
                continue
            if status not in STATUSES:
                self.err(rel, it, f"status {status!r} must be one of {', '.join(STATUSES)}")
                continue
            try:
                share = _num(it.get("share_pct"))
            except (TypeError, ValueError):
                self.err(rel, it, f"share_pct {it.get('share_pct')!r} is not a number")
                continue
            if share is not None and not 0 <= share <= 100:
                self.err(rel, it, f"share_pct {share} is outside 0-100")
                continue
            themes = _tuple(it.get("themes"))
            bad = [t for t in themes if t not in kb.themes]
            if bad:
                self.err(rel, it, f"unknown theme(s) {', '.join(bad)}")
                continue
            figures = it.get("figures") or {}
            if not isinstance(figures, dict):
                self.err(rel, it, "figures must be a mapping")
                continue
            if sup and cus and ev:
                kb.edges.append(Edge(sup, cus, seg, status, share,
                                     (_s(it.get("share_qualifier")) or "=") if share is not None else None,
                                     dict(figures), themes, _s(it.get("note")), ev))
        for it in items("links"):
            a = self._ref(rel, it, it.get("from"), "link from")
            b = self._ref(rel, it, it.get("to"), "link to")
            ev = self._evidence(rel, it, file)
            try:
                stake = _num(it.get("stake_pct"))
            except (TypeError, ValueError):
                self.err(rel, it, f"stake_pct {it.get('stake_pct')!r} is not a number")
                continue
            if a and b and ev:
                kb.links.append(Link(a, b, _s(it.get("relation")) or "partner", stake,
                                     _s(it.get("note")), ev))
        for it in items("events"):
            ref, ev = self._ref(rel, it, it.get("ref"), "event ref"), self._evidence(rel, it, file)
            try:
                date = _date(it.get("date"))
            except (ValueError, TypeError):
                self.err(rel, it, f"event date {it.get('date')!r} is not an ISO date")
                continue
            try:
                value = _num(it.get("value"))
            except (TypeError, ValueError):
                self.err(rel, it, f"event value {it.get('value')!r} is not a number")
                continue
            if ref and ev:
                precision = _s(it.get("date_precision")) or "day"
                if precision not in ("day", "month"):
                    self.err(rel, it, f"date_precision {precision!r} must be day or month")
                    continue
                kb.events.append(Event(ref, date, _s(it.get("kind")) or "other", value,
                                       _s(it.get("unit")), _s(it.get("note")), ev, precision))

    # -- a figure table
    def _figure(self, path: Path) -> None:
        rel = f"figures/{path.name}"
        try:
            text = path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError as e:
            self.errors.append(KBError(rel, None, f"not UTF-8 ({e.reason})"))
            return
        reader = csv.DictReader(io.StringIO(text))
        cols = reader.fieldnames or []
        if not cols:
            self.errors.append(KBError(rel, 1, "no header row"))
            return
        for need in ("report", "quote"):
            if need not in cols:
                self.errors.append(KBError(rel, 1, f"column {need!r} is missing"))
                return
        table = FigureTable(path.stem, list(cols))
        for lineno, row in enumerate(reader, start=2):
            if None in row:
                self.errors.append(KBError(rel, lineno, "more cells than header columns"))
                continue
            rep = _s(row.get("report"))
            if rep and rep not in self.kb.reports:
                self.errors.append(KBError(rel, lineno, f"unknown report {rep!r}"))
                continue
            if not rep or not _s(row.get("quote")):
                self.errors.append(KBError(rel, lineno, "report and quote are required on every row"))
                continue
            clean: dict[str, Any] = {}
            for k, v in row.items():
                v = (v or "").strip()
                clean[k] = _cell(k, v)
            table.rows.append(clean)
        self.kb.figures[table.name] = table


def _cell(column: str, v: str) -> Any:
    """Numbers become numbers, except in columns that hold codes, refs or text."""
    if v == "":
        return None
    if column in ("report", "quote") or column.endswith(("code", "_ref", "ref", "name", "note")):
        return v
    try:
        f = float(v.replace(",", ""))
    except ValueError:
        return v
    return int(f) if f.is_integer() and "." not in v else f


def load(data_dir: Path | str | None = None) -> KnowledgeBase:
    """Load and validate the knowledge base; raises KBValidationError listing every problem."""
    return _Loader(Path(data_dir) if data_dir else DATA_DIR).run()


def verify_quotes(kb: KnowledgeBase, seeds_dir: Path | str) -> list[str]:
    """Problems where a quote is not an exact substring of its report's text."""
    seeds = Path(seeds_dir)
    texts: dict[str, str] = {}
    problems = []
    for report, quote, where in kb.all_quotes():
        if report not in texts:
            p = seeds / report
            texts[report] = p.read_text(encoding="utf-8") if p.exists() else ""
        if not texts[report]:
            problems.append(f"{where}: report {report} not found in {seeds}")
        elif quote not in texts[report]:
            problems.append(f"{where}: quote not found verbatim in {report}: {quote!r}")
    return problems


def group_edges_by_customer(edges: Iterable[Edge]) -> dict[str, list[Edge]]:
    out: dict[str, list[Edge]] = defaultdict(list)
    for e in edges:
        out[e.customer].append(e)
    return out
