"""PostgreSQL specifics of the store: opening a URL, clear connection errors, roles and security.

* URLs: ``postgresql://user@host:port/dbname`` (also ``postgres://`` and ``postgresql+psycopg://``),
  driven by psycopg 3 through SQLAlchemy's ``postgresql+psycopg`` dialect. libpq's own mechanisms
  supply the password: ``~/.pgpass`` (or ``PGPASSFILE``), a service file (``?service=name``),
  ``PGPASSWORD`` for scripts. The desk never stores a password in its settings
  (:func:`safe_url` removes one before anything is remembered).
* Roles (cluster-wide, created by ``db init`` when the owner may create roles):
  ``chainwatch_read`` may look at everything; ``chainwatch_write`` also changes watchlists, items,
  screens and the price cache (not the knowledge base or the schema, which stay with the database
  owner). Users are login roles granted one of the two (``db grant NAME read|write``).
* Row-level security on ``watchlists`` and ``watchlist_items`` enforces list sharing inside the
  database: a personal list is invisible to others, a list shared read-only can be read by all and
  changed only by its owner, a list shared for editing can be changed by every writer.
"""
from __future__ import annotations

import logging
import re

from sqlalchemy import create_engine, exc as sa_exc, text
from sqlalchemy.engine import Connection, Engine, make_url

from app.domain import StoreError

log = logging.getLogger(__name__)

MIN_SERVER_VERSION = (12, 0)
READ_ROLE = "chainwatch_read"
WRITE_ROLE = "chainwatch_write"
# Tables only the database owner writes (db init / upgrade); every other table is writable by
# chainwatch_write, so tables added by later migrations are covered without a list to keep.
OWNER_ONLY_TABLES = ("meta", "kb_records", "kb_facts", "kb_figures", "securities")
_SCHEMES = ("postgresql", "postgres", "postgresql+psycopg")


def pg_url(url: str):
    """The SQLAlchemy URL for a user-given one; refuses schemes we do not drive."""
    try:
        u = make_url(url.replace("postgres://", "postgresql://", 1) if url.startswith("postgres://") else url)
    except Exception as e:  # noqa: BLE001 - sqlalchemy raises ArgumentError / ValueError
        raise StoreError(f"not a database URL: {url!r} ({e})") from None
    if u.drivername not in _SCHEMES:
        raise StoreError(f"unsupported database URL {safe_url(url)!r}: use postgresql://user@host:port/dbname "
                         f"or a file path")
    if not u.database and "service" not in u.query:
        raise StoreError(f"{safe_url(url)}: the URL names no database (postgresql://user@host:port/dbname)")
    return u.set(drivername="postgresql+psycopg")


def safe_url(url: str) -> str:
    """The URL without its password: what may be shown, logged and remembered."""
    try:
        u = make_url(url)
    except Exception:  # noqa: BLE001
        return re.sub(r"//([^:/@]+):[^@]*@", r"//\1@", url)
    from sqlalchemy.engine import URL

    bare = URL.create(u.drivername, u.username, None, u.host, u.port, u.database, u.query)
    return bare.render_as_string(hide_password=False)


def open_engine(url: str) -> tuple[Engine, str, str]:
    """(engine, URL to show, current_user): connects once so a bad URL fails here, clearly."""
    u = pg_url(url)
    shown = safe_url(str(url))
    engine = create_engine(u, pool_pre_ping=True, pool_size=4, max_overflow=8,
                           connect_args={"connect_timeout": 10, "application_name": "chainwatch"})
    try:
        with engine.connect() as c:
            ver = c.dialect.server_version_info or (0,)
            user = c.execute(text("SELECT current_user")).scalar()
    except sa_exc.OperationalError as e:
        engine.dispose()
        raise StoreError(connect_message(e, shown)) from None
    except sa_exc.DBAPIError as e:
        engine.dispose()
        raise StoreError(f"{shown}: {str(e.orig).strip()}") from None
    if tuple(ver[:2]) < MIN_SERVER_VERSION:
        engine.dispose()
        raise StoreError(f"{shown}: PostgreSQL {'.'.join(map(str, ver))} is too old; Chainwatch needs "
                         f"{'.'.join(map(str, MIN_SERVER_VERSION))} or newer")
    return engine, shown, user


