"""Print a watchlist summary: PDF export, print preview and the print dialog.

The summary (:class:`app.printing.summary.Summary`) is laid out as rich text in a
:class:`QTextDocument` and painted page by page onto any paged device (QPdfWriter, QPrinter):

* the company table's header row repeats on every page (``<thead>`` -> headerRowCount);
* each page carries a running header (title, source) and a footer with "page X of Y";
* A4 or Letter, portrait or landscape; the options are remembered with QSettings;
* Chinese prints with a CJK font (``widgets.fonts.ensure_cjk_font``) embedded in the PDF, and the
  PDF's text stays extractable (see :func:`fix_pdf_text_map`).

* no company row is split across pages, and a heading never stays behind at the foot of a page.

API for the main window (``summary`` from :func:`app.printing.summary.build_summary`; ``options``
an :class:`app.printing.options.PrintOptions`, None meaning the remembered ones)::

    export_pdf(path, summary, options) -> ExportResult      # File > Export PDF…
    show_print_preview(parent, summary, options) -> int     # File > Print Preview… (Sections menu)
    print_dialog(parent, summary, options) -> bool          # File > Print…
    load_options() / save_options(options)                  # QSettings("chainwatch", "chainwatch")
"""
from __future__ import annotations

import functools
import html
import logging
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from PySide6.QtCore import QByteArray, QMarginsF, QRectF, QSettings, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QAbstractTextDocumentLayout, QColor, QFont, QFontMetricsF, QGuiApplication,
    QImage, QPageLayout, QPageSize, QPagedPaintDevice, QPainter, QPalette, QPdfWriter, QPen,
    QRawFont, QTextCursor, QTextDocument, QTextFormat, QTextTable,
)
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog, QPrintPreviewWidget

from app import labels
from app.printing.options import SECTIONS, OptionsError, PrintOptions, parse_sections
from app.printing.summary import Summary
from widgets.fonts import ensure_cjk_font
from widgets.i18n import QT_TRANSLATE_NOOP as _N  # noqa: N814
from widgets.i18n import current_script, tr, translate

log = logging.getLogger(__name__)

SETTINGS_ORG = SETTINGS_APP = "chainwatch"
_PAGE_SIZES = {"A4": QPageSize.PageSizeId.A4, "Letter": QPageSize.PageSizeId.Letter}
MARGINS_MM = 12.0
GREY = "#5a5a5a"
RULE = "#9aa3ad"
HEAD_BG = "#e4e9f0"
ZEBRA = "#f4f6f9"

# The company table's columns: key, header, relative width in portrait and in landscape (hidden
# columns drop out and the rest share the width).
_COLUMNS = (
    ("n", "#", 4, 2.5), ("code", _N("Printing", "Code"), 8, 5.5), ("name", _N("Printing", "Name"), 12, 10),
    ("exch", _N("Printing", "Exch."), 5, 3.5), ("themes", _N("Printing", "Themes"), 16, 17),
    ("role", _N("Printing", "Chain role"), 17, 20), ("last", _N("Printing", "Last"), 6, 4.5),
    ("chg", _N("Printing", "Chg"), 6, 4.5), ("rating", _N("Printing", "Rating"), 6, 4),
    ("target", _N("Printing", "Target"), 6, 4.5), ("notes", _N("Printing", "Notes"), 13, 17),
    ("src", _N("Printing", "Src"), 6.5, 5),
)
# the print sections' labels (app.printing.options.SECTIONS), for lupdate
_SECTION_LABELS = (_N("Printing", "Company table"), _N("Printing", "Charts"), _N("Printing", "Theme members"),
                   _N("Printing", "Theme supplier chains"), _N("Printing", "Evidence footnotes"))
_RIGHT = {"n", "last", "chg", "rating", "target"}



# ---- the summary's words in the interface's language (app.printing builds them in English) -----

_TITLES = {"Watchlist summary": _N("Printing", "Watchlist summary"), "Screen summary": _N("Printing", "Screen summary"),
           "Theme summary": _N("Printing", "Theme summary"), "Company summary": _N("Printing", "Company summary")}
_SOURCE_KINDS = {"watchlist": _N("Printing", "Watchlist"), "screen": _N("Printing", "Screen"),
                 "theme": _N("Printing", "Theme"), "codes": _N("Printing", "Selection")}
_ABOUT = {
    "recommendation": _N("Printing", "Recommendation: {action}"),
    "supplies": _N("Printing", "Supplies {segment} → {customer} {share}"),
    "supplies_status": _N("Printing", "Supplies {segment} → {customer} {share} ({status})"),
    "theme": _N("Printing", "Theme {theme}: {role}"),
    "theme_only": _N("Printing", "Theme {theme}"),
    "mention": _N("Printing", "Named in the report"),
    "chain": _N("Printing", "{supplier} supplies {segment} → {customer}"),
}
ORIENTATION_LABELS = {"portrait": _N("Printing", "portrait"), "landscape": _N("Printing", "landscape")}


def _segment(label: str) -> str:
    """A segment's English label (app.printing writes them so) in the interface's script; other text as is."""
    seg = labels.segment_of_label(label)
    return labels.segment_label(seg, current_script()) if seg else label


def summary_title(summary) -> str:
    m = _TITLES.get(summary.title)
    return tr(m) if m is not None else summary.title


def source_label(summary) -> str:
    m = _SOURCE_KINDS.get(summary.source_kind)
    kind = tr(m) if m is not None else summary.source_kind.title()
    if not summary.source_name:
        return kind
    return translate("Printing", "{kind}: {name}").format(kind=kind, name=summary.source_name)


def data_as_of_label(summary) -> str:
    bits = []
    if summary.reports_as_of:
        bits.append(translate("Printing", "reports to {date}").format(date=summary.reports_as_of.isoformat()))
    if summary.prices_as_of:
        lo, hi = summary.prices_as_of
        bits.append(translate("Printing", "prices as of {date}").format(date=hi) if lo == hi else
                    translate("Printing", "prices as of {date} (oldest {oldest})").format(date=hi, oldest=lo))
    else:
        bits.append(translate("Printing", "no cached prices"))
    return translate("Printing", "; ").join(bits)


