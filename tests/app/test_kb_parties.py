"""Evidence that shows its claim: every edge, link and membership quote names its parties (issue 9)."""
import json
import shutil
from pathlib import Path

import pytest
from sqlalchemy import select, update

from app import kb as kbmod
from app.cli import run
from app.store import kb_facts_t
from tests.conftest import DATA, SEEDS

REPORT = "reports/002_9ef0a8e84e9da9c7.yaml"


def _data_with(tmp_path, extra: str) -> Path:
    """A copy of the bundled data with ``extra`` YAML entries first in report 002's links."""
    dst = tmp_path / "data"
    shutil.copytree(DATA, dst)
    p = dst / REPORT
    text = p.read_text(encoding="utf-8")
    assert text.count("\nlinks:\n") == 1
    p.write_text(text.replace("\nlinks:\n", "\nlinks:\n" + extra), encoding="utf-8")
    return dst


# A made-up claim: 拓尔思 supplies ByteDance, quoted from a sentence that names only 拓尔思.
FAKE_LINK = """  - from: "300229.SZ"
    to: bytedance
    relation: supplies
    stake_pct: null
    note: made up for the test
    quote: "拓尔思承接30%推理核心算力"
"""


def test_the_bundled_knowledge_base_passes(kb):
    assert kbmod.check_parties(kb) == []
    checks = kbmod.party_checks(kb)
    assert len(checks) == len(kb.edges) + len(kb.links) + len(kb.members)


def test_a_quote_that_does_not_name_a_party_fails_with_file_line_kind_parties_and_quote(tmp_path):
    d = _data_with(tmp_path, FAKE_LINK)
    kb = kbmod.load(d)
    fails = kbmod.check_parties(kb)
    assert len(fails) == 1
    f = fails[0]
    lines = (d / REPORT).read_text(encoding="utf-8").splitlines()
    assert f.file == REPORT and lines[f.line - 1].strip() == '- from: "300229.SZ"'
    assert f.kind == "link" and f.parties == ("300229.SZ", "bytedance") and f.missing == ("bytedance",)
    assert f.quote == "拓尔思承接30%推理核心算力"
    msg = str(f)
    assert f"{REPORT}:{f.line}" in msg and "bytedance" in msg and "拓尔思承接30%推理核心算力" in msg


def test_the_kb_command_lists_the_failure_and_exits_non_zero(tmp_path, capsys):
    d = _data_with(tmp_path, FAKE_LINK)
    code = run(["kb", "--data", str(d), "--seeds", str(tmp_path / "no-seeds")])
    out, err = capsys.readouterr()
    assert code == 1
    assert "quote does not name bytedance" in err and REPORT in err
    assert "edge, link and membership quotes name their parties" in out


def test_a_context_that_names_both_parties_is_accepted(tmp_path):
    extra = FAKE_LINK + '    context: "拓尔思承接30%推理核心算力,字节跳动"\n'
    kb = kbmod.load(_data_with(tmp_path, extra))
    assert kbmod.check_parties(kb) == []
    check = next(c for c in kbmod.party_checks(kb) if c.quote == "拓尔思承接30%推理核心算力"
                 and c.kind == "link")
    assert check.matches[1][2] == "context"


def test_a_context_must_contain_its_quote(tmp_path):
    with pytest.raises(kbmod.KBValidationError, match="context does not contain the quote"):
        kbmod.load(_data_with(tmp_path, FAKE_LINK + '    context: "字节跳动另有其事"\n'))


def test_argued_must_be_true_or_false(tmp_path):
    with pytest.raises(kbmod.KBValidationError, match="argued 'maybe' must be true or false"):
        kbmod.load(_data_with(tmp_path, FAKE_LINK + "    argued: maybe\n"))


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the reports (../shared/seeds) are not beside the project")
def test_a_context_or_section_not_in_the_report_is_reported(tmp_path):
    extra = FAKE_LINK + ('    context: "拓尔思承接30%推理核心算力,字节跳动"\n'
                         '    section: "四、腾讯元宝红包活动核心合作提供商"\n')
    kb = kbmod.load(_data_with(tmp_path, extra))
    problems = kbmod.verify_quotes(kb, SEEDS)
    assert any("context not found verbatim" in p for p in problems)
    assert any("section heading is not a whole line" in p for p in problems)


def _kb_with_links(tmp_path, *links: tuple[str, str, str]) -> kbmod.KnowledgeBase:
    extra = "".join(f"""  - from: {a}
    to: {b}
    relation: owns
    note: test
    quote: "{q}"
""" for a, b, q in links)
    return kbmod.load(_data_with(tmp_path, extra))


def _check(kb, quote):
    return next(c for c in kbmod.party_checks(kb) if c.quote == quote)


