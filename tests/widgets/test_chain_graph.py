"""Issue 13 defect 7: a big hub's supplier chain (Tencent's) in the bottom dock is readable: the long
supplier layer wraps into columns of segment groups, the view never shrinks text below 9 px (it
scrolls instead, starting at the hub), and no label covers another label or a node."""

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QGraphicsSimpleTextItem

from widgets.panels import ChainPanel

MIN_TEXT_PX = 9.0

HUB = "0700.HK"
DOCK = (1408, 114)  # the chain view at the default dock height (measured: 1600x1000 screen, Xvfb)


def _on_screen_px(view, text_item) -> tuple[float, float]:
    """A node text's height on screen: its font's em and its line box, through the view transform."""
    tf = text_item.deviceTransform(view.viewportTransform())
    k = tf.map(QPointF(0, 1)).y() - tf.map(QPointF(0, 0)).y()
    em = text_item.font().pointSizeF() * view.logicalDpiY() / 72 * k
    return em, tf.mapRect(text_item.boundingRect()).height()


def _check_readable_and_apart(chain):
    assert chain.nodes
    for ref, node in chain.nodes.items():
        for t in [c for c in node.childItems() if isinstance(c, QGraphicsSimpleTextItem)]:
            em, box = _on_screen_px(chain, t)
            assert em >= MIN_TEXT_PX and box >= MIN_TEXT_PX, (ref, t.text(), em, box)
    rects = [n.sceneBoundingRect() for n in chain.nodes.values()]
    for i, a in enumerate(rects):
        for b in rects[i + 1 :]:
            assert not a.intersects(b), (a, b)
    labels = chain.label_rects()
    headers = [h.sceneBoundingRect() for h in getattr(chain, "headers", [])]
    for i, a in enumerate(labels):
        for b in labels[i + 1 :]:
            assert not a.intersects(b), ("label on label", a, b)
        for b in rects + headers:
            assert not a.intersects(b), ("label on a node or header", a, b)


@pytest.fixture
def dock_chain(qtbot, kb):
    chain = ChainPanel()
    chain.kb = kb
    chain.script = "hans"
    chain.resize(*DOCK)
    qtbot.addWidget(chain)
    chain.show()
    qtbot.waitExposed(chain)
    return chain


def test_tencent_hub_at_the_default_dock_is_readable_scrolls_and_starts_at_the_hub(dock_chain, qtbot):
    chain = dock_chain
    chain.show_company(HUB)
    qtbot.wait(20)
    suppliers = [r for r in chain.nodes if r != HUB and any(e.supplier == r for e, _ in chain.edge_items)]
    assert len(suppliers) > 30
    chain.fit()  # the Fit button
    _check_readable_and_apart(chain)
    assert chain._rows < len(suppliers)  # the supplier layer is wrapped into columns
    assert {h.text() for h in chain.headers} >= {"IDC数据中心", "光模块"}  # grouped under segment names
    # it does not fit at a readable size: it scrolls, and the hub is in view
    assert chain.horizontalScrollBar().maximum() > 0
    vis = chain.mapToScene(chain.viewport().rect()).boundingRect()
    assert vis.contains(chain.nodes[HUB].sceneBoundingRect())
    # a click on a supplier node in view still selects it
    ref = next(r for r in suppliers if vis.contains(chain.nodes[r].sceneBoundingRect()) and chain.nodes[r].listed)
    pt = chain.mapFromScene(chain.nodes[ref].sceneBoundingRect().center())
    with qtbot.waitSignal(chain.partyClicked, timeout=2000) as sig:
        QTest.mouseClick(chain.viewport(), Qt.MouseButton.LeftButton, pos=pt)
    assert sig.args == [ref]


def test_a_taller_dock_lays_the_hub_out_again_and_fits_it_whole(dock_chain, qtbot):
    chain = dock_chain
    chain.show_company(HUB)
    short_rows = chain._rows
    chain.resize(1408, 520)
    qtbot.waitUntil(lambda: chain._rows != short_rows, timeout=2000)
    qtbot.wait(20)
    _check_readable_and_apart(chain)
    vis = chain.mapToScene(chain.viewport().rect()).boundingRect()
    assert vis.adjusted(-2, -2, 2, 2).contains(chain.scene().itemsBoundingRect())
    # an edge's label shows its quote
    edge, _item = next((e, it) for e, it in chain.edge_items if e.customer == HUB and e.share_label)
    label = chain.labels[[e for e, _ in chain.edge_items].index(edge)]
    pt = chain.mapFromScene(label.sceneBoundingRect().center())
    with qtbot.waitSignal(chain.edgeClicked, timeout=2000) as sig:
        QTest.mouseClick(chain.viewport(), Qt.MouseButton.LeftButton, pos=pt)
    assert sig.args == [edge]
    # and a company without a chain after it: the message at 100 %
    kb = chain.kb
    lonely = next(
        c.code for c in kb.companies.values() if not any(c.code in (e.supplier, e.customer) for e in kb.edges)
    )
    chain.show_company(lonely)
    assert "no supplier chain" in chain.message and chain.transform().m11() == 1.0
    assert chain.horizontalScrollBar().maximum() == 0


