"""Weekly and monthly bars from daily bars (no Qt).

A week is an ISO week (Monday to Sunday, numbered by ISO year, so the days around New Year fall
in the week they belong to); a month is a calendar month. Each bar is dated by the **last
trading day** of its bucket, as Futu and 同花顺 date them: the last weekly bar of an
unfinished week is the week so far, and an event is found on the bar of its week by the
first-bar-on-or-after rule. Open is the bucket's first open, high its highest high, low its
lowest low, close its last close, volume and amount the sums. A missing value (an index with
no open, a day with no volume) is skipped; a bucket with none at all keeps NaN.

The input is a normalised price frame of one code and one view (raw / qfq / hfq), as
:func:`app.prices.service.series` returns it: the resampled bars are in that same view.

    weekly = resample(series(store, "300308.SZ", "qfq"), "week")
"""

from __future__ import annotations

import numpy as np
import pandas as pd

PERIODS = ("day", "week", "month")


def bucket_keys(dates: pd.Series | pd.DatetimeIndex, period: str) -> np.ndarray:
    """One integer per date naming its bucket: ISO year * 100 + ISO week, or year * 100 + month."""
    d = pd.DatetimeIndex(dates)
    if period == "week":
        iso = d.isocalendar()
        return iso["year"].to_numpy(dtype="int64") * 100 + iso["week"].to_numpy(dtype="int64")
    if period == "month":
        return d.year.to_numpy(dtype="int64") * 100 + d.month.to_numpy(dtype="int64")
    if period == "day":
        return np.arange(len(d), dtype="int64")
    raise ValueError(f"unknown period {period!r} (use one of {', '.join(PERIODS)})")


def resample(frame: pd.DataFrame, period: str) -> pd.DataFrame:
    """The bars of ``frame`` (one code, one view, daily) as ``period`` bars, same columns."""
    if period not in PERIODS:
        raise ValueError(f"unknown period {period!r} (use one of {', '.join(PERIODS)})")
    if period == "day" or frame is None or not len(frame):
        return frame
    f = frame.sort_values("date", kind="stable").reset_index(drop=True)
    key = pd.Series(bucket_keys(f["date"], period), name="bucket")
    g = f.groupby(key, sort=True)
    out = pd.DataFrame({"date": g["date"].max()})
    aggs = {"open": "first", "high": "max", "low": "min", "close": "last"}
    for col, how in aggs.items():
        if col in f:
            out[col] = g[col].agg(how)  # first / last / max / min skip NaN
    for col in ("volume", "amount"):
        if col in f:
            out[col] = g[col].sum(min_count=1)
    for col in f.columns:
        if col not in out:  # code, adjustment: one value per series
            out[col] = g[col].last()
    return out[list(f.columns)].reset_index(drop=True)


__all__ = ["PERIODS", "bucket_keys", "resample"]
