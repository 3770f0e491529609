"""Text out of a report file: PDF, DOCX, HTML (a saved page or WeChat article), TXT / MD, or pasted text.

``extract_file(path)`` returns an :class:`ExtractedText` whose ``text`` is what the finder reads; every
quote the desk shows later is an exact substring of it. Cleaning is said, never silent: ``dropped`` lists
what was removed (running headers and footers, page numbers, disclaimer pages), ``warnings`` what looks
wrong. A file that cannot be read (a scan without a text layer, an encrypted or damaged file, an empty
text, a file past the limits) raises :class:`IngestError` with a one-line message naming the file.

* PDF through pypdfium2 (PDFium): per page, lines with their boxes; headers/footers are lines repeated in
  the top or bottom band of many pages (digits folded, so "第3页" and "第4页" repeat); disclaimer pages and
  sections at the end (免责声明, 分析师声明, 评级说明 …) are dropped; wrapped lines are re-joined inside
  paragraphs (a line that reaches the right margin and does not end a sentence continues on the next,
  unless that one is a heading or a list item); two-column pages are read column by column.
* DOCX through python-docx (paragraphs and table cells in document order).
* HTML through trafilatura (main text only); a WeChat article's ``#js_content`` is taken as the body.
* TXT / MD: BOM first (UTF-8, UTF-16, UTF-32), then strict UTF-8, then GB18030 against Big5 by how
  common the decoded characters are, then charset-normalizer. Line ends become ``\\n``. The text is
  otherwise kept as it is (nothing is dropped from a plain-text file).
"""
from __future__ import annotations

import datetime as dt
import functools
import re
import statistics
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from app.limits import Limits, ReaderError

# The limits are the readers' shared ones (app/limits.py): size on disk, pages, characters, time.
_LIM = Limits()
MAX_PAGES = _LIM.pages
MAX_CHARS = _LIM.text_chars
MAX_BYTES = _LIM.file_bytes
TIMEOUT_S = _LIM.seconds


@dataclass
class ExtractedText:
    text: str              # cleaned full text; every quote the finder makes is an exact substring of this
    source: str            # file name, or "pasted"
    format: str            # "pdf" | "docx" | "html" | "txt" | "md" | "pasted"
    pages: int | None = None
    encoding: str | None = None
    dropped: list[str] = field(default_factory=list)   # what cleaning removed, human-readable
    title_hint: str | None = None    # PDF metadata / DOCX core properties / HTML <title> / og:title
    date_hint: str | None = None     # ISO date from file metadata when present
    warnings: list[str] = field(default_factory=list)


class IngestError(ReaderError):
    """A file that cannot be read: the message names the file and the problem, on one line (a
    :class:`~app.limits.ReaderError`, so whatever handles the readers' errors handles these)."""

    def __init__(self, message: str):
        Exception.__init__(self, message)
        self.path, self.file, self.message = None, "", message
        self.sheet = self.row = self.column = None


FORMATS = {".pdf": "pdf", ".docx": "docx", ".docm": "docx", ".html": "html", ".htm": "html",
           ".xhtml": "html", ".mhtml": "html", ".txt": "txt", ".text": "txt", ".md": "md",
           ".markdown": "md"}


def extract_file(path, *, limits: Limits | None = None, max_pages: int | None = None,
                 max_chars: int | None = None, max_bytes: int | None = None,
                 timeout_s: float | None = None) -> ExtractedText:
    """Read one report file (format from its extension, checked against its first bytes), within
    ``limits`` (default: :meth:`Limits.default`, the readers' shared limits); a keyword narrows one."""
    lim = limits or Limits.default()
    max_pages = lim.pages if max_pages is None else max_pages
    max_chars = lim.text_chars if max_chars is None else max_chars
    max_bytes = lim.file_bytes if max_bytes is None else max_bytes
    timeout_s = lim.seconds if timeout_s is None else timeout_s
    p = Path(path)
    name = p.name
    try:
        size = p.stat().st_size
    except FileNotFoundError:
        raise IngestError(f"{name}: file not found") from None
    except OSError as e:
        raise IngestError(f"{name}: cannot open ({e.strerror or e})") from None
    if p.is_dir():
        raise IngestError(f"{name}: is a folder, not a file")
    if size == 0:
        raise IngestError(f"{name}: the file is empty")
    if size > max_bytes:
        raise IngestError(f"{name}: {size / 1e6:.1f} MB is past the limit of {max_bytes / 1e6:g} MB")
    try:
        data = p.read_bytes()
    except OSError as e:
        raise IngestError(f"{name}: cannot read ({e.strerror or e})") from None
    fmt = _sniff(data, FORMATS.get(p.suffix.lower()))
    if fmt is None and not p.suffix and b"\x00" not in data[:4096]:
        fmt = "txt"   # no extension and no known signature: text, if it decodes
    if fmt is None:
        raise IngestError(f"{name}: unknown file type {p.suffix or '(no extension)'!r} "
                          "(read: PDF, DOCX, HTML, TXT, MD)")
    if fmt == "ole":
        raise IngestError(f"{name}: an encrypted Word file or an old .doc (an OLE file); save it as .docx "
                          "without a password")
    deadline = time.monotonic() + timeout_s
    if fmt == "pdf":
        ex = _pdf(data, name, max_pages=max_pages, max_chars=max_chars, deadline=deadline,
                  timeout_s=timeout_s)
    elif fmt == "docx":
        ex = _docx(data, name)
    elif fmt == "html":
        ex = _html(data, name)
    else:
        text, enc = decode_text(data, name)
        ex = ExtractedText(text=normalise_newlines(text), source=name, format=fmt, encoding=enc)
    if len(ex.text) > max_chars:
        raise IngestError(f"{name}: {len(ex.text):,} characters of text is past the limit of {max_chars:,}")
    if not ex.text.strip():
        raise IngestError(f"{name}: no text in the file" + (" after cleaning" if ex.dropped else ""))
    if time.monotonic() > deadline:
        raise IngestError(f"{name}: reading took longer than {timeout_s:g} s (limit)")
    return ex


