"""The arshjul area of the domain layer (pure Python), by concept:

- ``recurrence.py`` – ``Recurrence`` rules (every month, last weekday, ISO week N …) and their JSON form.
- ``legal.py`` – ``Adjust`` (moving generated dates off weekends and holidays) and the legal deadlines
  (``LegalRule``, ``legal_date``) counted from a meeting.
- ``events.py`` – event series (``EventDef``): fixed, recurring or ``Relative`` dates; ``Link``, ``Category``.
- ``overrides.py`` – ``Status`` and ``OccurrenceOverride``: what was changed for one occurrence only.
- ``occurrences.py`` – ``expand_year``: series and meetings (``MeetingInfo``) into dated ``Occurrence``s;
  ``check_cycles``; ``YearView``, all one year's views need.
- ``template.py`` – the standard year (JSON template) and building a year from it; the import list parser.
- ``plan.py`` – the sammanträdesplan as pasted text (``PlanEntry``, ``parse_plan``).
- ``wheel.py`` – geometry of the wheel (bands, marks), shared by the UI and the PDF poster.

Generated dates (recurrences, relative and template dates) move to the closest earlier working day unless
the event says otherwise; dates a person typed are kept and flagged when they fall on a weekend or holiday.
"""
