"""Roles enforced by the database (issue 17, docs/postgresql.md): after ``finsam db roles`` a revisor's login
cannot change anything even with raw SQL, an ekonom writes budget but not sammanträden and a sekreterare the
other way round, nobody may rewrite the audit log, the owner cannot change a justerat protocol, and the audit
log names the database user of every change. One demo database (copied from the session's template) and one
run of ``finsam db roles`` serve the whole module."""

from __future__ import annotations

import uuid
from datetime import date

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from finsam_desktop.cli import main
from finsam_desktop.domain.common.errors import PermissionDeniedError
from finsam_desktop.persistence import roles
from finsam_desktop.persistence.models import Base
from finsam_desktop.services.workspace import open_workspace
from tests import pg

# --- the description (no server needed) --------------------------------------------------------------------------


def test_every_table_of_the_models_has_an_area():
    areas = roles.table_areas()
    assert set(Base.metadata.tables) <= set(areas), "ge tabellen ett område i persistence/roles.py"
    assert set(areas.values()) <= set(roles.AREAS)
    assert set(roles.TABLE_AREAS) <= set(Base.metadata.tables), "TABLE_AREAS nämner en tabell som inte finns"
    assert set(roles.MODULE_AREAS.values()) <= set(roles.AREAS)


def test_nobody_is_granted_a_change_of_the_logs_and_the_revisor_nothing():
    tables = [*Base.metadata.tables, *roles.RAW_TABLES]
    given = roles.grants(tables)
    for grant in given:
        if grant.table in ("audit_log", "record_seal"):
            assert grant.privileges == "INSERT", grant
    assert not [g for g in given if g.role == "finsam_revisor"]
    ekonom = {g.table for g in given if g.role == "finsam_ekonom" and "UPDATE" in g.privileges}
    assert {"budget", "budget_line", "ar_year"} <= ekonom
    assert not ekonom & {"meeting", "agenda_item", "protocol_justering", "person"}
    ordforande = [g for g in given if g.role == "finsam_ordforande" and g.table == "protocol_justering"]
    assert [g.privileges for g in ordforande] == ["UPDATE (signed_pdf, signed_at, signers, record_sha256)"]


def test_on_a_sqlite_file_the_command_says_roles_need_a_server_database(tmp_path, capsys):
    assert main(["--db", str(tmp_path / "kansli.sqlite"), "db", "roles"]) == 2
    err = capsys.readouterr().err
    assert "Databasroller finns bara i en serverdatabas (PostgreSQL)" in err
    assert not (tmp_path / "kansli.sqlite").exists()


