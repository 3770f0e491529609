"""Chart colours that follow View > Theme (light or dark), and stay light on paper.

pyqtgraph draws with its own colours, not the Qt palette, so every chart pane takes its
background, axes, text, grid and legend colours from :func:`current` and calls
:func:`follow_theme` once: when the application's palette or style changes (the theme switched,
or the system's colour scheme under "Follow the system") the pane re-colours itself at once,
hidden panes included. Charts built for printing inside :func:`for_print` are light and stay light
(paper is white whatever the screen shows).
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from typing import Callable, Iterator

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QWidget


@dataclass(frozen=True)
class ChartColors:
    """The colours of a chart pane (CSS-style strings pyqtgraph and style sheets both take)."""

    name: str
    background: str  # the plot area and around it
    axis: str  # axis lines, ticks and tick labels
    text: str  # titles, value labels, legend text
    muted: str  # captions and secondary text under the charts
    grid: str  # grid lines and the faint reference lines
    reference: str  # the 100 line, crosshairs, error bars
    legend_bg: tuple[int, int, int, int]
    legend_border: str
    outline: str  # bar edges (the background colour, so neighbouring bars separate)
    flag_bg: tuple[int, int, int, int]  # behind an event flag's text

    @property
    def dark(self) -> bool:
        return self.name == "dark"

    def ink(self, color: str) -> str:
        """A series colour made readable on this background (dark: lightened when too dark)."""
        if not self.dark:
            return color
        c = QColor(color)
        if c.lightnessF() < 0.45:
            c = c.lighter(170)
        return c.name()


LIGHT = ChartColors(
    name="light",
    background="#ffffff",
    axis="#555555",
    text="#333333",
    muted="#555555",
    grid="#d0d0d0",
    reference="#999999",
    legend_bg=(255, 255, 255, 220),
    legend_border="#dddddd",
    outline="#ffffff",
    flag_bg=(255, 255, 255, 225),
)

DARK = ChartColors(
    name="dark",
    background="#1e1f22",  # the dark palette's Base
    axis="#a9adb3",
    text="#dcdcdc",
    muted="#a0a4aa",
    grid="#3c3f43",
    reference="#7d8187",
    legend_bg=(43, 45, 48, 220),
    legend_border="#4a4d51",
    outline="#1e1f22",
    flag_bg=(43, 45, 48, 230),
)

_printing = 0


@contextmanager
def for_print() -> Iterator[None]:
    """Charts built (and rendered) inside are light, whatever the theme: they go on white paper."""
    global _printing
    _printing += 1
    try:
        yield
    finally:
        _printing -= 1


def current() -> ChartColors:
    """The chart colours of the theme in effect (light while printing)."""
    if _printing:
        return LIGHT
    app = QApplication.instance()
    theme = getattr(app, "_chainwatch_theme", None) if app is not None else None
    if theme is None and isinstance(app, QApplication):  # no View > Theme yet: the palette says
        from widgets.contrast import is_dark

        return DARK if is_dark(app.palette()) else LIGHT
    return DARK if theme == "dark" else LIGHT


_EVENTS = (QEvent.Type.ApplicationPaletteChange, QEvent.Type.PaletteChange, QEvent.Type.StyleChange, QEvent.Type.Show)


class _Follower(QObject):
    def __init__(self, widget: QWidget, apply: Callable[[ChartColors], None], colors: ChartColors):
        super().__init__(widget)
        self.apply = apply
        self.colors = colors
        self.pending = False

    def eventFilter(self, obj, ev):  # noqa: N802 - Qt's name
        if ev.type() in _EVENTS and not self.pending and current() != self.colors:
            # after the event: Qt is still going through the widgets (and the scenes' items) for
            # the style or palette change, and re-drawing a figure deletes and makes items
            self.pending = True
            QTimer.singleShot(0, self, self.update)
        return False

    def update(self) -> None:
        self.pending = False
        if _printing:
            return
        colors = current()
        if colors != self.colors:
            self.colors = colors
            self.apply(colors)


def follow_theme(widget: QWidget, apply: Callable[[ChartColors], None]) -> ChartColors:
    """Colour ``widget`` now (``apply(colors)``) and again whenever the theme changes. A chart
    built inside :func:`for_print` is coloured light once and never follows. Returns the colours."""
    colors = current()
    apply(colors)
    if not _printing:
        f = _Follower(widget, apply, colors)
        widget.installEventFilter(f)
        widget._chart_theme = f  # type: ignore[attr-defined] - kept with the widget
    return colors


def style_plot(plot, colors: ChartColors) -> None:
    """A PlotItem's axes (lines, ticks, tick labels, axis labels) and title in ``colors``."""
    for name in ("left", "bottom", "right", "top"):
        ax = plot.getAxis(name)
        ax.setPen(colors.axis)
        ax.setTextPen(colors.axis)
    title = plot.titleLabel
    title.opts["color"] = colors.text
    if title.text:
        title.setText(title.text)


def style_legend(legend, colors: ChartColors) -> None:
    legend.setBrush(colors.legend_bg)
    legend.setPen(colors.legend_border)
    legend.setLabelTextColor(colors.text)
    for _sample, label in legend.items:  # (setLabelTextColor sets the colour; the text draws it)
        label.setText(label.text)


__all__ = ["DARK", "LIGHT", "ChartColors", "current", "follow_theme", "for_print", "style_legend", "style_plot"]
