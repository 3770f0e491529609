"""A text that is a part of a report the desk has (its first pages, an excerpt, the other script, other
line breaks) is recognised and said so in the duplicate banner; a new report quoting a sentence or two of
a known one is not."""
import re

import pytest

from app.ingest.apply import ApplyError, apply
from app.ingest.pipeline import analyse, analyse_file
from app.text import to_hans
from tests.app.ingest.conftest import SEEDS

SEED_003 = "003_e0258e1319e7f3ad.txt"
needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="the reports (../shared/seeds) are not beside the project")


@pytest.fixture
def desk(tmp_path):
    from app.services import Desk

    d = Desk.open(tmp_path / "s.sqlite")
    yield d
    d.store.close()


@pytest.fixture
def seeds_at_hand(monkeypatch):
    monkeypatch.setenv("CHAINWATCH_SEEDS", str(SEEDS))


@pytest.fixture
def no_seeds(monkeypatch, tmp_path):
    monkeypatch.setenv("CHAINWATCH_SEEDS", str(tmp_path / "no-such-folder"))


def seed(name: str = SEED_003) -> str:
    return (SEEDS / name).read_text(encoding="utf-8")


def part_of(p, file=SEED_003):
    dup = p.duplicate_of
    assert dup is not None and dup["file"] == file, dup
    assert dup["part"] == "sentences"
    assert p.warnings[0].startswith("already in the desk: this text is part of the report")
    assert f"{dup['matched']} of its {dup['of']} sentences are in that report" in p.warnings[0]
    assert dup["matched"] >= 0.6 * dup["of"]
    return dup


@needs_seeds
def test_the_first_pages_of_a_known_report(desk, seeds_at_hand):
    part_of(analyse(desk, seed()[:3000]))


@needs_seeds
def test_a_middle_excerpt_with_other_line_breaks_and_spaces(desk, seeds_at_hand):
    """As a PDF gives it back: a line break every 37 characters, spaces around the punctuation."""
    mid = seed()[8000:11000]
    pdfish = "\n".join(mid[i:i + 37] for i in range(0, len(mid), 37)).replace("，", " ， ").replace("。", "。 \n")
    part_of(analyse(desk, pdfish))


@needs_seeds
def test_a_copy_in_the_other_script(desk, seeds_at_hand):
    part_of(analyse(desk, to_hans(seed()[3000:6000])))


@needs_seeds
def test_the_first_pages_as_a_pdf(desk, seeds_at_hand, qapp, tmp_path):
    from tests.app.ingest import pdfgen as g

    head = seed()[:3000]
    paras = [x for x in head.split("\n") if x.strip()]
    path = g.make_pdf(tmp_path / "comic_digest.pdf", [g.Page(paragraphs=paras[i:i + 2], header=False)
                                                        for i in range(0, len(paras), 2)], title="")
    p = analyse_file(desk, path)
    part_of(p)
    with pytest.raises(ApplyError, match="this text is part of the report"):
        apply(desk, p, defaults=True)          # applying it would count the evidence twice


def _new_report(quoted: list[str]) -> str:
    own = ["华泰证券 传媒行业点评：AI漫剧赛道跟踪", "分析师：王明", "报告日期：2026年3月2日",
           "本周AI漫剧行业继续升温，多家平台上线春节后新作，产能释放明显。",
           "我们认为平台之间的竞争将进一步加剧，内容质量成为新的分水岭。",
           "工具层面的迭代降低了制作门槛，中小工作室的数量仍在快速增长。",
           "建议关注具备IP储备与分发渠道的公司，以及模型调用量提升带来的算力需求。",
           "风险提示：行业监管趋严，内容同质化，付费转化不及预期。"]
    return "\n".join(own[:4] + [q + "。" for q in quoted] + own[4:])


@needs_seeds
@pytest.mark.parametrize("n", [1, 2])
def test_a_new_report_quoting_a_sentence_or_two_is_no_copy(desk, seeds_at_hand, n):
    sents = [x for x in re.split("。", seed()[3000:8000]) if len(x) > 20][2:2 + n]
    text = _new_report(sents)
    assert all(s in seed() for s in sents)
    p = analyse(desk, text)
    assert p.duplicate_of is None and not any("already in the desk" in w for w in p.warnings)


@needs_seeds
def test_without_the_report_files_its_quotes_still_tell(desk, no_seeds):
    """The bundled reports' texts are not at hand: many sentences holding one report's quotes say it."""
    p = analyse(desk, seed()[:3000])
    dup = p.duplicate_of
    assert dup is not None and dup["file"] == SEED_003 and dup["part"] == "quotes"
    assert "looks like part of the report" in p.warnings[0]
    sents = [x for x in re.split("。", seed()[3000:8000]) if len(x) > 20][2:4]
    assert analyse(desk, _new_report(sents)).duplicate_of is None


@needs_seeds
def test_a_report_read_from_its_file_after_its_pinyin_readings_are_stripped(desk, no_seeds):
    """Report 004 carries "戰(zhàn)略" readings that reading the file removes: still the same report."""
    p = analyse_file(desk, SEEDS / "004_dc96805ff2e0800f.txt")
    assert p.duplicate_of is not None and p.duplicate_of["file"] == "004_dc96805ff2e0800f.txt"
    assert "this is the report" in p.warnings[0]


ADDED = ("2026年11月3日 某证券 AI算力周报\n"
         "浪潮信息为腾讯控股提供AI服务器，份额约40%，交付节奏快于市场预期。\n"
         "中际旭创为阿里巴巴供应800G光模块，是其核心供应商之一。\n"
         "英维克为字节跳动数据中心提供液冷方案，新一代冷板产品已经批量出货。\n"
         "工业富联为腾讯控股提供AI服务器整机柜，产能利用率维持在高位。\n"
         "新易盛获得字节跳动光模块订单，高速率产品占比持续提升。\n"
         "我们认为算力链公司业绩仍将保持较快增长，估值具备进一步提升空间。\n"
         "风险提示：AI资本开支不及预期，行业竞争加剧，海外政策变化。\n")


def test_a_part_of_a_report_the_user_added(desk, no_seeds):
    apply(desk, analyse(desk, ADDED, meta={"title": "AI算力周报", "publisher": "某证券", "date": "2026-11-03"}),
          defaults=True)
    part = "\n\n".join(ADDED.splitlines()[2:6])
    dup = part_of(analyse(desk, part), file=next(k for k in desk.kb.reports if k.startswith("user-")))
    assert dup["matched"] == dup["of"] == 4
