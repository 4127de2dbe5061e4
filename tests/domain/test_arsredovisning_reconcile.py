"""Done-when of issue 15 (domain half): Södertälje's Årsredovisning 2021, entered as printed, gives exactly the
errors section 4.6 of seeds-003-004.md finds — and a corrected copy gives none."""

from decimal import Decimal

import pytest

from finsam_desktop.domain.arsredovisning.reconcile import reconcile
from tests.fixtures.arsredovisning_2021 import build, corrected

D = Decimal

# (rule, where, stated, computed, difference) — stated − computed, in the table's unit.
EXPECTED = {
    ("datum", "Beslutad av styrelsen", "2021-03-18", "2022-01-01 – 2022-03-31", None),
    # RR: −65 628 − 301 = −65 929, printed −65 327 (the 301 added instead of subtracted) ...
    ("summa", "RR 2021 Resultat efter finansiella poster", D(-65327), D(-65929), D(602)),
    # ... and årets resultat −65 327 against −65 628 in BR, kassaflödesanalys and Tabell 2.
    ("årets_resultat", "RR 2021 Årets resultat", D(-65327), D(-65628), D(301)),
    # BR: 281 891 + 3 995 580 = 4 277 471, printed 4 277 470.
    ("summa", "BR 2021-12-31 Summa omsättningstillgångar", D(4277470), D(4277471), D(-1)),
    # Kassaflödesanalys: the löpande verksamhet omits årets resultat (both years) ...
    ("summa", "Kassaflödesanalys 2021 Kassaflöde från den löpande verksamheten", D(793930), D(728302), D(65628)),
    ("summa", "Kassaflödesanalys 2020 Kassaflöde från den löpande verksamheten", D(-1640260), D(-1039252), D(-601008)),
    # ... 3 267 277 + 728 302 = 3 995 579, printed 3 995 580 ...
    ("kassaflöde", "Kassaflödesanalys 2021 Årets kassaflöde", D(728302), D(728303), D(-1)),
    # ... and the 2020 column: 2 241 268 against −1 039 252 from its lines and −1 104 642 change in likvida medel.
    ("summa", "Kassaflödesanalys 2020 Årets kassaflöde", D(2241268), D(-1039252), D(3280520)),
    # Driftredovisning: admin avvikelse 2 823 − 2 675 = +148, printed −74 ...
    ("drift_avvikelse", "Driftredovisning 2021 Administrativa kostnader Avvikelse", D(-74), D(148), D(-222)),
    # ... the kostnad column 14 529 tkr against 14 597 367 kr (68 tkr), övriga intäkter 153 tkr not shown ...
    ("drift_rr", "Driftredovisning 2021 Summa kostnad", D(14529), D("14597.367"), D("-68.367")),
    ("drift_rr", "Driftredovisning 2021 Summa intäkt", D(14378), D("14531.739"), D("-153.739")),
    ("drift_rr", "Driftredovisning 2020 Summa intäkt", D(14472), D("15600.799"), D("-1128.799")),
    # ... and 2020 huvudman 10 172 against Not 2 2020 (5 136 000 + 2 568 000 + 2 568 000).
    ("drift_huvudman", "Driftredovisning 2020 Intäkter Huvudman Intäkt", D(10172), D(10272), D(-100)),
    # Noter: neither Summa of Not 2 nor of Not 3 adds up.
    ("not_summa", "Not 2 Verksamhetens intäkter 2021 Summa", D(14531739), D(14531376), D(363)),
    ("not_summa", "Not 2 Verksamhetens intäkter 2020 Summa", D(15600799), D(15550689), D(50110)),
    ("not_summa", "Not 3 Verksamhetens kostnader 2021 Summa", D(14597), D(14529), D(68)),
    ("not_summa", "Not 3 Verksamhetens kostnader 2020 Summa", D(14995), D(12713), D(2282)),
    # Not 4: "133 84" is garbled; the Summa implies 133 086.
    ("oläsligt", "Not 4 Fordringar 2021-12-31 Momsfordran", "133 84", D(133086), None),
    # Not 5: 2021 lines add to 2 260 151; 2020 "1 440 343" is a typo for 1 440 243 (lines and BR).
    ("not_summa", "Not 5 Kortfristiga skulder 2021-12-31 Summa", D(2260152), D(2260151), D(1)),
    ("not_summa", "Not 5 Kortfristiga skulder 2020-12-31 Summa", D(1440343), D(1440243), D(100)),
}


