"""Årshjul events that stand for a decision in another area (issue 21, one truth point 2): their status is that
area's, so the Årshjul refuses to set it by hand and says where it is decided."""

from __future__ import annotations

from datetime import date

import pytest

from finsam_desktop.domain.arshjul.overrides import Status
from finsam_desktop.domain.common.errors import ValidationError

#: workspace/demo_workspace on SQLite and PostgreSQL (tests/conftest.py, docs/postgresql.md).
BOTH_ENGINES = True

#: Standard-year key → (the owning area's key, the tab the refusal names).
OWNERS = {
    "attestordning": ("attest", "Attest & delegation"),
    "signaturlista": ("attest", "Attest & delegation"),
    "delegationsordning": ("attest", "Attest & delegation"),
    "riskanalys": ("internkontroll", "Intern kontroll"),
    "ik_plan": ("internkontroll", "Intern kontroll"),
    "budget": ("budget", "Budget"),
}


def _occurrence(services, year: int, key: str):
    view = services.arshjul.view.year_view(year)
    event = next(e for e in view.events if e.template_key == key)
    return next(o for o in view.occurrences if o.event_id == event.id)


def test_ticking_the_attestordning_event_is_refused_naming_the_attest_tab(demo_services):
    occ = _occurrence(demo_services, 2026, "attestordning")
    with pytest.raises(ValidationError) as err:
        demo_services.arshjul.events.set_status(occ.event_id, occ.key, Status.KLAR)
    assert str(err.value) == "Status kommer från fliken Attest & delegation: anta attestordningen för 2027 där."
    for status in (Status.PLANERAD, Status.INSTALLD):
        with pytest.raises(ValidationError, match="Attest & delegation"):
            demo_services.arshjul.events.set_status(occ.event_id, occ.key, status)
    # Nothing was written: the event still shows what the Attest tab says (the 2027 version is Utkast).
    assert _occurrence(demo_services, 2026, "attestordning").status is Status.PLANERAD


@pytest.mark.parametrize("key", sorted(OWNERS))
def test_every_decision_event_says_where_its_status_comes_from(demo_services, key):
    area, tab = OWNERS[key]
    occ = _occurrence(demo_services, 2026, key)
    assert occ.status_area == area
    assert occ.status_from.startswith(f"Status kommer från fliken {tab}: ")
    with pytest.raises(ValidationError, match=f"fliken {tab}:"):
        demo_services.arshjul.events.set_status(occ.event_id, occ.key, Status.KLAR)


def test_the_arshjuls_own_events_can_still_be_ticked(demo_services):
    view = demo_services.arshjul.view.year_view(2026)
    own = next(o for o in view.occurrences if o.event_id is not None and not o.status_from)
    assert own.status_area == ""
    demo_services.arshjul.events.set_status(own.event_id, own.key, Status.KLAR)
    shown = next(o for o in demo_services.arshjul.view.year_view(2026).occurrences if o.uid == own.uid)
    assert shown.status is Status.KLAR


def test_mark_passed_done_leaves_the_decision_events_to_their_areas(demo_services):
    events = demo_services.arshjul.events
    decided = {e.id for e in demo_services.arshjul.view.year_view(2026).events if e.template_key in OWNERS}
    before = events.mark_passed_done(2026, date(2026, 12, 31))
    assert before, "the year has own events to mark"
    assert not {o.event_id for o in before} & decided
    assert _occurrence(demo_services, 2026, "budget").status_from


def test_adopting_in_the_owning_area_is_what_makes_the_event_klar(demo_services):
    draft = demo_services.attest.versions.version_for_year("attest", 2027)
    assert draft is not None and not draft.adopted
    assert _occurrence(demo_services, 2026, "attestordning").status is Status.PLANERAD
    demo_services.attest.versions.adopt_version(draft.id, adopted_text="Styrelsen 2026-11-25 § 130")
    occ = _occurrence(demo_services, 2026, "attestordning")
    assert occ.status is Status.KLAR and occ.status_area == "attest"
