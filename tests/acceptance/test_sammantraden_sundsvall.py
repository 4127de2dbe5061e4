"""Acceptance: the two Sundsvall protocols of seed 004 (2022-10-21 § 98–119, 2022-11-25 § 120–146)
rebuilt from data through the service. Numbering alone gives the ranges; the app proposes the jäv
notes of § 132–137 and warns where the seed forgot one (§ 136); bilagor are numbered by first
reference (fixing the seed's reused "Bilaga 1" and "Bilaga 17")."""

from __future__ import annotations

import io
from datetime import date, time

import pytest
from pypdf import PdfReader
from sqlalchemy import update

from finsam_desktop.domain.common.errors import ImmutableRecordError, ValidationError
from finsam_desktop.domain.organisation.model import Mandate, Member, MemberKind, Person, Role
from finsam_desktop.domain.sammantraden.kinds import AttendanceRole, JavKind, MeetingStatus
from finsam_desktop.persistence.models import MeetingRow

INFO = "Att lägga informationen till handlingarna."
PAYOUT = (
    "Att betala ut hälften av de beviljade medlen för 2023 i samband med att avtal tecknats och resterande "
    "del efter att redovisning inkommit för 2023 och godkänts av styrelsen."
)
ROUTINE_2024 = "Att liknande rutin för utbetalning av medel gäller för 2024 som för 2023."
LOKAL = (
    "Att avsätta {} kr för lokalkostnader till Individ och arbetsmarknadsförvaltning, Sundsvalls kommun som "
    "är lokalhållare för arbetsmarknadstorget."
)

# (rubrik, typ, bilagor (titles, None = reuse), att-satser, applicant member or None, text)
OCTOBER = [
    (
        "Försäkringskassans beslut om förbundets årsredovisning samt ansvarsfrihet för styrelsen 2021.",
        "information",
        ["FK:s beslut om årsredovisning 2021"],
        [INFO],
        None,
        "Försäkringskassan har beslutat att godkänna Samordningsförbundets årsredovisning för 2021 samt att bevilja styrelsen ansvarsfrihet för verksamhetsåret.",
    ),
    (
        "Budgetuppföljning 2022-09-30",
        "information",
        ["Budgetuppföljning 2022-09-30"],
        ["Att lägga budgetuppföljningen per den 30 september 2022 till handlingarna."],
        None,
        "Prognosen den 30 september är ett minusresultat på 466 000 kr; budgeterat minusresultat 656 000 kr.",
    ),
    (
        "Genomgång av plan för intern styrning och kontroll 2022",
        "information",
        ["Plan för intern styrning och kontroll 2022"],
        ["Att lägga granskningen av planen för intern styrning och kontroll till handlingarna."],
        None,
        "",
    ),
    (
        "Genomgång av risk och väsentlighetsanalys för 2022",
        "beslut",
        ["Risk- och väsentlighetsanalys 2022"],
        ["Att den inte behöver förändras."],
        None,
        "Styrelsen går igenom de områden som finns omnämnda i risk och väsentlighetsanalysen.",
    ),
    (
        "Uppföljning av beviljade insatser i september 2022, muntlig dragning.",
        "information",
        [],
        ["Att lägga uppföljning av insatserna i september 2022 till handlingarna."],
        None,
        "",
    ),
    (
        "Stärkt kompetensförsörjning inom Vård- och omsorg i glesbygd",
        "beslut",
        ["Förstudie VO-college"],
        [
            "Att avsätta 32 500 kr till förstudien under förutsättning att övriga förbund i länet också avsätter medel till förstudien."
        ],
        None,
        "",
    ),
    ("Helårsekvivalenter 2014-202206", "information", ["Helårsekvivalenter 2014–202206"], [INFO], None, ""),
    (
        "Medelstildelning inför verksamhetsåret 2023",
        "information",
        ["Preliminär medelstilldelning 2023", "Underlag medelstilldelning"],
        [INFO],
        None,
        "",
    ),
    (
        "Prioriteringar av insatser inför 2023.",
        "beslut",
        [],
        ["Att fortsätta dessa diskussioner på eftermiddagens möte kring inriktning på verksamhetsplan 2023."],
        None,
        "",
    ),
    ("Arbeta med budget och verksamhetsplan 2023.", "beslut", [], [], None, ""),
    ("Information från NNS medlemsmöte den 7 oktober", "information", [], [INFO], None, ""),
    ("Information från förbundscheferdagarna 19 och 20 oktober.", "information", [], [INFO], None, ""),
    (
        "Sammanträdesplan för 2023",
        "beslut",
        ["Sammanträdesplan 2023"],
        ["Att fastställa mötesplaneringen inför 2023 enligt upprättat förslag."],
        None,
        "",
    ),
]

