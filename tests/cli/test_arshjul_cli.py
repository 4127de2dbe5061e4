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
