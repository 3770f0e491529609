"""Applying a reviewed report: one transaction in the app, ONE step on the main window's undo stack.

The first ``redo`` (on push) only refreshes the desk, since the report was applied before the push (an
exception inside ``QUndoStack.push`` would not reach the caller); ``undo`` deletes the report (its
claims and nothing else) and takes back the companies it added to a watchlist; a later ``redo``
applies the same reviewed proposal again.
"""
from __future__ import annotations

import logging
from typing import Any, Callable

from PySide6.QtGui import QUndoCommand

log = logging.getLogger(__name__)


def _default_apply() -> Callable:
    from app.ingest.apply import apply
    return apply


def _default_delete() -> Callable:
    from app.ingest.apply import delete_report
    return delete_report


def apply_proposal(desk, proposal, watchlist: str | None, apply_fn: Callable | None = None):
    fn = apply_fn or _default_apply()
    return fn(desk, proposal, add_to_watchlist=watchlist)


def report_id_of(result: Any) -> str:
    for attr in ("report_id", "report", "file", "id"):
        v = getattr(result, attr, None)
        if isinstance(v, str) and v:
            return v
        if v is not None and hasattr(v, "file"):
            return v.file
    raise ValueError(f"apply() returned no report id: {result!r}")


class ApplyReport(QUndoCommand):
    def __init__(self, win, desk, proposal, watchlist: str | None, result, apply_fn: Callable | None = None,
                 delete_fn: Callable | None = None):
        title = proposal.report.get("title") or proposal.source
        super().__init__(f"Add report {title[:40]}")
        self.win, self.desk, self.proposal, self.watchlist = win, desk, proposal, watchlist
        self.result = result
        self.apply_fn, self.delete_fn = apply_fn, delete_fn
        self._first = True

    def describe(self) -> str:
        r = self.result
        parts = []
        for attr, label in (("companies", "companies"), ("edges", "supplier edges"), ("links", "links"),
                            ("members", "theme memberships"), ("themes", "new themes")):
            v = getattr(r, attr, None)
            n = v if isinstance(v, int) else len(v) if isinstance(v, (list, tuple, set, dict)) else None
            if n:
                parts.append(f"{n} {label}")
        added = _added_codes(r)
        if added and self.watchlist:
            parts.append(f"{len(added)} added to {self.watchlist}")
        return ", ".join(parts) or "report added"

    def redo(self) -> None:
        if not self._first:
            self.result = apply_proposal(self.desk, self.proposal, self.watchlist, self.apply_fn)
        self._first = False
        refresh_desk(self.win)

    def undo(self) -> None:
        (self.delete_fn or _default_delete())(self.desk, report_id_of(self.result))
        store = self.desk.store
        added = _added_codes(self.result)
        wl_id = getattr(self.result, "watchlist_id", None)
        if added and wl_id is not None and not getattr(self.result, "watchlist_removed_by_delete", False):
            try:
                if getattr(self.result, "watchlist_created", False):
                    store.delete_watchlist(wl_id)
                else:
                    store.remove_items(wl_id, list(added))
            except Exception as e:  # noqa: BLE001 - the list may have been deleted by hand since
                log.warning("undo of watchlist additions: %s", e)
        refresh_desk(self.win)


def _added_codes(result) -> list[str]:
    for attr in ("added_to_watchlist", "watchlist_added", "added"):
        v = getattr(result, attr, None)
        if isinstance(v, (list, tuple)):
            return list(v)
    return []


def refresh_desk(win) -> None:
    """Show the store's current reports everywhere: lists, table rows, themes, chain, evidence."""
    if win is None or getattr(win, "desk", None) is None:
        return
    desk = win.desk
    reload = getattr(desk, "reload_kb", None)
    if callable(reload):
        reload()
    from app.screening import RowFactory

    win.rows = RowFactory(desk.kb, desk.universe)
    win.themes.set_kb(desk.kb)
    win.chain.kb = desk.kb
    win.evidence.kb = desk.kb
    screen = win.filter_bar.screen()
    win.filter_bar.set_kb(desk.kb)          # rebuilds the theme / customer boxes: put the screen back
    win.filter_bar.set_screen(screen)
    if hasattr(win, "status_kb"):
        win.status_kb.setText(f"KB {desk.kb.version} · {len(desk.kb.reports)} reports · store {desk.store.path}")
    win.reload_lists()
    win._selection_changed()
