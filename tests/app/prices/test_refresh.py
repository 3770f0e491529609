"""refresh(): incremental downloads of bars as printed + factors, honest failures, the fallback."""
import datetime as dt

import numpy as np
import pandas as pd
import pytest

from app.prices.cache import PriceCache
from app.prices.eastmoney import EastmoneyProvider
from app.prices.service import default_codes, refresh
from app.store import Store


@pytest.fixture
def store(tmp_path):
    s = Store.open(tmp_path / "p.sqlite")
    yield s
    s.close()


def _closes(store, code, view="none"):
    return PriceCache(store).load(code, view).set_index("date")["close"]


def _server_closes(eastmoney, secid, fqt="0"):
    return pd.Series({pd.Timestamp(ln.split(",")[0]): float(ln.split(",")[2])
                      for ln in eastmoney.adjusted(secid, fqt)})


def test_first_refresh_then_only_missing_dates(store, eastmoney):
    later = eastmoney.hold_back("1.600519", 10)
    [r] = refresh(store, ["600519.SH"])
    assert r.ok and r.rows_added == 50 and r.rows_updated == 0 and not r.rebased
    assert r.status == "stale" and r.missing_sessions >= 9     # ten sessions the source held back
    assert eastmoney.requests[-1]["params"]["beg"] == "0"             # whole history the first time
    assert r.first_date == dt.date(2025, 11, 3) and r.source == "eastmoney"
    cached = _closes(store, "600519.SH")
    assert len(cached) == 50

    eastmoney.extend("1.600519", later)
    [r2] = refresh(store, ["600519.SH"])
    second_last = cached.index[-2].strftime("%Y%m%d")
    assert {q["params"]["beg"] for q in eastmoney.requests[-2:]} == {second_last}   # raw and hfq
    assert r2.ok and r2.rows_added == 10 and r2.rows_updated == 2 and not r2.rebased
    pd.testing.assert_series_equal(_closes(store, "600519.SH"), _server_closes(eastmoney, "1.600519"),
                                   check_names=False, check_freq=False, check_index_type=False)

    [r3] = refresh(store, ["600519.SH"])
    assert r3.status == "ok" and r3.rows_added == 0 and "up to date (last 2026-01-26)" in r3.line()
    log = PriceCache(store).fetches("600519.SH")
    assert [f["status"] for f in log] == ["ok", "ok", "stale", "ok"]
    assert log[-1]["rows"] == 50 and log[-1]["source"] == "eastmoney"


def test_a_bar_taken_during_the_session_is_replaced(store, eastmoney):
    refresh(store, ["600519.SH"])
    lines = eastmoney.data["1.600519"]["data"]["klines"]
    f = lines[-1].split(",")
    f[2] = f"{float(f[2]) + 3:.2f}"          # the day's final close differs from the 10:30 one
    lines[-1] = ",".join(f)
    [r] = refresh(store, ["600519.SH"])
    assert r.ok and r.rows_added == 0 and r.rows_updated == 2 and not r.rebased
    assert _closes(store, "600519.SH").iloc[-1] == float(f[2])


def test_a_dividend_changes_factors_not_the_history(store, eastmoney):
    later = eastmoney.hold_back("1.600519", 5)
    refresh(store, ["600519.SH"])
    raw_before = _closes(store, "600519.SH")
    eastmoney.extend("1.600519", later)
    eastmoney.dividend("1.600519", later[0][:10], 30.0)       # goes ex on the first new day
    [r] = refresh(store, ["600519.SH"])
    assert r.ok and not r.rebased and r.rows_added == 5
    raw_after = _closes(store, "600519.SH")
    pd.testing.assert_series_equal(raw_after[:len(raw_before)], raw_before)   # history as printed
    # the total-return view matches the source's hfq moves; qfq (subtractive) does not
    tr = _closes(store, "600519.SH", "tr")
    hfq = _server_closes(eastmoney, "1.600519", "2")
    assert np.allclose(tr.pct_change().dropna(), hfq.pct_change().dropna(), atol=2e-4)
    # the forward-adjusted candles end at today's printed price
    assert _closes(store, "600519.SH", "qfq").iloc[-1] == pytest.approx(raw_after.iloc[-1])


def test_a_split_is_not_a_crash_in_returns(store, eastmoney):
    later = eastmoney.hold_back("0.000977", 3)
    refresh(store, ["000977.SZ"])
    eastmoney.extend("0.000977", later)
    eastmoney.split("0.000977", later[0][:10], 2.0)            # 10 for 10: the price halves
    refresh(store, ["000977.SZ"])
    raw = _closes(store, "000977.SZ")
    tr = _closes(store, "000977.SZ", "tr")
    day = pd.Timestamp(later[0][:10])
    i = raw.index.get_loc(day)
    assert raw.iloc[i] / raw.iloc[i - 1] < 0.6                  # as printed: a halving
    assert 0.9 < tr.iloc[i] / tr.iloc[i - 1] < 1.1              # total return: an ordinary day
    from app.prices.service import price_metrics
    m = price_metrics(store, ["000977.SZ"]).iloc[0]
    assert m["max_drawdown"] > -0.4 and m["last"] == raw.iloc[-1]


