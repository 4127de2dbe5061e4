"""Verksamhet commands beside the insatser: ``finsam list aktiviteter [--year YYYY]`` and
``finsam export lagesrapport --per DATUM -o F.pdf|docx``."""

from __future__ import annotations

import argparse
from pathlib import Path

from finsam_desktop import clock
from finsam_desktop.cli.common import CliError, CommandSet, Context, fit
from finsam_desktop.domain.common.dates import parse_date


def _count(n: int | None) -> str:
    return "–" if n is None else str(n)


def cmd_list_aktiviteter(args: argparse.Namespace, ctx: Context) -> int:
    vs = ctx.workspace(write=False).services.verksamhet
    aktiviteter = vs.aktiviteter.list_aktiviteter(args.year)
    if not aktiviteter:
        ctx.print(f"Inga aktiviteter {args.year}." if args.year else "Inga aktiviteter.")
        return 0
    ctx.print(f"{'Datum':<11} {'Typ':<18} {'Titel':<44} {'Format':<8} {'Planerat':>8} {'Deltog':>6}  Arrangör")
    for a in aktiviteter:
        ctx.print(
            f"{a.datum.isoformat():<11} {a.typ.label:<18} {fit(a.titel, 43):<44} {a.format.label:<8} "
            f"{_count(a.planerat_totalt):>8} {_count(a.faktiskt):>6}  {a.arrangor}"
        )
        per_member = [f"{d.member} {_count(d.faktiskt)}" for d in a.deltagande if d.faktiskt is not None]
        if per_member:
            ctx.print(f"{'':<12}per medlem: {', '.join(per_member)}")
    return 0


def cmd_export_lagesrapport(args: argparse.Namespace, ctx: Context) -> int:
    out = Path(args.output)
    suffix = out.suffix.lower()
    if suffix not in (".pdf", ".docx"):
        raise CliError("Utfilen måste sluta på .pdf eller .docx (-o).")
    per = parse_date(args.per, "--per")
    fran = parse_date(args.fran, "--fran") if args.fran else None
    vs = ctx.workspace(write=False).services.verksamhet
    rapport = vs.lagesrapport.build(per, fran=fran)
    from finsam_desktop.reports.verksamhet.lagesrapport_file import lagesrapport_document

    data = lagesrapport_document(rapport, suffix[1:], clock.today())
    out.write_bytes(data)
    ctx.print(f"Sparade {out} ({rapport.title}; {len(data) // 1024 or 1} kB).")
    for flag in rapport.flags:
        ctx.print(f"  Flagga: {flag}")
    return 0


def register(commands: CommandSet) -> None:
    p = commands.listing(
        "aktiviteter", cmd_list_aktiviteter, "aktiviteter (forum, frukostmöten, utbildningar) med deltagare"
    )
    p.add_argument("--year", type=int, help="bara aktiviteter detta år")
    p = commands.export(
        "lagesrapport", cmd_export_lagesrapport, "lägesrapporten till medlemmarna per ett datum (PDF eller .docx)"
    )
    p.add_argument("--per", required=True, metavar="DATUM", help="periodens sista dag, t.ex. 2026-03-31")
    p.add_argument("--fran", metavar="DATUM", help="periodens första dag (annars årets början)")
    p.add_argument("-o", "--output", required=True, metavar="FIL", help="FIL.pdf eller FIL.docx")
