"""Dialogs of the Årshjul tab, one module each:

- ``event.py`` – ``EventDialog``: edit an event series (date, recurrence or relative date, link, responsible).
- ``recurrence.py`` – ``RecurrenceEditor``: the recurrence part of the event dialog.
- ``occurrence.py`` – ``OccurrenceDialog``: one occurrence (status, moved date, note for this time).
- ``plan.py`` – ``PlanDialog``: the sammanträdesplan's dates, pasted or proposed.
- ``categories.py`` – ``CategoriesDialog``: rename and recolour the rings.
- ``common.py`` – shared helpers: ``enum_value``, ``time_edit``, ``ask_year``, ``show_error``.
"""
