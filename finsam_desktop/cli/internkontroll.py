"""Intern kontroll from the command line: export the risk analysis (PDF/Excel) and draw + check a
stickprov headless."""

from __future__ import annotations

import argparse
from pathlib import Path

from finsam_desktop.cli.common import CliError, CommandSet, Context
from finsam_desktop.domain.common.dates import parse_date
from finsam_desktop.domain.common.money import format_kr, parse_amount
from finsam_desktop.domain.internkontroll.stickprov_draw import size_guidance
from finsam_desktop.domain.internkontroll.stickprov_import import read_table
from finsam_desktop.domain.internkontroll.stickprov_mapping import FIELD_BY_NAME
from finsam_desktop.domain.internkontroll.stickprov_population import PopulationFilter


def cmd_export_risk(args: argparse.Namespace, ctx: Context) -> int:
    out = Path(args.output)
    suffix = out.suffix.lower()
    if suffix not in (".pdf", ".xlsx"):
        raise CliError("Utfilen måste sluta på .pdf eller .xlsx (-o).")
    ik = ctx.workspace(write=False).services.internkontroll
    data = ik.exports.export_pdf(args.year) if suffix == ".pdf" else ik.exports.export_risk_xlsx(args.year)
    out.write_bytes(data)
    ctx.print(f"Sparade {out} ({len(data) // 1024 or 1} kB).")
    return 0


def _period(text: str | None) -> tuple:
    if not text:
        return None, None
    if ":" not in text:
        raise CliError("Ange perioden som FRÅN:TILL, t.ex. 2026-01-01:2026-09-30 (--period).")
    a, b = text.split(":", 1)
    return (parse_date(a, "--period") if a.strip() else None, parse_date(b, "--period") if b.strip() else None)


def _mapping(arg: str | None, headers: tuple[str, ...], remembered: dict, guessed: dict) -> dict[str, str]:
    if arg:
        mapping = {}
        for part in arg.split(","):
            if "=" not in part:
                raise CliError(f"”{part}” ska skrivas fält=kolumn (--koppling).")
            field, col = (x.strip() for x in part.split("=", 1))
            if field not in FIELD_BY_NAME:
                raise CliError(f"Okänt fält ”{field}”; välj bland {', '.join(FIELD_BY_NAME)} (--koppling).")
            mapping[field] = col
        return mapping
    if remembered and all(c in headers for c in remembered.values()):
        return remembered
    return guessed


def cmd_stickprov(args: argparse.Namespace, ctx: Context) -> int:
    path = Path(args.fil)
    if not path.exists():
        raise CliError(f"Filen {path} finns inte (--fil).")
    out = Path(args.output)
    if out.suffix.lower() != ".xlsx":
        raise CliError("Utfilen måste sluta på .xlsx (-o).")
    if args.storlek < 0:
        raise CliError("Stickprovsstorleken kan inte vara negativ (--storlek).")
    fran, till = _period(args.period)
    over = parse_amount(args.over, "--over") if args.over else None
    min_belopp = parse_amount(args.min_belopp, "--min-belopp") if args.min_belopp else None
    ws = ctx.workspace(write=False)
    ik = ws.services.internkontroll
    data = path.read_bytes()
    preview = ik.stickprov.preview_file(data, path.name)
    mapping = _mapping(
        args.koppling, read_table(data, path.name).headers, ik.stickprov.remembered_mapping(), preview.mapping
    )
    transactions = ik.stickprov.load_file(data, path.name, mapping)
    flt = PopulationFilter(fran, till, args.konto or "", min_belopp)
    sp = ik.stickprov.run_stickprov(transactions, flt, args.storlek, args.seed, over, filnamn=path.name)
    from finsam_desktop.reports.internkontroll.xlsx import stickprov_xlsx

    out.write_bytes(stickprov_xlsx(sp, ws.services.forbund.get().namn))
    ctx.print(
        f"{len(transactions)} verifikationer lästa ur {path.name}; population {sp.population_count} "
        f"({format_kr(sp.population_sum)})."
    )
    ctx.print(size_guidance(sp.population_count))
    ctx.print(sp.method_text)
    ctx.print(f"{len(sp.items)} poster dragna, {sp.findings_count} med anmärkning mot attestordningen:")
    for item in sp.items:
        for finding in item.auto_findings:
            t = item.transaction
            ctx.print(f"  Ver {t.verifikation} {t.datum.isoformat()} {format_kr(t.belopp)}: {finding}")
    ctx.print(f"Sparade {out}.")
    return 0


def register(commands: CommandSet) -> None:
    p = commands.export(
        "risk",
        cmd_export_risk,
        "risk- och väsentlighetsanalys, kontrollplan och stickprov (PDF) eller risktabell (Excel)",
    )
    p.add_argument("--year", type=int, required=True, metavar="ÅR", help="året analysen gäller")
    p.add_argument("-o", "--output", required=True, metavar="FIL", help="FIL.pdf eller FIL.xlsx")

    p = commands.command(
        "stickprov", cmd_stickprov, "dra och kontrollera ett stickprov ur en verifikationslista (sparas inte)"
    )
    p.add_argument("--fil", required=True, metavar="FIL", help="verifikationer som .xlsx eller .csv")
    p.add_argument("--storlek", type=int, required=True, metavar="N", help="antal slumpmässigt dragna poster")
    p.add_argument("--seed", type=int, required=True, metavar="S", help="slumpfrö (samma frö ger samma urval)")
    p.add_argument("--over", metavar="BELOPP", help="ta därtill med samtliga poster över beloppet")
    p.add_argument("--period", metavar="FRÅN:TILL", help="bara verifikationer i perioden, t.ex. 2026-01-01:2026-09-30")
    p.add_argument("--konto", metavar="KONTON", help="bara konton/kostnadsställen som börjar så (kommaseparerat)")
    p.add_argument("--min-belopp", dest="min_belopp", metavar="BELOPP", help="bara poster på minst beloppet")
    p.add_argument("--koppling", metavar="FÄLT=KOLUMN,…", help="kolumnkoppling, t.ex. verifikation=Ver nr,datum=Datum")
    p.add_argument("-o", "--output", required=True, metavar="FIL.xlsx", help="stickprovet med anmärkningar")
