"""Reading spreadsheets safely: .xlsx / .xlsm workbooks and delimited text (.csv, .tsv, .txt).

Everything that can go wrong with a file a user picks becomes an :class:`ExcelFileError` whose
message says what the file is and what to do, before anything is changed:

* not a workbook at all (wrong bytes), a damaged or truncated zip, an encrypted
  (password-protected) workbook or an old Excel 97-2003 ``.xls`` (both are OLE compound files,
  magic ``D0 CF 11 E0``), an empty file;
* XML with a document type declaration (``<!DOCTYPE``/``<!ENTITY``: the "billion laughs" XML
  bomb) -- refused by our own scan of every XML part's prolog, and independently by openpyxl,
  which parses worksheets through ``defusedxml`` when it is installed
  (``openpyxl.xml.DEFUSEDXML``);
* zip bombs (more than :data:`MAX_PART_BYTES` in one part, :data:`MAX_TOTAL_BYTES` in all);
* more than :data:`MAX_ROWS` rows on a sheet (100,000: far more than any watchlist; split the
  file) or more than :data:`MAX_COLUMNS` columns;
* text in an encoding we cannot tell (we try UTF-8 with or without BOM, UTF-16 with BOM, then
  GB18030 (a superset of GBK) and Big5, and keep a Chinese decoding only when it reads as
  plausible Chinese).

Cells come back as Python values: ``None``, ``str``, ``int`` (whole numbers), ``float``,
``bool``, ``datetime.datetime`` / ``datetime.date``. Text cells are never turned into numbers;
CSV cells are always text. Formula cells give their last calculated (cached) value; the
coordinates of formulas without one are listed on the :class:`Sheet`. Merged ranges and hidden
sheets are reported, so callers can say what they did with them.

Two engines read workbooks: python-calamine (Rust, about 10x faster) when it is installed and
the sheet is safe for it, otherwise openpyxl in read-only (streaming) mode. calamine allocates
the sheet's full rectangle, so a sheet with one cell at ``A1`` and one at ``XFD200000`` would
abort the process; our pre-scan of the sheet XML measures the used rectangle first and hands
anything large, sparse or unusual to openpyxl instead.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, Callable, Iterable

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]

MAX_ROWS = 100_000            # rows on one sheet (header included) -- documented limit
MAX_COLUMNS = 1_000
MAX_FILE_BYTES = 200 * 2**20  # a CSV or workbook file on disk
MAX_PART_BYTES = 256 * 2**20  # one XML part, uncompressed
MAX_TOTAL_BYTES = 1024 * 2**20
CALAMINE_MAX_CELLS = 4_000_000  # used rectangle up to which calamine may allocate it

CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
WORKBOOK_EXTS = {".xlsx", ".xlsm", ".xltx", ".xltm"}
TEXT_EXTS = {".csv", ".tsv", ".txt", ".tab"}

try:  # optional accelerator
    import python_calamine as _calamine
except ImportError:  # pragma: no cover - depends on the environment
    _calamine = None

USE_CALAMINE = _calamine is not None


class ExcelFileError(Exception):
    """A file that cannot be read, with where and why."""

    def __init__(self, path: Path | str | None, message: str, sheet: str | None = None,
                 row: int | None = None, column: str | None = None):
        self.path = Path(path) if path else None
        self.message = message
        self.sheet, self.row, self.column = sheet, row, column
        super().__init__(where(self.path, sheet, row, column) + message)


class CancelledError(Exception):
    """The caller's ``cancelled()`` returned True."""


def where(path: Path | str | None, sheet: str | None = None, row: int | None = None,
          column: str | None = None) -> str:
    parts = []
    if path:
        parts.append(Path(path).name)
    if sheet:
        parts.append(f"sheet {sheet!r}")
    if row:
        parts.append(f"row {row}")
    if column:
        parts.append(f"column {column}")
    return (", ".join(parts) + ": ") if parts else ""


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
    kind: str                     # xlsx | csv
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

