"""Full-text search in the protocols."""

from __future__ import annotations

from sqlalchemy import select, text

from finsam_desktop.domain.sammantraden.kinds import MeetingStatus
from finsam_desktop.domain.sammantraden.meetings import SearchHit
from finsam_desktop.persistence.database import Database
from finsam_desktop.persistence.models import AgendaItem as ItemRow
from finsam_desktop.persistence.models import MeetingRow, OrganRow
from finsam_desktop.persistence.pg_ddl import FTS_COLUMN, FTS_CONFIG

#: PostgreSQL: every word as a prefix (like FTS5's ``"word"*``) in the GIN-indexed document of
#: ``persistence/pg_ddl.py`` (its stored column, GIN-indexed), best first.
PG_SEARCH = (
    f"SELECT f.rowid, ts_headline('{FTS_CONFIG}', f.rubrik || ' ' || f.body, q, "
    '\'MaxWords=14, MinWords=6, MaxFragments=1, StartSel="", StopSel="", FragmentDelimiter=" … "\') AS snip '
    f"FROM fts_paragraph f, to_tsquery('{FTS_CONFIG}', :q) q WHERE f.{FTS_COLUMN} @@ q "
    f"ORDER BY ts_rank(f.{FTS_COLUMN}, q) DESC, f.rowid LIMIT :n"
)


class SearchService:
    """Full-text search in the protocols."""

    def __init__(self, db: Database):
        self.db = db

    def search(self, query: str, limit: int = 50) -> list[SearchHit]:
        words = [w for w in "".join(ch if ch.isalnum() else " " for ch in query or "").split() if w]
        if not words:
            return []
        with self.db.session() as s:
            if s.get_bind().dialect.name == "sqlite":
                match = " ".join(f'"{w}"*' for w in words)
                rows = s.execute(
                    text(
                        "SELECT f.rowid, snippet(fts_paragraph, -1, '', '', ' … ', 14) AS snip "
                        "FROM fts_paragraph f WHERE fts_paragraph MATCH :q ORDER BY rank LIMIT :n"
                    ),
                    {"q": match, "n": limit},
                ).all()
            else:
                rows = s.execute(text(PG_SEARCH), {"q": " & ".join(f"{w}:*" for w in words), "n": limit}).all()
            if not rows:
                return []
            ids = [r[0] for r in rows]
            items = {i.id: i for i in s.scalars(select(ItemRow).where(ItemRow.id.in_(ids)))}
            meetings = {
                m.id: m
                for m in s.scalars(select(MeetingRow).where(MeetingRow.id.in_({i.meeting_id for i in items.values()})))
            }
            organs = {o.id: o for o in s.scalars(select(OrganRow))}
            hits = []
            order = {}
            for item_id, snip in rows:
                item = items.get(item_id)
                if item is None:
                    continue
                m = meetings[item.meeting_id]
                organ = organs[m.organ_id]
                label = (
                    f"§ {item.paragraph_number}"
                    if organ.numbered_paragraphs and item.paragraph_number
                    else f"punkt {item.position}"
                )
                hits.append(
                    SearchHit(
                        m.id,
                        item.id,
                        m.datum,
                        organ.namn,
                        label,
                        item.rubrik,
                        " ".join(snip.split()),
                        MeetingStatus(m.status),
                    )
                )
                order[item.id] = (-m.datum.toordinal(), item.paragraph_number or 0, item.position)
            # The best matches (by FTS rank) are shown newest first, in § order within a meeting.
            hits.sort(key=lambda h: order[h.item_id])
            return hits
