"""Trading calendars (exchange-calendars): which sessions a series should have.

``XSHG`` (Shanghai; Shenzhen and Beijing keep the same days) for A-shares and CSI 300, ``XHKG``
for Hong Kong listings and the Hang Seng indices. A session counts as *due* once its close is
30 minutes past (Eastmoney and Tencent publish the day's bar by then).

The library's calendars end about a year ahead; past their last session nothing is claimed
(:func:`missing_sessions` returns what it knows, and ``beyond`` says the rest is unknown).
"""
from __future__ import annotations

import datetime as dt
import functools
import threading

import pandas as pd

from app.prices.symbols import BENCHMARKS

SETTLE = pd.Timedelta(minutes=30)
_lock = threading.Lock()


def calendar_name(code: str) -> str:
    if code in BENCHMARKS:
        return "XHKG" if BENCHMARKS[code].market == "HK" else "XSHG"
    return "XHKG" if code.endswith(".HK") else "XSHG"


@functools.lru_cache(maxsize=4)
def _calendar(name: str):
    import exchange_calendars as xcals

    with _lock:
        return xcals.get_calendar(name, start="2000-01-04")


def sessions(code: str, start: dt.date, end: dt.date) -> pd.DatetimeIndex:
    """The exchange's sessions from ``start`` to ``end`` inclusive (clipped to what the calendar knows)."""
    cal = _calendar(calendar_name(code))
    a = max(pd.Timestamp(start), cal.first_session)
    b = min(pd.Timestamp(end), cal.last_session)
    if a > b:
        return pd.DatetimeIndex([])
    return pd.DatetimeIndex(cal.sessions_in_range(a, b)).tz_localize(None)


def last_due_session(code: str, now: dt.datetime | None = None) -> pd.Timestamp | None:
    """The latest session whose bar should exist by ``now`` (UTC when naive)."""
    cal = _calendar(calendar_name(code))
    now_ts = pd.Timestamp(now or dt.datetime.now(dt.timezone.utc))
    now_ts = now_ts.tz_localize("UTC") if now_ts.tzinfo is None else now_ts.tz_convert("UTC")
    day = min(now_ts.tz_convert(cal.tz).normalize().tz_localize(None), cal.last_session)
    if day < cal.first_session:
        return None
    s = cal.date_to_session(day, direction="previous")
    while s >= cal.first_session and cal.session_close(s) + SETTLE > now_ts:
        s = cal.previous_session(s)
    return pd.Timestamp(s).tz_localize(None) if s.tzinfo is not None else pd.Timestamp(s)


def missing_sessions(code: str, last_cached: dt.date, now: dt.datetime | None = None) -> pd.DatetimeIndex:
    """Sessions after ``last_cached`` whose bars are due by ``now``."""
    due = last_due_session(code, now)
    if due is None or due.date() <= last_cached:
        return pd.DatetimeIndex([])
    return sessions(code, last_cached + dt.timedelta(days=1), due.date())


__all__ = ["calendar_name", "last_due_session", "missing_sessions", "sessions"]
