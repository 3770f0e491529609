import datetime as dt
import subprocess
import sys

import pytest

from app.printing.options import (
    ALL_SECTIONS, DEFAULT_SECTIONS, OptionsError, PrintOptions, parse_sections,
)
from app.printing.summary import SummaryError, build_summary, price_lookup_from_csv
from app.store import DEFAULT_WATCHLIST
from tests.conftest import ROOT


def test_default_watchlist_rows_carry_kb_facts_and_cited_evidence(desk):
    s = build_summary(desk, now=dt.datetime(2026, 3, 5, 9, 30))
    wl = desk.store.watchlist(DEFAULT_WATCHLIST)
    assert s.source_kind == "watchlist" and s.source_name == DEFAULT_WATCHLIST
    assert [r.code for r in s.rows] == wl.codes
    kb = desk.kb
    r = next(r for r in s.rows if r.code == "000977.SZ")
    assert r.name == "浪潮信息" and r.exchange == "SZ" and r.exchange_label == "SZSE"
    assert r.chain_role == kb.chain_role("000977.SZ") and "Tencent" in r.chain_role
    assert "tencent-yuanbao-compute" in r.themes
    assert r.theme_titles[r.themes.index("tencent-yuanbao-compute")] == "腾讯元宝红包算力链"
    # evidence: each footnote cites report, publisher and date; report 002 is flagged AI-compiled
    assert r.refs and len(r.refs) <= 3
    for fid in r.refs:
        fn = s.footnotes[fid]
        rep = kb.reports[fn.report]
        assert fn.quote and fn.date == rep.date_label and fn.publisher == rep.publisher
        assert fn.ai_compiled == rep.ai_compiled
        assert fn.citation.startswith(f"Report {fn.report[:3]}")
        assert fn.citation.endswith("[AI-compiled]") == rep.ai_compiled
    assert any(f.ai_compiled for f in s.footnotes.values())
    assert any(not f.ai_compiled for f in s.footnotes.values())
    assert s.printed_label == "2026-03-05 09:30"
    assert s.reports_as_of == max(rep.date for rep in kb.reports.values())
    assert "no cached prices" in s.data_as_of_label
    assert s.filters_label == "none"


def test_prices_where_cached_and_a_broken_lookup_does_not_stop_the_summary(desk):
    cached = {"0700.HK": (612.5, -1.234, dt.date(2026, 3, 4)),
              "300308.SZ": {"last": 401, "change_pct": 0.5, "as_of": "2026-03-03"}}

    def lookup(code):
        if code == "9988.HK":
            raise RuntimeError("cache is locked")
        return cached.get(code)

    s = build_summary(desk, price_lookup=lookup)
    by = {r.code: r for r in s.rows}
    assert (by["0700.HK"].last_label, by["0700.HK"].change_label) == ("612.50", "-1.23%")
    assert by["300308.SZ"].last == 401.0 and by["300308.SZ"].price_as_of == "2026-03-03"
    assert by["9988.HK"].last is None and by["000977.SZ"].last_label == ""
    assert s.prices_as_of == ("2026-03-03", "2026-03-04")
    assert "prices as of 2026-03-04 (oldest 2026-03-03)" in s.data_as_of_label


def test_user_fields_print(desk):
    st = desk.store
    wl = st.create_watchlist("AI 服务器")
    st.add_items(wl, ["000977.SZ", "600519.SH"])
    st.update_item(wl, "000977.SZ", notes="超50%算力", tags="compute, core", rating=4, target_price=58.5)
    s = build_summary(desk, watchlist="AI 服务器")
    r, moutai = s.rows
    assert (r.rating_label, r.target_label, r.notes, r.tags) == ("4/5", "CNY 58.50", "超50%算力", ("compute", "core"))   # the currency, as the table shows it
    # a listing outside the knowledge base still prints, named from the universe
    assert moutai.code == "600519.SH" and moutai.name == "贵州茅台" and not moutai.in_kb
    assert moutai.refs == () and moutai.chain_role == ""


def test_theme_alone_prints_its_companies_with_members_and_chain(desk):
    kb = desk.kb
    s = build_summary(desk, theme="tencent-yuanbao-compute")
    assert s.source_kind == "theme" and "腾讯元宝红包算力链" in s.source_name
    members = kb.theme_members("tencent-yuanbao-compute")
    listed = [m for m in members if kb.company(m)]
    assert len(s.rows) == len(listed) > 5
    assert [t.id for t in s.themes] == ["tencent-yuanbao-compute"]
    sec = s.themes[0]
    assert {m.ref for m in sec.members} == set(members)
    assert all(m.in_list for m in sec.members if m.listed)
    edges = [e for e in kb.edges if "tencent-yuanbao-compute" in e.themes]
    assert len(sec.chain) == len(edges)
    inspur = next(c for c in sec.chain if c.supplier == "000977.SZ")
    assert inspur.customer_name == "腾讯控股" and inspur.share == ">50%" and inspur.refs
    for row, e in zip(sec.chain, edges):
        assert row.ai_compiled == kb.reports[e.evidence.report].ai_compiled
        assert s.footnotes[row.refs[0]].quote == e.evidence.quote


