"""Pieces the chart panes share: the range selector, the empty-state stack, category axes, PNG export."""
from __future__ import annotations

import math
from typing import Sequence

import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QFont, QFontMetricsF, QPainter
from PySide6.QtWidgets import (
    QButtonGroup, QHBoxLayout, QLabel, QStackedWidget, QToolButton, QVBoxLayout, QWidget,
)

from widgets.i18n import QT_TRANSLATE_NOOP as _N  # noqa: E402,N814
from widgets.i18n import tr  # noqa: E402

# What a chart without prices says (candles and the relative chart share it; translated when shown).
NO_PRICES = _N("Charts", "No prices for {what} yet — press F5 (Prices > Refresh prices) to download them, "
                         "or read a file (Prices > Import price history…).")


def no_prices_text(what: str) -> str:
    return tr(NO_PRICES).format(what=what)

RANGES = ("1M", "3M", "YTD", "1Y", "All")
RANGE_TIPS = {"All": _N("RangeBar", "the whole cached history"), "YTD": _N("RangeBar", "since the last close of last year"),
              "1M": _N("RangeBar", "the last month"), "3M": _N("RangeBar", "the last 3 months"),
              "1Y": _N("RangeBar", "the last year")}
RANGE_LABELS = {"1M": _N("RangeBar", "1M"), "3M": _N("RangeBar", "3M"), "YTD": _N("RangeBar", "YTD"),
                "1Y": _N("RangeBar", "1Y"), "All": _N("RangeBar", "All")}


def range_label(key: str) -> str:
    """A range's button text in the interface's language ("1Y" -> "近1年")."""
    return tr(RANGE_LABELS[key]) if key in RANGE_LABELS else key


class RangeBar(QWidget):
    """A row of exclusive range buttons (1M … All) and a summary label; emits ``picked(key)``."""

    picked = Signal(str)

    def __init__(self, default: str = "1Y", ranges: Sequence[str] = RANGES, parent: QWidget | None = None):
        super().__init__(parent)
        bar = QHBoxLayout(self)
        bar.setContentsMargins(4, 2, 4, 2)
        self.buttons = QButtonGroup(self)
        self.buttons.setExclusive(True)
        for key in ranges:
            b = QToolButton()
            b.setText(range_label(key))
            b.setCheckable(True)
            b.setChecked(key == default)
            b.setToolTip(tr(RANGE_TIPS[key]) if key in RANGE_TIPS else key)
            self.buttons.addButton(b)
            bar.addWidget(b)
            b.clicked.connect(lambda _=False, k=key: self.picked.emit(k))
        self.summary = QLabel("")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setStyleSheet("padding-left: 8px")
        bar.addWidget(self.summary, 1)

    def set_checked(self, key: str) -> None:
        for b in self.buttons.buttons():
            b.setChecked(b.text() == key)


def empty_label(text: str) -> QLabel:
    """The grey, centred, word-wrapped message a pane shows when it has nothing to draw."""
    label = QLabel(text)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setWordWrap(True)
    label.setStyleSheet("color:#777; padding:24px")
    return label


def chart_stack(owner: QWidget, chart: QWidget, empty: QWidget) -> QStackedWidget:
    """Put ``chart`` (index 0) and ``empty`` (index 1) in a stack filling ``owner``; shows empty."""
    stack = QStackedWidget()
    stack.addWidget(chart)
    stack.addWidget(empty)
    outer = QVBoxLayout(owner)
    outer.setContentsMargins(0, 0, 0, 0)
    outer.addWidget(stack)
    stack.setCurrentIndex(1)
    return stack


def export_png(widget: QWidget, path) -> bool:
    """Save what the widget shows (as on screen) to a PNG file."""
    return widget.grab().save(str(path), "PNG")


def cjk_font(point_size: float | None = None, bold: bool = False) -> QFont:
    """The application font with a CJK family behind it, so Chinese labels never draw as boxes."""
    from PySide6.QtWidgets import QApplication

    from widgets.fonts import ensure_cjk_font

    f = QFont(QApplication.font())
    fam = ensure_cjk_font()
    if fam:
        f.setFamilies([f.family(), fam] if f.family() != fam else [fam])
    if point_size:
        f.setPointSizeF(point_size)
    f.setBold(bold)
    return f


def elide(text: str, max_chars: int) -> str:
    """``text`` cut to ``max_chars`` characters (CJK counting double) with an ellipsis."""
    width = 0
    for i, ch in enumerate(text):
        width += 2 if ord(ch) > 0x2E80 else 1
        if width > max_chars:
            return text[:max(i - 1, 1)].rstrip() + "…"
    return text


