"""The screening filter bar: free text, market, theme, customer; behind "More": segment, status,
share, tags, rating (the second row opens by itself when a screen uses them)."""
from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox, QDoubleSpinBox, QHBoxLayout, QLabel, QLineEdit, QSizePolicy, QToolButton, QVBoxLayout, QWidget,
)

from app import labels
from app.domain import SEGMENTS


class _FilterText(QLineEdit):
    """The free-text box: Enter or Down goes to the first result."""

    toResults = Signal()

    def keyPressEvent(self, e):
        if e.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Down):
            self.toResults.emit()
            return
        super().keyPressEvent(e)


class FilterBar(QWidget):
    changed = Signal(object)  # Screen
    toResults = Signal()      # Enter / Down in the text box: the filter applies now, focus the first row

    def __init__(self, parent=None):
        super().__init__(parent)
        self._quiet = False
        self.text = _FilterText()
        self.text.setObjectName("filterText")
        self.text.setClearButtonEnabled(True)
        self.text.setMinimumWidth(120)
        self.text.toResults.connect(self._to_results)
        self.script = "en"   # the script of the domain labels (themes, customers, segments)
        self._kb = None
        self.theme_title = lambda tid: tid
        self.market = self._combo("market", [("", ""), ("HK", "HK"), ("SH", "SH"), ("SZ", "SZ"),
                                             ("BJ", "BJ"), ("", "SH,SZ,BJ")])
        self.theme = self._combo("theme", [("", "")])
        self.customer = self._combo("customer", [("", "")])
        self.segment = self._combo("segment", [("", "")] + [(v, k) for k, v in SEGMENTS.items()])
        self.status = self._combo("status", [("", ""), ("", "core"), ("", "potential"), ("", "stated")])
        self.share = QDoubleSpinBox()
        self.share.setObjectName("filterShare")
        self.share.setRange(0, 100)
        self.share.setDecimals(0)
        self.share.setSuffix("%")
        self.tags = QLineEdit()
        self.tags.setObjectName("filterTags")
        self.tags.setMinimumWidth(110)
        self.tags.setMaximumWidth(180)
        self.rating = self._combo("rating", [("", "")] + [("★" * i + "+", str(i)) for i in range(1, 6)])
        self.count = QLabel("")
        self.count.setObjectName("matchCount")
        self.count.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.count.setMinimumWidth(0)
        self.clear = QToolButton()
        self.more = QToolButton()
        self.more.setObjectName("filterMore")
        self.more.setCheckable(True)
        self.more.toggled.connect(self._show_more)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(4, 2, 4, 2)
        outer.setSpacing(2)
        row1 = QHBoxLayout()
        row1.setSpacing(4)
        for w in (self.text, self.market, self.theme, self.customer, self.more, self.clear, self.count):
            row1.addWidget(w)
        row1.setStretch(0, 1)
        self.row2 = QWidget()
        self.row2.setObjectName("filterMoreRow")
        row2 = QHBoxLayout(self.row2)
        row2.setContentsMargins(0, 0, 0, 0)
        row2.setSpacing(4)
        for w in (self.segment, self.status, self.share, self.tags, self.rating):
            row2.addWidget(w)
        row2.addStretch(1)
        self.row2.hide()
        outer.addLayout(row1)
        outer.addWidget(self.row2)
        for c in (self.market, self.theme, self.customer, self.segment, self.status, self.rating):
            c.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(120)
        self._timer.timeout.connect(self._emit)
        self.text.textChanged.connect(lambda _: self._timer.start())
        self.tags.textChanged.connect(lambda _: self._timer.start())
        for c in (self.market, self.theme, self.customer, self.segment, self.status, self.rating):
            c.currentIndexChanged.connect(lambda _=0: self._emit())
        self.share.valueChanged.connect(lambda _=0: self._emit())
        self.clear.clicked.connect(self.clear_filters)
        self.retranslate()

    def retranslate(self, script: str | None = None) -> None:
        """Every label in the current language; the domain labels in ``script`` (selection kept)."""
        if script is not None:
            self.script = script
        self.text.setPlaceholderText(self.tr("Filter: code, 简体/繁體 name, English, pinyin (Ctrl+F)"))
        self.market.setItemText(0, self.tr("All markets"))
        self.market.setItemText(5, self.tr("A-shares"))
        self.theme.setItemText(0, self.tr("All themes"))
        self.customer.setItemText(0, self.tr("Any customer"))
        self.segment.setItemText(0, self.tr("Any segment"))
        for i in range(1, self.segment.count()):
            self.segment.setItemText(i, labels.segment_label(self.segment.itemData(i), self.script))
        for i, text in enumerate((self.tr("Core or potential"), self.tr("Core"), self.tr("Potential"),
                                  self.tr("Stated"))):
            self.status.setItemText(i, text)
        self.rating.setItemText(0, self.tr("Any rating"))
        self.share.setPrefix(self.tr("share ≥ "))
        self.share.setSpecialValueText(self.tr("any share"))
        self.share.setToolTip(self.tr("Minimum share of a customer's orders"))
        self.tags.setPlaceholderText(self.tr("tags"))
        self.clear.setText(self.tr("Clear"))
        self.clear.setToolTip(self.tr("Clear all filters (Esc)"))
        self.more.setText(self.tr("Less ▴") if self.more.isChecked() else self.tr("More ▾"))
        self.more.setToolTip(self.tr("Segment, core/potential, minimum share, tags, rating"))
        if self._kb is not None:
            self._label_kb_entries()
        for c in (self.theme, self.customer, self.segment):   # the drop-down shows whole names
            c.view().setMinimumWidth(c.view().sizeHintForColumn(0) + 24)
    def _combo(self, name: str, entries) -> QComboBox:
        c = QComboBox()
        c.setObjectName(f"filter_{name}")
        for label, data in entries:
            c.addItem(label, data)
        c.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        c.setMinimumContentsLength({"theme": 9, "customer": 9, "segment": 12}.get(name, 6))
        return c

    def _show_more(self, on: bool) -> None:
        self.row2.setVisible(on)
        self.more.setText(self.tr("Less ▴") if on else self.tr("More ▾"))

    def _more_in_use(self) -> bool:
        return bool(self.segment.currentData() or self.status.currentData() or self.share.value()
                    or self.tags.text().strip() or self.rating.currentData())

    def _to_results(self) -> None:
        if self._timer.isActive():
            self._timer.stop()
            self._emit()
        self.toResults.emit()

    def set_kb(self, kb) -> None:
        from app.screening import customer_hubs

        self._quiet = True
        self._kb = kb
        self.theme.clear()
        self.theme.addItem(self.tr("All themes"), "")
        for t in kb.themes.values():
            self.theme.addItem(t.id, t.id)
        self.customer.clear()
        self.customer.addItem(self.tr("Any customer"), "")
        for ref, _label in customer_hubs(kb):
            self.customer.addItem(ref, ref)
        self._quiet = False
        self.retranslate()

    def _label_kb_entries(self) -> None:
        from app.screening import customer_hubs

        kb = self._kb
        for i in range(1, self.theme.count()):
            t = kb.themes.get(self.theme.itemData(i))
            indent = "   " if t is not None and t.parent else ""
            self.theme.setItemText(i, indent + (self.theme_title(t.id) if t is not None else self.theme.itemData(i)))
        hubs = dict(customer_hubs(kb, self.script))
        for i in range(1, self.customer.count()):
            ref = self.customer.itemData(i)
            self.customer.setItemText(i, f"→ {hubs.get(ref, ref)}")

    def screen(self):
        from app.screening import Screen

        m = self.market.currentData() or ""
        tags = tuple(t.strip() for t in self.tags.text().replace("，", ",").split(",") if t.strip())
        return Screen(
            text=self.text.text(), markets=tuple(x for x in m.split(",") if x),
            theme=self.theme.currentData() or "", customer=self.customer.currentData() or "",
            segment=self.segment.currentData() or "", status=self.status.currentData() or "",
            min_share=self.share.value() or None, tags=tags,
            min_rating=int(self.rating.currentData()) if self.rating.currentData() else None)

    def clear_filters(self) -> None:
        from app.screening import Screen

        self.set_screen(Screen())

    def set_screen(self, s) -> None:
        self._quiet = True
        try:
            self.text.setText(s.text)
            self._set(self.market, ",".join(s.markets))
            self._set(self.theme, s.theme)
            self._set(self.customer, s.customer)
            self._set(self.segment, s.segment)
            self._set(self.status, s.status)
            self.share.setValue(s.min_share or 0)
            self.tags.setText(", ".join(s.tags))
            self._set(self.rating, str(s.min_rating) if s.min_rating else "")
        finally:
            self._quiet = False
        if self._more_in_use() and not self.more.isChecked():
            self.more.setChecked(True)
        self._emit()

    def set_theme(self, tid: str) -> None:
        if (self.theme.currentData() or "") != tid:
            self._set(self.theme, tid)

    @staticmethod
    def _set(combo: QComboBox, data: str) -> None:
        i = combo.findData(data)
        combo.setCurrentIndex(max(0, i))

    def _emit(self) -> None:
        if not self._quiet:
            self.changed.emit(self.screen())

    def keyPressEvent(self, e):
        if e.key() == Qt.Key.Key_Escape:
            self.clear_filters()
            return
        super().keyPressEvent(e)
