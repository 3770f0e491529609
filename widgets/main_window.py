"""The screening desk: watchlists, the screening table, themes, chain and evidence docks."""
from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any, Callable

from PySide6.QtCore import QByteArray, QItemSelectionModel, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView, QApplication, QDockWidget, QInputDialog, QLabel, QListWidget,
    QListWidgetItem, QMainWindow, QMenu, QMessageBox, QProgressBar, QStackedWidget, QTableView, QToolBar,
    QVBoxLayout, QWidget,
)

from app.domain import StoreError, validate_user_fields
from widgets import commands as C
from widgets.filter_bar import FilterBar
from widgets.panels import ChainPanel, EmptyState, EvidencePanel, ThemesPanel
from widgets.table_model import COLUMN_INDEX, COLUMNS, MIME_CODES, DeskTableModel, ScreenProxy
from widgets.workers import Task

if TYPE_CHECKING:  # pragma: no cover - the heavy data layer loads after the first paint
    from app.screening import RowFactory, Screen
    from app.services import Desk

log = logging.getLogger(__name__)

ALL_KB = "kb:all"          # every company the reports name
ALL_UNIVERSE = "kb:universe"  # the whole offline universe
ListRole = Qt.ItemDataRole.UserRole + 1
SETTINGS_ORG = "chainwatch"


def settings() -> QSettings:
    return QSettings(SETTINGS_ORG, "chainwatch")


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
        import json
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


