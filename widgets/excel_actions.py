"""Excel round-trips in the desk: File > Export to Excel… and File > Import… (dialogs in excel_dialogs)."""

from __future__ import annotations
from widgets.i18n import QT_TRANSLATE_NOOP as _N  # noqa: N814


class Excel:
    def __init__(self, win):
        self.win = win
        m = win.menus["file"]
        win.act_export = win.add_action(
            _N("Excel", "&Export to Excel…"),
            self.export_excel,
            "Ctrl+E",
            _N("Excel", "Export watchlists and the knowledge base to a workbook"),
            m,
        )
        win.act_import = win.add_action(
            _N("Excel", "&Import…"),
            self.import_file,
            "Ctrl+I",
            _N("Excel", "Import a workbook or another terminal's list"),
            m,
        )

    def export_excel(self) -> None:
        from widgets.excel_dialogs import export_dialog

        export_dialog(self.win)

    def import_file(self) -> None:
        from widgets.excel_dialogs import import_dialog

        import_dialog(self.win)


def install(win) -> Excel:
    f = Excel(win)
    win.features["excel"] = f
    return f
