"""A folded view of a text that remembers where every character came from.

Names are matched on a folded copy (NFKC, Simplified script, lower case, no white space), and
every match is mapped back to offsets in the original text, so a quote cut from a match is an
exact substring of what the user gave us.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from app.text import to_hans


def _fold_char(ch: str) -> str:
    if ch.isascii():
        return ch.lower()
    n = unicodedata.normalize("NFKC", ch)
    return n.lower() if len(n) == 1 else ch


@dataclass
class FoldedText:
    original: str
    folded: str              # same length as ``original``: one folded character per original one
    compact: str             # ``folded`` without white space
    compact_pos: list[int]   # compact index -> original index

    @classmethod
    def of(cls, text: str) -> "FoldedText":
        chars = [_fold_char(c) for c in text]
        per_char = "".join(chars)
        hans = _to_hans_aligned(per_char)
        compact_chars, pos = [], []
        for i, c in enumerate(hans):
            if not c.isspace():
                compact_chars.append(c)
                pos.append(i)
        return cls(text, hans, "".join(compact_chars), pos)

    def span(self, cstart: int, cend: int) -> tuple[int, int]:
        """Original [start, end) of the compact range [cstart, cend)."""
        return self.compact_pos[cstart], self.compact_pos[cend - 1] + 1


def _to_hans_aligned(text: str) -> str:
    """Traditional -> Simplified keeping one character per character.

    OpenCC converts phrases; when a conversion changes the length of a line we fall back to
    character-by-character conversion for that line, so offsets always stay aligned.
    """
    if text.isascii():
        return text
    whole = to_hans(text)
    if len(whole) == len(text):
        return whole
    out = []
    for line in text.splitlines(keepends=True):
        conv = to_hans(line)
        if len(conv) != len(line):
            conv = "".join(c2 if len(c2 := to_hans(c)) == 1 else c for c in line)
        out.append(conv)
    return "".join(out)
