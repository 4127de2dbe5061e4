"""The page of one ordning (attestordning or delegationsordning): its versions, the rows of the selected
version and the buttons. Widgets and layout only; ``OrdningController`` acts on them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from finsam_desktop.domain.attest.rules import KIND_ATTEST, KIND_LABELS
from finsam_desktop.domain.common.dates import iso
from finsam_desktop.ui.attest.models import attest_row_model, delegation_row_model, version_model
from finsam_desktop.ui.attest.ordning_controller import OrdningController
from finsam_desktop.ui.attest.page_support import make_table, selected
from finsam_desktop.ui.context import UiContext

VERSION_BUTTONS = (
    ("new", "Ny &version…"),
    ("copy", "Kopiera till nytt &år"),
    ("edit_version", "&Uppgifter…"),
    ("delete_version", "Ta bort ut&kast"),
    ("adopt", "An&ta…"),
)
ROW_BUTTONS = (
    ("add", "&Lägg till rad…"),
    ("edit", "&Ändra rad…"),
    ("remove", "Ta &bort rad"),
    ("pdf", "&PDF…"),
    ("xlsx", "&Excel…"),
)


class OrdningPage(QWidget):
    """Attestordning or delegationsordning: versions, rows of the selected version, actions."""

    def __init__(self, ctx: UiContext, undo: QUndoStack, kind: str, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.kind = kind
        self.label = KIND_LABELS[kind]
        self.in_force = QLabel()
        self.in_force.setWordWrap(True)
        self.versions = version_model(self)
        self.version_view, self.version_proxy = make_table(
            self.versions, (380, 200, 420, 60), 2, name=f"Versioner av {self.label.lower()}en"
        )
        self.rows = attest_row_model(self) if kind == KIND_ATTEST else delegation_row_model(self)
        widths = (40, 260, 170, 130, 150, 150, 130, 110, 100) if kind == KIND_ATTEST else (40, 420, 130, 130, 170, 70)
        self.row_view, self.row_proxy = make_table(
            self.rows, widths, len(widths), name=f"Rader i vald version av {self.label.lower()}en"
        )
        self.rows_title = QLabel()

        b = {key: QPushButton(text) for key, text in VERSION_BUTTONS + ROW_BUTTONS}
        if kind == KIND_ATTEST:
            b["sig_pdf"] = QPushButton("&Signaturlista PDF…")
            b["sig_xlsx"] = QPushButton("Signaturlista E&xcel…")
        else:
            b["pbb"] = QPushButton("Pr&isbasbelopp…")
        self.buttons = b
        self._lay_out()

        self.controller = OrdningController(self, ctx, undo)
        c = self.controller
        self.row_view.doubleClicked.connect(lambda _i: c.edit_row())
        self.version_view.selectionModel().selectionChanged.connect(lambda *_: c.load_rows())
        b["new"].clicked.connect(c.new_version)
        b["copy"].clicked.connect(c.copy)
        b["edit_version"].clicked.connect(c.edit_version)
        b["delete_version"].clicked.connect(c.delete_version)
        b["adopt"].clicked.connect(c.adopt)
        b["add"].clicked.connect(c.add_row)
        b["edit"].clicked.connect(c.edit_row)
        b["remove"].clicked.connect(c.remove_row)
        b["pdf"].clicked.connect(lambda: c.export_doc("pdf"))
        b["xlsx"].clicked.connect(lambda: c.export_doc("xlsx"))
        if kind == KIND_ATTEST:
            b["sig_pdf"].clicked.connect(lambda: c.export_sig("pdf"))
            b["sig_xlsx"].clicked.connect(lambda: c.export_sig("xlsx"))
        else:
            b["pbb"].clicked.connect(c.edit_prisbasbelopp)
        self.reload()

    def _lay_out(self) -> None:
        b = self.buttons
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(QLabel("<b>Versioner</b>"))
        ll.addWidget(self.version_view)
        vb = QHBoxLayout()
        for key, _text in VERSION_BUTTONS:
            vb.addWidget(b[key])
        ll.addLayout(vb)
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
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

    # --- state ---------------------------------------------------------------------------------
    def reload(self) -> None:
        self.controller.reload()

    def current_version(self):
        return selected(self.version_view, self.version_proxy, self.versions)

    def current_row(self):
        return selected(self.row_view, self.row_proxy, self.rows)

    def select_version(self, version_id: int | None) -> None:
        for i, v in enumerate(self.versions.rows):
            if v.id == version_id:
                self.version_view.selectRow(self.version_proxy.mapFromSource(self.versions.index(i, 0)).row())
                break

    def show_in_force(self, current, today) -> None:
        if current:
            self.in_force.setText(
                f"<b>Gäller i dag ({iso(today)}):</b> {current.titel} – {current.period_text}, "
                f"antagen {current.adopted_text}."
            )
        else:
            self.in_force.setText(f"<b>Ingen antagen {self.label.lower()} gäller i dag ({iso(today)}).</b>")

    def show_rows(self, version, rows) -> None:
        self.rows.set_rows(rows)
        if version is None:
            self.rows_title.setText("Välj en version.")
        else:
            lock = "låst" if version.adopted else "utkast – kan ändras"
            self.rows_title.setText(f"<b>{version.titel}</b> ({version.period_text}; {version.status_text}; {lock})")
        self.sync_buttons()

    def sync_buttons(self) -> None:
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
