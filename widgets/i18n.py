"""The interface language: 简体中文, 繁體中文 or English, through Qt's translation system.

Strings are marked for ``pyside6-lupdate`` (``make i18n``) with ``self.tr()`` in Qt classes,
``translate(context, text)`` anywhere, or :func:`QT_TRANSLATE_NOOP` where they are declared as data
(column titles, menu entries): this one returns a :class:`Msg`, a ``str`` equal to the English text
that remembers its context, so the code that shows it translates it with :func:`tr` and the window
can translate it again when the language changes (:meth:`Retranslator.bind`).

The translations are ``resources/i18n/chainwatch_<lang>.ts`` (compiled to ``.qm``); Qt's own
strings (dialog buttons) come from Qt's ``qtbase_<lang>.qm``.
"""

from __future__ import annotations

import logging
from typing import Any, Callable

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QObject, QTranslator

import resources

log = logging.getLogger(__name__)

# (setting, menu label). The labels name each language in itself, as language menus do.
LANGUAGES = (("system", None), ("zh_CN", "简体中文"), ("zh_TW", "繁體中文"), ("en", "English"))
SCRIPT_OF = {"zh_CN": "hans", "zh_TW": "hant", "en": "en"}  # the names' script each language implies


def translate(context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str:
    return QCoreApplication.translate(context, text, disambiguation, n)


class Msg(str):
    """An English source string that knows its translation context (see :func:`QT_TRANSLATE_NOOP`)."""

    context: str
    source: str

    def __new__(cls, context: str, text: str) -> Msg:
        m = super().__new__(cls, text)
        m.context = context
        m.source = text
        return m

    def __reduce__(self):
        return (Msg, (self.context, self.source))


def QT_TRANSLATE_NOOP(context: str, text: str) -> Msg:  # noqa: N802 - the name lupdate looks for
    """Mark ``text`` for translation in ``context`` without translating it (yet)."""
    return Msg(context, text)


# Qt's own strings its qtbase_zh_*.qm lacks: Qt 6 gave QFileDialog's labels an accelerator, the
# translations still have "Look in:" / "Files of type:" (ours fill the gap; Qt finds them by context)
QT_GAPS = (
    QT_TRANSLATE_NOOP("QFileDialog", "&Look in:"),
    QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:"),
)


def tr(text: str) -> str:
    """The current translation of a :class:`Msg`; any other string as it is."""
    if isinstance(text, Msg):
        return QCoreApplication.translate(text.context, text.source)
    return text


def resolve(choice: str, system: QLocale | None = None) -> str:
    """``system`` / ``zh_CN`` / ``zh_TW`` / ``en`` -> the language in effect (zh_CN, zh_TW or en)."""
    if choice in SCRIPT_OF:
        return choice
    loc = system or QLocale.system()
    if loc.language() == QLocale.Language.Chinese:
        trad = loc.script() == QLocale.Script.TraditionalChineseScript or loc.territory() in (
            QLocale.Country.Taiwan,
            QLocale.Country.HongKong,
            QLocale.Country.Macao,
        )
        return "zh_TW" if trad else "zh_CN"
    return "en"


def qm_path(lang: str):
    return resources.ROOT / "i18n" / f"chainwatch_{lang}.qm"


class Language:
    """Installs the translators of one language on the application (replacing the previous ones)."""

    def __init__(self) -> None:
        self.lang = "en"
        self._translators: list[QTranslator] = []

    def install(self, lang: str) -> bool:
        app = QCoreApplication.instance()
        if app is None:
            return False
        for t in self._translators:
            app.removeTranslator(t)
        self._translators = []
        self.lang = lang
        if lang == "en":
            return True
        ok = True
        own = QTranslator(app)
        if own.load(str(qm_path(lang))):
            self._translators.append(own)
        else:
            log.warning("no translation for %s at %s", lang, qm_path(lang))
            ok = False
        qt = QTranslator(app)
        if qt.load(f"qtbase_{lang}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            self._translators.append(qt)
        for t in self._translators:
            app.installTranslator(t)
        return ok


LANGUAGE = Language()


class Retranslator:
    """Texts to set again when the language changes: (object, setter, Msg or callable)."""

    def __init__(self) -> None:
        self._bound: list[tuple[QObject, str, Any]] = []

    def bind(self, obj: QObject, setter: str, text: str | Callable[[], str]) -> None:
        """``obj.setter(tr(text))`` now and after every language change (a plain str is set once).
        A new binding of the same object and setter replaces the one before."""
        self._bound = [b for b in self._bound if not (b[0] is obj and b[1] == setter)]
        getattr(obj, setter)(text() if callable(text) else tr(text))
        if callable(text) or isinstance(text, Msg):
            self._bound.append((obj, setter, text))

    def retranslate(self) -> None:
        keep = []
        for obj, setter, text in self._bound:
            try:
                getattr(obj, setter)(text() if callable(text) else tr(text))
            except RuntimeError:  # the C++ object is gone (a menu rebuilt, a dock closed)
                continue
            keep.append((obj, setter, text))
        self._bound = keep


def current_script() -> str:
    """The names' script the interface language implies: ``hans``, ``hant`` or ``en``."""
    return SCRIPT_OF.get(LANGUAGE.lang, "en")
