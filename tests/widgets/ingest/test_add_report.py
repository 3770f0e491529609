"""File > Add report… / Paste report…: worker, progress, Cancel, errors; the seed report end to end."""
from __future__ import annotations

import os
import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QPushButton

from tests.conftest import SEEDS


def _seeds():
    if not SEEDS.is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail(f"the reports are not at {SEEDS} (CI keeps ../shared/seeds beside the checkout)")
        pytest.skip(f"the reports are not at {SEEDS} (set CHAINWATCH_SEEDS)")
    return SEEDS


def _file_menu_actions(window):
    menu = next(a.menu() for a in window.menuBar().actions() if a.text().replace("&", "") == "File")
    return [a for a in menu.actions() if not a.isSeparator()]


def test_file_menu_has_add_and_paste_report(window):
    acts = _file_menu_actions(window)
    texts = [a.text() for a in acts]
    i = texts.index("Add &report…")
    assert texts[i + 1] == "Pa&ste report…"
    assert acts[i].shortcut() == QKeySequence("Ctrl+Shift+O")


def test_an_unreadable_file_is_a_message_and_nothing_changes(window, qtbot, tmp_path):
    from widgets.ingest import add_report

    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    n_reports, n_lists = len(window.desk.kb.reports), len(window.desk.store.watchlists())
    add_report(window, str(empty))
    qtbot.waitUntil(lambda: getattr(window, "_ingest_error", None) is not None and window._ingest_error.isVisible(),
                    timeout=10000)
    text = window._ingest_error.text()
    assert "empty.pdf" in text and "empty" in text and "Nothing was changed" in text
    assert getattr(window, "_review", None) is None
    window._ingest_error.close()
    assert len(window.desk.kb.reports) == n_reports and len(window.desk.store.watchlists()) == n_lists
    assert window.undo.count() == 0


def test_cancel_stops_the_analysis_and_opens_nothing(window, qtbot):
    from widgets.ingest import analyse_in_background

    started, gui_thread = threading.Event(), threading.current_thread()
    seen = {}

    def read(progress, cancelled):
        seen["thread"] = threading.current_thread()
        started.set()
        while not cancelled():
            threading.Event().wait(0.01)
        return None

    task = analyse_in_background(window, "slow.pdf", read)
    assert started.wait(5)
    assert seen["thread"] is not gui_thread                     # never on the GUI thread
    qtbot.waitUntil(lambda: task.dialog.isVisible(), timeout=3000)
    cancel = next(b for b in task.dialog.findChildren(QPushButton) if b.text() == "Cancel")
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Cancelled" in window.statusBar().currentMessage(), timeout=3000)
    qtbot.wait(200)
    assert getattr(window, "_review", None) is None
    assert task.cancelled()


def test_paste_a_report_and_review_it(window, qtbot, monkeypatch):
    from widgets import ingest

    dialogs = []
    real = ingest.PasteDialog.exec

    def exec_(self):
        dialogs.append(self)
        self.box.setFocus()
        self.box.insertPlainText("测试证券 2026年3月2日\n中际旭创(300308.SZ)是腾讯控股的核心光模块供应商，独占45%订单。\n")
        qtbot.keyClicks(self.title, "Pasted note")
        assert self.go.isEnabled()
        qtbot.mouseClick(self.go, Qt.MouseButton.LeftButton)
        return self.result()
    monkeypatch.setattr(ingest.PasteDialog, "exec", exec_)
    assert real is not exec_
    window.act_paste_report.trigger()
    qtbot.waitUntil(lambda: getattr(window, "_review", None) is not None, timeout=20000)
    review = window._review
    assert review.proposal.report["title"] == "Pasted note"
    assert review.form.fields["title"].text() == "Pasted note"
    refs = {c.ref for c in review.proposal.companies}
    assert {"300308.SZ", "0700.HK"} <= refs
    edge = next(e for e in review.proposal.edges if e.supplier == "300308.SZ")
    assert edge.customer == "0700.HK" and edge.share_pct == 45
    review.close()


def test_seed_report_002_opens_for_review_and_applies(window, qtbot):
    seeds = _seeds()
    from widgets.ingest import add_report

    path = next(seeds.glob("002_*.txt"))
    add_report(window, str(path))
    qtbot.waitUntil(lambda: getattr(window, "_review", None) is not None, timeout=60000)
    review = window._review
    qtbot.waitExposed(review)
    p = review.proposal
    assert p.report["ai_compiled"] and review.form.ai.isChecked()
    assert review.companies.rowCount() > 30 and review.edges.rowCount() > 20
    # the analyst's first look: 浪潮信息 → Tencent, >50 %, its quote selected in the text
    review.tabs.setCurrentWidget(review.views["edges"])
    view = review.views["edges"]
    col = review.edges.column("quote")
    row = next(r for r in range(view.model().rowCount())
               if "浪潮信息为元宝提供超50%" in view.model().index(r, col).data())
    idx = view.model().index(row, 1)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(idx).center())
    assert review.text.shown_text().startswith("浪潮信息为元宝提供超50%")
    assert "%" in view.model().index(row, review.edges.column("share_pct")).data()
    n = window.undo.count()
    # the desk already has this report (it is one of the bundled five): it says so, and asks
    from PySide6.QtWidgets import QMessageBox

    from tests.widgets.ingest.fixtures import answer_next_box
    assert review.duplicate_banner is not None and "002_9ef0a8e84e9da9c7.txt" in review.duplicate_banner.text()
    answer_next_box(qtbot, QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(review.apply_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.undo.count() == n + 1, timeout=10000)
    from app.ingest import storage
    assert len(storage.reports(window.desk.store)) == 1
    window.undo.undo()
    assert storage.reports(window.desk.store) == []
