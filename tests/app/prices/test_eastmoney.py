"""Eastmoney's kline endpoint, called directly and parsed here (recorded answers, no network)."""
import builtins
import datetime as dt

import numpy as np
import pandas as pd
import pytest

from app.codes import Dialect, parse
from app.prices.eastmoney import EastmoneyProvider, parse_klines, secid
from app.prices.net import FetchError, Net
from app.prices.providers import COLUMNS, PriceQuery, ProviderError
from app.prices.tencent import TencentProvider, symbol


@pytest.fixture
def no_eval(monkeypatch):
    def refuse(*a, **kw):
        raise AssertionError("eval() called while fetching prices")
    monkeypatch.setattr(builtins, "eval", refuse)


def _check(df, code):
    assert list(df.columns)[:len(COLUMNS)] == COLUMNS
    assert str(df["date"].dtype) == "datetime64[ns]"
    assert df["date"].is_monotonic_increasing and df["date"].is_unique
    assert set(df["code"]) == {code} and set(df["adjustment"]) == {"none"}
    assert df["close"].notna().all()


def test_history_is_raw_bars_with_hfq_factors(eastmoney, no_eval):
    eastmoney.dividend("1.600519", "2025-12-16", 25.0)      # a cash dividend goes ex
    df = EastmoneyProvider(timeout=7).history("600519.SH")
    _check(df, "600519.SH")
    first = eastmoney.klines("1.600519")[0].split(",")
    row = df.iloc[0]
    assert row["date"] == pd.Timestamp(first[0])
    assert (row["open"], row["close"], row["high"], row["low"]) == tuple(float(x) for x in first[1:5])
    assert row["volume"] == float(first[5]) * 100          # lots -> shares
    assert row["amount"] == float(first[6])
    fqts = [r["params"]["fqt"] for r in eastmoney.requests]
    assert fqts == ["0", "2"]                               # as printed, then hfq
    assert all(r["params"]["secid"] == "1.600519" for r in eastmoney.requests)
    f = df.set_index("date")["factor"]
    assert f.iloc[0] == pytest.approx(1.0, abs=2e-5)
    before, after = f[:"2025-12-15"], f["2025-12-16":]
    assert np.allclose(before, 1.0, atol=2e-5) and np.allclose(after, after.iloc[0], rtol=2e-5)
    assert after.iloc[0] > 1.01                             # the dividend, as a factor


def test_start_date_is_sent_and_respected(eastmoney):
    df = EastmoneyProvider().history("000977.SZ", start=dt.date(2026, 1, 5))
    assert eastmoney.requests[-1]["params"]["beg"] == "20260105"
    assert df["date"].min() >= pd.Timestamp("2026-01-05") and len(df) > 5


def test_hong_kong_five_digits_volume_in_shares(eastmoney):
    df = EastmoneyProvider().history("700.HK")
    _check(df, "0700.HK")
    assert eastmoney.requests[-1]["params"]["secid"] == "116.00700"
    first = eastmoney.klines("116.00700")[0].split(",")
    assert df["volume"].iloc[0] == float(first[5])


@pytest.mark.parametrize("code,sec", [("000300.SH", "1.000300"), ("HSI.HI", "100.HSI"),
                                      ("HSTECH.HI", "124.HSTECH")])
def test_benchmarks_by_direct_identifiers_one_request(eastmoney, no_eval, code, sec):
    df = EastmoneyProvider().history(code)
    _check(df, code)
    assert len(df) == len(eastmoney.klines(sec)) and (df["factor"] == 1.0).all()
    assert [r["params"]["secid"] for r in eastmoney.requests] == [sec]     # no index list paged
    assert not any("clist" in r["url"] for r in eastmoney.requests)


@pytest.mark.parametrize("code,sec", [
    ("510300.SH", "1.510300"), ("588000.SH", "1.588000"), ("900901.SH", "1.900901"),
    ("159915.SZ", "0.159915"), ("161725.SZ", "0.161725"), ("200002.SZ", "0.200002"),
    ("920118.BJ", "0.920118"), ("600519.SH", "1.600519"), ("000977.SZ", "0.000977")])
def test_etfs_lofs_and_b_shares_get_their_exchange(code, sec):
    bare = code.split(".")[0]
    assert parse(bare).code == code                          # a bare six-digit code finds its exchange
    assert parse(bare).render(Dialect.EASTMONEY) == sec
    assert secid(code)[0] == sec


def test_an_etf_downloads(eastmoney):
    eastmoney.data["1.510300"] = eastmoney.data["1.600519"]  # the same shape, Shanghai market 1
    df = EastmoneyProvider().history("510300")
    assert len(df) == 60 and eastmoney.requests[0]["params"]["secid"] == "1.510300"


