"""Undoable user edits. Each command writes the store (one transaction) and asks the desk to refresh."""
from __future__ import annotations

from typing import Any, Protocol, Sequence

from PySide6.QtGui import QUndoCommand

from app.domain import StoreError, WatchlistItem
from widgets.i18n import tr, translate
from widgets.i18n import QT_TRANSLATE_NOOP as _N  # noqa: N814
from widgets.phrases import STORE_ERRORS

FIELD_TITLES = {"tags": _N("Commands", "tags"), "rating": _N("Commands", "rating"),
                "target_price": _N("Commands", "target price"), "notes": _N("Commands", "notes")}


class DeskHost(Protocol):
    """What a command needs from the window (the main window is one; tests may pass another)."""

    desk: Any

    def reload_view(self, select: list[str] | None = None) -> None: ...
    def reload_lists(self, select_list: int | None = None, select_name: str | None = None) -> None: ...
    def refresh_item(self, wl_id: int, code: str) -> None: ...


class _Cmd(QUndoCommand):
    def __init__(self, win: DeskHost, text: str):
        super().__init__(text)
        self.win = win
        self.store = win.desk.store


class EditField(_Cmd):
    def __init__(self, win, wl_id: int, code: str, field: str, old: Any, new: Any):
        super().__init__(win, translate("Commands", "Edit {field} of {code}").format(field=tr(FIELD_TITLES.get(field, field)),
                                                                                code=code))
        self.wl_id, self.code, self.field, self.old, self.new = wl_id, code, field, old, new

    def redo(self):
        # the edit names the value it was made against: another user's change of the same
        # field since is a conflict (both values shown), not a silent overwrite
        self._write(self.old, self.new)

    def undo(self):
        self._write(self.new, self.old)

    def _write(self, seen: Any, value: Any) -> None:
        from app.store import ConflictError

        try:
            self.store.update_item(self.wl_id, self.code, expect={self.field: seen}, **{self.field: value})
        except ConflictError as e:
            self.setObsolete(True)
            self.win.reload_view()
            from widgets.team_sync import resolve_conflict

            if resolve_conflict(self.win, e):
                self.win.undo.push(EditField(self.win, self.wl_id, self.code, self.field, e.theirs, e.mine))
            return
        except StoreError as e:  # e.g. a list shared read-only
            self.setObsolete(True)
            self.win.statusBar().showMessage(f"{self.code} {tr(FIELD_TITLES.get(self.field, self.field))}: "
                                             f"{STORE_ERRORS(str(e))}", 8000)
            self.win.reload_view()
            return
        self.win.refresh_item(self.wl_id, self.code)


class AddItems(_Cmd):
    def __init__(self, win, wl_id: int, codes: Sequence[str], at: int | None = None):
        super().__init__(win, translate("Commands", "Add {codes}").format(codes=", ".join(codes[:3]) + ("…" if len(codes) > 3 else "")))
        self.wl_id, self.codes, self.at = wl_id, list(codes), at
        self.added: list[str] = []

    def redo(self):
        self.added = self.store.add_items(self.wl_id, self.codes, at=self.at)
        self.win.reload_view(select=self.added)

    def undo(self):
        self.store.remove_items(self.wl_id, self.added)
        self.win.reload_view()


class RemoveItems(_Cmd):
    def __init__(self, win, wl_id: int, codes: Sequence[str]):
        super().__init__(win, translate("Commands", "Remove {n} item(s)").format(n=len(codes)))
        self.wl_id, self.codes = wl_id, list(codes)
        self.removed: list[WatchlistItem] = []
        # the versions the user saw: removing an item someone else edited since is a conflict
        self.versions: dict[str, int] | None = {}
        for c in self.codes:
            pos = win.model.position_of(c)
            item = win.model.row_at(pos).item if pos is not None else None
            if item is not None:
                self.versions[c] = item.version

    def redo(self):
        try:
            self.removed = self.store.remove_items(self.wl_id, self.codes, versions=self.versions)
        except StoreError as e:
            self.setObsolete(True)
            self.win.reload_view()
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.warning(self.win, "Chainwatch", translate("Commands", "Not removed: {error}").format(error=e))
            return
        self.versions = None  # a redo after undo removes what undo restored
        self.win.reload_view()

    def undo(self):
        self.store.restore_items(self.wl_id, self.removed)
        self.win.reload_view(select=[i.code for i in self.removed])


