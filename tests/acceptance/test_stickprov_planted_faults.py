"""Done-when: 5 000 generated transactions with planted faults — every planted fault in the sample is
found by the attest check, and nothing else is flagged; seed 42 gives the same sample every run."""

from __future__ import annotations

from finsam_desktop.domain.internkontroll.stickprov_population import PopulationFilter
from finsam_desktop.services.demo.internkontroll import FAULTS, generate_transactions

MAPPING = {
    "verifikation": "Ver nr",
    "datum": "Bokföringsdatum",
    "belopp": "Belopp",
    "motpart": "Motpart",
    "konto": "Kostnadsställe",
    "attestanter": "Attestant",
    "utanordnare": "Utanordnare",
}
EXPECTED_TEXT = {
    "sjalvattest": "sig själv",
    "over_maxbelopp": "överstiger maxbeloppet 50 000 kr",
    "en_signatur": "två i förening",
    "utan_mandat": "inget giltigt uppdrag",
}


def test_all_planted_faults_in_the_sample_are_found_and_no_false_ones(demo_services):
    ik = demo_services.internkontroll
    gen = generate_transactions(2026, 5000, seed=2026, fault_rate=0.04)
    assert len(gen.planted) > 150 and set(gen.planted.values()) == set(FAULTS)
    transactions = ik.stickprov.load_file(gen.data, gen.filename, MAPPING)
    assert len(transactions) == 5000
    sp = ik.stickprov.run_stickprov(transactions, PopulationFilter(), storlek=250, seed=42)
    assert len(sp.items) == 250
    flagged = {i.transaction.verifikation: i.auto_findings for i in sp.items if i.auto_findings}
    planted_in_sample = {
        i.transaction.verifikation: gen.planted[i.transaction.verifikation]
        for i in sp.items
        if i.transaction.verifikation in gen.planted
    }
    assert set(planted_in_sample.values()) == set(FAULTS), "the sample should hold every kind of fault"
    assert set(flagged) == set(planted_in_sample)
    for ver, kind in planted_in_sample.items():
        assert any(EXPECTED_TEXT[kind] in f for f in flagged[ver]), (ver, kind, flagged[ver])

    again = ik.stickprov.run_stickprov(
        ik.stickprov.load_file(gen.data, gen.filename, MAPPING), PopulationFilter(), storlek=250, seed=42
    )
    assert [i.transaction.verifikation for i in again.items] == [i.transaction.verifikation for i in sp.items]
    other = ik.stickprov.run_stickprov(transactions, PopulationFilter(), storlek=250, seed=43)
    assert [i.transaction.verifikation for i in other.items] != [i.transaction.verifikation for i in sp.items]
