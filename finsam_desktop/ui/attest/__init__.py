"""The Attest & delegation tab (``create_tab``). Views hold widgets and layout; controllers call the attest area
(``ctx.services.attest``) and fill the views.

- ``tab.py``: ``AttestTab``, which composes the four pages and owns the undo stack;
- ``ordning_page.py`` / ``ordning_controller.py``: one ordning (attestordning or delegationsordning): versions,
  rows, adopt, copy, exports;
- ``check_page.py``: "Får NN attestera?" (the form and its small controller);
- ``register_page.py`` / ``register_controller.py``: the register of delegationsbeslut, attachments, anmälan;
- ``page_support.py``: the undoable service command, sortable tables and ``PageActions`` the controllers share;
- ``models.py``: the table models;
- dialogs, one per module: ``attest_row_dialog.py`` (with ``PartyEditor``), ``delegation_row_dialog.py`` (KL 6:38
  checklist), ``version_dialogs.py`` (header and adoption), ``prisbasbelopp_dialog.py``, ``decision_dialog.py``;
  ``dialog_common.py`` holds what they share.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from finsam_desktop.ui.context import UiContext

TITLE = "Attest & delegation"


def create_tab(ctx: UiContext) -> QWidget:
    from finsam_desktop.ui.attest.tab import AttestTab

    return AttestTab(ctx)
