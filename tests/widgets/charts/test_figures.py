"""Report figures: every figure draws from the KB tables, captions its source, never mixes currencies."""
import copy
import os

import pytest
import pyqtgraph as pg
from PySide6.QtGui import QFontInfo
from PySide6.QtWidgets import QApplication

from widgets.charts.common import CategoryAxis, elide
from widgets.charts.figures import FIGURE_KEYS, STATUS_COLORS, ReportFiguresPanel, english, model_label
from widgets.fonts import ensure_cjk_font


@pytest.fixture
def panel(qtbot, kb):
    p = ReportFiguresPanel(kb)
    qtbot.addWidget(p)
    p.resize(900, 560)
    p.show()
    qtbot.waitExposed(p)
    return p


@pytest.mark.parametrize("key", FIGURE_KEYS)
def test_every_figure_draws_and_names_its_source(panel, kb, key):
    panel.set_figure(key)
    QApplication.processEvents()
    assert not panel.is_empty and panel.plots, key
    assert any(panel.drawn.panes.values())
    cap = panel.caption_text()
    assert panel.drawn.reports
    for f in panel.drawn.reports:
        r = kb.reports[f]
        assert (r.publisher_en.split(" (")[0] in cap or r.publisher in cap) and r.date_label in cap
        assert ("[AI-compiled]" in cap) == any(kb.reports[x].ai_compiled for x in panel.drawn.reports)
    assert panel.caption.toolTip().count("“") >= 1           # the verbatim quotes behind the numbers
    img = panel.glw.grab().toImage()
    assert img.width() > 100
    assert panel.combo.currentData() == key


def test_api_prices_keep_currencies_apart(panel, kb):
    panel.set_figure("api_prices")
    rows = [r for r in kb.figures["llm_vendors"].rows if r.get("api_price_in") is not None]
    currencies = {r["price_currency"] for r in rows}
    assert len(panel.plots) == len(currencies) >= 2
    for cur in currencies:
        mine = [r for r in rows if r["price_currency"] == cur]
        bars_in = panel.drawn.panes[f"{cur} input"]
        assert [b[1] for b in bars_in] == [float(r["api_price_in"]) for r in mine]
        assert [b[1] for b in panel.drawn.panes[f"{cur} output"]] == [float(r["api_price_out"]) for r in mine]
        assert {b[0].rstrip(" *") for b in bars_in} == {model_label(r) for r in mine}
    titles = [p.titleLabel.text for p in panel.plots]
    assert any("USD" in t for t in titles) and any("CNY" in t for t in titles)
    assert "separate axes" in panel.caption_text()
    axis = panel.plots[0].category_axis
    assert isinstance(axis, CategoryAxis) and axis.rotate > 0


def test_context_sizes_sorted_with_notes(panel, kb):
    panel.set_figure("context")
    vals = [v for _c, v, _t in panel.drawn.panes["context"]]
    assert vals == sorted(vals, reverse=True)
    assert len(vals) == sum(1 for r in kb.figures["llm_vendors"].rows if r.get("context_k_tokens") is not None)
    noted = [r for r in kb.figures["llm_vendors"].rows if r.get("context_note")]
    for r in noted:
        assert r["context_note"] in panel.caption_text()


def test_token_volume_ranges_and_qualifiers(panel, kb):
    panel.set_figure("token_volumes")
    drawn = panel.drawn.panes["tokens"]
    assert len(drawn) == len(kb.figures["token_volumes"].rows)
    for r in kb.figures["token_volumes"].rows:
        if r.get("qualifier") == "range":
            assert any(t == f"{r['daily_tokens_trillion_low']}–{r['daily_tokens_trillion_high']}" for _c, _v, t in drawn)
        elif r.get("qualifier") == ">":
            assert any(t.startswith(f">{r['daily_tokens_trillion']}") for _c, _v, t in drawn)


