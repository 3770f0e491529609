"""Daily bars from akshare's Eastmoney endpoints (JSON only).

=================  ============================================  ===================================
code               akshare function                              notes
=================  ============================================  ===================================
``*.SH/.SZ/.BJ``   ``stock_zh_a_hist(symbol, start, end, adj)``   volume in lots of 100 -> shares
``*.HK``           ``stock_hk_hist(symbol, start, end, adj)``     five-digit symbol; volume in shares
``000300.SH``      ``stock_zh_index_daily_em("sh000300", ...)``   volume in lots -> shares
``HSI.HI``         ``stock_hk_index_daily_em("HSI")``             no volume / turnover
``HSTECH.HI``      ``stock_hk_index_daily_em("HSTECH")``          no volume / turnover
=================  ============================================  ===================================

Safety rules, enforced here:

* **Timeouts, always.** ``timeout=`` is passed to every function that takes it; while an akshare
  call runs, every HTTP request it makes *from this thread* that has no timeout gets ours (a
  thread-local default installed once on ``requests.Session.request``). No request can hang the
  desk; cancelling a refresh waits at most one timeout.
* **No eval.** Only the Eastmoney JSON functions above are used. The Sina daily functions
  (``stock_zh_a_daily``, ``stock_hk_daily``, ``stock_zh_index_daily`` ...) run JavaScript from the
  downloaded text and are never called.
* Failures become :class:`ProviderError` saying what failed: no connection, timeout, HTTP status,
  an HTML page instead of JSON, or no data.
"""
from __future__ import annotations

import datetime as dt
import functools
import importlib
import inspect
import json
import threading
import warnings
from contextlib import contextmanager
from typing import Any, Callable, Iterator
from urllib.parse import urlsplit

import pandas as pd

from app.codes import Market, parse
from app.prices.providers import PriceQuery, Provider, ProviderError, empty_frame, normalise

DEFAULT_TIMEOUT = 15.0  # seconds per HTTP request

# akshare's Chinese column names -> ours (Eastmoney kline fields f51..f57).
CN_COLUMNS = {"日期": "date", "开盘": "open", "收盘": "close", "最高": "high", "最低": "low",
              "成交量": "volume", "成交额": "amount", "股票代码": "code"}
EN_COLUMNS = {"latest": "close"}

# Functions that evaluate downloaded text (JavaScript via mini_racer / eval): never used.
FORBIDDEN = frozenset({"stock_zh_a_daily", "stock_hk_daily", "stock_zh_index_daily",
                       "stock_zh_a_cdr_daily", "stock_hk_index_daily_sina", "stock_us_daily"})

# ---- the request guard ---------------------------------------------------------------------
_tls = threading.local()
_install_lock = threading.Lock()


def _install_guard() -> None:
    import requests

    with _install_lock:
        if getattr(requests.Session.request, "_chainwatch_guard", False):
            return
        original = requests.Session.request

        @functools.wraps(original)
        def request(self, method, url, *args, **kwargs):
            state = getattr(_tls, "state", None)
            if state is None:
                return original(self, method, url, *args, **kwargs)
            if len(args) <= 6 and kwargs.get("timeout") is None:  # timeout is the 7th after url
                kwargs["timeout"] = state["timeout"]
            state["url"] = url
            state["timeouts"].append(kwargs.get("timeout", args[6] if len(args) > 6 else None))
            resp = original(self, method, url, *args, **kwargs)
            state["responses"].append((url, resp.status_code, resp.headers.get("Content-Type", ""),
                                       resp.content[:200]))
            return resp

        request._chainwatch_guard = True  # type: ignore[attr-defined]
        requests.Session.request = request


@contextmanager
def request_guard(timeout: float) -> Iterator[dict]:
    """While active (in this thread), every requests call gets a timeout and is recorded."""
    _install_guard()
    prev = getattr(_tls, "state", None)
    state = {"timeout": timeout, "url": None, "responses": [], "timeouts": []}
    _tls.state = state
    try:
        yield state
    finally:
        _tls.state = prev


def _host(url: str | None) -> str:
    if not url:
        return "the server"
    return urlsplit(url).hostname or "the server"


def _looks_html(ctype: str, head: bytes) -> bool:
    h = head.lstrip()[:20].lower()
    return "html" in ctype.lower() or h.startswith((b"<!doctype", b"<html", b"<"))


