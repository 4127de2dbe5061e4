"""Issue 14 point 11: no PDF breaks a word in the middle ("Kontrollan" / "svarig").

Every PDF the CLI exports from the demo förbund is read back with pypdf. ReportLab draws a table cell's lines one
after the other, so a word carried over a line break shows as the last token of one line and the first of the
next. The words we know (every word stored in the demo file and every word written in the report code) may only
be carried over as ``head-`` + ``tail`` where the break is a hyphenation point of pyphen's sv_SE dictionary.
"""

from __future__ import annotations

import io
import re
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.lib.units import mm

from finsam_desktop.cli import main
from finsam_desktop.persistence.backup import online_copy
from finsam_desktop.reports.common.cells import cell, hyphenation_points
from finsam_desktop.reports.common.pdf import DocumentInfo, build_pdf, grid_table

REPORTS = Path(__file__).resolve().parents[2] / "finsam_desktop" / "reports"
WORD = re.compile(r"[A-Za-zÅÄÖåäöÉéÜü]+")

EXPORTS = {
    "kallelse": ["kallelse", "--meeting", "9"],
    "protokoll": ["protocol", "--meeting", "9"],
    "protokoll-utkast": ["protocol", "--meeting", "8"],
    "anslag": ["anslag", "--meeting", "9"],
    "utdrag": ["utdrag", "--meeting", "9", "--paragraf", "72,73"],
    "publicering": ["publicering", "--meeting", "9"],
    "signaturlista": ["signaturlista", "--year", "2026"],
    "attestordning": ["attestordning", "--year", "2026"],
    "delegationsordning": ["delegationsordning", "--year", "2026"],
    "delegationsbeslut": ["delegationsbeslut", "--year", "2026"],
    "risk": ["risk", "--year", "2026"],
    "budget": ["budget", "--year", "2026"],
    "arshjul": ["arshjul", "--year", "2026", "--format", "pdf"],
}


def _words(text: str) -> set[str]:
    return {w.lower() for w in WORD.findall(text) if len(w) >= 4}


@pytest.fixture(scope="module")
def exported(_demo_template, tmp_path_factory) -> dict[str, bytes]:
    folder = tmp_path_factory.mktemp("pdfwrap")
    db = folder / "demo.sqlite"
    online_copy(_demo_template, db)
    out = {}
    for name, args in EXPORTS.items():
        target = folder / f"{name}.pdf"
        assert main(["--db", str(db), "export", *args, "-o", str(target)]) == 0, name
        out[name] = target.read_bytes()
    return out


@pytest.fixture(scope="module")
def vocabulary(_demo_template) -> set[str]:
    """Every word stored in the demo file and every word in the report code's texts."""
    words: set[str] = set()
    con = sqlite3.connect(_demo_template)
    try:
        for (table,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'"):
            for row in con.execute(f'SELECT * FROM "{table}"'):
                for value in row:
                    if isinstance(value, str):
                        words |= _words(value)
    finally:
        con.close()
    for source in REPORTS.rglob("*.py"):
        words |= _words(source.read_text(encoding="utf-8"))
    return words


def broken_words(text: str, vocabulary: set[str]) -> list[str]:
    """Known words carried over a line break anywhere but at a dictionary hyphenation point (with its hyphen)."""
    bad = []
    lines = [line.split() for line in text.splitlines()]
    for before, after in zip(lines, lines[1:], strict=False):
        if not before or not after:
            continue
        head_match = re.search(r"([A-Za-zÅÄÖåäöÉéÜü]+)(-?)$", before[-1])
        tail_match = re.match(r"[A-Za-zÅÄÖåäöÉéÜü]+", after[0])
        if not head_match or not tail_match:
            continue
        head, hyphen, tail = head_match.group(1), head_match.group(2), tail_match.group(0)
        whole = head + tail
        if whole.lower() not in vocabulary:
            continue
        if hyphen:
            if len(head) not in hyphenation_points(whole):
                bad.append(f"{head}- {tail}")
        elif head.lower() not in vocabulary or tail.lower() not in vocabulary:
            bad.append(f"{head} {tail}")
    return bad


def _text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_no_pdf_splits_a_word_between_hyphenation_points(exported, vocabulary):
    problems = {name: broken_words(_text(data), vocabulary) for name, data in exported.items()}
    assert {name: bad for name, bad in problems.items() if bad} == {}


def test_the_control_plan_keeps_its_column_heads_whole(exported):
    text = _text(exported["risk"])
    for word in ("Kontrollansvarig", "Kontrollmoment", "Rapportering", "Frekvens"):
        assert word in text, word


def test_checker_catches_a_mid_word_break():
    vocab = {"kontrollansvarig", "förbundschef"}
    assert broken_words("Kontrollan\nsvarig", vocab) == ["Kontrollan svarig"]
    assert broken_words("Kontrollansva-\nrig", vocab) == []  # pyphen: Kon-trollansva-rig
    assert broken_words("Kontrolla-\nnsvarig", vocab) == ["Kontrolla- nsvarig"]


def test_a_cell_hyphenates_only_at_dictionary_points():
    p = cell("Direktupphandlingsgränsen överskrids för Kontrollansvarig")
    p.wrap(60, 1000)
    lines = [" ".join(str(w) for w in line[1]) for line in p.blPara.lines]
    assert p._splitLongWordCount == 0
    rebuilt = ""
    for line in lines:
        if rebuilt.endswith("-"):
            head = rebuilt.rsplit(" ", 1)[-1][:-1]
            tail = line.split(" ", 1)[0]
            assert len(head) in hyphenation_points(head + tail), (head, tail)
            rebuilt = rebuilt[:-1] + line
        else:
            rebuilt = f"{rebuilt} {line}".strip()
    assert rebuilt == "Direktupphandlingsgränsen överskrids för Kontrollansvarig"


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) is not installed")
def test_hyphenated_words_stay_searchable(tmp_path):
    """The break is an ordinary hyphen at the end of the line, which pdftotext (like viewers' search) joins back
    into the whole word when the lines are one text block."""
    words = ["Direktupphandlingsgränsen", "Delegeringsordningen", "Kontrollansvarig", "Verksamhetsplanen"]
    table = grid_table([[cell(" ".join(words))]], [22 * mm], header_rows=0)
    pdf = tmp_path / "cell.pdf"
    pdf.write_bytes(build_pdf([table], DocumentInfo("Avstavning")))
    drawn = _text(pdf.read_bytes())
    assert any(line.endswith("-") for line in drawn.splitlines())  # it did hyphenate
    joined = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    for word in words:
        assert word in joined, word
