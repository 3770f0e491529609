"""What the main window and its feature modules share: list keys, item roles, settings."""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QEvent, QObject, QSettings, Qt, QTimer
from PySide6.QtWidgets import QWidget

ALL_KB = "kb:all"  # every company the reports name
ALL_UNIVERSE = "kb:universe"  # the whole offline universe
ListRole = Qt.ItemDataRole.UserRole + 1
SETTINGS_ORG = "chainwatch"


def settings() -> QSettings:
    return QSettings(SETTINGS_ORG, "chainwatch")


class _FirstPaint(QObject):
    def __init__(self, widget: QWidget, run: Callable[[], None], delay_ms: int):
        super().__init__(widget)
        self.run, self.delay_ms = run, delay_ms

    def eventFilter(self, obj, ev):
        if ev.type() == QEvent.Type.Paint:
            obj.removeEventFilter(self)
            QTimer.singleShot(self.delay_ms, self, self.run)
        return False


def after_first_paint(widget: QWidget, fn: Callable[[], None], *, delay_ms: int = 0, fallback_ms: int = 1000) -> None:
    """Run ``fn`` once, ``delay_ms`` after ``widget`` first paints — or after ``fallback_ms`` when it
    does not paint (hidden, headless); never after the widget is gone. For work that would hold the
    GIL while the first frame is drawn (the store's imports, pandas)."""
    done: list[int] = []

    def run() -> None:
        if not done:
            done.append(1)
            fn()

    widget.installEventFilter(_FirstPaint(widget, run, delay_ms))
    QTimer.singleShot(fallback_ms, widget, run)
