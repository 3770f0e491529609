"""Equal-weight baskets from the price cache: the math on hand-made and generated bars."""
import numpy as np
import pandas as pd
import pytest

from app.prices import PriceError
from app.prices.basket import (
    FRAME_COLUMNS, basket_index, default_benchmark, equal_weight, theme_codes,
)
from app.prices.cache import PriceCache
from app.prices.providers import normalise
from app.store import Store
from tests.app.prices.bars import gen_bars


@pytest.fixture
def store(tmp_path):
    s = Store.open(tmp_path / "basket.sqlite")
    yield s
    s.close()


def put(store, code, dates, closes, adjustment="qfq"):
    df = pd.DataFrame({"date": pd.to_datetime(dates), "close": closes})
    PriceCache(store).write(normalise(df, code=code, adjustment=adjustment), "test")


DAYS = ["2026-01-05", "2026-01-06", "2026-01-07", "2026-01-08", "2026-01-09"]


def test_equal_weight_is_the_average_daily_return(store):
    put(store, "0700.HK", DAYS[:3], [100, 110, 121])     # +10 %, +10 %
    put(store, "9988.HK", DAYS[:3], [50, 50, 45])         # 0 %, -10 %
    f = basket_index(store, ["0700.HK", "9988.HK"], None)
    assert list(f.columns) == FRAME_COLUMNS
    assert list(f["date"].dt.strftime("%Y-%m-%d")) == DAYS[:3]
    # day 1: (10 % + 0 %) / 2 = 5 %; day 2: (10 % - 10 %) / 2 = 0 %
    np.testing.assert_allclose(f["basket"], [100, 105, 105])
    assert list(f["members_count"]) == [2, 2, 2]
    assert f["benchmark"].isna().all()
    assert f.attrs["members"] == ["0700.HK", "9988.HK"] and f.attrs["missing"] == []
    # the price level does not matter, only returns: not a price-weighted average
    assert f["basket"].iloc[-1] != pytest.approx(100 * (121 + 45) / (100 + 50))


def test_a_member_joins_at_its_first_close_without_a_jump(store):
    put(store, "0700.HK", DAYS, [100, 110, 110, 121, 121])
    put(store, "2513.HK", DAYS[2:], [1000, 2000, 2000])    # lists on day 2; doubles on day 3
    f = basket_index(store, ["0700.HK", "2513.HK"], None)
    assert list(f["members_count"]) == [1, 1, 2, 2, 2]
    b = f["basket"].to_numpy()
    assert b[1] == pytest.approx(110)
    assert b[2] == pytest.approx(110)           # joining day: no return from the newcomer, no jump
    assert b[3] == pytest.approx(110 * (1 + (0.10 + 1.00) / 2))    # both count from the next day
    assert b[4] == pytest.approx(b[3])
    assert f.attrs["joined"] == {"0700.HK": pd.Timestamp(DAYS[0]).date(), "2513.HK": pd.Timestamp(DAYS[2]).date()}


def test_members_leave_after_their_last_close(store):
    put(store, "0700.HK", DAYS, [100, 100, 100, 110, 121])
    put(store, "9988.HK", DAYS[:3], [50, 60, 30])          # stops after day 2
    f = basket_index(store, ["0700.HK", "9988.HK"], None)
    assert list(f["members_count"]) == [2, 2, 2, 1, 1]
    b = f["basket"].to_numpy()
    np.testing.assert_allclose(b[:3], [100, 110, 110 * (1 + (0 - 0.5) / 2)])
    assert b[3] / b[2] == pytest.approx(1.10) and b[4] / b[3] == pytest.approx(1.10)


def test_a_holiday_on_one_exchange_carries_the_last_close(store):
    put(store, "600519.SH", DAYS, [100, 101, 102, 103, 104])
    put(store, "0700.HK", [DAYS[0], DAYS[1], DAYS[3], DAYS[4]], [10, 10, 12, 12])   # HK closed on day 2
    f = basket_index(store, ["600519.SH", "0700.HK"], "HSI.HI")
    assert list(f["members_count"]) == [2, 2, 2, 2, 2]     # kept inside its history
    r = f["basket"].pct_change().to_numpy()[1:]
    a = np.diff([100, 101, 102, 103, 104]) / [100, 101, 102, 103]
    hk = np.array([0, 0, 0.2, 0])                           # zero on the holiday, the move on its next bar
    np.testing.assert_allclose(r, (a + hk) / 2)
    assert f.attrs["benchmark_missing"] and f.attrs["benchmark"] == "HSI.HI"


