"""KB events for a listing's price chart: own events, owned entities' events, report dates."""
import datetime as dt

from app.domain import Company, Entity, Event, Evidence, Mention, Report
from app.kb import KnowledgeBase
from app.prices.events import ChartEvent, events_for


def small_kb() -> KnowledgeBase:
    kb = KnowledgeBase()
    ev = Evidence("r1.txt", "quote")
    kb.reports["r1.txt"] = Report("r1.txt", "某证券", "Some Securities", "Title one", dt.date(2026, 1, 7))
    kb.reports["r2.txt"] = Report("r2.txt", "AI团队", "AI Team", "Title two", dt.date(2026, 2, 1),
                                  date_precision="month", ai_compiled=True)
    ah = Company(("600000.SH", "0999.HK"), "甲公司", "甲公司", "Alpha Co")
    other = Company(("0888.HK",), "乙公司", "乙公司", "Beta Co")
    for c in (ah, other):
        kb.companies[c.code] = c
        for code in c.codes:
            kb.by_listing[code] = c
    kb.entities["alpha-app"] = Entity("alpha-app", "甲应用", "甲應用", "Alpha App (chat)", "product", "0999.HK")
    kb.entities["alpha-sub"] = Entity("alpha-sub", "甲子", "甲子", "Alpha Sub", "subsidiary", "alpha-app")
    kb.events += [
        Event("0999.HK", dt.date(2026, 1, 8), "listing", None, "", "H shares listed", ev),
        Event("0999.HK", dt.date(2026, 1, 8), "offer_price", 116.2, "HKD", "IPO priced", ev),
        Event("600000.SH", dt.date(2025, 12, 1), "results", None, "", "Q3 results beat", ev),
        Event("alpha-sub", dt.date(2026, 3, 2), "product", None, "", "Sub launched a model; big news", ev),
        Event("0888.HK", dt.date(2026, 1, 9), "listing", None, "", "not ours", ev),
    ]
    kb.mentions += [Mention("600000.SH", Evidence("r1.txt", "q")), Mention("0999.HK", Evidence("r2.txt", "q"))]
    return kb


def test_events_for_an_a_plus_h_company_and_its_entities():
    kb = small_kb()
    evs = events_for(kb, "0999.HK")
    assert evs == events_for(kb, "600000.SH")                 # one company, one list
    assert all(isinstance(e, ChartEvent) and len(e[:3]) == 3 for e in evs)
    kinds = [(e.date.isoformat(), e.kind) for e in evs]
    assert kinds == [("2025-12-01", "results"), ("2026-01-07", "report"), ("2026-01-08", "listing"),
                     ("2026-01-08", "offer_price"), ("2026-02-01", "report"), ("2026-03-02", "product")]
    by_kind = {e.kind: e for e in evs}
    assert by_kind["offer_price"].label == "Offer HKD 116.2" and by_kind["offer_price"].value == 116.2
    assert by_kind["listing"].label == "Listing"
    assert "Alpha Sub" in by_kind["product"].label and "Sub launched a model" in by_kind["product"].detail
    reports = [e for e in evs if e.kind == "report"]
    assert reports[0].label == "Report · Some" and "Title one" in reports[0].detail
    assert reports[1].label.endswith("[AI]") and "AI-compiled" in reports[1].detail
    assert not any("not ours" in e.detail for e in evs)
    only_own = events_for(kb, "0999.HK", owned=False, reports=False)
    assert {e.kind for e in only_own} == {"listing", "offer_price", "results"}


def test_unknown_codes_and_benchmarks_have_no_events(kb):
    assert events_for(kb, "HSI.HI") == []
    assert events_for(small_kb(), "0700.HK") == []


def test_bundled_kb_listing_events(kb):
    code = next(e.ref for e in kb.events if e.kind == "listing")
    evs = events_for(kb, code)
    listing = [e for e in evs if e.kind == "listing"]
    assert listing and listing[0].date == next(e.date for e in kb.events if e.kind == "listing" and e.ref == code)
    report_dates = {kb.reports[f].date for f in kb.reports_of(code)}
    assert report_dates == {e.date for e in evs if e.kind == "report"}
    assert evs == sorted(evs, key=lambda e: e.date)
    assert all(len(e.label) <= 40 for e in evs)


def test_event_notes_in_the_names_script(kb):
    """The candles' event labels and tooltips give a note in the names' script (note_zh; Traditional by
    conversion), English in en; the chart's own words ('offer price', 'Listing') stay as they are."""
    en = {e.detail for e in events_for(kb, "2513.HK", reports=False)}
    hans = {e.detail for e in events_for(kb, "2513.HK", reports=False, script="hans")}
    hant = {e.detail for e in events_for(kb, "2513.HK", reports=False, script="hant")}
    assert any("IPO offer price HKD 116.20 per share" in d for d in en)
    assert any("offer price HKD 116.2. IPO发行价每股116.20港元" in d for d in hans)
    assert any("IPO發行價每股116.20港元" in d for d in hant)
    assert not any("IPO offer price HKD" in d for d in hans)
    labels = [e.label for e in events_for(kb, "0700.HK", reports=False, script="hans")]
    assert any("元宝10亿现金红包活动正式开启" in lb for lb in labels), labels
