"""Editors for the proposal tables: a combo box for vocabularies (segment, status, share qualifier,
share of, relation), a line edit with completion over the universe for a party, a checked number."""
from __future__ import annotations

from PySide6.QtCore import QRegularExpression, QStringListModel, Qt
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QComboBox, QCompleter, QLineEdit, QStyledItemDelegate

from widgets.i18n import translate
from widgets.ingest.models import ChoicesRole, EditorRole


def party_completer(desk, parent=None) -> QCompleter:
    """"code  name  English  PINYIN" for every listing in the universe and every unlisted entity."""
    rows = []
    for s in desk.universe.by_code.values():
        rows.append("  ".join(x for x in (s.code, s.name_zh_hans, s.name_en, s.pinyin) if x))
    for e in desk.kb.entities.values():
        rows.append("  ".join(x for x in (e.id, e.name_zh_hans, e.name_en) if x))
    c = QCompleter(QStringListModel(sorted(rows)), parent)
    c.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    c.setFilterMode(Qt.MatchFlag.MatchContains)
    c.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    c.setMaxVisibleItems(12)
    return c


class ProposalDelegate(QStyledItemDelegate):
    def __init__(self, completer_factory=None, parent=None):
        super().__init__(parent)
        self.completer_factory = completer_factory

    def createEditor(self, parent, option, index):
        kind = index.data(EditorRole)
        choices = index.data(ChoicesRole)
        if choices:
            box = QComboBox(parent)
            box.setObjectName(f"edit_{kind}")
            for label, value in choices:
                box.addItem(label or "—", value)
            return box
        ed = QLineEdit(parent)
        ed.setObjectName(f"edit_{kind or 'text'}")
        if kind == "number":
            ed.setValidator(QRegularExpressionValidator(QRegularExpression(r"^\s*(100(\.0+)?|\d{0,2}(\.\d*)?)\s*%?\s*$"), ed))
            ed.setPlaceholderText(translate("Review", "0–100, empty = not stated"))
        elif kind == "party" and self.completer_factory:
            ed.setCompleter(self.completer_factory(ed))
            ed.setPlaceholderText(translate("Review", "code, name or pinyin"))
        return ed

    def setEditorData(self, editor, index):
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, QComboBox):
            i = editor.findData(value if value is not None else "")
            editor.setCurrentIndex(max(i, 0))
        else:
            editor.setText("" if value is None else str(value))
            editor.selectAll()

    def setModelData(self, editor, model, index):
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
        else:
            model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)
