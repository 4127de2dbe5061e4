from __future__ import annotations

import sqlite3

from finsam_desktop.cli import main
from finsam_desktop.services.workspace import open_workspace


def test_init_info_check(tmp_path, capsys):
    db = tmp_path / "f.sqlite"
    assert main(["--db", str(db), "init", "--namn", "Samordningsförbundet Testå", "--orgnr", "222000-3079"]) == 0
    assert main(["--db", str(db), "info"]) == 0
    out = capsys.readouterr().out
    assert "Samordningsförbundet Testå (222000-3079)" in out
    assert main(["--db", str(db), "check"]) == 1  # no members yet: the check says so
    out = capsys.readouterr().out
    assert "Försäkringskassan saknas" in out


def test_init_with_bad_orgnr_creates_nothing(tmp_path, capsys):
    db = tmp_path / "f.sqlite"
    assert main(["--db", str(db), "init", "--namn", "X", "--orgnr", "222000-3078"]) == 2
    err = capsys.readouterr().err
    assert "kontrollsiffran" in err
    assert not db.exists()


def test_demo_then_check_is_clean(tmp_path, capsys):
    db = tmp_path / "demo.sqlite"
    assert main(["--db", str(db), "demo", "--year", "2026"]) == 0
    assert main(["--db", str(db), "check"]) == 0
    assert "Inga fel" in capsys.readouterr().out
    assert main(["--db", str(db), "demo"]) == 2
    assert "redan ett förbund" in capsys.readouterr().err


def test_env_variable_selects_the_file(tmp_path, monkeypatch, capsys):
    db = tmp_path / "env.sqlite"
    monkeypatch.setenv("FINSAM_DB", str(db))
    assert main(["init", "--namn", "Env-förbundet", "--orgnr", "2220003079"]) == 0
    assert db.exists()


def test_check_reports_broken_foreign_keys(tmp_path, capsys):
    db = tmp_path / "demo.sqlite"
    main(["--db", str(db), "demo", "--year", "2026"])
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA foreign_keys=OFF")
    conn.execute("UPDATE mandate SET person_id = 9999 WHERE id = 1")
    conn.commit()
    conn.close()
    assert main(["--db", str(db), "check"]) == 1
    assert "mandate" in capsys.readouterr().out


def test_backup_and_restore_commands(tmp_path, capsys):
    db = tmp_path / "demo.sqlite"
    copy = tmp_path / "kopia.sqlite"
    main(["--db", str(db), "demo", "--year", "2026"])
    assert main(["--db", str(db), "backup", "--to", str(copy)]) == 0
    conn = sqlite3.connect(db)
    conn.execute("UPDATE forbund SET namn = 'Fel namn'")
    conn.commit()
    conn.close()
    assert main(["--db", str(db), "restore", str(copy)]) == 0
    main(["--db", str(db), "info"])
    assert "Samordningsförbundet Exempelbygden" in capsys.readouterr().out
    assert main(["--db", str(db), "restore", str(tmp_path / "saknas.sqlite")]) == 2


def test_info_shows_the_beslutforhet_rule(tmp_path, capsys):
    db = tmp_path / "demo.sqlite"
    assert main(["--db", str(db), "demo", "--year", "2026"]) == 0
    capsys.readouterr()
    assert main(["--db", str(db), "info"]) == 0
    assert "ledamöter, " in (out := capsys.readouterr().out)
    assert "(beslutför med 4: mer än hälften av ledamöterna (KL 6:27))" in out
    ws = open_workspace(db)
    try:
        ws.services.forbund.set_beslutforhet("minst_halften")
    finally:
        ws.close()
    assert main(["--db", str(db), "info"]) == 0
    assert "(beslutför med 3: minst hälften av ledamöterna)" in capsys.readouterr().out
