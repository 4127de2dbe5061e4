"""One truth (issue 21): a fact is computed once, and every tab shows that one.

For every meeting of the demo förbund the Årshjul's deadline events show the Justering & anslag area's dates and
name their meeting; every Årshjul event that stands for a decision in another area has that area's status.
"""

from __future__ import annotations

from datetime import date

import pytest

from finsam_desktop.domain.arshjul.occurrences import Occurrence
from finsam_desktop.domain.common.errors import ValidationError

#: workspace/demo_workspace on SQLite and PostgreSQL (tests/conftest.py, docs/postgresql.md).
BOTH_ENGINES = True

#: The Årshjul's deadline rules → the attribute of the justering area's ``MeetingDeadlines``.
CHAIN = {
    "justering": "justering_senast",
    "anslag": "anslag_senast",
    "nedtagning": "tas_ned_tidigast",
}


def _deadline_occurrences(services, years) -> list[tuple[str, Occurrence]]:
    out = []
    for year in years:
        view = services.arshjul.view.year_view(year)
        keys = {e.id: e.template_key for e in view.events}
        for o in view.occurrences:
            if o.event_id is None or o.event_id not in keys:
                # Spilled from last year's events: look the series up there.
                prev = {e.id: e.template_key for e in services.arshjul.view.year_view(year - 1).events}
                key = prev.get(o.event_id)
            else:
                key = keys[o.event_id]
            if key in CHAIN:
                out.append((key, o))
    return out


def test_every_meeting_shows_the_justering_dates_in_the_arshjul(demo_workspace):
    services = demo_workspace.services
    years = services.arshjul.view.years()
    shown = _deadline_occurrences(services, [*years, years[-1] + 1])  # a December anslag comes down in January
    meetings = [o for y in years for o in services.arshjul.view.year_view(y).occurrences if o.meeting_id is not None]
    styrelse = [m for m in meetings if m.category == "styrelse"]
    assert len(styrelse) >= 9
    checked = 0
    for m in styrelse:
        truth = services.justering.status.deadlines(m.meeting_id)
        for key, attr in CHAIN.items():
            mine = [o for k, o in shown if k == key and o.key == f"m{m.meeting_id}"]
            assert len(mine) == 1, (key, m.date)
            o = mine[0]
            assert o.date == getattr(truth, attr), (key, m.date, o.date, getattr(truth, attr))
            assert o.title.endswith(f"(styrelsemöte {m.date.isoformat()})"), o.title
            checked += 1
    assert checked == 3 * len(styrelse)


def test_a_justerat_protocol_moves_its_arshjul_deadlines(demo_workspace):
    """The anslag of a justerat protocol comes down three weeks after its real anslag day — not after the day
    the Årshjul once planned (the demo's October meeting: justerat and anslaget a week after the meeting)."""
    services = demo_workspace.services
    row = next(r for r in services.justering.status.overview() if r.anslagsdatum is not None)
    view = services.arshjul.view.year_view(row.datum.year)
    down = [
        o for o in view.occurrences if o.key == f"m{row.meeting_id}" and o.title.startswith("Anslaget tas ned tidigast")
    ]
    assert [o.date for o in down] == [row.tas_ned_tidigast]


def _source_says(services, key: str, event_year: int) -> bool:
    """Each cross-area event's source, read from the area's own tab data."""
    from finsam_desktop.domain.attest.rules import KIND_ATTEST, KIND_DELEGATION

    y = event_year + 1
    if key in ("attestordning", "signaturlista", "delegationsordning"):
        kind = KIND_DELEGATION if key == "delegationsordning" else KIND_ATTEST
        return any(v.adopted and v.valid_from.year == y for v in services.attest.versions.list_versions(kind))
    if key == "riskanalys":
        a = services.internkontroll.risk.analysis(y)
        return bool(a and a.status_text.startswith("Antagen"))
    if key == "ik_plan":
        p = services.internkontroll.kontrollplan.plan(y)
        return bool(p and p.status_text.startswith("Antagen"))
    assert key == "budget"
    return any(b.locked for b in services.budget.versions.list_budgets(y))


