"""The årsredovisning's own deadlines as årshjul events, derived from the rules (rules-sweden.md 1.5): drawn up by
the styrelse within three months of the year end (31 March, FinsamL/LKBR), then — as the förbundsordning sets,
so these are settings — sent to the revisorer and the members, the revisionsberättelse, and the members'
ansvarsfrihet (for kommuner before the end of June, KL 5:24). Each event names the year it concerns."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from finsam_desktop.domain.arshjul.events import EventDef, Link, LinkKind
from finsam_desktop.domain.common.errors import ValidationError

#: Defaults of the settings (MM-DD in the year after the räkenskapsår).
DEFAULTS = {"till_revisorer": "03-31", "revisionsberattelse": "04-30", "ansvarsfrihet": "06-30"}
LABELS = {
    "till_revisorer": "skickas till revisorerna och medlemmarna",
    "revisionsberattelse": "revisionsberättelse till styrelsen och medlemmarna",
    "ansvarsfrihet": "medlemmarnas beslut om ansvarsfrihet",
}


@dataclass(frozen=True)
class DeadlineSettings:
    dates: Mapping[str, str]

    @classmethod
    def parse(cls, raw: Mapping[str, str] | None) -> DeadlineSettings:
        dates = dict(DEFAULTS)
        for key, value in (raw or {}).items():
            if key not in DEFAULTS:
                raise ValidationError(f"”{key}” är ingen frist för årsredovisningen.", "Frister")
            try:
                date.fromisoformat(f"2001-{value}")
            except ValueError:
                raise ValidationError(f"”{value}” ska skrivas MM-DD, t.ex. 04-30.", LABELS[key]) from None
            dates[key] = value
        return cls(dates)


def deadline_events(year: int, settings: DeadlineSettings | None = None) -> list[EventDef]:
    """The events, in the year after ``year``, of the årsredovisning for ``year`` (unsaved: ``id`` 0)."""
    settings = settings or DeadlineSettings.parse(None)
    after = year + 1
    link = Link(LinkKind.RAPPORT, None, f"Årsredovisning {year}")

    def event(key: str, title: str, category: str, day: date, short: str, notes: str) -> EventDef:
        return EventDef(0, after, title, category, short=short, start=day, notes=notes, link=link, template_key=key)

    out = [
        event(
            "arsredovisning_upprattad",
            f"Årsredovisning {year} upprättas av styrelsen",
            "ekonomi",
            date(after, 3, 31),
            "Årsredovisning",
            "Inom tre månader efter räkenskapsårets slut (lag 2003:1210, LKBR 2018:597).",
        )
    ]
    for key, category in (
        ("till_revisorer", "medlemmar"),
        ("revisionsberattelse", "medlemmar"),
        ("ansvarsfrihet", "medlemmar"),
    ):
        month, day = (int(x) for x in settings.dates[key].split("-"))
        out.append(
            event(
                f"arsredovisning_{key}",
                f"Årsredovisning {year}: {LABELS[key]}",
                category,
                date(after, month, day),
                "ÅR " + LABELS[key].split()[0],
                "Enligt förbundsordningen (inställning).",
            )
        )
    return sorted(out, key=lambda e: e.start)
