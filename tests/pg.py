"""A throw-away PostgreSQL server for the tests (and for a developer: ``python tests/pg.py``).

``FINSAM_TEST_PG_URL`` (``postgresql+psycopg://user@host:port/dbname``) names a running server to use instead; the
tests then create and drop their own databases on it. Otherwise the Debian package's binaries
(``/usr/lib/postgresql/*/bin``, or ``pg_ctl`` on ``PATH``) start a server in a temporary directory on a free
TCP port of 127.0.0.1, with ``trust`` authentication, and stop it at the end. ``initdb`` refuses to run as root,
so as root it runs as the ``postgres`` user (``runuser``), in a directory given to that user.

Without binaries or a URL, ``unavailable_reason()`` says why, and the tests marked ``postgres`` are skipped with
that reason – never silently passed.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ENV_URL = "FINSAM_TEST_PG_URL"


def find_bindir() -> Path | None:
    """The directory of ``initdb`` and ``pg_ctl``: the newest Debian package version, else ``PATH``."""
    versions = sorted(
        Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0
    )
    for bindir in reversed(versions):
        if (bindir / "initdb").exists() and (bindir / "pg_ctl").exists():
            return bindir
    found = shutil.which("pg_ctl")
    return Path(found).parent if found and shutil.which("initdb") else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_user() -> list[str]:
    """Root cannot run initdb/postgres: run them as ``postgres`` (the Debian package's user; ``runuser`` is in
    util-linux, on every Debian)."""
    return ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []


class PgServer:
    """One server in a temporary directory; ``url`` is the maintenance URL (database ``postgres``)."""

    def __init__(self, bindir: Path):
        self.bindir = bindir
        self.dir = Path(tempfile.mkdtemp(prefix="finsam-pg-"))
        self.data = self.dir / "data"
        self.port = _free_port()
        self.user = "postgres" if os.geteuid() == 0 else pwd.getpwuid(os.geteuid()).pw_name
        self.url = f"postgresql+psycopg://{self.user}@127.0.0.1:{self.port}/postgres"

    def _run(self, *args: str) -> subprocess.CompletedProcess:
        cmd = [*_as_user(), *args]
        return subprocess.run(cmd, capture_output=True, text=True, check=False, cwd=self.dir)

    def start(self) -> None:
        if os.geteuid() == 0:
            pw = pwd.getpwnam("postgres")
            os.chown(self.dir, pw.pw_uid, pw.pw_gid)
        init = self._run(
            str(self.bindir / "initdb"), "-D", str(self.data), "-A", "trust", "-U", self.user, "-E", "UTF8",
            "--locale=C.UTF-8", "--no-sync",
        )  # fmt: skip
        if init.returncode != 0:
            raise RuntimeError(f"initdb misslyckades: {init.stderr.strip() or init.stdout.strip()}")
        opts = self._options()
        started = self._run(
            str(self.bindir / "pg_ctl"), "-D", str(self.data), "-o", opts, "-l", str(self.dir / "log"), "-w", "start"
        )
        if started.returncode != 0:
            log = (self.dir / "log").read_text(errors="replace") if (self.dir / "log").exists() else ""
            raise RuntimeError(f"PostgreSQL startade inte: {started.stderr.strip()} {log[-500:]}")

    def _options(self) -> str:
        return f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off"

    def stop_keeping_data(self) -> None:
        """Stop the server as a lost network would look to the client (``start_again`` brings it back)."""
        self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop")

    def start_again(self) -> None:
        started = self._run(
            str(self.bindir / "pg_ctl"),
            "-D",
            str(self.data),
            "-o",
            self._options(),
            "-l",
            str(self.dir / "log"),
            "-w",
            "start",
        )
        if started.returncode != 0:
            raise RuntimeError(f"PostgreSQL startade inte igen: {started.stderr.strip()}")

    def stop(self) -> None:
        with contextlib.suppress(OSError):
            self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.dir, ignore_errors=True)


def _admin_url(url: str) -> str:
    """``url`` with the database ``postgres`` (where CREATE/DROP DATABASE run)."""
    base, _, _ = url.rpartition("/")
    return f"{base}/postgres"


def create_database(server_url: str, template: str | None = None) -> str:
    """A new database on the server, empty or a copy of ``template`` (a database URL); returns its URL."""
    import psycopg

    name = f"finsam_test_{uuid.uuid4().hex[:12]}"
    copy_of = f' TEMPLATE "{template.rpartition("/")[2]}"' if template else ""
    with psycopg.connect(_admin_url(server_url).replace("+psycopg", ""), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"{copy_of}')
    return f"{_admin_url(server_url).rpartition('/')[0]}/{name}"


def drop_database(url: str) -> None:
    import psycopg

    name = url.rpartition("/")[2]
    with psycopg.connect(_admin_url(url).replace("+psycopg", ""), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def unavailable_reason() -> str | None:
    if os.environ.get(ENV_URL):
        return None
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return "PostgreSQL-testerna hoppas över: psycopg är inte installerat (pip install 'psycopg[binary]')."
    if find_bindir() is None:
        return (
            "PostgreSQL-testerna hoppas över: ingen PostgreSQL-server är installerad (initdb/pg_ctl saknas; "
            f"Debian: apt-get install postgresql) och {ENV_URL} är inte satt."
        )
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return "PostgreSQL-testerna hoppas över: körs som root men användaren postgres finns inte."
        if shutil.which("runuser") is None:
            return "PostgreSQL-testerna hoppas över: körs som root och runuser (util-linux) saknas."
    return None


def main() -> int:
    """Start a server, print its URL and a ready database's, and stop it on Ctrl+C."""
    bindir = find_bindir()
    if bindir is None:
        print("initdb/pg_ctl saknas: installera PostgreSQL (Debian: apt-get install postgresql).", file=sys.stderr)
        return 1
    server = PgServer(bindir)
    server.start()
    try:
        import psycopg

        with psycopg.connect(server.url.replace("+psycopg", ""), autocommit=True) as conn:
            conn.execute('CREATE DATABASE "finsam"')
        url = f"{server.url.rpartition('/')[0]}/finsam"
        print(f"PostgreSQL kör i {server.dir}.\nfinsam --db {url} demo\nCtrl+C stoppar servern och tar bort den.")
        with contextlib.suppress(KeyboardInterrupt):
            while True:
                time.sleep(3600)
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
