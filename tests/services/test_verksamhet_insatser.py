"""The Verksamhet insatser service on a real file: seed 000 entered as data, list per year, guarded delete."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from finsam_desktop.domain.budget.insatser import InsatsStatus
from finsam_desktop.domain.common.errors import ValidationError
from finsam_desktop.domain.verksamhet.insats import InsatsTyp
from finsam_desktop.domain.verksamhet.personal import Personalresurs
from finsam_desktop.services.budget.dto import Insats
from tests.fixtures import verksamhet_seed000 as seed

#: workspace/demo_workspace on SQLite and PostgreSQL (tests/conftest.py, docs/postgresql.md).
BOTH_ENGINES = True


def _enter_seed(services):
    vs = services.verksamhet.insatser
    mia, ubk, *rest = seed.seed000_insatser()
    mia = vs.save(mia)
    ubk = vs.save(replace(ubk, parent_id=mia.id))
    return mia, ubk, [vs.save(i) for i in rest]


def test_seed000_entered_as_data_reproduces_its_staffing(services):
    mia, ubk, _ = _enter_seed(services)
    got = services.verksamhet.insatser.get(mia.id)
    assert got.fte == seed.FTE_000
    assert got.fte_per_organisation == seed.FTE_000_PER_ORG
    assert [p.roll for p in got.personal][:4] == ["Finsamteam/myndighetsgemensamt team"] * 4
    assert got.syfte == seed.SYFTE_MIA and "**40**" in got.mal
    assert got.malgrupp.alder_fran == 16 and got.malgrupp.kommuner == ("Sundbybergs stad",)
    assert [s.organisation for s in got.styrgrupp][-1] == "Samordningsförbundet Sundbyberg"
    assert got.delprojekt == (seed.UBK,)
    assert got.staffing_flag is None
    flag = services.verksamhet.insatser.get(ubk.id).staffing_flag
    assert flag is not None and flag.difference == Decimal(3)


def test_one_insats_for_budget_and_verksamhet(services):
    mia, _, rest = _enter_seed(services)
    budget_view = services.budget.insatser.get_insats(mia.id)
    assert budget_view.namn == seed.MIA
    assert budget_view.line_class.value == "individinriktad"
    samverkan = next(i for i in rest if i.typ is InsatsTyp.STOD_FOR_SAMVERKAN)
    assert services.budget.insatser.get_insats(samverkan.id).line_class.value == "strukturell"
    # The förbund's money is Budget's grant, read here, not stored twice.
    services.budget.grants.add_grant(mia.id, 2021, Decimal(2580000))
    f = services.verksamhet.insatser.get(mia.id).finansiering(2021)
    assert (f.forbund, f.esf, f.annan, f.total) == (Decimal(2580000), Decimal(2000000), 0, Decimal(4580000))


def test_list_by_year_keeps_the_insatser_active_that_year(services):
    _enter_seed(services)
    vs = services.verksamhet.insatser
    names_2020 = {i.namn for i in vs.list_insatser(2020)}
    assert names_2020 == {seed.MIA, seed.UBK, "Insatskatalogen"}
    names_2023 = {i.namn for i in vs.list_insatser(2023)}
    assert names_2023 == {"Insatskatalogen", "Sundbas"}
    assert len(vs.list_insatser()) == 6


def test_bad_input_is_refused_whole_in_swedish(services):
    vs = services.verksamhet.insatser
    mia = vs.save(seed.seed000_insatser()[0])
    bad_row = replace(mia, personal=(*mia.personal, Personalresurs("", "AF", 1, Decimal(10))))
    with pytest.raises(ValidationError, match="Personal rad 12: rollen får inte vara tom"):
        vs.save(bad_row)
    with pytest.raises(ValidationError, match="Syfte: fetstil"):
        vs.save(replace(mia, namn="Nytt namn", syfte="**ofärdigt"))
    with pytest.raises(ValidationError, match="Period: slutdatum ligger före startdatum"):
        vs.save(replace(mia, slut=date(2019, 1, 1)))
    with pytest.raises(ValidationError, match="Delprojekt i: en insats kan inte vara delprojekt i sig själv"):
        vs.save(replace(mia, parent_id=mia.id))
    again = vs.get(mia.id)
    assert again.namn == seed.MIA and len(again.personal) == 11 and again.fte == seed.FTE_000


def test_a_delprojekt_cannot_become_the_parent_of_its_parent(services):
    mia, ubk, _ = _enter_seed(services)
    with pytest.raises(ValidationError, match="redan ett delprojekt"):
        services.verksamhet.insatser.save(replace(mia, parent_id=ubk.id))


def test_set_status_and_delete_guarded_when_used(services):
    mia, ubk, rest = _enter_seed(services)
    vs = services.verksamhet.insatser
    assert vs.set_status(mia.id, InsatsStatus.IMPLEMENTERING).status is InsatsStatus.IMPLEMENTERING
    with pytest.raises(ValidationError, match="har delprojekt"):
        vs.delete(mia.id)
    sundbas = next(i for i in rest if i.namn == "Sundbas")
    services.budget.grants.add_grant(sundbas.id, 2021, Decimal(100000))
    with pytest.raises(ValidationError, match="har beviljade medel"):
        vs.delete(sundbas.id)
    removed = vs.delete(ubk.id)
    assert removed.namn == seed.UBK
    assert {i.namn for i in vs.list_insatser()} == {i.namn for i in [mia, *rest]}


def test_budget_dialog_save_keeps_the_verksamhet_fields(services):
    mia, _, _ = _enter_seed(services)
    b = services.budget.insatser.get_insats(mia.id)
    services.budget.insatser.save_insats(replace(b, namn="MIA Vidare Sundbyberg", grants=()))
    got = services.verksamhet.insatser.get(mia.id)
    assert got.namn == "MIA Vidare Sundbyberg" and got.fte == seed.FTE_000 and got.syfte == seed.SYFTE_MIA


def test_a_new_budget_insats_starts_planerad(services):
    created = services.budget.insatser.save_insats(Insats(0, "Ny insats"))
    assert created.status is InsatsStatus.PLANERAD
    assert services.verksamhet.insatser.get(created.id).typ is InsatsTyp.INDIVIDINRIKTAD


def test_finsam_check_flags_a_printed_fte_total_that_does_not_add_up(workspace):
    from finsam_desktop.services.check import run_checks

    _enter_seed(workspace.services)
    messages = [str(f) for f in run_checks(workspace.services.db) if f.area == "Verksamhet"]
    assert messages == [f"[Verksamhet] {seed.UBK}: angiven summa 3,00 årsarbetare, beräknad 0,00 (skillnad 3,00)."]


def test_budget_class_change_changes_the_type(services):
    _, _, rest = _enter_seed(services)
    samverkan = next(i for i in rest if i.typ is InsatsTyp.STOD_FOR_SAMVERKAN)
    b = services.budget.insatser.get_insats(samverkan.id)
    services.budget.insatser.save_insats(replace(b, line_class=type(b.line_class)("individinriktad"), grants=()))
    assert services.verksamhet.insatser.get(samverkan.id).typ is InsatsTyp.INDIVIDINRIKTAD
    services.budget.insatser.save_insats(replace(b, grants=()))
    assert services.verksamhet.insatser.get(samverkan.id).typ is InsatsTyp.STRUKTURELL
