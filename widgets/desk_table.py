"""The desk's table view: Code and Name frozen on the left, columns fitted to their content,
type-to-jump by code / pinyin initials / name (as in Wind and Futu), a right-click menu on rows.

The frozen part is a second view over the same model and selection laid over the left edge (the
Qt "frozen column" pattern); it scrolls vertically with the main view and never horizontally.
"""

from __future__ import annotations

import time
from contextlib import contextmanager
from typing import Callable

from PySide6.QtCore import QPoint, Qt, QTimer, Signal
from PySide6.QtWidgets import QAbstractItemView, QApplication, QHeaderView, QMenu, QStyle, QTableView

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
        from widgets.rating_editor import RatingDelegate

        self.rating_delegate = RatingDelegate(self)  # none or 1-5 stars, never a free number
        self.setItemDelegateForColumn(r, self.rating_delegate)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.DefaultContextMenu)
        self._typed = ""
        self._typed_at = 0.0
        self._fitted: dict[int, int] = {}  # column -> width after fit_columns
        self._content: dict[int, int] = {}  # column -> width of its content (uncapped)
        self._user: set[int] = set()  # columns sized by hand since the last fit
        self._sizing = 0  # > 0 while the table sets widths itself

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
        self.frozen.horizontalScrollBar().valueChanged.connect(self._frozen_scrolled)
        self.verticalScrollBar().valueChanged.connect(self.frozen.verticalScrollBar().setValue)
        hdr.sectionResized.connect(self._section_resized)
        hdr.sectionResized.connect(self._by_hand)
        hdr.sectionHandleDoubleClicked.connect(lambda c: self._user.add(c))  # the view fits it to its content
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
        """The overlay over the main view's Code and Name exactly: its viewport as wide as the two
        columns (its right border drawn beyond them, over the main view), its top at the header's,
        its rows at the main viewport's rows."""
        fz = self.frozen
        border = fz.rect().width() - fz.contentsRect().width()  # the overlay's right border (style sheet)
        vp = self.viewport().geometry()
        top = self.horizontalHeader().geometry().y() if self.horizontalHeader().isVisible() else vp.y()
        fz.setGeometry(vp.x(), top, self.frozen_width() + border, vp.bottom() + 1 - top)
        fz.horizontalHeader().setFixedHeight(vp.y() - top)

    def _frozen_scrolled(self, value: int) -> None:
        # the frozen view never scrolls sideways (a click or the cursor on Name would shift it)
        if value:
            self.frozen.horizontalScrollBar().setValue(0)

    def resizeEvent(self, e):
        super().resizeEvent(e)
        if e.size().width() != e.oldSize().width():
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
    # Fitted columns (View > Fit columns, or at start without a saved layout) are laid out again
    # whenever the table's width changes: each at its fitted width, then the spare width to the
    # columns whose content is cut (themes, chain role, ...) up to their content, smallest need
    # first; only what is left over goes to Notes (else the last column): no blank strip at the
    # right, no horizontal scroll bar for a few pixels. A column the user sized by hand keeps
    # its width, in a layout restored from the settings too.
    def fit_columns(self, keep_by_hand: bool = False) -> None:
        """Each visible column as wide as its content (header included), within a per-column cap;
        with ``keep_by_hand`` (at start, on a restored layout) the columns sized by hand keep theirs."""
        if not keep_by_hand:
            self._user.clear()
        self._fitted.clear()
        self._content.clear()
        with self._auto_sizing():
            for i, c in enumerate(COLUMNS):
                if self.isColumnHidden(i) or i in self._user:
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
        relayout = False
        with self._auto_sizing():
            for key in keys:
                i = COLUMN_INDEX.get(key)
                if i is None or self.isColumnHidden(i):
                    continue
                content = self._content_width(i, 400)
                w = min(content, MAX_FIT.get(key, 260))
                if i in self._fitted and i not in self._user:
                    self._content[i] = max(content, self._content.get(i, 0))
                    self._fitted[i] = max(w, self._fitted[i])
                    relayout = True
                elif w > self.columnWidth(i):
                    self.setColumnWidth(i, w)
        if relayout:
            self.distribute_space()
        self.sync_frozen()

    def usable_width(self) -> int:
        """The viewport's width once the rows are laid out: less the vertical scroll bar when the
        rows will need one and it is not shown yet (right after a fill, before the layout)."""
        w = self.viewport().width()
        sb = self.verticalScrollBar()
        if not sb.isVisible() and self.verticalScrollBarPolicy() != Qt.ScrollBarPolicy.ScrollBarAlwaysOff:
            rows = self.model().rowCount() if self.model() is not None else 0
            if rows * self.verticalHeader().defaultSectionSize() > self.viewport().height():
                w -= self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, sb)
        return w

    def distribute_space(self) -> None:
        """Lay the fitted columns out in the table's width (see above)."""
        if not self._fitted:
            return
        shown = [i for i in range(len(COLUMNS)) if not self.isColumnHidden(i)]
        auto = [i for i in shown if i in self._fitted and i not in self._user]
        if not auto:
            return
        fixed = sum(self.columnWidth(i) for i in shown if i not in auto)
        spare = self.usable_width() - fixed - sum(self._fitted[i] for i in auto)
        width = {i: self._fitted[i] for i in auto}
        needs = sorted((self._content.get(i, 0) - width[i], i) for i in auto if self._content.get(i, 0) > width[i])
        for n, (need, i) in enumerate(needs):  # smallest need first; the rest share what is left evenly
            if spare <= 0:
                break
            give = min(need, spare // (len(needs) - n))
            width[i] += give
            spare -= give
        if spare > 0:
            hdr = self.horizontalHeader()
            notes = COLUMN_INDEX["notes"]
            last = notes if notes in auto else max(auto, key=hdr.visualIndex)
            if last not in self._frozen_cols():
                width[last] += spare
        with self._auto_sizing():
            for i, w in width.items():
                if self.columnWidth(i) != w:
                    self.setColumnWidth(i, w)

    def by_hand(self) -> list[str]:
        """The keys of the columns sized by hand (saved with the header layout)."""
        return [COLUMNS[i].key for i in sorted(self._user)]

    def set_by_hand(self, keys) -> None:
        """After a header layout is restored: the columns sized by hand. ``None`` (a layout saved
        before this was kept) keeps every width as restored."""
        if keys is None:
            self._user = set(range(len(COLUMNS)))
        else:
            self._user = {COLUMN_INDEX[k] for k in keys if k in COLUMN_INDEX}

    @contextmanager
    def _auto_sizing(self):
        self._sizing += 1
        try:
            yield
        finally:
            self._sizing -= 1

    def _by_hand(self, col: int, old: int, new: int) -> None:
        """A section resized by the user (a drag on the header, a double-click on its edge) keeps
        its width; a column shown or hidden lays the fitted ones out again."""
        if self._sizing:
            return
        if old == 0 or new == 0:
            if self._fitted:
                QTimer.singleShot(0, self, self.distribute_space)
        else:  # the table's own sizing is above: this is a drag on the header, a double-click on its edge
            self._user.add(col)

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
