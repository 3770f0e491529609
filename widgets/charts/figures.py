"""Report figures: charts of the knowledge base's numeric tables, each captioned with its source.

Pick a figure in the combo; the chart below is drawn from ``kb.figures`` (``data/figures/*.csv``)
or, for suppliers' shares, from ``kb.edges``. Every chart says where its numbers come from: the
report's publisher and date, the table or note the CSV names, and ``[AI-compiled]`` when the
report is (report 002). Hovering the caption shows the verbatim quotes behind the numbers.

* Prices in different currencies never share an axis: USD-priced and CNY-priced models are two
  panes side by side.
* Category labels (models, suppliers, industries) use a CJK font and are abbreviated or turned
  when long; full names are in the caption tooltip.

Usage::

    panel = ReportFiguresPanel(desk.kb)
    panel.set_figure("supplier_shares")
    panel.export_png("shares.png")
"""
from __future__ import annotations

import html
import logging
import re
from dataclasses import dataclass, field
from typing import Callable, Iterable, NamedTuple, Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app.domain import SEGMENTS
from app.kb import group_edges_by_customer
from widgets.i18n import QT_TRANSLATE_NOOP as _N  # noqa: N814
from widgets.i18n import tr, translate
from widgets.charts.common import CategoryAxis, chart_stack, cjk_font, empty_label, export_png
from widgets.charts.theme import LIGHT, ChartColors, follow_theme, style_legend, style_plot

NO_KB_TEXT = _N("ReportFigures", "Open a desk to see the reports' figures (the knowledge base is not loaded yet).")
NO_TABLE_TEXT = _N("ReportFigures", "The knowledge base has no {what} yet (data/figures/{table}.csv). It appears here once the table is added.")  # noqa: E501
STATUS_COLORS = {"core": "#c0392b", "potential": "#e59866", "stated": "#7f8c8d"}
SERIES_COLORS = ("#2e86c1", "#c0392b", "#229954", "#d68910", "#7d3c98", "#17a589", "#ba4a00", "#566573")
IN_COLOR, OUT_COLOR = "#85c1e9", "#1f618d"
AI_FLAG = "[AI-compiled]"
log = logging.getLogger(__name__)


class Figure(NamedTuple):
    key: str
    title: str
    tables: tuple[str, ...]       # figure tables it needs ("edges" for kb.edges)
    build: str                    # method name


FIGURES: tuple[Figure, ...] = (
    Figure("api_prices", _N("ReportFigures", "LLM API prices (input / output, per 1M tokens)"), ("llm_vendors",), "_fig_api_prices"),
    Figure("context", _N("ReportFigures", "LLM context windows"), ("llm_vendors",), "_fig_context"),
    Figure("token_volumes", _N("ReportFigures", "Daily token volumes"), ("token_volumes",), "_fig_token_volumes"),
    Figure("minimax", _N("ReportFigures", "MiniMax revenue forecast"), ("minimax_revenue_forecast",), "_fig_minimax"),
    Figure("zhipu_industry", _N("ReportFigures", "Zhipu revenue by customer industry"), ("zhipu_revenue_by_industry",),
           "_fig_zhipu_industry"),
    Figure("model_call_share", _N("ReportFigures", "Model call market shares"), ("model_call_share",), "_fig_model_call_share"),
    Figure("supplier_shares", _N("ReportFigures", "Suppliers' shares of orders"), ("edges",), "_fig_supplier_shares"),
    Figure("hk_listings", _N("ReportFigures", "HK LLM listings"), ("hk_llm_listings",), "_fig_hk_listings"),
    Figure("red_packets", _N("ReportFigures", "Spring Festival red-packet spending"), ("spring_festival_red_packets",),
           "_fig_red_packets"),
)
FIGURE_KEYS = tuple(f.key for f in FIGURES)


@dataclass
class Drawn:
    """What a figure drew, pane by pane (for tests and for the caption tooltip)."""

    panes: dict[str, list[tuple[str, float, str]]] = field(default_factory=dict)  # pane -> (category, value, label)
    colors: dict[str, list[str]] = field(default_factory=dict)                    # pane -> bar colours
    reports: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    quotes: list[tuple[str, str]] = field(default_factory=list)                   # (report, quote)
    notes: list[str] = field(default_factory=list)


# ---- text helpers ----------------------------------------------------------------------------

def english(name: str) -> str:
    """'智谱 AI (Zhipu)' -> 'Zhipu'; '月之暗面 (Moonshot / Kimi)' -> 'Moonshot'; 'OpenAI' -> 'OpenAI'."""
    m = re.search(r"\(([^()]*)\)\s*$", name or "")
    part = m.group(1) if m else (name or "")
    return part.split(" / ")[0].split(", ")[0].strip()


def chinese(name: str) -> str:
    """The part before a trailing '(English)'."""
    return re.sub(r"\s*\([^()]*\)\s*$", "", name or "").strip()


def fmt(v: float | None, digits: int = 1) -> str:
    if v is None or v != v:
        return "—"
    if float(v).is_integer():
        return f"{int(v):,}"
    return f"{v:,.{digits}f}".rstrip("0").rstrip(".")


