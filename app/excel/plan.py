"""What importing a file would do, whoever read it: the preview model and the cell values.

Shared by :mod:`app.excel.importer` (the app's own workbook) and :mod:`app.excel.foreign`
(another tool's list), so that neither needs the other to describe a change: the header
aliases, :class:`Change`, :class:`Conflict`, :class:`ListPlan`, :class:`ImportPreview`, and how
a cell becomes a user field (:func:`parse_user_field`) or is shown (:func:`show`).
"""
from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from app.excel.export import USER_FIELDS
from app.excel.readers import Problem, restore

Resolution = str  # "mine" | "theirs"
ConflictKey = tuple[str, str, str]

FIELD_LABELS = {"notes": "notes", "tags": "tags", "rating": "rating", "target_price": "target price",
                "item": "row", "order": "order"}

# Header aliases for watchlist sheets (compared after normalise_header)
HEADER_ALIASES = {
    "id": {"id", "itemid", "rowid", "编号", "序号id"},
    "code": {"code", "代码", "证券代码", "股票代码", "symbol", "ticker", "securitycode", "stockcode"},
    "name": {"name", "名称", "简称", "证券简称", "股票简称", "股票名称", "证券名称", "name简体",
             "公司名称", "companyname", "securityname"},
    "notes": {"notes", "note", "备注", "笔记", "注释", "comment", "comments", "memo"},
    "tags": {"tags", "tag", "标签"},
    "rating": {"rating", "评级", "评分", "星级"},
    "target_price": {"targetprice", "target", "目标价", "目标价格", "pricetarget", "tp"},
}


def normalise_header(h: Any) -> str:
    """The key two spellings of one header share (script, case, spaces, punctuation folded)."""
    import re

    from app.text import fold

    if h is None:
        return ""
    t = fold(restore(str(h)))
    return re.sub(r"[\W_]+", "", t)


def header_key(h: Any) -> str | None:
    n = normalise_header(h)
    for key, names in HEADER_ALIASES.items():
        if n in names:
            return key
    return None


# ---- the preview model (shared with foreign lists) ---------------------------------------------

@dataclass(frozen=True)
class Change:
    action: str                  # create | add | remove | update | reorder
    watchlist: str
    code: str | None = None
    field: str | None = None
    old: Any = None
    new: Any = None
    sheet: str | None = None
    row: int | None = None

    def describe(self) -> str:
        where = f" (sheet {self.sheet!r}, row {self.row})" if self.sheet and self.row else ""
        if self.action == "create":
            return f"create watchlist {self.watchlist!r}"
        if self.action == "add":
            extra = ", ".join(f"{FIELD_LABELS[k]}={show(v)}" for k, v in (self.new or {}).items()
                              if v not in (None, "", ()))
            return f"{self.watchlist}: add {self.code}{' with ' + extra if extra else ''}{where}"
        if self.action == "remove":
            return f"{self.watchlist}: remove {self.code}"
        if self.action == "update":
            return (f"{self.watchlist}: {self.code} {FIELD_LABELS.get(self.field or '', self.field)}: "
                    f"{show(self.old)} -> {show(self.new)}{where}")
        if self.action == "reorder":
            return f"{self.watchlist}: new order ({len(self.new or [])} items)"
        return f"{self.action} {self.watchlist} {self.code}"


@dataclass(frozen=True)
class Conflict:
    watchlist: str
    code: str
    field: str                   # a user field, or "item" (the row itself)
    base: Any
    mine: Any                    # the workbook's value (for "item": its fields, or None = deleted)
    theirs: Any                  # the store's value now (for "item": its fields, or None = removed)
    reason: str
    sheet: str | None = None
    row: int | None = None

    @property
    def key(self) -> ConflictKey:
        return (self.watchlist, self.code, self.field)

    def describe(self) -> str:
        where = f" (sheet {self.sheet!r}, row {self.row})" if self.sheet and self.row else ""
        if self.field == "item":
            return f"{self.watchlist}: {self.code}: {self.reason}{where}"
        return (f"{self.watchlist}: {self.code} {FIELD_LABELS.get(self.field or '', self.field)}: "
                f"exported {show(self.base)}, workbook {show(self.mine)}, app now {show(self.theirs)}"
                f"{where}")


