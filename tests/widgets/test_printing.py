"""Printing, offscreen: PDFs are written, read back with poppler (pdftotext/pdfinfo) and checked."""
import os
import re
import subprocess
import sys

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QColor, QImage, QPdfWriter, QTextTable
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog, QPrintPreviewWidget

from app.cli import run
from app.printing import PrintOptions, build_summary
from app.store import DEFAULT_WATCHLIST
from tests.conftest import ROOT
from widgets import printing as wp

needs_poppler = pytest.mark.requires_tool("pdftotext", "pdfinfo", what="pdftotext/pdfinfo (poppler-utils)")


def pdftext(path, first=None, last=None, layout=False) -> str:
    cmd = ["pdftotext", "-enc", "UTF-8"]
    if first:
        cmd += ["-f", str(first), "-l", str(last or first)]
    if layout:
        cmd.append("-layout")
    return subprocess.run(cmd + [str(path), "-"], capture_output=True, text=True, check=True).stdout


def pdfinfo(path) -> dict:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    assert "Error" not in out.stderr, out.stderr  # a damaged xref would be reported here
    return dict(line.split(":", 1) for line in out.stdout.splitlines() if ":" in line)


def page_size(info) -> tuple[int, int]:
    w, h = re.match(r"\s*([\d.]+) x ([\d.]+) pts", info["Page size"]).groups()
    return round(float(w)), round(float(h))


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture
def big_desk(desk):
    """The desk with a 500-row watchlist: the report names, then A-shares from the universe."""
    codes = list(desk.kb.listed_codes())
    for sec in desk.universe.by_code.values():
        if len(codes) >= 500:
            break
        if sec.code not in codes:
            codes.append(sec.code)
    wl = desk.store.create_watchlist("五百 500")
    desk.store.add_items(wl, codes[:500])
    return desk


@needs_poppler
def test_pdf_has_codes_and_chinese_names_as_text(qapp, desk, tmp_path):
    s = build_summary(desk)
    res = wp.export_pdf(tmp_path / "wl.pdf", s, PrintOptions())
    assert res.font and "CJK" in res.font, "no CJK font found; install fonts-noto-cjk"
    fonts = subprocess.run(["pdffonts", str(res.path)], capture_output=True, text=True).stdout
    assert re.search(r"CJK\S*\s.*\byes\b", fonts), fonts  # the CJK font is embedded
    text = pdftext(res.path)
    flat = squash(text)
    for r in s.rows:
        assert r.code in text, r.code
        assert squash(r.name) in flat, (r.code, r.name)
    assert "腾讯控股" in text and "中际旭创" in text
    # the evidence footnotes cite publisher and date, and flag the AI-compiled report
    assert "Sources and evidence" in text and "国信证券" in text and "[AI-compiled]" in text
    assert int(pdfinfo(res.path)["Pages"]) == res.pages
    assert f"page 1 of {res.pages}" in pdftext(res.path, 1)


@needs_poppler
def test_text_map_repair_keeps_ideographs_shared_with_radicals(qapp, desk, tmp_path):
    # Noto Sans CJK draws 大 and the Kangxi radical ⼤ with one glyph; Qt's text map would say ⼤.
    aliases = wp.glyph_aliases(wp._family())
    assert aliases.get(0x2F24) == ord("大") and aliases.get(0x2EA0) == ord("民")
    s = build_summary(desk, codes=["0700.HK"], title="大力民长门车见马风飞 test")
    res = wp.export_pdf(tmp_path / "r.pdf", s, PrintOptions(sections=()))
    assert res.text_map_fixed
    text = pdftext(res.path)
    assert "大力民长门车见马风飞" in text
    assert not re.search("[\u2e80-\u2fdf]", text)
    pdfinfo(res.path)  # still a well-formed PDF (offsets rewritten)
    # a file not written the way Qt writes PDFs is left alone
    assert wp.fix_pdf_text_map(b"%PDF-1.4\nnonsense", aliases) == b"%PDF-1.4\nnonsense"


