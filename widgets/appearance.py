"""Appearance: View > Theme (light, dark, or following the system), styles from ``resources/``."""

from __future__ import annotations

from PySide6.QtGui import QAction, QActionGroup, QColor, QGuiApplication, QIcon, QPalette
from PySide6.QtWidgets import QApplication

import resources
from widgets.common import settings
from widgets.i18n import translate
from widgets.i18n import QT_TRANSLATE_NOOP as _N  # noqa: N814

THEMES = (
    ("system", _N("Appearance", "Follow the &system")),
    ("light", _N("Appearance", "&Light")),
    ("dark", _N("Appearance", "&Dark")),
)


def system_is_dark() -> bool:
    hints = QGuiApplication.styleHints()
    scheme = getattr(hints, "colorScheme", None)
    if scheme is None:  # pragma: no cover - Qt < 6.5
        return False
    from PySide6.QtCore import Qt

    return scheme() == Qt.ColorScheme.Dark


def dark_palette() -> QPalette:
    p = QPalette()
    c = {
        QPalette.ColorRole.Window: "#2b2d30",
        QPalette.ColorRole.WindowText: "#dcdcdc",
        QPalette.ColorRole.Base: "#1e1f22",
        QPalette.ColorRole.AlternateBase: "#2a2d30",
        QPalette.ColorRole.ToolTipBase: "#2b2b2b",
        QPalette.ColorRole.ToolTipText: "#e8e8e8",
        QPalette.ColorRole.Text: "#dcdcdc",
        QPalette.ColorRole.Button: "#34373b",
        QPalette.ColorRole.ButtonText: "#dcdcdc",
        QPalette.ColorRole.BrightText: "#ff5252",
        QPalette.ColorRole.Highlight: "#2f65ca",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.Link: "#6aa6ff",
        QPalette.ColorRole.PlaceholderText: "#8a8a8a",
        QPalette.ColorRole.Mid: "#45484c",
        QPalette.ColorRole.Midlight: "#3c3f41",
    }
    for role, col in c.items():
        p.setColor(role, QColor(col))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText, QPalette.ColorRole.WindowText):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor("#6f6f6f"))
    return p


def apply_theme(app: QApplication, name: str) -> str:
    """Apply ``system`` / ``light`` / ``dark``; returns the theme in effect (light or dark)."""
    dark = name == "dark" or (name == "system" and system_is_dark())
    effective = "dark" if dark else "light"
    if getattr(app, "_chainwatch_theme", None) == effective:
        return effective
    app._chainwatch_theme = effective
    if not hasattr(app, "_chainwatch_light"):
        app._chainwatch_light = (app.style().name(), QPalette(app.palette()))
    qss = resources.text("styles", "base.qss")
    if dark:
        app.setStyle("Fusion")
        app.setPalette(dark_palette())
        qss += "\n" + resources.text("styles", "dark.qss")
    else:
        style, pal = app._chainwatch_light
        app.setStyle(style)
        app.setPalette(pal)
    app.setStyleSheet(qss)
    return effective


class Appearance:
    def __init__(self, win):
        self.win = win
        app = QApplication.instance()
        win.setWindowIcon(QIcon(str(resources.path("icons", "chainwatch.svg"))))
        m = win.menus["view"].addMenu(translate("Appearance", "&Theme"))
        win.i18n.bind(m, "setTitle", _N("Appearance", "&Theme"))
        grp = QActionGroup(win)
        self.actions: dict[str, QAction] = {}
        for key, label in THEMES:
            a = QAction(win, checkable=True)
            win.i18n.bind(a, "setText", label)
            a.triggered.connect(lambda _=False, k=key: self.set_theme(k))
            grp.addAction(a)
            m.addAction(a)
            self.actions[key] = a
        self.theme = str(settings().value("view/theme", "system"))
        if self.theme not in self.actions:
            self.theme = "system"
        self.actions[self.theme].setChecked(True)
        self.effective = apply_theme(app, self.theme)
        hints = QGuiApplication.styleHints()
        if hasattr(hints, "colorSchemeChanged"):
            hints.colorSchemeChanged.connect(lambda _s: self.theme == "system" and self.set_theme("system"))

    def set_theme(self, key: str) -> None:
        self.theme = key
        self.actions[key].setChecked(True)
        self.effective = apply_theme(QApplication.instance(), key)
        m = self.win.model
        m.dark = self.effective == "dark"
        if m.rowCount():  # the colours change, not the rows: a bare layoutChanged left the proxy's
            # persistent indexes (selection, current cell) dangling, and the next paint crashed
            m.dataChanged.emit(m.index(0, 0), m.index(m.rowCount() - 1, m.columnCount() - 1))

    def save_settings(self, s) -> None:
        s.setValue("view/theme", self.theme)


def install(win) -> Appearance:
    f = Appearance(win)
    win.features["appearance"] = f
    return f
