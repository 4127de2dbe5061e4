"""The Verksamhet tab: the insatser with their Verksamhet fields, goals and indicators, deltagare statistics.

- ``tab.py`` – ``VerksamhetTab``: the year chooser, the three sub-tabs, errors, the undo stack.
- ``insatser_page.py`` – Insatser: the year's insatser with delprojekt under their insats, details, edit.
- ``insats_dialog.py`` – the insats form (type, status, målgrupp, Syfte/Mål, personal, finansiering, styrgrupp).
- ``goals_page.py`` – Mål och indikatorer: "målvärde (utfall)" per goal, new goal from a standard indicator, utfall.
- ``goal_dialogs.py`` – the new-goal and measurement dialogs.
- ``deltagare_page.py`` – Deltagare: statistics per insats and month with year totals, import, masking setting.
- ``import_dialog.py`` – the preview of a deltagare file (guessed column mapping, row count).
- ``plan_page.py`` – Verksamhetsplan: create, status, flags, adopt, export, next year; ``plan_editor.py`` the sections
  and the section editor; ``plan_dialogs.py`` its dialogs; ``plan_preview.py`` the generated sections' preview.
- ``models.py`` – the insats tree model, the table columns and small widget factories.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from finsam_desktop.ui.context import UiContext

TITLE = "Verksamhet"


def create_tab(ctx: UiContext) -> QWidget:
    from finsam_desktop.ui.verksamhet.tab import VerksamhetTab

    return VerksamhetTab(ctx)
