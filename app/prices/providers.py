"""Price providers: one interface, one normalised frame out.

Every source runs the same three steps (the OpenBB "fetcher" pattern):

``transform_query``  the caller's :class:`PriceQuery` -> the source's own parameters
``extract_data``     the source's parameters -> its raw answer (network or file; may raise)
``transform_data``   the raw answer -> the normalised frame (:data:`COLUMNS`)

The normalised frame has one row per trading day and these columns:

=========== ================== ===========================================================
code        str                canonical (``0700.HK``, ``600519.SH``, benchmarks ``HSI.HI``)
date        datetime64[ns]     the trading day, at midnight, no time zone
open        float64            may be NaN (some index sources)
high        float64
low         float64
close       float64            never NaN
volume      float64            shares (A-share lots of 100 are converted), NaN if unknown
amount      float64            turnover in the quote currency, NaN if unknown
adjustment  str                ``qfq`` (forward-adjusted), ``hfq`` (backward), ``none``
=========== ================== ===========================================================

Sorted by date, one row per (code, date, adjustment).

Downloads go through :meth:`Provider.history`: the bars as printed (``adjustment`` ``none``)
plus a ``factor`` column, the day's cumulative backward-adjustment factor (hfq close / raw
close; NaN where the source gives none). A source either gives factors on an absolute scale
(Eastmoney's hfq: 1 at listing, ``factor_scale = "absolute"``) or only relative to its own
latest bar (Tencent's qfq, ``"relative"``); the refresh links relative factors to the cached
ones on the overlapping day.
"""
from __future__ import annotations

import datetime as dt
from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from app.prices.symbols import canonical, is_benchmark

COLUMNS = ["code", "date", "open", "high", "low", "close", "volume", "amount", "adjustment"]
NUMERIC = ["open", "high", "low", "close", "volume", "amount"]
ADJUSTMENTS = ("qfq", "hfq", "none")


class PriceError(Exception):
    """A price operation that failed, with a message saying what failed for which code."""


class ProviderError(PriceError):
    """A source could not deliver prices for one code."""

    def __init__(self, source: str, code: str, reason: str):
        self.source = source
        self.code = code
        self.reason = reason
        super().__init__(f"{code}: {reason} ({source})")


@dataclass(frozen=True)
class PriceQuery:
    """Daily bars for one listing from ``start`` to ``end`` (inclusive; None = open-ended)."""

    code: str
    start: dt.date | None = None
    end: dt.date | None = None
    adjustment: str = "qfq"

    def __post_init__(self) -> None:
        if self.adjustment not in ADJUSTMENTS:
            raise PriceError(f"adjustment {self.adjustment!r}: use one of {', '.join(ADJUSTMENTS)}")
        object.__setattr__(self, "code", canonical(self.code))
        for f in ("start", "end"):
            v = getattr(self, f)
            if isinstance(v, dt.datetime):
                object.__setattr__(self, f, v.date())
            elif isinstance(v, str):
                object.__setattr__(self, f, dt.date.fromisoformat(v))


def default_adjustment(code: str) -> str:
    """Indices are never adjusted; listings default to forward-adjusted (current price levels)."""
    return "none" if is_benchmark(code) else "qfq"


def empty_frame() -> pd.DataFrame:
    df = pd.DataFrame({
        "code": pd.Series([], dtype=object), "date": pd.Series([], dtype="datetime64[ns]"),
        **{c: pd.Series([], dtype="float64") for c in NUMERIC},
        "adjustment": pd.Series([], dtype=object)})
    return df[COLUMNS]


def kline_frame(rows: list, code: str, lots: bool, *, amount_at: int = 6,
                amount_scale: float = 1.0) -> pd.DataFrame:
    """Kline rows as the sources give them (date, open, close, high, low, volume, …, amount at
    ``amount_at``; strings or numbers, a bad or missing field is NaN) -> a normalised frame with
    adjustment ``none``; ``lots``: volume is in lots of 100 shares."""
    if not rows:
        return empty_frame()

    def col(i: int, scale: float = 1.0) -> np.ndarray:
        raw = pd.Series([r[i] if len(r) > i else None for r in rows], dtype=object)
        return pd.to_numeric(raw, errors="coerce").to_numpy(dtype="float64") * scale

    df = pd.DataFrame({"date": [r[0] for r in rows], "open": col(1), "close": col(2), "high": col(3),
                       "low": col(4), "volume": col(5), "amount": col(amount_at, amount_scale)})
    out = normalise(df, code=code, adjustment="none")
    if lots:
        out["volume"] = out["volume"] * 100.0
    return out


