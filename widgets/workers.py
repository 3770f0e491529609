"""Run work off the GUI thread; results come back through Qt signals (queued to the GUI thread)."""
from __future__ import annotations

import logging
import traceback
from typing import Any, Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from widgets.i18n import translate

log = logging.getLogger(__name__)


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object, str)      # exception, formatted traceback
    progress = Signal(int, int)       # done, total


class Task(QRunnable):
    """``fn(progress, cancelled)`` runs in the pool; connect to ``signals`` before ``start()``."""

    def __init__(self, fn: Callable[..., Any], *, with_progress: bool = False):
        super().__init__()
        self.fn = fn
        self.with_progress = with_progress
        self.signals = _Signals()
        self._cancel = False
        self.setAutoDelete(False)

    def cancel(self) -> None:
        self._cancel = True

    def cancelled(self) -> bool:
        return self._cancel

    def run(self) -> None:  # worker thread
        try:
            if self.with_progress:
                result = self.fn(lambda d, t: self.signals.progress.emit(int(d), int(t)), self.cancelled)
            else:
                result = self.fn()
        except BaseException as e:  # noqa: BLE001 - reported to the GUI
            log.exception("background task failed")
            self.signals.failed.emit(e, traceback.format_exc())
            return
        self.signals.done.emit(result)

    def start(self, pool: QThreadPool | None = None) -> "Task":
        """Queue the task (once; later calls do nothing)."""
        if not getattr(self, "_started", False):
            self._started = True
            (pool or QThreadPool.globalInstance()).start(self)
        return self


def run_with_progress(win, label: str, fn: Callable[..., Any], done: Callable[[Any], None],
                      on_error: Callable[[BaseException], None] | None = None,
                      with_progress: bool = False) -> Task:
    """Run ``fn`` in the pool showing the main window's status-bar progress; ``done(result)`` and
    ``on_error(exc)`` run on the GUI thread (default error: a warning dialog naming the task)."""
    from PySide6.QtWidgets import QMessageBox

    task = Task(fn, with_progress=with_progress)
    win.progress.setRange(0, 0)
    win.progress.show()
    win.statusBar().showMessage(label)

    def prog(d: int, t: int) -> None:
        if t > 0:
            win.progress.setRange(0, t)
            win.progress.setValue(d)

    def ok(result):
        win.progress.hide()
        win.statusBar().clearMessage()
        done(result)

    def fail(exc, tb):
        win.progress.hide()
        win.statusBar().clearMessage()
        if on_error:
            on_error(exc)
        else:
            QMessageBox.warning(win, "Chainwatch", translate("Workers", "{task} failed:").format(task=label.rstrip("…"))
                                + f"\n\n{exc}")
    task.signals.progress.connect(prog)
    task.signals.done.connect(ok)
    task.signals.failed.connect(fail)
    win._tasks.append(task)
    task.start()
    return task
