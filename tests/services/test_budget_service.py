"""The budget use cases (services.budget.*): utfall import (all-or-nothing, replace on re-import), prognos overrides,
eget kapital, insatser with § 134's payout schedule, and the budget lock."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date
from decimal import Decimal as D

import pytest
from openpyxl import Workbook
from sqlalchemy import text

from finsam_desktop.domain.budget.equity import EquityLimits
from finsam_desktop.domain.budget.insatser import PaymentStatus, PayoutRule, Trigger
from finsam_desktop.domain.budget.lines import Line, LineClass, LineFollowup, Section, SectionKind
from finsam_desktop.domain.budget.utfall_import import UtfallFileError
from finsam_desktop.domain.common.errors import ImmutableRecordError, ValidationError
from finsam_desktop.services.budget.dto import Insats, YearSettings
from finsam_desktop.services.check import run_checks


@pytest.fixture
def small_budget(services):
    bs = services.budget
    bid = bs.versions.create_budget(2026, with_template=False).info.id
    inc = bs.lines.save_section(bid, Section(0, "Medlemsavgifter", SectionKind.INTAKT, 1))
    adm = bs.lines.save_section(
        bid, Section(0, "Kansli och administration", SectionKind.KOSTNAD, 2, LineClass.ADMINISTRATION)
    )
    ind = bs.lines.save_section(
        bid, Section(0, "Individinriktade insatser", SectionKind.KOSTNAD, 3, LineClass.INDIVIDINRIKTAD)
    )
    bs.lines.save_line(bid, Line(0, inc.id, "INT", "Medlemsavgifter", None, None, 1, D(2_400_000)))
    bs.lines.save_line(bid, Line(0, adm.id, "LON", "Personal", None, None, 2, D(1_200_000)))
    bs.lines.save_line(bid, Line(0, adm.id, "LOK", "Lokaler", None, None, 3, D(120_000)))
    bs.lines.save_line(bid, Line(0, ind.id, "TEAM", "Myndighetsgemensamt team", None, None, 4, D(960_000)))
    bs.utfall.save_mapping("standard", {"7010": "LON", "5010": "LOK", "4000/310": "TEAM", "3010": "INT"})
    return bid


CSV_Q1 = (
    "Konto;Kostnadsställe;Period;Belopp\n"
    "7010;100;2026-01;98 000,00\n"
    "7010;100;2026-02;99 500,00\n"
    "7010;100;2026-03;101 000,00\n"
    "5010;100;2026-01;30 000\n"
    "4000;310;2026-02;70 000\n"
    "4000;310;2026-03;82 250,50\n"
)


def test_import_csv_sums_per_line_and_month_and_feeds_the_followup(services, small_budget):
    bs = services.budget
    result = bs.utfall.import_utfall(CSV_Q1.encode("utf-8"), "huvudbok.csv")
    assert result.year == 2026 and result.months == (1, 2, 3) and result.row_count == 6
    assert result.total == D("480750.50")
    assert not result.replaced
    view = bs.followup.followup_view(2026, date(2026, 3, 31))
    rows = {r.kod: r for r in view.result.rows if r.kod}
    assert rows["LON"].utfall == D(298_500)
    assert rows["LOK"].utfall == D(30_000)  # Q1 invoice paid in January
    assert rows["TEAM"].utfall == D("152250.50")
    assert rows["INT"].utfall is None  # nothing booked yet: unknown, not zero
    assert rows["LON"].prognos == D(300_000)  # 1 200 000 × 3 / 12
    # Per 28 February only January and February count.
    feb = bs.followup.followup_view(2026, date(2026, 2, 28))
    assert {r.kod: r.utfall for r in feb.result.rows if r.kod}["LON"] == D(197_500)
    assert [p.utfall_month for p in view.months[:3]] == [D(128_000), D(169_500), D("183250.50")]


def test_reimport_of_the_same_period_replaces_and_reports_changes(services, small_budget):
    bs = services.budget
    bs.utfall.import_utfall(CSV_Q1.encode(), "q1.csv")
    corrected = CSV_Q1.replace("2026-03;101 000,00", "2026-03;104 000,00")
    result = bs.utfall.import_utfall(corrected.encode(), "q1-rättad.csv")
    assert result.replaced
    changed = [c for c in result.changes if c.old != c.new]
    assert [(c.kod, c.month, c.old, c.new) for c in changed] == [("LON", 3, D(101_000), D(104_000))]
    assert "Personal 2026-03: 101 000 kr → 104 000 kr" in result.message
    view = bs.followup.followup_view(2026, date(2026, 3, 31))
    assert {r.kod: r.utfall for r in view.result.rows if r.kod}["LON"] == D(301_500)  # not doubled


def test_malformed_file_is_rejected_whole_with_row_numbers(services, small_budget):
    bs = services.budget
    bad = CSV_Q1 + "7010;100;2026-13;5 000\n;;2026-04;100\n5010;100;2026-04;tusen\n9999;100;2026-04;1\n"
    with pytest.raises(UtfallFileError) as err:
        bs.utfall.import_utfall(bad.encode(), "fel.csv")
    assert err.value.problems == (
        "Rad 8: perioden ”2026-13” är inte en månad (skriv ÅÅÅÅ-MM).",
        "Rad 9: konto/kostnadsställe saknas.",
        "Rad 10: beloppet ”tusen” är inte ett belopp.",
    )
    assert "inget sparades" in str(err.value)
    assert bs.utfall.imported_months(2026) == []  # nothing half-saved
    with pytest.raises(UtfallFileError) as err:
        bs.utfall.import_utfall((CSV_Q1 + "9999;100;2026-04;1\n").encode(), "okänt.csv")
    assert err.value.problems == ("Rad 8: 9999 / 100 är inte kopplat till någon budgetrad.",)
    assert bs.utfall.imported_months(2026) == []


def test_xlsx_import_with_a_new_mapping_is_remembered(services, small_budget):
    bs = services.budget
    wb = Workbook()
    ws = wb.active
    ws.append(["Konto", "Period", "Belopp"])
    ws.append([6110, date(2026, 4, 30), 1234.5])
    ws.append([7010, "202604", -200])
    buf = io.BytesIO()
    wb.save(buf)
    result = bs.utfall.import_utfall(
        buf.getvalue(), "april.xlsx", mapping_name="visma", extra_mapping={"6110": "LOK", "7010": "LON"}
    )
    assert result.months == (4,) and result.total == D("1034.50")
    assert bs.utfall.mapping("visma") == {"6110": "LOK", "7010": "LON"}
    assert "visma" in bs.utfall.mapping_names()


def test_prognos_override_helar_and_equity(services, small_budget):
    bs = services.budget
    fu = bs.followup.create_followup(2026, date(2026, 6, 30))
    bs.followup.save_followup_entry(
        fu.id,
        LineFollowup(
            "LOK",
            utfall=None,
            utfall_note="Faktureras per kvartal",
            prognos=D(30_000),
            prognos_comment="Hyra faktureras kvartalsvis i förskott",
        ),
    )
    prev = bs.followup.save_followup_entry(
        fu.id, LineFollowup("TEAM", utfall=D(300_000), helar=D(700_000), helar_comment="Vakant tjänst under våren")
    )
    assert prev == LineFollowup("TEAM")
    bs.settings.save_year_settings(YearSettings(2026, D(1_200_000), ek_opening=D(650_000)))
    view = bs.followup.followup_view(2026, date(2026, 6, 30))
    rows = {r.kod: r for r in view.result.rows if r.kod}
    assert rows["LOK"].prognos == D(30_000) and rows["LOK"].prognos_overridden
    assert rows["TEAM"].prognos == D(480_000) and rows["TEAM"].avvikelse == D(-180_000)
    assert rows["TEAM"].helar_avvikelse == D(-260_000) and rows["TEAM"].off_budget
    assert view.result.resultat.budget == D(120_000)
    assert view.result.resultat.helar == D(380_000)
    eq = view.equity
    assert (eq.opening, eq.closing_budget, eq.closing_prognos) == (D(650_000), D(770_000), D(1_030_000))
    assert eq.max_kr == D(480_000)  # 20 % of 2 400 000
    assert eq.within(eq.closing_prognos) is False
    assert "Över förbundets högsta nivå 480 000 kr" in eq.verdict(eq.closing_prognos)
    bs.settings.set_equity_limits(EquityLimits(D(400_000), D(50)))
    assert bs.followup.followup_view(2026, date(2026, 6, 30)).equity.within(D(1_030_000)) is True
    with pytest.raises(ValidationError):
        bs.settings.set_equity_limits(EquityLimits(D(400_000), D(0)))


def test_paragraph_134_payout_schedule_with_ore(services):
    bs = services.budget
    from finsam_desktop.services.budget.dto import Insats

    ins = bs.insatser.save_insats(
        Insats(
            0,
            "Försäkringsutredare från Försäkringskassan (25 %)",
            "Försäkringskassan",
            "IAF, Sundsvalls kommun",
            date(2023, 1, 1),
            date(2023, 12, 31),
        )
    )
    grant = bs.grants.add_grant(
        ins.id,
        2023,
        D(163_549),
        beslut_text="§ 134, 2022-11-25",
        villkor="Under förutsättning att förbundet får bidrag från huvudmännen",
    )
    assert [p.amount for p in grant.payments] == [D("81774.50"), D("81774.50")]
    assert [p.trigger for p in grant.payments] == [Trigger.AVTAL, Trigger.REDOVISNING]
    assert grant.villkorad
    assert all(p.status is PaymentStatus.VANTAR for p in grant.payments)
    with pytest.raises(ValidationError, match="avtal"):
        bs.grants.mark_paid(grant.payments[0].id, date(2023, 1, 20))
    grant = bs.grants.set_grant_dates(grant.id, date(2023, 1, 15), None)
    assert [p.status for p in grant.payments] == [PaymentStatus.ATT_BETALA, PaymentStatus.VANTAR]
    paid = bs.grants.mark_paid(grant.payments[0].id, date(2023, 1, 31))
    assert paid.status is PaymentStatus.UTBETALD
    with pytest.raises(ValidationError, match="godkänt redovisningen"):
        bs.grants.mark_paid(grant.payments[1].id, date(2024, 2, 1))
    bs.grants.set_grant_dates(grant.id, date(2023, 1, 15), date(2024, 3, 22))
    bs.grants.mark_paid(grant.payments[1].id, date(2024, 3, 29))
    schedule = bs.grants.payout_schedule(2023)
    assert [(r.payment.amount, r.payment.status) for r in schedule] == [
        (D("81774.50"), PaymentStatus.UTBETALD),
        (D("81774.50"), PaymentStatus.UTBETALD),
    ]
    # An odd öre amount: the parts still add up exactly.
    odd = bs.grants.add_grant(ins.id, 2024, D("1000.01"), rule=PayoutRule.HALF_AVTAL_HALF_REDOVISNING)
    assert [p.amount for p in odd.payments] == [D("500.00"), D("500.01")]
    q = bs.grants.add_grant(ins.id, 2024, D(100_000), rule=PayoutRule.KVARTALSVIS)
    assert [p.due_on for p in q.payments][-1] == date(2024, 12, 31)


def test_adopted_budget_is_locked_and_check_passes(services, small_budget):
    bs = services.budget
    bs.versions.adopt_budget(small_budget, date(2025, 11, 28), text="§ 98, 2025-11-28")
    with pytest.raises(ImmutableRecordError):
        bs.lines.delete_line(small_budget, bs.versions.budget(small_budget).lines[0].id)
    with pytest.raises(ImmutableRecordError):
        bs.versions.delete_budget(small_budget)
    # Follow-ups of an adopted budget stay editable.
    fu = bs.followup.create_followup(2026, date(2026, 3, 31))
    bs.followup.save_followup_entry(fu.id, LineFollowup("LON", utfall=D(290_000)))
    assert [f for f in run_checks(services.db) if f.area.startswith("Budget")] == []


def test_check_finds_a_payout_plan_that_does_not_add_up(services):
    from finsam_desktop.services.budget.dto import Insats

    bs = services.budget
    ins = bs.insatser.save_insats(Insats(0, "Psykolog", "Sundsvalls kommun"))
    grant = bs.grants.add_grant(ins.id, 2023, D(912_000), beslut_text="§ 137, 2022-11-25")
    with services.db.engine.begin() as conn:
        conn.execute(text("UPDATE insats_payment SET amount_ore = 40000000 WHERE id = :i"), {"i": grant.payments[1].id})
        conn.execute(
            text("UPDATE insats_payment SET paid_on = '2023-01-05' WHERE id = :i"), {"i": grant.payments[0].id}
        )
    messages = [f.message for f in run_checks(services.db) if f.area == "Insatser"]
    assert messages == [
        "Psykolog 2023: utbetalningsplanen summerar till 856 000 kr men beviljat är 912 000 kr",
        f"utbetalning {grant.payments[0].id} är gjord före att avtal tecknats",
    ]


# --- undo of creations (used by the Budget tab's undo stack) -------------------------------------------------


def test_discarded_followup_comes_back_with_its_id_and_a_filled_one_is_kept(services):
    bs = services.budget
    fu = bs.followup.create_followup(2026, date(2026, 10, 31))
    assert bs.followup.discard_followup(fu.id) == fu
    assert bs.followup.list_followups(2026) == []
    again = bs.followup.create_followup(fu.year, fu.per, fu.comment, followup_id=fu.id)
    assert again == fu
    bs.followup.save_followup_entry(fu.id, LineFollowup("LON", prognos=D(1_000_000)))
    with pytest.raises(ValidationError, match="har fått uppgifter sedan den skapades"):
        bs.followup.discard_followup(fu.id)
    assert bs.followup.followup_entry(fu.id, "LON").prognos == D(1_000_000)


def test_discarded_revision_is_restored_with_the_same_ids(small_budget, services):
    bs = services.budget
    bs.lines.set_stated_totals(small_budget, [])
    bs.versions.adopt_budget(small_budget, date(2025, 11, 27), text="§ 12, 2025-11-27")
    rev = bs.versions.revise_budget(small_budget, "Höjd statlig medelstilldelning")
    bs.versions.discard_budget(rev)
    assert [b.version for b in bs.versions.list_budgets(2026)] == [1]
    restored = bs.versions.restore_budget(rev)
    assert (restored.info.id, restored.sections, restored.lines) == (rev.info.id, rev.sections, rev.lines)
    assert restored.info.previous_id == small_budget and restored.info.reason == "Höjd statlig medelstilldelning"


def test_discarding_a_budget_is_refused_when_it_changed_or_was_adopted(small_budget, services):
    bs = services.budget
    doc = bs.versions.budget(small_budget)
    line = next(x for x in doc.lines if x.kod == "LOK")
    bs.lines.save_line(small_budget, replace(line, budget=D(150_000)))
    with pytest.raises(ValidationError, match="har ändrats sedan den skapades"):
        bs.versions.discard_budget(doc)
    bs.lines.save_line(small_budget, line)
    bs.versions.adopt_budget(small_budget, date(2025, 11, 27), text="§ 12, 2025-11-27")
    with pytest.raises(ImmutableRecordError, match="fastställandet kan inte ångras"):
        bs.versions.discard_budget(doc)
    assert bs.versions.budget(small_budget).info.locked and len(bs.versions.budget(small_budget).lines) == 4


def test_discarded_insats_and_grant_are_restored_and_refused_once_used(services):
    bs = services.budget
    ins = bs.insatser.save_insats(Insats(0, "Stegvis till arbete", "Ådalens kommun"))
    grant = bs.grants.add_grant(ins.id, 2026, D(500_000), beslut_text="§ 40, 2026-03-20")
    with pytest.raises(ValidationError, match="har fått beviljade medel"):
        bs.insatser.discard_insats(ins.id)
    assert bs.grants.discard_grant(grant.id) == grant
    assert bs.insatser.get_insats(ins.id).grants == ()
    assert bs.grants.restore_grant(grant) == grant
    bs.grants.set_grant_dates(grant.id, date(2026, 4, 2), None)
    with pytest.raises(ValidationError, match="avtal, redovisning eller utbetalning"):
        bs.grants.discard_grant(grant.id)
    assert bs.insatser.get_insats(ins.id).grants[0].avtal_on == date(2026, 4, 2)
    bs.grants.set_grant_dates(grant.id, None, None)
    bs.grants.discard_grant(grant.id)
    removed = bs.insatser.discard_insats(ins.id)
    assert [i.namn for i in bs.insatser.list_insatser()] == []
    assert bs.insatser.restore_insats(removed).id == ins.id
    with pytest.raises(ValidationError, match="finns redan"):
        bs.insatser.restore_insats(removed)


# Both engines (docs/postgresql.md): these tests run on SQLite and on PostgreSQL.
@pytest.fixture
def services(engine_workspace):
    return engine_workspace.services


@pytest.fixture
def demo_services(engine_demo_workspace):
    return engine_demo_workspace.services
