"""Guards for calls into akshare (used by ``universe refresh``; daily prices call Eastmoney directly).

While :func:`request_guard` is active in a thread, every ``requests`` call akshare makes from that thread
gets the caller's timeout (akshare's own, 15 s in its pagers, never more) and is recorded, so
:func:`explain` can say in one line why a call failed: no connection, timeout, an HTTP status, a web
page instead of data, or an empty answer.

A dead network fails fast: when the first request of a guarded call cannot connect at all (refused,
unreachable, name not resolved, or no connection within the timeout), :class:`NoConnection` is
raised -- an exception akshare's retry loop (three attempts with 1-5 s sleeps between them) does not
catch, so nothing is retried. Once something has answered, akshare's retries apply as before (a
dropped page of a long download is retried).
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


class NoConnection(Exception):
    """No connection could be made (and nothing had answered): not a ``requests`` exception, so
    akshare does not retry it. ``error`` is the ``requests`` exception."""

    def __init__(self, error: BaseException, url: str | None):
        super().__init__(str(error))
        self.error = error
        self.url = url


def no_connection(exc: BaseException) -> bool:
    """True for a request that never connected (refused, unreachable, DNS, connect timeout)."""
    import requests

    if isinstance(exc, requests.exceptions.ConnectTimeout):
        return True
    if not isinstance(exc, requests.exceptions.ConnectionError):
        return False
    try:
        from urllib3.exceptions import NewConnectionError
    except ImportError:  # pragma: no cover
        return False
    cause: BaseException | None = exc
    seen = 0
    while cause is not None and seen < 6:
        if isinstance(cause, NewConnectionError):
            return True
        cause = getattr(cause, "reason", None) or cause.__cause__ or cause.__context__ or \
            (cause.args[0] if cause.args and isinstance(cause.args[0], BaseException) else None)
        seen += 1
    return "NewConnectionError" in repr(exc) or "Failed to resolve" in repr(exc)


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
            if len(args) <= 6:  # timeout is the 7th after url
                kwargs["timeout"] = _capped(kwargs.get("timeout"), state["timeout"])
            state["url"] = url
            state["timeouts"].append(kwargs.get("timeout", args[6] if len(args) > 6 else None))
            try:
                resp = original(self, method, url, *args, **kwargs)
            except requests.exceptions.RequestException as e:
                if not state["responses"] and no_connection(e):
                    on = state.get("on_no_connection")
                    if on is not None:
                        on(url)
                    raise NoConnection(e, url) from e
                raise
            state["responses"].append((url, resp.status_code, resp.headers.get("Content-Type", ""),
                                       resp.content[:200]))
            on = state.get("on_answer")
            if on is not None:
                on(url)
            return resp

        request._chainwatch_guard = True  # type: ignore[attr-defined]
        requests.Session.request = request


def _capped(given, timeout: float):
    """akshare's timeout for a request, never more than ours (a number, or a (connect, read) pair)."""
    if given is None:
        return timeout
    if isinstance(given, (tuple, list)):
        return tuple(timeout if g is None else min(float(g), timeout) for g in given)
    try:
        return min(float(given), timeout)
    except (TypeError, ValueError):
        return timeout


@contextmanager
def request_guard(timeout: float, on_answer=None, on_no_connection=None) -> Iterator[dict]:
    """While active (in this thread), every requests call gets a timeout and is recorded.
    ``on_answer(url)`` is called for every response, ``on_no_connection(url)`` when the call
    fails fast for want of a connection (both from this thread)."""
    _install_guard()
    prev = getattr(_tls, "state", None)
    state = {"timeout": timeout, "url": None, "responses": [], "timeouts": [],
             "on_answer": on_answer, "on_no_connection": on_no_connection}
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

    if isinstance(exc, NoConnection):
        exc = exc.error
    host = _host(state.get("url"))
    if isinstance(exc, requests.exceptions.ConnectTimeout):
        return f"no connection to {host} within {timeout:g} s (offline, or the site is blocked)"
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


