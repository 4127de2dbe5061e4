"""Foundation commands: init, demo, backup, restore, check, info."""

from __future__ import annotations

import argparse
from pathlib import Path

from finsam_desktop import __version__, clock
from finsam_desktop.cli import CliError, CommandSet, Context
from finsam_desktop.domain.common.dates import iso
from finsam_desktop.domain.organisation.model import ROLE_LABELS, Role
from finsam_desktop.domain.organisation.orgnr import normalize_orgnr
from finsam_desktop.persistence.migrator import FileState, inspect_file
from finsam_desktop.services.check import rebuild_search_index, run_checks
from finsam_desktop.services.demo import build_demo
from finsam_desktop.services.workspace import backup_to, restore_from


def _require_empty(ctx: Context) -> None:
    state = inspect_file(ctx.db_path).state
    if state is not FileState.NEW:
        ws = ctx.workspace(write=True)
        if ws.services.forbund.exists():
            raise CliError(f"{ctx.db_path} innehåller redan ett förbund; välj en ny fil med --db.")


def cmd_init(args: argparse.Namespace, ctx: Context) -> int:
    normalize_orgnr(args.orgnr)  # validate before any file is created
    if not args.namn.strip():
        raise CliError("Förbundets namn får inte vara tomt (--namn).")
    _require_empty(ctx)
    ws = ctx.workspace(write=True)
    fb = ws.services.forbund.create(args.namn, args.orgnr, sate=args.sate or "", anslagstavla=args.anslagstavla or "")
    ctx.print(f"Skapade {fb.namn} ({fb.orgnr}) i {ctx.db_path}")
    return 0


def cmd_demo(args: argparse.Namespace, ctx: Context) -> int:
    _require_empty(ctx)
    ws = ctx.workspace(write=True)
    build_demo(ws.services, args.year)
    ctx.print(f"Demoförbundet {ws.services.forbund.get().namn} ({args.year}) skapat i {ctx.db_path}")
    return 0


def cmd_backup(args: argparse.Namespace, ctx: Context) -> int:
    ws = ctx.workspace(write=False)
    dest = backup_to(ws, Path(args.to))
    ctx.print(f"Säkerhetskopia sparad: {dest}")
    return 0


def cmd_restore(args: argparse.Namespace, ctx: Context) -> int:
    source = Path(args.source)
    if not source.exists():
        raise CliError(f"Säkerhetskopian {source} finns inte.")
    ws = ctx.workspace(write=True)
    new_ws = restore_from(ws, source)
    ctx._workspace = new_ws
    ctx.print(f"Återställde {ctx.db_path} från {source}.")
    ctx.print(f"Den tidigare filen sparades som {new_ws.kept_aside[0]}")
    return 0


def cmd_check(args: argparse.Namespace, ctx: Context) -> int:
    ws = ctx.workspace(write=bool(args.reparera))
    if args.reparera:
        count = rebuild_search_index(ws.services.db)
        ctx.print(f"Sökindexet byggdes om från {count} paragrafer.")
    findings = run_checks(ws.services.db)
    if not findings:
        ctx.print(f"Inga fel hittades i {ctx.db_path}.")
        return 0
    ctx.print(f"{len(findings)} fel i {ctx.db_path}:")
    for f in findings:
        ctx.print(f"  - {f}")
    return 1


def cmd_info(args: argparse.Namespace, ctx: Context) -> int:
    ws = ctx.workspace(write=False)
    svc = ws.services.forbund
    fb = svc.get()
    ctx.print(f"Förbund:          {fb.namn} ({fb.orgnr})")
    ctx.print(f"Säte:             {fb.sate}")
    ctx.print(f"Anslagstavla:     {fb.anslagstavla}")
    ctx.print(f"Databasfil:       {ctx.db_path}")
    ctx.print(f"Schemaversion:    {ws.schema_revision()}")
    ctx.print(f"Programversion:   {__version__}")
    members = svc.list_members()
    ctx.print(f"Medlemmar ({len(members)}):   " + ", ".join(m.namn for m in members))
    today = clock.today()
    st = svc.styrelse_on(today)
    ctx.print(
        f"Styrelsen {iso(today)}: {len(st.ledamoter)} ledamöter, {len(st.ersattare)} ersättare"
        f" (beslutför med {st.quorum}: {st.beslutforhet.label})"
    )
    for role in (Role.ORDFORANDE, Role.VICE_ORDFORANDE, Role.FORBUNDSCHEF):
        holders = svc.holders_on(today, role)
        ctx.print(f"{ROLE_LABELS[role] + ':':<18}{', '.join(p.namn for p in holders) or '–'}")
    return 0


def register(commands: CommandSet) -> None:
    p = commands.command("init", cmd_init, "skapa en ny databas för ett förbund")
    p.add_argument("--namn", required=True, help="förbundets namn")
    p.add_argument("--orgnr", required=True, help="organisationsnummer NNNNNN-NNNN")
    p.add_argument("--sate", help="säte")
    p.add_argument("--anslagstavla", help="var tillkännagivanden anslås (text eller URL)")

    p = commands.command("demo", cmd_demo, "fyll en ny databas med demoförbundet")
    p.add_argument("--year", type=int, help="demoåret (standard: i år)")
    p.set_defaults(year_defaults_to_this=True)

    p = commands.command("backup", cmd_backup, "spara en säkerhetskopia")
    p.add_argument("--to", required=True, metavar="FIL", help="filen som kopian sparas i")

    p = commands.command("restore", cmd_restore, "återställ från en säkerhetskopia")
    p.add_argument("source", metavar="FRÅN", help="säkerhetskopian")

    p = commands.command("check", cmd_check, "kontrollera databasens integritet och regler")
    p.add_argument("--reparera", action="store_true", help="bygg om sökindexet (i en transaktion) före kontrollen")
    commands.command("info", cmd_info, "visa uppgifter om databasen")
