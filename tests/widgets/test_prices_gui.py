"""Prices in the desk: a refresh in a worker (recorded-style fake provider), price columns, charts."""
import pytest

from app.prices.providers import Provider, ProviderError, normalise
from tests.app.prices.bars import gen_bars
from widgets.table_model import COLUMN_INDEX


class FakeProvider(Provider):
    name = "fake"

    def __init__(self, fail: set[str]):
        self.fail = fail
        self.calls = []

    def extract_data(self, query, params):
        self.calls.append(query.code)
        if query.code in self.fail:
            raise ProviderError(self.name, query.code, "HTTP 503 Service Unavailable")
        return gen_bars(300, seed=len(query.code) + sum(map(ord, query.code)), start="2025-01-02")

    def transform_data(self, query, params, raw):
        return normalise(raw, code=query.code, adjustment=query.adjustment)


@pytest.fixture
def fake(monkeypatch):
    prov = FakeProvider(fail={"0100.HK"})
    monkeypatch.setattr("app.prices.service._default_provider", lambda: prov)
    return prov


def test_refresh_fills_price_columns_and_reports_failures(window, qtbot, fake, monkeypatch):
    from PySide6.QtWidgets import QMessageBox
    opened = []
    monkeypatch.setattr(QMessageBox, "open", lambda self: opened.append(self.detailedText()))
    assert window.table.isColumnHidden(COLUMN_INDEX["last"])  # no prices yet
    qtbot.waitUntil(lambda: window.proxy.rowCount() > 0, timeout=10000)   # F5 refreshes the rows shown
    window.act_refresh.trigger()
    assert window.act_cancel.isEnabled()
    qtbot.waitUntil(lambda: "Prices:" in window.statusBar().currentMessage(), timeout=60000)
    assert "1 failed" in window.statusBar().currentMessage()
    assert opened and "0100.HK" in opened[0] and "503" in opened[0]
    assert "HSTECH.HI" in fake.calls and "000300.SH" in fake.calls
    qtbot.waitUntil(lambda: not window.table.isColumnHidden(COLUMN_INDEX["last"]), timeout=10000)
    # filled by a worker after the refresh (an earlier fill may have come mid-download)
    qtbot.waitUntil(lambda: "300308.SZ" in window._prices, timeout=10000)
    pos = window.model.position_of("300308.SZ")
    last = window.proxy.mapFromSource(window.model.index(pos, COLUMN_INDEX["last"])).data()
    assert last and float(last.replace(",", "")) > 0
    failed = window.proxy.mapFromSource(window.model.index(window.model.position_of("0100.HK"),
                                                           COLUMN_INDEX["last"])).data()
    assert failed == ""  # no cached data for the failed code: blank, not a crash


def test_charts_follow_selection_after_refresh(window, qtbot, fake, monkeypatch):
    from PySide6.QtWidgets import QMessageBox
    monkeypatch.setattr(QMessageBox, "open", lambda self: None)
    window.act_refresh.trigger()
    qtbot.waitUntil(lambda: "Prices:" in window.statusBar().currentMessage(), timeout=60000)
    window.dock_charts.show()
    window.dock_charts.raise_()
    qtbot.waitUntil(lambda: window.charts.candles is not None, timeout=10000)
    window.select_codes(["300308.SZ"])
    window._charts_follow()
    assert not window.charts.candles.is_empty
    window.charts.tabs.setCurrentWidget(window.charts.relative)
    assert not window.charts.relative.is_empty


def test_cancel_keeps_what_was_downloaded(window, qtbot, fake, monkeypatch):
    from PySide6.QtWidgets import QMessageBox
    monkeypatch.setattr(QMessageBox, "open", lambda self: None)
    window.act_refresh.trigger()
    window.act_cancel.trigger()
    qtbot.waitUntil(lambda: "Prices:" in window.statusBar().currentMessage(), timeout=60000)
    assert "cancelled" in window.statusBar().currentMessage() or len(fake.calls) > 0


def test_theme_basket_and_report_figures_tabs(window, qtbot, fake, monkeypatch):
    from PySide6.QtWidgets import QMessageBox
    monkeypatch.setattr(QMessageBox, "open", lambda self: None)
    window.act_refresh.trigger()
    qtbot.waitUntil(lambda: "Prices:" in window.statusBar().currentMessage(), timeout=60000)
    window.dock_charts.show()
    window.dock_charts.raise_()   # the charts are built when their dock is first seen
    qtbot.waitUntil(lambda: window.charts.basket is not None, timeout=10000)
    window.charts.tabs.setCurrentWidget(window.charts.basket)
    window.themes.select_theme("domestic-compute")
    b = window.charts.basket
    assert b.frame is not None and len(b.frame) > 100
    caption = b.caption.text()
    assert "members have prices" in caption
    assert "燧原科技" in caption or "Enflame" in caption  # an unlisted theme member is named, not hidden
    assert window.charts.figures is not None
    assert "supplier_shares" in window.charts.figures.figure_keys()