def filters_label(summary) -> str:
    text = translate("Printing", "; ").join(f"{k}: {v}" if k else v for k, v in summary.filters)
    return text or translate("Printing", "none")


def footnote_about(fn) -> str:
    """What a footnote supports, in the interface's language (its English when it has no key)."""
    if not fn.about_key or fn.about_key[0] not in _ABOUT:
        return fn.about
    kind, values = fn.about_key
    sc = current_script()
    text = tr(_ABOUT[kind]).format(**{k: v.get(sc) or v.get("en", "") for k, v in values.items()})
    return " ".join(text.split())


def _publisher(fn) -> str:
    """The publisher, short, in the script: Chinese alone in 简体/繁體, both names in English."""
    from app.printing.summary import _cut

    sc = current_script()
    if sc == "en" or not fn.publisher:
        return fn.publisher_label
    zh = _cut(fn.publisher)
    if sc == "hant":
        from app.text import to_hant

        zh = to_hant(zh)
    return zh


def footnote_report(fn) -> str:
    """"Report 002" / "研报 002"; a report a user added by its publisher and date (its file name is a key)."""
    if fn.report_number:
        return translate("Printing", "Report {n}").format(n=fn.report_number)
    return translate("Printing", ", ").join(b for b in (_publisher(fn), fn.date) if b) or translate("Printing", "Report")


def footnote_citation(fn) -> str:
    """The report cited: its number, publisher and date (a user's report: publisher and date once)."""
    bits = [footnote_report(fn)] + ([_publisher(fn), fn.date] if fn.report_number else [])
    return translate("Printing", ", ").join(b for b in bits if b)


def footnote_source_line(fn) -> str:
    sc = current_script()
    en = fn.publisher_en.replace("(AI-compiled)", "").strip()
    bits = [fn.publisher] + ([en] if sc == "en" or not fn.publisher else []) + [fn.date]
    if sc == "hant":
        from app.text import to_hant

        bits[0] = to_hant(bits[0])
    text = translate("Printing", ", ").join(b for b in bits if b)
    if fn.title:
        text += translate("Printing", ", ") + f"《{fn.title}》"
    return text

# ---- options, remembered --------------------------------------------------------------------


def _kb_zh(english: str, zh: str) -> str:
    """A knowledge-base text (a description, a role, a note) in the interface's language: its
    Chinese where written (繁體 by conversion), else its English."""
    from app.domain import in_script

    return in_script(english, zh, current_script())


def _settings() -> QSettings:
    return QSettings(SETTINGS_ORG, SETTINGS_APP)


def load_options(settings: QSettings | None = None) -> PrintOptions:
    """The remembered options (paper, orientation, sections); defaults where unset or unreadable."""
    s = settings or _settings()
    paper, orient = s.value("printing/paper", "A4"), s.value("printing/orientation", "portrait")
    secs = s.value("printing/sections", None)
    opts = PrintOptions()
    try:
        opts.paper = PrintOptions(paper=str(paper)).paper
    except OptionsError:
        pass
    try:
        opts.orientation = PrintOptions(orientation=str(orient)).orientation
    except OptionsError:
        pass
    if secs is not None:
        if isinstance(secs, (list, tuple)):
            secs = ",".join(str(x) for x in secs)
        try:
            opts.sections = parse_sections([x for x in str(secs).split(",") if x.strip()])
        except OptionsError:
            pass
    return opts


def save_options(options: PrintOptions, settings: QSettings | None = None) -> None:
    s = settings or _settings()
    s.setValue("printing/paper", options.paper)
    s.setValue("printing/orientation", options.orientation)
    s.setValue("printing/sections", ",".join(options.sections))  # "" = none; a list type is not portable
    s.sync()


def page_layout(options: PrintOptions) -> QPageLayout:
    orient = QPageLayout.Orientation.Landscape if options.landscape else QPageLayout.Orientation.Portrait
    return QPageLayout(QPageSize(_PAGE_SIZES[options.paper]), orient,
                       QMarginsF(MARGINS_MM, MARGINS_MM, MARGINS_MM, MARGINS_MM),
                       QPageLayout.Unit.Millimeter)


def options_from_layout(layout: QPageLayout, base: PrintOptions) -> PrintOptions:
    """``base`` with the paper and orientation a print dialog left on the printer."""
    pid = layout.pageSize().id()
    paper = next((name for name, v in _PAGE_SIZES.items() if v == pid), base.paper)
    orient = "landscape" if layout.orientation() == QPageLayout.Orientation.Landscape else "portrait"
    return base.with_(paper=paper, orientation=orient)


# ---- fonts ------------------------------------------------------------------------------------

def _family() -> str | None:
    if QGuiApplication.instance() is None:
        raise RuntimeError("printing needs a QGuiApplication (create one first)")
    return ensure_cjk_font()


def _font(family: str | None, point_size: float, bold: bool = False) -> QFont:
    f = QFont(family) if family else QFont()
    f.setPointSizeF(point_size)
    f.setBold(bold)
    if family:
        # Noto Sans CJK's 'locl' substitutes digits inside Latin runs with glyphs the font's cmap
        # does not reach; Qt's PDF text map then has no Unicode for them and '0700.HK' extracts
        # as '.HK'. Without 'locl' the SC face's default (Simplified) glyphs are used throughout.
        f.setFeature(QFont.Tag("locl"), 0)
    return f


# ---- HTML -------------------------------------------------------------------------------------

def _e(text: Any) -> str:
    return html.escape("" if text is None else str(text), quote=True)


def _multiline(text: str) -> str:
    return "<br>".join(_e(line) for line in str(text).splitlines())


