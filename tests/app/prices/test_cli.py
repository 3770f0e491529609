"""``main.py prices refresh | import | show`` in-process (recorded answers, no network)."""
import json

import pytest

from app.cli import run
from tests.app.prices.test_file_import import _wind_xlsx


@pytest.fixture
def cli(tmp_path, capsys):
    db = tmp_path / "cli.sqlite"

    def call(*args):
        code = run(["--db", str(db), *args])
        out = capsys.readouterr()
        return code, out.out, out.err
    return call


def test_import_then_show(cli, tmp_path):
    p = tmp_path / "wind.xlsx"
    _wind_xlsx(p, n=20)
    code, out, err = cli("prices", "import", str(p))
    assert code == 0, err
    assert "wind layout, sheet '日K线', header on row 1" in out
    assert "0700.HK: 20 rows added, 2025-12-01 … 2025-12-26 (none)" in out
    assert "600519.SH: 20 rows added" in out
    code, out, err = cli("prices", "show", "700", "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["code"] == "0700.HK" and len(data["bars"]) == 20 and data["view"] == "none"
    assert data["basis"] == "none" and data["sources"][0]["source"] == "file:wind"
    assert data["metrics"]["last"] == data["bars"][-1]["close"]
    assert data["fetches"][0]["source"] == "file:wind"
    code, out, err = cli("prices", "show", "腾讯控股", "--tail", "3")
    assert code == 0 and "max drawdown" in out
    assert "2025-12-01 … 2025-12-26: 20 bars from file:wind" in out
    assert [ln[:10] for ln in out.splitlines() if ln.startswith("2025-")] == \
        ["2025-12-24", "2025-12-25", "2025-12-26"]
    code, out, err = cli("prices", "show", "000977.SZ")
    assert code == 1 and "no prices cached for 000977.SZ" in err and "prices import FILE" in err


def test_import_errors_name_the_cell(cli, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("Code,Date,Close\n0700.HK,2025-12-01,x\n")
    code, out, err = cli("prices", "import", str(bad))
    assert code == 1 and "bad.csv, row 2, column 'Close': 'x' is not a number" in err


def test_refresh_named_codes_and_the_default_list(cli, eastmoney):
    eastmoney.fail("116.00700", "offline")
    eastmoney.tencent.fail("hk00700", "html")
    code, out, err = cli("prices", "refresh", "600519", "700", "恒生指数", "--pause", "0")
    assert code == 1                                         # one failed
    assert "[1/3] 600519.SH: +60 rows 2025-11-03 … 2026-01-26 [eastmoney]" in err
    assert "[2/3] 0700.HK: error: no connection to push2his.eastmoney.com (name not resolved)" in err
    assert "[3/3] HSI.HI: +60 rows" in err
    assert "0700.HK: error: " in out and "Tencent" in out.splitlines()[0]
    assert "2 of 3 series ok, 120 rows added; failed: 0700.HK" in out
    code, out, err = cli("prices", "refresh", "600519.SH", "--json", "--pause", "0")
    assert code == 0
    data = json.loads(out)
    [r] = data["results"]
    assert r["code"] == "600519.SH" and r["rows_added"] == 0 and r["status"] == "ok"
    assert data["notices"] == []


def test_sources_setting(cli):
    code, out, err = cli("prices", "sources")
    assert code == 0 and out.splitlines() == ["A: eastmoney -> tencent", "HK: eastmoney -> tencent"]
    code, out, err = cli("prices", "sources", "HK", "tencent")
    assert code == 0 and "HK: tencent" in out
    code, out, err = cli("prices", "sources", "HK", "yahoo")
    assert code == 1 and "use one or more of eastmoney, tencent" in err


def test_refresh_rejects_unknown_names(cli):
    code, out, err = cli("prices", "refresh", "no such company xyz")
    assert code == 1 and "not a code, benchmark or name" in err
