import os
from pathlib import Path

import pytest

from tests.conftest import SEEDS as _SEEDS

FILES = Path(__file__).resolve().parent / "files"
# The reports live in ../shared/seeds beside the project; a git worktree elsewhere can point at them.
SEEDS = _SEEDS if _SEEDS.is_dir() else Path(os.environ.get("CHAINWATCH_SEEDS", str(_SEEDS)))


@pytest.fixture(scope="session")
def pdf_dir(tmp_path_factory, qapp):
    """Made-up PDFs, written once per session with Qt (QPdfWriter needs the application's fonts)."""
    from tests.app.ingest import pdfgen as g

    d = tmp_path_factory.mktemp("pdfs")
    g.make_pdf(d / "report.pdf", g.sample_pages())
    g.make_pdf(d / "report_cn.pdf", g.sample_pages(), number_style="cn")
    g.make_pdf(d / "report_slash.pdf", g.sample_pages(), number_style="slash")
    g.make_pdf(d / "scan.pdf", [g.Page(image_only=True), g.Page(image_only=True)])
    g.make_pdf(d / "partscan.pdf", [g.Page(paragraphs=[g.PARA_1]), g.Page(image_only=True),
                                    g.Page(paragraphs=[g.PARA_2])])
    # A paragraph running over a page break, then a disclaimer section half-way down the last page.
    half = len(g.PARA_1) // g.CHUNK * g.CHUNK - g.CHUNK   # whole lines: page 1 ends mid-sentence
    g.make_pdf(d / "flow.pdf", [
        g.Page(heading="一、行业观点", chunked=[g.PARA_2, g.PARA_1[:half]]),
        g.Page(chunked=[g.PARA_1[half:]]),
        g.Page(paragraphs=[g.PARA_2, "风险提示：算力需求不及预期。", g.DISCLAIMER_HEAD, g.DISCLAIMER_BODY]),
    ])
    rows = [("营业收入", "1,234亿元"), ("归母净利润", "56亿元"), ("毛利率", "23.5%"), ("研发费用", "78亿元"),
            ("经营现金流", "90亿元"), ("资本开支", "12亿元"), ("员工人数", "3.4万人")]
    g.make_pdf(d / "table.pdf", [g.Page(heading="附表：主要财务数据", table=rows, paragraphs=[g.PARA_2])])
    return d


@pytest.fixture(scope="session")
def _names_cache(tmp_path_factory):
    return tmp_path_factory.mktemp("names-cache")


@pytest.fixture(autouse=True)
def _shared_names_cache(_names_cache, monkeypatch):
    """The name index is built once per session (seconds) and then read from its cache (milliseconds)."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(_names_cache))
