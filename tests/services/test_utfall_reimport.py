"""Utfall import on files shaped like real ekonomisystem exports (``sep=;`` line, kostnadsställe/konto/period/belopp,
a Summa row, BAS-signed income): a re-import replaces exactly what its file covers, says what it replaced and is
undoable (issue 14 point 7); the file's sign convention is chosen per import and checked (point 6)."""

from __future__ import annotations

import shutil
from datetime import date
from decimal import Decimal as D

import pytest

from finsam_desktop.cli import main
from finsam_desktop.domain.budget.lines import Line, LineClass, Section, SectionKind
from finsam_desktop.domain.budget.utfall_batches import SignConvention
from finsam_desktop.domain.budget.utfall_import import UtfallFileError
from finsam_desktop.domain.common.errors import ValidationError
from finsam_desktop.services.check import run_checks

#: workspace/demo_workspace on SQLite and PostgreSQL (tests/conftest.py, docs/postgresql.md).
BOTH_ENGINES = True


@pytest.fixture
def budget(services):
    bs = services.budget
    bid = bs.versions.create_budget(2026, with_template=False).info.id
    inc = bs.lines.save_section(bid, Section(0, "Medlemsavgifter", SectionKind.INTAKT, 1))
    adm = bs.lines.save_section(
        bid, Section(0, "Kansli och administration", SectionKind.KOSTNAD, 2, LineClass.ADMINISTRATION)
    )
    bs.lines.save_line(bid, Line(0, inc.id, "INT", "Medlemsavgifter", None, None, 1, D(2_400_000)))
    bs.lines.save_line(bid, Line(0, adm.id, "LON", "Personal", None, None, 2, D(1_200_000)))
    bs.lines.save_line(bid, Line(0, adm.id, "LOK", "Lokaler", None, None, 3, D(120_000)))
    bs.lines.save_line(bid, Line(0, adm.id, "MTR", "Material och tjänster", None, None, 4, D(240_000)))
    bs.utfall.save_mapping("standard", {"3010": "INT", "7010": "LON", "5010": "LOK", "5410": "MTR", "6550": "MTR"})
    return bid


# As the ekonomisystem exports it: Excel's sep line, kostnadsställe first, income negative (BAS), a Summa row.
EXPORT_JAN_APR = (
    "sep=;\n"
    "Kostnadsställe;Konto;Period;Belopp\n"
    "100;3010;2026-01;-600 000,00\n"
    "100;3010;2026-04;-600 000,00\n"
    "110;7010;2026-01;100 000,00\n"
    "110;7010;2026-02;100 000,00\n"
    "110;7010;2026-03;100 000,00\n"
    "110;7010;2026-04;100 000,00\n"
    "110;5010;2026-01;30 000,00\n"
    "110;5010;2026-04;30 000,00\n"
    "110;5410;2026-03;12 000,00\n"
    "120;5410;2026-03;8 000,00\n"
    "110;6550;2026-03;5 000,00\n"
    "110;5410;2026-04;20 000,00\n"
    "Summa;;;-795 000,00\n"
)
CORRECTION_MARCH = "sep=;\nKostnadsställe;Konto;Period;Belopp\n110;5410;2026-03;14 500,00\nSumma;;;14 500,00\n"


def _utfall(bs, per=date(2026, 4, 30)) -> dict[str, D | None]:
    return {r.kod: r.utfall for r in bs.followup.followup_view(2026, per).result.rows if r.kod}


def test_a_one_row_correction_replaces_only_its_key_and_says_so(services, budget):
    bs = services.budget
    first = bs.utfall.import_utfall(EXPORT_JAN_APR.encode("cp1252"), "huvudbok-jan-apr.csv", sign="bas")
    assert first.row_count == 12 and "Rad 15: summaraden" in first.message
    before = _utfall(bs)
    assert before["MTR"] == D(45_000)  # 12 000 + 8 000 + 5 000 in March, 20 000 in April
    result = bs.utfall.import_utfall(CORRECTION_MARCH.encode("utf-8-sig"), "rättelse-mars.csv")
    assert "Ersatte 1 rad för mars 2026 (kst 110, konto 5410): 12 000 kr → 14 500 kr; 0 rader tillagda." in (
        result.message
    )
    after = _utfall(bs)
    # On main the whole of March was deleted: LON lost 100 000 and MTR 13 000 (kst 120 and konto 6550).
    assert after["MTR"] == D(47_500)
    assert after["LON"] == before["LON"] == D(400_000)
    assert after["INT"] == before["INT"] == D(1_200_000)
    assert [(c.kod, c.month, c.old, c.new) for c in result.changes] == [("MTR", 3, D(25_000), D(27_500))]


