"""The price cache in the store: bars as the market printed them, plus adjustment factors.

Tables ``bars`` and ``price_fetches`` (schema 4, :mod:`app.store`).

* **One series per listing.** Each row is one trading day: unadjusted open/high/low/close,
  volume, amount, and the day's cumulative backward-adjustment ``factor`` (the source's hfq
  close divided by the raw close; 1 for indices and for sources that give no factors).
* **Views, derived on demand, multiplicatively** (:data:`VIEWS`):

  ========  ===================================================================================
  ``none``  the prices as printed (what the candles show by default)
  ``hfq``   backward-adjusted: ``price * factor``
  ``qfq``   forward-adjusted: ``price * factor / factor of the last bar`` (today's price level)
  ``tr``    total return: the same numbers as ``qfq`` (a factor is a dividend reinvested or a
            split undone, so percentage moves of ``tr`` are the holder's total return)
  ========  ===================================================================================

  Returns, drawdowns, baskets and relative charts use ``tr``; because it is a ratio of
  factors, a source that re-bases its adjusted history changes factors, never the stored bars.
* A file that only had adjusted prices (a Wind export ``(前复权)``, Yahoo's Adj Close) is kept
  with that ``basis`` and factor 1: every view shows its prices as they are, and the next
  download replaces them with raw bars and factors.
* Writes are one transaction each: the bars and the line in the fetch log go in together, or
  nothing does. A failed download only adds a log line; the cached bars stay as they were.
* Dates are stored as ISO text (``YYYY-MM-DD``).
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Iterable, Sequence

import numpy as np
import pandas as pd
from sqlalchemy import delete, func, insert, select
from sqlalchemy.engine import Connection

from app.prices.providers import COLUMNS, NUMERIC, PriceError, empty_frame
from app.store import Store, bars_t, price_fetches_t

VIEWS = ("none", "qfq", "hfq", "tr")
DEFAULT_VIEW = "tr"
_PRICE_COLS = ["open", "high", "low", "close", "volume", "amount"]


def now_iso() -> str:
    return dt.datetime.now().isoformat(timespec="seconds")


def _iso(d) -> str | None:
    if d is None or (isinstance(d, float) and np.isnan(d)):
        return None
    if isinstance(d, str):
        return d[:10]
    return pd.Timestamp(d).strftime("%Y-%m-%d")


def _date(s: str | None) -> dt.date | None:
    return dt.date.fromisoformat(s) if s else None


def check_view(view: str | None) -> str:
    v = DEFAULT_VIEW if view is None else ("none" if view == "raw" else view)
    if v not in VIEWS:
        raise PriceError(f"price view {view!r}: use one of raw, {', '.join(VIEWS)}")
    return v


@dataclass
class WriteResult:
    """What one write did to one series."""

    code: str
    adjustment: str                     # the basis of the bars written (none = as printed)
    added: int = 0          # dates that were not cached before
    updated: int = 0        # dates that were cached and got overwritten
    first_date: dt.date | None = None   # of the rows written
    last_date: dt.date | None = None


_INSERT = ("INSERT INTO bars (code, date, open, high, low, close, volume, amount, factor, basis, source, "
           "fetched_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)")
_UPSERT = ("INSERT INTO bars (code, date, open, high, low, close, volume, amount, factor, basis, source, "
           "fetched_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (code, date) DO UPDATE SET "
           "open=excluded.open, high=excluded.high, low=excluded.low, close=excluded.close, "
           "volume=excluded.volume, amount=excluded.amount, factor=excluded.factor, basis=excluded.basis, "
           "source=excluded.source, fetched_at=excluded.fetched_at")
# A re-base: the source's factors changed; bars already cached keep what the market printed.
_UPSERT_FACTORS = ("INSERT INTO bars (code, date, open, high, low, close, volume, amount, factor, basis, "
                   "source, fetched_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (code, date) DO UPDATE "
                   "SET factor=excluded.factor, fetched_at=excluded.fetched_at")


def _nan_to_none(a: np.ndarray) -> list:
    return [None if v != v else v for v in a.tolist()]


# ---- the same SQL on PostgreSQL (team mode) -------------------------------------------------
# The queries here are written for SQLite (json_each, julianday, ``?``); on PostgreSQL
# :func:`pg_sql` rewrites them: jsonb_array_elements_text, date arithmetic, psycopg's ``%s``.
_PG_SQL: dict[str, str] = {}


def pg_sql(sql: str) -> str:
    out = _PG_SQL.get(sql)
    if out is None:
        import re

        assert "%" not in sql, sql
        out = sql.replace("json_each(?) AS k", "jsonb_array_elements_text(?::jsonb) AS k(value)")
        out = out.replace("SELECT value FROM json_each(?)",
                          "SELECT j.value FROM jsonb_array_elements_text(?::jsonb) AS j(value)")
        out = re.sub(r"julianday\(([\w.]+)\) - 2440587\.5", r"(\1::date - DATE '1970-01-01')::float8", out)
        assert "json_each" not in out and "julianday" not in out and "json_extract" not in out, out
        out = _PG_SQL[sql] = out.replace("?", "%s")
    return out


def dialect_sql(conn: Connection, sql: str) -> str:
    """``sql`` for the database ``conn`` is on (see :func:`pg_sql`)."""
    return pg_sql(sql) if conn.dialect.name == "postgresql" else sql


class _PgDriver:
    """psycopg's connection with the sqlite3 calls used here (execute / executemany taking the
    SQLite text of a query)."""

    def __init__(self, raw):
        self.raw = raw

    def execute(self, sql: str, params=()):
        return self.raw.execute(pg_sql(sql), params)

    def executemany(self, sql: str, rows) -> None:
        with self.raw.cursor() as cur:
            cur.executemany(pg_sql(sql), list(rows))


def driver(conn: Connection):
    """The DB-API connection under ``conn`` (in its transaction), for bulk reads and writes."""
    raw = conn.connection.driver_connection
    return _PgDriver(raw) if conn.dialect.name == "postgresql" else raw


class PriceCache:
    def __init__(self, store: Store):
        self.store = store

    # ---- reading ------------------------------------------------------------------------
    def last_dates(self, codes: Sequence[str], conn: Connection | None = None) -> dict[str, tuple[str, dt.date]]:
        """code -> (basis, last cached date) for the codes that have bars (index seeks only)."""
        out: dict[str, tuple[str, dt.date]] = {}

        def run(c: Connection) -> None:
            sql = ("SELECT k.value, (SELECT b.date || ' ' || b.basis FROM bars b WHERE b.code = k.value "
                   "ORDER BY b.date DESC LIMIT 1) FROM json_each(?) AS k")
            codes_l = list(dict.fromkeys(codes))
            for i in range(0, len(codes_l), 2000):
                for code, v in c.exec_driver_sql(dialect_sql(c, sql), (_json_list(codes_l[i:i + 2000]),)).all():
                    if v is not None:
                        d, basis = v.split(" ", 1)
                        out[code] = (basis, _date(d))

        if conn is not None:
            run(conn)
        else:
            with self.store.read() as c:
                run(c)
        return out

    # The old name, kept for callers that only want "which codes have bars, to when".
    def preferred(self, codes: Sequence[str], adjustment: str | None = None,
                  conn: Connection | None = None) -> dict[str, tuple[str, dt.date]]:
        return self.last_dates(codes, conn=conn)

    def last_date(self, code: str, adjustment: str | None = None) -> dt.date | None:
        with self.store.read() as conn:
            v = conn.execute(select(func.max(bars_t.c.date)).where(bars_t.c.code == code)).scalar()
        return _date(v)

    def basis(self, code: str) -> str | None:
        """"none" when the cached bars are as printed; the adjustment of a file's prices otherwise."""
        with self.store.read() as conn:
            rows = conn.execute(select(bars_t.c.basis).where(bars_t.c.code == code).distinct()).all()
        kinds = {r[0] for r in rows}
        if not kinds:
            return None
        return "none" if kinds == {"none"} else sorted(kinds - {"none"})[0]

    def tail(self, code: str, n: int = 2) -> pd.DataFrame:
        """The last ``n`` cached bars of one series (oldest first): date, close, factor, basis, source."""
        with self.store.read() as conn:
            rows = conn.execute(
                select(bars_t.c.date, bars_t.c.close, bars_t.c.factor, bars_t.c.basis, bars_t.c.source)
                .where(bars_t.c.code == code).order_by(bars_t.c.date.desc()).limit(n)).all()
        rows = rows[::-1]
        return pd.DataFrame({"date": pd.to_datetime([r[0] for r in rows]).astype("datetime64[ns]"),
                             "close": np.array([r[1] for r in rows], dtype="float64"),
                             "factor": np.array([r[2] for r in rows], dtype="float64"),
                             "basis": pd.Series([r[3] for r in rows], dtype=object),
                             "source": pd.Series([r[4] for r in rows], dtype=object)})

    def factor_before(self, code: str, day: dt.date | pd.Timestamp, conn: Connection | None = None) -> float | None:
        """The cached factor of the last bar before ``day`` (None when there is none)."""
        q = select(bars_t.c.factor).where(bars_t.c.code == code, bars_t.c.date < _iso(day)) \
            .order_by(bars_t.c.date.desc()).limit(1)
        if conn is not None:
            return conn.execute(q).scalar()
        with self.store.read() as c:
            return c.execute(q).scalar()

    def load(self, code: str, adjustment: str | None = None, start=None, end=None) -> pd.DataFrame:
        """One series as a normalised frame in the view asked for (see :data:`VIEWS`; default
        ``tr``). The ``adjustment`` column says the view, or the basis of a file's adjusted prices."""
        return self.load_many([code], adjustment=adjustment, start=start, end=end)

    def load_many(self, codes: Sequence[str], adjustment: str | None = None, start=None,
                  end=None) -> pd.DataFrame:
        """Several series in one frame, sorted by code then date, each in the view asked for."""
        view = check_view(adjustment)
        codes = list(dict.fromkeys(codes))
        if not codes:
            return empty_frame()
        with self.store.read() as conn:
            return _fetch_bars(conn, codes, view, _iso(start), _iso(end))

    def series_info(self, code: str) -> list[dict]:
        """Per run of bars from one source (oldest first): source, first and last date, bars, basis."""
        sql = ("SELECT source, basis, MIN(date), MAX(date), COUNT(*), MAX(fetched_at) FROM ("
               " SELECT source, basis, date, fetched_at, ROW_NUMBER() OVER (ORDER BY date) - "
               " ROW_NUMBER() OVER (PARTITION BY source, basis ORDER BY date) AS run FROM bars WHERE code = ?) AS r"
               " GROUP BY source, basis, run ORDER BY MIN(date)")
        with self.store.read() as conn:
            rows = conn.exec_driver_sql(dialect_sql(conn, sql), (code,)).all()
        return [{"source": s, "basis": b, "first_date": _date(f), "last_date": _date(last), "bars": n,
                 "fetched_at": at} for s, b, f, last, n, at in rows]

    def fetches(self, code: str | None = None, limit: int = 20) -> list[dict]:
        """The fetch log, newest first."""
        q = select(price_fetches_t).order_by(price_fetches_t.c.id.desc()).limit(limit)
        if code:
            q = q.where(price_fetches_t.c.code == code)
        with self.store.read() as conn:
            return [dict(r) for r in conn.execute(q).mappings()]

    def codes(self) -> list[str]:
        with self.store.read() as conn:
            return [r[0] for r in conn.exec_driver_sql(
                "WITH RECURSIVE c(code) AS (SELECT MIN(code) FROM bars UNION ALL "
                "SELECT (SELECT MIN(code) FROM bars WHERE code > c.code) FROM c WHERE c.code IS NOT NULL) "
                "SELECT code FROM c WHERE code IS NOT NULL")]

    # ---- writing ------------------------------------------------------------------------
    def write(self, frame: pd.DataFrame, source: str, *, replace: bool = False,
              fetched_at: str | None = None, message: str = "", keep_bars: bool = False,
              conn: Connection | None = None) -> list[WriteResult]:
        """Upsert a normalised frame (optionally with a ``factor`` column); one transaction.

        The frame's ``adjustment`` is the basis of its prices: ``none`` (as printed) or a file's
        ``qfq``/``hfq``. Missing factors carry the last cached factor before the frame forward
        (1 when there is none): no corporate action is invented. ``replace``: each code's series
        is emptied first. ``keep_bars``: dates already cached keep their bars and only take the
        new factor (a re-base). Returns one result per code and logs one line per code.
        """
        fetched_at = fetched_at or now_iso()
        if conn is None:
            with self.store.write() as c:
                return self.write(frame, source, replace=replace, fetched_at=fetched_at,
                                  message=message, keep_bars=keep_bars, conn=c)
        raw = driver(conn)
        results = []
        codes = frame["code"].to_numpy()
        if len(frame) and (codes[1:] < codes[:-1]).any():
            frame = frame.sort_values(["code", "date"], kind="stable")
            codes = frame["code"].to_numpy()
        starts = np.flatnonzero(np.r_[True, codes[1:] != codes[:-1]]) if len(frame) else np.array([], int)
        bounds = list(zip(starts, [*starts[1:], len(frame)]))
        for a, b in bounds:
            part = frame.iloc[a:b]
            code = str(codes[a])
            if not part["date"].is_monotonic_increasing:
                part = part.sort_values("date")
            bases = set(part["adjustment"])
            if len(bases) != 1:
                raise PriceError(f"{code}: one write holds one basis, got {sorted(bases)}")
            basis = bases.pop()
            dates = part["date"].dt.strftime("%Y-%m-%d").tolist()
            if "factor" in part and basis == "none":
                f = part["factor"].to_numpy(dtype="float64").copy()
            else:
                f = np.full(len(part), np.nan)
            if basis != "none":
                f[:] = 1.0
            elif np.isnan(f).any():
                seed = None if replace else self.factor_before(code, part["date"].iloc[0], conn=conn)
                f = pd.Series(f).ffill().fillna(1.0 if seed is None else float(seed)).to_numpy()
            fresh = replace or raw.execute("SELECT 1 FROM bars WHERE code = ? LIMIT 1", (code,)).fetchone() is None
            existing = 0 if fresh and not replace else raw.execute(
                "SELECT COUNT(*) FROM bars WHERE code = ? AND date IN (SELECT value FROM json_each(?))",
                (code, json.dumps(dates))).fetchone()[0]
            if replace:
                raw.execute("DELETE FROM bars WHERE code = ?", (code,))
            n = len(part)
            arrs = [part[c].to_numpy(dtype="float64") for c in _PRICE_COLS]
            cols = [_nan_to_none(a) for a in arrs]
            rows = zip([code] * n, dates, *cols, f.tolist(), [basis] * n, [source] * n, [fetched_at] * n)
            if fresh:
                raw.executemany(_INSERT, rows)
                days = part["date"].to_numpy().astype("datetime64[D]").astype("int64").astype("float64")
                _save_blob(raw, code, basis, np.column_stack([days, *arrs, f]))
            else:
                raw.executemany(_UPSERT_FACTORS if keep_bars else _UPSERT, rows)
                _rebuild_blob(raw, code)
            res = WriteResult(code, basis, added=n - existing, updated=existing,
                              first_date=dt.date.fromisoformat(dates[0]),
                              last_date=dt.date.fromisoformat(dates[-1]))
            results.append(res)
            self.log_fetch(code, source, "ok", message, res.first_date, res.last_date, res.added,
                           fetched_at=fetched_at, conn=conn)
        return results

    def log_fetch(self, code: str, source: str, status: str, message: str = "",
                  first_date: dt.date | None = None, last_date: dt.date | None = None, rows: int = 0,
                  fetched_at: str | None = None, conn: Connection | None = None) -> None:
        values = {"code": code, "source": source, "fetched_at": fetched_at or now_iso(),
                  "first_date": _iso(first_date), "last_date": _iso(last_date), "rows": int(rows),
                  "status": status, "message": message or ""}
        if conn is None:
            with self.store.write() as c:
                c.execute(insert(price_fetches_t).values(**values))
        else:
            conn.execute(insert(price_fetches_t).values(**values))

    def versions(self, codes: Sequence[str], conn: Connection) -> dict[str, int]:
        """code -> id of its latest fetch-log line (changes whenever its bars may have)."""
        rows = conn.exec_driver_sql(dialect_sql(conn,
            "SELECT k.value, (SELECT MAX(f.id) FROM price_fetches f WHERE f.code = k.value) "
            "FROM json_each(?) AS k"), (_json_list(codes),)).all()
        return {c: (v or 0) for c, v in rows}

    def delete(self, code: str, adjustment: str | None = None) -> int:
        with self.store.write() as conn:
            n = conn.execute(delete(bars_t).where(bars_t.c.code == code)).rowcount
            conn.exec_driver_sql(dialect_sql(conn, "DELETE FROM bar_blobs WHERE code = ?"), (code,))
            self.log_fetch(code, "user", "deleted", f"{n} bars deleted", conn=conn)
            return n


