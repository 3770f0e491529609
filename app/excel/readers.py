"""Reading spreadsheets safely: .xlsx / .xlsm, .xls, .ods, HTML tables and delimited text.

Every reader here works within one set of limits (:class:`app.limits.Limits`: file size, part
size -- sharedStrings included --, rows, columns, cells, 32,767 characters per cell, 20 s of
wall-clock time) and everything that can go wrong with a file a user picks becomes an
:class:`ExcelFileError` (the project's :class:`app.limits.ReaderError`) whose message says which
file, sheet, row and column, and what to do, before anything is changed:

* not a workbook at all (wrong bytes), a damaged or truncated zip, an encrypted
  (password-protected) workbook, an empty file (a file that is only a byte-order mark too);
* XML with a document type declaration (``<!DOCTYPE``/``<!ENTITY``: the "billion laughs" XML
  bomb) -- refused by our own scan of every XML part's prolog, and independently by openpyxl,
  which parses worksheets through ``defusedxml`` when it is installed
  (``openpyxl.xml.DEFUSEDXML``);
* zip bombs (more than ``part_bytes`` in one part, ``total_bytes`` in all);
* more rows, columns or cells than the limits, a cell longer than Excel's own 32,767 characters
  (found in the sheet and the shared strings before either engine allocates it);
* any error a library raises (``BadZipFile``, ``zlib.error``, calamine's, openpyxl's) becomes an
  ExcelFileError with the file's name and a short prefix of the library's message;
* text in an encoding we cannot tell (we try UTF-8 with or without BOM, UTF-16 with BOM, then
  GB18030 (a superset of GBK, characters outside the BMP included) and Big5, and keep a Chinese
  decoding only when it reads as plausible Chinese).

Formats: ``.xlsx``/``.xlsm`` (calamine or openpyxl), Excel 97-2003 ``.xls`` and OpenDocument
``.ods`` (python-calamine), an "Excel" file that is really an HTML table (terminal exports) or
tab-separated GBK text named ``.xls`` (同花顺, 通达信) is read as what it is. 通达信's
``="600519"`` cells are read as the text ``600519``. Control characters (NUL, ESC, ...) are removed
from every text cell, with a note.

Cells come back as Python values: ``None``, ``str``, ``int`` (whole numbers), ``float``,
``bool``, ``datetime.datetime`` / ``datetime.date``. Text cells are never turned into numbers;
CSV cells are always text. Formula cells give their last calculated (cached) value; the
coordinates of formulas without one are listed on the :class:`Sheet`. Merged ranges and hidden
sheets are reported, so callers can say what they did with them.

Two engines read .xlsx: python-calamine (Rust, about 10x faster) when the sheet is safe for it,
otherwise openpyxl in read-only (streaming) mode. calamine allocates the sheet's full rectangle,
so our pre-scan of the sheet XML measures the used rectangle first and refuses anything over the
cell limit before either engine sees it.
"""
from __future__ import annotations

import csv
import datetime as dt
import html
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, Callable, Iterable

from app.limits import Deadline, Limits, ReaderError, clean_text, prefix, where

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]

_DEFAULT = Limits()
MAX_ROWS = _DEFAULT.rows            # rows on one sheet (header included) -- documented limit
MAX_COLUMNS = _DEFAULT.columns
MAX_FILE_BYTES = _DEFAULT.file_bytes
MAX_PART_BYTES = _DEFAULT.part_bytes
MAX_TOTAL_BYTES = _DEFAULT.total_bytes
MAX_CELL_CHARS = _DEFAULT.cell_chars

CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
WORKBOOK_EXTS = {".xlsx", ".xlsm", ".xltx", ".xltm"}
TEXT_EXTS = {".csv", ".tsv", ".txt", ".tab"}
ODS_MIME = b"application/vnd.oasis.opendocument.spreadsheet"

import python_calamine as _calamine  # noqa: E402 - a declared dependency (reads .xls and .ods too)

USE_CALAMINE = True

# The project's one reader error: ExcelFileError(path, message, sheet=, row=, column=).
ExcelFileError = ReaderError


class CancelledError(Exception):
    """The caller's ``cancelled()`` returned True."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one place in a file (a rejected row, a bad cell)."""

    message: str
    file: str = ""
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    value: Any = None

    def __str__(self) -> str:
        return where(self.file, self.sheet, self.row, self.column) + self.message


@dataclass
class Sheet:
    name: str
    rows: list[list[Any]]                 # rows[0] is spreadsheet row 1 (CSV: record 1)
    hidden: bool = False
    merged: list[str] = field(default_factory=list)          # "A1:B2"
    formulas: int = 0                     # formula cells seen
    formulas_without_value: list[str] = field(default_factory=list)  # "C5"

    @property
    def empty(self) -> bool:
        return not any(v not in (None, "") for r in self.rows for v in r)

    def merged_ranges(self) -> list[tuple[int, int, int, int]]:
        """(min_row, min_col, max_row, max_col), 1-based."""
        from openpyxl.utils.cell import range_boundaries

        out = []
        for ref in self.merged:
            c1, r1, c2, r2 = range_boundaries(ref)
            out.append((r1, c1, r2, c2))
        return out

    def merged_at(self, row: int, col: int) -> str | None:
        """The merged range covering a cell (1-based), if any."""
        for ref, (r1, c1, r2, c2) in zip(self.merged, self.merged_ranges()):
            if r1 <= row <= r2 and c1 <= col <= c2:
                return ref
        return None


@dataclass
class Book:
    path: Path
    kind: str                     # xlsx | xls | ods | html | csv
    sheets: list[Sheet]
    all_sheets: list[tuple[str, bool]] = field(default_factory=list)  # (name, hidden), in order
    encoding: str | None = None
    delimiter: str | None = None
    notes: list[str] = field(default_factory=list)
    engine: str = ""

    def sheet(self, name: str) -> Sheet | None:
        return next((s for s in self.sheets if s.name == name), None)


def column_letter(index0: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index0 + 1)


