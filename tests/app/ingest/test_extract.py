"""Text extraction: made-up PDF / DOCX / HTML / TXT documents, broken ones, and the five seed reports."""
from __future__ import annotations

import re

import pytest

from app.ingest.extract import ExtractedText, IngestError, decode_text, extract_file, extract_pasted
from tests.app.ingest import pdfgen as g
from tests.app.ingest.conftest import FILES, SEEDS


# ---- PDF ---------------------------------------------------------------------------------

def test_pdf_report_is_cleaned_and_read_in_order(pdf_dir):
    ex = extract_file(pdf_dir / "report.pdf")
    assert isinstance(ex, ExtractedText)
    assert (ex.format, ex.pages, ex.source) == ("pdf", 6, "report.pdf")
    assert ex.title_hint == "人工智能行业专题（16）"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", ex.date_hint)
    t = ex.text
    # paragraphs wrapped over several lines come back whole (and the Kangxi radicals Noto's
    # ToUnicode map gives, ⼈⼯, are the ideographs again)
    assert g.PARA_1 in t and g.PARA_2 in t
    assert "\u2f08" not in t and not re.search("[\u2e80-\u2fdf]", t)
    # headings stay on their own line
    assert "\n2.1 产业链梳理（第1部分）\n" in t
    # running header, footer and page numbers are gone, and said so
    assert g.HEADER not in t and "2026年4月16日" not in t and g.FOOTER_NOTE not in t
    assert not re.search(r"^-\s*\d+\s*-$", t, re.M)
    joined = " / ".join(ex.dropped)
    assert f"running header '{g.HEADER}' on 6 pages" in joined
    assert "page numbers (6)" in joined
    # the analyst-statement and disclaimer pages at the end are dropped
    assert "disclaimer pages 5–6" in joined
    assert g.DISCLAIMER_HEAD not in t and g.ANALYST_BODY not in t and "本公司不保证" not in t
    # the two-column page (written interleaved, left line / right line) reads column by column
    left, right = g.LEFT_COL * 3, g.RIGHT_COL * 3
    assert left in t and right in t and t.index(left) < t.index(right)
    assert "page 4 read as two columns" in ex.warnings
    # nothing of the body is lost or doubled
    assert t.count(g.PARA_1) == 3 and t.count(g.PARA_2) == 3


@pytest.mark.parametrize("name", ["report_cn.pdf", "report_slash.pdf"])
def test_pdf_page_number_styles(pdf_dir, name):
    ex = extract_file(pdf_dir / name)
    assert "第1页" not in ex.text and "共6页" not in ex.text and not re.search(r"^\d/6$", ex.text, re.M)
    assert "page numbers (6)" in ex.dropped
    assert g.PARA_1 in ex.text


def test_pdf_paragraph_over_a_page_break_and_a_closing_disclaimer_section(pdf_dir):
    ex = extract_file(pdf_dir / "flow.pdf")
    assert g.PARA_1 in ex.text                       # re-joined across pages 1 -> 2
    assert "\n" + g.PARA_2 + "\n" in ex.text           # a line shortened by Latin letters still joins
    assert ex.text.startswith("一、行业观点\n")          # the heading does not swallow the paragraph
    assert "风险提示：算力需求不及预期。" in ex.text      # content before the disclaimer stays
    assert g.DISCLAIMER_HEAD not in ex.text and "本报告仅供" not in ex.text
    assert any("disclaimer section '免责声明' at the end of page 3" in d for d in ex.dropped)
    # two pages only: the repetition rule (3 pages at least) keeps the header, page numbers still go
    assert "page numbers (3)" in ex.dropped


def test_a_two_column_table_is_read_row_by_row(pdf_dir):
    ex = extract_file(pdf_dir / "table.pdf")
    assert "营业收入 1,234亿元\n归母净利润 56亿元\n毛利率 23.5%" in ex.text
    assert not any("two columns" in w for w in ex.warnings)


