"""Reading files safely: bad files, encodings, limits, both engines."""
import datetime as dt
import time
import zipfile

import openpyxl
import pytest

from app.excel import readers
from app.excel.preview import preview_import
from app.excel.readers import (
    ExcelFileError, MAX_ROWS, decode_text, neutralise, ooxml_escape, ooxml_unescape, read_book, restore,
)
from tests.app.excel.conftest import FILES, snapshot


@pytest.fixture(params=["calamine", "openpyxl"])
def engine(request, monkeypatch):
    return request.param


# ---- bad files: a clear message, and nothing changes ---------------------------------------

BAD = [
    ("not_a_zip.xlsx", "not an Excel workbook: an .xlsx file is a zip archive"),
    ("truncated.xlsx", "damaged or truncated"),
    ("encrypted.xlsx", "password-protected"),
    ("xml_bomb.xlsx", "declares a DTD"),
    ("empty_sheet.xlsx", "the sheet is empty"),
    ("shift_jis.csv", "cannot tell the text encoding"),
]


@pytest.mark.parametrize("name,message", BAD)
def test_bad_file_gets_a_clear_message_and_changes_nothing(xdesk, name, message):
    before = snapshot(xdesk.store)
    with pytest.raises(ExcelFileError, match=message) as ei:
        preview_import(xdesk, FILES / name)
    assert name in str(ei.value)  # the message says which file
    assert snapshot(xdesk.store) == before


@pytest.mark.parametrize("name,message", BAD)
def test_bad_file_through_the_cli(xdesk, name, message, capsys):
    from app.cli import run

    before = snapshot(xdesk.store)
    xdesk.store.close()
    assert run(["--db", str(xdesk.store.path), "import", str(FILES / name)]) == 1
    err = capsys.readouterr().err
    assert message in err and "nothing was imported" in err
    from app.services import Desk

    d = Desk.open(xdesk.store.path)
    assert snapshot(d.store) == before
    d.store.close()


def test_encrypted_file_is_an_ole_compound_file():
    assert (FILES / "encrypted.xlsx").read_bytes()[:8] == readers.CFB_MAGIC


def test_openpyxl_itself_refuses_the_xml_bomb():
    """openpyxl parses worksheets through defusedxml when it is installed."""
    import defusedxml  # noqa: F401 - a declared dependency

    from defusedxml import DefusedXmlException

    assert openpyxl.xml.DEFUSEDXML is True
    for read_only in (False, True):
        with pytest.raises(Exception) as ei:
            wb = openpyxl.load_workbook(FILES / "xml_bomb.xlsx", read_only=read_only)
            list(wb.active.iter_rows(values_only=True))
        chain, e = [], ei.value
        while e is not None:
            chain.append(e)
            e = e.__cause__ or e.__context__
        assert any(isinstance(x, DefusedXmlException) for x in chain), chain


def test_xml_bomb_is_refused_by_both_engines(engine):
    with pytest.raises(ExcelFileError, match="DTD"):
        read_book(FILES / "xml_bomb.xlsx", engine=engine)


def test_bomb_in_any_part_is_refused(tmp_path):
    src = zipfile.ZipFile(FILES / "empty_sheet.xlsx")
    out = tmp_path / "bomb2.xlsx"
    with zipfile.ZipFile(out, "w") as z:
        for info in src.infolist():
            body = src.read(info)
            if info.filename == "xl/workbook.xml":
                body = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]>' + body
            z.writestr(info.filename, body)
    with pytest.raises(ExcelFileError, match="xl/workbook.xml declares a DTD"):
        read_book(out)


def test_zip_bomb_limit(tmp_path):
    from app.limits import Limits

    with pytest.raises(ExcelFileError, match="unpacks to"):
        read_book(FILES / "hidden_sheet.xlsx", limits=Limits(total_bytes=10_000))


def test_empty_file(tmp_path):
    p = tmp_path / "nothing.csv"
    p.write_bytes(b"")
    with pytest.raises(ExcelFileError, match="empty"):
        read_book(p)


