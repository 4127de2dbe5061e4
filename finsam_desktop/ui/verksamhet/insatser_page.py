"""Insatser: the chosen year's insatser (those running some time in it) with their delprojekt nested under them –
namn, typ, status, period, projektägare, the year's beviljade medel and the FTE sum (⚠ when it does not match the
total the insats states) – and below the chosen insats's Syfte, Mål, målgrupp, personal and financing. Editing
opens the insats form; a save is undoable."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from html import escape

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QSplitter,
    QTextBrowser,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from finsam_desktop.domain.common.errors import FinsamError
from finsam_desktop.domain.common.money import format_kr
from finsam_desktop.domain.verksamhet import richtext
from finsam_desktop.domain.verksamhet.insats import InsatsTyp
from finsam_desktop.domain.verksamhet.personal import format_fte, format_procent
from finsam_desktop.services.verksamhet.dto import VerksamhetInsats
from finsam_desktop.ui.verksamhet.insats_dialog import InsatsDialog
from finsam_desktop.ui.verksamhet.models import INSATS_ROLE, InsatsTreeModel, button, period_text


def richtext_html(text: str) -> str:
    """Syfte/Mål markup as HTML: paragraphs, bullet lists, bold."""
    try:
        blocks = richtext.parse(text)
    except FinsamError:
        return f"<p>{escape(text)}</p>"

    def runs(items) -> str:
        return "".join(f"<b>{escape(r.text)}</b>" if r.bold else escape(r.text) for r in items)

    out = []
    for block in blocks:
        if isinstance(block, richtext.Paragraph):
            out.append(f"<p>{runs(block.runs)}</p>")
        else:
            out.append("<ul>" + "".join(f"<li>{runs(item)}</li>" for item in block.items) + "</ul>")
    return "".join(out) or "<p><i>Inte ifyllt.</i></p>"


def details_html(i: VerksamhetInsats, year: int) -> str:
    parts = [f"<h3>{escape(i.namn)}</h3>"]
    facts = [
        ("Typ", i.typ.label if i.typ else "Administration"),
        ("Status", i.status.label),
        ("Period", period_text(i)),
        ("Projektägare", i.projektagare or "–"),
        ("Huvudman", i.huvudman or "–"),
        ("Samverkansparter", i.samverkansparter or "–"),
        ("Målgrupp", i.malgrupp.summary or "–"),
    ]
    if i.delprojekt:
        facts.append(("Delprojekt", ", ".join(i.delprojekt)))
    parts.append("".join(f"<b>{k}:</b> {escape(v)}<br>" for k, v in facts))
    parts.append(f"<h4>Syfte</h4>{richtext_html(i.syfte)}<h4>Mål</h4>{richtext_html(i.mal)}")
    parts.append("<h4>Personalresurser</h4>")
    if i.personal:
        rows = "".join(
            f"<tr><td>{escape(p.roll)}</td><td>{escape(p.organisation)}</td>"
            f"<td align='right'>{p.antal} × {escape(format_procent(p.procent))}</td>"
            f"<td align='right'>{format_fte(p.fte)}</td><td>{escape(p.notering)}</td></tr>"
            for p in i.personal
        )
        parts.append(
            "<table cellpadding='3'><tr><th align='left'>Roll</th><th align='left'>Organisation</th>"
            f"<th>Arbetstid</th><th>Årsarbetare</th><th></th></tr>{rows}"
            f"<tr><td colspan='3'><b>Summa</b></td><td align='right'><b>{format_fte(i.fte)}</b></td></tr></table>"
        )
    else:
        parts.append("<p><i>Ingen personal registrerad.</i></p>")
    if i.staffing_flag is not None:
        parts.append(f"<p style='color:#8A5A00'>⚠ {escape(i.staffing_flag.message)}</p>")
    f = i.finansiering(year)
    parts.append(
        f"<h4>Finansiering {year}</h4><p>Förbundet (beviljade medel): {format_kr(f.forbund)}<br>"
        f"ESF: {format_kr(f.esf)}<br>Annan medfinansiering: {format_kr(f.annan)}<br><b>Totalt: "
        f"{format_kr(f.total)}</b></p>"
    )
    if i.typ is InsatsTyp.STOD_FOR_SAMVERKAN:
        parts.append("<p>Samverkansstöd: redovisas som strukturell kostnad i budgeten.</p>")
    if i.styrgrupp:
        members = ", ".join(
            escape(" ".join(x for x in (g.namn, f"({g.organisation})" if g.organisation else "", g.roll) if x))
            for g in i.styrgrupp
        )
        parts.append(f"<h4>Styrgrupp</h4><p>{members}</p>")
    return "".join(parts)


class InsatserPage(QWidget):
    def __init__(self, tab):
        super().__init__(tab)
        self.tab = tab
        self.insatser: list[VerksamhetInsats] = []
        self.model = InsatsTreeModel(self)
        self.view = QTreeView()
        self.view.setModel(self.model)
        self.view.setAccessibleName("Årets insatser")
        self.view.setAccessibleDescription(
            "En insats per rad med sina delprojekt under sig: namn, typ, status, period, projektägare, årets "
            "beviljade medel och årsarbetare (⚠ när summan inte stämmer med den angivna)."
        )
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setUniformRowHeights(True)
        header = self.view.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        self.details = QTextBrowser()
        self.details.setAccessibleName("Insatsens uppgifter")
        self.details.setOpenLinks(False)
        self.edit_btn = button("Ä&ndra…", "Ändra insatsen", "Typ, status, målgrupp, Syfte/Mål, personal, finansiering")
        self.new_btn = button("Ny insat&s…", "Ny insats")
        self.sub_btn = button("Nytt delpro&jekt…", "Nytt delprojekt i markerad insats")
        bar = QHBoxLayout()
        for b in (self.edit_btn, self.new_btn, self.sub_btn):
            bar.addWidget(b)
        bar.addStretch(1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.view)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)
        self.view.selectionModel().currentRowChanged.connect(self._current_changed)
        self.view.activated.connect(lambda _i: self.on_edit())  # double-click or Enter
        self.edit_btn.clicked.connect(self.on_edit)
        self.new_btn.clicked.connect(lambda: self.on_new(None))
        self.sub_btn.clicked.connect(lambda: self.on_new(self.current()))

    # --- loading ------------------------------------------------------------------------------------------------
    def load(self) -> None:
        keep = self.current()
        year = self.tab.year()
        self.insatser = self.tab.vs.insatser.list_insatser(year)
        self.model.set_insatser(self.insatser, year)
        self.view.expandAll()
        self.select(keep.id if keep else None)
        self._update()

    def rows(self) -> list[tuple[int, VerksamhetInsats]]:
        """(depth, insats) in the tree's order: what the view shows."""
        out: list[tuple[int, VerksamhetInsats]] = []

        def walk(parent: QModelIndex, depth: int) -> None:
            for r in range(self.model.rowCount(parent)):
                index = self.model.index(r, 0, parent)
                out.append((depth, index.data(INSATS_ROLE)))
                walk(index, depth + 1)

        walk(QModelIndex(), 0)
        return out

    def index_of(self, insats_id: int | None) -> QModelIndex:
        def walk(parent: QModelIndex) -> QModelIndex:
            for r in range(self.model.rowCount(parent)):
                index = self.model.index(r, 0, parent)
                if index.data(INSATS_ROLE).id == insats_id:
                    return index
                found = walk(index)
                if found.isValid():
                    return found
            return QModelIndex()

        return walk(QModelIndex()) if insats_id is not None else QModelIndex()

    def select(self, insats_id: int | None) -> None:
        index = self.index_of(insats_id)
        if not index.isValid() and self.model.rowCount():
            index = self.model.index(0, 0)
        if index.isValid():
            self.view.setCurrentIndex(index)
        self._show(index)

    def current(self) -> VerksamhetInsats | None:
        index = self.view.currentIndex()
        return index.siblingAtColumn(0).data(INSATS_ROLE) if index.isValid() else None

    def _current_changed(self, current: QModelIndex, _previous) -> None:
        self._show(current)
        self._update()

    def _show(self, index: QModelIndex) -> None:
        insats = index.siblingAtColumn(0).data(INSATS_ROLE) if index.isValid() else None
        if insats is None:
            self.details.setHtml(f"<p>Inga insatser pågår {self.tab.year()}.</p>")
        else:
            self.details.setHtml(details_html(insats, self.tab.year()))

    def _update(self) -> None:
        writable = self.tab.editable()
        chosen = self.current() is not None
        self.edit_btn.setEnabled(writable and chosen)
        self.sub_btn.setEnabled(writable and chosen)
        self.new_btn.setEnabled(writable)

    # --- actions ------------------------------------------------------------------------------------------------
    def _parents(self) -> list[VerksamhetInsats]:
        return self.tab.vs.insatser.list_insatser()

    def dialog(self, insats: VerksamhetInsats, submit) -> InsatsDialog:
        return InsatsDialog(insats, self._parents(), submit, self)

    def on_edit(self) -> None:
        chosen = self.current()
        if chosen is None:
            return
        svc = self.tab.vs.insatser
        try:
            old = svc.get(chosen.id)
        except FinsamError as exc:
            self.tab.error(exc)
            return

        def submit(new: VerksamhetInsats) -> None:
            self.tab.push(f"Ändra insatsen {new.namn.strip()}", lambda: svc.save(new), lambda: svc.save(old))

        self.dialog(old, submit).exec()
        self.select(old.id)

    def on_new(self, parent: VerksamhetInsats | None) -> None:
        year = self.tab.year()
        template = VerksamhetInsats(
            None, "", parent_id=parent.id if parent else None, start=date(year, 1, 1), slut=date(year, 12, 31)
        )
        if parent is not None:
            template = replace(template, typ=parent.typ, start=parent.start, slut=parent.slut)
        svc = self.tab.vs.insatser
        saved: dict[str, VerksamhetInsats] = {}

        def do() -> VerksamhetInsats:
            saved["insats"] = svc.save(replace(saved.get("insats", new_value["insats"]), id=None))
            return saved["insats"]

        new_value: dict[str, VerksamhetInsats] = {}

        def submit(new: VerksamhetInsats) -> None:
            new_value["insats"] = new
            what = "delprojekt" if new.parent_id else "insats"
            self.tab.push(f"Ny {what} {new.namn.strip()}", do, lambda: svc.delete(saved["insats"].id))

        if self.dialog(template, submit).exec() and "insats" in saved:
            self.select(saved["insats"].id)
