"""Time the printed summary of a 500-row watchlist: build the model, lay out and write the PDF.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_print.py [--rows 500] [--keep DIR]

Target: the PDF for 500 rows in under 2 s. Prints figures; asserts nothing.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def make_watchlist(desk, n: int) -> str:
    """A list of n listings: the report names first, then A-shares from the universe, with
    notes, ratings and targets on every third row."""
    store = desk.store
    codes = list(desk.kb.listed_codes())
    for sec in desk.universe.by_code.values():
        if len(codes) >= n:
            break
        if sec.code not in codes:
            codes.append(sec.code)
    name = f"bench {n}"
    wl = store.create_watchlist(name)
    fields = {c: {"notes": f"第{i}行备注 note for {c}", "rating": 1 + i % 5, "target_price": 10 + i}
              for i, c in enumerate(codes[:n]) if i % 3 == 0}
    with store.write() as conn:
        store._add_items(conn, wl, codes[:n], fields=fields)
    return name


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=500)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--keep", metavar="DIR", help="keep the PDFs in this folder")
    args = ap.parse_args()

    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841
    from app.printing import PrintOptions, build_summary
    from app.services import Desk
    from widgets.fonts import ensure_cjk_font
    from widgets.printing import export_pdf

    tmp = Path(tempfile.mkdtemp(prefix="bench-print-"))
    out = Path(args.keep) if args.keep else tmp
    out.mkdir(parents=True, exist_ok=True)
    desk = Desk.open(tmp / "store.sqlite")
    name = make_watchlist(desk, args.rows)

    def price(code: str):
        h = sum(map(ord, code))
        return (5 + h % 300 + (h % 7) / 10, ((h % 21) - 10) / 3, "2026-03-04")

    t = time.perf_counter()
    family = ensure_cjk_font()
    t_font = time.perf_counter() - t
    print(f"CJK font: {family}  (found and loaded in {t_font * 1000:.0f} ms)")

    builds = []
    for _ in range(args.repeat):
        t = time.perf_counter()
        summary = build_summary(desk, watchlist=name, price_lookup=price)
        builds.append(time.perf_counter() - t)
    print(f"build_summary, {len(summary.rows)} rows: median {statistics.median(builds) * 1000:.0f} ms")

    cases = [PrintOptions("A4", "portrait"), PrintOptions("A4", "landscape"),
             PrintOptions("Letter", "portrait"),
             PrintOptions("A4", "portrait", sections=("companies", "themes", "chains", "evidence"))]
    for opts in cases:
        times = []
        for i in range(args.repeat):
            path = out / f"summary-{opts.paper}-{opts.orientation}-{len(opts.sections)}.pdf"
            t = time.perf_counter()
            res = export_pdf(path, summary, opts)
            times.append(time.perf_counter() - t)
        total = statistics.median(builds) + statistics.median(times)
        verdict = "OK" if total < 2 else "SLOW"
        print(f"PDF {opts.paper:6} {opts.orientation:9} sections={','.join(opts.sections):40} "
              f"{res.pages:3} pages, {path.stat().st_size / 1024:6.0f} KiB: "
              f"first {times[0] * 1000:5.0f} ms, median {statistics.median(times) * 1000:5.0f} ms; "
              f"with the model {total * 1000:5.0f} ms  [{verdict}: target < 2000 ms]")
    if args.keep:
        print(f"PDFs kept in {out}")
    desk.store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
