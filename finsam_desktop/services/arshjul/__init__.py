"""The arshjul area of the services layer. ``services.arshjul`` is an :class:`area.ArshjulArea`; its
attributes are the use-case services, one module each:

- ``area.py`` – ``ArshjulArea``: builds the use-case services below and hands them their collaborators.
- ``view.py`` – ``YearViewService`` (``.view``): years, the year view (wheel, agenda, table, kommande 30
  dagar), occurrences in a period, the wheel's start month.
- ``categories.py`` – ``CategoriesService`` (``.categories``): the wheel's rings.
- ``events.py`` – ``EventsService`` (``.events``): save/delete/restore events; status, notes and moves
  of single occurrences; "markera passerade som klara" and their undo.
- ``standard.py`` – ``StandardYearService`` (``.standard``): the standard year (template), its conditions,
  "Skapa årshjul för ÅÅÅÅ".
- ``plan.py`` – ``PlanService`` (``.plan``): the sammanträdesplan (propose, create with its deadline rules)
  and moving a meeting.
- ``importer.py`` – ``CalendarImporter`` (``.imports``): importing a list ``datum;organ;typ;beskrivning``.
- ``exports.py`` – ``ExportsService`` (``.exports``): iCalendar, PDF poster, Excel.
- ``ports.py`` – ``OccurrenceSource``: the port through which higher areas (Verksamhet's aktiviteter) add
  occurrences to the year view; the service container wires it.
- ``checks.py`` – the ``finsam check`` invariants for the årshjul.
- ``rows.py`` / ``reads.py`` / ``writes.py`` – shared private helpers (row → DTO converters and settings;
  queries and the year's expansion; event and occurrence-change writes) used inside one session.
"""
