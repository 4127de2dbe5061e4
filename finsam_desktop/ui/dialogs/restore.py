"""Restore from a backup in the window: choose the copy, confirm, and the one checked path of the services.

Used by ``Arkiv → Återställ från säkerhetskopia…`` (an open file) and by the start when a file cannot be opened
at all (``offer_restore``): a damaged file can always be replaced from a backup.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from finsam_desktop.domain.common.errors import FinsamError
from finsam_desktop.services.workspace import RestoreFindingsError, backup_dir_for, list_backups, restore_path

T = TypeVar("T")

RESTORE_BUTTON = "Återställ från säkerhetskopia…"


def choose_backup(parent: QWidget | None, db_path: Path) -> Path | None:
    backups = list_backups(db_path)
    start = backups[0] if backups else backup_dir_for(db_path) if backup_dir_for(db_path).exists() else db_path.parent
    path, _ = QFileDialog.getOpenFileName(
        parent, "Återställ från säkerhetskopia", str(start), "FINSAM-databas (*.sqlite *.db);;Alla filer (*)"
    )
    return Path(path) if path else None


def confirm(parent: QWidget | None, db_path: Path, source: Path) -> bool:
    answer = QMessageBox.question(
        parent,
        "Återställ",
        f"Ersätta innehållet i\n{db_path}\nmed\n{source}?\n\n"
        "Kopian kontrolleras först; den nuvarande filen sparas som en kopia bredvid innan den ersätts.",
    )
    return answer == QMessageBox.StandardButton.Yes


def run_checked(parent: QWidget | None, restore: Callable[[bool], T]) -> T | None:
    """``restore(accept_findings)``; when the copy has rule findings, show them and ask; a refusal is shown
    in Swedish. Returns None when nothing was restored (and then nothing was changed)."""
    try:
        return restore(False)
    except RestoreFindingsError as exc:
        if not exc.acceptable:
            QMessageBox.warning(parent, "Återställning misslyckades", str(exc))
            return None
        answer = QMessageBox.question(
            parent,
            "Fel i säkerhetskopian",
            f"{exc}\n\nÅterställa ändå?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return None
        try:
            return restore(True)
        except (FinsamError, OSError) as exc2:
            QMessageBox.warning(parent, "Återställning misslyckades", str(exc2))
            return None
    except (FinsamError, OSError) as exc:
        QMessageBox.warning(parent, "Återställning misslyckades", str(exc))
        return None


def ask_restore_after_failure(parent: QWidget | None, title: str, text: str) -> bool:
    """The file cannot be opened: say why and offer the restore. True if the user chose it."""
    box = QMessageBox(QMessageBox.Icon.Critical, title, text, QMessageBox.StandardButton.Close, parent)
    restore = box.addButton(RESTORE_BUTTON, QMessageBox.ButtonRole.AcceptRole)
    box.exec()
    return box.clickedButton() is restore


def offer_restore(parent: QWidget | None, db_path: Path, text: str) -> bool:
    """After an open failure: offer to restore ``db_path`` from a backup. True when it was restored."""
    if not ask_restore_after_failure(parent, "Kan inte öppna filen", f"{db_path}\n\n{text}"):
        return False
    source = choose_backup(parent, db_path)
    if source is None or not confirm(parent, db_path, source):
        return False
    result = run_checked(parent, lambda accept: restore_path(db_path, source, accept_findings=accept))
    if result is None:
        return False
    _candidate, aside = result
    if aside is not None:
        QMessageBox.information(
            parent, "Återställd", f"{db_path} är återställd.\nDen tidigare filen sparades som\n{aside}"
        )
    return True
