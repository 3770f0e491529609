"""The printed summary's theme pages show the knowledge base's roles and notes in the interface's language."""
import pytest

from app.printing import PrintOptions, build_summary
from widgets import printing as wp
from widgets.i18n import LANGUAGE

ROLE = {"zh_CN": "光模块（核心；45%订单）", "zh_TW": "光模塊（核心；45%訂單）",
        "en": "optical modules (core; 45% of orders)"}
NOTE = {"zh_CN": "占45%光模块订单（800G/1.6T光模块）", "zh_TW": "佔45%光模塊訂單（800G/1.6T光模塊）",
        "en": "Holds 45% of optical-module orders (800G / 1.6T modules)"}   # the quote: “中际旭创独占45%光模块订单,…”
# the evidence footnote's subject
ABOUT = {"zh_CN": "主题 腾讯元宝红包算力链：光模块（核心；45%订单）。", "zh_TW": "主題 騰訊元寶紅包算力鏈：光模塊（核心；45%訂單）。",
         "en": "Theme Tencent Yuanbao red-packet compute chain: optical modules (core; 45% of orders). "}


@pytest.fixture
def restore_language():
    yield
    LANGUAGE.install("en")  # the translators are application-wide: later tests read English


@pytest.mark.parametrize("lang", ["zh_CN", "zh_TW", "en"])
def test_theme_members_and_chain_notes_in_the_interface_language(qapp, desk, restore_language, lang):
    s = build_summary(desk, theme="tencent-yuanbao-compute")
    LANGUAGE.install(lang)
    html = wp.summary_html(s, PrintOptions(sections=("companies", "themes", "chains", "evidence")))
    assert ROLE[lang] in html and NOTE[lang] in html and ABOUT[lang] in html
    for other in set(ROLE) - {lang}:
        assert ROLE[other] not in html and NOTE[other] not in html and ABOUT[other] not in html
