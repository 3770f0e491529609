"""Market-data services for the desk: refresh, import, series and the table's price metrics.

No Qt. :func:`refresh` is safe to run in a worker thread (it only touches the store through its
own connections); it reports progress through a callback and stops when ``cancelled()`` turns
true, within a second even in the middle of a request. A code that fails keeps its cached bars
and gets a result saying what failed.

Sources and deadlines
    Each code is asked of the sources set for its market (:mod:`app.prices.sources`: Eastmoney,
    then Tencent by default), the next one when a source fails. Every request ends within the
    timeout (:mod:`app.prices.net`); a source with several connection failures in a row is given
    up for the rest of the refresh, and the report's :attr:`RefreshReport.notices` say so in one
    line ("Eastmoney unreachable (offline or blocked): …").

Incremental updates
    A series already cached is fetched from its second-to-last cached day on: the last cached
    day is fetched again (it may have been taken during the session) and the day before links
    the new answer to the cache. The bars as printed never change; when the source's
    backward-adjustment factor of that day differs from the cached one (it re-based its
    history), the whole history is fetched again and only the factors are replaced
    (``rebased``). A source whose factors are only relative (Tencent) is scaled to the cached
    factor on that day instead.

Honest answers
    An empty answer (``data: null``, no klines) where bars must exist — from a day that is
    cached — is an error with the source's reason. When the answer has no bar for sessions the
    exchange calendar says are over (:mod:`app.prices.calendar`), the result is ``stale``
    (suspended, or the source is behind), never "up to date".
"""
from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Sequence

import numpy as np
import pandas as pd

from app.prices.cache import PriceCache, WriteResult, driver, now_iso
from app.prices.file_provider import FileInfo, read_price_file
from app.prices.net import DEFAULT_TIMEOUT, Cancelled, FetchError, Net
from app.prices.providers import PriceError, Provider, ProviderError
from app.prices.sources import Chains
from app.prices.symbols import BENCHMARKS, canonical
from app.store import Store

log = logging.getLogger(__name__)

FACTOR_ROUNDING = 0.006   # prices come with 2 decimals: a factor from two of them is this unsure, / price


@dataclass
class RefreshResult:
    """What a refresh did for one code."""

    code: str
    status: str                      # ok, stale, error, cancelled, skipped
    rows_added: int = 0
    rows_updated: int = 0
    first_date: dt.date | None = None     # range of the bars received
    last_date: dt.date | None = None
    cached_last: dt.date | None = None    # the series' last cached day afterwards
    adjustment: str = "none"
    source: str = ""
    message: str = ""
    rebased: bool = False
    missing_sessions: int = 0

    @property
    def ok(self) -> bool:
        return self.status in ("ok", "stale")

    def line(self) -> str:
        if self.status in ("ok", "stale"):
            via = f" [{self.source}]" if self.source else ""
            if self.rows_added == 0 and not self.rebased:
                head = f"{self.code}: up to date (last {self.cached_last}){via}" if self.status == "ok" else \
                    f"{self.code}: stale: {self.message}{via}"
                return head
            rng = f"{self.first_date} … {self.last_date}" if self.first_date else ""
            extra = " (re-based: factors replaced, bars kept)" if self.rebased else ""
            stale = f"; {self.message}" if self.status == "stale" else ""
            return f"{self.code}: +{self.rows_added} rows {rng}{extra}{via}{stale}"
        return f"{self.code}: {self.status}: {self.message}"

    def as_dict(self) -> dict:
        return {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in self.__dict__.items()}


class RefreshReport(list):
    """The results, in order, plus one-line notices for the top (sources given up on)."""

    def __init__(self, *a):
        super().__init__(*a)
        self.notices: list[str] = []
        self.seconds: float = 0.0
        # the sources given up on, each with its reason in a few words (no host): for a status bar
        self.down: dict[str, str] = {}

    def unreachable(self) -> str:
        """The sources given up on in one short line, each named once: ``"Eastmoney, Tencent
        (connection refused)"``, or ``"Eastmoney (connection refused); Tencent (no answer within
        10 s)"`` ("" when every source answered). The full reasons (hosts) are in :attr:`notices`."""
        return unreachable_line(self.down)


def unreachable_line(down: dict[str, str]) -> str:
    """``{source: short reason}`` as one line, the sources sharing a reason named together."""
    by_reason: dict[str, list[str]] = {}
    for src, why in down.items():
        by_reason.setdefault(why, []).append(src)
    return "; ".join(f"{', '.join(srcs)} ({why})" for why, srcs in by_reason.items())


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


