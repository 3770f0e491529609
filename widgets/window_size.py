"""The main window's minimum size: the desk stays usable (toolbar, filter bar, a screenful of rows)
down to 960x640 — half of a 1920 px screen side by side with another window — and no smaller;
on a screen smaller than that, the screen's available area (the window is kept inside it), but
never less than the layout itself needs."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication, QWidget

MINIMUM = QSize(960, 640)


def minimum_for(win: QWidget) -> QSize:
    """``MINIMUM``, within the available area of ``win``'s screen less its frame, and never below
    what the window's layout needs (docks, toolbar, filter bar at their minimum)."""
    scr = win.screen() or QApplication.primaryScreen()
    if scr is None:
        return MINIMUM.expandedTo(win.minimumSizeHint())
    avail = scr.availableGeometry()
    frame = win.frameGeometry()
    extra_w, extra_h = frame.width() - win.width(), frame.height() - win.height()
    need = win.minimumSizeHint()
    return QSize(
        max(need.width(), min(MINIMUM.width(), avail.width() - extra_w)),
        max(need.height(), min(MINIMUM.height(), avail.height() - extra_h)),
    )


def apply_minimum(win: QWidget) -> None:
    win.setMinimumSize(minimum_for(win))
