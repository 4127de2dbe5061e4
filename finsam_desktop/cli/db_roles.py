"""``finsam db roles``: the kansli roles of a server database (PostgreSQL), enforced by the server
(``persistence/roles.py``, docs/postgresql.md)."""

from __future__ import annotations

import argparse

from finsam_desktop.cli.common import CliError, CommandSet, Context

SQLITE_MESSAGE = (
    "Databasroller finns bara i en serverdatabas (PostgreSQL), inte i en databasfil: i en fil gäller datorns "
    "egna behörigheter till filen. Ange serverdatabasen med --db postgresql+psycopg://användare@server/databas."
)


def cmd_roles(args: argparse.Namespace, ctx: Context) -> int:
    from finsam_desktop.domain.common.errors import PermissionDeniedError
    from finsam_desktop.persistence import roles

    if bool(args.skapa_anvandare) != bool(args.roll):
        raise CliError("Ange både --skapa-anvandare NAMN och --roll ROLL för att skapa en inloggning.")
    if not ctx.is_server:
        raise CliError(SQLITE_MESSAGE)
    try:
        role = roles.role_for(args.roll) if args.roll else None
        user = roles.check_user_name(args.skapa_anvandare) if args.skapa_anvandare else None
    except roles.RoleError as exc:
        raise CliError(str(exc)) from None
    ws = ctx.workspace(write=True)  # a current FINSAM database (migrated to this version) before any grant
    try:
        with ws.services.db.engine.begin() as conn:
            created = roles.apply(conn)
            user_created = roles.create_login(conn, user, role.name) if user and role else False
            members = roles.memberships(conn)
    except PermissionDeniedError as exc:
        raise CliError(
            "Rollerna skapas av databasens ägare, med rätt att skapa roller (CREATEROLE), och inloggningen som "
            f"användes har inte den rätten. ({exc})"
        ) from None
    ctx.print(f"Rollerna och deras behörigheter är satta i {ctx.shown}:")
    for r in roles.ROLES:
        mark = "  (ny)" if r.name in created else ""
        logins = ", ".join(u for u, g in members if g == r.name) or "–"
        ctx.print(f"  {r.name:<20} {r.label:<21} ändrar: {r.summary}{mark}")
        ctx.print(f"  {'':<20} {'':<21} inloggningar: {logins}")
    ctx.print("Alla roller läser allt. Ändringsloggen kan ingen ändra i efterhand, inte heller databasens ägare.")
    if user and role:
        done = "skapad" if user_created else "fanns redan"
        ctx.print(f"Inloggningen {user} ({done}) har rollen {role.name}.")
        ctx.print(
            f"Lösenordet sätts med PostgreSQL:s egna medel, aldrig i en fil: i psql ”\\password {user}”, "
            "eller serverns egen inloggning (t.ex. peer eller LDAP)."
        )
    ctx.print("Kör kommandot igen efter en uppgradering av programmet: nya tabeller får sina behörigheter då.")
    return 0


def register(commands: CommandSet) -> None:
    p = commands.database(
        "roles",
        cmd_roles,
        "skapa eller uppdatera databasrollerna (förbundschef, sekreterare, ordförande, ekonom, revisor) och "
        "deras behörigheter i serverdatabasen",
    )
    p.add_argument("--skapa-anvandare", metavar="NAMN", help="skapa en inloggning (utan lösenord) med rollen --roll")
    p.add_argument(
        "--roll",
        metavar="ROLL",
        help="rollen för inloggningen: forbundschef, sekreterare, ordforande, ekonom eller revisor",
    )
