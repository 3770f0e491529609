"""Lists other tools write: Wind / iFinD / Choice, 同花顺, Futu, Yahoo Finance, Bloomberg, bare columns.

What is recognised
    * Wind / iFinD / Choice: ``证券代码`` (``600519.SH``, ``0700.HK``) and ``证券简称``, with title
      rows above the header and footer lines such as ``数据来源：Wind`` below the data;
    * 同花顺: ``代码`` (``SZ300308``, ``HK0700``) and ``名称``; its ``.xls`` export is really
      tab-separated GBK text, which is read as such;
    * Futu: ``代码`` (``HK.00700``, ``SH.600519``) and ``名称``;
    * Yahoo Finance portfolio CSV: ``Symbol`` (``0700.HK``, ``600519.SS``), ``Comment`` -> notes;
    * Bloomberg: ``700 HK Equity`` / ``600519 CH Equity`` in any code-like column;
    * a bare column of codes, or of names in either Chinese script (or English), with or without
      a header. Optional columns map to the user fields: notes (备注, Comment), tags (标签),
      rating (评级), target price (目标价).

The header row is looked for in the first 30 rows. When neither a known header nor a column of
codes or names is found, :func:`preview_list` returns a preview whose ``needs_mapping`` lists
the candidate columns; the caller passes a :class:`ColumnMapping`, which is remembered for that
layout (the tuple of normalised header cells) in ``import_mappings.json`` in the user's config
folder (``platformdirs.user_config_dir("chainwatch")``).

Every row that is not imported is listed with its reason and place: invalid code, unknown name,
ambiguous name, ambiguous market, duplicate, US listing, footer line. Nothing is dropped silently.

Codes and leading zeros (the rule)
    Text cells are read as written: ``000001``, ``00700``, ``0700.HK``. A spreadsheet that stored
    a code as a *number* has lost its leading zeros (``1``, ``700``); and a bare 1-5 digit
    number is not a code on its own. Such a number takes the market of its column:

    1. six digits: an A-share, the exchange from its prefix (``600519`` -> SH);
    2. text with a leading zero and 4-5 digits (``0700``, ``00700``): Hong Kong;
    3. otherwise (``700``, ``1``, or a number cell) the column decides: a header that names Hong
       Kong (港股, HK, 香港) -> HK; a header that names A-shares (A股, 沪深, 深市, 沪市) ->
       A-share, zero-padded to six digits (``1`` -> ``000001.SZ``); else the column's other codes:
       all Hong Kong (or none but bare short numbers) -> HK, all A-share -> A-share padded to six;
       a mix -> rejected as "ambiguous market", with both readings in the message.
"""
from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from app.codes import CodeError, Market, a_share_market, normalize, parse
from app.excel.plan import (
    HEADER_ALIASES, Change, ImportPreview, ListPlan, cell_text, empty_fields, fields_of, normalise_header,
    parse_user_field, same,
)
from app.excel.readers import (
    Cancelled, ExcelFileError, Problem, Progress, Sheet, column_letter, read_book, restore,
)

HEADER_SCAN_ROWS = 30
DETECT_SAMPLE = 200
USER_FIELDS = ("notes", "tags", "rating", "target_price")

_HK_WORDS = ("港股", "香港", "hk", "hkex", "hongkong")
_A_WORDS = ("a股", "沪深", "深市", "沪市", "上证", "深证", "ashare", "沪", "深")
_FOOTER = re.compile(r"^(数据来源|资料来源|来源|source|sources|注|备注|说明|合计|总计|共计|统计|"
                     r"wind|ifind|choice|同花顺|东方财富|免责|disclaimer|powered|copyright)", re.I)

# Extra header spellings other tools use (added to the watchlist-sheet aliases)
FOREIGN_ALIASES = {
    "code": {"证券代码", "代码", "股票代码", "证券代号", "代号", "交易代码", "港股代码", "a股代码",
             "windcode", "wind代码", "code", "codes", "ticker", "tickers", "symbol", "symbols",
             "securitycode", "stockcode", "bloombergticker", "bbgticker", "security", "instrument",
             "证券代码↓", "股票代号"},
    "name": {"证券简称", "简称", "名称", "股票名称", "股票简称", "证券名称", "公司名称", "公司",
             "name", "names", "securityname", "stockname", "companyname", "company", "description",
             "shortname"},
}


