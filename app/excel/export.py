"""Export the desk to one .xlsx workbook an analyst is glad to open, and that imports back exactly.

Sheets, in order:

* one sheet per watchlist (``id``, ``code``, names, themes, chain role and the user fields
  ``notes``, ``tags``, ``rating``, ``target price``; ``added``). ``id`` is the item's id in the
  store: it makes re-import exact; rows a user adds without one are matched by code.
* ``Companies``, ``Themes``, ``Theme members``, ``Supply chain``, ``Evidence``, ``Reports``;
* one sheet per figure table from the reports (``Fig <table name>``);
* ``Export info``: app, versions, export time, the store's id, the watchlists with their ids
  and sheets, and every exported item with its user fields as they were (the base the importer
  compares with, to tell the user's edits from changes made in the app since).

Formatting: frozen header row, autofilter, widths from the content (Chinese counts double).
Codes and all other text are string cells with the text format ``@`` (``0700.HK`` and
``000001.SZ`` keep their zeros, and stay text when edited); numbers are numbers with a number
format; dates are dates. No cell is ever a formula: text that starts with ``= + - @``, tab or CR
(and text that starts with an apostrophe) gets a leading apostrophe (:func:`readers.neutralise`),
which the importer removes again. Characters XML cannot hold are written as ``_xHHHH_``.

The SpreadsheetML is written directly (a fixed style sheet, inline strings, exact floats):
about 6x faster than openpyxl's write-only mode or ``DataFrame.to_excel`` (see
``bench/bench_excel.py``), and every cell's type is ours to decide. The file is written to a
temporary name next to the target and renamed at the end, so a cancelled or failed export
never leaves a half-written workbook. Exporting creates the store's id (``excel_store_id`` in
the meta table) the first time.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import re
import tempfile
import unicodedata
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence

from app.excel.readers import Cancelled, CancelledError, Progress, neutralise, ooxml_escape

APP_NAME = "Chainwatch"
FORMAT = "chainwatch-workbook"
FORMAT_VERSION = 1
META_SHEET = "Export info"
STORE_ID_KEY = "excel_store_id"

# Watchlist sheet columns: (key, header). The importer also accepts Chinese headers (see importer).
WATCHLIST_COLUMNS = [
    ("id", "id"), ("code", "code"), ("name", "name"), ("name_en", "English name"),
    ("themes", "themes"), ("chain_role", "chain role"), ("notes", "notes"), ("tags", "tags"),
    ("rating", "rating"), ("target_price", "target price"), ("added_at", "added"),
    ("last", "last"), ("change_pct", "chg %"), ("price_date", "price date"),   # cached prices (read-only)
]
# The same headers in the interface's other languages (the importer reads every one of them back).
WATCHLIST_HEADERS = {
    "en": dict(WATCHLIST_COLUMNS),
    "zh_CN": {"id": "编号", "code": "代码", "name": "名称", "name_en": "英文名称", "themes": "主题",
              "chain_role": "产业链角色", "notes": "备注", "tags": "标签", "rating": "评级",
              "target_price": "目标价", "added_at": "加入时间", "last": "最新价", "change_pct": "涨跌幅 %",
              "price_date": "价格日期"},
    "zh_TW": {"id": "編號", "code": "代碼", "name": "名稱", "name_en": "英文名稱", "themes": "主題",
              "chain_role": "產業鏈角色", "notes": "備註", "tags": "標籤", "rating": "評級",
              "target_price": "目標價", "added_at": "加入時間", "last": "最新價", "change_pct": "漲跌幅 %",
              "price_date": "價格日期"},
}
HEADER_LANGUAGES = tuple(WATCHLIST_HEADERS)


def watchlist_headers(language: str = "en") -> list[str]:
    """The watchlist sheet's header row in ``language`` (en, zh_CN, zh_TW; English otherwise)."""
    names = WATCHLIST_HEADERS.get(language, WATCHLIST_HEADERS["en"])
    return [names[k] for k, _ in WATCHLIST_COLUMNS]


USER_FIELDS = ("notes", "tags", "rating", "target_price")
ITEM_META_COLUMNS = ["item_id", "watchlist_id", "code", "position", "updated_at",
                     "notes", "tags", "rating", "target_price"]
