"""The internkontroll area of the services layer."""
