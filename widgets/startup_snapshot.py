"""The start-up snapshot: the table as the desk last showed it, on screen before the data layer loads.

Opening the store means importing SQLAlchemy and numpy and reading the knowledge base, about a
second on two cores; the window itself paints in a fraction of that. So the desk keeps, beside its
cache, what its table showed (the rows in display order, the visible cells, their colours), written
when the data is on screen and again on close. The next start shows it at once — read-only, mouse
and keys ignored, with "opening the store…" in the status bar — and swaps in the live rows when the
store is open.

A snapshot is used only when it is certainly what the live desk will show:

* the same store file and the same committed content: the store's change counter (bumped by every
  write transaction, schema 5) and schema and KB versions, read with the standard ``sqlite3``
  module in read-only mode (a few milliseconds, no SQLAlchemy);
* the same bundled data files (size and modification time of everything under ``data/``);
* the same settings that decide the table (list, filters, script or language, column layout);
* the same snapshot format and column set.

Anything else — a team database on PostgreSQL, ``--watchlist``, a missing or damaged file — and the
desk starts as before, with the "Loading…" state. A snapshot is never written into the store.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QSettings, Qt
from PySide6.QtGui import QKeyEvent

from app.paths import cache_dir, sqlite_path

if TYPE_CHECKING:  # pragma: no cover
    from widgets.main_window import MainWindow

log = logging.getLogger(__name__)

FORMAT = 1
MAX_ROWS = 400          # the first screens; the live table follows within about a second
DATA_DIR = Path(__file__).resolve().parent.parent / "data"
# Settings that decide what the table shows (window geometry and export folders do not).
_SETTING_PREFIXES = ("table/", "desk/", "view/", "ui/", "i18n/")


def store_file(target: str | os.PathLike | None) -> Path | None:
    """The SQLite file a ``--db`` value (or none: the default store) names; None for a server URL
    or an in-memory store (nothing to keep a snapshot of)."""
    p = sqlite_path(target)
    return None if p is None or str(p) == ":memory:" else p


def snapshot_file(db: Path) -> Path:
    h = hashlib.sha1(str(db.resolve()).encode("utf-8")).hexdigest()[:16]
    return cache_dir() / f"startup-table-{h}.json"


def _columns_stamp() -> str:
    from widgets.table_model import COLUMNS

    return hashlib.sha1("|".join(f"{c.key}:{c.numeric}:{c.group}" for c in COLUMNS).encode()).hexdigest()[:12]


def _data_stamp(data_dir: Path = DATA_DIR) -> str:
    h = hashlib.sha1()
    for root, dirs, files in os.walk(data_dir):
        dirs.sort()
        for name in sorted(files):
            p = Path(root, name)
            try:
                st = p.stat()
            except OSError:
                continue
            h.update(f"{p.relative_to(data_dir)}:{st.st_size}:{st.st_mtime_ns};".encode())
    return h.hexdigest()[:16]


def _settings_stamp(s: QSettings) -> str:
    h = hashlib.sha1()
    for k in sorted(s.allKeys()):
        if k.startswith(_SETTING_PREFIXES) or "lang" in k.lower():
            v = s.value(k)
            data = bytes(v.data()) if hasattr(v, "data") and callable(v.data) else repr(v).encode("utf-8")
            h.update(k.encode("utf-8") + b"=" + data + b";")
    return h.hexdigest()[:16]


def store_stamp(db: Path) -> dict[str, Any] | None:
    """The store's committed state, read without SQLAlchemy; None when it cannot be read."""
    if not db.is_file():
        return None
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.5)
        try:
            seq = con.execute("SELECT seq FROM changes WHERE id = 1").fetchone()
            meta = dict(con.execute("SELECT key, value FROM meta WHERE key IN ('schema_version', 'kb_version')"))
        finally:
            con.close()
    except sqlite3.Error:
        return None
    if seq is None:
        return None
    return {"seq": int(seq[0]), "schema": meta.get("schema_version"), "kb": meta.get("kb_version")}


