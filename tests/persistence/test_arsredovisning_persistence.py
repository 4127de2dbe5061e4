"""The årsredovisning tables at the SQL level: an adopted year refuses every change (its row and everything under
it), a draft year does not, and the adoption is sealed."""

from __future__ import annotations

import sqlite3

import pytest


def test_an_adopted_year_refuses_changes_and_a_draft_does_not(demo_workspace):
    path = demo_workspace.path
    demo_workspace.close()
    conn = sqlite3.connect(path)
    adopted = conn.execute("SELECT id FROM ar_year WHERE status = 'faststalld'").fetchone()[0]
    draft = conn.execute("SELECT id FROM ar_year WHERE status = 'utkast' ORDER BY year DESC").fetchone()[0]
    refused = [
        f"UPDATE ar_year SET adopted_text = 'x' WHERE id = {adopted}",
        f"DELETE FROM ar_year WHERE id = {adopted}",
        f"DELETE FROM ar_account WHERE year_id = {adopted}",
        f"INSERT INTO ar_text (year_id, section, body, prefilled, updated_at) VALUES ({adopted}, 'x', '', 1, '2026-01-01')",
        f"UPDATE ar_movement SET amount_ore = 0 WHERE year_id = {adopted}",
        f"UPDATE ar_account SET year_id = {adopted} WHERE year_id = {draft}",
    ]
    for sql in refused:
        with pytest.raises(sqlite3.IntegrityError, match="fastställd och låst"):
            conn.execute(sql)
    conn.execute(f"UPDATE ar_account SET namn = 'Bank' WHERE year_id = {draft} AND konto = '1930'")
    conn.execute(f"UPDATE ar_text SET body = 'Ny text' WHERE year_id = {draft}")
    seals = conn.execute("SELECT count(*) FROM record_seal WHERE kind = 'arsredovisning' AND record_id = ?", (adopted,))
    assert seals.fetchone()[0] == 1
    conn.rollback()
    conn.close()