NOVEMBER = [
    (
        "Information av Veronika Bäckman och Robert Fränberg från Arbetsförmedlingen om sitt arbete på Arbetsmarknadstorget i Sundsvall.",
        "information",
        [],
        ["Att tacka Veronika och Robert för en givande information kring sitt arbete på Arbetsmarknadstorget."],
        None,
        "",
    ),
    (
        "Beslut om plan för intern styrning och kontroll 2023",
        "beslut",
        ["Plan för intern styrning och kontroll 2023"],
        ["Att godkänna upprättat förslag på plan för intern styrning och kontroll för verksamhetsåret 2023."],
        None,
        "",
    ),
    (
        "Beslut om risk och väsentlighetsanalys för 2023",
        "beslut",
        ["Risk- och väsentlighetsanalys 2023"],
        [
            "Att godkänna upprättat förslag på risk och väsentlighetsanalysen för Samordningsförbundet Sundsvall för verksamhetsåret 2023."
        ],
        None,
        "",
    ),
    (
        "Beslut om arvoden för styrelsemedlemmar i Samordningsförbundet Sundsvall 2023.",
        "beslut",
        ["Grundbelopp för arvoden"],
        ["Att fortsätta följa Sundsvalls kommuns sammanträdesersättningar under 2023."],
        None,
        "",
    ),
    (
        "Beslut om delegationsordning för Samordningsförbundet Sundsvall för 2023",
        "beslut",
        ["Delegationsordning 2023"],
        ["Att anta förslaget till delegationsordning."],
        None,
        "",
    ),
    (
        "Attest- och utanordningsinstruktion Samordningsförbundet Sundsvall och signaturlista för 2023",
        "beslut",
        ["Attest- och utanordningsinstruktion 2023", "Signaturlista 2023"],
        [
            "Att enligt förslaget anta den uppdaterade attest- och utanordningsinstruktionen samt signaturlista för Samordningsförbundet Sundsvall 2023."
        ],
        None,
        "",
    ),
    (
        "Uppföljning av beviljade insatser i november 2022, muntlig dragning.",
        "information",
        [],
        ["Att lägga uppföljning av insatserna i november 2022 till handlingarna."],
        None,
        "",
    ),
    (
        "Beslut från staten om medelsfördelningen till Samordningsförbunden för 2023",
        "information",
        ["Försäkringskassans beslut om medelstilldelning 2023", "Nationell fördelning 2023"],
        ["Att lägga beslutet från Försäkringskassan till handlingarna."],
        None,
        "Tilldelningen för 2023 är 3 680 000 kr, en minskning med 9 000 kr.",
    ),
    (
        "Ansökan om medel för Arbetskonsulent för personer med aktivitetsersättning på Arbetsmarknadstorget inför 2023 och 2024 från Individ och arbetsmarknadsförvaltning, Sundsvalls kommun",
        "beslut",
        ["Ansökan arbetskonsulent aktivitetsersättning"],
        [
            "Att bevilja medel med 709 000 kr till arbetskonsulent för personer med aktivitetsersättning för 2023 och 722 000 kr för 2024 under förutsättning att förbundet får bidrag från huvudmännen för 2024.",
            PAYOUT,
            ROUTINE_2024,
        ],
        "Sundsvalls kommun",
        "Denna ansökan avser en finansiering av en arbetskonsulent för personer med aktivitetsersättning. Detta till en kostnad av 709 000 kr för 2023 och 722 000 kr för 2024.",
    ),
    (
        "Ansökan om medel för Arbetskonsulent på uppdrag av FK, RVN och AF på Arbetsmarknadstorget inför 2023 och 2024 från Individ och arbetsmarknadsförvaltning, Sundsvalls kommun",
        "beslut",
        ["Ansökan arbetskonsulent FK, RVN och AF"],
        [
            "Att bevilja medel med 613 000 kr till en arbetskonsulent på uppdrag av FK, RVN och AF för 2023 och 625 000 kr för 2024 under förutsättning att förbundet får bidrag från huvudmännen för 2024.",
            PAYOUT,
            ROUTINE_2024,
        ],
        "Sundsvalls kommun",
        "Denna ansökan avser en arbetskonsulent på uppdrag av FK, RVN och AF.",
    ),
    (
        "Ansökan medel för Försäkringsutredare från Försäkringskassan till Arbetsmarknadstorget inför 2023 från Försäkringskassan",
        "beslut",
        ["Ansökan försäkringsutredare"],
        ["Att bevilja medel med 163 549 kr till Försäkringsutredare för 2023.", PAYOUT, LOKAL.format("30 000")],
        "Försäkringskassan",
        "Denna ansökan avser en finansiering av en Försäkringsutredare från Försäkringskassan.",
    ),
    (
        "Ansökan medel för Arbetsterapeut på Arbetsmarknadstorget inför 2023 från Individ och arbetsmarknadsförvaltning, Sundsvalls kommun",
        "beslut",
        ["Ansökan arbetsterapeut"],
        ["Att bevilja medel med 622 000 kr till arbetsterapeuttjänst för 2023.", PAYOUT],
        "Sundsvalls kommun",
        "",
    ),
    (
        "Ansökan om medel för 2 stycken Arbetsförmedlare till Arbetsmarknadstorget inför 2023 från Arbetsförmedlingen",
        "beslut",
        ["Ansökan två arbetsförmedlare"],
        [
            "Att bevilja medel med 940 000 kr till två arbetsförmedlare (vuxen) för 2023.",
            PAYOUT,
            LOKAL.format("60 000"),
        ],
        "Arbetsförmedlingen",
        "Detta till en kostnad av 1 000 000 kr. För komplett ansökan läs bilagan.",
    ),
    (
        "Ansökan medel för Psykolog på Arbetsmarknadstorget inför 2023 från Individ och arbetsmarknadsförvaltning, Sundsvalls kommun",
        "beslut",
        ["Ansökan psykolog"],
        ["Att bevilja medel med 912 000 kr till psykologtjänst för 2023.", PAYOUT],
        "Sundsvalls kommun",
        "",
    ),
    (
        "Fastställande av 2023 års budget och verksamhetsplan med plan för 2024 och 2025 för Samordningsförbundet Sundsvall",
        "beslut",
        ["Verksamhetsplan och budget 2023 med plan 2024–2025"],
        ["Att fastställa 2023 års budget och verksamhetsplan med plan för 2024 och 2025 enligt upprättat förslag."],
        None,
        "",
    ),
    ("Information från Arbetsmarknads och näringslivsdagarna 25 och 26 oktober", "information", [], [INFO], None, ""),
    ("Information från Norrlandskonferensen 27-28/10", "information", [], [INFO], None, ""),
    ("Information från Psykiatridagarna 8 och 9 november.", "information", [], [INFO], None, ""),
]

