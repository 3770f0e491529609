"""Issue 13: what a new user hit, driven by real input events (QTest mouse and keys on the widgets)."""
import shutil
import subprocess

import pytest
from PySide6.QtCore import QPoint, QRect, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from app.screening import Screen
from tests.widgets.test_prices_gui import FakeProvider
from widgets.table_model import COLUMN_INDEX

CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def fake(monkeypatch):
    prov = FakeProvider(fail=set())
    monkeypatch.setattr("app.prices.service._default_provider", lambda: prov)
    return prov


def _cell_rect(win, code, key) -> QRect:
    pos = win.model.position_of(code)
    idx = win.proxy.mapFromSource(win.model.index(pos, COLUMN_INDEX[key]))
    win.table.scrollTo(idx)
    return win.table.visualRect(idx)


def _cell_text(win, code, key) -> str:
    pos = win.model.position_of(code)
    return win.proxy.mapFromSource(win.model.index(pos, COLUMN_INDEX[key])).data() or ""


def _type_into_cell(qtbot, win, code, key, text):
    """Click the cell, F2 to edit, select what is there, type, Enter: as a user edits."""
    r = _cell_rect(win, code, key)
    QTest.mouseClick(win.table.viewport(), Qt.MouseButton.LeftButton, pos=r.center())
    QTest.keyClick(win.table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    if editor is None or editor is win.table:  # offscreen: the window may not be the active one
        from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QLineEdit
        editor = next(w for t in (QLineEdit, QAbstractSpinBox, QComboBox)
                      for w in win.table.viewport().findChildren(t) if w.isVisible())
    QTest.keyClick(editor, Qt.Key.Key_A, CTRL)
    if text:
        QTest.keyClicks(editor, text)
    else:
        QTest.keyClick(editor, Qt.Key.Key_Delete)
    QTest.keyClick(editor, Qt.Key.Key_Return)
    qtbot.wait(20)


def _refresh(win, qtbot, monkeypatch):
    from PySide6.QtWidgets import QMessageBox
    monkeypatch.setattr(QMessageBox, "open", lambda self: None)
    qtbot.waitUntil(lambda: win.proxy.rowCount() > 0, timeout=10000)   # F5 refreshes the rows shown
    QTest.keyClick(win, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: "Prices:" in win.statusBar().currentMessage(), timeout=60000)
    qtbot.waitUntil(lambda: not win.table.isColumnHidden(COLUMN_INDEX["last"]), timeout=10000)
    # the price columns are filled by a worker after the refresh: wait for the values, not the column
    qtbot.waitUntil(lambda: {"300308.SZ", "0700.HK"} <= set(win._prices), timeout=10000)


# ---- 1. clicking a node in the chain graph ---------------------------------------------------

def test_clicking_a_chain_node_selects_it_without_a_crash(window, qtbot):
    window.select_codes(["000977.SZ"])
    chain = window.chain
    qtbot.waitUntil(lambda: "0700.HK" in chain.nodes)
    for _ in range(2):  # every time, not only the first
        node = chain.nodes["0700.HK"]
        pt = chain.mapFromScene(node.sceneBoundingRect().center())
        QTest.mouseClick(chain.viewport(), Qt.MouseButton.LeftButton, pos=pt)
        qtbot.waitUntil(lambda: window.selected_codes() == ["0700.HK"], timeout=3000)
        window.select_codes(["000977.SZ"])


def test_clicking_an_edge_shows_its_quote_in_evidence(window, qtbot):
    window.select_codes(["000977.SZ"])
    chain = window.chain
    edge, item = next((e, it) for e, it in chain.edge_items if e.customer == "0700.HK")
    pt = chain.mapFromScene(item.path().pointAtPercent(0.6))
    QTest.mouseClick(chain.viewport(), Qt.MouseButton.LeftButton, pos=pt)
    qtbot.waitUntil(lambda: edge.evidence.quote in window.evidence.toPlainText(), timeout=3000)
    assert "→" in window.evidence.toPlainText()


def test_chain_labels_do_not_overlap_fit_and_message_at_normal_size(window, qtbot):
    window.resize(1400, 900)
    window.resizeDocks([window.dock_chain], [420], Qt.Orientation.Vertical)
    qtbot.wait(50)
    window.themes.select_theme("tencent-yuanbao-compute")
    chain = window.chain
    rects = chain.label_rects()
    assert len(rects) > 5
    for i, a in enumerate(rects):
        for b in rects[i + 1:]:
            assert not a.intersects(b), (a, b)
    # the whole graph fits the dock
    vis = chain.mapToScene(chain.viewport().rect()).boundingRect()
    nodes = chain.scene().itemsBoundingRect()
    assert vis.adjusted(-2, -2, 2, 2).contains(nodes.adjusted(10, 10, -10, -10))
    # a company without a chain after the big graph: the message at 100 %
    kb = window.desk.kb
    lonely = next(c.code for c in kb.companies.values()
                  if not any(c.code in (e.supplier, e.customer) for e in kb.edges))
    chain.show_company(lonely)
    assert "no supplier chain" in chain.message and chain.transform().m11() == 1.0


def test_chain_filter_by_segment(window, qtbot):
    window.select_codes(["0700.HK"])
    all_edges = len(window.chain.edge_items)
    combo = window.features["chain"].segment
    combo.setFocus()
    i = combo.findData("optical_modules")
    for _ in range(i):
        QTest.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentData() == "optical_modules"
    segs = {e.segment for e, _ in window.chain.edge_items}
    assert segs == {"optical_modules"} and len(window.chain.edge_items) < all_edges


# ---- 2. and 3. printing a watchlist from the GUI -------------------------------------------

@pytest.mark.skipif(not shutil.which("pdftotext"), reason="pdftotext (poppler-utils) not installed")
def test_gui_print_of_a_watchlist_has_its_ratings_targets_and_notes(window, qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog
    wl = window.current_watchlist()
    _type_into_cell(qtbot, window, "300308.SZ", "notes", "optics leader, buy on dips")
    _type_into_cell(qtbot, window, "300308.SZ", "target", "188.5")
    _type_into_cell(qtbot, window, "300308.SZ", "rating", "4")
    item = next(i for i in window.current_watchlist().items if i.code == "300308.SZ")
    assert item.notes == "optics leader, buy on dips" and item.target_price == 188.5 and item.rating == 4
    out = tmp_path / "wl.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), "PDF (*.pdf)"))
    QTest.keyClick(window, Qt.Key.Key_E, CTRL | SHIFT)      # File > Export PDF…
    qtbot.waitUntil(lambda: "Saved" in window.statusBar().currentMessage(), timeout=60000)
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    flat = "".join(text.split())
    assert wl.name.replace(" ", "") in flat
    assert "Selection" not in text
    assert "optics leader" in text and "dips" in text and "188.50" in text and "4/5" in text
    assert "empty for every company" not in text or "notes" not in text.split("empty for every company")[1][:60]


def test_printed_chart_is_rendered_alone_at_print_resolution(window, qtbot, fake, monkeypatch):
    from widgets.print_actions import current_summary
    from widgets.print_charts import PRINT_SCALE
    _refresh(window, qtbot, monkeypatch)
    summary = current_summary(window)
    assert len(summary.charts) == 1
    ch = summary.charts[0]
    img = ch.image
    assert img.width() >= 1000 * PRINT_SCALE - 1              # print resolution, not a screen grab
    assert "members have prices" in ch.caption
    # no range buttons at the top: the top band of the image, left of the legend strip (which starts
    # above the data, right of the 48 px price axis), is the plot's white margin
    top = img.copy(0, 0, int(44 * PRINT_SCALE), int(14 * PRINT_SCALE))
    dark = sum(1 for x in range(0, top.width(), 7) for y in range(0, top.height(), 3)
               if top.pixelColor(x, y).lightness() < 200)
    assert dark < 20, dark


# ---- 4. editing a user field keeps the prices ----------------------------------------------

def test_editing_tags_rating_target_notes_keeps_price_columns(window, qtbot, fake, monkeypatch):
    _refresh(window, qtbot, monkeypatch)
    last = _cell_text(window, "300308.SZ", "last")
    assert last
    _type_into_cell(qtbot, window, "300308.SZ", "tags", "optics, core")
    assert _cell_text(window, "300308.SZ", "tags") == "optics, core"
    assert _cell_text(window, "300308.SZ", "last") == last
    _type_into_cell(qtbot, window, "300308.SZ", "rating", "5")
    assert _cell_text(window, "300308.SZ", "chg") != "" and _cell_text(window, "300308.SZ", "last") == last
    # 13: a five-star rating is not cut
    fm = window.table.fontMetrics()
    assert window.table.columnWidth(COLUMN_INDEX["rating"]) >= fm.horizontalAdvance("★★★★★") + 8


def test_target_shows_currency_and_upside(window, qtbot, fake, monkeypatch):
    _refresh(window, qtbot, monkeypatch)
    window.table.setColumnHidden(COLUMN_INDEX["upside"], False)
    _type_into_cell(qtbot, window, "0700.HK", "target", "1000")
    assert _cell_text(window, "0700.HK", "target") == "HKD 1,000.00"
    last = float(_cell_text(window, "0700.HK", "last").replace(",", ""))
    up = _cell_text(window, "0700.HK", "upside")
    assert up == f"{(1000 / last - 1) * 100:+.1f}"
    # typed as the cell shows it, with the listing's currency: taken; another currency: refused, said why
    _type_into_cell(qtbot, window, "0700.HK", "target", "HKD 420")
    assert _cell_text(window, "0700.HK", "target") == "HKD 420.00"
    col = COLUMN_INDEX["target"]       # the edited cell is not left cut ("HKD 42…")
    fm = window.table.fontMetrics()
    assert window.table.columnWidth(col) >= fm.horizontalAdvance("HKD 1,000.00") + 8
    _type_into_cell(qtbot, window, "0700.HK", "target", "USD 60")
    assert _cell_text(window, "0700.HK", "target") == "HKD 420.00"
    msg = window.statusBar().currentMessage()
    assert "is in USD; this listing trades in HKD" in msg
    assert msg.lower().count("target price") == 1, msg      # said once, not "target price: target price …"


# ---- 5. and 6. the window on the screen, the layout at 1024 x 700 --------------------------

GEOMETRY_PROBE = r"""
import json, os, sys, tempfile
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
app = QApplication([])
from app.services import Desk
from widgets.main_window import MainWindow, settings
desk = Desk.open(os.path.join(sys.argv[1], "g.sqlite"))
out = {}
if sys.argv[2] == "restore":
    w1 = MainWindow(lambda: desk, background=False)
    w1.setGeometry(2600, 1500, 2400, 1400)   # as saved on a large screen right of this one
    w1.close()
w = MainWindow(lambda: desk, background=False)
w.show()
for _ in range(10):
    app.processEvents()
avail = w.screen().availableGeometry()
def inside():
    g = w.frameGeometry()
    return avail.contains(g)
out["opened"] = inside()
out["frame"] = w.frameGeometry().getRect()
out["chain_share"] = w.dock_chain.height() / w.height()
w.dock_charts.raise_()
for _ in range(10):
    app.processEvents()
if w.charts.basket is not None:
    w.charts.tabs.setCurrentWidget(w.charts.basket)
for _ in range(10):
    app.processEvents()
out["basket"] = inside()
out["frame_after"] = w.frameGeometry().getRect()
out["toolbar_fits"] = w.toolbar.sizeHint().width() <= w.toolbar.width() + 2
print(json.dumps(out))
os._exit(0)
"""


@pytest.mark.parametrize("size", [(1024, 700), (1600, 1000)])
@pytest.mark.parametrize("mode", ["fresh", "restore"])
def test_window_never_exceeds_the_screen(tmp_path, size, mode):
    """On a screen of this size (Qt's offscreen platform configured with one screen), the window
    opens inside it, stays inside when the basket tab opens, and a larger saved geometry is fitted."""
    import json
    import os
    import sys

    from tests.conftest import ROOT
    cfg = tmp_path / "screen.json"
    cfg.write_text(json.dumps({"screens": [{"name": "s", "x": 0, "y": 0, "width": size[0], "height": size[1],
                                            "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={cfg}", PYTHONPATH=str(ROOT),
               XDG_CONFIG_HOME=str(tmp_path), XDG_CACHE_HOME=str(tmp_path))
    res = subprocess.run([sys.executable, "-c", GEOMETRY_PROBE, str(tmp_path), mode], env=env, cwd=ROOT,
                         capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr[-2000:]
    out = json.loads(res.stdout.strip().splitlines()[-1])
    assert out["opened"], out
    assert out["basket"], out
    assert out["toolbar_fits"], out
    if mode == "fresh":   # the chain dock gets a third of the height, not a 114 px strip
        assert out["chain_share"] >= (0.32 if size[1] >= 800 else 0.25), out   # a low screen keeps rows


def test_layout_at_1024_by_700(window, qtbot):
    window.resize(1024, 700)
    qtbot.wait(50)
    fb = window.filter_bar
    assert fb.text.width() >= 110
    for combo in (fb.market, fb.theme, fb.customer):
        assert combo.width() >= combo.minimumSizeHint().width(), combo.objectName()
        assert combo.width() >= 90
    assert not fb.row2.isVisible()                   # the less used filters fold behind "More"
    QTest.mouseClick(fb.more, Qt.MouseButton.LeftButton)
    assert fb.row2.isVisible() and fb.tags.width() >= 100    # 13: the tags box is usable
    tb = window.toolbar
    assert tb.sizeHint().width() <= tb.width() + 2, "toolbar overflows"


def test_code_and_name_stay_while_scrolling_right(window, qtbot):
    t = window.table
    window.resize(1024, 700)
    qtbot.wait(50)
    r = _cell_rect(window, "300308.SZ", "code")
    QTest.mouseClick(t.viewport(), Qt.MouseButton.LeftButton, pos=r.center())
    QTest.keyClick(t, Qt.Key.Key_End)                # to the last column: the table scrolls right
    qtbot.wait(20)
    assert t.horizontalScrollBar().value() > 0
    fz = t.frozen
    assert fz.isVisible() and fz.x() <= 2 and fz.viewport().width() == t.frozen_width()
    idx = fz.model().index(t.currentIndex().row(), COLUMN_INDEX["code"])
    rect = fz.visualRect(idx)
    assert rect.x() == 0 and rect.width() > 40 and idx.data() == "300308.SZ"


# ---- 9. docks follow the selection away -----------------------------------------------------

def test_docks_clear_when_a_filter_hides_the_selected_row(window, qtbot):
    window.select_codes(["000977.SZ"])
    assert "浪潮" in window.evidence.toPlainText()
    QTest.keyClicks(window.filter_bar.text, "zjxc")
    qtbot.waitUntil(lambda: window.proxy.rowCount() == 1, timeout=3000)
    assert "浪潮" not in window.evidence.toPlainText()
    assert "0700.HK" not in window.chain.nodes


def test_docks_clear_when_the_selected_row_is_deleted(window, qtbot):
    r = _cell_rect(window, "000977.SZ", "code")
    QTest.mouseClick(window.table.viewport(), Qt.MouseButton.LeftButton, pos=r.center())
    assert "浪潮" in window.evidence.toPlainText()
    QTest.keyClick(window.table, Qt.Key.Key_Delete)
    assert "000977.SZ" not in window.proxy.codes(range(window.proxy.rowCount()))
    assert "浪潮信息为元宝" not in window.evidence.toPlainText()
    assert not window.chain.nodes


# ---- 10. and 11. refresh without a network; empty charts --------------------------------------

def test_refresh_without_network_says_so_first(window, qtbot, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from app.prices.providers import ProviderError
    boxes = []
    monkeypatch.setattr(QMessageBox, "open", lambda self: boxes.append((self.text(), self.informativeText())))

    class Offline(FakeProvider):
        def extract_data(self, query, params):
            raise ProviderError("akshare.stock_zh_a_hist", query.code,
                                "no connection to push2his.eastmoney.com (offline, or the site is blocked)")
    monkeypatch.setattr("app.prices.service._default_provider", lambda: Offline(set()))
    window.filter_bar.set_screen(Screen(customer="0700.HK", min_share=40))
    QTest.keyClick(window, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: bool(boxes), timeout=60000)
    head, info = boxes[0]
    assert head.startswith("No network connection")
    assert "not updated" in info and "cached prices are kept" in info
    assert "No network" in window.statusBar().currentMessage()


def test_empty_chart_points_to_f5_and_import(window, qtbot):
    window.select_codes(["300308.SZ"])
    window.dock_charts.raise_()
    qtbot.waitUntil(lambda: window.charts.candles is not None, timeout=10000)
    text = window.charts.candles.empty.text()
    assert "F5" in text and "Prices > Import" in text and "main.py" not in text


# ---- 13. smaller ones -------------------------------------------------------------------------

def test_undo_text_and_toolbar_labels_are_plain(window, qtbot):
    tb = window.toolbar
    undo_btn = tb.widgetForAction(window.act_undo_tb)
    w0 = undo_btn.width()
    _type_into_cell(qtbot, window, "300308.SZ", "target", "99")
    assert window.act_undo.text() == "&Undo Edit target price of 300308.SZ"
    assert "target_price" not in window.act_undo.text()
    assert undo_btn.text() == "Undo" and undo_btn.width() == w0
    assert "target price" in window.act_undo_tb.toolTip()


def test_traditional_script_switches_themes_and_chain_roles(window):
    QTest.keyClick(window, Qt.Key.Key_2, CTRL)
    assert window.script == "hant"
    themes = _cell_text(window, "300308.SZ", "themes")
    role = _cell_text(window, "000977.SZ", "chain")
    from app.text import to_hant
    assert themes and themes == to_hant(themes) and themes != _hans(window, "300308.SZ", "themes")
    assert role == to_hant(role) and "騰訊" in role


def _hans(win, code, key):
    win.set_script("hans")
    t = _cell_text(win, code, key)
    win.set_script("hant")
    return t


# ---- analyst habits -----------------------------------------------------------------------

def test_type_to_jump_by_code_and_pinyin(window, qtbot):
    t = window.table
    t.setFocus()
    QTest.keyClicks(t, "zjxc")
    assert window.selected_codes() == ["300308.SZ"]
    qtbot.wait(int(QApplication.keyboardInputInterval() * 3))
    QTest.keyClicks(t, "977")
    assert window.selected_codes() == ["000977.SZ"]


def test_enter_or_down_in_the_filter_goes_to_the_first_result(window, qtbot):
    fb = window.filter_bar
    fb.text.setFocus()
    QTest.keyClicks(fb.text, "Inspur")
    QTest.keyClick(fb.text, Qt.Key.Key_Return)
    assert window.selected_codes() == ["000977.SZ"]
    assert window.table.hasFocus() or QApplication.focusWidget() is window.table
    fb.text.setFocus()
    fb.text.clear()
    QTest.keyClicks(fb.text, "zjxc")
    QTest.keyClick(fb.text, Qt.Key.Key_Down)
    assert window.selected_codes() == ["300308.SZ"]


def _run_menu(qtbot, path: list[str]):
    """Walk an open popup menu by its action texts (prefix match), with the keyboard."""
    def step():
        menu = QApplication.activePopupWidget()
        if menu is None:
            QTimer.singleShot(30, step)
            return
        want = path.pop(0)
        acts = [a for a in menu.actions() if a.text().replace("&", "").startswith(want)]
        assert acts, (want, [a.text() for a in menu.actions()])
        menu.setActiveAction(acts[0])
        QTest.keyClick(menu, Qt.Key.Key_Return)
        if path:
            QTimer.singleShot(30, step)
    QTimer.singleShot(30, step)


@pytest.mark.qt_log_ignore("This plugin does not support")   # popup menus on the offscreen platform
def test_row_menu_copies_the_code_in_futu_form_and_adds_to_a_list(window, qtbot):
    from widgets import commands as C
    t = window.table
    r = _cell_rect(window, "0700.HK", "name")
    _run_menu(qtbot, ["Copy code as", "Futu"])
    QTest.mouseClick(t.viewport(), Qt.MouseButton.LeftButton, pos=r.center())
    ev_pos = t.viewport().mapToGlobal(r.center())
    from PySide6.QtGui import QContextMenuEvent
    QApplication.sendEvent(t.viewport(), QContextMenuEvent(QContextMenuEvent.Reason.Mouse, r.center(), ev_pos))
    qtbot.waitUntil(lambda: QApplication.clipboard().text() == "HK.00700", timeout=3000)
    window.undo.push(C.CreateList(window, "港股"))
    assert window.current_watchlist().name == "港股"
    window.step_list(-1)  # back to the default list
    r = _cell_rect(window, "0700.HK", "name")
    _run_menu(qtbot, ["Add to list", "港股"])
    QApplication.sendEvent(t.viewport(), QContextMenuEvent(QContextMenuEvent.Reason.Keyboard, r.center(),
                                                           t.viewport().mapToGlobal(r.center())))
    qtbot.waitUntil(lambda: "0700.HK" in next(w for w in window.desk.store.watchlists()
                                              if w.name == "港股").codes, timeout=3000)


def test_candles_crosshair_leaves_with_the_mouse_and_volume_pane_share(window, qtbot, fake, monkeypatch):
    _refresh(window, qtbot, monkeypatch)
    window.select_codes(["300308.SZ"])
    window.dock_charts.raise_()
    window.resizeDocks([window.dock_charts], [420], Qt.Orientation.Vertical)
    qtbot.waitUntil(lambda: window.charts.candles is not None and not window.charts.candles.is_empty, timeout=10000)
    c = window.charts.candles
    qtbot.wait(100)
    vp = c.glw.viewport()
    QTest.mouseMove(vp, QPoint(vp.width() // 2, vp.height() // 3))
    qtbot.waitUntil(lambda: c.vline.isVisible(), timeout=2000)
    QApplication.sendEvent(c.glw, __import__("PySide6.QtCore", fromlist=["QEvent"]).QEvent(
        __import__("PySide6.QtCore", fromlist=["QEvent"]).QEvent.Type.Leave))
    assert not c.vline.isVisible()
    assert 0.15 <= c.volume_share() <= 0.27, c.volume_share()


def _item(win, code):
    return next(i for i in win.current_watchlist().items if i.code == code)


def test_the_rating_editor_offers_none_to_five_stars_only(window, qtbot):
    """13/14: the rating is chosen, not typed as any integer (9 was taken, then refused)."""
    from PySide6.QtWidgets import QComboBox

    _type_into_cell(qtbot, window, "300308.SZ", "rating", "3")
    assert _item(window, "300308.SZ").rating == 3
    _type_into_cell(qtbot, window, "300308.SZ", "rating", "9")     # no such choice: the rating stays
    assert _item(window, "300308.SZ").rating == 3
    assert "must be" not in window.statusBar().currentMessage()
    r = _cell_rect(window, "300308.SZ", "rating")
    QTest.mouseClick(window.table.viewport(), Qt.MouseButton.LeftButton, pos=r.center())
    QTest.keyClick(window.table, Qt.Key.Key_F2)
    box = next(w for w in window.table.viewport().findChildren(QComboBox) if w.isVisible())
    assert [box.itemData(i) for i in range(box.count())] == [0, 1, 2, 3, 4, 5]
    assert box.currentData() == 3
    QTest.keyClick(box, Qt.Key.Key_0)
    QTest.keyClick(box, Qt.Key.Key_Return)
    qtbot.wait(20)
    assert _item(window, "300308.SZ").rating is None


def test_switching_names_to_chinese_narrows_the_name_column_again(window, qtbot):
    """An English name is long; back in 简体 the Name column is fitted again, not left 260 px wide."""
    col = COLUMN_INDEX["name"]
    QTest.keyClick(window, Qt.Key.Key_3, CTRL)      # View > Names > English
    qtbot.wait(20)
    wide = window.table.columnWidth(col)
    QTest.keyClick(window, Qt.Key.Key_1, CTRL)      # View > Names > 简体
    qtbot.wait(20)
    assert window.table.columnWidth(col) < wide - 40, (wide, window.table.columnWidth(col))


def test_the_report_companies_count_is_the_rows_it_opens(window, qtbot):
    from widgets.common import ALL_KB, ListRole

    lists = window.features["watchlists"].lists
    row = next(i for i in range(lists.count()) if lists.item(i).data(ListRole) == ALL_KB)
    QTest.mouseClick(lists.viewport(), Qt.MouseButton.LeftButton, pos=lists.visualItemRect(lists.item(row)).center())
    qtbot.waitUntil(lambda: window.current_key == ALL_KB)
    n = window.model.rowCount()
    assert f"({n})" in lists.item(row).text(), (lists.item(row).text(), n)
