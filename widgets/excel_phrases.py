"""What ``app.excel`` says of an import (a rejected row's reason, a note, a value, the summary), in
the interface's language: templates of the app's English (see :mod:`widgets.phrases`)."""

from __future__ import annotations

from typing import Any

from widgets.commands import FIELD_TITLES
from widgets.i18n import QT_TRANSLATE_NOOP as _N  # noqa: N814
from widgets.i18n import tr, translate
from widgets.phrases import STORE_ERRORS, Phrases

# app.codes.CodeError reasons
_CODE = Phrases([
    _N("ImportReasons", "a Hong Kong code is 1 to 5 digits"),
    _N("ImportReasons", "a Hong Kong code cannot be 0"),
    _N("ImportReasons", "an A-share code is exactly 6 digits"),
    _N("ImportReasons", "no exchange uses the prefix {prefix}"),
    _N("ImportReasons", "a US ticker is 1 to 6 letters"),
    _N("ImportReasons", "{digits} digits is not a listing code"),
    _N("ImportReasons", "not a listing code in any known format (unknown market {market})"),
    _N("ImportReasons", "not a listing code in any known format"),
    _N("ImportReasons", "empty code"),
    _N("ImportReasons", "not a code"),
    _N("ImportReasons", "{symbol} is a {expected} code, not {market}"),
    _N("ImportReasons", "{symbol} is not a 6-digit A-share code"),
    _N("ImportReasons", "unknown market {market}"),
    _N("ImportReasons", "{symbol} is not a numeric {market} code"),
    _N("ImportReasons", "6 digits, but no exchange uses the prefix {prefix}"),
    _N("ImportReasons", "a bare 1-5 digit number is ambiguous here; add .HK"),
    _N("ImportReasons", "Eastmoney market 0 is Shenzhen/Beijing, but {symbol} is not"),
    _N("ImportReasons", "a bare ticker in letters needs its market (e.g. BABA.US)"),
])


def _listings(text: str) -> str:
    """"0001.HK (not a listing we know) or 000001.SZ (平安银行)" with its words translated."""
    return text.replace(" (not a listing we know)", translate("ImportReasons", " (not a listing we know)")).replace(
        " or ", translate("ImportReasons", " or "))
_WHY = Phrases([
    _N("ImportReasons", "the column's other codes are Hong Kong codes"),
    _N("ImportReasons", "a bare number of up to 5 digits is a Hong Kong code"),
    _N("ImportReasons", "the column mixes Hong Kong and A-share codes"),
])

_OTHER = Phrases([
    _N("ImportReasons", "the name {name} is {listing}"),
    _N("ImportReasons", "{name} is not a name of either"),
    _N("ImportReasons", "{name} is not a name of it"),
])

REASONS = Phrases(
    [
        _N("ImportReasons", "empty code"),
        _N("ImportReasons", "empty name"),
        _N("ImportReasons", "invalid code"),
        _N("ImportReasons", "invalid code: {text}: {error}"),
        _N("ImportReasons", "invalid code {text} (a number with decimals)"),
        _N("ImportReasons", "invalid code {text}: as an A-share it would be {padded}, which no exchange uses"),
        _N("ImportReasons", "invalid code {text}"),
        _N("ImportReasons", "ambiguous market: {text} could be {readings} ({why})"),
        _N("ImportReasons", "ambiguous market: {text} could be {readings}"),
        _N("ImportReasons", "write the code with its market, e.g. 0700.HK"),
        _N("ImportReasons", "spreadsheet software drops a code's leading zeros, so add the company's name in a name "
                            "column, or write the code with its market (e.g. 0700.HK)"),
        _N("ImportReasons", "{code} is a US listing"),
        _N("ImportReasons", "{code} is a US listing ({listing})"),
        _N("ImportReasons", "the desk follows Hong Kong and A-share listings"),
        _N("ImportReasons", "the desk follows HK and A-shares"),
        _N("ImportReasons", "duplicate: {code} is already on row {row}"),
        _N("ImportReasons", "{code} is listed twice in this sheet (rows {rows})"),
        _N("ImportReasons", "unknown name {name}: longer than any company name"),
        _N("ImportReasons", "unknown name {name}"),
        _N("ImportReasons", "{name} is {entity}, an unlisted entity"),
        _N("ImportReasons", "ambiguous name: {name} could be {listed}"),
        _N("ImportReasons", "ambiguous: code {code} with name {name} could be {listed}"),
        _N("ImportReasons", "code and name disagree: code {code} is {said}, but {other}"),
        _N("ImportReasons", "correct the code or the name"),
        _N("ImportReasons", "{code} is not a listing Chainwatch knows (not in the bundled A-share universe nor the "
                            "knowledge base's companies)"),
        _N("ImportReasons", "check the code, or keep it anyway (--keep-unknown)"),
        _N("ImportReasons", "the cell is part of merged cells {cells}, so it is empty here"),
        _N("ImportReasons", "unmerge them and fill in every row"),
        _N("ImportReasons", "the cell has a formula without a calculated value"),
        _N("ImportReasons", "open and save the file in Excel or LibreOffice, or type the value"),
        # notes
        _N("ImportReasons", "columns: {how}"),
        _N("ImportReasons", "header row {n} recognised"),
        _N("ImportReasons", "column {letter} holds codes"),
        _N("ImportReasons", "column {letter} holds company names"),
        _N("ImportReasons", "mapping given"),
        _N("ImportReasons", "column mapping remembered from an earlier import of this layout"),
        _N("ImportReasons", "no known header and no column of codes or names"),
        _N("ImportReasons", "{n} row(s) already in {name} with nothing to change"),
        _N("ImportReasons", "every row was rejected: nothing would be imported (no watchlist {name} is created)"),
        _N("ImportReasons", "read sheet {sheet}"),
        _N("ImportReasons", "also has {sheets} (choose another sheet to import those)"),
        _N("ImportReasons", "{file}, sheet {sheet}, row {row}: footer line skipped: {text}"),
        _N("ImportReasons", "{file}, row {row}: footer line skipped: {text}"),
        _N("ImportReasons", "row {row}: {note}"),
        _N("ImportReasons", "{code} is not a listing Chainwatch knows"),
        _N("ImportReasons", "kept as written"),
        _N("ImportReasons", "hidden sheet {sheet} was not read (unhide it in Excel to import it)"),
        _N("ImportReasons", "read as {encoding} text"),
    ]
    + [t for t, _rx in STORE_ERRORS.templates],
    nested={"error": _CODE, "why": _WHY, "said": _listings, "other": _OTHER, "readings": _listings, "listed": _listings},
    sep=_N("ImportReasons", "; "),
)
REASONS.nested["how"] = REASONS    # "columns: header row 1 recognised"
REASONS.nested["note"] = REASONS

