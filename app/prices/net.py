"""HTTP for the price sources, with deadlines that hold and a memory of unreachable sources.

* **One deadline per request.** :meth:`Net.get_json` runs the request (DNS, connect, TLS, read:
  everything ``requests`` does) in a daemon worker thread and waits for it at most ``timeout``
  seconds of wall-clock time, whatever the socket layer does: name resolution has no timeout of
  its own, and a server that trickles bytes resets ``requests``' read timeout on every byte. A
  request that overruns is abandoned (its thread ends by itself when its socket timeouts fire;
  it holds nothing of ours). The socket timeouts are ``(connect, read)`` = the same budget, so an
  abandoned thread does not linger either.
* **Cancel within a second.** While waiting, ``cancelled()`` is polled every 50 ms; when it
  turns true the request is abandoned and :class:`Cancelled` raised.
* **Unreachable sources.** :class:`Health` counts consecutive connection failures (no answer in
  time, refused, name not resolved, the connection closed without an answer) and blocks (HTTP
  403/429/503, a web page instead of data) per source. After :data:`FAILURES_TO_GIVE_UP` in a
  row (two when they are timeouts, which cost a whole budget each; one when another source is
  already unreachable, or when every source failed to connect for the same code: the machine is
  probably offline) the source is marked unreachable: later
  requests to it fail at once and the refresh says so in one line and uses the fallback.
* Answers are parsed with :func:`json.loads` only (never ``eval`` or a JS engine), with a size
  cap, and HTML where JSON was expected is named as such.
"""
from __future__ import annotations

import json
import re
import threading
import time
from dataclasses import dataclass, field
from typing import Any, Callable
from urllib.parse import urlsplit

from app.prices.providers import PriceError, ProviderError

DEFAULT_TIMEOUT = 8.0          # seconds per request, everything included
FAILURES_TO_GIVE_UP = 3        # consecutive connection failures / blocks that mark a source unreachable
TIMEOUTS_TO_GIVE_UP = 2        # ... when they are timeouts
MAX_BYTES = 64 * 1024 * 1024   # a kline answer for 30 years is ~1 MB
USER_AGENT = ("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
              "Chrome/124.0 Safari/537.36")
_POLL = 0.05


class Cancelled(PriceError):
    """The user cancelled while a request was running."""


class FetchError(ProviderError):
    """A request that failed; ``kind`` is one of timeout, connection, blocked, http, format, unreachable."""

    def __init__(self, source: str, code: str, reason: str, kind: str, short: str | None = None):
        self.kind = kind
        self.short = short or reason    # the reason in a few words, without the host ("no connection (refused)")
        super().__init__(source, code, reason)

    @property
    def connection_failure(self) -> bool:
        return self.kind in ("timeout", "connection", "blocked")


@dataclass
class Health:
    """Per source: consecutive failures and whether it was given up on (for one refresh)."""

    failures: dict[str, list[str]] = field(default_factory=dict)
    down: dict[str, str] = field(default_factory=dict)   # source -> the reason, one line
    short: dict[str, str] = field(default_factory=dict)  # source -> the reason in a few words (no host)
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def is_down(self, source: str) -> bool:
        return source in self.down

    def ok(self, source: str) -> None:
        with self.lock:
            self.failures.pop(source, None)

    def give_up(self, source: str, reason: str, short: str | None = None) -> None:
        with self.lock:
            self.down.setdefault(source, reason)
            self.short.setdefault(source, short or reason)

    def failed(self, source: str, kind: str, reason: str, short: str | None = None) -> bool:
        """Count a failure; True when this one marks the source unreachable."""
        with self.lock:
            if source in self.down:
                return False
            seen = self.failures.setdefault(source, [])
            seen.append(kind)
            timeouts = sum(1 for k in seen if k == "timeout")
            others_down = bool(self.down)
            if len(seen) >= FAILURES_TO_GIVE_UP or timeouts >= TIMEOUTS_TO_GIVE_UP or others_down:
                n = len(seen)
                times = f", {n} times in a row" if n > 1 else ""
                self.down[source] = f"{reason}{times}"
                self.short[source] = short or reason
                return True
            return False


def host_of(url: str) -> str:
    parts = urlsplit(url)
    return parts.netloc or parts.hostname or "the server"


def _looks_html(ctype: str, head: bytes) -> bool:
    h = head.lstrip()[:20].lower()
    return "html" in ctype.lower() or h.startswith((b"<!doctype", b"<html", b"<head", b"<body"))


_JS_VAR = re.compile(rb"^\s*[A-Za-z_$][\w$]*\s*=\s*(?=[\[{])")