def extract_pasted(text: str, name: str = "pasted", limits: Limits | None = None) -> ExtractedText:
    """Text pasted in the GUI: line ends normalised, otherwise as given."""
    max_chars = (limits or Limits.default()).text_chars
    t = normalise_newlines(text or "")
    if not t.strip():
        raise IngestError(f"{name}: the pasted text is empty")
    if len(t) > max_chars:
        raise IngestError(f"{name}: {len(t):,} characters of text is past the limit of {max_chars:,}")
    return ExtractedText(text=t, source=name, format="pasted")


# ---- format detection -------------------------------------------------------------------

def _sniff(data: bytes, by_ext: str | None) -> str | None:
    head = data[:1024]
    if head.lstrip()[:5] == b"%PDF-" or head.find(b"%PDF-") >= 0 and by_ext in (None, "pdf"):
        return "pdf"
    if head[:4] == b"PK\x03\x04":
        return "docx" if by_ext in (None, "docx") else by_ext
    if head[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        return "ole"  # an encrypted Office file or an old binary .doc
    if by_ext in (None, "txt", "md"):
        low = head.lower()
        if by_ext is None and (b"<html" in low or b"<!doctype html" in low):
            return "html"
    return by_ext


def normalise_newlines(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.startswith("\ufeff"):
        text = text[1:]
    return text.replace("\x00", "")


# ---- plain text -------------------------------------------------------------------------

_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),
         (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))

# The most frequent Chinese characters (Simplified); their Traditional forms are added at first use.
# Text decoded with the wrong one of GB18030 / Big5 is mostly rare characters, so the share of these
# tells the two apart.
_COMMON = ("的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年得就那要下以生会自着去之过家学对可"
           "她里后小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经头面公同三已"
           "老从动两长知民样现分将外但身些与高意进把法此实回二理美点月明其种声全工己话儿者向情部正名定女问力"
           "机给等几很业最间新什打便位因重被走电四第门相次东政海口使教西再平真听世气信北少关并内加化由却代军"
           "产入先山五太水万市眼体别处总才场师书比住员九笑性通目华报立马命张活难神数件安表原车白应路期叫死常"
           "提感金何更反合放做系计或司利受光王果亲界及今京务制解各任至清物台象记边共风战干接它许八特觉望直服"
           "毛林题建南度统色字请交爱让认算论百吃义科怎元社术结六功指思非流每青管夫连远资队跟带花快条院变联言"
           "权往展该领传近留红治决周保达办运武半候七必城父强步完革深区即求品士转量空甚众技轻程告江语英基派满"
           "式李息写呢识极令黄德收脸钱党倒未持取设始版双历越史商千片容研像找友孩站广改议形委早房音火际则首单"
           "据导影失拿网香似斯专石若兵弟谁校读志飞观争究包组造落视济喜离虽坏兴模型智能算投资股票证券公司市场"
           "营收亿增长阿里巴腾讯字节跳动")


@functools.lru_cache(maxsize=1)
def _common_chars() -> frozenset[str]:
    from app.text import to_hant

    return frozenset(_COMMON) | frozenset(to_hant(_COMMON))


def _cjk_score(text: str) -> float:
    common = _common_chars()
    cjk = [c for c in text[:20000] if "\u3400" <= c <= "\u9fff"]
    if not cjk:
        return 0.0
    return sum(c in common for c in cjk) / len(cjk)


