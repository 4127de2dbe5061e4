"""The Verksamhetsplan page of the Verksamhet tab on the demo förbund (issue 16): a year without a plan explains it
and creates one from a template (undoable); the sections numbered as the document numbers them; a text section
edited, renamed and undone; bad markup refused in Swedish; the activity rows edited as a table; a generated
section's preview; sections added and removed (undoable); the check's flags; the adoption at a styrelse § (then
read-only, the PDF the stored one) and next year's plan as a copy; every key its own on the page."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QUndoGroup
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFileDialog,
    QLineEdit,
    QMessageBox,
    QTreeWidgetItemIterator,
)

from finsam_desktop.domain.verksamhet.plan import SectionKind, Template
from finsam_desktop.ui.context import UiContext
from finsam_desktop.ui.events import AppEvents
from finsam_desktop.ui.verksamhet import create_tab, plan_editor, plan_page
from finsam_desktop.ui.verksamhet.plan_editor import KEY_ROLE
from finsam_desktop.ui.widgets.background import wait_for_background
from tests.fixtures import verksamhetsplan_f1 as f1


@pytest.fixture
def messages(monkeypatch):
    shown: list[tuple[str, str, str]] = []
    for kind in ("information", "warning"):
        monkeypatch.setattr(
            QMessageBox, kind, lambda _p, title, text, *a, _k=kind, **k: shown.append((_k, title, text))
        )
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    return shown


def _open(qtbot, services):
    tab = create_tab(UiContext(services, AppEvents(), QUndoGroup()))
    qtbot.addWidget(tab)
    tab.resize(1280, 800)
    tab.show()
    tab.tabs.setCurrentWidget(tab.plan)
    QApplication.processEvents()
    return tab


@pytest.fixture
def tab(qtbot, demo_services, messages):
    return _open(qtbot, demo_services)


def _tree(page) -> list[tuple[str, str, str]]:
    out = []
    it = QTreeWidgetItemIterator(page.editor.tree)
    while it.value():
        item = it.value()
        out.append((item.text(0), item.text(1), item.text(2)))
        it += 1
    return out


def _select(page, key: str) -> None:
    it = QTreeWidgetItemIterator(page.editor.tree)
    while it.value():
        if it.value().data(0, KEY_ROLE) == key:
            page.editor.tree.setCurrentItem(it.value())
            return
        it += 1
    raise AssertionError(f"inget avsnitt {key}")


def _cells(table) -> list[list[str]]:
    return [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(table.rowCount())]


def test_a_year_without_a_plan_explains_it_and_creates_one_from_a_template_undoably(
    qtbot, demo_services, messages, monkeypatch
):
    demo_services.verksamhet.plan.delete_plan(2026)
    tab = _open(qtbot, demo_services)
    page = tab.plan
    assert page.stack.currentWidget() is page.empty
    assert "Ingen verksamhetsplan för 2026" in page.status.text()
    assert "kopia av förra årets plan" in page.explanation.text()
    assert page.create_btn.isVisible() and not page.pdf_btn.isVisible() and not page.adopt_btn.isVisible()
    seen = {}

    def choose(dlg):
        seen["copy_enabled"] = dlg.copy.isEnabled()
        dlg.mall.setCurrentIndex(dlg.mall.findData(Template.SEED001))
        dlg.accept()
        return 1

    monkeypatch.setattr(plan_page.CreatePlanDialog, "exec", choose)
    page.create_btn.click()
    assert seen["copy_enabled"] is False  # no plan for 2025 to copy
    assert page.stack.currentWidget() is page.editor
    assert "Verksamhetsplan 2026 med budgetram 2026–2028" in page.status.text()
    assert "utkast" in page.status.text() and "planår 2026–2028" in page.status.text()
    assert _tree(page)[:3] == [
        ("1", "Inledning", "Text"),
        ("2", "Uppdrag", "Text"),
        ("2.1", "Vision och övergripande mål", "Mål och indikatorer"),
    ]
    tab.undo_stack.undo()
    assert demo_services.verksamhet.plan.plan(2026) is None
    assert page.stack.currentWidget() is page.empty
    tab.undo_stack.redo()
    assert demo_services.verksamhet.plan.get(2026).mall is Template.SEED001


def test_the_sections_are_numbered_as_the_document_numbers_them(tab):
    rows = _tree(tab.plan)
    assert rows[0] == ("", "Förord", "Text")
    assert ("3.1", "Strukturella insatser – syfte", "Text") in rows
    assert ("5.1", "Strukturella insatser", "Aktivitetstabell") in rows
    assert ("7", "Budgetplan 2026 med prognos för 2027 och 2028", "Budget") in rows
    assert rows[-1] == ("Bilaga 2", "Riskanalys 2026 och 2027", "Riskanalys · bilaga")
    assert "Verksamhetsplan och budget 2026" in tab.plan.status.text()
    assert not tab.plan.flags.isVisible()  # the demo's plan adds up


def test_a_text_section_is_edited_renamed_and_undone(tab, demo_services):
    page, ed = tab.plan, tab.plan.editor
    plan = demo_services.verksamhet.plan
    _select(page, "forord")
    before = plan.get(2026).section("forord").body
    assert ed.text.toPlainText() == before and not ed.text.isReadOnly()
    ed.text.setPlainText("Planen i korthet:\n- **tre** insatser\n- en budget")
    ed.heading.setText("Förord av ordföranden")
    ed.save_btn.click()
    saved = plan.get(2026).section("forord")
    assert saved.body == "Planen i korthet:\n- **tre** insatser\n- en budget"
    assert ("", "Förord av ordföranden", "Text") in _tree(page)
    assert ed.text.toPlainText() == saved.body  # still the section shown
    tab.undo_stack.undo()
    assert plan.get(2026).section("forord").body == before
    assert ed.text.toPlainText() == before and ed.heading.text() == "Förord"
    assert ("", "Förord", "Text") in _tree(page)


def test_unclosed_bold_is_refused_in_swedish_and_nothing_is_saved(tab, demo_services, messages):
    _select(tab.plan, "forord")
    before = demo_services.verksamhet.plan.get(2026).section("forord").body
    tab.plan.editor.text.setPlainText("Ett **öppet stycke")
    tab.plan.editor.save_btn.click()
    assert any(kind == "warning" and "fetstil (**) öppnas men stängs inte" in text for kind, _t, text in messages)
    assert demo_services.verksamhet.plan.get(2026).section("forord").body == before
    assert tab.undo_stack.count() == 0


def test_reset_to_proposal_puts_back_what_the_data_suggests_and_undo_keeps_the_own_text(tab, demo_services):
    plan = demo_services.verksamhet.plan
    plan.save_section(2026, "malgrupper", "Egen text.")
    tab.load_year()
    _select(tab.plan, "malgrupper")
    tab.plan.editor.reset_btn.click()
    assert tab.plan.editor.text.toPlainText() == plan.proposal(2026, "malgrupper") != "Egen text."
    tab.undo_stack.undo()
    assert tab.plan.editor.text.toPlainText() == "Egen text."


def test_the_activity_rows_are_edited_as_a_table_and_undone(tab, demo_services, messages):
    page, ed = tab.plan, tab.plan.editor
    plan = demo_services.verksamhet.plan
    _select(page, "strukturella")
    assert ed.lower.currentIndex() == 1 and ed.table.isVisible()
    headers = [ed.table.horizontalHeaderItem(c).text() for c in range(ed.table.columnCount())]
    assert headers == ["Vad", "Vem ansvarar", "Tillfällena", "Hur", "För vem"]
    before = _cells(ed.table)
    assert before[0] == ["Frukostseminarier", "Förbundschef", "4", "Digitala möten", "Medlemmarnas personal"]
    ed.table.setCurrentCell(0, 0)
    ed.remove_row_btn.click()
    ed.table.setCurrentCell(ed.table.rowCount() - 1, 0)
    ed.add_row_btn.click()
    new = ed.table.rowCount() - 1
    for col, text in enumerate(["Studiebesök", "Processledare", "2", "Buss", "Styrelsen"]):
        ed.table.item(new, col).setText(text)
    ed.save_rows_btn.click()
    rows = plan.get(2026).rows_of("strukturella")
    assert [a.vad for a in rows] == [r[0] for r in before[1:]] + ["Studiebesök"]
    assert (rows[-1].vem, rows[-1].tillfallen, rows[-1].hur, rows[-1].for_vem) == (
        "Processledare",
        "2",
        "Buss",
        "Styrelsen",
    )
    assert _cells(ed.table)[-1] == ["Studiebesök", "Processledare", "2", "Buss", "Styrelsen"]
    tab.undo_stack.undo()
    assert _cells(ed.table) == before
    assert [a.vad for a in plan.get(2026).rows_of("strukturella")] == [r[0] for r in before]
    # A row without "Vad" is refused and says which row.
    ed.table.item(1, 0).setText("")
    ed.save_rows_btn.click()
    assert any("rad 2: ”Vad” får inte vara tomt" in text for _k, _t, text in messages)
    assert [a.vad for a in plan.get(2026).rows_of("strukturella")] == [r[0] for r in before]


def test_a_generated_section_previews_the_rows_it_takes_from_the_other_tabs(tab, demo_services):
    page, ed = tab.plan, tab.plan.editor
    _select(page, "bilaga_arshjul")
    assert ed.lower.currentIndex() == 2 and ed.preview.isVisible() and ed.preview.isReadOnly()
    preview = ed.preview.toPlainText()
    assert "Hämtas från fliken Årshjul" in ed.kind.text()
    event = demo_services.verksamhet.plan.publication(2026).sections[-2].events[0]
    assert f"{event.datum.isoformat()}  {event.titel}" in preview
    assert "bilaga" in ed.kind.text() and "Rubriken visas som ”Årshjul för" in ed.kind.text()
    _select(page, "budget")
    assert "Budget 2026" in ed.preview.toPlainText() and "Summa medlemsavgifter" in ed.preview.toPlainText()
    _select(page, "forord")
    assert not ed.lower.isVisible()  # a text section is only its text


def test_a_section_is_added_after_the_chosen_one_and_a_removal_is_undone_in_place(tab, demo_services, monkeypatch):
    page, ed = tab.plan, tab.plan.editor
    plan = demo_services.verksamhet.plan
    _select(page, "malgrupper")

    def fill(dlg):
        dlg.heading.setText("Samverkan {ar}")
        dlg.kind.setCurrentIndex(dlg.kind.findData(SectionKind.AKTIVITETER))
        dlg.accept()
        return 1

    monkeypatch.setattr(plan_editor.NewSectionDialog, "exec", fill)
    ed.add_btn.click()
    rows = _tree(page)
    assert rows[rows.index(("4", "Målgrupper 2026", "Text")) + 1] == ("4.1", "Samverkan 2026", "Aktivitetstabell")
    assert ed.heading.text() == "Samverkan {ar}" and ed.lower.currentIndex() == 1  # the new section is shown
    tab.undo_stack.undo()
    assert ("4.1", "Samverkan 2026", "Aktivitetstabell") not in _tree(page)
    # Removing the activity section and undoing it puts it back with its number and rows.
    _select(page, "strukturella")
    n = len(plan.get(2026).rows_of("strukturella"))
    ed.remove_btn.click()
    assert ("5.1", "Strukturella insatser", "Aktivitetstabell") not in _tree(page)
    tab.undo_stack.undo()
    assert ("5.1", "Strukturella insatser", "Aktivitetstabell") in _tree(page)
    assert len(plan.get(2026).rows_of("strukturella")) == n


def test_the_checks_flags_are_shown(qtbot, demo_services, messages):
    demo_services.verksamhet.plan.set_budget_table(2026, f1.F1)
    tab = _open(qtbot, demo_services)
    flags = tab.plan.flags
    assert flags.isVisible()
    assert "⚠ Totalt, Budget 2020: dokumentet anger 2 400 000 kr, men kostnadsraderna ger 2 660 000 kr." in flags.text()


def test_export_of_a_draft_writes_a_pdf_and_a_word_file(tab, tmp_path, monkeypatch, messages):
    target = {"path": tmp_path / "plan.pdf"}
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target["path"]), ""))
    tab.plan.pdf_btn.click()
    assert wait_for_background()
    assert target["path"].read_bytes().startswith(b"%PDF")
    target["path"] = tmp_path / "saknas" / "plan.pdf"  # a folder that does not exist
    tab.plan.pdf_btn.click()
    assert wait_for_background()
    assert messages[-1][:2] == ("warning", "Dokumentet skapades inte")
    target["path"] = tmp_path / "plan.docx"
    tab.plan.docx_btn.click()
    assert wait_for_background()
    assert target["path"].read_bytes().startswith(b"PK")


def _adopt(tab, monkeypatch) -> str:
    chosen = {}

    def pick(dlg):
        index = next(i for i in range(dlg.paragraph.count()) if " 2026-" in dlg.paragraph.itemText(i))
        dlg.paragraph.setCurrentIndex(index)
        chosen["text"] = dlg.paragraph.itemText(index)
        return 1

    monkeypatch.setattr(plan_page.PlanAdoptDialog, "exec", pick)
    tab.plan.adopt_btn.click()
    return chosen["text"]


def test_adoption_at_a_paragraph_makes_the_plan_read_only_and_its_pdf_the_stored_one(
    tab, demo_services, messages, tmp_path, monkeypatch
):
    page, ed = tab.plan, tab.plan.editor
    paragraph = _adopt(tab, monkeypatch)
    plan = demo_services.verksamhet.plan.get(2026)
    assert plan.locked
    when, number = plan.adopted_text.split(", ")
    assert f"antagen vid {number} den {when}" in page.status.text() and when in paragraph
    assert (
        "information",
        "Verksamhetsplanen antagen",
        f"Verksamhetsplanen 2026 är antagen vid {number} den {when}.",
    ) in messages
    _select(page, "strukturella")
    assert ed.text.isReadOnly() and ed.heading.isReadOnly()
    for b in (ed.save_btn, ed.reset_btn, ed.add_btn, ed.remove_btn, ed.add_row_btn, ed.save_rows_btn, page.adopt_btn):
        assert not b.isEnabled()
    assert page.next_btn.isVisible() and page.next_btn.isEnabled()
    # The PDF is the one stored at the adoption, byte for byte, even if rendering now would differ.
    monkeypatch.setattr("finsam_desktop.reports.verksamhet.plan_pdf.compile_pdf", lambda *a, **k: b"%PDF ny")
    out = tmp_path / "antagen.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    page.pdf_btn.click()
    assert wait_for_background()
    stored = demo_services.verksamhet.plan.adopted_document(2026).data
    assert out.read_bytes() == stored and stored.startswith(b"%PDF")


def test_next_years_plan_is_a_copy_and_its_creation_is_undoable(tab, demo_services, monkeypatch):
    _adopt(tab, monkeypatch)
    tab.plan.next_btn.click()
    assert tab.year() == 2027
    assert "kopia av planen 2026" in tab.plan.status.text() and "utkast" in tab.plan.status.text()
    assert ("7", "Budgetplan 2027 med prognos för 2028 och 2029", "Budget") in _tree(tab.plan)
    assert not tab.plan.editor.text.isReadOnly()
    tab.undo_stack.undo()
    assert demo_services.verksamhet.plan.plan(2027) is None


def test_a_read_only_workspace_shows_the_plan_but_allows_no_edits(tab, monkeypatch):
    monkeypatch.setattr(tab, "editable", lambda: False)
    tab.load_year()
    ed = tab.plan.editor
    _select(tab.plan, "strukturella")
    assert ed.text.isReadOnly() and not ed.save_btn.isEnabled() and not ed.add_row_btn.isEnabled()
    assert not tab.plan.adopt_btn.isEnabled() and tab.plan.pdf_btn.isEnabled()


def test_every_key_on_the_page_is_its_own_with_the_activity_table_shown(qtbot, demo_workspace):
    from test_keyboard import page_keys

    from finsam_desktop.ui.main_window import TABS, MainWindow

    win = MainWindow(demo_workspace)
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    win.tabs.setCurrentIndex([n for n, _t, _c in TABS].index("verksamhet"))
    QApplication.processEvents()
    tab = win.tab_widget("verksamhet")
    tab.tabs.setCurrentWidget(tab.plan)
    _select(tab.plan, "strukturella")
    QApplication.processEvents()
    owners, keyless = page_keys(win)
    assert not keyless
    assert {k: v for k, v in owners.items() if len(v) > 1} == {}
    assert "Alt+E" in owners and "Alt+V" in owners  # Spara tabellen, Aktiviteter


def test_a_cell_still_being_typed_in_is_saved_with_the_table(tab, demo_services, qtbot):
    ed = tab.plan.editor
    _select(tab.plan, "strukturella")
    ed.table.setCurrentCell(ed.table.rowCount() - 1, 0)
    ed.add_row_btn.click()  # opens the new row's first cell for typing
    assert ed.table.state() == QAbstractItemView.State.EditingState
    editor = ed.table.viewport().findChild(QLineEdit)
    qtbot.keyClicks(editor, "Natverkstraff")
    ed.save_rows_btn.click()  # without pressing Enter first
    assert demo_services.verksamhet.plan.get(2026).rows_of("strukturella")[-1].vad == "Natverkstraff"


def test_leaving_a_section_with_unsaved_text_offers_to_save_it(tab, demo_services, qtbot):
    ed = tab.plan.editor
    _select(tab.plan, "forord")
    ed.text.setPlainText("Ändrad men inte sparad.")
    _select(tab.plan, "bakgrund")  # the question is answered Ja
    qtbot.waitUntil(lambda: demo_services.verksamhet.plan.get(2026).section("forord").body == "Ändrad men inte sparad.")
    assert ed.section().key == "bakgrund"
    tab.undo_stack.undo()
    assert demo_services.verksamhet.plan.get(2026).section("forord").body != "Ändrad men inte sparad."
