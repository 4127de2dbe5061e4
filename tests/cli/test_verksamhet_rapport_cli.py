"""``finsam list aktiviteter [--year]`` and ``finsam export lagesrapport --per DATUM -o F.pdf|docx``."""

from __future__ import annotations

from finsam_desktop.cli import main
from tests.fixtures.verksamhet_seed002 import seed002


def _file(workspace):
    seed002(workspace.services)
    path = workspace.path
    workspace.close()
    return path


def test_list_aktiviteter_of_a_year_with_participants_per_member(workspace, capsys):
    path = _file(workspace)
    assert main(["--db", str(path), "list", "aktiviteter", "--year", "2020"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split()[:3] == ["Datum", "Typ", "Titel"]
    forum = next(i for i, line in enumerate(lines) if line.startswith("2020-05-06"))
    assert "Forum" in lines[forum] and "Digitalt" in lines[forum] and " 30 " in lines[forum] and " 22 " in lines[forum]
    assert "per medlem: Regionen 2, AF 2, FK 2, Danderyd 1, Täby 10, Österåker 1, Vallentuna 4" in lines[forum + 1]
    assert main(["--db", str(path), "list", "aktiviteter", "--year", "2019"]) == 0
    assert capsys.readouterr().out.strip() == "Inga aktiviteter 2019."


def test_export_lagesrapport_pdf_and_docx_and_a_bad_suffix(workspace, tmp_path, capsys):
    path = _file(workspace)
    pdf, docx = tmp_path / "lr.pdf", tmp_path / "lr.docx"
    assert main(["--db", str(path), "export", "lagesrapport", "--per", "2020-06-30", "-o", str(pdf)]) == 0
    assert "Lägesrapport Halvår 2020" in capsys.readouterr().out
    assert pdf.read_bytes().startswith(b"%PDF")
    assert main(["--db", str(path), "export", "lagesrapport", "--per", "200630", "-o", str(docx)]) == 0
    assert docx.read_bytes().startswith(b"PK")
    assert (
        main(["--db", str(path), "export", "lagesrapport", "--per", "2020-06-30", "-o", str(tmp_path / "x.txt")]) == 2
    )
    assert "måste sluta på .pdf eller .docx" in capsys.readouterr().err
    assert main(["--db", str(path), "export", "lagesrapport", "--per", "30 juni", "-o", str(pdf)]) == 2
    assert "--per" in capsys.readouterr().err
