"""A real PostgreSQL server for the tests: one per pytest process (so per xdist worker), started with
``initdb`` + ``pg_ctl`` into a temporary folder (tools/pglocal.py), stopped at the end.

Under CI=true a missing server fails the run instead of skipping (the PostgreSQL tests must run).
Every test gets its own database, copied from a template that already holds the schema and the
bundled knowledge base (CREATE DATABASE … TEMPLATE is a file copy: ~0.1 s).
Roles: ``chainwatch_admin`` (superuser, the database owner), ``alice`` and ``bob`` (writers),
``reader`` (read-only). Passwords live in the server's pgpass file, which ``PGPASSFILE`` names.
"""
from __future__ import annotations

import itertools
import os
import shutil
import tempfile
from pathlib import Path

import pytest

USERS = {"alice": "write", "bob": "write", "reader": "read"}


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


@pytest.fixture(scope="session")
def pg_server():
    from tools.pglocal import LocalPostgres, PgUnavailable

    root = Path(tempfile.mkdtemp(prefix="cw-pg-", dir="/tmp"))
    try:
        pg = LocalPostgres(root).init().start()
    except (PgUnavailable, RuntimeError, OSError) as e:
        shutil.rmtree(root, ignore_errors=True)
        if _in_ci():
            pytest.fail(f"PostgreSQL is needed for these tests under CI and could not start: {e}")
        pytest.skip(f"no PostgreSQL server here: {e}")
    old = os.environ.get("PGPASSFILE")
    os.environ["PGPASSFILE"] = str(pg.pgpass)
    for user in USERS:
        pw = f"pw-{user}-';\"x"
        pg.psql_exec(f"CREATE ROLE {user} LOGIN PASSWORD '{pw.replace(chr(39), chr(39) * 2)}'")
        pg.add_password(user, pw.replace("\\", "\\\\").replace(":", "\\:"))
    try:
        yield pg
    finally:
        pg.stop()
        if old is None:
            os.environ.pop("PGPASSFILE", None)
        else:
            os.environ["PGPASSFILE"] = old
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="session")
def pg_template(pg_server):
    """A database with the schema, the knowledge base and the users' grants, to copy per test."""
    from app.services import Desk
    from app.team.pg import grant

    pg_server.psql_exec("CREATE DATABASE cw_template")
    desk = Desk.open(pg_server.url("cw_template"))
    with desk.store.write() as conn:
        for user, level in USERS.items():
            grant(conn, user, level)
    desk.store.close()
    return "cw_template"


_n = itertools.count()


class PgDB:
    def __init__(self, server, name: str):
        self.server, self.name = server, name

    def url(self, user: str | None = None) -> str:
        return self.server.url(self.name, user)


@pytest.fixture
def pg_db(pg_server, pg_template):
    """A fresh database (schema + knowledge base + grants) for one test; ``.url(user)``."""
    name = f"t{os.getpid()}_{next(_n)}"
    pg_server.psql_exec(f"CREATE DATABASE {name} TEMPLATE {pg_template}")
    yield PgDB(pg_server, name)
    pg_server.psql_exec(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture
def pg_empty(pg_server):
    """An empty database (no schema) for one test."""
    name = f"e{os.getpid()}_{next(_n)}"
    pg_server.psql_exec(f"CREATE DATABASE {name}")
    yield PgDB(pg_server, name)
    pg_server.psql_exec(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request, tmp_path):
    """A store target on each database: a file path, or a fresh PostgreSQL database's URL."""
    if request.param == "sqlite":
        return str(tmp_path / "store.sqlite")
    return request.getfixturevalue("pg_db").url()
