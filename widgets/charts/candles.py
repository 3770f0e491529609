"""Candlesticks with volume, a trading-day axis, a crosshair with an OHLC readout and moving averages.

The x coordinate is the bar number (0 … n-1), so weekends and holidays leave no gaps; the date
axis labels bar numbers with their dates. Day, week and month bars (weeks and months resampled
from the daily bars by :mod:`app.prices.periods`), a linear or log price scale. Drawing is cheap
at any zoom (``bench/bench_charts.py``):

* the candles of :data:`CHUNK` consecutive bars are built once into cached lists of lines and
  rectangles, and only the blocks that intersect the view are drawn (drawing the lists costs
  about a third of replaying the same block from a ``QPicture``, which was measured first);
* when bars get thinner than a few pixels (zoomed out over years), blocks of
  :data:`LOD_CHUNK` bars are drawn as high-low strokes instead, and under a pixel a bar, one
  stroke stands for 2, 4, 8 … bars (aligned, so a pan reuses the blocks);
* the price axis follows the visible bars (``dataBounds`` answers for the visible range);
* the event markers of a pane are one item drawn in pixels, their flags laid out once per zoom.

Events (listing dates, offer prices, reports, …) are vertical markers with a small flag at
the bar of their date — the first trading day on or after it; events before the first bar or
after the last one are skipped. Several events on one bar share one marker.

Usage::

    chart = CandleChart()
    chart.set_frame(frame, title="0700.HK 腾讯控股")   # a normalised price frame (app.prices)
    chart.set_events(events_for(kb, "0700.HK"))         # (date, label, kind) tuples
    chart.show_last(120)
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Sequence

import numpy as np
import pandas as pd
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QLineF, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QButtonGroup, QHBoxLayout, QLabel, QSizePolicy, QStackedWidget, QToolButton, QVBoxLayout, QWidget,
)

from app.prices.periods import PERIODS, resample
from widgets.charts.common import empty_label, no_prices_text
from widgets.charts.theme import LIGHT, ChartColors, follow_theme, style_plot
from widgets.i18n import QT_TRANSLATE_NOOP as _N  # noqa: N814
from widgets.i18n import LANGUAGE, tr

CHUNK = 64                   # bars per cached block of candles
LOD_CHUNK = 512              # strokes per cached block when zoomed out
DETAIL_MIN_PX = 3.0          # below this many pixels per bar, draw high-low strokes instead
VOLUME_SHARE = 0.22       # the volume pane's share of the chart's height

# China / Hong Kong convention: red up, green down. Pass colors=WEST for the other one.
CN = ("#d63c3c", "#1a9a4a")
WEST = ("#1a9a4a", "#d63c3c")
MA_COLORS = ("#e0a000", "#3a7bd5", "#9b59b6", "#7f8c8d")

# Event markers: colour by kind; when several share a bar the first kind in this order colours it.
EVENT_COLORS = {"listing": "#8e44ad", "offer_price": "#d35400", "results": "#1f618d",
                "report": "#5d6d7e", "product": "#117a65", "other": "#7b7d7d"}
EVENT_LEVELS = 4          # flags stagger over this many heights when they would collide
EVENT_TOP, EVENT_STEP = 0.985, 0.07   # flag heights, as fractions of the price pane
EVENT_PADDING = 0.1       # y padding of the price pane with events (room for the flags)
EVENT_FLAG_CHARS = 34
# the month axis' names (strftime("%b") says them in English whatever the language)
MONTHS = (_N("CandleChart", "Jan"), _N("CandleChart", "Feb"), _N("CandleChart", "Mar"), _N("CandleChart", "Apr"),
          _N("CandleChart", "May"), _N("CandleChart", "Jun"), _N("CandleChart", "Jul"), _N("CandleChart", "Aug"),
          _N("CandleChart", "Sep"), _N("CandleChart", "Oct"), _N("CandleChart", "Nov"), _N("CandleChart", "Dec"))
ZOOM_STEP = 1.25          # + / - (Up / Down) show this factor fewer / more bars
PAN_STEP = 0.125          # Left / Right move the view by this fraction of its width


def _lerp_index(n: int, x0: float, x1: float) -> tuple[int, int]:
    """Visible bar numbers [i0, i1) for an x range, clipped to the data."""
    i0 = max(0, int(math.floor(x0 + 0.5)))
    i1 = min(n, int(math.ceil(x1 + 0.5)))
    return i0, max(i0, i1)


class _BarsItem(pg.GraphicsObject):
    """Bars drawn block by block from cached primitives; only the blocks in view are drawn.

    A block's lines and rectangles (in data coordinates, one list per colour) are built once,
    on first sight, and handed to ``drawLines`` / ``drawRects`` on every paint: that costs about
    a third of replaying the same block from a ``QPicture``. Zoomed out (thinner than
    :data:`DETAIL_MIN_PX` per bar) bars are high-low strokes, and when even strokes are under a
    pixel apart, ``g`` consecutive bars (a power of two, so pans reuse the blocks) make one
    stroke from their lowest low to their highest high.
    """

    def __init__(self, up: str, down: str):
        super().__init__()
        self.n = 0
        self._cache: dict[tuple[int, int], list] = {}   # (group, block) -> [(pen, brush, lines, rects)]
        self._bounds = QRectF()
        self.up_pen = pg.mkPen(up, width=1)            # (pyqtgraph pens are cosmetic: 1 px at any zoom)
        self.down_pen = pg.mkPen(down, width=1)
        self.up_brush = pg.mkBrush(up)
        self.down_brush = pg.mkBrush(down)
        self.no_pen = pg.mkPen(None)
        self.painted = 0      # blocks drawn by the last paint (for tests and benchmarks)
        self.painted_bars = (0, 0)
        self.group = 0        # 0: candles; g >= 1: one stroke per g bars
        # (low, high) per bar for the y range when it must hold more than the bars (the MAs)
        self.bounds: tuple[np.ndarray, np.ndarray] | None = None

    # subclasses: _lo/_hi/_up arrays and _draw_detail(i0, i1) -> ops
    _lo: np.ndarray
    _hi: np.ndarray
    _up: np.ndarray

    def _reset(self, n: int) -> None:
        self.prepareGeometryChange()
        self.n = n
        self._cache.clear()
        lo = float(np.nanmin(self._lo)) if n and np.isfinite(self._lo).any() else 0.0
        hi = float(np.nanmax(self._hi)) if n and np.isfinite(self._hi).any() else 1.0
        if hi <= lo:
            hi = lo + 1.0
        self._bounds = QRectF(-0.5, lo, n, hi - lo) if n else QRectF()
        self.update()

    def boundingRect(self) -> QRectF:
        return QRectF(self._bounds)

    def dataBounds(self, ax: int, frac: float = 1.0, orthoRange=None):
        if not self.n:
            return (None, None)
        if ax == 0:
            return (-0.5, self.n - 0.5)
        i0, i1 = (0, self.n) if orthoRange is None else _lerp_index(self.n, orthoRange[0], orthoRange[1])
        if i1 <= i0:
            return (None, None)
        blo, bhi = self.bounds if self.bounds is not None else (self._lo, self._hi)
        with np.errstate(all="ignore"):
            lo, hi = np.nanmin(blo[i0:i1]), np.nanmax(bhi[i0:i1])
        return (float(lo), float(hi)) if np.isfinite(lo) and np.isfinite(hi) else (None, None)

    def visible_range(self) -> tuple[int, int, float]:
        vb = self.getViewBox()
        if vb is None or not self.n:
            return 0, self.n, 100.0
        (x0, x1), _ = vb.viewRange()
        i0, i1 = _lerp_index(self.n, x0, x1)
        px_per_bar = vb.width() / max(x1 - x0, 1e-9)
        return i0, i1, px_per_bar

    @staticmethod
    def group_for(px_per_bar: float) -> int:
        """0 (candles) at :data:`DETAIL_MIN_PX` per bar or more, else bars per stroke (1, 2, 4 …)."""
        if px_per_bar >= DETAIL_MIN_PX:
            return 0
        if px_per_bar >= 1.0:
            return 1
        return 1 << int(math.floor(math.log2(1.0 / max(px_per_bar, 1e-9))))

    def paint(self, p: QPainter, *args) -> None:
        if not self.n:
            return
        i0, i1, px = self.visible_range()
        g = self.group = self.group_for(px)
        size = CHUNK if g == 0 else LOD_CHUNK * g
        b0, b1 = i0 // size, (max(i1, 1) - 1) // size + 1
        for b in range(b0, b1):
            ops = self._cache.get((g, b))
            if ops is None:
                lo, hi = b * size, min(self.n, (b + 1) * size)
                ops = self._cache[(g, b)] = self._draw_detail(lo, hi) if g == 0 else self._draw_strokes(lo, hi, g)
            for pen, brush, lines, rects in ops:
                p.setPen(pen)
                if lines:
                    p.drawLines(lines)
                if rects:
                    p.setBrush(brush)
                    p.drawRects(rects)
        self.painted = b1 - b0
        self.painted_bars = (b0 * size, min(self.n, b1 * size))

    def _draw_detail(self, i0: int, i1: int) -> list:  # pragma: no cover - abstract
        raise NotImplementedError

    def _draw_strokes(self, i0: int, i1: int, g: int) -> list:
        """One vertical stroke per ``g`` bars, low to high, coloured by the group's direction."""
        starts = np.arange(i0, i1, g)
        if g == 1:
            x, lo, hi, up = starts.astype(float), self._lo[i0:i1], self._hi[i0:i1], self._up[i0:i1]
        else:
            lo = np.fmin.reduceat(self._lo[i0:i1], starts - i0)
            hi = np.fmax.reduceat(self._hi[i0:i1], starts - i0)
            last = np.minimum(starts + g, i1) - 1
            up = self._group_up(starts, last)
            x = (starts + last) / 2.0
        ok = np.isfinite(lo) & np.isfinite(hi)
        ops = []
        for mask, pen in ((up & ok, self.up_pen), (~up & ok, self.down_pen)):
            if mask.any():
                ops.append((pen, None, self._lines(x[mask], lo[mask], hi[mask]), None))
        return ops

    def _group_up(self, first: np.ndarray, last: np.ndarray) -> np.ndarray:
        return self._up[last]

    @staticmethod
    def _lines(x, y0, y1) -> list:
        return [QLineF(a, b, a, c) for a, b, c in zip(x.tolist(), y0.tolist(), y1.tolist())]