def alias_key(h: Any) -> str | None:
    n = normalise_header(h)
    if not n:
        return None
    for key in ("code", "name"):
        if n in FOREIGN_ALIASES[key] or n in HEADER_ALIASES[key]:
            return key
    for key in USER_FIELDS:
        if n in HEADER_ALIASES[key]:
            return key
    return None


# ---- codes ------------------------------------------------------------------------------------

def _is_bare_short(v: Any) -> bool:
    if isinstance(v, bool):
        return False
    if isinstance(v, int):
        return 0 < v < 100000
    if isinstance(v, float):
        return v.is_integer() and 0 < v < 100000
    if isinstance(v, str):
        s = v.strip()
        if s.isascii() and not s.lstrip("'").isdigit():
            return False  # the common case, without normalising
        t = normalize(restore(v))
        return t.isdigit() and len(t) <= 5
    return False


_CANONICAL = re.compile(r"(\d{6})\.(SH|SZ|BJ)|(\d{4,5})\.HK")


def _canonical(text: str) -> str | None:
    """The text itself when it is already a valid canonical code (a fast path for our own files)."""
    m = _CANONICAL.fullmatch(text)
    if not m:
        return None
    if m.group(1):
        mk = a_share_market(m.group(1))
        return text if mk is not None and mk.value == m.group(2) else None
    sym = m.group(3)
    return text if int(sym) and (len(sym) == 4 or sym[0] != "0") else None


def _market_of(v: Any) -> str | None:
    """'HK' / 'A' for a value that says its market by itself (not a bare short number)."""
    if v is None or isinstance(v, bool) or _is_bare_short(v):
        return None
    if isinstance(v, (int, float)):
        if isinstance(v, float) and not v.is_integer():
            return None
        t = str(int(v))
    else:
        t = restore(str(v))
    try:
        lst = parse(t, bare_short=None)
    except CodeError:
        return None
    if lst.market is Market.HK:
        return "HK"
    if lst.market.is_a_share:
        return "A"
    return None


def _header_market(header: Any) -> str | None:
    """'HK' / 'A' when the column's header itself names the market (港股代码, A股代码)."""
    h = normalise_header(header)
    if h and any(w in h for w in _HK_WORDS):
        return "HK"
    if h and any(w in h for w in _A_WORDS[:-2]) or h in ("沪", "深"):
        return "A"
    return None


class CodeColumn:
    """A column of codes, and the market its bare short numbers belong to (see the module doc).

    The market is worked out on first need: a column without bare short numbers never needs it.
    """

    def __init__(self, header: str = "", market: str | None = "HK", why: str = "",
                 values: list[Any] | None = None, raw_header: Any = None):
        self.header = header
        self._market, self._why = market, why
        self._values = values
        self._raw_header = raw_header
        self.header_market = _header_market(raw_header) if raw_header is not None else None

    def _decide(self) -> None:
        if self._values is not None:
            decided = CodeColumn._from_cells(self._raw_header, self._values)
            self._market, self._why, self._values = decided._market, decided._why, None

    @property
    def market(self) -> str | None:
        self._decide()
        return self._market

    @property
    def why(self) -> str:
        self._decide()
        return self._why

    @classmethod
    def from_cells(cls, header: Any, values: list[Any]) -> "CodeColumn":
        return cls(cell_text(header), values=list(values), raw_header=header)

    @classmethod
    def _from_cells(cls, header: Any, values: list[Any]) -> "CodeColumn":
        h = normalise_header(header)
        if h and any(w in h for w in _HK_WORDS):
            return cls(cell_text(header), "HK", f"the header {cell_text(header)!r} says Hong Kong")
        if h and any(w in h for w in _A_WORDS[:-2]) or h in ("沪", "深"):
            return cls(cell_text(header), "A", f"the header {cell_text(header)!r} says A-shares")
        markets = {m for m in (_market_of(v) for v in values) if m}
        if markets == {"A"}:
            return cls(cell_text(header), "A", "the column's other codes are A-shares")
        if markets == {"HK"} or not markets:
            return cls(cell_text(header), "HK", "the column's other codes are Hong Kong codes"
                       if markets else "a bare number of up to 5 digits is a Hong Kong code")
        return cls(cell_text(header), None, "the column mixes Hong Kong and A-share codes")

    def resolve(self, v: Any) -> tuple[str | None, str | None]:
        """(canonical code, None) or (None, reason)."""
        if v is None or (isinstance(v, str) and not v.strip()):
            return None, "empty code"
        if isinstance(v, bool):
            return None, f"invalid code {v!r}"
        if isinstance(v, float) and not v.is_integer():
            return None, f"invalid code {v!r} (a number with decimals)"
        numeric = isinstance(v, (int, float))
        text = str(int(v)) if numeric else restore(str(v)).strip()
        if not numeric and _canonical(text):
            return text, None
        t = normalize(text)
        try:
            if t.isdigit() and len(t) <= 5:
                if not numeric and t.startswith("0") and len(t) >= 4:
                    lst = parse(t, bare_short=Market.HK)
                elif self.market == "HK":
                    lst = parse(t, bare_short=Market.HK)
                elif self.market == "A":
                    padded = t.zfill(6)
                    mk = a_share_market(padded)
                    if mk is None:
                        return None, f"invalid code {text!r}: as an A-share it would be {padded}, " \
                                     "which no exchange uses"
                    lst = parse(padded)
                else:
                    hk = f"{int(t):04d}.HK"
                    a = t.zfill(6)
                    mk = a_share_market(a)
                    a_read = f"{a}.{mk.value}" if mk else None
                    return None, (f"ambiguous market: {text!r} could be {hk}"
                                  + (f" or {a_read}" if a_read else "") + f" ({self.why}); "
                                  "write the code with its market, e.g. 0700.HK")
            else:
                lst = parse(t)
        except CodeError as e:
            return None, f"invalid code: {e}"
        if lst.market is Market.US:
            return None, f"{lst.code} is a US listing; the desk follows Hong Kong and A-share listings"
        return lst.code, None


