"""``finsam import sie``, ``finsam list arsredovisning`` and ``finsam check`` with the årsredovisning."""

from __future__ import annotations

import shutil
import sqlite3

import pytest

from finsam_desktop.cli import main
from finsam_desktop.domain.arsredovisning.sie_generate import generate_year


@pytest.fixture
def demo_db(demo_workspace, tmp_path):
    path = demo_workspace.path
    demo_workspace.close()
    target = tmp_path / "cli.sqlite"
    shutil.copy(path, target)
    return target


def test_import_sie_list_and_check(demo_db, tmp_path, capsys):
    sie = tmp_path / "bok-2020.se"
    sie.write_bytes(generate_year(2020, 80, seed=2, forbund=("Samordningsförbundet Exempelbygden", "222000-3111")))
    assert main(["--db", str(demo_db), "import", "sie", "--fil", str(sie)]) == 0
    out = capsys.readouterr().out
    assert "Bokföringen för 2020 importerad från bok-2020.se" in out and "verifikationer" in out
    assert "ingen budget för 2020" in out
    assert main(["--db", str(demo_db), "import", "sie", "--fil", str(sie)]) == 0
    assert "ersatte den tidigare importen" in capsys.readouterr().out
    assert main(["--db", str(demo_db), "list", "arsredovisning"]) == 0
    out = capsys.readouterr().out
    assert "2025  fastställd 2026-03-13, §" in out
    assert "2020  utkast  SIE (bok-2020.se" in out
    assert "Alla summor stämmer." in out
    assert main(["--db", str(demo_db), "list", "arsredovisning", "--year", "2019"]) == 0
    assert "Ingen årsredovisning för 2019." in capsys.readouterr().out


def test_a_refused_sie_file_says_where(demo_db, tmp_path, capsys):
    bad = tmp_path / "trasig.se"
    bad.write_bytes(generate_year(2020, 80, seed=2).replace(b"#TRANS 2440 {} -", b"#TRANS 2440 {} -1", 1))
    assert main(["--db", str(demo_db), "import", "sie", "--fil", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "trasig.se" in err and "Rad" in err and "Traceback" not in err
    assert main(["--db", str(demo_db), "import", "sie", "--fil", str(tmp_path / "saknas.se")]) == 2


def test_check_reports_a_year_that_does_not_reconcile(demo_db, capsys):
    conn = sqlite3.connect(demo_db)
    conn.execute(
        "UPDATE ar_account SET ub_ore = ub_ore + 100 WHERE konto = '1930' AND year_id = "
        "(SELECT id FROM ar_year WHERE year = 2024)"
    )  # a draft year: not locked, but it must add up
    conn.commit()
    conn.close()
    assert main(["--db", str(demo_db), "check"]) != 0
    out = capsys.readouterr()
    assert "BR 2024-12-31" in out.out + out.err


def test_export_arsredovisning_pdf_and_docx_and_the_delarsrapport(demo_db, tmp_path, capsys):
    """The adopted demo year as a tagged PDF (the decision date in its metadata) and as Word; a draft carries the
    program's day; a year without books is a Swedish message, not a traceback."""
    import pikepdf
    from docx import Document

    pdf = tmp_path / "ar.pdf"
    assert main(["--db", str(demo_db), "export", "arsredovisning", "--year", "2025", "-o", str(pdf)]) == 0
    assert "Årsredovisning 2025, Fastställd av styrelsen 2026-03-13" in capsys.readouterr().out
    with pikepdf.open(pdf) as doc:
        assert str(doc.Root.Lang) == "sv-SE" and "/StructTreeRoot" in doc.Root
        assert str(doc.docinfo["/CreationDate"]).startswith("D:20260313")
    word = tmp_path / "ar.docx"
    assert main(["--db", str(demo_db), "export", "arsredovisning", "--year", "2025", "-o", str(word)]) == 0
    headings = [p.text for p in Document(word).paragraphs if p.style.name.startswith("Heading")]
    assert "Resultaträkning" in " ".join(headings) and "Balansräkning" in " ".join(headings)
    capsys.readouterr()
    draft = tmp_path / "utkast.pdf"
    assert (
        main(
            [
                "--db",
                str(demo_db),
                "--today",
                "2026-02-10",
                "export",
                "arsredovisning",
                "--year",
                "2024",
                "-o",
                str(draft),
            ]
        )
        == 0
    )
    with pikepdf.open(draft) as doc:
        assert str(doc.docinfo["/CreationDate"]).startswith("D:20260210")
    capsys.readouterr()
    # The demo has the current year's books to the last complete month: the delårsrapport per 31 August is built.
    assert main(["--db", str(demo_db), "export", "delar", "--per", "2026-08-31", "-o", str(tmp_path / "d.pdf")]) == 0
    assert "Delårsrapport 2026 per 2026-08-31" in capsys.readouterr().out
    assert (tmp_path / "d.pdf").read_bytes().startswith(b"%PDF")
    assert (
        main(["--db", str(demo_db), "export", "arsredovisning", "--year", "2025", "-o", str(tmp_path / "a.txt")]) == 2
    )
