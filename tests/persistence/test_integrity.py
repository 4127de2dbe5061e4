"""The trigger list, the hash chains and the seals at the persistence level: the expected triggers are exactly
what the migrations create, an older file is sealed and chained on upgrade, and the chain helper finds each kind
of break."""

from __future__ import annotations

import shutil
import sqlite3

from finsam_desktop.domain.common.content_hash import GENESIS, chain_hash, content_hash, verify_chain
from finsam_desktop.persistence import integrity
from finsam_desktop.persistence.migrator import FileState, inspect_file, open_database
from finsam_desktop.services.check import run_checks
from tests.fixtures.undo_migrations import undo_after_0012


def test_expected_triggers_are_what_the_migrations_create(tmp_path):
    db = open_database(tmp_path / "fresh.sqlite")
    with db.engine.connect() as conn:
        assert integrity.existing_triggers(conn) == set(integrity.EXPECTED_TRIGGERS)
    db.dispose()


def test_chain_verification_names_each_break():
    rows, prev = [], GENESIS
    for i in range(1, 5):
        fields = {"action": f"steg {i}"}
        h = chain_hash(prev, fields)
        rows.append((i, prev, h, fields))
        prev = h
    assert verify_chain(rows) == []
    edited = [*rows[:1], (2, rows[1][1], rows[1][2], {"action": "ändrat"}), *rows[2:]]
    assert verify_chain(edited) == [(2, "har ändrats")]
    assert verify_chain(rows[:1] + rows[2:]) == [(3, "pekar inte på föregående rad")]
    assert verify_chain([*rows, (5, rows[-1][2], None, {})]) == [(5, "saknar kontrollsumma")]


def test_content_hash_is_canonical():
    from datetime import date, datetime
    from decimal import Decimal

    a = {"b": Decimal("81774.50"), "a": date(2022, 11, 25), "c": datetime(2022, 11, 25, 9, 30)}
    b = {"c": "2022-11-25 09:30:00.000000", "a": "2022-11-25", "b": 8177450}
    assert content_hash(a) == content_hash(b)


def test_older_file_is_chained_and_sealed_on_upgrade(demo_workspace, tmp_path):
    """A demo file turned back into a 0007 file (no chains, seals or record hashes) upgrades to a clean check."""
    path = demo_workspace.path
    demo_workspace.close()
    old = tmp_path / "old.sqlite"
    shutil.copy(path, old)
    conn = sqlite3.connect(old)
    for name in ("trg_audit_log_update", "trg_audit_log_delete", "trg_record_seal_update", "trg_record_seal_delete"):
        conn.execute(f"DROP TRIGGER {name}")
    conn.execute("DROP TABLE record_seal")
    conn.execute("DROP TRIGGER trg_ik_population_finding_update")  # 0009's, which a 0007 file lacks too
    for table in ("ik_finding_atgard", "ik_population_finding", "ik_stickprov_population"):
        conn.execute(f"DROP TABLE {table}")
    conn.execute("DROP TRIGGER trg_justering_event_update")
    conn.execute("DROP TRIGGER trg_justering_event_delete")
    for table, cols in (
        ("audit_log", ("prev_hash", "row_hash")),
        ("justering_event", ("prev_hash", "row_hash")),
        ("protocol_justering", ("record_sha256",)),
        ("omedelbar_justering", ("record_sha256",)),
        ("ik_risk_analysis", ("matrix_settings",)),  # 0011
    ):
        for col in cols:
            conn.execute(f"ALTER TABLE {table} DROP COLUMN {col}")
    msg = "Justeringsloggen och utdragsregistret kan inte ändras i efterhand."
    for event in ("UPDATE", "DELETE"):
        conn.execute(
            f"CREATE TRIGGER trg_justering_event_{event.lower()} BEFORE {event} ON justering_event "
            f"BEGIN SELECT RAISE(ABORT, '{msg}'); END"
        )
    for table in ("budget_utfall_ersatt", "budget_utfall_rad", "budget_periodisering"):  # 0010
        conn.execute(f"DROP TABLE {table}")
    for col in ("tecken", "undone_at"):
        conn.execute(f"ALTER TABLE budget_utfall_import DROP COLUMN {col}")
    for (name,) in list(conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'trg_ar_%'")):
        conn.execute(f"DROP TRIGGER {name}")  # 0012
    for table in ("ar_text", "ar_printed", "ar_movement", "ar_deltagarflode", "ar_account", "ar_year"):
        conn.execute(f"DROP TABLE {table}")
    conn.execute("DROP TABLE ar_kontoplan_rule")
    undo_after_0012(conn)
    conn.execute("UPDATE alembic_version SET version_num = '0007'")
    conn.commit()
    conn.close()
    assert inspect_file(old).state is FileState.OLDER
    db = open_database(old)
    try:
        assert run_checks(db) == []
        with db.engine.connect() as c:
            seals = c.exec_driver_sql("SELECT kind, count(*) FROM record_seal GROUP BY kind").all()
            assert dict(seals)["budget"] >= 1 and dict(seals)["delegationsbeslut"] >= 1
            assert c.exec_driver_sql("SELECT count(*) FROM audit_log WHERE row_hash IS NULL").scalar() == 0
            assert integrity.chain_problems(c, "justering_event") == []
    finally:
        db.dispose()
