"""Charts follow View > Theme: dark background, axes, text and legend in the dark theme, switched
live (hidden tabs included); a chart printed while the screen is dark stays light."""

import pandas as pd
import pytest
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication

from app.prices.cache import PriceCache
from app.prices.providers import normalise
from app.prices.symbols import BENCHMARKS
from tests.app.prices.bars import gen_bars


def _lightness(c) -> float:
    return QColor(c).lightnessF()


def _bg(view) -> float:
    """The lightness of what a pyqtgraph view paints behind the plot."""
    return view.backgroundBrush().color().lightnessF()


def _pixel(widget) -> float:
    """The lightness of the painted pixel near a widget's top-left corner (inside the plot area)."""
    img = widget.grab().toImage()
    return QColor(img.pixel(img.width() // 2, 6)).lightnessF()


@pytest.fixture
def dark(window):
    """Switch the window to the dark theme through View > Theme > Dark; back to light after."""
    appearance = window.features["appearance"]

    def switch(key: str) -> None:
        appearance.actions[key].trigger()
        QApplication.processEvents()

    yield switch
    switch("light")


def _charts(window, qtbot):
    feat = window.features["charts"]
    feat.dock.show()
    feat.dock.raise_()
    qtbot.waitUntil(lambda: feat.ensure_built(), timeout=10000)
    return feat.charts


def test_dark_theme_colours_the_report_figures_live(window, qtbot, dark):
    charts = _charts(window, qtbot)
    fig = charts.figures
    charts.tabs.setCurrentWidget(fig)
    fig.set_figure("supplier_shares")
    QApplication.processEvents()
    assert _bg(fig.glw) > 0.9  # light to start with
    dark("dark")
    assert _bg(fig.glw) < 0.2, "the figure plot's background stays white in the dark theme"
    assert _pixel(fig.glw) < 0.2
    plot = fig.plots[0]
    axis = plot.getAxis("bottom")
    assert _lightness(axis.pen().color()) > 0.5 and _lightness(axis.textPen().color()) > 0.5
    assert _lightness(plot.titleLabel.opts["color"]) > 0.7  # the title reads on the dark background
    assert not fig.is_empty and any(fig.drawn.panes.values())  # the same figure, drawn again
    dark("light")
    assert _bg(fig.glw) > 0.9 and _lightness(fig.plots[0].getAxis("bottom").textPen().color()) < 0.5


def test_dark_theme_colours_candles_relative_and_basket_even_when_hidden(window, qtbot, dark):
    charts = _charts(window, qtbot)
    charts.tabs.setCurrentWidget(charts.candles)  # the others are hidden tabs
    dark("dark")
    assert _bg(charts.candles.glw) < 0.2
    assert _bg(charts.relative.plot_widget) < 0.2
    assert _bg(charts.basket.plot_widget) < 0.2 and _bg(charts.basket.count_widget) < 0.2
    assert _lightness(charts.relative.legend.opts["labelTextColor"]) > 0.7
    assert _lightness(charts.candles.price_plot.getAxis("left").textPen().color()) > 0.5
    dark("light")
    assert _bg(charts.candles.glw) > 0.9 and _bg(charts.relative.plot_widget) > 0.9


def test_a_chart_printed_in_the_dark_theme_is_light(window, qtbot, dark):
    from widgets.print_charts import basket_chart_image

    desk = window.desk
    codes = desk.store.watchlists()[0].codes[:4] + list(BENCHMARKS)
    frames = [normalise(gen_bars(260, seed=i, start="2025-06-02", price=20 + i), code=c,
                        adjustment="none") for i, c in enumerate(codes)]
    PriceCache(desk.store).write(pd.concat(frames, ignore_index=True), "test:generated")
    dark("dark")
    img, _caption = basket_chart_image(desk, codes[:4], "Printed", width=600, height=300, scale=1.0)
    corner = QColor(img.pixel(img.width() // 2, 4))
    assert corner.lightnessF() > 0.9, corner.name()       # white paper, not the screen's dark grey
    # ... and on-screen charts built afterwards follow the screen again
    from widgets.charts.basket import BasketChart

    chart = BasketChart()
    qtbot.addWidget(chart)
    assert _bg(chart.plot_widget) < 0.2