class CandlestickItem(_BarsItem):
    """OHLC candles at x = bar number. Bars without an open/high/low draw as a close tick."""

    def __init__(self, up: str = CN[0], down: str = CN[1]):
        super().__init__(up, down)
        self.o = self.h = self.l = self.c = np.zeros(0)
        self._lo = self._hi = np.zeros(0)
        self._up = np.zeros(0, dtype=bool)

    def set_data(self, o: np.ndarray, h: np.ndarray, l: np.ndarray, c: np.ndarray) -> None:  # noqa: E741
        c = np.asarray(c, dtype=float)
        self.o = np.where(np.isnan(o), c, o)
        self.h = np.fmax(np.where(np.isnan(h), c, h), np.fmax(self.o, c))
        self.l = np.fmin(np.where(np.isnan(l), c, l), np.fmin(self.o, c))
        self.c = c
        self._lo, self._hi = self.l, self.h
        self._up = self.c >= self.o
        self.bounds = None
        self._reset(len(c))

    def _group_up(self, first: np.ndarray, last: np.ndarray) -> np.ndarray:
        return self.c[last] >= self.o[first]

    def _draw_detail(self, i0: int, i1: int) -> list:
        x = np.arange(i0, i1, dtype=float)
        o, h, lo, c = self.o[i0:i1], self.h[i0:i1], self.l[i0:i1], self.c[i0:i1]
        ok = np.isfinite(c) & np.isfinite(h) & np.isfinite(lo)
        up = self._up[i0:i1]
        flat = np.abs(c - o) < 1e-12
        ops = []
        for mask, pen, brush in ((up & ok, self.up_pen, self.up_brush), (~up & ok, self.down_pen, self.down_brush)):
            if not mask.any():
                continue
            lines = self._lines(x[mask], lo[mask], h[mask])
            ticks = mask & flat
            lines += [QLineF(xi - 0.36, ci, xi + 0.36, ci) for xi, ci in zip(x[ticks].tolist(), c[ticks].tolist())]
            body = mask & ~flat
            rects = [QRectF(xi - 0.36, oi, 0.72, ci - oi)
                     for xi, oi, ci in zip(x[body].tolist(), o[body].tolist(), c[body].tolist())]
            ops.append((pen, brush, lines, rects))
        return ops


