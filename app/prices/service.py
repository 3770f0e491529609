"""Market-data services for the desk: refresh, import, series and the table's price metrics.

No Qt. :func:`refresh` is safe to run in a worker thread (it only touches the store through its
own connections); it reports progress through a callback and stops between codes when
``cancelled()`` turns true. A code that fails keeps its cached bars and gets a result saying
what failed.

Incremental updates
    A series already cached is fetched from its second-to-last cached day on: the last cached
    day is fetched again because it may have been a bar taken during the session, and the day
    before it is compared with the cache. Forward-adjusted (``qfq``) history is re-based by the
    source after every dividend or split; when the compared close no longer matches, the whole
    series is downloaded again and replaces the cached one (reported as ``rebased``).
"""
from __future__ import annotations

import datetime as dt
import itertools
import json
import logging
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Sequence

import numpy as np
import pandas as pd

from app.prices.cache import PriceCache, WriteResult, now_iso
from app.prices.file_provider import FileInfo, read_price_file
from app.prices.providers import PriceQuery, Provider, ProviderError, default_adjustment
from app.prices.symbols import BENCHMARKS, canonical
from app.store import Store

log = logging.getLogger(__name__)

REBASE_TOLERANCE = 5e-4   # relative close difference that means "the source re-based the series"


@dataclass
class RefreshResult:
    """What a refresh did for one code."""

    code: str
    status: str                      # ok, error, cancelled, skipped
    rows_added: int = 0
    rows_updated: int = 0
    first_date: dt.date | None = None     # range of the bars received
    last_date: dt.date | None = None
    cached_last: dt.date | None = None    # the series' last cached day afterwards
    adjustment: str = ""
    source: str = ""
    message: str = ""
    rebased: bool = False

    @property
    def ok(self) -> bool:
        return self.status == "ok"

    def line(self) -> str:
        if self.status == "ok":
            if self.rows_added == 0 and not self.rebased:
                return f"{self.code}: up to date (last {self.cached_last})" if self.cached_last else \
                    f"{self.code}: no bars"
            rng = f"{self.first_date} … {self.last_date}" if self.first_date else ""
            extra = " (re-based: whole history replaced)" if self.rebased else ""
            return f"{self.code}: +{self.rows_added} rows {rng}{extra}"
        return f"{self.code}: {self.status}: {self.message}"

    def as_dict(self) -> dict:
        return {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in self.__dict__.items()}


@dataclass
class ImportResult:
    code: str
    adjustment: str
    rows_added: int
    rows_updated: int
    first_date: dt.date
    last_date: dt.date

    def line(self) -> str:
        upd = f", {self.rows_updated} updated" if self.rows_updated else ""
        return (f"{self.code}: {self.rows_added} rows added{upd}, {self.first_date} … {self.last_date}"
                f" ({self.adjustment})")


@dataclass
class ImportReport:
    info: FileInfo
    results: list[ImportResult] = field(default_factory=list)


def default_codes(store: Store) -> list[str]:
    """Every code in every watchlist (in order, once), then the benchmarks."""
    codes: list[str] = []
    for w in store.watchlists():
        codes.extend(w.codes)
    return list(dict.fromkeys([*codes, *BENCHMARKS]))


def _default_provider() -> Provider:
    from app.prices.akshare_provider import AkshareProvider

    return AkshareProvider()


def refresh(store: Store, codes: Iterable[str] | None = None, *,
            provider: Provider | None = None,
            progress: Callable[[int, int, RefreshResult | None], None] | None = None,
            cancelled: Callable[[], bool] | None = None,
            adjustment: str | None = None, full: bool = False, pause: float = 0.0) -> list[RefreshResult]:
    """Download what is missing for each code; returns one result per code, in order.

    ``codes`` default to :func:`default_codes`. ``adjustment`` defaults per code (``qfq`` for
    listings, ``none`` for indices). ``full`` re-downloads whole histories. ``pause`` seconds
    between requests keep the source friendly. ``progress(done, total, result)`` is called after
    each code (and once with ``result=None`` before the first).
    """
    provider = provider or _default_provider()
    cache = PriceCache(store)
    wanted = list(dict.fromkeys(default_codes(store) if codes is None else codes))
    total = len(wanted)
    results: list[RefreshResult] = []
    if progress:
        progress(0, total, None)
    for i, raw in enumerate(wanted):
        if cancelled and cancelled():
            results.extend(RefreshResult(_safe_code(c), "cancelled", message="cancelled before it started")
                           for c in wanted[i:])
            break
        res = _refresh_shared(store, cache, provider, raw, adjustment, full)
        results.append(res)
        if progress:
            progress(i + 1, total, res)
        if pause and i + 1 < total and res.status != "skipped":
            time.sleep(pause)
    return results