def connect_message(e: BaseException, shown: str) -> str:
    """One line that says what went wrong connecting, and what to do about it."""
    raw = str(getattr(e, "orig", e))
    try:
        u = make_url(shown)
        who, where, db = u.username or "(your login name)", f"{u.host or 'localhost'}:{u.port or 5432}", u.database
    except Exception:  # noqa: BLE001
        who, where, db = "(user)", shown, "(database)"
    low = raw.lower()
    if "password authentication failed" in low:
        return (f"{shown}: wrong password for user {who} (or no such user). libpq reads the password "
                f"from ~/.pgpass (or the file PGPASSFILE names): a line {where.replace(':', ':', 1)}:{db}:{who}:PASSWORD")
    if "no password supplied" in low or "fe_sendauth" in low:
        return (f"{shown}: the server wants a password for {who}; put it in ~/.pgpass (mode 0600) as "
                f"{where}:{db}:{who}:PASSWORD, or use a service file; Chainwatch never stores passwords")
    m = re.search(r'database "([^"]+)" does not exist', raw)
    if m:
        return (f"{shown}: database {m.group(1)!r} does not exist on {where}; create it "
                f"(python main.py db init --create --db {shown}) or check the name")
    m = re.search(r'role "([^"]+)" does not exist', raw)
    if m:
        return f"{shown}: there is no user {m.group(1)!r} on {where}; ask the administrator (db grant)"
    if "permission denied for database" in low or "not permitted to log in" in low:
        return f"{shown}: {who} may not connect to {db}: ask the administrator to grant access"
    if any(s in low for s in ("connection refused", "could not translate host name", "name or service not known",
                              "timeout expired", "no route to host", "network is unreachable",
                              "failed to resolve host", "could not connect", "connection timed out")):
        lines = [ln.strip() for ln in raw.strip().splitlines() if ln.strip()]
        reason = lines[0].rsplit("failed:", 1)[-1].strip() if lines else raw
        return (f"{shown}: cannot reach a PostgreSQL server at {where} ({reason}); is it running and "
                f"listening there?")
    return f"{shown}: could not connect: {raw.strip().splitlines()[0] if raw.strip() else e}"


# ---- roles and security ------------------------------------------------------------------
def _try(conn: Connection, sql: str) -> bool:
    """Run one statement in a savepoint; False (logged) when the server refuses it."""
    sp = conn.begin_nested()
    try:
        conn.exec_driver_sql(sql)
    except sa_exc.DBAPIError as e:
        sp.rollback()
        log.warning("not done (%s): %s", str(e.orig).strip().splitlines()[0], sql)
        return False
    sp.commit()
    return True


def _role_exists(conn: Connection, name: str) -> bool:
    return conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": name}).first() is not None


_LIST_EDITABLE = "(w.owner = current_user OR w.owner = '' OR w.sharing = 'edit')"
_POLICIES = {
    "watchlists": [
        ("cw_see", "SELECT", "USING (owner = current_user OR owner = '' OR sharing <> 'personal')"),
        ("cw_add", "INSERT", "WITH CHECK (owner = current_user)"),
        ("cw_change", "UPDATE", "USING (owner = current_user OR owner = '') WITH CHECK (owner = current_user OR owner = '')"),
        ("cw_drop", "DELETE", "USING (owner = current_user OR owner = '')"),
    ],
    "watchlist_items": [
        ("cw_see", "SELECT", "USING (EXISTS (SELECT 1 FROM watchlists w WHERE w.id = watchlist_items.watchlist_id))"),
        ("cw_add", "INSERT", "WITH CHECK (EXISTS (SELECT 1 FROM watchlists w WHERE w.id = watchlist_items.watchlist_id "
                             f"AND {_LIST_EDITABLE}))"),
        ("cw_change", "UPDATE", "USING (EXISTS (SELECT 1 FROM watchlists w WHERE w.id = watchlist_items.watchlist_id "
                                f"AND {_LIST_EDITABLE}))"),
        ("cw_drop", "DELETE", "USING (EXISTS (SELECT 1 FROM watchlists w WHERE w.id = watchlist_items.watchlist_id "
                              f"AND {_LIST_EDITABLE}))"),
    ],
}


