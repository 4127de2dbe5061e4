"""Goals and indicators through the service: seed 002's MIA goals (F5) stored as data come out as the lägesrapport
writes them, a measurement per report date, and ``check`` flags a percentage that does not match its counts."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest
from sqlalchemy import select

from finsam_desktop.domain.budget.insatser import InsatsStatus
from finsam_desktop.domain.common.errors import NotFoundError, ValidationError
from finsam_desktop.domain.verksamhet.indicators import Comparison, Goal, Measurement, Period, Unit
from finsam_desktop.persistence.models import AuditLog
from finsam_desktop.services.budget.dto import Insats
from finsam_desktop.services.verksamhet.uppfoljning import UppfoljningService

#: workspace/demo_workspace on SQLite and PostgreSQL (tests/conftest.py, docs/postgresql.md).
BOTH_ENGINES = True

MIA_PERIOD = Period(date(2017, 4, 1), date(2020, 4, 30))


@pytest.fixture
def mia(workspace):
    return workspace.services.budget.insatser.save_insats(
        Insats(0, "MIA", "Täby kommun", "", date(2017, 4, 1), date(2020, 4, 30), status=InsatsStatus.PAGAENDE)
    )


@pytest.fixture
def svc(workspace):
    return UppfoljningService(workspace.services.db)


def _f5(svc, mia):
    erbjudna = svc.save_goal(svc.goal_from_indicator("erbjudna_deltagare", D(240), MIA_PERIOD, mia.id))
    forsorjning = svc.save_goal(svc.goal_from_indicator("arbete_studier", D(30), MIA_PERIOD, mia.id))
    steg = svc.save_goal(svc.goal_from_indicator("stegforflyttning", D(40), MIA_PERIOD, mia.id))
    svc.save_measurement(erbjudna.id, Measurement(date(2020, 3, 31), D(190)))
    svc.save_measurement(forsorjning.id, Measurement(date(2020, 3, 31), D(20), 38, 190))
    svc.save_measurement(steg.id, Measurement(date(2020, 3, 31), D(36), 68, 190))
    return erbjudna, forsorjning, steg


def test_f5_mia_goals_as_data_reproduce_the_seed(svc, mia):
    _f5(svc, mia)
    report = svc.report(date(2020, 3, 31))
    assert [r.text for r in report] == ["≥ 240 (190)", "≥ 30 (20) %", "≥ 40 (36) %"]
    assert [r.met for r in report] == [False, False, False]
    assert report[0].share_of_target == D("79.2") and report[0].insats == "MIA"
    assert svc.check() == ()


def test_the_report_takes_the_latest_value_on_or_before_the_date(svc, mia):
    erbjudna, _, _ = _f5(svc, mia)
    svc.save_measurement(erbjudna.id, Measurement(date(2020, 6, 30), D(251)))
    assert svc.report(date(2020, 3, 31))[0].text == "≥ 240 (190)"
    june = svc.report(date(2020, 6, 30))[0]
    assert (june.text, june.met) == ("≥ 240 (251)", True)
    assert svc.report(date(2019, 12, 31))[0].text == "≥ 240 (–)"


def test_a_value_for_the_same_date_is_replaced(svc, mia):
    erbjudna, _, _ = _f5(svc, mia)
    svc.save_measurement(erbjudna.id, Measurement(date(2020, 3, 31), D(192)))
    assert [m.varde for m in svc.measurements(erbjudna.id)] == [D(192)]


def test_a_measurement_is_removed_by_its_date_and_the_removal_is_audited(svc, mia, workspace):
    erbjudna, _, _ = _f5(svc, mia)
    svc.save_measurement(erbjudna.id, Measurement(date(2020, 6, 30), D(251)))
    svc.delete_measurement(erbjudna.id, date(2020, 6, 30))
    assert [(m.per, m.varde) for m in svc.measurements(erbjudna.id)] == [(date(2020, 3, 31), D(190))]
    assert svc.report(date(2020, 6, 30))[0].text == "≥ 240 (190)"
    with workspace.services.db.session() as s:
        last = s.scalars(select(AuditLog).order_by(AuditLog.id.desc())).first()
        assert (last.action, last.detail) == ("utfall borttaget", "Personer som erbjuds insatser per 2020-06-30")
    with pytest.raises(NotFoundError, match="har inget utfall per 2020-06-30"):
        svc.delete_measurement(erbjudna.id, date(2020, 6, 30))
    with pytest.raises(NotFoundError, match="Målet finns inte"):
        svc.delete_measurement(erbjudna.id + 99, date(2020, 3, 31))
    assert len(svc.measurements(erbjudna.id)) == 1


def test_a_removed_goal_is_restored_under_its_id_in_its_place_with_its_values(svc, mia):
    erbjudna, forsorjning, steg = _f5(svc, mia)
    removed = svc.delete_goal(forsorjning.id)  # the middle one: a new row would get another id and the last place
    assert [g.id for g in svc.goals(mia.id)] == [erbjudna.id, steg.id]
    back = svc.restore_goal(removed)
    assert back == forsorjning
    assert [g.id for g in svc.goals(mia.id)] == [erbjudna.id, forsorjning.id, steg.id]
    assert [(m.per, m.varde, m.taljare, m.namnare) for m in svc.measurements(forsorjning.id)] == [
        (date(2020, 3, 31), D(20), 38, 190)
    ]
    with pytest.raises(ValidationError, match="finns redan"):
        svc.restore_goal(removed)


def test_check_flags_a_percentage_that_does_not_match_its_counts(svc, mia):
    _, forsorjning, _ = _f5(svc, mia)
    svc.save_measurement(forsorjning.id, Measurement(date(2020, 6, 30), D(25), 38, 190))
    (flag,) = svc.check()
    assert flag.where == f"{forsorjning.namn} per 2020-06-30"
    assert "angivet 25 % stämmer inte med antalen 38 av 190 (= 20 %)" in flag.text


def test_a_goal_of_the_forbund_without_insats(svc, mia):
    _f5(svc, mia)
    goal = svc.save_goal(
        Goal(
            None,
            None,
            "Minst 100 tjänstemän/politiker deltar i informationsinsatser",
            "deltagare_informationsinsats",
            D(100),
            Unit.ANTAL,
            Comparison.MINST,
            Period.year(2020),
        )
    )
    assert [g.id for g in svc.goals(forbund_only=True)] == [goal.id]
    assert len(svc.goals(insats_id=mia.id)) == 3
    assert next(r for r in svc.report(date(2020, 12, 31)) if r.goal.id == goal.id).insats == ""


def test_bad_goals_are_refused_in_swedish(svc, mia):
    with pytest.raises(ValidationError, match="det finns ingen standardindikator ”nps”"):
        svc.goal_from_indicator("nps", D(1), Period.year(2026))
    with pytest.raises(ValidationError, match="Period: perioden slutar 2025-12-31, före sin start 2026-01-01"):
        svc.save_goal(
            Goal(
                None, mia.id, "x", "", D(1), Unit.ANTAL, Comparison.MINST, Period(date(2026, 1, 1), date(2025, 12, 31))
            )
        )
    assert svc.goals() == []
