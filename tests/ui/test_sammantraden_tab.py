"""The Sammanträden tab driven through its widgets (keyboard where practical)."""

from __future__ import annotations

from datetime import date, time

import pytest
import shiboken6
from PySide6.QtCore import QDate, QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QUndoGroup
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from finsam_desktop.domain.sammantraden.kinds import ItemKind, MeetingStatus
from finsam_desktop.ui.context import UiContext
from finsam_desktop.ui.events import AppEvents
from finsam_desktop.ui.sammantraden.tab import SammantradenTab

MEETING_DAY = date(2026, 11, 27)


@pytest.fixture(autouse=True)
def _no_modal_boxes(monkeypatch):
    shown: list[str] = []

    def record(_parent, _title, text, *a, **k):
        shown.append(text)
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "warning", record)
    monkeypatch.setattr(QMessageBox, "information", record)
    return shown


def make_tab(qtbot, workspace, *, keep=True) -> tuple[SammantradenTab, UiContext]:
    events = AppEvents()
    ctx = UiContext(workspace.services, events, QUndoGroup())
    tab = SammantradenTab(ctx)
    if keep:
        qtbot.addWidget(tab)
    tab.resize(1400, 900)
    tab.show()
    qtbot.waitExposed(tab)
    activate(qtbot, tab)
    return tab, ctx


def activate(qtbot, tab) -> None:
    """Shortcuts and focus need an active window (the offscreen platform does not activate by itself)."""
    tab.windowHandle().requestActivate()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is tab)


def type_text(widget, text: str) -> None:
    """Type like a user; QTest.keyClicks cannot send non-ASCII letters such as å, ä, ö."""
    for ch in text:
        if ch.isascii():
            QTest.keyClicks(widget, ch)
        else:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))


def when_dialog(fn, tries: int = 200) -> None:
    """Run ``fn(dialog)`` as soon as a modal dialog is open."""

    def poll(left=tries):
        dialog = QApplication.activeModalWidget()
        if dialog is not None:
            try:
                fn(dialog)
            finally:
                if dialog.isVisible():  # a failed check must not leave the test hanging in exec()
                    dialog.reject()
        elif left:
            QTimer.singleShot(10, lambda: poll(left - 1))

    QTimer.singleShot(0, poll)


def meeting(services, day=MEETING_DAY):
    return services.meetings.meetings.create_meeting(day, starttid=time(9), plats="Kommunhuset")


def select_rubrik(tab, rubrik: str) -> None:
    for row, r in enumerate(tab.para_model.rows):
        if r.rubrik == rubrik:
            tab.paragraphs.setCurrentIndex(tab.para_model.index(row, 1))
            return
    raise AssertionError(f"{rubrik} not in the § list: {[r.rubrik for r in tab.para_model.rows]}")


