"""Aktiviteter: the chosen year's forum, frukostmöten, utbildningar, informationsinsatser and arbetsgrupper by date –
typ, titel, arrangör, format, målgrupp, the planned number and the participants present in all – and below the
chosen one's participants per member organisation. A new aktivitet, an edit and a removal are undoable.

A removal undone saves the aktivitet again, which gives it a new id; the page remembers which id an aktivitet has
now (``_alias``) so that the steps around it on the undo stack still find it."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSplitter, QTextBrowser, QVBoxLayout, QWidget

from finsam_desktop import clock
from finsam_desktop.domain.common.errors import FinsamError
from finsam_desktop.domain.verksamhet.aktiviteter import Aktivitet
from finsam_desktop.ui.verksamhet.aktivitet_dialog import AktivitetDialog
from finsam_desktop.ui.verksamhet.models import AKTIVITET_COLUMNS, button, table
from finsam_desktop.ui.widgets.table_model import ROW_ROLE


def _n(value: int | None) -> str:
    return "–" if value is None else str(value)


def details_html(a: Aktivitet) -> str:
    facts = [
        ("Datum", a.datum.isoformat()),
        ("Typ", a.typ.label),
        ("Arrangör", a.arrangor or "–"),
        ("Format", a.format.label),
        ("Målgrupp", a.malgrupp or "–"),
        ("Planerat antal", _n(a.planerat_totalt)),
        ("Deltog", _n(a.faktiskt)),
    ]
    if a.ovriga:
        facts.append(("Varav utanför medlemmarna", str(a.ovriga)))
    parts = [f"<h3>{escape(a.titel)}</h3>", "".join(f"<b>{k}:</b> {escape(v)}<br>" for k, v in facts)]
    if a.faktiskt is None and a.datum < clock.today():
        parts.append("<p><b>Aktiviteten är genomförd men deltagarna är inte registrerade.</b> Ange dem med Ändra….</p>")
    if a.deltagande:
        rows = "".join(
            f"<tr><td>{escape(d.member)}</td><td align='right'>{_n(d.planerat)}</td>"
            f"<td align='right'>{_n(d.faktiskt)}</td><td>{escape(d.anteckning)}</td></tr>"
            for d in a.deltagande
        )
        parts.append(
            "<h4>Deltagare per medlem</h4><table cellpadding='3'><tr><th align='left'>Medlem</th>"
            f"<th>Planerat</th><th>Deltog</th><th align='left'>Anteckning</th></tr>{rows}</table>"
        )
    else:
        parts.append("<p><i>Inga deltagare per medlem registrerade.</i></p>")
    if a.anteckning:
        parts.append(f"<h4>Anteckning</h4><p>{escape(a.anteckning)}</p>")
    return "".join(parts)


class AktiviteterPage(QWidget):
    def __init__(self, tab):
        super().__init__(tab)
        self.tab = tab
        self._alias: dict[int, int] = {}
        self.model, self.view = table(
            AKTIVITET_COLUMNS,
            "Årets aktiviteter",
            "En aktivitet per rad i datumordning: datum, typ, titel, arrangör, format, målgrupp, planerat antal "
            "deltagare och antal som deltog (medlemmarna och övriga).",
            stretch=2,
        )
        self.details = QTextBrowser()
        self.details.setAccessibleName("Aktivitetens uppgifter")
        self.details.setOpenLinks(False)
        self.new_btn = button("&Ny aktivitet…", "Ny aktivitet", "Forum, frukostmöte, utbildning …")
        self.edit_btn = button("&Ändra…", "Ändra markerad aktivitet", "Alla uppgifter och deltagare per medlem")
        self.delete_btn = button("Ta &bort", "Ta bort markerad aktivitet")
        self.summary = QLabel()
        self.summary.setAccessibleName("Årets aktiviteter i siffror")
        bar = QHBoxLayout()
        for b in (self.new_btn, self.edit_btn, self.delete_btn):
            bar.addWidget(b)
        bar.addSpacing(16)
        bar.addWidget(self.summary, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.view)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)
        self.new_btn.clicked.connect(self.on_new)
        self.edit_btn.clicked.connect(self.on_edit)
        self.delete_btn.clicked.connect(self.on_delete)
        self.view.selectionModel().currentRowChanged.connect(lambda *_a: self._show())
        self.view.activated.connect(lambda _i: self.on_edit())  # double-click or Enter

    # --- loading ------------------------------------------------------------------------------------------------
    def load(self) -> None:
        keep = self.current()
        year = self.tab.year()
        try:
            rows = self.tab.vs.aktiviteter.list_aktiviteter(year)
        except FinsamError as exc:
            self.tab.error(exc)
            rows = []
        self.model.set_rows(rows)
        held = [a for a in rows if a.faktiskt is not None]
        today = clock.today()
        missing = [a for a in rows if a.faktiskt is None and a.datum < today]
        text = (
            f"{len(rows)} aktiviteter {year}, {sum(a.faktiskt or 0 for a in held)} deltagare vid {len(held)} av dem."
            if rows
            else f"Inga aktiviteter {year}."
        )
        if missing:
            text += (
                f" {len(missing)} genomförd{'a' if len(missing) > 1 else ''} saknar deltagare"
                " (”saknas”): registrera dem med Ändra…"
            )
        self.summary.setText(text)
        self.select(self._resolve(keep.id) if keep else None)

    def rows(self) -> tuple[Aktivitet, ...]:
        return self.model.rows

    def select(self, aktivitet_id: int | None) -> None:
        """Mark the aktivitet with that id (else the first of the year)."""
        ids = [a.id for a in self.model.rows]
        if ids:
            self.view.selectRow(ids.index(aktivitet_id) if aktivitet_id in ids else 0)
        self._show()

    def current(self) -> Aktivitet | None:
        index = self.view.currentIndex()
        return index.data(ROW_ROLE) if index.isValid() else None

    def _show(self) -> None:
        a = self.current()
        if a is None:
            text = "Markera en aktivitet för att se deltagarna per medlem."
            self.details.setHtml(f"<p>{text}</p>" if self.model.rows else f"<p>Inga aktiviteter {self.tab.year()}.</p>")
        else:
            self.details.setHtml(details_html(a))
        writable = self.tab.editable()
        self.new_btn.setEnabled(writable)
        self.edit_btn.setEnabled(writable and a is not None)
        self.delete_btn.setEnabled(writable and a is not None)

    # --- ids across undo ----------------------------------------------------------------------------------------
    def _resolve(self, aktivitet_id: int) -> int:
        while aktivitet_id in self._alias:
            aktivitet_id = self._alias[aktivitet_id]
        return aktivitet_id

    def _recreate(self, aktivitet_id: int, a: Aktivitet) -> Aktivitet:
        """Save ``a`` again (after a removal) and remember its new id for the steps that know the old one."""
        gone = self._resolve(aktivitet_id)
        saved = self.tab.vs.aktiviteter.save_aktivitet(replace(a, id=None))
        self._alias.pop(saved.id, None)  # the new id is a live row: it ends every chain
        if saved.id != gone:
            self._alias[gone] = saved.id
        return saved

    # --- actions ------------------------------------------------------------------------------------------------
    def _members(self):
        return self.tab.ctx.services.forbund.list_members()

    def dialog(self, aktivitet: Aktivitet, submit) -> AktivitetDialog:
        return AktivitetDialog(aktivitet, self._members(), submit, self)

    def _template(self) -> Aktivitet:
        year = self.tab.year()
        today = clock.today()
        return Aktivitet(None, today if today.year == year else date(year, 1, 1), "")

    def on_new(self) -> None:
        if not self.tab.editable():
            return
        svc = self.tab.vs.aktiviteter
        state: dict[str, Aktivitet] = {}

        def submit(new: Aktivitet) -> None:
            def do() -> Aktivitet:
                if "saved" in state:  # a redo: the same aktivitet again
                    state["saved"] = self._recreate(state["saved"].id, state["saved"])
                else:
                    state["saved"] = svc.save_aktivitet(new)
                return state["saved"]

            self.tab.push(
                f"Ny aktivitet {new.titel.strip()[:40]}",
                do,
                lambda: svc.delete_aktivitet(self._resolve(state["saved"].id)),
            )

        if self.dialog(self._template(), submit).exec() and "saved" in state:
            saved = state["saved"]
            if saved.datum.year != self.tab.year():
                self.tab.choose_year(saved.datum.year)
                self.tab.load_year()
            self.select(self._resolve(saved.id))

    def on_edit(self) -> None:
        chosen = self.current()
        if chosen is None or not self.tab.editable():
            return
        svc = self.tab.vs.aktiviteter
        try:
            old = svc.get(chosen.id)
        except FinsamError as exc:
            self.tab.error(exc)
            return

        def submit(new: Aktivitet) -> None:
            self.tab.push(
                f"Ändra aktiviteten {new.titel.strip()[:40]}",
                lambda: svc.save_aktivitet(replace(new, id=self._resolve(old.id))),
                lambda: svc.save_aktivitet(replace(old, id=self._resolve(old.id))),
            )

        if self.dialog(old, submit).exec():
            self.select(self._resolve(old.id))

    def on_delete(self) -> None:
        chosen = self.current()
        if chosen is None or not self.tab.editable():
            return
        if not self.tab.confirm(
            "Ta bort aktivitet", f"Ta bort aktiviteten ”{chosen.titel}” {chosen.datum.isoformat()} och dess deltagare?"
        ):
            return
        svc = self.tab.vs.aktiviteter
        state = {"aktivitet": chosen}

        def do() -> None:
            state["aktivitet"] = svc.delete_aktivitet(self._resolve(chosen.id))

        self.tab.undoable(
            f"Ta bort aktiviteten {chosen.titel[:40]}", do, lambda: self._recreate(chosen.id, state["aktivitet"])
        )
