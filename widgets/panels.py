"""Dock panels: themes tree, supplier-chain graph, evidence."""
from __future__ import annotations

import html
from typing import Sequence

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QBrush, QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPalette, QPen, QStandardItem,
    QStandardItemModel,
)
from PySide6.QtWidgets import (
    QGraphicsItem, QGraphicsPathItem, QGraphicsRectItem, QGraphicsScene, QGraphicsSimpleTextItem, QGraphicsView,
    QLabel, QSplitter, QTextBrowser, QTreeView, QVBoxLayout, QWidget,
)

from typing import TYPE_CHECKING

from app import labels
from app.domain import SEGMENTS, Edge
from widgets.chain_layout import LABEL_PAD, best_rows, grid_layout
from widgets.contrast import muted
from widgets.i18n import translate

if TYPE_CHECKING:  # pragma: no cover
    from app.kb import KnowledgeBase

ThemeIdRole = Qt.ItemDataRole.UserRole + 1


class ThemesPanel(QWidget):
    """A tree of themes with member counts; selecting one filters the table."""

    themeSelected = Signal(str)  # theme id, "" for none

    def __init__(self, parent=None):
        super().__init__(parent)
        self.kb: KnowledgeBase | None = None
        self.script = "hans"
        self.theme_title = lambda tid: tid
        self.model = QStandardItemModel(self)
        self.model.setHorizontalHeaderLabels([self.tr("Theme"), self.tr("Members")])
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
        rows = []
        for t in kb.themes.values():
            desc = t.describe(self.script)
            rows.append({"id": t.id, "text": self.theme_title(t.id), "parent": t.parent,
                         "count": str(len([r for r in kb.theme_members(t.id) if kb.company(r)])),
                         "tip": f"{t.title_zh} · {t.title_en}\n{desc}" if t.title_zh else desc})
        self.fill(rows)
        self._show_hint()

    def fill(self, rows: Sequence[dict]) -> None:
        """The tree from plain rows (id, text, count, parent, tip), parents before their children:
        from the knowledge base, or from the start-up snapshot before it is loaded."""
        self.model.removeRows(0, self.model.rowCount())
        items: dict[str, QStandardItem] = {}
        for r in rows:
            tid = r.get("id")
            name = QStandardItem(str(r.get("text") or ""))
            name.setData(tid, ThemeIdRole)
            if r.get("tip"):
                name.setToolTip(str(r["tip"]))
            count = QStandardItem(str(r.get("count") or ""))
            count.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            count.setData(tid, ThemeIdRole)
            if tid:
                items[str(tid)] = name
            parent = items.get(str(r.get("parent"))) if r.get("parent") else None
            (parent or self.model.invisibleRootItem()).appendRow([name, count])
        self.tree.expandAll()
        self.tree.resizeColumnToContents(1)
        self.tree.setColumnWidth(0, 250)

    def retranslate(self) -> None:
        """Headers in the current language, theme names in the current script."""
        self.model.setHorizontalHeaderLabels([self.tr("Theme"), self.tr("Members")])
        for idx in self._all_indexes():
            tid = idx.data(ThemeIdRole)
            if tid:
                self.model.setData(idx, self.theme_title(tid))
        cur = self.tree.currentIndex()
        if cur.isValid() and cur.data(ThemeIdRole):
            self.show_theme(cur.data(ThemeIdRole))
        elif self.kb is not None:
            self._show_hint()

    def _show_hint(self) -> None:
        """The grey hint in the description pane (the palette's muted grey: it reads in the dark theme)."""
        self._hinting = True
        grey = muted(self.about.palette(), QPalette.ColorRole.Base).name()
        self.about.setHtml(f"<p style='color:{grey}'>%s</p>" % html.escape(
            self.tr("Select a theme to filter the table to its members.")))

    def changeEvent(self, event):
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and getattr(self, "_hinting", False):
            QTimer.singleShot(0, self, lambda: self._hinting and self._show_hint())   # in the new grey

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
        rep_html = "".join(f"<li>{html.escape(labels.report_label(kb.reports[r], self.script))} — "
                           f"{html.escape(kb.reports[r].title[:60])}</li>"
                           for r in reports if r in kb.reports)
        title = self.theme_title(tid)
        other = t.title_en if title != t.title_en else t.title_zh
        self._hinting = False
        self.about.setHtml(f"<b>{html.escape(title)}</b> · {html.escape(other)}"
                           f"<p>{html.escape(t.describe(self.script))}</p><b>{html.escape(self.tr('Source reports'))}</b>"
                           f"<ul>{rep_html}</ul>")


