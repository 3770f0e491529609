"""The start-up snapshot (widgets/startup_snapshot.py): the table on screen before the store opens,
used only when it is what the live desk will show, swapped for the live rows when they come."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from widgets import startup_snapshot as snapmod
from widgets.common import ListRole
from widgets.table_model import COLUMN_INDEX

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache"


def _codes(win) -> list[str]:
    return win.proxy.codes(list(range(win.proxy.rowCount())))


def _click_header(win, key: str) -> None:
    hdr = win.table.horizontalHeader()
    col = COLUMN_INDEX[key]
    x = hdr.sectionViewportPosition(col) + hdr.sectionSize(col) // 2
    QTest.mouseClick(hdr.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     QPoint(x, hdr.height() // 2))


def _first_window(qtbot, db: Path):
    from app.services import Desk
    from widgets.main_window import MainWindow

    desk = Desk.open(db)
    win = MainWindow(lambda: desk, background=False, keep_snapshot=True)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    _click_header(win, "reports")           # a sort the user chose: the snapshot keeps its order
    _click_header(win, "reports")
    return win, desk


def _gated_window(qtbot, db: Path, snap: dict):
    """A window started on ``snap`` whose store opens only when the returned gate is set."""
    from app.services import Desk
    from widgets.main_window import MainWindow

    gate = threading.Event()
    opened: list = []

    def factory():
        gate.wait(20)
        opened.append(Desk.open(db))
        return opened[-1]

    win = MainWindow(factory, snapshot=snap)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win, gate, opened


def test_snapshot_shows_the_last_table_then_the_live_rows(qtbot, tmp_path, cache):
    from widgets.common import settings

    db = tmp_path / "desk.sqlite"
    win, desk = _first_window(qtbot, db)
    live = _codes(win)
    name_col = COLUMN_INDEX["name"]
    first_name = win.proxy.index(0, name_col).data()
    win.close()                              # closing writes the snapshot (after the settings)
    desk.store.close()
    assert snapmod.snapshot_file(db).is_file()

    snap = snapmod.load(str(db), settings())
    assert snap is not None
    assert [r["code"] for r in snap["rows"]] == live[: snapmod.MAX_ROWS]

    win2, gate, opened = _gated_window(qtbot, db, snap)   # the store opens only when the test says so
    assert win2.showing_snapshot and win2.desk is None
    assert win2.status_count.text() == ""    # the loading message alone, not drawn over a count
    assert _codes(win2) == live[: snapmod.MAX_ROWS]
    assert win2.proxy.index(0, name_col).data() == first_name
    # the docks show what they showed: the lists and the themes, before the store is open
    lists = win2.features["watchlists"].lists
    assert [lists.item(i).text() for i in range(lists.count())] == [d["text"] for d in snap["lists"]]
    assert lists.count() >= 2 and win2.themes.model.rowCount() > 0
    assert win2.themes.model.rowCount() == win.themes.model.rowCount()
    # read-only until live, but not deaf: a click and the keys typed are held, then carried out
    rect = win2.table.visualRect(win2.proxy.index(1, COLUMN_INDEX["themes"]))
    QTest.mouseClick(win2.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert win2.selected_codes() == []
    QTest.keyClick(win2.table, Qt.Key.Key_Down)
    assert win2.selected_codes() == []
    gate.set()
    qtbot.waitUntil(lambda: win2.desk is not None, timeout=20000)
    assert not win2.showing_snapshot
    assert _codes(win2) == live                # the same table, now live
    qtbot.waitUntil(lambda: win2.selected_codes() == [live[2]])   # the click on row 1, then Down
    QTest.mouseClick(win2.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert win2.selected_codes() == [live[1]]
    win2.close()
    for d in opened:
        d.store.close()


def test_a_list_or_theme_clicked_on_the_snapshot_opens_when_live(qtbot, tmp_path, cache):
    from widgets.common import ALL_KB, settings
    from widgets.panels import ThemeIdRole

    db = tmp_path / "desk.sqlite"
    win, desk = _first_window(qtbot, db)
    assert win.current_key != ALL_KB          # a watchlist is open
    win.close()
    desk.store.close()
    snap = snapmod.load(str(db), settings())
    win2, gate, opened = _gated_window(qtbot, db, snap)   # the store opens only when the test says so
    lists = win2.features["watchlists"].lists
    row = next(i for i in range(lists.count()) if lists.item(i).data(ListRole) == ALL_KB)
    QTest.mouseClick(lists.viewport(), Qt.MouseButton.LeftButton, pos=lists.visualItemRect(lists.item(row)).center())
    tree = win2.themes.tree
    idx = win2.themes.model.index(0, 0)
    QTest.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualRect(idx).center())
    QTest.keyClick(tree, Qt.Key.Key_Down)                     # a key on the themes is held too
    tid = tree.indexBelow(idx).data(ThemeIdRole)
    assert win2.desk is None and win2.current_key is None     # nothing acted on yet
    assert not win2.act_remove.isEnabled()                    # nothing to remove until the rows are live
    gate.set()
    qtbot.waitUntil(lambda: win2.desk is not None, timeout=20000)
    qtbot.waitUntil(lambda: win2.current_key == ALL_KB)
    qtbot.waitUntil(lambda: win2.screen_filter.theme == tid)   # the theme clicked, then Down, filters the table
    win2.close()
    for d in opened:
        d.store.close()


def test_closing_during_the_snapshot_keeps_it_for_the_next_start(qtbot, tmp_path, cache):
    """Closed in the first second (the store not yet open): the table's settings are not written
    again, so the next start still shows the snapshot (it was refused: table/header rewritten)."""
    from widgets.common import settings

    db = tmp_path / "desk.sqlite"
    win, desk = _first_window(qtbot, db)
    win.close()
    desk.store.close()
    snap = snapmod.load(str(db), settings())
    assert snap is not None
    win2, gate, opened = _gated_window(qtbot, db, snap)   # the store opens only when the test says so
    assert win2.showing_snapshot
    # the snapshot's own fit may set a width a pixel apart from the live one: nothing of it is saved
    col = COLUMN_INDEX["themes"]
    win2.table.setColumnWidth(col, win2.table.columnWidth(col) + 7)
    win2.close()                          # during the snapshot (the app quits: the store never opens)
    try:
        assert snapmod.load(str(db), settings()) is not None
    finally:
        gate.set()
        qtbot.wait(200)
    for d in opened:
        d.store.close()


def test_snapshot_is_refused_when_anything_it_shows_may_differ(qtbot, tmp_path, cache):
    from widgets.common import settings

    db = tmp_path / "desk.sqlite"
    win, desk = _first_window(qtbot, db)
    win.close()
    assert snapmod.load(str(db), settings()) is not None
    # a write to the store (here: a new list) after the snapshot
    desk.store.create_watchlist("after the snapshot")
    assert snapmod.load(str(db), settings()) is None
    win.desk = desk
    win.save_snapshot()
    assert snapmod.load(str(db), settings()) is not None
    # another interface language (a run with --language saves none): its headers and status differ
    assert snapmod.load(str(db), settings(), "zh_CN") is None
    assert snapmod.load(str(db), settings(), "en") is not None
    # a setting that decides the table
    s = settings()
    s.setValue("desk/script", "en")
    assert snapmod.load(str(db), settings()) is None
    s.setValue("desk/script", "hans")
    assert snapmod.load(str(db), settings()) is not None
    # another format, a damaged file, a team database, no store at all
    f = snapmod.snapshot_file(db)
    data = json.loads(f.read_text(encoding="utf-8"))
    data["key"]["format"] = snapmod.FORMAT + 1
    f.write_text(json.dumps(data), encoding="utf-8")
    assert snapmod.load(str(db), settings()) is None
    f.write_text("{not json", encoding="utf-8")
    assert snapmod.load(str(db), settings()) is None
    assert snapmod.load("postgresql://me@127.0.0.1:5432/desk", settings()) is None
    assert snapmod.load(str(tmp_path / "none.sqlite"), settings()) is None
    desk.store.close()


def test_start_up_paints_the_table_before_the_data_layer_loads(tmp_path):
    """Two real starts: the first (no snapshot) never imports pandas or pyqtgraph before the table is
    filled; the second shows the snapshot before numpy or SQLAlchemy are even imported."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "cfg"),
               XDG_CACHE_HOME=str(tmp_path / "cache"), XDG_DATA_HOME=str(tmp_path / "data"),
               CHAINWATCH_EXIT_AFTER_FILLED="1")
    cmd = [sys.executable, "main.py", "--db", str(tmp_path / "s.sqlite")]
    out = []
    for _ in range(2):
        p = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
        assert p.returncode == 0, p.stderr[-2000:]
        line = next(x for x in p.stdout.splitlines() if x.startswith("table-filled"))
        assert any(x.startswith("desk-ready") for x in p.stdout.splitlines())
        out.append(dict(kv.split("=", 1) for kv in line.split()[2:]))
    first, second = out
    assert first["snapshot"] == "0"
    assert not {"pandas", "pyqtgraph"} & set(first["heavy"].split(","))
    assert second["snapshot"] == "1"
    assert second["heavy"] == ""


