"""Price files as Wind, Choice, Yahoo and akshare write them; bad rows are named precisely."""
import datetime as dt

import numpy as np
import openpyxl
import pandas as pd
import pytest

from app.prices.cache import PriceCache
from app.prices.file_provider import FileProvider, PriceFileError, read_price_file
from app.prices.providers import COLUMNS, PriceQuery
from app.prices.service import import_file
from app.store import Store
from tests.app.prices.bars import gen_bars


@pytest.fixture
def store(tmp_path):
    s = Store.open(tmp_path / "p.sqlite")
    yield s
    s.close()


def _wind_xlsx(path, codes=("600519.SH", "0700.HK"), n=20):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "日K线"
    ws.append(["代码", "简称", "日期", "开盘价(元)", "最高价(元)", "最低价(元)", "收盘价(元)", "成交量(股)",
               "成交额(元)"])
    frames = {}
    for i, code in enumerate(codes):
        b = gen_bars(n, seed=i, price=100 + 50 * i)
        frames[code] = b
        for r in b.itertuples():
            ws.append([code, "名称", r.date.to_pydatetime(), r.open, r.high, r.low, r.close, r.volume, r.amount])
    ws.append([])
    ws.append(["数据来源：Wind"])
    wb.save(path)
    return frames


def test_wind_xlsx_several_codes(tmp_path):
    p = tmp_path / "wind_export.xlsx"
    frames = _wind_xlsx(p)
    df, info = read_price_file(p)
    assert info.layout == "wind" and info.sheet == "日K线" and info.code_from == "column"
    assert info.header_row == 1 and info.skipped == 2 and info.adjustment == "none"
    assert list(df.columns) == COLUMNS and str(df["date"].dtype) == "datetime64[ns]"
    got = df[df["code"] == "0700.HK"].reset_index(drop=True)
    exp = frames["0700.HK"]
    np.testing.assert_allclose(got["close"], exp["close"])
    np.testing.assert_allclose(got["volume"], exp["volume"])
    assert (got["date"].to_numpy() == exp["date"].to_numpy()).all()


def test_wind_csv_in_gbk_with_code_above_the_header_and_units(tmp_path):
    b = gen_bars(15, seed=3)
    lines = ["证券代码,000977.SZ", "证券简称,浪潮信息", "",
             "日期,开盘价(元),最高价(元),最低价(元),收盘价(元),成交量(手),成交额(万元)"]
    for r in b.itertuples():
        lines.append(f"{r.date:%Y-%m-%d},{r.open},{r.high},{r.low},{r.close},{r.volume / 100:.0f},"
                     f"{r.amount / 1e4:.4f}")
    lines.append("数据来源：Wind")
    p = tmp_path / "浪潮信息.csv"
    p.write_bytes("\r\n".join(lines).encode("gbk"))
    df, info = read_price_file(p)
    assert info.code_from == "header" and info.layout == "wind" and info.header_row == 4
    assert set(df["code"]) == {"000977.SZ"} and len(df) == 15
    np.testing.assert_allclose(df["volume"], b["volume"])           # 手 -> shares
    np.testing.assert_allclose(df["amount"], b["amount"], rtol=1e-6)  # 万元 -> yuan


def test_choice_csv_with_five_digit_hk_codes(tmp_path):
    b = gen_bars(12, seed=4, price=600)
    rows = ["证券代码,证券名称,交易日期,开盘价,最高价,最低价,收盘价(前复权),成交量(股),成交金额(元)"]
    for r in b.itertuples():
        rows.append(f"00700.HK,腾讯控股,{r.date:%Y/%m/%d},{r.open},{r.high},{r.low},{r.close},"
                    f"\"{r.volume:,.0f}\",{r.amount}")
    rows += ["", "数据来源：东方财富Choice数据"]
    p = tmp_path / "choice.csv"
    p.write_text("\n".join(rows), encoding="utf-8-sig")
    df, info = read_price_file(p)
    assert info.layout == "choice" and info.adjustment == "qfq"     # (前复权) in a header
    assert set(df["code"]) == {"0700.HK"}
    np.testing.assert_allclose(df["volume"], b["volume"])            # "1,234,500" read as a number


