"""Demo sammanträden: a year of styrelse meetings with protocols shaped like seed 004, plus two
beredningsgrupp meetings with minnesanteckningar. Names and insatser are invented.

Meetings before today get a protocol (status protokoll_utkast; the justering demo moves the older
ones on); later meetings stay planerade.
"""

from __future__ import annotations

from datetime import date, time, timedelta

from reportlab.platypus import Paragraph

from finsam_desktop import clock
from finsam_desktop.domain.common.money import format_kr
from finsam_desktop.domain.sammantraden.kinds import AttendanceRole, ItemKind, MeetingStatus, UppdragStatus
from finsam_desktop.reports.common.pdf import DocumentInfo, build_pdf, escape, styles
from finsam_desktop.services.container import Services
from finsam_desktop.services.demo.budget import EK_OPENING

INFO = "Att lägga informationen till handlingarna."
PAYOUT = (
    "Att betala ut hälften av de beviljade medlen i samband med att avtal tecknats och resterande del efter "
    "att redovisning inkommit och godkänts av styrelsen."
)

PLACES = [
    ("Kommunhuset i Ådalen, sammanträdesrum Ådalen", False),
    ("Förbundets kansli, Storgatan 12, Ådalen", False),
    ("", True),
    ("Norrviks kommunhus, rum 210", False),
]

