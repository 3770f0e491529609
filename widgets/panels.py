"""Dock panels: themes tree, supplier-chain graph, evidence."""
from __future__ import annotations

import html
from typing import Sequence

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPainterPath, QPen, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QGraphicsItem, QGraphicsPathItem, QGraphicsRectItem, QGraphicsScene, QGraphicsSimpleTextItem, QGraphicsView,
    QLabel, QSplitter, QTextBrowser, QTreeView, QVBoxLayout, QWidget,
)

from typing import TYPE_CHECKING

from app.domain import SEGMENTS, Edge

if TYPE_CHECKING:  # pragma: no cover
    from app.kb import KnowledgeBase

ThemeIdRole = Qt.ItemDataRole.UserRole + 1


class ThemesPanel(QWidget):
    """A tree of themes with member counts; selecting one filters the table."""

    themeSelected = Signal(str)  # theme id, "" for none

    def __init__(self, parent=None):
        super().__init__(parent)
        self.kb: KnowledgeBase | None = None
        self.model = QStandardItemModel(self)
        self.model.setHorizontalHeaderLabels(["Theme", "Members"])
        self.tree = QTreeView()
        self.tree.setObjectName("themesTree")
        self.tree.setModel(self.model)
        self.tree.setUniformRowHeights(True)
        self.tree.setEditTriggers(QTreeView.EditTrigger.NoEditTriggers)
        self.tree.setRootIsDecorated(True)
        self.about = QTextBrowser()
        self.about.setOpenExternalLinks(False)
        split = QSplitter(Qt.Orientation.Vertical)
        split.setObjectName("themesSplit")
        split.addWidget(self.tree)
        split.addWidget(self.about)
        split.setSizes([260, 140])
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(split)
        self.tree.selectionModel().currentChanged.connect(self._current)

    def set_kb(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.model.removeRows(0, self.model.rowCount())
        items: dict[str, QStandardItem] = {}
        for t in kb.themes.values():
            listed = [r for r in kb.theme_members(t.id) if kb.company(r)]
            name = QStandardItem(f"{t.title_zh}  {t.title_en}" if t.title_zh else t.title_en)
            name.setData(t.id, ThemeIdRole)
            name.setToolTip(t.description)
            count = QStandardItem(str(len(listed)))
            count.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            count.setData(t.id, ThemeIdRole)
            items[t.id] = name
            parent = items.get(t.parent) if t.parent else None
            (parent or self.model.invisibleRootItem()).appendRow([name, count])
        self.tree.expandAll()
        self.tree.resizeColumnToContents(1)
        self.tree.setColumnWidth(0, 250)
        self.about.setHtml("<p style='color:#666'>Select a theme to filter the table to its members.</p>")

    def _current(self, cur, _prev) -> None:
        tid = cur.data(ThemeIdRole) if cur.isValid() else ""
        self.show_theme(tid or "")
        self.themeSelected.emit(tid or "")

    def select_theme(self, tid: str) -> None:
        if not tid:
            self.tree.selectionModel().clearCurrentIndex()
            self.tree.clearSelection()
            return
        for idx in self._all_indexes():
            if idx.data(ThemeIdRole) == tid and idx.column() == 0:
                self.tree.setCurrentIndex(idx)
                return

    def _all_indexes(self):
        stack = [self.model.index(r, 0) for r in range(self.model.rowCount())]
        while stack:
            idx = stack.pop(0)
            yield idx
            stack += [self.model.index(r, 0, idx) for r in range(self.model.rowCount(idx))]

    def show_theme(self, tid: str) -> None:
        kb = self.kb
        if not kb or tid not in kb.themes:
            return
        t = kb.themes[tid]
        reports = sorted({m.evidence.report for m in kb.members if m.theme == tid}
                         | {e.evidence.report for e in kb.edges if tid in e.themes})
        rep_html = "".join(f"<li>{html.escape(kb.reports[r].label)} — {html.escape(kb.reports[r].title[:60])}</li>"
                           for r in reports if r in kb.reports)
        self.about.setHtml(f"<b>{html.escape(t.title_zh)}</b> · {html.escape(t.title_en)}"
                           f"<p>{html.escape(t.description)}</p><b>Source reports</b><ul>{rep_html}</ul>")


# ---- chain graph --------------------------------------------------------------------------

STATUS_PEN = {"core": Qt.PenStyle.SolidLine, "potential": Qt.PenStyle.DashLine, "stated": Qt.PenStyle.DotLine}
STATUS_COLOR = {"core": "#1565c0", "potential": "#ef6c00", "stated": "#757575"}


class _Node(QGraphicsRectItem):
    def __init__(self, ref: str, label: str, listed: bool, focus: bool, on_click):
        super().__init__(0, 0, 150, 34)
        self.ref = ref
        self.on_click = on_click
        self.setBrush(QBrush(QColor("#fff8e1" if focus else ("#e3f2fd" if listed else "#f5f5f5"))))
        self.setPen(QPen(QColor("#1565c0" if focus else "#90a4ae"), 2 if focus else 1))
        self.setCursor(Qt.CursorShape.PointingHandCursor if listed else Qt.CursorShape.ArrowCursor)
        self.setToolTip(f"{label}\n{ref}" + ("" if listed else "\n(unlisted)"))
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, False)
        text = QGraphicsSimpleTextItem(label, self)
        f = QFont()
        f.setPointSizeF(9)
        f.setBold(focus)
        text.setFont(f)
        br = text.boundingRect()
        if br.width() > 144:
            text.setScale(144 / br.width())
            br = QRectF(0, 0, 144, br.height() * 144 / br.width())
        text.setPos((150 - br.width()) / 2, 2)
        sub = QGraphicsSimpleTextItem(ref if listed else "unlisted", self)
        f2 = QFont()
        f2.setPointSizeF(7)
        sub.setFont(f2)
        sub.setBrush(QBrush(QColor("#607d8b")))
        sb = sub.boundingRect()
        sub.setPos((150 - sb.width()) / 2, 19)

    def mousePressEvent(self, event):
        self.on_click(self.ref)
        super().mousePressEvent(event)


