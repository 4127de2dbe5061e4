"""Cold start to the first painted main window, with the demo database.

    python benchmarks/startup.py [--runs 5] [--platform offscreen]

Builds the demo förbund once in a temporary directory, then starts ``python -m finsam_desktop --db
FILE`` in a fresh process per run with ``FINSAM_EXIT_AFTER_SHOW=1``: the app prints the time of the
main window's first paint and quits. Start-up = that time minus the moment the process was spawned
(interpreter start, imports, opening and checking the file, the rolling backup, building the five
tabs, first paint). Prints every run and min/median. Target: under 1.5 s on a 2-core machine.
Never used as a test gate.
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
TARGET_S = 1.5


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


def one_run(db: Path, env: dict[str, str]) -> tuple[float, float, str]:
    start = time.time()
    proc = subprocess.run(
        [sys.executable, "-m", "finsam_desktop", "--db", str(db)],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    ended = time.time()
    for line in proc.stdout.splitlines():
        if line.startswith("FINSAM_FIRST_PAINT "):
            _tag, stamp, title = line.split(" ", 2)
            return float(stamp) - start, ended - start, title
    raise RuntimeError(f"the app did not report a first paint (exit {proc.returncode}):\n{proc.stderr[-2000:]}")


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

        paints, totals = [], []
        title = ""
        for i in range(1, args.runs + 1):
            paint, total, title = one_run(db, env)
            paints.append(paint)
            totals.append(total)
            print(f"run {i}: first paint {paint:.3f} s   (process exit {total:.3f} s)")

    print(f"window: {title}")
    cache = "off (PYTHONDONTWRITEBYTECODE set)" if os.environ.get("PYTHONDONTWRITEBYTECODE") else "on"
    print(
        f"platform: {args.platform}, cpus: {os.cpu_count()}, python {sys.version.split()[0]}, bytecode cache: {cache}"
    )
    med = statistics.median(paints)
    print(
        f"cold start to first paint: min {min(paints):.3f} s, median {med:.3f} s, max {max(paints):.3f} s "
        f"(target < {TARGET_S} s: {'met' if med < TARGET_S else 'NOT met'})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
