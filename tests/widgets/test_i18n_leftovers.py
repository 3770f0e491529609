"""English left on screen in 简体中文 (a walkthrough found it): the texts the app builds in English
(review reasons, import rejections, validation errors, printed summaries, chart captions) and the
domain values (segments, statuses, share bases, recommendations) shown in the interface's language;
menus without two actions on one accelerator; Qt's own buttons translated."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QLibraryInfo, Qt
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QPlainTextEdit

from app import labels
from tests.conftest import SEEDS
from widgets.i18n import LANGUAGE

OFFSCREEN_MENUS = pytest.mark.qt_log_ignore("This plugin does not support")
ASCII_WORD = re.compile(r"[A-Za-z][A-Za-z'-]+")


@pytest.fixture(autouse=True)
def _english_after(qapp):
    yield
    LANGUAGE.install("en")


def _zh(win=None, lang: str = "zh_CN") -> None:
    LANGUAGE.install(lang)
    if win is not None:
        win.retranslate()


def _template_words(phrases) -> set[str]:
    """The English words of a Phrases' templates (placeholders left out), five letters or more."""
    out: set[str] = set()
    for t, _rx in phrases.templates:
        out |= {w.lower() for w in ASCII_WORD.findall(re.sub(r"\{\w+\}", " ", t.source)) if len(w) >= 5}
    for w in phrases.words:
        out |= {x.lower() for x in ASCII_WORD.findall(w) if len(x) >= 5}
    return out - {"trafilatura", "chainwatch"}


def _leftovers(text: str, words: set[str]) -> set[str]:
    return {w for w in ASCII_WORD.findall(text) if w.lower() in words}


# ---- menus --------------------------------------------------------------------------------------


def _accelerator_clashes(menu, path: str) -> list[str]:
    keys: dict[str, list[str]] = {}
    out = []
    for a in menu.actions():
        if a.isSeparator() or not a.isVisible():
            continue
        m = re.search(r"&([^&])", a.text().replace("&&", ""))
        if m:
            keys.setdefault(m.group(1).lower(), []).append(a.text())
        if a.menu() is not None:
            out += _accelerator_clashes(a.menu(), f"{path} > {a.text()}")
    out += [f"{path}: &{k.upper()} on {', '.join(v)}" for k, v in keys.items() if len(v) > 1]
    return out


@pytest.mark.parametrize("lang", ["en", "zh_CN", "zh_TW"])
def test_no_two_actions_of_a_menu_share_an_accelerator(window, lang):
    """File &P was on 使用个人数据库, 粘贴研报 and 打印; Edit &R on 删除 and 重做, &U on 撤销 and 上移;
    Screen &S twice; View &L on 语言 and 重置布局."""
    _zh(window, lang)
    clashes = []
    for m in window.menus.values():
        clashes += _accelerator_clashes(m, m.title())
    bar: dict[str, list[str]] = {}
    for a in window.menuBar().actions():
        k = re.search(r"&([^&])", a.text())
        if k:
            bar.setdefault(k.group(1).lower(), []).append(a.text())
    clashes += [f"menu bar: &{k} on {v}" for k, v in bar.items() if len(v) > 1]
    assert clashes == []


# ---- Qt's own strings -----------------------------------------------------------------------------


@pytest.mark.skipif(
    not (Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)) / "qtbase_zh_CN.qm").exists(),
    reason="this Qt has no qtbase_zh_CN.qm",
)
def test_qt_own_buttons_are_translated(qtbot):
    LANGUAGE.install("zh_CN")
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel | QDialogButtonBox.StandardButton.Ok)
    qtbot.addWidget(box)
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "取消"
    LANGUAGE.install("zh_TW")
    box2 = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(box2)
    assert box2.button(QDialogButtonBox.StandardButton.Cancel).text() == "取消"


def test_the_file_dialogs_labels_are_chinese(qtbot):
    """qtbase_zh_CN.qm has "Look in:" but Qt 6 asks for "&Look in:": the dialog said "Look in" and
    "Files of type" in English beside 文件名称; the desk's translations fill the gap."""
    from PySide6.QtWidgets import QFileDialog

    from widgets.ingest import FILE_FILTER
    from widgets.i18n import tr

    LANGUAGE.install("zh_CN")
    d = QFileDialog(None, "x", str(Path.home()), tr(FILE_FILTER))
    d.setOption(QFileDialog.Option.DontUseNativeDialog)
    qtbot.addWidget(d)
    texts = [lb.text() for lb in d.findChildren(QLabel)]
    assert "查找范围(&L)：" in texts and "文件类型(&T)：" in texts
    assert tr(FILE_FILTER).startswith("研报 (*.pdf")
    LANGUAGE.install("zh_TW")
    d2 = QFileDialog(None, "x", str(Path.home()))
    d2.setOption(QFileDialog.Option.DontUseNativeDialog)
    qtbot.addWidget(d2)
    assert "尋找於(&L)：" in [lb.text() for lb in d2.findChildren(QLabel)]


