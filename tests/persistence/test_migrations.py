"""Migrations: empty → head, no drift against the models, refusal of foreign and newer files,
and the copy kept aside before an upgrade."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from finsam_desktop.persistence.database import APPLICATION_ID, make_engine
from finsam_desktop.persistence.migrator import (
    SCHEMA_HEAD,
    DatabaseRefusedError,
    FileState,
    alembic_config,
    head_revisions,
    include_object,
    inspect_file,
    open_database,
)
from finsam_desktop.persistence.models import Base


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_empty_database_upgrades_to_head(tmp_path):
    path = tmp_path / "new.sqlite"
    db = open_database(path)
    with db.engine.connect() as conn:
        revs = tuple(r[0] for r in conn.exec_driver_sql("SELECT version_num FROM alembic_version"))
        app_id = conn.exec_driver_sql("PRAGMA application_id").scalar()
        journal = conn.exec_driver_sql("PRAGMA journal_mode").scalar()
        fks = conn.exec_driver_sql("PRAGMA foreign_keys").scalar()
        sync = conn.exec_driver_sql("PRAGMA synchronous").scalar()
        organs = [r[0] for r in conn.exec_driver_sql("SELECT namn FROM organ ORDER BY id")]
    db.dispose()
    assert revs == head_revisions()
    assert app_id == APPLICATION_ID
    assert (journal, fks, sync) == ("wal", 1, 2)
    assert organs[0] == "Styrelsen"
    assert inspect_file(path).state is FileState.CURRENT


def test_the_known_schema_head_is_the_migrations_head():
    """A current file is recognised without Alembic by ``SCHEMA_HEAD``: a new migration must move it, or every
    file would be taken for an older one and copied aside at each start."""
    assert SCHEMA_HEAD == head_revisions(), "flytta SCHEMA_HEAD i persistence/migrator.py till den nya migrationen"


def test_models_and_migrations_do_not_drift(tmp_path):
    db = open_database(tmp_path / "drift.sqlite")
    with db.engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"include_object": include_object, "compare_type": True})
        diff = compare_metadata(ctx, Base.metadata)
    db.dispose()
    assert diff == [], f"models and migrations differ: {diff}"


def test_foreign_sqlite_file_is_refused_and_untouched(tmp_path):
    path = tmp_path / "other.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE recipes (id INTEGER PRIMARY KEY, name TEXT)")
    conn.commit()
    conn.close()
    before = _digest(path)
    with pytest.raises(DatabaseRefusedError, match="inte en FINSAM-databas"):
        open_database(path)
    assert _digest(path) == before


def test_non_database_file_is_refused_and_untouched(tmp_path):
    path = tmp_path / "notes.sqlite"
    path.write_text("det här är en anteckning, ingen databas", encoding="utf-8")
    before = _digest(path)
    with pytest.raises(DatabaseRefusedError):
        open_database(path)
    assert _digest(path) == before


def test_newer_file_is_refused_and_untouched(tmp_path):
    path = tmp_path / "newer.sqlite"
    open_database(path).dispose()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = 'ffff_from_the_future'")
    conn.commit()
    conn.close()
    before = _digest(path)
    with pytest.raises(DatabaseRefusedError, match="nyare version"):
        open_database(path)
    assert _digest(path) == before


def test_older_file_is_copied_aside_then_upgraded(tmp_path):
    path = tmp_path / "old.sqlite"
    engine = make_engine(path)
    with engine.begin() as conn:
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
        conn.exec_driver_sql(f"PRAGMA application_id={APPLICATION_ID}")
        conn.exec_driver_sql(
            "INSERT INTO forbund (id, namn, orgnr, sate, postadress, anslagstavla, forvaringsplats,"
            " kallelse_dagar, justering_dagar, anslag_dagar, overklagande_veckor)"
            " VALUES (1, 'Gamla förbundet', '222000-3079', '', '', '', '', 7, 14, 2, 3)"
        )
    engine.dispose()
    assert inspect_file(path).state is FileState.OLDER
    db = open_database(path)
    db.dispose()
    copies = list(tmp_path.glob("old.före-uppgradering-*.sqlite"))
    assert len(copies) == 1
    assert inspect_file(path).state is FileState.CURRENT
    old = sqlite3.connect(copies[0])
    assert old.execute("SELECT version_num FROM alembic_version").fetchall() == [("0001",)]
    assert old.execute("SELECT namn FROM forbund").fetchone() == ("Gamla förbundet",)
    old.close()
