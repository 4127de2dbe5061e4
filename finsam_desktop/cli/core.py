"""Foundation commands: init, demo, backup (--to, --list), restore, check, info."""

from __future__ import annotations

import argparse
from pathlib import Path

from finsam_desktop import __version__, clock
from finsam_desktop.cli.common import CliError, CommandSet, Context, fit
from finsam_desktop.domain.common.dates import iso
from finsam_desktop.domain.organisation.model import ROLE_LABELS, Role
from finsam_desktop.domain.organisation.orgnr import normalize_orgnr


def _require_empty(ctx: Context) -> None:
    from finsam_desktop.persistence.migrator import FileState, inspect_file  # only when used: fast start

    state = inspect_file(ctx.db_path).state
    if state is not FileState.NEW:
        ws = ctx.workspace(write=True)
        if ws.services.forbund.exists():
            raise CliError(f"{ctx.shown} innehåller redan ett förbund; välj en ny fil med --db.")


def cmd_init(args: argparse.Namespace, ctx: Context) -> int:
    normalize_orgnr(args.orgnr)  # validate before any file is created
    if not args.namn.strip():
        raise CliError("Förbundets namn får inte vara tomt (--namn).")
    _require_empty(ctx)
    ws = ctx.workspace(write=True)
    fb = ws.services.forbund.create(args.namn, args.orgnr, sate=args.sate or "", anslagstavla=args.anslagstavla or "")
    ctx.print(f"Skapade {fb.namn} ({fb.orgnr}) i {ctx.shown}")
    return 0


def cmd_demo(args: argparse.Namespace, ctx: Context) -> int:
    from finsam_desktop.services.demo import build_demo

    _require_empty(ctx)
    ws = ctx.workspace(write=True)
    build_demo(ws.services, args.year)
    ctx.print(f"Demoförbundet {ws.services.forbund.get().namn} ({args.year}) skapat i {ctx.shown}")
    return 0


def _size(path: Path) -> str:
    try:
        size = path.stat().st_size
    except OSError:
        return "?"
    return f"{size / 1_000_000:.1f} MB".replace(".", ",")


def cmd_backup_list(ctx: Context) -> int:
    from finsam_desktop.services.workspace import SERVER_BACKUP_MESSAGE, backup_dir_for, backup_entries

    ctx.require_file(SERVER_BACKUP_MESSAGE)
    entries = backup_entries(ctx.db_path)
    directory = backup_dir_for(ctx.db_path)
    if not entries:
        ctx.print(f"Inga säkerhetskopior i {directory}.")
        return 0
    ctx.print(f"Säkerhetskopior av {ctx.shown} i {directory}:")
    for entry in entries:
        when = entry.taken.strftime("%Y-%m-%d %H:%M:%S") if entry.taken else "egen kopia         "
        why = ", ".join(entry.reasons) if entry.automatic else "sparas tills den tas bort för hand"
        ctx.print(f"  {when}  {_size(entry.path):>9}  {entry.path.name}  ({why})")
    ctx.print(
        "Automatiska kopior görs före första ändringen i varje session som ändrar filen. De behålls: de "
        "10 senaste, den senaste för var och en av de 14 senaste dagarna och de 12 senaste månaderna."
    )
    ctx.print(f"Återställ med: finsam --db {ctx.shown} restore FIL")
    return 0


def cmd_backup(args: argparse.Namespace, ctx: Context) -> int:
    from finsam_desktop.services.workspace import backup_server, backup_to

    if args.list:
        return cmd_backup_list(ctx)
    if not args.to:
        raise CliError("Ange --to FIL (spara en kopia) eller --list (visa säkerhetskopiorna).")
    if ctx.is_server:  # pg_dump, without opening the database here
        dest = backup_server(str(ctx.db_path), Path(args.to))
        ctx.print(f"Säkerhetskopia av {ctx.shown} sparad (pg_dump, custom-format): {dest}")
        ctx.print(f"Återställ med: finsam --db {ctx.shown} restore {dest}")
        return 0
    ws = ctx.workspace(write=False)
    dest = backup_to(ws, Path(args.to))
    ctx.print(f"Säkerhetskopia sparad: {dest}")
    return 0


def cmd_restore(args: argparse.Namespace, ctx: Context) -> int:
    """Restore without opening the current file first: it may be the damaged file being replaced."""
    from finsam_desktop.services.workspace import RestoreFindingsError, restore_path, restore_server

    source = Path(args.source)
    try:
        if ctx.is_server:
            candidate, aside = restore_server(str(ctx.db_path), source, accept_findings=args.godta_regelfel)
        else:
            candidate, aside = restore_path(ctx.db_path, source, accept_findings=args.godta_regelfel)
    except RestoreFindingsError as exc:
        if not exc.acceptable:
            raise
        raise CliError(
            f"{exc}\nÅterställ ändå med --godta-regelfel om felen är kända och kopian ändå är den rätta."
        ) from None
    ctx.print(f"Återställde {ctx.shown} från {source}.")
    if candidate.upgraded:
        ctx.print("Kopian var från en äldre version och uppgraderades (i kopian) före återställningen.")
    if candidate.findings:
        ctx.print(f"Godtagna fel enligt programmets kontroll: {len(candidate.findings)} (se finsam check).")
    if aside and ctx.is_server:
        ctx.print(
            f"Den tidigare databasen finns kvar på servern som {aside}; ta bort den (DROP DATABASE) när den inte "
            "behövs. Rättigheter på databasnivå (GRANT CONNECT) ges på nytt till den återställda."
        )
    elif aside:
        ctx.print(f"Den tidigare filen sparades som {aside}")
    return 0