class VolumeItem(_BarsItem):
    def __init__(self, up: str = CN[0], down: str = CN[1]):
        super().__init__(up, down)
        self.v = np.zeros(0)
        self.up = np.zeros(0, dtype=bool)

    def set_data(self, volume: np.ndarray, up: np.ndarray) -> None:
        self.v = np.nan_to_num(np.asarray(volume, dtype=float), nan=0.0)
        self.up = self._up = np.asarray(up, dtype=bool)
        self._lo = np.zeros(len(self.v))
        self._hi = self.v
        self._reset(len(self.v))

    def _draw_detail(self, i0: int, i1: int) -> list:
        x = np.arange(i0, i1, dtype=float)
        up = self.up[i0:i1]
        v = self.v[i0:i1]
        ops = []
        for mask, brush in ((up, self.up_brush), (~up, self.down_brush)):
            if mask.any():
                ops.append((self.no_pen, brush, None,
                            [QRectF(xi - 0.36, 0.0, 0.72, vi) for xi, vi in zip(x[mask].tolist(), v[mask].tolist())]))
        return ops


class BarDateAxis(pg.AxisItem):
    """Labels bar numbers with their dates, at year / quarter / month / week / day boundaries."""

    def __init__(self, *a, **kw):
        super().__init__(*a, orientation="bottom", **kw)
        self.dates = np.zeros(0, dtype="datetime64[D]")
        self._levels: list[tuple[str, np.ndarray]] = []
        self._level = "day"
        self._strings: dict[tuple[str, int, str], str] = {}

    def set_dates(self, dates: np.ndarray) -> None:
        d = np.asarray(dates, dtype="datetime64[D]")
        self.dates = d
        self._strings = {}
        if not len(d):
            self._levels = []
            self.picture = None
            self.update()
            return
        months = d.astype("datetime64[M]")
        years = d.astype("datetime64[Y]")
        weeks = (d.astype("int64") + 3) // 7          # Monday-based week numbers
        new_m = np.r_[True, months[1:] != months[:-1]]
        new_y = np.r_[True, years[1:] != years[:-1]]
        new_w = np.r_[True, weeks[1:] != weeks[:-1]]
        q = (months.astype("int64") % 12) // 3
        new_q = new_m & np.r_[True, (q[1:] != q[:-1]) | new_y[1:]]
        y5 = new_y & (years.astype("int64") % 5 == 0)
        idx = np.arange(len(d))
        self._levels = [("day", idx), ("week", idx[new_w]), ("month", idx[new_m]), ("quarter", idx[new_q]),
                        ("year", idx[new_y]), ("5 years", idx[y5])]
        self.picture = None
        self.update()

    def tickValues(self, minVal: float, maxVal: float, size: float):
        if not self._levels:
            return []
        max_ticks = max(2.0, size / 75.0)
        for level, idx in self._levels:
            sel = idx[(idx >= minVal) & (idx <= maxVal)]
            if len(sel) <= max_ticks:
                self._level = level
                return [(1.0, [float(i) for i in sel])]
        level, idx = self._levels[-1]
        sel = idx[(idx >= minVal) & (idx <= maxVal)]
        step = int(math.ceil(len(sel) / max_ticks))
        self._level = level
        return [(1.0, [float(i) for i in sel[::step]])]

    def tickStrings(self, values: Sequence[float], scale: float, spacing: float) -> list[str]:
        out = []
        n = len(self.dates)
        coarse = "year" if self._level in ("year", "5 years") else \
            "month" if self._level in ("quarter", "month") else "day"
        for v in values:
            i = int(round(v))
            if not 0 <= i < n:
                out.append("")
                continue
            text = self._strings.get((coarse, i, LANGUAGE.lang))   # (a pan asks for the same labels again)
            if text is None:
                d = self.dates[i].item()
                text = f"{d.year}" if coarse == "year" or (coarse == "month" and d.month == 1) else \
                    tr(MONTHS[d.month - 1]) if coarse == "month" else d.strftime("%m-%d")
                self._strings[(coarse, i, LANGUAGE.lang)] = text
            out.append(text)
        return out


def _fmt_volume(v: float) -> str:
    if v != v:
        return "—"
    for div, unit in ((1e8, "亿"), (1e4, "万")):
        if abs(v) >= div:
            return f"{v / div:,.2f}{unit}"
    return f"{v:,.0f}"


def _fmt_volume_short(v: float) -> str:
    """Round axis values, short enough for the axis: 0, 500万, 2000万, 1.5亿."""
    for div, unit in ((1e8, "亿"), (1e4, "万")):
        if abs(v) >= div:
            return f"{v / div:,.2f}".rstrip("0").rstrip(".") + unit
    return f"{v:,.0f}"


def _nice_step(x: float) -> float:
    """The smallest of 1, 2, 5 × 10^k at least ``x``."""
    e = 10.0 ** math.floor(math.log10(x))
    return next(m * e for m in (1.0, 2.0, 5.0, 10.0) if m * e >= x * (1 - 1e-9))


def log_ticks(lo: float, hi: float, size: float, min_px: float = 32.0) -> list[float]:
    """Round prices for a log10 price axis spanning ``lo``…``hi`` (log10 of prices) over ``size``
    pixels, at least ``min_px`` apart: 1-2-5 (then finer) steps per decade over wide ranges,
    plain steps over narrow ones. Returned as log10 values."""
    if not (math.isfinite(lo) and math.isfinite(hi)) or hi <= lo or size <= 0:
        return []
    plo, phi = 10.0 ** lo, 10.0 ** hi
    px_per_log = size / (hi - lo)
    best: list[float] = []
    for mantissas in ((1.0,), (1.0, 2.0, 5.0), (1.0, 2.0, 3.0, 5.0, 7.0),
                      (1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0)):
        vals = sorted(m * 10.0 ** e for e in range(math.floor(lo) - 1, math.ceil(hi) + 1) for m in mantissas
                      if plo * (1 - 1e-9) <= m * 10.0 ** e <= phi * (1 + 1e-9))
        if len(vals) >= 2 and float(np.diff(np.log10(vals)).min()) * px_per_log < min_px:
            break
        best = vals
    if len(best) < 3:
        # narrow: evenly spaced prices, the step wide enough where log spacing is tightest (the top)
        step = _nice_step(max(min_px * phi * math.log(10) / px_per_log, (phi - plo) / 12, 1e-12))
        even = [k * step for k in range(math.ceil(plo / step - 1e-9), math.floor(phi / step + 1e-9) + 1)]
        best = even if len(even) > len(best) else best
    return [math.log10(v) for v in best if v > 0]


def _fmt_price(v: float) -> str:
    for d in range(0, 5):
        if abs(round(v, d) - v) < 1e-9 * max(1.0, abs(v)):
            return f"{v:,.{d}f}"
    return f"{v:,.4f}"


