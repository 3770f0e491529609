"""The Rating cell's editor: a choice of none or one to five stars, never a free number.

Typing the digit (1-5, or 0 for none) picks it, Enter keeps it; the mouse picks from the list.
A raw spin box took any integer (9 was accepted, then refused in the status bar)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QStyledItemDelegate

from widgets.i18n import translate

MAX_STARS = 5


class RatingBox(QComboBox):
    """A digit picks its rating at once (a combo box's own search would join "3" and "5" into "35")."""

    def keyPressEvent(self, e):
        text = e.text()
        if len(text) == 1 and text.isdigit():
            n = int(text)
            if n <= MAX_STARS:
                self.setCurrentIndex(n)
            else:
                QApplication.beep()  # no such rating: the choice stays
            e.accept()
            return
        super().keyPressEvent(e)


class RatingDelegate(QStyledItemDelegate):
    def createEditor(self, parent, option, index):
        box = RatingBox(parent)
        box.setObjectName("ratingEditor")
        box.addItem("0  " + translate("DeskTable", "no rating"), 0)
        for n in range(1, MAX_STARS + 1):
            box.addItem(f"{n}  " + "★" * n, n)
        box.setToolTip(translate("DeskTable", "Type 1 to 5 (0 for none), then Enter"))
        return box

    def setEditorData(self, editor, index):
        value = index.data(Qt.ItemDataRole.EditRole)
        try:
            n = int(value or 0)
        except (TypeError, ValueError):
            n = 0
        editor.setCurrentIndex(min(max(n, 0), MAX_STARS))

    def setModelData(self, editor, model, index):
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(self, editor, option, index):
        r = option.rect
        editor.setGeometry(r.x(), r.y(), max(r.width(), editor.sizeHint().width()), r.height())
