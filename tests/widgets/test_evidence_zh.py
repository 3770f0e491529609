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