def _default_provider() -> Provider | None:
    """None: the sources set per market (tests replace this with a stand-in)."""
    return None


def refresh(store: Store, codes: Iterable[str] | None = None, *,
            provider: Provider | None = None,
            progress: Callable[[int, int, RefreshResult | None], None] | None = None,
            cancelled: Callable[[], bool] | None = None,
            adjustment: str | None = None, full: bool = False, pause: float = 0.0,
            timeout: float = DEFAULT_TIMEOUT, now: dt.datetime | None = None,
            notice: Callable[[str], None] | None = None) -> RefreshReport:
    """Download what is missing for each code; returns one result per code, in order.

    ``codes`` default to :func:`default_codes`. ``provider``: one source for every code
    (otherwise the sources set per market). ``full`` re-downloads whole histories. ``pause``
    seconds between codes keep the source friendly. ``timeout``: seconds per request,
    everything included. ``progress(done, total, result)`` is called after each code (and once
    with ``result=None`` before the first); ``notice(line)`` when a source is given up on.
    ``now`` (tests) is the moment the trading calendar is read at. ``adjustment`` is accepted
    for old callers and ignored: the cache keeps prices as printed plus factors.
    """
    t0 = time.monotonic()
    provider = provider or _default_provider()
    chains = Chains.single(provider) if provider is not None else Chains(_settings(store), timeout)
    cancelled = cancelled or (lambda: False)
    net = Net(timeout, cancelled)
    cache = PriceCache(store)
    wanted = list(dict.fromkeys(default_codes(store) if codes is None else codes))
    total = len(wanted)
    results = RefreshReport()
    if progress:
        progress(0, total, None)
    for i, raw in enumerate(wanted):
        if cancelled():
            results.extend(RefreshResult(_safe_code(c), "cancelled", message="cancelled before it started")
                           for c in wanted[i:])
            break
        res = _refresh_shared(store, cache, chains, raw, full, net, now)
        results.append(res)
        for src, why in list(net.health.down.items()):
            line = f"{src} unreachable (offline or blocked): {why}"
            if not any(n.startswith(f"{src} unreachable") for n in results.notices):
                others = [p.label for p in _all(chains) if p.label != src and not net.health.is_down(p.label)]
                line += f"; using {', '.join(others)} instead" if others else "; no other source left"
                results.notices.append(line)
                if notice:
                    notice(line)
        if progress:
            progress(i + 1, total, res)
        if res.status == "cancelled":
            results.extend(RefreshResult(_safe_code(c), "cancelled", message="cancelled before it started")
                           for c in wanted[i + 1:])
            break
        if pause and i + 1 < total and res.status in ("ok", "stale") and res.rows_added:
            end = time.monotonic() + pause
            while time.monotonic() < end and not cancelled():
                time.sleep(min(0.05, pause))
    everyone = [_label(p) for p in _all(chains)]
    if len(everyone) > 1 and all(net.health.is_down(x) for x in everyone):
        # every source failed: one line says so (the machine is probably offline)
        results.notices = [f"{', '.join(everyone)} unreachable (offline or blocked): "
                           + "; ".join(f"{x}: {net.health.down[x]}" for x in everyone)
                           + "; cached prices are kept"]
    order = [*everyone, *(x for x in net.health.down if x not in everyone)]
    results.down = {x: net.health.short.get(x, net.health.down[x]) for x in order if net.health.is_down(x)}
    results.seconds = time.monotonic() - t0
    return results


def _refresh_shared(store: Store, cache: PriceCache, chains: Chains, raw: str, full: bool, net: Net,
                    now: dt.datetime | None) -> RefreshResult:
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
                return RefreshResult(code, "ok", adjustment=cache.basis(code) or "none",
                                     cached_last=cache.last_date(code),
                                     message="refreshed by another desk just now")
        return _refresh_one(cache, chains, raw, full, net, now)


def _all(chains: Chains) -> list[Provider]:
    seen: dict[int, Provider] = {}
    for chain in chains.by_market.values():
        for p in chain:
            seen.setdefault(id(p), p)
    return list(seen.values())


def _settings(store: Store) -> dict[str, list[str]]:
    from app.prices import sources

    return sources.load(store)


def _safe_code(raw: str) -> str:
    try:
        return canonical(raw)
    except Exception:
        return str(raw)


def _label(p: Provider) -> str:
    return p.label or p.name


