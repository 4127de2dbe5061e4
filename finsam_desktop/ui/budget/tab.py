"""The Budget tab: follow-up (budget, prognos, utfall, avvikelse, charts), budget editing,
insatser with payouts, member contributions and eget kapital. Edits are undoable."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from finsam_desktop import clock
from finsam_desktop.domain.budget.equity import EquityLimits
from finsam_desktop.domain.budget.followup import RowKind, summa_label
from finsam_desktop.domain.budget.lines import Line, LineClass, Measure, Scope, Section, SectionKind, format_pct
from finsam_desktop.domain.common.errors import FinsamError
from finsam_desktop.domain.common.money import format_kr, parse_amount
from finsam_desktop.services.budget.dto import Insats, PaymentRow
from finsam_desktop.ui.budget.chart import GroupChart, MonthChart
from finsam_desktop.ui.budget.dialogs import (
    AdoptDialog,
    DateDialog,
    FollowupEntryDialog,
    FormDialog,
    GrantDialog,
    InsatsDialog,
    LineDialog,
    SectionDialog,
    StatedTotalsDialog,
    amount_text,
)
from finsam_desktop.ui.budget.models import (
    FollowupModel,
    LinesModel,
    OffBudgetFilter,
    line_columns,
)
from finsam_desktop.ui.context import UiContext
from finsam_desktop.ui.widgets.background import run_in_background
from finsam_desktop.ui.widgets.table_model import ROW_ROLE, Column, RowTableModel
from finsam_desktop.ui.widgets.table_view import ResizeMode, read_only_table
from finsam_desktop.ui.widgets.undo import perform


def _table(model, stretch_col: int | None = None) -> QTableView:
    # A filter proxy shades its own rows (off-budget lines), so no alternating colours there.
    return read_only_table(
        model,
        resize=ResizeMode.ResizeToContents,
        stretch=stretch_col,
        alternating=not isinstance(model, QSortFilterProxyModel),
        row_height=22,
    )


def _label(text: str = "", wrap: bool = True) -> QLabel:
    lab = QLabel(text)
    lab.setWordWrap(wrap)
    lab.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return lab


class BudgetTab(QWidget):
    """Controller and layout of the Budget tab."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.bs = ctx.services.budget
        self.undo_stack = QUndoStack(self)
        ctx.undo_group.addStack(self.undo_stack)
        self.view_data = None
        self.doc = None
        self._build()
        years = self.bs.versions.years()
        this_year = clock.today().year
        self.year.setValue(this_year if this_year in years or not years else years[-1])
        self.year.valueChanged.connect(lambda _v: self.reload())
        ctx.events.workspace_replaced.connect(self.reload)
        ctx.events.forbund_changed.connect(self.reload)
        self.reload()

    # ------------------------------------------------------------------------------------------
    # Layout
    # ------------------------------------------------------------------------------------------
    def _build(self) -> None:
        root = QVBoxLayout(self)
        bar = QHBoxLayout()
        bar.addWidget(QLabel("Budgetår"))
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        bar.addWidget(self.year)
        bar.addWidget(QLabel("Uppföljning per"))
        self.per = QComboBox()
        self.per.setMinimumWidth(150)
        self.per.currentIndexChanged.connect(lambda _i: self._reload_followup())
        bar.addWidget(self.per)
        self.new_followup_btn = QPushButton("Ny uppföljning…")
        self.new_followup_btn.clicked.connect(self._on_new_followup)
        bar.addWidget(self.new_followup_btn)
        bar.addStretch(1)
        self.import_btn = QPushButton("Importera utfall…")
        self.import_btn.clicked.connect(self._on_import)
        self.mapping_btn = QPushButton("Kontokoppling…")
        self.mapping_btn.clicked.connect(self._on_mapping)
        self.xlsx_btn = QPushButton("Exportera Excel…")
        self.xlsx_btn.clicked.connect(lambda: self._on_export("xlsx"))
        self.pdf_btn = QPushButton("PDF till styrelsen…")
        self.pdf_btn.clicked.connect(lambda: self._on_export("pdf"))
        for b in (self.import_btn, self.mapping_btn, self.xlsx_btn, self.pdf_btn):
            bar.addWidget(b)
        root.addLayout(bar)
        self.status = _label()
        root.addWidget(self.status)
        self.tabs = QTabWidget()
        root.addWidget(self.tabs, 1)
        self.tabs.addTab(self._build_followup(), "Uppföljning")
        self.tabs.addTab(self._build_budget(), "Budget")
        self.tabs.addTab(self._build_insatser(), "Insatser och utbetalningar")
        self.tabs.addTab(self._build_contributions(), "Medlemsavgifter")
        self.tabs.addTab(self._build_equity(), "Eget kapital och mål")

    def _build_followup(self) -> QWidget:
        w = QWidget()
        lay = QVBoxLayout(w)
        top = QHBoxLayout()
        self.only_off = QCheckBox("Visa bara rader som avviker från budgeten")
        self.only_off.toggled.connect(self._on_only_off)
        top.addWidget(self.only_off)
        top.addStretch(1)
        self.stated_fu_btn = QPushButton("Summor enligt dokumentet…")
        self.stated_fu_btn.clicked.connect(lambda: self._on_stated(followup=True))
        top.addWidget(self.stated_fu_btn)
        self.edit_entry_btn = QPushButton("Ange utfall/prognos för raden…")
        self.edit_entry_btn.clicked.connect(self._on_edit_entry)
        top.addWidget(self.edit_entry_btn)
        lay.addLayout(top)
        self.followup_model = FollowupModel(self)
        self.followup_proxy = OffBudgetFilter(self)
        self.followup_proxy.setSourceModel(self.followup_model)
        self.followup_table = _table(self.followup_proxy, stretch_col=9)
        self.followup_table.doubleClicked.connect(lambda _i: self._on_edit_entry())
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.followup_table)
        lower = QWidget()
        low = QVBoxLayout(lower)
        low.setContentsMargins(0, 0, 0, 0)
        self.summary = _label()
        self.warnings = _label()
        self.warnings.setStyleSheet("color: #8a4b00;")
        # Wrapped labels under-report their height to the splitter; reserve two lines for the
        # summary and show the warnings only when there are any, so the charts are never clipped.
        self.summary.setMinimumHeight(self.summary.fontMetrics().lineSpacing() * 2 + 4)
        self.warnings.setVisible(False)
        low.addWidget(self.summary)
        low.addWidget(self.warnings)
        charts = QHBoxLayout()
        self.group_chart = GroupChart()
        self.month_chart = MonthChart()
        charts.addWidget(self.group_chart, 1)
        charts.addWidget(self.month_chart, 1)
        low.addLayout(charts, 1)
        split.addWidget(lower)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([560, 320])
        lay.addWidget(split, 1)
        return w

    def _build_budget(self) -> QWidget:
        w = QWidget()
        lay = QVBoxLayout(w)
        bar = QHBoxLayout()
        self.version = QComboBox()
        # Long version titles are elided in the closed box instead of widening the window.
        self.version.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.version.setMinimumContentsLength(20)
        self.version.currentIndexChanged.connect(lambda _i: self._reload_budget())
        bar.addWidget(QLabel("Version"))
        bar.addWidget(self.version, 1)
        self.add_line_btn = QPushButton("Ny rad…")
        self.add_line_btn.clicked.connect(self._on_add_line)
        self.edit_line_btn = QPushButton("Ändra…")
        self.edit_line_btn.clicked.connect(self._on_edit_line)
        self.del_line_btn = QPushButton("Ta bort")
        self.del_line_btn.clicked.connect(self._on_delete_line)
        self.adopt_btn = QPushButton("Fastställ…")
        self.adopt_btn.clicked.connect(self._on_adopt)
        self.revise_btn = QPushButton("Revidera…")
        self.revise_btn.clicked.connect(self._on_revise)
        self.new_budget_btn = QPushButton("Ny budget…")
        self.new_budget_btn.clicked.connect(self._on_new_budget)
        self.add_section_btn = QPushButton("Nytt avsnitt…")
        self.add_section_btn.clicked.connect(self._on_add_section)
        self.stated_btn = QPushButton("Summor enligt dokumentet…")
        self.stated_btn.clicked.connect(lambda: self._on_stated(followup=False))
        for b in (
            self.stated_btn,
            self.add_section_btn,
            self.add_line_btn,
            self.edit_line_btn,
            self.del_line_btn,
            self.adopt_btn,
            self.revise_btn,
            self.new_budget_btn,
        ):
            bar.addWidget(b)
        lay.addLayout(bar)
        self.lines_model = LinesModel(line_columns({}, {}, clock.today().year), parent=self)
        self.lines_table = _table(self.lines_model, stretch_col=1)
        self.lines_table.doubleClicked.connect(lambda _i: self._on_edit_line())
        lay.addWidget(self.lines_table, 1)
        self.budget_info = _label()
        lay.addWidget(self.budget_info)
        return w

    def _build_insatser(self) -> QWidget:
        w = QWidget()
        lay = QVBoxLayout(w)
        bar = QHBoxLayout()
        self.new_insats_btn = QPushButton("Ny insats…")
        self.new_insats_btn.clicked.connect(lambda: self._on_edit_insats(new=True))
        self.edit_insats_btn = QPushButton("Ändra…")
        self.edit_insats_btn.clicked.connect(lambda: self._on_edit_insats(new=False))
        self.grant_btn = QPushButton("Bevilja medel…")
        self.grant_btn.clicked.connect(self._on_grant)
        for b in (self.new_insats_btn, self.edit_insats_btn, self.grant_btn):
            bar.addWidget(b)
        bar.addStretch(1)
        lay.addLayout(bar)
        year_of = self.year.value

        self.insats_model = RowTableModel(
            [
                Column("Insats", lambda i: i.namn),
                Column("Huvudman/sökande", lambda i: i.huvudman),
                Column(
                    "Period",
                    lambda i: f"{i.start.isoformat() if i.start else ''} – {i.slut.isoformat() if i.slut else ''}",
                ),
                Column("Klass", lambda i: i.line_class.label),
                Column("Budgetrad", lambda i: i.budget_kod),
                Column(
                    "Beviljat i år",
                    lambda i: format_kr(i.granted(year_of())),
                    lambda i: i.granted(year_of()),
                    align_right=True,
                ),
                Column("Status", lambda i: i.status.label),
            ],
            parent=self,
        )
        self.insats_proxy = QSortFilterProxyModel(self)
        self.insats_proxy.setSourceModel(self.insats_model)
        self.insats_table = _table(self.insats_proxy, stretch_col=0)
        self.insats_table.doubleClicked.connect(lambda _i: self._on_edit_insats(new=False))
        lay.addWidget(self.insats_table, 2)
        pbar = QHBoxLayout()
        pbar.addWidget(QLabel("<b>Utbetalningsplan</b>"))
        pbar.addStretch(1)
        self.avtal_btn = QPushButton("Avtal tecknat…")
        self.avtal_btn.clicked.connect(lambda: self._on_grant_date("avtal"))
        self.redov_btn = QPushButton("Redovisning godkänd…")
        self.redov_btn.clicked.connect(lambda: self._on_grant_date("redovisning"))
        self.paid_btn = QPushButton("Markera utbetald…")
        self.paid_btn.clicked.connect(self._on_paid)
        for b in (self.avtal_btn, self.redov_btn, self.paid_btn):
            pbar.addWidget(b)
        lay.addLayout(pbar)
        self.payment_model = RowTableModel(
            [
                Column("Insats", lambda r: r.insats_namn),
                Column("År", lambda r: str(r.year)),
                Column("Beslut", lambda r: r.beslut_text + (" (villkorat)" if r.villkorad else "")),
                Column("Mottagare", lambda r: r.mottagare),
                Column("Del", lambda r: r.payment.label),
                Column("Belopp", lambda r: format_kr(r.payment.amount), lambda r: r.payment.amount, align_right=True),
                Column("Status", lambda r: r.payment.status.label),
                Column("Utbetald", lambda r: r.payment.paid_on.isoformat() if r.payment.paid_on else ""),
            ],
            parent=self,
        )
        self.payment_table = _table(self.payment_model, stretch_col=4)
        lay.addWidget(self.payment_table, 2)
        self.payment_info = _label()
        lay.addWidget(self.payment_info)
        return w

    def _build_contributions(self) -> QWidget:
        w = QWidget()
        lay = QVBoxLayout(w)
        intro = _label(
            "Statens medelstilldelning (Försäkringskassans besked, senast vecka 47) ger medlemmarnas bidrag: "
            "regionen en fjärdedel och kommunerna en fjärdedel fördelad efter förbundets nyckel (2:1:1)."
        )
        lay.addWidget(intro)
        form = QFormLayout()
        self.state_amount = QLineEdit()
        self.state_amount.setPlaceholderText("t.ex. 3 680 000")
        self.besked = QLineEdit()
        self.besked.setPlaceholderText("ÅÅÅÅ-MM-DD")
        for edit in (self.state_amount, self.besked):
            edit.setMaximumWidth(240)
        form.addRow("Statlig medelstilldelning (kr)", self.state_amount)
        form.addRow("Beskedets datum", self.besked)
        lay.addLayout(form)
        b = QHBoxLayout()
        self.calc_btn = QPushButton("Beräkna")
        self.calc_btn.clicked.connect(self._on_calc_contributions)
        self.save_state_btn = QPushButton("Spara för året")
        self.save_state_btn.clicked.connect(self._on_save_state)
        b.addWidget(self.calc_btn)
        b.addWidget(self.save_state_btn)
        b.addStretch(1)
        lay.addLayout(b)
        offers = QHBoxLayout()
        offers.addWidget(QLabel("Lägsta parten styr – erbjudanden (kr): staten"))
        self.offer_state, self.offer_region, self.offer_kommun = QLineEdit(), QLineEdit(), QLineEdit()
        for label, edit in (("", self.offer_state), ("regionen", self.offer_region), ("kommunerna", self.offer_kommun)):
            if label:
                offers.addWidget(QLabel(label))
            edit.setMaximumWidth(140)
            offers.addWidget(edit)
        self.binding_btn = QPushButton("Beräkna bindande nivå")
        self.binding_btn.clicked.connect(self._on_binding)
        offers.addWidget(self.binding_btn)
        offers.addStretch(1)
        lay.addLayout(offers)
        self.contrib_model = RowTableModel(
            [
                Column("Medlem", lambda r: r[0].namn),
                Column("Part", lambda r: r[0].kind.label),
                Column(
                    "Bidrag enligt tilldelningen",
                    lambda r: format_kr(r[0].amount),
                    lambda r: r[0].amount,
                    align_right=True,
                ),
                Column("Andel av alla bidrag", lambda r: format_pct(r[0].share_of_total_pct), align_right=True),
                Column("Andel inom parten", lambda r: format_pct(r[0].share_of_side_pct), align_right=True),
                Column("I budgeten", lambda r: format_kr(r[1]) if r[1] is not None else "–", align_right=True),
            ],
            parent=self,
        )
        self.contrib_table = _table(self.contrib_model, stretch_col=0)
        lay.addWidget(self.contrib_table, 1)
        self.contrib_info = _label()
        lay.addWidget(self.contrib_info)
        return w

    def _build_equity(self) -> QWidget:
        w = QWidget()
        lay = QVBoxLayout(w)
        form = QFormLayout()
        self.ek_opening = QLineEdit()
        self.ek_note = QLineEdit()
        self.ek_min = QLineEdit()
        self.ek_max = QLineEdit()
        self.individ_goal = QLineEdit()
        self.threshold = QLineEdit()
        for edit in (self.ek_opening, self.ek_min, self.ek_max, self.individ_goal, self.threshold):
            edit.setMaximumWidth(240)
        self.ek_note.setMaximumWidth(560)
        form.addRow("Eget kapital vid årets början (kr)", self.ek_opening)
        form.addRow("Källa/anteckning", self.ek_note)
        form.addRow("Lägsta eget kapital (kr)", self.ek_min)
        form.addRow("Högsta andel av tilldelade medel (%)", self.ek_max)
        form.addRow("Mål: andel till individinriktade insatser (%)", self.individ_goal)
        form.addRow("Avvikelse som markeras (%)", self.threshold)
        lay.addLayout(form)
        self.save_equity_btn = QPushButton("Spara")
        self.save_equity_btn.clicked.connect(self._on_save_equity)
        row = QHBoxLayout()
        row.addWidget(self.save_equity_btn)
        row.addStretch(1)
        lay.addLayout(row)
        self.equity_info = _label()
        lay.addWidget(self.equity_info)
        lay.addStretch(1)
        return w

    # ------------------------------------------------------------------------------------------
    # Loading
    # ------------------------------------------------------------------------------------------
    def reload(self) -> None:
        year = self.year.value()
        self.per.blockSignals(True)
        current = self.per.currentData()
        self.per.clear()
        for fu in self.bs.followup.list_followups(year):
            self.per.addItem(fu.per.isoformat(), fu.per)
        self.per.addItem(f"{year}-12-31 (helår)", date(year, 12, 31)) if not any(
            self.per.itemData(i) == date(year, 12, 31) for i in range(self.per.count())
        ) else None
        idx = self._per_index(current)
        self.per.setCurrentIndex(idx if idx >= 0 else max(0, self.per.count() - 2))
        self.per.blockSignals(False)
        self.version.blockSignals(True)
        self.version.clear()
        for info in self.bs.versions.list_budgets(year):
            self.version.addItem(info.label, info.id)
        current_doc = self.bs.versions.current_budget(year)
        if current_doc:
            self.version.setCurrentIndex(max(0, self.version.findData(current_doc.info.id)))
        self.version.blockSignals(False)
        self._reload_followup()
        self._reload_budget()
        self._reload_insatser()
        self._reload_contributions()
        self._reload_equity()
        self._apply_read_only()

    def _per_index(self, per: date | None) -> int:
        """Index of the follow-up date ``per`` in the Per list, -1 if absent (findData cannot compare dates)."""
        return next((i for i in range(self.per.count()) if self.per.itemData(i) == per), -1)

    def _apply_read_only(self) -> None:
        ro = self.ctx.read_only
        locked = self.doc is not None and self.doc.info.locked
        for b in (
            self.new_followup_btn,
            self.import_btn,
            self.mapping_btn,
            self.edit_entry_btn,
            self.new_insats_btn,
            self.edit_insats_btn,
            self.grant_btn,
            self.avtal_btn,
            self.redov_btn,
            self.paid_btn,
            self.save_state_btn,
            self.save_equity_btn,
            self.new_budget_btn,
        ):
            b.setEnabled(not ro)
        for b in (
            self.add_line_btn,
            self.edit_line_btn,
            self.del_line_btn,
            self.adopt_btn,
            self.stated_btn,
            self.add_section_btn,
        ):
            b.setEnabled(not ro and self.doc is not None and not locked)
        self.stated_fu_btn.setEnabled(not ro and self.view_data is not None and self.view_data.followup is not None)
        self.revise_btn.setEnabled(not ro and self.doc is not None)

    def _reload_followup(self) -> None:
        year = self.year.value()
        per = self.per.currentData()
        if self.bs.versions.current_budget(year) is None:
            self.view_data = None
            self.followup_model.set_rows(())
            self.status.setText(f"Det finns ingen budget för {year}. Skapa en under fliken Budget.")
            self.summary.setText("")
            self.warnings.setText("")
            self.warnings.setVisible(False)
            self.group_chart.set_data((), ("Budget", "Prognos", "Utfall"))
            self.month_chart.set_data((), None)
            return
        v = self.bs.followup.followup_view(year, per)
        self.view_data = v
        per_text = v.per.isoformat()
        self.followup_model.set_rows(v.result.rows, year, per_text)
        followup_note = (
            ""
            if v.followup
            else " Ingen sparad uppföljning per detta datum – skapa en för att ange prognoser och noteringar."
        )
        self.status.setText(f"<b>{v.title}</b> – {v.budget.label}.{followup_note}")
        res = v.result.resultat
        eq = v.equity
        self.summary.setText(
            f"Årets resultat: budget {format_kr(res.budget)}, helårsprognos {format_kr(res.helar)}. "
            f"Eget kapital: {format_kr(eq.opening)} vid årets början → {format_kr(eq.closing_prognos)} vid årets slut "
            f"(prognos). {eq.verdict(eq.closing_prognos)} Individinriktade insatser: {format_pct(v.individ.pct)} av "
            f"tilldelade medel (mål {format_pct(v.individ.goal_pct, 0)})."
        )
        self.warnings.setText("\n".join("⚠ " + m.message for m in v.mismatches))
        self.warnings.setVisible(bool(v.mismatches))
        self.group_chart.set_data(
            v.result.groups, (f"Budget {year}", f"Prognos per {per_text}", f"Utfall per {per_text}")
        )
        self.month_chart.set_data(v.months, v.result.kostnader.helar)

    def _reload_budget(self) -> None:
        year = self.year.value()
        bid = self.version.currentData()
        self.doc = self.bs.versions.budget(bid) if bid else None
        if self.doc is None:
            self.lines_model.set_rows(())
            self.budget_info.setText(f"Ingen budget för {year}.")
            return
        doc = self.doc
        sections = {s.id: s for s in doc.sections}
        self.lines_model = LinesModel(line_columns(sections, {}, year), self._ordered_lines(doc), parent=self)
        self.lines_table.setModel(self.lines_model)
        t = doc.totals
        info = [
            f"{doc.info.label}."
            + (
                f" Ersätter version {self._version_of(doc.info.previous_id)}: {doc.info.reason}"
                if doc.info.previous_id
                else ""
            ),
            "Summa intäkter: "
            + " / ".join(format_kr(x) for x in t.intakter)
            + ". Summa kostnader: "
            + " / ".join(format_kr(x) for x in t.kostnader)
            + ". Resultat: "
            + " / ".join(format_kr(x) for x in t.resultat)
            + f" ({year} / {year + 1} / {year + 2}).",
        ]
        info += ["⚠ " + m.message for m in doc.mismatches]
        info += ["⚠ " + p for p in doc.varav_problems + doc.contribution_problems]
        self.budget_info.setText("\n".join(info))
        self._apply_read_only()

    def _version_of(self, budget_id: int | None) -> str:
        for info in self.bs.versions.list_budgets(self.year.value()):
            if info.id == budget_id:
                return str(info.version)
        return "?"

    @staticmethod
    def _ordered_lines(doc) -> list[Line]:
        out = []
        for sec in sorted(doc.sections, key=lambda s: (0 if s.kind.value == "intakt" else 1, s.position, s.id)):
            tops = sorted(
                (x for x in doc.lines if x.section_id == sec.id and x.parent_id is None),
                key=lambda x: (x.position, x.id),
            )
            for t in tops:
                out.append(t)
                out += sorted((x for x in doc.lines if x.parent_id == t.id), key=lambda x: (x.position, x.id))
        return out

    def _reload_insatser(self) -> None:
        self.insatser = self.bs.insatser.list_insatser()
        self.insats_model.set_rows(self.insatser)
        rows = self.bs.grants.payout_schedule()
        self.payment_model.set_rows(rows)
        year = self.year.value()
        this_year = [r for r in rows if r.year == year]
        paid = sum((r.payment.amount for r in this_year if r.payment.paid_on), Decimal(0))
        due = sum((r.payment.amount for r in this_year if r.payment.status.value == "att_betala"), Decimal(0))
        total = sum((r.payment.amount for r in this_year), Decimal(0))
        self.payment_info.setText(
            f"Beviljat för {year}: {format_kr(total)}, varav utbetalt {format_kr(paid)} "
            f"och att betala nu {format_kr(due)}."
        )

    def _reload_contributions(self) -> None:
        year = self.year.value()
        settings = self.bs.settings.year_settings(year)
        self.state_amount.setText(amount_text(settings.state_allocation))
        self.besked.setText(settings.besked_datum.isoformat() if settings.besked_datum else "")
        self._show_contributions(settings.state_allocation)

    def _show_contributions(self, amount: Decimal | None) -> None:
        view = self.bs.contributions.contributions(self.year.value(), amount)
        if view.plan is None:
            self.contrib_model.set_rows(())
            self.contrib_info.setText("Ange statens medelstilldelning för att beräkna bidragen.")
            return
        self.contrib_model.set_rows([(r, view.budgeted.get(r.member_id)) for r in view.plan.rows])
        text = f"Summa bidrag: {format_kr(view.plan.total)}."
        if view.problems:
            text += "\n" + "\n".join("⚠ " + p for p in view.problems)
        elif view.budgeted:
            text += " Budgetens medlemsavgifter följer 2:1:1 och fördelningsnyckeln."
        self.contrib_info.setText(text)

    def _reload_equity(self) -> None:
        settings = self.bs.settings.year_settings(self.year.value())
        limits = self.bs.settings.equity_limits()
        goal, threshold = self.bs.settings.goals()
        self.ek_opening.setText(amount_text(settings.ek_opening))
        self.ek_note.setText(settings.ek_note)
        self.ek_min.setText(amount_text(limits.min_kr))
        self.ek_max.setText(amount_text(limits.max_share_pct))
        self.individ_goal.setText(amount_text(goal))
        self.threshold.setText(amount_text(threshold))
        v = self.view_data
        if v is None:
            self.equity_info.setText("")
            return
        eq = v.equity
        self.equity_info.setText(
            f"<table cellpadding=3>"
            f"<tr><td></td><td align=right><b>Budget</b></td><td align=right><b>Prognos per {v.per.isoformat()}</b></td></tr>"
            f"<tr><td>Eget kapital vid årets början</td><td align=right>{format_kr(eq.opening)}</td><td align=right>{format_kr(eq.opening)}</td></tr>"
            f"<tr><td>Årets resultat</td><td align=right>{format_kr(eq.result_budget)}</td><td align=right>{format_kr(eq.result_prognos)}</td></tr>"
            f"<tr><td><b>Eget kapital vid årets slut</b></td><td align=right><b>{format_kr(eq.closing_budget)}</b></td>"
            f"<td align=right><b>{format_kr(eq.closing_prognos)}</b></td></tr>"
            f"<tr><td>I % av tilldelade medel ({format_kr(v.tilldelade)})</td><td align=right>{format_pct(eq.pct_of_tilldelade(eq.closing_budget))}</td>"
            f"<td align=right>{format_pct(eq.pct_of_tilldelade(eq.closing_prognos))}</td></tr></table>"
            f"<p>Förbundets mål: {format_kr(eq.limits.min_kr)} – {format_kr(eq.max_kr)}. Budget: {eq.verdict(eq.closing_budget)} "
            f"Prognos: {eq.verdict(eq.closing_prognos)}</p><p><i>{eq.limits.recommendation}</i></p>"
        )

    def _after_change(self) -> None:
        self.reload()
        self.ctx.events.area_changed.emit("budget")

    # ------------------------------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------------------------------
    def _error(self, exc: Exception) -> None:
        QMessageBox.warning(self, "Det gick inte", str(exc))

    def _undo_refused(self, exc: Exception) -> None:
        QMessageBox.warning(self, "Ångra / Gör om gick inte", f"{exc}\n\nSteget har tagits bort ur ångra-historiken.")

    def _perform_created(
        self,
        text: str,
        action: Callable[[], object],
        undo: Callable[[object], object],
        redo: Callable[[object], object],
    ):
        """Run ``action`` now and put it on the undo stack; a refused undo/redo is reported and dropped.
        Returns the action's result, or None when it failed (the error has been shown)."""
        try:
            return perform(
                self.undo_stack,
                text,
                action,
                undo=undo,
                redo=redo,
                on_changed=self._after_change,
                on_error=self._undo_refused,
            )
        except FinsamError as exc:
            self._error(exc)
            return None

    def _perform(self, text: str, do: Callable[[], object], undo: Callable[[], object]) -> bool:
        try:
            perform(
                self.undo_stack,
                text,
                do,
                undo=lambda _r: undo(),
                redo=lambda _r: do(),
                on_changed=self._after_change,
                on_error=self._undo_refused,
            )
        except FinsamError as exc:
            self._error(exc)
            return False
        return True

    def _on_only_off(self, on: bool) -> None:
        self.followup_proxy.set_only_off(on)

    def selected_followup_row(self):
        idx = self.followup_table.currentIndex()
        return self.followup_proxy.data(idx, ROW_ROLE) if idx.isValid() else None

    def _on_new_followup(self) -> None:
        year = self.year.value()
        dlg = DateDialog(
            "Ny budgetuppföljning",
            "Per",
            date(year, min(clock.today().month, 12), 1) if year == clock.today().year else date(year, 12, 31),
            self,
        )
        if dlg.exec() != QDialog.DialogCode.Accepted:
            return
        per = dlg.value
        fu = self._perform_created(
            f"Ny uppföljning per {per.isoformat()}",
            lambda: self.bs.followup.create_followup(year, per),
            undo=lambda fu: self.bs.followup.discard_followup(fu.id),
            redo=lambda fu: self.bs.followup.create_followup(fu.year, fu.per, fu.comment, followup_id=fu.id),
        )
        if fu is not None:
            self.per.setCurrentIndex(max(0, self._per_index(fu.per)))

    def _on_edit_entry(self) -> None:
        row = self.selected_followup_row()
        v = self.view_data
        if row is None or v is None or not row.is_figure_row:
            QMessageBox.information(self, "Välj en rad", "Markera en budgetrad i tabellen.")
            return
        if v.followup is None:
            QMessageBox.information(
                self,
                "Ingen uppföljning",
                f"Det finns ingen uppföljning per {v.per.isoformat()}. Skapa den med ”Ny uppföljning…”.",
            )
            return
        fid = v.followup.id
        entry = self.bs.followup.followup_entry(fid, row.kod)
        line = next((x for x in self.bs.versions.budget(v.budget.id).lines if x.kod == row.kod), None)
        default = (
            None
            if line is None or line.budget is None
            else (line.budget * v.result.months / 12).quantize(Decimal("0.01"))
        )
        dlg = FollowupEntryDialog(row.namn, entry, default, row.budget, v.per, self)
        if dlg.exec() != QDialog.DialogCode.Accepted:
            return
        new = dlg.value
        self._perform(
            f"Uppföljning {row.namn}",
            lambda: self.bs.followup.save_followup_entry(fid, new),
            lambda: self.bs.followup.save_followup_entry(fid, entry),
        )

    def _selected_line(self) -> Line | None:
        idx = self.lines_table.currentIndex()
        return self.lines_model.data(self.lines_model.index(idx.row(), 0), ROW_ROLE) if idx.isValid() else None

    def _on_add_line(self) -> None:
        doc = self.doc
        if doc is None or not doc.sections:
            return
        current = self._selected_line()
        template = Line(
            0, current.section_id if current else doc.sections[-1].id, self.bs.lines.next_code(doc.info.id), ""
        )
        dlg = LineDialog(template, doc.sections, doc.lines, doc.info.year, self.insatser, self)
        if dlg.exec() != QDialog.DialogCode.Accepted:
            return
        bid, line = doc.info.id, dlg.value
        created: list[Line] = []

        def do():
            created[:] = [self.bs.lines.save_line(bid, replace(line, id=created[0].id) if created else line)]

        self._perform(f"Ny budgetrad {line.namn}", do, lambda: self.bs.lines.delete_line(bid, created[0].id))

    def _on_edit_line(self) -> None:
        doc, line = self.doc, self._selected_line()
        if doc is None or line is None:
            return
        if doc.info.locked:
            QMessageBox.information(
                self, "Fastställd budget", "Budgeten är fastställd. Gör en reviderad version för att ändra den."
            )
            return
        dlg = LineDialog(line, doc.sections, doc.lines, doc.info.year, self.insatser, self)
        if dlg.exec() != QDialog.DialogCode.Accepted:
            return
        bid, new = doc.info.id, dlg.value
        self._perform(
            f"Ändra {line.namn}", lambda: self.bs.lines.save_line(bid, new), lambda: self.bs.lines.save_line(bid, line)
        )

    def _on_delete_line(self) -> None:
        doc, line = self.doc, self._selected_line()
        if doc is None or line is None:
            return
        bid = doc.info.id
        self._perform(
            f"Ta bort {line.namn}",
            lambda: self.bs.lines.delete_line(bid, line.id),
            lambda: self.bs.lines.save_line(bid, line),
        )

    def _on_add_section(self) -> None:
        doc = self.doc
        if doc is None:
            return
        dlg = SectionDialog(Section(0, "", SectionKind.KOSTNAD, 0, LineClass.INDIVIDINRIKTAD), self)
        if dlg.exec() != QDialog.DialogCode.Accepted:
            return
        bid, section = doc.info.id, dlg.value
        created: list[Section] = []

        def do():
            created[:] = [self.bs.lines.save_section(bid, replace(section, id=created[0].id) if created else section)]

        self._perform(f"Nytt avsnitt {section.namn}", do, lambda: self.bs.lines.delete_section(bid, created[0].id))

    def _on_stated(self, followup: bool) -> None:
        v = self.view_data if followup else None
        doc = self.bs.versions.budget(v.budget.id) if followup and v else self.doc
        if doc is None or (followup and (v is None or v.followup is None)):
            return
        scopes = [
            (summa_label(s.namn), Scope.AVSNITT, s.id)
            for s in sorted(doc.sections, key=lambda s: (s.kind.value != "intakt", s.position, s.id))
        ]
        scopes += [
            ("Summa intäkter", Scope.INTAKTER, None),
            ("Summa kostnader", Scope.KOSTNADER, None),
            ("Årets resultat", Scope.RESULTAT, None),
        ]
        year = doc.info.year
        if followup:
            measures = [
                (Measure.BUDGET, f"Budget {year}"),
                (Measure.PROGNOS, f"Prognos per {v.per.isoformat()}"),
                (Measure.UTFALL, f"Utfall per {v.per.isoformat()}"),
            ]
        else:
            measures = [
                (Measure.BUDGET, f"Budget {year}"),
                (Measure.PLAN1, f"Plan {year + 1}"),
                (Measure.PLAN2, f"Plan {year + 2}"),
            ]
        fid = v.followup.id if followup else None
        old = self.bs.lines.stated_totals(doc.info.id, fid)
        dlg = StatedTotalsDialog(scopes, measures, old, self)
        if dlg.exec() != QDialog.DialogCode.Accepted:
            return
        new, bid = dlg.value, doc.info.id
        self._perform(
            "Summor enligt dokumentet",
            lambda: self.bs.lines.set_stated_totals(bid, new, fid),
            lambda: self.bs.lines.set_stated_totals(bid, old, fid),
        )

    def _on_adopt(self) -> None:
        doc = self.doc
        if doc is None:
            return
        dlg = AdoptDialog(self.bs.versions.agenda_choices(doc.info.year), self)
        if dlg.exec() != QDialog.DialogCode.Accepted:
            return
        on, item, text = dlg.value
        try:
            self.bs.versions.adopt_budget(doc.info.id, on, item, text)
        except FinsamError as exc:
            self._error(exc)
            return
        # Not on the undo stack: a decision cannot be undone. Earlier steps stay; those that would change the
        # now fastställd version are refused by the service when undone and then dropped from the history.
        self._after_change()

    def _on_revise(self) -> None:
        doc = self.doc
        if doc is None:
            return
        reason, ok = QInputDialog.getText(self, "Revidera budget", "Varför revideras budgeten?")
        if not ok:
            return
        bid = doc.info.id
        self._perform_created(
            f"Reviderad budget {doc.info.year}",
            lambda: self.bs.versions.revise_budget(bid, reason),
            undo=self.bs.versions.discard_budget,
            redo=self.bs.versions.restore_budget,
        )

    def _on_new_budget(self) -> None:
        year = self.year.value()
        previous = self.bs.versions.current_budget(year - 1)
        choice = "Tom mall med medlemsavgifter"
        options = [choice] + ([f"Kopiera planåret från budget {year - 1}"] if previous else [])
        item, ok = QInputDialog.getItem(self, f"Ny budget {year}", "Utgå från", options, 0, False)
        if not ok:
            return
        copy_from = previous.info.id if item != choice and previous else None
        self._perform_created(
            f"Ny budget {year}",
            lambda: self.bs.versions.create_budget(year, copy_from=copy_from),
            undo=self.bs.versions.discard_budget,
            redo=self.bs.versions.restore_budget,
        )

    def _selected_insats(self) -> Insats | None:
        idx = self.insats_table.currentIndex()
        return self.insats_proxy.data(idx, ROW_ROLE) if idx.isValid() else None

    def _selected_payment(self) -> PaymentRow | None:
        idx = self.payment_table.currentIndex()
        return self.payment_model.data(self.payment_model.index(idx.row(), 0), ROW_ROLE) if idx.isValid() else None

    def _on_edit_insats(self, new: bool) -> None:
        insats = Insats(0, "") if new else self._selected_insats()
        if insats is None:
            return
        dlg = InsatsDialog(insats, self)
        if dlg.exec() != QDialog.DialogCode.Accepted:
            return
        value = dlg.value
        if new:
            self._perform_created(
                f"Ny insats {value.namn}",
                lambda: self.bs.insatser.save_insats(value),
                undo=lambda created: self.bs.insatser.discard_insats(created.id),
                redo=self.bs.insatser.restore_insats,
            )
        else:
            self._perform(
                f"Ändra insats {insats.namn}",
                lambda: self.bs.insatser.save_insats(value),
                lambda: self.bs.insatser.save_insats(insats),
            )

    def _on_grant(self) -> None:
        insats = self._selected_insats()
        if insats is None:
            QMessageBox.information(self, "Välj en insats", "Markera insatsen som medlen beviljas för.")
            return
        dlg = GrantDialog(insats, self.year.value(), self.bs.versions.agenda_choices(self.year.value()), self)
        if dlg.exec() != QDialog.DialogCode.Accepted:
            return
        kwargs, iid = dlg.value, insats.id
        self._perform_created(
            f"Beviljade medel till {insats.namn}",
            lambda: self.bs.grants.add_grant(iid, **kwargs),
            undo=lambda grant: self.bs.grants.discard_grant(grant.id),
            redo=self.bs.grants.restore_grant,
        )

    def _grant_of(self, row: PaymentRow):
        for ins in self.insatser:
            for g in ins.grants:
                if g.id == row.payment.grant_id:
                    return g
        return None

    def _on_grant_date(self, which: str) -> None:
        row = self._selected_payment()
        if row is None:
            QMessageBox.information(self, "Välj en utbetalning", "Markera en rad i utbetalningsplanen.")
            return
        g = self._grant_of(row)
        label = "Avtalet tecknades" if which == "avtal" else "Styrelsen godkände redovisningen"
        dlg = DateDialog(label, "Datum", g.avtal_on if which == "avtal" else g.redovisning_on, self)
        if dlg.exec() != QDialog.DialogCode.Accepted:
            return
        new = (dlg.value, g.redovisning_on) if which == "avtal" else (g.avtal_on, dlg.value)
        old = (g.avtal_on, g.redovisning_on)
        self._perform(
            label,
            lambda: self.bs.grants.set_grant_dates(g.id, *new),
            lambda: self.bs.grants.set_grant_dates(g.id, *old),
        )

    def _on_paid(self) -> None:
        row = self._selected_payment()
        if row is None:
            QMessageBox.information(self, "Välj en utbetalning", "Markera en rad i utbetalningsplanen.")
            return
        p = row.payment
        dlg = DateDialog("Utbetalning", "Utbetald den", clock.today(), self)
        if dlg.exec() != QDialog.DialogCode.Accepted:
            return
        when = dlg.value
        self._perform(
            f"Utbetalning {format_kr(p.amount)}",
            lambda: self.bs.grants.mark_paid(p.id, when),
            lambda: self.bs.grants.mark_paid(p.id, p.paid_on),
        )

    def _on_calc_contributions(self) -> None:
        try:
            amount = (
                parse_amount(self.state_amount.text(), "Statlig medelstilldelning")
                if self.state_amount.text().strip()
                else None
            )
            self._show_contributions(amount)
        except FinsamError as exc:
            self._error(exc)

    def _on_binding(self) -> None:
        from finsam_desktop.domain.budget.contributions import binding_state_level
        from finsam_desktop.domain.organisation.model import Side

        try:
            offers = {
                side: parse_amount(edit.text(), f"Erbjudande {label}")
                for side, edit, label in (
                    (Side.STATE, self.offer_state, "staten"),
                    (Side.REGION, self.offer_region, "regionen"),
                    (Side.KOMMUN, self.offer_kommun, "kommunerna"),
                )
                if edit.text().strip()
            }
            level = binding_state_level(offers)
        except FinsamError as exc:
            self._error(exc)
            return
        self.state_amount.setText(amount_text(level))
        self._show_contributions(level)

    def _on_save_state(self) -> None:
        from finsam_desktop.domain.common.dates import parse_date

        year = self.year.value()
        old = self.bs.settings.year_settings(year)
        try:
            amount = (
                parse_amount(self.state_amount.text(), "Statlig medelstilldelning")
                if self.state_amount.text().strip()
                else None
            )
            besked = parse_date(self.besked.text(), "Beskedets datum") if self.besked.text().strip() else None
        except FinsamError as exc:
            self._error(exc)
            return
        new = replace(old, state_allocation=amount, besked_datum=besked)
        self._perform(
            "Medelstilldelning",
            lambda: self.bs.settings.save_year_settings(new),
            lambda: self.bs.settings.save_year_settings(old),
        )

    def _on_save_equity(self) -> None:
        year = self.year.value()
        old = self.bs.settings.year_settings(year)
        try:
            opening = (
                parse_amount(self.ek_opening.text(), "Eget kapital vid årets början")
                if self.ek_opening.text().strip()
                else None
            )
            limits = EquityLimits(
                parse_amount(self.ek_min.text(), "Lägsta eget kapital"),
                parse_amount(self.ek_max.text(), "Högsta andel"),
                self.bs.settings.equity_limits().recommendation,
            )
            goal = parse_amount(self.individ_goal.text(), "Mål individinriktade insatser")
            threshold = parse_amount(self.threshold.text(), "Avvikelse som markeras")
            self.bs.settings.set_equity_limits(limits)
            self.bs.settings.set_goals(goal, threshold)
        except FinsamError as exc:
            self._error(exc)
            return
        new = replace(old, ek_opening=opening, ek_note=self.ek_note.text().strip())
        self._perform(
            "Eget kapital",
            lambda: self.bs.settings.save_year_settings(new),
            lambda: self.bs.settings.save_year_settings(old),
        )

    # --- import / export --------------------------------------------------------------------
    def _on_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Importera utfall", "", "Utfall (*.csv *.xlsx);;Alla filer (*)")
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path, on_done: Callable[[object], None] | None = None) -> None:
        data = path.read_bytes()
        year = self.year.value()

        def done(result) -> None:
            self._after_change()
            QMessageBox.information(self, "Utfall importerat", result.message)
            if on_done:
                on_done(result)

        def failed(exc: Exception) -> None:
            QMessageBox.warning(self, "Utfallet importerades inte", str(exc))
            if on_done:
                on_done(exc)

        run_in_background(
            self, "Importerar utfall…", lambda: self.bs.utfall.import_utfall(data, path.name, year=year), done, failed
        )

    def _on_mapping(self) -> None:
        mapping = self.bs.utfall.mapping("standard")
        dlg = FormDialog(
            "Kontokoppling",
            self,
            "En rad per konto: KONTO = RADKOD (konto/kostnadsställe som 4000/310). "
            "Utfall på konton som saknas här stoppar importen.",
        )
        edit = QPlainTextEdit("\n".join(f"{k} = {v}" for k, v in sorted(mapping.items())))
        edit.setMinimumHeight(260)
        dlg.form.addRow(edit)

        def collect():
            out = {}
            for n, line in enumerate(edit.toPlainText().splitlines(), start=1):
                if not line.strip():
                    continue
                konto, sep, kod = line.partition("=")
                if not sep or not konto.strip() or not kod.strip():
                    from finsam_desktop.domain.common.errors import ValidationError

                    raise ValidationError(f"skriv KONTO = RADKOD (rad {n}).", "Kontokoppling")
                out[konto.strip()] = kod.strip()
            return out

        dlg.collect = collect
        if dlg.exec() == QDialog.DialogCode.Accepted:
            new = dlg.value
            self._perform(
                "Kontokoppling",
                lambda: self.bs.utfall.save_mapping("standard", new),
                lambda: self.bs.utfall.save_mapping("standard", mapping),
            )

    def _on_export(self, kind: str) -> None:
        v = self.view_data
        if v is None:
            return
        suggested = f"Budgetuppfoljning-{v.per.isoformat()}.{kind}"
        path, _ = QFileDialog.getSaveFileName(
            self, "Spara som", suggested, "Excel (*.xlsx)" if kind == "xlsx" else "PDF (*.pdf)"
        )
        if not path:
            return
        year, per = v.budget.year, v.per
        fn = (
            (lambda: self.bs.exports.export_xlsx(year, per))
            if kind == "xlsx"
            else (lambda: self.bs.exports.export_pdf(year, per))
        )

        def done(data: bytes) -> None:
            Path(path).write_bytes(data)
            window = self.window()
            if hasattr(window, "statusBar"):
                window.statusBar().showMessage(f"Sparade {path}", 5000)

        run_in_background(self, "Skapar fil…", fn, done)

    def selected_line_class(self) -> LineClass | None:  # used by tests and the status bar
        row = self.selected_followup_row()
        return row.line_class if row else None

    def visible_kinds(self) -> list[RowKind]:
        return [
            self.followup_proxy.data(self.followup_proxy.index(r, 0), ROW_ROLE).kind
            for r in range(self.followup_proxy.rowCount())
        ]
