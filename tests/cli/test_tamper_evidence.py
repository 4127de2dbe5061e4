"""Tamper evidence (``finsam check``): raw edits of the demo file with sqlite3 are found and named in Swedish,
the untouched demo is clean, a file without its protection triggers opens read-only, and ``--reparera`` rebuilds
the search index."""

from __future__ import annotations

import shutil
import sqlite3

import pytest

from finsam_desktop.cli import main
from finsam_desktop.persistence import integrity
from finsam_desktop.services.workspace import open_workspace


@pytest.fixture
def demo_db(demo_workspace, tmp_path):
    path = demo_workspace.path
    demo_workspace.close()
    target = tmp_path / "tamper.sqlite"
    shutil.copy(path, target)
    return target


def _raw(path, *statements: str) -> None:
    conn = sqlite3.connect(path)
    for sql in statements:
        conn.execute(sql)
    conn.commit()
    conn.close()


def _check(path, capsys, *extra: str) -> tuple[int, str]:
    capsys.readouterr()
    rc = main(["--db", str(path), "check", *extra])
    return rc, capsys.readouterr().out


def test_untouched_demo_is_clean(demo_db, capsys):
    rc, out = _check(demo_db, capsys)
    assert rc == 0, out
    assert "Inga fel hittades" in out


TAMPERING = {
    "budget_line_plus_a_million": (
        [
            "DROP TRIGGER trg_budget_line_locked_update",
            "UPDATE budget_line SET budget_ore = budget_ore + 100000000 WHERE id = "
            "(SELECT min(l.id) FROM budget_line l JOIN budget b ON b.id = l.budget_id WHERE b.status = 'faststalld')",
        ],
        "Den fastställda budgeten 2026 version 1 har ändrats efter beslutet",
    ),
    "adopted_ordning": (
        [
            "DROP TRIGGER trg_ordning_version_no_update",
            "UPDATE ordning_version SET adress = 'Annan adress' WHERE status = 'antagen' AND id = 1",
        ],
        "Den antagna ordningen",
    ),
    "risk_analysis": (
        [
            "DROP TRIGGER trg_ik_risk_locked_update",
            "UPDATE ik_risk SET sannolikhet = 1 WHERE analysis_id = (SELECT min(id) FROM ik_risk_analysis "
            "WHERE status = 'antagen')",
        ],
        "Den antagna riskanalysen",
    ),
    "reported_delegationsbeslut": (
        [
            "DROP TRIGGER trg_delegation_decision_no_update",
            "UPDATE delegation_decision SET belopp_ore = 1 WHERE anmalt_text <> '' AND id = 1",
        ],
        "Det anmälda delegationsbeslutet",
    ),
    "forged_seal_deleted": (
        ["DROP TRIGGER trg_record_seal_delete", "DELETE FROM record_seal WHERE kind = 'budget'"],
        "saknar kontrollsumma",
    ),
    "audit_row_updated": (
        ["DROP TRIGGER trg_audit_log_update", "UPDATE audit_log SET detail = 'ingenting' WHERE id = 10"],
        "Ändringsloggen, rad 10: har ändrats",
    ),
    "audit_row_deleted": (
        ["DROP TRIGGER trg_audit_log_delete", "DELETE FROM audit_log WHERE id = 10"],
        "Ändringsloggen, rad 11: pekar inte på föregående rad",
    ),
    "justering_event_forged": (
        [
            "INSERT INTO justering_event (meeting_id, from_status, to_status, at, user, reason, prev_hash, row_hash) "
            "SELECT meeting_id, 'anslaget', 'justerat', at, 'någon', '', row_hash, row_hash "
            "FROM justering_event ORDER BY id DESC LIMIT 1",
        ],
        "Justeringsloggen, rad",
    ),
    "justering_forvaringsplats": (
        [
            "DROP TRIGGER trg_protocol_justering_update",
            "UPDATE protocol_justering SET forvaringsplats = 'Någon annanstans' WHERE id = 1",
        ],
        "Justeringsuppgifterna för protokollet",
    ),
    "justering_anslag_av": (
        ["UPDATE protocol_justering SET anslag_av = 'Någon annan' WHERE anslag_av <> '' AND id = 1"],
        "Justeringsuppgifterna för protokollet",
    ),
    "person_renamed_after_justering": (
        ["UPDATE person SET namn = 'Någon Annan' WHERE id = (SELECT person_id FROM meeting_officer LIMIT 1)"],
        "heter nu ”Någon Annan”; namnbytet är inte gjort i programmet",
    ),
    "organ_renamed_after_justering": (
        ["UPDATE organ SET namn = 'Överstyrelsen' WHERE namn = 'Styrelsen'"],
        "Organet (id 1) hette ”Styrelsen”",
    ),
    "fts_emptied": (["DELETE FROM fts_paragraph"], "paragrafer saknas i sökindexet"),
}


