"""Candlesticks with volume, a trading-day axis, a crosshair with an OHLC readout and moving averages.

The x coordinate is the bar number (0 … n-1), so weekends and holidays leave no gaps; the date
axis labels bar numbers with their dates. Drawing is cheap at any zoom:

* candles are recorded into cached ``QPicture`` blocks of :data:`CHUNK` consecutive bars (on
  first sight) and only the blocks that intersect the view are replayed. (One picture per bar
  was measured first: replaying a ``QPicture`` costs ~50 µs however small it is, so 250 visible
  candles took 15 ms a frame; a block of 64 costs about the same as one bar.)
* when bars get thinner than a few pixels (zoomed out over years), blocks of
  :data:`LOD_CHUNK` bars are drawn as high-low strokes instead;
* the price axis follows the visible bars (``dataBounds`` answers for the visible range).

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
from typing import NamedTuple, Sequence

import numpy as np
import pandas as pd
import pyqtgraph as pg
from PySide6.QtCore import QLineF, QRectF, Qt
from PySide6.QtGui import QPainter, QPicture
from PySide6.QtWidgets import QHBoxLayout, QLabel, QStackedWidget, QVBoxLayout, QWidget

from widgets.charts.common import empty_label

CHUNK = 64                   # bars per cached picture
LOD_CHUNK = 512              # bars per cached picture when zoomed out
DETAIL_MIN_PX = 3.0          # below this many pixels per bar, draw high-low strokes instead
EMPTY_TEXT = ("No prices for {what} yet — press F5 (Prices > Refresh prices) to download them, "
              "or read a file with Prices > Import price history….")
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


def _lerp_index(n: int, x0: float, x1: float) -> tuple[int, int]:
    """Visible bar numbers [i0, i1) for an x range, clipped to the data."""
    i0 = max(0, int(math.floor(x0 + 0.5)))
    i1 = min(n, int(math.ceil(x1 + 0.5)))
    return i0, max(i0, i1)


class _BarsItem(pg.GraphicsObject):
    """Bars drawn from cached block pictures; only blocks in view are replayed."""

    def __init__(self, up: str, down: str):
        super().__init__()
        self.n = 0
        self._pics: dict[int, QPicture] = {}      # detail blocks of CHUNK bars
        self._blocks: dict[int, QPicture] = {}    # zoomed-out blocks of LOD_CHUNK bars
        self._bounds = QRectF()
        self.up_pen = pg.mkPen(up, width=1)
        self.down_pen = pg.mkPen(down, width=1)
        self.up_brush = pg.mkBrush(up)
        self.down_brush = pg.mkBrush(down)
        self.painted = 0      # pictures replayed by the last paint (for tests and benchmarks)
        self.painted_bars = (0, 0)

    # subclasses: _lo/_hi arrays, _draw_detail(painter, i0, i1), _draw_lod(painter, i0, i1)
    _lo: np.ndarray
    _hi: np.ndarray

    def _reset(self, n: int) -> None:
        self.prepareGeometryChange()
        self.n = n
        self._pics.clear()
        self._blocks.clear()
        if n:
            lo, hi = float(np.nanmin(self._lo)), float(np.nanmax(self._hi))
            if hi <= lo:
                hi = lo + 1.0
            self._bounds = QRectF(-0.5, lo, n, hi - lo)
        else:
            self._bounds = QRectF()
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
        lo, hi = np.nanmin(self._lo[i0:i1]), np.nanmax(self._hi[i0:i1])
        return (float(lo), float(hi)) if np.isfinite(lo) and np.isfinite(hi) else (None, None)

    def visible_range(self) -> tuple[int, int, float]:
        vb = self.getViewBox()
        if vb is None or not self.n:
            return 0, self.n, 100.0
        (x0, x1), _ = vb.viewRange()
        i0, i1 = _lerp_index(self.n, x0, x1)
        px_per_bar = vb.width() / max(x1 - x0, 1e-9)
        return i0, i1, px_per_bar

    def paint(self, p: QPainter, *args) -> None:
        if not self.n:
            return
        i0, i1, px = self.visible_range()
        detail = px >= DETAIL_MIN_PX
        size, cache, draw = (CHUNK, self._pics, self._draw_detail) if detail else \
            (LOD_CHUNK, self._blocks, self._draw_lod)
        count = 0
        for b in range(i0 // size, (max(i1, 1) - 1) // size + 1):
            pic = cache.get(b)
            if pic is None:
                pic = QPicture()
                q = QPainter(pic)
                draw(q, b * size, min(self.n, (b + 1) * size))
                q.end()
                cache[b] = pic
            pic.play(p)
            count += 1
        self.painted = count
        self.painted_bars = (i0 // size * size, min(self.n, ((max(i1, 1) - 1) // size + 1) * size))

    def _draw_detail(self, p: QPainter, i0: int, i1: int) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def _draw_lod(self, p: QPainter, i0: int, i1: int) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    @staticmethod
    def _lines(x, y0, y1) -> list:
        return [QLineF(float(a), float(b), float(a), float(c)) for a, b, c in zip(x, y0, y1)]


class CandlestickItem(_BarsItem):
    """OHLC candles at x = bar number. Bars without an open/high/low draw as a close tick."""

    def __init__(self, up: str = CN[0], down: str = CN[1]):
        super().__init__(up, down)
        self.o = self.h = self.l = self.c = np.zeros(0)
        self._lo = self._hi = np.zeros(0)

    def set_data(self, o: np.ndarray, h: np.ndarray, l: np.ndarray, c: np.ndarray) -> None:  # noqa: E741
        c = np.asarray(c, dtype=float)
        self.o = np.where(np.isnan(o), c, o)
        self.h = np.fmax(np.where(np.isnan(h), c, h), np.fmax(self.o, c))
        self.l = np.fmin(np.where(np.isnan(l), c, l), np.fmin(self.o, c))
        self.c = c
        self._lo, self._hi = self.l, self.h
        self._reset(len(c))

    def _draw_detail(self, p: QPainter, i0: int, i1: int) -> None:
        x = np.arange(i0, i1)
        o, h, lo, c = self.o[i0:i1], self.h[i0:i1], self.l[i0:i1], self.c[i0:i1]
        up = c >= o
        flat = np.abs(c - o) < 1e-12
        for mask, pen, brush in ((up, self.up_pen, self.up_brush), (~up, self.down_pen, self.down_brush)):
            if not mask.any():
                continue
            p.setPen(pen)
            p.setBrush(brush)
            p.drawLines(self._lines(x[mask], lo[mask], h[mask]))
            body = mask & ~flat
            if body.any():
                p.drawRects([QRectF(float(xi) - 0.36, float(oi), 0.72, float(ci - oi))
                             for xi, oi, ci in zip(x[body], o[body], c[body])])
            ticks = mask & flat
            if ticks.any():
                p.drawLines([QLineF(float(xi) - 0.36, float(ci), float(xi) + 0.36, float(ci))
                             for xi, ci in zip(x[ticks], c[ticks])])

    def _draw_lod(self, p: QPainter, i0: int, i1: int) -> None:
        x = np.arange(i0, i1)
        up = self.c[i0:i1] >= self.o[i0:i1]
        for mask, pen in ((up, self.up_pen), (~up, self.down_pen)):
            if mask.any():
                p.setPen(pen)
                p.drawLines(self._lines(x[mask], self.l[i0:i1][mask], self.h[i0:i1][mask]))


class VolumeItem(_BarsItem):
    def __init__(self, up: str = CN[0], down: str = CN[1]):
        super().__init__(up, down)
        self.v = np.zeros(0)
        self.up = np.zeros(0, dtype=bool)

    def set_data(self, volume: np.ndarray, up: np.ndarray) -> None:
        self.v = np.nan_to_num(np.asarray(volume, dtype=float), nan=0.0)
        self.up = np.asarray(up, dtype=bool)
        self._lo = np.zeros(len(self.v))
        self._hi = self.v
        self._reset(len(self.v))

    def _draw_detail(self, p: QPainter, i0: int, i1: int) -> None:
        x = np.arange(i0, i1)
        up = self.up[i0:i1]
        v = self.v[i0:i1]
        p.setPen(pg.mkPen(None))
        for mask, brush in ((up, self.up_brush), (~up, self.down_brush)):
            if mask.any():
                p.setBrush(brush)
                p.drawRects([QRectF(float(xi) - 0.36, 0.0, 0.72, float(vi)) for xi, vi in zip(x[mask], v[mask])])

    def _draw_lod(self, p: QPainter, i0: int, i1: int) -> None:
        x = np.arange(i0, i1)
        up = self.up[i0:i1]
        v = self.v[i0:i1]
        for mask, pen in ((up, self.up_pen), (~up, self.down_pen)):
            if mask.any():
                p.setPen(pen)
                p.drawLines(self._lines(x[mask], np.zeros(int(mask.sum())), v[mask]))


class BarDateAxis(pg.AxisItem):
    """Labels bar numbers with their dates, at year / quarter / month / week / day boundaries."""

    def __init__(self, *a, **kw):
        super().__init__(*a, orientation="bottom", **kw)
        self.dates = np.zeros(0, dtype="datetime64[D]")
        self._levels: list[tuple[str, np.ndarray]] = []
        self._level = "day"

    def set_dates(self, dates: np.ndarray) -> None:
        d = np.asarray(dates, dtype="datetime64[D]")
        self.dates = d
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
        for v in values:
            i = int(round(v))
            if not 0 <= i < n:
                out.append("")
                continue
            d = pd.Timestamp(self.dates[i])
            if self._level in ("year", "5 years"):
                out.append(f"{d.year}")
            elif self._level in ("quarter", "month"):
                out.append(f"{d.year}" if d.month == 1 else d.strftime("%b"))
            else:
                out.append(d.strftime("%m-%d"))
        return out


def _fmt_volume(v: float) -> str:
    if v != v:
        return "—"
    for div, unit in ((1e8, "亿"), (1e4, "万")):
        if abs(v) >= div:
            return f"{v / div:,.2f}{unit}"
    return f"{v:,.0f}"


class EventMark(NamedTuple):
    """One event marker: the bar, its events, the kind that colours it and the flag text."""

    index: int
    events: list
    kind: str
    text: str
    level: list           # [height index]; mutable: flags re-stagger when the zoom changes
    line: pg.InfiniteLine
    shadow: pg.InfiniteLine


def _event_font():
    from widgets.charts.common import cjk_font

    f = cjk_font()
    f.setPointSizeF(max(7.0, f.pointSizeF() * 0.85))
    return f


class CandleChart(QWidget):
    """Candles + volume + moving averages + crosshair for one price frame."""

    def __init__(self, parent: QWidget | None = None, ma_windows: Sequence[int] = (5, 20, 60),
                 colors: tuple[str, str] = CN):
        super().__init__(parent)
        self.ma_windows = tuple(ma_windows)
        self.frame: pd.DataFrame | None = None
        self.code = ""
        self.readout = QLabel(" ")
        self.readout.setTextFormat(Qt.TextFormat.PlainText)
        self.readout.setStyleSheet("font-family: monospace; padding: 2px 4px")
        self.title = QLabel("")
        self.title.setStyleSheet("font-weight: 600; padding: 2px 4px")
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        self.ma_legend = QLabel("")     # MA values in the colours of their lines
        self.ma_legend.setTextFormat(Qt.TextFormat.RichText)
        self.ma_legend.setStyleSheet("font-family: monospace; padding: 2px 4px")
        top.addWidget(self.title)
        top.addWidget(self.readout, 1)
        top.addWidget(self.ma_legend)

        self.glw = pg.GraphicsLayoutWidget()
        self.glw.setBackground("w")
        self.axis = BarDateAxis()
        self.price_axis = BarDateAxis()      # shown when there is no volume pane (indices)
        self.price_plot = self.glw.addPlot(row=0, col=0, axisItems={"bottom": self.price_axis})
        self.volume_plot = self.glw.addPlot(row=1, col=0, axisItems={"bottom": self.axis})
        self.glw.ci.layout.setRowStretchFactor(0, 4)
        self.glw.ci.layout.setRowStretchFactor(1, 1)
        self.glw.installEventFilter(self)   # resize: volume pane share; leave: crosshair off
        for plot in (self.price_plot, self.volume_plot):
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
        self.volume_plot.getAxis("left").tickStrings = lambda vals, scale, spacing: [_fmt_volume(v) for v in vals]

        self.candles = CandlestickItem(*colors)
        self.volume = VolumeItem(*colors)
        self.price_plot.addItem(self.candles)
        self.volume_plot.addItem(self.volume)
        self.ma_items = []
        for k, w in enumerate(self.ma_windows):
            item = pg.PlotDataItem(pen=pg.mkPen(MA_COLORS[k % len(MA_COLORS)], width=1), connect="finite",
                                   clipToView=True, autoDownsample=True, name=f"MA{w}")
            self.price_plot.addItem(item)
            self.ma_items.append(item)
        dash = pg.mkPen("#888", width=1, style=Qt.PenStyle.DashLine)
        self.vline = pg.InfiniteLine(angle=90, movable=False, pen=dash)
        self.hline = pg.InfiniteLine(angle=0, movable=False, pen=dash)
        self.vline2 = pg.InfiniteLine(angle=90, movable=False, pen=dash)
        for ln in (self.vline, self.hline):
            self.price_plot.addItem(ln, ignoreBounds=True)
        self.volume_plot.addItem(self.vline2, ignoreBounds=True)
        self._set_cross_visible(False)
        self.glw.scene().sigMouseMoved.connect(self._mouse_moved)
        self.price_plot.getViewBox().sigXRangeChanged.connect(lambda *_: self.stagger_events())
        self.price_plot.getViewBox().sigResized.connect(lambda *_: self.stagger_events())

        self.empty = empty_label(EMPTY_TEXT.format(what="this listing"))
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
        self.set_frame(None)

    # ---- data ------------------------------------------------------------------------------
    def set_frame(self, frame: pd.DataFrame | None, title: str = "", code: str | None = None,
                  show_last: int | None = 250) -> None:
        """Show one series (a normalised price frame; its first code if it holds several)."""
        if frame is not None and len(frame) and "code" in frame and frame["code"].nunique() > 1:
            frame = frame[frame["code"] == frame["code"].iloc[0]]
        previous = self.code
        self._set_cross_visible(False)
        self.code = code or (str(frame["code"].iloc[0]) if frame is not None and len(frame) and "code" in frame
                             else "")
        if frame is None or not len(frame):
            self.frame = None
            self.candles.set_data(*(np.zeros(0),) * 4)
            self.volume.set_data(np.zeros(0), np.zeros(0, dtype=bool))
            for item in self.ma_items:
                item.setData([], [])
            self.axis.set_dates(np.zeros(0, dtype="datetime64[D]"))
            self.price_axis.set_dates(np.zeros(0, dtype="datetime64[D]"))
            self.empty.setText(EMPTY_TEXT.format(what=self.code or title or "this listing"))
            self.stack.setCurrentIndex(1)
            self.title.setText(title)
            self._clear_event_marks()
            if self.code != previous:
                self.events = []
            return
        f = frame.sort_values("date").reset_index(drop=True)
        self.frame = f
        c = f["close"].to_numpy(dtype=float)
        o = f["open"].to_numpy(dtype=float) if "open" in f else np.full(len(c), np.nan)
        h = f["high"].to_numpy(dtype=float) if "high" in f else np.full(len(c), np.nan)
        lo = f["low"].to_numpy(dtype=float) if "low" in f else np.full(len(c), np.nan)
        v = f["volume"].to_numpy(dtype=float) if "volume" in f else np.full(len(c), np.nan)
        self.candles.set_data(o, h, lo, c)
        self.volume.set_data(v, self.candles.c >= self.candles.o)
        x = np.arange(len(c), dtype=float)
        self.ma = {}
        for w, item in zip(self.ma_windows, self.ma_items):
            ma = pd.Series(c).rolling(w, min_periods=w).mean().to_numpy()
            self.ma[w] = ma
            item.setData(x, ma)
        dates = f["date"].to_numpy(dtype="datetime64[D]")
        self.axis.set_dates(dates)
        self.price_axis.set_dates(dates)
        has_volume = bool(np.nan_to_num(v).any())
        self.volume_plot.setVisible(has_volume)
        self.price_plot.showAxis("bottom", not has_volume)
        self.title.setText(title or self.code)
        for vb in (self.price_plot.getViewBox(), self.volume_plot.getViewBox()):
            vb.setLimits(xMin=-5, xMax=len(c) + 5, minXRange=5)
        self.stack.setCurrentIndex(0)
        # the same listing's bars again (a refresh) keep its events; another listing drops them
        self.set_events(self.events if self.code == previous else [])
        self._show_bar(len(c) - 1)
        if show_last:
            self.show_last(show_last)

    # ---- events ----------------------------------------------------------------------------
    def set_events(self, events) -> list["EventMark"]:
        """Mark events: ``(date, label, kind)`` tuples (more fields are fine: a 4th, ``detail``,
        becomes the tooltip — :class:`app.prices.events.ChartEvent` fits). Each goes to the first
        bar on or after its date; events outside the bars are skipped. Returns the markers drawn
        (bar index and events, in bar order)."""
        self.events = [tuple(e) for e in (events or [])]
        self._clear_event_marks()
        if self.frame is None or not self.events:
            return []
        dates = self.axis.dates
        by_bar: dict[int, list[tuple]] = {}
        for ev in self.events:
            try:
                day = np.datetime64(pd.Timestamp(ev[0]).date(), "D")
            except (TypeError, ValueError):
                continue
            if day < dates[0] or day > dates[-1]:
                continue
            i = int(np.searchsorted(dates, day, side="left"))
            by_bar.setdefault(i, []).append(ev)
        for i in sorted(by_bar):
            self.event_marks.append(self._add_event_mark(i, by_bar[i]))
        self.event_at = {m.index: m.events for m in self.event_marks}
        self.price_plot.getViewBox().setDefaultPadding(EVENT_PADDING if self.event_marks else 0.02)
        self.stagger_events()
        return list(self.event_marks)

    def stagger_events(self) -> None:
        """Give each flag the lowest height where it does not run into the flag before it (at the
        current zoom; called again whenever the x range changes)."""
        if not self.event_marks:
            return
        vb = self.price_plot.getViewBox()
        (x0, x1), _ = vb.viewRange()
        px_per_bar = max(vb.width(), 1.0) / max(x1 - x0, 1e-9)
        ends = [-math.inf] * EVENT_LEVELS           # bar where each height's last flag ends
        for m in self.event_marks:
            width = (m.line.label.boundingRect().width() + 8) / px_per_bar
            # a flag that would run past the right edge hangs to the left of its line
            right = m.index + width > x1
            start, end = (m.index - width, m.index) if right else (m.index, m.index + width)
            free = [k for k in range(EVENT_LEVELS) if ends[k] < start]
            label = m.line.label
            if not free:
                label.setVisible(False)    # no free height: the line and its tooltip stay
                continue
            label.setVisible(True)
            level = free[0]
            ends[level] = end
            anchors = [(1, 0), (1, 0)] if right else [(0, 0), (0, 0)]
            if label.anchors != anchors:
                label.anchors = anchors
                label.updatePosition()
            if m.level[0] != level:
                m.level[0] = level
                label.setPosition(EVENT_TOP - EVENT_STEP * level)

    def _add_event_mark(self, i: int, evs: list[tuple], level: int = 0) -> "EventMark":
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
        qc = pg.mkColor(color)
        line_color = pg.mkColor(color)
        line_color.setAlpha(170)
        line = pg.InfiniteLine(
            pos=i, angle=90, movable=False, pen=pg.mkPen(line_color, width=1, style=Qt.PenStyle.DashLine),
            label=text, labelOpts={"position": EVENT_TOP - EVENT_STEP * level, "color": qc,
                                   "fill": pg.mkBrush(255, 255, 255, 225), "anchors": [(0, 0), (0, 0)]})
        line.setZValue(20)
        line.label.setFont(_event_font())
        line.label.setZValue(21)
        line.setToolTip("\n".join(tip))
        line.label.setToolTip("\n".join(tip))
        self.price_plot.addItem(line, ignoreBounds=True)
        shadow = pg.InfiniteLine(pos=i, angle=90, movable=False, pen=pg.mkPen(line_color, width=1))
        self.volume_plot.addItem(shadow, ignoreBounds=True)
        return EventMark(i, list(evs), kind, text, [level], line, shadow)

    def _clear_event_marks(self) -> None:
        for m in self.event_marks:
            self.price_plot.removeItem(m.line)
            self.volume_plot.removeItem(m.shadow)
        self.event_marks = []
        self.event_at = {}

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

    # ---- crosshair ---------------------------------------------------------------------
    def eventFilter(self, obj, ev):
        from PySide6.QtCore import QEvent
        if obj is self.glw:
            if ev.type() == QEvent.Type.Leave:
                self.hide_crosshair()
            elif ev.type() == QEvent.Type.Resize:
                self._size_volume(ev.size().height())
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
            self._show_bar(len(self.frame) - 1)
            return
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
        parts = [r["date"].strftime("%Y-%m-%d"), f"O {num(r['open'])}", f"H {num(r['high'])}",
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


__all__ = ["CandleChart", "CandlestickItem", "VolumeItem", "BarDateAxis", "CN", "WEST", "EVENT_COLORS",
           "EventMark"]
