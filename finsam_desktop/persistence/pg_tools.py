"""PostgreSQL's own tools for a server database's backup and restore: ``pg_dump`` (custom format) and
``pg_restore`` (docs/postgresql.md), and the few database-level statements around them.

The password: never on a command line, in a file of ours or in a message. The tools get the URL without it
(a libpq URI); a password written in the program's URL (discouraged) is handed to them in their environment as
``PGPASSWORD``; otherwise libpq's own means apply (``PGPASSWORD``, ``~/.pgpass``, peer/trust). ``--no-password``
makes a tool fail at once, with a Swedish message, instead of waiting for a password nobody can type.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

from sqlalchemy.engine import URL, make_url

from finsam_desktop.domain.common.errors import FinsamError


class PgToolError(FinsamError):
    """pg_dump/pg_restore is missing or failed; the message is Swedish and holds no password."""


def _versions() -> list[Path]:
    found = [p for p in Path("/usr/lib/postgresql").glob("*/bin") if p.parent.name.isdigit()]
    return sorted(found, key=lambda p: int(p.parent.name), reverse=True)


def find_tool(name: str) -> Path:
    """``name`` (pg_dump, pg_restore): the newest Debian/Ubuntu package version first (a dump needs a pg_dump at
    least as new as the server), then ``PATH``."""
    for bindir in _versions():
        if (bindir / name).exists():
            return bindir / name
    found = shutil.which(name)
    if found:
        return Path(found)
    raise PgToolError(
        f"{name} finns inte på den här datorn. Installera PostgreSQL:s klientprogram (Debian/Ubuntu: apt-get "
        f"install postgresql-client; Windows/macOS: PostgreSQL:s installationsprogram) och se till att {name} "
        "finns i PATH."
    )


def _url(url: str | URL) -> URL:
    return make_url(str(url)) if not isinstance(url, URL) else url


def libpq_target(url: str | URL) -> tuple[str, dict[str, str]]:
    """(libpq URI without the password, the environment for the tool)."""
    u = _url(url)
    env = dict(os.environ)
    if u.password:
        env["PGPASSWORD"] = str(u.password)
    # ``URL.set(password=None)`` would keep the password (None means "unchanged" there): replace the field.
    plain = u._replace(drivername="postgresql", password=None)
    return plain.render_as_string(hide_password=False), env


def with_database(url: str | URL, name: str) -> URL:
    return _url(url).set(database=name)


def database_name(url: str | URL) -> str:
    return str(_url(url).database or "")


def _run(tool: str, args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(find_tool(tool)), *args], capture_output=True, text=True, env=env, check=False, stdin=subprocess.DEVNULL
    )


def _first_lines(text: str, url: str | URL | None = None) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    shown = "; ".join(lines[:3])
    if url is not None and _url(url).password:
        shown = shown.replace(str(_url(url).password), "***")
    return shown


def _password_hint(stderr: str) -> str:
    if "password" in stderr and ("no password supplied" in stderr or "authentication failed" in stderr):
        return (
            " Servern kräver ett lösenord: ange det med PGPASSWORD eller i ~/.pgpass (aldrig i en fil av programmet)."
        )
    return ""


def dump(url: str | URL, destination: Path) -> None:
    """``pg_dump --format=custom`` of the database into ``destination``."""
    target, env = libpq_target(url)
    done = _run("pg_dump", ["--format=custom", "--no-password", f"--file={destination}", f"--dbname={target}"], env)
    if done.returncode != 0:
        raise PgToolError(
            f"pg_dump misslyckades ({_first_lines(done.stderr, url) or f'slutkod {done.returncode}'})."
            + _password_hint(done.stderr)
        )


def table_of_contents(archive: Path) -> list[str] | None:
    """``pg_restore --list``: the archive's entries, or None when it is not a readable pg_dump archive."""
    done = _run("pg_restore", ["--list", str(archive)], dict(os.environ))
    if done.returncode != 0:
        return None
    return [line for line in done.stdout.splitlines() if line and not line.startswith(";")]


_TABLE_ENTRY = re.compile(r"^\d+; \d+ \d+ TABLE (\S+) (\S+) ")


def archived_tables(toc: list[str]) -> set[str]:
    """The table names (without schema) of an archive's table of contents."""
    return {m.group(2) for line in toc if (m := _TABLE_ENTRY.match(line))}


def restore(url: str | URL, archive: Path) -> None:
    """``pg_restore`` of ``archive`` into the (new, empty) database ``url``, in one transaction, stopping at the
    first error. Owners are not restored (the restoring user owns the tables); the grants are."""
    target, env = libpq_target(url)
    args = ["--no-owner", "--exit-on-error", "--single-transaction", "--no-password", f"--dbname={target}"]
    done = _run("pg_restore", [*args, str(archive)], env)
    if done.returncode != 0:
        raise PgToolError(
            f"pg_restore misslyckades ({_first_lines(done.stderr, url) or f'slutkod {done.returncode}'})."
            + _password_hint(done.stderr)
        )