class CategoryAxis(pg.AxisItem):
    """An axis with one tick per category at 0, 1, 2, … labelled with (abbreviated) names.

    ``rotate`` (degrees, bottom axis only) turns the labels so long names do not collide;
    ``max_chars`` abbreviates names longer than that (the full name stays in :attr:`labels`).
    Labels may hold a line break (``\\n``) for a second, smaller line.
    """

    def __init__(self, orientation: str = "bottom", labels: Sequence[str] = (), rotate: float = 0.0,
                 max_chars: int = 18, font: QFont | None = None, **kw):
        super().__init__(orientation, **kw)
        self.rotate = rotate if orientation in ("bottom", "top") else 0.0
        self.max_chars = max_chars
        self.font_ = font or cjk_font()
        self.setStyle(tickFont=self.font_, tickTextOffset=4)
        self.labels: list[str] = []
        self.set_labels(labels)

    def set_labels(self, labels: Sequence[str]) -> None:
        self.labels = [str(x) for x in labels]
        self.shown = ["\n".join(elide(part, self.max_chars) for part in lab.split("\n")) for lab in self.labels]
        fm = QFontMetricsF(self.font_)
        if self.orientation in ("left", "right"):
            w = max((fm.horizontalAdvance(line) for s in self.shown for line in s.split("\n")), default=20)
            self.setWidth(int(w) + 14)
        elif self.rotate:
            w = max((fm.horizontalAdvance(line) for s in self.shown for line in s.split("\n")), default=20)
            a = math.radians(abs(self.rotate))
            self.setHeight(int(w * math.sin(a) + fm.height() * math.cos(a)) + 12)
        else:
            lines = max((s.count("\n") + 1 for s in self.shown), default=1)
            self.setHeight(int(fm.height() * lines) + 10)
        self.picture = None
        self.update()

    def tickValues(self, minVal, maxVal, size):
        n = len(self.labels)
        lo, hi = sorted((minVal, maxVal))          # an inverted view hands them over reversed
        vals = [float(i) for i in range(n) if lo - 0.5 <= i <= hi + 0.5]
        return [(1.0, vals)]

    def _px_per_category(self) -> float:
        lo, hi = sorted(self.range)
        length = self.geometry().height() if self.orientation in ("left", "right") else self.geometry().width()
        return length / max(hi - lo, 1e-9)

    def tickStrings(self, values, scale, spacing):
        # crowded (a short pane): first lines only, then every k-th label, never overlapping
        texts = self.shown
        if self.orientation in ("left", "right") or not self.rotate:
            fm = QFontMetricsF(self.font_)
            px = self._px_per_category()
            need = fm.height() if self.orientation in ("left", "right") else \
                max((fm.horizontalAdvance(t.split("\n")[0]) for t in texts), default=1.0) + 6
            lines = max((t.count("\n") + 1 for t in texts), default=1)
            if self.orientation in ("left", "right") and lines > 1 and px < need * lines * 0.95:
                texts = [t.split("\n")[0] for t in texts]
            step = max(1, math.ceil(need / max(px, 1e-9))) if px < need * 0.95 else 1
        else:
            step = 1
        out = []
        for v in values:
            i = int(round(v))
            ok = 0 <= i < len(texts) and abs(v - i) < 1e-6 and i % step == 0
            out.append(texts[i] if ok else "")
        return out

    def _extent(self) -> float:
        """How far (px) rotated labels reach left of their tick."""
        if not self.rotate:
            return 0.0
        fm = QFontMetricsF(self.font_)
        w = max((fm.horizontalAdvance(s) for s in self.shown), default=0.0)
        return w * math.cos(math.radians(abs(self.rotate))) + 4

    def boundingRect(self):
        r = super().boundingRect()
        return r.adjusted(-self._extent(), 0, 0, 0) if self.rotate else r

    def drawPicture(self, p: QPainter, axisSpec, tickSpecs, textSpecs):
        if not self.rotate:
            return super().drawPicture(p, axisSpec, tickSpecs, textSpecs)
        # pyqtgraph drops labels whose upright box leaves the axis: place rotated ones ourselves
        super().drawPicture(p, axisSpec, tickSpecs, [])
        p.setClipping(False)
        p.setFont(self.font_)
        p.setPen(self.textPen())
        fm = QFontMetricsF(self.font_)
        bounds = self.mapRectFromParent(self.geometry())
        lo, hi = self.range
        if hi <= lo:
            return
        top = bounds.top() + max(0, self.style["tickLength"]) + 2
        for i, text in enumerate(self.shown):
            if not lo - 0.01 <= i <= hi + 0.01 or not text:
                continue
            x = bounds.left() + (i - lo) / (hi - lo) * bounds.width()
            p.save()
            p.translate(QPointF(x + fm.height() * 0.3, top))
            p.rotate(-abs(self.rotate))
            w = fm.horizontalAdvance(text)
            p.drawText(QRectF(-w - 2, -fm.height() / 2, w + 2, fm.height()),
                       int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), text)
            p.restore()


__all__ = ["RANGES", "RangeBar", "CategoryAxis", "chart_stack", "cjk_font", "elide", "empty_label", "export_png"]
