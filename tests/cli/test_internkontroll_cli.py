"""``finsam export risk`` and ``finsam stickprov`` (headless draw + check)."""

from __future__ import annotations

from openpyxl import load_workbook

from finsam_desktop.cli import main
from finsam_desktop.services.demo.internkontroll import generate_transactions


def test_export_risk_pdf_and_xlsx(demo_workspace, tmp_path, capsys):
    db = str(demo_workspace.path)
    demo_workspace.close()
    pdf, xlsx = tmp_path / "risk.pdf", tmp_path / "risk.xlsx"
    assert main(["--db", db, "export", "risk", "--year", "2026", "-o", str(pdf)]) == 0
    assert pdf.read_bytes().startswith(b"%PDF")
    assert main(["--db", db, "export", "risk", "--year", "2026", "-o", str(xlsx)]) == 0
    assert load_workbook(xlsx)["Risker"]["F5"].value == "=D5*E5"
    assert main(["--db", db, "export", "risk", "--year", "2019", "-o", str(pdf)]) == 2
    assert "ingen riskanalys" in capsys.readouterr().err


def test_stickprov_draws_checks_and_reproduces(demo_workspace, tmp_path, capsys):
    db = str(demo_workspace.path)
    demo_workspace.close()
    gen = generate_transactions(2026, 2000, seed=3, fault_rate=0.03)
    src = tmp_path / "ver.csv"
    src.write_bytes(gen.data)
    out1, out2 = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    args = [
        "--db",
        db,
        "stickprov",
        "--fil",
        str(src),
        "--storlek",
        "60",
        "--seed",
        "42",
        "--over",
        "125 000",
        "--period",
        "2026-03-01:2026-10-31",
    ]
    assert main(args + ["-o", str(out1)]) == 0
    printed = capsys.readouterr().out
    assert "2000 verifikationer lästa" in printed and "frö 42" in printed
    assert main(args + ["-o", str(out2)]) == 0
    a = [
        r[3]
        for r in load_workbook(out1)["Stickprov"].iter_rows(min_row=5, values_only=True)
        if r[0] and isinstance(r[0], int)
    ]
    b = [
        r[3]
        for r in load_workbook(out2)["Stickprov"].iter_rows(min_row=5, values_only=True)
        if r[0] and isinstance(r[0], int)
    ]
    assert a == b and len(a) >= 60
    sheet = load_workbook(out1)["Stickprov"]
    flagged = {
        r[3]
        for r in sheet.iter_rows(min_row=5, values_only=True)
        if isinstance(r[0], int) and r[10] != "Inga anmärkningar"
    }
    assert flagged == {v for v in a if v in gen.planted}


def test_stickprov_rejects_a_malformed_file_with_row_numbers(demo_workspace, tmp_path, capsys):
    db = str(demo_workspace.path)
    demo_workspace.close()
    src = tmp_path / "fel.csv"
    src.write_text(
        "Ver nr;Datum;Belopp;Attestant\n1;2026-01-05;1 200,00;Eva Forsberg\n2;2026-01-06;ett tusen;Eva Forsberg\n"
        "3;2026-02-31;500;Eva Forsberg\n4;2026-01-08\n",
        encoding="utf-8",
    )
    assert (
        main(
            [
                "--db",
                db,
                "stickprov",
                "--fil",
                str(src),
                "--storlek",
                "5",
                "--seed",
                "1",
                "-o",
                str(tmp_path / "x.xlsx"),
            ]
        )
        == 2
    )
    err = capsys.readouterr().err
    assert "3 rader går inte att läsa (3, 4, 5)" in err
    assert "Rad 3, Belopp" in err and "Rad 4, Datum" in err and "Rad 5, Belopp: kolumnen saknas" in err
    assert not (tmp_path / "x.xlsx").exists()
