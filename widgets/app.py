"""Start the desk: QApplication, CJK font, error dialog for uncaught exceptions, --screenshot mode."""
from __future__ import annotations

import argparse
import logging
import os
import sys
import time
import traceback
from pathlib import Path

log = logging.getLogger("chainwatch")
_T0 = time.perf_counter()


def _log_file() -> Path:
    from platformdirs import user_log_dir

    p = Path(user_log_dir("chainwatch", "chainwatch"))
    p.mkdir(parents=True, exist_ok=True)
    return p / "chainwatch.log"


def setup_logging() -> Path | None:
    try:
        path = _log_file()
        logging.basicConfig(filename=path, level=logging.INFO,
                            format="%(asctime)s %(levelname)s %(name)s: %(message)s")
        return path
    except OSError:
        logging.basicConfig(level=logging.INFO)
        return None


def install_excepthook(log_path: Path | None) -> None:
    """Uncaught exceptions are logged and shown in a dialog; the app never dies silently."""
    def hook(etype, value, tb):
        text = "".join(traceback.format_exception(etype, value, tb))
        log.error("uncaught exception:\n%s", text)
        print(text, file=sys.stderr)
        from PySide6.QtWidgets import QApplication, QMessageBox
        if QApplication.instance() is None:
            return
        from widgets.i18n import translate
        safe = translate("App", "Your data is safe: every edit is saved as one transaction.")
        where = translate("App", " Details are in {path}.").format(path=log_path) if log_path else ""
        box = QMessageBox(QMessageBox.Icon.Critical, translate("App", "Chainwatch — unexpected error"),
                          f"{etype.__name__}: {value}\n\n{safe}{where}")
        box.setDetailedText(text)
        box.exec()
    sys.excepthook = hook


def parse_gui_args(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="main.py", description="Open the Chainwatch desk.")
    p.add_argument("--db", metavar="PATH|URL", help="store file (default: the user's data folder) or "
                   "postgresql://user@host:port/dbname")
    p.add_argument("--screenshot", metavar="FILE.png", help="open, wait for the first paint, save a screenshot, exit")
    p.add_argument("--watchlist", metavar="NAME", help="open this watchlist")
    p.add_argument("--select", metavar="CODE", help="select this company")
    p.add_argument("--theme", metavar="ID", help="filter to this theme (with --screenshot)")
    p.add_argument("--customer", metavar="REF", help="filter to this customer's chain (with --screenshot)")
    p.add_argument("--dock", choices=["chain", "charts"], help="bring this bottom dock to the front")
    p.add_argument("--language", choices=["system", "zh_CN", "zh_TW", "en"],
                   help="interface language for this run (default: View > Language, else the system's)")
    p.add_argument("--chart", choices=["candles", "relative", "basket", "figures"], help="with --dock charts: the tab")
    return p.parse_args(argv)


def _exit_after_first_paint(win, app) -> None:
    from PySide6.QtCore import QEvent, QObject

    class Probe(QObject):
        def eventFilter(self, obj, ev):
            if ev.type() == QEvent.Type.Paint:
                print(f"first-paint {time.perf_counter() - _T0:.3f}", flush=True)
                app.exit(0)
                obj.removeEventFilter(self)
            return False

    win._probe = Probe(win)
    win.installEventFilter(win._probe)


def _exit_after_table_filled(win, app) -> None:
    """Print the time from process start to the first paint of the filled table (``table-filled``:
    from the start-up snapshot when there is one) and to the first paint of the live rows
    (``desk-ready``), then exit. ``heavy=`` lists the large libraries loaded by the first of them."""
    from PySide6.QtCore import QEvent, QObject

    heavy = ("numpy", "sqlalchemy", "pandas", "pyqtgraph", "yaml", "openpyxl")

    class Probe(QObject):
        filled = False

        def eventFilter(self, obj, ev):
            if ev.type() == QEvent.Type.Paint and win.model.rowCount():
                if not self.filled:
                    self.filled = True
                    loaded = ",".join(m for m in heavy if m in sys.modules)
                    print(f"table-filled {time.perf_counter() - _T0:.3f} "
                          f"snapshot={int(win.showing_snapshot)} heavy={loaded}", flush=True)
                if win.desk is not None and not win.showing_snapshot:
                    print(f"desk-ready {time.perf_counter() - _T0:.3f}", flush=True)
                    obj.removeEventFilter(self)
                    app.exit(0)
            return False

    win._fill_probe = Probe(win)
    win.table.viewport().installEventFilter(win._fill_probe)
    win.deskReady.connect(win.table.viewport().update)


