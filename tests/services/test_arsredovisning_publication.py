"""The årsredovisning's publication and adoption: a demo year reconciles with no flags and is signed by the
styrelse's ledamöter; the adopted year is locked (raw SQL refused) and ``finsam check`` finds tampering; the seed's
2021 report entered through the service gives exactly the domain's flags; the delårsrapport and the deadlines."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from finsam_desktop.domain.arsredovisning.drift import DriftClass
from finsam_desktop.domain.arsredovisning.reconcile import reconcile
from finsam_desktop.domain.common.errors import ImmutableRecordError
from finsam_desktop.services.check import run_checks
from tests.fixtures import arsredovisning_2021 as seed

#: workspace/demo_workspace on SQLite and PostgreSQL (tests/conftest.py, docs/postgresql.md).
BOTH_ENGINES = True


def test_a_demo_year_reconciles_and_is_signed_by_the_styrelse(demo_services):
    pub = demo_services.arsredovisning.publication(2025)
    assert pub.flags == ()
    assert pub.title == "Årsredovisning 2025"
    assert pub.adopted_text.startswith("Fastställd av styrelsen 2026-03-13, §") and not pub.draft
    assert [s.roll for s in pub.signers][:2] == ["Ordförande", "Vice ordförande"]
    assert len(pub.signers) == 6  # one ledamot per member, no ersättare
    assert [s.heading for s in pub.sections][0] == "Om förbundet"
    assert "Eva Forsberg, ordförande" in pub.sections[0].body
    assert len(pub.report.five_year.figures) == 5
    assert run_checks(demo_services.db) == []


@pytest.mark.sqlite_only  # opens the file itself (sqlite3, copies, --db FILE)
def test_the_adopted_year_is_locked_and_tampering_is_found(demo_workspace):
    services = demo_workspace.services
    with pytest.raises(ImmutableRecordError, match="fastställd"):
        services.arsredovisning.books.enter_balances(2025, "1930;1")
    conn = sqlite3.connect(demo_workspace.path)
    with pytest.raises(sqlite3.IntegrityError, match="låst"):
        conn.execute("UPDATE ar_account SET ub_ore = ub_ore + 100 WHERE konto = '1930'")
    with pytest.raises(sqlite3.IntegrityError, match="låst"):
        conn.execute("UPDATE ar_text SET body = 'x'")
    conn.execute("DROP TRIGGER trg_ar_account_locked_update")
    conn.execute(
        "UPDATE ar_account SET ub_ore = ub_ore + 100 WHERE konto = '1930' AND year_id = "
        "(SELECT id FROM ar_year WHERE year = 2025)"
    )
    conn.commit()
    conn.close()
    messages = [f.message for f in run_checks(services.db)]
    assert any("trg_ar_account_locked_update" in m for m in messages)
    assert any("årsredovisningen 2025 har ändrats efter beslutet: konto Bank, företagskonto" in m for m in messages)
    assert any(m.startswith("BR 2025-12-31") and "skillnad" in m for m in messages)  # and it no longer balances


def _plain(data: dict) -> dict:
    """The fixture's printed structure in the service's plain (JSON) form."""

    def years(rows, summa):
        return [[r[0], {"2021": r[1], "2020": r[2]}, *(x.value for x in r[3:])] for r in rows], {
            "2021": summa[0],
            "2020": summa[1],
        }

    notes = []
    for key, number, title, line, extra in (
        ("not2", "2", "Verksamhetens intäkter", "rr_intakter", {}),
        ("not3", "3", "Verksamhetens kostnader", "rr_kostnader", {"unit": "tkr", "sign": -1}),
        ("not4", "4", "Fordringar", "br_fordringar", {}),
        ("not5", "5", "Kortfristiga skulder", "br_kortfristiga", {}),
    ):
        rows, summa = years(*data[key])
        notes.append({"number": number, "title": title, "statement_line": line, "rows": rows, "summa": summa} | extra)
    return {
        "decided": data["decided"],
        "rr": {str(y): r for y, r in data["rr"].items()},
        "rr_labels": seed.RR_LABELS,
        "rr_notes": seed.RR_NOTES,
        "br": {str(y): r for y, r in data["br"].items()},
        "br_notes": seed.BR_NOTES,
        "kf": {str(y): r for y, r in data["kf"].items()},
        "drift": {
            "unit": "tkr",
            "convention": "by_nature",
            "rows": [
                [k.value, label, dict(zip(seed.DRIFT_COLUMNS, cells, strict=True))] for k, label, cells in data["drift"]
            ],
        },
        "notes": notes,
        "five_year": {str(y): r for y, r in data["five_year"].items()},
        "balanskrav": {},
    }


def test_the_seed_2021_entered_through_the_service_gives_exactly_the_domain_flags(services):
    assert DriftClass.HUVUDMAN.value == "huvudman"
    ar = services.arsredovisning
    ar.books.enter_printed(2021, _plain(seed.printed()))
    expected = reconcile(seed.build())
    assert expected  # the seed's errors
    assert ar.documents.flags(2021) == expected
    assert list(ar.documents.years()[0].flags) == expected
    ar.books.enter_printed(2021, _plain(seed.corrected()))
    assert ar.documents.flags(2021) == reconcile(seed.build(seed.corrected()))


def test_the_delarsrapport_per_a_date(demo_services):
    pub = demo_services.arsredovisning.interim(date(2025, 8, 31))
    assert pub.title == "Delårsrapport 2025 per 2025-08-31"
    rr = pub.report.rr
    full = demo_services.arsredovisning.publication(2025).report.rr
    assert 0 < rr.value(2025, "rr_intakter") < full.value(2025, "rr_intakter")
    assert pub.report.br.value(2025, "br_summa_tillgangar") == pub.report.br.value(2025, "br_summa_ek_skulder")


def test_the_deadlines_name_their_year_and_follow_the_settings(services):
    dl = services.arsredovisning.deadlines
    events = dl.events(2025)
    assert events[0].title == "Årsredovisning 2025 upprättas av styrelsen" and events[0].start == date(2026, 3, 31)
    dl.save_settings({"ansvarsfrihet": "05-31"})
    assert date(2026, 5, 31) in [e.start for e in dl.events(2025)]
