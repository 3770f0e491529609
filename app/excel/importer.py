"""Import the app's own workbook back, after a user edited it in Excel or LibreOffice.

The steps, each usable on its own (the GUI shows step 3 and asks before step 4):

1. **parse** -- :func:`parse_workbook` reads the watchlist sheets and the ``Export info`` sheet;
2. **validate** -- the same call checks every cell and lists every problem with its sheet, row
   and column (:attr:`OwnWorkbook.problems`); nothing can be applied while there are any;
3. **preview** -- :func:`preview_workbook` compares three versions of each watchlist: the *base*
   (as exported, recorded in ``Export info``), *mine* (the workbook now) and *theirs* (the store
   now), and lists every change (:class:`Change`: create / add / remove / update / reorder, by
   watchlist, row and field, old -> new). A field the user changed in the workbook that was also
   changed in the app since the export is a :class:`Conflict`, never silently overwritten;
4. **apply** -- :func:`apply_import` applies everything in one transaction, with the caller's
   resolution of each conflict (``{(watchlist, code, field): "mine" | "theirs"}``), and returns
   :class:`UndoInfo`; :func:`revert` puts the affected watchlists back as they were.

Matching rows: by code within a watchlist (the ``id`` column checks it: an id that belongs to
another item, or to no item of this store, is noted and the row is matched by its code). Rows a
user adds need no id. A workbook exported from another store (its ``store_id`` differs), or
imported into another watchlist (``--watchlist NAME``), is *merged*: rows are added and fields
updated, nothing is removed.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping

from sqlalchemy import delete, insert, select, update
from sqlalchemy.engine import Connection

from app.excel.export import (
    FORMAT, FORMAT_VERSION, ITEM_META_COLUMNS, META_SHEET, REFERENCE_SHEETS, STORE_ID_KEY,
    USER_FIELDS, WATCHLIST_META_COLUMNS,
)
from app.excel.foreign import CodeColumn, preview_list
from app.excel.plan import (  # noqa: F401 - re-exported: the preview model lives in app.excel.plan
    FIELD_LABELS, HEADER_ALIASES, Change, Conflict, ConflictKey, ImportPreview, ListPlan, Resolution,
    cell_text, empty_fields, fields_of, header_key, merge_order, normalise_header, parse_user_field,
    same, same_fields, show,
)
from app.excel.readers import (
    Book, Cancelled, ExcelFileError, Problem, Progress, Sheet, column_letter, read_book, restore,
)

class ExcelImportError(Exception):
    """Base for import refusals (a name that does not shadow the builtin ImportError)."""


class ConflictError(ExcelImportError):
    def __init__(self, conflicts: list[Conflict]):
        self.conflicts = conflicts
        lines = "\n".join("  " + c.describe() for c in conflicts[:50])
        more = f"\n  ... and {len(conflicts) - 50} more" if len(conflicts) > 50 else ""
        super().__init__(f"{len(conflicts)} conflict(s) between the workbook and changes made in the "
                         f"app since the export; choose mine or theirs for each:\n{lines}{more}")


class StaleError(ExcelImportError):
    pass


class BlockedError(ExcelImportError):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        lines = "\n".join("  " + str(p) for p in problems[:50])
        more = f"\n  ... and {len(problems) - 50} more" if len(problems) > 50 else ""
        super().__init__(f"nothing was imported: {len(problems)} problem(s) to fix first:\n{lines}{more}")


@dataclass
class UndoInfo:
    """Enough to put every affected watchlist back: see :func:`revert`."""

    created: list[int] = field(default_factory=list)                 # watchlist ids created
    snapshots: dict[int, list[dict]] = field(default_factory=dict)   # wl id -> item rows before
    applied: int = 0                                                  # changes applied
    description: str = ""


# ---- step 1 and 2: parse and validate ------------------------------------------------------------

@dataclass
class SheetRow:
    sheet: str
    row: int                       # spreadsheet row number
    code: str
    item_id: int | None
    fields: dict[str, Any]         # only the user-field columns the sheet has


@dataclass
class WorkbookList:
    sheet: str
    name: str                      # the watchlist's name (from Export info, else the sheet's)
    exported_id: int | None
    rows: list[SheetRow]
    columns: set[str]              # user-field columns present
    protected: set[str] = field(default_factory=set)   # codes of rejected rows: left as they are


@dataclass
class BaseItem:
    item_id: int
    watchlist_id: int
    code: str
    position: int
    fields: dict[str, Any]


@dataclass
class OwnWorkbook:
    path: Path
    meta: dict[str, Any]
    store_id: str | None
    lists: list[WorkbookList]
    base: dict[int, BaseItem]                  # item id -> as exported
    base_lists: dict[int, tuple[str, str]]     # watchlist id -> (name, sheet)
    problems: list[Problem]
    notes: list[str]
    skippable: list[Problem] = field(default_factory=list)   # row-level problems (see ImportPreview)


def is_own_workbook(path: Path | str) -> bool:
    """True when the file is a workbook with our ``Export info`` sheet (cheap: reads the sheet list)."""
    import zipfile

    from app.excel.readers import _workbook_sheets, sniff

    path = Path(path)
    try:
        if sniff(path) != "xlsx":
            return False
        with zipfile.ZipFile(path) as zf:
            return any(e.name == META_SHEET for e in _workbook_sheets(path, zf))
    except (ExcelFileError, zipfile.BadZipFile, OSError, KeyError):
        return False


def _parse_meta(sheet: Sheet) -> tuple[dict, dict]:
    meta: dict[str, Any] = {}
    sections: dict[str, list[dict]] = {}
    current: str | None = None
    header: list[str] | None = None
    for i, r in enumerate(sheet.rows[1:], start=2):
        first = r[0] if r else None
        if isinstance(first, str) and first.startswith("[") and first.endswith("]"):
            current, header = first[1:-1], None
            sections[current] = []
            continue
        if all(v is None for v in r):
            if current is None:
                continue
            current, header = None, None
            continue
        if current is None:
            if isinstance(first, str):
                meta[first] = r[1] if len(r) > 1 else None
            continue
        if header is None:
            header = [str(v) if v is not None else "" for v in r]
            continue
        rec = {h: (r[j] if j < len(r) else None) for j, h in enumerate(header) if h}
        rec["_row"] = i
        sections[current].append(rec)
    return meta, sections


def parse_workbook(path: Path | str, desk=None, *, progress: Progress | None = None,
                   cancelled: Cancelled | None = None, book: Book | None = None,
                   keep_unknown: bool = False) -> OwnWorkbook:
    """Steps 1 and 2: read the watchlist sheets and check every cell (problems listed, not raised).

    With a ``desk``, rows that have a name but no code are resolved by name.

    Raises :class:`ExcelFileError` when the file cannot be read at all, or is not our workbook.
    """
    path = Path(path)

    def choose(entries: list[tuple[str, bool]]) -> list[str]:
        return [n for n, hidden in entries if n == META_SHEET or (not hidden and n not in REFERENCE_SHEETS)]

    if book is None:
        book = read_book(path, sheets=choose, progress=progress, cancelled=cancelled)
    file = path.name
    problems: list[Problem] = []
    notes: list[str] = list(book.notes)
    meta_sheet = book.sheet(META_SHEET)
    if meta_sheet is None:
        raise ExcelFileError(path, f"not a Chainwatch workbook (no {META_SHEET!r} sheet); import it "
                                   "as a list instead")
    meta, sections = _parse_meta(meta_sheet)
    if meta.get("format") != FORMAT:
        raise ExcelFileError(path, f"the {META_SHEET!r} sheet does not describe a Chainwatch workbook "
                                   f"(format {meta.get('format')!r})", sheet=META_SHEET)
    try:
        version = int(meta.get("format_version") or 0)
    except (TypeError, ValueError):
        version = 0
    if version > FORMAT_VERSION:
        raise ExcelFileError(path, f"written by a newer Chainwatch (workbook format {version}; this "
                                   f"program reads up to {FORMAT_VERSION}); update Chainwatch")
    for need, cols in (("watchlists", WATCHLIST_META_COLUMNS), ("items", ITEM_META_COLUMNS)):
        if need not in sections:
            problems.append(Problem(f"the [{need}] section is missing; export the workbook again",
                                    file, META_SHEET))
    base_lists: dict[int, tuple[str, str]] = {}
    by_sheet: dict[str, tuple[int, str]] = {}
    for rec in sections.get("watchlists", []):
        try:
            wid = int(rec.get("watchlist_id"))
        except (TypeError, ValueError):
            problems.append(Problem("bad watchlist_id", file, META_SHEET, rec["_row"]))
            continue
        name = cell_text(rec.get("watchlist"))
        sheet = cell_text(rec.get("sheet"))
        base_lists[wid] = (name, sheet)
        by_sheet[sheet] = (wid, name)
    base: dict[int, BaseItem] = {}
    for rec in sections.get("items", []):
        try:
            iid, wid = int(rec.get("item_id")), int(rec.get("watchlist_id"))
            pos = int(rec.get("position") or 0)
            fields = {f: parse_user_field(f, rec.get(f)) for f in USER_FIELDS}
        except Exception as e:  # noqa: BLE001 - a damaged base row: say where
            problems.append(Problem(f"damaged item record ({e}); export the workbook again", file,
                                    META_SHEET, rec["_row"]))
            continue
        base[iid] = BaseItem(iid, wid, cell_text(rec.get("code")), pos, fields)
    other_sheets = {cell_text(rec.get("sheet")) for rec in sections.get("sheets", [])} - set(by_sheet)

    lists: list[WorkbookList] = []
    seen_sheets = {sh.name for sh in book.sheets if sh.name in by_sheet}
    skippable: list[Problem] = []
    ctx = _SheetContext(desk, base, file, problems, notes, skippable, keep_unknown)
    for sh in book.sheets:
        if sh.name == META_SHEET:
            continue
        if sh.name in by_sheet:
            wid, name = by_sheet[sh.name]
            lists.append(_parse_list_sheet(sh, name, wid, ctx))
        elif sh.name in other_sheets or sh.name in REFERENCE_SHEETS:
            continue
        else:
            hdr = _find_header(sh)
            if hdr is not None and "code" in hdr[1].values():
                # a renamed sheet: its row ids say which exported watchlist it is
                wid = _owner_by_ids(sh, hdr, base)
                if wid is not None and wid in base_lists and base_lists[wid][1] not in seen_sheets:
                    name, old_sheet = base_lists[wid]
                    seen_sheets.add(old_sheet)
                    notes.append(f"sheet {sh.name!r} holds the rows of watchlist {name!r} (exported as "
                                 f"sheet {old_sheet!r}; matched by its row ids): imported into {name!r}")
                    lists.append(_parse_list_sheet(sh, name, wid, ctx))
                    continue
                notes.append(f"sheet {sh.name!r} is not from the export: imported as a new watchlist "
                             f"named {sh.name!r}")
                lists.append(_parse_list_sheet(sh, sh.name, None, ctx))
            elif not sh.empty:
                notes.append(f"sheet {sh.name!r} was ignored (it has no 'code' column)")
    hidden = {n for n, h in book.all_sheets if h}
    for sheet, (wid, name) in by_sheet.items():
        if sheet not in seen_sheets:
            why = "is hidden" if sheet in hidden else "is no longer in the workbook"
            notes.append(f"the sheet of watchlist {name!r} ({sheet!r}) {why}: that watchlist is left "
                         "unchanged")
    return OwnWorkbook(path, meta, cell_text(meta.get("store_id")) or None, lists, base, base_lists,
                       problems, notes, skippable)


@dataclass
class _SheetContext:
    desk: Any
    base: dict
    file: str
    problems: list
    notes: list
    skippable: list
    keep_unknown: bool = False


def _owner_by_ids(sh: Sheet, hdr: tuple[int, dict[int, str]], base: dict[int, BaseItem]) -> int | None:
    """The exported watchlist every row id of a sheet belongs to (None: no ids, or several)."""
    hrow, keys = hdr
    col = next((j for j, k in keys.items() if k == "id"), None)
    if col is None:
        return None
    owners = set()
    for r in sh.rows[hrow + 1:]:
        v = r[col] if col < len(r) else None
        try:
            iid = int(restore(v).strip()) if isinstance(v, str) else int(v) if v is not None else None
        except (TypeError, ValueError):
            continue
        if iid is not None and iid in base:
            owners.add(base[iid].watchlist_id)
    return owners.pop() if len(owners) == 1 else None


def _find_header(sh: Sheet, scan: int = 10) -> tuple[int, dict[int, str]] | None:
    for i, r in enumerate(sh.rows[:scan]):
        keys = {}
        for j, v in enumerate(r):
            k = header_key(v) if isinstance(v, str) else None
            if k and k not in keys.values():
                keys[j] = k
        if "code" in keys.values():
            return i, keys
    return None


def _parse_list_sheet(sh: Sheet, name: str, wid: int | None, ctx: "_SheetContext") -> WorkbookList:
    desk, base, file, problems, notes = ctx.desk, ctx.base, ctx.file, ctx.problems, ctx.notes
    resolver = None
    known: set[str] = {b.code for b in base.values()}
    if desk is not None:
        from app.resolve import Resolver

        resolver = Resolver.for_desk(desk)
        try:
            known |= {c for w in desk.store.watchlists() for c in w.codes}
        except Exception:  # noqa: BLE001 - a store without watchlists (tests with a bare store)
            pass
    protected: set[str] = set()

    def row_problem(p: Problem) -> None:
        problems.append(p)
        ctx.skippable.append(p)

    hdr = _find_header(sh)
    if hdr is None:
        problems.append(Problem("no header row with a 'code' column in the first 10 rows", file, sh.name))
        return WorkbookList(sh.name, name, wid, [], set())
    hrow, keys = hdr
    col_of = {k: j for j, k in keys.items()}
    columns = {k for k in keys.values() if k in USER_FIELDS}
    for f in USER_FIELDS:
        if f not in columns:
            notes.append(f"sheet {sh.name!r} has no {FIELD_LABELS[f]!r} column: {FIELD_LABELS[f]} "
                         "are left as they are")
    header_cells = sh.rows[hrow]

    def colname(j: int) -> str:
        h = header_cells[j] if j < len(header_cells) else None
        return f"{column_letter(j)} ({cell_text(h)})" if h else column_letter(j)

    data_start = hrow + 1
    cj = col_of["code"]
    code_col = CodeColumn.from_cells(header_cells[cj] if cj < len(header_cells) else None,
                                     [r[cj] if cj < len(r) else None for r in sh.rows[data_start:]])
    # merged cells and formulas without a value below the header are errors
    for ref, (r1, c1, r2, c2) in zip(sh.merged, sh.merged_ranges()):
        if r2 > hrow + 1:
            problems.append(Problem(f"merged cells {ref}: a watchlist row needs one value per cell; "
                                    "unmerge them (Home > Merge & Center) and import again", file,
                                    sh.name, r1))
    for ref in sh.formulas_without_value:
        problems.append(Problem(f"cell {ref} has a formula without a calculated value; open the file "
                                "in Excel or LibreOffice and save it, or type the value", file, sh.name))
    rows: list[SheetRow] = []
    seen: dict[str, int] = {}
    from app.store import StoreError

    for i in range(data_start, len(sh.rows)):
        r = sh.rows[i]
        rowno = i + 1
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in r):
            continue
        get = lambda k: (r[col_of[k]] if k in col_of and col_of[k] < len(r) else None)  # noqa: E731
        ok = True
        raw_id = get("id")
        item_id = None
        if raw_id is not None:
            try:
                item_id = int(restore(raw_id).strip()) if isinstance(raw_id, str) else int(raw_id)
                if isinstance(raw_id, float) and not raw_id.is_integer():
                    raise ValueError
            except (TypeError, ValueError):
                row_problem(Problem(f"id {raw_id!r} is not a row id (leave it empty on rows you "
                                    "add)", file, sh.name, rowno, colname(col_of["id"]), raw_id))
                ok = False
        if resolver is not None:
            res = resolver.resolve(get("code"), get("name"), code_col, keep_unknown=ctx.keep_unknown,
                                   known=known)
            code, reason = res.code, res.reason
            if res.note:
                notes.append(f"sheet {sh.name!r} row {rowno}: {res.note}")
        else:
            code, reason = code_col.resolve(get("code"))
        if code is None:
            col = colname(cj) if get("code") is not None or "name" not in col_of else colname(col_of["name"])
            row_problem(Problem(reason or "empty code", file, sh.name, rowno, col,
                                get("code") if get("code") is not None else get("name")))
            ok = False
        fields: dict[str, Any] = {}
        for f in columns:
            try:
                fields[f] = parse_user_field(f, get(f))
            except StoreError as e:
                row_problem(Problem(str(e), file, sh.name, rowno, colname(col_of[f]), get(f)))
                ok = False
        if code is not None:
            if code in seen:
                row_problem(Problem(f"{code} is listed twice in this sheet (rows {seen[code]} and "
                                    f"{rowno}); delete one", file, sh.name, rowno, colname(cj)))
                ok = False
            else:
                seen[code] = rowno
        if item_id is not None and code is not None and ok:
            b = base.get(item_id)
            if b is None or b.watchlist_id != wid or b.code != code:
                notes.append(f"sheet {sh.name!r} row {rowno}: id {item_id} does not belong to "
                             f"{code} in this watchlist; the row is matched by its code")
                item_id = None
        if ok:
            rows.append(SheetRow(sh.name, rowno, code, item_id, fields))
        else:
            # a rejected row is left as it is in the store when the rest is applied
            if code is not None:
                protected.add(code)
            if item_id is not None and item_id in base:
                protected.add(base[item_id].code)
            elif raw_id is not None:
                try:
                    b = base.get(int(restore(raw_id).strip()) if isinstance(raw_id, str) else int(raw_id))
                except (TypeError, ValueError):
                    b = None
                if b is not None:
                    protected.add(b.code)
    return WorkbookList(sh.name, name, wid, rows, columns, protected)


# ---- step 3: preview --------------------------------------------------------------------------

def _store_lists(store) -> dict[int, Any]:
    return {w.id: w for w in store.watchlists()}


def preview_workbook(desk_or_store, wb: OwnWorkbook, watchlist: str | None = None) -> ImportPreview:
    """Step 3: every change the import would make, and every conflict. Changes nothing."""
    store = getattr(desk_or_store, "store", desk_or_store)
    pv = ImportPreview(wb.path, "workbook", problems=list(wb.problems), notes=list(wb.notes),
                       skippable=list(wb.skippable))
    same_store = wb.store_id is not None and wb.store_id == store.get_meta(STORE_ID_KEY)
    if not same_store:
        pv.notes.append("this workbook was exported from another Chainwatch store (or an older "
                        "one): rows are matched by code, fields are updated and nothing is removed")
    lists = wb.lists
    current = _store_lists(store)
    by_name = {w.name: w for w in current.values()}
    targets: list[tuple[WorkbookList, str, Any, bool]] = []  # (list, target name, store wl, merge)
    if watchlist is not None:
        pick = [wl for wl in lists if wl.name == watchlist] or [wl for wl in lists if wl.sheet == watchlist]
        if not pick and len(lists) == 1:
            pick = lists
        if not pick:
            have = ", ".join(repr(wl.name) for wl in lists) or "none"
            pv.problems.append(Problem(f"the workbook has no watchlist {watchlist!r} (it has {have})",
                                       wb.path.name))
            return pv
        wl = pick[0]
        target = by_name.get(watchlist)
        merge = not (same_store and target is not None and wl.exported_id == target.id)
        if wl.name != watchlist:
            pv.notes.append(f"sheet {wl.sheet!r} (watchlist {wl.name!r}) is imported into "
                            f"{watchlist!r}: rows are added or updated, nothing is removed")
        targets.append((wl, watchlist, target, merge))
    else:
        for wl in lists:
            target = None
            if same_store and wl.exported_id is not None:
                target = current.get(wl.exported_id)
                if target is not None and target.name != wl.name:
                    pv.notes.append(f"watchlist {wl.name!r} was renamed {target.name!r} in the app "
                                    "since the export; its sheet is imported into it")
            if target is None:
                target = by_name.get(wl.name)
            # three-way (with the exported base) only for our own export of an existing list
            merge = not same_store or wl.exported_id is None or target is None
            targets.append((wl, target.name if target is not None else wl.name, target, merge))
    names = [t[1] for t in targets]
    dup = {n for n in names if names.count(n) > 1}
    if dup:
        pv.problems.append(Problem(f"several sheets import into the same watchlist {sorted(dup)}",
                                   wb.path.name))
        return pv
    for wl, name, target, merge in targets:
        plan, changes, conflicts = _plan_list(wb, wl, name, target, merge)
        pv.plans.append(plan)
        pv.changes += changes
        pv.conflicts += conflicts
        pv.accepted += len(wl.rows)
    return pv


def _plan_list(wb: OwnWorkbook, wl: WorkbookList, name: str, target, merge: bool
               ) -> tuple[ListPlan, list[Change], list[Conflict]]:
    theirs = {it.code: fields_of(it) for it in (target.items if target else [])}
    theirs_order = [it.code for it in (target.items if target else [])]
    base_items = [] if merge else sorted((b for b in wb.base.values() if b.watchlist_id == wl.exported_id),
                                         key=lambda b: b.position)
    base = {b.code: b.fields for b in base_items}
    base_order = [b.code for b in base_items]
    mine = {r.code: r for r in wl.rows}
    mine_order = [r.code for r in wl.rows]
    plan = ListPlan(name, target.id if target else None, theirs, theirs_order, mine_order=mine_order)
    changes: list[Change] = []
    conflicts: list[Conflict] = []
    if target is None:
        changes.append(Change("create", name))

    def full(row: SheetRow, fallback: Mapping[str, Any] | None) -> dict:
        f = dict(fallback) if fallback else empty_fields()
        f.update(row.fields)
        return f

    for code in list(dict.fromkeys(mine_order + theirs_order + base_order)):
        b, m, t = base.get(code), mine.get(code), theirs.get(code)
        if m is not None and t is None:
            if b is None:
                plan.adds[code] = full(m, None)
                changes.append(Change("add", name, code, None, None,
                                      {k: v for k, v in plan.adds[code].items() if k in m.fields},
                                      m.sheet, m.row))
            else:
                mine_full = full(m, b)
                if same_fields(mine_full, b):
                    continue  # removed in the app since the export, untouched in the workbook
                c = Conflict(name, code, "item", b, mine_full, None,
                             "edited in the workbook, but removed from the watchlist in the app since "
                             "the export (mine: add it back with the workbook's fields; theirs: leave "
                             "it out)", m.sheet, m.row)
                conflicts.append(c)
                plan.on_mine[c.key] = ("add", code, mine_full)
        elif m is not None and t is not None:
            for f in USER_FIELDS:
                if f not in m.fields:
                    continue
                mv, tv = m.fields[f], t[f]
                if same(f, mv, tv):
                    continue
                if b is not None:
                    bv = b[f]
                    if same(f, mv, bv):
                        continue  # the app changed it; the workbook did not
                    if same(f, tv, bv):
                        plan.updates.setdefault(code, {})[f] = mv
                        changes.append(Change("update", name, code, f, tv, mv, m.sheet, m.row))
                    else:
                        c = Conflict(name, code, f, bv, mv, tv, "changed in both", m.sheet, m.row)
                        conflicts.append(c)
                        plan.on_mine[c.key] = ("update", code, f, mv)
                elif merge:
                    plan.updates.setdefault(code, {})[f] = mv
                    changes.append(Change("update", name, code, f, tv, mv, m.sheet, m.row))
                elif mv in ("", (), None):
                    continue
                else:
                    c = Conflict(name, code, f, None, mv, tv, "added in both", m.sheet, m.row)
                    conflicts.append(c)
                    plan.on_mine[c.key] = ("update", code, f, mv)
        elif m is None and t is not None and b is not None and not merge:
            if code in wl.protected:
                continue  # its row was rejected: left as it is
            if same_fields(t, b):
                plan.removes.append(code)
                changes.append(Change("remove", name, code, None, t, None))
            else:
                c = Conflict(name, code, "item", b, None, t,
                             "deleted in the workbook, but changed in the app since the export "
                             "(mine: remove it; theirs: keep it)")
                conflicts.append(c)
                plan.on_mine[c.key] = ("remove", code)
    if not merge and base_order:
        common_m = [c for c in mine_order if c in base]
        common_b = [c for c in base_order if c in mine]
        plan.reordered = common_m != common_b
    new_order = plan.final_order({})
    new_set = set(new_order)
    kept_old = [c for c in theirs_order if c in new_set]
    kept_new = [c for c in new_order if c in theirs]
    if kept_old != kept_new:
        changes.append(Change("reorder", name, None, "order", theirs_order, new_order))
    return plan, changes, conflicts


# ---- step 4: apply, and undo ---------------------------------------------------------------

def apply_import(store, preview: ImportPreview, resolutions: Mapping[ConflictKey, str] | None = None,
                 *, default: str | None = None, skip_rejected: bool = False) -> UndoInfo:
    """Step 4: apply the preview in one transaction. Returns what :func:`revert` needs.

    ``resolutions`` maps each conflict's key ``(watchlist, code, field)`` to ``"mine"`` (the
    workbook's value) or ``"theirs"`` (keep the store's); ``default`` resolves the rest. An
    unresolved conflict raises :class:`ConflictError`; a file with problems raises
    :class:`BlockedError`; a store that changed since the preview raises :class:`StaleError`.
    Nothing is written in any of those cases. ``skip_rejected``: when every problem is one row
    (:attr:`ImportPreview.can_skip`), leave those rows as they are in the store and apply the rest.
    """
    if preview.needs_mapping is not None:
        raise BlockedError([Problem("the columns need mapping first", preview.path.name)])
    if preview.problems and not (skip_rejected and preview.can_skip):
        raise BlockedError(preview.problems)
    choices: dict[ConflictKey, str] = {}
    unresolved = []
    for c in preview.conflicts:
        choice = (resolutions or {}).get(c.key) or default
        if choice not in ("mine", "theirs"):
            unresolved.append(c)
        else:
            choices[c.key] = choice
    if unresolved:
        raise ConflictError(unresolved)
    with store.write() as conn:
        undo = apply_changes(conn, store, preview.plans, choices)
    undo.description = f"import {preview.path.name}"
    return undo


def _item_rows(conn: Connection, wl_id: int) -> list[dict]:
    from app.store import items_t

    return [dict(r) for r in conn.execute(select(items_t).where(items_t.c.watchlist_id == wl_id)
                                          .order_by(items_t.c.position, items_t.c.id)).mappings()]


def _row_fields(r: Mapping) -> dict:
    return {"notes": r["notes"] or "", "tags": tuple(json.loads(r["tags"] or "[]")),
            "rating": r["rating"], "target_price": r["target_price"]}


def apply_changes(conn: Connection, store, plans: Iterable[ListPlan],
                  choices: Mapping[ConflictKey, str] | None = None) -> UndoInfo:
    """Carry out plans on an open write transaction (the caller owns it). Returns undo info."""
    from app.store import _now, items_t, watchlists_t

    choices = choices or {}
    plans = list(plans)
    undo = UndoInfo()
    # check everything first: the store must be as the preview saw it
    for k, plan in enumerate(plans):
        if plan.wl_id is None:
            clash = conn.execute(select(watchlists_t.c.id).where(watchlists_t.c.name == plan.name)).scalar()
            if clash is not None:
                raise StaleError(f"a watchlist named {plan.name!r} was created since the preview; "
                                 "preview the import again")
            continue
        if conn.execute(select(watchlists_t.c.id).where(watchlists_t.c.id == plan.wl_id)).scalar() is None:
            raise StaleError(f"watchlist {plan.name!r} was deleted since the preview; preview again")
        rows = _item_rows(conn, plan.wl_id)
        now = {r["code"]: _row_fields(r) for r in rows}
        if set(now) != set(plan.theirs) or any(not same_fields(now[c], plan.theirs[c]) for c in now):
            raise StaleError(f"watchlist {plan.name!r} changed since the preview; preview the import "
                             "again")
        undo.snapshots[plan.wl_id] = rows
    stamp = _now()
    for plan in plans:
        if plan.wl_id is None:
            wl_id = store._create_watchlist(conn, plan.name)
            undo.created.append(wl_id)
            undo.applied += 1
        else:
            wl_id = plan.wl_id
        removes = list(plan.removes)
        adds = dict(plan.adds)
        updates = {c: dict(f) for c, f in plan.updates.items()}
        for key, op in plan.on_mine.items():
            if choices.get(key) != "mine":
                continue
            if op[0] == "update":
                updates.setdefault(op[1], {})[op[2]] = op[3]
            elif op[0] == "remove":
                removes.append(op[1])
            elif op[0] == "add":
                adds[op[1]] = op[2]
        store._lock_list(conn, wl_id)  # team mode: the list's lock before any item row (no deadlock)
        if removes:
            conn.execute(delete(items_t).where(items_t.c.watchlist_id == wl_id,
                                               items_t.c.code.in_(removes)))
            undo.applied += len(removes)
        for code, f in updates.items():
            values = dict(f)
            if "tags" in values:
                values["tags"] = json.dumps(list(values["tags"]), ensure_ascii=False)
            conn.execute(update(items_t).where(items_t.c.watchlist_id == wl_id, items_t.c.code == code)
                         .values(updated_at=stamp, version=items_t.c.version + 1, updated_by=store.user,
                                 **values))
            undo.applied += len(f)
        if adds:
            store._add_items(conn, wl_id, list(adds), fields=adds)
            undo.applied += len(adds)
        order = plan.final_order(choices)
        store._renumber(conn, wl_id, order)
    return undo


def revert(store, undo: UndoInfo) -> None:
    """Undo an import: every affected watchlist goes back to exactly what it was, in one transaction."""
    from app.store import items_t, watchlists_t

    with store.write() as conn:
        for wl_id in undo.created:
            conn.execute(delete(items_t).where(items_t.c.watchlist_id == wl_id))
            conn.execute(delete(watchlists_t).where(watchlists_t.c.id == wl_id))
        for wl_id, rows in undo.snapshots.items():
            if conn.execute(select(watchlists_t.c.id).where(watchlists_t.c.id == wl_id)).scalar() is None:
                continue  # the watchlist was deleted since; nothing to put back into
            conn.execute(delete(items_t).where(items_t.c.watchlist_id == wl_id))
            if not rows:
                continue
            taken = {r for (r,) in conn.execute(select(items_t.c.id).where(
                items_t.c.id.in_([x["id"] for x in rows])))}
            conn.execute(insert(items_t), [
                {k: v for k, v in x.items() if not (k == "id" and v in taken)} for x in rows])


# ---- one call for the GUI and the CLI ---------------------------------------------------------

def preview_import(desk, path: Path | str, *, watchlist: str | None = None, mapping: Any = None,
                   sheet: str | None = None, remember: bool = True,
                   progress: Progress | None = None, cancelled: Cancelled | None = None,
                   mappings_file: Path | None = None, keep_unknown: bool = False) -> ImportPreview:
    """Steps 1-3 for any file: our own workbook (three-way) or another tool's list.

    Raises :class:`ExcelFileError` for a file that cannot be read; everything else (bad cells,
    rejected rows, columns to map, conflicts) is in the returned preview. ``keep_unknown``: codes
    that exist nowhere (universe, knowledge base) are kept as written instead of rejected.
    """
    path = Path(path)
    if is_own_workbook(path):
        wb = parse_workbook(path, desk, progress=progress, cancelled=cancelled,
                            keep_unknown=keep_unknown)
        return preview_workbook(desk, wb, watchlist=watchlist)
    return preview_list(desk, path, watchlist=watchlist, mapping=mapping, sheet=sheet,
                        remember=remember, progress=progress, cancelled=cancelled,
                        mappings_file=mappings_file, keep_unknown=keep_unknown)


__all__ = [
    "BlockedError", "Change", "Conflict", "ConflictError", "ImportPreview", "ListPlan", "OwnWorkbook",
    "StaleError", "UndoInfo", "apply_changes", "apply_import", "is_own_workbook", "parse_workbook",
    "preview_import", "preview_workbook", "revert",
]