class Net:
    """Requests for one refresh: the user's timeout, their cancel button and the sources' health."""

    def __init__(self, timeout: float = DEFAULT_TIMEOUT, cancelled: Callable[[], bool] | None = None,
                 health: Health | None = None):
        self.timeout = float(timeout)
        self.cancelled = cancelled or (lambda: False)
        self.health = health or Health()
        self._session = None
        self.requests = 0

    def _new_session(self):
        import requests

        s = requests.Session()
        s.headers["User-Agent"] = USER_AGENT
        s.trust_env = True
        return s

    def get_json(self, source: str, code: str, url: str, params: dict[str, Any] | None = None,
                 headers: dict[str, str] | None = None) -> Any:
        """GET ``url`` and parse JSON (a ``name=`` JavaScript assignment prefix is stripped, as
        text, never run). Raises :class:`FetchError` saying what failed, :class:`Cancelled`."""
        host = host_of(url)
        if self.health.is_down(source):
            raise FetchError(source, code, f"{source} unreachable ({self.health.down[source]})", "unreachable")
        if self.cancelled():
            raise Cancelled("cancelled")
        status, ctype, body = self._get(source, code, url, params, headers, host)
        if status in (403, 429, 503):
            self._fail(source, "blocked", f"HTTP {status} from {host}", f"blocked (HTTP {status})")
            raise FetchError(source, code, f"HTTP {status} from {host} (blocked or overloaded)", "blocked",
                             f"blocked (HTTP {status})")
        if status >= 400:
            self.health.ok(source)
            raise FetchError(source, code, f"HTTP {status} from {host}", "http")
        if _looks_html(ctype, body[:200]):
            self._fail(source, "blocked", f"{host} sent a web page", "a web page instead of prices")
            raise FetchError(source, code, f"{host} sent a web page (HTML) instead of price data", "blocked",
                             "a web page instead of prices")
        self.health.ok(source)
        if not body.strip():
            raise FetchError(source, code, f"{host} sent an empty answer", "format")
        m = _JS_VAR.match(body)
        if m:
            body = body[m.end():].rstrip().rstrip(b";")
        try:
            return json.loads(body.decode("utf-8-sig", errors="replace"))
        except ValueError:
            raise FetchError(source, code, f"{host} sent something that is not JSON price data",
                             "format") from None

    def _fail(self, source: str, kind: str, reason: str, short: str | None = None) -> None:
        self.health.failed(source, kind, reason, short)

    def _get(self, source: str, code: str, url: str, params, headers, host: str) -> tuple[int, str, bytes]:
        import requests

        if self._session is None:
            self._session = self._new_session()
        session = self._session
        box: dict[str, Any] = {}
        done = threading.Event()
        deadline = time.monotonic() + self.timeout
        timeout = self.timeout

        def work() -> None:
            try:
                with session.get(url, params=params, headers=headers, timeout=(timeout, timeout),
                                 stream=True) as r:
                    chunks, size = [], 0
                    for chunk in r.iter_content(65536):
                        chunks.append(chunk)
                        size += len(chunk)
                        if size > MAX_BYTES:
                            raise ValueError(f"answer larger than {MAX_BYTES // 2**20} MB")
                        if time.monotonic() > deadline or box.get("abandoned"):
                            raise TimeoutError("deadline")
                    box["result"] = (r.status_code, r.headers.get("Content-Type", ""), b"".join(chunks))
            except BaseException as e:  # noqa: BLE001 - handed to the waiting thread
                box["error"] = e
            finally:
                done.set()

        self.requests += 1
        t = threading.Thread(target=work, name=f"price-fetch {host}", daemon=True)
        t.start()
        while not done.wait(_POLL):
            if self.cancelled():
                box["abandoned"] = True
                self._session = None       # the abandoned thread keeps the old one
                raise Cancelled("cancelled")
            if time.monotonic() > deadline:
                break
        if not done.is_set() or isinstance(box.get("error"), TimeoutError) or \
                isinstance(box.get("error"), requests.exceptions.Timeout):
            box["abandoned"] = True
            self._session = None
            reason = f"no answer from {host} within {self.timeout:g} s"
            short = f"no answer within {self.timeout:g} s"
            self._fail(source, "timeout", reason, short)
            raise FetchError(source, code, f"{reason} (timeout)", "timeout", short)
        err = box.get("error")
        if err is not None:
            self._session = None
            if isinstance(err, requests.exceptions.ConnectionError):
                why = _connection_reason(err)
                reason = f"no connection to {host} ({why})"
                short = _SHORT.get(why, why)
                self._fail(source, "connection", reason, short)
                raise FetchError(source, code, f"{reason}: offline, or the site is blocked", "connection", short)
            if isinstance(err, requests.exceptions.RequestException):
                raise FetchError(source, code, f"request to {host} failed: {err.__class__.__name__}",
                                 "http") from None
            raise FetchError(source, code, f"request to {host} failed: {err}", "format") from None
        return box["result"]


# a connection failure in a few words, for a status bar (the host is in the long reason)
_SHORT = {"refused": "connection refused", "reset": "connection reset", "no route": "no route to host"}


def _connection_reason(err: BaseException) -> str:
    text = repr(err)
    for needle, why in (("RemoteDisconnected", "closed without an answer"),
                        ("Connection aborted", "connection dropped"),
                        ("NameResolution", "name not resolved"), ("getaddrinfo", "name not resolved"),
                        ("Name or service not known", "name not resolved"),
                        ("Connection refused", "refused"), ("Errno 111", "refused"),
                        ("Connection reset", "reset"), ("Network is unreachable", "network unreachable"),
                        ("No route to host", "no route")):
        if needle in text:
            return why
    return err.__class__.__name__


__all__ = ["Cancelled", "DEFAULT_TIMEOUT", "FetchError", "Health", "Net"]
