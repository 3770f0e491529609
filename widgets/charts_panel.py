"""The charts dock: candles for the selection, relative performance, theme basket, report figures.

The candles' period (day / week / month) and scale (linear / log) are remembered; the relative
chart's benchmark is picked in the tab bar's corner (an index or any code of the watchlist).
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QTabWidget, QVBoxLayout, QWidget

from widgets.i18n import QT_TRANSLATE_NOOP as _N  # noqa: N814
from widgets.i18n import tr, translate

# The candles' price view (app.prices.cache.VIEWS); returns, relative and baskets always use total return.
CANDLE_VIEWS = (("qfq", _N("ChartsPanel", "Forward-adjusted (qfq)")), ("none", _N("ChartsPanel", "As printed (raw)")),
                ("hfq", _N("ChartsPanel", "Backward-adjusted (hfq)")))
# the candles' price view, short (the caption after the title)
VIEW_SHORT = {"qfq": _N("ChartsPanel", "qfq"), "hfq": _N("ChartsPanel", "hfq"), "none": _N("ChartsPanel", "raw")}
# the tabs (attribute of ChartsPanel -> title)
TAB_TITLES = {"candles": _N("ChartsPanel", "Candles"), "relative": _N("ChartsPanel", "Relative"),
              "basket": _N("ChartsPanel", "Theme basket"), "figures": _N("ChartsPanel", "Report figures")}
# The relative chart's benchmark choices before the watchlist's codes ("" = by market)
BENCHMARK_CHOICES = ("", "000300.SH", "HSI.HI", "HSTECH.HI")
# QSettings keys
PERIOD_KEY, LOG_KEY, BENCHMARK_KEY = "charts/candlePeriod", "charts/candleLog", "charts/relativeBenchmark"


def localise_events(kb, events: list) -> list:
    """The chart events in the interface's language: a report's flag by its publisher in the script,
    the KB's event kinds (listing, offer price, results) translated; notes stay as the KB writes them."""
    from app import labels
    from app.prices.events import _publisher
    from widgets.i18n import current_script

    sc = current_script()
    out = []
    for e in events:
        label = e.label
        if e.kind == "report" and getattr(e, "report", "") and e.report in kb.reports:
            r = kb.reports[e.report]
            pub = labels.publisher_label(r, sc) if sc != "en" else _publisher(r)
            pub = pub if len(pub) <= 16 else pub[:15] + "…"
            label = translate("ChartsPanel", "Report · {publisher}").format(publisher=pub) \
                + (" " + translate("ChartsPanel", "[AI]") if r.ai_compiled else "")
        elif label == "Listing":
            label = translate("ChartsPanel", "Listing")
        elif label == "Offer price":
            label = translate("ChartsPanel", "Offer price")
        elif label == "Results":
            label = translate("ChartsPanel", "Results")
        elif label.startswith("Offer "):
            label = translate("ChartsPanel", "Offer {price}").format(price=label[len("Offer "):])
        elif label.startswith("Results: "):
            label = translate("ChartsPanel", "Results: {note}").format(note=label[len("Results: "):])
        out.append(e._replace(label=label) if label != e.label else e)
    return out


