"""Find every party a text names: listed companies (HK and A-share) and the unlisted entities the
knowledge base knows, by name (either script, short or full, with exchange prefixes/suffixes) and by
code in any dialect ``app/codes.py`` reads.

* Names are matched with one Aho-Corasick automaton (pyahocorasick) over the folded text
  (:mod:`app.ingest.fold`), so the cost does not grow with the number of names.
* Overlaps are resolved by the longest match; a code beside a name makes them one mention.
* Precision rules (Chinese has no word breaks): short names from the universe only, names that are
  common words, a data vendor cited as a source ("Wind 数据显示", "来源：同花顺iFinD"), the report's own
  publisher (:func:`mark_publisher`) and an English name inside a longer word are not asserted; they are
  dropped or marked weak for review.
* A bare number is a code only in a code's context: in brackets right after a name, or after
  代码 / 股票代码 / 港股 / HK: / SH: / SZ:.
"""
from __future__ import annotations

import functools
import hashlib
import os
import pickle
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

import ahocorasick

from app.codes import CodeError, parse
from app.domain import CUSTOMER_HUBS
from app.ingest.fold import FoldedText
from app.ingest.model import MentionHit
from app.kb import KnowledgeBase
from app.text import fold, to_hant
from app.universe import Security, strip_listing_marks


# Universe short names that are ordinary words in research text (never asserted without a code).
COMMON_WORD_NAMES = frozenset("""
太阳能 机器人 农产品 金融街 电子城 新世界 大西洋 中关村 张家界 新希望 红太阳 两面针 好当家 北大荒 健康元 动力源
万年青 外高桥 重庆港 珠海港 盐田港 天下秀 大名城 新大陆 老凤祥 人民网 新华网 数据港 国新能源 中国中免 创新医疗
智能自控 国际医学 数字认证 信息发展 新媒股份 中国电影 东方明珠 华数传媒 浙数文化 天地在线 中文在线 有棵树 科技城
大晟文化 大湖股份 电声股份 百利科技 三六零 四维图新 新华文轩 紫光股份 中国移动 中国联通 中国电信 中国科传 中信出版
光明乳业 南方传媒 中国出版 时代出版 上海电影 读客文化 果麦文化 视觉中国 华策影视 中国科技 首都在线 云南旅游 蓝色光标
""".split())
# Names that are only ever cited as data vendors / sources in research text.
_VENDOR_NAMES = frozenset(["同花顺", "东方财富", "万得", "wind", "ifind", "choice", "彭博", "bloomberg", "路透",
                           "国家统计局", "questmobile", "艾瑞", "艾瑞咨询", "易观", "企查查", "天眼查"])
_SOURCE_BEFORE = re.compile(r"(数据来源|资料来源|来源|出处|source|据|引自)\s*[:：]?\s*$", re.I)
_SOURCE_AFTER = re.compile(r"^\s*(ifind|choice|终端|数据库|数据显示|数据,|数据。|数据$|统计|整理|研究所整理)", re.I)

_CREDIT_AFTER = re.compile(r"\s*(经济研究所|研究所|研究院|研究部|研究中心|证券研究|整理|制图|测算|预测)")
_CJK = re.compile(r"[\u3400-\u9fff]")
_ASCII_WORD = re.compile(r"[a-z0-9]")

# Codes in explicit dialects (matched on the folded text, which is lower case and NFKC).
_CODE_PATTERNS = [
    re.compile(r"(?<![0-9a-z.])(\d{6})\s*\.\s*(sh|sz|bj|ss)(?![a-z])"),
    re.compile(r"(?<![0-9a-z])(sh|sz|bj)\s*(\d{6})(?!\d)"),
    re.compile(r"(?<![0-9a-z.])(\d{1,5})\s*\.\s*hk(?![a-z])"),
    re.compile(r"(?<![0-9a-z.])(\d{1,5})\s+hk(?:\s+equity)?(?![a-z])"),
    re.compile(r"(?<![0-9a-z])(?:hk\.|hk|hkex:\s*|hk:\s*)(\d{5})(?!\d)"),
    re.compile(r"(?<![0-9a-z])hkex:\s*(\d{1,5})(?!\d)"),
]
_BARE = re.compile(r"(?<![0-9.,])(\d{4,6})(?![0-9]|\.\d|[%％])")
_CODE_CUE = re.compile(r"(股票代码|证券代码|代码|港股|hk|sh|sz|a股)\s*[:：]?\s*$")


