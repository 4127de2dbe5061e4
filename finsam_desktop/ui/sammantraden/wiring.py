"""The signal connections of the Sammanträden tab: each widget of the views to its controller's slot."""

from __future__ import annotations

from PySide6.QtCore import QTimer

from finsam_desktop.ui.sammantraden.actions import show_keys


def _show_keys(tab) -> None:
    """The guide's Kortkommandon page at this tab's keys (made from the real actions), or the short list when the
    tab is shown outside the main window."""
    window = tab.window()
    if hasattr(window, "show_help"):
        window.show_help("kortkommandon#sammantraden")
    else:
        show_keys(tab)


def wire(tab) -> None:
    """Connect the views of ``tab`` (a ``SammantradenTab``) to its controllers."""
    tab.year.currentIndexChanged.connect(lambda _i: tab.meeting_loader._reload_meetings())
    tab.status_filter.currentIndexChanged.connect(lambda _i: tab.meeting_loader._reload_meetings())
    tab.new_meeting.clicked.connect(tab.meeting_ctl._on_new_meeting)
    tab.act_keys.triggered.connect(lambda: _show_keys(tab))
    tab.act_phrases.triggered.connect(tab.meeting_ctl._on_phrases)
    tab.act_series.triggered.connect(tab.meeting_ctl._on_series_start)
    tab.meetings.selectionModel().currentRowChanged.connect(tab.meeting_loader._on_meeting_row)
    tab.search.returnPressed.connect(tab.search_ctl._on_search)
    tab.search.installEventFilter(tab)
    tab.results_back.clicked.connect(tab.search_ctl._show_meetings)
    tab.results.activated.connect(tab.search_ctl._on_result)
    tab.results.clicked.connect(tab.search_ctl._on_result)

    tab.next_step.clicked.connect(tab.meeting_ctl._on_next_step)
    tab.edit_meeting.clicked.connect(tab.meeting_ctl._on_edit_meeting)
    tab.delete_meeting.clicked.connect(tab.meeting_ctl._on_delete_meeting)
    tab.export_kallelse.clicked.connect(lambda: tab.export_ctl._export("kallelse"))
    tab.send_kallelse.clicked.connect(tab.export_ctl._send_kallelse)
    tab.export_protocol.clicked.connect(lambda: tab.export_ctl._export("protokoll"))

    tab.paragraphs.selectionModel().currentRowChanged.connect(tab.item_presenter._on_item_row)
    tab.para_model.move_requested.connect(
        lambda src, dst: QTimer.singleShot(0, lambda: tab.agenda_ctl._move_row(src, dst))
    )
    tab.from_template.clicked.connect(tab.agenda_ctl._on_from_template)
    tab.add_item.clicked.connect(tab.agenda_ctl._on_add_item)
    tab.move_up.clicked.connect(lambda: tab.agenda_ctl._on_move(-1))
    tab.move_down.clicked.connect(lambda: tab.agenda_ctl._on_move(+1))
    tab.strike.clicked.connect(tab.agenda_ctl._on_strike)
    tab.remove_item.clicked.connect(tab.agenda_ctl._on_remove_item)

    e = tab.editor
    for widget, field in (
        (e.rubrik, "rubrik"),
        (e.foredragande, "foredragande"),
        (e.diarienummer, "diarienummer"),
        (e.arendebeskrivning, "arendebeskrivning"),
        (e.forslag, "forslag_till_beslut"),
        (e.text, "text"),
        (e.utgar_motivering, "utgar_motivering"),
    ):
        tab._autosave.watch(widget, lambda f=field: tab.item_presenter._item_key(f))
    e.typ.activated.connect(tab.agenda_ctl._on_typ)
    e.sokande.activated.connect(tab.agenda_ctl._on_sokande)
    e.utgar.clicked.connect(lambda _c: tab.agenda_ctl._on_strike())
    e.justeras_omedelbart.clicked.connect(tab.agenda_ctl._on_justeras_omedelbart)
    e.apply_forslag.clicked.connect(tab.clause_ctl._on_apply_forslag)
    e.clauses.add_requested.connect(tab.clause_ctl._on_add_clause)
    e.clauses.phrase_requested.connect(tab.clause_ctl._on_phrase)
    e.clauses.remove_requested.connect(tab.clause_ctl._on_remove_clause)
    e.clauses.uppdrag_requested.connect(tab.uppdrag_ctl._on_uppdrag_from_clause)
    e.add_part.clicked.connect(tab.clause_ctl._on_add_part)
    e.add_file.clicked.connect(tab.bilaga_ctl._on_add_file)
    e.link_bilaga.clicked.connect(tab.bilaga_ctl._on_link_bilaga)
    e.unlink_bilaga.clicked.connect(tab.bilaga_ctl._on_unlink_bilaga)
    e.open_bilaga.clicked.connect(tab.bilaga_ctl._on_open_item_bilaga)
    e.bilagor.itemActivated.connect(lambda _i: tab.bilaga_ctl._on_open_item_bilaga())
    e.apply_jav.clicked.connect(tab.decision_ctl._on_apply_jav)
    e.add_jav.clicked.connect(tab.decision_ctl._on_add_jav)
    e.remove_jav.clicked.connect(tab.decision_ctl._on_remove_jav)
    e.vote.clicked.connect(tab.decision_ctl._on_vote)
    e.clear_vote.clicked.connect(tab.decision_ctl._on_clear_vote)
    e.add_res.clicked.connect(tab.decision_ctl._on_add_reservation)
    e.remove_res.clicked.connect(tab.decision_ctl._on_remove_reservation)

    a = tab.attendance
    a.prefill.clicked.connect(tab.attendance_ctl._on_prefill)
    a.ordforande.activated.connect(
        lambda _i: tab.attendance_ctl._set_officers(ordforande_person_id=a.ordforande.currentData())
    )
    a.sekreterare.activated.connect(
        lambda _i: tab.attendance_ctl._set_officers(sekreterare_person_id=a.sekreterare.currentData())
    )
    a.justerare.activated.connect(lambda _i: tab.attendance_ctl._on_justerare_combo())
    a.justerare2.activated.connect(lambda _i: tab.attendance_ctl._on_justerare_combo())
    tab.editor.justerare.activated.connect(
        lambda _i: tab.attendance_ctl._set_justerare(
            [tab.editor.justerare.currentData()] if tab.editor.justerare.currentData() else []
        )
    )
    for table in a.tables.values():
        table.selectionModel().currentRowChanged.connect(
            lambda cur, _prev, t=table: tab.attendance_ctl._on_attendee_row(t, cur)
        )
    a.sel_roll.activated.connect(lambda _i: tab.attendance_ctl._update_attendee(roll=a.sel_roll.currentData()))
    a.sel_present.clicked.connect(lambda on: tab.attendance_ctl._update_attendee(narvarande=on))
    a.sel_org.editingFinished.connect(tab.attendance_ctl._on_attendee_org)
    a.sel_replaces.activated.connect(
        lambda _i: tab.attendance_ctl._update_attendee(ersatter_person_id=a.sel_replaces.currentData())
    )
    a.sel_from.activated.connect(lambda _i: tab.attendance_ctl._update_attendee(from_item_id=a.sel_from.currentData()))
    a.sel_to.activated.connect(lambda _i: tab.attendance_ctl._update_attendee(to_item_id=a.sel_to.currentData()))
    a.sel_up.clicked.connect(lambda: tab.attendance_ctl._move_attendee(-1))
    a.sel_down.clicked.connect(lambda: tab.attendance_ctl._move_attendee(+1))
    a.sel_remove.clicked.connect(tab.attendance_ctl._on_remove_attendee)
    a.add_button.clicked.connect(tab.attendance_ctl._on_add_attendee)
    a.add_person.activated.connect(tab.attendance_ctl._on_add_person_chosen)

    tab.bilagor.activated.connect(lambda _i: tab.bilaga_ctl._on_open_bilaga())
    tab.bilaga_open.clicked.connect(tab.bilaga_ctl._on_open_bilaga)
    tab.bilaga_rename.clicked.connect(tab.bilaga_ctl._on_rename_bilaga)
    tab.bilaga_remove.clicked.connect(tab.bilaga_ctl._on_remove_bilaga)

    tab.uppdrag_edit.clicked.connect(tab.uppdrag_ctl._on_edit_uppdrag)
    tab.uppdrag.activated.connect(lambda _i: tab.uppdrag_ctl._on_edit_uppdrag())
    tab.uppdrag_done.clicked.connect(tab.uppdrag_ctl._on_uppdrag_done)
    tab.uppdrag_goto.clicked.connect(tab.uppdrag_ctl._on_uppdrag_goto)