WATCHLIST_META_COLUMNS = ["watchlist_id", "watchlist", "sheet", "items"]
REFERENCE_SHEETS = ("Companies", "Themes", "Theme members", "Supply chain", "Evidence", "Reports")

_INT_COLUMNS = re.compile(r"(^|_)(id|year|rank|position|items|votes)$|^id$")


def app_version() -> str:
    try:
        from importlib.metadata import version

        return version("chainwatch")
    except Exception:  # noqa: BLE001 - not installed as a package
        return "0.1.0"


def store_id(store) -> str:
    """A random id for this store, made once; tells a re-import whether item ids are ours."""
    from app.store import meta_t
    from sqlalchemy import select

    with store.write() as conn:
        v = conn.execute(select(meta_t.c.value).where(meta_t.c.key == STORE_ID_KEY)).scalar()
        if v is None:
            v = uuid.uuid4().hex
            store._set_meta(conn, STORE_ID_KEY, v)
    return v


def tags_text(tags: Sequence[str]) -> str:
    return ", ".join(tags)


# ---- generic fast sheet writer ---------------------------------------------------------------

@dataclass
class SheetSpec:
    title: str
    headers: list[str]
    rows: list[list[Any]]
    role: str = "reference"               # watchlist | reference | figure | meta
    widths: dict[int, float] = field(default_factory=dict)  # overrides, by column index
    column_formats: dict[int, str] = field(default_factory=dict)  # style of cells typed in later
    freeze: bool = True
    autofilter: bool = True
    description: str = ""
    keys: list[str] | None = None   # the columns' keys when the headers are translated (for their styles)


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _auto_widths(spec: SheetSpec, sample: int = 300) -> list[float]:
    widths = []
    for j, h in enumerate(spec.headers):
        w = display_width(str(h)) + 3  # room for the filter button
        for r in spec.rows[:sample]:
            v = r[j] if j < len(r) else None
            if v is None:
                continue
            if isinstance(v, float):
                s = f"{v:,.2f}"
            elif isinstance(v, dt.datetime):
                s = "2026-01-01 00:00:00"
            elif isinstance(v, dt.date):
                s = "2026-01-01"
            else:
                s = str(v).split("\n", 1)[0]
            w = max(w, display_width(s) + 1)
        widths.append(float(min(max(w, 6), 60)))
    for j, w in spec.widths.items():
        if j < len(widths):
            widths[j] = w
    return widths


def _text_columns(spec: SheetSpec) -> dict[int, str]:
    """Columns holding only text get the text format as their column style."""
    out = {}
    for j in range(len(spec.headers)):
        kinds = {type(r[j]) for r in spec.rows if j < len(r) and r[j] is not None and r[j] != ""}
        if kinds <= {str}:
            out[j] = "@"
    return out


# ---- a direct OOXML writer ------------------------------------------------------------------------
# openpyxl's write-only mode spends ~15 us per cell in generic code; writing the (small, fixed)
# parts of SpreadsheetML ourselves is several times faster and lets us decide every cell's type:
# text is always an inline string (t="inlineStr"), never a formula; floats are written exactly.

_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
# cellXfs: index -> number format id (custom ids from 164)
_NUMFMTS = {164: "#,##0.00##", 165: "yyyy-mm-dd hh:mm:ss", 166: "yyyy-mm-dd"}
_STYLE = {"general": 0, "text": 1, "int": 2, "thousands": 3, "float": 4, "datetime": 5, "date": 6,
          "header": 7}