def normalise(df: pd.DataFrame, code: str | None = None, adjustment: str | None = None) -> pd.DataFrame:
    """Coerce a frame with (at least) date and close to the normalised layout.

    Missing optional columns become NaN; rows without a date or a close are dropped; duplicate
    dates keep the last row; the result is sorted by date with a fresh index.
    """
    if df is None or len(df) == 0:
        return empty_frame()
    out = pd.DataFrame(index=range(len(df)))
    if code is not None:
        out["code"] = code
    else:
        out["code"] = df["code"].astype(str).to_numpy()
    dates = pd.DatetimeIndex(pd.to_datetime(pd.Series(df["date"]).to_numpy(), errors="coerce"))
    if dates.tz is not None:
        dates = dates.tz_localize(None)
    out["date"] = dates.normalize().astype("datetime64[ns]")
    for c in NUMERIC:
        if c in df.columns:
            out[c] = pd.to_numeric(pd.Series(df[c]).to_numpy(), errors="coerce").astype("float64")
        else:
            out[c] = np.nan
    if adjustment is not None:
        out["adjustment"] = adjustment
    else:
        out["adjustment"] = df["adjustment"].astype(str).to_numpy()
    out = out[out["date"].notna() & out["close"].notna()]
    out = out.drop_duplicates(subset=["code", "adjustment", "date"], keep="last")
    out = out.sort_values(["code", "adjustment", "date"], kind="stable").reset_index(drop=True)
    out["code"] = out["code"].astype(object)
    out["adjustment"] = out["adjustment"].astype(object)
    return out[COLUMNS]


class Provider(ABC):
    """A source of daily bars. Subclasses implement the three steps; :meth:`fetch` runs them."""

    name: str = "provider"

    def supports(self, code: str) -> bool:
        return True

    def transform_query(self, query: PriceQuery) -> dict[str, Any]:
        return {"code": query.code, "start": query.start, "end": query.end,
                "adjustment": query.adjustment}

    @abstractmethod
    def extract_data(self, query: PriceQuery, params: dict[str, Any]) -> Any:
        """Get the raw answer; raise :class:`ProviderError` saying what failed."""

    @abstractmethod
    def transform_data(self, query: PriceQuery, params: dict[str, Any], raw: Any) -> pd.DataFrame:
        """The raw answer as a normalised frame (see :func:`normalise`)."""

    #: "absolute" (factors comparable across downloads), "relative" (only within one answer) or
    #: "none" (no factors at all)
    factor_scale: str = "none"
    #: a short name for messages ("Eastmoney", "Tencent")
    label: str = ""

    def history(self, code: str, start: dt.date | None = None, end: dt.date | None = None, *,
                net: Any = None) -> pd.DataFrame:
        """Bars as printed plus a ``factor`` column (see the module docstring).

        The default asks :meth:`fetch` for unadjusted bars and knows no factors; sources that
        can do better override it. ``net`` is the refresh's :class:`app.prices.net.Net`.
        """
        df = self.fetch(PriceQuery(code, start=start, end=end, adjustment="none"))
        df = df.copy()
        df["adjustment"] = "none"
        df["factor"] = np.nan
        return df

    def fetch(self, query: PriceQuery) -> pd.DataFrame:
        if not self.supports(query.code):
            raise ProviderError(self.name, query.code, "this source has no prices for it")
        params = self.transform_query(query)
        raw = self.extract_data(query, params)
        df = self.transform_data(query, params, raw)
        if query.start is not None:
            df = df[df["date"] >= pd.Timestamp(query.start)]
        if query.end is not None:
            df = df[df["date"] <= pd.Timestamp(query.end)]
        return df.reset_index(drop=True)
