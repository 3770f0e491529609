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
    "recommendations": {"ref", "action", "quote", "context", "section"},
    "mentions": {"ref", "quote", "context", "section"},
    "entity_mentions": {"ref", "quote", "context", "section"},
    "members": {"theme", "ref", "role", "role_zh", "quote", "context", "section", "argued"},
    "edges": {"supplier", "customer", "segment", "status", "share_pct", "share_qualifier", "share_of", "figures", "themes",
              "note", "note_zh", "quote", "context", "section", "argued"},
    "links": {"from", "to", "relation", "stake_pct", "note", "note_zh", "quote", "context", "section", "argued"},
    "events": {"ref", "date", "date_precision", "kind", "value", "unit", "note", "note_zh", "quote", "context", "section"},
}
SHARE_OF = ("orders", "market", "revenue", "compute")   # what an edge's share_pct is a share of
MAX_QUOTE = 200
MAX_CONTEXT = 300


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
        # id(fact) -> (data file, line) for facts loaded from data/ (for messages such as check_parties')
        self.origins: dict[int, tuple[str, int | None]] = {}
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

    def companies_in_reports(self) -> list:
        """The listed companies some report names (the registry also knows companies only so that
        ingestion can tell them apart, e.g. a report's own publisher, which is not a mention)."""
        named: set[str] = set()
        for seq in (self.mentions, self.entity_mentions, self.members, self.recommendations, self.events):
            named.update(x.ref for x in seq)
        for e in self.edges:
            named.update((e.supplier, e.customer))
        for link in self.links:
            named.update((link.source, link.target))
        return [c for c in self.companies.values() if named & {c.code, *c.codes}]

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
                if e.argued:
                    bit += " (argued)"
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

    def all_sections(self) -> Iterable[tuple[str, str, str, str]]:
        """(report file, section heading, quote, where) for every fact whose evidence names its section."""
        for kind, seq in (("member", self.members), ("edge", self.edges), ("link", self.links)):
            for x in seq:
                if x.evidence.section:
                    yield x.evidence.report, x.evidence.section, x.evidence.quote, f"{kind} section"

    def all_contexts(self) -> Iterable[tuple[str, str, str]]:
        """(report file, context, where) for every fact whose evidence carries a context."""
        for kind, seq in (("mention", self.mentions), ("entity mention", self.entity_mentions),
                          ("member", self.members), ("recommendation", self.recommendations),
                          ("event", self.events)):
            for x in seq:
                if x.evidence.context:
                    yield x.evidence.report, x.evidence.context, f"{kind} {x.ref} context"
        for e in self.edges:
            if e.evidence.context:
                yield e.evidence.report, e.evidence.context, f"edge {e.supplier}->{e.customer} context"
        for link in self.links:
            if link.evidence.context:
                yield link.evidence.report, link.evidence.context, f"link {link.source}->{link.target} context"


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
                                   parent=_s(item.get("parent")) or None,
                                   description_zh=_s(item.get("description_zh")))
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
        ctx = _s(node.get("context"))
        if ctx:
            if len(ctx) > MAX_CONTEXT:
                self.err(rel, node, f"context is {len(ctx)} characters; keep contexts under {MAX_CONTEXT}")
                return None
            if "\n" in ctx:
                self.err(rel, node, "context spans several lines")
                return None
            if q not in ctx:
                self.err(rel, node, f"context does not contain the quote {q!r}")
                return None
        section = _s(node.get("section"))
        if section and ("\n" in section or len(section) > MAX_QUOTE):
            self.err(rel, node, f"section must be one heading line under {MAX_QUOTE} characters")
            return None
        return Evidence(report, q, ctx, section)

    def _argued(self, rel: str, node: Any) -> bool | None:
        v = node.get("argued", False)
        if v is None:
            return False
        if not isinstance(v, bool):
            self.err(rel, node, f"argued {v!r} must be true or false")
            return None
        return v

    def _at(self, obj: Any, rel: str, node: Any) -> Any:
        """Remember where in data/ a fact is written (for messages about it); returns the fact."""
        self.kb.origins[id(obj)] = (rel, getattr(node, "line", None))
        return obj

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
            argued = self._argued(rel, it)
            if ref and ev and argued is not None:
                kb.members.append(self._at(Membership(theme, ref, _s(it.get("role")), ev, argued,
                                                      _s(it.get("role_zh"))), rel, it))
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
            share_of = _s(it.get("share_of")) or None
            if share_of is not None and share_of not in SHARE_OF:
                self.err(rel, it, f"share_of {share_of!r} is not one of {', '.join(SHARE_OF)}")
                continue
            argued = self._argued(rel, it)
            if sup and cus and ev and argued is not None:
                kb.edges.append(self._at(Edge(
                    sup, cus, seg, status, share,
                    (_s(it.get("share_qualifier")) or "=") if share is not None else None,
                    dict(figures), themes, _s(it.get("note")), ev, argued,
                    share_of if share is not None else None, _s(it.get("note_zh"))), rel, it))
        for it in items("links"):
            a = self._ref(rel, it, it.get("from"), "link from")
            b = self._ref(rel, it, it.get("to"), "link to")
            ev = self._evidence(rel, it, file)
            try:
                stake = _num(it.get("stake_pct"))
            except (TypeError, ValueError):
                self.err(rel, it, f"stake_pct {it.get('stake_pct')!r} is not a number")
                continue
            argued = self._argued(rel, it)
            if a and b and ev and argued is not None:
                kb.links.append(self._at(Link(a, b, _s(it.get("relation")) or "partner", stake,
                                              _s(it.get("note")), ev, argued, _s(it.get("note_zh"))), rel, it))
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
                kb.events.append(self._at(Event(ref, date, _s(it.get("kind")) or "other", value,
                                                _s(it.get("unit")), _s(it.get("note")), ev, precision,
                                                _s(it.get("note_zh"))), rel, it))

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
    """Problems where a quote (or a context) is not an exact substring of its report's text."""
    seeds = Path(seeds_dir)
    texts: dict[str, str] = {}
    problems = []
    for report, quote, where in (*kb.all_quotes(), *kb.all_contexts()):
        if report not in texts:
            p = seeds / report
            texts[report] = p.read_text(encoding="utf-8") if p.exists() else ""
        if not texts[report]:
            problems.append(f"{where}: report {report} not found in {seeds}")
        elif quote not in texts[report]:
            what = "context" if where.endswith(" context") else "quote"
            problems.append(f"{where}: {what} not found verbatim in {report}: {quote!r}")
    for report, section, quote, where in kb.all_sections():
        text = texts.get(report)
        if text is None:
            p = seeds / report
            text = texts[report] = p.read_text(encoding="utf-8") if p.exists() else ""
        if not text:
            continue
        lines = [ln.strip() for ln in text.splitlines()]
        pos = text.find(quote)
        if section not in lines:
            problems.append(f"{where}: section heading is not a whole line of {report}: {section!r}")
        elif pos >= 0 and text.find(section) > pos:
            problems.append(f"{where}: section heading comes after the quote in {report}: {section!r}")
    return problems


