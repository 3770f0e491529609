import os
import subprocess
import sys

from tests.conftest import ROOT


def test_uncaught_exception_is_logged_and_shown(qapp, tmp_path, monkeypatch, caplog):
    from PySide6.QtWidgets import QMessageBox
    from widgets.app import install_excepthook
    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda self: shown.append((self.text(), self.detailedText())))
    old = sys.excepthook
    try:
        install_excepthook(tmp_path / "x.log")
        try:
            raise ValueError("boom in a slot")
        except ValueError:
            sys.excepthook(*sys.exc_info())
    finally:
        sys.excepthook = old
    assert shown and "ValueError: boom in a slot" in shown[0][0]
    assert "Traceback" in shown[0][1]
    assert "boom in a slot" in caplog.text


def test_screenshot_mode_writes_a_png(tmp_path):
    out = tmp_path / "shot.png"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path),
               XDG_DATA_HOME=str(tmp_path), XDG_STATE_HOME=str(tmp_path), XDG_CACHE_HOME=str(tmp_path))
    r = subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", str(tmp_path / "s.sqlite"),
                        "--screenshot", str(out), "--select", "300308.SZ"],
                       capture_output=True, text=True, env=env, timeout=120)
    assert r.returncode == 0, r.stderr
    assert out.exists() and out.stat().st_size > 20_000
    from PySide6.QtGui import QImage
    img = QImage(str(out))
    assert img.width() >= 1000 and img.height() >= 600
