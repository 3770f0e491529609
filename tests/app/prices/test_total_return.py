"""Returns from bars as printed + factors are total returns; Eastmoney's subtractive qfq is not.

The series is reconstructed the way issue 10 describes Eastmoney's adjustments (akshare's
documented 000001 sample: qfq = raw - 1.35 across the whole range, i.e. later cash dividends are
*subtracted*; hfq multiplies by the cumulative dividend factor): a stock rising from about 10 to
about 20 over 3.5 years that pays 0.60 a share every June. The prices are generated.
"""
import math

import numpy as np
import pandas as pd
import pytest

from app.prices.service import horizon_returns, refresh
from app.store import Store

SECID = "0.000001"


def _lines(n=900, seed=7):
    rng = np.random.default_rng(seed)
    days = pd.bdate_range("2022-08-01", periods=n)
    close = 10 * np.exp(np.cumsum(rng.normal(0.0008, 0.015, n)))
    out = []
    for d, c in zip(days, close):
        o, h, lo = c * 0.995, c * 1.01, c * 0.985
        out.append(f"{d.date()},{o:.2f},{c:.2f},{h:.2f},{lo:.2f},{rng.integers(1e5, 9e5)},{c * 5e7:.2f}")
    return out


@pytest.fixture
def dividend_payer(eastmoney):
    data = {"rc": 0, "data": {"code": "000001", "market": 0, "name": "平安银行", "klines": _lines()}}
    eastmoney.data[SECID] = data
    for ex in ("2023-06-14", "2024-06-14", "2025-06-13"):
        eastmoney.dividend(SECID, ex, 0.60)
    return eastmoney


def _ret(series: pd.Series, years: int) -> float:
    last = series.index[-1]
    base = series[:last - pd.DateOffset(years=years)].iloc[-1]
    return series.iloc[-1] / base - 1


def test_1y_3y_returns_match_hfq_where_subtractive_qfq_differs(tmp_path, dividend_payer):
    s = Store.open(tmp_path / "tr.sqlite")
    [r] = refresh(s, ["000001.SZ"])
    assert r.ok and r.rows_added == 900
    got = horizon_returns(s, "000001.SZ", (1, 3))

    def server(fqt):
        return pd.Series({pd.Timestamp(ln[:10]): float(ln.split(",")[2])
                          for ln in dividend_payer.adjusted(SECID, fqt)})
    hfq, qfq, raw = server("2"), server("1"), server("0")
    for y in (1, 3):
        assert got[y] == pytest.approx(_ret(hfq, y), abs=5e-4)          # total return
        assert abs(_ret(qfq, y) - _ret(hfq, y)) > 0.01                   # subtractive qfq drifts
        assert abs(_ret(raw, y) - _ret(hfq, y)) > 0.01                   # raw ignores the dividends
    s.close()


def test_short_history_has_no_3y_return(tmp_path, eastmoney):
    s = Store.open(tmp_path / "short.sqlite")
    refresh(s, ["600519.SH"])
    r = horizon_returns(s, "600519.SH", (1, 3))
    assert math.isnan(r[1]) and math.isnan(r[3])
    s.close()
