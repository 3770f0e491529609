"""The desk table: declarative columns, a QAbstractTableModel over DeskRows, a thin filter proxy.

Sorting and filtering are vectorised over precomputed keys (numpy), not done cell by cell in
Python, so a filter change or a sort over 10,000 rows stays within a frame.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable

from PySide6.QtCore import (
    QAbstractTableModel, QMimeData, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt, Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont

from app import labels
from app.codes import currency  # noqa: F401 - the one rule (table, print, target check); re-exported
from widgets.i18n import QT_TRANSLATE_NOOP as _N  # noqa: N814
from widgets.i18n import tr, translate

if TYPE_CHECKING:  # pragma: no cover
    from app.screening import DeskRow

MIME_CODES = "application/x-chainwatch-codes"
CodeRole = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    width: int
    display: Callable[[DeskRow, "DeskTableModel"], Any]
    sort: Callable[[DeskRow], Any]
    field: str | None = None         # the user field this column edits
    numeric: bool = False
    visible: bool = True
    group: str = "kb"                # kb | user | price
    tip: str = ""


def _themes(r: DeskRow, m: "DeskTableModel") -> str:
    return _sep(m).join(m.theme_title(t) for t in r.themes)


def _chain(r: DeskRow, m: "DeskTableModel") -> str:
    if m.script == "en":
        return r.chain_role_en
    if m.script == "hant":
        if r.chain_role_hant or not r.chain_role_zh:
            return r.chain_role_hant
        from app.text import to_hant
        return to_hant(r.chain_role_zh)
    return r.chain_role_zh


def _sep(m: "DeskTableModel") -> str:
    return ", " if m.script == "en" else "、"


def _customers(r: DeskRow, m: "DeskTableModel") -> str:
    return _sep(m).join(labels.hub_label(c, m.script) if c in labels.HUB_NAMES else m.ref_name(c)
                        for c in r.customers)


def _segments(r: DeskRow, m: "DeskTableModel") -> str:
    return _sep(m).join(labels.segment_label(s, m.script) for s in r.segments)


def _share(r: DeskRow, m: "DeskTableModel") -> str:
    return r.max_share_label or ("" if r.max_share is None else f"{r.max_share:g}%")


def _reports(r: DeskRow, m: "DeskTableModel") -> str:
    if not r.reports:
        return ""
    return f"{r.reports} (AI)" if r.ai_only else str(r.reports)


class _LazyNumpy:
    """numpy loads with the data, not before the first paint."""

    def __getattr__(self, name):
        import numpy

        globals()["np"] = numpy
        return getattr(numpy, name)


np = _LazyNumpy()
NAN = float("nan")


_ALIGN_NUMERIC = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_ALIGN_TEXT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)


def _italic() -> QFont:
    f = QFont()
    f.setItalic(True)
    return f


def _num(v: float | None, fmt: str) -> str:
    return "" if v is None or v != v else format(v, fmt)


def _target(r: DeskRow, m: "DeskTableModel") -> str:
    t = r.item.target_price if r.item else None
    return "" if t is None else f"{currency(r.code)} {t:,.2f}"


def _upside(r: DeskRow, missing=None):
    t = r.item.target_price if r.item else None
    last = r.prices.get("last") if r.prices else None
    if t is None or not last or last != last:
        return missing
    return (t / last - 1) * 100


def _price(key: str, fmt: str):
    return lambda r, m: _num(r.prices.get(key), fmt)


def _price_sort(key: str):
    return lambda r: r.prices.get(key, NAN)


COLUMNS: list[Column] = [
    Column("code", _N("Columns", "Code"), 92, lambda r, m: r.code, lambda r: r.code, tip=_N("Columns", "Canonical code")),
    Column("name", _N("Columns", "Name"), 120, lambda r, m: r.name(m.script), lambda r: r.pinyin or r.name_zh_hans),
    Column("exchange", _N("Columns", "Exch"), 44, lambda r, m: r.market, lambda r: r.market),
    Column("themes", _N("Columns", "Themes"), 220, _themes, lambda r: len(r.themes) and r.themes[0]),
    Column("chain", _N("Columns", "Chain role"), 260, _chain, lambda r: r.chain_role_en,
           tip=_N("Columns", "Segment → customer, share of orders; from the supplier chains")),
    Column("customers", _N("Columns", "Customers"), 110, _customers, lambda r: ",".join(r.customers), visible=False),
    Column("segments", _N("Columns", "Segments"), 140, _segments,
           lambda r: ",".join(r.segments), visible=False),
    Column("share", _N("Columns", "Share"), 56, _share, lambda r: NAN if r.max_share is None else r.max_share, numeric=True,
           tip=_N("Columns", "Largest share of a customer's orders the reports give")),
    Column("reports", _N("Columns", "Reports"), 60, _reports, lambda r: r.reports, numeric=True,
           tip=_N("Columns", "Reports naming it; (AI) = only the AI-compiled report")),
    Column("industry", _N("Columns", "Industry"), 90, lambda r, m: r.industry, lambda r: r.industry, visible=False),
    Column("last", _N("Columns", "Last"), 70, _price("last", ",.2f"), _price_sort("last"), numeric=True, group="price"),
    Column("chg", _N("Columns", "Chg %"), 60, _price("change_pct", "+.2f"), _price_sort("change_pct"), numeric=True, group="price"),
    Column("r1m", _N("Columns", "1M %"), 60, _price("ret_1m", "+.1f"), _price_sort("ret_1m"), numeric=True, group="price"),
    Column("r3m", _N("Columns", "3M %"), 60, _price("ret_3m", "+.1f"), _price_sort("ret_3m"), numeric=True, group="price"),
    Column("ytd", _N("Columns", "YTD %"), 60, _price("ret_ytd", "+.1f"), _price_sort("ret_ytd"), numeric=True, group="price"),
    Column("dd", _N("Columns", "Drawdown %"), 76, _price("drawdown", ".1f"), _price_sort("drawdown"), numeric=True, group="price",
           visible=False),
    Column("tags", _N("Columns", "Tags"), 110, lambda r, m: ", ".join(r.tags), lambda r: ",".join(r.tags), field="tags",
           group="user", tip=_N("Columns", "Comma-separated; edit in place")),
    Column("rating", _N("Columns", "Rating"), 72, lambda r, m: "★" * r.rating if r.rating else "",
           lambda r: NAN if r.rating is None else r.rating, field="rating", numeric=True, group="user",
           tip=_N("Columns", "1 to 5")),
    Column("target", _N("Columns", "Target"), 96, _target,
           lambda r: NAN if not r.item or r.item.target_price is None else r.item.target_price,
           field="target_price", numeric=True, group="user", tip=_N("Columns", "Your target price, in the listing's currency")),
    Column("upside", _N("Columns", "Upside %"), 70, lambda r, m: _num(_upside(r), "+.1f"), lambda r: _upside(r, NAN),
           numeric=True, group="price", tip=_N("Columns", "Target price against the last close")),
    Column("notes", _N("Columns", "Notes"), 200, lambda r, m: r.item.notes if r.item else "",
           lambda r: r.item.notes if r.item else "", field="notes", group="user"),
    Column("added", _N("Columns", "Added"), 84, lambda r, m: r.item.added_at.date().isoformat() if r.item and r.item.added_at else "",
           lambda r: r.item.added_at.isoformat() if r.item and r.item.added_at else "", group="user", visible=False),
]
COLUMN_INDEX = {c.key: i for i, c in enumerate(COLUMNS)}


def _rank(values: list[Any], numeric: bool) -> np.ndarray:
    """Sort keys as float ranks; missing values become NaN (kept last in either direction)."""
    if numeric:
        return np.array([NAN if v is None else float(v) for v in values], dtype=float)
    arr = np.array(["" if v is None else str(v) for v in values], dtype=str)
    _, inv = np.unique(arr, return_inverse=True)
    out = inv.astype(float)
    out[arr == ""] = np.nan
    return out


class _EmptyRows:
    rows: list = []

    def __len__(self) -> int:
        return 0


class DeskTableModel(QAbstractTableModel):
    """Rows of the current view in display order; edits go out as requests (for undo)."""

    editRequested = Signal(str, str, object)  # code, field, value
    dropRequested = Signal(list, int)         # codes, target row (before which to insert)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rs = _EmptyRows()
        self.order: Any = ()                  # display position -> row index in rs (numpy array)
        self._mask: Any = ()                  # by row index in rs (numpy bool array)
        self.accept_list: list[bool] = []     # mask by display position
        self.editable = False
        self.script = "hans"
        self.sort_keys: list[tuple[int, Qt.SortOrder]] = []
        self._keys: dict[int, np.ndarray] = {}
        self.theme_title: Callable[[str], str] = lambda t: t
        self.ref_name: Callable[[str], str] = lambda r: r
        self.show_prices = False
        self.snapshot: list[dict] | None = None   # start-up snapshot rows, shown until the live rows come

    # ---- content
    def show_snapshot(self, rows: list[dict]) -> None:
        """Show the start-up snapshot (widgets/startup_snapshot.py): display only, read-only, no numpy."""
        self.beginResetModel()
        self.snapshot = rows
        self.rs = _EmptyRows()
        self.order = range(len(rows))
        self.accept_list = [True] * len(rows)
        self.editable = False
        self.endResetModel()

    def _snapshot_data(self, index, role):
        r = self.snapshot[index.row()] if self.snapshot is not None else {}
        c = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            cells = r.get("cells") or ()
            return cells[index.column()] if index.column() < len(cells) else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _ALIGN_NUMERIC if c.numeric else _ALIGN_TEXT
        if role == Qt.ItemDataRole.ForegroundRole:
            col = (r.get("fg") or {}).get(str(index.column()))
            return QBrush(QColor(col)) if col else None
        if role == Qt.ItemDataRole.FontRole and c.key == "code" and r.get("italic"):
            return _italic()
        if role == CodeRole:
            return r.get("code")
        return None

    def set_rows(self, rows: list[DeskRow], editable: bool) -> None:
        from app.screening import RowSet

        self.beginResetModel()
        self.snapshot = None
        self.rs = RowSet(rows)
        self.editable = editable
        self._keys.clear()
        self._mask = np.ones(len(rows), dtype=bool)
        self.order = self._sorted_order()
        self._sync_accept()
        self.endResetModel()

    def row_at(self, position: int) -> DeskRow:
        return self.rs.rows[int(self.order[position])]

    def code_at(self, position: int) -> str:
        if self.snapshot is not None:
            return str(self.snapshot[position].get("code") or "")
        return self.row_at(position).code

    def position_of(self, code: str) -> int | None:
        for pos, i in enumerate(self.order):
            if self.rs.rows[int(i)].code == code:
                return pos
        return None

    def replace_row(self, row: DeskRow) -> None:
        """One row changed (a user field): update it in place and tell the views."""
        for i, r in enumerate(self.rs.rows):
            if r.code == row.code:
                self.rs.rows[i] = row
                self.rs.search[i] = self.rs.search[i]  # codes and names do not change on edit
                self.rs.rating[i] = NAN if row.rating is None else row.rating
                self.rs.tags[i] = frozenset(t.lower() for t in row.tags)
                self._keys.clear()
                pos = int(np.flatnonzero(self.order == i)[0])
                self.dataChanged.emit(self.index(pos, 0), self.index(pos, len(COLUMNS) - 1))
                return

    def set_script(self, script: str) -> None:
        self.script = script
        self._keys.pop(COLUMN_INDEX["name"], None)
        self._keys.pop(COLUMN_INDEX["themes"], None)
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, len(COLUMNS) - 1))

    # ---- sorting (multi-column)
    def _key(self, col: int) -> np.ndarray:
        k = self._keys.get(col)
        if k is None:
            c = COLUMNS[col]
            k = _rank([c.sort(r) for r in self.rs.rows], c.numeric)
            self._keys[col] = k
        return k

    def _sorted_order(self) -> np.ndarray:
        n = len(self.rs)
        if not self.sort_keys or n == 0:
            return np.arange(n)
        keys = []
        for col, order in reversed(self.sort_keys):  # lexsort: last key is primary
            k = self._key(col)
            missing = np.isnan(k)
            v = np.where(missing, 0.0, k)
            if order == Qt.SortOrder.DescendingOrder:
                v = -v
            keys.append(v)
            keys.append(missing)  # missing values last, whatever the direction
        return np.lexsort(keys)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if column < 0:
            self.set_sort_keys([])
            return
        self.set_sort_keys([(column, order)])

    def set_sort_keys(self, keys: list[tuple[int, Qt.SortOrder]]) -> None:
        self.sort_keys = list(keys)
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        old_rows = [int(self.order[i.row()]) for i in old]
        self.order = self._sorted_order()
        self._sync_accept()
        inverse = np.empty_like(self.order)
        inverse[self.order] = np.arange(len(self.order))
        self.changePersistentIndexList(old, [self.index(int(inverse[r]), i.column())
                                             for r, i in zip(old_rows, old)])
        self.layoutChanged.emit()

    def accepts(self, position: int) -> bool:
        return bool(self.mask[self.order[position]])

    @property
    def mask(self):
        return self._mask

    @mask.setter
    def mask(self, value) -> None:
        self._mask = value
        self._sync_accept()

    def _sync_accept(self) -> None:
        """The filter as a plain list by display position: what the proxy reads per row."""
        self.accept_list = self._mask[self.order].tolist() if len(self.order) else []

    # ---- Qt model API
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.order)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            c = COLUMNS[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return tr(c.title)
            if role == Qt.ItemDataRole.ToolTipRole:
                return tr(c.tip) or None
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return str(section + 1)
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self.order)) or not (0 <= index.column() < len(COLUMNS)):
            return None
        if self.snapshot is not None:
            return self._snapshot_data(index, role)
        r = self.row_at(index.row())
        c = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return c.display(r, self)
        if role == Qt.ItemDataRole.EditRole:
            if c.field == "tags":
                return ", ".join(r.tags)
            if c.field == "rating":
                return r.rating or 0
            if c.field == "target_price":
                return "" if not r.item or r.item.target_price is None else f"{r.item.target_price:g}"
            if c.field == "notes":
                return r.item.notes if r.item else ""
            return c.display(r, self)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _ALIGN_NUMERIC if c.numeric else _ALIGN_TEXT
        if role == Qt.ItemDataRole.ToolTipRole:
            if c.key in ("name", "code"):
                return f"{r.name_zh_hans} / {r.name_zh_hant} / {r.name_en}".strip(" /")
            if c.key == "chain" and r.chain_role_en:
                return r.chain_role_zh
            if c.key == "reports" and r.ai_only:
                return translate("Columns", "Only the AI-compiled report (002) names it; it cites no sources")
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            if c.key == "reports" and r.ai_only:
                return QBrush(QColor("#9a6700"))
            if c.group == "price" and c.key in ("chg", "r1m", "r3m", "ytd"):
                v = c.sort(r)
                if v == v and v:
                    # Chinese convention: red up, green down
                    return QBrush(QColor("#c62828") if v > 0 else QColor("#2e7d32"))
            return None
        if role == Qt.ItemDataRole.FontRole and c.key == "code" and not r.in_kb:
            return _italic()
        if role == CodeRole:
            return r.code
        return None

    def flags(self, index):
        f = super().flags(index)
        if self.snapshot is not None:
            return f & ~Qt.ItemFlag.ItemIsSelectable
        if not index.isValid():
            return f | Qt.ItemFlag.ItemIsDropEnabled if self.editable else f
        f |= Qt.ItemFlag.ItemIsDragEnabled
        if self.editable and COLUMNS[index.column()].field:
            f |= Qt.ItemFlag.ItemIsEditable
        return f

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole):
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or not self.editable:
            return False
        c = COLUMNS[index.column()]
        if not c.field:
            return False
        self.editRequested.emit(self.row_at(index.row()).code, c.field, value)
        return True

    # ---- drag and drop (codes as JSON)
    def supportedDropActions(self):
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def supportedDragActions(self):
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def mimeTypes(self):
        return [MIME_CODES]

    def mimeData(self, indexes):
        codes = list(dict.fromkeys(self.row_at(i.row()).code for i in indexes if i.isValid()))
        md = QMimeData()
        md.setData(MIME_CODES, json.dumps(codes).encode())
        md.setText("\n".join(codes))
        return md

    def canDropMimeData(self, data, action, row, column, parent):
        return self.editable and data.hasFormat(MIME_CODES)

    def dropMimeData(self, data, action, row, column, parent):
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        codes = json.loads(bytes(data.data(MIME_CODES)).decode())
        target = parent.row() if parent.isValid() else (row if row >= 0 else self.rowCount())
        self.dropRequested.emit(codes, target)
        return False  # the controller moves the rows; Qt must not remove the dragged ones


class ScreenProxy(QSortFilterProxyModel):
    """Filters by the model's precomputed mask; sorting is delegated to the source model."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._model: DeskTableModel | None = None

    def setSourceModel(self, model) -> None:
        self._model = model  # a plain Python reference: no wrapper round-trip per row
        super().setSourceModel(model)

    def filterAcceptsRow(self, source_row, source_parent):
        acc = self._model.accept_list
        return acc[source_row] if source_row < len(acc) else True

    def sort(self, column, order=Qt.SortOrder.AscendingOrder):
        self.sourceModel().sort(column, order)

    def refilter(self) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt >= 6.10
            self.beginFilterChange()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:  # pragma: no cover - older Qt
            self.invalidateRowsFilter()

    def codes(self, proxy_rows) -> list[str]:
        m: DeskTableModel = self.sourceModel()
        return [m.code_at(self.mapToSource(self.index(r, 0)).row()) for r in proxy_rows]


def persistent(index) -> QPersistentModelIndex:  # pragma: no cover - convenience
    return QPersistentModelIndex(index)
