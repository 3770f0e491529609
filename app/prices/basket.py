"""Equal-weight baskets: a theme's members or a watchlist as one index, against a benchmark.

No Qt. :func:`basket_index` reads close prices from the cache and returns one row per day::

    date            the trading day (the union of the members' trading days)
    basket          the equal-weight index, 100 on the first day
    benchmark       the benchmark's close rebased to 100 on the same day (NaN without prices)
    members_count   how many members have a price that day

The rules
    * **Calendar.** The days are every day on which at least one member has a bar (A-share and
      Hong Kong holidays differ). On a day without its own bar a member inside its history
      (holiday, suspension) keeps its last close: it contributes a zero return that day and the
      move on its next bar.
    * **Equal weight, rebalanced daily** (``rebalance="daily"``): the basket's return on a day is
      the plain average of the returns of the members that have a price on that day *and* the
      day before. Other choices (``"monthly"``, ``"quarterly"``, ``"yearly"``, ``"none"``) reset
      the weights to equal at the close of each period's last day and let them drift with prices
      in between.
    * **Joining and leaving.** A member joins at its first close (its first bar carries no
      return; it counts from the next day on) and leaves after its last close. Whenever the set
      of members changes the weights are reset to equal (a rebalance), whatever ``rebalance``
      says — so a listing that starts later never drags its pre-listing history in, and the
      index never jumps when someone joins.
    * **Start.** ``start=None`` starts on the first day any member has a bar. With a start date
      the base day is the last day on or before it (the same rule as the desk's 1M / 3M / YTD
      returns and the relative-performance chart); members whose history ended before it are
      reported in ``attrs["ended"]``.
    * **Benchmark.** Its close on each basket day (its last close on or before the day, none
      after its last bar), divided by its value on the first basket day where it has one.

Members without any cached bars are left out and named in ``frame.attrs["missing"]``; the other
``attrs``: ``members`` (those with prices, in the order given), ``joined`` (code -> first day in
the index), ``benchmark`` (code or None), ``benchmark_missing`` (True when it has no bars),
``rebalance``, ``ended``.
"""
from __future__ import annotations

import datetime as dt
import threading
from typing import Iterable, Sequence

import numpy as np
import pandas as pd

from app.codes import CodeError
from app.prices.cache import PriceCache, driver, many_series_arrays
from app.prices.providers import PriceError
from app.prices.symbols import BENCHMARKS, benchmark_for, canonical
from app.store import Store

REBALANCE = ("daily", "monthly", "quarterly", "yearly", "none")
FRAME_COLUMNS = ["date", "basket", "benchmark", "members_count"]


def _canonical_codes(codes: Iterable[str], what: str) -> list[str]:
    out: list[str] = []
    for raw in codes:
        try:
            out.append(canonical(raw))
        except CodeError as e:
            raise PriceError(f"{what} {raw!r} is not a listing code: {e}") from None
    return list(dict.fromkeys(out))


def _empty(members: list[str], missing: list[str], benchmark: str | None, bench_missing: bool,
           rebalance: str) -> pd.DataFrame:
    frame = pd.DataFrame({"date": pd.Series([], dtype="datetime64[ns]"),
                          "basket": pd.Series([], dtype="float64"),
                          "benchmark": pd.Series([], dtype="float64"),
                          "members_count": pd.Series([], dtype="int64")})
    frame.attrs.update(members=members, missing=missing, joined={}, benchmark=benchmark,
                       benchmark_missing=bench_missing, rebalance=rebalance, ended=[])
    return frame



# (database, code, adjustment) -> (fetch-log version, days, closes): a series is read again only
# when a newer line in its fetch log says its bars changed (as app.prices.service does).
_memo: dict[tuple[str, str, str], tuple[tuple, np.ndarray, np.ndarray]] = {}
_memo_lock = threading.Lock()
MEMO_SERIES = 400


def _tr_closes(got) -> tuple[np.ndarray, np.ndarray]:
    """(days, total-return closes) of one packed series (see ``bar_series``)."""
    if got is None:
        return np.zeros(0, dtype="int64"), np.zeros(0)
    arr = got[0]
    return arr[:, 0].astype("int64"), np.ascontiguousarray(arr[:, 4] * arr[:, 7])


