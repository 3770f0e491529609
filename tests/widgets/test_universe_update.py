"""File > Update company lists…: the refresh driven from the menu, a new listing searchable after it,
a failed market reported in one line with its cache kept, Cancel within a second. The lists come
from an in-process stand-in for akshare (frames shaped as akshare's stock_info_a_code_name and
stock_hk_spot_em return them); nothing touches the network."""
from __future__ import annotations

import threading
import time

import pandas as pd
import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton


class FakeAk:
    def __init__(self, block: threading.Event | None = None, hk_fails: bool = False):
        self.block, self.hk_fails = block, hk_fails

    def stock_info_a_code_name(self):
        if self.block is not None:
            self.block.wait(30)
        return pd.DataFrame({"code": ["600519", "300308", "688999"], "name": ["贵州茅台", "中际旭创", "新上市科技"]})

    def stock_zh_a_spot_em(self):
        raise ConnectionError("not used")

    def stock_hk_spot_em(self):
        if self.block is not None:
            self.block.wait(30)
        if self.hk_fails:
            raise ConnectionError("Remote end closed connection without response")
        return pd.DataFrame({"代码": ["00700", "09999"], "名称": ["腾讯控股", "新港股-W"]})


def _click_menu_item(qtbot, win, object_name: str) -> None:
    menu = win.menus["file"]
    act = next(a for a in menu.actions() if a.objectName() == object_name)
    assert act.isEnabled()
    menu.popup(win.mapToGlobal(win.rect().center()))
    qtbot.waitUntil(menu.isVisible)
    QTest.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(act).center())


@pytest.mark.qt_log_ignore("This plugin does not support")   # popup menus on the offscreen platform
def test_update_from_the_menu_makes_a_new_listing_searchable(qtbot, window):
    feat = window.features["universe"]
    feat.module = FakeAk(hk_fails=True)
    assert window.desk.universe.get("688999.SH") is None
    _click_menu_item(qtbot, window, "actUpdateUniverse")
    qtbot.waitUntil(lambda: feat.task is None and bool(feat.results), timeout=20000)
    a, hk = feat.results
    assert a.status == "ok" and a.rows == 3
    assert hk.status == "error" and "Remote end closed connection" in hk.line()
    assert "\n" not in hk.line()
    sec = window.desk.universe.get("688999.SH")
    assert sec is not None and sec.name_zh_hans == "新上市科技"
    text = feat.summary.text()
    assert "A-share list: 3 listings (3 new, 0 gone)" in text
    assert "Hong Kong list: not updated — no connection (offline, or the site is blocked); the bundled list" in text
    assert "stock_hk_spot_em" not in text and "stock_hk_spot_em" in feat.summary.detailedText()
    feat.summary.close()


@pytest.mark.qt_log_ignore("This plugin does not support")
def test_cancel_takes_effect_within_a_second(qtbot, window):
    feat = window.features["universe"]
    block = threading.Event()
    feat.module = FakeAk(block=block)
    before = len(window.desk.universe)
    _click_menu_item(qtbot, window, "actUpdateUniverse")
    qtbot.waitUntil(lambda: feat.dialog is not None and feat.dialog.isVisible(), timeout=5000)
    dlg = window.findChild(QProgressDialog, "universeProgress")
    button = next(b for b in dlg.findChildren(QPushButton))
    t = time.monotonic()
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: feat.task is None, timeout=5000)
    took = time.monotonic() - t
    block.set()
    assert took < 1.0
    assert [r.status for r in feat.results] == ["cancelled", "cancelled"]   # both were downloading
    assert "cancelled" in feat.summary.text() and len(window.desk.universe) == before
    feat.summary.close()
    QApplication.processEvents()


@pytest.mark.qt_log_ignore("This plugin does not support")
def test_offline_is_reported_at_once_one_line_per_market(qtbot, window, monkeypatch):
    """The real akshare, every connection refused (a closed loopback port): the summary comes within
    a second or two, not after akshare's retries (~10 s before), one line per market."""
    import socket

    import urllib3.util.connection as uc

    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    refused = ("127.0.0.1", s.getsockname()[1])
    s.close()
    real = uc.create_connection
    monkeypatch.setattr(uc, "create_connection", lambda address, *a, **k: real(refused, *a, **k))
    import akshare  # noqa: F401 - imported before the clock starts

    feat = window.features["universe"]
    feat.module = None
    t = time.monotonic()
    _click_menu_item(qtbot, window, "actUpdateUniverse")
    qtbot.waitUntil(lambda: feat.task is None and bool(feat.results), timeout=20000)
    took = time.monotonic() - t
    assert took < 3.0, took
    assert [r.status for r in feat.results] == ["error", "error"]
    lines = feat.summary.text().splitlines()
    assert len(lines) == 2, lines
    assert lines[0].startswith("A-share list: not updated — no connection (offline, or the site is blocked)")
    assert lines[1].startswith("Hong Kong list: not updated — no connection (offline, or the site is blocked)")
    assert "not tried, no site answered" in feat.summary.detailedText()
    feat.summary.close()
