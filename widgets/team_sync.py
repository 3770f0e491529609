"""Team mode in the desk.

* :class:`ChangeWatcher` polls the store's change counter every few seconds in the thread pool
  (one primary-key read) and, when someone else wrote, reloads the lists, the table and the
  docks keeping the current list, the selection, sort and filters. An open cell editor is not
  interrupted: the reload waits for the next tick.
* *File > Open team database…* takes a ``postgresql://user@host:port/dbname`` URL (never a
  password: libpq reads it from ``~/.pgpass`` or a service file), opens it in the background and
  remembers the URL for the next start; *File > Use personal store* goes back to the file.
* :func:`resolve_conflict` tells the user when their edit lost a race, with both values.
"""
from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QAbstractItemView, QInputDialog, QLineEdit, QMessageBox

from widgets.workers import Task
from widgets.i18n import translate
from widgets.i18n import QT_TRANSLATE_NOOP as _N  # noqa: N814

if TYPE_CHECKING:  # pragma: no cover
    from app.store import ConflictError
    from widgets.main_window import MainWindow

log = logging.getLogger(__name__)

POLL_MS = 3000
SETTING = "team/url"


class ChangeWatcher(QObject):
    reloaded = Signal()

    def __init__(self, win: "MainWindow", interval_ms: int = POLL_MS):
        super().__init__(win)
        self.win = win
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.poll)
        self._seq: int | None = None
        self._store = None
        self._task: Task | None = None
        self._pending = False

    def attach(self, desk) -> None:
        self._store, self._seq, self._pending = desk.store, None, False
        self.poll()
        self.timer.start()

    def poll(self) -> None:
        if self._store is None or (self._task is not None and not getattr(self._task, "_finished", True)):
            return
        if self._pending:
            self._reload()
            return
        store = self._store
        task = Task(store.change_seq)
        task._finished = False

        def done(seq, store=store, task=task):
            task._finished = True
            self._got(store, seq)

        def failed(exc, _tb, task=task):
            task._finished = True
            log.warning("change counter not read: %s", exc)
        task.signals.done.connect(done)
        task.signals.failed.connect(failed)
        self._task = task
        task.start()

    def _got(self, store, seq: int) -> None:
        if store is not self._store:
            return
        if self._seq is None:
            self._seq = seq
            return
        if seq != self._seq:
            foreign = store.foreign_changes(self._seq, seq)
            self._seq = seq
            if foreign:
                self._reload()

    def _reload(self) -> None:
        w = self.win
        if w.desk is None:
            return
        if w.table.state() == QAbstractItemView.State.EditingState:
            self._pending = True
            return
        self._pending = False
        w.reload_lists()
        w.statusBar().showMessage(translate("TeamSync", "Updated with other users' changes"), 3000)
        self.reloaded.emit()


def install(win: "MainWindow") -> None:
    """Add the team-database actions to the File menu and a change watcher to the window."""
    win.team_watcher = ChangeWatcher(win)
    m_file = win.menuBar().actions()[0].menu()
    first = m_file.actions()[0] if m_file.actions() else None
    a_open = win._act(_N("TeamSync", "Open &team database…"), lambda: open_team_dialog(win), None,
                      _N("TeamSync", "Open a shared PostgreSQL database (postgresql://user@host:port/dbname)"))
    a_personal = win._act(_N("TeamSync", "Use personal st&ore"), lambda: switch_store(win, None), None,
                          _N("TeamSync", "Go back to the store file in your data folder"))
    m_file.insertAction(first, a_open)
    m_file.insertAction(first, a_personal)
    m_file.insertSeparator(first)


def remembered_url() -> str | None:
    from widgets.common import settings

    v = settings().value(SETTING, None)
    return str(v) if v else None


def check_url(url: str) -> str:
    """The URL to open and remember, or StoreError (no password in it, a PostgreSQL scheme)."""
    from app.store import StoreError
    from app.team.pg import pg_url, safe_url

    u = pg_url(url.strip())
    if u.password:
        raise StoreError(translate("TeamSync", "leave the password out of the URL: put it in ~/.pgpass (a line "
                                               "host:port:dbname:user:password, mode 0600) or a service file; "
                                               "Chainwatch never stores passwords"))
    return safe_url(url.strip())


def open_team_dialog(win: "MainWindow") -> None:
    from app.store import StoreError

    url, ok = QInputDialog.getText(win, translate("TeamSync", "Open team database"),
                                   translate("TeamSync", "PostgreSQL URL (password from ~/.pgpass):"),
                                   QLineEdit.EchoMode.Normal,
                                   remembered_url() or "postgresql://USER@HOST:5432/chainwatch")
    if not ok or not url.strip():
        return
    try:
        url = check_url(url)
    except StoreError as e:
        QMessageBox.warning(win, "Chainwatch", str(e))
        return
    switch_store(win, url)


def switch_store(win: "MainWindow", url: str | None) -> None:
    """Open another store in the background; on success the desk shows it and the URL is kept."""
    from app.services import Desk
    from widgets.common import settings
    from widgets.workers import run_with_progress

    def done(desk):
        old = win.desk
        s = settings()
        if url:
            s.setValue(SETTING, url)
        else:
            s.remove(SETTING)
        win.undo.clear()
        win.set_desk(desk)
        if old is not None and old.store is not desk.store:
            old.store.close()

    run_with_progress(win, translate("TeamSync", "Opening {store}…").format(store=url or translate("TeamSync", "the personal store")), lambda: Desk.open(url), done)


def resolve_conflict(win: "MainWindow", e: "ConflictError") -> bool:
    """Tell the user their edit lost to another user's; True when they choose to keep theirs
    (mine) anyway. Both values are shown."""
    box = QMessageBox(win)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(translate("TeamSync", "Changed by someone else"))
    box.setText(str(e))
    if e.field:
        box.setInformativeText(translate("TeamSync", "Theirs ({by}): {theirs}\nYours: {mine}").format(
            by=e.by, theirs=repr(e.theirs), mine=repr(e.mine)))
        mine = box.addButton(translate("TeamSync", "Use mine"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(translate("TeamSync", "Keep theirs"), QMessageBox.ButtonRole.RejectRole)
    else:
        mine = None
        box.addButton(QMessageBox.StandardButton.Ok)
    box.exec()
    return mine is not None and box.clickedButton() is mine
