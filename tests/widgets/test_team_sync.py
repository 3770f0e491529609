"""Team mode in the desk: others' changes arrive without a restart; a lost edit race is shown with both values."""
import pytest

from app.store import Store, StoreError
from widgets import team_sync
from widgets.table_model import COLUMN_INDEX


def _notes_cell(win, code):
    pos = win.model.position_of(code)
    return win.proxy.mapFromSource(win.model.index(pos, COLUMN_INDEX["notes"]))


@pytest.fixture(params=["sqlite", "postgresql"])
def team_window(request, qtbot, tmp_path):
    from app.services import Desk
    from widgets.main_window import MainWindow

    target = str(tmp_path / "gui.sqlite") if request.param == "sqlite" else request.getfixturevalue("pg_db").url()
    desk = Desk.open(target)
    win = MainWindow(lambda: desk, background=False)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    other = Store.open(target)  # another analyst on the same store
    yield win, other
    win.team_watcher.timer.stop()
    win.close()
    other.close()
    desk.store.close()


def test_others_changes_reach_the_open_desk_keeping_the_selection(team_window, qtbot):
    win, other = team_window
    wl = win.current_watchlist()
    win.select_codes(["300308.SZ"])
    qtbot.waitUntil(lambda: win.team_watcher._seq is not None, timeout=5000)
    other.update_item(wl.id, "300308.SZ", notes="from a colleague")
    other.add_items(wl.id, ["600519.SH"])
    win.team_watcher.poll()
    qtbot.waitUntil(lambda: _notes_cell(win, "300308.SZ").data() == "from a colleague", timeout=5000)
    assert win.model.position_of("600519.SH") is not None
    assert win.selected_codes() == ["300308.SZ"]
    assert "other users" in win.statusBar().currentMessage()
    # the desk's own edit does not count as someone else's
    seq = win.team_watcher._seq
    assert win.proxy.setData(_notes_cell(win, "300308.SZ"), "mine")
    reloaded = []
    win.team_watcher.reloaded.connect(lambda: reloaded.append(1))
    win.team_watcher.poll()
    qtbot.waitUntil(lambda: win.team_watcher._seq == seq + 1, timeout=5000)
    assert reloaded == []


@pytest.mark.parametrize("choice", [False, True])
def test_an_edit_that_lost_the_race_shows_both_values(team_window, monkeypatch, choice):
    win, other = team_window
    wl = win.current_watchlist()
    shown = []
    monkeypatch.setattr(team_sync, "resolve_conflict", lambda w, e: shown.append(e) or choice)
    other.update_item(wl.id, "300308.SZ", notes="theirs")  # the desk still shows ""
    win.proxy.setData(_notes_cell(win, "300308.SZ"), "mine")
    assert len(shown) == 1 and (shown[0].mine, shown[0].theirs) == ("mine", "theirs")
    now = other.watchlist(wl.id)
    assert next(i for i in now.items if i.code == "300308.SZ").notes == ("mine" if choice else "theirs")
    assert _notes_cell(win, "300308.SZ").data() == ("mine" if choice else "theirs")
    assert win.undo.count() == (1 if choice else 0)


def test_removing_a_row_someone_just_edited_is_refused(team_window, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    win, other = team_window
    wl = win.current_watchlist()
    msgs = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: msgs.append(a[2]))
    other.update_item(wl.id, "300308.SZ", notes="do not drop")
    win.select_codes(["300308.SZ"])
    win.act_remove.trigger()
    assert msgs and "was changed" in msgs[0]
    assert "300308.SZ" in other.watchlist(wl.id).codes
    assert win.undo.count() == 0


def test_team_url_never_keeps_a_password():
    assert team_sync.check_url(" postgresql://ana@db.example:5433/team ") == "postgresql://ana@db.example:5433/team"
    with pytest.raises(StoreError, match="leave the password out"):
        team_sync.check_url("postgresql://ana:s3cret@db.example/team")
    with pytest.raises(StoreError, match="unsupported"):
        team_sync.check_url("mysql://ana@db/team")


def test_file_menu_has_the_team_actions(team_window):
    win, _ = team_window
    texts = [a.text() for a in win.menuBar().actions()[0].menu().actions()]
    assert "Open &team database…" in texts and "Use personal st&ore" in texts
