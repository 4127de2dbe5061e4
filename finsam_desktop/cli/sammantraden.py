"""Sammanträden commands: list meetings, export kallelse/protocol, search."""

from __future__ import annotations

import argparse
from pathlib import Path

from finsam_desktop.cli.common import CliError, CommandSet, Context


def _meeting_id(ctx: Context, ref: str) -> int:
    if not ref:
        raise CliError("Ange sammanträdet med --meeting ID (id eller datum).")
    return ctx.workspace(write=False).services.meetings.meetings.find_meeting(ref).id


def cmd_list_meetings(args: argparse.Namespace, ctx: Context) -> int:
    meetings = ctx.workspace(write=False).services.meetings.meetings.list_meetings(year=args.year)
    if not meetings:
        ctx.print("Inga sammanträden" + (f" {args.year}." if args.year else "."))
        return 0
    ctx.print(f"{'Id':>4}  {'Datum':<10}  {'Organ':<18}  {'Status':<20}  Paragrafer")
    for m in meetings:
        ctx.print(
            f"{m.id:>4}  {m.datum.isoformat():<10}  {m.organ_namn:<18}  {m.status.label:<20}  "
            f"{m.paragraph_range_text or f'{m.item_count} punkter'}"
        )
    return 0


def _write(ctx: Context, output: str, data: bytes, what: str) -> int:
    path = Path(output)
    path.write_bytes(data)
    ctx.print(f"{what} har sparats i {path}")
    return 0


def _kind(output: str, allowed: tuple[str, ...], what: str) -> str:
    """The format asked for by the output file's suffix; any other suffix is refused before anything is made."""
    suffix = Path(output).suffix.lower()
    if suffix not in allowed:
        shown = f"”{suffix}”" if suffix else "utan filändelse"
        choices = ", ".join(allowed[:-1]) + f" eller {allowed[-1]}"
        raise CliError(f"{what} kan inte sparas som {shown}: välj {choices}.")
    return suffix


def cmd_export_kallelse(args: argparse.Namespace, ctx: Context) -> int:
    kind = _kind(args.output, (".pdf", ".docx", ".eml"), "Kallelsen")
    # Sending marks the kallelse as sent: the file is opened for writing before anything reads it.
    meetings = ctx.workspace(write=args.skicka and kind == ".eml").services.meetings
    meeting_id = _meeting_id(ctx, args.meeting)
    if kind == ".eml":
        draft = meetings.mail.kallelse_mail(meeting_id)
        _write(ctx, args.output, draft.eml, "E-postmeddelandet med kallelsen")
        ctx.print(f"Till {len(draft.recipients)} mottagare; bifogat: {', '.join(draft.attachments)}.")
        for note in draft.notes:
            ctx.print(note)
        if args.skicka:
            return _send_kallelse(ctx, meeting_id, draft)
        ctx.print("Öppna filen i Outlook eller Thunderbird för att skicka den.")
        return 0
    if args.skicka:
        raise CliError("--skicka kräver att kallelsen sparas som .eml (-o FIL.eml).")
    docs = meetings.documents
    data = docs.kallelse_docx(meeting_id) if kind == ".docx" else docs.kallelse_pdf(meeting_id)
    return _write(ctx, args.output, data, "Kallelsen")


def _send_kallelse(ctx: Context, meeting_id: int, draft) -> int:
    from finsam_desktop.cli.smtp import password_for_sending

    services = ctx.workspace(write=True).services
    settings = services.smtp.get()
    if settings is None:
        raise CliError("ingen e-postserver är inställd; ställ in den med ”finsam smtp --host …”.")
    result = services.meetings.mail.send_kallelse(meeting_id, password_for_sending(settings), draft)
    ctx.print(f"{result.text()} Kallelsen är markerad som skickad.")
    return 0


def cmd_export_protocol(args: argparse.Namespace, ctx: Context) -> int:
    from finsam_desktop.services.sammantraden import documents as sammantraden

    kind = _kind(args.output, (".pdf", ".docx"), "Protokollet")
    meeting_id = _meeting_id(ctx, args.meeting)
    services = ctx.workspace(write=False).services
    if kind == ".docx":
        data = services.meetings.documents.protocol_docx(meeting_id)
    else:
        data = sammantraden.protocol_pdf_bytes(services, meeting_id)
    return _write(ctx, args.output, data, "Protokollet")


def cmd_search(args: argparse.Namespace, ctx: Context) -> int:
    text = " ".join(args.text).strip()
    if not text:
        raise CliError("Ange vad du söker efter.")
    hits = ctx.workspace(write=False).services.meetings.search.search(text, limit=args.limit)
    if not hits:
        ctx.print(f"Inga träffar för ”{text}”.")
        return 0
    for h in hits:
        ctx.print(f"{h.datum.isoformat()}  {h.organ_namn}  {h.label}  {h.rubrik}")
        if h.snippet and h.snippet != h.rubrik:
            ctx.print(f"    {h.snippet}")
    ctx.print(f"{len(hits)} träff{'ar' if len(hits) != 1 else ''}.")
    return 0


def register(commands: CommandSet) -> None:
    p = commands.listing("meetings", cmd_list_meetings, "lista sammanträden (id, datum, organ, status, §)")
    p.add_argument("--year", type=int, metavar="ÅÅÅÅ", help="bara sammanträden detta år")
    p = commands.export(
        "kallelse",
        cmd_export_kallelse,
        "kallelse med dagordning som PDF, Word (.docx) eller e-post (.eml med handlingar och kalenderinbjudan)",
    )
    p.add_argument("--meeting", required=True, metavar="ID", help="sammanträdets id eller datum")
    p.add_argument("-o", "--output", required=True, metavar="FIL.pdf|docx|eml")
    p.add_argument("--skicka", action="store_true", help="skicka .eml direkt via e-postservern (finsam smtp)")
    p = commands.export(
        "protocol", cmd_export_protocol, "protokoll som PDF eller Word (.docx) (utkast tills det är justerat)"
    )
    p.add_argument("--meeting", required=True, metavar="ID", help="sammanträdets id eller datum")
    p.add_argument("-o", "--output", required=True, metavar="FIL.pdf|docx")
    p = commands.command("search", cmd_search, "sök i alla protokoll", free_text=True)
    p.add_argument("text", nargs="+", help="sökord (även ord som börjar med -, t.ex. -budget)")
    p.add_argument("--limit", type=int, default=50)
