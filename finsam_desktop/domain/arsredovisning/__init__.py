"""The årsredovisning area of the domain layer (pure Python, Decimal kronor; LKBR 2018:597 and RKR's structure):

- ``figures.py`` – reading a figure as printed (strict digit groups), units (kr/tkr), ``Flag`` and ``FlagList``.
- ``statements.py`` – resultaträkning, balansräkning, kassaflödesanalys: lines, computed sums, printed-sum checks.
- ``drift.py`` – driftredovisning per line class, with one netto and avvikelse sign convention.
- ``noter.py`` – noter: lines per year, Summa, the statement line it explains, intäkter by source.
- ``overview.py`` – five-year overview, balanskravsutredning, god ekonomisk hushållning verdicts (Budget's goals).
- ``document.py`` – the årsredovisning as one object (year, decision date, every part).
- ``kontoplan.py`` – the mapping from Kommun-BAS/BAS accounts to statement lines; statements from account balances.
- ``reconcile.py`` – the reconciliation rules (each a ``Flag`` in Swedish); ``reconcile_parts.py`` – noter,
  driftredovisning and five-year overview rules.
"""
