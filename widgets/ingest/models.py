"""Item models over one :class:`app.ingest.model.Proposal`: companies, supplier edges, links (tables)
and themes with their members (a tree). The models edit the proposal's dataclasses in place; the
review window reads the decisions back from the same objects when the user applies.

Column 0 of every model is the accept check box (Checked = accept, Unchecked = reject). ``SortRole``
gives raw values (numbers for confidence, share, mentions) so a proxy sorts numerically.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Sequence

from PySide6.QtCore import QAbstractItemModel, QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from app import labels
from app.domain import SEGMENTS
from app.ingest.apply import RELATIONS as _RELATIONS, SHARE_OF as _SHARE_OF, STATUSES as _STATUSES
from app.ingest.model import ACCEPT, REJECT, MemberProposal, ThemeProposal
from widgets.contrast import ink_on
from widgets.i18n import QT_TRANSLATE_NOOP as _N  # noqa: N814
from widgets.i18n import current_script, tr, translate
from widgets.ingest.reasons import reason

SortRole = Qt.ItemDataRole.UserRole + 10
SpanRole = Qt.ItemDataRole.UserRole + 11      # (start, end) of the row's quote in the text
EditorRole = Qt.ItemDataRole.UserRole + 12    # which editor the delegate opens: "segment", "status", …
ChoicesRole = Qt.ItemDataRole.UserRole + 13   # [(label, value)] for combo editors

DEFAULT_MIN_CONFIDENCE = 0.6   # the CLI's --apply default (app.ingest.apply.apply)
STATUSES = {s: s for s in _STATUSES}
QUALIFIERS = {"": "", ">": "> (超/逾)", "~": "~ (约/近)", "=": _N("Review", "= (exact)")}
SHARE_OF = {"": "", **{s: s for s in _SHARE_OF if s}}
RELATIONS = {r: r.replace("_", " ") for r in _RELATIONS}
CHOICES = {"segment": SEGMENTS, "status": STATUSES, "share_qualifier": QUALIFIERS, "share_of": SHARE_OF,
           "relation": RELATIONS}

ARGUED_BG = QColor("#fde2c4")
WEAK_BG = QColor("#fff3cd")
REJECTED_FG = QColor("#9a9a9a")
REJECTED_ON_LIGHT = QColor("#5f5f5f")   # a rejected row on a light highlight: grey, and still readable


def _ink(background: QColor | None, rejected: bool) -> QBrush | None:
    """The text colour of a row: on a light highlight (argued, weak) a dark ink in either theme (the
    palette's light text of the dark theme would vanish on it); rejected rows grey."""
    if background is None:
        return QBrush(REJECTED_FG) if rejected else None
    return QBrush(REJECTED_ON_LIGHT if rejected else ink_on(background))
_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


def default_decision(item: Any, theme: Any = None) -> str:
    """What the CLI's ``ingest --apply`` would write for an unreviewed item (app.ingest.apply's
    defaults): a company, edge or link that is not weak and reaches the minimum confidence; an existing
    theme scoring ≥ 0.5 (never a new one); a member of an accepted theme."""
    from app.ingest.apply import accepted

    if isinstance(item, ThemeProposal):
        return ACCEPT if not item.new and item.score >= 0.5 else REJECT
    if isinstance(item, MemberProposal):
        return ACCEPT if theme is None or theme.decision == ACCEPT else REJECT
    return ACCEPT if accepted(item, True, DEFAULT_MIN_CONFIDENCE) else REJECT


def pct(v: float | None) -> str:
    return "" if v is None else f"{v:g} %"


@dataclass
class Col:
    key: str
    title: str
    show: Callable[[Any], Any]                   # display text
    sort: Callable[[Any], Any] | None = None     # raw value for sorting (default: the text)
    edit: str | None = None                      # editor kind; None = read-only
    set: Callable[[Any, Any], bool] | None = None
    tip: Callable[[Any], str] | None = None
    width: int = 100


class ProposalTable(QAbstractTableModel):
    """Rows are proposal dataclasses with a ``decision`` field; columns are :class:`Col` specs."""

    decisionsChanged = Signal()

    def __init__(self, items: list, columns: Sequence[Col], parent=None):
        super().__init__(parent)
        self.items = items
        self.columns = list(columns)
        # party_setter(item, field, text) -> bool: resolve a typed code/name (set by the review window)
        self.party_setter: Callable[[Any, str, str], bool] | None = None
        self.script: Callable[[], str] = current_script   # the names' and labels' script (hans, hant, en)

    # ---- shape
    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            if role == Qt.ItemDataRole.DisplayRole:
                return tr(self.columns[section].title)
            if role == Qt.ItemDataRole.ToolTipRole and section == 0:
                return translate("Review", "Accept (checked) or reject (unchecked); Space toggles the selected rows")
        elif orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return section + 1
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        f = _FLAGS
        c = self.columns[index.column()]
        if index.column() == 0:
            f |= Qt.ItemFlag.ItemIsUserCheckable
        if self._setter(c) is not None:
            f |= Qt.ItemFlag.ItemIsEditable
        return f

    def _setter(self, c: Col):
        if c.set is not None:
            return c.set
        if c.edit == "party" and self.party_setter is not None:
            return lambda item, value: self.party_setter(item, c.key, value)
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self.items)):
            return None
        item = self.items[index.row()]
        c = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            v = c.show(item)
            return "" if v is None else str(v)
        if role == Qt.ItemDataRole.EditRole:
            if c.edit in CHOICES:
                return getattr(item, c.key, None) or ""
            if c.edit == "number":
                v = getattr(item, c.key, None)
                return "" if v is None else f"{v:g}"
            if c.edit == "party":
                return getattr(item, c.key, "")
            return c.show(item)
        if role == Qt.ItemDataRole.CheckStateRole and index.column() == 0:
            return Qt.CheckState.Checked if item.decision == ACCEPT else Qt.CheckState.Unchecked
        if role == SortRole:
            if index.column() == 0:
                return 1 if item.decision == ACCEPT else 0
            v = c.sort(item) if c.sort else c.show(item)
            return -1.0 if v is None else v
        if role == SpanRole:
            return _span(item)
        if role == EditorRole:
            return c.edit
        if role == ChoicesRole and c.edit in CHOICES:
            return [(choice_label(c.edit, value, self.script()), value) for value in CHOICES[c.edit]]
        if role == Qt.ItemDataRole.ToolTipRole:
            if c.tip:
                return c.tip(item)
            text = c.show(item)
            return str(text) if text and len(str(text)) > 20 else None
        if role == Qt.ItemDataRole.BackgroundRole:
            if getattr(item, "argued", False):
                return QBrush(ARGUED_BG)
            if getattr(item, "weak", False):
                return QBrush(WEAK_BG)
        if role == Qt.ItemDataRole.ForegroundRole:
            bg = ARGUED_BG if getattr(item, "argued", False) else WEAK_BG if getattr(item, "weak", False) else None
            return _ink(bg, item.decision != ACCEPT)
        return None

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole):
        if not index.isValid():
            return False
        item = self.items[index.row()]
        if role == Qt.ItemDataRole.CheckStateRole and index.column() == 0:
            state = Qt.CheckState(value) if not isinstance(value, Qt.CheckState) else value
            self.set_decision(index.row(), ACCEPT if state == Qt.CheckState.Checked else REJECT)
            return True
        if role != Qt.ItemDataRole.EditRole:
            return False
        setter = self._setter(self.columns[index.column()])
        if setter is None or not setter(item, value):
            return False
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), self.columnCount() - 1))
        return True

    # ---- decisions
    def set_decision(self, row: int, decision: str) -> None:
        item = self.items[row]
        if item.decision == decision:
            return
        item.decision = decision
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))
        self.decisionsChanged.emit()

    def accept_at_least(self, threshold: float) -> int:
        """Accept every row with confidence ≥ threshold; returns how many changed."""
        n = 0
        for row, item in enumerate(self.items):
            if getattr(item, "confidence", 0.0) >= threshold - 1e-9 and item.decision != ACCEPT:
                item.decision = ACCEPT
                n += 1
        if n and self.items:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.items) - 1, self.columnCount() - 1))
            self.decisionsChanged.emit()
        return n

    def column(self, key: str) -> int:
        return next(i for i, c in enumerate(self.columns) if c.key == key)

    def refresh(self) -> None:
        if self.items:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.items) - 1, self.columnCount() - 1))