def current_key(db: Path, s: QSettings, lang: str, stamp: dict[str, Any] | None = None) -> dict[str, Any] | None:
    """What a snapshot must match: ``lang`` is the interface language the table is (to be) shown in
    (a run with ``--language`` does not save it in the settings)."""
    stamp = stamp if stamp is not None else store_stamp(db)
    if stamp is None:
        return None
    return {"format": FORMAT, "store": str(db.resolve()), **stamp, "data": _data_stamp(),
            "settings": _settings_stamp(s), "columns": _columns_stamp(), "language": lang}


def load(target: str | os.PathLike | None, s: QSettings, lang: str | None = None) -> dict[str, Any] | None:
    """The snapshot for this store when it is valid now, shown in ``lang`` (default: the one the
    settings choose), else None (never raises)."""
    try:
        db = store_file(target)
        if db is None:
            return None
        f = snapshot_file(db)
        if not f.is_file():
            return None
        snap = json.loads(f.read_text(encoding="utf-8"))
        if lang is None:
            from widgets.i18n import resolve
            lang = resolve(str(s.value("view/language", "system")))
        key = current_key(db, s, lang)
        if key is None or snap.get("key") != key:
            return None
        rows = snap.get("rows")
        if not isinstance(rows, list):
            return None
        return snap
    except (OSError, ValueError, TypeError, AttributeError) as e:
        log.info("start-up snapshot not used: %s", e)
        return None


def price_codes(snap: dict[str, Any]) -> list[str]:
    """The snapshot's codes when it shows price cells (the live rows should come with theirs)."""
    from widgets.table_model import COLUMNS

    cols = [i for i, c in enumerate(COLUMNS) if c.group == "price"]
    rows = snap.get("rows") or []
    if not any((r.get("cells") or [None] * len(COLUMNS))[i] for r in rows for i in cols
               if i < len(r.get("cells") or [])):
        return []
    return [str(r["code"]) for r in rows if r.get("code")]


def capture(win: MainWindow, max_rows: int = MAX_ROWS) -> dict[str, Any] | None:
    """What the live table shows now, as plain data (None in team mode or without a store file)."""
    desk = win.desk
    if desk is None or getattr(desk.store, "is_postgres", False) or not desk.store.path:
        return None
    db = Path(str(desk.store.path))
    if str(db) == ":memory:" or not db.is_file():
        return None
    from widgets.common import settings
    from widgets.table_model import COLUMNS, CodeRole

    from widgets.i18n import LANGUAGE

    key = current_key(db, settings(), LANGUAGE.lang)  # the committed state, read as the next start will read it
    if key is None:
        return None
    proxy, model, table = win.proxy, win.model, win.table
    shown = [i for i in range(len(COLUMNS)) if not table.isColumnHidden(i)]
    D, F, FONT = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.FontRole
    rows = []
    for r in range(min(proxy.rowCount(), max_rows)):
        src = proxy.mapToSource(proxy.index(r, 0)).row()
        cells: list[Any] = [None] * len(COLUMNS)
        fg: dict[str, str] = {}
        for c in shown:
            ix = model.index(src, c)
            v = model.data(ix, D)
            cells[c] = None if v is None else str(v)
            b = model.data(ix, F)
            if b is not None:
                fg[str(c)] = b.color().name()
        font = model.data(model.index(src, 0), FONT)
        rows.append({"code": model.data(model.index(src, 0), CodeRole), "cells": cells, "fg": fg,
                     "italic": bool(font is not None and font.italic())})
    return {"key": key, "rows": rows, "total": proxy.rowCount(), "status": win.status_count.text(),
            "kb_status": win.status_kb.text(), **_capture_docks(win)}


