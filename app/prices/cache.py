"""The price cache in the store (tables ``prices`` and ``price_fetches``, schema 2).

* Writes are one transaction each: the bars and the line in the fetch log go in together, or
  nothing does. A failed download only adds a log line; the cached bars stay as they were.
* Dates are stored as ISO text (``YYYY-MM-DD``); frames going in and out are normalised
  (see :mod:`app.prices.providers`).
* Several adjustments of one listing may be cached side by side; readers that do not name one
  get the preferred one present (:data:`PREFERENCE`).
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Iterable, Sequence

import numpy as np
import pandas as pd
from sqlalchemy import and_, delete, func, insert, select
from sqlalchemy.engine import Connection

from app.prices.providers import COLUMNS, NUMERIC, empty_frame
from app.store import Store, price_fetches_t, prices_t

PREFERENCE = ("qfq", "none", "hfq")
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


@dataclass
class WriteResult:
    """What one write did to one series."""

    code: str
    adjustment: str
    added: int = 0          # dates that were not cached before
    updated: int = 0        # dates that were cached and got overwritten
    first_date: dt.date | None = None   # of the rows written
    last_date: dt.date | None = None


def _upsert(conn: Connection, rows: list[dict]) -> None:
    if not rows:
        return
    name = conn.dialect.name
    if name == "sqlite":
        from sqlalchemy.dialects.sqlite import insert as dialect_insert
    elif name == "postgresql":  # pragma: no cover - the store is SQLite today
        from sqlalchemy.dialects.postgresql import insert as dialect_insert
    else:  # pragma: no cover
        raise NotImplementedError(f"price cache upsert on {name}")
    stmt = dialect_insert(prices_t)
    stmt = stmt.on_conflict_do_update(
        index_elements=[prices_t.c.code, prices_t.c.adjustment, prices_t.c.date],
        set_={c: stmt.excluded[c] for c in (*_PRICE_COLS, "source", "fetched_at")})
    for i in range(0, len(rows), 2000):
        conn.execute(stmt, rows[i:i + 2000])


def _frame_rows(df: pd.DataFrame, source: str, fetched_at: str) -> list[dict]:
    dates = df["date"].dt.strftime("%Y-%m-%d").to_numpy()
    cols = {c: df[c].to_numpy(dtype="float64") for c in _PRICE_COLS}
    codes = df["code"].to_numpy()
    adjs = df["adjustment"].to_numpy()
    out = []
    for i in range(len(df)):
        r = {"code": codes[i], "date": dates[i], "adjustment": adjs[i], "source": source,
             "fetched_at": fetched_at}
        for c, arr in cols.items():
            v = arr[i]
            r[c] = None if v != v else float(v)
        out.append(r)
    return out


class PriceCache:
    def __init__(self, store: Store):
        self.store = store

    # ---- reading ------------------------------------------------------------------------
    def adjustments(self, code: str) -> list[str]:
        """Adjustments cached for a code, preferred first."""
        with self.store.read() as conn:
            have = {r[0] for r in conn.execute(
                select(prices_t.c.adjustment).where(prices_t.c.code == code).distinct())}
        return sorted(have, key=lambda a: (PREFERENCE.index(a) if a in PREFERENCE else 99, a))

    def preferred(self, codes: Sequence[str], adjustment: str | None = None,
                  conn: Connection | None = None) -> dict[str, tuple[str, dt.date]]:
        """code -> (adjustment, last cached date) for the codes that have bars.

        With ``adjustment`` only that one counts; otherwise the first of :data:`PREFERENCE`
        present. Index seeks only (one MAX per code and adjustment), so cheap for many codes.
        """
        adjs = (adjustment,) if adjustment else PREFERENCE
        out: dict[str, tuple[str, dt.date]] = {}

        def run(c: Connection) -> None:
            cols = ", ".join("(SELECT MAX(p.date) FROM prices p WHERE p.code = k.value AND p.adjustment = ?)"
                             for _ in adjs)
            sql = f"SELECT k.value, {cols} FROM json_each(?) AS k"
            if c.dialect.name == "postgresql":  # team mode
                sql = sql.replace("json_each(?) AS k", "jsonb_array_elements_text(?::jsonb) AS k(value)"
                                  ).replace("?", "%s")
            codes_l = list(dict.fromkeys(codes))
            for i in range(0, len(codes_l), 2000):
                for code, *lasts in c.exec_driver_sql(sql, (*adjs, _json_list(codes_l[i:i + 2000]))).all():
                    for adj, last in zip(adjs, lasts):
                        if last is not None:
                            out[code] = (adj, _date(last))
                            break

        if conn is not None:
            run(conn)
        else:
            with self.store.read() as c:
                run(c)
        return out

    def last_date(self, code: str, adjustment: str) -> dt.date | None:
        with self.store.read() as conn:
            v = conn.execute(select(func.max(prices_t.c.date)).where(
                prices_t.c.code == code, prices_t.c.adjustment == adjustment)).scalar()
        return _date(v)

    def tail(self, code: str, adjustment: str, n: int = 2) -> pd.DataFrame:
        """The last ``n`` cached bars of one series (oldest first)."""
        with self.store.read() as conn:
            rows = conn.execute(
                select(prices_t.c.date, prices_t.c.close)
                .where(prices_t.c.code == code, prices_t.c.adjustment == adjustment)
                .order_by(prices_t.c.date.desc()).limit(n)).all()
        return pd.DataFrame({"date": pd.to_datetime([r[0] for r in rows[::-1]]).astype("datetime64[ns]"),
                             "close": [r[1] for r in rows[::-1]]})

    def load(self, code: str, adjustment: str | None = None, start=None, end=None) -> pd.DataFrame:
        """One series as a normalised frame (empty when nothing is cached)."""
        if adjustment is None:
            pref = self.preferred([code])
            if code not in pref:
                return empty_frame()
            adjustment = pref[code][0]
        return self.load_many([code], adjustment=adjustment, start=start, end=end)

    def load_many(self, codes: Sequence[str], adjustment: str | None = None, start=None,
                  end=None) -> pd.DataFrame:
        """Several series in one frame, sorted by code then date (each code in its preferred
        adjustment unless one is given)."""
        codes = list(dict.fromkeys(codes))
        if not codes:
            return empty_frame()
        with self.store.read() as conn:
            pref = self.preferred(codes, adjustment, conn=conn)
            keys = [(c, pref[c][0]) for c in codes if c in pref]
            if not keys:
                return empty_frame()
            data = _fetch_bars(conn, keys, _iso(start), _iso(end))
        return data

    def series_info(self, code: str) -> list[dict]:
        """Per cached adjustment: bars, first and last date, sources and last write time."""
        with self.store.read() as conn:
            rows = conn.execute(
                select(prices_t.c.adjustment, func.count(), func.min(prices_t.c.date),
                       func.max(prices_t.c.date), func.max(prices_t.c.fetched_at),
                       func.string_agg(prices_t.c.source.distinct(), ",")
                       if conn.dialect.name == "postgresql" else func.group_concat(prices_t.c.source.distinct()))
                .where(prices_t.c.code == code).group_by(prices_t.c.adjustment)).all()
        out = [{"adjustment": a, "bars": n, "first_date": _date(f), "last_date": _date(last),
                "fetched_at": at, "sources": sorted((src or "").split(","))}
               for a, n, f, last, at, src in rows]
        return sorted(out, key=lambda r: PREFERENCE.index(r["adjustment"])
                      if r["adjustment"] in PREFERENCE else 99)

    def fetches(self, code: str | None = None, limit: int = 20) -> list[dict]:
        """The fetch log, newest first."""
        q = select(price_fetches_t).order_by(price_fetches_t.c.id.desc()).limit(limit)
        if code:
            q = q.where(price_fetches_t.c.code == code)
        with self.store.read() as conn:
            return [dict(r) for r in conn.execute(q).mappings()]

    def codes(self) -> list[str]:
        with self.store.read() as conn:
            return [r[0] for r in conn.execute(select(prices_t.c.code).distinct().order_by(prices_t.c.code))]

    # ---- writing ------------------------------------------------------------------------
    def write(self, frame: pd.DataFrame, source: str, *, replace: bool = False,
              fetched_at: str | None = None, message: str = "",
              conn: Connection | None = None) -> list[WriteResult]:
        """Upsert a normalised frame; one transaction (or the caller's ``conn``).

        ``replace``: each (code, adjustment) in the frame is emptied first, so the frame becomes
        the whole series. Returns one result per (code, adjustment) written, and adds a line per
        code to the fetch log (always: its id is what tells readers a series changed).
        """
        fetched_at = fetched_at or now_iso()
        if conn is None:
            with self.store.write() as c:
                return self.write(frame, source, replace=replace, fetched_at=fetched_at,
                                  message=message, conn=c)
        results = []
        for (code, adj), part in frame.groupby(["code", "adjustment"], sort=True):
            part = part.sort_values("date")
            dates = part["date"].dt.strftime("%Y-%m-%d")
            existing = {r[0] for r in conn.execute(
                select(prices_t.c.date).where(prices_t.c.code == code, prices_t.c.adjustment == adj,
                                              prices_t.c.date >= dates.iloc[0],
                                              prices_t.c.date <= dates.iloc[-1]))}
            if replace:
                conn.execute(delete(prices_t).where(prices_t.c.code == code, prices_t.c.adjustment == adj))
            _upsert(conn, _frame_rows(part, source, fetched_at))
            new = int((~dates.isin(existing)).sum())
            res = WriteResult(code, adj, added=new, updated=len(part) - new,
                              first_date=part["date"].iloc[0].date(), last_date=part["date"].iloc[-1].date())
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
        sql = ("SELECT k.value, (SELECT MAX(f.id) FROM price_fetches f WHERE f.code = k.value) "
               "FROM json_each(?) AS k")
        if conn.dialect.name == "postgresql":  # team mode
            sql = sql.replace("json_each(?) AS k", "jsonb_array_elements_text(%s::jsonb) AS k(value)")
        rows = conn.exec_driver_sql(sql, (_json_list(codes),)).all()
        return {c: (v or 0) for c, v in rows}

    def delete(self, code: str, adjustment: str | None = None) -> int:
        with self.store.write() as conn:
            cond = prices_t.c.code == code
            if adjustment:
                cond = and_(cond, prices_t.c.adjustment == adjustment)
            n = conn.execute(delete(prices_t).where(cond)).rowcount
            self.log_fetch(code, "user", "deleted", f"{n} bars deleted", conn=conn)
            return n


# ---- fast bulk read -------------------------------------------------------------------------

def _json_list(items: Iterable[str]) -> str:
    return json.dumps(list(items))


def _fetch_bars(conn: Connection, keys: list[tuple[str, str]], start: str | None, end: str | None,
                columns: Sequence[str] = _PRICE_COLS) -> pd.DataFrame:
    """Bars for (code, adjustment) pairs, straight from the DB-API cursor into numpy.

    One index-range query per series (ordered by the primary key, so no sort), which measured
    several times faster than one join over all of them.
    """
    cols = ", ".join(columns)
    # The day as a number (days since 1970) keeps every column numeric, so numpy converts the
    # rows in C (None -> NaN) instead of Python unpacking them.
    sql = (f"SELECT julianday(date) - 2440587.5, {cols} FROM prices WHERE code = ? AND adjustment = ? "
           "AND date >= ? AND date <= ? ORDER BY date")
    raw = conn.connection.driver_connection
    lo, hi = start or "0000-00-00", end or "9999-99-99"
    parts = [np.array(raw.execute(sql, (code, adj, lo, hi)).fetchall(), dtype="float64")
             .reshape(-1, len(columns) + 1) for code, adj in keys]
    counts = [len(x) for x in parts]
    if not sum(counts):
        return empty_frame()
    arr = np.concatenate(parts)
    days = np.rint(arr[:, 0]).astype("int64")
    df = pd.DataFrame({
        "code": np.repeat(np.array([k[0] for k in keys], dtype=object), counts),
        "date": days.astype("datetime64[D]").astype("datetime64[ns]")})
    for i, c in enumerate(columns, start=1):
        df[c] = arr[:, i]
    for c in NUMERIC:
        if c not in df:
            df[c] = np.nan
    df["adjustment"] = np.repeat(np.array([k[1] for k in keys], dtype=object), counts)
    return df[COLUMNS]