@dataclass
class ListPlan:
    """What importing does to one watchlist (computed by the preview, carried out by apply)."""

    name: str
    wl_id: int | None                       # None: the watchlist is created
    theirs: dict[str, dict]                 # code -> user fields in the store at preview time
    theirs_order: list[str]
    adds: dict[str, dict] = field(default_factory=dict)      # code -> user fields
    removes: list[str] = field(default_factory=list)
    updates: dict[str, dict] = field(default_factory=dict)   # code -> {field: new}
    mine_order: list[str] = field(default_factory=list)
    reordered: bool = False                 # the user reordered rows: the workbook order wins
    place_adds: bool = True                 # put added rows where they stand in the workbook
    # what choosing "mine" does for each conflict: ("update", code, field, value) | ("remove", code)
    # | ("add", code, fields)
    on_mine: dict[ConflictKey, tuple] = field(default_factory=dict)

    def final_order(self, choices: Mapping[ConflictKey, str] | None = None) -> list[str]:
        removes, adds = set(self.removes), dict(self.adds)
        for key, op in self.on_mine.items():
            if (choices or {}).get(key) == "mine":
                if op[0] == "remove":
                    removes.add(op[1])
                elif op[0] == "add":
                    adds[op[1]] = op[2]
        final = [c for c in self.theirs_order if c not in removes] + [c for c in adds if c not in self.theirs]
        final_set = set(final)
        if self.reordered:
            return merge_order(self.mine_order, self.theirs_order, final_set)
        if self.place_adds:
            return merge_order([c for c in self.theirs_order if c in final_set], self.mine_order, final_set)
        return final


def merge_order(primary: list[str], secondary: list[str], final: set[str]) -> list[str]:
    """``primary``'s order; codes only ``secondary`` has go right after their predecessor there."""
    out = [c for c in dict.fromkeys(primary) if c in final]
    pos = set(out)
    after: dict[str | None, list[str]] = {}
    placed = set(pos)
    prev: str | None = None
    for c in secondary:
        if c in pos:
            prev = c
        elif c in final and c not in placed:
            after.setdefault(prev, []).append(c)
            placed.add(c)
    if not after:
        return out + [c for c in final if c not in pos]
    result = list(after.get(None, []))
    for c in out:
        result.append(c)
        result.extend(after.get(c, []))
    done = set(result)
    return result + sorted(c for c in final if c not in done)


@dataclass
class ImportPreview:
    """Everything an import would do, and everything wrong with the file. Nothing has changed yet."""

    path: Path
    kind: str                                        # "workbook" (ours) | "list" (another tool's)
    changes: list[Change] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)    # blocking: fix the file first
    rejected: list[Problem] = field(default_factory=list)    # rows left out (lists), with reasons
    # the problems that are about one row each: apply_import(..., skip_rejected=True) leaves those
    # rows as they are in the store and applies the rest
    skippable: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    plans: list[ListPlan] = field(default_factory=list)
    needs_mapping: Any = None                        # foreign.MappingRequest when columns are unknown
    accepted: int = 0                                # rows read successfully

    @property
    def ok(self) -> bool:
        """True when apply can run (conflicts still need resolutions)."""
        return not self.problems and self.needs_mapping is None

    @property
    def can_skip(self) -> bool:
        """True when every problem is one rejected row that can be left out (skip_rejected)."""
        return bool(self.problems) and self.needs_mapping is None and \
            all(p in self.skippable for p in self.problems)

    @property
    def has_changes(self) -> bool:
        return bool(self.changes or self.conflicts)

    def by_watchlist(self) -> dict[str, list[Change]]:
        out: dict[str, list[Change]] = {}
        for c in self.changes:
            out.setdefault(c.watchlist, []).append(c)
        return out

    def summary(self) -> str:
        counts: dict[str, int] = {}
        for c in self.changes:
            counts[c.action] = counts.get(c.action, 0) + 1
        parts = [f"{n} {a}" for a, n in counts.items()]
        if self.conflicts:
            parts.append(f"{len(self.conflicts)} conflict(s)")
        if self.rejected:
            parts.append(f"{len(self.rejected)} row(s) rejected")
        if self.problems:
            parts.append(f"{len(self.problems)} problem(s)")
        return ", ".join(parts) if parts else "no changes"

    def report(self, limit: int = 500) -> str:
        lines = [f"{self.path.name}: {'Chainwatch workbook' if self.kind == 'workbook' else 'list'} "
                 f"-- {self.summary()}"]
        if self.needs_mapping is not None:
            lines.append("\n" + self.needs_mapping.describe())
        if self.problems:
            lines.append("\nProblems (nothing can be imported until they are fixed):")
            lines += ["  " + str(p) for p in self.problems[:limit]]
        if self.changes:
            lines.append("\nChanges:")
            lines += ["  " + c.describe() for c in self.changes[:limit]]
            if len(self.changes) > limit:
                lines.append(f"  ... and {len(self.changes) - limit} more")
        if self.conflicts:
            lines.append("\nConflicts (changed in the workbook and in the app since the export):")
            lines += ["  " + c.describe() for c in self.conflicts[:limit]]
        if self.rejected:
            lines.append("\nRejected rows:")
            lines += ["  " + str(p) for p in self.rejected[:limit]]
            if len(self.rejected) > limit:
                lines.append(f"  ... and {len(self.rejected) - limit} more")
        if self.notes:
            lines.append("\nNotes:")
            lines += ["  " + n for n in self.notes]
        return "\n".join(lines)


