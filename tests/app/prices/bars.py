"""Generated daily bars for tests (business days, a random walk)."""
from __future__ import annotations

import numpy as np
import pandas as pd


def gen_bars(n: int = 40, seed: int = 0, start: str = "2025-12-01", price: float = 100.0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    dates = pd.bdate_range(start, periods=n)
    close = price * np.exp(np.cumsum(rng.normal(0, 0.02, n)))
    open_ = close * np.exp(rng.normal(0, 0.005, n))
    high = np.maximum(open_, close) * (1 + np.abs(rng.normal(0, 0.005, n)))
    low = np.minimum(open_, close) * (1 - np.abs(rng.normal(0, 0.005, n)))
    volume = rng.integers(10_000, 90_000, n).astype(float) * 100
    return pd.DataFrame({"date": dates, "open": open_.round(2), "high": high.round(2), "low": low.round(2),
                         "close": close.round(2), "volume": volume, "amount": (volume * close).round(0)})
