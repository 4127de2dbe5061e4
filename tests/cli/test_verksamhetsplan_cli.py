"""``finsam export verksamhetsplan --year YYYY -o F.pdf|docx`` and ``finsam list verksamhetsplaner``: the draft is
rendered now with its flags; an antagen plan's PDF is the one stored at the adoption, byte for byte."""

from __future__ import annotations

import zipfile
from datetime import date

from finsam_desktop.cli import main
from tests.fixtures import verksamhetsplan_f1 as f1


def test_export_a_draft_as_pdf_and_docx_with_its_flags(workspace, tmp_path, capsys):
    f1.enter_seed000(workspace.services)
    path = workspace.path
    workspace.close()
    pdf, docx = tmp_path / "vp.pdf", tmp_path / "vp.docx"
    assert main(["--db", str(path), "export", "verksamhetsplan", "--year", "2021", "-o", str(pdf)]) == 0
    out = capsys.readouterr().out
    assert "(Verksamhetsplan och budget 2021, utkast;" in out
    assert "Flagga: Totalt, Budget 2020: dokumentet anger 2 400 000 kr, men kostnadsraderna ger 2 660 000 kr." in out
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF") and b"/StructTreeRoot" in data and b"pdfaid" in data  # tagged, PDF/A
    assert main(["--db", str(path), "export", "verksamhetsplan", "--year", "2021", "-o", str(docx)]) == 0
    xml = zipfile.ZipFile(docx).read("word/document.xml").decode()
    for text in ("Vad", "Vem ansvarar", "Tillfällena", "Hur", "För vem", "Personella insatser", "Genomförs av"):
        assert f">{text}<" in xml
    assert "Budgetplan 2021 med prognos för 2022 och 2023" in xml
    assert main(["--db", str(path), "list", "verksamhetsplaner"]) == 0
    assert "2021  Utkast  (14 avsnitt)" in capsys.readouterr().out


def test_export_of_an_antagen_plan_gives_the_stored_bytes(demo_workspace, tmp_path, capsys, monkeypatch):
    services = demo_workspace.services
    services.verksamhet.plan.delete_plan(2026)  # the demo's utkast, made anew below
    services.verksamhet.plan.create_plan(2026)
    item = services.attest.versions.styrelse_paragraphs(since=date(2026, 1, 1))[-1][0]
    services.verksamhet.plan.adopt(2026, item)
    stored = services.verksamhet.plan.adopted_document(2026)
    path = demo_workspace.path
    demo_workspace.close()
    monkeypatch.setattr("finsam_desktop.reports.verksamhet.plan_pdf.compile_pdf", lambda *a, **k: b"%PDF ny")
    out = tmp_path / "antagen.pdf"
    assert main(["--db", str(path), "export", "verksamhetsplan", "--year", "2026", "-o", str(out)]) == 0
    assert out.read_bytes() == stored.data
    assert "den antagna verksamhetsplanen 2026" in capsys.readouterr().out


def test_a_missing_plan_and_a_wrong_suffix_are_told_in_swedish(workspace, tmp_path, capsys):
    path = workspace.path
    workspace.close()
    assert main(["--db", str(path), "export", "verksamhetsplan", "--year", "2030", "-o", str(tmp_path / "x.pdf")]) != 0
    assert "Det finns ingen verksamhetsplan för 2030." in capsys.readouterr().err
    assert main(["--db", str(path), "export", "verksamhetsplan", "--year", "2030", "-o", str(tmp_path / "x.txt")]) != 0
    assert ".pdf eller .docx" in capsys.readouterr().err