def decode_text(data: bytes, name: str) -> tuple[str, str]:
    """Bytes of a text file -> (text, encoding name). Raises IngestError when nothing fits."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc), enc.replace("-sig", "") + " (BOM)"
            except UnicodeDecodeError as e:
                raise IngestError(f"{name}: starts with a {enc} byte-order mark but is not {enc} "
                                  f"(byte {e.start})") from None
    sample = data[:4000]
    if len(sample) >= 4 and sample.count(b"\x00") > len(sample) // 4:   # UTF-16 without a BOM
        enc = "utf-16-le" if sample[1::2].count(b"\x00") > sample[0::2].count(b"\x00") else "utf-16-be"
        try:
            return data.decode(enc), enc
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    candidates = []
    for enc in ("gb18030", "big5"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        candidates.append((_cjk_score(text), enc == "gb18030", text, enc))
    if candidates:
        score, _, text, enc = max(candidates)
        if score >= 0.2 or len(candidates) == 1:
            return text, enc
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - requests brings it
        best = None
    else:
        best = from_bytes(data).best()
    if best is not None:
        import codecs

        return str(best), codecs.lookup(best.encoding).name
    raise IngestError(f"{name}: not text in UTF-8, UTF-16, GB18030 or Big5 (cannot tell the encoding)")


# ---- PDF --------------------------------------------------------------------------------

@dataclass
class _Line:
    text: str
    x0: float
    x1: float
    top: float      # PDF space: y grows upwards, so top > bottom
    bottom: float

    @property
    def height(self) -> float:
        return max(self.top - self.bottom, 0.1)


# Page numbers as they are printed alone on a line.
_PAGE_NUM = re.compile(
    r"^(?:[-–—−_~·•\s]*\d{1,4}[-–—−_~·•\s]*"
    r"|第\s*\d{1,4}\s*页(?:\s*[/,，、]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4}"
    r"|(?:page|p\.)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?"
    r"|\d{1,4}\s*of\s*\d{1,4})$", re.I)

_DISCLAIMER = re.compile(
    r"(免责声明|免責聲明|分析师声明|分析師聲明|分析师承诺|分析師承諾|重要声明|重要聲明|特别声明|特別聲明|"
    r"一般声明|一般聲明|法律声明|法律聲明|版权声明|版權聲明|评级说明|評級說明|投资评级说明|投資評級說明|"
    r"信息披露|資訊披露|信息披露声明|证券投资咨询业务的说明|證券投資諮詢業務的說明|法律实体披露|"
    r"disclaimer|analyst certification|important disclosures?|disclosure appendix)", re.I)

_HEADING_OR_ITEM = re.compile(
    r"^\s*(?:#{1,6}\s|第[一二三四五六七八九十百\d]+[章节節部篇]|[一二三四五六七八九十]+\s*[、.．]|"
    r"\d{1,2}(?:\.\d{1,2})*\s*[、.．]?\s*(?=[\u3400-\u9fffA-Za-z])(?!\d)|[（(]\s*[\d一二三四五六七八九十]{1,3}\s*[)）]|"
    r"[①-⑳❶-❿]|[•●○■□◆◇▪►▶✓√\-–—*·]\s*|图表?\s*\d|圖表?\s*\d|表\s*\d|"
    r"(?:资料|資料|数据|數據)?来源[:：]|(?:资料|資料|数据|數據)?來源[:：]|注[:：]|风险提示|風險提示)")
_CJK_END = re.compile(r"[\u3400-\u9fff，、]$")
_CJK_START = re.compile(r"[\u3400-\u9fff]")
_SENTENCE_END = re.compile(r"[。！？!?；;…]['\"”’」』）)】]*$")

# CJK radicals some fonts map their glyphs to (Noto Sans CJK does): the text says "⼈⼯智能" but means 人工智能.
_RADICALS_SUPPLEMENT = {
    "\u2ec4": "西", "\u2ec5": "见", "\u2ec6": "角", "\u2ec9": "贝", "\u2eca": "足", "\u2ecb": "车",
    "\u2ed1": "長", "\u2ed3": "长", "\u2ed4": "门", "\u2ed6": "阝", "\u2ed8": "青", "\u2ed9": "韦", "\u2eda": "页",
    "\u2edb": "风", "\u2edc": "飞", "\u2edd": "食", "\u2ee0": "饣", "\u2ee2": "马", "\u2ee3": "骨", "\u2ee4": "鬼",
    "\u2ee5": "鱼", "\u2ee6": "鸟", "\u2ee7": "卤", "\u2ee8": "麦", "\u2ee9": "黄", "\u2eea": "黾", "\u2eeb": "斉",
    "\u2eec": "齐", "\u2eed": "歯", "\u2eee": "齿", "\u2eef": "竜", "\u2ef0": "龙", "\u2ef2": "亀", "\u2ef3": "龟",
}
_RADICAL_RE = re.compile("[\u2e80-\u2eff\u2f00-\u2fdf]")
_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def _fix_radicals(text: str, simplified: bool) -> tuple[str, int]:
    """Replace CJK radical look-alikes with the ideographs they stand for; returns (text, count)."""
    from app.text import to_hans

    n = 0

    def sub(m: re.Match) -> str:
        nonlocal n
        ch = m.group(0)
        out = _RADICALS_SUPPLEMENT.get(ch) or unicodedata.normalize("NFKC", ch)
        if out == ch:
            return ch
        n += 1
        return to_hans(out) if simplified else out

    return _RADICAL_RE.sub(sub, text), n


_SCRIPT: dict[str, tuple[bool, bool]] = {}   # character -> (Simplified only, Traditional only)


def script_counts(text: str, limit: int = 30000) -> tuple[int, int]:
    """(Simplified-only, Traditional-only) character counts in the first ``limit`` characters."""
    from collections import Counter

    from app.text import to_hans, to_hant

    counts = Counter(c for c in text[:limit] if "\u4e00" <= c <= "\u9fff")
    new = "".join(c for c in counts if c not in _SCRIPT)
    if new:
        # one conversion of the distinct characters (separated, so no phrase rules apply)
        sep = "\n".join(new)
        hant, hans = to_hant(sep).split("\n"), to_hans(sep).split("\n")
        if len(hant) == len(hans) == len(new):
            for c, t, s in zip(new, hant, hans):
                _SCRIPT[c] = (t != c, s != c)
    hans_only = sum(n for c, n in counts.items() if _SCRIPT.get(c, (False, False))[0])
    hant_only = sum(n for c, n in counts.items() if _SCRIPT.get(c, (False, False))[1])
    return hans_only, hant_only


def _mostly_simplified(text: str) -> bool:
    hans_only, hant_only = script_counts(text)
    return hans_only >= hant_only


def _pdf_error(name: str, e: Exception) -> IngestError:
    code = getattr(e, "err_code", None)
    import pypdfium2.raw as raw

    if code == raw.FPDF_ERR_PASSWORD:
        return IngestError(f"{name}: the PDF is encrypted (password-protected); open it, print it to an "
                           "unprotected PDF and add that")
    if code in (raw.FPDF_ERR_FORMAT, raw.FPDF_ERR_FILE):
        return IngestError(f"{name}: the PDF is damaged or incomplete (PDFium cannot read it)")
    if code == raw.FPDF_ERR_SECURITY:
        return IngestError(f"{name}: the PDF uses an unsupported security handler")
    return IngestError(f"{name}: cannot read the PDF ({e})")


def _ymd(m: re.Match | None) -> str | None:
    """The ISO date of a match whose groups 1-3 are year, month and day, or None when it is not a date."""
    if not m:
        return None
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3])).isoformat()
    except ValueError:
        return None


def _pdf_date(s: str | None) -> str | None:
    return _ymd(re.match(r"D?:?(\d{4})(\d{2})(\d{2})", s or ""))


def _page_lines(page, textpage) -> list[_Line]:
    """The page's text as line segments with their boxes, PDFium's lines split at wide gaps.

    PDFium joins text on one baseline into one line, so two columns printed line by line come out as
    "left line  right line"; splitting at a gap wider than about one character height gives the
    columns back (and table cells, which :func:`_order` puts back on one line).
    """
    text = textpage.get_text_range()
    n = textpage.count_chars()
    out: list[_Line] = []
    if n <= 0:
        return out
    # get_text_range() gives one item per character index (PDFium adds the line breaks as characters),
    # so indexes and string offsets agree unless the text has surrogate pairs.
    if len(text) != n:
        h = page.get_height()
        for i, s in enumerate(ln.strip() for ln in re.split(r"\r\n|\n|\r", text)):
            if s:
                top = h - i * 12.0
                out.append(_Line(s, 0.0, page.get_width(), top, top - 10.0))
        return out
    box = textpage.get_charbox
    for m in re.finditer(r"[^\r\n]+", text):
        seg_start = m.start()
        raw = m.group(0)
        # candidate split points: runs of spaces inside the line
        cuts = [(sm.start() + m.start(), sm.end() + m.start()) for sm in re.finditer(r" +", raw)
                if 0 < sm.start() and sm.end() < len(raw)]
        pieces = []
        if cuts:
            b_first = box(m.start())
            hgt = max(b_first[3] - b_first[1], 4.0)
            for a, b in cuts:
                left, right = box(a - 1), box(b)
                if right[0] - left[2] > 1.2 * max(hgt, left[3] - left[1], right[3] - right[1]):
                    pieces.append((seg_start, a))
                    seg_start = b
        pieces.append((seg_start, m.end()))
        for a, b in pieces:
            s = text[a:b]
            lead = len(s) - len(s.lstrip())
            trail = len(s.rstrip())
            if trail <= lead:
                continue
            b0, b1 = box(a + lead), box(a + trail - 1)
            out.append(_Line(s.strip(), min(b0[0], b1[0]), max(b0[2], b1[2]),
                             max(b0[3], b1[3]), min(b0[1], b1[1])))
    return out


def _columns(lines: list[_Line], width: float) -> tuple[float | None, list[_Line], list[_Line], list[_Line]]:
    """Find a gutter that splits the page's segments into two columns; (gx, left, right, spanning)."""
    if len(lines) < 6:
        return None, [], [], lines
    best = None
    for i in range(20, 81, 2):
        gx = width * i / 100
        left = [ln for ln in lines if ln.x1 <= gx]
        right = [ln for ln in lines if ln.x0 >= gx]
        span = len(lines) - len(left) - len(right)
        score = (span, -min(len(left), len(right)))
        if best is None or score < best[0]:
            best = (score, gx, left, right)
    _, gx, left, right = best
    if min(len(left), len(right)) < 3:
        return None, [], [], lines
    # The two sides must stand beside each other on the page, not one above the other.
    l_top, l_bot = max(ln.top for ln in left), min(ln.bottom for ln in left)
    r_top, r_bot = max(ln.top for ln in right), min(ln.bottom for ln in right)
    overlap = min(l_top, r_top) - max(l_bot, r_bot)
    if overlap <= 0.5 * min(l_top - l_bot, r_top - r_bot):
        return None, [], [], lines
    ids = set(map(id, left)) | set(map(id, right))
    span = [ln for ln in lines if id(ln) not in ids]
    if len(span) > 0.3 * len(lines):
        return None, [], [], lines
    # Columns of text fill their width; a table's label and value cells do not (rows stay rows).
    def fill(side: list[_Line]) -> float:
        x0, x1 = min(ln.x0 for ln in side), max(ln.x1 for ln in side)
        return statistics.median(ln.x1 - ln.x0 for ln in side) / max(x1 - x0, 1.0)
    if max(fill(left), fill(right)) < 0.6:
        return None, [], [], lines
    return gx, left, right, span