# ---- text that goes into cells --------------------------------------------------------------

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_OOXML_ESC = re.compile(r"_(x[0-9A-Fa-f]{4}_)")
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_OOXML_UNESC = re.compile(r"_x([0-9A-Fa-f]{4})_")


def neutralise(text: str) -> str:
    """Text as it goes into a cell, never read as a formula by any spreadsheet.

    Text starting with ``= + - @``, tab or CR gets a leading apostrophe, and so does text that
    already starts with one (so :func:`restore` can undo it exactly): ``=1+1`` is written
    ``'=1+1``, ``'quoted`` is written ``''quoted``. The cell is also written as a string cell,
    never a formula cell. This is the OWASP advice for CSV/formula injection; the apostrophe
    stays visible, which tells the reader what happened.
    """
    if text and (text[0] in FORMULA_TRIGGERS or text[0] == "'"):
        return "'" + text
    return text


def restore(text: str) -> str:
    """Undo :func:`neutralise`: one leading apostrophe goes."""
    return text[1:] if text.startswith("'") else text


def ooxml_escape(text: str) -> str:
    """Characters XML cannot hold, written as OOXML ``_xHHHH_`` escapes (Excel decodes them).

    A literal ``_xHHHH_`` in the text is protected as ``_x005F_xHHHH_`` per ECMA-376.
    """
    if "_x" in text:
        text = _OOXML_ESC.sub(r"_x005F_\1", text)
    if _XML_ILLEGAL.search(text):
        text = _XML_ILLEGAL.sub(lambda m: f"_x{ord(m.group()):04X}_", text)
    return text


def ooxml_unescape(text: str) -> str:
    if "_x" not in text:
        return text
    return _OOXML_UNESC.sub(lambda m: chr(int(m.group(1), 16)), text)


# ---- sniffing ----------------------------------------------------------------------------

def _cfb_message(path: Path, data: bytes) -> str | None:
    """Why an OLE compound file cannot be read, or None for an Excel 97-2003 workbook."""
    enc = "EncryptionInfo".encode("utf-16-le")
    if enc in data or "EncryptedPackage".encode("utf-16-le") in data:
        return ("this workbook is password-protected (encrypted); open it in Excel or LibreOffice, "
                "remove the password (Excel: File > Info > Protect Workbook > Encrypt with Password) "
                "and save it again, then import that copy")
    if "Workbook".encode("utf-16-le") in data or "Book".encode("utf-16-le") in data:
        return None
    if "WordDocument".encode("utf-16-le") in data:
        return "this is an old Word document (.doc), not a workbook"
    return ("this is an OLE compound file (magic D0CF11E0) but not an Excel workbook; save it as "
            ".xlsx without a password")


_HTML_START = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|table|style|title)\b",
                         re.I | re.S)


def sniff(path: Path, limits: Limits | None = None) -> str:
    """'xlsx', 'xls', 'ods', 'html' or 'csv' for a file we can read; raises ExcelFileError otherwise."""
    lim = limits or Limits.default()
    size = lim.check_file_size(path)
    if size == 0:
        raise ExcelFileError(path, "the file is empty (0 bytes)")
    with open(path, "rb") as f:
        head = f.read(4096)
    ext = path.suffix.lower()
    if head.startswith(CFB_MAGIC):
        with open(path, "rb") as f:
            data = f.read(min(size, 64 * 2**20))
        msg = _cfb_message(path, data)
        if msg:
            raise ExcelFileError(path, msg)
        return "xls"
    if head.startswith(b"PK"):
        if head[30:38] == b"mimetype" and ODS_MIME in head[:200]:
            return "ods"
        if ext == ".ods":
            return "ods"
        return "xlsx"
    text_head = head
    for bom in (b"\xef\xbb\xbf",):
        if text_head.startswith(bom):
            text_head = text_head[len(bom):]
    if text_head.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text_head = head.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError:
            text_head = b""
    if _HTML_START.match(text_head):
        return "html"
    if ext in WORKBOOK_EXTS:
        raise ExcelFileError(path, "not an Excel workbook: an .xlsx file is a zip archive and this "
                                   "file is not one (was it renamed, or only partly downloaded?)")
    if ext in {".numbers", ".et"}:
        raise ExcelFileError(path, f"{ext} files are not supported; save it as .xlsx or CSV UTF-8")
    # 同花顺 / 通达信 write tab-separated text with an .xls name: read as text.
    return "csv"


# ---- workbooks ---------------------------------------------------------------------------

_ROOT_START = re.compile(rb"<(?![?!])")
_CELL_REF = re.compile(rb'\sr="([A-Z]{1,3})([0-9]{1,7})"')
# a control character can only reach a cell through an escape: _x001B_ (OOXML) or &#27; / &#x1b;
_ESCAPED_CONTROL = re.compile(rb"_x00[01][0-9A-Fa-f]_|_x007[Ff]_|_x00[89][0-9A-Fa-f]_|"
                              rb"&#(?:0*(?:[0-9]|[12][0-9]|3[01]|12[7-9]|1[3-5][0-9])|x0*[0-9A-Fa-f]{1,2});")


def _has_escaped_control(data: bytes) -> bool:
    return (b"_x0" in data or b"&#" in data) and bool(_ESCAPED_CONTROL.search(data))


_CELL_COL = re.compile(rb'\sr="([A-Z]{1,3})[0-9]{1,7}"')
_CELL_ROW = re.compile(rb'\sr="[A-Z]{1,3}([0-9]{1,7})"')
_ROW_TAG = re.compile(rb"<(?:\w+:)?row[\s>/]")
_CELL_TAG = re.compile(rb"<(?:\w+:)?c[\s>/]")
_FORMULA_TAG = re.compile(rb"<(?:\w+:)?f[\s>/]")
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s[^>]*ref="([A-Z]{1,3}[0-9]{1,7}(?::[A-Z]{1,3}[0-9]{1,7})?)"')
_NO_VALUE_FORMULA = re.compile(
    rb'<c\b([^>]*)>\s*<f\b[^>]*(?:/>|>[^<]*</f>)\s*(?:<v\s*/>|<v>\s*</v>)?\s*(?:<is>\s*</is>)?\s*</c>')


