"""A theme's or a watchlist's equal-weight basket against its benchmark, with a range selector.

The pane is the relative-performance chart (same range buttons, same rebasing: each range starts
at 100 on its base day) fed with two level series — the basket and the benchmark — plus a thin
pane counting the members that have prices each day and a caption naming those that lack them.

Usage::

    from app.prices.basket import basket_index, theme_codes
    codes, unlisted = theme_codes(desk.kb, "tencent-yuanbao-compute")
    frame = basket_index(desk.store, codes, "000300.SH")
    chart = BasketChart()
    chart.set_data(frame, title="Yuanbao compute chain", benchmark_label="CSI 300",
                   missing=frame.attrs["missing"], unlisted=[desk.kb.ref_name(r) for r in unlisted])
"""
from __future__ import annotations

from typing import Mapping, Sequence

import numpy as np
import pandas as pd
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from app.prices.symbols import display_name
from widgets.charts.relative import PALETTE, RelativePerformanceChart
from widgets.charts.theme import style_plot
from widgets.i18n import QT_TRANSLATE_NOOP as _N  # noqa: N814
from widgets.i18n import tr, translate

REBALANCE = {"daily": _N("BasketChart", "daily"), "weekly": _N("BasketChart", "weekly"),
             "monthly": _N("BasketChart", "monthly")}

EMPTY_TEXT = _N("BasketChart", "No prices yet for any of the {n} members of {title} — press F5 (Prices > Refresh "
                               "prices) to download them, or read a file (Prices > Import price history…).")
NO_MEMBERS_TEXT = _N("BasketChart", "{title} has no listed members to build a basket from — add listings to it first.")
MAX_NAMED = 12
COUNT_AXIS_WIDTH = 44   # px: the members count's axis (right), its numbers and label
PANE_GAP = 8            # px between the index pane and the count pane


def _listing(codes: Sequence[str], names: Mapping[str, str], limit: int = MAX_NAMED) -> str:
    shown = [f"{c} {names[c]}" if names.get(c) else c for c in codes]
    if len(shown) > limit:
        return ", ".join(shown[:limit]) + f" … and {len(shown) - limit} more"
    return ", ".join(shown)


def _plain_columns(frame: pd.DataFrame, names: Sequence[str]) -> dict[str, np.ndarray]:
    """Columns of ``frame`` as numpy arrays, without pandas deep-copying ``frame.attrs`` (the
    basket's member lists) into each one."""
    attrs = frame.attrs
    frame.attrs = {}
    try:
        return {c: frame[c].to_numpy() for c in names}
    finally:
        frame.attrs = attrs


