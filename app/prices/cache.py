"""The price cache in the store: bars as the market printed them, plus adjustment factors.

Tables ``bar_series``, ``bar_sources`` and ``price_fetches`` (schema 6, :mod:`app.store`).

* **One series per listing, one packed row.** ``bar_series`` holds a listing's bars as one
  (n, 8) float64 array (day, unadjusted open/high/low/close, volume, amount, and the day's
  cumulative backward-adjustment ``factor``: the source's hfq close divided by the raw close; 1
  for indices and for sources that give no factors). ``bar_sources`` says which source (and
  basis) gave which run of bars. A write reads the series, merges in numpy and writes it back:
  one row, not one per bar (issue 10: >= 300,000 bars/s).
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
  On PostgreSQL a write holds an advisory lock on its code, so two desks never lose a merge.
* Dates are ISO text (``YYYY-MM-DD``) outside the array, day numbers since 1970 inside.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Sequence

import numpy as np
import pandas as pd
from sqlalchemy import delete, select
from sqlalchemy.engine import Connection

from app.prices.providers import COLUMNS, NUMERIC, PriceError, empty_frame
from app.prices.packed import (  # noqa: F401 - re-exported (the packed rows live in app.prices.packed)
    Run, _day_date, _day_iso, _json_list, _save_series, dialect_sql, driver, many_series_arrays,
    pack_legacy_bars, pg_sql, series_arrays,
)
from app.store import Store, bar_series_t, bar_sources_t, price_fetches_t

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
    if isinstance(d, dt.date) and d.year >= 1000:     # date, datetime, Timestamp
        return d.isoformat()[:10]
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


class PriceCache:
    def __init__(self, store: Store):
        self.store = store

    # ---- reading ------------------------------------------------------------------------
    def last_dates(self, codes: Sequence[str], conn: Connection | None = None) -> dict[str, tuple[str, dt.date]]:
        """code -> (basis, last cached date) for the codes that have bars (primary-key seeks)."""
        out: dict[str, tuple[str, dt.date]] = {}

        def run(c: Connection) -> None:
            sql = ("SELECT code, basis, last_date FROM bar_series WHERE code IN "
                   "(SELECT value FROM json_each(?))")
            codes_l = list(dict.fromkeys(codes))
            for i in range(0, len(codes_l), 2000):
                for code, basis, d in c.exec_driver_sql(dialect_sql(c, sql),
                                                        (_json_list(codes_l[i:i + 2000]),)).all():
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
            v = conn.execute(select(bar_series_t.c.last_date).where(bar_series_t.c.code == code)).scalar()
        return _date(v)

    def basis(self, code: str) -> str | None:
        """"none" when the cached bars are as printed; the adjustment of a file's prices otherwise."""
        with self.store.read() as conn:
            rows = conn.execute(select(bar_sources_t.c.basis).where(bar_sources_t.c.code == code).distinct()).all()
        kinds = {r[0] for r in rows}
        if not kinds:
            return None
        return "none" if kinds == {"none"} else sorted(kinds - {"none"})[0]

    def tail(self, code: str, n: int = 2) -> pd.DataFrame:
        """The last ``n`` cached bars of one series (oldest first): date, close, factor, basis, source."""
        with self.store.read() as conn:
            got = _read_series(driver(conn), code)
        if got is None:
            arr, labels = np.empty((0, 8)), []
        else:
            arr, runs = got
            keys, _ = _expand_runs(arr[:, 0], runs)
            arr = arr[-n:] if n > 0 else arr[:0]
            pairs = list(dict.fromkeys((r[2], r[3]) for r in runs))
            labels = [pairs[k] for k in keys[len(keys) - len(arr):]]
        return pd.DataFrame({"date": _days_to_ns(arr[:, 0]),
                             "close": arr[:, 4].copy(),
                             "factor": arr[:, 7].copy(),
                             "basis": pd.Series([b for _, b in labels], dtype=object),
                             "source": pd.Series([s for s, _ in labels], dtype=object)})

    def factor_before(self, code: str, day: dt.date | pd.Timestamp, conn: Connection | None = None) -> float | None:
        """The cached factor of the last bar before ``day`` (None when there is none)."""
        def run(c: Connection) -> float | None:
            got = series_arrays(driver(c), code)
            return None if got is None else _factor_before(got[0], _day(day))
        if conn is not None:
            return run(conn)
        with self.store.read() as c:
            return run(c)

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
        q = select(bar_sources_t.c.source, bar_sources_t.c.basis, bar_sources_t.c.first_date,
                   bar_sources_t.c.last_date, bar_sources_t.c.bars, bar_sources_t.c.fetched_at) \
            .where(bar_sources_t.c.code == code).order_by(bar_sources_t.c.first_date)
        with self.store.read() as conn:
            rows = conn.execute(q).all()
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
            return [r[0] for r in conn.execute(select(bar_series_t.c.code).order_by(bar_series_t.c.code))]

    # ---- writing ------------------------------------------------------------------------
    def write(self, frame: pd.DataFrame, source: str, *, replace: bool = False,
              fetched_at: str | None = None, message: str = "", keep_bars: bool = False,
              conn: Connection | None = None) -> list[WriteResult]:
        """Upsert a normalised frame (optionally with a ``factor`` column); one transaction.

        The frame's ``adjustment`` is the basis of its prices: ``none`` (as printed) or a file's
        ``qfq``/``hfq``. Missing factors carry the last cached factor before the frame forward
        (1 when there is none): no corporate action is invented. ``replace``: each code's series
        is emptied first. ``keep_bars``: dates already cached keep their bars (and source) and
        only take the new factor (a re-base). Returns one result per code and logs one line per code.
        """
        fetched_at = fetched_at or now_iso()
        if conn is None:
            with self.store.write() as c:
                return self.write(frame, source, replace=replace, fetched_at=fetched_at,
                                  message=message, keep_bars=keep_bars, conn=c)
        raw = driver(conn)
        results = []
        codes = frame["code"].to_numpy()
        if not len(frame):
            bounds = []
        elif codes[0] == codes[-1] and (codes == codes[0]).all():     # the usual case: one series
            bounds = [(0, len(frame))]
        else:
            if (codes[1:] < codes[:-1]).any():
                frame = frame.sort_values(["code", "date"], kind="stable")
                codes = frame["code"].to_numpy()
            starts = np.flatnonzero(np.concatenate([[True], codes[1:] != codes[:-1]]))
            bounds = list(zip(starts.tolist(), [*starts[1:].tolist(), len(frame)]))
        adjustments = frame["adjustment"].to_numpy()
        columns = np.empty((len(frame), 8))     # day, open … amount, factor: column by column (fast)
        columns[:, 0] = frame["date"].to_numpy().astype("datetime64[D]").astype("int64")
        for i, c in enumerate(_PRICE_COLS, start=1):
            columns[:, i] = frame[c].to_numpy(dtype="float64")
        has_factor = "factor" in frame
        columns[:, 7] = frame["factor"].to_numpy(dtype="float64") if has_factor else np.nan
        for a, b in bounds:
            code = str(codes[a])
            bases = set(adjustments[a:b])
            if len(bases) != 1:
                raise PriceError(f"{code}: one write holds one basis, got {sorted(bases)}")
            basis = str(bases.pop())
            new = columns[a:b].copy()
            if basis != "none":
                new[:, 7] = np.nan
            if (np.diff(new[:, 0]) <= 0).any():     # unsorted, or the same day twice: the last one wins
                order = np.argsort(new[:, 0], kind="stable")
                new = new[order]
                keep = np.r_[new[1:, 0] != new[:-1, 0], True]
                new = new[keep]
            if conn.dialect.name == "postgresql":
                self.store.lock(conn, f"chainwatch:bars:{code}")
            old = None if replace else _read_series(raw, code)
            f = new[:, 7]
            if basis != "none":
                f[:] = 1.0
            elif np.isnan(f).any():
                seed = None if old is None else _factor_before(old[0], int(new[0, 0]))
                new[:, 7] = pd.Series(f).ffill().fillna(1.0 if seed is None else float(seed)).to_numpy()
            arr, keys, fetched, pairs, stamps, existing = _merge(old, new, (source, basis), fetched_at,
                                                                keep_bars)
            _save_series(raw, code, arr, keys, fetched, pairs, stamps)
            n = len(new)
            res = WriteResult(code, basis, added=n - existing, updated=existing,
                              first_date=_day_date(new[0, 0]), last_date=_day_date(new[-1, 0]))
            results.append(res)
            self.log_fetch(code, source, "ok", message, res.first_date, res.last_date, res.added,
                           fetched_at=fetched_at, conn=conn)
        return results

    def log_fetch(self, code: str, source: str, status: str, message: str = "",
                  first_date: dt.date | None = None, last_date: dt.date | None = None, rows: int = 0,
                  fetched_at: str | None = None, conn: Connection | None = None) -> None:
        values = (code, source, fetched_at or now_iso(), _iso(first_date), _iso(last_date), int(rows),
                  status, message or "")
        if conn is None:
            with self.store.write() as c:
                driver(c).execute(_LOG_SQL, values)
        else:
            driver(conn).execute(_LOG_SQL, values)

    def versions(self, codes: Sequence[str], conn: Connection) -> dict[str, int]:
        """code -> id of its latest fetch-log line (changes whenever its bars may have)."""
        rows = conn.exec_driver_sql(dialect_sql(conn,
            "SELECT k.value, (SELECT MAX(f.id) FROM price_fetches f WHERE f.code = k.value) "
            "FROM json_each(?) AS k"), (_json_list(codes),)).all()
        return {c: (v or 0) for c, v in rows}

    def delete(self, code: str, adjustment: str | None = None) -> int:
        with self.store.write() as conn:
            n = conn.execute(select(bar_series_t.c.n).where(bar_series_t.c.code == code)).scalar() or 0
            conn.execute(delete(bar_series_t).where(bar_series_t.c.code == code))
            conn.execute(delete(bar_sources_t).where(bar_sources_t.c.code == code))
            self.log_fetch(code, "user", "deleted", f"{n} bars deleted", conn=conn)
            return n


