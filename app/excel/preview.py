"""``preview_import``: one call for the GUI and the CLI (own workbook or another tool's list).

It lives in :mod:`app.excel.importer`; this module keeps the import path the CLI and the package use.
"""

from app.excel.importer import preview_import

__all__ = ["preview_import"]