def test_new_meeting_and_a_decision_written_with_the_keyboard(qtbot, workspace):
    tab, ctx = make_tab(qtbot, workspace)
    news: list[str] = []
    ctx.events.area_changed.connect(news.append)

    def fill_dialog(dialog):
        assert dialog.windowTitle() == "Nytt sammanträde"
        dialog.datum.setDate(QDate(2026, 12, 11))
        dialog.plats.clear()
        type_text(dialog.plats, "Kommunhuset, sal B")
        QTest.keyClick(dialog.plats, Qt.Key.Key_Return)  # the default button: Skapa

    when_dialog(fill_dialog)
    tab.search.setFocus()
    QTest.keyClick(tab.search, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: tab.detail is not None and tab.detail.meeting.datum == date(2026, 12, 11))
    assert tab.title.text().startswith("Styrelsen 2026-12-11")
    standard = [r.rubrik for r in tab.para_model.rows]
    assert standard[0] == "Sammanträdet öppnas" and standard[-1] == "Sammanträdet avslutas"

    # Ctrl+N inside the tab adds a § after the selected one and puts the cursor in its rubrik
    activate(qtbot, tab)
    select_rubrik(tab, standard[2])
    tab.paragraphs.setFocus()
    before = len(tab.para_model.rows)
    QTest.keyClick(tab.paragraphs, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert len(tab.para_model.rows) == before + 1
    assert tab.editor.rubrik.hasFocus()
    type_text(tab.editor.rubrik, "Ansökan om medel för arbetskonsulent")
    tab.editor.text.setFocus()
    type_text(tab.editor.text, "Förbundschefen redovisar ansökan.")
    # Ctrl+Return adds an att-sats and moves the cursor into it
    QTest.keyClick(tab.editor.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    rows = tab.editor.clauses.rows
    assert len(rows) == 1 and rows[0].edit.hasFocus()
    type_text(rows[0].edit, "bevilja 700 000 kr för 2027")
    QTest.keyClick(rows[0].edit, Qt.Key.Key_Tab)  # focus-out saves at once

    item = workspace.services.meetings.agenda.get_item(tab.item_id)
    assert item.position == 4 and item.label == "§ 4"
    assert item.rubrik == "Ansökan om medel för arbetskonsulent"
    assert item.text == "Förbundschefen redovisar ansökan."
    assert [c.text for c in item.clauses] == ["Att bevilja 700 000 kr för 2027"]
    assert tab.para_model.rows[3].rubrik == "Ansökan om medel för arbetskonsulent"
    assert tab.editor.clauses.heading.text() == "Styrelsen beslutade"
    qtbot.waitUntil(lambda: "sammantraden" in news, timeout=3000)


def test_ctrl_n_outside_the_tab_is_left_to_the_main_window(qtbot, workspace):
    meeting(workspace.services)
    tab, _ctx = make_tab(qtbot, workspace)
    event_count = len(tab.para_model.rows)
    override = QKeyEvent(QEvent.Type.ShortcutOverride, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert tab.event(override) and override.isAccepted()
    assert len(tab.para_model.rows) == event_count


def test_alt_arrows_move_a_paragraph_and_renumber_and_undo_restores(qtbot, workspace):
    m = meeting(workspace.services)
    svc = workspace.services.meetings
    svc.agenda.add_item(m.id, "Budgetuppföljning", ItemKind.INFORMATION)
    tab, _ctx = make_tab(qtbot, workspace)
    select_rubrik(tab, "Budgetuppföljning")
    tab.paragraphs.setFocus()
    start = [r.rubrik for r in tab.para_model.rows]
    i = start.index("Budgetuppföljning")
    number_before = tab.para_model.rows[i].number_text

    QTest.keyClick(tab.paragraphs, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    QTest.keyClick(tab.paragraphs, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    moved = [r.rubrik for r in tab.para_model.rows]
    assert moved.index("Budgetuppföljning") == i - 2
    assert tab.para_model.rows[i - 2].number_text == f"§ {int(number_before.split()[1]) - 2}"
    # the database agrees and the numbers stay continuous
    items = svc.agenda.list_items(m.id)
    assert [it.rubrik for it in items] == moved
    assert [it.number for it in items] == list(range(1, len(items) + 1))
    # the moved § stays selected
    assert tab.editor.rubrik.text() == "Budgetuppföljning"

    tab.undo_stack.undo()
    tab.undo_stack.undo()
    assert [it.rubrik for it in svc.agenda.list_items(m.id)] == start
    assert [r.rubrik for r in tab.para_model.rows] == start
    tab.undo_stack.redo()
    assert [it.rubrik for it in svc.agenda.list_items(m.id)].index("Budgetuppföljning") == i - 1


def test_drag_and_drop_moves_through_the_service(qtbot, workspace):
    m = meeting(workspace.services)
    tab, _ctx = make_tab(qtbot, workspace)
    start = [r.rubrik for r in tab.para_model.rows]
    mime = tab.para_model.mimeData([tab.para_model.index(0, 1)])
    # drop the first row below the third one
    tab.para_model.dropMimeData(mime, Qt.DropAction.MoveAction, 3, 0, tab.para_model.index(-1, -1))
    qtbot.waitUntil(lambda: [r.rubrik for r in tab.para_model.rows] != start)
    after = [it.rubrik for it in workspace.services.meetings.agenda.list_items(m.id)]
    assert after == start[1:3] + [start[0]] + start[3:]
    assert [r.number_text for r in tab.para_model.rows][:3] == ["§ 1", "§ 2", "§ 3"]
    tab.undo_stack.undo()
    assert [it.rubrik for it in workspace.services.meetings.agenda.list_items(m.id)] == start


def test_undo_of_a_removal_brings_back_the_paragraph_with_its_decision(qtbot, workspace):
    m = meeting(workspace.services)
    svc = workspace.services.meetings
    it = svc.agenda.add_item(m.id, "Sammanträdesplan 2027", ItemKind.BESLUT, text="Förslag på datum.")
    svc.paragraphs.add_clause(it.id, "Att fastställa sammanträdesplanen för 2027.")
    tab, _ctx = make_tab(qtbot, workspace)
    before = [r.rubrik for r in tab.para_model.rows]
    select_rubrik(tab, "Sammanträdesplan 2027")
    tab.paragraphs.setFocus()
    QTest.keyClick(tab.paragraphs, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
    assert "Sammanträdesplan 2027" not in [i.rubrik for i in svc.agenda.list_items(m.id)]
    tab.undo_stack.undo()
    items = svc.agenda.list_items(m.id)
    assert [i.rubrik for i in items] == before
    restored = next(i for i in items if i.rubrik == "Sammanträdesplan 2027")
    assert restored.id == it.id
    assert restored.text == "Förslag på datum."
    assert [c.text for c in restored.clauses] == ["Att fastställa sammanträdesplanen för 2027."]
    # the redo removes the restored § again
    tab.undo_stack.redo()
    assert "Sammanträdesplan 2027" not in [i.rubrik for i in svc.agenda.list_items(m.id)]


def test_text_edits_are_undoable(qtbot, workspace):
    m = meeting(workspace.services)
    tab, _ctx = make_tab(qtbot, workspace)
    select_rubrik(tab, "Övriga frågor")
    iid = tab.item_id
    tab.editor.text.setFocus()
    type_text(tab.editor.text, "Inga övriga frågor.")
    tab._autosave.flush()
    assert workspace.services.meetings.agenda.get_item(iid).text == "Inga övriga frågor."
    assert tab.undo_stack.undoText() == "Ändra protokolltext"
    tab.undo_stack.undo()
    assert workspace.services.meetings.agenda.get_item(iid).text == ""
    assert tab.editor.text.toPlainText() == ""
    tab.undo_stack.redo()
    assert tab.editor.text.toPlainText() == "Inga övriga frågor."
    assert m.id == tab.detail.meeting.id


def test_typed_text_survives_the_widget_being_destroyed(qtbot, workspace):
    meeting(workspace.services)
    tab, _ctx = make_tab(qtbot, workspace, keep=False)
    select_rubrik(tab, "Övriga frågor")
    iid = tab.item_id
    tab.editor.text.setFocus()
    type_text(tab.editor.text, "Eva Forsberg tackar för året.")
    assert tab._autosave.has_pending()  # nothing saved explicitly, the 400 ms have not passed
    shiboken6.delete(tab)
    assert workspace.services.meetings.agenda.get_item(iid).text == "Eva Forsberg tackar för året."


def test_typing_is_saved_after_a_pause(qtbot, workspace):
    meeting(workspace.services)
    tab, _ctx = make_tab(qtbot, workspace)
    select_rubrik(tab, "Kansliet informerar")
    iid = tab.item_id
    tab.editor.foredragande.setFocus()
    type_text(tab.editor.foredragande, "Helena Marklund")
    qtbot.waitUntil(
        lambda: workspace.services.meetings.agenda.get_item(iid).foredragande == "Helena Marklund", timeout=2000
    )


def test_search_finds_and_selects_the_paragraph(qtbot, workspace):
    svc = workspace.services.meetings
    old = svc.meetings.create_meeting(date(2025, 11, 21))
    it = svc.agenda.add_item(
        old.id, "Ansökan om medel för arbetskonsulent", ItemKind.BESLUT, text="Från Ådalens kommun."
    )
    meeting(workspace.services)
    tab, _ctx = make_tab(qtbot, workspace)
    assert tab.detail.meeting.datum == MEETING_DAY
    tab.paragraphs.setFocus()
    QTest.keyClick(tab.paragraphs, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert tab.search.hasFocus()
    type_text(tab.search, "ansökan arbetskonsulent")
    QTest.keyClick(tab.search, Qt.Key.Key_Return)
    assert tab.left.currentIndex() == 1
    assert tab.search_model.rowCount() == 1
    hit = tab.search_model.row_at(0)
    assert hit.rubrik == "Ansökan om medel för arbetskonsulent"
    QTest.keyClick(tab.search, Qt.Key.Key_Down)
    assert tab.results.hasFocus()
    QTest.keyClick(tab.results, Qt.Key.Key_Return)
    assert tab.detail.meeting.id == old.id
    assert tab.item_id == it.id
    assert tab.editor.rubrik.text() == "Ansökan om medel för arbetskonsulent"
    assert tab.year.currentData() == 2025
    QTest.keyClick(tab.search, Qt.Key.Key_Escape)
    assert tab.left.currentIndex() == 0


def _force_status(workspace, meeting_id: int, status: MeetingStatus) -> None:
    from sqlalchemy import text

    with workspace.services.db.session() as s:
        s.execute(text("UPDATE meeting SET status = :s WHERE id = :m"), {"s": status.value, "m": meeting_id})


def test_locked_meeting_is_shown_read_only_with_the_reason(qtbot, workspace):
    m = meeting(workspace.services)
    _force_status(workspace, m.id, MeetingStatus.KLART_FOR_JUSTERING)
    tab, _ctx = make_tab(qtbot, workspace)
    assert tab.detail.meeting.id == m.id
    assert not tab.editable
    assert tab.editor.rubrik.isReadOnly() and tab.editor.text.isReadOnly()
    assert not tab.add_item.isEnabled() and not tab.editor.clauses.add.isEnabled()
    assert "låst" in tab.banner.text() and tab.banner.isVisibleTo(tab)
    rows = [r.rubrik for r in tab.para_model.rows]
    tab.paragraphs.setFocus()
    QTest.keyClick(tab.paragraphs, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(tab.paragraphs, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert [r.rubrik for r in tab.para_model.rows] == rows
    assert [i.rubrik for i in workspace.services.meetings.agenda.list_items(m.id)] == rows
    assert tab.undo_stack.count() == 0


def test_read_only_file_disables_editing(qtbot, workspace, monkeypatch):
    meeting(workspace.services)
    monkeypatch.setattr(type(workspace.services), "read_only", property(lambda self: True))
    tab, ctx = make_tab(qtbot, workspace)
    assert ctx.read_only and not tab.editable
    assert tab.editor.rubrik.isReadOnly()
    assert not tab.next_step.isEnabled() and not tab.attendance.prefill.isEnabled()
    assert "skrivskyddad" in tab.banner.text()


def test_kallelse_sent_late_warns_and_moves_the_status(qtbot, workspace, _no_modal_boxes):
    m = meeting(workspace.services)
    tab, _ctx = make_tab(qtbot, workspace)
    assert tab.next_step.text().replace("&", "") == "Registrera skickad kallelse…"
    tab.meeting_ctl.record_kallelse_sent(date(2026, 11, 25))
    assert any("för sent" in text for text in _no_modal_boxes)
    assert tab.detail.meeting.status is MeetingStatus.KALLAT
    assert "kallelse skickad 2026-11-25" in tab.subtitle.text()
    assert tab.next_step.text().replace("&", "") == "Markera som genomfört"
    tab.next_step.click()
    assert tab.detail.meeting.status is MeetingStatus.GENOMFORT
    tab.next_step.click()
    assert workspace.services.meetings.meetings.get_meeting(m.id).meeting.status is MeetingStatus.PROTOKOLL_UTKAST
    assert not tab.next_step.isVisible()


def test_attendance_prefilled_and_beslutforhet_warned(qtbot, demo_workspace):
    svc = demo_workspace.services.meetings
    m = svc.meetings.create_meeting(date(2026, 12, 18), starttid=time(9), plats="Kommunhuset")
    tab, _ctx = make_tab(qtbot, demo_workspace)
    tab.goto_item(m.id, None)
    view = tab.attendance
    from finsam_desktop.domain.sammantraden.kinds import AttendanceRole

    ordinarie = view.models[AttendanceRole.ORDINARIE].rows
    assert len(ordinarie) == 6
    assert "Beslutför" in view.quorum.text() and view.quorum.text().startswith("✔")
    # four ledamöter are marked absent → not beslutför, and the app says so
    table = view.tables[AttendanceRole.ORDINARIE]
    for row in range(4):
        table.setCurrentIndex(table.model().index(row, 0))
        assert view.sel_present.isChecked()
        view.sel_present.click()
    assert view.quorum.text().startswith("⚠")
    assert "Inte beslutför" in view.quorum.text()
    assert any("beslutför" in w.lower() for w in tab.detail.warnings) or "beslutför" in tab.banner.text().lower()


def test_jav_proposal_for_an_application_from_a_member(qtbot, demo_workspace):
    svc = demo_workspace.services.meetings
    m = svc.meetings.create_meeting(date(2026, 12, 18), starttid=time(9), plats="Kommunhuset")
    tab, _ctx = make_tab(qtbot, demo_workspace)
    tab.goto_item(m.id, None)
    select_rubrik(tab, "Övriga frågor")
    tab.agenda_ctl._on_add_item()
    type_text(tab.editor.rubrik, "Ansökan om medel för arbetsterapeut")
    tab._autosave.flush()
    editor = tab.editor
    editor.sokande.setCurrentIndex(editor.sokande.findText("Ådalens kommun"))
    editor.sokande.activated.emit(editor.sokande.currentIndex())
    assert editor.jav_warning.isVisibleTo(tab) and "Eva Forsberg" in editor.jav_warning.text()
    assert "Eva Forsberg deltog inte i beslutet" in editor.jav_proposals.text()
    editor.apply_jav.click()
    item = svc.agenda.get_item(tab.item_id)
    assert {j.sentence for j in item.jav} >= {"Eva Forsberg deltog inte i beslutet."}
    assert not item.jav_warning and not editor.jav_warning.isVisibleTo(tab)
    assert [editor.jav_list.item(i).text() for i in range(editor.jav_list.count())]
    tab.undo_stack.undo()
    assert svc.agenda.get_item(tab.item_id).jav == ()


def test_standard_phrase_becomes_an_att_sats(qtbot, workspace, monkeypatch):
    meeting(workspace.services)
    tab, _ctx = make_tab(qtbot, workspace)
    select_rubrik(tab, "Kansliet informerar")
    phrases = workspace.services.meetings.paragraphs.list_phrases()
    assert phrases
    wanted = next(p.text for p in phrases if "handlingarna" in p.text)
    from PySide6.QtWidgets import QInputDialog

    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: (next(x for x in a[3] if x.startswith(wanted)), True))
    tab.editor.text.setFocus()
    QTest.keyClick(
        tab.editor.text, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    item = workspace.services.meetings.agenda.get_item(tab.item_id)
    assert [c.text for c in item.clauses][-1] == wanted


def test_strike_keeps_the_number_and_shows_it_struck(qtbot, workspace, monkeypatch):
    m = meeting(workspace.services)
    svc = workspace.services.meetings
    svc.agenda.add_item(m.id, "Arbete med verksamhetsplanen", ItemKind.BESLUT)
    tab, _ctx = make_tab(qtbot, workspace)
    select_rubrik(tab, "Arbete med verksamhetsplanen")
    label = tab.editor.number.text()
    from PySide6.QtWidgets import QInputDialog

    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Behandlas på ett separat möte.", True))
    tab.editor.rubrik.setFocus()
    QTest.keyClick(
        tab.editor.rubrik, Qt.Key.Key_U, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    row = tab.para_model.row_of(tab.item_id)
    assert tab.para_model.rows[row].struck
    assert tab.para_model.index(row, 1).data(Qt.ItemDataRole.FontRole).strikeOut()
    assert tab.para_model.index(row, 2).data() == "Utgår"
    item = svc.agenda.get_item(tab.item_id)
    assert item.utgar and item.label == label and item.utgar_motivering == "Behandlas på ett separat möte."


def test_the_proposal_replaces_the_att_satser_and_undo_brings_them_back(qtbot, workspace):
    svc = workspace.services.meetings
    m = meeting(workspace.services)
    tab, _ctx = make_tab(qtbot, workspace)
    tab.goto_item(m.id, None)
    select_rubrik(tab, "Övriga frågor")
    tab.agenda_ctl._on_add_item()
    type_text(tab.editor.rubrik, "Ansökan om medel")
    type_text(tab.editor.forslag, "Att bevilja 100 000 kr.")
    QTest.keyClick(tab.editor.forslag, Qt.Key.Key_Return)
    type_text(tab.editor.forslag, "Att uppdra åt förbundschefen att teckna avtal.")
    tab._autosave.flush()
    svc.paragraphs.add_clause(tab.item_id, "Att lägga ansökan till handlingarna.")
    tab.editor.apply_forslag.click()
    assert [c.text for c in svc.agenda.get_item(tab.item_id).all_clauses] == [
        "Att bevilja 100 000 kr.",
        "Att uppdra åt förbundschefen att teckna avtal.",
    ]
    # Undo takes the förslag's att-satser away and brings back the one they replaced.
    tab.undo_stack.undo()
    assert [c.text for c in svc.agenda.get_item(tab.item_id).all_clauses] == ["Att lägga ansökan till handlingarna."]