@needs_poppler
def test_500_rows_paginate_with_the_header_on_every_page(qapp, big_desk, tmp_path):
    s = build_summary(big_desk, watchlist="五百 500",
                      price_lookup=lambda c: (10.0, 1.5, "2026-03-04") if c.endswith(".HK") else None)
    assert len(s.rows) == 500
    opts = PrintOptions(sections=("companies",))
    path = tmp_path / "500.pdf"
    res = wp.export_pdf(path, s, opts)
    # expected page count from the layout alone (no painting), on a fresh writer
    writer = QPdfWriter(str(tmp_path / "probe.pdf"))
    writer.setPageLayout(wp.page_layout(opts))
    lay = wp.layout_summary(writer, s, opts)
    expected = lay.pages
    # no row is split across two pages (Qt would break a two-line name after its first line)
    doc, page_h = lay.doc, lay.body.height()
    table = next(f for f in doc.rootFrame().childFrames() if isinstance(f, QTextTable) and f.rows() > 500)
    rect = doc.documentLayout().blockBoundingRect
    for r in range(1, table.rows()):
        cells = [table.cellAt(r, c) for c in range(table.columns())]
        top = min(rect(c.firstCursorPosition().block()).top() for c in cells)
        bottom = max(rect(c.lastCursorPosition().block()).bottom() for c in cells)
        assert int(top // page_h) == int((bottom - 0.5) // page_h), f"row {r} split across pages"
    del writer
    assert res.pages == expected == int(pdfinfo(path)["Pages"])
    # 500 rows at ~40 rows a page: more than 10 pages, fewer than 40
    assert 10 < res.pages < 40
    seen = []
    for n in range(1, res.pages + 1):
        page = pdftext(path, n, layout=True)
        header = next(line for line in page.splitlines() if "Code" in line)
        assert re.search(r"#\s+Code\s+Name\s+Exch\.\s+Themes\s+Chain role\s+Last\s+Chg", header), (n, header)
        assert f"page {n} of {res.pages}" in page
        seen += re.findall(r"\b(\d{4,6}\.(?:HK|SH|SZ|BJ))\b", page)
    # every row printed once, in order (theme sections are off, so each code appears once)
    assert [c for c in dict.fromkeys(seen)] == [r.code for r in s.rows]


@needs_poppler
@pytest.mark.parametrize("paper,orientation,size", [
    ("A4", "portrait", (595, 842)), ("A4", "landscape", (842, 595)),
    ("Letter", "portrait", (612, 792)), ("Letter", "landscape", (792, 612)),
])
def test_paper_and_orientation(qapp, desk, tmp_path, paper, orientation, size):
    s = build_summary(desk, theme="tencent-yuanbao-compute")
    res = wp.export_pdf(tmp_path / "p.pdf", s, PrintOptions(paper, orientation))
    assert page_size(pdfinfo(res.path)) == size
    assert "浪潮信息" in pdftext(res.path)


@needs_poppler
def test_sections_theme_chain_and_chart_hook(qapp, desk, tmp_path):
    s = build_summary(desk, theme="tencent-yuanbao-compute")
    img = QImage(400, 200, QImage.Format.Format_RGB32)
    img.fill(QColor("steelblue"))
    s.add_chart("Relative performance 相对表现", img, "Basket vs CSI 300")
    png = tmp_path / "c.png"
    img.save(str(png))
    s.add_chart("From a file", str(png))
    all_ = wp.export_pdf(tmp_path / "all.pdf", s, PrintOptions(sections=("companies", "charts", "themes",
                                                                          "chains", "evidence")))
    text = pdftext(all_.path)
    assert "Members" in text and "Supplier chain" in text and "Relative performance 相对表现" in text
    images = subprocess.run(["pdfimages", "-list", str(all_.path)], capture_output=True, text=True).stdout
    assert len(images.strip().splitlines()) - 2 == 2  # both charts embedded
    # a heading never stays behind at the foot of a page: each chart title shares a page with its chart
    writer = QPdfWriter(str(tmp_path / "probe.pdf"))
    writer.setPageLayout(wp.page_layout(PrintOptions()))
    lay = wp.layout_summary(writer, s, PrintOptions(sections=("companies", "charts", "themes", "chains")))
    rect, page_h = lay.doc.documentLayout().blockBoundingRect, lay.body.height()
    block = lay.doc.begin()
    titles = 0
    while block.isValid():
        if block.text() in ("Relative performance 相对表现", "From a file", "Supplier chain"):
            titles += 1
            assert int(rect(block).top() // page_h) == int(rect(block.next()).bottom() // page_h), block.text()
        block = block.next()
    assert titles == 3
    del writer
    bare = wp.export_pdf(tmp_path / "bare.pdf", s, PrintOptions(sections=("companies",)))
    text = pdftext(bare.path)
    assert "Supplier chain" not in text and "Sources and evidence" not in text and "Src" not in text
    assert bare.pages < all_.pages


def test_export_is_all_or_nothing(qapp, desk, tmp_path, monkeypatch):
    s = build_summary(desk, codes=["0700.HK"])
    target = tmp_path / "out.pdf"
    target.write_bytes(b"old")

    def boom(*a, **k):
        raise RuntimeError("printer on fire")
    monkeypatch.setattr(wp, "render", boom)
    with pytest.raises(RuntimeError):
        wp.export_pdf(target, s)
    assert target.read_bytes() == b"old"
    assert not [p.name for p in tmp_path.iterdir() if p.suffix == ".pdf" and p.name != "out.pdf"]
    with pytest.raises(OSError, match="does not exist"):
        wp.export_pdf(tmp_path / "nope" / "x.pdf", s)


def test_options_remembered(qapp, tmp_path):
    ini = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    assert wp.load_options(ini) == PrintOptions()
    wp.save_options(PrintOptions("Letter", "landscape", ("companies", "themes")), ini)
    again = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    assert wp.load_options(again) == PrintOptions("Letter", "landscape", ("companies", "themes"))
    wp.save_options(PrintOptions(sections=()), again)
    assert wp.load_options(again).sections == ()
    again.setValue("printing/paper", "A0")           # junk falls back to defaults
    again.setValue("printing/sections", "companies,bogus")
    assert wp.load_options(again) == PrintOptions()
    assert "chainwatch" in wp._settings().fileName()


def test_print_preview_renders_and_sections_menu_updates(qapp, qtbot, desk, monkeypatch, tmp_path):
    s = build_summary(desk, theme="tencent-yuanbao-compute")
    dlg = wp.make_print_preview(None, s, PrintOptions("Letter", "landscape", ("companies",)))
    qtbot.addWidget(dlg)
    preview = dlg.findChild(QPrintPreviewWidget)
    preview.updatePreview()
    assert preview.pageCount() == dlg._chainwatch_pages >= 1
    before = preview.pageCount()
    for act in dlg._chainwatch_sections_menu.actions():
        if act.data() in ("chains", "evidence"):
            act.setChecked(True)
    assert preview.pageCount() > before
    opts = dlg.chainwatch_options()
    assert (opts.paper, opts.orientation, opts.sections) == ("Letter", "landscape",
                                                             ("companies", "chains", "evidence"))
    assert preview.pageCount() == wp.export_pdf(tmp_path / "same.pdf", s, opts).pages

    saved = []
    monkeypatch.setattr(QPrintPreviewDialog, "exec", lambda self: 0)
    monkeypatch.setattr(wp, "save_options", lambda o, settings=None: saved.append(o))
    wp.show_print_preview(None, s, PrintOptions("A4", "portrait"))
    assert saved and saved[0].paper == "A4"


@needs_poppler
def test_print_dialog_prints_to_the_chosen_printer(qapp, desk, monkeypatch, tmp_path):
    s = build_summary(desk, codes=["000977.SZ", "0700.HK"])
    out = tmp_path / "printed.pdf"
    answers = []

    class FakeDialog:  # stands in for the system dialog: the user picks "print to file"
        DialogCode = QPrintDialog.DialogCode

        def __init__(self, printer, parent=None):
            printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            printer.setOutputFileName(str(out))
            self.printer = printer

        def setWindowTitle(self, t):
            pass

        def exec(self):
            return answers.pop(0)

    saved = []
    monkeypatch.setattr(wp, "QPrintDialog", FakeDialog)
    monkeypatch.setattr(wp, "save_options", lambda o, settings=None: saved.append(o))
    answers.append(QPrintDialog.DialogCode.Rejected)
    assert wp.print_dialog(None, s, PrintOptions("Letter", "portrait")) is False
    assert not out.exists() and not saved
    answers.append(QPrintDialog.DialogCode.Accepted)
    assert wp.print_dialog(None, s, PrintOptions("Letter", "portrait")) is True
    assert page_size(pdfinfo(out)) == (612, 792)
    text = pdftext(out)
    assert "000977.SZ" in text and "浪潮信息" in text and "腾讯控股" in text
    assert saved[-1].paper == "Letter"


@needs_poppler
def test_cli_print_in_process(qapp, desk, tmp_path, capsys):
    db = str(desk.store.path)
    out = tmp_path / "theme.pdf"
    assert run(["--db", db, "print", str(out), "--theme", "tencent-yuanbao-compute",
                "--paper", "letter", "--landscape"]) == 0
    msg = capsys.readouterr().out
    assert "Letter landscape" in msg and "1 theme section;" in msg and "Noto Sans CJK" in msg
    assert page_size(pdfinfo(out)) == (792, 612)
    text = pdftext(out)
    assert "Supplier chain" in text and "浪潮信息" in text

    assert run(["--db", db, "print", str(tmp_path / "x.pdf"), "--theme", "nope"]) == 1
    assert "unknown theme 'nope'" in capsys.readouterr().err
    assert run(["--db", db, "print", str(tmp_path / "x.pdf"), "--sections", "companies", "graphs"]) == 1
    assert "unknown section(s) 'graphs'" in capsys.readouterr().err
    assert run(["--db", db, "print", str(tmp_path / "x.txt")]) == 1
    assert "must be a .pdf" in capsys.readouterr().err
    assert run(["--db", db, "print", str(tmp_path / "no" / "x.pdf")]) == 1
    assert "does not exist" in capsys.readouterr().err
    assert run(["--db", db, "print", str(tmp_path / "x.pdf"), "--watchlist", "missing"]) == 1
    assert "no watchlist 'missing'" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()


@needs_poppler
def test_cli_print_headless_without_display(tmp_path):
    """The real command in a fresh process with no display and no QT_QPA_PLATFORM: it must go offscreen."""
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    out = tmp_path / "wl.pdf"
    p = subprocess.run([sys.executable, "main.py", "--db", str(tmp_path / "s.sqlite"), "print", str(out)],
                       cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stderr
    assert "A4 portrait" in p.stdout and "none_dealloc" not in p.stderr
    assert page_size(pdfinfo(out)) == (595, 842)
    text = pdftext(out)
    assert DEFAULT_WATCHLIST in text and "0700.HK" in text and "腾讯控股" in text


def test_without_a_cjk_font_it_warns_and_still_prints(qapp, desk, tmp_path, monkeypatch, capsys):
    from widgets import fonts

    monkeypatch.setattr(fonts, "_searched", False)
    monkeypatch.setattr(fonts, "_family", None)
    monkeypatch.setattr(fonts, "CJK_FAMILIES", ())
    monkeypatch.setattr(fonts, "KNOWN_FILES", ())
    monkeypatch.setattr(fonts, "_fc_match", lambda: None)
    assert fonts.ensure_cjk_font() is None
    err = capsys.readouterr().err
    assert "Chinese text will not render" in err and "fonts-noto-cjk" in err
    monkeypatch.setattr(wp, "ensure_cjk_font", lambda: None)
    res = wp.export_pdf(tmp_path / "plain.pdf", build_summary(desk, codes=["0700.HK"]))
    assert res.font is None and not res.text_map_fixed and res.path.stat().st_size > 0
