"""The candle chart's controls driven by real input: keyboard zoom and pan on the plot, the
day / week / month buttons and the log-scale button (generated bars)."""
import math

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from app.prices.periods import resample
from tests.app.prices.bars import gen_bars
from widgets.charts import CandleChart
from widgets.charts.candles import MA_COLORS, PAN_STEP, ZOOM_STEP, log_ticks


def bars(n=600, code="300308.SZ", start="2023-01-02"):
    return gen_bars(n, seed=11, start=start).assign(code=code, adjustment="qfq")


@pytest.fixture
def chart(qtbot):
    c = CandleChart()
    qtbot.addWidget(c)
    c.resize(1000, 560)
    c.show()
    qtbot.waitExposed(c)
    return c


def xr(chart):
    return chart.price_plot.getViewBox().viewRange()[0]


def key(chart, k, text=""):
    QTest.keyClick(chart.glw, k) if not text else QTest.keyClick(chart.glw, text)
    QApplication.processEvents()


def test_keys_zoom_around_the_right_edge(chart):
    chart.set_frame(bars(600), show_last=None)
    chart.set_x_range(299.5, 499.5)                     # 200 bars, not at the end
    key(chart, Qt.Key.Key_Up)
    x0, x1 = xr(chart)
    assert x1 == pytest.approx(499.5) and x1 - x0 == pytest.approx(200 / ZOOM_STEP)
    key(chart, Qt.Key.Key_Down)
    key(chart, Qt.Key.Key_Down)
    x0, x1 = xr(chart)
    assert x1 == pytest.approx(499.5) and x1 - x0 == pytest.approx(200 * ZOOM_STEP)
    key(chart, None, "+")
    assert xr(chart)[1] - xr(chart)[0] == pytest.approx(200)
    key(chart, None, "-")
    assert xr(chart)[1] - xr(chart)[0] == pytest.approx(250)
    for _ in range(30):                                  # zoomed in as far as it goes: 5 bars
        key(chart, Qt.Key.Key_Up)
    assert chart.visible_bars() == 5
    for _ in range(40):                                  # out: all the bars (and the margin), no more
        key(chart, Qt.Key.Key_Down)
    x0, x1 = xr(chart)
    assert x1 - x0 <= 605 + 1e-6 and x0 <= -0.5 and x1 >= 599.5


def test_keys_pan_and_jump(chart):
    chart.set_frame(bars(600), show_last=None)
    chart.set_x_range(299.5, 499.5)
    key(chart, Qt.Key.Key_Left)
    assert xr(chart) == pytest.approx([299.5 - 200 * PAN_STEP, 499.5 - 200 * PAN_STEP])
    key(chart, Qt.Key.Key_Right)
    key(chart, Qt.Key.Key_Right)
    assert xr(chart) == pytest.approx([299.5 + 200 * PAN_STEP, 499.5 + 200 * PAN_STEP])
    key(chart, Qt.Key.Key_Home)
    assert xr(chart) == pytest.approx([-0.5, 199.5])
    key(chart, Qt.Key.Key_Left)                          # no further than the first bar (and a sliver)
    assert xr(chart)[0] >= -0.5 - 200 * 0.02 - 1e-9
    key(chart, Qt.Key.Key_End)
    assert xr(chart) == pytest.approx([399.5, 599.5])
    for _ in range(5):
        key(chart, Qt.Key.Key_Right)                     # the last bar stays in view
    assert xr(chart)[0] <= 599.5 - 200 * 0.98 + 1e-9
    # the candles drawn follow: the last bar's block is among those painted
    chart.glw.grab()
    assert chart.candles.painted_bars[1] == 600


def test_period_buttons_show_week_and_month_bars(chart, qtbot):
    f = bars(600)
    chart.set_frame(f, show_last=120)
    seen = []
    chart.periodChanged.connect(seen.append)
    QTest.mouseClick(chart.period_buttons["week"], Qt.MouseButton.LeftButton)
    weekly = resample(f, "week")
    assert chart.period == "week" and seen == ["week"]
    assert len(chart.frame) == len(weekly) == chart.candles.n
    np.testing.assert_allclose(chart.candles.c, weekly["close"].to_numpy())
    np.testing.assert_allclose(chart.candles.h, weekly["high"].to_numpy())
    np.testing.assert_allclose(chart.volume.v, weekly["volume"].to_numpy())
    assert chart.period_buttons["week"].isChecked() and not chart.period_buttons["day"].isChecked()
    # same number of bars in view, the last one still at the right edge
    x0, x1 = xr(chart)
    assert x1 == pytest.approx(len(weekly) - 0.5) and round(x1 - x0) == min(121, len(weekly))
    assert "week to " + weekly["date"].iloc[-1].strftime("%Y-%m-%d") in chart.readout.text()
    # the moving averages are of the weekly closes
    np.testing.assert_allclose(chart.ma_items[0].getOriginalDataset()[1],
                               weekly["close"].rolling(5).mean().to_numpy(), equal_nan=True)
    QTest.mouseClick(chart.period_buttons["month"], Qt.MouseButton.LeftButton)
    monthly = resample(f, "month")
    assert chart.period == "month" and len(chart.frame) == len(monthly)
    assert round(xr(chart)[1] - xr(chart)[0]) == len(monthly)   # fewer bars than asked: all of them
    QTest.mouseClick(chart.period_buttons["day"], Qt.MouseButton.LeftButton)
    assert chart.period == "day" and len(chart.frame) == 600
    assert seen == ["week", "month", "day"]


