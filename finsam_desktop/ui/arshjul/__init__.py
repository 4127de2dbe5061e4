"""The Årshjul tab: the governance year as a wheel, a list by month and a filtered table.

- ``tab.py`` – ``ArshjulTab``: composes the views below and wires them to the controllers; refresh, banner.
- ``toolbar.py`` – ``ArshjulToolbar``: year, start month, buttons, the export and Standardår menus.
- ``wheel_page.py`` – ``WheelPage``: the wheel beside "kommande 30 dagar" and the passed-but-open count.
- ``wheel.py`` – ``WheelWidget``: the painted wheel itself (marks, tooltips, clicks).
- ``agenda.py`` – ``AgendaView``: the Månadsvis tree.
- ``table_page.py`` – ``TablePage``: the Tabell page with its filters.
- ``models.py`` – ``OccurrenceTableModel`` and ``OccurrenceFilter`` (the table model and its filter proxy).
- ``editing.py`` – ``EditingController``: open/status/move an occurrence, new/edit/delete events, undo steps.
- ``year_actions.py`` – ``YearActionsController``: create a year, the sammanträdesplan, the standard year
  file, the rings, importing a list, the exports.
- ``widgets.py`` – shared bits: the category dot icon, table defaults, ``UPCOMING_DAYS``.
- ``dialogs/`` – one module per dialog (see its ``__init__``).
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from finsam_desktop.ui.context import UiContext

TITLE = "Årshjul"


def create_tab(ctx: UiContext) -> QWidget:
    from finsam_desktop.ui.arshjul.tab import ArshjulTab

    return ArshjulTab(ctx)
