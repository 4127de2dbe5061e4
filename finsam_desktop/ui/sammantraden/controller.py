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

    def push_replacing_children(self, label: str, item_id: int, children, apply, remove, restore=None) -> None:
        """An undoable command that lets the service change the rows under a § (att-satser from the förslag, jäv
        from the proposals): ``apply(item_id)`` returns the § after the change and ``children(item)`` lists the §'s
        rows of that kind. Undo removes the rows the command added (``remove(row_id)``) and puts back the rows it
        replaced (``restore(item_id, row)``), in their order."""
        box: dict = {}

        def current(iid):
            return self.svc.agenda.get_item(self.tab.store.resolve("item", iid))

        def redo():
            before = list(children(current(item_id)))
            after = apply(self.tab.store.resolve("item", item_id))
            # Compared as whole rows, not by id: SQLite gives a deleted row's id to the next insert.
            now = list(children(after))
            box["new"] = [c.id for c in now if c not in before]
            box["gone"] = [c for c in before if c not in now]

        def undo():
            for row_id in box.get("new", []):
                remove(row_id)
            if restore is not None:
                for row in box.get("gone", []):
                    restore(self.tab.store.resolve("item", item_id), row)

        self.tab._push(label, redo, undo, select=lambda: self.tab.store.resolve("item", item_id))
