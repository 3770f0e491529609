"""``main.py export`` and ``main.py import``."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path


def cmd_export(args: argparse.Namespace) -> int:
    from app.cli import CLIError, _desk
    from app.excel.export import export_workbook
    from app.excel.readers import CancelledError

    desk = _desk(args)
    path = Path(args.file)
    if path.suffix and path.suffix.lower() != ".xlsx":
        raise CLIError(f"{path.name}: the export is an .xlsx workbook; name the file *.xlsx")
    try:
        res = export_workbook(desk, path, args.watchlist, language=getattr(args, "headers", "en"))
    except CancelledError:  # pragma: no cover - no way to cancel from the command line
        return 1
    print(f"wrote {res.path}: {len(res.watchlists)} watchlist(s), {res.items} item(s), "
          f"{len(res.sheets)} sheets")
    for w in res.warnings:
        print(f"warning: {w}", file=sys.stderr)
    return 0


# exit status of `import`: 0 all rows imported (or nothing to change), 1 nothing imported (an
# error, problems, or every row rejected), 3 imported, but some rows were rejected and left out
EXIT_ROWS_REJECTED = 3


def _out(text: str, file=None) -> None:
    from app.limits import printable

    print(printable(text), file=file or sys.stdout)


def cmd_import(args: argparse.Namespace) -> int:
    from app.cli import CLIError, _desk
    from app.excel.foreign import ColumnMapping
    from app.excel.importer import BlockedError, ConflictError, StaleError, apply_import
    from app.excel.preview import preview_import
    from app.excel.readers import ExcelFileError

    if args.mine and args.theirs:
        raise CLIError("--mine and --theirs exclude each other")
    desk = _desk(args)
    mapping = None
    if args.map:
        try:
            mapping = ColumnMapping.parse(args.map)
        except ValueError as e:
            raise CLIError(str(e)) from None
    try:
        # a dry run saves nothing: not even the column mapping
        pv = preview_import(desk, Path(args.file), watchlist=args.watchlist, mapping=mapping,
                            sheet=args.sheet, remember=not args.dry_run,
                            keep_unknown=args.keep_unknown)
    except ExcelFileError as e:
        raise CLIError(f"{e} (nothing was imported)") from None
    if pv.needs_mapping is not None:
        raise CLIError(pv.needs_mapping.describe() + "\n(use --map; nothing was imported)")
    skipping = False
    if pv.problems:
        if args.skip_rejected and pv.can_skip:
            skipping = True
        else:
            lines = "\n".join("  " + str(p) for p in pv.problems[:200])
            more = f"\n  ... and {len(pv.problems) - 200} more" if len(pv.problems) > 200 else ""
            hint = (f"\n(rerun with --skip-rejected to leave these {len(pv.problems)} row(s) as they are "
                    "and import the rest)") if pv.can_skip else ""
            raise CLIError(f"{len(pv.problems)} problem(s) in {Path(args.file).name}; nothing was "
                           f"imported:\n{lines}{more}{hint}")
    _out(pv.report())
    rejected = len(pv.rejected) + (len(pv.problems) if skipping else 0)
    if rejected and not pv.plans:
        raise CLIError(f"every row of {Path(args.file).name} was rejected ({rejected}); nothing was "
                       "imported")
    status = EXIT_ROWS_REJECTED if rejected else 0
    if args.dry_run:
        _out("\n(dry run: nothing was changed" + (f"; {rejected} row(s) would be left out)" if rejected
                                                  else ")"))
        return status
    if not pv.changes and not pv.conflicts:
        _out("\nnothing to change")
        return status
    default = "mine" if args.mine else "theirs" if args.theirs else None
    try:
        undo = apply_import(desk.store, pv, default=default, skip_rejected=skipping)
    except ConflictError as e:
        raise CLIError(f"{e}\nrerun with --mine (take the workbook's values) or --theirs (keep the "
                       "app's); nothing was imported") from None
    except (BlockedError, StaleError) as e:
        raise CLIError(str(e)) from None
    _out(f"\nimported: {undo.applied} change(s) applied"
         + (f"; {rejected} rejected row(s) left out (exit status {EXIT_ROWS_REJECTED})" if rejected else ""))
    return status


def add_commands(add) -> None:
    sp = add("export", cmd_export, "export watchlists, companies, themes, chain, evidence and figures "
             "to an .xlsx workbook")
    sp.add_argument("file", help="the workbook to write (.xlsx)")
    sp.add_argument("--watchlist", help="only this watchlist (default: all)")
    sp.add_argument("--headers", choices=("en", "zh_CN", "zh_TW"), default="en",
                    help="the watchlist sheets' headers in English, 简体中文 or 繁體中文 (each imports back)")

    sp = add("import", cmd_import, "import a workbook exported by Chainwatch (after edits) or a list "
             "from Wind / iFinD / Choice / 同花顺 / Futu / Yahoo / Bloomberg (.xlsx, .xlsm, .xls, .ods, .csv, HTML tables); exit status 3 when rows were rejected")
    sp.add_argument("file")
    sp.add_argument("--watchlist", help="the watchlist to import into (created when missing; for a "
                    "list, default: the file's name)")
    sp.add_argument("--dry-run", action="store_true", help="print the preview and change nothing")
    sp.add_argument("--mine", action="store_true", help="resolve every conflict with the workbook's value")
    sp.add_argument("--theirs", action="store_true", help="resolve every conflict keeping the app's value")
    sp.add_argument("--sheet", help="for a list: the sheet to read (default: the first non-empty one)")
    sp.add_argument("--map", metavar="SPEC", help="for a list whose columns are not recognised: e.g. "
                    "code=B,name=C,notes=F,header=3 (remembered for files of the same layout, except "
                    "with --dry-run)")
    sp.add_argument("--skip-rejected", action="store_true", help="for our own workbook: leave the rows "
                    "with problems as they are in the app and import the rest")
    sp.add_argument("--keep-unknown", action="store_true", help="keep codes that are in neither the "
                    "bundled universe nor the knowledge base (default: such rows are rejected)")