# ---- the review window ----------------------------------------------------------------------------


@pytest.fixture
def review_002(window, qtbot):
    """The review window on bundled report 002 (the desk has it already: the duplicate banner shows)."""
    from app.ingest.pipeline import analyse_file
    from widgets.ingest.review import ReviewWindow

    _zh(window)
    p = analyse_file(window.desk, SEEDS / "002_9ef0a8e84e9da9c7.txt")
    w = ReviewWindow(p, window.desk, window)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.close()


def _column(view, key: str) -> list[str]:
    m = view.model()
    col = m.sourceModel().column(key)
    return [m.index(r, col).data() or "" for r in range(m.rowCount())]


def test_review_window_reads_chinese(review_002, qtbot):
    from widgets.ingest.reasons import NOTES, REASONS

    w = review_002
    banner = w.duplicate_banner.text()
    assert banner.startswith("⚠ 系统中已有此研报")
    assert "从Sora 2发布看AI" in banner and "Already in the desk" not in banner  # the title's case kept
    notes = w.findChild(QPlainTextEdit, "review_notes")
    assert "系统中已有此研报" in notes.toPlainText() and "already in the desk" not in notes.toPlainText()
    assert "已接受" in w.summary.text() and "companies" not in w.summary.text()
    legend = w.findChild(QLabel, "reviewLegend").text()
    for english in ("company", "weak: check", "unresolved", "quote", "its parties", "this mention"):
        assert f"&nbsp;{english}&nbsp;" not in legend and f"<b>{english}</b>" not in legend
    assert "弱匹配" in legend

    words = _template_words(REASONS) | _template_words(NOTES)
    p = w.proposal
    items = list(p.companies) + list(p.edges) + list(p.links) + list(p.themes) + [m for t in p.themes for m in t.members]
    for it in items:
        assert REASONS.unknown(it.reason) == [], it.reason
    reasons = _column(w.views["companies"], "reason") + _column(w.views["edges"], "reason")
    reasons += _column(w.views["links"], "reason")
    assert reasons and all(r for r in reasons)
    assert any(r.startswith("知识库名称") for r in reasons)
    left = {x for r in reasons for x in _leftovers(r, words)}
    assert left == set()

    # the edges tab: segment, status, share basis through app.labels, in the window's script
    edges = w.views["edges"]
    w.tabs.setCurrentWidget(edges)
    segs, statuses, shares = _column(edges, "segment"), _column(edges, "status"), _column(edges, "share_of")
    src = edges.model()
    for r in range(src.rowCount()):
        e = src.sourceModel().items[src.mapToSource(src.index(r, 0)).row()]
        assert segs[r] == labels.segment_label(e.segment, "hans")
        assert statuses[r] == labels.status_label(e.status, "hans")
        assert shares[r] == (labels.share_of_label(e.share_of, "hans") if e.share_of else "")
    assert "液冷与电源" in segs and "Liquid cooling & power" not in segs
    assert any(s in ("订单", "算力") for s in shares)

    # the mention line
    view = w.views["companies"]
    w.tabs.setCurrentWidget(view)
    idx = view.model().index(0, 1)
    rect = view.visualRect(idx)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: "处提及" in w.where.text(), timeout=3000)
    assert "下一处" in w.where.text() and "mention" not in w.where.text()


def test_the_apply_message_and_undo_text_are_translated(window):
    from types import SimpleNamespace

    from tests.widgets.ingest.fixtures import make_proposal
    from widgets.ingest.commands import ApplyReport

    _zh(window)
    result = SimpleNamespace(counts={"mention": 7, "entity_mention": 1, "edge": 5, "new company": 2},
                             added_to_watchlist=["300308.SZ", "0700.HK"], key="x")
    cmd = ApplyReport(window, window.desk, make_proposal(), "报告标的 Report names", result)
    assert cmd.text().startswith("添加研报 ")
    assert cmd.describe() == "7 家公司，1 个未上市主体，5 条供应关系，2 家新公司，2 家加入 报告标的 Report names"