def _merge_rows(segs: list[_Line]) -> list[_Line]:
    """Segments on one baseline (table cells, a header's left and right parts) back into one line."""
    out: list[_Line] = []
    for ln in sorted(segs, key=lambda ln: -ln.top):
        if out:
            last = out[-1]
            mid_a, mid_b = (last.top + last.bottom) / 2, (ln.top + ln.bottom) / 2
            if abs(mid_a - mid_b) <= 0.5 * min(last.height, ln.height) and (ln.x0 >= last.x1 or ln.x1 <= last.x0):
                parts = sorted([last, ln], key=lambda x: x.x0)
                out[-1] = _Line(parts[0].text + " " + parts[1].text, parts[0].x0, max(last.x1, ln.x1),
                                max(last.top, ln.top), min(last.bottom, ln.bottom))
                continue
        out.append(ln)
    return out


def _order(lines: list[_Line], width: float) -> tuple[list[list[_Line]], bool]:
    """Reading order as blocks (a column or a full-width band); True when the page has two columns."""
    by_y = sorted(lines, key=lambda ln: (-ln.top, ln.x0))
    gx, left, right, span = _columns(by_y, width)
    if gx is None:
        return [_merge_rows(by_y)], False
    blocks: list[list[_Line]] = []
    pending_l: list[_Line] = []
    pending_r: list[_Line] = []
    span_ids = set(map(id, span))
    left_ids = set(map(id, left))
    band: list[_Line] = []
    for ln in by_y:
        if id(ln) in span_ids:
            if pending_l or pending_r:
                blocks += [_merge_rows(b) for b in (pending_l, pending_r) if b]
                pending_l, pending_r = [], []
            band.append(ln)
        else:
            if band:
                blocks.append(_merge_rows(band))
                band = []
            (pending_l if id(ln) in left_ids else pending_r).append(ln)
    if band:
        blocks.append(_merge_rows(band))
    blocks += [_merge_rows(b) for b in (pending_l, pending_r) if b]
    return blocks, True