def test_no_extension_text_file(tmp_path):
    f = tmp_path / "README"
    f.write_text("腾讯控股发布公告。", encoding="gb18030")
    assert extract_file(f).text == "腾讯控股发布公告。"


def test_scan_without_text_layer_is_refused(pdf_dir):
    with pytest.raises(IngestError, match=r"^scan\.pdf: the PDF has no text layer"):
        extract_file(pdf_dir / "scan.pdf")


def test_partly_scanned_pdf_warns(pdf_dir):
    ex = extract_file(pdf_dir / "partscan.pdf")
    assert g.PARA_1 in ex.text and g.PARA_2 in ex.text
    assert "page 2 without text (images only?)" in ex.warnings


def test_encrypted_pdf_is_refused(pdf_dir, tmp_path):
    import pikepdf  # a test dependency (pypdfium2 cannot write encryption)

    out = tmp_path / "locked.pdf"
    with pikepdf.open(pdf_dir / "report.pdf") as pdf:
        pdf.save(out, encryption=pikepdf.Encryption(user="secret", owner="owner", R=6))
    with pytest.raises(IngestError, match=r"^locked\.pdf: the PDF is encrypted"):
        extract_file(out)


def test_owner_password_only_pdf_reads(pdf_dir, tmp_path):
    import pikepdf  # a test dependency (pypdfium2 cannot write encryption)

    out = tmp_path / "owner.pdf"
    with pikepdf.open(pdf_dir / "report.pdf") as pdf:
        pdf.save(out, encryption=pikepdf.Encryption(user="", owner="owner", R=4))
    assert g.PARA_1 in extract_file(out).text


@pytest.mark.parametrize("cut", [0.5, 0.98])
def test_truncated_pdf_is_refused(pdf_dir, tmp_path, cut):
    data = (pdf_dir / "report.pdf").read_bytes()
    bad = tmp_path / "cut.pdf"
    bad.write_bytes(data[: int(len(data) * cut)])
    with pytest.raises(IngestError, match=r"^cut\.pdf: the PDF is damaged or incomplete"):
        extract_file(bad)


def test_not_a_pdf_at_all(tmp_path):
    bad = tmp_path / "junk.pdf"
    bad.write_bytes(b"%PDF-1.7\nthis is not a PDF body\n")
    with pytest.raises(IngestError, match=r"^junk\.pdf: .*damaged"):
        extract_file(bad)


def test_limits(pdf_dir):
    f = pdf_dir / "report.pdf"
    with pytest.raises(IngestError, match=r"report\.pdf: 6 pages is past the limit of 3 pages"):
        extract_file(f, max_pages=3)
    with pytest.raises(IngestError, match=r"more than 200 characters of text \(limit\)"):
        extract_file(f, max_chars=200)
    with pytest.raises(IngestError, match=r"MB is past the limit of 0.001 MB"):
        extract_file(f, max_bytes=1000)
    with pytest.raises(IngestError, match=r"took longer than 0 s"):
        extract_file(f, timeout_s=0)


# ---- DOCX --------------------------------------------------------------------------------

def _docx(path, *, title="AI算力周报"):
    import datetime as dt

    import docx

    d = docx.Document()
    d.core_properties.title = title
    d.core_properties.created = dt.datetime(2026, 2, 1, 9, 30)
    d.add_heading("一、核心观点", level=1)
    d.add_paragraph(g.PARA_1)
    t = d.add_table(rows=3, cols=3)
    for r, row in enumerate([["公司", "环节", "份额"], ["浪潮信息", "AI服务器", ">50%"], ["中际旭创", "光模块", "45%"]]):
        for c, v in enumerate(row):
            t.cell(r, c).text = v
    merged = t.cell(0, 1).merge(t.cell(0, 2))
    merged.text = "环节与份额"
    d.add_paragraph(g.PARA_2)
    d.sections[0].header.paragraphs[0].text = "页眉：某某证券"
    d.save(path)
    return path


