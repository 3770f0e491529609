"""One call for the GUI and the CLI: preview any file, our own workbook or another tool's list.

It sits above both readers (:mod:`app.excel.importer` and :mod:`app.excel.foreign`), so that
neither imports the other to dispatch.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app.excel.foreign import preview_list
from app.excel.importer import ImportPreview, is_own_workbook, parse_workbook, preview_workbook
from app.excel.readers import Cancelled, Progress


def preview_import(
    desk,
    path: Path | str,
    *,
    watchlist: str | None = None,
    mapping: Any = None,
    sheet: str | None = None,
    remember: bool = True,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    mappings_file: Path | None = None,
) -> ImportPreview:
    """Steps 1-3 for any file: our own workbook (three-way) or another tool's list.

    Raises :class:`ExcelFileError` for a file that cannot be read; everything else (bad cells,
    rejected rows, columns to map, conflicts) is in the returned preview.
    """
    path = Path(path)
    if is_own_workbook(path):
        wb = parse_workbook(path, desk, progress=progress, cancelled=cancelled)
        return preview_workbook(desk, wb, watchlist=watchlist)
    return preview_list(
        desk,
        path,
        watchlist=watchlist,
        mapping=mapping,
        sheet=sheet,
        remember=remember,
        progress=progress,
        cancelled=cancelled,
        mappings_file=mappings_file,
    )


__all__ = ["preview_import"]