INDEX_FORMAT = 3   # bump when the patterns' rules change: old cache files are then ignored


@dataclass
class _Pattern:
    ref: str
    name: str               # the registered spelling (for the reason)
    source: str             # "kb-company" | "kb-alias" | "kb-entity" | "universe"
    listed: bool
    common: bool = False
    vendor: bool = False


@dataclass
class NameIndex:
    """Every name the desk knows, folded, in one automaton."""

    kb: KnowledgeBase
    securities: dict[str, Security] = field(default_factory=dict)
    patterns: dict[str, list[_Pattern]] = field(default_factory=dict)
    automaton: object = None

    @classmethod
    def cached(cls, kb: KnowledgeBase, securities: Iterable[Security], cache_dir: Path | None) -> "NameIndex":
        """:meth:`build`, or the same index from a cache file keyed by everything it is built from.

        Building folds ~30,000 spellings through OpenCC (seconds in pure Python); loading the cached
        patterns and automaton takes a few tens of milliseconds.
        """
        secs = list(securities)
        h = hashlib.sha256(f"{INDEX_FORMAT}|{kb.version}|{len(kb.companies)}|{len(kb.entities)}".encode())
        for c in kb.companies.values():
            h.update("|".join((*c.codes, c.name_zh_hans, c.name_zh_hant, c.name_en, *c.aliases)).encode())
        for e in kb.entities.values():
            h.update("|".join((e.id, e.name_zh_hans, e.name_zh_hant, e.name_en, e.parent or "", *e.aliases)).encode())
        for s in secs:
            h.update(f"{s.code}|{s.name_zh_hans}|{s.name_zh_hant}".encode())
        path = cache_dir / f"names-{h.hexdigest()[:20]}.pickle" if cache_dir else None
        if path is not None and path.is_file():
            try:
                with open(path, "rb") as f:
                    patterns, automaton = pickle.load(f)  # noqa: S301 - our own cache file
                idx = cls(kb, {s.code: s for s in secs if not s.code.endswith(".US")}, patterns, automaton)
                return idx
            except Exception:  # noqa: BLE001 - a damaged cache is rebuilt
                pass
        idx = cls.build(kb, secs)
        if path is not None:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                tmp = path.with_suffix(".tmp")
                with open(tmp, "wb") as f:
                    pickle.dump((idx.patterns, idx.automaton), f, protocol=pickle.HIGHEST_PROTOCOL)
                os.replace(tmp, path)
                for old in path.parent.glob("names-*.pickle"):
                    if old != path:
                        old.unlink(missing_ok=True)
            except OSError:
                pass
        return idx

    @classmethod
    def build(cls, kb: KnowledgeBase, securities: Iterable[Security] = ()) -> "NameIndex":
        idx = cls(kb)
        pending: list[tuple[str, _Pattern]] = []
        for c in kb.companies.values():
            primary = next((x for x in c.codes if not x.endswith(".US")), c.code)
            listed = not primary.endswith(".US")
            for n in (c.name_zh_hans, c.name_zh_hant, c.name_en):
                pending.append((n, _Pattern(primary, n, "kb-company", listed)))
            for n in c.aliases:
                pending.append((n, _Pattern(primary, n, "kb-alias", listed)))
        for e in kb.entities.values():
            for n in (e.name_zh_hans, e.name_zh_hant, e.name_en):
                pending.append((n, _Pattern(e.id, n, "kb-entity", False)))
            for n in e.aliases:
                pending.append((n, _Pattern(e.id, n, "kb-alias", False)))
        # Every spelling in both scripts, Taiwan phrasing included (浪潮信息 -> 浪潮資訊).
        variants = _variants_batch([n if n and not n.isascii() else "" for n, _ in pending])
        for (n, pat), vs in zip(pending, variants):
            idx._add(n, pat)
            for v in vs:
                if v != n:
                    idx._add(v, _Pattern(pat.ref, pat.name, pat.source, pat.listed))
        secs = [s for s in securities if not s.code.endswith(".US")]
        for s in secs:
            idx.securities[s.code] = s
        fresh = [s for s in secs if kb.company(s.code) is None]   # the KB's own names cover the rest
        variants = _variants_batch([s.name_zh_hans for s in fresh] + [s.name_zh_hant for s in fresh])
        n = len(fresh)
        for i, s in enumerate(fresh):
            for v in variants[i] | variants[n + i]:
                if len(fold(v)) <= 2:
                    continue  # "ST创意" -> "创意": a two-character short name counts only beside its code
                idx._add(v, _Pattern(s.code, s.name_zh_hans, "universe", True,
                                     common=fold(v) in _COMMON_FOLDED))
        idx._finish()
        return idx

    def _add(self, name: str, p: _Pattern) -> None:
        if not name:
            return
        key = fold(name)
        if len(key) < 2:
            return
        if key.isdigit() and (p.source != "kb-alias" or len(key) < 3):
            return  # only curated number names ("360"), never a universe one
        if key.isascii() and len(key) < 2:
            return
        p.vendor = key in _VENDOR_FOLDED
        lst = self.patterns.setdefault(key, [])
        same = next((q for q in lst if q.ref == p.ref), None)
        if same is None:
            lst.append(p)
        elif _RANK[p.source] > _RANK[same.source]:
            lst[lst.index(same)] = p
        # Where several parties share a spelling, a party's own name outranks another's alias.
        top = max(_RANK[q.source] for q in lst)
        lst[:] = [q for q in lst if _RANK[q.source] == top]

    def _mark_words(self) -> None:
        """Short names that are also ordinary Chinese words (浪潮 "wave", 引力 "gravity")."""
        short = {k for k, pats in self.patterns.items()
                 if len(k) <= 3 and not k.isascii() and any(p.source != "kb-company" for p in pats)}
        words = ordinary_words(short)
        for k in words:
            for p in self.patterns[k]:
                p.common = True

    def _finish(self) -> None:
        self._mark_words()
        a = ahocorasick.Automaton()
        for key in self.patterns:
            a.add_word(key, key)
        if len(a):
            a.make_automaton()
        self.automaton = a

    # -- lookups
    def ref_of_code(self, code: str) -> str | None:
        cache = self.__dict__.setdefault("_ref_cache", {})
        if code not in cache:
            cache[code] = self._ref_of_code(code)
        return cache[code]

    def _ref_of_code(self, code: str) -> str | None:
        c = self.kb.company(code)
        if c is not None:
            return next((x for x in c.codes if not x.endswith(".US")), c.code)
        return code if code in self.securities else None

    def ancestors(self, ref: str) -> list[str]:
        """The parents of an entity up its chain (豆包 -> 字节跳动), codes normalised to primaries."""
        cache = self.__dict__.setdefault("_anc_cache", {})
        if ref not in cache:
            cache[ref] = self._ancestors(ref)
        return cache[ref]

    def _ancestors(self, ref: str) -> list[str]:
        out: list[str] = []
        cur = self.kb.entities.get(ref)
        while cur is not None and cur.parent and cur.parent not in out and len(out) < 8:
            parent = self.ref_of_code(cur.parent) or cur.parent
            out.append(parent)
            cur = self.kb.entities.get(parent)
        return out

    def names_of(self, ref: str) -> set[str]:
        """Folded names of a ref (for checking a name against a code)."""
        cache = self.__dict__.setdefault("_names_cache", {})
        if ref not in cache:
            cache[ref] = self._names_of(ref)
        return cache[ref]

    def _names_of(self, ref: str) -> set[str]:
        out: set[str] = set()
        c = self.kb.company(ref)
        if c is not None:
            out |= {fold(n) for n in (c.name_zh_hans, c.name_zh_hant, c.name_en, *c.aliases) if n}
        e = self.kb.entities.get(ref)
        if e is not None:
            out |= {fold(n) for n in (e.name_zh_hans, e.name_zh_hant, e.name_en, *e.aliases) if n}
        s = self.securities.get(ref)
        if s is not None:
            out |= {fold(n) for n in _name_variants(s.name_zh_hans)}
        return out

    def display_name(self, ref: str) -> str:
        p = self.kb.party(ref)
        if p is not None:
            return p.name("hans")
        s = self.securities.get(ref)
        return s.name_zh_hans if s else ref


