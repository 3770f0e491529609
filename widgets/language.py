"""View > Names (简体 / 繁體 / English company names) and View > Language (the interface: the system's,
简体中文, 繁體中文 or English), switched live; theme titles in the script in force.

A core part of the desk, installed by the main window before the features.
"""

from __future__ import annotations

from PySide6.QtGui import QAction, QActionGroup, QKeySequence

from widgets.common import settings
from widgets.i18n import LANGUAGE, LANGUAGES, SCRIPT_OF, resolve, tr, translate
from widgets.i18n import QT_TRANSLATE_NOOP as _N  # noqa: N814

SCRIPTS = (
    ("hans", _N("MainWindow", "简体 Simplified"), "Ctrl+1"),
    ("hant", _N("MainWindow", "繁體 Traditional"), "Ctrl+2"),
    ("en", _N("MainWindow", "English"), "Ctrl+3"),
)


class Language:
    def __init__(self, win):
        self.win = win
        m_view = win.menus["view"]
        names = m_view.addMenu(tr(_N("MainWindow", "&Names")))
        win.i18n.bind(names, "setTitle", _N("MainWindow", "&Names"))
        grp = QActionGroup(win)
        win.script_actions = self.script_actions = {}
        for key, label, sc in SCRIPTS:
            a = QAction(tr(label), win, checkable=True)
            win.i18n.bind(a, "setText", label)
            a.setShortcut(QKeySequence(sc))
            a.triggered.connect(lambda _=False, k=key: self.set_script(k))
            grp.addAction(a)
            names.addAction(a)
            win.addAction(a)
            self.script_actions[key] = a
        self.script_actions[win.script].setChecked(True)
        self._build_language_menu(m_view)
        win.model.theme_title = self.theme_title
        win.theme_title = self.theme_title

    def _build_language_menu(self, m_view) -> None:
        """View > Language: System, 简体中文, 繁體中文, English (each named in itself)."""
        win = self.win
        win.menu_language = menu = m_view.addMenu(tr(_N("MainWindow", "&Language")))
        menu.setObjectName("menu_language")
        win.i18n.bind(menu, "setTitle", _N("MainWindow", "&Language"))
        grp = QActionGroup(win)
        win.language_actions = self.language_actions = {}
        for key, label in LANGUAGES:
            a = QAction(win, checkable=True)
            a.setObjectName(f"language_{key}")
            a.setData(key)
            if label is None:
                win.i18n.bind(
                    a,
                    "setText",
                    lambda: translate("MainWindow", "&System ({language})").format(
                        language=dict(LANGUAGES).get(resolve("system")) or "English"
                    ),
                )
            else:
                a.setText(label)
            a.triggered.connect(lambda _=False, k=key: self.set_language(k))
            grp.addAction(a)
            menu.addAction(a)
            self.language_actions[key] = a
        self.language_actions.get(win.language_choice, self.language_actions["system"]).setChecked(True)

    def set_language(self, choice: str, save: bool = True) -> None:
        """Switch the interface language now; the names follow (zh_TW: Traditional, en: English).
        ``save=False`` (``main.py --language``): for this run only."""
        win = self.win
        if choice not in self.language_actions:
            choice = "system"
        win.language_choice = choice
        self.language_actions[choice].setChecked(True)
        if save:
            settings().setValue("view/language", choice)
            self.saved = choice
        lang = resolve(choice)
        LANGUAGE.install(lang)
        self.set_script(SCRIPT_OF[lang])
        win.retranslate()

    def set_script(self, script: str) -> None:
        win = self.win
        win.script = script
        win.model.set_script(script)
        # names are shorter in Chinese: the columns are fitted again (narrower too), widths set by hand kept
        win.table.fit_columns(keep_by_hand=True)
        self.script_actions[script].setChecked(True)
        win.scriptChanged.emit(script)
        win.selection_changed()

    def theme_title(self, tid: str) -> str:
        desk = self.win.desk
        t = desk.kb.themes.get(tid) if desk else None
        return t.title_in(self.win.script) if t else tid

    # ---------------------------------------------------------------- settings
    def restore_settings(self, s) -> None:
        script = s.value("desk/script", self.win.script)
        if script in ("hans", "hant", "en"):
            self.win.script = script
            self.win.model.script = script
            self.script_actions[script].setChecked(True)
            self.win.scriptChanged.emit(script)

    def save_settings(self, s) -> None:
        s.setValue("desk/script", self.win.script)
        if getattr(self, "saved", None):
            s.setValue("view/language", self.saved)


def install(win) -> Language:
    f = Language(win)
    win.features["language"] = f
    return f
