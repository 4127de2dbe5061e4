"""Årsredovisning commands: ``finsam import sie --fil F.se [--year]``, ``finsam list arsredovisning [--year]``,
``finsam export arsredovisning --year YYYY -o F.pdf|docx`` and ``finsam export delar --per DATUM -o F.pdf|docx``
(``finsam check`` includes the reconciliation of every stored year through the area's checks)."""

from __future__ import annotations

import argparse
from pathlib import Path

from finsam_desktop import clock
from finsam_desktop.cli.common import CliError, CommandSet, Context
from finsam_desktop.domain.common.dates import parse_date


def cmd_import_sie(args: argparse.Namespace, ctx: Context) -> int:
    path = Path(args.fil)
    if not path.exists():
        raise CliError(f"Filen {path} finns inte.")
    ar = ctx.workspace(write=True).services.arsredovisning
    result = ar.books.import_sie(path.read_bytes(), path.name, year=args.year, feed_budget=not args.utan_budget)
    ctx.print(result.message)
    return 0


def cmd_list(args: argparse.Namespace, ctx: Context) -> int:
    ar = ctx.workspace(write=False).services.arsredovisning
    years = ar.documents.years(args.year)
    if not years:
        ctx.print("Inga sparade årsredovisningar." if args.year is None else f"Ingen årsredovisning för {args.year}.")
        return 0
    for y in years:
        state = f"fastställd {y.adopted_text}" if y.adopted else "utkast"
        ctx.print(f"{y.year}  {state}  {y.source_text}")
        if y.unmapped:
            ctx.print(f"  Konton utan rad i årsredovisningen: {', '.join(y.unmapped)}")
            continue
        ctx.print(f"  {y.figures_text}")
        if not y.flags:
            ctx.print("  Alla summor stämmer.")
        for flag in y.flags:
            ctx.print(f"  Flagga: {flag.text}")
    return 0


def _write(pub, out: Path, ctx: Context) -> int:
    suffix = out.suffix.lower()
    if suffix not in (".pdf", ".docx"):
        raise CliError("Utfilen måste sluta på .pdf eller .docx (-o).")
    if suffix == ".pdf":
        from finsam_desktop.reports.arsredovisning.pdf import arsredovisning_pdf

        data = arsredovisning_pdf(pub, created=clock.today())
    else:
        from finsam_desktop.reports.arsredovisning.docx import arsredovisning_docx

        data = arsredovisning_docx(pub)
    out.write_bytes(data)
    state = "utkast" if pub.draft else pub.adopted_text or "fastställd"
    if not pub.draft and suffix == ".docx":
        state += "; en redigerbar kopia, den fastställda versionen är PDF-filen"
    ctx.print(f"Sparade {out} ({pub.title}, {state}; {len(data) // 1024 or 1} kB).")
    for flag in pub.flags:
        ctx.print(f"  Flagga: {flag.text}")
    return 0


def cmd_export_arsredovisning(args: argparse.Namespace, ctx: Context) -> int:
    ar = ctx.workspace(write=False).services.arsredovisning
    out = Path(args.output)
    stored = ar.documents.adopted_document(args.year) if out.suffix.lower() == ".pdf" else None
    if stored is None:
        return _write(ar.publication(args.year), out, ctx)
    # An adopted year: the PDF exactly as it was fastställd, never re-rendered with today's layout.
    out.write_bytes(stored.data)
    ctx.print(f"Sparade {out} ({stored.title}; {len(stored.data) // 1024 or 1} kB): {stored.notice}.")
    return 0


def cmd_export_delar(args: argparse.Namespace, ctx: Context) -> int:
    ar = ctx.workspace(write=False).services.arsredovisning
    return _write(ar.interim(parse_date(args.per, "--per")), Path(args.output), ctx)


def register(commands: CommandSet) -> None:
    sie = commands.import_kinds.add_parser(
        "sie",
        help="bokföringen för ett år från ekonomisystemets SIE 4-fil",
        description="Importera ett års bokföring från en SIE 4-fil (4B/4E/4I, PC8 eller UTF-8). Allt eller inget: "
        "en fil som inte balanserar avvisas med radnummer. Samma år importerat igen ersätts. Utfallet per "
        "kostnadsställe och månad förs till budgetens utfall (ersätter, dubblerar aldrig).",
    )
    sie.set_defaults(handler=cmd_import_sie)
    sie.add_argument("--fil", required=True, metavar="FIL", help="SIE-filen")
    sie.add_argument("--year", type=int, help="räkenskapsåret (kontrolleras mot filen)")
    sie.add_argument("--utan-budget", action="store_true", help="för inte utfallet till budgeten")

    p = commands.listing("arsredovisning", cmd_list, "sparade årsredovisningar: huvudsiffror och flaggor")
    p.add_argument("--year", type=int, help="endast detta år")

    p = commands.export(
        "arsredovisning", cmd_export_arsredovisning, "årsredovisningen som tillgänglig PDF (PDF/UA) eller Word (.docx)"
    )
    p.add_argument("--year", type=int, required=True, metavar="ÅR", help="räkenskapsåret")
    p.add_argument("-o", "--output", required=True, metavar="FIL", help="FIL.pdf eller FIL.docx")
    p = commands.export("delar", cmd_export_delar, "delårsrapporten per ett datum (PDF eller .docx)")
    p.add_argument("--per", required=True, metavar="DATUM", help="balansdagen, t.ex. 2026-08-31")
    p.add_argument("-o", "--output", required=True, metavar="FIL", help="FIL.pdf eller FIL.docx")
