"""Table models of the Sammanträden tab (all over immutable service DTOs)."""

from __future__ import annotations

import re

from PySide6.QtGui import QColor

from finsam_desktop.domain.sammantraden.bilagor import bilaga_sort_key
from finsam_desktop.ui.formatting import date_text
from finsam_desktop.ui.widgets.table_model import Column, RowTableModel

_GREY = QColor("#6b6b6b")
_RED = QColor("#b3261e")
_GREEN = QColor("#1e6b34")


def time_text(t) -> str:
    return t.strftime("%H:%M") if t else ""


def meeting_columns() -> list[Column]:
    def status_colour(m):
        if m.locked:
            return _GREEN
        return None

    return [
        Column(
            "Datum",
            lambda m: date_text(m.datum),
            sort_key=lambda m: f"{m.datum.isoformat()} {m.starttid or ''} {m.id:08d}",
            key=True,
        ),
        Column(
            "Organ",
            lambda m: m.organ_namn + ("" if m.typ.value == "ordinarie" else f" ({m.typ.label.lower()})"),
            tooltip=lambda m: f"{m.title}\n{m.place_text}",
        ),
        Column(
            "Status",
            lambda m: m.status.label,
            sort_key=lambda m: list(type(m.status)).index(m.status),
            foreground=status_colour,
        ),
        Column(
            "§",
            lambda m: _range(m),
            sort_key=lambda m: (m.first_paragraph or 0) * 100000 + m.id,
            align_right=True,
            key=True,
        ),
    ]


def _range(m) -> str:
    if m.first_paragraph is None:
        return f"{m.item_count} p." if m.item_count else "–"
    if m.last_paragraph is None or m.last_paragraph == m.first_paragraph:
        return f"§ {m.first_paragraph}"
    return f"§ {m.first_paragraph}–{m.last_paragraph}"


def meeting_model(parent=None) -> RowTableModel:
    return RowTableModel(meeting_columns(), parent=parent)


_MARK = re.compile(r"[\[\]«»]|</?b>", re.IGNORECASE)


def plain_snippet(snippet: str) -> str:
    """The snippet without FTS highlight markers."""
    return _MARK.sub("", snippet or "").replace("\n", " ").strip()


def search_model(parent=None) -> RowTableModel:
    return RowTableModel(
        [
            Column(
                "Datum",
                lambda h: date_text(h.datum),
                sort_key=lambda h: f"{h.datum.isoformat()} {h.item_id:08d}",
                key=True,
            ),
            Column("§", lambda h: h.label, align_right=True, key=True),
            Column("Rubrik", lambda h: h.rubrik, tooltip=lambda h: f"{h.organ_namn} {date_text(h.datum)}\n{h.rubrik}"),
            Column("Träff", lambda h: plain_snippet(h.snippet), tooltip=lambda h: plain_snippet(h.snippet)),
        ],
        parent=parent,
    )


def uppdrag_model(parent=None) -> RowTableModel:
    return RowTableModel(
        [
            Column(
                "Uppdrag",
                lambda u: u.beskrivning,
                tooltip=lambda u: u.beskrivning + (f"\n{u.kommentar}" if u.kommentar else ""),
            ),
            Column("Ansvarig", lambda u: u.ansvarig),
            Column(
                "Klart senast",
                lambda u: date_text(u.deadline),
                sort_key=lambda u: u.deadline.isoformat() if u.deadline else "9999",
                foreground=lambda u: _RED if u.overdue else None,
            ),
            Column(
                "Status",
                lambda u: u.status.label + (" – försenat" if u.overdue else ""),
                foreground=lambda u: _RED if u.overdue else None,
            ),
            Column("Beslutat", lambda u: u.source),
        ],
        parent=parent,
    )


def attendance_model(parent=None) -> RowTableModel:
    def note(a) -> str:
        parts = []
        if a.ersatter_namn:
            parts.append(f"ersätter {a.ersatter_namn}")
        if a.range_text:
            parts.append(a.range_text)
        if not a.narvarande:
            parts.append("frånvarande")
        return ", ".join(parts)

    return RowTableModel(
        [
            Column("Namn", lambda a: a.namn, foreground=lambda a: None if a.narvarande else _GREY),
            Column(
                "Organisation / roll", lambda a: a.organisation, foreground=lambda a: None if a.narvarande else _GREY
            ),
            Column("Anmärkning", note, foreground=lambda a: None if a.narvarande else _GREY),
        ],
        parent=parent,
    )


def bilaga_model(parent=None) -> RowTableModel:
    return RowTableModel(
        [
            Column(
                "Nr",
                lambda b: str(b.number) if b.number else "–",
                sort_key=lambda b: bilaga_sort_key(b.number),
                align_right=True,
            ),
            Column("Titel", lambda b: b.titel),
            Column("Fil", lambda b: "Föregående protokoll (PDF skapas)" if b.source_meeting_id else b.filnamn),
            Column(
                "Storlek",
                lambda b: "" if b.source_meeting_id else size_text(b.storlek),
                sort_key=lambda b: b.storlek,
                align_right=True,
            ),
            Column("Hänvisas från", lambda b: ", ".join(b.referenced_by) or "ingen §"),
        ],
        parent=parent,
    )


def size_text(n: int) -> str:
    if n < 1024:
        return f"{n} B"
    if n < 1024 * 1024:
        return f"{n / 1024:.0f} kB".replace(".", ",")
    return f"{n / 1024 / 1024:.1f} MB".replace(".", ",")
