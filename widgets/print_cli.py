"""``python main.py print FILE.pdf [--watchlist NAME] [--theme ID] [--paper A4|Letter] [--landscape]
[--sections ...]``: the printed summary, headless.

Qt is imported only inside the command (the rest of the command line stays Qt-free); with no
display, Qt runs on the offscreen platform.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from app.printing.options import ALL_SECTIONS, PAPERS, SECTIONS, OptionsError, PrintOptions, parse_sections


def add_commands(add) -> None:
    sp = add("print", cmd_print, "print a watchlist (or theme) summary to a PDF file")
    sp.add_argument("file", help="the PDF file to write (replaced if it exists)")
    sp.add_argument("--watchlist", metavar="NAME",
                    help="watchlist to print (default: the report-names list, or the theme's companies)")
    sp.add_argument("--theme", metavar="ID", action="append",
                    help="theme id (repeatable). Alone: the theme's companies; with --watchlist: "
                         "only the list's members of the theme. See: main.py themes")
    sp.add_argument("--paper", default="A4", type=_paper, help=f"{' or '.join(PAPERS)} (default A4)")
    sp.add_argument("--landscape", action="store_true", help="landscape (default portrait)")
    sp.add_argument("--sections", nargs="+", metavar="SECTION",
                    help=f"parts to print, any of: {', '.join(SECTIONS)} or all (comma- or "
                         "space-separated; default: companies, charts, evidence, plus themes and "
                         "chains with --theme)")
    sp.add_argument("--title", help="title printed on top (default: 'Watchlist summary' etc.)")
    sp.add_argument("--prices", metavar="CSV",
                    help="prices to print: a CSV with columns code, last, change_pct, as_of")


def _paper(value: str) -> str:
    try:
        return PrintOptions(paper=value).paper
    except OptionsError as e:
        raise argparse.ArgumentTypeError(str(e)) from None


def _use_offscreen_without_display() -> None:
    """No X11/Wayland display (a server, CI, ssh): let Qt render offscreen."""
    if sys.platform.startswith(("win", "darwin")):
        return
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def cmd_print(args: argparse.Namespace) -> int:
    from app.cli import CLIError, _desk
    from app.printing.summary import SummaryError, build_summary, price_lookup_from_csv

    out = Path(args.file)
    if out.suffix.lower() != ".pdf":
        raise CLIError(f"{out}: the output must be a .pdf file")
    if out.is_dir():
        raise CLIError(f"{out} is a folder; give a file name")
    if not out.parent.exists():
        raise CLIError(f"folder {out.parent} does not exist")
    try:
        sections = parse_sections(args.sections) if args.sections or not args.theme else ALL_SECTIONS
    except OptionsError as e:
        raise CLIError(str(e)) from None
    options = PrintOptions(paper=args.paper, orientation="landscape" if args.landscape else "portrait",
                           sections=sections)
    lookup = None
    if args.prices:
        try:
            lookup = price_lookup_from_csv(args.prices)
        except (OSError, ValueError) as e:
            raise CLIError(f"--prices: {e}") from None

    desk = _desk(args)
    try:
        summary = build_summary(desk, watchlist=args.watchlist, theme=args.theme,
                                price_lookup=lookup, sections=ALL_SECTIONS, title=args.title)
        if lookup is None:  # prices from the cache, where there are any
            from app.prices.service import price_lookup_from_cache
            lookup = price_lookup_from_cache(desk.store, [r.code for r in summary.rows])
            if lookup is not None:
                summary = build_summary(desk, watchlist=args.watchlist, theme=args.theme,
                                        price_lookup=lookup, sections=ALL_SECTIONS, title=args.title)
    except SummaryError as e:
        raise CLIError(str(e).strip('"')) from None

    _use_offscreen_without_display()
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])  # noqa: F841 - kept alive
    from widgets.printing import export_pdf

    if lookup is not None and "charts" in sections:
        from widgets.print_charts import basket_chart_image
        made = basket_chart_image(desk, [r.code for r in summary.rows], summary.title)
        if made is not None:
            summary.add_chart("Equal-weight basket of the companies above", made[0], made[1])

    res = export_pdf(out, summary, options)
    n_themes = len(summary.themes) if {"themes", "chains"} & set(sections) else 0
    font = res.font or "none (Chinese will not render; install fonts-noto-cjk)"
    print(f"wrote {res.path}: {res.pages} page{'s' if res.pages != 1 else ''}, {res.paper} "
          f"{res.orientation}, {len(summary.rows)} companies, {n_themes} theme section{'s' if n_themes != 1 else ''}; "
          f"font {font}")
    return 0
