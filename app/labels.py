"""Domain labels in the desk's three scripts: segments, customer hubs, edge statuses, chain roles.

The knowledge base keys segments and statuses by code identifiers (``optical_modules``, ``core``) and
gives English labels (:data:`app.domain.SEGMENTS`); the desk shows them in the chosen language.
``hans`` (简体), ``hant`` (繁體) and ``en`` are the scripts the table's names use. The Traditional
labels are the Simplified ones through OpenCC (``s2twp``, as the interface's zh_TW translation),
checked by hand; no Qt here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.domain import HUB_LABELS, SEGMENTS

if TYPE_CHECKING:  # pragma: no cover
    from app.domain import Report
    from app.kb import KnowledgeBase

SCRIPTS = ("hans", "hant", "en")

# id -> {en, hans, hant}
SEGMENT_LABELS: dict[str, dict[str, str]] = {
    "ai_servers": {"hans": "AI服务器", "hant": "AI伺服器"},
    "idc": {"hans": "IDC数据中心", "hant": "IDC資料中心"},
    "liquid_cooling_power": {"hans": "液冷与电源", "hant": "液冷與電源"},
    "optical_modules": {"hans": "光模块", "hant": "光模組"},
    "switches": {"hans": "交换机", "hant": "交換器"},
    "inference_compute": {"hans": "推理算力", "hant": "推理算力"},
    "chips": {"hans": "芯片", "hant": "晶片"},
    "cloud_distribution": {"hans": "云分销", "hant": "雲端分銷"},
    "campaign_planning": {"hans": "营销策划", "hant": "行銷企劃"},
    "kol_marketing": {"hans": "KOL营销", "hant": "KOL行銷"},
    "content_material": {"hans": "内容与素材", "hant": "內容與素材"},
    "ad_agency": {"hans": "广告代理", "hant": "廣告代理"},
    "compliance": {"hans": "合规", "hant": "合規"},
    "traffic_conversion": {"hans": "流量转化", "hant": "流量轉化"},
    "ai_hardware_device": {"hans": "AI终端设备", "hant": "AI終端裝置"},
    "software_platform": {"hans": "软件平台", "hant": "軟體平台"},
    "industry_application": {"hans": "行业应用", "hant": "行業應用"},
    "model_api": {"hans": "模型API", "hant": "模型API"},
    "investment": {"hans": "投资", "hant": "投資"},
}
for _k, _v in SEGMENTS.items():
    SEGMENT_LABELS.setdefault(_k, {}).setdefault("en", _v)

# customer hubs (party refs) -> short names, as analysts say them
HUB_NAMES: dict[str, dict[str, str]] = {
    "0700.HK": {"hans": "腾讯", "hant": "騰訊"},
    "9988.HK": {"hans": "阿里巴巴", "hant": "阿里巴巴"},
    "bytedance": {"hans": "字节跳动", "hant": "字節跳動"},
    "9888.HK": {"hans": "百度", "hant": "百度"},
    "1024.HK": {"hans": "快手", "hant": "快手"},
    "1810.HK": {"hans": "小米", "hant": "小米"},
}
for _k, _v in HUB_LABELS.items():
    HUB_NAMES.setdefault(_k, {}).setdefault("en", _v)

# edge status (core | potential | stated) and the qualifiers of a chain role
STATUS_LABELS: dict[str, dict[str, str]] = {
    "core": {"en": "core", "hans": "核心", "hant": "核心"},
    "potential": {"en": "potential", "hans": "潜在", "hant": "潛在"},
    "stated": {"en": "stated", "hans": "提及", "hant": "提及"},
}
# what an edge's share is a share of (app.kb.SHARE_OF)
SHARE_OF_LABELS: dict[str, dict[str, str]] = {
    "orders": {"en": "orders", "hans": "订单", "hant": "訂單"},
    "market": {"en": "market", "hans": "市场", "hant": "市場"},
    "revenue": {"en": "revenue", "hans": "收入", "hant": "收入"},
    "compute": {"en": "compute", "hans": "算力", "hant": "算力"},
}
# a link's relation (app.ingest.apply.RELATIONS)
RELATION_LABELS: dict[str, dict[str, str]] = {
    "invests_in": {"en": "invests in", "hans": "投资", "hant": "投資"},
    "owns": {"en": "owns", "hans": "控股", "hant": "控股"},
    "subsidiary_of": {"en": "subsidiary of", "hans": "子公司", "hant": "子公司"},
    "partner": {"en": "partner", "hans": "合作伙伴", "hant": "合作夥伴"},
    "customer_of": {"en": "customer of", "hans": "客户", "hant": "客戶"},
    "supplies": {"en": "supplies", "hans": "供货", "hant": "供貨"},
}
# a recommendation's action (the knowledge base's recommendations)
ACTION_LABELS: dict[str, dict[str, str]] = {
    "watch": {"en": "watch", "hans": "关注", "hant": "關注"},
    "buy": {"en": "buy", "hans": "买入", "hant": "買入"},
    "overweight": {"en": "overweight", "hans": "增持", "hant": "增持"},
    "hold": {"en": "hold", "hans": "持有", "hant": "持有"},
    "neutral": {"en": "neutral", "hans": "中性", "hant": "中性"},
    "sell": {"en": "sell", "hans": "卖出", "hant": "賣出"},
}
EVENT_KIND_LABELS: dict[str, dict[str, str]] = {
    "listing": {"en": "listing", "hans": "上市", "hant": "上市"},
    "offer_price": {"en": "offer price", "hans": "发行价", "hant": "發行價"},
    "results": {"en": "results", "hans": "业绩", "hant": "業績"},
    "product": {"en": "product", "hans": "产品", "hant": "產品"},
    "other": {"en": "other", "hans": "其他", "hant": "其他"},
}
_POTENTIAL = {"en": " (potential)", "hans": "（潜在）", "hant": "（潛在）"}
_ARGUED = {"en": " (argued)", "hans": "（推测）", "hant": "（推測）"}


def _script(script: str) -> str:
    return script if script in SCRIPTS else "en"


def _pick(table: dict[str, dict[str, str]], key: str, script: str, fallback: str) -> str:
    labels = table.get(key)
    if not labels:
        return fallback
    return labels.get(_script(script)) or labels.get("en") or fallback


def segment_label(segment: str, script: str = "en") -> str:
    return _pick(SEGMENT_LABELS, segment, script, segment)


def status_label(status: str, script: str = "en") -> str:
    return _pick(STATUS_LABELS, status, script, status)


def share_of_label(share_of: str, script: str = "en") -> str:
    return _pick(SHARE_OF_LABELS, share_of, script, share_of)


def event_kind_label(kind: str, script: str = "en") -> str:
    return _pick(EVENT_KIND_LABELS, kind, script, kind.replace("_", " "))


def relation_label(relation: str, script: str = "en") -> str:
    return _pick(RELATION_LABELS, relation, script, relation.replace("_", " "))


def action_label(action: str, script: str = "en") -> str:
    return _pick(ACTION_LABELS, action, script, action)


def segment_of_label(label: str) -> str | None:
    """The segment id of an English segment label (``"AI servers"`` -> ``ai_servers``)."""
    return next((k for k, v in SEGMENT_LABELS.items() if v.get("en") == label), None)


_AI_FLAG = {"en": " [AI-compiled]", "hans": " [AI 汇编]", "hant": " [AI 彙編]"}


def publisher_label(report: Report, script: str = "en") -> str:
    """A report's publisher in one script: as written (简体, or 繁體 through OpenCC) or in English."""
    s = _script(script)
    if s == "en":
        return report.publisher_en or report.publisher
    if s == "hant":
        from app.text import to_hant

        return to_hant(report.publisher or report.publisher_en)
    return report.publisher or report.publisher_en


