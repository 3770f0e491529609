"""The Excel round-trip through the GUI: export in a worker, edit the workbook, import with a preview, undo."""
import openpyxl
from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog

from widgets import excel_dialogs as X


def _export(window, qtbot, monkeypatch, path):
    monkeypatch.setattr(X.ExportOptions, "exec", lambda self: QDialog.DialogCode.Accepted)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))
    window.export_excel()
    qtbot.waitUntil(lambda: "Exported" in window.statusBar().currentMessage(), timeout=60000)
    assert path.exists()


def test_export_edit_import_preview_apply_undo(window, qtbot, monkeypatch, tmp_path):
    path = tmp_path / "desk.xlsx"
    _export(window, qtbot, monkeypatch, path)
    wl = window.current_watchlist()
    wb = openpyxl.load_workbook(path)
    ws = next(ws for ws in wb.worksheets if ws.sheet_state == "visible" and ws["A1"].value is not None
              and any(str(c.value).lower() == "notes" for c in ws[1]))
    header = [str(c.value).lower() if c.value is not None else "" for c in ws[1]]
    col_code, col_notes = header.index("code") + 1, header.index("notes") + 1
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, col_code).value == "300308.SZ")
    assert isinstance(ws.cell(row, col_code).value, str)
    ws.cell(row, col_notes).value = "光模块 45% — 来自Excel"
    wb.save(path)

    reviewed = []
    real_review = X.review

    def accept_review(win, pv):
        reviewed.append(pv)
        monkeypatch.setattr(X.PreviewDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
        return real_review(win, pv)
    monkeypatch.setattr(X, "review", accept_review)
    X.import_dialog(window, str(path))
    qtbot.waitUntil(lambda: bool(reviewed), timeout=60000)
    pv = reviewed[0]
    assert [c.describe() for c in pv.changes if c.code == "300308.SZ"]
    qtbot.waitUntil(lambda: "Imported" in window.statusBar().currentMessage(), timeout=10000)
    item = next(i for i in window.desk.store.watchlist(wl.id).items if i.code == "300308.SZ")
    assert item.notes == "光模块 45% — 来自Excel"
    window.act_undo.trigger()
    item = next(i for i in window.desk.store.watchlist(wl.id).items if i.code == "300308.SZ")
    assert item.notes == ""


def test_cancelled_preview_changes_nothing(window, qtbot, monkeypatch, tmp_path):
    csv = tmp_path / "wind.csv"
    csv.write_text("证券代码,证券简称\n300308.SZ,中际旭创\n0700.HK,腾讯控股\nXYZ,坏代码\n数据来源：Wind\n", encoding="utf-8")
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("新列表", True))
    seen = []
    monkeypatch.setattr(X.PreviewDialog, "exec", lambda self: (seen.append(self), QDialog.DialogCode.Rejected)[1])
    before = [w.name for w in window.desk.store.watchlists()]
    X.import_dialog(window, str(csv))
    qtbot.waitUntil(lambda: bool(seen), timeout=60000)
    dlg = seen[0]
    assert dlg.changes.rowCount() >= 2
    assert any("XYZ" in str(p) for p in dlg.preview.rejected)
    assert [w.name for w in window.desk.store.watchlists()] == before


def test_unreadable_file_gets_a_message(window, qtbot, monkeypatch, tmp_path):
    from PySide6.QtWidgets import QMessageBox
    bad = tmp_path / "broken.xlsx"
    bad.write_bytes(b"this is not a zip file")
    msgs = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: msgs.append(a[2]))
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("x", True))
    X.import_dialog(window, str(bad))
    qtbot.waitUntil(lambda: bool(msgs), timeout=30000)
    assert "broken.xlsx" in msgs[0]


def test_skip_rejected_rows_button_applies_the_rest(window, qtbot, monkeypatch, tmp_path):
    """One bad cell in our own workbook does not block the import: skip its row, apply the rest."""
    path = tmp_path / "desk.xlsx"
    _export(window, qtbot, monkeypatch, path)
    wl = window.current_watchlist()
    wb = openpyxl.load_workbook(path)
    ws = next(ws for ws in wb.worksheets if ws.sheet_state == "visible" and ws["A1"].value is not None
              and any(str(c.value).lower() == "notes" for c in ws[1]))
    header = [str(c.value).lower() if c.value is not None else "" for c in ws[1]]
    col_code, col_notes, col_rating = (header.index(h) + 1 for h in ("code", "notes", "rating"))
    good = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, col_code).value == "300308.SZ")
    bad = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, col_code).value not in (None, "300308.SZ"))
    bad_code = ws.cell(bad, col_code).value
    ws.cell(good, col_notes).value = "applied"
    ws.cell(bad, col_rating).value = "nine"
    wb.save(path)
    seen = []

    def exec_(self):
        seen.append(self)
        assert not self.apply.isEnabled()  # "Apply all" is blocked by the bad row...
        assert self.skip is not None and self.skip.text() == "Skip 1 rejected row and apply the rest"
        self.skip.click()                  # ...skipping it applies the rest
        return self.result()
    monkeypatch.setattr(X.PreviewDialog, "exec", exec_)
    X.import_dialog(window, str(path))
    qtbot.waitUntil(lambda: "Imported" in window.statusBar().currentMessage(), timeout=60000)
    items = {i.code: i for i in window.desk.store.watchlist(wl.id).items}
    assert items["300308.SZ"].notes == "applied"
    assert bad_code in items and items[bad_code].rating is None  # the skipped row: left as it was
