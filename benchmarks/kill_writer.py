"""kill -9 a writer 20 times: every acknowledged edit survives, the file stays sound, the lock is taken over.

Each round starts a writer process on one file (``open_workspace`` for writing, as the window and the CLI
do) that saves persons one by one and prints ``ACK <name>`` after each committed save. After a random
moment the writer is killed with SIGKILL (no clean-up runs). Then this process opens the file for writing –
which must succeed at once, the dead writer's lock being free – and checks that every acknowledged person is
there and that ``PRAGMA integrity_check`` says ok.

    python benchmarks/kill_writer.py [--kills 20] [--seed 9]

Prints the figures; exit code 1 on any lost edit, integrity failure or lock not taken over. Unix only.
"""

from __future__ import annotations

import argparse
import os
import random
import select
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from finsam_desktop.persistence.lock import DatabaseLockedError
from finsam_desktop.services.workspace import open_workspace

WRITER = """
import sys
from pathlib import Path
from finsam_desktop.domain.organisation.model import Person
from finsam_desktop.services.workspace import open_workspace
ws = open_workspace(Path(sys.argv[1]))
print("READY", flush=True)
n = 0
while True:
    n += 1
    name = f"{sys.argv[2]}-{n}"
    ws.services.forbund.save_person(Person(0, name))
    sys.stdout.write(f"ACK {name}\\n")  # one write: print() may write its pieces one by one
    sys.stdout.flush()
"""


def one_round(db: Path, number: int, rng: random.Random) -> tuple[list[str], bool]:
    """Returns the acknowledged names and whether the writer was killed while running."""
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(db), f"k{number}"], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    acked: list[str] = []
    buffer = b""
    fd = proc.stdout.fileno()
    kill_at = None
    while True:
        ready, _, _ = select.select([fd], [], [], 0.05)
        if ready:
            chunk = os.read(fd, 65536)
            if not chunk:
                break
            buffer += chunk
            *lines, buffer = buffer.split(b"\n")
            for line in lines:
                if line == b"READY":
                    kill_at = time.monotonic() + rng.uniform(0.05, 1.0)
                elif line.startswith(b"ACK "):
                    acked.append(line[4:].decode())
        if kill_at is not None and time.monotonic() >= kill_at:
            proc.send_signal(signal.SIGKILL)
            break
        if proc.poll() is not None:
            break
    # Whatever the writer managed to print before dying counts as acknowledged too – whole lines only: a line cut
    # off by the kill ("ACK " without its name, or half a name) acknowledges nothing it can be checked against.
    proc.wait()
    rest = buffer + proc.stdout.read()
    acked += [line[4:].decode() for line in rest.split(b"\n")[:-1] if line.startswith(b"ACK ")]
    killed = proc.returncode == -signal.SIGKILL
    if not killed:
        sys.stderr.write(proc.stderr.read().decode(errors="replace"))
    proc.stdout.close()
    proc.stderr.close()
    return acked, killed


def run(db: Path, kills: int, seed: int) -> dict[str, int]:
    rng = random.Random(seed)
    figures = {"kills": 0, "acknowledged": 0, "lost": 0, "integrity_failures": 0, "lock_not_taken_over": 0}
    for number in range(kills):
        acked, killed = one_round(db, number, rng)
        figures["kills"] += killed
        figures["acknowledged"] += len(acked)
        try:
            ws = open_workspace(db, auto_backup=False)
        except DatabaseLockedError:
            figures["lock_not_taken_over"] += 1
            continue
        try:
            names = {p.namn for p in ws.services.forbund.list_persons()}
            figures["lost"] += sum(1 for name in acked if name not in names)
        finally:
            ws.close()
        conn = sqlite3.connect(db)
        try:
            if conn.execute("PRAGMA integrity_check").fetchall() != [("ok",)]:
                figures["integrity_failures"] += 1
        finally:
            conn.close()
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--seed", type=int, default=9)
    args = parser.parse_args()
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "finsam.sqlite"
        ws = open_workspace(db)
        ws.services.forbund.create("Samordningsförbundet Testbygden", "222000-3079")
        ws.close()
        figures = run(db, args.kills, args.seed)
        backups = len(list((Path(tmp) / "finsam-säkerhetskopior").glob("auto-*.sqlite")))
    print(
        f"{figures['kills']} writers killed with SIGKILL, {figures['acknowledged']} acknowledged edits: "
        f"lost {figures['lost']}, integrity failures {figures['integrity_failures']}, "
        f"lock not taken over {figures['lock_not_taken_over']} ({time.perf_counter() - start:.1f} s; "
        f"{backups} automatic backups kept)"
    )
    bad = figures["lost"] or figures["integrity_failures"] or figures["lock_not_taken_over"]
    return 1 if bad or figures["kills"] != args.kills else 0


if __name__ == "__main__":
    raise SystemExit(main())
