"""The budget area of the domain layer (pure Python, Decimal kronor; ``None`` means "not yet known"):

- ``lines.py`` – sections, lines with varav rows, stated totals, measures, öre rounding and percent text.
- ``plan.py`` – totals of the budget year and the two plan years; the document's stated-vs-computed checks.
- ``followup.py`` – budgetuppföljning: periodised prognos, follow-up rows and figures, avvikelser.
- ``equity.py`` – goals: share to individinriktade insatser, eget kapital against the förbund's limits.
- ``presentation.py`` – how figures are shown: percentages on tiny bases, good or bad deviations, redundant Summa
  rows, plan years by year, kr or tkr, sums with signs (one function each for the tab, PDF, workbook and CLI).
- ``contributions.py`` – medlemsavgifter: each member's share of the statlig medelstilldelning.
- ``insatser.py`` – insatser: statuses, payout rules and payout schedules of beviljade medel.
- ``utfall_import.py`` – parsing and mapping an utfall export (konto, period, belopp).
- ``utfall_batches.py`` – what an import covers and replaces (per month, konto, kostnadsställe), sign convention.
- ``periodisation.py`` – periodised budget: linear or a line's profile (quarterly, named months, percentages …).
"""