BOARD = [  # member, ledamot, ersättare
    ("Region Västernorrland", MemberKind.REGION, "Christina Nordenö", "Sanna Jonsson"),
    ("Sundsvalls kommun", MemberKind.KOMMUN, "Jonas Väst", "Thomas Burman"),
    ("Arbetsförmedlingen", MemberKind.ARBETSFORMEDLINGEN, "Peter Pettersson", "Pia Persbo"),
    ("Försäkringskassan", MemberKind.FORSAKRINGSKASSAN, "Lina Kempe", "Lotta Qvarnlöf"),
]


def _build_forbund(services) -> dict:
    fb = services.forbund
    ids = {}
    frm, to = date(2019, 4, 1), date(2023, 3, 31)
    for namn, kind, led, ers in BOARD:
        member = fb.save_member(Member(0, namn, kind, 1))
        ids[namn] = member.id
        for person, role in ((led, Role.LEDAMOT), (ers, Role.ERSATTARE)):
            p = fb.save_person(Person(0, person, namn))
            ids[person] = p.id
            fb.save_mandate(Mandate(0, p.id, role, frm, to, member.id))
    fb.save_mandate(Mandate(0, ids["Christina Nordenö"], Role.ORDFORANDE, frm, to))
    fb.save_mandate(Mandate(0, ids["Jonas Väst"], Role.VICE_ORDFORANDE, frm, to))
    jan = fb.save_person(Person(0, "Jan Andersson", "Samordningsförbundet Sundsvall", "Förbundschef"))
    emil = fb.save_person(Person(0, "Emil Ulander", "Samordningsförbundet Sundsvall", "Utvecklingsledare"))
    for role in (Role.FORBUNDSCHEF, Role.SEKRETERARE):
        fb.save_mandate(Mandate(0, jan.id, role, frm, None))
    fb.save_mandate(Mandate(0, emil.id, Role.UTVECKLINGSLEDARE, frm, None))
    ids["Jan Andersson"], ids["Emil Ulander"] = jan.id, emil.id
    return ids


