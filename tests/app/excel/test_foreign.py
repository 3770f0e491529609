"""Lists other tools write: recognised, every rejected row listed with its reason, no zero lost."""
import openpyxl
import pytest

from app.excel import ColumnMapping, apply_import, preview_import, revert
from app.excel.foreign import CodeColumn, load_mappings
from tests.app.excel.conftest import snapshot


def xlsx(path, rows, title="Sheet1"):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    for r in rows:
        ws.append(r)
    for row in ws.iter_rows():
        for c in row:
            if isinstance(c.value, str) and c.value.startswith("="):
                c.data_type = "s"
    wb.save(path)
    return path


def adds(pv):
    return [c.code for c in pv.changes if c.action == "add"]


def reasons(pv):
    return {p.row: p.message for p in pv.rejected}


def test_wind_export_with_title_rows_and_footer(xdesk, tmp_path):
    p = xlsx(tmp_path / "Wind自选.xlsx", [
        ["自选股-AI算力"], ["日期：2026-03-01"], [],
        ["证券代码", "证券简称", "最新价", "涨跌幅(%)"],
        ["600519.SH", "贵州茅台", 1500.5, 1.2],
        ["0700.HK", "腾讯控股", 600, -0.5],
        ["300308.SZ", "中际旭创", 120, 3],
        ["000977.SZ", "浪潮信息", 50, 0],
        ["BABA.N", "阿里巴巴", 80, 1],
        ["123456.SZ", "不存在", 1, 1],
        ["600519.SH", "贵州茅台", 1500.5, 1.2],
        [],
        ["数据来源：Wind"],
    ])
    before = snapshot(xdesk.store)
    pv = preview_import(xdesk, p)
    assert pv.kind == "list" and pv.ok
    assert pv.changes[0].action == "create" and pv.changes[0].watchlist == "Wind自选"
    assert adds(pv) == ["600519.SH", "0700.HK", "300308.SZ", "000977.SZ"]
    r = reasons(pv)
    assert set(r) == {9, 10, 11}
    assert "US listing" in r[9]
    assert "invalid code" in r[10] and "123456" in r[10]
    assert "duplicate" in r[11] and "row 5" in r[11]
    assert all(p.column == "A (证券代码)" and p.sheet == "Sheet1" for p in pv.rejected)
    assert any("footer line skipped" in n and "数据来源" in n for n in pv.notes)
    assert snapshot(xdesk.store) == before
    undo = apply_import(xdesk.store, pv)
    assert xdesk.store.watchlist("Wind自选").codes == ["600519.SH", "0700.HK", "300308.SZ", "000977.SZ"]
    revert(xdesk.store, undo)
    assert snapshot(xdesk.store) == before


def test_ifind_csv_in_gbk(xdesk, tmp_path):
    p = tmp_path / "ifind.csv"
    p.write_bytes("股票代码,股票简称,收盘价\n002230.SZ,科大讯飞,50\n688256.SH,寒武纪,600\n\n"
                  "数据来源：同花顺iFinD\n".encode("gbk"))
    pv = preview_import(xdesk, p, watchlist="国产算力")
    assert adds(pv) == ["002230.SZ", "688256.SH"] and not pv.rejected
    assert any("GB18030" in n for n in pv.notes)


def test_tonghuashun_xls_is_tab_separated_gbk(xdesk, tmp_path):
    p = tmp_path / "自选股20260301.xls"
    p.write_bytes("代码\t名称\t涨幅%\nSZ300308\t中际旭创\t1.2\nHK0700\t腾讯控股\t-0.5\nSH600519\t贵州茅台\t0\n"
                  .encode("gbk"))
    pv = preview_import(xdesk, p)
    assert adds(pv) == ["300308.SZ", "0700.HK", "600519.SH"]


def test_futu_csv(xdesk, tmp_path):
    p = tmp_path / "futu.csv"
    p.write_text("代码,名称,最新价\nHK.00700,腾讯控股,600\nSH.600519,贵州茅台,1500\nUS.AAPL,苹果,200\n"
                 "HK.09988,阿里巴巴-W,80\n", encoding="utf-8-sig")
    pv = preview_import(xdesk, p)
    assert adds(pv) == ["0700.HK", "600519.SH", "9988.HK"]
    assert "US listing" in reasons(pv)[4]


def test_yahoo_portfolio_csv_with_comments(xdesk, tmp_path):
    p = tmp_path / "quotes.csv"
    p.write_text("Symbol,Current Price,Date,Time,Change,Open,High,Low,Volume,Trade Date,Purchase Price,"
                 "Quantity,Commission,High Limit,Low Limit,Comment\n"
                 "0700.HK,600,2026/03/01,16:08 CST,1,599,601,598,100,,,,,,,=core holding\n"
                 "600519.SS,1500,2026/03/01,15:00 CST,1,1,1,1,1,,,,,,,\n"
                 "300308.SZ,120,2026/03/01,15:00 CST,1,1,1,1,1,,,,,,,光模块\n", encoding="utf-8")
    pv = preview_import(xdesk, p)
    assert adds(pv) == ["0700.HK", "600519.SH", "300308.SZ"]
    new = {c.code: c.new for c in pv.changes if c.action == "add"}
    assert new["0700.HK"]["notes"] == "=core holding" and new["300308.SZ"]["notes"] == "光模块"
    apply_import(xdesk.store, pv)
    assert xdesk.store.watchlist("quotes").items[0].notes == "=core holding"


