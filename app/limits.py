"""One set of limits for every file a user picks, and the one error every reader raises.

Every reader (watchlist lists and workbooks, price files, report ingestion) takes a
:class:`Limits` (default: :meth:`Limits.default`) and raises :class:`ReaderError` -- never a
library's own exception -- with the file, sheet, row and column, and at most a short prefix of
the bad content (:func:`prefix`)::

    from app.limits import Limits, ReaderError, prefix

    lim = Limits.default()
    lim.check_file_size(path)                 # ReaderError when the file is too large
    deadline = lim.deadline(path)             # call deadline.check(sheet=..., row=...) in loops
    lim.check_cell(text, path, sheet, row, column)   # longer than 32,767 characters: ReaderError

The bound these limits give (measured with ``bench/bench_files.py``): every file, accepted or
refused, is read within :attr:`Limits.seconds` (20 s) and under 1 GB of memory on 2 cores.
"""
from __future__ import annotations

import os
import re
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

__all__ = ["Deadline", "Limits", "ReaderError", "clean_text", "prefix", "printable", "where"]

PREFIX_CHARS = 40
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def prefix(value: Any, n: int = PREFIX_CHARS) -> str:
    """A short, printable quote of a value: at most ``n`` characters (``repr`` shows control
    characters as ``\\x1b`` escapes), and its length when it was cut."""
    s = "" if value is None else str(value)
    if len(s) > n:
        return repr(s[:n] + "…") + f" ({len(s):,} characters)"
    return repr(s)


_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: Any) -> str:
    """Text safe to print on a terminal: control characters (ESC, NUL, ...) shown as ``\\x1b``
    escapes, never sent raw (no terminal escape injection). Tab and newline are kept."""
    s = "" if text is None else str(text)
    if not _UNPRINTABLE.search(s):
        return s
    return _UNPRINTABLE.sub(lambda m: f"\\x{ord(m.group()):02x}", s)


def clean_text(text: str) -> tuple[str, int]:
    """Text without control characters (NUL, ESC, DEL, C1), keeping tab and newlines.

    Returns (clean text, how many characters were removed)."""
    if not _CONTROLS.search(text):
        return text, 0
    out, n = _CONTROLS.subn("", text)
    return out, n


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


class ReaderError(Exception):
    """A file that cannot be read, with where (file, sheet, row, column) and why.

    ``str(e)`` is ``"file.xlsx, sheet 'A', row 3, column B: message"``.
    """

    def __init__(self, file: Path | str | None, message: str, sheet: str | None = None,
                 row: int | None = None, column: str | None = None):
        self.path = Path(file) if file else None
        self.file = self.path.name if self.path else ""
        self.message = message
        self.sheet, self.row, self.column = sheet, row, column
        super().__init__(where(self.path, sheet, row, column) + message)


class Deadline:
    """Wall-clock budget for reading one file; :meth:`check` raises ReaderError once it is spent."""

    def __init__(self, seconds: float, path: Path | str | None = None):
        self.seconds = seconds
        self.path = path
        self.start = time.monotonic()

    @property
    def elapsed(self) -> float:
        return time.monotonic() - self.start

    def check(self, sheet: str | None = None, row: int | None = None) -> None:
        if self.elapsed > self.seconds:
            raise ReaderError(self.path, f"reading took longer than {self.seconds:g} s and was "
                                         "stopped; the file is too large or too complex (keep only "
                                         "the rows and columns you need, or split it)",
                              sheet=sheet, row=row)


@dataclass(frozen=True)
class Limits:
    """What any file a user picks may hold. The same for every reader."""

    file_bytes: int = 100 * 2**20       # the file on disk
    part_bytes: int = 128 * 2**20       # one part of a zip container, unpacked (sharedStrings too)
    total_bytes: int = 512 * 2**20      # all parts of a zip container, unpacked
    rows: int = 100_000                 # rows on one sheet / lines in one text file
    columns: int = 1_000                # columns on one sheet
    cells: int = 1_000_000              # used cells (rows x columns rectangle for text files)
    cell_chars: int = 32_767            # characters in one cell: Excel's own limit
    seconds: float = 20.0               # wall-clock time to read one file
    pages: int = 500                    # pages of one report (PDF)
    text_chars: int = 5_000_000         # characters of text in one report (any format, or pasted)

    @classmethod
    def default(cls) -> "Limits":
        """The limits in force (``CHAINWATCH_READ_SECONDS`` overrides the time budget, for tests)."""
        s = os.environ.get("CHAINWATCH_READ_SECONDS")
        lim = cls()
        return replace(lim, seconds=float(s)) if s else lim

    def with_(self, **kw) -> "Limits":
        return replace(self, **kw)

    # -- checks that raise ReaderError
    def check_file_size(self, path: Path | str) -> int:
        """The file's size in bytes; ReaderError when missing, a folder, or over :attr:`file_bytes`."""
        p = Path(path)
        try:
            size = p.stat().st_size
        except FileNotFoundError:
            raise ReaderError(p, "file not found") from None
        except OSError as e:
            raise ReaderError(p, f"cannot open: {e.strerror or e}") from None
        if p.is_dir():
            raise ReaderError(p, "is a folder, not a file")
        if size > self.file_bytes:
            raise ReaderError(p, f"the file is {size / 2**20:,.0f} MB; the limit is "
                                 f"{self.file_bytes // 2**20} MB")
        return size

    def check_rows(self, n: int, path: Path | str | None, sheet: str | None = None) -> None:
        if n > self.rows:
            raise ReaderError(path, f"more than {self.rows:,} rows; Chainwatch reads at most "
                                    f"{self.rows:,} rows from a sheet (split the file, or keep only "
                                    "the rows you need)", sheet=sheet)

    def check_columns(self, n: int, path: Path | str | None, sheet: str | None = None) -> None:
        if n > self.columns:
            raise ReaderError(path, f"{n:,} columns; Chainwatch reads at most {self.columns:,} "
                                    "columns", sheet=sheet)

    def check_cells(self, n: int, path: Path | str | None, sheet: str | None = None) -> None:
        if n > self.cells:
            raise ReaderError(path, f"{n:,} cells; Chainwatch reads at most {self.cells:,} cells "
                                    "from a sheet (delete the columns you do not need, or split the "
                                    "file)", sheet=sheet)

    def check_cell(self, text: Any, path: Path | str | None, sheet: str | None = None,
                   row: int | None = None, column: str | None = None) -> None:
        if isinstance(text, str) and len(text) > self.cell_chars:
            raise ReaderError(path, f"the cell holds {len(text):,} characters; a cell holds at most "
                                    f"{self.cell_chars:,} (Excel's own limit): {prefix(text)}",
                              sheet=sheet, row=row, column=column)

    def deadline(self, path: Path | str | None = None) -> Deadline:
        return Deadline(self.seconds, path)