def _paragraphs(block: list[_Line]) -> list[tuple[str, bool]]:
    """Re-join wrapped lines: (paragraph text, ends open) where open means it may go on next page."""
    if not block:
        return []
    right = max(ln.x1 for ln in block)
    heights = [ln.height for ln in block]
    h = statistics.median(heights)
    gaps = [a.bottom - b.top for a, b in zip(block, block[1:]) if a.bottom - b.top > -h / 2]
    gap = statistics.median(gaps) if gaps else h * 0.5
    paras: list[list[_Line]] = [[block[0]]]
    left = min(ln.x0 for ln in block)
    for prev, ln in zip(block, block[1:]):
        # A wrapped line reaches the right margin; one with Latin letters or digits may stop a little
        # short, so a line between two Chinese characters counts when it fills most of the width.
        full = prev.x1 >= right - 1.6 * prev.height or (
            _CJK_END.search(prev.text) and _CJK_START.match(ln.text)
            and prev.x1 - left >= 0.75 * (right - left))
        same_size = abs(ln.height - prev.height) <= 0.3 * max(ln.height, prev.height)
        close = (prev.bottom - ln.top) <= max(gap * 1.5 + 1.0, 0.3 * h)
        if (full and same_size and close and not _SENTENCE_END.search(prev.text)
                and not _HEADING_OR_ITEM.match(ln.text)):
            paras[-1].append(ln)
        else:
            paras.append([ln])
    out = []
    for para in paras:
        last = para[-1]
        open_end = last.x1 >= right - 1.6 * last.height and not _SENTENCE_END.search(last.text)
        out.append((_join([ln.text for ln in para]), open_end))
    return out


def _join(parts: list[str]) -> str:
    text = parts[0]
    for p in parts[1:]:
        if text and p and text[-1].isascii() and text[-1].isalnum() and p[0].isascii() and p[0].isalnum():
            text += " " + p
        else:
            text += p
    return text


def _norm_repeat(text: str) -> str:
    return re.sub(r"\s+", "", re.sub(r"\d+", "#", text))