def test_every_cross_area_event_has_its_sources_status(demo_workspace):
    from finsam_desktop.domain.arshjul.overrides import Status

    services = demo_workspace.services
    keys = ("attestordning", "signaturlista", "delegationsordning", "riskanalys", "ik_plan", "budget")
    checked = 0
    for year in services.arshjul.view.years():
        view = services.arshjul.view.year_view(year)
        by_id = {e.id: e.template_key for e in view.events}
        for o in view.occurrences:
            key = by_id.get(o.event_id)
            if key not in keys:
                continue
            # A tick in the Årshjul cannot say otherwise than the area: it is refused, naming the area.
            with pytest.raises(ValidationError, match="Status kommer från fliken"):
                services.arshjul.events.set_status(o.event_id, o.key, Status.KLAR)
            shown = next(x for x in services.arshjul.view.year_view(year).occurrences if x.uid == o.uid)
            want = Status.KLAR if _source_says(services, key, year) else Status.PLANERAD
            assert shown.status is want, (year, o.title, shown.status)
            checked += 1
    assert checked >= 6


def test_the_attestordning_event_is_klar_only_when_the_attest_tab_says_antagen(demo_workspace):
    from finsam_desktop.domain.arshjul.overrides import Status

    services = demo_workspace.services
    view = services.arshjul.view.year_view(2026)
    event = next(e for e in view.events if e.template_key == "attestordning")
    occ = next(o for o in view.occurrences if o.event_id == event.id)
    services.arshjul.events.mark_passed_done(2026, date(2026, 12, 31))  # "Markera passerade som klara"
    draft = services.attest.versions.version_for_year("attest", 2027)
    assert draft is not None and not draft.adopted  # the demo's 2027 version is Utkast
    shown = next(o for o in services.arshjul.view.year_view(2026).occurrences if o.uid == occ.uid)
    assert shown.status is Status.PLANERAD
    poster_rows = services.arshjul.view.occurrences(2026, occ.date, occ.date)
    assert next(o for o in poster_rows if o.uid == occ.uid).status is Status.PLANERAD


def test_the_budget_event_names_the_budgets_plan_years(demo_workspace):
    services = demo_workspace.services
    titles = [o.title for o in services.arshjul.view.year_view(2026).occurrences if o.title.startswith("Budget och")]
    assert titles == ["Budget och verksamhetsplan 2027 med plan för 2028–2029 fastställs (senast 30 november)"]
    doc = services.budget.versions.current_budget(2027)
    assert doc is None or "2028" in doc.info.title


def test_the_anslag_pdf_says_it_was_made_today_by_the_programs_clock(demo_workspace):
    import io

    import pikepdf

    from finsam_desktop import clock

    services = demo_workspace.services
    row = next(r for r in services.justering.status.overview() if r.anslagsdatum is not None)
    pdf = services.justering.anslag.anslag_pdf(row.meeting_id)
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        created = str(doc.docinfo["/CreationDate"])[2:10]
    assert created == clock.today().strftime("%Y%m%d")
    assert created not in (row.datum.strftime("%Y%m%d"), row.anslagsdatum.strftime("%Y%m%d"))


def test_every_anmalt_delegationsbeslut_links_to_a_paragraph_that_lists_it(demo_workspace):
    """Point 3: "Anmält vid § N (Styrelsen DATUM)" names a § of that protocol that is the anmälan and lists the
    beslut, with the list as bilaga (seed 004) — not a § about something else."""
    import re

    services = demo_workspace.services
    meetings = {m.datum.isoformat(): m for m in services.meetings.meetings.list_meetings()}
    linked = 0
    for d in services.attest.decisions.list_decisions():
        found = re.search(r"Anmält vid § (\d+) \(Styrelsen (\d{4}-\d\d-\d\d)\)", d.status_text)
        if not found:
            continue
        detail = services.meetings.meetings.get_meeting(meetings[found.group(2)].id)
        item = next(i for i in detail.items if i.number == int(found.group(1)))
        assert "delegationsbeslut" in item.rubrik.lower(), (d.arende, item.rubrik)
        assert d.arende in item.arendebeskrivning, (d.arende, item.arendebeskrivning)
        assert item.bilaga_ids and "bilaga" in item.text, item.text  # the list as bilaga
        assert d.anmalan_item_id == item.id
        linked += 1
    assert linked >= 5
