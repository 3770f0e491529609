"""Export: one workbook an analyst is glad to open, that never holds a formula."""
import datetime as dt
import re
import zipfile

import openpyxl
import pytest

from app.excel.export import META_SHEET, export_workbook
from app.excel.readers import CancelledError
from app.store import SCHEMA_VERSION
from tests.app.excel.conftest import make_list


def test_workbook_layout(xdesk, tmp_path):
    make_list(xdesk)
    res = export_workbook(xdesk, tmp_path / "desk.xlsx", now=dt.datetime(2026, 3, 1, 9, 30))
    assert res.path.exists() and res.items == 62 + 4
    wb = openpyxl.load_workbook(res.path)
    names = wb.sheetnames
    assert names[:2] == ["报告标的 Report names", "AI 服务器"]
    for s in ("Companies", "Themes", "Theme members", "Supply chain", "Evidence", "Reports", META_SHEET):
        assert s in names
    assert sum(1 for n in names if n.startswith("Fig ")) == len(xdesk.kb.figures)
    for ws in wb.worksheets:
        assert ws.freeze_panes == "A2", ws.title
        if ws.title != META_SHEET:
            assert ws.auto_filter.ref and ws.auto_filter.ref.startswith("A1:"), ws.title
        assert ws.column_dimensions["A"].width >= 6

    ws = wb["AI 服务器"]
    header = [c.value for c in ws[1]]
    assert header[:2] == ["id", "code"] and "notes" in header and "target price" in header
    rows = {r[1].value: r for r in ws.iter_rows(min_row=2)}
    inspur = rows["000977.SZ"]
    col = {h: i for i, h in enumerate(header)}
    # codes are text cells with the text format, ids and numbers are numbers, dates are dates
    assert inspur[col["code"]].data_type == "s" and inspur[col["code"]].number_format == "@"
    assert isinstance(inspur[col["id"]].value, int)
    assert inspur[col["target price"]].value == 58.5
    assert inspur[col["target price"]].number_format == "#,##0.00##"
    assert inspur[col["rating"]].value == 4
    assert isinstance(inspur[col["added"]].value, dt.datetime)
    assert inspur[col["name"]].value == "浪潮信息"
    assert inspur[col["notes"]].value == "超50%算力订单\n第二行"
    # formula-looking text is neutralised with an apostrophe
    assert rows["0700.HK"][col["notes"]].value == "'=SUM(A1:A9)"
    assert rows["0700.HK"][col["tags"]].value == "'-short, hub"
    assert rows["300308.SZ"][col["notes"]].value == "'@mention +86 'quoted"
    # cells typed in later keep the text format in the code column
    assert ws.column_dimensions["B"].number_format == "@"

    meta = {r[0].value: r[1].value for r in wb[META_SHEET].iter_rows(min_row=2, max_row=12) if r[0].value}
    assert meta["format"] == "chainwatch-workbook" and meta["format_version"] == 1
    assert meta["exported_at"] == dt.datetime(2026, 3, 1, 9, 30)
    assert meta["kb_version"] == xdesk.kb.version and meta["schema_version"] == SCHEMA_VERSION
    assert re.fullmatch(r"[0-9a-f]{32}", meta["store_id"])

    reports = wb["Reports"]
    assert isinstance(reports["E2"].value, dt.datetime)  # a date cell
    fig = wb["Fig hk_llm_listings"]
    hdr = [c.value for c in fig[1]]
    assert fig.cell(2, hdr.index("code") + 1).value == "2513.HK"
    assert isinstance(fig.cell(2, hdr.index("listing_date") + 1).value, dt.datetime)
    assert isinstance(fig.cell(2, hdr.index("offer_price_hkd") + 1).value, float)


def test_no_cell_is_ever_a_formula(xdesk, tmp_path):
    make_list(xdesk)
    p = export_workbook(xdesk, tmp_path / "desk.xlsx").path
    with zipfile.ZipFile(p) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/"):
                xml = z.read(name)
                assert not re.search(rb"<f[ >/]", xml), name
                # every text cell starts with something other than a formula trigger
                for t in re.findall(rb"<t(?: [^>]*)?>(.*?)</t>", xml, re.S):
                    assert t[:1] not in (b"=", b"+", b"-", b"@", b"\t", b"\r"), (name, t)
                    assert not t.startswith(b"&#13;"), (name, t)


def test_one_watchlist(xdesk, tmp_path):
    make_list(xdesk)
    res = export_workbook(xdesk, tmp_path / "one.xlsx", watchlist="AI 服务器")
    wb = openpyxl.load_workbook(res.path, read_only=True)
    assert res.watchlists == ["AI 服务器"] and res.items == 4
    assert "报告标的 Report names" not in wb.sheetnames and wb.sheetnames[0] == "AI 服务器"


