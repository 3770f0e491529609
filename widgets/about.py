"""Help > About the data: the knowledge base's version, its counts and its reports."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from widgets.i18n import QT_TRANSLATE_NOOP as _N  # noqa: N814
from widgets.i18n import translate


class About:
    def __init__(self, win):
        self.win = win
        win.add_action(_N("MainWindow", "&About the data"), self.about_data, menu="help")

    def about_data(self) -> None:
        win = self.win
        if not win.desk:
            return
        kb = win.desk.kb
        reps = "".join(f"<li>{r.label}: {r.title}</li>" for r in kb.reports.values())
        QMessageBox.about(
            win,
            translate("MainWindow", "About the data"),
            translate(
                "MainWindow",
                "<p>Knowledge base {version}: {companies} companies, {entities} "
                "unlisted entities, {edges} supplier edges, {themes} themes.</p>",
            ).format(
                version=kb.version,
                companies=len(kb.companies),
                entities=len(kb.entities),
                edges=len(kb.edges),
                themes=len(kb.themes),
            )
            + f"<ul>{reps}</ul>"
            + translate(
                "MainWindow",
                "<p>Every link carries a verbatim quote. Report 002 is "
                "AI-compiled and cites no sources; its claims are flagged.</p>",
            ),
        )


def install(win) -> About:
    f = About(win)
    win.features["about"] = f
    return f