class ChartsPanel(QWidget):
    """Tabs of charts that follow the desk's selection. Charts are built lazily (pyqtgraph loads on first use)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("chartTabs")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.tabs)
        self.desk = None
        self.script = "en"   # the names' script of the knowledge base's event notes on the candles (hans, hant, en)
        self.candles = self.relative = self.basket = self.figures = None
        self._codes: list[str] = []
        self._basket: tuple[str, list[str]] | None = None
        self._unlisted: tuple[str, ...] = ()
        self._built = False
        self.tabs.currentChanged.connect(lambda _: self._refresh_current())
        self.view_box = QComboBox()
        self.view_box.setObjectName("candleView")
        self.view_box.setToolTip(self.tr("Candle prices. Returns, relative charts and baskets use total return "
                                         "(dividends and splits adjusted multiplicatively)."))
        for key, label in CANDLE_VIEWS:
            self.view_box.addItem(tr(label), key)
        self._retranslate_views()
        self.view_box.currentIndexChanged.connect(lambda _: self._refresh_current())
        self.bench_box = QComboBox()
        self.bench_box.setObjectName("relativeBenchmark")
        self.bench_box.setToolTip(self.tr("Benchmark of the relative chart: an index, or any code of the watchlist"))
        self._bench_codes: list[str] = []
        self._fill_benchmarks(self._stored_benchmark())
        self.bench_box.currentIndexChanged.connect(lambda _: self._benchmark_picked())
        corner = QWidget()
        row = QHBoxLayout(corner)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        row.addWidget(self.bench_box)
        row.addWidget(self.view_box)
        self.bench_box.hide()
        self.tabs.setCornerWidget(corner)

    def build(self, desk) -> None:
        """Create the chart widgets (imports pyqtgraph); called once the desk is loaded."""
        from widgets.charts.candles import CandleChart
        from widgets.charts.relative import RelativePerformanceChart

        self.desk = desk
        self.candles = CandleChart()
        self._restore_candle_settings()
        self.relative = RelativePerformanceChart()
        self.tabs.addTab(self.candles, tr(TAB_TITLES["candles"]))
        self.tabs.addTab(self.relative, tr(TAB_TITLES["relative"]))
        try:
            from widgets.charts.basket import BasketChart
            self.basket = BasketChart()
            self.tabs.addTab(self.basket, tr(TAB_TITLES["basket"]))
        except ImportError:  # pragma: no cover - feature not in this build
            self.basket = None
        try:
            from widgets.charts.figures import ReportFiguresPanel
            self.figures = ReportFiguresPanel(desk.kb)
            self.tabs.addTab(self.figures, tr(TAB_TITLES["figures"]))
        except ImportError:  # pragma: no cover
            self.figures = None
        self._built = True
        self._refresh_current()

    def export_current_png(self, path: str) -> bool:
        """Save the chart on the current tab as PNG."""
        w = self.tabs.currentWidget()
        if w is not None and hasattr(w, "export_png"):
            return bool(w.export_png(path))
        return bool(w.grab().save(path)) if w is not None else False

    # ---- what to show
    def show_codes(self, codes: list[str]) -> None:
        self._codes = [c for c in codes if c][:8]
        self._refresh_current()

    def show_basket(self, title: str, codes: list[str], unlisted: tuple[str, ...] = ()) -> None:
        self._basket = (title, list(codes))
        self._unlisted = tuple(unlisted)
        self._refresh_current()

    def refresh_all(self) -> None:
        self._refresh_current()

    # ---- language
    def _retranslate_views(self) -> None:
        for i, (_key, label) in enumerate(CANDLE_VIEWS):
            self.view_box.setItemText(i, tr(label))
        self.view_box.setToolTip(self.tr("Candle prices. Returns, relative charts and baskets use total return "
                                         "(dividends and splits adjusted multiplicatively)."))
        self.retitle_tabs()

    def retitle_tabs(self) -> None:
        """The tabs' titles in the current language (View > Language switches them live)."""
        for key, title in TAB_TITLES.items():
            w = getattr(self, key, None)
            i = self.tabs.indexOf(w) if w is not None else -1
            if i >= 0:
                self.tabs.setTabText(i, tr(title))

    def changeEvent(self, e) -> None:
        from PySide6.QtCore import QEvent

        if e.type() == QEvent.Type.LanguageChange:   # a translator installed or removed: View > Language
            self._retranslate_views()
        super().changeEvent(e)

    # ---- candle settings and the relative chart's benchmark
    def _restore_candle_settings(self) -> None:
        from app.prices.periods import PERIODS
        from widgets.common import settings

        s = settings()
        period = str(s.value(PERIOD_KEY, "day"))
        self.candles.set_period(period if period in PERIODS else "day")
        self.candles.set_log(str(s.value(LOG_KEY, "false")).lower() in ("true", "1"))
        self.candles.periodChanged.connect(lambda p: settings().setValue(PERIOD_KEY, p))
        self.candles.logChanged.connect(lambda on: settings().setValue(LOG_KEY, bool(on)))

    @staticmethod
    def _stored_benchmark() -> str:
        from widgets.common import settings

        return str(settings().value(BENCHMARK_KEY, "") or "")

    def benchmark(self) -> str:
        """The benchmark picked for the relative chart ("" = Hang Seng TECH for Hong Kong, CSI 300 otherwise)."""
        return str(self.bench_box.currentData() or "")

    def set_benchmark(self, code: str) -> None:
        """Pick the relative chart's benchmark: an index code, a code of the watchlist, or "" (by market)."""
        if self.bench_box.findData(code) < 0:
            self._fill_benchmarks(code)
        self.bench_box.setCurrentIndex(self.bench_box.findData(code))

    def set_benchmark_codes(self, codes: list[str]) -> None:
        """The watchlist's codes offered as benchmarks after the indices."""
        codes = [c for c in dict.fromkeys(codes) if c and c not in BENCHMARK_CHOICES and not c.endswith(".US")]
        if codes != self._bench_codes:
            self._bench_codes = codes
            self._fill_benchmarks(self.benchmark())

    def _fill_benchmarks(self, keep: str) -> None:
        from app.prices.symbols import BENCHMARKS

        box = self.bench_box
        box.blockSignals(True)
        box.clear()
        box.addItem(self.tr("Benchmark: by market"), "")
        box.setItemData(0, self.tr("Hang Seng TECH for Hong Kong listings, CSI 300 otherwise"),
                        Qt.ItemDataRole.ToolTipRole)
        for code in BENCHMARK_CHOICES[1:]:
            b = BENCHMARKS[code]
            box.addItem(self.tr("vs {name}").format(name=b.name_en), code)
        codes = list(self._bench_codes)
        if keep and keep not in BENCHMARK_CHOICES and keep not in codes:
            codes.append(keep)                  # a code of another list stays picked
        if codes:
            box.insertSeparator(box.count())
        for code in codes:
            box.addItem(self.tr("vs {code}").format(code=f"{code} {self._name(code)}".strip()), code)
        i = box.findData(keep)
        box.setCurrentIndex(i if i >= 0 else 0)
        box.blockSignals(False)

    def _benchmark_picked(self) -> None:
        from widgets.common import settings

        settings().setValue(BENCHMARK_KEY, self.benchmark())
        if self._built and self.tabs.currentWidget() is self.relative:
            self._draw_relative()

    def _refresh_current(self) -> None:
        w = self.tabs.currentWidget()
        self.view_box.setVisible(w is None or w is self.candles)
        self.bench_box.setVisible(w is not None and w is self.relative)
        if not self._built or not self.desk:
            return
        if w is self.candles:
            self._draw_candles()
        elif w is self.relative:
            self._draw_relative()
        elif self.basket is not None and w is self.basket:
            self._draw_basket()

    def _name(self, code: str) -> str:
        from app.prices.symbols import BENCHMARKS
        if code in BENCHMARKS:
            return BENCHMARKS[code].name_zh
        if self.desk is None:
            return ""
        c = self.desk.kb.company(code)
        sec = self.desk.universe.get(code)
        return c.name_zh_hans if c else (sec.name_zh_hans if sec else code)

    def _draw_candles(self) -> None:
        from app.prices.service import series
        if not self._codes:
            self.candles.set_frame(None, title=translate("ChartsPanel", "Select a company"))
            return
        code = self._codes[0]
        view = self.view_box.currentData() or "qfq"
        frame = series(self.desk.store, code, view)
        self.candles.set_frame(frame, title=f"{code} {self._name(code)}{self._caption(code, frame, view)}",
                               code=code)
        if hasattr(self.candles, "set_events") and len(frame):
            try:
                from app.prices.events import events_for
                self.candles.set_events(localise_events(self.desk.kb, events_for(self.desk.kb, code,
                                                                                  script=self.script)))
            except ImportError:  # pragma: no cover
                pass

    def _caption(self, code: str, frame, view: str) -> str:
        """' · to 2026-01-26 · qfq · eastmoney': the cached data's date, view and sources."""
        if frame is None or not len(frame):
            return ""
        from app.prices.cache import PriceCache
        runs = PriceCache(self.desk.store).series_info(code)
        srcs = ", ".join(dict.fromkeys(r["source"] for r in runs))
        shown = frame["adjustment"].iloc[0]
        shown = tr(VIEW_SHORT.get(shown, shown))
        return " · " + translate("ChartsPanel", "to {date}").format(date=frame["date"].iloc[-1].date()) \
            + f" · {shown} · {srcs}"

    def _draw_relative(self) -> None:
        import pandas as pd

        from app.prices.service import series
        from app.prices.symbols import benchmark_for
        if not self._codes:
            self.relative.set_frame(None)
            return
        bench = self.benchmark() or benchmark_for(self._codes[0])
        codes = [c for c in self._codes if c != bench]
        if not codes:                       # the stock picked as benchmark is the one shown: by market
            bench, codes = benchmark_for(self._codes[0]), list(self._codes)
        wanted = list(dict.fromkeys([*codes, bench]))
        frames = [series(self.desk.store, c) for c in wanted]
        frames = [f for f in frames if len(f)]
        frame = pd.concat(frames, ignore_index=True) if frames else None
        names = {c: self._name(c) for c in wanted}  # the chart prefixes the code
        self.relative.set_frame(frame, benchmark=bench, names=names, codes=wanted)

    def _draw_basket(self) -> None:
        if not self._basket:
            return
        from app.prices.basket import basket_index
        from app.prices.symbols import BENCHMARKS, benchmark_for
        title, codes = self._basket
        listed = [c for c in codes if not c.endswith(".US")]
        if not listed:
            self.basket.set_data(None, title, "")
            return
        hk = sum(c.endswith(".HK") for c in listed)
        bench = "HSTECH.HI" if hk > len(listed) / 2 else benchmark_for(listed[0])
        frame = basket_index(self.desk.store, listed, bench)
        names = {c: self._name(c) for c in listed}
        self.basket.set_data(frame, title, BENCHMARKS[bench].name_en, unlisted=self._unlisted, names=names)


