"""Two writers starting at the same moment never both get the write lock.

Each round forks two processes that are released together (one pipe write wakes both), each tries
``FileLock.acquire()`` on the same file and reports whether it got the lock while still holding it; only then
are both told to let go. "Two writers" means both reported holding it at once. A third of the rounds start
with a holder file left by a dead process (a crash) and a third with an empty holder file (the old race),
so stale takeover is raced too.

    python benchmarks/lock_race.py [--rounds 250] [--dir DIR]

Prints the figures; exit code 1 if two writers were ever seen or a round had no writer at all.
(Unix only: it uses ``os.fork`` so that 2 × 250 processes start in seconds.)
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from finsam_desktop.persistence.lock import DatabaseLockedError, FileLock, lock_path_for


def _child(db: Path, go_r: int, report_w: int, release_r: int) -> None:
    os.read(go_r, 1)  # wait for the start signal
    lock = FileLock(db)
    try:
        lock.acquire()
        got = True
    except DatabaseLockedError:
        got = False
    os.write(report_w, b"1" if got else b"0")
    os.read(release_r, 1)  # hold it until the parent has both answers
    if got:
        lock.release()
    os._exit(0)


def race_round(db: Path, setup: str) -> int:
    """One round; returns how many of the two processes held the lock at the same time."""
    holder = lock_path_for(db)
    if setup == "dead":
        holder.write_text(json.dumps({"host": socket.gethostname(), "pid": 2**22 + 12345, "user": "x", "since": "?"}))
    elif setup == "empty":
        holder.write_text("")
    go_r, go_w = os.pipe()
    rel_r, rel_w = os.pipe()
    rep_r, rep_w = os.pipe()
    pids = []
    for _ in range(2):
        pid = os.fork()
        if pid == 0:
            os.close(go_w)
            os.close(rel_w)
            os.close(rep_r)
            _child(db, go_r, rep_w, rel_r)
        pids.append(pid)
    os.close(rep_w)
    os.write(go_w, b"gg")  # both wake on the same write
    answers = b""
    while len(answers) < 2:
        chunk = os.read(rep_r, 2)
        if not chunk:
            break
        answers += chunk
    os.write(rel_w, b"rr")
    for pid in pids:
        os.waitpid(pid, 0)
    for fd in (go_r, go_w, rel_r, rel_w, rep_r):
        os.close(fd)
    return answers.count(b"1")


def run(rounds: int, directory: Path) -> dict[str, int]:
    db = directory / "race.sqlite"
    counts = {"rounds": rounds, "processes": 2 * rounds, "two_writers": 0, "no_writer": 0, "one_writer": 0}
    setups = ("clean", "dead", "empty")
    for i in range(rounds):
        held = race_round(db, setups[i % 3])
        key = {0: "no_writer", 1: "one_writer", 2: "two_writers"}[held]
        counts[key] += 1
    return counts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=250)
    parser.add_argument("--dir", type=Path)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    start = time.perf_counter()
    if args.dir:
        counts = run(args.rounds, args.dir)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            counts = run(args.rounds, Path(tmp))
    elapsed = time.perf_counter() - start
    if args.json:
        print(json.dumps(counts))
    else:
        print(
            f"{counts['rounds']} rounds, {counts['processes']} processes: two writers {counts['two_writers']}, "
            f"exactly one {counts['one_writer']}, none {counts['no_writer']} ({elapsed:.1f} s)"
        )
    return 1 if counts["two_writers"] or counts["no_writer"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
