"""Issue 12: every file a user picks -- one set of limits, the project's own errors, never the wrong
company, decimal commas, the formats users really have. One test per class of failure, on files
the tests generate (each example the issue names included)."""
import io
import zipfile

import openpyxl
import pytest

from app.excel import apply_import, preview_import
from app.excel.readers import ExcelFileError, read_book
from app.limits import Limits, ReaderError, prefix
from app.prices.file_provider import PriceFileError, read_price_file
from tests.app.excel.conftest import FILES, snapshot
from tests.app.excel.test_foreign import adds, reasons, xlsx

PRICES = "date,open,high,low,close,volume\n2026-01-05,10,11,9,10.5,1000\n2026-01-06,10.5,12,10,11,1200\n"


def _run(db, *argv):
    from app.cli import run

    return run(["--db", str(db), *argv])


# ---- one set of limits, in one place, for every reader --------------------------------------

def test_limits_are_one_object_with_a_simple_api(tmp_path):
    lim = Limits.default()
    assert (lim.cell_chars, lim.rows, lim.seconds) == (32_767, 100_000, 20.0)
    assert lim.part_bytes <= lim.total_bytes and lim.file_bytes > 0
    p = tmp_path / "f.txt"
    p.write_bytes(b"x" * 2000)
    assert lim.check_file_size(p) == 2000
    with pytest.raises(ReaderError, match="the limit is 0 MB") as ei:
        Limits(file_bytes=1000).check_file_size(p)
    assert ei.value.file == "f.txt" and str(ei.value).startswith("f.txt: ")
    e = ReaderError(p, "bad", sheet="S", row=3, column="B")
    assert (e.file, e.sheet, e.row, e.column) == ("f.txt", "S", 3, "B")
    assert str(e) == "f.txt, sheet 'S', row 3, column B: bad"
    assert prefix("x" * 10_000) == repr("x" * 40 + "…") + " (10,000 characters)"


def test_price_files_get_the_same_limits_as_lists(tmp_path):
    p = tmp_path / "0700.HK.csv"
    p.write_text("date,close\n" + "".join(f"2026-01-{1 + i % 28:02d},{10 + i % 7}\n" for i in range(100_001)),
                 encoding="utf-8")
    with pytest.raises(PriceFileError, match="more than 100,000 rows"):
        read_price_file(p)
    with pytest.raises(PriceFileError, match="the limit is"):
        read_price_file(p, limits=Limits(file_bytes=10_000))
    # the zip limits too: an .xlsx price file that unpacks past the part limit is refused
    wb = openpyxl.Workbook()
    wb.active.append(["date", "close"])
    wb.active.append(["2026-01-05", 10])
    x = tmp_path / "0700.HK.xlsx"
    wb.save(x)
    with pytest.raises(PriceFileError, match="unpacks to") as ei:
        read_price_file(x, limits=Limits(part_bytes=200))
    assert isinstance(ei.value, ReaderError) and ei.value.file == "0700.HK.xlsx"


def _long_shared_string(path, text, sheet="Sheet", shared=True):
    """A workbook whose B2 holds ``text``: as a shared string (as Excel writes it) or inline."""
    from xml.sax.saxutils import escape

    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    wb = openpyxl.Workbook()
    wb.active.title = sheet
    buf = io.BytesIO()
    wb.save(buf)
    src = zipfile.ZipFile(buf)
    if shared:
        cells = ('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>'
                 '<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" t="s"><v>3</v></c></row>')
        sst = (f'<?xml version="1.0" encoding="UTF-8"?><sst {ns} count="4" uniqueCount="4">'
               f'<si><t>代码</t></si><si><t>备注</t></si><si><t>0700.HK</t></si>'
               f'<si><t>{escape(text)}</t></si></sst>')
    else:
        cells = ('<row r="1"><c r="A1" t="inlineStr"><is><t>代码</t></is></c><c r="B1" t="inlineStr">'
                 '<is><t>备注</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>0700.HK</t></is>'
                 f'</c><c r="B2" t="inlineStr"><is><t>{escape(text)}</t></is></c></row>')
    sheet_xml = f'<?xml version="1.0" encoding="UTF-8"?><worksheet {ns}><sheetData>{cells}</sheetData></worksheet>'
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            body = src.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                body = sheet_xml.encode()
            elif shared and info.filename == "xl/_rels/workbook.xml.rels":
                body = body.replace(b"</Relationships>", b'<Relationship Id="rIdSst" Type="http://schemas.'
                                    b'openxmlformats.org/officeDocument/2006/relationships/sharedStrings" '
                                    b'Target="sharedStrings.xml"/></Relationships>')
            elif shared and info.filename == "[Content_Types].xml":
                body = body.replace(b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" ContentType='
                                    b'"application/vnd.openxmlformats-officedocument.spreadsheetml.'
                                    b'sharedStrings+xml"/></Types>')
            z.writestr(info.filename, body)
        if shared:
            z.writestr("xl/sharedStrings.xml", sst)
    return path


