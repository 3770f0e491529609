"""The screening desk's main window: it assembles the feature modules around the table.

The window owns what every feature shares — the desk, the table model and view, the selection,
the current view's rows, the undo stack, the status bar, the menus and the settings — and nothing
feature-specific. Each module under ``widgets/`` exposes ``install(window)``: it creates its docks,
actions and menu entries on the window and connects to the window's signals. The core parts
(:data:`CORE`: undo, names and language, columns, edits) come first, then the features
(:data:`FEATURES`: watchlists, screening, chain, charts, prices, Excel, printing, appearance), then
what gathers their actions (:data:`AFTER`: the toolbar, report ingestion, the company lists,
copy-code-as, About). A new feature is one more module in :data:`FEATURES`.

Signals a feature listens to: ``deskLoaded(desk)``, ``codesSelected(list)`` (the selection,
``[]`` when nothing is selected), ``viewReloaded()`` (new rows in the table), ``scriptChanged(str)``.
"""
from __future__ import annotations

import importlib
import logging
from typing import TYPE_CHECKING, Any, Callable

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QDockWidget, QLabel, QMainWindow, QMenu, QMessageBox, QProgressBar, QStackedWidget, QVBoxLayout, QWidget,
)

from widgets import startup_snapshot, window_geometry
from widgets.common import ALL_KB, ALL_UNIVERSE, SETTINGS_ORG, ListRole, settings  # noqa: F401 - re-exported
from widgets.desk_table import DeskTable
from widgets.i18n import LANGUAGE, Retranslator, resolve, tr, translate
from widgets.i18n import QT_TRANSLATE_NOOP as _N  # noqa: N814
from widgets.panels import EmptyState
from widgets.table_model import COLUMNS, DeskTableModel, ScreenProxy
from widgets.window_geometry import fit_rect  # noqa: F401 - re-exported
from widgets.window_geometry import apply_minimum
from widgets.workers import Task

if TYPE_CHECKING:  # pragma: no cover - the heavy data layer loads after the first paint
    from app.screening import RowFactory, Screen
    from app.services import Desk

log = logging.getLogger(__name__)

# Installed in this order: the core parts, the features (their menus and docks appear in this
# order), then the modules that gather the features' actions.
CORE = ("widgets.undo_actions", "widgets.language", "widgets.columns", "widgets.edits")
FEATURES = (
    "widgets.watchlists", "widgets.screening", "widgets.chain", "widgets.charts_panel",
    "widgets.prices", "widgets.excel_actions", "widgets.print_actions", "widgets.appearance",
)
AFTER = ("widgets.toolbar", "widgets.ingest", "widgets.universe_update", "widgets.copy_codes", "widgets.about",
         "widgets.team_sync")
