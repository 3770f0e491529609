"""Screening: desk rows and the filters over them. No Qt.

A :class:`DeskRow` is one listing as the desk shows it (names, themes, chain position, user fields,
price metrics). A :class:`Screen` is a saved set of filters; :meth:`Screen.mask` evaluates it over a
:class:`RowSet` with precomputed keys, so a filter change over 10,000 rows costs a few milliseconds.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, Iterable, Sequence

import numpy as np

from app.domain import CUSTOMER_HUBS, HUB_LABELS, WatchlistItem  # noqa: F401
from app import labels
from app.kb import SEGMENTS, KnowledgeBase
from app.text import fold
from app.universe import Security, Universe



@dataclass
class DeskRow:
    code: str
    market: str
    name_zh_hans: str
    name_zh_hant: str
    name_en: str
    pinyin: str = ""
    industry: str = ""
    themes: tuple[str, ...] = ()
    customers: tuple[str, ...] = ()      # refs of the customers it supplies
    segments: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    edges: tuple[tuple[str, str, str, float], ...] = ()  # (customer, segment, status, share or NaN)
    max_share: float | None = None
    max_share_label: str = ""            # ">50%" as the report words it
    chain_role_en: str = ""
    chain_role_zh: str = ""              # Simplified, segments in Chinese (app.labels)
    chain_role_hant: str = ""
    reports: int = 0
    in_kb: bool = False
    ai_only: bool = False                # every piece of evidence comes from an AI-compiled report
    # user fields (None when the view is not a watchlist)
    item: WatchlistItem | None = None
    # price metrics, filled from the cache when prices exist
    prices: dict[str, float] = field(default_factory=dict)

    def name(self, script: str = "hans") -> str:
        if script == "en":
            return self.name_en or self.name_zh_hans
        return self.name_zh_hant if script == "hant" else self.name_zh_hans

    @property
    def tags(self) -> tuple[str, ...]:
        return self.item.tags if self.item else ()

    @property
    def rating(self) -> int | None:
        return self.item.rating if self.item else None


def _hub_of(ref: str) -> str:
    return HUB_LABELS.get(ref, ref)


class RowFactory:
    """Builds desk rows from the knowledge base and the universe (cached per code)."""

    def __init__(self, kb: KnowledgeBase, universe: Universe):
        self.kb = kb
        self.universe = universe
        self._cache: dict[str, DeskRow] = {}
        self._ai_reports = {f for f, r in kb.reports.items() if r.ai_compiled}

    def row(self, code: str, item: WatchlistItem | None = None) -> DeskRow:
        base = self._cache.get(code)
        if base is None:
            base = self._build(code)
            self._cache[code] = base
        if item is None:
            return base
        return dataclasses.replace(base, item=item)

    def _build(self, code: str) -> DeskRow:
        kb = self.kb
        company = kb.company(code)
        sec = self.universe.get(code)
        market = code.rsplit(".", 1)[-1]
        if company is None:
            return DeskRow(code=code, market=market,
                           name_zh_hans=sec.name_zh_hans if sec else code,
                           name_zh_hant=sec.name_zh_hant if sec else code,
                           name_en=sec.name_en if sec else "", pinyin=sec.pinyin if sec else "",
                           industry=sec.industry if sec else "")
        ref = company.code
        edges = [e for e in kb.edges if e.supplier == ref]
        shares = [e.share_pct for e in edges if e.share_pct is not None]
        top = max((e for e in edges if e.share_pct is not None), key=lambda e: e.share_pct, default=None)
        reports = kb.reports_of(ref)
        return DeskRow(
            code=code, market=market, name_zh_hans=company.name_zh_hans,
            name_zh_hant=company.name_zh_hant, name_en=company.name_en,
            pinyin=sec.pinyin if sec else "", industry=(sec.industry if sec else "") or company.industry,
            themes=tuple(kb.themes_of(ref)),
            customers=tuple(dict.fromkeys(e.customer for e in edges)),
            segments=tuple(dict.fromkeys(e.segment for e in edges)),
            statuses=tuple(dict.fromkeys(e.status for e in edges)),
            edges=tuple((e.customer, e.segment, e.status,
                         float("nan") if e.share_pct is None else e.share_pct) for e in edges),
            max_share=max(shares) if shares else None, max_share_label=top.share_label if top else "",
            chain_role_en=kb.chain_role(ref, "en"), chain_role_zh=labels.chain_role(kb, ref, "hans"),
            chain_role_hant=labels.chain_role(kb, ref, "hant"),
            reports=len(reports), in_kb=True,
            ai_only=bool(reports) and all(r in self._ai_reports for r in reports))

    def rows_for_universe(self, securities: Iterable[Security]) -> list[DeskRow]:
        return [self.row(s.code) for s in securities]


class RowSet:
    """Rows plus precomputed, vectorised keys for filtering and sorting."""

    def __init__(self, rows: Sequence[DeskRow]):
        self.rows = list(rows)
        n = len(self.rows)
        self.search = [fold(" ".join((r.code, r.code.split(".")[0], r.name_zh_hans, r.name_zh_hant,
                                      r.name_en, r.pinyin, " ".join(r.tags)))) for r in self.rows]
        self.market = np.array([r.market for r in self.rows], dtype=object)
        self.max_share = np.array([np.nan if r.max_share is None else r.max_share for r in self.rows], dtype=float)
        self.rating = np.array([np.nan if r.rating is None else r.rating for r in self.rows], dtype=float)
        self.themes = [frozenset(r.themes) for r in self.rows]
        self.customers = [frozenset(r.customers) for r in self.rows]
        self.segments = [frozenset(r.segments) for r in self.rows]
        self.statuses = [frozenset(r.statuses) for r in self.rows]
        self.edges = [r.edges for r in self.rows]
        self.tags = [frozenset(t.lower() for t in r.tags) for r in self.rows]
        self.size = n

    def __len__(self) -> int:
        return self.size


@dataclass
class Screen:
    """A set of filters; empty fields filter nothing. Serialisable (saved screens)."""

    text: str = ""
    markets: tuple[str, ...] = ()
    theme: str = ""                 # theme id; includes sub-themes
    customer: str = ""              # ref of a customer hub (0700.HK, 9988.HK, bytedance, ...)
    segment: str = ""
    status: str = ""                # core | potential | stated
    min_share: float | None = None
    tags: tuple[str, ...] = ()      # all of these tags
    min_rating: int | None = None
    theme_ids: tuple[str, ...] = ()  # filled by the desk: the theme and its sub-themes

    def is_empty(self) -> bool:
        return not (self.text.strip() or self.markets or self.theme or self.customer or self.segment
                    or self.status or self.min_share is not None or self.tags or self.min_rating is not None)

    def to_dict(self) -> dict[str, Any]:
        d = dataclasses.asdict(self)
        d.pop("theme_ids")
        d["markets"] = list(self.markets)
        d["tags"] = list(self.tags)
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Screen":
        names = {f.name for f in dataclasses.fields(cls)} - {"theme_ids"}
        kw = {k: v for k, v in (d or {}).items() if k in names}
        kw["markets"] = tuple(kw.get("markets") or ())
        kw["tags"] = tuple(kw.get("tags") or ())
        return cls(**kw)

    def describe(self, kb: KnowledgeBase | None = None) -> list[str]:
        """The filters in force, in words (for the status bar and printed summaries)."""
        out = []
        if self.text.strip():
            out.append(f"text “{self.text.strip()}”")
        if self.markets:
            out.append("market " + "/".join(self.markets))
        if self.theme:
            t = kb.themes.get(self.theme) if kb else None
            out.append(f"theme {t.title_en if t else self.theme}")
        if self.customer:
            out.append(f"customer {_hub_of(self.customer)}")
        if self.segment:
            out.append(f"segment {SEGMENTS.get(self.segment, self.segment)}")
        if self.status:
            out.append(f"status {self.status}")
        if self.min_share is not None:
            out.append(f"share ≥ {self.min_share:g}%")
        if self.tags:
            out.append("tags " + ", ".join(self.tags))
        if self.min_rating is not None:
            out.append(f"rating ≥ {self.min_rating}")
        return out

    def mask(self, rs: RowSet) -> np.ndarray:
        n = len(rs)
        m = np.ones(n, dtype=bool)
        if self.markets:
            m &= np.isin(rs.market, list(self.markets))
        if self.min_rating is not None:
            with np.errstate(invalid="ignore"):
                m &= rs.rating >= self.min_rating
        theme_ids = set(self.theme_ids) or ({self.theme} if self.theme else set())
        if theme_ids:
            m &= np.fromiter((bool(t & theme_ids) for t in rs.themes), bool, n)
        if self.customer or self.segment or self.status or self.min_share is not None:
            # chain criteria hold on one and the same edge: "optical modules -> Tencent, core, >= 40%"
            cust, seg, st, lo = self.customer, self.segment, self.status, self.min_share

            def hit(edges) -> bool:
                for c, g, s, sh in edges:
                    if (not cust or c == cust) and (not seg or g == seg) and (not st or s == st) \
                            and (lo is None or sh >= lo):
                        return True
                return False
            idx = np.flatnonzero(m)
            keep = np.zeros(n, dtype=bool)
            keep[[i for i in idx if hit(rs.edges[i])]] = True
            m &= keep
        if self.tags:
            want = {t.lower() for t in self.tags}
            m &= np.fromiter((want <= x for x in rs.tags), bool, n)
        q = fold(self.text.strip())
        if q:
            terms = q.split()
            idx = np.flatnonzero(m)
            keep = [i for i in idx if all(t in rs.search[i] for t in terms)] if len(terms) > 1 else \
                [i for i in idx if q in rs.search[i]]
            m = np.zeros(n, dtype=bool)
            m[keep] = True
        return m


def customer_hubs(kb: KnowledgeBase, script: str = "en") -> list[tuple[str, str]]:
    """(ref, label) of the customers the chains lead to, hubs first, by edge count; labels in ``script``."""
    counts: dict[str, int] = {}
    for e in kb.edges:
        counts[e.customer] = counts.get(e.customer, 0) + 1
    hubs = [r for r in CUSTOMER_HUBS.values() if r in counts]
    others = sorted((r for r in counts if r not in hubs), key=lambda r: -counts[r])
    return [(r, labels.hub_label(r, script, kb)) for r in hubs + others]
