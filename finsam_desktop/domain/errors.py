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


class ImmutableRecordError(FinsamError):
    """An attempt to change something that has been decided (justerat, fastställt)."""


class NotFoundError(FinsamError):
    """A record the user asked for does not exist."""
