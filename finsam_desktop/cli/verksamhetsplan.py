"""Verksamhetsplan commands: ``finsam export verksamhetsplan --year YYYY -o F.pdf|docx`` (an antagen plan's PDF is the
one stored at the adoption, byte for byte) and ``finsam list verksamhetsplaner``."""

from __future__ import annotations

import argparse
from pathlib import Path

from finsam_desktop.cli.common import CliError, CommandSet, Context


def cmd_export(args: argparse.Namespace, ctx: Context) -> int:
    # Loaded by the command, not by every ``finsam`` start: it brings SQLAlchemy and the models.
    from finsam_desktop.services.verksamhet.plan_export import plan_file

    plan = ctx.workspace(write=False).services.verksamhet.plan
    out = Path(args.output)
    suffix = out.suffix.lower()
    if suffix not in (".pdf", ".docx"):
        raise CliError("Utfilen måste sluta på .pdf eller .docx (-o).")
    result = plan_file(plan, args.year, suffix[1:])
    out.write_bytes(result.data)
    ctx.print(f"Sparade {out} {result.summary}.")
    for flag in result.flags:
        ctx.print(f"  Flagga: {flag}")
    return 0


def cmd_list(args: argparse.Namespace, ctx: Context) -> int:
    plan = ctx.workspace(write=False).services.verksamhet.plan
    years = plan.years()
    if not years:
        ctx.print("Inga verksamhetsplaner.")
        return 0
    for year in years:
        p = plan.get(year)
        copied = f", kopia av {p.copied_from_year}" if p.copied_from_year else ""
        ctx.print(f"{year}  {p.status_text}  ({len(p.sections)} avsnitt{copied})")
    return 0


def register(commands: CommandSet) -> None:
    p = commands.export(
        "verksamhetsplan", cmd_export, "verksamhetsplanen för ett planår som tillgänglig PDF eller Word (.docx)"
    )
    p.add_argument("--year", type=int, required=True, help="planåret")
    p.add_argument("-o", "--output", required=True, metavar="FIL", help="utfil, .pdf eller .docx")
    commands.listing("verksamhetsplaner", cmd_list, "verksamhetsplanerna per år med status")
