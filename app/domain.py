"""Domain objects: plain dataclasses, no Qt, no storage."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from app.codes import Listing, Market, parse

SEGMENTS = {
    "ai_servers": "AI servers", "idc": "IDC", "liquid_cooling_power": "Liquid cooling & power",
    "optical_modules": "Optical modules", "switches": "Switches",
    "inference_compute": "Inference compute", "chips": "Chips",
    "cloud_distribution": "Cloud distribution", "campaign_planning": "Campaign planning",
    "kol_marketing": "KOL marketing", "content_material": "Content & material",
    "ad_agency": "Ad agency", "compliance": "Compliance", "traffic_conversion": "Traffic conversion",
    "ai_hardware_device": "AI devices", "software_platform": "Software platform",
    "industry_application": "Industry application", "model_api": "Model API",
    "investment": "Investment",
}

HUB_LABELS = {"0700.HK": "Tencent", "9988.HK": "Alibaba", "bytedance": "ByteDance", "9888.HK": "Baidu",
              "1024.HK": "Kuaishou", "1810.HK": "Xiaomi"}


class StoreError(Exception):
    """A store operation that cannot be done, with the reason (no half-done writes)."""


# Hubs whose supplier chains the desk screens by; each resolves to a party ref.
CUSTOMER_HUBS = {
    "tencent": "0700.HK",
    "alibaba": "9988.HK",
    "bytedance": "bytedance",
    "baidu": "9888.HK",
    "kuaishou": "1024.HK",
    "xiaomi": "1810.HK",
}


@dataclass(frozen=True)
class Report:
    file: str
    publisher: str
    publisher_en: str
    title: str
    date: dt.date
    date_precision: str = "day"
    analysts: tuple[str, ...] = ()
    language: str = "zh-Hans"
    rating: str | None = None
    ai_compiled: bool = False
    quote: str = ""

    @property
    def stem(self) -> str:
        return self.file.rsplit(".", 1)[0]

    @property
    def date_label(self) -> str:
        return self.date.strftime("%Y-%m") if self.date_precision == "month" else self.date.isoformat()

    @property
    def label(self) -> str:
        flag = " [AI-compiled]" if self.ai_compiled else ""
        return f"{self.publisher_en or self.publisher}, {self.date_label}{flag}"


@dataclass(frozen=True)
class Evidence:
    """Why a fact is in the knowledge base: the report and a verbatim quote from it."""

    report: str  # report file name
    quote: str
    # A longer verbatim substring of the same report (a sentence or clause) that contains the quote
    # and names the parties when the quote alone does not; "" when the quote is enough.
    context: str = ""
    # The heading line of the report section the quote sits in, when only the heading names a party
    # (a list under "四、腾讯元宝红包活动核心合作提供商…" never repeats 腾讯 on its lines); "" otherwise.
    section: str = ""


@dataclass(frozen=True)
class Company:
    """A listed company: one company, one or more listings (A + H is one company)."""

    codes: tuple[str, ...]
    name_zh_hans: str
    name_zh_hant: str
    name_en: str
    aliases: tuple[str, ...] = ()
    industry: str = ""

    @property
    def code(self) -> str:
        return self.codes[0]

    @property
    def listings(self) -> tuple[Listing, ...]:
        return tuple(parse(c) for c in self.codes)

    @property
    def exchange(self) -> str:
        return self.codes[0].rsplit(".", 1)[1]

    def name(self, script: str = "hans") -> str:
        return {"hans": self.name_zh_hans, "hant": self.name_zh_hant, "en": self.name_en}.get(
            script, self.name_zh_hans)


@dataclass(frozen=True)
class Entity:
    """An unlisted party (ByteDance, Moonshot, a chip start-up, a product line)."""

    id: str
    name_zh_hans: str
    name_zh_hant: str
    name_en: str
    kind: str = "private"
    parent: str | None = None
    aliases: tuple[str, ...] = ()

    def name(self, script: str = "hans") -> str:
        return {"hans": self.name_zh_hans, "hant": self.name_zh_hant, "en": self.name_en}.get(
            script, self.name_zh_hans)


def in_script(english: str, zh: str, script: str) -> str:
    """``zh`` (Simplified) in the Chinese scripts, converted for hant; ``english`` otherwise or when no Chinese is written."""
    if script in ("hans", "hant") and zh:
        if script == "hant":
            from app.text import to_hant

            return to_hant(zh)
        return zh
    return english


@dataclass(frozen=True)
class Theme:
    id: str
    title_zh: str
    title_en: str
    description: str = ""
    parent: str | None = None
    description_zh: str = ""

    def describe(self, script: str = "en") -> str:
        """The description in ``script`` (hans, hant, en); English where no Chinese is written."""
        return in_script(self.description, self.description_zh, script)

    def title_in(self, script: str = "en") -> str:
        """The title in ``script``: the reports' Chinese (繁體 by conversion) or English."""
        return in_script(self.title_en or self.title_zh, self.title_zh, script)


