"""Charts for printed summaries: render a basket chart offscreen to an image when prices exist."""
from __future__ import annotations

from typing import Sequence


def basket_chart_image(desk, codes: Sequence[str], title: str, width: int = 1000, height: int = 420):
    """A QImage of the equal-weight basket of ``codes`` against its benchmark, or None without prices.

    Needs a QApplication (widgets)."""
    from app.prices.basket import basket_index, default_benchmark
    from app.prices.symbols import BENCHMARKS
    from widgets.charts.basket import BasketChart

    listed = [c for c in codes if not c.endswith(".US")]
    if not listed:
        return None
    bench = default_benchmark(listed)
    frame = basket_index(desk.store, listed, bench)
    if frame is None or not len(frame):
        return None
    chart = BasketChart()
    chart.resize(width, height)
    chart.set_data(frame, title, BENCHMARKS[bench].name_en if bench in BENCHMARKS else bench, range_key="1Y")
    img = chart.grab().toImage()
    caption = chart.caption_text()
    chart.deleteLater()
    return img, caption
