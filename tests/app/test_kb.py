import csv
import shutil
from pathlib import Path

import pytest

from app import kb as kbmod
from app.codes import parse
from app.text import fold
from tests.conftest import DATA, ROOT, SEEDS


def test_bundled_kb_loads_with_content(kb):
    assert len(kb.reports) == 5
    assert len(kb.companies) >= 60
    assert len(kb.edges) >= 60
    assert {"tencent-yuanbao-compute", "tencent-yuanbao-marketing", "ai-comic-drama", "hk-llm-ipo",
            "domestic-compute", "bytedance-ecosystem", "alibaba-ecosystem"} <= set(kb.themes)
    for name in ("llm_vendors", "minimax_revenue_forecast", "zhipu_revenue_by_industry",
                 "token_volumes", "hk_llm_listings", "model_call_share"):
        assert kb.figures[name].rows, name


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the reports (../shared/seeds) are not beside the project")
def test_every_quote_is_verbatim(kb):
    problems = kbmod.verify_quotes(kb, SEEDS)
    assert problems == []
    assert sum(1 for _ in kb.all_quotes()) > 500


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the reports are not beside the project")
def test_project_does_not_contain_report_text():
    """No file in the project carries a long run of any report's text."""
    texts = [p.read_text(encoding="utf-8") for p in SEEDS.glob("0*.txt")]
    windows = set()
    for t in texts:
        flat = "".join(t.split())
        for i in range(0, max(0, len(flat) - 300), 150):
            windows.add(flat[i:i + 300])
    for p in list(ROOT.glob("data/**/*")) + list(ROOT.glob("app/**/*.py")):
        if p.is_file() and p.suffix in (".yaml", ".csv", ".py", ".md", ".json"):
            flat = "".join(p.read_text(encoding="utf-8").split())
            assert not any(w in flat for w in windows), f"{p} contains report text"


def test_known_supplier_facts(kb):
    inspur = kb.chain(customer="tencent", supplier="浪潮信息")
    assert inspur and inspur[0].share_pct == 50 and inspur[0].share_qualifier == ">"
    assert inspur[0].status == "core" and inspur[0].segment == "ai_servers"
    innolight = kb.chain(customer="0700.HK", supplier="300308")
    assert innolight[0].share_pct == 45
    assert kb.reports[innolight[0].evidence.report].ai_compiled is True
    # Traditional and Simplified names resolve to the same company
    assert kb.resolve("中際旭創") == kb.resolve("中际旭创") == "300308.SZ"
    assert kb.resolve("騰訊") == "0700.HK"
    assert kb.resolve("bytedance") == "bytedance"


def test_codes_are_canonical_and_a_shares_exist_in_universe(kb):
    universe = {r["ts_code"]: r["name"] for r in csv.DictReader(open(DATA / "a_share_universe.csv", encoding="utf-8"))}
    for c in kb.companies.values():
        for code in c.codes:
            assert parse(code).code == code
            if parse(code).is_a_share:
                assert code in universe, code
                uname = universe[code]
                names = {fold(n) for n in (c.name_zh_hans, *c.aliases)}
                assert fold(uname) in names or fold(uname).replace("-u", "") in names or \
                    any(n in fold(uname) for n in names), (code, uname, c.name_zh_hans)


def test_report_names_every_expected_hk_and_a_listing(kb):
    listed = set(kb.listed_codes())
    expected = {"0700.HK", "9988.HK", "2513.HK", "0100.HK", "1024.HK", "9888.HK", "1810.HK", "9626.HK",
                "000977.SZ", "603296.SH", "300308.SZ", "301165.SZ", "300229.SZ", "002837.SZ", "688256.SH",
                "688041.SH", "300058.SZ", "000063.SZ", "601360.SH", "002432.SZ"}
    assert expected <= listed
    assert kb.company("0763.HK") is kb.company("000063.SZ")  # A + H is one company


def _copy_data(tmp_path) -> Path:
    dst = tmp_path / "data"
    shutil.copytree(DATA, dst)
    return dst