def _fill(m, meeting_id, items, ids):
    """Add the ärenden with bilagor and att-satser; return the created items in order."""
    created = []
    for rubrik, typ, bilagor, clauses, applicant, text in items:
        item = m.agenda.add_item(
            meeting_id, rubrik, typ, text=text, sokande_member_id=ids[applicant] if applicant else None
        )
        for title in bilagor:
            m.bilagor.add_bilaga(meeting_id, title, f"{title}.pdf", b"%PDF-1.4 " + title.encode(), item_id=item.id)
        for c in clauses:
            m.paragraphs.add_clause(item.id, c)
        created.append(item)
    return created


def _by_standard(detail, key):
    return next(i for i in detail.items if i.standard == key)


@pytest.fixture(scope="module")
def sundsvall(tmp_path_factory):
    from finsam_desktop.services.workspace import open_workspace

    ws = open_workspace(tmp_path_factory.mktemp("sundsvall") / "sundsvall.sqlite", auto_backup=False, lock=False)
    services = ws.services
    services.forbund.create("Samordningsförbundet i Sundsvall", "222000-3079", sate="Sundsvall")
    ids = _build_forbund(services)
    m = services.meetings
    # The förbund starts using the app in October 2022: the September meeting exists as a bare row
    # (so "Föregående protokoll 220916" can name it) and the next § number is set once.
    sept = m.meetings.create_meeting("2022-09-16", with_agenda=False, prefill_attendance=False)
    m.paragraphs.set_series_start(1, 2022, 98)

    october = m.meetings.create_meeting(
        "2022-10-21", starttid=time(9, 0), sluttid=time(12, 0), plats="Sundsvalls kommun, rum 654 a, busbacken"
    )
    oct_items = _fill(m, october.id, OCTOBER, ids)
    m.agenda.strike_item(
        oct_items[9].id,
        "Denna punkt stryks från agendan då styrelsen har ett separat möte kring "
        "verksamhetsplan 2023 kl. 13.00 senare idag.",
    )
    att = {a.namn: a for a in m.attendance.list_attendance(october.id)}
    m.attendance.update_attendee(att["Thomas Burman"].id, ersatter_person_id=ids["Jonas Väst"])
    m.attendance.update_attendee(att["Pia Persbo"].id, narvarande=False)
    m.attendance.add_attendee(
        october.id,
        AttendanceRole.OVRIG,
        namn="Eva Sonidsson",
        organisation="Förtroendevald revisor, Region Västernorrland",
    )
    m.meetings.set_officers(october.id, justerare_person_ids=[ids["Lina Kempe"]])

    november = m.meetings.create_meeting(
        "2022-11-25", plats="Arbetsmarknadstorget i Sundsvall, röda konferensen, våning 5"
    )
    nov_items = _fill(m, november.id, NOVEMBER, ids)
    detail = m.meetings.get_meeting(november.id)
    invitation_item = _by_standard(detail, "inbjudningar")
    m.agenda.update_paragraph_text(
        invitation_item.id, "Medlemsmöte NNS 7 december. Förbundschefen kommer att delta digitalt."
    )
    for title in ("Inbjudan NNS medlemsmöte", "Program NNS", "Anmälan NNS"):
        m.bilagor.add_bilaga(november.id, title, f"{title}.pdf", b"%PDF-1.4", item_id=invitation_item.id)
    for item in nov_items[8:14]:  # § 132–137: record jäv as proposed, except § 136 (as in the seed)
        if "Arbetsförmedlingen" not in item.rubrik[-20:]:
            m.jav.apply_jav_proposals(item.id)
    att = {a.namn: a for a in m.attendance.list_attendance(november.id)}
    for absent in ("Sanna Jonsson", "Pia Persbo"):
        m.attendance.update_attendee(att[absent].id, narvarande=False)
    first = nov_items[0].id
    for guest in ("Veronika Bäckman", "Robert Fränberg"):
        a = m.attendance.add_attendee(november.id, AttendanceRole.OVRIG, namn=guest, organisation="Arbetsförmedlingen")
        m.attendance.update_attendee(
            a.id, from_item_id=m.meetings.get_meeting(november.id).items[0].id, to_item_id=first
        )
    m.meetings.set_officers(november.id, justerare_person_ids=[ids["Peter Pettersson"]])
    yield services, ids, sept, october, november
    ws.close()


