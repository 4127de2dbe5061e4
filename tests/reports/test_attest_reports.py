"""Attest-area documents read back: attestordning text and table, draft watermark, the register's
Excel sum formula, and adoption at a real styrelse § naming it in the documents."""

from __future__ import annotations

import io
from datetime import date

from openpyxl import load_workbook
from pypdf import PdfReader

from finsam_desktop.domain.attest.rules import KIND_ATTEST
from finsam_desktop.persistence.models import AgendaItem, MeetingRow


def _text(pdf: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())


def test_attestordning_pdf_and_excel(demo_services):
    att = demo_services.attest
    v = att.versions.version_in_force(KIND_ATTEST, date(2026, 6, 1))
    text = _text(att.exports.export_attestordning(v.id))
    for needle in (
        "Attest- och utanordningsinstruktion 2026",
        "Begränsning",
        "4. Attest- och utanordningsrätt",
        "Generell attesträtt",
        "Signering ska göras av två i förening",
        "Ekonomiservice, Ådalens kommun",
        "Antagen Styrelsen",
    ):
        assert needle in text, needle
    assert "UTKAST" not in text
    draft = next(x for x in att.versions.list_versions(KIND_ATTEST) if not x.adopted)
    assert "UTKAST" in _text(att.exports.export_attestordning(draft.id))
    ws = load_workbook(io.BytesIO(att.exports.export_attestordning(v.id, "xlsx"))).active
    assert ws.freeze_panes is not None and ws.page_setup.orientation == "landscape"
    assert any(c.value == 50000 and "kr" in c.number_format for row in ws.iter_rows() for c in row)


def test_register_excel_sums_with_a_formula(demo_services):
    data = demo_services.attest.exports.export_register(2026, "xlsx")
    ws = load_workbook(io.BytesIO(data)).active
    sums = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str) and c.value.startswith("=SUM(F")]
    assert len(sums) == 1
    assert "Delegationsbeslut 2026" in _text(demo_services.attest.exports.export_register(2026, "pdf"))


def test_adopted_at_a_styrelse_paragraph(services):
    att = services.attest
    with services.db.session() as s:
        m = MeetingRow(organ_id=1, datum=date(2022, 11, 25), status="planerat")
        s.add(m)
        s.flush()
        item = AgendaItem(
            meeting_id=m.id,
            position=1,
            paragraph_number=129,
            rubrik="Attest- och utanordningsinstruktion",
            kind="beslut",
        )
        s.add(item)
        s.flush()
        item_id = item.id
    from finsam_desktop.domain.attest.rules import AttestRow, AttestType, Party
    from finsam_desktop.domain.organisation.model import Role

    v = att.versions.create_version(
        KIND_ATTEST, "Attest- och utanordningsinstruktion 2023", date(2023, 1, 1), date(2023, 12, 31)
    )
    att.rows.save_attest_row(
        v.id, AttestRow(0, 0, AttestType.BESLUTSATTEST, "Generell attesträtt", Party.of_role(Role.ORDFORANDE))
    )
    adopted = att.versions.adopt_version(v.id, agenda_item_id=item_id)
    assert adopted.adopted_text == "Styrelsen 2022-11-25 § 129" and adopted.adopted_on == date(2022, 11, 25)
    assert ("Styrelsen 2022-11-25 § 129 Attest- och utanordningsinstruktion") in [
        t for _i, t in att.versions.styrelse_paragraphs()
    ]
    sig = att.attestants.signature_list(adopted.id)
    assert sig.stamp == "221125" and not sig.draft
