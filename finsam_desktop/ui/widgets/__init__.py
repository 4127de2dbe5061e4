"""Shared widgets and table models.

background   Run slow work (PDF, Excel, imports) off the UI thread with a busy indication.
date_edit    A date field that shows and accepts ISO dates (``2026-04-01``), with a calendar popup.
empty_state  A centred message for an area that holds nothing yet.
flow_layout  A layout that places widgets left to right and wraps to a new row when the width runs …
table_model  A read-only table model over immutable rows (frozen dataclasses), described by columns.
table_view   The house style for a read-only table: whole rows selected one at a time, no in-place …
undo         Undoable service calls.
"""
