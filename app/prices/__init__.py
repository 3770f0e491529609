"""Market data: daily bars for A-share and Hong Kong listings and the benchmarks.

* :mod:`app.prices.providers`       the provider interface and the normalised frame
* :mod:`app.prices.net`             HTTP with deadlines that hold; sources given up when unreachable
* :mod:`app.prices.eastmoney`       Eastmoney's kline JSON, parsed here (raw + hfq -> factors)
* :mod:`app.prices.tencent`         Tencent's kline JSON, the fallback (json.loads, never eval)
* :mod:`app.prices.sources`         which sources serve which market, in order (a setting)
* :mod:`app.prices.calendar`        XSHG / XHKG trading calendars (exchange-calendars)
* :mod:`app.prices.file_provider`   CSV / Excel files from Wind, Choice, Yahoo, akshare
* :mod:`app.prices.tdx`             通达信 vipdoc/*/lday/*.day files
* :mod:`app.prices.cache`           the cache in the store: bars as printed + factors (schema 4)
* :mod:`app.prices.service`         refresh / import / series / price metrics for the desk
* :mod:`app.prices.cli`             ``main.py prices refresh | import | show``
"""
from typing import Any

from app.prices.symbols import BENCHMARKS, benchmark_for, canonical  # noqa: F401 - light: no pandas


def __getattr__(name: str) -> Any:
    """The provider names load pandas: only when asked for (the desk's start imports the symbols)."""
    if name in ("COLUMNS", "PriceError", "PriceQuery", "Provider", "ProviderError"):
        from app.prices import providers

        return getattr(providers, name)
    raise AttributeError(f"module 'app.prices' has no attribute {name!r}")

__all__ = ["COLUMNS", "PriceError", "PriceQuery", "Provider", "ProviderError", "BENCHMARKS", "benchmark_for",
           "canonical"]
