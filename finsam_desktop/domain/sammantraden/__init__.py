"""The sammantraden area of the domain layer: pure rules and the frozen data objects the services return.

Modules (by concept; nothing here touches the database):
- ``kinds.py``     — meeting status (and which are locked), meeting type, item kind, attendance role, jäv kind,
  uppdrag status, röst.
- ``meetings.py``  — data objects of a meeting: organ, summary, detail, kallelse result, search hit.
- ``items.py``     — data objects of a dagordning item (§): att-satser, delpunkter, jäv notes, votes, reservationer,
  bilagor, attendees, uppdrag, phrases, a deleted item kept for undo.
- ``quorum.py``    — beslutförhet (who counts, whether enough ledamöter are present).
- ``numbering.py`` — the continuous § series of an organ's year.
- ``bilagor.py``   — bilaga numbers, references and the tokens in § text.
- ``jav.py``       — jäv proposals and warnings.
- ``texts.py``     — standard protocol texts (justerare, föregående protokoll, beslut headings, att-satser, dates).
"""