_RANK = {"kb-company": 3, "kb-entity": 3, "kb-alias": 2, "universe": 1}
_COMMON_FOLDED = frozenset(fold(n) for n in COMMON_WORD_NAMES)
_VENDOR_FOLDED = frozenset(fold(n) for n in _VENDOR_NAMES)


def _name_variants(name: str) -> set[str]:
    """A short name with and without the exchange's decorations, in the scripts texts use."""
    return _variants_batch([name])[0]


def _variants_batch(names: list[str]) -> list[set[str]]:
    """Variants of many names at once: OpenCC is far cheaper on one long text than on many short ones."""
    from app.text import _s2t, _s2twp

    bases = [strip_listing_marks(n) if n else "" for n in names]
    flat = [x for n, b in zip(names, bases) for x in (n or "", b)]
    joined = "\n".join(x.replace("\n", " ") for x in flat)
    hant = _s2t().convert(joined).split("\n") if joined else []
    tw = _s2twp().convert(joined).split("\n") if joined else []
    if len(hant) != len(flat) or len(tw) != len(flat):  # pragma: no cover - defensive
        hant = [to_hant(x) for x in flat]
        tw = [_s2twp().convert(x) for x in flat]
    out = []
    for i in range(len(names)):
        group = {flat[2 * i], flat[2 * i + 1], hant[2 * i], hant[2 * i + 1], tw[2 * i], tw[2 * i + 1]}
        out.append({g for g in group if g})
    return out