def test_minimax_stacks_segments_to_the_stated_total(panel, kb):
    panel.set_figure("minimax")
    rows = [r for r in kb.figures["minimax_revenue_forecast"].rows if r["metric"] == "revenue_usd_m"]
    totals = {f"{r['year']}{'E' if str(r['is_estimate']).lower() == 'true' else 'A'}": float(r["value"])
              for r in rows if r["segment"] == "total"}
    assert dict((c, v) for c, v, _t in panel.drawn.panes["total"]) == totals
    segs = [k for k in panel.drawn.panes if k not in ("total", "gross margin")]
    assert len(segs) == 2
    for c in totals:          # where the source's segments do not add up to its total, the caption says so
        s = sum(v for k in segs for cc, v, _t in panel.drawn.panes[k] if cc == c)
        if abs(s - totals[c]) > 0.02 * totals[c]:
            assert f"{c} (" in panel.caption_text()
        elif abs(s - totals[c]) < 0.01 * totals[c]:
            assert f"{c} (" not in panel.caption_text()
    assert "2026E" in totals and "2024A" in totals
    assert "gross margin" in panel.drawn.panes and len(panel.plots) == 2


def test_supplier_shares_by_customer_with_status_colours(panel, kb):
    panel.set_figure("supplier_shares")
    edges = [e for e in kb.edges if e.share_pct is not None]
    customers = {e.customer for e in edges}
    assert len(panel.plots) == len(customers)
    total = sum(len(v) for v in panel.drawn.panes.values())
    assert total == len(edges)
    flat = [(c, v, t, col) for pane in panel.drawn.panes for (c, v, t), col in
            zip(panel.drawn.panes[pane], panel.drawn.colors[pane])]
    for e in edges:
        hit = [x for x in flat if x[0].startswith(f"{kb.ref_name(e.supplier)} {e.supplier}")
               and x[1] == e.share_pct]
        assert hit, e
        assert hit[0][2].startswith(e.share_label)              # '>50%' keeps its qualifier
        assert hit[0][3] == STATUS_COLORS[e.status]
    for pane, bars in panel.drawn.panes.items():               # largest share first within a customer
        assert [v for _c, v, _t in bars] == sorted((v for _c, v, _t in bars), reverse=True)
    widths = {p.category_axis.width() for p in panel.plots}
    assert len(widths) == 1                                     # one label column: bars line up


def test_red_packets_total_is_apart_and_qualified(panel, kb):
    panel.set_figure("red_packets")
    drawn = panel.drawn.panes["spend"]
    rows = kb.figures["spring_festival_red_packets"].rows
    assert len(drawn) == len(rows)
    assert drawn[-1][0].startswith("Combined total")
    assert panel.drawn.colors["spend"][-1] != panel.drawn.colors["spend"][0]


def test_chinese_labels_use_a_cjk_font(panel):
    fam = ensure_cjk_font()
    if fam is None:
        from tests.conftest import need_tool

        need_tool("fc-list")
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true: no CJK font (fonts-noto-cjk; scripts/system-deps.sh installs it)")
        pytest.skip("no CJK font on this machine")
    panel.set_figure("zhipu_industry")
    axis = panel.plots[0].category_axis
    assert fam in axis.font_.families()
    assert any("\n" in s for s in axis.shown) and any(ord(ch) > 0x4E00 for s in axis.shown for ch in s)
    assert QFontInfo(axis.font_).family()                     # resolvable
    assert elide("Traditional enterprises (finance, manufacturing, energy)", 20).endswith("…")
    assert elide("互联网与科技行业", 16) == "互联网与科技行业" and elide("互联网与科技行业行业", 16).endswith("…")
    assert english("月之暗面 (Moonshot / Kimi)") == "Moonshot" and english("OpenAI") == "OpenAI"


def test_empty_states(qtbot, kb):
    p = ReportFiguresPanel(None)
    qtbot.addWidget(p)
    assert p.is_empty and "Open a desk" in p.empty.text()
    thin = copy.copy(kb)
    thin.figures = {k: v for k, v in kb.figures.items() if k != "token_volumes"}
    p.set_kb(thin)
    assert not p.is_empty
    p.set_figure("token_volumes")
    assert p.is_empty and "data/figures/token_volumes.csv" in p.empty.text()
    p.combo.setCurrentIndex(FIGURE_KEYS.index("minimax"))     # the combo drives the figure
    assert p.key == "minimax" and not p.is_empty
    with pytest.raises(ValueError, match="unknown figure"):
        p.set_figure("nope")


def test_png_export(panel, tmp_path):
    for key in ("api_prices", "supplier_shares"):
        panel.set_figure(key)
        out = tmp_path / f"{key}.png"
        assert panel.export_png(out) and out.stat().st_size > 5000


