"""Codes for price series: listings (through :mod:`app.codes`) and the benchmark indices.

Benchmarks use Wind's index codes, which no listing code can collide with:

=============  =============================  =========================================
``000300.SH``  CSI 300 沪深300                 (``000300`` alone is read as a listing)
``HSI.HI``     Hang Seng Index 恒生指数
``HSTECH.HI``  Hang Seng TECH Index 恒生科技指数
=============  =============================  =========================================
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from app.codes import CodeError, Market, normalize, parse


@dataclass(frozen=True)
class Benchmark:
    code: str
    name_zh: str
    name_en: str
    market: str          # the market it benchmarks: "A" or "HK"
    aliases: tuple[str, ...]


BENCHMARKS: dict[str, Benchmark] = {b.code: b for b in (
    Benchmark("000300.SH", "沪深300", "CSI 300", "A",
              ("000300.SH", "000300.SS", "SH000300", "SH.000300", "1.000300", "399300.SZ", "CSI300",
               "CSI 300", "沪深300", "滬深300", "000300.CSI", "CSI:000300")),
    Benchmark("HSI.HI", "恒生指数", "Hang Seng Index", "HK",
              ("HSI.HI", "HSI", "^HSI", "HSI.HK", "100.HSI", "HKHSI", "恒生指数", "恒生指數", "HANG SENG",
               "HANG SENG INDEX")),
    Benchmark("HSTECH.HI", "恒生科技指数", "Hang Seng TECH Index", "HK",
              ("HSTECH.HI", "HSTECH", "^HSTECH", "HSTECH.HK", "124.HSTECH", "HKHSTECH", "恒生科技",
               "恒生科技指数", "恒生科技指數", "HANG SENG TECH", "HANG SENG TECH INDEX", "HSTECH INDEX")),
)}
_ALIASES = {normalize(a): b.code for b in BENCHMARKS.values() for a in b.aliases}


def benchmark_for(code: str) -> str:
    """The default benchmark of a listing: Hang Seng TECH for Hong Kong, CSI 300 otherwise."""
    if code in BENCHMARKS:
        return code
    return "HSTECH.HI" if code.endswith(".HK") else "000300.SH"


def is_benchmark(code: str) -> bool:
    return code in BENCHMARKS


def canonical(text: object) -> str:
    """The canonical code for a listing or benchmark in any common spelling.

    Raises :class:`app.codes.CodeError` naming the input and the reason.
    """
    if isinstance(text, str):
        return _canonical_str(text)
    return parse(text).code


@functools.lru_cache(maxsize=20_000)      # a pure function of the text; baskets ask for 50 at a time
def _canonical_str(text: str) -> str:
    key = normalize(text)
    if key in _ALIASES:
        return _ALIASES[key]
    if re.fullmatch(r"\^[A-Z0-9]+", key):
        raise CodeError(text, "not a benchmark this desk knows (CSI 300, HSI, HSTECH)")
    return parse(text).code


def display_name(code: str) -> str:
    b = BENCHMARKS.get(code)
    return f"{b.name_en} {b.name_zh}" if b else code


def market_of(code: str) -> Market | None:
    """The listing's market, or None for a benchmark."""
    if code in BENCHMARKS:
        return None
    try:
        return parse(code).market
    except CodeError:
        return None
