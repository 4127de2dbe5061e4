"""The budget area of the services layer. ``services.budget`` is a :class:`area.BudgetArea`, whose
attributes are the use-case services:

- ``area.py`` – ``BudgetArea``: builds the use-case services below and wires them together.
- ``settings.py`` – ``settings``: the year's medelstilldelning and IB eget kapital, eget kapital limits, goals.
- ``versions.py`` – ``versions``: budgets and their versions (create, revise, fastställ, delete, undo), § choices.
- ``lines.py`` – ``lines``: sections, lines and stated totals of a budget not yet fastställd.
- ``followup.py`` – ``followup``: budgetuppföljning (follow-ups, prognos/utfall per line, the follow-up view).
- ``utfall.py`` – ``utfall``: account mappings, the all-or-nothing utfall import per konto/kostnadsställe (a
  re-import replaces exactly what its file covers), the file's sign convention, undoing the latest import.
- ``periodisation.py`` – ``periodisation``: each budget line's periodisation profile (linear when none).
- ``contributions.py`` – ``contributions``: medlemsavgifter from FK's besked, compared with the budget.
- ``insatser.py`` – ``insatser``: the insatser the förbund finances.
- ``grants.py`` – ``grants``: beviljade medel, their payouts and the payout schedule.
- ``equity.py`` – eget kapital of a year: opening vs the previous year's closing, limits, plan years rolled forward.
- ``exports.py`` – ``exports``: the budget workbook (.xlsx) and the follow-up PDF.
- ``rows.py`` – shared helpers: row → DTO converters, lookups, the fastställd guard, the BudgetDoc builder.
- ``dto.py`` – the plain data the use cases return; ``files.py`` – reading .csv/.xlsx rows;
  ``checks.py`` – ``finsam check`` invariants.
"""
