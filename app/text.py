"""Chinese text helpers: Traditional <-> Simplified folding for matching names in both scripts."""
from __future__ import annotations

import functools
import re
import unicodedata


@functools.lru_cache(maxsize=1)
def _t2s():
    from opencc import OpenCC  # opencc-python-reimplemented: pure Python, ships its dictionaries

    return OpenCC("t2s")


@functools.lru_cache(maxsize=1)
def _s2t():
    from opencc import OpenCC

    return OpenCC("s2t")


@functools.lru_cache(maxsize=1)
def _s2twp():
    """Simplified -> Traditional with Taiwan phrasing (信息 -> 資訊), as some Traditional texts write."""
    from opencc import OpenCC

    return OpenCC("s2twp")


@functools.lru_cache(maxsize=65536)
def to_hans(text: str) -> str:
    """Traditional -> Simplified (unchanged when already Simplified)."""
    if not text or text.isascii():
        return text
    return _t2s().convert(text)


@functools.lru_cache(maxsize=65536)
def to_hant(text: str) -> str:
    if not text or text.isascii():
        return text
    return _s2t().convert(text)


_SPACE = re.compile(r"\s+")


def fold(text: str) -> str:
    """The key two spellings of one name share: NFKC, Simplified, lower-case, no spaces.

    ``騰訊控股``, ``腾讯控股`` and ``腾讯 控股`` fold alike; so do full-width and ASCII letters.
    """
    if text is None:
        return ""
    t = unicodedata.normalize("NFKC", str(text))
    t = _SPACE.sub("", t).lower()
    return to_hans(t)