# ---- finding ---------------------------------------------------------------------------------

@dataclass
class _Hit:
    start: int      # original offsets
    end: int
    key: str
    pats: list[_Pattern]


def find_mentions(text: str, index: NameIndex, folded: FoldedText | None = None
                  ) -> tuple[list[MentionHit], list[MentionHit]]:
    """(mentions resolved to a ref, unresolved mentions) in text order."""
    ft = folded or FoldedText.of(text)
    name_hits = _name_hits(ft, index)
    code_hits = _code_hits(ft, index, name_hits)
    return _merge(ft, index, name_hits, code_hits)


def _name_hits(ft: FoldedText, index: NameIndex) -> list[_Hit]:
    raw: list[tuple[int, int, str]] = []
    a = index.automaton
    if a is None or not len(a):  # type: ignore[arg-type]
        return []
    for cend, key in a.iter(ft.compact):  # type: ignore[attr-defined]
        cstart = cend - len(key) + 1
        raw.append((cstart, cend + 1, key))
    # Longest match wins; ties go to the leftmost.
    raw.sort(key=lambda h: (-(h[1] - h[0]), h[0]))
    taken: list[tuple[int, int]] = []
    hits: list[_Hit] = []
    occupied = bytearray(len(ft.compact) + 1)
    for cs, ce, key in raw:
        if any(occupied[cs:ce]):
            continue
        start, end = ft.span(cs, ce)
        if key.isascii() and not _ascii_boundary(ft.folded, start, end):
            continue  # "ant" inside "important"
        occupied[cs:ce] = b"\x01" * (ce - cs)
        taken.append((cs, ce))
        hits.append(_Hit(start, end, key, index.patterns[key]))
    hits.sort(key=lambda h: h.start)
    return hits


def _ascii_boundary(folded: str, start: int, end: int) -> bool:
    """An English name or a number name must stand as a word of its own.

    "ant" in "important" is not Ant Group; "QQ14亿" is QQ (a letter name may touch a number);
    "360" in "3600" or "360度" is not 三六零.
    """
    before = folded[start - 1] if start > 0 else " "
    after = folded[end] if end < len(folded) else " "
    first, last = folded[start], folded[end - 1]
    if before.isascii() and before.isalpha() or (first.isdigit() and (before.isdigit() or before in ".,")):
        return False
    if after.isascii() and after.isalpha() and last.isalpha():
        return False
    if last.isdigit() and (after.isdigit() or after in ".%％°度亿万元千百十个年月日天"):
        return False
    if last.isalpha() and after.isascii() and after.isalpha():
        return False
    return True


@dataclass
class _Code:
    start: int
    end: int
    code: str | None
    reason: str
    error: str = ""


