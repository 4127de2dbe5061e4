"""The Årsredovisning tab: the stored years of books, the kontoplan mapping, the förvaltningsberättelse and the
document (reconciliation flags, PDF/Word, delårsrapport, adoption at a styrelse §).

- ``tab.py`` – ``ArsredovisningTab``: the year selector, the four sub-tabs, loading them, errors, undo stack.
- ``books_page.py`` – Bokföring: the years table, SIE import, typed balances, antal anställda, removing a year.
- ``mapping_page.py`` – Kontoplan: the mapping as text (save undoable, reset to BAS / Kommun-BAS) and the
  accounts with a balance that no rule maps.
- ``texts_page.py`` – Förvaltningsberättelse: the sections and a plain-text editor (save undoable, pre-fill again).
- ``documents_page.py`` – Dokument: the flags of the year, PDF/Word, delårsrapport, fastställ.
- ``dialogs.py`` – the balances, delårsrapport and adoption dialogs.
- ``models.py`` – the table columns (years, flags, unmapped accounts) and a table/button factory.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from finsam_desktop.ui.context import UiContext

TITLE = "Årsredovisning"


def create_tab(ctx: UiContext) -> QWidget:
    from finsam_desktop.ui.arsredovisning.tab import ArsredovisningTab

    return ArsredovisningTab(ctx)