# ---- fast bulk read -------------------------------------------------------------------------

def _json_list(items: Iterable[str]) -> str:
    return json.dumps(list(items))


_ROWS_SQL = ("SELECT julianday(date) - 2440587.5, open, high, low, close, volume, amount, factor FROM bars "
             "WHERE code = ? ORDER BY date")
_BASIS_SQL = "SELECT basis FROM bars WHERE code = ? ORDER BY date DESC LIMIT 1"


def _save_blob(raw, code: str, basis: str, arr: np.ndarray) -> None:
    arr = np.ascontiguousarray(arr, dtype="float64")
    raw.execute("INSERT INTO bar_blobs (code, basis, n, data) VALUES (?,?,?,?) ON CONFLICT (code) DO UPDATE SET "
                "basis=excluded.basis, n=excluded.n, data=excluded.data", (code, basis, len(arr), arr.tobytes()))


def _rows(raw, code: str) -> np.ndarray:
    return np.array(raw.execute(_ROWS_SQL, (code,)).fetchall(), dtype="float64").reshape(-1, 8)


def _rebuild_blob(raw, code: str) -> None:
    arr = _rows(raw, code)
    if not len(arr):
        raw.execute("DELETE FROM bar_blobs WHERE code = ?", (code,))
        return
    arr[:, 0] = np.rint(arr[:, 0])
    _save_blob(raw, code, raw.execute(_BASIS_SQL, (code,)).fetchone()[0], arr)


