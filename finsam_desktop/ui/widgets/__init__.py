"""Shared widgets and table models."""
