"""The årsredovisning as .docx (python-docx), the same blocks as the PDF, so the förbundschef can finish the prose in
Word: real heading styles (Rubrik 1–3 in a Swedish Word), tables whose header row repeats on every page, page
numbers in the footer and a table of contents field (Word fills it in when the document is opened or F9 pressed).
"""

from __future__ import annotations

from docx.shared import Pt

from finsam_desktop.domain.arsredovisning.publication import Publication
from finsam_desktop.reports.arsredovisning.content import document
from finsam_desktop.reports.common.typst_blocks import Signatures
from finsam_desktop.reports.common.word import docx_bytes


def arsredovisning_docx(pub: Publication) -> bytes:
    doc_blocks = document(pub)
    return docx_bytes(doc_blocks.title, pub.forbund, doc_blocks.blocks, {Signatures: _signatures})


def _signatures(word, block: Signatures) -> None:
    word.add_paragraph(block.intro)
    table = word.add_table(rows=0, cols=2)
    signers = list(block.signers)
    for i in range(0, len(signers), 2):
        cells = table.add_row().cells
        for cell, signer in zip(cells, signers[i : i + 2]):
            p = cell.paragraphs[0]
            p.add_run(f"{block.place_line}: ____________________").font.size = Pt(8)
            cell.add_paragraph()
            cell.add_paragraph("______________________________")
            cell.add_paragraph(signer.namn)
            role = signer.roll + (f", {signer.organisation}" if signer.organisation else "")
            cell.add_paragraph(role).runs[0].font.size = Pt(8.5)
            cell.add_paragraph()
