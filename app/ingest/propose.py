"""Propose how each party a text names belongs: supplier → customer edges, ownership and investment
links, theme memberships — sentence by sentence, each with its verbatim sentence, a confidence and
the reason it was made.

Rules that keep the knowledge true:
* a figure is written only when the sentence states it (唯一供应商 is ``sole_supplier``, never 100 %);
  a share names what it is a share of (orders, market, revenue, compute), whether the report puts the
  noun after the number ("超30%订单") or before it ("份额约35%", "占其光模块采购约40%"); a growth rate, a
  margin or a stake is no share, and an upper bound (不足20%) is kept in figures, never as the share;
* a sentence that argues, hopes or guesses (可能, 有望, 或将, 若, 预计 …) gives an ``argued`` proposal
  with status ``potential``, never a stated edge;
* a customer that only the section heading names is proposed with a lower confidence, and says so.
"""
from __future__ import annotations

import bisect
import hashlib
import re
from dataclasses import dataclass, field

from app.domain import CUSTOMER_HUBS, SEGMENTS
from app.ingest.finder import NameIndex
from app.ingest.fold import FoldedText
from app.ingest.model import (
    CompanyProposal, EdgeProposal, LinkProposal, MemberProposal, MentionHit, ThemeProposal,
)
from app.text import fold

MAX_QUOTE = 160

# ---- sentences, clauses and headings ---------------------------------------------------------

_SENT_END = re.compile(r"[。！？!?；;]+|\n+")
_CLAUSE_END = re.compile(r"[，,；;：:]")
_HEADING_NUM = re.compile(
    r"^\s*(#{1,6}\s*|[一二三四五六七八九十]+[、.．]|（[一二三四五六七八九十]+）|\([一二三四五六七八九十]+\)|"
    r"\d+(\.\d+){1,3}\s|Part\.?\s*\d+|第[一二三四五六七八九十]+[章节部分])", re.I)
_ITEM_NUM = re.compile(r"^\s*(\d{1,2}[.．、)）]|[-•·●]\s*)\s*")


@dataclass
class Sentence:
    start: int
    end: int
    text: str
    heading_path: list[int] = field(default_factory=list)   # indexes into Document.headings
    item_lead: str = ""       # "AI服务器" from "1. AI服务器：浪潮信息、华勤技术为核心"
    paragraph: int = 0


@dataclass
class Heading:
    start: int
    end: int
    text: str
    level: int


@dataclass
class Document:
    text: str
    sentences: list[Sentence]
    headings: list[Heading]


def segment(text: str) -> Document:
    headings: list[Heading] = []
    sentences: list[Sentence] = []
    stack: list[int] = []
    pos = 0
    para = 0
    for line in text.splitlines(keepends=True):
        lstart, body = pos, line.rstrip("\r\n")
        pos += len(line)
        stripped = body.strip()
        if not stripped:
            para += 1
            continue
        lead_ws = len(body) - len(body.lstrip())
        level = _heading_level(stripped)
        if level:
            h = Heading(lstart + lead_ws, lstart + lead_ws + len(stripped), stripped, level)
            while stack and headings[stack[-1]].level >= level:
                stack.pop()
            headings.append(h)
            stack.append(len(headings) - 1)
            para += 1
            continue
        lead = ""
        m = _ITEM_NUM.match(body)
        if m:
            rest = body[m.end():]
            lm = re.match(r"([^：:，,。]{2,16})[：:]", rest)
            if lm:
                lead = lm.group(1)
        # sentences inside the line
        s0 = 0
        for m2 in _SENT_END.finditer(body):
            _add_sentence(sentences, text, lstart + s0, lstart + m2.start(), list(stack), lead, para)
            s0 = m2.end()
        _add_sentence(sentences, text, lstart + s0, lstart + len(body), list(stack), lead, para)
        para += 1
    return Document(text, sentences, headings)


