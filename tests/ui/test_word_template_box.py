"""Arkiv → Förbundet…: the förbund's Word template chosen and removed in the dialog (issue 18); a file that is no
template is refused with the reason and the template in use stays."""

from __future__ import annotations

from PySide6.QtGui import QUndoGroup
from PySide6.QtWidgets import QFileDialog

from finsam_desktop.ui.context import UiContext
from finsam_desktop.ui.events import AppEvents
from finsam_desktop.ui.organisation.forbund_dialog import ForbundDialog
from finsam_desktop.ui.organisation.word_template_box import NONE_TEXT
from tests.services.test_word_template import _template


def test_the_word_template_is_chosen_refused_and_removed_in_the_dialog(qtbot, demo_workspace, tmp_path, monkeypatch):
    dialog = ForbundDialog(UiContext(demo_workspace.services, AppEvents(), QUndoGroup()))
    qtbot.addWidget(dialog)
    dialog.show()
    box = dialog.forbund_page.word_template
    assert box.status.text() == NONE_TEXT and not box.remove.isEnabled()
    good, bad = tmp_path / "Exempelbygden.dotx", tmp_path / "logga.dotx"
    good.write_bytes(_template())
    bad.write_bytes(b"\x89PNG\r\n\x1a\n not a template")
    chosen = {"path": str(good)}
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (chosen["path"], ""))
    box.choose.click()
    assert box.status.text().startswith("Exempelbygden.dotx (") and box.remove.isEnabled()
    assert dialog.message.text() == "Word-mallen är nu Exempelbygden.dotx."
    chosen["path"] = str(bad)
    box.choose.click()
    assert dialog.message.text() == "Word-mall: ”logga.dotx” är ingen Word-fil (.docx eller .dotx)."
    assert demo_workspace.services.word_template.get().filnamn == "Exempelbygden.dotx"  # the one in use stays
    box.remove.click()
    assert box.status.text() == NONE_TEXT and demo_workspace.services.word_template.get() is None
