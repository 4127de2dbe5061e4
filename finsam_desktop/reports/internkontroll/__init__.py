"""The internkontroll area of the reports layer."""