def test_hub_in_the_window_dock_selects_the_clicked_supplier(window, qtbot):
    window.resize(1408, 880)
    qtbot.wait(50)
    window.select_codes([HUB])
    chain = window.chain
    qtbot.waitUntil(lambda: len(chain.nodes) > 30, timeout=3000)
    qtbot.wait(50)  # the re-layout after the dock's resize
    _check_readable_and_apart(chain)
    vis = chain.mapToScene(chain.viewport().rect()).boundingRect()
    ref = next(r for r, n in chain.nodes.items() if r != HUB and n.listed and vis.contains(n.sceneBoundingRect()))
    QTest.mouseClick(
        chain.viewport(),
        Qt.MouseButton.LeftButton,
        pos=chain.mapFromScene(chain.nodes[ref].sceneBoundingRect().center()),
    )
    qtbot.waitUntil(lambda: window.selected_codes()[:1] == [ref], timeout=3000)


def test_grid_layout_wraps_to_the_views_shape():
    from widgets.chain_layout import Metrics, best_rows, grid_layout

    refs = [f"s{i}" for i in range(40)]
    layers = {0: refs, 1: ["hub"]}
    group_of = {r: f"g{i // 5}" for i, r in enumerate(refs)}
    node_h = {r: 34.0 for r in [*refs, "hub"]}
    label_w = {r: 40.0 for r in refs}
    wide, _ = best_rows(layers, group_of, node_h, label_w, 2000, 300)
    tall, _ = best_rows(layers, group_of, node_h, label_w, 600, 2000)
    assert wide < tall
    g = grid_layout(layers, group_of, node_h, label_w, wide)
    assert g.columns[0] > 1 and g.columns[1] == 1
    m = Metrics()
    boxes = [(x, y, x + m.node_w + label_w.get(r, 0), y + node_h[r]) for r, (x, y) in g.pos.items()]
    for i, a in enumerate(boxes):  # a node with its labels' room never meets another
        for b in boxes[i + 1 :]:
            assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1], (a, b)
    # every group of a column is headed by its name
    assert {grp for grp, _x, _y in g.headers} == set(group_of.values())


def test_a_link_two_reports_state_is_drawn_once_and_shows_both_quotes(window, qtbot):
    """15: a link the KB has and a newly added report restates was drawn twice, with stacked labels."""
    import dataclasses

    kb = window.desk.kb
    e = next(x for x in kb.edges if x.supplier == "300308.SZ")
    other = next(r for r in kb.reports if r != e.evidence.report)
    again = dataclasses.replace(e, status="stated", share_pct=None, share_qualifier=None,
                                evidence=dataclasses.replace(e.evidence, report=other, quote="又一份研报的原话"))
    kb.edges.append(again)
    try:
        window.select_codes(["300308.SZ"])
        chain = window.chain
        pair = [(x, it) for x, it in chain.edge_items if (x.supplier, x.customer, x.segment)
                == (e.supplier, e.customer, e.segment)]
        assert len(pair) == 1                      # one line, one label
        shown, item = pair[0]
        assert shown.status == e.status            # the stronger claim is the one drawn
        label = chain.labels[[x for x, _ in chain.edge_items].index(shown)].text()
        assert "2 reports" in label
        chain.centerOn(item.path().pointAtPercent(0.5))
        pt = chain.mapFromScene(item.path().pointAtPercent(0.5))
        QTest.mouseClick(chain.viewport(), Qt.MouseButton.LeftButton, pos=pt)
        qtbot.waitUntil(lambda: "又一份研报的原话" in window.evidence.toPlainText(), timeout=3000)
        assert e.evidence.quote in window.evidence.toPlainText()
    finally:
        kb.edges.remove(again)


def test_the_segment_filter_offers_the_segments_the_chain_has(window, qtbot):
    """Segments the selected company's chain does not have are greyed (they only led to "no supplier chain")."""
    window.select_codes(["300308.SZ"])
    box = window.features["chain"].segment
    model = box.model()
    enabled = {box.itemData(i) for i in range(1, box.count()) if model.item(i).isEnabled()}
    segs = {e.segment for e in window.desk.kb.edges if "300308.SZ" in (e.supplier, e.customer)}
    assert enabled == segs and "optical_modules" in enabled
    window.table.clearSelection()
    qtbot.waitUntil(lambda: all(model.item(i).isEnabled() for i in range(1, box.count())))
