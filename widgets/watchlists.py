"""Watchlists: the lists dock, adding / removing / reordering rows, copying and moving between lists."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QInputDialog,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QMessageBox,
)

from app.domain import StoreError
from widgets import commands as C
from widgets.common import ALL_KB, ALL_UNIVERSE, ListRole
from widgets.table_model import MIME_CODES
from widgets.i18n import translate
from widgets.i18n import QT_TRANSLATE_NOOP as _N  # noqa: N814


def fixed_look(it: QListWidgetItem) -> None:
    """The two fixed lists (all report companies, the universe) look apart from the user's lists:
    in italics, in the theme's own text colour (a fixed grey was dim on the dark theme)."""
    f = it.font()
    f.setItalic(True)
    it.setFont(f)


class WatchlistList(QListWidget):
    """The watchlists; dropping rows on one copies them there (Shift: move)."""

    dropped = Signal(str, list, bool)  # list key, codes, move

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)

    def dragEnterEvent(self, e):
        e.acceptProposedAction() if e.mimeData().hasFormat(MIME_CODES) else e.ignore()

    def dragMoveEvent(self, e):
        item = self.itemAt(e.position().toPoint())
        key = item.data(ListRole) if item else None
        if e.mimeData().hasFormat(MIME_CODES) and isinstance(key, int):
            e.acceptProposedAction()
        else:
            e.ignore()

    def dropEvent(self, e):
        item = self.itemAt(e.position().toPoint())
        key = item.data(ListRole) if item else None
        if not isinstance(key, int):
            e.ignore()
            return
        codes = json.loads(bytes(e.mimeData().data(MIME_CODES)).decode())
        move = bool(e.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        self.dropped.emit(str(key), codes, move)
        e.setDropAction(Qt.DropAction.CopyAction)
        e.accept()


class Watchlists:
    def __init__(self, win):
        self.win = win
        self.lists = WatchlistList()
        self.lists.setObjectName("watchlists")
        self.lists.setMinimumWidth(140)
        self.lists.currentItemChanged.connect(self._list_changed)
        self.lists.dropped.connect(self._dropped_on_list)
        self.lists.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.lists.customContextMenuRequested.connect(self._list_menu)
        win.lists = self.lists
        win.dock_lists = win.add_dock(
            _N("Watchlists", "Watchlists"), "dockWatchlists", self.lists, Qt.DockWidgetArea.LeftDockWidgetArea
        )
        win.model.dropRequested.connect(self._drop_in_table)

        act = win.add_action
        m_edit = win.menus["edit"]
        win.act_add = act(
            _N("Watchlists", "&Add…"),
            self.add_dialog,
            "Ctrl+N",
            _N("Watchlists", "Add by code, name or pinyin initials"),
            m_edit,
        )
        win.act_remove = act(
            _N("Watchlists", "Re&move"),
            self.remove_selected,
            QKeySequence.StandardKey.Delete,
            _N("Watchlists", "Remove the selected rows from this list"),
            m_edit,
        )
        win.act_up = act(
            _N("Watchlists", "Move u&p"),
            lambda: self.move_selected(-1),
            "Ctrl+Up",
            _N("Watchlists", "Move the selected rows up"),
            m_edit,
        )
        win.act_down = act(
            _N("Watchlists", "Move d&own"),
            lambda: self.move_selected(1),
            "Ctrl+Down",
            _N("Watchlists", "Move the selected rows down"),
            m_edit,
        )
        win.act_copy = act(
            _N("Watchlists", "&Copy codes"),
            self.copy_codes,
            QKeySequence.StandardKey.Copy,
            _N("Watchlists", "Copy the selected codes"),
            m_edit,
        )
        m_edit.addSeparator()

        m_list = win.menus["watchlist"]
        win.act_new_list = act(
            _N("Watchlists", "&New watchlist…"),
            self.new_list,
            "Ctrl+Shift+N",
            _N("Watchlists", "Create a watchlist"),
            m_list,
        )
        win.act_rename_list = act(
            _N("Watchlists", "&Rename…"), self.rename_list, "Ctrl+R", _N("Watchlists", "Rename this watchlist"), m_list
        )
        win.act_delete_list = act(
            _N("Watchlists", "&Delete watchlist"),
            self.delete_list,
            None,
            _N("Watchlists", "Delete this watchlist"),
            m_list,
        )
        m_list.addSeparator()
        self.menu_copy_to = win.menu_copy_to = m_list.addMenu(translate("Watchlists", "&Copy selection to"))
        self.menu_move_to = win.menu_move_to = m_list.addMenu(translate("Watchlists", "&Move selection to"))
        win.i18n.bind(self.menu_copy_to, "setTitle", _N("Watchlists", "&Copy selection to"))
        win.i18n.bind(self.menu_move_to, "setTitle", _N("Watchlists", "&Move selection to"))
        m_list.addSeparator()
        win.act_next = act(_N("Watchlists", "Ne&xt list"), lambda: self.step_list(1), "Ctrl+PgDown", menu=m_list)
        win.act_prev = act(_N("Watchlists", "Pre&vious list"), lambda: self.step_list(-1), "Ctrl+PgUp", menu=m_list)
        win.viewReloaded.connect(self._view_reloaded)
        self._view_reloaded()  # nothing to remove or move until a watchlist's rows are in (not on the snapshot)
        win.row_menu_hooks.append(self._row_menu)

    # ---------------------------------------------------------------- the list of lists
    def reload_lists(self, select_list: int | None = None, select_name: str | None = None) -> None:
        win = self.win
        if not win.desk:
            return
        cur = select_list if select_list is not None else win.current_key
        self.lists.blockSignals(True)
        self.lists.clear()
        for key in (ALL_KB, ALL_UNIVERSE):
            label = self._fixed_label(key)
            it = QListWidgetItem(label)
            it.setData(ListRole, key)
            fixed_look(it)
            self.lists.addItem(it)
        win.watchlists = win.desk.store.watchlists()
        for w in win.watchlists:
            it = QListWidgetItem(f"{w.name}  ({len(w.items)})")
            it.setData(ListRole, w.id)
            self.lists.addItem(it)
            if select_name and w.name == select_name:
                cur = w.id
        self.lists.blockSignals(False)
        if cur is None:
            cur = win.watchlists[0].id if win.watchlists else ALL_KB
        self.lists.blockSignals(True)  # one reload_view below, not a second one from the signal
        for i in range(self.lists.count()):
            if self.lists.item(i).data(ListRole) == cur:
                self.lists.setCurrentRow(i)
                break
        else:
            self.lists.setCurrentRow(0)
        self.lists.blockSignals(False)
        win.current_key = self.lists.currentItem().data(ListRole) if self.lists.currentItem() else cur
        self._fill_list_menus()
        win.reload_view()

    def _fixed_label(self, key) -> str:
        desk = self.win.desk
        if key == ALL_KB:
            return translate("Watchlists", "All companies in the reports ({n})").format(
                n=len(self.win.kb_view_codes())  # the listings the table shows (an A+H company is two rows)
            )
        return translate("Watchlists", "A-share universe + reports ({n})").format(n=f"{len(desk.universe):,}")

    def retranslate(self) -> None:
        if self.win.desk is None:
            return
        for i in range(self.lists.count()):
            it = self.lists.item(i)
            if it.data(ListRole) in (ALL_KB, ALL_UNIVERSE):
                it.setText(self._fixed_label(it.data(ListRole)))

    def _list_changed(self, cur, _prev) -> None:
        if cur is None:
            return
        self.win.current_key = cur.data(ListRole)
        self.win.reload_view()

    def update_label(self, wl) -> None:
        for i in range(self.lists.count()):
            it = self.lists.item(i)
            if it.data(ListRole) == wl.id:
                it.setText(f"{wl.name}  ({len(wl.items)})")

    def _view_reloaded(self) -> None:
        editable = self.win.model.editable
        for a in (
            self.win.act_remove,
            self.win.act_up,
            self.win.act_down,
            self.win.act_rename_list,
            self.win.act_delete_list,
        ):
            a.setEnabled(editable)

    def step_list(self, step: int) -> None:
        n = self.lists.count()
        if n:
            self.lists.setCurrentRow((self.lists.currentRow() + step) % n)

    def _list_menu(self, pos) -> None:
        m = QMenu(self.win)
        m.addAction(self.win.act_new_list)
        m.addAction(self.win.act_rename_list)
        m.addAction(self.win.act_delete_list)
        m.exec(self.lists.mapToGlobal(pos))

    def _fill_list_menus(self) -> None:
        for menu, move in ((self.menu_copy_to, False), (self.menu_move_to, True)):
            menu.clear()
            for w in self.win.watchlists:
                a = menu.addAction(w.name)
                a.triggered.connect(lambda _=False, i=w.id, m=move: self.copy_or_move_to(i, m))

    def _row_menu(self, menu: QMenu, codes: list[str]) -> None:
        sub = menu.addMenu(translate("Watchlists", "&Add to list"))
        sub.setObjectName("addToListMenu")
        cur = self.win.current_key
        for w in self.win.watchlists:
            a = sub.addAction(w.name)
            a.setEnabled(w.id != cur)
            a.triggered.connect(lambda _=False, i=w.id, cs=list(codes): self._dropped_on_list(str(i), cs, False))
        sub.addSeparator()
        a = sub.addAction(translate("Watchlists", "New watchlist…"))
        a.triggered.connect(lambda _=False, cs=list(codes): self.new_list(cs))

    # ---------------------------------------------------------------- rows
    def copy_codes(self) -> None:
        codes = self.win.selected_codes()
        if codes:
            QApplication.clipboard().setText("\n".join(codes))
            self.win.statusBar().showMessage(translate("Watchlists", "Copied {n} code(s)").format(n=len(codes)), 2000)

    def add_dialog(self) -> None:
        win = self.win
        if not win.desk:
            return
        wl = win.current_watchlist()
        if wl is None:
            if not win.watchlists:
                win.statusBar().showMessage(
                    translate("Watchlists", "Create a watchlist first (Watchlist > New)."), 4000
                )
                return
            wl = win.watchlists[0]
        from widgets.dialogs import AddDialog

        dlg = AddDialog(win.desk.universe, wl.name, win)
        if dlg.exec() and dlg.codes():
            self.add_codes(wl.id, dlg.codes())

    def add_codes(self, wl_id: int, codes: list[str]) -> None:
        win = self.win
        wl = next(w for w in win.desk.store.watchlists() if w.id == wl_id)
        new = [c for c in codes if c not in wl.codes]
        dup = [c for c in codes if c in wl.codes]
        if dup:
            win.statusBar().showMessage(
                translate("Watchlists", "Already in {list}: {codes}").format(list=wl.name, codes=", ".join(dup)), 5000
            )
        if new:
            if win.current_key != wl_id:
                win.current_key = wl_id
                self.reload_lists(select_list=wl_id)
            win.undo.push(C.AddItems(win, wl_id, new))

    def remove_selected(self) -> None:
        win = self.win
        wl = win.current_watchlist()
        codes = win.selected_codes()
        if wl is None or not codes:
            return
        win.undo.push(C.RemoveItems(win, wl.id, codes))
        win.statusBar().showMessage(
            translate("Watchlists", "Removed {n} from {list} (Ctrl+Z to undo)").format(n=len(codes), list=wl.name), 4000
        )

    def move_selected(self, step: int) -> None:
        win = self.win
        wl = win.current_watchlist()
        codes = win.selected_codes()
        if wl is None or not codes:
            return
        order = wl.codes
        idx = sorted(order.index(c) for c in codes)
        if (step < 0 and idx[0] == 0) or (step > 0 and idx[-1] == len(order) - 1):
            return
        new = list(order)
        moving = [order[i] for i in idx]
        for c in moving if step < 0 else reversed(moving):
            i = new.index(c)
            new[i], new[i + step] = new[i + step], new[i]
        win.features["columns"].clear_sort()
        win.undo.push(C.Reorder(win, wl.id, order, new, moving))

    def _drop_in_table(self, codes: list[str], target_pos: int) -> None:
        win = self.win
        wl = win.current_watchlist()
        if wl is None:
            return
        order = wl.codes
        if win.model.sort_keys:
            win.statusBar().showMessage(
                translate("Watchlists", "Clear the sort (click the header with Ctrl) to reorder by dragging."), 5000
            )
            return
        # target_pos is a position in the model (= list order when unsorted)
        target_code = win.model.row_at(target_pos).code if target_pos < win.model.rowCount() else None
        moving = [c for c in order if c in set(codes)]
        external = [c for c in codes if c not in order]
        if external:
            at = order.index(target_code) if target_code in order else len(order)
            win.undo.push(C.AddItems(win, wl.id, external, at=at))
            return
        rest = [c for c in order if c not in set(moving)]
        at = rest.index(target_code) if target_code in rest else len(rest)
        new = rest[:at] + moving + rest[at:]
        if new != order:
            win.undo.push(C.Reorder(win, wl.id, order, new, moving))

    def _dropped_on_list(self, key: str, codes: list[str], move: bool) -> None:
        win = self.win
        dst = int(key)
        src = win.current_watchlist()
        name = next((w.name for w in win.watchlists if w.id == dst), "")
        if src is None or not isinstance(win.current_key, int):
            win.undo.push(C.AddItems(win, dst, codes))
            win.statusBar().showMessage(
                translate("Watchlists", "Added {n} to {list}").format(n=len(codes), list=name), 4000
            )
            return
        if src.id == dst:
            return
        win.undo.push(C.CopyToList(win, src.id, dst, codes, move, name))

    def copy_or_move_to(self, dst: int, move: bool) -> None:
        codes = self.win.selected_codes()
        if codes:
            self._dropped_on_list(str(dst), codes, move)

    # ---------------------------------------------------------------- lists
    def new_list(self, codes: list[str] | None = None) -> None:
        win = self.win
        if not win.desk:
            return
        name, ok = QInputDialog.getText(win, translate("Watchlists", "New watchlist"), translate("Watchlists", "Name:"))
        if ok and name.strip():
            if codes is None:
                codes = win.selected_codes() if not isinstance(win.current_key, int) else []
            try:
                win.undo.push(C.CreateList(win, name.strip(), codes))
            except StoreError as e:
                QMessageBox.warning(win, translate("Watchlists", "New watchlist"), str(e))

    def rename_list(self) -> None:
        win = self.win
        wl = win.current_watchlist()
        if wl is None:
            return
        name, ok = QInputDialog.getText(
            win, translate("Watchlists", "Rename watchlist"), translate("Watchlists", "Name:"), text=wl.name
        )
        if ok and name.strip() and name.strip() != wl.name:
            try:
                win.desk.store.rename_watchlist(wl.id, name.strip())  # validate before pushing
                win.desk.store.rename_watchlist(wl.id, wl.name)
                win.undo.push(C.RenameList(win, wl.id, wl.name, name.strip()))
            except StoreError as e:
                QMessageBox.warning(win, translate("Watchlists", "Rename watchlist"), str(e))

    def delete_list(self) -> None:
        win = self.win
        wl = win.current_watchlist()
        if wl is None:
            return
        if (
            QMessageBox.question(
                win,
                translate("Watchlists", "Delete watchlist"),
                translate("Watchlists", "Delete “{list}” and its {n} items? (Ctrl+Z undoes it)").format(
                    list=wl.name, n=len(wl.items)
                ),
            )
            == QMessageBox.StandardButton.Yes
        ):
            win.current_key = None
            win.undo.push(C.DeleteList(win, wl.id, wl.name))


def install(win) -> Watchlists:
    f = Watchlists(win)
    win.features["watchlists"] = f
    return f
