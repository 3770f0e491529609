"""Excel round-trips: export the desk to a workbook, import it back after edits, import other tools' lists.

Qt-free; the GUI runs these in a worker thread (every long call takes ``progress(done, total)``
and ``cancelled()``). The steps the GUI calls::

    from app import excel

    result = excel.export_workbook(desk, "desk.xlsx")                  # or watchlist="AI servers"
    preview = excel.preview_import(desk, "desk.xlsx")                  # parse + validate + preview
    preview.problems / preview.changes / preview.conflicts / preview.rejected / preview.notes
    if preview.needs_mapping:                                           # a list with unknown columns
        preview = excel.preview_import(desk, path, mapping=excel.ColumnMapping(code=1, header_row=3))
    undo = excel.apply_import(desk.store, preview, {conflict.key: "mine"})   # one transaction
    excel.revert(desk.store, undo)                                      # the GUI's undo

Bad files raise :class:`ExcelFileError` (the message says what and where) before anything changes.
"""
from app.excel.export import ExportResult, export_workbook
from app.excel.foreign import ColumnMapping, MappingRequest, preview_list
from app.excel.importer import (
    BlockedError, Change, Conflict, ConflictError, ExcelImportError, ImportPreview, StaleError,
    UndoInfo, apply_changes, apply_import, parse_workbook, preview_workbook, revert,
)
from app.excel.preview import preview_import
from app.excel.readers import MAX_ROWS, CancelledError, ExcelFileError, Problem

__all__ = [
    "BlockedError", "CancelledError", "Change", "ColumnMapping", "Conflict", "ConflictError",
    "ExcelFileError", "ExcelImportError", "ExportResult", "ImportPreview", "MAX_ROWS", "MappingRequest", "Problem",
    "StaleError", "UndoInfo", "apply_changes", "apply_import", "export_workbook", "parse_workbook",
    "preview_import", "preview_list", "preview_workbook", "revert",
]
