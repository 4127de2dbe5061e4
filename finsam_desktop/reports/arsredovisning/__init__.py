"""The årsredovisning area of the reports layer: the årsredovisning and delårsrapport from a ``Publication``.

content   The publication as one list of plain blocks in RKR's order (the PDF and the .docx lay out the same list).
tables    Statements, driftredovisning, noter, five-year overview, balanskrav, goals, deltagarflöden, flags as tables.
pdf       ``arsredovisning_pdf``: the tagged PDF (PDF/UA-1 + PDF/A-2a) through the Typst pipeline.
docx      ``arsredovisning_docx``: the same content as a Word document for the förbundschef to finish the prose.
"""