# ---- chain graph --------------------------------------------------------------------------

STATUS_PEN = {"core": Qt.PenStyle.SolidLine, "potential": Qt.PenStyle.DashLine, "stated": Qt.PenStyle.DotLine}
STATUS_COLOR = {"core": "#1565c0", "potential": "#ef6c00", "stated": "#757575"}
STATUS_COLOR_DARK = {"core": "#64b5f6", "potential": "#ffb74d", "stated": "#bdbdbd"}   # on the dark theme's base
NODE_W, NODE_H = 150, 34


def layered_layout(edges: Sequence[Edge], focus: str | None = None) -> dict[str, tuple[int, int]]:
    """Suppliers left of their customers: ref -> (layer, row). Longest-path layering (cycles
    broken), then rows ordered by the mean row of each node's neighbours (two sweeps)."""
    succ: dict[str, list[str]] = {}
    pred: dict[str, list[str]] = {}
    nodes: list[str] = []
    for e in edges:
        for r in (e.supplier, e.customer):
            if r not in succ:
                succ[r], pred[r] = [], []
                nodes.append(r)
    # drop edges that close a cycle (depth-first, in input order)
    state: dict[str, int] = {}
    keep: set[tuple[str, str]] = set()

    adj: dict[str, list[str]] = {n: [] for n in nodes}
    for e in edges:
        if e.customer not in adj[e.supplier]:
            adj[e.supplier].append(e.customer)

    def visit(n: str) -> None:
        state[n] = 1
        for m in adj[n]:
            if state.get(m) == 1:
                continue  # back edge
            keep.add((n, m))
            if m not in state:
                visit(m)
        state[n] = 2
    for n in nodes:
        if n not in state:
            visit(n)
    for a, b in keep:
        succ[a].append(b)
        pred[b].append(a)
    layer: dict[str, int] = {}

    def depth(n: str, seen=()) -> int:
        if n in layer:
            return layer[n]
        layer[n] = 0 if not pred[n] else 1 + max(depth(p) for p in pred[n])
        return layer[n]
    for n in nodes:
        depth(n)
    if focus in layer:
        # a company's own chain: suppliers at -1, it at 0, customers at +1 (whatever their depth)
        pass
    layers: dict[int, list[str]] = {}
    for n in nodes:
        layers.setdefault(layer[n], []).append(n)
    row = {n: i for lst in layers.values() for i, n in enumerate(lst)}
    for _sweep in range(2):
        for k in sorted(layers)[1:]:
            layers[k].sort(key=lambda n: sum(row[p] for p in pred[n]) / len(pred[n]) if pred[n] else row[n])
            row.update({n: i for i, n in enumerate(layers[k])})
        for k in sorted(layers, reverse=True)[1:]:
            layers[k].sort(key=lambda n: sum(row[s] for s in succ[n]) / len(succ[n]) if succ[n] else row[n])
            row.update({n: i for i, n in enumerate(layers[k])})
    return {n: (layer[n], row[n]) for n in nodes}


NAME_PT, CODE_PT, EDGE_PT, HEADER_PT = 9.0, 8.0, 8.0, 8.0
MIN_TEXT_PX = 9.0   # Fit never shrinks a node's text below this many pixels on screen
TITLE_H = 30


def _font(pt: float, bold: bool = False) -> QFont:
    f = QFont()
    f.setPointSizeF(pt)
    f.setBold(bold)
    return f


def _elided(text: str, font: QFont, width: float) -> str:
    return QFontMetricsF(font).elidedText(text, Qt.TextElideMode.ElideRight, width)


class _Node(QGraphicsRectItem):
    """A company: its name (elided, never shrunk: the tooltip has it whole) over its code."""

    def __init__(self, ref: str, label: str, listed: bool, focus: bool):
        super().__init__(0, 0, NODE_W, NODE_H)
        self.ref = ref
        self.listed = listed
        self.setBrush(QBrush(QColor("#fff8e1" if focus else ("#e3f2fd" if listed else "#f5f5f5"))))
        self.setPen(QPen(QColor("#1565c0" if focus else "#90a4ae"), 2 if focus else 1))
        self.setCursor(Qt.CursorShape.PointingHandCursor if listed else Qt.CursorShape.ArrowCursor)
        self.setToolTip(f"{label}\n{ref}" + ("" if listed else "\n" + translate("ChainPanel", "(unlisted)")))
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, False)
        f = _font(NAME_PT, focus)
        self.text = QGraphicsSimpleTextItem(_elided(label, f, NODE_W - 8), self)
        self.text.setBrush(QBrush(QColor("#212121")))
        self.text.setFont(f)
        self.sub = QGraphicsSimpleTextItem(ref if listed else translate("ChainPanel", "unlisted"), self)
        self.sub.setFont(_font(CODE_PT))
        self.sub.setBrush(QBrush(QColor("#607d8b")))
        self.content_h = self.text.boundingRect().height() + self.sub.boundingRect().height() + 3
        self.set_height(max(NODE_H, self.content_h))

    def set_height(self, h: float) -> None:
        self.setRect(0, 0, NODE_W, h)
        top = (h - self.content_h) / 2 + 1
        self.text.setPos((NODE_W - self.text.boundingRect().width()) / 2, top)
        self.sub.setPos((NODE_W - self.sub.boundingRect().width()) / 2, top + self.text.boundingRect().height())