def _refresh_shared(store: Store, cache: PriceCache, provider: Provider, raw: str, adjustment: str | None,
                    full: bool) -> RefreshResult:
    """One code under the store's lock for it: of two desks refreshing the same code at once
    (a team database, or two windows on one file) the second waits, sees the first one's
    successful fetch-log line and downloads nothing."""
    from sqlalchemy import func, select

    from app.store import price_fetches_t as f

    code = _safe_code(raw)

    def last_ok(c) -> int:
        return c.execute(select(func.coalesce(func.max(f.c.id), 0)).where(
            f.c.code == code, f.c.status == "ok")).scalar()
    with store.read() as c:
        seen = last_ok(c)
    with store.exclusive(f"prices:{code}"):
        with store.read() as c:
            if last_ok(c) > seen and not full:
                adj = "none" if code in BENCHMARKS else (adjustment or default_adjustment(code))
                return RefreshResult(code, "ok", adjustment=adj, cached_last=cache.last_date(code, adj),
                                     message="refreshed by another desk just now")
        return _refresh_one(cache, provider, raw, adjustment, full)


def _safe_code(raw: str) -> str:
    try:
        return canonical(raw)
    except Exception:
        return str(raw)


def _refresh_one(cache: PriceCache, provider: Provider, raw: str, adjustment: str | None,
                 full: bool) -> RefreshResult:
    try:
        code = canonical(raw)
    except Exception as e:
        return RefreshResult(str(raw), "error", message=str(e).strip('"'))
    adj = "none" if code in BENCHMARKS else (adjustment or default_adjustment(code))
    if not provider.supports(code):
        return RefreshResult(code, "skipped", adjustment=adj, source=provider.name,
                             message=f"{provider.name} has no prices for {code}")
    tail = pd.DataFrame() if full else cache.tail(code, adj, 2)
    start = None if tail.empty else tail["date"].iloc[0].date()
    src = provider.name
    try:
        frame = provider.fetch(PriceQuery(code, start=start, adjustment=adj))
        rebased = False
        if not tail.empty and not frame.empty:
            anchor_day, anchor_close = tail["date"].iloc[0], float(tail["close"].iloc[0])
            hit = frame.loc[frame["date"] == anchor_day, "close"]
            if len(hit) and abs(float(hit.iloc[0]) / anchor_close - 1) > REBASE_TOLERANCE:
                log.info("%s: cached %s close %s, source now says %s: re-downloading", code,
                         anchor_day.date(), anchor_close, float(hit.iloc[0]))
                frame = provider.fetch(PriceQuery(code, adjustment=adj))
                rebased = True
    except ProviderError as e:
        cache.log_fetch(code, e.source, "error", e.reason)
        cached = cache.last_date(code, adj)
        keep = f"; cached bars kept (to {cached})" if cached else ""
        return RefreshResult(code, "error", adjustment=adj, source=e.source, cached_last=cached,
                             message=f"{e.reason}{keep}")
    except Exception as e:  # a bug or an akshare surprise must not stop the other codes
        log.exception("refresh %s", code)
        msg = f"{e.__class__.__name__}: {e}"
        cache.log_fetch(code, src, "error", msg)
        return RefreshResult(code, "error", adjustment=adj, source=src,
                             cached_last=cache.last_date(code, adj), message=msg)
    if frame.empty:
        if tail.empty:
            msg = "the source returned no bars (unknown code, suspended or not listed yet?)"
            cache.log_fetch(code, src, "empty", msg)
            return RefreshResult(code, "error", adjustment=adj, source=src, message=msg)
        cache.log_fetch(code, src, "ok", "no new bars", rows=0)
        return RefreshResult(code, "ok", adjustment=adj, source=src,
                             cached_last=tail["date"].iloc[-1].date(), message="up to date")
    fetched_at = now_iso()
    wr: list[WriteResult] = cache.write(frame, src, replace=rebased, fetched_at=fetched_at,
                                        message="re-based: full history" if rebased else "")
    w = wr[0]
    return RefreshResult(code, "ok", rows_added=w.added, rows_updated=w.updated,
                         first_date=w.first_date, last_date=w.last_date,
                         cached_last=cache.last_date(code, adj), adjustment=adj, source=src,
                         rebased=rebased)


