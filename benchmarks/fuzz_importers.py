"""Fuzz every importer: N mutated files each (default 1 000) through the real CLI commands.

    /work/venv/bin/python benchmarks/fuzz_importers.py [N] [--seed S] [--only utfall,stickprov,arshjul,plan]

Builds the demo förbund in a temporary file, then feeds each importer valid seed files (UTF-8, UTF-8 with BOM,
Windows-1252, UTF-16, CR-only line ends, Excel's ``sep=;``, .xlsx) mutated at random: bytes flipped, inserted,
deleted, duplicated or cut; cells replaced by 22-, 29- and 40-digit amounts, 100 000-character text, NaN,
impossible dates, control characters; rows doubled or dropped; line ends and encodings swapped; a workbook
rebuilt from mutated rows or damaged as bytes; and plain random bytes. Every file goes through the command's
handler as ``finsam`` runs it. Prints per importer: files, accepted, refused with a message, tracebacks (any
exception other than the Swedish error ``finsam`` prints) and changed databases (a refused file after which
the database file had a new commit, seen by SQLite's ``PRAGMA data_version`` on a separate connection).
After an accepted file the database is put back to the demo state, so every file meets the same data.
"""

from __future__ import annotations

import argparse
import io
import random
import re
import shutil
import sqlite3
import sys
import tempfile
import time
import traceback
from collections import Counter
from datetime import date
from pathlib import Path

from finsam_desktop import clock
from finsam_desktop.cli import build_parser
from finsam_desktop.cli.common import Context
from finsam_desktop.domain.common.errors import FinsamError
from finsam_desktop.services.demo import build_demo
from finsam_desktop.services.demo.internkontroll import generate_transactions
from finsam_desktop.services.workspace import open_workspace

TODAY = date(2026, 11, 18)

UTFALL = (
    "Konto;Kostnadsställe;Period;Belopp\n7010;;2026-10;12 000\n7020;;2026-10;80 000,50\n7010;;2026-11;-1 200\n"
    "7020;;2026-11;81 500\n"
)
CALENDAR = (
    "datum;organ;typ;beskrivning\n2027-01-22;Förbundsstyrelse;Ordinarie;\n2027-02-12;Beredningsgruppen;Ordinarie;\n"
    "2027-03-31;Kansliet;Deadline;Årsredovisningen till revisorerna\n2027-04-20;Medlemmar;Medlemssamråd;Ägarsamråd\n"
)
PLAN = """2027 års sammanträden förläggs till följande dagar kl. 09.00 -12.00
29 januari   Styrelsemöte
19 mars      Styrelsemöte, beslut om årsredovisningen
23 april     Styrelsemöte
24 september Styrelsemöte, heldag
2027-11-26;13:00-16:00;Styrelsemöte, beslut om budget och verksamhetsplan
"""

WILD_CELLS = (
    "1" * 22,
    "9" * 29,
    "-" + "8" * 40,
    "9 999 999 999 999,99",
    "1e308",
    "NaN",
    "Infinity",
    "x" * 100_000,
    "å" * 12_000,
    "",
    " ",
    '"',
    '"unterminated',
    "\x00",
    "\x1b[2J",
    "9999-12-31",
    "0000-00-00",
    "2026-02-30",
    "31/12 99999",
    "-0",
    "٣٤٥",
    "１２３",
    "\u202e2026-01-01",
    "=SUM(A1:A2)",
    "sep=;",
    "25:00-26:00",
    "30 februari",
    "99 mars",
)


# --- mutations -----------------------------------------------------------------------------------------


def _text_variants(text: str, rnd: random.Random) -> bytes:
    """The text in one of the encodings and line ends Swedish exports come in."""
    choice = rnd.randrange(8)
    if choice == 0:
        return text.encode("utf-8")
    if choice == 1:
        return b"\xef\xbb\xbf" + text.encode("utf-8")
    if choice == 2:
        return text.encode("cp1252", errors="replace")
    if choice == 3:
        return text.encode("utf-16")
    if choice == 4:
        return text.encode("utf-16-le")
    if choice == 5:
        return text.replace("\n", "\r").encode("utf-8")
    if choice == 6:
        return text.replace("\n", "\r\n").encode("cp1252", errors="replace")
    return ("sep=;\n" + text).encode("utf-8")