def _closes(store: Store, codes: Sequence[str]) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """code -> (days since 1970 as int64, total-return closes) for the codes that have bars.

    One query for all the packed rows (``bar_series``), straight into numpy; series unchanged
    since the last call come from memory.
    """
    out: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    if not codes:
        return out
    db = str(store.engine.url)
    cache = PriceCache(store)
    with store.read() as conn:
        pref = cache.preferred(codes, conn=conn)
        have = [c for c in codes if c in pref]
        versions = cache.versions(have, conn) if have else {}
        raw = driver(conn)                     # the DB-API connection (PostgreSQL too)
        todo = []
        for code in have:
            adj = pref[code][0]
            key = (db, code, adj)
            with _memo_lock:
                hit = _memo.get(key)
            stamp = (versions[code], pref[code][1])        # fetch-log line and last cached day
            if hit is not None and hit[0] == stamp:
                out[code] = (hit[1], hit[2])
            else:
                todo.append((code, key, stamp))
        packed = many_series_arrays(raw, [c for c, _, _ in todo])     # one query
        for code, key, stamp in todo:
            days, closes = _tr_closes(packed.get(code))
            if not len(days):
                continue
            days.flags.writeable = closes.flags.writeable = False     # shared with the memo
            out[code] = (days, closes)
            with _memo_lock:
                _memo[key] = (stamp, days, closes)
                while len(_memo) > MEMO_SERIES:
                    _memo.pop(next(iter(_memo)))
    return out


def _align(days: np.ndarray, values: np.ndarray, calendar: np.ndarray) -> np.ndarray:
    """Values on calendar days: the last value on or before each day, NaN before the first and
    after the last of ``days``."""
    if len(days) == len(calendar) and days[0] == calendar[0] and days[-1] == calendar[-1] \
            and np.array_equal(days, calendar):
        return values                          # already on the calendar
    idx = np.searchsorted(days, calendar, side="right") - 1
    ok = (idx >= 0) & (calendar <= days[-1])
    return np.where(ok, values[np.clip(idx, 0, None)], np.nan)


def _period_ends(calendar: np.ndarray, rebalance: str) -> np.ndarray:
    """True on each calendar day that is the last of its period (the weights reset at its close)."""
    n = len(calendar)
    ends = np.zeros(n, dtype=bool)
    if rebalance == "none" or n < 2:
        return ends
    d = calendar.astype("datetime64[D]")
    if rebalance == "daily":
        key = calendar
    elif rebalance == "monthly":
        key = d.astype("datetime64[M]").astype("int64")
    elif rebalance == "quarterly":
        key = d.astype("datetime64[M]").astype("int64") // 3
    else:
        key = d.astype("datetime64[Y]").astype("int64")
    ends[:-1] = key[1:] != key[:-1]
    return ends


def equal_weight(prices: np.ndarray, rebalance: str = "daily",
                 period_ends: np.ndarray | None = None) -> np.ndarray:
    """The equal-weight index (100 on day 0) of a (days x members) close matrix, NaN where a
    member has no price. See the module docstring for the rules."""
    prices = np.asarray(prices, dtype="float64")
    n_days = prices.shape[0]
    if n_days == 0:
        return np.zeros(0)
    active = ~np.isnan(prices)
    # held[t]: the members bought at the close of day t (priced at t and at t + 1)
    held = np.zeros_like(active)
    held[:-1] = active[:-1] & active[1:]
    level = np.empty(n_days)
    level[0] = 100.0
    if rebalance == "daily":
        with np.errstate(invalid="ignore", divide="ignore"):
            ratio = prices[1:] / prices[:-1]
        use = held[:-1]
        k = use.sum(axis=1)
        total = np.where(use, ratio, 0.0).sum(axis=1)
        growth = np.where(k > 0, total / np.maximum(k, 1), 1.0)
        level[1:] = 100.0 * np.cumprod(growth)
        return level
    ends = np.zeros(n_days, dtype=bool) if period_ends is None else np.asarray(period_ends, dtype=bool)
    changed = np.zeros(n_days, dtype=bool)
    changed[1:] = (held[1:] != held[:-1]).any(axis=1)
    resets = np.flatnonzero(changed | ends)
    points = [0, *[int(r) for r in resets if r > 0]]
    if points[-1] != n_days - 1:
        points.append(n_days - 1)
    for a, b in zip(points[:-1], points[1:]):
        cols = held[a]
        if cols.any():
            rel = prices[a + 1:b + 1][:, cols] / prices[a, cols]
            level[a + 1:b + 1] = level[a] * rel.mean(axis=1)
        else:
            level[a + 1:b + 1] = level[a]
    return level


