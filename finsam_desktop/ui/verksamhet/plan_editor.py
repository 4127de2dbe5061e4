"""The verksamhetsplan's sections and the editor of the chosen one: the sections as a tree numbered as the document
numbers them (1, 1.1 …, Bilaga 1), the heading and the text (``- `` bullets, ``**fet**``) saved or put back to what
the data suggests, the activity rows of an aktivitetstabell, and for a generated section a read-only preview of the
rows it takes from the other tabs. Every change is one undoable step on the tab's stack."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFontDatabase, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSplitter,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from finsam_desktop.domain.common.errors import clip
from finsam_desktop.domain.verksamhet.plan import SectionKind, fill_heading, numbering
from finsam_desktop.domain.verksamhet.plan_publication import PlanAktivitet, PlanPublication
from finsam_desktop.services.verksamhet.plan_dto import PlanSection, VPlan
from finsam_desktop.ui.verksamhet.budget_table_dialog import BudgetTableDialog
from finsam_desktop.ui.verksamhet.models import button
from finsam_desktop.ui.verksamhet.plan_dialogs import PLACEHOLDERS, NewSectionDialog
from finsam_desktop.ui.verksamhet.plan_preview import SOURCES, preview_text

KEY_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2
#: The seed's activity table, the fields of ``PlanAktivitet`` they edit.
AKTIVITET_COLUMNS = (
    ("Vad", "vad"),
    ("Vem ansvarar", "vem"),
    ("Tillfällena", "tillfallen"),
    ("Hur", "hur"),
    ("För vem", "for_vem"),
)
MARKUP_HELP = "En tom rad skiljer stycken. ”- ” först på en rad ger en punkt i en lista; **så här** ger fetstil."


def _norm(text: str) -> str:
    return "\n".join(line.rstrip() for line in text.replace("\r\n", "\n").split("\n")).strip()


def _row_key(a: PlanAktivitet) -> tuple[str, ...]:
    return tuple(getattr(a, f).strip() for _h, f in AKTIVITET_COLUMNS)


class SectionEditor(QWidget):
    def __init__(self, page):
        super().__init__(page)
        self.page = page
        self.plan: VPlan | None = None
        self.pub: PlanPublication | None = None
        self.writable = False
        self._key: str | None = None  # the section shown in the editor
        self._want: str | None = None  # the section to show after the next load (a new one)
        # --- the sections ---
        self.tree = QTreeWidget()
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels(["Nr", "Rubrik", "Innehåll"])
        self.tree.setAccessibleName("Planens avsnitt")
        self.tree.setAccessibleDescription("Avsnitten i den ordning och med den numrering som dokumentet får.")
        self.tree.setRootIsDecorated(True)
        self.tree.setUniformRowHeights(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        tree_label = QLabel("Avs&nitt")
        tree_label.setBuddy(self.tree)
        self.add_btn = button("N&ytt avsnitt…", "Nytt avsnitt", "Ett nytt avsnitt efter det markerade")
        self.remove_btn = button("Ta &bort avsnitt", "Ta bort avsnitt", "Tar bort det markerade avsnittet")
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addWidget(tree_label)
        lv.addWidget(self.tree, 1)
        lb = QHBoxLayout()
        lb.addWidget(self.add_btn)
        lb.addWidget(self.remove_btn)
        lb.addStretch(1)
        lv.addLayout(lb)
        # --- the chosen section: heading, text ---
        self.heading = QLineEdit()
        self.heading.setAccessibleName("Rubrik")
        self.heading.setToolTip(PLACEHOLDERS)
        heading_label = QLabel("R&ubrik")
        heading_label.setBuddy(self.heading)
        self.kind = QLabel()
        self.kind.setWordWrap(True)
        self.kind.setAccessibleName("Avsnittets innehåll")
        self.text = QPlainTextEdit()
        self.text.setAccessibleName("Avsnittets text")
        self.text.setAccessibleDescription(MARKUP_HELP)
        self.text.setToolTip(MARKUP_HELP)
        self.text.setPlaceholderText(MARKUP_HELP)
        self.text.setTabChangesFocus(True)
        text_label = QLabel("Te&xt")
        text_label.setBuddy(self.text)
        self.save_btn = button("&Spara avsnitt", "Spara avsnitt", "Sparar rubriken och texten")
        self.reset_btn = button(
            "Återställ till &förslag", "Återställ till förslag", "Texten blir det förslag som data ger nu"
        )
        top = QWidget()
        tv = QVBoxLayout(top)
        tv.setContentsMargins(0, 0, 0, 0)
        hr = QHBoxLayout()
        hr.addWidget(heading_label)
        hr.addWidget(self.heading, 1)
        tv.addLayout(hr)
        tv.addWidget(self.kind)
        tv.addWidget(text_label)
        tv.addWidget(self.text, 1)
        br = QHBoxLayout()
        br.addWidget(self.save_btn)
        br.addWidget(self.reset_btn)
        help_label = QLabel("”- ” ger en punkt, **fet** ger fetstil")
        help_label.setStyleSheet("color: #555")
        br.addWidget(help_label, 1)
        tv.addLayout(br)
        # --- below the text: the activity table or the generated rows ---
        self.lower = QStackedWidget()
        self.lower.addWidget(QWidget())
        self.lower.addWidget(self._aktivitet_part())
        self.preview = QPlainTextEdit()
        self.preview.setReadOnly(True)
        self.preview.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByKeyboard | Qt.TextInteractionFlag.TextSelectableByMouse
        )
        self.preview.setAccessibleName("Innehåll från andra flikar")
        self.preview.setTabChangesFocus(True)
        preview_part = QWidget()
        pv = QVBoxLayout(preview_part)
        pv.setContentsMargins(0, 0, 0, 0)
        preview_label = QLabel("Hämtas från andra flikar (skrivskyddat):")
        pv.addWidget(preview_label)
        pv.addWidget(self.preview, 1)
        self.budget_btn = button(
            "Skri&v budgettabellen…",
            "Skriv budgettabellen",
            "Planens egen budgettabell, skriven som dokumentet ska visa den, i stället för Budget-flikens siffror",
        )
        budget_row = QHBoxLayout()
        budget_row.addWidget(self.budget_btn)
        budget_row.addStretch(1)
        pv.addLayout(budget_row)
        self.budget_btn.clicked.connect(self.on_budget_table)
        self.lower.addWidget(preview_part)
        self.right = QSplitter(Qt.Orientation.Vertical)
        self.right.addWidget(top)
        self.right.addWidget(self.lower)
        self.right.setChildrenCollapsible(False)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(self.right)
        split.setChildrenCollapsible(False)
        split.setSizes([470, 770])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split)
        self.tree.currentItemChanged.connect(self._current_changed)
        self.add_btn.clicked.connect(self.on_add)
        self.remove_btn.clicked.connect(self.on_remove)
        self.save_btn.clicked.connect(self.on_save)
        self.reset_btn.clicked.connect(self.on_reset)
        self.add_row_btn.clicked.connect(self.on_add_row)
        self.remove_row_btn.clicked.connect(self.on_remove_row)
        self.save_rows_btn.clicked.connect(self.on_save_rows)

    def _aktivitet_part(self) -> QWidget:
        self.table = QTableWidget(0, len(AKTIVITET_COLUMNS))
        self.table.setHorizontalHeaderLabels([h for h, _f in AKTIVITET_COLUMNS])
        self.table.setAccessibleName("Aktiviteter")
        self.table.setAccessibleDescription("En aktivitet per rad: vad, vem som ansvarar, tillfällena, hur, för vem.")
        self.table.setWordWrap(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setTabKeyNavigation(False)
        label = QLabel("Akti&viteter")
        label.setBuddy(self.table)
        self.add_row_btn = button("L&ägg till rad", "Lägg till aktivitetsrad")
        self.remove_row_btn = button("Ta b&ort rad", "Ta bort aktivitetsrad")
        # The letters of "Spara tabellen" are all taken on this page (the sub-tabs included): a key of its own.
        self.save_rows_btn = button("Spara tabellen", "Spara aktivitetstabellen", "Ctrl+Retur")
        self.save_rows_btn.setShortcut(QKeySequence("Ctrl+Return"))
        part = QWidget()
        v = QVBoxLayout(part)
        v.setContentsMargins(0, 0, 0, 0)
        v.addWidget(label)
        v.addWidget(self.table, 1)
        b = QHBoxLayout()
        for x in (self.add_row_btn, self.remove_row_btn, self.save_rows_btn):
            b.addWidget(x)
        b.addStretch(1)
        v.addLayout(b)
        return part

    # --- showing ------------------------------------------------------------------------------------------------
    @property
    def tab(self):
        return self.page.tab

    def show_plan(self, plan: VPlan, pub: PlanPublication, writable: bool) -> None:
        self.plan, self.pub, self.writable = plan, pub, writable
        keep = self._want or self._key
        self._want = None
        numbers = {n.key: n.number for n in numbering([(s.key, s.level, s.bilaga, s.numbered) for s in plan.sections])}
        self.tree.blockSignals(True)
        self.tree.clear()
        parent: QTreeWidgetItem | None = None
        chosen = first = None
        for sec in plan.sections:
            kind = sec.kind.label.split(" + ")[-1].capitalize() + (" · bilaga" if sec.bilaga else "")
            item = QTreeWidgetItem([numbers.get(sec.key, ""), plan.heading(sec.key), kind])
            item.setData(0, KEY_ROLE, sec.key)
            item.setToolTip(1, plan.heading(sec.key))
            if sec.level == 1 or parent is None:
                self.tree.addTopLevelItem(item)
                parent = item
            else:
                parent.addChild(item)
            first = first or item
            if sec.key == keep:
                chosen = item
        chosen = chosen or first
        self.tree.expandAll()
        if chosen is not None:
            self.tree.setCurrentItem(chosen)
        self.tree.blockSignals(False)
        self._show(chosen.data(0, KEY_ROLE) if chosen else None)

    def section(self) -> PlanSection | None:
        return self.plan.section(self._key) if self.plan and self._key else None

    def _show(self, key: str | None) -> None:
        self._key = key
        sec = self.section()
        pubsec = next((s for s in self.pub.sections if s.key == key), None) if self.pub else None
        self.heading.setText(sec.heading if sec else "")
        self.text.setPlainText(sec.body if sec else "")
        if sec is None:
            self.kind.setText("")
            self.lower.setCurrentIndex(0)
        else:
            label = "" if sec.kind is SectionKind.TEXT else f"{sec.kind.label}{', bilaga' if sec.bilaga else ''}. "
            shown = self.plan.heading(sec.key)
            filled = f" Rubriken visas som ”{shown}”." if shown != sec.heading else ""
            self.kind.setText(label + SOURCES[sec.kind] + filled)
            if sec.kind is SectionKind.AKTIVITETER:
                self._fill_table(self.plan.rows_of(sec.key))
                self.lower.setCurrentIndex(1)
            elif sec.kind is SectionKind.TEXT or pubsec is None:
                self.lower.setCurrentIndex(0)
            else:
                self.preview.setPlainText(preview_text(pubsec))
                fixed = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
                budget = sec.kind is SectionKind.BUDGET
                self.preview.setFont(fixed if budget else self.text.font())
                wrap = QPlainTextEdit.LineWrapMode
                self.preview.setLineWrapMode(wrap.NoWrap if budget else wrap.WidgetWidth)
                self.budget_btn.setVisible(budget)
                self.lower.setCurrentIndex(2)
        self.right.widget(1).setVisible(self.lower.currentIndex() != 0)
        self._update()

    def _fill_table(self, rows) -> None:
        self.table.setRowCount(0)
        for a in rows:
            self._insert_row(self.table.rowCount(), a)

    def _insert_row(self, at: int, a: PlanAktivitet) -> None:
        self.table.insertRow(at)
        for col, (_h, field) in enumerate(AKTIVITET_COLUMNS):
            item = QTableWidgetItem(getattr(a, field))
            if col == 0:
                item.setData(ROW_ROLE, a)  # keeps what the columns do not show (tabell, när, insats)
            self.table.setItem(at, col, item)

    def _update(self) -> None:
        sec = self.section()
        can = self.writable and sec is not None
        self.heading.setReadOnly(not can)
        self.text.setReadOnly(not can)
        self.text.setPlaceholderText(MARKUP_HELP if can else "")
        self.save_btn.setEnabled(can)
        self.reset_btn.setEnabled(can)
        self.add_btn.setEnabled(self.writable and self.plan is not None)
        self.remove_btn.setEnabled(can and len(self.plan.sections) > 1)
        triggers = (
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
            if can
            else QAbstractItemView.EditTrigger.NoEditTriggers
        )
        self.table.setEditTriggers(triggers)
        for b in (self.add_row_btn, self.remove_row_btn, self.save_rows_btn, self.budget_btn):
            b.setEnabled(can)

    # --- unsaved edits ------------------------------------------------------------------------------------------
    def table_rows(self) -> list[PlanAktivitet]:
        """The activity rows as typed (an open cell editor committed first); a wholly empty row is left out."""
        self.table.setCurrentItem(None)  # commits a cell being edited
        out = []
        for r in range(self.table.rowCount()):
            texts = [(self.table.item(r, c).text() if self.table.item(r, c) else "") for c in range(5)]
            if not any(t.strip() for t in texts):
                continue
            first = self.table.item(r, 0)
            base = (first.data(ROW_ROLE) if first else None) or PlanAktivitet("aktiviteter", "")
            out.append(replace(base, **{f: t for (_h, f), t in zip(AKTIVITET_COLUMNS, texts)}))
        return out

    def dirty(self) -> list[str]:
        """What of the shown section is typed but not saved ("texten", "aktivitetstabellen")."""
        sec = self.section()
        if sec is None or not self.writable:
            return []
        out = []
        if _norm(self.text.toPlainText()) != _norm(sec.body) or " ".join(self.heading.text().split()) != sec.heading:
            out.append("texten")
        if sec.kind is SectionKind.AKTIVITETER:
            if [_row_key(a) for a in self.table_rows()] != [_row_key(a) for a in self.plan.rows_of(sec.key)]:
                out.append("aktivitetstabellen")
        return out

    def offer_save(self) -> None:
        """Before the section is left (or the plan exported, adopted): save what is typed, if the user wants."""
        if self.dirty():
            for save in self._pending_saves():
                save()

    def _current_changed(self, current, previous) -> None:
        if previous is not None and self.dirty():
            key = current.data(0, KEY_ROLE) if current else None
            saves = self._pending_saves()
            if saves:
                self._want = key
                # Saved after this signal: the save reloads the tree, which must not happen inside its own signal.
                QTimer.singleShot(0, lambda: [save() for save in saves])
        self._show(current.data(0, KEY_ROLE) if current else None)

    def _pending_saves(self) -> list:
        what = self.dirty()
        sec = self.section()
        heading = fill_heading(sec.heading, self.plan.year, self.plan.forbund)
        if not self.tab.confirm("Osparade ändringar", f"Spara ändringarna i {' och '.join(what)} i ”{heading}”?"):
            return []
        saves = []
        if "texten" in what:
            saves.append(self._save_action(sec, self.text.toPlainText(), self.heading.text()))
        if "aktivitetstabellen" in what:
            saves.append(self._rows_action(sec, self.table_rows()))
        return saves

    # --- actions ------------------------------------------------------------------------------------------------
    def _save_action(self, sec: PlanSection, body: str, heading: str):
        svc, year = self.page.service, self.plan.year
        new_heading = heading if " ".join(heading.split()) != sec.heading else None

        def run() -> None:
            self.tab.undoable(
                f"Spara avsnitt {clip(sec.heading, 40)}",
                lambda: svc.save_section(year, sec.key, body, new_heading),
                lambda: svc.save_section(year, sec.key, sec.body, sec.heading),
            )

        return run

    def _rows_action(self, sec: PlanSection, rows: list[PlanAktivitet]):
        svc, year = self.page.service, self.plan.year
        old = list(self.plan.rows_of(sec.key))

        def run() -> None:
            self.tab.undoable(
                f"Aktiviteter i {clip(sec.heading, 40)}",
                lambda: svc.save_aktiviteter(year, sec.key, rows),
                lambda: svc.save_aktiviteter(year, sec.key, old),
            )

        return run

    def on_save(self) -> None:
        sec = self.section()
        if sec is not None and self.writable:
            self._save_action(sec, self.text.toPlainText(), self.heading.text())()

    def on_reset(self) -> None:
        sec = self.section()
        if sec is None or not self.writable:
            return
        svc, year = self.page.service, self.plan.year
        self.tab.undoable(
            f"Återställ {clip(sec.heading, 40)} till förslag",
            lambda: svc.reset_section(year, sec.key),
            lambda: svc.save_section(year, sec.key, sec.body),
        )

    def on_save_rows(self) -> None:
        sec = self.section()
        if sec is not None and self.writable and sec.kind is SectionKind.AKTIVITETER:
            self._rows_action(sec, self.table_rows())()

    def on_add_row(self) -> None:
        at = self.table.currentRow() + 1 if self.table.currentRow() >= 0 else self.table.rowCount()
        self._insert_row(at, PlanAktivitet("aktiviteter", ""))
        self.table.setCurrentCell(at, 0)
        self.table.setFocus()
        self.table.editItem(self.table.item(at, 0))

    def on_remove_row(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)

    def on_add(self) -> None:
        if self.plan is None or not self.writable:
            return
        after = self._key or self.plan.sections[-1].key
        svc, year = self.page.service, self.plan.year
        state: dict = {}

        def do():
            state["sec"] = svc.add_section(year, state["heading"], after, state["level"], state["kind"])
            self._want = state["sec"].key
            return state["sec"]

        def submit(heading: str, level: int, kind: SectionKind) -> None:
            state.update(heading=heading, level=level, kind=kind)
            self.tab.push(f"Nytt avsnitt {clip(heading, 40)}", do, lambda: svc.remove_section(year, state["sec"].key))

        NewSectionDialog(self.plan.heading(after), submit, self).exec()

    def on_remove(self) -> None:
        sec = self.section()
        if sec is None or not self.writable:
            return
        rows = list(self.plan.rows_of(sec.key))
        heading = self.plan.heading(sec.key)
        extra = f" och dess {len(rows)} aktivitetsrader" if rows else ""
        if not self.tab.confirm("Ta bort avsnitt", f"Ta bort avsnittet ”{heading}” med dess text{extra}?"):
            return
        svc, year = self.page.service, self.plan.year
        index = [s.key for s in self.plan.sections].index(sec.key)
        self.tab.undoable(
            f"Ta bort avsnitt {clip(heading, 40)}",
            lambda: svc.remove_section(year, sec.key),
            lambda: svc.restore_section(year, sec, index, rows),
        )

    def on_budget_table(self) -> None:
        """The plan's own budget table: typed in a dialog, saved as one undoable step (or removed, so that the plan
        shows Budget's figures again)."""
        if self.plan is None or not self.writable:
            return
        svc, year = self.page.service, self.plan.year
        old = self.plan.budget_table if self.plan.budget_table else None

        def submit(table) -> None:  # an error keeps the dialog open and is shown in it
            self.tab.push(
                "Budgettabell i planen",
                lambda: svc.set_budget_table(year, table),
                lambda: svc.set_budget_table(year, old),
            )

        def remove() -> None:
            self.tab.undoable(
                "Budgettabell borttagen",
                lambda: svc.set_budget_table(year, None),
                lambda: svc.set_budget_table(year, old),
            )

        dialog = BudgetTableDialog(year, old, svc.budget_suggestion(year), submit, remove if old else None, self)
        dialog.exec()
