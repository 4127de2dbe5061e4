"""``finsam attest-check`` and the attest exports on the demo file."""

from __future__ import annotations

import io
import zipfile

from openpyxl import load_workbook
from pypdf import PdfReader

from finsam_desktop.cli import main


def test_attest_check_and_exports(tmp_path, capsys):
    db = tmp_path / "demo.sqlite"
    assert main(["--db", str(db), "demo", "--year", "2026"]) == 0
    capsys.readouterr()
    rc = main(
        [
            "--db",
            str(db),
            "attest-check",
            "--person",
            "Eva Forsberg",
            "--belopp",
            "1 840",
            "--datum",
            "2026-05-04",
            "--mottagare",
            "Eva Forsberg",
        ]
    )
    out = capsys.readouterr().out
    assert rc == 1 and "NEJ" in out and "sig själv" in out and "Anna Berglund" in out
    assert (
        main(
            [
                "--db",
                str(db),
                "attest-check",
                "--person",
                "Anna Berglund",
                "--belopp",
                "1840",
                "--datum",
                "2026-05-04",
                "--mottagare",
                "Eva Forsberg",
            ]
        )
        == 0
    )
    assert (
        main(
            [
                "--db",
                str(db),
                "attest-check",
                "--person",
                "Eva Forsberg",
                "--belopp",
                "10",
                "--datum",
                "2026-05-04",
                "--typ",
                "okänd",
            ]
        )
        == 2
    )

    pdf = tmp_path / "sig.pdf"
    assert main(["--db", str(db), "export", "signaturlista", "--year", "2026", "-o", str(pdf)]) == 0
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(pdf).pages).split())
    for needle in (
        "Signaturlista 2026",
        "Betalningsattestant",
        "Namnteckning",
        "Maxbelopp per utbetalning",
        "Eva Forsberg",
        "Gäller ej Eva Forsbergs reseräkningar",
        "Mottagningsattestant",
        "Storgatan 12",
    ):
        assert needle in text, needle
    assert PdfReader(pdf).metadata.title == "Signaturlista 2026"

    xlsx = tmp_path / "sig.xlsx"
    assert main(["--db", str(db), "export", "signaturlista", "--year", "2026", "-o", str(xlsx)]) == 0
    ws = load_workbook(xlsx).active
    assert [c.value for c in ws[5]] == [
        "Adress",
        "Betalningsattestant",
        "Ersättare",
        "Namnteckning",
        "Maxbelopp per utbetalning",
        "Anmärkning",
    ]
    assert ws["B6"].value == "Eva Forsberg\nOrdförande" and ws["D6"].value is None

    do = tmp_path / "do.pdf"
    assert main(["--db", str(db), "export", "delegationsordning", "--year", "2026", "-o", str(do)]) == 0
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(do).pages).split())
    assert "Direktupphandling upp till ett prisbasbelopp" in text and "59 200 kr" in text
    assert "6 kap. 38 §" in text
    doxl = tmp_path / "do.xlsx"
    assert main(["--db", str(db), "export", "delegationsordning", "--year", "2026", "-o", str(doxl)]) == 0
    ws = load_workbook(doxl).active
    formulas = [c.value for c in ws["H"] if isinstance(c.value, str) and c.value.startswith("=")]
    assert any("*" in f for f in formulas)
    assert main(["--db", str(db), "export", "signaturlista", "--year", "2019", "-o", str(pdf)]) == 2
    assert main(["--db", str(db), "list", "delegationsbeslut", "--ej-anmalda", "--year", "2026"]) == 0
    out = capsys.readouterr().out
    assert "Deltagande i nationell Finsamdag" in out and "på dagordningen" in out
    assert "Finsamkonferensen" not in out  # anmält 2025
    assert main(["--db", str(db), "list", "delegationsbeslut", "--year", "2026"]) == 0
    assert "överstiger delegationens gräns 59 200 kr" in capsys.readouterr().out
    reg = tmp_path / "reg.xlsx"
    assert main(["--db", str(db), "export", "delegationsbeslut", "--year", "2026", "-o", str(reg)]) == 0
    with zipfile.ZipFile(io.BytesIO(reg.read_bytes())) as z:
        assert "SUM(" in z.read("xl/worksheets/sheet1.xml").decode()
