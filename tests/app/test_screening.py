import numpy as np

from app.screening import RowFactory, RowSet, Screen, customer_hubs
from app.universe import Universe


def _rows(kb):
    u = Universe.build(kb)
    f = RowFactory(kb, u)
    return RowSet([f.row(c) for c in kb.listed_codes()]), f


def _codes(rs, mask):
    return {rs.rows[i].code for i in np.flatnonzero(mask)}


def test_chain_criteria_hold_on_one_edge(kb):
    rs, _ = _rows(kb)
    assert _codes(rs, Screen(customer="0700.HK", min_share=45).mask(rs)) == {"000977.SZ", "300308.SZ", "301165.SZ"}
    assert _codes(rs, Screen(customer="bytedance", segment="ai_servers").mask(rs)) >= {"000977.SZ"}
    assert "300308.SZ" not in _codes(rs, Screen(customer="9988.HK", min_share=1).mask(rs))
    potential = _codes(rs, Screen(customer="0700.HK", status="potential").mask(rs))
    assert {"300657.SZ", "600845.SH", "002400.SZ"} <= potential and "000977.SZ" not in potential


def test_text_market_theme_tags_rating(kb):
    rs, f = _rows(kb)
    assert _codes(rs, Screen(text="騰訊").mask(rs)) == {"0700.HK"}
    assert _codes(rs, Screen(text="ZJXC").mask(rs)) == {"300308.SZ"}
    assert _codes(rs, Screen(text="innolight").mask(rs)) == {"300308.SZ"}
    hk = _codes(rs, Screen(markets=("HK",)).mask(rs))
    assert hk and all(c.endswith(".HK") for c in hk)
    s = Screen(theme="tencent-ecosystem", theme_ids=("tencent-ecosystem", "tencent-yuanbao-compute",
                                                     "tencent-yuanbao-marketing"))
    assert {"000977.SZ", "300058.SZ"} <= _codes(rs, s.mask(rs))
    from app.domain import WatchlistItem
    rows = [f.row("300308.SZ", WatchlistItem("300308.SZ", 0, tags=("光模块", "core"), rating=5)),
            f.row("0700.HK", WatchlistItem("0700.HK", 1, tags=("hub",), rating=2))]
    rs2 = RowSet(rows)
    assert _codes(rs2, Screen(tags=("CORE",)).mask(rs2)) == {"300308.SZ"}
    assert _codes(rs2, Screen(min_rating=3).mask(rs2)) == {"300308.SZ"}
    assert _codes(rs2, Screen(text="光模块").mask(rs2)) == {"300308.SZ"}


def test_screen_serialises_and_describes(kb):
    s = Screen(text="x", markets=("SH", "SZ"), theme="ai-comic-drama", customer="0700.HK", min_share=30,
               tags=("a",), min_rating=4)
    assert Screen.from_dict(s.to_dict()) == s
    words = s.describe(kb)
    assert "customer Tencent" in words and "share ≥ 30%" in words and "market SH/SZ" in words
    assert Screen().is_empty() and not s.is_empty()


def test_customer_hubs_lead_with_the_big_three(kb):
    refs = [r for r, _ in customer_hubs(kb)]
    assert refs[:3] == ["0700.HK", "9988.HK", "bytedance"]


def test_add_resolves_a_short_name_only_when_one_listing_starts_so(desk):
    """腾讯 / 騰訊 / 小米 as analysts type them: the one listing whose name starts so. 中际 could be
    中际旭创 or 中际联合: the user is told both and chooses (never the wrong company)."""
    import pytest

    u = desk.universe
    assert u.resolve("腾讯").code == "0700.HK"
    assert u.resolve("騰訊").code == "0700.HK"
    assert u.resolve("小米").code == "1810.HK"
    with pytest.raises(LookupError, match="could be 300308.SZ 中际旭创, 605305.SH 中际联合"):
        u.resolve("中际")
    with pytest.raises(LookupError, match="no listing"):
        u.resolve("腾")          # one character is no name
