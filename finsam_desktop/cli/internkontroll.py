"""Intern kontroll from the command line: export the risk analysis (PDF/Excel) and draw + check a
stickprov headless."""

from __future__ import annotations

import argparse
from pathlib import Path

from finsam_desktop.cli.common import CliError, CommandSet, Context
from finsam_desktop.domain.common.dates import parse_date
from finsam_desktop.domain.common.money import format_kr, parse_amount
from finsam_desktop.domain.internkontroll.stickprov_draw import size_guidance
from finsam_desktop.domain.internkontroll.stickprov_mapping import FIELD_BY_NAME, FIELDS, mapping_text, quoted
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


def _field(name: str) -> str:
    """A field by its name (``belopp``) or label (``Belopp``, ``Kostnadsställe``), case-insensitively."""
    key = name.strip().lower()
    for f in FIELDS:
        if key in (f.name, f.label.lower()):
            return f.name
    raise CliError(f"Okänt fält ”{name.strip()}”; välj bland {', '.join(FIELD_BY_NAME)} (--mapping).")


def _mapping(arg: str | None, preview) -> tuple[dict[str, str], str]:
    """The preview's mapping (remembered or guessed) with ``--mapping fält=kolumn,…`` on top (``fält=`` with
    no column: the file has none); a role the guess left open and ``--mapping`` does not settle stops here."""
    mapping = dict(preview.mapping)
    given: set[str] = set()
    for part in (arg or "").split(","):
        if not part.strip():
            continue
        if "=" not in part:
            raise CliError(f"”{part.strip()}” ska skrivas fält=kolumn (--mapping).")
        name, col = part.split("=", 1)
        name, col = _field(name), col.strip()
        if col and col not in preview.headers:
            raise CliError(f"Filen har ingen kolumn ”{col}”; den har {quoted(preview.headers)} (--mapping).")
        given.add(name)
        for other in [k for k, v in mapping.items() if col and v == col and k not in given]:
            del mapping[other]  # the column now belongs to the field the user named
        mapping[name] = col
    open_roles = {k: v for k, v in preview.ambiguous.items() if k not in given}
    problem = ""
    if open_roles:
        lines = [
            f"  {FIELD_BY_NAME[k].label}: {' eller '.join(f'”{c}”' for c in cols)}" for k, cols in open_roles.items()
        ]
        example = ",".join(f"{k}={cols[0]}" for k, cols in open_roles.items())
        problem = (
            "Kolumnkopplingen går inte att gissa säkert; flera kolumner passar för samma fält:\n"
            + "\n".join(lines)
            + f'\nAnge vilken kolumn som gäller med --mapping, t.ex. --mapping "{example}" '
            "(fält= utan kolumn betyder att filen saknar fältet)."
        )
    return {k: v for k, v in mapping.items() if v}, problem


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
    mapping, problem = _mapping(args.mapping, preview)
    ctx.print(mapping_text(mapping))
    if problem:
        raise CliError(problem)
    parsed = ik.stickprov.parse_file(data, path.name, mapping)
    transactions = list(parsed.transactions)
    for note in parsed.notes:
        ctx.print(note)
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
    p.add_argument(
        "--mapping",
        "--koppling",
        dest="mapping",
        metavar="FÄLT=KOLUMN,…",
        help='kolumnkoppling utöver den gissade, t.ex. "belopp=Belopp SEK,kostnadsstalle=Ansvar"; '
        "fält= utan kolumn: filen saknar fältet (fält: " + ", ".join(FIELD_BY_NAME) + ")",
    )
    p.add_argument("-o", "--output", required=True, metavar="FIL.xlsx", help="stickprovet med anmärkningar")
