"""The sammantraden area of the services layer: meetings of the förbund's organs and their protocols.

``services.meetings`` is a ``MeetingsArea`` (``area.py``) whose attributes are the use-case services below; one public
method = one user action = one transaction, returning frozen dataclasses from ``domain/sammantraden``.

Use cases (one class each):
- ``meetings.py``   — ``MeetingsService``: create, list, find, get, update, delete, status, kallelse sent, officers.
- ``agenda.py``     — ``AgendaService``: dagordning items, their order, strike/restore, the template agenda.
- ``paragraphs.py`` — ``ParagraphsService``: att-satser, delpunkter, standard phrases, where a § series starts.
- ``attendance.py`` — ``AttendanceService``: närvaro, tjänstgörande ersättare, beslutförhet.
- ``jav.py``        — ``JavService``: jäv on a § and the proposals.
- ``votes.py``      — ``VotesService``: omröstning and reservationer.
- ``bilagor.py``    — ``BilagorService``: bilagor and the §§ that refer to them.
- ``uppdrag.py``    — ``UppdragService``: uppdrag given in a § and their follow-up.
- ``search.py``     — ``SearchService``: full-text search in the protocols.
- ``documents.py``  — ``DocumentsService``: kallelse and protocol documents and PDFs (and ``protocol_pdf_bytes``).

Shared pieces (module-level functions, no classes):
- ``rows.py``            — lookups that raise NotFoundError, the editable guard, the summary DTO, positions, officers.
- ``context.py``         — ``MeetingCtx`` (a meeting loaded once) and the row → DTO converters, warnings, beslutförhet.
- ``numbering.py``       — continuous § numbering of an organ's year and healing of items other areas inserted.
- ``agenda_template.py`` — the dagordning template and the standard items it creates.
- ``prefill.py``         — prefilling närvaro from the organ's members.
- ``search_index.py``    — the FTS5 index of §§.
- ``checks.py``          — ``finsam check`` invariants.
- ``ports.py``           — what the area asks of areas above it (agenda contributors).
"""