_FORMAT_STYLE = {"@": 1, "0": 2, "#,##0": 3, "#,##0.00##": 4, "yyyy-mm-dd hh:mm:ss": 5, "yyyy-mm-dd": 6}
_STYLES_XML = (
    _XML_HEAD + f'<styleSheet xmlns="{_NS}">'
    '<numFmts count="3">' + "".join(f'<numFmt numFmtId="{i}" formatCode="{c}"/>' for i, c in _NUMFMTS.items())
    + '</numFmts>'
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>'
    '<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/>'
    '</fill><fill><patternFill patternType="solid"><fgColor rgb="FFDDE5F0"/><bgColor indexed="64"/>'
    '</patternFill></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="8">'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="1" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="3" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="166" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="49" fontId="1" fillId="2" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1" '
    'applyFill="1" applyAlignment="1"><alignment vertical="center"/></xf>'
    '</cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    '</styleSheet>')
_EPOCH = dt.datetime(1899, 12, 30)
_XML_TEXT = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;", '"': "&quot;"})


def _xml_text(s: str) -> str:
    return s.translate(_XML_TEXT)


def _cell_xml(ref: str, v: Any, int_style: int) -> str:
    """One <c> element; '' for an empty cell."""
    t = type(v)
    if t is str:
        if not v:
            return ""
        return (f'<c r="{ref}" s="1" t="inlineStr"><is><t xml:space="preserve">'
                f'{_xml_text(ooxml_escape(neutralise(v)))}</t></is></c>')
    if t is float:
        if v != v or v in (float("inf"), float("-inf")):
            return f'<c r="{ref}" s="1" t="inlineStr"><is><t>{v}</t></is></c>'
        return f'<c r="{ref}" s="4"><v>{v!r}</v></c>'
    if t is int:
        return f'<c r="{ref}" s="{int_style}"><v>{v}</v></c>'
    if t is bool:
        return f'<c r="{ref}" t="b"><v>{int(v)}</v></c>'
    if t is dt.datetime or isinstance(v, dt.datetime):
        if v.tzinfo is not None:
            v = v.replace(tzinfo=None)
        return f'<c r="{ref}" s="5"><v>{(v - _EPOCH).total_seconds() / 86400!r}</v></c>'
    if t is dt.date or isinstance(v, dt.date):
        return f'<c r="{ref}" s="6"><v>{(v - _EPOCH.date()).days}</v></c>'
    if v is None:
        return ""
    if isinstance(v, bool):
        return f'<c r="{ref}" t="b"><v>{int(v)}</v></c>'
    if isinstance(v, int):
        return f'<c r="{ref}" s="{int_style}"><v>{int(v)}</v></c>'
    if isinstance(v, float):
        return _cell_xml(ref, float(v), int_style)
    return _cell_xml(ref, str(v), int_style)


def _sheet_parts(spec: SheetSpec, index: int, progress, cancelled, done: list, total: int):
    """The sheet's XML, in chunks."""
    from openpyxl.utils import get_column_letter

    ncols = max([len(spec.headers)] + [len(r) for r in spec.rows[:1]] or [1])
    ncols = max(ncols, max((len(r) for r in spec.rows), default=0))
    letters = [get_column_letter(j + 1) for j in range(max(ncols, 1))]
    last_ref = f"{letters[ncols - 1] if ncols else 'A'}{len(spec.rows) + 1}"
    int_styles = []
    for j in range(ncols):
        names = spec.keys or spec.headers
        h = str(names[j]).lower().replace(" ", "_") if j < len(names) else ""
        int_styles.append(2 if _INT_COLUMNS.search(h) else 3)
    formats = dict(_text_columns(spec))
    formats.update(spec.column_formats)
    head = [_XML_HEAD, f'<worksheet xmlns="{_NS}" xmlns:r="{_NS_R}">',
            f'<dimension ref="A1:{last_ref}"/>',
            '<sheetViews><sheetView workbookViewId="0"' + (' tabSelected="1"' if index == 0 else "") + ">"]
    if spec.freeze:
        head.append('<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
                    '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/>')
    head.append('</sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>')
    widths = _auto_widths(spec)
    if widths:
        head.append("<cols>")
        for j, w in enumerate(widths):
            style = f' style="{_FORMAT_STYLE[formats[j]]}"' if formats.get(j) in _FORMAT_STYLE else ""
            head.append(f'<col min="{j + 1}" max="{j + 1}" width="{w:g}" customWidth="1"{style}/>')
        head.append("</cols>")
    head.append("<sheetData>")
    hdr = "".join(f'<c r="{letters[j]}1" s="7" t="inlineStr"><is><t xml:space="preserve">'
                  f'{_xml_text(ooxml_escape(neutralise(str(h))))}</t></is></c>'
                  for j, h in enumerate(spec.headers))
    head.append(f'<row r="1">{hdr}</row>')
    yield "".join(head)
    buf = []
    cell = _cell_xml
    for i, r in enumerate(spec.rows):
        rn = str(i + 2)
        buf.append(f'<row r="{rn}">' + "".join(
            [cell(letters[j] + rn, v, int_styles[j]) for j, v in enumerate(r) if v is not None])
            + "</row>")
        if len(buf) == 1000:
            yield "".join(buf)
            buf = []
            if cancelled and cancelled():
                raise CancelledError()
            if progress:
                progress(done[0] + i + 1, total)
    tail = ["".join(buf), "</sheetData>"]
    if spec.autofilter and spec.headers:
        tail.append(f'<autoFilter ref="A1:{last_ref}"/>')
    tail.append('<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" '
                'footer="0.3"/></worksheet>')
    yield "".join(tail)
    done[0] += len(spec.rows)
    if progress:
        progress(done[0], total)


def _quote_sheet(title: str) -> str:
    return "'" + title.replace("'", "''") + "'"


def write_sheets(path: Path | str, specs: Sequence[SheetSpec], progress: Progress | None = None,
                 cancelled: Cancelled | None = None) -> Path:
    """Write sheets to an .xlsx at ``path`` (atomically: a temporary file renamed at the end)."""
    import zipfile

    from openpyxl.utils import get_column_letter

    path = Path(path)
    if not specs:
        raise ValueError("a workbook needs at least one sheet")
    total = sum(len(s.rows) for s in specs) or 1
    done = [0]
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".~" + path.stem, suffix=".xlsx", dir=path.parent)
    os.close(fd)
    try:
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=5) as z:
            n = len(specs)
            z.writestr("[Content_Types].xml", _XML_HEAD +
                       '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                       '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
                       'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
                       '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
                       'officedocument.spreadsheetml.sheet.main+xml"/>'
                       '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-'
                       'officedocument.spreadsheetml.styles+xml"/>'
                       '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-'
                       'package.core-properties+xml"/>'
                       '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-'
                       'officedocument.extended-properties+xml"/>'
                       + "".join(f'<Override PartName="/xl/worksheets/sheet{i + 1}.xml" ContentType="'
                                 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                                 for i in range(n)) + "</Types>")
            z.writestr("_rels/.rels", _XML_HEAD +
                       '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                       '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                       'relationships/officeDocument" Target="xl/workbook.xml"/>'
                       '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/'
                       'relationships/metadata/core-properties" Target="docProps/core.xml"/>'
                       '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                       'relationships/extended-properties" Target="docProps/app.xml"/></Relationships>')
            now = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
            z.writestr("docProps/core.xml", _XML_HEAD +
                       '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
                       'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="'
                       'http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
                       f'<dc:creator>{APP_NAME}</dc:creator>'
                       f'<dcterms:created xsi:type="dcterms:W3CDTF">{now}</dcterms:created>'
                       f'<dcterms:modified xsi:type="dcterms:W3CDTF">{now}</dcterms:modified>'
                       '</cp:coreProperties>')
            z.writestr("docProps/app.xml", _XML_HEAD +
                       '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
                       f'extended-properties"><Application>{APP_NAME}</Application></Properties>')
            names = []
            for i, spec in enumerate(specs):
                if spec.autofilter and spec.headers:
                    last = get_column_letter(max(len(spec.headers), 1))
                    names.append(f'<definedName name="_xlnm._FilterDatabase" localSheetId="{i}" hidden="1">'
                                 f'{_xml_text(_quote_sheet(spec.title))}!$A$1:${last}${len(spec.rows) + 1}'
                                 '</definedName>')
            z.writestr("xl/workbook.xml", _XML_HEAD +
                       f'<workbook xmlns="{_NS}" xmlns:r="{_NS_R}"><bookViews><workbookView activeTab="0"/>'
                       '</bookViews><sheets>'
                       + "".join(f'<sheet name="{_xml_text(s.title)}" sheetId="{i + 1}" r:id="rId{i + 1}"/>'
                                 for i, s in enumerate(specs)) + "</sheets>"
                       + (f"<definedNames>{''.join(names)}</definedNames>" if names else "")
                       + "</workbook>")
            z.writestr("xl/_rels/workbook.xml.rels", _XML_HEAD +
                       '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                       + "".join(f'<Relationship Id="rId{i + 1}" Type="http://schemas.openxmlformats.org/'
                                 'officeDocument/2006/relationships/worksheet" '
                                 f'Target="worksheets/sheet{i + 1}.xml"/>' for i in range(n))
                       + f'<Relationship Id="rId{n + 1}" Type="http://schemas.openxmlformats.org/'
                       'officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>')
            z.writestr("xl/styles.xml", _STYLES_XML)
            for i, spec in enumerate(specs):
                if cancelled and cancelled():
                    raise CancelledError()
                with z.open(f"xl/worksheets/sheet{i + 1}.xml", "w", force_zip64=True) as f:
                    for chunk in _sheet_parts(spec, i, progress, cancelled, done, total):
                        f.write(chunk.encode("utf-8"))
        if cancelled and cancelled():
            raise CancelledError()
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    return path


