from PySide6.QtCore import Qt

from app.screening import Screen
from app.store import DEFAULT_WATCHLIST
from widgets.main_window import ALL_KB, ALL_UNIVERSE, ListRole
from widgets.table_model import COLUMN_INDEX


def _visible_codes(win):
    return win.proxy.codes(range(win.proxy.rowCount()))


def _select_list(win, key):
    for i in range(win.lists.count()):
        if win.lists.item(i).data(ListRole) == key:
            win.lists.setCurrentRow(i)
            return
    raise AssertionError(key)


def test_models_pass_qtmodeltester(window, qtmodeltester):
    qtmodeltester.check(window.model)
    qtmodeltester.check(window.proxy)
    qtmodeltester.check(window.themes.model)


def test_opens_on_default_watchlist_with_report_names(window):
    wl = window.current_watchlist()
    assert wl.name == DEFAULT_WATCHLIST
    assert window.proxy.rowCount() == len(wl.items) > 50
    assert "300308.SZ" in _visible_codes(window)


def test_typing_in_filter_bar_filters_by_name_in_either_script(window, qtbot):
    window.filter_bar.text.insert("中際旭創")  # what an input method commits (keyClicks is ASCII-only)
    qtbot.waitUntil(lambda: window.proxy.rowCount() == 1, timeout=2000)
    assert _visible_codes(window) == ["300308.SZ"]
    assert window.filter_bar.count.text().startswith("1 of")
    window.filter_bar.text.clear()
    qtbot.keyClicks(window.filter_bar.text, "zjxc")
    qtbot.waitUntil(lambda: _visible_codes(window) == ["300308.SZ"], timeout=2000)
    window.filter_bar.text.clear()
    qtbot.keyClicks(window.filter_bar.text, "Inspur")
    qtbot.waitUntil(lambda: _visible_codes(window) == ["000977.SZ"], timeout=2000)


def test_picking_a_theme_filters_and_shows_chain(window, qtbot):
    window.themes.select_theme("tencent-yuanbao-compute")
    codes = _visible_codes(window)
    assert "000977.SZ" in codes and "300308.SZ" in codes and "0700.HK" not in codes
    assert window.filter_bar.theme.currentData() == "tencent-yuanbao-compute"
    assert window.chain.nodes  # the theme's chain is drawn
    assert "0700.HK" in window.chain.nodes


def test_customer_segment_share_screen(window):
    window.filter_bar.set_screen(Screen(customer="0700.HK", min_share=40))
    codes = set(_visible_codes(window))
    assert codes == {"000977.SZ", "300308.SZ", "301165.SZ"}
    window.filter_bar.set_screen(Screen(customer="0700.HK", segment="optical_modules"))
    assert set(_visible_codes(window)) == {"300308.SZ", "000070.SZ"}
    window.filter_bar.set_screen(Screen(customer="0700.HK", segment="optical_modules", status="core"))
    assert _visible_codes(window) == ["300308.SZ"]
    # criteria hold on one edge: 中际旭创 supplies optical modules to Alibaba too, but without a share
    window.filter_bar.set_screen(Screen(customer="9988.HK", segment="optical_modules", min_share=10))
    assert _visible_codes(window) == []
    window.filter_bar.set_screen(Screen(markets=("HK",)))
    assert all(c.endswith(".HK") for c in _visible_codes(window))


def test_edit_cell_then_undo_redo(window, qtbot):
    pos = window.model.position_of("300308.SZ")
    idx = window.proxy.mapFromSource(window.model.index(pos, COLUMN_INDEX["notes"]))
    assert window.proxy.setData(idx, "光模块龙头")
    wl = window.current_watchlist()
    assert next(i for i in wl.items if i.code == "300308.SZ").notes == "光模块龙头"
    assert idx.data() == "光模块龙头"
    rating = window.proxy.mapFromSource(window.model.index(pos, COLUMN_INDEX["rating"]))
    window.proxy.setData(rating, 4)
    assert rating.data() == "★★★★"
    window.act_undo.trigger()
    assert rating.data() == ""
    window.act_undo.trigger()
    assert next(i for i in window.current_watchlist().items if i.code == "300308.SZ").notes == ""
    window.act_redo.trigger()
    assert idx.data() == "光模块龙头"


def test_bad_edit_is_refused_with_message(window):
    pos = window.model.position_of("300308.SZ")
    idx = window.proxy.mapFromSource(window.model.index(pos, COLUMN_INDEX["target"]))
    window.proxy.setData(idx, "abc")
    assert "not a number" in window.statusBar().currentMessage()
    assert window.undo.count() == 0