def test_bad_yaml_names_file_and_line(tmp_path):
    d = _copy_data(tmp_path)
    p = d / "reports" / "002_9ef0a8e84e9da9c7.yaml"
    lines = p.read_text(encoding="utf-8").splitlines()
    lines[5] = lines[5] + " : : ["
    p.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(kbmod.KBValidationError) as e:
        kbmod.load(d)
    assert "reports/002_9ef0a8e84e9da9c7.yaml:" in str(e.value)
    assert "YAML syntax" in str(e.value)


def test_semantic_errors_name_file_line_and_problem(tmp_path):
    d = _copy_data(tmp_path)
    p = d / "reports" / "002_9ef0a8e84e9da9c7.yaml"
    text = p.read_text(encoding="utf-8")
    text = text.replace("segment: ai_servers", "segment: ai_toasters", 1)
    text = text.replace("supplier: \"300308.SZ\"", "supplier: \"300308.SH\"", 1)
    p.write_text(text, encoding="utf-8")
    with pytest.raises(kbmod.KBValidationError) as e:
        kbmod.load(d)
    msg = str(e.value)
    assert "unknown segment 'ai_toasters'" in msg
    line = next(i for i, ln in enumerate(text.splitlines(), 1) if "ai_toasters" in ln)
    assert any(err.file.endswith("002_9ef0a8e84e9da9c7.yaml") and err.line and abs(err.line - line) <= 12
               for err in e.value.errors)


def test_bad_figure_row_is_reported(tmp_path):
    d = _copy_data(tmp_path)
    p = d / "figures" / "model_call_share.csv"
    p.write_text(p.read_text(encoding="utf-8") + "x,y,1,2,3,no_such_report.txt,q\n", encoding="utf-8")
    with pytest.raises(kbmod.KBValidationError) as e:
        kbmod.load(d)
    assert any(err.file == "figures/model_call_share.csv" and err.line for err in e.value.errors)


def test_missing_quote_is_an_error(tmp_path):
    d = _copy_data(tmp_path)
    p = d / "reports" / "000_3588441407189b7d.yaml"
    import yaml
    doc = yaml.safe_load(p.read_text(encoding="utf-8"))
    doc["mentions"][0]["quote"] = ""
    p.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    with pytest.raises(kbmod.KBValidationError, match="quote is missing"):
        kbmod.load(d)


def test_evidence_and_chain_role(kb):
    ev = kb.evidence_for("000977.SZ")
    assert any(kind == "supplies" for kind, _, _ in ev)
    assert "AI servers → 腾讯控股 >50%" in kb.chain_role("000977.SZ", "hans")
    assert "0700.HK" in kb.theme_members("tencent-ecosystem") or kb.theme_members("tencent-yuanbao-compute")


def test_unknown_key_is_an_error_naming_file_and_line(tmp_path):
    d = _copy_data(tmp_path)
    p = d / "reports" / "002_9ef0a8e84e9da9c7.yaml"
    text = p.read_text(encoding="utf-8").replace("    share_pct:", "    share_pcnt:", 1)
    p.write_text(text, encoding="utf-8")
    with pytest.raises(kbmod.KBValidationError) as e:
        kbmod.load(d)
    err = next(x for x in e.value.errors if "share_pcnt" in x.message)
    assert err.file == "reports/002_9ef0a8e84e9da9c7.yaml" and err.line
    assert "unknown key(s) share_pcnt in edges" in err.message


def test_month_precision_events_keep_their_precision(kb):
    assert any(e.date_precision == "month" for e in kb.events)