def _key(flag):
    return (flag.rule, flag.where, flag.stated, flag.computed, flag.difference)


def test_the_seed_as_printed_gives_exactly_the_errors_of_section_4_6():
    assert {_key(f) for f in reconcile(build())} == EXPECTED


def test_each_printed_figure_is_flagged_once_with_every_reason():
    flags = reconcile(build())
    assert len(flags) == len({f.where for f in flags}) == len(EXPECTED)
    typo = next(f for f in flags if f.where == "Not 5 Kortfristiga skulder 2020-12-31 Summa")
    assert "notens rader ger 1 440 243 kr" in typo.text and "BR 2020-12-31 Kortfristiga skulder" in typo.text
    cash_2020 = next(f for f in flags if f.where == "Kassaflödesanalys 2020 Årets kassaflöde")
    assert "likvida medel ändrades med −1 104 642 kr" in cash_2020.text


def test_the_flags_say_in_swedish_what_is_wrong_and_where():
    texts = {f.where: f.text for f in reconcile(build())}
    assert texts["Beslutad av styrelsen"] == (
        "Beslutad av styrelsen 2021-03-18: datumet ligger före räkenskapsårets slut 2021-12-31; en årsredovisning "
        "för 2021 beslutas år 2022 (senast 2022-03-31)."
    )
    assert texts["RR 2021 Årets resultat"].startswith(
        "RR 2021 Årets resultat: −65 327 kr, men balansräkningens förändring av eget kapital ger −65 628 kr"
    )
    assert "Femårsöversikt 2021 Årets resultat" in texts["RR 2021 Årets resultat"]
    assert texts["BR 2021-12-31 Summa omsättningstillgångar"] == (
        "BR 2021-12-31 Summa omsättningstillgångar: tryckt 4 277 470 kr, men raderna ger 4 277 471 kr "
        "(Fordringar 281 891 + Kassa och bank 3 995 580); skillnad −1 kr."
    )
    assert texts["Not 4 Fordringar 2021-12-31 Momsfordran"] == (
        "Not 4 Fordringar 2021-12-31 Momsfordran: ”133 84” är inget belopp; Summa förutsätter 133 086 kr."
    )


def test_the_corrected_copy_reconciles():
    assert reconcile(build(corrected())) == []


@pytest.mark.parametrize(
    ("change", "rule", "where"),
    [
        (lambda d: d["br"][2021].update(br_ovrigt_ek="2 082 947"), "summa", "BR 2021-12-31 Eget kapital"),
        (
            lambda d: d["kf"][2021].update(kf_likvida_ib="3 267 278"),
            "kassaflöde",
            "Kassaflödesanalys 2021 Årets kassaflöde",
        ),
        (
            lambda d: d["five_year"][2020].update(intakter="15 600 800"),
            "femår",
            "Femårsöversikt 2020 Verksamhetens intäkter",
        ),
        (lambda d: d.update(decided="2022-04-01"), "datum", "Beslutad av styrelsen"),
        (
            lambda d: d["br"][2020].update(br_kortfristiga="1 440 244", br_summa_ek_skulder="3 523 190"),
            "balans",
            "BR 2020-12-31 Summa eget kapital, avsättningar och skulder",
        ),
    ],
)
def test_one_krona_wrong_anywhere_is_one_flag(change, rule, where):
    data = corrected()
    change(data)
    flags = reconcile(build(data))
    assert [(f.rule, f.where) for f in flags][:1] == [(rule, where)]
    assert all(f.difference is None or abs(f.difference) <= 1 for f in flags)


def test_a_sign_flipped_avvikelse_is_named_as_such():
    data = corrected()
    row = list(data["drift"][1][2])
    row[4] = "-63"
    data["drift"][1] = (*data["drift"][1][:2], tuple(row))
    (flag,) = reconcile(build(data))
    assert flag.rule == "drift_avvikelse" and "omvänt tecken" in flag.text
