"""The Stickprov page of the Intern kontroll tab: the year's stickprov to pick from, the buttons, what the
draw was, the drawn items ("Urval") beside what the analysis of every row found ("Hela populationen",
``findings_view.py``) and the granskning's conclusion. A view; the stickprov controller connects it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget

from finsam_desktop.ui.formatting import format_kr
from finsam_desktop.ui.internkontroll.findings_view import FindingsView
from finsam_desktop.ui.internkontroll.models import PredicateProxy, proxy_table, sample_model
from finsam_desktop.ui.widgets.flow_layout import flow_row


class SamplePage(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        sample_label = QLabel("Stickprov:")
        bar.addWidget(sample_label)
        self.sample_box = QComboBox()
        self.sample_box.setAccessibleName("Stickprov")
        sample_label.setBuddy(self.sample_box)
        # Long sample titles are elided in the closed box, not allowed to widen the window.
        self.sample_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.sample_box.setMinimumContentsLength(24)
        bar.addWidget(self.sample_box, 1)
        self.b_import = QPushButton("I&mportera verifikationer och dra…")
        self.b_review = QPushButton("&Granska post…")
        self.b_granskning = QPushButton("Granskning &och slutsats…")
        self.b_reproduce = QPushButton("Kontrollera att &urvalet går att återskapa")
        self.b_sample_xlsx = QPushButton("&Excel…")
        layout.addLayout(bar)
        layout.addWidget(
            flow_row(self.b_import, self.b_review, self.b_granskning, self.b_reproduce, self.b_sample_xlsx)
        )
        self.sample_info = QLabel()
        self.sample_info.setWordWrap(True)
        self.sample_info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.sample_info)
        self.sample_model = sample_model()
        self.sample_proxy = PredicateProxy(self)
        self.sample_view = proxy_table(
            self.sample_model,
            self.sample_proxy,
            (36, 100, 76, 86, 96, 140, 80, 120, 130, 170, 110, 110, 100, 220),
            name="Urval i stickprovet",
        )
        self.findings_view = FindingsView()
        self.views = QTabWidget()
        self.views.setAccessibleName("Urval och hela populationen")
        self.views.addTab(self.sample_view, "Urval")
        self.views.addTab(self.findings_view, "Hela populationen")
        layout.addWidget(self.views, 1)
        self.granskning_label = QLabel()
        self.granskning_label.setWordWrap(True)
        layout.addWidget(self.granskning_label)

    def set_samples(self, samples) -> None:
        """Refill the picker, keeping the current stickprov when it is still there (no change signal)."""
        current = self.sample_box.currentData()
        self.sample_box.blockSignals(True)
        self.sample_box.clear()
        for sp in samples:
            self.sample_box.addItem(f"{sp.titel} ({sp.created_at:%Y-%m-%d}, frö {sp.seed})", sp.id)
        index = self.sample_box.findData(current)
        self.sample_box.setCurrentIndex(index if index >= 0 else (0 if self.sample_box.count() else -1))
        self.sample_box.blockSignals(False)

    def show_sample(self, sp, granskning) -> None:
        """One stickprov (or none) with the latest granskning that covered it (or none)."""
        self.sample_model.set_rows(sp.items if sp else ())
        self.views.setTabText(0, f"Urval ({len(sp.items)} poster)" if sp else "Urval")
        found = len(sp.finding_rows) if sp is not None and sp.population is not None else None
        self.views.setTabText(1, "Hela populationen" + (f" ({found} fynd)" if found is not None else ""))
        if sp is None:
            self.sample_info.setText("Inget stickprov för året. Importera en verifikationslista ur ekonomisystemet.")
            self.granskning_label.setText("")
            return
        self.sample_info.setText(
            f"<b>{sp.filnamn}</b>: {sp.file_count} verifikationer, population {sp.population_count} "
            f"({format_kr(sp.population_sum)}). {sp.method_text} "
            f"<br>{sp.findings_count} poster med anmärkning från attestkontrollen; "
            f"{sp.reviewed_count} av {len(sp.items)} granskade; {len(sp.avvikelser)} avvikelser."
        )
        g = granskning
        if g is not None:
            self.granskning_label.setText(
                f"<b>Granskning {g.datum.isoformat()}</b>, {g.plats}: {g.ordforande}, {g.vice_ordforande}"
                f"{' (förbundschef ' + g.forbundschef + ' närvarande)' if g.forbundschef else ''}.<br>"
                + g.slutsats.replace("\n", "<br>")
            )
        else:
            self.granskning_label.setText("<i>Ingen granskning registrerad för stickprovet ännu.</i>")

    def update_enabled(self, read_only: bool) -> None:
        ro = read_only
        self.b_import.setEnabled(not ro)
        has_sample = self.sample_box.currentData() is not None
        self.b_review.setEnabled(has_sample and not ro)
        self.b_granskning.setEnabled(has_sample and not ro)
        self.b_reproduce.setEnabled(has_sample)
        self.b_sample_xlsx.setEnabled(has_sample)
        self.findings_view.update_enabled(ro)
