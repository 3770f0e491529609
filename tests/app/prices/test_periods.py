"""Weekly / monthly bars resampled from daily bars: open first, high max, low min, close last,
volume sum, bucketed by ISO week / calendar month, dated by the bucket's last trading day."""

import numpy as np
import pandas as pd
import pytest

from app.prices.periods import bucket_keys, resample


def daily(rows, code="300308.SZ", adjustment="qfq"):
    """rows: (date, open, high, low, close, volume) — written out by hand, so the expected
    weekly bars below can be checked by eye."""
    f = pd.DataFrame(rows, columns=["date", "open", "high", "low", "close", "volume"])
    f["date"] = pd.to_datetime(f["date"])
    f["amount"] = f["volume"] * f["close"]
    f["code"] = code
    f["adjustment"] = adjustment
    return f[["code", "date", "open", "high", "low", "close", "volume", "amount", "adjustment"]]


# Two full weeks, Mon 2026-01-05 .. Fri 2026-01-16
TWO_WEEKS = [
    ("2026-01-05", 10.0, 10.5, 9.8, 10.2, 100),
    ("2026-01-06", 10.2, 10.9, 10.1, 10.8, 200),
    ("2026-01-07", 10.8, 11.0, 10.0, 10.1, 300),
    ("2026-01-08", 10.1, 10.3, 9.5, 9.7, 400),
    ("2026-01-09", 9.7, 10.0, 9.6, 9.9, 500),
    ("2026-01-12", 9.9, 12.0, 9.9, 11.5, 10),
    ("2026-01-13", 11.5, 11.6, 11.0, 11.1, 20),
    ("2026-01-14", 11.1, 11.2, 8.0, 8.5, 30),
    ("2026-01-15", 8.5, 9.0, 8.4, 8.8, 40),
    ("2026-01-16", 8.8, 9.1, 8.7, 9.0, 50),
]


def test_weekly_ohlcv_of_a_known_daily_series():
    w = resample(daily(TWO_WEEKS), "week")
    assert list(w.columns) == ["code", "date", "open", "high", "low", "close", "volume", "amount", "adjustment"]
    assert list(w["date"].dt.strftime("%Y-%m-%d")) == ["2026-01-09", "2026-01-16"]  # last trading day
    assert w[["open", "high", "low", "close", "volume"]].to_numpy().tolist() == [
        [10.0, 11.0, 9.5, 9.9, 1500.0],
        [9.9, 12.0, 8.0, 9.0, 150.0],
    ]
    assert w["amount"].iloc[0] == pytest.approx(sum(r[5] * r[4] for r in TWO_WEEKS[:5]))
    assert list(w["code"]) == ["300308.SZ"] * 2 and list(w["adjustment"]) == ["qfq"] * 2


def test_a_week_spanning_a_holiday_and_the_month_boundary():
    # National Day 2025: Mon 29 / Tue 30 Sep trade, 1-8 Oct closed, Thu 9 / Fri 10 Oct trade.
    rows = [
        ("2025-09-26", 5.0, 5.1, 4.9, 5.0, 1),
        ("2025-09-29", 5.0, 5.5, 5.0, 5.4, 2),
        ("2025-09-30", 5.4, 5.6, 5.3, 5.5, 3),
        ("2025-10-09", 5.5, 6.0, 5.2, 5.9, 4),
        ("2025-10-10", 5.9, 6.1, 5.8, 6.0, 5),
        ("2025-10-13", 6.0, 6.2, 5.9, 6.1, 6),
    ]
    w = resample(daily(rows), "week")
    # 29 Sep .. 5 Oct is one ISO week (2 trading days); 6 .. 12 Oct another (9 and 10 Oct)
    assert list(w["date"].dt.strftime("%m-%d")) == ["09-26", "09-30", "10-10", "10-13"]
    assert w.iloc[1][["open", "high", "low", "close", "volume"]].tolist() == [5.0, 5.6, 5.0, 5.5, 5.0]
    assert w.iloc[2][["open", "high", "low", "close", "volume"]].tolist() == [5.5, 6.1, 5.2, 6.0, 9.0]
    m = resample(daily(rows), "month")
    assert list(m["date"].dt.strftime("%Y-%m-%d")) == ["2025-09-30", "2025-10-13"]
    assert m.iloc[0][["open", "high", "low", "close", "volume"]].tolist() == [5.0, 5.6, 4.9, 5.5, 6.0]
    assert m.iloc[1][["open", "high", "low", "close", "volume"]].tolist() == [5.5, 6.2, 5.2, 6.1, 15.0]


def test_iso_weeks_cross_new_year_and_gaps_are_skipped():
    # Mon 29 Dec 2025 .. Fri 2 Jan 2026 is ISO week 2026-W01, one bar, though two calendar years
    keys = bucket_keys(pd.to_datetime(["2025-12-26", "2025-12-29", "2025-12-31", "2026-01-02"]), "week")
    assert keys.tolist() == [202552, 202601, 202601, 202601]
    rows = [
        ("2025-12-29", np.nan, np.nan, np.nan, 3.0, np.nan),  # an index day: close only
        ("2025-12-31", 3.1, 3.3, 2.9, 3.2, 7),
        ("2026-01-02", 3.2, 3.4, 3.0, 3.3, np.nan),
    ]
    w = resample(daily(rows), "week")
    assert len(w) == 1
    assert w.iloc[0][["open", "high", "low", "close", "volume"]].tolist() == [3.1, 3.4, 2.9, 3.3, 7.0]
    m = resample(daily(rows), "month")
    assert len(m) == 2 and m["close"].tolist() == [3.2, 3.3]


def test_unsorted_input_day_period_and_bad_period():
    f = daily(TWO_WEEKS).sample(frac=1.0, random_state=3)
    assert resample(f, "week")["close"].tolist() == [9.9, 9.0]
    assert resample(f, "day") is f
    with pytest.raises(ValueError, match="unknown period 'year'"):
        resample(f, "year")