_BAD_TITLE = re.compile(r"[\[\]:*?/\\]")


def sheet_title(name: str, taken: set[str]) -> str:
    """A valid, unique (case-insensitive) sheet title of at most 31 characters."""
    base = _BAD_TITLE.sub("_", name).strip().strip("'") or "Sheet"
    if base.lower() == "history":
        base = "History_"
    base = base[:31]
    title, n = base, 2
    while title.lower() in taken:
        suffix = f" ({n})"
        title = base[:31 - len(suffix)] + suffix
        n += 1
    taken.add(title.lower())
    return title


# ---- the desk's workbook ----------------------------------------------------------------------

@dataclass
class ExportResult:
    path: Path
    sheets: list[str]
    watchlists: list[str]
    items: int
    warnings: list[str] = field(default_factory=list)


def _dt(s: Any) -> dt.datetime | None:
    if isinstance(s, dt.datetime):
        return s
    if not s:
        return None
    try:
        return dt.datetime.fromisoformat(str(s))
    except ValueError:
        return None


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _figure_value(col: str, v: Any) -> Any:
    if isinstance(v, str) and _ISO_DATE.match(v) and "date" in col.lower():
        try:
            return dt.date.fromisoformat(v)
        except ValueError:
            return v
    if isinstance(v, (dict, list)):
        return json.dumps(v, ensure_ascii=False)
    return v