def _cfb_message(path: Path, data: bytes) -> str:
    enc = "EncryptionInfo".encode("utf-16-le")
    if enc in data or "EncryptedPackage".encode("utf-16-le") in data:
        return ("this workbook is password-protected (encrypted); open it in Excel or LibreOffice, "
                "remove the password (Excel: File > Info > Protect Workbook > Encrypt with Password) "
                "and save it as .xlsx, then import that copy")
    if "Workbook".encode("utf-16-le") in data or "Book".encode("utf-16-le") in data:
        return ("this is an old Excel 97-2003 workbook (.xls); open it in Excel or LibreOffice and "
                "save it as an Excel Workbook (.xlsx) or as CSV UTF-8, then import that")
    return ("this is an OLE compound file (magic D0CF11E0), not an .xlsx workbook: a "
            "password-protected workbook or an old .xls; save it as .xlsx without a password")


def sniff(path: Path) -> str:
    """'xlsx' or 'csv' for a file we can read; raises ExcelFileError otherwise."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise ExcelFileError(path, "file not found") from None
    if path.is_dir():
        raise ExcelFileError(path, "is a folder, not a file")
    if size == 0:
        raise ExcelFileError(path, "the file is empty (0 bytes)")
    if size > MAX_FILE_BYTES:
        raise ExcelFileError(path, f"the file is {size / 2**20:.0f} MB; the limit is "
                                   f"{MAX_FILE_BYTES // 2**20} MB")
    with open(path, "rb") as f:
        head = f.read(8)
    ext = path.suffix.lower()
    if head.startswith(CFB_MAGIC):
        with open(path, "rb") as f:
            data = f.read(min(size, 64 * 2**20))
        raise ExcelFileError(path, _cfb_message(path, data))
    if head.startswith(b"PK"):
        return "xlsx"
    if ext in WORKBOOK_EXTS:
        raise ExcelFileError(path, "not an Excel workbook: an .xlsx file is a zip archive and this "
                                   "file is not one (was it renamed, or only partly downloaded?)")
    if ext in {".xls"}:
        # 同花顺 and several terminals write tab-separated text with an .xls name.
        return "csv"
    if ext in {".ods", ".numbers", ".et"}:
        raise ExcelFileError(path, f"{ext} files are not supported; save it as .xlsx or CSV UTF-8")
    return "csv"


# ---- workbooks ---------------------------------------------------------------------------

_ROOT_START = re.compile(rb"<(?![?!])")
_CELL_REF = re.compile(rb'\sr="([A-Z]{1,3})([0-9]{1,7})"')
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


def _read_part(path: Path, zf: zipfile.ZipFile, name: str) -> bytes:
    info = zf.getinfo(name)
    if info.file_size > MAX_PART_BYTES:
        raise ExcelFileError(path, f"the part {name} unpacks to {info.file_size / 2**20:.0f} MB; "
                                   f"the limit is {MAX_PART_BYTES // 2**20} MB")
    out = io.BytesIO()
    with zf.open(info) as f:
        while True:
            chunk = f.read(2**20)
            if not chunk:
                break
            out.write(chunk)
            if out.tell() > MAX_PART_BYTES:
                raise ExcelFileError(path, f"the part {name} unpacks to more than "
                                           f"{MAX_PART_BYTES // 2**20} MB (a zip bomb?)")
    return out.getvalue()


@dataclass
class _SheetEntry:
    name: str
    part: str
    hidden: bool


def _workbook_sheets(path: Path, zf: zipfile.ZipFile) -> list[_SheetEntry]:
    from defusedxml import ElementTree as DET

    ns_main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    ns_rel = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
    names = set(zf.namelist())
    wb_part = "xl/workbook.xml"
    if wb_part not in names:
        # the workbook part may have another name; [Content_Types].xml / _rels/.rels say which
        try:
            rels = DET.fromstring(_read_part(path, zf, "_rels/.rels"))
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
        wb = DET.fromstring(_read_part(path, zf, wb_part))
        base = PurePosixPath(wb_part).parent
        rels_part = str(base / "_rels" / (PurePosixPath(wb_part).name + ".rels"))
        rels = DET.fromstring(_read_part(path, zf, rels_part)) if rels_part in names else []
    except DET.ParseError as e:
        raise ExcelFileError(path, f"the workbook structure is damaged ({e})") from None
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


def _open_zip(path: Path) -> zipfile.ZipFile:
    try:
        zf = zipfile.ZipFile(path)
    except zipfile.BadZipFile as e:
        raise ExcelFileError(path, "the workbook is damaged or truncated (the zip archive is "
                                   f"incomplete: {e}); save it again or copy it again") from None
    except OSError as e:
        raise ExcelFileError(path, f"cannot open: {e}") from None
    infos = zf.infolist()
    total = sum(i.file_size for i in infos)
    if total > MAX_TOTAL_BYTES:
        zf.close()
        raise ExcelFileError(path, f"the workbook unpacks to {total / 2**20:.0f} MB; the limit is "
                                   f"{MAX_TOTAL_BYTES // 2**20} MB")
    try:
        bad = zf.testzip() if path.stat().st_size < 32 * 2**20 else None
    except (zipfile.BadZipFile, EOFError, OSError, Exception) as e:  # zlib.error
        zf.close()
        raise ExcelFileError(path, f"the workbook is damaged or truncated ({e})") from None
    if bad is not None:
        zf.close()
        raise ExcelFileError(path, f"the workbook is damaged: part {bad} fails its checksum")
    for info in infos:
        if info.filename.endswith((".xml", ".rels", ".vml")):
            _check_prolog(path, zf, info)
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



def _add_sheet(book, entry, rows: list[list], scan: dict) -> int:
    """Trim trailing empty rows, add the sheet to the book; returns the rows it counts for progress."""
    while rows and not any(v is not None for v in rows[-1]):
        rows.pop()
    book.sheets.append(Sheet(entry.name, rows, entry.hidden, scan["merged"], scan["formulas"], scan["no_value"]))
    return scan["rows"]

def read_book(path: Path | str, *, sheets: Iterable[str] | Callable[[list[tuple[str, bool]]], Iterable[str]]
              | None = None, include_hidden: bool = False,
              max_rows: int = MAX_ROWS, progress: Progress | None = None,
              cancelled: Cancelled | None = None, engine: str | None = None) -> Book:
    """Read a workbook or a delimited text file. ``sheets``: names to load (default: all visible).

    Hidden sheets are not loaded unless ``include_hidden`` (or named in ``sheets``); a note says so.
    """
    path = Path(path)
    kind = sniff(path)
    if kind == "csv":
        return read_text_table(path, max_rows=max_rows, progress=progress, cancelled=cancelled)
    zf = _open_zip(path)
    try:
        entries = _workbook_sheets(path, zf)
        if not entries:
            raise ExcelFileError(path, "the workbook has no sheets")
        if callable(sheets):
            wanted = set(sheets([(e.name, e.hidden) for e in entries]))
        else:
            wanted = set(sheets) if sheets is not None else None
        names = set(zf.namelist())
        book = Book(path, "xlsx", [], all_sheets=[(e.name, e.hidden) for e in entries])
        chosen: list[_SheetEntry] = []
        for e in entries:
            if wanted is not None:
                if e.name in wanted:
                    chosen.append(e)
                continue
            if e.hidden and not include_hidden:
                book.notes.append(f"hidden sheet {e.name!r} was not read (unhide it in Excel to "
                                  "import it)")
                continue
            chosen.append(e)
        scans = {}
        for e in chosen:
            if e.part not in names:
                # chartsheets and dialog sheets have no cells
                if e.part:
                    book.notes.append(f"sheet {e.name!r} has no cells (a chart sheet?)")
                continue
            scans[e.name] = _scan_sheet(path, zf, e, max_rows)
    finally:
        zf.close()
    use_cal = (engine or ("calamine" if USE_CALAMINE else "openpyxl")) == "calamine"
    if use_cal and any(not s["calamine_ok"] for s in scans.values()):
        use_cal = False
    book.engine = "calamine" if use_cal else "openpyxl"
    total = sum(s["rows"] for s in scans.values()) or 1
    done = 0
    if use_cal:
        try:
            cwb = _calamine.CalamineWorkbook.from_path(str(path))
        except Exception as e:  # noqa: BLE001 - calamine raises its own error types
            raise ExcelFileError(path, f"cannot read the workbook: {e}") from None
        try:
            for e in chosen:
                if e.name not in scans:
                    continue
                if cancelled and cancelled():
                    raise CancelledError()
                try:
                    cs = cwb.get_sheet_by_name(e.name)
                    grid = cs.to_python(skip_empty_area=False)
                except Exception as ex:  # noqa: BLE001
                    raise ExcelFileError(path, f"cannot read the sheet: {ex}", sheet=e.name) from None
                rows = [[None if v == "" else
                         (int(v) if v.is_integer() and -2**53 < v < 2**53 else v) if type(v) is float else
                         v if type(v) in (str, int) else _norm_value(v, False)
                         for v in r] for r in grid]
                done += _add_sheet(book, e, rows, scans[e.name])
                if progress:
                    progress(done, total)
        finally:
            cwb.close()
        return book
    import openpyxl

    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True, keep_links=False)
    except Exception as ex:  # noqa: BLE001 - openpyxl raises many types for damaged files
        raise ExcelFileError(path, f"cannot read the workbook: {type(ex).__name__}: {ex}") from None
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
                    if len(rows) > max_rows:
                        raise ExcelFileError(path, _too_many_rows(max_rows), sheet=e.name)
                    if len(rows) % 2000 == 0:
                        if cancelled and cancelled():
                            raise CancelledError()
                        if progress:
                            progress(done + len(rows), total)
            except (ExcelFileError, CancelledError):
                raise
            except Exception as ex:  # noqa: BLE001 - defusedxml errors, damaged XML, ...
                raise ExcelFileError(path, f"cannot read the sheet ({type(ex).__name__}: {ex})",
                                     sheet=e.name) from None
            width = max((len(r) for r in rows), default=0)
            for r in rows:
                if len(r) < width:
                    r.extend([None] * (width - len(r)))
            done += _add_sheet(book, e, rows, scans[e.name])
            if progress:
                progress(done, total)
    finally:
        wb.close()
    return book


def _too_many_rows(max_rows: int) -> str:
    return (f"more than {max_rows:,} rows; Chainwatch imports at most {max_rows:,} rows from a "
            "sheet (split the file, or keep only the rows you need)")


def _scan_sheet(path: Path, zf: zipfile.ZipFile, e: _SheetEntry, max_rows: int) -> dict:
    data = _read_part(path, zf, e.part)
    refs = _CELL_REF.findall(data)          # [(letters, digits)], in C
    n_refs = len(refs)
    max_row = max(map(int, {r for _, r in refs}), default=0)
    max_col = max(map(_col_number, {c for c, _ in refs}), default=0)
    del refs
    n_rows = len(_ROW_TAG.findall(data))
    n_cells = len(_CELL_TAG.findall(data))
    rows = max(max_row, n_rows)
    if rows > max_rows:
        raise ExcelFileError(path, _too_many_rows(max_rows), sheet=e.name)
    if max_col > MAX_COLUMNS:
        raise ExcelFileError(path, f"uses column {column_letter(max_col - 1)}; Chainwatch reads at "
                                   f"most {MAX_COLUMNS:,} columns", sheet=e.name)
    merged = [m.group(1).decode() for m in _MERGE.finditer(data)]
    formulas = len(_FORMULA_TAG.findall(data))
    no_value = []
    if formulas:
        for m in _NO_VALUE_FORMULA.finditer(data):
            ref = re.search(rb'\sr="([A-Z]{1,3}[0-9]{1,7})"', b" " + m.group(1))
            if ref:
                no_value.append(ref.group(1).decode())
    calamine_ok = (n_refs >= n_cells and max_row * max(max_col, 1) <= CALAMINE_MAX_CELLS
                   and max_row <= max_rows)
    return {"rows": rows, "merged": merged, "formulas": formulas, "no_value": no_value,
            "calamine_ok": calamine_ok}


# ---- delimited text ------------------------------------------------------------------------

def _share_of(text: str, encoding: str, accept=lambda b: True) -> float:
    """Share of the non-ASCII characters that ``encoding`` can encode (and ``accept`` takes)."""
    chars = [c for c in text if ord(c) > 127]
    if not chars:
        return 1.0
    ok = 0
    for c in chars:
        try:
            ok += bool(accept(c.encode(encoding)))
        except UnicodeEncodeError:
            pass
    return ok / len(chars)


def _plausible_hans(text: str) -> float:
    """Share of non-ASCII characters that are in GB2312 (the common Simplified set)."""
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
    if b"\x00" in data[:4096]:
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
    raise ExcelFileError(path, "cannot tell the text encoding (tried UTF-8, GB18030/GBK and Big5; "
                               "none reads as plausible text); save it as 'CSV UTF-8' and try again")


def read_text_table(path: Path | str, *, max_rows: int = MAX_ROWS, progress: Progress | None = None,
                    cancelled: Cancelled | None = None) -> Book:
    """A CSV / TSV file: every cell is text."""
    path = Path(path)
    data = path.read_bytes()
    if len(data) > MAX_FILE_BYTES:
        raise ExcelFileError(path, f"the file is larger than {MAX_FILE_BYTES // 2**20} MB")
    if data.startswith(b"PK") or data.startswith(CFB_MAGIC):
        raise ExcelFileError(path, "a workbook with a text file's name; rename it to .xlsx")
    text, encoding = decode_text(path, data)
    sample = text[:65536]
    delimiter = ","
    first_lines = [ln for ln in sample.splitlines()[:50] if ln.strip()]
    counts = {d: sum(ln.count(d) for ln in first_lines) for d in (",", "\t", ";", "|")}
    best = max(counts, key=lambda d: counts[d])
    if counts[best] > 0:
        delimiter = best if counts[best] >= counts[","] else ","
    rows: list[list[Any]] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for r in reader:
            rows.append([c if c != "" else None for c in r])
            if len(rows) > max_rows:
                raise ExcelFileError(path, _too_many_rows(max_rows))
            if len(rows) % 5000 == 0:
                if cancelled and cancelled():
                    raise CancelledError()
                if progress:
                    progress(len(rows), 0)
    except csv.Error as e:
        raise ExcelFileError(path, f"not a readable CSV ({e})", row=reader.line_num) from None
    width = max((len(r) for r in rows), default=0)
    if width > MAX_COLUMNS:
        raise ExcelFileError(path, f"{width} columns; Chainwatch reads at most {MAX_COLUMNS:,}")
    for r in rows:
        if len(r) < width:
            r.extend([None] * (width - len(r)))
    while rows and not any(v is not None for v in rows[-1]):
        rows.pop()
    name = path.stem
    book = Book(path, "csv", [Sheet(name, rows)], all_sheets=[(name, False)], encoding=encoding,
                delimiter=delimiter, engine="csv")
    if encoding not in ("UTF-8", "UTF-8 (BOM)"):
        book.notes.append(f"read as {encoding} text")
    if progress:
        progress(len(rows), len(rows))
    return book


__all__ = [
    "Book", "CancelledError", "ExcelFileError", "MAX_ROWS", "Problem", "Sheet", "column_letter",
    "decode_text", "neutralise", "ooxml_escape", "ooxml_unescape", "read_book", "read_text_table",
    "restore", "sniff", "where",
]
