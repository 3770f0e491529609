"""The review window: the report text with its mentions on the left, the proposals on the right.

Nothing is written until Apply: the models edit the proposal's dataclasses in place, Apply hands the
proposal to :func:`app.ingest.apply.apply` (one transaction) and pushes ONE undo step on the main
window's stack (undo deletes the report again).
"""
from __future__ import annotations

import datetime as dt
import logging
import re
from typing import Any, Callable

from PySide6.QtCore import QByteArray, QItemSelectionModel, QModelIndex, QSettings, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QComboBox, QDialog, QDoubleSpinBox, QFormLayout, QHBoxLayout, QHeaderView,
    QLabel, QLineEdit, QMessageBox, QPlainTextEdit, QPushButton, QSizePolicy, QSplitter, QTableView, QTabWidget, QTreeView,
    QVBoxLayout, QWidget,
)

from app.ingest.model import ACCEPT, MemberProposal, Proposal
from widgets.ingest.delegates import ProposalDelegate, party_completer
from widgets.ingest.models import (
    ProposalTable, SortRole, ThemesModel, company_columns, default_decision, edge_columns, link_columns,
)
from widgets.contrast import keep_muted
from widgets.ingest.text_view import (
    CURRENT_BG, CURRENT_MENTION_BG, QUOTE_BG, STRONG_BG, WEAK_BG, MentionText, chip_ink,
)
from widgets.i18n import current_script, translate
from widgets.ingest.reasons import NOTES, duplicate_text, reason

log = logging.getLogger(__name__)
GEOMETRY_KEY = "ingest/review_geometry"
SPLITTER_KEY = "ingest/review_splitter"


def _settings() -> QSettings:
    return QSettings("chainwatch", "chainwatch")


class _Table(QTableView):
    """A proposal table: rows select whole, Space toggles accept on the selected rows."""

    def __init__(self, name: str, parent=None):
        super().__init__(parent)
        self.setObjectName(name)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.setSortingEnabled(True)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(24)
        self.horizontalHeader().setStretchLastSection(True)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.horizontalHeader().setHighlightSections(False)

    def keyPressEvent(self, e):
        if e.key() == Qt.Key.Key_Space and self.state() != QAbstractItemView.State.EditingState:
            rows = sorted({i.row() for i in self.selectionModel().selectedRows()})
            if rows:
                m = self.model()
                first = m.index(rows[0], 0)
                on = first.data(Qt.ItemDataRole.CheckStateRole) != Qt.CheckState.Checked
                for r in rows:
                    m.setData(m.index(r, 0), Qt.CheckState.Checked if on else Qt.CheckState.Unchecked,
                              Qt.ItemDataRole.CheckStateRole)
                return
        super().keyPressEvent(e)


