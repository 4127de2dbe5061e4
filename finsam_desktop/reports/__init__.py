"""Reports: PDFs (ReportLab), workbooks (openpyxl), calendars (iCalendar) from plain data. No Qt.

arshjul/         The arshjul area of the reports layer.
arsredovisning/  The årsredovisning and delårsrapport (accessible PDF through Typst, .docx) from a Publication.
attest/          The attest area of the reports layer.
budget/          The budget area of the reports layer.
common/          Shared report machinery: the PDF base (fonts, page furniture), PDF/A, signing, the one …
internkontroll/  The internkontroll area of the reports layer.
justering/       The justering area of the reports layer.
sammantraden/    The sammantraden area of the reports layer.
"""
