"""Edit > Undo / Redo over the window's undo stack, and the toolbar's Undo / Redo buttons (fixed
labels, so the button row does not shift as the undo text changes; the tooltip says what)."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence

from widgets.i18n import QT_TRANSLATE_NOOP as _N  # noqa: N814
from widgets.i18n import translate


class UndoActions:
    def __init__(self, win):
        self.win = win
        undo = win.undo
        m_edit = win.menus["edit"]
        win.act_undo, win.act_redo = self._make()
        for a in (win.act_undo, win.act_redo):
            m_edit.addAction(a)
            win.addAction(a)
        win.act_undo_tb = QAction(win)
        win.i18n.bind(win.act_undo_tb, "setText", _N("MainWindow", "Undo"))
        win.act_undo_tb.triggered.connect(undo.undo)
        win.act_redo_tb = QAction(win)
        win.i18n.bind(win.act_redo_tb, "setText", _N("MainWindow", "Redo"))
        win.act_redo_tb.triggered.connect(undo.redo)
        for a, can, sig in (
            (win.act_undo_tb, undo.canUndo, undo.canUndoChanged),
            (win.act_redo_tb, undo.canRedo, undo.canRedoChanged),
        ):
            a.setEnabled(can())
            sig.connect(a.setEnabled)
        undo.undoTextChanged.connect(
            lambda t: win.act_undo_tb.setToolTip(
                translate("MainWindow", "Undo {what} (Ctrl+Z)").format(what=t) if t else translate("MainWindow", "Undo")
            )
        )
        undo.redoTextChanged.connect(
            lambda t: win.act_redo_tb.setToolTip(
                translate("MainWindow", "Redo {what} (Ctrl+Shift+Z)").format(what=t)
                if t
                else translate("MainWindow", "Redo")
            )
        )
        m_edit.addSeparator()

    def _make(self) -> tuple[QAction, QAction]:
        """Undo and Redo; their prefix is fixed when made, so a language change makes them again."""
        win = self.win
        undo = win.undo.createUndoAction(win, translate("MainWindow", "&Undo"))
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo_act = win.undo.createRedoAction(win, translate("MainWindow", "&Redo"))
        redo = QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)  # the platform's (Ctrl+Y among them)
        for extra in ("Ctrl+Shift+Z", "Ctrl+Y"):
            if QKeySequence(extra) not in redo:
                redo.append(QKeySequence(extra))
        redo_act.setShortcuts(redo)
        return undo, redo_act

    def retranslate(self) -> None:
        win = self.win
        m_edit = win.menus["edit"]
        old = (win.act_undo, win.act_redo)
        new = self._make()
        for o, n in zip(old, new):
            m_edit.insertAction(o, n)
            m_edit.removeAction(o)
            win.removeAction(o)
            win.addAction(n)
            o.deleteLater()
        win.act_undo, win.act_redo = new


def install(win) -> UndoActions:
    f = UndoActions(win)
    win.features["undo"] = f
    return f