def test_a_rebased_source_changes_only_factors(store, eastmoney):
    later = eastmoney.hold_back("1.600519", 5)
    refresh(store, ["600519.SH"])
    before = PriceCache(store).load("600519.SH", "none")
    eastmoney.extend("1.600519", later)
    eastmoney.rebase_hfq("1.600519", 1.25)                     # the source re-based its hfq history
    [r] = refresh(store, ["600519.SH"])
    assert r.ok and r.rebased and "re-based" in r.line()
    assert eastmoney.requests[-1]["params"]["beg"] == "0"       # all factors fetched again
    after = PriceCache(store).load("600519.SH", "none")
    pd.testing.assert_frame_equal(after.iloc[:len(before)], before)   # the bars as printed: untouched
    hfq = PriceCache(store).load("600519.SH", "hfq").set_index("date")["close"]
    assert np.allclose(hfq, _server_closes(eastmoney, "1.600519", "2"), rtol=2e-5, atol=0.006)


@pytest.mark.parametrize("how,words", [("offline", "name not resolved"), ("disconnected", "closed without"),
                                       ("403", "HTTP 403"), ("503", "HTTP 503"), ("html", "HTML")])
def test_failures_keep_the_cache_and_say_what_failed(store, eastmoney, how, words):
    eastmoney.hold_back("116.00700", 5)
    refresh(store, ["0700.HK"])
    before = _closes(store, "0700.HK")
    eastmoney.fail("116.00700", how)
    eastmoney.tencent.fail("hk00700", "offline")
    [r] = refresh(store, ["0700.HK"])
    assert r.status == "error" and r.code == "0700.HK"
    assert words in r.message and "cached bars kept" in r.message and "Tencent" in r.message
    assert r.cached_last == before.index[-1].date()
    pd.testing.assert_series_equal(_closes(store, "0700.HK"), before)
    last = PriceCache(store).fetches("0700.HK")
    assert {f["source"] for f in last[:2]} == {"eastmoney", "tencent"} and last[0]["status"] == "error"


@pytest.mark.parametrize("how,words", [("null", "data: null"), ("empty", "no bars")])
def test_an_empty_answer_where_bars_must_exist_is_an_error(store, eastmoney, how, words):
    refresh(store, ["600519.SH"])
    eastmoney.fail("1.600519", how)
    eastmoney.tencent.fail("sh600519", "empty")
    [r] = refresh(store, ["600519.SH"], provider=EastmoneyProvider())
    assert r.status == "error" and words in r.message and "bars must exist" in r.message
    assert "up to date" not in r.line()


def test_a_suspension_is_stale_not_up_to_date(store, eastmoney, monkeypatch):
    refresh(store, ["600519.SH"])
    # three sessions later (2026-01-29 after the close) the source still ends on 2026-01-26
    late = dt.datetime(2026, 1, 29, 9, 0, tzinfo=dt.timezone.utc)
    [r] = refresh(store, ["600519.SH"], now=late)
    assert r.status == "stale" and r.missing_sessions == 3
    assert "no bar for 3 session(s) since 2026-01-26 (2026-01-27 … 2026-01-29)" in r.message
    assert "suspended" in r.line() and "up to date" not in r.line()


def test_a_suspension_inside_the_history_is_kept_as_a_gap(store, eastmoney):
    lines = eastmoney.data["1.600519"]["data"]["klines"]
    del lines[20:25]                                  # suspended for a week: Eastmoney sends no bars
    refresh(store, ["600519.SH"])
    assert len(_closes(store, "600519.SH")) == 55


def test_no_data_for_a_new_code_is_an_error(store, eastmoney):
    eastmoney.fail("1.600519", "empty")
    eastmoney.tencent.fail("sh600519", "empty")
    [r] = refresh(store, ["600519.SH"])
    assert r.status == "error" and "no bars" in r.message and "unknown code" in r.message


