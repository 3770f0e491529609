"""``python main.py ingest FILE`` and ``python main.py reports list|show|delete``."""
from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from app.cli import CLIError, _desk, _print_json, table


def add_commands(add) -> None:
    sp = add("ingest", cmd_ingest, "read a report (PDF, DOCX, HTML, TXT/MD or - for stdin) and propose what it adds")
    sp.add_argument("file", help="the report file, or - to read text from standard input")
    sp.add_argument("--title")
    sp.add_argument("--publisher")
    sp.add_argument("--date", help="YYYY-MM-DD or YYYY-MM")
    sp.add_argument("--analysts", help="comma-separated")
    sp.add_argument("--rating")
    sp.add_argument("--ai-compiled", action="store_true", help="flag the report as AI-compiled / citing no sources")
    sp.add_argument("--apply", action="store_true",
                    help="write what is not weak and reaches --min-confidence (without it nothing changes)")
    sp.add_argument("--min-confidence", type=float, default=0.6)
    sp.add_argument("--allow-duplicate", action="store_true",
                    help="with --apply: add it even when the desk already has this report")
    sp.add_argument("--watchlist", help="with --apply: add the report's listed companies to this list")
    sp.add_argument("--json", action="store_true")

    sp = add("reports", cmd_reports, "reports you added: list | show KEY [--text] | delete KEY")
    sp.add_argument("action", choices=["list", "show", "delete"])
    sp.add_argument("key", nargs="?")
    sp.add_argument("--text", action="store_true", help="with show: print the stored text")
    sp.add_argument("--json", action="store_true")


def _overrides(args: argparse.Namespace) -> dict[str, Any]:
    o: dict[str, Any] = {"title": args.title, "publisher": args.publisher, "date": args.date,
                         "rating": args.rating}
    if args.analysts:
        o["analysts"] = [a.strip() for a in args.analysts.replace("，", ",").split(",") if a.strip()]
    if args.ai_compiled:
        o["ai_compiled"] = True
    if args.date and len(args.date) == 7:
        o["date_precision"] = "month"
    return o


def cmd_ingest(args: argparse.Namespace) -> int:
    from app.ingest.apply import ApplyError, apply
    from app.ingest.extract import IngestError, extract_file, extract_pasted
    from app.ingest.pipeline import analyse_extracted

    if not (0 <= args.min_confidence <= 1):
        raise CLIError("--min-confidence is between 0 and 1")
    try:
        if args.file == "-":
            ex = extract_pasted(sys.stdin.read(), "stdin")
        else:
            ex = extract_file(args.file)
    except IngestError as e:
        raise CLIError(str(e)) from None
    desk = _desk(args)
    prop = analyse_extracted(desk, ex, _overrides(args))
    result = None
    prop.allow_duplicate = bool(args.allow_duplicate)
    if args.apply:
        try:
            result = apply(desk, prop, watchlist=args.watchlist, defaults=True, min_confidence=args.min_confidence)
        except ApplyError as e:
            raise CLIError(str(e)) from None
    if args.json:
        out = prop.to_json()
        if result is not None:
            out["applied"] = {"key": result.key, "counts": result.counts,
                              "watchlist": result.watchlist, "added_to_watchlist": result.added_to_watchlist}
        _print_json(out)
        return 0
    _print_proposal(desk, prop, args.min_confidence)
    if result is not None:
        what = ", ".join(f"{n} {k}" for k, n in sorted(result.counts.items())) or "nothing"
        print(f"\napplied as report {result.key}: {what}")
        if result.watchlist:
            print(f"added to {result.watchlist!r}: {', '.join(result.added_to_watchlist) or 'none new'}")
    else:
        print("\nnothing changed (add --apply to write what is marked '*')")
    return 0