def build_specs(desk, watchlist: str | int | None = None, now: dt.datetime | None = None,
                reference: bool = True, language: str = "en") -> tuple[list[SheetSpec], dict]:
    """Every sheet of the export, in memory; and a summary for the result.

    ``reference=False`` leaves out the knowledge-base sheets (companies ... figures): a small
    workbook for editing watchlists only.
    """
    from sqlalchemy import select

    from app.store import items_t

    kb = desk.kb
    store = desk.store
    lists = store.watchlists()
    if watchlist is not None:
        w = store.watchlist(watchlist)
        lists = [x for x in lists if x.id == w.id]
    updated = {}
    with store.read() as conn:
        for r in conn.execute(select(items_t.c.id, items_t.c.updated_at)):
            updated[r.id] = r.updated_at
    taken = {t.lower() for t in (*REFERENCE_SHEETS, META_SHEET)}
    specs: list[SheetSpec] = []
    wl_meta_rows, item_meta_rows = [], []
    warnings = []
    described: dict[str, tuple[str, str, str, str]] = {}

    def theme_name(tid: str) -> str:
        t = kb.themes.get(tid)
        if not t:
            return tid
        title = t.title_zh or t.title_en   # the reports' own names, in Traditional for zh_TW
        if language == "zh_TW":
            from app.text import to_hant

            return to_hant(title)
        return title

    prices = _cached_prices(desk, [it.code for w in lists for it in w.items])

    def describe(code: str) -> tuple[str, str, str, str]:
        if code not in described:
            c = kb.company(code)
            sec = desk.universe.get(code)
            script = "name_zh_hant" if language == "zh_TW" else "name_zh_hans"
            described[code] = (getattr(c, script) if c else (getattr(sec, script, "") if sec else ""),
                               c.name_en if c else (sec.name_en if sec else ""),
                               ", ".join(theme_name(t) for t in kb.themes_of(c.code)) if c else "",
                               _chain_role(kb, c.code, language) if c else "")
        return described[code]

    for w in lists:
        title = sheet_title(w.name, taken)
        rows = []
        for it in w.items:
            name, name_en, themes, role = describe(it.code)
            if len(it.notes) > 32767:
                warnings.append(f"{w.name}: the notes of {it.code} are longer than Excel's 32,767 "
                                "characters per cell; Excel will cut them if the file is saved there")
            last, chg, day = prices(it.code) or (None, None, None)
            day = day.date() if isinstance(day, dt.datetime) else day
            rows.append([it.id, it.code, name, name_en, themes, role, it.notes, tags_text(it.tags),
                         it.rating, it.target_price, it.added_at, last,
                         None if chg is None else round(chg, 2), day])
            item_meta_rows.append([it.id, w.id, it.code, it.position, updated.get(it.id, ""),
                                   it.notes, tags_text(it.tags), it.rating, it.target_price])
        spec = SheetSpec(title, watchlist_headers(language), rows, role="watchlist",
                         keys=[k for k, _ in WATCHLIST_COLUMNS],
                         widths={6: 40.0}, description=f"watchlist {w.name}",
                         column_formats={0: "0", 1: "@", 2: "@", 3: "@", 4: "@", 5: "@", 6: "@",
                                         7: "@", 8: "0", 9: "#,##0.00##",
                                         10: "yyyy-mm-dd hh:mm:ss", 11: "#,##0.00##", 12: "+0.00;-0.00",
                                         13: "yyyy-mm-dd"})
        specs.append(spec)
        wl_meta_rows.append([w.id, w.name, title, len(w.items)])

    fig_rows = []
    if reference:
        fig_rows = _reference_specs(desk, specs, taken, language)
    _meta_spec(desk, specs, watchlist, lists, wl_meta_rows, item_meta_rows, fig_rows, now)
    summary = {"watchlists": [w.name for w in lists], "items": sum(len(w.items) for w in lists),
               "warnings": warnings}
    return specs, summary