def import_file(store: Store, path: str | Path, code: str | None = None,
                adjustment: str | None = None, sheet: str | None = None) -> ImportReport:
    """Import a price file (validated whole first, then written in one transaction)."""
    frame, info = read_price_file(path, code=code, adjustment=adjustment, sheet=sheet)
    cache = PriceCache(store)
    source = f"file:{info.layout}"
    wr = cache.write(frame, source, message=Path(path).name)
    report = ImportReport(info)
    for w in wr:
        report.results.append(ImportResult(w.code, w.adjustment, w.added, w.updated, w.first_date,
                                           w.last_date))
    return report


def series(store: Store, code: str, adjustment: str | None = None, start=None, end=None) -> pd.DataFrame:
    """One cached series (normalised frame; empty when there is none)."""
    return PriceCache(store).load(canonical(code), adjustment, start, end)


# ---- metrics for the desk table -----------------------------------------------------------

METRIC_COLUMNS = ["last", "last_date", "change", "ret_1m", "ret_3m", "ret_ytd", "max_drawdown",
                  "adjustment"]
_VALUES = METRIC_COLUMNS[:-1]

# (database, code) -> (adjustment, fetch-log version, drawdown window, metric values). A series'
# metrics are recomputed only when a newer line in its fetch log says its bars changed.
_memo: dict[tuple[str, str], tuple[str, int, int, tuple]] = {}
_memo_lock = threading.Lock()


def _months_back(d: dt.date, k: int) -> dt.date:
    """The same day k calendar months earlier, clipped to the month's end (Mar 31 -> Feb 28)."""
    y, m = divmod(d.year * 12 + d.month - 1 - k, 12)
    m += 1
    nxt = dt.date(y + (m == 12), m % 12 + 1, 1)
    return dt.date(y, m, min(d.day, (nxt - dt.timedelta(days=1)).day))


_POINTS_SQL = """
WITH k AS MATERIALIZED (
  SELECT key AS g, json_extract(value, '$[0]') AS code, json_extract(value, '$[1]') AS adj,
         json_extract(value, '$[2]') AS t1m, json_extract(value, '$[3]') AS t3m,
         json_extract(value, '$[4]') AS tytd
  FROM json_each(?))
SELECT k.g,
  (SELECT julianday(p.date) - 2440587.5 FROM prices p WHERE p.code = k.code AND p.adjustment = k.adj
     ORDER BY p.date DESC LIMIT 1),
  (SELECT p.close FROM prices p WHERE p.code = k.code AND p.adjustment = k.adj
     ORDER BY p.date DESC LIMIT 1),
  (SELECT p.close FROM prices p WHERE p.code = k.code AND p.adjustment = k.adj
     ORDER BY p.date DESC LIMIT 1 OFFSET 1),
  (SELECT p.close FROM prices p WHERE p.code = k.code AND p.adjustment = k.adj AND p.date <= k.t1m
     ORDER BY p.date DESC LIMIT 1),
  (SELECT p.close FROM prices p WHERE p.code = k.code AND p.adjustment = k.adj AND p.date <= k.t3m
     ORDER BY p.date DESC LIMIT 1),
  (SELECT p.close FROM prices p WHERE p.code = k.code AND p.adjustment = k.adj AND p.date <= k.tytd
     ORDER BY p.date DESC LIMIT 1),
  (SELECT p.close FROM prices p WHERE p.code = k.code AND p.adjustment = k.adj AND p.date > k.tytd
     ORDER BY p.date LIMIT 1)
FROM k ORDER BY k.g
"""
# Ordered by the primary key (code, adjustment, date): an index range, no sort.
_WINDOW_SQL = "SELECT close FROM prices WHERE code = ? AND adjustment = ? AND date >= ? ORDER BY date"
# The same two on PostgreSQL (team mode): jsonb instead of json_each, date arithmetic instead of
# julianday, psycopg's %s placeholders.
_POINTS_SQL_PG = _POINTS_SQL.replace("""  SELECT key AS g, json_extract(value, '$[0]') AS code, json_extract(value, '$[1]') AS adj,
         json_extract(value, '$[2]') AS t1m, json_extract(value, '$[3]') AS t3m,
         json_extract(value, '$[4]') AS tytd
  FROM json_each(?))""", """  SELECT t.ord - 1 AS g, t.e->>0 AS code, t.e->>1 AS adj, t.e->>2 AS t1m, t.e->>3 AS t3m,
         t.e->>4 AS tytd
  FROM jsonb_array_elements(%s::jsonb) WITH ORDINALITY AS t(e, ord))""").replace(
    "julianday(p.date) - 2440587.5", "(p.date::date - DATE '1970-01-01')::float8")
