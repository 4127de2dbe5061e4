"""The internkontroll area of the domain layer."""