def _reference_specs(desk, specs: list[SheetSpec], taken: set[str],
                     language: str = "en") -> list[tuple[str, str, int]]:
    from app import labels
    from app.kb import SEGMENTS
    from app.text import to_hant

    kb = desk.kb
    # The Chinese columns (a role, a note, what evidence supports): Traditional in a zh_TW sheet, else Simplified.
    script = "hant" if language == "zh_TW" else "hans"

    def zh(text: str) -> str:
        return to_hant(text) if script == "hant" and text else text

    theme_title = {t.id: t.title_en or t.title_zh for t in kb.themes.values()}
    # Companies (listed) and unlisted entities
    rows = []
    for r in desk.company_records(include_entities=True):
        rows.append([r["code"] or r.get("id"), "yes" if r["listed"] else "no",
                     ", ".join(r["codes"]), r["name_zh_hans"], r["name_zh_hant"], r["name_en"],
                     r["exchange"] or r.get("kind") or "", ", ".join(r["themes"]),
                     r.get("chain_role", "") or "", len(r["reports"]), ", ".join(r["reports"])])
    specs.append(SheetSpec("Companies", ["code or id", "listed", "all listings", "name 简体",
                                         "name 繁體", "English name", "exchange or kind", "themes",
                                         "chain role", "reports", "report files"], rows,
                           description="companies and unlisted entities the reports name"))
    rows = []
    for t in desk.theme_records():
        rows.append([t["id"], t["title_zh"], t["title_en"], t["parent"], len(t["members"]),
                     ", ".join(t["reports"]), t["description"]])
    specs.append(SheetSpec("Themes", ["theme", "title 中文", "title", "parent", "members",
                                      "reports", "description"], rows, widths={6: 60.0}))
    rows = []
    for t in desk.theme_records():
        for m in t["members"]:
            rows.append([t["id"], t["title_en"], m["ref"], m["name"], "yes" if m["listed"] else "no",
                         "; ".join(m["roles"]), zh("; ".join(m["roles_zh"]))])
    specs.append(SheetSpec("Theme members", ["theme", "theme title", "code or id", "name", "listed",
                                             "roles", "roles 中文"], rows))
    rows = []
    for e in desk.edge_records():
        rows.append([e["supplier"], e["supplier_name"], e["customer"], e["customer_name"],
                     SEGMENTS.get(e["segment"], e["segment"]), e["status"], e["share_qualifier"],
                     e["share_pct"], json.dumps(e["figures"], ensure_ascii=False) if e["figures"] else "",
                     ", ".join(e["themes"]), e["note"], zh(e["note_zh"]), e["report"], e["ai_compiled"],
                     e["quote"]])
    specs.append(SheetSpec("Supply chain", ["supplier", "supplier name", "customer", "customer name",
                                            "segment", "status", "share qualifier", "share %",
                                            "figures", "themes", "note", "note 中文", "report", "AI-compiled",
                                            "quote"], rows, widths={14: 60.0}))
    rows = []
    ai = {f for f, r in kb.reports.items() if r.ai_compiled}
    for kind, seq in (("recommendation", kb.recommendations), ("mention", kb.mentions),
                      ("entity mention", kb.entity_mentions), ("theme member", kb.members),
                      ("event", kb.events)):
        for x in seq:
            what = getattr(x, "action", "") or getattr(x, "role", "") or ""
            what_zh = ""
            if kind == "theme member":
                what = f"{theme_title.get(x.theme, x.theme)}: {x.role}"
                t = kb.themes.get(x.theme)
                what_zh = f"{zh(t.title_zh) if t and t.title_zh else x.theme}: {x.describe(script)}"
            if kind == "event":   # date, kind, value and unit, then its note (note_zh in the Chinese column)
                amount = f"{'' if x.value is None else x.value} {x.unit}".strip()
                what = f"{x.date.isoformat()} {x.kind} {amount}".strip() + (f": {x.note}" if x.note else "")
                what_zh = (f"{x.date.isoformat()} {labels.event_kind_label(x.kind, script)} {amount}".strip()
                           + (f"：{x.describe(script)}" if x.note_zh else ""))
            rows.append([kind, x.ref, kb.ref_name(x.ref), what, what_zh, x.evidence.report,
                         x.evidence.report in ai, x.evidence.quote])
    for e in kb.edges:
        rows.append(["supplies", e.supplier, kb.ref_name(e.supplier),
                     f"{SEGMENTS.get(e.segment, e.segment)} → {kb.ref_name(e.customer)} {e.share_label}".strip(),
                     f"{labels.segment_label(e.segment, script)} → {kb.ref_name(e.customer, script)} "
                     f"{e.share_label}".strip() + (f"（{e.describe(script)}）" if e.note_zh else ""),
                     e.evidence.report, e.evidence.report in ai, e.evidence.quote])
    for link in kb.links:   # who → whom, then the link's note (note_zh in the Chinese column)
        rows.append([link.relation, link.source, kb.ref_name(link.source),
                     f"{kb.ref_name(link.source)} → {kb.ref_name(link.target)}"
                     + (f" ({link.note})" if link.note else ""),
                     f"{kb.ref_name(link.source, script)} → {kb.ref_name(link.target, script)}"
                     + (f"（{link.describe(script)}）" if link.note_zh else ""),
                     link.evidence.report, link.evidence.report in ai, link.evidence.quote])
    specs.append(SheetSpec("Evidence", ["kind", "code or id", "name", "what", "what 中文", "report",
                                        "AI-compiled", "quote"], rows, widths={7: 70.0}))
    rows = []
    for r in kb.reports.values():
        rows.append([r.file, r.publisher, r.publisher_en, r.title, r.date, r.date_precision,
                     ", ".join(r.analysts), r.language, r.rating, r.ai_compiled])
    specs.append(SheetSpec("Reports", ["report", "publisher", "publisher (English)", "title", "date",
                                       "date precision", "analysts", "language", "rating",
                                       "AI-compiled"], rows, widths={3: 50.0}))
    fig_rows = []
    for name in sorted(kb.figures):
        t = kb.figures[name]
        title = sheet_title("Fig " + name, taken)
        rows = [[_figure_value(c, row.get(c)) for c in t.columns] for row in t.rows]
        specs.append(SheetSpec(title, list(t.columns), rows, role="figure",
                               description=f"figure table {name}"))
        fig_rows.append((title, name, len(rows)))
    return fig_rows


