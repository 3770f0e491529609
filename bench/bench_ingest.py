"""Report ingestion against the hand-built knowledge base: what it finds, what it proposes, how fast.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_ingest.py [--seeds DIR]

For each of the five reports in ../shared/seeds the bundled knowledge base is the reference (it was
built by hand from them). Printed per report and in total:
* companies (HK/A listings): recall and precision of the non-weak proposals; the report's own
  publisher (a broker the reference records as a mention, e.g. 国信证券 in 001) is left out of the
  reference: ingestion proposes it weak and unchecked ("the report's publisher"), and -v says so;
* supplier edges: recall and precision on (supplier, customer) pairs of the proposals `--apply` would
  write (confidence >= 0.6), segment agreement, and every share the reference states compared with the
  proposal's;
* speed: characters per second, and a generated 100-page PDF end to end (extract + analyse).
Prints figures; asserts nothing.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")   # the generated PDF is drawn with Qt; no screen needed


MIN_CONF = 0.6   # what `ingest --apply` writes by default; lower ones wait for review


def truth(kb, file: str) -> tuple[set[str], set[tuple[str, str]], dict[tuple[str, str], list]]:
    refs: set[str] = set()
    for seq in (kb.mentions, kb.entity_mentions, kb.members, kb.recommendations, kb.events):
        refs |= {x.ref for x in seq if x.evidence.report == file}
    edges: dict[tuple[str, str], list] = {}
    for e in kb.edges:
        if e.evidence.report == file:
            refs |= {e.supplier, e.customer}
            edges.setdefault((e.supplier, e.customer), []).append(e)
    for link in kb.links:
        if link.evidence.report == file:
            refs |= {link.source, link.target}
    listed = {r for r in refs if kb.company(r) is not None and not r.endswith(".US")}
    return listed - publisher_refs(kb, file, listed), set(edges), edges


def publisher_refs(kb, file: str, refs: set[str]) -> set[str]:
    """The listed refs that are the report's own publisher (its broker), by the report's publisher field."""
    from app.ingest.meta import broker_names
    from app.text import fold

    r = kb.reports.get(file)
    names = broker_names(getattr(r, "publisher", "") or "")
    out = set()
    for ref in refs:
        c = kb.company(ref)
        if c is not None and names & {fold(n) for n in (c.name_zh_hans, c.name_zh_hant, c.name_en, *c.aliases) if n}:
            out.add(ref)
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seeds", default=str(ROOT.parent / "shared" / "seeds"))
    ap.add_argument("--pages", type=int, default=100)
    ap.add_argument("-v", action="store_true", help="list what was missed and what was extra")
    args = ap.parse_args()
    from app.ingest.pipeline import analyse, name_index
    from app.services import Desk

    tmp = Path(tempfile.mkdtemp(prefix="bench-ingest-"))
    os.environ["XDG_CACHE_HOME"] = str(tmp / "cache")   # a cold name-index cache
    desk = Desk.open(tmp / "store.sqlite")
    kb = desk.kb
    t = time.perf_counter()
    name_index(desk)
    print(f"name index (cold, ~{len(desk.universe):,} listings + KB): {time.perf_counter() - t:.2f} s")
    desk._ingest_index = None
    t = time.perf_counter()
    name_index(desk)
    print(f"name index (cached): {(time.perf_counter() - t) * 1000:.0f} ms")
    seeds = sorted(Path(args.seeds).glob("0*.txt"))
    if not seeds:
        print(f"no reports under {args.seeds}")
        return 0
    tot = dict(c_tp=0, c_fp=0, c_fn=0, e_tp=0, e_fp=0, e_fn=0, seg=0, shares=0, shares_ok=0, chars=0, secs=0.0)
    print(f"\n{'report':<26}{'chars':>8}{'ms':>7}  companies R / P      edges R / P (tp)   segment  shares right")
    for path in seeds:
        text = path.read_text(encoding="utf-8")
        t = time.perf_counter()
        prop = analyse(desk, text, source=path.name, fmt="txt")
        el = time.perf_counter() - t
        listed, pairs, by_pair = truth(kb, path.name)
        got = {c.ref for c in prop.companies if not c.weak and c.listed}
        c_tp, c_fp, c_fn = len(got & listed), len(got - listed), len(listed - got)
        gp = {(e.supplier, e.customer) for e in prop.edges if e.confidence >= MIN_CONF}
        e_tp, e_fp, e_fn = len(gp & pairs), len(gp - pairs), len(pairs - gp)
        seg = sum(1 for e in prop.edges if (e.supplier, e.customer) in pairs
                  and any(x.segment == e.segment for x in by_pair[(e.supplier, e.customer)]))
        shares = shares_ok = 0
        for pair, refs in by_pair.items():
            for ref in refs:
                if ref.share_pct is None:
                    continue
                shares += 1
                mine = [e for e in prop.edges if (e.supplier, e.customer) == pair and e.share_pct is not None]
                if any(e.share_pct == ref.share_pct and (e.share_qualifier or "=") == (ref.share_qualifier or "=")
                       for e in mine):
                    shares_ok += 1
        wrong_shares = [e for e in prop.edges if e.share_pct is not None and (e.supplier, e.customer) in pairs
                        and not any(x.share_pct == e.share_pct for x in by_pair[(e.supplier, e.customer)])]
        for k, v in dict(c_tp=c_tp, c_fp=c_fp, c_fn=c_fn, e_tp=e_tp, e_fp=e_fp, e_fn=e_fn, seg=seg,
                         shares=shares, shares_ok=shares_ok, chars=len(text), secs=el).items():
            tot[k] += v
        print(f"{path.name:<26}{len(text):>8}{el * 1000:>7.0f}  {_r(c_tp, c_fn)} / {_r(c_tp, c_fp)}"
              f"      {_r(e_tp, e_fn)} / {_r(e_tp, e_fp)} ({e_tp:>2})   {seg:>3}/{e_tp:<3}  {shares_ok}/{shares}"
              + (f"  ({len(wrong_shares)} proposed share(s) the reference does not give)" if wrong_shares else ""))
        if args.v:
            print("   companies missed:", sorted(listed - got), "extra:", sorted(got - listed))
            for c in prop.companies:
                if c.ref in publisher_refs(kb, path.name, {c.ref}):
                    print(f"   publisher {c.ref}: {'weak, unchecked' if c.weak else 'PROPOSED'} ({c.reason[:60]})")
            print("   edges missed:", sorted(pairs - gp))
            print("   edges extra:", sorted(gp - pairs))
    print(f"{'all five':<26}{tot['chars']:>8}{tot['secs'] * 1000:>7.0f}  {_r(tot['c_tp'], tot['c_fn'])} / "
          f"{_r(tot['c_tp'], tot['c_fp'])}      {_r(tot['e_tp'], tot['e_fn'])} / {_r(tot['e_tp'], tot['e_fp'])} "
          f"({tot['e_tp']:>2})   {tot['seg']:>3}/{tot['e_tp']:<3}  {tot['shares_ok']}/{tot['shares']}")
    print(f"speed: {tot['chars'] / tot['secs']:,.0f} characters/s over the five reports (warm index)")
    _bench_pdf(desk, args.pages, tmp)
    return 0


def _r(tp: int, miss: int) -> str:
    return f"{tp / (tp + miss) * 100:5.1f}%" if tp + miss else "   — "


def _bench_pdf(desk, pages: int, tmp: Path) -> None:
    try:
        from app.ingest.extract import extract_file
    except ImportError:
        print("PDF: app.ingest.extract not available")
        return
    from PySide6.QtGui import QGuiApplication

    from tests.app.ingest import pdfgen

    app = QGuiApplication.instance() or QGuiApplication([])  # QPdfWriter needs the fonts  # noqa: F841
    pdf = tmp / "report.pdf"
    t = time.perf_counter()
    pdfgen.make_pdf(pdf, pdfgen.long_report(pages))
    print(f"\n{pages}-page PDF written in {time.perf_counter() - t:.1f} s ({pdf.stat().st_size / 1e6:.1f} MB)")
    from app.ingest.pipeline import analyse

    t = time.perf_counter()
    ex = extract_file(pdf)
    t_ex = time.perf_counter() - t
    prop = analyse(desk, ex.text, source=pdf.name, fmt="pdf")
    t_all = time.perf_counter() - t
    print(f"{pages}-page PDF end to end: {t_all:.2f} s (extract {t_ex:.2f} s, {len(ex.text):,} chars, "
          f"{len(prop.companies)} parties, {len(prop.edges)} edges)  target < 5 s")


if __name__ == "__main__":
    sys.exit(main())