def _code_hits(ft: FoldedText, index: NameIndex, names: list[_Hit]) -> list[_Code]:
    f = ft.folded
    out: list[_Code] = []
    used = bytearray(len(f) + 1)
    for rx in _CODE_PATTERNS:
        for m in rx.finditer(f):
            if any(used[m.start():m.end()]):
                continue
            raw = ft.original[m.start():m.end()]
            try:
                code = parse(raw).code
                out.append(_Code(m.start(), m.end(), code, "code"))
            except CodeError as e:
                if re.match(r"(000|399)\d{3}", m.group(1)):
                    continue  # an index (000300.SH is CSI 300), not a listing
                out.append(_Code(m.start(), m.end(), None, "code", error=e.reason))
            used[m.start():m.end()] = b"\x01" * (m.end() - m.start())
    name_ends = {h.end for h in names}
    for m in _BARE.finditer(f):
        if any(used[m.start():m.end()]):
            continue
        digits = m.group(1)
        before = f[max(0, m.start() - 8):m.start()]
        after = f[m.end():m.end() + 2]
        bracketed = bool(re.search(r"[(（]\s*$", before)) and bool(re.match(r"\s*[)）,，/、]", after))
        after_name = bracketed and any(e in name_ends for e in range(m.start() - 3, m.start()))
        cue = _CODE_CUE.search(before)
        if not (after_name or cue):
            continue  # a number in running text ("全年营收 3588 亿元") is not a code
        market_hint = cue.group(1) if cue else ""
        try:
            if len(digits) == 6:
                code = parse(digits).code
            elif market_hint in ("港股", "hk") or after_name:
                code = parse(digits).code  # 1-5 digits read as Hong Kong
            else:
                continue
        except CodeError:
            continue
        why = "bare number in brackets after a name" if after_name else f"bare number after {cue.group(1)!r}"
        out.append(_Code(m.start(), m.end(), code, why))
        used[m.start():m.end()] = b"\x01" * (m.end() - m.start())
    out.sort(key=lambda c: c.start)
    return out


def _merge(ft: FoldedText, index: NameIndex, names: list[_Hit], codes: list[_Code]
           ) -> tuple[list[MentionHit], list[MentionHit]]:
    text = ft.original
    resolved: list[MentionHit] = []
    unresolved: list[MentionHit] = []
    code_by_start = {c.start: c for c in codes}
    consumed: set[int] = set()

    def code_after(h: _Hit) -> _Code | None:
        # "浪潮信息（000977.SZ）", "智谱(02513.HK)", "腾讯 0700.HK", "小米集团-W(1810)"
        for c in codes:
            gap = text[h.end:c.start]
            if c.start >= h.end and len(gap) <= 3 and re.fullmatch(r"[\s(（:：\[【-]*", gap):
                return c
            if c.start > h.end + 3:
                break
        return None

    for h in names:
        c = code_after(h)
        if c is not None:
            consumed.add(c.start)
        m = _resolve_name(ft, index, h, c)
        if m is None:
            continue
        if m.ref is None:
            unresolved.append(m)
        else:
            resolved.append(m)
    for c in codes:
        if c.start in consumed:
            continue
        if c.code is None:
            unresolved.append(MentionHit(c.start, c.end, text[c.start:c.end], None, "code", 0.0,
                                         f"not a code: {c.error}", weak=True))
            continue
        ref = index.ref_of_code(c.code)
        if ref is None:
            unresolved.append(MentionHit(c.start, c.end, text[c.start:c.end], None, "code", 0.3,
                                         f"{c.code} is in no list the desk has (refresh the universe)",
                                         weak=True, candidates=[c.code]))
            continue
        resolved.append(MentionHit(c.start, c.end, text[c.start:c.end], ref, "code", 0.9,
                                   f"code {c.code} ({index.display_name(ref)})"))
    del code_by_start
    _confirm_short_aliases(index, resolved)
    resolved.sort(key=lambda m: m.start)
    unresolved.sort(key=lambda m: m.start)
    return resolved, unresolved


