"""The one clock: nothing else asks the computer for the date, and the clock itself behaves."""

from __future__ import annotations

import ast
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

import finsam_desktop
from finsam_desktop import clock
from finsam_desktop.ui import qt_platform

PACKAGE_DIR = Path(finsam_desktop.__file__).parent
CLOCK_CALLS = {("date", "today"), ("datetime", "now"), ("datetime", "today"), ("datetime", "utcnow")}


def _clock_calls(source: str) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            owner = node.func.value
            name = owner.attr if isinstance(owner, ast.Attribute) else getattr(owner, "id", None)
            if (name, node.func.attr) in CLOCK_CALLS:
                found.append((node.lineno, f"{name}.{node.func.attr}()"))
    return found


def test_only_the_clock_module_reads_the_computers_date():
    offenders = []
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        if path == PACKAGE_DIR / "clock.py":
            continue
        for line, call in _clock_calls(path.read_text(encoding="utf-8")):
            offenders.append(f"{path.relative_to(PACKAGE_DIR.parent)}:{line}: {call}")
    assert offenders == [], "use finsam_desktop.clock instead:\n" + "\n".join(offenders)


def test_the_guard_sees_every_spelling():
    code = "import datetime as dt\nfrom datetime import date, datetime\ndate.today()\ndatetime.now()\ndt.datetime.today()\n"
    assert [c for _, c in _clock_calls(code)] == ["date.today()", "datetime.now()", "datetime.today()"]


def test_pin_environment_and_system_in_that_order(monkeypatch):
    clock.pin(None)
    monkeypatch.delenv(clock.ENV, raising=False)
    assert clock.today() == datetime.now().date() or clock.today() == date.today()
    monkeypatch.setenv(clock.ENV, "2023-01-10")
    assert clock.today() == date(2023, 1, 10) and clock.pinned() == date(2023, 1, 10)
    clock.pin(date(2030, 2, 28))
    assert clock.today() == date(2030, 2, 28)
    with clock.pinned_to(date(2026, 6, 24)):
        assert clock.today() == date(2026, 6, 24)
    assert clock.today() == date(2030, 2, 28)
    with clock.pinned_to(None):
        assert clock.today() == date(2030, 2, 28)


def test_now_keeps_the_time_of_day_and_the_wall_clock_stays_real():
    clock.pin(date(2024, 2, 29))
    now = clock.now()
    assert now.date() == date(2024, 2, 29) and now.microsecond == 0
    assert abs(now.time().hour * 3600 + now.time().minute * 60 - _seconds(clock.wall_now())) < 120
    assert clock.now_utc().tzinfo is not None
    assert abs((clock.now_utc().date() - date(2024, 2, 29)).days) <= 1
    assert clock.wall_now().year >= 2026  # the file-naming clock is never pinned
    first, second = clock.now(), clock.now()
    assert second >= first


def _seconds(t: datetime) -> int:
    return t.hour * 3600 + t.minute * 60


@pytest.mark.parametrize("bad", ["2026-02-30", "i morgon", "20260101x", ""])
def test_a_bad_date_is_a_swedish_error_naming_its_source(bad):
    with pytest.raises(clock.ClockError, match="--today=.* är inget datum; skriv ÅÅÅÅ-MM-DD"):
        clock.parse_day(bad, "--today")


def test_suite_runs_on_its_own_pinned_day():
    assert clock.today() == date(2026, 11, 18)
    assert clock.today() + timedelta(days=1) == date(2026, 11, 19)


# --- Qt's window-system plugin on a bare Linux -------------------------------------------------------------------


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Qt's xcb plugin is Linux only")
def test_a_missing_xcb_library_is_named_with_its_package():
    tried = []

    def loader(path):
        tried.append(path)
        raise OSError("libxcb-cursor.so.0: cannot open shared object file: No such file or directory")

    message = qt_platform.xcb_problem(loader=loader, environ={"DISPLAY": ":0"})
    assert tried and tried[0].endswith("libqxcb.so")
    assert "FINSAM Kansli kan inte öppna något fönster" in message
    assert "Systembiblioteket libxcb-cursor.so.0 saknas (Debian/Ubuntu-paketet libxcb-cursor0)" in message
    assert qt_platform.INSTALL_LINE in message and "libxkbcommon-x11-0" in qt_platform.INSTALL_LINE
    # Nothing is tried when Qt will not use xcb (tests, Wayland, Windows).
    assert qt_platform.xcb_problem(loader=loader, environ={"QT_QPA_PLATFORM": "offscreen"}) is None
    assert len(tried) == 1


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Qt's xcb plugin is Linux only")
def test_no_display_is_said_before_qt_aborts():
    assert qt_platform.xcb_problem(loader=lambda _p: None, environ={}) == qt_platform.NO_DISPLAY
    assert "DISPLAY saknas" in qt_platform.NO_DISPLAY and "Xvfb" in qt_platform.NO_DISPLAY
    assert qt_platform.xcb_problem(loader=lambda _p: None, environ={"DISPLAY": ":0"}) is None


def test_which_platform_qt_will_pick():
    assert qt_platform.uses_xcb({}, "linux")
    assert qt_platform.uses_xcb({"QT_QPA_PLATFORM": "xcb"}, "linux")
    assert not qt_platform.uses_xcb({"QT_QPA_PLATFORM": "offscreen"}, "linux")
    assert not qt_platform.uses_xcb({"WAYLAND_DISPLAY": "wayland-0"}, "linux")
    assert not qt_platform.uses_xcb({}, "win32")
    assert qt_platform.package_for("libEGL.so.1") == "libegl1"
    assert qt_platform.missing_library("some other failure") is None
    assert "kan inte laddas" in qt_platform.message_for("some other failure")
