"""Dialogs open at a size that suits the screen they open on (issue 13, 16: at 1024x700 the print
preview hid its Print button behind "»", and a review window size left on one screen came back
on another)."""
from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QDialog

from widgets import window_geometry as wg


def _avail():
    return QApplication.primaryScreen().availableGeometry()


def test_a_dialog_takes_most_of_its_screen_and_stays_on_it(qtbot):
    d = QDialog()
    qtbot.addWidget(d)
    wg.size_dialog(d, share=0.9, most=(5000, 5000))
    a = _avail()
    assert abs(d.width() - int(a.width() * 0.9)) <= 1 and abs(d.height() - int(a.height() * 0.9)) <= 1
    assert a.contains(d.geometry())
    wg.size_dialog(d, share=0.9, most=(300, 200))     # a cap for very large screens
    assert (d.width(), d.height()) == (300, 200)


def test_a_size_saved_on_another_screen_size_is_not_reused(qtbot, tmp_path):
    s = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    d = QDialog()
    qtbot.addWidget(d)
    d.resize(400, 250)
    wg.save_dialog(d, s, "dlg/geometry")
    e = QDialog()
    qtbot.addWidget(e)
    wg.restore_dialog(e, s, "dlg/geometry", share=0.9, most=(5000, 5000))
    assert (e.width(), e.height()) == (400, 250)            # same screen: as the user left it
    s.setValue("dlg/geometry_screen", "1024x700")             # left on another screen size
    f = QDialog()
    qtbot.addWidget(f)
    wg.restore_dialog(f, s, "dlg/geometry", share=0.9, most=(5000, 5000))
    assert f.width() >= int(_avail().width() * 0.9) - 1


def test_print_preview_opens_at_most_of_the_screen(window, qtbot):
    from app.printing.summary import build_summary
    from widgets.printing import make_print_preview

    summary = build_summary(window.desk, codes=window.model_codes()[:3], title="t")
    dlg = make_print_preview(window, summary)
    qtbot.addWidget(dlg)
    a = _avail()
    assert dlg.width() >= int(a.width() * 0.85) and a.contains(dlg.geometry())