def test_switch_lists_and_add_by_pinyin(window, qtbot, monkeypatch):
    window.undo.push  # noqa: B018
    from widgets import commands as C
    window.undo.push(C.CreateList(window, "光模块"))
    assert window.current_watchlist().name == "光模块"
    assert window.proxy.rowCount() == 0
    from widgets.dialogs import AddDialog
    dlg = AddDialog(window.desk.universe, "光模块", window)
    qtbot.addWidget(dlg)
    qtbot.keyClicks(dlg.edit, "ZJXC")
    assert dlg.codes() == ["300308.SZ"]
    dlg.edit.setText("700 HK, sh600519, 中際旭創")
    assert dlg.codes() == ["0700.HK", "600519.SH", "300308.SZ"]
    window.add_codes(window.current_key, dlg.codes())
    assert _visible_codes(window) == ["0700.HK", "600519.SH", "300308.SZ"]
    window.act_next.trigger()  # next list wraps to "All companies"
    assert window.current_key == ALL_KB
    window.act_prev.trigger()
    assert window.current_watchlist().name == "光模块"
    window.act_undo.trigger()  # undo the add
    assert window.proxy.rowCount() == 0


def test_remove_reorder_copy_move_with_undo(window):
    from widgets import commands as C
    wl = window.current_watchlist()
    first3 = wl.codes[:3]
    window.select_codes([first3[2]])
    window.act_up.trigger()
    assert window.current_watchlist().codes[:3] == [first3[0], first3[2], first3[1]]
    window.act_undo.trigger()
    assert window.current_watchlist().codes[:3] == first3
    window.undo.push(C.CreateList(window, "B"))
    b = window.current_key
    _select_list(window, wl.id)
    window.select_codes(first3[:2])
    window.copy_or_move_to(b, move=True)
    assert window.desk.store.watchlist(b).codes == first3[:2]
    assert first3[0] not in window.desk.store.watchlist(wl.id).codes
    window.act_undo.trigger()
    assert window.desk.store.watchlist(wl.id).codes[:3] == first3
    window.select_codes([first3[0]])
    window.act_remove.trigger()
    assert first3[0] not in _visible_codes(window)
    window.act_undo.trigger()
    assert _visible_codes(window)[0] == first3[0]


def test_multi_column_sort_and_selection_kept(window, qtbot):
    window.select_codes(["300308.SZ"])
    window.set_sort([(COLUMN_INDEX["exchange"], Qt.SortOrder.AscendingOrder),
                     (COLUMN_INDEX["share"], Qt.SortOrder.DescendingOrder)])
    codes = _visible_codes(window)
    ex = [c.rsplit(".", 1)[1] for c in codes]
    assert ex == sorted(ex)
    sz = [window.model.row_at(window.model.position_of(c)).max_share for c in codes if c.endswith(".SZ")]
    with_share = [s for s in sz if s is not None]
    assert with_share == sorted(with_share, reverse=True)
    assert sz.index(with_share[0]) == 0  # missing shares sort last
    assert window.selected_codes() == ["300308.SZ"]


def test_names_switch_scripts(window):
    pos = window.model.position_of("300308.SZ")
    idx = window.proxy.mapFromSource(window.model.index(pos, COLUMN_INDEX["name"]))
    assert idx.data() == "中际旭创"
    window.script_actions["hant"].trigger()
    assert idx.data() == "中際旭創"
    window.script_actions["en"].trigger()
    assert idx.data() == "Zhongji Innolight"


def test_evidence_and_chain_follow_selection(window):
    window.select_codes(["000977.SZ"])
    html = window.evidence.toPlainText()
    assert "浪潮信息为元宝提供超50%算力支持" in html
    assert "AI-compiled" in html
    assert "0700.HK" in window.chain.nodes
    # clicking a chain node selects that company (switching views if needed)
    window.chain.partyClicked.emit("0700.HK")
    assert window.selected_codes() == ["0700.HK"]


def test_saved_screen_recalled(window):
    window.filter_bar.set_screen(Screen(customer="bytedance"))
    n = window.proxy.rowCount()
    window.desk.store.save_screen("字节链", window.filter_bar.screen().to_dict())
    window.filter_bar.set_screen(Screen())
    window.recall_screen("字节链")
    assert window.proxy.rowCount() == n > 0


def test_universe_view_is_read_only_and_large(window):
    _select_list(window, ALL_UNIVERSE)
    assert window.model.rowCount() > 5000
    assert not window.act_remove.isEnabled()
    idx = window.proxy.index(0, COLUMN_INDEX["notes"])
    assert not (window.proxy.flags(idx) & Qt.ItemFlag.ItemIsEditable)


