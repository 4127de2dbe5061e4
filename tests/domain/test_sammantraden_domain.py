from datetime import date

import pytest

from finsam_desktop.domain.common.errors import ValidationError
from finsam_desktop.domain.organisation.model import Beslutforhet
from finsam_desktop.domain.sammantraden.bilagor import bilaga_reference, number_bilagor, render_bilaga_tokens
from finsam_desktop.domain.sammantraden.jav import BoardPerson, jav_warning, propose_jav
from finsam_desktop.domain.sammantraden.kinds import AttendanceRole, JavKind, MeetingStatus, is_locked
from finsam_desktop.domain.sammantraden.numbering import NumberingConflict, SeriesMeeting, number_series
from finsam_desktop.domain.sammantraden.quorum import QuorumPerson, check_quorum
from finsam_desktop.domain.sammantraden.texts import clauses_from_forslag, kallelse_warning


def test_is_locked_from_klart_for_justering_on():
    assert [s.value for s in MeetingStatus if is_locked(s)] == [
        "klart_for_justering",
        "justerat",
        "anslaget",
        "anslag_nedtaget",
    ]
    assert MeetingStatus.PROTOKOLL_UTKAST.label == "Protokoll (utkast)"


def test_series_continues_across_meetings_and_starts_at_set_number():
    meetings = [
        SeriesMeeting(1, date(2022, 10, 21), False, (10, 11, 12), (None,) * 3),
        SeriesMeeting(2, date(2022, 11, 25), False, (20, 21), (None, None)),
    ]
    assert number_series(98, meetings) == {10: 98, 11: 99, 12: 100, 20: 101, 21: 102}


def test_locked_meeting_keeps_numbers_and_an_insert_before_it_is_refused():
    locked = SeriesMeeting(2, date(2022, 11, 25), True, (20, 21), (4, 5))
    ok = number_series(1, [SeriesMeeting(1, date(2022, 10, 1), False, (1, 2, 3), (1, 2, 3)), locked])
    assert ok[20] == 4
    grown = SeriesMeeting(1, date(2022, 10, 1), False, (1, 2, 3, 9), (1, 2, 3, None))
    with pytest.raises(NumberingConflict, match="2022-11-25 är justerat och börjar på § 4"):
        number_series(1, [grown, locked])


def test_quorum_counts_tjanstgorande_for_the_replaced_and_excludes_jav():
    seats = [1, 2, 3, 4]
    present = [
        QuorumPerson(1, "A", AttendanceRole.ORDINARIE),
        QuorumPerson(3, "C", AttendanceRole.ORDINARIE),
        QuorumPerson(4, "D", AttendanceRole.ORDINARIE),
        QuorumPerson(6, "Ers B", AttendanceRole.TJANSTGORANDE, ersatter_person_id=2),
        QuorumPerson(7, "Ers C", AttendanceRole.ERSATTARE),
    ]
    q = check_quorum(seats, present)
    assert (q.voting_present, q.needed, q.beslutfor) == (4, 3, True)
    q = check_quorum(seats, present, excluded=[1, 3])
    assert (q.voting_present, q.beslutfor) == (2, False)
    assert "Inte beslutför: 2 av 4" in q.message


def test_bilaga_numbers_by_first_reference_and_reference_text():
    numbers = number_bilagor([[7], [], [3, 7], [5]], all_bilagor=[3, 5, 7, 9])
    assert numbers == {7: 1, 3: 2, 5: 3, 9: 4}
    assert bilaga_reference([2, 1]) == "(Bilaga 1 och 2)"
    assert bilaga_reference([17, 18, 19]) == "(Bilaga 17, 18 och 19)"
    assert render_bilaga_tokens("se [[bilaga:3]] och [[bilaga:42]]", numbers) == "se bilaga 2 och bilaga (saknas)"


def test_a_historical_protocol_keeps_its_source_bilaga_numbers():
    """Seed 004: no § refers to a bilaga 16, so "Bilaga 17" must not become 16; the stored original follows."""
    refs = [[1], [2], [3], [4]] + [[bid] for bid in range(5, 16)] + [[17], [17, 18, 19]]
    kept = {bid: str(bid) for bid in [*range(1, 16), 17, 18, 19]}
    numbers = number_bilagor(refs, all_bilagor=[*kept, 100], fixed=kept)
    assert (numbers[17], numbers[18], numbers[19], numbers[100]) == (17, 18, 19, 20)
    assert bilaga_reference([numbers[b] for b in (17, 18, 19)]) == "(Bilaga 17, 18 och 19)"
    mixed = number_bilagor([[1, 2, 3]], fixed={1: "2", 2: "1a"})
    assert mixed == {1: 2, 2: "1a", 3: 3}
    assert bilaga_reference(list(mixed.values())) == "(Bilaga 1a, 2 och 3)"


def test_jav_proposals_follow_the_applicant_member():
    present = [
        BoardPerson(1, "Jonas Väst", 10, AttendanceRole.ORDINARIE),
        BoardPerson(2, "Thomas Burman", 10, AttendanceRole.ERSATTARE),
        BoardPerson(3, "Lina Kempe", 11, AttendanceRole.ORDINARIE),
    ]
    proposals = propose_jav(10, present)
    assert [(p.namn, p.kind) for p in proposals] == [
        ("Jonas Väst", JavKind.DELTOG_INTE_I_BESLUTET),
        ("Thomas Burman", JavKind.DELTOG_INTE_I_DISKUSSIONEN),
    ]
    assert proposals[0].sentence == "Jonas Väst deltog inte i beslutet."
    assert "ingen jävsanteckning" in jav_warning("§ 136", "Sundsvalls kommun", proposals, [])
    assert jav_warning("§ 132", "Sundsvalls kommun", proposals, [1, 2]) == ""


def test_kallelse_warning_and_forslag_split():
    assert kallelse_warning(date(2026, 4, 17), date(2026, 4, 24), 7) is None
    assert "2 dagar för sent" in kallelse_warning(date(2026, 4, 19), date(2026, 4, 24), 7)
    assert clauses_from_forslag("att godkänna planen\natt lägga den till handlingarna") == [
        "Att godkänna planen",
        "Att lägga den till handlingarna",
    ]
    with pytest.raises(ValidationError):
        number_series(0, [])


def test_quorum_with_exactly_half_present_depends_on_the_rule():
    seats = [1, 2, 3, 4, 5, 6]
    present = [QuorumPerson(i, f"L{i}", AttendanceRole.ORDINARIE) for i in (1, 2, 3)]
    q = check_quorum(seats, present)
    assert (q.needed, q.beslutfor) == (4, False)
    assert "mer än hälften (4) krävs enligt kommunallagen 6 kap. 27 §" in q.message
    q = check_quorum(seats, present, rule=Beslutforhet.MINST_HALFTEN)
    assert (q.needed, q.beslutfor) == (3, True)
    assert q.message == "Beslutför: 3 av 6 ledamöter deltar (minst 3 krävs)."
    q = check_quorum(seats[:5], present[:2], rule=Beslutforhet.MINST_HALFTEN)
    assert (q.needed, q.beslutfor) == (3, False)
    assert "minst hälften (3) krävs enligt förbundsordningen" in q.message
    assert not check_quorum([], [], rule=Beslutforhet.MINST_HALFTEN).beslutfor
