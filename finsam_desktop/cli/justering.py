"""Justering commands: frister, verify-pdf, and the justering exports (anslag, utdrag, justerat protokoll)."""

from __future__ import annotations

import argparse

from finsam_desktop.cli.common import CliError, CommandSet, Context, fit
from finsam_desktop.domain.common import deadlines as dl
from finsam_desktop.domain.common.dates import long_date, parse_date


def cmd_frister(args: argparse.Namespace, ctx: Context) -> int:
    meeting = parse_date(args.sammantrade, "--sammantrade")
    justering = parse_date(args.justering, "--justering") if args.justering else None
    anslag = parse_date(args.anslag, "--anslag") if args.anslag else None
    if justering and justering < meeting:
        raise CliError("Justeringsdatum (--justering) kan inte vara före sammanträdesdatum.")
    if anslag and justering and anslag < justering:
        raise CliError("Anslagsdatum (--anslag) kan inte vara före justeringsdatum.")
    if anslag and not justering:
        raise CliError("Ange även --justering när --anslag anges.")
    ctx.print(f"Sammanträde: {meeting.isoformat()} ({long_date(meeting)})")
    if justering:
        ctx.print(f"Justerat:    {justering.isoformat()} ({long_date(justering)})")
    if anslag:
        ctx.print(f"Anslaget:    {anslag.isoformat()} ({long_date(anslag)})")
    ctx.print("")
    rows = dl.deadlines_for(
        meeting,
        justering,
        anslag,
        justering_dagar=args.justering_dagar,
        anslag_dagar=args.anslag_dagar,
        overklagande_veckor=args.veckor,
    )
    width = max(len(r.label) for r in rows)
    for r in rows:
        name = dl.day_name(r.date)
        weekday = long_date(r.date).split(" ")[0]
        ctx.print(
            f"{r.label.ljust(width)}  {r.date.isoformat()} ({weekday}{', ' + name.lower() if name and name.lower() != weekday else ''})"
        )
        ctx.print(f"{' ' * width}  Regel: {r.rule}")
        if r.note:
            ctx.print(f"{' ' * width}  Obs: {r.note}")
    if args.tas_ned:
        entered = parse_date(args.tas_ned, "--tas-ned")
        if not anslag:
            raise CliError("Ange --anslag för att pröva ett datum för nedtagning (--tas-ned).")
        message = dl.validate_takedown_date(anslag, entered, style=args.stil, weeks=args.veckor)
        ctx.print("")
        ctx.print(f"Prövat nedtagningsdatum {entered.isoformat()}: {message or 'godtagbart.'}")
        return 1 if message else 0
    return 0


def cmd_verify_pdf(args: argparse.Namespace, ctx: Context) -> int:
    from pathlib import Path

    from finsam_desktop.reports.common.signing import load_certificates, verify_pdf

    path = Path(args.file)
    if not path.exists():
        raise CliError(f"Filen {path} finns inte.")
    roots = []
    for cert_path in args.betrodd or ():
        try:
            roots += load_certificates(Path(cert_path).read_bytes())
        except (OSError, ValueError) as exc:
            raise CliError(f"--betrodd {cert_path}: {exc}") from None
    report = verify_pdf(path.read_bytes(), trust_roots=roots)
    if not report.signatures:
        ctx.print(f"{path}: inga digitala underskrifter.")
        return 1
    ctx.print(f"{path}: {len(report.signatures)} underskrift(er)")
    last = len(report.signatures)
    for i, sig in enumerate(report.signatures, 1):
        when = sig.signed_at.strftime("%Y-%m-%d %H:%M:%S %Z").strip() if sig.signed_at else "okänd tid"
        state = "intakt" if sig.intact and sig.valid else "BRUTEN"
        notes = []
        if sig.problem:
            notes.append(sig.problem)
        if not sig.covers_whole_file:
            notes.append("senare underskrift tillagd efteråt" if i < last else "filen har ändrats efter underskriften")
        notes.append("betrott certifikat" if sig.trusted else "certifikatet inte kontrollerat mot betrodd utfärdare")
        ctx.print(f"  {i}. {sig.signer} — {sig.reason or 'ingen angiven roll'} — {when} — {state} ({'; '.join(notes)})")
    ctx.print("Dokumentet är intakt." if report.intact else "Dokumentet är INTE intakt.")
    return 0 if report.intact else 1


def _meeting_id(ctx: Context, ref: str, write: bool = False) -> int:
    return ctx.workspace(write=write).services.meetings.meetings.find_meeting(ref).id


