"""Verksamhet commands: ``finsam list insatser [--year YYYY]``."""

from __future__ import annotations

import argparse

from finsam_desktop.cli.common import CommandSet, Context, fit
from finsam_desktop.domain.common.money import format_kr
from finsam_desktop.domain.verksamhet.personal import format_fte


def _period(i) -> str:
    start = i.start.isoformat() if i.start else "…"
    slut = i.slut.isoformat() if i.slut else "…"
    return f"{start}–{slut}"


def _tree_order(insatser):
    """Each insats followed by its delprojekt (a delprojekt whose parent is not listed stands on its own)."""
    listed = {i.id for i in insatser}
    out = []

    def add(node, depth):
        out.append((node, depth))
        for child in insatser:
            if child.parent_id == node.id:
                add(child, depth + 1)

    for i in insatser:
        if i.parent_id is None or i.parent_id not in listed:
            add(i, 0)
    return out


def cmd_list_insatser(args: argparse.Namespace, ctx: Context) -> int:
    vs = ctx.workspace(write=False).services.verksamhet
    insatser = vs.insatser.list_insatser(args.year)
    if not insatser:
        ctx.print(f"Inga insatser {args.year}." if args.year else "Inga insatser.")
        return 0
    year = args.year
    head = f"{'Insats':<40} {'Typ':<20} {'Status':<15} {'Period':<23} {'Årsarb.':>7}"
    if year:
        head += f" {'Förbundet ' + str(year):>16} {'ESF':>14} {'Annan':>14}"
    ctx.print(head)
    flags = []
    for i, depth in _tree_order(insatser):
        name = "  " * depth + i.namn
        line = (
            f"{fit(name, 39):<40} {(i.typ.label if i.typ else 'Administration'):<20} {i.status.label:<15} "
            f"{_period(i):<23} {format_fte(i.fte):>7}"
        )
        if year:
            f = i.finansiering(year)
            line += f" {format_kr(f.forbund, 0):>16} {format_kr(f.esf, 0):>14} {format_kr(f.annan, 0):>14}"
        ctx.print(line)
        if i.staffing_flag:
            flags.append(i.staffing_flag)
    for flag in flags:
        ctx.print(f"  Obs: {flag.message}")
    return 0


def register(commands: CommandSet) -> None:
    p = commands.listing(
        "insatser", cmd_list_insatser, "insatser med typ, status, period, årsarbetare och finansiering"
    )
    p.add_argument("--year", type=int, help="bara insatser som pågår detta år, med årets finansiering")
