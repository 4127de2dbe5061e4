"""PySide6 user interface: the main window, one subpackage per tab, shared widgets, dialogs."""
