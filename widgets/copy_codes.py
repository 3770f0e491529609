"""Copy a code as another terminal writes it (Wind / Choice / iFinD, Futu, Bloomberg, Yahoo, 同花顺):
the "Copy code as" entry of the table's right-click menu."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QMenu

from widgets.i18n import translate

DIALECTS = (
    ("wind", "Wind / Choice / iFinD"),
    ("futu", "Futu"),
    ("bloomberg", "Bloomberg"),
    ("yahoo", "Yahoo"),
    ("ths", "同花顺"),
)


def render_code(code: str, dialect: str) -> str:
    from app.codes import try_parse

    p = try_parse(code)
    return p.render(dialect) if p else code


class CopyCodes:
    def __init__(self, win):
        self.win = win
        win.row_menu_hooks.append(self.row_menu)  # installed after the features: the last entry

    def row_menu(self, menu: QMenu, codes: list[str]) -> None:
        sub = menu.addMenu(translate("MainWindow", "Copy &code as"))
        sub.setObjectName("copyCodeMenu")
        for dialect, label in DIALECTS:
            a = sub.addAction(f"{label}: {render_code(codes[0], dialect)}")
            a.setData(dialect)
            a.triggered.connect(lambda _=False, d=dialect, cs=list(codes): self.copy_codes_as(cs, d))

    def copy_codes_as(self, codes: list[str], dialect: str = "canonical") -> None:
        QApplication.clipboard().setText("\n".join(render_code(c, dialect) for c in codes))
        self.win.statusBar().showMessage(
            translate("MainWindow", "Copied {n} code(s) ({dialect})").format(n=len(codes), dialect=dialect), 3000
        )


def install(win) -> CopyCodes:
    f = CopyCodes(win)
    win.features["copy_codes"] = f
    return f
