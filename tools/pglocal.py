"""A throw-away local PostgreSQL server: ``initdb`` into a folder, ``pg_ctl`` start/stop on a loopback port.

Used by the tests (one server per pytest worker), by ``bench/bench_team.py`` and by anyone who wants
to try team mode without a database administrator::

    python tools/pglocal.py start /tmp/cw-pg      # prints the URL and the .pgpass line
    python tools/pglocal.py stop /tmp/cw-pg

The server listens on 127.0.0.1 only, asks every TCP client for a password (scram-sha-256) and
keeps the superuser's password in ``<dir>/pgpass`` (mode 0600; point ``PGPASSFILE`` at it).
PostgreSQL refuses to run as root: as root the data folder is handed to the user ``nobody``
(or ``$CHAINWATCH_PG_USER``) and every server binary runs through ``runuser``.
Needs the Debian ``postgresql`` package (or the server binaries on PATH / ``$PG_BIN``).
"""
from __future__ import annotations

import glob
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path


class PgUnavailable(RuntimeError):
    """No PostgreSQL server binaries on this machine."""


def pg_bin() -> Path:
    """The folder holding initdb / pg_ctl (newest Debian version first)."""
    env = os.environ.get("PG_BIN")
    if env and (Path(env) / "initdb").exists():
        return Path(env)
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                   key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0)
    if found:
        return Path(found[-1]).parent
    which = shutil.which("initdb")
    if which:
        return Path(which).parent
    raise PgUnavailable("PostgreSQL server binaries not found (apt-get install postgresql, "
                        "or set PG_BIN to the folder with initdb and pg_ctl)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class LocalPostgres:
    root: Path
    port: int = 0
    superuser: str = "chainwatch_admin"
    password: str = ""
    run_as: str | None = None
    _bin: Path = field(default_factory=pg_bin)

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def pgpass(self) -> Path:
        return self.root / "pgpass"

    def url(self, db: str = "postgres", user: str | None = None) -> str:
        return f"postgresql://{user or self.superuser}@127.0.0.1:{self.port}/{db}"

    # ---- running the server binaries ------------------------------------------------------
    def _cmd(self, *args: str) -> list[str]:
        exe = [str(self._bin / args[0]), *args[1:]]
        return ["runuser", "-u", self.run_as, "--", *exe] if self.run_as else exe

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        return subprocess.run(self._cmd(*args), capture_output=True, text=True, check=check,
                              cwd="/", timeout=120)

    def init(self) -> "LocalPostgres":
        self.root.mkdir(parents=True, exist_ok=True)
        self.run_as = self.run_as or (os.environ.get("CHAINWATCH_PG_USER", "nobody")
                                      if os.geteuid() == 0 else None)
        self.password = self.password or secrets.token_hex(12)
        pwfile = self.root / "pw"
        pwfile.write_text(self.password + "\n")
        self.root.chmod(0o711)
        if self.run_as:
            for parent in self.root.resolve().parents:
                if not os.stat(parent).st_mode & 0o001:
                    raise RuntimeError(f"{parent} is not searchable by other users, so {self.run_as} "
                                       f"cannot reach {self.root}: use a folder under /tmp")
            shutil.chown(self.root, self.run_as)
            shutil.chown(pwfile, self.run_as)
        try:
            self._run("initdb", "-D", str(self.data), "-U", self.superuser, f"--pwfile={pwfile}",
                      "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8",
                      "--locale=C", "--no-sync")
        except subprocess.CalledProcessError as e:
            raise RuntimeError(f"initdb failed: {e.stderr.strip() or e.stdout.strip()}") from None
        finally:
            pwfile.unlink(missing_ok=True)
        self.pgpass.write_text(f"127.0.0.1:*:*:{self.superuser}:{self.password}\n")
        self.pgpass.chmod(0o600)
        return self

    def start(self) -> "LocalPostgres":
        self.port = self.port or free_port()
        sock = self.root / "sock"
        sock.mkdir(exist_ok=True)
        if self.run_as:
            shutil.chown(sock, self.run_as)
        opts = (f"-c listen_addresses=127.0.0.1 -c port={self.port} -c unix_socket_directories={sock} "
                "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=120 "
                "-c shared_buffers=64MB")
        r = self._run("pg_ctl", "-D", str(self.data), "-o", opts, "-l", str(self.data / "server.log"),
                      "-w", "-t", "60", "start", check=False)
        if r.returncode != 0:
            logtxt = (self.data / "server.log").read_text(errors="replace")[-2000:] \
                if (self.data / "server.log").exists() else ""
            raise RuntimeError(f"pg_ctl start failed: {r.stderr.strip() or r.stdout.strip()}\n{logtxt}")
        (self.root / "port").write_text(str(self.port))
        return self

    def stop(self) -> None:
        if self.data.exists():
            self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop", check=False)

    def env(self) -> dict[str, str]:
        """Environment for clients: PGPASSFILE pointing at this server's password file."""
        return {"PGPASSFILE": str(self.pgpass)}

    def add_password(self, user: str, password: str) -> None:
        with self.pgpass.open("a") as f:
            f.write(f"127.0.0.1:*:*:{user}:{password}\n")

    def psql_exec(self, sql: str, db: str = "postgres") -> None:
        """Run SQL as the superuser (autocommit; used for CREATE DATABASE / ROLE)."""
        import psycopg

        with psycopg.connect(host="127.0.0.1", port=self.port, user=self.superuser,
                             password=self.password, dbname=db, autocommit=True) as c:
            c.execute(sql)

    @classmethod
    def create(cls, root: Path | str) -> "LocalPostgres":
        return cls(Path(root)).init().start()


def wait_ready(pg: LocalPostgres, timeout: float = 30) -> None:
    t0 = time.monotonic()
    while True:
        try:
            with socket.create_connection(("127.0.0.1", pg.port), timeout=1):
                return
        except OSError:
            if time.monotonic() - t0 > timeout:
                raise
            time.sleep(0.1)


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] not in ("start", "stop"):
        print(__doc__.split("\n\n")[1])
        return 2
    root = Path(argv[1]).resolve()
    if argv[0] == "start":
        pg = LocalPostgres.create(root)
        print(f"PostgreSQL {pg._bin.parts[-2]} running on 127.0.0.1:{pg.port} (data in {pg.data})")
        print(f"export PGPASSFILE={pg.pgpass}")
        print(f"python main.py db init --db {pg.url('chainwatch')} --create")
        return 0
    port = (root / "port").read_text().strip() if (root / "port").exists() else "0"
    pg = LocalPostgres(root, port=int(port))
    pg.run_as = os.environ.get("CHAINWATCH_PG_USER", "nobody") if os.geteuid() == 0 else None
    pg.stop()
    print(f"stopped the server in {root}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