@pytest.mark.parametrize("how,kind,words", [
    ("offline", "connection", "name not resolved"),
    ("disconnected", "connection", "closed without an answer"),
    ("timeout", "timeout", "no answer from push2his.eastmoney.com within 3 s"),
    ("403", "blocked", "HTTP 403"),
    ("503", "blocked", "HTTP 503"),
    ("html", "blocked", "web page (HTML) instead of price data"),
])
def test_failures_say_what_failed(eastmoney, how, kind, words):
    eastmoney.fail("1.600519", how)
    with pytest.raises(FetchError) as ei:
        EastmoneyProvider(timeout=3).history("600519.SH")
    assert ei.value.kind == kind and words in ei.value.reason
    assert str(ei.value).startswith("600519.SH: ")


@pytest.mark.parametrize("how,why", [("null", "data: null (rc 102"), ("empty", "no bars")])
def test_empty_answers_are_empty_frames_that_say_why(eastmoney, how, why):
    eastmoney.fail("1.600519", how)
    df = EastmoneyProvider().history("600519.SH")
    assert df.empty and why in df.attrs["empty"]


def test_klines_parse_and_reject():
    df = parse_klines(["2026-01-05,10.00,10.50,10.80,9.90,1234,1.2e6"], "600519.SH", lots=True)
    assert df["volume"].iloc[0] == 123400 and df["close"].iloc[0] == 10.5
    with pytest.raises(ValueError):
        parse_klines(["2026-01-05,10.00"], "600519.SH", lots=True)


def test_net_counts_blocks_and_gives_up(eastmoney):
    eastmoney.fail("1.600519", "403")
    net = Net(3)
    for _ in range(3):
        with pytest.raises(FetchError):
            EastmoneyProvider().history("600519.SH", net=net)
    assert net.health.is_down("Eastmoney")
    n = len(eastmoney.requests)
    with pytest.raises(FetchError, match="Eastmoney unreachable") as ei:
        EastmoneyProvider().history("000977.SZ", net=net)      # not asked at all
    assert ei.value.kind == "unreachable" and len(eastmoney.requests) == n


def test_old_three_step_interface_still_works(eastmoney):
    df = EastmoneyProvider().fetch(PriceQuery("600519.SH", adjustment="hfq"))
    assert set(df["adjustment"]) == {"hfq"} and eastmoney.requests[-1]["params"]["fqt"] == "2"
    with pytest.raises(ProviderError, match="no prices"):
        EastmoneyProvider().fetch(PriceQuery("BABA.US"))


# ---- Tencent, the fallback ------------------------------------------------------------------

def test_tencent_symbols():
    assert [symbol(c)[0] for c in ("600519.SH", "000977.SZ", "920118.BJ", "0700.HK", "000300.SH",
                                   "HSI.HI", "HSTECH.HI")] == \
        ["sh600519", "sz000977", "bj920118", "hk00700", "sh000300", "hkHSI", "hkHSTECH"]


def test_tencent_history_raw_and_relative_factors(eastmoney, tencent, no_eval):
    eastmoney.dividend("1.600519", "2025-12-16", 25.0)
    p = TencentProvider(today=dt.date(2026, 1, 27))
    df = p.history("600519.SH")
    _check(df, "600519.SH")
    em = EastmoneyProvider().history("600519.SH")
    assert np.allclose(df["close"], em["close"]) and np.allclose(df["volume"], em["volume"])
    ratio = df["factor"].to_numpy() / em["factor"].to_numpy()
    assert np.allclose(ratio, ratio[-1], rtol=1e-4)            # the same factors, another scale
    assert df["factor"].iloc[-1] == pytest.approx(1.0, abs=1e-4)
    params = [r["params"]["param"] for r in tencent.requests]
    assert params[0].startswith("sh600519,day,2025-01-01,2026-01-27,640,")
    assert any(x.endswith(",qfq") for x in params) and "_var" not in tencent.requests[0]["url"]


def test_tencent_incremental_is_one_range(eastmoney, tencent):
    df = TencentProvider(today=dt.date(2026, 1, 27)).history("HSI.HI", start=dt.date(2026, 1, 20))
    assert df["date"].min() >= pd.Timestamp("2026-01-20") and (df["factor"] == 1.0).all()
    assert len(tencent.requests) == 1


def test_tencent_strips_a_javascript_assignment_as_text(eastmoney, monkeypatch):
    import json as _json

    import responses
    body = "kline_dayqfq=" + _json.dumps({"code": 0, "data": {"hkHSI": {"day": [
        ["2026-01-26", "26000.1", "26100.2", "26200.0", "25900.5", "0", {}, "0", "0"]]}}})
    with responses.RequestsMock() as rsps:
        rsps.add(responses.GET, "https://web.ifzq.gtimg.cn/appstock/app/fqkline/get", body=body)
        df = TencentProvider(today=dt.date(2026, 1, 27)).history("HSI.HI", start=dt.date(2026, 1, 26))
    assert df["close"].tolist() == [26100.2]
