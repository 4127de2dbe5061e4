"""Shared report machinery: the PDF base (fonts, page furniture), PDF/A, signing, the one workbook writer."""
