from datetime import date

import pytest

from finsam_desktop.domain.justering import model as dj


def test_paragraph_range_text():
    assert dj.paragraph_range_text(range(120, 147)) == "§ 120–146"
    assert dj.paragraph_range_text([7]) == "§ 7"
    assert dj.paragraph_range_text([3, 5, 4, 9]) == "§ 3–5, 9"
    assert dj.paragraph_range_text([]) == ""


def test_parse_paragraph_list():
    assert dj.parse_paragraph_list("132,134") == [132, 134]
    assert dj.parse_paragraph_list("§ 5, 7-9") == [5, 7, 8, 9]
    with pytest.raises(ValueError, match="inget paragrafnummer"):
        dj.parse_paragraph_list("5,x")
    with pytest.raises(ValueError, match="mindre än början"):
        dj.parse_paragraph_list("9-7")


def test_transitions_allow_only_the_forward_flow_and_reopen_from_klart():
    assert dj.transition_name(dj.UTKAST, dj.KLART) == "Klart för justering"
    assert dj.transition_name(dj.KLART, dj.UTKAST) == "Återöppnat för redigering"
    assert dj.transition_name(dj.JUSTERAT, dj.UTKAST) is None
    assert dj.transition_name(dj.ANSLAGET, dj.JUSTERAT) is None
    assert dj.is_immutable(dj.ANSLAGET) and not dj.is_immutable(dj.KLART)


def test_content_hash_is_canonical():
    a = {"b": [1, 2], "a": date(2022, 11, 25), "c": "åäö"}
    b = {"c": "åäö", "a": date(2022, 11, 25), "b": [1, 2]}
    assert dj.content_hash(a) == dj.content_hash(b)
    assert dj.content_hash(a) != dj.content_hash({**a, "c": "aao"})
    assert len(dj.content_hash(a)) == 64


@pytest.mark.parametrize("text", ["19121212-1212", "121212-1212", "201212121212", "121212+1212", "19121212 1212"])
def test_personnummer_masked(text):
    masked, n = dj.redact_personnummer(f"Deltagare {text} har beviljats.")
    assert n == 1 and text not in masked and "[personnummer maskerat]" in masked


def test_non_personnummer_left_alone():
    for text in ("2022-11-25", "709 000 kr", "Dnr 2022-0012", "tel 060-123456", "§ 120–146"):
        assert dj.redact_personnummer(text) == (text, 0)


def test_redact_names_whole_words_longest_first():
    text, n = dj.redact_names("Jonas Väst deltog inte. Jonas Västberg deltog.", ["Jonas Väst"])
    assert text == "[maskerat] deltog inte. Jonas Västberg deltog." and n == 1


def test_anslag_notice_dates_and_rows():
    n = dj.AnslagNotice(
        "Förbundet",
        "Styrelsen",
        date(2022, 11, 25),
        "§ 120–146",
        date(2022, 12, 5),
        date(2022, 12, 5),
        "Kansliet",
        "Helena Marklund",
    )
    assert n.sista_overklagandedag == date(2022, 12, 27)
    assert n.tas_ned_tidigast == date(2022, 12, 28) == n.tas_ned_printed
    seed = dj.AnslagNotice(
        "Förbundet",
        "Styrelsen",
        date(2022, 11, 25),
        "§ 120–146",
        date(2022, 12, 5),
        date(2022, 12, 5),
        "Kansliet",
        "Helena Marklund",
        style="sista_overklagandedag",
    )
    assert seed.tas_ned_printed == date(2022, 12, 27)
    assert seed.tas_ned_tidigast == date(2022, 12, 28)  # the app never offers a day inside the period
    labels = [label for label, _ in n.rows()]
    assert labels[:3] == ["Avser sammanträde med", "Sammanträdesdatum", "Paragrafer"]
