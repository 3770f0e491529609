"""Issue 13, the layout walkthrough under Xvfb: the frozen Code/Name overlay lies exactly over the
main view's columns; the spare width goes to the cut columns (and none is left blank); the filter
combos show their text whole or elided with a tooltip; the window has a usable minimum size."""
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QComboBox, QStyle, QStyleOptionComboBox

from app.screening import Screen
from widgets.table_model import COLUMN_INDEX, COLUMNS

CODE, NAME, EXCH = COLUMN_INDEX["code"], COLUMN_INDEX["name"], COLUMN_INDEX["exchange"]


def _shown(t):
    return [i for i in range(len(COLUMNS)) if not t.isColumnHidden(i)]


def _in_table(t, widget, rect):
    """``rect`` (in ``widget``'s coordinates) in the table's coordinates."""
    return rect.translated(widget.mapTo(t, QPoint(0, 0)))


# ---- 1. the frozen overlay ----------------------------------------------------------------------

def _assert_overlay_matches(t):
    fz = t.frozen
    assert fz.viewport().width() == t.columnWidth(CODE) + t.columnWidth(NAME) == t.frozen_width()
    assert fz.horizontalScrollBar().value() == 0
    assert fz.mapTo(t, QPoint(0, 0)).x() == t.viewport().x()
    assert fz.viewport().mapTo(t, QPoint(0, 0)) == t.viewport().mapTo(t, QPoint(0, 0))
    assert fz.viewport().height() == t.viewport().height()
    assert fz.horizontalHeader().height() == t.horizontalHeader().height()
    m = t.model()
    top = t.rowAt(0)
    for r in (top, top + 1, t.rowAt(t.viewport().height() - 2)):
        main = _in_table(t, t.viewport(), t.visualRect(m.index(r, EXCH)))
        for col in (CODE, NAME):
            cell = _in_table(t, fz.viewport(), fz.visualRect(m.index(r, col)))
            assert (cell.y(), cell.height()) == (main.y(), main.height()), (r, col)
    code = _in_table(t, fz.viewport(), fz.visualRect(m.index(top, CODE)))
    name = _in_table(t, fz.viewport(), fz.visualRect(m.index(top, NAME)))
    assert code.x() == t.viewport().x() and name.x() == code.x() + t.columnWidth(CODE)
    assert name.x() + t.columnWidth(NAME) == t.viewport().x() + t.frozen_width()


def test_frozen_overlay_lies_exactly_over_code_and_name(window, qtbot):
    t = window.table
    window.resize(1024, 700)
    qtbot.wait(50)
    _assert_overlay_matches(t)
    fz = t.frozen
    # a click on a name in the overlay, then the cursor from Code to Name: the overlay never shifts
    idx = fz.model().index(3, NAME)
    QTest.mouseClick(fz.viewport(), Qt.MouseButton.LeftButton, pos=fz.visualRect(idx).center())
    assert t.currentIndex().column() == NAME
    _assert_overlay_matches(t)
    QTest.keyClick(t, Qt.Key.Key_Left)
    QTest.keyClick(t, Qt.Key.Key_Right)
    assert t.currentIndex().column() == NAME
    _assert_overlay_matches(t)
    # scrolled right (to the far end) and down: still over the columns, rows side by side
    QTest.keyClick(t, Qt.Key.Key_End)
    for _ in range(3):
        QTest.keyClick(t, Qt.Key.Key_PageDown)
    qtbot.wait(20)
    sb = t.horizontalScrollBar()
    assert sb.value() == sb.maximum() > 0 and t.verticalScrollBar().value() > 0
    _assert_overlay_matches(t)
    last = max(_shown(t), key=t.horizontalHeader().visualIndex)   # no blank strip after the last column
    assert t.columnViewportPosition(last) + t.columnWidth(last) == t.viewport().width()
    t.verticalScrollBar().setValue(t.verticalScrollBar().maximum())
    qtbot.wait(20)
    _assert_overlay_matches(t)


# ---- 2. the spare width --------------------------------------------------------------------------

def _wide(window, qtbot, w=2560, h=1440):
    window.fit_enabled = False   # the offscreen stand-in screen is smaller than a 2560 px monitor
    window.resize(w, h)
    qtbot.wait(50)
    return window.table


def test_spare_width_goes_to_cut_columns_then_fills_the_table(window, qtbot):
    t = _wide(window, qtbot)
    for key in ("themes", "chain"):
        i = COLUMN_INDEX[key]
        assert t.columnWidth(i) >= t._content_width(i, 120), key     # no longer cut
    assert sum(t.columnWidth(i) for i in _shown(t)) == t.viewport().width()   # no blank strip
    assert t.horizontalScrollBar().maximum() == 0


def test_the_last_column_does_not_take_the_space_the_cut_ones_need(window, qtbot):
    t = _wide(window, qtbot, 1900, 1100)
    themes, notes = COLUMN_INDEX["themes"], COLUMN_INDEX["notes"]
    assert t.columnWidth(themes) < t._content_width(themes, 120)   # not room for all of it here
    assert t.columnWidth(notes) == t._fitted[notes]
    assert sum(t.columnWidth(i) for i in _shown(t)) == t.viewport().width()


def test_no_scroll_bar_for_a_few_pixels_when_the_rows_need_a_vertical_one(window, qtbot):
    t = _wide(window, qtbot, 2300, 1300)
    QTest.keyClicks(window.filter_bar.text, "zjxc")
    qtbot.waitUntil(lambda: window.proxy.rowCount() == 1, timeout=3000)
    qtbot.waitUntil(lambda: not t.verticalScrollBar().isVisible(), timeout=3000)   # laid out after the filter
    window.act_fit_columns.trigger()
    window.filter_bar.text.clear()
    qtbot.waitUntil(lambda: window.proxy.rowCount() > 50, timeout=3000)
    qtbot.waitUntil(t.verticalScrollBar().isVisible, timeout=3000)
    qtbot.wait(20)
    assert t.horizontalScrollBar().maximum() == 0
    assert sum(t.columnWidth(i) for i in _shown(t)) == t.viewport().width()


