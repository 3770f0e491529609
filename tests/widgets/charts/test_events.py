"""Event markers on the candle chart (generated bars): the right bar, skipped outside, merged, staggered."""
import datetime as dt

import numpy as np
import pandas as pd
import pytest
from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QApplication

from app.prices.events import ChartEvent, events_for
from tests.app.prices.bars import gen_bars
from widgets.charts import CandleChart
from widgets.charts.candles import EVENT_COLORS, EVENT_LEVELS


def bars(n=60, code="2513.HK", start="2026-01-02"):
    return gen_bars(n, seed=5, start=start).assign(code=code, adjustment="qfq")


@pytest.fixture
def chart(qtbot):
    c = CandleChart()
    qtbot.addWidget(c)
    c.resize(900, 520)
    c.show()
    qtbot.waitExposed(c)
    return c


def _bar_x(chart, i):
    """The glw pixel column of bar ``i``."""
    vb = chart.price_plot.getViewBox()
    return chart.glw.mapFromScene(vb.mapViewToScene(QPointF(i, vb.viewRange()[1][0]))).x()


def _blend(color, alpha=170):
    from PySide6.QtGui import QColor
    c = QColor(color)
    mix = [round((v * alpha + 255 * (255 - alpha)) / 255) for v in (c.red(), c.green(), c.blue())]
    return QColor(*mix)


def _near(a, b, tol=3):
    return abs(a.red() - b.red()) <= tol and abs(a.green() - b.green()) <= tol and abs(a.blue() - b.blue()) <= tol


def bar_of(frame, day):
    return int(np.flatnonzero(frame["date"].to_numpy() == np.datetime64(day))[0])


def test_markers_sit_on_the_first_trading_day_on_or_after_the_date(chart):
    f = bars()
    chart.set_frame(f, show_last=None)
    dates = pd.DatetimeIndex(f["date"])
    saturday = next(d for d in pd.date_range(dates[0], dates[-1]) if d.weekday() == 5)
    monday = saturday + pd.Timedelta(days=2)
    events = [
        (dates[10].date(), "Listing", "listing"),
        (saturday.date(), "Weekend news", "other"),                  # -> the Monday after
        (dates[0] - pd.Timedelta(days=5), "Before the bars", "product"),   # skipped
        (dates[-1] + pd.Timedelta(days=1), "After the bars", "product"),   # skipped
        ("2026-02-02", "Report · Guosen", "report"),
    ]
    marks = chart.set_events(events)
    where = {m.events[0][1]: m.index for m in marks}
    assert where == {"Listing": 10, "Weekend news": bar_of(f, monday), "Report · Guosen": bar_of(f, "2026-02-02")}
    listing = next(m for m in marks if m.index == 10)
    assert listing.color == EVENT_COLORS["listing"] and listing.text == "Listing"
    assert chart.events_item.marks == marks and chart.volume_events.marks == marks
    QApplication.processEvents()
    img = chart.glw.grab().toImage()
    assert chart.events_item.painted == len(marks) and chart.volume_events.painted == len(marks)
    # each marker's line is drawn at its bar, in its colour (170/255 over the white background)
    for m in marks:
        x = _bar_x(chart, m.index)
        want = _blend(m.color)
        assert any(_near(img.pixelColor(xx, y), want) for xx in (x - 1, x, x + 1)
                   for y in range(0, img.height(), 2)), m.text


def test_events_on_one_bar_share_a_marker_and_show_in_the_readout(chart):
    f = bars()
    chart.set_frame(f, show_last=None)
    d = f["date"].iloc[20].date()
    ev = [ChartEvent(d, "Listing", "listing", "Listed on HKEX"),
          ChartEvent(d, "Offer HKD 116.2", "offer_price", "IPO priced at HKD 116.20"),
          ChartEvent(d - dt.timedelta(days=1), "Report · OFweek", "report")]  # a day before: maybe a holiday
    marks = chart.set_events(ev)
    at20 = [m for m in marks if m.index == 20]
    assert len(at20) == 1 and at20[0].kind == "listing"          # the listing colours the shared marker
    assert "Listing · Offer HKD 116.2" in at20[0].text
    assert "IPO priced at HKD 116.20" in at20[0].tip
    # hovering the marker's flag shows its tooltip; moving away clears it
    QApplication.processEvents()
    rect = chart.events_item.flag_rect(chart.event_marks.index(at20[0]))
    assert not rect.isEmpty()
    chart._mouse_moved(chart.events_item.mapToScene(rect.center()))
    assert "IPO priced at HKD 116.20" in chart.events_item.toolTip()
    chart._mouse_moved(chart.price_plot.getViewBox().mapViewToScene(QPointF(40, float(f["close"].iloc[40]))))
    assert chart.events_item.toolTip() == ""
    chart._show_bar(20)
    assert "◆ Listing · Offer HKD 116.2" in chart.readout.text()
    chart._show_bar(30)
    assert "◆" not in chart.readout.text()


def test_close_flags_are_staggered_at_the_current_zoom(chart):
    f = bars(200)
    chart.set_frame(f, show_last=None)
    evs = [(f["date"].iloc[i].date(), f"A longer event label {i}", "product") for i in (50, 52, 54, 150)]
    marks = chart.set_events(evs)
    QApplication.processEvents()
    levels = [m.level for m in marks]
    assert len(set(levels[:3])) == 3 and all(0 <= lv < EVENT_LEVELS for lv in levels)
    assert levels[3] == 0                                     # far away: back to the top
    chart.set_x_range(48, 56)                                 # zoomed in: the flags fit side by side
    QApplication.processEvents()
    assert [m.level for m in marks[:3]] == [0, 0, 0]


def test_events_stay_for_a_refresh_of_the_same_listing_and_go_for_another(chart):
    f = bars()
    chart.set_frame(f)
    chart.set_events([(f["date"].iloc[5].date(), "Listing", "listing")])
    chart.set_frame(pd.concat([f, bars(65).iloc[60:]]))       # the same code with more bars
    assert [m.index for m in chart.event_marks] == [5]
    chart.set_frame(bars(code="0100.HK"))
    assert chart.event_marks == [] and chart.events == []
    assert chart.events_item.marks == [] and chart.volume_events.marks == []   # the old markers are gone
    QApplication.processEvents()
    chart.glw.grab()
    assert chart.events_item.painted == 0
    chart.set_frame(None, code="0100.HK")
    assert chart.set_events([(dt.date(2026, 1, 5), "x", "other")]) == []     # no bars: nothing to mark


def test_kb_events_on_generated_bars(chart, kb, tmp_path):
    code = next(e.ref for e in kb.events if e.kind == "listing")
    listed = next(e.date for e in kb.events if e.kind == "listing" and e.ref == code)
    f = bars(80, code=code, start=(pd.Timestamp(listed) - pd.Timedelta(days=20)).strftime("%Y-%m-%d"))
    chart.set_frame(f, show_last=None)
    marks = chart.set_events(events_for(kb, code))
    listing = next(m for m in marks if any(e[2] == "listing" for e in m.events))
    first_on_or_after = int(np.searchsorted(f["date"].to_numpy(), np.datetime64(listed)))
    assert listing.index == first_on_or_after
    assert chart.export_png(tmp_path / "events.png") and (tmp_path / "events.png").stat().st_size > 3000
    # hovering the marker's bar names the events in the readout
    vb = chart.price_plot.getViewBox()
    QApplication.processEvents()
    chart._mouse_moved(vb.mapViewToScene(QPointF(listing.index, float(f["close"].iloc[listing.index]))))
    assert "Listing" in chart.readout.text()
