"""The internkontroll area of the reports layer.

pdf   The styrelse's PDF for intern kontroll: the risk matrix drawn as a picture, the risk …
population_pdf  The stickprov's population analysis (figures, not checked, findings by severity, åtgärder) and
      the open åtgärder from earlier years, as PDF flowables for ``pdf``.
population_xlsx  The "Hela populationen" sheet of the stickprov workbook.
xlsx  Excel exports: the risk table with a legend (riskvärde as a formula, band colours) and …
"""