def _pdf(data: bytes, name: str, *, max_pages: int, max_chars: int, deadline: float,
         timeout_s: float) -> ExtractedText:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        raise _pdf_error(name, e) from None
    try:
        n_pages = len(pdf)
        if n_pages == 0:
            raise IngestError(f"{name}: the PDF has no pages")
        if n_pages > max_pages:
            raise IngestError(f"{name}: {n_pages} pages is past the limit of {max_pages} pages")
        try:
            meta = pdf.get_metadata_dict()
        except Exception:  # pragma: no cover
            meta = {}
        pages: list[list[_Line]] = []
        sizes: list[tuple[float, float]] = []
        chars = 0
        empty_pages: list[int] = []
        for i in range(n_pages):
            if time.monotonic() > deadline:
                raise IngestError(f"{name}: reading took longer than {timeout_s:g} s "
                                  f"(stopped at page {i + 1} of {n_pages})")
            try:
                page = pdf[i]
                tp = page.get_textpage()
            except pdfium.PdfiumError as e:
                raise IngestError(f"{name}: page {i + 1} is damaged ({e})") from None
            try:
                lines = _page_lines(page, tp)
                sizes.append((page.get_width(), page.get_height()))
            finally:
                tp.close()
                page.close()
            chars += sum(len(ln.text) for ln in lines)
            if chars > max_chars:
                raise IngestError(f"{name}: more than {max_chars:,} characters of text (limit), "
                                  f"at page {i + 1} of {n_pages}")
            if not lines:
                empty_pages.append(i + 1)
            pages.append(lines)
    finally:
        pdf.close()
    if chars < 20 or len(empty_pages) == n_pages:
        raise IngestError(f"{name}: the PDF has no text layer (a scan or images only); run OCR on it "
                          "first or paste its text")
    # CJK radical look-alikes first, so "第3⻚" is a page number and a header repeats as itself.
    simplified = _mostly_simplified("".join(ln.text for lines in pages[:20] for ln in lines))
    n_rad = 0
    for lines in pages:
        for ln in lines:
            if _RADICAL_RE.search(ln.text):
                ln.text, k = _fix_radicals(ln.text, simplified)
                n_rad += k
    warnings: list[str] = []
    if empty_pages:
        warnings.append(f"{_ranges(empty_pages, 'page')} without text (images only?)")
    dropped: list[str] = []
    pages = _drop_running(pages, sizes, dropped)
    pages, kept_pages = _drop_disclaimers(pages, dropped)
    paras: list[str] = []
    open_end = False
    two_col: list[int] = []
    for i, lines in enumerate(pages):
        blocks, cols = _order(lines, sizes[i][0])
        if cols:
            two_col.append(i + 1)
        for bi, block in enumerate(blocks):
            for j, (text, is_open) in enumerate(_paragraphs(block)):
                if j == 0 and bi == 0 and open_end and paras and not _HEADING_OR_ITEM.match(text):
                    paras[-1] = _join([paras[-1], text])
                else:
                    paras.append(text)
                open_end = is_open
    text = "\n".join(paras)
    text = _CONTROL_RE.sub("", text)
    if n_rad:
        dropped.append(f"{n_rad} CJK radical look-alikes replaced by their characters (⼈→人)")
    if two_col:
        warnings.append(f"{_ranges(two_col, 'page')} read as two columns")
    title = (meta.get("Title") or "").strip() or None
    if title:
        title, _ = _fix_radicals(title, True)
    return ExtractedText(text=text, source=name, format="pdf", pages=n_pages, dropped=dropped,
                         title_hint=title, date_hint=_pdf_date(meta.get("CreationDate")),
                         warnings=warnings)


def _ranges(nums: list[int], noun: str) -> str:
    parts = []
    start = prev = nums[0]
    for n in nums[1:] + [None]:
        if n is not None and n == prev + 1:
            prev = n
            continue
        parts.append(f"{start}" if start == prev else f"{start}–{prev}")
        if n is not None:
            start = prev = n
    return f"{noun}{'s' if len(nums) > 1 else ''} {', '.join(parts)}"


def _drop_running(pages: list[list[_Line]], sizes, dropped: list[str]) -> list[list[_Line]]:
    """Drop page numbers and lines repeated in the top or bottom band of many pages."""
    n = len(pages)

    def band(i: int, ln: _Line, lines_by_y: list[_Line]) -> bool:
        h = sizes[i][1]
        return ln.top >= h * 0.91 or ln.bottom <= h * 0.09

    def key(ln: _Line) -> tuple[str, int]:
        # the same text (digits folded) at the same height on the page
        return _norm_repeat(ln.text), round(ln.top / 6)

    cands: list[list[_Line]] = []
    counts: dict[tuple[str, int], set[int]] = {}
    for i, lines in enumerate(pages):
        by_y = sorted(lines, key=lambda ln: -ln.top)
        edge = {id(by_y[0]), id(by_y[-1])} if by_y else set()
        c = [ln for ln in by_y if band(i, ln, by_y) or id(ln) in edge]
        cands.append(c)
        for ln in c:
            if band(i, ln, by_y):
                counts.setdefault(key(ln), set()).add(i)
    need = max(3, int(0.5 * n + 0.5)) if n >= 3 else n + 1
    running = {k for k, v in counts.items() if len(v) >= need and k[0]}
    numbers = 0
    removed_running: dict[tuple[str, int], tuple[str, int, str]] = {}
    out = []
    for i, lines in enumerate(pages):
        drop = set()
        for ln in cands[i]:
            if _PAGE_NUM.match(ln.text):
                drop.add(id(ln))
                numbers += 1
            elif key(ln) in running:
                drop.add(id(ln))
                k = key(ln)
                first, cnt, where = removed_running.get(
                    k, (ln.text, 0, "header" if ln.top >= sizes[i][1] / 2 else "footer"))
                removed_running[k] = (first, cnt + 1, where)
        out.append([ln for ln in lines if id(ln) not in drop])
    for first, cnt, where in removed_running.values():
        dropped.append(f"running {where} '{_short(first)}' on {cnt} pages")
    if numbers:
        dropped.append(f"page numbers ({numbers})")
    return out