class PriceAxis(pg.AxisItem):
    """The price axis. In log mode the view holds log10 prices and the ticks sit at round prices."""

    def __init__(self, *a, **kw):
        super().__init__(*a, orientation="left", **kw)
        self.log = False

    def set_log(self, on: bool) -> None:
        self.log = bool(on)
        self.picture = None
        self.update()

    def tickValues(self, minVal, maxVal, size):
        if not self.log:
            return super().tickValues(minVal, maxVal, size)
        return [(1.0, log_ticks(minVal, maxVal, size))]

    def tickStrings(self, values, scale, spacing):
        if not self.log:
            return super().tickStrings(values, scale, spacing)
        return [_fmt_price(10.0 ** v) for v in values]


class VolumeAxis(pg.AxisItem):
    """The volume pane's axis: a few round values (万 / 亿) at least :data:`min_px` apart, as the
    pane is short (pyqtgraph's own ticks crowd four overlapping labels into 40 px)."""

    min_px = 18.0

    def __init__(self, *a, **kw):
        super().__init__(*a, orientation="left", **kw)

    def tickValues(self, minVal, maxVal, size):
        lo, hi = sorted((minVal, maxVal))
        if not (math.isfinite(lo) and math.isfinite(hi)) or hi <= lo or size <= 0:
            return []
        step = _nice_step((hi - lo) * self.min_px / size)
        top = hi - (hi - lo) * 8.0 / size       # a label reaching past the pane's top is dropped
        if top > 0 and step > top:              # only 0 would show: label the largest round value that fits
            e = 10.0 ** math.floor(math.log10(top))
            step = max(m * e for m in (1.0, 2.0, 5.0) if m * e <= top)
        return [(step, [k * step for k in range(math.ceil(lo / step), math.floor(top / step) + 1)])]

    def tickStrings(self, values, scale, spacing):
        return [_fmt_volume_short(v) for v in values]


@dataclass(eq=False)
class EventMark:
    """One event marker: the bar, its events, the kind that colours it, the flag text and tooltip.

    ``level`` is the flag's height (0 = top) at the current zoom, -1 when there is no free
    height (the line and tooltip stay); ``right`` is set when the flag hangs left of its line
    (at the right edge)."""

    index: int
    events: list
    kind: str
    text: str
    color: str
    tip: str
    level: int = 0
    right: bool = False


def _event_font():
    from widgets.charts.common import cjk_font

    f = cjk_font()
    f.setPointSizeF(max(7.0, f.pointSizeF() * 0.85))
    return f


class EventsItem(pg.GraphicsObject):
    """Every event marker of one pane in one item, drawn in the ViewBox's pixels.

    One item instead of a line and a text item per event: pyqtgraph re-lays-out every
    ``InfiniteLine`` label on each view change, which cost ~25 ms a pan frame with 40 events.
    Here a pan moves nothing: :meth:`layout` assigns flag heights (once per zoom / edge change,
    cached) and :meth:`paint` draws the lines and cached flag pixmaps of the markers in view.
    """

    def __init__(self, vb: pg.ViewBox, flags: bool, dashed: bool):
        super().__init__()
        self.vb = vb
        self.flags = flags
        self.dashed = dashed
        self.setParentItem(vb)
        self.setZValue(20)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.marks: list[EventMark] = []
        self.x = np.zeros(0)
        self.widths = np.zeros(0)           # flag widths in px (with the gap after them)
        self._pixmaps: list[QPixmap] = []
        self._pens: dict[str, QPen] = {}
        self.colors: ChartColors = LIGHT        # set_colors: the theme's
        self._key: tuple | None = None
        self.painted = 0                    # markers drawn by the last paint
        vb.sigResized.connect(self._resized)

    def _resized(self, *_):
        self.prepareGeometryChange()
        self._key = None
        self.layout()

    def boundingRect(self) -> QRectF:
        return QRectF(0, 0, self.vb.width(), self.vb.height())

    def set_colors(self, colors: ChartColors) -> None:
        """Flags and lines in the theme's colours (the flags are drawn again)."""
        self.colors = colors
        self._pens = {}
        self.set_marks(self.marks, self._font)

    _font = None

    def set_marks(self, marks: list[EventMark], font=None) -> None:
        self.marks = list(marks)
        self.x = np.array([m.index for m in marks], dtype=float)
        self._pixmaps = []
        self._key = None
        if self.flags:
            font = self._font = font or _event_font()
            fm = QFontMetricsF(font)
            dpr = 1.0
            view = self.vb.scene().views()[0] if self.vb.scene() and self.vb.scene().views() else None
            if view is not None:
                dpr = view.devicePixelRatioF()
            for m in marks:
                w, h = fm.horizontalAdvance(m.text) + 6, fm.height() + 2
                pix = QPixmap(int(math.ceil(w * dpr)), int(math.ceil(h * dpr)))
                pix.setDevicePixelRatio(dpr)
                pix.fill(QColor(0, 0, 0, 0))
                p = QPainter(pix)
                p.fillRect(QRectF(0, 0, w, h), QColor(*self.colors.flag_bg))
                p.setFont(font)
                p.setPen(QColor(self.colors.ink(m.color)))
                p.drawText(QRectF(3, 1, w - 6, h - 2), int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                           m.text)
                p.end()
                self._pixmaps.append(pix)
            self.widths = np.array([pix.width() / dpr + 8 for pix in self._pixmaps], dtype=float)
        self.layout()
        self.update()

    def _pen(self, color: str) -> QPen:
        pen = self._pens.get(color)
        if pen is None:
            c = QColor(self.colors.ink(color))
            c.setAlpha(170)
            pen = self._pens[color] = pg.mkPen(c, width=1, style=Qt.PenStyle.DashLine if self.dashed
                                               else Qt.PenStyle.SolidLine)
        return pen

    def layout(self) -> None:
        """Give each flag the lowest height where it does not run into the flag before it, at the
        current zoom; a flag that would run past the right edge hangs left of its line, one with
        no free height is hidden. Recomputed only when the zoom or the set of hanging flags changes."""
        if not self.flags or not self.marks:
            return
        (x0, x1), _ = self.vb.viewRange()
        px_per_bar = max(self.vb.width(), 1.0) / max(x1 - x0, 1e-9)
        w = self.widths / px_per_bar
        right = self.x + w > x1
        key = (round(px_per_bar, 9), right.tobytes())
        if key == self._key:
            return
        self._key = key
        start = np.where(right, self.x - w, self.x).tolist()
        end = np.where(right, self.x, self.x + w).tolist()
        ends = [-math.inf] * EVENT_LEVELS           # bar where each height's last flag ends
        for m, s, e, r in zip(self.marks, start, end, right.tolist()):
            m.right = r
            level = next((k for k in range(EVENT_LEVELS) if ends[k] < s), -1)
            m.level = level
            if level >= 0:
                ends[level] = e
        self.update()

    def paint(self, p: QPainter, *args) -> None:
        self.painted = 0
        if not self.marks:
            return
        (x0, x1), _ = self.vb.viewRange()
        width, height = self.vb.width(), self.vb.height()
        k = width / max(x1 - x0, 1e-9)
        lo, hi = x0, x1
        if self.flags:                          # flags reach up to their width beyond the line
            wmax = float(self.widths.max()) / k
            lo, hi = x0 - wmax, x1 + wmax
        j0, j1 = np.searchsorted(self.x, lo, "left"), np.searchsorted(self.x, hi, "right")
        drawn = 0
        for j in range(int(j0), int(j1)):
            m = self.marks[j]
            px = (m.index - x0) * k
            if 0 <= px <= width:
                p.setPen(self._pen(m.color))
                p.drawLine(QLineF(px, 0.0, px, height))
                drawn += 1
            if self.flags and m.level >= 0:
                pix = self._pixmaps[j]
                left = px - pix.width() / pix.devicePixelRatio() if m.right else px
                top = (1 - EVENT_TOP + EVENT_STEP * m.level) * height
                p.drawPixmap(QPointF(left, top), pix)
        self.painted = drawn

    def flag_rect(self, j: int) -> QRectF:
        """Where flag ``j`` is drawn, in ViewBox pixels (empty when hidden)."""
        m = self.marks[j]
        if not self.flags or m.level < 0:
            return QRectF()
        (x0, x1), _ = self.vb.viewRange()
        k = self.vb.width() / max(x1 - x0, 1e-9)
        pix = self._pixmaps[j]
        w, h = pix.width() / pix.devicePixelRatio(), pix.height() / pix.devicePixelRatio()
        px = (m.index - x0) * k
        return QRectF(px - w if m.right else px, (1 - EVENT_TOP + EVENT_STEP * m.level) * self.vb.height(), w, h)

    def mark_at(self, pos: QPointF) -> EventMark | None:
        """The marker whose flag or line (within 4 px) is at ``pos`` (ViewBox pixels)."""
        if not self.marks:
            return None
        (x0, x1), _ = self.vb.viewRange()
        k = self.vb.width() / max(x1 - x0, 1e-9)
        for j in range(len(self.marks)):
            if self.flag_rect(j).contains(pos):
                return self.marks[j]
        near = np.abs((self.x - x0) * k - pos.x())
        j = int(np.argmin(near))
        return self.marks[j] if near[j] <= 4 else None


