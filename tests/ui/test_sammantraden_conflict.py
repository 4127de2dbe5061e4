"""Two users on one shared database (issue 17): what the second one sees when the first saved the same text."""

from __future__ import annotations

from tests.ui.test_sammantraden_tab import (  # noqa: F401 - the autouse fixture is re-used
    _no_modal_boxes,
    make_tab,
    meeting,
    select_rubrik,
    type_text,
)


def test_typing_over_a_text_someone_else_saved_keeps_mine_and_says_who(qtbot, workspace):
    svc = workspace.services.meetings
    meeting(workspace.services)
    tab, _ctx = make_tab(qtbot, workspace)
    select_rubrik(tab, "Övriga frågor")
    iid = tab.item_id
    # The colleague saves the same § text while my editor shows the § (as another program on the server would).
    svc.agenda.update_paragraph_text(iid, "Kollegans anteckning.", expected="")
    tab.editor.text.setFocus()
    type_text(tab.editor.text, "Min anteckning.")
    tab._autosave.flush()

    message = tab.property("last_message")
    assert "ändrade § " in message and "ladda om" in message, message
    assert "Det du skrev finns kvar i fältet." in message
    assert tab.editor.text.toPlainText() == "Min anteckning."  # nothing typed is lost
    assert svc.agenda.get_item(iid).text == "Kollegans anteckning."  # nothing of theirs is overwritten
    assert tab.undo_stack.count() == 0  # a refused save is no edit to undo


def test_my_own_successive_saves_are_never_a_conflict(qtbot, workspace):
    svc = workspace.services.meetings
    meeting(workspace.services)
    tab, _ctx = make_tab(qtbot, workspace)
    select_rubrik(tab, "Övriga frågor")
    iid = tab.item_id
    tab.editor.text.setFocus()
    for part in ("Inga ", "övriga ", "frågor."):
        type_text(tab.editor.text, part)
        tab._autosave.flush()
    assert svc.agenda.get_item(iid).text == "Inga övriga frågor."
    assert "ladda om" not in (tab.property("last_message") or "")