# ---- does each quote show what it is attached to? ----------------------------------------------

# Company-name suffixes a report may leave off (腾讯控股 -> 腾讯, 因赛集团 -> 因赛), longest first; a short form
# keeps at least two characters (or three letters) so a suffix never leaves a bare syllable behind.
_CJK_SUFFIXES = ("股份有限公司", "有限公司", "控股", "集团", "股份", "科技")
_EN_SUFFIXES = ("holdings", "holding", "group", "technologies", "technology", "limited", "ltd", "inc",
                "co.", "corporation", "corp")
_LISTING_SUFFIXES = ("-sw", "-w", "-u", "-b")


def short_forms(name: str) -> list[str]:
    """Folded short forms of a name: listing marks and corporate suffixes stripped, repeatedly."""
    out: list[str] = []
    cur = fold(name)
    changed = True
    while changed:
        changed = False
        for suf in (*_LISTING_SUFFIXES, *_CJK_SUFFIXES, *_EN_SUFFIXES):
            if cur.endswith(suf):
                rest = cur[: -len(suf)].rstrip(",.-&")
                if len(rest) >= (3 if rest.isascii() else 2):
                    cur = rest
                    out.append(cur)
                    changed = True
                    break
    return out


@dataclass(frozen=True)
class PartyCheck:
    """Whether the quote (or its context) of one edge, link or membership names each of its parties."""

    file: str                    # the data file the fact is written in (reports/<stem>.yaml)
    line: int | None
    kind: str                    # edge | link | member
    label: str                   # 'edge 688332.SH -> bytedance (chips)'
    parties: tuple[str, ...]     # the refs that must be named (a membership: the company)
    quote: str
    context: str
    section: str
    # per party: (the name found, the rule that matched it, where: quote | context | section heading) or None
    matches: tuple[tuple[str, str, str] | None, ...]

    @property
    def ok(self) -> bool:
        return all(m is not None for m in self.matches)

    @property
    def missing(self) -> tuple[str, ...]:
        return tuple(p for p, m in zip(self.parties, self.matches) if m is None)

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        ctx = f" context {self.context!r}" if self.context else ""
        return (f"{where}: {self.label}: quote does not name {', '.join(self.missing)}: "
                f"{self.quote!r}{ctx}")

    def explain(self, kb: KnowledgeBase) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        bits = []
        for p, m in zip(self.parties, self.matches):
            who = f"{p} {kb.ref_name(p)}"
            bits.append(f"{who}: NOT NAMED" if m is None else f"{who}: {m[0]!r} ({m[1]}, in {m[2]})")
        return f"{where}: {self.label}: " + "; ".join(bits)


