"""The main toolbar: the features' everyday actions in groups, with short labels (it fits at 1024 px).
Installed by the main window after the features, from the actions they put on the window."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolBar

from widgets.i18n import QT_TRANSLATE_NOOP as _N  # noqa: N814
from widgets.i18n import translate

GROUPS = (
    ("act_add", "act_remove", "act_up", "act_down"),
    ("act_undo_tb", "act_redo_tb"),
    ("act_new_list", "act_save_screen"),
    ("act_export", "act_import", "act_pdf"),
    ("act_refresh",),
)
SHORT = {
    "act_add": _N("Toolbar", "Add"),
    "act_remove": _N("Toolbar", "Remove"),
    "act_up": _N("Toolbar", "Up"),
    "act_down": _N("Toolbar", "Down"),
    "act_new_list": _N("Toolbar", "New list"),
    "act_save_screen": _N("Toolbar", "Save screen"),
    "act_export": _N("Toolbar", "Excel"),
    "act_import": _N("Toolbar", "Import"),
    "act_pdf": _N("Toolbar", "PDF"),
    "act_refresh": _N("Toolbar", "Refresh"),
}


def install(win) -> QToolBar:
    tb = QToolBar(translate("MainWindow", "Main"))
    tb.setObjectName("mainToolbar")
    tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    for name, label in SHORT.items():
        a = win.__dict__.get(name)
        if a is not None:
            win.i18n.bind(a, "setIconText", label)
    for group in GROUPS:
        acts = [a for a in (win.__dict__.get(n) for n in group) if a is not None]
        if acts:
            if tb.actions():
                tb.addSeparator()
            tb.addActions(acts)
    win.addToolBar(tb)
    win.toolbar = tb
    return tb
