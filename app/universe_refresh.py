"""``universe refresh``: download the current A-share and Hong Kong lists and cache them in the store.

The bundled snapshot (``data/a_share_universe.csv`` plus the knowledge base's listings) stays the offline
default; a refreshed list adds what the snapshot lacks (every Hong Kong listing, A-shares listed since,
renames and ST marks) to search, add and report ingestion through :func:`listing_names`.

=======  ===================================  =========================================================
market   akshare function (tried in order)    columns used
=======  ===================================  =========================================================
A        ``stock_info_a_code_name()``         ``code``, ``name`` (SSE, SZSE and BSE official lists)
A        ``stock_zh_a_spot_em()``             ``代码``, ``名称`` (Eastmoney quotes, paged 100 a request)
HK       ``stock_hk_spot_em()``               ``代码`` (five digits, ``00700``), ``名称``
=======  ===================================  =========================================================

Safety rules:

* **A hard deadline for the whole call.** akshare's own timeouts do not bound a paged download (it
  sleeps between pages and retries), so each market runs on a daemon thread that is abandoned when the
  deadline passes; every HTTP request it makes also gets a per-request timeout (the price provider's
  request guard). The caller gets an error naming the market, the function and the deadline.
* **A dead network is noticed at once.** A request that cannot connect (refused, unreachable, no name,
  no connection within the timeout) is not retried (akshare would, three times with sleeps), the
  markets are downloaded side by side, and when no site at all answered (two or more hosts failed to
  connect, nothing came back), the remaining fallback sources are not tried: offline, every market is
  reported within about one request timeout instead of the sum of every source's retries.
* **An empty or shrunken answer is an error**: no rows, or fewer than half the rows cached before (a
  truncated download), changes nothing.
* A market's cached rows are replaced in one transaction, and every attempt is logged.
"""
from __future__ import annotations

import datetime as dt
import threading
import time
import warnings
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Iterable, Sequence

from sqlalchemy import delete, func, insert, select

from app.codes import CodeError, Market, parse
from app.universe import strip_listing_marks
from app.store import Store, universe_listings_t, universe_refreshes_t
from app.text import to_hant
from app.universe import Security

if TYPE_CHECKING:  # pragma: no cover - pandas comes with akshare's frames; the desk's start never imports it
    import pandas as pd

DEFAULT_DEADLINE = 180.0     # seconds for the whole refresh of one market
REQUEST_TIMEOUT = 20.0       # seconds per HTTP request inside it
MARKETS = ("A", "HK")


class RefreshError(Exception):
    """A market could not be refreshed; the message says which, through what and why.
    ``no_connection``: it never connected (the network or the site is unreachable)."""

    def __init__(self, message: str, no_connection: bool = False):
        super().__init__(message)
        self.no_connection = no_connection


@dataclass(frozen=True)
class Source:
    market: str
    function: str                      # akshare function name
    code_col: str
    name_col: str


SOURCES: dict[str, tuple[Source, ...]] = {
    "A": (Source("A", "stock_info_a_code_name", "code", "name"),
          Source("A", "stock_zh_a_spot_em", "代码", "名称")),
    "HK": (Source("HK", "stock_hk_spot_em", "代码", "名称"),),
}


@dataclass
class RefreshResult:
    market: str
    status: str                # ok, error, cancelled
    source: str = ""
    rows: int = 0
    added: int = 0             # codes not cached before
    removed: int = 0           # cached codes no longer listed
    skipped: int = 0           # rows whose code is not a listing code (funds, old NEEQ codes …)
    seconds: float = 0.0
    message: str = ""

    def line(self) -> str:
        if self.status == "ok":
            return (f"{self.market}: {self.rows:,} listings from {self.source} in {self.seconds:.1f} s "
                    f"({self.added:+,} new, {self.removed:,} gone, {self.skipped:,} rows skipped)")
        if self.status == "cancelled":
            return f"{self.market}: cancelled — the cached list is kept"
        return f"{self.market}: failed — {self.message}"

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


# ---- names --------------------------------------------------------------------------------

# The exchange's marks on short names live with the universe (the finder strips them too).
base_name = strip_listing_marks


def _board(code: str) -> str:
    if code.endswith(".HK"):
        return "HK"
    sym = code.split(".")[0]
    if code.endswith(".BJ"):
        return "北交所"
    if sym.startswith("688") or sym.startswith("689"):
        return "科创板"
    if sym.startswith("30"):
        return "创业板"
    return "主板"


