"""The full-text index of protocol paragraphs (FTS5 table ``fts_paragraph``): what one § contributes, a full
rebuild (``finsam check --reparera``) and the comparison ``finsam check`` makes between the index and the §§."""

from __future__ import annotations

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from finsam_desktop.persistence.models import AgendaItem
from finsam_desktop.persistence.models.sammantraden import DecisionClause, ParagraphPart


def index_entry(s: Session, item: AgendaItem) -> tuple[str, str]:
    """(rubrik, body) that the index holds for ``item``."""
    parts = s.scalars(
        select(ParagraphPart).where(ParagraphPart.agenda_item_id == item.id).order_by(ParagraphPart.position)
    )
    clauses = s.scalars(select(DecisionClause.text).where(DecisionClause.agenda_item_id == item.id))
    body = "\n".join(
        t
        for t in [
            item.text,
            item.arendebeskrivning,
            item.forslag_till_beslut,
            item.utgar_motivering,
            item.sokande_organisation,
            item.diarienummer,
            *[f"{p.rubrik}\n{p.text}" for p in parts],
            *clauses,
        ]
        if t
    )
    return item.rubrik, body


def index_items(s: Session, item_ids: list[int]) -> None:
    """Replace the index rows of the given §§ (a § that no longer exists loses its row)."""
    s.flush()
    for item_id in item_ids:
        s.execute(text("DELETE FROM fts_paragraph WHERE rowid = :id"), {"id": item_id})
        item = s.get(AgendaItem, item_id)
        if item is None:
            continue
        rubrik, body = index_entry(s, item)
        s.execute(
            text("INSERT INTO fts_paragraph(rowid, rubrik, body) VALUES (:id, :rubrik, :body)"),
            {"id": item_id, "rubrik": rubrik, "body": body},
        )


def rebuild(s: Session) -> int:
    """Empty the index and fill it from every § (inside the caller's transaction). Returns the number of §§."""
    s.execute(text("DELETE FROM fts_paragraph"))
    ids = list(s.scalars(select(AgendaItem.id).order_by(AgendaItem.id)))
    index_items(s, ids)
    return len(ids)


def mismatches(s: Session) -> tuple[list[int], list[int], list[int]]:
    """(§ ids missing from the index, § ids whose index text differs, index rows without a §)."""
    indexed = {
        rowid: (rubrik, body)
        for rowid, rubrik, body in s.execute(text("SELECT rowid, rubrik, body FROM fts_paragraph"))
    }
    missing: list[int] = []
    stale: list[int] = []
    seen: set[int] = set()
    for item in s.scalars(select(AgendaItem).order_by(AgendaItem.id)):
        seen.add(item.id)
        entry = indexed.get(item.id)
        if entry is None:
            missing.append(item.id)
        elif tuple(entry) != index_entry(s, item):
            stale.append(item.id)
    orphans = sorted(set(indexed) - seen)
    return missing, stale, orphans
