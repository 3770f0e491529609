"""Run work off the GUI thread; results come back through Qt signals (queued to the GUI thread)."""
from __future__ import annotations

import logging
import traceback
from typing import Any, Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

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
