"""The archived justerat PDF carries the content hash; signing keeps it under the signature, renews the justering
record's hash, and a swapped archive PDF is caught."""

from __future__ import annotations

import sqlite3

from sqlalchemy import select

from finsam_desktop.persistence.models.justering import ProtocolJusteringRow
from finsam_desktop.reports.common.pdfa import embedded_content_hash
from finsam_desktop.reports.common.signing import create_pkcs12_identity
from finsam_desktop.services.check import run_checks


def _first_justerat(services) -> ProtocolJusteringRow:
    with services.db.session() as s:
        return s.scalars(
            select(ProtocolJusteringRow)
            .where(ProtocolJusteringRow.content_sha256.is_not(None))
            .order_by(ProtocolJusteringRow.id)
        ).first()


def test_signed_protocol_keeps_its_hash_and_a_swapped_archive_is_found(demo_services):
    rec = _first_justerat(demo_services)
    assert embedded_content_hash(bytes(rec.justerat_pdf)) == rec.content_sha256
    p12, _, _ = create_pkcs12_identity("Karin Lindqvist", "pw")
    demo_services.justering.archive.sign(rec.meeting_id, p12, "pw", "Ordförande")
    signed = _first_justerat(demo_services)
    assert signed.signers and signed.record_sha256 != rec.record_sha256
    assert embedded_content_hash(bytes(signed.signed_pdf)) == rec.content_sha256
    assert run_checks(demo_services.db) == []

    # Swap the unsigned archive copy for another protocol's PDF (hashes recomputed as the app would).
    with demo_services.db.session() as s:
        other = bytes(
            s.scalars(
                select(ProtocolJusteringRow.justerat_pdf).where(
                    ProtocolJusteringRow.content_sha256.is_not(None), ProtocolJusteringRow.id != signed.id
                )
            ).first()
        )
    import hashlib

    from finsam_desktop.persistence import integrity

    con = sqlite3.connect(demo_services.db.path)
    con.execute("DROP TRIGGER trg_protocol_justering_update")
    con.execute(
        "UPDATE protocol_justering SET justerat_pdf = ?, justerat_pdf_sha256 = ? WHERE id = ?",
        (other, hashlib.sha256(other).hexdigest(), signed.id),
    )
    con.commit()
    con.close()
    with demo_services.db.engine.begin() as conn:
        digest = integrity.justering_record_hash(conn, "protocol_justering", signed.id)
        conn.exec_driver_sql(f"UPDATE protocol_justering SET record_sha256 = '{digest}' WHERE id = {signed.id}")
    messages = [f.message for f in run_checks(demo_services.db)]
    assert any("bygger inte på den arkiverade PDF:en" in m for m in messages), messages
    assert any("stämmer inte med det justerade dokumentet" in m for m in messages), messages
