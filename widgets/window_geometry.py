"""The window's place on the screen: a first-start size from the screen, never larger than the
screen's available geometry (a geometry saved on a larger screen is fitted), and the dock layout
saved with ``QSettings`` (``window/geometry``, ``window/state``)."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QRect, QSize, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget


def fit_rect(rect: QRect, avail: QRect) -> QRect:
    """``rect`` moved and shrunk so that it lies inside ``avail`` (a screen's available geometry)."""
    w, h = min(rect.width(), avail.width()), min(rect.height(), avail.height())
    x = min(max(rect.x(), avail.x()), avail.x() + avail.width() - w)
    y = min(max(rect.y(), avail.y()), avail.y() + avail.height() - h)
    return QRect(x, y, w, h)


def default_size(win: QMainWindow) -> None:
    """First start: most of the screen (a large screen is used, a small one is not exceeded)."""
    scr = _screen_of(win)
    if scr is None:
        win.resize(1400, 860)
        return
    avail = scr.availableGeometry()
    k = 0.88 if avail.width() >= 1500 else 0.97
    win.resize(int(avail.width() * k), int(avail.height() * k))
    win.move(avail.x() + (avail.width() - win.width()) // 2, avail.y() + (avail.height() - win.height()) // 3)


def _frame_extra(w) -> tuple[int, int]:
    """What the window frame adds around ``w``'s client area (width, height)."""
    frame = w.frameGeometry()
    return frame.width() - w.width(), frame.height() - w.height()


def fit_inside(w, avail: QRect, least: tuple[int, int] = (0, 0)) -> None:
    """Move and shrink ``w`` (frame included) into ``avail``; never below ``least`` (client size)."""
    frame = w.frameGeometry()
    fitted = fit_rect(frame, avail)
    if fitted != frame:
        extra_w, extra_h = _frame_extra(w)
        w.resize(max(fitted.width() - extra_w, least[0]), max(fitted.height() - extra_h, least[1]))
        w.move(fitted.topLeft())


def fit_to_screen(win: QMainWindow, enabled: bool = True) -> None:
    """Keep the whole window (frame included) inside its screen's available geometry."""
    scr = _screen_of(win)
    if scr is None or win.isMaximized() or win.isFullScreen() or not enabled:
        return
    fit_inside(win, scr.availableGeometry())


# The main window's minimum: the desk stays usable (toolbar, filter bar, a screenful of rows) down to
# 960x640 — half of a 1920 px screen beside another window — and no smaller; on a smaller screen, its
# available area, but never less than the layout itself needs.
MINIMUM = QSize(960, 640)


def minimum_for(win: QWidget) -> QSize:
    """``MINIMUM``, within the available area of ``win``'s screen less its frame, and never below
    what the window's layout needs (docks, toolbar, filter bar at their minimum)."""
    scr = _screen_of(win)
    if scr is None:
        return MINIMUM.expandedTo(win.minimumSizeHint())
    avail = scr.availableGeometry()
    extra_w, extra_h = _frame_extra(win)
    need = win.minimumSizeHint()
    return QSize(
        max(need.width(), min(MINIMUM.width(), avail.width() - extra_w)),
        max(need.height(), min(MINIMUM.height(), avail.height() - extra_h)),
    )


def apply_minimum(win: QWidget) -> None:
    win.setMinimumSize(minimum_for(win))


def refit_later_if_larger(win: QMainWindow, enabled: bool = True) -> None:
    """After a resize (a dock or tab that asks for more room): fitted again if it outgrew the screen."""
    scr = win.screen()
    if scr is not None and win.isVisible() and enabled:
        avail = scr.availableGeometry()
        frame = win.frameGeometry()
        if frame.width() > avail.width() or frame.height() > avail.height():
            QTimer.singleShot(0, lambda: fit_to_screen(win, enabled))


def restore(win: QMainWindow, s) -> None:
    geo = s.value("window/geometry")
    if isinstance(geo, QByteArray):
        win.restoreGeometry(geo)
        fit_to_screen(win)  # a geometry saved on a larger screen is fitted to this one
    state = s.value("window/state")
    if isinstance(state, QByteArray) and win.restoreState(state):
        win.setProperty("dockStateRestored", True)


# The first start's share of the window for the docks (the user's own sizes are saved on close).
BOTTOM_SHARE, RIGHT_SHARE, LEFT_SHARE = 0.36, 0.22, 0.17


def default_docks(win: QMainWindow, docks) -> None:
    """First start (no saved layout): the supplier chain and the charts get about a third of the
    height (a hub's chain is readable without dragging the splitter first), the evidence a fifth
    of the width, the lists and themes a sixth."""
    if win.property("dockStateRestored"):
        return
    h, w = win.height(), win.width()
    bottom = BOTTOM_SHARE if h >= 800 else 0.30  # a low screen (1024x700) keeps more rows for the table
    for area, share, orient, least in (
        (Qt.DockWidgetArea.BottomDockWidgetArea, bottom, Qt.Orientation.Vertical, 190),
        (Qt.DockWidgetArea.RightDockWidgetArea, RIGHT_SHARE, Qt.Orientation.Horizontal, 240),
        (Qt.DockWidgetArea.LeftDockWidgetArea, LEFT_SHARE, Qt.Orientation.Horizontal, 180),
    ):
        shown = [d for d in docks if not d.isFloating() and d.isVisible() and win.dockWidgetArea(d) == area]
        if shown:
            size = max(least, int((h if orient == Qt.Orientation.Vertical else w) * share))
            win.resizeDocks(shown[:1], [size], orient)


def save(win: QMainWindow, s) -> None:
    s.setValue("window/geometry", win.saveGeometry())
    s.setValue("window/state", win.saveState())


def reset_docks(win: QMainWindow, docks) -> None:
    """Every dock back in its home area, docked and shown."""
    for d in docks:
        d.setFloating(False)
        win.addDockWidget(getattr(d, "home_area", Qt.DockWidgetArea.BottomDockWidgetArea), d)
        d.show()


def _screen_of(widget, parent=None):
    for w in (parent, widget):
        scr = w.screen() if w is not None else None
        if scr is not None:
            return scr
    return QApplication.primaryScreen()


def screen_key(widget, parent=None) -> str:
    """The available size of the screen a dialog opens on ("1024x700"): a saved dialog size is
    reused on the same screen size only."""
    scr = _screen_of(widget, parent)
    if scr is None:
        return ""
    a = scr.availableGeometry()
    return f"{a.width()}x{a.height()}"


def size_dialog(dlg, parent=None, share: float = 0.9, most: tuple[int, int] = (1500, 960)) -> None:
    """A dialog's first size: ``share`` of its screen's available area, at most ``most``, centred
    on it (a fixed size was too small at 1024x700 and wasted a 2560 px screen)."""
    scr = _screen_of(dlg, parent)
    if scr is None:
        dlg.resize(*most)
        return
    a = scr.availableGeometry()
    w, h = min(int(a.width() * share), most[0]), min(int(a.height() * share), most[1])
    dlg.resize(w, h)
    dlg.move(a.x() + (a.width() - w) // 2, a.y() + (a.height() - h) // 2)


def restore_dialog(
    dlg,
    s,
    key: str,
    parent=None,
    share: float = 0.9,
    most: tuple[int, int] = (1500, 960),
    least: tuple[int, int] = (0, 0),
) -> None:
    """The dialog as the user left it on this screen size, else :func:`size_dialog`; always inside the screen."""
    geo = s.value(key)
    if isinstance(geo, QByteArray) and not geo.isEmpty() and s.value(key + "_screen") == screen_key(dlg, parent):
        dlg.restoreGeometry(geo)
    else:
        size_dialog(dlg, parent, share, most)
    scr = _screen_of(dlg, parent)
    if scr is not None:
        fit_inside(dlg, scr.availableGeometry(), least)


def save_dialog(dlg, s, key: str, parent=None) -> None:
    s.setValue(key, dlg.saveGeometry())
    s.setValue(key + "_screen", screen_key(dlg, parent))
