"""The budget area of the reports layer.

pdf   PDF "Budgetuppföljning per DATE" for the styrelse: the follow-up table, a chart per …
xlsx  The budget follow-up as an Excel workbook: one sheet per view, real SUM formulas for …
xlsx_sheets  The workbook's other sheets: budget and plan years, payouts, eget kapital, medlemsavgifter, months.
xlsx_common  Shared number formats, styles, page set-up and sums cached with the program's figure.
"""
