"""Text extraction speed: a generated 100-page Chinese PDF end to end, and the five seed reports (TXT).

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_extract.py
Prints figures, asserts nothing. The PDF is made with Qt (tests/app/ingest/pdfgen.py): running header,
page numbers, wrapped paragraphs, a two-column page every tenth page, two disclaimer pages.
"""
from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication([])  # noqa: F841 (fonts for QPdfWriter)
    from app.ingest.extract import extract_file
    from tests.app.ingest.pdfgen import long_report, make_pdf

    with tempfile.TemporaryDirectory() as tmp:
        for n in (10, 100, 500):
            path = make_pdf(Path(tmp) / f"r{n}.pdf", long_report(n))
            extract_file(path)  # warm: imports, OpenCC dictionaries
            times = []
            for _ in range(3 if n <= 100 else 1):
                t = time.perf_counter()
                ex = extract_file(path)
                times.append(time.perf_counter() - t)
            med = statistics.median(times)
            print(f"PDF {n:>3} pages ({path.stat().st_size / 1e6:.1f} MB, {len(ex.text):,} chars): "
                  f"{med * 1000:.0f} ms median of {len(times)}  = {n / med:.0f} pages/s, "
                  f"{len(ex.text) / med / 1e6:.2f} M chars/s; dropped: {'; '.join(ex.dropped[:4])}")
    seeds = ROOT.parent / "shared" / "seeds"
    if not seeds.is_dir():
        seeds = Path("/work/shared/seeds")
    files = sorted(seeds.glob("0*.txt"))
    if files:
        t = time.perf_counter()
        total = sum(len(extract_file(f).text) for f in files)
        dt = time.perf_counter() - t
        print(f"TXT seeds: {len(files)} files, {total:,} chars in {dt * 1000:.1f} ms")


if __name__ == "__main__":
    main()