def test_period_keeps_the_date_at_the_right_edge_and_the_events(chart):
    f = bars(600)
    chart.set_frame(f, show_last=None)
    chart.set_x_range(509.5, 549.5)                      # 40 bars, right edge: bar 549
    day = f["date"].iloc[549]
    event_day = f["date"].iloc[530]
    chart.set_events([(event_day.date(), "Results", "results")])
    QTest.mouseClick(chart.period_buttons["week"], Qt.MouseButton.LeftButton)
    weekly = resample(f, "week")
    x0, x1 = xr(chart)
    right = int(round(x1 - 0.5))
    assert weekly["date"].iloc[right - 1] < day <= weekly["date"].iloc[right] and x1 - x0 == pytest.approx(40)
    # the event sits on the bar of its week
    (m,) = chart.event_marks
    assert weekly["date"].iloc[m.index - 1] < event_day <= weekly["date"].iloc[m.index]
    # back to days, then near the start: too few weeks before the right edge, so from the first one
    QTest.mouseClick(chart.period_buttons["day"], Qt.MouseButton.LeftButton)
    assert chart.event_marks[0].index == 530
    chart.set_x_range(99.5, 199.5)
    QTest.mouseClick(chart.period_buttons["week"], Qt.MouseButton.LeftButton)
    x0, x1 = xr(chart)
    anchor = int(np.searchsorted(weekly["date"].to_numpy(), f["date"].to_numpy()[199]))
    assert x0 == pytest.approx(-0.5) and x1 - x0 == pytest.approx(min(100, len(weekly))) and x1 > anchor


def test_log_button_switches_the_price_scale(chart):
    f = bars(600)
    chart.set_frame(f, show_last=250)
    before = xr(chart)
    seen = []
    chart.logChanged.connect(seen.append)
    QTest.mouseClick(chart.log_button, Qt.MouseButton.LeftButton)
    QApplication.processEvents()
    assert chart.log and chart.price_left.log and seen == [True]
    np.testing.assert_allclose(chart.candles.c, np.log10(f["close"].to_numpy()))
    assert xr(chart) == pytest.approx(before)            # the same bars in view
    chart.glw.grab()
    y0, y1 = chart.price_plot.getViewBox().viewRange()[1]
    vis = f.iloc[350:600]
    assert y0 <= math.log10(vis["low"].min()) and y1 >= math.log10(vis["high"].max())
    assert y1 - y0 < 1.0                                 # log10 units: this is not a linear range
    # the axis labels round prices at their log positions
    ticks = chart.price_left.tickValues(y0, y1, chart.price_left.height())[0][1]
    labels = chart.price_left.tickStrings(ticks, 1, 1)
    assert len(ticks) >= 2 and all(float(s.replace(",", "")) == pytest.approx(10 ** t) for s, t in zip(labels, ticks))
    # the readout still shows prices, not logarithms
    assert f"C {f['close'].iloc[-1]:,.2f}" in chart.readout.text()
    QTest.mouseClick(chart.log_button, Qt.MouseButton.LeftButton)
    assert not chart.log and seen == [True, False]
    np.testing.assert_allclose(chart.candles.c, f["close"].to_numpy())


def test_log_ticks_are_round_prices_spaced_on_screen():
    # a wide range (5 -> 400): round steps per decade, none closer than 32 px on the axis
    for size, want in ((500, [5, 7, 10, 20, 30, 50, 70, 100, 200, 300]), (250, [5, 10, 20, 50, 100, 200]),
                       (100, [10, 100])):
        t = log_ticks(math.log10(5), math.log10(400), size)
        assert [round(10 ** v, 6) for v in t] == want
        assert min(np.diff(t)) * size / (math.log10(400) - math.log10(5)) >= 32
    # a narrow range (48 -> 52): evenly spaced round prices
    t = log_ticks(math.log10(48), math.log10(52), 400)
    prices = [round(10 ** v, 6) for v in t]
    assert len(prices) >= 3 and len(set(np.round(np.diff(prices), 6))) == 1
    assert log_ticks(1.0, 1.0, 400) == [] and log_ticks(float("nan"), 2.0, 400) == []


def test_ma_values_show_in_the_colours_of_their_lines(chart):
    chart.set_frame(bars(200), show_last=None)
    html = chart.ma_legend.text()
    for k, (w, item) in enumerate(zip(chart.ma_windows, chart.ma_items)):
        colour = item.opts["pen"].color().name()
        assert colour == MA_COLORS[k]
        assert f'<span style="color:{colour}">MA{w} {chart.ma[w][-1]:,.2f}</span>' in html
