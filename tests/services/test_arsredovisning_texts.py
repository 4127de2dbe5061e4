"""The förvaltningsberättelse's pre-fill says what the data says: personal from the stored antal anställda,
förväntad utveckling from next year's budget, the result in words — and nothing when the data is missing."""

from decimal import Decimal

from finsam_desktop.domain.arsredovisning.figures import fmt

#: workspace/demo_workspace on SQLite and PostgreSQL (tests/conftest.py, docs/postgresql.md).
BOTH_ENGINES = True


def test_personal_and_forvantad_utveckling_come_from_the_data(demo_services):
    ar = demo_services.arsredovisning
    ar.books.set_anstallda(2023, Decimal("2.75"))
    ar.books.set_anstallda(2024, Decimal("2.5"))
    texts = ar.texts.generated(2024)
    assert texts["personal"] == "Förbundet hade under 2024 2,5 anställda räknat i årsarbetare (föregående år 2,75)."
    budget = demo_services.budget.versions.current_budget(2026)
    assert budget is not None
    income, costs = budget.totals.intakter[0], budget.totals.kostnader[0]
    assert (
        f"budget för 2026 med intäkter om {fmt(income)} kr och kostnader om {fmt(costs)} kr"
        in (ar.texts.generated(2025)["forvantad_utveckling"])
    )


def test_the_result_is_told_in_words_beside_the_year_before(demo_services):
    ar = demo_services.arsredovisning
    summary = {y.year: y for y in ar.documents.years()}
    text = ar.texts.generated(2024)["god_ekonomisk_hushallning"]
    assert text.startswith(
        f"Årets resultat blev {fmt(summary[2024].resultat)} kr (föregående år {fmt(summary[2023].resultat)} kr)."
    )
    assert f"Eget kapital uppgick vid årets slut till {fmt(summary[2024].eget_kapital)} kr." in text


def test_without_anstallda_or_next_years_budget_the_sections_stay_empty(demo_services):
    ar = demo_services.arsredovisning
    ar.books.set_anstallda(2022, None)
    assert ar.texts.generated(2022)["personal"] == ""
    last_budget = max(demo_services.budget.versions.years())
    assert ar.texts._forvantad(last_budget) == ""
    assert ar.texts._forvantad(last_budget - 1) != ""