def _mutate_cells(text: str, rnd: random.Random) -> str:
    lines = text.splitlines()
    for _ in range(rnd.randint(1, 3)):
        kind = rnd.randrange(6)
        i = rnd.randrange(len(lines)) if lines else 0
        if not lines:
            lines = [""]
        if kind <= 2:
            cells = lines[i].split(";")
            cells[rnd.randrange(len(cells))] = rnd.choice(WILD_CELLS)
            lines[i] = ";".join(cells)
        elif kind == 3:
            lines.insert(i, lines[i])
        elif kind == 4 and len(lines) > 1:
            del lines[i]
        else:
            lines[i] = lines[i].replace(";", rnd.choice((",", "\t", ";;", "")))
    return "\n".join(lines) + rnd.choice(("\n", "", "\r\n", "\n\n\n"))


def _mutate_bytes(data: bytes, rnd: random.Random) -> bytes:
    buf = bytearray(data)
    for _ in range(rnd.randint(1, 8)):
        kind = rnd.randrange(6)
        pos = rnd.randrange(len(buf) + 1)
        if kind == 0 and buf:
            buf[min(pos, len(buf) - 1)] = rnd.randrange(256)
        elif kind == 1:
            buf[pos:pos] = bytes(rnd.randrange(256) for _ in range(rnd.randint(1, 16)))
        elif kind == 2:
            del buf[pos : pos + rnd.randint(1, 64)]
        elif kind == 3:
            buf[pos:pos] = buf[pos : pos + rnd.randint(1, 256)]
        elif kind == 4:
            del buf[pos:]
        else:
            buf[pos:pos] = rnd.choice((b"\r", b"\n", b"\x00", b"\xff\xfe", b"\xef\xbb\xbf", b'"', b";"))
    return bytes(buf)