@pytest.mark.parametrize("shared", [True, False])
@pytest.mark.parametrize("engine", ["calamine", "openpyxl"])
def test_a_shared_string_longer_than_excel_allows_is_refused_with_its_cell(tmp_path, engine, shared):
    p = _long_shared_string(tmp_path / "long.xlsx", "长" * 40_000, shared=shared)
    if shared:  # the sheet is tiny; the string is in the shared strings (once exempt from limits)
        assert len(zipfile.ZipFile(p).read("xl/worksheets/sheet1.xml")) < 1000
        assert 32_767 < len(zipfile.ZipFile(p).read("xl/sharedStrings.xml"))
    with pytest.raises(ExcelFileError) as ei:
        read_book(p, engine=engine)
    e = ei.value
    assert (e.sheet, e.row, e.column) == ("Sheet", 2, "B") and "40,000 characters" in str(e)
    assert "at most 32,767" in str(e) and len(str(e)) < 300   # the message never quotes the cell


def test_long_cells_are_refused_by_every_reader(tmp_path, xdesk):
    before = snapshot(xdesk.store)
    p = _long_shared_string(tmp_path / "long.xlsx", "x" * 32_768)
    with pytest.raises(ExcelFileError, match="32,768 characters"):
        preview_import(xdesk, p)
    csv = tmp_path / "long.csv"
    csv.write_text("代码,备注\n0700.HK," + "y" * 40_000 + "\n", encoding="utf-8")
    with pytest.raises(ExcelFileError) as ei:
        preview_import(xdesk, csv)
    assert (ei.value.row, ei.value.column) == (2, "B") and len(str(ei.value)) < 300
    huge = tmp_path / "huge.csv"
    huge.write_text("名称\n" + "腾" * 200_000 + "\n", encoding="utf-8")
    with pytest.raises(ExcelFileError, match="a cell holds") as ei:
        preview_import(xdesk, huge)
    assert len(str(ei.value)) < 300
    pr = tmp_path / "0700.HK.csv"
    pr.write_text("date,close,note\n2026-01-05,10," + "z" * 33_000 + "\n", encoding="utf-8")
    with pytest.raises(PriceFileError, match="33,000 characters") as ei:
        read_price_file(pr)
    assert ei.value.row == 2 and ei.value.column == "C"
    assert snapshot(xdesk.store) == before


def test_name_resolution_folds_each_query_once_whatever_the_size(xdesk, monkeypatch):
    import app.resolve as R

    r = R.Resolver.for_desk(xdesk)
    assert R.Resolver.for_desk(xdesk) is r          # built once per desk
    calls = []
    real = R.fold
    monkeypatch.setattr(R, "fold", lambda t: (calls.append(len(t)), real(t))[1])
    for i in range(200):
        assert r.by_name(f"不存在的公司{i}").code is None
    assert len(calls) == 200                          # once per query, not once per security
    calls.clear()
    res = r.by_name("腾" * 32_000)
    assert res.code is None and calls == [] and len(res.reason) < 120


