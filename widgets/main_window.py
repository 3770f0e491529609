"""The screening desk's main window: it assembles the feature modules around the table.

The window owns what every feature shares — the desk, the table model and view, the selection,
the undo stack, the status bar, the menus and the settings — and nothing feature-specific. Each
feature module under ``widgets/`` (watchlists, screening, chain, charts, prices, Excel, printing)
exposes ``install(window)``: it creates its docks, actions and menu entries on the window and
connects to the window's signals. A new feature is one more module in :data:`FEATURES`.

Signals a feature listens to: ``deskLoaded(desk)``, ``codesSelected(list)`` (the selection,
``[]`` when nothing is selected), ``viewReloaded()`` (new rows in the table), ``scriptChanged(str)``.
"""
from __future__ import annotations

import importlib
import logging
from typing import TYPE_CHECKING, Any, Callable

from PySide6.QtCore import QByteArray, QEvent, QItemSelectionModel, QObject, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QApplication, QDockWidget, QLabel, QMainWindow, QMenu, QMessageBox, QProgressBar, QStackedWidget,
    QToolBar, QVBoxLayout, QWidget,
)

from app.domain import StoreError, validate_user_fields
from widgets import commands as C
from widgets.commands import FIELD_TITLES
from widgets.common import ALL_KB, ALL_UNIVERSE, SETTINGS_ORG, ListRole, settings  # noqa: F401 - re-exported
from widgets.desk_table import DeskTable
from widgets.i18n import LANGUAGE, SCRIPT_OF, Retranslator, resolve, tr, translate
from widgets.i18n import QT_TRANSLATE_NOOP as _N  # noqa: N814
from widgets.panels import EmptyState
from widgets.table_model import COLUMN_INDEX, COLUMNS, DeskTableModel, ScreenProxy
from widgets.window_size import apply_minimum
from widgets.workers import Task

if TYPE_CHECKING:  # pragma: no cover - the heavy data layer loads after the first paint
    from app.screening import RowFactory, Screen
    from app.services import Desk

log = logging.getLogger(__name__)


# The feature modules, installed in this order (their menus and docks appear in it).
FEATURES = (
    "widgets.watchlists", "widgets.screening", "widgets.chain", "widgets.charts_panel",
    "widgets.prices", "widgets.excel_actions", "widgets.print_actions", "widgets.appearance",
)
MENUS = (("file", _N("MainWindow", "&File")), ("edit", _N("MainWindow", "&Edit")),
         ("watchlist", _N("MainWindow", "&Watchlist")), ("screen", _N("MainWindow", "&Screen")),
         ("prices", _N("MainWindow", "&Prices")), ("view", _N("MainWindow", "&View")),
         ("help", _N("MainWindow", "&Help")))


def fit_rect(rect: QRect, avail: QRect) -> QRect:
    """``rect`` moved and shrunk so that it lies inside ``avail`` (a screen's available geometry)."""
    w, h = min(rect.width(), avail.width()), min(rect.height(), avail.height())
    x = min(max(rect.x(), avail.x()), avail.x() + avail.width() - w)
    y = min(max(rect.y(), avail.y()), avail.y() + avail.height() - h)
    return QRect(x, y, w, h)