class MainWindow(QMainWindow):
    deskReady = Signal()

    def __init__(self, desk_factory: Callable[[], Desk], *, initial_list: str | None = None,
                 initial_select: str | None = None, background: bool = True):
        super().__init__()
        self.setWindowTitle("Chainwatch — China / HK AI stock desk")
        self.setObjectName("mainWindow")
        self.desk: Desk | None = None
        self.rows: RowFactory | None = None
        self.screen_filter: Screen | None = None
        self.current_key: Any = None
        self._initial_list = initial_list
        self._initial_select = initial_select
        self.undo = QUndoStack(self)
        self.script = "hans"
        self._tasks: list[Task] = []

        # ---- central: filter bar + table (or an empty / loading state)
        self.model = DeskTableModel(self)
        self.proxy = ScreenProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setObjectName("deskTable")
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.verticalHeader().setVisible(False)
        self.table.setDragEnabled(True)
        self.table.setAcceptDrops(True)
        self.table.setDropIndicatorShown(True)
        self.table.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.table.setDefaultDropAction(Qt.DropAction.MoveAction)
        hdr = self.table.horizontalHeader()
        hdr.setSectionsMovable(True)
        hdr.setSectionsClickable(True)
        hdr.setSortIndicatorShown(True)
        hdr.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        hdr.setStretchLastSection(True)
        hdr.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        hdr.customContextMenuRequested.connect(self._column_menu)
        hdr.sectionClicked.connect(self._header_clicked)
        for i, c in enumerate(COLUMNS):
            self.table.setColumnWidth(i, c.width)
            self.table.setColumnHidden(i, not c.visible or c.group == "price")
        self.filter_bar = FilterBar()
        self.filter_bar.changed.connect(self.apply_screen)
        self.empty = EmptyState("Loading the knowledge base…")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)
        self.stack.setCurrentWidget(self.empty)
        central = QWidget()
        lay = QVBoxLayout(central)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        lay.addWidget(self.filter_bar)
        lay.addWidget(self.stack)
        self.setCentralWidget(central)

        # ---- docks
        self.lists = WatchlistList()
        self.lists.setObjectName("watchlists")
        self.lists.currentItemChanged.connect(self._list_changed)
        self.lists.dropped.connect(self._dropped_on_list)
        self.lists.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.lists.customContextMenuRequested.connect(self._list_menu)
        self.themes = ThemesPanel()
        self.themes.themeSelected.connect(self._theme_selected)
        self.chain = ChainPanel()
        self.chain.setObjectName("chainView")
        self.chain.partyClicked.connect(self.select_party)
        self.evidence = EvidencePanel()
        self.evidence.setObjectName("evidenceView")
        self.dock_lists = self._dock("Watchlists", "dockWatchlists", self.lists, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.dock_themes = self._dock("Themes", "dockThemes", self.themes, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.dock_evidence = self._dock("Evidence", "dockEvidence", self.evidence, Qt.DockWidgetArea.RightDockWidgetArea)
        self.dock_chain = self._dock("Supplier chain", "dockChain", self.chain, Qt.DockWidgetArea.BottomDockWidgetArea)
        from widgets.charts_panel import ChartsPanel
        self.charts = ChartsPanel()
        self.dock_charts = self._dock("Charts", "dockCharts", self.charts, Qt.DockWidgetArea.BottomDockWidgetArea)
        self.tabifyDockWidget(self.dock_chain, self.dock_charts)
        self.dock_chain.raise_()
        self.dock_charts.visibilityChanged.connect(lambda vis: vis and self._charts_follow())
        self.price_lookup = None
        self._prices: dict[str, dict] = {}
        self._refresh_task: Task | None = None
        self.lists.setMinimumWidth(200)
        self.themes.setMinimumWidth(200)
        self.evidence.setMinimumWidth(300)
        self.chain.setMinimumHeight(180)
        self.resizeDocks([self.dock_lists, self.dock_evidence], [250, 360], Qt.Orientation.Horizontal)
        self.resizeDocks([self.dock_lists, self.dock_chain], [360, 250], Qt.Orientation.Vertical)

        # ---- status bar
        self.status_count = QLabel("")
        self.status_count.setObjectName("statusCount")
        self.status_kb = QLabel("")
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(180)
        self.progress.setRange(0, 0)
        self.statusBar().addWidget(self.status_count, 1)
        self.statusBar().addPermanentWidget(self.progress)
        self.statusBar().addPermanentWidget(self.status_kb)

        self._build_actions()
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())
        self.model.editRequested.connect(self._edit_requested)
        self.model.dropRequested.connect(self._drop_in_table)
        self.model.theme_title = self._theme_title
        self.model.ref_name = lambda r: self.desk.kb.ref_name(r, "en") if self.desk else r
        self.resize(1400, 860)
        self._restore_settings()
        from widgets import team_sync  # team mode: File > Open team database…, others' changes
        team_sync.install(self)

        if background:
            self.progress.show()
            self.statusBar().showMessage("Opening the store and the knowledge base…")
            task = Task(desk_factory)
            task.signals.done.connect(self.set_desk)
            task.signals.failed.connect(self._desk_failed)
            self._tasks.append(task)
            self._start_when_painted(task)
        else:
            self.set_desk(desk_factory())

    def _start_when_painted(self, task: Task) -> None:
        """Start loading once the window has painted: the first paint never waits for the data layer."""
        from PySide6.QtCore import QEvent, QObject

        class _OnPaint(QObject):
            def eventFilter(self, obj, ev):
                if ev.type() == QEvent.Type.Paint:
                    obj.removeEventFilter(self)
                    QTimer.singleShot(0, task.start)
                return False
        self._paint_hook = _OnPaint(self)
        self.installEventFilter(self._paint_hook)
        QTimer.singleShot(1000, task.start)  # in case no paint comes (hidden window)

    # ---------------------------------------------------------------- set-up helpers
    def _dock(self, title: str, name: str, w: QWidget, area) -> QDockWidget:
        d = QDockWidget(title, self)
        d.setObjectName(name)
        d.setWidget(w)
        self.addDockWidget(area, d)
        return d

    def _act(self, text: str, slot, shortcut=None, tip: str = "", menu: QMenu | None = None) -> QAction:
        a = QAction(text, self)
        if shortcut:
            a.setShortcut(QKeySequence(shortcut))
            a.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        if tip:
            a.setStatusTip(tip)
            a.setToolTip(tip)
        a.triggered.connect(lambda *_: slot())
        self.addAction(a)
        if menu is not None:
            menu.addAction(a)
        return a

    def _build_actions(self) -> None:
        mb = self.menuBar()
        m_file = mb.addMenu("&File")
        self.act_export = self._act("&Export to Excel…", self.export_excel, "Ctrl+E", "Export watchlists and the knowledge base to a workbook", m_file)
        self.act_import = self._act("&Import…", self.import_file, "Ctrl+I", "Import a workbook or another terminal's list", m_file)
        m_file.addSeparator()
        self.act_print = self._act("&Print…", self.print_summary, QKeySequence.StandardKey.Print, "Print a watchlist summary", m_file)
        self.act_preview = self._act("Print Pre&view…", self.print_preview, "Ctrl+Shift+P", "Preview the printed summary", m_file)
        self.act_pdf = self._act("Export P&DF…", self.export_pdf, "Ctrl+Shift+E", "Save the summary as PDF", m_file)
        m_file.addSeparator()
        self._act("&Quit", self.close, QKeySequence.StandardKey.Quit, menu=m_file)

        m_edit = mb.addMenu("&Edit")
        self.act_undo = self.undo.createUndoAction(self, "&Undo")
        self.act_undo.setShortcut(QKeySequence.StandardKey.Undo)
        self.act_redo = self.undo.createRedoAction(self, "&Redo")
        self.act_redo.setShortcuts([QKeySequence.StandardKey.Redo, QKeySequence("Ctrl+Y")])
        m_edit.addAction(self.act_undo)
        m_edit.addAction(self.act_redo)
        self.addAction(self.act_undo)
        self.addAction(self.act_redo)
        m_edit.addSeparator()
        self.act_add = self._act("&Add…", self.add_dialog, "Ctrl+N", "Add by code, name or pinyin initials", m_edit)
        self.act_remove = self._act("&Remove", self.remove_selected, QKeySequence.StandardKey.Delete, "Remove the selected rows from this list", m_edit)
        self.act_up = self._act("Move &up", lambda: self.move_selected(-1), "Ctrl+Up", "Move the selected rows up", m_edit)
        self.act_down = self._act("Move d&own", lambda: self.move_selected(1), "Ctrl+Down", "Move the selected rows down", m_edit)
        self.act_copy = self._act("&Copy codes", self.copy_codes, QKeySequence.StandardKey.Copy, "Copy the selected codes", m_edit)
        m_edit.addSeparator()
        self.act_find = self._act("&Find…", self.focus_filter, QKeySequence.StandardKey.Find, "Filter the table", m_edit)

        m_list = mb.addMenu("&Watchlist")
        self.act_new_list = self._act("&New watchlist…", self.new_list, "Ctrl+Shift+N", "Create a watchlist", m_list)
        self.act_rename_list = self._act("&Rename…", self.rename_list, "Ctrl+R", "Rename this watchlist", m_list)
        self.act_delete_list = self._act("&Delete watchlist", self.delete_list, None, "Delete this watchlist", m_list)
        m_list.addSeparator()
        self.menu_copy_to = m_list.addMenu("&Copy selection to")
        self.menu_move_to = m_list.addMenu("&Move selection to")
        m_list.addSeparator()
        self.act_next = self._act("Ne&xt list", lambda: self.step_list(1), "Ctrl+PgDown", menu=m_list)
        self.act_prev = self._act("Pre&vious list", lambda: self.step_list(-1), "Ctrl+PgUp", menu=m_list)

        m_screen = mb.addMenu("&Screen")
        self.act_clear = self._act("&Clear filters", self.filter_bar.clear_filters, "Ctrl+Shift+X", menu=m_screen)
        self.act_save_screen = self._act("&Save screen…", self.save_screen, "Ctrl+S", "Save the filters under a name", m_screen)
        self.menu_screens = m_screen.addMenu("&Saved screens")
        self.act_delete_screen = self._act("&Delete saved screen…", self.delete_screen, menu=m_screen)

        m_prices = mb.addMenu("&Prices")
        self.act_refresh = self._act("&Refresh prices", self.refresh_prices, "F5",
                                     "Download missing daily bars for this list and the benchmarks", m_prices)
        self.act_refresh_all = self._act("Refresh &all watchlists", lambda: self.refresh_prices(all_lists=True),
                                         "Shift+F5", menu=m_prices)
        self.act_cancel = self._act("&Cancel download", self.cancel_refresh, None, menu=m_prices)
        self.act_cancel.setEnabled(False)
        m_prices.addSeparator()
        self.act_chart_png = self._act("Export chart as &PNG…", self.export_chart_png, None,
                                       "Save the chart on the Charts dock's current tab", m_prices)
        m_prices.addSeparator()
        self.act_import_prices = self._act("&Import price history…", self.import_prices, None,
                                           "Import a CSV/xlsx of daily prices (Wind, Choice, Yahoo, akshare)", m_prices)

        m_view = mb.addMenu("&View")
        names = m_view.addMenu("&Names")
        grp = QActionGroup(self)
        self.script_actions = {}
        for key, label, sc in (("hans", "简体 Simplified", "Ctrl+1"), ("hant", "繁體 Traditional", "Ctrl+2"),
                               ("en", "English", "Ctrl+3")):
            a = QAction(label, self, checkable=True)
            a.setShortcut(QKeySequence(sc))
            a.triggered.connect(lambda _=False, k=key: self.set_script(k))
            grp.addAction(a)
            names.addAction(a)
            self.addAction(a)
            self.script_actions[key] = a
        self.script_actions["hans"].setChecked(True)
        self.menu_columns = m_view.addMenu("&Columns")
        self.menu_columns.aboutToShow.connect(lambda: self._fill_column_menu(self.menu_columns))
        m_view.addSeparator()
        for d in (self.dock_lists, self.dock_themes, self.dock_evidence, self.dock_chain, self.dock_charts):
            m_view.addAction(d.toggleViewAction())
        m_view.addSeparator()
        self._act("Reset &layout", self.reset_layout, menu=m_view)

        m_help = mb.addMenu("&Help")
        self._act("&About the data", self.about_data, menu=m_help)

        tb = QToolBar("Main")
        tb.setObjectName("mainToolbar")
        tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for a in (self.act_add, self.act_remove, self.act_up, self.act_down):
            tb.addAction(a)
        tb.addSeparator()
        tb.addAction(self.act_undo)
        tb.addAction(self.act_redo)
        tb.addSeparator()
        tb.addAction(self.act_new_list)
        tb.addAction(self.act_save_screen)
        tb.addSeparator()
        tb.addAction(self.act_export)
        tb.addAction(self.act_import)
        tb.addAction(self.act_pdf)
        tb.addSeparator()
        tb.addAction(self.act_refresh)
        self.addToolBar(tb)
        self.toolbar = tb
        from widgets.ingest import install as install_ingest
        install_ingest(self)  # File > Add report… (Ctrl+Shift+O), Paste report… (issue 9)

    # ---------------------------------------------------------------- desk loading
    def set_desk(self, desk: Desk) -> None:
        from app.screening import RowFactory, Screen

        self.screen_filter = self.screen_filter or Screen()
        self.desk = desk
        self.rows = RowFactory(desk.kb, desk.universe)
        self.progress.hide()
        self.statusBar().clearMessage()
        self.themes.set_kb(desk.kb)
        self.chain.kb = desk.kb
        self.evidence.kb = desk.kb
        self.filter_bar.set_kb(desk.kb)
        rep = len(desk.kb.reports)
        self.status_kb.setText(f"KB {desk.kb.version} · {rep} reports · store {desk.store.path}")
        self.stack.setCurrentWidget(self.table)
        QTimer.singleShot(0, lambda: self.charts.build(desk))
        s = settings()
        wanted = self._initial_list or s.value("desk/list", None)
        self.reload_lists(select_name=wanted)
        saved = s.value("desk/screen", None)
        if saved and not self._initial_list:
            try:
                import json
                self.filter_bar.set_screen(Screen.from_dict(json.loads(saved)))
            except (ValueError, TypeError):
                pass
        self._fill_screens_menu()
        if self._initial_select:
            self.select_party(self._initial_select)
        self.team_watcher.attach(desk)
        self.deskReady.emit()

    def _desk_failed(self, exc: BaseException, tb: str) -> None:
        self.progress.hide()
        self.statusBar().showMessage("Not opened: see the message above (File > Quit, then fix and restart).")
        self.empty.setText(f"Could not open the store or the knowledge base:\n\n{exc}")
        QMessageBox.critical(self, "Chainwatch", f"Could not open the store or the knowledge base.\n\n{exc}")

    # ---------------------------------------------------------------- lists
    def reload_lists(self, select_list: int | None = None, select_name: str | None = None) -> None:
        if not self.desk:
            return
        cur = select_list if select_list is not None else self.current_key
        self.lists.blockSignals(True)
        self.lists.clear()
        kb_n = len(self.desk.kb.companies)
        for key, label in ((ALL_KB, f"All companies in the reports ({kb_n})"),
                           (ALL_UNIVERSE, f"A-share universe + reports ({len(self.desk.universe):,})")):
            it = QListWidgetItem(label)
            it.setData(ListRole, key)
            it.setForeground(Qt.GlobalColor.darkGray)
            self.lists.addItem(it)
        self.watchlists = self.desk.store.watchlists()
        for w in self.watchlists:
            it = QListWidgetItem(f"{w.name}  ({len(w.items)})")
            it.setData(ListRole, w.id)
            self.lists.addItem(it)
            if select_name and w.name == select_name:
                cur = w.id
        self.lists.blockSignals(False)
        if cur is None:
            cur = self.watchlists[0].id if self.watchlists else ALL_KB
        for i in range(self.lists.count()):
            if self.lists.item(i).data(ListRole) == cur:
                self.lists.setCurrentRow(i)
                break
        else:
            self.lists.setCurrentRow(0)
        self._fill_list_menus()
        self.reload_view()

    def _list_changed(self, cur, _prev) -> None:
        if cur is None:
            return
        self.current_key = cur.data(ListRole)
        self.reload_view()

    def current_watchlist(self):
        if isinstance(self.current_key, int):
            return next((w for w in self.desk.store.watchlists() if w.id == self.current_key), None)
        return None

    def step_list(self, step: int) -> None:
        n = self.lists.count()
        if n:
            self.lists.setCurrentRow((self.lists.currentRow() + step) % n)

    def reload_view(self, select: list[str] | None = None) -> None:
        """Rebuild the table rows for the current list, keeping sort, filters and (if asked) selection."""
        if not self.desk:
            return
        keep = select if select is not None else self.selected_codes()
        key = self.current_key
        if isinstance(key, int):
            wl = self.current_watchlist()
            if wl is None:
                self.current_key = ALL_KB
                return self.reload_view()
            rows = [self.rows.row(i.code, i) for i in wl.items]
            editable = True
            for w in self.watchlists:
                if w.id == key:
                    w.items = wl.items
            self._update_list_label(wl)
        elif key == ALL_UNIVERSE:
            rows = self.rows.rows_for_universe(self.desk.universe.by_code.values())
            editable = False
        else:
            codes = []
            for c in self.desk.kb.companies.values():
                codes.extend(x for x in c.codes if not x.endswith(".US"))
                if all(x.endswith(".US") for x in c.codes):
                    codes.append(c.code)
            rows = [self.rows.row(c) for c in codes]
            editable = False
        for r in rows:
            if r.code in self._prices:
                r.prices = self._prices[r.code]
        self.model.set_rows(rows, editable)
        self._fill_prices([r.code for r in rows])
        self.table.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop if editable
                                   else QAbstractItemView.DragDropMode.DragOnly)
        self.apply_screen(self.filter_bar.screen(), keep_selection=keep)
        for a in (self.act_remove, self.act_up, self.act_down, self.act_rename_list, self.act_delete_list):
            a.setEnabled(editable)

    def _update_list_label(self, wl) -> None:
        for i in range(self.lists.count()):
            it = self.lists.item(i)
            if it.data(ListRole) == wl.id:
                it.setText(f"{wl.name}  ({len(wl.items)})")

    # ---------------------------------------------------------------- screening
    def apply_screen(self, screen: "Screen", keep_selection: list[str] | None = None) -> None:
        keep = keep_selection if keep_selection is not None else self.selected_codes()
        if self.desk and screen.theme:
            kb = self.desk.kb
            screen.theme_ids = (screen.theme,) + tuple(t.id for t in kb.themes.values() if t.parent == screen.theme)
        self.screen_filter = screen
        self.model.mask = screen.mask(self.model.rs)
        self.proxy.refilter()
        self.themes.blockSignals(True)
        self.themes.select_theme(screen.theme)
        self.themes.blockSignals(False)
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.filter_bar.count.setText(f"{shown} of {total}")
        words = screen.describe(self.desk.kb if self.desk else None)
        self.status_count.setText(f"{shown} of {total} shown" + (f" · {'; '.join(words)}" if words else ""))
        if keep:
            self.select_codes(keep)
        if shown == 0 and total > 0:
            self.statusBar().showMessage("No row matches the filters (Esc in the filter bar clears them).", 4000)

    def _theme_selected(self, tid: str) -> None:
        self.filter_bar.set_theme(tid)
        if tid:
            self.chain.show_theme(tid)
            self.evidence.show_theme(tid)
            t = self.desk.kb.themes[tid]
            refs = self.desk.kb.theme_members(tid)
            members = [c for r in refs if (c := self._listing(r))]
            unlisted = tuple(self.desk.kb.ref_name(r) for r in refs if not self.desk.kb.company(r))
            self.charts.show_basket(f"{t.title_zh} {t.title_en}", members, unlisted)

    def _listing(self, ref: str) -> str | None:
        c = self.desk.kb.company(ref)
        if not c:
            return None
        return next((x for x in c.codes if not x.endswith(".US")), None)

    def save_screen(self) -> None:
        if not self.desk:
            return
        name, ok = QInputDialog.getText(self, "Save screen", "Name for these filters:")
        if ok and name.strip():
            self.desk.store.save_screen(name.strip(), self.filter_bar.screen().to_dict())
            self._fill_screens_menu()
            self.statusBar().showMessage(f"Saved screen “{name.strip()}”", 3000)

    def delete_screen(self) -> None:
        names = list(self.desk.store.screens()) if self.desk else []
        if not names:
            self.statusBar().showMessage("No saved screens.", 3000)
            return
        name, ok = QInputDialog.getItem(self, "Delete saved screen", "Screen:", names, 0, False)
        if ok:
            self.desk.store.delete_screen(name)
            self._fill_screens_menu()

    def _fill_screens_menu(self) -> None:
        self.menu_screens.clear()
        screens = self.desk.store.screens() if self.desk else {}
        if not screens:
            a = self.menu_screens.addAction("(none saved yet)")
            a.setEnabled(False)
        for name in screens:
            a = self.menu_screens.addAction(name)
            a.triggered.connect(lambda _=False, n=name: self.recall_screen(n))

    def recall_screen(self, name: str) -> None:
        from app.screening import Screen

        spec = self.desk.store.screens()[name]
        self.filter_bar.set_screen(Screen.from_dict(spec))

    # ---------------------------------------------------------------- selection
    def selected_codes(self) -> list[str]:
        sm = self.table.selectionModel()
        if sm is None or not self.model.rowCount():
            return []
        rows = sorted({i.row() for i in sm.selectedRows()})
        return self.proxy.codes(rows)

    def select_codes(self, codes: list[str]) -> None:
        sm = self.table.selectionModel()
        sm.clearSelection()
        first = None
        for code in codes:
            pos = self.model.position_of(code)
            if pos is None:
                continue
            idx = self.proxy.mapFromSource(self.model.index(pos, 0))
            if idx.isValid():
                sm.select(idx, QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)
                first = first or idx
        if first is not None:
            sm.setCurrentIndex(first, QItemSelectionModel.SelectionFlag.NoUpdate)
            self.table.scrollTo(first)

    def select_party(self, ref: str) -> None:
        """Select a company in the table (from a chain node or --select); switch views if needed."""
        if not self.desk:
            return
        from app.codes import try_parse
        parsed = try_parse(ref)
        c = self.desk.kb.company(parsed.code if parsed else ref)
        codes = [parsed.code] if parsed else []
        if c:
            codes = list(dict.fromkeys(codes + list(c.codes)))
        if not codes:
            self.evidence.show_company(ref)
            return
        for code in codes:
            pos = self.model.position_of(code)
            if pos is not None:
                if not self.proxy.mapFromSource(self.model.index(pos, 0)).isValid():
                    self.filter_bar.clear_filters()
                self.select_codes([code])
                return
        # not in this view: go to "All companies"
        for i in range(self.lists.count()):
            if self.lists.item(i).data(ListRole) in (ALL_KB, ALL_UNIVERSE):
                self.lists.setCurrentRow(i)
                for code in codes:
                    if self.model.position_of(code) is not None:
                        self.filter_bar.clear_filters()
                        self.select_codes([code])
                        return

    def _selection_changed(self) -> None:
        codes = self.selected_codes()
        if not self.desk or not codes:
            return
        code = codes[0]
        pos = self.model.position_of(code)
        row = self.model.row_at(pos) if pos is not None else None
        header = f"{code} {row.name(self.script)}" if row else code
        self.evidence.show_company(code, header)
        self.chain.show_company(code)
        self._charts_follow()

    # ---------------------------------------------------------------- edits (undoable)
    def _edit_requested(self, code: str, field: str, value: Any) -> None:
        wl = self.current_watchlist()
        if wl is None:
            return
        if field == "rating" and value in (0, "0"):
            value = None
        try:
            new = validate_user_fields({field: value})[field]
        except StoreError as e:
            self.statusBar().showMessage(f"{code} {field}: {e}", 6000)
            QApplication.beep()
            return
        pos = self.model.position_of(code)  # the value the user saw, for the conflict check
        item = (self.model.row_at(pos).item if pos is not None else None) \
            or next((i for i in wl.items if i.code == code), None)
        if item is None:
            return
        old = getattr(item, field)
        if old == new:
            return
        self.undo.push(C.EditField(self, wl.id, code, field, old, new))

    def refresh_item(self, wl_id: int, code: str) -> None:
        if self.current_key != wl_id:
            self.current_key = wl_id
            self.reload_lists(select_list=wl_id)
            return
        wl = self.current_watchlist()
        item = next((i for i in wl.items if i.code == code), None)
        if item is not None:
            self.model.replace_row(self.rows.row(code, item))
            self.model.mask = self.screen_filter.mask(self.model.rs)
            self.proxy.refilter()

    def add_dialog(self) -> None:
        if not self.desk:
            return
        wl = self.current_watchlist()
        if wl is None:
            if not self.watchlists:
                self.statusBar().showMessage("Create a watchlist first (Watchlist > New).", 4000)
                return
            wl = self.watchlists[0]
        from widgets.dialogs import AddDialog

        dlg = AddDialog(self.desk.universe, wl.name, self)
        if dlg.exec() and dlg.codes():
            self.add_codes(wl.id, dlg.codes())

    def add_codes(self, wl_id: int, codes: list[str]) -> None:
        wl = next(w for w in self.desk.store.watchlists() if w.id == wl_id)
        new = [c for c in codes if c not in wl.codes]
        dup = [c for c in codes if c in wl.codes]
        if dup:
            self.statusBar().showMessage(f"Already in {wl.name}: {', '.join(dup)}", 5000)
        if new:
            if self.current_key != wl_id:
                self.current_key = wl_id
                self.reload_lists(select_list=wl_id)
            self.undo.push(C.AddItems(self, wl_id, new))

    def remove_selected(self) -> None:
        wl = self.current_watchlist()
        codes = self.selected_codes()
        if wl is None or not codes:
            return
        self.undo.push(C.RemoveItems(self, wl.id, codes))
        self.statusBar().showMessage(f"Removed {len(codes)} from {wl.name} (Ctrl+Z to undo)", 4000)

    def move_selected(self, step: int) -> None:
        wl = self.current_watchlist()
        codes = self.selected_codes()
        if wl is None or not codes:
            return
        order = wl.codes
        idx = sorted(order.index(c) for c in codes)
        if (step < 0 and idx[0] == 0) or (step > 0 and idx[-1] == len(order) - 1):
            return
        new = list(order)
        moving = [order[i] for i in idx]
        for c in (moving if step < 0 else reversed(moving)):
            i = new.index(c)
            new[i], new[i + step] = new[i + step], new[i]
        self._clear_sort()
        self.undo.push(C.Reorder(self, wl.id, order, new, moving))

    def _drop_in_table(self, codes: list[str], target_pos: int) -> None:
        wl = self.current_watchlist()
        if wl is None:
            return
        order = wl.codes
        if self.model.sort_keys:
            self.statusBar().showMessage("Clear the sort (click the header with Ctrl) to reorder by dragging.", 5000)
            return
        # target_pos is a position in the model (= list order when unsorted)
        target_code = self.model.row_at(target_pos).code if target_pos < self.model.rowCount() else None
        moving = [c for c in order if c in set(codes)]
        external = [c for c in codes if c not in order]
        if external:
            at = order.index(target_code) if target_code in order else len(order)
            self.undo.push(C.AddItems(self, wl.id, external, at=at))
            return
        rest = [c for c in order if c not in set(moving)]
        at = rest.index(target_code) if target_code in rest else len(rest)
        new = rest[:at] + moving + rest[at:]
        if new != order:
            self.undo.push(C.Reorder(self, wl.id, order, new, moving))

    def _dropped_on_list(self, key: str, codes: list[str], move: bool) -> None:
        dst = int(key)
        src = self.current_watchlist()
        name = next((w.name for w in self.watchlists if w.id == dst), "")
        if src is None or not isinstance(self.current_key, int):
            self.undo.push(C.AddItems(self, dst, codes))
            return
        if src.id == dst:
            return
        self.undo.push(C.CopyToList(self, src.id, dst, codes, move, name))

    def copy_or_move_to(self, dst: int, move: bool) -> None:
        codes = self.selected_codes()
        if codes:
            self._dropped_on_list(str(dst), codes, move)

    def _fill_list_menus(self) -> None:
        for menu, move in ((self.menu_copy_to, False), (self.menu_move_to, True)):
            menu.clear()
            for w in self.watchlists:
                a = menu.addAction(w.name)
                a.triggered.connect(lambda _=False, i=w.id, m=move: self.copy_or_move_to(i, m))

    def new_list(self) -> None:
        if not self.desk:
            return
        name, ok = QInputDialog.getText(self, "New watchlist", "Name:")
        if ok and name.strip():
            try:
                self.undo.push(C.CreateList(self, name.strip(), self.selected_codes()
                                            if not isinstance(self.current_key, int) else []))
            except StoreError as e:
                QMessageBox.warning(self, "New watchlist", str(e))

    def rename_list(self) -> None:
        wl = self.current_watchlist()
        if wl is None:
            return
        name, ok = QInputDialog.getText(self, "Rename watchlist", "Name:", text=wl.name)
        if ok and name.strip() and name.strip() != wl.name:
            try:
                self.desk.store.rename_watchlist(wl.id, name.strip())  # validate before pushing
                self.desk.store.rename_watchlist(wl.id, wl.name)
                self.undo.push(C.RenameList(self, wl.id, wl.name, name.strip()))
            except StoreError as e:
                QMessageBox.warning(self, "Rename watchlist", str(e))

    def delete_list(self) -> None:
        wl = self.current_watchlist()
        if wl is None:
            return
        if QMessageBox.question(self, "Delete watchlist",
                                f"Delete “{wl.name}” and its {len(wl.items)} items? (Ctrl+Z undoes it)") \
                == QMessageBox.StandardButton.Yes:
            self.current_key = None
            self.undo.push(C.DeleteList(self, wl.id, wl.name))

    def _list_menu(self, pos) -> None:
        m = QMenu(self)
        m.addAction(self.act_new_list)
        m.addAction(self.act_rename_list)
        m.addAction(self.act_delete_list)
        m.exec(self.lists.mapToGlobal(pos))

    def copy_codes(self) -> None:
        codes = self.selected_codes()
        if codes:
            QApplication.clipboard().setText("\n".join(codes))
            self.statusBar().showMessage(f"Copied {len(codes)} code(s)", 2000)

    def focus_filter(self) -> None:
        self.filter_bar.text.setFocus()
        self.filter_bar.text.selectAll()

    # ---------------------------------------------------------------- sorting and columns
    def _header_clicked(self, section: int) -> None:
        mods = QApplication.keyboardModifiers()
        keys = list(self.model.sort_keys)
        if mods & Qt.KeyboardModifier.ControlModifier:
            self._clear_sort()
            return
        existing = next((i for i, (c, _) in enumerate(keys) if c == section), None)
        if mods & Qt.KeyboardModifier.ShiftModifier and keys:
            if existing is None:
                keys.append((section, Qt.SortOrder.AscendingOrder))
            else:
                c, o = keys[existing]
                keys[existing] = (c, Qt.SortOrder.DescendingOrder if o == Qt.SortOrder.AscendingOrder
                                  else Qt.SortOrder.AscendingOrder)
        else:
            if existing == 0 and len(keys) == 1:
                o = keys[0][1]
                keys = [(section, Qt.SortOrder.DescendingOrder if o == Qt.SortOrder.AscendingOrder
                         else Qt.SortOrder.AscendingOrder)]
            else:
                keys = [(section, Qt.SortOrder.AscendingOrder)]
        self.set_sort(keys)

    def set_sort(self, keys) -> None:
        sel = self.selected_codes()
        self.model.set_sort_keys(keys)
        hdr = self.table.horizontalHeader()
        if keys:
            hdr.setSortIndicator(keys[0][0], keys[0][1])
        else:
            hdr.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        names = ", ".join(f"{COLUMNS[c].title} {'↑' if o == Qt.SortOrder.AscendingOrder else '↓'}" for c, o in keys)
        self.statusBar().showMessage(f"Sorted by {names}" if keys else "List order", 3000)
        self.select_codes(sel)

    def _clear_sort(self) -> None:
        if self.model.sort_keys:
            self.set_sort([])

    def _column_menu(self, pos) -> None:
        m = QMenu(self)
        self._fill_column_menu(m)
        m.exec(self.table.horizontalHeader().mapToGlobal(pos))

    def _fill_column_menu(self, menu: QMenu) -> None:
        menu.clear()
        for i, c in enumerate(COLUMNS):
            if i == COLUMN_INDEX["code"]:
                continue
            a = menu.addAction(c.title + ("  (needs prices)" if c.group == "price" and not self.model.show_prices else ""))
            a.setCheckable(True)
            a.setChecked(not self.table.isColumnHidden(i))
            a.toggled.connect(lambda on, i=i: self.table.setColumnHidden(i, not on))

    def set_script(self, script: str) -> None:
        self.script = script
        self.model.set_script(script)
        self.script_actions[script].setChecked(True)
        self.chain.script = script
        self._selection_changed()

    def _theme_title(self, tid: str) -> str:
        t = self.desk.kb.themes.get(tid) if self.desk else None
        if not t:
            return tid
        return t.title_en if self.script == "en" else (t.title_zh or t.title_en)

    # ---------------------------------------------------------------- Excel and printing
    def export_excel(self) -> None:
        from widgets.excel_dialogs import export_dialog
        export_dialog(self)

    def import_file(self) -> None:
        from widgets.excel_dialogs import import_dialog
        import_dialog(self)

    def _summary_args(self) -> dict:
        wl = self.current_watchlist()
        codes = self.proxy.codes(range(self.proxy.rowCount()))
        return {"watchlist": wl.name if wl else None, "codes": codes,
                "filters": self.screen_filter.describe(self.desk.kb) if self.screen_filter else [],
                "theme": (self.screen_filter.theme or None) if self.screen_filter else None}

    def print_summary(self) -> None:
        from widgets.print_actions import print_now
        print_now(self)

    def print_preview(self) -> None:
        from widgets.print_actions import preview
        preview(self)

    def export_pdf(self) -> None:
        from widgets.print_actions import export_pdf_dialog
        export_pdf_dialog(self)

    def about_data(self) -> None:
        if not self.desk:
            return
        kb = self.desk.kb
        reps = "".join(f"<li>{r.label}: {r.title}</li>" for r in kb.reports.values())
        QMessageBox.about(self, "About the data",
                          f"<p>Knowledge base {kb.version}: {len(kb.companies)} companies, {len(kb.entities)} "
                          f"unlisted entities, {len(kb.edges)} supplier edges, {len(kb.themes)} themes.</p>"
                          f"<ul>{reps}</ul><p>Every link carries a verbatim quote. Report 002 is AI-compiled "
                          "and cites no sources; its claims are flagged.</p>")

    # ---------------------------------------------------------------- prices and charts
    def _charts_follow(self) -> None:
        if not self.desk or not self.dock_charts.isVisible():
            return
        codes = self.selected_codes()
        if codes:
            self.charts.show_codes(codes)
        if not (self.screen_filter and self.screen_filter.theme):
            wl = self.current_watchlist()
            if wl is not None:
                self.charts.show_basket(f"Watchlist {wl.name}", wl.codes)

    def _fill_prices(self, codes: list[str]) -> None:
        """Price columns from the cache, computed in a worker; columns appear once prices exist."""
        if not self.desk or not codes:
            return
        store = self.desk.store

        def work():
            from app.prices.service import price_metrics, table_prices
            table = table_prices(store, codes)
            if not table:
                return {}, {}
            m = price_metrics(store, list(table))
            asof = {c: d for c, d in zip(m.index, m["last_date"])}
            return table, asof
        task = Task(work)
        task.signals.done.connect(lambda res, codes=codes: self._prices_ready(*res))
        task.signals.failed.connect(lambda e, tb: log.warning("price metrics failed: %s", e))
        self._tasks = [t for t in self._tasks if not getattr(t, "_done", False)] + [task]
        task.start()

    def _prices_ready(self, table: dict, asof: dict) -> None:
        if not table:
            return
        self._prices.update(table)
        self._asof = {**getattr(self, "_asof", {}), **asof}
        for r in self.model.rs.rows:
            if r.code in table:
                r.prices = table[r.code]
        self.model._keys.clear()
        if self.model.rowCount():
            self.model.dataChanged.emit(self.model.index(0, 0),
                                        self.model.index(self.model.rowCount() - 1, len(COLUMNS) - 1))
        if not self.model.show_prices:
            self.model.show_prices = True
            for i, c in enumerate(COLUMNS):
                if c.group == "price" and c.visible:
                    self.table.setColumnHidden(i, False)

        def lookup(code: str):
            p = self._prices.get(code)
            if not p:
                return None
            return p.get("last"), p.get("change_pct"), self._asof.get(code)
        self.price_lookup = lookup

    def refresh_prices(self, all_lists: bool = False) -> None:
        if not self.desk:
            return
        if self._refresh_task is not None:
            self.statusBar().showMessage("A download is already running (Prices > Cancel download).", 4000)
            return
        from app.prices.symbols import BENCHMARKS
        if all_lists:
            codes = None
        else:
            rows = self.selected_codes() if len(self.selected_codes()) > 1 else \
                self.proxy.codes(range(self.proxy.rowCount()))
            codes = [c for c in rows if not c.endswith(".US")] + list(BENCHMARKS)
        store = self.desk.store

        def work(progress, cancelled):
            from app.prices.service import refresh
            return refresh(store, codes, progress=lambda d, t, r=None: progress(d, t), cancelled=cancelled)
        task = Task(work, with_progress=True)
        self._refresh_task = task
        self.act_cancel.setEnabled(True)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.statusBar().showMessage("Downloading prices… (Prices > Cancel download)")

        def prog(d, t):
            self.progress.setRange(0, max(t, 1))
            self.progress.setValue(d)
            self.statusBar().showMessage(f"Downloading prices… {d} of {t}")
        task.signals.progress.connect(prog)
        task.signals.done.connect(self._refresh_done)
        task.signals.failed.connect(lambda e, tb: self._refresh_done([], error=e))
        self._tasks.append(task)
        task.start()

    def cancel_refresh(self) -> None:
        if self._refresh_task is not None:
            self._refresh_task.cancel()
            self.statusBar().showMessage("Cancelling after the current code…")

    def _refresh_done(self, results, error: BaseException | None = None) -> None:
        self._refresh_task = None
        self.act_cancel.setEnabled(False)
        self.progress.hide()
        if error is not None:
            QMessageBox.warning(self, "Prices", f"The download failed; cached prices are kept.\n\n{error}")
            return
        ok = [r for r in results if r.ok]
        bad = [r for r in results if r.status == "error"]
        cancelled = [r for r in results if r.status == "cancelled"]
        added = sum(r.rows_added for r in ok)
        notices = list(getattr(results, "notices", []))   # "Eastmoney unreachable (offline or blocked): …"
        msg = f"Prices: {len(ok)} updated (+{added} bars)"
        if cancelled:
            msg += f", {len(cancelled)} cancelled"
        if bad:
            asof = max((r.cached_last for r in bad if r.cached_last), default=None)
            msg += f", {len(bad)} failed — cached data kept" + (f" (to {asof})" if asof else "")
        if notices:
            msg = f"{notices[0]} — {msg}"
        self.statusBar().showMessage(msg, 20000)
        if bad:
            head = f"{notices[0]}\n\n" if notices else ""
            box = QMessageBox(QMessageBox.Icon.Warning, "Prices", f"{head}{len(bad)} code(s) could not be updated; "
                              "their cached prices are kept.", parent=self)
            box.setDetailedText("\n".join(r.line() for r in bad))
            box.open()
        self._fill_prices(self.model_codes())
        self.charts.refresh_all()

    def export_chart_png(self) -> None:
        if not self.charts._built:
            return
        from PySide6.QtWidgets import QFileDialog
        self.dock_charts.show()
        self.dock_charts.raise_()
        name = self.charts.tabs.tabText(self.charts.tabs.currentIndex()).replace(" ", "-").lower()
        path, _ = QFileDialog.getSaveFileName(self, "Export chart", f"chart-{name}.png", "PNG image (*.png)")
        if not path:
            return
        if not path.lower().endswith(".png"):
            path += ".png"
        ok = self.charts.export_current_png(path)
        self.statusBar().showMessage(f"Saved {path}" if ok else f"Could not write {path}", 6000)

    def model_codes(self) -> list[str]:
        return [r.code for r in self.model.rs.rows]

    def import_prices(self) -> None:
        if not self.desk:
            return
        from PySide6.QtWidgets import QFileDialog
        path, _ = QFileDialog.getOpenFileName(self, "Import price history", "",
                                              "Price files (*.csv *.txt *.tsv *.xlsx *.xlsm *.xls *.ods);;All files (*)")
        if not path:
            return
        store = self.desk.store

        def work():
            from app.prices.service import import_file
            return import_file(store, path)

        def done(report):
            lines = [r.line() for r in report.results]
            self.statusBar().showMessage(f"Imported prices for {len(lines)} code(s) from {path}", 8000)
            QMessageBox.information(self, "Import price history", "\n".join(lines[:30]) or "No rows.")
            self._fill_prices(self.model_codes())
            self.charts.refresh_all()

        def failed(e):
            QMessageBox.warning(self, "Import price history", f"Nothing was imported.\n\n{e}")
        from widgets.workers import run_with_progress
        run_with_progress(self, f"Importing {path}…", work, done, failed)

    # ---------------------------------------------------------------- settings
    def _restore_settings(self) -> None:
        s = settings()
        geo = s.value("window/geometry")
        if isinstance(geo, QByteArray):
            self.restoreGeometry(geo)
        state = s.value("window/state")
        if isinstance(state, QByteArray):
            self.restoreState(state)
        hdr = s.value("table/header")
        if isinstance(hdr, QByteArray):
            self.table.horizontalHeader().restoreState(hdr)
        script = s.value("desk/script", "hans")
        if script in ("hans", "hant", "en"):
            self.script = script
            self.model.script = script
            self.chain.script = script
            self.script_actions[script].setChecked(True)

    def save_settings(self) -> None:
        import json
        s = settings()
        s.setValue("window/geometry", self.saveGeometry())
        s.setValue("window/state", self.saveState())
        s.setValue("table/header", self.table.horizontalHeader().saveState())
        s.setValue("desk/script", self.script)
        wl = self.current_watchlist()
        if wl:
            s.setValue("desk/list", wl.name)
        if self.screen_filter is not None:
            s.setValue("desk/screen", json.dumps(self.screen_filter.to_dict(), ensure_ascii=False))
        s.sync()

    def reset_layout(self) -> None:
        s = settings()
        for k in ("window/state", "table/header"):
            s.remove(k)
        for d, area in ((self.dock_lists, Qt.DockWidgetArea.LeftDockWidgetArea),
                        (self.dock_themes, Qt.DockWidgetArea.LeftDockWidgetArea),
                        (self.dock_evidence, Qt.DockWidgetArea.RightDockWidgetArea),
                        (self.dock_chain, Qt.DockWidgetArea.BottomDockWidgetArea)):
            d.setFloating(False)
            self.addDockWidget(area, d)
            d.show()
        hdr = self.table.horizontalHeader()
        for i, c in enumerate(COLUMNS):
            hdr.moveSection(hdr.visualIndex(i), i)
            self.table.setColumnWidth(i, c.width)
            self.table.setColumnHidden(i, not c.visible or (c.group == "price" and not self.model.show_prices))

    def closeEvent(self, e):
        self.save_settings()
        for t in self._tasks:
            t.cancel()
        super().closeEvent(e)