def test_library_errors_become_the_projects_error(tmp_path, monkeypatch):
    # a damaged deflate stream past the size where the checksum test is skipped: zlib.error
    src = io.BytesIO()
    wb = openpyxl.Workbook()
    wb.active.append(["代码"])
    wb.active.append(["0700.HK"])
    wb.save(src)
    data = bytearray(src.getvalue())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as z:
        info = z.getinfo("xl/worksheets/sheet1.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    for k in range(start + 5, start + info.compress_size - 5):
        data[k] ^= 0x5A
    p = tmp_path / "damaged.xlsx"
    p.write_bytes(bytes(data))
    monkeypatch.setattr(zipfile.ZipFile, "testzip", lambda self: None)
    with pytest.raises(ExcelFileError, match="damaged.xlsx") as ei:
        read_book(p)
    assert "Traceback" not in str(ei.value)
    with pytest.raises(PriceFileError, match="damaged.xlsx"):
        read_price_file(p, code="0700.HK")
    # an encrypted price workbook says so (not "BadZipFile")
    enc = tmp_path / "0700.HK.xlsx"
    enc.write_bytes((FILES / "encrypted.xlsx").read_bytes())
    with pytest.raises(PriceFileError, match="password-protected"):
        read_price_file(enc)


def test_a_date_pandas_cannot_hold_is_a_bad_cell_not_a_traceback(tmp_path):
    p = tmp_path / "0700.HK.csv"
    p.write_text("date,close\n2026-01-05,10\n2925-02-26,11\n", encoding="utf-8")
    with pytest.raises(PriceFileError, match=r"row 3, column 'date': 2925-02-26 is outside 1900-2100") as ei:
        read_price_file(p)
    assert (ei.value.row, ei.value.column) == (3, "date")


# ---- never the wrong company -------------------------------------------------------------------

def test_the_name_decides_a_code_excel_turned_into_a_number(xdesk, tmp_path):
    p = xlsx(tmp_path / "list.xlsx", [["代码", "名称"], [600519, "贵州茅台"], [300308, "中际旭创"],
                                      [700, "腾讯控股"], [1, "平安银行"], [300, "沪深300"]])
    pv = preview_import(xdesk, p)
    # 700 next to 腾讯控股 in a column of A-shares is Tencent, not 000700.SZ (模塑科技)
    assert adds(pv) == ["600519.SH", "300308.SZ", "0700.HK", "000001.SZ"]
    assert "0001.HK" not in adds(pv) and "0300.HK" not in adds(pv)
    assert "code and name disagree" in reasons(pv)[6] and "沪深300" in reasons(pv)[6]


def test_code_and_name_must_agree_in_either_script_by_any_alias(xdesk, tmp_path):
    p = tmp_path / "l.csv"
    p.write_text("证券代码,证券简称\n0700.HK,騰訊控股\n9988.HK,阿里巴巴-W\n600519.SH,茅台\n"
                 "0700.HK,平安银行\n", encoding="utf-8")
    pv = preview_import(xdesk, p)
    assert adds(pv) == ["0700.HK", "9988.HK", "600519.SH"]
    assert "disagree" in reasons(pv)[5] and "000001.SZ" in reasons(pv)[5]


def test_a_numeric_code_without_a_name_is_flagged_never_guessed(xdesk, tmp_path):
    p = xlsx(tmp_path / "codes.xlsx", [["代码"], ["600519.SH"], [700], [9988]])
    pv = preview_import(xdesk, p)
    assert adds(pv) == ["600519.SH", "9988.HK"]      # 9988 has only one reading (009988 is no code)
    msg = reasons(pv)[3]
    assert "ambiguous market" in msg and "0700.HK" in msg and "000700.SZ" in msg
    # the header can say the market
    p = xlsx(tmp_path / "hk.xlsx", [["港股代码"], [700]])
    assert adds(preview_import(xdesk, p)) == ["0700.HK"]


def test_a_code_that_exists_nowhere_is_rejected_unless_kept(xdesk, tmp_path):
    p = tmp_path / "l.csv"
    p.write_text("代码\n0700.HK\n600001.SH\n", encoding="utf-8")   # 600001.SH: delisted, not in the universe
    pv = preview_import(xdesk, p)
    assert adds(pv) == ["0700.HK"] and "not a listing Chainwatch knows" in reasons(pv)[3]
    pv = preview_import(xdesk, p, keep_unknown=True)
    assert adds(pv) == ["0700.HK", "600001.SH"] and any("kept as written" in n for n in pv.notes)
    xdesk.store.close()
    assert _run(xdesk.store.path, "import", str(p), "--watchlist", "w") == 3
    assert _run(xdesk.store.path, "import", str(p), "--watchlist", "w2", "--keep-unknown") == 0


def test_the_resolver_is_shared(xdesk):
    from app.resolve import Resolver

    r = Resolver.for_desk(xdesk)
    assert r.resolve(700, "腾讯控股").code == "0700.HK"
    assert r.resolve(1, "平安银行").code == "000001.SZ"
    assert r.resolve("300", "沪深300").code is None
    assert r.resolve(name="騰訊控股").code == "0700.HK"
    assert r.resolve(700).code is None and "ambiguous" in r.resolve(700).reason


# ---- decimal commas ----------------------------------------------------------------------------

def test_decimal_commas_in_a_european_price_file(tmp_path):
    p = tmp_path / "0700.HK.csv"
    p.write_text("date;open;high;low;close;volume\n2026-01-05;350,5;1.234,50;340;350,5;1.000\n"
                 "2026-01-06;351;1.240,00;345,25;352,75;2.500\n", encoding="utf-8")
    df, info = read_price_file(p)
    assert list(df["open"]) == [350.5, 351.0] and list(df["high"]) == [1234.5, 1240.0]
    assert list(df["volume"]) == [1000.0, 2500.0] and any("decimal comma" in n for n in info.notes)


def test_an_ambiguous_comma_is_refused_not_stripped(tmp_path):
    p = tmp_path / "0700.HK.csv"
    p.write_text('date,close\n2026-01-05,"1,234"\n', encoding="utf-8")
    with pytest.raises(PriceFileError, match=r"row 2, column 'close': '1,234' reads as 1234 .* or 1.234"):
        read_price_file(p)
    # thousands separators with decimals elsewhere in the file tell the format
    p.write_text('date,close\n2026-01-05,"1,234"\n2026-01-06,"1,240.5"\n', encoding="utf-8")
    assert list(read_price_file(p)[0]["close"]) == [1234.0, 1240.5]
    # both conventions in one file: refused
    p.write_text('date,close\n2026-01-05,"350,5"\n2026-01-06,"1,240.5"\n', encoding="utf-8")
    with pytest.raises(PriceFileError, match="both conventions"):
        read_price_file(p)


def test_a_target_price_with_a_decimal_comma_in_a_list(xdesk, tmp_path):
    p = tmp_path / "l.csv"
    p.write_text("代码;名称;目标价\n0700.HK;腾讯控股;350,5\n600519.SH;贵州茅台;1.234,50\n", encoding="utf-8")
    pv = preview_import(xdesk, p)
    assert {c.code: c.new["target_price"] for c in pv.changes if c.action == "add"} == \
        {"0700.HK": 350.5, "600519.SH": 1234.5}


# ---- our own workbooks, dry runs, exit status, control characters --------------------------------

def test_a_renamed_sheet_keeps_its_watchlist_by_row_ids(ldesk, exported):
    from tests.app.excel.conftest import WL

    wb = openpyxl.load_workbook(exported)
    ws = next(w for w in wb.worksheets if w.title.startswith("AI"))
    ws.title = "renamed"
    col = {str(c.value).lower(): c.column for c in ws[1]}
    ws.cell(2, col["notes"]).value = "改名后"
    wb.save(exported)
    before = [w.name for w in ldesk.store.watchlists()]
    pv = preview_import(ldesk, exported)
    assert pv.ok and not any(c.action == "create" for c in pv.changes), pv.report()
    assert [(c.action, c.field) for c in pv.changes] == [("update", "notes")]
    apply_import(ldesk.store, pv)
    assert [w.name for w in ldesk.store.watchlists()] == before
    assert ldesk.store.watchlist(WL).items[0].notes == "改名后"


def test_every_row_rejected_writes_nothing_and_fails(xdesk, tmp_path, capsys):
    p = tmp_path / "bad.csv"
    p.write_text("代码\nXYZ\n123456789\n", encoding="utf-8")
    pv = preview_import(xdesk, p)
    assert pv.plans == [] and pv.changes == [] and len(pv.rejected) == 2
    xdesk.store.close()
    before = _names(xdesk.store.path)
    assert _run(xdesk.store.path, "import", str(p)) == 1
    assert "every row" in capsys.readouterr().err
    assert _names(xdesk.store.path) == before
    ok = tmp_path / "some.csv"
    ok.write_text("代码\n0700.HK\nXYZ\n", encoding="utf-8")
    assert _run(xdesk.store.path, "import", str(ok)) == 3        # imported, one row dropped
    assert "some" in _names(xdesk.store.path)


def _names(db):
    from app.services import Desk

    d = Desk.open(db)
    try:
        return [w.name for w in d.store.watchlists()]
    finally:
        d.store.close()


def test_a_dry_run_with_a_mapping_saves_nothing(xdesk, tmp_path):
    from app.excel.foreign import load_mappings

    p = xlsx(tmp_path / "持仓.xlsx", [["标的", "数量"], [9988, 100]])
    xdesk.store.close()
    assert _run(xdesk.store.path, "import", str(p), "--map", "code=A,header=1", "--dry-run") == 0
    assert load_mappings() == {}
    assert _names(xdesk.store.path) == _names(xdesk.store.path)
    assert _run(xdesk.store.path, "import", str(p), "--map", "code=A,header=1") == 0
    assert len(load_mappings()) == 1


def test_skip_rejected_rows_of_our_own_workbook(ldesk, exported, capsys):
    from tests.app.excel.conftest import WL

    wb = openpyxl.load_workbook(exported)
    ws = next(w for w in wb.worksheets if w.title.startswith("AI"))
    col = {str(c.value).lower(): c.column for c in ws[1]}
    rows = {ws.cell(r, col["code"]).value: r for r in range(2, ws.max_row + 1)}
    ws.cell(rows["0700.HK"], col["code"]).value = "7OO.HK"        # one bad code...
    ws.cell(rows["300308.SZ"], col["notes"]).value = "改了"        # ...and one good edit
    wb.save(exported)
    pv = preview_import(ldesk, exported)
    assert pv.can_skip and len(pv.problems) == 1
    with pytest.raises(Exception, match="problem"):
        apply_import(ldesk.store, pv)
    ldesk.store.close()
    db = ldesk.store.path
    assert _run(db, "import", str(exported)) == 1
    assert "--skip-rejected" in capsys.readouterr().err
    assert _run(db, "import", str(exported), "--skip-rejected") == 3
    from app.services import Desk

    d = Desk.open(db)
    items = {i.code: i for i in d.store.watchlist(WL).items}
    d.store.close()
    assert items["300308.SZ"].notes == "改了"
    assert "0700.HK" in items and items["0700.HK"].notes == "=SUM(A1:A9)"   # the rejected row: kept as it was


def test_control_characters_are_stripped_and_never_printed_raw(xdesk, tmp_path, capsys):
    p = tmp_path / "l.csv"
    p.write_text("代码,名称,备注\n0700.HK,腾讯控股,\"red\x1b[31m alert\x00!\"\n", encoding="utf-8")
    pv = preview_import(xdesk, p, watchlist="w")
    (add,) = [c for c in pv.changes if c.action == "add"]
    assert add.new["notes"] == "red[31m alert!" and any("control character" in n for n in pv.notes)
    wl = xdesk.store.create_watchlist("raw")
    xdesk.store.add_items(wl, ["9988.HK"])
    xdesk.store.update_item(wl, "9988.HK", notes="esc\x1b]0;pwned\x07 here")   # already in a store
    xdesk.store.close()
    assert _run(xdesk.store.path, "import", str(p), "--watchlist", "w") == 0
    assert _run(xdesk.store.path, "watchlist", "show", "raw") == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out and "\\x1b" in out


# ---- formats users really have -----------------------------------------------------------------

def _ods(path, rows, repeat_rows=None):
    cells = []
    for r in rows:
        tds = "".join(f'<table:table-cell office:value-type="string"><text:p>{v}</text:p></table:table-cell>'
                      for v in r)
        cells.append(f"<table:table-row>{tds}</table:table-row>")
    if repeat_rows:
        cells.insert(0, f'<table:table-row table:number-rows-repeated="{repeat_rows}">'
                        '<table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell>'
                        '</table:table-row>')
    content = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content '
               'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
               '<office:body><office:spreadsheet><table:table table:name="自选">'
               + "".join(cells) + "</table:table></office:spreadsheet></office:body></office:document-content>")
    manifest = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest='
                '"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry '
                'manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                '</manifest:manifest>')
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        z.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
    return path


