"""The internkontroll area of the domain layer (pure Python):

- ``risk.py``: risks, the risk matrix and its settings, comparison with last year, content digests;
- ``kontrollplan.py``: plan rows (controls), their method and status, generation from the risk analysis;
- ``stickprov_mapping.py``: the fields of a verifikationslista, the guessed column mapping and its validation;
- ``stickprov_import.py``: reading a file into a raw table and parsing it, all or nothing, into transactions;
- ``stickprov_cells.py``: the cells of real exports (serial-number dates, names in one attest cell, Summa rows);
- ``stickprov_population.py``: the population filter, the population's stable order and fingerprint;
- ``stickprov_draw.py``: the reproducible draw, the suggested size and a fresh seed;
- ``stickprov_findings.py``: the population analytics' findings, severities, what was not checked;
- ``stickprov_analytics.py``: the whole population checked — attest of every row and the patterns — into the report;
- ``stickprov_patterns.py``: duplicates, same invoice, split purchases, holiday payments, new suppliers, round amounts;
- ``stickprov_review.py``: the reviewers' judgement of each drawn item;
- ``population_text.py``: the population analysis in words (settings, rows, grouping by severity);
- ``atgard.py``: the åtgärd per population finding (who, by when, status), its validation and "försenad".
"""
