"""Add a report (issue 9, "Review and apply"): File > Add report… / Paste report…, reading and
analysis in a worker with progress and Cancel, then the review window (:mod:`widgets.ingest.review`).

``install(window)`` adds the two actions to the main window's File menu; it is the only hook the main
window needs.
"""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QFileDialog, QLabel, QLineEdit, QMenu, QMessageBox, QPlainTextEdit, QProgressDialog,
    QVBoxLayout,
)

from widgets.contrast import keep_muted
from widgets.workers import Task
from widgets.i18n import tr, translate
from widgets.i18n import QT_TRANSLATE_NOOP as _N  # noqa: N814

log = logging.getLogger(__name__)
FILE_FILTER = _N("Ingest", "Reports (*.pdf *.docx *.html *.htm *.txt *.md);;PDF (*.pdf);;Word (*.docx);;Web page (*.html *.htm);;Text (*.txt *.md);;All files (*)")  # noqa: E501
MAX_PASTE = 5_000_000


def _settings() -> QSettings:
    return QSettings("chainwatch", "chainwatch")


def install(window) -> tuple[QAction, QAction]:
    """Add "Add report…" (Ctrl+Shift+O) and "Paste report…" at the top of the File menu."""
    menu = _file_menu(window)
    add = QAction(window)
    window.i18n.bind(add, "setText", _N("Ingest", "Add &report…"))
    add.setObjectName("actAddReport")
    add.setShortcut(QKeySequence("Ctrl+Shift+O"))
    add.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    window.i18n.bind(add, "setStatusTip", _N("Ingest", "Read a broker report (PDF, DOCX, HTML, TXT, MD), review what it names, add it as evidence"))
    add.triggered.connect(lambda *_: add_report(window))
    paste = QAction(window)
    window.i18n.bind(paste, "setText", _N("Ingest", "Pa&ste report…"))
    paste.setObjectName("actPasteReport")
    window.i18n.bind(paste, "setStatusTip", _N("Ingest", "Paste the text of a report or article, review what it names, add it as evidence"))
    paste.triggered.connect(lambda *_: paste_report(window))
    first = menu.actions()[0] if menu.actions() else None
    menu.insertAction(first, add)
    menu.insertAction(first, paste)
    menu.insertSeparator(first)
    window.addAction(add)
    window.addAction(paste)
    window.act_add_report, window.act_paste_report = add, paste
    return add, paste


def _file_menu(window) -> QMenu:
    menus = getattr(window, "menus", None)
    if isinstance(menus, dict) and "file" in menus:
        return menus["file"]
    for a in window.menuBar().actions():
        if a.menu() is not None and a.text().replace("&", "") == "File":
            return a.menu()
    return window.menuBar().addMenu("&File")


# ---- entry points ----------------------------------------------------------------------------

def add_report(win, path: str | None = None) -> Task | None:
    if not win.desk:
        return None
    if path is None:
        folder = _settings().value("ingest/last_folder", str(Path.home()))
        path, _ = QFileDialog.getOpenFileName(win, translate("Ingest", "Add a report"), folder, tr(FILE_FILTER))
        if not path:
            return None
        _settings().setValue("ingest/last_folder", str(Path(path).parent))

    def read(progress, cancelled):
        from app.ingest.extract import extract_file
        return extract_file(path)
    return analyse_in_background(win, Path(path).name, read)


