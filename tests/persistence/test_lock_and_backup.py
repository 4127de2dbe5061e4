from __future__ import annotations

import json
import os
import socket

import pytest

from finsam_desktop.persistence.backup import KEEP_ROLLING, backup_dir_for, rolling_backup
from finsam_desktop.persistence.lock import DatabaseLockedError, FileLock, lock_path_for
from finsam_desktop.services.workspace import backup_to, open_workspace, restore_from


def _snapshot(services):
    fb = services.forbund
    return (fb.get(), fb.list_members(), fb.list_persons(), fb.list_mandates())


def test_second_instance_is_told_who_holds_the_file(demo_workspace):
    with pytest.raises(DatabaseLockedError) as info:
        open_workspace(demo_workspace.path)
    message = str(info.value)
    assert socket.gethostname() in message and str(os.getpid()) in message
    ro = open_workspace(demo_workspace.path, read_only=True)
    try:
        assert ro.read_only
        assert ro.services.forbund.get().namn == "Samordningsförbundet Exempelbygden"
        with pytest.raises(Exception):  # noqa: B017 - any refusal from the read-only file will do
            ro.services.forbund.save_person(ro.services.forbund.list_persons()[0])
    finally:
        ro.close()


def test_stale_lock_is_detected_and_taken_over(tmp_path):
    db = tmp_path / "x.sqlite"
    lock_path_for(db).write_text(
        json.dumps({"host": socket.gethostname(), "pid": 999_999_99, "user": "någon", "since": "2026-01-01"})
    )
    lock = FileLock(db)
    lock.acquire()
    assert json.loads(lock_path_for(db).read_text())["pid"] == os.getpid()
    lock.release()
    assert not lock_path_for(db).exists()


def test_lock_from_another_host_is_respected(tmp_path):
    db = tmp_path / "x.sqlite"
    lock_path_for(db).write_text(json.dumps({"host": "kansli-laptop-2", "pid": 1, "user": "eva", "since": "idag"}))
    with pytest.raises(DatabaseLockedError, match="kansli-laptop-2"):
        FileLock(db).acquire()


def test_backup_and_restore_round_trip(demo_workspace, tmp_path):
    original = _snapshot(demo_workspace.services)
    copy = backup_to(demo_workspace, tmp_path / "kopia.sqlite")
    fb = demo_workspace.services.forbund
    person = fb.list_persons()[0]
    fb.save_person(person.__class__(person.id, "Ändrat Namn"))
    for mandate in fb.list_mandates():
        fb.remove_mandate(mandate.id)
    assert _snapshot(demo_workspace.services) != original

    restored = restore_from(demo_workspace, copy)
    try:
        assert _snapshot(restored.services) == original
        aside = restored.kept_aside[0]
        assert aside.exists()
        kept = open_workspace(aside, read_only=True)
        assert kept.services.forbund.list_mandates() == []
        kept.close()
    finally:
        restored.services.close()


def test_restore_refuses_a_foreign_file(demo_workspace, tmp_path):
    foreign = tmp_path / "foreign.sqlite"
    foreign.write_bytes(b"SQLite format 3\x00" + b"\x00" * 100)
    with pytest.raises(Exception, match="FINSAM|SQLite|databas"):
        restore_from(demo_workspace, foreign)
    assert demo_workspace.services.forbund.get().namn == "Samordningsförbundet Exempelbygden"


def test_rolling_backup_keeps_last_ten(demo_workspace):
    for _ in range(KEEP_ROLLING + 3):
        rolling_backup(demo_workspace.path)
    autos = list(backup_dir_for(demo_workspace.path).glob("auto-*.sqlite"))
    assert len(autos) == KEEP_ROLLING


def test_opening_makes_a_rolling_backup(demo_workspace, tmp_path):
    path = demo_workspace.path
    demo_workspace.close()
    ws = open_workspace(path)
    try:
        assert ws.auto_backup is not None and ws.auto_backup.exists()
    finally:
        ws.close()
