"""A screenshot of the review window (File > Add report…) on a real report, for docs/ and for looking.

    xvfb-run -s "-screen 0 1600x1000x24" .venv/bin/python scripts/review_screenshot.py REPORT OUT.png \
        [--edge TEXT] [--company NAME] [--tab companies|edges|links|themes|report]

Opens the desk on a throw-away store, reads and analyses REPORT as the menu does (here synchronously),
opens the review window at the screen's available size, selects the supplier edge whose quote contains
TEXT (or the company NAME), and saves the window.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("report")
    ap.add_argument("out")
    ap.add_argument("--edge", default="")
    ap.add_argument("--company", default="")
    ap.add_argument("--tab", default="edges")
    a = ap.parse_args(argv)

    from PySide6.QtCore import QSettings
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setOrganizationName("chainwatch")
    from widgets.fonts import ensure_cjk_font

    fam = ensure_cjk_font()
    if fam:
        f = QFont(app.font())
        f.setFamilies([QFont().defaultFamily(), fam])
        app.setFont(f)
    tmp = Path(tempfile.mkdtemp())
    os.environ["XDG_CONFIG_HOME"] = str(tmp / "config")   # no remembered geometry from a real session
    QSettings("chainwatch", "chainwatch").clear()

    from app.ingest.extract import extract_file
    from app.services import Desk
    from widgets.ingest import analyse_extracted, open_review
    from widgets.main_window import MainWindow

    desk = Desk.open(tmp / "store.sqlite")
    win = MainWindow(lambda: desk, background=False)
    win.show()
    proposal = analyse_extracted(desk, extract_file(a.report))
    w = open_review(win, proposal)
    avail = w.screen().availableGeometry()
    w.setGeometry(avail)
    w.splitter.setSizes([int(avail.width() * 0.36), int(avail.width() * 0.64)])
    app.processEvents()
    key = {"report": 0, "companies": 1, "edges": 2, "links": 3, "themes": 4}[a.tab]
    w.tabs.setCurrentIndex(key)
    if a.tab in w.views and (a.edge or a.company):
        view = w.views[a.tab]
        m = view.model()
        src = m.sourceModel()
        col = src.column("quote") if a.edge else 2
        needle = a.edge or a.company
        row = next((r for r in range(m.rowCount()) if needle in (m.index(r, col).data() or "")), 0)
        idx = m.index(row, 1)
        view.setCurrentIndex(idx)
        view.scrollTo(idx)
        w._row_changed(a.tab, idx)
    for _ in range(3):
        app.processEvents()
    w.repaint()
    app.processEvents()
    ok = w.grab().save(a.out)
    print(f"{'saved' if ok else 'could not save'} {a.out} ({w.width()}x{w.height()})")
    w.close()
    win.close()
    desk.store.close()
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
