"""File > Update company lists…: the A-share and Hong Kong lists refreshed from the exchanges' data
vendors (app/universe_refresh.py, the same refresh as ``python main.py universe refresh``), so that
search, Add and report ingestion know companies listed since the bundled snapshot.

The download runs in a worker under the refresh's own deadlines, with a progress dialog whose
Cancel takes effect within a second; a market that fails keeps its cached list, and the summary
says per market what happened, in one line each.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox, QProgressDialog

from widgets.i18n import QT_TRANSLATE_NOOP as _N  # noqa: N814
from widgets.i18n import translate
from widgets.workers import Task


class UniverseUpdate:
    def __init__(self, window, module: Any = None):
        self.win = window
        self.module = module              # akshare, or a stand-in (tests)
        self.deadline_s: float | None = None
        self.task: Task | None = None
        self.dialog: QProgressDialog | None = None
        self.results: list = []
        a = QAction(translate("UniverseUpdate", "Update &company lists (A-share, Hong Kong)…"), window)
        a.setObjectName("actUpdateUniverse")
        a.setStatusTip(translate("UniverseUpdate", "Download the current A-share and Hong Kong lists, so that search, Add and "
                          "report ingestion know newly listed companies"))
        i18n = getattr(window, "i18n", None)
        if i18n is not None:  # View > Language sets them again
            i18n.bind(a, "setText", _N("UniverseUpdate", "Update &company lists (A-share, Hong Kong)…"))
            i18n.bind(a, "setStatusTip", _N("UniverseUpdate", "Download the current A-share and Hong Kong lists, "
                                            "so that search, Add and report ingestion know newly listed companies"))
        a.setEnabled(False)
        a.triggered.connect(lambda *_: self.start())
        self.action = a
        window.deskLoaded.connect(lambda _d: a.setEnabled(True))

    def start(self) -> None:
        desk = self.win.desk
        if desk is None or self.task is not None:
            return
        from app import universe_refresh as ur

        deadline = self.deadline_s or ur.DEFAULT_DEADLINE
        dlg = QProgressDialog(translate("UniverseUpdate", "Updating the A-share and Hong Kong company lists…"), translate("UniverseUpdate", "Cancel"), 0,
                              len(ur.MARKETS), self.win)
        dlg.setObjectName("universeProgress")
        dlg.setWindowTitle(translate("UniverseUpdate", "Update company lists"))
        dlg.setWindowModality(Qt.WindowModality.WindowModal)
        dlg.setMinimumDuration(0)
        dlg.setValue(0)
        self.dialog = dlg

        def work(progress, cancelled):
            done = []

            def step(res):
                done.append(res)
                progress(len(done), len(ur.MARKETS))

            results = ur.refresh(desk.store, ur.MARKETS, deadline_s=deadline, module=self.module,
                                 progress=step, cancelled=cancelled)
            if any(r.status == "ok" for r in results):
                desk._universe = None
                desk.universe  # noqa: B018 - rebuilt (and its folded names) here, off the GUI thread
            return results

        task = Task(work, with_progress=True)
        task.signals.progress.connect(lambda d, t: dlg.setValue(d))
        task.signals.done.connect(self._done)
        task.signals.failed.connect(self._failed)
        dlg.canceled.connect(task.cancel)
        self.task = task
        task.start()

    def _finish(self) -> None:
        if self.dialog is not None:
            self.dialog.reset()
            self.dialog.deleteLater()
        self.dialog = None
        self.task = None

    def _done(self, results) -> None:
        self._finish()
        self.results = list(results)
        win = self.win
        if any(r.status == "ok" for r in results) and win.desk is not None:
            from app.screening import RowFactory

            win.rows = RowFactory(win.desk.kb, win.desk.universe)
            win.reload_view()
        lines = [self.say(r) for r in results] or [translate("UniverseUpdate", "Cancelled before any list was downloaded.")]
        ok = all(r.status == "ok" for r in results) and bool(results)
        n = len(win.desk.universe) if win.desk is not None else 0
        text = "\n".join(lines) + ("\n\n" + translate("UniverseUpdate", "{n} listings are searchable now.").format(n=f"{n:,}") if ok else "")
        win.statusBar().showMessage(lines[0] if len(lines) == 1 else "; ".join(lines), 8000)
        box = QMessageBox(QMessageBox.Icon.Information if ok else QMessageBox.Icon.Warning,
                          translate("UniverseUpdate", "Update company lists"), text, parent=win)
        box.setObjectName("universeSummary")
        box.setDetailedText("\n".join(r.line() for r in results))   # the sources and their own errors
        self.summary = box
        box.open()

    def say(self, r) -> str:
        """One line per market in the user's words (the sources' own messages go in the details)."""
        from app.universe_refresh import cached_listings

        market = {"A": translate("UniverseUpdate", "A-share list"), "HK": translate("UniverseUpdate", "Hong Kong list")}.get(r.market, r.market)
        if r.status == "ok":
            return translate("UniverseUpdate", "{m}: {n} listings ({added} new, {gone} gone)").format(
                m=market, n=f"{r.rows:,}", added=f"{r.added:,}", gone=f"{r.removed:,}")
        kept = len(cached_listings(self.win.desk.store, r.market)) if self.win.desk is not None else 0
        keep = (translate("UniverseUpdate", "the {n} cached listings are kept").format(n=f"{kept:,}") if kept
                else translate("UniverseUpdate", "the bundled list stays in use"))
        if r.status == "cancelled":
            return translate("UniverseUpdate", "{m}: cancelled — {keep}").format(m=market, keep=keep)
        low = r.message.lower()
        offline = any(w in low for w in ("connection", "refused", "resolve", "name or service", "timed out",
                                         "timeout", "did not finish", "unreachable", "network", "remote end"))
        why = translate("UniverseUpdate", "no connection (offline, or the site is blocked)") if offline else \
            translate("UniverseUpdate", "the source gave no usable list")
        return translate("UniverseUpdate", "{m}: not updated — {why}; {keep}").format(m=market, why=why, keep=keep)

    def _failed(self, exc: BaseException, tb: str) -> None:
        self._finish()
        QMessageBox.warning(self.win, translate("UniverseUpdate", "Update company lists"), translate("UniverseUpdate", "The update failed: {e}").format(e=exc))


def install(window) -> UniverseUpdate:
    """The action goes into the File menu after the report actions."""
    f = UniverseUpdate(window)
    window.features["universe"] = f
    menu = window.menus["file"]
    acts = menu.actions()
    # after "Paste report…" (and its separator) when present, else at the top
    after = next((i for i, a in enumerate(acts) if a.objectName() == "actPasteReport"), None)
    before = acts[after + 1] if after is not None and after + 1 < len(acts) else None
    menu.insertAction(before, f.action)
    window.addAction(f.action)
    return f
