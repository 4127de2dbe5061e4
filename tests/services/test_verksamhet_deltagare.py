"""Deltagare statistics through the service: the import is all rows or nothing, a re-import replaces (never doubles)
and says what it replaced, and the year totals are what the årsredovisning's Deltagarflöden shows."""

from __future__ import annotations

from datetime import date

import pytest

from finsam_desktop.domain.arsredovisning.publication import FlowRow
from finsam_desktop.domain.budget.insatser import InsatsStatus
from finsam_desktop.domain.common.errors import ValidationError
from finsam_desktop.services.budget.dto import Insats
from finsam_desktop.services.verksamhet.deltagare import DeltagareService
from tests.fixtures.deltagare_exports import HEADERS, ROWS, export, with_cell

#: workspace/demo_workspace on SQLite and PostgreSQL (tests/conftest.py, docs/postgresql.md).
BOTH_ENGINES = True


@pytest.fixture
def svc(workspace):
    for namn, kod in (("MIA", "IND1"), ("Resursteam", "IND2")):
        workspace.services.budget.insatser.save_insats(
            Insats(
                0,
                namn,
                "Kommunen",
                "",
                date(2026, 1, 1),
                date(2026, 12, 31),
                budget_kod=kod,
                status=InsatsStatus.PAGAENDE,
            )
        )
    return DeltagareService(workspace.services.db)


def test_year_totals_are_the_sums_of_the_months_per_insats(svc):
    result = svc.import_file(export(), "sus_2026q1.csv")
    assert result.replaced == ()
    assert result.summary.startswith("5 rader (insats och månad) för 2 insatser lästes in ur sus_2026q1.csv.")
    totals = {f.insats: f for f in svc.year_totals(2026)}
    assert totals["MIA"] == FlowRow("MIA", 28, 16, 16, 11, 1, (("Arbete", 5), ("Studier", 2), ("Annan insats", 3)))
    assert totals["Resursteam"] == FlowRow("Resursteam", 7, 3, 3, 4, 0, (("Arbete", 1), ("Studier", 1)))
    assert svc.year_totals(2025) == ()
    assert svc.anvisade_totals(2026)["Försäkringskassan"] == 3 + 2 + 1 + 1 + 0


def test_reimporting_the_same_file_replaces_and_never_doubles(svc):
    svc.import_file(export(), "sus.csv")
    again = svc.import_file(export(encoding="utf-8", bom=True, newline="\r"), "sus.csv")
    assert again.replaced == (
        "MIA 2026-01",
        "MIA 2026-02",
        "MIA 2026-03",
        "Resursteam 2026-01",
        "Resursteam 2026-02",
    )
    assert "Ersatte tidigare inläsning för 5" in again.summary
    assert len(svc.periods()) == 5
    assert {f.insats: f.inskrivna for f in svc.year_totals(2026)} == {"MIA": 28, "Resursteam": 7}


def test_a_corrected_month_replaces_only_that_month(svc):
    svc.import_file(export(), "sus.csv")
    corrected = with_cell(0, "Inskrivna", 14, rows=with_cell(0, "Kvinnor", 9))
    result = svc.import_file(export(corrected[:1], summa=False), "rattelse.csv")
    assert result.replaced == ("MIA 2026-01",)
    assert {f.insats: f.inskrivna for f in svc.year_totals(2026)} == {"MIA": 30, "Resursteam": 7}


def test_a_bad_row_saves_nothing_and_leaves_the_earlier_import_untouched(svc):
    svc.import_file(export(), "sus.csv")
    before = svc.periods()
    changed = with_cell(0, "Inskrivna", 99, rows=with_cell(0, "Kvinnor", 94))  # a valid first row …
    bad = with_cell(4, "Avslutade", "tre", rows=changed)  # … and a bad last one
    with pytest.raises(ValidationError, match="Rad 6, kolumn ”Avslutade”: ”tre” är inget antal"):
        svc.import_file(export(bad), "sus.csv")
    assert svc.periods() == before


