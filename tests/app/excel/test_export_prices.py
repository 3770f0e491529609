"""The watchlist sheet carries theme names (not ids) and the cached prices."""
import openpyxl

from app.excel import export_workbook
from app.prices.cache import PriceCache
from app.prices.providers import normalise
from tests.app.prices.bars import gen_bars


def test_watchlist_sheet_has_theme_names_and_cached_prices(desk, tmp_path):
    PriceCache(desk.store).write(normalise(gen_bars(30, seed=1, start="2026-03-02", price=100)
                                           .assign(code="300308.SZ", adjustment="qfq")), "generated")
    out = tmp_path / "p.xlsx"
    export_workbook(desk, out)
    wb = openpyxl.load_workbook(out, read_only=True)
    ws = wb[wb.sheetnames[0]]
    rows = list(ws.iter_rows(values_only=True))
    head = list(rows[0])
    assert head[-3:] == ["last", "chg %", "price date"]
    row = next(r for r in rows[1:] if r[1] == "300308.SZ")
    assert "腾讯元宝红包算力链" in row[head.index("themes")]
    assert "tencent-yuanbao-compute" not in row[head.index("themes")]
    assert isinstance(row[head.index("last")], float) and row[head.index("price date")] is not None
    other = next(r for r in rows[1:] if r[1] == "0700.HK")
    assert other[head.index("last")] is None
