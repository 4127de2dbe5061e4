"""What the Årshjul asks of areas above it, without importing them.

The Årshjul is a lower area: Verksamhet (and later others) sit above it. Where the wheel must show dated things
that live in a higher area — Verksamhet's aktiviteter (forum, frukostmöten, utbildningar) — it calls a port, and
the service container (``services/container.py``) plugs the other area's implementation in. The import arrows then
run one way only (``tests/test_architecture.py`` fails on a circle).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from finsam_desktop.domain.arshjul.occurrences import Occurrence

#: Called with a year; returns the occurrences of that year the wheel, the agenda, the table and the exports show
#: beside its own events and meetings. They have no event series (``event_id`` None): they are edited where they
#: live, not in the Årshjul.
OccurrenceSource = Callable[[int], Sequence[Occurrence]]


@dataclass(frozen=True)
class Decision:
    """What the area that owns a decision says about an Årshjul event standing for it: whether it is taken
    (``done``: the wheel shows the event klar, otherwise planerad whatever was ticked) and, when the area names
    the thing decided, that name (``subject``, e.g. "Budget och verksamhetsplan 2027 med plan för 2028–2029"),
    which replaces the words before " fastställs" in the event's title."""

    done: bool
    subject: str = ""
    #: The owning area's key ("attest", "internkontroll", "budget": the tab a user can be sent to), its tab's name
    #: as the user reads it, and what the user does there to take the decision ("anta attestordningen där").
    area: str = ""
    area_name: str = ""
    todo: str = ""

    @property
    def reason(self) -> str:
        """Why the Årshjul does not let a user set the event's status, in the user's words."""
        where = f"fliken {self.area_name}" if self.area_name else "det område där beslutet fattas"
        return f"Status kommer från {where}: {self.todo or 'ändra det där'}."


#: Called with the year of an Årshjul event series; returns, per standard-year key (``"budget"``,
#: ``"attestordning"``, ``"riskanalys"`` …), what the owning area says about that year's event.
DecisionSource = Callable[[int], Mapping[str, Decision]]
