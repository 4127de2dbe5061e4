"""The Attest & delegation tab: attestordning and delegationsordning (versions in force, history,
draft editing, adoption, copy to a new year), the check tool "Får NN attestera?" and the register of
delegationsbeslut. Edits go through a QUndoStack until a version is adopted."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from finsam_desktop import clock
from finsam_desktop.domain.attest.rules import ATTEST_TYPE_LABELS, AttestType
from finsam_desktop.domain.common.dates import iso, parse_date
from finsam_desktop.domain.common.errors import FinsamError
from finsam_desktop.domain.common.money import parse_amount
from finsam_desktop.services.attest.dto import KIND_ATTEST, KIND_DELEGATION, KIND_LABELS
from finsam_desktop.ui.attest.attest_row_dialog import AttestRowDialog
from finsam_desktop.ui.attest.decision_dialog import DecisionDialog
from finsam_desktop.ui.attest.delegation_row_dialog import DelegationRowDialog
from finsam_desktop.ui.attest.models import (
    attest_row_model,
    decision_model,
    delegation_row_model,
    version_model,
)
from finsam_desktop.ui.attest.prisbasbelopp_dialog import PrisbasbeloppDialog
from finsam_desktop.ui.attest.version_dialogs import AdoptDialog, VersionDialog
from finsam_desktop.ui.context import UiContext
from finsam_desktop.ui.widgets.background import run_in_background
from finsam_desktop.ui.widgets.table_model import SORT_ROLE
from finsam_desktop.ui.widgets.table_view import read_only_table

AREA = "attest"


class ServiceCommand(QUndoCommand):
    """An undoable service call: ``do`` runs on redo (also the first time), ``undo`` reverts it."""

    def __init__(self, text: str, do: Callable[[], object], undo: Callable[[], object], after: Callable[[], None]):
        super().__init__(text)
        self._do, self._undo, self._after = do, undo, after
        self._done = True  # the first call is made before pushing, so errors reach the caller

    def redo(self) -> None:
        if self._done:
            self._done = False
        else:
            self._do()
        self._after()

    def undo(self) -> None:
        self._undo()
        self._after()


def _table(model, widths: tuple[int, ...] = (), stretch: int | None = None) -> tuple[QTableView, QSortFilterProxyModel]:
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    view = read_only_table(
        proxy,
        stretch=stretch,
        stretch_last=stretch is None,
        widths=widths,
        sort_column=0,
        alternating=False,
        word_wrap=True,
    )
    return view, proxy


def _selected(view: QTableView, proxy: QSortFilterProxyModel, model):
    rows = view.selectionModel().selectedRows() if view.selectionModel() else []
    if not rows:
        return None
    return model.row_at(proxy.mapToSource(rows[0]).row())


class _Page(QWidget):
    def __init__(self, ctx: UiContext, undo: QUndoStack, parent=None):
        super().__init__(parent)
        self.ctx, self.undo = ctx, undo

    @property
    def service(self):
        return self.ctx.services.attest

    def _fail(self, exc: Exception) -> None:
        QMessageBox.warning(self, "Det gick inte", str(exc))

    def _push(self, text: str, do, undo) -> bool:
        try:
            do()
        except FinsamError as exc:
            self._fail(exc)
            self.reload()
            return False
        self.undo.push(ServiceCommand(text, do, undo, self._changed))
        return True

    def _changed(self) -> None:
        self.reload()
        self.ctx.events.area_changed.emit(AREA)

    def _export(self, title: str, suggested: str, make: Callable[[], bytes]) -> None:
        path, _ = QFileDialog.getSaveFileName(self, title, suggested)
        if not path:
            return

        def work() -> Path:
            Path(path).write_bytes(make())
            return Path(path)

        run_in_background(
            self,
            f"Skapar {Path(path).name}…",
            work,
            lambda p: (
                self.window().statusBar().showMessage(f"Sparade {p}", 5000)
                if hasattr(self.window(), "statusBar")
                else None
            ),
            self._fail,
        )

    def reload(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError


class OrdningPage(_Page):
    """Attestordning or delegationsordning: versions, rows of the selected version, actions."""

    def __init__(self, ctx: UiContext, undo: QUndoStack, kind: str, parent=None):
        super().__init__(ctx, undo, parent)
        self.kind = kind
        self.label = KIND_LABELS[kind]
        self.in_force = QLabel()
        self.in_force.setWordWrap(True)
        self.versions = version_model(self)
        self.version_view, self.version_proxy = _table(self.versions, (380, 200, 420, 60), 2)
        self.rows = attest_row_model(self) if kind == KIND_ATTEST else delegation_row_model(self)
        widths = (40, 260, 170, 130, 150, 150, 130, 110, 100) if kind == KIND_ATTEST else (40, 420, 130, 130, 170, 70)
        self.row_view, self.row_proxy = _table(self.rows, widths, len(widths))
        self.row_view.doubleClicked.connect(lambda _i: self._edit_row())
        self.version_view.selectionModel().selectionChanged.connect(lambda *_: self._load_rows())

        b = {}
        for key, text in (
            ("new", "Ny version…"),
            ("copy", "Kopiera till nytt år"),
            ("edit_version", "Uppgifter…"),
            ("delete_version", "Ta bort utkast"),
            ("adopt", "Anta…"),
            ("add", "Lägg till rad…"),
            ("edit", "Ändra rad…"),
            ("remove", "Ta bort rad"),
            ("pdf", "PDF…"),
            ("xlsx", "Excel…"),
        ):
            b[key] = QPushButton(text)
        if kind == KIND_ATTEST:
            b["sig_pdf"] = QPushButton("Signaturlista PDF…")
            b["sig_xlsx"] = QPushButton("Signaturlista Excel…")
        else:
            b["pbb"] = QPushButton("Prisbasbelopp…")
        self.buttons = b
        b["new"].clicked.connect(self._new_version)
        b["copy"].clicked.connect(self._copy)
        b["edit_version"].clicked.connect(self._edit_version)
        b["delete_version"].clicked.connect(self._delete_version)
        b["adopt"].clicked.connect(self._adopt)
        b["add"].clicked.connect(self._add_row)
        b["edit"].clicked.connect(self._edit_row)
        b["remove"].clicked.connect(self._remove_row)
        b["pdf"].clicked.connect(lambda: self._export_doc("pdf"))
        b["xlsx"].clicked.connect(lambda: self._export_doc("xlsx"))
        if kind == KIND_ATTEST:
            b["sig_pdf"].clicked.connect(lambda: self._export_sig("pdf"))
            b["sig_xlsx"].clicked.connect(lambda: self._export_sig("xlsx"))
        else:
            b["pbb"].clicked.connect(lambda: PrisbasbeloppDialog(self.service, self.ctx.read_only, self).exec())

        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(QLabel("<b>Versioner</b>"))
        ll.addWidget(self.version_view)
        vb = QHBoxLayout()
        for key in ("new", "copy", "edit_version", "delete_version", "adopt"):
            vb.addWidget(b[key])
        ll.addLayout(vb)
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        self.rows_title = QLabel()
        rl.addWidget(self.rows_title)
        rl.addWidget(self.row_view)
        rb = QHBoxLayout()
        for key in ("add", "edit", "remove"):
            rb.addWidget(b[key])
        rb.addStretch(1)
        for key in ("pdf", "xlsx", "sig_pdf", "sig_xlsx", "pbb"):
            if key in b:
                rb.addWidget(b[key])
        rl.addLayout(rb)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.in_force)
        layout.addWidget(split)
        self.reload()

    # --- state ---------------------------------------------------------------------------------
    def current_version(self):
        return _selected(self.version_view, self.version_proxy, self.versions)

    def reload(self) -> None:
        keep = self.current_version()
        today = clock.today()
        current = self.service.versions.version_in_force(self.kind, today)
        if current:
            self.in_force.setText(
                f"<b>Gäller i dag ({iso(today)}):</b> {current.titel} – {current.period_text}, "
                f"antagen {current.adopted_text}."
            )
        else:
            self.in_force.setText(f"<b>Ingen antagen {self.label.lower()} gäller i dag ({iso(today)}).</b>")
        versions = self.service.versions.list_versions(self.kind)
        self.versions.set_rows(versions)
        target = keep.id if keep else (current.id if current else (versions[0].id if versions else None))
        for i, v in enumerate(self.versions.rows):
            if v.id == target:
                self.version_view.selectRow(self.version_proxy.mapFromSource(self.versions.index(i, 0)).row())
                break
        self._load_rows()

    def _load_rows(self) -> None:
        v = self.current_version()
        if v is None:
            self.rows.set_rows([])
            self.rows_title.setText("Välj en version.")
        else:
            rows = (
                self.service.rows.attest_rows(v.id)
                if self.kind == KIND_ATTEST
                else self.service.rows.delegation_rows(v.id)
            )
            self.rows.set_rows(rows)
            lock = "låst" if v.adopted else "utkast – kan ändras"
            self.rows_title.setText(f"<b>{v.titel}</b> ({v.period_text}; {v.status_text}; {lock})")
        self._sync_buttons()

    def _sync_buttons(self) -> None:
        v = self.current_version()
        editable = v is not None and not v.adopted and not self.ctx.read_only
        b = self.buttons
        b["new"].setEnabled(not self.ctx.read_only)
        b["copy"].setEnabled(v is not None and not self.ctx.read_only)
        for key in ("edit_version", "delete_version", "adopt", "add", "edit", "remove"):
            b[key].setEnabled(editable)
        for key in ("pdf", "xlsx", "sig_pdf", "sig_xlsx"):
            if key in b:
                b[key].setEnabled(v is not None)

    # --- versions ------------------------------------------------------------------------------
    def _new_version(self) -> None:
        dlg = VersionDialog(None, self.label, clock.today().year + 1, self)
        if dlg.exec() and dlg.values:
            holder = {}

            def do():
                holder["v"] = self.service.versions.create_version(self.kind, **dlg.values)

            self._push(f"Ny {self.label.lower()}", do, lambda: self.service.versions.delete_version(holder["v"].id))

    def _copy(self) -> None:
        v = self.current_version()
        if v is None:
            return
        holder = {}

        def do():
            holder["v"] = self.service.versions.copy_version(v.id)

        if self._push(f"Kopiera {v.titel}", do, lambda: self.service.versions.delete_version(holder["v"].id)):
            self._select(holder["v"].id)

    def _select(self, version_id: int) -> None:
        for i, v in enumerate(self.versions.rows):
            if v.id == version_id:
                self.version_view.selectRow(self.version_proxy.mapFromSource(self.versions.index(i, 0)).row())

    def _edit_version(self) -> None:
        v = self.current_version()
        if v is None:
            return
        dlg = VersionDialog(v, self.label, v.valid_from.year, self)
        if dlg.exec() and dlg.values:
            old = {"titel": v.titel, "valid_from": v.valid_from, "valid_to": v.valid_to, "adress": v.adress}
            self._push(
                "Ändra versionens uppgifter",
                lambda: self.service.versions.update_version(v.id, **dlg.values),
                lambda: self.service.versions.update_version(v.id, **old),
            )

    def _delete_version(self) -> None:
        v = self.current_version()
        if v is None:
            return
        if (
            QMessageBox.question(self, "Ta bort utkast", f"Ta bort utkastet {v.titel} med alla rader?")
            != QMessageBox.StandardButton.Yes
        ):
            return
        try:
            self.service.versions.delete_version(v.id)
        except FinsamError as exc:
            self._fail(exc)
        self.undo.clear()  # the rows' undo history points at the removed draft
        self._changed()

    def _adopt(self) -> None:
        v = self.current_version()
        if v is None:
            return
        dlg = AdoptDialog(v, self.service.versions.styrelse_paragraphs(), self)
        if dlg.exec() and dlg.values:
            try:
                self.service.versions.adopt_version(v.id, **dlg.values)
            except FinsamError as exc:
                self._fail(exc)
                return
            self.undo.clear()  # adoption locks the version: nothing before it can be undone
            self._changed()

    # --- rows ----------------------------------------------------------------------------------
    def _row_dialog(self, row=None):
        if self.kind == KIND_ATTEST:
            dlg = AttestRowDialog(self.ctx.services.forbund.list_persons(), row, self)
        else:
            dlg = DelegationRowDialog(row, self)
        return dlg if dlg.exec() and dlg.result_row is not None else None

    def _save_row(self, version_id, row, ticked=()):
        if self.kind == KIND_ATTEST:
            return self.service.rows.save_attest_row(version_id, row)
        return self.service.rows.save_delegation_row(version_id, row, ticked)

    def _remove(self, row_id):
        if self.kind == KIND_ATTEST:
            return self.service.rows.remove_attest_row(row_id)
        return self.service.rows.remove_delegation_row(row_id)

    def _add_row(self) -> None:
        v = self.current_version()
        dlg = self._row_dialog() if v else None
        if dlg is None:
            return
        holder = {}

        def do():
            holder["row"] = self._save_row(v.id, holder.get("row", dlg.result_row))

        self._push("Lägg till rad", do, lambda: self._remove(holder["row"].id))

    def _edit_row(self) -> None:
        v = self.current_version()
        old = _selected(self.row_view, self.row_proxy, self.rows)
        if v is None or old is None or v.adopted or self.ctx.read_only:
            return
        dlg = self._row_dialog(old)
        if dlg is None:
            return
        new = dlg.result_row
        self._push("Ändra rad", lambda: self._save_row(v.id, new), lambda: self._save_row(v.id, old))

    def _remove_row(self) -> None:
        v = self.current_version()
        old = _selected(self.row_view, self.row_proxy, self.rows)
        if v is None or old is None:
            return
        self._push("Ta bort rad", lambda: self._remove(old.id), lambda: self._save_row(v.id, old))

    # --- exports -------------------------------------------------------------------------------
    def _export_doc(self, fmt: str) -> None:
        v = self.current_version()
        if v is None:
            return
        make = (
            (lambda: self.service.exports.export_attestordning(v.id, fmt))
            if self.kind == KIND_ATTEST
            else (lambda: self.service.exports.export_delegationsordning(v.id, fmt))
        )
        self._export(f"Exportera {v.titel}", f"{v.titel}.{fmt}", make)

    def _export_sig(self, fmt: str) -> None:
        v = self.current_version()
        if v is None:
            return
        doc = self.service.attestants.signature_list(v.id)
        from finsam_desktop.reports.attest.signaturlista import (
            signaturlista_pdf,
            signaturlista_xlsx,
        )

        self._export(
            "Exportera signaturlista",
            f"{doc.title}.{fmt}",
            lambda: signaturlista_pdf(doc) if fmt == "pdf" else signaturlista_xlsx(doc),
        )


class CheckPage(_Page):
    """Får NN attestera? — person, kind, scope, amount, date, payee → yes/no with rule and version."""

    def __init__(self, ctx: UiContext, undo: QUndoStack, parent=None):
        super().__init__(ctx, undo, parent)
        form = QFormLayout()
        self.person = QComboBox()
        self.person.setEditable(True)
        self.typ = QComboBox()
        for t in AttestType:
            self.typ.addItem(ATTEST_TYPE_LABELS[t], t)
        self.scope = QLineEdit()
        self.scope.setPlaceholderText("tomt = generell; annars kostnadsställe, insats eller konto")
        self.belopp = QLineEdit()
        self.belopp.setPlaceholderText("t.ex. 12 500 eller 1 840,50")
        self.datum = QLineEdit(iso(clock.today()))
        self.mottagare = QComboBox()
        self.mottagare.setEditable(True)
        for label, w in (
            ("Person", self.person),
            ("Attest", self.typ),
            ("Omfattning", self.scope),
            ("Belopp", self.belopp),
            ("Datum", self.datum),
            ("Mottagare", self.mottagare),
        ):
            form.addRow(label, w)
        ask = QPushButton("Får personen attestera?")
        ask.setDefault(True)
        ask.clicked.connect(self.ask)
        self.answer = QLabel("Fyll i uppgifterna och fråga.")
        self.answer.setWordWrap(True)
        self.answer.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.answer.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<h3>Får NN attestera?</h3>"))
        layout.addLayout(form)
        layout.addWidget(ask, alignment=Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.answer, 1)
        self.reload()

    def reload(self) -> None:
        names = [p.namn for p in self.ctx.services.forbund.list_persons()]
        extra = [n for n in self.service.attestants.attestants_on(clock.today()) if n not in names]
        for combo in (self.person, self.mottagare):
            text = combo.currentText()
            combo.clear()
            combo.addItems(names + extra if combo is self.person else [""] + names)
            combo.setCurrentText(text)

    def ask(self) -> None:
        try:
            ans = self.service.check.check(
                self.person.currentText(),
                self.typ.currentData(),
                parse_amount(self.belopp.text() or "0", "Belopp"),
                parse_date(self.datum.text(), "Datum"),
                self.mottagare.currentText(),
                self.scope.text(),
            )
        except FinsamError as exc:
            self.answer.setText(f"<span style='color:#A61B1B'>{exc}</span>")
            return
        colour = "#1E6B34" if ans.allowed else "#A61B1B"
        head = "JA" if ans.allowed else "NEJ"
        reasons = "".join(f"<li>{r}</li>" for r in ans.reasons)
        two = (
            "<p>Betalningen kräver två signaturer i förening.</p>" if ans.allowed and ans.signers_required >= 2 else ""
        )
        self.answer.setText(
            f"<h2 style='color:{colour}'>{head}</h2><p><b>Regel:</b> {ans.rule}</p>"
            f"<p><b>Avgjort av:</b> {ans.version or '–'}</p><ul>{reasons}</ul>{two}"
        )
        self.last_answer = ans


class RegisterPage(_Page):
    """The register of delegationsbeslut with entry dialog, warnings, attachments and anmälan."""

    def __init__(self, ctx: UiContext, undo: QUndoStack, parent=None):
        super().__init__(ctx, undo, parent)
        self.year = QComboBox()
        self.year.currentIndexChanged.connect(lambda: self._load())
        self.summary = QLabel()
        self.model = decision_model(self)
        self.view, self.proxy = _table(self.model, (90, 130, 300, 250, 100, 90, 260), 7)
        self.view.doubleClicked.connect(lambda _i: self._edit())
        b = {}
        for key, text in (
            ("new", "Nytt beslut…"),
            ("edit", "Ändra…"),
            ("remove", "Ta bort"),
            ("attach", "Lägg till bilaga…"),
            ("open", "Spara bilaga…"),
            ("agenda", "Lägg ej anmälda på nästa dagordning"),
            ("pdf", "PDF…"),
            ("xlsx", "Excel…"),
        ):
            b[key] = QPushButton(text)
        self.buttons = b
        b["new"].clicked.connect(self._new)
        b["edit"].clicked.connect(self._edit)
        b["remove"].clicked.connect(self._remove)
        b["attach"].clicked.connect(self._attach)
        b["open"].clicked.connect(self._save_attachment)
        b["agenda"].clicked.connect(self._to_agenda)
        b["pdf"].clicked.connect(lambda: self._export_register("pdf"))
        b["xlsx"].clicked.connect(lambda: self._export_register("xlsx"))
        top = QHBoxLayout()
        top.addWidget(QLabel("År:"))
        top.addWidget(self.year)
        top.addWidget(self.summary, 1)
        buttons = QHBoxLayout()
        for key in ("new", "edit", "remove", "attach", "open", "agenda"):
            buttons.addWidget(b[key])
        buttons.addStretch(1)
        buttons.addWidget(b["pdf"])
        buttons.addWidget(b["xlsx"])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view)
        layout.addLayout(buttons)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._sync())
        self.reload()

    def reload(self) -> None:
        if not self.ctx.read_only:
            self.service.anmalan.sync_reported()  # protocols justerade since the last look
        current = self.year.currentData()
        years = sorted(set(self.service.decisions.decision_years()) | {clock.today().year}, reverse=True)
        self.year.blockSignals(True)
        self.year.clear()
        self.year.addItem("Alla år", None)
        for y in years:
            self.year.addItem(str(y), y)
        idx = self.year.findData(current if current is not None else clock.today().year)
        self.year.setCurrentIndex(max(idx, 0))
        self.year.blockSignals(False)
        self._load()

    def _load(self) -> None:
        decisions = self.service.decisions.list_decisions(self.year.currentData())
        self.model.set_rows(decisions)
        flagged = sum(1 for d in decisions if d.check.warnings)
        unreported = len(self.service.anmalan.unreported_decisions(clock.today()))
        self.summary.setText(
            f"{len(decisions)} beslut, {flagged} med avvikelser. {unreported} ej anmälda till styrelsen."
        )
        self._sync()

    def _sync(self) -> None:
        d = _selected(self.view, self.proxy, self.model)
        ro = self.ctx.read_only
        locked = d is None or d.status.value == "anmalt"
        self.buttons["new"].setEnabled(not ro)
        for key in ("edit", "remove", "attach"):
            self.buttons[key].setEnabled(not ro and not locked)
        self.buttons["open"].setEnabled(d is not None and bool(d.attachments))
        self.buttons["agenda"].setEnabled(not ro)

    def _persons(self):
        return self.ctx.services.forbund.list_persons()

    def _new(self) -> None:
        dlg = DecisionDialog(self.service, self._persons(), None, self)
        if dlg.exec() and dlg.entry:
            holder = {}

            def do():
                entry = dlg.entry if "id" not in holder else _with_id(dlg.entry, holder["id"])
                holder["id"] = self.service.decisions.save_decision(entry).id

            self._push("Registrera delegationsbeslut", do, lambda: self.service.decisions.remove_decision(holder["id"]))

    def _edit(self) -> None:
        d = _selected(self.view, self.proxy, self.model)
        if d is None or d.status.value == "anmalt" or self.ctx.read_only:
            return
        dlg = DecisionDialog(self.service, self._persons(), d, self)
        if dlg.exec() and dlg.entry:
            from finsam_desktop.services.attest.dto import DecisionInput

            old = DecisionInput(d.datum, d.delegat_namn, d.row_id, d.arende, d.belopp, d.beslut, d.diarienummer, d.id)
            self._push(
                "Ändra delegationsbeslut",
                lambda: self.service.decisions.save_decision(dlg.entry),
                lambda: self.service.decisions.save_decision(old),
            )

    def _remove(self) -> None:
        d = _selected(self.view, self.proxy, self.model)
        if d is None:
            return
        holder = {}

        def do():
            holder["snap"] = self.service.decisions.remove_decision(d.id)

        def undo():
            snapshot, files = holder["snap"]
            self.service.decisions.save_decision(snapshot)
            for name, mime, data in files:
                self.service.decisions.add_attachment(snapshot.id, name, data, mime)

        self._push("Ta bort delegationsbeslut", do, undo)

    def _attach(self) -> None:
        d = _selected(self.view, self.proxy, self.model)
        if d is None:
            return
        path, _ = QFileDialog.getOpenFileName(self, "Välj bilaga")
        if not path:
            return
        data = Path(path).read_bytes()
        holder = {}

        def do():
            holder["a"] = self.service.decisions.add_attachment(d.id, Path(path).name, data)

        self._push("Lägg till bilaga", do, lambda: self.service.decisions.remove_attachment(holder["a"].id))

    def _save_attachment(self) -> None:
        d = _selected(self.view, self.proxy, self.model)
        if d is None or not d.attachments:
            return
        att = d.attachments[0]
        if len(d.attachments) > 1:
            names = [f"{a.filnamn} ({a.storlek // 1024 + 1} kB)" for a in d.attachments]
            choice, ok = QInputDialog.getItem(self, "Spara bilaga", "Bilaga:", names, 0, False)
            if not ok:
                return
            att = d.attachments[names.index(choice)]
        path, _ = QFileDialog.getSaveFileName(self, "Spara bilaga", att.filnamn)
        if path:
            Path(path).write_bytes(self.service.decisions.attachment_data(att.id)[1])

    def _to_agenda(self) -> None:
        meeting = self.service.anmalan.next_styrelse_meeting(clock.today())
        if meeting is None:
            QMessageBox.information(
                self, "Ingen dagordning", "Det finns inget kommande styrelsesammanträde med öppen dagordning."
            )
            return
        try:
            item = self.service.anmalan.add_anmalan_item(meeting.id)
        except FinsamError as exc:
            self._fail(exc)
            return
        text = (
            "Inget att anmäla."
            if item is None
            else f"”Anmälan av delegationsbeslut” finns på dagordningen för {meeting.title}."
        )
        QMessageBox.information(self, "Anmälan av delegationsbeslut", text)
        self._changed()

    def _export_register(self, fmt: str) -> None:
        year = self.year.currentData()
        name = f"Delegationsbeslut {year}" if year else "Delegationsbeslut"
        self._export("Exportera registret", f"{name}.{fmt}", lambda: self.service.exports.export_register(year, fmt))


def _with_id(entry, new_id):
    from dataclasses import replace

    return replace(entry, id=new_id)


class AttestTab(QWidget):
    """The whole tab; ``undo_stack`` is activated by the main window for Ångra/Gör om."""

    def __init__(self, ctx: UiContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.undo_stack = QUndoStack(self)
        ctx.undo_group.addStack(self.undo_stack)
        self.attest = OrdningPage(ctx, self.undo_stack, KIND_ATTEST)
        self.delegation = OrdningPage(ctx, self.undo_stack, KIND_DELEGATION)
        self.check = CheckPage(ctx, self.undo_stack)
        self.register = RegisterPage(ctx, self.undo_stack)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.attest, "Attestordning")
        self.tabs.addTab(self.delegation, "Delegationsordning")
        self.tabs.addTab(self.check, "Får NN attestera?")
        self.tabs.addTab(self.register, "Delegationsbeslut")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.tabs)
        ctx.events.forbund_changed.connect(self.reload)
        ctx.events.workspace_replaced.connect(self.reload)
        ctx.events.area_changed.connect(self._on_area_changed)

    def _on_area_changed(self, area: str) -> None:
        if area in ("sammantraden", "justering"):
            self.register.reload()

    def reload(self) -> None:
        for page in (self.attest, self.delegation, self.check, self.register):
            page.reload()
