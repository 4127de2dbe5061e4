"""The justering area of the services layer: the states of a protocol after the draft, their deadlines, the content
hash, the archived and signed PDFs, anslag, protokollsutdrag, publication copies, "justeras omedelbart" and
corrections.

States (meeting.status): protokoll_utkast → klart_for_justering (locked; reopening needs a reason) → justerat →
anslaget → anslag_nedtaget. Every transition is written to ``justering_event`` (append-only) and the audit log.

``services.justering`` is a :class:`~finsam_desktop.services.justering.area.JusteringArea`; its use cases:

- ``area.py`` — ``JusteringArea``: builds the use-case services below (``services.justering.<use case>.<method>``).
- ``workflow.py`` — ``workflow``: mark_ready (klart för justering), reopen (öppna igen), justera.
- ``status.py`` — ``status``: get (one protocol's deadlines and warnings), overview, events.
- ``anslag.py`` — ``anslag``: post_anslag, take_down, anslag_notice, anslag_pdf, takedown_style, set_takedown_style.
- ``omedelbar.py`` — ``omedelbar``: justera_omedelbart and the extract's anslag, takedown and PDF.
- ``utdrag.py`` — ``utdrag``: utdrag_pdf (protokollsutdrag, registered), list_utdrag.
- ``publication.py`` — ``publication``: publication_pdf (redacted copy for the web).
- ``archive.py`` — ``archive``: the justerat PDF/A (render_justerat), protocol_pdf, sign (PAdES), verify_hashes;
  module functions ``verify_hashes(session)`` (also used by ``finsam check``) and ``role_of``.
- ``corrections.py`` — ``corrections``: add_correction, add_correction_by_reference, corrections.
- ``rows.py`` — shared module functions: lookups raising NotFoundError, state/date checks, the event log, row → DTO.
- ``content.py`` — the canonical content of a protocol (or single §§) hashed at justering.
- ``checks.py`` — ``finsam check`` invariants of the area.
"""
