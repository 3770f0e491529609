"""The review window's duplicate banner for a part of a known report: what it is part of, and the
report's title and publisher as written (not lower-cased)."""
import pytest

from tests.conftest import SEEDS


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the reports (../shared/seeds) are not beside the project")
def test_a_part_of_a_known_report_says_so_in_the_banner(window, qtbot, monkeypatch):
    from app.ingest.pipeline import analyse
    from widgets.ingest.review import ReviewWindow

    monkeypatch.setenv("CHAINWATCH_SEEDS", str(SEEDS))
    text = (SEEDS / "003_e0258e1319e7f3ad.txt").read_text(encoding="utf-8")[:3000]
    w = ReviewWindow(analyse(window.desk, text), window.desk, window)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    shown = w.duplicate_banner.text()
    assert w.duplicate_banner.isVisible()
    assert "Already in the desk: this text is part of the report" in shown
    assert "003_e0258e1319e7f3ad.txt" in shown and "sentences are in that report" in shown
    assert "晚點LatePost" in shown and "Kimi" in shown          # as the report writes them