def _span(item: Any) -> tuple[int, int] | None:
    mentions = getattr(item, "mentions", None)
    if mentions:
        m = mentions[0]
        return (m.start, m.end)
    if hasattr(item, "start") and hasattr(item, "end"):
        return (item.start, item.end)
    return None


# ---- the column sets ------------------------------------------------------------------------------

def _choice_setter(key: str, allowed: dict, empty_is_none: bool = False):
    def setter(item, value) -> bool:
        value = "" if value is None else str(value)
        if value not in allowed:
            return False
        setattr(item, key, (value or None) if empty_is_none else value)
        return True
    return setter


def _pct_setter(attr: str):
    """A percentage cell (0–100, "45%" or "45"; empty = none) written to ``item.<attr>``."""
    def setter(item, value) -> bool:
        if value in (None, ""):
            setattr(item, attr, None)
            return True
        try:
            v = float(str(value).replace("%", "").strip())
        except ValueError:
            return False
        if not 0 <= v <= 100:
            return False
        setattr(item, attr, v)
        return True
    return setter


_set_share = _pct_setter("share_pct")
_set_stake = _pct_setter("stake_pct")


def _share(e) -> str:
    if e.share_pct is None:
        return ""
    q = {">": "> ", "~": "~ "}.get(e.share_qualifier or "", "")
    return q + pct(e.share_pct)


