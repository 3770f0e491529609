"""The report's own publisher (the broker in the masthead, its boilerplate) is not a company mention."""
import pytest

from app.ingest.extract import ExtractedText
from app.ingest.pipeline import analyse, analyse_extracted
from tests.app.ingest.conftest import SEEDS


@pytest.fixture(scope="module")
def desk(tmp_path_factory):
    from app.services import Desk

    d = Desk.open(tmp_path_factory.mktemp("publisher") / "s.sqlite")
    yield d
    d.store.close()


HUATAI = ("华泰证券 电子行业点评：光模块与算力服务器订单跟踪\n"
          "分析师：王明，李华\n"
          "报告日期：2026年11月20日\n"
          "投资评级：增持（维持）\n"
          "核心观点：阿里巴巴与字节跳动加大AI资本开支，上游光模块与服务器厂商订单饱满。\n"
          "1. 光模块：新易盛获得字节跳动800G光模块订单，份额约35%；中际旭创继续为阿里巴巴核心供应商，"
          "占其光模块采购约40%。\n"
          "2. AI服务器：工业富联为腾讯控股提供AI服务器，浪潮信息为字节跳动供应AI服务器。\n"
          "3. 液冷：英维克为阿里巴巴数据中心提供液冷方案。\n"
          "推荐关注：中际旭创（300308.SZ）、新易盛（300502.SZ）、工业富联（601138.SH）、腾讯控股（0700.HK）。\n"
          "风险提示：AI资本开支不及预期。")


def _huatai(p):
    return next(c for c in p.companies if c.ref == "601688.SH")


def test_the_publisher_in_the_header_is_weak_and_says_why(desk):
    p = analyse(desk, HUATAI)
    c = _huatai(p)
    assert c.weak and c.confidence < 0.6 and "the report's publisher" in c.reason
    assert all(m.weak for m in c.mentions)
    strong = {c.ref for c in p.companies if not c.weak}
    assert strong >= {"300308.SZ", "300502.SZ", "601138.SH", "0700.HK", "9988.HK", "000977.SZ"}


def test_the_publisher_from_the_metadata(desk):
    """From a file: the publisher :func:`propose_meta` found (or the user typed) decides."""
    ex = ExtractedText(text=HUATAI, source="newnote.pdf", format="pdf", pages=1)
    p = analyse_extracted(desk, ex)
    assert p.report["publisher"] == "华泰证券" and _huatai(p).weak
    # the user says the note is someone else's: Huatai named in it is a company again
    p = analyse_extracted(desk, ex, overrides={"publisher": "国信证券"})
    assert not _huatai(p).weak


def test_the_publisher_listed_as_a_stock_with_its_code_is_kept(desk):
    text = ("华泰证券 非银金融行业周报：券商财富管理转型\n分析师：王明\n"
            "推荐关注：中信证券（600030.SH）、华泰证券（601688.SH）。")
    c = _huatai(analyse(desk, text))
    assert not c.weak
    assert any(m.weak for m in c.mentions) and any(not m.weak for m in c.mentions)


def test_a_broker_a_news_article_quotes_is_not_its_publisher(desk):
    text = ("（证券时报）腾讯控股发布财报，游戏业务收入增长。据悉，中际旭创为腾讯提供光模块。"
            "华泰证券分析师认为，这是行业拐点。" * 1)
    p = analyse(desk, text, meta={"publisher": "证券时报"})
    assert all("publisher" not in c.reason for c in p.companies)


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the reports (../shared/seeds) are not beside the project")
def test_guosen_is_the_publisher_of_report_001(desk):
    text = (SEEDS / "001_020c61aeadceab97.txt").read_text(encoding="utf-8")
    p = analyse(desk, text)
    c = next(c for c in p.companies if c.ref == "002736.SZ")
    assert c.weak and "the report's publisher" in c.reason


def test_a_product_whose_name_holds_a_hubs_name_is_itself(desk):
    """微信讀書 (WeChat Read) is its own Tencent product, not WeChat: the longer name wins, in both scripts."""
    for text in ("騰訊通過閱文集團、QQ閱讀、微信讀書已經積累海量IP。", "腾讯通过阅文集团、QQ阅读、微信读书已经积累海量IP。"):
        p = analyse(desk, text, source="x.txt", fmt="txt")
        refs = {c.ref for c in p.companies}
        assert "wechat-read" in refs and "wechat" not in refs, refs
