"""Prices: refresh (F5) in a worker with progress and cancel, import a price file, the price columns."""

from __future__ import annotations

import logging
import re
from collections import Counter

from PySide6.QtWidgets import QMessageBox

from widgets.table_model import COLUMNS
from widgets.workers import Task
from widgets.i18n import translate
from widgets.i18n import QT_TRANSLATE_NOOP as _N  # noqa: N814

log = logging.getLogger(__name__)

_NETWORK = re.compile(r"no connection|timeout|did not answer|name resolution|unreachable|offline", re.I)


STATUS_REASON_CHARS = 90  # a reason in the status bar is cut here (the whole one is in the dialog)


def _reason(r) -> str:
    """The reason of one failed refresh, without the code in front and the source behind;
    sources skipped as unreachable are named together ("Eastmoney, Tencent unreachable")."""
    msg = r.message or r.status
    msg = re.sub(rf"^{re.escape(r.code)}:\s*", "", msg)
    msg = re.sub(r"\s*\([\w.]+\)$", "", msg).strip()
    parts = [x.strip() for x in msg.split(";")]
    down = [x[: -len(" unreachable")] for x in parts if x.endswith(" unreachable") and " " not in x[:-12]]
    if len(down) > 1:
        rest = [x for x in parts if x[: -len(" unreachable")] not in down]
        msg = "; ".join([f"{', '.join(down)} unreachable", *rest])
    return msg


def _cut(text: str, n: int = STATUS_REASON_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1].rstrip(" ;,.") + "…"


def failure_summary(bad: list, total: int, unreachable: str = "") -> tuple[str, str]:
    """(headline, advice) for failed codes: the reason first, the count after. ``unreachable``:
    the sources given up on with their reasons (:meth:`RefreshReport.unreachable`)."""
    reasons = Counter(_reason(r) for r in bad)
    top, n_top = reasons.most_common(1)[0]
    offline = sum(n for reason, n in reasons.items() if _NETWORK.search(reason))
    if offline == len(bad) and unreachable:
        head = translate("Prices", "No network connection — unreachable: {sources}.").format(sources=unreachable)
        advice = translate("Prices", "Check the connection (or a proxy / firewall) and press F5 again.")
    elif offline == len(bad):
        head = translate("Prices", "No network connection: the price source could not be reached ({reason}).").format(
            reason=top
        )
        advice = translate("Prices", "Check the connection (or a proxy / firewall) and press F5 again.")
    elif n_top == len(bad):
        head = translate("Prices", "The price source failed: {reason}.").format(reason=top)
        advice = translate("Prices", "Try again later, or import a price file (Prices > Import price history…).")
    else:
        head = translate("Prices", "The price source failed for {n} code(s), mostly: {reason}.").format(
            n=len(bad), reason=top
        )
        advice = translate(
            "Prices", "Details below; try again later, or import a price file (Prices > Import price history…)."
        )
    return head, translate("Prices", "{n} of {total} code(s) not updated; their cached prices are kept.").format(
        n=len(bad), total=total
    ) + f" {advice}"


