"""``finsam stickprov`` prints the column mapping it uses, takes ``--mapping`` (``--koppling`` still works) and
stops with exit code 2 when two columns are equally good for one field (issue 14, point 2)."""

from __future__ import annotations

from finsam_desktop.cli import main
from finsam_desktop.services.demo.internkontroll import CHEF, ORDF, UTANORDNARE

HEADER = (
    "Ver.nr;Bokf.datum;Konto;Ansvar;Verksamhet;Projekt;Leverantör;Fakturanr;Belopp;Beslutsattest;"
    "Mottagningsattest;Utanordnare"
)


def raindance_like(rows: int = 30) -> bytes:
    """A Raindance-like verifikationslista: the förbundschef attests the insats Steget vidare (Ansvar) up
    to 50 000 kr, the ordförande the rest; the accounts (Konto) say nothing about that mandate."""
    lines = ["sep=;", HEADER]
    for i in range(1, rows + 1):
        steget = i % 2 == 1
        lines.append(
            ";".join(
                (
                    f"A{i:04d}",
                    f"2026-03-{(i % 27) + 1:02d}",
                    "6110" if steget else "6420",
                    "Steget vidare" if steget else "Kansli",
                    "Arbetsmarknad",
                    "P-12",
                    "Kontorsbolaget AB",
                    f"F{7000 + i}",
                    f"{1 + i} {7 * i % 1000:03d},50" if not steget else f"{12 + i // 3} 500,00",
                    CHEF if steget else ORDF,
                    "Tobias Rönn" if steget else CHEF,
                    f'"{UTANORDNARE}"',
                )
            )
        )
    lines.append(";;;;;;Summa;;" + "0,00" + ";;;")
    return "\r\n".join(lines).encode("cp1252")


def _run(db, src, out, *extra):
    return main(
        ["--db", db, "stickprov", "--fil", str(src), "--storlek", "10", "--seed", "7", "--over", "0", "-o", str(out)]
        + list(extra)
    )


def test_a_role_with_two_candidate_columns_stops_with_exit_2_and_says_how_to_set_it(demo_workspace, tmp_path, capsys):
    db = str(demo_workspace.path)
    demo_workspace.close()
    src = tmp_path / "raindance.csv"
    src.write_bytes(raindance_like())
    out = tmp_path / "s.xlsx"
    assert _run(db, src, out) == 2
    captured = capsys.readouterr()
    first = captured.out.splitlines()[0]
    assert first.startswith("Kolumnkoppling: Verifikationsnummer ← ”Ver.nr”, Datum ← ”Bokf.datum”")
    assert "Konto ← ”Konto”" in first and "Kostnadsställe" not in first.split("saknas")[0]
    assert "Kostnadsställe: ”Ansvar” eller ”Verksamhet”" in captured.err
    assert '--mapping "kostnadsstalle=Ansvar"' in captured.err
    assert not out.exists()


def test_with_kostnadsstalle_mapped_the_attest_scope_uses_it(demo_workspace, tmp_path, capsys):
    db = str(demo_workspace.path)
    demo_workspace.close()
    src = tmp_path / "raindance.csv"
    src.write_bytes(raindance_like())
    out = tmp_path / "s.xlsx"
    # Without a kostnadsställe the scope of a kostnadsställe row is not checked (said once), and the accounts
    # are not taken for kostnadsställen: the old guess made every one of her rows a false alarm ("6110").
    assert _run(db, src, out, "--mapping", "kostnadsstalle=") == 0
    printed = capsys.readouterr().out
    assert "saknas (kontrolleras inte): Kostnadsställe" in printed
    assert "30 poster dragna, 0 med anmärkning" in printed
    # Chosen by the user: Ansvar is the kostnadsställe, and the mandate for Steget vidare covers her rows.
    assert _run(db, src, out, "--mapping", "kostnadsstalle=Ansvar") == 0
    printed = capsys.readouterr().out
    lines = printed.splitlines()
    assert lines[0].startswith("Kolumnkoppling: ") and "Kostnadsställe ← ”Ansvar”" in lines[0]
    assert "Fakturanummer ← ”Fakturanr”" in lines[0] and "Mottagningsattest ← ”Mottagningsattest”" in lines[0]
    assert "Rad 33 (”Summa”) är en summarad och lästes inte in." in printed
    assert "30 verifikationer lästa" in printed and "30 poster dragna, 0 med anmärkning" in printed
    # The old option name still works, and a field may be named by its label.
    assert _run(db, src, out, "--koppling", "Kostnadsställe=Ansvar") == 0
    assert "0 med anmärkning" in capsys.readouterr().out


def test_mapping_option_errors_are_swedish_and_name_the_problem(demo_workspace, tmp_path, capsys):
    db = str(demo_workspace.path)
    demo_workspace.close()
    src = tmp_path / "raindance.csv"
    src.write_bytes(raindance_like())
    out = tmp_path / "s.xlsx"
    assert _run(db, src, out, "--mapping", "kostnadsstalle=Kst") == 2
    assert "Filen har ingen kolumn ”Kst”" in capsys.readouterr().err
    assert _run(db, src, out, "--mapping", "kassa=Ansvar") == 2
    assert "Okänt fält ”kassa”" in capsys.readouterr().err
    assert _run(db, src, out, "--mapping", "belopp=Belopp,kostnadsstalle=Ansvar,attestanter=") == 0
    printed = capsys.readouterr().out
    assert "saknas (kontrolleras inte): " in printed and "Beslutsattest" in printed.splitlines()[0].split("saknas")[1]
