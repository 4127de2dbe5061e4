"""What a masked name covers in a publication copy (finsam_desktop.domain.justering.redaction)."""

from __future__ import annotations

import pytest

from finsam_desktop.domain.justering.redaction import NameMask, masked_names_text

MASK = NameMask(["Tobias Rönn", "  tobias   rönn ", "Anna af Klint"])


def test_names_are_cleaned_and_deduplicated():
    assert MASK.names == ("Tobias Rönn", "Anna af Klint")
    assert not NameMask(["", "  "])


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("Tobias Rönn föredrog.", "[maskerat] föredrog."),
        ("TOBIAS RÖNN", "[maskerat]"),
        ("tobias\nrönn", "[maskerat]"),
        ("Tobias\u00a0Rönn", "[maskerat]"),
        ("Tobias Rönns förslag", "[maskerat] förslag"),
        ("Rönn, Tobias", "[maskerat]"),
        ("Rönn föredrog. RÖNN", "[maskerat] föredrog. [maskerat]"),
        ("Anna af Klint och Klints", "[maskerat] och [maskerat]"),
    ],
)
def test_full_name_and_surname_are_masked(text, masked):
    assert MASK.mask(text)[0] == masked


@pytest.mark.parametrize("text", ["rönn är ett träd", "Tobias Ek", "Rönnberg", "Anna Lind", "af"])
def test_other_words_and_names_stay(text):
    assert MASK.mask(text) == (text, 0)


def test_the_check_of_a_finished_copy_sees_full_names_across_line_breaks():
    assert MASK.full_names_in("x Tobias\n Rönn y") == ["Tobias Rönn"]
    assert MASK.full_names_in("Rönn") == []
    assert MASK.names_in("RÖNN") == {"Tobias Rönn"}


def test_the_count_text():
    assert masked_names_text(1, 7, 0) == "1 namn maskerat på 7 ställen"
    assert masked_names_text(1, 0, 1) == "namnet att maskera förekom inte"
    assert masked_names_text(3, 1, 1) == "3 namn maskerade på 1 ställe (ett av namnen förekom inte)"