def test_bloomberg_tickers(xdesk, tmp_path):
    p = xlsx(tmp_path / "bbg.xlsx", [["Security", "Last Price"], ["700 HK Equity", 600],
                                     ["600519 CH Equity", 1500], ["9988 HK Equity", 80]])
    pv = preview_import(xdesk, p)
    assert adds(pv) == ["0700.HK", "600519.SH", "9988.HK"]


def test_bare_column_of_codes_without_header(xdesk, tmp_path):
    p = tmp_path / "codes.csv"
    p.write_text("0700.HK\n600519.SH\n01810\n688256\n", encoding="utf-8")
    pv = preview_import(xdesk, p)
    assert adds(pv) == ["0700.HK", "600519.SH", "1810.HK", "688256.SH"] and not pv.rejected


def test_bare_column_of_names_in_big5(xdesk, tmp_path):
    p = tmp_path / "names.csv"
    p.write_bytes("騰訊控股\n阿里巴巴\n貴州茅臺\n中際旭創\n不存在的公司\n字節跳動\n".encode("big5"))
    pv = preview_import(xdesk, p)
    assert adds(pv) == ["0700.HK", "9988.HK", "600519.SH", "300308.SZ"]
    r = reasons(pv)
    assert "unknown name" in r[5]
    assert "unlisted entity" in r[6]


def test_ambiguous_name_is_rejected(xdesk, tmp_path):
    from app.universe import Security, Universe

    secs = list(xdesk.universe.by_code.values())
    secs.append(Security("000002.SZ", "腾讯控股", "騰訊控股"))  # a made-up namesake
    xdesk._universe = Universe(secs)
    p = tmp_path / "n.csv"
    p.write_text("名称\n腾讯控股\n贵州茅台\n", encoding="utf-8")
    pv = preview_import(xdesk, p)
    assert adds(pv) == ["600519.SH"]
    assert "ambiguous name" in reasons(pv)[2]


def test_leading_zeros_rule(xdesk, tmp_path):
    # an A-share column that Excel turned into numbers
    p = xlsx(tmp_path / "a.xlsx", [["证券代码", "证券简称"], [600519, "贵州茅台"], [1, "平安银行"],
                                   [2230, "科大讯飞"], [300308, "中际旭创"]])
    assert adds(preview_import(xdesk, p)) == ["600519.SH", "000001.SZ", "002230.SZ", "300308.SZ"]
    # a Hong Kong column
    p = xlsx(tmp_path / "hk.xlsx", [["港股代码", "名称"], [700, "腾讯控股"], [9988, "阿里巴巴"], [1, "长和"]])
    pv = preview_import(xdesk, p)
    # 0001.HK (长和) is neither in the universe nor the knowledge base: rejected unless kept
    assert adds(pv) == ["0700.HK", "9988.HK"] and "0001.HK" in reasons(pv)[4]
    assert adds(preview_import(xdesk, p, keep_unknown=True)) == ["0700.HK", "9988.HK", "0001.HK"]
    # a mix: a bare number is ambiguous, and says both readings
    p = xlsx(tmp_path / "mix.xlsx", [["代码"], ["0700.HK"], ["600519.SH"], [700], ["01810"]])
    pv = preview_import(xdesk, p)
    assert adds(pv) == ["0700.HK", "600519.SH", "1810.HK"]
    msg = reasons(pv)[4]
    assert "ambiguous market" in msg and "0700.HK" in msg and "000700.SZ" in msg


@pytest.mark.parametrize("header,values,expected", [
    ("代码", ["600519.SH", 1], "000001.SZ"),
    ("代码", ["0700.HK", 1], "0001.HK"),
    ("代码", [1], "0001.HK"),
    ("A股代码", [1], "000001.SZ"),
    ("港股", ["600519.SH", 1], "0001.HK"),
    ("代码", ["0700.HK", "600519.SH", "0001"], "0001.HK"),
    ("代码", ["0700.HK", "600519.SH", 600000], "600000.SH"),
])
def test_code_column_rule(header, values, expected):
    col = CodeColumn.from_cells(header, values)
    assert col.resolve(values[-1]) == (expected, None)


