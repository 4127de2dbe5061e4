"""The Förbundet dialog's page Förbundet: the details (:mod:`.forbund_details`) and the förbundsordning's settings
(:mod:`.forbund_rules`), edited together and saved with one button (unsaved edits survive a refresh)."""

from __future__ import annotations

from contextlib import suppress
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from finsam_desktop.domain.common.errors import FinsamError
from finsam_desktop.domain.organisation.model import Forbund
from finsam_desktop.domain.organisation.orgnr import normalize_orgnr
from finsam_desktop.ui.organisation.editors import orgnr_feedback, show_feedback
from finsam_desktop.ui.organisation.forbund_details import DetailsBox
from finsam_desktop.ui.organisation.forbund_rules import RulesBox
from finsam_desktop.ui.organisation.word_template_box import WordTemplateBox

if TYPE_CHECKING:
    from finsam_desktop.ui.organisation.forbund_dialog import ForbundDialog


class ForbundPage(QWidget):
    """The förbund's details and the settings the förbundsordning decides."""

    def __init__(self, dialog: ForbundDialog):
        super().__init__()
        self.dialog = dialog
        self.loaded: Forbund | None = None
        self._loading = False
        outer = QVBoxLayout(self)
        self.details = DetailsBox()
        self.rules = RulesBox()
        self.word_template = WordTemplateBox(dialog)
        outer.addWidget(self.details)
        outer.addWidget(self.rules)
        outer.addWidget(self.word_template)
        outer.addStretch(1)
        # The fields, as the page's own attributes (what tests and the dialog use).
        self.namn, self.orgnr, self.orgnr_feedback = self.details.namn, self.details.orgnr, self.details.orgnr_feedback
        self.sate, self.postadress = self.details.sate, self.details.postadress
        self.anslagstavla, self.forvaringsplats = self.details.anslagstavla, self.details.forvaringsplats
        self.kallelse, self.justering = self.rules.kallelse, self.rules.justering
        self.anslag, self.overklagande = self.rules.anslag, self.rules.overklagande
        self.beslutforhet, self.defaults_button = self.rules.beslutforhet, self.rules.defaults_button

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.revert_button = QPushButton("Förk&asta ändringar")
        self.save_button = QPushButton("&Spara ändringar")
        self.save_button.setObjectName("saveForbund")
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        outer.addLayout(buttons)
        self.save_button.clicked.connect(self.save)
        self.revert_button.clicked.connect(lambda: self.load(self.loaded, force=True))

        for edit in self.details.line_edits:
            edit.textChanged.connect(self._on_edited)
            edit.returnPressed.connect(self._on_return)
        self.postadress.textChanged.connect(self._on_edited)
        for spin in self.rules.spins:
            spin.valueChanged.connect(self._on_edited)
        self.beslutforhet.currentIndexChanged.connect(self._on_edited)

    def _on_return(self) -> None:
        if self.save_button.isEnabled():
            self.save()

    def load(self, forbund: Forbund | None, force: bool = False) -> None:
        """Show ``forbund``; unsaved edits are kept unless ``force``."""
        if forbund is None or (self.is_dirty() and not force):
            self.loaded = forbund if forbund is not None else self.loaded
            self._update_state()
            return
        self.loaded = forbund
        self._loading = True
        try:
            self.details.load(forbund)
            self.rules.load(forbund.settings)
        finally:
            self._loading = False
        self._update_state()

    def form_value(self) -> Forbund:
        assert self.loaded is not None
        return replace(self.details.apply_to(self.loaded), settings=self.rules.value())

    def is_dirty(self) -> bool:
        if self.loaded is None or self.dialog.read_only:
            return False
        current = self.form_value()
        with suppress(FinsamError):  # an invalid number is compared as typed
            current = replace(current, orgnr=normalize_orgnr(current.orgnr))
        return current != self.loaded

    def _on_edited(self) -> None:
        if not self._loading:
            self._update_state()

    def _update_state(self) -> None:
        ok, message = orgnr_feedback(self.orgnr.text(), required=True)
        # A valid, unchanged number needs no confirmation line.
        if ok and self.loaded is not None and self.orgnr.text().strip() == self.loaded.orgnr:
            message = ""
        show_feedback(self.orgnr_feedback, ok, message)
        dirty = self.is_dirty()
        writable = not self.dialog.read_only
        self.save_button.setEnabled(writable and dirty and ok and bool(self.namn.text().strip()))
        self.revert_button.setEnabled(writable and dirty)

    def set_editable(self, editable: bool) -> None:
        self.details.set_editable(editable)
        self.rules.set_editable(editable)
        self.save_button.setVisible(editable)
        self.revert_button.setVisible(editable)
        self._update_state()

    def save(self) -> bool:
        """Validate and save through the service; on error show it and save nothing."""
        if self.dialog.read_only or self.loaded is None:
            return False
        try:
            self.dialog.controller.save_forbund(self.form_value())
        except FinsamError as exc:
            self.dialog.show_message(str(exc), error=True)
            return False
        return True
