"""``finsam restore`` checks the copy before touching the file, works on a file that no longer opens, and
``finsam backup --list`` shows the generational set; failing commands make no backups."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

from finsam_desktop.cli import main
from finsam_desktop.domain.organisation.model import Person
from finsam_desktop.persistence.backup import online_copy
from finsam_desktop.services.workspace import open_workspace

NAME = "Samordningsförbundet Exempelbygden"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _files(_demo_template, tmp_path) -> tuple[Path, Path]:
    live = online_copy(_demo_template, tmp_path / "D.sqlite")
    good = online_copy(_demo_template, tmp_path / "GOOD.sqlite")
    return live, good


def test_a_copy_without_schema_version_is_refused_and_the_file_kept(_demo_template, tmp_path, capsys):
    live, good = _files(_demo_template, tmp_path)
    bad = online_copy(good, tmp_path / "B.sqlite")
    sqlite3.connect(bad).execute("DROP TABLE alembic_version").connection.close()
    before = _digest(live)
    assert main(["--db", str(live), "restore", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "kan inte återställas: filen saknar schemaversion" in err and "Den nuvarande filen är orörd." in err
    assert "Traceback" not in err
    assert _digest(live) == before
    assert main(["--db", str(live), "info"]) == 0
    assert NAME in capsys.readouterr().out
    assert main(["--db", str(live), "restore", str(good)]) == 0
    assert "Återställde" in capsys.readouterr().out


def test_restore_works_on_a_file_that_no_longer_opens(_demo_template, tmp_path, capsys):
    live, good = _files(_demo_template, tmp_path)
    data = bytearray(live.read_bytes())
    data[100:4096] = b"\xa5" * 3996  # junk over the schema page: nothing can be read any more
    live.write_bytes(bytes(data))
    code = main(["--db", str(live), "info"])
    err = capsys.readouterr().err
    assert code == 2 and "Traceback" not in err and "restore" in err
    assert main(["--db", str(live), "restore", str(good)]) == 0
    out = capsys.readouterr().out
    assert "Den tidigare filen sparades som" in out
    assert main(["--db", str(live), "check"]) == 0


def test_rule_errors_need_the_flag(_demo_template, tmp_path, capsys):
    live, good = _files(_demo_template, tmp_path)
    sqlite3.connect(good).execute("UPDATE forbund SET orgnr = '222000-3078'").connection.commit()
    assert main(["--db", str(live), "restore", str(good)]) == 2
    assert "--godta-regelfel" in capsys.readouterr().err
    assert main(["--db", str(live), "restore", str(good), "--godta-regelfel"]) == 0


def test_failing_commands_make_no_backup_and_backup_list_shows_the_set(_demo_template, tmp_path, capsys):
    live, _good = _files(_demo_template, tmp_path)
    bad = tmp_path / "utfall.csv"
    bad.write_text("skräp;data\n1;2\n", encoding="utf-8")
    for _ in range(3):
        assert main(["--db", str(live), "import", "utfall", "--fil", str(bad)]) == 2
    assert main(["--db", str(live), "check"]) == 0
    assert main(["--db", str(live), "backup", "--list"]) == 0
    assert "Inga säkerhetskopior" in capsys.readouterr().out
    ws = open_workspace(live)  # a session that changes the file: one backup, of the state before
    ws.services.forbund.save_person(Person(0, "Ny Person"))
    ws.close()
    assert main(["--db", str(live), "backup", "--list"]) == 0
    out = capsys.readouterr().out
    [line] = [line for line in out.splitlines() if "auto-" in line]
    assert "senaste 1, dag " in line and "månad " in line
    assert "finsam --db" in out and "restore FIL" in out
