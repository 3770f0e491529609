"""``python main.py universe refresh|status``: the command line of :mod:`app.universe_refresh`.

Apart from the refresh itself, which the store (through :mod:`app.services`) reads the cached
lists from: this module imports :mod:`app.cli`, the refresh does not.
"""
from __future__ import annotations

import argparse

from app.cli import _desk, _print_json, table
from app.universe_refresh import DEFAULT_DEADLINE, MARKETS, REQUEST_TIMEOUT, RefreshResult, refresh, status


def add_commands(add) -> None:
    sp = add("universe", cmd_universe, "refresh (download) the A-share and Hong Kong lists, or show their status")
    sp.add_argument("action", choices=["refresh", "status"])
    sp.add_argument("--market", choices=["A", "HK", "all"], default="all", type=str.upper,
                    help="refresh: which list (default: both)")
    sp.add_argument("--deadline", type=float, default=DEFAULT_DEADLINE,
                    help=f"refresh: seconds for each market, all requests included ({DEFAULT_DEADLINE:g})")
    sp.add_argument("--timeout", type=float, default=REQUEST_TIMEOUT,
                    help=f"refresh: seconds per HTTP request ({REQUEST_TIMEOUT:g})")
    sp.add_argument("--force", action="store_true",
                    help="refresh: take a list even when it is less than half the cached one")
    sp.add_argument("--json", action="store_true")


def cmd_universe(args: argparse.Namespace) -> int:
    import sys

    desk = _desk(args)
    if args.action == "status":
        st = status(desk.store)
        if args.json:
            _print_json(st)
        else:
            print(table([(s["market"], s["cached"], s["refreshed_at"] or "never", s["source"] or "",
                          f"{s['last_status']}: {s['last_message']}" if s["last_status"] == "error" else "")
                         for s in st], ["market", "cached", "refreshed", "source", "last error"], max_width=60))
            print(f"\n{len(desk.universe):,} listings searchable (bundled snapshot, knowledge base and "
                  "refreshed lists)")
        return 0
    markets = MARKETS if args.market == "ALL" else (args.market,)

    def progress(res: RefreshResult) -> None:
        if not args.json:
            print(res.line(), file=sys.stdout if res.status == "ok" else sys.stderr, flush=True)

    if not args.json:
        print(f"refreshing {', '.join(markets)} (deadline {args.deadline:g} s each) …", file=sys.stderr)
    results = refresh(desk.store, markets, deadline_s=args.deadline, force=args.force,
                      request_timeout=args.timeout, progress=progress)
    if args.json:
        _print_json([r.as_dict() for r in results])
    return 1 if any(r.status != "ok" for r in results) else 0
