"""Excel export and import against pandas + openpyxl, in the same run.

    python bench/bench_excel.py [--rows 10000] [--cols 20] [--repeat 3]

1. A table of ROWS x COLS (codes, Chinese names, numbers, dates, notes):
   ours (write-only openpyxl, formats on every cell, no formulas)  vs  DataFrame.to_excel(openpyxl);
   ours (read_book: calamine when installed, and openpyxl read-only)  vs  pd.read_excel(openpyxl).
2. The app: a watchlist of ROWS items with user fields -- export_workbook, and preview_import of
   the same file (parse + validate + three-way preview).

Prints best-of-REPEAT times and ratios (ours / pandas; below 1.0 is faster). Target: no slower
than pandas with openpyxl.
"""
from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pandas as pd  # noqa: E402

from app.excel import readers  # noqa: E402
from app.excel.export import SheetSpec, write_sheets  # noqa: E402


def a_share_codes(n: int) -> list[str]:
    out = []
    for prefix, suffix in (("000", "SZ"), ("001", "SZ"), ("002", "SZ"), ("300", "SZ"), ("600", "SH"),
                           ("601", "SH"), ("603", "SH"), ("688", "SH"), ("301", "SZ"), ("605", "SH"),
                           ("003", "SZ")):
        for i in range(1000):
            out.append(f"{prefix}{i:03d}.{suffix}")
            if len(out) == n:
                return out
    raise ValueError("too many rows")


def table(rows: int, cols: int) -> tuple[list[str], list[list]]:
    rnd = random.Random(7)
    codes = a_share_codes(rows)
    headers = ["code", "name", "date", "notes"] + [f"value_{j}" for j in range(cols - 4)]
    data = []
    for i in range(rows):
        r = [codes[i], f"公司{i}号", dt.datetime(2026, 1, 1) + dt.timedelta(days=i % 365),
             f"备注 {i} =not a formula" if i % 7 == 0 else f"note {i}"]
        r += [rnd.random() * 1000 if j % 3 else rnd.randint(0, 10**6) for j in range(cols - 4)]
        data.append(r)
    return headers, data


def best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=10_000)
    ap.add_argument("--cols", type=int, default=20)
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="bench-excel-"))
    try:
        headers, data = table(a.rows, a.cols)
        df = pd.DataFrame(data, columns=headers)
        ours_x, pandas_x = tmp / "ours.xlsx", tmp / "pandas.xlsx"
        print(f"table: {a.rows:,} rows x {a.cols} columns (best of {a.repeat})")
        t_pw = best(lambda: df.to_excel(pandas_x, index=False, engine="openpyxl"), a.repeat)
        t_ow = best(lambda: write_sheets(ours_x, [SheetSpec("data", headers, data)]), a.repeat)
        print(f"  export  pandas.to_excel(openpyxl) {t_pw:7.3f} s   ours {t_ow:7.3f} s   "
              f"ratio {t_ow / t_pw:5.2f}")
        t_pr = best(lambda: pd.read_excel(ours_x, engine="openpyxl"), a.repeat)
        line = f"  import  pandas.read_excel(openpyxl) {t_pr:6.3f} s"
        if readers.USE_CALAMINE:
            t_oc = best(lambda: readers.read_book(ours_x, engine="calamine"), a.repeat)
            line += f"   ours/calamine {t_oc:6.3f} s (ratio {t_oc / t_pr:5.2f})"
        t_oo = best(lambda: readers.read_book(ours_x, engine="openpyxl"), a.repeat)
        line += f"   ours/openpyxl {t_oo:6.3f} s (ratio {t_oo / t_pr:5.2f})"
        print(line)
        check = readers.read_book(ours_x).sheets[0].rows
        assert check[1][0] == data[0][0] and len(check) == a.rows + 1

        # the app, end to end
        from app.excel import export_workbook, preview_import
        from app.services import Desk

        desk = Desk.open(tmp / "store.sqlite")
        s = desk.store
        wl = s.create_watchlist("bench")
        codes = a_share_codes(a.rows)
        fields = {c: {"notes": f"备注 {i}", "tags": ["ai", "算力"] if i % 2 else [], "rating": 1 + i % 5,
                      "target_price": 10 + i / 7} for i, c in enumerate(codes)}
        s.add_items(wl, codes, fields=fields)
        book = tmp / "desk.xlsx"
        t_e = best(lambda: export_workbook(desk, book, watchlist="bench", reference=False), a.repeat)
        t_ef = best(lambda: export_workbook(desk, tmp / "full.xlsx", watchlist="bench"), 1)
        t_i = best(lambda: preview_import(desk, book), a.repeat)
        pv = preview_import(desk, book)
        assert pv.ok and not pv.changes, pv.summary()
        print(f"app: watchlist of {a.rows:,} items")
        print(f"  export_workbook (watchlist + Export info) {t_e:6.3f} s;  with all reference sheets "
              f"{t_ef:6.3f} s")
        print(f"  preview_import (parse + validate + preview) {t_i:6.3f} s   "
              f"vs pandas.read_excel of the same file {best(lambda: pd.read_excel(book, sheet_name=None, engine='openpyxl'), 1):6.3f} s")
        desk.store.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
