"""``finsam export arshjul``, ``finsam list events`` and ``finsam arshjul``."""

from __future__ import annotations

from icalendar import Calendar

from finsam_desktop.cli import main

PLAN = """2026 års sammanträden förläggs till följande dagar kl. 09.00 -12.00
30 januari   Styrelsemöte
20 mars      Styrelsemöte, beslut om årsredovisningen
24 april     Styrelsemöte
25 september Styrelsemöte
27 november  Styrelsemöte, beslut om budget och verksamhetsplan
"""


def _db(tmp_path) -> str:
    db = tmp_path / "f.sqlite"
    assert main(["--db", str(db), "init", "--namn", "Samordningsförbundet Testå", "--orgnr", "222000-3079"]) == 0
    return str(db)


def test_create_year_plan_list_and_export(tmp_path, capsys):
    db = _db(tmp_path)
    assert main(["--db", db, "arshjul", "skapa", "--year", "2026"]) == 0
    plan = tmp_path / "plan.txt"
    plan.write_text(PLAN, encoding="utf-8")
    assert main(["--db", db, "arshjul", "plan", "--year", "2026", "--fil", str(plan), "--plats", "Kansliet"]) == 0
    out = capsys.readouterr().out
    assert "5 sammanträden skapade" in out
    assert main(["--db", db, "list", "events", "--year", "2026", "--from", "2026-11-01", "--to", "2026-11-30"]) == 0
    out = capsys.readouterr().out
    assert "2026-11-27" in out and "Styrelsemöte" in out
    assert "Protokollet justeras senast" not in out  # 11 December is outside the window
    assert "2026-11-16 – 2026-11-20" in out  # FK's besked in week 47
    assert "2026-10-" not in out
    ics = tmp_path / "a.ics"
    assert main(["--db", db, "export", "arshjul", "--year", "2026", "--format", "ics", "-o", str(ics)]) == 0
    events = list(Calendar.from_ical(ics.read_bytes()).walk("VEVENT"))
    assert sum(1 for e in events if str(e["SUMMARY"]) == "Styrelsemöte") == 5
    for fmt in ("pdf", "xlsx"):
        target = tmp_path / f"a.{fmt}"
        assert main(["--db", db, "export", "arshjul", "--year", "2026", "-o", str(target)]) == 0
        assert target.stat().st_size > 5000


def test_list_flags_a_sunday_and_bad_dates_are_refused(tmp_path, capsys):
    db = _db(tmp_path)
    csv = tmp_path / "f6.csv"
    csv.write_text("2021-08-22;Förbundsstyrelse;Ordinarie;\n", encoding="utf-8")
    assert main(["--db", db, "arshjul", "importera", "--fil", str(csv)]) == 0
    assert main(["--db", db, "list", "events", "--year", "2021"]) == 0
    assert "OBS söndag" in capsys.readouterr().out
    assert main(["--db", db, "list", "events", "--year", "2021", "--from", "2021-13-01"]) == 2
    assert "--from" in capsys.readouterr().err
    assert main(["--db", db, "export", "arshjul", "--year", "2021", "-o", str(tmp_path / "x.doc")]) == 2


def test_import_reads_any_encoding_or_a_workbook_and_never_doubles(tmp_path, capsys):
    from openpyxl import Workbook

    db = _db(tmp_path)
    lista = "datum;organ;typ;beskrivning\r2027-01-22;Förbundsstyrelse;Ordinarie;\r2027-03-31;Kansliet;Deadline;Årsredovisning\r"
    src = tmp_path / "lista.csv"
    src.write_bytes(b"\xef\xbb\xbf" + lista.encode("utf-8"))  # Excel's "CSV UTF-8", CR line ends
    assert main(["--db", db, "arshjul", "importera", "--fil", str(src)]) == 0
    assert "2 händelser importerade." in capsys.readouterr().out
    for data in (lista.encode("cp1252"), lista.encode("utf-16")):
        src.write_bytes(data)
        assert main(["--db", db, "arshjul", "importera", "--fil", str(src)]) == 0
        assert "0 händelser importerade. 2 fanns redan i årshjulet" in capsys.readouterr().out
    wb = Workbook()
    for line in (lista + "2027-04-20;Medlemmar;Medlemssamråd;Ägarsamråd").split("\r"):
        wb.active.append(line.split(";"))
    wb.save(tmp_path / "lista.xlsx")
    assert main(["--db", db, "arshjul", "importera", "--fil", str(tmp_path / "lista.xlsx")]) == 0
    assert "1 händelse importerade. 2 fanns redan" in capsys.readouterr().out
    assert main(["--db", db, "list", "events", "--year", "2027"]) == 0
    assert "3 händelser." in capsys.readouterr().out
    src.write_bytes(b"2027-05-01;Styrelse;Ordinarie;" + b"x" * 100_000 + b"\n")
    assert main(["--db", db, "arshjul", "importera", "--fil", str(src)]) == 2
    err = capsys.readouterr().err
    assert "Rad 1, kolumn 4: cellen är för lång" in err and len(err) < 300
