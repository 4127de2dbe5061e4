"""The shared database on PostgreSQL (issue 17, docs/postgresql.md): every revision migrates, the protection
triggers refuse what SQLite's refuse with the same words, the demo förbund passes ``finsam check``, and
``finsam search`` finds the same §§ on both engines. Skipped, with the reason, without a PostgreSQL server."""

from __future__ import annotations

import socket

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from finsam_desktop.cli import main
from finsam_desktop.persistence.integrity import EXPECTED_PG_TRIGGERS, existing_triggers, missing_triggers
from finsam_desktop.persistence.migrator import (
    SCHEMA_HEAD,
    DatabaseRefusedError,
    FileState,
    current_revisions,
    inspect_file,
    open_database,
)
from finsam_desktop.services.check import run_checks
from finsam_desktop.services.workspace import open_workspace
from tests import pg

FROZEN = "Protokollet är justerat och kan inte ändras. Rättelser görs som en ny version."


@pytest.mark.postgres
def test_every_revision_migrates_an_empty_postgresql_database_with_every_trigger(pg_url, tmp_path):
    assert inspect_file(pg_url).state is FileState.NEW
    db = open_database(pg_url)
    reference = open_database(tmp_path / "referens.sqlite")
    try:
        assert current_revisions(db) == SCHEMA_HEAD
        with db.engine.connect() as conn, reference.engine.connect() as ref:
            assert missing_triggers(conn) == []
            # all 145 with SQLite's names, and PostgreSQL's own (0020: the audit log's database user, no TRUNCATE)
            assert existing_triggers(conn) == existing_triggers(ref) | EXPECTED_PG_TRIGGERS
    finally:
        db.dispose()
        reference.dispose()
    assert inspect_file(pg_url).state is FileState.CURRENT


@pytest.mark.postgres
def test_a_database_of_another_program_is_refused_and_left_alone(pg_url):
    import psycopg

    with psycopg.connect(pg_url.replace("+psycopg", ""), autocommit=True) as conn:
        conn.execute("CREATE TABLE kunder (id integer)")
    with pytest.raises(DatabaseRefusedError, match="inte en FINSAM-databas"):
        open_workspace(pg_url)
    with psycopg.connect(pg_url.replace("+psycopg", "")) as conn:
        tables = [r[0] for r in conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")]
    assert tables == ["kunder"]


def _refusal(ws, sql: str) -> str:
    with pytest.raises(IntegrityError) as caught, ws.services.db.session() as s:
        s.execute(text(sql))
    return str(caught.value.orig)


def test_the_database_refuses_to_change_a_justerat_protocol(engine_demo_workspace):
    ws = engine_demo_workspace
    with ws.services.db.session() as s:
        meeting = s.execute(
            text("SELECT id FROM meeting WHERE status = 'anslag_nedtaget' ORDER BY id LIMIT 1")
        ).scalar()
        item = s.execute(text("SELECT id FROM agenda_item WHERE meeting_id = :m LIMIT 1"), {"m": meeting}).scalar()
    assert meeting and item
    assert FROZEN in _refusal(ws, f"UPDATE agenda_item SET rubrik = 'Ändrad i efterhand' WHERE id = {item}")
    assert "Protokollet är justerat" in _refusal(ws, f"UPDATE meeting SET status = 'kallat' WHERE id = {meeting}")
    assert "Protokollet är justerat" in _refusal(ws, f"DELETE FROM meeting WHERE id = {meeting}")
    assert _refusal(ws, "DELETE FROM audit_log") == "Ändringsloggen kan inte ändras i efterhand."
    with ws.services.db.session() as s:  # nothing changed
        assert s.execute(text(f"SELECT rubrik FROM agenda_item WHERE id = {item}")).scalar() != "Ändrad i efterhand"
        assert s.execute(text(f"SELECT status FROM meeting WHERE id = {meeting}")).scalar() == "anslag_nedtaget"


def test_the_demo_forbund_passes_every_check(engine_demo_workspace):
    assert run_checks(engine_demo_workspace.services.db) == []


SEARCHES = ("protokoll", "budget 2026", "Budget", "justera", "uppdrag", "medel", "styrelsen ordförande", "xyzzy")


@pytest.mark.postgres
def test_search_finds_the_same_paragraphs_on_both_engines(demo_workspace, _pg_demo_template, pg_server):
    url = pg.create_database(pg_server, _pg_demo_template)
    ws = open_workspace(url, read_only=True)
    try:
        found = 0
        for query in SEARCHES:
            on_sqlite = demo_workspace.services.meetings.search.search(query)
            on_pg = ws.services.meetings.search.search(query)
            key = [(h.datum, h.organ_namn, h.label, h.rubrik, h.status) for h in on_pg]
            assert key == [(h.datum, h.organ_namn, h.label, h.rubrik, h.status) for h in on_sqlite], query
            assert all(h.snippet for h in on_pg) or not on_pg
            found += len(on_pg)
        assert found > 20
    finally:
        ws.close()
        pg.drop_database(url)


@pytest.mark.postgres
def test_cli_opens_a_server_database_by_url_and_by_finsam_db(_pg_demo_template, pg_server, capsys, monkeypatch):
    url = pg.create_database(pg_server, _pg_demo_template)
    try:
        assert main(["--db", url, "check"]) == 0
        assert f"Inga fel hittades i {url}." in capsys.readouterr().out
        monkeypatch.setenv("FINSAM_DB", url)
        assert main(["search", "föregående", "protokoll"]) == 0
        out = capsys.readouterr().out
        assert "Föregående protokoll" in out and "Styrelsen" in out
    finally:
        pg.drop_database(url)


@pytest.mark.postgres
def test_backup_and_restore_on_a_server_database_use_pg_dump(pg_url, tmp_path, capsys):
    assert main(["--db", pg_url, "init", "--namn", "Samordningsförbundet Testbygden", "--orgnr", "222000-3079"]) == 0
    capsys.readouterr()
    assert main(["--db", pg_url, "backup", "--list"]) == 2
    assert "inga automatiska säkerhetskopior" in capsys.readouterr().err
    assert main(["--db", pg_url, "backup", "--to", str(tmp_path / "kopia.dump")]) == 0
    assert "(pg_dump, custom-format)" in capsys.readouterr().out
    assert (tmp_path / "kopia.dump").read_bytes().startswith(b"PGDMP")
    assert main(["--db", pg_url, "restore", str(tmp_path / "saknas.dump")]) == 2
    assert "filen finns inte. Den nuvarande databasen är orörd." in capsys.readouterr().err


def test_without_a_postgresql_server_the_tests_say_why(monkeypatch):
    monkeypatch.delenv(pg.ENV_URL, raising=False)
    monkeypatch.setattr(pg, "find_bindir", lambda: None)
    reason = pg.unavailable_reason()
    assert reason and "ingen PostgreSQL-server är installerad" in reason and pg.ENV_URL in reason


def test_an_unreachable_server_is_named_without_its_password(capsys):
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    assert main(["--db", f"postgresql+psycopg://kansli:hemligt@127.0.0.1:{port}/finsam", "info"]) == 2
    err = capsys.readouterr().err
    assert f"Databasen postgresql+psycopg://kansli:***@127.0.0.1:{port}/finsam kan inte öppnas" in err
    assert "hemligt" not in err and "Traceback" not in err


def test_cli_messages_show_a_server_url_without_its_password():
    from finsam_desktop.cli.common import Context

    ctx = Context("postgresql+psycopg://kansli:hemligt@dbserver/finsam")
    assert ctx.is_server and ctx.shown == "postgresql+psycopg://kansli:***@dbserver/finsam"
