"""Regenerate the small bad-file fixtures in files/ (run by hand; the outputs are committed).

    .venv/bin/python tests/app/excel/make_files.py

encrypted.xlsx needs msoffcrypto-tool (PYTHONPATH to a copy of it is enough); old.xls and
formulas_cached.xlsx need LibreOffice (soffice) to compute and save them. Without those tools
the existing files are kept.
"""
from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

import openpyxl

HERE = Path(__file__).resolve().parent / "files"


def small_list(path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "List"
    ws.append(["证券代码", "证券简称"])
    ws.append(["0700.HK", "腾讯控股"])
    ws.append(["000977.SZ", "浪潮信息"])
    wb.save(path)


def main() -> None:
    HERE.mkdir(exist_ok=True)
    (HERE / "not_a_zip.xlsx").write_text("证券代码,证券简称\n0700.HK,腾讯控股\n", encoding="utf-8")

    buf = io.BytesIO()
    small_list(buf)  # type: ignore[arg-type]
    data = buf.getvalue()
    (HERE / "truncated.xlsx").write_bytes(data[: len(data) // 2])

    # billion laughs inside the sheet XML
    bomb = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<!DOCTYPE lolz [<!ENTITY lol "lol">'
            + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
                      for i in range(1, 10))
            + ']>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row>'
            '</sheetData></worksheet>')
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            body = src.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                body = bomb.encode()
            z.writestr(info.filename, body)
    (HERE / "xml_bomb.xlsx").write_bytes(out.getvalue())

    wb = openpyxl.Workbook()
    wb.active.title = "Empty"
    wb.save(HERE / "empty_sheet.xlsx")

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "List"
    ws.append(["自选股导出"])
    ws.merge_cells("A1:C1")
    ws.append(["代码", "名称", "备注"])
    ws.append(["0700.HK", "腾讯控股", "hub"])
    ws.append(["000977.SZ", "浪潮信息", "servers"])
    ws.append([None, "浪潮信息", "merged code cell"])
    ws.merge_cells("A4:A5")
    ws.append(["300308.SZ", "中际旭创", ""])
    wb.save(HERE / "merged_cells.xlsx")

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "List"
    ws.append(["code", "name", "target price"])
    ws.append(["0700.HK", "腾讯控股", "=600*1.1"])
    ws.append(['=CONCAT("0981",".HK")', "中芯国际", 50])
    ws.append(["300308.SZ", "中际旭创", 120])
    wb.save(HERE / "formulas_no_cache.xlsx")

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Visible"
    ws.append(["代码", "名称"])
    ws.append(["0700.HK", "腾讯控股"])
    hidden = wb.create_sheet("Hidden")
    hidden.sheet_state = "hidden"
    hidden.append(["代码", "名称"])
    hidden.append(["9988.HK", "阿里巴巴"])
    wb.move_sheet("Hidden", offset=-1)
    wb.active = 1
    wb.save(HERE / "hidden_sheet.xlsx")

    # Shift-JIS (Japanese) text: not an encoding a Chinese terminal writes
    (HERE / "shift_jis.csv").write_bytes("銘柄コード,銘柄名\n7203,トヨタ自動車\n6758,ソニーグループ\n"
                                         .encode("shift_jis"))

    try:
        import msoffcrypto  # noqa: F401
        from msoffcrypto.format.ooxml import OOXMLFile

        plain = io.BytesIO(data)
        enc = io.BytesIO()
        OOXMLFile(plain).encrypt("secret", enc)
        (HERE / "encrypted.xlsx").write_bytes(enc.getvalue())
    except ImportError:
        print("msoffcrypto-tool not installed: encrypted.xlsx kept as it is")

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice:
        with tempfile.TemporaryDirectory() as tmp:
            t = Path(tmp)
            small_list(t / "old.xlsx")
            wb = openpyxl.Workbook()
            ws = wb.active
            ws.title = "List"
            ws.append(["code", "name", "target price"])
            ws.append(["0700.HK", "腾讯控股", "=600*1.1"])
            ws.append(['=CONCATENATE("0981",".HK")', "中芯国际", 50])
            wb.save(t / "formulas_cached.xlsx")
            env = {"HOME": tmp, "PATH": "/usr/bin:/bin"}
            subprocess.run([soffice, "--headless", "--convert-to", "xls", "--outdir", str(t / "x"),
                            str(t / "old.xlsx")], check=True, capture_output=True, env=env, timeout=180)
            subprocess.run([soffice, "--headless", "--convert-to", "xlsx", "--outdir", str(t / "x"),
                            str(t / "formulas_cached.xlsx")], check=True, capture_output=True, env=env,
                           timeout=180)
            shutil.copy(t / "x" / "old.xls", HERE / "old.xls")
            shutil.copy(t / "x" / "formulas_cached.xlsx", HERE / "formulas_cached.xlsx")
    else:
        print("LibreOffice not installed: old.xls and formulas_cached.xlsx kept as they are")


if __name__ == "__main__":
    main()
