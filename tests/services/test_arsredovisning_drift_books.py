"""The driftredovisning and the noter of a year kept as books: the result accounts per kostnadsställe put on the
budget's lines by the mapping Budget's utfall uses, per line class, against the year's budget and last year's books;
the noter by source and per kostnadsställe add up to the statements, and the reconciliation finds nothing."""

from __future__ import annotations

import subprocess
from collections import defaultdict
from dataclasses import replace
from decimal import ROUND_HALF_UP, Decimal

import pytest

from finsam_desktop.domain.arsredovisning.drift import DriftClass
from finsam_desktop.domain.arsredovisning.figures import Unit
from finsam_desktop.domain.arsredovisning.noter import IncomeSource
from finsam_desktop.domain.arsredovisning.sie import parse_sie
from finsam_desktop.domain.arsredovisning.sie_generate import closing_balances, generate_year
from finsam_desktop.domain.budget.lines import Line
from finsam_desktop.domain.common.money import NBSP, format_number
from finsam_desktop.domain.organisation.model import Member, MemberKind
from finsam_desktop.reports.arsredovisning.content import goal_verdicts
from finsam_desktop.reports.arsredovisning.pdf import arsredovisning_pdf

#: workspace/demo_workspace on SQLite and PostgreSQL (tests/conftest.py, docs/postgresql.md).
BOTH_ENGINES = True

D = Decimal
ORG = ("Samordningsförbundet Test", "222000-3111")
MEMBERS = [
    ("Försäkringskassan", MemberKind.FORSAKRINGSKASSAN),
    ("Region Östra Götaland", MemberKind.REGION),
    ("Åby kommun", MemberKind.KOMMUN),
    ("Älvdala kommun", MemberKind.KOMMUN),
    ("Örnsköping kommun", MemberKind.KOMMUN),
    ("Sjöstad kommun", MemberKind.KOMMUN),
]
SHARES = (50, 25, 8, 7, 6, 4)  # the generated books' bidrag per member (3411–3416), per cent of tilldelat
TILLDELAT = 8_000_000
#: Budget 2024 per cost line (kr): kansli (administration), insatser (individinriktade), forum (struktur).
BUDGET = {"KAN": 2_600_000, "IND": 4_300_000, "STR": 1_100_000}
MAPPING = {"/10": "KAN", "/20": "IND", "/30": "STR"} | {f"341{i + 1}": f"MA{i + 1}" for i in range(6)}


def _books() -> dict[int, bytes]:
    first = generate_year(2023, 150, seed=11, forbund=ORG, tilldelat_kr=TILLDELAT)
    second = generate_year(2024, 150, seed=12, forbund=ORG, tilldelat_kr=TILLDELAT, ib=closing_balances(first))
    return {2023: first, 2024: second}


def _by_kostnadsstalle(data: bytes) -> dict[str, Decimal]:
    """Hand count from the file's verifikationer: verksamhetens kostnader (4–7) per kostnadsställe, and the
    bidrag (34) on ""."""
    out: dict[str, Decimal] = defaultdict(Decimal)
    for ver in parse_sie(data).verifikationer:
        for t in ver.transactions:
            if t.account[0] in "4567":
                out[next(o for d, o in t.objects if d == 1)] += t.amount
            elif t.account.startswith("34"):
                out["bidrag"] -= t.amount
    return dict(out)