class _EdgePath(QGraphicsPathItem):
    """An edge; its clickable shape is a band around the line, not the area under the curve."""

    def shape(self):
        from PySide6.QtGui import QPainterPathStroker
        st = QPainterPathStroker()
        st.setWidth(8)
        return st.createStroke(self.path())


STATUS_RANK = {"core": 0, "potential": 1, "stated": 2}


# A small chain in a large dock (a 2560 px screen) is drawn larger, up to this, not left at 100 %.
MAX_FIT_SCALE = 1.5


def edge_key(e: Edge) -> tuple[str, str, str]:
    return (e.supplier, e.customer, e.segment)


def merge_edges(edges: Sequence[Edge]) -> tuple[list[Edge], dict[tuple[str, str, str], list[Edge]]]:
    """One edge per supplier, customer and segment (the strongest status, a stated share first),
    and every edge behind each: a link two reports state is drawn once, not as stacked labels."""
    groups: dict[tuple[str, str, str], list[Edge]] = {}
    for e in edges:
        groups.setdefault(edge_key(e), []).append(e)
    shown = [min(g, key=lambda x: (STATUS_RANK.get(x.status, 9), x.share_pct is None)) for g in groups.values()]
    return shown, groups


class ChainPanel(QGraphicsView):
    """A layered graph: suppliers left of their customers, a long layer wrapped into columns of
    segment groups (see widgets.chain_layout). Click a company to select it, an edge's label (or
    its own stretch of line) to see its quote; Ctrl+wheel zooms, drag or wheel pans. The graph
    fits the view, but never below a readable size: then it scrolls, starting at the hub."""

    partyClicked = Signal(str)
    edgeClicked = Signal(object)   # Edge

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.kb: KnowledgeBase | None = None
        self.script = "hans"
        self.segment = ""            # only edges of this segment ("" for all)
        self.nodes: dict[str, _Node] = {}
        self.edge_items: list[tuple[Edge, QGraphicsPathItem]] = []
        self.labels: list[QGraphicsSimpleTextItem] = []
        self.headers: list[QGraphicsSimpleTextItem] = []
        self._edge_of: dict[int, Edge] = {}
        self._sources: dict[tuple[str, str, str], list[Edge]] = {}
        self._shown: tuple[str, str] | None = None
        self._graph: tuple[Sequence[Edge], set[str], str] | None = None
        self._geom: tuple | None = None    # the layout's input, to choose again on a resize
        self._rows = 0
        self._hub: str | None = None
        self._press = None
        self._relayout_timer = QTimer(self)
        self._relayout_timer.setSingleShot(True)
        self._relayout_timer.setInterval(0)
        self._relayout_timer.timeout.connect(self._relayout)
        self.show_message(self.tr("Select a company or a theme to see its supplier chain."))

    def show_message(self, text: str) -> None:
        sc = self.scene()
        sc.clear()
        self.nodes.clear()
        self.edge_items.clear()
        self.labels.clear()
        self.headers.clear()
        self._edge_of.clear()
        self._graph = self._geom = self._hub = None
        self.resetTransform()          # a message after a large (scaled-down) graph: normal size
        item = sc.addText(text)
        item.setDefaultTextColor(muted(self.palette(), QPalette.ColorRole.Base))
        item.setTextWidth(max(200, self.viewport().width() - 40))
        sc.setSceneRect(item.boundingRect())
        self.message = text

    def clear(self) -> None:
        self._shown = None
        self.show_message(self.tr("Select a company or a theme to see its supplier chain."))

    def redraw(self) -> None:
        """Draw what is shown again (the language or the names' script changed)."""
        if self._shown:
            kind, ref = self._shown
            self.show_company(ref) if kind == "company" else self.show_theme(ref)
        else:
            self.clear()

    def _segment_label(self, segment: str) -> str:
        return labels.segment_label(segment, self.script)

    def _theme_title(self, tid: str) -> str:
        return self.kb.themes[tid].title_in(self.script)

    def _name(self, ref: str) -> str:
        return self.kb.ref_name(ref, self.script) if self.kb else ref

    def _seg(self, edges):
        return [e for e in edges if not self.segment or e.segment == self.segment]

    def set_segment(self, segment: str) -> None:
        self.segment = segment or ""
        if self._shown:
            kind, ref = self._shown
            self.show_company(ref) if kind == "company" else self.show_theme(ref)

    def show_company(self, ref: str) -> None:
        kb = self.kb
        if not kb:
            return
        c = kb.company(ref)
        ref = c.code if c else ref
        self._shown = ("company", ref)
        ups = self._seg([e for e in kb.edges if e.customer == ref])     # its suppliers
        downs = self._seg([e for e in kb.edges if e.supplier == ref])   # its customers
        if not ups and not downs:
            if self.segment:
                msg = self.tr("{name}: the reports give no supplier chain for it in {segment}.").format(
                    name=self._name(ref), segment=self._segment_label(self.segment))
            else:
                msg = self.tr("{name}: the reports give no supplier chain for it.").format(name=self._name(ref))
            self.show_message(msg)
            return
        self._draw([*ups, *downs], focus={ref}, title=self._name(ref))

    def show_theme(self, theme_id: str) -> None:
        kb = self.kb
        if not kb or theme_id not in kb.themes:
            return
        self._shown = ("theme", theme_id)
        ids = {theme_id} | {t.id for t in kb.themes.values() if t.parent == theme_id}
        edges = self._seg([e for e in kb.edges if ids & set(e.themes)])
        if not edges:
            if self.segment:
                msg = self.tr("{theme}: no supplier edges in this theme for {segment}.").format(
                    theme=self._theme_title(theme_id), segment=self._segment_label(self.segment))
            else:
                msg = self.tr("{theme}: no supplier edges in this theme.").format(theme=self._theme_title(theme_id))
            self.show_message(msg)
            return
        customers = {e.customer for e in edges} - {e.supplier for e in edges}
        self._draw(edges, focus=customers, title=self._theme_title(theme_id))


    # ---- drawing
    def min_scale(self) -> float:
        """The smallest scale at which every node's text is MIN_TEXT_PX pixels high on screen."""
        px = min(NAME_PT, CODE_PT) * self.logicalDpiY() / 72
        return MIN_TEXT_PX / px

    def _view_size(self) -> tuple[float, float]:
        """The room for the graph: the viewport without scroll bars, less a small margin."""
        s = self.maximumViewportSize()
        return max(50.0, s.width() - 8.0), max(50.0, s.height() - 8.0)

    def _best_rows(self) -> int:
        layers, group_of, node_h, label_w, title_w = self._geom
        vw, vh = self._view_size()
        return best_rows(layers, group_of, node_h, label_w, vw, vh, extra_w=20, extra_h=20 + TITLE_H, min_w=title_w)[0]

    def _draw(self, edges: Sequence[Edge], focus: set[str], title: str) -> None:
        kb = self.kb
        sc = self.scene()
        sc.clear()
        self.nodes.clear()
        self.edge_items.clear()
        self.labels.clear()
        self.headers.clear()
        self._edge_of.clear()
        self._graph = (edges, focus, title)
        edges, self._sources = merge_edges(edges)   # one line per supplier, customer and segment
        pos = layered_layout(edges)
        outs: dict[str, list[Edge]] = {}
        ins: dict[str, list[Edge]] = {}
        for e in edges:
            outs.setdefault(e.supplier, []).append(e)
            ins.setdefault(e.customer, []).append(e)
        # each layer grouped by segment (in the segments' order) under the segment's name, except
        # a layer of one node or of the focus alone
        seg_rank = {s: i for i, s in enumerate(SEGMENTS)}

        def segment_of(ref: str) -> str:
            segs = [e.segment for e in outs.get(ref) or ins.get(ref, [])]
            return min(set(segs), key=lambda s: (-segs.count(s), seg_rank.get(s, len(seg_rank)), s))

        layers: dict[int, list[str]] = {}
        for ref, (lay, _row) in sorted(pos.items(), key=lambda kv: kv[1]):
            layers.setdefault(lay, []).append(ref)
        group_of: dict[str, str] = {}
        for lay, refs in layers.items():
            if len(refs) > 1 and not set(refs) <= focus:
                group_of.update({r: segment_of(r) for r in refs})
                refs.sort(key=lambda r: (seg_rank.get(group_of[r], len(seg_rank)), group_of[r], pos[r][1]))
        for ref in pos:
            n = _Node(ref, self._name(ref), kb.company(ref) is not None, ref in focus)
            sc.addItem(n)
            self.nodes[ref] = n
        items = [self._edge(e, group_of.get(e.supplier, "")) for e in edges]
        lh = max([t.boundingRect().height() for _e, _p, t in items] + [1.0])
        label_w = {r: max(t.boundingRect().width() for e, _p, t in items if e.supplier == r) for r in outs}
        for ref, n in self.nodes.items():
            n.set_height(max(NODE_H, n.content_h, len(outs.get(ref, ())) * lh + 4))
        node_h = {ref: n.rect().height() for ref, n in self.nodes.items()}
        head = sc.addText(f"{title} — " + self.tr("suppliers ← → customers   solid: core · dashed: potential · "
                                                  "dotted: stated · click an edge for its quote"))
        head.setDefaultTextColor(QColor(self._ink("#37474f", "#cfd8dc")))
        head.setPos(0, -TITLE_H)
        self._geom = (layers, group_of, node_h, label_w, head.boundingRect().width())
        self._rows = self._best_rows()
        grid = grid_layout(layers, group_of, node_h, label_w, self._rows)
        for ref, (x, y) in grid.pos.items():
            self.nodes[ref].setPos(x, y)
        hf = _font(HEADER_PT, True)
        for seg, x, y in grid.headers:
            h = QGraphicsSimpleTextItem(_elided(self._segment_label(seg), hf, NODE_W))
            h.setFont(hf)
            h.setBrush(QBrush(QColor(self._ink("#455a64", "#b0bec5"))))
            h.setPos(x, y)
            sc.addItem(h)
            self.headers.append(h)
        self._route(grid, items, lh)
        self._place_labels()
        sc.setSceneRect(sc.itemsBoundingRect().adjusted(-10, -10, 10, 10))
        hubs = [r for r in focus if r in self.nodes]
        self._hub = max(hubs, key=lambda r: (len(ins.get(r, ())) + len(outs.get(r, ())), r)) if hubs else None
        self._apply_view()

    def _status_color(self, status: str) -> QColor:
        """A status's colour on the graph's background (lighter on the dark theme)."""
        return QColor(self._ink(STATUS_COLOR.get(status, "#757575"), STATUS_COLOR_DARK.get(status, "#bdbdbd")))

    def _ink(self, on_light: str, on_dark: str) -> str:
        """A text colour for the graph's background (the dark theme's too)."""
        from widgets.contrast import is_dark

        return on_dark if is_dark(self.palette()) else on_light

    def changeEvent(self, event):
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and (self._graph is not None or getattr(self, "message", "")):
            QTimer.singleShot(0, self, self._redraw_graph)   # the texts in the new theme's colours

    def _redraw_graph(self) -> None:
        if self._graph is not None:
            self._draw(*self._graph)
        elif self.message:
            self.show_message(self.message)

    def _edge(self, e: Edge, group: str) -> tuple[Edge, _EdgePath, QGraphicsSimpleTextItem]:
        """An edge's line (drawn by _route) and its label: the segment (unless its node's group
        names it), the status and the share."""
        sc = self.scene()
        item = _EdgePath()
        pen = QPen(self._status_color(e.status), 1.6 if e.status == "core" else 1.2)
        pen.setStyle(STATUS_PEN.get(e.status, Qt.PenStyle.SolidLine))
        pen.setCosmetic(True)
        item.setPen(pen)
        tips = []
        for x in self._sources.get(edge_key(e), [e]):
            rep = self.kb.reports.get(x.evidence.report) if self.kb else None
            note = f"\n{x.describe(self.script)}" if x.note else ""
            tips.append(f"{self._segment_label(x.segment)} · {labels.status_label(x.status, self.script)} "
                        f"{x.share_label}{note}\n“{x.evidence.quote}”\n— {labels.report_label(rep, self.script) if rep else x.evidence.report}")
        item.setToolTip("\n\n".join(tips))
        item.setZValue(-2)
        item.setCursor(Qt.CursorShape.PointingHandCursor)
        sc.addItem(item)
        parts = [] if e.segment == group else [self._segment_label(e.segment)]
        parts.append(labels.status_label(e.status, self.script))
        same = self._sources.get(edge_key(e), [e])
        shares = list(dict.fromkeys(x.share_label for x in same if x.share_label))
        if shares:
            parts.append(" / ".join(shares))
        if len(same) > 1:   # stated in more than one report: one label, the count beside it
            parts.append(self.tr("{n} reports").format(n=len({x.evidence.report for x in same})))
        t = QGraphicsSimpleTextItem(" · ".join(parts))
        t.setFont(_font(EDGE_PT))
        t.setBrush(QBrush(self._status_color(e.status)))
        t.setToolTip(item.toolTip())
        t.setCursor(Qt.CursorShape.PointingHandCursor)
        sc.addItem(t)
        self.labels.append(t)
        self._edge_of[id(item)] = e
        self._edge_of[id(t)] = e
        self.edge_items.append((e, item))
        return e, item, t

    def _route(self, grid, items, lh: float) -> None:
        """Lines: each edge leaves its supplier under its label; in a column that is not its
        layer's last it runs into the column's bus, down to the channel under the block and on to
        its customer in one bundle per customer; from the last column it goes straight there."""
        slot: dict[str, int] = {}
        bundles: dict[tuple[int, str], float] = {}   # (layer, customer) -> topmost line on the bus
        buses: dict[tuple[int, int], float] = {}     # (layer, column) -> topmost line on the bus

        def entry(v: str) -> tuple[QPointF, list[QPointF]]:
            lay, col = grid.col_of[v]
            n = self.nodes[v]
            x, cy = n.pos().x(), n.pos().y() + n.rect().height() / 2
            if col == 0:
                return QPointF(x, cy), []
            # a column further right: in along the channel under the block, up left of the column
            return QPointF(x - 5, grid.channel_y[lay]), [QPointF(x - 5, cy), QPointF(x, cy)]

        def curve(path: QPainterPath, a: QPointF, v: str) -> None:
            b, tail = entry(v)
            dx = max(40.0, (b.x() - a.x()) / 2)
            path.cubicTo(a + QPointF(dx, 0), b - QPointF(dx, 0), b)
            for p in tail:
                path.lineTo(p)

        for e, item, t in items:
            u = self.nodes[e.supplier]
            n_out = sum(1 for e2, _i, _t in items if e2.supplier == e.supplier)
            k = slot.get(e.supplier, 0)
            slot[e.supplier] = k + 1
            top = u.pos().y() + (u.rect().height() - n_out * lh) / 2 + k * lh
            y = top + lh / 2
            x0 = u.pos().x() + NODE_W
            t.setPos(x0 + LABEL_PAD, top)
            lay, col = grid.col_of[e.supplier]
            path = QPainterPath(QPointF(x0, y))
            if col < grid.columns[lay] - 1:
                bx = grid.bus_x[(lay, col)]
                path.lineTo(bx, y)           # its own stretch; the bus and the bundle are shared
                buses[(lay, col)] = min(y, buses.get((lay, col), y))
                bundles[(lay, e.customer)] = 0.0
            else:
                path.lineTo(grid.exit_x[lay], y)
                curve(path, QPointF(grid.exit_x[lay], y), e.customer)
            item.setPath(path)
        if not buses:
            return
        trunk = QPainterPath()
        for (lay, col), y in buses.items():
            bx = grid.bus_x[(lay, col)]
            trunk.moveTo(bx, y)
            trunk.lineTo(bx, grid.channel_y[lay])
            trunk.lineTo(grid.exit_x[lay], grid.channel_y[lay])
        for lay, v in bundles:
            trunk.moveTo(grid.exit_x[lay], grid.channel_y[lay])
            curve(trunk, QPointF(grid.exit_x[lay], grid.channel_y[lay]), v)
        pen = QPen(QColor("#78909c"), 1.6)
        pen.setCosmetic(True)
        bundle = self.scene().addPath(trunk, pen)
        bundle.setZValue(-3)

    def _place_labels(self) -> None:
        """Each label (placed by _route in its node's band, right of the node) gets a backdrop so
        its line passes behind it, not through its text."""
        sc = self.scene()
        for t in self.labels:
            r = t.sceneBoundingRect().adjusted(-2, 0, 2, 0)
            base = QColor(self.palette().color(QPalette.ColorRole.Base))   # the theme's, not always white
            base.setAlpha(225)
            bg = sc.addRect(r, QPen(Qt.PenStyle.NoPen), QBrush(base))
            bg.setZValue(-1)
            t.setZValue(0)
            self._edge_of[id(bg)] = self._edge_of[id(t)]
            bg.setToolTip(t.toolTip())

    def label_rects(self) -> list[QRectF]:
        return [t.sceneBoundingRect() for t in self.labels]

    # ---- the view: fitted, never below readable, re-laid out for a new shape
    def _apply_view(self) -> None:
        rect = self.sceneRect()
        if rect.isEmpty() or not self.nodes:
            return
        vw, vh = self._view_size()
        k_fit = min(MAX_FIT_SCALE, vw / rect.width(), vh / rect.height())
        k = max(k_fit, self.min_scale())
        self.resetTransform()
        self.scale(k, k)
        if k <= k_fit + 1e-6 or self._hub is None:
            self.centerOn(rect.center())
        else:   # too big to read whole: start at the hub (pan or wheel to the rest)
            self.centerOn(self.nodes[self._hub].sceneBoundingRect().center())

    def fit(self) -> None:
        """Lay the graph out for the view's shape and scale it in (never above MAX_FIT_SCALE,
        never below readable)."""
        self._relayout()

    def _relayout(self) -> None:
        if not self.nodes or self._graph is None or self._geom is None:
            return
        if self._best_rows() != self._rows:
            self._draw(*self._graph)
        else:
            self._apply_view()

    def resizeEvent(self, event):
        super().resizeEvent(event)
        self._apply_view()
        self._relayout_timer.start()   # the new shape may want another wrapping: after the resize

    # ---- clicks: handled here, after the event, so a redraw never deletes an item mid-event
    def mousePressEvent(self, event):
        self._press = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event):
        super().mouseReleaseEvent(event)
        start, self._press = self._press, None
        if start is None or event.button() != Qt.MouseButton.LeftButton:
            return
        event.accept()   # a pan or a click: the view's own (not passed on to a parent)
        p = event.position().toPoint()
        if (p - start).manhattanLength() > 4:
            return  # a drag (pan), not a click
        for it in self.items(p):
            node = it if isinstance(it, _Node) else (it.parentItem() if isinstance(it.parentItem(), _Node) else None)
            if node is not None:
                if node.listed:
                    QTimer.singleShot(0, lambda ref=node.ref: self.partyClicked.emit(ref))
                return
            e = self._edge_of.get(id(it))
            if e is not None:
                QTimer.singleShot(0, lambda e=e: self.edgeClicked.emit(e))
                return

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
        self.script = "hans"
        self.setOpenExternalLinks(False)
        self._last: tuple[str, tuple] | None = None    # what is shown: drawn again when the theme changes
        self._pending = False
        self.show_empty()

    def _grey(self) -> str:
        """The publisher / date / note grey: the palette's muted text on this view's background."""
        return muted(self.palette(), QPalette.ColorRole.Base).name()

    def changeEvent(self, event):
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.StyleChange) and self._last is not None \
                and not self._pending:
            self._pending = True                       # after the event: the new palette is in place
            QTimer.singleShot(0, self, self._show_again)

    def _show_again(self) -> None:
        self._pending = False
        if self._last is not None:
            name, args = self._last
            bar = self.verticalScrollBar().value()
            getattr(self, name)(*args)
            self.verticalScrollBar().setValue(bar)

    def show_empty(self, text: str = "") -> None:
        self._last = ("show_empty", (text,))
        text = text or self.tr("Select a company to see every quote behind it.")
        self.setHtml(f"<p style='color:{self._grey()}'>{html.escape(text)}</p>")

    def _report_line(self, file: str) -> str:
        r = self.kb.reports.get(file) if self.kb else None
        if not r:
            return html.escape(file)
        flag = (" <span style='background:#fff3cd;color:#8a6d00'>&nbsp;%s&nbsp;</span>"
                % html.escape(self.tr("AI-compiled, no sources cited")) if r.ai_compiled else "")
        pub = labels.publisher_label(r, self.script if self.script != "en" else "hans")   # 繁體 in hant
        return (f"<span style='color:{self._grey()}'>{html.escape(pub)} ({html.escape(r.publisher_en)}), "
                f"{html.escape(r.date_label)} — {html.escape(r.title[:70])}</span>{flag}")

    def show_company(self, ref: str, header: str = "") -> None:
        kb = self.kb
        if not kb:
            return
        self._last = ("show_company", (ref, header))
        c = kb.company(ref)
        ref = c.code if c else ref
        items = kb.evidence_for(ref)
        if not items:
            self.show_empty(self.tr("{name}: not named by the bundled reports (added from the universe).").format(
                name=header or ref))
            return
        parts = [f"<h3 style='margin:2px'>{html.escape(header or kb.ref_name(ref, self.script))}</h3>"]
        kinds = {"recommendation": self.tr("recommendation"), "theme": self.tr("theme"),
                 "supplies": self.tr("supplies"), "customer of": self.tr("customer of"), "event": self.tr("event"),
                 "mention": self.tr("mention")}
        for kind, what, ev in items:
            what = self._what(ref, kind, what, ev)
            label = kinds.get(kind) or labels.relation_label(kind, self.script)   # a link: its relation
            parts.append(
                f"<p style='margin:6px 0'><b>{html.escape(label)}</b> {html.escape(what)}<br>"
                f"<span style='font-size:110%'>“{html.escape(ev.quote)}”</span><br>{self._report_line(ev.report)}</p>")
        self.setHtml("".join(parts))

    def _what(self, ref: str, kind: str, what: str, ev) -> str:
        """What a piece of evidence supports, in the current script (segments, names, theme titles, a
        member's role, a link's or an event's note: its role_zh / note_zh in the Chinese scripts where the
        knowledge base writes one)."""
        kb, sc = self.kb, self.script
        if kind == "recommendation":   # the action ("watch"), as the script says it
            return labels.action_label(what, sc)
        if kind in ("supplies", "customer of"):
            e = next((e for e in kb.edges if e.evidence is ev and ref in (e.supplier, e.customer)), None)
            if e is not None:
                seg = labels.segment_label(e.segment, sc)
                if kind == "supplies":
                    return f"{seg} → {kb.ref_name(e.customer, sc)} {e.share_label}".strip()
                return f"{kb.ref_name(e.supplier, sc)} ({seg})"
        if kind == "theme":
            m = next((m for m in kb.members if m.evidence is ev and m.ref == ref), None)
            t = kb.themes.get(m.theme) if m is not None else None
            if t is not None:
                return f"{t.title_in(sc)}: {m.describe(sc)}"
        if kind == "recommendation":
            return labels.action_label(what, sc)
        colon = ": " if sc == "en" else "："
        if kind == "event":
            x = next((x for x in kb.events if x.evidence is ev and x.ref == ref), None)
            if x is not None:
                head = f"{x.date.isoformat()} {labels.event_kind_label(x.kind, sc)}"
                return f"{head}{colon}{x.describe(sc)}" if x.note else head
        link = next((x for x in kb.links if x.evidence is ev and x.relation == kind and ref in (x.source, x.target)),
                    None)
        if link is not None:
            head = f"{kb.ref_name(link.source, sc)} → {kb.ref_name(link.target, sc)}"
            return f"{head}{colon}{link.describe(sc)}" if link.note else head
        return what

    def show_edge(self, e: Edge) -> None:
        """One supplier edge: who supplies whom, what, the share, and the quote behind it."""
        kb = self.kb
        if not kb:
            return
        self._last = ("show_edge", (e,))
        seg = labels.segment_label(e.segment, self.script)
        of = {"orders": self.tr(", {share} of orders"), "market": self.tr(", {share} of the market"),
              "revenue": self.tr(", {share} of revenue"), "compute": self.tr(", {share} of compute")}
        sup, cust = kb.ref_name(e.supplier, self.script), kb.ref_name(e.customer, self.script)
        # every report that states this link (supplier, customer, segment), the clicked one first
        same = [e] + [x for x in kb.edges if edge_key(x) == edge_key(e) and x is not e and x != e]
        parts = [f"<h3 style='margin:2px'>{html.escape(sup)} → {html.escape(cust)}</h3>"]
        for x in same:
            status = labels.status_label(x.status, self.script)
            sh = of.get(x.share_of or "", ", {share}").format(share=x.share_label) if x.share_label else ""
            parts.append(
                f"<p style='margin:6px 0'><b>{html.escape(seg)}</b> · {html.escape(status)}{html.escape(sh)}<br>"
                f"<span style='font-size:110%'>“{html.escape(x.evidence.quote)}”</span><br>"
                f"{self._report_line(x.evidence.report)}</p>"
                + (f"<p style='color:{self._grey()}'>{html.escape(x.describe(self.script))}</p>" if x.note else ""))
        self.setHtml("".join(parts))

    def show_theme(self, theme_id: str) -> None:
        kb = self.kb
        if not kb or theme_id not in kb.themes:
            return
        self._last = ("show_theme", (theme_id,))
        t = kb.themes[theme_id]
        parts = [f"<h3 style='margin:2px'>{html.escape(t.title_zh)} · {html.escape(t.title_en)}</h3>"]
        for m in kb.members:
            if m.theme == theme_id:
                parts.append(f"<p style='margin:6px 0'><b>{html.escape(kb.ref_name(m.ref, self.script))}</b> "
                             f"{html.escape(m.describe(self.script))}<br>“{html.escape(m.evidence.quote)}”<br>"
                             f"{self._report_line(m.evidence.report)}</p>")
        self.setHtml("".join(parts))


class EmptyState(QLabel):
    def __init__(self, text: str, parent=None):
        super().__init__(text, parent)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)
        self.setStyleSheet("color:#777; padding:24px")
