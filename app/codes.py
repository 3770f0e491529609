"""Listing codes: one canonical form per listing, parsed from every dialect users paste.

Canonical forms
    Hong Kong  ``0700.HK``   (zero-padded to 4 digits; 5 digits where the code has 5)
    Shanghai   ``600519.SH``
    Shenzhen   ``300308.SZ``
    Beijing    ``920118.BJ``
    US         ``BABA.US``   (context only: the desk follows HK and A-share listings)

Bare numbers
    * 6 digits: an A-share; the exchange comes from the prefix (``600``/``688`` -> SH,
      ``000``/``300`` -> SZ, ``920`` -> BJ, ...). A prefix no exchange uses is an error.
    * 1 to 5 digits: Hong Kong (A-share codes always have 6 digits, so there is no
      ambiguity between HK and the mainland). ``parse(..., bare_short=None)`` turns that
      off and makes a bare short number an error instead, for callers whose context is
      not Hong Kong.
    * Letters only (``BABA``): never guessed -- an error unless the market is given.

Every failure raises :class:`CodeError`, whose message names the input and the reason.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import Enum

__all__ = [
    "CodeError",
    "Dialect",
    "Listing",
    "Market",
    "parse",
    "try_parse",
    "normalize",
    "looks_like_code",
]


class CodeError(ValueError):
    """A code that cannot be read, with the input and the reason in the message."""

    def __init__(self, text: object, reason: str):
        self.text = text
        self.reason = reason
        super().__init__(f"{text!r}: {reason}")


class Market(str, Enum):
    HK = "HK"
    SH = "SH"
    SZ = "SZ"
    BJ = "BJ"
    US = "US"

    @property
    def label(self) -> str:
        return _MARKET_LABELS[self]

    @property
    def is_a_share(self) -> bool:
        return self in (Market.SH, Market.SZ, Market.BJ)


_MARKET_LABELS = {
    Market.HK: "Hong Kong",
    Market.SH: "Shanghai",
    Market.SZ: "Shenzhen",
    Market.BJ: "Beijing",
    Market.US: "United States",
}


class Dialect(str, Enum):
    """The ecosystems whose spellings we render and parse."""

    CANONICAL = "canonical"    # 0700.HK 600519.SH
    WIND = "wind"              # 0700.HK 600519.SH (iFinD and Choice write the same)
    YAHOO = "yahoo"            # 0700.HK 600519.SS
    BLOOMBERG = "bloomberg"    # 700 HK Equity, 600519 CH Equity
    FUTU = "futu"              # HK.00700 SH.600519
    SINA = "sina"              # hk00700 sh600519
    EASTMONEY = "eastmoney"    # 116.00700 1.600519 0.300308
    TRADINGVIEW = "tradingview"  # HKEX:700 SSE:600519 SZSE:300308 BSE:920118
    THS = "ths"                # 同花顺: HK0700 SH600519 SZ300308


# A-share prefixes: stocks, B-shares, ETFs / funds and CDRs that trade on each exchange.
_SH_PREFIXES = ("600", "601", "603", "605", "688", "689", "900", "500", "501", "502", "510",
                "511", "512", "513", "515", "516", "517", "518", "560", "561", "562", "563",
                "588", "589")
_SZ_PREFIXES = ("000", "001", "002", "003", "004", "300", "301", "302", "200", "201", "159",
                "150", "160", "161", "162", "163", "164", "165", "166", "167", "168", "169")
_BJ_PREFIXES = ("920", "430", "830", "831", "832", "833", "834", "835", "836", "837", "838",
                "839", "870", "871", "872", "873", "880")


def a_share_market(symbol: str) -> Market | None:
    """The exchange a 6-digit A-share code belongs to, from its prefix, or None."""
    if len(symbol) != 6 or not symbol.isdigit():
        return None
    if symbol.startswith(_SH_PREFIXES):
        return Market.SH
    if symbol.startswith(_SZ_PREFIXES):
        return Market.SZ
    if symbol.startswith(_BJ_PREFIXES):
        return Market.BJ
    return None


@dataclass(frozen=True, order=True)
class Listing:
    """One listing on one exchange. Build it with :func:`parse` or :meth:`of`."""

    market: Market
    symbol: str  # HK: 4-5 digits zero-padded; A-share: 6 digits; US: upper-case letters

    @classmethod
    def of(cls, market: Market | str, symbol: str) -> "Listing":
        market = Market(market)
        text = f"{symbol}.{market.value}"
        if market is Market.HK:
            if not symbol.isdigit() or not 1 <= len(symbol.lstrip("0") or "0") <= 5:
                raise CodeError(text, "a Hong Kong code is 1 to 5 digits")
            number = int(symbol)
            if number == 0:
                raise CodeError(text, "a Hong Kong code cannot be 0")
            return cls(market, f"{number:04d}")
        if market.is_a_share:
            if not (len(symbol) == 6 and symbol.isdigit()):
                raise CodeError(text, "an A-share code is exactly 6 digits")
            expected = a_share_market(symbol)
            if expected is None:
                raise CodeError(text, f"no exchange uses the prefix {symbol[:3]}")
            if expected is not market:
                raise CodeError(text, f"{symbol} is a {expected.label} code, not {market.label}")
            return cls(market, symbol)
        if not re.fullmatch(r"[A-Z][A-Z0-9]{0,5}(\.[A-Z])?", symbol):
            raise CodeError(text, "a US ticker is 1 to 6 letters")
        return cls(market, symbol)

    # ---- rendering ---------------------------------------------------------------
    @property
    def code(self) -> str:
        return f"{self.symbol}.{self.market.value}"

    def __str__(self) -> str:
        return self.code

    @property
    def is_a_share(self) -> bool:
        return self.market.is_a_share

    def render(self, dialect: Dialect | str = Dialect.CANONICAL) -> str:
        d = Dialect(dialect)
        m, s = self.market, self.symbol
        if m is Market.US:
            return {
                Dialect.CANONICAL: f"{s}.US", Dialect.WIND: f"{s}.O", Dialect.YAHOO: s,
                Dialect.BLOOMBERG: f"{s} US Equity", Dialect.FUTU: f"US.{s}",
                Dialect.SINA: f"gb_{s.lower()}", Dialect.EASTMONEY: f"105.{s}",
                Dialect.TRADINGVIEW: f"NASDAQ:{s}", Dialect.THS: f"US{s}",
            }[d]
        if d in (Dialect.CANONICAL, Dialect.WIND):
            return self.code
        if d is Dialect.YAHOO:
            return f"{s}.SS" if m is Market.SH else self.code
        if d is Dialect.BLOOMBERG:
            return f"{int(s)} HK Equity" if m is Market.HK else f"{s} CH Equity"
        if d is Dialect.FUTU:
            return f"HK.{int(s):05d}" if m is Market.HK else f"{m.value}.{s}"
        if d is Dialect.SINA:
            return f"hk{int(s):05d}" if m is Market.HK else f"{m.value.lower()}{s}"
        if d is Dialect.EASTMONEY:
            if m is Market.HK:
                return f"116.{int(s):05d}"
            return f"{'1' if m is Market.SH else '0'}.{s}"
        if d is Dialect.TRADINGVIEW:
            prefix = {Market.HK: "HKEX", Market.SH: "SSE", Market.SZ: "SZSE", Market.BJ: "BSE"}[m]
            return f"{prefix}:{int(s) if m is Market.HK else s}"
        if d is Dialect.THS:
            return f"HK{s}" if m is Market.HK else f"{m.value}{s}"
        raise AssertionError(d)  # pragma: no cover


# ---- parsing ---------------------------------------------------------------------

_MARKET_WORDS = {
    # suffixes and prefixes seen in the wild -> market
    "HK": Market.HK, "HKEX": Market.HK, "HKG": Market.HK, "SEHK": Market.HK, "116": Market.HK,
    "SH": Market.SH, "SS": Market.SH, "SSE": Market.SH, "SHA": Market.SH, "XSHG": Market.SH,
    "SHSE": Market.SH, "CG": Market.SH, "C1": Market.SH, "1": Market.SH,
    "SZ": Market.SZ, "SZSE": Market.SZ, "SHE": Market.SZ, "XSHE": Market.SZ, "CS": Market.SZ,
    "C2": Market.SZ,
    "BJ": Market.BJ, "BSE": Market.BJ, "BJSE": Market.BJ,
    "US": Market.US, "NASDAQ": Market.US, "NYSE": Market.US, "O": Market.US, "N": Market.US,
    "GB": Market.US, "105": Market.US, "106": Market.US, "107": Market.US,
}
# Markets that only say "a mainland A-share"; the prefix decides SH / SZ / BJ.
_A_SHARE_ANY = {"CH", "CN", "A", "0"}

_RE_SUFFIX = re.compile(r"^([0-9A-Z]+)\.([A-Z0-9]+)$")            # 0700.HK, 600519.SS, BABA.O
_RE_PREFIX_DOT = re.compile(r"^([A-Z0-9]+)[.:]([0-9A-Z]+)$")       # HK.00700, HKEX:700, 1.600519
_RE_GLUED = re.compile(r"^(?:RT_)?(HK|SH|SZ|BJ|GB_)([0-9A-Z]+)$")   # hk00700, SH600519, rt_hk00700
_RE_BLOOMBERG = re.compile(r"^([0-9A-Z]+) ([A-Z0-9]{1,4})(?: (?:EQUITY|EQ))?$")  # 700 HK Equity


def normalize(text: str) -> str:
    """NFKC (full-width digits and letters to ASCII), strip, collapse spaces, upper-case."""
    t = unicodedata.normalize("NFKC", str(text))
    t = t.replace("\u3000", " ").replace("\u00a0", " ")
    t = re.sub(r"\s+", " ", t).strip().upper()
    t = re.sub(r"\s*([.:])\s*", r"\1", t)
    return t


def _from_parts(raw: object, market_word: str, symbol: str) -> Listing:
    if market_word in _A_SHARE_ANY:
        market = a_share_market(symbol)
        if market is None:
            raise CodeError(raw, f"{symbol} is not a 6-digit A-share code")
        return Listing.of(market, symbol)
    market = _MARKET_WORDS.get(market_word)
    if market is None:
        raise CodeError(raw, f"unknown market {market_word!r}")
    if market is Market.US:
        return Listing.of(market, symbol)
    if not symbol.isdigit():
        raise CodeError(raw, f"{symbol!r} is not a numeric {market.label} code")
    if market is Market.SZ and a_share_market(symbol) is Market.BJ:
        # Eastmoney's "0." covers both Shenzhen and Beijing.
        market = Market.BJ
    return Listing.of(market, symbol)


def parse(text: object, *, bare_short: Market | None = Market.HK) -> Listing:
    """Read a listing code in any supported dialect.

    ``bare_short`` is the market a bare 1-5 digit number belongs to (HK by default);
    pass ``None`` to make such input an error.
    """
    if text is None:
        raise CodeError(text, "empty code")
    if isinstance(text, bool):
        raise CodeError(text, "not a code")
    if isinstance(text, int):
        # A number that came through Excel or pandas: its leading zeros are gone.
        text = str(text)
    if isinstance(text, float):
        if text != text or not text.is_integer():
            raise CodeError(text, "not a code")
        text = str(int(text))
    t = normalize(str(text))
    if not t:
        raise CodeError(text, "empty code")

    if t.isdigit():
        if len(t) == 6:
            market = a_share_market(t)
            if market is None:
                raise CodeError(text, f"6 digits, but no exchange uses the prefix {t[:3]}")
            return Listing.of(market, t)
        if len(t) <= 5:
            if bare_short is None:
                raise CodeError(text, "a bare 1-5 digit number is ambiguous here; add .HK")
            return Listing.of(bare_short, t)
        raise CodeError(text, f"{len(t)} digits is not a listing code")

    m = _RE_GLUED.match(t)
    if m:
        prefix, sym = m.groups()
        if prefix == "GB_":
            return Listing.of(Market.US, sym)
        return _from_parts(text, prefix, sym)

    m = _RE_SUFFIX.match(t)
    if m and not m.group(2).isdigit() and (m.group(2) in _MARKET_WORDS or m.group(2) in _A_SHARE_ANY):
        sym, word = m.groups()
        return _from_parts(text, word, sym)

    m = _RE_PREFIX_DOT.match(t)
    if m:
        word, sym = m.groups()
        if word == "0" and sym.isdigit():
            market = a_share_market(sym)
            if market not in (Market.SZ, Market.BJ):
                raise CodeError(text, f"Eastmoney market 0 is Shenzhen/Beijing, but {sym} is not")
            return Listing.of(market, sym)
        if word in _MARKET_WORDS or word in _A_SHARE_ANY:
            return _from_parts(text, word, sym)
        if word.isdigit() and not sym.isdigit():
            raise CodeError(text, f"not a listing code in any known format (unknown market {sym!r})")
        raise CodeError(text, f"unknown market {word!r}")

    m = _RE_BLOOMBERG.match(t)
    if m:
        sym, word = m.groups()
        return _from_parts(text, word, sym)

    if re.fullmatch(r"[A-Z]{1,6}", t):
        raise CodeError(text, "a bare ticker in letters needs its market (e.g. BABA.US)")
    raise CodeError(text, "not a listing code in any known format")


def try_parse(text: object, **kw) -> Listing | None:
    try:
        return parse(text, **kw)
    except CodeError:
        return None


def looks_like_code(text: str) -> bool:
    """True when the text reads as a listing code (used to tell codes from names)."""
    return try_parse(text) is not None


def currency(code: str) -> str:
    """The currency a listing trades in, from its canonical code: HKD in Hong Kong, USD in the US, else CNY."""
    return {"HK": "HKD", "US": "USD"}.get(code.rsplit(".", 1)[-1], "CNY")
