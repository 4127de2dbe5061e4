"""The parser of historical protocols against fixtures F1/F2 (seed 004): every § number and heading, the
attendance lists, officers, anslag dates, jäv and bilaga references; and what it lists when it cannot place text."""

from __future__ import annotations

import pytest

from finsam_desktop.domain.sammantraden.protocol_parser import grouped, is_initials, parse_protocols
from tests.fixtures.protokoll_f1_f2 import F1, F2, SEED_TEXT, title_matches


@pytest.fixture(scope="module")
def parsed():
    return parse_protocols(SEED_TEXT.read_text(encoding="utf-8"))


def _by_date(parsed, day):
    return next(p for p in parsed.protocols if p.datum == day)


def test_the_packet_splits_into_its_two_meetings(parsed):
    assert [p.datum for p in parsed.protocols] == [F2["date"], F1["date"]]
    assert parsed.problems == []


@pytest.mark.parametrize("fixture", [F1, F2], ids=["F1", "F2"])
def test_header_officers_and_anslag(parsed, fixture):
    p = _by_date(parsed, fixture["date"])
    assert p.plats == fixture["place"]
    assert p.paragraph_range == fixture["range"]
    assert p.ordforande == fixture["ordforande"]
    assert p.sekreterare == fixture["sekreterare"]
    assert p.justerare == fixture["justerare"]
    assert (p.justeringsdatum, p.anslagsdatum, p.anslag_ned_tidigast) == (
        fixture["justeringsdatum"],
        fixture["anslagsdatum"],
        fixture["ned_tidigast"],
    )
    assert p.forbund == "Samordningsförbundet i Sundsvall"


@pytest.mark.parametrize("fixture", [F1, F2], ids=["F1", "F2"])
def test_every_paragraph_number_heading_and_bilaga_reference(parsed, fixture):
    p = _by_date(parsed, fixture["date"])
    assert [x.nummer for x in p.paragraphs] == [n for n, _t, _b in fixture["paragraphs"]]
    for par, (n, title, bilagor) in zip(p.paragraphs, fixture["paragraphs"], strict=True):
        assert title_matches(title, par.rubrik), (n, par.rubrik)
        assert par.bilagor == [str(b) for b in bilagor], n
    assert [x.nummer for x in p.paragraphs if x.struken] == fixture["struck"]


@pytest.mark.parametrize("fixture", [F1, F2], ids=["F1", "F2"])
def test_attendance_lists_with_organisation_and_partial_presence(parsed, fixture):
    p = _by_date(parsed, fixture["date"])
    for roll in ("ordinarie", "tjanstgorande", "ersattare", "ovrig"):
        got = [(a.namn, a.organisation) for a in p.attendance if a.roll == roll]
        assert got == fixture["attendance"].get(roll, []), roll
    partial = {a.namn: (a.from_paragraph, a.to_paragraph) for a in p.attendance if a.from_paragraph}
    assert partial == fixture["partial"]


@pytest.mark.parametrize("fixture", [F1, F2], ids=["F1", "F2"])
def test_jav_notes(parsed, fixture):
    p = _by_date(parsed, fixture["date"])
    kinds = {
        "deltog inte i beslutet": "deltog_inte_i_beslutet",
        "deltog inte i diskussionen": "deltog_inte_i_diskussionen",
    }
    got = {x.nummer: [(n, kinds[k]) for n, k in x.jav] for x in p.paragraphs if x.jav}
    assert got == fixture["jav"]


def test_decisions_are_att_satser_and_ovriga_fragor_keeps_three_delpunkter(parsed):
    p = _by_date(parsed, F2["date"])
    by_n = {x.nummer: x for x in p.paragraphs}
    assert len(by_n[132].att_satser) == 3 and by_n[132].att_satser[0].startswith("Att bevilja medel med 709 000 kr")
    assert len(by_n[137].att_satser) == 2  # no "Styrelsen beslutade" heading, still att-satser
    assert [len(atts) for _r, _t, atts in by_n[145].parts] == [1, 2, 1]
    assert by_n[143].att_satser == [] and "NNS" in by_n[143].text


def test_scanner_notes_and_the_bilagor_after_the_protocol_are_listed_not_dropped(parsed):
    lines = {u.line: u for u in parsed.unplaced}
    assert "Handwritten" in lines[146].text and "§ 124" in lines[146].why
    assert lines[178].text == "an PPL 3"
    assert lines[742].text == "av f. k."
    assert lines[748].text.startswith("Plan för intern styrning")
    # No § text contains the scanner's notes.
    assert not any("Handwritten" in x.text for p in parsed.protocols for x in p.paragraphs)
    summary = grouped(parsed.unplaced)
    assert any(s.startswith("rad 742–") and "efter protokollets sista §" in s for s in summary)


def test_initials_are_told_from_sub_headings():
    assert is_initials("AD K LK") and is_initials("av f. k.") and is_initials("af *mk*")
    assert not is_initials("BIP i Sundsvall") and not is_initials("Finsam") and not is_initials("2023-2025")


def test_garbled_text_gives_problems_and_the_lines_it_could_not_place():
    result = parse_protocols("xx§§ 12 ¤¤\nlorem ipsum\n\n%%%\n")
    assert result.protocols == []
    assert result.problems and "Sammanträdesprotokoll" in result.problems[0]
    assert [u.line for u in result.unplaced] == [1, 2, 4]


def test_a_broken_series_and_a_missing_date_are_problems():
    text = (
        "Sammanträdesprotokoll från styrelsemöte\nPlats: Rum 1\nProtokollet omfattar § 1 - 4\n"
        "§ 1 Sammanträdet öppnas\nText.\n§ 3 Sammanträdet avslutas\nSlut.\n"
    )
    (p,) = parse_protocols(text).protocols
    assert any("datum" in m for m in p.problems)
    assert any("§ 3 följer på § 1" in m for m in p.problems)
    assert any("omfatta § 1–4" in m for m in p.problems)


def test_cr_line_ends_and_a_time_in_the_header():
    text = "Sammanträdesprotokoll\rSammanträdesdatum: 2024-02-02\rTid: kl. 09.00-12.00\r§ 1 Öppnas\rText\r"
    (p,) = parse_protocols(text).protocols
    assert (p.datum.isoformat(), p.starttid, p.sluttid) == ("2024-02-02", "09:00", "12:00")
    assert [x.rubrik for x in p.paragraphs] == ["Öppnas"]


def test_jav_for_someone_not_present_is_listed():
    text = (
        "Sammanträdesprotokoll\nSammanträdesdatum: 2024-02-02\nNärvarande ordinarie ledamöter\n"
        "Anna Berg\tRegion X\n§ 1 Ansökan\nKalle Ek deltog inte i beslutet. Anna Berg deltog inte i diskussionen.\n"
    )
    result = parse_protocols(text)
    assert result.protocols[0].paragraphs[0].jav == [
        ("Kalle Ek", "deltog inte i beslutet"),
        ("Anna Berg", "deltog inte i diskussionen"),
    ]
    assert [u.why for u in result.unplaced] == ["jäv i § 1: personen finns inte bland närvarande"]
