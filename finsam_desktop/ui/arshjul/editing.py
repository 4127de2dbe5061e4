"""Controller for editing the year on the Årshjul tab: open an occurrence, change its status, move it,
new/edit/delete an event series, "markera passerade som klara" – each as one undoable step."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from finsam_desktop.domain.arshjul.events import EventDef
from finsam_desktop.domain.arshjul.occurrences import Occurrence
from finsam_desktop.domain.arshjul.overrides import Status
from finsam_desktop.domain.common.errors import FinsamError, ValidationError
from finsam_desktop.ui.arshjul.dialogs.common import show_error
from finsam_desktop.ui.arshjul.dialogs.event import EventDialog
from finsam_desktop.ui.arshjul.dialogs.occurrence import OccurrenceDialog
from finsam_desktop.ui.widgets.undo import perform

if TYPE_CHECKING:
    from finsam_desktop.ui.arshjul.tab import ArshjulTab


class EditingController:
    def __init__(self, tab: ArshjulTab):
        self.tab = tab
        self.svc = tab.svc

    def do(self, text: str, action, undo, redo, area: str = "arshjul"):
        """Run ``action`` as one step on the tab's undo stack; errors are shown, not raised."""
        tab = self.tab
        try:
            return perform(
                tab.undo_stack,
                text,
                action,
                undo,
                redo,
                on_changed=lambda: tab.changed(area),
                on_error=lambda exc: show_error(tab, exc),
            )
        except FinsamError as exc:
            show_error(tab, exc)
            return None

    def open_occurrence(self, o: Occurrence) -> None:
        tab = self.tab
        names = {c.key: c.namn for c in tab.view.categories}
        go = tab.ctx.go_to_area
        dialog = OccurrenceDialog(o, names.get(o.category, o.category), tab.ctx.read_only, tab, go is not None)
        if dialog.exec() != OccurrenceDialog.DialogCode.Accepted or dialog.action is None:
            return
        action = dialog.action
        if action == OccurrenceDialog.ACTION_GO_TO_AREA:
            if go is not None:
                go(o.status_area)
        elif action == OccurrenceDialog.ACTION_EDIT:
            self.edit_event(o.event_id)
        elif action == OccurrenceDialog.ACTION_DELETE:
            self.delete_event(o.event_id)
        elif action == OccurrenceDialog.ACTION_MOVE:
            self.move(o, dialog.move_date.value())
        elif action == OccurrenceDialog.ACTION_RESET:
            self.move(o, None)
        elif action == OccurrenceDialog.ACTION_NOTE:
            note = dialog.note.text()
            self.do(
                "Anteckning",
                lambda: self.svc.events.set_occurrence_note(o.event_id, o.key, note),
                undo=lambda prev: self.svc.events.restore_override(prev),
                redo=lambda _prev: self.svc.events.set_occurrence_note(o.event_id, o.key, note),
            )
        else:
            status = {
                OccurrenceDialog.ACTION_DONE: Status.KLAR,
                OccurrenceDialog.ACTION_CANCEL: Status.INSTALLD,
                OccurrenceDialog.ACTION_PLANNED: Status.PLANERAD,
            }[action]
            self.set_status(o, status)

    def set_status(self, o: Occurrence, status: Status) -> None:
        if o.event_id is None:
            return
        if o.status_from:  # decided in another area: say where, change nothing
            show_error(self.tab, ValidationError(o.status_from))
            return
        self.do(
            f"{status.label}: {o.title}",
            lambda: self.svc.events.set_status(o.event_id, o.key, status),
            undo=lambda prev: self.svc.events.restore_override(prev),
            redo=lambda _prev: self.svc.events.set_status(o.event_id, o.key, status),
        )

    def move(self, o: Occurrence, new_date: date | None) -> None:
        if o.meeting_id is not None:
            if new_date is None:
                return
            mid = o.meeting_id
            self.do(
                f"Flytta sammanträdet {o.date.isoformat()}",
                lambda: self.svc.plan.move_meeting(mid, new_date),
                undo=lambda old: self.svc.plan.move_meeting(mid, old),
                redo=lambda _old: self.svc.plan.move_meeting(mid, new_date),
                area="sammantraden",
            )
            return
        self.do(
            f"Flytta {o.title}",
            lambda: self.svc.events.move_occurrence(o.event_id, o.key, new_date),
            undo=lambda prev: self.svc.events.restore_override(prev),
            redo=lambda _prev: self.svc.events.move_occurrence(o.event_id, o.key, new_date),
        )

    def _event_dialog(self, event: EventDef | None) -> EventDef | None:
        view = self.tab.view
        anchors = [e for e in view.events if e.relative is None or e.relative.anchor_event_id is None]
        responsibles = sorted({o.responsible for o in view.occurrences if o.responsible})
        dialog = EventDialog(view.year, list(view.categories), anchors, event, responsibles, self.tab)
        if dialog.exec() != EventDialog.DialogCode.Accepted:
            return None
        return dialog.result_event

    def new_event(self) -> None:
        event = self._event_dialog(None)
        if event is None:
            return
        self.do(
            f"Ny händelse: {event.title}",
            lambda: self.svc.events.save_event(event),
            undo=lambda saved: self.svc.events.delete_event(saved.id),
            redo=lambda saved: self.svc.events.save_event(saved),
        )

    def edit_event(self, event_id: int) -> None:
        try:
            old = self.svc.events.get_event(event_id)
        except FinsamError as exc:
            show_error(self.tab, exc)
            return
        new = self._event_dialog(old)
        if new is None:
            return
        self.do(
            f"Ändra {new.title}",
            lambda: self.svc.events.save_event(new),
            undo=lambda _saved: self.svc.events.save_event(old),
            redo=lambda _saved: self.svc.events.save_event(new),
        )

    def delete_event(self, event_id: int) -> None:
        self.do(
            "Ta bort händelse",
            lambda: self.svc.events.delete_event(event_id),
            undo=lambda snap: self.svc.events.restore_event(snap),
            redo=lambda snap: self.svc.events.delete_event(snap.event.id),
        )

    def mark_passed(self) -> None:
        year = self.tab.toolbar.year.value()
        until = min(self.tab.today, date(year, 12, 31))
        self.do(
            "Markera passerade som klara",
            lambda: self.svc.events.mark_passed_done(year, until),
            undo=lambda prev: self.svc.events.restore_overrides(prev),
            redo=lambda _prev: self.svc.events.mark_passed_done(year, until),
        )
