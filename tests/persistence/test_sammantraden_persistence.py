"""Database guarantees of the sammanträden tables (through the real migrations), on SQLite and PostgreSQL."""

import pytest
from sqlalchemy import insert, text
from sqlalchemy.exc import IntegrityError

from finsam_desktop.persistence.models.sammantraden import ParagraphNumberRow


@pytest.fixture
def services(engine_workspace):
    """Every test here on both engines (``tests/conftest.py``)."""
    return engine_workspace.services


def test_paragraph_number_is_unique_per_organ_and_year(services):
    m = services.meetings
    a = m.meetings.create_meeting("2026-02-13", with_agenda=False)
    b = m.meetings.create_meeting("2026-03-13", with_agenda=False)
    m.agenda.add_item(a.id, "A")
    item_b = m.agenda.add_item(b.id, "B")
    assert item_b.number == 2
    with pytest.raises(IntegrityError):
        with services.db.session() as s:
            s.execute(text("DELETE FROM paragraph_number WHERE agenda_item_id = :i"), {"i": item_b.id})
            s.execute(insert(ParagraphNumberRow).values(organ_id=1, ar=2026, nummer=1, agenda_item_id=item_b.id))


def test_fts_row_goes_with_its_item_and_search_uses_it(services):
    m = services.meetings
    mt = m.meetings.create_meeting("2026-02-13", with_agenda=False)
    item = m.agenda.add_item(mt.id, "Ansökan om medel för arbetskonsulent", text="Ansökan från Ådalens kommun")
    assert [h.item_id for h in m.search.search("arbetskonsulent")] == [item.id]
    m.agenda.update_item_rubrik(item.id, "Ansökan om medel för psykolog")
    assert m.search.search("arbetskonsulent") == [] and m.search.search("psykolog")
    m.meetings.delete_meeting(mt.id)
    with services.db.session() as s:
        assert s.execute(text("SELECT count(*) FROM fts_paragraph")).scalar() == 0


def test_bilaga_size_is_checked_by_the_database(services):
    m = services.meetings
    mt = m.meetings.create_meeting("2026-02-13", with_agenda=False)
    with pytest.raises(IntegrityError):
        with services.db.session() as s:
            s.execute(
                text(
                    "INSERT INTO bilaga (meeting_id, titel, filnamn, mimetyp, storlek, sha256, created_at) "
                    "VALUES (:m, 'x', 'x.pdf', 'application/pdf', 30000000, '', '2026-01-01 00:00:00')"
                ),
                {"m": mt.id},
            )
