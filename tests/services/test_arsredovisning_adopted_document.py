"""The adopted årsredovisning is stored whole at the adoption (like a justerat protocol): the export gives those
bytes, a later layout change cannot alter them, raw SQL cannot change them, ``finsam check`` finds tampering, and a
rendering failure leaves the year unadopted."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from datetime import date

import pytest

from finsam_desktop.cli import main
from finsam_desktop.domain.common.errors import ValidationError
from finsam_desktop.services.arsredovisning import publish
from finsam_desktop.services.check import run_checks

#: workspace/demo_workspace on SQLite and PostgreSQL (tests/conftest.py, docs/postgresql.md).
BOTH_ENGINES = True


def _styrelse_item(services, year: int) -> int:
    paragraphs = services.attest.versions.styrelse_paragraphs(since=date(year + 1, 1, 1))
    assert paragraphs, "the demo has styrelse meetings after the year"
    return paragraphs[-1][0]


def _cli_db(demo_workspace, tmp_path):
    path = demo_workspace.path
    demo_workspace.close()
    target = tmp_path / "cli.sqlite"
    shutil.copy(path, target)
    return target


@pytest.mark.sqlite_only  # opens the file itself (sqlite3, copies, --db FILE)
def test_export_gives_the_stored_bytes_even_after_a_layout_change(demo_workspace, tmp_path, monkeypatch, capsys):
    stored = demo_workspace.services.arsredovisning.documents.adopted_document(2025)
    assert stored is not None and stored.data.startswith(b"%PDF")
    assert stored.sha256 == hashlib.sha256(stored.data).hexdigest()
    db = _cli_db(demo_workspace, tmp_path)
    first, second = tmp_path / "a.pdf", tmp_path / "b.pdf"
    assert main(["--db", str(db), "export", "arsredovisning", "--year", "2025", "-o", str(first)]) == 0
    out = capsys.readouterr().out
    assert "(Årsredovisning 2025, Fastställd av styrelsen 2026-03-13, §" in out
    assert f"den fastställda versionen, SHA-256 {stored.sha256}." in out
    # a later layout: the renderer now makes other bytes, but the adopted document is not re-rendered
    monkeypatch.setattr("finsam_desktop.reports.arsredovisning.pdf.compile_pdf", lambda *a, **k: b"%PDF ny layout")
    assert main(["--db", str(db), "export", "arsredovisning", "--year", "2025", "-o", str(second)]) == 0
    assert first.read_bytes() == second.read_bytes() == stored.data
    # the .docx is still made, as an editable copy
    docx = tmp_path / "kopia.docx"
    assert main(["--db", str(db), "export", "arsredovisning", "--year", "2025", "-o", str(docx)]) == 0
    assert "redigerbar kopia" in capsys.readouterr().out


@pytest.mark.sqlite_only  # opens the file itself (sqlite3, copies, --db FILE)
def test_the_stored_document_is_locked_and_tampering_is_found(demo_workspace):
    conn = sqlite3.connect(demo_workspace.path)
    with pytest.raises(sqlite3.IntegrityError, match="låst"):
        conn.execute("UPDATE ar_document SET pdf_data = x'00'")
    with pytest.raises(sqlite3.IntegrityError, match="låst"):
        conn.execute("DELETE FROM ar_document")
    assert run_checks(demo_workspace.services.db) == []
    conn.execute("DROP TRIGGER trg_ar_document_locked_update")
    conn.execute("UPDATE ar_document SET pdf_data = CAST('%PDF förfalskad' AS BLOB)")
    conn.commit()
    conn.close()
    messages = [str(f) for f in run_checks(demo_workspace.services.db)]
    assert any("trg_ar_document_locked_update" in m for m in messages)  # the missing trigger itself
    assert any(
        m.startswith("[Årsredovisning 2025] den sparade fastställda årsredovisningen (PDF) har ändrats")
        for m in messages
    )


def test_a_rendering_failure_leaves_the_year_unadopted(demo_services, monkeypatch):
    ar = demo_services.arsredovisning
    item = _styrelse_item(demo_services, 2024)

    def broken(_pub, created=None):
        raise ValidationError("PDF:en kunde inte skapas.")

    monkeypatch.setattr(publish, "arsredovisning_pdf", broken)
    with pytest.raises(ValidationError, match="PDF:en kunde inte skapas"):
        ar.documents.adopt(2024, item)
    assert not ar.documents.years(2024)[0].adopted
    assert ar.documents.adopted_document(2024) is None
    ar.books.set_anstallda(2024, None)  # still a draft: its books can change
    monkeypatch.undo()
    summary = ar.documents.adopt(2024, item)
    assert summary.adopted
    stored = ar.documents.adopted_document(2024)
    assert stored is not None and stored.adopted_text == summary.adopted_text
    assert stored.data.startswith(b"%PDF") and stored.sha256 == hashlib.sha256(stored.data).hexdigest()
    # the demo has no styrelse meeting in early 2025, so check says the adoption is late; nothing else
    assert [f.message for f in run_checks(demo_services.db)] == [
        f"Beslutad av styrelsen {stored.adopted_text[:10]}: datumet ligger efter 2025-03-31: styrelsen ska "
        "upprätta årsredovisningen inom tre månader."
    ]


def _arshjul_arsredovisning(services, year: int):
    events = {e.id for e in services.arshjul.events.list_events(year) if e.template_key == "arsredovisning"}
    return [o for o in services.arshjul.view.occurrences(year) if o.event_id in events]


def test_the_adoption_marks_the_arshjul_deadline_done(demo_services):
    from finsam_desktop.domain.arshjul.overrides import Status

    [done] = _arshjul_arsredovisning(demo_services, 2026)  # the demo adopted 2025 in March 2026
    adopted = demo_services.arsredovisning.documents.years(2025)[0].adopted_text
    assert (done.status, done.occurrence_note) == (Status.KLAR, f"Fastställd av styrelsen {adopted}")
    demo_services.arshjul.standard.create_year(2025)
    [open_] = _arshjul_arsredovisning(demo_services, 2025)  # 2024 is not adopted: still planned
    assert open_.status is Status.PLANERAD and open_.date.isoformat() == "2025-03-31"
    demo_services.arsredovisning.documents.adopt(2024, _styrelse_item(demo_services, 2024))
    [now] = _arshjul_arsredovisning(demo_services, 2025)
    assert now.status is Status.KLAR and now.occurrence_note.startswith("Fastställd av styrelsen 20")