def test_ods_and_xls_are_read(xdesk, tmp_path):
    p = _ods(tmp_path / "自选.ods", [["证券代码", "证券简称"], ["0700.HK", "腾讯控股"], ["600519.SH", "贵州茅台"]])
    book = read_book(p)
    assert book.kind == "ods" and book.sheets[0].name == "自选"
    assert adds(preview_import(xdesk, p)) == ["0700.HK", "600519.SH"]
    # an Excel 97-2003 workbook (written by LibreOffice, tests/app/excel/make_files.py)
    book = read_book(FILES / "old.xls")
    assert book.kind == "xls" and book.sheets[0].rows[1][:2] == ["0700.HK", "腾讯控股"]
    assert "0700.HK" in adds(preview_import(xdesk, FILES / "old.xls"))


def test_an_ods_bomb_is_refused_before_calamine_allocates_it(tmp_path):
    p = _ods(tmp_path / "bomb.ods", [["a"] * 3], repeat_rows=1_000_000)
    with pytest.raises(ExcelFileError, match="more than 100,000 rows"):
        read_book(p)


def test_an_excel_file_that_is_really_html_or_gbk_text(xdesk, tmp_path):
    h = tmp_path / "导出.xls"
    h.write_bytes('<html><head><meta charset="gbk"></head><body><table><tr><th>代码</th><th>名称</th></tr>'
                  '<tr><td>600519</td><td>贵州茅台</td></tr><tr><td>300308</td><td>中际旭创</td></tr>'
                  '</table></body></html>'.encode("gbk"))
    book = read_book(h)
    assert book.kind == "html" and book.sheets[0].rows[1] == ["600519", "贵州茅台"]
    assert adds(preview_import(xdesk, h)) == ["600519.SH", "300308.SZ"]
    t = tmp_path / "通达信.xls"
    t.write_bytes('代码\t名称\n="600519"\t贵州茅台\n="000977"\t浪潮信息\n'.encode("gbk"))
    assert adds(preview_import(xdesk, t)) == ["600519.SH", "000977.SZ"]