def choice_label(kind: str, value: str, script: str) -> str:
    """The label of a vocabulary value (segment, status, share basis, relation) in ``script``."""
    if not value:
        return ""
    if kind == "segment":
        return labels.segment_label(value, script)
    if kind == "status":
        return labels.status_label(value, script)
    if kind == "share_of":
        return labels.share_of_label(value, script)
    if kind == "relation":
        return labels.relation_label(value, script)
    return tr(CHOICES.get(kind, {}).get(value, value))


def _argued(item) -> str:
    return translate("Review", "⚠ argued") if item.argued else ""


ARGUED_TIP = _N("Review", "The sentence argues, hopes or guesses (可能, 有望, 或将, 若 …): not a stated fact")


def _argued_tip(item) -> str:
    return tr(ARGUED_TIP) if item.argued else ""


def company_columns(name_of: Callable[[str], str], script: Callable[[], str] = current_script) -> list[Col]:
    return [
        Col("decision", "✓", lambda c: "", width=34),
        Col("ref", _N("Review", "Code / id"), lambda c: c.ref, edit="party", width=96,
            tip=lambda c: translate("Review", "Double-click (or F2) to change the company this resolves to")),
        Col("name", _N("Review", "Name"), lambda c: c.name + (f"  {c.name_en}" if c.name_en else ""), width=190),
        Col("exchange", _N("Review", "Exch."), lambda c: c.exchange or (translate("Review", "unlisted") if not c.listed else ""), width=60),
        Col("mentions", _N("Review", "Mentions"), lambda c: len(c.mentions), sort=lambda c: len(c.mentions), width=66),
        Col("confidence", _N("Review", "Conf."), lambda c: f"{c.confidence:.2f}", sort=lambda c: c.confidence, width=54),
        Col("weak", _N("Review", "Weak"), lambda c: translate("Review", "weak") if c.weak else "", width=50,
            tip=lambda c: reason(c.reason) if c.weak else ""),
        Col("known", _N("Review", "In KB"), lambda c: translate("Review", "yes") if c.known else translate("Review", "new"), width=50,
            tip=lambda c: translate("Review", "Already in the knowledge base") if c.known
            else translate("Review", "New to the desk: added with the report")),
        Col("reason", _N("Review", "Reason"), lambda c: reason(c.reason), width=320),
    ]