def test_paragraph_ranges_follow_from_numbering_alone(sundsvall):
    services, _ids, _sept, october, november = sundsvall
    meetings = {mt.datum: mt for mt in services.meetings.meetings.list_meetings(year=2022)}
    assert meetings[date(2022, 10, 21)].paragraph_range_text == "§ 98–119"
    assert meetings[date(2022, 11, 25)].paragraph_range_text == "§ 120–146"
    assert meetings[date(2022, 9, 16)].paragraph_range_text == ""
    oct_detail = services.meetings.meetings.get_meeting(october.id)
    assert len(oct_detail.items) == 22
    assert [i.number for i in oct_detail.items] == list(range(98, 120))
    assert len(services.meetings.meetings.get_meeting(november.id).items) == 27


def test_standard_items_are_filled_from_data(sundsvall):
    services, *_rest, october, november = sundsvall
    nov = services.meetings.meetings.get_meeting(november.id)
    labels = {i.label: i for i in nov.items}
    assert labels["§ 120"].rubrik == "Sammanträdet öppnas"
    assert "Christina Nordenö" in labels["§ 120"].text
    assert labels["§ 122"].clauses[0].text == "Att utse Peter Pettersson att jämte ordförande justera dagens protokoll."
    assert labels["§ 123"].rubrik == "Föregående protokoll 221021"
    assert labels["§ 123"].clauses[0].text == "Att protokollet från styrelsemötet 221021 läggs till handlingarna."
    assert labels["§ 123"].bilaga_ref_text == "(Bilaga 1)"
    oct_ = services.meetings.meetings.get_meeting(october.id)
    assert {i.label: i for i in oct_.items}["§ 101"].rubrik == "Föregående protokoll 220916"
    assert [i.rubrik for i in nov.items[-5:]] == [
        "Kansliet informerar",
        "Inbjudningar",
        "Utbildningar",
        "Övriga frågor",
        "Sammanträdet avslutas",
    ]


