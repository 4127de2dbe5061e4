"""The Årsredovisning tab on the demo förbund (issue 15): the stored years with the adopted one marked, SIE import
(a refused file changes nothing), the förvaltningsberättelse and the kontoplan edited and saved, the flags of a year
with typed figures that do not add up, the PDF export, and an adopted year read-only."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QUndoGroup
from PySide6.QtWidgets import QFileDialog, QMessageBox

from finsam_desktop.domain.arsredovisning.sie_generate import generate_year
from finsam_desktop.services.demo.core import FORBUND
from finsam_desktop.ui.arsredovisning import create_tab
from finsam_desktop.ui.context import UiContext
from finsam_desktop.ui.events import AppEvents

UNBALANCED = (
    b'#FLAGGA 0\n#SIETYP 4\n#RAR 0 20200101 20201231\n#KONTO 1930 Bank\n#KONTO 3010 Int\n#VER A 1 20200105 "x"\n'
    b"{\n#TRANS 1930 {} 100\n#TRANS 3010 {} -90\n}\n"
)


@pytest.fixture
def messages(monkeypatch):
    shown: list[tuple[str, str, str]] = []
    for kind in ("information", "warning"):
        monkeypatch.setattr(
            QMessageBox, kind, lambda _p, title, text, *a, _k=kind, **k: shown.append((_k, title, text))
        )
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    return shown


@pytest.fixture
def tab(qtbot, demo_services, messages):
    widget = create_tab(UiContext(demo_services, AppEvents(), QUndoGroup()))
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    return widget


def _years(tab) -> list[int]:
    return [y.year for y in tab.books.model.rows]


def _choose(tab, year: int) -> None:
    tab.year_box.setCurrentIndex(tab.year_box.findData(year))


def test_years_table_shows_the_demo_years_with_the_adopted_one_marked(tab):
    assert _years(tab) == [2021, 2022, 2023, 2024, 2025, 2026]  # 2026: the books to date, for the delårsrapport
    model = tab.books.model
    status = [model.index(r, 2).data() for r in range(model.rowCount())]
    assert status[:4] + status[5:] == ["utkast"] * 5
    assert status[4].startswith("fastställd ") and "§" in status[4]
    assert tab.year() == 2026  # the latest year is chosen
    assert tab.tabs.accessibleName() and all(tab.tabs.widget(i).accessibleName() for i in range(4))
    assert tab.books.view.accessibleDescription()


def test_importing_an_sie_file_adds_the_year(tab, tmp_path, monkeypatch, messages):
    path = tmp_path / "bok-2020.se"
    path.write_bytes(generate_year(2020, 60, seed=3, forbund=(FORBUND["namn"], FORBUND["orgnr"])))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    tab.books.import_btn.click()
    assert _years(tab) == [2020, 2021, 2022, 2023, 2024, 2025, 2026]
    assert tab.year() == 2020
    assert messages[-1][:2] == ("information", "SIE-fil importerad")
    assert "Bokföringen för 2020 importerad från bok-2020.se" in messages[-1][2]


def test_a_refused_sie_file_shows_its_lines_and_changes_nothing(tab, tmp_path, monkeypatch, messages):
    path = tmp_path / "fel.se"
    path.write_bytes(UNBALANCED)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    tab.books.import_btn.click()
    kind, title, text = messages[-1]
    assert (kind, title) == ("warning", "Filen importerades inte")
    assert "Rad 6" in text and "Inget har sparats" in text
    assert _years(tab) == [2021, 2022, 2023, 2024, 2025, 2026]


def test_a_sections_text_is_saved_and_can_be_undone(tab, demo_services):
    _choose(tab, 2024)
    page = tab.texts
    page.list.setCurrentRow(4)  # Personal
    old = page.editor.toPlainText()
    page.editor.setPlainText("Förbundet har två anställda på kansliet.")
    page.save_btn.click()
    stored = {t.key: t.body for t in demo_services.arsredovisning.texts.sections(2024)}
    assert stored["personal"] == "Förbundet har två anställda på kansliet."
    tab.undo_stack.undo()
    stored = {t.key: t.body for t in demo_services.arsredovisning.texts.sections(2024)}
    assert stored["personal"] == old.strip()


def test_the_mapping_is_saved_and_unmapped_accounts_are_listed(tab, demo_services):
    _choose(tab, 2024)
    page = tab.mapping
    assert page.model.rowCount() == 0
    text = page.editor.toPlainText()
    assert "19 = br_kassa_bank" in text
    page.editor.setPlainText(text.replace("19 = br_kassa_bank\n", ""))
    page.save_btn.click()
    assert "br_kassa_bank" not in demo_services.arsredovisning.mapping.text()
    konton = [page.model.index(r, 0).data() for r in range(page.model.rowCount())]
    assert konton and all(k.startswith("19") for k in konton)
    assert "saknar rad" in page.unmapped_label.text()
    tab.mapping.bas_btn.click()  # back to the standard the demo books use (BAS): everything mapped again
    assert page.model.rowCount() == 0


def test_documents_lists_the_flags_of_typed_figures_and_exports_a_pdf(tab, demo_services, tmp_path, monkeypatch):
    demo_services.arsredovisning.books.enter_balances(2019, "1930;100000\n2010;-50000\n3010;-80000\n5010;20000")
    tab.reload(select=2019)
    page = tab.documents
    rules = [page.model.index(r, 0).data() for r in range(page.model.rowCount())]
    assert rules == ["balans", "kassaflöde"]
    assert page.model.index(0, 4).data() == "10 000"
    assert "2 siffror stämmer inte" in page.summary.text()
    _choose(tab, 2024)
    assert page.model.rowCount() == 0
    assert "Alla summor stämmer" in page.summary.text()
    target = tmp_path / "ar-2024.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    page.pdf_btn.click()
    assert target.read_bytes().startswith(b"%PDF")


def test_an_adopted_year_is_read_only(tab, messages):
    _choose(tab, 2025)
    assert tab.texts.editor.isReadOnly()
    assert not tab.texts.save_btn.isEnabled() and not tab.texts.prefill_btn.isEnabled()
    assert not tab.documents.adopt_btn.isEnabled() and not tab.books.staff_btn.isEnabled()
    assert "låsta" in tab.texts.note.text()
    tab.books.delete_btn.click()
    kind, _title, text = messages[-1]
    assert kind == "warning" and "fastställd" in text
    assert 2025 in _years(tab)
    _choose(tab, 2024)
    assert not tab.texts.editor.isReadOnly() and tab.documents.adopt_btn.isEnabled()


def test_choosing_another_section_saves_the_edited_one(tab, demo_services):
    _choose(tab, 2024)
    page = tab.texts
    page.list.setCurrentRow(5)  # Förväntad utveckling
    page.editor.setPlainText("Verksamheten växer 2025.")
    page.editor.document().setModified(True)
    page.list.setCurrentRow(0)
    stored = {t.key: t.body for t in demo_services.arsredovisning.texts.sections(2024)}
    assert stored["forvantad_utveckling"] == "Verksamheten växer 2025."
    assert page.editor.toPlainText().startswith("Samordningsförbundet Exempelbygden")


def test_a_wrong_mapping_line_is_refused_and_kept_in_the_editor(tab, demo_services, messages):
    before = demo_services.arsredovisning.mapping.text()
    tab.mapping.editor.setPlainText(before + "\nxx = nonsens\n")
    tab.mapping.editor.document().setModified(True)
    tab.mapping.save_btn.click()
    kind, _title, text = messages[-1]
    assert kind == "warning" and "xx" in text
    assert demo_services.arsredovisning.mapping.text() == before
    assert "nonsens" in tab.mapping.editor.toPlainText()


def test_balances_are_pasted_in_a_dialog(tab, monkeypatch, messages):
    from finsam_desktop.ui.arsredovisning import books_page

    def fill(dlg):
        dlg.year.setValue(2019)
        dlg.closing.setPlainText("1930;100000\n2010;-60000\n3010;-80000\n5010;40000")
        dlg.accept()
        return dlg.result()

    monkeypatch.setattr(books_page.BalancesDialog, "exec", fill)
    tab.books.balances_btn.click()
    assert _years(tab)[0] == 2019 and tab.year() == 2019
    assert messages[-1][2] == "Saldon för 2019: 4 konton."
    assert "årsredovisningen 2019" in tab.documents.summary.text()


def test_the_year_is_adopted_at_a_styrelse_paragraph(tab, monkeypatch, messages):
    from finsam_desktop.ui.arsredovisning import documents_page

    _choose(tab, 2024)
    monkeypatch.setattr(documents_page.AdoptDialog, "exec", lambda dlg: dlg.paragraph.count() > 0)
    tab.documents.adopt_btn.click()
    assert messages[-1][1] == "Årsredovisningen fastställd"
    assert tab.summary().adopted and "§" in tab.summary().adopted_text
    assert tab.texts.editor.isReadOnly()


def test_a_delarsrapport_is_saved_as_word(tab, tmp_path, monkeypatch):
    from finsam_desktop.ui.arsredovisning import documents_page

    def choose(dlg):
        dlg.kind.setCurrentIndex(dlg.kind.findData("docx"))
        return True

    monkeypatch.setattr(documents_page.InterimDialog, "exec", choose)
    target = tmp_path / "delar.docx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    _choose(tab, 2024)
    tab.documents.interim_btn.click()
    assert target.read_bytes().startswith(b"PK")


def test_the_adoption_dialog_offers_the_paragraph_of_the_years_arsredovisning(qtbot):
    from finsam_desktop.ui.arsredovisning.dialogs import AdoptDialog

    paragraphs = [
        (3, "Styrelsen 2026-03-13 § 15 Årsredovisning 2025"),
        (2, "Styrelsen 2025-03-14 § 9 Årsredovisning 2024"),
    ]
    dlg = AdoptDialog(2024, [(1, "Styrelsen 2026-05-01 § 20 Sammanträdet öppnas"), *paragraphs])
    qtbot.addWidget(dlg)
    assert dlg.item_id() == 2
    empty = AdoptDialog(2024, [])
    qtbot.addWidget(empty)
    assert empty.item_id() is None


def test_the_pdf_of_an_adopted_year_is_the_stored_document_and_a_draft_is_rendered(tab, tmp_path, monkeypatch):
    stored = tab.ar.documents.adopted_document(2025)
    assert stored is not None
    target = tmp_path / "ar.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    monkeypatch.setattr(
        "finsam_desktop.ui.arsredovisning.documents_page.arsredovisning_pdf", lambda *a, **k: b"%PDF ny"
    )
    _choose(tab, 2025)
    tab.documents.pdf_btn.click()
    assert target.read_bytes() == stored.data  # fastställd: the adopted bytes, not today's rendering
    _choose(tab, 2024)
    tab.documents.pdf_btn.click()
    assert target.read_bytes() == b"%PDF ny"  # a draft year is rendered now


def test_deltagarfloden_are_typed_for_a_year_without_statistics_and_undone(tab, monkeypatch):
    from finsam_desktop.ui.arsredovisning import flows_page

    _choose(tab, 2023)
    tab.tabs.setCurrentWidget(tab.flows)
    page = tab.flows
    assert page.edit_btn.isEnabled()
    assert "Inmatade per insats" in page.source.text()
    first = page.model.rows[0]

    def type_counts(dlg):
        dlg.insats.setCurrentIndex(dlg.insats.findText(first.insats))
        assert dlg.counts["inskrivna"].value() == first.inskrivna  # the stored figures are filled in
        dlg.counts["inskrivna"].setValue(first.inskrivna + 5)
        dlg.reasons["Arbete"].setValue(2)
        return True

    monkeypatch.setattr(flows_page.FlowDialog, "exec", type_counts)
    page.edit_btn.click()
    row = next(f for f in page.model.rows if f.insats == first.insats)
    assert row.inskrivna == first.inskrivna + 5 and dict(row.avslut)["Arbete"] == 2
    tab.undo_stack.undo()
    row = next(f for f in page.model.rows if f.insats == first.insats)
    assert row.inskrivna == first.inskrivna
    _choose(tab, 2025)
    assert not page.edit_btn.isEnabled() and "fastställdes" in page.source.text()
    # 2024 has Verksamhet's deltagare statistics: they are its flows, corrected there, not typed here.
    _choose(tab, 2024)
    assert not page.edit_btn.isEnabled() and "Verksamhets deltagarstatistik" in page.source.text()
    assert "Steget vidare – arbetsträning i Sjöbacka" in {f.insats for f in page.model.rows}
