"""Dialogs shared by several tabs.

restore  Restore from a backup in the window: choose the copy, confirm, and the one checked path …
start    First start without a database: create a new förbund, open a file, or open the demo.
"""
