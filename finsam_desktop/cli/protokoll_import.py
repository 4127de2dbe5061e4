"""``finsam import protokoll --fil F.pdf|F.docx|F.txt [--organ …] [--godkann] [--torrkorning]``: historical
protocols stored as justerade. Without ``--godkann`` nothing is stored while any line could not be placed."""

from __future__ import annotations

import argparse
from pathlib import Path

from finsam_desktop.cli.common import CliError, CommandSet, Context


def _describe(ctx: Context, preview, weeks: int = 3) -> None:
    for p in preview.protocols:
        numbers = [x.nummer for x in p.paragraphs]
        span = f"§ {numbers[0]}–{numbers[-1]}" if numbers else "inga §"
        ctx.print(f"{p.label}: {span}, {len(p.attendance)} närvarande, plats: {p.plats or '–'}")
        ctx.print(
            f"  Ordförande: {p.ordforande or '–'}; justerare: {', '.join(p.justerare) or '–'}; "
            f"sekreterare: {p.sekreterare or '–'}"
        )
        dates = [
            ("justerat", p.justeringsdatum),
            ("anslaget", p.anslagsdatum),
            ("tas ned tidigast", p.anslag_ned_tidigast),
        ]
        shown = "; ".join(f"{label} {d.isoformat()}" for label, d in dates if d)
        if shown:
            ctx.print(f"  {shown[0].upper()}{shown[1:]}")
        refs = sum(len(x.bilagor) for x in p.paragraphs)
        ctx.print(f"  {refs} hänvisningar till bilagor, {sum(len(x.jav) for x in p.paragraphs)} jävsnoteringar")
    for warning in preview.warnings(weeks):
        ctx.print(f"Varning: {warning}")
    for problem in preview.problems:
        ctx.print(f"Fel: {problem}")
    if preview.unplaced:
        ctx.print(f"Kunde inte placeras ({len(preview.unplaced)} rader):")
        for line in preview.unplaced_summary():
            ctx.print(f"  {line}")


def cmd_import_protokoll(args: argparse.Namespace, ctx: Context) -> int:
    path = Path(args.fil)
    if not path.is_file():
        raise CliError(f"Filen {path} finns inte (--fil).")
    data = path.read_bytes()
    ws = ctx.workspace(write=not args.torrkorning)
    service = ws.services.justering.protocol_import
    preview = service.preview(data, path.name)
    _describe(ctx, preview, service.appeal_weeks())
    if args.torrkorning:
        ctx.print("Torrkörning: inget sparades.")
        return 1 if preview.problems else 0
    if preview.problems:
        raise CliError("Protokollet kan inte importeras; rätta filen och försök igen. Inget sparades.")
    if preview.unplaced and not args.godkann:
        raise CliError(
            f"{len(preview.unplaced)} rader kunde inte placeras (se listan ovan); inget sparades. Kör igen med "
            "--godkann om de kan lämnas utanför."
        )
    result = service.import_protocols(data, path.name, organ=args.organ, accept_unplaced=True)
    ctx.print(result.summary)
    return 0


def register(commands: CommandSet) -> None:
    p = commands.import_kinds.add_parser(
        "protokoll",
        help="historiska protokoll (.pdf, .docx eller .txt) som justerade sammanträden",
        description="Läs in tidigare justerade protokoll: huvud, närvarande, justerare, varje § med text, "
        "att-satser, jäv och bilagehänvisningar, samt Bevis/anslag. Allt eller inget; originalfilen sparas med "
        "sin SHA-256. Rader som inte kunde placeras listas, och inget sparas förrän de godkänns (--godkann).",
    )
    p.set_defaults(handler=cmd_import_protokoll)
    p.add_argument("--fil", required=True, metavar="FIL", help="protokollet (.pdf, .docx eller .txt)")
    p.add_argument("--organ", metavar="NAMN", help="organet (standard: styrelsen)")
    p.add_argument("--godkann", action="store_true", help="importera trots rader som inte kunde placeras")
    p.add_argument("--torrkorning", action="store_true", help="visa vad som känns igen utan att spara")