def test_start_rebases_at_the_last_day_on_or_before_it(store):
    for i, c in enumerate(["0700.HK", "9988.HK", "3690.HK"]):
        g = gen_bars(200, seed=i, start="2025-06-02")
        put(store, c, g["date"], g["close"])
    full = basket_index(store, ["0700.HK", "9988.HK", "3690.HK"], None)
    start = pd.Timestamp("2025-09-06")                      # a Saturday: the base is Friday's close
    part = basket_index(store, ["0700.HK", "9988.HK", "3690.HK"], None, start=start)
    assert part["date"].iloc[0] == pd.Timestamp("2025-09-05")
    assert part["basket"].iloc[0] == 100.0
    tail = full[full["date"] >= "2025-09-05"]["basket"].to_numpy()
    np.testing.assert_allclose(part["basket"].to_numpy(), tail / tail[0] * 100)   # daily: rebasing commutes
    before = basket_index(store, ["0700.HK"], None, start="2020-01-01")      # before all history: first bar
    assert before["date"].iloc[0] == pd.Timestamp("2025-06-02")


def test_benchmark_is_rebased_on_the_first_basket_day(store):
    put(store, "0700.HK", DAYS[1:], [10, 11, 12, 13])
    put(store, "HSTECH.HI", DAYS, [5000, 5100, 5200, 5300, 5400], adjustment="none")
    f = basket_index(store, ["0700.HK"], "HSTECH.HI")
    np.testing.assert_allclose(f["benchmark"], [100, 5200 / 51, 5300 / 51, 5400 / 51])
    np.testing.assert_allclose(f["basket"], [100, 110, 120, 130])   # one member = its own rebased close
    assert not f.attrs["benchmark_missing"]


def test_missing_members_are_named_and_nothing_cached_gives_an_empty_frame(store):
    put(store, "0700.HK", DAYS, [1, 2, 3, 4, 5])
    f = basket_index(store, ["0700.HK", "1024.HK", "2513.HK"], "HSTECH.HI")
    assert f.attrs["members"] == ["0700.HK"] and f.attrs["missing"] == ["1024.HK", "2513.HK"]
    empty = basket_index(store, ["1024.HK", "2513"], "HSTECH.HI")
    assert empty.empty and list(empty.columns) == FRAME_COLUMNS
    assert empty.attrs["missing"] == ["1024.HK", "2513.HK"] and empty.attrs["members"] == []
    with pytest.raises(PriceError, match="'not a code'"):
        basket_index(store, ["0700.HK", "not a code"], None)
    with pytest.raises(PriceError, match="rebalance 'weekly'"):
        basket_index(store, ["0700.HK"], None, rebalance="weekly")


def test_daily_index_matches_pandas_on_generated_bars(store):
    codes = [f"60000{i}.SH" for i in range(6)]
    frames = []
    for i, c in enumerate(codes):
        g = gen_bars(150 - 15 * i, seed=10 + i, start=f"2025-0{1 + i % 3}-0{1 + i}")
        put(store, c, g["date"], g["close"])
        frames.append(g.set_index("date")["close"].rename(c))
    f = basket_index(store, codes, None)
    wide = pd.concat(frames, axis=1).sort_index()
    wide = wide.apply(lambda s: s.loc[s.first_valid_index():s.last_valid_index()].ffill())
    rets = wide.pct_change(fill_method=None)
    expected = 100 * (1 + rets.mean(axis=1, skipna=True).fillna(0)).cumprod()
    np.testing.assert_allclose(f["basket"].to_numpy(), expected.to_numpy(), rtol=1e-12)
    np.testing.assert_array_equal(f["members_count"].to_numpy(), wide.notna().sum(axis=1).to_numpy())


