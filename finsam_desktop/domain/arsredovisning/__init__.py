"""The årsredovisning area of the domain layer (pure Python):

- ``sie_model.py``: the content of an SIE file as frozen data (accounts, dimensions, objects, balances,
  verifikationer) and ``SieError``, which refuses a file with every problem by line;
- ``sie_lexer.py``: bytes to lines and fields: CP437 "PC8" or UTF-8, line ends, quotes, ``{}`` object lists;
- ``sie.py``: ``parse_sie``: the records into an ``SieFile``, all or nothing;
- ``sie_checks.py``: the strict checks (verifikationer balance, UB = IB + movements, RES, #PSALDO, dates, #KSUMMA
  is checked while reading) and the remarks that do not refuse a file;
- ``sie_figures.py``: derived figures: balances per account at year end and per month, utfall per kostnadsställe,
  konto and month (the shape Budget's utfall import takes);
- ``sie_generate.py``: a deterministic generator of a samordningsförbund's year as an SIE 4E file (demo, benchmark).
"""