def qualified(v: float | None, q: str | None, digits: int = 1, unit: str = "") -> str:
    q = {"=": "", None: "", "": "", "range": ""}.get(q, q)
    return f"{q}{fmt(v, digits)}{unit}"


def publisher_text(report) -> str:
    """'Guosen Securities 国信证券', 'OFweek', 'News digest 新闻摘编 (定焦One, …)'."""
    en = (report.publisher_en or "").split(" (")[0].strip()
    zh = report.publisher or ""
    if not en or en == zh or zh.startswith(en):
        return zh or en
    return f"{en} {zh}"


def model_label(row: dict) -> str:
    """'OpenAI GPT-5.4', 'ByteDance Doubao 2.0 Pro', 'DeepSeek-V3.2' (no vendor twice)."""
    vendor = english(str(row.get("vendor") or ""))
    model = str(row.get("model") or "")
    if re.search(r"\([^()]*\)\s*$", model):
        model = english(model)
    if vendor and not model.lower().startswith(vendor.lower()):
        return f"{vendor} {model}".strip()
    return model


class LabelRoom:
    """Keeps a bar chart's value labels inside its plot: the value range ends far enough past the
    largest label's anchor for the label's height (vertical bars) or width (horizontal bars), which
    are pixels, so the range follows the plot's size (re-fitted on every resize)."""

    def __init__(self, plot: pg.PlotItem, bottom: float, top: float, horizontal: bool):
        self.plot, self.bottom, self.top, self.horizontal = plot, bottom, top, horizontal
        plot.vb.sigResized.connect(self.fit)
        self.fit()

    @classmethod
    def install(cls, plot: pg.PlotItem, bottom: float, top: float, horizontal: bool) -> "LabelRoom":
        old = getattr(plot, "label_room", None)
        if old is not None:
            plot.vb.sigResized.disconnect(old.fit)
        plot.label_room = cls(plot, bottom, top, horizontal)
        return plot.label_room

    def needed(self) -> float:
        """The end of the value range the labels need at the plot's current size."""
        rect = self.plot.vb.boundingRect()
        length = rect.width() if self.horizontal else rect.height()
        end = self.top
        if length < 20:                   # not laid out yet: the fixed room only
            return end
        margin = 3.0                      # px between a label and the plot's edge
        for item in self.plot.items:
            if not isinstance(item, pg.TextItem) or not item.isVisible():
                continue
            box = item.textItem.boundingRect()
            if self.horizontal:
                value, reach = item.pos().x(), (1.0 - item.anchor[0]) * box.width()
            else:
                value, reach = item.pos().y(), item.anchor[1] * box.height()
            share = min((reach + margin) / length, 0.8)   # a label wider than the plot: as far as sensible
            end = max(end, self.bottom + (value - self.bottom) / (1.0 - share))
        return end

    def fit(self, *_args) -> None:
        end = self.needed()
        if self.horizontal:
            self.plot.setXRange(self.bottom, end, padding=0)
        else:
            self.plot.setYRange(self.bottom, end, padding=0)


class EndLabels:
    """The labels at the right ends of a pane's lines, kept apart (a label's height, in pixels)
    and inside the pane: the value range grows past the lowest and highest label as needed.
    Pixels again, so it is re-done whenever the pane is resized."""

    def __init__(self, plot: pg.PlotItem, labels: Sequence[pg.TextItem], lo: float, hi: float):
        self.plot, self.lo, self.hi = plot, lo, hi
        self.labels = sorted(((t, t.pos().y()) for t in labels), key=lambda tv: tv[1])   # (label, its value)
        plot.vb.sigResized.connect(self.fit)
        self.fit()

    def fit(self, *_args) -> None:
        lo, hi = self.lo, self.hi
        length = self.plot.vb.boundingRect().height()
        heights = [t.textItem.boundingRect().height() for t, _v in self.labels]
        for _ in range(4):                # the range depends on the spread, the spread on the range
            per_px = (hi - lo) / length if length >= 20 else 0.0
            ys, last = [], None
            for (_t, v), h in zip(self.labels, heights):
                y = v if last is None else max(v, last + (h + 1) * per_px)
                ys.append(y)
                last = y
            if not ys:
                break
            lo = min(self.lo, ys[0] - (heights[0] / 2 + 2) * per_px)
            hi = max(self.hi, ys[-1] + (heights[-1] / 2 + 2) * per_px)
        for (t, _v), y in zip(self.labels, ys if self.labels else []):
            t.setPos(t.pos().x(), y)
        self.plot.setYRange(lo, hi, padding=0)


# ---- the panel -------------------------------------------------------------------------------

