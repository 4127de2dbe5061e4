"""What the attest dialogs share: the roles offered, the OK/Avbryt buttons, combo data → enum, amounts."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
)

from finsam_desktop.domain.common.money import parse_amount
from finsam_desktop.domain.organisation.model import Role

ATTEST_ROLES = (
    Role.ORDFORANDE,
    Role.VICE_ORDFORANDE,
    Role.FORBUNDSCHEF,
    Role.SEKRETERARE,
    Role.UTVECKLINGSLEDARE,
    Role.LEDAMOT,
)


def enum_of(enum, value):
    """Combo data comes back from Qt as plain str; map it to the enum (None stays None)."""
    return None if value is None else enum(value)


def ok_cancel(dialog: QDialog) -> QDialogButtonBox:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box


def optional_amount(text: str, field: str) -> Decimal | None:
    text = text.strip()
    return parse_amount(text, field) if text else None
