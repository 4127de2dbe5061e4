"""The Intern kontroll tab: risk analysis with heat maps, kontrollplan with traffic lights, stickprov.

- ``tab.py``: ``InternkontrollTab``, composing the three pages and their controllers; owns the year, the loaded
  analysis and plan, the undo stack and the helpers the controllers share;
- ``risk_page.py``, ``plan_page.py``, ``sample_page.py``: the views (widgets, layout, what they show);
- ``findings_view.py``: the stickprov's "Hela populationen" view (findings and their åtgärder) and the table of
  åtgärder still open from earlier years that the plan page shows;
- ``risk_controller.py``, ``plan_controller.py``, ``sample_controller.py``, ``exports_controller.py``,
  ``findings_controller.py``: the slots that call ``services.internkontroll`` and refresh the views;
- ``progress_run.py``: a long service call in the background with a progress bar and Avbryt;
- ``commands.py``: ``ServiceCommand``, an undoable service call;
- ``models.py``: the table models (risks, plan rows, stickprov items) and the filtering proxy;
- ``matrix_widget.py``: the risk matrix (heat map) widget;
- ``dialog_base.py``, ``risk_dialogs.py``, ``plan_dialogs.py``, ``stickprov_dialogs.py``, ``atgard_dialog.py``: the
  dialogs.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from finsam_desktop.ui.context import UiContext

TITLE = "Intern kontroll"


def create_tab(ctx: UiContext) -> QWidget:
    from finsam_desktop.ui.internkontroll.tab import InternkontrollTab

    return InternkontrollTab(ctx)
