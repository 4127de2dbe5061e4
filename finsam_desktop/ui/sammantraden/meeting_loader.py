"""Loading and showing meetings: the year list, the meeting list, the selected meeting's head, banner and
status actions, and handing the meeting to the sub-views.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QModelIndex

from finsam_desktop import clock
from finsam_desktop.domain.common.errors import FinsamError
from finsam_desktop.domain.sammantraden.kinds import EDITABLE_STATUSES, MeetingStatus
from finsam_desktop.ui.sammantraden.controller import TabController
from finsam_desktop.ui.widgets.keys import with_mnemonic
from finsam_desktop.ui.widgets.table_model import ROW_ROLE

log = logging.getLogger(__name__)

CHIP = "border-radius:9px;padding:2px 10px;font-weight:600;"
STATUS_COLOURS = {
    MeetingStatus.PLANERAT: ("#e8eef7", "#1f3a5f"),
    MeetingStatus.KALLAT: ("#e3f0fb", "#0b4f8a"),
    MeetingStatus.GENOMFORT: ("#fff4e0", "#6b4500"),
    MeetingStatus.PROTOKOLL_UTKAST: ("#fdecea", "#8a1c12"),
    MeetingStatus.KLART_FOR_JUSTERING: ("#ede7f6", "#4a2a7a"),
    MeetingStatus.JUSTERAT: ("#e6f4ea", "#1e4d2b"),
    MeetingStatus.ANSLAGET: ("#e6f4ea", "#1e4d2b"),
    MeetingStatus.ANSLAG_NEDTAGET: ("#eeeeee", "#333333"),
}


class MeetingLoader(TabController):
    """Fills the meeting list and the head of the selected meeting; ``_refresh`` reloads it after a change."""

    def __init__(self, tab) -> None:
        super().__init__(tab)
        self._underlag_for: int | None = None  # the meeting whose "underlag" section was last opened or closed

    def reload(self) -> None:
        self.tab._autosave.flush()
        try:
            self.tab._persons = self.ctx.services.forbund.list_persons()
            self.tab._members = self.ctx.services.forbund.list_members()
            years = self.svc.meetings.list_years()
        except FinsamError as exc:
            self.tab._error(exc)
            return
        current = self.tab.year.currentData()
        self.tab.year.blockSignals(True)
        self.tab.year.clear()
        this_year = clock.today().year
        for y in sorted(set(years) | {this_year}, reverse=True):
            self.tab.year.addItem(str(y), y)
        self.tab.year.addItem("Alla år", None)
        wanted = current if current is not None or self.tab.year.count() == 0 else None
        index = self.tab.year.findData(wanted if wanted is not None else this_year)
        if current is None and self.tab.year.property("initialised"):
            index = self.tab.year.findData(None)
        self.tab.year.setCurrentIndex(max(index, 0))
        self.tab.year.setProperty("initialised", True)
        self.tab.year.blockSignals(False)
        self._reload_meetings()
        self.tab.uppdrag_ctl._reload_uppdrag()

    def _reload_meetings(self, select_id: int | None = None) -> None:
        keep = select_id if select_id is not None else (self.tab.detail.meeting.id if self.tab.detail else None)
        try:
            rows = self.svc.meetings.list_meetings(
                year=self.tab.year.currentData(), status=self.tab.status_filter.currentData()
            )
        except FinsamError as exc:
            self.tab._error(exc)
            return
        self.tab.meeting_model.set_rows(rows)
        if not rows:
            self._show_meeting(None)
            return
        if keep is not None and any(r.id == keep for r in rows):
            target = keep
        else:  # the next meeting to prepare, else the latest one
            upcoming = [r for r in rows if r.datum >= clock.today()]
            target = (upcoming[0] if upcoming else rows[-1]).id
        self._select_meeting_row(target)

    def _select_meeting_row(self, meeting_id: int) -> None:
        for row in range(self.tab.meeting_proxy.rowCount()):
            idx = self.tab.meeting_proxy.index(row, 0)
            if idx.data(ROW_ROLE).id == meeting_id:
                self.tab.meetings.selectionModel().blockSignals(True)
                self.tab.meetings.setCurrentIndex(idx)
                self.tab.meetings.selectionModel().blockSignals(False)
                self.tab.meetings.viewport().update()
                self.tab.meetings.scrollTo(idx)
                keep_item = self.tab.item_id if self.tab.detail and self.tab.detail.meeting.id == meeting_id else None
                self._load_meeting(meeting_id, keep_item)
                return

    def _on_meeting_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        summary = current.data(ROW_ROLE)
        if summary is not None and (self.tab.detail is None or self.tab.detail.meeting.id != summary.id):
            self.tab._autosave.flush()
            self.tab.item_id = None
            self._load_meeting(summary.id)

    def _load_meeting(self, meeting_id: int, item_id: int | None = None) -> None:
        try:
            detail = self.svc.meetings.get_meeting(meeting_id)
        except FinsamError as exc:
            self.tab._error(exc)
            return
        self._show_meeting(detail, item_id)

    def _refresh(self, item_id: int | None = None) -> None:
        """Reload the selected meeting (after a change) and keep or move the § selection."""
        if self.tab.detail is None:
            return
        keep = item_id if item_id is not None else self.tab.item_id
        self._load_meeting(self.tab.detail.meeting.id, keep)
        # keep the list row (status, § range) in step
        try:
            rows = self.svc.meetings.list_meetings(
                year=self.tab.year.currentData(), status=self.tab.status_filter.currentData()
            )
        except FinsamError:
            return
        self.tab.meeting_model.set_rows(rows)
        for row in range(self.tab.meeting_proxy.rowCount()):
            idx = self.tab.meeting_proxy.index(row, 0)
            if idx.data(ROW_ROLE).id == self.tab.detail.meeting.id:
                self.tab.meetings.selectionModel().blockSignals(True)
                self.tab.meetings.setCurrentIndex(idx)
                self.tab.meetings.selectionModel().blockSignals(False)

    def _show_meeting(self, detail, item_id: int | None = None) -> None:
        self.tab._loading = True
        try:
            self.tab.detail = detail
            if detail is None:
                self.tab.title.setText("Inget sammanträde valt")
                self.tab.subtitle.setText("Välj ett sammanträde i listan eller skapa ett nytt (Ctrl+Skift+N).")
                self.tab.status_chip.clear()
                self.tab.banner.hide()
                self.tab.para_model.set_rows([])
                self.tab.pages.setEnabled(False)
                for w in (
                    self.tab.next_step,
                    self.tab.status_menu_button,
                    self.tab.edit_meeting,
                    self.tab.delete_meeting,
                    self.tab.export_kallelse,
                    self.tab.send_kallelse,
                    self.tab.export_protocol,
                ):
                    w.setEnabled(False)
                self.tab.item_id = None
                return
            self.tab.pages.setEnabled(True)
            mt = detail.meeting
            if self._underlag_for != mt.id:
                self._underlag_for = mt.id
                self.tab.editor.set_underlag_open(mt.status in (MeetingStatus.PLANERAT, MeetingStatus.KALLAT))
            typ = "" if mt.typ.value == "ordinarie" else f" ({mt.typ.label.lower()})"
            self.tab.title.setText(f"{mt.organ_namn}{typ} {mt.datum.isoformat()}")
            bg, fg = STATUS_COLOURS.get(mt.status, ("#eee", "#333"))
            self.tab.status_chip.setText(mt.status.label)
            self.tab.status_chip.setStyleSheet(f"{CHIP}background:{bg};color:{fg};")
            parts = [p for p in (mt.time_text, mt.place_text) if p]
            if mt.paragraph_range_text:
                parts.append(mt.paragraph_range_text)
            parts.append(
                f"kallelse skickad {detail.kallelse_skickad.isoformat()}"
                if detail.kallelse_skickad
                else "kallelse ej skickad"
            )
            self.tab.subtitle.setText(" · ".join(parts))
            self._show_banner()
            self._show_actions()
            self.tab.item_presenter._fill_paragraphs(item_id)
            self.tab.attendance_ctl._fill_attendance()
            self.tab.bilaga_model.set_rows(detail.bilagor)
            if self.tab.justering is not None and hasattr(self.tab.justering, "set_meeting"):
                try:
                    self.tab.justering.set_meeting(mt.id)
                except Exception:
                    log.exception("Justering & anslag kunde inte visa sammanträde %s", mt.id)
        finally:
            self.tab._loading = False

    def _lock_reason(self) -> str:
        if self.tab.detail is None:
            return ""
        if self.ctx.read_only:
            return "Filen är öppnad skrivskyddad: ingenting kan ändras."
        if self.tab.detail.meeting.locked:
            return (
                f"Protokollet är låst ({self.tab.detail.meeting.status.label.lower()}): det kan inte längre ändras här. "
                "Rättelser görs som en ny version under Justering och anslag."
            )
        return ""

    def _show_banner(self) -> None:
        d = self.tab.detail
        lines = []
        reason = self._lock_reason()
        if reason:
            lines.append(reason)
        lines += [f"⚠ {w}" for w in d.warnings]
        self.tab.banner.setText("\n".join(lines))
        self.tab.banner.setVisible(bool(lines))

    def _show_actions(self) -> None:
        d = self.tab.detail
        status = d.meeting.status
        writable = not self.ctx.read_only
        steps = {
            MeetingStatus.PLANERAT: "Registrera &skickad kallelse…",
            MeetingStatus.KALLAT: "Markera &som genomfört",
            MeetingStatus.GENOMFORT: "&Skapa protokoll",
        }
        self.tab.next_step.setVisible(status in steps)
        self.tab.next_step.setText(steps.get(status, ""))
        self.tab.next_step.setEnabled(writable)
        self.tab.status_menu.clear()
        letters: set[str] = set()
        for s in EDITABLE_STATUSES:
            action = self.tab.status_menu.addAction(with_mnemonic(s.label, letters))
            action.setCheckable(True)
            action.setChecked(s is status)
            action.triggered.connect(lambda _c=False, st=s: self.tab.meeting_ctl._set_status(st))
        for w in (self.tab.status_menu_button, self.tab.edit_meeting, self.tab.delete_meeting):
            w.setEnabled(writable and not d.meeting.locked)
            w.setVisible(writable and not d.meeting.locked)
        self.tab.export_kallelse.setEnabled(bool(d.items))
        self.tab.send_kallelse.setEnabled(bool(d.items) and not d.meeting.locked)
        self.tab.export_protocol.setEnabled(bool(d.items))
        final = status in (MeetingStatus.JUSTERAT, MeetingStatus.ANSLAGET, MeetingStatus.ANSLAG_NEDTAGET)
        self.tab.export_protocol.setText(
            "&Protokoll (PDF)" if final or not d.meeting.numbered else "&Protokollutkast (PDF)"
        )