def _drag_section_edge(header, logical, dx):
    x = header.sectionViewportPosition(logical) + header.sectionSize(logical) - 1
    y = header.height() // 2
    QTest.mousePress(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, y))
    for step in range(1, 5):
        QTest.mouseMove(header.viewport(), QPoint(x + dx * step // 4, y))
    QTest.mouseRelease(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x + dx, y))


def test_a_width_set_by_hand_is_kept_on_resize_and_at_the_next_start(qtbot, tmp_path):
    from app.services import Desk
    from widgets.main_window import MainWindow

    desk = Desk.open(tmp_path / "w.sqlite")
    w1 = MainWindow(lambda: desk, background=False)
    qtbot.addWidget(w1)
    w1.show()
    t = _wide(w1, qtbot, 1500, 900)
    rating, themes = COLUMN_INDEX["rating"], COLUMN_INDEX["themes"]
    before = t.columnWidth(rating)
    _drag_section_edge(t.horizontalHeader(), rating, 40)
    assert t.columnWidth(rating) == before + 40
    assert t.by_hand() == ["rating"]
    _wide(w1, qtbot, 2560, 1440)
    assert t.columnWidth(rating) == before + 40                 # the other columns took the spare
    assert t.columnWidth(themes) >= t._content_width(themes, 120)
    w1.close()
    w2 = MainWindow(lambda: desk, background=False)
    qtbot.addWidget(w2)
    w2.show()
    t2 = _wide(w2, qtbot, 2560, 1440)
    assert t2.columnWidth(rating) == before + 40
    assert t2.columnWidth(themes) >= t2._content_width(themes, 120)    # the restored layout is fitted around it
    assert sum(t2.columnWidth(i) for i in _shown(t2)) == t2.viewport().width()
    w2.close()


# ---- 3. the filter bar at 1024 px -----------------------------------------------------------------

def _text_room(combo: QComboBox) -> int:
    opt = QStyleOptionComboBox()
    combo.initStyleOption(opt)
    r = combo.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, opt, QStyle.SubControl.SC_ComboBoxEditField,
                                     combo)
    return r.width() - 2


@pytest.mark.parametrize("script", ["en", "hans"])
def test_filter_combos_show_their_text_or_elide_it_with_a_tooltip(window, qtbot, script):
    window.resize(1024, 700)
    window.set_script(script)
    fb = window.filter_bar
    QTest.mouseClick(fb.more, Qt.MouseButton.LeftButton)
    fb.set_screen(Screen(theme="tencent-yuanbao-compute", customer="0700.HK"))
    qtbot.wait(50)
    combos = (fb.market, fb.theme, fb.customer, fb.segment, fb.status, fb.rating)
    for c in combos:
        assert c.isVisible() and c.width() >= c.minimumSizeHint().width(), c.objectName()
        whole = c.fontMetrics().horizontalAdvance(c.currentText()) <= _text_room(c)
        assert whole or c.toolTip() == c.currentText().strip(), (c.objectName(), c.currentText(), c.toolTip())
        if not whole:
            assert c.shown_text().endswith("…")
    # the default "Core or potential" is never cut: the "More" row wraps rather than squeeze it
    fb.status.setCurrentIndex(0)
    qtbot.wait(20)
    assert fb.fontMetrics().horizontalAdvance(fb.status.currentText()) <= _text_room(fb.status)
    for w in (fb.segment, fb.status, fb.share, fb.tags, fb.rating):
        g = w.geometry()
        assert g.x() >= 0 and g.right() < fb.row2.width() and g.width() >= w.minimumSizeHint().width(), w.objectName()
    assert fb.tags.width() >= 100
    # a short text again: whole, and no tooltip left over
    fb.set_screen(Screen())
    qtbot.wait(20)
    assert fb.theme.toolTip() == "" and fb.theme.fontMetrics().horizontalAdvance(fb.theme.currentText()) <= _text_room(
        fb.theme)


# ---- 4. the minimum window size ----------------------------------------------------------------------

def test_the_window_cannot_be_shrunk_below_a_usable_size(window, qtbot):
    from widgets.window_geometry import MINIMUM

    avail = window.screen().availableGeometry()
    window.resize(300, 200)
    qtbot.wait(50)
    assert window.width() >= min(MINIMUM.width(), avail.width()) - 10
    assert window.height() >= min(MINIMUM.height(), avail.height()) - 40
    assert window.height() >= 600 or avail.height() < 640
    tb = window.toolbar
    assert tb.sizeHint().width() <= tb.width() + 2, "toolbar overflows"
    fb = window.filter_bar
    for c in (fb.text, fb.market, fb.theme, fb.customer, fb.more, fb.clear):
        assert c.isVisible() and c.width() >= c.minimumSizeHint().width(), c.objectName()
    t = window.table
    assert t.viewport().height() >= 6 * t.verticalHeader().defaultSectionSize()   # a screenful of rows


def test_a_theme_switch_with_a_current_cell_keeps_the_overlay_and_does_not_crash(window, qtbot):
    t = window.table
    window.resize(1024, 700)
    QTest.keyClick(t, Qt.Key.Key_End)
    try:
        for theme in ("dark", "light"):
            window.features["appearance"].actions[theme].trigger()
            qtbot.wait(50)
            _assert_overlay_matches(t)
    finally:
        window.features["appearance"].set_theme("system")