def test_the_fallback_serves_when_eastmoney_blocks(store, eastmoney):
    refresh(store, ["600519.SH"])
    eastmoney.fail("1.600519", "disconnected")
    eastmoney.fail("0.000977", "disconnected")
    eastmoney.fail("116.00700", "disconnected")
    eastmoney.fail("100.HSI", "disconnected")
    results = refresh(store, ["000977.SZ", "0700.HK", "HSI.HI", "600519.SH"])
    assert [r.status for r in results] == ["ok"] * 4, [r.line() for r in results]
    assert [r.source for r in results] == ["tencent", "tencent", "tencent", "tencent"]
    assert results.notices == ["Eastmoney unreachable (offline or blocked): no connection to "
                               "push2his.eastmoney.com (closed without an answer), 3 times in a row; "
                               "using Tencent instead"]
    asked = [r["params"]["secid"] for r in eastmoney.requests if "secid" in r["params"]]
    assert "1.600519" not in asked[-3:]                        # the fourth code went straight to Tencent
    # which source gave which bars is kept
    runs = PriceCache(store).series_info("000977.SZ")
    assert [(r["source"], r["bars"]) for r in runs] == [("tencent", 60)]


def test_tencent_factors_link_to_the_cached_ones(store, eastmoney):
    later = eastmoney.hold_back("1.600519", 5)
    refresh(store, ["600519.SH"])                              # Eastmoney: absolute factors
    eastmoney.extend("1.600519", later)
    eastmoney.dividend("1.600519", later[1][:10], 20.0)
    eastmoney.fail("1.600519", "503")
    [r] = refresh(store, ["600519.SH"])
    assert r.ok and r.source == "tencent"
    runs = PriceCache(store).series_info("600519.SH")
    assert [x["source"] for x in runs] == ["eastmoney", "tencent"]
    assert runs[1]["first_date"] == PriceCache(store).load("600519.SH").date.iloc[-7].date()
    tr = _closes(store, "600519.SH", "tr")
    hfq = _server_closes(eastmoney, "1.600519", "2")
    assert np.allclose(tr.pct_change().dropna(), hfq.pct_change().dropna(), atol=2e-4)


def test_sources_per_market_from_settings(store, eastmoney):
    from app.prices import sources
    sources.save(store, "HK", ["tencent"])
    results = refresh(store, ["0700.HK", "600519.SH"])
    assert [r.source for r in results] == ["tencent", "eastmoney"]
    assert sources.load(store) == {"A": ["eastmoney", "tencent"], "HK": ["tencent"]}


def test_a_batch_goes_on_past_failures_in_order(store, eastmoney):
    eastmoney.fail("116.00700", "503")
    eastmoney.tencent.fail("hk00700", "html")
    seen = []
    results = refresh(store, ["600519.SH", "700", "BABA.US", "not a code", "HSI"],
                      progress=lambda d, t, r: seen.append((d, t, r and r.code)))
    assert [r.code for r in results] == ["600519.SH", "0700.HK", "BABA.US", "not a code", "HSI.HI"]
    assert [r.status for r in results] == ["ok", "error", "skipped", "error", "ok"]
    assert "not a listing code" in results[3].message
    assert seen[0] == (0, 5, None) and seen[-1] == (5, 5, "HSI.HI")


def test_cancel_stops_between_codes(store, eastmoney):
    done = []
    results = refresh(store, ["600519.SH", "000977.SZ", "0700.HK"],
                      progress=lambda d, t, r: done.append(d), cancelled=lambda: len(done) >= 2)
    assert [r.status for r in results] == ["ok", "cancelled", "cancelled"]
    assert PriceCache(store).last_date("000977.SZ") is None


def test_default_codes_are_watchlists_then_benchmarks(store):
    a = store.create_watchlist("A")
    store.add_items(a, ["0700.HK", "600519.SH"])
    b = store.create_watchlist("B")
    store.add_items(b, ["600519.SH", "000977.SZ"])
    assert default_codes(store) == ["0700.HK", "600519.SH", "000977.SZ", "000300.SH", "HSI.HI",
                                    "HSTECH.HI"]


def test_full_refresh_of_the_default_list(store, eastmoney):
    wl = store.create_watchlist("A")
    store.add_items(wl, ["600519.SH", "0700.HK", "000977.SZ"])
    results = refresh(store)
    assert [r.status for r in results] == ["ok"] * 6
    assert {r.code: r.rows_added for r in results} == {c: 60 for c in
                                                       ["600519.SH", "0700.HK", "000977.SZ", "000300.SH",
                                                        "HSI.HI", "HSTECH.HI"]}
    assert PriceCache(store).basis("HSI.HI") == "none"


def test_migrated_qfq_bars_are_replaced_by_a_whole_download(store, eastmoney):
    from tests.app.prices.bars import gen_bars
    from app.prices.providers import normalise
    PriceCache(store).write(normalise(gen_bars(30, start="2025-10-01").assign(code="600519.SH",
                                                                          adjustment="qfq")), "file:wind")
    [r] = refresh(store, ["600519.SH"])
    assert r.ok and "replaced the cached qfq bars" in r.message
    assert eastmoney.requests[0]["params"]["beg"] == "0"
    assert PriceCache(store).basis("600519.SH") == "none" and len(_closes(store, "600519.SH")) == 60
