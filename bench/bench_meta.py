"""Metadata proposals scored against the hand-built knowledge base (the ``report:`` section of each
``data/reports/*.yaml``), on the five seed reports in ../shared/seeds. Prints a table; asserts nothing.

Run: .venv/bin/python bench/bench_meta.py [SEEDS_DIR]
"""
from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

FIELDS = ("title", "publisher", "publisher_en", "date", "date_precision", "analysts", "rating",
          "language", "ai_compiled")


def score(seeds: Path) -> tuple[int, int, list[tuple[str, str, bool, object, object]]]:
    from app.ingest.extract import extract_file
    from app.ingest.meta import propose_meta

    rows = []
    for yml in sorted((ROOT / "data" / "reports").glob("*.yaml")):
        exp = yaml.safe_load(yml.read_text(encoding="utf-8"))["report"]
        f = seeds / exp["file"]
        if not f.exists():
            continue
        got = propose_meta(extract_file(f))
        for k in FIELDS:
            want = exp.get(k)
            want = want.isoformat() if hasattr(want, "isoformat") else want
            have = getattr(got, k)
            rows.append((exp["file"][:3], k, have == want, have, want))
    ok = sum(r[2] for r in rows)
    return ok, len(rows), rows


def main() -> None:
    seeds = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "seeds"
    if not seeds.is_dir():
        seeds = Path(os.environ.get("CHAINWATCH_SEEDS", "/work/shared/seeds"))
    t = time.perf_counter()
    ok, n, rows = score(seeds)
    dt = time.perf_counter() - t
    for rep, k, good, have, want in rows:
        mark = "ok " if good else "-- "
        line = f"{mark}{rep} {k:<15} {have!r}"
        if not good:
            line += f"   (expected {want!r})"
        print(line[:220])
    print(f"\n{ok} of {n} fields match ({ok / max(n, 1):.0%}) over {len({r[0] for r in rows})} reports "
          f"in {dt * 1000:.0f} ms")


if __name__ == "__main__":
    main()
