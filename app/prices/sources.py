"""Which download sources serve which market, in which order (a setting in the store).

Markets: ``A`` (Shanghai, Shenzhen, Beijing and CSI 300) and ``HK`` (Hong Kong listings, HSI,
HSTECH). Each maps to an ordered list of source names from :data:`SOURCES`; the first is asked
first, the next when it fails, is blocked or is unreachable. Kept in the store's ``meta`` table
under ``price_sources`` as JSON, e.g. ``{"A": ["eastmoney", "tencent"], "HK": ["tencent"]}``.
"""
from __future__ import annotations

import json

from app.prices.net import DEFAULT_TIMEOUT
from app.prices.providers import PriceError, Provider
from app.prices.symbols import BENCHMARKS

MARKETS = ("A", "HK")
DEFAULT = {"A": ["eastmoney", "tencent"], "HK": ["eastmoney", "tencent"]}
META_KEY = "price_sources"


def _classes() -> dict[str, type]:
    from app.prices.eastmoney import EastmoneyProvider
    from app.prices.tencent import TencentProvider

    return {"eastmoney": EastmoneyProvider, "tencent": TencentProvider}


SOURCES = ("eastmoney", "tencent")


def market_of(code: str) -> str:
    if code in BENCHMARKS:
        return BENCHMARKS[code].market
    return "HK" if code.endswith(".HK") else "A"


def load(store) -> dict[str, list[str]]:
    raw = store.get_meta(META_KEY)
    out = {m: list(v) for m, v in DEFAULT.items()}
    if raw:
        try:
            saved = json.loads(raw)
        except ValueError:
            saved = {}
        for m in MARKETS:
            names = [n for n in saved.get(m, []) if n in SOURCES] if isinstance(saved, dict) else []
            if names:
                out[m] = names
    return out


def save(store, market: str, names: list[str]) -> dict[str, list[str]]:
    market = market.upper()
    if market not in MARKETS:
        raise PriceError(f"market {market!r}: use one of {', '.join(MARKETS)}")
    bad = [n for n in names if n not in SOURCES]
    if bad or not names:
        raise PriceError(f"sources {', '.join(bad) or '(none)'}: use one or more of {', '.join(SOURCES)}")
    current = load(store)
    current[market] = list(dict.fromkeys(names))
    store.set_meta(META_KEY, json.dumps(current))
    return current


class Chains:
    """The providers to try for a code, built once per refresh."""

    def __init__(self, settings: dict[str, list[str]], timeout: float = DEFAULT_TIMEOUT):
        classes = _classes()
        made: dict[str, Provider] = {}
        self.by_market: dict[str, list[Provider]] = {}
        for m in MARKETS:
            chain = []
            for n in settings.get(m, DEFAULT[m]):
                if n not in made:
                    made[n] = classes[n](timeout=timeout)
                chain.append(made[n])
            self.by_market[m] = chain

    def for_code(self, code: str) -> list[Provider]:
        return self.by_market[market_of(code)]

    @classmethod
    def single(cls, provider: Provider) -> "Chains":
        c = cls.__new__(cls)
        c.by_market = {m: [provider] for m in MARKETS}
        return c