def test_periodic_rebalancing_drifts_between_resets():
    p = np.array([[100, 100], [200, 100], [200, 100], [200, 50]], dtype=float)
    ends = np.array([False, False, False, False])
    buy_hold = equal_weight(p, "none", ends)                # no resets: half in each, drifting
    np.testing.assert_allclose(buy_hold, [100, 150, 150, 125])
    daily = equal_weight(p, "daily")
    np.testing.assert_allclose(daily, [100, 150, 150, 112.5])   # rebalanced: the fall hits half the basket
    ends[1] = True                                          # reset at day 1's close = daily from there
    np.testing.assert_allclose(equal_weight(p, "monthly", ends), [100, 150, 150, 112.5])
    # the segment path with a reset every day is the vectorised daily index
    rng = np.random.default_rng(1)
    q = 100 * np.exp(np.cumsum(rng.normal(0, 0.02, (300, 5)), axis=0))
    q[:40, 3] = np.nan                                       # a late joiner
    q[250:, 1] = np.nan                                      # an early leaver
    np.testing.assert_allclose(equal_weight(q, "monthly", np.ones(300, dtype=bool)), equal_weight(q, "daily"))


def test_monthly_rebalance_in_the_store(store):
    days = pd.bdate_range("2025-01-27", periods=10)             # spans a month end
    put(store, "0700.HK", days, np.linspace(100, 190, 10))
    put(store, "9988.HK", days, np.full(10, 50.0))
    f = basket_index(store, ["0700.HK", "9988.HK"], None, rebalance="monthly")
    jan = days.month == 1
    a = np.linspace(100, 190, 10)
    k = int(jan.sum()) - 1                                    # the last January day: reset at its close
    exp_jan = 100 * (a[:k + 1] / a[0] + 1) / 2
    np.testing.assert_allclose(f["basket"].to_numpy()[:k + 1], exp_jan)
    exp_feb = exp_jan[-1] * (a[k + 1:] / a[k] + 1) / 2
    np.testing.assert_allclose(f["basket"].to_numpy()[k + 1:], exp_feb)
    assert f.attrs["rebalance"] == "monthly"


def test_theme_codes_split_listings_from_entities(kb):
    theme = next(t for t in kb.themes if any(kb.company(r) is None for r in kb.theme_members(t)))
    codes, unlisted = theme_codes(kb, theme)
    assert codes and unlisted
    assert all(kb.company(c) is not None and not c.endswith(".US") for c in codes)
    assert all(kb.company(r) is None or r.endswith(".US") for r in unlisted)
    assert set(codes) | set(unlisted) >= {r for r in kb.theme_members(theme) if not r.endswith(".US")}
    assert default_benchmark(["0700.HK", "9988.HK", "300308.SZ"]) == "HSTECH.HI"
    assert default_benchmark(["0700.HK", "300308.SZ", "600519.SH"]) == "000300.SH"


def test_new_bars_are_read_again_unchanged_series_come_from_memory(store, monkeypatch):
    import app.prices.basket as basket_mod

    put(store, "0700.HK", DAYS[:3], [100, 110, 121])
    put(store, "9988.HK", DAYS[:3], [50, 50, 45])
    first = basket_index(store, ["0700.HK", "9988.HK"], None)
    reads = []
    real = basket_mod.many_series_arrays
    monkeypatch.setattr(basket_mod, "many_series_arrays", lambda raw, codes: (reads.extend(codes), real(raw, codes))[1])
    again = basket_index(store, ["0700.HK", "9988.HK"], None)
    pd.testing.assert_frame_equal(first, again)
    assert reads == []                                          # nothing changed: nothing read
    put(store, "0700.HK", DAYS[3:4], [133.1])                   # a refresh adds a bar to one series
    after = basket_index(store, ["0700.HK", "9988.HK"], None)
    assert reads == ["0700.HK"]                                 # only the changed series is read again
    assert len(after) == 4 and after["members_count"].iloc[-1] == 1
    assert after["basket"].iloc[-1] == pytest.approx(105 * 1.1)