def test_a_malformed_table_shows_what_went_wrong(qtbot, kb):
    from app.domain import FigureTable

    bad = copy.copy(kb)
    bad.figures = dict(kb.figures)
    t = kb.figures["zhipu_revenue_by_industry"]
    bad.figures[t.name] = FigureTable(t.name, t.columns, [{**r, "revenue_share_pct": "n/a"} for r in t.rows])
    p = ReportFiguresPanel(bad, initial="zhipu_industry")
    qtbot.addWidget(p)
    assert p.is_empty and "Could not draw" in p.empty.text() and "zhipu_revenue_by_industry" in p.empty.text()
    p.set_figure("context")                                   # the other figures still draw
    assert not p.is_empty


@pytest.mark.parametrize("key", FIGURE_KEYS)
def test_value_labels_stay_inside_the_plot_in_a_short_dock(qtbot, kb, key):
    """The label above the tallest bar (right of the longest) fits under the plot's top edge, however
    short the pane: the value range leaves room for the label's height in pixels."""
    p = ReportFiguresPanel(kb, initial=key)
    qtbot.addWidget(p)
    p.resize(1400, 330)                       # the Charts dock's size at 1600x1000
    p.show()
    qtbot.waitExposed(p)
    p.glw.grab()                              # laid out and painted: text items in pixels
    labels = 0
    for plot in p.plots:
        box = plot.vb.sceneBoundingRect().adjusted(-1, -1, 1, 1)
        for item in plot.items:
            if isinstance(item, pg.TextItem):
                labels += 1
                r = item.sceneBoundingRect()
                assert box.contains(r), (key, item.toPlainText(), r, box)
    assert labels


def test_rotated_model_names_whole_and_their_axis_tall_enough(qtbot, kb):
    p = ReportFiguresPanel(kb, initial="api_prices")
    qtbot.addWidget(p)
    p.resize(1400, 330)
    p.show()
    qtbot.waitExposed(p)
    p.glw.grab()
    names = [model_label(r) for r in kb.figures["llm_vendors"].rows if r.get("api_price_in") is not None]
    assert any(len(n) > 24 for n in names)                         # 'ByteDance Doubao 2.0 Lite'
    for plot in p.plots:
        axis = plot.category_axis
        assert axis.shown == axis.labels                           # no 'ByteDance Doubao 2.0 Pr…'
        assert axis.height() >= axis.rotated_extent() > 50         # the longest label fits the axis
        assert axis.sceneBoundingRect().bottom() <= p.glw.viewport().height() + 0.5


@pytest.mark.qt_log_ignore("This plugin does not support")
def test_an_abbreviated_category_shows_its_full_name_on_hover(qtbot):
    from PySide6.QtCore import QPoint
    from PySide6.QtTest import QTest

    full = ["A very long model name that is cut short", "Short"]
    axis = CategoryAxis("bottom", full, rotate=38, max_chars=12)
    w = pg.PlotWidget(axisItems={"bottom": axis})
    qtbot.addWidget(w)
    w.setXRange(-0.6, 1.6, padding=0)
    w.resize(500, 300)
    w.show()
    qtbot.waitExposed(w)
    assert axis.shown[0].endswith("…") and axis.shown[1] == "Short"
    # the middle of label 0's text: from its end (under the tick) back along the rotated line
    import math

    from PySide6.QtGui import QFontMetricsF

    o = axis._label_origin(0)
    half = QFontMetricsF(axis.font_).horizontalAdvance(axis.shown[0]) / 2
    a = math.radians(38)
    local = o + type(o)(-half * math.cos(a), half * math.sin(a))
    view_pt = w.mapFromScene(axis.mapToScene(local))
    QTest.mouseMove(w.viewport(), QPoint(view_pt.x(), view_pt.y()) + QPoint(0, 0))
    QTest.mouseMove(w.viewport(), QPoint(view_pt.x() + 1, view_pt.y()))
    qtbot.waitUntil(lambda: axis.toolTip() == full[0], timeout=2000)
    o1 = axis._label_origin(1)
    view1 = w.mapFromScene(axis.mapToScene(o1 + type(o1)(-8, 6)))
    QTest.mouseMove(w.viewport(), QPoint(view1.x(), view1.y()))
    qtbot.waitUntil(lambda: axis.toolTip() == "", timeout=2000)     # a whole label: no tip