def test_struck_item_keeps_its_number(sundsvall):
    services, *_rest, october, _nov = sundsvall
    items = {i.label: i for i in services.meetings.meetings.get_meeting(october.id).items}
    assert items["§ 111"].rubrik == "Arbeta med budget och verksamhetsplan 2023."
    assert items["§ 111"].utgar and "stryks från agendan" in items["§ 111"].utgar_motivering
    assert items["§ 112"].rubrik.startswith("Information från NNS")


def test_jav_proposals_for_the_applications_and_warning_for_136(sundsvall):
    services, _ids, *_rest, november = sundsvall
    items = {i.label: i for i in services.meetings.meetings.get_meeting(november.id).items}
    for label in ("§ 132", "§ 133", "§ 135", "§ 137"):
        notes = {(j.namn, j.kind) for j in items[label].jav}
        assert notes == {
            ("Jonas Väst", JavKind.DELTOG_INTE_I_BESLUTET),
            ("Thomas Burman", JavKind.DELTOG_INTE_I_DISKUSSIONEN),
        }, label
        assert items[label].jav_warning == ""
    assert {(j.namn, j.kind) for j in items["§ 134"].jav} == {
        ("Lina Kempe", JavKind.DELTOG_INTE_I_BESLUTET),
        ("Lotta Qvarnlöf", JavKind.DELTOG_INTE_I_DISKUSSIONEN),
    }
    assert items["§ 136"].jav == ()
    assert [p.namn for p in items["§ 136"].jav_proposals] == ["Peter Pettersson"]
    assert "§ 136" in items["§ 136"].jav_warning and "Peter Pettersson" in items["§ 136"].jav_warning
    warnings = services.meetings.meetings.get_meeting(november.id).warnings
    assert sum("jäv" in w for w in warnings) == 1
    # Beslutförhet is re-checked for the § without the jävig ledamot: 3 of 4 still decide.
    q = items["§ 132"].quorum
    assert (q.seats, q.voting_present, q.beslutfor) == (4, 3, True)
    assert "Jonas Väst" not in q.voting_names


def test_bilagor_numbered_by_first_reference(sundsvall):
    services, *_rest, october, november = sundsvall
    nov = {i.label: i for i in services.meetings.meetings.get_meeting(november.id).items}
    assert nov["§ 125"].bilaga_ref_text == "(Bilaga 2)"
    assert nov["§ 129"].bilaga_ref_text == "(Bilaga 6 och 7)"
    assert nov["§ 131"].bilaga_ref_text == "(Bilaga 8 och 9)"
    assert [nov[f"§ {n}"].bilaga_numbers for n in range(132, 138)] == [(10,), (11,), (12,), (13,), (14,), (15,)]
    # The seed cites "Bilaga 17" for a document stamped 16; the app numbers it 16 and goes on from there.
    assert nov["§ 138"].bilaga_ref_text == "(Bilaga 16)"
    assert nov["§ 143"].bilaga_ref_text == "(Bilaga 17, 18 och 19)"
    oct_ = {i.label: i for i in services.meetings.meetings.get_meeting(october.id).items}
    # The seed reuses "Bilaga 1" at § 108; the app gives each document its own number.
    assert oct_["§ 101"].bilaga_numbers == (1,)
    assert oct_["§ 108"].bilaga_numbers == (7,)
    assert oct_["§ 109"].bilaga_ref_text == "(Bilaga 8 och 9)"
    numbers = [b.number for b in services.meetings.bilagor.list_bilagor(october.id)]
    assert numbers == list(range(1, len(numbers) + 1))