def _short(s: str, n: int = 40) -> str:
    return s if len(s) <= n else s[: n - 1] + "…"


_HEAD_PREFIX = re.compile(r"^[\s\d一二三四五六七八九十、.．:：()（）【】\[\]#*]*")


def _is_disclaimer_heading(ln: _Line) -> bool:
    """A line that opens a disclaimer section: short and starting with one of the section names."""
    t = ln.text.strip()
    if len(t) > 40:
        return False
    m = _DISCLAIMER.search(t)
    return bool(m) and m.start() == _HEAD_PREFIX.match(t).end()


def _drop_disclaimers(pages: list[list[_Line]], dropped: list[str]) -> tuple[list[list[_Line]], int]:
    """Drop the disclaimer pages at the end, then a disclaimer section closing the last page kept."""
    n = len(pages)
    keep = n
    while keep > 1:
        lines = sorted(pages[keep - 1], key=lambda ln: -ln.top)
        if not lines:
            keep -= 1
            continue
        if any(_is_disclaimer_heading(ln) for ln in lines[:3]):
            keep -= 1
            continue
        break
    if keep < n:
        label = f"{keep + 1}" if keep + 1 == n else f"{keep + 1}–{n}"
        dropped.append(f"disclaimer page{'s' if n - keep > 1 else ''} {label}")
    out = pages[:keep]
    # A disclaimer section starting part-way down one of the last two pages kept.
    for pi in range(len(out) - 1, max(len(out) - 3, 0), -1):
        lines = sorted(out[pi], key=lambda ln: -ln.top)
        idx = next((k for k, ln in enumerate(lines) if k > 0 and _is_disclaimer_heading(ln)), None)
        if idx is not None:
            cut = lines[idx]
            dropped.append(f"disclaimer section '{_short(cut.text, 20)}' at the end of page {pi + 1}")
            out[pi] = [ln for ln in out[pi] if ln.top > cut.top]
            out = out[: pi + 1]
            break
    return out, keep


# ---- DOCX -------------------------------------------------------------------------------

def _docx(data: bytes, name: str) -> ExtractedText:
    import io
    import zipfile

    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise IngestError(f"{name}: an encrypted Word file or an old .doc; save it as .docx without a password")
    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError
    except ImportError as e:  # pragma: no cover - a declared dependency
        raise IngestError(f"{name}: python-docx is not installed ({e})") from None
    try:
        doc = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError) as e:
        raise IngestError(f"{name}: the DOCX is damaged or not a Word document ({e.__class__.__name__})") from None
    except Exception as e:  # lxml errors on broken XML parts
        raise IngestError(f"{name}: the DOCX is damaged ({e.__class__.__name__}: {_short(str(e), 60)})") from None
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    out: list[str] = []

    def table_lines(tbl: Table) -> None:
        for row in tbl.rows:
            cells, seen = [], set()
            for cell in row.cells:
                if id(cell._tc) in seen:  # a merged cell repeats
                    continue
                seen.add(id(cell._tc))
                t = " ".join(p.text.strip() for p in cell.paragraphs if p.text.strip())
                cells.append(t)
                for inner in cell.tables:
                    table_lines(inner)
            if any(cells):
                out.append(" | ".join(cells))

    body = doc.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            t = Paragraph(child, doc).text
            if t.strip():
                out.append(t.strip())
        elif tag == "tbl":
            table_lines(Table(child, doc))
        elif tag == "sdt":  # content controls (e.g. a table of contents): their paragraphs
            for p in child.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p"):
                t = Paragraph(p, doc).text
                if t.strip():
                    out.append(t.strip())
    cp = doc.core_properties
    title = (cp.title or "").strip() or None
    date = None
    for d in (cp.created, cp.modified):
        if isinstance(d, dt.datetime) and d.year > 1990:
            date = d.date().isoformat()
            break
    text = normalise_newlines("\n".join(out))
    return ExtractedText(text=_CONTROL_RE.sub("", text), source=name, format="docx", title_hint=title,
                         date_hint=date)


# ---- HTML -------------------------------------------------------------------------------

_META_DATE = ("article:published_time", "og:published_time", "publishdate", "pubdate", "publish_date",
              "date", "dc.date", "dcterms.created")


