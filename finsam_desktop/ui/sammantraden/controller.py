"""The base of the Sammanträden tab's controllers.

A controller holds the slots of one part of the tab: it calls the meetings service and updates the views. It
reaches the views, the shared state (the selected meeting ``detail``, the § in the editor ``item_id``, the id
``store``) and the command helpers (``_push``, ``_run``, ``_error``, ``_status``, ``_changed``) through ``tab``,
and the other controllers through their attributes on ``tab`` (``tab.meeting_loader``, ``tab.agenda_ctl`` …).
"""

from __future__ import annotations


class TabController:
    """One part of the Sammanträden tab's behaviour; ``tab`` is the ``SammantradenTab`` it belongs to."""

    def __init__(self, tab) -> None:
        self.tab = tab
        self.ctx = tab.ctx

    @property
    def svc(self):
        return self.ctx.services.meetings
