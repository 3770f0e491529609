"""Proposals from sentences: edges with segment, status and the figures stated; links; themes."""
import pytest

from app.ingest.pipeline import analyse


@pytest.fixture(scope="module")
def desk(tmp_path_factory):
    from app.services import Desk

    d = Desk.open(tmp_path_factory.mktemp("propose") / "s.sqlite")
    yield d
    d.store.close()


def edges(desk, text, **kw):
    p = analyse(desk, text)
    for e in p.edges:
        assert p.text[e.start:e.end] == e.quote          # every quote is the text, verbatim
        assert not e.context or e.context in p.text
    return p, {(e.supplier, e.customer): e for e in p.edges}


def test_share_of_orders_stated_with_its_qualifier(desk):
    _, es = edges(desk, "浪潮信息为腾讯提供超50%的AI服务器订单，中际旭创独占腾讯45%光模块订单。")
    e = es[("000977.SZ", "0700.HK")]
    assert (e.segment, e.share_pct, e.share_qualifier, e.share_of) == ("ai_servers", 50, ">", "orders")
    e = es[("300308.SZ", "0700.HK")]
    assert (e.segment, e.share_pct, e.share_qualifier, e.share_of) == ("optical_modules", 45, "=", "orders")


def test_customer_from_the_heading_says_so(desk):
    text = "四、腾讯元宝核心合作提供商\n1. 光模块：中际旭创独占45%光模块订单,其800G光模块实现高速传输。\n"
    p, es = edges(desk, text)
    e = es[("300308.SZ", "0700.HK")]
    assert e.section.startswith("四、腾讯元宝")
    assert "heading" in e.reason and e.status == "core"


def test_sole_supplier_is_never_100_percent(desk):
    _, es = edges(desk, "中科蓝讯为豆包AI耳机唯一芯片供应商。")
    e = es[("688332.SH", "bytedance")]
    assert e.share_pct is None and e.figures.get("sole_supplier") is True
    assert e.segment == "chips"


def test_speculation_is_argued_and_potential(desk):
    _, es = edges(desk, "我们认为寒武纪有望成为字节跳动的核心芯片供应商。")
    e = es[("688256.SH", "bytedance")]
    assert e.argued and e.status == "potential" and "argued" in e.reason
    assert e.confidence < 0.6        # never applied by default


def test_a_combined_share_is_not_given_to_each(desk):
    _, es = edges(desk, "1. AI服务器：浪潮信息、华勤技术为腾讯核心供应商，分食超80%订单。")
    for key in (("000977.SZ", "0700.HK"), ("603296.SH", "0700.HK")):
        assert es[key].share_pct is None and es[key].figures.get("combined_share_pct") == 80


def test_no_supply_wording_no_edge(desk):
    _, es = edges(desk, "浪潮信息与腾讯控股今日股价均上涨。")
    assert not es


def test_the_hub_supplies_a_model_to_who_takes_it(desk):
    _, es = edges(desk, "掌阅科技推出AI漫剧平台，全面接入豆包大模型。")
    assert ("bytedance", "603533.SH") in es and es[("bytedance", "603533.SH")].segment == "model_api"


def test_investment_and_stake_links(desk):
    p = analyse(desk, "月之暗面完成新一轮融资，阿里巴巴领投、腾讯跟投。实益达持有六度人和13.045%股权。"
                      "阿里巴巴旗下高德地图发布世界模型。")
    got = {(x.source, x.target, x.relation, x.stake_pct) for x in p.links}
    assert ("9988.HK", "moonshot", "invests_in", None) in got
    assert ("0700.HK", "moonshot", "invests_in", None) in got
    assert ("002137.SZ", "liudu-renhe", "invests_in", 13.045) in got
    assert ("amap", "9988.HK", "subsidiary_of", None) in got
    for x in p.links:
        assert p.text[x.start:x.end] == x.quote


def test_disclaimer_sentences_claim_nothing(desk):
    p = analyse(desk, "本报告提及的A股上市公司仅为产业分析标的，基于其与腾讯、字节的合作关系，不构成投资建议。")
    assert not p.edges and not p.links


def test_new_theme_from_a_heading_and_existing_theme_match(desk):
    text = ("一、液冷散热产业链全景\n英维克为腾讯提供液冷散热方案。科华数据为腾讯提供UPS电源。"
            "申菱环境为字节跳动数据中心提供液冷设备。高澜股份为阿里巴巴提供液冷板。\n")
    p = analyse(desk, text)
    new = [t for t in p.themes if t.new]
    assert new and new[0].title_zh == "液冷散热产业链全景"
    assert {m.ref for m in new[0].members} >= {"002837.SZ", "002335.SZ"}
    for t in p.themes:
        for m in t.members:
            assert p.text[m.start:m.end] == m.quote


def test_json_shape(desk):
    p = analyse(desk, "中际旭创（300308.SZ）独占腾讯45%光模块订单。", meta={"title": "T"})
    j = p.to_json()
    assert set(j) >= {"report", "companies", "edges", "links", "themes"}
    c = next(c for c in j["companies"] if c["code"] == "300308.SZ")
    assert {"code", "name", "mentions", "confidence"} <= set(c)
    m = c["mentions"][0]
    assert p.text[m["start"]:m["end"]] == m["quote"]
    e = j["edges"][0]
    assert {"supplier", "customer", "segment", "status", "share_pct", "share_of", "quote", "confidence"} <= set(e)
    assert e["share_of"] == "orders"


def test_a_plan_beside_a_fact_does_not_make_the_fact_argued(desk):
    """Report 000: "阿里巴巴旗下高德地圖已正式啟動世界模型佈局，並計畫…推出全新產品" — the plan (計畫) is argued,
    Amap being Alibaba's is stated: the subsidiary link is not marked argued."""
    from app.ingest.pipeline import analyse

    text = "據悉，阿裡巴巴旗下高德地圖已正式啟動世界模型佈局，並計畫基於該核心技術推出全新產品應用。"
    p = analyse(desk, text)
    (link,) = [x for x in p.links if x.relation == "subsidiary_of"]
    assert link.target == "9988.HK" and not link.argued and link.confidence >= 0.6
    p2 = analyse(desk, "阿里巴巴计划将旗下高德地图分拆上市。")
    assert all(x.argued for x in p2.links if x.relation == "subsidiary_of")
