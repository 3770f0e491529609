"""通达信 vipdoc/*/lday/*.day files and folder imports (files written here in the public format)."""
import struct

import pandas as pd
import pytest

from app.prices.cache import PriceCache
from app.prices.file_provider import PriceFileError
from app.prices.service import import_folder
from app.prices.tdx import read_day_file, write_day_file
from app.store import Store
from tests.app.prices.bars import gen_bars


@pytest.fixture
def store(tmp_path):
    s = Store.open(tmp_path / "t.sqlite")
    yield s
    s.close()


def test_a_record_in_the_public_layout_reads_back(tmp_path):
    # one record exactly as the format says: <IIIIIfII, prices x 100
    p = tmp_path / "sh600519.day"
    p.write_bytes(struct.pack("<IIIIIfII", 20260105, 145000, 146820, 144010, 146100, 2.5e9, 1712345, 0))
    df, info = read_day_file(p)
    row = df.iloc[0]
    assert row["code"] == "600519.SH" and row["date"] == pd.Timestamp("2026-01-05")
    assert (row["open"], row["high"], row["low"], row["close"]) == (1450.0, 1468.2, 1440.1, 1461.0)
    assert row["volume"] == 1712345 and row["amount"] == pytest.approx(2.5e9)
    assert info.adjustment == "none" and info.layout == "tdx"


def test_an_etf_has_three_decimals(tmp_path):
    p = tmp_path / "sh510300.day"
    p.write_bytes(struct.pack("<IIIIIfII", 20260105, 4012, 4050, 4001, 4033, 1e9, 12345, 0))
    df, _ = read_day_file(p)
    assert df["close"].iloc[0] == 4.033 and df["code"].iloc[0] == "510300.SH"


@pytest.mark.parametrize("name,content,words", [
    ("sh600519.day", b"x" * 31, "not a whole number of 32-byte records"),
    ("sh600519.day", b"", "empty file"),
    ("sh600519.day", struct.pack("<IIIIIfII", 99999999, 1, 1, 1, 1, 0, 0, 0), "record 1: date 99999999"),
    ("sh000001.day", struct.pack("<IIIIIfII", 20260105, 1, 1, 1, 1, 0, 0, 0), "an index, not imported"),
    ("notes.day", struct.pack("<IIIIIfII", 20260105, 1, 1, 1, 1, 0, 0, 0), "not a 通达信 daily file name"),
])
def test_bad_files_say_why(tmp_path, name, content, words):
    p = tmp_path / name
    p.write_bytes(content)
    with pytest.raises(PriceFileError, match=words):
        read_day_file(p)


def test_a_vipdoc_folder_imports_at_once_and_a_bad_file_changes_nothing(store, tmp_path):
    root = tmp_path / "new_tdx" / "vipdoc"
    a = gen_bars(30, seed=1, start="2025-12-01", price=1400)
    b = gen_bars(25, seed=2, start="2025-12-01", price=40)
    write_day_file(root / "sh" / "lday" / "sh600519.day", a)
    write_day_file(root / "sz" / "lday" / "sz000977.day", b)
    (root / "sz" / "lday" / "sz000001.day").write_bytes(b"broken")
    csv = tmp_path / "new_tdx" / "0700.HK.csv"
    g = gen_bars(10, seed=3, start="2025-12-01", price=600)
    g.rename(columns=str.title).to_csv(csv, index=False)
    rep = import_folder(store, tmp_path / "new_tdx")
    assert len(rep.files) == 4 and [p.name for p, _ in rep.failed] == ["sz000001.day"]
    assert "32-byte records" in rep.failed[0][1]
    cache = PriceCache(store)
    got = cache.load("600519.SH", "none")
    assert len(got) == 30 and got["close"].tolist() == pytest.approx(a["close"].tolist())
    assert len(cache.load("000977.SZ", "none")) == 25 and len(cache.load("0700.HK", "none")) == 10
    assert cache.load("000001.SZ").empty
    assert [r["source"] for r in cache.series_info("600519.SH")] == ["file:tdx"]


def test_cli_imports_a_folder(tmp_path, capsys):
    from app.cli import run
    write_day_file(tmp_path / "lday" / "sh600519.day", gen_bars(5, seed=4, price=1400))
    code = run(["--db", str(tmp_path / "c.sqlite"), "prices", "import", str(tmp_path / "lday")])
    out = capsys.readouterr().out
    assert code == 0 and "sh600519.day: 600519.SH: 5 rows added" in out and "1 of 1 files imported" in out
