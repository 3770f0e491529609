"""Chart panes on generated bars: candles by trading day, cached per-bar drawing, crosshair readout,
moving averages, relative performance ranges, empty states, PNG export."""
import numpy as np
import pandas as pd
import pyqtgraph as pg
import pytest
from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QApplication

from tests.app.prices.bars import gen_bars
from widgets.charts import CandleChart, RelativePerformanceChart
from widgets.charts.candles import CHUNK, CN, DETAIL_MIN_PX, LOD_CHUNK
from widgets.charts.relative import rebase, range_start


def bars(n=600, seed=0, code="0700.HK", start="2023-01-02", price=100.0):
    return gen_bars(n, seed=seed, start=start, price=price).assign(code=code, adjustment="qfq")


@pytest.fixture
def candles(qtbot):
    c = CandleChart()
    qtbot.addWidget(c)
    c.resize(900, 560)
    c.show()
    qtbot.waitExposed(c)
    return c


def render(widget):
    QApplication.processEvents()      # pyqtgraph applies range changes on the next event loop turn
    return widget.grab()


def test_trading_day_axis_has_no_gaps(candles):
    f = bars(30, start="2025-12-26")          # spans weekends and New Year
    candles.set_frame(f)
    assert list(candles.candles.c) == list(f["close"])
    # bar numbers are consecutive whatever the calendar gap; the axis names their dates
    dates = candles.axis.dates
    assert len(dates) == 30 and (np.diff(dates.astype("int64")) >= 1).all()
    assert (np.diff(dates.astype("int64")) == 3).any()          # a Friday -> Monday step ...
    friday = int(np.flatnonzero(np.diff(dates.astype("int64")) == 3)[0])
    assert candles.axis.tickStrings([friday, friday + 1], 1, 1) == \
        [pd.Timestamp(dates[friday]).strftime("%m-%d"), pd.Timestamp(dates[friday + 1]).strftime("%m-%d")]
    # ... is still one bar apart: x is the bar number
    assert candles.candles.dataBounds(0) == (-0.5, 29.5)