def _write(ctx: Context, output: str, data: bytes | str, what: str) -> int:
    from pathlib import Path

    path = Path(output)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    ctx.print(f"{what} har sparats i {path}")
    return 0


def cmd_export_anslag(args: argparse.Namespace, ctx: Context) -> int:
    from finsam_desktop.reports.justering.anslag import anslag_html, anslag_text, build_anslag_pdf

    _check_send(args)
    services = ctx.workspace(write=False).services
    meeting_id = _meeting_id(ctx, args.meeting)
    notice = services.justering.anslag.anslag_notice(meeting_id, extract_id=args.utdrag)
    fmt = args.format or (
        "html" if args.output.endswith((".html", ".htm")) else "txt" if args.output.endswith(".txt") else "pdf"
    )
    if args.output.lower().endswith(".eml"):
        from finsam_desktop.reports.common.eml import Attachment

        subject = f"Anslag: justerat protokoll {notice.organ} {notice.sammantradesdatum.isoformat()}"
        draft = services.meetings.mail.document_mail(
            meeting_id,
            subject,
            anslag_text(notice),
            _recipients(args),
            [
                Attachment(
                    f"Anslag {notice.sammantradesdatum.isoformat()}.pdf", build_anslag_pdf(notice), "application/pdf"
                )
            ],
        )
        return _write_mail(ctx, args.output, draft, "anslaget", args.skicka)
    data = {
        "pdf": lambda: build_anslag_pdf(notice),
        "txt": lambda: anslag_text(notice),
        "html": lambda: anslag_html(notice),
    }[fmt]()
    return _write(ctx, args.output, data, "Anslaget")


def _recipients(args: argparse.Namespace) -> list[str]:
    """The --till addresses, checked before anything is made or registered."""
    from finsam_desktop.services.sammantraden.mail import parse_recipients

    if not args.till:
        raise CliError("Ange mottagarnas e-postadresser med --till (t.ex. --till registrator@kommun.se).")
    parse_recipients(args.till)
    return args.till


def _write_mail(ctx: Context, output: str, draft, what: str, send: bool = False) -> int:
    _write(ctx, output, draft.eml, f"E-postmeddelandet med {what}")
    ctx.print(f"Till {', '.join(draft.recipients)}; bifogat: {', '.join(draft.attachments)}.")
    if not send:
        ctx.print("Öppna filen i Outlook eller Thunderbird för att skicka den.")
        return 0
    from finsam_desktop.cli.smtp import password_for_sending
    from finsam_desktop.services.organisation.smtp import send_eml

    settings = ctx.workspace().services.smtp.get()
    if settings is None:
        raise CliError("ingen e-postserver är inställd; ställ in den med ”finsam smtp --host …”.")
    ctx.print(send_eml(settings, draft.eml, password_for_sending(settings)).text())
    return 0


def _check_send(args: argparse.Namespace) -> None:
    if args.skicka and not args.output.lower().endswith(".eml"):
        raise CliError("--skicka kräver en .eml-fil (-o FIL.eml) och mottagare (--till).")


def cmd_export_omedelbart(args: argparse.Namespace, ctx: Context) -> int:
    data = ctx.workspace(write=False).services.justering.omedelbar.omedelbar_pdf(args.utdrag)
    return _write(ctx, args.output, data, "Det omedelbart justerade protokollsutdraget")


def cmd_export_utdrag(args: argparse.Namespace, ctx: Context) -> int:
    from finsam_desktop.domain.justering.model import parse_paragraph_list

    try:
        paragraphs = parse_paragraph_list(args.paragraf)
    except ValueError as exc:
        raise CliError(f"--paragraf: {exc}") from None
    _check_send(args)
    services = ctx.workspace(write=True).services
    meeting_id = _meeting_id(ctx, args.meeting, write=True)
    datum = parse_date(args.datum, "--datum") if args.datum else None
    mail = args.output.lower().endswith(".eml")
    to = _recipients(args) if mail else []
    data = services.justering.utdrag.utdrag_pdf(
        meeting_id, paragraphs, mottagare=args.mottagare or "", bestyrkt_av=args.bestyrkt_av, datum=datum
    )
    if mail:
        from finsam_desktop.domain.justering.model import paragraph_range_text
        from finsam_desktop.reports.common.eml import Attachment

        summary = next(m for m in services.meetings.meetings.list_meetings() if m.id == meeting_id)
        which = paragraph_range_text(paragraphs)
        subject = f"Protokollsutdrag {summary.organ_namn} {summary.datum.isoformat()} {which}"
        body = f"Hej!\n\nHär kommer ett bestyrkt utdrag ur protokollet från {summary.organ_namn.lower()}s sammanträde "
        body += f"{summary.datum.isoformat()}, {which}."
        name = f"Protokollsutdrag {summary.datum.isoformat()} {which}.pdf"
        draft = services.meetings.mail.document_mail(
            meeting_id, subject, body, to, [Attachment(name, data, "application/pdf")]
        )
        return _write_mail(ctx, args.output, draft, "protokollsutdraget", args.skicka)
    return _write(ctx, args.output, data, "Protokollsutdraget")