class ReportFiguresPanel(QWidget):
    """A combo of figures and the chosen one's chart and source caption."""

    figureChanged = Signal(str)

    def __init__(self, kb=None, parent: QWidget | None = None, initial: str = FIGURE_KEYS[0]):
        super().__init__(parent)
        self.kb = kb
        self.key = initial
        self.drawn = Drawn()
        self.combo = QComboBox()
        for f in FIGURES:
            self.combo.addItem(tr(f.title), f.key)
        self.combo.setCurrentIndex(FIGURE_KEYS.index(initial))
        self.combo.currentIndexChanged.connect(lambda i: self.set_figure(self.combo.itemData(i)))
        top = QHBoxLayout()
        top.setContentsMargins(4, 2, 4, 2)
        top.addWidget(QLabel(translate("ReportFigures", "Figure:")))
        top.addWidget(self.combo, 1)

        self.colors: ChartColors = LIGHT  # the theme's (widgets.charts.theme), set below
        self.glw = pg.GraphicsLayoutWidget()
        self.caption = QLabel("")
        self.caption.setTextFormat(Qt.TextFormat.RichText)
        self.caption.setWordWrap(True)
        chart = QWidget()
        lay = QVBoxLayout(chart)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        lay.addWidget(self.glw, 1)
        lay.addWidget(self.caption)
        self.empty = empty_label(tr(NO_KB_TEXT))
        body = QWidget()
        self.stack = chart_stack(body, chart, self.empty)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addLayout(top)
        outer.addWidget(body, 1)
        self.plots: list[pg.PlotItem] = []
        self._font = cjk_font()
        self._small = cjk_font(max(7.0, self._font.pointSizeF() * 0.85))
        follow_theme(self, self._recolor)  # draws the initial figure, and again when the theme changes

    def _recolor(self, colors: ChartColors) -> None:
        """The figure again in the theme's colours (background, axes, text, legend, bar edges)."""
        self.colors = colors
        self.glw.setBackground(colors.background)
        self.caption.setStyleSheet(f"color:{colors.muted}; padding: 3px 6px 5px 6px")
        blocked = self.blockSignals(True)  # the same figure: no figureChanged
        try:
            self.set_figure(self.key)
        finally:
            self.blockSignals(blocked)

    # ---- API ---------------------------------------------------------------------------
    def set_kb(self, kb) -> None:
        self.kb = kb
        self.set_figure(self.key)

    @staticmethod
    def figure_keys() -> tuple[str, ...]:
        return FIGURE_KEYS

    def set_figure(self, key: str) -> None:
        """Draw one figure (one of :data:`FIGURE_KEYS`)."""
        spec = next((f for f in FIGURES if f.key == key), None)
        if spec is None:
            raise ValueError(f"unknown figure {key!r} (use one of {', '.join(FIGURE_KEYS)})")
        self.key = key
        if self.combo.currentData() != key:
            self.combo.blockSignals(True)
            self.combo.setCurrentIndex(FIGURE_KEYS.index(key))
            self.combo.blockSignals(False)
        self.glw.clear()
        self.plots = []
        self.drawn = Drawn()
        missing = self._missing_tables(spec)
        if missing is not None:
            self.empty.setText(missing)
            self.stack.setCurrentIndex(1)
            self.caption.setText("")
            self.figureChanged.emit(key)
            return
        try:
            getattr(self, spec.build)()
            problem = None
        except Exception as e:  # a malformed table must not take the pane down
            log.exception("figure %s", key)
            problem = f"Could not draw “{spec.title}” from {', '.join(spec.tables)}: {e.__class__.__name__}: {e}"
        if problem or not any(self.drawn.panes.values()):
            self.glw.clear()
            self.plots = []
            what = translate("ReportFigures", "numbers for “{title}”").format(title=tr(spec.title))
            self.empty.setText(problem or tr(NO_TABLE_TEXT).format(what=what, table=spec.tables[0]))
            self.stack.setCurrentIndex(1)
            self.caption.setText("")
        else:
            self.stack.setCurrentIndex(0)
            self._caption(spec)
        self.figureChanged.emit(key)

    @property
    def is_empty(self) -> bool:
        return self.stack.currentIndex() == 1

    def export_png(self, path) -> bool:
        return export_png(self, path)

    # ---- plumbing ----------------------------------------------------------------------
    def _missing_tables(self, spec: Figure) -> str | None:
        if self.kb is None:
            return tr(NO_KB_TEXT)
        for t in spec.tables:
            if t == "edges":
                if not any(e.share_pct is not None for e in self.kb.edges):
                    return ("The knowledge base has no supplier edges with a share of orders yet "
                            "(share_pct in data/reports/*.yaml).")
            elif t not in self.kb.figures or not self.kb.figures[t].rows:
                return tr(NO_TABLE_TEXT).format(what=translate("ReportFigures", "table for “{title}”").format(
                    title=tr(spec.title)), table=t)
        return None

    def _rows(self, table: str, where: Callable[[dict], bool] | None = None) -> list[dict]:
        rows = [r for r in self.kb.figures[table].rows if where is None or where(r)]
        for r in rows:
            if r.get("report") and r["report"] not in self.drawn.reports:
                self.drawn.reports.append(r["report"])
            if r.get("quote"):
                self.drawn.quotes.append((r.get("report", ""), r["quote"]))
            src = r.get("source") or r.get("source_note")
            if src and src not in self.drawn.sources:
                self.drawn.sources.append(str(src))
        return rows

    def _caption(self, spec: Figure) -> None:
        kb = self.kb
        parts = []
        for f in self.drawn.reports:
            r = kb.reports.get(f)
            if r is None:
                parts.append(html.escape(f))
                continue
            bit = f"{html.escape(publisher_text(r))}, {html.escape(r.date_label)}"
            if r.ai_compiled:
                bit += f' <span style="color:#b9770e; font-weight:600">{AI_FLAG}</span>'
            parts.append(bit)
        text = f"<b>{html.escape(tr(spec.title))}</b> — " + translate("ReportFigures", "Source:") + " " + "; ".join(parts)
        if self.drawn.sources:
            text += " · " + html.escape("; ".join(self.drawn.sources[:3]))
        if self.drawn.notes:
            text += "<br>" + " ".join(html.escape(n) for n in self.drawn.notes)
        self.caption.setText(text)
        tip = [f"{spec.title}", ""]
        for rep, q in self.drawn.quotes[:40]:
            tip.append(f"“{q}” — {rep}")
        self.caption.setToolTip("\n".join(tip))

    def caption_text(self) -> str:
        """The caption as plain text."""
        return html.unescape(re.sub(r"<br>", "\n", re.sub(r"<(?!br>)[^>]+>", "", self.caption.text())))

    def _plot(self, row: int, col: int, title: str, categories: Sequence[str], horizontal: bool = False,
              rotate: float = 0.0, value_label: str = "", max_chars: int = 22) -> pg.PlotItem:
        axis = CategoryAxis("left" if horizontal else "bottom", categories, rotate=rotate, max_chars=max_chars,
                            font=self._small)
        plot = self.glw.addPlot(row=row, col=col, axisItems={"left" if horizontal else "bottom": axis})
        plot.setMenuEnabled(False)
        plot.setMouseEnabled(x=False, y=False)
        plot.hideButtons()
        plot.setTitle(html.escape(title), size="10pt")
        plot.titleLabel.item.setFont(cjk_font(bold=True))
        plot.titleLabel.setText(html.escape(title), size="10pt", bold=True, color=self.colors.text)
        style_plot(plot, self.colors)
        value_axis = plot.getAxis("bottom" if horizontal else "left")
        value_axis.setStyle(tickFont=self._small)
        if value_label:
            value_axis.setLabel(value_label)
            value_axis.label.setFont(self._small)
        n = max(len(categories), 1)
        if horizontal:
            plot.invertY(True)
            plot.setYRange(-0.6, n - 0.4, padding=0)
        else:
            plot.setXRange(-0.6, n - 0.4, padding=0)
        plot.category_axis = axis
        self.plots.append(plot)
        return plot

    def _bars(self, plot: pg.PlotItem, pane: str, cats: Sequence[str], pos: Sequence[float],
              values: Sequence[float], colors: Sequence[str] | str, texts: Sequence[str] | None = None,
              horizontal: bool = False, width: float = 0.6, base: Sequence[float] | None = None,
              record: bool = True) -> pg.BarGraphItem:
        values = np.asarray(values, dtype=float)
        pos = np.asarray(pos, dtype=float)
        base_arr = np.zeros(len(values)) if base is None else np.asarray(base, dtype=float)
        cols = [colors] * len(values) if isinstance(colors, str) else list(colors)
        brushes = [pg.mkBrush(c) for c in cols]
        if horizontal:
            item = pg.BarGraphItem(x0=base_arr, y=pos, height=width, width=values, brushes=brushes,
                                   pen=pg.mkPen(self.colors.outline, width=0.5))
        else:
            item = pg.BarGraphItem(x=pos, y0=base_arr, width=width, height=values, brushes=brushes,
                                   pen=pg.mkPen(self.colors.outline, width=0.5))
        plot.addItem(item)
        texts = list(texts) if texts is not None else [fmt(v) for v in values]
        for p, v, b, t in zip(pos, values, base_arr, texts):
            if not t:
                continue
            lab = self._text(t, self.colors.text, (0, 0.5) if horizontal else (0.5, 1.0))
            lab.setPos(*((float(b + v), float(p)) if horizontal else (float(p), float(b + v))))
            plot.addItem(lab)
        if record:
            self.drawn.panes.setdefault(pane, []).extend(
                (c, float(v), t) for c, v, t in zip(cats, values, texts))
            self.drawn.colors.setdefault(pane, []).extend(cols)
        return item

    def _text(self, text: str, color: str, anchor: tuple[float, float]) -> pg.TextItem:
        """A value label in the small font, its box tight round the text (a 1 px margin, not 4)."""
        item = pg.TextItem(text, color=color, anchor=anchor)
        item.textItem.document().setDocumentMargin(1)
        item.setFont(self._small)
        return item

    def _value_range(self, plot: pg.PlotItem, top: float, horizontal: bool = False, room: float = 1.22,
                     bottom: float = 0.0) -> None:
        """The value axis from ``bottom`` to at least ``top * room``, and far enough for the value
        labels (text items) to fit inside the plot: their size is in pixels, so the range is worked
        out again whenever the plot is resized (see :class:`LabelRoom`)."""
        LabelRoom.install(plot, bottom, max(top, 1e-9) * room, horizontal)

    def _legend(self, plot: pg.PlotItem, entries: Iterable[tuple[str, str]], offset=(-8, 6)) -> pg.LegendItem:
        legend = plot.addLegend(offset=offset, labelTextSize="8pt")
        style_legend(legend, self.colors)
        for name, color in entries:
            # a bar sample (never added to a plot): the legend draws its brush as a square
            sample = pg.BarGraphItem(x=[0.0], height=[0.0], width=1.0, brush=pg.mkBrush(color), pen=None)
            legend.addItem(sample, html.escape(name))
        for _sample, label in legend.items:
            label.item.setFont(self._small)
        return legend

    # ---- the figures -------------------------------------------------------------------
    def _fig_api_prices(self) -> None:
        rows = [r for r in self._rows("llm_vendors")
                if r.get("api_price_in") is not None or r.get("api_price_out") is not None]
        if not rows:
            return
        currencies = list(dict.fromkeys(str(r.get("price_currency") or "?") for r in rows))
        currencies.sort(key=lambda c: (c != "USD", c))
        tiers = []
        for col, cur in enumerate(currencies):
            part = [r for r in rows if str(r.get("price_currency") or "?") == cur]
            unit = str(part[0].get("price_unit") or "per 1M tokens")
            cats = [model_label(r) + (" *" if r.get("price_tier") else "") for r in part]
            title = f"{cur} {unit}"
            plot = self._plot(0, col, title, cats, rotate=38, value_label=f"{cur} / 1M tokens", max_chars=34)
            x = np.arange(len(part))
            vin = [float(r.get("api_price_in") or 0) for r in part]
            vout = [float(r.get("api_price_out") or 0) for r in part]
            self._bars(plot, f"{cur} input", cats, x - 0.19, vin, IN_COLOR, [fmt(v, 3) for v in vin], width=0.36)
            self._bars(plot, f"{cur} output", cats, x + 0.19, vout, OUT_COLOR, [fmt(v, 3) for v in vout],
                       width=0.36)
            self._value_range(plot, max(vin + vout, default=1.0), room=1.15)
            self.glw.ci.layout.setColumnStretchFactor(col, max(len(part), 2))
            if col == 0:
                self._legend(plot, [("input", IN_COLOR), ("output", OUT_COLOR)])
            tiers += [f"{model_label(r)}: {r['price_tier']}" for r in part if r.get("price_tier")]
        if len(currencies) > 1:
            self.drawn.notes.append(f"Prices in {' and '.join(currencies)} are on separate axes "
                                    "(list prices, not converted).")
        if tiers:
            self.drawn.notes.append("* tier: " + "; ".join(tiers) + ".")

    def _fig_context(self) -> None:
        rows = [r for r in self._rows("llm_vendors") if r.get("context_k_tokens") is not None]
        if not rows:
            return
        rows.sort(key=lambda r: -float(r["context_k_tokens"]))
        cats = [model_label(r) + (" *" if r.get("context_note") else "") for r in rows]
        plot = self._plot(0, 0, translate("ReportFigures", "Context window (thousand tokens)"), cats, horizontal=True,
                          value_label="K tokens", max_chars=26)
        vals = [float(r["context_k_tokens"]) for r in rows]
        texts = [f"{fmt(v)}K" for v in vals]
        self._bars(plot, "context", cats, np.arange(len(rows)), vals, SERIES_COLORS[0], texts, horizontal=True)
        self._value_range(plot, max(vals), horizontal=True, room=1.18)
        notes = [f"{model_label(r)}: {r['context_note']}" for r in rows if r.get("context_note")]
        if notes:
            self.drawn.notes.append("* " + "; ".join(notes) + ".")

    def _fig_token_volumes(self) -> None:
        rows = self._rows("token_volumes")
        if not rows:
            return
        periods = sorted({str(r.get("period")) for r in rows})
        entities = list(dict.fromkeys(str(r.get("entity")) for r in rows))
        color = {e: SERIES_COLORS[i % len(SERIES_COLORS)] for i, e in enumerate(entities)}
        plot = self._plot(0, 0, translate("ReportFigures", "Daily token calls (trillion tokens / day)"), periods,
                          value_label=translate("ReportFigures", "trillion tokens / day"))
        top = 0.0
        per_period = {p: [r for r in rows if str(r.get("period")) == p] for p in periods}
        slots = max(len(v) for v in per_period.values())
        width = min(0.8 / slots, 0.3)
        for pi, p in enumerate(periods):
            group = per_period[p]
            for k, r in enumerate(group):
                x = pi + (k - (len(group) - 1) / 2) * width
                ent = str(r.get("entity"))
                lo, hi = r.get("daily_tokens_trillion_low"), r.get("daily_tokens_trillion_high")
                v = r.get("daily_tokens_trillion")
                scope = str(r.get("scope") or "")
                extra = " API" if "API" in scope else ""
                if v is None and lo is not None and hi is not None:
                    mid = (float(lo) + float(hi)) / 2
                    self._bars(plot, "tokens", [f"{english(ent)} {p}"], [x], [mid], color[ent], [""],
                               width=width * 0.9)
                    err = pg.ErrorBarItem(x=np.array([x]), y=np.array([mid]), top=np.array([float(hi) - mid]),
                                          bottom=np.array([mid - float(lo)]), beam=width * 0.5,
                                          pen=pg.mkPen(self.colors.text, width=1))
                    plot.addItem(err)
                    label = f"{fmt(lo)}–{fmt(hi)}"
                    self.drawn.panes["tokens"][-1] = (f"{english(ent)} {p}", mid, label)
                    lab = self._text(label, self.colors.text, (0.5, 1.0))
                    lab.setPos(float(x), float(hi))
                    plot.addItem(lab)
                    top = max(top, float(hi))
                elif v is not None:
                    self._bars(plot, "tokens", [f"{english(ent)} {p}"], [x], [float(v)], color[ent],
                               [qualified(float(v), r.get("qualifier")) + extra], width=width * 0.9)
                    top = max(top, float(v))
        self._value_range(plot, top, room=1.15)
        self._legend(plot, [(english(e) if english(e) != e else e, color[e]) for e in entities], offset=(8, 6))
        scoped = [f"{english(str(r['entity']))} {r['period']}: {r['scope']}" for r in rows
                  if r.get("scope") and r["scope"] not in ("company total", "China total")]
        if scoped:
            self.drawn.notes.append("Scope: " + "; ".join(scoped) + ". A range is drawn at its middle "
                                    "with the low–high bar.")

    def _fig_minimax(self) -> None:
        rows = self._rows("minimax_revenue_forecast",
                          lambda r: r.get("metric") in ("revenue_usd_m", "gross_margin_pct")
                          and r.get("source") != "report text")
        rev = [r for r in rows if r.get("metric") == "revenue_usd_m"]
        years = sorted({int(r["year"]) for r in rev})
        estimate = {int(r["year"]): str(r.get("is_estimate")).lower() in ("true", "1", "yes") for r in rev}
        cats = [f"{y}{'E' if estimate.get(y) else 'A'}" for y in years]
        plot = self._plot(0, 0, translate("ReportFigures", "Revenue by segment (USD m; A = actual, E = Bloomberg consensus)"), cats,
                          value_label="USD m")
        segments = [s for s in dict.fromkeys(str(r.get("segment")) for r in rev) if s != "total"]
        names = {"ai_native_products": translate("ReportFigures", "AI-native products"),
                 "open_platform": translate("ReportFigures", "Open platform (API)")}
        base = np.zeros(len(years))
        for k, seg in enumerate(segments):
            vals = np.array([next((float(r["value"]) for r in rev if r["segment"] == seg and int(r["year"]) == y),
                                  0.0) for y in years])
            c = SERIES_COLORS[k % len(SERIES_COLORS)]
            cols = [c + ("88" if estimate.get(y) else "") for y in years]
            self._bars(plot, names.get(seg, seg), cats, np.arange(len(years)), vals, cols,
                       [""] * len(years), base=base.copy(), width=0.62)
            base += vals
        totals = [next((float(r["value"]) for r in rev if r["segment"] == "total" and int(r["year"]) == y),
                       base[i]) for i, y in enumerate(years)]
        for i, t in enumerate(totals):
            lab = self._text(fmt(t), self.colors.text, (0.5, 1.0))
            lab.setPos(float(i), float(max(t, base[i])))
            plot.addItem(lab)
        self.drawn.panes["total"] = [(c, t, fmt(t)) for c, t in zip(cats, totals)]
        off = [f"{c} ({fmt(b)} vs {fmt(t)})" for c, b, t in zip(cats, base, totals) if abs(b - t) > 0.015 * max(t, 1)]
        if off:
            self.drawn.notes.append("The segments do not add up to the stated total in " + ", ".join(off) +
                                    " — so in the source table (separate consensus estimates); labels show the total.")
        self._value_range(plot, max(max(totals), float(base.max())), room=1.25)
        self._legend(plot, [(names.get(s, s), SERIES_COLORS[k % len(SERIES_COLORS)]) for k, s in enumerate(segments)],
                     offset=(-8, 6))   # top right: the early years' labels are low, the right is empty
        gm = [r for r in rows if r.get("metric") == "gross_margin_pct"]
        if gm:
            plot2 = self._plot(1, 0, "Gross margin (%)", cats, value_label="%")
            ends: list[pg.TextItem] = []
            for k, seg in enumerate(["total", *segments]):
                pts = [(years.index(int(r["year"])), float(r["value"])) for r in gm
                       if r.get("segment") == seg and int(r["year"]) in years]
                if not pts:
                    continue
                pts.sort()
                c = self.colors.text if seg == "total" else self.colors.ink(SERIES_COLORS[(k - 1) % len(SERIES_COLORS)])
                plot2.plot([p[0] for p in pts], [p[1] for p in pts], pen=pg.mkPen(c, width=2), symbol="o",
                           symbolSize=5, symbolBrush=c, symbolPen=pg.mkPen(c))
                end = self._text(f"{names.get(seg, seg).split(' (')[0]} {fmt(pts[-1][1])}%", c, (0, 0.5))
                end.setPos(float(pts[-1][0]) + 0.12, float(pts[-1][1]))
                plot2.addItem(end)
                ends.append(end)
                self.drawn.panes.setdefault("gross margin", []).extend(
                    (f"{names.get(seg, seg)} {cats[p[0]]}", p[1], fmt(p[1])) for p in pts)
            top = max(p[1] for p in self.drawn.panes["gross margin"])
            plot2.end_labels = EndLabels(plot2, ends, -top * 0.08, top * 1.2)   # apart, and inside the pane
            for pl in (plot, plot2):          # room for the line labels; bars and points stay aligned
                pl.setXRange(-0.6, len(years) + 0.9, padding=0)
            self.glw.ci.layout.setRowStretchFactor(0, 3)
            self.glw.ci.layout.setRowStretchFactor(1, 2)

    def _fig_zhipu_industry(self) -> None:
        rows = self._rows("zhipu_revenue_by_industry")
        if not rows:
            return
        rows.sort(key=lambda r: -float(r.get("revenue_share_pct") or 0))
        period = ", ".join(dict.fromkeys(str(r.get("period")) for r in rows))
        cats = [f"{r.get('industry_zh') or ''}\n{r.get('industry_en') or ''}".strip() for r in rows]
        plot = self._plot(0, 0, f"Zhipu 智谱: revenue share by customer industry ({period})", cats,
                          horizontal=True, value_label="% of revenue", max_chars=30)
        vals = [float(r.get("revenue_share_pct") or 0) for r in rows]
        self._bars(plot, "share", cats, np.arange(len(rows)), vals, SERIES_COLORS[0],
                   [f"{fmt(v)}%" for v in vals], horizontal=True, width=0.62)
        self._value_range(plot, max(vals), horizontal=True, room=1.18)
        covered = sum(vals)
        if covered < 99.5:
            self.drawn.notes.append(f"The industries shown add up to {fmt(covered)}%; the rest is not broken out.")

    def _fig_model_call_share(self) -> None:
        rows = self._rows("model_call_share")
        if not rows:
            return
        rows.sort(key=lambda r: -float(r.get("share_pct") or 0))
        period = ", ".join(dict.fromkeys(str(r.get("period")) for r in rows if r.get("period")))
        cats = []
        for r in rows:
            name = str(r.get("vendor_name") or r.get("vendor_ref"))
            cats.append(f"{chinese(name)}\n{english(name)}" if chinese(name) != name else name)
        plot = self._plot(0, 0, f"Share of China enterprise LLM call volume ({period})", cats, horizontal=True,
                          value_label="% of calls", max_chars=24)
        vals = [float(r.get("share_pct") or 0) for r in rows]
        self._bars(plot, "share", cats, np.arange(len(rows)), vals, SERIES_COLORS[0],
                   [f"{fmt(v)}%" for v in vals], horizontal=True, width=0.55)
        self._value_range(plot, max(vals), horizontal=True, room=1.25)
        self.drawn.notes.append(f"Named vendors only ({fmt(sum(vals))}% together); the rest is not broken out.")

    def _fig_supplier_shares(self) -> None:
        kb = self.kb
        edges = [e for e in kb.edges if e.share_pct is not None]
        groups = group_edges_by_customer(edges)
        order = sorted(groups, key=lambda c: (-len(groups[c]), c))
        for row, customer in enumerate(order):
            es = sorted(groups[customer], key=lambda e: (-float(e.share_pct), e.supplier))
            cats = [f"{kb.ref_name(e.supplier)} {e.supplier}" for e in es]
            cust = kb.party(customer)
            cname = f"{cust.name('en')} {cust.name('hans')}" if cust else customer
            plot = self._plot(row, 0, f"{cname}: suppliers' share of its orders", cats, horizontal=True,
                              value_label="% of the customer's orders", max_chars=28)
            vals = [float(e.share_pct) for e in es]
            texts = [f"{e.share_label} · {SEGMENTS.get(e.segment, e.segment)}"
                     + ("" if e.status == "core" else f" ({e.status})") for e in es]
            colors = [STATUS_COLORS.get(e.status, STATUS_COLORS["stated"]) for e in es]
            self._bars(plot, cname, cats, np.arange(len(es)), vals, colors, texts, horizontal=True, width=0.6)
            self._value_range(plot, 160, horizontal=True, room=1.0)   # room for the labels right of 100 %
            plot.getAxis("bottom").setTicks([[(v, f"{v}") for v in range(0, 101, 20)], []])
            self.glw.ci.layout.setRowStretchFactor(row, len(es) + 2)     # + title and axis
            if row < len(order) - 1:
                plot.getAxis("bottom").setLabel(None)           # the unit once, under the last pane
                plot.getAxis("bottom").showLabel(False)
            if row == 0:
                statuses = list(dict.fromkeys(e.status for e in edges))
                self._legend(plot, [(s, STATUS_COLORS.get(s, STATUS_COLORS["stated"])) for s in
                                    sorted(statuses, key=lambda s: list(STATUS_COLORS).index(s)
                                           if s in STATUS_COLORS else 9)])
            for e in es:
                if e.evidence.report not in self.drawn.reports:
                    self.drawn.reports.append(e.evidence.report)
                self.drawn.quotes.append((e.evidence.report, e.evidence.quote))
        width = max(p.category_axis.width() for p in self.plots)
        for p in self.plots:                # one label column: the bars of all customers line up
            p.category_axis.setWidth(width)
        self.drawn.notes.append("“>” = more than, “~” = about, as the report words it. "
                                "Core / potential as the report says; stated otherwise.")

    def _fig_hk_listings(self) -> None:
        kb = self.kb
        rows = self._rows("hk_llm_listings")
        if not rows:
            return
        rows.sort(key=lambda r: str(r.get("listing_date") or ""))
        cats = []
        for r in rows:
            code = str(r.get("code") or r.get("company_ref") or "")
            c = kb.company(code)
            en = c.name_en.split(" (")[0] if c else ""
            name = (c.name_zh_hans if c.name_zh_hans == en else f"{c.name_zh_hans} {en}") if c else code
            lines = [f"{name} {code}", f"listed {r.get('listing_date') or '—'}"]
            if r.get("offer_price_hkd") is not None:
                lines.append(f"offer HKD {float(r['offer_price_hkd']):.2f}")
            cats.append("\n".join(lines))
        gains = [float(r["cum_change_pct"]) if r.get("cum_change_pct") is not None else 0.0 for r in rows]
        plot = self._plot(0, 0, translate("ReportFigures", "Share-price gain after listing (%)"), cats, value_label="%", max_chars=26)
        texts = [f"+{fmt(g)}% in {fmt(r.get('cum_change_trading_days'))} trading days"
                 if r.get("cum_change_pct") is not None else "—" for g, r in zip(gains, rows)]
        self._bars(plot, "gain", cats, np.arange(len(rows)), gains, SERIES_COLORS[1], texts, width=0.5)
        self._value_range(plot, max(gains), room=1.2)
        caps = [float(r["market_cap_hkd_bn"]) if r.get("market_cap_hkd_bn") is not None else 0.0 for r in rows]
        plot2 = self._plot(0, 1, translate("ReportFigures", "Market cap (HKD bn)"), cats, value_label=translate("ReportFigures", "HKD bn"), max_chars=26)
        self._bars(plot2, "market cap", cats, np.arange(len(rows)), caps, SERIES_COLORS[0],
                   [qualified(v, r.get("market_cap_qualifier")) for v, r in zip(caps, rows)], width=0.5)
        self._value_range(plot2, max(caps), room=1.2)
        facts = []
        for r in rows:
            bits = []
            if r.get("funds_raised_hkd_m") is not None:
                bits.append(f"raised {qualified(float(r['funds_raised_hkd_m']) / 1000, r.get('funds_raised_qualifier'), 1)}"
                            " bn HKD")
            if r.get("public_offer_subscription_x") is not None:
                bits.append(f"HK public offer {fmt(r['public_offer_subscription_x'], 2)}× subscribed")
            if r.get("intl_offer_subscription_x") is not None:
                bits.append(f"international {fmt(r['intl_offer_subscription_x'], 2)}×")
            if bits:
                facts.append(f"{r.get('code')}: " + ", ".join(bits))
            for k in ("quote_offer", "quote_subscription", "quote_performance"):
                if r.get(k):
                    self.drawn.quotes.append((r.get("report", ""), r[k]))
        if facts:
            self.drawn.notes.append("; ".join(facts) + ". Market caps as of the report (latest at the time).")

    def _fig_red_packets(self) -> None:
        kb = self.kb
        rows = self._rows("spring_festival_red_packets")
        if not rows:
            return
        singles = sorted([r for r in rows if r.get("company_ref")], key=lambda r: -float(r.get("amount_cny_bn") or 0))
        totals = [r for r in rows if not r.get("company_ref")]
        cats, vals, texts, colors = [], [], [], []
        for r in singles:
            ref = str(r["company_ref"])
            p = kb.party(ref)
            cats.append(f"{p.name('hans')} {p.name('en').split(' (')[0]}\n{ref}" if p else ref)
            vals.append(float(r.get("amount_cny_bn") or 0))
            texts.append(self._qualifier(r.get("campaign")) + fmt(vals[-1]))
            colors.append(SERIES_COLORS[1])
        for r in totals:
            cats.append("Combined total\n(as the report states)")
            vals.append(float(r.get("amount_cny_bn") or 0))
            texts.append(self._qualifier(r.get("campaign")) + fmt(vals[-1]))
            colors.append("#7f8c8d")
        plot = self._plot(0, 0, translate("ReportFigures", "Spring Festival 2026 AI red-packet spending (CNY bn)"), cats, horizontal=True,
                          value_label="CNY bn", max_chars=24)
        self._bars(plot, "spend", cats, np.arange(len(cats)), vals, colors, texts, horizontal=True, width=0.6)
        self._value_range(plot, max(vals), horizontal=True, room=1.2)
        self.drawn.notes.append("Campaigns: " + "; ".join(str(r.get("campaign")) for r in singles) + ".")

    @staticmethod
    def _qualifier(text) -> str:
        t = str(text or "")
        if re.search(r"\b(more than|over|above)\b|超|逾", t, re.I):
            return ">"
        if re.search(r"\b(about|around|approximately)\b|约|約", t, re.I):
            return "~"
        return ""


__all__ = ["FIGURES", "FIGURE_KEYS", "ReportFiguresPanel", "english", "chinese", "model_label"]
