"""Guards for calls into akshare (used by ``universe refresh``; daily prices call Eastmoney directly).

While :func:`request_guard` is active in a thread, every ``requests`` call akshare makes from that thread
gets a timeout and is recorded, so :func:`explain` can say in one line why a call failed: no connection,
timeout, an HTTP status, a web page instead of data, or an empty answer.
"""
from __future__ import annotations

import functools
import json
import threading
from contextlib import contextmanager
from typing import Iterator
from urllib.parse import urlsplit

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


