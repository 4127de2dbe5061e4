"""Stickprov, the whole population in words: the analysis settings as a reader sees them, a finding's rows,
and the findings grouped by severity — one wording for the GUI, the PDF and the workbook."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

from finsam_desktop.domain.common.money import format_kr
from finsam_desktop.domain.internkontroll.stickprov_findings import AnalysisSettings, Severity

T = TypeVar("T")


def settings_lines(settings: AnalysisSettings) -> tuple[tuple[str, str], ...]:
    """(what, value) for each threshold the analytics used."""
    return (
        ("Möjliga dubbletter", f"samma leverantör och belopp inom {settings.near_duplicate_days} dagar"),
        (
            "Uppdelade köp",
            f"samma leverantör, summa över direktupphandlingsgränsen {format_kr(settings.direktupphandlingsgrans)} "
            f"inom {settings.split_period_days} dagar",
        ),
        (
            "Jämna belopp",
            f"jämna {format_kr(settings.round_amount_step)} från {format_kr(settings.round_amount_floor)}",
        ),
    )


def settings_text(settings: AnalysisSettings) -> str:
    return "; ".join(f"{k}: {v}" for k, v in settings_lines(settings)) + "."


def rows_text(rows: Sequence[int], limit: int | None = None) -> str:
    """``rad 12, 19`` — with ``limit``, the first ones and how many more (the workbook lists them all)."""
    if not rows:
        return ""
    shown = rows if limit is None or len(rows) <= limit else rows[:limit]
    text = ("rad " if len(rows) == 1 else "rader ") + ", ".join(str(r) for r in shown)
    if len(shown) < len(rows):
        text += f" … och {len(rows) - len(shown)} till"
    return text


def verifikationer_text(verifikationer: Sequence[str], limit: int | None = None) -> str:
    if not verifikationer:
        return ""
    shown = verifikationer if limit is None or len(verifikationer) <= limit else verifikationer[:limit]
    text = "ver " + ", ".join(shown)
    if len(shown) < len(verifikationer):
        text += f" … och {len(verifikationer) - len(shown)} till"
    return text


def by_severity(items: Iterable[T], severity: Callable[[T], Severity]) -> list[tuple[Severity, list[T]]]:
    """The items grouped by severity, most severe first, in their given order within a group; empty groups left out."""
    groups: dict[Severity, list[T]] = {s: [] for s in sorted(Severity, key=lambda s: s.rank)}
    for item in items:
        groups[Severity(severity(item))].append(item)
    return [(s, group) for s, group in groups.items() if group]


def severity_counts_text(items: Iterable[T], severity: Callable[[T], Severity]) -> str:
    """``hög 2, medel 1`` (or ``inga fynd``)."""
    groups = by_severity(items, severity)
    return ", ".join(f"{s.label.lower()} {len(g)}" for s, g in groups) or "inga fynd"
