"""Årshjul on the command line: export (ics, pdf, xlsx), list events, create a year, enter a
sammanträdesplan, import a calendar list."""

from __future__ import annotations

import argparse
from pathlib import Path

from finsam_desktop.cli.common import CliError, CommandSet, Context
from finsam_desktop.domain.arshjul.overrides import Status
from finsam_desktop.domain.common.dates import parse_date

FORMATS = ("ics", "pdf", "xlsx")


def cmd_export(args: argparse.Namespace, ctx: Context) -> int:
    ws = ctx.workspace(write=False)
    svc = ws.services.arshjul
    fmt = args.format or Path(args.output).suffix.lstrip(".").lower()
    if fmt not in FORMATS:
        raise CliError(f"Okänt format ”{fmt}”; välj ics, pdf eller xlsx (--format).")
    if fmt == "ics":
        data = svc.exports.export_ics(args.year)
    elif fmt == "pdf":
        data = svc.exports.export_pdf(args.year, args.papper)
    else:
        data = svc.exports.export_xlsx(args.year)
    Path(args.output).write_bytes(data)
    ctx.print(f"Årshjul {args.year} sparat som {args.output} ({len(data)} byte).")
    return 0


def cmd_list(args: argparse.Namespace, ctx: Context) -> int:
    ws = ctx.workspace(write=False)
    start = parse_date(args.from_date, "--from") if args.from_date else None
    end = parse_date(args.to_date, "--to") if args.to_date else None
    if start and end and end < start:
        raise CliError("--to ligger före --from.")
    view = ws.services.arshjul.view.year_view(args.year)
    names = {c.key: c.namn for c in view.categories}
    rows = [
        o
        for o in view.occurrences
        if (start is None or (o.end or o.date) >= start)
        and (end is None or o.date <= end)
        and (args.kategori is None or o.category == args.kategori or names.get(o.category) == args.kategori)
        and (args.status is None or o.status.value == args.status)
    ]
    if not rows:
        ctx.print("Inga händelser.")
        return 0
    for o in rows:
        marks = []
        if o.flag:
            marks.append(f"OBS {o.flag.lower()}")
        if o.moved:
            marks.append("flyttad")
        extra = f"  [{'; '.join(marks)}]" if marks else ""
        ctx.print(
            f"{o.date_text:<23} v{o.week:<3} {o.status.label:<9} {names.get(o.category, o.category):<32} "
            f"{o.title}{extra}"
        )
    ctx.print(f"{len(rows)} händelser.")
    return 0


def cmd_arshjul(args: argparse.Namespace, ctx: Context) -> int:
    ws = ctx.workspace(write=True)
    svc = ws.services.arshjul
    if args.atgard == "skapa":
        result = svc.standard.create_year(args.year)
        ctx.print(
            f"Årshjul {result.year} skapat: {result.created} händelser"
            + (f", varav {result.carried_over} från {result.year - 1}" if result.carried_over else "")
            + "."
        )
        return 0
    if not args.fil:
        raise CliError("Ange filen med --fil.")
    data = Path(args.fil).read_bytes()
    if args.atgard == "plan":
        from finsam_desktop.domain.arshjul.plan import parse_plan  # only when used: fast start
        from finsam_desktop.domain.common.tabular import read_text

        text = read_text(data)

        entries = parse_plan(text, args.year, args.tid)
        result = svc.plan.create_sammantradesplan(args.year, entries, plats=args.plats or "")
        ctx.print(
            f"Sammanträdesplan {args.year}: {len(result.meeting_ids)} sammanträden skapade, "
            f"{result.deadline_rules_created} fristregler."
        )
        for w in result.warnings:
            ctx.print(f"  Varning: {w}")
        return 0
    ctx.print(svc.imports.import_calendar(data).message)
    return 0


def register(commands: CommandSet) -> None:
    p = commands.export("arshjul", cmd_export, "exportera årshjulet (iCalendar, PDF-affisch, Excel)")
    p.add_argument("--year", type=int, help="året (standard: i år)")
    p.set_defaults(year_defaults_to_this=True)
    p.add_argument("--format", choices=FORMATS, help="ics, pdf eller xlsx (annars filändelsen)")
    p.add_argument("--papper", choices=("A4", "A3"), default="A3", help="pappersformat för PDF (liggande)")
    p.add_argument("-o", "--output", required=True, metavar="FIL", help="filen som skrivs")

    p = commands.listing("events", cmd_list, "lista årshjulets händelser")
    p.add_argument("--year", type=int, help="året (standard: i år)")
    p.set_defaults(year_defaults_to_this=True)
    p.add_argument("--from", dest="from_date", metavar="DATUM", help="från och med datum")
    p.add_argument("--to", dest="to_date", metavar="DATUM", help="till och med datum")
    p.add_argument("--kategori", help="bara en kategori (nyckel eller namn)")
    p.add_argument("--status", choices=[s.value for s in Status], help="bara en status")

    p = commands.command(
        "arshjul", cmd_arshjul, "skapa årshjul från standardåret, läs in sammanträdesplan eller importera en lista"
    )
    p.add_argument(
        "atgard",
        choices=("skapa", "plan", "importera"),
        metavar="ÅTGÄRD",
        help="skapa (standardåret), plan (sammanträdesplan från fil), importera (datum;organ;typ;beskrivning)",
    )
    p.add_argument("--year", type=int, help="året (standard: i år)")
    p.set_defaults(year_defaults_to_this=True)
    p.add_argument(
        "--fil", metavar="FIL", help="sammanträdesplanen eller listan (.csv/.txt i valfri teckenkodning, eller .xlsx)"
    )
    p.add_argument("--tid", default="09:00-12:00", help="standardtid för sammanträden i planen")
    p.add_argument("--plats", help="plats för sammanträdena i planen")
