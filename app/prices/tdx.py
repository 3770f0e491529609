"""通达信 (TDX) daily files: ``vipdoc/{sh,sz,bj}/lday/{sh600519,sz000977,…}.day``.

The format is public (pytdx's ``TdxDailyBarReader``, mootdx's ``reader``): 32-byte little-endian
records ``<IIIIIfII``::

    date (YYYYMMDD as an integer), open, high, low, close (integers, price x 100; x 1000 for funds
    and B-shares), amount (float32, yuan), volume (integer), reserved

Prices are as printed (unadjusted). Volume is in shares for stocks; pytdx scales fund and index
volumes by 100 against stocks, and so do we (lots -> shares). Files of Shanghai indices other
than CSI 300 (``sh000001`` …) are not listings and are refused with that reason.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from app.codes import CodeError
from app.prices.file_provider import PriceFileError
from app.prices.providers import normalise
from app.prices.symbols import canonical

RECORD = np.dtype([("date", "<u4"), ("open", "<u4"), ("high", "<u4"), ("low", "<u4"), ("close", "<u4"),
                   ("amount", "<f4"), ("volume", "<u4"), ("reserved", "<u4")])
_NAME = re.compile(r"^(sh|sz|bj)(\d{6})$", re.I)
_FUND_SH = ("50", "51", "52", "56", "58")
_FUND_SZ = ("15", "16", "18")
MAX_BYTES = 32 * 20_000       # 20,000 sessions: 80 years


@dataclass
class TdxInfo:
    """What :func:`read_day_file` read (the fields the import report prints)."""

    path: Path
    layout: str = "tdx"
    sheet: str | None = None
    header_row: int = 0
    adjustment: str = "none"
    code_from: str = "file name"
    skipped: int = 0
    notes: list[str] = field(default_factory=list)


def code_of(path: Path) -> tuple[str, str, str]:
    """(canonical code, exchange prefix, 6-digit symbol) from a file name like ``sh600519.day``."""
    m = _NAME.match(path.stem)
    if not m:
        raise PriceFileError(f"{path.name}: not a 通达信 daily file name (sh600519.day, sz000977.day, bj920118.day)")
    ex, sym = m.group(1).lower(), m.group(2)
    if ex == "sh" and sym == "000300":
        return "000300.SH", ex, sym
    try:
        return canonical(f"{sym}.{ex.upper()}"), ex, sym
    except CodeError as e:
        kind = "an index" if ex == "sh" and sym.startswith("000") or ex == "sz" and sym.startswith("399") \
            else "not a listing"
        raise PriceFileError(f"{path.name}: {kind}, not imported ({e.reason})") from None


def _scales(ex: str, sym: str) -> tuple[float, float]:
    """(price divisor, volume multiplier)."""
    if (ex == "sh" and sym.startswith("000")) or (ex == "sz" and sym.startswith("399")):
        return 100.0, 100.0                        # indices: volume in lots
    if (ex == "sh" and sym.startswith(_FUND_SH)) or (ex == "sz" and sym.startswith(_FUND_SZ)):
        return 1000.0, 100.0                       # ETFs / LOFs: 3 decimals, lots
    if (ex == "sh" and sym.startswith("900")) or (ex == "sz" and sym.startswith("200")):
        return 1000.0, 1.0                         # B-shares: 3 decimals
    return 100.0, 1.0


def read_day_file(path: str | Path) -> tuple[pd.DataFrame, TdxInfo]:
    """One ``.day`` file as a normalised frame (prices as printed). Nothing is returned unless
    the whole file is good; a bad record is named by its number and date."""
    p = Path(path)
    code, ex, sym = code_of(p)
    size = p.stat().st_size
    if size == 0:
        raise PriceFileError(f"{p.name}: empty file")
    if size % RECORD.itemsize:
        raise PriceFileError(f"{p.name}: {size} bytes is not a whole number of 32-byte records "
                             "(not a 通达信 .day file, or cut short)")
    if size > MAX_BYTES:
        raise PriceFileError(f"{p.name}: {size // 32:,} records is more than a daily file can hold")
    rec = np.fromfile(p, dtype=RECORD)
    d = rec["date"].astype("int64")
    years, md = d // 10000, d % 10000
    bad = (years < 1990) | (years > 2100) | (md // 100 < 1) | (md // 100 > 12) | (md % 100 < 1) | (md % 100 > 31)
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise PriceFileError(f"{p.name}: record {i + 1}: date {int(d[i])} is not a YYYYMMDD day "
                             "(not a 通达信 daily file?)")
    dates = pd.to_datetime(d.astype(str), format="%Y%m%d", errors="coerce")
    if dates.isna().any():
        i = int(np.flatnonzero(dates.isna())[0])
        raise PriceFileError(f"{p.name}: record {i + 1}: no such day {int(d[i])}")
    div, vol = _scales(ex, sym)
    close = rec["close"] / div
    if (close <= 0).any():
        i = int(np.flatnonzero(close <= 0)[0])
        raise PriceFileError(f"{p.name}: record {i + 1} ({dates[i].date()}): close is {close[i]}")
    df = pd.DataFrame({"date": dates, "open": rec["open"] / div, "high": rec["high"] / div,
                       "low": rec["low"] / div, "close": close, "volume": rec["volume"].astype("float64") * vol,
                       "amount": rec["amount"].astype("float64")})
    out = normalise(df, code=code, adjustment="none")
    info = TdxInfo(p)
    if len(out) < len(df):
        info.notes.append(f"{len(df) - len(out)} duplicate days: the last record of each kept")
    return out, info


def write_day_file(path: str | Path, frame: pd.DataFrame) -> None:
    """Write bars in the same format (tests and tools make 通达信 folders with it)."""
    p = Path(path)
    ex, sym = _NAME.match(p.stem).group(1).lower(), _NAME.match(p.stem).group(2)
    div, vol = _scales(ex, sym)
    rec = np.zeros(len(frame), dtype=RECORD)
    rec["date"] = frame["date"].dt.strftime("%Y%m%d").astype(int).to_numpy()
    for c in ("open", "high", "low", "close"):
        rec[c] = np.rint(frame[c].to_numpy() * div).astype("uint32")
    rec["amount"] = frame["amount"].fillna(0).to_numpy(dtype="float32")
    rec["volume"] = np.rint(frame["volume"].fillna(0).to_numpy() / vol).astype("uint32")
    p.parent.mkdir(parents=True, exist_ok=True)
    rec.tofile(p)


__all__ = ["read_day_file", "write_day_file", "code_of"]
