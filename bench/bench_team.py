"""Team-mode load test: many clients on one store doing mixed reads and writes at once.

    python bench/bench_team.py                      # starts a throw-away PostgreSQL (tools/pglocal.py)
    python bench/bench_team.py --url postgresql://me@host/db   # an existing, empty database
    python bench/bench_team.py --clients 20 --ops 200 --sqlite-clients 4

Each client is a process with its own Store. Per op (weights in OPS): add a code to the shared
list, move rows of the shared list, edit a shared item's notes against the value it read (a
conflict when someone else changed it in between: counted, not an error), remove a shared item
with the version it saw, import 20 codes with fields into its own list in one transaction, read
the lists. Each client also keeps a private list whose exact content it knows.

Checks afterwards (printed; the script asserts nothing about timings): every list's positions are
0..n-1 without gaps or duplicates, no code twice in a list, every private list is exactly what its
client committed (nothing lost), every shared note is a value some client wrote, no errors other
than conflicts (so no deadlock, no serialisation failure surfaced). Prints throughput and p50/p95
latency per operation, for PostgreSQL with ``--clients`` processes and for SQLite with
``--sqlite-clients`` processes.
"""
from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

OPS = {"add": 3, "move": 3, "edit": 4, "remove": 2, "import": 1, "read": 3}
SHARED = "shared desk"


def _codes(n: int, start: int = 600000) -> list[str]:
    return [f"{start + i:06d}.SH" for i in range(n)]


def client(target: str, cid: int, n_ops: int, seed: int, q) -> None:
    from app.store import ConflictError, Store

    rnd = random.Random(seed)
    s = Store.open(target)
    shared = s.watchlist(SHARED).id
    own = s.create_watchlist(f"client {cid}")
    own_model: list[tuple[str, str]] = []          # (code, notes) as committed, in order
    pool = _codes(400)
    lat: dict[str, list[float]] = defaultdict(list)
    conflicts = defaultdict(int)
    errors: list[str] = []
    written: list[str] = []
    choices = [k for k, w in OPS.items() for _ in range(w)]
    import_base = 300000 + cid * 1000
    t_start = time.time()
    for i in range(n_ops):
        op = rnd.choice(choices)
        t0 = time.perf_counter()
        try:
            if op == "add":
                s.add_items(shared, [rnd.choice(pool)], at=rnd.randrange(50))
            elif op == "move":
                codes = s.watchlist(shared).codes
                if len(codes) > 2:
                    s.move_items(shared, rnd.sample(codes, 2), rnd.randrange(len(codes)))
            elif op == "edit":
                items = s.watchlist(shared).items
                if items:
                    it = rnd.choice(items)
                    val = f"c{cid}-{i} 'x'; \"y\""
                    try:
                        s.update_item(shared, it.code, expect={"notes": it.notes}, notes=val)
                        written.append(val)
                    except ConflictError:
                        conflicts["edit"] += 1
                    except Exception as e:  # the item was removed meanwhile
                        if "not in that watchlist" not in str(e):
                            raise
                        conflicts["edit-removed"] += 1
            elif op == "remove":
                items = s.watchlist(shared).items
                if items:
                    it = rnd.choice(items)
                    try:
                        s.remove_items(shared, [it.code], versions={it.code: it.version})
                    except ConflictError:
                        conflicts["remove"] += 1
            elif op == "import":
                new = [f"{import_base + len(own_model) + k:06d}.SZ" for k in range(20)]
                fields = {c: {"notes": f"imported by {cid}", "tags": ["bench"], "rating": 3} for c in new}
                s.add_items(own, new, fields=fields)
                own_model.extend((c, f"imported by {cid}") for c in new)
            else:
                s.watchlists()
        except Exception as e:  # noqa: BLE001 - reported
            errors.append(f"{op}: {e}")
        lat[op].append(time.perf_counter() - t0)
    t_end = time.time()
    w = s.watchlist(own)
    lost = [(c, n) for (c, n) in own_model if (c, n) not in {(i.code, i.notes) for i in w.items}]
    extra = len(w.items) - len(own_model)
    s.close()
    q.put({"cid": cid, "lat": dict(lat), "conflicts": dict(conflicts), "errors": errors,
           "written": written, "lost": lost, "extra": extra,
           "t": (t_start, t_end)})


