"""Showing the § list and the § in the editor (texts, att-satser, delpunkter, bilagor, jäv, omröstning,
reservationer), and what autosave reports back (undo steps for typed text).
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QLineEdit, QWidget

from finsam_desktop.domain.common.errors import ConcurrentEditError, ConnectionLostError, FinsamError
from finsam_desktop.domain.sammantraden.kinds import AttendanceRole, ItemKind
from finsam_desktop.ui.sammantraden import models as m
from finsam_desktop.ui.sammantraden.clause_controller import ClauseKeys
from finsam_desktop.ui.sammantraden.controller import TabController
from finsam_desktop.ui.sammantraden.editor_widgets import fit_height, list_item
from finsam_desktop.ui.sammantraden.paragraph_model import ParagraphRow
from finsam_desktop.ui.sammantraden.undo import FieldEditCommand

TEXT_FIELDS = {
    "rubrik": "rubrik",
    "foredragande": "föredragande",
    "diarienummer": "diarienummer",
    "arendebeskrivning": "ärendebeskrivning",
    "forslag_till_beslut": "förslag till beslut",
    "text": "protokolltext",
    "utgar_motivering": "motivering",
}


class ItemPresenter(TabController):
    """Fills the § list and the § editor from the meeting; records typed text as undo steps."""

    def __init__(self, tab) -> None:
        super().__init__(tab)
        self._clause_filter = None  # ClauseKeys, made on first use

    # --- § list -------------------------------------------------------------------------------
    def _fill_paragraphs(self, item_id: int | None) -> None:
        d = self.tab.detail
        rows = [
            ParagraphRow(
                it.id,
                it.label,
                it.rubrik,
                it.typ.label,
                it.utgar,
                it.jav_warning,
                it.bilaga_ref_text.strip("()") if it.bilaga_ref_text else "",
            )
            for it in d.items
        ]
        self.tab.para_model.set_rows(rows, movable=self.tab.editable)
        self.tab.from_template.setVisible(not d.items and self.tab.editable)
        for w in (self.tab.add_item, self.tab.move_up, self.tab.move_down, self.tab.strike, self.tab.remove_item):
            w.setEnabled(self.tab.editable)
            w.setVisible(self.tab.editable)
        for act in (
            self.tab.act_move_up,
            self.tab.act_move_down,
            self.tab.act_strike,
            self.tab.act_delete,
            self.tab.act_add_clause,
        ):
            act.setEnabled(self.tab.editable)
        self.tab.paragraphs.setDragEnabled(self.tab.editable)
        target = item_id if item_id is not None else (d.items[0].id if d.items else None)
        row = self.tab.para_model.row_of(target) if target is not None else -1
        if row < 0 and d.items:
            row = 0
        if row >= 0:
            self.tab.paragraphs.selectionModel().blockSignals(True)
            self.tab.paragraphs.setCurrentIndex(self.tab.para_model.index(row, 1))
            self.tab.paragraphs.selectionModel().blockSignals(False)
            self.tab.paragraphs.scrollTo(self.tab.para_model.index(row, 1))
            self._show_item(d.items[row])
        else:
            self._show_item(None)

    def _on_item_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self.tab._loading or not current.isValid() or self.tab.detail is None:
            return
        self.tab._autosave.flush()
        row = self.tab.para_model.rows[current.row()]
        # the texts may have been saved since the meeting was loaded: read the item fresh
        try:
            item = self.svc.agenda.get_item(row.item_id)
        except FinsamError as exc:
            self.tab._error(exc)
            return
        self._show_item(item)

    # --- § editor -----------------------------------------------------------------------------
    def _item_key(self, field: str):
        if self.tab.item_id is None or self.tab._loading:
            return None
        return ("item", self.tab.store.canonical("item", self.tab.item_id), field)

    def _show_item(self, item) -> None:
        e = self.tab.editor
        if item is None or item.id != self.tab.item_id:
            e.verticalScrollBar().setValue(0)
            if item is not None:
                e.set_more_open(bool(item.jav or item.jav_warning or item.vote or item.reservations))
        self.tab.item_id = item.id if item else None
        e.setEnabled(item is not None)
        with self.tab._autosave.suspended():
            if item is None:
                e.number.setText("")
                for w in (e.rubrik, e.foredragande, e.diarienummer, e.utgar_motivering):
                    w.clear()
                for w in (e.arendebeskrivning, e.forslag, e.text):
                    w.clear()
                e.clauses.set_clauses([], {})
                e.set_parts([])
                return
            e.number.setText(item.label)
            values = {
                "rubrik": item.rubrik,
                "foredragande": item.foredragande,
                "diarienummer": item.diarienummer,
                "arendebeskrivning": item.arendebeskrivning,
                "forslag_till_beslut": item.forslag_till_beslut,
                "text": item.text,
                "utgar_motivering": item.utgar_motivering,
            }
            widgets = {
                "rubrik": e.rubrik,
                "foredragande": e.foredragande,
                "diarienummer": e.diarienummer,
                "arendebeskrivning": e.arendebeskrivning,
                "forslag_till_beslut": e.forslag,
                "text": e.text,
                "utgar_motivering": e.utgar_motivering,
            }
            canon = self.tab.store.canonical("item", item.id)
            for field, value in values.items():
                w = widgets[field]
                if isinstance(w, QLineEdit):
                    if w.text() != value:
                        w.setText(value)
                elif w.toPlainText() != value:
                    w.setPlainText(value)
                self.tab._committed[("item", canon, field)] = value
            e.rubrik.setToolTip(item.rubrik)
            e.typ.setCurrentIndex(e.typ.findData(item.typ))
            e.sokande.clear()
            e.sokande.addItem("Ingen sökande medlem", None)
            for mem in self.tab._members:
                e.sokande.addItem(mem.namn, mem.id)
            idx = e.sokande.findData(item.sokande_member_id) if item.sokande_member_id else 0
            e.sokande.setCurrentIndex(max(idx, 0))
            is_justerare = item.standard == "justerare"
            e.justerare_row.setVisible(is_justerare)
            if is_justerare:
                e.justerare.clear()
                e.justerare.addItem("Välj justerare …", None)
                for pid, namn in self._voting_people():
                    e.justerare.addItem(namn, pid)
                chosen = self.tab.detail.justerare_person_ids if self.tab.detail else ()
                e.justerare.setCurrentIndex(max(e.justerare.findData(chosen[0]), 0) if chosen else 0)
            e.utgar.setChecked(item.utgar)
            e.utgar_motivering.setVisible(item.utgar)
            e.justeras_omedelbart.setChecked(item.justeras_omedelbart)
            organ = self.tab.detail.meeting.organ_namn if self.tab.detail else "Styrelsen"
            e.clauses.set_heading(f"{organ} beslutade")
            e.clauses.empty.setText(
                "Inga att-satser ännu (Ctrl+Retur lägger till en)."
                if item.typ is ItemKind.BESLUT
                else "Inget beslut (informationsärende)."
            )
            self._fill_clauses(item)
            self._fill_bilagor(item)
            self._fill_jav(item)
            self._fill_vote(item)
        e.set_editable(self.tab.editable, "")
        e.utgar_motivering.setReadOnly(not (self.tab.editable and item.utgar))
        # rows and buttons were shown/hidden: lay the form out again at once, inner layouts first
        for w in [e.clauses, *e.part_boxes, *(b.clauses for b in e.part_boxes), e.widget()]:
            w.layout().invalidate()
            w.layout().activate()

    def _fill_clauses(self, item) -> None:
        e = self.tab.editor
        rows = e.clauses.set_clauses(item.clauses, self.tab._uppdrag_by_clause)
        boxes = e.set_parts(item.parts)
        for box, part in zip(boxes, item.parts, strict=True):
            pcanon = self.tab.store.canonical("part", part.id)
            self.tab._committed[("part", pcanon, "rubrik")] = part.rubrik
            self.tab._committed[("part", pcanon, "text")] = part.text
            self.tab._autosave.watch(box.rubrik, lambda pc=pcanon: ("part", pc, "rubrik"))
            self.tab._autosave.watch(box.text, lambda pc=pcanon: ("part", pc, "text"))
            box.remove_requested.connect(self.tab.clause_ctl._on_remove_part)
            box.clauses.set_heading(e.clauses.heading.text())
            rows += box.clauses.set_clauses(part.clauses, self.tab._uppdrag_by_clause)
            box.clauses.add_requested.connect(self.tab.clause_ctl._on_add_clause)
            box.clauses.phrase_requested.connect(self.tab.clause_ctl._on_phrase)
            box.clauses.remove_requested.connect(self.tab.clause_ctl._on_remove_clause)
            box.clauses.uppdrag_requested.connect(self.tab.uppdrag_ctl._on_uppdrag_from_clause)
        for row in rows:
            canon = self.tab.store.canonical("clause", row.clause_id)
            self.tab._committed[("clause", canon)] = row.edit.toPlainText()
            self.tab._autosave.watch(row.edit, lambda c=canon: ("clause", c))
            row.edit.installEventFilter(self._clause_keys)
        # tab order: protokolltext → each att-sats with its Uppdrag and ✕ → "+ Att-sats" → "Standardfras…"
        chain = [e.text] + [w for r in e.clauses.rows for w in (r.edit, r.uppdrag, r.remove)]
        chain += [e.clauses.add, e.clauses.phrase]
        for a, b in zip(chain, chain[1:]):
            QWidget.setTabOrder(a, b)

    @property
    def _clause_keys(self):
        if self._clause_filter is None:
            self._clause_filter = ClauseKeys(self.tab)
        return self._clause_filter

    def _fill_bilagor(self, item) -> None:
        e = self.tab.editor
        e.bilagor.clear()
        by_id = {b.id: b for b in self.tab.detail.bilagor} if self.tab.detail else {}
        for bid in item.bilaga_ids:
            b = by_id.get(bid)
            if b is None:
                continue
            number = f"Bilaga {b.number}" if b.number else "Bilaga"
            e.bilagor.addItem(list_item(f"{number} – {b.titel} ({b.filnamn}, {m.size_text(b.storlek)})", b.id))
        if not item.bilaga_ids:
            e.bilagor.addItem(list_item("Inga bilagor till denna punkt.", None))
        fit_height(e.bilagor)

    def _board_people(self):
        """Present attendees who may have jäv or reserve themselves (name, person id)."""
        if self.tab.detail is None:
            return []
        return [(a.person_id, a.namn) for a in self.tab.detail.attendance if a.narvarande]

    def _voting_people(self):
        """Present ledamöter and tjänstgörande ersättare (who may be chosen as justerare)."""
        if self.tab.detail is None:
            return []
        voting = (AttendanceRole.ORDINARIE, AttendanceRole.TJANSTGORANDE)
        return [(a.person_id, a.namn) for a in self.tab.detail.attendance if a.narvarande and a.roll in voting]

    def _fill_jav(self, item) -> None:
        e = self.tab.editor
        e.jav_warning.setText("⚠ " + item.jav_warning if item.jav_warning else "")
        e.jav_warning.setVisible(bool(item.jav_warning))
        recorded = {j.person_id for j in item.jav}
        pending = [p for p in item.jav_proposals if p.person_id not in recorded]
        e.jav_proposals.setVisible(not item.jav_warning)
        if pending:
            e.jav_proposals.setText("Förslag: " + " ".join(f"{p.sentence[:-1]} ({p.reason})." for p in pending))
        else:
            e.jav_proposals.setText(
                "Inga förslag om jäv." if not item.jav_proposals else "Föreslagna jävsanteckningar är gjorda."
            )
        e.apply_jav.setVisible(bool(pending))
        e.jav_list.clear()
        for j in item.jav:
            e.jav_list.addItem(list_item(j.sentence, j.id))
        fit_height(e.jav_list)
        e.jav_list.setVisible(bool(item.jav))
        e.remove_jav.setVisible(bool(item.jav))
        e.jav_person.clear()
        for pid, namn in self._board_people():
            e.jav_person.addItem(namn, pid)
        summary = []
        if item.jav_warning:
            summary.append("⚠ jävsanteckning saknas")
        elif item.jav:
            summary.append(f"{len(item.jav)} jävsanteckning{'ar' if len(item.jav) != 1 else ''}")
        if item.quorum is not None:
            summary.append("beslutför" if item.quorum.beslutfor else "⚠ inte beslutför")
        if item.vote:
            summary.append("omröstning")
        if item.reservations:
            summary.append(f"{len(item.reservations)} reservation{'er' if len(item.reservations) != 1 else ''}")
        if item.justeras_omedelbart:
            summary.append("justeras omedelbart")
        e.more_summary.setText(" · ".join(summary) if summary else "Inget antecknat.")
        if item.jav_warning or (item.quorum is not None and not item.quorum.beslutfor):
            e.set_more_open(True)  # warnings are never hidden
        if item.quorum is not None:
            prefix = "✔ " if item.quorum.beslutfor else "⚠ "
            e.quorum.setText(prefix + item.quorum.message)
            e.quorum.setStyleSheet("color:#1e6b34;" if item.quorum.beslutfor else "color:#b3261e;font-weight:600;")
        else:
            e.quorum.setText("")

    def _fill_vote(self, item) -> None:
        e = self.tab.editor
        e.vote_summary.setText(item.vote.summary if item.vote else "Ingen omröstning.")
        e.clear_vote.setVisible(item.vote is not None)
        e.vote.setText("Ändra omröstning…" if item.vote else "Omröstning…")
        e.reservations.clear()
        for r in item.reservations:
            e.reservations.addItem(list_item(r.sentence, r.id))
        fit_height(e.reservations)
        e.reservations.setVisible(bool(item.reservations))
        e.remove_res.setVisible(bool(item.reservations))
        e.res_person.clear()
        for pid, namn in self._board_people():
            e.res_person.addItem(namn, pid)

    # --- autosave callbacks ---------------------------------------------------------------------
    def _on_saved(self, key, text: str) -> None:
        old = self.tab._committed.get(key, "")
        self.tab._committed[key] = text
        if old != text:
            label = {
                "item": "Ändra " + TEXT_FIELDS.get(key[-1], "text"),
                "clause": "Ändra att-sats",
                "part": "Ändra delpunkt",
            }
            self.tab.undo_stack.push(FieldEditCommand(label[key[0]], key, old, text, self._apply_field))
        if key[0] == "item" and key[2] == "rubrik":
            row = self.tab.para_model.row_of(self.tab.store.resolve("item", key[1]))
            if row >= 0:
                r = self.tab.para_model.rows[row]
                rows = list(self.tab.para_model.rows)
                rows[row] = ParagraphRow(r.item_id, r.number_text, text, r.kind_label, r.struck, r.warning, r.bilagor)
                self.tab.para_model.set_rows(rows, movable=self.tab.editable)
                self.tab.paragraphs.selectionModel().blockSignals(True)
                self.tab.paragraphs.setCurrentIndex(self.tab.para_model.index(row, 1))
                self.tab.paragraphs.selectionModel().blockSignals(False)
        self.tab._news.start()

    def _on_save_error(self, key, exc: Exception) -> None:
        if isinstance(exc, ConnectionLostError):
            self.tab._status(f"{exc} Det du skrev finns kvar och sparas så snart servern svarar.", error=True)
            return
        if isinstance(exc, ConcurrentEditError):
            # Another user saved this field first: keep what was typed in the editor (it is not saved).
            self.tab._status(f"{exc} Det du skrev finns kvar i fältet.", error=True)
            return
        self.tab._status(f"Sparades inte: {exc}", error=True)

    def _apply_field(self, key, value: str) -> None:
        """Undo/redo of a text edit: save it and show it if the record is on screen."""
        try:
            self.tab.store.save_field(key, value, self.tab._committed.get(key))
        except FinsamError as exc:
            self.tab._error(exc)
            return
        self.tab._committed[key] = value
        target_item = None
        if key[0] == "item":
            target_item = self.tab.store.resolve("item", key[1])
        elif self.tab.item_id is not None:
            target_item = self.tab.item_id
        self.tab.meeting_loader._refresh(target_item)
        self.tab._changed()
