"""Verksamhet documents.

lagesrapport_content  The lägesrapport as plain blocks (one source for PDF and .docx).
lagesrapport_pdf      The tagged PDF (PDF/UA-1 and PDF/A-2a) in the accessible pipeline.
lagesrapport_docx     The same blocks as an editable Word file (python-docx).
plan_*                The verksamhetsplan: its content, tagged PDF and .docx.
"""
