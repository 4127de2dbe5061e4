"""Jäv: proposals from the board's ties to an applicant and the warning when they are not noted."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from finsam_desktop.domain.sammantraden.kinds import AttendanceRole, JavKind
from finsam_desktop.domain.sammantraden.texts import join_swedish


@dataclass(frozen=True)
class BoardPerson:
    person_id: int
    namn: str
    member_id: int | None
    roll: AttendanceRole  # as present at the meeting


@dataclass(frozen=True)
class JavProposal:
    person_id: int
    namn: str
    kind: JavKind
    reason: str

    @property
    def sentence(self) -> str:
        return f"{self.namn} {self.kind.phrase}."


def propose_jav(applicant_member_id: int | None, present: Sequence[BoardPerson]) -> list[JavProposal]:
    """The seed's § 132–137 pattern: for an ansökan from member X, X's ledamot (or the ersättare
    serving in that seat) does not take part in the decision; X's other ersättare does not take part
    in the discussion."""
    if applicant_member_id is None:
        return []
    proposals = []
    for p in present:
        if p.member_id != applicant_member_id:
            continue
        if p.roll in (AttendanceRole.ORDINARIE, AttendanceRole.TJANSTGORANDE):
            proposals.append(
                JavProposal(
                    p.person_id, p.namn, JavKind.DELTOG_INTE_I_BESLUTET, "företräder den sökande organisationen"
                )
            )
        elif p.roll is AttendanceRole.ERSATTARE:
            proposals.append(
                JavProposal(
                    p.person_id, p.namn, JavKind.DELTOG_INTE_I_DISKUSSIONEN, "ersättare för den sökande organisationen"
                )
            )
    return proposals


def jav_warning(
    label: str, applicant: str, proposals: Sequence[JavProposal], recorded_person_ids: Iterable[int]
) -> str:
    """A warning when an ansökan from a member has no jäv note for that member's representatives."""
    recorded = set(recorded_person_ids)
    missing = [p for p in proposals if p.person_id not in recorded]
    if not proposals or not missing:
        return ""
    if len(missing) == len(proposals):
        head = f"{label}: ansökan från {applicant} men ingen jävsanteckning är gjord"
    else:
        head = f"{label}: jävsanteckning saknas"
    names = join_swedish([f"{p.namn} ({p.kind.phrase})" for p in missing])
    return f"{head} — föreslås: {names}."