def _html(data: bytes, name: str) -> ExtractedText:
    try:
        import trafilatura
    except ImportError:  # a declared dependency; the simple reader keeps the desk working without it
        trafilatura = None
    return _html_with(data, name, trafilatura)


def _html_with(data: bytes, name: str, trafilatura) -> ExtractedText:
    import lxml.html

    raw_text, enc = _html_decode(data, name)
    try:
        tree = lxml.html.fromstring(raw_text)
    except Exception as e:
        raise IngestError(f"{name}: not readable HTML ({e.__class__.__name__})") from None
    title = _html_title(tree)
    date = _html_date(tree, raw_text)
    # A WeChat article: the body is #js_content; the rest is the account card, QR codes and scripts.
    wx = tree.get_element_by_id("js_content", None)
    doc_html = raw_text
    if wx is not None:
        doc_html = "<html><body><article>" + lxml.html.tostring(wx, encoding="unicode") + "</article></body></html>"
    warnings: list[str] = []
    text = None
    if trafilatura is None:
        warnings.append("trafilatura is not installed: main text taken with the simple reader")
    if trafilatura is not None:
        text = trafilatura.extract(doc_html, include_tables=True, include_comments=False,
                                   include_links=False, favor_recall=True, deduplicate=False,
                                   config=_trafilatura_config())
    if not text:
        text = _html_fallback(lxml.html.fromstring(doc_html))
        if text and trafilatura is not None:
            warnings.append("no main text found by trafilatura: the page's text is taken whole")
    text = _CONTROL_RE.sub("", normalise_newlines(text or ""))
    return ExtractedText(text=text, source=name, format="html", encoding=enc, title_hint=title,
                         date_hint=date, warnings=warnings)


@functools.lru_cache(maxsize=1)
def _trafilatura_config():
    from trafilatura.settings import use_config

    cfg = use_config()
    # Chinese says in 50 characters what English says in 250: a short article is still an article
    # (below the minimum trafilatura falls back to a reader that runs the paragraphs together).
    cfg.set("DEFAULT", "MIN_EXTRACTED_SIZE", "50")
    # Its timeout uses SIGALRM, which only works on the main thread; ingestion runs on a worker.
    cfg.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")
    cfg.set("DEFAULT", "MAX_FILE_SIZE", str(MAX_BYTES))
    return cfg


def _html_decode(data: bytes, name: str) -> tuple[str, str]:
    m = re.search(rb"""<meta[^>]+charset=["']?([A-Za-z0-9_\-]+)""", data[:4096], re.I)
    if m:
        enc = m.group(1).decode("ascii").lower()
        enc = {"gb2312": "gb18030", "gbk": "gb18030"}.get(enc, enc)
        try:
            return data.decode(enc), enc
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_text(data, name)


def _html_title(tree) -> str | None:
    for xp in ('//meta[@property="og:title"]/@content', '//meta[@name="twitter:title"]/@content',
               '//*[@id="activity-name"]//text()', "//title//text()", "//h1//text()"):
        vals = [v.strip() for v in tree.xpath(xp) if v and v.strip()]
        if vals:
            return " ".join(vals)[:300]
    return None


def _html_date(tree, raw: str) -> str | None:
    for key in _META_DATE:
        for v in tree.xpath(f'//meta[@property="{key}" or @name="{key}" or @itemprop="{key}"]/@content'):
            d = _iso(v)
            if d:
                return d
    for v in tree.xpath("//time/@datetime") + tree.xpath('//*[@id="publish_time"]//text()'):
        d = _iso(v)
        if d:
            return d
    m = re.search(r"""var\s+ct\s*=\s*["'](\d{10})["']""", raw)   # WeChat: publish time (epoch seconds)
    if m:
        return dt.datetime.fromtimestamp(int(m.group(1)), dt.timezone(dt.timedelta(hours=8))).date().isoformat()
    return None


def _iso(s: str) -> str | None:
    return _ymd(re.search(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})", s or ""))


_BLOCK_TAGS = {"p", "div", "section", "article", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "br",
               "blockquote", "pre", "table", "ul", "ol"}


def _html_fallback(tree) -> str:
    """Main text without trafilatura: drop scripts, navigation, headers, footers and asides."""
    for bad in tree.xpath("//script|//style|//noscript|//nav|//header|//footer|//aside|//form|//iframe"
                          "|//*[contains(@class,'nav') or contains(@class,'footer') or contains(@class,'menu')"
                          " or contains(@id,'nav') or contains(@id,'footer')]"):
        bad.drop_tree()
    main = tree.xpath("//article") or tree.xpath("//main") or tree.xpath("//body") or [tree]
    parts: list[str] = []

    def walk(el) -> None:
        if el.tag in _BLOCK_TAGS:
            parts.append("\n")
        if el.text:
            parts.append(el.text)
        for child in el:
            walk(child)
            if child.tail:
                parts.append(child.tail)
        if el.tag in _BLOCK_TAGS:
            parts.append("\n")

    walk(main[0])
    lines = [re.sub(r"[ \t\u00a0]+", " ", ln).strip() for ln in "".join(parts).split("\n")]
    return "\n".join(ln for ln in lines if ln)
