"""``python main.py prices refresh [CODE…] | import FILE|FOLDER | show CODE [--json] | sources [MARKET NAME…]``."""
from __future__ import annotations

import argparse
import math
import sys

from app.cli import CLIError, _desk, _print_json, table


def add_commands(add) -> None:
    from app.prices.net import DEFAULT_TIMEOUT

    sp = add("prices", cmd_prices, "daily prices: refresh (download), import FILE|FOLDER, show CODE, sources")
    sp.add_argument("action", choices=["refresh", "import", "show", "sources"])
    sp.add_argument("items", nargs="*", metavar="CODE|FILE",
                    help="refresh: codes (default: every watchlist code and the benchmarks); "
                         "import: a file, or a folder of files (a 通达信 vipdoc folder too); show: the code; "
                         "sources: MARKET (A or HK) and the source names in order (eastmoney, tencent)")
    sp.add_argument("--json", action="store_true", help="show / refresh / import: JSON output")
    sp.add_argument("--adjustment", choices=["raw", "none", "qfq", "hfq", "tr"],
                    help="import: what the file's prices are when it does not say (default none, Yahoo "
                         "Adj Close qfq); show: the view of the bars (default raw, as printed; qfq / hfq "
                         "adjusted multiplicatively; tr total return)")
    sp.add_argument("--full", action="store_true", help="refresh: download whole histories again")
    sp.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT,
                    help=f"refresh: seconds per request, everything included ({DEFAULT_TIMEOUT:g})")
    sp.add_argument("--pause", type=float, default=0.3, help="refresh: seconds between codes (0.3)")
    sp.add_argument("--code", help="import: the listing, when the file has no code column")
    sp.add_argument("--sheet", help="import: the Excel sheet (default: the first with prices)")
    sp.add_argument("--tail", type=int, default=None,
                    help="show: the last N bars (default 10; with --json all)")


def _resolve(desk, text: str) -> str:
    from app.codes import CodeError
    from app.prices.symbols import canonical

    try:
        return canonical(text)
    except CodeError:
        pass
    try:
        return desk.resolve_security(text).code
    except LookupError as e:
        raise CLIError(f"{text!r}: not a code, benchmark or name the desk knows ({str(e).strip(chr(34))})") from None


def cmd_prices(args: argparse.Namespace) -> int:
    if args.action == "refresh":
        return _refresh(args)
    if args.action == "import":
        return _import(args)
    if args.action == "sources":
        return _sources(args)
    return _show(args)


def _sources(args: argparse.Namespace) -> int:
    from app.prices import sources
    from app.prices.providers import PriceError

    desk = _desk(args)
    if args.items:
        market, *names = args.items
        if not names:
            raise CLIError("prices sources MARKET NAME [NAME…] (e.g. prices sources HK tencent eastmoney)")
        try:
            current = sources.save(desk.store, market, [n.lower() for n in names])
        except PriceError as e:
            raise CLIError(str(e)) from None
    else:
        current = sources.load(desk.store)
    if args.json:
        _print_json(current)
        return 0
    for m, names in current.items():
        print(f"{m}: {' -> '.join(names)}")
    return 0


def _refresh(args: argparse.Namespace) -> int:
    from app.prices.service import refresh

    desk = _desk(args)
    codes = [_resolve(desk, t) for t in args.items] if args.items else None
    quiet = args.json

    def progress(done: int, total: int, res) -> None:
        if quiet:
            return
        if res is None:
            print(f"refreshing {total} series …", file=sys.stderr, flush=True)
            return
        print(f"[{done}/{total}] {res.line()}", file=sys.stderr, flush=True)

    results = refresh(desk.store, codes, progress=progress, full=args.full, pause=args.pause,
                      timeout=args.timeout)
    failed = [r for r in results if r.status == "error"]
    stale = [r for r in results if r.status == "stale"]
    if args.json:
        _print_json({"notices": results.notices, "seconds": round(results.seconds, 2),
                     "results": [r.as_dict() for r in results]})
    else:
        for line in results.notices:       # one line each, at the top of the report
            print(line)
        for r in [*failed, *stale]:
            print(r.line())
        added = sum(r.rows_added for r in results)
        print(f"{len(results) - len(failed)} of {len(results)} series ok, {added} rows added"
              + (f", {len(stale)} stale" if stale else "")
              + (f"; failed: {', '.join(r.code for r in failed)}" if failed else "")
              + f" ({results.seconds:.1f} s)")
    return 1 if failed else 0


def _import(args: argparse.Namespace) -> int:
    from app.prices.providers import PriceError
    from app.prices.service import import_file

    if len(args.items) != 1:
        raise CLIError("prices import FILE (one file, or one folder)")
    from pathlib import Path

    if Path(args.items[0]).is_dir():
        return _import_folder(args)
    desk = _desk(args)
    try:
        rep = import_file(desk.store, args.items[0], code=args.code, adjustment=args.adjustment,
                          sheet=args.sheet)
    except PriceError as e:
        raise CLIError(str(e)) from None
    info = rep.info
    if args.json:
        _print_json({"file": str(info.path), "layout": info.layout, "sheet": info.sheet,
                     "header_row": info.header_row, "adjustment": info.adjustment,
                     "code_from": info.code_from, "skipped_rows": info.skipped, "notes": info.notes,
                     "results": [{"code": r.code, "adjustment": r.adjustment, "rows_added": r.rows_added,
                                  "rows_updated": r.rows_updated, "first_date": r.first_date.isoformat(),
                                  "last_date": r.last_date.isoformat()} for r in rep.results]})
        return 0
    sheet = f", sheet {info.sheet!r}" if info.sheet else ""
    print(f"{info.path.name}: {info.layout} layout{sheet}, header on row {info.header_row}, "
          f"{info.adjustment}, code from {info.code_from}"
          + (f", {info.skipped} blank/footer rows skipped" if info.skipped else ""))
    for note in info.notes:
        print(f"  note: {note}")
    for r in rep.results:
        print(r.line())
    return 0