class PasteDialog(QDialog):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(translate("Ingest", "Paste a report"))
        self.setObjectName("pasteReport")
        self.title = QLineEdit()
        self.title.setObjectName("pasteTitle")
        self.title.setPlaceholderText(translate("Ingest", "Title or source (optional: proposed from the text)"))
        self.box = QPlainTextEdit()
        self.box.setObjectName("pasteText")
        self.box.setPlaceholderText(translate("Ingest", "Paste the text of a broker report, a news piece or a WeChat article here."))
        self.count = QLabel("")
        keep_muted(self.count)
        self.bb = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.go = self.bb.addButton(translate("Ingest", "Analyse"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.go.setObjectName("pasteAnalyse")
        self.bb.accepted.connect(self.accept)
        self.bb.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.title)
        lay.addWidget(self.box, 1)
        lay.addWidget(self.count)
        lay.addWidget(self.bb)
        self.box.textChanged.connect(self._check)
        self.resize(760, 520)
        self._check()

    def _check(self) -> None:
        n = len(self.box.toPlainText())
        self.count.setText(translate("Ingest", "{n} characters").format(n=f"{n:,}") + (
            translate("Ingest", " — more than {max}: too long").format(max=f"{MAX_PASTE:,}") if n > MAX_PASTE else ""))
        self.go.setEnabled(0 < n <= MAX_PASTE and bool(self.box.toPlainText().strip()))


def paste_report(win, text: str | None = None, title: str = "") -> Task | None:
    if not win.desk:
        return None
    if text is None:
        dlg = PasteDialog(win)
        if not dlg.exec():
            return None
        text, title = dlg.box.toPlainText(), dlg.title.text().strip()

    def read(progress, cancelled):
        from app.ingest.extract import extract_pasted
        return extract_pasted(text, title or "pasted")
    task = analyse_in_background(win, title or "pasted text", read)
    if task is not None and title:
        task.title = title
    return task


# ---- the worker -------------------------------------------------------------------------------

def analyse_in_background(win, label: str, read: Callable[..., Any], analyse_fn: Callable | None = None,
                          on_proposal: Callable | None = None) -> Task:
    """Extract (``read``) then analyse in the thread pool; a progress dialog with Cancel meanwhile.
    On success the review window opens (or ``on_proposal(proposal)`` runs); an ``IngestError`` is a
    message and nothing changes."""
    desk = win.desk

    state = {"label": translate("Ingest", "Reading {what}…").format(what=label)}

    def work(progress, cancelled):
        progress(0, 100)
        extracted = read(progress, cancelled)
        if cancelled():
            return None
        state["label"] = translate("Ingest", "Finding companies and links in {what}…").format(what=label)
        progress(10, 100)
        fn = analyse_fn or analyse_extracted

        def step(name: str, frac: float) -> None:
            state["label"] = f"{name} in {label}…"
            progress(10 + int(90 * frac), 100)
        return fn(desk, extracted, progress=step, cancelled=cancelled)

    task = Task(work, with_progress=True)
    dlg = QProgressDialog(translate("Ingest", "Reading {what}…").format(what=label), translate("Ingest", "Cancel"), 0, 0, win)
    dlg.setObjectName("ingestProgress")
    dlg.setWindowTitle(translate("Ingest", "Add a report"))
    dlg.setWindowModality(Qt.WindowModality.WindowModal)
    dlg.setMinimumDuration(300)
    dlg.setAutoClose(False)
    dlg.setAutoReset(False)
    task.dialog = dlg

    def prog(d, t):
        dlg.setRange(0, t)
        dlg.setValue(d)
        dlg.setLabelText(state["label"])

    def cancel():
        task.cancel()
        win.statusBar().showMessage(translate("Ingest", "Cancelled {what}: nothing changed.").format(what=label), 5000)

    def done(proposal):
        dlg.reset()
        dlg.hide()
        if task.cancelled() or proposal is None:
            return
        title = getattr(task, "title", "")
        if title:   # typed in the paste dialog: it wins over the proposed one
            proposal.report["title"] = title
        if on_proposal is not None:
            on_proposal(proposal)
        else:
            open_review(win, proposal)

    def failed(exc, tb):
        dlg.reset()
        dlg.hide()
        if task.cancelled():
            return
        show_error(win, label, exc)

    dlg.canceled.connect(cancel)
    task.signals.progress.connect(prog)
    task.signals.done.connect(done)
    task.signals.failed.connect(failed)
    win._tasks.append(task)
    task.start()
    return task


def analyse_extracted(desk, ex, progress=None, cancelled=None):
    """Metadata proposed from the text, then the pipeline (worker thread; changes nothing)."""
    import dataclasses

    from app.ingest.meta import propose_meta
    from app.ingest.pipeline import analyse

    meta = dataclasses.asdict(propose_meta(ex))
    return analyse(desk, ex.text, source=ex.source, fmt=ex.format, meta=meta, dropped=ex.dropped,
                   warnings=ex.warnings, progress=progress, cancelled=cancelled)


def show_error(win, label: str, exc: BaseException) -> None:
    from app.ingest.extract import IngestError

    if isinstance(exc, IngestError):
        msg = translate("Ingest", "{what} could not be read:").format(what=label) + f"\n\n{exc}\n\n" + translate(
            "Ingest", "Nothing was changed.")
    else:
        log.error("ingest failed: %r", exc)
        msg = translate("Ingest", "{what} could not be analysed (an unexpected error, logged):").format(what=label) + (
            f"\n\n{exc}\n\n" + translate("Ingest", "Nothing was changed."))
    box = QMessageBox(QMessageBox.Icon.Warning, translate("Ingest", "Add a report"), msg, parent=win)
    box.setObjectName("ingestError")
    box.open()
    win._ingest_error = box


def open_review(win, proposal, **kw):
    from widgets.ingest.review import ReviewWindow

    w = ReviewWindow(proposal, win.desk, win, **kw)
    w.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    win._review = w
    w.show()
    w.activateWindow()
    return w