def cmd_export_publicering(args: argparse.Namespace, ctx: Context) -> int:
    from finsam_desktop.domain.justering.model import RedactionChoice, parse_paragraph_list

    try:
        omit = parse_paragraph_list(args.utelamna) if args.utelamna else []
    except ValueError as exc:
        raise CliError(f"--utelamna: {exc}") from None
    services = ctx.workspace(write=False).services
    meeting_id = _meeting_id(ctx, args.meeting)
    choice = RedactionChoice(
        paragraphs=frozenset(omit),
        personnummer=not args.behall_personnummer,
        jav_names=not args.behall_javnamn,
        extra_names=tuple(args.maskera or ()),
    )
    return _write(
        ctx, args.output, services.justering.publication.publication_pdf(meeting_id, choice), "Publiceringsversionen"
    )


def cmd_sign(args: argparse.Namespace, ctx: Context) -> int:
    import getpass
    import os
    from pathlib import Path

    p12 = Path(args.p12)
    if not p12.exists():
        raise CliError(f"Certifikatfilen {p12} finns inte.")
    passphrase = os.environ.get("FINSAM_P12_LOSENORD")
    if passphrase is None:
        passphrase = getpass.getpass(f"Lösenord för {p12.name}: ")
    services = ctx.workspace(write=True).services
    meeting_id = _meeting_id(ctx, args.meeting, write=True)
    signers = services.justering.archive.sign(meeting_id, p12.read_bytes(), passphrase, args.roll)
    ctx.print(f"Underskriven som {args.roll}. Underskrifter hittills: {', '.join(signers)}.")
    return 0


def cmd_list_justering(args: argparse.Namespace, ctx: Context) -> int:
    rows = ctx.workspace(write=False).services.justering.status.overview(include_done=args.alla)
    if not rows:
        ctx.print("Inga protokoll i justering eller anslag.")
        return 0
    ctx.print(f"{'Id':>4}  {'Sammanträde':<40}  {'Status':<20}  {'Justerat':<10}  {'Anslaget':<10}  Tas ned tidigast")
    for r in rows:
        mark = {"idag": " ← i dag", "forsenad": " ← försenad"}.get(r.urgency, "")
        ident = f"u{r.extract_id}" if r.extract_id else str(r.meeting_id)
        ctx.print(
            f"{ident:>4}  {fit(r.title, 40):<40}  {r.status_label:<20}  "
            f"{r.justeringsdatum.isoformat() if r.justeringsdatum else '':<10}  "
            f"{r.anslagsdatum.isoformat() if r.anslagsdatum else '':<10}  "
            f"{r.tas_ned_tidigast.isoformat() if r.tas_ned_tidigast else ''}{mark}"
        )
        for w in r.warnings:
            ctx.print(f"      {w}")
    return 0


def _show_row(ctx: Context, row) -> None:
    ctx.print(f"{row.title}: {row.status_label}")
    if row.justeringsdatum:
        ctx.print(f"  Justerat {row.justeringsdatum.isoformat()} av {row.justerare}")
    if row.anslagsdatum:
        ctx.print(
            f"  Anslaget {row.anslagsdatum.isoformat()}; sista dag för överklagande "
            f"{row.sista_overklagandedag.isoformat()}; tas ned tidigast {row.tas_ned_tidigast.isoformat()}"
        )
    if row.nedtaget_datum:
        ctx.print(f"  Nedtaget {row.nedtaget_datum.isoformat()}")
    for w in row.warnings:
        ctx.print(f"  Obs: {w}")


def cmd_klart(args: argparse.Namespace, ctx: Context) -> int:
    services = ctx.workspace(write=True).services
    _show_row(ctx, services.justering.workflow.mark_ready(_meeting_id(ctx, args.meeting, write=True)))
    return 0


def cmd_oppna(args: argparse.Namespace, ctx: Context) -> int:
    services = ctx.workspace(write=True).services
    _show_row(ctx, services.justering.workflow.reopen(_meeting_id(ctx, args.meeting, write=True), args.skal))
    return 0