def _import_folder(args: argparse.Namespace) -> int:
    from app.prices.providers import PriceError
    from app.prices.service import import_folder

    desk = _desk(args)
    try:
        rep = import_folder(desk.store, args.items[0], adjustment=args.adjustment)
    except PriceError as e:
        raise CLIError(str(e)) from None
    if args.json:
        _print_json({"folder": str(rep.folder), "files": [
            {"file": str(p), "error": err or None,
             "results": [{"code": r.code, "rows_added": r.rows_added, "rows_updated": r.rows_updated,
                          "first_date": r.first_date.isoformat(), "last_date": r.last_date.isoformat()}
                         for r in (res.results if res else [])]} for p, res, err in rep.files]})
    else:
        for p, res, err in rep.files:
            rel = p.relative_to(rep.folder)
            if res is None:
                print(f"{rel}: refused: {err}", file=sys.stderr)
            else:
                for r in res.results:
                    print(f"{rel}: {r.line()}")
        print(f"{len(rep.files) - len(rep.failed)} of {len(rep.files)} files imported"
              + (f"; {len(rep.failed)} refused" if rep.failed else ""))
    return 1 if rep.failed else 0


def _fmt(v, nd=2) -> str:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return ""
    if isinstance(v, float):
        return f"{v:,.{nd}f}"
    return str(v)


def _show(args: argparse.Namespace) -> int:
    from app.prices.cache import PriceCache, check_view
    from app.prices.service import price_metrics
    from app.prices.symbols import display_name

    if len(args.items) != 1:
        raise CLIError("prices show CODE (one code)")
    desk = _desk(args)
    code = _resolve(desk, args.items[0])
    cache = PriceCache(desk.store)
    runs = cache.series_info(code)
    fetches = cache.fetches(code, limit=5)
    if not runs:
        msg = f"no prices cached for {code}: download them (main.py prices refresh {code}) " \
              f"or import a file (main.py prices import FILE)"
        if fetches and fetches[0]["status"] != "ok":
            msg += f"; last attempt {fetches[0]['fetched_at']}: {fetches[0]['message']}"
        raise CLIError(msg)
    view = check_view(args.adjustment or "none")
    frame = cache.load(code, view)
    m = price_metrics(desk.store, [code]).iloc[0]
    tail = args.tail if args.tail is not None else (0 if args.json else 10)
    bars = frame if tail <= 0 else frame.tail(tail)
    sec = desk.universe.get(code)
    name = (sec.name_zh_hans + " " + sec.name_en).strip() if sec else display_name(code)
    basis = runs[-1]["basis"]
    if args.json:
        _print_json({
            "code": code, "name": name, "view": frame["adjustment"].iloc[0] if len(frame) else view,
            "basis": basis,
            "sources": [{**r, "first_date": r["first_date"].isoformat(), "last_date": r["last_date"].isoformat()}
                        for r in runs],
            "metrics": {k: (None if isinstance(v, float) and math.isnan(v) else
                            (v.date().isoformat() if hasattr(v, "date") else v))
                        for k, v in m.items()},
            "fetches": fetches,
            "bars": [{"date": d.date().isoformat(), "open": o, "high": h, "low": lo, "close": c,
                      "volume": v, "amount": a}
                     for d, o, h, lo, c, v, a in zip(bars["date"], *(bars[k].map(
                         lambda x: None if x != x else float(x)) for k in
                         ("open", "high", "low", "close", "volume", "amount")))],
        })
        return 0
    total = sum(r["bars"] for r in runs)
    print(f"{code}  {name}")
    print(f"  {total} bars {runs[0]['first_date']} … {runs[-1]['last_date']}"
          + ("" if basis == "none" else f" ({basis}-adjusted prices from a file: no prices as printed)"))
    for r in runs:
        print(f"  {r['first_date']} … {r['last_date']}: {r['bars']} bars from {r['source']}"
              f" (written {r['fetched_at']})")

    def pct(v):
        return "" if v is None or (isinstance(v, float) and math.isnan(v)) else f"{v * 100:+.2f}%"
    print(f"  last {_fmt(m['last'])} ({pct(m['change'])})  1M {pct(m['ret_1m'])}  3M {pct(m['ret_3m'])}"
          f"  YTD {pct(m['ret_ytd'])}  max drawdown 1Y {pct(m['max_drawdown'])}  (total return)")
    shown = {"none": "as printed", "qfq": "forward-adjusted (qfq)", "hfq": "backward-adjusted (hfq)",
             "tr": "total return"}.get(view, view)
    print(f"  bars {shown}:")
    print(table([(d.date().isoformat(), _fmt(o), _fmt(h), _fmt(lo), _fmt(c), _fmt(v, 0), _fmt(a, 0))
                 for d, o, h, lo, c, v, a in zip(bars["date"], bars["open"], bars["high"], bars["low"],
                                                 bars["close"], bars["volume"], bars["amount"])],
                ["date", "open", "high", "low", "close", "volume", "amount"]))
    if fetches:
        f = fetches[0]
        print(f"last fetch {f['fetched_at']} from {f['source']}: {f['status']}"
              + (f" ({f['message']})" if f["message"] else ""))
    return 0