def test_the_audit_log_of_a_file_lists_who_did_what_without_a_database_user(demo_workspace, capsys):
    path = str(demo_workspace.path)
    demo_workspace.close()
    assert main(["--db", path, "list", "logg", "--antal", "3"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "Ändringsloggen, de 3 senaste (nyast först):"
    assert len(lines) == 4 and not any("(databas:" in line for line in lines)
    assert main(["--db", path, "list", "logg", "--antal", "0"]) == 2
    assert "--antal måste vara minst 1." in capsys.readouterr().err


def test_a_server_refusal_becomes_a_swedish_sentence_naming_the_role():
    message = roles.permission_message("permission denied for table meeting", "rut", "finsam_revisor")
    assert message.startswith("Din databasroll (finsam_revisor) får inte ändra sammanträden (tabellen meeting).")
    assert "Rollen revisor får ändra: ingenting" in message


# --- on PostgreSQL -----------------------------------------------------------------------------------------------


def _login(url: str, user: str) -> str:
    base, _, rest = url.partition("://")
    return f"{base}://{user}@{rest.partition('@')[2]}"


@pytest.fixture(scope="module")
def kansli(pg_server, _pg_demo_template):
    """The demo förbund with the roles set by ``finsam db roles`` and one login per role (names unique to the
    run: roles belong to the whole server)."""
    url = pg.create_database(pg_server, _pg_demo_template)
    tag = uuid.uuid4().hex[:6]
    users = {}
    for short in ("revisor", "ekonom", "sekreterare", "ordforande"):
        users[short] = f"{short}_{tag}"
        assert main(["--db", url, "db", "roles", "--skapa-anvandare", users[short], "--roll", short]) == 0
    yield url, {k: _login(url, v) for k, v in users.items()}, users
    pg.drop_database(url)


def _psql(url: str):
    import psycopg

    return psycopg.connect(url.replace("+psycopg", ""), autocommit=True)


def _refused(url: str, sql: str) -> str:
    import psycopg

    with _psql(url) as conn, pytest.raises(psycopg.errors.InsufficientPrivilege) as caught:
        conn.execute(sql)
    return str(caught.value)


@pytest.mark.postgres
def test_a_revisor_cannot_update_or_delete_anything_with_raw_sql(kansli):
    _url, logins, _users = kansli
    revisor = logins["revisor"]
    for table in ("meeting", "agenda_item", "protocol_justering", "budget", "ar_year", "person", "setting"):
        column = "key" if table == "setting" else "id"
        assert "permission denied" in _refused(revisor, f"UPDATE {table} SET {column} = {column}")
        assert "permission denied" in _refused(revisor, f"DELETE FROM {table}")
    assert "permission denied" in _refused(
        revisor, "INSERT INTO audit_log (at, \"user\", action) VALUES (now(), 'x', 'y')"
    )
    assert "permission denied" in _refused(revisor, "TRUNCATE meeting CASCADE")
    with _psql(revisor) as conn:  # it reads everything
        assert conn.execute("SELECT count(*) FROM meeting").fetchone()[0] > 0
        assert conn.execute("SELECT count(*) FROM audit_log").fetchone()[0] > 0


@pytest.mark.postgres
def test_a_revisor_reads_checks_and_searches_but_a_change_is_refused_in_swedish(kansli, capsys):
    _url, logins, _users = kansli
    revisor = logins["revisor"]
    assert main(["--db", revisor, "check"]) == 0
    assert main(["--db", revisor, "search", "budget"]) == 0
    out = capsys.readouterr().out
    assert "Inga fel hittades" in out and "§" in out
    ws = open_workspace(revisor)
    try:
        with pytest.raises(PermissionDeniedError, match=r"^Din databasroll \(finsam_revisor\) får inte ändra"):
            ws.services.meetings.meetings.create_meeting(date(2026, 2, 3), plats="Kansliet")
    finally:
        ws.close()
    assert main(["--db", revisor, "smtp", "--host", "smtp.example.se", "--port", "587", "--fran", "k@example.se"]) == 2
    err = capsys.readouterr().err
    assert "Din databasroll (finsam_revisor) får inte ändra" in err and "Traceback" not in err


@pytest.mark.postgres
def test_an_ekonom_writes_budget_not_sammantraden_and_a_sekreterare_the_other_way(kansli, capsys):
    url, logins, users = kansli
    ekonom = open_workspace(logins["ekonom"])
    sekreterare = open_workspace(logins["sekreterare"])
    try:
        budget = ekonom.services.budget.versions.create_budget(2030, "Budget 2030", with_template=False)
        with pytest.raises(PermissionDeniedError, match=r"\(finsam_ekonom\) får inte ändra sammanträden"):
            ekonom.services.meetings.meetings.create_meeting(date(2030, 2, 3), plats="Kansliet")
        meeting = sekreterare.services.meetings.meetings.create_meeting(date(2030, 2, 4), plats="Kansliet")
        with pytest.raises(PermissionDeniedError, match=r"\(finsam_sekreterare\) får inte ändra budgeten"):
            sekreterare.services.budget.versions.create_budget(2031, "Budget 2031", with_template=False)
    finally:
        ekonom.close()
        sekreterare.close()
    assert budget.info.id and meeting.id
    # Each change is in the audit log with the database user that made it, and the log's chain holds.
    assert main(["--db", url, "list", "logg", "--antal", "20"]) == 0
    log = capsys.readouterr().out
    assert f"(databas: {users['ekonom']})  budget skapad" in log
    assert f"(databas: {users['sekreterare']})" in log
    with _psql(url) as conn:
        rows = conn.execute("SELECT db_user FROM audit_log WHERE action = 'budget skapad' AND detail LIKE '2030%'")
        assert [r[0] for r in rows] == [users["ekonom"]]
    assert main(["--db", url, "check"]) == 0


@pytest.mark.postgres
def test_the_ordforande_may_sign_but_not_change_the_justering_record(kansli):
    _url, logins, _users = kansli
    ordforande = logins["ordforande"]
    with _psql(ordforande) as conn:  # the signing columns are granted (no row matches: only the grant is tried)
        conn.execute("UPDATE protocol_justering SET signers = signers, signed_at = signed_at WHERE false")
    assert "permission denied" in _refused(ordforande, "UPDATE protocol_justering SET forvaringsplats = '' WHERE false")
    assert "permission denied" in _refused(ordforande, "UPDATE meeting SET plats = '' WHERE false")


@pytest.mark.postgres
def test_no_role_may_rewrite_the_audit_log_and_the_owner_cannot_change_a_justerat_protocol(kansli):
    url, _logins, _users = kansli
    with _psql(url) as conn:
        for role in roles.ROLES:
            for privilege in ("UPDATE", "DELETE", "TRUNCATE"):
                sql = "SELECT has_table_privilege(%s, 'audit_log', %s)"
                assert conn.execute(sql, (role.name, privilege)).fetchone()[0] is False, (role.name, privilege)
    # The owner that ran the migrations (here the server's superuser, who may do more than an owner) is refused
    # by the triggers, with raw SQL as with the program.
    ws = open_workspace(url)
    try:
        with ws.services.db.session() as s:
            meeting = s.execute(text("SELECT id FROM meeting WHERE status = 'anslag_nedtaget' LIMIT 1")).scalar()
        for sql in (
            f"UPDATE meeting SET plats = 'Ändrad i efterhand' WHERE id = {meeting}",
            f"DELETE FROM meeting WHERE id = {meeting}",
            f"UPDATE agenda_item SET rubrik = 'Ändrad i efterhand' WHERE meeting_id = {meeting}",
            f"UPDATE protocol_justering SET justerare = 'Någon annan' WHERE meeting_id = {meeting}",
            "TRUNCATE meeting CASCADE",
            "TRUNCATE audit_log",
        ):
            with pytest.raises(IntegrityError) as caught, ws.services.db.session() as s:
                s.execute(text(sql))
            assert "kan inte" in str(caught.value.orig), sql
        with pytest.raises(IntegrityError, match="inloggade databasanvändarens namn"), ws.services.db.session() as s:
            s.execute(text("INSERT INTO audit_log (at, \"user\", action, db_user) VALUES (now(), 'x', 'y', 'någon')"))
        with ws.services.db.session() as s:
            assert s.execute(text(f"SELECT plats FROM meeting WHERE id = {meeting}")).scalar() != "Ändrad i efterhand"
    finally:
        ws.close()


@pytest.mark.postgres
def test_running_the_command_again_changes_nothing_and_lists_the_logins(kansli, capsys):
    url, _logins, users = kansli
    assert main(["--db", url, "db", "roles"]) == 0
    out = capsys.readouterr().out
    assert "(ny)" not in out
    assert users["revisor"] in out and "finsam_revisor" in out
    assert main(["--db", url, "db", "roles", "--skapa-anvandare", "Finsam_Revisor", "--roll", "revisor"]) == 2
    assert main(["--db", url, "db", "roles", "--skapa-anvandare", "kalle", "--roll", "kassor"]) == 2
    err = capsys.readouterr().err
    assert "Användarnamnet ”Finsam_Revisor” kan inte användas" in err
    assert "Rollen ”kassor” finns inte" in err


@pytest.mark.postgres
def test_an_upgrade_renews_the_grants_of_a_database_whose_roles_are_set(pg_server, _pg_empty_template):
    from alembic import command

    from finsam_desktop.persistence.migrator import alembic_config, open_database

    url = pg.create_database(pg_server, _pg_empty_template)
    try:
        assert main(["--db", url, "db", "roles"]) == 0
        db = open_database(url)
        with db.engine.begin() as conn:
            cfg = alembic_config()
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0019")
            conn.execute(text("REVOKE INSERT, UPDATE, DELETE ON budget FROM finsam_ekonom"))  # as a new table would be
        db.dispose()
        open_database(url).dispose()  # the upgrade to 0020
        with _psql(url) as conn:
            assert conn.execute("SELECT has_table_privilege('finsam_ekonom', 'budget', 'UPDATE')").fetchone()[0]
            assert not conn.execute("SELECT has_table_privilege('finsam_ekonom', 'meeting', 'UPDATE')").fetchone()[0]
            assert conn.execute("SELECT count(*) FROM pg_trigger WHERE tgname = 'trg_audit_log_db_user'").fetchone()[0]
    finally:
        pg.drop_database(url)
