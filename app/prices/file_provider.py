"""Price history from CSV / Excel files as Wind, Choice, Yahoo and akshare write them.

The layout is recognised from the headers, not the file name:

* **Wind / Choice** (万得, 东方财富 Choice): Chinese headers such as ``日期``/``交易日期``,
  ``开盘价(元)`` ... ``收盘价(元)``, ``成交量(股)``, ``成交额(元)``/``成交金额``; a code column
  (``代码``, ``证券代码``) or the code in the lines above the header (``证券代码, 600519.SH``);
  a footer like ``数据来源：Wind``. Units in brackets are applied (``手`` = 100 shares, ``万``, ``亿``);
  ``(前复权)`` / ``(后复权)`` in a header sets the adjustment.
* **Yahoo**: ``Date, Open, High, Low, Close, Adj Close, Volume`` (the web download; the code comes
  from the file name, e.g. ``0700.HK.csv``), and yfinance's ``to_csv`` with its
  ``Price / Ticker / Date`` header rows. With ``Adj Close``, bars are forward-adjusted (``qfq``)
  by scaling open/high/low/close by ``Adj Close / Close``.
* **akshare**: ``日期, 股票代码, 开盘, 收盘, 最高, 最低, 成交量, 成交额 ...`` (``df.to_csv``, with or
  without the index column); A-share volume is in lots of 100 and is converted to shares.
* Anything else with recognisable English or Chinese date / OHLC headers.

Files are read by the same safe readers, within the same limits, as watchlist imports
(:mod:`app.excel.readers`, :class:`app.limits.Limits`: file size, part size, rows, columns,
32,767 characters per cell, 20 s): .csv / .txt / .tsv in UTF-8, UTF-16 or GB18030, .xlsx, .xls,
.ods, and HTML tables named .xls. Every error is a :class:`PriceFileError` (a
:class:`app.limits.ReaderError`) with file, sheet, row and column.

Numbers follow the file's format: decimal point or decimal comma (``350,5``, ``1.234,50``; the
European Excel default, semicolon-separated) is detected from the values (:mod:`app.numbers`);
a value that reads both ways in a file that does not say which is refused, never guessed.
Dates outside 1900-2100 are refused. An identical duplicate row is reported in the notes;
the same day twice with other prices is an error. Chinese headers are taken as akshare's
(A-share volume in lots of 100) only when the columns are akshare's layout
(``日期, [股票代码,] 开盘, 收盘, 最高, 最低, 成交量, ...``: open before close before high).

Codes are always read as text (never numbers); a code that Excel stored as a number is refused
(its leading zeros are gone). Every bad cell is reported with file, sheet, row and column, and
nothing is returned unless the whole file is good.
"""
from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from app.codes import CodeError, Market
from app.excel.readers import Book, read_book
from app.limits import Limits, ReaderError, prefix
from app.numbers import NumberFormatError, detect_format, parse_decimal
from app.prices.providers import (
    ADJUSTMENTS, PriceError, PriceQuery, Provider, empty_frame, normalise,
)
from app.prices.symbols import canonical, market_of

MAX_PROBLEMS = 20
PRICE_FILE_SUFFIXES = {".csv", ".txt", ".tsv", ".tab", ".xlsx", ".xlsm", ".xls", ".ods", ".htm", ".html",
                       ""}
HEADER_SCAN_ROWS = 30

# normalised header text -> field
_ALIASES: dict[str, str] = {}
for _field, _names in {
    "date": ["日期", "交易日期", "交易日", "时间", "date", "tradedate", "trade_date", "datetime", "time"],
    "open": ["开盘", "开盘价", "今开", "open", "openprice"],
    "high": ["最高", "最高价", "high", "highprice"],
    "low": ["最低", "最低价", "low", "lowprice"],
    "close": ["收盘", "收盘价", "close", "closeprice", "price"],
    "adj_close": ["adjclose", "adj_close", "adjustedclose", "复权收盘价"],
    "volume": ["成交量", "volume", "vol"],
    "amount": ["成交额", "成交金额", "amount", "turnover", "value"],
    "code": ["代码", "证券代码", "股票代码", "wind代码", "choice代码", "code", "symbol", "ticker",
             "ts_code", "tscode", "交易代码", "secucode"],
    "name": ["名称", "简称", "证券简称", "证券名称", "股票名称", "股票简称", "name"],
}.items():
    for _n in _names:
        _ALIASES[_n] = _field

