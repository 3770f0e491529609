"""Apply and delete of an added report on both databases: a personal SQLite file, and a team
PostgreSQL database (as the owner and as a member with write access, under the team's grants and
row-level security)."""
import pytest

from app.ingest import storage
from app.ingest.apply import apply, delete_report
from app.ingest.pipeline import analyse
from tests.app.ingest.test_apply import META, TEXT


@pytest.fixture(params=["sqlite", "postgresql-owner", "postgresql-alice"])
def team_desk(request, tmp_path):
    from app.services import Desk

    if request.param == "sqlite":
        target = str(tmp_path / "store.sqlite")
    else:
        db = request.getfixturevalue("pg_db")
        target = db.url(None if request.param.endswith("owner") else "alice")
    d = Desk.open(target)
    yield d, target
    d.store.close()


def test_apply_then_delete_on_each_database(team_desk):
    desk, target = team_desk
    wl = desk.store.ensure_watchlist("keep")
    desk.store.add_items(wl, ["300308.SZ"])
    before = len(desk.kb.edges)
    proposal = analyse(desk, TEXT, source="weekly.txt", fmt="txt", meta=dict(META))
    res = apply(desk, proposal, defaults=True, watchlist="AI周报")
    assert res.key in desk.kb.reports and len(desk.kb.edges) > before
    assert desk.kb.company("002230.SZ") is not None
    assert [r.key for r in storage.reports(desk.store)] == [res.key]
    assert storage.text_of(desk.store, res.key) == TEXT
    # another desk on the same database sees the report
    from app.services import Desk

    other = Desk.open(target)
    try:
        assert res.key in other.kb.reports
    finally:
        other.store.close()
    gone = delete_report(desk, res.key)
    assert gone.key == res.key
    assert len(desk.kb.edges) == before and res.key not in desk.kb.reports
    assert desk.kb.company("002230.SZ") is None
    assert storage.reports(desk.store) == []
    assert desk.store.watchlist("keep").codes == ["300308.SZ"]
