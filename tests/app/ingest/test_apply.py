"""Apply: validate first, one transaction, evidence everywhere bundled evidence is, delete is clean."""
import json

import pytest

from app.ingest import storage
from app.ingest.apply import ApplyError, apply, delete_report
from app.ingest.model import ACCEPT, REJECT
from app.ingest.pipeline import analyse

TEXT = ("2026年11月3日 某证券 AI算力周报\n"
        "一、腾讯算力核心合作提供商\n"
        "科大讯飞为腾讯提供语音大模型服务，份额约30%订单。\n"
        "中际旭创独占腾讯45%光模块订单。\n"
        "我们认为寒武纪有望成为字节跳动的核心芯片供应商。\n")
META = {"title": "AI算力周报", "publisher": "某证券", "date": "2026-11-03"}


@pytest.fixture
def proposal(desk):
    return analyse(desk, TEXT, source="weekly.txt", fmt="txt", meta=dict(META))


def test_apply_defaults_writes_what_is_strong_and_evidence_shows_everywhere(desk, proposal):
    res = apply(desk, proposal, defaults=True, watchlist="AI周报")
    kb = desk.kb
    assert res.key in kb.reports and kb.reports[res.key].title == "AI算力周报"
    # a universe company the bundled KB did not have is now a company with evidence
    assert kb.company("002230.SZ") is not None
    ev = kb.evidence_for("300308.SZ")
    assert any(e.report == res.key and "45%" in e.quote for _, _, e in ev)
    edge = next(e for e in kb.chain(customer="0700.HK") if e.evidence.report == res.key and e.supplier == "300308.SZ")
    assert edge.share_pct == 45 and edge.share_of == "orders"
    assert res.key in kb.reports_of("300308.SZ")
    # the argued claim is below the default threshold: not written
    assert not any(e.evidence.report == res.key and e.supplier == "688256.SH" for e in kb.edges)
    assert set(res.added_to_watchlist) >= {"002230.SZ", "300308.SZ"}
    # it survives a restart and a newer bundled knowledge base
    from app.services import Desk
    from app.universe import Universe

    path = desk.store.path
    desk.store.sync_kb(kb, list(Universe(desk.store.securities()).by_code.values()), force=True)
    again = Desk.open(path)
    try:
        assert res.key in again.kb.reports
        assert any(e.evidence.report == res.key for e in again.kb.edges)
    finally:
        again.store.close()


def test_user_decisions_win(desk, proposal):
    for e in proposal.edges:
        e.decision = ACCEPT if e.supplier == "688256.SH" else REJECT
    for c in proposal.companies:
        c.decision = ACCEPT
    apply(desk, proposal)
    mine = [e for e in desk.kb.edges if e.evidence.report == proposal.report["key"]]
    assert [(e.supplier, e.argued, e.status) for e in mine] == [("688256.SH", True, "potential")]


def test_nothing_is_written_when_anything_is_wrong(desk, proposal):
    proposal.report["date"] = "next week"
    proposal.edges[0].decision = ACCEPT
    proposal.edges[0].segment = "teleportation"
    with pytest.raises(ApplyError) as err:
        apply(desk, proposal, defaults=True)
    msg = str(err.value)
    assert "date 'next week'" in msg and "unknown segment" in msg
    assert storage.reports(desk.store) == []


def test_a_figure_the_quote_does_not_state_is_refused(desk, proposal):
    e = next(e for e in proposal.edges if e.supplier == "300308.SZ")
    e.decision, e.share_pct = ACCEPT, 100.0
    with pytest.raises(ApplyError, match="does not state 100%"):
        apply(desk, proposal)


def test_an_argued_claim_cannot_be_stated(desk, proposal):
    e = next(e for e in proposal.edges if e.argued)
    e.decision, e.status = ACCEPT, "core"
    with pytest.raises(ApplyError, match="argued claim"):
        apply(desk, proposal)


def test_the_same_text_twice_is_refused(desk, proposal):
    apply(desk, proposal, defaults=True)
    again = analyse(desk, TEXT, meta=dict(META))
    with pytest.raises(Exception, match="already in the desk"):
        apply(desk, again, defaults=True)


def test_delete_removes_its_claims_and_nothing_else(desk, proposal):
    wl = desk.store.ensure_watchlist("keep")
    desk.store.add_items(wl, ["300308.SZ"])
    desk.store.update_item(wl, "300308.SZ", notes="mine")
    before = len(desk.kb.edges)
    res = apply(desk, proposal, defaults=True)
    assert len(desk.kb.edges) > before
    gone = delete_report(desk, res.key)
    assert gone.key == res.key
    assert len(desk.kb.edges) == before and res.key not in desk.kb.reports
    assert desk.kb.company("002230.SZ") is None        # the company it brought goes with it
    assert desk.store.watchlist("keep").items[0].notes == "mine"