_WINDOW_SQL_PG = _WINDOW_SQL.replace("?", "%s")


def price_metrics(store: Store, codes: Sequence[str] | None = None,
                  drawdown_days: int = 365) -> pd.DataFrame:
    """Price columns for the desk table, one row per code (index ``code``), from the cache.

    ``last`` close and ``last_date``; ``change`` vs the previous bar; ``ret_1m`` / ``ret_3m``
    from the last close on or before the same day one / three calendar months earlier;
    ``ret_ytd`` from the last close of the previous year (or the first bar, for a listing that
    started this year); ``max_drawdown`` the deepest fall from a running peak over the last
    ``drawdown_days`` (a negative number, 0 when it never fell). Returns are fractions
    (0.05 = +5 %); NaN where the history is too short. Each code uses its preferred cached
    adjustment (qfq, then none); codes without bars get a row of NaN.

    Index seeks for the point values; only the drawdown window is read bar by bar, and only for
    series whose bars changed since the last call in this process (the fetch log says so).
    """
    cache = PriceCache(store)
    codes = cache.codes() if codes is None else list(dict.fromkeys(codes))
    index = pd.Index(codes, name="code", dtype=object)
    if not codes:
        return pd.DataFrame(index=index, columns=METRIC_COLUMNS)
    db = str(store.engine.url)
    values: dict[str, tuple] = {}
    with store.read() as conn:
        pref = cache.preferred(codes, conn=conn)
        have = [c for c in codes if c in pref]
        versions = cache.versions(have, conn) if have else {}
        todo = []
        with _memo_lock:
            for c in have:
                m = _memo.get((db, c))
                if m is not None and m[:3] == (pref[c][0], versions[c], drawdown_days):
                    values[c] = m[3]
                else:
                    todo.append(c)
        if todo:
            keys = []
            for c in todo:
                adj, last = pref[c]
                keys.append((c, adj, _months_back(last, 1).isoformat(), _months_back(last, 3).isoformat(),
                             dt.date(last.year - 1, 12, 31).isoformat(),
                             (last - dt.timedelta(days=drawdown_days)).isoformat()))
            raw = conn.connection.driver_connection
            payload = json.dumps(keys)
            pg = conn.dialect.name == "postgresql"
            points_sql, window_sql = (_POINTS_SQL_PG, _WINDOW_SQL_PG) if pg else (_POINTS_SQL, _WINDOW_SQL)
            points = np.array(raw.execute(points_sql, (payload,)).fetchall(), dtype="float64")
            parts = [raw.execute(window_sql, (c, adj, since)).fetchall()
                     for c, adj, _, _, _, since in keys]
            counts = np.fromiter((len(x) for x in parts), dtype=np.int64, count=len(parts))
            closes = np.fromiter(itertools.chain.from_iterable(itertools.chain.from_iterable(parts)),
                                 dtype="float64", count=int(counts.sum()))
            window = np.column_stack([np.repeat(np.arange(len(parts)), counts), closes])
            fresh = compute_metrics(points, window, todo)
            with _memo_lock:
                for c, vals in zip(fresh.index, fresh.itertuples(index=False, name=None)):
                    values[c] = vals
                    _memo[(db, c)] = (pref[c][0], versions[c], drawdown_days, vals)
    out = pd.DataFrame.from_dict(values, orient="index", columns=_VALUES) if values else \
        pd.DataFrame(columns=_VALUES)
    out["last_date"] = pd.to_datetime(out["last_date"]).astype("datetime64[ns]")
    out["adjustment"] = pd.Series({c: pref[c][0] for c in values}, dtype=object)
    out = out.reindex(index)
    for c in _VALUES:
        if c != "last_date":
            out[c] = out[c].astype("float64")
    return out[METRIC_COLUMNS]


