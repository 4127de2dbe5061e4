from pypdf import PdfReader

from finsam_desktop.cli import main


def test_list_export_and_search(demo_workspace, tmp_path, capsys):
    db = str(demo_workspace.path)
    demo_workspace.close()
    assert main(["--db", db, "list", "meetings", "--year", "2026"]) == 0
    out = capsys.readouterr().out
    assert "2026-01-30" in out and "§ 1–" in out
    pdf = tmp_path / "p.pdf"
    assert main(["--db", db, "export", "protocol", "--meeting", "2026-01-30", "-o", str(pdf)]) == 0
    assert "Protokollet omfattar § 1–" in PdfReader(pdf).pages[0].extract_text()
    k = tmp_path / "k.pdf"
    assert main(["--db", db, "export", "kallelse", "--meeting", "2026-12-11", "-o", str(k)]) == 0
    assert "Kallelse" in PdfReader(k).pages[0].extract_text()
    capsys.readouterr()
    assert main(["--db", db, "search", "ansökan"]) == 0
    assert "träff" in capsys.readouterr().out
    assert main(["--db", db, "export", "protocol", "--meeting", "1999-01-01", "-o", str(pdf)]) == 2
    assert "inget sammanträde 1999-01-01" in capsys.readouterr().err


def test_search_for_a_word_starting_with_a_dash(demo_workspace, capsys):
    db = str(demo_workspace.path)
    demo_workspace.close()
    assert main(["--db", db, "search", "ansökan"]) == 0
    plain = capsys.readouterr().out
    # "-ansökan" is the text searched for, not an unknown flag; --limit still works around it.
    assert main(["--db", db, "search", "-ansökan"]) == 0
    assert capsys.readouterr().out == plain
    assert main(["--db", db, "search", "-budget", "--limit", "1"]) == 0
    assert main(["--db", db, "search", "--limit", "1", "--", "-budget"]) == 0
    out = capsys.readouterr().out
    assert out.count("Budgetuppföljning") == 2 and out.count("1 träff.") == 2
    assert main(["--db", db, "search", "-xyzzy"]) == 0
    assert "Inga träffar för ”-xyzzy”." in capsys.readouterr().out