def test_sheet_titles_are_valid_and_unique(xdesk, tmp_path):
    s = xdesk.store
    for name in ["a/b:c*?[x]", "Companies", "x" * 40, "x" * 40 + "y"]:
        s.add_items(s.create_watchlist(name), ["0700.HK"])
    wb = openpyxl.load_workbook(export_workbook(xdesk, tmp_path / "t.xlsx").path, read_only=True)
    titles = wb.sheetnames
    assert len({t.lower() for t in titles}) == len(titles)
    assert "a_b_c__[x]" not in titles and "a_b_c___x_" in titles
    assert all(len(t) <= 31 for t in titles)


def test_cancel_leaves_no_file(xdesk, tmp_path):
    p = tmp_path / "c.xlsx"
    with pytest.raises(CancelledError):
        export_workbook(xdesk, p, cancelled=lambda: True)
    assert not p.exists() and not list(tmp_path.glob("*.xlsx"))


def test_progress_reaches_the_end(xdesk, tmp_path):
    seen = []
    export_workbook(xdesk, tmp_path / "p.xlsx", progress=lambda d, t: seen.append((d, t)))
    assert seen[-1][0] == seen[-1][1] > 0


def test_cli_export(xdesk, tmp_path, capsys):
    from app.cli import run

    make_list(xdesk)
    db = str(xdesk.store.path)
    assert run(["--db", db, "export", str(tmp_path / "cli.xlsx"), "--watchlist", "AI 服务器"]) == 0
    assert "1 watchlist(s), 4 item(s)" in capsys.readouterr().out
    assert run(["--db", db, "export", str(tmp_path / "cli.csv")]) == 1
    assert ".xlsx" in capsys.readouterr().err
    assert run(["--db", db, "export", str(tmp_path / "x.xlsx"), "--watchlist", "nope"]) == 1
    assert "no watchlist 'nope'" in capsys.readouterr().err


@pytest.mark.parametrize("language, role, note", [
    ("en", "光模块（核心；45%订单）", "占45%光模块订单（800G/1.6T光模块）"),
    ("zh_TW", "光模塊（核心；45%訂單）", "佔45%光模塊訂單（800G/1.6T光模塊）")])
def test_reference_sheets_carry_a_chinese_column_beside_the_english(xdesk, tmp_path, language, role, note):
    """The roles and notes in Chinese beside the English (Traditional in a zh_TW workbook)."""
    res = export_workbook(xdesk, tmp_path / "desk.xlsx", language=language)
    wb = openpyxl.load_workbook(res.path)

    def rows(sheet):
        ws = wb[sheet]
        header = [c.value for c in ws[1]]
        return header, [dict(zip(header, (c.value for c in r))) for r in ws.iter_rows(min_row=2)]

    header, ev = rows("Evidence")
    assert header[3:5] == ["what", "what 中文"]
    zx = [r for r in ev if r["code or id"] == "300308.SZ" and r["kind"] == "theme member"]
    assert any(r["what"].endswith(": optical modules (core; 45% of orders)") and r["what 中文"].endswith(": " + role)
               for r in zx)
    sup = [r for r in ev if r["code or id"] == "300308.SZ" and r["kind"] == "supplies"]
    assert any(note in (r["what 中文"] or "") for r in sup)
    header, chain = rows("Supply chain")
    assert header[header.index("note") + 1] == "note 中文"
    assert any(r["note 中文"] == note for r in chain if r["supplier"] == "300308.SZ")
    header, members = rows("Theme members")
    assert any(r["roles 中文"] == role for r in members if r["code or id"] == "300308.SZ")


@pytest.mark.parametrize("language, link_zh, event_zh", [
    ("en", "（实益达持有六度人和13.045%股权）", "2026-01-08 发行价 116.2 HKD：IPO发行价每股116.20港元；募资总额超43亿港元。"),
    ("zh_TW", "（實益達持有六度人和13.045%股權）", "2026-01-08 發行價 116.2 HKD：IPO發行價每股116.20港元；募資總額超43億港元。")])
def test_evidence_sheet_gives_link_and_event_notes_in_both_languages(xdesk, tmp_path, language, link_zh, event_zh):
    """A link's and an event's note: English in 'what', note_zh in 'what 中文' (Traditional in zh_TW)."""
    res = export_workbook(xdesk, tmp_path / "desk.xlsx", language=language)
    ws = openpyxl.load_workbook(res.path)["Evidence"]
    header = [c.value for c in ws[1]]
    ev = [dict(zip(header, (c.value for c in r))) for r in ws.iter_rows(min_row=2)]
    link = next(r for r in ev if r["code or id"] == "002137.SZ" and r["kind"] == "invests_in")
    assert link["what"].endswith(" (SEA Star holds 13.045% of Liudu Renhe)")
    assert link["what 中文"].endswith(link_zh)
    event = next(r for r in ev if r["code or id"] == "2513.HK" and r["kind"] == "event"
                 and "116.2" in r["what"])
    assert event["what"] == ("2026-01-08 offer_price 116.2 HKD: IPO offer price HKD 116.20 per share; "
                             "gross proceeds over HKD 4.3 bn.")
    assert event["what 中文"] == event_zh
