"""The internkontroll area of the services layer. ``services.internkontroll`` is an ``InternkontrollArea``
(``area.py``) whose attributes are the use cases:

- ``area.py``: ``InternkontrollArea``, which builds the use-case services and hands them to each other;
- ``risk.py``: ``RiskAnalysisService`` — matrix settings, risk analyses, risks, adoption, versions, comparison;
- ``kontrollplan.py``: ``KontrollplanService`` — the kontrollplan, its controls, adoption, versions, status;
- ``lookups.py``: ``LookupsService`` — styrelse paragraphs ("antagen vid §") and role holders on a day;
- ``stickprov.py``: ``StickprovService`` — file import and mapping, the draw, the attest check, stored stickprov;
- ``granskning.py``: ``GranskningService`` — review of each item, suggested conclusion, the granskning record;
- ``population_store.py``: the population report stored with a stickprov and read back with its åtgärder;
- ``atgarder.py``: ``AtgardService`` — the åtgärd per population finding, the open and försenade ones;
- ``exports.py``: ``ExportsService`` — the styrelse report (PDF) and the Excel exports;
- ``dto.py``: the data objects the use cases return and the area's setting keys;
- ``rows.py``: shared helpers (row → DTO converters, content digests, lookups inside a session);
- ``checks.py``: the ``finsam check`` invariants of the area.
"""