def run(target: str, n_clients: int, n_ops: int, label: str) -> dict:
    from app.store import Store

    s = Store.open(target)
    wl = s.ensure_watchlist(SHARED)
    s.add_items(wl, _codes(60, 601000))
    s.close()
    ctx = mp.get_context("spawn")
    q = ctx.Queue()
    procs = [ctx.Process(target=client, args=(target, c, n_ops, 1000 + c, q)) for c in range(n_clients)]
    t0 = time.perf_counter()
    for p in procs:
        p.start()
    results = [q.get(timeout=1800) for _ in procs]
    for p in procs:
        p.join(60)
    wall = time.perf_counter() - t0
    return check(target, results, wall, label)


def check(target: str, results: list[dict], wall: float, label: str) -> dict:
    from app.store import Store

    s = Store.open(target)
    problems = []
    for w in s.watchlists():
        pos = [i.position for i in w.items]
        if pos != list(range(len(pos))):
            problems.append(f"{w.name}: positions {pos[:10]}…")
        if len(set(w.codes)) != len(w.codes):
            problems.append(f"{w.name}: a code twice")
    written = {v for r in results for v in r["written"]}
    for it in s.watchlist(SHARED).items:
        if it.notes and it.notes not in written:
            problems.append(f"shared {it.code}: notes {it.notes!r} were never written by a client")
    for r in results:
        if r["lost"] or r["extra"]:
            problems.append(f"client {r['cid']}: {len(r['lost'])} items lost, {r['extra']} extra")
    errors = [e for r in results for e in r["errors"]]
    conflicts = defaultdict(int)
    for r in results:
        for k, v in r["conflicts"].items():
            conflicts[k] += v
    lat = defaultdict(list)
    for r in results:
        for k, v in r["lat"].items():
            lat[k].extend(v)
    n = sum(len(v) for v in lat.values())
    allv = sorted(x for v in lat.values() for x in v)
    busy = max(r["t"][1] for r in results) - min(r["t"][0] for r in results)
    print(f"\n{label}: {len(results)} clients x {n // max(1, len(results))} ops = {n} ops in {busy:.1f} s "
          f"-> {n / busy:.0f} ops/s ({wall:.1f} s with process start-up)")
    print(f"  {'op':8} {'n':>6} {'p50 ms':>8} {'p95 ms':>8}")
    for k in list(OPS) + ["all"]:
        v = sorted(lat[k]) if k != "all" else allv
        if v:
            print(f"  {k:8} {len(v):>6} {statistics.median(v) * 1e3:>8.1f} {v[int(len(v) * 0.95) - 1] * 1e3:>8.1f}")
    print(f"  conflicts detected (expected under contention): {dict(conflicts)}")
    print(f"  errors: {len(errors)}" + (f" e.g. {errors[:3]}" if errors else ""))
    print(f"  integrity: {'ok' if not problems else problems[:5]}")
    s.close()
    return {"ops": n, "wall": wall, "busy": busy, "errors": errors, "problems": problems}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--url", help="an empty PostgreSQL database (default: start a local server)")
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--ops", type=int, default=200)
    ap.add_argument("--sqlite-clients", type=int, default=4)
    ap.add_argument("--skip-sqlite", action="store_true")
    args = ap.parse_args()
    bad = 0
    server = None
    root = None
    try:
        url = args.url
        if not url:
            from tools.pglocal import LocalPostgres

            root = Path(tempfile.mkdtemp(prefix="cw-bench-pg-", dir="/tmp"))
            server = LocalPostgres(root).init().start()
            os.environ["PGPASSFILE"] = str(server.pgpass)
            server.psql_exec("CREATE DATABASE bench")
            url = server.url("bench")
            print(f"local PostgreSQL on 127.0.0.1:{server.port} (fsync off)")
        r = run(url, args.clients, args.ops, "PostgreSQL")
        bad += bool(r["errors"] or r["problems"])
        if not args.skip_sqlite:
            d = Path(tempfile.mkdtemp(prefix="cw-bench-sqlite-"))
            r = run(str(d / "bench.sqlite"), args.sqlite_clients, args.ops, "SQLite (WAL)")
            bad += bool(r["errors"] or r["problems"])
            shutil.rmtree(d, ignore_errors=True)
    finally:
        if server:
            server.stop()
        if root:
            shutil.rmtree(root, ignore_errors=True)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