def test_the_kb_label_after_a_report_is_applied_or_undone_follows_the_language(window):
    """refresh_desk (after Apply and its undo) set "KB … · 6 reports · store …" in English."""
    from widgets.ingest.commands import refresh_desk

    _zh(window)
    refresh_desk(window)
    n = len(window.desk.kb.reports)
    assert window.status_kb.text() == f"知识库 {window.desk.kb.version} · {n} 份研报"
    _zh(window, "en")
    assert window.status_kb.text() == f"KB {window.desk.kb.version} · {n} reports"


# ---- import -----------------------------------------------------------------------------------------


def test_import_preview_reads_chinese(window, qtbot, monkeypatch, tmp_path):
    from PySide6.QtWidgets import QDialog, QInputDialog

    from widgets import excel_dialogs as X
    from widgets.excel_phrases import REASONS

    _zh(window)
    csv = tmp_path / "futu.csv"
    csv.write_text("代码,名称\n0700.HK,腾讯控股\n300308.SZ,中际旭创\n0700.HK,腾讯控股\n1.0E+5,坏代码\nNVDA.US,英伟达\n",
                   encoding="utf-8")
    asked = []

    def get_item(parent, title, label, *a, **k):
        asked.append((title, label))
        return "新列表", True

    monkeypatch.setattr(QInputDialog, "getItem", get_item)
    seen = []
    monkeypatch.setattr(X.PreviewDialog, "exec", lambda self: (seen.append(self), QDialog.DialogCode.Rejected)[1])
    X.import_dialog(window, str(csv))
    qtbot.waitUntil(lambda: bool(seen), timeout=60000)
    assert asked == [("导入列表", "导入到自选股列表（输入新名称即新建）：")]
    dlg = seen[0]
    summary = dlg.findChild(QLabel, "previewSummary").text()
    assert "新建 1 个" in summary and "添加 2 行" in summary and "拒绝 3 行" in summary
    assert not {"create", "add", "rejected"} & set(ASCII_WORD.findall(summary))
    problems = dlg.findChild(QPlainTextEdit, "previewProblems").toPlainText()
    assert "重复：0700.HK 已在第 2 行" in problems
    assert "NVDA.US 是美股" in problems and "本系统只跟踪港股和 A 股" in problems
    assert "代码无效：'1.0E+5'：不是任何已知格式的证券代码" in problems
    assert "列：识别出第 1 行为表头" in problems
    words = _template_words(REASONS)
    assert _leftovers(problems, words) == set()
    changes = [dlg.changes.item(r, 3).text() for r in range(dlg.changes.rowCount())]
    assert "添加" in changes and "add" not in changes


def test_import_values_and_rating_errors_read_chinese(window, qtbot):
    from widgets.excel_phrases import show, summary

    _zh(window)
    assert show({"notes": "x", "tags": ()}) == "备注 'x'；标签 （空）"
    assert show(None) == "（空）"
    pv = type("P", (), {"changes": [], "conflicts": [], "rejected": [], "problems": []})()
    assert summary(pv) == "无更改"

    wl = window.current_watchlist()
    code = wl.codes[0]
    window.model.editRequested.emit(code, "rating", 9)
    msg = window.statusBar().currentMessage()
    assert msg.startswith(f"{code} 评级") and "9 必须是 1 到 5 之间的整数" in msg and "must" not in msg


# ---- printing ---------------------------------------------------------------------------------------


def test_printed_summary_reads_chinese(window):
    from app.printing import PrintOptions, build_summary
    from widgets.printing import summary_html

    s = build_summary(window.desk, codes=["000977.SZ", "0700.HK", "300308.SZ"], filters=["segment x"])
    s2 = build_summary(window.desk, watchlist=window.current_watchlist().id)
    _zh(window)
    html = summary_html(s2, PrintOptions())
    assert "自选股列表摘要" in html and "Watchlist summary" not in html
    assert "研报截至 " in html and "无缓存行情" in html and "reports to" not in html
    html = summary_html(s, PrintOptions())
    assert "公司摘要" in html
    assert "研报 00" in html and "Report 00" not in html
    assert "供货 " in html or "研报中提及" in html
    for english in ("Named in the report", "Supplies ", "Recommendation:", "Theme ", "no cached prices"):
        assert english not in html, english
    assert "关注" in html  # 0700.HK's recommendation ("watch")