MENUS = (("file", _N("MainWindow", "&File")), ("edit", _N("MainWindow", "&Edit")),
         ("watchlist", _N("MainWindow", "&Watchlist")), ("screen", _N("MainWindow", "&Screen")),
         ("prices", _N("MainWindow", "&Prices")), ("view", _N("MainWindow", "&View")),
         ("help", _N("MainWindow", "&Help")))


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
        self.snapshot_guard = None
        self.keep_snapshot = keep_snapshot   # write the start-up snapshot (the app does; tests opt in)

        # ---- central: (feature bars) + table (or an empty / loading state)
        self.model = DeskTableModel(self)
        self.proxy = ScreenProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = DeskTable(self.model, self.proxy)
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

        # ---- menus, the core parts, the features, then what gathers their actions
        self.menus: dict[str, QMenu] = {key: self.menuBar().addMenu(tr(title)) for key, title in MENUS}
        for key, title in MENUS:
            self.menus[key].setObjectName(f"menu_{key}")
            self.i18n.bind(self.menus[key], "setTitle", title)
        self.docks: list[QDockWidget] = []
        for name in CORE + tuple(features):
            importlib.import_module(name).install(self)
        self._finish_menus()
        for name in AFTER:
            importlib.import_module(name).install(self)

        self.table.selectionModel().selectionChanged.connect(lambda *_: self.selection_changed())
        self.model.ref_name = lambda r: self.desk.kb.ref_name(r, "en") if self.desk else r
        window_geometry.default_size(self)
        self._restore_settings()

        if snapshot:
            startup_snapshot.show(self, snapshot)
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
                from widgets.common import after_first_paint

                after_first_paint(self.table.viewport(), task.start, fallback_ms=400)
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
    @property
    def showing_snapshot(self) -> bool:
        return self.model.snapshot is not None

    def save_snapshot(self) -> None:
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

        self.row_menu = build_row_menu(self, codes, self.row_menu_hooks)
        self.row_menu.exec(gpos)

    def _finish_menus(self) -> None:
        m_view = self.menus["view"]
        m_view.addSeparator()
        for d in self.docks:
            m_view.addAction(d.toggleViewAction())
        m_view.addSeparator()
        self.add_action(_N("MainWindow", "&Reset layout"), self.reset_layout, menu=m_view)
        self.add_action(_N("MainWindow", "&Quit"), self.close, QKeySequence.StandardKey.Quit, menu="file")

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
        startup_snapshot.end(self)
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
            rows = [self.rows.row(c) for c in self.kb_view_codes()]
            editable = False
        for r in rows:
            if r.code in self._prices:
                r.prices = self._prices[r.code]
        self.model.set_rows(rows, editable)
        self.table.setDragDropMode(self.table.DragDropMode.DragDrop if editable
                                   else self.table.DragDropMode.DragOnly)
        self.viewReloaded.emit()
        self.apply_screen(self.filter_screen(), keep_selection=keep)

    def kb_view_codes(self) -> list[str]:
        """The rows of "All companies in the reports": each listing of each company a report names
        (an A+H company is two rows; a company listed only in the US, its one code)."""
        codes: list[str] = []
        for c in self.desk.kb.companies_in_reports() if self.desk else ():
            codes.extend(x for x in c.codes if not x.endswith(".US"))
            if all(x.endswith(".US") for x in c.codes):
                codes.append(c.code)
        return codes

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
        words = describe_screen(screen, self.desk.kb if self.desk else None, self.script, self.theme_title)
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
        self.selection_changed()  # a row the filter hid no longer shows in the docks

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

    def model_codes(self) -> list[str]:
        return [r.code for r in self.model.rs.rows]

    def selection_changed(self) -> None:
        if not self.desk:
            return
        self.codesSelected.emit(self.selected_codes())

    # ---------------------------------------------------------------- language
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
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        for f in self.features.values():
            if hasattr(f, "retranslate"):
                f.retranslate()
        if self.desk is not None and self.screen_filter is not None:
            self.apply_screen(self.filter_screen())

    # ---------------------------------------------------------------- geometry and settings
    def fit_to_screen(self) -> None:
        window_geometry.fit_to_screen(self, self.fit_enabled)

    def showEvent(self, e):
        super().showEvent(e)
        apply_minimum(self)
        self.fit_to_screen()
        if not self.__dict__.get("_docks_sized"):
            self._docks_sized = True
            QTimer.singleShot(0, lambda: window_geometry.default_docks(self, self.docks))

    def resizeEvent(self, e):
        super().resizeEvent(e)
        window_geometry.refit_later_if_larger(self, self.fit_enabled)

    def _restore_settings(self) -> None:
        s = settings()
        window_geometry.restore(self, s)
        for f in self.features.values():
            if hasattr(f, "restore_settings"):
                f.restore_settings(s)

    def save_settings(self) -> None:
        import json
        s = settings()
        window_geometry.save(self, s)
        if self.desk is None:   # closed before the store opened (during the start-up snapshot): the
            s.sync()            # table's settings are as they were, and so the snapshot stays valid
            return
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
        window_geometry.reset_docks(self, self.docks)
        self.setProperty("dockStateRestored", False)
        QTimer.singleShot(0, lambda: window_geometry.default_docks(self, self.docks))
        self.features["columns"].reset()

    def closeEvent(self, e):
        self.save_settings()
        self.save_snapshot()
        for t in self._tasks:
            t.cancel()
        super().closeEvent(e)