_UNIT_FACTORS = {"手": 100.0, "百股": 100.0, "股": 1.0, "元": 1.0, "千元": 1e3, "万": 1e4, "万股": 1e4,
                 "万元": 1e4, "百万": 1e6, "百万元": 1e6, "亿": 1e8, "亿元": 1e8, "亿股": 1e8,
                 "shares": 1.0, "lots": 100.0}
_MISSING = {"", "-", "--", "—", "null", "nan", "none", "n/a", "na", "#n/a"}
_FOOTER = re.compile(r"^(数据来源|来源|source|注[:：]|备注)", re.I)
_YMD = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T].*)?$")


class PriceFileError(PriceError, ReaderError):
    """A file that cannot be imported; ``problems`` lists every bad cell found (up to a limit).

    A :class:`ReaderError` too: ``file``, ``sheet``, ``row``, ``column`` say where (the message
    already names them)."""

    def __init__(self, message: str, problems: list[str] | None = None, *, file=None,
                 sheet: str | None = None, row: int | None = None, column: str | None = None):
        self.problems = problems or []
        self.path = Path(file) if file else None
        self.file = self.path.name if self.path else ""
        self.message = message
        self.sheet, self.row, self.column = sheet, row, column
        Exception.__init__(self, message)

    @classmethod
    def of(cls, e: ReaderError) -> "PriceFileError":
        return cls(str(e), file=e.path, sheet=e.sheet, row=e.row, column=e.column)


@dataclass
class FileInfo:
    """What was recognised in a file."""

    path: Path
    layout: str                  # wind, choice, yahoo, akshare, generic
    sheet: str | None
    header_row: int              # 1-based, as a spreadsheet shows it
    columns: dict[str, str]      # field -> header text
    adjustment: str
    code_from: str               # column, header, option, file name, ticker row
    rows: int = 0
    skipped: int = 0             # blank / footer / no-trade rows
    notes: list[str] = field(default_factory=list)


def _norm_header(cell: Any) -> tuple[str, str]:
    """(key, qualifier): key without units/brackets/spaces, lower-case; qualifier = bracket text."""
    s = "" if cell is None or (isinstance(cell, float) and math.isnan(cell)) else str(cell)
    s = s.replace("\ufeff", "").strip()
    qual = ""
    m = re.search(r"[(（\[【](.*?)[)）\]】]", s)
    if m:
        qual = m.group(1).strip()
        s = (s[:m.start()] + s[m.end():])
    key = re.sub(r"[\s_\-]", "", s).lower()
    if key in ("tscode", "tradedate"):
        key = {"tscode": "ts_code", "tradedate": "trade_date"}[key]
    return key, qual


