"""File > Export… and File > Import…: workers with progress, a column-mapping step, a preview to review.

The steps are those of `app.excel`: parse -> (map columns) -> validate -> preview -> apply in one
transaction. Applying is one undoable command; nothing changes before the user says "Apply".
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QButtonGroup, QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHeaderView, QInputDialog,
    QLabel, QMessageBox, QPlainTextEdit, QRadioButton, QSpinBox, QTableWidget, QTableWidgetItem, QTabWidget,
    QVBoxLayout,
)

from widgets.workers import Task, run_with_progress
from widgets import excel_phrases as xp
from widgets.i18n import tr, translate
from widgets.i18n import QT_TRANSLATE_NOOP as _N  # noqa: N814

FIELD_TITLES = {"code": _N("ExcelDialogs", "Code"), "name": _N("ExcelDialogs", "Name"),
                "notes": _N("ExcelDialogs", "Notes"),
                "tags": _N("ExcelDialogs", "Tags"), "rating": _N("ExcelDialogs", "Rating"), "target_price": _N("ExcelDialogs", "Target price")}


def _settings() -> QSettings:
    return QSettings("chainwatch", "chainwatch")


def _run(win, label: str, fn, done, on_error=None) -> Task:
    return run_with_progress(win, label, fn, done, on_error, with_progress=True)


# ---- export ---------------------------------------------------------------------------------

class ExportOptions(QDialog):
    def __init__(self, current: str | None, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export to Excel"))
        self.all = QRadioButton(self.tr("All watchlists, with the knowledge-base sheets"))
        self.one = QRadioButton(self.tr("Only “{list}”").format(list=current) if current
                                else self.tr("Only the current watchlist"))
        self.one.setEnabled(bool(current))
        self.all.setChecked(True)
        g = QButtonGroup(self)
        g.addButton(self.all)
        g.addButton(self.one)
        info = QLabel(self.tr("Codes are stored as text (leading zeros kept); edit notes, tags, rating and target price "
                              "in Excel, add or delete rows, then File > Import to review the changes."))
        info.setWordWrap(True)
        info.setStyleSheet("color:#666")
        bb = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        bb.accepted.connect(self.accept)
        bb.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        for w in (self.all, self.one, info, bb):
            lay.addWidget(w)


def export_dialog(win) -> None:
    if not win.desk:
        return
    from app import excel

    wl = win.current_watchlist()
    opts = ExportOptions(wl.name if wl else None, win)
    if not opts.exec():
        return
    folder = _settings().value("excel/last_folder", str(Path.home()))
    name = "chainwatch.xlsx" if opts.all.isChecked() else f"{wl.name.split()[0]}.xlsx"
    path, _ = QFileDialog.getSaveFileName(win, translate("ExcelDialogs", "Export to Excel"), str(Path(folder) / name),
                                          translate("ExcelDialogs", "Excel workbook (*.xlsx)"))
    if not path:
        return
    if not path.lower().endswith((".xlsx", ".xlsm")):
        path += ".xlsx"
    _settings().setValue("excel/last_folder", str(Path(path).parent))
    desk = win.desk
    only = wl.name if opts.one.isChecked() else None
    from widgets.i18n import LANGUAGE

    headers = LANGUAGE.lang if LANGUAGE.lang in ("zh_CN", "zh_TW") else "en"

    def work(progress, cancelled):
        # the watchlist sheets' headers in the interface's language (each imports back)
        return excel.export_workbook(desk, path, watchlist=only, progress=progress, cancelled=cancelled,
                                     language=headers)

    def done(res):
        extra = f" ({'; '.join(res.warnings)})" if res.warnings else ""
        win.statusBar().showMessage(translate("ExcelDialogs", "Exported {items} items in {n} watchlist(s) to {path}").format(
            items=res.items, n=len(res.watchlists), path=res.path) + extra, 8000)
    _run(win, translate("ExcelDialogs", "Exporting to {path}…").format(path=path), work, done)


# ---- import -----------------------------------------------------------------------------------

class MappingDialog(QDialog):
    """The columns were not recognised: say which column is which (remembered for this layout)."""

    def __init__(self, request, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Which column is which?"))
        self.request = request
        msg = QLabel(self.tr("{file}, sheet “{sheet}”: {reason}.").format(file=request.file, sheet=request.sheet,
                                                                          reason=xp.REASONS(request.reason)) + "\n"
                     + self.tr("Pick the columns; the choice is remembered for files laid out like this one."))
        msg.setWordWrap(True)
        form = QFormLayout()
        self.combos: dict[str, QComboBox] = {}
        for f in request.fields:
            c = QComboBox()
            c.setObjectName(f"map_{f}")
            c.addItem(self.tr("(none)"), None)
            for col in request.columns:
                c.addItem(self.tr("{letter}: {header} — e.g. {samples}").format(
                    letter=col.letter, header=col.header or self.tr("(no header)"), samples=", ".join(col.samples[:3])),
                          col.index)
            form.addRow(tr(FIELD_TITLES.get(f, f)), c)
            self.combos[f] = c
        self.header = QSpinBox()
        self.header.setRange(0, 1000)
        self.header.setSpecialValueText(self.tr("no header row"))
        self.header.setValue(request.header_row or 0)
        form.addRow(self.tr("Header row"), self.header)
        self.bb = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.bb.accepted.connect(self.accept)
        self.bb.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(msg)
        lay.addLayout(form)
        lay.addWidget(self.bb)
        self.setMinimumWidth(480)
        for c in self.combos.values():
            c.currentIndexChanged.connect(self._check)
        self._check()

    def _check(self) -> None:
        ok = self.combos["code"].currentData() is not None or self.combos["name"].currentData() is not None
        self.bb.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)

    def mapping(self):
        from app.excel import ColumnMapping

        kw = {f: c.currentData() for f, c in self.combos.items()}
        return ColumnMapping(header_row=self.header.value() or None, **kw)


class PreviewDialog(QDialog):
    """Every change by watchlist, row and field; conflicts to decide; problems and rejected rows."""

    def __init__(self, preview, parent=None):
        super().__init__(parent)
        self.preview = preview
        self.setWindowTitle(self.tr("Import {file} — review the changes").format(file=preview.path.name))
        kind = self.tr("Chainwatch workbook") if preview.kind == "workbook" else self.tr("list from another tool")
        head = QLabel(f"<b>{preview.path.name}</b> ({kind}): {xp.summary(preview)}. " + self.tr("Nothing has changed yet."))
        head.setObjectName("previewSummary")
        head.setWordWrap(True)
        tabs = QTabWidget()
        self.changes = self._table([self.tr("Watchlist"), self.tr("Sheet / row"), self.tr("Code"), self.tr("Change"),
                                    self.tr("Before"), self.tr("After")],
                                   [(c.watchlist, f"{c.sheet or ''} {c.row or ''}".strip(), c.code or "",
                                     xp.action_label(c.action) + (f" {tr(FIELD_TITLES.get(c.field, c.field))}" if c.field else ""),
                                     _show(c.old) if c.action == "update" else "",
                                     _show(c.new) if c.action in ("update", "add") else "")
                                    for c in preview.changes])
        self.changes.setObjectName("previewChanges")
        tabs.addTab(self.changes, self.tr("Changes ({n})").format(n=len(preview.changes)))
        self.conflict_box: dict[Any, QComboBox] = {}
        if preview.conflicts:
            t = QTableWidget(len(preview.conflicts), 6)
            t.setObjectName("previewConflicts")
            t.setHorizontalHeaderLabels([self.tr("Watchlist / code"), self.tr("Field"), self.tr("At export"),
                                         self.tr("Workbook"), self.tr("App now"), self.tr("Keep")])
            for i, c in enumerate(preview.conflicts):
                t.setItem(i, 0, QTableWidgetItem(f"{c.watchlist} · {c.code}"))
                t.setItem(i, 1, QTableWidgetItem(tr(FIELD_TITLES.get(c.field, c.field))))
                t.setItem(i, 2, QTableWidgetItem(_show(c.base)))
                t.setItem(i, 3, QTableWidgetItem(_show(c.mine)))
                t.setItem(i, 4, QTableWidgetItem(_show(c.theirs)))
                box = QComboBox()
                box.addItem(self.tr("— decide —"), None)
                box.addItem(self.tr("the workbook's"), "mine")
                box.addItem(self.tr("the app's (keep)"), "theirs")
                box.currentIndexChanged.connect(self._check)
                t.setCellWidget(i, 5, box)
                t.item(i, 0).setToolTip(c.describe())
                self.conflict_box[c.key] = box
            t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            tabs.addTab(t, self.tr("Conflicts ({n})").format(n=len(preview.conflicts)))
            tabs.setCurrentWidget(t)
        bad = [str(p) for p in preview.problems] + [str(p) for p in preview.rejected]
        if bad or preview.notes:
            text = QPlainTextEdit()
            text.setReadOnly(True)
            text.setObjectName("previewProblems")
            parts = []
            if preview.problems:
                parts += [self.tr("Problems — fix the file first; nothing can be imported:")] + \
                         [f"  {xp.problem(p)}" for p in preview.problems]
            if preview.rejected:
                parts += [self.tr("Rows left out:")] + [f"  {xp.problem(p)}" for p in preview.rejected]
            if preview.notes:
                parts += [self.tr("Notes:")] + [f"  {xp.REASONS(n)}" for n in preview.notes]
            text.setPlainText("\n".join(parts))
            tabs.addTab(text, self.tr("Problems ({problems}) · rejected ({rejected})").format(
                problems=len(preview.problems), rejected=len(preview.rejected)))
            if preview.problems:
                tabs.setCurrentWidget(text)
        self.bb = QDialogButtonBox()
        self.apply = self.bb.addButton(self.tr("Apply all"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.skip_rejected = False
        self.skip = None
        if preview.can_skip:  # every problem is one row: offer to leave those rows out
            n = len(preview.problems)
            self.skip = self.bb.addButton((self.tr("Skip {n} rejected rows and apply the rest") if n != 1
                                           else self.tr("Skip {n} rejected row and apply the rest")).format(n=n),
                                          QDialogButtonBox.ButtonRole.ActionRole)
            self.skip.setObjectName("skipRejected")
            self.skip.clicked.connect(self._skip_and_accept)
        self.bb.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.bb.accepted.connect(self.accept)
        self.bb.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(head)
        lay.addWidget(tabs)
        lay.addWidget(self.bb)
        self.resize(900, 520)
        self._check()

    @staticmethod
    def _table(headers, rows) -> QTableWidget:
        t = QTableWidget(len(rows), len(headers))
        t.setHorizontalHeaderLabels(headers)
        t.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for i, r in enumerate(rows):
            for j, v in enumerate(r):
                t.setItem(i, j, QTableWidgetItem(str(v)))
        t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        t.horizontalHeader().setStretchLastSection(True)
        t.resizeColumnsToContents()
        return t

    def _skip_and_accept(self) -> None:
        self.skip_rejected = True
        self.accept()

    def resolutions(self) -> dict:
        return {k: b.currentData() for k, b in self.conflict_box.items() if b.currentData()}

    def _check(self) -> None:
        undecided = any(b.currentData() is None for b in self.conflict_box.values())
        can = self.preview.ok and self.preview.has_changes and not undecided
        self.apply.setEnabled(can)
        self.apply.setToolTip(self.tr("Decide every conflict first") if undecided else "")
        if self.skip is not None:
            self.skip.setEnabled(self.preview.has_changes and not undecided)


def _show(v: Any) -> str:
    return xp.show(v)


def import_dialog(win, path: str | None = None) -> None:
    if not win.desk:
        return
    from app import excel

    if path is None:
        folder = _settings().value("excel/last_folder", str(Path.home()))
        path, _ = QFileDialog.getOpenFileName(
            win, translate("ExcelDialogs", "Import"), folder,
            translate("ExcelDialogs", "Workbooks and lists (*.xlsx *.xlsm *.xls *.ods *.csv *.txt *.htm *.html);;All files (*)"))
        if not path:
            return
        _settings().setValue("excel/last_folder", str(Path(path).parent))
    target = None
    if not excel.importer.is_own_workbook(path):
        names = [w.name for w in win.desk.store.watchlists()]
        wl = win.current_watchlist()
        cur = names.index(wl.name) if wl and wl.name in names else 0
        target, ok = QInputDialog.getItem(win, translate("ExcelDialogs", "Import a list"),
                                          translate("ExcelDialogs", "Into watchlist (type a new name to create one):"),
                                          names, cur, True)
        if not ok or not target.strip():
            return
        target = target.strip()
    _preview_step(win, path, target, None)


def _preview_step(win, path: str, target: str | None, mapping) -> None:
    from app import excel
    desk = win.desk

    def work(progress, cancelled):
        return excel.preview_import(desk, path, watchlist=target, mapping=mapping, progress=progress,
                                    cancelled=cancelled)

    def done(pv):
        if pv.needs_mapping is not None:
            dlg = MappingDialog(pv.needs_mapping, win)
            if dlg.exec():
                _preview_step(win, path, target, dlg.mapping())
            return
        review(win, pv)

    def failed(exc):
        QMessageBox.warning(win, translate("ExcelDialogs", "Import"), str(exc))
    _run(win, translate("ExcelDialogs", "Reading {file}…").format(file=Path(path).name), work, done, failed)


def review(win, pv) -> bool:
    """Show the preview; apply on "Apply all" as one undoable command. Returns True when applied."""
    from app import excel
    from widgets import commands as C

    if not pv.has_changes and not pv.problems and not pv.rejected:
        QMessageBox.information(win, translate("ExcelDialogs", "Import"),
                                translate("ExcelDialogs", "{file}: nothing to change.").format(file=pv.path.name))
        return False
    dlg = PreviewDialog(pv, win)
    if not dlg.exec():
        win.statusBar().showMessage(translate("ExcelDialogs", "Import cancelled: nothing changed."), 4000)
        return False
    choices = dlg.resolutions()
    skip = dlg.skip_rejected
    state: dict[str, Any] = {}

    try:  # apply before pushing: an exception inside QUndoStack.push would not reach us
        state["undo"] = excel.apply_import(win.desk.store, pv, choices, skip_rejected=skip)
    except excel.ExcelImportError as e:
        QMessageBox.warning(win, "Import", f"Nothing was imported:\n\n{e}")
        return False

    def redo(first: bool) -> None:
        if not first:  # redo after an undo: the store is back where the preview was made
            state["undo"] = excel.apply_import(win.desk.store, pv, choices, skip_rejected=skip)

    def undo() -> None:
        excel.revert(win.desk.store, state["undo"])
    win.undo.push(C.Callback(win, translate("ExcelDialogs", "Import {file}").format(file=pv.path.name), redo, undo))
    win.statusBar().showMessage(translate("ExcelDialogs", "Imported {file}: {summary} (Ctrl+Z to undo)").format(
        file=pv.path.name, summary=xp.summary(pv)), 8000)
    return True
