"""Optimistic locking: an edit names the version of the record the user saw; if another user saved it since,
the edit is refused with who and when, and nothing is written (issue 17).

A meeting's header and an agenda item (a § with its att-satser and delpunkter) carry ``version``, ``changed_by``
and ``changed_at`` (migration 0019). Only the program's edits raise the version – renumbering and the other
areas' bookkeeping do not – so a § that merely moved does not count as changed by someone else. The check runs
under the writers' lock (``persistence/writers``) after re-reading the row, so two users saving at the same
instant cannot both pass it.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from finsam_desktop import clock
from finsam_desktop.domain.common.errors import ConcurrentEditError
from finsam_desktop.persistence.writers import serialize_writes
from finsam_desktop.services.audit import current_user, database_user


def when_text(at: datetime | None) -> str:
    """ "kl. 14.03" today, "den 2026-12-03 kl. 14.03" another day ("" when unknown)."""
    if at is None:
        return ""
    hhmm = f"kl. {at:%H.%M}"
    return hhmm if at.date() == clock.today() else f"den {at:%Y-%m-%d} {hhmm}"


def conflict_message(what: str, changed_by: str, changed_at: datetime | None) -> str:
    who = changed_by or "Någon annan"
    when = when_text(changed_at)
    return f"{who} ändrade {what}{' ' + when if when else ''} – ladda om. Din ändring har inte sparats."


def same_text(a: str | None, b: str | None) -> bool:
    """Equal as the user sees it: the services strip and capitalise what they store, so compare without case
    and runs of white space."""
    return " ".join((a or "").split()).casefold() == " ".join((b or "").split()).casefold()


def editor_name(s: Session) -> str:
    """Who is editing: the account on this computer, and the database login when it is another name."""
    who, login = current_user(), database_user(s)
    return who if not login or login == who else f"{who} ({login})"


def touch(s: Session, row) -> int:
    """Raise ``row``'s version and stamp who and when (an edit by the program)."""
    row.version = (row.version or 1) + 1
    row.changed_by = editor_name(s)[:100]
    row.changed_at = clock.now()
    return row.version


def _reread(s: Session, row, *fields: str) -> None:
    """Wait for the other writers, then read the row's committed state (READ COMMITTED sees it after the lock)."""
    serialize_writes(s)
    s.refresh(row, ["version", "changed_by", "changed_at", *fields])


def check_and_touch(s: Session, row, expected_version: int | None, what: str) -> int:
    """Refuse the edit if ``row`` is no longer at ``expected_version`` (None: no check, e.g. the CLI and the
    commands that do not overwrite text); else raise its version. Returns the new version."""
    _reread(s, row)
    if expected_version is not None and row.version != expected_version:
        raise ConcurrentEditError(conflict_message(what, row.changed_by, row.changed_at))
    return touch(s, row)


def check_field(s: Session, owner, target, field: str, expected: str | None, what: str) -> int:
    """Autosave of one text field: refuse if ``target.field`` is no longer the text the editor last saw
    (``expected``; None: no check), so a lost update is caught for exactly the field that would be overwritten and
    two users may still write different §§ – or different fields of one § – at once. ``owner`` (the § or the
    meeting) gets the new version and says who changed it when."""
    _reread(s, owner)
    if target is not owner:
        s.refresh(target, [field])
    else:
        s.refresh(owner, [field])
    if expected is not None and not same_text(getattr(target, field), expected):
        raise ConcurrentEditError(conflict_message(what, owner.changed_by, owner.changed_at))
    return touch(s, owner)
