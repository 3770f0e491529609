"""Made-up broker-report PDFs for the extraction tests and bench (written with Qt's QPdfWriter).

Qt is allowed here (tests and bench), never in app/. Every page is drawn with QPainter so the
layout is under control: a running header, a page number, wrapped paragraphs (each wrapped line is
its own text run in the PDF, so the reader must re-join them), two-column pages, a disclaimer page.
Text is Chinese in Noto Sans CJK (fonts-noto-cjk), embedded with a ToUnicode map so it extracts.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

HEADER = "国信证券 · 人工智能行业专题"
FOOTER_NOTE = "请务必阅读正文之后的免责声明及其项下所有内容"

PARA_1 = ("腾讯控股旗下元宝在春节期间投入十亿元现金红包，带动日活跃用户数快速攀升。"
          "我们认为算力需求将持续增长，浪潮信息作为核心服务器供应商获得超过百分之五十的订单份额，"
          "中际旭创独占百分之四十五的光模块订单，这一格局在二零二六年有望延续。")
PARA_2 = ("阿里巴巴发布千问三点五模型，开源策略吸引大量开发者。"
          "智谱与MiniMax相继在香港上市，大模型第一股之争落下帷幕。")
LEFT_COL = ("左栏第一段：字节跳动火山引擎成为春晚独家AI云合作伙伴，支撑数十亿次互动请求。"
            "左栏结束。")
RIGHT_COL = ("右栏第一段：快手可灵收入持续增长，视频生成模型商业化进展领先同业。"
             "右栏结束。")
DISCLAIMER_HEAD = "免责声明"
DISCLAIMER_BODY = ("本报告仅供国信证券股份有限公司客户使用。本公司不会因接收人收到本报告而视其为客户。"
                   "本报告基于已公开的资料或信息撰写，但本公司不保证该等信息及资料的完整性、准确性。")
CHUNK = 40   # characters a line for Page.chunked (40 × 11 pt fits the 483 pt text width)
ANALYST_HEAD = "分析师声明"
ANALYST_BODY = "作者保证报告所采用的数据均来自合规渠道，分析逻辑基于作者的职业理解。"


@dataclass
class Page:
    paragraphs: list[str] = field(default_factory=list)
    heading: str | None = None
    columns: tuple[str, str] | None = None     # a two-column page: left text, right text
    image_only: bool = False                   # a scan: one image, no text
    header: bool = True
    number: bool = True
    chunked: list[str] = field(default_factory=list)   # drawn CHUNK characters a line: every line full
    table: list[tuple[str, str]] = field(default_factory=list)   # label / value rows, far apart


def sample_pages(n_body: int = 3) -> list[Page]:
    """A small report: body pages, one two-column page, then analyst and disclaimer pages."""
    pages = [Page(heading="一、春节AI大战：元宝红包引爆算力需求", paragraphs=[PARA_1, PARA_2])]
    for i in range(1, n_body):
        pages.append(Page(heading=f"{i + 1}.{i} 产业链梳理（第{i}部分）", paragraphs=[PARA_2, PARA_1]))
    pages.append(Page(columns=(LEFT_COL * 3, RIGHT_COL * 3)))
    pages.append(Page(heading=ANALYST_HEAD, paragraphs=[ANALYST_BODY]))
    pages.append(Page(heading=DISCLAIMER_HEAD, paragraphs=[DISCLAIMER_BODY * 2]))
    return pages


def make_pdf(path: Path | str, pages: list[Page], *, title: str = "人工智能行业专题（16）",
             number_style: str = "dash") -> Path:
    """Write ``pages`` to ``path``; number_style "dash" ("- 3 -"), "cn" ("第3页 共9页") or "slash" ("3/9")."""
    from PySide6.QtCore import QMarginsF, QPointF, QRectF, Qt
    from PySide6.QtGui import QColor, QFont, QImage, QPageLayout, QPageSize, QPainter, QPdfWriter

    path = Path(path)
    w = QPdfWriter(str(path))
    w.setResolution(72)  # 1 unit = 1 pt, like PDF space
    w.setTitle(title)
    w.setCreator("chainwatch tests")
    w.setPageLayout(QPageLayout(QPageSize(QPageSize.A4), QPageLayout.Portrait, QMarginsF(0, 0, 0, 0)))
    p = QPainter(w)
    body = QFont("Noto Sans CJK SC")
    body.setPixelSize(11)
    small = QFont("Noto Sans CJK SC")
    small.setPixelSize(8)
    head = QFont("Noto Sans CJK SC")
    head.setPixelSize(14)
    head.setBold(True)
    W, H = 595.0, 842.0
    left, right, top, bottom = 56.0, W - 56.0, 70.0, H - 60.0
    total = len(pages)
    for i, pg in enumerate(pages, start=1):
        if i > 1:
            w.newPage()
        if pg.image_only:
            img = QImage(400, 560, QImage.Format_RGB32)
            img.fill(QColor("white"))
            ip = QPainter(img)
            ip.setFont(body)
            ip.drawText(QRectF(20, 20, 360, 500), Qt.TextWordWrap, PARA_1)
            ip.end()
            p.drawImage(QRectF(left, top, right - left, (right - left) * 1.4), img)
            continue
        if pg.header:
            p.setFont(small)
            p.drawText(QRectF(left, 30, right - left, 14), Qt.AlignLeft, HEADER)
            p.drawText(QRectF(left, 30, right - left, 14), Qt.AlignRight, "2026年4月16日")
        if pg.number:
            p.setFont(small)
            label = {"dash": f"- {i} -", "cn": f"第{i}页 共{total}页", "slash": f"{i}/{total}"}[number_style]
            p.drawText(QRectF(left, bottom + 20, right - left, 14), Qt.AlignHCenter, label)
        if pg.header:
            p.drawText(QRectF(left, bottom + 34, right - left, 14), Qt.AlignRight, FOOTER_NOTE)
        y = top
        if pg.heading:
            p.setFont(head)
            r = p.boundingRect(QRectF(left, y, right - left, 400), Qt.TextWordWrap, pg.heading)
            p.drawText(QRectF(left, y, right - left, r.height()), Qt.TextWordWrap, pg.heading)
            y += r.height() + 12
        p.setFont(body)
        for para in pg.paragraphs:
            r = p.boundingRect(QRectF(left, y, right - left, 2000), Qt.TextWordWrap, para)
            p.drawText(QRectF(left, y, right - left, r.height()), Qt.TextWordWrap, para)
            y += r.height() + 10
        for label, value in pg.table:
            p.drawText(QPointF(left, y + 12), label)
            p.drawText(QPointF(left + 300, y + 12), value)
            y += 16
        for para in pg.chunked:
            for k in range(0, len(para), CHUNK):
                p.drawText(QPointF(left, y + 12), para[k:k + CHUNK])
                y += 16
            y += 10
        if pg.columns:
            # Drawn line by line, left and right interleaved (as many layout programs write them),
            # so the PDF's text order is "left line 1, right line 1, left line 2 ...".
            gap = 24.0
            cw = (right - left - gap) / 2
            per_line = int(cw // body.pixelSize())
            lt, rt = pg.columns
            for k in range(0, max(len(lt), len(rt)), per_line):
                yy = y + 12 + (k // per_line) * 16
                p.drawText(QPointF(left, yy), lt[k:k + per_line])
                p.drawText(QPointF(left + cw + gap, yy), rt[k:k + per_line])
    p.end()
    return path


TOPICS = ["算力", "光模块", "服务器", "液冷", "交换机", "存储", "云计算", "大模型", "应用", "营销"]
COMPANIES = ["浪潮信息", "中际旭创", "新易盛", "工业富联", "紫光股份", "寒武纪", "海光信息", "中科曙光",
             "润泽科技", "光环新网", "宝信软件", "万国数据"]


def body_paragraph(k: int) -> str:
    """A distinct paragraph for index k (so no two pages of the long report look alike)."""
    a, b = COMPANIES[k % len(COMPANIES)], COMPANIES[(k * 7 + 3) % len(COMPANIES)]
    t = TOPICS[k % len(TOPICS)]
    return (f"第{k}个观察：{a}在{t}环节的订单同比增长{10 + k % 80}%，公司披露的在手订单约{k * 3 + 7}亿元，"
            f"{b}作为重要合作伙伴为其提供配套产品与服务，双方合作自{2018 + k % 8}年开始并持续深化。"
            f"我们测算{t}需求在未来三年保持{5 + k % 30}%左右的复合增速。")


def long_report(n_pages: int = 100) -> list[Page]:
    """A report of n pages for the bench: body pages, a two-column page every tenth, disclaimers."""
    pages = []
    for i in range(n_pages - 2):
        if i % 10 == 9:
            pages.append(Page(columns=("".join(body_paragraph(i * 10 + j) for j in range(3)),
                                       "".join(body_paragraph(i * 10 + 5 + j) for j in range(3)))))
        else:
            pages.append(Page(heading=f"{i + 1}. {TOPICS[i % len(TOPICS)]}产业链跟踪：{COMPANIES[i % 12]}",
                              paragraphs=[body_paragraph(i * 10 + j) for j in range(6)]))
    pages.append(Page(heading=ANALYST_HEAD, paragraphs=[ANALYST_BODY]))
    pages.append(Page(heading=DISCLAIMER_HEAD, paragraphs=[DISCLAIMER_BODY * 3]))
    return pages