class _Numbering:
    """Footnote display numbers in order of first reference among the sections printed."""

    def __init__(self, summary: Summary):
        self.summary = summary
        self.num: dict[int, int] = {}

    def refs(self, ids: Iterable[int]) -> str:
        out = []
        for i in ids:
            fn = self.summary.footnotes.get(i)
            if fn is None:
                continue
            n = self.num.setdefault(i, len(self.num) + 1)
            out.append(f"{n}{'*' if fn.ai_compiled else ''}")
        return ", ".join(out)


def summary_html(summary: Summary, options: PrintOptions, image_widths: list[float] | None = None,
                 landscape: bool | None = None) -> str:
    """The document as Qt rich text (the subset of HTML/CSS QTextDocument understands)."""
    secs = [s for s in options.sections if s in summary.sections or s == "charts"]
    wide = options.landscape if landscape is None else landscape
    show_refs = "evidence" in secs and bool(summary.footnotes)
    numbering = _Numbering(summary)
    tpt = 7.5 if wide else 7.0
    out: list[str] = []
    a = out.append

    # title block
    a(f'<p style="font-size:16pt; font-weight:bold; margin-bottom:2pt">{_e(summary_title(summary))}</p>')
    a(f'<p style="font-size:11pt; margin-top:0; margin-bottom:6pt">{_e(source_label(summary))}</p>')
    n_priced = sum(1 for r in summary.rows if r.last is not None)
    meta = [(translate("Printing", "Printed"), summary.printed_label), (translate("Printing", "Data as of"), data_as_of_label(summary)),
            (translate("Printing", "Filters in force"), filters_label(summary)),
            (translate("Printing", "Companies"), f"{len(summary.rows)}"
             + (translate("Printing", " ({n} with cached prices)").format(n=n_priced) if n_priced else ""))]
    if summary.kb_version:
        meta.append((translate("Printing", "Knowledge base"),
                     translate("Printing", "version {version}, built from broker reports").format(version=summary.kb_version)))
    a('<table cellspacing="0" cellpadding="1" style="font-size:8pt; margin-bottom:8pt">')
    for k, v in meta:
        a(f'<tr><td style="color:{GREY}; padding-right:8px">{_e(k)}</td><td>{_e(v)}</td></tr>')
    a("</table>")

    def gap(pt: float) -> None:
        # Qt's rich text ignores margin-top on a paragraph that follows a table: an empty line instead
        a(f'<p style="font-size:{pt}pt; margin:0">&nbsp;</p>')

    def table_open(font_pt: float) -> None:
        a(f'<table width="100%" cellspacing="0" cellpadding="3" style="font-size:{font_pt}pt">')

    def row(i: int, cols: list[tuple[str, str, float]], cells: dict[str, str]) -> None:
        """One body row: zebra on even rows, numbers right-aligned and unbroken."""
        bg = f' bgcolor="{ZEBRA}"' if i % 2 == 0 else ""
        a(f"<tr{bg}>" + "".join(
            f'<td align="right" style="white-space:nowrap">{cells[k]}</td>' if k in _RIGHT
            else f"<td>{cells[k]}</td>" for k, _, _ in cols) + "</tr>")

    def head(cols: list[tuple[str, str, float]]) -> None:
        total = sum(w for _, _, w in cols)
        a(f'<thead><tr style="background-color:{HEAD_BG}">')
        for key, label, w in cols:
            align = "right" if key in _RIGHT else "left"
            a(f'<th width="{100 * w / total:.1f}%" align="{align}">{_e(tr(label))}</th>')
        a("</tr></thead>")

    if "companies" in secs:
        has_prices = summary.has_prices
        present = {"last": has_prices, "chg": has_prices,
                   "rating": any(r.rating for r in summary.rows),
                   "target": any(r.target is not None for r in summary.rows),
                   "notes": any(r.notes or r.tags for r in summary.rows), "src": show_refs}
        cols = [(key, label, wl if wide else wp_) for key, label, wp_, wl in _COLUMNS
                if present.get(key, True)]
        empty = [tr(label).lower() for key, label, _, _ in _COLUMNS
                 if key in ("rating", "target", "notes") and not present[key]]
        gap(6)
        a('<h2 style="font-size:11pt; font-weight:bold; margin-top:10pt; margin-bottom:3pt">' + _e(translate("Printing", "Companies")) + '</h2>')
        if not summary.rows:
            a(f'<p style="color:{GREY}">{_e(translate("Printing", "No companies."))}</p>')
        else:
            table_open(tpt)
            head(cols)
            a("<tbody>")
            for i, r in enumerate(summary.rows, start=1):
                cells = {
                    "n": str(i),
                    "code": f'<span style="white-space:nowrap">{_e(r.code)}</span>',
                    "name": (_e(r.name) + (f'<br><span style="color:{GREY}; font-size:{tpt - 1}pt">'
                                           f'{_e(r.name_en)}</span>' if r.name_en and r.name_en != r.name else "")),
                    "exch": _e(r.exchange_label),
                    "themes": _e("; ".join(r.theme_titles)),
                    "role": _e(r.chain_role),
                    "last": _e(r.last_label), "chg": _e(r.change_label),
                    "rating": _e(r.rating_label), "target": _e(r.target_label),
                    "notes": _multiline(r.notes) + (
                        f'{"<br>" if r.notes else ""}<span style="color:{GREY}">'
                        f'{_e(" ".join("#" + t for t in r.tags))}</span>' if r.tags else ""),
                    "src": _e(numbering.refs(r.refs)) if show_refs else "",
                }
                row(i, cols, cells)
            a("</tbody></table>")
            notes = []
            if empty:
                notes.append(translate("Printing", "Not shown, empty for every company: {columns}.").format(columns=", ".join(empty)))
            if not has_prices:
                notes.append(translate("Printing", "No cached prices."))
            if show_refs:
                notes.append(translate("Printing", "Src: evidence footnotes at the end; * = from an AI-compiled report."))
            if has_prices:
                notes.append(translate("Printing", "Last and Chg: cached prices in local currency and their latest change."))
            if notes:
                a(f'<p style="font-size:{tpt - 0.5}pt; color:{GREY}; margin-top:2pt">{_e(" ".join(notes))}</p>')

    if "charts" in secs and summary.charts:
        gap(6)
        a('<h2 style="font-size:11pt; font-weight:bold; margin-top:10pt; margin-bottom:3pt">' + _e(translate("Printing", "Charts")) + '</h2>')
        for i, ch in enumerate(summary.charts):
            a(f'<h4 style="font-size:9pt; font-weight:bold; margin-bottom:2pt">{_e(ch.title)}</h4>')
            width = (image_widths or [])[i] if i < len(image_widths or []) else 600
            a(f'<p align="center"><img src="chart://{i}" width="{int(width)}"></p>')
            if ch.caption:
                a(f'<p style="font-size:7pt; color:{GREY}">{_e(ch.caption)}</p>')

    if ("themes" in secs or "chains" in secs) and summary.themes:
        gap(6)
        a('<h2 style="font-size:11pt; font-weight:bold; margin-top:10pt; margin-bottom:0">' + _e(translate("Printing", "Themes"))
          + '</h2>')
        for t in summary.themes:
            gap(4)
            a(f'<h3 style="font-size:9.5pt; font-weight:bold; margin-top:8pt; margin-bottom:1pt">'
              f'{_e(t.title_zh)} · {_e(t.title_en)}</h3>')
            desc = _kb_zh(t.description, getattr(t, "description_zh", ""))
            if desc:  # a heading level too, so it stays with what follows
                a(f'<h5 style="font-size:7.5pt; font-weight:normal; color:{GREY}; margin-top:0; '
                  f'margin-bottom:3pt">{_e(desc)}</h5>')
            if "themes" in secs and t.members:
                a(f'<h4 style="font-size:8pt; font-weight:bold; margin-top:2pt; margin-bottom:2pt">{_e(translate("Printing", "Members"))}'
                  f'<span style="font-weight:normal; color:{GREY}">{_e(translate("Printing", " (● = in this summary)"))}</span></h4>')
                mcols = [("in", "", 2), ("code", translate("Printing", "Code"), 9), ("name", translate("Printing", "Name"), 20),
                         ("roles", translate("Printing", "Role"), 59)]
                if show_refs:
                    mcols.append(("src", translate("Printing", "Src"), 10))
                table_open(tpt)
                head(mcols)
                a("<tbody>")
                for i, m in enumerate(t.members, start=1):
                    name = _e(m.name) + (f' <span style="color:{GREY}">{_e(m.name_en)}</span>'
                                         if m.name_en and m.name_en != m.name else "")
                    code = _e(m.code) if m.code else f'<span style="color:{GREY}">{_e(translate("Printing", "unlisted"))}</span>'
                    cells = {"in": "●" if m.in_list else "", "code": code, "name": name,
                             "roles": _e(_kb_zh("; ".join(_segment(r) for r in m.roles.split("; ")) if m.roles else "",
                                                m.roles_zh)),
                             "src": _e(numbering.refs(m.refs))}
                    row(i, mcols, cells)
                a("</tbody></table>")
            if "chains" in secs and t.chain:
                if "themes" in secs and t.members:
                    gap(3)
                a('<h4 style="font-size:8pt; font-weight:bold; margin-top:5pt; margin-bottom:2pt">'
                  + _e(translate("Printing", "Supplier chain")) + '</h4>')
                ccols = [("sup", translate("Printing", "Supplier"), 18), ("seg", translate("Printing", "Segment"), 12),
                         ("cus", translate("Printing", "Customer"), 13), ("status", translate("Printing", "Status"), 7),
                         ("share", translate("Printing", "Share"), 6), ("note", translate("Printing", "Note"), 36)]
                if show_refs:
                    ccols.append(("src", translate("Printing", "Src"), 8))
                table_open(tpt)
                head(ccols)
                a("<tbody>")
                for i, c in enumerate(t.chain, start=1):
                    sup = (f'{_e(c.supplier_code)} ' if c.supplier_code else "") + _e(c.supplier_name)
                    cells = {"sup": sup, "seg": _e(_segment(c.segment)), "cus": _e(c.customer_name),
                             "status": _e(labels.status_label(c.status, current_script())), "share": _e(c.share),
                             "note": _e(_kb_zh(c.note, c.note_zh)),
                             "src": _e(numbering.refs(c.refs))}
                    row(i, ccols, cells)
                a("</tbody></table>")

    if show_refs and numbering.num:
        used = [summary.footnotes[fid] for fid, _ in sorted(numbering.num.items(), key=lambda kv: kv[1])]
        gap(6)
        a('<h2 style="font-size:11pt; font-weight:bold; margin-top:10pt; margin-bottom:2pt">'
          + _e(translate("Printing", "Sources and evidence")) + '</h2>')
        a(f'<h5 style="font-size:7pt; font-weight:normal; color:{GREY}; margin-top:0; margin-bottom:3pt">'
          + _e(translate("Printing", "The broker reports cited. [AI-compiled] marks a report compiled by an AI tool: check its "
                "claims before relying on them.")) + '</h5>')
        a(f'<table width="100%" cellspacing="0" cellpadding="1" style="font-size:{tpt}pt; margin-bottom:6pt">')
        for fn in sorted({f.report: f for f in used}.values(), key=lambda f: f.report):
            a(f'<tr><td width="11%" style="white-space:nowrap">{_e(footnote_report(fn))}</td>'
              f'<td width="89%">{_e(footnote_source_line(fn))}</td></tr>')
        a("</table>")
        a(f'<h5 style="font-size:7pt; font-weight:normal; color:{GREY}; margin-top:0; margin-bottom:3pt">'
          + _e(translate("Printing", "Evidence: what each note supports, the report it comes from, and the report's words."))
          + '</h5>')
        a(f'<table width="100%" cellspacing="0" cellpadding="1" style="font-size:{tpt - 0.5}pt">')
        for n, fn in enumerate(used, start=1):
            flag = " <b>" + _e(translate("Printing", "[AI-compiled]")) + "</b>" if fn.ai_compiled else ""
            cite = _e(footnote_citation(fn)) + flag
            about = footnote_about(fn)
            about = _e(about) + translate("Printing", ". ") if about else ""
            a(f'<tr><td width="4%" align="right" style="padding-right:4px">{n}{"*" if fn.ai_compiled else ""}</td>'
              f'<td width="96%">{about}{cite}: <span style="color:{GREY}">“{_e(fn.quote)}”</span></td></tr>')
        a("</table>")
    return "".join(out)


