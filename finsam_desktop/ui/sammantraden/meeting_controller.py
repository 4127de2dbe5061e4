"""Meeting-level commands: create, edit and delete a meeting, the status steps (kallelse sent, genomfört,
protokoll), the standard phrases and the first § number of the year.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QTime
from PySide6.QtWidgets import QInputDialog, QMessageBox

from finsam_desktop import clock
from finsam_desktop.domain.common.errors import FinsamError
from finsam_desktop.domain.sammantraden.kinds import MeetingStatus
from finsam_desktop.ui.sammantraden.controller import TabController
from finsam_desktop.ui.sammantraden.dialogs import (
    KallelseSentDialog,
    NewMeetingDialog,
    PhraseDialog,
)
from finsam_desktop.ui.sammantraden.store import FAILED


class MeetingController(TabController):
    """The slots of the meeting head's buttons and of the Mer-menu."""

    # --- meetings: create, edit, status ---------------------------------------------------------------
    def _on_new_meeting(self) -> None:
        if self.ctx.read_only:
            self.tab._status("Filen är skrivskyddad.", error=True)
            return
        try:
            organs = self.svc.meetings.list_organs()
        except FinsamError as exc:
            self.tab._error(exc)
            return
        last_place = self.tab.detail.meeting.plats if self.tab.detail else ""
        dialog = NewMeetingDialog(organs, clock.today(), self.tab, default_place=last_place)
        while dialog.exec():
            try:
                created = self.svc.meetings.create_meeting(**dialog.values())
            except FinsamError as exc:
                dialog.show_error(str(exc))
                continue
            self._after_create(created)
            return

    def _after_create(self, created) -> None:
        index = self.tab.year.findData(created.datum.year)
        if index < 0:
            self.tab.meeting_loader.reload()
            index = self.tab.year.findData(created.datum.year)
        self.tab.status_filter.blockSignals(True)
        self.tab.status_filter.setCurrentIndex(0)
        self.tab.status_filter.blockSignals(False)
        self.tab.year.blockSignals(True)
        self.tab.year.setCurrentIndex(max(index, 0))
        self.tab.year.blockSignals(False)
        self.tab.search_ctl._show_meetings()
        self.tab.meeting_loader._reload_meetings(select_id=created.id)
        self.tab._changed()
        self.tab.pages.setCurrentIndex(0)
        self.tab.paragraphs.setFocus()

    def _on_edit_meeting(self) -> None:
        if self.tab.detail is None or not self.tab.editable:
            return
        mt = self.tab.detail.meeting
        try:
            organs = self.svc.meetings.list_organs()
        except FinsamError as exc:
            self.tab._error(exc)
            return
        dialog = NewMeetingDialog(organs, mt.datum, self.tab, default_place=mt.plats)
        dialog.setWindowTitle("Ändra sammanträde")
        dialog.organ.setCurrentIndex(max(dialog.organ.findData(mt.organ_id), 0))
        dialog.organ.setEnabled(False)
        dialog.typ.setCurrentIndex(dialog.typ.findData(mt.typ))
        if mt.starttid:
            dialog.starttid.setTime(QTime(mt.starttid.hour, mt.starttid.minute))
        if mt.sluttid:
            dialog.sluttid.setTime(QTime(mt.sluttid.hour, mt.sluttid.minute))
        dialog.digital.setChecked(mt.digital)
        dialog.mall.hide()
        while dialog.exec():
            v = dialog.values()
            try:
                self.svc.meetings.update_meeting(
                    mt.id,
                    expected_version=self.tab.detail.version,
                    datum=v["datum"],
                    starttid=v["starttid"],
                    sluttid=v["sluttid"],
                    plats=v["plats"],
                    digital=v["digital"],
                    typ=v["typ"],
                )
            except FinsamError as exc:
                dialog.show_error(str(exc))
                continue
            self.tab.meeting_loader._reload_meetings(select_id=mt.id)
            self.tab.meeting_loader._refresh()
            self.tab._changed()
            return

    def _on_delete_meeting(self) -> None:
        if self.tab.detail is None or not self.tab.editable:
            return
        mt = self.tab.detail.meeting
        answer = QMessageBox.question(
            self.tab,
            "Ta bort sammanträde",
            f"Ta bort {mt.title} med dagordning, närvaro och bilagor ({mt.item_count} punkter)?\n"
            "Det går inte att ångra.",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        if self.tab._run(self.svc.meetings.delete_meeting, mt.id) is not FAILED:
            self.tab.detail = None
            self.tab.undo_stack.clear()
            self.tab.meeting_loader.reload()
            self.tab._changed()

    def _on_next_step(self) -> None:
        if self.tab.detail is None or self.ctx.read_only:
            return
        status = self.tab.detail.meeting.status
        if status is MeetingStatus.PLANERAT:
            self._on_kallelse_sent()
        elif status is MeetingStatus.KALLAT:
            self._set_status(MeetingStatus.GENOMFORT)
        elif status is MeetingStatus.GENOMFORT:
            self._set_status(MeetingStatus.PROTOKOLL_UTKAST)

    def _on_kallelse_sent(self) -> None:
        mt = self.tab.detail.meeting
        try:
            days = self.ctx.services.forbund.settings().kallelse_dagar
        except FinsamError:
            days = 7
        dialog = KallelseSentDialog(mt.datum, days, self.tab)
        if not dialog.exec():
            return
        self.record_kallelse_sent(dialog.value())

    def record_kallelse_sent(self, sent: date):
        """Record the date the kallelse went out; warn when late. Returns the service result."""
        result = self.tab._run(self.svc.meetings.record_kallelse_sent, self.tab.detail.meeting.id, sent)
        if result is FAILED:
            return None
        if result.warning:
            QMessageBox.warning(self.tab, "Kallelsen gick ut sent", result.warning)
        else:
            self.tab._status(f"Kallelsen registrerad som skickad {sent.isoformat()}.")
        self.tab.meeting_loader._refresh()
        self.tab._changed()
        return result

    def _set_status(self, status: MeetingStatus) -> None:
        if self.tab.detail is None:
            return
        if self.tab._run(self.svc.meetings.set_status, self.tab.detail.meeting.id, status) is not FAILED:
            self.tab._status(f"Status: {status.label}.")
            self.tab.meeting_loader._refresh()
            self.tab._changed()

    def _on_phrases(self) -> None:
        PhraseDialog(self.svc, self.tab, read_only=self.ctx.read_only).exec()

    def _on_series_start(self) -> None:
        """A förbund that starts using the app mid-year sets the first § number of the year once."""
        if self.ctx.read_only:
            return
        year = self.tab.year.currentData() or clock.today().year
        organ = self.tab.detail.meeting if self.tab.detail else None
        organ_id = organ.organ_id if organ else None
        try:
            organs = self.svc.meetings.list_organs()
            organ_id = organ_id or next(o.id for o in organs if o.numbered)
            organ_name = next(o.namn for o in organs if o.id == organ_id)
            current = self.svc.paragraphs.series_start(organ_id, year)
        except (FinsamError, StopIteration) as exc:
            self.tab._error(exc if isinstance(exc, FinsamError) else FinsamError("Inget organ numrerar paragrafer."))
            return
        number, ok = QInputDialog.getInt(
            self.tab,
            "Första §-nummer",
            f"{organ_name} {year}: vilket nummer har årets första § i appen?\n"
            "(För ett förbund som börjar använda appen mitt i året. Alla olåsta protokoll numreras om.)",
            current,
            1,
            100000,
        )
        if (
            ok
            and number != current
            and self.tab._run(self.svc.paragraphs.set_series_start, organ_id, year, number) is not FAILED
        ):
            self.tab.meeting_loader._reload_meetings()
            self.tab._changed()
