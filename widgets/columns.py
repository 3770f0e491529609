"""The table's columns: sorting by header clicks (Shift adds a key, Ctrl clears), View > Columns,
Fit columns, and the saved header layout and sort (``table/header``, ``table/sort``).

A core part of the desk, installed by the main window before the features.
"""

from __future__ import annotations

import json

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtWidgets import QApplication, QMenu

from widgets.i18n import QT_TRANSLATE_NOOP as _N  # noqa: N814
from widgets.i18n import tr, translate
from widgets.table_model import COLUMN_INDEX, COLUMNS

ASC, DESC = Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder


def _flip(order: Qt.SortOrder) -> Qt.SortOrder:
    return DESC if order == ASC else ASC


def next_sort_keys(keys: list, section: int, shift: bool) -> list:
    """The sort after a click on ``section``: a plain click sorts by it (a second click reverses);
    with Shift it is added as the next key (or reversed if already a key)."""
    keys = list(keys)
    existing = next((i for i, (c, _) in enumerate(keys) if c == section), None)
    if shift and keys:
        if existing is None:
            keys.append((section, ASC))
        else:
            c, o = keys[existing]
            keys[existing] = (c, _flip(o))
        return keys
    if existing == 0 and len(keys) == 1:
        return [(section, _flip(keys[0][1]))]
    return [(section, ASC)]


def sort_to_json(keys) -> str:
    return json.dumps([[COLUMNS[c].key, "desc" if o == DESC else "asc"] for c, o in keys])


def sort_from_json(value) -> list:
    keys = []
    try:
        for key, order in json.loads(value) if value else []:
            if key in COLUMN_INDEX:
                keys.append((COLUMN_INDEX[key], DESC if order == "desc" else ASC))
    except (ValueError, TypeError):
        return []
    return keys


class Columns:
    def __init__(self, win):
        self.win = win
        self.table, self.model = win.table, win.model
        hdr = self.table.horizontalHeader()
        hdr.customContextMenuRequested.connect(self._column_menu)
        hdr.sectionClicked.connect(self.header_clicked)
        m_view = win.menus["view"]
        win.menu_columns = self.menu = m_view.addMenu(tr(_N("MainWindow", "&Columns")))
        win.i18n.bind(self.menu, "setTitle", _N("MainWindow", "&Columns"))
        self.menu.aboutToShow.connect(lambda: self.fill_column_menu(self.menu))
        win.act_fit_columns = win.add_action(
            _N("MainWindow", "&Fit columns to content"),
            self.table.fit_columns,
            None,
            _N("MainWindow", "Size every column to its content"),
            m_view,
        )
        m_view.addSeparator()

    # ---------------------------------------------------------------- sorting
    def header_clicked(self, section: int) -> None:
        if self.win.showing_snapshot:
            return
        mods = QApplication.keyboardModifiers()
        if mods & Qt.KeyboardModifier.ControlModifier:
            self.clear_sort()
            return
        self.set_sort(next_sort_keys(self.model.sort_keys, section, bool(mods & Qt.KeyboardModifier.ShiftModifier)))

    def _show_indicator(self, keys) -> None:
        hdr = self.table.horizontalHeader()
        if keys:
            hdr.setSortIndicator(keys[0][0], keys[0][1])
        else:
            hdr.setSortIndicator(-1, ASC)

    def set_sort(self, keys) -> None:
        win = self.win
        sel = win.selected_codes()
        self.model.set_sort_keys(keys)
        self._show_indicator(keys)
        names = ", ".join(f"{tr(COLUMNS[c].title)} {'↑' if o == ASC else '↓'}" for c, o in keys)
        win.statusBar().showMessage(
            translate("MainWindow", "Sorted by {columns}").format(columns=names)
            if keys
            else translate("MainWindow", "List order"),
            3000,
        )
        win.select_codes(sel)

    def clear_sort(self) -> None:
        if self.model.sort_keys:
            self.set_sort([])

    # ---------------------------------------------------------------- View > Columns
    def _column_menu(self, pos) -> None:
        m = QMenu(self.win)
        self.fill_column_menu(m)
        m.exec(self.table.horizontalHeader().mapToGlobal(pos))

    def fill_column_menu(self, menu: QMenu) -> None:
        menu.clear()
        for i, c in enumerate(COLUMNS):
            if i in (COLUMN_INDEX["code"], COLUMN_INDEX["name"]):
                continue
            needs = c.group == "price" and not self.model.show_prices
            a = menu.addAction(tr(c.title) + (translate("MainWindow", "  (needs prices)") if needs else ""))
            a.setCheckable(True)
            a.setChecked(not self.table.isColumnHidden(i))
            a.toggled.connect(lambda on, i=i: self.table.setColumnHidden(i, not on))

    # ---------------------------------------------------------------- settings
    def restore_settings(self, s) -> None:
        hdr = self.table.horizontalHeader()
        state = s.value("table/header")
        if isinstance(state, QByteArray):
            hdr.restoreState(state)
            hdr.setProperty("restored", True)
            by_hand = s.value("table/by_hand")  # the widths the user dragged (the others are fitted)
            self.table.set_by_hand(json.loads(by_hand) if isinstance(by_hand, str) else None)
            self.table.sync_frozen()
        # The sort the user left, applied when the rows come; the header's arrow follows it (a header
        # state alone would show an arrow over rows in list order).
        keys = sort_from_json(s.value("table/sort", ""))
        self.model.sort_keys = keys  # the attribute only: the rows are sorted as they are set
        self._show_indicator(keys)

    def save_settings(self, s) -> None:
        s.setValue("table/header", self.table.horizontalHeader().saveState())
        s.setValue("table/by_hand", json.dumps(self.table.by_hand()))
        s.setValue("table/sort", sort_to_json(self.model.sort_keys))

    def reset(self) -> None:
        """Every column back in its place, shown as by default, fitted to its content."""
        hdr = self.table.horizontalHeader()
        for i, c in enumerate(COLUMNS):
            hdr.moveSection(hdr.visualIndex(i), i)
            self.table.setColumnHidden(i, not c.visible or (c.group == "price" and not self.model.show_prices))
        self.table.fit_columns()


def install(win) -> Columns:
    f = Columns(win)
    win.features["columns"] = f
    return f