def edge_columns(name_of: Callable[[str], str], script: Callable[[], str] = current_script) -> list[Col]:
    return [
        Col("decision", "✓", lambda e: "", width=34),
        Col("supplier", _N("Review", "Supplier"), lambda e: name_of(e.supplier), edit="party", width=120,
            tip=lambda e: e.supplier),
        Col("customer", _N("Review", "Customer"), lambda e: name_of(e.customer), edit="party", width=110,
            tip=lambda e: e.customer),
        Col("segment", _N("Review", "Segment"), lambda e: choice_label("segment", e.segment, script()), edit="segment",
            set=_choice_setter("segment", SEGMENTS), width=150),
        Col("status", _N("Review", "Status"), lambda e: choice_label("status", e.status, script()), edit="status", set=_choice_setter("status", STATUSES), width=80),
        Col("argued", _N("Review", "Argued"), _argued, sort=lambda e: int(e.argued), width=80, tip=_argued_tip),
        Col("share_pct", _N("Review", "Share"), _share, sort=lambda e: e.share_pct, edit="number",
            set=_set_share, width=66, tip=lambda e: translate("Review", "The figure as stated in the quote (edit: 0–100, empty = none)")),
        Col("share_qualifier", _N("Review", "Qual."), lambda e: e.share_qualifier or "", edit="share_qualifier",
            set=_choice_setter("share_qualifier", QUALIFIERS, True), width=44,
            tip=lambda e: translate("Review", "How the share is qualified: > 超/逾, ~ 约/近, = exact")),
        Col("share_of", _N("Review", "Share of"), lambda e: choice_label("share_of", e.share_of or "", script()), edit="share_of",
            set=_choice_setter("share_of", SHARE_OF, True), width=72),
        Col("confidence", _N("Review", "Conf."), lambda e: f"{e.confidence:.2f}", sort=lambda e: e.confidence, width=54),
        Col("quote", _N("Review", "Quote"), lambda e: e.quote, width=420, tip=lambda e: e.context or e.quote),
        Col("reason", _N("Review", "Reason"), lambda e: reason(e.reason), width=260),
    ]


def link_columns(name_of: Callable[[str], str], script: Callable[[], str] = current_script) -> list[Col]:
    return [
        Col("decision", "✓", lambda x: "", width=34),
        Col("source", _N("Review", "From"), lambda x: name_of(x.source), edit="party", width=120, tip=lambda x: x.source),
        Col("relation", _N("Review", "Relation"), lambda x: choice_label("relation", x.relation, script()), edit="relation",
            set=_choice_setter("relation", RELATIONS), width=100),
        Col("target", _N("Review", "To"), lambda x: name_of(x.target), edit="party", width=120, tip=lambda x: x.target),
        Col("stake_pct", _N("Review", "Stake"), lambda x: pct(x.stake_pct), sort=lambda x: x.stake_pct, edit="number",
            set=_set_stake, width=62),
        Col("argued", _N("Review", "Argued"), _argued, sort=lambda x: int(x.argued), width=80,
            tip=_argued_tip),
        Col("confidence", _N("Review", "Conf."), lambda x: f"{x.confidence:.2f}", sort=lambda x: x.confidence, width=54),
        Col("quote", _N("Review", "Quote"), lambda x: x.quote, width=420, tip=lambda x: x.context or x.quote),
        Col("reason", _N("Review", "Reason"), lambda x: reason(x.reason), width=260),
    ]


# ---- themes and members: a two-level tree ------------------------------------------------------

