"""Applying a reviewed report: one transaction in the app, ONE step on the main window's undo stack.

The first ``redo`` (on push) only refreshes the desk, since the report was applied before the push (an
exception inside ``QUndoStack.push`` would not reach the caller); ``undo`` deletes the report (its
claims and nothing else) and takes back the companies it added to a watchlist; a later ``redo``
applies the same reviewed proposal again.
"""
from __future__ import annotations

import logging
from typing import Callable

from PySide6.QtGui import QUndoCommand

from widgets.i18n import translate

log = logging.getLogger(__name__)


def _default_apply() -> Callable:
    from app.ingest.apply import apply
    return apply


def _default_delete() -> Callable:
    from app.ingest.apply import delete_report
    return delete_report


def apply_proposal(desk, proposal, watchlist: str | None, apply_fn: Callable | None = None):
    fn = apply_fn or _default_apply()
    return fn(desk, proposal, watchlist=watchlist)


class ApplyReport(QUndoCommand):
    def __init__(self, win, desk, proposal, watchlist: str | None, result, apply_fn: Callable | None = None,
                 delete_fn: Callable | None = None, created_list: bool = False):
        title = proposal.report.get("title") or proposal.source
        super().__init__(translate("Review", "Add report {title}").format(title=title[:40]))
        self.win, self.desk, self.proposal, self.watchlist = win, desk, proposal, watchlist
        self.result = result
        self.apply_fn, self.delete_fn = apply_fn, delete_fn
        self.created_list = created_list
        self._first = True

    def describe(self) -> str:
        counts = dict(getattr(self.result, "counts", {}) or {})
        labels = (("mention", translate("Review", "{n} companies")),
                  ("entity_mention", translate("Review", "{n} unlisted parties")),
                  ("edge", translate("Review", "{n} supplier edges")), ("link", translate("Review", "{n} links")),
                  ("member", translate("Review", "{n} theme memberships")),
                  ("new theme", translate("Review", "{n} new themes")),
                  ("new company", translate("Review", "{n} new companies")))
        parts = [label.format(n=counts[k]) for k, label in labels if counts.get(k)]
        added = list(getattr(self.result, "added_to_watchlist", []) or [])
        if added and self.watchlist:
            parts.append(translate("Review", "{n} added to {list}").format(n=len(added), list=self.watchlist))
        return translate("Review", ", ").join(parts) or translate("Review", "the report alone")

    def redo(self) -> None:
        if not self._first:
            self.result = apply_proposal(self.desk, self.proposal, self.watchlist, self.apply_fn)
        self._first = False
        refresh_desk(self.win)

    def undo(self) -> None:
        (self.delete_fn or _default_delete())(self.desk, self.result.key)
        store = self.desk.store
        added = list(getattr(self.result, "added_to_watchlist", []) or [])
        wl = next((w for w in store.watchlists() if w.name == self.watchlist), None) if self.watchlist else None
        if wl is not None:
            try:
                if added:
                    store.remove_items(wl.id, added)
                if self.created_list and not store.watchlist(wl.id).items:
                    store.delete_watchlist(wl.id)
            except Exception as e:  # noqa: BLE001 - the list may have been changed by hand since
                log.warning("undo of the watchlist additions: %s", e)
        refresh_desk(self.win)


def refresh_desk(win) -> None:
    """Show the store's current reports everywhere: lists, table rows, themes, chain, evidence."""
    if win is None or getattr(win, "desk", None) is None:
        return
    desk = win.desk                     # apply() and delete_report() have reloaded desk.kb
    from app.screening import RowFactory

    win.rows = RowFactory(desk.kb, desk.universe)
    win.themes.set_kb(desk.kb)
    win.chain.kb = desk.kb
    win.evidence.kb = desk.kb
    screen = win.filter_bar.screen()
    win.filter_bar.set_kb(desk.kb)          # rebuilds the theme / customer boxes: put the screen back
    win.filter_bar.set_screen(screen)
    if hasattr(win, "status_kb"):   # as MainWindow.set_desk says it (and again after a language change)
        win.i18n.bind(win.status_kb, "setText", lambda: translate("MainWindow", "KB {version} · {n} reports")
                      .format(version=desk.kb.version, n=len(desk.kb.reports)))
    win.reload_lists()
    win.selection_changed()