def _meta_spec(desk, specs, watchlist, lists, wl_meta_rows, item_meta_rows, fig_rows, now) -> None:
    store, kb = desk.store, desk.kb
    exported_at = (now or dt.datetime.now()).replace(microsecond=0)
    info = [
        ["format", FORMAT], ["format_version", FORMAT_VERSION], ["app", APP_NAME],
        ["app_version", app_version()], ["schema_version", store.schema_version()],
        ["kb_version", store.kb_version() or kb.version], ["exported_at", exported_at],
        ["store_id", store_id(store)],
        ["scope", "all watchlists" if watchlist is None else f"watchlist {lists[0].name}"],
        ["how to edit", "Edit notes, tags, rating and target price on the watchlist sheets; add, "
                        "delete or reorder rows; then File > Import. Leave the id column as it is "
                        "(rows you add need no id). Text starting with = + - @ is shown with a "
                        "leading apostrophe so it is never a formula; import removes it."],
        [None, None],
        ["[watchlists]"], WATCHLIST_META_COLUMNS, *wl_meta_rows,
        [None, None],
        ["[items]"], ITEM_META_COLUMNS, *item_meta_rows,
        [None, None],
        ["[sheets]"], ["sheet", "content", "rows"],
        *[[s.title, s.description or s.title, len(s.rows)] for s in specs if s.role != "figure"],
        *[[title, f"figure table {name}", n] for title, name, n in fig_rows],
    ]
    meta = SheetSpec(META_SHEET, ["key", "value"], info, role="meta", autofilter=False,
                     widths={0: 18.0, 1: 40.0})
    specs.append(meta)


