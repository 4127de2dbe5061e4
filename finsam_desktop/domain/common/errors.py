"""Errors raised for bad input. Messages are Swedish and meant for the user."""

from __future__ import annotations


class FinsamError(Exception):
    """Base class for errors the user should read."""


class ValidationError(FinsamError):
    """Input that breaks a rule. ``field`` names where (a field label or a row)."""

    def __init__(self, message: str, field: str | None = None):
        self.field = field
        super().__init__(f"{field}: {message}" if field else message)
        self.message = message


def clip(text: object, limit: int = 60) -> str:
    """``text`` as it may be quoted in a message: on one line, at most ``limit`` characters (``…`` marks a cut)."""
    raw = str(text)
    flat = " ".join(raw[: 4 * limit].split())
    if len(flat) <= limit and len(raw) <= 4 * limit:
        return flat
    return flat[: limit - 1].rstrip() + "…"


class ImmutableRecordError(FinsamError):
    """An attempt to change something that has been decided (justerat, fastställt)."""


class PermissionDeniedError(FinsamError):
    """A change the user's database role may not make (a server database's roles, docs/postgresql.md)."""


class NotFoundError(FinsamError):
    """A record the user asked for does not exist."""


class ConcurrentEditError(FinsamError):
    """Someone else saved the record after this user opened it (optimistic locking on a shared database):
    nothing was saved, and the user's own text is kept where it was typed."""


class ConnectionLostError(FinsamError):
    """The database server cannot be reached (a laptop off the network, the server restarting). Nothing of the
    transaction was saved; what the user typed is kept in the editor and saved when the server answers again."""
