"""One truth (issue 21): a fact is computed once, and every tab shows that one.

For every meeting of the demo förbund the Årshjul's deadline events show the Justering & anslag area's dates and
name their meeting; every Årshjul event that stands for a decision in another area has that area's status.
"""

from __future__ import annotations

from finsam_desktop.domain.arshjul.occurrences import Occurrence

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
