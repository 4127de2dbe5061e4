"""The date-sensitive paths under five pinned dates: the demo, ``finsam check`` and every ``list`` command.

The rest of the suite runs on ``conftest.TODAY``. Here the program's clock is set to dates chosen to hit the
edges of the governance year: New Year's Day, midsommar week, New Year's Eve, March of a year whose mandate
period starts in April, and the last day of February. Each date is tried twice: on a demo made that day (what
``finsam demo`` gives a new user) and on the suite's 2026 demo file opened that day (a file made once and used
for years).
"""

from __future__ import annotations

import argparse
from datetime import date

import pytest

from finsam_desktop import clock
from finsam_desktop.cli import build_parser, main

DATES = ("2026-01-01", "2026-06-24", "2026-12-31", "2027-03-15", "2030-02-28")


def _list_kinds() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    top = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    listing = top.choices["list"]
    sub = next(a for a in listing._actions if isinstance(a, argparse._SubParsersAction))
    return dict(sub.choices)


def _options(p: argparse.ArgumentParser) -> set[str]:
    return {flag for action in p._actions for flag in action.option_strings}


def _run(capsys, *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err, captured.err
    return code, captured.out + captured.err


def _every_list_command(db, day: str, year: int, capsys) -> dict[str, str]:
    outputs = {}
    kinds = _list_kinds()
    assert {"meetings", "justering", "utdrag", "events", "delegationsbeslut", "budget", "utbetalningar"} <= set(kinds)
    for kind, p in kinds.items():
        argv = ["--db", str(db), "--today", day, "list", kind]
        if "--year" in _options(p):
            argv += ["--year", str(year)]
        code, out = _run(capsys, *argv)
        assert code == 0, f"list {kind} på {day}: {out}"
        outputs[kind] = out
    return outputs


@pytest.mark.parametrize("day", DATES)
def test_a_demo_made_on_the_day_checks_clean_and_lists(day, tmp_path, capsys):
    db = tmp_path / "demo.sqlite"
    today = date.fromisoformat(day)
    code, out = _run(capsys, "--db", str(db), "--today", day, "demo")
    assert code == 0, out
    assert f"({today.year})" in out
    code, out = _run(capsys, "--db", str(db), "--today", day, "check")
    assert code == 0 and "Inga fel hittades" in out, out
    code, out = _run(capsys, "--db", str(db), "--today", day, "info")
    assert code == 0 and f"Styrelsen {day}: 6 ledamöter, 6 ersättare" in out, out
    assert "Ordförande:" in out and "Eva Forsberg" in out, out
    lists = _every_list_command(db, day, today.year, capsys)
    assert "Styrelsen" in lists["meetings"]
    # The clock set with --today is gone after the command: the suite's own date is back.
    assert clock.today() == date(2026, 11, 18)


@pytest.mark.parametrize("day", DATES)
def test_the_2026_demo_file_opened_on_the_day(day, _demo_template, tmp_path, capsys):
    from finsam_desktop.persistence.backup import online_copy

    db = tmp_path / "demo2026.sqlite"
    online_copy(_demo_template, db)
    code, out = _run(capsys, "--db", str(db), "--today", day, "check")
    if day.startswith("2026"):
        assert code == 0 and "Inga fel hittades" in out, out
    else:
        # Nobody adopted an attestordning for the new year in this file: check says so, and only that.
        assert code == 1, out
        assert out.count("\n  - ") == 1 and f"Ingen antagen attestordning gäller i dag ({day})" in out, out
    lists = _every_list_command(db, day, 2026, capsys)
    # What is still to be reported depends on the day it is asked, never on the day the test runs.
    with clock.pinned_to(date.fromisoformat(day)):
        code, out = _run(capsys, "--db", str(db), "list", "delegationsbeslut", "--ej-anmalda")
    assert code == 0
    assert lists["meetings"].count("\n") >= 10


def test_a_bad_today_is_a_swedish_usage_error(tmp_path, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["--db", str(tmp_path / "x.sqlite"), "--today", "2026-13-01", "info"])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "--today='2026-13-01' är inget datum" in err and "Traceback" not in err


def test_a_bad_finsam_today_is_a_swedish_error(tmp_path, capsys, monkeypatch):
    clock.pin(None)
    monkeypatch.setenv(clock.ENV, "i morgon")
    code, out = _run(capsys, "--db", str(tmp_path / "x.sqlite"), "info")
    assert code == 2 and "FINSAM_TODAY='i morgon' är inget datum" in out