@dataclass(frozen=True)
class Mention:
    ref: str
    evidence: Evidence


@dataclass(frozen=True)
class Membership:
    theme: str
    ref: str
    role: str
    evidence: Evidence
    argued: bool = False  # the report argues, hopes or guesses (可能, 有望, 或将, 若 ...), not states
    role_zh: str = ""     # the role in Simplified Chinese (Traditional by conversion)

    def describe(self, script: str = "en") -> str:
        """The role in ``script`` (hans, hant, en); English where no Chinese is written."""
        return in_script(self.role, self.role_zh, script)


@dataclass(frozen=True)
class Edge:
    """Supplier -> customer, as one report states it."""

    supplier: str
    customer: str
    segment: str
    status: str  # core | potential | stated
    share_pct: float | None
    share_qualifier: str | None
    figures: dict[str, Any]
    themes: tuple[str, ...]
    note: str
    evidence: Evidence
    argued: bool = False  # the report argues, hopes or guesses (可能, 有望, 或将, 若 ...), not states
    share_of: str | None = None  # what share_pct is a share of: orders | market | revenue | compute
    note_zh: str = ""  # the note in Simplified Chinese (Traditional by conversion)

    def describe(self, script: str = "en") -> str:
        """The note in ``script`` (hans, hant, en); English where no Chinese is written."""
        return in_script(self.note, self.note_zh, script)

    @property
    def share_label(self) -> str:
        if self.share_pct is None:
            return ""
        q = {">": ">", "~": "~", "=": "", None: ""}.get(self.share_qualifier, self.share_qualifier or "")
        value = f"{self.share_pct:g}"
        return f"{q}{value}%"


@dataclass(frozen=True)
class Link:
    source: str
    target: str
    relation: str
    stake_pct: float | None
    note: str
    evidence: Evidence
    argued: bool = False  # the report argues, hopes or guesses (可能, 有望, 或将, 若 ...), not states
    note_zh: str = ""  # the note in Simplified Chinese (Traditional by conversion)

    def describe(self, script: str = "en") -> str:
        """The note in ``script`` (hans, hant, en); English where no Chinese is written."""
        return in_script(self.note, self.note_zh, script)


@dataclass(frozen=True)
class Event:
    ref: str
    date: dt.date
    kind: str
    value: float | None
    unit: str
    note: str
    evidence: Evidence
    date_precision: str = "day"   # "month" when the report gives only the month
    note_zh: str = ""  # the note in Simplified Chinese (Traditional by conversion)

    def describe(self, script: str = "en") -> str:
        """The note in ``script`` (hans, hant, en); English where no Chinese is written."""
        return in_script(self.note, self.note_zh, script)


@dataclass(frozen=True)
class Recommendation:
    ref: str
    action: str
    evidence: Evidence