def test_an_unknown_insats_is_named(svc):
    rows = (*ROWS, ("Arbetsträning Torekällberget", "2026-01", 1, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1))
    with pytest.raises(ValidationError) as exc:
        svc.import_file(export(rows), "sus.csv")
    assert "Rad 7, kolumn ”Insats”: det finns ingen insats ”Arbetsträning Torekällberget”" in str(exc.value)
    assert "”MIA”, ”Resursteam”" in str(exc.value)
    assert svc.periods() == []


def test_an_avslut_column_outside_the_code_list_stops_the_import(svc):
    headers = (*HEADERS[:9], "Avslut flytt", *HEADERS[10:])
    with pytest.raises(ValidationError, match="kolumnen ”Avslut flytt” ser ut att vara en avslutsanledning"):
        svc.import_file(export(headers=headers), "sus.csv")
    assert svc.periods() == []


def test_periods_per_insats_and_year(svc):
    svc.import_file(export(), "sus.csv")
    mia = svc.periods(insats_id=svc.periods()[0].insats_id, year=2026)
    assert [p.period for p in mia] == [date(2026, 1, 1), date(2026, 2, 1), date(2026, 3, 1)]
    assert mia[2].pagaende == 63


def test_masking_is_on_by_default_and_can_be_turned_off(svc, workspace):
    assert svc.masking_enabled() is True
    svc.set_masking(False)
    assert DeltagareService(workspace.services.db).masking_enabled() is False


def test_year_totals_print_as_the_arsredovisnings_deltagarfloden(svc):
    from finsam_desktop.reports.arsredovisning.tables import flow_tables

    svc.import_file(export(), "sus.csv")
    flows, per_reason = flow_tables(svc.year_totals(2026), 2026)
    assert [r.cells for r in flows.rows] == [
        ("MIA", "28", "16", "16", "11", "1"),
        ("Resursteam", "7", "3", "3", "4", "0"),
        ("Totalt", "35", "19", "19", "15", "1"),
    ]
    assert [c.label for c in per_reason.columns] == ["Insats", "Arbete", "Studier", "Annan\ninsats"]
    assert per_reason.rows[1].cells == ("Resursteam", "1", "1", "0")


def test_check_flags_avslut_reasons_that_add_up_to_more_than_the_avslutade(svc):
    svc.import_file(export(with_cell(1, "Avslut arbete", 5)), "sus.csv")  # MIA 2026-02: 5 + 1 + 2 > 6 avslutade
    (flag,) = svc.check()
    assert flag.where == "Deltagarstatistik MIA 2026-02"
    assert flag.text == "avslut per avslutsanledning summerar till 8 men avslutade är 6."


def test_finsam_check_reports_the_deltagare_flag_under_verksamhet(svc, workspace):
    from finsam_desktop.services.check import run_checks

    assert not [f for f in run_checks(workspace.services.db) if f.area == "Verksamhet"]
    svc.import_file(export(with_cell(1, "Avslut arbete", 5)), "sus.csv")
    found = [str(f) for f in run_checks(workspace.services.db) if f.area == "Verksamhet"]
    assert found == [
        "[Verksamhet] Deltagarstatistik MIA 2026-02: avslut per avslutsanledning summerar till 8 men avslutade är 6."
    ]


def test_an_insats_with_deltagare_statistics_is_not_removed_under_them(svc, workspace):
    svc.import_file(export(), "sus.csv")
    mia = next(p.insats_id for p in svc.periods() if p.insats == "MIA")
    before = len(svc.periods())
    with pytest.raises(ValidationError, match="”MIA” har deltagarstatistik i Verksamhet"):
        workspace.services.budget.insatser.delete_insats(mia)
    assert len(svc.periods()) == before
    assert workspace.services.verksamhet.deltagare.periods(insats_id=mia)  # the area reaches the same statistics