def _xlsx(text: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    text = ILLEGAL_CHARACTERS_RE.sub("?", text)
    wb = Workbook()
    ws = wb.active
    for line in text.splitlines():
        cells: list[object] = []
        for c in line.split(";"):
            try:
                cells.append(int(c) if c.strip().lstrip("-").isdigit() and len(c) < 16 else c)
            except ValueError:
                cells.append(c)
        ws.append([c if not isinstance(c, str) else c[:32_000] for c in cells])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def mutated(seed_text: str, rnd: random.Random, xlsx_ok: bool = True) -> tuple[bytes, str]:
    """One fuzzed file (bytes, name) from a valid text."""
    kind = rnd.randrange(10)
    if kind == 0:
        return bytes(rnd.randrange(256) for _ in range(rnd.randint(0, 2000))), "slump.csv"
    if kind in (1, 2, 3):
        return _text_variants(_mutate_cells(seed_text, rnd), rnd), "celler.csv"
    if kind in (4, 5, 6):
        return _mutate_bytes(_text_variants(seed_text, rnd), rnd), "bytes.csv"
    if kind == 7 and xlsx_ok:
        return _xlsx(_mutate_cells(seed_text, rnd)), "celler.xlsx"
    if kind == 8 and xlsx_ok:
        return _mutate_bytes(_xlsx(seed_text), rnd), "trasig.xlsx"
    return _text_variants(seed_text, rnd), "giltig.csv"


# --- running -------------------------------------------------------------------------------------------


class Target:
    def __init__(self, name: str, template: Path, work: Path, argv, seed_text: str, read_only: bool = False):
        self.name, self.template, self.work, self.argv = name, template, work, argv
        self.seed_text, self.read_only = seed_text, read_only
        self.db = work / f"{name}.sqlite"
        self.ws = None
        self.reset()

    def reset(self) -> None:
        if self.ws is not None:
            self.ws.close()
        for suffix in ("", "-wal", "-shm"):
            Path(str(self.db) + suffix).unlink(missing_ok=True)
        shutil.copy(self.template, self.db)
        self.ws = open_workspace(self.db, read_only=self.read_only, lock=False, auto_backup=False)
        self.watch = sqlite3.connect(self.db)

    def version(self) -> int:
        return self.watch.execute("PRAGMA data_version").fetchone()[0]

    def run(self, path: Path) -> tuple[str, str]:
        args = build_parser().parse_args(["--db", str(self.db), *self.argv(path)])
        if getattr(args, "year_defaults_to_this", False) and args.year is None:
            args.year = clock.today().year
        ctx = Context(self.db, out=io.StringIO())
        ctx._workspace = self.ws
        before = self.version()
        try:
            args.handler(args, ctx)
            outcome, detail = "accepted", ""
        except (FinsamError, OSError) as exc:
            outcome, detail = "refused", str(exc)
        except Exception:
            outcome, detail = "traceback", traceback.format_exc(limit=6)
        changed = self.version() != before
        if outcome == "accepted":
            if changed:
                self.reset()
        elif changed:
            outcome = "changed"
        return outcome, detail


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("n", nargs="?", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=20)
    parser.add_argument("--only", default="utfall,stickprov,arshjul,plan")
    parser.add_argument("--show", type=int, default=3, help="tracebacks to print per importer")
    parser.add_argument("--messages", type=int, default=0, help="print the commonest refusal messages")
    opts = parser.parse_args()
    clock.pin(TODAY)
    work = Path(tempfile.mkdtemp(prefix="fuzz-"))
    template = work / "demo.sqlite"
    ws = open_workspace(template, auto_backup=False, lock=False)
    build_demo(ws.services, 2026)
    ws.close()
    stickprov_text = generate_transactions(2026, 60, seed=3, fault_rate=0.05).data.decode("utf-8")
    out = work / "stickprov.xlsx"
    targets = {
        "utfall": lambda: Target("utfall", template, work, lambda p: ["import", "utfall", "--fil", str(p)], UTFALL),
        "stickprov": lambda: Target(
            "stickprov",
            template,
            work,
            lambda p: ["stickprov", "--fil", str(p), "--storlek", "5", "--seed", "1", "-o", str(out)],
            stickprov_text,
            read_only=True,
        ),
        "arshjul": lambda: Target(
            "arshjul", template, work, lambda p: ["arshjul", "importera", "--fil", str(p)], CALENDAR
        ),
        "plan": lambda: Target(
            "plan", template, work, lambda p: ["arshjul", "plan", "--year", "2027", "--fil", str(p)], PLAN
        ),
    }
    print(f"{'importer':<11}{'files':>7}{'accepted':>10}{'refused':>9}{'tracebacks':>12}{'changed db':>12}  seconds")
    failed = False
    for name in opts.only.split(","):
        target = targets[name]()
        rnd = random.Random(f"{opts.seed}-{name}")
        counts: Counter[str] = Counter()
        messages: Counter[str] = Counter()
        shown: list[str] = []
        started = time.perf_counter()
        for i in range(opts.n):
            data, filename = mutated(target.seed_text, rnd, xlsx_ok=name != "plan")
            path = work / f"{i:04d}-{filename}"
            path.write_bytes(data)
            outcome, detail = target.run(path)
            counts[outcome] += 1
            if outcome == "refused":
                messages[re.sub(r"\d+", "N", detail.splitlines()[-1] if detail else "")[:100]] += 1
            if outcome in ("traceback", "changed"):
                keep = work / "failures" / name
                keep.mkdir(parents=True, exist_ok=True)
                shutil.copy(path, keep / path.name)
                if len(shown) < opts.show:
                    shown.append(f"--- {name} {path.name} ({outcome})\n{detail}")
            path.unlink()
        seconds = time.perf_counter() - started
        print(
            f"{name:<11}{opts.n:>7}{counts['accepted']:>10}{counts['refused']:>9}{counts['traceback']:>12}"
            f"{counts['changed']:>12}  {seconds:7.1f}",
            flush=True,
        )
        for text, n in messages.most_common(opts.messages):
            print(f"    {n:4} × {text}")
        for text in shown:
            print(text, file=sys.stderr)
        failed |= bool(counts["traceback"] or counts["changed"])
        target.ws.close()
    if failed:
        print(f"Failing files kept in {work / 'failures'}", file=sys.stderr)
    else:
        shutil.rmtree(work, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
