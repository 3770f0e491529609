"""The dark theme's contrast, measured (WCAG 2 ratio) on the colours actually used: the evidence's
publisher / date grey, the chain's legend line and message, the review window's highlighted mentions,
its legend chips and its grey status lines. Switched live with View > Theme."""

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QLabel

from tests.widgets.ingest.fixtures import make_proposal
from widgets.contrast import contrast, ink_on, muted

GREY_MIN, TEXT_MIN = 3.0, 4.5


@pytest.fixture
def theme(window):
    appearance = window.features["appearance"]

    def switch(key: str) -> None:
        appearance.actions[key].trigger()
        for _ in range(3):                # the panels re-draw on the next event-loop turn
            QApplication.processEvents()

    yield switch
    switch("light")


def _background(view) -> QColor:
    """What the view paints behind its text: a pixel in its right margin."""
    img = view.viewport().grab().toImage()
    return QColor(img.pixel(img.width() - 2, img.height() - 2))


def _fragments(doc):
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            f = it.fragment()
            if f.isValid():
                yield f
            it += 1
        block = block.next()


def _fg(fmt, palette) -> QColor:


    return fmt.foreground().color() if fmt.foreground().style() != Qt.BrushStyle.NoBrush \
        else palette.color(QPalette.ColorRole.Text)


def _evidence_greys(window, report_text: str) -> list[float]:
    ev = window.evidence
    bg = _background(ev)
    return [contrast(_fg(f.charFormat(), ev.palette()), bg) for f in _fragments(ev.document())
            if report_text in f.text()]


def test_contrast_helpers():
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert ink_on("#cfe2ff").name() == "#1a1a1a" and ink_on("#1e1f22").name() == "#f2f2f2"
    from widgets.appearance import dark_palette

    pal = dark_palette()
    assert contrast(muted(pal), pal.color(QPalette.ColorRole.Base)) >= TEXT_MIN
    assert contrast(muted(pal, QPalette.ColorRole.Window), pal.color(QPalette.ColorRole.Window)) >= TEXT_MIN


def test_evidence_metadata_reads_in_the_dark_theme_and_follows_the_switch(window, qtbot, theme):
    qtbot.waitUntil(lambda: window.desk is not None, timeout=10000)
    window.select_party("300308.SZ")
    kb = window.desk.kb
    publisher = next(r.publisher for r in kb.reports.values() if r.publisher in window.evidence.toPlainText())
    light = _evidence_greys(window, publisher)
    assert light and min(light) >= GREY_MIN
    theme("dark")
    assert _background(window.evidence).lightnessF() < 0.2
    dark = _evidence_greys(window, publisher)
    assert dark and min(dark) >= GREY_MIN, dark          # was #555 on #1e1f22: 2.5
    theme("light")
    assert min(_evidence_greys(window, publisher)) >= GREY_MIN     # grey on white again, live


def test_chain_legend_line_and_message_read_in_the_dark_theme(window, qtbot, theme):
    qtbot.waitUntil(lambda: window.desk is not None, timeout=10000)
    theme("dark")
    chain = window.chain
    bg = _background(chain)
    assert bg.lightnessF() < 0.2
    msg = [i for i in chain.scene().items() if hasattr(i, "defaultTextColor")]
    assert msg and contrast(msg[0].defaultTextColor(), bg) >= GREY_MIN     # 'Select a company…' was #666
    about = window.themes.about                                             # 'Select a theme…' likewise
    hint = [f for f in _fragments(about.document()) if f.text().strip()]
    assert hint and contrast(_fg(hint[0].charFormat(), about.palette()), _background(about)) >= GREY_MIN
    window.select_party("300308.SZ")
    QApplication.processEvents()
    head = [i for i in chain.scene().items() if hasattr(i, "defaultTextColor") and "—" in i.toPlainText()]
    assert head and contrast(head[0].defaultTextColor(), _background(chain)) >= GREY_MIN


@pytest.fixture
def review(window, qtbot, theme):
    from widgets.ingest.review import ReviewWindow

    theme("dark")
    w = ReviewWindow(make_proposal(), window.desk, window)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def test_review_highlights_and_legend_read_in_the_dark_theme(review, qtbot):
    text = review.text
    pal = text.palette()
    assert pal.color(QPalette.ColorRole.Base).lightnessF() < 0.2          # the dark theme
    highlighted = [f for f in _fragments(text.document())
                   if f.charFormat().background().style() != Qt.BrushStyle.NoBrush and f.text().strip()]
    assert len(highlighted) >= 4
    for f in highlighted:
        bg = f.charFormat().background().color()
        assert contrast(_fg(f.charFormat(), pal), bg) >= TEXT_MIN, (f.text(), bg.name())
    # a company's mention shown: the quote, its parties and this mention
    from tests.widgets.ingest.test_review import _click_cell, _row_of

    view = review.views["companies"]
    _click_cell(qtbot, view, _row_of(view, 2, "腾讯控股"), 2)
    sels = text.extraSelections()
    assert len(sels) >= 2
    for sel in sels:
        bg = sel.format.background().color()
        assert contrast(_fg(sel.format, pal), bg) >= TEXT_MIN, (sel.cursor.selectedText(), bg.name())
    # the legend's chips: the label's text on each chip's background
    legend = review.findChild(QLabel, "reviewLegend")
    ink = legend.palette().color(QPalette.ColorRole.WindowText)
    chips = re.findall(r"background:\s*(#[0-9a-fA-F]{6})", legend.text())
    assert len(chips) == 6
    for bg in chips:
        assert contrast(ink, bg) >= TEXT_MIN, bg
    # the grey status line under the text, and the metadata note
    window_bg = review.palette().color(QPalette.ColorRole.Window)
    assert "mention 1 of" in review.where.text()
    assert contrast(review.where.palette().color(QPalette.ColorRole.WindowText), window_bg) >= GREY_MIN
    note = next(lab for lab in review.findChildren(QLabel) if "AI-compiled report" in lab.text())
    assert contrast(note.palette().color(QPalette.ColorRole.WindowText), window_bg) >= GREY_MIN


def test_review_table_rows_on_a_highlight_keep_a_dark_ink(review):


    checked = 0
    for m in (review.companies, review.edges, review.links):
        for r in range(m.rowCount()):
            for c in range(m.columnCount()):
                idx = m.index(r, c)
                bg = idx.data(Qt.ItemDataRole.BackgroundRole)
                if bg is None:
                    continue
                fg = idx.data(Qt.ItemDataRole.ForegroundRole)
                assert fg is not None, (m, r, c)
                assert contrast(fg.color(), bg.color()) >= TEXT_MIN
                checked += 1
    assert checked            # the fixture has a weak company


def test_review_greys_follow_a_live_switch(review, theme):
    theme("light")
    window_bg = review.palette().color(QPalette.ColorRole.Window)
    fg = review.where.palette().color(QPalette.ColorRole.WindowText)
    assert window_bg.lightnessF() > 0.8 and fg.lightnessF() < 0.5 and contrast(fg, window_bg) >= GREY_MIN
    theme("dark")
    window_bg = review.palette().color(QPalette.ColorRole.Window)
    fg = review.where.palette().color(QPalette.ColorRole.WindowText)
    assert window_bg.lightnessF() < 0.3 and fg.lightnessF() > 0.5 and contrast(fg, window_bg) >= GREY_MIN
