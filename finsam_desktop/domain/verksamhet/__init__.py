"""Verksamhet: insatsernas mål och indikatorer, deltagarstatistik (endast antal) och dess import.

indicators     Goals and indicators: target vs actual ("240 (190)"), shares computed from counts and checked.
deltagare_csv  The deltagare CSV export of the national follow-up system: column mapping and all-or-nothing parsing.
masking        Counts 1–4 shown as "<5" in published reports.
"""
