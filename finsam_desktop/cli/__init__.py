"""``finsam``: the headless command line, on the same services as the GUI.

Every area adds its commands in ``finsam_desktop.cli.<area>`` with ``register(commands: CommandSet)``; the areas
are listed in ``AREAS`` below (the one registry). ``export`` and ``list`` kinds are shared subcommands; what the
commands share is in ``cli/common.py``.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
from contextlib import suppress

from finsam_desktop import __version__, clock
from finsam_desktop.cli import (
    arkiv,
    arshjul,
    arsredovisning,
    attest,
    budget,
    core,
    db_migrate,
    db_roles,
    internkontroll,
    justering,
    protokoll_import,
    sammantraden,
    smtp,
    verksamhet,
    verksamhet_import,
    verksamhet_rapport,
    verksamhetsplan,
)
from finsam_desktop.cli.common import CommandSet, Context, SwedishParser
from finsam_desktop.domain.common.errors import FinsamError
from finsam_desktop.paths import resolve_db_path
from finsam_desktop.persistence.lock import DatabaseLockedError

#: Every area's commands, in the order of the help text.
AREAS = (
    core,
    db_roles,
    sammantraden,
    justering,
    arkiv,
    attest,
    internkontroll,
    budget,
    arsredovisning,
    arshjul,
    verksamhet,
    verksamhet_import,
    protokoll_import,
    verksamhet_rapport,
    verksamhetsplan,
    smtp,
    db_migrate,
)


def _day(text: str):
    try:
        return clock.parse_day(text, "--today")
    except clock.ClockError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def build_parser() -> argparse.ArgumentParser:
    parser = SwedishParser(
        prog="finsam",
        description="FINSAM Kansli från kommandoraden.",
    )
    parser.add_argument("--db", metavar="FIL", help="databasfil (annars FINSAM_DB eller standardplatsen)")
    parser.add_argument(
        "--today",
        metavar="ÅÅÅÅ-MM-DD",
        type=_day,
        help=f"kör som om dagens datum vore detta (annars {clock.ENV} eller datorns datum)",
    )
    parser.add_argument(
        "--version", action="version", version=f"FINSAM Kansli {__version__}", help="visa programversionen"
    )
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    commands = CommandSet(parser)
    for sub in (commands._top, commands._export, commands._list):
        sub._parser_class = SwedishParser  # type: ignore[attr-defined]
    for area in AREAS:
        area.register(commands)
    return parser


def _damaged_file(exc: Exception) -> bool:
    """SQLite's or SQLAlchemy's DatabaseError (SQLAlchemy is checked only when a command loaded it)."""
    if isinstance(exc, sqlite3.DatabaseError):
        return True
    sa_exc = sys.modules.get("sqlalchemy.exc")
    return sa_exc is not None and isinstance(exc, sa_exc.DatabaseError)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    ctx = Context(resolve_db_path(args.db))
    try:
        with clock.pinned_to(args.today):
            clock.check_environment()
            if getattr(args, "year_defaults_to_this", False) and args.year is None:
                args.year = clock.today().year
            result = args.handler(args, ctx)
        return int(result or 0)
    except clock.ClockError as exc:
        print(f"finsam: fel: {exc}", file=sys.stderr)
        return 2
    except DatabaseLockedError as exc:
        print(f"finsam: {exc}", file=sys.stderr)
        return 3
    except FinsamError as exc:
        print(f"finsam: fel: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # The reader went away (``finsam list … | head``): not an error of ours, and nothing more to say.
        with suppress(OSError):
            sys.stdout = open(os.devnull, "w")
        return 0
    except OSError as exc:
        print(f"finsam: fel: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "), file=sys.stderr)
        return 2
    except Exception as exc:
        if not _damaged_file(exc):
            raise
        # A damaged file found while reading it: say so, and how to get the data back, never a traceback.
        reason = getattr(exc, "orig", None) or exc
        if ctx.is_server:  # a server database: its own words, no file advice
            print(f"finsam: fel: databasen {ctx.shown}: {str(reason).strip()}", file=sys.stderr)
            return 2
        print(
            f"finsam: fel: {ctx.shown} kan inte läsas (SQLite: {reason}). Filen kan vara skadad: "
            f"kör ”finsam --db {ctx.shown} check”, visa säkerhetskopiorna med ”finsam --db {ctx.shown} "
            f"backup --list” och återställ med ”finsam --db {ctx.shown} restore FIL”.",
            file=sys.stderr,
        )
        return 2
    finally:
        ctx.close()


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