def _print_proposal(desk, prop, min_conf: float) -> None:
    r = prop.report
    print(f"report: {r.get('title') or '(no title found: give --title)'}")
    print(f"  publisher {r.get('publisher') or '—'}  date {r.get('date') or '(none found: give --date)'}"
          f"  analysts {', '.join(r.get('analysts') or []) or '—'}  rating {r.get('rating') or '—'}"
          + ("  [AI-compiled]" if r.get("ai_compiled") else "") + ("  [cites no sources]" if r.get("no_sources") else ""))
    print(f"  {len(prop.text):,} characters from {prop.source} ({prop.format})")
    for d in prop.dropped:
        print(f"  dropped: {d}")
    for w in prop.warnings:
        print(f"  warning: {w}")

    def star(x) -> str:
        return "*" if (not getattr(x, "weak", False) and x.confidence >= min_conf) else " "

    print(f"\ncompanies ({len(prop.companies)}; * = applied by --apply):")
    rows = [(star(c), c.ref, c.name, c.exchange or "unlisted", len(c.mentions), f"{c.confidence:.2f}",
             ("weak: " if c.weak else "") + c.reason) for c in prop.companies]
    print(table(rows, ["", "ref", "name", "exch", "n", "conf", "why"], max_width=70))
    kb = desk.kb

    def name(ref: str) -> str:
        return kb.ref_name(ref) if kb.party(ref) else (desk.universe.get(ref).name_zh_hans
                                                       if desk.universe.get(ref) else ref)

    if prop.edges:
        print(f"\nsupplier edges ({len(prop.edges)}):")
        rows = [(star(e), f"{name(e.supplier)} → {name(e.customer)}", e.segment,
                 e.status + (" (argued)" if e.argued else ""),
                 (f"{e.share_qualifier if e.share_qualifier not in (None, '=') else ''}{e.share_pct:g}% of {e.share_of}"
                  if e.share_pct is not None else ""), f"{e.confidence:.2f}", e.quote) for e in prop.edges]
        print(table(rows, ["", "edge", "segment", "status", "share", "conf", "quote"], max_width=60))
    if prop.links:
        print(f"\nlinks ({len(prop.links)}):")
        rows = [(star(x), f"{name(x.source)} {x.relation} {name(x.target)}",
                 f"{x.stake_pct:g}%" if x.stake_pct is not None else "", f"{x.confidence:.2f}", x.quote)
                for x in prop.links]
        print(table(rows, ["", "link", "stake", "conf", "quote"], max_width=60))
    if prop.themes:
        print(f"\nthemes ({len(prop.themes)}):")
        rows = [("*" if (not t.new and t.score >= 0.5) else " ", t.id, t.title_zh, "new" if t.new else "existing",
                 len(t.members), f"{t.score:.2f}", t.reason) for t in prop.themes]
        print(table(rows, ["", "id", "title", "", "members", "score", "why"], max_width=50))
    if prop.unresolved:
        print(f"\nnot resolved ({len(prop.unresolved)}):")
        for m in prop.unresolved[:20]:
            print(f"  {m.surface!r}: {m.reason}")


def cmd_reports(args: argparse.Namespace) -> int:
    from app.ingest import storage
    from app.ingest.apply import delete_report

    desk = _desk(args)
    if args.action == "list":
        reps = storage.reports(desk.store)
        if args.json:
            _print_json([{"key": r.key, "title": r.report.title, "publisher": r.report.publisher,
                          "date": r.report.date_label, "source": r.source, "format": r.format,
                          "added_at": r.added_at, "facts": r.facts, "records": r.records,
                          "ai_compiled": r.report.ai_compiled} for r in reps])
            return 0
        if not reps:
            print("no reports added (python main.py ingest FILE --apply)")
            return 0
        rows = [(r.key, r.report.date_label, r.report.publisher, r.report.title, r.source,
                 ", ".join(f"{n} {k}" for k, n in sorted(r.facts.items()))) for r in reps]
        print(table(rows, ["key", "date", "publisher", "title", "source", "claims"]))
        return 0
    if not args.key:
        raise CLIError(f"reports {args.action} needs a report key (see: main.py reports list)")
    if args.action == "delete":
        gone = delete_report(desk, args.key)
        n = sum(gone.facts.values())
        print(f"deleted report {gone.key} ({gone.report.title}) and its {n} claim(s)")
        return 0
    r = storage.get(desk.store, args.key)
    facts = storage.facts_of(desk.store, r.key)
    if args.json:
        import dataclasses

        _print_json({"key": r.key, "report": dataclasses.asdict(r.report), "source": r.source, "format": r.format,
                     "added_at": r.added_at, "info": r.info,
                     "facts": [{"kind": k, **dataclasses.asdict(o)} for k, o in facts],
                     **({"text": storage.text_of(desk.store, r.key)} if args.text else {})})
        return 0
    rep = r.report
    print(f"{r.key}: {rep.title}\n  {rep.publisher} {rep.date_label}  analysts {', '.join(rep.analysts) or '—'}"
          f"  rating {rep.rating or '—'}{'  [AI-compiled]' if rep.ai_compiled else ''}\n  from {r.source} ({r.format}),"
          f" added {r.added_at}")
    kb = desk.kb
    for kind, o in facts:
        if kind == "edge":
            what = f"{kb.ref_name(o.supplier)} → {kb.ref_name(o.customer)} {o.segment} {o.status}" + (
                " argued" if o.argued else "") + (f" {o.share_label}" if o.share_label else "")
        elif kind == "link":
            what = f"{kb.ref_name(o.source)} {o.relation} {kb.ref_name(o.target)}"
        elif kind == "member":
            what = f"{kb.ref_name(o.ref)} in {o.theme}"
        else:
            what = kb.ref_name(o.ref)
        print(f"  {kind:<15}{what}\n  {'':<15}“{o.evidence.quote}”")
    if args.text:
        print("\n" + storage.text_of(desk.store, r.key))
    return 0


__all__ = ["add_commands", "json"]
