"""Market data: daily bars for A-share and Hong Kong listings and the benchmarks.

* :mod:`app.prices.providers`       the provider interface and the normalised frame
* :mod:`app.prices.akshare_provider` Eastmoney through akshare (timeouts always, no eval)
* :mod:`app.prices.file_provider`   CSV / Excel files from Wind, Choice, Yahoo, akshare
* :mod:`app.prices.cache`           the cache in the store (schema 2 tables)
* :mod:`app.prices.service`         refresh / import / series / price metrics for the desk
* :mod:`app.prices.cli`             ``main.py prices refresh | import | show``
"""
from app.prices.providers import COLUMNS, PriceError, PriceQuery, Provider, ProviderError  # noqa: F401
from app.prices.symbols import BENCHMARKS, benchmark_for, canonical  # noqa: F401

__all__ = ["COLUMNS", "PriceError", "PriceQuery", "Provider", "ProviderError", "BENCHMARKS", "benchmark_for",
           "canonical"]
