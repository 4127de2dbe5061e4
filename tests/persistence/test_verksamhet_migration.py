"""Migration 0014 on a file at 0012: the budget's insatser, their grants and budget lines survive; old statuses
map to the new list; downgrade gives them back."""

from __future__ import annotations

import sqlite3

from alembic import command

from finsam_desktop.persistence.database import APPLICATION_ID, make_engine
from finsam_desktop.persistence.migrator import alembic_config


def _migrate(path, how, revision):
    engine = make_engine(path)
    with engine.begin() as conn:
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        getattr(command, how)(cfg, revision)
        conn.exec_driver_sql(f"PRAGMA application_id={APPLICATION_ID}")
    engine.dispose()


def _old_file(tmp_path):
    path = tmp_path / "old.sqlite"
    _migrate(path, "upgrade", "0012")
    con = sqlite3.connect(path)
    con.execute("PRAGMA foreign_keys=ON")
    con.executemany(
        "INSERT INTO insats (id, namn, huvudman, samverkansparter, line_class, budget_kod, status, beskrivning)"
        " VALUES (?, ?, '', '', ?, '', ?, ?)",
        [
            (1, "MIA Vidare", "individinriktad", "pagaende", "Syfte och mål"),
            (2, "Sundbas", "individinriktad", "beviljad", ""),
            (3, "Förstudie CSR", "strukturell", "ansokan", ""),
            (4, "SAMRE", "individinriktad", "avslutad", ""),
        ],
    )
    con.execute(
        "INSERT INTO insats_grant (id, insats_id, year, amount_ore, mottagare, beslut_text, villkor, villkorad,"
        " payout_rule) VALUES (1, 2, 2021, 10000000, '', '', '', 0, 'hela_vid_avtal')"
    )
    con.execute(
        "INSERT INTO budget (id, year, version, title, status, unit_note, adopted_text, reason, created_at)"
        " VALUES (1, 2021, 1, 'Budget 2021', 'forslag', '', '', '', '2020-11-27 10:00:00')"
    )
    con.execute(
        "INSERT INTO budget_section (id, budget_id, namn, kind, position) VALUES (1, 1, 'Kostnader', 'kostnad', 0)"
    )
    con.execute(
        "INSERT INTO budget_line (id, budget_id, section_id, kod, namn, position, insats_id, note)"
        " VALUES (1, 1, 1, 'MIA', 'MIA Vidare', 0, 1, '')"
    )
    con.commit()
    con.close()
    return path


def test_upgrade_keeps_insatser_grants_and_budget_lines(tmp_path):
    path = _old_file(tmp_path)
    _migrate(path, "upgrade", "0014")
    con = sqlite3.connect(path)
    rows = con.execute("SELECT id, namn, status, beskrivning, syfte, parent_id FROM insats ORDER BY id").fetchall()
    assert rows == [
        (1, "MIA Vidare", "pagaende", "Syfte och mål", "", None),
        (2, "Sundbas", "planerad", "", "", None),
        (3, "Förstudie CSR", "planerad", "", "", None),
        (4, "SAMRE", "avslutad", "", "", None),
    ]
    assert con.execute("SELECT insats_id, amount_ore FROM insats_grant").fetchall() == [(2, 10000000)]
    assert con.execute("SELECT insats_id FROM budget_line").fetchall() == [(1,)]
    assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    con.execute("PRAGMA foreign_keys=ON")
    try:
        con.execute("UPDATE insats SET status = 'beviljad' WHERE id = 1")
        raised = False
    except sqlite3.IntegrityError:
        raised = True
    assert raised, "the old status is no longer allowed"
    con.execute("UPDATE insats SET status = 'forvaltning', parent_id = 1 WHERE id = 4")
    try:
        con.execute("UPDATE insats SET parent_id = 99 WHERE id = 3")
        raised = False
    except sqlite3.IntegrityError:
        raised = True
    assert raised, "a delprojekt must point at an existing insats"
    con.commit()
    con.close()


def test_downgrade_gives_the_old_statuses_back(tmp_path):
    path = _old_file(tmp_path)
    _migrate(path, "upgrade", "0014")
    _migrate(path, "downgrade", "0012")
    con = sqlite3.connect(path)
    assert con.execute("SELECT id, status FROM insats ORDER BY id").fetchall() == [
        (1, "pagaende"),
        (2, "beviljad"),
        (3, "ansokan"),
        (4, "avslutad"),
    ]
    assert con.execute("SELECT count(*) FROM insats_grant").fetchone() == (1,)
    assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    con.close()
