"""Shared report machinery: the PDF base (fonts, page furniture), PDF/A, signing, the one workbook writer.

cells     Table cells that wrap between words and hyphenate Swedish compounds at dictionary points (pyphen) …
pdf       Shared PDF building blocks: embedded DejaVu fonts (Swedish characters everywhere), …
pdfa      Turn ReportLab output into PDF/A-2b for the archive (ISO 19005-2, level B).
typst_blocks  A published document as plain blocks (headings, paragraphs, tables …) that the PDF and .docx lay out.
typst_doc     The accessible pipeline: Typst in process → tagged PDF/UA-1 + PDF/A-2a, our fonts only, data never markup.
signing   Digital signing of justerade protocols with pyHanko (PAdES baseline B) and verification.
workbook  The one workbook writer: every cell of every Excel export is written through …
"""