def cmd_justera(args: argparse.Namespace, ctx: Context) -> int:
    services = ctx.workspace(write=True).services
    meeting_id = _meeting_id(ctx, args.meeting, write=True)
    anslag = parse_date(args.anslag, "--anslag") if args.anslag else None
    _show_row(
        ctx, services.justering.workflow.justera(meeting_id, parse_date(args.datum, "--datum"), anslagsdatum=anslag)
    )
    return 0


def cmd_anslag(args: argparse.Namespace, ctx: Context) -> int:
    services = ctx.workspace(write=True).services
    meeting_id = _meeting_id(ctx, args.meeting, write=True)
    _show_row(ctx, services.justering.anslag.post_anslag(meeting_id, parse_date(args.datum, "--datum")))
    return 0


def cmd_nedtaget(args: argparse.Namespace, ctx: Context) -> int:
    services = ctx.workspace(write=True).services
    meeting_id = _meeting_id(ctx, args.meeting, write=True)
    datum = parse_date(args.datum, "--datum") if args.datum else None
    _show_row(ctx, services.justering.anslag.take_down(meeting_id, datum))
    return 0


def cmd_list_utdrag(args: argparse.Namespace, ctx: Context) -> int:
    services = ctx.workspace(write=False).services
    meeting_id = _meeting_id(ctx, args.meeting) if args.meeting else None
    entries = services.justering.utdrag.list_utdrag(meeting_id)
    if not entries:
        ctx.print("Inga protokollsutdrag registrerade.")
        return 0
    ctx.print(f"{'Datum':<10}  {'Sammanträde':>11}  {'Paragrafer':<14}  {'Mottagare':<30}  Bestyrkt av")
    for u in entries:
        ctx.print(
            f"{u.datum.isoformat():<10}  {u.meeting_id:>11}  {u.paragrafer:<14}  {fit(u.mottagare, 30):<30}  "
            f"{u.bestyrkt_av}"
        )
    return 0


