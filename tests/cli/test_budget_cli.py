"""``finsam export budget``, ``finsam import utfall`` and the budget listings."""

from __future__ import annotations

import shutil

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from finsam_desktop.cli import main


@pytest.fixture
def demo_db(demo_workspace, tmp_path):
    path = demo_workspace.path
    demo_workspace.close()
    target = tmp_path / "cli.sqlite"
    shutil.copy(path, target)
    return target


def test_export_budget_xlsx_and_pdf(demo_db, tmp_path, capsys):
    xlsx = tmp_path / "uppf.xlsx"
    assert (
        main(["--db", str(demo_db), "export", "budget", "--year", "2026", "--per", "2026-06-30", "-o", str(xlsx)]) == 0
    )
    assert "Budgetuppföljning per 2026-06-30" in capsys.readouterr().out
    wb = load_workbook(xlsx)
    assert wb["Uppföljning"]["E3"].value == "Periodiserad budget per 2026-06-30"
    pdf = tmp_path / "uppf.pdf"
    assert (
        main(["--db", str(demo_db), "export", "budget", "--year", "2026", "-o", str(pdf)]) == 0
    )  # default: the end of the last imported month
    assert "Budgetuppföljning per 2026-10-31" in PdfReader(pdf).pages[0].extract_text()
    assert main(["--db", str(demo_db), "export", "budget", "--year", "2026", "-o", str(tmp_path / "x.doc")]) == 2
    assert ".xlsx eller .pdf" in capsys.readouterr().err
    assert (
        main(["--db", str(demo_db), "export", "budget", "--year", "2026", "--per", "2025-12-31", "-o", str(pdf)]) == 2
    )


def test_import_utfall_rejects_whole_file_then_replaces(demo_db, tmp_path, capsys):
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "Konto;Kostnadsställe;Period;Belopp\n7010;;2026-11;12 000\n7020;;2026-11;x\n7021;;2026-14;1\n", encoding="utf-8"
    )
    assert main(["--db", str(demo_db), "import", "utfall", "--fil", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "Rad 3: beloppet ”x” är inte ett belopp." in err and "Rad 4: perioden" in err
    good = tmp_path / "nov.csv"
    good.write_text(
        "Konto;Kostnadsställe;Period;Belopp\n7010;;2026-11;12 000\n7020;;2026-11;80 000\n", encoding="utf-8"
    )
    assert main(["--db", str(demo_db), "import", "utfall", "--fil", str(good)]) == 0
    assert "Importerade 2 rader för 2026-11, totalt 92 000 kr." in capsys.readouterr().out
    good.write_text(
        "Konto;Kostnadsställe;Period;Belopp\n7010;;2026-11;12 000\n7020;;2026-11;81 500\n", encoding="utf-8"
    )
    assert main(["--db", str(demo_db), "import", "utfall", "--fil", str(good)]) == 0
    out = capsys.readouterr().out
    assert "ersattes; 1 belopp ändrades" in out and "80 000 kr → 81 500 kr" in out
    other = tmp_path / "annat.csv"
    other.write_text("Konto;Period;Belopp\n9999;2026-11;100\n", encoding="utf-8")
    assert main(["--db", str(demo_db), "import", "utfall", "--fil", str(other), "--koppla", "9999=KAN7"]) == 0
    assert main(["--db", str(demo_db), "import", "utfall", "--fil", str(other), "--koppla", "9999"]) == 2


def test_list_budget_and_payments(demo_db, capsys):
    assert main(["--db", str(demo_db), "list", "budget", "--year", "2026", "--avvikande"]) == 0
    out = capsys.readouterr().out
    assert "Psykolog i Arbetsmarknadstorget" in out and "Förbundschef" not in out
    assert main(["--db", str(demo_db), "list", "utbetalningar", "--year", "2026"]) == 0
    assert "81 774,50 kr" in capsys.readouterr().out


def test_import_utfall_reads_any_encoding_and_line_end_and_refuses_wild_amounts(demo_db, tmp_path, capsys):
    text = "Konto;Kostnadsställe;Period;Belopp\n7010;;2026-11;12 000\n7020;;2026-11;80 000\n"
    src = tmp_path / "u.csv"
    for data in (
        text.replace("\n", "\r").encode("utf-8"),
        text.encode("utf-16"),
        b"\xef\xbb\xbf" + text.encode("utf-8"),
        ("sep=;\r\n" + text.replace("\n", "\r\n")).encode("cp1252"),
    ):
        src.write_bytes(data)
        assert main(["--db", str(demo_db), "import", "utfall", "--fil", str(src)]) == 0, capsys.readouterr().err
        assert "totalt 92 000 kr" in capsys.readouterr().out
    src.write_text(text + "7010;;2026-11;" + "1" * 22 + "\n7010;;2026-11;" + "9" * 29 + "\n", encoding="utf-8")
    assert main(["--db", str(demo_db), "import", "utfall", "--fil", str(src)]) == 2
    err = capsys.readouterr().err
    assert "Rad 4: beloppet ”1111111111111111111111” är orimligt stort" in err and "Rad 5: beloppet" in err
    (tmp_path / "trasig.xlsx").write_bytes(b"PK\x03\x04trasig")
    assert main(["--db", str(demo_db), "import", "utfall", "--fil", str(tmp_path / "trasig.xlsx")]) == 2
    assert "inte läsas som Excel-arbetsbok" in capsys.readouterr().err