def test_full_width_semicolons_separate_tags(xdesk, tmp_path):
    p = tmp_path / "l.csv"
    p.write_text("代码,标签\n0700.HK,算力；核心；港股\n", encoding="utf-8")
    (add,) = [c for c in preview_import(xdesk, p).changes if c.action == "add"]
    assert add.new["tags"] == ("算力", "核心", "港股")


def test_utf16_price_file_and_gb18030_outside_the_bmp(tmp_path, xdesk):
    p = tmp_path / "0700.HK.txt"
    p.write_bytes(PRICES.replace(",", "\t").encode("utf-16"))   # Excel's "Unicode text"
    df, _ = read_price_file(p)
    assert list(df["close"]) == [10.5, 11.0]
    g = tmp_path / "gb.csv"
    g.write_bytes("代码,名称,备注\n0700.HK,腾讯控股,𠀀𪚥 生僻字\n".encode("gb18030"))
    book = read_book(g)
    assert book.encoding == "GB18030/GBK" and book.sheets[0].rows[1][2] == "𠀀𪚥 生僻字"


def test_a_file_that_is_only_a_bom_is_empty(xdesk, tmp_path):
    p = tmp_path / "bom.csv"
    p.write_bytes(b"\xef\xbb\xbf")
    with pytest.raises(ExcelFileError, match="empty"):
        preview_import(xdesk, p)
    q = tmp_path / "0700.HK.csv"
    q.write_bytes(b"\xef\xbb\xbf")
    with pytest.raises(PriceFileError, match="empty"):
        read_price_file(q)


def test_identical_duplicate_price_rows_are_reported(tmp_path):
    p = tmp_path / "0700.HK.csv"
    p.write_text(PRICES + "2026-01-06,10.5,12,10,11,1200\n", encoding="utf-8")
    df, info = read_price_file(p)
    assert len(df) == 2 and any("row 4 repeats row 3" in n for n in info.notes)


def test_chinese_headers_are_akshares_only_in_akshares_layout(tmp_path):
    ak = tmp_path / "000977.SZ.csv"
    ak.write_text("日期,股票代码,开盘,收盘,最高,最低,成交量,成交额\n2026-01-05,000977,10,10.5,11,9,1000,1e6\n",
                  encoding="utf-8")
    df, info = read_price_file(ak)
    assert info.layout == "akshare" and df["volume"][0] == 100_000
    other = tmp_path / "000977.SZ.csv"
    other.write_text("日期,开盘,最高,最低,收盘,成交量\n2026-01-05,10,11,9,10.5,1000\n", encoding="utf-8")
    df, info = read_price_file(other)
    assert info.layout != "akshare" and df["volume"][0] == 1000
