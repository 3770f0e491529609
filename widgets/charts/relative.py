"""Relative performance: listings rebased to 100 against a benchmark, with a range selector.

Each series is rebased at its last close on or before the start of the range (so the value at
the right edge is ``100 × (1 + the range's return)``, the same number the desk's 1M / 3M / YTD
columns show); a series that starts later is rebased at its first bar. The x axis is calendar
time, so listings on different exchanges (different holidays) line up by date.

Usage::

    chart = RelativePerformanceChart()
    chart.set_frame(frame, benchmark="HSTECH.HI", names={"0700.HK": "腾讯控股"})
    chart.set_range("3M")
"""
from __future__ import annotations

from typing import Mapping

import numpy as np
import pandas as pd
import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from widgets.charts.common import (
    RANGES, RangeBar, TopLegend, chart_stack, empty_label, export_png, no_prices_text, range_label,
)
from widgets.charts.theme import LIGHT, ChartColors, follow_theme, style_legend, style_plot
from widgets.i18n import translate

PALETTE = ("#3a7bd5", "#d63c3c", "#1a9a4a", "#e0a000", "#9b59b6", "#16a085", "#e67e22", "#2c3e50",
           "#c0392b", "#7f8c8d")


def range_start(last: pd.Timestamp, key: str) -> pd.Timestamp | None:
    """The first day of a range ending at ``last`` (None for all)."""
    if key == "1M":
        return last - pd.DateOffset(months=1)
    if key == "3M":
        return last - pd.DateOffset(months=3)
    if key == "1Y":
        return last - pd.DateOffset(years=1)
    if key == "YTD":
        return pd.Timestamp(last.year - 1, 12, 31)
    if key == "All":
        return None
    raise ValueError(f"unknown range {key!r} (use one of {', '.join(RANGES)})")


def rebase(s: pd.Series, start: pd.Timestamp | None) -> pd.Series:
    """Closes (indexed by date) from the base bar on, as 100 × close / base close."""
    s = s.dropna()
    if s.empty:
        return s
    if start is not None:
        before = s[s.index <= start]
        base_day = before.index[-1] if len(before) else s.index[0]
        s = s[s.index >= base_day]
    return s / s.iloc[0] * 100.0