class Prices:
    def __init__(self, win):
        self.win = win
        win.price_lookup = None
        self._asof: dict = {}
        self._refresh_task: Task | None = None
        act = win.add_action
        m = win.menus["prices"]
        win.act_refresh = act(
            _N("Prices", "&Refresh prices"),
            self.refresh_prices,
            "F5",
            _N("Prices", "Download missing daily bars for this list and the benchmarks"),
            m,
        )
        win.act_refresh_all = act(
            _N("Prices", "Refresh &all watchlists"), lambda: self.refresh_prices(all_lists=True), "Shift+F5", menu=m
        )
        win.act_cancel = act(_N("Prices", "&Cancel download"), self.cancel_refresh, None, menu=m)
        win.act_cancel.setEnabled(False)
        m.addSeparator()
        win.act_import_prices = act(
            _N("Prices", "&Import price history…"),
            self.import_prices,
            None,
            _N("Prices", "Import a CSV/xlsx of daily prices (Wind, Choice, Yahoo, akshare)"),
            m,
        )
        m.addSeparator()
        self._first = True
        win.viewReloaded.connect(self._view_reloaded)

    def _view_reloaded(self) -> None:
        codes = [r.code for r in self.win.model.rs.rows]
        if self._first:
            # the first fill waits for the live table's first paint (its worker imports pandas)
            from widgets.common import after_first_paint

            self._first = False
            after_first_paint(
                self.win.table.viewport(),
                lambda: self.fill_prices([r.code for r in self.win.model.rs.rows]),
                delay_ms=50,
                fallback_ms=1500,
            )
            return
        self.fill_prices(codes)

    def _charts(self):
        f = self.win.features.get("charts")
        return f.charts if f is not None else None

    def fill_prices(self, codes: list[str]) -> None:
        """Price columns from the cache, computed in a worker; columns appear once prices exist."""
        win = self.win
        if not win.desk or not codes:
            return
        store = win.desk.store

        def work():
            from app.prices.service import price_metrics, table_prices

            table = table_prices(store, codes)
            if not table:
                return {}, {}
            m = price_metrics(store, list(table))
            asof = {c: d for c, d in zip(m.index, m["last_date"])}
            return table, asof

        task = Task(work)
        task.signals.done.connect(lambda res: self._prices_ready(*res))
        task.signals.failed.connect(lambda e, tb: log.warning("price metrics failed: %s", e))
        win._tasks = [t for t in win._tasks if not getattr(t, "_done", False)] + [task]
        task.start()

    _fill_prices = fill_prices

    def _prices_ready(self, table: dict, asof: dict) -> None:
        import shiboken6

        win = self.win
        if not shiboken6.isValid(win) or not shiboken6.isValid(win.model):
            return  # the window closed while the worker read the prices
        if not table:
            return
        win._prices.update(table)
        self._asof.update(asof)
        model = win.model
        for r in model.rs.rows:
            if r.code in table:
                r.prices = table[r.code]
        model._keys.clear()
        if model.rowCount():
            model.dataChanged.emit(model.index(0, 0), model.index(model.rowCount() - 1, len(COLUMNS) - 1))
        if not model.show_prices:
            model.show_prices = True
            for i, c in enumerate(COLUMNS):
                if c.group == "price" and c.visible:
                    win.table.setColumnHidden(i, False)

        def lookup(code: str):
            p = win._prices.get(code)
            if not p:
                return None
            return p.get("last"), p.get("change_pct"), self._asof.get(code)

        win.price_lookup = lookup
        from PySide6.QtCore import QTimer

        QTimer.singleShot(0, win.save_snapshot)  # the next start shows these prices at once

    def refresh_prices(self, all_lists: bool = False) -> None:
        win = self.win
        if not win.desk:
            return
        if self._refresh_task is not None:
            win.statusBar().showMessage(
                translate("Prices", "A download is already running (Prices > Cancel download)."), 4000
            )
            return
        from app.prices.symbols import BENCHMARKS

        if all_lists:
            codes = None
        else:
            sel = win.selected_codes()
            rows = sel if len(sel) > 1 else win.proxy.codes(range(win.proxy.rowCount()))
            codes = [c for c in rows if not c.endswith(".US")] + list(BENCHMARKS)
        store = win.desk.store
        failed: list = []

        def work(progress, cancelled):
            from app.prices.service import refresh

            def prog(d, t, r=None):
                if r is not None and r.status == "error":
                    failed.append(r)
                progress(d, t)

            return refresh(store, codes, progress=prog, cancelled=cancelled)

        task = Task(work, with_progress=True)
        self._refresh_task = task
        win.act_cancel.setEnabled(True)
        win.progress.setRange(0, 0)
        win.progress.setStyleSheet("")
        win.progress.setFormat(translate("Prices", "%v of %m"))
        win.progress.show()
        win.statusBar().showMessage(translate("Prices", "Downloading prices… (Prices > Cancel download)"))

        def prog(d, t):
            win.progress.setRange(0, max(t, 1))
            win.progress.setValue(d)
            if failed:
                reason = _cut(_reason(failed[-1]))
                if len(failed) == d:  # nothing has come through yet: say so, do not look like a download
                    win.progress.setStyleSheet("QProgressBar::chunk { background: #c62828; }")
                    win.progress.setFormat(translate("Prices", "{n} failed").format(n=len(failed)))
                win.statusBar().showMessage(
                    translate("Prices", "Downloading prices… {done} of {total} — {n} failed: {reason}").format(
                        done=d, total=t, n=len(failed), reason=reason
                    )
                )
            else:
                win.statusBar().showMessage(
                    translate("Prices", "Downloading prices… {done} of {total}").format(done=d, total=t)
                )

        task.signals.progress.connect(prog)
        task.signals.done.connect(self._refresh_done)
        task.signals.failed.connect(lambda e, tb: self._refresh_done([], error=e))
        win._tasks.append(task)
        task.start()

    def cancel_refresh(self) -> None:
        if self._refresh_task is not None:
            self._refresh_task.cancel()
            self.win.statusBar().showMessage(translate("Prices", "Cancelling after the current code…"))

    def _refresh_done(self, results, error: BaseException | None = None) -> None:
        win = self.win
        self._refresh_task = None
        win.act_cancel.setEnabled(False)
        win.progress.hide()
        win.progress.setStyleSheet("")
        win.progress.setFormat("%p%")
        if error is not None:
            QMessageBox.warning(
                win,
                translate("Prices", "Prices"),
                translate("Prices", "The download failed; cached prices are kept.") + f"\n\n{error}",
            )
            return
        ok = [r for r in results if r.ok]
        bad = [r for r in results if r.status == "error"]
        cancelled = [r for r in results if r.status == "cancelled"]
        added = sum(r.rows_added for r in ok)
        # the full reasons (hosts, how many times) go to the dialog's details, never the status bar
        notices = list(getattr(results, "notices", []))  # "Eastmoney unreachable (offline or blocked): …"
        unreachable = results.unreachable() if hasattr(results, "unreachable") else ""
        if added:
            msg = translate("Prices", "Prices: {n} updated (+{bars} bars)").format(n=len(ok), bars=added)
        else:
            msg = translate("Prices", "Prices: {n} updated").format(n=len(ok))
        if cancelled:
            msg += translate("Prices", ", {n} cancelled").format(n=len(cancelled))
        if bad:
            head, detail = failure_summary(bad, len(results), unreachable)
            asof = max((r.cached_last for r in bad if getattr(r, "cached_last", None)), default=None)
            if asof:
                detail += translate("Prices", " Cached prices run to {date}.").format(date=asof)
            msg += translate("Prices", ", {n} failed — cached data kept").format(n=len(bad)) + (
                translate("Prices", " (to {date})").format(date=asof) if asof else ""
            )
            if not unreachable:
                msg += f" — {_cut(head)}"
        if unreachable:
            # one line: each source given up on named once, with its reason in a few words
            msg += " — " + translate("Prices", "unreachable: {sources}").format(sources=_cut(unreachable))
        win.statusBar().showMessage(msg, 10000)
        if bad:
            box = QMessageBox(QMessageBox.Icon.Warning, translate("Prices", "Prices"), head, parent=win)
            box.setObjectName("pricesFailed")
            box.setInformativeText(detail)
            box.setDetailedText("\n".join([*notices, *([""] if notices else []), *(r.line() for r in bad)]))
            box.open()
        self.fill_prices(win.model_codes())
        charts = self._charts()
        if charts is not None:
            charts.refresh_all()

    def import_prices(self) -> None:
        win = self.win
        if not win.desk:
            return
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getOpenFileName(
            win,
            translate("Prices", "Import price history"),
            "",
            translate("Prices", "Price files (*.csv *.txt *.tsv *.xlsx *.xlsm *.xls *.ods);;All files (*)"),
        )
        if not path:
            return
        store = win.desk.store

        def work():
            from app.prices.service import import_file

            return import_file(store, path)

        def done(report):
            lines = [r.line() for r in report.results]
            win.statusBar().showMessage(
                translate("Prices", "Imported prices for {n} code(s) from {path}").format(n=len(lines), path=path), 8000
            )
            QMessageBox.information(
                win,
                translate("Prices", "Import price history"),
                "\n".join(lines[:30]) or translate("Prices", "No rows."),
            )
            self.fill_prices(win.model_codes())
            charts = self._charts()
            if charts is not None:
                charts.refresh_all()

        def failed(e):
            QMessageBox.warning(
                win,
                translate("Prices", "Import price history"),
                translate("Prices", "Nothing was imported.") + f"\n\n{e}",
            )

        from widgets.workers import run_with_progress

        run_with_progress(win, translate("Prices", "Importing {path}…").format(path=path), work, done, failed)


def install(win) -> Prices:
    f = Prices(win)
    win.features["prices"] = f
    return f
