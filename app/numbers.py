"""Numbers written as text, in either convention: ``1,234.50`` or ``1.234,50`` (decimal comma).

A file has one number format. :func:`detect_format` looks at a sample of its numeric cells for
values only one convention can read (``350,5`` and ``1.234,50`` are decimal-comma;
``1,234,567`` and ``1,234.5`` are decimal-point) and takes the delimiter as a hint (a file
separated by semicolons is the European Excel default, with decimal commas). Commas are never
stripped blindly: a value such as ``1,234`` that reads differently in the two conventions, in a
file whose format could not be told, is refused (:class:`NumberFormatError` says why), and a
value that contradicts the file's format is refused too.
"""
from __future__ import annotations

import re
from typing import Iterable

__all__ = ["NumberFormatError", "POINT", "COMMA", "detect_format", "parse_decimal"]

POINT = "."   # 1,234.50
COMMA = ","   # 1.234,50

_SPACES = re.compile(r"[\s\u00a0\u202f\u2009']")
_PLAIN = re.compile(r"[-+]?\d+")
_POINT_DEC = re.compile(r"[-+]?\d+\.\d+")                          # 350.5 (or 1.234 thousands)
_COMMA_DEC = re.compile(r"[-+]?\d+,\d+")                           # 350,5 (or 1,234 thousands)
_POINT_GROUPED = re.compile(r"[-+]?\d{1,3}(?:,\d{3})+(?:\.\d+)?")   # 1,234,567.5
_COMMA_GROUPED = re.compile(r"[-+]?\d{1,3}(?:\.\d{3})+(?:,\d+)?")   # 1.234.567,5
_EXP = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)[eE][-+]?\d+")


class NumberFormatError(ValueError):
    """A number that cannot be read, or that reads two ways; the message says which and why."""


def _clean(text: str) -> str:
    t = text.strip()
    if t.isascii() and " " not in t and "'" not in t and "\t" not in t:
        return t
    t = t.replace("，", ",").replace("．", ".").replace("−", "-")
    return _SPACES.sub("", t)


def _evidence(t: str) -> str | None:
    """POINT / COMMA when only one convention can read ``t``; None when either can (or none)."""
    if "," not in t:
        n = t.count(".")
        if n == 1:
            a, b = t.split(".")
            if a.lstrip("+-").isdigit() and b.isdigit():
                return None if len(b) == 3 else POINT   # 350.5 -> point; 1.234 either
            return None
        if n > 1 and _COMMA_GROUPED.fullmatch(t):
            return COMMA                                 # 1.234.567
        return None
    if _COMMA_DEC.fullmatch(t):
        digits_after = len(t) - t.index(",") - 1
        return None if digits_after == 3 else COMMA          # 350,5 / 12,25 -> comma; 1,234 either
    if _POINT_DEC.fullmatch(t):
        digits_after = len(t) - t.index(".") - 1
        return None if digits_after == 3 else POINT          # 350.5 -> point; 1.234 either
    if "," in t and "." in t:
        if _POINT_GROUPED.fullmatch(t) and t.rindex(".") > t.rindex(","):
            return POINT
        if _COMMA_GROUPED.fullmatch(t) and t.rindex(",") > t.rindex("."):
            return COMMA
        return None
    if t.count(",") > 1 and _POINT_GROUPED.fullmatch(t):
        return POINT
    if t.count(".") > 1 and _COMMA_GROUPED.fullmatch(t):
        return COMMA
    return None


def detect_format(values: Iterable[str], delimiter: str | None = None) -> str | None:
    """The decimal separator a file's numbers use (POINT or COMMA), or None when nothing tells.

    Raises NumberFormatError when the file has numbers of both conventions."""
    seen = {POINT: None, COMMA: None}
    for v in values:
        if not isinstance(v, str):
            continue
        if seen[POINT] is not None and "," not in v and "，" not in v and v.count(".") <= 1:
            continue   # cannot add evidence either way
        t = _clean(v)
        if not t:
            continue
        e = _evidence(t)
        if e is not None and seen[e] is None:
            seen[e] = v
            if seen[POINT] is not None and seen[COMMA] is not None:
                raise NumberFormatError(
                    f"numbers in both conventions: {seen[POINT]!r} has a decimal point and "
                    f"{seen[COMMA]!r} a decimal comma; save the file with one number format")
    if seen[COMMA] is not None:
        return COMMA
    if seen[POINT] is not None:
        return POINT
    if delimiter == ";":
        return COMMA
    return None


def parse_decimal(text: str, fmt: str | None = None) -> float:
    """A number from text, in the file's format ``fmt`` (None: unknown). Raises NumberFormatError."""
    if fmt != COMMA and "," not in text and "_" not in text:
        try:
            f = float(text)
            if f == f and f not in (float("inf"), float("-inf")):
                return f
        except ValueError:
            pass
    t = _clean(text)
    if not t:
        raise NumberFormatError("empty")
    if t.endswith("%"):
        return parse_decimal(t[:-1], fmt) / 100
    if _PLAIN.fullmatch(t) or _EXP.fullmatch(t):
        return float(t)
    e = _evidence(t)
    if e is not None and fmt is not None and e != fmt:
        conv = "a decimal comma" if e == COMMA else "a decimal point"
        raise NumberFormatError(f"{text!r} is written with {conv}, but the file's other numbers "
                                "are not")
    use = e or fmt
    if use is None:
        if _POINT_DEC.fullmatch(t):
            return float(t)            # 1.234 without any other evidence: a decimal point
        if _COMMA_DEC.fullmatch(t):
            raise NumberFormatError(f"{text!r} reads as {t.replace(',', '')} (thousands separator) "
                                    f"or {t.replace(',', '.')} (decimal comma); the file does not say "
                                    "which: write it without the comma")
        raise NumberFormatError(f"{text!r} is not a number")
    if use == POINT:
        if not (_POINT_GROUPED.fullmatch(t) or _POINT_DEC.fullmatch(t) or _PLAIN.fullmatch(t)):
            raise NumberFormatError(f"{text!r} is not a number")
        return float(t.replace(",", ""))
    if not (_COMMA_GROUPED.fullmatch(t) or _COMMA_DEC.fullmatch(t) or _PLAIN.fullmatch(t)
            or re.fullmatch(r"[-+]?\d+\.\d{3}", t)):
        raise NumberFormatError(f"{text!r} is not a number")
    return float(t.replace(".", "").replace(",", "."))
