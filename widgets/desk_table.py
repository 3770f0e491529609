"""The desk's table view: Code and Name frozen on the left, columns fitted to their content,
type-to-jump by code / pinyin initials / name (as in Wind and Futu), a right-click menu on rows.

The frozen part is a second view over the same model and selection laid over the left edge (the
Qt "frozen column" pattern); it scrolls vertically with the main view and never horizontally.
"""

from __future__ import annotations

import time
from typing import Callable

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QApplication, QHeaderView, QMenu, QTableView

from widgets.table_model import COLUMN_INDEX, COLUMNS

FROZEN = ("code", "name")
MAX_FIT = {"themes": 320, "chain": 340, "notes": 260, "customers": 200, "segments": 200}


def _setup(view: QTableView) -> None:
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().setDefaultSectionSize(24)
    view.verticalHeader().setVisible(False)


class DeskTable(QTableView):
    rowMenuRequested = Signal(QPoint, list)  # global position, selected codes

    def __init__(self, model, proxy, parent=None):
        super().__init__(parent)
        self.setObjectName("deskTable")
        self.source = model
        self.setModel(proxy)
        _setup(self)
        # typing jumps to a row (type-to-jump, as in Wind and Futu); F2 or a double-click edits
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        hdr = self.horizontalHeader()
        hdr.setSectionsMovable(True)
        hdr.setSectionsClickable(True)
        hdr.setSortIndicatorShown(True)
        hdr.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        hdr.setStretchLastSection(False)
        hdr.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        for i, c in enumerate(COLUMNS):
            self.setColumnWidth(i, c.width)
            self.setColumnHidden(i, not c.visible or c.group == "price")
        r = COLUMN_INDEX["rating"]
        self.setColumnWidth(r, max(self.columnWidth(r), self.fontMetrics().horizontalAdvance("★★★★★") + 16))
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.DefaultContextMenu)
        self._typed = ""
        self._typed_at = 0.0
        self._fitted: dict[int, int] = {}  # column -> width after fit_columns
        self._content: dict[int, int] = {}  # column -> width of its content (uncapped)

        # ---- the frozen Code and Name columns
        self.frozen = QTableView(self)
        self.frozen.setObjectName("frozenColumns")
        self.frozen.setModel(proxy)
        self.frozen.setSelectionModel(self.selectionModel())
        _setup(self.frozen)
        self.frozen.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.frozen.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.frozen.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.frozen.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.frozen.setVerticalScrollMode(self.verticalScrollMode())
        self.frozen.setStyleSheet("QTableView#frozenColumns { border: none; border-right: 1px solid palette(mid); }")
        self.frozen.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.frozen.horizontalHeader().setSectionsClickable(True)
        self.frozen.horizontalHeader().sectionClicked.connect(hdr.sectionClicked)
        self.frozen.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.frozen.customContextMenuRequested.connect(
            lambda p: self._row_menu(self.frozen.viewport().mapToGlobal(p), self.frozen.indexAt(p))
        )
        self.frozen.doubleClicked.connect(lambda _i: None)
        self.viewport().stackUnder(self.frozen)
        self.frozen.verticalScrollBar().valueChanged.connect(self.verticalScrollBar().setValue)
        self.verticalScrollBar().valueChanged.connect(self.frozen.verticalScrollBar().setValue)
        hdr.sectionResized.connect(self._section_resized)
        hdr.sectionMoved.connect(self._keep_frozen_first)
        hdr.sortIndicatorChanged.connect(lambda c, o: self.frozen.horizontalHeader().setSortIndicator(c, o))
        proxy.modelReset.connect(self.sync_frozen)
        proxy.layoutChanged.connect(self.sync_frozen)
        hdr.geometriesChanged.connect(self._place_frozen)
        self.sync_frozen()

    # ---- frozen columns
    def _frozen_cols(self) -> list[int]:
        return [COLUMN_INDEX[k] for k in FROZEN]

    def sync_frozen(self) -> None:
        fz = self._frozen_cols()
        for c in range(len(COLUMNS)):
            self.frozen.setColumnHidden(c, c not in fz)
        for c in fz:
            self.frozen.setColumnWidth(c, self.columnWidth(c))
        fh, hdr = self.frozen.horizontalHeader(), self.horizontalHeader()
        fh.setSortIndicatorShown(True)
        fh.setSortIndicator(hdr.sortIndicatorSection(), hdr.sortIndicatorOrder())
        self._place_frozen()

    def _keep_frozen_first(self, *_a) -> None:
        hdr = self.horizontalHeader()
        for pos, c in enumerate(self._frozen_cols()):
            if hdr.visualIndex(c) != pos:
                hdr.blockSignals(True)
                hdr.moveSection(hdr.visualIndex(c), pos)
                hdr.blockSignals(False)
        self._place_frozen()

    def _section_resized(self, col: int, _old: int, new: int) -> None:
        if col in self._frozen_cols():
            self.frozen.setColumnWidth(col, new)
            self._place_frozen()

    def frozen_width(self) -> int:
        return sum(self.columnWidth(c) for c in self._frozen_cols())

    def _place_frozen(self) -> None:
        f = self.frameWidth()
        self.frozen.setGeometry(
            f + self.verticalHeader().width(),
            f,
            self.frozen_width(),
            self.viewport().height() + self.horizontalHeader().height(),
        )
        self.frozen.horizontalHeader().setFixedHeight(self.horizontalHeader().height())

    def resizeEvent(self, e):
        super().resizeEvent(e)
        if e.size().width() > e.oldSize().width():
            self.distribute_space()
        self._place_frozen()

    def moveCursor(self, action, modifiers):
        cur = super().moveCursor(action, modifiers)
        # keep the cursor's cell out from under the frozen columns when moving left
        if action == QAbstractItemView.CursorAction.MoveLeft and cur.column() not in self._frozen_cols():
            x = self.visualRect(cur).topLeft().x()
            if x < self.frozen_width():
                sb = self.horizontalScrollBar()
                sb.setValue(sb.value() + x - self.frozen_width())
        return cur

    def scrollTo(self, index, hint=QAbstractItemView.ScrollHint.EnsureVisible):
        if index.column() in self._frozen_cols():
            # the frozen columns are always visible: scroll vertically only
            sb = self.horizontalScrollBar().value()
            super().scrollTo(index, hint)
            self.horizontalScrollBar().setValue(sb)
        else:
            super().scrollTo(index, hint)

    def updateGeometries(self):
        super().updateGeometries()
        if hasattr(self, "frozen"):
            self._place_frozen()

    # ---- sizing
    def fit_columns(self) -> None:
        """Each visible column as wide as its content (header included), within a per-column cap."""
        for i, c in enumerate(COLUMNS):
            if self.isColumnHidden(i):
                continue
            w = self._content_width(i, 120)  # a sample: fitting must not slow the start
            if c.key == "rating":
                w = max(w, self.fontMetrics().horizontalAdvance("★★★★★") + 16)  # five stars, never "★★★…"
            cap = MAX_FIT.get(c.key, 260)
            self._content[i] = max(w, 36)
            self._fitted[i] = min(max(w, 36), cap)
            self.setColumnWidth(i, self._fitted[i])
        self.distribute_space()
        self.sync_frozen()

    def _content_width(self, col: int, rows: int) -> int:
        """The width column ``col`` needs for its title and the first ``rows`` rows' text (uncapped)."""
        fm = self.fontMetrics()
        model = self.model()
        w = fm.horizontalAdvance(COLUMNS[col].title) + 28
        for r in range(min(model.rowCount(), rows)):
            t = model.index(r, col).data()
            if t:
                w = max(w, fm.horizontalAdvance(str(t)) + 14)
        return w

    def grow_to_content(self, keys) -> None:
        """Widen these columns to their content (never narrower than now, within the caps): after an
        edit, or when names switch script, a cell is not left cut ("HKD 42…", "ZTE Co…")."""
        for key in keys:
            i = COLUMN_INDEX.get(key)
            if i is None or self.isColumnHidden(i):
                continue
            w = min(self._content_width(i, 400), MAX_FIT.get(key, 260))
            if w > self.columnWidth(i):
                self.setColumnWidth(i, w)
        self.sync_frozen()

    def distribute_space(self) -> None:
        """Spare width (a wide screen) goes first to the columns that were cut to fit (themes,
        chain role, …) up to their content, not to the last column."""
        if not self._fitted:
            return
        spare = self.viewport().width() - sum(
            self.columnWidth(i) for i in range(len(COLUMNS)) if not self.isColumnHidden(i)
        )
        if spare <= 0:
            return
        for key in ("chain", "themes", "customers", "segments", "notes"):
            i = COLUMN_INDEX[key]
            if self.isColumnHidden(i) or i not in self._content:
                continue
            want = self._content[i] - self.columnWidth(i)
            if want > 0:
                give = min(want, spare)
                self.setColumnWidth(i, self.columnWidth(i) + give)
                spare -= give
            if spare <= 0:
                break

    # ---- type-to-jump
    def keyboardSearch(self, search: str) -> None:
        now = time.monotonic()
        if now - self._typed_at > max(QApplication.keyboardInputInterval(), 400) / 1000 * 2:
            self._typed = ""
        self._typed += search
        row = self.find_row(self._typed)
        if row is not None:
            idx = self.model().index(row, COLUMN_INDEX["code"])
            self.setCurrentIndex(idx)
            self.selectRow(row)
            self.scrollTo(idx)
        self._typed_at = time.monotonic()  # after the docks followed: a slow update does not split the word

    def find_row(self, text: str) -> int | None:
        """The first shown row whose code, pinyin initials or name starts with ``text``."""
        q = text.strip()
        if not q:
            return None
        up = q.upper()
        digits = q.isdigit()
        proxy = self.model()
        src = self.source
        for r in range(proxy.rowCount()):
            row = src.row_at(proxy.mapToSource(proxy.index(r, 0)).row())
            sym = row.code.split(".")[0]
            if digits:
                if sym.startswith(q) or sym.lstrip("0").startswith(q.lstrip("0") or "0"):
                    return r
            elif (
                (row.pinyin or "").upper().startswith(up)
                or row.code.upper().startswith(up)
                or row.name_zh_hans.startswith(q)
                or row.name_zh_hant.startswith(q)
                or row.name_en.upper().startswith(up)
            ):
                return r
        return None

    # ---- right-click menu on rows
    def contextMenuEvent(self, e):
        self._row_menu(e.globalPos(), self.indexAt(self.viewport().mapFromGlobal(e.globalPos())))

    def _row_menu(self, gpos: QPoint, index) -> None:
        sm = self.selectionModel()
        if index.isValid() and not sm.isRowSelected(index.row(), index.parent()):
            self.selectRow(index.row())
        rows = sorted({i.row() for i in sm.selectedRows()})
        codes = self.model().codes(rows)
        if codes:
            self.rowMenuRequested.emit(gpos, codes)


def build_row_menu(parent, codes: list[str], hooks: list[Callable[[QMenu, list[str]], None]]) -> QMenu:
    """The right-click menu: each feature's hook adds its entries for the selected codes."""
    m = QMenu(parent)
    m.setObjectName("rowMenu")
    for hook in hooks:
        if m.actions() and not m.actions()[-1].isSeparator():
            m.addSeparator()
        hook(m, codes)
    return m