def _refresh_one(cache: PriceCache, chains: Chains, raw: str, full: bool, net: Net,
                 now: dt.datetime | None) -> RefreshResult:
    try:
        code = canonical(raw)
    except Exception as e:
        return RefreshResult(str(raw), "error", message=str(e).strip('"'))
    chain = [p for p in chains.for_code(code) if p.supports(code)]
    if not chain:
        names = ", ".join(_label(p) for p in chains.for_code(code)) or "no source"
        return RefreshResult(code, "skipped", message=f"{names} has no prices for {code}")
    tail = cache.tail(code, 2)
    basis = cache.basis(code) if len(tail) else None
    whole = full or tail.empty or basis != "none"
    start = None if whole else tail["date"].iloc[0].date()
    reasons: list[str] = []
    conn_failures: dict[str, str] = {}
    conn_short: dict[str, str] = {}
    for prov in chain:
        label = _label(prov)
        if net.health.is_down(label):
            reasons.append(f"{label} unreachable")
            continue
        try:
            frame = prov.history(code, start, net=net)
            if frame.empty:
                why = frame.attrs.get("empty") or f"{label} answered with no bars"
                if not whole:
                    raise ProviderError(prov.name, code, f"{why}, but {start} is cached: an empty answer "
                                                         "where bars must exist")
                raise ProviderError(prov.name, code, f"{why} (unknown code, or not listed yet?)")
            return _store(cache, prov, code, frame, tail, whole, basis, net, now)
        except Cancelled:
            return RefreshResult(code, "cancelled", message="cancelled during the download",
                                 cached_last=cache.last_date(code))
        except ProviderError as e:
            cache.log_fetch(code, prov.name, "error", e.reason)
            reasons.append(f"{e.reason} ({label})" if label not in e.reason else e.reason)
            if isinstance(e, FetchError) and e.kind in ("timeout", "connection"):
                conn_failures[label] = e.reason
                conn_short[label] = e.short
        except Exception as e:  # a bug or a source surprise must not stop the other codes
            log.exception("refresh %s from %s", code, prov.name)
            msg = f"{e.__class__.__name__}: {e}"
            cache.log_fetch(code, prov.name, "error", msg)
            reasons.append(f"{msg} ({label})")
    if len(chain) > 1 and len(conn_failures) == len(chain):
        # no source could be reached for this code: the machine is offline (or everything is blocked)
        for label, why in conn_failures.items():
            net.health.give_up(label, why, conn_short.get(label))
    cached = cache.last_date(code)
    keep = f"; cached bars kept (to {cached})" if cached else ""
    return RefreshResult(code, "error", source=",".join(p.name for p in chain), cached_last=cached,
                         message="; ".join(reasons) + keep)


def _link_factors(cache: PriceCache, prov: Provider, code: str, frame: pd.DataFrame,
                  tail: pd.DataFrame) -> tuple[pd.DataFrame, bool]:
    """Put an incremental answer's factors on the cache's scale; True when the source re-based."""
    f = frame["factor"].to_numpy(dtype="float64")
    if prov.factor_scale == "none" or np.isnan(f).all():
        return frame, False
    anchor, cached_f, cached_close = tail["date"].iloc[0], float(tail["factor"].iloc[0]), \
        float(tail["close"].iloc[0])
    hit = np.flatnonzero((frame["date"] == anchor).to_numpy())
    if prov.factor_scale == "relative" or not len(hit):
        if len(hit) and np.isfinite(f[hit[0]]):
            scale = cached_f / f[hit[0]]
        else:
            first = frame["date"].iloc[0]
            seed = cache.factor_before(code, first)
            ok = np.flatnonzero(np.isfinite(f))
            scale = (seed / f[ok[0]]) if seed and len(ok) else 1.0
        frame = frame.copy()
        frame["factor"] = f * scale
        return frame, False
    new_f = f[hit[0]]
    tol = FACTOR_ROUNDING / max(cached_close, 1e-9) + FACTOR_ROUNDING / max(cached_close * cached_f, 1e-9)
    return frame, bool(np.isfinite(new_f) and abs(new_f / cached_f - 1) > tol)


