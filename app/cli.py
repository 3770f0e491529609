"""Command line: the same entry point as the GUI (``python main.py <command> ...``), no display needed.

Errors go to stderr with a non-zero exit status (2 for usage, 1 for everything else).
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import unicodedata
from pathlib import Path
from typing import Any, Callable, Sequence

COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {}


class CLIError(Exception):
    pass


def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)


def _pad(s: str, w: int) -> str:
    return s + " " * max(0, w - _width(s))


def table(rows: Sequence[Sequence[Any]], headers: Sequence[str], max_width: int = 48) -> str:
    """A plain-text table that lines up Chinese (double-width) characters (control characters
    are shown as escapes, never printed raw)."""
    from app.limits import printable

    def cell(v: Any) -> str:
        if v is None:
            return ""
        if isinstance(v, (list, tuple)):
            v = ", ".join(str(x) for x in v)
        s = printable(str(v).replace("\n", " "))
        if _width(s) > max_width:
            out = ""
            for ch in s:
                if _width(out + ch) > max_width - 1:
                    break
                out += ch
            s = out + "…"
        return s
    body = [[cell(v) for v in r] for r in rows]
    widths = [max([_width(h)] + [_width(r[i]) for r in body]) for i, h in enumerate(headers)]
    lines = ["  ".join(_pad(h, widths[i]) for i, h in enumerate(headers)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(_pad(c, widths[i]) for i, c in enumerate(r)).rstrip() for r in body]
    return "\n".join(lines)


def _print_json(obj: Any) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2, default=str) + "\n")


def _desk(args: argparse.Namespace):
    from app.services import Desk

    return Desk.open(args.db)


# ---- commands ---------------------------------------------------------------------------

def cmd_companies(args: argparse.Namespace) -> int:
    desk = _desk(args)
    recs = desk.company_records(include_entities=not args.listed)
    if args.theme:
        if args.theme not in desk.kb.themes:
            raise CLIError(f"unknown theme {args.theme!r} (see: main.py themes)")
        recs = [r for r in recs if args.theme in r["themes"]]
    if args.market:
        m = args.market.upper()
        recs = [r for r in recs if r["exchange"] == m or any(c.endswith("." + m) for c in r["codes"])]
    if args.json:
        _print_json(recs)
        return 0
    rows = [(r["code"] or "—", r["name_zh_hans"], r["name_en"], r["exchange"] or "unlisted",
             r["themes"], len(r["reports"])) for r in recs]
    print(table(rows, ["code", "name", "English", "exch", "themes", "reports"]))
    listed = sum(1 for r in recs if r["listed"])
    print(f"\n{listed} listed companies, {len(recs) - listed} unlisted entities")
    return 0


def cmd_chain(args: argparse.Namespace) -> int:
    desk = _desk(args)
    try:
        recs = desk.edge_records(customer=args.customer, supplier=args.supplier, segment=args.segment)
    except KeyError as e:
        raise CLIError(str(e).strip('"')) from None
    if args.status:
        recs = [r for r in recs if r["status"] == args.status]
    if args.json:
        _print_json(recs)
        return 0
    from app.kb import SEGMENTS
    rows = [(f"{r['supplier']} {r['supplier_name']}", f"{r['customer_name']}",
             SEGMENTS.get(r["segment"], r["segment"]), r["status"],
             "" if r["share_pct"] is None else f"{'>' if r['share_qualifier'] == '>' else ''}{r['share_pct']:g}%",
             r["report"][:3] + ("*" if r["ai_compiled"] else ""), r["quote"]) for r in recs]
    print(table(rows, ["supplier", "customer", "segment", "status", "share", "rep", "quote"], max_width=40))
    print(f"\n{len(recs)} edges   (* = from an AI-compiled report)")
    return 0


def cmd_themes(args: argparse.Namespace) -> int:
    desk = _desk(args)
    recs = desk.theme_records()
    if args.json:
        _print_json(recs)
        return 0
    rows = [(r["id"], r["title_zh"], r["title_en"], len(r["members"]),
             ", ".join(x[:3] for x in r["reports"])) for r in recs]
    print(table(rows, ["id", "title", "English", "members", "reports"]))
    return 0


def cmd_watchlist(args: argparse.Namespace) -> int:
    desk = _desk(args)
    store = desk.store
    action = args.action
    if action == "list":
        lists = store.watchlists()
        if args.json:
            _print_json([{"name": w.name, "items": len(w.items)} for w in lists])
        else:
            print(table([(w.name, len(w.items)) for w in lists], ["watchlist", "items"]))
        return 0
    if not args.name:
        raise CLIError(f"watchlist {action} needs a watchlist name")
    if action == "show":
        w = store.watchlist(args.name)
        recs = []
        kb_themes = desk.kb.themes
        for it in w.items:
            c = desk.kb.company(it.code)
            sec = desk.universe.get(it.code)
            theme_ids = desk.kb.themes_of(c.code) if c else []
            recs.append({"code": it.code, "name_zh_hans": (c or sec).name_zh_hans if (c or sec) else "",
                         "name_en": c.name_en if c else (sec.name_en if sec else ""),
                         "themes": theme_ids,
                         "theme_titles": [{"id": t, "title_zh": kb_themes[t].title_zh,
                                           "title_en": kb_themes[t].title_en} for t in theme_ids],
                         "chain_role": desk.kb.chain_role(c.code) if c else "",
                         "notes": it.notes, "tags": list(it.tags), "rating": it.rating,
                         "target_price": it.target_price,
                         "added_at": it.added_at.isoformat() if it.added_at else None})
        if args.json:
            _print_json({"name": w.name, "items": recs})
        else:
            from app.limits import printable

            print(f"{printable(w.name)} ({len(recs)} items)\n")
            # the themes by title, in the script of the name column (ids are for --json and --theme)
            print(table([(r["code"], r["name_zh_hans"], [t["title_zh"] or t["title_en"] for t in r["theme_titles"]],
                          r["chain_role"], r["tags"],
                          r["rating"], r["target_price"], r["notes"]) for r in recs],
                        ["code", "name", "themes", "chain role", "tags", "rating", "target", "notes"],
                        max_width=36))
        return 0
    if action == "create":
        store.create_watchlist(args.name)
        print(f"created watchlist {args.name!r}")
        return 0
    if action == "delete":
        w = store.watchlist(args.name)
        store.delete_watchlist(w.id)
        print(f"deleted watchlist {w.name!r} ({len(w.items)} items)")
        return 0
    if action == "rename":
        if not args.items:
            raise CLIError("watchlist rename NAME NEW_NAME")
        w = store.watchlist(args.name)
        store.rename_watchlist(w.id, args.items[0])
        print(f"renamed {w.name!r} to {args.items[0]!r}")
        return 0
    if action == "add":
        if not args.items:
            raise CLIError("watchlist add NAME CODE_OR_NAME [...]")
        added, problems = desk.add_to_watchlist(args.name, args.items, create=args.create)
        for a in added:
            print(f"added {a}")
        for p in problems:
            print(f"not added: {p}", file=sys.stderr)
        return 0 if not problems or added else 1
    if action == "remove":
        if not args.items:
            raise CLIError("watchlist remove NAME CODE [...]")
        w = store.watchlist(args.name)
        codes = []
        for q in args.items:
            try:
                codes.append(desk.resolve_security(q).code)
            except LookupError as e:
                raise CLIError(str(e).strip('"')) from None
        missing = [c for c in codes if c not in w.codes]
        removed = store.remove_items(w.id, codes)
        for r in removed:
            print(f"removed {r.code}")
        for m in missing:
            print(f"not in {w.name!r}: {m}", file=sys.stderr)
        return 0 if removed else 1
    raise CLIError(f"unknown watchlist action {action!r}")


def cmd_search(args: argparse.Namespace) -> int:
    desk = _desk(args)
    hits = desk.universe.search(" ".join(args.query), limit=args.limit)
    if args.json:
        _print_json([{"code": s.code, "name_zh_hans": s.name_zh_hans, "name_zh_hant": s.name_zh_hant,
                      "name_en": s.name_en, "pinyin": s.pinyin, "in_kb": s.in_kb} for s in hits])
    else:
        print(table([(s.code, s.name_zh_hans, s.name_zh_hant, s.name_en, s.pinyin, "yes" if s.in_kb else "")
                     for s in hits], ["code", "简体", "繁體", "English", "pinyin", "in reports"]))
    return 0 if hits else 1


def cmd_code(args: argparse.Namespace) -> int:
    from app.codes import Dialect, parse

    out = []
    for raw in args.codes:
        lst = parse(raw)
        out.append({"input": raw, "code": lst.code, **{d.value: lst.render(d) for d in Dialect}})
    if args.json:
        _print_json(out)
    else:
        from app.codes import Dialect as D
        print(table([[o["input"], *[o[d.value] for d in D]] for o in out], ["input", *[d.value for d in D]]))
    return 0


def cmd_kb(args: argparse.Namespace) -> int:
    from app import kb as kbmod

    kb = kbmod.load(Path(args.data) if args.data else None)
    print(f"knowledge base {kb.version}: {len(kb.reports)} reports, {len(kb.companies)} companies, "
          f"{len(kb.entities)} entities, {len(kb.themes)} themes, {len(kb.members)} memberships, "
          f"{len(kb.edges)} edges, {len(kb.links)} links, {len(kb.events)} events, "
          f"{sum(len(t.rows) for t in kb.figures.values())} figure rows in {len(kb.figures)} tables")
    status = 0
    checks = kbmod.party_checks(kb)
    failed = [c for c in checks if not c.ok]
    if args.verbose:
        for c in checks:
            print(c.explain(kb))
    for c in failed:
        print(c, file=sys.stderr)
    print(f"{len(checks) - len(failed)} of {len(checks)} edge, link and membership quotes name their parties")
    if failed:
        status = 1
    seeds = Path(args.seeds or os.environ.get("CHAINWATCH_SEEDS")
                 or Path(__file__).resolve().parents[2] / "shared" / "seeds")
    if seeds.is_dir():
        problems = kbmod.verify_quotes(kb, seeds)
        n = sum(1 for _ in kb.all_quotes())
        n_ctx = sum(1 for _ in kb.all_contexts())
        for p in problems:
            print(p, file=sys.stderr)
        bad_ctx = sum(1 for p in problems if ": context not found" in p)
        print(f"{n - (len(problems) - bad_ctx)} of {n} quotes found verbatim in {seeds}")
        print(f"{n_ctx - bad_ctx} of {n_ctx} contexts found verbatim")
        return 1 if problems else status
    print(f"(reports folder {seeds} not found: quotes not checked)")
    return status


# ---- parser -----------------------------------------------------------------------------

def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="main.py", description="Chainwatch: a screening desk for "
                                "China / Hong Kong AI stocks. Without a command, opens the GUI.")
    p.add_argument("--db", metavar="PATH|URL", help="store file (default: the user's data folder) or a team "
                   "database, postgresql://user@host:port/dbname (password from ~/.pgpass)")
    sub = p.add_subparsers(dest="command")

    def add(name: str, fn, help: str) -> argparse.ArgumentParser:
        sp = sub.add_parser(name, help=help)
        sp.add_argument("--db", metavar="PATH|URL", default=argparse.SUPPRESS,
                        help="store file or postgresql://user@host:port/dbname")
        COMMANDS[name] = fn
        return sp

    sp = add("companies", cmd_companies, "companies and unlisted entities the reports name")
    sp.add_argument("--json", action="store_true")
    sp.add_argument("--theme", help="only members of this theme id")
    sp.add_argument("--market", help="HK, SH, SZ, BJ or US")
    sp.add_argument("--listed", action="store_true", help="listed companies only")

    sp = add("chain", cmd_chain, "supplier -> customer edges")
    sp.add_argument("--json", action="store_true")
    sp.add_argument("--customer", help="code, entity id, hub (tencent, alibaba, bytedance) or name")
    sp.add_argument("--supplier", help="code or name")
    sp.add_argument("--segment", help="segment id, e.g. ai_servers")
    sp.add_argument("--status", choices=["core", "potential", "stated"])

    sp = add("themes", cmd_themes, "themes with their members")
    sp.add_argument("--json", action="store_true")

    sp = add("watchlist", cmd_watchlist, "list | show | create | delete | rename | add | remove")
    sp.add_argument("action", choices=["list", "show", "create", "delete", "rename", "add", "remove"])
    sp.add_argument("name", nargs="?")
    sp.add_argument("items", nargs="*", help="codes in any format, names or pinyin initials")
    sp.add_argument("--json", action="store_true")
    sp.add_argument("--create", action="store_true", help="with add: create the watchlist if missing")

    sp = add("search", cmd_search, "search the universe by code, name or pinyin initials")
    sp.add_argument("query", nargs="+")
    sp.add_argument("--limit", type=int, default=20)
    sp.add_argument("--json", action="store_true")

    sp = add("code", cmd_code, "parse codes and show them in every dialect")
    sp.add_argument("codes", nargs="+")
    sp.add_argument("--json", action="store_true")

    sp = add("kb", cmd_kb, "validate the bundled knowledge base (and its quotes, when the reports are present)")
    sp.add_argument("--data", help="data folder (default: bundled)")
    sp.add_argument("--seeds", help="folder with the report texts (default: ../shared/seeds)")
    sp.add_argument("-v", "--verbose", action="store_true",
                    help="show which name (or rule) names each party of every edge, link and membership")

    import importlib

    for modname in EXTENSION_MODULES:
        try:
            mod = importlib.import_module(modname)
        except ModuleNotFoundError as e:
            if e.name and modname.startswith(e.name):
                continue  # feature not present in this build
            raise
        mod.add_commands(add)
    return p


# Feature packages add their sub-commands through `add_commands(add)`, where
# `add(name, fn, help)` returns the sub-parser and `fn(args) -> int` runs the command.
EXTENSION_MODULES = ("app.excel.cli", "app.prices.cli", "app.ingest.cli", "app.universe_cli",
                     "widgets.print_cli", "app.team.cli")  # print renders with Qt


def run(argv: Sequence[str]) -> int:
    from app.codes import CodeError
    from app.kb import KBValidationError
    from app.store import StoreError

    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return 2
    try:
        return COMMANDS[args.command](args)
    except (CLIError, CodeError, StoreError, KBValidationError, LookupError, OSError) as e:
        from app.limits import printable

        msg = printable(str(e).strip('"'))
        print(f"error: {msg}", file=sys.stderr)
        if getattr(args, "json", False):   # a script reading --json output gets JSON, also for an error
            _print_json({"error": str(e).strip('"')})
        return 1
    except BrokenPipeError:  # pragma: no cover - e.g. piped into head
        return 0
