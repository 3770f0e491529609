"""Screening: the filter bar, the themes dock, saved screens (Screen menu)."""

from __future__ import annotations

import json

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QInputDialog

from widgets.common import settings
from widgets.filter_bar import FilterBar
from widgets.panels import ThemesPanel
from widgets.table_model import COLUMN_INDEX
from widgets.i18n import translate
from widgets.i18n import QT_TRANSLATE_NOOP as _N  # noqa: N814


class Screening:
    def __init__(self, win):
        self.win = win
        self.filter_bar = win.filter_bar = FilterBar()
        self.filter_bar.changed.connect(win.apply_screen)
        self.filter_bar.toResults.connect(self.to_first_result)
        win.central_layout.insertWidget(0, self.filter_bar)
        self.themes = win.themes = ThemesPanel()
        self.themes.setMinimumWidth(140)
        self.themes.themeSelected.connect(self._theme_selected)
        win.dock_themes = win.add_dock(
            _N("Screening", "Themes"), "dockThemes", self.themes, Qt.DockWidgetArea.LeftDockWidgetArea
        )

        act = win.add_action
        win.act_find = act(
            _N("Screening", "&Find…"),
            self.focus_filter,
            QKeySequence.StandardKey.Find,
            _N("Screening", "Filter the table"),
            "edit",
        )
        m_screen = win.menus["screen"]
        win.act_clear = act(
            _N("Screening", "&Clear filters"), self.filter_bar.clear_filters, "Ctrl+Shift+X", menu=m_screen
        )
        win.act_save_screen = act(
            _N("Screening", "&Save screen…"),
            self.save_screen,
            "Ctrl+S",
            _N("Screening", "Save the filters under a name"),
            m_screen,
        )
        self.menu_screens = win.menu_screens = m_screen.addMenu(translate("Screening", "Saved scr&eens"))
        win.i18n.bind(self.menu_screens, "setTitle", _N("Screening", "Saved scr&eens"))
        win.act_delete_screen = act(_N("Screening", "&Delete saved screen…"), self.delete_screen, menu=m_screen)
        win.deskLoaded.connect(self._desk_loaded)
        self.filter_bar.theme_title = self.themes.theme_title = win.theme_title
        win.scriptChanged.connect(lambda _s: self.retranslate())

    def retranslate(self) -> None:
        """The filter bar and the themes in the current language; domain labels in the names' script."""
        self.themes.script = self.win.script
        self.filter_bar.retranslate(self.win.script)
        self.themes.retranslate()
        if self.win.desk:
            self._fill_screens_menu()

    def _desk_loaded(self, desk) -> None:
        from app.screening import Screen

        self.themes.script = self.filter_bar.script = self.win.script
        self.themes.set_kb(desk.kb)
        self.filter_bar.set_kb(desk.kb)
        self._fill_screens_menu()
        saved = settings().value("desk/screen", None)
        if saved and not self.win._initial_list:
            try:
                self.filter_bar.set_screen(Screen.from_dict(json.loads(saved)))
            except (ValueError, TypeError):
                pass

    def screen_applied(self, screen, shown: int, total: int) -> None:
        self.themes.blockSignals(True)
        self.themes.select_theme(screen.theme)
        self.themes.blockSignals(False)
        self.filter_bar.count.setText(translate("Screening", "{shown} of {total}").format(shown=shown, total=total))

    def focus_filter(self) -> None:
        self.filter_bar.text.setFocus()
        self.filter_bar.text.selectAll()

    def to_first_result(self) -> None:
        """Enter / Down in the filter box: the first shown row is selected and the table has focus."""
        win = self.win
        if win.proxy.rowCount() == 0:
            return
        idx = win.proxy.index(0, COLUMN_INDEX["code"])
        win.table.selectionModel().setCurrentIndex(
            idx, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )
        win.table.scrollTo(idx)
        win.table.setFocus()

    def _theme_selected(self, tid: str) -> None:
        win = self.win
        self.filter_bar.set_theme(tid)
        if tid and win.desk:
            chain = win.features.get("chain")
            if chain is not None:
                chain.show_theme(tid)
            charts = win.features.get("charts")
            if charts is not None:
                kb = win.desk.kb
                t = kb.themes[tid]
                refs = kb.theme_members(tid)
                members = [c for r in refs if (c := self._listing(r))]
                unlisted = tuple(kb.ref_name(r) for r in refs if not kb.company(r))
                charts.show_basket(f"{t.title_zh} {t.title_en}", members, unlisted)

    def _listing(self, ref: str) -> str | None:
        c = self.win.desk.kb.company(ref)
        if not c:
            return None
        return next((x for x in c.codes if not x.endswith(".US")), None)

    def save_screen(self) -> None:
        win = self.win
        if not win.desk:
            return
        name, ok = QInputDialog.getText(
            win, translate("Screening", "Save screen"), translate("Screening", "Name for these filters:")
        )
        if ok and name.strip():
            win.desk.store.save_screen(name.strip(), self.filter_bar.screen().to_dict())
            self._fill_screens_menu()
            win.statusBar().showMessage(translate("Screening", "Saved screen “{name}”").format(name=name.strip()), 3000)

    def delete_screen(self) -> None:
        win = self.win
        names = list(win.desk.store.screens()) if win.desk else []
        if not names:
            win.statusBar().showMessage(translate("Screening", "No saved screens."), 3000)
            return
        name, ok = QInputDialog.getItem(
            win, translate("Screening", "Delete saved screen"), translate("Screening", "Screen:"), names, 0, False
        )
        if ok:
            win.desk.store.delete_screen(name)
            self._fill_screens_menu()

    def _fill_screens_menu(self) -> None:
        self.menu_screens.clear()
        screens = self.win.desk.store.screens() if self.win.desk else {}
        if not screens:
            a = self.menu_screens.addAction(translate("Screening", "(none saved yet)"))
            a.setEnabled(False)
        for name in screens:
            a = self.menu_screens.addAction(name)
            a.triggered.connect(lambda _=False, n=name: self.recall_screen(n))

    def recall_screen(self, name: str) -> None:
        from app.screening import Screen

        spec = self.win.desk.store.screens()[name]
        self.filter_bar.set_screen(Screen.from_dict(spec))


