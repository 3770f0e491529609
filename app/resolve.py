"""One resolver from what a file says (a code, a name, or both) to a listing -- never the wrong one.

Used by every import (watchlist lists, our own workbooks) and by anything else that turns a code
or a company name found in a file into a listing (report ingestion)::

    from app.resolve import Resolver

    r = Resolver.for_desk(desk)                  # built once per desk: names folded once
    r.resolve(code=700, name="腾讯控股")          # Resolved(code='0700.HK')
    r.resolve(code=1, name="平安银行").code       # '000001.SZ'
    r.resolve(code="300", name="沪深300")         # rejected: no listing 300 is called 沪深300
    r.resolve(code=700).reason                   # 'ambiguous market: ... 0700.HK ... 000700.SZ ...'
    r.resolve(name="騰訊控股").code               # '0700.HK'

The rules
    * A code with a name: they must agree -- the name is one of the listing's names in either
      script, English, or an alias of its company (folded with :func:`app.text.fold`). A code
      spreadsheet software turned into a number (``700``, ``1``) can be read in two markets
      (``0700.HK`` / ``000700.SZ``); the name decides which. When no reading agrees with the
      name, the row is rejected with both sides in the message.
    * A numeric code without a name: when both readings are listings, it is ambiguous and
      flagged (rejected with both readings), never guessed; a header that names the market
      (港股代码, A股代码) decides it.
    * A code that exists nowhere (the A-share universe, the knowledge base's companies -- and the
      Hong Kong list once it is there) is rejected, unless the caller keeps unknown codes
      (``keep_unknown=True``; ``--keep-unknown`` on the command line).
    * Lookups cost the same whatever the input: every name is folded once when the resolver is
      built; a query is folded once and looked up in a dict. A "name" longer than
      :data:`MAX_NAME_CHARS` is not a name and is refused without folding it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from app.codes import CodeError, Market, a_share_market, normalize, parse
from app.limits import prefix
from app.text import fold

__all__ = ["MAX_NAME_CHARS", "Resolved", "Resolver"]

MAX_NAME_CHARS = 100
_CANONICAL = re.compile(r"(\d{6})\.(SH|SZ|BJ)|(\d{4,5})\.HK")   # already canonical: no parsing
_DECORATION = re.compile(r"(?:-(?:w|sw|s|b|r|u|p)$)|(?:^(?:\*?st|xd|xr|dr|n|c)(?=[\u4e00-\u9fff]))")


@dataclass(frozen=True)
class Resolved:
    code: str | None = None
    reason: str | None = None        # why there is no code
    note: str | None = None          # said about an accepted code (kept although unknown, ...)

    @property
    def ok(self) -> bool:
        return self.code is not None


def _restore(v: str) -> str:
    return v[1:] if v.startswith("'") else v


class Resolver:
    """Codes and names -> listings, over the universe and the knowledge base."""

    def __init__(self, universe, kb):
        self.universe, self.kb = universe, kb
        names: dict[str, set[str]] = {}
        raw: dict[str, set[str]] = {}
        pinyin: dict[str, set[str]] = {}
        for sec in universe.by_code.values():
            for n in (sec.name_zh_hans, sec.name_zh_hant, sec.name_en):
                if n:
                    names.setdefault(fold(n), set()).add(sec.code)
                    raw.setdefault(sec.code, set()).add(n)
            if sec.pinyin:
                pinyin.setdefault(sec.pinyin.upper(), set()).add(sec.code)
        for c in kb.companies.values():
            for n in (c.name_zh_hans, c.name_zh_hant, c.name_en, *c.aliases):
                if n:
                    names.setdefault(fold(n), set()).update(c.codes)
                    for code in c.codes:
                        raw.setdefault(code, set()).add(n)
        self.names = names            # folded name -> codes
        self.raw_names = raw          # code -> names as written
        self.folded_names: dict[str, set[str]] = {}
        for key, codes in names.items():
            for code in codes:
                self.folded_names.setdefault(code, set()).add(key)
        self.pinyin = pinyin

    @classmethod
    def for_desk(cls, desk) -> "Resolver":
        """The desk's resolver (built on first use, then kept with the desk)."""
        r = getattr(desk, "_chainwatch_resolver", None)
        if r is None or r.universe is not desk.universe:
            r = cls(desk.universe, desk.kb)
            try:
                object.__setattr__(desk, "_chainwatch_resolver", r)
            except (AttributeError, TypeError):  # pragma: no cover - a desk without __dict__
                pass
        return r

    # ---- facts ------------------------------------------------------------------------------
    def exists(self, code: str) -> bool:
        return self.universe.get(code) is not None or self.kb.company(code) is not None

    def name_of(self, code: str) -> str:
        c = self.kb.company(code)
        if c is not None:
            return c.name_zh_hans or c.name_en
        s = self.universe.get(code)
        return s.name_zh_hans if s else ""

    def describe(self, code: str) -> str:
        n = self.name_of(code)
        return f"{code} ({n})" if n else code

    def _company(self, code: str) -> str:
        c = self.kb.company(code)
        return c.code if c else code

    # ---- names ------------------------------------------------------------------------------
    def codes_for_name(self, name: Any) -> set[str]:
        q = "" if name is None else _restore(str(name)).strip()
        if not q or len(q) > MAX_NAME_CHARS:
            return set()
        codes = self.names.get(fold(q))
        if codes:
            return set(codes)
        if q.isascii() and q.isalpha():
            return set(self.pinyin.get(q.upper(), ()))
        return set()

    def agrees(self, code: str, name: Any) -> bool:
        """True when ``name`` is one of ``code``'s names (either script, English, alias)."""
        q = "" if name is None else _restore(str(name)).strip()
        if not q:
            return True
        if q in self.raw_names.get(code, ()):
            return True
        if len(q) > MAX_NAME_CHARS:
            return False
        fq = fold(q)
        mine = self.folded_names.get(code, set())
        if fq in mine:
            return True
        sec = self.universe.get(code)
        if sec is not None and sec.pinyin and q.isascii() and q.upper() == sec.pinyin.upper():
            return True
        # how quote screens decorate names: 阿里巴巴-W / -SW, *ST / ST / XD / N 贵州茅台
        bare = _DECORATION.sub("", fq)
        if bare != fq and bare in mine:
            return True
        # a shortened name (腾讯 for 腾讯控股, 茅台 for 贵州茅台) that is no other company's name
        if len(bare) >= 2 and any(bare in n for n in mine):
            return not (self.names.get(bare, set()) - {code})
        return False

    def by_name(self, name: Any) -> Resolved:
        """A listing for a company name in either Chinese script, English, an alias or pinyin."""
        q = "" if name is None else _restore(str(name)).strip()
        if not q:
            return Resolved(reason="empty name")
        if len(q) > MAX_NAME_CHARS:
            return Resolved(reason=f"unknown name {prefix(q)}: longer than any company name")
        codes = self.codes_for_name(q)
        if not codes:
            ref = self.kb.resolve(q) if len(q) <= MAX_NAME_CHARS else None
            e = self.kb.entities.get(ref) if ref else None
            if e is not None:
                return Resolved(reason=f"{q!r} is {e.name_en or e.name_zh_hans}, an unlisted entity")
            return Resolved(reason=f"unknown name {prefix(q)}")
        # listings of one company count once; its HK / A-share listing is the one to follow
        companies: dict[str, list[str]] = {}
        for code in sorted(codes):
            companies.setdefault(self._company(code), []).append(code)
        if len(companies) > 1:
            listed = ", ".join(self.describe(k) for k in sorted(companies))
            return Resolved(reason=f"ambiguous name: {q!r} could be {listed}")
        (key, listings), = companies.items()
        c = self.kb.company(key)
        order = list(c.codes) if c else listings
        code = next((x for x in order if not x.endswith(".US")), None)
        if code is None:
            return Resolved(reason=f"{q!r} is a US listing ({order[0]}); the desk follows HK and A-shares")
        return Resolved(code)

    # ---- codes ------------------------------------------------------------------------------
    def readings(self, value: Any, column=None) -> tuple[list[str], str | None, bool]:
        """(candidate codes, reason when none, whether the market is explicit).

        A number, or bare digits of up to 5 (``700``, ``1``), has two readings -- Hong Kong and a
        zero-padded A-share -- unless the column's header names the market or the text has a
        Hong Kong code's leading zero (``00700``)."""
        if type(value) is str and _CANONICAL.fullmatch(value):
            m = _CANONICAL.fullmatch(value)
            if m.group(1):
                mk = a_share_market(m.group(1))
                if mk is not None and mk.value == m.group(2):
                    return [value], None, True
            elif int(m.group(3)) and (len(m.group(3)) == 4 or m.group(3)[0] != "0"):
                return [value], None, True
        if value is None or (isinstance(value, str) and not value.strip()):
            return [], "empty code", False
        if isinstance(value, bool):
            return [], f"invalid code {value!r}", False
        if isinstance(value, float) and not value.is_integer():
            return [], f"invalid code {value!r} (a number with decimals)", False
        numeric = isinstance(value, (int, float))
        text = str(int(value)) if numeric else _restore(str(value)).strip()
        if len(text) > 40:
            return [], f"invalid code {prefix(text)}: not a listing code in any known format", False
        t = normalize(text)
        if t.isdigit() and len(t) <= 5:
            if not numeric and t.startswith("0") and len(t) >= 4:
                return [f"{int(t):04d}.HK"] if int(t) else [], None if int(t) else \
                    f"invalid code {text!r}", True
            header = getattr(column, "header_market", None)
            hk = f"{int(t):04d}.HK" if int(t) else None
            a = t.zfill(6)
            mk = a_share_market(a)
            a_code = f"{a}.{mk.value}" if mk else None
            if header == "HK":
                return ([hk] if hk else []), None if hk else f"invalid code {text!r}", True
            if header == "A":
                if a_code is None:
                    return [], (f"invalid code {text!r}: as an A-share it would be {a}, which no "
                                "exchange uses"), True
                return [a_code], None, True
            out = [c for c in (hk, a_code) if c]
            return out, None if out else f"invalid code {text!r}", False
        if column is not None:
            code, reason = column.resolve(value)
            return ([code] if code else []), reason, True
        try:
            lst = parse(t)
        except CodeError as e:
            return [], f"invalid code: {prefix(text)}: {e.reason}", True
        if lst.market is Market.US:
            return [], f"{lst.code} is a US listing; the desk follows Hong Kong and A-share listings", True
        return [lst.code], None, True

    def resolve(self, code: Any = None, name: Any = None, column=None, *, keep_unknown: bool = False,
                known: set[str] | frozenset[str] = frozenset()) -> Resolved:
        """The listing a row means (see the module's rules). ``known``: codes already accepted
        elsewhere (e.g. already in the watchlist), which need not exist in the universe."""
        has_code = code is not None and not (isinstance(code, str) and not code.strip())
        has_name = name is not None and not (isinstance(name, str) and not name.strip())
        if not has_code:
            if has_name:
                return self.by_name(name)
            return Resolved(reason="empty code")
        cands, reason, explicit = self.readings(code, column)
        if not cands:
            return Resolved(reason=reason or "invalid code")
        shown = prefix(code) if isinstance(code, str) else str(code)
        if has_name:
            match = [c for c in cands if self.agrees(c, name)]
            if not match:
                by_name = self.codes_for_name(name)
                match = [c for c in cands if c in by_name]
            if len(match) == 1:
                return self._checked(match[0], keep_unknown, known)
            if len(match) > 1:
                return Resolved(reason=f"ambiguous: code {shown} with name {prefix(name)} could be "
                                       + " or ".join(self.describe(c) for c in match))
            if keep_unknown and not self.codes_for_name(name) and (len(cands) == 1 or explicit) \
                    and not any(self.exists(c) for c in cands):
                return Resolved(cands[0], note=f"{cands[0]} is not a listing Chainwatch knows, nor is "
                                               f"the name {prefix(name)}; kept as written")
            said = " or ".join(self.describe(c) if self.exists(c) else f"{c} (not a listing we know)"
                               for c in cands)
            named = self.by_name(name)
            other = (f"the name {prefix(name)} is {self.describe(named.code)}" if named.code else
                     f"{prefix(name)} is not a name of {'either' if len(cands) > 1 else 'it'}")
            return Resolved(reason=f"code and name disagree: code {shown} is {said}, but {other}; "
                                   "correct the code or the name")
        if len(cands) == 1:
            return self._checked(cands[0], keep_unknown, known)
        hk, a = cands
        live = [c for c in cands if self.exists(c) or c in known]
        col_market = getattr(column, "market", None)
        col_pick = hk if col_market == "HK" else a if col_market == "A" else None
        if len(live) == 1 and (col_pick is None or col_pick == live[0]):
            return self._checked(live[0], keep_unknown, known)
        if not live and keep_unknown and col_pick is not None:
            return self._checked(col_pick, keep_unknown, known)
        readings = " or ".join(self.describe(c) if self.exists(c) else f"{c} (not a listing we know)"
                               for c in cands)
        return Resolved(reason=f"ambiguous market: {shown} could be {readings}; spreadsheet software "
                               "drops a code's leading zeros, so add the company's name in a name "
                               "column, or write the code with its market (e.g. 0700.HK)")

    def _checked(self, code: str, keep_unknown: bool, known) -> Resolved:
        if code.endswith(".US"):
            return Resolved(reason=f"{code} is a US listing; the desk follows Hong Kong and A-share listings")
        if code in known or self.exists(code):
            return Resolved(code)
        if keep_unknown:
            return Resolved(code, note=f"{code} is not a listing Chainwatch knows; kept as written")
        return Resolved(reason=f"{code} is not a listing Chainwatch knows (not in the bundled A-share "
                               "universe nor the knowledge base's companies); check the code, or keep "
                               "it anyway (--keep-unknown)")
