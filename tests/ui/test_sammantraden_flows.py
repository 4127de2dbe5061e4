"""Sammanträden tab: uppdrag, exports, justerare, attendance ranges, bilagor, reservations, reloads."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest

from finsam_desktop.domain.sammantraden.kinds import AttendanceRole, ItemKind
from tests.ui.test_sammantraden_tab import (  # noqa: F401 - the autouse fixture is re-used
    _no_modal_boxes,
    make_tab,
    meeting,
    select_rubrik,
    type_text,
    when_dialog,
)


def test_uppdrag_from_an_att_sats_is_listed_and_leads_back(qtbot, workspace):
    m = meeting(workspace.services)
    svc = workspace.services.meetings
    it = svc.agenda.add_item(m.id, "Resa till Finsamkonferensen", ItemKind.BESLUT)
    clause = svc.paragraphs.add_clause(it.id, "Att uppdra åt förbundschefen att ta fram resealternativ.")
    tab, _ctx = make_tab(qtbot, workspace)
    assert tab.pages.tabText(3) == "Öppna &uppdrag (0)"
    select_rubrik(tab, "Resa till Finsamkonferensen")

    def fill(dialog):
        assert dialog.beskrivning.toPlainText() == "Uppdra åt förbundschefen att ta fram resealternativ."
        dialog.ansvarig.setEditText("Helena Marklund")
        dialog.deadline.setDate(QDate(2027, 1, 20))
        dialog.accept()

    when_dialog(fill)
    tab.editor.clauses.rows[0].uppdrag.click()
    [u] = svc.uppdrag.list_uppdrag()
    assert (u.ansvarig, u.deadline, u.clause_id) == ("Helena Marklund", date(2027, 1, 20), clause.id)
    assert tab.pages.tabText(3) == "Öppna &uppdrag (1)"
    assert tab.editor.clauses.rows[0].uppdrag.text() == "Uppdrag ✓"
    assert tab.uppdrag_model.index(0, 0).data() == u.beskrivning
    # from the list back to the §
    select_rubrik(tab, "Sammanträdet öppnas")
    tab.uppdrag.setCurrentIndex(tab.uppdrag_proxy.index(0, 0))
    tab.uppdrag_goto.click()
    assert tab.item_id == it.id
    # marking it done removes it from the open list
    tab.uppdrag.setCurrentIndex(tab.uppdrag_proxy.index(0, 0))
    tab.uppdrag_done.click()
    assert svc.uppdrag.list_uppdrag() == [] and tab.pages.tabText(3) == "Öppna &uppdrag (0)"


def test_undo_of_a_removed_paragraph_brings_back_its_uppdrag_and_id(qtbot, workspace):
    m = meeting(workspace.services)
    svc = workspace.services.meetings
    it = svc.agenda.add_item(m.id, "Resa till Finsamkonferensen", ItemKind.BESLUT, text="Konferens i Malmö.")
    clause = svc.paragraphs.add_clause(it.id, "Att uppdra åt förbundschefen att ta fram resealternativ.")
    u = svc.uppdrag.add_uppdrag(
        "Ta fram resealternativ",
        ansvarig="Helena Marklund",
        deadline=date(2027, 1, 20),
        item_id=it.id,
        clause_id=clause.id,
    )
    tab, ctx = make_tab(qtbot, workspace)
    ctx.undo_group.setActiveStack(tab.undo_stack)  # what the main window does for the current tab
    undo = ctx.undo_group.createUndoAction(tab, "Ångra")
    undo.setShortcut(QKeySequence.StandardKey.Undo)
    tab.addAction(undo)
    before = [(r.number_text, r.rubrik) for r in tab.para_model.rows]
    assert tab.pages.tabText(3) == "Öppna &uppdrag (1)"
    select_rubrik(tab, "Resa till Finsamkonferensen")
    tab.paragraphs.setFocus()
    QTest.keyClick(tab.paragraphs, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
    assert "Resa till Finsamkonferensen" not in [r.rubrik for r in tab.para_model.rows]
    assert svc.uppdrag.list_uppdrag() == [] and tab.pages.tabText(3) == "Öppna &uppdrag (0)"

    QTest.keyClick(tab.paragraphs, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)

    assert [(r.number_text, r.rubrik) for r in tab.para_model.rows] == before
    assert tab.pages.tabText(3) == "Öppna &uppdrag (1)"
    assert tab.uppdrag_model.index(0, 0).data() == "Ta fram resealternativ"
    [back] = svc.uppdrag.list_uppdrag()
    assert (back.id, back.item_id, back.clause_id) == (u.id, it.id, clause.id)
    assert svc.agenda.get_item(it.id).clauses[0].uppdrag_id == u.id
    assert tab.item_id == it.id
    assert tab.editor.clauses.rows[0].uppdrag.text() == "Uppdrag ✓"
    # redo and undo again: still the same § and uppdrag
    tab.undo_stack.redo()
    assert svc.uppdrag.list_uppdrag() == []
    tab.undo_stack.undo()
    assert [x.id for x in svc.uppdrag.list_uppdrag()] == [u.id]
    assert [h.item_id for h in svc.search.search("resealternativ")] == [it.id]


def test_protocol_and_kallelse_pdfs_are_made_in_the_background(qtbot, workspace, monkeypatch):
    meeting(workspace.services)
    tab, _ctx = make_tab(qtbot, workspace)
    made: list[tuple[str, bytes]] = []
    monkeypatch.setattr(tab.export_ctl, "_offer_pdf", lambda name, data, *_: made.append((name, data)))
    tab.export_protocol.click()
    qtbot.waitUntil(lambda: len(made) == 1, timeout=15000)
    tab.export_kallelse.click()
    qtbot.waitUntil(lambda: len(made) == 2, timeout=15000)
    (pname, pdata), (kname, kdata) = made
    assert pname == "Protokoll Styrelsen 2026-11-27 UTKAST.pdf" and pdata.startswith(b"%PDF")
    assert kname == "Kallelse Styrelsen 2026-11-27.pdf" and kdata.startswith(b"%PDF")


def test_tab_moves_from_the_text_through_the_att_satser(qtbot, workspace):
    m = meeting(workspace.services)
    svc = workspace.services.meetings
    it = svc.agenda.add_item(m.id, "Budget 2027", ItemKind.BESLUT)
    svc.paragraphs.add_clause(it.id, "Att fastställa budgeten.")
    svc.paragraphs.add_clause(it.id, "Att uppdra åt förbundschefen att redovisa utfallet.")
    tab, _ctx = make_tab(qtbot, workspace)
    select_rubrik(tab, "Budget 2027")
    tab.editor.text.setFocus()
    rows = tab.editor.clauses.rows
    QTest.keyClick(tab.editor.text, Qt.Key.Key_Tab)
    assert rows[0].edit.hasFocus()
    for widget in (rows[0].edit, rows[0].uppdrag, rows[0].remove):  # each att-sats with its buttons
        QTest.keyClick(widget, Qt.Key.Key_Tab)
    assert rows[1].edit.hasFocus()
    QTest.keyClick(rows[1].edit, Qt.Key.Key_Tab)
    assert rows[1].uppdrag.hasFocus()
    QTest.keyClick(rows[1].uppdrag, Qt.Key.Key_Tab)
    QTest.keyClick(rows[1].remove, Qt.Key.Key_Tab)
    assert tab.editor.clauses.add.hasFocus()


def test_choosing_the_justerare_writes_the_att_sats_and_can_be_undone(qtbot, demo_workspace):
    svc = demo_workspace.services.meetings
    m = svc.meetings.create_meeting(date(2026, 12, 18))
    tab, _ctx = make_tab(qtbot, demo_workspace)
    tab.goto_item(m.id, None)
    select_rubrik(tab, "Val av justerare")
    combo = tab.editor.justerare
    assert tab.editor.justerare_row.isVisibleTo(tab)
    combo.setCurrentIndex(combo.findText("Johan Eklund"))
    combo.activated.emit(combo.currentIndex())
    item = svc.agenda.get_item(tab.item_id)
    assert [c.text for c in item.clauses] == ["Att utse Johan Eklund att jämte ordförande justera dagens protokoll."]
    assert tab.editor.clauses.rows[0].edit.toPlainText() == item.clauses[0].text
    assert tab.attendance.justerare.currentText() == "Johan Eklund"
    tab.undo_stack.undo()
    assert svc.agenda.get_item(tab.item_id).clauses == ()


def test_partial_attendance_gets_a_paragraph_range(qtbot, workspace):
    m = meeting(workspace.services)
    svc = workspace.services.meetings
    svc.attendance.add_attendee(m.id, AttendanceRole.OVRIG, namn="Veronika Bäckman", organisation="Arbetsförmedlingen")
    tab, _ctx = make_tab(qtbot, workspace)
    view = tab.attendance
    table = view.tables[AttendanceRole.OVRIG]
    row = next(r for r in range(table.model().rowCount()) if table.model().row_at(r).namn == "Veronika Bäckman")
    table.setCurrentIndex(table.model().index(row, 0))
    assert view.sel_name.text() == "Veronika Bäckman"
    view.sel_from.setCurrentIndex(1)
    view.sel_from.activated.emit(1)
    view.sel_to.setCurrentIndex(3)
    view.sel_to.activated.emit(3)
    [att] = [a for a in svc.meetings.get_meeting(m.id).attendance if a.namn == "Veronika Bäckman"]
    assert att.range_text == "§ 1–3"
    model = view.models[AttendanceRole.OVRIG]
    shown = [model.index(r, 2).data() for r in range(model.rowCount()) if model.row_at(r).namn == "Veronika Bäckman"]
    assert shown == ["§ 1–3"]


def test_a_file_becomes_a_numbered_bilaga_of_the_paragraph(qtbot, workspace, tmp_path):
    m = meeting(workspace.services)
    svc = workspace.services.meetings
    svc.agenda.add_item(m.id, "Verksamhetsplan 2027", ItemKind.BESLUT)
    tab, _ctx = make_tab(qtbot, workspace)
    select_rubrik(tab, "Verksamhetsplan 2027")
    path = tmp_path / "Verksamhetsplan 2027.pdf"
    path.write_bytes(b"%PDF-1.4 verksamhetsplan")
    tab.bilaga_ctl.add_bilaga_file(path)
    assert tab.editor.bilagor.item(0).text().startswith("Bilaga 1 – Verksamhetsplan 2027 (Verksamhetsplan 2027.pdf")
    assert tab.para_model.rows[tab.para_model.row_of(tab.item_id)].bilagor == "Bilaga 1"
    assert tab.bilaga_model.rowCount() == 1
    tab.undo_stack.undo()
    assert svc.agenda.get_item(tab.item_id).bilaga_ids == ()
    assert tab.editor.bilagor.item(0).text() == "Inga bilagor till denna punkt."
    assert m.id == tab.detail.meeting.id


def test_reservation_is_recorded_and_undone(qtbot, demo_workspace):
    svc = demo_workspace.services.meetings
    m = svc.meetings.create_meeting(date(2026, 12, 18))
    tab, _ctx = make_tab(qtbot, demo_workspace)
    tab.goto_item(m.id, None)
    select_rubrik(tab, "Fastställande av dagordning")
    editor = tab.editor
    editor.set_more_open(True)
    editor.res_person.setCurrentIndex(editor.res_person.findText("Mikael Hedlund"))
    type_text(editor.res_motivering, "Vill ha frågan på nästa möte.")
    editor.add_res.click()
    item = svc.agenda.get_item(tab.item_id)
    assert [r.sentence for r in item.reservations] == [
        "Mikael Hedlund reserverar sig mot beslutet: Vill ha frågan på nästa möte."
    ]
    assert editor.reservations.item(0).text() == item.reservations[0].sentence
    assert "1 reservation" in editor.more_summary.text()
    tab.undo_stack.undo()
    assert svc.agenda.get_item(tab.item_id).reservations == ()


def test_removing_a_reservation_is_undone_with_its_text(qtbot, demo_workspace):
    svc = demo_workspace.services.meetings
    m = svc.meetings.create_meeting(date(2026, 12, 18))
    tab, _ctx = make_tab(qtbot, demo_workspace)
    tab.goto_item(m.id, None)
    select_rubrik(tab, "Fastställande av dagordning")
    editor = tab.editor
    editor.set_more_open(True)
    editor.res_person.setCurrentIndex(editor.res_person.findText("Mikael Hedlund"))
    type_text(editor.res_motivering, "Vill ha frågan på nästa möte.")
    editor.add_res.click()
    sentence = svc.agenda.get_item(tab.item_id).reservations[0].sentence

    editor.reservations.setCurrentRow(0)
    editor.remove_res.click()
    assert svc.agenda.get_item(tab.item_id).reservations == ()
    assert editor.reservations.count() == 0
    tab.undo_stack.undo()
    assert [r.sentence for r in svc.agenda.get_item(tab.item_id).reservations] == [sentence]
    tab.undo_stack.redo()
    assert svc.agenda.get_item(tab.item_id).reservations == ()


def test_news_from_other_tabs_reload_the_list_and_undo_belongs_to_the_group(qtbot, workspace):
    meeting(workspace.services)
    tab, ctx = make_tab(qtbot, workspace)
    assert tab.undo_stack in ctx.undo_group.stacks()
    assert tab.meeting_model.rowCount() == 1
    workspace.services.meetings.meetings.create_meeting(date(2026, 12, 18), with_agenda=False, prefill_attendance=False)
    assert tab.meeting_model.rowCount() == 1
    ctx.events.area_changed.emit("arshjul")
    assert tab.meeting_model.rowCount() == 2
    # a bare meeting (from the årshjul) gets its dagordning from the template with one button
    tab.goto_item(tab.meeting_model.rows[-1].id, None)
    assert tab.para_model.rowCount() == 0 and tab.from_template.isVisibleTo(tab)
    tab.from_template.click()
    assert tab.para_model.rowCount() > 5 and not tab.from_template.isVisibleTo(tab)
    ctx.events.workspace_replaced.emit()
    assert tab.meeting_model.rowCount() == 2


def test_in_the_main_window_ctrl_n_adds_a_paragraph_not_a_database(qtbot, demo_workspace):
    from PySide6.QtWidgets import QApplication

    from finsam_desktop.ui.main_window import MainWindow

    window = MainWindow(demo_workspace)
    qtbot.addWidget(window)
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    window.windowHandle().requestActivate()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.tabs.setCurrentIndex(1)
    tab = window.tabs.currentWidget().ensure_built()
    assert tab.undo_stack is not None
    asked: list[bool] = []
    window.new_requested.connect(lambda: asked.append(True))
    tab.goto_item(demo_workspace.services.meetings.meetings.list_meetings()[-1].id, None)
    assert tab.editable
    tab.paragraphs.setFocus()
    before = tab.para_model.rowCount()
    QTest.keyClick(tab.paragraphs, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert tab.para_model.rowCount() == before + 1 and not asked
    # Redigera → Ångra in the menu undoes it
    window.action_undo.trigger()
    assert tab.para_model.rowCount() == before


def test_delpunkter_with_their_own_decisions(qtbot, workspace):
    meeting(workspace.services)
    svc = workspace.services.meetings
    tab, _ctx = make_tab(qtbot, workspace)
    select_rubrik(tab, "Övriga frågor")
    tab.editor.add_part.click()
    [box] = tab.editor.part_boxes
    assert box.rubrik.hasFocus()
    type_text(box.rubrik, "Lunch för finansierad personal")
    box.text.setFocus()
    type_text(box.text, "Förbundschefen föreslår en gemensam lunch i december.")
    box.clauses.add.click()
    [row] = tab.editor.part_boxes[0].clauses.rows
    assert row.edit.hasFocus()
    type_text(row.edit, "bjuda den personal som förbundet finansierar på lunch.")
    tab._autosave.flush()
    [part] = svc.agenda.get_item(tab.item_id).parts
    assert part.rubrik == "Lunch för finansierad personal"
    assert part.text == "Förbundschefen föreslår en gemensam lunch i december."
    assert [c.text for c in part.clauses] == ["Att bjuda den personal som förbundet finansierar på lunch."]
    assert svc.agenda.get_item(tab.item_id).clauses == ()  # the main decision is untouched


def test_omrostning_by_name_is_counted(qtbot, demo_workspace):
    svc = demo_workspace.services.meetings
    m = svc.meetings.create_meeting(date(2026, 12, 18))
    tab, _ctx = make_tab(qtbot, demo_workspace)
    tab.goto_item(m.id, None)
    select_rubrik(tab, "Fastställande av dagordning")
    tab.editor.set_more_open(True)

    def vote(dialog):
        type_text(dialog.proposition, "bifall till förslaget")
        names = list(dialog.by_name)
        for pid in names[:4]:
            combo = dialog.by_name[pid]
            combo.setCurrentIndex(combo.findText("Ja"))
        combo = dialog.by_name[names[4]]
        combo.setCurrentIndex(combo.findText("Nej"))
        assert (dialog.ja.value(), dialog.nej.value()) == (4, 1)
        dialog.accept()

    when_dialog(vote)
    tab.editor.vote.click()
    v = svc.agenda.get_item(tab.item_id).vote
    assert (v.ja, v.nej, v.avstar, v.sluten) == (4, 1, 0, False)
    assert tab.editor.vote_summary.text() == v.summary
    assert "Omröstning om bifall till förslaget: 4 ja, 1 nej, 0 avstår." in v.summary
    tab.undo_stack.undo()
    assert svc.agenda.get_item(tab.item_id).vote is None


def test_changing_the_type_shows_in_the_list_and_undoes(qtbot, workspace):
    m = meeting(workspace.services)
    svc = workspace.services.meetings
    svc.agenda.add_item(m.id, "Information om Finsamkonferensen", ItemKind.BESLUT)
    tab, _ctx = make_tab(qtbot, workspace)
    select_rubrik(tab, "Information om Finsamkonferensen")
    combo = tab.editor.typ
    combo.setCurrentIndex(combo.findText("Information"))
    combo.activated.emit(combo.currentIndex())
    assert svc.agenda.get_item(tab.item_id).typ is ItemKind.INFORMATION
    assert tab.para_model.index(tab.para_model.row_of(tab.item_id), 2).data() == "Information"
    assert tab.undo_stack.undoText() == "Ändra typ till information"
    tab.undo_stack.undo()
    assert svc.agenda.get_item(tab.item_id).typ is ItemKind.BESLUT
    assert tab.editor.typ.currentText() == "Beslut"


def test_the_phrase_library_can_be_edited_and_is_offered(qtbot, workspace):
    from finsam_desktop.ui.sammantraden.dialogs import PhraseDialog

    svc = workspace.services.meetings
    dialog = PhraseDialog(svc)
    qtbot.addWidget(dialog)
    count = dialog.list.count()
    assert count == len(svc.paragraphs.list_phrases()) > 0
    dialog.new.click()
    type_text(dialog.text, "tacka för informationen")
    dialog.kategori.setText("Information")
    dialog.save.click()
    assert dialog.list.count() == count + 1
    assert "Att tacka för informationen" in [p.text for p in svc.paragraphs.list_phrases()]
    dialog.remove.click()
    assert "Att tacka för informationen" not in [p.text for p in svc.paragraphs.list_phrases()]
    dialog.text.clear()
    dialog.save.click()
    assert "tom" in dialog.error.text()


def test_first_paragraph_number_for_a_mid_year_start(qtbot, workspace, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    meeting(workspace.services)
    tab, _ctx = make_tab(qtbot, workspace)
    monkeypatch.setattr(QInputDialog, "getInt", lambda *a, **k: (98, True))
    tab.act_series.trigger()
    assert tab.meeting_model.index(0, 3).data().startswith("§ 98–")
    assert tab.para_model.rows[0].number_text == "§ 98"


def test_attendance_add_move_and_remove_through_the_pane(qtbot, workspace):
    m = meeting(workspace.services)
    svc = workspace.services.meetings
    tab, _ctx = make_tab(qtbot, workspace)
    view = tab.attendance
    view.add_person.setEditText("Eva Sonidsson")
    view.add_roll.setCurrentIndex(view.add_roll.findText("Övrig"))
    type_text(view.add_org, "Förtroendevald revisor")
    view.add_button.click()
    view.add_person.setEditText("Jan Andersson")
    view.add_org.setText("Förbundschef/sekreterare")
    view.add_button.click()
    names = [a.namn for a in svc.meetings.get_meeting(m.id).attendance if a.roll is AttendanceRole.OVRIG]
    assert names == ["Eva Sonidsson", "Jan Andersson"]
    assert view.sel_name.text() == "Jan Andersson"  # the added person is selected
    view.sel_up.click()
    names = [a.namn for a in svc.meetings.get_meeting(m.id).attendance if a.roll is AttendanceRole.OVRIG]
    assert names == ["Jan Andersson", "Eva Sonidsson"]
    model = view.models[AttendanceRole.OVRIG]
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == names
    view.sel_remove.click()
    assert [a.namn for a in svc.meetings.get_meeting(m.id).attendance] == ["Eva Sonidsson"]


def test_meeting_details_changed_and_meeting_deleted(qtbot, workspace, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    m = meeting(workspace.services)
    other = workspace.services.meetings.meetings.create_meeting(date(2026, 12, 18))
    tab, _ctx = make_tab(qtbot, workspace)
    tab.goto_item(m.id, None)

    def change(dialog):
        assert dialog.windowTitle() == "Ändra sammanträde"
        dialog.plats.setText("Stadshuset, rum 3")
        dialog.digital.setChecked(True)
        dialog.accept()

    when_dialog(change)
    tab.edit_meeting.click()
    summary = workspace.services.meetings.meetings.get_meeting(m.id).meeting
    assert summary.place_text == "Stadshuset, rum 3 (och digitalt)"
    assert "Stadshuset, rum 3 (och digitalt)" in tab.subtitle.text()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    tab.delete_meeting.click()
    assert [x.id for x in workspace.services.meetings.meetings.list_meetings()] == [other.id]
    assert [r.id for r in tab.meeting_model.rows] == [other.id]
    assert tab.detail.meeting.id == other.id


def test_a_phrase_with_blanks_puts_the_cursor_in_the_first_blank(qtbot, workspace, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    from finsam_desktop.domain.sammantraden.items import StandardPhrase

    svc = workspace.services.meetings
    svc.paragraphs.save_phrase(StandardPhrase(0, "Ombud", "Att utse … som ombud för förbundet."))
    meeting(workspace.services)
    tab, _ctx = make_tab(qtbot, workspace)
    select_rubrik(tab, "Inbjudningar")
    monkeypatch.setattr(
        QInputDialog, "getItem", lambda *a, **k: (next(x for x in a[3] if "som ombud för förbundet." in x), True)
    )
    tab.editor.clauses.phrase.click()
    [row] = tab.editor.clauses.rows
    assert row.edit.hasFocus() and row.edit.textCursor().position() == len("Att utse ")
    row.edit.textCursor().deleteChar()
    type_text(row.edit, "Helena Marklund")
    tab._autosave.flush()
    assert [c.text for c in svc.agenda.get_item(tab.item_id).clauses] == [
        "Att utse Helena Marklund som ombud för förbundet."
    ]


def test_attendance_changes_are_undoable(qtbot, demo_workspace):
    svc = demo_workspace.services.meetings
    m = svc.meetings.create_meeting(date(2026, 12, 18))
    tab, _ctx = make_tab(qtbot, demo_workspace)
    tab.goto_item(m.id, None)
    view = tab.attendance
    start = [(a.namn, a.roll, a.narvarande) for a in svc.meetings.get_meeting(m.id).attendance]
    # Olof Strand serves for the absent Eva Forsberg: she is marked absent, beslutförhet is kept
    table = view.tables[AttendanceRole.ERSATTARE]
    row = next(r for r in range(table.model().rowCount()) if table.model().row_at(r).namn == "Olof Strand")
    table.setCurrentIndex(table.model().index(row, 0))
    view.sel_roll.setCurrentIndex(view.sel_roll.findData(AttendanceRole.TJANSTGORANDE))
    view.sel_roll.activated.emit(view.sel_roll.currentIndex())
    view.sel_replaces.setCurrentIndex(view.sel_replaces.findText("Eva Forsberg"))
    view.sel_replaces.activated.emit(view.sel_replaces.currentIndex())
    detail = svc.meetings.get_meeting(m.id)
    olof = next(a for a in detail.attendance if a.namn == "Olof Strand")
    eva = next(a for a in detail.attendance if a.namn == "Eva Forsberg")
    assert olof.roll is AttendanceRole.TJANSTGORANDE and olof.ersatter_namn == "Eva Forsberg"
    assert not eva.narvarande
    assert view.models[AttendanceRole.TJANSTGORANDE].index(0, 2).data() == "ersätter Eva Forsberg"
    assert detail.quorum.beslutfor
    # remove someone, then undo everything back to the start
    table = view.tables[AttendanceRole.OVRIG]
    table.setCurrentIndex(table.model().index(0, 0))
    view.sel_remove.click()
    assert len(svc.meetings.get_meeting(m.id).attendance) == len(start) - 1
    while tab.undo_stack.canUndo():
        tab.undo_stack.undo()
    after = [(a.namn, a.roll, a.narvarande) for a in svc.meetings.get_meeting(m.id).attendance]
    assert after == start


def test_a_justering_sub_tab_that_fails_to_build_does_not_take_the_tab_with_it(qtbot, workspace, monkeypatch):
    from finsam_desktop.ui.justering import view as justering_view

    tab, _ctx = make_tab(qtbot, workspace)
    titles = [tab.pages.tabText(i) for i in range(tab.pages.count())]
    assert titles == ["&Dagordning och protokoll", "&Närvaro", "B&ilagor", "Öppna &uppdrag (0)", "&Justering && anslag"]

    def broken(_ctx):
        raise RuntimeError("trasig")

    monkeypatch.setattr(justering_view, "create_justering_view", broken)
    tab2, _ctx = make_tab(qtbot, workspace)
    assert tab2.pages.tabText(4) == "&Justering && anslag"
    assert "kunde inte visas: trasig" in tab2.justering.text()