@dataclass
class FigureTable:
    """A tidy numeric table from the reports (columns as in the CSV, codes kept as text)."""

    name: str
    columns: list[str]
    rows: list[dict[str, Any]] = field(default_factory=list)

    @property
    def reports(self) -> list[str]:
        return sorted({r.get("report", "") for r in self.rows if r.get("report")})


@dataclass
class WatchlistItem:
    code: str
    position: int
    notes: str = ""
    tags: tuple[str, ...] = ()
    rating: int | None = None
    target_price: float | None = None
    added_at: dt.datetime | None = None
    id: int | None = None
    watchlist_id: int | None = None
    version: int = 1            # +1 on every change of the user fields (conflict checks)
    updated_by: str = ""        # the database role that changed it last (team mode)

    USER_FIELDS = ("notes", "tags", "rating", "target_price")


@dataclass
class Watchlist:
    id: int
    name: str
    position: int
    items: list[WatchlistItem] = field(default_factory=list)
    owner: str = ""             # team mode: the PostgreSQL role that created it
    sharing: str = "edit"       # personal | read (shared read-only) | edit (shared for editing)

    @property
    def codes(self) -> list[str]:
        return [i.code for i in self.items]


def market_of(code: str) -> Market | None:
    try:
        return parse(code).market
    except ValueError:
        return None


_CURRENCY_MARKS = {"HKD": ("HKD", "HK$", "港币", "港幣", "港元"), "CNY": ("CNY", "RMB", "¥", "￥", "元", "人民币", "人民幣"),
                   "USD": ("USD", "US$", "$", "美元")}


def strip_currency(value: Any, code: str) -> Any:
    """A target typed as the table shows it ("HKD 420", "420 港元", "¥35.5") is its number when the
    currency is the listing's (``code``'s); another currency is refused (a target is kept in the
    listing's own)."""
    from app.codes import currency as currency_of

    if not isinstance(value, str):
        return value
    currency = currency_of(code)
    s = value.strip()
    for cur, marks in _CURRENCY_MARKS.items():
        for m in sorted(marks, key=len, reverse=True):
            if s.upper().startswith(m) or s.upper().endswith(m):
                rest = (s[len(m):] if s.upper().startswith(m) else s[: len(s) - len(m)]).strip()
                if cur != currency:
                    raise StoreError(f"target price {value!r} is in {cur}; this listing trades in {currency} "
                                     f"(type the target in {currency})")
                return rest
    return s


def validate_user_fields(fields: dict[str, Any]) -> dict[str, Any]:
    """Check and normalise user fields; raises StoreError naming the field and the value."""
    out: dict[str, Any] = {}
    for k, v in fields.items():
        if k == "notes":
            out[k] = "" if v is None else str(v)
        elif k == "tags":
            if v is None or v == "":
                out[k] = ()
            elif isinstance(v, str):
                out[k] = tuple(dict.fromkeys(t.strip() for t in v.replace("，", ",").replace(";", ",")
                                             .split(",") if t.strip()))
            else:
                out[k] = tuple(dict.fromkeys(str(t).strip() for t in v if str(t).strip()))
        elif k == "rating":
            if v is None or v == "":
                out[k] = None
            else:
                try:
                    r = float(v)
                except (TypeError, ValueError):
                    raise StoreError(f"rating {v!r} is not a number from 1 to 5") from None
                if not r.is_integer() or not 1 <= r <= 5:
                    raise StoreError(f"rating {v!r} must be a whole number from 1 to 5")
                out[k] = int(r)
        elif k == "target_price":
            if v is None or v == "":
                out[k] = None
            else:
                try:
                    p = float(str(v).replace(",", ""))
                except (TypeError, ValueError):
                    raise StoreError(f"target price {v!r} is not a number") from None
                if not p > 0 or p != p or p == float("inf"):
                    raise StoreError(f"target price {v!r} must be a positive number")
                out[k] = p
    return out
