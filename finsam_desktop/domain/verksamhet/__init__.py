"""Verksamhet: insatser and their follow-up.

richtext       Syfte/Mål text with lists and emphasis, stored as plain markup.
personal       Staffing rows against the FTE total an insats states.
indicators     Goals and indicators: target vs actual ("240 (190)"), shares computed from counts and checked.
deltagare_csv  The deltagare CSV export of the national follow-up system: column mapping and all-or-nothing parsing.
masking        Counts 1–4 shown as "<5" in published reports.
aktiviteter    Forum, frukostmöten, utbildningar with participants per member; "6/5 2st".
lagesrapport   The lägesrapport per period as plain data: per-member table, uppdrag, goals, ekonomi in tkr.
"""