# ---- names ------------------------------------------------------------------------------------

class NameIndex:
    """Exact names (either script, English, aliases) -> listings: the shared
    :class:`app.resolve.Resolver`, folded once per desk."""

    def __init__(self, desk):
        from app.resolve import Resolver

        self.desk = desk
        self.resolver = Resolver.for_desk(desk)

    def resolve(self, v: Any) -> tuple[str | None, str | None]:
        r = self.resolver.by_name(cell_text(v))
        return r.code, r.reason


def resolve_name(desk, v: Any, index: "NameIndex | None" = None) -> tuple[str | None, str | None]:
    """A listing for a company name in either Chinese script or English (or an alias)."""
    return (index or NameIndex(desk)).resolve(v)


# ---- mappings -----------------------------------------------------------------------------------

@dataclass
class ColumnMapping:
    """Which column holds what (0-based indexes) and where the header is (1-based; None: none)."""

    code: int | None = None
    name: int | None = None
    notes: int | None = None
    tags: int | None = None
    rating: int | None = None
    target_price: int | None = None
    header_row: int | None = None

    def columns(self) -> dict[str, int]:
        return {k: v for k, v in asdict(self).items() if k != "header_row" and v is not None}

    @classmethod
    def parse(cls, text: str, headers: list[Any] | None = None) -> "ColumnMapping":
        """From ``code=B,name=C,header=3`` (columns as letters, 1-based numbers or header text)."""
        from openpyxl.utils import column_index_from_string

        m = cls()
        for part in filter(None, (p.strip() for p in text.split(","))):
            if "=" not in part:
                raise ValueError(f"mapping {part!r}: write FIELD=COLUMN, e.g. code=B")
            k, v = (x.strip() for x in part.split("=", 1))
            k = {"target": "target_price", "target price": "target_price", "header_row": "header",
                 "row": "header"}.get(k.lower(), k.lower())
            if k == "header":
                m.header_row = None if v.lower() in ("", "none", "0") else int(v)
                continue
            if k not in ("code", "name", *USER_FIELDS):
                raise ValueError(f"mapping {part!r}: unknown field {k!r} (code, name, notes, tags, "
                                 "rating, target_price, header)")
            if v.isdigit():
                idx = int(v) - 1
            elif re.fullmatch(r"[A-Za-z]{1,3}", v):
                idx = column_index_from_string(v.upper()) - 1
            else:
                norm = [normalise_header(h) for h in (headers or [])]
                if normalise_header(v) not in norm:
                    raise ValueError(f"mapping {part!r}: no column {v!r}")
                idx = norm.index(normalise_header(v))
            setattr(m, k, idx)
        if m.code is None and m.name is None:
            raise ValueError("a mapping needs a code or a name column")
        return m