def _col_number(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + (ch - 64)
    return n


def _check_prolog(path: Path, zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    """Refuse a part whose prolog declares a DTD or entities (XML bombs, external entities)."""
    with zf.open(info) as f:
        buf = b""
        while len(buf) < 2**20:
            chunk = f.read(8192)
            if not chunk:
                break
            buf += chunk
            text = buf
            if text.startswith((b"\xff\xfe", b"\xfe\xff")):
                text = buf.decode("utf-16", errors="ignore").encode("utf-8")
            m = _ROOT_START.search(text)
            if m:
                text = text[:m.start()]
                if b"<!DOCTYPE" in text.upper() or b"<!ENTITY" in text.upper():
                    raise ExcelFileError(
                        path, f"refused: the part {info.filename} declares a DTD (<!DOCTYPE ...>); "
                              "workbooks never need one and it is how XML bombs and external-entity "
                              "attacks work. The file was not read.")
                return
        if b"<!DOCTYPE" in buf.upper() or b"<!ENTITY" in buf.upper():
            raise ExcelFileError(path, f"refused: the part {info.filename} declares a DTD "
                                       "(possible XML bomb); the file was not read.")
        if buf:
            raise ExcelFileError(path, f"the part {info.filename} is not valid XML")


def _read_part(path: Path, zf: zipfile.ZipFile, name: str, limits: Limits | None = None) -> bytes:
    lim = limits or Limits.default()
    info = zf.getinfo(name)
    if info.file_size > lim.part_bytes:
        raise ExcelFileError(path, f"the part {name} unpacks to {info.file_size / 2**20:,.0f} MB; "
                                   f"the limit is {lim.part_bytes // 2**20} MB")
    out = io.BytesIO()
    with zf.open(info) as f:
        while True:
            chunk = f.read(2**20)
            if not chunk:
                break
            out.write(chunk)
            if out.tell() > lim.part_bytes:
                raise ExcelFileError(path, f"the part {name} unpacks to more than "
                                           f"{lim.part_bytes // 2**20} MB (a zip bomb?)")
    return out.getvalue()


def _long_runs(data: bytes, limit: int) -> list[tuple[int, int]]:
    """(start, end) of every run of text between ``>`` and ``<`` longer than ``limit`` bytes.

    Linear in the size of the part (numpy over the positions of ``<``), so a part of any size
    within the part limit is checked in well under a second."""
    import numpy as np

    if len(data) <= limit:
        return []
    arr = np.frombuffer(data, dtype=np.uint8)
    lt = np.flatnonzero(arr == 60)
    del arr
    bounds = np.concatenate(([-1], lt, [len(data)]))
    gaps = np.diff(bounds)
    idx = np.flatnonzero(gaps > limit + 1)
    return [(int(bounds[i]) + 1, int(bounds[i + 1])) for i in idx]


def _text_chars(data: bytes, start: int, end: int) -> int:
    seg = data[start:end]
    gt = seg.find(b">")
    if gt >= 0:
        seg = seg[gt + 1:]
    return len(html.unescape(seg.decode("utf-8", errors="replace")))


def _long_shared_strings(path: Path, zf: zipfile.ZipFile, lim: Limits) -> dict[int, int]:
    """Index -> length of every shared string longer than the cell limit."""
    name = next((n for n in zf.namelist() if n.lower().endswith("sharedstrings.xml")), None)
    if name is None:
        return {}
    data = _read_part(path, zf, name, lim)
    out: dict = {}
    for start, end in _long_runs(data, lim.cell_chars):
        n = _text_chars(data, start, end)
        if n > lim.cell_chars:
            out[data.count(b"<si", 0, start) - 1] = n
    if _has_escaped_control(data):
        out["controls"] = True
    return out


@dataclass
class _SheetEntry:
    name: str
    part: str
    hidden: bool


def _workbook_sheets(path: Path, zf: zipfile.ZipFile, limits: Limits | None = None) -> list[_SheetEntry]:
    from defusedxml import ElementTree as DET

    ns_main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    ns_rel = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
    names = set(zf.namelist())
    wb_part = "xl/workbook.xml"
    if wb_part not in names:
        # the workbook part may have another name; [Content_Types].xml / _rels/.rels say which
        try:
            rels = DET.fromstring(_read_part(path, zf, "_rels/.rels", limits))
            for r in rels:
                if r.get("Type", "").endswith("/officeDocument"):
                    wb_part = r.get("Target", "").lstrip("/")
        except (KeyError, DET.ParseError):
            pass
    if wb_part not in names:
        if "word/document.xml" in names:
            raise ExcelFileError(path, "this is a Word document, not an Excel workbook")
        if "ppt/presentation.xml" in names:
            raise ExcelFileError(path, "this is a PowerPoint file, not an Excel workbook")
        raise ExcelFileError(path, "a zip archive, but not an Excel workbook (no xl/workbook.xml)")
    try:
        wb = DET.fromstring(_read_part(path, zf, wb_part, limits))
        base = PurePosixPath(wb_part).parent
        rels_part = str(base / "_rels" / (PurePosixPath(wb_part).name + ".rels"))
        rels = DET.fromstring(_read_part(path, zf, rels_part, limits)) if rels_part in names else []
    except DET.ParseError as e:
        raise ExcelFileError(path, f"the workbook structure is damaged ({e})") from None
    except ReaderError:
        raise
    except Exception as e:  # defusedxml's DTDForbidden / EntitiesForbidden
        raise ExcelFileError(path, f"refused: {type(e).__name__} in the workbook part "
                                   "(possible XML bomb)") from None
    targets = {}
    for r in rels:
        t = r.get("Target", "")
        t = t.lstrip("/") if t.startswith("/") else str(base / t)
        targets[r.get("Id")] = re.sub(r"[^/]+/\.\./", "", t)
    out = []
    sheets = wb.find(f"{ns_main}sheets")
    for s in (sheets if sheets is not None else []):
        rid = s.get(f"{ns_rel}id")
        out.append(_SheetEntry(s.get("name", ""), targets.get(rid, ""),
                               s.get("state", "visible") in ("hidden", "veryHidden")))
    return out


def _open_zip(path: Path, limits: Limits | None = None) -> zipfile.ZipFile:
    lim = limits or Limits.default()
    try:
        zf = zipfile.ZipFile(path)
    except zipfile.BadZipFile as e:
        raise ExcelFileError(path, "the workbook is damaged or truncated (the zip archive is "
                                   f"incomplete: {e}); save it again or copy it again") from None
    except OSError as e:
        raise ExcelFileError(path, f"cannot open: {e}") from None
    try:
        infos = zf.infolist()
        total = sum(i.file_size for i in infos)
        if total > lim.total_bytes:
            raise ExcelFileError(path, f"the workbook unpacks to {total / 2**20:,.0f} MB; the limit "
                                       f"is {lim.total_bytes // 2**20} MB")
        big = next((i for i in infos if i.file_size > lim.part_bytes), None)
        if big is not None:
            raise ExcelFileError(path, f"the part {big.filename} unpacks to "
                                       f"{big.file_size / 2**20:,.0f} MB; the limit is "
                                       f"{lim.part_bytes // 2**20} MB")
        bad = zf.testzip() if path.stat().st_size < 32 * 2**20 else None
        if bad is not None:
            raise ExcelFileError(path, f"the workbook is damaged: part {bad} fails its checksum")
        for info in infos:
            if info.filename.endswith((".xml", ".rels", ".vml")):
                _check_prolog(path, zf, info)
    except ReaderError:
        zf.close()
        raise
    except Exception as e:  # noqa: BLE001 - BadZipFile, zlib.error, EOFError, NotImplementedError...
        zf.close()
        raise ExcelFileError(path, f"the workbook is damaged or truncated ({type(e).__name__}: "
                                   f"{prefix(str(e), 80)}); save it again or copy it again") from None
    return zf


def _norm_value(v: Any, unescape: bool) -> Any:
    if v is None or v == "":
        return None
    if isinstance(v, float):
        if v.is_integer() and abs(v) < 2**53:
            return int(v)
        return v
    if isinstance(v, str):
        return ooxml_unescape(v) if unescape else v
    if isinstance(v, (int, bool, dt.date, dt.datetime)):
        return v
    if isinstance(v, dt.time):
        return v
    if isinstance(v, dt.timedelta):
        return v
    return str(v)


_TDX_CELL = re.compile(r'^="(.*)"$', re.S)
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _finish_rows(path: Path, sheet: str | None, rows: list[list[Any]], lim: Limits,
                 deadline: Deadline, notes: list[str], text_cells: bool = False,
                 checked: bool = False) -> list[list[Any]]:
    """Check every text cell against the limits, remove control characters (with a note), read
    通达信's ``="600519"`` as ``600519``, drop trailing empty rows and pad rows to one width.

    ``checked``: the pre-scan of the XML already measured every cell and found no escaped
    control character, so the per-cell pass is skipped."""
    removed = 0
    for i, r in enumerate(() if checked else rows):
        for j, v in enumerate(r):
            if type(v) is str:
                if len(v) > lim.cell_chars:
                    lim.check_cell(v, path, sheet, i + 1, column_letter(j))
                if text_cells and v.startswith('="'):
                    m = _TDX_CELL.match(v)
                    if m:
                        v = r[j] = m.group(1)
                if _CONTROL.search(v):
                    c, n = clean_text(v)
                    r[j] = c or None
                    removed += n
        if i % 5000 == 4999:
            deadline.check(sheet, i + 1)
    while rows and not any(v is not None for v in rows[-1]):
        rows.pop()
    width = max((len(r) for r in rows), default=0)
    for r in rows:
        if len(r) < width:
            r.extend([None] * (width - len(r)))
    if removed:
        notes.append(f"{where(None, sheet)}{removed} control character(s) (NUL, ESC, ...) were removed "
                     "from the cells")
    return rows


def _add_sheet(book: Book, entry, rows: list[list], scan: dict, lim: Limits, deadline: Deadline,
               checked: bool = False) -> int:
    """Finish the rows and add the sheet to the book; returns the rows it counts for progress."""
    rows = _finish_rows(book.path, entry.name, rows, lim, deadline, book.notes,
                        checked=checked and not scan["controls"])
    book.sheets.append(Sheet(entry.name, rows, entry.hidden, scan["merged"], scan["formulas"], scan["no_value"]))
    return scan["rows"]


def read_book(path: Path | str, *, sheets: Iterable[str] | Callable[[list[tuple[str, bool]]], Iterable[str]]
              | None = None, include_hidden: bool = False,
              max_rows: int | None = None, progress: Progress | None = None,
              cancelled: Cancelled | None = None, engine: str | None = None,
              limits: Limits | None = None) -> Book:
    """Read a workbook (.xlsx/.xlsm/.xls/.ods), an HTML table or a delimited text file.

    ``sheets``: names to load (default: all visible). Hidden sheets are not loaded unless
    ``include_hidden`` (or named in ``sheets``); a note says so. Raises :class:`ExcelFileError`
    (and only that, or :class:`CancelledError`) for anything wrong with the file.
    """
    path = Path(path)
    lim = limits or Limits.default()
    if max_rows is not None:
        lim = lim.with_(rows=max_rows)
    deadline = lim.deadline(path)
    try:
        kind = sniff(path, lim)
        if kind == "csv":
            return read_text_table(path, progress=progress, cancelled=cancelled, limits=lim,
                                   _deadline=deadline)
        if kind == "html":
            return _read_html(path, lim, deadline)
        if kind in ("xls", "ods"):
            return _read_calamine_only(path, kind, sheets, include_hidden, lim, deadline, progress,
                                       cancelled)
        return _read_xlsx(path, sheets, include_hidden, lim, deadline, progress, cancelled, engine)
    except (ReaderError, CancelledError):
        raise
    except MemoryError:
        raise ExcelFileError(path, "the file is too large to read in memory; keep only the rows and "
                                   "columns you need") from None
    except RecursionError:
        raise ExcelFileError(path, "the file is nested too deeply to read") from None
    except Exception as e:  # noqa: BLE001 - every library error becomes ours, with the file
        raise ExcelFileError(path, f"cannot read the file ({type(e).__name__}: "
                                   f"{prefix(str(e), 120)})") from None


def _choose(book: Book, entries: list[tuple[str, bool]], sheets, include_hidden: bool) -> list[str]:
    if callable(sheets):
        wanted = set(sheets(entries))
    else:
        wanted = set(sheets) if sheets is not None else None
    chosen = []
    for name, hidden in entries:
        if wanted is not None:
            if name in wanted:
                chosen.append(name)
            continue
        if hidden and not include_hidden:
            book.notes.append(f"hidden sheet {name!r} was not read (unhide it in Excel to import it)")
            continue
        chosen.append(name)
    return chosen


def _read_xlsx(path: Path, sheets, include_hidden: bool, lim: Limits, deadline: Deadline,
               progress: Progress | None, cancelled: Cancelled | None, engine: str | None) -> Book:
    zf = _open_zip(path, lim)
    try:
        entries = _workbook_sheets(path, zf, lim)
        if not entries:
            raise ExcelFileError(path, "the workbook has no sheets")
        names = set(zf.namelist())
        book = Book(path, "xlsx", [], all_sheets=[(e.name, e.hidden) for e in entries])
        picked = set(_choose(book, book.all_sheets, sheets, include_hidden))
        chosen = [e for e in entries if e.name in picked]
        long_strings = _long_shared_strings(path, zf, lim)
        scans = {}
        for e in chosen:
            if e.part not in names:
                # chartsheets and dialog sheets have no cells
                if e.part:
                    book.notes.append(f"sheet {e.name!r} has no cells (a chart sheet?)")
                continue
            scans[e.name] = _scan_sheet(path, zf, e, lim, long_strings)
            deadline.check(e.name)
    finally:
        zf.close()
    use_cal = (engine or "calamine") == "calamine"
    if use_cal and any(not s["calamine_ok"] for s in scans.values()):
        use_cal = False
    book.engine = "calamine" if use_cal else "openpyxl"
    total = sum(s["rows"] for s in scans.values()) or 1
    done = 0
    if use_cal:
        try:
            cwb = _calamine.CalamineWorkbook.from_path(str(path))
        except Exception as e:  # noqa: BLE001 - calamine raises its own error types
            raise ExcelFileError(path, f"cannot read the workbook: {prefix(str(e), 120)}") from None
        try:
            for e in chosen:
                if e.name not in scans:
                    continue
                if cancelled and cancelled():
                    raise CancelledError()
                rows = _calamine_rows(path, cwb, e.name, lim)
                done += _add_sheet(book, e, rows, scans[e.name], lim, deadline,
                                   checked=not long_strings.get("controls"))
                if progress:
                    progress(done, total)
        finally:
            cwb.close()
        return book
    import openpyxl

    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True, keep_links=False)
    except Exception as ex:  # noqa: BLE001 - openpyxl raises many types for damaged files
        raise ExcelFileError(path, f"cannot read the workbook: {type(ex).__name__}: "
                                   f"{prefix(str(ex), 120)}") from None
    try:
        for e in chosen:
            if e.name not in scans:
                continue
            ws = wb[e.name]
            if not hasattr(ws, "iter_rows"):
                continue
            ws.reset_dimensions()
            rows: list[list[Any]] = []
            try:
                for r in ws.iter_rows(values_only=True):
                    rows.append([_norm_value(v, True) for v in r])
                    if len(rows) > lim.rows:
                        lim.check_rows(len(rows), path, e.name)
                    if len(rows) % 2000 == 0:
                        deadline.check(e.name, len(rows))
                        if cancelled and cancelled():
                            raise CancelledError()
                        if progress:
                            progress(done + len(rows), total)
            except (ReaderError, CancelledError):
                raise
            except Exception as ex:  # noqa: BLE001 - defusedxml errors, damaged XML, ...
                raise ExcelFileError(path, f"cannot read the sheet ({type(ex).__name__}: "
                                           f"{prefix(str(ex), 120)})", sheet=e.name) from None
            done += _add_sheet(book, e, rows, scans[e.name], lim, deadline)
            if progress:
                progress(done, total)
    finally:
        wb.close()
    return book


def _calamine_rows(path: Path, cwb, name: str, lim: Limits) -> list[list[Any]]:
    try:
        cs = cwb.get_sheet_by_name(name)
    except Exception as ex:  # noqa: BLE001
        raise ExcelFileError(path, f"cannot read the sheet: {prefix(str(ex), 120)}", sheet=name) from None
    lim.check_rows(cs.height, path, name)
    lim.check_columns(cs.width, path, name)
    lim.check_cells(cs.height * cs.width, path, name)
    try:
        grid = cs.to_python(skip_empty_area=False)
    except Exception as ex:  # noqa: BLE001
        raise ExcelFileError(path, f"cannot read the sheet: {prefix(str(ex), 120)}", sheet=name) from None
    return [[None if v == "" else
             (int(v) if v.is_integer() and -2**53 < v < 2**53 else v) if type(v) is float else
             v if type(v) in (str, int) else _norm_value(v, False)
             for v in r] for r in grid]


def _too_many_rows(max_rows: int) -> str:
    return (f"more than {max_rows:,} rows; Chainwatch reads at most {max_rows:,} rows from a "
            "sheet (split the file, or keep only the rows you need)")


def _scan_sheet(path: Path, zf: zipfile.ZipFile, e: _SheetEntry, lim: Limits,
                long_strings: dict[int, int] | None = None) -> dict:
    data = _read_part(path, zf, e.part, lim)
    # counts first (in C, no objects per cell), so a sheet over the limits is refused cheaply
    n_cells = data.count(b"<c ") + data.count(b"<c>")
    n_rows = data.count(b"<row ") + data.count(b"<row>")
    if not n_cells and b":c" in data:      # a namespace prefix (<x:c ...>)
        n_cells = sum(1 for _ in _CELL_TAG.finditer(data))
        n_rows = sum(1 for _ in _ROW_TAG.finditer(data))
    lim.check_rows(n_rows, path, e.name)
    lim.check_cells(n_cells, path, e.name)
    cols = _CELL_COL.findall(data)
    n_refs = len(cols)
    max_col = max(map(_col_number, set(cols)), default=0)
    del cols
    max_row = max(map(int, set(_CELL_ROW.findall(data))), default=0)
    rows = max(max_row, n_rows)
    lim.check_rows(rows, path, e.name)
    if max_col > lim.columns:
        raise ExcelFileError(path, f"uses column {column_letter(max_col - 1)}; Chainwatch reads at "
                                   f"most {lim.columns:,} columns", sheet=e.name)
    lim.check_cells(rows * max(max_col, 1) if n_refs >= n_cells else n_cells, path, e.name)
    # a cell longer than the limit, written inline or as a shared string
    for start, end in _long_runs(data, lim.cell_chars):
        n = _text_chars(data, start, end)
        if n > lim.cell_chars:
            m = None
            for m in re.finditer(rb'<(?:\w+:)?c\b[^>]*\sr="([A-Z]{1,3})([0-9]{1,7})"', data[max(0, start - 4096):start]):
                pass
            col, row = (m.group(1).decode(), int(m.group(2))) if m else (None, None)
            raise ExcelFileError(path, f"the cell holds {n:,} characters; a cell holds at most "
                                       f"{lim.cell_chars:,} (Excel's own limit)", sheet=e.name,
                                 row=row, column=col)
    for idx, n in (long_strings or {}).items():
        if not isinstance(idx, int):
            continue
        m = re.search(rb'<(?:\w+:)?c\b[^>]*\sr="([A-Z]{1,3})([0-9]{1,7})"[^>]*\st="s"[^>]*>\s*<(?:\w+:)?v>'
                      + str(idx).encode() + rb'</', data)
        m = m or re.search(rb'<(?:\w+:)?c\b[^>]*\st="s"[^>]*\sr="([A-Z]{1,3})([0-9]{1,7})"[^>]*>\s*'
                           rb'<(?:\w+:)?v>' + str(idx).encode() + rb'</', data)
        if m:
            raise ExcelFileError(path, f"the cell holds {n:,} characters; a cell holds at most "
                                       f"{lim.cell_chars:,} (Excel's own limit)", sheet=e.name,
                                 row=int(m.group(2)), column=m.group(1).decode())
    merged = [m.group(1).decode() for m in _MERGE.finditer(data)] if b"mergeCell" in data else []
    formulas = data.count(b"<f>") + data.count(b"<f ") + data.count(b"<f/>")
    if not formulas and b":f" in data:
        formulas = len(_FORMULA_TAG.findall(data))
    no_value = []
    if formulas:
        for m in _NO_VALUE_FORMULA.finditer(data):
            ref = re.search(rb'\sr="([A-Z]{1,3}[0-9]{1,7})"', b" " + m.group(1))
            if ref:
                no_value.append(ref.group(1).decode())
    calamine_ok = n_refs >= n_cells and max_row <= lim.rows
    return {"rows": rows, "merged": merged, "formulas": formulas, "no_value": no_value,
            "calamine_ok": calamine_ok, "controls": _has_escaped_control(data)}


# ---- .xls and .ods (python-calamine) ------------------------------------------------------

_ODS_TABLE = re.compile(rb"<table:table\b[^>]*?table:name=\"([^\"]*)\"")
_ODS_ROW = re.compile(rb"<table:table-row\b([^>]*?)(/?)>")
_ODS_CELL = re.compile(rb"<table:(?:covered-)?table-cell\b([^>]*?)(/?)>")
_ODS_ROWS_REP = re.compile(rb'table:number-rows-repeated="(\d+)"')
_ODS_COLS_REP = re.compile(rb'table:number-columns-repeated="(\d+)"')


def _scan_ods(path: Path, lim: Limits, deadline: Deadline) -> None:
    """The used rectangle of every table in content.xml, before calamine allocates it.

    Rows and cells repeated by ``number-rows-repeated`` / ``number-columns-repeated`` count as
    many times as they repeat when they hold a value (trailing empty ones do not)."""
    zf = _open_zip(path, lim)
    try:
        if "content.xml" not in zf.namelist():
            raise ExcelFileError(path, "an OpenDocument file without content.xml (damaged?)")
        data = _read_part(path, zf, "content.xml", lim)
    finally:
        zf.close()
    for start, end in _long_runs(data, lim.cell_chars):
        n = _text_chars(data, start, end)
        if n > lim.cell_chars:
            raise ExcelFileError(path, f"a cell holds {n:,} characters; a cell holds at most "
                                       f"{lim.cell_chars:,} (Excel's own limit)")
    tables = [(m.start(), m.group(1).decode("utf-8", "replace")) for m in _ODS_TABLE.finditer(data)]
    for k, (t0, name) in enumerate(tables):
        t1 = tables[k + 1][0] if k + 1 < len(tables) else len(data)
        row_at, last_row, width = 0, 0, 0
        rows = list(_ODS_ROW.finditer(data, t0, t1))
        for i, rm in enumerate(rows):
            rep = _ODS_ROWS_REP.search(rm.group(1))
            rrep = int(rep.group(1)) if rep else 1
            if rm.group(2):  # <table:table-row/>: empty
                row_at += rrep
                continue
            r_end = rows[i + 1].start() if i + 1 < len(rows) else t1
            col, used = 0, 0
            for cm in _ODS_CELL.finditer(data, rm.end(), r_end):
                crep = _ODS_COLS_REP.search(cm.group(1))
                n = int(crep.group(1)) if crep else 1
                col += n
                if not cm.group(2) or b"office:value" in cm.group(1):
                    used = col
            row_at += rrep
            if used:
                last_row = row_at
                width = max(width, used)
            if i % 5000 == 4999:
                deadline.check(name, row_at)
        lim.check_rows(last_row, path, name)
        lim.check_columns(width, path, name)
        lim.check_cells(last_row * width, path, name)


def _read_calamine_only(path: Path, kind: str, sheets, include_hidden: bool, lim: Limits,
                        deadline: Deadline, progress: Progress | None,
                        cancelled: Cancelled | None) -> Book:
    if kind == "ods":
        _scan_ods(path, lim, deadline)
    label = "Excel 97-2003 workbook (.xls)" if kind == "xls" else "OpenDocument spreadsheet (.ods)"
    try:
        cwb = _calamine.CalamineWorkbook.from_path(str(path))
    except Exception as e:  # noqa: BLE001
        msg = str(e)
        if "password" in msg.lower() or "encrypt" in msg.lower():
            raise ExcelFileError(path, "this workbook is password-protected (encrypted); remove the "
                                       "password and save it again, then import that copy") from None
        raise ExcelFileError(path, f"cannot read this {label}: {prefix(msg, 120)}") from None
    try:
        metas = cwb.sheets_metadata
        entries = [(m.name, str(m.visible).lower().endswith("hidden")) for m in metas]
        book = Book(path, kind, [], all_sheets=entries, engine="calamine")
        picked = _choose(book, entries, sheets, include_hidden)
        total = len(picked) or 1
        for k, name in enumerate(picked):
            if cancelled and cancelled():
                raise CancelledError()
            hidden = dict(entries).get(name, False)
            rows = _calamine_rows(path, cwb, name, lim)
            rows = _finish_rows(path, name, rows, lim, deadline, book.notes)
            book.sheets.append(Sheet(name, rows, hidden))
            deadline.check(name)
            if progress:
                progress(k + 1, total)
    finally:
        cwb.close()
    return book


# ---- HTML tables ("Excel" exports that are web pages) ----------------------------------------

def _read_html(path: Path, lim: Limits, deadline: Deadline) -> Book:
    """Every <table> of an HTML file as a sheet (cells as text), as terminals export "Excel"."""
    from html.parser import HTMLParser

    data = path.read_bytes()
    m = re.search(rb"<meta[^>]+charset=[\"']?([A-Za-z0-9_-]+)", data[:4096], re.I)
    text = None
    encoding = None
    if m:
        enc = m.group(1).decode("ascii").lower()
        enc = {"gb2312": "gb18030", "gbk": "gb18030"}.get(enc, enc)
        try:
            text, encoding = data.decode(enc), enc
        except (LookupError, UnicodeDecodeError):
            text = None
    if text is None:
        text, encoding = decode_text(path, data)

    class _Tables(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.tables: list[list[list[str | None]]] = []
            self.depth = 0
            self.row: list[str | None] | None = None
            self.cell: list[str] | None = None

        def handle_starttag(self, tag, attrs):
            if tag == "table":
                self.depth += 1
                if self.depth == 1:
                    self.tables.append([])
            elif self.depth == 1 and tag == "tr":
                self._end_row()
                self.row = []
            elif self.depth == 1 and tag in ("td", "th"):
                self._end_cell()
                if self.row is None:
                    self.row = []
                self.cell = []
            elif tag == "br" and self.cell is not None:
                self.cell.append("\n")

        def handle_endtag(self, tag):
            if tag == "table":
                if self.depth == 1:
                    self._end_row()
                self.depth = max(0, self.depth - 1)
            elif self.depth == 1 and tag == "tr":
                self._end_row()
            elif self.depth == 1 and tag in ("td", "th"):
                self._end_cell()

        def handle_data(self, d):
            if self.cell is not None:
                self.cell.append(d)

        def _end_cell(self):
            if self.cell is not None and self.row is not None:
                v = re.sub(r"[ \t\r\n\u00a0]+", " ", "".join(self.cell)).strip()
                self.row.append(v or None)
            self.cell = None

        def _end_row(self):
            self._end_cell()
            if self.row is not None and self.tables:
                self.tables[-1].append(self.row)
                if len(self.tables[-1]) > lim.rows:
                    lim.check_rows(len(self.tables[-1]), path)
                if len(self.tables[-1]) % 5000 == 0:
                    deadline.check(None, len(self.tables[-1]))
            self.row = None

    parser = _Tables()
    step = 1 << 20
    for i in range(0, len(text), step):
        parser.feed(text[i:i + step])
        deadline.check()
    parser.close()
    tables = [t for t in parser.tables if any(any(v for v in r) for r in t)]
    if not tables:
        raise ExcelFileError(path, "an HTML file without a table: nothing to import")
    book = Book(path, "html", [], encoding=encoding, engine="html")
    for k, rows in enumerate(tables):
        name = f"{path.stem}" if len(tables) == 1 else f"table {k + 1}"
        width = max((len(r) for r in rows), default=0)
        lim.check_columns(width, path, name)
        lim.check_cells(width * len(rows), path, name)
        rows = _finish_rows(path, name, rows, lim, deadline, book.notes, text_cells=True)
        book.sheets.append(Sheet(name, rows))
        book.all_sheets.append((name, False))
    book.notes.append("an HTML table with an Excel name: read as a web page's table")
    return book


# ---- delimited text ------------------------------------------------------------------------

def _share_of(text: str, encoding: str, accept=lambda b: True) -> float:
    """Share of the non-ASCII characters that ``encoding`` can encode (and ``accept`` takes)."""
    chars = [c for c in text if ord(c) > 127]
    if not chars:
        return 1.0
    ok = 0
    for c in chars:
        if ord(c) > 0xFFFF and encoding == "gb2312":
            # CJK Extension B-G and other supplementary-plane ideographs: GB18030 (only) has them
            ok += 0x20000 <= ord(c) <= 0x3134F
            continue
        try:
            ok += bool(accept(c.encode(encoding)))
        except UnicodeEncodeError:
            pass
    return ok / len(chars)


def _plausible_hans(text: str) -> float:
    """Share of non-ASCII characters that are in GB2312 (the common Simplified set), or are
    supplementary-plane ideographs (rare names that GB18030 alone encodes)."""
    return _share_of(text, "gb2312")


def _plausible_hant(text: str) -> float:
    """Share of non-ASCII characters in Big5's symbols and level-1 (common) characters."""
    return _share_of(text, "big5", lambda b: len(b) == 2 and 0xA1 <= b[0] <= 0xC6)


def _no_controls(text: str) -> bool:
    return not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ue000-\uf8ff\ufffd]", text)


def decode_text(path: Path, data: bytes) -> tuple[str, str]:
    """(text, encoding name). Tries UTF-8 (BOM or not), UTF-16 (BOM), GB18030, Big5."""
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "UTF-8 (BOM)"
        except UnicodeDecodeError as e:
            raise ExcelFileError(path, f"starts with a UTF-8 mark but is not UTF-8 (byte {e.start})") \
                from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError:
            raise ExcelFileError(path, "starts with a UTF-16 mark but is not UTF-16") from None
    if b"\x00" in data[:4096] and data.count(b"\x00") > max(16, len(data) // 100):
        # UTF-16 without a mark (some exports): ASCII text with every other byte zero
        head = data[:4096]
        if len(head) >= 4 and head[1::2].count(0) > len(head) // 4 and head[0::2].count(0) == 0:
            try:
                return data.decode("utf-16-le"), "UTF-16"
            except UnicodeDecodeError:
                pass
        raise ExcelFileError(path, "a binary file, not text (CSV)")
    try:
        text = data.decode("utf-8")
        if _no_controls(text):
            return text, "UTF-8"
    except UnicodeDecodeError:
        pass
    candidates = []
    for enc, label, score_fn in (("gb18030", "GB18030/GBK", _plausible_hans),
                                 ("big5", "Big5", _plausible_hant)):
        try:
            t = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if not _no_controls(t):
            continue
        candidates.append((score_fn(t), enc == "gb18030", t, label))
    candidates.sort(key=lambda c: (c[0], c[1]), reverse=True)
    if candidates and candidates[0][0] >= 0.85:
        return candidates[0][2], candidates[0][3]
    try:
        text = data.decode("utf-8")
        return text, "UTF-8"   # valid UTF-8 with control characters: they are removed later
    except UnicodeDecodeError:
        pass
    raise ExcelFileError(path, "cannot tell the text encoding (tried UTF-8, GB18030/GBK and Big5; "
                               "none reads as plausible text); save it as 'CSV UTF-8' and try again")


def sniff_delimiter(text: str) -> str:
    """The delimiter of a text table: the one of tab, comma, semicolon (ASCII or full-width
    ``；`` is not a delimiter: it is text) and bar that splits the first lines most evenly."""
    sample = text[:65536]
    first_lines = [ln for ln in sample.splitlines()[:50] if ln.strip()]
    if not first_lines:
        return ","
    best, best_score = ",", (0, 0)
    for d in (",", "\t", ";", "|"):
        counts = [_count_outside_quotes(ln, d) for ln in first_lines]
        if not any(counts):
            continue
        same = max(counts.count(c) for c in set(counts) if c)
        score = (same, sum(counts))
        if score > best_score:
            best, best_score = d, score
    return best


def _count_outside_quotes(line: str, d: str) -> int:
    if '"' not in line:
        return line.count(d)
    n, quoted = 0, False
    for ch in line:
        if ch == '"':
            quoted = not quoted
        elif ch == d and not quoted:
            n += 1
    return n


def read_text_table(path: Path | str, *, max_rows: int | None = None, progress: Progress | None = None,
                    cancelled: Cancelled | None = None, limits: Limits | None = None,
                    _deadline: Deadline | None = None) -> Book:
    """A CSV / TSV file: every cell is text."""
    path = Path(path)
    lim = limits or Limits.default()
    if max_rows is not None:
        lim = lim.with_(rows=max_rows)
    deadline = _deadline or lim.deadline(path)
    lim.check_file_size(path)
    data = path.read_bytes()
    if data.startswith(b"PK") or data.startswith(CFB_MAGIC):
        raise ExcelFileError(path, "a workbook with a text file's name; rename it to .xlsx")
    text, encoding = decode_text(path, data)
    del data
    if not text.strip():
        raise ExcelFileError(path, "the file is empty (it holds no text"
                                   + (", only a byte-order mark" if encoding in ("UTF-8 (BOM)", "UTF-16") else "")
                                   + ")")
    delimiter = sniff_delimiter(text)
    rows: list[list[Any]] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    width = 0
    try:
        for r in reader:
            rows.append([c if c != "" else None for c in r])
            if len(r) > width:
                width = len(r)
                lim.check_columns(width, path)
            if len(rows) > lim.rows:
                lim.check_rows(len(rows), path)
            if len(rows) % 5000 == 0:
                deadline.check(None, len(rows))
                lim.check_cells(len(rows) * width, path)
                if cancelled and cancelled():
                    raise CancelledError()
                if progress:
                    progress(len(rows), 0)
    except csv.Error as e:
        if "field larger than field limit" in str(e):
            raise ExcelFileError(path, f"a cell holds more than {csv.field_size_limit():,} "
                                       f"characters; a cell holds at most {lim.cell_chars:,}",
                                 row=reader.line_num) from None
        raise ExcelFileError(path, f"not a readable CSV ({e})", row=reader.line_num) from None
    lim.check_cells(len(rows) * width, path)
    book = Book(path, "csv", [], encoding=encoding, delimiter=delimiter, engine="csv")
    rows = _finish_rows(path, None, rows, lim, deadline, book.notes, text_cells=True)
    name = path.stem
    book.sheets.append(Sheet(name, rows))
    book.all_sheets.append((name, False))
    if encoding not in ("UTF-8", "UTF-8 (BOM)"):
        book.notes.append(f"read as {encoding} text")
    if progress:
        progress(len(rows), len(rows))
    return book


__all__ = [
    "Book", "CancelledError", "ExcelFileError", "Limits", "MAX_ROWS", "Problem", "ReaderError", "Sheet",
    "column_letter", "decode_text", "neutralise", "ooxml_escape", "ooxml_unescape", "read_book",
    "read_text_table", "restore", "sniff", "sniff_delimiter", "where",
]