@OFFSCREEN_MENUS
def test_printing_the_view_in_chinese_has_no_english_segments_or_statuses(window, qtbot):
    """File > Print in 简体: the themes' supplier chains and members said "Optical modules", "core"."""
    from app.printing import PrintOptions
    from app.printing.options import ALL_SECTIONS
    from tests.widgets.test_i18n import _choose_language
    from widgets.print_actions import current_summary
    from widgets.printing import summary_html

    _choose_language(window, qtbot, "zh_CN")
    html = summary_html(current_summary(window), PrintOptions(sections=ALL_SECTIONS))
    cells = [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", html, re.S)]
    english = {labels.segment_label(s, "en") for s in labels.SEGMENT_LABELS} | {"core", "potential", "stated"}
    assert not english & set(cells)
    assert "核心" in cells and "光模块" in cells


def test_a_user_report_is_cited_by_its_publisher_and_date_not_its_key():
    from app.printing.summary import Footnote
    from widgets.printing import footnote_citation, footnote_report

    fn = Footnote(id=1, report="user-a9b860c03010", publisher="华泰证券", publisher_en="Huatai Securities",
                  title="电子行业点评", date="2026-11-20", ai_compiled=False, quote="…")
    assert fn.report_label == "Huatai Securities, 2026-11-20"
    LANGUAGE.install("zh_CN")
    assert footnote_report(fn) == "华泰证券，2026-11-20"
    assert "user-" not in footnote_citation(fn)
    bundled = Footnote(id=2, report="002_9ef0a8e84e9da9c7.txt", publisher="华泰证券", publisher_en="Huatai Securities",
                       title="t", date="2026-11", ai_compiled=False, quote="…")
    assert footnote_report(bundled) == "研报 002"
    assert footnote_citation(bundled) == "研报 002，华泰证券，2026-11"


def test_the_pdf_saved_message_names_the_orientation_in_chinese():
    from widgets.print_actions import _orientations
    from widgets.i18n import tr

    LANGUAGE.install("zh_CN")
    assert tr(_orientations()["portrait"]) == "纵向" and tr(_orientations()["landscape"]) == "横向"


# ---- evidence dock ---------------------------------------------------------------------------------


def test_evidence_recommendation_and_edge_sources_in_the_script(window):
    from widgets.panels import EvidencePanel

    kb = window.desk.kb
    panel = window.evidence
    assert isinstance(panel, EvidencePanel)
    panel.script = "hans"
    panel.show_company("0700.HK")
    text = panel.toPlainText()
    assert "关注" in text and "watch" not in text.split("“")[0]
    r = next(r for r in kb.reports.values() if r.publisher and r.publisher_en)
    assert labels.report_label(r, "hans").startswith(r.publisher)
    assert labels.report_label(r, "en").startswith(r.publisher_en)


# ---- charts ---------------------------------------------------------------------------------------


@OFFSCREEN_MENUS
def test_chart_tab_titles_follow_a_live_language_switch(window, qtbot):
    from tests.widgets.test_i18n import _choose_language

    charts = window.features["charts"]
    assert charts.ensure_built()
    tabs = charts.charts.tabs
    _choose_language(window, qtbot, "zh_CN")
    assert tabs.tabText(0) == "K线"
    _choose_language(window, qtbot, "en")
    assert [tabs.tabText(i) for i in range(tabs.count())][:2] == ["Candles", "Relative"]
    assert window.act_chart_png.text() == "Export chart as &PNG…"


def test_month_axis_and_report_events_in_chinese(window):
    import numpy as np

    from app.prices.events import events_for
    from widgets.charts.candles import BarDateAxis
    from widgets.charts_panel import localise_events

    LANGUAGE.install("zh_CN")
    axis = BarDateAxis()
    axis.set_dates(np.arange(np.datetime64("2026-05-25", "D"), np.datetime64("2026-08-10", "D")))
    axis._level = "month"
    start = np.datetime64("2026-05-25", "D")
    june = int((np.datetime64("2026-06-01", "D") - start).astype(int))
    july = int((np.datetime64("2026-07-01", "D") - start).astype(int))
    assert axis.tickStrings([june, july], 1.0, 1.0) == ["6月", "7月"]

    kb = window.desk.kb
    events = localise_events(kb, events_for(kb, "0700.HK"))
    reports = [e for e in events if e.kind == "report"]
    assert reports and all(e.label.startswith("研报 · ") for e in reports)
    assert not any("Report" in e.label for e in reports)


def test_chart_ranges_and_captions_in_chinese(qtbot):
    """The range buttons ("1Y", "All"), the relative chart's "no prices: …" and the basket's footnote
    ("2 of 65 members have prices …") were English in 简体."""
    from widgets.charts.basket import BasketChart
    from widgets.charts.common import RangeBar

    LANGUAGE.install("zh_CN")
    bar = RangeBar()
    qtbot.addWidget(bar)
    assert [b.text() for b in bar.buttons.buttons()] == ["近1月", "近3月", "今年以来", "近1年", "全部"]
    chart = BasketChart()
    qtbot.addWidget(chart)
    chart.n_with, chart.basket_missing, chart.unlisted, chart.frame = 2, ["0700.HK"], ("bytedance",), None
    chart.benchmark, chart.benchmark_label, chart.member_names = None, "HSTECH.HI", {"0700.HK": "腾讯控股"}
    text = chart.caption_text()
    assert text.startswith("3 只成分股中 2 只有行情（等权重，每日再平衡")
    assert "无行情：" in text and "未上市：bytedance" in text and "基准 HSTECH.HI：无行情" in text
    assert not re.search(r"members|prices|Benchmark|listed", text)


def test_report_figures_tab_in_chinese(window, qtbot):
    from widgets.charts.figures import ReportFiguresPanel

    LANGUAGE.install("zh_CN")
    panel = ReportFiguresPanel(window.desk.kb)
    qtbot.addWidget(panel)
    assert panel.combo.itemText(0) == "大模型 API 价格（输入 / 输出，每百万 tokens）"
    assert "图表：" in [lb.text() for lb in panel.findChildren(QLabel)]
    panel.set_figure("context")
    assert "上下文窗口（千 tokens）" in panel.plots[0].titleLabel.text
    assert "来源：" in panel.caption.text() and "Source:" not in panel.caption.text()


def test_the_printed_filters_in_force_read_chinese(window):
    from app.screening import Screen
    from widgets.print_actions import describe_screen

    LANGUAGE.install("zh_CN")
    screen = Screen(segment="optical_modules", status="core", customer="0700.HK", min_share=40)
    said = describe_screen(screen, window.desk.kb, "hans")
    assert said == ["客户 腾讯", "环节 光模块", "状态 核心", "份额 ≥ 40%"]


def test_a_reason_is_translated_again_after_a_language_switch():
    from widgets.ingest.reasons import reason

    text = "knowledge-base name 'Sora'; named 3 times"
    LANGUAGE.install("zh_CN")
    assert reason(text) == "知识库名称 'Sora'；提及 3 次"
    LANGUAGE.install("en")
    assert reason(text) == text
    LANGUAGE.install("zh_TW")
    assert reason(text) == "知識庫名稱 'Sora'；提及 3 次"


def test_import_rejections_from_the_resolver_and_the_code_parser_read_chinese(window, tmp_path):
    """Every rejection and note of a list with bad codes, a code/name clash, unknown and US names
    matches a template, and reads Chinese."""
    from app.excel.foreign import preview_list
    from widgets.excel_phrases import REASONS, problem

    (tmp_path / "wind.csv").write_text(
        "证券代码,证券简称\n300308.SZ,中际旭创\n0700.HK,腾讯控股\nXYZ,坏代码\n700,腾讯\n1,不知道\n数据来源：Wind\n",
        encoding="utf-8")
    (tmp_path / "names.csv").write_text("名称\n腾讯控股\n中际旭创\n不存在公司\n英伟达\n", encoding="utf-8")
    LANGUAGE.install("zh_CN")
    said = []
    for f in ("wind.csv", "names.csv"):
        pv = preview_list(window.desk, tmp_path / f, watchlist="x")
        for p in list(pv.rejected) + list(pv.problems):
            assert REASONS.unknown(p.message) == [], p.message
            said.append(problem(p))
        for n in pv.notes:
            assert REASONS.unknown(n) == [], n
            said.append(REASONS(n))
    text = re.sub(r"\w+\.csv", "", "\n".join(said))   # the file names are the user's
    assert "纯字母代码需注明市场" in text and "代码与名称不符" in text and "（非已知证券）" in text
    assert "跳过表尾行" in text and "未知名称 '不存在公司'" in text and "是美股（NVDA.US）" in text
    assert _leftovers(text, _template_words(REASONS)) == set()
