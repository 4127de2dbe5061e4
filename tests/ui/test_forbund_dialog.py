"""The Förbundet dialog driven through its widgets (pytest-qt)."""

from __future__ import annotations

import warnings
from datetime import date

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent, QUndoGroup
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox

from finsam_desktop.domain.organisation.model import Beslutforhet, MemberKind, Person, Role
from finsam_desktop.services.workspace import open_workspace
from finsam_desktop.ui.context import UiContext
from finsam_desktop.ui.events import AppEvents
from finsam_desktop.ui.organisation.forbund_dialog import ForbundDialog

OK = QDialogButtonBox.StandardButton.Ok


@pytest.fixture(autouse=True)
def _no_blocking_questions(monkeypatch):
    """A dialog left with unsaved edits asks on close (teardown); answer Förkasta instead of blocking."""
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)


def make_dialog(qtbot, services) -> ForbundDialog:
    ctx = UiContext(services, AppEvents(), QUndoGroup())
    dialog = ForbundDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def type_text(widget, text: str) -> None:
    """Type like a user, key by key (QTest.keyClicks cannot type å, ä, ö)."""
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))


def table_texts(model, column: int) -> list[str]:
    return [model.index(r, column).data() for r in range(model.rowCount())]


def click_ok(qtbot, editor) -> None:
    qtbot.mouseClick(editor.button_box.button(OK), Qt.MouseButton.LeftButton)


def add_person_via_ui(qtbot, dialog, namn: str, organisation: str = "", titel: str = "") -> None:
    page = dialog.persons_page
    dialog.pages.setCurrentWidget(page)
    qtbot.mouseClick(page.table.add_button, Qt.MouseButton.LeftButton)
    editor = page.editor
    assert editor is not None and editor.isVisible()
    type_text(editor.namn, namn)
    type_text(editor.organisation, organisation)
    type_text(editor.titel, titel)
    click_ok(qtbot, editor)
    assert not editor.isVisible()


def test_add_person_then_mandate_through_the_ui_and_undo(qtbot, services):
    svc = services.forbund
    dialog = make_dialog(qtbot, services)

    # A member to represent.
    members = dialog.members_page
    dialog.pages.setCurrentWidget(members)
    qtbot.mouseClick(members.table.add_button, Qt.MouseButton.LeftButton)
    editor = members.editor
    type_text(editor.namn, "Region Testland")
    editor.kind.setCurrentIndex(editor.kind.findData(MemberKind.REGION))
    click_ok(qtbot, editor)
    region = next(m for m in svc.list_members() if m.namn == "Region Testland")
    assert region.kind is MemberKind.REGION

    with qtbot.waitSignal(dialog.ctx.events.forbund_changed, timeout=1000):
        add_person_via_ui(qtbot, dialog, "Kerstin Ek", "Region Testland", "Regionråd (S)")
    person = svc.find_person("Kerstin Ek")
    assert person is not None
    assert (person.organisation, person.titel) == ("Region Testland", "Regionråd (S)")
    assert "Kerstin Ek" in table_texts(dialog.persons_page.table.model, 0)

    page = dialog.mandates_page
    dialog.pages.setCurrentWidget(page)
    qtbot.mouseClick(page.table.add_button, Qt.MouseButton.LeftButton)
    editor = page.editor
    assert editor.isVisible()
    editor.person.setCurrentIndex(editor.person.findData(person.id))
    editor.role.setCurrentIndex(editor.role.findData(Role.LEDAMOT))
    editor.member.setCurrentIndex(editor.member.findData(region.id))
    editor.valid_from.set_value(date(2026, 4, 1))
    editor.until_further.setChecked(False)
    editor.valid_to.set_value(date(2027, 3, 31))
    type_text(editor.anteckning, "Vald av regionfullmäktige")
    click_ok(qtbot, editor)
    assert not editor.isVisible()

    [mandate] = svc.list_mandates()
    assert (mandate.person_id, mandate.role, mandate.member_id) == (person.id, Role.LEDAMOT, region.id)
    assert (mandate.valid_from, mandate.valid_to) == (date(2026, 4, 1), date(2027, 3, 31))
    assert mandate.anteckning == "Vald av regionfullmäktige"
    assert table_texts(page.table.model, 1) == ["Ledamot"]
    page.on_date.set_value(date(2026, 5, 1))
    assert table_texts(page.seat_model, 1) == ["Kerstin Ek"]

    # Ångra removes the mandate (and only the mandate); Gör om puts it back with the same id.
    assert dialog.undo_button.isEnabled()
    qtbot.mouseClick(dialog.undo_button, Qt.MouseButton.LeftButton)
    assert svc.list_mandates() == []
    assert svc.find_person("Kerstin Ek") is not None
    assert page.table.model.rowCount() == 0
    assert table_texts(page.seat_model, 1) == []
    qtbot.mouseClick(dialog.redo_button, Qt.MouseButton.LeftButton)
    assert svc.list_mandates() == [mandate]