# ---- values ---------------------------------------------------------------------------------

def show(v: Any) -> str:
    if v is None or v == "" or v == ():
        return "(empty)"
    if isinstance(v, (tuple, list)):
        return ", ".join(str(x) for x in v)
    if isinstance(v, float):
        return f"{v:g}"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, dict):
        # a row's fields as the user knows them ("rating 4; notes 'x'"), never internal names
        return "; ".join(f"{FIELD_LABELS[k]} {show(x)}" for k, x in v.items() if k in FIELD_LABELS) or "(empty)"
    s = str(v).replace("\n", " / ")
    return repr(s if len(s) <= 60 else s[:59] + "…")


def same(fieldname: str, a: Any, b: Any) -> bool:
    if fieldname == "target_price":
        if a is None or b is None:
            return a is None and b is None
        return math.isclose(float(a), float(b), rel_tol=1e-12, abs_tol=1e-12)
    if fieldname == "tags":
        return tuple(a or ()) == tuple(b or ())
    if fieldname == "notes":
        return (a or "") == (b or "")
    return a == b


def same_fields(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    return all(same(f, a.get(f), b.get(f)) for f in USER_FIELDS)


def empty_fields() -> dict:
    return {"notes": "", "tags": (), "rating": None, "target_price": None}


def cell_text(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, str):
        return restore(v)
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, float):
        return repr(v)
    if isinstance(v, dt.datetime):
        return v.isoformat(sep=" ", timespec="seconds")
    if isinstance(v, dt.date):
        return v.isoformat()
    return str(v)


def parse_user_field(fieldname: str, v: Any) -> Any:
    """A cell's value as a user field; raises StoreError with the reason."""
    from app.store import StoreError, validate_user_fields

    if isinstance(v, str):
        from app.limits import clean_text

        v = clean_text(v)[0]
    if fieldname == "notes":
        return cell_text(v)
    if v is None:
        return () if fieldname == "tags" else None
    if fieldname == "tags":
        # full-width semicolons, ideographic commas and line breaks separate tags too
        t = cell_text(v)
        for sep in ("；", "、", "\n", "\r"):
            t = t.replace(sep, ";")
        return validate_user_fields({"tags": t})["tags"]
    if fieldname == "target_price" and isinstance(v, str) and ("," in v or "，" in v):
        from app.numbers import NumberFormatError, parse_decimal

        try:
            v = parse_decimal(restore(v))
        except NumberFormatError as e:
            raise StoreError(f"target price {e}") from None
    if type(v) is int and (fieldname == "target_price" or 1 <= v <= 5):
        if fieldname == "rating":
            return v
        if v > 0:
            return float(v)
    if type(v) is float and fieldname == "target_price" and 0 < v < float("inf"):
        return v
    if isinstance(v, str):
        v = restore(v).strip()
    if isinstance(v, bool):
        from app.store import StoreError

        raise StoreError(f"{FIELD_LABELS[fieldname]} {v!r} is not a number")
    return validate_user_fields({fieldname: v})[fieldname]


def fields_of(item) -> dict:
    """The user fields of a stored item, as the preview compares them."""
    return {"notes": item.notes, "tags": tuple(item.tags), "rating": item.rating,
            "target_price": item.target_price}

__all__ = [
    "FIELD_LABELS", "HEADER_ALIASES", "Change", "Conflict", "ConflictKey", "ImportPreview", "ListPlan",
    "Resolution", "cell_text", "empty_fields", "fields_of", "header_key", "merge_order", "normalise_header",
    "parse_user_field", "same", "same_fields", "show",
]