class BasketChart(RelativePerformanceChart):
    """Basket vs benchmark (rebased to 100 per range), members-with-prices pane, caption."""

    def __init__(self, parent: QWidget | None = None, default_range: str = "1Y"):
        super().__init__(parent, default_range)
        self.frame: pd.DataFrame | None = None
        self.title_text = ""
        self.basket_key = "Basket"
        self.benchmark_label = ""
        self.basket_missing: list[str] = []
        self.unlisted: list[str] = []
        self.member_names: dict[str, str] = {}
        self.counts = pd.Series(dtype="int64")
        self.with_prices: list[str] = []
        self.n_with = 0

        self.plot.hideAxis("bottom")
        self.count_widget = pg.PlotWidget(axisItems={"bottom": pg.DateAxisItem()})
        self.count_widget.setFixedHeight(86)
        self.count_plot = self.count_widget.getPlotItem()
        self.count_plot.setMenuEnabled(False)
        self.count_plot.setMouseEnabled(x=True, y=False)
        # the count has its own scale, on the right: "70" on the index and "2, 1, 0" below it
        # must not read as one axis. Both panes have a 48 px left and a right axis column, so the
        # dates line up; the index's right axis and the count's left axis carry no numbers.
        self.count_plot.showAxis("right")
        self.count_plot.getAxis("left").setWidth(48)
        self.count_plot.getAxis("left").setStyle(showValues=False)
        self.count_plot.getAxis("right").setWidth(COUNT_AXIS_WIDTH)
        self.count_plot.setLabel("right", "members")
        self.plot.showAxis("right")
        self.plot.getAxis("right").setWidth(COUNT_AXIS_WIDTH)
        self.plot.getAxis("right").setStyle(showValues=False)
        self.count_plot.setXLink(self.plot)
        self.count_curve = pg.PlotDataItem(pen=pg.mkPen("#7f8c8d", width=1), fillLevel=0,
                                           brush=pg.mkBrush(127, 140, 141, 60))
        self.count_plot.addItem(self.count_curve)
        self.count_curve.opts["autoDownsampleFactor"] = 0.5      # as the price pane's lines
        self.count_curve.setDownsampling(auto=True, method="peak")
        self.count_curve.setClipToView(True)
        self.count_curve.setSkipFiniteCheck(True)
        self.caption = QLabel("")
        self.caption.setTextFormat(Qt.TextFormat.PlainText)
        self.caption.setWordWrap(True)
        self.chart_layout.addSpacing(PANE_GAP)            # a strip between the panes: two charts, not one
        self.chart_layout.addWidget(self.count_widget)
        self.chart_layout.addWidget(self.caption)
        self._recolor_more(self.colors)

    def _recolor_more(self, colors) -> None:
        if getattr(self, "caption", None) is None:
            return  # (the base class colours its panes before this one's exist)
        self.count_widget.setBackground(colors.background)
        style_plot(self.count_plot, colors)
        self.caption.setStyleSheet(f"color:{colors.muted}; padding: 2px 6px 4px 6px")

    # ---- data --------------------------------------------------------------------------
    def set_data(self, frame: pd.DataFrame | None, title: str = "Basket", benchmark_label: str = "",
                 missing: Sequence[str] | None = None, unlisted: Sequence[str] = (),
                 names: Mapping[str, str] | None = None, range_key: str | None = None) -> None:
        """A frame from :func:`app.prices.basket.basket_index` (date, basket, benchmark,
        members_count). ``missing``: member codes without prices, added to the frame's
        ``attrs["missing"]``; ``unlisted``: members that cannot have prices (entities), shown in
        the caption; ``names``: code -> name for the caption."""
        if range_key is not None:
            self.set_range_key(range_key)
        self.frame = frame
        self.title_text = title or "Basket"
        attrs = dict(frame.attrs) if frame is not None else {}
        # the frame knows who lacks prices; a caller's list adds to it (never hides it)
        self.basket_missing = list(dict.fromkeys([*(missing or []), *attrs.get("missing", [])]))
        self.unlisted = list(unlisted)
        self.member_names = dict(names or {})
        bench_code = attrs.get("benchmark")
        self.benchmark_label = benchmark_label or (display_name(bench_code) if bench_code else "Benchmark")
        self.basket_key = self.title_text if self.title_text != self.benchmark_label else f"{self.title_text} basket"
        self.names = {}
        self.series = {}
        self.missing = []
        self.counts = pd.Series(dtype="int64")
        self.with_prices = []
        if frame is not None and len(frame):
            # the columns without the frame's attrs (pandas deep-copies them into every column read)
            cols = _plain_columns(frame, ("date", "basket", "benchmark", "members_count"))
            idx = pd.DatetimeIndex(cols["date"])
            self.series[self.basket_key] = pd.Series(cols["basket"].astype(float), index=idx)
            bench = pd.Series(cols["benchmark"].astype(float), index=idx).dropna()
            if len(bench):
                self.series[self.benchmark_label] = bench
            self.counts = pd.Series(cols["members_count"].astype("int64"), index=idx)
            self.with_prices = list(attrs.get("members") or [])
            self.n_with = len(self.with_prices) or int(self.counts.max())
        else:
            self.n_with = 0
        self.benchmark = self.benchmark_label if self.benchmark_label in self.series else None
        self._draw()

    def set_range_key(self, key: str) -> None:
        """Select a range without redrawing (set_data draws)."""
        from widgets.charts.relative import range_start

        range_start(pd.Timestamp("2000-01-01"), key)  # validates
        self.range = key
        self.range_bar.set_checked(key)

    # ---- drawing -----------------------------------------------------------------------
    def _empty_text(self) -> str:
        n = len(self.basket_missing)
        if not n:
            return tr(NO_MEMBERS_TEXT).format(title=self.title_text or self.tr("This basket"))
        text = tr(EMPTY_TEXT).format(n=n, title=self.title_text or self.tr("this basket"))
        return f"{text}\n\nNo prices: {_listing(self.basket_missing, self.member_names)}"

    def _pen(self, code: str, k: int):
        if code == self.benchmark:
            return pg.mkPen("#8a8a8a", width=2)
        return pg.mkPen(PALETTE[0], width=2)

    def _draw(self) -> None:
        super()._draw()
        if self.is_empty:
            self.count_curve.setData([], [])
            self.caption.setText("")
            return
        c = self.counts
        x = c.index.to_numpy().astype("datetime64[s]").astype("float64")
        self.count_curve.setData(x, c.to_numpy(dtype=float))
        self.count_plot.setYRange(0, max(1, int(c.max())) * 1.15, padding=0)
        self.caption.setText(self.caption_text())
        self.caption.setToolTip(self._caption_tooltip())

    def caption_text(self) -> str:
        total = self.n_with + len(self.basket_missing)
        rebalance = (self.frame.attrs.get("rebalance") if self.frame is not None else None) or "daily"
        rebalance = tr(REBALANCE.get(rebalance, rebalance))
        parts = [translate("BasketChart", "{n} of {total} members have prices (equal weight, rebalanced {rebalance}; "
                                          "a member joins at its first close).").format(
            n=self.n_with, total=total, rebalance=rebalance)]
        if self.basket_missing:
            parts.append(translate("BasketChart", "No prices: {codes} — download or import them.").format(
                codes=_listing(self.basket_missing, self.member_names)))
        if self.unlisted:
            parts.append(translate("BasketChart", "Not listed: {names}.").format(
                names=", ".join(self.unlisted[:MAX_NAMED]) + (" …" if len(self.unlisted) > MAX_NAMED else "")))
        if self.benchmark is None:
            parts.append(translate("BasketChart", "Benchmark {name}: no prices.").format(name=self.benchmark_label))
        return " ".join(parts)

    def _caption_tooltip(self) -> str:
        lines = []
        if self.basket_missing:
            lines.append(translate("BasketChart", "No prices: {codes}").format(
                codes=_listing(self.basket_missing, self.member_names, limit=10_000)))
        if self.unlisted:
            lines.append(translate("BasketChart", "Not listed: {names}").format(names=", ".join(self.unlisted)))
        return "\n".join(lines)

    def member_count_at(self, when) -> int:
        """Members with a price on a day (0 before the basket starts)."""
        c = self.counts
        i = int(np.searchsorted(c.index.to_numpy(), np.datetime64(pd.Timestamp(when)), side="right")) - 1
        return int(c.iloc[i]) if i >= 0 else 0


__all__ = ["BasketChart"]
