"""Sentences the app builds in English (a proposal's reason, an import's rejection, a validation
error), shown in the interface's language.

``app/`` has no Qt and writes its explanations as English text from a small set of patterns
(``"knowledge-base name 'X'; named 3 times"``). A :class:`Phrases` holds those patterns as
translatable templates (``_N("Reasons", "knowledge-base name {name}")``): a text is cut into its
parts (``"; "``), each part is matched against the templates' English and rebuilt from the translated
template, the captured values kept (names, numbers) or translated again when they are phrases
themselves (``nested``). A part that matches no template is shown as it is (and
:meth:`Phrases.unknown` lists them, for the tests).
"""

from __future__ import annotations

import re
from typing import Callable, Mapping, Sequence

from widgets.i18n import QT_TRANSLATE_NOOP as _N  # noqa: N814
from widgets.i18n import LANGUAGE, Msg, translate

_FIELD = re.compile(r"\{(\w+)\}")


class Phrases:
    """Templates (``Msg``, English with ``{field}`` placeholders) for the parts of a text.

    ``nested`` maps a field to what translates its value (another :class:`Phrases`, any callable);
    ``sep`` splits a text into parts (outside brackets) and joins the translated parts;
    ``words`` are whole parts translated as they are."""

    def __init__(self, templates: Sequence[Msg], nested: Mapping[str, Callable[[str], str]] | None = None,
                 sep: Msg | None = None, words: Sequence[Msg] = ()):
        self.templates = [(t, _pattern(t.source)) for t in templates]
        self.nested = dict(nested or {})
        self.sep = sep
        self.words = {w.source: w for w in words}
        self._cache: dict[tuple[str, str], str] = {}

    def _match(self, text: str) -> tuple[Msg, dict[str, str]] | None:
        if text in self.words:
            return self.words[text], {}
        for t, rx in self.templates:
            m = rx.fullmatch(text)
            if m is not None:
                return t, m.groupdict()
        return None

    def part(self, text: str) -> str | None:
        """One part translated, None when no template matches it."""
        hit = self._match(text)
        if hit is None:
            return None
        t, groups = hit
        values = {k: (self.nested[k](v) if k in self.nested else v) for k, v in groups.items()}
        return translate(t.context, t.source).format(**values)

    def split(self, text: str) -> list[str]:
        if self.sep is None:
            return [text]
        return _split(text, self.sep.source)

    def __call__(self, text: str) -> str:
        if not text:
            return text
        key = (text, LANGUAGE.lang)   # a table's cells ask again on every paint and sort
        hit = self._cache.get(key)
        if hit is not None:
            return hit
        out = [p2 if (p2 := self.part(p)) is not None else p for p in self.split(text)]
        joiner = translate(self.sep.context, self.sep.source) if self.sep is not None else ""
        if len(self._cache) > 20_000:
            self._cache.clear()
        self._cache[key] = done = joiner.join(out)
        return done

    def unknown(self, text: str) -> list[str]:
        """The parts of ``text`` no template matches (in nested values too)."""
        out = []
        for p in self.split(text) if text else []:
            hit = self._match(p)
            if hit is None:
                out.append(p)
                continue
            for k, v in hit[1].items():
                sub = self.nested.get(k)
                if isinstance(sub, Phrases):
                    out += sub.unknown(v)
        return out


def _split(text: str, sep: str) -> list[str]:
    """``text`` cut at ``sep`` outside brackets: "a (b; c); d" -> ["a (b; c)", "d"]."""
    out, depth, start, i = [], 0, 0, 0
    while i < len(text):
        ch = text[i]
        if ch in "(（":
            depth += 1
        elif ch in ")）":
            depth = max(0, depth - 1)
        elif depth == 0 and text.startswith(sep, i):
            out.append(text[start:i])
            i += len(sep)
            start = i
            continue
        i += 1
    out.append(text[start:])
    return out


def _pattern(source: str) -> re.Pattern[str]:
    parts, pos = [], 0
    for m in _FIELD.finditer(source):
        parts.append(re.escape(source[pos:m.start()]))
        parts.append(f"(?P<{m.group(1)}>.+?)")
        pos = m.end()
    parts.append(re.escape(source[pos:]))
    return re.compile("".join(parts), re.S)


# app.domain.validate_user_fields: a rating or target price the desk cannot take
STORE_ERRORS = Phrases([
    _N("StoreErrors", "rating {value} is not a number from 1 to 5"),
    _N("StoreErrors", "rating {value} must be a whole number from 1 to 5"),
    _N("StoreErrors", "target price {value} is not a number"),
    _N("StoreErrors", "target price {value} must be a positive number"),
])