# ---- layout and painting ----------------------------------------------------------------------

@dataclass
class _Layout:
    doc: QTextDocument
    body: QRectF        # where document pages go, device pixels
    header: QRectF
    footer: QRectF
    font: QFont
    pages: int


def _chart_image(img: Any) -> QImage:
    if isinstance(img, QImage):
        return img
    q = QImage()
    if isinstance(img, (bytes, bytearray, QByteArray)):
        q.loadFromData(bytes(img))
    else:
        q.load(str(img))
    if q.isNull():
        log.warning("chart image %r could not be read", img if not isinstance(img, (bytes, bytearray)) else "<bytes>")
    return q


def layout_summary(device: QPagedPaintDevice, summary: Summary, options: PrintOptions) -> _Layout:
    """Lay the summary out for ``device``'s current page layout (its paper, orientation, margins)."""
    family = _family()
    dpi = device.logicalDpiY()
    layout = device.pageLayout()
    paint = QRectF(layout.paintRectPixels(dpi))
    paint.moveTo(0, 0)  # painters on paged devices start at the paint rect's corner
    small = _font(family, 7)
    line = QFontMetricsF(small, device).height()
    header = QRectF(0, 0, paint.width(), line * 2.0)
    footer = QRectF(0, paint.height() - line * 1.8, paint.width(), line * 1.8)
    body = QRectF(0, header.bottom(), paint.width(), footer.top() - header.bottom())

    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(device)
    doc.setDefaultFont(_font(family, 8))
    doc.setDocumentMargin(0)
    doc.setUndoRedoEnabled(False)
    widths = []
    for i, ch in enumerate(summary.charts if "charts" in options.sections else ()):
        img = _chart_image(ch.image)
        doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(f"chart://{i}"), img)
        # <img width> is in screen pixels (96 per inch), scaled to the device by the layout;
        # a chart takes the page width, or less so that it is at most half the page high.
        w = body.width() * 0.95
        if not img.isNull() and img.width() > 0:
            w = min(w, body.height() * 0.5 * img.width() / img.height())
        widths.append(w / dpi * 96)
    landscape = layout.orientation() == QPageLayout.Orientation.Landscape
    doc.setTextWidth(body.width())  # before the content: one unpaginated layout, at the right width
    doc.setHtml(summary_html(summary, options, image_widths=widths, landscape=landscape))
    table = next((f for f in doc.rootFrame().childFrames()
                  if isinstance(f, QTextTable) and f.format().headerRowCount() > 0), None)
    if table is not None and "companies" in options.sections and summary.rows:
        _keep_rows_whole(doc, table, body.height(), _html_px(device))
    doc.setPageSize(QSizeF(body.width(), body.height()))
    _keep_headings_with_next(doc, body.height())
    return _Layout(doc, body, header, footer, small, doc.pageCount())