def frame_to_rows(df: pd.DataFrame, src: Source) -> tuple[list[dict[str, str]], int]:
    """akshare's frame -> (rows for the cache, rows skipped). Codes are text, canonical."""
    if df is None or len(df) == 0:
        return [], 0
    missing = [c for c in (src.code_col, src.name_col) if c not in df.columns]
    if missing:
        raise RefreshError(f"{src.market}: {src.function} returned columns {list(df.columns)[:8]}, "
                           f"without {', '.join(missing)} (akshare changed?)")
    rows: dict[str, dict[str, str]] = {}
    skipped = 0
    for raw_code, raw_name in zip(df[src.code_col].tolist(), df[src.name_col].tolist()):
        code_text = str(raw_code).strip()
        if isinstance(raw_code, (int, float)) and not isinstance(raw_code, bool):
            code_text = str(int(raw_code)).zfill(5 if src.market == "HK" else 6)
        name = str(raw_name or "").strip()
        if not code_text or not name or name.lower() == "nan":
            skipped += 1
            continue
        try:
            if src.market == "HK":
                if not code_text.isdigit() or len(code_text) > 5:
                    raise CodeError(code_text)
                lst = parse(code_text)
            else:
                lst = parse(code_text.zfill(6) if code_text.isdigit() else code_text, bare_short=None)
        except CodeError:
            skipped += 1
            continue
        if (src.market == "HK") != (lst.market is Market.HK) or lst.market is Market.US:
            skipped += 1
            continue
        rows[lst.code] = {"code": lst.code, "market": src.market, "name": name, "base_name": base_name(name)}
    return list(rows.values()), skipped


# ---- fetching with a deadline ---------------------------------------------------------------

def _akshare():
    import importlib

    return importlib.import_module("akshare")


class Cancelled(RefreshError):
    """The user cancelled the refresh; nothing of the market in progress was written."""


class Reach:
    """What one refresh has heard from the network, shared by the markets downloaded side by side:
    whether anything answered, which hosts could not be connected to, and how many markets are
    still on their first source."""

    def __init__(self, first_round: int = 0):
        self._cond = threading.Condition()
        self.answered = False
        self.unreachable: set[str] = set()
        self.first_round = first_round

    def answer(self, url: str | None = None) -> None:
        with self._cond:
            self.answered = True
            self._cond.notify_all()

    def no_connection(self, url: str | None) -> None:
        from urllib.parse import urlsplit

        with self._cond:
            self.unreachable.add(urlsplit(url or "").hostname or str(url))
            self._cond.notify_all()

    def first_done(self) -> None:
        with self._cond:
            self.first_round = max(0, self.first_round - 1)
            self._cond.notify_all()

    def offline(self, until: float, cancelled: Callable[[], bool] | None = None) -> bool:
        """True when no site answered and two or more hosts could not be connected to, once every
        market's first source has finished (or something answered, or ``until`` passed)."""
        with self._cond:
            while not self.answered and self.first_round > 0 and time.monotonic() < until:
                if cancelled is not None and cancelled():
                    break
                self._cond.wait(min(0.1, max(0.0, until - time.monotonic())))
            return not self.answered and len(self.unreachable) >= 2


def call_with_deadline(fn: Callable[[], Any], deadline_s: float, what: str,
                       request_timeout: float = REQUEST_TIMEOUT,
                       cancelled: Callable[[], bool] | None = None, reach: Reach | None = None) -> Any:
    """Run ``fn`` on a daemon thread; give up (abandoning the thread) after ``deadline_s`` seconds,
    or within 0.1 s of ``cancelled()`` turning true."""
    from app.akshare_guard import NoConnection, explain, request_guard

    box: dict[str, Any] = {}

    def run() -> None:
        warnings.filterwarnings("ignore", module=r"akshare(\.|$)")
        with request_guard(request_timeout, on_answer=reach.answer if reach else None,
                           on_no_connection=reach.no_connection if reach else None) as state:
            box["state"] = state
            try:
                box["value"] = fn()
            except BaseException as e:  # noqa: BLE001 - reported to the caller
                box["error"] = e

    t = threading.Thread(target=run, name=f"universe-refresh {what}", daemon=True)
    t.start()
    end = time.monotonic() + max(0.0, deadline_s)
    while t.is_alive() and time.monotonic() < end:
        t.join(min(0.1, max(0.0, end - time.monotonic())))
        if cancelled is not None and cancelled() and t.is_alive():
            raise Cancelled(f"{what}: cancelled")
    if t.is_alive():
        raise RefreshError(f"{what} did not finish within {deadline_s:g} s (deadline); "
                           "the site is slow or unreachable")
    if "error" in box:
        e = box["error"]
        if isinstance(e, RefreshError):
            raise e
        state = box.get("state") or {"url": None, "responses": []}
        raise RefreshError(f"{what}: {explain(e, state, request_timeout)}",
                           no_connection=isinstance(e, NoConnection)) from e
    if reach is not None:
        reach.answer()  # (a stand-in for akshare that makes no requests answered too)
    return box.get("value")