class CandleChart(QWidget):
    """Candles + volume + moving averages + crosshair for one price frame, by day, week or month.

    Keys (on the plot, as in Futu and TradingView): ``+`` / ``Up`` zoom in and ``-`` / ``Down``
    zoom out around the right edge, ``Left`` / ``Right`` pan by an eighth of the view, ``Home`` /
    ``End`` jump to the first / last bar.
    """

    periodChanged = Signal(str)
    logChanged = Signal(bool)

    def __init__(self, parent: QWidget | None = None, ma_windows: Sequence[int] = (5, 20, 60),
                 colors: tuple[str, str] = CN):
        super().__init__(parent)
        self.ma_windows = tuple(ma_windows)
        self.daily: pd.DataFrame | None = None      # the bars given (daily)
        self.frame: pd.DataFrame | None = None      # the bars shown (daily, weekly or monthly)
        self.period = "day"
        self.log = False
        self.code = ""
        self.readout = QLabel(" ")
        self.readout.setTextFormat(Qt.TextFormat.PlainText)
        self.readout.setStyleSheet("font-family: monospace; padding: 2px 4px")
        self.readout.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)  # never widens the dock
        self.title = QLabel("")
        self.title.setStyleSheet("font-weight: 600; padding: 2px 4px")
        top = QHBoxLayout()
        top.setContentsMargins(2, 0, 0, 0)
        top.setSpacing(0)
        self.period_buttons: dict[str, QToolButton] = {}
        self.period_group = QButtonGroup(self)
        self.period_group.setExclusive(True)
        names = {"day": self.tr("Day"), "week": self.tr("Week"), "month": self.tr("Month")}
        tips = {"day": self.tr("Daily bars"), "week": self.tr("Weekly bars (ISO weeks, from the daily bars)"),
                "month": self.tr("Monthly bars (calendar months, from the daily bars)")}
        for key in PERIODS:
            b = QToolButton()
            b.setObjectName(f"candlePeriod_{key}")
            b.setText(names[key])
            b.setToolTip(tips[key])
            b.setCheckable(True)
            b.setChecked(key == self.period)
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            b.clicked.connect(lambda _=False, k=key: self.set_period(k))
            self.period_group.addButton(b)
            self.period_buttons[key] = b
            top.addWidget(b)
        self.log_button = QToolButton()
        self.log_button.setObjectName("candleLog")
        self.log_button.setText(self.tr("Log"))
        self.log_button.setToolTip(self.tr("Logarithmic price scale: equal moves in percent look equal"))
        self.log_button.setCheckable(True)
        self.log_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.log_button.toggled.connect(self.set_log)
        top.addWidget(self.log_button)
        self.ma_legend = QLabel("")     # MA values in the colours of their lines
        self.ma_legend.setTextFormat(Qt.TextFormat.RichText)
        self.ma_legend.setStyleSheet("font-family: monospace; padding: 2px 4px")
        top.addWidget(self.title)
        top.addWidget(self.readout, 1)
        top.addWidget(self.ma_legend)

        self.colors: ChartColors = LIGHT    # the theme's (widgets.charts.theme), set below
        self.glw = pg.GraphicsLayoutWidget()
        self.glw.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.axis = BarDateAxis()
        self.price_axis = BarDateAxis()      # shown when there is no volume pane (indices)
        self.price_left = PriceAxis()
        self.price_plot = self.glw.addPlot(row=0, col=0, axisItems={"bottom": self.price_axis,
                                                                    "left": self.price_left})
        self.volume_plot = self.glw.addPlot(row=1, col=0, axisItems={"bottom": self.axis, "left": VolumeAxis()})
        self.glw.ci.layout.setRowStretchFactor(0, 4)
        self.glw.ci.layout.setRowStretchFactor(1, 1)
        self.glw.installEventFilter(self)   # resize: volume pane share; leave: crosshair off; keys
        for plot in (self.price_plot, self.volume_plot):
            for name in ("left", "bottom", "right", "top"):
                plot.getAxis(name).enableAutoSIPrefix(False)   # (re-sets the label's HTML on every pan)
            plot.setMenuEnabled(False)
            # (no grid: pyqtgraph's axis grid costs 12-20 ms a frame in the raster engine)
            plot.getAxis("left").setWidth(64)
            vb = plot.getViewBox()
            vb.setMouseEnabled(x=True, y=False)
            vb.setAutoVisible(y=True)
            vb.enableAutoRange(axis="y")
        self.price_plot.hideAxis("bottom")
        self.volume_plot.setXLink(self.price_plot)
        self.volume_plot.getAxis("left").setLabel("")

        self.candles = CandlestickItem(*colors)
        self.volume = VolumeItem(*colors)
        self.price_plot.addItem(self.candles)
        self.volume_plot.addItem(self.volume)
        self.ma_items = []
        for k, w in enumerate(self.ma_windows):
            item = pg.PlotDataItem(pen=pg.mkPen(MA_COLORS[k % len(MA_COLORS)], width=1), connect="finite",
                                   clipToView=True, autoDownsample=True, name=f"MA{w}")
            # (ignoreBounds: the candles' bounds hold the MAs, so a pan does not scan their whole series)
            self.price_plot.addItem(item, ignoreBounds=True)
            self.ma_items.append(item)
        dash = pg.mkPen(self.colors.reference, width=1, style=Qt.PenStyle.DashLine)
        self.vline = pg.InfiniteLine(angle=90, movable=False, pen=dash)
        self.hline = pg.InfiniteLine(angle=0, movable=False, pen=dash)
        self.vline2 = pg.InfiniteLine(angle=90, movable=False, pen=dash)
        for ln in (self.vline, self.hline):
            self.price_plot.addItem(ln, ignoreBounds=True)
        self.volume_plot.addItem(self.vline2, ignoreBounds=True)
        self._set_cross_visible(False)
        self.events_item = EventsItem(self.price_plot.getViewBox(), flags=True, dashed=True)
        self.volume_events = EventsItem(self.volume_plot.getViewBox(), flags=False, dashed=False)
        self.glw.scene().sigMouseMoved.connect(self._mouse_moved)
        self.price_plot.getViewBox().sigXRangeChanged.connect(lambda *_: self.stagger_events())

        self.empty = empty_label(no_prices_text(self.tr("this listing")))
        chart = QWidget()
        lay = QVBoxLayout(chart)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        lay.addLayout(top)
        lay.addWidget(self.glw, 1)
        self.stack = QStackedWidget()
        self.stack.addWidget(chart)
        self.stack.addWidget(self.empty)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)
        self.events: list[tuple] = []
        self.event_marks: list[EventMark] = []
        self.event_at: dict[int, list[tuple]] = {}
        self.ma: dict[int, np.ndarray] = {}
        self.set_frame(None)
        follow_theme(self, self._recolor)

    def _recolor(self, colors: ChartColors) -> None:
        """Background, axes, crosshair and event flags in the theme's colours (the candles' red
        and green read on both)."""
        self.colors = colors
        self.glw.setBackground(colors.background)
        for plot in (self.price_plot, self.volume_plot):
            style_plot(plot, colors)
        dash = pg.mkPen(colors.reference, width=1, style=Qt.PenStyle.DashLine)
        for ln in (self.vline, self.hline, self.vline2):
            ln.setPen(dash)
        for item in (self.events_item, self.volume_events):
            item.set_colors(colors)

    # ---- data ------------------------------------------------------------------------------
    def set_frame(self, frame: pd.DataFrame | None, title: str = "", code: str | None = None,
                  show_last: int | None = 250) -> None:
        """Show one series of daily bars (a normalised price frame; its first code if it holds
        several), as day, week or month bars depending on :attr:`period`."""
        if frame is not None and len(frame) and "code" in frame and frame["code"].nunique() > 1:
            frame = frame[frame["code"] == frame["code"].iloc[0]]
        previous = self.code
        self._set_cross_visible(False)
        self.code = code or (str(frame["code"].iloc[0]) if frame is not None and len(frame) and "code" in frame
                             else "")
        self.title.setText(title or self.code)
        if frame is None or not len(frame):
            self.daily = None
            self._show_bars(None)
            self.empty.setText(no_prices_text(self.code) if self.code
                               else self.tr("Select a company in the table to see its candles."))
            self.stack.setCurrentIndex(1)
            self.title.setText(title)
            if self.code != previous:
                self.events = []
            return
        self.daily = frame.sort_values("date").reset_index(drop=True)
        self._show_bars(resample(self.daily, self.period))
        self.stack.setCurrentIndex(0)
        # the same listing's bars again (a refresh) keep its events; another listing drops them
        self.set_events(self.events if self.code == previous else [])
        if show_last:
            self.show_last(show_last)

    def _show_bars(self, f: pd.DataFrame | None) -> None:
        """Hand the bars to the items (prices as log10 in log mode)."""
        if f is None or not len(f):
            self.frame = None
            self.candles.set_data(*(np.zeros(0),) * 4)
            self.volume.set_data(np.zeros(0), np.zeros(0, dtype=bool))
            for item in self.ma_items:
                item.setData([], [])
            self.axis.set_dates(np.zeros(0, dtype="datetime64[D]"))
            self.price_axis.set_dates(np.zeros(0, dtype="datetime64[D]"))
            self._clear_event_marks()
            return
        f = f.reset_index(drop=True)
        self.frame = f
        c = f["close"].to_numpy(dtype=float)
        o = f["open"].to_numpy(dtype=float) if "open" in f else np.full(len(c), np.nan)
        h = f["high"].to_numpy(dtype=float) if "high" in f else np.full(len(c), np.nan)
        lo = f["low"].to_numpy(dtype=float) if "low" in f else np.full(len(c), np.nan)
        v = f["volume"].to_numpy(dtype=float) if "volume" in f else np.full(len(c), np.nan)
        ty = self._ty
        self.candles.set_data(ty(o), ty(h), ty(lo), ty(c))
        self.volume.set_data(v, np.where(np.isnan(o), True, c >= o))
        x = np.arange(len(c), dtype=float)
        self.ma = {}
        blo, bhi = self.candles.l.copy(), self.candles.h.copy()
        for w, item in zip(self.ma_windows, self.ma_items):
            ma = pd.Series(c).rolling(w, min_periods=w).mean().to_numpy()
            self.ma[w] = ma
            tma = ty(ma)
            item.setData(x, tma)
            blo, bhi = np.fmin(blo, tma), np.fmax(bhi, tma)
        self.candles.bounds = (blo, bhi)     # the y range follows the bars and MAs in view
        dates = f["date"].to_numpy(dtype="datetime64[D]")
        self.axis.set_dates(dates)
        self.price_axis.set_dates(dates)
        has_volume = bool(np.nan_to_num(v).any())
        self.volume_plot.setVisible(has_volume)
        self.price_plot.showAxis("bottom", not has_volume)
        for vb in (self.price_plot.getViewBox(), self.volume_plot.getViewBox()):
            vb.setLimits(xMin=-5, xMax=len(c) + 5, minXRange=5)
        self._show_bar(len(c) - 1)

    def _ty(self, a: np.ndarray) -> np.ndarray:
        """Prices as the price pane holds them: log10 in log mode (non-positive ones dropped)."""
        a = np.asarray(a, dtype=float)
        if not self.log:
            return a
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(a > 0, np.log10(np.where(a > 0, a, 1.0)), np.nan)

    # ---- period and scale ------------------------------------------------------------------
    def set_period(self, period: str) -> None:
        """Show day, week or month bars (resampled from the daily bars), keeping the date at the
        right edge (or in view, when fewer bars precede it) and the number of bars in view."""
        if period not in PERIODS:
            raise ValueError(f"unknown period {period!r} (use one of {', '.join(PERIODS)})")
        self.period_buttons[period].setChecked(True)
        if period == self.period:
            return
        anchor = self._right_edge_date()
        span = self.visible_bars()
        self.period = period
        if self.daily is not None:
            self._show_bars(resample(self.daily, period))
            self.set_events(self.events)
            self._restore(anchor, span)
        self.periodChanged.emit(period)

    def set_log(self, on: bool) -> None:
        """A logarithmic (``True``) or linear price scale."""
        on = bool(on)
        if self.log_button.isChecked() != on:
            self.log_button.setChecked(on)     # (toggled comes back here)
            return
        if on == self.log:
            return
        (x0, x1), _ = self.price_plot.getViewBox().viewRange()
        self.log = on
        self.price_left.set_log(on)
        if self.frame is not None:
            self._show_bars(self.frame)
            self.set_events(self.events)
            self.price_plot.setXRange(x0, x1, padding=0)
        self.price_plot.getViewBox().enableAutoRange(axis="y")
        self.logChanged.emit(on)

    def _right_edge_date(self):
        if self.frame is None:
            return None
        (_, x1), _ = self.price_plot.getViewBox().viewRange()
        i = min(max(int(math.floor(x1 + 0.5)) - 1, 0), len(self.frame) - 1)
        return self.frame["date"].iloc[i]

    def _restore(self, anchor, span: int) -> None:
        if self.frame is None:
            return
        n = len(self.frame)
        span = max(5, min(span, n))
        if anchor is None:
            self.show_last(span)
            return
        dates = self.frame["date"].to_numpy()
        last = min(int(np.searchsorted(dates, np.datetime64(anchor), side="left")), n - 1)
        x0 = max(last + 0.5 - span, -0.5)      # too few bars before it: from the first bar on
        self.set_x_range(x0, x0 + span)

    # ---- keyboard zoom and pan ---------------------------------------------------------------
    def visible_bars(self) -> int:
        """How many bars the view spans (rounded)."""
        (x0, x1), _ = self.price_plot.getViewBox().viewRange()
        return int(round(x1 - x0))

    def zoom(self, factor: float) -> None:
        """Show ``factor`` times as many bars, keeping the right edge (at least 5, at most all + 5)."""
        if self.frame is None:
            return
        (x0, x1), _ = self.price_plot.getViewBox().viewRange()
        n = len(self.frame)
        span = min(max((x1 - x0) * factor, 5.0), n + 5.0)
        x1 = min(x1, n + 4.5)
        self.set_x_range(max(x1 - span, -5.0), max(x1 - span, -5.0) + span)

    def pan(self, fraction: float) -> None:
        """Move the view by ``fraction`` of its width (negative: back in time), within the bars."""
        if self.frame is None:
            return
        (x0, x1), _ = self.price_plot.getViewBox().viewRange()
        n = len(self.frame)
        span = x1 - x0
        step = math.copysign(max(1.0, round(abs(fraction) * span)), fraction)
        x0 = min(max(x0 + step, -0.5 - span * 0.02), n - 0.5 - span * 0.98)
        self.set_x_range(x0, x0 + span)

    def jump(self, where: str) -> None:
        """``"first"``: the first bar at the left edge; ``"last"``: the last bar at the right edge."""
        if self.frame is None:
            return
        (x0, x1), _ = self.price_plot.getViewBox().viewRange()
        span = x1 - x0
        x0 = -0.5 if where == "first" else len(self.frame) - 0.5 - span
        self.set_x_range(x0, x0 + span)

    def _key(self, ev) -> bool:
        key, text = ev.key(), ev.text()
        if ev.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
            return False
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Plus, Qt.Key.Key_Equal) or text in ("+", "="):
            self.zoom(1 / ZOOM_STEP)
        elif key in (Qt.Key.Key_Down, Qt.Key.Key_Minus, Qt.Key.Key_Underscore) or text in ("-", "_"):
            self.zoom(ZOOM_STEP)
        elif key == Qt.Key.Key_Left:
            self.pan(-PAN_STEP)
        elif key == Qt.Key.Key_Right:
            self.pan(PAN_STEP)
        elif key == Qt.Key.Key_Home:
            self.jump("first")
        elif key == Qt.Key.Key_End:
            self.jump("last")
        else:
            return False
        return True

    # ---- events ----------------------------------------------------------------------------
    def set_events(self, events) -> list[EventMark]:
        """Mark events: ``(date, label, kind)`` tuples (more fields are fine: a 4th, ``detail``,
        becomes the tooltip — :class:`app.prices.events.ChartEvent` fits). Each goes to the first
        bar on or after its date (with weekly or monthly bars: the bar of its week or month);
        events outside the bars are skipped. Returns the markers drawn (in bar order)."""
        self.events = [tuple(e) for e in (events or [])]
        self._clear_event_marks()
        if self.frame is None or not self.events:
            return []
        dates = self.axis.dates
        first = self.daily["date"].iloc[0] if self.daily is not None else dates[0]
        lo = np.datetime64(pd.Timestamp(first).date(), "D")
        by_bar: dict[int, list[tuple]] = {}
        for ev in self.events:
            try:
                day = np.datetime64(pd.Timestamp(ev[0]).date(), "D")
            except (TypeError, ValueError):
                continue
            if day < lo or day > dates[-1]:
                continue
            i = int(np.searchsorted(dates, day, side="left"))
            by_bar.setdefault(i, []).append(ev)
        self.event_marks = [self._event_mark(i, by_bar[i]) for i in sorted(by_bar)]
        self.event_at = {m.index: m.events for m in self.event_marks}
        self.events_item.set_marks(self.event_marks)
        self.volume_events.set_marks(self.event_marks)
        self.price_plot.getViewBox().setDefaultPadding(EVENT_PADDING if self.event_marks else 0.02)
        return list(self.event_marks)

    def stagger_events(self) -> None:
        """Lay the flags out for the current zoom (called whenever the x range changes)."""
        self.events_item.layout()

    def _event_mark(self, i: int, evs: list[tuple]) -> EventMark:
        kinds = [str(e[2]) if len(e) > 2 else "other" for e in evs]
        order = list(EVENT_COLORS)
        kind = min(kinds, key=lambda k: order.index(k) if k in order else len(order))
        color = EVENT_COLORS.get(kind, EVENT_COLORS["other"])
        labels = list(dict.fromkeys(str(e[1]) for e in evs))
        text = " · ".join(labels)
        if len(text) > EVENT_FLAG_CHARS:
            text = labels[0][:EVENT_FLAG_CHARS - 8].rstrip() + ("…" if len(labels[0]) > EVENT_FLAG_CHARS - 8 else "")
            if len(labels) > 1:
                text += f" +{len(labels) - 1}"
        day = pd.Timestamp(self.axis.dates[i]).strftime("%Y-%m-%d")
        tip = [f"{day} (bar {i})"]
        for e in evs:
            when = pd.Timestamp(e[0]).strftime("%Y-%m-%d")
            detail = str(e[3]) if len(e) > 3 and e[3] else ""
            tip.append(f"• {when} [{e[2] if len(e) > 2 else 'other'}] {e[1]}" + (f"\n   {detail}" if detail else ""))
        return EventMark(i, list(evs), kind, text, color, "\n".join(tip))

    def _clear_event_marks(self) -> None:
        self.event_marks = []
        self.event_at = {}
        self.events_item.set_marks([])
        self.volume_events.set_marks([])
        self.events_item.setToolTip("")

    def show_last(self, n_bars: int) -> None:
        """Zoom to the last ``n_bars`` bars (all of them if fewer)."""
        if self.frame is None:
            return
        n = len(self.frame)
        self.price_plot.setXRange(max(-0.5, n - n_bars - 0.5), n - 0.5, padding=0.01)

    def set_x_range(self, i0: float, i1: float) -> None:
        self.price_plot.setXRange(i0, i1, padding=0)

    @property
    def is_empty(self) -> bool:
        return self.frame is None

    # ---- crosshair, keys ---------------------------------------------------------------
    def eventFilter(self, obj, ev):
        if obj is self.glw:
            t = ev.type()
            if t == QEvent.Type.Leave:
                self.hide_crosshair()
            elif t == QEvent.Type.Resize:
                self._size_volume(ev.size().height())
            elif t == QEvent.Type.KeyPress and self._key(ev):
                return True
        return super().eventFilter(obj, ev)

    def _size_volume(self, height: int) -> None:
        """The volume pane takes about :data:`VOLUME_SHARE` of the height, whatever the dock size."""
        h = max(36.0, height * VOLUME_SHARE)
        self.glw.ci.layout.setRowMaximumHeight(1, h)
        self.glw.ci.layout.setRowPreferredHeight(1, h)
        self.glw.ci.layout.setRowMinimumHeight(1, min(h, 36.0))

    def volume_share(self) -> float:
        total = self.price_plot.height() + self.volume_plot.height()
        return self.volume_plot.height() / total if total and self.volume_plot.isVisible() else 0.0

    def hide_crosshair(self) -> None:
        self._set_cross_visible(False)
        self.events_item.setToolTip("")
        if self.frame is not None:
            self._show_bar(len(self.frame) - 1)

    def _set_cross_visible(self, on: bool) -> None:
        for ln in (self.vline, self.hline, self.vline2):
            ln.setVisible(on)

    def _mouse_moved(self, pos) -> None:
        if self.frame is None:
            return
        vb = self.price_plot.getViewBox()
        in_price = self.price_plot.sceneBoundingRect().contains(pos)
        in_volume = self.volume_plot.isVisible() and self.volume_plot.sceneBoundingRect().contains(pos)
        if not (in_price or in_volume):
            self._set_cross_visible(False)
            self.events_item.setToolTip("")
            self._show_bar(len(self.frame) - 1)
            return
        mark = self.events_item.mark_at(self.events_item.mapFromScene(pos)) if in_price else None
        self.events_item.setToolTip(mark.tip if mark else "")
        pt = vb.mapSceneToView(pos)
        i = int(round(pt.x()))
        i = min(max(i, 0), len(self.frame) - 1)
        self.vline.setPos(i)
        self.vline2.setPos(i)
        self.hline.setPos(pt.y())
        self.hline.setVisible(in_price)
        self.vline.setVisible(True)
        self.vline2.setVisible(True)
        self._show_bar(i)

    def _show_bar(self, i: int) -> None:
        f = self.frame
        if f is None or not 0 <= i < len(f):
            self.readout.setText(" ")
            self.ma_legend.setText("")
            return
        r = f.iloc[i]
        prev = f["close"].iloc[i - 1] if i > 0 else np.nan
        chg = f"{(r['close'] / prev - 1) * 100:+.2f}%" if prev == prev else ""

        def num(v):
            return "—" if v != v else f"{v:,.2f}"
        day = r["date"].strftime("%Y-%m-%d")
        if self.period == "week":
            day = self.tr("week to {day}").format(day=day)
        elif self.period == "month":
            day = r["date"].strftime("%Y-%m")
        parts = [day, f"O {num(r['open'])}", f"H {num(r['high'])}",
                 f"L {num(r['low'])}", f"C {num(r['close'])}", chg, f"V {_fmt_volume(r['volume'])}"]
        self.ma_legend.setText("&nbsp;&nbsp;".join(
            f'<span style="color:{MA_COLORS[k % len(MA_COLORS)]}">MA{w} {num(self.ma[w][i])}</span>'
            for k, w in enumerate(self.ma_windows) if self.ma[w][i] == self.ma[w][i]))
        if i in self.event_at:
            parts.append("◆ " + " · ".join(dict.fromkeys(str(e[1]) for e in self.event_at[i])))
        self.readout.setText("  ".join(p for p in parts if p))
        self.current_bar = i

    # ---- export ------------------------------------------------------------------------
    def export_png(self, path: str) -> bool:
        return self.grab().save(str(path), "PNG")


__all__ = ["CandleChart", "CandlestickItem", "VolumeItem", "BarDateAxis", "PriceAxis", "EventsItem", "CN", "WEST",
           "EVENT_COLORS", "EventMark", "PERIODS", "log_ticks"]
