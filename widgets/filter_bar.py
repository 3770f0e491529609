"""The screening filter bar: free text, market, theme, customer; behind "More": segment, status,
share, tags, rating (the second row opens by itself when a screen uses them)."""
from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox, QDoubleSpinBox, QHBoxLayout, QLabel, QLayout, QLineEdit, QSizePolicy, QStyle, QStyleOptionComboBox,
    QStylePainter, QToolButton, QVBoxLayout, QWidget,
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


class FlowLayout(QLayout):
    """Widgets left to right at their preferred width, wrapping onto another line when the bar is
    too narrow for them (the "More" filters at 1024 px): none is squeezed below its size hint."""

    def __init__(self, parent=None, spacing: int = 4):
        super().__init__(parent)
        self._items: list = []
        self.setContentsMargins(0, 0, 0, 0)
        self.setSpacing(spacing)

    def addItem(self, item) -> None:  # noqa: N802 - Qt's name
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, i: int):  # noqa: N802
        return self._items[i] if 0 <= i < len(self._items) else None

    def takeAt(self, i: int):  # noqa: N802
        return self._items.pop(i) if 0 <= i < len(self._items) else None

    def expandingDirections(self):  # noqa: N802
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        return self._lay_out(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802
        super().setGeometry(rect)
        self._lay_out(rect, move=True)

    def sizeHint(self) -> QSize:  # noqa: N802
        w = sum(i.sizeHint().width() for i in self._items) + self.spacing() * max(0, len(self._items) - 1)
        return QSize(w, max((i.sizeHint().height() for i in self._items), default=0))

    def minimumSize(self) -> QSize:  # noqa: N802
        w = max((i.minimumSize().width() for i in self._items), default=0)
        return QSize(w, max((i.minimumSize().height() for i in self._items), default=0))

    def _lay_out(self, rect: QRect, move: bool) -> int:
        x, y, line_h = rect.x(), rect.y(), 0
        for item in self._items:
            if item.widget() is not None and item.widget().isHidden():
                continue
            hint = item.sizeHint()
            w = min(hint.width(), rect.width())
            if x > rect.x() and x + w > rect.right() + 1:
                x, y, line_h = rect.x(), y + line_h + self.spacing(), 0
            if move:
                h = hint.height()
                line = max(h, line_h)
                item.setGeometry(QRect(QPoint(x, y + (line - h) // 2 if line_h else y), QSize(w, h)))
            x += w + self.spacing()
            line_h = max(line_h, hint.height())
        return y + line_h - rect.y()


class FilterCombo(QComboBox):
    """A filter's drop-down: as wide as its current text wants (up to ``MAX_WIDTH``), narrower when the
    bar is short of room down to a few characters; then the text is elided ("Tencent Yuan…", never
    cut in the middle of a glyph) and the whole of it is the tooltip."""

    MAX_WIDTH = 300

    def __init__(self, min_chars: int = 6, parent=None):
        super().__init__(parent)
        self._min_chars = min_chars
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(min_chars)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.currentTextChanged.connect(self._text_changed)

    def _width_for(self, text_width: int) -> int:
        opt = QStyleOptionComboBox()
        self.initStyleOption(opt)
        size = QSize(text_width, self.fontMetrics().height())
        return self.style().sizeFromContents(QStyle.ContentsType.CT_ComboBox, opt, size, self).width()

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        want = self._width_for(self.fontMetrics().horizontalAdvance(self.currentText()) + 4)
        return QSize(min(max(want, self.minimumSizeHint().width()), self.MAX_WIDTH), hint.height())

    def text_rect_width(self) -> int:
        opt = QStyleOptionComboBox()
        self.initStyleOption(opt)
        r = self.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, opt,
                                        QStyle.SubControl.SC_ComboBoxEditField, self)
        return r.width() - 2

    def is_elided(self) -> bool:
        return self.fontMetrics().horizontalAdvance(self.currentText()) > self.text_rect_width()

    def shown_text(self) -> str:
        """The current text as painted: whole, or elided to the room there is."""
        return self.fontMetrics().elidedText(self.currentText(), Qt.TextElideMode.ElideRight, self.text_rect_width())

    def _text_changed(self, _text: str = "") -> None:
        self.updateGeometry()
        self._update_tip()

    def _update_tip(self) -> None:
        self.setToolTip(self.currentText().strip() if self.is_elided() else "")

    def resizeEvent(self, e):
        super().resizeEvent(e)
        self._update_tip()

    def paintEvent(self, _e):
        p = QStylePainter(self)
        opt = QStyleOptionComboBox()
        self.initStyleOption(opt)
        p.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, opt)
        opt.currentText = self.shown_text()
        p.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, opt)


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
        row2 = FlowLayout(self.row2)
        for w in (self.segment, self.status, self.share, self.tags, self.rating):
            row2.addWidget(w)
        self.row2.hide()
        outer.addLayout(row1)
        outer.addWidget(self.row2)
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
        for c in (self.market, self.theme, self.customer, self.segment, self.status, self.rating):
            c._text_changed()   # the current item's text may have changed with the language
    def _combo(self, name: str, entries) -> FilterCombo:
        c = FilterCombo({"theme": 8, "customer": 8, "segment": 8}.get(name, 6))
        c.setObjectName(f"filter_{name}")
        for label, data in entries:
            c.addItem(label, data)
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
