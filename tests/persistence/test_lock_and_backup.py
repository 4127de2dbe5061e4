from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from finsam_desktop.domain.organisation.model import Person
from finsam_desktop.persistence.backup import KEEP_DAILY, KEEP_LAST, KEEP_MONTHLY, classify, prune
from finsam_desktop.persistence.lock import DatabaseLockedError, FileLock, lock_path_for
from finsam_desktop.services.workspace import backup_to, list_backups, open_workspace, restore_from


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


def test_an_empty_holder_file_beside_a_live_holder_is_not_taken_over(tmp_path):
    # The old lock wrote its holder file after creating it: a second program reading it empty called it
    # stale and took it over. The OS lock is what counts now; the holder file is only information.
    db = tmp_path / "x.sqlite"
    first = FileLock(db)
    first.acquire()
    try:
        lock_path_for(db).write_text("")
        with pytest.raises(DatabaseLockedError):
            FileLock(db).acquire()
    finally:
        first.release()


@pytest.mark.skipif(sys.platform == "win32", reason="the race script forks")
def test_two_times_250_simultaneous_starts_never_give_two_writers(tmp_path):
    script = Path(__file__).resolve().parents[2] / "benchmarks" / "lock_race.py"
    proc = subprocess.run(
        [sys.executable, str(script), "--rounds", "250", "--dir", str(tmp_path), "--json"],
        capture_output=True,
        text=True,
        timeout=240,
    )
    figures = json.loads(proc.stdout)
    assert figures["processes"] == 500
    assert figures["two_writers"] == 0
    assert figures["one_writer"] == 250  # and never none: a dead or empty holder file is taken over


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_writers_killed_with_sigkill_lose_no_acknowledged_edit(tmp_path):
    """The short version of benchmarks/kill_writer.py (20 kills): the lock is free at once after kill -9."""
    script = Path(__file__).resolve().parents[2] / "benchmarks" / "kill_writer.py"
    proc = subprocess.run([sys.executable, str(script), "--kills", "2"], capture_output=True, text=True, timeout=240)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "2 writers killed with SIGKILL" in proc.stdout
    assert "lost 0, integrity failures 0, lock not taken over 0" in proc.stdout


def _auto(directory: Path, when: datetime) -> Path:
    path = directory / f"auto-{when.strftime('%Y%m%d-%H%M%S-%f')}.sqlite"
    path.write_bytes(b"kopia")
    return path


def test_the_backup_set_is_generational(tmp_path):
    directory = tmp_path / "finsam-säkerhetskopior"
    directory.mkdir()
    now = datetime(2026, 11, 18, 16, 0)
    older = [_auto(directory, now - timedelta(days=d, hours=1)) for d in range(1, 400, 3)]  # every third day
    burst = [_auto(directory, now - timedelta(minutes=m)) for m in range(30)]  # 30 writing sessions today
    own = directory / "före-flytten.sqlite"
    own.write_bytes(b"egen")
    prune(directory)
    kept = {e.path for e in classify(directory)}
    assert own in kept  # not an automatic backup: never deleted
    assert set(burst[:KEEP_LAST]) <= kept and not set(burst[KEEP_LAST:]) & kept
    # The burst pushed out only today's older copies: the newest of 13 earlier days and of 12 months stay.
    # One a day for 14 days: today (the burst) and the 13 older days nearest to it (17 Nov back to 12 Oct) …
    assert set(older[:13]) <= kept and older[13] not in kept
    # … and one a month for 12 months: November and October are kept by the days already, September 2026
    # back to December 2025 each by its newest copy; nothing older.
    months = sorted({p.name[5:11] for p in kept if p.name.startswith("auto-")}, reverse=True)
    assert months[0] == "202611" and months[-1] == "202512" and len(months) == 12
    assert len([p for p in kept if p.name.startswith("auto-")]) == KEEP_LAST + 13 + 10
    assert KEEP_DAILY == 14 and KEEP_MONTHLY == 12


def test_a_session_that_changes_nothing_makes_no_backup(demo_workspace):
    path = demo_workspace.path
    demo_workspace.close()
    ws = open_workspace(path)
    try:
        assert ws.services.forbund.get().namn == "Samordningsförbundet Exempelbygden"
        assert ws.auto_backup is None
    finally:
        ws.close()
    assert list_backups(path) == []


def test_the_backup_is_made_before_the_first_change_and_only_once(demo_workspace):
    path = demo_workspace.path
    demo_workspace.close()
    ws = open_workspace(path)
    try:
        fb = ws.services.forbund
        before = fb.list_persons()
        fb.save_person(Person(0, "Första Ändringen"))
        fb.save_person(Person(0, "Andra Ändringen"))
        assert ws.auto_backup is not None and ws.auto_backup.exists()
        assert list_backups(path) == [ws.auto_backup]
    finally:
        ws.close()
    copy = open_workspace(list_backups(path)[0], read_only=True)
    try:
        assert copy.services.forbund.list_persons() == before  # the state before the session's changes
    finally:
        copy.close()