def test_docx_paragraphs_and_tables_in_order(tmp_path):
    ex = extract_file(_docx(tmp_path / "weekly.docx"))
    assert (ex.format, ex.title_hint, ex.date_hint) == ("docx", "AI算力周报", "2026-02-01")
    lines = ex.text.split("\n")
    assert lines[0] == "一、核心观点" and lines[1] == g.PARA_1
    assert lines[2] == "公司 | 环节与份额"            # a merged cell once
    assert lines[3:5] == ["浪潮信息 | AI服务器 | >50%", "中际旭创 | 光模块 | 45%"]
    assert lines[5] == g.PARA_2
    assert "页眉" not in ex.text


def test_damaged_and_encrypted_docx(tmp_path):
    good = _docx(tmp_path / "good.docx").read_bytes()
    cut = tmp_path / "cut.docx"
    cut.write_bytes(good[: len(good) // 2])
    with pytest.raises(IngestError, match=r"^cut\.docx: the DOCX is damaged"):
        extract_file(cut)
    ole = tmp_path / "locked.docx"
    ole.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    with pytest.raises(IngestError, match=r"^locked\.docx: an encrypted Word file or an old \.doc"):
        extract_file(ole)


# ---- HTML --------------------------------------------------------------------------------

def test_wechat_article_main_text_only():
    ex = extract_file(FILES / "wechat_article.html")
    assert ex.format == "html"
    assert ex.title_hint == "春节AI大战复盘：元宝红包背后的算力链"
    assert ex.date_hint == "2026-02-03"
    assert "腾讯控股（00700.HK）在春节期间投入十亿元现金红包推广元宝" in ex.text
    assert "中际旭创则独占约45%的光模块订单" in ex.text
    assert "推理侧的常态化需求仍将保持高位" in ex.text
    for junk in ("微信扫一扫", "关注该公众号", "阅读原文", "喜欢此内容的人还喜欢", "收录于合集", "版权所有", "var ct"):
        assert junk not in ex.text, junk


@pytest.mark.parametrize("engine", ["trafilatura", "fallback"])
def test_news_page_without_nav_and_footer(engine):
    from app.ingest import extract as x

    data = (FILES / "news_page.html").read_bytes()
    if engine == "trafilatura":
        ex = extract_file(FILES / "news_page.html")
    else:
        ex = x._html_with(data, "news_page.html", None)
        assert "trafilatura is not installed" in ex.warnings[0]
    assert ex.encoding == "gb18030"
    assert ex.date_hint == "2025-12-12"
    assert ex.title_hint == "大模型第一股之争 - 科技频道 - 某某网"
    assert "国内两家AI独角兽MiniMax和智谱AI计划很快进行香港IPO" in ex.text
    assert "阿里巴巴在模型调用市场的份额约为17.7%" in ex.text.split("\n")[2 if engine == "trafilatura" else 3]
    for junk in ("首页", "登录注册", "热门推荐", "明星八卦", "京ICP备", "关于我们"):
        assert junk not in ex.text, junk


# ---- TXT / MD / pasted ------------------------------------------------------------------

SAMPLE_HANS = "人工智能行业专题：腾讯控股与阿里巴巴的大模型竞争，浪潮信息获得超过50%的服务器订单。\n第二行。\n"
SAMPLE_HANT = "互聯網行業週報：騰訊控股與阿里巴巴的大模型競爭，浪潮資訊獲得超過50%的伺服器訂單。\n第二行。\n"


@pytest.mark.parametrize("text,enc,expect", [
    (SAMPLE_HANS, "gb18030", "gb18030"),
    (SAMPLE_HANS, "gbk", "gb18030"),
    (SAMPLE_HANT, "big5", "big5"),
    (SAMPLE_HANT, "utf-8", "utf-8"),
    (SAMPLE_HANS, "utf-8-sig", "utf-8 (BOM)"),
    (SAMPLE_HANS, "utf-16", "utf-16-le (BOM)"),
    (SAMPLE_HANT, "utf-16-be", "utf-16-be"),
])
def test_txt_encodings(tmp_path, text, enc, expect):
    f = tmp_path / "note.txt"
    f.write_bytes(text.replace("\n", "\r\n").encode(enc))
    ex = extract_file(f)
    assert ex.text == text            # decoded right, CRLF -> LF, BOM gone
    assert ex.encoding == expect and ex.format == "txt"


def test_big5_is_not_taken_for_gb18030():
    # Big5 bytes decode as GB18030 too (into nonsense); the common-character score must pick Big5.
    data = SAMPLE_HANT.encode("big5")
    data.decode("gb18030")  # does not raise: the trap is real
    assert decode_text(data, "x") == (SAMPLE_HANT, "big5")


def test_md_and_empty_files(tmp_path):
    md = tmp_path / "notes.md"
    md.write_text("# 标题\n\n- 要点一\r\n- 要点二\n", encoding="utf-8")
    ex = extract_file(md)
    assert ex.format == "md" and ex.text == "# 标题\n\n- 要点一\n- 要点二\n"
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(IngestError, match=r"^empty\.txt: the file is empty"):
        extract_file(empty)
    blank = tmp_path / "blank.txt"
    blank.write_bytes(b" \r\n\t\n")
    with pytest.raises(IngestError, match=r"^blank\.txt: no text in the file"):
        extract_file(blank)
    with pytest.raises(IngestError, match=r"^missing\.txt: file not found"):
        extract_file(tmp_path / "missing.txt")
    with pytest.raises(IngestError, match=r"unknown file type '\.xyz'"):
        (tmp_path / "a.xyz").write_text("x")
        extract_file(tmp_path / "a.xyz")


def test_pasted():
    ex = extract_pasted("第一行\r\n第二行\r")
    assert (ex.text, ex.source, ex.format) == ("第一行\n第二行\n", "pasted", "pasted")
    with pytest.raises(IngestError, match="^pasted: the pasted text is empty"):
        extract_pasted("  \n ")


# ---- the five seed reports ------------------------------------------------------------------

@pytest.mark.skipif(not SEEDS.is_dir(), reason="the reports (../shared/seeds) are not beside the project")
def test_seed_reports_lose_nothing(kb):
    files = sorted(SEEDS.glob("0*.txt"))
    assert len(files) == 5
    for f in files:
        ex = extract_file(f)
        raw = f.read_bytes().decode("utf-8-sig").replace("\r\n", "\n")
        assert ex.text == raw, f.name
        assert ex.encoding == "utf-8" and not ex.dropped
        quotes = [q for rep, q in _quotes(kb) if rep == f.name]
        assert quotes and all(q in ex.text for q in quotes), f.name


def _quotes(kb):
    for rep, q, _where in kb.all_quotes():
        yield rep, q


def test_the_readers_shared_limits_govern_reports(pdf_dir, tmp_path, monkeypatch):
    """One set of limits guards every reader: a report is read within app/limits.py's Limits (the
    same time budget and file size as a workbook), and its errors are ReaderErrors."""
    from app.limits import Limits, ReaderError

    f = pdf_dir / "report.pdf"
    with pytest.raises(ReaderError, match=r"6 pages is past the limit of 2 pages"):
        extract_file(f, limits=Limits().with_(pages=2))
    with pytest.raises(IngestError, match=r"MB is past the limit"):
        extract_file(f, limits=Limits().with_(file_bytes=1000))
    monkeypatch.setenv("CHAINWATCH_READ_SECONDS", "0")      # the shared time budget, as for workbooks
    with pytest.raises(IngestError, match=r"took longer than 0 s"):
        extract_file(f)
    monkeypatch.delenv("CHAINWATCH_READ_SECONDS")
    big = tmp_path / "big.txt"
    big.write_text("字" * 300, encoding="utf-8")
    with pytest.raises(IngestError, match=r"300 characters of text is past the limit of 299"):
        extract_file(big, limits=Limits().with_(text_chars=299))
    assert extract_file(big).text.startswith("字")