# month, day → ärenden: (rubrik, typ, bilaga titles, text, att-satser, applicant member name)
AGENDA = {
    (1, 30): [
        (
            "Budgetuppföljning helår {py}",
            "information",
            ["Budgetuppföljning helår {py}"],
            "Förbundschefen redovisar utfallet för {py}. Resultatet blev ett överskott på 212 000 kr mot budgeterat "
            "underskott på 150 000 kr, främst därför att en insats startade senare än planerat.",
            ["Att lägga budgetuppföljningen för {py} till handlingarna."],
            None,
        ),
        (
            "Ansökan om medel för Vägen vidare – stöd till unga vuxna inför {y} från Norrviks kommun",
            "beslut",
            ["Ansökan Vägen vidare {y}"],
            "Ansökan avser finansiering av två arbetsmarknadskonsulenter för unga vuxna 19–29 år med "
            "aktivitetsersättning. Detta till en kostnad av 1 150 000 kr för {y}. För komplett ansökan läs bilagan.",
            ["Att bevilja medel med 1 150 000 kr till Vägen vidare för {y}.", PAYOUT],
            "Norrviks kommun",
        ),
    ],
    (3, 13): [
        (
            "Årsredovisning {py}",
            "beslut",
            ["Årsredovisning {py}", "Revisionsberättelse {py}"],
            # the eget kapital the books close with (services/demo/arsredovisning.py) and the budget opens with
            f"Förbundschefen går igenom förslaget till årsredovisning. Eget kapital uppgår till {format_kr(EK_OPENING)}.",
            ["Att godkänna årsredovisningen för {py} och överlämna den till revisorerna och medlemmarna."],
            None,
        ),
        (
            "Uppföljning av beviljade insatser, muntlig dragning",
            "information",
            [],
            "Utvecklingsledaren redovisar deltagarflöden och de första resultaten från indikatorsenkäten.",
            ["Att lägga uppföljningen av insatserna till handlingarna."],
            None,
        ),
    ],
    (4, 24): [
        (
            "Budgetuppföljning {y}-03-31",
            "information",
            ["Budgetuppföljning {y}-03-31"],
            "Prognosen för helåret är ett underskott på 95 000 kr, i linje med budget.",
            ["Att lägga budgetuppföljningen till handlingarna."],
            None,
        ),
        (
            "Ansökan om medel för Hälsosteget – arbetslivsinriktad rehabilitering från Region Mellanland",
            "beslut",
            ["Ansökan Hälsosteget"],
            "Ansökan avser en arbetsterapeut och en fysioterapeut på halvtid för personer med långvarig sjukskrivning. "
            "Detta till en kostnad av 640 000 kr för {y}. För komplett ansökan läs bilagan.",
            ["Att bevilja medel med 640 000 kr till Hälsosteget för {y}.", PAYOUT],
            "Region Mellanland",
        ),
    ],
    (5, 29): [
        (
            "Information från Finsamkonferensen",
            "information",
            [],
            "Ordförande och förbundschef deltog. Konferensen handlade om samverkan kring unga med "
            "aktivitetsersättning och om det nya uppföljningssystemet.",
            [INFO],
            None,
        ),
        (
            "Genomgång av plan för intern styrning och kontroll {y}",
            "information",
            ["Plan för intern styrning och kontroll {y}"],
            "Ordförande och vice ordförande har genomfört stickprov av attester och utbetalningar. Granskningen visar "
            "inte på några avvikelser.",
            ["Att lägga granskningen av planen för intern styrning och kontroll till handlingarna."],
            None,
        ),
    ],
    (8, 28): [
        (
            "Delårsrapport {y}-06-30",
            "beslut",
            ["Delårsrapport {y}-06-30"],
            "Förbundschefen redovisar delårsrapporten. Prognosen för helåret är ett underskott på 60 000 kr.",
            ["Att godkänna delårsrapporten per {y}-06-30."],
            None,
        ),
        (
            "Ansökan om medel för Språkbron – arbetsträning med språkstöd från Ådalens kommun",
            "beslut",
            ["Ansökan Språkbron"],
            "Ansökan avser arbetsträning med språkstöd för nyanlända med lång tid i försörjningsstöd. Detta till en "
            "kostnad av 480 000 kr för hösten {y}. För komplett ansökan läs bilagan.",
            ["Att bevilja medel med 480 000 kr till Språkbron för {y}.", PAYOUT],
            "Ådalens kommun",
        ),
    ],
    (9, 25): [
        (
            "Budgetuppföljning {y}-08-31",
            "information",
            ["Budgetuppföljning {y}-08-31"],
            "Prognosen är ett underskott på 40 000 kr. Eget kapital beräknas vid årets slut till 1 420 000 kr.",
            ["Att lägga budgetuppföljningen till handlingarna."],
            None,
        ),
        (
            "Prioriteringar av insatser inför {ny}",
            "beslut",
            [],
            "Styrelsen diskuterar inriktningen för {ny}. Insatser för unga vuxna och för personer med långvarig "
            "sjukskrivning ska prioriteras.",
            [
                "Att uppdra åt förbundschefen att ta fram förslag till verksamhetsplan och budget {ny} i enlighet med "
                "diskussionen."
            ],
            None,
        ),
    ],
    (10, 23): [
        (
            "Sammanträdesplan för {ny}",
            "beslut",
            ["Förslag till sammanträdesplan {ny}"],
            "Förbundschefen visar ett förslag till sammanträdesplan för {ny}.",
            ["Att fastställa sammanträdesplanen för {ny} enligt upprättat förslag."],
            None,
        ),
        (
            "Medelstilldelning inför verksamhetsåret {ny}",
            "information",
            ["Preliminär medelstilldelning {ny}"],
            "Försäkringskassans preliminära besked är en statlig tilldelning på 3 120 000 kr, samma nivå som {y}.",
            [INFO],
            None,
        ),
    ],
    (11, 20): [
        (
            "Beslut om plan för intern styrning och kontroll {ny}",
            "beslut",
            ["Plan för intern styrning och kontroll {ny}"],
            "Styrelsen går igenom förslaget till plan för intern styrning och kontroll.",
            ["Att godkänna upprättat förslag på plan för intern styrning och kontroll för {ny}."],
            None,
        ),
        (
            "Ansökan om medel för Arbetsförmedlare på Arbetsmarknadstorget inför {ny} från Arbetsförmedlingen",
            "beslut",
            ["Ansökan arbetsförmedlare {ny}"],
            "Ansökan avser en arbetsförmedlare på heltid på Arbetsmarknadstorget. Detta till en kostnad av 720 000 kr "
            "för {ny}. För komplett ansökan läs bilagan.",
            ["Att bevilja medel med 720 000 kr till arbetsförmedlare på Arbetsmarknadstorget för {ny}.", PAYOUT],
            "Arbetsförmedlingen",
        ),
        (
            "Fastställande av verksamhetsplan och budget {ny} med plan för {ny1}–{ny2}",
            "beslut",
            ["Verksamhetsplan och budget {ny}"],
            "Förbundschefen redovisar förslaget till verksamhetsplan och budget.",
            ["Att fastställa verksamhetsplan och budget {ny} med plan för {ny1}–{ny2} enligt upprättat förslag."],
            None,
        ),
    ],
    (12, 11): [
        ("Uppföljning av beviljade insatser, muntlig dragning", "information", [], "", [], None),
    ],
}

BEREDNING = [
    (
        (2, 20),
        "Samverkan kring unga med aktivitetsersättning",
        "Beredningsgruppen går igenom flödet mellan Försäkringskassan, Arbetsförmedlingen och kommunernas "
        "arbetsmarknadsenheter. Gruppen föreslår en gemensam kartläggning under våren.",
    ),
    (
        (10, 9),
        "Underlag till verksamhetsplan {ny}",
        "Beredningsgruppen diskuterar behov inför {ny}. Medlemmarna lyfter behovet av insatser för personer med "
        "långvarig sjukskrivning och psykisk ohälsa.",
    ),
]


