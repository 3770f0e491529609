"""A hand-made proposal on a made-up text (names from the bundled KB), with exact offsets.

The text starts with an emoji (outside the BMP): every offset after it differs by one between Python
(code points) and Qt (UTF-16 units), so a view that forgets to convert selects the wrong characters.
"""
from __future__ import annotations

from app.ingest.model import (
    CompanyProposal, EdgeProposal, LinkProposal, MemberProposal, MentionHit, Proposal, ThemeProposal,
)

S1 = "中际旭创(300308.SZ)是腾讯控股的核心光模块供应商，独占45%订单。"
S2 = "浪潮信息有望成为腾讯控股AI服务器的主要供应商。"
S3 = "腾讯控股投资了月之暗面。"
TEXT = ("🚀 元宝红包算力链点评\n测试证券 2026年2月1日\n\n" + S1 + "\n" + "行业背景。\n" * 80 + "\n" + S2 + "\n"
        + "补充说明。\n" * 80 + "\n" + S3 + "\n")


def _span(sub: str, within: str | None = None, nth: int = 0) -> tuple[int, int]:
    base = TEXT.index(within) if within else 0
    i = TEXT.index(sub, base)
    for _ in range(nth):
        i = TEXT.index(sub, i + 1)
    return i, i + len(sub)


def _mention(surface: str, ref: str, sentence: str, conf: float, weak: bool = False, kind: str = "name"):
    s, e = _span(surface, sentence)
    qs, qe = _span(sentence)
    return MentionHit(start=s, end=e, surface=surface, ref=ref, kind=kind, confidence=conf,
                      reason="name in the KB" + (" (short name, no code nearby)" if weak else ""), weak=weak,
                      quote=sentence, quote_start=qs, quote_end=qe)


def make_proposal() -> Proposal:
    zj = _mention("中际旭创(300308.SZ)", "300308.SZ", S1, 0.99, kind="name+code")
    tx1 = _mention("腾讯控股", "0700.HK", S1, 0.95)
    tx2 = _mention("腾讯控股", "0700.HK", S2, 0.95)
    tx3 = _mention("腾讯控股", "0700.HK", S3, 0.95)
    lc = _mention("浪潮信息", "000977.SZ", S2, 0.62, weak=True)
    ms = _mention("月之暗面", "moonshot", S3, 0.9)
    companies = [
        CompanyProposal(ref="300308.SZ", name="中际旭创", listed=True, known=True, exchange="SZ", mentions=[zj],
                        confidence=0.99, reason="name with its code", name_en="Zhongji Innolight"),
        CompanyProposal(ref="0700.HK", name="腾讯控股", listed=True, known=True, exchange="HK",
                        mentions=[tx1, tx2, tx3], confidence=0.95, reason="full name, 3 mentions",
                        name_en="Tencent"),
        CompanyProposal(ref="000977.SZ", name="浪潮信息", listed=True, known=True, exchange="SZ", mentions=[lc],
                        confidence=0.62, reason="short name only", weak=True, name_en="Inspur"),
        CompanyProposal(ref="moonshot", name="月之暗面", listed=False, known=True, mentions=[ms],
                        confidence=0.9, reason="unlisted entity in the KB", name_en="Moonshot AI"),
    ]
    s1, e1 = _span(S1)
    s2, e2 = _span(S2)
    s3, e3 = _span(S3)
    edges = [
        EdgeProposal(id="e1", supplier="300308.SZ", customer="0700.HK", segment="optical_modules", status="core",
                     argued=False, share_pct=45.0, share_qualifier="=", share_of="orders", figures={}, themes=[],
                     note="", quote=S1, start=s1, end=e1, confidence=0.92, reason="核心供应商 + 独占45%订单"),
        EdgeProposal(id="e2", supplier="000977.SZ", customer="0700.HK", segment="ai_servers", status="potential",
                     argued=True, share_pct=None, share_qualifier=None, share_of=None, figures={}, themes=[],
                     note="", quote=S2, start=s2, end=e2, confidence=0.55, reason="有望: argued"),
    ]
    links = [LinkProposal(id="l1", source="0700.HK", target="moonshot", relation="invests_in", stake_pct=None,
                          argued=False, quote=S3, start=s3, end=e3, confidence=0.85, reason="投资")]
    themes = [
        ThemeProposal(id="tencent-yuanbao-compute", new=False, title_zh="腾讯元宝红包算力链",
                      title_en="Tencent Yuanbao compute chain", score=0.9, reason="3 of its members named",
                      members=[MemberProposal(theme="tencent-yuanbao-compute", ref="300308.SZ", role="光模块",
                                              quote=S1, start=s1, end=e1, confidence=0.9, reason="edge to Tencent"),
                               MemberProposal(theme="tencent-yuanbao-compute", ref="000977.SZ", role="AI服务器",
                                              quote=S2, start=s2, end=e2, argued=True, confidence=0.5,
                                              reason="argued edge")]),
        ThemeProposal(id="new-yuanbao-review", new=True, title_zh="元宝红包算力链点评", title_en="",
                      score=0.4, reason="from the first heading", heading="元宝红包算力链点评"),
    ]
    report = {"title": "元宝红包算力链点评", "publisher": "测试证券", "publisher_en": "Test Securities",
              "date": "2026-02-01", "date_precision": "day", "analysts": ["张三", "李四"], "rating": None,
              "language": "zh-Hans", "ai_compiled": False, "no_sources": False, "evidence": {"date": "2026年2月1日"}}
    p = Proposal(text=TEXT, source="fixture.txt", format="txt", report=report, companies=companies, edges=edges,
                 links=links, themes=themes)
    for c in p.companies:
        for m in c.mentions:
            assert p.text[m.start:m.end] == m.surface and p.text[m.quote_start:m.quote_end] == m.quote
    for x in p.edges + p.links:
        assert p.text[x.start:x.end] == x.quote
    return p


def answer_next_box(qtbot, button) -> None:
    """Click ``button`` of the next modal QMessageBox when it opens (a modal exec() blocks the test)."""
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    def click():
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(30, click)
            return
        qtbot.mouseClick(box.button(button), Qt.MouseButton.LeftButton)

    QTimer.singleShot(30, click)
