"""Edits in the table (tags, rating, target, notes of a watchlist row), each one undo step, and
the row redrawn after an edit, an undo or someone else's change (prices kept)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QApplication

from app.domain import StoreError, validate_user_fields
from widgets import commands as C
from widgets.commands import FIELD_TITLES
from widgets.i18n import tr
from widgets.phrases import STORE_ERRORS
from widgets.table_model import COLUMNS


class Edits:
    def __init__(self, win):
        self.win = win
        win.model.editRequested.connect(self.edit_requested)

    def edit_requested(self, code: str, field: str, value: Any) -> None:
        win = self.win
        wl = win.current_watchlist()
        if wl is None:
            return
        if field == "rating" and value in (0, "0"):
            value = None
        label = tr(FIELD_TITLES.get(field, field))
        try:
            if field == "target_price":  # typed as the cell shows it: "HKD 420"
                from app.domain import strip_currency

                value = strip_currency(value, code)
            new = validate_user_fields({field: value})[field]
        except StoreError as e:
            msg = STORE_ERRORS.part(str(e)) or (str(e).replace(field, label) if field != label else str(e))
            names_it = msg.lower().startswith((label.lower(), field.replace("_", " ")))
            # "0020.HK: target price 'CNY 400' is in CNY; …", not "0020.HK target price: target price …"
            win.statusBar().showMessage(f"{code}: {msg}" if names_it else f"{code} {label}: {msg}", 6000)
            QApplication.beep()
            return
        pos = win.model.position_of(code)  # the value the user saw, for the conflict check
        item = (win.model.row_at(pos).item if pos is not None else None) or next(
            (i for i in wl.items if i.code == code), None
        )
        if item is None:
            return
        old = getattr(item, field)
        if old == new:
            return
        win.undo.push(C.EditField(win, wl.id, code, field, old, new))
        win.table.grow_to_content([c.key for c in COLUMNS if c.field == field])

    def refresh_item(self, wl_id: int, code: str) -> None:
        win = self.win
        if win.current_key != wl_id:
            win.current_key = wl_id
            win.reload_lists(select_list=wl_id)
            return
        wl = win.current_watchlist()
        item = next((i for i in wl.items if i.code == code), None)
        if item is not None:
            row = win.rows.row(code, item)
            if code in win._prices:
                row.prices = win._prices[code]  # an edit of a user field keeps the price columns
            win.model.replace_row(row)
            win.model.mask = win.screen_filter.mask(win.model.rs)
            win.proxy.refilter()
            win.selection_changed()


def install(win) -> Edits:
    f = Edits(win)
    win.features["edits"] = f
    return f
