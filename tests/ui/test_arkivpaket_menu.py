"""Arkiv → Exportera arkivpaket…: the year choice, the package written in the background, a bad target in Swedish."""

from __future__ import annotations

import zipfile

from PySide6.QtWidgets import QAbstractButton, QMessageBox, QWidget

from finsam_desktop.ui.dialogs.arkivpaket import ArkivpaketDialog
from finsam_desktop.ui.main_window import MainWindow
from finsam_desktop.ui.widgets.background import wait_for_background


def _mnemonic(text: str) -> str | None:
    i = text.replace("&&", "").find("&")
    return text.replace("&&", "")[i + 1].lower() if i >= 0 else None


def test_the_arkiv_menu_has_the_item_with_a_unique_mnemonic(qtbot, demo_workspace):
    window = MainWindow(demo_workspace)
    qtbot.addWidget(window)
    arkiv = window.menuBar().actions()[0].menu()
    texts = [a.text() for a in arkiv.actions() if a.text()]
    assert "&Exportera arkivpaket…" in texts
    keys = [_mnemonic(t) for t in texts]
    assert None not in keys and len(keys) == len(set(keys))
    assert window.action_arkivpaket.isEnabled()


def test_the_dialog_offers_the_years_with_justerade_protocols(qtbot, demo_workspace, tmp_path):
    dialog = ArkivpaketDialog(None, demo_workspace.services.arkiv.years(), tmp_path)
    qtbot.addWidget(dialog)
    assert [dialog.year.itemText(i) for i in range(dialog.year.count())] == ["2026"]
    assert dialog.target.text().endswith("arkivpaket-protokoll-2026.zip")
    controls = dialog.findChildren(QWidget)
    named = [w for w in controls if isinstance(w, QAbstractButton) or w in (dialog.year, dialog.target)]
    assert all(w.accessibleName() for w in named)
    keys = [_mnemonic(b.text()) for b in dialog.findChildren(QAbstractButton)] + ["å", "s"]  # + the two labels
    assert len(keys) == len(set(keys)) and None not in keys


def test_the_menu_item_writes_the_package(qtbot, demo_workspace, tmp_path, monkeypatch):
    target = tmp_path / "paket.zip"

    def accept(self):
        self.target.setText(str(target))
        return ArkivpaketDialog.DialogCode.Accepted

    monkeypatch.setattr(ArkivpaketDialog, "exec", accept)
    window = MainWindow(demo_workspace)
    qtbot.addWidget(window)
    window.action_arkivpaket.trigger()
    assert wait_for_background(60000)
    qtbot.waitUntil(lambda: "Arkivpaketet sparat" in window.statusBar().currentMessage(), timeout=10000)
    with zipfile.ZipFile(target) as zf:
        assert "samordningsforbundet-exempelbygden-protokoll-2026/METS.xml" in zf.namelist()


def test_a_bad_target_gives_a_swedish_message(qtbot, demo_workspace, tmp_path, monkeypatch):
    def accept(self):
        self.target.setText(str(tmp_path / "saknas" / "paket.zip"))
        return ArkivpaketDialog.DialogCode.Accepted

    shown = []
    monkeypatch.setattr(ArkivpaketDialog, "exec", accept)
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, title, text: shown.append((title, text)))
    window = MainWindow(demo_workspace)
    qtbot.addWidget(window)
    window.action_arkivpaket.trigger()
    assert wait_for_background(60000)
    qtbot.waitUntil(lambda: bool(shown), timeout=10000)
    assert shown[0][0] == "Arkivpaketet kunde inte skapas"
    assert "finns inte" in shown[0][1]