def _html_px(device: QPagedPaintDevice) -> float:
    """Device pixels per rich-text pixel: Qt scales paddings given in HTML to the device."""
    key = (device.logicalDpiX(), device.logicalDpiY())
    if key not in _HTML_PX:
        probe = QTextDocument()
        probe.documentLayout().setPaintDevice(device)
        probe.setDocumentMargin(0)
        tops = []
        for pad in (0, 50):
            probe.setHtml(f'<table cellspacing="0" cellpadding="{pad}"><tr><td>x</td></tr></table>')
            probe.setTextWidth(10000)
            tops.append(_first_cell_top(probe))
        _HTML_PX[key] = (tops[1] - tops[0]) / 50 or device.logicalDpiY() / 96
    return _HTML_PX[key]


_HTML_PX: dict[tuple[int, int], float] = {}


def _first_cell_top(doc: QTextDocument) -> float:
    table = next(f for f in doc.rootFrame().childFrames() if isinstance(f, QTextTable))
    return doc.documentLayout().blockBoundingRect(table.cellAt(0, 0).firstCursorPosition().block()).top()


def _keep_rows_whole(doc: QTextDocument, table: QTextTable, page_height: float, px: float) -> None:
    """Pad the row before each page break so that no row of ``table`` is split across pages.

    Qt breaks a table row line by line where a page ends (the second line of a name alone at the
    top of the next page). From an unpaginated layout, simulate the pages: where a row would
    cross a page end, grow the row above it to fill the page, so the row starts the next page
    (under the repeated header). Rows taller than a page are left to split.
    """
    lay = doc.documentLayout()
    n, head = table.rows(), table.format().headerRowCount()
    if n <= head + 1:
        return
    pad = table.format().cellPadding() * px
    tops = [lay.blockBoundingRect(table.cellAt(r, 0).firstCursorPosition().block()).top() - pad
            for r in range(n)]
    last = max(lay.blockBoundingRect(table.cellAt(n - 1, c).lastCursorPosition().block()).bottom()
               for c in range(table.columns())) + pad
    bottoms = tops[1:] + [last]
    header_h = tops[head] - tops[0]
    fixes: dict[int, float] = {}
    shift, page_end = 0.0, page_height
    for r in range(head, n):
        top, bottom = tops[r] + shift, bottoms[r] + shift
        while top >= page_end:
            page_end += page_height
        if bottom <= page_end:
            continue
        page_top = page_end - page_height
        if bottom - top > page_height - header_h or top <= page_top + header_h + 1 or r == head:
            continue  # too tall to move, or already first on its page
        fixes[r - 1] = page_end - top - 1  # the row above ends 1 px short of the page end
        shift += page_end + header_h - top
        page_end += page_height
    if not fixes:
        return
    cursor = QTextCursor(doc)
    cursor.beginEditBlock()
    base = table.format().cellPadding()
    for r, extra in fixes.items():
        for c in range(table.columns()):
            cell = table.cellAt(r, c)
            fmt = cell.format().toTableCellFormat()
            fmt.setBottomPadding(base + extra / px)
            cell.setFormat(fmt)
    cursor.endEditBlock()


