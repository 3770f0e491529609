"""Check the knowledge base's Chinese roles and notes (``role_zh`` / ``note_zh``) against their English.

Every theme membership's ``role`` and every supplier edge's, link's (stakes, partnerships, ownership) and
event's ``note`` carries a Simplified-Chinese version (Traditional is converted from it). This script checks
each pair:

* it is there, and written in Simplified Chinese;
* **the numbers are the same**: the multiset of numbers written in digits (a percentage counts as its own
  kind; ``1,000`` is 1000; ``30-100%`` is 30% and 100%, ``10-12 bn`` 10 bn and 12 bn; an English month name
  counts as its number) is equal.
  A magnitude is compared by value (``1 bn`` = ``10亿``, ``23.2 m`` = ``2320万``), but a Chinese magnitude
  (``10亿``, ``2320万``, ``50兆``) must be the report's own form: it must appear, digits and unit, in the
  report (a quote or context of the same report file, or the report's text when the reports are at hand).
  No conversion of our own is written;
* **a guess stays a guess, a fact a fact**: an English hedge (potential, argued, possibly, estimated ...) has
  a Chinese one (潜在, 可能, 有望, 预计, 推断 ...), and the Chinese adds a hedge only where the claim is
  ``argued: true`` (an event is never argued: its Chinese hedges only where its English does);
* the report's status words survive: core → 核心, exclusive → 独家, sole → 唯一 (and 独家 / 唯一 only
  where the English says so).

    python tools/check_kb_zh.py [--seeds DIR]     # exit 1 and list the problems when any pair fails
"""
from __future__ import annotations

import argparse
import os
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from app.kb import KnowledgeBase, load  # noqa: E402
from app.text import to_hans  # noqa: E402

EN_UNITS = {"bn": 1e9, "billion": 1e9, "mn": 1e6, "million": 1e6, "m": 1e6, "k": 1e3, "thousand": 1e3,
            "trn": 1e12, "tn": 1e12, "trillion": 1e12}
ZH_UNITS = {"万亿": 1e12, "萬億": 1e12, "兆": 1e12, "亿": 1e8, "億": 1e8, "万": 1e4, "萬": 1e4}
MONTHS = {m: i for i, names in enumerate(
    (("Jan", "January"), ("Feb", "February"), ("Mar", "March"), ("Apr", "April"), ("May",),
     ("Jun", "June"), ("Jul", "July"), ("Aug", "August"), ("Sep", "Sept", "September"),
     ("Oct", "October"), ("Nov", "November"), ("Dec", "December")), start=1) for m in names}

_NUM = r"(\d+(?:,\d{3})*(?:\.\d+)?)"
_RANGE_PCT = re.compile(_NUM + r"\s*[-–~]\s*(?=" + _NUM + r"\s*%)")
_RANGE_UNIT = re.compile(_NUM + r"\s*[-–~]\s*(?=" + _NUM + r"\s?(" + "|".join(sorted(EN_UNITS, key=len, reverse=True))
                         + r")\b)")
_EN = re.compile(r"(?<!\d)(?<!\d\.)" + _NUM + r"(?:\s*(%)|\s?(" + "|".join(sorted(EN_UNITS, key=len, reverse=True))
                 + r")\b)?")
_ZH = re.compile(r"(?<!\d)(?<!\d\.)" + _NUM + r"\s*(%|％|" + "|".join(sorted(ZH_UNITS, key=len, reverse=True)) + r")?")
_MONTH = re.compile(r"\b(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\b")

EN_HEDGES = re.compile(r"\b(potential(?:ly)?|argued|possibl[ey]|may|might|could|expected|expects|likely|"
                       r"hopes?|estimated|reportedly|market reports?)\b", re.IGNORECASE)
ZH_HEDGES = ("潜在", "可能", "有望", "或将", "预计", "据市场消息", "推断", "若")
# (English word, Chinese word, the Chinese only where the English says it)
# Simplified names the Traditional->Simplified conversion would change (Huawei's 昇腾 is 昇腾 in both scripts).
SIMPLIFIED_NAMES = ("昇腾",)
STATUS_WORDS = ((re.compile(r"\bcore\b", re.IGNORECASE), "核心", False),
                (re.compile(r"\bexclusive(?:ly)?\b", re.IGNORECASE), "独家", True),
                (re.compile(r"\bsole\b", re.IGNORECASE), "唯一", True))


def _value(digits: str, scale: float = 1.0) -> float:
    return float(f"{float(digits.replace(',', '')) * scale:.12g}")


def english_numbers(text: str) -> Counter:
    """(value, is_percent) for every number the English writes in digits (and every month it names)."""
    out: Counter = Counter()
    text = _RANGE_PCT.sub(lambda m: m.group(1) + "% ", text)   # 30-100% -> 30% 100%
    text = _RANGE_UNIT.sub(lambda m: f"{m.group(1)} {m.group(3)} ", text)   # 10-12 bn -> 10 bn 12 bn
    for m in _EN.finditer(text):
        digits, pct, unit = m.groups()
        out[(_value(digits, EN_UNITS.get(unit or "", 1.0)), bool(pct))] += 1
    for m in _MONTH.finditer(text):
        out[(float(MONTHS[m.group(1)]), False)] += 1
    return out