class MainWindow(QMainWindow):
    deskReady = Signal()
    deskLoaded = Signal(object)       # Desk
    codesSelected = Signal(list)      # the selected codes, [] when none
    viewReloaded = Signal()
    scriptChanged = Signal(str)

    def __init__(self, desk_factory: Callable[[], Desk], *, initial_list: str | None = None,
                 initial_select: str | None = None, background: bool = True,
                 features: tuple[str, ...] = FEATURES, snapshot: dict | None = None,
                 keep_snapshot: bool = False):
        super().__init__()
        self.i18n = Retranslator()   # texts set again when View > Language changes
        self.language_choice = str(settings().value("view/language", "system"))
        if LANGUAGE.lang != resolve(self.language_choice):
            LANGUAGE.install(resolve(self.language_choice))
        self.i18n.bind(self, "setWindowTitle", _N("MainWindow", "Chainwatch — China / HK AI stock desk"))
        self.setObjectName("mainWindow")
        self.desk: Desk | None = None
        self.rows: RowFactory | None = None
        self.screen_filter: Screen | None = None
        self.current_key: Any = None
        self.watchlists: list = []
        self._initial_list = initial_list
        self._initial_select = initial_select
        self.undo = QUndoStack(self)
        self.script = "hant" if LANGUAGE.lang == "zh_TW" else "hans"
        self._tasks: list[Task] = []
        self._prices: dict[str, dict] = {}    # code -> price columns (the prices feature fills it)
        self.features: dict[str, Any] = {}
        self.fit_enabled = True   # keep the window inside its screen (off for headless screenshots)
        self.row_menu_hooks: list[Callable[[QMenu, list[str]], None]] = []   # right-click menu entries

        # ---- central: (feature bars) + table (or an empty / loading state)
        self.model = DeskTableModel(self)
        self.proxy = ScreenProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = DeskTable(self.model, self.proxy)
        self.table.horizontalHeader().customContextMenuRequested.connect(self._column_menu)
        self.table.horizontalHeader().sectionClicked.connect(self._header_clicked)
        self.table.rowMenuRequested.connect(self._show_row_menu)
        self.empty = EmptyState(translate("MainWindow", "Loading the knowledge base…"))
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)
        self.stack.setCurrentWidget(self.empty)
        central = QWidget()
        self.central_layout = QVBoxLayout(central)
        self.central_layout.setContentsMargins(0, 0, 0, 0)
        self.central_layout.setSpacing(0)
        self.central_layout.addWidget(self.stack)
        self.setCentralWidget(central)

        # ---- status bar
        self.status_count = QLabel("")
        self.status_count.setObjectName("statusCount")
        self.status_kb = QLabel("")
        self.status_kb.setMinimumWidth(10)
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(180)
        self.progress.setRange(0, 0)
        self.statusBar().addWidget(self.status_count, 1)
        self.statusBar().addPermanentWidget(self.progress)
        self.statusBar().addPermanentWidget(self.status_kb)

        # ---- menus, core actions, then the features
        self.menus: dict[str, QMenu] = {key: self.menuBar().addMenu(tr(title)) for key, title in MENUS}
        for key, title in MENUS:
            self.menus[key].setObjectName(f"menu_{key}")
            self.i18n.bind(self.menus[key], "setTitle", title)
        self.docks: list[QDockWidget] = []
        self._build_core_actions()
        for name in features:
            mod = importlib.import_module(name)
            mod.install(self)
        self._finish_menus()

        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())
        self.model.editRequested.connect(self._edit_requested)
        self.model.theme_title = self._theme_title
        self.model.ref_name = lambda r: self.desk.kb.ref_name(r, "en") if self.desk else r
        self._default_size()
        self._restore_settings()
        from widgets import team_sync  # team mode: File > Open team database…, others' changes
        team_sync.install(self)

        self._snapshot_guard: QObject | None = None
        self.keep_snapshot = keep_snapshot   # write the start-up snapshot (the app does; tests opt in)
        if snapshot:
            self._show_snapshot(snapshot)
        if background:
            self.progress.show()
            self.statusBar().showMessage(translate("MainWindow", "Opening the store and the knowledge base…")
                                         + (translate("MainWindow", " The table shows it as you left it until then.")
                                            if snapshot else ""))
            task = Task(desk_factory)
            task.signals.done.connect(self.set_desk)
            task.signals.failed.connect(self._desk_failed)
            self._tasks.append(task)
            if snapshot:   # the snapshot paints first; the loading (imports hold the GIL) starts after it
                self._start_after_paint(task)
            else:
                task.start()  # loads in parallel with the first paint (the worker is mostly I/O and C code)
        else:
            self.set_desk(desk_factory())

    def __getattr__(self, name: str) -> Any:
        """Feature slots and widgets stay reachable as window attributes (``win.refresh_prices``):
        callers written before the split into feature modules keep working."""
        feats = self.__dict__.get("features") or {}
        for f in feats.values():
            if name in getattr(type(f), "__dict__", {}) or name in getattr(f, "__dict__", {}):
                return getattr(f, name)
        raise AttributeError(f"{type(self).__name__!s} has no attribute {name!r}")

    # ---------------------------------------------------------------- start-up snapshot
    def _show_snapshot(self, snap: dict) -> None:
        """The table as the desk last showed it (widgets/startup_snapshot.py), read-only until the
        store is open: clicks, keys and menus on it are ignored; the wheel still scrolls."""
        self.model.show_snapshot(snap["rows"])
        self.stack.setCurrentWidget(self.table)
        # (the count waits for the live rows: the status bar says "opening the store…" meanwhile, not both at once)
        self.status_kb.setText(str(snap.get("kb_status") or ""))
        guard = _SnapshotGuard(self)
        for w in (self.table, self.table.viewport(), self.table.horizontalHeader(), self.table.frozen,
                  self.table.frozen.viewport(), self.table.frozen.horizontalHeader()):
            w.installEventFilter(guard)
        guard.watched = [self.table, self.table.viewport(), self.table.horizontalHeader(), self.table.frozen,
                         self.table.frozen.viewport(), self.table.frozen.horizontalHeader()]
        self._snapshot_guard = guard

    def _end_snapshot(self) -> None:
        g = self._snapshot_guard
        if g is not None:
            for w in g.watched:
                w.removeEventFilter(g)
            self._snapshot_guard = None

    @property
    def showing_snapshot(self) -> bool:
        return self.model.snapshot is not None

    def _start_after_paint(self, task: Task) -> None:
        from widgets.common import after_first_paint

        after_first_paint(self.table.viewport(), task.start, fallback_ms=400)

    def save_snapshot(self) -> None:
        from widgets import startup_snapshot

        if self.keep_snapshot and self.desk is not None and not self.showing_snapshot:
            startup_snapshot.save(self)

    # ---------------------------------------------------------------- helpers for features
    def add_dock(self, title: str, name: str, w: QWidget, area) -> QDockWidget:
        d = QDockWidget(tr(title), self)
        self.i18n.bind(d, "setWindowTitle", title)
        d.setObjectName(name)
        d.setWidget(w)
        self.addDockWidget(area, d)
        d.home_area = area
        self.docks.append(d)
        return d

    _dock = add_dock

    def add_action(self, text: str, slot, shortcut=None, tip: str = "", menu: QMenu | str | None = None) -> QAction:
        """An action on the window (its shortcut works anywhere in it), optionally in a menu
        (a QMenu or a key of :attr:`menus`: file, edit, watchlist, screen, prices, view, help).
        ``text`` and ``tip`` marked with ``QT_TRANSLATE_NOOP`` follow View > Language."""
        a = QAction(tr(text), self)
        self.i18n.bind(a, "setText", text)
        if shortcut:
            a.setShortcut(QKeySequence(shortcut))
            a.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        if tip:
            self.i18n.bind(a, "setStatusTip", tip)
            self.i18n.bind(a, "setToolTip", tip)
        a.triggered.connect(lambda *_: slot())
        self.addAction(a)
        if isinstance(menu, str):
            menu = self.menus[menu]
        if menu is not None:
            menu.addAction(a)
        return a

    _act = add_action

    def feature(self, name: str) -> Any:
        return self.features[name]

    def _show_row_menu(self, gpos, codes: list[str]) -> None:
        from widgets.desk_table import build_row_menu

        self.row_menu = build_row_menu(self, codes, [*self.row_menu_hooks, self._copy_menu])
        self.row_menu.exec(gpos)

    def _copy_menu(self, menu: QMenu, codes: list[str]) -> None:
        sub = menu.addMenu(translate("MainWindow", "Copy &code as"))
        sub.setObjectName("copyCodeMenu")
        for dialect, label in (("wind", "Wind / Choice / iFinD"), ("futu", "Futu"),
                               ("bloomberg", "Bloomberg"), ("yahoo", "Yahoo"), ("ths", "同花顺")):
            a = sub.addAction(f"{label}: {self.render_code(codes[0], dialect)}")
            a.setData(dialect)
            a.triggered.connect(lambda _=False, d=dialect, cs=list(codes): self.copy_codes_as(cs, d))

    @staticmethod
    def render_code(code: str, dialect: str) -> str:
        from app.codes import try_parse
        p = try_parse(code)
        return p.render(dialect) if p else code

    def copy_codes_as(self, codes: list[str], dialect: str = "canonical") -> None:
        text = "\n".join(self.render_code(c, dialect) for c in codes)
        QApplication.clipboard().setText(text)
        self.statusBar().showMessage(translate("MainWindow", "Copied {n} code(s) ({dialect})")
                                     .format(n=len(codes), dialect=dialect), 3000)

    # ---------------------------------------------------------------- core actions and menus
    def _undo_actions(self) -> tuple[QAction, QAction]:
        """Edit > Undo / Redo; their prefix is fixed when made, so a language change makes them again."""
        undo = self.undo.createUndoAction(self, translate("MainWindow", "&Undo"))
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo_act = self.undo.createRedoAction(self, translate("MainWindow", "&Redo"))
        redo = QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)   # the platform's (Ctrl+Y among them)
        for extra in ("Ctrl+Shift+Z", "Ctrl+Y"):
            if QKeySequence(extra) not in redo:
                redo.append(QKeySequence(extra))
        redo_act.setShortcuts(redo)
        return undo, redo_act

    def _retranslate_undo(self) -> None:
        m_edit = self.menus["edit"]
        old = (self.act_undo, self.act_redo)
        new = self._undo_actions()
        for o, n in zip(old, new):
            m_edit.insertAction(o, n)
            m_edit.removeAction(o)
            self.removeAction(o)
            self.addAction(n)
            o.deleteLater()
        self.act_undo, self.act_redo = new

    def _build_core_actions(self) -> None:
        m_edit = self.menus["edit"]
        self.act_undo, self.act_redo = self._undo_actions()
        m_edit.addAction(self.act_undo)
        m_edit.addAction(self.act_redo)
        self.addAction(self.act_undo)
        self.addAction(self.act_redo)
        # toolbar buttons with fixed labels: the button row does not shift as the undo text changes
        self.act_undo_tb = QAction(self)
        self.i18n.bind(self.act_undo_tb, "setText", _N("MainWindow", "Undo"))
        self.act_undo_tb.triggered.connect(self.undo.undo)
        self.act_redo_tb = QAction(self)
        self.i18n.bind(self.act_redo_tb, "setText", _N("MainWindow", "Redo"))
        self.act_redo_tb.triggered.connect(self.undo.redo)
        for a, can, text, sig in ((self.act_undo_tb, self.undo.canUndo, self.undo.undoText,
                                   self.undo.canUndoChanged),
                                  (self.act_redo_tb, self.undo.canRedo, self.undo.redoText,
                                   self.undo.canRedoChanged)):
            a.setEnabled(can())
            sig.connect(a.setEnabled)
        self.undo.undoTextChanged.connect(lambda t: self.act_undo_tb.setToolTip(
            translate("MainWindow", "Undo {what} (Ctrl+Z)").format(what=t) if t else translate("MainWindow", "Undo")))
        self.undo.redoTextChanged.connect(lambda t: self.act_redo_tb.setToolTip(
            translate("MainWindow", "Redo {what} (Ctrl+Shift+Z)").format(what=t) if t
            else translate("MainWindow", "Redo")))
        m_edit.addSeparator()

        m_view = self.menus["view"]
        names = m_view.addMenu(tr(_N("MainWindow", "&Names")))
        self.i18n.bind(names, "setTitle", _N("MainWindow", "&Names"))
        grp = QActionGroup(self)
        self.script_actions = {}
        for key, label, sc in (("hans", _N("MainWindow", "简体 Simplified"), "Ctrl+1"),
                               ("hant", _N("MainWindow", "繁體 Traditional"), "Ctrl+2"),
                               ("en", _N("MainWindow", "English"), "Ctrl+3")):
            a = QAction(tr(label), self, checkable=True)
            self.i18n.bind(a, "setText", label)
            a.setShortcut(QKeySequence(sc))
            a.triggered.connect(lambda _=False, k=key: self.set_script(k))
            grp.addAction(a)
            names.addAction(a)
            self.addAction(a)
            self.script_actions[key] = a
        self.script_actions[self.script].setChecked(True)
        self._build_language_menu(m_view)
        self.menu_columns = m_view.addMenu(tr(_N("MainWindow", "&Columns")))
        self.i18n.bind(self.menu_columns, "setTitle", _N("MainWindow", "&Columns"))
        self.menu_columns.aboutToShow.connect(lambda: self._fill_column_menu(self.menu_columns))
        self.act_fit_columns = self.add_action(_N("MainWindow", "&Fit columns to content"), self.table.fit_columns,
                                               None, _N("MainWindow", "Size every column to its content"), m_view)
        m_view.addSeparator()

    def _finish_menus(self) -> None:
        m_view = self.menus["view"]
        m_view.addSeparator()
        for d in self.docks:
            m_view.addAction(d.toggleViewAction())
        m_view.addSeparator()
        self.add_action(_N("MainWindow", "Reset &layout"), self.reset_layout, menu=m_view)
        self.add_action(_N("MainWindow", "&Quit"), self.close, QKeySequence.StandardKey.Quit, menu="file")
        self.add_action(_N("MainWindow", "&About the data"), self.about_data, menu="help")

        tb = QToolBar(translate("MainWindow", "Main"))
        tb.setObjectName("mainToolbar")
        tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        groups = (("act_add", "act_remove", "act_up", "act_down"), ("act_undo_tb", "act_redo_tb"),
                  ("act_new_list", "act_save_screen"), ("act_export", "act_import", "act_pdf"),
                  ("act_refresh",))
        short = {"act_add": _N("Toolbar", "Add"), "act_remove": _N("Toolbar", "Remove"), "act_up": _N("Toolbar", "Up"),
                 "act_down": _N("Toolbar", "Down"), "act_new_list": _N("Toolbar", "New list"),
                 "act_save_screen": _N("Toolbar", "Save screen"), "act_export": _N("Toolbar", "Excel"),
                 "act_import": _N("Toolbar", "Import"), "act_pdf": _N("Toolbar", "PDF"),
                 "act_refresh": _N("Toolbar", "Refresh")}
        for n, label in short.items():   # short button labels: the toolbar fits at 1024 px
            a = self.__dict__.get(n)
            if a is not None:
                self.i18n.bind(a, "setIconText", label)
        for g in groups:
            acts = [a for a in (self.__dict__.get(n) for n in g) if a is not None]
            if acts:
                if tb.actions():
                    tb.addSeparator()
                tb.addActions(acts)
        self.addToolBar(tb)
        self.toolbar = tb
        from widgets.ingest import install as install_ingest
        install_ingest(self)  # File > Add report… (Ctrl+Shift+O), Paste report… (issue 9)
        from widgets.universe_update import install as install_universe
        install_universe(self)  # File > Update company lists… (the A-share and HK lists)

    # ---------------------------------------------------------------- desk loading
    def set_desk(self, desk: Desk) -> None:
        from app.screening import RowFactory, Screen

        self.screen_filter = self.screen_filter or Screen()
        self.desk = desk
        self.rows = RowFactory(desk.kb, desk.universe)
        self.progress.hide()
        self.statusBar().clearMessage()
        rep = len(desk.kb.reports)
        self.i18n.bind(self.status_kb, "setText", lambda: translate("MainWindow", "KB {version} · {n} reports")
                       .format(version=desk.kb.version, n=rep))
        self.i18n.bind(self.status_kb, "setToolTip", lambda: translate("MainWindow", "store {path}")
                       .format(path=desk.store.path))
        self.stack.setCurrentWidget(self.table)
        self.deskLoaded.emit(desk)
        wanted = self._initial_list or settings().value("desk/list", None)
        self.reload_lists(select_name=wanted)
        self.table.fit_columns(keep_by_hand=True)   # a restored layout keeps the widths set by hand
        if self._initial_select:
            self.select_party(self._initial_select)
        self.team_watcher.attach(desk)
        self._end_snapshot()
        self.deskReady.emit()
        QTimer.singleShot(0, self.save_snapshot)   # the next start shows this table at once

    def _desk_failed(self, exc: BaseException, tb: str) -> None:
        self.progress.hide()
        self.statusBar().showMessage(
            translate("MainWindow", "Not opened: see the message above (File > Quit, then fix and restart)."))
        self.empty.setText(translate("MainWindow", "Could not open the store or the knowledge base:") + f"\n\n{exc}")
        QMessageBox.critical(self, "Chainwatch",
                             translate("MainWindow", "Could not open the store or the knowledge base.") + f"\n\n{exc}")

    # ---------------------------------------------------------------- the current view
    def reload_lists(self, select_list: int | None = None, select_name: str | None = None) -> None:
        self.features["watchlists"].reload_lists(select_list, select_name)

    def current_watchlist(self):
        if isinstance(self.current_key, int) and self.desk:
            return next((w for w in self.desk.store.watchlists() if w.id == self.current_key), None)
        return None

    def current_view_name(self) -> str:
        wl = self.current_watchlist()
        if wl is not None:
            return wl.name
        return {ALL_KB: "All companies in the reports", ALL_UNIVERSE: "A-share universe + reports"}.get(
            self.current_key, "")

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
            self.features["watchlists"].update_label(wl)
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
        self.table.setDragDropMode(self.table.DragDropMode.DragDrop if editable
                                   else self.table.DragDropMode.DragOnly)
        self.viewReloaded.emit()
        self.apply_screen(self.filter_screen(), keep_selection=keep)

    def filter_screen(self) -> "Screen":
        fb = self.__dict__.get("filter_bar")
        if fb is not None:
            return fb.screen()
        from app.screening import Screen
        return self.screen_filter or Screen()

    def apply_screen(self, screen: "Screen", keep_selection: list[str] | None = None) -> None:
        if self.showing_snapshot:   # applied to the live rows when they come (reload_view)
            self.screen_filter = screen
            return
        keep = keep_selection if keep_selection is not None else self.selected_codes()
        if self.desk and screen.theme:
            kb = self.desk.kb
            screen.theme_ids = (screen.theme,) + tuple(t.id for t in kb.themes.values() if t.parent == screen.theme)
        self.screen_filter = screen
        self.model.mask = screen.mask(self.model.rs)
        self.proxy.refilter()
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        from widgets.screening import describe_screen
        words = describe_screen(screen, self.desk.kb if self.desk else None, self.script, self._theme_title)
        self.status_count.setText(translate("MainWindow", "{shown} of {total} shown").format(shown=shown, total=total)
                                  + (f" · {'; '.join(words)}" if words else ""))
        if keep:
            self.select_codes(keep)
        if shown == 0 and total > 0:
            self.statusBar().showMessage(
                translate("MainWindow", "No row matches the filters (Esc in the filter bar clears them)."), 4000)
        scr = self.features.get("screening")
        if scr is not None:
            scr.screen_applied(screen, shown, total)
        self._selection_changed()  # a row the filter hid no longer shows in the docks

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
            ev = self.__dict__.get("evidence")
            if ev is not None:
                ev.show_company(ref)
            return
        clear = getattr(self.__dict__.get("filter_bar"), "clear_filters", lambda: None)
        for code in codes:
            pos = self.model.position_of(code)
            if pos is not None:
                if not self.proxy.mapFromSource(self.model.index(pos, 0)).isValid():
                    clear()
                self.select_codes([code])
                return
        # not in this view: go to "All companies"
        lists = self.features["watchlists"].lists
        for i in range(lists.count()):
            if lists.item(i).data(ListRole) in (ALL_KB, ALL_UNIVERSE):
                lists.setCurrentRow(i)
                for code in codes:
                    if self.model.position_of(code) is not None:
                        clear()
                        self.select_codes([code])
                        return

    def current_row(self):
        codes = self.selected_codes()
        if not codes:
            return None
        pos = self.model.position_of(codes[0])
        return self.model.row_at(pos) if pos is not None else None

    def _selection_changed(self) -> None:
        if not self.desk:
            return
        self.codesSelected.emit(self.selected_codes())

    # ---------------------------------------------------------------- edits (undoable)
    def _edit_requested(self, code: str, field: str, value: Any) -> None:
        wl = self.current_watchlist()
        if wl is None:
            return
        if field == "rating" and value in (0, "0"):
            value = None
        label = tr(FIELD_TITLES.get(field, field))
        try:
            if field == "target_price":   # typed as the cell shows it: "HKD 420"
                from app.domain import strip_currency
                value = strip_currency(value, code)
            new = validate_user_fields({field: value})[field]
        except StoreError as e:
            msg = str(e).replace(field, label) if field != label else str(e)
            self.statusBar().showMessage(f"{code} {label}: {msg}", 6000)
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
        self.table.grow_to_content([c.key for c in COLUMNS if c.field == field])

    def refresh_item(self, wl_id: int, code: str) -> None:
        if self.current_key != wl_id:
            self.current_key = wl_id
            self.reload_lists(select_list=wl_id)
            return
        wl = self.current_watchlist()
        item = next((i for i in wl.items if i.code == code), None)
        if item is not None:
            row = self.rows.row(code, item)
            if code in self._prices:
                row.prices = self._prices[code]  # an edit of a user field keeps the price columns
            self.model.replace_row(row)
            self.model.mask = self.screen_filter.mask(self.model.rs)
            self.proxy.refilter()
            self._selection_changed()

    def model_codes(self) -> list[str]:
        return [r.code for r in self.model.rs.rows]

    # ---------------------------------------------------------------- sorting and columns
    def _header_clicked(self, section: int) -> None:
        if self.showing_snapshot:
            return
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
        names = ", ".join(f"{tr(COLUMNS[c].title)} {'↑' if o == Qt.SortOrder.AscendingOrder else '↓'}"
                          for c, o in keys)
        self.statusBar().showMessage(translate("MainWindow", "Sorted by {columns}").format(columns=names) if keys
                                     else translate("MainWindow", "List order"), 3000)
        self.select_codes(sel)

    def _restore_sort(self, value) -> None:
        """The sort the user left (``table/sort``), applied when the rows come; the header's arrow
        follows it (a header state alone would show an arrow over rows in list order)."""
        import json
        keys = []
        try:
            for key, order in json.loads(value) if value else []:
                if key in COLUMN_INDEX:
                    keys.append((COLUMN_INDEX[key], Qt.SortOrder.DescendingOrder if order == "desc"
                                 else Qt.SortOrder.AscendingOrder))
        except (ValueError, TypeError):
            keys = []
        self.model.sort_keys = keys     # the attribute only: the rows are sorted as they are set
        hdr = self.table.horizontalHeader()
        if keys:
            hdr.setSortIndicator(keys[0][0], keys[0][1])
        else:
            hdr.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)

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
            if i in (COLUMN_INDEX["code"], COLUMN_INDEX["name"]):
                continue
            a = menu.addAction(tr(c.title) + (translate("MainWindow", "  (needs prices)")
                                               if c.group == "price" and not self.model.show_prices else ""))
            a.setCheckable(True)
            a.setChecked(not self.table.isColumnHidden(i))
            a.toggled.connect(lambda on, i=i: self.table.setColumnHidden(i, not on))

    # ---------------------------------------------------------------- language
    def _build_language_menu(self, m_view: QMenu) -> None:
        """View > Language: System, 简体中文, 繁體中文, English (each named in itself)."""
        from widgets.i18n import LANGUAGES

        self.menu_language = m_view.addMenu(tr(_N("MainWindow", "&Language")))
        self.menu_language.setObjectName("menu_language")
        self.i18n.bind(self.menu_language, "setTitle", _N("MainWindow", "&Language"))
        grp = QActionGroup(self)
        self.language_actions: dict[str, QAction] = {}
        for key, label in LANGUAGES:
            a = QAction(self, checkable=True)
            a.setObjectName(f"language_{key}")
            a.setData(key)
            if label is None:
                self.i18n.bind(a, "setText", lambda: translate("MainWindow", "&System ({language})").format(
                    language=dict(LANGUAGES).get(resolve("system")) or "English"))
            else:
                a.setText(label)
            a.triggered.connect(lambda _=False, k=key: self.set_language(k))
            grp.addAction(a)
            self.menu_language.addAction(a)
            self.language_actions[key] = a
        self.language_actions.get(self.language_choice, self.language_actions["system"]).setChecked(True)

    def set_language(self, choice: str, save: bool = True) -> None:
        """Switch the interface language now; the names follow (zh_TW: Traditional, en: English).
        ``save=False`` (``main.py --language``): for this run only."""
        if choice not in self.language_actions:
            choice = "system"
        self.language_choice = choice
        self.language_actions[choice].setChecked(True)
        if save:
            settings().setValue("view/language", choice)
            self._language_saved = choice
        lang = resolve(choice)
        LANGUAGE.install(lang)
        self.set_script(SCRIPT_OF[lang])
        self.retranslate()

    def changeEvent(self, e):
        from PySide6.QtCore import QEvent

        if e.type() == QEvent.Type.LanguageChange and getattr(self, "_translated_to", None) != LANGUAGE.lang:
            self.retranslate()
        super().changeEvent(e)

    def retranslate(self) -> None:
        """Every text marked for translation again in the current language (menus, actions, docks,
        column titles, the features' own widgets)."""
        self._translated_to = LANGUAGE.lang
        self.i18n.retranslate()
        self._retranslate_undo()
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        for f in self.features.values():
            if hasattr(f, "retranslate"):
                f.retranslate()
        if self.desk is not None and self.screen_filter is not None:
            self.apply_screen(self.filter_screen())

    def set_script(self, script: str) -> None:
        self.script = script
        self.model.set_script(script)
        self.table.grow_to_content(("name", "themes", "chain"))
        self.script_actions[script].setChecked(True)
        self.scriptChanged.emit(script)
        self._selection_changed()

    def _theme_title(self, tid: str) -> str:
        t = self.desk.kb.themes.get(tid) if self.desk else None
        if not t:
            return tid
        if self.script == "en":
            return t.title_en
        title = t.title_zh or t.title_en
        if self.script == "hant":
            from app.text import to_hant
            return to_hant(title)
        return title

    def about_data(self) -> None:
        if not self.desk:
            return
        kb = self.desk.kb
        reps = "".join(f"<li>{r.label}: {r.title}</li>" for r in kb.reports.values())
        QMessageBox.about(self, translate("MainWindow", "About the data"),
                          translate("MainWindow", "<p>Knowledge base {version}: {companies} companies, {entities} "
                                    "unlisted entities, {edges} supplier edges, {themes} themes.</p>")
                          .format(version=kb.version, companies=len(kb.companies), entities=len(kb.entities),
                                  edges=len(kb.edges), themes=len(kb.themes))
                          + f"<ul>{reps}</ul>"
                          + translate("MainWindow", "<p>Every link carries a verbatim quote. Report 002 is "
                                      "AI-compiled and cites no sources; its claims are flagged.</p>"))

    # ---------------------------------------------------------------- geometry and settings
    def _default_size(self) -> None:
        """First start: most of the screen (a large screen is used, a small one is not exceeded)."""
        scr = self.screen() or QApplication.primaryScreen()
        if scr is None:
            self.resize(1400, 860)
            return
        avail = scr.availableGeometry()
        k = 0.88 if avail.width() >= 1500 else 0.97
        self.resize(int(avail.width() * k), int(avail.height() * k))
        self.move(avail.x() + (avail.width() - self.width()) // 2, avail.y() + (avail.height() - self.height()) // 3)

    def fit_to_screen(self) -> None:
        """Keep the whole window (frame included) inside its screen's available geometry."""
        scr = self.screen() or QApplication.primaryScreen()
        if scr is None or self.isMaximized() or self.isFullScreen() or not self.fit_enabled:
            return
        avail = scr.availableGeometry()
        frame = self.frameGeometry()
        extra_w = frame.width() - self.width()
        extra_h = frame.height() - self.height()
        fitted = fit_rect(frame, avail)
        if fitted != frame:
            self.resize(fitted.width() - extra_w, fitted.height() - extra_h)
            self.move(fitted.topLeft())

    def showEvent(self, e):
        super().showEvent(e)
        apply_minimum(self)
        self.fit_to_screen()

    def resizeEvent(self, e):
        super().resizeEvent(e)
        scr = self.screen()
        if scr is not None and self.isVisible() and self.fit_enabled:
            avail = scr.availableGeometry()
            if self.frameGeometry().width() > avail.width() or self.frameGeometry().height() > avail.height():
                QTimer.singleShot(0, self.fit_to_screen)

    def _restore_settings(self) -> None:
        import json
        s = settings()
        geo = s.value("window/geometry")
        if isinstance(geo, QByteArray):
            self.restoreGeometry(geo)
            self.fit_to_screen()   # a geometry saved on a larger screen is fitted to this one
        state = s.value("window/state")
        if isinstance(state, QByteArray):
            self.restoreState(state)
        hdr = s.value("table/header")
        if isinstance(hdr, QByteArray):
            self.table.horizontalHeader().restoreState(hdr)
            self.table.horizontalHeader().setProperty("restored", True)
            by_hand = s.value("table/by_hand")
            self.table.set_by_hand(json.loads(by_hand) if isinstance(by_hand, str) else None)
            self.table.sync_frozen()
        self._restore_sort(s.value("table/sort", ""))
        script = s.value("desk/script", self.script)
        if script in ("hans", "hant", "en"):
            self.script = script
            self.model.script = script
            self.script_actions[script].setChecked(True)
            self.scriptChanged.emit(script)

    def save_settings(self) -> None:
        import json
        s = settings()
        s.setValue("window/geometry", self.saveGeometry())
        s.setValue("window/state", self.saveState())
        s.setValue("table/header", self.table.horizontalHeader().saveState())
        s.setValue("table/by_hand", json.dumps(self.table.by_hand()))
        s.setValue("table/sort", json.dumps([[COLUMNS[c].key, "desc" if o == Qt.SortOrder.DescendingOrder else "asc"]
                                             for c, o in self.model.sort_keys]))
        s.setValue("desk/script", self.script)
        if self.__dict__.get("_language_saved"):
            s.setValue("view/language", self._language_saved)
        wl = self.current_watchlist()
        if wl:
            s.setValue("desk/list", wl.name)
        if self.screen_filter is not None:
            s.setValue("desk/screen", json.dumps(self.screen_filter.to_dict(), ensure_ascii=False))
        for f in self.features.values():
            if hasattr(f, "save_settings"):
                f.save_settings(s)
        s.sync()

    def reset_layout(self) -> None:
        s = settings()
        for k in ("window/state", "table/header", "table/by_hand"):
            s.remove(k)
        for d in self.docks:
            d.setFloating(False)
            self.addDockWidget(getattr(d, "home_area", Qt.DockWidgetArea.BottomDockWidgetArea), d)
            d.show()
        hdr = self.table.horizontalHeader()
        for i, c in enumerate(COLUMNS):
            hdr.moveSection(hdr.visualIndex(i), i)
            self.table.setColumnHidden(i, not c.visible or (c.group == "price" and not self.model.show_prices))
        self.table.fit_columns()

    def closeEvent(self, e):
        self.save_settings()
        self.save_snapshot()
        for t in self._tasks:
            t.cancel()
        super().closeEvent(e)


class _SnapshotGuard(QObject):
    """Swallows input on the table while it shows the start-up snapshot (the wheel still scrolls)."""

    BLOCKED = {QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease, QEvent.Type.MouseButtonDblClick,
               QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.ContextMenu, QEvent.Type.DragEnter,
               QEvent.Type.Drop}

    def __init__(self, parent=None):
        super().__init__(parent)
        self.watched: list = []

    def eventFilter(self, obj, ev):
        return ev.type() in self.BLOCKED
