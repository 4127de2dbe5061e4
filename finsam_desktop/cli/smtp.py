"""``finsam smtp``: the e-mail server setting for sending directly; ``--skicka`` on ``export kallelse`` uses it.

The password is never stored by the program: the system keyring keeps it when the ``keyring`` package is there
(``--spara-losenord``), otherwise it is asked for each time a message is sent.
"""

from __future__ import annotations

import argparse
import getpass
import sys

from finsam_desktop.cli.common import CliError, CommandSet, Context


def cmd_smtp(args: argparse.Namespace, ctx: Context) -> int:
    from finsam_desktop.services.organisation.smtp import store_in_keyring

    if args.rensa:
        ctx.workspace(write=True).services.smtp.clear()
        ctx.print("E-postservern är borttagen; meddelanden sparas som .eml.")
        return 0
    if args.host is None:
        if any(v is not None for v in (args.port, args.sakerhet, args.anvandare, args.fran)) or args.spara_losenord:
            raise CliError("ange --host för att ställa in e-postservern.")
        settings = ctx.workspace(write=False).services.smtp.get()
        ctx.print(settings.describe() if settings else "Ingen e-postserver är inställd.")
        return 0
    settings = ctx.workspace(write=True).services.smtp.set(
        args.host, args.port, args.sakerhet or "starttls", args.anvandare or "", args.fran or ""
    )
    ctx.print(f"E-postservern är inställd: {settings.describe()}")
    if args.spara_losenord:
        if not settings.user:
            raise CliError("ange --anvandare för att spara ett lösenord.")
        if not store_in_keyring(settings, getpass.getpass(f"Lösenord för {settings.user}: ")):
            raise CliError(
                "det finns ingen nyckelring (paketet keyring) här; lösenordet frågas efter vid varje utskick."
            )
        ctx.print("Lösenordet är sparat i systemets nyckelring.")
    return 0


def password_for_sending(settings) -> str | None:
    """The password from the keyring, or asked for on the terminal; None when the server needs no login."""
    from finsam_desktop.services.organisation.smtp import keyring_password

    if not settings.user:
        return None
    stored = keyring_password(settings)
    if stored is not None:
        return stored
    if not sys.stdin or not sys.stdin.isatty():
        raise CliError(
            f"lösenordet för {settings.user} behövs; kör i en terminal eller spara det med --spara-losenord."
        )
    return getpass.getpass(f"Lösenord för {settings.user}@{settings.host}: ")


def register(commands: CommandSet) -> None:
    p = commands.command("smtp", cmd_smtp, "visa, ställ in eller ta bort e-postservern för att skicka direkt")
    p.add_argument("--host", metavar="SERVER", help="e-postserverns namn, t.ex. smtp.office365.com")
    p.add_argument("--port", type=int, metavar="N", help="port (587 för STARTTLS, 465 för SSL, 25 utan)")
    p.add_argument("--sakerhet", choices=("starttls", "ssl", "ingen"), help="kryptering (starttls)")
    p.add_argument("--anvandare", metavar="NAMN", help="användarnamn för inloggning (tomt: ingen inloggning)")
    p.add_argument("--fran", metavar="ADRESS", help="avsändaradress när dokumentet saknar egen")
    p.add_argument("--spara-losenord", action="store_true", help="fråga efter lösenordet och spara det i nyckelringen")
    p.add_argument("--rensa", action="store_true", help="ta bort inställningen")