def mappings_path() -> Path:
    from platformdirs import user_config_dir

    return Path(user_config_dir("chainwatch", "chainwatch")) / "import_mappings.json"


def load_mappings(path: Path | None = None) -> dict[str, dict]:
    p = path or mappings_path()
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def remember_mapping(layout_key: str, mapping: ColumnMapping, path: Path | None = None) -> None:
    p = path or mappings_path()
    data = load_mappings(p)
    data[layout_key] = asdict(mapping)
    p.parent.mkdir(parents=True, exist_ok=True)
    tmp = p.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    tmp.replace(p)


def layout_key(row: list[Any] | None) -> str:
    cells = [normalise_header(v) for v in (row or [])]
    while cells and not cells[-1]:
        cells.pop()
    return json.dumps(cells, ensure_ascii=False)


@dataclass
class CandidateColumn:
    index: int
    letter: str
    header: str
    samples: list[str]


@dataclass
class MappingRequest:
    """The columns could not be recognised: ask the user which is which."""

    file: str
    sheet: str
    layout_key: str
    header_row: int | None
    columns: list[CandidateColumn]
    reason: str
    fields: tuple[str, ...] = ("code", "name", "notes", "tags", "rating", "target_price")

    def describe(self) -> str:
        lines = [f"{self.file}, sheet {self.sheet!r}: {self.reason}. Columns:"]
        for c in self.columns:
            lines.append(f"  {c.letter}: {c.header or '(no header)'} -- e.g. {', '.join(c.samples[:3])}")
        lines.append("Pass a mapping such as code=B,name=C" +
                     (f",header={self.header_row}" if self.header_row else ",header=none"))
        return "\n".join(lines)


# ---- layout detection -------------------------------------------------------------------------------

def _nonempty(v: Any) -> bool:
    return v is not None and not (isinstance(v, str) and not v.strip())


def _looks_like_code(v: Any) -> bool:
    """A value that is a listing code on its own (a bare 1-5 digit number is not: it could be a
    quantity, and its market is unknown)."""
    if not _nonempty(v) or isinstance(v, bool):
        return False
    if isinstance(v, float):
        if not v.is_integer():
            return False
        v = int(v)
    if isinstance(v, int):
        return a_share_market(str(v)) is not None
    t = normalize(restore(str(v)))
    if t.isdigit():
        if len(t) == 6:
            return a_share_market(t) is not None
        return len(t) in (4, 5) and t.startswith("0")
    try:
        parse(t, bare_short=None)
        return True
    except CodeError:
        return False


def _header_guess(rows: list[list[Any]]) -> int | None:
    """0-based index of the likeliest header row: the first row as wide as the widest in the scan."""
    scan = rows[:HEADER_SCAN_ROWS]
    counts = [sum(1 for v in r if _nonempty(v)) for r in scan]
    if not counts or max(counts) == 0:
        return None
    best = max(counts)
    for i, n in enumerate(counts):
        if n == best and all(isinstance(v, str) or v is None for v in scan[i]):
            return i
    return None