def test_yahoo_download_takes_the_code_from_the_file_name(tmp_path):
    b = gen_bars(10, seed=5)
    adj = (b["close"] * 0.95).round(4)
    rows = ["Date,Open,High,Low,Close,Adj Close,Volume"]
    for r, a in zip(b.itertuples(), adj):
        rows.append(f"{r.date:%Y-%m-%d},{r.open},{r.high},{r.low},{r.close},{a},{r.volume:.0f}")
    rows.insert(4, "2025-12-04,null,null,null,null,null,null")   # Yahoo's holiday rows
    p = tmp_path / "0700.HK.csv"
    p.write_text("\n".join(rows))
    df, info = read_price_file(p)
    assert info.layout == "yahoo" and info.code_from == "file name" and info.skipped == 1
    assert set(df["code"]) == {"0700.HK"} and info.adjustment == "qfq"
    np.testing.assert_allclose(df["close"], adj)
    np.testing.assert_allclose(df["open"], b["open"] * adj / b["close"])
    df2, info2 = read_price_file(p, adjustment="none")
    np.testing.assert_allclose(df2["close"], b["close"])
    assert info2.adjustment == "none"


def test_yfinance_to_csv_with_ticker_rows(tmp_path):
    b1, b2 = gen_bars(8, seed=6), gen_bars(8, seed=7, price=20)
    rows = ["Price,Close,Close,High,High,Low,Low,Open,Open,Volume,Volume",
            "Ticker,0700.HK,^HSI,0700.HK,^HSI,0700.HK,^HSI,0700.HK,^HSI,0700.HK,^HSI",
            "Date,,,,,,,,,,"]
    for x, y in zip(b1.itertuples(), b2.itertuples()):
        rows.append(f"{x.date:%Y-%m-%d},{x.close},{y.close},{x.high},{y.high},{x.low},{y.low},{x.open},{y.open},"
                    f"{x.volume:.0f},{y.volume:.0f}")
    p = tmp_path / "yf.csv"
    p.write_text("\n".join(rows))
    df, info = read_price_file(p)
    assert info.layout == "yahoo" and info.code_from == "ticker row"
    assert sorted(set(df["code"])) == ["0700.HK", "HSI.HI"]
    np.testing.assert_allclose(df[df["code"] == "HSI.HI"]["close"], b2["close"])


def test_akshare_to_csv_keeps_leading_zeros_and_converts_lots(tmp_path):
    b = gen_bars(10, seed=8, price=40)
    ak = pd.DataFrame({"日期": b["date"].dt.date, "股票代码": "000977", "开盘": b["open"], "收盘": b["close"],
                       "最高": b["high"], "最低": b["low"], "成交量": (b["volume"] / 100).astype(int),
                       "成交额": b["amount"], "振幅": 1.0, "涨跌幅": 0.5, "涨跌额": 0.2, "换手率": 1.1})
    p = tmp_path / "ak.csv"
    ak.to_csv(p)                       # with pandas' index column
    df, info = read_price_file(p)
    assert info.layout == "akshare" and set(df["code"]) == {"000977.SZ"}
    np.testing.assert_allclose(df["volume"], b["volume"])
    assert any("lots" in n for n in info.notes)
    # an HK frame from stock_hk_hist has no code column: the option says which listing it is
    hk = ak.drop(columns="股票代码")
    p2 = tmp_path / "hk.csv"
    hk.to_csv(p2, index=False)
    df2, info2 = read_price_file(p2, code="00700")
    assert set(df2["code"]) == {"0700.HK"} and info2.code_from == "option"
    np.testing.assert_allclose(df2["volume"], b["volume"] / 100)   # HK volume is already shares


def _csv(tmp_path, body, name="bad.csv"):
    p = tmp_path / name
    p.write_text(body, encoding="utf-8")
    return p


