"""The akshare provider against recorded Eastmoney answers (no network)."""
import builtins
import datetime as dt
import inspect

import numpy as np
import pandas as pd
import pytest
import requests

from app.prices import akshare_provider as akp
from app.prices.akshare_provider import AkshareProvider
from app.prices.providers import COLUMNS, PriceQuery, ProviderError


@pytest.fixture
def no_eval(monkeypatch):
    def refuse(*a, **kw):
        raise AssertionError("eval() called while fetching prices")
    monkeypatch.setattr(builtins, "eval", refuse)


def _check_frame(df, code, adjustment):
    assert list(df.columns) == COLUMNS
    assert str(df["date"].dtype) == "datetime64[ns]"
    assert (df["date"] == df["date"].dt.normalize()).all()
    assert df["date"].is_monotonic_increasing and df["date"].is_unique
    assert set(df["code"]) == {code} and set(df["adjustment"]) == {adjustment}
    assert all(isinstance(c, str) for c in df["code"])
    for c in ("open", "high", "low", "close", "volume", "amount"):
        assert df[c].dtype == np.float64
    assert df["close"].notna().all()


def test_a_share_maps_chinese_columns_and_converts_lots(eastmoney, no_eval):
    df = AkshareProvider(timeout=7).fetch(PriceQuery("600519.SH"))
    _check_frame(df, "600519.SH", "qfq")
    first = eastmoney.klines("1.600519")[0].split(",")
    row = df.iloc[0]
    assert row["date"] == pd.Timestamp(first[0])
    assert (row["open"], row["close"], row["high"], row["low"]) == tuple(float(x) for x in first[1:5])
    assert row["volume"] == float(first[5]) * 100          # lots -> shares
    assert row["amount"] == float(first[6])
    req = eastmoney.requests[-1]
    assert req["params"]["secid"] == "1.600519" and req["params"]["fqt"] == "1"  # qfq
    assert req["timeout"] == 7


def test_start_date_is_sent_and_respected(eastmoney):
    df = AkshareProvider().fetch(PriceQuery("000977.SZ", start=dt.date(2026, 1, 5), adjustment="none"))
    assert eastmoney.requests[-1]["params"]["beg"] == "20260105"
    assert eastmoney.requests[-1]["params"]["fqt"] == "0"
    assert df["date"].min() >= pd.Timestamp("2026-01-05") and len(df) > 5
    _check_frame(df, "000977.SZ", "none")


def test_hong_kong_uses_five_digit_symbol(eastmoney, no_eval):
    df = AkshareProvider().fetch(PriceQuery("700.HK"))
    _check_frame(df, "0700.HK", "qfq")
    assert eastmoney.requests[-1]["params"]["secid"] == "116.00700"
    first = eastmoney.klines("116.00700")[0].split(",")
    assert df["volume"].iloc[0] == float(first[5])          # already shares
    assert eastmoney.requests[-1]["timeout"] == 15          # akshare's own, kept


@pytest.mark.parametrize("code,secid", [("000300.SH", "1.000300"), ("HSI.HI", "100.HSI"),
                                        ("HSTECH.HI", "124.HSTECH")])
def test_benchmarks(eastmoney, no_eval, code, secid):
    df = AkshareProvider(timeout=9).fetch(PriceQuery(code, adjustment="qfq"))
    _check_frame(df, code, "none")                            # indices are never adjusted
    assert len(df) == len(eastmoney.klines(secid))
    assert any(r["params"].get("secid") == secid for r in eastmoney.requests)
    # every request got a timeout, including the ones akshare makes without one
    assert all(r["timeout"] is not None for r in eastmoney.requests)
    if code == "000300.SH":
        assert eastmoney.requests[-1]["timeout"] == 9
        first = eastmoney.klines(secid)[0].split(",")
        assert df["volume"].iloc[0] == float(first[5]) * 100
    else:
        assert df["open"].notna().all()


def test_aliases_reach_the_same_series(eastmoney):
    for alias in ("^HSI", "恒生指数", "hsi"):
        assert AkshareProvider().fetch(PriceQuery(alias))["code"].iloc[0] == "HSI.HI"


@pytest.mark.parametrize("how,expect", [
    ("offline", r"no connection to push2his\.eastmoney\.com"),
    ("timeout", r"did not answer within 3 s"),
    ("503", r"HTTP 503 from push2his\.eastmoney\.com"),
    ("html", r"sent a web page \(HTML\) instead of price data"),
])
def test_failures_say_what_failed_for_which_code(eastmoney, how, expect):
    eastmoney.fail("1.600519", how)
    with pytest.raises(ProviderError, match=expect) as ei:
        AkshareProvider(timeout=3).fetch(PriceQuery("600519.SH"))
    assert ei.value.code == "600519.SH"
    assert str(ei.value).startswith("600519.SH: ")


@pytest.mark.parametrize("how", ["503", "html", "null"])
def test_failures_on_hong_kong(eastmoney, how):
    eastmoney.fail("116.00700", how)
    with pytest.raises(ProviderError, match="0700.HK") as ei:
        AkshareProvider().fetch(PriceQuery("0700.HK"))
    assert {"503": "HTTP 503", "html": "HTML", "null": "no price data"}[how] in ei.value.reason


@pytest.mark.parametrize("how", ["null", "empty"])
def test_empty_data_is_an_empty_frame(eastmoney, how):
    eastmoney.fail("1.600519", how)
    df = AkshareProvider().fetch(PriceQuery("600519.SH"))
    assert df.empty and list(df.columns) == COLUMNS


def test_us_listings_are_not_supported(eastmoney):
    p = AkshareProvider()
    assert not p.supports("BABA.US") and p.supports("0700.HK") and p.supports("HSTECH.HI")
    with pytest.raises(ProviderError, match="no prices"):
        p.fetch(PriceQuery("BABA.US"))
    assert eastmoney.requests == []


def test_guard_sets_timeouts_only_inside_and_restores(eastmoney):
    # outside an akshare call, requests made by other code are left alone
    with akp.request_guard(4.0) as state:
        requests.get(akp_url(), params={"secid": "1.600519"})
        assert state["timeouts"] == [4.0]
    requests.get(akp_url(), params={"secid": "1.600519"}, timeout=None)
    assert eastmoney.requests[-1]["timeout"] is None
    assert getattr(akp._tls, "state", None) is None


def akp_url():
    return "https://push2his.eastmoney.com/api/qt/stock/kline/get"


def test_only_json_functions_are_used_never_the_sina_eval_ones():
    import akshare

    p = AkshareProvider()
    used = {p.transform_query(PriceQuery(c))["function"] for c in
            ("600519.SH", "000977.SZ", "920118.BJ", "0700.HK", "000300.SH", "HSI.HI", "HSTECH.HI")}
    assert used == {"stock_zh_a_hist", "stock_hk_hist", "stock_zh_index_daily_em", "stock_hk_index_daily_em"}
    assert not used & akp.FORBIDDEN
    for name in used:
        src = inspect.getsource(getattr(akshare, name))
        assert "eval(" not in src and "MiniRacer" not in src and "demjson" not in src, name
    for name in akp.FORBIDDEN:  # the list is meaningful: each of them runs downloaded JavaScript
        assert "MiniRacer" in inspect.getsource(getattr(akshare, name)), name


def test_a_real_connection_attempt_fails_the_test(_no_network):
    with pytest.raises(BaseException, match="tried to connect"):
        requests.get("http://192.0.2.1/", timeout=1)
    assert _no_network  # the attempt was recorded ...
    _no_network.clear()  # ... and would have failed this test at teardown
