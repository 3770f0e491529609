"""The basket pane: basket vs benchmark per range, members pane, caption, empty states, PNG."""
import numpy as np
import pandas as pd
import pytest
from PySide6.QtWidgets import QApplication

from app.prices.basket import basket_index
from app.prices.cache import PriceCache
from app.prices.providers import normalise
from app.store import Store
from tests.app.prices.bars import gen_bars
from widgets.charts.basket import BasketChart
from widgets.charts.relative import range_start, rebase


@pytest.fixture
def store(tmp_path):
    s = Store.open(tmp_path / "b.sqlite")
    cache = PriceCache(s)
    for i, (code, start, n) in enumerate([("000977.SZ", "2025-01-02", 400), ("300308.SZ", "2025-01-02", 400),
                                          ("603296.SH", "2025-06-02", 290)]):
        cache.write(normalise(gen_bars(n, seed=i, start=start).assign(code=code, adjustment="qfq")), "test")
    cache.write(normalise(gen_bars(400, seed=9, start="2025-01-02", price=4000)
                          .assign(code="000300.SH", adjustment="none")), "test")
    yield s
    s.close()


@pytest.fixture
def chart(qtbot):
    c = BasketChart()
    qtbot.addWidget(c)
    c.resize(900, 520)
    c.show()
    qtbot.waitExposed(c)
    return c


CODES = ["000977.SZ", "300308.SZ", "603296.SH", "301165.SZ"]


def test_basket_against_its_benchmark(chart, store):
    f = basket_index(store, CODES, "000300.SH")
    chart.set_data(f, title="Yuanbao compute", benchmark_label="CSI 300", names={"301165.SZ": "锐捷网络"},
                   unlisted=["ByteDance"], range_key="All")
    assert not chart.is_empty and chart.stack.currentIndex() == 0
    assert set(chart.rebased) == {"Yuanbao compute", "CSI 300"}
    np.testing.assert_allclose(chart.rebased["Yuanbao compute"].to_numpy(), f["basket"].to_numpy())
    assert chart.curves["CSI 300"].opts["pen"].color().name() == "#8a8a8a"
    cap = chart.caption.text()
    assert cap.startswith("3 of 4 members have prices")
    assert "No prices: 301165.SZ 锐捷网络" in cap and "download or import" in cap and "Not listed: ByteDance" in cap
    assert "Yuanbao compute" in chart.summary.text() and "CSI 300" in chart.summary.text()
    # the members pane counts who has a price: two from the start, the third joins in June
    x, y = chart.count_curve.getOriginalDataset()
    assert list(y[:3]) == [2, 2, 2] and y.max() == 3
    assert chart.member_count_at("2025-06-02") == 3 and chart.member_count_at("2025-05-30") == 2
    assert chart.member_count_at("2024-01-01") == 0


@pytest.mark.parametrize("key", ["1M", "3M", "YTD", "1Y", "All"])
def test_range_buttons_rebase_basket_and_benchmark(chart, store, key):
    f = basket_index(store, CODES, "000300.SH")
    chart.set_data(f, title="Basket", benchmark_label="CSI 300")
    next(b for b in chart.buttons.buttons() if b.text() == key).click()
    assert chart.range == key
    start = range_start(f["date"].max(), key)
    idx = pd.DatetimeIndex(f["date"])
    for name, col in (("Basket", "basket"), ("CSI 300", "benchmark")):
        exp = rebase(pd.Series(f[col].to_numpy(), index=idx), start)
        pd.testing.assert_series_equal(chart.rebased[name], exp, check_names=False, check_freq=False)
        assert chart.rebased[name].iloc[0] == pytest.approx(100)
    # the members pane follows the price pane's x range
    QApplication.processEvents()
    assert chart.count_plot.getViewBox().viewRange()[0] == pytest.approx(chart.plot.getViewBox().viewRange()[0])


def test_default_labels_and_benchmark_without_prices(chart, store):
    f = basket_index(store, CODES[:2], "HSTECH.HI")
    chart.set_data(f)
    assert chart.benchmark is None and "Benchmark Hang Seng TECH Index 恒生科技指数: no prices." in chart.caption.text()
    assert chart.basket_key == "Basket" and "2 of 2 members" in chart.caption.text()
    f2 = basket_index(store, CODES[:2], "000300.SH")
    chart.set_data(f2, title="Theme")
    assert chart.benchmark == "CSI 300 沪深300"


def test_empty_states(chart, store):
    f = basket_index(store, ["0700.HK", "9988.HK"], "HSTECH.HI")
    chart.set_data(f, title="HK internet", names={"0700.HK": "腾讯控股"})
    assert chart.is_empty and chart.stack.currentWidget() is chart.empty
    text = chart.empty.text()
    assert "2 members of HK internet" in text and "F5 (Prices > Refresh prices)" in text
    assert "0700.HK 腾讯控股, 9988.HK" in text
    chart.set_data(basket_index(store, [], None), title="New list")
    assert "New list has no listed members" in chart.empty.text()
    chart.set_data(None, title="Nothing")
    assert chart.is_empty
    many = [f"{600000 + i}.SH" for i in range(30)]
    chart.set_data(basket_index(store, many, None), title="Big")
    assert "… and 18 more" in chart.empty.text()


def test_png_export(chart, store, tmp_path):
    chart.set_data(basket_index(store, CODES, "000300.SH"), title="Basket", benchmark_label="CSI 300")
    p = tmp_path / "basket.png"
    assert chart.export_png(p) and p.stat().st_size > 3000


def test_the_member_count_has_its_own_axis_apart_from_the_index(chart, store):
    """'70' on the index and '2, 1, 0' on the count stacked in one left column read as one
    scale: the count is its own pane, a gap below the index, its numbers on a right axis."""
    from widgets.charts.basket import PANE_GAP

    chart.set_data(basket_index(store, CODES, "000300.SH"), title="Yuanbao compute", benchmark_label="CSI 300",
                   range_key="All")
    chart.resize(900, 330)
    QApplication.processEvents()
    chart.grab()
    index_vb = chart.curves["Yuanbao compute"].getViewBox()
    count_vb = chart.count_curve.getViewBox()
    assert count_vb is not index_vb and count_vb is chart.count_plot.vb
    # the index's numbers on the left, the count's on the right; the other side carries none
    assert chart.plot.getAxis("left").style["showValues"] and not chart.plot.getAxis("right").style["showValues"]
    assert chart.count_plot.getAxis("right").isVisible() and chart.count_plot.getAxis("right").style["showValues"]
    assert not chart.count_plot.getAxis("left").style["showValues"]
    assert "members" in chart.count_plot.getAxis("right").labelText
    assert chart.count_plot.getAxis("left").labelText == ""
    # a gap between the panes, and the dates still line up (same data-area columns)
    top_pane = chart.plot_widget.mapTo(chart, chart.plot_widget.mapFromScene(index_vb.sceneBoundingRect()).boundingRect().bottomLeft())
    low_pane = chart.count_widget.mapTo(chart, chart.count_widget.mapFromScene(count_vb.sceneBoundingRect()).boundingRect().topLeft())
    assert low_pane.y() - top_pane.y() >= PANE_GAP
    assert abs(index_vb.sceneBoundingRect().left() - count_vb.sceneBoundingRect().left()) < 1
    assert abs(index_vb.sceneBoundingRect().right() - count_vb.sceneBoundingRect().right()) < 1
    # and the legend sits above the index pane, off the lines
    assert not chart.legend.sceneBoundingRect().intersects(index_vb.sceneBoundingRect())
