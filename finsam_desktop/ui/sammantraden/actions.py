"""The tab's keyboard actions (shortcuts and where they apply) and the Kortkommandon help text."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox, QWidget

from finsam_desktop.ui.widgets.keys import give_shortcut, list_action, share_action

KEYS_HELP = """Ctrl+Skift+N	Nytt sammanträde
Ctrl+N	Ny § efter den markerade
Alt+Upp / Alt+Ner	Flytta § upp / ner (numren följer)
Alt+PgUp / Alt+PgDn	Föregående / nästa §
F6	Till §-listan
Skift+F6	Till rubriken
Ctrl+Retur	Ny att-sats
Ctrl+Skift+F	Infoga standardfras som att-sats
Ctrl+Skift+U	Punkten utgår / tas tillbaka
Ctrl+Delete	Ta bort § (i §-listan)
Ctrl+Skift+Backsteg	Ta bort att-satsen / delpunkten du skriver i
Ctrl+Skift+A	Uppdrag från att-satsen du skriver i
Ctrl+Skift+D	Ny delpunkt med eget beslut
Ctrl+Skift+J	För in föreslagna jävsanteckningar
Ctrl+Skift+O	Omröstning
Ctrl+Skift+Delete	Ta bort omröstningen
Retur	Lägg till jäv / reservation (i dess fält)
Delete	Ta bort markerad bilaga, jäv, reservation (i listan)
Ctrl+F	Sök i alla protokoll (Esc tillbaka, Ner till träffarna)
Ctrl+Z / Ctrl+Y	Ångra / gör om
Alt+D, Alt+N, Alt+I, Alt+U	Flikarna Dagordning, Närvaro, Bilagor, Uppdrag
Texter sparas medan du skriver."""


def show_keys(parent: QWidget) -> None:
    QMessageBox.information(parent, "Kortkommandon i Sammanträden", KEYS_HELP)


def add_action(tab: QWidget, text: str, shortcut: str, slot, widget: QWidget | None = None) -> QAction:
    action = QAction(text, tab)
    action.setShortcut(QKeySequence(shortcut))
    action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    action.triggered.connect(slot)
    (widget or tab).addAction(action)
    return action


def build_actions(tab) -> None:
    """Add the shortcuts to ``tab`` (a ``SammantradenTab``) as ``tab.act_*``; they call its controllers."""
    tab.act_new_meeting = add_action(tab, "Nytt sammanträde", "Ctrl+Shift+N", tab.meeting_ctl._on_new_meeting)
    tab.act_search = add_action(tab, "Sök", "Ctrl+F", tab.search_ctl._focus_search)
    # the § shortcuts work while the focus is on the dagordning page (not in the other sub-tabs)
    page = tab.agenda_page
    tab.act_move_up = add_action(tab, "Flytta upp", "Alt+Up", lambda: tab.agenda_ctl._on_move(-1), page)
    tab.act_move_down = add_action(tab, "Flytta ner", "Alt+Down", lambda: tab.agenda_ctl._on_move(+1), page)
    tab.act_prev = add_action(tab, "Föregående §", "Alt+PgUp", lambda: tab.agenda_ctl._step_item(-1), page)
    tab.act_next = add_action(tab, "Nästa §", "Alt+PgDown", lambda: tab.agenda_ctl._step_item(+1), page)
    tab.act_strike = add_action(tab, "Utgår", "Ctrl+Shift+U", tab.agenda_ctl._on_strike, page)
    tab.act_list = add_action(tab, "Till §-listan", "F6", lambda: tab.paragraphs.setFocus(), page)
    tab.act_editor = add_action(tab, "Till rubriken", "Shift+F6", lambda: tab.editor.rubrik.setFocus(), page)
    tab.act_save = add_action(tab, "Spara nu", "Ctrl+S", tab._on_save_now)
    tab.act_delete = add_action(tab, "Ta bort §", "Ctrl+Del", tab.agenda_ctl._on_remove_item, tab.paragraphs)
    tab.act_add_clause = add_action(
        tab,
        "Ny att-sats",
        "Ctrl+Return",
        lambda: tab.clause_ctl._on_add_clause(tab.clause_ctl._focused_part(), "Att "),
        tab.editor,
    )
    # the buttons that do the same answer the same keys (and say so in their tooltips)
    share_action(tab.new_meeting, tab.act_new_meeting)
    share_action(tab.move_up, tab.act_move_up)
    share_action(tab.move_down, tab.act_move_down)
    share_action(tab.strike, tab.act_strike)
    share_action(tab.editor.utgar, tab.act_strike)
    share_action(tab.remove_item, tab.act_delete)
    share_action(tab.editor.clauses.add, tab.act_add_clause)
    give_shortcut(tab.editor.add_part, "Ctrl+Shift+D")
    list_action(tab.editor.bilagor, tab.editor.open_bilaga, "Return")
    list_action(tab.editor.bilagor, tab.editor.unlink_bilaga, "Delete")
    # the jäv, omröstning and reservation section: the page's letters are spent
    e = tab.editor
    give_shortcut(e.apply_jav, "Ctrl+Shift+J")
    for field in (e.jav_person, e.jav_kind):
        list_action(field, e.add_jav, "Return")
    list_action(e.jav_list, e.remove_jav, "Delete")
    give_shortcut(e.vote, "Ctrl+Shift+O")
    give_shortcut(e.clear_vote, "Ctrl+Shift+Del")
    for field in (e.res_person, e.res_motivering):
        list_action(field, e.add_res, "Return")
    list_action(e.reservations, e.remove_res, "Delete")
    tab.editor.add_clause_action = tab.act_add_clause
    tab.editor.phrase_action.triggered.connect(lambda: tab.clause_ctl._on_phrase(tab.clause_ctl._focused_part()))