def _add_sentence(out: list[Sentence], text: str, start: int, end: int, path: list[int], lead: str,
                  para: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end - start >= 2:
        out.append(Sentence(start, end, text[start:end], path, lead, para))


def _heading_level(line: str) -> int:
    if len(line) > 60 or line.endswith(("。", "；", "，", ",", ";")):
        return 0
    m = _HEADING_NUM.match(line)
    if not m:
        return 0
    tok = m.group(1).strip()
    if tok.startswith("#"):
        return len(tok.rstrip())
    if re.match(r"[一二三四五六七八九十]+[、.．]", tok) or tok.lower().startswith("part") or tok.startswith("第"):
        return 1
    if tok.startswith(("（", "(")):
        return 2
    if re.match(r"\d+(\.\d+)+", tok):
        return 1 + tok.count(".")
    return 0


# ---- vocabularies ------------------------------------------------------------------------------

# Segment keywords, checked on the folded clause (Simplified, lower case), first match wins by weight.
SEGMENT_WORDS: list[tuple[str, tuple[str, ...]]] = [
    ("optical_modules", ("光模块", "光通信", "光器件", "cpo")),
    ("switches", ("交换机", "网络设备", "路由器")),
    ("liquid_cooling_power", ("液冷", "散热", "温控", "ups", "电源", "配电", "储能", "制冷")),
    ("idc", ("idc", "机房", "数据中心", "机柜", "算力底座", "智算中心", "算力中心", "算力租赁", "算力集群")),
    ("chips", ("芯片", "gpu", "npu", "tpu", "asic", "soc", "处理器", "算力卡", "加速卡", "晶圆", "hbm")),
    ("ai_servers", ("服务器", "算力支持", "整机", "一体机", "算力硬件")),
    ("inference_compute", ("推理算力", "推理", "算力溢出", "算力补充", "ai云", "云合作", "云服务", "云计算")),
    ("cloud_distribution", ("经销", "分销", "总代", "云资源", "云服务代理")),
    ("kol_marketing", ("红人", "kol", "达人", "网红", "社群裂变")),
    ("ad_agency", ("广告代理", "代理权", "代理商", "广告投放", "投放")),
    ("campaign_planning", ("全案", "策划", "操盘", "营销")),
    ("content_material", ("素材", "语料", "版权", "ip", "内容", "文本数据", "图像", "文案", "影视", "动画")),
    ("compliance", ("合规", "审核", "风控", "安全")),
    ("traffic_conversion", ("流量转化", "转化", "导购", "电商", "引流")),
    ("ai_hardware_device", ("手机", "耳机", "眼镜", "玩具", "终端", "硬件", "音箱", "pc", "机器人")),
    ("model_api", ("模型", "api", "接入", "token", "调用", "大模型")),
    ("software_platform", ("平台", "系统", "框架", "工具", "软件", "操作系统", "中间件")),
    ("industry_application", ("金融", "教育", "医疗", "法律", "政务", "酒旅", "城市", "交通", "工业")),
]
# Wording that says "supplies" on its own, strong enough to take the customer from the heading.
_STRONG_CUES = ("供应商", "供货", "供应", "提供", "订单", "份额", "承接", "代理", "经销", "服务商", "伙伴",
                "合作方", "支撑", "支持", "拿下", "独占", "占据", "分食", "操盘", "独家")
WEAK_SEGMENTS = frozenset({"model_api", "software_platform", "industry_application"})
_SUPPLY_CUES = ("供应商", "供货", "供应", "提供", "独家", "份额", "订单", "营收", "收入", "合作伙伴", "伙伴",
                "合作方", "代理", "经销", "服务商", "承接", "支撑", "支持", "接入", "服务了", "服务于",
                "操盘", "合作", "绑定", "部署", "采购", "客户", "拿下", "独占", "分食", "占据", "赋能",
                "联合开发", "共建", "适配")
_SPECULATION = ("可能", "有望", "或将", "若", "预计", "或可", "未来将", "拟", "计划", "潜在", "可望", "料将",
                "不排除", "估计", "预期", "或许", "如果", "假如", "可承接", "可通过", "可调度", "望")
_CORE = ("核心",)   # the report's own word; 龙头 / 主力 / 唯一 are kept as stated (and 唯一 as a figure flag)
_CORE_HEADING = re.compile(r"核心.{0,4}(合作|供应|提供|伙伴|客户)")
_DISCLAIMER = re.compile(r"(免责|不构成.{0,6}(投资|建议)|仅供参考|风险提示|投资建议|本报告.{0,20}(仅|不))")
_INVEST = re.compile(r"(领投|跟投|参投|注资|入股|战略投资|投资了|投资方|投资者|融资|股东|投资)")
_OWN = re.compile(r"(持有|持股|控股|股权|全资)")
_SUB = re.compile(r"(旗下|子公司|孙公司|全资子|控股子)")
_PARTNER = re.compile(r"(战略合作|合作伙伴|达成合作|签署.{0,6}合作|深度合作|合作)")

_AMOUNT = re.compile(r"(\d+(?:\.\d+)?)\s*(万亿|亿|万|千万|百万)?\s*(元|美元|港元|港币|人民币|美金)")
_GPU = re.compile(r"(\d+(?:\.\d+)?)\s*(万)?\s*(张|块|颗|片)\s*([A-Za-z0-9]{0,8})\s*(gpu|GPU|显卡|算力卡|加速卡|芯片|卡)")
_STAKE = re.compile(r"(\d+(?:\.\d+)?)\s*[%％]\s*(?:的)?\s*(股权|股份|权益)")
_GROUP = re.compile(r"((?:[^\s、，,。]{1,8}、){1,5}[^\s、，,。]{1,8})(?:等)?([两二三四五六七八九]|十)大(巨头|厂商|平台|互联网(?:公司|巨头|大厂)|大厂|云厂商)")
_GROUP_REF = re.compile(r"([两二三四五六七八九]|十)大(巨头|厂商|平台|互联网(?:公司|巨头|大厂)|大厂|云厂商)|三巨头")


# ---- shares ----------------------------------------------------------------------------------------
# How reports state a supplier's share: the number (35%, 三成, 半数/过半/近半), a qualifier next to it
# (超/逾/以上 >, 约/近/左右 ~, 不足/不到/以下 <), and what it is a share OF, named either after the
# number ("超30%订单", "30%推理算力", "供应30%的AI服务器") or before it ("份额约35%",
# "占其光模块采购约40%", "占腾讯光模块订单的45%", "订单占比近半", "市占率32%").  A number the wording
# does not tie to a share noun (同比增长35%, 毛利率40%, 持股13.045%) is no share.
_SHARE_NUM = re.compile(
    r"(?P<pct>\d+(?:\.\d+)?)\s*[%％]"
    r"|(?<![\d一二两三四五六七八九十百千万])(?P<tenth>[一二两三四五六七八九])成(?![为本员功立交长果熟型不])"
    r"|(?P<half>(?:半数|一半|(?<=[过超逾近])半)(?![年月日天周岁小个场]))")
_TENTHS = {c: 10 * (i + 1) for i, c in enumerate("一二三四五六七八九")} | {"两": 20}
# Words between the share noun (or verb) and the number, stripped from the end of the text before it.
_SHARE_LEAD = re.compile(
    r"(未超过|不超过|不足|不到|低于|少于|小于|未达|不低于|不少于|至少|超过|超出|高于|多于|大于|将近|接近|"
    r"大约|约合|近乎|约为|约|近|超|逾|高达|已达|达到|达|独占|拿下|分食|占据|贡献了|贡献|占比|占到|占了|"
    r"比例|比重|占|为|是|在|的|了)\s*$")
_Q_LESS = ("未超过", "不超过", "不足", "不到", "低于", "少于", "小于", "未达")
_Q_MORE = ("不低于", "不少于", "至少", "超过", "超出", "高于", "多于", "大于", "超", "逾", "过")
_Q_ABOUT = ("将近", "接近", "大约", "约合", "近乎", "约为", "约", "近")
_SHARE_TAIL = re.compile(r"\s*(以上|以下|以内|左右|上下|多|余)?(?:的)?\s*([^\d%％，,。；;、]{0,12})")
_NOT_SHARE_BEFORE = re.compile(
    r"(同比|环比|增长|增速|增幅|增加|提升|提高|上升|下降|下滑|降低|减少|降幅|回落|涨|跌|翻|"
    r"持股|持有|股权|股份|权益|控股|入股|增持|减持|(?<!市占)(?<!占有)率)$")
_NOT_SHARE_AFTER = re.compile(r"(股权|股份|权益|增长|增速|增幅|涨幅|跌幅|折扣|毛利|利润|效果|提升|成本)")
_SUPPLY_VERB_END = re.compile(r"(供应|供货|提供|承担|承接|交付|获得|斩获)$")


@dataclass
class _Share:
    value: float
    qualifier: str      # ">" | "~" | "=" | "<" (an upper bound: kept in figures, never as share_pct)
    of: str             # orders | market | revenue | compute
    start: int
    end: int


def _shares(text: str) -> list[_Share]:
    """Every share the (folded) text states, with its qualifier and what it is a share of."""
    out: list[_Share] = []
    for m in _SHARE_NUM.finditer(text):
        if m.group("pct"):
            value = float(m.group("pct"))
        elif m.group("tenth"):
            value = float(_TENTHS[m.group("tenth")])
        else:
            value = 50.0
        if value > 100:
            continue
        head = text[:m.start()]
        cut = max(head.rfind(c) for c in "，,；;：:。！？!?")
        clause = head[cut + 1:]
        rem, leads = clause, []
        if m.group("half") == "半":           # "过半", "近半": the qualifier is the character before
            leads.append(clause[-1])
            rem = clause[:-1]
        while (lm := _SHARE_LEAD.search(rem)) and lm.start() < len(rem):
            leads.append(lm.group(1))
            rem = rem[:lm.start()]
        tail = _SHARE_TAIL.match(text, m.end())
        after_q, what = (tail.group(1) or "", tail.group(2) or "") if tail else ("", "")
        if _NOT_SHARE_BEFORE.search(rem):
            continue
        of = _share_of_before(rem, leads, head[:cut + 1])
        if of is None and not _NOT_SHARE_AFTER.match(what):
            of = _share_of(what, rem, leads)
        if of is None:
            continue
        if any(q in leads for q in _Q_LESS) or after_q in ("以下", "以内"):
            q = "<"
        elif any(q in leads for q in _Q_MORE) or after_q in ("以上", "多", "余"):
            q = ">"
        elif any(q in leads for q in _Q_ABOUT) or after_q in ("左右", "上下"):
            q = "~"
        else:
            q = "="
        out.append(_Share(value, q, of, m.start(), m.end()))
    return out


def stated_share(quote: str, value: float) -> bool:
    """The quote states the share ``value``: as a percentage (45%, 45.0%), in tenths (三成) or as a half
    (半数, 一半, 过半, 近半), in either script."""
    return any(x.value == float(value) for x in _numbers(fold(quote)))


def _numbers(text: str) -> list[_Share]:
    out = []
    for m in _SHARE_NUM.finditer(text):
        v = float(m.group("pct")) if m.group("pct") else float(_TENTHS[m.group("tenth")]) if m.group("tenth") else 50.0
        out.append(_Share(v, "=", "", m.start(), m.end()))
    return out


def _share_of_before(rem: str, leads: list[str], earlier: str) -> str | None:
    """The share noun before the number: "份额约35%", "占其光模块采购约40%", "订单占比近半", "市占率32%"."""
    if re.search(r"(市场份额|市占率|市场占有率|占有率)$", rem):
        return "market"
    if rem.endswith("份额"):
        if re.search(r"(订单|采购)\S{0,2}份额$", rem):
            return "orders"
        if "市场" in rem[-8:]:
            return "market"
        # "获得字节跳动800G光模块订单，份额约35%": the share of the orders the sentence just named
        return "orders" if re.search(r"订单|采购", earlier + rem) else "market"
    m = re.search(r"(订单|采购|营收|收入|营业额|算力)(量|额|金额|规模|需求)?(中)?$", rem)
    # an amount is no share: the wording must say 占 ("占其…采购", "订单占比")
    if m and (any(x in leads for x in ("占", "占比", "占到", "占了", "占据", "比例", "比重"))
              or "占" in rem[max(0, m.start() - 14):m.start()]):
        return {"订单": "orders", "采购": "orders", "算力": "compute"}.get(m.group(1), "revenue")
    return None


def _share_of(what: str, rem: str = "", leads: list[str] | None = None) -> str | None:
    """The share noun after the number: "超30%订单", "30%推理算力", "50%以上份额", "供应30%的AI服务器".

    A share of the customer's purchases (采购) is a share of its orders: the KB's ``orders`` is "the
    share of the customer's buy" (data/SCHEMA.md)."""
    w, leads = what, leads or []
    verb = next((x for x in leads if x in ("拿下", "分食", "独占", "占据", "贡献", "贡献了")), "")
    if re.search(r"订单|采购|份额订单", w) or verb in ("拿下", "分食", "独占"):
        if "市场" in w:
            return "market"
        return "orders"
    if re.search(r"市场份额|份额|市占", w):
        return "market"
    if re.search(r"营收|收入|营业额", w) or verb.startswith("贡献"):
        return "revenue"
    if re.search(r"算力", w):
        return "compute"
    if w.strip() and _SUPPLY_VERB_END.search(rem):
        return "orders"      # "浪潮信息为字节跳动供应30%的AI服务器": a share of what the customer buys
    return None


# ---- proposing -----------------------------------------------------------------------------------

@dataclass
class _Party:
    ref: str
    start: int
    end: int
    weak: bool
    hub: bool


class Proposer:
    def __init__(self, index: NameIndex, text: str, mentions: list[MentionHit], report_key: str,
                 folded: FoldedText | None = None):
        self.index = index
        self.kb = index.kb
        self.text = text
        self.ft = folded or FoldedText.of(text)
        self.mentions = sorted((m for m in mentions if m.ref), key=lambda m: m.start)
        self._starts = [m.start for m in self.mentions]
        self.report_key = report_key
        self.doc = segment(text)
        self.hubs = self._hub_refs()
        self.groups = self._groups()
        self._ids: dict[str, int] = {}

    # -- helpers
    def _hub_refs(self) -> set[str]:
        out = set()
        for ref in CUSTOMER_HUBS.values():
            out.add(self.index.ref_of_code(ref) or ref)
        return out

    def customer_ref(self, ref: str) -> str | None:
        """The hub a party stands for as a customer (元宝 -> Tencent, 阿里云 -> Alibaba), or None."""
        cache = self.__dict__.setdefault("_cust_cache", {})
        if ref not in cache:
            cache[ref] = self._customer_ref(ref)
        return cache[ref]

    def _customer_ref(self, ref: str) -> str | None:
        if ref in self.hubs:
            return ref
        for a in self.index.ancestors(ref):
            if a in self.hubs:
                return a
        return None

    def _new_id(self, kind: str, *parts: str) -> str:
        base = hashlib.sha1("|".join((kind, *parts)).encode()).hexdigest()[:8]
        n = self._ids.get(base, 0)
        self._ids[base] = n + 1
        return f"{kind[0]}-{base}" + (f"-{n}" if n else "")

    def _folded(self, start: int, end: int) -> str:
        return self.ft.folded[start:end]

    def _parties_in(self, start: int, end: int, weak: bool = False) -> list[_Party]:
        """Parties named in [start, end); weak matches only when asked (they wait for the user)."""
        out = []
        for m in self.mentions[bisect.bisect_left(self._starts, start):bisect.bisect_left(self._starts, end)]:
            if m.end <= end and (weak or not m.weak):
                out.append(_Party(m.ref or "", m.start, m.end, m.weak, self.customer_ref(m.ref or "") is not None))
        return out

    def _groups(self) -> list[tuple[int, list[str]]]:
        """'腾讯、字节、阿里三大巨头' defines what a later '三大巨头' means."""
        out = []
        for m in _GROUP.finditer(self.ft.folded):
            refs = [p.ref for p in self._parties_in(m.start(1), m.end(1))]
            hubs = [self.customer_ref(r) for r in refs if self.customer_ref(r)]
            if len(hubs) >= 2:
                out.append((m.start(), list(dict.fromkeys(hubs))))
        return out

    def _group_at(self, pos: int) -> tuple[list[str], str] | None:
        """Hubs a 'N大巨头' at ``pos`` refers to, from the nearest earlier definition."""
        best = None
        for start, hubs in self.groups:
            if start <= pos:
                best = hubs
        if best is None and self.groups:
            best = self.groups[0][1]
        return (best, "") if best else None

    def _headings(self, s: Sentence) -> list[Heading]:
        return [self.doc.headings[i] for i in s.heading_path]

    def quote_span(self, s: Sentence, focus: tuple[int, int]) -> tuple[int, int]:
        """The sentence, or a window of whole clauses around ``focus`` when it is long."""
        if s.end - s.start <= MAX_QUOTE:
            return s.start, s.end
        a, b = focus
        cuts = [s.start] + [s.start + m.end() for m in _CLAUSE_END.finditer(s.text)] + [s.end]
        start = max((c for c in cuts if c <= a), default=s.start)
        end = min((c for c in cuts if c >= b), default=s.end)
        # widen by whole clauses while it fits
        while True:
            prev = max((c for c in cuts if c < start), default=None)
            nxt = min((c for c in cuts if c > end), default=None)
            grown = False
            if nxt is not None and nxt - start <= MAX_QUOTE:
                end, grown = nxt, True
            if prev is not None and end - prev <= MAX_QUOTE:
                start, grown = prev, True
            if not grown:
                break
        if end - start > MAX_QUOTE:  # one enormous clause: cut around the focus
            start = max(s.start, a - 40)
            end = min(s.end, max(b, start) + (MAX_QUOTE - (max(b, start) - start)))
        end = _trim_end(self.text, start, end)
        return start, end

    # -- companies -------------------------------------------------------------------------------
    def companies(self, all_mentions: list[MentionHit]) -> list[CompanyProposal]:
        by_ref: dict[str, CompanyProposal] = {}
        sent_of = self._sentence_of
        for m in all_mentions:
            if not m.ref:
                continue
            s = sent_of(m.start)
            if s is not None:
                qs, qe = self.quote_span(s, (m.start, m.end))
            else:
                qs, qe = m.start, m.end
            m.quote_start, m.quote_end, m.quote = qs, qe, self.text[qs:qe]
            cp = by_ref.get(m.ref)
            if cp is None:
                party = self.kb.party(m.ref)
                sec = self.index.securities.get(m.ref)
                listed = bool(party.company if party else sec) and not m.ref.endswith(".US")
                cp = CompanyProposal(
                    ref=m.ref, name=self.index.display_name(m.ref), listed=listed, known=party is not None,
                    exchange=m.ref.rsplit(".", 1)[1] if listed else "",
                    name_en=(party.name("en") if party else (sec.name_en if sec else "")),
                    name_zh_hant=(party.name("hant") if party else (sec.name_zh_hant if sec else "")))
                by_ref[m.ref] = cp
            cp.mentions.append(m)
        out = []
        for cp in by_ref.values():
            strong = [m for m in cp.mentions if not m.weak]
            cp.weak = not strong
            best = max(cp.mentions, key=lambda m: m.confidence)
            n = len(strong)
            cp.confidence = min(0.99, best.confidence + (0.03 * min(n - 1, 3) if n > 1 else 0))
            cp.reason = best.reason + (f"; named {len(cp.mentions)} times" if len(cp.mentions) > 1 else "")
            if not cp.known:
                cp.reason += "; not yet in the knowledge base"
            out.append(cp)
        out.sort(key=lambda c: (c.weak, -c.confidence, c.mentions[0].start))
        return out

    def _sentence_of(self, pos: int) -> Sentence | None:
        lo, hi = 0, len(self.doc.sentences) - 1
        while lo <= hi:
            mid = (lo + hi) // 2
            s = self.doc.sentences[mid]
            if pos < s.start:
                hi = mid - 1
            elif pos >= s.end:
                lo = mid + 1
            else:
                return s
        return None

    # -- edges and links ------------------------------------------------------------------------
    def edges_and_links(self) -> tuple[list[EdgeProposal], list[LinkProposal]]:
        edges: list[EdgeProposal] = []
        links: list[LinkProposal] = []
        seen_e: set[tuple[str, str, str, int]] = set()
        seen_l: set[tuple[str, str, str, int]] = set()
        for s in self.doc.sentences:
            parties = self._parties_in(s.start, s.end)
            if not parties:
                continue
            f = self._folded(s.start, s.end)
            if _DISCLAIMER.search(f):
                continue  # the legal notice names parties but claims nothing about them
            argued = any(w in f for w in _SPECULATION)
            for e in self._sentence_edges(s, f, parties, argued):
                key = (e.supplier, e.customer, e.segment, e.start)
                if key not in seen_e and e.supplier != e.customer:
                    seen_e.add(key)
                    edges.append(e)
            for link in self._sentence_links(s, f, parties, argued):
                key = (link.source, link.target, link.relation, link.start)
                if key not in seen_l and link.source != link.target:
                    seen_l.add(key)
                    links.append(link)
        return _best_per_key(edges, lambda e: (e.supplier, e.customer, e.segment)), \
            _best_per_key(links, lambda x: (x.source, x.target, x.relation))

    def _clauses(self, s: Sentence) -> list[tuple[int, int]]:
        out, c0 = [], s.start
        for m in _CLAUSE_END.finditer(s.text):
            out.append((c0, s.start + m.start()))
            c0 = s.start + m.end()
        out.append((c0, s.end))
        return [(a, b) for a, b in out if b > a]

    def _region(self, clauses: list[tuple[int, int]], sup: _Party, suppliers: list[_Party]) -> tuple[int, int]:
        """The supplier's clause and the clauses that go on about it ("…为本土龙头,向三大巨头批量供货"),
        up to the next clause that names another supplier."""
        i = next((k for k, (a, b) in enumerate(clauses) if a <= sup.start < b), None)
        if i is None:
            return sup.start, sup.end
        start, end = clauses[i]
        for a, b in clauses[i + 1:]:
            if any(a <= p.start < b for p in suppliers if p is not sup):
                break
            end = b
        return start, end

    def _sentence_edges(self, s: Sentence, f: str, parties: list[_Party], argued: bool) -> list[EdgeProposal]:
        lead_hubs = self._lead_hubs(s)
        if not any(c in f for c in _SUPPLY_CUES) and not lead_hubs:
            return []
        if _INVEST.search(f) and not re.search(r"(供应|提供|订单|供货|代理|服务商)", f):
            return []  # an investment sentence: links, not supply
        suppliers = [p for p in parties if not p.hub and self._can_supply(p.ref)]
        hubs_here = [p for p in parties if p.hub]
        out: list[EdgeProposal] = []
        heading_hubs = self._heading_hubs(s)
        clauses = self._clauses(s)
        directed = self._directed(s, parties)
        # A hub's own product or subsidiary supplying a third party, as the wording orders it:
        # "火山引擎正式成为央视春晚独家AI云合作伙伴".
        for a in parties:
            if a.hub and a.ref not in self.hubs and a not in suppliers:
                for cust, how in directed.get(a.ref, []):
                    if not self.family(cust, a.ref):
                        region = self._region(clauses, a, suppliers)
                        e = self._edge(s, a, region, cust, how, 0.15, argued, 1)
                        if e is not None:
                            out.append(e)
        for sup in suppliers:
            region = self._region(clauses, sup, suppliers)
            cf = self._folded(*region)
            has_cue = any(c in cf for c in _SUPPLY_CUES)
            if not has_cue and not lead_hubs:
                continue  # the supply wording must be in what the sentence says of this supplier
            strong_cue = any(c in cf for c in _STRONG_CUES)
            customers: list[tuple[str, str, float]] = []   # (ref, how, confidence delta)
            for cust, how in directed.get(sup.ref, []):
                customers.append((cust, how, 0.15))
            in_region = [h for h in hubs_here if region[0] <= h.start < region[1] and h.start > sup.start
                         and not self._serves(h, sup) and not self._uses(sup, h)]
            if not customers:
                for h in in_region:
                    customers.append((self.customer_ref(h.ref) or h.ref, "named in the same clause", 0.1))
            if not customers:
                customers += self._group_customers(region[0], region[1])
            if not customers:
                # "弘信电子作为其算力硬件核心供应商": 其 is the party named just before
                m = re.search(r"(作为|是|为)其.{0,12}(供应商|伙伴|服务商|代理商)", cf)
                if m:
                    prev = [p for p in parties if p.end <= sup.start and p.ref != sup.ref]
                    if prev:
                        customers.append((self.customer_ref(prev[-1].ref) or prev[-1].ref,
                                          f"'其' = {self.index.display_name(prev[-1].ref)}", 0.0))
            if not customers and has_cue:
                for h in hubs_here:
                    if not self._serves(h, sup) and not self._uses(sup, h):
                        customers.append((self.customer_ref(h.ref) or h.ref, "named in the sentence", -0.05))
            if not customers and lead_hubs:
                h_ref, lead = lead_hubs
                customers.append((h_ref, f"listed under '{lead}'", -0.1 if has_cue else -0.15))
            section = ""
            if not customers and heading_hubs and strong_cue:
                h_ref, section = heading_hubs
                customers.append((h_ref, f"from the heading '{section[:30]}'", -0.25))
            seen: set[str] = set()
            for cust, how, delta in customers:
                if cust in seen or self.family(cust, sup.ref):
                    continue
                seen.add(cust)
                e = self._edge(s, sup, region, cust, how, delta, argued, len(suppliers))
                if e is not None:
                    if section and "heading" in how:
                        e.section = section
                    out.append(e)
        # The hub as the supplier: "混元3D模型…服务了拓竹科技", "掌阅…全面接入Seedance 2.0".
        for h in hubs_here:
            for p in suppliers:
                if (self._serves(h, p) or self._uses(p, h)) and not self.family(h.ref, p.ref) \
                        and not any(e.supplier == p.ref and e.customer == (self.customer_ref(h.ref) or h.ref) for e in out):
                    hub = self.customer_ref(h.ref) or h.ref
                    span = (min(h.start, p.start), max(h.end, p.end))
                    e = self._edge(s, _Party(hub, h.start, h.end, h.weak, True), span,
                                   p.ref, f"'{self._folded(h.end, p.start)[:14]}…'", 0.0, argued, 1, seg_default="model_api")
                    if e is not None:
                        out.append(e)
        # The hub as supplier: "X 接入 Seedance / 混元" — the hub supplies a model to X.
        for h in hubs_here:
            for p in parties:
                if p.hub or not self._can_supply(p.ref) or p.start > h.start:
                    continue
                between = self._folded(p.end, h.start)
                hub = self.customer_ref(h.ref) or h.ref
                if any(e.supplier == p.ref and e.customer == hub for e in out):
                    continue  # "值得买…接入元宝大模型" already reads as 值得买 serving Tencent
                if re.search(r"(接入|采用|使用|调用|基于)", between) and len(between) <= 30:
                    qs, qe = self.quote_span(s, (p.start, h.end))
                    out.append(EdgeProposal(
                        id=self._new_id("edge", hub, p.ref, str(s.start)), supplier=hub, customer=p.ref,
                        segment="model_api", status="potential" if argued else "stated", argued=argued,
                        share_pct=None, share_qualifier=None, share_of=None, figures={}, themes=[],
                        note=f"{self.index.display_name(p.ref)} uses {self.index.display_name(h.ref)}",
                        quote=self.text[qs:qe], start=qs, end=qe, confidence=0.55 if not argued else 0.45,
                        reason=f"'{self.text[p.end:h.start][:12]}…' before {self.text[h.start:h.end]}: "
                               "the customer takes the hub's model"))
        return out

    def _serves(self, hub: _Party, p: _Party) -> bool:
        """The hub, named first, serves the party: "混元…服务了拓竹科技", "火山引擎赋能X"."""
        if hub.start > p.start:
            return False
        between = self._folded(hub.end, p.start)
        return len(between) <= 40 and bool(re.search(r"(服务了|服务于|赋能了?|覆盖了?|帮助)", between))

    def _uses(self, p: _Party, hub: _Party) -> bool:
        """The party, named first, takes the hub's model: "掌阅…全面接入Seedance 2.0", "X采用混元"."""
        if p.start > hub.start:
            return False
        between = self._folded(p.end, hub.start)
        return len(between) <= 30 and bool(re.search(r"(接入|采用|使用|调用|基于|搭载|引入)", between))

    def _directed(self, s: Sentence, parties: list[_Party]) -> dict[str, list[tuple[str, str]]]:
        """Pairs the wording itself orders: "A(正式)成为B的…合作伙伴", "A为B提供…", "A向B供货", "B的核心供应商A"."""
        out: dict[str, list[tuple[str, str]]] = {}
        for i, a in enumerate(parties):
            for b in parties[i + 1:]:
                if a.ref == b.ref or self.family(a.ref, b.ref):
                    continue
                between = self._folded(a.end, b.start)
                tail = self._folded(b.end, min(s.end, b.end + 24))
                if len(between) > 14:
                    continue
                if re.fullmatch(r"\s*(正式|已|已经|再次|继续|将)?\s*(成为|是|为|作为)(了)?\s*(\S{0,4}的)?\s*\S{0,8}", between) \
                        and re.match(r"\S{0,14}(供应商|合作伙伴|伙伴|合作方|服务商|代理商|提供商|供货商)", tail):
                    out.setdefault(a.ref, []).append((self.customer_ref(b.ref) or b.ref, "'…成为/为…的伙伴/供应商'"))
                elif re.fullmatch(r"\s*(为|向|给)\s*", between) and re.match(r"\S{0,20}(提供|供货|供应|交付|销售)", tail):
                    out.setdefault(a.ref, []).append((self.customer_ref(b.ref) or b.ref, "'…为/向…提供'"))
                elif re.fullmatch(r"\s*的?\S{0,10}(供应商|供货商|服务商|代理商)(之一)?\s*[:：,，]?\s*", between) and \
                        self._can_supply(b.ref):
                    out.setdefault(b.ref, []).append((self.customer_ref(a.ref) or a.ref, "'…的供应商…'"))
        return out

    def _lead_hubs(self, s: Sentence) -> tuple[str, str] | None:
        """'1. 腾讯生态：A…；B…': the list item's lead names the customer of everyone listed under it."""
        if not s.item_lead:
            return None
        f = fold(s.item_lead)
        for ref in self.hubs:
            names = self.index.names_of(ref)
            if any(n and n in f for n in names):
                return ref, s.item_lead
        return None

    def _group_customers(self, start: int, end: int) -> list[tuple[str, str, float]]:
        group = _GROUP_REF.search(self.ft.folded, start, end)
        if not group:
            return []
        g = self._group_at(group.start())
        if not g:
            return []
        names = ", ".join(self.index.display_name(r) for r in g[0])
        # The quote names the group, not the party: for review, not applied by default.
        return [(ref, f"'{self.text[group.start():group.end()]}' = {names} (defined earlier; the quote "
                      f"does not name the party)", -0.25) for ref in g[0]]

    def _can_supply(self, ref: str) -> bool:
        """Listed companies and the companies the KB knows; not products, not governments."""
        if ref in self.index.securities or self.kb.company(ref) is not None:
            return True
        e = self.kb.entities.get(ref)
        return e is not None and e.kind in ("startup", "private", "subsidiary")

    def family(self, a: str, b: str) -> bool:
        """One party is the other's product, subsidiary or parent (元宝 and Tencent)."""
        return a == b or a in self.index.ancestors(b) or b in self.index.ancestors(a) or (
            self.customer_ref(a) is not None and self.customer_ref(a) == self.customer_ref(b))

    def _listed_or_known(self, ref: str) -> bool:
        return ref in self.index.securities or self.kb.party(ref) is not None

    def _heading_hubs(self, s: Sentence) -> tuple[str, str] | None:
        for h in reversed(self._headings(s)):
            for p in self._parties_in(h.start, h.end):
                c = self.customer_ref(p.ref)
                if c:
                    return c, h.text
        return None

    def _edge(self, s: Sentence, sup: _Party, clause: tuple[int, int], cust: str, how: str, delta: float,
              argued: bool, n_suppliers: int, seg_default: str | None = None) -> EdgeProposal | None:
        cf = self._folded(*clause)
        sf = self._folded(s.start, s.end)
        headings = " ".join(fold(h.text) for h in self._headings(s))
        lead = fold(s.item_lead)
        # A specific word in the clause ("交换机", "代理权") beats the list item's heading, which beats
        # the clause's generic words ("模型", "平台").
        seg, seg_from = _segment(cf, "clause")
        if seg is None or seg in WEAK_SEGMENTS:
            lead_seg, _ = _segment(lead, "list item") if lead else (None, "")
            if lead_seg is not None:
                seg, seg_from = lead_seg, "list item"
        if seg is None:
            seg, seg_from = _segment(sf, "sentence")
        if seg is None:
            seg, seg_from = _segment(headings, "heading")
        if seg is None and seg_default:
            seg, seg_from = seg_default, "default for this wording"
        if seg is None:
            return None
        figures: dict[str, object] = {}
        share_pct = share_q = share_of = None
        share_end = sup.end
        clause_suppliers = [p for p in self._parties_in(*clause) if not p.hub]
        for sh in _shares(cf):
            if len(clause_suppliers) > 1 or re.search(r"分食|合计|共同|合占", cf):
                figures["combined_share_pct"] = sh.value
                figures["combined_share_of"] = sh.of
                if sh.qualifier != "=":
                    figures["combined_share_qualifier"] = sh.qualifier
                continue
            if sh.qualifier == "<":
                # "份额不足20%" states a bound, not a share: kept as stated, never as share_pct (a
                # "share ≥ 15%" screen would take it for 20 %)
                figures.setdefault("share_below_pct", sh.value)
                figures.setdefault("share_below_of", sh.of)
                continue
            share_pct, share_q, share_of = sh.value, sh.qualifier, sh.of
            share_end = clause[0] + sh.end
            break
        if "唯一" in cf:
            figures["sole_supplier"] = True
        if "独家" in cf:
            figures["exclusive"] = True
        for m in _GPU.finditer(cf):
            n = float(m.group(1)) * (10000 if m.group(2) else 1)
            figures["gpu_count"] = int(n) if n.is_integer() else n
        for m in _AMOUNT.finditer(cf):
            figures["amount"] = float(m.group(1))
            figures["amount_unit"] = (m.group(2) or "") + m.group(3)
        status = "core" if any(w in cf for w in _CORE) or (
            _CORE_HEADING.search(headings) and "潜在" not in headings) else "stated"
        heading_potential = "潜在" in headings or "潜在" in sf
        if argued or heading_potential:
            status = "potential"
        conf = 0.55 + delta
        reasons = [f"{self.index.display_name(sup.ref)} supplies {self.index.display_name(cust)} ({how})",
                   f"segment {SEGMENTS.get(seg, seg)} from the {seg_from}"]
        if seg_from in ("clause", "list item"):
            conf += 0.1
        if any(c in cf for c in ("供应商", "提供", "供货", "订单", "独家", "代理", "份额", "承接")):
            conf += 0.15
            reasons.append("explicit supply wording")
        if share_pct is not None:
            conf += 0.05
            reasons.append(f"share {share_q if share_q != '=' else ''}{share_pct:g}% of {share_of}")
        if sup.weak:
            conf -= 0.2
            reasons.append("the supplier's name is a weak match")
        if argued:
            conf = min(conf, 0.55)   # an argued claim waits for the user: never applied by default
            words = [w for w in _SPECULATION if w in sf][:3]
            reasons.append(f"argued, not stated ({'、'.join(words)})")
        elif heading_potential:
            reasons.append("the section calls it potential")
        # the quote reaches the share when it can ("新易盛获得…订单，份额约35%"): apply checks the quote states it
        qs, qe = self.quote_span(s, (sup.start, share_end if share_end - sup.start < MAX_QUOTE else sup.end))
        if share_pct is not None and not stated_share(self.text[qs:qe], share_pct):
            reasons.append(f"the share {share_pct:g}% is outside the quote: not proposed")
            share_pct = share_q = share_of = None
        context = ""
        cust_names = self.index.names_of(cust)
        quote_f = self._folded(qs, qe).replace(" ", "")
        if not any(n and n in quote_f for n in cust_names | _child_names(self, cust)):
            # the quote does not name the customer: give the shortest span that does, when short enough
            context = self._context_with(qs, qe, cust)
            if not context and "heading" not in how and "listed under" not in how:
                conf -= 0.2
                reasons.append(f"the quote does not name {self.index.display_name(cust)}")
        conf = max(0.05, min(0.97, conf))
        return EdgeProposal(
            id=self._new_id("edge", sup.ref, cust, seg, str(s.start)), supplier=sup.ref, customer=cust,
            segment=seg, status=status, argued=argued, share_pct=share_pct, share_qualifier=share_q,
            share_of=share_of, figures=figures, themes=[], note="",
            quote=self.text[qs:qe], start=qs, end=qe, context=context, confidence=conf,
            reason="; ".join(reasons))

    def _context_with(self, qs: int, qe: int, ref: str) -> str:
        """The quote widened back to the nearest earlier mention of ``ref`` (≤ 300 characters)."""
        lo = bisect.bisect_left(self._starts, qe - 300)
        hi = bisect.bisect_left(self._starts, qs)
        for m in reversed(self.mentions[lo:hi]):
            if m.end <= qs and (m.ref == ref or self.customer_ref(m.ref or "") == ref):
                return self.text[m.start:qe]
        return ""

    @staticmethod
    def _clause_argued(s: Sentence, f: str, start: int, end: int) -> bool:
        """Whether the clause (between commas, semicolons) spanning ``start``–``end`` argues or guesses."""
        seps = "，,；;。"
        a, b = max(0, start - s.start), min(len(f), end - s.start)
        lo = max((f.rfind(c, 0, a) for c in seps), default=-1) + 1
        his = [i for i in (f.find(c, b) for c in seps) if i >= 0]
        hi = min(his) if his else len(f)
        return any(w in f[lo:hi] for w in _SPECULATION)

    def _sentence_links(self, s: Sentence, f: str, parties: list[_Party], argued: bool) -> list[LinkProposal]:
        out: list[LinkProposal] = []
        if len(parties) < 2:
            return out
        refs = list(dict.fromkeys(p.ref for p in parties))
        if len(refs) < 2:
            return out
        qs, qe = self.quote_span(s, (parties[0].start, parties[-1].end))
        quote = self.text[qs:qe]
        sub = _SUB.search(f)
        if sub:
            # "阿里巴巴旗下高德", "其子公司有益数字": the party after the cue belongs to the one before it
            cue = s.start + sub.start()
            before = [p for p in parties if p.end <= cue]
            after = [p for p in parties if p.start >= cue + len(sub.group(1))]
            if before and after:
                parent, child = before[-1], after[0]
                # "阿里巴巴旗下高德地圖已正式啟動…，並計畫推出…": the plan is argued, the ownership is not —
                # only the clause holding both parties and the cue decides
                argued = self._clause_argued(s, f, parent.start, child.end)
                out.append(LinkProposal(
                    id=self._new_id("link", child.ref, parent.ref, "sub", str(s.start)), source=child.ref,
                    target=parent.ref, relation="subsidiary_of", stake_pct=None, argued=argued,
                    quote=quote, start=qs, end=qe, confidence=0.7 if not argued else 0.5,
                    reason=f"'{sub.group(1)}' between {self.index.display_name(parent.ref)} and "
                           f"{self.index.display_name(child.ref)}"))
        for src, dst, rel, stake, why in self._investments(s, f, parties):
            if self.family(src.ref, dst.ref):
                continue
            out.append(LinkProposal(
                id=self._new_id("link", src.ref, dst.ref, rel, str(s.start)), source=src.ref, target=dst.ref,
                relation=rel, stake_pct=stake, argued=argued, quote=quote, start=qs, end=qe,
                confidence=0.7 - (0.15 if argued else 0) - (0.1 if src.weak or dst.weak else 0),
                reason=f"{self.index.display_name(src.ref)} → {self.index.display_name(dst.ref)}: {why}"
                       + (f"; stake {stake:g}% stated" if stake is not None else "")
                       + ("; argued, not stated" if argued else "")))
        if out:
            return out
        if _PARTNER.search(f) and not any(c in f for c in ("供应商", "提供", "供货", "订单")):
            listed = [p for p in parties if self._listed_or_known(p.ref)]
            if len(listed) == 2 and not (listed[0].hub ^ listed[1].hub) and not self.family(listed[0].ref,
                                                                                             listed[1].ref):
                a, b = listed
                out.append(LinkProposal(
                    id=self._new_id("link", a.ref, b.ref, "partner", str(s.start)), source=a.ref, target=b.ref,
                    relation="partner", stake_pct=None, argued=argued, quote=quote, start=qs, end=qe,
                    confidence=0.5 - (0.15 if argued else 0),
                    reason=f"'{_PARTNER.search(f).group(1)}' between the two"))
        return out

    def _investments(self, s: Sentence, f: str, parties: list[_Party]
                     ) -> list[tuple[_Party, _Party, str, float | None, str]]:
        """(investor, investee, relation, stake, why) read from the sentence's own wording."""
        out: list[tuple[_Party, _Party, str, float | None, str]] = []

        def before(pos: int, span: int = 8) -> list[_Party]:
            return [p for p in parties if p.end <= pos and pos - p.end <= span]

        def after(pos: int, span: int = 24) -> list[_Party]:
            return [p for p in parties if p.start >= pos and p.start - pos <= span]

        # "实益达：持有…六度人和13.045%股权": the party right before the stake is owned by the subject.
        for m in _STAKE.finditer(f):
            pos = s.start + m.start()
            owned = before(pos, 4)
            if not owned:
                continue
            investors = [p for p in parties if p.end <= owned[-1].start and p.ref != owned[-1].ref]
            if investors and re.search(r"持有|持股|拥有|持", f[:m.start()]):
                stake = float(m.group(1))
                out.append((investors[0], owned[-1], "owns" if stake > 50 else "invests_in", stake,
                            f"holds {m.group(0)}"))
        # "A领投、B跟投": investors before the cue; the one raising money is named before 融资/轮.
        for m in re.finditer(r"(领投|跟投|参投|联合投资|参与投资|参与了?本轮)", f):
            pos = s.start + m.start()
            investors = [p for p in parties if p.end <= pos and pos - p.end <= 12]
            raised = re.search(r"(完成|获得|宣布|启动).{0,14}(融资|轮)", f)
            target = None
            if raised:
                cands = [p for p in parties if p.end <= s.start + raised.start()]
                target = cands[-1] if cands else None
            if target is None:
                cands = [p for p in parties if p.start >= pos]
                target = cands[0] if cands else None
            for inv in investors:
                if target is not None and inv.ref != target.ref:
                    out.append((inv, target, "invests_in", None, f"'{m.group(1)}'"))
        # "B的投资方包括A、C", "站在MiniMax与智谱AI背后的战略投资者阿里巴巴与腾讯"
        for m in re.finditer(r"(背后)?的(战略)?(投资方|投资者|投资人|股东)(包括|有|为|是)?", f):
            pos = s.start + m.start()
            targets = [p for p in parties if p.end <= pos and pos - p.end <= 12]
            investors = [p for p in parties if p.start >= s.start + m.end() and p.start - (s.start + m.end()) <= 16]
            for tgt in targets:
                for inv in investors:
                    if inv.ref != tgt.ref:
                        out.append((inv, tgt, "invests_in", None, f"'{m.group(0)}'"))
        # "A(战略)投资(了)B", "A入股B", "A注资B"
        for m in re.finditer(r"(战略投资|投资了|入股|注资|投资)", f):
            if f[m.end():m.end() + 1] in ("方", "者", "人", "建", "价", "逻", "机", "评") or "的投资" in f[max(0, m.start() - 1):m.end()]:
                continue  # 投资方 / 投资建议 / 投资逻辑: not an investment act
            pos = s.start + m.start()
            inv = before(pos, 4)
            tgt = after(s.start + m.end(), 16)
            if inv and tgt and inv[-1].ref != tgt[0].ref:
                out.append((inv[-1], tgt[0], "invests_in", None, f"'{m.group(1)}'"))
        # subsidiaries are handled by the caller; dedupe here
        seen: set[tuple[str, str]] = set()
        uniq = []
        for t in out:
            k = (t[0].ref, t[1].ref)
            if k not in seen:
                seen.add(k)
                uniq.append(t)
        return uniq

    # -- themes ------------------------------------------------------------------------------------
    def themes(self, companies: list[CompanyProposal], edges: list[EdgeProposal]) -> list[ThemeProposal]:
        strong = {c.ref for c in companies if not c.weak}
        out: list[ThemeProposal] = []
        head_text = fold(" ".join(h.text for h in self.doc.headings) + self.text[:400])
        first_quote = {c.ref: c.mentions[0] for c in companies}
        roles = _roles(edges)
        for t in self.kb.themes.values():
            members = set(self.kb.theme_members(t.id))
            found = members & strong
            grams = _bigrams(fold(t.title_zh))
            kw = len(grams & _bigrams(head_text)) / max(1, len(grams))
            score = 0.6 * min(1.0, len(found) / max(1, min(len(members), 8))) + 0.4 * kw
            if score < 0.35 or not found:
                continue
            if kw < 0.3:
                score = min(score, 0.45)   # members in common but the report is not about it: review only
            tp = ThemeProposal(id=t.id, new=False, title_zh=t.title_zh, title_en=t.title_en, score=round(score, 3),
                               reason=f"{len(found)} of its {len(members)} members named; title words "
                                      f"{kw:.0%} in the headings")
            for ref in sorted(found, key=lambda r: first_quote[r].start):
                m = first_quote[ref]
                tp.members.append(MemberProposal(theme=t.id, ref=ref, role=roles.get(ref, ""), quote=m.quote,
                                                 start=m.quote_start, end=m.quote_end,
                                                 confidence=round(min(0.9, 0.5 + score / 2), 3),
                                                 reason="already a member; this report names it too"))
            out.append(tp)
        # New themes from the report's top headings: the listed companies named in the section.
        tops = [h for h in self.doc.headings if h.level <= 1]
        seen_new: set[str] = set()
        seen_titles: set[str] = set()
        starts = {c.ref: sorted(m.start for m in c.mentions) for c in companies if not c.weak and c.listed}
        for i, h in enumerate(tops):
            nxt = tops[i + 1].start if i + 1 < len(tops) else len(self.text)

            def named_between(ref: str) -> bool:
                ss = starts[ref]
                k = bisect.bisect_left(ss, h.end)
                return k < len(ss) and ss[k] < nxt

            refs = [c for c in companies if c.ref in starts and named_between(c.ref)]
            if len(refs) < 3:
                continue
            title = _heading_title(h.text)
            if len(re.sub(r"[\W\d_]+", "", title)) < 4:
                continue  # "Part.1": a number, not a title
            if any(fold(title) == fold(t.title_zh) for t in self.kb.themes.values()):
                continue
            tid = "user-" + hashlib.sha1((self.report_key + title).encode()).hexdigest()[:8]
            tp = ThemeProposal(id=tid, new=True, title_zh=title, title_en="", heading=h.text,
                               score=round(min(0.9, 0.3 + 0.05 * len(refs)), 3),
                               reason=f"section heading naming a group of {len(refs)} listed companies")
            if tid in seen_new or fold(title) in seen_titles:
                continue
            seen_new.add(tid)
            seen_titles.add(fold(title))
            for c in refs:
                m = c.mentions[bisect.bisect_left([x.start for x in c.mentions], h.end)]
                tp.members.append(MemberProposal(theme=tid, ref=c.ref, role=roles.get(c.ref, ""), quote=m.quote,
                                                 start=m.quote_start, end=m.quote_end,
                                                 confidence=round(min(0.85, c.confidence - 0.1), 3),
                                                 reason=f"named in the section '{title[:24]}'"))
            out.append(tp)
        out.sort(key=lambda t: (t.new, -t.score))
        return out


def _best_per_key(items: list, key) -> list:
    """One proposal per claim: the best-supported sentence, the others noted in its reason."""
    groups: dict = {}
    for it in items:
        groups.setdefault(key(it), []).append(it)
    out = []
    for group in groups.values():
        best = max(group, key=lambda x: (x.confidence, getattr(x, "share_pct", None) is not None, -x.start))
        if len(group) > 1:
            best.reason += f"; stated in {len(group)} sentences"
            best.confidence = min(0.97, best.confidence + 0.05)
            figs = getattr(best, "figures", None)
            if figs is not None:
                for other in group:
                    for k, v in other.figures.items():
                        if k.startswith("combined_"):
                            figs.setdefault(k, v)
        out.append(best)
    out.sort(key=lambda x: x.start)
    return out


def _child_names(p: Proposer, ref: str) -> set[str]:
    """Folded names of the parties that stand for ``ref`` as a customer (元宝 for Tencent)."""
    cache = p.__dict__.setdefault("_child_cache", {})
    if ref in cache:
        return cache[ref]
    out: set[str] = set()
    for e in p.kb.entities.values():
        if p.customer_ref(e.id) == ref:
            out |= p.index.names_of(e.id)
    cache[ref] = out
    return out


def _segment(text: str, where: str) -> tuple[str | None, str]:
    """The first segment (in SEGMENT_WORDS' order of specificity) whose words the text uses."""
    if not text:
        return None, ""
    for seg, words in SEGMENT_WORDS:
        if any(w in text for w in words):
            return seg, where
    return None, ""


def _bigrams(s: str) -> set[str]:
    s = re.sub(r"[\s\W\d_]+", "", s)
    return {s[i:i + 2] for i in range(len(s) - 1)}


def _heading_title(text: str) -> str:
    t = _HEADING_NUM.sub("", text).strip()
    t = re.split(r"[：:]", t)[0].strip() or t
    return t[:40]


def _roles(edges: list[EdgeProposal]) -> dict[str, str]:
    """A member's role in a theme: the segments it supplies in ("AI servers, IDC")."""
    segs: dict[str, dict[str, None]] = {}
    for e in edges:
        segs.setdefault(e.supplier, {})[SEGMENTS.get(e.segment, e.segment)] = None
    return {ref: ", ".join(v)[:60] for ref, v in segs.items()}


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in "，,、；;：: ":
        end -= 1
    return end
