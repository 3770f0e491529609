"""Colours that read in either theme: the WCAG contrast ratio, a text colour for a given highlight
background, and greys taken from the palette.

* Highlights (a mention's light blue, a weak match's yellow, a quote's green) keep their colours in
  the dark theme, so the text on them must not stay the palette's light text: :func:`ink_on` picks
  the dark or light ink with the higher contrast against the background itself.
* Secondary text (a report's publisher and date, a status line) is a grey between the palette's
  text and its background (:func:`muted`), at least 4.5:1 against that background, so it is grey
  on white in the light theme and a light grey on the dark theme's near-black.
* :func:`keep_muted` gives a label that grey and gives it again when the theme changes.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QWidget

DARK_INK = QColor("#1a1a1a")
LIGHT_INK = QColor("#f2f2f2")
MUTED_MIN = 4.5  # contrast of the grey against its background (WCAG AA for body text)


def _channel(v: float) -> float:
    return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4


def luminance(color: QColor | str) -> float:
    """WCAG 2 relative luminance (0 black … 1 white)."""
    c = QColor(color)
    return 0.2126 * _channel(c.redF()) + 0.7152 * _channel(c.greenF()) + 0.0722 * _channel(c.blueF())


def contrast(a: QColor | str, b: QColor | str) -> float:
    """WCAG 2 contrast ratio between two colours (1 … 21)."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def ink_on(background: QColor | str) -> QColor:
    """The text colour (dark or light ink) that reads best on ``background``."""
    bg = QColor(background)
    return QColor(DARK_INK if contrast(DARK_INK, bg) >= contrast(LIGHT_INK, bg) else LIGHT_INK)


def _mix(a: QColor, b: QColor, t: float) -> QColor:
    """``a`` moved towards ``b`` by ``t`` (0 … 1), opaque."""
    return QColor.fromRgbF(a.redF() + (b.redF() - a.redF()) * t, a.greenF() + (b.greenF() - a.greenF()) * t,
                           a.blueF() + (b.blueF() - a.blueF()) * t)


def opaque(palette: QPalette, role: QPalette.ColorRole, over: QPalette.ColorRole) -> QColor:
    """A palette colour as drawn over another role's colour (a translucent one blended)."""
    c, bg = palette.color(role), palette.color(over)
    if c.alpha() == 255:
        return QColor(c)
    return _mix(bg, QColor(c.red(), c.green(), c.blue()), c.alphaF())


def muted(palette: QPalette | None = None, background: QPalette.ColorRole = QPalette.ColorRole.Base,
          minimum: float = MUTED_MIN) -> QColor:
    """A grey for secondary text on ``background``: 40 % of the way from the palette's text colour to
    the background, darker (lighter) again until it has ``minimum`` contrast with the background."""
    pal = palette if palette is not None else QApplication.palette()
    bg = opaque(pal, background, QPalette.ColorRole.Window)
    text_role = QPalette.ColorRole.Text if background in (QPalette.ColorRole.Base,
                                                           QPalette.ColorRole.AlternateBase) \
        else QPalette.ColorRole.WindowText
    fg = opaque(pal, text_role, background)
    if contrast(fg, bg) < minimum:  # an odd palette: the best ink there is
        fg = ink_on(bg)
    t = 0.4
    grey = _mix(fg, bg, t)
    while contrast(grey, bg) < minimum and t > 0:
        t = max(0.0, t - 0.05)
        grey = _mix(fg, bg, t)
    return grey


def is_dark(palette: QPalette | None = None) -> bool:
    pal = palette if palette is not None else QApplication.palette()
    return pal.color(QPalette.ColorRole.Window).lightnessF() < 0.5


_THEME_EVENTS = (QEvent.Type.ApplicationPaletteChange, QEvent.Type.PaletteChange, QEvent.Type.StyleChange)


class _Muted(QObject):
    """Re-colours a label's text when the application's palette (the theme) changes."""

    def __init__(self, widget: QWidget, background: QPalette.ColorRole, extra: str):
        super().__init__(widget)
        self.widget, self.background, self.extra = widget, background, extra
        self.color = ""
        self.pending = False

    def apply(self) -> None:
        self.pending = False
        c = muted(QApplication.palette(), self.background).name()
        if c != self.color:
            self.color = c
            self.widget.setStyleSheet(f"color:{c};{self.extra}")

    def eventFilter(self, obj, ev):  # noqa: N802 - Qt's name
        if ev.type() in _THEME_EVENTS and not self.pending:
            self.pending = True  # after the event: the palette is the new one, the widget not mid-change
            QTimer.singleShot(0, self, self.apply)
        return False


def keep_muted(widget: QWidget, background: QPalette.ColorRole = QPalette.ColorRole.Window,
               extra: str = "") -> QWidget:
    """Give ``widget`` (a label) the palette's muted grey on ``background``, now and after every
    theme change; ``extra`` is more style sheet for it (``padding: 24px``). Returns the widget."""
    f = _Muted(widget, background, extra)
    widget.installEventFilter(f)
    widget._muted = f  # type: ignore[attr-defined] - kept with the widget
    f.apply()
    return widget


__all__ = ["DARK_INK", "LIGHT_INK", "contrast", "ink_on", "is_dark", "keep_muted", "luminance", "muted", "opaque"]