def cmd_check(args: argparse.Namespace, ctx: Context) -> int:
    from finsam_desktop.services.check import rebuild_search_index, run_checks

    ws = ctx.workspace(write=bool(args.reparera))
    if args.reparera:
        count = rebuild_search_index(ws.services.db)
        ctx.print(f"Sökindexet byggdes om från {count} paragrafer.")
    findings = run_checks(ws.services.db)
    if not findings:
        ctx.print(f"Inga fel hittades i {ctx.shown}.")
        return 0
    ctx.print(f"{len(findings)} fel i {ctx.shown}:")
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
    ctx.print(f"Databasfil:       {ctx.shown}")
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


def cmd_word_mall(args: argparse.Namespace, ctx: Context) -> int:
    """Show, set or remove the förbund's Word template."""
    if args.fil and args.ta_bort:
        raise CliError("Ange antingen --fil eller --ta-bort, inte båda.")
    ws = ctx.workspace(write=bool(args.fil or args.ta_bort))
    svc = ws.services.word_template
    if args.fil:
        path = Path(args.fil)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CliError(f"Kunde inte läsa {path}: {exc.strerror or exc}") from None
        template = svc.set(path.name, data)
        ctx.print(
            f"Word-mallen är {template.filnamn} ({template.size} byte). Kallelser och protokoll i Word använder den."
        )
        return 0
    if args.ta_bort:
        svc.remove()
        ctx.print("Word-mallen är borttagen; Word-filerna får programmets egen formatering.")
        return 0
    template = svc.get()
    ctx.print(f"Word-mall: {template.filnamn} ({template.size} byte)" if template else "Ingen Word-mall är vald.")
    return 0


def cmd_list_logg(args: argparse.Namespace, ctx: Context) -> int:
    from finsam_desktop.services.audit import entries

    if args.antal < 1:
        raise CliError("--antal måste vara minst 1.")
    ws = ctx.workspace(write=False)
    rows = entries(ws.services.db, args.antal)
    if not rows:
        ctx.print("Ändringsloggen är tom.")
        return 0
    ctx.print(f"Ändringsloggen, de {len(rows)} senaste (nyast först):")
    for e in rows:
        what = f"{e.entity} {e.entity_id}" if e.entity and e.entity_id is not None else e.entity
        line = f"  {e.at:%Y-%m-%d %H:%M}  {e.who}  {e.action}" + (f"  [{what}]" if what else "")
        ctx.print(line + (f"  {fit(' '.join(e.detail.split()), 80)}" if e.detail else ""))
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

    p = commands.command("backup", cmd_backup, "spara en säkerhetskopia, eller visa de automatiska")
    group = p.add_mutually_exclusive_group(required=True)
    group.add_argument("--to", metavar="FIL", help="filen som kopian sparas i")
    group.add_argument("--list", action="store_true", help="visa de automatiska säkerhetskopiorna")

    p = commands.command(
        "restore",
        cmd_restore,
        "återställ från en säkerhetskopia (kopian kontrolleras helt innan den nuvarande filen ersätts)",
    )
    p.add_argument("source", metavar="FRÅN", help="säkerhetskopian")
    p.add_argument(
        "--godta-regelfel",
        action="store_true",
        help="återställ även om programmets kontroll hittar fel i kopian (aldrig en skadad fil eller okänt schema)",
    )

    p = commands.command("check", cmd_check, "kontrollera databasens integritet och regler")
    p.add_argument("--reparera", action="store_true", help="bygg om sökindexet (i en transaktion) före kontrollen")
    commands.command("info", cmd_info, "visa uppgifter om databasen")
    p = commands.listing("logg", cmd_list_logg, "visa ändringsloggen: vem (och vilken databasanvändare) gjorde vad")
    p.add_argument("--antal", type=int, default=50, help="så många rader, de senaste (standard 50)")
    p = commands.command("word-mall", cmd_word_mall, "visa, välj eller ta bort förbundets Word-mall (.dotx/.docx)")
    p.add_argument(
        "--fil", metavar="FIL.dotx", help="mallen som Word-filerna ska följa (formatmallar, sidhuvud, logga)"
    )
    p.add_argument("--ta-bort", action="store_true", help="sluta använda mallen")
