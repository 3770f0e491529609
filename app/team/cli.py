"""``python main.py db …``: set up, upgrade, inspect and fill a (team) database."""
from __future__ import annotations

import argparse

from app.store import SCHEMA_VERSION, Store, StoreError


def _target(args) -> str:
    db = getattr(args, "db", None)
    if not db:
        from app.store import default_db_path

        return str(default_db_path())
    return db


def _create_database(url: str) -> str:
    """CREATE DATABASE for a postgresql:// URL (connecting to the server's `postgres` database)."""
    import psycopg
    from psycopg import sql

    from app.team.pg import connect_message, pg_url, safe_url

    u = pg_url(url)
    params = {k: v for k, v in {"host": u.host, "port": u.port, "user": u.username,
                                "password": u.password, "dbname": "postgres"}.items() if v is not None}
    try:
        with psycopg.connect(**params, autocommit=True, connect_timeout=10) as c:
            if c.execute("SELECT 1 FROM pg_database WHERE datname = %s", (u.database,)).fetchone():
                return f"database {u.database} exists"
            c.execute(sql.SQL("CREATE DATABASE {} ENCODING 'UTF8' TEMPLATE template0").format(
                sql.Identifier(u.database)))
    except psycopg.OperationalError as e:
        raise StoreError(connect_message(e, safe_url(url))) from None
    except psycopg.Error as e:
        raise StoreError(f"{safe_url(url)}: could not create database {u.database}: {str(e).strip()}") from None
    return f"created database {u.database}"


def cmd_db(args: argparse.Namespace) -> int:
    from app.store import is_url

    action = args.action
    if action == "copy":
        from app.team.copy import copy_store

        if not args.from_ or not args.to:
            raise StoreError("db copy --from STORE --to STORE (a file path or a postgresql:// URL)")
        counts = copy_store(args.from_, args.to, replace=args.replace)
        for t, n in counts.items():
            print(f"{t:16} {n:>8} rows")
        print(f"copied {sum(counts.values())} rows; row counts checked table by table")
        return 0
    target = _target(args)
    if action == "init":
        if args.create and is_url(target):
            print(_create_database(target))
        from app.services import Desk

        desk = Desk.open(target)
        if desk.store.is_postgres:
            from app.team.pg import apply_security

            with desk.store.write() as conn:
                problems = apply_security(conn)
            for p in problems:
                print(f"warning: {p}")
        print(f"ready: {desk.store.path} (schema {desk.store.schema_version()}, knowledge base {desk.kb.version})")
        return 0
    if action == "upgrade":
        store = Store.open(target)  # migrates
        from app.services import Desk

        desk = Desk.open(target)
        print(f"{store.path}: schema {store.schema_version()}, knowledge base {desk.kb.version}")
        return 0
    if action == "status":
        return _status(target)
    if action == "grant":
        if len(args.args) != 2:
            raise StoreError("db grant USER read|write|none --db URL")
        store = Store.open(target)
        if not store.is_postgres:
            raise StoreError("db grant: users and roles exist on PostgreSQL only")
        from app.team.pg import grant

        with store.write() as conn:
            print(grant(conn, args.args[0], args.args[1]))
        return 0
    if action == "share":
        if len(args.args) != 2:
            raise StoreError("db share WATCHLIST personal|read|edit --db URL")
        store = Store.open(target)
        w = store.watchlist(args.args[0])
        store.share_watchlist(w.id, args.args[1])
        print(f"{w.name!r} is now {args.args[1]}")
        return 0
    raise StoreError(f"unknown db action {action!r}")


def _status(target: str) -> int:
    from sqlalchemy import func, select, text

    from app.services import bundled_version
    from app.store import bar_series_t, items_t, price_fetches_t, watchlists_t

    store = _open_no_upgrade(target)
    v = store.schema_version()
    lines = [f"store:           {store.path}"]
    if store.is_postgres:
        with store.read() as c:
            ver = c.execute(text("SHOW server_version")).scalar()
            lines.append(f"server:          PostgreSQL {ver}, connected as {store.user}")
    lines.append(f"schema:          {v} (this program: {SCHEMA_VERSION})"
                 + ("" if v == SCHEMA_VERSION else "  -> run: python main.py db upgrade"))
    kbv = store.kb_version() if v else None
    lines.append(f"knowledge base:  {kbv or 'not loaded'} (bundled: {bundled_version()})")
    if v:
        with store.read() as c:
            n_l = c.execute(select(func.count()).select_from(watchlists_t)).scalar()
            n_i = c.execute(select(func.count()).select_from(items_t)).scalar()
            n_p = c.execute(select(func.coalesce(func.sum(bar_series_t.c.n), 0))).scalar()
            n_f = c.execute(select(func.count()).select_from(price_fetches_t)).scalar()
        lines.append(f"visible to you:  {n_l} watchlists, {n_i} items, {n_p} price bars, {n_f} fetch-log lines")
        lines.append(f"change counter:  {store.change_seq()}")
    if store.is_postgres and v:
        from app.team.pg import members

        with store.read() as c:
            rls = c.execute(text("SELECT relname, relrowsecurity FROM pg_class WHERE relname IN "
                                 "('watchlists', 'watchlist_items') ORDER BY relname")).all()
            ms = members(c)
        lines.append("row security:    " + ", ".join(f"{n} {'on' if on else 'OFF'}" for n, on in rls))
        lines.append("users:           " + (", ".join(f"{u} ({lvl})" for u, lvl in ms) or "none granted yet"))
    print("\n".join(lines))
    return 0


def _open_no_upgrade(target: str) -> Store:
    """Open without migrating (status must not change anything)."""
    from app.store import is_url

    if is_url(target) and not target.startswith("sqlite:"):
        from app.team.pg import open_engine

        engine, shown, user = open_engine(target)
        store = Store(engine, shown, user)
    else:
        from pathlib import Path

        p = Path(target[len("sqlite:///"):] if target.startswith("sqlite:///") else target)
        if not p.exists():
            raise StoreError(f"{p}: no such store file")
        from sqlalchemy import create_engine

        from app.store import _setup_sqlite

        engine = create_engine(f"sqlite:///{p}", connect_args={"check_same_thread": False})
        _setup_sqlite(engine)
        store = Store(engine, p)
    store._counted = store.schema_version() >= 5
    return store


def add_commands(add) -> None:
    sp = add("db", cmd_db, "set up and inspect a store: init | upgrade | status | copy | grant | share")
    sp.add_argument("action", choices=["init", "upgrade", "status", "copy", "grant", "share"])
    sp.add_argument("args", nargs="*", help="grant: USER read|write|none; share: WATCHLIST personal|read|edit")
    sp.add_argument("--create", action="store_true", help="init: create the PostgreSQL database first")
    sp.add_argument("--from", dest="from_", metavar="STORE", help="copy: source (file or URL)")
    sp.add_argument("--to", metavar="STORE", help="copy: target (file or URL)")
    sp.add_argument("--replace", action="store_true", help="copy: replace the target's watchlists")
