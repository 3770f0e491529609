"""Cells shared by the own-workbook importer and the foreign-list reader: cell text, header
keys, a column of codes (with the market of its bare short numbers) and the name index.

Both :mod:`app.excel.importer` and :mod:`app.excel.foreign` import from here, so neither needs
the other for these (no import cycle).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from app.codes import CodeError, Market, a_share_market, normalize, parse
from app.excel.readers import restore

_HK_WORDS = ("港股", "香港", "hk", "hkex", "hongkong")
_A_WORDS = ("a股", "沪深", "深市", "沪市", "上证", "深证", "ashare", "沪", "深")


def normalise_header(h: Any) -> str:
    """The key two spellings of one header share (script, case, spaces, punctuation folded)."""
    import re

    from app.text import fold

    if h is None:
        return ""
    t = fold(restore(str(h)))
    return re.sub(r"[\W_]+", "", t)


def cell_text(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, str):
        return restore(v)
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, float):
        return repr(v)
    if isinstance(v, dt.datetime):
        return v.isoformat(sep=" ", timespec="seconds")
    if isinstance(v, dt.date):
        return v.isoformat()
    return str(v)


# ---- codes ------------------------------------------------------------------------------------


def _is_bare_short(v: Any) -> bool:
    if isinstance(v, bool):
        return False
    if isinstance(v, int):
        return 0 < v < 100000
    if isinstance(v, float):
        return v.is_integer() and 0 < v < 100000
    if isinstance(v, str):
        s = v.strip()
        if s.isascii() and not s.lstrip("'").isdigit():
            return False  # the common case, without normalising
        t = normalize(restore(v))
        return t.isdigit() and len(t) <= 5
    return False


_CANONICAL = re.compile(r"(\d{6})\.(SH|SZ|BJ)|(\d{4,5})\.HK")


def _canonical(text: str) -> str | None:
    """The text itself when it is already a valid canonical code (a fast path for our own files)."""
    m = _CANONICAL.fullmatch(text)
    if not m:
        return None
    if m.group(1):
        mk = a_share_market(m.group(1))
        return text if mk is not None and mk.value == m.group(2) else None
    sym = m.group(3)
    return text if int(sym) and (len(sym) == 4 or sym[0] != "0") else None


def _market_of(v: Any) -> str | None:
    """'HK' / 'A' for a value that says its market by itself (not a bare short number)."""
    if v is None or isinstance(v, bool) or _is_bare_short(v):
        return None
    if isinstance(v, (int, float)):
        if isinstance(v, float) and not v.is_integer():
            return None
        t = str(int(v))
    else:
        t = restore(str(v))
    try:
        lst = parse(t, bare_short=None)
    except CodeError:
        return None
    if lst.market is Market.HK:
        return "HK"
    if lst.market.is_a_share:
        return "A"
    return None


class CodeColumn:
    """A column of codes, and the market its bare short numbers belong to (see the module doc).

    The market is worked out on first need: a column without bare short numbers never needs it.
    """

    def __init__(
        self,
        header: str = "",
        market: str | None = "HK",
        why: str = "",
        values: list[Any] | None = None,
        raw_header: Any = None,
    ):
        self.header = header
        self._market, self._why = market, why
        self._values = values
        self._raw_header = raw_header

    def _decide(self) -> None:
        if self._values is not None:
            decided = CodeColumn._from_cells(self._raw_header, self._values)
            self._market, self._why, self._values = decided._market, decided._why, None

    @property
    def market(self) -> str | None:
        self._decide()
        return self._market

    @property
    def why(self) -> str:
        self._decide()
        return self._why

    @classmethod
    def from_cells(cls, header: Any, values: list[Any]) -> "CodeColumn":
        return cls(cell_text(header), values=list(values), raw_header=header)

    @classmethod
    def _from_cells(cls, header: Any, values: list[Any]) -> "CodeColumn":
        h = normalise_header(header)
        if h and any(w in h for w in _HK_WORDS):
            return cls(cell_text(header), "HK", f"the header {cell_text(header)!r} says Hong Kong")
        if h and any(w in h for w in _A_WORDS[:-2]) or h in ("沪", "深"):
            return cls(cell_text(header), "A", f"the header {cell_text(header)!r} says A-shares")
        markets = {m for m in (_market_of(v) for v in values) if m}
        if markets == {"A"}:
            return cls(cell_text(header), "A", "the column's other codes are A-shares")
        if markets == {"HK"} or not markets:
            return cls(
                cell_text(header),
                "HK",
                "the column's other codes are Hong Kong codes"
                if markets
                else "a bare number of up to 5 digits is a Hong Kong code",
            )
        return cls(cell_text(header), None, "the column mixes Hong Kong and A-share codes")

    def resolve(self, v: Any) -> tuple[str | None, str | None]:
        """(canonical code, None) or (None, reason)."""
        if v is None or (isinstance(v, str) and not v.strip()):
            return None, "empty code"
        if isinstance(v, bool):
            return None, f"invalid code {v!r}"
        if isinstance(v, float) and not v.is_integer():
            return None, f"invalid code {v!r} (a number with decimals)"
        numeric = isinstance(v, (int, float))
        text = str(int(v)) if numeric else restore(str(v)).strip()
        if not numeric and _canonical(text):
            return text, None
        t = normalize(text)
        try:
            if t.isdigit() and len(t) <= 5:
                if not numeric and t.startswith("0") and len(t) >= 4:
                    lst = parse(t, bare_short=Market.HK)
                elif self.market == "HK":
                    lst = parse(t, bare_short=Market.HK)
                elif self.market == "A":
                    padded = t.zfill(6)
                    mk = a_share_market(padded)
                    if mk is None:
                        return (
                            None,
                            f"invalid code {text!r}: as an A-share it would be {padded}, which no exchange uses",
                        )
                    lst = parse(padded)
                else:
                    hk = f"{int(t):04d}.HK"
                    a = t.zfill(6)
                    mk = a_share_market(a)
                    a_read = f"{a}.{mk.value}" if mk else None
                    return None, (
                        f"ambiguous market: {text!r} could be {hk}"
                        + (f" or {a_read}" if a_read else "")
                        + f" ({self.why}); "
                        "write the code with its market, e.g. 0700.HK"
                    )
            else:
                lst = parse(t)
        except CodeError as e:
            return None, f"invalid code: {e}"
        if lst.market is Market.US:
            return None, f"{lst.code} is a US listing; the desk follows Hong Kong and A-share listings"
        return lst.code, None


# ---- names ------------------------------------------------------------------------------------


class NameIndex:
    """Exact names (either script, English, aliases) -> listings, folded once per import."""

    def __init__(self, desk):
        from app.text import fold

        self.desk = desk
        self.fold = fold
        idx: dict[str, set[str]] = {}
        for sec in desk.universe.by_code.values():
            for n in (sec.name_zh_hans, sec.name_zh_hant, sec.name_en):
                if n:
                    idx.setdefault(fold(n), set()).add(sec.code)
        for c in desk.kb.companies.values():
            for n in (c.name_zh_hans, c.name_zh_hant, c.name_en, *c.aliases):
                if n:
                    idx.setdefault(fold(n), set()).update(c.codes)
        self.index = idx

    def resolve(self, v: Any) -> tuple[str | None, str | None]:
        q = cell_text(v).strip()
        if not q:
            return None, "empty name"
        kb = self.desk.kb
        codes = self.index.get(self.fold(q), set())
        if not codes:
            ref = kb.resolve(q)
            e = kb.entities.get(ref) if ref else None
            if e is not None:
                return None, f"{q!r} is {e.name_en or e.name_zh_hans}, an unlisted entity"
            py = [s for s in self.desk.universe.by_code.values() if s.pinyin and s.pinyin == q.upper()]
            if len(py) == 1:
                return py[0].code, None
            return None, f"unknown name {q!r}"
        # listings of one company count once; its HK / A-share listing is the one to follow
        companies: dict[str, list[str]] = {}
        for code in sorted(codes):
            c = kb.company(code)
            companies.setdefault(c.code if c else code, []).append(code)
        if len(companies) > 1:
            listed = ", ".join(f"{k} {kb.ref_name(k) if kb.company(k) else self._name(k)}" for k in sorted(companies))
            return None, f"ambiguous name: {q!r} could be {listed}"
        ((key, listings),) = companies.items()
        c = kb.company(key)
        order = list(c.codes) if c else listings
        code = next((x for x in order if not x.endswith(".US")), None)
        if code is None:
            return None, f"{q!r} is a US listing ({order[0]}); the desk follows HK and A-shares"
        return code, None

    def _name(self, code: str) -> str:
        s = self.desk.universe.get(code)
        return s.name_zh_hans if s else ""


__all__ = ["CodeColumn", "NameIndex", "cell_text", "normalise_header"]
