"""Small dialogs: add by code / name / pinyin with completion over the universe."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout,
)

from app.universe import Universe


class AddDialog(QDialog):
    """Type a code in any format, a name in either script or pinyin initials; pick from the matches."""

    def __init__(self, universe: Universe, list_name: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add to {list}").format(list=list_name))
        self.universe = universe
        self.edit = QLineEdit()
        self.edit.setObjectName("addQuery")
        self.edit.setPlaceholderText(self.tr("700 HK, sh600519, 中際旭創, ZJXC …  (several: separate with spaces or commas)"))
        self.matches = QListWidget()
        self.matches.setObjectName("addMatches")
        self.matches.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        self.info = QLabel(self.tr("{n} listings: the bundled A-share list and every HK/A listing the reports name.")
                           .format(n=f"{len(universe):,}"))
        self.info.setStyleSheet("color:#666")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.edit)
        lay.addWidget(self.matches)
        lay.addWidget(self.info)
        lay.addWidget(buttons)
        self.edit.textChanged.connect(self._search)
        self.matches.itemDoubleClicked.connect(lambda _: self.accept())
        self.resize(520, 360)

    def _search(self, text: str) -> None:
        self.matches.clear()
        tokens = self._tokens(text)
        if len(tokens) > 1:
            seen: set[str] = set()
            for t in tokens:
                try:
                    s = self.universe.resolve(t)
                except LookupError as e:
                    item = QListWidgetItem(f"✗ {e}")
                    item.setFlags(Qt.ItemFlag.NoItemFlags)
                    self.matches.addItem(item)
                    continue
                if s.code not in seen:   # the same company typed twice (by code and by pinyin) is one row
                    seen.add(s.code)
                    self._add_item(s)
        else:
            for s in self.universe.search(text, limit=30):
                self._add_item(s)
        if self.matches.count():
            self.matches.item(0).setSelected(True) if self.matches.item(0).flags() else None
            if len(tokens) > 1:
                for i in range(self.matches.count()):
                    it = self.matches.item(i)
                    if it.flags() & Qt.ItemFlag.ItemIsSelectable:
                        it.setSelected(True)

    @staticmethod
    def _tokens(text: str) -> list[str]:
        t = text.replace("，", ",").replace("\n", ",")
        if "," in t:
            return [x.strip() for x in t.split(",") if x.strip()]
        parts = t.split()
        # "700 HK" / "700 HK Equity" are one code, not two
        if len(parts) >= 2 and parts[1].upper() in ("HK", "CH", "US", "EQUITY"):
            return [t.strip()]
        return parts

    def _add_item(self, s) -> None:
        label = f"{s.code}   {s.name_zh_hans}   {s.name_zh_hant if s.name_zh_hant != s.name_zh_hans else ''}" \
                f"   {s.name_en}   {s.pinyin}" + (self.tr("   · in reports") if s.in_kb else "")
        item = QListWidgetItem(" ".join(label.split()))
        item.setData(Qt.ItemDataRole.UserRole, s.code)
        self.matches.addItem(item)

    def codes(self) -> list[str]:
        return [it.data(Qt.ItemDataRole.UserRole) for it in self.matches.selectedItems()
                if it.data(Qt.ItemDataRole.UserRole)]