def detect_layout(desk, sheet: Sheet, names: "NameIndex | None" = None
                  ) -> tuple[ColumnMapping | None, str, str]:
    """(mapping or None, layout key, how it was found)."""
    names = names or NameIndex(desk)
    rows = sheet.rows
    for i, r in enumerate(rows[:HEADER_SCAN_ROWS]):
        keys: dict[str, int] = {}
        for j, v in enumerate(r):
            if isinstance(v, str):
                k = alias_key(v)
                if k and k not in keys:
                    keys[k] = j
        if "code" in keys or "name" in keys:
            return ColumnMapping(header_row=i + 1, **keys), layout_key(r), \
                f"header row {i + 1} recognised"
    guess = _header_guess(rows)
    key = layout_key(rows[guess]) if guess is not None else "[]"
    width = max((len(r) for r in rows), default=0)
    first = next((i for i, r in enumerate(rows) if any(_nonempty(v) for v in r)), 0)
    sample = rows[first:first + DETECT_SAMPLE]
    best = None
    for j in range(width):
        vals = [r[j] for r in sample if j < len(r) and _nonempty(r[j])]
        if len(vals) < 1:
            continue
        share = sum(1 for v in vals if _looks_like_code(v)) / len(vals)
        if share >= 0.6 and (best is None or share > best[0]):
            best = (share, j)
    if best is not None:
        j = best[1]
        head = rows[first][j] if j < len(rows[first]) else None
        header_row = first + 1 if not _looks_like_code(head) else None
        hk = layout_key(rows[first]) if header_row else key
        return ColumnMapping(code=j, header_row=header_row), hk, \
            f"column {column_letter(j)} holds codes"
    for j in range(width):
        vals = [r[j] for r in sample[:60] if j < len(r) and _nonempty(r[j]) and isinstance(r[j], str)]
        if not vals:
            continue
        ok = sum(1 for v in vals if names.resolve(v)[0] is not None)
        if ok / len(vals) >= 0.6:
            head = rows[first][j] if j < len(rows[first]) else None
            header_row = first + 1 if names.resolve(head)[0] is None else None
            hk = layout_key(rows[first]) if header_row else key
            return ColumnMapping(name=j, header_row=header_row), hk, \
                f"column {column_letter(j)} holds company names"
    return None, key, "no known header and no column of codes or names"


def _mapping_request(file: str, sheet: Sheet, key: str, reason: str) -> MappingRequest:
    rows = sheet.rows
    guess = _header_guess(rows)
    start = guess + 1 if guess is not None else 0
    width = max((len(r) for r in rows), default=0)
    cols = []
    for j in range(width):
        head = cell_text(rows[guess][j]) if guess is not None and j < len(rows[guess]) else ""
        samples = [cell_text(r[j]) for r in rows[start:start + 50] if j < len(r) and _nonempty(r[j])][:5]
        if head or samples:
            cols.append(CandidateColumn(j, column_letter(j), head, samples))
    return MappingRequest(file, sheet.name, key, guess + 1 if guess is not None else None, cols, reason)


# ---- the preview -------------------------------------------------------------------------------------

@dataclass
class ListRow:
    row: int
    code: str
    fields: dict[str, Any] = field(default_factory=dict)


def preview_list(desk, path: Path | str, *, watchlist: str | None = None,
                 mapping: ColumnMapping | None = None, sheet: str | None = None, remember: bool = True,
                 progress: Progress | None = None, cancelled: Cancelled | None = None,
                 mappings_file: Path | None = None, keep_unknown: bool = False) -> ImportPreview:
    """Steps 1-3 for another tool's list: what would be added to ``watchlist`` (default: the file's
    name), which rows are rejected and why. Changes nothing (except remembering ``mapping``)."""
    path = Path(path)
    if mapping is not None and mapping.code is None and mapping.name is None:
        raise ValueError("a column mapping needs a code or a name column")
    book = read_book(path, sheets=[sheet] if sheet else None, progress=progress, cancelled=cancelled)
    if sheet is not None and book.kind == "csv":
        sheet = None
    pv = ImportPreview(path, "list", notes=list(book.notes))
    file = path.name
    visible = [s for s in book.sheets if not s.hidden]
    if sheet is not None:
        chosen = book.sheet(sheet)
        if chosen is None:
            names = ", ".join(repr(n) for n, _ in book.all_sheets)
            raise ExcelFileError(path, f"no sheet {sheet!r} (sheets: {names})")
    else:
        chosen = next((s for s in visible if not s.empty), None)
        if chosen is None:
            if not visible:
                raise ExcelFileError(path, "every sheet is hidden; unhide the one to import")
            raise ExcelFileError(path, "the sheet is empty: nothing to import", sheet=visible[0].name)
        others = [s.name for s in visible if s is not chosen and not s.empty]
        if others:
            pv.notes.append(f"read sheet {chosen.name!r}; also has {', '.join(map(repr, others))} "
                            "(choose another sheet to import those)")
    if chosen.empty:
        raise ExcelFileError(path, "the sheet is empty: nothing to import", sheet=chosen.name)
    sheet_name = chosen.name if book.kind == "xlsx" else None
    how = "mapping given"
    key = None
    names = NameIndex(desk)
    if mapping is None:
        found, key, how = detect_layout(desk, chosen, names)
        stored = load_mappings(mappings_file).get(key)
        try:
            remembered = ColumnMapping(**stored) if isinstance(stored, dict) else None
        except TypeError:  # a mapping file from another version: ignore it
            remembered = None
        if remembered and (found is None or not found.header_row or how.startswith("column")):
            mapping = remembered
            how = "column mapping remembered from an earlier import of this layout"
        else:
            mapping = found
        if mapping is None:
            pv.needs_mapping = _mapping_request(file, chosen, key, how)
            return pv
    else:
        hr = mapping.header_row
        if hr is not None and not 1 <= hr <= len(chosen.rows):
            raise ExcelFileError(path, f"the mapping's header row {hr} is outside the sheet "
                                       f"(rows 1 to {len(chosen.rows)})", sheet=sheet_name)
        key = layout_key(chosen.rows[hr - 1] if hr else None)
        if remember:
            remember_mapping(key, mapping, mappings_file)
    pv.notes.append(f"columns: {how}")
    name = (watchlist or path.stem).strip() or "Imported"
    target = next((w for w in desk.store.watchlists() if w.name == name), None)
    known = frozenset(target.codes) if target is not None else frozenset()
    rows, rejected, skipped = _read_rows(desk, chosen, mapping, file, sheet_name, names,
                                         keep_unknown=keep_unknown, known=known)
    pv.rejected = rejected
    pv.notes += skipped
    pv.accepted = len(rows)
    if not rows and not rejected:
        raise ExcelFileError(path, "no rows under the header: nothing to import", sheet=sheet_name)
    if rows:
        _plan_into(desk, pv, name, rows, sheet_name)
    else:
        pv.notes.append(f"every row was rejected: nothing would be imported (no watchlist {name!r} "
                        "is created)")
    return pv


