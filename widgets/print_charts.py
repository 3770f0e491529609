"""Charts for printed summaries, rendered on their own (no on-screen buttons or captions) at print
resolution when prices exist."""

from __future__ import annotations

from typing import Sequence

PRINT_SCALE = 3.0  # device pixels per layout pixel: a 1000 px wide chart prints at ~300 dpi on A4


def render_for_print(widget, width: int, height: int, scale: float = PRINT_SCALE):
    """A QImage of ``widget`` laid out at ``width`` × ``height`` and painted at ``scale``×."""
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtWidgets import QApplication

    widget.resize(width, height)
    widget.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
    widget.show()
    QApplication.processEvents()
    img = QImage(int(width * scale), int(height * scale), QImage.Format.Format_ARGB32_Premultiplied)
    img.setDevicePixelRatio(scale)
    img.fill(Qt.GlobalColor.white)
    p = QPainter(img)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    widget.render(p, QPoint(0, 0))
    p.end()
    widget.hide()
    return img


def basket_chart_image(
    desk, codes: Sequence[str], title: str, width: int = 1000, height: int = 420, scale: float = PRINT_SCALE
):
    """(QImage, caption) of the equal-weight basket of ``codes`` against its benchmark, or None
    without prices. The image is the chart alone; the caption goes under it once, as text.

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
    from widgets.charts.theme import for_print

    with for_print():  # light on white paper, whatever the screen's theme
        chart = BasketChart()
        chart.set_data(frame, title, BENCHMARKS[bench].name_en if bench in BENCHMARKS else bench, range_key="1Y")
        chart.range_bar.hide()  # on-screen controls are not printed
        chart.caption.hide()  # the caption prints once, as text under the image
        img = render_for_print(chart, width, height, scale)
    caption = chart.caption_text()
    chart.deleteLater()
    return img, caption