def _resolve_name(ft: FoldedText, index: NameIndex, h: _Hit, code: _Code | None) -> MentionHit | None:
    text = ft.original
    surface = text[h.start:h.end]
    pats = h.pats
    refs = list(dict.fromkeys(p.ref for p in pats))
    end = h.end
    if code is not None:
        end = code.end
        # include a closing bracket in the surface
        tail = re.match(r"\s*[)）\]】]", text[end:end + 2])
        if tail:
            end += tail.end()
    full_surface = text[h.start:end]

    # A vendor cited as a data source is not a mention of the company.
    if any(p.vendor for p in pats) and code is None:
        before = ft.folded[max(0, h.start - 8):h.start]
        after = ft.folded[h.end:h.end + 8]
        if _SOURCE_BEFORE.search(before) or _SOURCE_AFTER.match(after):
            return None

    # "国信证券经济研究所整理", "中信证券研究部测算": the broker signing a chart, not a company it discusses
    if _CREDIT_AFTER.match(ft.folded[h.end:h.end + 10]):
        return None
    if re.match(r"\s*(指数|指數|index|成指|综指)", ft.folded[h.end:h.end + 6]):
        return None  # 恒生指数 is the index, not 恒生电子

    code_ref = index.ref_of_code(code.code) if code is not None and code.code else None
    if code is not None and code.code:
        if code_ref in refs:
            return MentionHit(h.start, end, full_surface, code_ref, "name+code", 0.99,
                              f"name {surface!r} and code {code.code} agree")
        if code_ref is not None:
            # The code names someone else: let the user decide, never guess.
            return MentionHit(h.start, end, full_surface, None, "name+code", 0.2,
                              f"name {surface!r} says {', '.join(refs)} but code {code.code} is "
                              f"{index.display_name(code_ref)}", weak=True, candidates=refs + [code_ref])
        # Code in no list: the name carries it (an HK listing the bundled data does not know).
        if len(refs) == 1:
            return MentionHit(h.start, end, full_surface, refs[0], "name+code", 0.8,
                              f"name {surface!r}; code {code.code} not in the desk's lists", weak=True,
                              candidates=[code.code])

    if len(refs) > 1:
        # "华为昇腾": Huawei's alias and Ascend's alias; the more specific party (the child) wins.
        child = [r for r in refs if all(o == r or o in index.ancestors(r) for o in refs)]
        if len(child) == 1:
            refs = child
            pats = [p for p in pats if p.ref == child[0]]
    if len(refs) > 1:
        return MentionHit(h.start, h.end, surface, None, "name", 0.3,
                          f"{surface!r} is the name of several parties", weak=True, candidates=refs)
    p = pats[0]
    ref = refs[0]
    n = len(h.key)
    if p.source == "universe":
        if n <= 3 and not p.common and _inside_word(ft.folded, h.start, h.end):
            return MentionHit(h.start, h.end, surface, ref, "name", 0.35,
                              f"{surface!r} is a listed short name ({ref}) but here it may be part of a longer "
                              f"word ({ft.original[max(0, h.start - 1):h.end + 1]!r}); confirm", weak=True)
        if p.common:
            return MentionHit(h.start, h.end, surface, ref, "name", 0.35,
                              f"{surface!r} is a listed short name ({ref}) but also an ordinary word or very "
                              f"short; confirm", weak=True)
        conf = 0.85 if n >= 4 else 0.7
        return MentionHit(h.start, h.end, surface, ref, "name", conf,
                          f"short name of {ref} in the A-share universe")
    if p.source == "kb-entity" and p.common:
        return MentionHit(h.start, h.end, surface, ref, "name", 0.8,
                          f"knowledge-base {_SHORT_ALIAS} {p.name!r}")
    if p.source in ("kb-company", "kb-entity"):
        conf = 0.95 if n >= 3 or h.key.isascii() else 0.85
        return MentionHit(h.start, h.end, surface, ref, "name", conf, f"knowledge-base name {p.name!r}")
    # KB alias: curated, but short aliases ("浪潮", "引力") can be ordinary words.
    if p.common:
        return MentionHit(h.start, h.end, surface, ref, "name", 0.8,
                          f"knowledge-base {_SHORT_ALIAS} {p.name!r}")
    return MentionHit(h.start, h.end, surface, ref, "name", 0.9, f"knowledge-base alias {p.name!r}")


