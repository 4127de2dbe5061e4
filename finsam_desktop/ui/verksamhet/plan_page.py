"""Verksamhetsplan: the plan of the tab's year with the two plan years after it. Without a plan, what it is and
"Skapa verksamhetsplan…" (a template, or a copy of last year's plan); with one, its status, its sections and the
editor (``plan_editor``), the check's flags (budget totals that do not add up, staffing that does not match), the
export as PDF or Word (an antagen plan's PDF is the one stored at the adoption) and the adoption at a styrelse §,
after which the plan is read-only and next year's plan is made as a copy. Creating and editing are undoable; the
adoption is not."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QStackedWidget, QVBoxLayout, QWidget

from finsam_desktop.domain.common.errors import FinsamError
from finsam_desktop.domain.verksamhet.plan import Template
from finsam_desktop.services.verksamhet.plan_dto import VPlan
from finsam_desktop.services.verksamhet.plan_export import plan_file
from finsam_desktop.ui.verksamhet.models import button
from finsam_desktop.ui.verksamhet.plan_dialogs import CreatePlanDialog, PlanAdoptDialog
from finsam_desktop.ui.verksamhet.plan_editor import SectionEditor
from finsam_desktop.ui.widgets.background import run_in_background

FILTERS = {"pdf": "PDF (*.pdf)", "docx": "Word (*.docx)"}

EXPLANATION = (
    "Verksamhetsplanen beskriver årets verksamhet med plan för de två följande åren. Den görs här i programmet: "
    "insatser, mål och indikatorer, budget, årshjul och riskanalys hämtas från de andra flikarna, och texterna "
    "fylls i med förslag som du sedan skriver om. Skapa planen från en mall eller som en kopia av förra årets "
    "plan. När styrelsen har antagit den registreras beslutet här; då lagras PDF-filen och planen låses."
)


def adopted_phrase(plan: VPlan) -> str:
    """ "antagen vid § 12 den 2026-11-20" from the stored "2026-11-20, § 12"."""
    when, _sep, where = plan.adopted_text.partition(", ")
    return f"antagen vid {where} den {when}" if where else f"antagen {plan.adopted_text}"


class PlanPage(QWidget):
    def __init__(self, tab):
        super().__init__(tab)
        self.tab = tab
        self.service = tab.vs.plan
        self.plan: VPlan | None = None
        self._stale = True
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Planens status")
        self.adopt_btn = button("An&ta vid §…", "Anta verksamhetsplanen", "Vid en § i ett styrelseprotokoll; låser")
        self.pdf_btn = button("Exportera &PDF…", "Exportera PDF", "Verksamhetsplanen som tillgänglig PDF")
        self.docx_btn = button("Exportera &Word…", "Exportera Word", "Verksamhetsplanen som Word-dokument")
        self.next_btn = button("Nästa års p&lan", "Nästa års plan", "Skapar nästa års plan som en kopia av denna")
        bar = QHBoxLayout()
        bar.addWidget(self.status, 1)
        for b in (self.adopt_btn, self.pdf_btn, self.docx_btn, self.next_btn):
            bar.addWidget(b)
        # --- no plan yet ---
        self.empty = QWidget()
        self.explanation = QLabel(EXPLANATION)
        self.explanation.setWordWrap(True)
        self.explanation.setAccessibleName("Om verksamhetsplanen")
        self.create_btn = button("&Skapa verksamhetsplan…", "Skapa verksamhetsplan", "Från en mall eller som kopia")
        ev = QVBoxLayout(self.empty)
        ev.addStretch(1)
        ev.addWidget(self.explanation)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.create_btn)
        row.addStretch(1)
        ev.addLayout(row)
        ev.addStretch(2)
        # --- a plan ---
        self.editor = SectionEditor(self)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.editor)
        self.flags = QLabel()
        self.flags.setWordWrap(True)
        self.flags.setAccessibleName("Flaggor från kontrollen")
        self.flags.setStyleSheet("color: #A61B1B")
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.flags)
        self.create_btn.clicked.connect(self.on_create)
        self.adopt_btn.clicked.connect(self.on_adopt)
        self.pdf_btn.clicked.connect(lambda: self.on_export("pdf"))
        self.docx_btn.clicked.connect(lambda: self.on_export("docx"))
        self.next_btn.clicked.connect(self.on_next)

    # --- loading (when shown: the plan draws on every other area) ------------------------------------------------
    def load(self) -> None:
        self._stale = True
        if self.isVisible():
            self.refresh()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def refresh(self) -> None:
        self._stale = False
        year = self.tab.year()
        try:
            self.plan = self.service.plan(year)
            pub = self.service.publication(year) if self.plan else None
        except FinsamError as exc:
            self.plan, pub = None, None
            self.status.setText(str(exc))
        writable = self.tab.editable()
        has = self.plan is not None
        for b in (self.adopt_btn, self.pdf_btn, self.docx_btn):
            b.setVisible(has)
        locked = has and self.plan.locked
        self.next_btn.setVisible(locked)
        self.next_btn.setEnabled(writable or (year + 1) in self.service.years())
        self.adopt_btn.setEnabled(writable and has and not locked)
        self.create_btn.setEnabled(writable)
        if not has:
            self.stack.setCurrentWidget(self.empty)
            self.status.setText(f"<b>Ingen verksamhetsplan för {year}.</b>")
            self.flags.setVisible(False)
            return
        p = self.plan
        state = adopted_phrase(p) if locked else "utkast"
        copied = f" · kopia av planen {p.copied_from_year}" if p.copied_from_year else ""
        lock = (
            "<br>Planen är antagen och låst; PDF-exporten är den lagrade antagna filen. Nästa års plan görs som en kopia."
            if locked
            else ""
        )
        self.status.setText(
            f"<b>{pub.title}</b> – {state} · planår {p.year}–{p.year + 2} · {len(p.sections)} avsnitt{copied}{lock}"
        )
        self.stack.setCurrentWidget(self.editor)
        self.editor.show_plan(p, pub, writable and not locked)
        self.flags.setText(("⚠ " + "\n⚠ ".join(pub.flags)) if pub.flags else "")
        self.flags.setVisible(bool(pub.flags))

    # --- actions ------------------------------------------------------------------------------------------------
    def on_create(self) -> None:
        year = self.tab.year()
        previous = year - 1 if (year - 1) in self.service.years() else None

        def submit(mall: Template, copy: bool) -> None:
            self.tab.push(
                f"Skapa verksamhetsplan {year}",
                lambda: self.service.create_plan(year, mall, copy),
                lambda: self.service.delete_plan(year),
            )

        CreatePlanDialog(year, previous, submit, self).exec()

    def on_next(self) -> None:
        if self.plan is None:
            return
        year = self.plan.year + 1
        if year not in self.service.years() and not self.tab.undoable(
            f"Verksamhetsplan {year} som kopia",
            lambda: self.service.create_plan(year, self.plan.mall, True),
            lambda: self.service.delete_plan(year),
        ):
            return
        self.tab.reload()
        self.tab.choose_year(year)
        self.tab.load_year()

    def on_adopt(self) -> None:
        if self.plan is None or self.plan.locked:
            return
        self.editor.offer_save()
        year = self.plan.year
        try:
            paragraphs = self.tab.ctx.services.attest.versions.styrelse_paragraphs(since=date(year - 1, 1, 1))
        except FinsamError as exc:
            self.tab.error(exc)
            return
        dlg = PlanAdoptDialog(year, paragraphs, self)
        if not dlg.exec() or dlg.item_id() is None:
            return
        if not self.tab.confirm(
            "Anta verksamhetsplanen",
            f"Anta verksamhetsplanen {year} vid {dlg.paragraph.currentText()}? PDF-filen lagras och planen kan "
            "därefter inte ändras. Det går inte att ångra.",
        ):
            return
        try:
            plan = self.service.adopt(year, dlg.item_id())
        except FinsamError as exc:
            self.tab.error(exc, "Verksamhetsplanen antogs inte")
            return
        self.tab.changed()
        self.tab.info("Verksamhetsplanen antagen", f"Verksamhetsplanen {year} är {adopted_phrase(plan)}.")

    def on_export(self, kind: str) -> None:
        if self.plan is None:
            return
        self.editor.offer_save()
        year = self.plan.year
        path, _ = QFileDialog.getSaveFileName(self, "Spara som", f"Verksamhetsplan-{year}.{kind}", FILTERS[kind])
        if not path:
            return

        def make():
            result = plan_file(self.service, year, kind)
            Path(path).write_bytes(result.data)
            return result

        def done(result) -> None:
            window = self.window()
            if hasattr(window, "statusBar"):
                window.statusBar().showMessage(f"Sparade {path} {result.summary}", 8000)

        label = "Skapar PDF…" if kind == "pdf" else "Skapar Word-dokument…"
        run_in_background(self, label, make, done, lambda exc: self.tab.error(exc, "Dokumentet skapades inte"))