def basket_index(store: Store, codes: Sequence[str], benchmark: str | None,
                 start: dt.date | str | pd.Timestamp | None = None,
                 rebalance: str = "daily") -> pd.DataFrame:
    """The equal-weight index of ``codes`` against ``benchmark`` from the price cache.

    Returns a frame with :data:`FRAME_COLUMNS` (see the module docstring for the rules) whose
    ``attrs`` say which members had no prices (``attrs["missing"]``). Raises
    :class:`app.prices.PriceError` for a code that is not a listing code or an unknown
    ``rebalance``.
    """
    if rebalance not in REBALANCE:
        raise PriceError(f"rebalance {rebalance!r}: use one of {', '.join(REBALANCE)}")
    members_wanted = _canonical_codes(codes, "basket member")
    bench = _canonical_codes([benchmark], "benchmark")[0] if benchmark else None
    data = _closes(store, list(dict.fromkeys([*members_wanted, *([bench] if bench else [])])))
    members = [c for c in members_wanted if c in data]
    missing = [c for c in members_wanted if c not in data]
    bench_missing = bool(bench) and bench not in data
    if not members:
        return _empty(members, missing, bench, bench_missing, rebalance)

    first = data[members[0]][0]
    if all(np.array_equal(data[c][0], first) for c in members[1:]):
        calendar = first                       # the usual case: every member trades the same days
    else:
        calendar = np.unique(np.concatenate([data[c][0] for c in members]))
    if start is not None:
        s = pd.Timestamp(start).to_datetime64().astype("datetime64[D]").astype("int64")
        base = int(np.searchsorted(calendar, s, side="right")) - 1
        calendar = calendar[max(base, 0):]
    prices = np.empty((len(calendar), len(members)))
    for j, c in enumerate(members):
        prices[:, j] = _align(*data[c], calendar)
    ended = [c for c, col in zip(members, prices.T) if np.isnan(col).all()]
    level = equal_weight(prices, rebalance, _period_ends(calendar, rebalance))
    count = (~np.isnan(prices)).sum(axis=1)

    bench_values = np.full(len(calendar), np.nan)
    if bench and not bench_missing:
        b = _align(*data[bench], calendar)
        ok = np.flatnonzero(~np.isnan(b))
        if len(ok):
            bench_values = b / b[ok[0]] * 100.0
    joined = {}
    for c, col in zip(members, prices.T):
        ok = np.flatnonzero(~np.isnan(col))
        if len(ok):
            joined[c] = calendar[ok[0]].astype("datetime64[D]").astype(object)
    frame = pd.DataFrame({
        "date": calendar.astype("datetime64[D]").astype("datetime64[ns]"),
        "basket": level,
        "benchmark": bench_values,
        "members_count": count.astype("int64"),
    })
    frame.attrs.update(members=members, missing=missing, joined=joined, benchmark=bench,
                       benchmark_missing=bench_missing, rebalance=rebalance, ended=ended)
    return frame


# ---- where the members come from -----------------------------------------------------------

def theme_codes(kb, theme_id: str) -> tuple[list[str], list[str]]:
    """(listing codes, unlisted refs) of a theme's members (and its sub-themes').

    A company's code is the listing the knowledge base names (its first Hong Kong / A-share
    listing when that is a US one); entities (ByteDance, Moonshot, ...) have no prices and come
    back in the second list.
    """
    codes: list[str] = []
    unlisted: list[str] = []
    for ref in kb.theme_members(theme_id):
        company = kb.company(ref)
        if company is None:
            unlisted.append(ref)
            continue
        if ref.endswith(".US"):
            ref = next((c for c in company.codes if not c.endswith(".US")), None)
            if ref is None:
                unlisted.append(company.code)
                continue
        codes.append(ref)
    return list(dict.fromkeys(codes)), unlisted


def default_benchmark(codes: Sequence[str]) -> str:
    """Hang Seng TECH when most members list in Hong Kong, CSI 300 otherwise."""
    hk = sum(1 for c in codes if str(c).endswith(".HK"))
    others = sum(1 for c in codes if not str(c).endswith(".HK") and c not in BENCHMARKS)
    return benchmark_for("0700.HK") if hk > others else benchmark_for("600519.SH")


__all__ = ["FRAME_COLUMNS", "REBALANCE", "basket_index", "default_benchmark", "equal_weight", "theme_codes"]
