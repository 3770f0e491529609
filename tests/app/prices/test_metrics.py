"""Price metrics for the desk table, checked against a plain per-code reference."""
import numpy as np
import pandas as pd
import pytest

from app.prices.cache import PriceCache
from app.prices.providers import normalise
from app.prices.service import METRIC_COLUMNS, price_metrics
from app.store import Store
from tests.app.prices.bars import gen_bars


@pytest.fixture
def store(tmp_path):
    s = Store.open(tmp_path / "m.sqlite")
    yield s
    s.close()


def put(store, code, bars, adjustment="qfq"):
    df = bars.assign(code=code, adjustment=adjustment)
    PriceCache(store).write(normalise(df), "test")


def reference(s: pd.Series, dd_days=365) -> dict:
    last, ld = s.iloc[-1], s.index[-1]

    def base(t):
        sub = s[s.index <= t]
        return sub.iloc[-1] if len(sub) else np.nan
    ytd = base(pd.Timestamp(ld.year - 1, 12, 31))
    if np.isnan(ytd) and s.index[0].year == ld.year:
        ytd = s.iloc[0]
    w = s[s.index >= ld - pd.Timedelta(days=dd_days)]
    return {"last": last, "change": last / s.iloc[-2] - 1 if len(s) > 1 else np.nan,
            "ret_1m": last / base(ld - pd.DateOffset(months=1)) - 1,
            "ret_3m": last / base(ld - pd.DateOffset(months=3)) - 1,
            "ret_ytd": last / ytd - 1, "max_drawdown": (w / w.cummax() - 1).min()}


def test_hand_checked_numbers(store):
    days = pd.to_datetime(["2025-12-30", "2025-12-31", "2026-01-02", "2026-01-05", "2026-01-30"])
    put(store, "600519.SH", pd.DataFrame({"date": days, "close": [100.0, 80.0, 120.0, 90.0, 110.0]}))
    m = price_metrics(store, ["600519.SH"]).loc["600519.SH"]
    assert m["last"] == 110 and m["last_date"] == pd.Timestamp("2026-01-30")
    assert m["change"] == pytest.approx(110 / 90 - 1)
    assert m["ret_ytd"] == pytest.approx(110 / 80 - 1)           # from the last close of 2025
    assert m["ret_1m"] == pytest.approx(110 / 100 - 1)           # the close on 2025-12-30
    assert m["max_drawdown"] == pytest.approx(-0.25)             # 120 -> 90 (the 100 -> 80 is -0.2)
    assert np.isnan(m["ret_3m"])                                 # history too short
    assert m["adjustment"] == "qfq"


def test_matches_the_reference_on_generated_series(store):
    rng = np.random.default_rng(1)
    expected = {}
    specs = [("600519.SH", 700, "2023-05-01"), ("0700.HK", 300, "2025-03-03"), ("000977.SZ", 25, "2026-01-02"),
             ("300308.SZ", 1, "2026-02-02"), ("9988.HK", 90, "2025-08-01")]
    for i, (code, n, start) in enumerate(specs):
        b = gen_bars(n, seed=i, start=start)
        keep = rng.random(n) > 0.1       # holes: suspensions, holidays
        keep[-1] = keep[0] = True
        b = b[keep].reset_index(drop=True)
        put(store, code, b)
        expected[code] = reference(b.set_index("date")["close"])
    got = price_metrics(store, [c for c, *_ in specs] + ["1810.HK"])
    assert list(got.index) == [c for c, *_ in specs] + ["1810.HK"]
    assert list(got.columns) == METRIC_COLUMNS
    for code, exp in expected.items():
        for k, v in exp.items():
            g = got.loc[code, k]
            if np.isnan(v):
                assert np.isnan(g), (code, k, g)
            else:
                assert g == pytest.approx(v, rel=1e-12, abs=1e-12), (code, k)
    assert got.loc["1810.HK"].isna().all()                       # nothing cached: a row of NaN


def test_month_ends_clip_like_calendar_months(store):
    days = pd.bdate_range("2025-11-01", "2026-03-31")
    closes = np.arange(len(days), dtype=float) + 100
    put(store, "0700.HK", pd.DataFrame({"date": days, "close": closes}))
    m = price_metrics(store, ["0700.HK"]).loc["0700.HK"]
    s = pd.Series(closes, index=days)
    # 2026-03-31 one month back is 2026-02-28 (a Saturday) -> the close of Friday 2026-02-27
    assert m["ret_1m"] == pytest.approx(s.iloc[-1] / s[pd.Timestamp("2026-02-27")] - 1)
    assert m["ret_3m"] == pytest.approx(s.iloc[-1] / s[pd.Timestamp("2025-12-31")] - 1)


def test_preferred_adjustment_and_benchmarks(store):
    b = gen_bars(30, seed=3)
    put(store, "0700.HK", b, "none")
    put(store, "0700.HK", b.assign(close=b["close"] * 0.5), "qfq")
    put(store, "HSI.HI", b, "none")
    m = price_metrics(store, ["0700.HK", "HSI.HI"])
    assert m.loc["0700.HK", "adjustment"] == "qfq" and m.loc["HSI.HI", "adjustment"] == "none"
    assert m.loc["0700.HK", "last"] == pytest.approx(b["close"].iloc[-1] * 0.5)


def test_all_cached_codes_by_default_and_empty(store):
    assert price_metrics(store, []).empty
    assert price_metrics(store).empty
    put(store, "0700.HK", gen_bars(5))
    assert list(price_metrics(store).index) == ["0700.HK"]


def test_new_bars_are_seen_despite_the_memo(store, tmp_path):
    b = gen_bars(30, seed=4)
    put(store, "0700.HK", b)
    first = price_metrics(store, ["0700.HK"]).loc["0700.HK", "last"]
    assert first == b["close"].iloc[-1]
    nxt = pd.DataFrame({"date": [b["date"].iloc[-1] + pd.offsets.BDay(1)], "close": [first * 2]})
    put(store, "0700.HK", nxt)
    assert price_metrics(store, ["0700.HK"]).loc["0700.HK", "last"] == first * 2
    # another process writing to the same file is seen too
    other = Store.open(store.path)
    put(other, "0700.HK", nxt.assign(close=first * 3))
    other.close()
    m = price_metrics(store, ["0700.HK"]).loc["0700.HK"]
    assert m["last"] == first * 3 and m["change"] == pytest.approx(3 / b["close"].iloc[-1] * first - 1)
    # and a memoised series is not read again
    import app.prices.service as svc
    calls = []
    real = svc.compute_metrics
    svc.compute_metrics = lambda *a: calls.append(a) or real(*a)
    try:
        price_metrics(store, ["0700.HK"])
    finally:
        svc.compute_metrics = real
    assert calls == []


def test_table_prices_in_the_desk_tables_keys_and_percent(store):
    from app.prices.service import table_prices

    days = pd.to_datetime(["2025-12-30", "2025-12-31", "2026-01-02", "2026-01-05", "2026-01-30"])
    put(store, "600519.SH", pd.DataFrame({"date": days, "close": [100.0, 80.0, 120.0, 90.0, 110.0]}))
    t = table_prices(store, ["600519.SH", "0700.HK"])
    assert list(t) == ["600519.SH"]
    row = t["600519.SH"]
    assert set(row) == {"last", "change_pct", "ret_1m", "ret_3m", "ret_ytd", "drawdown"}
    assert row["ret_ytd"] == pytest.approx(37.5) and row["drawdown"] == pytest.approx(-25.0)
    assert np.isnan(row["ret_3m"])