def test_a_product_or_subsidiary_names_its_parent_and_verbose_says_so(tmp_path, capsys):
    kb = _kb_with_links(tmp_path, ('"300058.SZ"', '"0700.HK"', "蓝色光标负责元宝活动"))
    c = _check(kb, "蓝色光标负责元宝活动")
    assert c.ok
    name, rule, where = c.matches[1]
    assert name == "元宝" and rule == "via yuanbao → 0700.HK" and where == "quote"
    assert "'元宝' (via yuanbao → 0700.HK, in quote)" in c.explain(kb)


def test_a_child_does_not_name_its_parent_in_a_link_between_them(tmp_path):
    kb = _kb_with_links(tmp_path, ('"9988.HK"', "alibaba-cloud", "阿里云拿下大单"),
                        ("bytedance", "volcano-engine", "火山引擎拿下春晚"))
    # 阿里 inside 阿里云 is not 阿里巴巴; 火山引擎 does not name ByteDance when it is the other party
    assert _check(kb, "阿里云拿下大单").missing == ("9988.HK",)
    assert _check(kb, "火山引擎拿下春晚").missing == ("bytedance",)


def test_traditional_script_and_short_forms(tmp_path):
    kb = _kb_with_links(tmp_path, ('"300781.SZ"', '"0700.HK"', "因賽為騰訊服務"))
    assert _check(kb, "因賽為騰訊服務").ok
    assert kbmod.short_forms("因赛集团") == ["因赛"]
    assert kbmod.short_forms("商湯集團股份有限公司") == ["商汤集团", "商汤"]
    assert kbmod.short_forms("MiniMax-W") == ["minimax"]
    assert kbmod.short_forms("科技") == [] and kbmod.short_forms("中科") == []


def test_membership_needs_the_company_named(tmp_path):
    d = tmp_path / "data"
    shutil.copytree(DATA, d)
    p = d / REPORT
    text = p.read_text(encoding="utf-8").replace(
        "members:\n", 'members:\n  - {theme: tencent-ecosystem, ref: "300229.SZ", role: test, '
                      'quote: "向三大巨头批量供货"}\n', 1)
    p.write_text(text, encoding="utf-8")
    fails = kbmod.check_parties(kbmod.load(d))
    assert [(f.kind, f.parties) for f in fails] == [("member", ("300229.SZ",))]


def test_the_audit_fixes_hold(kb):
    """The claims issue 9's independent read found unsupported stay fixed."""
    bluetrum = [e for e in kb.edges if e.supplier == "688332.SH"]
    assert bluetrum and all(e.share_pct is None for e in bluetrum)
    assert bluetrum[0].figures == {"sole_supplier": True}
    assert not [e for e in kb.edges if e.supplier == "9988.HK" and e.customer == "1810.HK"]
    argued = [e for e in kb.edges if e.argued]
    assert {e.supplier for e in argued} == {"600845.SH", "002137.SZ", "603825.SH", "300657.SZ"}
    assert all(e.status != "core" for e in argued)


def test_argued_and_context_roundtrip_through_the_store_and_old_stores_still_load(desk, kb):
    again = desk.store.load_kb()
    assert [e.argued for e in again.edges] == [e.argued for e in kb.edges]
    assert [x.argued for x in again.links] == [x.argued for x in kb.links]
    assert [x.argued for x in again.members] == [x.argued for x in kb.members]
    assert [e.evidence for e in again.edges] == [e.evidence for e in kb.edges]
    assert any(e.argued for e in again.edges) and any(e.evidence.context for e in again.edges)
    assert any(e.evidence.section for e in again.edges)
    # A store written before these fields existed: payloads without argued / context / section.
    with desk.store.write() as conn:
        for row in conn.execute(select(kb_facts_t.c.id, kb_facts_t.c.payload)).all():
            data = json.loads(row.payload)
            data.pop("argued", None)
            if isinstance(data.get("evidence"), dict):
                data["evidence"].pop("context", None)
                data["evidence"].pop("section", None)
            conn.execute(update(kb_facts_t).where(kb_facts_t.c.id == row.id)
                         .values(payload=json.dumps(data, ensure_ascii=False)))
    old = desk.store.load_kb()
    assert len(old.edges) == len(kb.edges)
    assert not any(e.argued for e in old.edges) and not any(e.evidence.context for e in old.edges)
    assert [e.evidence.quote for e in old.edges] == [e.evidence.quote for e in kb.edges]


def test_party_namer_for_ingestion(kb):
    namer = kbmod.PartyNamer(kb)
    assert namer.named("0700.HK", "蓝色光标负责元宝活动") == ("元宝", "via yuanbao → 0700.HK")
    assert namer.named("9988.HK", "阿里云拿下大单") == ("阿里云", "via alibaba-cloud → 9988.HK")
    assert namer.named("9988.HK", "阿里云拿下大单", others=("alibaba-cloud",)) is None
    assert namer.named("0700.HK", "騰訊控股公布业绩") == ("腾讯控股", "name")
    assert namer.named("bytedance", "抖音集團") == ("抖音集团", "alias")
