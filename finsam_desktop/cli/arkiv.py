"""``finsam export arkiv``: the archive package (E-ARK SIP) of one year's justerade protocols."""

from __future__ import annotations

import argparse

from finsam_desktop.cli.common import CommandSet, Context


def cmd_export_arkiv(args: argparse.Namespace, ctx: Context) -> int:
    workspace = ctx.workspace(write=False)
    path = workspace.services.arkiv.export(args.year, args.output)
    ctx.print(f"Arkivpaketet för protokollen {args.year} har sparats i {path}")
    return 0


def register(commands: CommandSet) -> None:
    p = commands.export(
        "arkiv", cmd_export_arkiv, "arkivpaket (E-ARK SIP / FGS) med årets justerade protokoll, bilagor och anslag"
    )
    p.add_argument("--year", type=int, required=True, metavar="ÅÅÅÅ", help="protokollens år")
    p.add_argument("-o", "--output", required=True, metavar="MAPP|FIL.zip", help="ny eller tom mapp, eller .zip")