class ChainPanel(QGraphicsView):
    """Customers on the right, suppliers on the left, the selection in the middle."""

    partyClicked = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.kb: KnowledgeBase | None = None
        self.script = "hans"
        self.nodes: dict[str, _Node] = {}
        self.edge_items: list[tuple[Edge, QGraphicsPathItem]] = []
        self.show_message("Select a company or a theme to see its supplier chain.")

    def show_message(self, text: str) -> None:
        sc = self.scene()
        sc.clear()
        self.nodes.clear()
        self.edge_items.clear()
        item = sc.addText(text)
        item.setDefaultTextColor(QColor("#666"))
        sc.setSceneRect(item.boundingRect())

    def _name(self, ref: str) -> str:
        return self.kb.ref_name(ref, self.script) if self.kb else ref

    def show_company(self, ref: str) -> None:
        kb = self.kb
        if not kb:
            return
        c = kb.company(ref)
        ref = c.code if c else ref
        ups = [e for e in kb.edges if e.customer == ref]     # its suppliers
        downs = [e for e in kb.edges if e.supplier == ref]   # its customers
        if not ups and not downs:
            self.show_message(f"{self._name(ref)}: the reports give no supplier chain for it.")
            return
        self._draw(left=ups, right=downs, center=[ref], title=self._name(ref))

    def show_theme(self, theme_id: str) -> None:
        kb = self.kb
        if not kb or theme_id not in kb.themes:
            return
        ids = {theme_id} | {t.id for t in kb.themes.values() if t.parent == theme_id}
        edges = [e for e in kb.edges if ids & set(e.themes)]
        if not edges:
            self.show_message(f"{kb.themes[theme_id].title_en}: no supplier edges in this theme.")
            return
        self._draw(left=edges, right=[], center=[], title=kb.themes[theme_id].title_en, theme_mode=True)

    def _draw(self, left: Sequence[Edge], right: Sequence[Edge], center: Sequence[str], title: str,
              theme_mode: bool = False) -> None:
        kb = self.kb
        sc = self.scene()
        sc.clear()
        self.nodes.clear()
        self.edge_items.clear()
        H, GAP = 34, 10
        col_x = {"left": 0, "mid": 330, "right": 660}

        def node(ref: str, x: float, y: float, focus=False) -> _Node:
            n = _Node(ref, self._name(ref), kb.company(ref) is not None, focus, self.partyClicked.emit)
            n.setPos(x, y)
            sc.addItem(n)
            self.nodes[ref] = n
            return n

        if theme_mode:
            suppliers = list(dict.fromkeys(e.supplier for e in left))
            customers = list(dict.fromkeys(e.customer for e in left))
            for i, r in enumerate(suppliers):
                node(r, col_x["left"], i * (H + GAP))
            ch = len(suppliers) * (H + GAP)
            off = max(0, (ch - len(customers) * (H + GAP)) / 2)
            for i, r in enumerate(customers):
                node(r, col_x["right"], off + i * (H + GAP * 3), focus=True)
            for e in left:
                self._edge(e, self.nodes[e.supplier], self.nodes[e.customer])
        else:
            sup = list(dict.fromkeys(e.supplier for e in left))
            cus = list(dict.fromkeys(e.customer for e in right))
            tall = max(len(sup), len(cus), 1) * (H + GAP)
            for i, r in enumerate(sup):
                node(r, col_x["left"], (tall - len(sup) * (H + GAP)) / 2 + i * (H + GAP))
            for i, r in enumerate(cus):
                if r not in self.nodes:
                    node(r, col_x["right"], (tall - len(cus) * (H + GAP)) / 2 + i * (H + GAP))
            mid = center[0]
            if mid not in self.nodes:
                node(mid, col_x["mid"], tall / 2 - H / 2, focus=True)
            for e in left:
                self._edge(e, self.nodes[e.supplier], self.nodes[mid])
            for e in right:
                self._edge(e, self.nodes[mid], self.nodes[e.customer])
        head = sc.addText(f"{title} — suppliers ← → customers   "
                          "solid: core · dashed: potential · dotted: stated")
        head.setDefaultTextColor(QColor("#37474f"))
        head.setPos(0, -30)
        sc.setSceneRect(sc.itemsBoundingRect().adjusted(-10, -10, 10, 10))
        self.fit()

    def fit(self) -> None:
        """Scale the graph to the view (not below 60 %: past that, scroll)."""
        rect = self.sceneRect()
        if rect.isEmpty() or not self.nodes:
            return
        vw, vh = max(50, self.viewport().width() - 8), max(50, self.viewport().height() - 8)
        k = max(0.6, min(1.0, vw / rect.width(), vh / rect.height()))
        self.resetTransform()
        self.scale(k, k)
        self.centerOn(rect.center())

    def resizeEvent(self, event):
        super().resizeEvent(event)
        self.fit()

    def _edge(self, e: Edge, a: _Node, b: _Node) -> None:
        sc = self.scene()
        p1 = a.pos() + QPointF(150, 17)
        p2 = b.pos() + QPointF(0, 17)
        path = QPainterPath(p1)
        dx = (p2.x() - p1.x()) / 2
        path.cubicTo(p1 + QPointF(dx, 0), p2 - QPointF(dx, 0), p2)
        item = QGraphicsPathItem(path)
        pen = QPen(QColor(STATUS_COLOR.get(e.status, "#757575")), 1.6 if e.status == "core" else 1.2)
        pen.setStyle(STATUS_PEN.get(e.status, Qt.PenStyle.SolidLine))
        pen.setCosmetic(True)
        item.setPen(pen)
        rep = self.kb.reports.get(e.evidence.report) if self.kb else None
        item.setToolTip(f"{SEGMENTS.get(e.segment, e.segment)} · {e.status} {e.share_label}\n"
                        f"“{e.evidence.quote}”\n— {rep.label if rep else e.evidence.report}")
        item.setZValue(-1)
        sc.addItem(item)
        label = SEGMENTS.get(e.segment, e.segment) + (f" {e.share_label}" if e.share_label else "")
        t = QGraphicsSimpleTextItem(label)
        f = QFont()
        f.setPointSizeF(7.5)
        t.setFont(f)
        t.setBrush(QBrush(QColor(STATUS_COLOR.get(e.status, "#757575"))))
        mid = path.pointAtPercent(0.3)  # near the supplier, so labels fanning into a hub stay apart
        t.setPos(mid.x() - t.boundingRect().width() / 2, mid.y() - 13)
        sc.addItem(t)
        self.edge_items.append((e, item))

    def wheelEvent(self, event):
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            f = 1.15 if event.angleDelta().y() > 0 else 1 / 1.15
            self.scale(f, f)
        else:
            super().wheelEvent(event)


