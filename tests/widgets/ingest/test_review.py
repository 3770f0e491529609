"""The review window, driven by real input events on the real widgets (pytest-qt)."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QStyle, QStyleOptionViewItem

from app.ingest.model import ACCEPT, REJECT
from tests.widgets.ingest.fixtures import TEXT, make_proposal


@pytest.fixture
def review(window, qtbot):
    from widgets.ingest.review import ReviewWindow

    w = ReviewWindow(make_proposal(), window.desk, window)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def _row_of(view, col: int, text: str) -> int:
    m = view.model()
    for r in range(m.rowCount()):
        if text in (m.index(r, col).data() or ""):
            return r
    raise AssertionError(f"{text!r} not in column {col}")


def _click_cell(qtbot, view, row: int, col: int, double: bool = False):
    idx = view.model().index(row, col)
    view.scrollTo(idx)
    pos = view.visualRect(idx).center()
    if double:
        qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    else:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    return idx


def _check_rect(view, idx):
    opt = QStyleOptionViewItem()
    opt.initFrom(view)
    opt.rect = view.visualRect(idx)
    opt.features |= QStyleOptionViewItem.ViewItemFeature.HasCheckIndicator
    opt.checkState = idx.data(Qt.ItemDataRole.CheckStateRole)
    return view.style().subElementRect(QStyle.SubElement.SE_ItemViewItemCheckIndicator, opt, view)


def test_models_pass_qtmodeltester(review, qtmodeltester):
    for m in (review.companies, review.edges, review.links, review.themes):
        qtmodeltester.check(m)
    for p in review.proxies.values():
        qtmodeltester.check(p)


def test_unreviewed_items_start_as_the_cli_apply_would_take_them(review):
    p = review.proposal
    assert [c.decision for c in p.companies] == [ACCEPT, ACCEPT, REJECT, ACCEPT]   # 浪潮信息 is weak
    assert [e.decision for e in p.edges] == [ACCEPT, REJECT]                        # e2: 0.55 < 0.6
    assert [t.decision for t in p.themes] == [ACCEPT, REJECT]                       # never a new theme
    assert [m.decision for m in p.themes[0].members] == [ACCEPT, ACCEPT]


def test_clicking_a_company_scrolls_to_and_selects_its_mention(review, qtbot):
    review.text.verticalScrollBar().setValue(0)
    view = review.views["companies"]
    row = _row_of(view, 2, "浪潮信息")  # its only mention is far down the text
    _click_cell(qtbot, view, row, 2)
    # the mention is marked exactly (offsets converted past the emoji at the start), its quote coloured
    s, e = review.text.current_span
    assert TEXT[s:e] == "浪潮信息"
    sels = review.text.extraSelections()
    assert sels[0].cursor.selectedText() == "浪潮信息有望成为腾讯控股AI服务器的主要供应商。"
    assert any(x.cursor.selectedText() == "浪潮信息" for x in sels[1:])
    assert review.text.shown_text() == TEXT[TEXT.index("浪潮信息有望"):].split("\n")[0]
    assert review.text.verticalScrollBar().value() > 0
    assert review.text.viewport().rect().contains(review.text.cursorRect().center())
    assert "mention 1 of 1" in review.where.text()


def test_f3_steps_through_a_companys_mentions(review, qtbot):
    view = review.views["companies"]
    row = _row_of(view, 2, "腾讯控股")
    _click_cell(qtbot, view, row, 2)
    first = review.text.current_span
    qtbot.keyClick(view, Qt.Key.Key_F3)
    second = review.text.current_span
    assert second[0] > first[0] and TEXT[second[0]:second[1]] == "腾讯控股"
    assert "mention 2 of 3" in review.where.text()


def test_clicking_an_edge_selects_its_quote(review, qtbot):
    review.tabs.setCurrentWidget(review.views["edges"])
    view = review.views["edges"]
    row = _row_of(view, view.model().sourceModel().column("quote"), "浪潮信息有望")
    _click_cell(qtbot, view, row, 1)
    assert review.text.shown_text() == "浪潮信息有望成为腾讯控股AI服务器的主要供应商。"
    bold = [x.cursor.selectedText() for x in review.text.extraSelections()[1:]]
    assert sorted(bold) == sorted(["浪潮信息", "腾讯控股"])                    # its two parties stand out


def test_clicking_a_mention_in_the_text_selects_its_company(review, qtbot):
    review.tabs.setCurrentIndex(0)
    cur = review.text._cursor(TEXT.index("月之暗面"), TEXT.index("月之暗面") + 1)
    review.text.ensureCursorVisible()
    review.text.setTextCursor(cur)
    review.text.centerCursor()
    rect = review.text.cursorRect(cur)
    qtbot.mouseClick(review.text.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    view = review.views["companies"]
    assert review.tabs.currentWidget() is view
    assert view.currentIndex().siblingAtColumn(1).data() == "moonshot"


def test_toggle_accept_on_an_edge_by_clicking_its_check_box(review, qtbot):
    review.tabs.setCurrentWidget(review.views["edges"])
    view = review.views["edges"]
    row = _row_of(view, view.model().sourceModel().column("quote"), "浪潮信息有望")
    idx = view.model().index(row, 0)
    edge = review.proposal.edges[1]
    assert edge.decision == REJECT
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=_check_rect(view, idx).center())
    assert edge.decision == ACCEPT
    assert "Supplier edges (2/2)" == review.tabs.tabText(review.tabs.currentIndex())
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=_check_rect(view, idx).center())
    assert edge.decision == REJECT
    # Space toggles the selected rows
    _click_cell(qtbot, view, row, 2)
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert edge.decision == ACCEPT


def test_edit_segment_and_status_with_the_keyboard(review, qtbot):
    from app.domain import SEGMENTS
    from app.labels import segment_label

    review.tabs.setCurrentWidget(review.views["edges"])
    view = review.views["edges"]
    src = view.model().sourceModel()
    row = _row_of(view, src.column("quote"), "中际旭创")
    edge = review.proposal.edges[0]
    keys = list(SEGMENTS)
    _click_cell(qtbot, view, row, src.column("segment"))
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert editor.objectName() == "edit_segment"
    assert editor.currentData() == "optical_modules"
    qtbot.keyClick(editor, Qt.Key.Key_Down)
    qtbot.keyClick(editor, Qt.Key.Key_Return)   # the delegate commits queued
    qtbot.waitUntil(lambda: edge.segment == keys[keys.index("optical_modules") + 1], timeout=2000)
    # the segment in the main window's script (as its table shows segments), through app.labels
    assert view.model().index(row, src.column("segment")).data() == segment_label(edge.segment, review.win.script)
    # share: type a figure
    _click_cell(qtbot, view, row, src.column("share_pct"))
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    qtbot.keyClicks(editor, "50")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: edge.share_pct == 50.0, timeout=2000)
    # status: potential
    _click_cell(qtbot, view, row, src.column("status"))
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    qtbot.keyClick(editor, Qt.Key.Key_Down)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: edge.status == "potential", timeout=2000)


def test_sort_by_confidence_by_clicking_the_header(review, qtbot):
    view = review.views["companies"]
    col = review.companies.column("confidence")
    hdr = view.horizontalHeader()
    confs = lambda: [float(view.model().index(r, col).data()) for r in range(view.model().rowCount())]  # noqa: E731
    assert confs() == sorted(confs(), reverse=True)           # opens sorted, most confident first
    qtbot.mouseClick(hdr.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(hdr.sectionViewportPosition(col) + hdr.sectionSize(col) // 2, hdr.height() // 2))
    assert confs() == sorted(confs())


def test_bulk_accept_by_confidence(review, qtbot):
    p = review.proposal
    review.threshold.selectAll()
    qtbot.keyClicks(review.threshold, "0.6")
    qtbot.keyClick(review.threshold, Qt.Key.Key_Tab)
    assert review.threshold.value() == 0.6
    assert "3/4 companies" in review.summary.text()
    qtbot.mouseClick(review.bulk, Qt.MouseButton.LeftButton)
    assert all(c.decision == ACCEPT for c in p.companies)            # the weak one is 0.62 ≥ 0.6
    assert [e.decision for e in p.edges] == [ACCEPT, REJECT]          # the argued edge is 0.55 < 0.6
    assert p.themes[1].decision == REJECT                             # the new theme scores 0.4
    assert "4/4 companies" in review.summary.text()
    assert review.tabs.tabText(1) == "Companies (4/4)"


def test_change_the_company_a_mention_resolves_to(review, qtbot):
    view = review.views["companies"]
    row = _row_of(view, 2, "浪潮信息")
    _click_cell(qtbot, view, row, 1)
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert editor.objectName() == "edit_party"
    editor.selectAll()
    qtbot.keyClicks(editor, "300502")
    qtbot.keyClick(editor, Qt.Key.Key_Escape) if editor.completer().popup().isVisible() else None
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    p = review.proposal
    qtbot.waitUntil(lambda: p.company("000977.SZ") is None, timeout=2000)
    c = p.company("300502.SZ")
    assert c is not None and c.listed and c.name != "300502.SZ" and not c.weak
    assert p.edges[1].supplier == "300502.SZ"                       # its edge follows
    assert p.themes[0].members[1].ref == "300502.SZ"


def test_report_metadata_is_edited_in_place_and_checked(review, qtbot):
    review.tabs.setCurrentIndex(0)
    title = review.form.fields["title"]
    title.selectAll()
    qtbot.keyClicks(title, "Yuanbao note")
    assert review.proposal.report["title"] == "Yuanbao note"
    date = review.form.fields["date"]
    date.selectAll()
    qtbot.keyClicks(date, "2026-13")
    assert not review.apply_button.isEnabled()
    assert "date" in review.form.problem.text().lower()
    date.selectAll()
    qtbot.keyClicks(date, "2026-03")
    assert review.apply_button.isEnabled()
    assert review.proposal.report["date"] == "2026-03" and review.proposal.report["date_precision"] == "month"
    qtbot.mouseClick(review.form.ai, Qt.MouseButton.LeftButton, pos=QPoint(8, review.form.ai.height() // 2))
    assert review.proposal.report["ai_compiled"] is True


def test_geometry_is_remembered_and_fits_the_screen(window, qtbot):
    from widgets.ingest.review import ReviewWindow

    w = ReviewWindow(make_proposal(), window.desk, window)
    qtbot.addWidget(w)
    w.show()
    avail = w.screen().availableGeometry()
    assert w.frameGeometry().width() <= avail.width() and w.frameGeometry().height() <= avail.height()
    w.resize(760, 560)
    w.close()
    w2 = ReviewWindow(make_proposal(), window.desk, window)
    qtbot.addWidget(w2)
    w2.show()
    assert (w2.width(), w2.height()) == (760, 560)


def _evidence_text(window, code):
    window.select_party(code)
    return window.evidence.toPlainText()


def test_apply_is_one_undo_step_and_undo_deletes_the_report(window, review, qtbot):
    from app.ingest import storage

    desk = window.desk
    before_reports = len(desk.kb.reports)
    assert "独占45%订单" not in _evidence_text(window, "300308.SZ")
    qtbot.mouseClick(review.add_to, Qt.MouseButton.LeftButton, pos=QPoint(8, review.add_to.height() // 2))
    review.watchlist.lineEdit().selectAll()
    qtbot.keyClicks(review.watchlist.lineEdit(), "Yuanbao review")
    assert review.target_watchlist() == "Yuanbao review"
    n_undo = window.undo.count()
    qtbot.mouseClick(review.apply_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not review.isVisible(), timeout=5000)
    assert window.undo.count() == n_undo + 1
    key = review.command.result.key
    assert [r.key for r in storage.reports(desk.store)] == [key]
    assert len(desk.kb.reports) == before_reports + 1
    wl = desk.store.watchlist("Yuanbao review")
    assert set(wl.codes) == {"300308.SZ", "0700.HK"}          # the accepted listed companies
    # the desk shows the new evidence without a restart
    assert "独占45%订单" in _evidence_text(window, "300308.SZ")
    assert any("Yuanbao review" in window.lists.item(i).text() for i in range(window.lists.count()))
    assert "0700.HK" in window.chain.nodes
    # Ctrl+Z on the desk: the report, its claims and the new list are gone
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert storage.reports(desk.store) == []
    assert len(desk.kb.reports) == before_reports
    assert "Yuanbao review" not in {w.name for w in desk.store.watchlists()}
    assert "独占45%订单" not in _evidence_text(window, "300308.SZ")
    # and redo brings it back
    window.act_redo.trigger()
    assert [r.key for r in storage.reports(desk.store)] == [key]
    assert "独占45%订单" in _evidence_text(window, "300308.SZ")


def test_apply_refuses_a_figure_the_quote_does_not_state(window, review, qtbot):
    from app.ingest import storage

    review.proposal.edges[0].share_pct = 50.0       # the quote says 45 %
    qtbot.mouseClick(review.apply_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: getattr(review, "error_box", None) is not None and review.error_box.isVisible(),
                    timeout=3000)
    assert "does not state 50%" in review.error_box.text()
    assert "Nothing was applied" in review.error_box.text()
    review.error_box.close()
    assert review.isVisible() and storage.reports(window.desk.store) == []
    assert window.undo.count() == 0


def test_a_report_the_desk_already_has_says_so_and_asks_before_applying(window, qtbot):
    """A bundled report read again: a banner says which report it is, and Apply asks first;
    answering No (the default) applies nothing; Yes adds it as a second report."""
    from PySide6.QtWidgets import QMessageBox

    from app.ingest.pipeline import analyse_file
    from tests.conftest import SEEDS
    from widgets.ingest.review import ReviewWindow

    desk = window.desk
    p = analyse_file(desk, SEEDS / "000_3588441407189b7d.txt")
    w = ReviewWindow(p, desk, window)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    assert w.duplicate_banner is not None and w.duplicate_banner.isVisible()
    assert "000_3588441407189b7d.txt" in w.duplicate_banner.text()
    before = len(desk.kb.reports)

    from tests.widgets.ingest.fixtures import answer_next_box

    def answer(button):
        answer_next_box(qtbot, button)

    answer(QMessageBox.StandardButton.No)
    qtbot.mouseClick(w.apply_button, Qt.MouseButton.LeftButton)
    assert "Add it as a second report anyway?" in w.duplicate_box.text()
    assert len(desk.kb.reports) == before and w.isVisible()
    answer(QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(w.apply_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not w.isVisible(), timeout=10000)
    assert len(desk.kb.reports) == before + 1
