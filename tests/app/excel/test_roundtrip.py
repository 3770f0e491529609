"""Proof: export then import is the identity (property test), and LibreOffice keeps everything."""
import csv
import io
import itertools
import os
import shutil
import subprocess

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.excel import apply_import, export_workbook, preview_import
from app.excel.importer import parse_workbook
from tests.app.excel.conftest import WL

CODES = ["0700.HK", "9988.HK", "600519.SH", "000001.SZ", "300308.SZ", "920118.BJ", "0001.HK",
         "1024.HK", "688256.SH", "002230.SZ", "80737.HK"]
TRIGGERS = ["", "=", "+", "-", "@", "\t", "\r", "'", "''", "=HYPERLINK(\"x\")", "_x0041_", " "]

# control characters (NUL, ESC, ...) are removed on import (tests/app/excel/test_hostile.py), so
# the identity holds for text without them; tab, CR and LF are kept
any_text = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=30)
cjk = st.text(alphabet=st.sampled_from("腾讯控股騰訊算力订单光模块，。；：“”！\n\r\t 50%abcXYZ-=+@'_x0"),
              max_size=20)
notes = st.builds(lambda p, t: p + t, st.sampled_from(TRIGGERS), st.one_of(any_text, cjk))
tag = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"),
                                     blacklist_characters=",，;\x00"), min_size=1, max_size=8) \
    .map(str.strip).filter(bool)
tags = st.builds(lambda p, ts: tuple(dict.fromkeys(([p + ts[0]] if ts else []) + ts[1:])),
                 st.sampled_from(["", "=", "-", "+", "@"]), st.lists(tag, max_size=4)) \
    .map(lambda ts: tuple(dict.fromkeys(t.strip() for t in ts if t.strip())))
price = st.one_of(st.none(), st.floats(min_value=1e-6, max_value=1e12, allow_nan=False,
                                       allow_infinity=False))
item = st.fixed_dictionaries({"notes": notes, "tags": tags, "rating": st.one_of(st.none(), st.integers(1, 5)),
                              "target_price": price})
lists = st.lists(st.tuples(st.sampled_from(CODES), item), max_size=6, unique_by=lambda x: x[0])
names = st.sampled_from(["list", "=list", "a/b:c*?", "自选 股", "x" * 40, "'quoted", "History"])

_counter = itertools.count()


@pytest.fixture(scope="module")
def mdesk(tmp_path_factory, _template_store):
    from app.services import Desk

    db = tmp_path_factory.mktemp("prop") / "store.sqlite"
    shutil.copy(_template_store, db)
    d = Desk.open(db)
    yield d
    d.store.close()


def fields(store, name):
    return [(i.code, i.notes, i.tags, i.rating, i.target_price) for i in store.watchlist(name).items]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=lists, base=names)
def test_export_then_import_is_the_identity(mdesk, tmp_path_factory, rows, base):
    s = mdesk.store
    name = f"{base}{next(_counter)}"
    wl = s.create_watchlist(name)
    s.add_items(wl, [code for code, _ in rows])
    for code, f in rows:
        s.update_item(wl, code, **f)
    expected = fields(s, name)
    assert [(c, f["notes"], f["tags"], f["rating"], f["target_price"]) for c, f in rows] == expected
    path = export_workbook(mdesk, tmp_path_factory.mktemp("p") / "x.xlsx", watchlist=name,
                           reference=False).path

    # the workbook as parsed holds exactly the store's data
    wb = parse_workbook(path)
    assert not wb.problems
    (sheet,) = wb.lists
    assert sheet.name == name
    assert [(r.code, r.fields["notes"], r.fields["tags"], r.fields["rating"], r.fields["target_price"])
            for r in sheet.rows] == expected
    # importing it back changes nothing
    pv = preview_import(mdesk, path)
    assert pv.ok and pv.changes == [] and pv.conflicts == [], pv.report()
    # and importing it into an empty list reproduces the list
    copy = f"copy {name}"
    apply_import(s, preview_import(mdesk, path, watchlist=copy))
    assert fields(s, copy) == expected


# ---- LibreOffice -------------------------------------------------------------------------------------

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def _convert(src, fmt, outdir, profile):
    outdir.mkdir(exist_ok=True)
    env = dict(os.environ, HOME=str(profile))
    subprocess.run([SOFFICE, f"-env:UserInstallation=file://{profile}/lo", "--headless", "--norestore",
                    "--convert-to", fmt, "--outdir", str(outdir), str(src)],
                   check=True, capture_output=True, env=env, timeout=240)
    return outdir / (src.stem + "." + fmt.split(":")[0])


@pytest.mark.slow
@pytest.mark.requires_tool("soffice|libreoffice", what="LibreOffice (soffice)")
def test_libreoffice_keeps_codes_and_chinese_and_round_trips(ldesk, tmp_path):
    s = ldesk.store
    wl = s.watchlist(WL).id
    s.add_items(wl, ["000001.SZ", "0001.HK"])
    s.update_item(wl, "000001.SZ", notes="平安银行 leading zeros", target_price=12.345678901234567)
    path = export_workbook(ldesk, tmp_path / "desk.xlsx", watchlist=WL).path

    # 1. as CSV (first sheet: the watchlist), UTF-8
    out = _convert(path, "csv:Text - txt - csv (StarCalc):44,34,76,1", tmp_path / "csv", tmp_path)
    rows = list(csv.reader(io.StringIO(out.read_bytes().decode("utf-8"), newline="")))
    assert rows[0][:2] == ["id", "code"]
    codes = [r[1] for r in rows[1:]]
    assert codes == ["000977.SZ", "0700.HK", "300308.SZ", "9988.HK", "000001.SZ", "0001.HK"]
    by_code = {r[1]: r for r in rows[1:]}
    assert by_code["000977.SZ"][2] == "浪潮信息" and by_code["000977.SZ"][6] == "超50%算力订单\n第二行"
    assert by_code["0700.HK"][6] == "'=SUM(A1:A9)"  # shown as text, never evaluated

    # 2. re-saved as .xlsx by LibreOffice, it imports back to the same data
    before = fields(s, WL)
    resaved = _convert(path, "xlsx", tmp_path / "resaved", tmp_path)
    pv = preview_import(ldesk, resaved)
    assert pv.ok and pv.changes == [] and pv.conflicts == [], pv.report()
    wb = parse_workbook(resaved)
    (sheet,) = wb.lists
    got = [(r.code, r.fields["notes"], r.fields["tags"], r.fields["rating"], r.fields["target_price"])
           for r in sheet.rows]
    assert [g[:4] for g in got] == [b[:4] for b in before]
    # LibreOffice keeps 15 significant digits, as Excel shows them (12.345678901234567 -> ...346)
    assert [g[4] for g in got] == [pytest.approx(b[4], rel=1e-14) if b[4] else b[4] for b in before]