def _read_rows(desk, sheet: Sheet, mapping: ColumnMapping, file: str, sheet_name: str | None,
               names: NameIndex, *, keep_unknown: bool = False, known: frozenset = frozenset()
               ) -> tuple[list[ListRow], list[Problem], list[str]]:
    from app.store import StoreError

    resolver = names.resolver

    rows = sheet.rows
    start = mapping.header_row or 0
    if mapping.header_row is None:
        start = next((i for i, r in enumerate(rows) if any(_nonempty(v) for v in r)), 0)
    header = rows[mapping.header_row - 1] if mapping.header_row else []
    cols = mapping.columns()

    def colname(j: int) -> str:
        h = header[j] if j < len(header) else None
        return f"{column_letter(j)} ({cell_text(h)})" if _nonempty(h) else column_letter(j)

    code_col = None
    if mapping.code is not None:
        j = mapping.code
        code_col = CodeColumn.from_cells(header[j] if j < len(header) else None,
                                         [r[j] if j < len(r) else None for r in rows[start:]])
    out: list[ListRow] = []
    rejected: list[Problem] = []
    skipped: list[str] = []
    seen: dict[str, int] = {}
    empty = 0
    merged_notes = set()
    formula_cells = set(sheet.formulas_without_value)
    for i in range(start, len(rows)):
        r = rows[i]
        rowno = i + 1
        get = lambda k: (r[cols[k]] if k in cols and cols[k] < len(r) else None)  # noqa: E731
        if not any(_nonempty(v) for v in r):
            empty += 1
            continue
        code_v, name_v = get("code"), get("name")
        where_col = colname(cols["code"]) if "code" in cols else colname(cols["name"])
        code, reason = (None, None)
        key_col = cols.get("code", cols.get("name"))
        merged = sheet.merged_at(rowno, key_col + 1) if sheet.merged else None
        if merged and not _nonempty(r[key_col] if key_col < len(r) else None):
            merged_notes.add(merged)
            rejected.append(Problem(f"the cell is part of merged cells {merged}, so it is empty here; "
                                    "unmerge them and fill in every row", file, sheet_name, rowno,
                                    where_col))
            continue
        if f"{column_letter(key_col)}{rowno}" in formula_cells:
            rejected.append(Problem("the cell has a formula without a calculated value; open and save "
                                    "the file in Excel or LibreOffice, or type the value", file,
                                    sheet_name, rowno, where_col))
            continue
        if code_col is not None and _nonempty(code_v):
            res = resolver.resolve(code_v, name_v if "name" in cols else None, code_col,
                                   keep_unknown=keep_unknown, known=known)
            code, reason = res.code, res.reason
            if res.note:
                skipped.append(f"row {rowno}: {res.note}")
            if code is None and isinstance(code_v, str) and _FOOTER.match(normalise_header(code_v) or "x") \
                    and not _looks_like_code(code_v):
                skipped.append(f"{file}{', sheet ' + repr(sheet_name) if sheet_name else ''}, row "
                               f"{rowno}: footer line skipped: {cell_text(code_v)[:60]!r}")
                continue
        elif "name" in cols and _nonempty(name_v):
            code, reason = names.resolve(name_v)
            where_col = colname(cols["name"])
            if code is None and _FOOTER.match(normalise_header(name_v) or "x"):
                skipped.append(f"{file}{', sheet ' + repr(sheet_name) if sheet_name else ''}, row "
                               f"{rowno}: footer line skipped: {cell_text(name_v)[:60]!r}")
                continue
        else:
            texts = [cell_text(v) for v in r if _nonempty(v)]
            if len(texts) == 1 and _FOOTER.match(normalise_header(texts[0]) or "x"):
                skipped.append(f"{file}{', sheet ' + repr(sheet_name) if sheet_name else ''}, row "
                               f"{rowno}: footer line skipped: {texts[0][:60]!r}")
                continue
            reason = "empty code" if "code" in cols else "empty name"
        if code is None:
            rejected.append(Problem(reason, file, sheet_name, rowno, where_col,
                                    code_v if code_v is not None else name_v))
            continue
        if code in seen:
            rejected.append(Problem(f"duplicate: {code} is already on row {seen[code]}", file,
                                    sheet_name, rowno, where_col, code_v if code_v is not None else name_v))
            continue
        fields = {}
        bad = False
        for f in USER_FIELDS:
            if f in cols:
                v = get(f)
                try:
                    fields[f] = parse_user_field(f, v)
                except StoreError as e:
                    rejected.append(Problem(str(e), file, sheet_name, rowno, colname(cols[f]), v))
                    bad = True
                    break
        if bad:
            continue
        seen[code] = rowno
        out.append(ListRow(rowno, code, fields))
    if empty:
        skipped.append(f"{empty} empty row(s) skipped")
    outside = [m for m in sheet.merged if m not in merged_notes]
    if outside:
        skipped.append(f"merged cells {', '.join(outside[:5])} hold no list rows' codes and were read "
                       "as their top-left value")
    if sheet.formulas:
        n_cached = sheet.formulas - len(sheet.formulas_without_value)
        if n_cached:
            skipped.append(f"{n_cached} formula cell(s): their last calculated values were used")
        if sheet.formulas_without_value:
            skipped.append(f"formula cell(s) {', '.join(sheet.formulas_without_value[:10])} have no "
                           "calculated value and were read as empty (open and save the file in Excel "
                           "or LibreOffice to calculate them)")
    return out, rejected, skipped