def test_a_word_document_is_not_a_workbook(tmp_path):
    p = tmp_path / "doc.xlsx"
    with zipfile.ZipFile(p, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<document/>")
    with pytest.raises(ExcelFileError, match="Word document"):
        read_book(p)


def test_merged_cells_are_reported(engine):
    book = read_book(FILES / "merged_cells.xlsx", engine=engine)
    assert book.sheets[0].merged == ["A1:C1", "A4:A5"]
    assert book.sheets[0].merged_at(5, 1) == "A4:A5"


def test_merged_code_cell_rejects_its_row_with_the_reason(xdesk):
    pv = preview_import(xdesk, FILES / "merged_cells.xlsx")
    (rej,) = pv.rejected
    assert (rej.row, rej.sheet) == (5, "List") and "merged cells A4:A5" in rej.message
    assert [c.code for c in pv.changes if c.action == "add"] == ["0700.HK", "000977.SZ", "300308.SZ"]
    assert any("A1:C1" in n for n in pv.notes)


def test_formulas_use_cached_values(engine, xdesk):
    book = read_book(FILES / "formulas_cached.xlsx", engine=engine)
    rows = book.sheets[0].rows
    assert rows[1][2] == pytest.approx(660) and rows[2][0] == "0981.HK"
    pv = preview_import(xdesk, FILES / "formulas_cached.xlsx")
    assert any("calculated values were used" in n for n in pv.notes)
    added = {c.code: c.new for c in pv.changes if c.action == "add"}
    assert added["0700.HK"]["target_price"] == pytest.approx(660)


def test_formula_without_cached_value_is_named(engine, xdesk):
    book = read_book(FILES / "formulas_no_cache.xlsx", engine=engine)
    assert book.sheets[0].formulas_without_value == ["C2", "A3"]
    pv = preview_import(xdesk, FILES / "formulas_no_cache.xlsx")
    (rej,) = pv.rejected
    assert rej.row == 3 and "formula without a calculated value" in rej.message
    assert any("C2, A3" in n for n in pv.notes)


def test_hidden_sheets_are_skipped_with_a_note(engine, xdesk):
    book = read_book(FILES / "hidden_sheet.xlsx", engine=engine)
    assert [s.name for s in book.sheets] == ["Visible"]
    assert "hidden sheet 'Hidden'" in book.notes[0]
    pv = preview_import(xdesk, FILES / "hidden_sheet.xlsx")
    assert [c.code for c in pv.changes if c.action == "add"] == ["0700.HK"]
    assert any("Hidden" in n for n in pv.notes)


def test_every_sheet_hidden(tmp_path, xdesk):
    src = zipfile.ZipFile(FILES / "hidden_sheet.xlsx")
    p = tmp_path / "allhidden.xlsx"
    with zipfile.ZipFile(p, "w") as z:
        for info in src.infolist():
            body = src.read(info)
            if info.filename == "xl/workbook.xml":
                body = body.replace(b'state="visible"', b'state="hidden"')
            z.writestr(info.filename, body)
    with pytest.raises(ExcelFileError, match="every sheet is hidden"):
        preview_import(xdesk, p)


# ---- limits ---------------------------------------------------------------------------------------

def _big_xlsx(path, rows):
    """A minimal workbook with ``rows`` rows written straight as XML (fast)."""
    import io

    src = zipfile.ZipFile(FILES / "empty_sheet.xlsx")
    sheet = io.StringIO()
    sheet.write('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats'
                '.org/spreadsheetml/2006/main"><sheetData>')
    sheet.write('<row r="1"><c r="A1" t="inlineStr"><is><t>code</t></is></c></row>')
    for i in range(2, rows + 1):
        sheet.write(f'<row r="{i}"><c r="A{i}" t="inlineStr"><is><t>{600000 + i % 1000:06d}.SH</t></is>'
                    f'</c><c r="B{i}"><v>{i}</v></c></row>')
    sheet.write("</sheetData></worksheet>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            body = src.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                body = sheet.getvalue().encode()
            z.writestr(info.filename, body)


def test_200000_rows_get_a_clear_limit_message_quickly(tmp_path, xdesk, engine):
    p = tmp_path / "big.xlsx"
    _big_xlsx(p, 200_000)
    before = snapshot(xdesk.store)
    t = time.perf_counter()
    with pytest.raises(ExcelFileError, match=f"more than {MAX_ROWS:,} rows"):
        read_book(p, engine=engine)
    with pytest.raises(ExcelFileError, match="more than 100,000 rows"):
        preview_import(xdesk, p)
    assert time.perf_counter() - t < 20
    assert snapshot(xdesk.store) == before


def test_200000_row_csv_gets_the_limit_message(tmp_path):
    p = tmp_path / "big.csv"
    p.write_text("code\n" + "".join(f"{600000 + i % 1000}.SH\n" for i in range(200_000)), encoding="utf-8")
    with pytest.raises(ExcelFileError, match="more than 100,000 rows"):
        read_book(p)


def test_sheet_within_the_limit_reads(tmp_path, engine):
    p = tmp_path / "ok.xlsx"
    _big_xlsx(p, 20_000)
    book = read_book(p, engine=engine)
    rows = book.sheets[0].rows
    assert len(rows) == 20_000 and rows[-1] == ["600000.SH", 20_000]


def test_sparse_far_cell_does_not_reach_calamine(tmp_path):
    """calamine allocates the used rectangle: one cell at XFD90000 must go to openpyxl."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = "code"
    ws["A2"] = "0700.HK"
    ws["XFD90000"] = "far"
    p = tmp_path / "sparse.xlsx"
    wb.save(p)
    with pytest.raises(ExcelFileError, match="at most 1,000 columns"):
        read_book(p)
    ws["XFD90000"] = None
    ws["ALL90000"] = "far"  # 1000 columns x 90,000 rows = 90 million cells: refused before reading
    wb.save(p)
    with pytest.raises(ExcelFileError, match="90,000,000 cells; Chainwatch reads at most"):
        read_book(p)
    ws["ALL90000"] = None
    ws["J90000"] = "far"  # 10 columns x 90,000 rows: read
    wb.save(p)
    book = read_book(p)
    assert book.sheets[0].rows[1][0] == "0700.HK" and book.sheets[0].rows[-1][-1] == "far"


def test_progress_and_cancel(tmp_path):
    p = tmp_path / "ok.xlsx"
    _big_xlsx(p, 5000)
    seen = []
    read_book(p, progress=lambda d, t: seen.append((d, t)), engine="openpyxl")
    assert seen and seen[-1][0] >= 5000
    with pytest.raises(readers.CancelledError):
        read_book(p, cancelled=lambda: True, engine="openpyxl")


# ---- values ---------------------------------------------------------------------------------------

def test_both_engines_read_the_same_values(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["000001", 700, 1.5, dt.datetime(2026, 1, 2, 3, 4, 5), True, None, "中文", "_x005F_x0041_"])
    p = tmp_path / "v.xlsx"
    wb.save(p)
    a = read_book(p, engine="calamine").sheets[0].rows
    b = read_book(p, engine="openpyxl").sheets[0].rows
    assert a == b == [["000001", 700, 1.5, dt.datetime(2026, 1, 2, 3, 4, 5), True, None, "中文", "_x0041_"]]


def test_neutralise_and_restore_are_inverse():
    for s in ["=1+1", "+86", "-3", "@SUM(A1)", "\tx", "\rx", "'quoted", "''", "plain", "", "中文"]:
        assert restore(neutralise(s)) == s
        assert neutralise(s)[:1] not in ("=", "+", "-", "@", "\t", "\r")
    assert neutralise("=1+1") == "'=1+1"
    assert ooxml_unescape(ooxml_escape("a\x01b_x0041_c\x1f")) == "a\x01b_x0041_c\x1f"


# ---- text encodings -------------------------------------------------------------------------------

TEXT = "证券代码,证券简称\n600519.SH,贵州茅台\n0700.HK,腾讯控股\n300308.SZ,中际旭创\n"
TEXT_HANT = "證券代碼,證券簡稱\n600519.SH,貴州茅臺\n0700.HK,騰訊控股\n300308.SZ,中際旭創\n"


@pytest.mark.parametrize("encoding,text,label", [
    ("utf-8", TEXT, "UTF-8"),
    ("utf-8-sig", TEXT, "UTF-8 (BOM)"),
    ("gbk", TEXT, "GB18030/GBK"),
    ("gb18030", TEXT, "GB18030/GBK"),
    ("big5", TEXT_HANT, "Big5"),
    ("utf-16", TEXT, "UTF-16"),
])
def test_csv_encodings_are_detected(tmp_path, encoding, text, label):
    p = tmp_path / f"list-{encoding}.csv"
    p.write_bytes(text.encode(encoding))
    book = read_book(p)
    assert book.encoding == label
    assert book.sheets[0].rows[1:] == [[c for c in line.split(",")] for line in text.splitlines()[1:]]


def test_short_big5_and_gbk_names_are_told_apart(tmp_path):
    assert decode_text(tmp_path, "騰訊控股".encode("big5"))[1] == "Big5"
    assert decode_text(tmp_path, "腾讯控股".encode("gbk"))[1] == "GB18030/GBK"


def test_tab_separated_xls_from_tonghuashun_is_read_as_text(tmp_path):
    p = tmp_path / "自选股.xls"
    p.write_bytes("代码\t名称\t涨幅\nSZ300308\t中际旭创\t1.2\nHK0700\t腾讯控股\t-0.5\n".encode("gbk"))
    book = read_book(p)
    assert book.kind == "csv" and book.delimiter == "\t"
    assert book.sheets[0].rows[1][0] == "SZ300308"
