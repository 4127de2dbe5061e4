"""``finsam list insatser [--year]``: type, status, period, FTE and the year's financing per insats."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from finsam_desktop.cli import main
from tests.fixtures import verksamhet_seed000 as seed


def _seeded_file(workspace):
    vs = workspace.services.verksamhet.insatser
    mia, ubk, *rest = seed.seed000_insatser()
    mia = vs.save(mia)
    vs.save(replace(ubk, parent_id=mia.id))
    for i in rest:
        vs.save(i)
    workspace.services.budget.grants.add_grant(mia.id, 2021, Decimal(2580000))
    path = workspace.path
    workspace.close()
    return path


def test_list_insatser_of_a_year_with_fte_and_financing(workspace, capsys):
    path = _seeded_file(workspace)
    assert main(["--db", str(path), "list", "insatser", "--year", "2021"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert "Förbundet 2021" in lines[0] and "ESF" in lines[0]
    mia = next(line for line in lines if line.startswith(seed.MIA))
    assert "Individinriktad" in mia and "Pågående" in mia and "2020-06-01–2022-09-30" in mia
    assert "2,95" in mia and "2 580 000 kr" in mia and "2 000 000 kr" in mia
    ubk = lines[lines.index(mia) + 1]
    assert ubk.startswith("  " + seed.UBK[:35])  # the delprojekt, under it, indented
    if len(seed.UBK) > 37:  # a name too long for its column says so with "…", it is not silently cut
        assert ubk[:40].rstrip().endswith("…"), ubk
    assert any("Stöd för samverkan" in line for line in lines)
    assert f"Obs: {seed.UBK}: angiven summa 3,00 årsarbetare, beräknad 0,00 (skillnad 3,00)." in out


def test_list_insatser_without_year_and_for_an_empty_year(workspace, capsys):
    path = _seeded_file(workspace)
    assert main(["--db", str(path), "list", "insatser"]) == 0
    out = capsys.readouterr().out
    assert "Sundbas" in out and "Förbundet" not in out
    assert main(["--db", str(path), "list", "insatser", "--year", "1999"]) == 0
    # Only the undated Insatskatalogen (no start, no slut: ongoing) is active in 1999.
    assert [line.split()[0] for line in capsys.readouterr().out.splitlines()[1:]] == ["Insatskatalogen"]


def test_list_insatser_on_an_empty_file(workspace, capsys):
    path = workspace.path
    workspace.close()
    assert main(["--db", str(path), "list", "insatser", "--year", "2021"]) == 0
    assert capsys.readouterr().out.strip() == "Inga insatser 2021."