class ReportForm(QWidget):
    """Title, publisher, date, analysts, rating, AI-compiled: edited in place in ``proposal.report``."""

    validityChanged = Signal(bool)

    def __init__(self, report: dict[str, Any], parent=None):
        super().__init__(parent)
        self.report = report
        ev = report.get("evidence") or {}
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.fields: dict[str, QLineEdit] = {}
        for key, label, hint in (("title", translate("Review", "Title"), ""), ("publisher", translate("Review", "Publisher / broker"), "e.g. 中信证券"),
                                 ("publisher_en", translate("Review", "Publisher (English)"), "e.g. CITIC Securities"),
                                 ("date", translate("Review", "Date"), translate("Review", "YYYY-MM-DD or YYYY-MM")),
                                 ("analysts", translate("Review", "Analysts"), translate("Review", "comma-separated")), ("rating", translate("Review", "Rating"), "e.g. 买入 / Buy")):
            ed = QLineEdit()
            ed.setObjectName(f"report_{key}")
            ed.setPlaceholderText(hint)
            ed.setText(self._show(key, report.get(key)))
            if ev.get(key):
                ed.setToolTip(translate("Review", "From the text: “{text}”").format(text=ev[key]))
            ed.textEdited.connect(lambda text, k=key: self._edited(k, text))
            form.addRow(label, ed)
            self.fields[key] = ed
        self.ai = QCheckBox(translate("Review", "AI-compiled"))
        self.ai.setToolTip(translate("Review", "The text says it was generated or compiled by AI (like report 002)"))
        self.ai.setObjectName("report_ai_compiled")
        self.ai.setChecked(bool(report.get("ai_compiled")))
        self.ai.toggled.connect(lambda on: report.__setitem__("ai_compiled", on))
        self.no_sources = QCheckBox(translate("Review", "Cites no sources"))
        self.no_sources.setObjectName("report_no_sources")
        self.no_sources.setChecked(bool(report.get("no_sources")))
        self.no_sources.toggled.connect(lambda on: report.__setitem__("no_sources", on))
        form.addRow("", self.ai)
        form.addRow("", self.no_sources)
        self.problem = QLabel("")
        self.problem.setStyleSheet("color:#b00020")
        form.addRow("", self.problem)
        note = QLabel(translate("Review", "Claims from an AI-compiled report are flagged wherever they show (evidence, chain, print)."))
        note.setWordWrap(True)
        keep_muted(note)
        form.addRow("", note)
        self.ok = True
        self._check()

    @staticmethod
    def _show(key: str, v: Any) -> str:
        if v is None:
            return ""
        if key == "analysts" and isinstance(v, (list, tuple)):
            return ", ".join(v)
        if isinstance(v, dt.date):
            return v.isoformat()
        return str(v)

    def _edited(self, key: str, text: str) -> None:
        text = text.strip()
        if key == "analysts":
            self.report[key] = [a.strip() for a in re.split(r"[,，、;；]", text) if a.strip()]
        elif key == "date":
            parsed = parse_date(text)
            if parsed:
                d, precision = parsed
                was_date = isinstance(self.report.get("date"), dt.date)
                self.report["date"] = d if was_date else (d.isoformat() if precision == "day" else d.strftime("%Y-%m"))
                self.report["date_precision"] = precision
        elif key == "rating":
            self.report[key] = text or None
        else:
            self.report[key] = text
        self._check()

    def _check(self) -> None:
        problems = []
        if not self.fields["title"].text().strip():
            problems.append(translate("Review", "a title is needed"))
        d = self.fields["date"].text().strip()
        if not d:
            problems.append(translate("Review", "a date is needed"))
        elif not parse_date(d):
            problems.append(translate("Review", "date “{date}” is not YYYY-MM-DD or YYYY-MM").format(date=d))
        for key in ("title", "date"):
            bad = any(key in p for p in problems)
            self.fields[key].setStyleSheet("border:1px solid #b00020" if bad else "")
        msg = "; ".join(problems)
        self.problem.setText(msg[:1].upper() + msg[1:] + ("." if problems else ""))
        ok = not problems
        if ok != self.ok:
            self.ok = ok
            self.validityChanged.emit(ok)
        self.ok = ok


def parse_date(text: str) -> tuple[dt.date, str] | None:
    t = text.strip().replace("/", "-").replace(".", "-")
    m = re.fullmatch(r"(\d{4})年(\d{1,2})月(?:(\d{1,2})日)?", t) or re.fullmatch(r"(\d{4})-(\d{1,2})(?:-(\d{1,2}))?", t)
    if not m:
        return None
    try:
        d = dt.date(int(m[1]), int(m[2]), int(m[3] or 1))
    except ValueError:
        return None
    return d, "day" if m[3] else "month"


