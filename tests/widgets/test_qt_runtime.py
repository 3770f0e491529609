import sys


def test_void_qt_calls_do_not_leak_references_to_none(qapp):
    """PySide6 6.12.0 on Python 3.11 dropped a reference to None per void call until the process
    aborted; pyproject pins it out. This fails if such a build comes back."""
    from PySide6.QtWidgets import QLabel

    w = QLabel("x")
    before = sys.getrefcount(None)
    for i in range(500):
        w.setText(str(i))
    assert sys.getrefcount(None) >= before - 5
