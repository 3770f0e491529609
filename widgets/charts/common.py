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
        self.setAcceptHoverEvents(True)       # an abbreviated label shows its full text on hover

    def set_labels(self, labels: Sequence[str]) -> None:
        self.labels = [str(x) for x in labels]
        self.shown = ["\n".join(elide(part, self.max_chars) for part in lab.split("\n")) for lab in self.labels]
        fm = QFontMetricsF(self.font_)
        if self.orientation in ("left", "right"):
            w = max((fm.horizontalAdvance(line) for s in self.shown for line in s.split("\n")), default=20)
            self.setWidth(int(w) + 14)
        elif self.rotate:
            self.setHeight(math.ceil(self.rotated_extent()) + 4)     # the longest label, whole
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

    def _label_top(self) -> float:
        """Where (local y) the rotated labels hang from: just below the ticks."""
        return self.mapRectFromParent(self.geometry()).top() + max(0, self.style["tickLength"]) + 2

    def _tick_x(self, i: int) -> float | None:
        bounds = self.mapRectFromParent(self.geometry())
        lo, hi = self.range
        if hi <= lo or not lo - 0.01 <= i <= hi + 0.01:
            return None
        return bounds.left() + (i - lo) / (hi - lo) * bounds.width()

    def _label_origin(self, i: int) -> QPointF | None:
        """Where a rotated label's text ends (the middle of its right edge): placed so that the
        label's upper right corner hangs just below its tick, clear of the axis line."""
        x = self._tick_x(i)
        if x is None:
            return None
        h = QFontMetricsF(self.font_).height()
        a = math.radians(abs(self.rotate))
        return QPointF(x + h / 2 * math.sin(a), self._label_top() + h / 2 * math.cos(a))

    def rotated_extent(self) -> float:
        """How far (px) below the axis' top the longest rotated label reaches (0 when upright)."""
        if not self.rotate:
            return 0.0
        fm = QFontMetricsF(self.font_)
        a = math.radians(abs(self.rotate))
        w = max((fm.horizontalAdvance(s) for s in self.shown), default=0.0)
        return max(0, self.style["tickLength"]) + 2 + (w + 2) * math.sin(a) + fm.height() * math.cos(a)

    def label_at(self, pos: QPointF) -> int | None:
        """The category whose label is under ``pos`` (local coordinates), if any."""
        fm = QFontMetricsF(self.font_)
        if self.rotate:
            a = math.radians(abs(self.rotate))
            for i, text in enumerate(self.shown):
                o = self._label_origin(i)
                if o is None or not text:
                    continue
                dx, dy = pos.x() - o.x(), pos.y() - o.y()
                along = -dx * math.cos(a) + dy * math.sin(a)     # from the label's end towards its start
                across = dx * math.sin(a) + dy * math.cos(a)
                if -2 <= along <= fm.horizontalAdvance(text) + 2 and abs(across) <= fm.height() / 2 + 1:
                    return i
            return None
        lo, hi = sorted(self.range)
        bounds = self.mapRectFromParent(self.geometry())
        if self.orientation in ("left", "right"):
            frac = (pos.y() - bounds.top()) / max(bounds.height(), 1e-9)
            view = self.linkedView()
            v = lo + frac * (hi - lo) if view is not None and view.yInverted() else hi - frac * (hi - lo)
        else:
            v = lo + (pos.x() - bounds.left()) / max(bounds.width(), 1e-9) * (hi - lo)
        i = int(round(v))
        return i if 0 <= i < len(self.labels) and abs(v - i) <= 0.5 else None

    def hoverMoveEvent(self, ev):  # noqa: N802 - Qt's name
        i = self.label_at(ev.pos())
        full = self.labels[i] if i is not None else ""
        self.setToolTip(full if i is not None and self.shown[i] != full else "")

    def hoverLeaveEvent(self, ev):  # noqa: N802 - Qt's name
        self.setToolTip("")

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
        for i, text in enumerate(self.shown):
            o = self._label_origin(i)
            if o is None or not text:
                continue
            p.save()
            p.translate(o)
            p.rotate(-abs(self.rotate))
            w = fm.horizontalAdvance(text)
            p.drawText(QRectF(-w - 2, -fm.height() / 2, w + 2, fm.height()),
                       int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), text)
            p.restore()


class TopLegend(pg.LegendItem):
    """A legend above the plot area, never over the lines: it sits in a strip the plot reserves at
    its top (the title's row), left-aligned with the data, in as many columns as the width holds
    (more rows when it does not). Entries are placed here, not by pyqtgraph's grid (which keeps
    stale rows when re-flowed); it cannot be dragged into the data."""

    GAP = 16.0       # between columns
    PAD = 4.0        # inside the frame

    def __init__(self, plot: pg.PlotItem, **kw):
        super().__init__(offset=None, **kw)
        self.plot = plot
        self._placing = False
        self.setParentItem(plot)
        plot.titleLabel.setVisible(False)          # the row is the legend's
        plot.vb.sigResized.connect(self.place)
        self.place()

    def _addItemToLayout(self, sample, label):  # noqa: N802 - pyqtgraph's name
        sample.setParentItem(self)
        label.setParentItem(self)

    def _removeItemFromLayout(self, *items):  # noqa: N802 - pyqtgraph's name
        for item in items:
            item.close()
            if item.scene() is not None:
                item.scene().removeItem(item)

    def setColumnCount(self, columnCount):  # noqa: N802 - the columns follow the width
        pass

    def updateSize(self):  # noqa: N802 - pyqtgraph's name
        if getattr(self, "plot", None) is not None:
            self.place()

    def place(self, *_args) -> None:
        """Flow the entries into rows across the data area's width; reserve the strip they need."""
        if self._placing:
            return
        self._placing = True
        try:
            vb = self.plot.vb.geometry()           # the data area, in the plot's coordinates
            if not self.items:
                self.setGeometry(vb.left(), 3, 0, 0)
                self.plot.layout.setRowFixedHeight(0, 0)
                self.hide()
                return
            self.show()
            sizes = [(s.width(), s.height(), lab.width(), lab.height()) for s, lab in self.items]
            col = max(sw + 4 + lw for sw, _sh, lw, _lh in sizes) + self.GAP
            row = max(max(sh, lh) for _sw, sh, _lw, lh in sizes)
            avail = max(vb.width() - 2 * self.PAD + self.GAP, 1.0)
            cols = max(1, min(len(self.items), int(avail // col)))
            rows = math.ceil(len(self.items) / cols)
            for k, ((sample, label), (sw, sh, _lw, lh)) in enumerate(zip(self.items, sizes)):
                r, c = divmod(k, cols)
                x, y = self.PAD + c * col, self.PAD / 2 + r * row
                sample.setPos(x, y + (row - sh) / 2)
                label.setPos(x + sw + 4, y + (row - lh) / 2)
            used = min(len(self.items), cols)
            width = 2 * self.PAD + used * col - self.GAP
            height = self.PAD + rows * row
            self.setGeometry(vb.left(), 3, width, height)
            self.plot.layout.setRowFixedHeight(0, math.ceil(height) + 6)
        finally:
            self._placing = False

    def mouseDragEvent(self, ev):  # noqa: N802 - pyqtgraph's name
        ev.ignore()


__all__ = ["RANGES", "RangeBar", "CategoryAxis", "TopLegend", "chart_stack", "cjk_font", "elide", "empty_label", "export_png"]
