import json
import os
import subprocess
import sys

import pytest

from app.cli import run
from tests.conftest import ROOT


def _run(capsys, *argv):
    code = run(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_companies_json(tmp_path, capsys, kb):
    code, out, _ = _run(capsys, "--db", str(tmp_path / "s.sqlite"), "companies", "--json")
    assert code == 0
    recs = json.loads(out)
    by_code = {r["code"]: r for r in recs if r["code"]}
    for need in ("code", "codes", "name_zh_hans", "name_zh_hant", "name_en", "exchange", "themes", "reports"):
        assert all(need in r for r in recs)
    t = by_code["0700.HK"]
    assert t["name_zh_hans"] == "腾讯控股" and t["name_zh_hant"] == "騰訊控股" and t["exchange"] == "HK"
    assert "tencent-ecosystem" in t["themes"] and len(t["reports"]) == 5
    assert by_code["000063.SZ"]["codes"] == ["000063.SZ", "0763.HK"]
    assert by_code["300308.SZ"]["name_zh_hant"] == "中際旭創"
    assert set(kb.listed_codes()) <= set(by_code)
    unlisted = [r for r in recs if r["code"] is None]
    assert any(r["name_en"] == "ByteDance" for r in unlisted)


def test_chain_json_filtered_by_customer(tmp_path, capsys):
    code, out, _ = _run(capsys, "chain", "--json", "--customer", "Tencent", "--db", str(tmp_path / "s.sqlite"))
    assert code == 0
    edges = json.loads(out)
    assert edges and all(e["customer"] == "0700.HK" for e in edges)
    e = next(e for e in edges if e["supplier"] == "300308.SZ")
    assert e["share_pct"] == 45 and e["segment"] == "optical_modules" and e["status"] == "core"
    assert e["report"] == "002_9ef0a8e84e9da9c7.txt" and e["quote"]
    code, out, _ = _run(capsys, "--db", str(tmp_path / "s.sqlite"), "chain", "--json", "--customer", "bytedance")
    assert all(e["customer"] == "bytedance" for e in json.loads(out))


def test_themes_and_watchlist_commands(tmp_path, capsys):
    db = str(tmp_path / "s.sqlite")
    code, out, _ = _run(capsys, "--db", db, "themes", "--json")
    themes = {t["id"]: t for t in json.loads(out)}
    assert themes["tencent-yuanbao-compute"]["members"]
    assert _run(capsys, "--db", db, "watchlist", "create", "光模块")[0] == 0
    code, out, err = _run(capsys, "--db", db, "watchlist", "add", "光模块", "ZJXC", "中際旭創", "700 HK", "sh600519", "nonsense")
    assert code == 0
    assert "added 300308.SZ" in out and "added 0700.HK" in out and "added 600519.SH" in out
    assert "already in" in err and "nonsense" in err
    code, out, _ = _run(capsys, "--db", db, "watchlist", "show", "光模块", "--json")
    assert [i["code"] for i in json.loads(out)["items"]] == ["300308.SZ", "0700.HK", "600519.SH"]
    assert _run(capsys, "--db", db, "watchlist", "remove", "光模块", "hk00700")[0] == 0
    code, out, _ = _run(capsys, "--db", db, "watchlist", "list")
    assert "光模块" in out and "报告标的" in out


def test_errors_go_to_stderr_with_nonzero_status(tmp_path, capsys):
    db = str(tmp_path / "s.sqlite")
    code, out, err = _run(capsys, "--db", db, "watchlist", "show", "nope")
    assert code == 1 and "no watchlist 'nope'" in err and out == ""
    code, out, err = _run(capsys, "--db", db, "chain", "--customer", "Nobody Inc")
    assert code == 1 and "unknown customer" in err
    code, _, err = _run(capsys, "--db", db, "code", "600519.SZ")
    assert code == 1 and "Shanghai code" in err
    with pytest.raises(SystemExit) as e:
        run(["--db", db, "watchlist", "explode"])
    assert e.value.code == 2


def test_main_py_runs_headless_in_a_subprocess(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    r = subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", str(tmp_path / "s.sqlite"), "companies"],
                       capture_output=True, text=True, env=env, timeout=120, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "中际旭创" in r.stdout and "0700.HK" in r.stdout
    assert "PySide6" not in r.stderr


def test_an_error_under_json_is_json(tmp_path, capsys):
    """`prices show CODE --json` with nothing cached: exit 1, the reason on stderr, and JSON on stdout."""
    import json

    from app.cli import run

    assert run(["--db", str(tmp_path / "s.sqlite"), "prices", "show", "0700.HK", "--json"]) == 1
    out = capsys.readouterr()
    assert "error:" in out.err
    assert "error" in json.loads(out.out)


def test_watchlist_show_prints_theme_titles_not_ids(tmp_path, capsys):
    db = str(tmp_path / "s.sqlite")
    assert _run(capsys, "--db", db, "watchlist", "add", "AI", "0700.HK", "--create")[0] == 0
    code, out, _ = _run(capsys, "--db", db, "watchlist", "show", "AI")
    assert code == 0
    row = next(line for line in out.splitlines() if line.startswith("0700.HK"))
    assert "腾讯AI生态链" in row or "春节AI红包大战" in row  # titles (the script of the name column)
    assert "tencent-ecosystem" not in row and "spring-festival-ai-war" not in row
    code, out, _ = _run(capsys, "--db", db, "watchlist", "show", "AI", "--json")
    item = json.loads(out)["items"][0]
    assert "tencent-ecosystem" in item["themes"]  # the ids stay
    titles = {t["id"]: t for t in item["theme_titles"]}
    assert set(titles) == set(item["themes"])
    assert titles["tencent-ecosystem"]["title_zh"] == "腾讯AI生态链"
    assert titles["tencent-ecosystem"]["title_en"] == "Tencent AI ecosystem chain"


def test_companies_and_chain_json_carry_the_chinese_roles_and_notes(tmp_path, capsys):
    db = str(tmp_path / "s.sqlite")
    code, out, _ = _run(capsys, "--db", db, "companies", "--json")
    zx = next(r for r in json.loads(out) if r["code"] == "300308.SZ")
    roles = {(x["theme"], x["role"], x["role_zh"]) for x in zx["theme_roles"]}
    assert ("tencent-yuanbao-compute", "optical modules (core; 45% of orders)", "光模块（核心；45%订单）") in roles
    code, out, _ = _run(capsys, "--db", db, "chain", "--json", "--supplier", "300308.SZ", "--customer", "Tencent")
    (e,) = json.loads(out)
    assert e["note"].startswith("Holds 45%") and e["note_zh"] == "占45%光模块订单（800G/1.6T光模块）"
    code, out, _ = _run(capsys, "--db", db, "themes", "--json")
    t = next(t for t in json.loads(out) if t["id"] == "tencent-yuanbao-compute")
    m = next(m for m in t["members"] if m["ref"] == "300308.SZ")
    assert m["roles_zh"] == ["光模块（核心；45%订单）"]


def test_companies_json_carries_links_and_events_with_their_chinese_notes(tmp_path, capsys):
    db = str(tmp_path / "s.sqlite")
    code, out, _ = _run(capsys, "--db", db, "companies", "--json")
    recs = json.loads(out)
    sea = next(r for r in recs if r["code"] == "002137.SZ")
    assert {"from": "002137.SZ", "to": "liudu-renhe", "relation": "invests_in", "stake_pct": 13.045,
            "note": "SEA Star holds 13.045% of Liudu Renhe", "note_zh": "实益达持有六度人和13.045%股权",
            "argued": False, "report": "002_9ef0a8e84e9da9c7.txt"} in sea["links"]
    zp = next(r for r in recs if r["code"] == "2513.HK")
    offer = next(x for x in zp["events"] if x["kind"] == "offer_price")
    assert offer["value"] == 116.2 and offer["note_zh"] == "IPO发行价每股116.20港元；募资总额超43亿港元。"
    moonshot = next(r for r in recs if r.get("id") == "moonshot")
    assert all(x["note_zh"] for x in moonshot["events"]) and moonshot["links"]