class PartyNamer:
    """Every folded name a party goes by, and which rule gives it.

    Build one per knowledge base and ask ``named(ref, text, others)``: ingestion can use it to tell
    whether a proposed sentence names both parties of a proposed edge.
    """

    def __init__(self, kb: KnowledgeBase):
        self.kb = kb
        self.children: dict[str, list[str]] = defaultdict(list)
        for e in kb.entities.values():
            if e.parent:
                parent = kb.party(e.parent)
                self.children[parent.ref if parent else e.parent].append(e.id)
        self._own: dict[str, dict[str, str]] = {}
        self.all_names: dict[str, set[str]] = defaultdict(set)  # folded name -> refs going by it
        for ref in (*kb.companies, *kb.entities):
            for n in self.own(ref):
                self.all_names[n].add(ref)
        self._longest_first = sorted(self.all_names, key=len, reverse=True)

    def own(self, ref: str) -> dict[str, str]:
        """Folded name -> rule, for the party's own names, aliases and short forms."""
        if ref not in self._own:
            p = self.kb.party(ref)
            names: dict[str, str] = {}
            if p is not None:
                x = p.company or p.entity
                for rule, seq in (("name", (x.name_zh_hans, x.name_zh_hant, x.name_en)), ("alias", x.aliases)):
                    for n in seq:
                        f = fold(n)
                        if len(f) >= 2:
                            names.setdefault(f, rule)
                for n in (x.name_zh_hans, x.name_zh_hant, x.name_en, *x.aliases):
                    for f in short_forms(n):
                        names.setdefault(f, f"short form of {n}")
            self._own[ref] = names
        return self._own[ref]

    def descendants(self, ref: str) -> list[tuple[str, list[str]]]:
        """(entity id, path from ref down to it) for every product/subsidiary whose parent chain reaches ref."""
        out, stack, seen = [], [(c, [ref, c]) for c in self.children.get(ref, ())], {ref}
        while stack:
            eid, path = stack.pop()
            if eid in seen:
                continue
            seen.add(eid)
            out.append((eid, path))
            stack.extend((c, [*path, c]) for c in self.children.get(eid, ()))
        return out

    def names_for(self, ref: str, other: tuple[str, ...]) -> dict[str, str]:
        """Names that count as naming ``ref`` beside the ``other`` parties of the same fact.

        A product's or subsidiary's name names its parent, except when that product or subsidiary is
        itself the other party (火山引擎 names ByteDance in 'ByteDance's Volcano Engine buys X', not in
        'ByteDance owns Volcano Engine')."""
        names = dict(self.own(ref))
        barred: set[str] = set()
        for o in other:
            if o == ref:
                continue
            below = {eid for eid, _ in self.descendants(o)}
            barred |= {o} | below
            if ref in below:  # the other party is ref's owner: ref and its own products still name ref
                barred -= {ref, *(eid for eid, _ in self.descendants(ref))}
        for eid, path in self.descendants(ref):
            if any(x in barred for x in path[1:]):
                continue
            chain = " → ".join(reversed(path))
            for n, rule in self.own(eid).items():
                names.setdefault(n, f"via {chain}")
        for o in barred:
            for n in self.own(o):
                names.pop(n, None)
        return names

    def named(self, ref: str, text: str, others: tuple[str, ...] = ()) -> tuple[str, str] | None:
        """(name, rule) by which ``text`` names ``ref`` beside the ``others`` parties, or None."""
        return self.find(self.names_for(ref, (ref, *others)), text)

    def find(self, names: dict[str, str], text: str) -> tuple[str, str] | None:
        """The longest of ``names`` in ``text`` that is not part of a longer name of another party."""
        t = fold(text)
        mine = set(names)
        for other in self._longest_first:
            if other in mine or other not in t:
                continue
            if any(n in other for n in mine):
                t = t.replace(other, "\0" * len(other))  # 腾讯音乐 is not 腾讯
        # The party's own names before its products' (字节跳动 rather than Seedance), longest first; an own
        # name only inside a product's name does not count as itself (阿里 in 阿里云 is 阿里云).
        own = sorted((n for n in mine if not names[n].startswith("via ")), key=len, reverse=True)
        via = sorted((n for n in mine if names[n].startswith("via ")), key=len, reverse=True)
        t_own = t
        for n in via:
            if n in t_own and any(o in n for o in own):
                t_own = t_own.replace(n, "\0" * len(n))
        for n in own:
            if n in t_own:
                return n, names[n]
        for n in via:
            if n in t:
                return n, names[n]
        return None