def test_the_text_is_kept_for_context(desk, proposal):
    res = apply(desk, proposal, defaults=True)
    assert storage.text_of(desk.store, res.key) == TEXT


def test_excel_export_carries_the_added_evidence(desk, proposal, tmp_path):
    from openpyxl import load_workbook

    from app.excel.export import export_workbook

    res = apply(desk, proposal, defaults=True)
    out = tmp_path / "x.xlsx"
    export_workbook(desk, out)
    wb = load_workbook(out, read_only=True)
    sheet = next(ws for ws in wb.worksheets if "vidence" in ws.title)
    cells = [str(c) for row in sheet.iter_rows(values_only=True) for c in row if c]
    assert any(res.key in c for c in cells)
    assert any("中际旭创独占腾讯45%光模块订单" in c for c in cells)


def test_cli_ingest_json_apply_and_reports(tmp_path, capsys):
    from app.cli import run

    f = tmp_path / "weekly.txt"
    f.write_text(TEXT, encoding="gb18030")
    db = str(tmp_path / "cli.sqlite")
    assert run(["--db", db, "ingest", str(f), "--json", "--title", "AI算力周报", "--date", "2026-11-03"]) == 0
    out = json.loads(capsys.readouterr().out)
    text = TEXT
    for c in out["companies"]:
        for m in c["mentions"]:
            assert text[m["start"]:m["end"]] == m["quote"]
    assert any(e["supplier"] == "300308.SZ" and e["share_pct"] == 45 for e in out["edges"])
    assert run(["--db", db, "reports", "list", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []            # without --apply nothing changed
    assert run(["--db", db, "ingest", str(f), "--apply", "--title", "AI算力周报", "--date", "2026-11-03"]) == 0
    assert "applied as report" in capsys.readouterr().out
    assert run(["--db", db, "reports", "list", "--json"]) == 0
    reps = json.loads(capsys.readouterr().out)
    assert len(reps) == 1 and reps[0]["facts"]["edge"] >= 1
    key = reps[0]["key"]
    assert run(["--db", db, "reports", "show", key]) == 0
    assert "中际旭创" in capsys.readouterr().out
    assert run(["--db", db, "reports", "delete", key]) == 0
    assert run(["--db", db, "reports", "show", key]) == 1


def test_cli_unreadable_file_is_a_clear_error(tmp_path, capsys):
    from app.cli import run

    f = tmp_path / "scan.pdf"
    f.write_bytes(b"%PDF-1.4 broken")
    assert run(["--db", str(tmp_path / "c.sqlite"), "ingest", str(f)]) == 1
    err = capsys.readouterr().err
    assert "scan.pdf" in err and "Traceback" not in err


def test_a_report_the_desk_already_has_is_recognised_and_not_applied_twice(desk, tmp_path, capsys):
    """One of the bundled reports, read again from its file: the proposal says which report it is
    (most of that report's quotes are in it verbatim), apply refuses it unless the user insists,
    and a report the desk does not have is not taken for one."""
    from app.cli import run
    from app.ingest.pipeline import analyse_file
    from tests.conftest import SEEDS

    seed = SEEDS / "000_3588441407189b7d.txt"
    p = analyse_file(desk, seed)
    dup = p.duplicate_of
    assert dup is not None and dup["file"] == "000_3588441407189b7d.txt"
    assert dup["matched"] >= 0.6 * dup["of"] and dup["of"] >= 3
    assert "already in the desk" in p.warnings[0] and "第一上海證券" in p.warnings[0]
    before = len(desk.kb.reports)
    with pytest.raises(ApplyError, match="already in the desk: this is the report 第一上海證券"):
        apply(desk, p, defaults=True)
    assert len(desk.kb.reports) == before
    p.allow_duplicate = True                       # the user insists: a second copy, by their decision
    apply(desk, p, defaults=True)
    assert len(desk.kb.reports) == before + 1
    assert analyse(desk, TEXT, meta=dict(META)).duplicate_of is None
    # the command line refuses it too, and says so in one line
    db = str(tmp_path / "cli.sqlite")
    assert run(["--db", db, "ingest", str(seed), "--apply"]) == 1
    err = capsys.readouterr().err
    assert "already in the desk" in err and "000_3588441407189b7d.txt" in err
    assert run(["--db", db, "ingest", str(seed), "--apply", "--allow-duplicate"]) == 0