def test_unknown_columns_need_mapping_which_is_remembered(xdesk, tmp_path):
    rows = [["标的", "数量", "说明"], [700, 100, "长期"], [9988, 200, "短期"], [1024, 300, "观察"]]
    p = xlsx(tmp_path / "持仓.xlsx", rows)
    before = snapshot(xdesk.store)
    pv = preview_import(xdesk, p)
    req = pv.needs_mapping
    assert req is not None and not pv.ok and pv.changes == []
    assert [(c.letter, c.header) for c in req.columns] == [("A", "标的"), ("B", "数量"), ("C", "说明")]
    assert req.columns[0].samples[:2] == ["700", "9988"] and req.header_row == 1
    assert "code=B" in req.describe()
    pv = preview_import(xdesk, p, mapping=ColumnMapping(code=0, notes=2, header_row=1))
    # 700 is 0700.HK or 000700.SZ and there is no name to decide: flagged, never guessed
    assert adds(pv) == ["9988.HK", "1024.HK"] and "ambiguous market" in reasons(pv)[2]
    assert [c.new["notes"] for c in pv.changes if c.action == "add"] == ["短期", "观察"]
    assert len(load_mappings()) == 1
    # the next file of the same layout is mapped without asking
    p2 = xlsx(tmp_path / "持仓2.xlsx", [rows[0], [1810, 5, "小米"]])
    pv = preview_import(xdesk, p2)
    assert pv.needs_mapping is None and adds(pv) == ["1810.HK"]
    assert any("remembered" in n for n in pv.notes)
    assert snapshot(xdesk.store) == before


def test_list_into_an_existing_watchlist_updates_fields(xdesk, tmp_path):
    s = xdesk.store
    wl = s.create_watchlist("核心")
    s.add_items(wl, ["0700.HK", "9988.HK"])
    s.update_item(wl, "0700.HK", notes="old", rating=3)
    p = tmp_path / "l.csv"
    p.write_text("代码,名称,备注,评级,目标价\n0700.HK,腾讯,new,3,700\n9988.HK,阿里,,,\n600519.SH,茅台,x,9,\n",
                 encoding="utf-8")
    pv = preview_import(xdesk, p, watchlist="核心")
    assert [(c.action, c.code, c.field) for c in pv.changes] == [
        ("update", "0700.HK", "notes"), ("update", "0700.HK", "target_price")]
    assert "from 1 to 5" in reasons(pv)[4]
    assert any("already in '核心'" in n for n in pv.notes)
    undo = apply_import(s, pv)
    it = s.watchlist("核心").items[0]
    assert (it.notes, it.rating, it.target_price) == ("new", 3, 700.0)
    revert(s, undo)
    it = s.watchlist("核心").items[0]
    assert (it.notes, it.target_price) == ("old", None)


def test_choosing_a_sheet(xdesk, tmp_path):
    wb = openpyxl.Workbook()
    wb.active.append(["代码"])
    wb.active.append(["0700.HK"])
    ws = wb.create_sheet("第二")
    ws.append(["代码"])
    ws.append(["9988.HK"])
    p = tmp_path / "two.xlsx"
    wb.save(p)
    pv = preview_import(xdesk, p)
    assert adds(pv) == ["0700.HK"] and any("第二" in n for n in pv.notes)
    assert adds(preview_import(xdesk, p, sheet="第二")) == ["9988.HK"]


def test_cli_list_import(xdesk, tmp_path, capsys):
    from app.cli import run

    db = str(xdesk.store.path)
    p = xlsx(tmp_path / "持仓.xlsx", [["标的", "数量"], [1810, 100], [9988, 200]])
    assert run(["--db", db, "import", str(p)]) == 1
    err = capsys.readouterr().err
    assert "A: 标的" in err and "--map" in err
    assert run(["--db", db, "import", str(p), "--map", "code=A,header=1", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "add 1810.HK" in out and "add 9988.HK" in out and "dry run" in out
    assert run(["--db", db, "import", str(p), "--map", "code=A,header=1", "--watchlist", "港股"]) == 0
    from app.services import Desk

    d = Desk.open(db)
    assert d.store.watchlist("港股").codes == ["1810.HK", "9988.HK"]
    d.store.close()


def test_a_hidden_sheet_can_be_chosen_by_name(xdesk):
    from tests.app.excel.conftest import FILES

    assert adds(preview_import(xdesk, FILES / "hidden_sheet.xlsx", sheet="Hidden")) == ["9988.HK"]


def test_mapping_errors(xdesk, tmp_path):
    from app.excel import ExcelFileError

    p = xlsx(tmp_path / "m.xlsx", [["a", "b"], [700, 1]])
    with pytest.raises(ValueError, match="code or a name"):
        preview_import(xdesk, p, mapping=ColumnMapping(notes=1))
    with pytest.raises(ExcelFileError, match="header row 9 is outside"):
        preview_import(xdesk, p, mapping=ColumnMapping(code=0, header_row=9))
    with pytest.raises(ValueError, match="FIELD=COLUMN"):
        ColumnMapping.parse("B")
    assert ColumnMapping.parse("code=B,name=3,header=none") == ColumnMapping(code=1, name=2)
    assert ColumnMapping.parse("code=证券代码", headers=["名称", "證券代碼"]).code == 1