# ---- evidence ---------------------------------------------------------------------------------

class EvidencePanel(QTextBrowser):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.kb: KnowledgeBase | None = None
        self.setOpenExternalLinks(False)
        self.show_empty()

    def show_empty(self, text: str = "Select a company to see every quote behind it.") -> None:
        self.setHtml(f"<p style='color:#666'>{html.escape(text)}</p>")

    def _report_line(self, file: str) -> str:
        r = self.kb.reports.get(file) if self.kb else None
        if not r:
            return html.escape(file)
        flag = (" <span style='background:#fff3cd;color:#8a6d00'>&nbsp;AI-compiled, no sources cited&nbsp;</span>"
                if r.ai_compiled else "")
        return (f"<span style='color:#555'>{html.escape(r.publisher)} ({html.escape(r.publisher_en)}), "
                f"{html.escape(r.date_label)} — {html.escape(r.title[:70])}</span>{flag}")

    def show_company(self, ref: str, header: str = "") -> None:
        kb = self.kb
        if not kb:
            return
        c = kb.company(ref)
        ref = c.code if c else ref
        items = kb.evidence_for(ref)
        if not items:
            self.show_empty(f"{header or ref}: not named by the bundled reports (added from the universe).")
            return
        parts = [f"<h3 style='margin:2px'>{html.escape(header or kb.ref_name(ref))}</h3>"]
        for kind, what, ev in items:
            parts.append(
                f"<p style='margin:6px 0'><b>{html.escape(kind)}</b> {html.escape(what)}<br>"
                f"<span style='font-size:110%'>“{html.escape(ev.quote)}”</span><br>{self._report_line(ev.report)}</p>")
        self.setHtml("".join(parts))

    def show_theme(self, theme_id: str) -> None:
        kb = self.kb
        if not kb or theme_id not in kb.themes:
            return
        t = kb.themes[theme_id]
        parts = [f"<h3 style='margin:2px'>{html.escape(t.title_zh)} · {html.escape(t.title_en)}</h3>"]
        for m in kb.members:
            if m.theme == theme_id:
                parts.append(f"<p style='margin:6px 0'><b>{html.escape(kb.ref_name(m.ref))}</b> "
                             f"{html.escape(m.role)}<br>“{html.escape(m.evidence.quote)}”<br>"
                             f"{self._report_line(m.evidence.report)}</p>")
        self.setHtml("".join(parts))


class EmptyState(QLabel):
    def __init__(self, text: str, parent=None):
        super().__init__(text, parent)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)
        self.setStyleSheet("color:#777; padding:24px")