def _capture_docks(win: MainWindow) -> dict[str, Any]:
    """The Watchlists and Themes docks as they show now (texts and keys), shown with the table."""
    from widgets.common import ListRole
    from widgets.panels import ThemeIdRole

    out: dict[str, Any] = {}
    wl = win.features.get("watchlists")
    if wl is not None:
        lists = wl.lists
        out["lists"] = [{"text": lists.item(i).text(), "key": lists.item(i).data(ListRole)}
                        for i in range(lists.count())]
        out["current_list"] = lists.currentRow()
    themes = win.__dict__.get("themes")
    if themes is not None:
        m = themes.model
        rows = []
        for idx in themes._all_indexes():
            parent = idx.parent()
            rows.append({"id": idx.data(ThemeIdRole), "text": idx.data(),
                         "count": m.index(idx.row(), 1, parent).data(),
                         "parent": parent.data(ThemeIdRole) if parent.isValid() else None})
        out["themes"] = rows
    return out


def save(win: MainWindow) -> Path | None:
    """Capture and write atomically; a failure is logged, never shown (it only costs speed)."""
    try:
        snap = capture(win)
        if snap is None:
            return None
        db = Path(snap["key"]["store"])
        f = snapshot_file(db)
        f.parent.mkdir(parents=True, exist_ok=True)
        tmp = f.with_suffix(".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)   # it holds the user's notes
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(json.dumps(snap, ensure_ascii=False, separators=(",", ":")))
        os.replace(tmp, f)
        return f
    except Exception as e:  # noqa: BLE001 - the snapshot is an optimisation: never break the desk for it
        log.warning("start-up snapshot not written: %s", e)
        return None


# ---------------------------------------------------------------- on the window
class _Guard(QObject):
    """Holds input on the table and the docks while they show the start-up snapshot (the wheel
    still scrolls): a click on a row, a list or a theme and the keys typed are carried out, in
    order, when the live rows come; a double click, a drag or a menu is not (it would act on
    rows that are not live yet)."""

    BLOCKED = {
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.KeyPress,
        QEvent.Type.KeyRelease,
        QEvent.Type.ContextMenu,
        QEvent.Type.DragEnter,
        QEvent.Type.Drop,
    }

    MAX_KEYS = 64

    def __init__(self, parent=None):
        super().__init__(parent)
        self.watched: list = []
        self.rows: dict = {}      # a viewport -> its view: a click there picks a row
        self.keys_to: dict = {}   # a view -> where its keys go when live
        self.lists = self.tree = None
        # What the user did on the snapshot, carried out when the live rows come (queued, not dropped):
        self.row_click: tuple[str, Any] | None = None      # (code, modifiers)
        self.list_key: Any = None
        self.theme_id: str | None = None
        self.keys: list[tuple[Any, QKeyEvent]] = []

    def eventFilter(self, obj, ev):
        t = ev.type()
        if t not in self.BLOCKED:
            return False
        if t == QEvent.Type.MouseButtonPress and ev.button() == Qt.MouseButton.LeftButton:
            self._queue_click(obj, ev)
        elif t == QEvent.Type.KeyPress and obj in self.keys_to and len(self.keys) < self.MAX_KEYS:
            self.keys.append((self.keys_to[obj], QKeyEvent(QEvent.Type.KeyPress, ev.key(), ev.modifiers(),
                                                           ev.text(), ev.isAutoRepeat(), ev.count())))
        return True

    def _queue_click(self, obj, ev) -> None:
        from widgets.common import ListRole
        from widgets.panels import ThemeIdRole
        from widgets.table_model import CodeRole

        pos = ev.position().toPoint()
        if obj in self.rows:
            idx = self.rows[obj].indexAt(pos)
            code = idx.data(CodeRole) if idx.isValid() else None
            if code:
                self.row_click = (str(code), ev.modifiers())
        elif self.lists is not None and obj is self.lists.viewport():
            it = self.lists.itemAt(pos)
            if it is not None:
                self.list_key = it.data(ListRole)
                _quietly(self.lists, lambda: self.lists.setCurrentItem(it))  # seen now; it opens when live
        elif self.tree is not None and obj is self.tree.viewport():
            idx = self.tree.indexAt(pos)
            if idx.isValid():
                self.theme_id = idx.data(ThemeIdRole)
                _quietly(self.tree.selectionModel(), lambda: self.tree.setCurrentIndex(idx.siblingAtColumn(0)))
                self.tree.viewport().update()

    def replay(self, win: MainWindow) -> None:
        """The queued input on the live desk: the list, the theme, the row, then the keys in order."""
        from PySide6.QtWidgets import QApplication

        from widgets.common import ListRole

        wl = win.features.get("watchlists")
        if self.list_key is not None and wl is not None and self.list_key != win.current_key:
            lists = wl.lists
            for i in range(lists.count()):
                if lists.item(i).data(ListRole) == self.list_key:
                    lists.setCurrentRow(i)
                    break
        themes = win.__dict__.get("themes")
        if self.theme_id and themes is not None:
            themes.select_theme(self.theme_id)
        if self.row_click is not None:
            code, mods = self.row_click
            if mods & Qt.KeyboardModifier.ControlModifier:
                win.select_codes([*win.selected_codes(), code])
            else:
                win.select_codes([code])
            win.table.setFocus()
        for target, ev in self.keys:
            QApplication.postEvent(target, ev)
        self.keys = []


def _quietly(obj, fn) -> None:
    """``fn()`` with ``obj``'s signals held: the snapshot shows a choice without acting on it."""
    obj.blockSignals(True)
    try:
        fn()
    finally:
        obj.blockSignals(False)


def show(win: MainWindow, snap: dict[str, Any]) -> None:
    """The table as the desk last showed it, read-only until the store is open: clicks, keys and
    menus on it are ignored; the wheel still scrolls."""
    win.model.show_snapshot(snap["rows"])
    win.stack.setCurrentWidget(win.table)
    win.table.fit_columns(keep_by_hand=True)   # as the live rows will be fitted: no jump when they come
    # (the count waits for the live rows: the status bar says "opening the store…" meanwhile, not both at once)
    win.status_kb.setText(str(snap.get("kb_status") or ""))
    guard = _Guard(win)
    t = win.table
    guard.watched = [t, t.viewport(), t.horizontalHeader(), t.frozen, t.frozen.viewport(), t.frozen.horizontalHeader()]
    guard.rows = {t.viewport(): t, t.frozen.viewport(): t.frozen}
    guard.keys_to = {t: t, t.frozen: t}
    wl = win.features.get("watchlists")
    if wl is not None and snap.get("lists"):
        _show_lists(wl.lists, snap["lists"], snap.get("current_list", -1))
        guard.lists = wl.lists
        guard.watched += [wl.lists, wl.lists.viewport()]
        guard.keys_to[wl.lists] = wl.lists
    themes = win.__dict__.get("themes")
    if themes is not None and snap.get("themes"):
        themes.fill(snap["themes"])
        guard.tree = themes.tree
        guard.watched += [themes.tree, themes.tree.viewport()]
        guard.keys_to[themes.tree] = themes.tree
    for w in guard.watched:
        w.installEventFilter(guard)
    win.snapshot_guard = guard


def _show_lists(lists, items: list[dict[str, Any]], current: int) -> None:
    from PySide6.QtWidgets import QListWidgetItem

    from widgets.common import ALL_KB, ALL_UNIVERSE, ListRole
    from widgets.watchlists import fixed_look

    lists.blockSignals(True)
    lists.clear()
    for d in items:
        it = QListWidgetItem(str(d.get("text") or ""))
        it.setData(ListRole, d.get("key"))
        if d.get("key") in (ALL_KB, ALL_UNIVERSE):
            fixed_look(it)
        lists.addItem(it)
    if 0 <= current < lists.count():
        lists.setCurrentRow(current)
    lists.blockSignals(False)


def end(win: MainWindow) -> None:
    """The live rows are in: the table takes input again."""
    g = getattr(win, "snapshot_guard", None)
    if g is not None:
        for w in g.watched:
            w.removeEventFilter(g)
        win.snapshot_guard = None
        g.replay(win)
