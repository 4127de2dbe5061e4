"""The Verksamhet tab's Lägesrapport page on the demo förbund (issue 16): the period chosen (a quarter, a half year,
the year, or dates typed) changes what the preview says the report will contain; the insats of the per-member table
can be chosen; the masking box is the förbund's setting and changes the counts shown; a period that ends before it
begins is explained and cannot be exported; the export writes the PDF and the Word file."""

from __future__ import annotations

import io
import zipfile
from datetime import date

import pytest
from pypdf import PdfReader
from PySide6.QtGui import QUndoGroup
from PySide6.QtWidgets import QFileDialog, QMessageBox

from finsam_desktop.ui.context import UiContext
from finsam_desktop.ui.events import AppEvents
from finsam_desktop.ui.verksamhet import create_tab
from finsam_desktop.ui.widgets.background import wait_for_background


@pytest.fixture
def messages(monkeypatch):
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, title, text, *a, **k: shown.append((title, text)))
    return shown


@pytest.fixture
def tab(qtbot, demo_services, messages):
    widget = create_tab(UiContext(demo_services, AppEvents(), QUndoGroup()))
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    widget.show()
    widget.tabs.setCurrentWidget(widget.lagesrapport)
    return widget


def _choose(page, text: str) -> None:
    page.period.setCurrentIndex(page.period.findText(text))


def _preview(page) -> str:
    return page.preview.toPlainText()


def test_the_latest_ended_quarter_is_chosen_and_previewed(tab):
    page = tab.lagesrapport
    # Today is 2026-11-18 in the tests: the third quarter is the latest that has ended.
    assert page.period.currentText() == "Kvartal 3"
    assert (page.fran.value(), page.per.value()) == (date(2026, 7, 1), date(2026, 9, 30))
    text = _preview(page)
    assert text.startswith("Lägesrapport Q3 2026")
    assert "Personer som erbjuds insatser" in text and "≥ 240 (190)" in text  # goals, target (actual)
    assert "17/9 Arbetsgrupp rehabiliteringskedjan (10 deltagare)" in text
    assert "Lägesrapport per medlem" in text and "Ådalens kommun 44%" in text
    assert "Summa kostnader" in text and "6 878,55" in text  # ekonomi totals in tkr
    assert page.pdf_btn.isEnabled() and page.docx_btn.isEnabled()


def test_the_period_choice_changes_the_preview(tab):
    page = tab.lagesrapport
    _choose(page, "Kvartal 1")
    assert (page.fran.value(), page.per.value()) == (date(2026, 1, 1), date(2026, 3, 31))
    text = _preview(page)
    assert text.startswith("Lägesrapport Q1 2026")
    assert "12/2 Frukostseminarium: Psykisk ohälsa och arbete" in text and "17/9" not in text.split("Planerade")[0]
    _choose(page, "Halvår 2")
    assert page.fran.value() == date(2026, 7, 1) and page.per.value() == date(2026, 12, 31)
    assert _preview(page).startswith("Lägesrapport Andra halvåret 2026")
    _choose(page, "Helår")
    text = _preview(page)
    assert text.startswith("Lägesrapport Helår 2026") and "6/5 Samverkansforum" in text
    # A date typed by hand makes it a free range, reported per its last day.
    page.fran.set_value(date(2026, 3, 1))
    page.per.set_value(date(2026, 5, 31))
    assert page.period.currentText() == "Eget datumintervall"
    text = _preview(page)
    assert text.startswith("Lägesrapport 2026-03-01 – 2026-05-31")
    assert "6/5 Samverkansforum" in text and "12/2" not in text
    # Typing exactly a quarter's dates names it again.
    page.fran.set_value(date(2026, 4, 1))
    page.per.set_value(date(2026, 6, 30))
    assert page.period.currentText() == "Kvartal 2"


def test_another_year_gives_that_years_periods(tab):
    tab.year_box.setCurrentIndex(tab.year_box.findData(2025))
    page = tab.lagesrapport
    assert page.period.currentText() == "Helår"  # a past year: the whole of it
    assert (page.fran.value(), page.per.value()) == (date(2025, 1, 1), date(2025, 12, 31))
    assert _preview(page).startswith("Lägesrapport Helår 2025")


def test_the_insats_of_the_member_table_can_be_chosen(tab):
    page = tab.lagesrapport
    assert "Individinsats i tabellen: Myndighetsgemensamt team." in _preview(page)
    page.insats.setCurrentIndex(page.insats.findText("IPS – arbetslivsinriktad rehabilitering"))
    text = _preview(page)
    assert "Individinsats i tabellen: IPS – arbetslivsinriktad rehabilitering." in text
    assert "Inskrivna deltagare per medlem i IPS – arbetslivsinriktad rehabilitering" in text


def test_the_masking_box_is_the_forbunds_setting_and_changes_the_counts(tab, demo_services):
    page = tab.lagesrapport
    _choose(page, "Kvartal 1")
    assert page.masking.isChecked() and demo_services.verksamhet.deltagare.masking_enabled()
    assert "Antal 1–4 skrivs som <5." in _preview(page)
    page.masking.click()
    assert not demo_services.verksamhet.deltagare.masking_enabled()
    assert not tab.deltagare.masking.isChecked()  # the Deltagare page shows the same setting
    text = _preview(page)
    assert "<5" not in text
    assert page.period.currentText() == "Kvartal 1"  # the choice is kept


def test_a_period_that_ends_before_it_begins_is_explained_and_not_exported(tab):
    page = tab.lagesrapport
    page.fran.set_value(date(2026, 10, 1))
    page.per.set_value(date(2026, 9, 1))
    assert "periodens början ligger efter dess slut" in _preview(page)
    assert not page.pdf_btn.isEnabled() and not page.docx_btn.isEnabled()


def test_the_export_writes_the_pdf_and_the_word_file(tab, tmp_path, monkeypatch, messages):
    page = tab.lagesrapport
    asked = []

    def save_as(_parent, _title, suggested, _filter):
        asked.append(suggested)
        return str(tmp_path / ("rapport" if suggested.endswith(".pdf") else "rapport.docx")), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    page.pdf_btn.click()
    assert wait_for_background(60_000)
    page.docx_btn.click()
    assert wait_for_background(60_000)
    assert asked == ["Lagesrapport-2026-07-01-2026-09-30.pdf", "Lagesrapport-2026-07-01-2026-09-30.docx"]
    assert messages == []
    pdf = (tmp_path / "rapport.pdf").read_bytes()  # the suffix is added when the name has none
    assert pdf.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(pdf))
    assert "Lägesrapport Q3 2026" in reader.metadata.title
    with zipfile.ZipFile(tmp_path / "rapport.docx") as docx:
        xml = docx.read("word/document.xml").decode()
    assert "Lägesrapport Q3 2026" in xml and "Myndighetsgemensamt team" in xml
