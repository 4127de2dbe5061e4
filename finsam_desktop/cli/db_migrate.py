"""``finsam db migrate-to``: copy the database into a new, empty one – a SQLite file into a PostgreSQL database
and back (``services/migrate.py``, docs/postgresql.md)."""

from __future__ import annotations

import argparse

from finsam_desktop.cli.common import CliError, CommandSet, Context


def cmd_migrate_to(args: argparse.Namespace, ctx: Context) -> int:
    from finsam_desktop.services.migrate import MigrationRefusedError, migrate

    try:
        report = migrate(ctx.db_path, args.target, accept_findings=args.godta_regelfel)
    except MigrationRefusedError as exc:
        raise CliError(str(exc)) from None
    ctx.print(f"Kopierade {report.source} till {report.target}.")
    ctx.print(f"  {report.tables} tabeller, {report.rows} rader: antal och innehåll lika i källan och målet.")
    ctx.print(
        f"  {report.files} lagrade filer med samma SHA-256, varav {report.protocols} arkiverade justerade "
        f"protokoll; {report.seals} sigill för beslutade handlingar."
    )
    if report.findings:
        ctx.print(f"  Godtagna fel enligt programmets kontroll: {len(report.findings)}, desamma i målet.")
    else:
        ctx.print("  Programmets kontroll (finsam check) hittade inga fel i målet.")
    ctx.print(f"Källan {report.source} är orörd. Öppna kopian med: finsam --db {report.target} info")
    return 0


def register(commands: CommandSet) -> None:
    p = commands.database(
        "migrate-to",
        cmd_migrate_to,
        "kopiera databasen till en ny, tom databas (en PostgreSQL-URL eller en SQLite-fil) och kontrollera kopian",
    )
    p.add_argument("target", metavar="MÅL", help="postgresql+psycopg://användare@värd/databas eller en ny fil")
    p.add_argument(
        "--godta-regelfel",
        action="store_true",
        help="flytta även om programmets kontroll hittar fel i källan (de måste vara desamma i målet)",
    )
