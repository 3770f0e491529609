"""The report text, read-only, with every mention highlighted (strong and weak in two colours).

Offsets in a :class:`Proposal` are Python string indices (code points); a QTextDocument counts UTF-16
units, so a character outside the BMP (an emoji, a rare CJK Extension B ideograph) shifts every later
position by one. :class:`Utf16Map` converts.
"""
from __future__ import annotations

import bisect
from typing import Iterable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFont, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit

from widgets.contrast import contrast, ink_on

STRONG_BG = QColor("#cfe2ff")
WEAK_BG = QColor("#ffe8a3")
UNRESOLVED_BG = QColor("#e6e6e6")
QUOTE_BG = QColor("#d4f5d0")
CURRENT_BG = QColor("#9cc2ff")
CURRENT_MENTION_BG = QColor("#ffb347")


HIGHLIGHTS = (STRONG_BG, WEAK_BG, UNRESOLVED_BG, QUOTE_BG, CURRENT_BG, CURRENT_MENTION_BG)


def chip_ink() -> QColor:
    """One text colour for the review legend's chips: the ink that reads on every highlight."""
    inks = (QColor("#1a1a1a"), QColor("#f2f2f2"))
    return max(inks, key=lambda ink: min(contrast(ink, bg) for bg in HIGHLIGHTS))


def highlight(fmt: QTextCharFormat, background: QColor) -> QTextCharFormat:
    """``fmt`` with a highlight background and the ink that reads on it: the highlights are light
    in both themes, so their text is dark in the dark theme too (not the palette's light text)."""
    fmt.setBackground(background)
    fmt.setForeground(ink_on(background))
    return fmt


class Utf16Map:
    """Code-point offset → UTF-16 offset."""

    def __init__(self, text: str):
        self._astral = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF]

    def __call__(self, i: int) -> int:
        return i + bisect.bisect_left(self._astral, i) if self._astral else i

    def back(self, u: int) -> int:
        """UTF-16 offset → code-point offset."""
        if not self._astral:
            return u
        i = u
        while i > 0 and self(i) > u:
            i -= 1
        return i


def display_text(text: str) -> str:
    """What the widget shows: same length as ``text`` (CR would start a new block in Qt)."""
    return text.replace("\r", " ").replace("\u2028", "\n").replace("\u2029", "\n")


class MentionText(QPlainTextEdit):
    """Shows the text; ``show_span`` scrolls to and selects a quote; clicking a mention emits its ref."""

    mentionClicked = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setReadOnly(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        f = self.font()
        f.setPointSizeF(max(f.pointSizeF(), 10.5))
        self.setFont(f)
        self._map = Utf16Map("")
        self._mentions: list[tuple[int, int, str | None, bool]] = []
        self._starts: list[int] = []
        self.text = ""
        self.shown_span: tuple[int, int] = (0, 0)
        self.current_span: tuple[int, int] | None = None

    def set_text(self, text: str, mentions: Iterable[tuple[int, int, str | None, bool]]) -> None:
        """``mentions``: (start, end, ref or None, weak) in code points."""
        self.text = text
        self._map = Utf16Map(text)
        self.setPlainText(display_text(text))
        self._mentions = sorted(mentions)
        self._starts = [m[0] for m in self._mentions]
        strong, weak, unresolved = QTextCharFormat(), QTextCharFormat(), QTextCharFormat()
        highlight(strong, STRONG_BG)
        highlight(weak, WEAK_BG)
        weak.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        weak.setUnderlineColor(QColor("#c77700"))
        highlight(unresolved, UNRESOLVED_BG)
        unresolved.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
        cur = QTextCursor(self.document())
        cur.beginEditBlock()
        for start, end, ref, is_weak in self._mentions:
            cur.setPosition(self._map(start))
            cur.setPosition(self._map(end), QTextCursor.MoveMode.KeepAnchor)
            cur.mergeCharFormat(unresolved if ref is None else weak if is_weak else strong)
        cur.endEditBlock()
        self.document().setModified(False)
        self.moveCursor(QTextCursor.MoveOperation.Start)

    def _cursor(self, start: int, end: int) -> QTextCursor:
        cur = QTextCursor(self.document())
        cur.setPosition(self._map(start))
        cur.setPosition(self._map(end), QTextCursor.MoveMode.KeepAnchor)
        return cur

    def show_span(self, start: int, end: int, focus: Sequence[tuple[int, int]] = (),
                  current: tuple[int, int] | None = None) -> None:
        """Show the quote [start, end): coloured, its parties' mentions (``focus``) in bold blue, the
        ``current`` mention in orange; scrolled into the middle of the view. The text cursor goes to
        the start of the quote without a selection (a selection would paint over the colours);
        ``shown_span`` / ``shown_text`` say what is shown, Ctrl+C copies it."""
        self.shown_span = (start, end)
        self.current_span = current
        sels = []
        quote = QTextEdit.ExtraSelection()
        quote.cursor = self._cursor(start, end)
        highlight(quote.format, QUOTE_BG)
        sels.append(quote)
        for s, e in focus:
            x = QTextEdit.ExtraSelection()
            x.cursor = self._cursor(s, e)
            highlight(x.format, CURRENT_BG if (s, e) != current else CURRENT_MENTION_BG)
            x.format.setFontWeight(QFont.Weight.Bold)
            sels.append(x)
        if current is not None and current not in focus:
            x = QTextEdit.ExtraSelection()
            x.cursor = self._cursor(*current)
            highlight(x.format, CURRENT_MENTION_BG)
            x.format.setFontWeight(QFont.Weight.Bold)
            sels.append(x)
        self.setExtraSelections(sels)
        # scroll: the end first, then the start, so the whole quote is in view when it fits
        self.setTextCursor(self._cursor(end, end))
        self.ensureCursorVisible()
        at = current[0] if current else start
        self.setTextCursor(self._cursor(at, at))
        self.centerCursor()

    def shown_text(self) -> str:
        s, e = self.shown_span
        return self.text[s:e]

    def keyPressEvent(self, e):
        from PySide6.QtGui import QKeySequence
        if e.matches(QKeySequence.StandardKey.Copy) and not self.textCursor().hasSelection() \
                and self.shown_span[1] > self.shown_span[0]:
            from PySide6.QtWidgets import QApplication
            QApplication.clipboard().setText(self.shown_text())
            return
        super().keyPressEvent(e)

    def selected_span(self) -> tuple[int, int]:
        c = self.textCursor()
        return self._map.back(c.selectionStart()), self._map.back(c.selectionEnd())

    def selected_text(self) -> str:
        s, e = self.selected_span()
        return self.text[s:e]

    def mention_at(self, pos: int) -> tuple[int, int, str | None, bool] | None:
        i = bisect.bisect_right(self._starts, pos) - 1
        while i >= 0 and self._mentions[i][0] > pos - 200:   # overlapping spans are short
            if self._mentions[i][0] <= pos < self._mentions[i][1]:
                return self._mentions[i]
            i -= 1
        return None

    def mouseReleaseEvent(self, e):
        super().mouseReleaseEvent(e)
        if e.button() == Qt.MouseButton.LeftButton and not self.textCursor().hasSelection():
            pos = self._map.back(self.cursorForPosition(e.position().toPoint()).position())
            m = self.mention_at(pos)
            if m and m[2]:
                self.mentionClicked.emit(m[2])
