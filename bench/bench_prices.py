"""Price cache and desk metrics: write N series, then time price_metrics (load + compute).

    python bench/bench_prices.py [--codes 500] [--bars 1250] [--repeat 7]

Prints medians. Targets: metrics for 500 codes "well under 100 ms".
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.prices.cache import PriceCache  # noqa: E402
from app.prices.providers import normalise  # noqa: E402
from app.prices.service import compute_metrics, price_metrics  # noqa: E402
from app.store import Store  # noqa: E402


def codes(n: int) -> list[str]:
    out = []
    for i in range(n):
        out.append(f"{600000 + i:06d}.SH" if i % 2 else f"{(i % 9000) + 1:04d}.HK")
    return list(dict.fromkeys(out))


def series(code: str, n: int, seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    dates = pd.bdate_range(end="2026-02-27", periods=n)
    close = 50 * np.exp(np.cumsum(rng.normal(0, 0.02, n)))
    return normalise(pd.DataFrame({"date": dates, "open": close, "high": close * 1.01, "low": close * 0.99,
                                   "close": close, "volume": 1e6, "amount": 1e6 * close}),
                     code=code, adjustment="qfq")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--codes", type=int, default=500)
    ap.add_argument("--bars", type=int, default=1250)
    ap.add_argument("--repeat", type=int, default=7)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(Path(tmp) / "bench.sqlite")
        cache = PriceCache(store)
        cs = codes(a.codes)
        t = time.perf_counter()
        for i, c in enumerate(cs):
            cache.write(series(c, a.bars, i), "bench")
        print(f"write {len(cs)} x {a.bars} bars: {time.perf_counter() - t:.1f} s")
        from app.prices import service
        cold, warm = [], []
        for _ in range(a.repeat):
            service._memo.clear()
            t = time.perf_counter()
            m = price_metrics(store, cs)
            cold.append(time.perf_counter() - t)
            t = time.perf_counter()
            price_metrics(store, cs)
            warm.append(time.perf_counter() - t)
        assert len(m) == len(cs) and m["last"].notna().all()
        rng = np.random.default_rng(0)
        k = len(cs)
        points = np.column_stack([np.arange(k), np.full(k, 20500.0), *rng.uniform(10, 20, (6, k))])
        window = np.column_stack([np.repeat(np.arange(k), 250).astype(float),
                                  50 * np.exp(np.cumsum(rng.normal(0, 0.02, k * 250)))])
        compute = []
        for _ in range(a.repeat):
            t = time.perf_counter()
            compute_metrics(points, window, cs)
            compute.append(time.perf_counter() - t)
        med = lambda xs: statistics.median(xs) * 1e3
        print(f"price_metrics({len(cs)} codes), cold (read bars + compute): median {med(cold):.1f} ms")
        print(f"price_metrics({len(cs)} codes), warm (nothing changed): median {med(warm):.1f} ms")
        print(f"compute_metrics alone, {len(window)} window bars: median {med(compute):.1f} ms")
        t = time.perf_counter()
        one = cache.load(cs[0])
        print(f"load one series ({len(one)} bars): {(time.perf_counter() - t) * 1e3:.1f} ms")
        store.close()


if __name__ == "__main__":
    main()
