"""Formula injection: text from data that begins with ``=``, ``+``, ``-`` or ``@`` reaches every Excel export and
must come back as the same text, never as a formula (issue "Nothing lost, nothing forged", point 5).

Every free-text field that reaches one of the six workbooks (signaturlista, delegationsbeslut, risk, budget,
årshjul, stickprov) gets a payload; each workbook is exported through the services and read back twice: with
openpyxl (no formula cell carries data text, the payload reads back exactly) and from the raw XML (no ``<f>``
element holds data text)."""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
import zipfile
from dataclasses import replace
from datetime import date, time
from decimal import Decimal

import pytest
from openpyxl import Workbook, load_workbook

from finsam_desktop.domain.arshjul.events import EventDef
from finsam_desktop.domain.budget.lines import Line
from finsam_desktop.domain.internkontroll.risk import Risk
from finsam_desktop.domain.internkontroll.stickprov_population import PopulationFilter
from finsam_desktop.domain.internkontroll.stickprov_review import Bedomning, ItemReview
from finsam_desktop.reports.common import workbook
from finsam_desktop.services.attest.dto import DecisionInput
from finsam_desktop.services.demo.internkontroll import SUPPLIERS, generate_transactions

MAPPING = {
    "verifikation": "Ver nr",
    "datum": "Bokföringsdatum",
    "belopp": "Belopp",
    "motpart": "Motpart",
    "konto": "Kostnadsställe",
    "attestanter": "Attestant",
    "utanordnare": "Utanordnare",
}

#: Every payload carries the marker "X9" so that it can be recognised inside any formula.
KINDS = (
    '=HYPERLINK("http://x.invalid/X9{i}","klick")',
    "+SUM(X9{i},1)",
    "-2+3+X9{i}",
    "@SUM(X9{i})",
    "=1+1+X9{i}",
    "#N/A X9{i}",
)


class Payloads:
    """Hands out distinct payloads and remembers them."""

    def __init__(self) -> None:
        self.given: list[str] = []

    def __call__(self, kind: int | None = None) -> str:
        """The next payload (``kind``: an index into KINDS; 0 is a live formula for openpyxl)."""
        kind = len(self.given) % len(KINDS) if kind is None else kind
        value = KINDS[kind].format(i=len(self.given))
        self.given.append(value)
        return value


def _cells(data: bytes):
    wb = load_workbook(io.BytesIO(data))
    return [(ws.title, c) for ws in wb.worksheets for row in ws.iter_rows() for c in row]


def _assert_safe(data: bytes, expected: list[str], name: str) -> None:
    cells = _cells(data)
    for title, c in cells:
        if c.data_type == "f":
            assert "X9" not in str(c.value), f"{name}: {title}!{c.coordinate} is a formula with data: {c.value!r}"
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for part in z.namelist():
            if part.startswith("xl/worksheets/"):
                for f in re.findall(r"<f[^>]*>(.*?)</f>", z.read(part).decode("utf-8")):
                    assert "X9" not in f, f"{name}: {part} has the formula {f!r}"
    texts = [c.value for _t, c in cells if isinstance(c.value, str)]
    for payload in expected:
        assert any(payload in t for t in texts), f"{name}: {payload!r} is not in the workbook"
    # At least one cell holds a payload exactly, as text, starting with the formula character.
    exact = {p for p in expected if p in texts}
    assert exact, f"{name}: no cell holds a payload exactly"
    leading = [c for _t, c in cells if c.value in exact and str(c.value)[0] in "=+-@"]
    assert leading and all(c.data_type == "s" for c in leading)


@pytest.fixture
def poisoned(demo_services):
    """The demo with a payload in the förbund's name, every person's name and title."""
    svc = demo_services
    p = Payloads()
    f = svc.forbund.get()
    svc.forbund.update(replace(f, namn=p()))
    for person in svc.forbund.list_persons():
        svc.forbund.save_person(replace(person, namn=p(), titel=p(), organisation=p()))
    return svc, p


def test_signaturlista(poisoned):
    svc, _p = poisoned
    data = svc.attest.exports.export_signaturlista(2026, "xlsx")
    texts = " ".join(str(c.value) for _t, c in _cells(data))
    attestants = [x.namn for x in svc.forbund.list_persons() if x.namn in texts]
    assert len(attestants) >= 2
    _assert_safe(data, [svc.forbund.get().namn.upper(), *attestants], "signaturlista")


def test_delegationsbeslut(poisoned):
    svc, p = poisoned
    delegat = svc.forbund.list_persons()[0].namn
    fields = [delegat, p(0), p(), p()]
    d = svc.attest.decisions.save_decision(
        DecisionInput(date(2026, 8, 20), delegat, None, fields[1], Decimal(1000), fields[2], fields[3])
    )
    att = p()
    svc.attest.decisions.add_attachment(d.id, att, b"x")
    _assert_safe(svc.attest.exports.export_register(2026, "xlsx"), fields + [att], "delegationsbeslut")


def test_risk(poisoned):
    svc, p = poisoned
    ik = svc.internkontroll
    a = ik.risk.create_analysis(2028, titel=p(0))
    texts = [p(0), p(), p(), p()]
    ik.risk.save_risk(a.id, Risk(0, 1, texts[0], texts[1], 3, 2, texts[2], texts[3], 2, 1))
    _assert_safe(ik.exports.export_risk_xlsx(2028), [a.titel, *texts], "risk")


