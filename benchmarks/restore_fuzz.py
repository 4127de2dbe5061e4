"""200 bad restore candidates: each must be refused in Swedish, without a traceback, leaving the live file
byte-identical (and nothing left behind beside it).

    python benchmarks/restore_fuzz.py [--count 200] [--seed 20] [--cli-every 10]

The candidates come from ``restore_candidates.py`` (truncated, junk/zeroed pages, not SQLite, foreign SQLite
also stamped with our application id, dropped tables/columns/triggers, missing or newer schema version,
dangling references, rule errors, a forged justerat protocol). Every candidate goes through the service path
(``restore_path``, what ``finsam restore`` and the window's start use) with ``accept_findings=True`` as well, so
that only rule errors can ever be accepted; every ``--cli-every``-th also through the ``finsam`` command
(exit code 2, no traceback on stderr).
"""

from __future__ import annotations

import argparse
import collections
import hashlib
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import restore_candidates

from finsam_desktop import clock
from finsam_desktop.persistence.backup import online_copy
from finsam_desktop.persistence.migrator import DatabaseRefusedError
from finsam_desktop.services.demo import build_demo
from finsam_desktop.services.restore import RestoreFindingsError, restore_path
from finsam_desktop.services.workspace import open_workspace

CLI = "import sys; from finsam_desktop.cli import main; sys.exit(main())"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _beside(live: Path) -> set[str]:
    ignore = {live.name + ".lock", live.name + ".oslock"}
    return {p.name for p in live.parent.iterdir()} - ignore


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--seed", type=int, default=20)
    parser.add_argument("--cli-every", type=int, default=10, help="0: no CLI runs")
    args = parser.parse_args()
    clock.pin(clock.wall_now().date())
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        good = tmp / "good.sqlite"
        ws = open_workspace(good, auto_backup=False, lock=False)
        build_demo(ws.services, 2026)
        ws.close()
        (tmp / "live").mkdir()
        live = tmp / "live" / "finsam.sqlite"
        online_copy(good, live)
        before, files = _digest(live), _beside(live)
        (tmp / "kandidater").mkdir()
        start = time.perf_counter()
        candidates = restore_candidates.make_many(good, tmp / "kandidater", args.count, args.seed)
        made = time.perf_counter() - start
        outcome: collections.Counter[str] = collections.Counter()
        per_kind: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
        failures: list[str] = []
        cli_runs = cli_bad = 0
        start = time.perf_counter()
        for i, (kind, cand) in enumerate(candidates):
            for accept in (False, True):
                try:
                    restore_path(live, cand, accept_findings=accept)
                    result = "återställd"
                except RestoreFindingsError as exc:
                    result = "vägrad (regelfel, kan godtas)" if exc.acceptable else "vägrad (check: aldrig godtagbart)"
                except DatabaseRefusedError as exc:
                    result = "vägrad"
                    if "kan inte återställas" not in str(exc):
                        failures.append(f"{cand.name} ({kind}): unexpected message {exc}")
                except Exception as exc:  # a traceback for the user
                    result = "traceback"
                    failures.append(f"{cand.name} ({kind}): {type(exc).__name__}: {exc}")
                if result == "återställd":
                    if not accept or kind != "regelfel":
                        failures.append(f"{cand.name} ({kind}): restored (accept_findings={accept})")
                    outcome["accepted with rule errors (asked for)"] += 1
                    online_copy(good, live)  # put the live file back for the next candidate
                    before = _digest(live)
                    for name in _beside(live) - files:
                        (live.parent / name).unlink()
                    continue
                outcome[result] += 1
                per_kind[kind][result] += 1
                if _digest(live) != before:
                    failures.append(f"{cand.name} ({kind}): live file changed")
                    outcome["live changed"] += 1
                if _beside(live) != files:
                    failures.append(f"{cand.name} ({kind}): left {sorted(_beside(live) - files)}")
            if args.cli_every and i % args.cli_every == 0:
                cli_runs += 1
                proc = subprocess.run(
                    [sys.executable, "-c", CLI, "--db", str(live), "restore", str(cand)],
                    capture_output=True,
                    text=True,
                    env=dict(os.environ, FINSAM_TODAY=clock.today().isoformat()),
                )
                if proc.returncode != 2 or "Traceback" in proc.stderr or "kan inte återställas" not in proc.stderr:
                    if not ("kontroll hittade" in proc.stderr and proc.returncode == 2):
                        cli_bad += 1
                        failures.append(f"CLI {cand.name} ({kind}): rc {proc.returncode} {proc.stderr[-300:]}")
                if _digest(live) != before:
                    failures.append(f"CLI {cand.name} ({kind}): live file changed")
        elapsed = time.perf_counter() - start
    print(f"{len(candidates)} bad candidates ({len(restore_candidates.KINDS)} kinds), made in {made:.1f} s")
    print(f"restore attempts: {2 * len(candidates)} (each without and with accept_findings) in {elapsed:.1f} s")
    keys = ("vägrad", "vägrad (regelfel, kan godtas)", "vägrad (check: aldrig godtagbart)")
    for key in (*keys, "accepted with rule errors (asked for)", "traceback", "live changed"):
        print(f"  {key:40} {outcome.get(key, 0)}")
    print(f"  CLI runs: {cli_runs}, wrong exit code/traceback: {cli_bad}")
    for kind, counts in sorted(per_kind.items()):
        print(f"    {kind:28} " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    print(f"failures: {len(failures)}")
    for line in failures[:20]:
        print("  " + line)
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