_LOG_SQL = ("INSERT INTO price_fetches (code, source, fetched_at, first_date, last_date, rows, status, message) "
            "VALUES (?,?,?,?,?,?,?,?)")


# ---- the packed series ----------------------------------------------------------------------

def _day(d) -> int:
    """Days since 1970-01-01 of a date, Timestamp or ISO text."""
    return int(np.datetime64(_iso(d), "D").astype("int64"))


def _days_to_ns(days: np.ndarray) -> np.ndarray:
    return np.rint(days).astype("int64").astype("datetime64[D]").astype("datetime64[ns]")


def _factor_before(arr: np.ndarray, day: int) -> float | None:
    i = int(np.searchsorted(arr[:, 0], day)) - 1
    return float(arr[i, 7]) if i >= 0 else None



def _read_series(raw, code: str) -> tuple[np.ndarray, list[Run]] | None:
    """The packed bars of one series and its source runs (None when it has no bars)."""
    got = series_arrays(raw, code)
    if got is None:
        return None
    runs = raw.execute("SELECT first_date, last_date, source, basis, bars, fetched_at FROM bar_sources "
                       "WHERE code = ? ORDER BY first_date", (code,)).fetchall()
    return got[0], [tuple(r) for r in runs]


def _expand_runs(days: np.ndarray, runs: list[Run]) -> tuple[np.ndarray, np.ndarray]:
    """Per bar: the index of its (source, basis) pair (in order of first appearance in ``runs``)
    and the index of its run's fetched_at in ``runs``."""
    pairs = list(dict.fromkeys((r[2], r[3]) for r in runs))
    where = {p: i for i, p in enumerate(pairs)}
    keys = np.zeros(len(days), dtype=np.int64)
    stamp = np.zeros(len(days), dtype=np.int64)
    for i, r in enumerate(runs):
        a = int(np.searchsorted(days, _day(r[0])))
        b = int(np.searchsorted(days, _day(r[1]), side="right"))
        keys[a:b] = where[(r[2], r[3])]
        stamp[a:b] = i
    return keys, stamp


