"""The Årshjul tab must not crash Python: not while the wheel is repainted, not at exit.

PySide6 6.12.0 on Python 3.11 drops a reference to ``None`` in every ``void`` method call; the wheel
makes about 2 000 such calls per paint, so without ``finsam_desktop.ui.pyside_compat`` the process
aborts with ``none_dealloc`` after a few dozen repaints or while shutting down. Each check runs in a
subprocess because the failure is an abort of the interpreter itself."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from finsam_desktop.persistence.backup import online_copy

REPAINTS = 80

_WINDOW_SCRIPT = textwrap.dedent(
    """
    import sys
    from pathlib import Path

    from PySide6.QtCore import QPoint
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from finsam_desktop.services.workspace import open_workspace
    from finsam_desktop.ui.main_window import MainWindow

    app = QApplication([])
    ws = open_workspace(Path(sys.argv[1]), auto_backup=False)
    window = MainWindow(ws)
    window.resize(1400, 900)
    window.show()
    tab = window.tab_widget("arshjul")
    window.tabs.setCurrentIndex(0)
    app.processEvents()
    wheel = tab.wheel_page.wheel
    marks = wheel.marks
    assert marks, "hjulet har inga markeringar"
    tips = 0
    for i in range(int(sys.argv[2])):
        pos = wheel.mark_position(marks[i % len(marks)])
        QTest.mouseMove(wheel, pos.toPoint())
        tips += bool(wheel.tooltip_at(pos))
        wheel.grab()
        app.processEvents()
    QTest.mouseMove(wheel, QPoint(2, 2))
    window.ensure_all_tabs()
    window.grab()
    window.close()
    ws.close()
    print("KLART", tips, flush=True)
    """
)

_VOID_CALLS_SCRIPT = textwrap.dedent(
    """
    import finsam_desktop.ui  # noqa: F401  (installs the guard)
    from PySide6.QtCore import QObject

    probe = QObject()
    for _ in range(300_000):
        probe.setObjectName("x")
    print("KLART", flush=True)
    """
)


def _run(script: str, args: list[str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    path = tmp_path / "scenario.py"
    path.write_text(script, encoding="utf-8")
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        XDG_DATA_HOME=str(tmp_path / "data"),
    )
    return subprocess.run(
        [sys.executable, "-X", "faulthandler", str(path), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )


def test_arshjul_tab_hovered_and_repainted_exits_cleanly(_demo_template, tmp_path):
    db = tmp_path / "demo.sqlite"
    online_copy(_demo_template, db)
    result = _run(_WINDOW_SCRIPT, [str(db), str(REPAINTS)], tmp_path)
    assert result.returncode == 0, f"exit code {result.returncode}\n{result.stderr[-3000:]}"
    assert "none_dealloc" not in result.stderr
    done = [line for line in result.stdout.splitlines() if line.startswith("KLART")]
    assert done, result.stdout
    assert int(done[0].split()[1]) == REPAINTS  # every hovered mark had its tooltip


def test_many_void_qt_calls_do_not_kill_none(tmp_path):
    result = _run(_VOID_CALLS_SCRIPT, [], tmp_path)
    assert result.returncode == 0, f"exit code {result.returncode}\n{result.stderr[-3000:]}"
    assert "KLART" in result.stdout