def _forbund_with_budget(services, mapping=MAPPING):
    for namn, kind in MEMBERS:
        services.forbund.save_member(Member(0, namn, kind, 1))
    bs = services.budget
    doc = bs.versions.create_budget(2024, "Budget 2024")
    sections = {s.namn: s for s in doc.sections}
    members = sorted((x for x in doc.lines if x.member_id), key=lambda x: x.kod)
    for line, share in zip(members, SHARES, strict=True):
        bs.lines.save_line(doc.info.id, replace(line, budget=Decimal(TILLDELAT * share // 100)))
    for pos, (kod, namn, section) in enumerate(
        (
            ("KAN", "Kansli och styrelse", "Kansli och administration"),
            ("IND", "Insatser", "Individinriktade insatser"),
            ("STR", "Forum och kartläggning", "Strukturella insatser"),
        ),
        start=50,
    ):
        bs.lines.save_line(doc.info.id, Line(0, sections[section].id, kod, namn, position=pos, budget=D(BUDGET[kod])))
    bs.utfall.save_mapping("standard", mapping)
    books = _books()
    for year, data in books.items():
        services.arsredovisning.books.import_sie(data, f"{year}.se")
    return books


def _pdf_text(pdf: bytes) -> str:
    out = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    return " ".join(out.replace(NBSP, " ").replace("\u2060", "").split())


def _kr(amount: Decimal) -> str:
    return format_number(amount, 0, sep=" ")


def _row(drift, klass, label=None):
    return next(r for r in drift.rows if r.klass is klass and (label is None or r.label == label))


@pytest.fixture
def books_2024(services):
    books = _forbund_with_budget(services)
    return services, books


def test_the_driftredovisning_per_class_is_the_books_on_the_budget_lines(books_2024):
    services, books = books_2024
    pub = services.arsredovisning.publication(2024)
    drift = pub.report.drift
    now, before = _by_kostnadsstalle(books[2024]), _by_kostnadsstalle(books[2023])
    assert now["bidrag"] == before["bidrag"] == D(TILLDELAT)
    expected = {
        DriftClass.HUVUDMAN: ("bidrag", None, D(TILLDELAT)),
        DriftClass.ADMINISTRATION: (None, "10", -D(BUDGET["KAN"])),
        DriftClass.INDIVIDINRIKTADE: (None, "20", -D(BUDGET["IND"])),
        DriftClass.STRUKTURPAVERKANDE: (None, "30", -D(BUDGET["STR"])),
    }
    assert [r.klass for r in drift.rows] == list(expected)
    assert drift.unit is Unit.TKR  # as the seed prints it
    for klass, (income, kst, budget) in expected.items():
        row = _row(drift, klass)
        intakt, kostnad = (_tkr(now[income]), D(0)) if income else (D(0), _tkr(now[kst]))
        fg_intakt, fg_kostnad = (_tkr(before[income]), D(0)) if income else (D(0), _tkr(before[kst]))
        assert (row.intakt, row.kostnad, row.netto) == (intakt, kostnad, intakt - kostnad), klass
        assert (row.budget, row.avvikelse) == (_tkr(budget), intakt - kostnad - _tkr(budget)), klass  # adds up
        assert (row.fg_intakt, row.fg_kostnad, row.fg_netto) == (fg_intakt, fg_kostnad, fg_intakt - fg_kostnad)
    rr = pub.report.rr
    # the totals are the resultaträkning's within the rounding of the rows (one tkr per row at most)
    assert abs(drift.total("intakt") * 1000 - rr.value(2024, "rr_intakter")) < 1000 * len(drift.rows)
    assert abs(drift.total("kostnad") * 1000 + rr.value(2024, "rr_kostnader")) < 1000 * len(drift.rows)
    assert abs(drift.total("fg_kostnad") * 1000 + rr.value(2023, "rr_kostnader")) < 1000 * len(drift.rows)
    assert pub.flags == ()
    assert drift.text == ""


def test_the_notes_add_up_to_the_statements_and_name_the_sources(books_2024):
    services, books = books_2024
    report = services.arsredovisning.publication(2024).report
    notes = {n.title: n for n in report.notes}
    assert [(n.number, n.title) for n in report.notes] == [
        ("2", "Verksamhetens intäkter"),
        ("3", "Verksamhetens kostnader"),
        ("4", "Eget kapital"),  # the books have no fordringar: no note, and no gap in the numbers
        ("5", "Kortfristiga skulder"),
    ]
    income = notes["Verksamhetens intäkter"]
    assert [(x.label, x.source, x.figures[2024]) for x in income.lines] == [
        ("Driftbidrag från staten", IncomeSource.STATEN, D(4_000_000)),
        ("Driftbidrag från Region Östra Götaland", IncomeSource.MEDLEM, D(2_000_000)),
        ("Driftbidrag från Åby kommun", IncomeSource.MEDLEM, D(640_000)),
        ("Driftbidrag från Älvdala kommun", IncomeSource.MEDLEM, D(560_000)),
        ("Driftbidrag från Örnsköping kommun", IncomeSource.MEDLEM, D(480_000)),
        ("Driftbidrag från Sjöstad kommun", IncomeSource.MEDLEM, D(320_000)),
    ]
    assert income.source_total(2024, huvudman=True) == D(TILLDELAT)
    costs = notes["Verksamhetens kostnader"]
    hand = _by_kostnadsstalle(books[2024])
    assert [(x.label, x.figures[2024]) for x in costs.lines] == [
        ("10 Förbundsledning och kansli", hand["10"]),
        ("20 Individinriktade insatser", hand["20"]),
        ("30 Strukturövergripande", hand["30"]),
    ]
    rr, br = report.rr, report.br
    for year in (2024, 2023):
        assert income.computed_sum(year) == rr.value(year, "rr_intakter")
        assert costs.computed_sum(year) == -rr.value(year, "rr_kostnader")
    equity = notes["Eget kapital"]
    assert [x.label for x in equity.lines] == ["Ingående eget kapital", "Årets resultat"]
    assert equity.sum_label == "Utgående eget kapital"
    assert equity.lines[1].figures[2024] == rr.value(2024, "rr_arets_resultat")
    assert equity.computed_sum(2024) == br.value(2024, "br_eget_kapital")
    assert equity.computed_sum(2023) == br.value(2023, "br_eget_kapital")
    assert rr.notes == {"rr_intakter": "2", "rr_kostnader": "3"}
    assert br.notes == {"br_eget_kapital": "4", "br_kortfristiga": "5"}


def test_an_account_the_budget_mapping_does_not_take_shows_as_ej_fordelat(books_2024):
    services, books = books_2024
    mapping = dict(MAPPING)
    del mapping["/30"]  # kostnadsställe 30 no longer goes to the struktur line
    services.budget.utfall.save_mapping("standard", mapping)
    pub = services.arsredovisning.publication(2024)
    drift = pub.report.drift
    hand = _by_kostnadsstalle(books[2024])
    struktur = _row(drift, DriftClass.STRUKTURPAVERKANDE)
    assert (struktur.kostnad, struktur.budget) == (D(0), _tkr(-D(BUDGET["STR"])))
    unallotted = _row(drift, DriftClass.OVRIGT, "Ej fördelat på budgetrad")
    assert (unallotted.kostnad, unallotted.netto, unallotted.budget) == (_tkr(hand["30"]), -_tkr(hand["30"]), None)
    assert "konto 5011 på kostnadsställe 30" in drift.text
    assert "Budget › Kontokoppling" in drift.text
    assert abs(drift.total("kostnad") * 1000 + pub.report.rr.value(2024, "rr_kostnader")) < 1000 * len(drift.rows)
    assert pub.flags == ()
    text = _pdf_text(arsredovisning_pdf(pub))
    assert "5. Driftredovisning" in text and "Ej fördelat på budgetrad: konto 5011 på kostnadsställe 30" in text
    assert "30 Strukturövergripande" in text
    assert f" {_kr(hand['30'])} " in text  # Not 3 in whole kronor, as the statements (no öre decimal)


def test_without_a_budget_there_is_no_driftredovisning_but_the_notes_name_the_sources(services):
    for year, data in _books().items():
        services.arsredovisning.books.import_sie(data, f"{year}.se")
    report = services.arsredovisning.publication(2024).report
    assert report.drift is None
    income = next(n for n in report.notes if n.statement_line == "rr_intakter")
    assert income.lines[0].label == "Driftbidrag från staten"  # from the account's name: Försäkringskassan
    assert income.source_total(2024, huvudman=True) == D(TILLDELAT)


def _tkr(kronor: D) -> D:
    return (kronor / 1000).quantize(D(1), ROUND_HALF_UP)


def _latest_books_year(services) -> int:
    return max(y.year for y in services.arsredovisning.documents.years())


def test_the_demo_latest_books_year_has_a_driftredovisning_and_both_goal_verdicts(demo_services):
    year = _latest_books_year(demo_services)
    pub = demo_services.arsredovisning.publication(year)
    drift = pub.report.drift
    assert drift is not None
    assert not any(r.label == "Ej fördelat på budgetrad" for r in drift.rows)
    # the interest line's budget (booked on a finansiell account) is not the driftredovisning's: no "Övrigt"
    assert [r.klass for r in drift.rows] == list(DriftClass)[:4]
    assert drift.total("intakt") * 1000 == pub.report.rr.value(year, "rr_intakter")  # 6 400 tkr, even
    assert pub.flags == ()
    goals = goal_verdicts(pub)
    assert [g.goal.split()[0] for g in goals] == ["Eget", "Minst"]
    assert all(g.met is not None for g in goals)