#: Tjänstepersoner from the members in the beredningsgrupp (invented).
BEREDNING_MEMBERS = [
    ("Sofia Lindgren", "Försäkringskassan, samverkansansvarig"),
    ("Erik Dahl", "Arbetsförmedlingen, sektionschef"),
    ("Hanna Ek", "Region Mellanland, verksamhetschef psykiatri"),
    ("Peter Sundin", "Ådalens kommun, arbetsmarknadschef"),
]


def _fmt(text: str, year: int) -> str:
    return text.format(y=year, py=year - 1, ny=year + 1, ny1=year + 2, ny2=year + 3)


def _bilaga_pdf(title: str, forbund: str) -> bytes:
    """A small real PDF standing in for the underlag a kansli would attach."""
    st = styles()
    flow = [
        Paragraph(escape(title), st["Title"]),
        Paragraph(f"Underlag till styrelsen, {escape(forbund)}.", st["Body"]),
    ]
    return build_pdf(flow, DocumentInfo(title=title, author=forbund))


def build(services: Services, year: int, today: date | None = None) -> None:
    today = today or clock.today()
    m = services.meetings
    forbund = services.forbund.get().namn
    members = {mb.namn: mb.id for mb in services.forbund.list_members()}
    persons = {p.namn: p.id for p in services.forbund.list_persons()}
    styrelse_dates = sorted(AGENDA)
    justerare_cycle = ["Karin Lindqvist", "Mikael Hedlund", "Birgitta Öberg", "Johan Eklund", "Anna Berglund"]
    open_uppdrag: list[int] = []

    meetings: list[tuple[date, int]] = []
    for md in styrelse_dates + [bd for bd, *_ in BEREDNING]:
        meetings.append((date(year, *md), 2 if md not in AGENDA else 1))
    meetings.sort()

    for n, (day, organ_id) in enumerate(meetings):
        plats, digital = PLACES[n % len(PLACES)]
        meeting = m.meetings.create_meeting(
            day, organ_id=organ_id, starttid=time(9, 0), sluttid=time(12, 0), plats=plats, digital=digital
        )
        if organ_id == 2:
            _beredning(m, meeting.id, day, year, today)
            continue
        md = (day.month, day.day)
        kallelse_day = day - timedelta(days=5 if md == (4, 24) else 9)
        if kallelse_day <= today:
            m.meetings.record_kallelse_sent(meeting.id, kallelse_day)
        for rubrik, typ, bilagor, text, clauses, applicant in AGENDA[md]:
            item = m.agenda.add_item(
                meeting.id,
                _fmt(rubrik, year),
                typ,
                text=_fmt(text, year),
                foredragande="Helena Marklund" if typ != ItemKind.INFORMATION.value or bilagor else "Tobias Rönn",
                forslag_till_beslut="\n".join(_fmt(c, year) for c in clauses) if typ == "beslut" else "",
                sokande_member_id=members.get(applicant) if applicant else None,
                arendebeskrivning=_fmt(text, year)[:300],
            )
            for title in bilagor:
                title = _fmt(title, year)
                m.bilagor.add_bilaga(meeting.id, title, f"{title}.pdf", _bilaga_pdf(title, forbund), item_id=item.id)
            if day >= today:
                continue
            for c in clauses:
                clause = m.paragraphs.add_clause(item.id, _fmt(c, year))
                if "uppdra åt förbundschefen" in c:
                    u = m.uppdrag.add_uppdrag(
                        "Ta fram förslag till verksamhetsplan och budget för nästa år",
                        ansvarig_person_id=persons.get("Helena Marklund"),
                        clause_id=clause.id,
                        deadline=date(year, 11, 20),
                    )
                    open_uppdrag.append(u.id)
            if applicant:
                m.jav.apply_jav_proposals(item.id)
        if day >= today:
            continue
        detail = m.meetings.get_meeting(meeting.id)
        att = {a.namn: a for a in detail.attendance}
        if md == (3, 13) and "Olof Strand" in att:  # Eva Forsberg absent; her ersättare serves
            m.attendance.update_attendee(att["Olof Strand"].id, ersatter_person_id=persons["Eva Forsberg"])
            m.meetings.set_officers(meeting.id, ordforande_person_id=persons["Anna Berglund"])
        if md == (5, 29) and "Nils Wikström" in att:
            m.attendance.update_attendee(att["Nils Wikström"].id, narvarande=False)
        if md == (10, 23):
            m.attendance.add_attendee(
                meeting.id,
                AttendanceRole.OVRIG,
                person_id=persons.get("Ingrid Sandell"),
                organisation="Förtroendevald revisor, Försäkringskassan",
            )
        justerare = justerare_cycle[n % len(justerare_cycle)]
        m.meetings.set_officers(meeting.id, justerare_person_ids=[persons[justerare]])
        for item in detail.items:
            if item.standard == "dagordning" and md == (9, 25):
                m.agenda.update_paragraph_text(item.id, "Förbundschefen anmäler en övrig fråga om lokaler.")
                for c in item.clauses:
                    m.paragraphs.update_clause_text(
                        c.id, "Att med ovannämnda tillägg fastställa upprättat förslag till dagordning."
                    )
            if item.standard == "kansliet_informerar":
                m.agenda.update_paragraph_text(
                    item.id,
                    "Förbundschefen informerar om arbetet med indikatorsenkäten och om kommande "
                    "nätverksträffar för förbundschefer i länet.",
                )
                if md == (10, 23):
                    m.paragraphs.add_part(
                        item.id,
                        "Finsamkonferensen",
                        f"Finsamkonferensen {year + 1} hålls i Halmstad i april. Program och anmälan "
                        "har ännu inte kommit ut.",
                    )
                    clause = m.paragraphs.add_clause(
                        item.id,
                        "Att uppdra åt förbundschefen att till nästa styrelsemöte ta reda på färdsätt "
                        "och kostnader för styrelsens resa till Finsamkonferensen.",
                    )
                    u = m.uppdrag.add_uppdrag(
                        "Ta reda på färdsätt och kostnader för styrelsens resa till Finsamkonferensen",
                        ansvarig_person_id=persons.get("Helena Marklund"),
                        clause_id=clause.id,
                        deadline=date(year + 1, 1, 29),
                    )
                    open_uppdrag.append(u.id)
                else:
                    m.paragraphs.add_clause(item.id, INFO)
            if item.standard == "utbildningar":
                m.agenda.update_paragraph_text(item.id, "Inga relevanta utbildningar.")
            if item.standard == "inbjudningar":
                m.agenda.update_paragraph_text(item.id, "Inga nya inbjudningar har kommit in.")
            if item.standard == "ovriga_fragor" and md == (9, 25):
                m.agenda.update_paragraph_text(
                    item.id,
                    "Förbundschefen informerar om att hyresavtalet för kansliets lokaler löper ut vid "
                    "årsskiftet och att Ådalens kommun erbjuder ett rum i kommunhuset.",
                )
                m.paragraphs.add_clause(
                    item.id,
                    "Att förbundschefen förhandlar med Ådalens kommun om ett nytt hyresavtal "
                    "och återkommer till styrelsen.",
                )
            elif item.standard == "ovriga_fragor":
                m.agenda.update_paragraph_text(item.id, "Inga övriga frågor anmäldes.")
            if item.standard == "uppfoljning_uppdrag" and not item.clauses:
                m.paragraphs.add_clause(item.id, INFO)
        if md == (11, 20):
            m.uppdrag.update_uppdrag(
                open_uppdrag[0], status=UppdragStatus.KLART, kommentar="Redovisat i verksamhetsplanen."
            )
        if md == (4, 24):
            struck = m.agenda.add_item(meeting.id, "Lokalfrågan för Arbetsmarknadstorget", "beslut")
            m.agenda.strike_item(struck.id, "Punkten utgår då underlaget från Ådalens kommun inte är klart.")
        m.meetings.set_status(meeting.id, MeetingStatus.GENOMFORT)
        m.meetings.set_status(meeting.id, MeetingStatus.PROTOKOLL_UTKAST)


def _beredning(m, meeting_id: int, day: date, year: int, today: date) -> None:
    entry = next(e for e in BEREDNING if e[0] == (day.month, day.day))
    _md, rubrik, text = entry
    for namn, organisation in BEREDNING_MEMBERS:
        m.attendance.add_attendee(meeting_id, AttendanceRole.OVRIG, namn=namn, organisation=organisation)
    item = m.agenda.add_item(
        meeting_id, _fmt(rubrik, year), "information", text=_fmt(text, year) if day < today else ""
    )
    if day < today:
        m.paragraphs.add_clause(item.id, "Att beredningsgruppen återkommer med förslag till styrelsen.")
        m.meetings.set_status(meeting_id, MeetingStatus.GENOMFORT)
        m.meetings.set_status(meeting_id, MeetingStatus.PROTOKOLL_UTKAST)