class Charts:
    """The charts dock. Its charts (and pyqtgraph) are built the first time the dock is shown."""

    def __init__(self, win):
        from PySide6.QtCore import Qt

        from widgets.i18n import QT_TRANSLATE_NOOP

        self.win = win
        self.charts = win.charts = ChartsPanel()
        self.dock = win.dock_charts = win.add_dock(QT_TRANSLATE_NOOP("Charts", "Charts"), "dockCharts", self.charts,
                                                   Qt.DockWidgetArea.BottomDockWidgetArea)
        if getattr(win, "dock_chain", None) is not None:
            win.tabifyDockWidget(win.dock_chain, self.dock)
            win.dock_chain.raise_()
        self.seen = False   # the dock is on screen (not behind the chain tab, not closed)
        self.dock.visibilityChanged.connect(self._visibility)
        tip = QT_TRANSLATE_NOOP("Charts", "Save the chart on the Charts dock's current tab")
        win.act_chart_png = win.add_action(QT_TRANSLATE_NOOP("Charts", "Export chart as &PNG…"), self.export_chart_png,
                                           None, tip, "prices")
        win.codesSelected.connect(lambda _codes: self.follow())
        self.charts.script = getattr(win, "script", "en")
        win.scriptChanged.connect(self._script)
        win.row_menu_hooks.append(self._row_menu)

    def retranslate(self) -> None:   # MainWindow.retranslate, after View > Language
        self.charts.retitle_tabs()
        self.charts._retranslate_views()

    def _script(self, script: str) -> None:
        """The names' script changed: the candles' event notes follow it (redrawn when on screen)."""
        self.charts.script = script
        if self.seen and self.charts._built and self.charts.tabs.currentWidget() is self.charts.candles:
            self.charts._refresh_current()

    def _visibility(self, vis: bool) -> None:
        self.seen = bool(vis)
        if vis:
            self.follow()

    def ensure_built(self) -> bool:
        if not self.charts._built and self.win.desk is not None:
            self.charts.build(self.win.desk)
        return self.charts._built

    def follow(self) -> None:
        win = self.win
        if not win.desk or not self.seen or not self.dock.isVisible():
            return  # hidden (or behind the chain tab): nothing to build or draw
        self.ensure_built()
        codes = win.selected_codes()
        if codes:
            self.charts.show_codes(codes)
        wl = win.current_watchlist()
        if wl is not None:
            self.charts.set_benchmark_codes(list(wl.codes))
        if not (win.screen_filter and win.screen_filter.theme):
            if wl is not None:
                self.charts.show_basket(translate("Charts", "Watchlist {name}").format(name=wl.name), wl.codes)

    _charts_follow = follow

    def show_basket(self, title: str, codes: list[str], unlisted: tuple[str, ...] = ()) -> None:
        self.charts.show_basket(title, codes, unlisted)

    def chart_codes(self, codes: list[str]) -> None:
        self.dock.show()
        self.dock.raise_()
        self.ensure_built()
        if self.charts.candles is not None:
            self.charts.tabs.setCurrentWidget(self.charts.candles)
        self.charts.show_codes(codes)

    def _row_menu(self, menu, codes: list[str]) -> None:
        a = menu.addAction(translate("Charts", "C&hart it"))
        a.triggered.connect(lambda _=False, cs=list(codes): self.chart_codes(cs))

    def export_chart_png(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        win = self.win
        self.dock.show()
        self.dock.raise_()
        if not self.ensure_built():
            return
        name = self.charts.tabs.tabText(self.charts.tabs.currentIndex()).replace(" ", "-").lower()
        key = next((k for k in TAB_TITLES if getattr(self.charts, k, None) is self.charts.tabs.currentWidget()), name)
        path, _ = QFileDialog.getSaveFileName(win, translate("Charts", "Export chart"), f"chart-{key}.png",
                                              translate("Charts", "PNG image (*.png)"))
        if not path:
            return
        if not path.lower().endswith(".png"):
            path += ".png"
        ok = self.charts.export_current_png(path)
        win.statusBar().showMessage((translate("Charts", "Saved {path}") if ok else
                                     translate("Charts", "Could not write {path}")).format(path=path), 6000)


def install(win) -> Charts:
    f = Charts(win)
    win.features["charts"] = f
    return f