class Reorder(_Cmd):
    def __init__(self, win, wl_id: int, old_order: Sequence[str], new_order: Sequence[str], moved: Sequence[str]):
        super().__init__(win, translate("Commands", "Reorder"))
        self.wl_id, self.old, self.new, self.moved = wl_id, list(old_order), list(new_order), list(moved)

    def redo(self):
        self.store.reorder(self.wl_id, self.new)
        self.win.reload_view(select=self.moved)

    def undo(self):
        self.store.reorder(self.wl_id, self.old)
        self.win.reload_view(select=self.moved)


class CopyToList(_Cmd):
    def __init__(self, win, src: int, dst: int, codes: Sequence[str], move: bool, dst_name: str):
        super().__init__(win, (translate("Commands", "Move {n} item(s) to {list}") if move else
                               translate("Commands", "Copy {n} item(s) to {list}")).format(n=len(codes), list=dst_name))
        self.src, self.dst, self.codes, self.move = src, dst, list(codes), move
        self.added: list[str] = []
        self.removed: list[WatchlistItem] = []

    def redo(self):
        before = {i.code: i for i in self.store.watchlist(self.src).items}
        self.added = self.store.copy_items(self.src, self.dst, self.codes, move=self.move)
        self.removed = [before[c] for c in self.codes if c in before] if self.move else []
        self.win.reload_lists()

    def undo(self):
        self.store.remove_items(self.dst, self.added)
        if self.removed:
            self.store.restore_items(self.src, self.removed)
        self.win.reload_lists()


class CreateList(_Cmd):
    def __init__(self, win, name: str, codes: Sequence[str] = ()):
        super().__init__(win, translate("Commands", "New watchlist {name}").format(name=name))
        self.name, self.codes, self.wl_id = name, list(codes), None

    def redo(self):
        self.wl_id = self.store.create_watchlist(self.name)
        if self.codes:
            self.store.add_items(self.wl_id, self.codes)
        self.win.reload_lists(select_list=self.wl_id)

    def undo(self):
        self.store.delete_watchlist(self.wl_id)
        self.win.reload_lists()


class RenameList(_Cmd):
    def __init__(self, win, wl_id: int, old: str, new: str):
        super().__init__(win, translate("Commands", "Rename {old} to {new}").format(old=old, new=new))
        self.wl_id, self.old, self.new = wl_id, old, new

    def redo(self):
        self.store.rename_watchlist(self.wl_id, self.new)
        self.win.reload_lists(select_list=self.wl_id)

    def undo(self):
        self.store.rename_watchlist(self.wl_id, self.old)
        self.win.reload_lists(select_list=self.wl_id)


class DeleteList(_Cmd):
    def __init__(self, win, wl_id: int, name: str):
        super().__init__(win, translate("Commands", "Delete watchlist {name}").format(name=name))
        self.wl_id, self.name = wl_id, name
        self.items: list[WatchlistItem] = []

    def redo(self):
        self.items = self.store.watchlist(self.wl_id).items
        self.store.delete_watchlist(self.wl_id)
        self.win.reload_lists()

    def undo(self):
        self.wl_id = self.store.create_watchlist(self.name)
        self.store.restore_items(self.wl_id, self.items)
        self.win.reload_lists(select_list=self.wl_id)


class Callback(_Cmd):
    """An edit done elsewhere (e.g. an import) with its own revert function."""

    def __init__(self, win, text: str, redo_fn, undo_fn):
        super().__init__(win, text)
        self._redo, self._undo, self._first = redo_fn, undo_fn, True

    def redo(self):
        self._redo(self._first)
        self._first = False
        self.win.reload_lists()

    def undo(self):
        self._undo()
        self.win.reload_lists()