class ReviewWindow(QDialog):
    """Review one proposal. ``apply_fn(desk, proposal, add_to_watchlist)`` and
    ``delete_fn(desk, report_id)`` default to the app's; tests may pass their own."""

    applied = Signal(object)

    def __init__(self, proposal: Proposal, desk, main_window=None, *, apply_fn: Callable | None = None,
                 delete_fn: Callable | None = None, parent=None):
        super().__init__(parent if parent is not None else main_window)
        self.setWindowFlag(Qt.WindowType.Window, True)
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.setObjectName("reviewWindow")
        self.setSizeGripEnabled(True)
        self.proposal, self.desk, self.win = proposal, desk, main_window
        self.apply_fn, self.delete_fn = apply_fn, delete_fn
        title = proposal.report.get("title") or proposal.source
        self.setWindowTitle(translate("Review", "Review — {title}").format(title=title))
        for item in self._all_items():   # themes come before their members
            if item.decision is None:
                item.decision = default_decision(item, self._theme_of(item))

        # ---- left: the text
        self.text = MentionText()
        self.text.setObjectName("reviewText")
        mentions = [(m.start, m.end, c.ref, m.weak or c.weak) for c in proposal.companies for m in c.mentions]
        mentions += [(m.start, m.end, None, True) for m in proposal.unresolved]
        self.text.set_text(proposal.text, mentions)
        self.text.mentionClicked.connect(self.select_company)
        chips = ((STRONG_BG.name(), translate("Review", "company"), False),
                 (WEAK_BG.name(), translate("Review", "weak: check"), False),
                 ("#e6e6e6", translate("Review", "unresolved"), False),
                 (QUOTE_BG.name(), translate("Review", "quote"), False),
                 (CURRENT_BG.name(), translate("Review", "its parties"), True),
                 (CURRENT_MENTION_BG.name(), translate("Review", "this mention"), True))
        legend = QLabel(" ".join(f"<span style='background:{bg}'>&nbsp;{'<b>' if bold else ''}{_esc(text)}"
                                 f"{'</b>' if bold else ''}&nbsp;</span>" for bg, text, bold in chips))
        legend.setToolTip(translate("Review", "Blue: a company the report names; yellow, wavy: a weak match to confirm; "
                                    "grey: a name or code that matched nothing known; green: the quote of the selected row"))
        legend.setObjectName("reviewLegend")
        legend.setWordWrap(True)
        legend.setStyleSheet(f"QLabel#reviewLegend {{ color: {chip_ink().name()}; }}")   # dark on the light chips
        self.where = QLabel("")
        self.where.setObjectName("reviewWhere")
        keep_muted(self.where)
        self.where.setWordWrap(True)
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        src = QLabel(f"<b>{_esc(proposal.source)}</b> · {proposal.format.upper()} · "
                     + translate("Review", "{n} characters").format(n=f"{len(proposal.text):,}")
                     + (" · " + translate("Review", "{n} parts dropped by extraction").format(n=len(proposal.dropped))
                        if proposal.dropped else ""))
        src.setObjectName("reviewSource")
        src.setToolTip("\n".join(proposal.dropped[:40]))
        ll.addWidget(src)
        ll.addWidget(self.text, 1)
        ll.addWidget(self.where)
        ll.addWidget(legend)

        # ---- right: the proposals
        name_of = self.name_of
        script = self.script
        self.companies = ProposalTable(proposal.companies, company_columns(name_of, script), self)
        self.edges = ProposalTable(proposal.edges, edge_columns(name_of, script), self)
        self.links = ProposalTable(proposal.links, link_columns(name_of, script), self)
        self.themes = ThemesModel(proposal.themes, name_of, self)
        for m in (self.companies, self.edges, self.links):
            m.party_setter = self._set_party
            m.script = script
        self.tabs = QTabWidget()
        self.tabs.setObjectName("reviewTabs")
        self.form = ReportForm(proposal.report)
        self.tabs.addTab(self.form, translate("Review", "Report"))
        self.views: dict[str, QAbstractItemView] = {}
        self.proxies: dict[str, QSortFilterProxyModel] = {}
        self._completer_factory = lambda parent: party_completer(self.desk, parent)
        for key, model, label in (("companies", self.companies, translate("Review", "Companies")), ("edges", self.edges, translate("Review", "Supplier edges")),
                                  ("links", self.links, translate("Review", "Links"))):
            view = _Table(f"review_{key}")
            proxy = QSortFilterProxyModel(self)
            proxy.setSortRole(SortRole)
            proxy.setSourceModel(model)
            view.setModel(proxy)
            view.setItemDelegate(ProposalDelegate(self._completer_factory, view))
            for i, c in enumerate(model.columns):
                view.setColumnWidth(i, c.width)
            view.sortByColumn(model.column("confidence"), Qt.SortOrder.DescendingOrder)
            view.selectionModel().currentRowChanged.connect(lambda cur, _prev, k=key: self._row_changed(k, cur))
            view.clicked.connect(lambda idx, k=key: self._row_changed(k, idx))
            self.views[key], self.proxies[key] = view, proxy
            self.tabs.addTab(view, label)
            model.decisionsChanged.connect(self._update_summary)
        tree = QTreeView()
        tree.setObjectName("review_themes")
        tproxy = QSortFilterProxyModel(self)
        tproxy.setSortRole(SortRole)
        tproxy.setSourceModel(self.themes)
        tree.setModel(tproxy)
        tree.setSortingEnabled(True)
        tree.sortByColumn(3, Qt.SortOrder.DescendingOrder)
        tree.setAlternatingRowColors(True)
        tree.setItemDelegate(ProposalDelegate(None, tree))
        tree.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed)
        for i, w in enumerate((56, 320, 120, 50, 400)):
            tree.setColumnWidth(i, w)
        tree.expandAll()
        tree.selectionModel().currentRowChanged.connect(lambda cur, _prev: self._row_changed("themes", cur))
        tree.clicked.connect(lambda idx: self._row_changed("themes", idx))
        self.themes.decisionsChanged.connect(self._update_summary)
        self.views["themes"], self.proxies["themes"] = tree, tproxy
        self.tabs.addTab(tree, translate("Review", "Themes"))
        notes = self._notes()
        if notes:
            box = QPlainTextEdit(notes)
            box.setObjectName("review_notes")
            box.setReadOnly(True)
            self.tabs.addTab(box, translate("Review", "Notes"))
        self.tabs.setCurrentIndex(1)

        # ---- bottom: bulk accept, watchlist, apply
        self.threshold = QDoubleSpinBox()
        self.threshold.setObjectName("reviewThreshold")
        self.threshold.setRange(0.0, 1.0)
        self.threshold.setSingleStep(0.05)
        self.threshold.setDecimals(2)
        self.threshold.setValue(0.80)
        self.bulk = QPushButton(translate("Review", "Accept all ≥"))
        self.bulk.setObjectName("reviewBulkAccept")
        self.bulk.setToolTip(translate("Review", "Accept every company, edge, link, theme and member with at least this confidence"))
        self.bulk.clicked.connect(self.accept_at_least)
        self.add_to = QCheckBox(translate("Review", "Add to watchlist"))
        self.add_to.setToolTip(translate("Review", "Add the accepted listed companies to an existing watchlist or a new one (type a name)"))
        self.add_to.setObjectName("reviewAddToWatchlist")
        self.watchlist = QComboBox()
        self.watchlist.setObjectName("reviewWatchlist")
        self.watchlist.setEditable(True)
        self.watchlist.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.watchlist.lineEdit().setPlaceholderText(translate("Review", "an existing list or a new name"))
        for w in desk.store.watchlists():
            self.watchlist.addItem(w.name)
        self.watchlist.setMinimumContentsLength(8)
        self.watchlist.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.watchlist.setEnabled(False)
        self.add_to.toggled.connect(self.watchlist.setEnabled)
        self.summary = QLabel("")
        self.summary.setObjectName("reviewSummary")
        self.summary.setWordWrap(True)
        self.apply_button = QPushButton(translate("Review", "Apply"))
        self.apply_button.setObjectName("reviewApply")
        self.apply_button.setDefault(False)
        self.apply_button.setAutoDefault(False)
        self.apply_button.clicked.connect(self.do_apply)
        close = QPushButton(translate("Review", "Close"))
        close.setAutoDefault(False)
        close.clicked.connect(self.reject)
        self.form.validityChanged.connect(lambda ok: self._update_summary())

        row1 = QHBoxLayout()
        row1.addWidget(self.bulk)
        row1.addWidget(self.threshold)
        row1.addSpacing(12)
        row1.addWidget(self.summary, 1)
        row2 = QHBoxLayout()
        row2.addWidget(self.add_to)
        row2.addWidget(self.watchlist, 1)
        row2.addSpacing(12)
        row2.addWidget(self.apply_button)
        row2.addWidget(close)
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.tabs, 1)
        rl.addLayout(row1)
        rl.addLayout(row2)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("reviewSplitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setChildrenCollapsible(False)
        lay = QVBoxLayout(self)
        self.duplicate_banner = None
        if proposal.duplicate_of is not None:   # the desk already has this report: said before anything else
            b = QLabel("⚠ " + duplicate_text(proposal.duplicate_of))
            b.setObjectName("duplicateBanner")
            b.setWordWrap(True)
            b.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)   # a line, not half the window
            b.setStyleSheet("QLabel#duplicateBanner { background: #fff3cd; color: #5c4400; padding: 6px; "
                            "border: 1px solid #e0c36c; }")
            lay.addWidget(b)
            self.duplicate_banner = b
        lay.addWidget(self.splitter, 1)

        nxt = QShortcut(QKeySequence(QKeySequence.StandardKey.FindNext), self)
        nxt.activated.connect(lambda: self.step_mention(1))
        prv = QShortcut(QKeySequence(QKeySequence.StandardKey.FindPrevious), self)
        prv.activated.connect(lambda: self.step_mention(-1))
        self._company: Any = None
        self._mention_i = 0
        self._restore_geometry()
        self._update_summary()
        self.report_id: str | None = None
        self.command = None

    # ---------------------------------------------------------------- names and parties
    def script(self) -> str:
        """The script of names and labels: the main window's (View > Names), else the language's."""
        return getattr(self.win, "script", None) or current_script()

    def name_of(self, ref: str) -> str:
        c = self.proposal.company(ref)
        if c:
            return c.name
        kb = self.desk.kb
        if kb.party(ref):
            return kb.ref_name(ref)
        s = self.desk.universe.get(ref)
        return s.name_zh_hans if s else ref

    def resolve_party(self, text: str):
        """(ref, name, listed, exchange, name_en) for a code, entity id, name or pinyin; None if unknown."""
        text = (text or "").strip()
        if not text:
            return None
        first = text.split()[0]
        kb = self.desk.kb
        ent = kb.entities.get(first) if hasattr(kb, "entities") else None
        if ent:
            return ent.id, ent.name_zh_hans, False, "", ent.name_en
        for q in (first, text):
            try:
                s = self.desk.resolve_security(q)
            except LookupError:
                continue
            return s.code, s.name_zh_hans, True, s.exchange, s.name_en
        ref = kb.resolve(text)
        if ref and kb.entities.get(ref):
            e = kb.entities[ref]
            return e.id, e.name_zh_hans, False, "", e.name_en
        return None

    def _set_party(self, item, field: str, text: str) -> bool:
        hit = self.resolve_party(text)
        if hit is None:
            self._say(translate("Review", "“{text}”: no listing or known entity by that code or name.").format(text=text))
            QGuiApplication.beep() if hasattr(QGuiApplication, "beep") else None
            return False
        ref, name, listed, exchange, name_en = hit
        if field != "ref":  # an edge's supplier/customer, a link's source/target
            setattr(item, field, ref)
            self._ensure_company(ref, name, listed, exchange, name_en)
            return True
        old = item.ref
        if ref == old:
            return False
        other = self.proposal.company(ref)
        for e in self.proposal.edges:
            e.supplier = ref if e.supplier == old else e.supplier
            e.customer = ref if e.customer == old else e.customer
        for x in self.proposal.links:
            x.source = ref if x.source == old else x.source
            x.target = ref if x.target == old else x.target
        for t in self.proposal.themes:
            for m in t.members:
                m.ref = ref if m.ref == old else m.ref
        for m in item.mentions:
            m.ref = ref
        if other is not None and other is not item:  # merge into the row that already has that ref
            other.mentions = sorted(other.mentions + item.mentions, key=lambda m: m.start)
            row = self.companies.items.index(item)
            self.companies.beginRemoveRows(QModelIndex(), row, row)
            self.companies.items.pop(row)
            self.companies.endRemoveRows()
        else:
            item.ref, item.name, item.listed, item.exchange, item.name_en = ref, name, listed, exchange, name_en
            item.known = bool(self.desk.kb.party(ref))
            item.reason = f"resolved by hand (was {old}); " + item.reason
            item.weak = False
        self._say(translate("Review", "{old} now resolves to {ref} {name}.").format(old=old, ref=ref, name=name))
        self._refresh_mentions()
        for m in (self.edges, self.links):
            m.refresh()
        self.themes.refresh()
        return other is None or other is item

    def _ensure_company(self, ref, name, listed, exchange, name_en) -> None:
        if self.proposal.company(ref):
            return
        from app.ingest.model import CompanyProposal
        c = CompanyProposal(ref=ref, name=name, listed=listed, known=bool(self.desk.kb.party(ref)),
                            exchange=exchange, name_en=name_en, confidence=1.0, reason="added by hand",
                            decision=ACCEPT)
        n = len(self.companies.items)
        self.companies.beginInsertRows(QModelIndex(), n, n)
        self.companies.items.append(c)
        self.companies.endInsertRows()

    def _refresh_mentions(self) -> None:
        mentions = [(m.start, m.end, c.ref, m.weak or c.weak) for c in self.proposal.companies for m in c.mentions]
        mentions += [(m.start, m.end, None, True) for m in self.proposal.unresolved]
        bar = self.text.verticalScrollBar().value()
        self.text.set_text(self.proposal.text, mentions)
        self.text.verticalScrollBar().setValue(bar)

    # ---------------------------------------------------------------- selection → text
    def _source_index(self, key: str, index: QModelIndex) -> QModelIndex:
        return self.proxies[key].mapToSource(index) if index.model() is self.proxies[key] else index

    def _row_changed(self, key: str, index: QModelIndex) -> None:
        if not index.isValid():
            return
        src = self._source_index(key, index)
        if key == "themes":
            item = self.themes.item(src)
            if src.internalId() == 0:
                self._say(translate("Review", "Theme {title}: {reason}").format(title=item.title_zh,
                                                                                  reason=reason(item.reason)))
                return
        else:
            item = self.proxies[key].sourceModel().items[src.row()]
        if key == "companies":
            if item is not self._company:
                self._company, self._mention_i = item, 0
            self._show_mention()
            return
        self._company = None
        refs = {getattr(item, a) for a in ("supplier", "customer", "source", "target", "ref") if hasattr(item, a)}
        focus = [(m.start, m.end) for c in self.proposal.companies if c.ref in refs for m in c.mentions
                 if item.start <= m.start and m.end <= item.end]
        self.text.show_span(item.start, item.end, focus)
        what = " → ".join(self.name_of(r) for r in (getattr(item, "supplier", None) or getattr(item, "source", None)
                                                     or getattr(item, "ref", None),
                                                     getattr(item, "customer", None) or getattr(item, "target", None)) if r)
        self._say(f"{what}: {reason(item.reason)}" if item.reason else what)

    def _show_mention(self) -> None:
        c = self._company
        if c is None or not c.mentions:
            return
        m = c.mentions[self._mention_i % len(c.mentions)]
        qs, qe = (m.quote_start, m.quote_end) if m.quote_end > m.quote_start else (m.start, m.end)
        self.text.show_span(qs, qe, [(x.start, x.end) for x in c.mentions], current=(m.start, m.end))
        kinds = {"name": translate("Review", "name"), "code": translate("Review", "code"),
                 "name+code": translate("Review", "name+code")}
        self._say(translate("Review", "{name}: mention {i} of {n} (“{surface}”, {kind}, {conf}: {reason}) — "
                                      "F3 / Shift+F3 next / previous").format(
            name=c.name, i=self._mention_i % len(c.mentions) + 1, n=len(c.mentions), surface=m.surface,
            kind=kinds.get(m.kind, m.kind), conf=f"{m.confidence:.2f}", reason=reason(m.reason)))

    def step_mention(self, step: int) -> None:
        if self._company is not None and self._company.mentions:
            self._mention_i = (self._mention_i + step) % len(self._company.mentions)
            self._show_mention()

    def select_company(self, ref: str) -> None:
        """From a click on a mention in the text: show that company's row."""
        row = next((i for i, c in enumerate(self.companies.items) if c.ref == ref), None)
        if row is None:
            return
        self.tabs.setCurrentWidget(self.views["companies"])
        view = self.views["companies"]
        idx = self.proxies["companies"].mapFromSource(self.companies.index(row, 1))
        view.selectionModel().setCurrentIndex(idx, QItemSelectionModel.SelectionFlag.ClearAndSelect
                                              | QItemSelectionModel.SelectionFlag.Rows)
        view.scrollTo(idx)

    # ---------------------------------------------------------------- decisions
    def _theme_of(self, item):
        return next((t for t in self.proposal.themes if item in t.members), None) \
            if isinstance(item, MemberProposal) else None

    def _all_items(self):
        p = self.proposal
        yield from p.companies
        yield from p.edges
        yield from p.links
        for t in p.themes:
            yield t
            yield from t.members

    def accept_at_least(self) -> int:
        x = self.threshold.value()
        n = sum(m.accept_at_least(x) for m in (self.companies, self.edges, self.links, self.themes))
        self._say(translate("Review", "Accepted {n} more item(s) with confidence ≥ {x}.").format(n=n, x=f"{x:.2f}"))
        return n

    def counts(self) -> dict[str, tuple[int, int]]:
        p = self.proposal
        members = [m for t in p.themes for m in t.members]

        def c(items):
            return sum(1 for i in items if i.decision == ACCEPT), len(items)
        return {"companies": c(p.companies), "edges": c(p.edges), "links": c(p.links), "themes": c(p.themes),
                "members": c(members)}

    def _update_summary(self) -> None:
        n = self.counts()
        words = {"companies": translate("Review", "{a}/{b} companies"), "edges": translate("Review", "{a}/{b} edges"),
                 "links": translate("Review", "{a}/{b} links"), "themes": translate("Review", "{a}/{b} themes"),
                 "members": translate("Review", "{a}/{b} members")}
        self.summary.setText(translate("Review", "{counts} accepted").format(
            counts=" · ".join(words[k].format(a=a, b=b) for k, (a, b) in n.items() if b)))
        labels = {1: (translate("Review", "Companies"), "companies"), 2: (translate("Review", "Supplier edges"), "edges"), 3: (translate("Review", "Links"), "links"),
                  4: (translate("Review", "Themes"), "themes")}
        for i, (label, k) in labels.items():
            a, b = n[k]
            self.tabs.setTabText(i, f"{label} ({a}/{b})")
        self.apply_button.setEnabled(self.form.ok)
        self.apply_button.setToolTip("" if self.form.ok else self.form.problem.text())

    def _notes(self) -> str:
        p = self.proposal
        parts = []
        warnings = list(p.warnings)
        if p.duplicate_of is not None:   # the app's English sentence: said again in the interface's language
            from app.ingest.pipeline import duplicate_message

            said = duplicate_message(p.duplicate_of)
            warnings = [duplicate_text(p.duplicate_of) if w == said else w for w in warnings]
        if warnings:
            parts += [translate("Review", "Warnings:")] + [f"  {NOTES(w)}" for w in warnings]
        if p.unresolved:
            parts += [translate("Review", "Names or codes that matched nothing known:")] + \
                     ["  " + translate("Review", "“{surface}” at {start}: {reason}").format(
                         surface=m.surface, start=m.start, reason=reason(m.reason)) for m in p.unresolved]
        if p.dropped:
            parts += [translate("Review", "Removed by extraction (headers, footers, disclaimers):")] + \
                     [f"  {NOTES(d)}" for d in p.dropped]
        return "\n".join(parts)

    def _say(self, text: str) -> None:
        self.where.setText(text)
        self.where.setToolTip(text)

    # ---------------------------------------------------------------- apply
    def target_watchlist(self) -> str | None:
        if not self.add_to.isChecked():
            return None
        name = self.watchlist.currentText().strip()
        return name or None

    def do_apply(self) -> bool:
        from widgets.ingest.commands import ApplyReport, apply_proposal

        if not self.form.ok:
            return False
        wl = self.target_watchlist()
        if self.add_to.isChecked() and not wl:
            QMessageBox.warning(self, translate("Review", "Apply"), translate("Review", "Type the name of a watchlist (or untick “Add … to watchlist”)."))
            return False
        created = bool(wl) and wl not in {w.name for w in self.desk.store.watchlists()}
        if self.proposal.duplicate_of is not None and not self.proposal.allow_duplicate:
            if not self.confirm_duplicate():
                return False
            self.proposal.allow_duplicate = True
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            result = apply_proposal(self.desk, self.proposal, wl, self.apply_fn)
        except Exception as e:  # noqa: BLE001 - the message names what failed; nothing was written
            QGuiApplication.restoreOverrideCursor()
            log.warning("apply failed: %s", e)
            problems = getattr(e, "problems", None)
            box = QMessageBox(QMessageBox.Icon.Warning, translate("Review", "Apply"),
                              translate("Review", "Nothing was applied. Fix these, then Apply again:") + "\n\n"
                              + ("\n".join(f"• {p}" for p in problems[:15]) if problems else str(e)), parent=self)
            box.setObjectName("applyError")
            if problems and len(problems) > 15:
                box.setDetailedText("\n".join(problems))
            self.error_box = box
            box.open()
            return False
        QGuiApplication.restoreOverrideCursor()
        self.command = ApplyReport(self.win, self.desk, self.proposal, wl, result, self.apply_fn, self.delete_fn,
                                   created_list=created)
        if self.win is not None:
            self.win.undo.push(self.command)   # first redo only refreshes the desk
            title = self.proposal.report.get("title", "")   # short: the message must not run into the KB label
            title = title if len(title) <= 24 else title[:23] + "…"
            self.win.statusBar().showMessage(translate("Review", "Added report “{title}” (Ctrl+Z to undo): {what}").format(
                title=title, what=self.command.describe()), 10000)
        self.applied.emit(result)
        self.accept()
        return True

    def confirm_duplicate(self) -> bool:
        """The desk already has this report: say so, and apply again only when the user says yes."""
        box = QMessageBox(QMessageBox.Icon.Warning, translate("Review", "Apply"),
                          duplicate_text(self.proposal.duplicate_of) + "\n\n"
                          + translate("Review", "Add it as a second report anyway?"), QMessageBox.StandardButton.No
                          | QMessageBox.StandardButton.Yes, self)
        box.setObjectName("duplicateReport")
        box.setDefaultButton(QMessageBox.StandardButton.No)
        self.duplicate_box = box
        return box.exec() == QMessageBox.StandardButton.Yes

    # ---------------------------------------------------------------- geometry
    def _restore_geometry(self) -> None:
        from widgets import window_geometry

        s = _settings()
        # as left on this screen size; else most of the screen (a size left on a 1024 px screen
        # is not reused on a 1600 px one)
        window_geometry.restore_dialog(self, s, GEOMETRY_KEY, self.win, share=0.92, most=(1500, 960),
                                       least=(600, 400))
        st = s.value(SPLITTER_KEY)
        if isinstance(st, QByteArray) and not st.isEmpty():
            self.splitter.restoreState(st)
        else:
            self.splitter.setSizes([560, 900])

    def done(self, r: int) -> None:
        from widgets import window_geometry

        s = _settings()
        window_geometry.save_dialog(self, s, GEOMETRY_KEY, self.win)
        s.setValue(SPLITTER_KEY, self.splitter.saveState())
        super().done(r)


def _esc(s: str) -> str:
    import html
    return html.escape(s or "")
