"""The supplier chain and the evidence: two docks that follow the selection (or the theme)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QMenu, QToolButton, QVBoxLayout, QWidget

from app import labels
from app.domain import SEGMENTS
from widgets.i18n import QT_TRANSLATE_NOOP as _N  # noqa: N814
from widgets.i18n import translate
from widgets.panels import ChainPanel, EvidencePanel


class Chain:
    def __init__(self, win):
        self.win = win
        self.chain = win.chain = ChainPanel()
        self.chain.setObjectName("chainView")
        self.chain.partyClicked.connect(win.select_party)
        self.chain.edgeClicked.connect(self.show_edge)
        self.evidence = win.evidence = EvidencePanel()
        self.evidence.setObjectName("evidenceView")
        self.evidence.setMinimumWidth(200)
        self.segment = QComboBox()
        self.segment.setObjectName("chainSegment")
        self.segment.addItem(translate("Chain", "All segments"), "")
        for k, v in SEGMENTS.items():
            self.segment.addItem(v, k)
        self.segment.currentIndexChanged.connect(lambda _i: self.chain.set_segment(self.segment.currentData()))
        self.segment.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)  # follows the language
        fit = self.fit_button = QToolButton()
        win.i18n.bind(fit, "setText", _N("Chain", "Fit"))
        win.i18n.bind(fit, "setToolTip", _N("Chain", "Fit the graph to the dock"))
        fit.clicked.connect(self.chain.fit)
        box = QWidget()
        lay = QVBoxLayout(box)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        bar = QHBoxLayout()
        bar.setContentsMargins(4, 2, 4, 2)
        seg_label = QLabel()
        win.i18n.bind(seg_label, "setText", _N("Chain", "Segment:"))
        bar.addWidget(seg_label)
        bar.addWidget(self.segment)
        bar.addWidget(fit)
        bar.addStretch(1)
        lay.addLayout(bar)
        lay.addWidget(self.chain, 1)
        box.setMinimumHeight(140)
        win.dock_evidence = win.add_dock(
            _N("Chain", "Evidence"), "dockEvidence", self.evidence, Qt.DockWidgetArea.RightDockWidgetArea
        )
        win.dock_chain = win.add_dock(
            _N("Chain", "Supplier chain"), "dockChain", box, Qt.DockWidgetArea.BottomDockWidgetArea
        )
        win.deskLoaded.connect(self._desk_loaded)
        win.codesSelected.connect(self.follow)
        win.scriptChanged.connect(self._script)
        win.row_menu_hooks.append(self._row_menu)

    def _desk_loaded(self, desk) -> None:
        self.chain.kb = desk.kb
        self.evidence.kb = desk.kb

    def _script(self, script: str) -> None:
        self.chain.script = script
        self.evidence.script = script
        self.retranslate()

    def retranslate(self) -> None:
        """Segment names and the graph's texts in the current language and script."""
        self.segment.setItemText(0, translate("Chain", "All segments"))
        for i in range(1, self.segment.count()):
            self.segment.setItemText(i, labels.segment_label(self.segment.itemData(i), self.chain.script))
        if self.win.desk:
            self.follow(self.win.selected_codes())

    def follow(self, codes: list[str]) -> None:
        """The docks show the selected company; with nothing selected, the theme in force or nothing."""
        win = self.win
        if not win.desk:
            return
        if codes:
            code = codes[0]
            row = win.current_row()
            header = f"{code} {row.name(win.script)}" if row else code
            self.evidence.show_company(code, header)
            self.chain.show_company(code)
            c = win.desk.kb.company(code)
            ref = c.code if c else code
            self._offer_segments({e.segment for e in win.desk.kb.edges if ref in (e.supplier, e.customer)})
            return
        theme = win.screen_filter.theme if win.screen_filter else ""
        if theme:
            self.show_theme(theme)
        else:
            self.evidence.show_empty()
            self.chain.clear()
            self._offer_segments(None)

    def show_theme(self, tid: str) -> None:
        self.chain.show_theme(tid)
        self.evidence.show_theme(tid)
        kb = self.win.desk.kb if self.win.desk else None
        if kb is not None:
            ids = {tid} | {t.id for t in kb.themes.values() if t.parent == tid}
            self._offer_segments({e.segment for e in kb.edges if ids & set(e.themes)})

    def _offer_segments(self, present: set[str] | None) -> None:
        """The segments the graph shown has are offered; the others are greyed (choosing one would
        only say "no supplier chain in …"). ``None``: nothing shown, every segment offered."""
        model = self.segment.model()
        for i in range(1, self.segment.count()):
            item = model.item(i) if hasattr(model, "item") else None
            if item is not None:
                item.setEnabled(present is None or self.segment.itemData(i) in present)

    def show_edge(self, edge) -> None:
        self.evidence.show_edge(edge)
        self.win.dock_evidence.show()
        self.win.dock_evidence.raise_()

    def _row_menu(self, menu: QMenu, codes: list[str]) -> None:
        a = menu.addAction(translate("Chain", "Show &evidence"))
        a.triggered.connect(lambda: (self.win.dock_evidence.show(), self.win.dock_evidence.raise_()))
        a = menu.addAction(translate("Chain", "Open supplier c&hain"))
        a.triggered.connect(lambda: (self.win.dock_chain.show(), self.win.dock_chain.raise_()))


def install(win) -> Chain:
    f = Chain(win)
    win.features["chain"] = f
    return f
