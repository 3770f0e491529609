"""Shares as reports state them: the noun before or after the number, 三成/近半, the qualifier kept; numbers
that are no share (growth, margin, stake, amount)."""
import pytest

from app.ingest.apply import apply
from app.ingest.pipeline import analyse
from app.ingest.propose import stated_share


@pytest.fixture(scope="module")
def desk(tmp_path_factory):
    from app.services import Desk

    d = Desk.open(tmp_path_factory.mktemp("shares") / "s.sqlite")
    yield d
    d.store.close()


def edge(desk, text, pair):
    p = analyse(desk, text)
    for e in p.edges:
        assert p.text[e.start:e.end] == e.quote
    es = {(e.supplier, e.customer): e for e in p.edges}
    assert pair in es, sorted(es)
    return es[pair]


INSPUR_BD = ("000977.SZ", "bytedance")


@pytest.mark.parametrize("text, pair, share", [
    # the walkthrough's note: the share noun is BEFORE the number
    ("新易盛获得字节跳动800G光模块订单，份额约35%。", ("300502.SZ", "bytedance"), (35, "~", "orders")),
    ("中际旭创继续为阿里巴巴核心供应商，占其光模块采购约40%。", ("300308.SZ", "9988.HK"), (40, "~", "orders")),
    ("中际旭创为腾讯供应光模块，占腾讯光模块订单的45%。", ("300308.SZ", "0700.HK"), (45, "=", "orders")),
    ("浪潮信息为字节跳动供应AI服务器，订单占比近半。", INSPUR_BD, (50, "~", "orders")),
    ("浪潮信息为字节跳动供应AI服务器，订单份额过半。", INSPUR_BD, (50, ">", "orders")),
    ("浪潮信息为字节跳动供应AI服务器，市占率32.5%。", INSPUR_BD, (32.5, "=", "market")),
    # ... and AFTER it
    ("浪潮信息为字节跳动供应30%的AI服务器。", INSPUR_BD, (30, "=", "orders")),
    ("浪潮信息为字节跳动供应AI服务器，拿下50%以上份额。", INSPUR_BD, (50, ">", "orders")),
    ("浪潮信息为字节跳动供应AI服务器，约占三成订单。", INSPUR_BD, (30, "~", "orders")),
    ("浪潮信息为字节跳动供应AI服务器，占其服务器采购的一半以上。", INSPUR_BD, (50, ">", "orders")),
    ("浪潮信息为元宝提供超50%算力支持。", ("000977.SZ", "0700.HK"), (50, ">", "compute")),
    ("浪潮信息为字节跳动供应AI服务器，订单份额至少30%。", INSPUR_BD, (30, ">", "orders")),   # ≥ is ">"
    # Traditional script, full-width percent
    ("中際旭創為阿里巴巴供應光模塊，佔其採購約40％。", ("300308.SZ", "9988.HK"), (40, "~", "orders")),
])
def test_a_share_the_sentence_states(desk, text, pair, share):
    e = edge(desk, text, pair)
    assert (e.share_pct, e.share_qualifier, e.share_of) == share
    assert f"{share[0]:g}% of {share[2]}" in e.reason
    assert stated_share(e.quote + e.context, e.share_pct)     # what apply checks: the quote states it


@pytest.mark.parametrize("text", [
    "浪潮信息为字节跳动供应AI服务器，同比增长35%。",      # a growth rate
    "浪潮信息为字节跳动供应AI服务器，毛利率40%。",        # a gross margin
    "浪潮信息为字节跳动供应AI服务器，营收同比增长40%。",
    "浪潮信息为字节跳动供应AI服务器，一成不变。",          # 一成 in an idiom is no number
    "浪潮信息为字节跳动供应AI服务器，采购额40亿元。",      # an amount, not a share
    "浪潮信息为字节跳动供应AI服务器，近半年来订单饱满。",  # 近半年 is a time
])
def test_a_number_that_is_no_share(desk, text):
    e = edge(desk, text, INSPUR_BD)
    assert e.share_pct is None and e.share_qualifier is None and e.share_of is None
    assert not any("share" in k for k in e.figures)


def test_a_stake_is_a_link_not_a_share(desk):
    p = analyse(desk, "实益达持有六度人和13.045%股权，六度人和为腾讯提供营销服务。")
    assert ("002137.SZ", "liudu-renhe", "invests_in", 13.045) in {
        (x.source, x.target, x.relation, x.stake_pct) for x in p.links}
    assert all(e.share_pct is None for e in p.edges)


def test_an_upper_bound_is_kept_but_is_not_a_share(desk):
    """份额不足20%: the share is below 20 %, not 20 %; share_pct stays empty (a "share >= 15%" screen would
    take 20 for the share) and the bound is kept in figures as stated."""
    e = edge(desk, "浪潮信息为字节跳动供应AI服务器，份额不足20%。", INSPUR_BD)
    assert e.share_pct is None
    assert e.figures["share_below_pct"] == 20 and e.figures["share_below_of"] == "market"


def test_a_combined_share_keeps_its_qualifier(desk):
    p = analyse(desk, "1. AI服务器：浪潮信息、华勤技术为腾讯核心供应商，分食超80%订单。")
    e = next(e for e in p.edges if e.supplier == "000977.SZ")
    assert e.share_pct is None
    assert (e.figures["combined_share_pct"], e.figures["combined_share_qualifier"]) == (80, ">")


def test_a_share_in_tenths_is_applied_as_stated(tmp_path):
    """三成 is 30 %: the KB gets it, and apply's check that the quote states the share accepts 三成."""
    from app.services import Desk

    d = Desk.open(tmp_path / "s.sqlite")
    try:
        p = analyse(d, "2026年11月3日 某证券 周报\n浪潮信息为字节跳动供应AI服务器，约占三成订单。\n",
                    meta={"title": "周报", "publisher": "某证券", "date": "2026-11-03"})
        apply(d, p, defaults=True)
        (e,) = [e for e in d.kb.edges if (e.supplier, e.customer) == INSPUR_BD and e.evidence.report == p.report["key"]]
        assert (e.share_pct, e.share_qualifier, e.share_of) == (30, "~", "orders")
    finally:
        d.store.close()


def test_a_share_beyond_a_long_sentence_s_quote_is_not_proposed(desk):
    """The quote is a window of a long sentence: a share it cannot reach is not proposed (apply would
    refuse a share the quote does not state)."""
    text = ("浪潮信息为字节跳动供应AI服务器，" + "，".join(["交付节奏稳定且产品持续迭代升级"] * 12) + "，份额约35%。")
    e = edge(desk, text, INSPUR_BD)
    assert e.share_pct is None and "outside the quote" in e.reason
    assert stated_share("約占三成", 30) and stated_share("過半", 50) and not stated_share("近半年", 50)
