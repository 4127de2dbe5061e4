"""``finsam db migrate-to`` between SQLite files (runs without PostgreSQL; the PostgreSQL round trip is in
``test_pg_migrate.py``): the copy holds the same rows, files and search index, passes ``finsam check``, has the
schema the migrations make, and a target that is not empty, or a copy that does not verify, leaves nothing."""

from __future__ import annotations

import sqlite3

from finsam_desktop.cli import main
from finsam_desktop.persistence import transfer
from finsam_desktop.persistence.backup import online_copy
from finsam_desktop.services.workspace import open_workspace


def _schema(path) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT type, name, sql FROM sqlite_master ORDER BY type, name").fetchall()
    finally:
        conn.close()


def _digests(path):
    engine = transfer.engine_for(path, read_only=True)
    try:
        with engine.begin() as conn:
            return transfer.digests(conn), transfer.blob_hashes(conn)
    finally:
        engine.dispose()


def test_the_demo_copied_into_a_new_file_is_the_same_database(_demo_template, tmp_path, capsys):
    source = online_copy(_demo_template, tmp_path / "demo.sqlite")
    before = source.read_bytes()
    target = tmp_path / "ny" / "kopia.sqlite"
    assert main(["--db", str(source), "db", "migrate-to", str(target)]) == 0
    out = capsys.readouterr().out
    assert f"Kopierade {source} till {target}." in out
    assert "arkiverade justerade protokoll" in out and "hittade inga fel i målet" in out
    assert source.read_bytes() == before  # the source is only read
    assert _digests(target) == _digests(source)
    assert _schema(target) == _schema(source)  # every protection trigger back, as the migrations wrote it
    assert main(["--db", str(target), "check"]) == 0
    assert "Inga fel hittades" in capsys.readouterr().out
    for query in ("budget", "protokoll"):
        main(["--db", str(source), "search", query])
        on_source = capsys.readouterr().out
        main(["--db", str(target), "search", query])
        assert capsys.readouterr().out.replace(str(target), "") == on_source.replace(str(source), "")
    assert sorted(p.name for p in target.parent.iterdir() if not p.name.endswith("lock")) == ["kopia.sqlite"]


def test_the_copy_still_refuses_to_change_a_justerat_protocol(_demo_template, tmp_path, capsys):
    source = online_copy(_demo_template, tmp_path / "demo.sqlite")
    target = tmp_path / "kopia.sqlite"
    assert main(["--db", str(source), "db", "migrate-to", str(target)]) == 0
    conn = sqlite3.connect(target)
    try:
        item = conn.execute(
            "SELECT a.id FROM agenda_item a JOIN meeting m ON m.id = a.meeting_id "
            "WHERE m.status = 'anslag_nedtaget' LIMIT 1"
        ).fetchone()[0]
        try:
            conn.execute("UPDATE agenda_item SET rubrik = 'Ändrad' WHERE id = ?", (item,))
            raise AssertionError("the trigger let the change through")
        except sqlite3.IntegrityError as exc:
            assert "Protokollet är justerat" in str(exc)
    finally:
        conn.close()


def test_a_target_that_is_not_empty_is_refused_and_left_alone(_empty_template, _demo_template, tmp_path, capsys):
    source = online_copy(_demo_template, tmp_path / "demo.sqlite")
    target = online_copy(_empty_template, tmp_path / "annan.sqlite")
    before = target.read_bytes()
    assert main(["--db", str(source), "db", "migrate-to", str(target)]) == 2
    err = capsys.readouterr().err
    assert f"{target} är inte tom" in err and "Ingenting har ändrats" in err
    assert target.read_bytes() == before
    assert main(["--db", str(source), "db", "migrate-to", str(source)]) == 2
    assert "samma databas" in capsys.readouterr().err


def test_a_copy_that_does_not_verify_leaves_no_file(_empty_template, tmp_path, capsys, monkeypatch):
    source = online_copy(_empty_template, tmp_path / "källa.sqlite")
    copy_rows = transfer.copy_rows

    def loses_the_forbund(src, dst):
        copy_rows(src, dst)
        dst.exec_driver_sql("UPDATE forbund SET namn = 'Något annat'")

    monkeypatch.setattr(transfer, "copy_rows", loses_the_forbund)
    target = tmp_path / "kopia.sqlite"
    assert main(["--db", str(source), "db", "migrate-to", str(target), "--godta-regelfel"]) == 2
    err = capsys.readouterr().err
    assert "Kopian blev inte lik källan" in err and "tabellen forbund" in err
    assert sorted(p.name for p in tmp_path.iterdir() if "kopia" in p.name and not p.name.endswith("lock")) == []


def test_a_source_with_findings_is_moved_only_when_they_are_accepted(_empty_template, tmp_path, capsys):
    source = online_copy(_empty_template, tmp_path / "källa.sqlite")  # a förbund without members: 4 findings
    assert main(["--db", str(source), "check"]) == 1
    findings = capsys.readouterr().out.splitlines()[1:]
    target = tmp_path / "kopia.sqlite"
    assert main(["--db", str(source), "db", "migrate-to", str(target)]) == 2
    err = capsys.readouterr().err
    assert f"Programmets kontroll hittade {len(findings)} fel i {source}" in err and "--godta-regelfel" in err
    assert not target.exists()
    assert main(["--db", str(source), "db", "migrate-to", str(target), "--godta-regelfel"]) == 0
    assert f"Godtagna fel enligt programmets kontroll: {len(findings)}, desamma i målet" in capsys.readouterr().out
    assert main(["--db", str(target), "check"]) == 1
    assert capsys.readouterr().out.splitlines()[1:] == findings
    ws = open_workspace(target, read_only=True)
    try:
        assert ws.services.forbund.get().namn == "Samordningsförbundet Testbygden"
    finally:
        ws.close()


def test_pg_dump_missing_is_said_in_swedish_and_a_password_never_reaches_the_command_line(monkeypatch):
    from finsam_desktop.persistence import pg_tools

    monkeypatch.setattr(pg_tools, "_versions", lambda: [])
    monkeypatch.setattr(pg_tools.shutil, "which", lambda name: None)
    try:
        pg_tools.find_tool("pg_dump")
        raise AssertionError("no error without pg_dump")
    except pg_tools.PgToolError as exc:
        assert "pg_dump finns inte på den här datorn" in str(exc) and "postgresql-client" in str(exc)
    uri, env = pg_tools.libpq_target("postgresql+psycopg://kansli:hemligt@dbserver:5433/finsam")
    assert uri == "postgresql://kansli@dbserver:5433/finsam" and env["PGPASSWORD"] == "hemligt"