def chinese_numbers(text: str) -> tuple[Counter, list[str]]:
    """(value, is_percent) for every number the Chinese writes in digits, and its magnitude forms ('10亿')."""
    out: Counter = Counter()
    forms = []
    for m in _ZH.finditer(text):
        digits, unit = m.groups()
        pct = unit in ("%", "％")
        scale = ZH_UNITS.get(unit or "", 1.0)
        out[(_value(digits, scale), pct)] += 1
        if unit and not pct:
            forms.append(digits + unit)
    return out, forms


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", to_hans(text))


def _label(values: Counter) -> str:
    return ", ".join(sorted(f"{v:g}{'%' if p else ''}" + (f" ×{n}" if n > 1 else "")
                            for (v, p), n in values.items())) or "none"


def check_pair(english: str, zh: str, argued: bool, sources: list[str]) -> list[str]:
    """What is wrong with one (English, Chinese) pair; ``sources`` are report texts a magnitude may come from."""
    if not zh:
        return ["no Chinese version"]
    problems = []
    plain = zh
    for name in SIMPLIFIED_NAMES:
        plain = plain.replace(name, "")
    if to_hans(plain) != plain:
        problems.append(f"not Simplified Chinese (Simplified: {to_hans(zh)!r})")
    en_n = english_numbers(english)
    zh_n, forms = chinese_numbers(zh)
    if en_n != zh_n:
        problems.append(f"numbers differ: English {_label(en_n)}; Chinese {_label(zh_n)}")
    flat = [_flat(s) for s in sources if s]
    for f in forms:
        if not any(f in s for s in flat):
            problems.append(f"{f!r} is not the report's own form (write the number as the report does)")
    en_h, zh_h = bool(EN_HEDGES.search(english)), any(h in zh for h in ZH_HEDGES)
    if en_h and not zh_h:
        problems.append("the English hedges (potential/argued/possibly ...) but the Chinese states it as a fact")
    if zh_h and not en_h and not argued:
        problems.append("the Chinese hedges (可能/有望/潜在 ...) a claim that is stated, not argued")
    for rx, word, only_if in STATUS_WORDS:
        said = bool(rx.search(english))
        if said and word not in zh:
            problems.append(f"the English says {rx.pattern.strip(chr(92) + 'b')!r} but the Chinese lacks {word}")
        if only_if and word in zh and not said:
            problems.append(f"the Chinese says {word} where the English does not")
    return problems


def check(kb: KnowledgeBase, texts: dict[str, str] | None = None) -> list[str]:
    """Every problem with the knowledge base's role/role_zh and note/note_zh pairs (members, edges, links,
    events) ('file:line: ...').

    ``texts``: report file -> full text, where the reports are at hand (else only the knowledge base's own
    quotes and contexts of that report count as the report's form of a magnitude)."""
    by_report: dict[str, list[str]] = {}
    for seq in (kb.mentions, kb.entity_mentions, kb.members, kb.recommendations, kb.events, kb.edges, kb.links):
        for x in seq:
            by_report.setdefault(x.evidence.report, []).extend((x.evidence.quote, x.evidence.context))
    out = []
    pairs = [("role", m.role, m.role_zh, m) for m in kb.members if m.role]
    pairs += [("note", e.note, e.note_zh, e) for e in kb.edges if e.note]
    pairs += [("link note", x.note, x.note_zh, x) for x in kb.links if x.note]
    pairs += [("event note", x.note, x.note_zh, x) for x in kb.events if x.note]
    for kind, english, zh, fact in pairs:
        rep = fact.evidence.report
        sources = [fact.evidence.quote, fact.evidence.context, *by_report.get(rep, ()),
                   (texts or {}).get(rep, "")]
        file, line = kb.origins.get(id(fact), (rep, None))
        key = kind.split()[-1]
        for p in check_pair(english, zh, getattr(fact, "argued", False), sources):
            out.append(f"{file}:{line}: {kind} {english!r} / {key}_zh {zh!r}: {p}")
    return out


def report_texts(seeds: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(seeds.glob("*.txt"))} if seeds.is_dir() else {}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seeds", type=Path,
                    default=Path(os.environ.get("CHAINWATCH_SEEDS") or ROOT.parent / "shared" / "seeds"),
                    help="the reports' text (default: $CHAINWATCH_SEEDS or ../shared/seeds)")
    args = ap.parse_args(argv)
    kb = load()
    problems = check(kb, report_texts(args.seeds))
    n = (sum(1 for m in kb.members if m.role) + sum(1 for e in kb.edges if e.note)
         + sum(1 for x in kb.links if x.note) + sum(1 for x in kb.events if x.note))
    for p in problems:
        print(p)
    print(f"{n} pairs checked (roles; edge, link and event notes), {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
