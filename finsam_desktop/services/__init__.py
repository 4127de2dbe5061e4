"""Use cases: one method = one user action = one transaction. The only way to the data."""

from finsam_desktop.services.container import Services

__all__ = ["Services"]