def _store(cache: PriceCache, prov: Provider, code: str, frame: pd.DataFrame, tail: pd.DataFrame,
           whole: bool, basis: str | None, net: Net, now: dt.datetime | None) -> RefreshResult:
    frame = frame.copy()
    frame["adjustment"] = "none"
    if "factor" not in frame:
        frame["factor"] = np.nan
    rebased = False
    message = ""
    if not whole:
        frame, rebased = _link_factors(cache, prov, code, frame, tail)
        if rebased:
            log.info("%s: %s re-based its adjusted history: fetching all factors again", code, prov.name)
            frame = prov.history(code, None, net=net)
            frame["adjustment"] = "none"
            message = "re-based: factors replaced, bars kept"
    replace = whole and basis not in (None, "none")
    if replace:
        message = f"replaced the cached {basis} bars with prices as printed and factors"
    fetched_at = now_iso()
    wr: list[WriteResult] = cache.write(frame, prov.name, replace=replace, keep_bars=rebased,
                                        fetched_at=fetched_at, message=message)
    w = wr[0]
    last = cache.last_date(code)
    res = RefreshResult(code, "ok", rows_added=w.added, rows_updated=w.updated, first_date=w.first_date,
                        last_date=w.last_date, cached_last=last, source=prov.name, rebased=rebased,
                        message=message)
    try:
        from app.prices.calendar import missing_sessions

        gap = missing_sessions(code, last, now) if last else pd.DatetimeIndex([])
    except Exception:  # pragma: no cover - a calendar problem must not fail the download
        log.exception("trading calendar for %s", code)
        gap = pd.DatetimeIndex([])
    if len(gap):
        res.status = "stale"
        res.missing_sessions = len(gap)
        first, lastgap = gap[0].date(), gap[-1].date()
        span = f"{first}" if first == lastgap else f"{first} … {lastgap}"
        res.message = (f"no bar for {len(gap)} session(s) since {last} ({span}): suspended, or "
                       f"{_label(prov)} is behind")
        cache.log_fetch(code, prov.name, "stale", res.message)
    return res


def import_file(store: Store, path: str | Path, code: str | None = None,
                adjustment: str | None = None, sheet: str | None = None) -> ImportReport:
    """Import a price file (validated whole first, then written in one transaction).

    Prices as printed merge into the cache (factors carried forward from the cached ones). A
    file with adjusted prices only replaces a series that has no prices as printed; over one
    that has, it is refused (adjusted prices cannot be told apart from factors).
    """
    frame, info = read_price_file(path, code=code, adjustment=adjustment, sheet=sheet)
    return _write_import(store, frame, info, f"file:{info.layout}", Path(path).name)


def _write_import(store: Store, frame: pd.DataFrame, info, source: str, name: str) -> ImportReport:
    cache = PriceCache(store)
    report = ImportReport(info)
    with store.write() as conn:
        for c, part in frame.groupby("code", sort=False):
            basis = str(part["adjustment"].iloc[0])
            have = cache.last_dates([c], conn=conn)
            cached_basis = have[c][0] if c in have else None
            if basis != "none" and cached_basis == "none":
                raise PriceError(f"{name}: {c}: the file has {basis}-adjusted prices, but the cache holds "
                                 "prices as printed with factors; import an unadjusted file (or delete the "
                                 "cached series first)")
            replace = cached_basis is not None and cached_basis != basis
            for w in cache.write(part, source, message=name, replace=replace, conn=conn):
                report.results.append(ImportResult(w.code, w.adjustment, w.added, w.updated, w.first_date,
                                                   w.last_date))
    return report


@dataclass
class FolderImport:
    """One line per file of a folder import: its results or why it was refused."""

    folder: Path
    files: list[tuple[Path, ImportReport | None, str]] = field(default_factory=list)

    @property
    def failed(self) -> list[tuple[Path, str]]:
        return [(p, e) for p, r, e in self.files if r is None]


PRICE_FILE_SUFFIXES = (".csv", ".txt", ".xlsx", ".xlsm", ".day")


def import_folder(store: Store, folder: str | Path, adjustment: str | None = None) -> FolderImport:
    """Import every price file in a folder (and its subfolders), each in its own transaction.

    ``*.day`` files (a 通达信 ``vipdoc`` folder) are read by :mod:`app.prices.tdx`; the others as
    :func:`import_file` reads them. A bad file is listed with its reason and changes nothing;
    the others go in.
    """
    from app.prices import tdx

    root = Path(folder)
    if not root.is_dir():
        raise PriceError(f"{root}: not a folder")
    out = FolderImport(root)
    files = sorted(p for p in root.rglob("*") if p.is_file() and p.suffix.lower() in PRICE_FILE_SUFFIXES)
    if not files:
        raise PriceError(f"{root}: no price files (.csv, .xlsx, .xlsm, .txt, 通达信 .day) in it")
    for p in files:
        try:
            if p.suffix.lower() == ".day":
                frame, info = tdx.read_day_file(p)
                rep = _write_import(store, frame, info, "file:tdx", p.name)
            else:
                rep = import_file(store, p, adjustment=adjustment)
            out.files.append((p, rep, ""))
        except PriceError as e:
            out.files.append((p, None, str(e)))
    return out