def test_a_share_says_what_it_is_a_share_of(kb):
    """浪潮信息 gives Yuanbao >50 % of its compute, 锐捷网络 holds >50 % of the switch market: neither
    is a share of orders, and the Evidence header must not say so."""
    def edge(sup):
        return next(e for e in kb.chain(customer="0700.HK") if e.supplier == sup and e.share_pct is not None)

    assert edge("000977.SZ").share_of == "compute" and "算力" in edge("000977.SZ").evidence.quote
    assert edge("301165.SZ").share_of == "market" and "市场份额" in edge("301165.SZ").evidence.quote
    assert edge("300308.SZ").share_of == "orders" and "订单" in edge("300308.SZ").evidence.quote
    for e in kb.edges:   # every stated share says what it is of, in words the quote carries
        if e.share_pct is not None:
            assert e.share_of in ("orders", "market", "revenue", "compute"), (e.supplier, e.customer)
            word = {"orders": "订单", "market": "市场", "revenue": "收入", "compute": "算力"}[e.share_of]
            assert word in e.evidence.quote + e.evidence.context, (e.supplier, e.customer)


def test_every_theme_is_described_in_chinese_and_english():
    """The Chinese interface shows a theme's description in Chinese (Traditional by conversion)."""
    from app.kb import load

    kb = load()
    for t in kb.themes.values():
        assert t.description and t.description_zh, t.id
        assert t.describe("en") == t.description
        assert t.describe("hans") == t.description_zh
    t = kb.themes["tencent-yuanbao-compute"]
    assert "算力供应商" in t.describe("hans") and "算力供應商" in t.describe("hant")


def test_a_reports_own_publisher_is_not_a_company_it_names(kb):
    """Guosen signs report 001 ("本报告由国信证券股份有限公司…"): the registry knows it (ingestion must
    tell it apart), but no report names it as a company, so the desk's report list leaves it out."""
    assert "002736.SZ" in kb.companies
    assert not kb.reports_of("002736.SZ")
    named = {c.code for c in kb.companies_in_reports()}
    assert "002736.SZ" not in named and "300308.SZ" in named
    assert len(named) == len(kb.companies) - 1


def _zh_check():
    from tools.check_kb_zh import check, check_pair, report_texts

    return check, check_pair, report_texts


def test_every_role_and_note_has_a_chinese_version(kb):
    """The Chinese interface shows a member's role and an edge's note in Chinese (Traditional by conversion)."""
    for m in kb.members:
        assert m.role and m.role_zh, (m.theme, m.ref)
        assert m.describe("en") == m.role and m.describe("hans") == m.role_zh
    for e in kb.edges:
        assert e.note and e.note_zh, (e.supplier, e.customer)
        assert e.describe("en") == e.note and e.describe("hans") == e.note_zh
    m = next(m for m in kb.members if m.ref == "300308.SZ" and m.theme == "tencent-yuanbao-compute")
    assert m.describe("en") == "optical modules (core; 45% of orders)"
    assert m.describe("hans") == "光模块（核心；45%订单）" and m.describe("hant") == "光模塊（核心；45%訂單）"
    e = next(e for e in kb.edges if e.supplier == "300308.SZ" and e.customer == "0700.HK")
    assert "45%光模块订单" in e.describe("hans") and "45%光模塊訂單" in e.describe("hant")


def test_chinese_roles_and_notes_keep_every_number_and_hedge(kb):
    """tools/check_kb_zh.py: the same numbers as the English (no conversion of our own), hedges kept."""
    check, _, report_texts = _zh_check()
    assert check(kb, report_texts(SEEDS)) == []
    # Without the reports the knowledge base's own quotes and contexts must carry every magnitude of the roles
    # and edge notes; a link's or event's note may give a figure its report states outside the quote (7300万).
    alone = check(kb)
    assert all((": link note " in p or ": event note " in p) and "not the report's own form" in p
               for p in alone), alone
    assert not [p for p in alone if ": role " in p or ": note " in p]