def _keep_headings_with_next(doc: QTextDocument, page_height: float) -> None:
    """A heading (with the headings right after it) left alone at the foot of a page starts
    the next page instead, so it stays with the table, chart or text it introduces."""
    lay = doc.documentLayout()
    block = doc.begin()
    while block.isValid():
        if block.blockFormat().headingLevel() <= 0:
            block = block.next()
            continue
        first = block
        while block.isValid() and block.blockFormat().headingLevel() > 0:
            block = block.next()
        if not block.isValid():
            break
        top = lay.blockBoundingRect(first).top()
        line = block.layout().lineAt(0) if block.layout() and block.layout().lineCount() else None
        nxt = lay.blockBoundingRect(block).top() + (line.height() if line is not None and line.isValid() else 0)
        if int(top // page_height) != int(nxt // page_height) and top % page_height > page_height * 0.02:
            fmt = first.blockFormat()
            fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
            QTextCursor(first).setBlockFormat(fmt)


def _draw_page(p: QPainter, lay: _Layout, summary: Summary, page: int) -> None:
    body = lay.body
    p.save()
    p.translate(body.left(), body.top() - page * body.height())
    view = QRectF(0, page * body.height(), body.width(), body.height())
    p.setClipRect(view)
    ctx = QAbstractTextDocumentLayout.PaintContext()
    ctx.clip = view
    ctx.palette.setColor(QPalette.ColorRole.Text, QColor("black"))
    lay.doc.documentLayout().draw(p, ctx)
    p.restore()

    p.save()
    p.setFont(lay.font)
    p.setPen(QColor(GREY))
    h, f = lay.header, lay.footer
    left = f"{summary_title(summary)} — {source_label(summary)}"
    flags_l = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    flags_r = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
    right = translate("Printing", "printed {date}").format(date=summary.printed_label)
    fm = QFontMetricsF(lay.font, p.device())
    room = h.width() - fm.horizontalAdvance(right) - fm.horizontalAdvance("    ")
    p.drawText(QRectF(h.left(), h.top(), room, h.height()), flags_l,
               fm.elidedText(left, Qt.TextElideMode.ElideRight, room))
    p.drawText(h, flags_r, right)
    pen = QPen(QColor(RULE))
    pen.setWidthF(max(1.0, p.device().logicalDpiY() / 300))
    p.setPen(pen)
    p.drawLine(f.topLeft() + (f.bottomLeft() - f.topLeft()) * 0.25, f.topRight() + (f.bottomRight() - f.topRight()) * 0.25)
    p.setPen(QColor(GREY))
    foot = QRectF(f.left(), f.top() + f.height() * 0.35, f.width(), f.height() * 0.65)
    page_label = translate("Printing", "page {page} of {pages}").format(page=page + 1, pages=lay.pages)
    room = foot.width() - fm.horizontalAdvance(page_label) - fm.horizontalAdvance("    ")
    p.drawText(QRectF(foot.left(), foot.top(), room, foot.height()), flags_l,
               fm.elidedText(translate("Printing", "Chainwatch · data: {date}").format(date=data_as_of_label(summary)), Qt.TextElideMode.ElideRight, room))
    p.drawText(foot, flags_r, page_label)
    p.restore()


def render(device: QPagedPaintDevice, summary: Summary, options: PrintOptions | None = None,
           painter: QPainter | None = None) -> int:
    """Paint the summary on ``device`` using its current page layout; returns the page count.

    On a QPrinter, a page range chosen in the print dialog is honoured.
    """
    options = options or PrintOptions()
    lay = layout_summary(device, summary, options)
    first, last = 1, lay.pages
    if isinstance(device, QPrinter) and device.printRange() == QPrinter.PrintRange.PageRange:
        if device.fromPage() > 0:
            first = max(1, device.fromPage())
        if device.toPage() > 0:
            last = min(lay.pages, device.toPage())
    own = painter is None
    p = painter or QPainter()
    if own and not p.begin(device):
        raise OSError("could not start painting on the printer / PDF file")
    try:
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setRenderHint(QPainter.RenderHint.LosslessImageRendering)  # charts: no JPEG smudges
        for i, page in enumerate(range(first - 1, last)):
            if i:
                device.newPage()
            _draw_page(p, lay, summary, page)
    finally:
        if own:
            p.end()
    return lay.pages


# ---- PDF ---------------------------------------------------------------------------------------

@dataclass
class ExportResult:
    path: Path
    pages: int
    paper: str
    orientation: str
    font: str | None       # the CJK family used, None when none was found
    text_map_fixed: bool   # whether the PDF's text map was repaired (see fix_pdf_text_map)


def export_pdf(path: str | os.PathLike, summary: Summary, options: PrintOptions | None = None) -> ExportResult:
    """Write the summary as a PDF (options None: the remembered ones). The file appears complete
    or not at all (written aside, then moved into place); an existing file is replaced."""
    options = options or load_options()
    target = Path(path)
    if target.is_dir():
        raise OSError(f"{target} is a folder; give a file name such as {target / 'summary.pdf'}")
    if not target.parent.exists():
        raise OSError(f"folder {target.parent} does not exist")
    family = _family()
    fd, tmp = tempfile.mkstemp(prefix=".chainwatch-", suffix=".pdf", dir=target.parent)
    os.close(fd)
    try:
        writer = QPdfWriter(tmp)
        writer.setCreator("Chainwatch")
        writer.setTitle(f"{summary_title(summary)} — {source_label(summary)}")
        writer.setPageLayout(page_layout(options))
        pages = render(writer, summary, options)
        del writer  # closes the file
        data = Path(tmp).read_bytes()
        fixed = fix_pdf_text_map(data, glyph_aliases(family)) if family else data
        if fixed is not data:
            Path(tmp).write_bytes(fixed)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return ExportResult(target, pages, options.paper, options.orientation, family, fixed is not data)


@functools.lru_cache(maxsize=8)
def glyph_aliases(family: str) -> dict[int, int]:
    """Code points the font draws with the same glyph as a CJK ideograph: {U+2F24 ⼤: U+5927 大, ...}.

    Qt's PDF writer maps each glyph back to the *lowest* code point that reaches it, so without
    this, 大 extracts as the Kangxi radical ⼤ and 民 as ⺠, and text search in the PDF fails.
    """
    raw = QRawFont.fromFont(_font(family, 12))
    if not raw.isValid():
        return {}
    def glyphs(cps: list[int]) -> list[int]:
        return list(raw.glyphIndexesForString("".join(map(chr, cps))))
    ideographs = list(range(0x4E00, 0xA000)) + list(range(0x3400, 0x4DC0)) + list(range(0xF900, 0xFB00))
    by_glyph: dict[int, int] = {}
    for cp, g in zip(ideographs, glyphs(ideographs)):
        if g:
            by_glyph.setdefault(g, cp)
    low = list(range(0x2E80, 0x3400))
    out = {}
    for cp, g in zip(low, glyphs(low)):
        if g and g in by_glyph:
            out[cp] = by_glyph[g]
    # an ideograph in Extension A that shares its glyph with a unified one: prefer the unified one
    ext_a = list(range(0x3400, 0x4DC0))
    for cp, g in zip(ext_a, glyphs(ext_a)):
        if g and by_glyph.get(g, cp) != cp:
            out[cp] = by_glyph[g]
    return out


_OBJ = re.compile(rb"(\d+) 0 obj\s*<<\s*/Length (\d+)(?: 0 R)?\s*>>\s*stream\r?\n", re.S)
_TOKEN = re.compile(rb"<([0-9A-Fa-f]+)>|\[|\]")


def _parse_cmap(body: bytes) -> dict[int, str] | None:
    """glyph -> text from the bfrange/bfchar blocks of a ToUnicode CMap; None if unreadable."""
    out: dict[int, str] = {}

    def text(hexs: bytes) -> str:
        return bytes.fromhex(hexs.decode()).decode("utf-16-be", "surrogatepass")

    for kind, block in re.findall(rb"begin(bfrange|bfchar)(.*?)end\1", body, re.S):
        toks = [m.group(0) for m in _TOKEN.finditer(block)]
        i = 0
        try:
            if kind == b"bfchar":
                while i + 1 < len(toks):
                    out[int(toks[i][1:-1], 16)] = text(toks[i + 1][1:-1])
                    i += 2
            else:
                while i + 2 < len(toks):
                    lo, hi = int(toks[i][1:-1], 16), int(toks[i + 1][1:-1], 16)
                    if toks[i + 2] == b"[":
                        j = i + 3
                        g = lo
                        while toks[j] != b"]":
                            out[g] = text(toks[j][1:-1])
                            g += 1
                            j += 1
                        i = j + 1
                    else:
                        start = bytes.fromhex(toks[i + 2][1:-1].decode())
                        base = int.from_bytes(start, "big")
                        for k, g in enumerate(range(lo, hi + 1)):
                            out[g] = (base + k).to_bytes(len(start), "big").decode("utf-16-be", "surrogatepass")
                        i += 3
        except (ValueError, IndexError, UnicodeDecodeError):
            return None
    return out


def _cmap_blocks(mapping: dict[int, str]) -> bytes:
    items = sorted(mapping.items())
    parts = []
    for k in range(0, len(items), 100):
        chunk = items[k:k + 100]
        parts.append(f"{len(chunk)} beginbfchar\n".encode())
        for g, t in chunk:
            parts.append(f"<{g:04X}> <{t.encode('utf-16-be', 'surrogatepass').hex().upper()}>\n".encode())
        parts.append(b"endbfchar\n")
    return b"".join(parts)


def fix_pdf_text_map(data: bytes, aliases: dict[int, int]) -> bytes:
    """Rewrite the ToUnicode maps of a Qt-written PDF so glyphs shared by a radical and an
    ideograph extract as the ideograph (see :func:`glyph_aliases`).

    Returns ``data`` itself when nothing needs changing or the file is not laid out the way
    Qt writes PDFs (then it is left exactly as it was).
    """
    if not aliases:
        return data
    try:
        return _fix_pdf_text_map(data, aliases)
    except Exception as e:  # never lose a printout over a text-map repair
        log.warning("PDF text map not repaired: %s", e)
        return data


def _fix_pdf_text_map(data: bytes, aliases: dict[int, int]) -> bytes:
    m = re.search(rb"startxref\s+(\d+)\s+%%EOF\s*$", data)
    if not m:
        return data
    xref_at = int(m.group(1))
    xm = re.compile(rb"xref\s+0 (\d+)\s+").match(data, xref_at)
    if not xm:
        return data
    count = int(xm.group(1))
    entries = []
    pos = xm.end()
    for _ in range(count):
        entry = data[pos:pos + 20]
        em = re.match(rb"(\d{10}) (\d{5}) ([nf])", entry)
        if not em:
            return data
        entries.append([int(em.group(1)), em.group(2), em.group(3)])
        pos += 20
    table_end = pos
    to_unicode = {int(x) for x in re.findall(rb"/ToUnicode (\d+) 0 R", data)}
    edits: list[tuple[int, int, bytes]] = []
    for num in sorted(to_unicode):
        if num >= count or entries[num][2] != b"n":
            continue
        off = entries[num][0]
        om = _OBJ.match(data, off)
        if not om or int(om.group(1)) != num or b" 0 R" in om.group(0):
            continue  # indirect /Length: not how Qt writes these; leave it
        length = int(om.group(2))
        body = data[om.end():om.end() + length]
        if b"begincmap" not in body:
            continue
        mapping = _parse_cmap(body)
        if not mapping:
            continue
        changed = False
        for g, t in mapping.items():
            if len(t) == 1 and ord(t) in aliases:
                mapping[g] = chr(aliases[ord(t)])
                changed = True
        if not changed:
            continue
        first = re.search(rb"\d+\s+beginbf(range|char)", body)
        last = max(body.rfind(b"endbfrange"), body.rfind(b"endbfchar"))
        end_word = b"endbfrange" if body.rfind(b"endbfrange") == last else b"endbfchar"
        new_body = body[:first.start()] + _cmap_blocks(mapping) + body[last + len(end_word):].lstrip(b"\n")
        head = f"{num} 0 obj\n<< /Length {len(new_body)} >>\nstream\n".encode()
        edits.append((off, om.end() + length, head + new_body))
    if not edits:
        return data

    def shift(o: int) -> int:
        return o + sum(len(new) - (end - start) for start, end, new in edits if end <= o)

    out, cur = [], 0
    for start, end, new in edits:
        out.append(data[cur:start])
        out.append(new)
        cur = end
    out.append(data[cur:xref_at])
    new_xref_at = shift(xref_at)
    out.append(f"xref\n0 {count}\n".encode())
    for o, gen, kind in entries:
        out.append(f"{shift(o) if kind == b'n' else o:010d} {gen.decode()} {kind.decode()} \n".encode())
    tail = data[table_end:m.start()]
    out.append(tail)
    out.append(f"startxref\n{new_xref_at}\n%%EOF\n".encode())
    return b"".join(out)


# ---- print preview and the print dialog ---------------------------------------------------------

def _printer(options: PrintOptions) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(page_layout(options))
    printer.setCreator("Chainwatch")
    return printer


def make_print_preview(parent, summary: Summary, options: PrintOptions | None = None) -> QPrintPreviewDialog:
    """A print-preview dialog (not yet shown) with a Sections menu in its toolbar.

    ``dialog.chainwatch_options()`` gives the options as the user left them.
    """
    from PySide6.QtWidgets import QMenu, QToolBar, QToolButton

    opts = (options or load_options()).with_()
    printer = _printer(opts)
    dlg = QPrintPreviewDialog(printer, parent)
    from widgets.window_geometry import size_dialog

    size_dialog(dlg, parent, share=0.92, most=(1400, 1000))  # its whole toolbar shows, Print included
    dlg.setWindowTitle(translate("Printing", "Print preview — {title}").format(title=summary_title(summary)))
    dlg._chainwatch_printer = printer  # keep it alive as long as the dialog
    dlg._chainwatch_pages = 0

    def paint(p: QPrinter) -> None:
        dlg._chainwatch_pages = render(p, summary, opts)

    dlg.paintRequested.connect(paint)
    bar = dlg.findChild(QToolBar)
    preview = dlg.findChild(QPrintPreviewWidget)
    if bar is not None and preview is not None:
        menu = QMenu(translate("Printing", "Sections"), dlg)
        for sid, label in SECTIONS.items():
            act = menu.addAction(translate("Printing", label))
            act.setCheckable(True)
            act.setChecked(sid in opts.sections)
            act.setData(sid)

            def toggled(on: bool, sid=sid) -> None:
                cur = set(opts.sections)
                cur.add(sid) if on else cur.discard(sid)
                opts.sections = tuple(s for s in SECTIONS if s in cur)
                preview.updatePreview()
            act.toggled.connect(toggled)
        button = QToolButton(bar)
        button.setText(translate("Printing", "Sections"))
        button.setToolTip(translate("Printing", "Choose the parts of the summary to print"))
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        button.setMenu(menu)
        bar.addSeparator()
        bar.addWidget(button)
        dlg._chainwatch_sections_menu = menu

    def current() -> PrintOptions:
        return options_from_layout(printer.pageLayout(), opts)

    dlg.chainwatch_options = current
    return dlg


def show_print_preview(parent, summary: Summary, options: PrintOptions | None = None) -> int:
    """Show File > Print Preview… for the summary; remembers the options the user leaves it with.
    Returns the dialog's result (printing from the preview prints on the chosen printer)."""
    dlg = make_print_preview(parent, summary, options)
    result = dlg.exec()
    save_options(dlg.chainwatch_options())
    return result


def print_dialog(parent, summary: Summary, options: PrintOptions | None = None) -> bool:
    """File > Print…: the system print dialog, then print. Returns True if something was printed.

    Printing to a PDF file from the dialog gets the same text-map repair as :func:`export_pdf`.
    """
    opts = options or load_options()
    printer = _printer(opts)
    dlg = QPrintDialog(printer, parent)
    dlg.setWindowTitle(translate("Printing", "Print — {title}").format(title=summary_title(summary)))
    if dlg.exec() != QPrintDialog.DialogCode.Accepted:
        return False
    render(printer, summary, opts)
    out = printer.outputFileName()
    if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat and out:
        family = ensure_cjk_font()
        if family:
            path = Path(out)
            data = path.read_bytes()
            fixed = fix_pdf_text_map(data, glyph_aliases(family))
            if fixed is not data:
                path.write_bytes(fixed)
    save_options(options_from_layout(printer.pageLayout(), opts))
    return True


__all__ = ["ExportResult", "export_pdf", "fix_pdf_text_map", "glyph_aliases", "layout_summary",
           "load_options", "make_print_preview", "page_layout", "print_dialog", "render",
           "save_options", "show_print_preview", "summary_html"]