def test_export_current_chart_as_png(window, qtbot, fake, monkeypatch, tmp_path):
    from PySide6.QtGui import QImage
    from PySide6.QtWidgets import QFileDialog, QMessageBox
    monkeypatch.setattr(QMessageBox, "open", lambda self: None)
    window.act_refresh.trigger()
    qtbot.waitUntil(lambda: "Prices:" in window.statusBar().currentMessage(), timeout=60000)
    window.dock_charts.show()
    window.dock_charts.raise_()   # the charts are built when their dock is first seen
    qtbot.waitUntil(lambda: window.charts.candles is not None, timeout=10000)
    window.select_codes(["300308.SZ"])
    out = tmp_path / "candles.png"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    window.act_chart_png.trigger()
    assert out.exists() and not QImage(str(out)).isNull()


def _local_server():
    import socket
    import threading
    srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    srv.bind(("127.0.0.1", 0))
    srv.listen(64)
    held = []
    threading.Thread(target=lambda: [held.append(srv.accept()) for _ in range(200)], daemon=True).start()
    return srv, held


def test_no_network_says_so_up_front_and_keeps_the_desk_usable(window, qtbot, monkeypatch):
    """Both sources refuse (loopback, a closed port): one line first, cached prices kept with their date."""
    import socket

    from PySide6.QtWidgets import QMessageBox

    from app.prices.cache import PriceCache
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    url = f"http://127.0.0.1:{s.getsockname()[1]}"
    s.close()
    monkeypatch.setenv("CHAINWATCH_EASTMONEY_URL", url)
    monkeypatch.setenv("CHAINWATCH_TENCENT_URL", url)
    boxes = []
    monkeypatch.setattr(QMessageBox, "open", lambda self: boxes.append((self.text(), self.detailedText())))
    PriceCache(window.desk.store).write(
        normalise(gen_bars(30, seed=1, start="2025-12-01").assign(code="300308.SZ", adjustment="none")), "test")
    seen = []
    window.statusBar().messageChanged.connect(seen.append)
    window.act_refresh.trigger()
    qtbot.waitUntil(lambda: "Prices:" in window.statusBar().currentMessage(), timeout=30000)
    msg = window.statusBar().currentMessage()
    # while downloading too, the sources given up on are named once each
    progress = [m for m in seen if "failed:" in m]
    assert progress and all(m.count("unreachable") <= 1 for m in progress), progress
    assert any(m.endswith("failed: Eastmoney, Tencent unreachable") for m in progress), progress
    # one line: each source named once with its reason, short enough for the status bar
    assert msg.endswith("unreachable: Eastmoney, Tencent (connection refused)"), msg
    assert msg.count("unreachable") == 1 and msg.count("Eastmoney") == 1 and msg.count("Tencent") == 1, msg
    assert "\n" not in msg and len(msg) <= 125, msg
    assert window.statusBar().fontMetrics().horizontalAdvance(msg) < 1000, msg
    assert "cached data kept (to 2026-01-09)" in msg
    assert boxes and boxes[0][0] == "No network connection — unreachable: Eastmoney, Tencent (connection refused)."
    # the full detail (host, port, every code) is in the dialog's details
    detail = boxes[0][1]
    assert detail.startswith("Eastmoney, Tencent unreachable (offline or blocked): Eastmoney: no connection to "
                             f"127.0.0.1:{url.rsplit(':', 1)[1]} (refused)"), detail
    assert "300308.SZ: error:" in detail
    assert not window.act_cancel.isEnabled()
    # the desk stays usable and shows the cached price
    qtbot.waitUntil(lambda: not window.table.isColumnHidden(COLUMN_INDEX["last"]), timeout=10000)
    # filled by a worker after the refresh (an earlier fill may have come mid-download)
    qtbot.waitUntil(lambda: "300308.SZ" in window._prices, timeout=10000)
    pos = window.model.position_of("300308.SZ")
    last = window.proxy.mapFromSource(window.model.index(pos, COLUMN_INDEX["last"])).data()
    assert last and float(last.replace(",", "")) > 0
    window.table.selectRow(0)


def test_cancel_in_the_gui_within_a_second(window, qtbot, monkeypatch):
    import time

    srv, held = _local_server()
    url = f"http://127.0.0.1:{srv.getsockname()[1]}"
    monkeypatch.setenv("CHAINWATCH_EASTMONEY_URL", url)
    monkeypatch.setenv("CHAINWATCH_TENCENT_URL", url)
    window.act_refresh.trigger()
    qtbot.wait(500)                                  # the first request hangs on the silent server
    assert window.act_cancel.isEnabled()
    t = time.monotonic()
    window.act_cancel.trigger()
    qtbot.waitUntil(lambda: "Prices:" in window.statusBar().currentMessage(), timeout=5000)
    assert time.monotonic() - t < 1.0
    assert "cancelled" in window.statusBar().currentMessage()
    srv.close()
