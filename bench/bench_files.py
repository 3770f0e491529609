"""Worst files a user can pick: time and peak memory (RSS) of reading each, accepted or refused.

Each case runs in its own process (so peak RSS is the case's own), on files generated here:

* the largest workbook the limits accept (100,000 rows x 10 columns = 1,000,000 cells)
  imported as a list (calamine), and the same read with openpyxl (the fallback engine);
* refused: the same with 20 columns (2,000,000 cells);
* a 100,000-row price CSV (the row limit) imported as prices;
* 20,000 unknown company names in a list;
* refused: 200,000 rows, a workbook with one 300 MB shared string (3 MB on disk), an .ods
  repeating a row a million times.

Run: ``QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_files.py [CASE ...]``. Prints one
line per case: seconds, peak RSS in MB, and what happened. The bound the README states (20 s,
1 GB on 2 cores) is what these figures are checked against by a person, not by an assert.
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


def _template() -> dict[str, bytes]:
    import io

    import openpyxl

    buf = io.BytesIO()
    openpyxl.Workbook().save(buf)
    z = zipfile.ZipFile(buf)
    return {i.filename: z.read(i) for i in z.infolist()}


def _xlsx(path: Path, sheet_xml_parts, shared: bytes | None = None) -> None:
    parts = _template()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, body in parts.items():
            if name == "xl/worksheets/sheet1.xml":
                with z.open(name, "w", force_zip64=True) as f:
                    f.write(f'<?xml version="1.0" encoding="UTF-8"?><worksheet {NS}><sheetData>'.encode())
                    for chunk in sheet_xml_parts:
                        f.write(chunk.encode())
                    f.write(b"</sheetData></worksheet>")
                continue
            if shared is not None and name == "xl/_rels/workbook.xml.rels":
                body = body.replace(b"</Relationships>", b'<Relationship Id="rIdS" Type="http://schemas.'
                                    b'openxmlformats.org/officeDocument/2006/relationships/sharedStrings" '
                                    b'Target="sharedStrings.xml"/></Relationships>')
            z.writestr(name, body)
        if shared is not None:
            with z.open("xl/sharedStrings.xml", "w", force_zip64=True) as f:
                f.write(f'<?xml version="1.0" encoding="UTF-8"?><sst {NS}><si><t>'.encode())
                for _ in range(len(shared) // 2**20):
                    f.write(shared[:2**20])
                f.write(b"</t></si></sst>")


def _codes():
    import csv

    with open(ROOT / "data" / "a_share_universe.csv", encoding="utf-8-sig") as f:
        return [(r["ts_code"], r["name"]) for r in csv.DictReader(f)]


FILES = {"largest_workbook": "largest10.xlsx", "largest_workbook_openpyxl": "largest10.xlsx",
         "refused_2m_cells": "largest20.xlsx", "price_csv_100k": "0700.HK.csv",
         "unknown_names_20k": "names.csv", "refused_200k_rows": "rows.xlsx",
         "refused_300mb_shared_string": "sst.xlsx", "refused_ods_million_rows": "bomb.ods"}


def make(case: str, d: Path) -> Path:
    if case not in FILES:
        raise SystemExit(f"unknown case {case}")
    if (d / FILES[case]).exists():
        return d / FILES[case]
    if case in ("largest_workbook", "largest_workbook_openpyxl", "refused_2m_cells"):
        width = 20 if case == "refused_2m_cells" else 10
        p = d / f"largest{width}.xlsx"
        if p.exists():
            return p
        codes = _codes()
        cols = [chr(65 + i) if i < 26 else "A" + chr(65 + i - 26) for i in range(width)]

        def rows():
            head = "".join(f'<c r="{c}1" t="inlineStr"><is><t>{h}</t></is></c>'
                           for c, h in zip(cols, ["证券代码", "证券简称"] + [f"指标{i}" for i in range(width - 2)]))
            yield f'<row r="1">{head}</row>'
            for r in range(2, 100_001):
                code, name = codes[r % len(codes)]
                cells = [f'<c r="A{r}" t="inlineStr"><is><t>{code}</t></is></c>',
                         f'<c r="B{r}" t="inlineStr"><is><t>{name}</t></is></c>']
                cells += [f'<c r="{c}{r}"><v>{(r * 7 + j) % 1000 / 10}</v></c>' for j, c in enumerate(cols[2:])]
                yield f'<row r="{r}">{"".join(cells)}</row>'
        _xlsx(p, rows())
        return p
    if case == "price_csv_100k":
        p = d / "0700.HK.csv"
        import datetime as dt

        day = dt.date(1960, 1, 1)
        with open(p, "w", encoding="utf-8") as f:
            f.write("code,date,open,high,low,close,volume,amount\n")
            for code in ("0700.HK", "9988.HK"):
                for i in range(49_999):
                    f.write(f"{code},{day + dt.timedelta(days=i)},10.1,10.9,9.8,10.5,123456,1296288.0\n")
        return p
    if case == "unknown_names_20k":
        p = d / "names.csv"
        with open(p, "w", encoding="utf-8") as f:
            f.write("名称,备注\n")
            for i in range(20_000):
                f.write(f"不存在的公司{i:05d}号,note {i}\n")
        return p
    if case == "refused_200k_rows":
        p = d / "rows.xlsx"
        _xlsx(p, (f'<row r="{r}"><c r="A{r}"><v>{r}</v></c></row>' for r in range(1, 200_001)))
        return p
    if case == "refused_300mb_shared_string":
        p = d / "sst.xlsx"
        _xlsx(p, ['<row r="1"><c r="A1" t="s"><v>0</v></c></row>'], shared=b"a" * (300 * 2**20))
        return p
    if case == "refused_ods_million_rows":
        p = d / "bomb.ods"
        content = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:'
                   'names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:'
                   'table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body>'
                   '<office:spreadsheet><table:table table:name="S"><table:table-row table:number-rows-'
                   'repeated="1000000"><table:table-cell table:number-columns-repeated="1000" office:value-'
                   'type="string"><text:p>x</text:p></table:table-cell></table:table-row></table:table>'
                   '</office:spreadsheet></office:body></office:document-content>')
        with zipfile.ZipFile(p, "w") as z:
            z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
            z.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        return p
    raise SystemExit(f"unknown case {case}")


def run_case(case: str, path: Path) -> str:
    """In the child process: read the file as the app would; return what happened."""
    from app.limits import ReaderError

    try:
        if case == "price_csv_100k":
            from app.prices.file_provider import read_price_file

            df, _ = read_price_file(path)
            return f"accepted: {len(df):,} bars"
        if case == "largest_workbook_openpyxl":
            from app.excel.readers import read_book

            b = read_book(path, engine="openpyxl")
            return f"read: {sum(len(r) for r in b.sheets[0].rows):,} cells"
        from app.excel.importer import preview_import
        from app.services import Desk

        desk = Desk.open(Path(tempfile.mkdtemp()) / "store.sqlite")
        pv = preview_import(desk, path, watchlist="bench")
        return f"accepted: {pv.accepted:,} rows, {len(pv.rejected):,} rejected"
    except ReaderError as e:
        return f"refused: {str(e)[:110]}"


def main() -> None:
    if sys.argv[1:2] == ["--make"]:       # a child that writes one file (keeps the parent small)
        make(sys.argv[2], Path(sys.argv[3]))
        return
    cases = sys.argv[1:] or ["largest_workbook", "largest_workbook_openpyxl", "refused_2m_cells",
                             "price_csv_100k",
                             "unknown_names_20k", "refused_200k_rows", "refused_300mb_shared_string",
                             "refused_ods_million_rows"]
    d = Path(os.environ.get("BENCH_FILES_DIR") or tempfile.mkdtemp(prefix="bench-files-"))
    d.mkdir(parents=True, exist_ok=True)
    print(f"{'case':<30} {'size':>9} {'seconds':>8} {'peak RSS':>9}  result")
    for case in cases:
        subprocess.run([sys.executable, __file__, "--make", case, str(d)], check=True, cwd=ROOT)
        path = d / FILES[case]
        code = ("import sys; sys.path.insert(0, %r); from bench.bench_files import run_case; "
                "from pathlib import Path; print(run_case(%r, Path(%r)))" % (str(ROOT), case, str(path)))
        t = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True, cwd=ROOT)
        _, status, usage = os.wait4(proc.pid, 0)
        secs = time.perf_counter() - t
        out = proc.stdout.read().strip()
        print(f"{case:<30} {path.stat().st_size / 2**20:>7.1f}MB {secs:>8.1f} {usage.ru_maxrss / 1024:>7.0f}MB  {out}",
              flush=True)


if __name__ == "__main__":
    main()