def compute_metrics(points: np.ndarray, window: np.ndarray, labels: Sequence[str]) -> pd.DataFrame:
    """The metrics, vectorised over all series.

    ``points``: one row per series ``(g, last_day, last, prev, base_1m, base_3m, base_ytd,
    first_this_year)`` (NaN where there is none; ``last_day`` in days since 1970);
    ``window``: ``(g, close)`` rows of the drawdown window sorted by g then date; ``g`` indexes
    ``labels``.
    """
    if len(points) == 0:
        return pd.DataFrame(columns=_VALUES, index=pd.Index([], name="code", dtype=object))
    g = points[:, 0].astype("int64")
    last = points[:, 2]
    ytd_base = np.where(np.isnan(points[:, 6]), points[:, 7], points[:, 6])
    dd = np.full(len(g), np.nan)
    if len(window):
        wg, close = window[:, 0].astype("int64"), window[:, 1]
        # A running peak per series from one cumulative max, each series lifted above all
        # earlier ones so peaks never leak across series.
        lift = wg * (float(close.max()) * 4 + 1)
        peak = np.maximum.accumulate(close + lift) - lift
        starts = np.flatnonzero(np.r_[True, wg[1:] != wg[:-1]])
        dd_g = np.minimum.reduceat(close / peak - 1, starts)
        dd[np.searchsorted(g, wg[starts])] = dd_g
    labels_arr = np.asarray(labels, dtype=object)
    return pd.DataFrame({
        "last": last,
        "last_date": np.round(points[:, 1]).astype("int64").astype("datetime64[D]").astype("datetime64[ns]"),
        "change": last / points[:, 3] - 1,
        "ret_1m": last / points[:, 4] - 1,
        "ret_3m": last / points[:, 5] - 1,
        "ret_ytd": last / ytd_base - 1,
        "max_drawdown": dd,
    }, index=pd.Index(labels_arr[g], name="code", dtype=object))


def table_prices(store: Store, codes: Sequence[str]) -> dict[str, dict[str, float]]:
    """The desk table's price cells: code -> {last, change_pct, ret_1m, ret_3m, ret_ytd, drawdown}
    with returns in percent (5.0 = +5 %), only for codes that have cached bars.

    These are the keys ``widgets.table_model`` reads from ``Row.prices``.
    """
    m = price_metrics(store, codes)
    m = m[m["last"].notna()]
    pct = m[["change", "ret_1m", "ret_3m", "ret_ytd", "max_drawdown"]] * 100.0
    out: dict[str, dict[str, float]] = {}
    for code, last, chg, r1, r3, ytd, dd in zip(m.index, m["last"], pct["change"], pct["ret_1m"],
                                              pct["ret_3m"], pct["ret_ytd"], pct["max_drawdown"]):
        out[code] = {"last": float(last), "change_pct": float(chg), "ret_1m": float(r1),
                     "ret_3m": float(r3), "ret_ytd": float(ytd), "drawdown": float(dd)}
    return out


def price_lookup_from_cache(store: Store, codes: Sequence[str]):
    """``code -> (last, change_pct, as_of)`` from the cache for printing, or None when no code has prices."""
    m = price_metrics(store, list(codes))
    m = m[m["last"].notna()]
    if not len(m):
        return None
    table = {code: (float(last), float(chg) * 100.0 if chg == chg else None, d)
             for code, last, chg, d in zip(m.index, m["last"], m["change"], m["last_date"])}
    return table.get
