"""Finding the parties a text names: names in both scripts and every code dialect, and the traps."""
import pytest

from app.ingest.finder import NameIndex, find_mentions


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    from app.services import Desk

    desk = Desk.open(tmp_path_factory.mktemp("finder") / "s.sqlite")
    return NameIndex.build(desk.kb, desk.universe.by_code.values())


def refs(text, index, weak=False):
    found, _ = find_mentions(text, index)
    return [m.ref for m in found if weak or not m.weak]


def one(text, index):
    found, unresolved = find_mentions(text, index)
    return found, unresolved


def test_names_in_both_scripts_and_taiwan_phrasing(index):
    assert refs("騰訊控股與阿里巴巴", index) == ["0700.HK", "9988.HK"]
    assert refs("浪潮資訊發布新品", index) == ["000977.SZ"]       # 信息 -> 資訊 (Taiwan phrasing)
    assert refs("中文線上公告", index) == ["300364.SZ"]           # 在线 -> 線上


def test_universe_name_the_kb_does_not_know(index):
    found, _ = one("科大讯飞发布星火大模型", index)
    assert [(m.ref, m.weak) for m in found] == [("002230.SZ", False)]
    assert "universe" in found[0].reason


def test_exchange_decorations(index):
    # 寒武纪-U is the exchange's short name; the finder strips -U/-W/-SW and ST prefixes for universe names
    assert refs("寒武纪-U今日上涨", index) == ["688256.SH"]


@pytest.mark.parametrize("text, code", [
    ("中际旭创（300308.SZ）", "300308.SZ"), ("智谱(02513.HK)", "2513.HK"), ("中际旭创 SZ300308", "300308.SZ"),
    ("港股00700", "0700.HK"), ("腾讯 700 HK", "0700.HK"), ("浪潮信息(000977)", "000977.SZ"),
    ("股票代码：300308", "300308.SZ"),
])
def test_codes_in_every_dialect_beside_a_name_are_one_mention(index, text, code):
    found, unresolved = one(text, index)
    assert [m.ref for m in found] == [code], (found, unresolved)
    assert not unresolved


def test_name_and_code_together_are_one_confirmed_mention(index):
    found, _ = one("浪潮信息（000977.SZ）为元宝提供算力", index)
    first = found[0]
    assert first.kind == "name+code" and first.ref == "000977.SZ" and first.confidence > 0.95
    assert first.surface == "浪潮信息（000977.SZ）"


def test_name_and_code_that_disagree_are_flagged_never_guessed(index):
    # 000700.SZ is 模塑科技, not Tencent: the user decides
    found, unresolved = one("腾讯控股(000700.SZ)发布财报", index)
    assert all(m.ref != "000700.SZ" for m in found)
    flagged = [m for m in unresolved if m.kind == "name+code"]
    assert flagged and flagged[0].weak and set(flagged[0].candidates) >= {"0700.HK", "000700.SZ"}


def test_bare_numbers_in_running_text_are_not_codes(index):
    found, unresolved = one("腾讯全年营收 6600 亿元，同比增长 8%，2025 年净利润 1940 亿元。", index)
    assert [m.ref for m in found] == ["0700.HK"]
    assert not unresolved


def test_index_is_not_the_company(index):
    assert "600570.SH" not in refs("香港市场以恒生指数（HSI.HI）作为基准", index, weak=True)


def test_data_vendor_cited_as_source_is_not_a_mention(index):
    assert refs("数据来源：同花顺iFinD，国信证券经济研究所整理", index) == []
    assert refs("东方财富Choice数据显示，成交额放大", index) == []
    assert refs("同花顺发布问财大模型", index) == ["300033.SZ"]   # named as a company, it is one


def test_short_names_that_are_words_are_weak(index):
    found, _ = one("该模型具有很强的吸引力，浪潮裡的人们", index)   # 引力 (gravity), 浪潮 (wave)
    assert all(m.weak for m in found)
    found, _ = one("浪潮信息为字节提供服务器；浪潮同时服务阿里", index)   # confirmed by the full name
    assert [m.ref for m in found if not m.weak].count("000977.SZ") == 2


def test_ordinary_word_listed_names_are_weak(index):
    found, _ = one("人形机器人与太阳能产业", index)
    assert found and all(m.weak for m in found)


def test_english_names_need_word_boundaries(index):
    assert "ant-group" not in refs("This is an important agent market", index, weak=True)
    assert refs("依托微信/QQ14亿用户", index).count("qq") == 1


def test_longest_match_wins(index):
    assert refs("腾讯云发布新品", index) == ["tencent-cloud"]
    assert refs("阿里云与火山引擎", index) == ["alibaba-cloud", "volcano-engine"]


def test_offsets_are_exact_in_traditional_text(index):
    text = "據悉，阿裡巴巴旗下高德地圖已正式啟動世界模型佈局"
    found, _ = one(text, index)
    for m in found:
        assert text[m.start:m.end] == m.surface
    assert "9988.HK" in [m.ref for m in found]


def test_three_character_name_cut_out_of_a_longer_word_is_weak(index):
    found, _ = one("一位资深科技记者表示", index)   # 深科技 (000021.SZ) inside 资深科技
    assert all(m.weak for m in found if m.ref == "000021.SZ")
    assert refs("深科技发布公告", index) == ["000021.SZ"]