def fetch_market(market: str, *, deadline_s: float = DEFAULT_DEADLINE, module: Any = None,
                 sources: Sequence[Source] | None = None, request_timeout: float = REQUEST_TIMEOUT,
                 cancelled: Callable[[], bool] | None = None,
                 reach: Reach | None = None) -> tuple[Source, list[dict[str, str]], int]:
    """Download one market's list: (source used, rows, rows skipped). Raises RefreshError.
    ``reach`` (shared by the markets of one refresh): a fallback is not tried when no site answered."""
    if market not in SOURCES:
        raise RefreshError(f"unknown market {market!r} (known: {', '.join(MARKETS)})")
    start = time.monotonic()
    errors = []
    unreachable = False        # the last source failed without ever connecting
    first = True
    try:
        for src in sources or SOURCES[market]:
            left = deadline_s - (time.monotonic() - start)
            if left <= 0:
                errors.append(f"{src.function}: no time left")
                break
            if unreachable and reach is not None and reach.offline(start + deadline_s, cancelled):
                errors.append(f"{market} list ({src.function}): not tried, no site answered (offline?)")
                break
            ak = module if module is not None else _akshare()
            fn = getattr(ak, src.function, None)
            if fn is None:
                errors.append(f"akshare has no {src.function}")
                continue
            try:
                df = call_with_deadline(fn, left, f"{market} list ({src.function})", request_timeout, cancelled,
                                        reach)
                rows, skipped = frame_to_rows(df, src)
            except Cancelled:
                raise
            except RefreshError as e:
                errors.append(str(e))
                unreachable = e.no_connection
                continue
            finally:
                if first and reach is not None:
                    reach.first_done()
                first = False
            if not rows:
                errors.append(f"{market} list ({src.function}): an empty answer")
                unreachable = False
                continue
            return src, rows, skipped
    finally:
        if first and reach is not None:
            reach.first_done()      # (no source was tried)
    raise RefreshError("; ".join(errors) or f"{market}: no source", no_connection=unreachable)


# ---- the cache ---------------------------------------------------------------------------

def _now() -> str:
    return dt.datetime.now().isoformat(timespec="seconds")


def refresh(store: Store, markets: Iterable[str] = MARKETS, *, deadline_s: float = DEFAULT_DEADLINE,
            module: Any = None, force: bool = False, request_timeout: float = REQUEST_TIMEOUT,
            progress: Callable[[RefreshResult], None] | None = None,
            cancelled: Callable[[], bool] | None = None) -> list[RefreshResult]:
    """Refresh each market; a failed one keeps its cached rows. One result per market, in the
    order asked; ``progress(result)`` as each finishes.

    The markets are downloaded side by side (each on its own thread, under its own deadline); the
    store is written and ``progress`` called on the caller's thread. ``cancelled()`` true stops
    within about 0.1 s: the markets in progress are reported as cancelled and keep their cache
    (one that had finished keeps what it got)."""
    import queue

    wanted = list(dict.fromkeys(m.upper() for m in markets))
    if not wanted or (cancelled is not None and cancelled()):
        return []
    reach = Reach(first_round=len(wanted))
    done: queue.Queue = queue.Queue()

    def run(market: str) -> None:
        t0 = time.monotonic()
        try:
            got: Any = fetch_market(market, deadline_s=deadline_s, module=module,
                                    request_timeout=request_timeout, cancelled=cancelled, reach=reach)
        except BaseException as e:  # noqa: BLE001 - handed to the caller's thread
            got = e
        done.put((market, got, time.monotonic() - t0))

    for market in wanted:
        threading.Thread(target=run, args=(market,), name=f"universe {market}", daemon=True).start()
    by_market: dict[str, RefreshResult] = {}
    while len(by_market) < len(wanted):
        market, got, took = done.get()
        if isinstance(got, Cancelled):
            res = RefreshResult(market, "cancelled", message=str(got))
        elif isinstance(got, RefreshError):
            res = RefreshResult(market, "error", message=str(got))
            _log(store, res)
        elif isinstance(got, BaseException):
            raise got
        else:
            src, rows, skipped = got
            res = _save(store, market, src, rows, skipped, force)
        res.seconds = took
        by_market[market] = res
        if progress and res.status != "cancelled":
            progress(res)
    return [by_market[m] for m in wanted]