def _merge(old, new: np.ndarray, pair: tuple[str, str], fetched_at: str, keep_bars: bool):
    """Merge the new bars into the old series. Returns (bars, per-bar pair index, per-bar stamp
    index, pairs, stamps, how many new days were cached before)."""
    if old is None or not len(old[0]):
        return (new, np.zeros(len(new), np.int64), np.zeros(len(new), np.int64), [pair], [fetched_at], 0)
    old_arr, runs = old
    okeys, ostamp = _expand_runs(old_arr[:, 0], runs)
    pairs = list(dict.fromkeys((r[2], r[3]) for r in runs))
    if pair not in pairs:
        pairs.append(pair)
    pk = pairs.index(pair)
    stamps = [r[5] for r in runs] + [fetched_at]
    sk = len(stamps) - 1
    od, nd = old_arr[:, 0], new[:, 0]
    if od[-1] < nd[0]:                           # the common case: appending after the last bar
        return (np.concatenate([old_arr, new]), np.append(okeys, np.full(len(new), pk)),
                np.append(ostamp, np.full(len(new), sk)), pairs, stamps, 0)
    days = np.union1d(od, nd)
    po, pn = np.searchsorted(days, od), np.searchsorted(days, nd)
    was = np.zeros(len(days), bool)
    was[po] = True
    overlap = was[pn]
    arr = np.empty((len(days), 8))
    keys = np.empty(len(days), np.int64)
    stamp = np.empty(len(days), np.int64)
    arr[po], keys[po], stamp[po] = old_arr, okeys, ostamp
    if keep_bars:                                 # a re-base: cached days only take the factor
        arr[pn[overlap], 7] = new[overlap, 7]
        stamp[pn[overlap]] = sk
        fresh = ~overlap
        arr[pn[fresh]], keys[pn[fresh]], stamp[pn[fresh]] = new[fresh], pk, sk
    else:
        arr[pn], keys[pn], stamp[pn] = new, pk, sk
    return arr, keys, stamp, pairs, stamps, int(overlap.sum())


def _fetch_bars(conn: Connection, codes: list[str], view: str, start: str | None, end: str | None) -> pd.DataFrame:
    """Bars of several codes in one view: each series from its packed row (see ``bar_series``)."""
    raw = driver(conn)
    lo = np.datetime64(start, "D").astype("int64") if start else None
    hi = np.datetime64(end, "D").astype("int64") if end else None
    got_all = many_series_arrays(raw, codes) if len(codes) > 1 else {}
    parts, labels, bases = [], [], []
    for code in codes:
        got = got_all.get(code) if len(codes) > 1 else series_arrays(raw, code)
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
    arr = np.concatenate(parts).T.copy()         # one contiguous column per field
    cols: dict[str, object] = {
        "code": np.repeat(np.array(labels, dtype=object), counts),
        "date": arr[0].astype("int64").astype("datetime64[D]").astype("datetime64[ns]")}
    for i, c in enumerate(_PRICE_COLS, start=1):
        cols[c] = arr[i]
    for c in NUMERIC:
        if c not in cols:
            cols[c] = np.full(arr.shape[1], np.nan)
    cols["adjustment"] = np.repeat(np.array(bases, dtype=object), counts)
    return pd.DataFrame({c: cols[c] for c in COLUMNS}, copy=False)
