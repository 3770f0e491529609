"""Price cache and desk metrics, and deadlines against unreachable sources.

    python bench/bench_prices.py [--codes 500] [--bars 1250] [--repeat 7] [--no-deadlines]

Prints medians. Targets: metrics for 500 codes "well under 100 ms"; writing >= 300,000 bars/s
(issue 10; before it 500 x 1,250 bars took 17.4 s, ~36,000 bars/s; with schema 5's one row per
bar 7.60 s, 82,266 bars/s; schema 6 packs a series in one row). The deadline part runs
refreshes against local servers (127.0.0.1 only) that accept and never answer, or refuse:
``--timeout 3`` for 5 series (target < 12 s), the default timeout for the default list (target
< 30 s), and how long Cancel takes (target < 1 s).
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
    df = normalise(pd.DataFrame({"date": dates, "open": close, "high": close * 1.01, "low": close * 0.99,
                                 "close": close, "volume": 1e6, "amount": 1e6 * close}),
                   code=code, adjustment="none")
    df["factor"] = np.cumprod(np.where(rng.random(n) < 0.004, 1.02, 1.0))   # a dividend about once a year
    return df


def deadlines() -> None:
    import os
    import socket
    import threading

    from app.prices.service import default_codes, refresh

    srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    srv.bind(("127.0.0.1", 0))
    srv.listen(64)
    held = []
    threading.Thread(target=lambda: [held.append(srv.accept()) for _ in range(1000)], daemon=True).start()
    silent = f"http://127.0.0.1:{srv.getsockname()[1]}"
    s2 = socket.socket()
    s2.bind(("127.0.0.1", 0))
    refusing = f"http://127.0.0.1:{s2.getsockname()[1]}"
    s2.close()
    five = ["600519.SH", "000977.SZ", "0700.HK", "HSI.HI", "000300.SH"]
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(Path(tmp) / "d.sqlite")
        wl = store.create_watchlist("bench")
        store.add_items(wl, [f"{600000 + i:06d}.SH" for i in range(30)] + [f"{i:04d}.HK" for i in range(1, 31)])
        for label, em, tx in (("silent", silent, silent), ("refusing", refusing, refusing),
                              ("silent Eastmoney, refusing Tencent", silent, refusing)):
            os.environ["CHAINWATCH_EASTMONEY_URL"], os.environ["CHAINWATCH_TENCENT_URL"] = em, tx
            r = refresh(store, five, timeout=3)
            print(f"deadline, {label} servers, --timeout 3, 5 series: {r.seconds:.1f} s (target < 12 s)")
            print(f"  {r.notices[0] if r.notices else '(no notice!)'}")
        os.environ["CHAINWATCH_EASTMONEY_URL"] = os.environ["CHAINWATCH_TENCENT_URL"] = silent
        r = refresh(store)
        print(f"deadline, silent servers, default timeout, default list ({len(default_codes(store))} series): "
              f"{r.seconds:.1f} s (target < 30 s)")
        flag = threading.Event()
        th = threading.Thread(target=lambda: refresh(store, five, timeout=60, cancelled=flag.is_set))
        th.start()
        time.sleep(0.5)
        t = time.perf_counter()
        flag.set()
        th.join()
        print(f"cancel during a hanging request: {(time.perf_counter() - t) * 1e3:.0f} ms (target < 1 s)")
        store.close()
    srv.close()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--codes", type=int, default=500)
    ap.add_argument("--bars", type=int, default=1250)
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--no-deadlines", action="store_true")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(Path(tmp) / "bench.sqlite")
        cache = PriceCache(store)
        cs = codes(a.codes)
        frames = [series(c, a.bars, i) for i, c in enumerate(cs)]
        t = time.perf_counter()
        for f in frames:
            cache.write(f, "bench")
        took = time.perf_counter() - t
        print(f"write {len(cs)} x {a.bars} bars, one transaction per series: {took:.2f} s "
              f"({len(cs) * a.bars / took:,.0f} bars/s; target >= 300,000; schema 5, one row per bar: 7.60 s, "
              "82,266/s idle; before issue 10: 17.4 s, ~36,000/s)")
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
        points = np.column_stack([np.arange(k), np.full(k, 20500.0), *rng.uniform(10, 20, (7, k))])
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
    if not a.no_deadlines:
        deadlines()


if __name__ == "__main__":
    main()
