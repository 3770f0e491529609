"""The offline universe: every listing a user can add, by code, name (either script) or pinyin.

It joins the bundled A-share list (``data/a_share_universe.csv``, a dated snapshot) with the
knowledge base's companies (which bring the Hong Kong listings and English names).
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from app.codes import CodeError, parse
from app.kb import DATA_DIR, KnowledgeBase
from app.text import fold, to_hant


_PREFIX = re.compile(r"^(?:\*ST|S\*ST|SST|ST|XD|XR|DR|N|C)(?=[\u4e00-\u9fff])")
_SUFFIX = re.compile(r"\s*[-－](?:SWR|UWD|SW|WD|UW|SR|U|W|B|S|R|P)$")


def strip_listing_marks(name: str) -> str:
    """A listed name without the exchange's marks: ``*ST华通`` -> ``华通``, ``快手-W`` -> ``快手``."""
    n = (name or "").strip().replace("\u3000", " ")
    for _ in range(2):           # "XD*ST…" carries two marks
        n2 = _PREFIX.sub("", n)
        if n2 == n:
            break
        n = n2
    n = _SUFFIX.sub("", n)
    return n.strip()


@dataclass(frozen=True)
class Security:
    code: str
    name_zh_hans: str
    name_zh_hant: str
    name_en: str = ""
    pinyin: str = ""      # initials, upper-case (ZJXC)
    industry: str = ""
    board: str = ""       # 主板 / 创业板 / 科创板 / 北交所 / HK
    list_date: str = ""
    in_kb: bool = False

    @property
    def exchange(self) -> str:
        return self.code.rsplit(".", 1)[1]

    def name(self, script: str = "hans") -> str:
        if script == "en":
            return self.name_en or self.name_zh_hans
        return self.name_zh_hant if script == "hant" else self.name_zh_hans


def read_a_shares(path: Path | None = None) -> list[Security]:
    path = path or DATA_DIR / "a_share_universe.csv"
    out = []
    with open(path, encoding="utf-8-sig", newline="") as f:
        for lineno, row in enumerate(csv.DictReader(f), start=2):
            try:
                code = parse(row["ts_code"], bare_short=None).code
            except (CodeError, KeyError) as e:
                raise ValueError(f"{path.name}:{lineno}: bad ts_code: {e}") from None
            name = row.get("name", "").strip()
            out.append(Security(code=code, name_zh_hans=name, name_zh_hant=to_hant(name),
                                pinyin=(row.get("cnspell") or "").upper(),
                                industry=row.get("industry", ""), board=row.get("market", ""),
                                list_date=row.get("list_date", "")))
    return out


FOLD_CACHE_VERSION = 1


def _fold_cache_dir() -> Path | None:
    try:
        from platformdirs import user_cache_dir
        return Path(user_cache_dir("chainwatch", "chainwatch"))
    except Exception:  # pragma: no cover - no home folder
        return None


def folded_names(names: list[str], cache_dir: Path | None = None) -> list[str]:
    """``fold(n)`` for each name (OpenCC Traditional -> Simplified is the slow part), cached
    between starts in the user cache folder under a hash of the names: a changed list (a newer
    universe or knowledge base) gets its own file, and a damaged file is just recomputed."""
    import hashlib
    import json

    digest = hashlib.sha1(("\x1f".join(names)).encode("utf-8")).hexdigest()[:20]
    folder = cache_dir or _fold_cache_dir()
    path = folder / f"folded-names-v{FOLD_CACHE_VERSION}-{digest}.json" if folder else None
    if path is not None:
        try:
            got = json.loads(path.read_text(encoding="utf-8"))
            if isinstance(got, list) and len(got) == len(names) and all(isinstance(x, str) for x in got):
                return got
        except (OSError, ValueError):
            pass
    out = [fold(n) for n in names]
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            for old in path.parent.glob(f"folded-names-v{FOLD_CACHE_VERSION}-*.json"):
                old.unlink(missing_ok=True)   # one cache file: the current names
            tmp = path.with_suffix(".tmp")
            tmp.write_text(json.dumps(out, ensure_ascii=False), encoding="utf-8")
            tmp.replace(path)
        except OSError:
            pass
    return out


