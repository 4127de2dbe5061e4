"""Arkiv → Förbundet…: the förbund's details, members and shares, persons and mandates.

The dialog composes one page per tab and a controller; every change is one ForbundService call (one transaction)
pushed on the dialog's undo stack, so Ångra/Gör om (Ctrl+Z / Ctrl+Shift+Z) work for all of it while it is open.

Modules of the dialog (in ``ui/organisation/``):

- ``forbund_dialog.py`` — ``ForbundDialog``: the tabs, the undo buttons and shortcuts, the message line, closing.
- ``forbund_controller.py`` — ``ForbundController``: the undo-stacked save/add/edit/remove operations.
- ``forbund_page.py`` — tab Förbundet: ``ForbundPage``, composing ``forbund_details.DetailsBox`` (name,
  organisationsnummer, addresses) and ``forbund_rules.RulesBox`` (deadlines and beslutförhet).
- ``members_page.py`` — tab Medlemmar: members, their shares and the contribution calculator.
- ``persons_page.py`` — tab Personer: persons and their mandates today.
- ``mandates_page.py`` — tab Uppdrag: mandates and the styrelse on a date.
- ``snapshot.py`` — what the dialog shows (read once per refresh) and the share texts.
- ``record_table.py`` — the record table with Lägg till / Ändra / Ta bort shared by the pages.
- ``editors.py`` — the sub-dialogs that edit one member, person or mandate.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from finsam_desktop.ui.context import UiContext
from finsam_desktop.ui.organisation.editors import ERROR_STYLE, RecordEditor, focus_first
from finsam_desktop.ui.organisation.forbund_controller import ForbundController
from finsam_desktop.ui.organisation.forbund_page import ForbundPage
from finsam_desktop.ui.organisation.mandates_page import MandatesPage
from finsam_desktop.ui.organisation.members_page import MembersPage
from finsam_desktop.ui.organisation.persons_page import PersonsPage
from finsam_desktop.ui.organisation.record_table import WARNING_STYLE
from finsam_desktop.ui.organisation.snapshot import Snapshot


# --- the dialog -----------------------------------------------------------------------------------
class ForbundDialog(QDialog):
    """Arkiv → Förbundet…: edit the förbund, members, persons and mandates, with undo."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.services = ctx.services
        self.read_only = ctx.read_only
        self.snapshot: Snapshot | None = None
        self.setWindowTitle("Förbundet")
        self.setObjectName("forbundDialog")
        self.resize(1180, 760)

        self.undo_stack = QUndoStack(self)
        ctx.undo_group.addStack(self.undo_stack)
        self.undo_stack.setActive(True)

        layout = QVBoxLayout(self)
        if self.read_only:
            banner = QLabel("Filen är öppen skrivskyddad: uppgifterna visas men kan inte ändras.")
            banner.setObjectName("readOnlyBanner")
            banner.setStyleSheet(WARNING_STYLE)
            layout.addWidget(banner)
        self.controller = ForbundController(self)
        self.pages = QTabWidget()
        self.forbund_page = ForbundPage(self)
        self.members_page = MembersPage(self)
        self.persons_page = PersonsPage(self)
        self.mandates_page = MandatesPage(self)
        self.pages.addTab(self.forbund_page, "&Förbundet")
        self.pages.addTab(self.members_page, "&Medlemmar")
        self.pages.addTab(self.persons_page, "&Personer")
        self.pages.addTab(self.mandates_page, "&Uppdrag")
        layout.addWidget(self.pages, 1)

        bottom = QHBoxLayout()
        self.undo_button = QPushButton("&Ångra")
        self.redo_button = QPushButton("&Gör om")
        for button in (self.undo_button, self.redo_button):
            button.setAutoDefault(False)
        self.undo_button.clicked.connect(self.undo_stack.undo)
        self.redo_button.clicked.connect(self.undo_stack.redo)
        bottom.addWidget(self.undo_button)
        bottom.addWidget(self.redo_button)
        self.message = QLabel()
        self.message.setObjectName("dialogMessage")
        self.message.setWordWrap(True)
        bottom.addWidget(self.message, 1)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        box.rejected.connect(self.reject)
        box.button(QDialogButtonBox.StandardButton.Close).setAutoDefault(False)
        box.button(QDialogButtonBox.StandardButton.Close).setText("St&äng")
        bottom.addWidget(box)
        layout.addLayout(bottom)

        self.undo_action = QAction("Ångra", self)
        self.undo_action.setShortcuts([QKeySequence(QKeySequence.StandardKey.Undo)])
        self.undo_action.triggered.connect(self.undo_stack.undo)
        self.redo_action = QAction("Gör om", self)
        redo_keys = [QKeySequence(QKeySequence.StandardKey.Redo), QKeySequence("Ctrl+Shift+Z")]
        self.redo_action.setShortcuts(list(dict.fromkeys(k.toString() for k in redo_keys if not k.isEmpty())))
        self.redo_action.triggered.connect(self.undo_stack.redo)
        for action in (self.undo_action, self.redo_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)
        self.undo_stack.canUndoChanged.connect(self._update_undo_buttons)
        self.undo_stack.canRedoChanged.connect(self._update_undo_buttons)
        self.undo_stack.indexChanged.connect(self._update_undo_buttons)

        # Enter in a field must not close the dialog or press an arbitrary button.
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(False)
            button.setDefault(False)
        self.refresh(force_forbund=True)
        editable = not self.read_only
        self.forbund_page.set_editable(editable)
        for page in (self.members_page, self.persons_page, self.mandates_page):
            page.table.set_editable(editable)
        self.undo_button.setVisible(editable)
        self.redo_button.setVisible(editable)
        self._update_undo_buttons()

    # --- state ----------------------------------------------------------------------------
    def refresh(self, force_forbund: bool = False) -> None:
        svc = self.services.forbund
        self.snapshot = Snapshot(
            svc.get(), tuple(svc.list_members()), tuple(svc.list_persons()), tuple(svc.list_mandates())
        )
        self.forbund_page.load(self.snapshot.forbund, force=force_forbund)
        self.members_page.load(self.snapshot)
        self.persons_page.load(self.snapshot)
        self.mandates_page.load(self.snapshot)

    def _update_undo_buttons(self, *_args) -> None:
        stack = self.undo_stack
        if not (isValid(stack) and isValid(self.undo_button)):
            return  # emitted while the dialog is being destroyed
        self.undo_button.setEnabled(stack.canUndo())
        self.redo_button.setEnabled(stack.canRedo())
        self.undo_button.setToolTip(f"Ångra: {stack.undoText()}" if stack.canUndo() else "")
        self.redo_button.setToolTip(f"Gör om: {stack.redoText()}" if stack.canRedo() else "")

    def show_message(self, text: str, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(ERROR_STYLE if error else "")

    def open_editor(self, editor: RecordEditor) -> None:
        """Open a sub-dialog window-modally; it saves through its own ``accept``."""
        if self.read_only:
            return
        editor.setWindowModality(Qt.WindowModality.WindowModal)
        editor.open()
        focus_first(editor)

    # --- closing --------------------------------------------------------------------------
    def done(self, result: int) -> None:
        if self.forbund_page.is_dirty():
            answer = QMessageBox.question(
                self,
                "Osparade ändringar",
                "Förbundets uppgifter har ändrats men inte sparats. Spara dem nu?",
                QMessageBox.StandardButton.Save
                | QMessageBox.StandardButton.Discard
                | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Save,
            )
            if answer == QMessageBox.StandardButton.Cancel:
                return
            if answer == QMessageBox.StandardButton.Save and not self.forbund_page.save():
                self.pages.setCurrentWidget(self.forbund_page)
                return
        self.ctx.undo_group.removeStack(self.undo_stack)
        super().done(result)