def test_only_visible_blocks_are_drawn_and_each_is_recorded_once(candles):
    candles.set_frame(bars(5000), show_last=None)
    candles.set_x_range(4000, 4100)
    render(candles)
    item = candles.candles
    b0, b1 = 4000 // CHUNK, 4100 // CHUNK
    assert item.group == 0 and item.painted == b1 - b0 + 1  # 2-3 blocks, not 100 candles
    lo, hi = item.painted_bars
    assert lo <= 4000 and hi >= 4101 and hi - lo <= 4 * CHUNK
    assert set(item._cache) == {(0, b) for b in range(b0, b1 + 1)}   # nothing built off screen
    first = dict(item._cache)
    candles.set_x_range(4010, 4110)                          # pan: built blocks are reused
    render(candles)
    assert all(item._cache[k] is first[k] for k in first)
    assert len(item._cache) - len(first) <= 1
    # zoomed out over everything: under a pixel a bar, one stroke per g bars, not 5000 candles
    candles.set_x_range(-0.5, 4999.5)
    render(candles)
    px = candles.price_plot.getViewBox().width() / 5000
    assert px < 1 < DETAIL_MIN_PX
    g = item.group
    assert g >= 2 and g & (g - 1) == 0 and g * px <= 1.0 < 2 * g * px     # a power of two, strokes <= 1 px apart
    lod = [k for k in item._cache if k[0] == g]
    assert item.painted == -(-5000 // (LOD_CHUNK * g)) == len(lod)
    strokes = sum(len(lines) for k in lod for _, _, lines, _ in item._cache[k])
    assert strokes == -(-5000 // g)                          # each group of g bars is one stroke
    # its stroke spans the group's lowest low to highest high
    lines = [ln for _, _, ls, _ in item._cache[(g, 0)] for ln in ls]
    first_stroke = next(ln for ln in lines if ln.x1() == (g - 1) / 2)
    assert first_stroke.y1() == pytest.approx(item.l[:g].min()) and first_stroke.y2() == pytest.approx(item.h[:g].max())
    assert candles.volume.painted == item.painted and candles.volume.group == g


def test_candles_draw_the_right_colours(candles):
    f = bars(40)
    candles.set_frame(f, show_last=None)
    img = candles.glw.grab().toImage()
    def count(hexcol):
        from PySide6.QtGui import QColor
        target = QColor(hexcol).rgb()
        return sum(1 for x in range(0, img.width(), 2) for y in range(0, img.height(), 2)
                   if img.pixel(x, y) == target)
    ups = int((f["close"] >= f["open"]).sum())
    assert 0 < ups < 40
    assert count(CN[0]) > 50 and count(CN[1]) > 50          # red up, green down (China / HK)


def test_price_axis_follows_the_visible_bars(candles):
    f = bars(400)
    candles.set_frame(f, show_last=None)
    candles.set_x_range(100, 150)
    lo, hi = candles.candles.dataBounds(1, orthoRange=(100, 150))
    assert lo == pytest.approx(f["low"].iloc[100:151].min())
    assert hi == pytest.approx(f["high"].iloc[100:151].max())
    render(candles)
    y0, y1 = candles.price_plot.getViewBox().viewRange()[1]
    assert y0 <= lo and y1 >= hi and (y1 - y0) < (f["high"].max() - f["low"].min())


def test_price_axis_holds_the_moving_averages_in_view(candles):
    f = bars(200)
    cols = ["open", "high", "low", "close"]
    f.loc[170:, cols] = f.loc[170:, cols] * 0.5            # a crash: MA60 stays far above the bars
    candles.set_frame(f, show_last=None)
    candles.set_x_range(175, 199)
    render(candles)
    y0, y1 = candles.price_plot.getViewBox().viewRange()[1]
    ma60 = f["close"].rolling(60).mean().iloc[175:200]
    assert ma60.max() > f["high"].iloc[175:200].max() * 1.2
    assert y1 >= ma60.max() and y0 <= f["low"].iloc[175:200].min()


def test_crosshair_readout_shows_the_bar_under_the_mouse(candles):
    f = bars(300)
    candles.set_frame(f, show_last=100)
    render(candles)
    vb = candles.price_plot.getViewBox()
    i = 250
    y = float(f["close"].iloc[i])
    candles._mouse_moved(vb.mapViewToScene(QPointF(i + 0.2, y)))
    text = candles.readout.text()
    r = f.iloc[i]
    assert r["date"].strftime("%Y-%m-%d") in text
    for k, v in (("O", r["open"]), ("H", r["high"]), ("L", r["low"]), ("C", r["close"])):
        assert f"{k} {v:,.2f}" in text
    assert f"{(r['close'] / f['close'].iloc[i - 1] - 1) * 100:+.2f}%" in text
    assert candles.vline.value() == i and candles.vline.isVisible()
    # leaving the plots shows the last bar again
    candles._mouse_moved(QPointF(-50, -50))
    assert f.iloc[-1]["date"].strftime("%Y-%m-%d") in candles.readout.text()
    assert not candles.vline.isVisible()


def test_moving_averages(candles):
    f = bars(120)
    candles.set_frame(f)
    for w, item in zip(candles.ma_windows, candles.ma_items):
        x, y = item.getOriginalDataset()
        exp = f["close"].rolling(w).mean().to_numpy()
        np.testing.assert_allclose(y, exp, equal_nan=True)
        assert np.isnan(y[: w - 1]).all() and list(x[:3]) == [0, 1, 2]


def test_index_without_volume_hides_the_volume_pane(candles):
    f = bars(50).assign(volume=np.nan, amount=np.nan, open=np.nan, high=np.nan, low=np.nan)
    candles.set_frame(f)
    render(candles)
    assert not candles.volume_plot.isVisible()
    assert (candles.candles.h == f["close"].to_numpy()).all()   # a close-only series draws ticks


def test_empty_state_says_what_to_do(candles):
    candles.set_frame(None, code="0700.HK")
    assert candles.is_empty and candles.stack.currentWidget() is candles.empty
    assert "F5 (Prices > Refresh prices)" in candles.empty.text() and "0700.HK" in candles.empty.text()
    render(candles)                                         # paints without data
    candles.set_frame(bars(10))
    assert candles.stack.currentIndex() == 0 and not candles.is_empty


def test_png_export(candles, tmp_path):
    candles.set_frame(bars(200))
    p = tmp_path / "c.png"
    assert candles.export_png(p) and p.stat().st_size > 2000


# ---- relative performance -------------------------------------------------------------------

def long_frame():
    return pd.concat([bars(400, seed=1, code="0700.HK", start="2025-01-01"),
                      bars(380, seed=2, code="9988.HK", start="2025-01-29"),
                      bars(400, seed=3, code="HSTECH.HI", start="2025-01-01", price=5000)])


@pytest.fixture
def rel(qtbot):
    w = RelativePerformanceChart()
    qtbot.addWidget(w)
    w.resize(900, 500)
    w.show()
    qtbot.waitExposed(w)
    return w


def test_rebased_to_100_against_the_benchmark(rel):
    f = long_frame()
    rel.set_frame(f, benchmark="HSTECH.HI", names={"0700.HK": "腾讯控股"})
    assert set(rel.rebased) == {"0700.HK", "9988.HK", "HSTECH.HI"}
    for code, r in rel.rebased.items():
        assert r.iloc[0] == pytest.approx(100.0)
    last = f["date"].max()
    start = last - pd.DateOffset(years=1)
    s = f[f["code"] == "0700.HK"].set_index("date")["close"]
    base = s[s.index <= start].iloc[-1]
    assert rel.rebased["0700.HK"].iloc[-1] == pytest.approx(100 * s.iloc[-1] / base)
    assert "0700.HK" in rel.summary.text() and "HSTECH.HI" in rel.summary.text()
    assert rel.curves["HSTECH.HI"].opts["pen"].width() > rel.curves["0700.HK"].opts["pen"].width()
    assert rel.range == "1Y"


@pytest.mark.parametrize("key", ["1M", "3M", "YTD", "1Y", "All"])
def test_range_buttons(rel, key):
    f = long_frame()
    rel.set_frame(f, benchmark="HSTECH.HI")
    button = next(b for b in rel.buttons.buttons() if b.text() == key)
    button.click()
    assert rel.range == key and button.isChecked()
    last = f["date"].max()
    start = range_start(last, key)
    for code, r in rel.rebased.items():
        s = f[f["code"] == code].set_index("date")["close"]
        exp = rebase(s, start)
        pd.testing.assert_series_equal(r, exp, check_names=False, check_freq=False)
        if start is not None and (s.index <= start).any():
            assert r.index[0] == s[s.index <= start].index[-1]      # the base bar is the last before
    render(rel)


def test_the_right_edge_matches_the_desk_metrics(rel, tmp_path):
    from app.prices.cache import PriceCache
    from app.prices.providers import normalise
    from app.prices.service import price_metrics
    from app.store import Store

    f = long_frame()
    store = Store.open(tmp_path / "s.sqlite")
    PriceCache(store).write(normalise(f), "test")
    m = price_metrics(store, ["0700.HK"]).loc["0700.HK"]
    store.close()
    rel.set_frame(f[f["code"] == "0700.HK"])
    for key, col in (("1M", "ret_1m"), ("3M", "ret_3m"), ("YTD", "ret_ytd")):
        rel.set_range(key)
        assert rel.rebased["0700.HK"].iloc[-1] == pytest.approx(100 * (1 + m[col]))


def test_relative_empty_state(rel):
    rel.set_frame(None, codes=["0700.HK"], benchmark="HSTECH.HI")
    assert rel.is_empty and rel.stack.currentWidget() is rel.empty
    assert "F5 (Prices > Refresh prices)" in rel.empty.text() and "0700.HK" in rel.empty.text()
    # only the benchmark cached: still nothing to compare
    rel.set_frame(bars(30, code="HSTECH.HI"), codes=["0700.HK"], benchmark="HSTECH.HI")
    assert rel.is_empty
    rel.set_frame(bars(30, code="0700.HK"), codes=["0700.HK", "9988.HK"])
    assert not rel.is_empty and "no prices: 9988.HK" in rel.summary.text()
    with pytest.raises(ValueError, match="unknown range"):
        rel.set_range("2W")


def test_volume_axis_labels_do_not_crowd_the_short_pane(candles):
    f = bars(300)
    candles.set_frame(f, show_last=None)
    render(candles)
    axis = candles.volume_plot.getAxis("left")
    vmax = float(f["volume"].max())
    for size in (40, 80, 160):
        ((step, vals),) = axis.tickValues(0.0, vmax * 1.05, size)
        assert step * size / (vmax * 1.05) >= axis.min_px and len(vals) >= 2 and vals[0] == 0
    assert axis.tickStrings([0.0, 5e6, 2e7, 1.5e8], 1, 1) == ["0", "500万", "2,000万", "1.5亿"]
    # a weekly pane: both labels fit the 64 px axis (a label wider than the axis is not drawn)
    from PySide6.QtGui import QFontMetricsF
    fm = QFontMetricsF(axis.style["tickFont"] or candles.font())
    assert all(fm.horizontalAdvance(t) + 8 < axis.width() for t in axis.tickStrings([2e7, 1.5e8], 1, 1))


def _points_under(legend, plot, curves) -> list:
    """The curves' points (in view) that fall inside the legend's box on screen."""
    box = legend.sceneBoundingRect()
    (x0, x1), (y0, y1) = plot.vb.viewRange()
    hits = []
    for item in curves:
        x, y = item.getData()
        for xi, yi in zip(x, y):
            if x0 <= xi <= x1 and y0 <= yi <= y1 and box.contains(plot.vb.mapViewToScene(pg.Point(xi, yi))):
                hits.append((xi, yi))
    return hits


@pytest.mark.parametrize("key", ["1M", "1Y", "All"])
def test_the_legend_never_covers_the_lines(rel, key):
    """Every line starts at 100 at the left edge: a legend in the top left corner sat on them. It
    sits above the plot area now (as many columns as fit), so no point in view is under it."""
    names = {"0700.HK": "腾讯控股", "9988.HK": "阿里巴巴"}
    rel.set_frame(long_frame(), benchmark="HSTECH.HI", names=names, range_key=key)
    rel.resize(700, 300)
    render(rel)
    assert len(rel.legend.items) == 3 and rel.legend.isVisible()
    assert _points_under(rel.legend, rel.plot, rel.curves.values()) == []
    assert not rel.legend.sceneBoundingRect().intersects(rel.plot.vb.sceneBoundingRect())
    assert rel.legend.sceneBoundingRect().left() >= rel.plot.vb.sceneBoundingRect().left() - 1
    long_names = {"0700.HK": "腾讯控股 Tencent Holdings Limited", "9988.HK": "阿里巴巴 Alibaba Group Holding"}
    rel.set_frame(long_frame(), benchmark="HSTECH.HI", names=long_names, range_key=key)
    rel.resize(560, 300)                      # too narrow for one row: more rows, still above the data
    render(rel)
    assert rel.legend.sceneBoundingRect().height() > 1.5 * rel.legend.items[0][1].height()
    assert not rel.legend.sceneBoundingRect().intersects(rel.plot.vb.sceneBoundingRect())
    rel.set_frame(None, codes=["0700.HK"])    # nothing drawn: no legend strip
    render(rel)
    assert not rel.legend.items