def _cell_text(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and math.isnan(v):
        return ""
    return str(v).replace("\ufeff", "").strip()


# ---- reading the grid ------------------------------------------------------------------------

def _read_grids(path: Path, sheet: str | None, limits: Limits | None
                ) -> tuple[Book, list[tuple[str | None, list[list[Any]]]]]:
    """Every sheet (or the one asked for) of a price file, through the safe readers."""
    try:
        book = read_book(path, sheets=[sheet] if sheet is not None else None, limits=limits)
    except ReaderError as e:
        raise PriceFileError.of(e) from None
    if book.kind in ("csv",):
        if sheet is not None:
            raise PriceFileError(f"{path.name}: a sheet was given, but this is not an Excel file",
                                 file=path)
        return book, [(None, book.sheets[0].rows if book.sheets else [])]
    if sheet is not None and book.sheet(sheet) is None:
        names = [n for n, _ in book.all_sheets]
        raise PriceFileError(f"{path.name}: no sheet {sheet!r} (sheets: {', '.join(names)})", file=path)
    return book, [(s.name, s.rows) for s in book.sheets]


# ---- recognising the layout ------------------------------------------------------------------

@dataclass
class _Layout:
    header_row: int                      # 0-based index in the grid
    cols: dict[str, int]                 # field -> column index
    quals: dict[str, str]                # field -> bracket qualifier (units, 前复权)
    headers: dict[str, str]              # field -> original header text
    ticker_cols: dict[int, tuple[str, str]] | None = None   # yfinance: col -> (field, ticker)
    data_start: int = 0


def _find_header(grid: list[list[Any]]) -> _Layout | None:
    for r, row in enumerate(grid[:HEADER_SCAN_ROWS]):
        first = _cell_text(row[0]).lower() if row else ""
        # yfinance: Price,Close,High,... / Ticker,0700.HK,... / Date,,,
        if first == "price" and r + 1 < len(grid) and _cell_text(grid[r + 1][0]).lower() == "ticker":
            tick = grid[r + 1]
            tcols: dict[int, tuple[str, str]] = {}
            for c, cell in enumerate(row[1:], start=1):
                key, _ = _norm_header(cell)
                fld = _ALIASES.get(key)
                if fld in ("open", "high", "low", "close", "adj_close", "volume", "amount"):
                    tcols[c] = (fld, _cell_text(tick[c]) if c < len(tick) else "")
            start = r + 2
            if start < len(grid) and _cell_text(grid[start][0]).lower() == "date":
                start += 1
            return _Layout(r, {"date": 0}, {}, {"date": "Date"}, tcols, start)
        cols: dict[str, int] = {}
        quals: dict[str, str] = {}
        headers: dict[str, str] = {}
        for c, cell in enumerate(row):
            key, qual = _norm_header(cell)
            fld = _ALIASES.get(key)
            if fld is None and key.startswith("unnamed"):
                continue
            if fld and fld not in cols:
                cols[fld] = c
                quals[fld] = qual
                headers[fld] = _cell_text(cell)
        if "date" in cols and ("close" in cols or "adj_close" in cols):
            return _Layout(r, cols, quals, headers, None, r + 1)
    return None


_AKSHARE = ["日期", "开盘", "收盘", "最高", "最低", "成交量"]


def _is_akshare(raw_headers: list[str]) -> bool:
    """akshare's ``stock_zh_a_hist`` / ``index_zh_a_hist`` columns: 日期, [股票代码,] 开盘, 收盘,
    最高, 最低, 成交量, ... in that order (open before close before high is akshare's own)."""
    cells = [h for h in raw_headers if h and not h.lower().startswith("unnamed")]
    if cells and cells[0] == "":
        cells = cells[1:]
    if cells[:1] and cells[0] not in ("日期",):
        cells = cells[1:]   # an index column written by to_csv
    cells = [c for c in cells if c != "股票代码"]
    return cells[:len(_AKSHARE)] == _AKSHARE


def _layout_name(grid: list[list[Any]], lay: _Layout) -> str:
    if lay.ticker_cols is not None or "adj_close" in lay.cols:
        return "yahoo"
    texts = {h for h in lay.headers.values()}
    raw_headers = {_cell_text(c) for c in grid[lay.header_row]}
    tail = " ".join(_cell_text(c) for row in grid[-5:] for c in row[:3])
    head = " ".join(_cell_text(c) for row in grid[:lay.header_row] for c in row[:3])
    if "choice" in (tail + head).lower() or "东方财富" in tail + head:
        return "choice"
    if "wind" in (tail + head).lower() or "万得" in tail + head or \
            any("wind" in t.lower() for t in raw_headers):
        return "wind"
    if _is_akshare([_cell_text(c) for c in grid[lay.header_row]]):
        return "akshare"
    if any(re.search(r"[\u4e00-\u9fff]", t) for t in texts):
        return "choice" if "成交金额" in raw_headers else "wind"
    if {"Date", "Open", "High", "Low", "Close"} <= raw_headers:
        return "yahoo"
    return "generic"


# ---- cell parsers ----------------------------------------------------------------------------

MIN_YEAR, MAX_YEAR = 1900, 2100


def _parse_date(v: Any) -> dt.date | None:
    """A date from a cell between 1900 and 2100, or None when unreadable. Raises nothing."""
    d = _parse_date_any(v)
    if d is not None and not MIN_YEAR <= d.year <= MAX_YEAR:
        return None
    return d


def _parse_date_any(v: Any) -> dt.date | None:
    if v is None:
        return None
    if isinstance(v, pd.Timestamp):
        return None if pd.isna(v) else v.date()
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    if isinstance(v, (int, float, np.integer, np.floating)) and not isinstance(v, bool):
        f = float(v)
        if math.isnan(f) or not f.is_integer():
            return None
        n = int(f)
        if 19000101 <= n <= 21001231:
            return _parse_date_any(str(n))
        if 20000 <= n <= 80000:  # an Excel serial day number
            return dt.date(1899, 12, 30) + dt.timedelta(days=n)
        return None
    s = _cell_text(v)
    if not s:
        return None
    m = _YMD.match(s)
    if m:
        try:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return None
    if re.fullmatch(r"\d{8}", s):
        try:
            return dt.datetime.strptime(s, "%Y%m%d").date()
        except ValueError:
            return None
    for fmt in ("%b %d, %Y", "%d-%b-%Y", "%d %b %Y", "%B %d, %Y"):
        try:
            return dt.datetime.strptime(s, fmt).date()
        except ValueError:
            pass
    return None


def _parse_number(v: Any, fmt: str | None = None) -> tuple[float | None, str | None]:
    """(value, error): value None when the cell is blank/missing; error says why it is not a
    number (``fmt``: the file's decimal separator, see :mod:`app.numbers`)."""
    if v is None:
        return None, None
    if isinstance(v, bool):
        return None, f"{v!r} is not a number"
    if isinstance(v, (int, float, np.integer, np.floating)):
        f = float(v)
        if math.isinf(f):
            return None, f"{f} is not a number"
        return (None, None) if math.isnan(f) else (f, None)
    s = _cell_text(v)
    if s.lower() in _MISSING:
        return None, None
    try:
        return parse_decimal(s, fmt), None
    except NumberFormatError as e:
        return None, str(e) if "reads as" in str(e) or "written with" in str(e) else \
            f"{prefix(s)} is not a number"


def _code_of(v: Any, excel: bool) -> str:
    """A canonical code from a cell; raises CodeError / ValueError with the reason."""
    if isinstance(v, bool):
        raise CodeError(v, "not a code")
    if isinstance(v, (int, float, np.integer, np.floating)):
        f = float(v)
        if math.isnan(f):
            raise CodeError(v, "empty code")
        n = int(f)
        if excel and (f.is_integer() and n < 100000):
            raise CodeError(v, f"stored as the number {n}: Excel dropped its leading zeros, so it "
                               "could be an A-share (000…) or a Hong Kong code; store codes as text")
        v = str(n)
    return canonical(_cell_text(v))


def _code_from_name(path: Path) -> str | None:
    stem = path.stem
    candidates = [stem]
    candidates += [p for p in re.split(r"[\s_()（）\[\]]+", stem) if p]
    m = re.match(r"^(.+?\.[A-Za-z]{2})(?:[._\-\s].*)?$", stem)
    if m:
        candidates.insert(1, m.group(1))
    for c in candidates:
        try:
            return canonical(c)
        except (CodeError, ValueError):
            continue
    return None


def _code_from_preamble(grid: list[list[Any]], upto: int) -> str | None:
    for row in grid[:upto]:
        cells = [_cell_text(c) for c in row]
        for i, cell in enumerate(cells):
            key, _ = _norm_header(cell)
            if _ALIASES.get(key) == "code":
                for nxt in cells[i + 1:]:
                    if nxt:
                        try:
                            return canonical(nxt)
                        except (CodeError, ValueError):
                            break
            if re.fullmatch(r"[0-9A-Za-z]{1,8}\.[A-Za-z]{2}", cell):
                try:
                    return canonical(cell)
                except (CodeError, ValueError):
                    pass
    return None


# ---- the whole file --------------------------------------------------------------------------

def read_price_file(path: str | Path, code: str | None = None, adjustment: str | None = None,
                    sheet: str | None = None, limits: Limits | None = None) -> tuple[pd.DataFrame, FileInfo]:
    """Read a price file into a normalised frame. Raises :class:`PriceFileError` (only that).

    ``code``: the listing when the file has no code column (else only its rows are kept);
    ``adjustment``: what the prices are (``none``, ``qfq``, ``hfq``) when the file does not say;
    ``sheet``: the Excel sheet (default: the first one with a price table).
    """
    path = Path(path)
    try:
        return _read_price_file(path, code, adjustment, sheet, limits)
    except PriceFileError:
        raise
    except ReaderError as e:
        raise PriceFileError.of(e) from None
    except MemoryError:
        raise PriceFileError(f"{path.name}: too large to read in memory", file=path) from None
    except Exception as e:  # noqa: BLE001 - every library error becomes ours, with the file
        raise PriceFileError(f"{path.name}: cannot read the file ({type(e).__name__}: "
                             f"{prefix(str(e), 120)})", file=path) from None


def _read_price_file(path: Path, code: str | None, adjustment: str | None, sheet: str | None,
                     limits: Limits | None) -> tuple[pd.DataFrame, FileInfo]:
    if adjustment is not None and adjustment not in ADJUSTMENTS:
        raise PriceFileError(f"adjustment {adjustment!r}: use one of {', '.join(ADJUSTMENTS)}")
    if not path.exists():
        raise PriceFileError(f"{path}: no such file", file=path)
    if path.is_dir():
        raise PriceFileError(f"{path}: is a folder, not a file", file=path)
    want = None
    if code is not None:
        try:
            want = canonical(code)
        except CodeError as e:
            raise PriceFileError(f"--code {e}") from None
    suffix = path.suffix.lower()
    if suffix not in PRICE_FILE_SUFFIXES:
        raise PriceFileError(f"{path.name}: unsupported file type {suffix!r} (use .csv, .txt, "
                             ".xlsx, .xls or .ods)", file=path)
    book, grids = _read_grids(path, sheet, limits)
    excel = book.kind != "csv"
    tried = []
    for sheet_name, grid in grids:
        lay = _find_header(grid)
        if lay is None:
            first = next((r for r in grid if any(_cell_text(c) for c in r)), [])
            tried.append((sheet_name, [_cell_text(c) for c in first][:8]))
            continue
        frame, info = _read_table(path, sheet_name, grid, lay, want, adjustment, excel, book.delimiter)
        info.notes[:0] = book.notes
        return frame, info
    where = "" if not excel else " in any sheet" if sheet is None else f" in sheet {sheet!r}"
    seen = "; ".join(f"{'sheet ' + repr(s) + ': ' if s else ''}{', '.join(c for c in cells if c) or '(empty)'}"
                     for s, cells in tried)
    raise PriceFileError(f"{path.name}: no header row with a date and a close column in the first "
                         f"{HEADER_SCAN_ROWS} rows{where} (first row: {prefix(seen, 200)})", file=path)


def _read_table(path: Path, sheet: str | None, grid: list[list[Any]], lay: _Layout,
                want: str | None, adjustment: str | None, excel: bool,
                delimiter: str | None = None) -> tuple[pd.DataFrame, FileInfo]:
    layout = _layout_name(grid, lay)
    where_sheet = f", sheet {sheet!r}" if excel and sheet else ""
    problems: list[str] = []
    n_problems = 0
    first_problem: list[tuple[int, str | None]] = []

    def problem(row: int, col: str | None, msg: str) -> None:
        nonlocal n_problems
        n_problems += 1
        if not first_problem:
            first_problem.append((row + 1, col))
        if len(problems) < MAX_PROBLEMS:
            c = f", column {col!r}" if col else ""
            problems.append(f"{path.name}{where_sheet}, row {row + 1}{c}: {msg}")

    # Where the code comes from.
    code_from = "column"
    fixed_code: str | None = None
    tickers: dict[int, str] = {}
    if lay.ticker_cols is not None:
        code_from = "ticker row"
        for c, (_, tick) in lay.ticker_cols.items():
            try:
                tickers[c] = canonical(tick) if tick else (want or _code_from_name(path) or "")
            except CodeError as e:
                problem(lay.header_row + 1, tick, f"ticker {e}")
        if not all(tickers.values()):
            raise PriceFileError(f"{path.name}: the Ticker row has an empty cell; pass --code",
                                 problems)
    elif "code" not in lay.cols:
        fixed_code = _code_from_preamble(grid, lay.header_row)
        code_from = "header"
        if fixed_code is None:
            fixed_code, code_from = want, "option"
        if fixed_code is None:
            fixed_code, code_from = _code_from_name(path), "file name"
        if fixed_code is None:
            raise PriceFileError(f"{path.name}: no code column, no code above the header, and the "
                                 f"file name is not a code; say which listing it is (--code CODE)")

    # Units and adjustment.
    factors = {}
    for fld in ("volume", "amount", "open", "high", "low", "close"):
        q = lay.quals.get(fld, "")
        for unit, f in sorted(_UNIT_FACTORS.items(), key=lambda kv: -len(kv[0])):
            if q.lower().startswith(unit) or q.lower().endswith(unit):
                factors[fld] = f
                break
    lots_by_market = layout == "akshare" and "volume" not in factors
    file_adj = None
    quals = " ".join(lay.quals.values()) + " " + " ".join(lay.headers.values())
    if "前复权" in quals:
        file_adj = "qfq"
    elif "后复权" in quals:
        file_adj = "hfq"
    elif "不复权" in quals:
        file_adj = "none"
    has_adj = "adj_close" in lay.cols or (lay.ticker_cols is not None and
                                         any(f == "adj_close" for f, _ in lay.ticker_cols.values()))
    if adjustment is not None:
        adj = adjustment
    elif file_adj is not None:
        adj = file_adj
    elif has_adj:
        adj = "qfq"
    else:
        adj = "none"
    if has_adj and adj == "hfq":
        raise PriceFileError(f"{path.name}: Yahoo's Adj Close is forward-adjusted; import it as qfq or none")

    # Column sets per record: the plain layout has one, yfinance one per ticker.
    if lay.ticker_cols is not None:
        groups: dict[str, dict[str, int]] = {}
        for c, (fld, _) in lay.ticker_cols.items():
            groups.setdefault(tickers[c], {})[fld] = c
        names = {}
    else:
        groups = {"": {f: c for f, c in lay.cols.items() if f not in ("date", "code", "name")}}
        names = lay.headers
    header_cells = [_cell_text(c) for c in grid[lay.header_row]]

    def colname(idx: int) -> str:
        return header_cells[idx] if idx < len(header_cells) and header_cells[idx] else f"#{idx + 1}"

    # The file's number format (decimal point or comma), from every numeric cell written as text.
    num_cols = sorted({c for g in groups.values() for c in g.values()})
    try:
        fmt = detect_format((row[c] for row in grid[lay.data_start:] for c in num_cols
                             if c < len(row) and type(row[c]) is str), delimiter)
    except NumberFormatError as e:
        raise PriceFileError(f"{path.name}{where_sheet}: {e}", file=path, sheet=sheet) from None
    dup_notes: list[str] = []

    recs: list[tuple] = []   # code, date, o, h, l, c, v, a, row
    skipped = 0
    date_col = lay.cols["date"]
    for r in range(lay.data_start, len(grid)):
        row = grid[r]
        cells = [_cell_text(c) for c in row]
        if not any(cells):
            skipped += 1
            continue
        first = next((c for c in cells if c), "")
        if _FOOTER.match(first):
            skipped += 1
            continue
        raw_date = row[date_col] if date_col < len(row) else None
        d = _parse_date(raw_date)
        if d is None:
            if not _cell_text(raw_date) and all(not c for i, c in enumerate(cells) if i != date_col
                                                and i != lay.cols.get("code") and i != lay.cols.get("name")):
                skipped += 1
                continue
            any_d = _parse_date_any(raw_date)
            problem(r, colname(date_col),
                    f"{any_d} is outside {MIN_YEAR}-{MAX_YEAR}" if any_d is not None else
                    f"{prefix(_cell_text(raw_date))} is not a date" if _cell_text(raw_date)
                    else "the date is missing")
            continue
        if fixed_code is None and lay.ticker_cols is None:
            cc = lay.cols["code"]
            cv = row[cc] if cc < len(row) else None
            if not _cell_text(cv):
                problem(r, colname(cc), "the code is missing")
                continue
            try:
                rc = _code_of(cv, excel)
            except (CodeError, ValueError) as e:
                t = getattr(e, "text", cv)
                problem(r, colname(cc), f"code {t if isinstance(t, (int, float)) else prefix(t)}: "
                                        f"{getattr(e, 'reason', e)}")
                continue
        else:
            rc = fixed_code
        for gcode, gcols in groups.items():
            code_r = gcode or rc
            vals: dict[str, float | None] = {}
            bad = False
            for fld, ci in gcols.items():
                v, err = _parse_number(row[ci] if ci < len(row) else None, fmt)
                if err:
                    problem(r, colname(ci), err)
                    bad = True
                    continue
                if v is not None and fld in factors:
                    v *= factors[fld]
                vals[fld] = v
            if bad:
                continue
            close = vals.get("close")
            if close is None and vals.get("adj_close") is not None and "close" not in gcols:
                close = vals["adj_close"]
            o, h, lo = vals.get("open"), vals.get("high"), vals.get("low")
            if close is None and o is None and h is None and lo is None:
                skipped += 1     # a day without trading (Yahoo writes null rows)
                continue
            if close is None:
                problem(r, names.get("close") or "Close", "the close is missing")
                continue
            row_bad = False
            for fld, v in (("open", o), ("high", h), ("low", lo), ("close", close)):
                if v is not None and not v > 0:
                    problem(r, names.get(fld) or fld, f"{v:g} is not a positive price")
                    row_bad = True
            for fld in ("volume", "amount"):
                v = vals.get(fld)
                if v is not None and v < 0:
                    problem(r, names.get(fld) or fld, f"{v:g} is negative")
                    row_bad = True
            if h is not None and lo is not None and h < lo * (1 - 1e-9):
                problem(r, names.get("high") or "high", f"high {h:g} is below low {lo:g}")
                row_bad = True
            if row_bad:
                continue
            if has_adj and adj == "qfq" and vals.get("adj_close") is not None and \
                    vals.get("close") is not None:
                f = vals["adj_close"] / vals["close"]
                o, h, lo, close = (None if x is None else x * f for x in (o, h, lo, close))
            vol = vals.get("volume")
            if vol is not None and (lots_by_market and (market_of(code_r) in
                                                        (Market.SH, Market.SZ, Market.BJ) or
                                                        code_r == "000300.SH")):
                vol *= 100.0
            recs.append((code_r, d, o, h, lo, close, vol, vals.get("amount"), r))

    # Duplicates: the same code and day twice with different numbers is an error.
    seen: dict[tuple[str, dt.date], tuple] = {}
    keep: list[tuple] = []
    for rec in recs:
        key = (rec[0], rec[1])
        if key in seen:
            prev = seen[key]
            if prev[2:8] != rec[2:8]:
                problem(rec[8], colname(date_col),
                        f"{rec[1]} for {rec[0]} is already on row {prev[8] + 1} with other prices")
            else:
                dup_notes.append(f"row {rec[8] + 1} repeats row {prev[8] + 1} ({rec[0]} {rec[1]})")
            continue
        seen[key] = rec
        keep.append(rec)

    if n_problems:
        more = f" (and {n_problems - len(problems)} more)" if n_problems > len(problems) else ""
        raise PriceFileError(f"{path.name}: {n_problems} bad cell{'s' if n_problems != 1 else ''}, "
                             f"nothing imported{more}:\n  " + "\n  ".join(problems), problems,
                             file=path, sheet=sheet, row=first_problem[0][0], column=first_problem[0][1])
    if want is not None and fixed_code is None:
        keep = [k for k in keep if k[0] == want]
        if not keep:
            raise PriceFileError(f"{path.name}: no rows for {want}")
    if not keep:
        raise PriceFileError(f"{path.name}: the table under the header on row {lay.header_row + 1} "
                             "has no price rows")
    df = pd.DataFrame(keep, columns=["code", "date", "open", "high", "low", "close", "volume",
                                     "amount", "_row"]).drop(columns="_row")
    df["adjustment"] = adj
    frame = normalise(df)
    cols = {f: colname(c) for f, c in lay.cols.items()} if lay.ticker_cols is None else \
        {f: f"{f} ({t})" for c, (f, t) in lay.ticker_cols.items()}
    info = FileInfo(path=path, layout=layout, sheet=sheet if excel else None,
                    header_row=lay.header_row + 1, columns=cols, adjustment=adj, code_from=code_from,
                    rows=len(frame), skipped=skipped)
    if lots_by_market:
        info.notes.append("akshare A-share volume is in lots of 100; converted to shares")
    if dup_notes:
        info.notes.append(f"{len(dup_notes)} identical duplicate row(s) imported once: "
                          + "; ".join(dup_notes[:10]) + (" …" if len(dup_notes) > 10 else ""))
    if fmt == ",":
        info.notes.append("numbers read with a decimal comma (1.234,50)")
    if has_adj and adj == "qfq":
        info.notes.append("forward-adjusted with Adj Close / Close")
    return frame, info


class FileProvider(Provider):
    """A price file as a provider: :meth:`read` gives every series in it, :meth:`fetch` one."""

    name = "file"

    def __init__(self, path: str | Path, code: str | None = None, adjustment: str | None = None,
                 sheet: str | None = None):
        self.path = Path(path)
        self.code = code
        self.adjustment = adjustment
        self.sheet = sheet
        self.info: FileInfo | None = None
        self._frame: pd.DataFrame | None = None

    def read(self) -> pd.DataFrame:
        if self._frame is None:
            self._frame, self.info = read_price_file(self.path, self.code, self.adjustment, self.sheet)
            self.name = f"file:{self.info.layout}"
        return self._frame

    def supports(self, code: str) -> bool:
        return code in set(self.read()["code"])

    def extract_data(self, query: PriceQuery, params: dict[str, Any]) -> pd.DataFrame:
        return self.read()

    def transform_data(self, query: PriceQuery, params: dict[str, Any], raw: pd.DataFrame) -> pd.DataFrame:
        out = raw[raw["code"] == query.code]
        return out.reset_index(drop=True) if len(out) else empty_frame()