class ThemesModel(QAbstractItemModel):
    """Top level: proposed themes (existing matched / new); children: their member proposals."""

    decisionsChanged = Signal()
    HEADERS = ("✓", _N("Review", "Theme / member"), _N("Review", "Kind / role"), _N("Review", "Conf."),
               _N("Review", "Quote / reason"))

    def __init__(self, themes: list, name_of: Callable[[str], str], parent=None):
        super().__init__(parent)
        self.themes = themes
        self.name_of = name_of

    # internalId: 0 for a theme row, theme_row + 1 for a member row
    def index(self, row, column, parent=QModelIndex()):
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, 0)
        if parent.internalId() == 0:
            return self.createIndex(row, column, parent.row() + 1)
        return QModelIndex()

    def parent(self, index=QModelIndex()):
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, 0)

    def rowCount(self, parent=QModelIndex()):
        if not parent.isValid():
            return len(self.themes)
        if parent.internalId() == 0 and parent.column() == 0:
            return len(self.themes[parent.row()].members)
        return 0

    def columnCount(self, parent=QModelIndex()):
        return len(self.HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self.HEADERS):
            return tr(self.HEADERS[section])
        return None

    def item(self, index):
        if not index.isValid():
            return None
        if index.internalId() == 0:
            return self.themes[index.row()]
        return self.themes[index.internalId() - 1].members[index.row()]

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        f = _FLAGS
        if index.column() == 0:
            f |= Qt.ItemFlag.ItemIsUserCheckable
        if index.internalId() == 0 and index.column() == 1 and self.themes[index.row()].new:
            f |= Qt.ItemFlag.ItemIsEditable      # a new theme's title
        return f

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        it = self.item(index)
        if it is None:
            return None
        col = index.column()
        is_theme = index.internalId() == 0
        if role == Qt.ItemDataRole.EditRole and is_theme and col == 1:
            return it.title_zh
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if is_theme:
                title = f"{it.title_zh} · {it.title_en}" if it.title_en else it.title_zh
                kind = translate("Review", "new theme") if it.new else translate("Review", "existing theme")
                why = reason(it.reason) + (translate("Review", " (heading “{heading}”)").format(heading=it.heading)
                                           if it.heading else "")
                return ["", title, kind, f"{it.score:.2f}", why][col]
            return ["", self.name_of(it.ref), it.role or translate("Review", "member"), f"{it.confidence:.2f}",
                    (translate("Review", "⚠ argued") + " · " if it.argued else "") + it.quote][col]
        if role == Qt.ItemDataRole.CheckStateRole and col == 0:
            return Qt.CheckState.Checked if it.decision == ACCEPT else Qt.CheckState.Unchecked
        if role == SortRole:
            if col == 3:
                return it.score if is_theme else it.confidence
            return self.data(index, Qt.ItemDataRole.DisplayRole)
        if role == SpanRole and not is_theme:
            return (it.start, it.end)
        if role == Qt.ItemDataRole.ToolTipRole and col == 4:
            return reason(it.reason) if is_theme else f"{it.quote}\n\n{reason(it.reason)}"
        if role == Qt.ItemDataRole.BackgroundRole and not is_theme and it.argued:
            return QBrush(ARGUED_BG)
        if role == Qt.ItemDataRole.ForegroundRole:
            parent_rejected = not is_theme and self.themes[index.internalId() - 1].decision != ACCEPT
            return _ink(ARGUED_BG if not is_theme and it.argued else None, it.decision != ACCEPT or parent_rejected)
        if role == Qt.ItemDataRole.FontRole and is_theme:
            from PySide6.QtGui import QFont
            f = QFont()
            f.setBold(True)
            return f
        return None

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole):
        it = self.item(index)
        if it is None:
            return False
        if role == Qt.ItemDataRole.CheckStateRole and index.column() == 0:
            state = Qt.CheckState(value) if not isinstance(value, Qt.CheckState) else value
            self.set_decision(index, ACCEPT if state == Qt.CheckState.Checked else REJECT)
            return True
        if role == Qt.ItemDataRole.EditRole and index.internalId() == 0 and index.column() == 1 and it.new:
            text = str(value).strip()
            if not text:
                return False
            it.title_zh = text
            self.dataChanged.emit(index, index)
            return True
        return False

    def set_decision(self, index, decision: str) -> None:
        it = self.item(index)
        if it is None or it.decision == decision:
            return
        it.decision = decision
        row_first = self.index(index.row(), 0, index.parent())
        self.dataChanged.emit(row_first, self.index(index.row(), self.columnCount() - 1, index.parent()))
        if index.internalId() == 0 and it.members:  # members grey out with their theme
            self.dataChanged.emit(self.index(0, 0, row_first),
                                  self.index(len(it.members) - 1, self.columnCount() - 1, row_first))
        self.decisionsChanged.emit()

    def accept_at_least(self, threshold: float) -> int:
        n = 0
        for t in self.themes:
            for m in t.members:
                if m.confidence >= threshold - 1e-9 and m.decision != ACCEPT:
                    m.decision = ACCEPT
                    n += 1
            if t.score >= threshold - 1e-9 and t.decision != ACCEPT:
                t.decision = ACCEPT
                n += 1
        if n:
            self.refresh()
            self.decisionsChanged.emit()
        return n

    def refresh(self) -> None:
        if not self.themes:
            return
        last = self.columnCount() - 1
        self.dataChanged.emit(self.index(0, 0), self.index(len(self.themes) - 1, last))
        for r, t in enumerate(self.themes):
            if t.members:
                p = self.index(r, 0)
                self.dataChanged.emit(self.index(0, 0, p), self.index(len(t.members) - 1, last, p))


def persistent(index) -> QPersistentModelIndex:
    return QPersistentModelIndex(index)