@functools.lru_cache(maxsize=1)
def _two_char_words() -> frozenset[str]:
    """jieba's common two-character words (frequency ≥ 50), to see a short name cut out of a longer word."""
    try:
        import jieba
    except ImportError:  # pragma: no cover
        return frozenset()
    out = set()
    with open(Path(jieba.__file__).with_name("dict.txt"), encoding="utf-8") as f:
        for line in f:
            w, _, rest = line.partition(" ")
            if len(w) == 2:
                freq = rest.split(" ", 1)[0]
                if freq.isdigit() and int(freq) >= 50:
                    out.add(w)
    return frozenset(out)


def _inside_word(folded: str, start: int, end: int) -> bool:
    """"资深科技记者" holds 深科技: the character before and the name's first one make a word (资深)."""
    words = _two_char_words()
    before = folded[start - 1] + folded[start] if start > 0 else ""
    after = folded[end - 1] + folded[end] if end < len(folded) else ""
    return before in words or after in words


_PROPER_TAGS = {"nr", "nrt", "nrfg", "ns", "nt", "nz"}


def ordinary_words(candidates: set[str], min_freq: int = 20) -> set[str]:
    """The candidates that jieba's dictionary lists as common words (not as proper nouns).

    jieba ships a 349,000-word dictionary with frequencies and part-of-speech tags; a short name
    it tags as an ordinary noun, verb or adjective with some frequency is a word before it is a name.
    """
    if not candidates:
        return set()
    try:
        import jieba
    except ImportError:  # pragma: no cover - a dependency; without it every short name is weak
        return set(candidates)
    path = Path(jieba.__file__).with_name("dict.txt")
    out = set()
    with open(path, encoding="utf-8") as f:
        for line in f:
            w, _, rest = line.partition(" ")
            if w in candidates:
                freq, _, tag = rest.strip().partition(" ")
                if tag not in _PROPER_TAGS and int(freq or 0) >= min_freq:
                    out.add(w)
    return out


_SHORT_ALIAS = "short alias"


def _confirm_short_aliases(index: NameIndex, mentions: list[MentionHit]) -> None:
    """A two-character alias ("浪潮", "引力", "恒生") is a word as often as a name ("浪潮裡", "吸引力",
    "恒生指数"): it counts when the text also names the party in full or by code, or when the party is
    one of the platform hubs reports call by their short names (腾讯, 阿里, 字节, 百度 …)."""
    full = {m.ref for m in mentions if _SHORT_ALIAS not in m.reason and not m.weak}
    hubs = set(CUSTOMER_HUBS.values()) | {index.ref_of_code(c) for c in CUSTOMER_HUBS.values()}
    for m in mentions:
        if _SHORT_ALIAS not in m.reason:
            continue
        if m.ref in full or m.ref in hubs or hubs & set(index.ancestors(m.ref or "")):
            m.reason = m.reason.replace(_SHORT_ALIAS, "alias")
            continue
        m.weak = True
        m.confidence = min(m.confidence, 0.4)
        m.reason += "; the text never names it in full or by code, and the two characters may be a word"


PUBLISHER = "the report's publisher"


def mark_publisher(index: NameIndex, mentions: list[MentionHit], names: set[str], publisher: str,
                   text: str = "") -> None:
    """The broker that wrote the report is not a company it discusses: "华泰证券 电子行业点评" in the
    header, "本报告由国信证券股份有限公司制作", "版权归…所有" and the footer name the author, as a data
    vendor cited as a source or a broker signing a chart do. ``names`` are the publisher's folded
    spellings (:func:`app.ingest.meta.broker_names`); its mentions are made weak (unchecked, for the
    user to confirm) with the reason said. A mention with the broker's stock code outside the header
    ("推荐关注：华泰证券（601688.SH）" in a report on brokers) lists it as a stock and is kept."""
    if not names:
        return
    refs = {m.ref for m in mentions if m.ref and (fold(m.surface) in names or index.names_of(m.ref) & names)}
    if not refs:
        return
    lead = len(text) - len(text.lstrip())
    nl = text.find("\n", lead)
    head = min(lead + 200, nl if nl >= 0 else len(text))   # the first line: the report's masthead
    for m in mentions:
        if m.ref not in refs:
            continue
        if m.kind in ("code", "name+code") and m.start >= head:
            continue
        m.weak = True
        m.confidence = min(m.confidence, 0.3)
        m.reason = f"{PUBLISHER} ({publisher}): the author of the text, not a company it discusses; " + m.reason


def has_cjk(s: str) -> bool:
    return bool(_CJK.search(s))