def test_live_rows_replace_a_priced_snapshot_with_their_prices(qtbot, tmp_path, cache):
    """A snapshot that shows price cells is replaced by live rows that already carry their prices
    (read by the desk factory in its worker), never by a moment of blank price columns."""
    from app.prices.service import import_file
    from app.services import Desk
    from tests.app.prices.bars import gen_bars
    from widgets.app import desk_factory
    from widgets.common import settings
    from widgets.main_window import MainWindow

    db = tmp_path / "desk.sqlite"
    desk = Desk.open(db)
    bars = gen_bars(60, seed=3)
    csv = tmp_path / "prices.csv"
    csv.write_text("Code,Date,Close\n" + "".join(f"300308.SZ,{d:%Y-%m-%d},{c}\n"
                                                for d, c in zip(bars["date"], bars["close"])), encoding="utf-8")
    import_file(desk.store, csv)
    win = MainWindow(lambda: desk, background=False, keep_snapshot=True)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: "300308.SZ" in win._prices, timeout=20000)
    last_col = COLUMN_INDEX["last"]
    pos = win.proxy.mapFromSource(win.model.index(win.model.position_of("300308.SZ"), 0)).row()
    shown = win.proxy.index(pos, last_col).data()
    assert shown
    win.close()
    desk.store.close()

    snap = snapmod.load(str(db), settings())
    assert snap is not None and "300308.SZ" in snapmod.price_codes(snap)
    preloaded: dict = {}
    win2 = MainWindow(desk_factory(str(db), snap, preloaded), snapshot=snap)
    win2._prices = preloaded
    at_ready = []
    win2.deskReady.connect(lambda: at_ready.append(win2.proxy.index(pos, last_col).data()))
    qtbot.addWidget(win2)
    win2.show()
    assert win2.showing_snapshot and win2.proxy.index(pos, last_col).data() == shown
    qtbot.waitUntil(lambda: bool(at_ready), timeout=20000)
    assert at_ready == [shown]               # the live row came with its price
    win2.close()
    win2.desk.store.close()