@pytest.mark.parametrize("body,where", [
    ("代码,日期,收盘价\n600519.SH,2025-12-01,10\n600519.SH,2025-12-02,abc\n",
     "bad.csv, row 3, column '收盘价': 'abc' is not a number"),
    ("代码,日期,收盘价\n600519.SH,2025-12-01,10\n600519.SH,12/2/2025x,11\n",
     "bad.csv, row 3, column '日期': '12/2/2025x' is not a date"),
    ("代码,日期,收盘价\n600519.SH,2025-12-01,10\n999999,2025-12-02,11\n",
     "bad.csv, row 3, column '代码': code '999999'"),
    ("Code,Date,Open,High,Low,Close\n0700.HK,2025-12-01,10,9,11,10\n",
     "bad.csv, row 2, column 'High': high 9 is below low 11"),
    ("Code,Date,Close\n0700.HK,2025-12-01,10\n0700.HK,2025-12-01,11\n",
     "bad.csv, row 3, column 'Date': 2025-12-01 for 0700.HK is already on row 2 with other prices"),
    ("Code,Date,Close\n0700.HK,2025-12-01,-1\n",
     "bad.csv, row 2, column 'Close': -1 is not a positive price"),
    ("Code,Date,Open,Close\n0700.HK,2025-12-01,10,\n",
     "bad.csv, row 2, column 'Close': the close is missing"),
])
def test_bad_cells_are_named_with_file_row_and_column(tmp_path, store, body, where):
    p = _csv(tmp_path, body)
    with pytest.raises(PriceFileError) as ei:
        import_file(store, p)
    assert where in str(ei.value), str(ei.value)
    assert "nothing imported" in str(ei.value)
    assert PriceCache(store).codes() == []               # not half-written


def test_many_problems_are_all_counted(tmp_path):
    body = "Code,Date,Close\n" + "".join(f"0700.HK,2025-12-{d:02d},x\n" for d in range(1, 29))
    with pytest.raises(PriceFileError, match=r"28 bad cells, nothing imported \(and 8 more\)") as ei:
        read_price_file(_csv(tmp_path, body))
    assert len(ei.value.problems) == 20


def test_excel_numeric_codes_are_refused(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["证券代码", "日期", "收盘价"])
    ws.append([977, dt.datetime(2025, 12, 1), 10.0])      # was 000977, Excel ate the zeros
    ws.append([600519, dt.datetime(2025, 12, 1), 1500.0])  # six digits: still unambiguous
    p = tmp_path / "numeric.xlsx"
    wb.save(p)
    with pytest.raises(PriceFileError, match=r"numeric\.xlsx, sheet 'Sheet', row 2, column '证券代码': "
                                             r"code 977.*leading zeros") as ei:
        read_price_file(p)
    assert len(ei.value.problems) == 1


def test_files_without_a_table_or_a_code(tmp_path):
    with pytest.raises(PriceFileError, match="no header row with a date and a close column"):
        read_price_file(_csv(tmp_path, "a,b,c\n1,2,3\n"))
    with pytest.raises(PriceFileError, match=r"say which listing it is \(--code CODE\)"):
        read_price_file(_csv(tmp_path, "Date,Close\n2025-12-01,10\n", name="prices.csv"))
    with pytest.raises(PriceFileError, match="no such file"):
        read_price_file(tmp_path / "missing.csv")
    with pytest.raises(PriceFileError, match="unsupported file type"):
        read_price_file(_csv(tmp_path, "x", name="prices.json"))
    with pytest.raises(PriceFileError, match="no rows for 0700.HK"):
        read_price_file(_csv(tmp_path, "Code,Date,Close\n600519.SH,2025-12-01,10\n"), code="0700.HK")


def test_import_reports_rows_added_and_ranges_and_is_idempotent(tmp_path, store):
    p = tmp_path / "wind.xlsx"
    _wind_xlsx(p, n=20)
    rep = import_file(store, p)
    assert [(r.code, r.rows_added, r.rows_updated) for r in rep.results] == \
        [("0700.HK", 20, 0), ("600519.SH", 20, 0)]
    assert rep.results[0].first_date == dt.date(2025, 12, 1)
    assert rep.results[0].last_date == dt.date(2025, 12, 26)
    assert "20 rows added, 2025-12-01 … 2025-12-26 (none)" in rep.results[0].line()
    rep2 = import_file(store, p)
    assert [(r.rows_added, r.rows_updated) for r in rep2.results] == [(0, 20), (0, 20)]
    log = PriceCache(store).fetches("0700.HK")
    assert log[0]["source"] == "file:wind" and log[0]["message"] == "wind.xlsx"


def test_file_provider_implements_the_interface(tmp_path):
    p = tmp_path / "wind.xlsx"
    _wind_xlsx(p)
    fp = FileProvider(p)
    assert fp.supports("0700.HK") and not fp.supports("000977.SZ")
    df = fp.fetch(PriceQuery("0700.HK", start=dt.date(2025, 12, 10), adjustment="none"))
    assert df["date"].min() == pd.Timestamp("2025-12-10") and set(df["code"]) == {"0700.HK"}
    assert fp.name == "file:wind"
