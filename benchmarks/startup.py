"""Cold start of the main window against a bare PySide6 window, with the demo database — as ratios.

    python benchmarks/startup.py [--runs 5] [--platform offscreen]

Builds the demo förbund once in a temporary directory, then, interleaved and in fresh processes per run:

- the baseline: a bare PySide6 ``QMainWindow`` (1280×800) that prints the time of its first paint and quits;
- ``python -m finsam_desktop --db FILE`` with ``FINSAM_EXIT_AFTER_SHOW=1``: the app prints the time of the main
  window's first paint (``FINSAM_FIRST_PAINT``; the window comes up before the file is opened) and of the first
  paint that shows the current tab's data (``FINSAM_DATA_VISIBLE``), then quits.

Each time counts from the moment the process was spawned. Prints every run, the medians and the ratios against
the baseline with the targets of issue 22 (first paint ≤ 1.5×, data visible ≤ 3×). Never a test gate.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIRST_PAINT_TARGET = 1.5
DATA_VISIBLE_TARGET = 3.0

BARE_WINDOW = """
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setWindowTitle("bare")
window.resize(1280, 800)
class Probe(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            obj.removeEventFilter(self)
            print(f"FINSAM_FIRST_PAINT {time.time():.6f} bare", flush=True)
            QTimer.singleShot(0, app.quit)
        return False
probe = Probe()
window.installEventFilter(probe)
window.show()
app.exec()
"""


def build_demo_file(path: Path, env: dict[str, str]) -> None:
    code = (
        "import sys; from pathlib import Path; from datetime import date\n"
        "from finsam_desktop.services.workspace import open_workspace\n"
        "from finsam_desktop.services.demo import build_demo\n"
        "ws = open_workspace(Path(sys.argv[1]), auto_backup=False)\n"
        "build_demo(ws.services, date.today().year)\n"
        "ws.close()\n"
    )
    subprocess.run([sys.executable, "-c", code, str(path)], check=True, env=env, cwd=ROOT)


def timed_process(command: list[str], env: dict[str, str]) -> dict[str, float]:
    """Run ``command``; the ``FINSAM_<EVENT> <unix time> …`` lines it prints, as seconds since the spawn."""
    start = time.time()
    proc = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, timeout=120)
    marks = {}
    for line in proc.stdout.splitlines():
        if line.startswith("FINSAM_"):
            tag, stamp = line.split(" ", 2)[:2]
            marks[tag.removeprefix("FINSAM_")] = float(stamp) - start
    if "FIRST_PAINT" not in marks:
        raise RuntimeError(f"no first paint reported (exit {proc.returncode}):\n{proc.stderr[-2000:]}")
    return marks


def verdict(ratio: float, target: float) -> str:
    return f"{ratio:.1f}× (mål ≤ {target:g}×: {'uppfyllt' if ratio <= target else 'EJ uppfyllt'})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Cold start to the first painted window")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--platform", default=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="finsam-startup-") as tmp:
        env = dict(os.environ)
        env.update(
            QT_QPA_PLATFORM=args.platform,
            FINSAM_EXIT_AFTER_SHOW="1",
            XDG_CONFIG_HOME=str(Path(tmp) / "config"),
            XDG_DATA_HOME=str(Path(tmp) / "data"),
        )
        env.pop("FINSAM_DB", None)
        db = Path(tmp) / "demo.sqlite"
        t0 = time.perf_counter()
        build_demo_file(db, env)
        print(
            f"Demo database ({date.today().year}) built in {time.perf_counter() - t0:.1f} s; "
            f"{db.stat().st_size / 1024:.0f} KiB"
        )

        bare, paints, visible = [], [], []
        for i in range(1, args.runs + 1):
            bare.append(timed_process([sys.executable, "-c", BARE_WINDOW], env)["FIRST_PAINT"])
            marks = timed_process([sys.executable, "-m", "finsam_desktop", "--db", str(db)], env)
            paints.append(marks["FIRST_PAINT"])
            visible.append(marks["DATA_VISIBLE"])
            print(
                f"run {i}: bare window {bare[-1]:.3f} s, FINSAM first paint {paints[-1]:.3f} s, "
                f"data visible {visible[-1]:.3f} s"
            )

    cache = "off (PYTHONDONTWRITEBYTECODE set)" if os.environ.get("PYTHONDONTWRITEBYTECODE") else "on"
    print(
        f"platform: {args.platform}, cpus: {os.cpu_count()}, python {sys.version.split()[0]}, bytecode cache: {cache}"
    )
    base, paint, data = (statistics.median(v) for v in (bare, paints, visible))
    print(f"median: bare PySide6 window {base:.3f} s, first paint {paint:.3f} s, data visible {data:.3f} s")
    print(f"first paint / bare window: {verdict(paint / base, FIRST_PAINT_TARGET)}")
    print(f"data visible / bare window: {verdict(data / base, DATA_VISIBLE_TARGET)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