def apply_security(conn: Connection) -> list[str]:
    """Roles, grants and row-level security; idempotent (run after every migration). Returns
    what could not be done (e.g. the owner may not create roles), for ``db status``/``init``."""
    problems = []
    conn.exec_driver_sql("SELECT pg_advisory_xact_lock(hashtextextended('chainwatch:roles', 0))")
    for role in (READ_ROLE, WRITE_ROLE):
        if not _role_exists(conn, role) and not _try(conn, f"CREATE ROLE {role} NOLOGIN"):
            problems.append(f"could not create role {role}: a superuser (or a role with CREATEROLE) must "
                            f"run `python main.py db init` once")
    for table, policies in _POLICIES.items():
        conn.exec_driver_sql(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        for name, cmd, body in policies:
            conn.exec_driver_sql(f"DROP POLICY IF EXISTS {name} ON {table}")
            conn.exec_driver_sql(f"CREATE POLICY {name} ON {table} FOR {cmd} {body}")
    if not (_role_exists(conn, READ_ROLE) and _role_exists(conn, WRITE_ROLE)):
        return problems
    tables = [r[0] for r in conn.execute(text(
        "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"))]
    schema = conn.execute(text("SELECT current_schema()")).scalar()
    for sql in (f"GRANT USAGE ON SCHEMA {schema} TO {READ_ROLE}",
                f"GRANT SELECT ON ALL TABLES IN SCHEMA {schema} TO {READ_ROLE}",
                f"GRANT {READ_ROLE} TO {WRITE_ROLE}",
                f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {schema} TO {WRITE_ROLE}"):
        if not _try(conn, sql):
            problems.append(f"not granted: {sql}")
    writable = [t for t in tables if t not in OWNER_ONLY_TABLES]
    if writable and not _try(conn, f"GRANT INSERT, UPDATE, DELETE ON {', '.join(writable)} TO {WRITE_ROLE}"):
        problems.append(f"could not grant writing to {WRITE_ROLE}")
    return problems


def grant(conn: Connection, user: str, level: str) -> str:
    """Make ``user`` (a login role, created without a password when missing) a reader, writer or
    nothing (``none``) on this team database. Returns what was done."""
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]{0,62}", user):
        raise StoreError(f"user name {user!r}: letters, digits and _ only (a PostgreSQL role name)")
    if level not in ("read", "write", "none"):
        raise StoreError(f"access {level!r} is not read, write or none")
    done = []
    if not _role_exists(conn, user):
        conn.exec_driver_sql(f'CREATE ROLE "{user}" LOGIN')
        done.append(f"created login role {user} (set its password: psql -c \"\\password {user}\")")
    db = conn.execute(text("SELECT current_database()")).scalar()
    conn.exec_driver_sql(f'GRANT CONNECT ON DATABASE "{db}" TO "{user}"')
    for role in (READ_ROLE, WRITE_ROLE):
        conn.exec_driver_sql(f'REVOKE {role} FROM "{user}"')
    if level != "none":
        role = WRITE_ROLE if level == "write" else READ_ROLE
        conn.exec_driver_sql(f'GRANT {role} TO "{user}"')
        done.append(f"{user} may {'read and change' if level == 'write' else 'read'} {db}")
    else:
        done.append(f"{user} has no access to Chainwatch data in {db}")
    return "; ".join(done)


def members(conn: Connection) -> list[tuple[str, str]]:
    """(user, read|write) for every role granted access."""
    rows = conn.execute(text(
        "SELECT m.rolname, r.rolname FROM pg_auth_members a JOIN pg_roles r ON r.oid = a.roleid "
        "JOIN pg_roles m ON m.oid = a.member WHERE r.rolname IN (:r, :w) AND m.rolname <> :w "
        "ORDER BY m.rolname"), {"r": READ_ROLE, "w": WRITE_ROLE}).all()
    out: dict[str, str] = {}
    for user, role in rows:
        out[user] = "write" if role == WRITE_ROLE or out.get(user) == "write" else "read"
    return sorted(out.items())
