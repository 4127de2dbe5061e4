"""The Sammanträden tab: meetings, dagordning and protokoll, attendance, bilagor, uppdrag, search.

The tab (``tab.SammantradenTab``) composes views (widgets and layout only) and controllers (slots that call
``services.meetings`` and update the views). A map of the modules:

The tab and what ties it together
    tab                   the tab widget: builds the views, holds the shared state and the command helpers
    controller            ``TabController``, the base of the controllers (the tab, ``ctx``, ``svc``)
    actions               keyboard shortcuts (``tab.act_*``) and the Kortkommandon help
    wiring                every widget signal connected to its controller's slot
    store, undo, autosave id remapping for undo, undo commands, debounced text saving
    view_helpers          the read-only table, the sort proxy, the scroll wrapper

Views (layout only)
    meeting_list_view     top bar (year, status, new, Mer-menu, search) and the meeting list / search hits
    meeting_header_view   the selected meeting's title, status chip, actions, exports and banner
    agenda_view           the Dagordning och protokoll page: § list with buttons and the § editor
    item_editor           the § editor; its building blocks in editor_widgets
    attendance_view       the Närvaro page
    bilagor_view          the Bilagor page
    uppdrag_view          the Öppna uppdrag page
    models, paragraph_model, hit_delegate, dialogs   table models, the § list model, search hits, dialogs

Controllers
    meeting_loader        loads the years, the meeting list and the selected meeting into the views
    meeting_controller    new/edit/delete meeting, status steps, standard phrases, first § number
    export_controller     kallelse and protokoll PDFs (made in the background, opened or saved)
    item_presenter        fills the § list and the § editor; autosave results become undo steps
    agenda_controller     § commands: new, move, utgår, remove/restore, typ, sökande, from template
    clause_controller     att-satser and delpunkter
    decision_controller   jäv, omröstning, reservationer
    bilaga_controller     bilagor of the § and of the meeting
    attendance_controller närvaro and the meeting's officers
    search_controller     full-text search in all protocols
    uppdrag_controller    the open uppdrag and uppdrag made from an att-sats

Justering och anslag (a sub-tab)
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from finsam_desktop.ui.context import UiContext

TITLE = "Sammanträden"


def create_tab(ctx: UiContext) -> QWidget:
    from finsam_desktop.ui.sammantraden.tab import SammantradenTab

    return SammantradenTab(ctx)