def explain(exc: BaseException, state: dict, timeout: float) -> str:
    """A one-line reason for a failed akshare call, from the exception and what came back."""
    import requests

    host = _host(state.get("url"))
    if isinstance(exc, requests.exceptions.Timeout):
        return f"{host} did not answer within {timeout:g} s (timeout)"
    if isinstance(exc, requests.exceptions.ConnectionError):
        return f"no connection to {host} (offline, or the site is blocked)"
    if state["responses"]:
        url, status, ctype, head = state["responses"][-1]
        if status >= 400:
            return f"HTTP {status} from {_host(url)}"
        if _looks_html(ctype, head):
            return f"{_host(url)} sent a web page (HTML) instead of price data"
        if isinstance(exc, (ValueError, json.JSONDecodeError)) and not head.strip():
            return f"{_host(url)} sent an empty answer"
        if isinstance(exc, (KeyError, TypeError, IndexError)):
            return f"no price data in the answer from {_host(url)} (unknown code, or the format changed)"
        if isinstance(exc, ValueError):
            return f"{_host(url)} sent something that is not JSON price data"
    if isinstance(exc, requests.exceptions.RequestException):
        return f"request to {host} failed: {exc.__class__.__name__}: {exc}"
    return f"{exc.__class__.__name__}: {exc}"


# ---- the provider ---------------------------------------------------------------------------

def _ymd(d: dt.date | None, default: str) -> str:
    return d.strftime("%Y%m%d") if d else default


class AkshareProvider(Provider):
    """A-shares, Hong Kong and the three benchmarks from Eastmoney through akshare."""

    name = "akshare"

    def __init__(self, timeout: float = DEFAULT_TIMEOUT,
                 module: Any = None):
        self.timeout = float(timeout)
        self._module = module  # tests may pass a stand-in; normally akshare, imported on first use

    @property
    def ak(self) -> Any:
        if self._module is None:
            self._module = importlib.import_module("akshare")
        return self._module

    def supports(self, code: str) -> bool:
        if code in ("000300.SH", "HSI.HI", "HSTECH.HI"):
            return True
        try:
            return parse(code).market is not Market.US
        except Exception:
            return False

    # -- step 1
    def transform_query(self, query: PriceQuery) -> dict[str, Any]:
        code = query.code
        start, end = _ymd(query.start, "19700101"), _ymd(query.end, "20500101")
        adjust = {"qfq": "qfq", "hfq": "hfq", "none": ""}[query.adjustment]
        if code == "000300.SH":
            return {"function": "stock_zh_index_daily_em", "lots": True,
                    "kwargs": {"symbol": "sh000300", "start_date": start, "end_date": end}}
        if code in ("HSI.HI", "HSTECH.HI"):
            return {"function": "stock_hk_index_daily_em", "lots": False,
                    "kwargs": {"symbol": code.split(".")[0]}}
        lst = parse(code)
        if lst.market is Market.HK:
            return {"function": "stock_hk_hist", "lots": False,
                    "kwargs": {"symbol": f"{int(lst.symbol):05d}", "period": "daily",
                               "start_date": start, "end_date": end, "adjust": adjust}}
        return {"function": "stock_zh_a_hist", "lots": True,
                "kwargs": {"symbol": lst.symbol, "period": "daily", "start_date": start,
                           "end_date": end, "adjust": adjust}}

    # -- step 2
    def extract_data(self, query: PriceQuery, params: dict[str, Any]) -> pd.DataFrame:
        name = params["function"]
        if name in FORBIDDEN:  # pragma: no cover - a guard against future edits
            raise ProviderError(self.name, query.code, f"{name} evaluates downloaded text; not used")
        fn: Callable[..., pd.DataFrame] = getattr(self.ak, name)
        kwargs = dict(params["kwargs"])
        try:
            if "timeout" in inspect.signature(fn).parameters:
                kwargs["timeout"] = self.timeout
        except (TypeError, ValueError):  # pragma: no cover - builtins without a signature
            pass
        # akshare trips pandas deprecation warnings on every call; they are not ours to fix.
        # (filterwarnings replaces an identical filter, so repeating it does not pile up.)
        warnings.filterwarnings("ignore", module=r"akshare(\.|$)")
        with request_guard(self.timeout) as state:
            try:
                raw = fn(**kwargs)
            except Exception as e:  # akshare raises whatever its parsing trips on
                raise ProviderError(f"{self.name}.{name}", query.code, explain(e, state, self.timeout)) from e
        if raw is None:
            raw = pd.DataFrame()
        return raw

    # -- step 3
    def transform_data(self, query: PriceQuery, params: dict[str, Any], raw: pd.DataFrame) -> pd.DataFrame:
        if raw is None or raw.empty:
            return empty_frame()
        df = raw.rename(columns={**CN_COLUMNS, **EN_COLUMNS})
        if "date" not in df.columns or "close" not in df.columns:
            raise ProviderError(f"{self.name}.{params['function']}", query.code,
                                f"unexpected columns {list(raw.columns)[:8]} (akshare changed?)")
        df = df.drop(columns=["code"], errors="ignore")
        adjustment = "none" if params["function"].startswith("stock_zh_index") or \
            params["function"].startswith("stock_hk_index") else query.adjustment
        out = normalise(df, code=query.code, adjustment=adjustment)
        if params["lots"]:
            out["volume"] = out["volume"] * 100.0
        return out
