"""The Förbundet dialog's controller: the slots that change data. Each is one ForbundService call (one transaction)
pushed on the dialog's undo stack, so Ångra/Gör om (Ctrl+Z / Ctrl+Shift+Z) work for all of it while it is open."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from finsam_desktop.domain.common.errors import FinsamError
from finsam_desktop.domain.organisation.model import Forbund, Mandate, Member, Person
from finsam_desktop.ui.widgets.undo import perform

if TYPE_CHECKING:
    from finsam_desktop.ui.organisation.forbund_dialog import ForbundDialog


class ForbundController:
    """Saves the förbund and adds, changes and removes members, persons and mandates, with undo."""

    def __init__(self, dialog: ForbundDialog):
        self.dialog = dialog

    def _changed(self, force_forbund: bool = False) -> None:
        self.dialog.refresh(force_forbund=force_forbund)
        self.dialog.ctx.events.forbund_changed.emit()

    def _undo_failed(self, exc: Exception) -> None:
        self.dialog.show_message(f"Kunde inte ångra/göra om: {exc}", error=True)

    def _do(self, text: str, action, undo, redo, force_forbund: bool = False):
        if self.dialog.read_only:
            raise FinsamError("Filen är öppen skrivskyddad.")
        result = perform(
            self.dialog.undo_stack,
            text,
            action,
            undo,
            redo,
            on_changed=lambda: self._changed(force_forbund),
            on_error=self._undo_failed,
        )
        self.dialog.show_message(f"{text}. Ctrl+Z ångrar.")
        return result

    # --- operations (each one service call = one transaction) ------------------------------
    def save_forbund(self, new: Forbund) -> Forbund:
        svc = self.dialog.services.forbund
        old = svc.get()
        return self._do(
            "Ändra förbundets uppgifter",
            lambda: svc.update(new),
            undo=lambda _saved: svc.update(old),
            redo=lambda saved: svc.update(saved),
            force_forbund=True,
        )

    def _add(self, noun: str, obj, save, remove, label: Callable[[Any], str]):
        return self._do(
            f"Lägg till {noun} ”{label(obj)}”",
            lambda: save(obj),
            undo=lambda saved: remove(saved.id),
            redo=lambda saved: save(saved),
        )

    def _edit(self, noun: str, old, new, save, label: Callable[[Any], str]):
        return self._do(
            f"Ändra {noun} ”{label(new)}”",
            lambda: save(new),
            undo=lambda _saved: save(old),
            redo=lambda saved: save(saved),
        )

    def _remove(self, noun: str, obj, save, remove, label: str) -> None:
        try:
            self._do(
                f"Ta bort {noun} ”{label}”",
                lambda: remove(obj.id),
                undo=lambda removed: save(removed),
                redo=lambda removed: remove(removed.id),
            )
        except FinsamError as exc:
            self.dialog.show_message(str(exc), error=True)

    def add_member(self, member: Member) -> Member:
        svc = self.dialog.services.forbund
        return self._add("medlem", member, svc.save_member, svc.remove_member, lambda m: m.namn)

    def edit_member(self, old: Member, new: Member) -> Member:
        svc = self.dialog.services.forbund
        return self._edit("medlem", old, new, svc.save_member, lambda m: m.namn)

    def remove_member(self, member: Member) -> None:
        svc = self.dialog.services.forbund
        self._remove("medlem", member, svc.save_member, svc.remove_member, member.namn)

    def add_person(self, person: Person) -> Person:
        svc = self.dialog.services.forbund
        return self._add("person", person, svc.save_person, svc.remove_person, lambda p: p.namn)

    def edit_person(self, old: Person, new: Person) -> Person:
        svc = self.dialog.services.forbund
        return self._edit("person", old, new, svc.save_person, lambda p: p.namn)

    def remove_person(self, person: Person) -> None:
        svc = self.dialog.services.forbund
        self._remove("person", person, svc.save_person, svc.remove_person, person.namn)

    def _mandate_label(self, m: Mandate) -> str:
        person = self.dialog.snapshot.person(m.person_id) if self.dialog.snapshot else None
        return f"{person.namn if person else m.person_id}, {m.role.label.lower()}"

    def add_mandate(self, mandate: Mandate) -> Mandate:
        svc = self.dialog.services.forbund
        return self._add("uppdrag", mandate, svc.save_mandate, svc.remove_mandate, self._mandate_label)

    def edit_mandate(self, old: Mandate, new: Mandate) -> Mandate:
        svc = self.dialog.services.forbund
        return self._edit("uppdrag", old, new, svc.save_mandate, self._mandate_label)

    def remove_mandate(self, mandate: Mandate) -> None:
        svc = self.dialog.services.forbund
        self._remove("uppdrag", mandate, svc.save_mandate, svc.remove_mandate, self._mandate_label(mandate))