class Universe:
    """Search over securities. Built once; queries are pure Python over a few thousand rows."""

    def __init__(self, securities: list[Security]):
        self.by_code: dict[str, Security] = {}
        for s in securities:
            self.by_code[s.code] = s
        secs = list(self.by_code.values())
        folded = folded_names([n for s in secs for n in (s.name_zh_hans, s.name_en)])
        self._keys = [(s, folded[2 * i], folded[2 * i + 1], s.pinyin) for i, s in enumerate(secs)]

    @classmethod
    def build(cls, kb: KnowledgeBase, a_shares: list[Security] | None = None) -> "Universe":
        secs = {s.code: s for s in (a_shares if a_shares is not None else read_a_shares())}
        for c in kb.companies.values():
            for code in c.codes:
                base = secs.get(code)
                secs[code] = Security(
                    code=code, name_zh_hans=c.name_zh_hans, name_zh_hant=c.name_zh_hant,
                    name_en=c.name_en, pinyin=base.pinyin if base else "",
                    industry=(base.industry if base else "") or c.industry,
                    board=base.board if base else ("HK" if code.endswith(".HK") else ""),
                    list_date=base.list_date if base else "", in_kb=True)
        return cls(list(secs.values()))

    def __len__(self) -> int:
        return len(self.by_code)

    def get(self, code: str) -> Security | None:
        return self.by_code.get(code)

    def search(self, query: str, limit: int = 20) -> list[Security]:
        """Exact code first, then name / English / pinyin prefix, then substring matches."""
        q = (query or "").strip()
        if not q:
            return []
        hits: list[Security] = []
        try:
            code = parse(q).code
        except CodeError:
            code = None
        if code and code in self.by_code:
            hits.append(self.by_code[code])
        fq = fold(q)
        up = q.upper()
        prefix, inner = [], []
        for s, name, en, py in self._keys:
            if s in hits:
                continue
            if name.startswith(fq) or (py and py.startswith(up)) or (en and en.startswith(fq)) \
                    or s.code.startswith(up):
                prefix.append(s)
            elif fq in name or (en and len(fq) > 2 and fq in en):
                inner.append(s)
        key = lambda s: (not s.in_kb, len(s.name_zh_hans), s.code)  # noqa: E731
        hits += sorted(prefix, key=key) + sorted(inner, key=key)
        return hits[:limit]

    def resolve(self, query: str) -> Security:
        """One security for a code or an exact name; raises LookupError saying why not."""
        q = (query or "").strip()
        if not q:
            raise LookupError("empty query")
        try:
            code = parse(q).code
        except CodeError:
            code = None
        if code:
            s = self.by_code.get(code)
            if s is None:
                raise LookupError(f"{q!r}: {code} is not in the universe (as of the bundled snapshot)")
            return s
        fq = fold(q)
        exact = [s for s, name, en, py in self._keys if fq in (name, en) or q.upper() == py]
        if len(exact) == 1:
            return exact[0]
        if len(exact) > 1:
            listed = ", ".join(f"{s.code} {s.name_zh_hans}" for s in exact[:5])
            raise LookupError(f"{q!r} is ambiguous: {listed}")
        # a short name as analysts write it (腾讯, 騰訊, 小米): the one listing whose name starts so;
        # several (阿里 → 阿里巴巴, 阿里健康 …) are for the user to choose, never guessed
        if len(fq) >= 2 and any("\u4e00" <= ch <= "\u9fff" for ch in fq):
            starts = [s for s, name, en, py in self._keys if name.startswith(fq)]
            if len(starts) == 1:
                return starts[0]
            if len(starts) > 1:
                listed = ", ".join(f"{s.code} {s.name_zh_hans}" for s in starts[:5])
                more = f" and {len(starts) - 5} more" if len(starts) > 5 else ""
                raise LookupError(f"{q!r} could be {listed}{more}: type more of the name or the code")
        raise LookupError(f"{q!r}: no listing with that code or name")
