"""The årsredovisning's deltagarflöden are Verksamhet's deltagare statistics when the year has any (one truth): the
typed flows give way, cannot be typed beside them, and the adoption keeps the statistics' totals so a later
re-import does not change what was adopted."""

from __future__ import annotations

from datetime import date

import pytest

from finsam_desktop.domain.arsredovisning.publication import FlowRow
from finsam_desktop.domain.common.errors import ValidationError
from tests.conftest import DEMO_YEAR
from tests.fixtures.deltagare_exports import export

#: workspace/demo_workspace on SQLite and PostgreSQL (tests/conftest.py, docs/postgresql.md).
BOTH_ENGINES = True


def _names(services, year: int) -> tuple[str, str]:
    """The insats the demo typed flows for in ``year`` (the team, before Verksamhet's statistics begin) and
    another one."""
    (a,) = [f.insats for f in services.arsredovisning.publication(year).flows]
    b = next(i.namn for i in services.budget.insatser.list_insatser() if i.namn != a)
    return a, b


def _statistics(names: tuple[str, str], year: int, scale: int = 1) -> bytes:
    a, b = names
    rows = (
        (a, f"{year}-02", 10 * scale, 40, 4, 6 * scale, 4 * scale, 0, 2, 2, 1, 0, 3, 4, 2, 1),
        (a, f"{year}-03", 6, 44, 5, 3, 3, 0, 3, 3, 1, 1, 1, 2, 2, 1),
        (b, f"{year}-02", 4, 12, 2, 2, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1),
    )
    return export(rows)


def _styrelse_item(services, year: int) -> int:
    return services.attest.versions.styrelse_paragraphs(since=date(year + 1, 1, 1))[-1][0]


def test_a_years_statistics_are_its_deltagarfloden_and_the_adoption_keeps_them(demo_services):
    ar, deltagare = demo_services.arsredovisning, demo_services.verksamhet.deltagare
    typed = ar.publication(2023).flows
    assert typed  # the demo typed 2023's flows (its statistics begin in 2024)
    a, b = names = _names(demo_services, 2023)
    deltagare.import_file(_statistics(names, 2023), "sus-2023.csv")
    flows = {f.insats: f for f in ar.publication(2023).flows}
    assert set(flows) == {a, b}
    assert (flows[a].inskrivna, flows[a].avslutade, flows[a].kvinnor, flows[a].man) == (16, 9, 9, 7)
    assert dict(flows[a].avslut)["Arbete"] == 5
    assert (
        "Under 2023 skrevs 20 deltagare in och 11 avslutades i 2 insatser"
        in ar.texts.generated(2023)["viktiga_forhallanden"]
    )
    insats_id = next(i.id for i in demo_services.budget.insatser.list_insatser() if i.namn == a)
    with pytest.raises(ValidationError, match="kommer från Verksamhets deltagarstatistik"):
        ar.documents.save_flow(2023, insats_id, FlowRow(a, 1, 0, 1, 0, 0, ()))
    ar.documents.adopt(2023, _styrelse_item(demo_services, 2023))
    deltagare.import_file(_statistics(names, 2023, scale=3), "sus-2023-rattad.csv")  # a later correction
    kept = {f.insats: f for f in ar.publication(2023).flows}
    assert kept[a].inskrivna == 16  # what was adopted, not the re-import's 36


def test_a_year_without_statistics_keeps_its_typed_flows(demo_services):
    before = demo_services.arsredovisning.publication(2023).flows
    demo_services.verksamhet.deltagare.import_file(
        _statistics(_names(demo_services, 2023), 2023).replace(b"2023-", b"2022-"), "x.csv"
    )
    assert demo_services.arsredovisning.publication(2023).flows == before


def test_last_years_insatser_with_deltagare_are_the_ones_its_arsredovisning_says_were_financed(demo_services):
    year = DEMO_YEAR - 1
    flows = {f.insats for f in demo_services.arsredovisning.publication(year).flows}
    text = demo_services.arsredovisning.texts.generated(year)["viktiga_forhallanden"]
    assert f"finansierade förbundet {len(flows)} insatser:" in text
    assert f"i {len(flows)} insatser (se Deltagarflöden)" in text
    for namn in flows:
        assert f"- {namn} (" in text