_ACTIONS = {"create": _N("ImportReasons", "create"), "add": _N("ImportReasons", "add"),
            "remove": _N("ImportReasons", "remove"), "update": _N("ImportReasons", "update"),
            "reorder": _N("ImportReasons", "reorder")}
_COUNTS = {"create": _N("ImportReasons", "{n} create"), "add": _N("ImportReasons", "{n} add"),
           "remove": _N("ImportReasons", "{n} remove"), "update": _N("ImportReasons", "{n} update"),
           "reorder": _N("ImportReasons", "{n} reorder")}


def action_label(action: str) -> str:
    m = _ACTIONS.get(action)
    return tr(m) if m is not None else action


def where(file: str | None, sheet: str | None = None, row: int | None = None, column: str | None = None) -> str:
    """"futu.csv, row 5, column A (代码): " in the interface's language (app.limits.where)."""
    from pathlib import Path

    parts = [Path(file).name] if file else []
    if sheet:
        parts.append(translate("ImportReasons", "sheet {sheet}").format(sheet=repr(sheet)))
    if row:
        parts.append(translate("ImportReasons", "row {row}").format(row=row))
    if column:
        parts.append(translate("ImportReasons", "column {column}").format(column=column))
    sep = translate("ImportReasons", ", ")
    return (sep.join(parts) + translate("ImportReasons", ": ")) if parts else ""


def problem(p: Any) -> str:
    """A rejected row or a problem (app.excel.readers.Problem): where, and why."""
    if not hasattr(p, "message"):
        return REASONS(str(p))
    return where(p.file, p.sheet, p.row, p.column) + REASONS(p.message)


def show(v: Any) -> str:
    """A value as the preview shows it (app.excel.importer.show), field names and "(empty)" translated."""
    from app.excel.importer import FIELD_LABELS, show as app_show

    if v is None or v == "" or v == ():
        return translate("ImportReasons", "(empty)")
    if isinstance(v, dict):
        parts = [f"{tr(FIELD_TITLES.get(k, k))} {show(x)}" for k, x in v.items() if k in FIELD_LABELS]
        return translate("ImportReasons", "; ").join(parts) or translate("ImportReasons", "(empty)")
    return app_show(v)


def summary(preview) -> str:
    """"3 update, 1 add, 2 row(s) rejected" (ImportPreview.summary) in the interface's language."""
    counts: dict[str, int] = {}
    for c in preview.changes:
        counts[c.action] = counts.get(c.action, 0) + 1
    parts = [tr(_COUNTS[a]).format(n=n) if a in _COUNTS else f"{n} {a}" for a, n in counts.items()]
    if preview.conflicts:
        parts.append(translate("ImportReasons", "{n} conflict(s)").format(n=len(preview.conflicts)))
    if preview.rejected:
        parts.append(translate("ImportReasons", "{n} row(s) rejected").format(n=len(preview.rejected)))
    if preview.problems:
        parts.append(translate("ImportReasons", "{n} problem(s)").format(n=len(preview.problems)))
    return translate("ImportReasons", ", ").join(parts) if parts else translate("ImportReasons", "no changes")