def party_checks(kb: KnowledgeBase) -> list[PartyCheck]:
    """For every edge, link and theme membership: which name of each party its quote or context shows."""
    namer = PartyNamer(kb)
    out = []
    facts: list[tuple[str, str, tuple[str, ...], Any]] = []
    for e in kb.edges:
        facts.append(("edge", f"edge {e.supplier} -> {e.customer} ({e.segment})", (e.supplier, e.customer), e))
    for link in kb.links:
        facts.append(("link", f"link {link.source} -> {link.target} ({link.relation})",
                      (link.source, link.target), link))
    for m in kb.members:
        facts.append(("member", f"member {m.ref} in {m.theme}", (m.ref,), m))
    for kind, label, parties, fact in facts:
        ev = fact.evidence
        matches = []
        for ref in parties:
            names = namer.names_for(ref, parties)
            hit = namer.find(names, ev.quote)
            where = "quote"
            if hit is None and ev.context:
                hit, where = namer.find(names, ev.context), "context"
            if hit is None and ev.section:
                hit, where = namer.find(names, ev.section), "section heading"
            matches.append((hit[0], hit[1], where) if hit else None)
        file, line = kb.origins.get(id(fact), (f"reports/{Path(ev.report).stem}.yaml", None))
        out.append(PartyCheck(file, line, kind, label, parties, ev.quote, ev.context, ev.section,
                              tuple(matches)))
    return out


def check_parties(kb: KnowledgeBase) -> list[PartyCheck]:
    """The edges, links and memberships whose quote (and context) does not name all of their parties."""
    return [c for c in party_checks(kb) if not c.ok]


def group_edges_by_customer(edges: Iterable[Edge]) -> dict[str, list[Edge]]:
    out: dict[str, list[Edge]] = defaultdict(list)
    for e in edges:
        out[e.customer].append(e)
    return out