def desk_factory(db: str | None, snapshot: dict | None, preloaded: dict):
    """What opens the desk, in a worker thread: everything slow to load or build happens there.
    When a start-up snapshot shows price cells, their live values are read too (into
    ``preloaded``), so the live rows replace the snapshot complete, not with blank prices."""
    def factory():
        import app.screening  # noqa: F401 - numpy and the row factory, off the GUI thread
        from app.services import Desk
        from widgets import startup_snapshot
        from widgets.team_sync import remembered_url
        desk = Desk.open(db or remembered_url())  # the team database opened last, if any
        desk.universe  # noqa: B018 - built here (folded names cached between starts), not on the GUI thread
        codes = startup_snapshot.price_codes(snapshot) if snapshot else []
        if codes:
            try:
                from app.prices.service import table_prices
                preloaded.update(table_prices(desk.store, codes))
            except Exception as e:  # noqa: BLE001 - the prices feature fills them a moment later anyway
                log.warning("price cells not preloaded: %s", e)
        return desk
    return factory


def run_gui(argv: list[str]) -> int:
    args = parse_gui_args(argv)
    if args.screenshot and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setOrganizationName("chainwatch")
    app.setApplicationName("chainwatch")
    app.setApplicationDisplayName("Chainwatch")
    log_path = setup_logging()
    install_excepthook(log_path)
    from widgets.fonts import ensure_cjk_font
    fam = ensure_cjk_font()
    if fam:
        f = QFont(app.font())
        f.setFamilies([QFont().defaultFamily(), fam])
        app.setFont(f)

    from widgets.main_window import MainWindow

    from widgets import startup_snapshot

    preloaded: dict = {}   # code -> price cells, filled by the factory (worker) before the desk is set
    snapshot = None
    if not (args.watchlist or args.select or args.screenshot or os.environ.get("CHAINWATCH_NO_SNAPSHOT")):
        from widgets.common import settings
        from widgets.team_sync import remembered_url
        from widgets.i18n import resolve
        lang = resolve(args.language or str(settings().value("view/language", "system")))
        snapshot = startup_snapshot.load(args.db or remembered_url(), settings(), lang)
    factory = desk_factory(args.db, snapshot, preloaded)
    win = MainWindow(factory, initial_list=args.watchlist, initial_select=args.select, snapshot=snapshot,
                     keep_snapshot=not os.environ.get("CHAINWATCH_NO_SNAPSHOT"))
    win._prices = preloaded   # the window's price cells: the factory may seed them
    if args.language:
        win.set_language(args.language, save=False)
    if args.screenshot and app.platformName() == "offscreen" and "configfile" not in os.environ.get("QT_QPA_PLATFORM", ""):
        win.fit_enabled = False   # offscreen's 800x800 stand-in screen is no real screen: shoot at 1400x860
        win.resize(1400, 860)
    if os.environ.get("CHAINWATCH_EXIT_AFTER_PAINT"):  # used by bench/bench_desk.py
        _exit_after_first_paint(win, app)
    if os.environ.get("CHAINWATCH_EXIT_AFTER_FILLED"):  # used by bench/bench_desk.py
        _exit_after_table_filled(win, app)
    win.show()
    if args.screenshot:
        out = Path(args.screenshot)

        def shoot():
            from app.screening import Screen
            if args.theme or args.customer:
                win.filter_bar.set_screen(Screen(theme=args.theme or "", customer=args.customer or ""))
                if args.select:
                    win.select_party(args.select)
                elif args.theme:
                    from PySide6.QtCore import Qt
                    win.resizeDocks([win.dock_chain], [470], Qt.Orientation.Vertical)
                    win.table.clearSelection()
                    win._theme_selected(args.theme)
            if args.dock == "charts":
                from PySide6.QtCore import Qt
                win.dock_charts.raise_()
                win.resizeDocks([win.dock_charts], [380], Qt.Orientation.Vertical)
                app.processEvents()
                tabs = {"candles": win.charts.candles, "relative": win.charts.relative,
                        "basket": win.charts.basket, "figures": win.charts.figures}
                if args.chart and tabs.get(args.chart) is not None:
                    win.charts.tabs.setCurrentWidget(tabs[args.chart])
                win._charts_follow()
                if args.theme:
                    win._theme_selected(args.theme)
            app.processEvents()
            if args.select:   # the docks above changed the table's height: bring the selected row back into view
                from PySide6.QtWidgets import QAbstractItemView
                cur = win.table.currentIndex()
                if cur.isValid():
                    win.table.scrollTo(cur, QAbstractItemView.ScrollHint.PositionAtCenter)
            win.repaint()
            app.processEvents()
            out.parent.mkdir(parents=True, exist_ok=True)
            ok = win.grab().save(str(out))
            print(f"{'saved' if ok else 'could not save'} {out} "
                  f"({time.perf_counter() - _T0:.2f}s after start)")
            app.exit(0 if ok else 1)

        win.deskReady.connect(lambda: QTimer.singleShot(200, shoot))
    rc = app.exec()
    from PySide6.QtCore import QThreadPool
    QThreadPool.globalInstance().waitForDone(10000)  # a worker still loading must not outlive Python
    return rc
