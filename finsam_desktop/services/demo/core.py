"""Demo foundation: Samordningsförbundet Exempelbygden with three kommuner.

All names are invented. The styrelse has one ledamot and one ersättare per member, a mandate
period starting at a konstituerande möte in April after the election year, and one mid-term
replacement, like the real förbund in the seeds.
"""

from __future__ import annotations

from datetime import date, timedelta

from finsam_desktop.domain.organisation.model import Mandate, Member, MemberKind, Person, Role
from finsam_desktop.services.container import Services

FORBUND = {
    "namn": "Samordningsförbundet Exempelbygden",
    "orgnr": "222000-3111",
    "sate": "Ådalen",
    "postadress": "Samordningsförbundet Exempelbygden\nStorgatan 12\n871 30 Ådalen",
    "anslagstavla": "https://www.exempelbygden-finsam.se/anslagstavla",
    "forvaringsplats": "Förbundets kansli, Storgatan 12, Ådalen",
}

MEMBERS = [
    ("Försäkringskassan", MemberKind.FORSAKRINGSKASSAN, 1),
    ("Arbetsförmedlingen", MemberKind.ARBETSFORMEDLINGEN, 1),
    ("Region Mellanland", MemberKind.REGION, 1),
    ("Ådalens kommun", MemberKind.KOMMUN, 44),
    ("Norrviks kommun", MemberKind.KOMMUN, 27),
    ("Sjöbacka kommun", MemberKind.KOMMUN, 29),
]

# (member, ledamot, ledamot's title, ersättare, ersättare's title)
BOARD = [
    ("Försäkringskassan", "Karin Lindqvist", "Verksamhetsområdeschef", "Per Holmberg", "Enhetschef"),
    ("Arbetsförmedlingen", "Johan Eklund", "Sektionschef", "Maria Sjöberg", "Enhetschef"),
    ("Region Mellanland", "Anna Berglund", "Regionråd (S)", "Lars Nyström", "Ledamot regionfullmäktige (M)"),
    ("Ådalens kommun", "Eva Forsberg", "Kommunalråd (C)", "Olof Strand", "Ledamot kommunfullmäktige (S)"),
    ("Norrviks kommun", "Mikael Hedlund", "Ordförande socialnämnden (S)", "Sara Åkesson", "Ledamot KF (L)"),
    ("Sjöbacka kommun", "Birgitta Öberg", "Kommunalråd (M)", "Nils Wikström", "Ledamot KF (KD)"),
]


def november_meeting(year: int) -> date:
    """The styrelse's November meeting of a year before the demo's own meetings (the third Friday),
    where the coming year's budget, attestordning, delegationsordning and internal-control documents
    were adopted. The demo's typed references to it share this date and ``NOVEMBER_PARAGRAPHS``."""
    day = date(year, 11, 15)
    while day.weekday() != 4:
        day += timedelta(days=1)
    return day


#: § numbers at that meeting, in agenda order.
NOVEMBER_PARAGRAPHS = {
    "risk": 88,
    "plan": 89,
    "delegation": 90,
    "attest": 91,
    "insatser": (92, 93, 94, 95),
    "budget": 96,
}


def november_reference(year: int, what: str, index: int = 0) -> str:
    """``Styrelsen 2025-11-21 § 91``: the display text for a decision at ``november_meeting(year)``."""
    number = NOVEMBER_PARAGRAPHS[what]
    if isinstance(number, tuple):
        number = number[index]
    return f"Styrelsen {november_meeting(year).isoformat()} § {number}"


#: Who in the demo has no e-mail address on file (the kallelse by e-mail names them, to be reached another way).
WITHOUT_ADDRESS = ("Nils Wikström",)
_ASCII = str.maketrans("åäöéüÅÄÖÉÜ", "aaoeuAAOEU")


def demo_address(namn: str, organisation: str) -> str:
    """A fictitious work address under the reserved .example domain: ``karin.lindqvist@forsakringskassan.example``."""
    if namn in WITHOUT_ADDRESS:
        return ""
    local = ".".join(namn.translate(_ASCII).lower().split())
    domain = organisation.translate(_ASCII).lower().replace("samordningsforbundet ", "")
    if domain.endswith(" kommun"):  # "Ådalens kommun" → adalen.example
        domain = domain.removesuffix(" kommun").removesuffix("s")
    return f"{local}@{''.join(domain.split())}.example"


def mandate_period(year: int) -> tuple[date, date]:
    """The mandate period in force during ``year`` (starts 1 April after an election year)."""
    start_year = 2019 + 4 * ((year - 2019) // 4)
    return date(start_year, 4, 1), date(start_year + 4, 3, 31)


def build(services: Services, year: int) -> None:
    fb = services.forbund
    fb.create(**FORBUND)
    members = {namn: fb.save_member(Member(0, namn, kind, weight)) for namn, kind, weight in MEMBERS}
    start, end = mandate_period(year)
    previous_start = date(start.year - 4, 4, 1)
    # In January–March of the year a new period starts, the officers of the old period still serve: the
    # demo's chair, vice chair and ersättare were re-elected, so their mandates run on from the old period.
    serving_since = start if start <= date(year, 1, 1) else previous_start

    def person(namn: str, organisation: str, titel: str) -> Person:
        return fb.save_person(Person(0, namn, organisation, titel, demo_address(namn, organisation)))

    def mandate(p: Person, role: Role, frm: date, to: date | None, member: Member | None = None):
        fb.save_mandate(Mandate(0, p.id, role, frm, to, member.id if member else None))

    for member_name, led, led_title, ers, ers_title in BOARD:
        m = members[member_name]
        mandate(person(led, member_name, led_title), Role.LEDAMOT, previous_start, end, m)
        norrvik = member_name == "Norrviks kommun"
        mandate(person(ers, member_name, ers_title), Role.ERSATTARE, start if norrvik else serving_since, end, m)

    # A previous ersättare for Norrvik, replaced at the start of the current period.
    old = person("Gunnar Palm", "Norrviks kommun", "Ledamot KF (S)")
    mandate(old, Role.ERSATTARE, previous_start, start - timedelta(days=1), members["Norrviks kommun"])

    chair = fb.find_person("Eva Forsberg")
    vice = fb.find_person("Anna Berglund")
    mandate(chair, Role.ORDFORANDE, serving_since, end)
    mandate(vice, Role.VICE_ORDFORANDE, serving_since, end)

    chef = person("Helena Marklund", "Samordningsförbundet Exempelbygden", "Förbundschef")
    mandate(chef, Role.FORBUNDSCHEF, previous_start, None)
    mandate(chef, Role.SEKRETERARE, previous_start, None)
    dev = person("Tobias Rönn", "Samordningsförbundet Exempelbygden", "Utvecklingsledare")
    mandate(dev, Role.UTVECKLINGSLEDARE, date(serving_since.year, 8, 15), None)

    for namn, member_name in (
        ("Ingrid Sandell", "Försäkringskassan"),
        ("Bertil Hägg", "Region Mellanland"),
        ("Margareta Lund", "Ådalens kommun"),
    ):
        rev = person(namn, member_name, "Förtroendevald revisor")
        mandate(rev, Role.REVISOR, serving_since, end, members[member_name])