def test_keyboard_undo_and_redo(qtbot, services):
    svc = services.forbund
    dialog = make_dialog(qtbot, services)
    add_person_via_ui(qtbot, dialog, "Per Lund")
    assert svc.find_person("Per Lund") is not None
    dialog.raise_()
    dialog.activateWindow()
    if QApplication.activeWindow() is not dialog:
        with warnings.catch_warnings():  # offscreen: other tests' windows may hold activation
            warnings.simplefilter("ignore", DeprecationWarning)
            QApplication.setActiveWindow(dialog)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=2000)
    dialog.persons_page.table.view.setFocus()
    qtbot.keyClick(dialog.persons_page.table.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert svc.find_person("Per Lund") is None
    qtbot.keyClick(
        dialog.persons_page.table.view,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert svc.find_person("Per Lund") is not None


def test_mandate_ending_before_it_starts_is_refused_in_the_editor(qtbot, services):
    svc = services.forbund
    svc.save_person(Person(0, "Ola Berg"))
    dialog = make_dialog(qtbot, services)
    page = dialog.mandates_page
    qtbot.mouseClick(page.table.add_button, Qt.MouseButton.LeftButton)
    editor = page.editor
    editor.person.setCurrentIndex(1)
    editor.role.setCurrentIndex(editor.role.findData(Role.ORDFORANDE))
    editor.valid_from.set_value(date(2026, 4, 1))
    editor.until_further.setChecked(False)
    editor.valid_to.set_value(date(2026, 3, 1))
    click_ok(qtbot, editor)
    assert editor.isVisible()
    assert editor.error.text() == "Till: slutdatum ligger före startdatum."
    assert svc.list_mandates() == []
    assert not dialog.undo_stack.canUndo()


def test_ledamot_without_member_is_refused(qtbot, services):
    svc = services.forbund
    svc.save_person(Person(0, "Ola Berg"))
    dialog = make_dialog(qtbot, services)
    page = dialog.mandates_page
    qtbot.mouseClick(page.table.add_button, Qt.MouseButton.LeftButton)
    editor = page.editor
    editor.person.setCurrentIndex(1)
    editor.role.setCurrentIndex(editor.role.findData(Role.LEDAMOT))
    click_ok(qtbot, editor)
    assert editor.isVisible()
    assert editor.error.text() == "Medlem: en ledamot måste företräda en medlem."
    assert svc.list_mandates() == []


def test_bad_orgnr_shows_swedish_message_and_saves_nothing(qtbot, services):
    svc = services.forbund
    before = svc.get()
    dialog = make_dialog(qtbot, services)
    page = dialog.forbund_page
    page.namn.setText("Samordningsförbundet Nytt namn")
    page.orgnr.clear()
    type_text(page.orgnr, "222000-3078")
    assert page.orgnr_feedback.isVisible()
    assert page.orgnr_feedback.text() == (
        "Organisationsnummer: kontrollsiffran i ”222000-3078” stämmer inte (ska vara 9)."
    )
    assert not page.save_button.isEnabled()
    assert page.save() is False
    assert "Organisationsnummer" in dialog.message.text()
    assert svc.get() == before
    assert not dialog.undo_stack.canUndo()

    page.orgnr.setText("12345")
    assert "fel format" in page.orgnr_feedback.text()
    page.orgnr.setText("222000-3111")
    assert page.orgnr_feedback.text() == "✓ 222000-3111 är ett giltigt organisationsnummer."
    page.orgnr.setText("222000-3079")  # the stored number: no message needed
    assert page.orgnr_feedback.isHidden()
    assert page.save_button.isEnabled()  # the changed name can now be saved


def test_forbund_details_and_settings_saved_and_undone(qtbot, services):
    svc = services.forbund
    before = svc.get()
    dialog = make_dialog(qtbot, services)
    page = dialog.forbund_page
    assert not page.save_button.isEnabled()
    page.sate.setText("Nyköping")
    page.anslagstavla.setText("Kommunhusets entré, Storgatan 1")
    page.kallelse.setValue(10)
    page.overklagande.setValue(4)
    assert page.save_button.isEnabled()
    with qtbot.waitSignal(dialog.ctx.events.forbund_changed, timeout=1000):
        qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    after = svc.get()
    assert after.sate == "Nyköping"
    assert after.anslagstavla == "Kommunhusets entré, Storgatan 1"
    assert (after.settings.kallelse_dagar, after.settings.overklagande_veckor) == (10, 4)
    assert not page.save_button.isEnabled()

    dialog.undo_stack.undo()
    assert svc.get() == before
    assert page.sate.text() == before.sate
    assert page.kallelse.value() == before.settings.kallelse_dagar


def test_beslutforhet_chosen_in_the_combo_is_saved_and_undone(qtbot, demo_services):
    svc = demo_services.forbund
    dialog = make_dialog(qtbot, demo_services)
    page = dialog.forbund_page
    combo = page.beslutforhet
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "mer än hälften av ledamöterna (KL 6:27)",
        "minst hälften av ledamöterna",
    ]
    assert combo.currentData() == Beslutforhet.MER_AN_HALFTEN
    assert not page.save_button.isEnabled()
    combo.setCurrentIndex(combo.findText("minst hälften av ledamöterna"))
    assert page.save_button.isEnabled()
    with qtbot.waitSignal(dialog.ctx.events.forbund_changed, timeout=1000):
        qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert svc.beslutforhet() is Beslutforhet.MINST_HALFTEN
    assert not page.save_button.isEnabled()
    board = dialog.mandates_page
    board.on_date.set_value(date(2026, 6, 1))
    assert "Beslutför med <b>3</b> ledamöter närvarande (minst hälften)." in board.summary.text()

    dialog.undo_stack.undo()
    assert svc.beslutforhet() is Beslutforhet.MER_AN_HALFTEN
    assert combo.currentData() == Beslutforhet.MER_AN_HALFTEN
    assert "Beslutför med <b>4</b> ledamöter närvarande (mer än hälften)." in board.summary.text()
    dialog.undo_stack.redo()
    assert svc.beslutforhet() is Beslutforhet.MINST_HALFTEN
    assert combo.currentText() == "minst hälften av ledamöterna"

    page.kallelse.setValue(12)
    qtbot.mouseClick(page.defaults_button, Qt.MouseButton.LeftButton)
    assert combo.currentData() == Beslutforhet.MER_AN_HALFTEN and page.kallelse.value() == 7


def test_styrelse_on_date_changes_across_a_mandate_boundary(qtbot, demo_services):
    dialog = make_dialog(qtbot, demo_services)
    page = dialog.mandates_page
    dialog.pages.setCurrentWidget(page)
    members = table_texts(page.seat_model, 0)
    norrvik = members.index("Norrviks kommun")

    page.on_date.set_value(date(2023, 3, 31))
    assert page.seat_model.index(norrvik, 2).data() == "Gunnar Palm"
    assert "Ordförande: <b>–</b>" in page.summary.text()
    assert "Ingen ordförande 2023-03-31." in page.board_warnings.text()

    page.on_date.set_value(date(2023, 4, 1))
    assert page.seat_model.index(norrvik, 2).data() == "Sara Åkesson"
    assert "Ordförande: <b>Eva Forsberg</b>" in page.summary.text()
    assert "Vice ordförande: <b>Anna Berglund</b>" in page.summary.text()
    assert "Beslutför med <b>4</b>" in page.summary.text()
    assert page.board_warnings.isHidden()

    # Mandates that do not hold on the chosen date are greyed out.
    rows = page.table.model.rows
    palm = next(i for i, r in enumerate(rows) if r.person == "Gunnar Palm")
    assert page.table.model.index(palm, 0).data(Qt.ItemDataRole.ForegroundRole) is not None
    page.on_date.set_value(date(2023, 3, 31))
    assert page.table.model.index(palm, 0).data(Qt.ItemDataRole.ForegroundRole) is None


def test_member_shares_and_contribution_calculator(qtbot, demo_services):
    dialog = make_dialog(qtbot, demo_services)
    page = dialog.members_page
    names = table_texts(page.table.model, 0)
    shares = dict(zip(names, table_texts(page.table.model, 3), strict=True))
    assert shares["Ådalens kommun"] == "44 % av kommunernas fjärdedel = 11,0 % av totalen"
    assert shares["Norrviks kommun"] == "27 % av kommunernas fjärdedel = 6,8 % av totalen"
    assert shares["Region Mellanland"] == "hela regionernas fjärdedel = 25,0 % av totalen"
    assert shares["Försäkringskassan"] == "statens hälft = 50,0 % av totalen"
    assert page.warnings.isHidden()

    type_text(page.state_amount, "3 465 000")
    amounts = dict(zip(table_texts(page.calc_model, 0), table_texts(page.calc_model, 2), strict=True))
    assert amounts == {
        "Försäkringskassan": "3 465 000 kr",
        "Region Mellanland": "1 732 500 kr",
        "Ådalens kommun": "762 300 kr",
        "Norrviks kommun": "467 775 kr",
        "Sjöbacka kommun": "502 425 kr",
    }
    assert "Totalt 6 930 000 kr" in page.calc_total.text()

    page.state_amount.setText("tre miljoner")
    assert page.calc_model.rowCount() == 0
    assert page.calc_total.text() == "Statens medel: ”tre miljoner” är inte ett belopp."


def test_membership_warnings_follow_the_members(qtbot, services):
    dialog = make_dialog(qtbot, services)
    page = dialog.members_page
    assert "Försäkringskassan saknas bland medlemmarna." in page.warnings.text()
    qtbot.mouseClick(page.table.add_button, Qt.MouseButton.LeftButton)
    editor = page.editor
    type_text(editor.namn, "Försäkringskassan")
    editor.kind.setCurrentIndex(editor.kind.findData(MemberKind.FORSAKRINGSKASSAN))
    assert not editor.weight.isEnabled()
    click_ok(qtbot, editor)
    assert "Försäkringskassan saknas" not in page.warnings.text()
    assert "Arbetsförmedlingen saknas bland medlemmarna." in page.warnings.text()


def test_duplicate_member_name_is_refused_in_the_editor(qtbot, demo_services):
    dialog = make_dialog(qtbot, demo_services)
    page = dialog.members_page
    qtbot.mouseClick(page.table.add_button, Qt.MouseButton.LeftButton)
    editor = page.editor
    type_text(editor.namn, "Norrviks kommun")
    click_ok(qtbot, editor)
    assert editor.isVisible()
    assert editor.error.text() == "Namn: det finns redan en medlem som heter ”Norrviks kommun”."
    assert len(demo_services.forbund.list_members()) == 6


def test_removal_is_undone_with_the_same_id(qtbot, services):
    svc = services.forbund
    kept = svc.save_person(Person(0, "Lisa Holm", "Norrviks kommun", "Ledamot KF", "lisa@example.se", "070-1"))
    dialog = make_dialog(qtbot, services)
    page = dialog.persons_page
    dialog.pages.setCurrentWidget(page)
    assert page.table.select_where(lambda r: r.person.id == kept.id)
    qtbot.mouseClick(page.table.remove_button, Qt.MouseButton.LeftButton)
    assert svc.list_persons() == []
    assert page.table.model.rowCount() == 0
    qtbot.mouseClick(dialog.undo_button, Qt.MouseButton.LeftButton)
    assert svc.list_persons() == [kept]


def test_person_with_mandates_cannot_be_removed(qtbot, demo_services):
    svc = demo_services.forbund
    dialog = make_dialog(qtbot, demo_services)
    page = dialog.persons_page
    page.table.select_where(lambda r: r.person.namn == "Eva Forsberg")
    qtbot.mouseClick(page.table.remove_button, Qt.MouseButton.LeftButton)
    assert dialog.message.text() == "Eva Forsberg har 2 uppdrag; ta bort dem först."
    assert svc.find_person("Eva Forsberg") is not None
    assert not dialog.undo_stack.canUndo()


def test_edit_person_with_bad_email_keeps_editor_open(qtbot, demo_services):
    svc = demo_services.forbund
    before = svc.find_person("Tobias Rönn")
    dialog = make_dialog(qtbot, demo_services)
    page = dialog.persons_page
    page.table.select_where(lambda r: r.person.id == before.id)
    qtbot.mouseClick(page.table.edit_button, Qt.MouseButton.LeftButton)
    editor = page.editor
    assert editor.namn.text() == "Tobias Rönn"
    editor.epost.setText("tobias.exempelbygden")
    click_ok(qtbot, editor)
    assert editor.isVisible()
    assert editor.error.text() == "E-post: ”tobias.exempelbygden” är ingen giltig e-postadress."
    assert svc.find_person("Tobias Rönn") == before
    editor.epost.setText("tobias@exempelbygden-finsam.se")
    click_ok(qtbot, editor)
    assert svc.get_person(before.id).epost == "tobias@exempelbygden-finsam.se"


def test_read_only_shows_everything_and_edits_nothing(qtbot, demo_workspace):
    path = demo_workspace.path
    demo_workspace.close()
    ws = open_workspace(path, read_only=True)
    try:
        dialog = make_dialog(qtbot, ws.services)
        assert dialog.findChild(type(dialog.message), "readOnlyBanner").isVisible()
        assert dialog.forbund_page.namn.text() == "Samordningsförbundet Exempelbygden"
        assert dialog.forbund_page.namn.isReadOnly() and dialog.forbund_page.orgnr.isReadOnly()
        assert dialog.forbund_page.kallelse.isReadOnly()
        assert not dialog.forbund_page.beslutforhet.isEnabled()
        assert not dialog.forbund_page.save_button.isVisible()
        for page in (dialog.members_page, dialog.persons_page, dialog.mandates_page):
            assert page.table.model.rowCount() > 0
            assert not page.table.add_button.isEnabled()
            page.table.view.selectRow(0)
            assert not page.table.edit_button.isEnabled()
            assert not page.table.remove_button.isEnabled()
        dialog.persons_page.edit()
        assert dialog.persons_page.editor is None
        assert not dialog.undo_button.isVisible()
    finally:
        ws.close()


def test_undo_stack_joins_the_group_while_open(qtbot, services):
    dialog = make_dialog(qtbot, services)
    group = dialog.ctx.undo_group
    assert dialog.undo_stack in group.stacks()
    assert group.activeStack() is dialog.undo_stack
    dialog.reject()
    assert dialog.undo_stack not in group.stacks()


@pytest.mark.parametrize("answer_saves", [True, False])
def test_closing_with_unsaved_details_asks(qtbot, services, monkeypatch, answer_saves):
    svc = services.forbund
    dialog = make_dialog(qtbot, services)
    dialog.forbund_page.sate.setText("Ny ort")
    answer = QMessageBox.StandardButton.Save if answer_saves else QMessageBox.StandardButton.Discard
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a) or answer)
    dialog.reject()
    assert asked
    assert not dialog.isVisible()
    assert (svc.get().sate == "Ny ort") is answer_saves