def report_label(report: Report, script: str = "en") -> str:
    """ "华泰证券, 2026-11-20" / "Huatai Securities, 2026-11-20" (and the AI-compiled flag)."""
    flag = _AI_FLAG[_script(script)] if report.ai_compiled else ""
    sep = "，" if _script(script) != "en" else ", "
    return f"{publisher_label(report, script)}{sep}{report.date_label}{flag}"


def hub_label(ref: str, script: str = "en", kb: KnowledgeBase | None = None) -> str:
    """A customer's short name: a hub's ("Tencent" / "腾讯" / "騰訊"), else the party's name."""
    if ref in HUB_NAMES:
        return _pick(HUB_NAMES, ref, script, ref)
    return kb.ref_name(ref, _script(script)) if kb is not None else ref


def chain_role(kb: KnowledgeBase, ref: str, script: str = "en") -> str:
    """Where a company sits in the chains, in one script: ``AI服务器 → 腾讯控股 >50%（潜在）``."""
    s = _script(script)
    parts: list[str] = []
    for e in kb.edges:
        if e.supplier != ref:
            continue
        bit = f"{segment_label(e.segment, s)} → {kb.ref_name(e.customer, s)}"
        if e.share_label:
            bit += f" {e.share_label}"
        if e.status == "potential":
            bit += _POTENTIAL[s]
        if e.argued:
            bit += _ARGUED[s]
        if bit not in parts:
            parts.append(bit)
    return ("；" if s != "en" else "; ").join(parts)
