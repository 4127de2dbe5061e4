"""``finsam import deltagare``: a good export is imported (and re-imported replaces), a bad row refuses the file
with exit 2 and the row and column, an ambiguous column mapping is settled with ``--mapping``."""

from __future__ import annotations

from datetime import date

import pytest

from finsam_desktop.cli import main
from finsam_desktop.domain.budget.insatser import InsatsStatus
from finsam_desktop.services.budget.dto import Insats
from finsam_desktop.services.verksamhet.deltagare import DeltagareService
from finsam_desktop.services.workspace import open_workspace
from tests.fixtures.deltagare_exports import HEADERS, ROWS, export, with_cell


@pytest.fixture
def db(workspace):
    for namn in ("MIA", "Resursteam"):
        workspace.services.budget.insatser.save_insats(
            Insats(0, namn, "", "", date(2026, 1, 1), date(2026, 12, 31), status=InsatsStatus.PAGAENDE)
        )
    path = str(workspace.path)
    workspace.close()
    return path


def _stored(db) -> dict[str, int]:
    ws = open_workspace(db, read_only=True)
    try:
        return {f.insats: f.inskrivna for f in DeltagareService(ws.services.db).year_totals(2026)}
    finally:
        ws.close()


def _run(db, src, *extra):
    return main(["--db", db, "import", "deltagare", "--fil", str(src), *extra])


def test_import_then_reimport_replaces(db, tmp_path, capsys):
    src = tmp_path / "SUS export 2026.csv"
    src.write_bytes(export())
    assert _run(db, src) == 0
    out = capsys.readouterr().out
    assert out.startswith("Kolumnkoppling: Period ← ”Period”, Insats ← ”Insats”, Inskrivna ← ”Inskrivna”")
    assert "Anvisade från Försäkringskassan ← ”Anvisade från Försäkringskassan”" in out
    assert "saknas" not in out.splitlines()[0]
    assert "Rad 7 (”Summa”) är en summarad och lästes inte in." in out
    assert "5 rader (insats och månad) för 2 insatser lästes in ur SUS export 2026.csv." in out
    assert _run(db, src) == 0
    assert "Ersatte tidigare inläsning för 5: MIA 2026-01" in capsys.readouterr().out
    assert _stored(db) == {"MIA": 28, "Resursteam": 7}


def test_a_bad_row_refuses_the_file_with_exit_2(db, tmp_path, capsys):
    src = tmp_path / "sus.csv"
    src.write_bytes(export(with_cell(2, "Män", "tre")))
    assert _run(db, src) == 2
    err = capsys.readouterr().err
    assert "finsam: fel: Rad 4, kolumn ”Män”: ”tre” är inget antal." in err
    assert "Traceback" not in err
    assert _stored(db) == {}


def test_ambiguous_columns_are_settled_with_mapping(db, tmp_path, capsys):
    src = tmp_path / "sus.csv"
    src.write_bytes(export(tuple((r[0], r[0], *r[1:]) for r in ROWS), ("Insats", "Projekt", *HEADERS[1:])))
    assert _run(db, src) == 2
    err = capsys.readouterr().err
    assert "Insats: ”Insats” eller ”Projekt”" in err and '--mapping "insats=Insats"' in err
    assert _run(db, src, "--mapping", "insats=Projekt") == 0
    assert "Insats ← ”Projekt”" in capsys.readouterr().out
    assert _stored(db) == {"MIA": 28, "Resursteam": 7}


def test_mapping_option_errors_are_swedish(db, tmp_path, capsys):
    src = tmp_path / "sus.csv"
    src.write_bytes(export())
    assert _run(db, src, "--mapping", "fodelsear=Period") == 2
    assert "Okänt fält ”fodelsear”" in capsys.readouterr().err
    assert _run(db, src, "--mapping", "inskrivna=Nya") == 2
    assert "Filen har ingen kolumn ”Nya”" in capsys.readouterr().err


def test_dry_run_saves_nothing(db, tmp_path, capsys):
    src = tmp_path / "sus.csv"
    src.write_bytes(export())
    assert _run(db, src, "--torrkorning") == 0
    assert "Torrkörning: 5 rader (insats och månad) skulle läsas in; inget sparades." in capsys.readouterr().out
    assert _stored(db) == {}


def test_a_missing_file_is_a_swedish_error(db, tmp_path, capsys):
    assert _run(db, tmp_path / "finns-inte.csv") == 2
    assert "finns inte (--fil)" in capsys.readouterr().err