def _save(store: Store, market: str, src: Source, rows: list[dict[str, str]], skipped: int,
          force: bool) -> RefreshResult:
    now = _now()
    with store.write() as conn:
        before = {r.code for r in conn.execute(select(universe_listings_t.c.code)
                                                .where(universe_listings_t.c.market == market))}
        if before and len(rows) < len(before) / 2 and not force:
            msg = (f"{src.function} gave {len(rows):,} listings, fewer than half the {len(before):,} cached "
                   "(a cut-off download?); kept the cache (use --force to take it)")
            res = RefreshResult(market, "error", src.function, len(rows), skipped=skipped, message=msg)
            _log_conn(conn, res, now)
            return res
        conn.execute(delete(universe_listings_t).where(universe_listings_t.c.market == market))
        conn.execute(insert(universe_listings_t), [{**r, "source": f"akshare.{src.function}",
                                                     "fetched_at": now} for r in rows])
        codes = {r["code"] for r in rows}
        res = RefreshResult(market, "ok", src.function, len(rows), added=len(codes - before),
                            removed=len(before - codes), skipped=skipped)
        _log_conn(conn, res, now)
    return res


def _log(store: Store, res: RefreshResult) -> None:
    with store.write() as conn:
        _log_conn(conn, res, _now())


def _log_conn(conn, res: RefreshResult, now: str) -> None:
    conn.execute(insert(universe_refreshes_t).values(
        market=res.market, source=res.source or "", fetched_at=now, rows=res.rows,
        status=res.status, message=res.message))


@dataclass(frozen=True)
class Listing:
    code: str
    market: str
    name: str
    base_name: str
    source: str
    fetched_at: str


def cached_listings(store: Store, market: str | None = None) -> list[Listing]:
    q = select(universe_listings_t).order_by(universe_listings_t.c.code)
    if market:
        q = q.where(universe_listings_t.c.market == market.upper())
    with store.read() as conn:
        return [Listing(r.code, r.market, r.name, r.base_name, r.source, r.fetched_at)
                for r in conn.execute(q)]


def listing_names(store: Store, base: Iterable[Security] | None = None) -> list[Security]:
    """Every listing the desk knows: ``base`` (default: the store's securities, i.e. the bundled
    snapshot and the knowledge base's listings) updated and extended by the cached refreshed lists.

    Knowledge-base listings keep their curated names; a snapshot row takes the refreshed name when
    the company was renamed; new listings come in with their base name (marks stripped) in both scripts.
    """
    secs = {s.code: s for s in (base if base is not None else store.securities())}
    for ls in cached_listings(store):
        old = secs.get(ls.code)
        name = ls.base_name or ls.name
        if old is not None:
            if old.in_kb or old.name_zh_hans == name:
                continue
            secs[ls.code] = Security(code=old.code, name_zh_hans=name, name_zh_hant=to_hant(name),
                                     name_en=old.name_en, pinyin="", industry=old.industry,
                                     board=old.board, list_date=old.list_date, in_kb=False)
        else:
            secs[ls.code] = Security(code=ls.code, name_zh_hans=name, name_zh_hant=to_hant(name),
                                     board=_board(ls.code))
    return list(secs.values())


def status(store: Store) -> list[dict[str, Any]]:
    """Per market: cached rows, when and from where, and the last attempt (with its error)."""
    out = []
    with store.read() as conn:
        for market in MARKETS:
            n = conn.execute(select(func.count()).select_from(universe_listings_t)
                             .where(universe_listings_t.c.market == market)).scalar() or 0
            last_ok = conn.execute(select(universe_refreshes_t).where(
                universe_refreshes_t.c.market == market, universe_refreshes_t.c.status == "ok")
                .order_by(universe_refreshes_t.c.id.desc()).limit(1)).first()
            last = conn.execute(select(universe_refreshes_t).where(universe_refreshes_t.c.market == market)
                                .order_by(universe_refreshes_t.c.id.desc()).limit(1)).first()
            out.append({
                "market": market, "cached": int(n),
                "refreshed_at": last_ok.fetched_at if last_ok else None,
                "source": f"akshare.{last_ok.source}" if last_ok else None,
                "last_attempt": last.fetched_at if last else None,
                "last_status": last.status if last else None,
                "last_message": last.message if last else "",
            })
    return out