def test_the_chinese_check_catches_a_changed_number_a_conversion_and_a_lost_hedge():
    _, check_pair, _ = _zh_check()
    src = ["腾讯以元宝10亿现金红包活动为核心抓手"]
    assert check_pair("Yuanbao 1 bn red packets", "元宝10亿红包", False, src) == []
    assert any("numbers differ" in p for p in check_pair("optical modules (45% of orders)", "光模块（40%订单）",
                                                         False, src))
    assert any("numbers differ" in p for p in check_pair("45% of orders", "45订单", False, src))   # % lost
    assert any("not the report's own form" in p   # a conversion of our own: the report says 1.3億, not 13000万
               for p in check_pair("130 m users", "13000万用户", False, ["超过1.3億人"]))
    assert check_pair("130 m users", "1.3亿用户", False, ["超过1.3億人"]) == []
    assert check_pair("Listed 2026-01-08, Jan 2026", "2026年1月8日上市，2026年1月", False, []) == []
    assert check_pair("covers 30-100% of costs", "覆盖30%至100%成本", False, []) == []
    assert any("states it as a fact" in p for p in check_pair("IDC operation (potential)", "IDC运营", True, []))
    assert any("stated, not argued" in p for p in check_pair("IDC operation", "IDC运营（潜在）", False, []))
    assert check_pair("Alibaba to support its listing", "据市场消息，阿里将支持其上市", True, []) == []
    assert any("核心" in p for p in check_pair("AI servers (core)", "AI服务器", False, []))
    assert any("独家" in p for p in check_pair("partner", "独家伙伴", False, []))
    assert any("Simplified" in p for p in check_pair("optical modules", "光模塊", False, []))
    assert check_pair("optical modules", "", False, []) == ["no Chinese version"]


def test_every_link_and_event_note_has_a_chinese_version(kb):
    """Links (stakes, partnerships, ownership) and events carry note_zh too; describe(script) picks it."""
    assert len(kb.links) >= 80 and len(kb.events) >= 61
    for x in (*kb.links, *kb.events):
        assert x.note and x.note_zh, x
        assert x.describe("en") == x.note and x.describe("hans") == x.note_zh
    link = next(x for x in kb.links if x.source == "002137.SZ" and x.target == "liudu-renhe")
    assert link.describe("hans") == "实益达持有六度人和13.045%股权"
    assert link.describe("hant") == "實益達持有六度人和13.045%股權"
    ev = next(x for x in kb.events if x.ref == "2513.HK" and x.kind == "offer_price")
    assert ev.describe("hans") == "IPO发行价每股116.20港元；募资总额超43亿港元。"
    rumour = next(x for x in kb.events if x.ref == "moonshot" and x.date.isoformat() == "2025-12-11")
    assert rumour.describe("hans").startswith("据市场消息")   # a market report stays a market report


def test_the_chinese_check_covers_link_and_event_notes(kb):
    """A changed figure in a link's or an event's note_zh is caught, with its file and line."""
    import dataclasses

    check, check_pair, _ = _zh_check()
    i = next(i for i, x in enumerate(kb.links) if x.stake_pct == 13.045)
    j = next(j for j, x in enumerate(kb.events) if x.kind == "offer_price")
    link, ev = kb.links[i], kb.events[j]
    bad_link = dataclasses.replace(link, note_zh="实益达持有六度人和13%股权")
    bad_ev = dataclasses.replace(ev, note_zh="IPO发行价每股116.20港元")
    kb.origins[id(bad_link)] = kb.origins[id(link)]
    kb.origins[id(bad_ev)] = kb.origins[id(ev)]
    kb.links[i], kb.events[j] = bad_link, bad_ev
    try:
        problems = check(kb, _zh_check()[2](SEEDS))
    finally:
        kb.links[i], kb.events[j] = link, ev
    assert len(problems) == 2, problems
    assert problems[0].startswith("reports/002_") and "link note" in problems[0] and "numbers differ" in problems[0]
    assert "event note" in problems[1] and "numbers differ" in problems[1]
    # the forms the event notes needed: a range with a magnitude, 'tn', and a market report as a hedge
    assert check_pair("next round at USD 10-12 bn valuation", "下一轮估值100亿—120亿美元", False,
                      ["估值100億—120億美元"]) == []
    assert check_pair(">1 tn params", "超1万亿参数", False, ["总参数超1万亿"]) == []
    assert any("states it as a fact" in p for p in check_pair("market reports that Moonshot is exploring a listing",
                                                             "月之暗面正在探索上市", False, []))
