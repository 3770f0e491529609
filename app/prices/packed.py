"""The packed bar series on disk, below the price cache: one row per listing (``bar_series``)
and its source runs (``bar_sources``), and the raw driver calls that read and write them on
SQLite and PostgreSQL.

Apart from :mod:`app.prices.cache` (which builds the views on top) so that the store's schema
migration (:func:`pack_legacy_bars`, schema 5 -> 6) needs nothing that needs the store: this
module imports neither :mod:`app.store` nor pandas.
"""
from __future__ import annotations

import datetime as dt
import json
from typing import Iterable, Sequence

import numpy as np
from sqlalchemy.engine import Connection

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


# ---- the packed series ----------------------------------------------------------------------

# A run: (first_date, last_date, source, basis, bars, fetched_at)
Run = tuple


def _json_list(items: Iterable[str]) -> str:
    return json.dumps(list(items))


def _day_date(day: float) -> dt.date:
    return dt.date(1970, 1, 1) + dt.timedelta(days=int(day))


def _day_iso(day: float) -> str:
    return _day_date(day).isoformat()


def series_arrays(raw, code: str) -> tuple[np.ndarray, str] | None:
    """One whole series as an (n, 8) float64 array (day, open, high, low, close, volume, amount,
    factor; read-only) and its basis, from its packed row (None when it has no bars)."""
    hit = raw.execute("SELECT basis, n, data FROM bar_series WHERE code = ?", (code,)).fetchone()
    if hit is None:
        return None
    return np.frombuffer(hit[2], dtype="<f8").reshape(hit[1], 8), hit[0]


def many_series_arrays(raw, codes: Sequence[str]) -> dict[str, tuple[np.ndarray, str]]:
    """:func:`series_arrays` for several codes in one query."""
    out: dict[str, tuple[np.ndarray, str]] = {}
    codes = list(codes)
    for i in range(0, len(codes), 2000):
        rows = raw.execute("SELECT code, basis, n, data FROM bar_series WHERE code IN "
                           "(SELECT value FROM json_each(?))", (_json_list(codes[i:i + 2000]),)).fetchall()
        for code, basis, n, data in rows:
            out[code] = (np.frombuffer(data, dtype="<f8").reshape(n, 8), basis)
    return out


def _runs(arr: np.ndarray, keys: np.ndarray, stamp: np.ndarray, pairs: list, stamps: list) -> list[Run]:
    """Maximal runs of consecutive bars with the same (source, basis); each with its latest stamp."""
    starts = np.flatnonzero(np.concatenate([[True], keys[1:] != keys[:-1]]))
    ends = np.append(starts[1:], len(keys))
    by_rank = sorted(set(stamps))
    order = {s: i for i, s in enumerate(by_rank)}
    rank = np.array([order[s] for s in stamps], dtype=np.int64)[stamp]
    latest = np.maximum.reduceat(rank, starts)
    out = []
    for a, b, r in zip(starts.tolist(), ends.tolist(), latest.tolist()):
        src, basis = pairs[int(keys[a])]
        out.append((_day_iso(arr[a, 0]), _day_iso(arr[b - 1, 0]), src, basis, b - a, by_rank[r]))
    return out


def _save_series(raw, code: str, arr: np.ndarray, keys: np.ndarray, stamp: np.ndarray, pairs: list,
                 stamps: list) -> None:
    arr = np.ascontiguousarray(arr, dtype="<f8")
    runs = _runs(arr, keys, stamp, pairs, stamps)
    raw.execute("INSERT INTO bar_series (code, basis, n, first_date, last_date, data) VALUES (?,?,?,?,?,?) "
                "ON CONFLICT (code) DO UPDATE SET basis=excluded.basis, n=excluded.n, "
                "first_date=excluded.first_date, last_date=excluded.last_date, data=excluded.data",
                (code, runs[-1][3], len(arr), runs[0][0], runs[-1][1], arr.tobytes()))
    raw.execute("DELETE FROM bar_sources WHERE code = ?", (code,))
    raw.executemany("INSERT INTO bar_sources (code, first_date, last_date, bars, source, basis, fetched_at) "
                    "VALUES (?,?,?,?,?,?,?)", [(code, f, last, n, s, b, at) for f, last, s, b, n, at in runs])


def pack_legacy_bars(conn: Connection) -> int:
    """Migration 5 -> 6: every series of the one-row-per-bar table ``bars`` into ``bar_series``
    and ``bar_sources`` (bars, factors, basis, source and fetched_at of every bar kept).
    Returns the number of series."""
    raw = driver(conn)
    codes = [r[0] for r in raw.execute("SELECT DISTINCT code FROM bars ORDER BY code").fetchall()]
    for code in codes:
        rows = raw.execute("SELECT date, open, high, low, close, volume, amount, factor, source, basis, fetched_at "
                           "FROM bars WHERE code = ? ORDER BY date", (code,)).fetchall()
        arr = np.array([(0.0, *r[1:8]) for r in rows], dtype="float64").reshape(-1, 8)
        arr[:, 0] = np.array([r[0][:10] for r in rows], dtype="datetime64[D]").astype("int64")
        pair_ix: dict[tuple[str, str], int] = {}
        stamp_ix: dict[str, int] = {}
        keys = np.array([pair_ix.setdefault((r[8], r[9]), len(pair_ix)) for r in rows], dtype=np.int64)
        stamp = np.array([stamp_ix.setdefault(r[10], len(stamp_ix)) for r in rows], dtype=np.int64)
        _save_series(raw, code, arr, keys, stamp, list(pair_ix), list(stamp_ix))
    return len(codes)

__all__ = ["Run", "dialect_sql", "driver", "many_series_arrays", "pack_legacy_bars", "pg_sql", "series_arrays"]
