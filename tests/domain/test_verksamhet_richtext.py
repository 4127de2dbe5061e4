"""Syfte/Mål markup: paragraphs, bullet lists and bold, with a plain-text fallback."""

from __future__ import annotations

import pytest

from finsam_desktop.domain.common.errors import ValidationError
from finsam_desktop.domain.verksamhet.insats import InsatsTyp, Malgrupp, typ_of
from finsam_desktop.domain.verksamhet.richtext import BulletList, Paragraph, Run, parse, plain_text, validate
from tests.fixtures.verksamhet_seed000 import MAL_MIA


def test_paragraphs_bullets_and_bold():
    blocks = parse("Första stycket\nfortsätter.\n\n- ett **40** individer\n- två\nSista.")
    assert blocks == (
        Paragraph((Run("Första stycket fortsätter."),)),
        BulletList(((Run("ett "), Run("40", bold=True), Run(" individer")), (Run("två"),))),
        Paragraph((Run("Sista."),)),
    )


def test_plain_text_drops_markup_and_keeps_bullets():
    text = plain_text(MAL_MIA)
    assert "**" not in text
    assert "• Teamet: 40 individer" in text.splitlines()


def test_unclosed_bold_is_refused_with_the_field_name():
    with pytest.raises(ValidationError, match=r"Mål: fetstil \(\*\*\) öppnas men stängs inte"):
        validate("minst **200 personer", "Mål")


def test_validate_normalises_line_endings_and_trailing_space():
    assert validate("  a  \r\n\r\n- b  \n") == "a\n\n- b"


def test_type_is_budget_line_class_plus_samverkan_flag():
    assert InsatsTyp.STOD_FOR_SAMVERKAN.line_class.value == "strukturell"
    assert typ_of("strukturell", True) is InsatsTyp.STOD_FOR_SAMVERKAN
    assert typ_of("strukturell", False) is InsatsTyp.STRUKTURELL
    assert typ_of("individinriktad", True) is InsatsTyp.INDIVIDINRIKTAD
    assert typ_of("administration", False) is None


def test_malgrupp_age_range_is_checked():
    with pytest.raises(ValidationError, match="lägre än åldern från"):
        Malgrupp(64, 16).validate()
    assert Malgrupp(16, 29, ("Sollentuna",), ("Unga vuxna (16–29 år)",)).summary == (
        "16–29 år; boende i Sollentuna; Unga vuxna (16–29 år)"
    )