def describe_screen(screen, kb, script: str, theme_title) -> list[str]:
    """The filters in force, in words, in the interface language (the status bar)."""
    from app import labels

    out = []
    if screen.text.strip():
        out.append(translate("Screening", "text “{text}”").format(text=screen.text.strip()))
    if screen.markets:
        out.append(translate("Screening", "market {markets}").format(markets="/".join(screen.markets)))
    if screen.theme:
        t = kb.themes.get(screen.theme) if kb else None
        out.append(
            translate("Screening", "theme {theme}").format(theme=theme_title(screen.theme) if t else screen.theme)
        )
    if screen.customer:
        out.append(
            translate("Screening", "customer {customer}").format(customer=labels.hub_label(screen.customer, script, kb))
        )
    if screen.segment:
        out.append(
            translate("Screening", "segment {segment}").format(segment=labels.segment_label(screen.segment, script))
        )
    if screen.status:
        out.append(translate("Screening", "status {status}").format(status=labels.status_label(screen.status, script)))
    if screen.min_share is not None:
        out.append(translate("Screening", "share ≥ {share}%").format(share=f"{screen.min_share:g}"))
    if screen.tags:
        out.append(translate("Screening", "tags {tags}").format(tags=", ".join(screen.tags)))
    if screen.min_rating is not None:
        out.append(translate("Screening", "rating ≥ {rating}").format(rating=screen.min_rating))
    return out


def install(win) -> Screening:
    f = Screening(win)
    win.features["screening"] = f
    return f
