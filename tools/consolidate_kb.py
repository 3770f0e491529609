"""Maintenance: move `define_companies/entities/themes` blocks out of report files into the registries.

Report files are written one per report; when a report needs a company the registry lacks, it may
define it locally. This script merges those definitions into data/companies.yaml, entities.yaml and
themes.yaml (the registry wins on conflicts; OVERRIDES settles names) and deletes the blocks from the
report files, keeping the rest of each file (and its comments) as it was.

    python tools/consolidate_kb.py [--dry-run]
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import yaml

DATA = Path(__file__).resolve().parent.parent / "data"

# Canonical names where report files disagree (the other spellings become aliases).
OVERRIDES: dict[str, dict] = {
    "9988.HK": {"name_zh_hans": "阿里巴巴", "name_zh_hant": "阿里巴巴", "name_en": "Alibaba Group"},
    "1024.HK": {"name_zh_hans": "快手", "name_zh_hant": "快手", "name_en": "Kuaishou Technology"},
    "0700.HK": {"name_zh_hans": "腾讯控股", "name_zh_hant": "騰訊控股", "name_en": "Tencent Holdings"},
    "2513.HK": {"name_zh_hans": "智谱", "name_zh_hant": "智譜", "name_en": "Zhipu AI (Knowledge Atlas)"},
    "0100.HK": {"name_zh_hans": "MiniMax", "name_zh_hant": "MiniMax", "name_en": "MiniMax"},
    "0020.HK": {"name_zh_hans": "商汤", "name_zh_hant": "商湯", "name_en": "SenseTime"},
}

BLOCK_KEYS = ("define_companies", "define_entities", "define_themes")


def _load(path: Path, key: str) -> list[dict]:
    if not path.exists():
        return []
    return (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get(key) or []


def _strip_blocks(text: str) -> str:
    out, skipping = [], False
    for line in text.splitlines(keepends=True):
        top = re.match(r"^([A-Za-z_]+):", line)
        if top:
            skipping = top.group(1) in BLOCK_KEYS
        if not skipping:
            out.append(line)
    return "".join(out).rstrip() + "\n"


def _dump(key: str, items: list[dict], header: str) -> str:
    body = yaml.safe_dump({key: items}, allow_unicode=True, sort_keys=False, width=110)
    return header + body


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--dry-run", action="store_true")
    args = ap.parse_args()

    companies = {c["codes"][0]: c for c in _load(DATA / "companies.yaml", "companies")}
    by_listing = {code: c for c in companies.values() for code in c["codes"]}
    entities = {e["id"]: e for e in _load(DATA / "entities.yaml", "entities")}
    themes = {t["id"]: t for t in _load(DATA / "themes.yaml", "themes")}
    rewrites = {}
    for path in sorted((DATA / "reports").glob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for c in doc.get("define_companies") or []:
            codes = [str(x) for x in (c.get("codes") or [c.get("code")])]
            existing = next((by_listing[x] for x in codes if x in by_listing), None)
            if existing is None:
                entry = {"codes": codes}
                for k in ("name_zh_hans", "name_zh_hant", "name_en"):
                    entry[k] = c.get(k) or ""
                entry["aliases"] = list(c.get("aliases") or [])
                if c.get("industry"):
                    entry["industry"] = c["industry"]
                companies[codes[0]] = entry
                existing = entry
            else:
                for x in codes:
                    if x not in existing["codes"]:
                        existing["codes"].append(x)
                al = existing.setdefault("aliases", [])
                for n in [c.get("name_zh_hans"), c.get("name_zh_hant"), c.get("name_en"), *(c.get("aliases") or [])]:
                    if n and n not in al and n not in (existing["name_zh_hans"], existing["name_zh_hant"],
                                                       existing["name_en"]):
                        al.append(n)
                if not existing.get("industry") and c.get("industry"):
                    existing["industry"] = c["industry"]
            for x in existing["codes"]:
                by_listing[x] = existing
        for e in doc.get("define_entities") or []:
            if e["id"] not in entities:
                entities[e["id"]] = {k: v for k, v in e.items() if v not in (None, "", [])}
            else:
                cur = entities[e["id"]]
                al = cur.setdefault("aliases", [])
                for n in [e.get("name_zh_hans"), e.get("name_zh_hant"), e.get("name_en"), *(e.get("aliases") or [])]:
                    if n and n not in al and n not in (cur.get("name_zh_hans"), cur.get("name_zh_hant"),
                                                       cur.get("name_en")):
                        al.append(n)
                if not cur.get("parent") and e.get("parent"):
                    cur["parent"] = e["parent"]
        for t in doc.get("define_themes") or []:
            themes.setdefault(t["id"], {k: v for k, v in t.items() if v not in (None, "")})
        if any(k in doc for k in BLOCK_KEYS):
            rewrites[path] = _strip_blocks(path.read_text(encoding="utf-8"))

    for code, names in OVERRIDES.items():
        c = by_listing.get(code)
        if not c:
            continue
        old = [c.get("name_zh_hans"), c.get("name_zh_hant"), c.get("name_en")]
        c.update(names)
        al = c.setdefault("aliases", [])
        for n in old:
            if n and n not in al and n not in names.values():
                al.append(n)
    for c in companies.values():
        c["aliases"] = [a for a in dict.fromkeys(c.get("aliases") or [])
                        if a not in (c["name_zh_hans"], c["name_zh_hant"], c["name_en"])]
        if not c["aliases"]:
            del c["aliases"]

    def order(c):  # HK first, then SH, SZ, BJ, US; by code within
        code = c["codes"][0]
        return ({"HK": 0, "SH": 1, "SZ": 2, "BJ": 3, "US": 4}.get(code.rsplit(".", 1)[1], 9), code)

    comp_list = sorted(companies.values(), key=order)
    print(f"{len(comp_list)} companies, {len(entities)} entities, {len(themes)} themes; "
          f"{len(rewrites)} report files to strip")
    if args.dry_run:
        return 0
    (DATA / "companies.yaml").write_text(_dump(
        "companies", comp_list, "# Listed companies named by the reports (see SCHEMA.md). One company, "
        "every listing.\n"), encoding="utf-8")
    (DATA / "entities.yaml").write_text(_dump(
        "entities", sorted(entities.values(), key=lambda e: e["id"]),
        "# Unlisted entities the reports discuss (see SCHEMA.md).\n"), encoding="utf-8")
    (DATA / "themes.yaml").write_text(_dump(
        "themes", list(themes.values()), "# Themes as the reports frame them (see SCHEMA.md).\n"),
        encoding="utf-8")
    for path, text in rewrites.items():
        path.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
