"""refresh(): incremental downloads into the store, failures that keep the cache, cancelling."""
import datetime as dt

import pandas as pd
import pytest

from app.prices.akshare_provider import AkshareProvider
from app.prices.cache import PriceCache
from app.prices.service import default_codes, refresh
from app.store import Store


@pytest.fixture
def store(tmp_path):
    s = Store.open(tmp_path / "p.sqlite")
    yield s
    s.close()


def _closes(store, code, adj="qfq"):
    return PriceCache(store).load(code, adj).set_index("date")["close"]


def _server_closes(eastmoney, secid):
    return pd.Series({pd.Timestamp(ln.split(",")[0]): float(ln.split(",")[2]) for ln in eastmoney.klines(secid)})


def test_first_refresh_then_only_missing_dates(store, eastmoney):
    later = eastmoney.hold_back("1.600519", 10)
    [r] = refresh(store, ["600519.SH"], provider=AkshareProvider())
    assert r.ok and r.rows_added == 50 and r.rows_updated == 0 and not r.rebased
    assert eastmoney.requests[-1]["params"]["beg"] == "19700101"      # whole history the first time
    assert r.first_date == dt.date(2025, 11, 3) and r.cached_last == r.last_date
    cached = _closes(store, "600519.SH")
    assert len(cached) == 50

    eastmoney.extend("1.600519", later)
    [r2] = refresh(store, ["600519.SH"], provider=AkshareProvider())
    second_last = cached.index[-2].strftime("%Y%m%d")
    assert eastmoney.requests[-1]["params"]["beg"] == second_last      # from the cache's end on
    assert r2.ok and r2.rows_added == 10 and r2.rows_updated == 2 and not r2.rebased
    assert r2.first_date == cached.index[-2].date()
    pd.testing.assert_series_equal(_closes(store, "600519.SH"), _server_closes(eastmoney, "1.600519"),
                                   check_names=False, check_freq=False, check_index_type=False)

    [r3] = refresh(store, ["600519.SH"], provider=AkshareProvider())
    assert r3.ok and r3.rows_added == 0 and "up to date" in r3.line()

    log = PriceCache(store).fetches("600519.SH")
    assert [f["status"] for f in log] == ["ok", "ok", "ok"]
    assert log[-1]["rows"] == 50 and log[-1]["source"] == "akshare"
    assert log[-1]["first_date"] == "2025-11-03" and log[0]["fetched_at"]


def test_a_bar_taken_during_the_session_is_replaced(store, eastmoney):
    refresh(store, ["600519.SH"], provider=AkshareProvider())
    lines = eastmoney.data["1.600519"]["data"]["klines"]
    f = lines[-1].split(",")
    f[2] = f"{float(f[2]) + 3:.2f}"          # the day's final close differs from the 10:30 one
    lines[-1] = ",".join(f)
    [r] = refresh(store, ["600519.SH"], provider=AkshareProvider())
    assert r.ok and r.rows_added == 0 and r.rows_updated == 2 and not r.rebased
    assert _closes(store, "600519.SH").iloc[-1] == float(f[2])


def test_a_rebased_qfq_series_is_downloaded_again_whole(store, eastmoney):
    later = eastmoney.hold_back("1.600519", 5)
    refresh(store, ["600519.SH"], provider=AkshareProvider())
    eastmoney.extend("1.600519", later)
    eastmoney.rebase("1.600519", later[0][:10], 0.97)     # a dividend went ex on the first new day
    [r] = refresh(store, ["600519.SH"], provider=AkshareProvider())
    assert r.ok and r.rebased and "re-based" in r.line()
    assert r.rows_added == 5 and r.rows_updated == 55
    assert eastmoney.requests[-1]["params"]["beg"] == "19700101"
    pd.testing.assert_series_equal(_closes(store, "600519.SH"), _server_closes(eastmoney, "1.600519"),
                                   check_names=False, check_freq=False, check_index_type=False)


@pytest.mark.parametrize("how,words", [("offline", "no connection"), ("503", "HTTP 503"),
                                       ("html", "HTML"), ("null", "no price data")])
def test_failures_keep_the_cache_and_say_what_failed(store, eastmoney, how, words):
    eastmoney.hold_back("116.00700", 5)
    refresh(store, ["0700.HK"], provider=AkshareProvider())
    before = _closes(store, "0700.HK")
    eastmoney.fail("116.00700", how)
    [r] = refresh(store, ["0700.HK"], provider=AkshareProvider())
    assert r.status == "error" and r.code == "0700.HK"
    assert words in r.message and "cached bars kept" in r.message
    assert r.cached_last == before.index[-1].date()
    assert r.line().startswith("0700.HK: error: ")
    pd.testing.assert_series_equal(_closes(store, "0700.HK"), before)
    last = PriceCache(store).fetches("0700.HK")[0]
    assert last["status"] == "error" and words in last["message"]


def test_no_data_for_a_new_code_is_an_error(store, eastmoney):
    eastmoney.fail("1.600519", "empty")
    [r] = refresh(store, ["600519.SH"], provider=AkshareProvider())
    assert r.status == "error" and "no bars" in r.message
    assert PriceCache(store).fetches("600519.SH")[0]["status"] == "empty"


def test_a_batch_goes_on_past_failures_in_order(store, eastmoney):
    eastmoney.fail("116.00700", "503")
    seen = []
    results = refresh(store, ["600519.SH", "700", "BABA.US", "not a code", "HSI"],
                      provider=AkshareProvider(), progress=lambda d, t, r: seen.append((d, t, r and r.code)))
    assert [r.code for r in results] == ["600519.SH", "0700.HK", "BABA.US", "not a code", "HSI.HI"]
    assert [r.status for r in results] == ["ok", "error", "skipped", "error", "ok"]
    assert "not a listing code" in results[3].message
    assert results[4].adjustment == "none" and results[0].adjustment == "qfq"
    assert seen[0] == (0, 5, None) and seen[-1] == (5, 5, "HSI.HI")


def test_cancel_stops_between_codes(store, eastmoney):
    done = []
    results = refresh(store, ["600519.SH", "000977.SZ", "0700.HK"], provider=AkshareProvider(),
                      progress=lambda d, t, r: done.append(d), cancelled=lambda: len(done) >= 2)
    assert [r.status for r in results] == ["ok", "cancelled", "cancelled"]
    assert PriceCache(store).last_date("000977.SZ", "qfq") is None


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
    results = refresh(store, provider=AkshareProvider())
    assert [r.status for r in results] == ["ok"] * 6
    assert {r.code: r.rows_added for r in results} == {c: 60 for c in
                                                       ["600519.SH", "0700.HK", "000977.SZ", "000300.SH",
                                                        "HSI.HI", "HSTECH.HI"]}
    assert PriceCache(store).adjustments("HSI.HI") == ["none"]