def test_budget(poisoned):
    svc, p = poisoned
    b = svc.budget
    doc = b.versions.create_budget(2029, title=p(0))
    section = doc.sections[0]
    budget_id = doc.info.id
    line = b.lines.save_line(
        budget_id, Line(0, section.id, b.lines.next_code(budget_id), p(0), budget=Decimal(100), note=p())
    )
    insats = next(iter(b.insatser.list_insatser()))
    renamed = b.insatser.save_insats(replace(insats, namn=p(0), huvudman=p()))
    _assert_safe(b.exports.export_xlsx(2029), [doc.info.title, line.namn, line.note], "budget")
    _assert_safe(b.exports.export_xlsx(2026), [renamed.namn], "budget 2026")


def test_arshjul(poisoned):
    svc, p = poisoned
    year = svc.arshjul
    category = year.view.year_view(2026).categories[0].key
    ev = year.events.save_event(
        EventDef(0, 2026, p(0), category, start=date(2026, 12, 1), starttid=time(9), responsible=p(0), notes=p())
    )
    _assert_safe(year.exports.export_xlsx(2026), [ev.title, ev.responsible, ev.notes], "årshjul")


def test_stickprov_payloads_from_the_imported_file(poisoned):
    svc, p = poisoned
    ik = svc.internkontroll
    gen = generate_transactions(2026, 40, seed=3)
    text = gen.data.decode("utf-8")
    suppliers = {}
    for supplier in SUPPLIERS:
        if supplier in text:
            suppliers[supplier] = p().replace('"', "'")  # a CSV cell; quotes would need CSV quoting
            text = text.replace(supplier, suppliers[supplier])
    lines = text.splitlines()
    # the first verifikation and kostnadsställe of the file also become payloads
    head, first = lines[0], lines[1].split(";")
    first[0], first[4] = "=2+X9ver", "@X9konto"
    lines[1] = ";".join(first)
    sp = ik.stickprov.create_stickprov(
        "\n".join([head, *lines[1:]]).encode("utf-8"),
        "=X9fil.csv",
        MAPPING,
        PopulationFilter(),
        storlek=40,
        seed=1,
        titel=p(),
    )
    review = [p(0), p(0), p()]
    ik.granskning.review_item(
        sp.items[0].id, ItemReview(review[0], date(2026, 10, 1), Bedomning.AVVIKELSE, review[1], review[2])
    )
    drawn = {i.transaction.motpart for i in sp.items}
    expected = [v for v in suppliers.values() if v in drawn] + review + ["=2+X9ver", "@X9konto", "=X9fil.csv"]
    assert len(expected) > 6
    _assert_safe(ik.exports.export_stickprov_xlsx(sp.id), expected, "stickprov")


def test_negative_numbers_stay_numbers_and_text_stays_text():
    wb = Workbook()
    ws = wb.active
    workbook.put(ws, 1, 1, -5)
    workbook.put(ws, 1, 2, "-5 %")
    workbook.put(ws, 1, 3, workbook.formula("=A1*2", -10))
    workbook.put(ws, 1, 4, "\t=1+1")
    ws["A2"] = "=HYPERLINK(1)"  # written past the writer: the guard in save() still makes it text
    ws = load_workbook(io.BytesIO(workbook.save(wb))).active
    assert (ws["A1"].value, ws["A1"].data_type) == (-5, "n")
    assert (ws["B1"].value, ws["B1"].data_type, ws["B1"].quotePrefix) == ("-5 %", "s", True)
    assert (ws["C1"].value, ws["C1"].data_type) == ("=A1*2", "f")
    assert (ws["D1"].value, ws["D1"].data_type) == ("\t=1+1", "s")
    assert (ws["A2"].value, ws["A2"].data_type) == ("=HYPERLINK(1)", "s")


def test_print_footer_shows_an_ampersand_as_itself():
    assert workbook.header_footer_text("Lind & Co &P") == "Lind && Co &&P"


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_shows_the_payloads_as_text(poisoned, tmp_path):
    """LibreOffice opens the exported årshjul, recalculates it and saves it as CSV: every payload comes out as
    typed (nothing evaluated) and the per-category counts are computed."""
    svc, _p = poisoned
    category = svc.arshjul.view.year_view(2026).categories[0]
    titles = ["=1+1", "+SUM(1,1)", "-2+3", "@SUM(1)", "-5 %"]
    for day, title in enumerate(titles, start=1):
        svc.arshjul.events.save_event(EventDef(0, 2026, title, category.key, start=date(2026, 12, day)))
    source = tmp_path / "arshjul.xlsx"
    source.write_bytes(svc.arshjul.exports.export_xlsx(2026))
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}",
            "--headless",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    rows = list(csv.reader((tmp_path / "arshjul-Årshjul 2026.csv").open(encoding="utf-8")))
    assert {r[5] for r in rows if len(r) > 5} >= set(titles)
    summary = list(csv.reader((tmp_path / "arshjul-Sammanställning.csv").open(encoding="utf-8")))
    counted = {r[0]: int(r[1]) for r in summary[1:-1]}
    shown = [r for r in rows[3:] if len(r) > 6 and r[0]]
    assert counted[category.namn] == sum(1 for r in shown if r[6] == category.namn)
