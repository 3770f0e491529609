import pytest


@pytest.fixture(autouse=True)
def _fresh_settings(qapp):
    """QSettings caches its file per process: start every GUI test from empty settings."""
    from widgets.main_window import settings

    s = settings()
    s.clear()
    s.setValue("view/language", "en")  # tests read English texts, whatever the machine's locale
    s.sync()
    yield
    s.clear()
    s.sync()


@pytest.fixture
def window(qtbot, tmp_path):
    """The real main window on a fresh store with the bundled data."""
    from app.services import Desk
    from widgets.main_window import MainWindow

    desk = Desk.open(tmp_path / "gui.sqlite")
    win = MainWindow(lambda: desk, background=False)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()
    desk.store.close()