def test_watchlist_filtered_by_theme_records_the_filter(desk):
    s = build_summary(desk, watchlist=DEFAULT_WATCHLIST, theme="ai-comic-drama")
    members = set(desk.kb.theme_members("ai-comic-drama"))
    assert s.rows and all(desk.kb.company(r.code).code in members for r in s.rows)
    assert len(s.rows) < len(desk.store.watchlist(DEFAULT_WATCHLIST).items)
    assert s.filters[0][0] == "Theme" and "AI漫剧" in s.filters[0][1]


def test_screen_codes_and_filters(desk):
    s = build_summary(desk, codes=["0700", "sh600519", "300308.SZ", "0700.HK"], screen_name="Compute",
                      filters={"Exchange": ["HK", "SZ"], "Min rating": 3})
    assert s.source_label == "Screen: Compute"
    assert [r.code for r in s.rows] == ["0700.HK", "600519.SH", "300308.SZ"]
    assert s.filters_label == "Exchange: HK, SZ; Min rating: 3"
    with pytest.raises(SummaryError, match="12345678"):
        build_summary(desk, codes=["0700.HK", "12345678"])


def test_bad_requests_say_what_is_wrong(desk):
    with pytest.raises(SummaryError, match="unknown theme 'nope'.*tencent-ecosystem"):
        build_summary(desk, theme="nope")
    with pytest.raises(SummaryError, match="no watchlist 'missing'"):
        build_summary(desk, watchlist="missing")


def test_sections_choose_what_is_built(desk):
    s = build_summary(desk, sections=["companies"])
    assert s.themes == [] and s.footnotes == {} and all(r.refs == () for r in s.rows)
    s = build_summary(desk, sections="companies,themes")
    assert s.themes and all(t.chain == [] for t in s.themes) and all(t.members for t in s.themes)


def test_options_parse_and_explain():
    assert parse_sections(None) == DEFAULT_SECTIONS
    assert parse_sections(["all"]) == ALL_SECTIONS
    assert parse_sections(["evidence, companies", "themes"]) == ("companies", "themes", "evidence")
    assert parse_sections([]) == ()
    with pytest.raises(OptionsError, match="unknown section.*'graphs'.*known: companies"):
        parse_sections(["companies", "graphs"])
    o = PrintOptions(paper="letter", orientation="Landscape")
    assert (o.paper, o.orientation, o.landscape) == ("Letter", "landscape", True)
    with pytest.raises(OptionsError, match="A4 or Letter"):
        PrintOptions(paper="A3")


def test_price_csv(tmp_path):
    p = tmp_path / "px.csv"
    p.write_text("code,last,change_pct,as_of\n700.HK,612.5,-1.2%,2026-03-04\nsz300308,401,,\n", encoding="utf-8")
    look = price_lookup_from_csv(p)
    assert look("0700.HK") == (612.5, -1.2, "2026-03-04")
    assert look("300308.SZ") == (401.0, None, None)
    assert look("9988.HK") is None
    p.write_text("code,last\n0700.HK,abc\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"px.csv:2: column last: 'abc' is not a number"):
        price_lookup_from_csv(p)
    p.write_text("ticker,last\n", encoding="utf-8")
    with pytest.raises(ValueError, match="column 'code' is missing"):
        price_lookup_from_csv(p)


def test_model_is_qt_free():
    code = ("import sys, app.printing, app.printing.summary, app.cli; app.cli.build_parser(); "
            "sys.exit(any(m.startswith('PySide6') for m in sys.modules))")
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT).returncode == 0


def test_theme_rows_carry_the_chinese_roles_and_notes(desk):
    s = build_summary(desk, theme="tencent-yuanbao-compute")
    sec = next(t for t in s.themes if t.id == "tencent-yuanbao-compute")
    m = next(m for m in sec.members if m.ref == "300308.SZ")
    assert m.roles == "optical modules (core; 45% of orders)" and m.roles_zh == "光模块（核心；45%订单）"
    c = next(c for c in sec.chain if c.supplier == "300308.SZ")
    assert c.note.startswith("Holds 45%") and c.note_zh.startswith("占45%光模块订单")
