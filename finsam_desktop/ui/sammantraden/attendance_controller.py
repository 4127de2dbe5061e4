"""Attendance and the meeting's officers: the controller of the Närvaro pane (``AttendanceView``)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex

from finsam_desktop.domain.sammantraden.kinds import AttendanceRole
from finsam_desktop.ui.sammantraden.controller import TabController


class AttendanceController(TabController):
    """Fills the Närvaro pane and makes its edits undoable commands."""

    def __init__(self, tab) -> None:
        super().__init__(tab)
        self._attendee = None  # the attendee shown in the "vald person" box
        self._attendee_keep: int | None = None  # its id, to show it again after a reload

    # --- attendance ----------------------------------------------------------------------------------
    def _fill_attendance(self) -> None:
        a = self.tab.attendance
        d = self.tab.detail
        for roll, model in a.models.items():
            model.set_rows([x for x in d.attendance if x.roll is roll])
        a.fit_tables()
        a.set_quorum(d.quorum)
        a.set_editable(self.tab.editable)
        a.add_person.clear()
        present = {x.person_id for x in d.attendance}
        for p in self.tab._persons:
            if p.id not in present:
                a.add_person.addItem(p.namn, p.id)
        a.add_person.setCurrentIndex(-1)
        a.sel_replaces.clear()
        a.sel_replaces.addItem("–", None)
        for x in d.attendance:
            if x.roll is AttendanceRole.ORDINARIE or x.member_id is not None:
                a.sel_replaces.addItem(x.namn, x.person_id)
        for combo, first in ((a.sel_from, "Från början"), (a.sel_to, "Till slutet")):
            combo.clear()
            combo.addItem(first, None)
            for it in d.items:
                combo.addItem(f"{it.label} {it.rubrik}"[:60], it.id)
        self._attendee = None
        self._show_attendee(self._attendee_keep)
        self._fill_officers()

    def _fill_officers(self) -> None:
        a, d = self.tab.attendance, self.tab.detail
        everyone = [(x.person_id, x.namn) for x in d.attendance if x.narvarande]
        voting = self.tab.item_presenter._voting_people()
        chosen = {
            a.ordforande: d.ordforande_person_id,
            a.sekreterare: d.sekreterare_person_id,
            a.justerare: d.justerare_person_ids[0] if d.justerare_person_ids else None,
            a.justerare2: d.justerare_person_ids[1] if len(d.justerare_person_ids) > 1 else None,
        }
        for combo, current in chosen.items():
            people = voting if combo in (a.justerare, a.justerare2, a.ordforande) else everyone
            combo.clear()
            combo.addItem("–", None)
            for pid, namn in people:
                combo.addItem(namn, pid)
            if current is not None and current not in {pid for pid, _n in people}:
                combo.addItem(self._person_name(current), current)
            combo.setCurrentIndex(max(combo.findData(current), 0) if current is not None else 0)

    def _person_name(self, person_id: int) -> str:
        return next((p.namn for p in self.tab._persons if p.id == person_id), f"Person {person_id}")

    def _on_justerare_combo(self) -> None:
        a = self.tab.attendance
        ids = [pid for pid in (a.justerare.currentData(), a.justerare2.currentData()) if pid]
        self._set_justerare(ids)

    def _set_justerare(self, ids: list[int]) -> None:
        if self.tab.detail is None or not self.tab.editable:
            return
        mid = self.tab.detail.meeting.id
        old = list(self.tab.detail.justerare_person_ids)
        if list(dict.fromkeys(ids)) == old:
            return
        self.tab._push(
            "Val av justerare",
            lambda: self.svc.meetings.set_officers(mid, justerare_person_ids=ids),
            lambda: self.svc.meetings.set_officers(mid, justerare_person_ids=old),
        )

    def _set_officers(self, **fields) -> None:
        if self.tab.detail is None or not self.tab.editable:
            return
        mid = self.tab.detail.meeting.id
        old = {
            "ordforande_person_id": self.tab.detail.ordforande_person_id,
            "sekreterare_person_id": self.tab.detail.sekreterare_person_id,
        }
        before = {k: old[k] for k in fields}
        if before == fields:
            return
        self.tab._push(
            "Ändra mötesfunktionär",
            lambda: self.svc.meetings.set_officers(mid, **fields),
            lambda: self.svc.meetings.set_officers(mid, **before),
        )

    def _on_attendee_row(self, table, current: QModelIndex) -> None:
        if not current.isValid():
            return
        for other in self.tab.attendance.tables.values():
            if other is not table:
                other.selectionModel().blockSignals(True)
                other.clearSelection()
                other.selectionModel().blockSignals(False)
        self._show_attendee(table.model().row_at(current.row()).id)

    def _show_attendee(self, attendee_id: int | None) -> None:
        a = self.tab.attendance
        att = next((x for x in self.tab.detail.attendance if x.id == attendee_id), None) if self.tab.detail else None
        self._attendee = att
        self._attendee_keep = att.id if att else None
        a.selected_box.setEnabled(att is not None and self.tab.editable)
        if att is None:
            a.sel_name.setText("Välj en person i listorna.")
            return
        a.sel_name.setText(att.namn)
        a.sel_roll.setCurrentIndex(a.sel_roll.findData(att.roll))
        a.sel_present.setChecked(att.narvarande)
        a.sel_org.setText(att.organisation)
        a.sel_replaces.setCurrentIndex(max(a.sel_replaces.findData(att.ersatter_person_id), 0))
        a.sel_replaces.setEnabled(att.roll is AttendanceRole.TJANSTGORANDE)
        a.sel_from.setCurrentIndex(max(a.sel_from.findData(att.from_item_id), 0))
        a.sel_to.setCurrentIndex(max(a.sel_to.findData(att.to_item_id), 0))

    # Attendance edits are undoable. A removed row comes back as a new row; commands keep the id the row had
    # when they were made and resolve it through the store ("att").
    def _att(self, canon: int) -> int:
        return self.tab.store.resolve("att", canon)

    def _update_attendee(self, **fields) -> None:
        att = self._attendee
        if att is None or not self.tab.editable:
            return
        mid = self.tab.detail.meeting.id
        canon = self.tab.store.canonical("att", att.id)
        old = {k: getattr(att, k) for k in fields}
        before = {x.id: x.narvarande for x in self.tab.detail.attendance}
        box: dict = {}

        def redo():
            self.svc.attendance.update_attendee(self._att(canon), **fields)
            # choosing whom a tjänstgörande ersättare replaces marks that ledamot absent: remember to undo it
            after = {x.id: x.narvarande for x in self.svc.attendance.list_attendance(mid)}
            box["others"] = [
                (self.tab.store.canonical("att", i), was)
                for i, was in before.items()
                if i != self._att(canon) and i in after and after[i] != was
            ]

        def undo():
            self.svc.attendance.update_attendee(self._att(canon), **old)
            for other, was in box.get("others", []):
                self.svc.attendance.update_attendee(self._att(other), narvarande=was)

        self.tab._push(f"Ändra närvaro för {att.namn}", redo, undo)

    def _on_attendee_org(self) -> None:
        att = self._attendee
        text = self.tab.attendance.sel_org.text().strip()
        if att is not None and text != att.organisation:
            self._update_attendee(organisation=text)

    def _move_attendee(self, delta: int) -> None:
        att = self._attendee
        if att is None or not self.tab.editable:
            return
        same = [x for x in self.tab.detail.attendance if x.roll is att.roll]
        i = [x.id for x in same].index(att.id) + delta
        if 0 <= i < len(same):
            canon, old, new = self.tab.store.canonical("att", att.id), att.position, same[i].position
            self.tab._push(
                f"Flytta {att.namn}",
                lambda: self.svc.attendance.move_attendee(self._att(canon), new),
                lambda: self.svc.attendance.move_attendee(self._att(canon), old),
            )

    def _restore_attendee(self, canon: int, att) -> None:
        new = self.svc.attendance.add_attendee(
            att.meeting_id,
            att.roll,
            person_id=att.person_id,
            organisation=att.organisation,
            ersatter_person_id=att.ersatter_person_id,
        )
        self.tab.store.remap("att", canon, new.id)
        self.svc.attendance.update_attendee(
            new.id,
            narvarande=att.narvarande,
            from_item_id=self.tab.store.resolve("item", att.from_item_id) if att.from_item_id else None,
            to_item_id=self.tab.store.resolve("item", att.to_item_id) if att.to_item_id else None,
        )
        self.svc.attendance.move_attendee(new.id, att.position)

    def _on_remove_attendee(self) -> None:
        att = self._attendee
        if att is None or not self.tab.editable:
            return
        canon = self.tab.store.canonical("att", att.id)
        if self.tab._push(
            f"Ta bort {att.namn} ur närvarolistan",
            lambda: self.svc.attendance.remove_attendee(self._att(canon)),
            lambda: self._restore_attendee(canon, att),
        ):
            self._attendee_keep = None

    def _on_add_person_chosen(self, index: int) -> None:
        a = self.tab.attendance
        pid = a.add_person.itemData(index)
        person = next((p for p in self.tab._persons if p.id == pid), None)
        if person is not None and not a.add_org.text().strip():
            a.add_org.setText(person.titel or person.organisation)

    def _on_add_attendee(self) -> None:
        a = self.tab.attendance
        if self.tab.detail is None or not self.tab.editable:
            return
        namn = a.add_person.currentText().strip()
        if not namn:
            self.tab._status("Välj eller skriv ett namn.", error=True)
            return
        index = a.add_person.findText(namn)
        pid = a.add_person.itemData(index) if index >= 0 else None
        mid, roll, org = self.tab.detail.meeting.id, a.add_roll.currentData(), a.add_org.text().strip()
        box: dict = {}

        def redo():
            added = self.svc.attendance.add_attendee(
                mid, roll, person_id=pid, namn="" if pid else namn, organisation=org
            )
            if "id" in box:
                self.tab.store.remap("att", box["id"], added.id)
            else:
                box["id"] = added.id
            self._attendee_keep = added.id

        def undo():
            self.svc.attendance.remove_attendee(self._att(box["id"]))

        if self.tab._push(f"Lägg till {namn} i närvarolistan", redo, undo):
            a.add_org.clear()

    def _on_prefill(self) -> None:
        if self.tab.detail is None or not self.tab.editable:
            return
        mid = self.tab.detail.meeting.id
        box: dict = {"ids": []}

        def redo():
            before = {x.id for x in self.svc.attendance.list_attendance(mid)}
            box["ids"] = [x.id for x in self.svc.attendance.prefill_attendance(mid) if x.id not in before]

        def undo():
            for att_id in box["ids"]:
                self.svc.attendance.remove_attendee(att_id)

        if self.tab._push("Fyll i närvaron från mandaten", redo, undo):
            added = box["ids"]
            self.tab._status(
                f"{len(added)} personer lades till från mandaten." if added else "Alla med mandat finns redan med."
            )
