"""Property tests: every importer, fed arbitrary bytes or a mutated valid file, either accepts it or refuses it
with a Swedish message – never a traceback, and a refused file leaves the database as it was.

The heavy run (1 000 files per importer through the CLI) is ``benchmarks/fuzz_importers.py``.
"""

from __future__ import annotations

import io
import sqlite3

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from finsam_desktop.domain.arshjul.plan import parse_plan
from finsam_desktop.domain.common.errors import FinsamError
from finsam_desktop.domain.common.tabular import read_text
from finsam_desktop.persistence.backup import online_copy
from finsam_desktop.services.demo.internkontroll import generate_transactions
from finsam_desktop.services.workspace import open_workspace

UTFALL = "Konto;Kostnadsställe;Period;Belopp\n7010;;2026-10;12 000\n7020;;2026-10;80 000,50\n7010;;2026-11;-1 200\n"
CALENDAR = (
    "datum;organ;typ;beskrivning\n2027-01-22;Förbundsstyrelse;Ordinarie;\n"
    "2027-03-31;Kansliet;Deadline;Årsredovisningen till revisorerna\n2027-04-20;Medlemmar;Medlemssamråd;Ägarsamråd\n"
)
PLAN = "2027 års sammanträden kl. 09.00 -12.00\n29 januari   Styrelsemöte\n19 mars      Styrelsemöte, heldag\n"
STICKPROV = generate_transactions(2026, 12, seed=3).data.decode("utf-8")

WILD = (
    "1" * 22,
    "9" * 29,
    "1e308",
    "NaN",
    "x" * 20_000,
    "",
    '"',
    "\x01",
    "9999-12-31",
    "2026-02-30",
    "٣٤٥",
    "sep=;",
    "25:00-26:00",
    "-",
)
SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)


@st.composite
def files(draw, seed: str, xlsx: bool = True) -> tuple[bytes, str]:
    """Arbitrary bytes, or the valid ``seed`` with cells replaced, rows doubled, re-encoded and bytes damaged."""
    if draw(st.integers(0, 5)) == 0:
        return draw(st.binary(max_size=3000)), "slump.csv"
    lines = seed.splitlines()
    for _ in range(draw(st.integers(0, 3))):
        i = draw(st.integers(0, len(lines) - 1))
        cells = lines[i].split(";")
        action = draw(st.integers(0, 2))
        if action == 0:
            cells[draw(st.integers(0, len(cells) - 1))] = draw(st.sampled_from(WILD) | st.text(max_size=30))
            lines[i] = ";".join(cells)
        elif action == 1:
            lines.insert(i, lines[i])
        else:
            lines[i] = lines[i].replace(";", draw(st.sampled_from([",", "\t", ""])))
    text = draw(st.sampled_from(["\n", "\r", "\r\n"])).join(lines) + "\n"
    if xlsx and draw(st.booleans()) and draw(st.booleans()):
        data, name = _xlsx(text), "lista.xlsx"
    else:
        encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16", "utf-16-le"]))
        data, name = text.encode(encoding, errors="replace"), "lista.csv"
    buf = bytearray(data)
    for _ in range(draw(st.integers(0, 3))):
        # Not drawn from len(buf): a workbook's bytes carry the time it was saved, and hypothesis needs the same
        # draws for the same choices on a replay.
        pos = draw(st.integers(0, 1 << 20)) % (len(buf) + 1)
        op = draw(st.integers(0, 2))
        if op == 0:
            buf[pos:pos] = draw(st.binary(min_size=1, max_size=8))
        elif op == 1:
            del buf[pos : pos + draw(st.integers(1, 40))]
        else:
            del buf[pos:]
    return bytes(buf), name


def _xlsx(text: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    wb = Workbook()
    for line in ILLEGAL_CHARACTERS_RE.sub("?", text).splitlines():
        wb.active.append([c[:30_000] for c in line.split(";")])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


@pytest.fixture(scope="module")
def ws(_demo_template, tmp_path_factory):
    target = tmp_path_factory.mktemp("fuzz") / "demo.sqlite"
    online_copy(_demo_template, target)
    workspace = open_workspace(target, auto_backup=False)
    yield workspace
    workspace.close()


def _state(path) -> tuple:
    """Every table's row count, and SQLite's counter of commits made by other connections."""
    with sqlite3.connect(path) as con:
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
        counts = tuple((t, con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]) for t in tables)
        return counts, con.execute("PRAGMA data_version").fetchone()[0]


def _accepted_or_refused(ws, action) -> None:
    """``action`` succeeds, or raises a FinsamError (Swedish, short) and the database is unchanged."""
    with sqlite3.connect(ws.path) as watch:
        version = watch.execute("PRAGMA data_version").fetchone()[0]
        before = _state(ws.path)[0]
        try:
            action()
        except FinsamError as exc:
            message = str(exc)
            assert message and "Traceback" not in message
            assert max(len(line) for line in message.splitlines()) < 400, message[:500]
            assert watch.execute("PRAGMA data_version").fetchone()[0] == version, f"changed after: {message}"
            assert _state(ws.path)[0] == before


@SETTINGS
@given(files(UTFALL))
def test_utfall_import_accepts_or_refuses_cleanly(ws, file):
    data, name = file
    _accepted_or_refused(ws, lambda: ws.services.budget.utfall.import_utfall(data, name))


@SETTINGS
@given(files(STICKPROV))
def test_stickprov_import_accepts_or_refuses_cleanly(ws, file):
    data, name = file
    ik = ws.services.internkontroll

    def run():
        preview = ik.stickprov.preview_file(data, name)
        ik.stickprov.load_file(data, name, preview.mapping)

    _accepted_or_refused(ws, run)


@SETTINGS
@given(files(CALENDAR))
def test_arshjul_import_accepts_or_refuses_cleanly(ws, file):
    data, _name = file
    _accepted_or_refused(ws, lambda: ws.services.arshjul.imports.import_calendar(data))


@settings(SETTINGS, max_examples=100)
@given(files(PLAN, xlsx=False))
def test_sammantradesplan_accepts_or_refuses_cleanly(ws, file):
    data, _name = file
    _accepted_or_refused(
        ws, lambda: ws.services.arshjul.plan.create_sammantradesplan(2027, parse_plan(read_text(data), 2027))
    )
