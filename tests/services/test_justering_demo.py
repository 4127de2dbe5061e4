from datetime import timedelta

from finsam_desktop import clock
from finsam_desktop.domain.justering import model as dj
from finsam_desktop.services.check import run_checks

#: workspace/demo_workspace on SQLite and PostgreSQL (tests/conftest.py, docs/postgresql.md).
BOTH_ENGINES = True


def test_demo_has_justerade_and_anslagna_protocols_and_one_due_this_week(demo_services):
    j = demo_services.justering
    today = clock.today()
    rows = j.status.overview(include_done=True)
    assert rows, "the demo has protocols in justering"
    statuses = {r.status for r in rows}
    assert dj.NEDTAGET in statuses and dj.ANSLAGET in statuses
    monday = today - timedelta(days=today.weekday())
    this_week = [
        r
        for r in rows
        if r.status == dj.ANSLAGET and r.tas_ned_tidigast and monday <= r.tas_ned_tidigast <= monday + timedelta(days=6)
    ]
    assert len(this_week) == 1
    assert all(r.organ == "Styrelsen" for r in rows)  # minnesanteckningar are not justerade
    for r in rows:
        if r.justeringsdatum:
            assert r.justeringsdatum <= r.justering_senast  # the demo secretary keeps the 14 days
            assert r.justerare
        if r.nedtaget_datum:
            assert r.nedtaget_datum >= r.tas_ned_tidigast
    assert all(c.ok for c in j.archive.verify_hashes())
    assert not [f for f in run_checks(demo_services.db) if f.area == "Justering"]


def test_demo_justerat_protocol_pdf_is_archived_with_bevis(demo_services):
    j = demo_services.justering
    done = next(r for r in j.status.overview(include_done=True) if r.status == dj.NEDTAGET)
    import io

    from pypdf import PdfReader

    text = " ".join(
        " ".join(p.extract_text() for p in PdfReader(io.BytesIO(j.archive.protocol_pdf(done.meeting_id))).pages).split()
    )
    assert "Bevis/anslag" in text and f"Justeringsdatum {done.justeringsdatum.isoformat()}" in text
    assert "Eva Forsberg Ordförande" in text


def test_demo_justerat_protocol_has_bevis_anslag_on_page_one_under_the_signatures(demo_services):
    """As seed 004: page 1 holds the attendance, "Protokollet omfattar", the signatures and, under them, the
    Bevis/anslag grid with the justering and anslag dates, förvaringsplats and the signature enligt uppdrag."""
    import io

    from pypdf import PdfReader

    j = demo_services.justering
    for row in j.status.overview(include_done=True):
        if row.status != dj.NEDTAGET:
            continue
        pages = PdfReader(io.BytesIO(j.archive.protocol_pdf(row.meeting_id))).pages
        first = " ".join(pages[0].extract_text().split())
        assert "Protokollet omfattar" in first and "Ordförande" in first and "Justerare" in first
        assert first.index("Justerare") < first.index("Bevis/anslag"), first
        for needle in (
            f"Justeringsdatum {row.justeringsdatum.isoformat()}",
            f"Anslagsdatum {row.anslagsdatum.isoformat()}",
            "Förvaringsplats för protokollet",
            "Enligt uppdrag (namnteckning)",
            "Namnförtydligande",
        ):
            assert needle in first, (row.meeting_id, needle)
        rest = " ".join(p.extract_text() for p in pages[1:])
        assert "Bevis/anslag" not in rest