class RelativePerformanceChart(QWidget):
    rangeChanged = Signal(str)

    def __init__(self, parent: QWidget | None = None, default_range: str = "1Y"):
        super().__init__(parent)
        self.series: dict[str, pd.Series] = {}
        self.benchmark: str | None = None
        self.names: dict[str, str] = {}
        self.range = default_range
        self.curves: dict[str, pg.PlotDataItem] = {}
        # the drawn lines as numpy (x in ns since 1970, values); ``rebased`` shows them as Series
        self._rebased: dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]] = {}   # dates, ns, values
        self._rebased_series: dict[str, pd.Series] | None = None
        self._pool: list[pg.PlotDataItem] = []      # curves are reused, never re-created
        self._legend_rows: list[tuple[pg.PlotDataItem, str]] = []

        self.range_bar = RangeBar(default_range)
        self.range_bar.picked.connect(self.set_range)
        self.buttons = self.range_bar.buttons
        self.summary = self.range_bar.summary

        self.colors: ChartColors = LIGHT   # the theme's (widgets.charts.theme), set below
        self.plot_widget = pg.PlotWidget(axisItems={"bottom": pg.DateAxisItem()})
        self.plot = self.plot_widget.getPlotItem()
        self.plot.setMenuEnabled(False)
        self.plot.getAxis("left").setWidth(48)
        self.legend = TopLegend(self.plot)     # above the plot area: never over the lines' start
        self.base_line = pg.InfiniteLine(pos=100, angle=0, movable=False)
        self.plot.addItem(self.base_line, ignoreBounds=True)

        self.empty = empty_label(no_prices_text(self.tr("these listings")))
        self.chart = QWidget()
        self.chart_layout = QVBoxLayout(self.chart)
        self.chart_layout.setContentsMargins(0, 0, 0, 0)
        self.chart_layout.setSpacing(0)
        self.chart_layout.addWidget(self.range_bar)
        self.chart_layout.addWidget(self.plot_widget, 1)
        self.stack = chart_stack(self, self.chart, self.empty)
        follow_theme(self, self._recolor)

    def _recolor(self, colors: ChartColors) -> None:
        """Background, axes, legend, the 100 line and the lines' pens in the theme's colours."""
        self.colors = colors
        self.plot_widget.setBackground(colors.background)
        style_plot(self.plot, colors)
        style_legend(self.legend, colors)
        self.base_line.setPen(pg.mkPen(colors.reference, width=1, style=Qt.PenStyle.DotLine))
        self._recolor_more(colors)
        if self.series:
            self._draw()

    def _recolor_more(self, colors: ChartColors) -> None:
        """Subclasses: their own panes (called by :meth:`_recolor`)."""

    # ---- data --------------------------------------------------------------------------
    def set_frame(self, frame: pd.DataFrame | None, benchmark: str | None = None,
                  names: Mapping[str, str] | None = None, codes: list[str] | None = None,
                  range_key: str | None = None) -> None:
        """A long normalised price frame (several codes). ``benchmark`` is one of its codes,
        drawn in grey; ``codes`` lists the codes wanted (missing ones are named in the empty
        state / summary); ``range_key`` one of :data:`RANGES` (default: keep the current one)."""
        if range_key is not None:
            range_start(pd.Timestamp("2000-01-01"), range_key)  # validates
            self.range = range_key
            self.range_bar.set_checked(range_key)
        self.names = dict(names or {})
        self.series = {}
        if frame is not None and len(frame):
            # split by code in numpy (a frame from the cache comes sorted by code, then date)
            labels = frame["code"].to_numpy()
            dates = frame["date"].to_numpy()
            closes = frame["close"].to_numpy(dtype=float)
            if len(labels) > 1 and (labels[1:] < labels[:-1]).any():
                order = np.argsort(labels, kind="stable")
                labels, dates, closes = labels[order], dates[order], closes[order]
            starts = np.flatnonzero(np.r_[True, labels[1:] != labels[:-1]])
            for a, b in zip(starts.tolist(), [*starts[1:].tolist(), len(labels)]):
                d, v = dates[a:b], closes[a:b]
                if len(d) > 1 and not (d[1:] > d[:-1]).all():     # unsorted or the same day twice
                    order = np.argsort(d, kind="stable")
                    d, v = d[order], v[order]
                    keep = np.r_[d[1:] != d[:-1], True]           # the last of a day wins
                    d, v = d[keep], v[keep]
                self.series[str(labels[a])] = pd.Series(v, index=pd.DatetimeIndex(d))
        self.benchmark = benchmark if benchmark in self.series else None
        wanted = codes or list(self.series)
        self.missing = [c for c in wanted if c not in self.series and c != benchmark]
        if benchmark and benchmark not in self.series:
            self.missing.append(benchmark)
        self._draw()

    def set_range(self, key: str) -> None:
        range_start(pd.Timestamp("2000-01-01"), key)  # validates
        self.range = key
        self.range_bar.set_checked(key)
        self._draw()
        self.rangeChanged.emit(key)

    @property
    def is_empty(self) -> bool:
        return not any(c != self.benchmark for c in self.series)

    def _label(self, code: str) -> str:
        name = self.names.get(code)
        return f"{code} {name}" if name else code

    def _empty_text(self) -> str:
        what = ", ".join(self.missing) if getattr(self, "missing", None) else self.tr("these listings")
        return no_prices_text(what)

    def _pen(self, code: str, k: int):
        # Solid 1-2 px pens: dashed or fractional-width pens over thousands of points cost
        # 10x more to draw in the raster engine.
        if code == self.benchmark:
            return pg.mkPen("#8a8a8a", width=2)
        return pg.mkPen(self.colors.ink(PALETTE[k % len(PALETTE)]), width=1)

    @property
    def rebased(self) -> dict[str, pd.Series]:
        """code -> the drawn line (100 on its base bar) as a Series indexed by date."""
        if self._rebased_series is None:
            self._rebased_series = {c: pd.Series(y, index=pd.DatetimeIndex(d))
                                    for c, (d, _, y) in self._rebased.items()}
        return self._rebased_series

    def _curve(self, k: int) -> pg.PlotDataItem:
        while len(self._pool) <= k:
            item = pg.PlotDataItem()
            self.plot.addItem(item)                     # (addItem applies the plot's modes: set them after)
            # about one point per pixel column (the min and max of the bars under two), and only
            # the visible part: a few thousand bars per line cost what a few hundred do
            item.opts["autoDownsampleFactor"] = 0.5
            item.setDownsampling(auto=True, method="peak")
            item.setClipToView(True)
            item.setSkipFiniteCheck(True)              # NaNs are dropped before drawing
            item.curve.setSegmentedLineMode("off")
            self._pool.append(item)
        return self._pool[k]

    def _set_legend(self, rows: list[tuple[pg.PlotDataItem, str]]) -> None:
        if [r[0] for r in rows] == [r[0] for r in self._legend_rows]:
            for (item, name), (_, old), (sample, label) in zip(rows, self._legend_rows, self.legend.items):
                sample.update()                        # the pen may have changed
                if name != old:
                    label.setText(name)
        else:
            self.legend.clear()
            for item, name in rows:
                self.legend.addItem(item, name)
        self._legend_rows = rows
        self.legend.place()                            # a renamed entry may be wider

    def _draw(self) -> None:
        self.curves.clear()
        self._rebased = {}
        self._rebased_series = None
        if self.is_empty:
            for item in self._pool:
                item.setData([], [])
                item.hide()
            self._set_legend([])
            self.empty.setText(self._empty_text())
            self.stack.setCurrentIndex(1)
            self.summary.setText("")
            return
        self.stack.setCurrentIndex(0)
        last = max(s.index[-1] for s in self.series.values())
        start = range_start(last, self.range)
        start_ns = None if start is None else np.datetime64(start.to_datetime64(), "ns").astype("int64")
        order = [c for c in self.series if c != self.benchmark] + ([self.benchmark] if self.benchmark else [])
        parts = []
        rows = []
        lo, hi, x0 = 100.0, 100.0, None
        used = 0
        for k, code in enumerate(order):
            s = self.series[code]
            d = s.index.to_numpy()
            x = d.astype("datetime64[ns]").view("int64")
            v = s.to_numpy(dtype=float)
            ok = ~np.isnan(v)
            if not ok.all():
                d, x, v = d[ok], x[ok], v[ok]
            if not len(v):
                continue
            if start_ns is not None:            # the base bar: the last on or before the start
                i = int(np.searchsorted(x, start_ns, side="right")) - 1
                if i > 0:
                    d, x, v = d[i:], x[i:], v[i:]
            y = v / v[0] * 100.0
            self._rebased[code] = (d, x, y)
            item = self._curve(used)
            used += 1
            item.setPen(self._pen(code, k))
            self.curves[code] = item
            rows.append((item, self._label(code)))
            lo, hi = min(lo, float(y.min())), max(hi, float(y.max()))
            x0 = x[0] if x0 is None else min(x0, x[0])
            parts.append(f"{code} {y[-1] - 100:+.1f}%")
        for item in self._pool:                       # the range first, then the data: each line
            item.setData([], [])                      # is downsampled once, for the final view
        if self._rebased:
            self.plot.setXRange(x0 / 1e9, last.timestamp(), padding=0.02)
            self.plot.setYRange(lo, hi, padding=0.05)
        for item, (_, x, y) in zip(self._pool, self._rebased.values()):
            item.setData(x / 1e9, y)                  # seconds since 1970 for the date axis
            item.show()
        for item in self._pool[used:]:
            item.hide()
        self._set_legend(rows)
        if self.missing:
            parts.append(translate("RelativePerformanceChart", "no prices: {codes}").format(codes=", ".join(self.missing)))
        self.summary.setText(f"{range_label(self.range)}: " + "  ".join(parts))

    def export_png(self, path: str) -> bool:
        return export_png(self, path)
