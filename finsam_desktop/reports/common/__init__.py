"""Shared report machinery: the PDF base (fonts, page furniture), PDF/A, signing, the one workbook writer.

pdf       Shared PDF building blocks: embedded DejaVu fonts (Swedish characters everywhere), …
pdfa      Turn ReportLab output into PDF/A-2b for the archive (ISO 19005-2, level B).
signing   Digital signing of justerade protocols with pyHanko (PAdES baseline B) and verification.
workbook  The one workbook writer: every cell of every Excel export is written through …
"""
