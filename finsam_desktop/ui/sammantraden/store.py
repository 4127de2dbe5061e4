"""Plain-Python access to the meetings service for the tab: id remapping and field saves.

Undo can delete and re-create records (a removed att-sats, delpunkt or närvarorad comes back with a new id; a
removed § comes back with its own ids unless one was taken meanwhile); commands keep the id the record had when
they were made and resolve it here. Nothing in this module holds a Qt object, so the autosave
flush that runs while the tab is being destroyed can use it safely.
"""

from __future__ import annotations

from collections.abc import Hashable

#: What ``SammantradenTab._run`` returns when the service refused (the error was shown).
FAILED = object()


class MeetingStore:
    def __init__(self, ctx):
        self._ctx = ctx
        self._remap: dict[tuple[str, int], int] = {}

    @property
    def svc(self):
        return self._ctx.services.meetings

    # --- ids -----------------------------------------------------------------------------------
    def resolve(self, kind: str, record_id: int) -> int:
        seen = set()
        key = (kind, record_id)
        while key in self._remap and key not in seen:
            seen.add(key)
            key = (kind, self._remap[key])
        return key[1]

    def remap(self, kind: str, old_id: int, new_id: int) -> None:
        if old_id != new_id:
            self._remap[(kind, old_id)] = new_id

    def canonical(self, kind: str, current_id: int) -> int:
        """The oldest id that resolves to ``current_id`` (what long-lived keys use)."""
        for (k, old), _new in self._remap.items():
            if k == kind and old != current_id and self.resolve(kind, old) == current_id:
                return self.canonical(kind, old)
        return current_id

    # --- text fields (autosave) ----------------------------------------------------------------
    def save_field(self, key: Hashable, text: str, expected: str | None = None) -> None:
        """Save one field; ``expected`` is the text the editor last loaded or saved there. If another user has
        changed it since, the service refuses (``ConcurrentEditError``) and the typed text stays in the editor."""
        kind = key[0]
        svc = self.svc
        if kind == "item":
            _, item_id, field = key
            iid = self.resolve("item", item_id)
            if field == "rubrik":
                svc.agenda.update_item_rubrik(iid, text, expected)
            elif field == "text":
                svc.agenda.update_paragraph_text(iid, text, expected)
            elif field == "utgar_motivering":
                item = svc.agenda.get_item(iid)
                if item.utgar:
                    svc.agenda.strike_item(iid, text)
            else:
                svc.agenda.update_item_field(iid, field, text, expected)
        elif kind == "clause":
            svc.paragraphs.update_clause_text(self.resolve("clause", key[1]), text, expected)
        elif kind == "part":
            _, part_id, field = key
            svc.paragraphs.update_part(self.resolve("part", part_id), **{field: text}, expected=expected)
        else:  # pragma: no cover - a programming error
            raise ValueError(f"unknown field key {key!r}")

    def autosave_fn(self, committed: dict):
        """``save(key, text)`` for the autosaver: the base of each save is ``committed[key]``, the text last
        loaded or saved (a plain dict, so the flush on destruction needs no Qt object)."""
        return lambda key, text: self.save_field(key, text, committed.get(key))