def test_undo_restores_exactly_the_state_before_each_import(services, budget):
    bs = services.budget
    assert bs.utfall.last_import(2026) is None
    bs.utfall.import_utfall(EXPORT_JAN_APR.encode(), "jan-apr.csv", sign=SignConvention.BAS)
    before = _utfall(bs)
    months = [p.utfall_month for p in bs.followup.followup_view(2026, date(2026, 4, 30)).months[:4]]
    bs.utfall.import_utfall(CORRECTION_MARCH.encode(), "rättelse.csv")
    assert [f for f in run_checks(services.db) if f.area.startswith("Budget")] == []
    new_key = "sep=;\nKostnadsställe;Konto;Period;Belopp\n130;5410;2026-03;1 000\n110;7010;2026-03;90 000\n"
    third = bs.utfall.import_utfall(new_key.encode(), "tillägg.csv")
    assert "Ersatte 1 rad för mars 2026 (kst 110, konto 7010): 100 000 kr → 90 000 kr; 1 rad tillagd." in (
        third.message
    )
    assert bs.utfall.last_import(2026).filename == "tillägg.csv"
    text = bs.utfall.undo_last_import(2026)
    assert text.startswith("Ångrade importen av tillägg.csv (2026-03)")
    assert text.endswith("2 rader togs bort och 1 rad återställdes.")
    bs.utfall.undo_last_import(2026)  # the correction
    assert _utfall(bs) == before
    assert [p.utfall_month for p in bs.followup.followup_view(2026, date(2026, 4, 30)).months[:4]] == months
    bs.utfall.undo_last_import(2026)  # the first import: nothing left
    assert bs.utfall.imported_months(2026) == []
    with pytest.raises(ValidationError, match="ingen utfallsimport för 2026 att ångra"):
        bs.utfall.undo_last_import(2026)
    assert [f for f in run_checks(services.db) if f.area.startswith("Budget")] == []


def test_a_failed_reimport_changes_nothing(services, budget):
    bs = services.budget
    bs.utfall.import_utfall(EXPORT_JAN_APR.encode(), "jan-apr.csv", sign="bas")
    before, last = _utfall(bs), bs.utfall.last_import(2026)
    bad = CORRECTION_MARCH.replace("Summa;;;14 500,00\n", "110;5410;2026-13;1\n")
    with pytest.raises(UtfallFileError, match="Rad 4: perioden ”2026-13”"):
        bs.utfall.import_utfall(bad.encode(), "fel.csv")
    assert _utfall(bs) == before and bs.utfall.last_import(2026) == last


def test_bas_signed_income_read_as_budget_signed_is_warned_about(services, budget):
    bs = services.budget
    wrong = bs.utfall.import_utfall(EXPORT_JAN_APR.encode(), "jan-apr.csv", sign="budget")
    # On main the file was taken as it is, without a word: income −1 200 000 kr against a budget of +2 400 000 kr.
    assert wrong.warnings == (
        "Intäkterna summerar till −1 200 000 kr (i filen −1 200 000 kr, läst som i budgeten); är filen "
        "BAS-tecknad? Välj teckenkonvention ”BAS” och importera filen igen (ångra först den här importen).",
    )
    assert "⚠ Intäkterna summerar till −1 200 000 kr" in wrong.message
    bs.utfall.undo_last_import(2026)
    right = bs.utfall.import_utfall(EXPORT_JAN_APR.encode(), "jan-apr.csv", sign="bas")
    assert right.warnings == () and "Filen lästes BAS-tecknad" in right.message
    assert _utfall(bs)["INT"] == D(1_200_000)
    assert bs.utfall.last_import(2026).sign == "bas"
    # The choice is remembered for the mapping: the next import without a choice reads the file as BAS.
    assert bs.utfall.sign_for("standard") is SignConvention.BAS
    may = "sep=;\nKostnadsställe;Konto;Period;Belopp\n100;3010;2026-05;-200 000,00\n"
    assert bs.utfall.import_utfall(may.encode(), "maj.csv").warnings == ()
    assert _utfall(bs, date(2026, 5, 31))["INT"] == D(1_400_000)


@pytest.mark.sqlite_only  # opens the file itself (sqlite3, copies, --db FILE)
def test_cli_sign_option_warning_and_undo(services, budget, workspace, tmp_path, capsys):
    path = workspace.path
    workspace.close()
    db = tmp_path / "cli.sqlite"
    shutil.copy(path, db)
    export = tmp_path / "huvudbok.csv"
    export.write_bytes(EXPORT_JAN_APR.encode("cp1252"))
    assert main(["--db", str(db), "import", "utfall", "--fil", str(export)]) == 0
    out = capsys.readouterr().out
    assert "⚠ Intäkterna summerar till −1 200 000 kr" in out and "är filen BAS-tecknad?" in out
    assert main(["--db", str(db), "import", "ångra-utfall", "--year", "2026"]) == 0
    assert "Ångrade importen av huvudbok.csv" in capsys.readouterr().out
    assert main(["--db", str(db), "import", "utfall", "--fil", str(export), "--tecken", "bas"]) == 0
    out = capsys.readouterr().out
    assert "⚠" not in out and "Filen lästes BAS-tecknad" in out
    assert main(["--db", str(db), "list", "budget", "--year", "2026"]) == 0
    assert "Budgetuppföljning per 2026-04-30" in capsys.readouterr().out


def test_amounts_stored_before_keys_were_kept_are_replaced_a_whole_month_at_a_time():
    from finsam_desktop.domain.budget.utfall_batches import KeyAmount, UtfallKey, describe_reimport, plan_reimport

    legacy = [KeyAmount(UtfallKey(3, "", ""), "LON", D(100_000)), KeyAmount(UtfallKey(4, "", ""), "LON", D(1))]
    new = {UtfallKey(3, "7010", "110"): KeyAmount(UtfallKey(3, "7010", "110"), "LON", D(101_000))}
    plan = plan_reimport(legacy, new)
    assert [r.old.key.month for r in plan.replaced] == [3] and plan.added == (UtfallKey(3, "7010", "110"),)
    assert describe_reimport(plan, 2026) == (
        "Ersatte 1 rad för mars 2026 (äldre import utan konto): 100 000 kr → borttaget (hela månaden ersattes); "
        "1 rad tillagd."
    )
