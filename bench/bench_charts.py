"""Charts: 50 series x 5,000 bars — load from the store and draw; frame time of a pan.

    QT_QPA_PLATFORM=offscreen python bench/bench_charts.py [--series 50] [--bars 5000]

Prints medians. Targets (issue 5): load and draw under 200 ms; pan frames under 16 ms. Pan frames
also print the GUI thread's CPU time, which a loaded machine inflates less than the wall clock.
"load + draw" = PriceCache.load (SQLite -> frame) + CandleChart.set_frame + a full paint of the
chart (last 250 bars shown). A pan frame = move the x range by a few bars + a synchronous repaint
of the plot, at three zoom levels (250 bars, 1,000 bars, all 5,000 bars).
Theme basket: ``basket_index`` over all the series (from the store) + ``BasketChart`` draw; and a
pan frame of the candle chart with 40 event markers.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from app.prices.cache import PriceCache  # noqa: E402
from app.prices.providers import normalise  # noqa: E402
from app.store import Store  # noqa: E402


def gen(code: str, n: int, seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    dates = pd.bdate_range(end="2026-02-27", periods=n)
    close = 50 * np.exp(np.cumsum(rng.normal(0, 0.02, n)))
    open_ = close * np.exp(rng.normal(0, 0.005, n))
    high = np.maximum(open_, close) * (1 + np.abs(rng.normal(0, 0.005, n)))
    low = np.minimum(open_, close) * (1 - np.abs(rng.normal(0, 0.005, n)))
    vol = rng.integers(1_000, 90_000, n) * 100.0
    return normalise(pd.DataFrame({"date": dates, "open": open_, "high": high, "low": low, "close": close,
                                   "volume": vol, "amount": vol * close}), code=code, adjustment="qfq")


def med_ms(xs: list[float]) -> str:
    return f"{statistics.median(xs) * 1e3:.1f} ms"


def cpu_ms(xs: list[float]) -> str:
    """The GUI thread's CPU time (what a shared machine's load does not inflate)."""
    return f"CPU median {statistics.median(xs) * 1e3:.1f}, p90 {np.percentile(xs, 90) * 1e3:.1f} ms"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--series", type=int, default=50)
    ap.add_argument("--bars", type=int, default=5000)
    ap.add_argument("--pans", type=int, default=60)
    a = ap.parse_args()
    app = QApplication.instance() or QApplication([])
    from widgets.charts import CandleChart, RelativePerformanceChart

    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(Path(tmp) / "bench.sqlite")
        cache = PriceCache(store)
        codes = [f"{600000 + i:06d}.SH" for i in range(a.series)]
        t = time.perf_counter()
        for i, c in enumerate(codes):
            cache.write(gen(c, a.bars, i), "bench")
        took = time.perf_counter() - t
        print(f"setup: wrote {a.series} x {a.bars} bars in {took:.2f} s ({a.series * a.bars / took:,.0f} bars/s)")

        chart = CandleChart()
        chart.resize(1200, 700)
        chart.show()
        app.processEvents()
        load, draw, total = [], [], []
        for c in codes:
            t0 = time.perf_counter()
            frame = cache.load(c)
            t1 = time.perf_counter()
            chart.set_frame(frame, title=c, show_last=250)
            app.processEvents()
            chart.glw.viewport().repaint()
            t2 = time.perf_counter()
            load.append(t1 - t0)
            draw.append(t2 - t1)
            total.append(t2 - t0)
        assert len(frame) == a.bars
        print(f"candles, {a.series} series x {a.bars} bars: load {med_ms(load)}, set_frame + paint "
              f"{med_ms(draw)}, load + draw {med_ms(total)} (median; max {max(total) * 1e3:.1f} ms)")

        n = a.bars
        for span in (250, 1000, n):
            i0 = max(0, n - span - a.pans * 3) if span < n else 0
            chart.set_x_range(i0 - 0.5, i0 + span - 0.5)
            app.processEvents()
            chart.glw.viewport().repaint()
            frames, cpu = [], []
            for k in range(1, a.pans + 1):
                t0, c0 = time.perf_counter(), time.thread_time()
                shift = 3 * k if span < n else (k % 7) - 3
                chart.set_x_range(i0 + shift - 0.5, i0 + shift + span - 0.5)
                chart.glw.viewport().repaint()        # one synchronous paint of the plots
                frames.append(time.perf_counter() - t0)
                cpu.append(time.thread_time() - c0)
                app.processEvents()                   # (untimed) let queued updates drain
            before = {250: "14.9", 1000: "12.3"}.get(span, "19.0")
            print(f"pan frame, {span} bars visible: median {med_ms(frames)} "
                  f"(p90 {np.percentile(frames, 90) * 1e3:.1f} ms; {cpu_ms(cpu)}; target p90 < 16 ms; "
                  f"before issue 13's candle work: p90 {before} ms)")

        rel = RelativePerformanceChart()
        rel.resize(1200, 600)
        rel.show()
        app.processEvents()
        times = []
        for k in range(5):
            t0 = time.perf_counter()
            f = cache.load_many(codes[k * 10:(k + 1) * 10])
            rel.set_frame(f, benchmark=codes[k * 10], range_key="All")
            app.processEvents()
            rel.plot_widget.viewport().repaint()
            times.append(time.perf_counter() - t0)
        print(f"relative performance, 10 series x {a.bars} bars, load + draw (All): median {med_ms(times)} "
              "(target < 100 ms; previous: 189 ms idle; before issue 10: 257-296 ms)")

        # theme basket: an equal-weight index of all the series against the first one
        from app.prices.basket import basket_index
        from widgets.charts.basket import BasketChart

        basket = BasketChart()
        basket.resize(1200, 600)
        basket.show()
        app.processEvents()
        import app.prices.basket as basket_mod

        compute, warm, draw = [], [], []
        for k in range(14):
            basket_mod._memo.clear()                  # cold: every series read from SQLite
            t0 = time.perf_counter()
            bf = basket_index(store, codes, codes[0], rebalance="daily" if k % 2 == 0 else "monthly")
            t1 = time.perf_counter()
            basket_index(store, codes, codes[0])
            warm.append(time.perf_counter() - t1)     # again: unchanged series come from memory
            t1 = time.perf_counter()
            basket.set_data(bf, title="bench basket", benchmark_label=codes[0], range_key="All")
            app.processEvents()
            basket.plot_widget.viewport().repaint()
            basket.count_widget.viewport().repaint()
            t2 = time.perf_counter()
            if k % 2 == 0:
                compute.append(t1 - t0)
                draw.append(t2 - t1)
        assert len(bf) == a.bars and int(bf["members_count"].max()) == a.series
        cold = [c + d for c, d in zip(compute, draw)]
        print(f"theme basket, {a.series} members x {a.bars} bars: compute from the store {med_ms(compute)} "
              f"(again, series unchanged: {med_ms(warm)}), set_data + paint {med_ms(draw)}; cold total "
              f"{med_ms(cold)} (median; target cold < 150 ms; previous: 87.8 + 85.1 = 172.9 ms idle; before "
              "issue 10: 360-470 ms)")
        from app.prices.basket import equal_weight
        mat = np.column_stack([gen(c, a.bars, i)["close"].to_numpy() for i, c in enumerate(codes)])
        ts = []
        for _ in range(9):
            t0 = time.perf_counter()
            equal_weight(mat, "daily")
            ts.append(time.perf_counter() - t0)
        print(f"  of which the index math ({a.bars} x {a.series} matrix): {med_ms(ts)}")

        # events on the candle chart: 40 markers, pan frame with them
        from app.prices.events import ChartEvent
        frame = cache.load(codes[0])
        chart.set_frame(frame, title=codes[0], show_last=250)
        days = frame["date"].iloc[::125]
        chart.set_events([ChartEvent(d.date(), f"Event label {i}", "product") for i, d in enumerate(days)])
        n = a.bars
        i0 = n - 250 - a.pans * 3
        chart.set_x_range(i0 - 0.5, i0 + 249.5)
        app.processEvents()
        frames, cpu = [], []
        for k in range(1, a.pans + 1):
            t0, c0 = time.perf_counter(), time.thread_time()
            chart.set_x_range(i0 + 3 * k - 0.5, i0 + 3 * k + 249.5)
            chart.glw.viewport().repaint()
            frames.append(time.perf_counter() - t0)
            cpu.append(time.thread_time() - c0)
            app.processEvents()
        print(f"pan frame with {len(chart.event_marks)} event markers, 250 bars visible: median {med_ms(frames)} "
              f"(p90 {np.percentile(frames, 90) * 1e3:.1f} ms; {cpu_ms(cpu)}; target p90 < 16 ms; "
              "before issue 13's candle work: "
              "33.6 ms median, 47.7 ms p90; before issue 10: 20 ms median, 35 ms p90)")
        basket.close()
        store.close()
        chart.close()
        rel.close()
        del chart, rel, basket
        app.processEvents()


if __name__ == "__main__":
    main()