def test_beslutforhet_with_a_tjanstgorande_ersattare(sundsvall):
    services, *_rest, october, november = sundsvall
    oct_ = services.meetings.meetings.get_meeting(october.id)
    assert (oct_.quorum.seats, oct_.quorum.voting_present, oct_.quorum.beslutfor) == (4, 4, True)
    assert "Thomas Burman" in oct_.quorum.voting_names
    burman = next(a for a in oct_.attendance if a.namn == "Thomas Burman")
    assert burman.roll is AttendanceRole.TJANSTGORANDE and burman.ersatter_namn == "Jonas Väst"
    nov = services.meetings.meetings.get_meeting(november.id)
    guests = {a.namn: a.range_text for a in nov.attendance if a.roll is AttendanceRole.OVRIG}
    assert guests["Veronika Bäckman"] == "§ 120–124"


def _pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_protocol_pdf_contains_headings_range_and_every_att_sats(sundsvall):
    services, *_rest, october, november = sundsvall
    text = _pdf_text(services.meetings.documents.protocol_pdf(november.id))
    for heading in (
        "Sammanträdesprotokoll från styrelsemöte",
        "Sammanträdesdatum",
        "Plats och tid",
        "Närvarande ordinarie ledamöter",
        "Närvarande ersättare",
        "Övriga närvarande",
        "Protokollet omfattar § 120–146",
        "Styrelsen beslutade",
        "UTKAST",
    ):
        assert heading in text, heading
    assert "Arbetsförmedlingen § 120–124" in text
    assert "Jonas Väst deltog inte i beslutet. Thomas Burman deltog inte i diskussionen." in text
    for item in services.meetings.meetings.get_meeting(november.id).items:
        assert f"{item.label} {' '.join(item.rubrik.split())}" in text
        for clause in item.all_clauses:
            assert " ".join(clause.text.split()) in text, clause.text
    oct_text = _pdf_text(services.meetings.documents.protocol_pdf(october.id))
    assert "Protokollet omfattar § 98–119" in oct_text
    assert "Tjänstgörande ersättare" in oct_text and "Sundsvalls kommun (ersätter Jonas Väst)" in oct_text
    assert "Punkten utgår." in oct_text


def test_search_finds_the_arbetskonsulent_applications(sundsvall):
    services, *_rest = sundsvall
    hits = services.meetings.search.search("ansökan arbetskonsulent")
    assert [(h.datum, h.label) for h in hits] == [(date(2022, 11, 25), "§ 132"), (date(2022, 11, 25), "§ 133")]
    assert hits[0].rubrik.startswith("Ansökan om medel för Arbetskonsulent")
    assert hits[0].snippet


def test_justerade_protocols_keep_numbers_and_refuse_a_meeting_between_them(sundsvall):
    """Runs last: it justerar both meetings (as the justering area would) and they stay justerade."""
    services, _ids, _sept, october, november = sundsvall
    m = services.meetings
    with services.db.session() as s:
        s.execute(
            update(MeetingRow)
            .where(MeetingRow.id.in_([october.id, november.id]))
            .values(status=MeetingStatus.JUSTERAT.value)
        )
    with pytest.raises(ImmutableRecordError):
        m.agenda.add_item(october.id, "Sent tillägg")
    with pytest.raises(ValidationError, match="justerat"):
        m.meetings.create_meeting("2022-11-04")
    assert [x.paragraph_range_text for x in m.meetings.list_meetings(year=2022) if x.item_count] == [
        "§ 98–119",
        "§ 120–146",
    ]
    # The database itself refuses to rewrite a justerat protocol.
    from sqlalchemy.exc import IntegrityError

    from finsam_desktop.persistence.models import AgendaItem

    with pytest.raises(IntegrityError, match="justerat"):
        with services.db.session() as s:
            s.execute(update(AgendaItem).where(AgendaItem.meeting_id == october.id).values(rubrik="Ändrad"))
    # A meeting after the last justerat protocol simply continues the series.
    dec = m.meetings.create_meeting("2022-12-16")
    assert m.meetings.find_meeting(str(dec.id)).first_paragraph == 147
    m.meetings.delete_meeting(dec.id)
