"""PySide6 user interface: the main window, one subpackage per tab, shared widgets, dialogs."""

from finsam_desktop.ui.pyside_compat import protect_none

# Before any widget exists: see pyside_compat (PySide6 6.12.0 on Python 3.11 aborts otherwise).
protect_none()