def series_arrays(raw, code: str) -> tuple[np.ndarray, str] | None:
    """One whole series as an (n, 8) float64 array (day, open, high, low, close, volume, amount,
    factor) and its basis: one packed row when there is one, the bars otherwise."""
    hit = raw.execute("SELECT basis, n, data FROM bar_blobs WHERE code = ?", (code,)).fetchone()
    if hit is not None:
        return np.frombuffer(hit[2], dtype="float64").reshape(hit[1], 8), hit[0]
    arr = _rows(raw, code)
    if not len(arr):
        return None
    arr[:, 0] = np.rint(arr[:, 0])
    return arr, raw.execute(_BASIS_SQL, (code,)).fetchone()[0]


def _fetch_bars(conn: Connection, codes: list[str], view: str, start: str | None, end: str | None) -> pd.DataFrame:
    """Bars of several codes in one view: each series from its packed row (see ``bar_blobs``)."""
    raw = driver(conn)
    lo = np.datetime64(start, "D").astype("int64") if start else None
    hi = np.datetime64(end, "D").astype("int64") if end else None
    parts, labels, bases = [], [], []
    for code in codes:
        got = series_arrays(raw, code)
        if got is None:
            continue
        full, basis = got
        a = int(np.searchsorted(full[:, 0], lo)) if lo is not None else 0
        b = int(np.searchsorted(full[:, 0], hi, side="right")) if hi is not None else len(full)
        arr = full[a:b].copy()
        if not len(arr):
            continue
        if basis == "none" and view != "none":
            f = arr[:, 7]
            if view in ("qfq", "tr"):
                f = f / full[-1, 7]
            arr[:, 1:5] *= f[:, None]
        parts.append(arr)
        labels.append(code)
        bases.append(view if basis == "none" else basis)
    if not parts:
        return empty_frame()
    counts = [len(x) for x in parts]
    arr = np.concatenate(parts)
    days = arr[:, 0].astype("int64")
    df = pd.DataFrame({
        "code": np.repeat(np.array(labels, dtype=object), counts),
        "date": days.astype("datetime64[D]").astype("datetime64[ns]")})
    for i, c in enumerate(_PRICE_COLS, start=1):
        df[c] = arr[:, i]
    for c in NUMERIC:
        if c not in df:
            df[c] = np.nan
    df["adjustment"] = np.repeat(np.array(bases, dtype=object), counts)
    return df[COLUMNS]