def test_undo_that_no_longer_fits_the_data_is_explained_and_dropped(qtbot, services):
    from finsam_desktop.domain.organisation.model import Mandate

    svc = services.forbund
    dialog = make_dialog(qtbot, services)
    add_person_via_ui(qtbot, dialog, "Nora Vik")
    person = svc.find_person("Nora Vik")
    # Meanwhile, elsewhere in the app, the person gets a mandate.
    svc.save_mandate(Mandate(0, person.id, Role.ORDFORANDE, date(2026, 4, 1)))
    qtbot.mouseClick(dialog.undo_button, Qt.MouseButton.LeftButton)
    assert dialog.message.text() == "Kunde inte ångra/göra om: Nora Vik har 1 uppdrag; ta bort dem först."
    assert svc.find_person("Nora Vik") == person
    assert dialog.undo_stack.count() == 0
    assert not dialog.undo_button.isEnabled()


def test_new_mandate_from_the_persons_page_preselects_the_person(qtbot, demo_services):
    svc = demo_services.forbund
    tobias = svc.find_person("Tobias Rönn")
    dialog = make_dialog(qtbot, demo_services)
    page = dialog.persons_page
    assert not page.mandate_button.isEnabled()
    page.table.select_where(lambda r: r.person.id == tobias.id)
    qtbot.mouseClick(page.mandate_button, Qt.MouseButton.LeftButton)
    assert dialog.pages.currentWidget() is dialog.mandates_page
    editor = dialog.mandates_page.editor
    assert editor.person.currentData() == tobias.id
    editor.role.setCurrentIndex(editor.role.findData(Role.SEKRETERARE))
    editor.valid_from.set_value(date(2027, 1, 1))
    click_ok(qtbot, editor)
    assert any(m.person_id == tobias.id and m.role is Role.SEKRETERARE for m in svc.list_mandates())


def test_add_button_on_the_mandates_page_starts_without_a_person(qtbot, demo_services):
    dialog = make_dialog(qtbot, demo_services)
    page = dialog.mandates_page
    qtbot.mouseClick(page.table.add_button, Qt.MouseButton.LeftButton)
    assert page.editor.person.currentData() is None
    click_ok(qtbot, page.editor)
    assert page.editor.error.text() == "Person: välj vem uppdraget gäller."
