"""The årsredovisning area of the domain layer (pure Python, Decimal kronor; LKBR 2018:597 and RKR's structure):

The books (SIE 4):

- ``sie_model.py``: the content of an SIE file as frozen data (accounts, dimensions, objects, balances,
  verifikationer) and ``SieError``, which refuses a file with every problem by line;
- ``sie_lexer.py``: bytes to lines and fields: CP437 "PC8" or UTF-8, line ends, quotes, ``{}`` object lists;
- ``sie.py``: ``parse_sie``: the records into an ``SieFile``, all or nothing;
- ``sie_checks.py``: the strict checks (verifikationer balance, UB = IB + movements, RES, #PSALDO, dates, #KSUMMA
  is checked while reading) and the remarks that do not refuse a file;
- ``sie_figures.py``: derived figures: balances per account at year end and per month, utfall per kostnadsställe,
  konto and month (the shape Budget's utfall import takes);
- ``sie_generate.py``: a deterministic generator of a samordningsförbund's year as an SIE 4E file (demo, benchmark),
  years chained by their closing balances.

The report and its reconciliation:

- ``figures.py``: reading a figure as printed (strict digit groups), units (kr/tkr), ``Flag`` and ``FlagList``;
- ``statements.py``: resultaträkning, balansräkning, kassaflödesanalys: lines, computed sums, printed-sum checks;
- ``drift.py``: driftredovisning per line class, with one netto and avvikelse sign convention;
- ``noter.py``: noter: lines per year, Summa, the statement line it explains, intäkter by source;
- ``overview.py``: five-year overview, balanskravsutredning, god ekonomisk hushållning verdicts (Budget's goals);
- ``document.py``: the årsredovisning as one object (year, decision date, every part);
- ``publication.py``: what a published årsredovisning/delårsrapport shows, as plain data (figures, texts, signers);
- ``kontoplan.py``: the mapping from Kommun-BAS/BAS accounts to statement lines; statements from account balances;
- ``printed.py``: a printed årsredovisning entered as plain (JSON-ready) data, and its ``Arsredovisning``;
- ``deadlines.py``: the årsredovisning's deadlines as årshjul events (31 March by rule, the rest as settings);
- ``reconcile.py``: the reconciliation rules (each a ``Flag`` in Swedish); ``reconcile_parts.py``: noter,
  driftredovisning and five-year overview rules.
"""
