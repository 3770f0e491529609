"""File > Print…, Print Preview… and Export PDF… for the current view (list or screen result)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QFileDialog, QMessageBox
from widgets.i18n import tr, translate
from widgets.i18n import QT_TRANSLATE_NOOP as _N  # noqa: N814


def current_summary(win):
    """The summary of what the table shows, from the table's own rows: the list (with its ratings,
    targets and notes) or the view, screened and sorted as on screen, and the filters in force."""
    from app.printing.summary import build_summary

    wl = win.current_watchlist()
    codes = win.proxy.codes(range(win.proxy.rowCount()))
    screen = win.screen_filter
    filtered = screen is not None and not screen.is_empty()
    name = win.current_view_name()
    lookup = getattr(win, "price_lookup", None)
    summary = build_summary(
        win.desk, watchlist=wl.id if wl else None, codes=codes,
        filters=describe_screen(screen, win.desk.kb, getattr(win, "script", "en")) if filtered else None,
        screen_name=translate("Printing", "{name} (screened)").format(name=name) if filtered else (None if wl else name),
        price_lookup=lookup)
    _localise(win, summary)
    if lookup is not None:
        from widgets.print_charts import basket_chart_image
        made = basket_chart_image(win.desk, codes, summary.title)
        if made is not None:
            summary.add_chart(translate("Printing", "Equal-weight basket of the companies above"), made[0], made[1])
    return summary


def _orientations():
    from widgets.printing import ORIENTATION_LABELS

    return ORIENTATION_LABELS


def describe_screen(screen, kb, script: str) -> list[str]:
    """The filters in force in the interface's language, as the status bar says them
    (widgets.screening.describe_screen); app.screening.Screen.describe in English when none."""
    from widgets.screening import describe_screen as words

    def theme_title(tid: str) -> str:
        t = kb.themes.get(tid) if kb else None
        return t.title_in(script) if t else tid

    return words(screen, kb, script, theme_title) or list(screen.describe(kb))


def _localise(win, summary) -> None:
    """The printed table's themes and chain roles in the desk's script, as the table shows them."""
    from app import labels

    kb = win.desk.kb
    for r in summary.rows:
        c = kb.company(r.code)
        if c is None:
            continue
        r.chain_role = labels.chain_role(kb, c.code, win.script)
        r.theme_titles = tuple(win.theme_title(t) for t in r.themes)
        if win.script == "hant" and c.name_zh_hant:
            r.name = c.name_zh_hant


def _check(win) -> bool:
    if not win.desk:
        return False
    if win.proxy.rowCount() == 0:
        QMessageBox.information(win, translate("Printing", "Print"), translate("Printing", "Nothing to print: the table shows no rows."))
        return False
    return True


def preview(win) -> None:
    if not _check(win):
        return
    from widgets.printing import show_print_preview
    show_print_preview(win, current_summary(win))


def print_now(win) -> None:
    if not _check(win):
        return
    from widgets.printing import print_dialog
    print_dialog(win, current_summary(win))


def export_pdf_dialog(win) -> None:
    if not _check(win):
        return
    from PySide6.QtCore import QSettings

    s = QSettings("chainwatch", "chainwatch")
    folder = s.value("printing/last_folder", str(Path.home()))
    wl = win.current_watchlist()
    default = Path(folder) / f"{(wl.name if wl else 'chainwatch').split()[0]}-summary.pdf"
    path, _ = QFileDialog.getSaveFileName(win, translate("Printing", "Export PDF"), str(default), "PDF (*.pdf)")
    if not path:
        return
    if not path.lower().endswith(".pdf"):
        path += ".pdf"
    s.setValue("printing/last_folder", str(Path(path).parent))
    summary = current_summary(win)
    from widgets.printing import export_pdf, load_options
    from widgets.workers import run_with_progress

    options = load_options()

    def done(res):
        win.statusBar().showMessage(translate("Printing", "Saved {path} ({pages} pages, {paper} {orientation})").format(
            path=res.path, pages=res.pages, paper=res.paper,
            orientation=tr(_orientations().get(res.orientation, res.orientation))), 8000)

    def failed(exc):
        QMessageBox.warning(win, translate("Printing", "Export PDF"), translate("Printing", "Could not write {path}:").format(path=path) + f"\n{exc}")
    run_with_progress(win, translate("Printing", "Writing {path}…").format(path=path), lambda: export_pdf(path, summary, options), done, failed)


class Printing:
    def __init__(self, win):
        self.win = win
        m = win.menus["file"]
        m.addSeparator()
        win.act_print = win.add_action(_N("Printing", "&Print…"), self.print_summary, QKeySequence.StandardKey.Print,
                                       _N("Printing", "Print a summary of what the table shows"), m)
        win.act_preview = win.add_action(_N("Printing", "Print Pre&view…"), self.print_preview, "Ctrl+Shift+P",
                                         _N("Printing", "Preview the printed summary"), m)
        win.act_pdf = win.add_action(_N("Printing", "Export P&DF…"), self.export_pdf, "Ctrl+Shift+E", _N("Printing", "Save the summary as PDF"), m)
        m.addSeparator()

    def print_summary(self) -> None:
        print_now(self.win)

    def print_preview(self) -> None:
        preview(self.win)

    def export_pdf(self) -> None:
        export_pdf_dialog(self.win)


def install(win) -> Printing:
    f = Printing(win)
    win.features["printing"] = f
    return f
