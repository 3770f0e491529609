"""The knowledge base's roles and notes in the names' script: the Evidence dock and the chain tooltips."""

ROLE = {"hans": "光模块（核心；45%订单）", "hant": "光模塊（核心；45%訂單）",
        "en": "optical modules (core; 45% of orders)"}
NOTE = {"hans": "占45%光模块订单（800G/1.6T光模块）", "hant": "佔45%光模塊訂單（800G/1.6T光模塊）",
        "en": "Holds 45% of optical-module orders (800G / 1.6T modules)"}


def _edge_tip(window) -> str:
    tips = [item.toolTip() for e, item in window.chain.edge_items
            if e.supplier == "300308.SZ" and e.customer == "0700.HK"]
    assert tips
    return tips[0]


def test_evidence_dock_and_chain_tooltip_show_the_role_and_note_in_the_names_script(window):
    window.select_codes(["300308.SZ"])
    for script in ("hans", "hant", "en"):
        window.script_actions[script].trigger()
        assert window.evidence.script == script
        text = window.evidence.toPlainText()
        assert ROLE[script] in text, script
        for other in {"hans", "hant", "en"} - {script}:
            assert ROLE[other] not in text, (script, other)
        assert NOTE[script] in _edge_tip(window), script


def test_evidence_dock_edge_and_theme_views_show_the_chinese(window):
    kb = window.desk.kb
    edge = next(e for e in kb.edges if e.supplier == "300308.SZ" and e.customer == "0700.HK")
    window.script_actions["hant"].trigger()
    window.evidence.show_edge(edge)
    assert NOTE["hant"] in window.evidence.toPlainText()
    window.evidence.show_theme("tencent-yuanbao-compute")
    assert ROLE["hant"] in window.evidence.toPlainText()
    window.script_actions["en"].trigger()
    window.evidence.show_theme("tencent-yuanbao-compute")
    assert ROLE["en"] in window.evidence.toPlainText()


LINK = {"hans": "投资 实益达 → 六度人和：实益达持有六度人和13.045%股权",
        "hant": "投資 實益達 → 六度人和：實益達持有六度人和13.045%股權",
        "en": "invests in Shenzhen SEA Star Technology → Liudu Renhe (SCRM provider, EC SCRM): "
              "SEA Star holds 13.045% of Liudu Renhe"}
EVENT = {"hans": "2026-01-08 发行价：IPO发行价每股116.20港元；募资总额超43亿港元。",
         "hant": "2026-01-08 發行價：IPO發行價每股116.20港元；募資總額超43億港元。",
         "en": "2026-01-08 offer price: IPO offer price HKD 116.20 per share; gross proceeds over HKD 4.3 bn."}


def test_evidence_dock_shows_a_link_and_an_event_note_in_the_names_script(window):
    """A company's links (stakes, partnerships, ownership) and events: relation or kind, and the note in the
    names' script (note_zh in hans / hant, English in en), not only 'A → B' or '2026-01-08 offer_price'."""
    kb = window.desk.kb
    link = next(x for x in kb.links if x.source == "002137.SZ" and x.target == "liudu-renhe")
    window.select_codes(["002137.SZ"])
    for script in ("hans", "hant", "en"):
        window.script_actions[script].trigger()
        text = " ".join(window.evidence.toPlainText().split())
        assert LINK[script] in text, (script, text)
        for other in {"hans", "hant", "en"} - {script}:
            assert link.describe(other) not in text, (script, other)
    window.select_codes(["2513.HK"])
    for script in ("hans", "hant", "en"):
        window.script_actions[script].trigger()
        text = " ".join(window.evidence.toPlainText().split())
        assert EVENT[script] in text, (script, text)
        assert "recommendation " + {"hans": "关注", "hant": "關注", "en": "watch"}[script] in text   # its action too


def test_the_candles_event_notes_follow_the_names_script(window):
    """The Charts dock draws the candles' event notes in the names' script chosen on the toolbar."""
    for script in ("hant", "en", "hans"):
        window.script_actions[script].trigger()
        assert window.charts.script == script