@pytest.mark.parametrize("case", sorted(TAMPERING))
def test_raw_tampering_is_found(demo_db, capsys, case):
    statements, expected = TAMPERING[case]
    _raw(demo_db, *statements)
    rc, out = _check(demo_db, capsys)
    assert rc == 1, out
    assert expected in out, out


def test_dropping_all_triggers_is_named_and_the_file_opens_read_only(demo_db, capsys):
    conn = sqlite3.connect(demo_db)
    names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")]
    for name in names:
        conn.execute(f"DROP TRIGGER {name}")
    conn.commit()
    conn.close()
    rc, out = _check(demo_db, capsys)
    assert rc == 1
    assert f"{len(integrity.EXPECTED_TRIGGERS)} av {len(integrity.EXPECTED_TRIGGERS)} skyddstriggrar saknas" in out
    ws = open_workspace(demo_db, auto_backup=False)
    try:
        assert ws.read_only
        assert "öppnades skrivskyddad" in ws.read_only_reason and "skyddstriggrar saknas" in ws.read_only_reason
        assert ws.lock is None
    finally:
        ws.close()
    capsys.readouterr()
    assert main(["--db", str(demo_db), "check", "--reparera"]) == 2
    assert "skyddstriggrar saknas" in capsys.readouterr().err


def test_recomputing_the_protocol_hash_is_caught_by_the_archived_pdf(demo_db, capsys):
    """The unkeyed attack: edit a justerat §, then recompute the content hash and the record hash with the app's
    own functions. The archived PDF still carries the hash of what was justerat."""
    from sqlalchemy import text

    from finsam_desktop.persistence.database import Database
    from finsam_desktop.services.justering.content import hash_of, meeting_content

    _raw(
        demo_db,
        "DROP TRIGGER trg_agenda_item_frozen_update",
        "DROP TRIGGER trg_protocol_justering_update",
        "UPDATE agenda_item SET rubrik = 'Förfalskad rubrik' WHERE id = (SELECT min(a.id) FROM agenda_item a "
        "JOIN protocol_justering p ON p.meeting_id = a.meeting_id WHERE p.content_sha256 IS NOT NULL)",
    )
    db = Database(demo_db)
    try:
        with db.engine.begin() as conn:
            meeting_id = conn.execute(
                text("SELECT meeting_id FROM agenda_item WHERE rubrik = 'Förfalskad rubrik'")
            ).scalar()
        with db.session() as s:
            sha, canonical = hash_of(meeting_content(s, meeting_id))
            s.execute(
                text("UPDATE protocol_justering SET content_sha256 = :h, canonical_json = :c WHERE meeting_id = :m"),
                {"h": sha, "c": canonical, "m": meeting_id},
            )
            rec_id = s.execute(text("SELECT id FROM protocol_justering WHERE meeting_id = :m"), {"m": meeting_id})
            rec_id = rec_id.scalar()
            digest = integrity.justering_record_hash(s.connection(), "protocol_justering", rec_id)
            s.execute(
                text("UPDATE protocol_justering SET record_sha256 = :h WHERE id = :i"), {"h": digest, "i": rec_id}
            )
    finally:
        db.dispose()
    rc, out = _check(demo_db, capsys)
    assert rc == 1
    assert "stämmer inte med det justerade dokumentet" in out, out


def test_a_rename_in_the_program_keeps_the_justerat_name_and_passes(demo_db, capsys):
    ws = open_workspace(demo_db, auto_backup=False)
    try:
        svc = ws.services.forbund
        person = next(p for p in svc.list_persons() if p.namn == "Karin Lindqvist")
        from dataclasses import replace

        svc.save_person(replace(person, namn="Karin Lindqvist Berg"))
    finally:
        ws.close()
    rc, out = _check(demo_db, capsys)
    assert rc == 0, out
    conn = sqlite3.connect(demo_db)
    snapshots = [
        r[0] for r in conn.execute("SELECT canonical_json FROM protocol_justering WHERE canonical_json IS NOT NULL")
    ]
    conn.close()
    assert any('Karin Lindqvist"' in j for j in snapshots)


def test_reparera_rebuilds_the_search_index(demo_db, capsys):
    _raw(demo_db, "DELETE FROM fts_paragraph")
    capsys.readouterr()
    assert main(["--db", str(demo_db), "search", "budget"]) == 0
    before = capsys.readouterr().out
    rc, out = _check(demo_db, capsys, "--reparera")
    assert rc == 0, out
    assert "Sökindexet byggdes om från" in out
    assert main(["--db", str(demo_db), "search", "budget"]) == 0
    after = capsys.readouterr().out
    assert after != before and "§" in after