def series(store: Store, code: str, adjustment: str | None = None, start=None, end=None) -> pd.DataFrame:
    """One cached series (normalised frame; empty when there is none)."""
    return PriceCache(store).load(canonical(code), adjustment, start, end)


def horizon_returns(store: Store, code: str, years: Sequence[int] = (1, 3)) -> dict[int, float]:
    """Total returns over the last ``years`` (1Y, 3Y …) from the bars as printed and their factors:
    the last close against the last close on or before the same day ``years`` earlier (NaN
    when the history is shorter)."""
    tr = PriceCache(store).load(canonical(code), "tr")
    out: dict[int, float] = {}
    if tr.empty:
        return {y: float("nan") for y in years}
    dates, closes = tr["date"].to_numpy(), tr["close"].to_numpy()
    last = pd.Timestamp(dates[-1])
    for y in years:
        base_day = (last - pd.DateOffset(years=y)).to_datetime64()
        i = int(np.searchsorted(dates, base_day, side="right")) - 1
        out[y] = float(closes[-1] / closes[i] - 1) if i >= 0 else float("nan")
    return out


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


def _points(raw, keys: list[tuple]) -> tuple[np.ndarray, np.ndarray]:
    """The point values and the drawdown window of :func:`compute_metrics` from the packed series
    (one query; a few binary searches per series)."""
    from app.prices.cache import many_series_arrays

    got = many_series_arrays(raw, [k[0] for k in keys])
    nan = float("nan")
    points = np.full((len(keys), 9), nan)
    windows, groups = [], []
    for g, (code, _adj, t1m, t3m, tytd, since) in enumerate(keys):
        points[g, 0] = g
        hit = got.get(code)
        if hit is None or not len(hit[0]):
            continue
        arr = hit[0]
        days = arr[:, 0]
        tr = arr[:, 4] * arr[:, 7]
        n = len(days)
        i1, i3, iy = np.searchsorted(days, [_day_no(t1m), _day_no(t3m), _day_no(tytd)], side="right").tolist()
        points[g, 1:] = (days[-1], tr[-1], tr[-2] if n > 1 else nan, tr[i1 - 1] if i1 else nan,
                         tr[i3 - 1] if i3 else nan, tr[iy - 1] if iy else nan, tr[iy] if iy < n else nan,
                         arr[-1, 4])
        j = int(np.searchsorted(days, _day_no(since)))      # date >= since
        windows.append(tr[j:])
        groups.append(np.full(n - j, g, dtype="float64"))
    window = np.column_stack([np.concatenate(groups), np.concatenate(windows)]) if windows \
        else np.empty((0, 2))
    return points, window


def _day_no(iso: str) -> int:
    return int(np.datetime64(iso, "D").astype("int64"))


def price_metrics(store: Store, codes: Sequence[str] | None = None,
                  drawdown_days: int = 365) -> pd.DataFrame:
    """Price columns for the desk table, one row per code (index ``code``), from the cache.

    ``last`` close (as printed) and ``last_date``; every return and the drawdown are total
    returns (closes times the adjustment factors: dividends and splits do not show as falls);
    ``change`` vs the previous bar; ``ret_1m`` / ``ret_3m``
    from the last close on or before the same day one / three calendar months earlier;
    ``ret_ytd`` from the last close of the previous year (or the first bar, for a listing that
    started this year); ``max_drawdown`` the deepest fall from a running peak over the last
    ``drawdown_days`` (a negative number, 0 when it never fell). Returns are fractions
    (0.05 = +5 %); NaN where the history is too short. ``adjustment`` is the basis of the
    cached bars ("none": as printed, with factors); codes without bars get a row of NaN.

    One packed row per series (a few binary searches each), and only for series whose bars
    changed since the last call in this process (the fetch log says so).
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
            points, window = _points(driver(conn), keys)
            fresh = compute_metrics(points, window, todo)
            with _memo_lock:
                for c, vals in zip(fresh.index, fresh.itertuples(index=False, name=None)):
                    values[c] = vals
                    if vals and vals[0] == vals[0]:   # a series read while its bars were being written
                        _memo[(db, c)] = (pref[c][0], versions[c], drawdown_days, vals)  # is not kept
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
    first_this_year[, last_as_printed])`` — total-return closes, NaN where there is none,
    ``last_day`` in days since 1970; the optional last column is the ``last`` shown;
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
    shown = points[:, 8] if points.shape[1] > 8 else last
    return pd.DataFrame({
        "last": shown,
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