def _plan_into(desk, pv: ImportPreview, name: str, rows: list[ListRow], sheet: str | None) -> None:
    store = desk.store
    target = next((w for w in store.watchlists() if w.name == name), None)
    theirs = {it.code: fields_of(it) for it in (target.items if target else [])}
    order = [it.code for it in (target.items if target else [])]
    plan = ListPlan(name, target.id if target else None, theirs, order,
                    mine_order=[r.code for r in rows], place_adds=False)
    if target is None:
        pv.changes.append(Change("create", name))
    already = 0
    for r in rows:
        if r.code not in theirs:
            f = empty_fields()
            f.update(r.fields)
            plan.adds[r.code] = f
            pv.changes.append(Change("add", name, r.code, None, None, dict(r.fields), sheet, r.row))
            continue
        changed = False
        for k, v in r.fields.items():
            if v in ("", (), None) or same(k, v, theirs[r.code][k]):
                continue
            plan.updates.setdefault(r.code, {})[k] = v
            pv.changes.append(Change("update", name, r.code, k, theirs[r.code][k], v, sheet, r.row))
            changed = True
        if not changed:
            already += 1
    if already:
        pv.notes.append(f"{already} row(s) already in {name!r} with nothing to change")
    pv.plans.append(plan)


__all__ = ["CodeColumn", "ColumnMapping", "MappingRequest", "detect_layout", "load_mappings",
           "mappings_path", "preview_list", "remember_mapping", "resolve_name", "NameIndex"]