def export_workbook(desk, path: Path | str, watchlist: str | int | None = None, *,
                    progress: Progress | None = None, cancelled: Cancelled | None = None,
                    now: dt.datetime | None = None, reference: bool = True,
                    language: str = "en") -> ExportResult:
    """Write the desk (all watchlists, or one) to ``path``; returns what was written.

    ``reference=False``: watchlists and ``Export info`` only (no knowledge-base sheets).
    ``language`` (en, zh_CN, zh_TW): the watchlist sheets' headers and theme names; any of them
    imports back.
    """
    if language not in HEADER_LANGUAGES:
        raise ValueError(f"headers in {language!r}: choose one of {', '.join(HEADER_LANGUAGES)}")
    path = Path(path)
    if not path.suffix:
        path = path.with_suffix(".xlsx")
    if path.suffix.lower() != ".xlsx":
        raise ValueError(f"{path.name}: the export is an .xlsx workbook; name the file *.xlsx")
    specs, summary = build_specs(desk, watchlist, now=now, reference=reference, language=language)
    write_sheets(path, specs, progress=progress, cancelled=cancelled)
    return ExportResult(path, [s.title for s in specs], summary["watchlists"], summary["items"],
                        summary["warnings"])


def _chain_role(kb, ref: str, language: str) -> str:
    """The chain role in the sheet's language (segments and names; English in an English sheet)."""
    if language == "en":
        return kb.chain_role(ref)
    from app import labels

    return labels.chain_role(kb, ref, "hant" if language == "zh_TW" else "hans")


def _cached_prices(desk, codes):
    """``code -> (last, change %, date)`` from the price cache (nothing when it is empty)."""
    try:
        from app.prices.service import price_lookup_from_cache
        lookup = price_lookup_from_cache(desk.store, list(dict.fromkeys(codes))) if codes else None
    except Exception:  # noqa: BLE001 - prices are extra columns; an export never fails for them
        lookup = None
    return lookup or (lambda code: None)


__all__ = ["ExportResult", "FORMAT", "FORMAT_VERSION", "META_SHEET", "SheetSpec", "WATCHLIST_COLUMNS",
           "build_specs", "export_workbook", "sheet_title", "store_id", "write_sheets"]
