"""The charts dock's candle controls and the relative chart's benchmark chooser, in the real
window, driven by mouse clicks (bars written to the store: generated, no network)."""
import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from app.prices.cache import PriceCache
from app.prices.providers import normalise
from tests.app.prices.bars import gen_bars

CODES = ("300308.SZ", "0700.HK", "000300.SH", "HSI.HI", "HSTECH.HI")


def _pick(qtbot, box, code):
    """Open the combo box with a click and click the row of ``code`` in its popup."""
    QTest.mouseClick(box, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: box.view().isVisible(), timeout=3000)
    qtbot.wait(QApplication.doubleClickInterval() + 50)    # (a combo ignores a release right after it opens)
    view = box.view()
    row = box.findData(code)
    assert row >= 0, code
    rect = view.visualRect(box.model().index(row, 0))
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: box.currentData() == code, timeout=3000)


@pytest.mark.qt_log_ignore("This plugin does not support")   # the combo's popup on the offscreen platform
def test_candle_period_log_and_benchmark(window, qtbot):
    cache = PriceCache(window.desk.store)
    for k, code in enumerate(CODES):
        cache.write(normalise(gen_bars(400, seed=k, start="2024-06-03"), code=code, adjustment="none"), "test")
    wl = window.current_watchlist()
    assert wl is not None and "0700.HK" in wl.codes
    window.select_codes(["300308.SZ"])
    window.dock_charts.raise_()
    qtbot.waitUntil(lambda: window.charts.candles is not None and not window.charts.candles.is_empty,
                    timeout=10000)
    panel, c = window.charts, window.charts.candles
    assert panel.view_box.isVisible() and not panel.bench_box.isVisible()
    QTest.mouseClick(c.period_buttons["week"], Qt.MouseButton.LeftButton)
    QTest.mouseClick(c.log_button, Qt.MouseButton.LeftButton)
    assert c.period == "week" and c.log and len(c.frame) < 100
    # another stock keeps the period and the scale
    window.select_codes(["0700.HK"])
    qtbot.waitUntil(lambda: c.code == "0700.HK", timeout=5000)
    assert c.period == "week" and c.log and len(c.frame) < 100 and c.price_left.log
    # the raw / qfq / hfq view is resampled too: as printed, weekly close = the last daily close
    assert c.frame["close"].iloc[-1] == c.daily["close"].iloc[-1]

    # the relative tab: the chooser replaces the candle view box in the corner
    bar = panel.tabs.tabBar()
    QTest.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(panel.tabs.indexOf(panel.relative)).center())
    qtbot.waitUntil(lambda: panel.tabs.currentWidget() is panel.relative, timeout=3000)
    assert panel.bench_box.isVisible() and not panel.view_box.isVisible()
    assert panel.relative.benchmark == "HSTECH.HI"              # by market: Hong Kong -> Hang Seng TECH
    _pick(qtbot, panel.bench_box, "HSI.HI")
    qtbot.waitUntil(lambda: panel.relative.benchmark == "HSI.HI", timeout=3000)
    assert set(panel.relative.series) == {"0700.HK", "HSI.HI"}
    # any code of the watchlist
    window.select_codes(["300308.SZ"])
    qtbot.waitUntil(lambda: "300308.SZ" in panel.relative.series, timeout=5000)
    assert panel.relative.benchmark == "HSI.HI"
    _pick(qtbot, panel.bench_box, "0700.HK")
    qtbot.waitUntil(lambda: panel.relative.benchmark == "0700.HK", timeout=3000)
    assert set(panel.relative.curves) == {"300308.SZ", "0700.HK"}
    assert "0700.HK" in panel.relative.summary.text()
    # the benchmark stock itself selected: it is charted against its market's index instead
    window.select_codes(["0700.HK"])
    qtbot.waitUntil(lambda: panel.relative.benchmark == "HSTECH.HI", timeout=5000)
    assert set(panel.relative.curves) == {"0700.HK", "HSTECH.HI"} and panel.benchmark() == "0700.HK"

    # remembered: a new panel (as after a restart) comes back with week, log and the benchmark
    from widgets.charts_panel import ChartsPanel
    again = ChartsPanel()
    qtbot.addWidget(again)
    again.build(window.desk)
    assert again.candles.period == "week" and again.candles.period_buttons["week"].isChecked()
    assert again.candles.log and again.candles.log_button.isChecked()
    assert again.benchmark() == "0700.HK"
    QApplication.processEvents()


def test_the_empty_candles_say_what_to_do(window, qtbot):
    """Nothing selected: the candles ask for a company (not "No prices for Select a company");
    a company without prices: F5 or a file, with no doubled punctuation."""
    window.table.clearSelection()
    window.dock_charts.raise_()
    qtbot.waitUntil(lambda: window.charts.candles is not None, timeout=10000)
    window._charts_follow()
    text = window.charts.candles.empty.text()
    assert text == "Select a company in the table to see its candles."
    window.select_codes(["300308.SZ"])
    window._charts_follow()
    text = window.charts.candles.empty.text()
    assert "No prices for 300308.SZ yet" in text and "F5" in text and "…." not in text
