"""Moving the demo förbund SQLite → PostgreSQL → SQLite (``finsam db migrate-to``) and the server database's
backup and restore (``pg_dump``/``pg_restore``, ``services/server_backup.py``). Skipped, with the reason, without a
PostgreSQL server."""

from __future__ import annotations

import dataclasses
import subprocess

import psycopg
import pytest
from sqlalchemy import text

from finsam_desktop.cli import main
from finsam_desktop.persistence import transfer
from finsam_desktop.persistence.backup import online_copy
from finsam_desktop.services.workspace import open_workspace
from tests import pg

pytestmark = pytest.mark.postgres

PROTOCOL_HASHES = (
    "SELECT meeting_id, content_sha256, justerat_pdf_sha256, record_sha256 FROM protocol_justering ORDER BY id"
)


def _plain(url: str) -> str:
    return url.replace("+psycopg", "")


def _state(where):
    """Everything the round trip must keep: per table rows and content hash, every file's SHA-256, the protocols'
    hashes as stored."""
    engine = transfer.engine_for(where, read_only=True)
    try:
        with engine.begin() as conn:
            hashes = [tuple(r) for r in conn.execute(text(PROTOCOL_HASHES))]
            return transfer.digests(conn), transfer.blob_hashes(conn), hashes
    finally:
        engine.dispose()


def _search(where, query: str) -> list[tuple]:
    ws = open_workspace(where, read_only=True)
    try:
        return [(h.datum, h.organ_namn, h.label, h.rubrik, h.status) for h in ws.services.meetings.search.search(query)]
    finally:
        ws.close()


def test_the_demo_moves_to_postgresql_and_back_unchanged(_demo_template, pg_url, tmp_path, capsys):
    source = online_copy(_demo_template, tmp_path / "demo.sqlite")
    assert main(["--db", str(source), "db", "migrate-to", pg_url]) == 0
    out = capsys.readouterr().out
    assert f"Kopierade {source} till {pg_url}." in out and "hittade inga fel i målet" in out
    back = tmp_path / "tillbaka.sqlite"
    assert main(["--db", pg_url, "db", "migrate-to", str(back)]) == 0
    capsys.readouterr()

    checks = []
    for where in (source, pg_url, back):
        assert main(["--db", str(where), "check"]) == 0
        checks.append(capsys.readouterr().out.replace(str(where), "DB"))
    assert checks == ["Inga fel hittades i DB.\n"] * 3

    original, on_server, returned = _state(source), _state(pg_url), _state(back)
    assert original == on_server == returned
    digests, files, protocols = original
    assert len(protocols) >= 5 and all(all(r) for r in protocols)  # justerade protocols with their hashes
    assert any(key[:2] == ("protocol_justering", "justerat_pdf") for key in files)
    assert digests["fts_paragraph"].rows > 50 and digests["audit_log"].rows > 0

    for query in ("budget", "protokoll", "justera", "uppdrag"):
        hits = _search(source, query)
        assert hits and _search(pg_url, query) == hits == _search(back, query), query

    # the server's sequences continue after the copied rows: the program can write a new row there
    ws = open_workspace(pg_url)
    try:
        fb = ws.services.forbund.get()
        ws.services.forbund.update(dataclasses.replace(fb, sate="Nyby"))
        assert ws.services.forbund.get().sate == "Nyby"
    finally:
        ws.close()