def register(commands: CommandSet) -> None:
    p = commands.command("frister", cmd_frister, "beräkna frister för justering, anslag och överklagande")
    p.add_argument("--sammantrade", required=True, metavar="DATUM", help="sammanträdesdatum")
    p.add_argument("--justering", metavar="DATUM", help="justeringsdatum (om justerat)")
    p.add_argument("--anslag", metavar="DATUM", help="anslagsdatum (om anslaget)")
    p.add_argument("--tas-ned", metavar="DATUM", help="pröva ett handskrivet datum för nedtagning av anslaget")
    p.add_argument(
        "--stil",
        choices=[s.value for s in dl.TakedownStyle],
        default=dl.TakedownStyle.tidigast.value,
        help="tidigast = dagen efter sista överklagandedag; sista_overklagandedag = som förlagan",
    )
    p.add_argument("--justering-dagar", type=int, default=14, metavar="N", help="dagar för justering (14)")
    p.add_argument("--anslag-dagar", type=int, default=2, metavar="N", help="dagar för anslag efter justering (2)")
    p.add_argument("--veckor", type=int, default=3, metavar="N", help="överklagandetid i veckor (3)")
    p = commands.command("verify-pdf", cmd_verify_pdf, "kontrollera digitala underskrifter i en PDF")
    p.add_argument("file", metavar="FIL", help="PDF-fil")
    p.add_argument("--betrodd", action="append", metavar="CERT", help="betrott rotcertifikat (PEM eller DER)")
    p = commands.export("anslag", cmd_export_anslag, "anslag om justerat protokoll (PDF, text eller HTML)")
    p.add_argument("--meeting", required=True, metavar="ID", help="sammanträdets id eller datum")
    p.add_argument("--utdrag", type=int, metavar="ID", help="anslag för ett omedelbart justerat utdrag")
    p.add_argument("--format", choices=("pdf", "txt", "html"), help="annars efter filändelsen")
    p.add_argument("-o", "--output", required=True, metavar="FIL", help=".pdf, .txt, .html eller .eml (e-post)")
    p.add_argument("--till", action="append", metavar="ADRESS", help="mottagare när FIL är .eml (kan upprepas)")
    p.add_argument("--skicka", action="store_true", help="skicka .eml direkt via e-postservern (finsam smtp)")
    p = commands.export("utdrag", cmd_export_utdrag, "protokollsutdrag av justerade paragrafer (registreras)")
    p.add_argument("--meeting", required=True, metavar="ID", help="sammanträdets id eller datum")
    p.add_argument("--paragraf", required=True, metavar="N[,N…]", help="paragrafer, t.ex. 132 eller 132,134-135")
    p.add_argument("--mottagare", metavar="TEXT", help="till vem utdraget lämnas")
    p.add_argument("--bestyrkt-av", metavar="NAMN", help="den som bestyrker (annars sekreteraren)")
    p.add_argument("--datum", metavar="DATUM", help="datum för bestyrkandet (annars i dag)")
    p.add_argument("-o", "--output", required=True, metavar="FIL.pdf|eml")
    p.add_argument("--till", action="append", metavar="ADRESS", help="mottagare när FIL är .eml (kan upprepas)")
    p.add_argument("--skicka", action="store_true", help="skicka .eml direkt via e-postservern (finsam smtp)")
    p = commands.export(
        "omedelbart",
        cmd_export_omedelbart,
        "protokollsutdrag av paragrafer justerade omedelbart (med underskrifter och anslag)",
    )
    p.add_argument("--utdrag", required=True, type=int, metavar="ID", help="utdragets id (se ”finsam list justering”)")
    p.add_argument("-o", "--output", required=True, metavar="FIL.pdf")
    p = commands.export(
        "publicering", cmd_export_publicering, "publiceringsversion för webben (utan underskrifter, maskerad)"
    )
    p.add_argument("--meeting", required=True, metavar="ID", help="sammanträdets id eller datum")
    p.add_argument("--utelamna", metavar="N[,N…]", help="paragrafer som inte publiceras")
    p.add_argument(
        "--maskera",
        action="append",
        metavar="NAMN",
        help="namn att maskera i hela kopian: §§, att-satser, närvarolista, ordförande/sekreterare/justerare, "
        "bilagor, sidhuvud och metadata. Hela namnet maskeras i alla skrivsätt (versaler, mellanrum, genitiv, "
        "”Efternamn, Förnamn”) och efternamnet ensamt skrivet som i namnet eller med versaler (”Rönn”); inte "
        "förnamnet ensamt, initialer eller smeknamn. Kan anges flera gånger",
    )
    p.add_argument("--behall-personnummer", action="store_true", help="maskera inte personnummer")
    p.add_argument("--behall-javnamn", action="store_true", help="maskera inte namn i jävsanteckningar")
    p.add_argument("-o", "--output", required=True, metavar="FIL.pdf")
    p = commands.command("sign", cmd_sign, "skriv under det justerade protokollet digitalt (PKCS#12, PAdES)")
    p.add_argument("--meeting", required=True, metavar="ID", help="sammanträdets id eller datum")
    p.add_argument(
        "--p12",
        required=True,
        metavar="FIL",
        help="certifikatfil (.p12/.pfx); lösenordet efterfrågas eller tas från FINSAM_P12_LOSENORD",
    )
    p.add_argument("--roll", required=True, choices=("Justerare", "Ordförande", "Sekreterare"))
    p = commands.command("klart-for-justering", cmd_klart, "lås protokollet: klart för justering")
    p.add_argument("--meeting", required=True, metavar="ID", help="sammanträdets id eller datum")
    p = commands.command("oppna-igen", cmd_oppna, "öppna ett protokoll som är klart för justering (loggas med skäl)")
    p.add_argument("--meeting", required=True, metavar="ID", help="sammanträdets id eller datum")
    p.add_argument("--skal", required=True, metavar="TEXT", help="varför protokollet öppnas igen")
    p = commands.command(
        "justera", cmd_justera, "registrera justeringen (låser innehållet, sparar kontrollsumma och PDF/A)"
    )
    p.add_argument("--meeting", required=True, metavar="ID", help="sammanträdets id eller datum")
    p.add_argument("--datum", required=True, metavar="DATUM", help="justeringsdatum")
    p.add_argument("--anslag", metavar="DATUM", help="anslagsdatum om anslaget sätts upp samtidigt")
    p = commands.command("anslag", cmd_anslag, "registrera att justeringen anslagits")
    p.add_argument("--meeting", required=True, metavar="ID", help="sammanträdets id eller datum")
    p.add_argument("--datum", required=True, metavar="DATUM", help="anslagsdatum")
    p = commands.command(
        "nedtaget", cmd_nedtaget, "registrera att anslaget tagits ned (tidigast dagen efter sista dag för överklagande)"
    )
    p.add_argument("--meeting", required=True, metavar="ID", help="sammanträdets id eller datum")
    p.add_argument("--datum", metavar="DATUM", help="nedtagningsdatum (annars i dag)")
    p = commands.listing("utdrag", cmd_list_utdrag, "registret över protokollsutdrag (till vem, när)")
    p.add_argument("--meeting", metavar="ID", help="bara utdrag ur detta sammanträde")
    p = commands.listing("justering", cmd_list_justering, "protokoll i justering och anslag med frister")
    p.add_argument("--alla", action="store_true", help="visa även nedtagna anslag")
