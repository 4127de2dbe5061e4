"""The årsredovisning area of the services layer. ``services.arsredovisning`` is an :class:`area.ArsredovisningArea`;
its attributes are the use-case services, one module each:

- ``area.py`` – ``ArsredovisningArea``: builds the services below; ``publication(year)`` and ``interim(per)`` (what
  the exports call).
- ``books.py`` – ``BooksService`` (``.books``): SIE 4 import (all or nothing, feeding Budget's utfall in the same
  transaction), typed/pasted balances, a printed report entered figure by figure, antal anställda, removing a year.
- ``mapping.py`` – ``MappingService`` (``.mapping``): the kontoplan mapping (text, standards) and its check.
- ``texts.py`` – ``TextsService`` (``.texts``): the förvaltningsberättelse's sections, pre-filled from the data.
- ``publish.py`` – ``PublicationService`` (``.documents``): the stored years, the ``Publication`` of a year or a
  date with its flags, the signers, deltagarflöden, the adoption (a §, then locked and sealed).
- ``deadlines.py`` – ``DeadlinesService`` (``.deadlines``): the årsredovisning's deadlines as årshjul events.
- ``checks.py`` – the ``finsam check`` invariants (every stored year's reconciliation, the mapping).
- ``build.py`` / ``rows.py`` / ``dto.py`` – in-session helpers (the domain's ``Arsredovisning`` of a stored year, the
  statements per a date; rows, the lock, the mapping in force) and the returned data.
"""
