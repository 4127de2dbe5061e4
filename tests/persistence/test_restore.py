"""Restore checks the whole candidate in a copy before the live file is touched (services/restore.py).

A representative set of the bad candidates of ``benchmarks/restore_fuzz.py`` (which runs 200): every one is
refused in Swedish, the live file stays byte-identical and the open workspace goes on working.
"""

from __future__ import annotations

import hashlib
import random
import sqlite3
import sys
from pathlib import Path

import pytest
from alembic import command
from alembic.script import ScriptDirectory

from finsam_desktop.persistence.backup import online_copy
from finsam_desktop.persistence.migrator import DatabaseRefusedError, alembic_config
from finsam_desktop.services.restore import RestoreFindingsError, restore_path
from finsam_desktop.services.workspace import open_workspace, restore_from

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
import restore_candidates

NAME = "Samordningsförbundet Exempelbygden"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def good(_demo_template, tmp_path) -> Path:
    return online_copy(_demo_template, tmp_path / "kopior" / "bra.sqlite")


@pytest.mark.parametrize("kind", sorted(restore_candidates.KINDS))
def test_a_bad_copy_is_refused_and_the_open_file_is_untouched(kind, demo_workspace, good, tmp_path):
    candidate = restore_candidates.make(kind, good, tmp_path / "kopior" / "kandidat.sqlite", random.Random(kind))
    live = demo_workspace.path
    before = _digest(live)
    beside = sorted(p.name for p in live.parent.iterdir())
    with pytest.raises(DatabaseRefusedError) as info:
        restore_from(demo_workspace, candidate)
    message = str(info.value)
    assert str(candidate) in message and "Den nuvarande filen är orörd." in message
    assert _digest(live) == before
    assert sorted(p.name for p in live.parent.iterdir()) == beside  # no temporary copy left behind
    assert demo_workspace.services.forbund.get().namn == NAME  # the open file is still open


def test_the_issues_example_dropped_schema_version(demo_workspace, good):
    # drop table alembic_version; restore B  used to overwrite D and then crash half-way through the upgrade.
    sqlite3.connect(good).execute("DROP TABLE alembic_version").connection.close()
    before = _digest(demo_workspace.path)
    with pytest.raises(DatabaseRefusedError, match="saknar schemaversion"):
        restore_from(demo_workspace, good)
    assert _digest(demo_workspace.path) == before


def test_a_good_copy_is_restored_and_the_old_file_kept_aside(demo_workspace, good):
    fb = demo_workspace.services.forbund
    fb.save_person(fb.list_persons()[0].__class__(0, "Efter Kopian"))
    restored = restore_from(demo_workspace, good)
    try:
        names = [p.namn for p in restored.services.forbund.list_persons()]
        assert "Efter Kopian" not in names
        [aside] = restored.kept_aside
        kept = open_workspace(aside, read_only=True)
        assert "Efter Kopian" in [p.namn for p in kept.services.forbund.list_persons()]
        kept.close()
    finally:
        restored.services.close()


def test_an_older_copy_is_upgraded_in_the_copy(demo_workspace, good):
    cfg = alembic_config()
    cfg.set_main_option("sqlalchemy.url", f"sqlite:///{good}")
    from sqlalchemy import create_engine

    engine = create_engine(f"sqlite:///{good}")
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0006")
    engine.dispose()
    restored = restore_from(demo_workspace, good)
    try:
        # Upgraded to the newest schema, in the copy, with every protection trigger of the older file kept.
        assert restored.schema_revision() == ", ".join(sorted(ScriptDirectory.from_config(cfg).get_heads()))
        assert restored.services.forbund.get().namn == NAME
    finally:
        restored.services.close()


def test_rule_errors_are_restored_only_when_accepted(demo_workspace, good):
    sqlite3.connect(good).execute("UPDATE forbund SET orgnr = '222000-3078'").connection.commit()
    before = _digest(demo_workspace.path)
    with pytest.raises(RestoreFindingsError) as info:
        restore_from(demo_workspace, good)
    assert info.value.acceptable and "organisationsnumret 222000-3078 är ogiltigt" in str(info.value)
    assert _digest(demo_workspace.path) == before
    restored = restore_from(demo_workspace, good, accept_findings=True)
    try:
        assert restored.services.forbund.get().orgnr == "222000-3078"
    finally:
        restored.services.close()


def test_a_forged_justerat_protocol_is_never_restored(demo_workspace, good, tmp_path):
    forged = restore_candidates.make("förfalskat protokoll", good, tmp_path / "f.sqlite", random.Random(1))
    before = _digest(demo_workspace.path)
    with pytest.raises(RestoreFindingsError) as info:
        restore_from(demo_workspace, forged, accept_findings=True)
    assert not info.value.acceptable and "har ändrats efter justering" in str(info.value)
    assert _digest(demo_workspace.path) == before


def test_a_file_that_no_longer_opens_can_be_restored(demo_workspace, good):
    live = demo_workspace.path
    demo_workspace.close()
    junk = b"SQLite format 3\x00" + bytes(range(256)) * 40
    live.write_bytes(junk)
    with pytest.raises(DatabaseRefusedError):
        open_workspace(live)
    _candidate, aside = restore_path(live, good)
    assert aside.read_bytes() == junk  # the damaged file is kept, not thrown away
    ws = open_workspace(live)
    try:
        assert ws.services.forbund.get().namn == NAME
    finally:
        ws.close()


def test_a_file_open_in_another_program_is_not_replaced(demo_workspace, good):
    live = demo_workspace.path
    demo_workspace.close()
    other = sqlite3.connect(f"file:{live}?mode=ro", uri=True)  # e.g. a read-only window elsewhere
    try:
        other.execute("SELECT count(*) FROM person").fetchone()
        before = _digest(live)
        with pytest.raises(DatabaseRefusedError, match="öppen i ett annat program"):
            restore_path(live, good)
        assert _digest(live) == before
    finally:
        other.close()
