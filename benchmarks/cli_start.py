"""How fast ``finsam`` commands start — whole processes, fresh each run, interleaved with a bare interpreter.

    python benchmarks/cli_start.py [--runs 7]

Measures ``finsam --help``, a usage error, ``finsam list meetings`` and ``finsam export protocol`` on the demo
file, and ``python -c pass`` as the baseline. Before a command opens the file only the argument parser and the
domain modules load; SQLAlchemy, the services and Alembic (only when a file must be created or upgraded) load
when a command needs them. Prints medians, the ratio to the bare interpreter and the target of issue 22 (a
command starts in ≤ 0.35 s). Never a test gate.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import _protocol30

START_TARGET_S = 0.35
FINSAM = _protocol30.FINSAM


def run(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, capture_output=True, timeout=300)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="finsam-cli-") as tmp:
        db = Path(tmp) / "demo.sqlite"
        subprocess.run([*FINSAM, "--db", str(db), "--today", "2026-11-18", "demo"], check=True, capture_output=True)
        commands = {
            "python -c pass": [sys.executable, "-c", "pass"],
            "finsam --help": [*FINSAM, "--help"],
            "finsam (usage error)": [*FINSAM, "export", "nothing"],
            "finsam list meetings": [*FINSAM, "--db", str(db), "list", "meetings"],
            "finsam export protocol": [
                *FINSAM,
                "--db",
                str(db),
                "export",
                "protocol",
                "--meeting",
                "1",
                "-o",
                str(Path(tmp) / "p.pdf"),
            ],
        }
        times: dict[str, list[float]] = {name: [] for name in commands}
        for command in commands.values():
            run(command)  # warm the file cache and the bytecode cache
        for _ in range(args.runs):
            for name, command in commands.items():
                times[name].append(run(command))
    base = statistics.median(times["python -c pass"])
    for name, values in times.items():
        med = statistics.median(values)
        extra = ""
        if name in ("finsam --help", "finsam (usage error)"):
            extra = f"  (mål ≤ {START_TARGET_S} s: {'uppfyllt' if med <= START_TARGET_S else 'EJ uppfyllt'})"
        print(f"{name:<24} median {med:6.3f} s  = {med / base:5.1f}× python -c pass{extra}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