def test_a_server_database_that_is_not_empty_is_refused_and_left_alone(_empty_template, pg_url, tmp_path, capsys):
    with psycopg.connect(_plain(pg_url), autocommit=True) as conn:
        conn.execute("CREATE TABLE kunder (id integer)")
        conn.execute("INSERT INTO kunder VALUES (1)")
    source = online_copy(_empty_template, tmp_path / "källa.sqlite")
    assert main(["--db", str(source), "db", "migrate-to", pg_url, "--godta-regelfel"]) == 2
    err = capsys.readouterr().err
    assert f"{pg_url} är inte tom" in err and "Ingenting har ändrats" in err
    with psycopg.connect(_plain(pg_url)) as conn:
        tables = [r[0] for r in conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")]
        assert tables == ["kunder"] and conn.execute("SELECT count(*) FROM kunder").fetchone()[0] == 1


def _databases(server: str) -> set[str]:
    with psycopg.connect(_plain(server)) as conn:
        return {r[0] for r in conn.execute("SELECT datname FROM pg_database")}


def _namn(url: str) -> str:
    with psycopg.connect(_plain(url)) as conn:
        return conn.execute("SELECT namn FROM forbund").fetchone()[0]


def test_backup_then_change_then_restore_gives_back_the_earlier_state(_pg_demo_template, pg_server, tmp_path, capsys):
    url = pg.create_database(pg_server, _pg_demo_template)
    try:
        dump = tmp_path / "kopia.dump"
        assert main(["--db", url, "backup", "--to", str(dump)]) == 0
        assert "pg_dump" in capsys.readouterr().out and dump.stat().st_size > 0
        earlier = _namn(url)
        ws = open_workspace(url)
        try:
            ws.services.forbund.update(dataclasses.replace(ws.services.forbund.get(), namn="Ändrat förbund"))
        finally:
            ws.close()
        databases = _databases(pg_server)

        # refused, and the current database as it was: not a dump, a truncated dump, another program's dump
        (tmp_path / "skräp.dump").write_bytes(b"PGDMP inte alls")
        (tmp_path / "avkortad.dump").write_bytes(dump.read_bytes()[: dump.stat().st_size // 2])
        other = pg.create_database(pg_server)
        with psycopg.connect(_plain(other), autocommit=True) as conn:
            conn.execute("CREATE TABLE kunder (id integer)")
        assert main(["--db", other, "backup", "--to", str(tmp_path / "annat.dump")]) == 2  # not a FINSAM database
        capsys.readouterr()
        pg_dump = pg.find_bindir() / "pg_dump"
        subprocess.run([str(pg_dump), "-Fc", "-f", str(tmp_path / "annat.dump"), _plain(other)], check=True)
        pg.drop_database(other)
        for bad, why in (
            ("skräp.dump", "ingen läsbar säkerhetskopia från pg_dump"),
            ("avkortad.dump", "kopian kunde inte läsas in"),
            ("annat.dump", "ingen säkerhetskopia av en FINSAM-databas"),
        ):
            assert main(["--db", url, "restore", str(tmp_path / bad)]) == 2
            err = capsys.readouterr().err
            assert why in err and "Den nuvarande databasen är orörd" in err, bad
            assert _namn(url) == "Ändrat förbund"
            assert _databases(pg_server) == databases - {other.rpartition("/")[2]}  # no temporary database left

        with psycopg.connect(_plain(url)):  # someone else still connected: the swap waits for them to leave
            assert main(["--db", url, "restore", str(dump)]) == 2
        err = capsys.readouterr().err
        assert "används av andra just nu" in err and "Den nuvarande databasen är orörd" in err
        assert _namn(url) == "Ändrat förbund" and _databases(pg_server) == databases - {other.rpartition("/")[2]}

        assert main(["--db", url, "restore", str(dump)]) == 0
        out = capsys.readouterr().out
        assert "Den tidigare databasen finns kvar på servern som" in out
        assert _namn(url) == earlier
        assert main(["--db", url, "check"]) == 0
        kept = [d for d in _databases(pg_server) - databases if "_fore_aterstallning_" in d]
        assert len(kept) == 1 and _namn(f"{url.rpartition('/')[0]}/{kept[0]}") == "Ändrat förbund"
    finally:
        for name in _databases(pg_server):
            if name.startswith(url.rpartition("/")[2]):
                pg.drop_database(url.rpartition("/")[0] + "/" + name)