def test_settings_restore_columns_and_list(qtbot, tmp_path):
    from app.services import Desk
    from widgets.main_window import MainWindow
    desk = Desk.open(tmp_path / "s.sqlite")
    w1 = MainWindow(lambda: desk, background=False)
    qtbot.addWidget(w1)
    w1.table.setColumnHidden(COLUMN_INDEX["themes"], True)
    w1.table.setColumnWidth(COLUMN_INDEX["notes"], 333)
    w1.set_script("en")
    w1.close()
    w2 = MainWindow(lambda: desk, background=False)
    qtbot.addWidget(w2)
    assert w2.table.isColumnHidden(COLUMN_INDEX["themes"])
    assert w2.table.columnWidth(COLUMN_INDEX["notes"]) == 333
    assert w2.script == "en"
    w2.close()


def test_background_loading_shows_progress_then_table(qtbot, tmp_path):
    from app.services import Desk
    from widgets.main_window import MainWindow
    w = MainWindow(lambda: Desk.open(tmp_path / "bg.sqlite"))
    qtbot.addWidget(w)
    w.show()
    assert w.stack.currentWidget() is w.empty
    with qtbot.waitSignal(w.deskReady, timeout=30000):
        pass
    assert w.stack.currentWidget() is w.table and w.model.rowCount() > 50
    w.close()


def test_load_failure_is_shown_not_swallowed(qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox
    from widgets.main_window import MainWindow
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: shown.append(a[2]))

    def boom():
        raise RuntimeError("disk on fire")
    w = MainWindow(boom)
    qtbot.addWidget(w)
    qtbot.waitUntil(lambda: bool(shown), timeout=10000)
    assert "disk on fire" in shown[0] and "disk on fire" in w.empty.text()
    assert "Opening" not in w.statusBar().currentMessage()
    w.close()


def test_drag_rows_to_reorder_and_onto_another_list(window):
    from PySide6.QtCore import QModelIndex
    from widgets import commands as C
    wl = window.current_watchlist()
    order = wl.codes
    src = window.model.index(window.model.position_of(order[4]), 0)
    mime = window.model.mimeData([src])
    assert window.model.canDropMimeData(mime, Qt.DropAction.MoveAction, 1, 0, QModelIndex())
    window.model.dropMimeData(mime, Qt.DropAction.MoveAction, 1, 0, QModelIndex())
    assert window.current_watchlist().codes[:3] == [order[0], order[4], order[1]]
    window.act_undo.trigger()
    assert window.current_watchlist().codes == order
    # dropping onto another watchlist copies the rows with their fields
    window.undo.push(C.CreateList(window, "drop target"))
    target = window.current_key
    _select_list(window, wl.id)
    window._dropped_on_list(str(target), [order[0]], False)
    assert window.desk.store.watchlist(target).codes == [order[0]]
    assert order[0] in window.current_watchlist().codes


def test_export_pdf_of_the_screened_view(window, qtbot, tmp_path, monkeypatch):
    import subprocess
    from PySide6.QtWidgets import QFileDialog
    out = tmp_path / "screen.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), "PDF (*.pdf)"))
    window.filter_bar.set_screen(Screen(customer="0700.HK", min_share=40))
    window.export_pdf()
    qtbot.waitUntil(lambda: "Saved" in window.statusBar().currentMessage(), timeout=30000)
    assert out.exists() and out.stat().st_size > 10_000
    from tests.conftest import need_tool

    need_tool("pdftotext", what="pdftotext (poppler-utils)")   # skips locally, fails under CI=true
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    assert "300308.SZ" in text and "中际旭创" in text and "0700.HK" not in text.split("Code")[1][:400]


def test_no_shortcut_is_bound_twice(window):
    """Qt ignores an ambiguous shortcut (both actions stay silent): every key sequence the window's
    actions carry belongs to one action only (Ctrl+Y on Redo was once bound twice)."""
    from PySide6.QtGui import QAction

    seen: dict[str, str] = {}
    dup = []
    for a in window.findChildren(QAction):
        for k in a.shortcuts():
            t = k.toString()
            if not t:
                continue
            keys = a.shortcuts()
            if [x.toString() for x in keys].count(t) > 1:
                dup.append(f"{t} twice on {a.text()!r}")
            if t in seen and seen[t] != a.text():
                dup.append(f"{t} on {seen[t]!r} and {a.text()!r}")
            seen.setdefault(t, a.text())
    assert dup == []
