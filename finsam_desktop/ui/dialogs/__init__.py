"""Dialogs shared by several tabs."""
