"""The canonical content of a protocol (or of single §§) as stored in the database, for the SHA-256 kept at
justering and re-checked by ``finsam check``.

The content is read table by table from the schema itself (every column, rows ordered by id), so a raw edit of any
stored value — a § text, an att-sats, an attendance row, a bilaga's bytes — changes the hash. Person names are
kept as ids: the archived PDF stored at justering is the document of record for what was printed.
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime, time

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from finsam_desktop.domain.justering import canonical_json, content_hash
from finsam_desktop.persistence.base import Base

CANONICAL_VERSION = 1

#: Tables whose rows belong to a meeting directly.
MEETING_TABLES = ("agenda_item", "attendance", "meeting_officer", "bilaga")
#: Tables whose rows belong to an agenda item.
ITEM_TABLES = ("decision_clause", "paragraph_part", "jav_note", "vote", "reservation", "bilaga_ref", "paragraph_number")
#: Columns that are not protocol content (they change legitimately after justering).
EXCLUDED = {"meeting": {"status"}}


def _table(name: str) -> Table | None:
    return Base.metadata.tables.get(name)


def _value(v: object) -> object:
    if isinstance(v, (datetime, date, time)):
        return v.isoformat()
    if isinstance(v, (bytes, memoryview)):
        return "sha256:" + hashlib.sha256(bytes(v)).hexdigest()
    return v


def _rows(session: Session, table: Table, where) -> list[dict]:
    skip = EXCLUDED.get(table.name, set())
    cols = [c for c in table.columns if c.name not in skip]
    stmt = select(*cols).where(where).order_by(table.c.id)
    return [{c.name: _value(v) for c, v in zip(cols, row)} for row in session.execute(stmt)]


def meeting_content(session: Session, meeting_id: int) -> dict:
    """Every stored value of the meeting's protocol (meeting row without status, §§ and their children,
    attendance, officers, bilagor with a hash of their bytes)."""
    meeting = _table("meeting")
    content: dict[str, object] = {
        "version": CANONICAL_VERSION,
        "meeting": _rows(session, meeting, meeting.c.id == meeting_id),
    }
    for name in MEETING_TABLES:
        table = _table(name)
        if table is not None:
            content[name] = _rows(session, table, table.c.meeting_id == meeting_id)
    item_ids = [row["id"] for row in content.get("agenda_item", [])]
    content.update(_item_children(session, item_ids))
    return content


def items_content(session: Session, item_ids: list[int]) -> dict:
    """The stored values of the given §§ only (for "justeras omedelbart")."""
    items = _table("agenda_item")
    content: dict[str, object] = {
        "version": CANONICAL_VERSION,
        "agenda_item": _rows(session, items, items.c.id.in_(item_ids)),
    }
    content.update(_item_children(session, item_ids))
    return content


def _item_children(session: Session, item_ids: list[int]) -> dict:
    out: dict[str, object] = {}
    for name in ITEM_TABLES:
        table = _table(name)
        if table is not None:
            out[name] = _rows(session, table, table.c.agenda_item_id.in_(item_ids))
    vote_cast = _table("vote_cast")
    if vote_cast is not None and "vote" in out:
        vote_ids = [v["id"] for v in out["vote"]]  # type: ignore[index]
        out["vote_cast"] = _rows(session, vote_cast, vote_cast.c.vote_id.in_(vote_ids))
    return out


def hash_of(content: dict) -> tuple[str, str]:
    """(sha256 hex, canonical JSON) of ``content``."""
    return content_hash(content), canonical_json(content)


def describe_difference(stored_json: str, current: dict) -> list[str]:
    """Swedish, human-readable list of which tables/rows differ between the stored content and now."""
    import json

    stored = json.loads(stored_json)
    current = json.loads(canonical_json(current))
    diffs: list[str] = []
    labels = {
        "meeting": "sammanträdet",
        "agenda_item": "paragraf",
        "attendance": "närvarorad",
        "meeting_officer": "funktionär",
        "bilaga": "bilaga",
        "decision_clause": "att-sats",
        "paragraph_part": "delpunkt",
        "jav_note": "jävsanteckning",
        "vote": "omröstning",
        "reservation": "reservation",
        "bilaga_ref": "bilagehänvisning",
        "paragraph_number": "paragrafnummer",
        "vote_cast": "röst",
    }
    for key in sorted(set(stored) | set(current)):
        if key == "version":
            continue
        a = {r["id"]: r for r in stored.get(key, [])}
        b = {r["id"]: r for r in current.get(key, [])}
        label = labels.get(key, key)
        for rid in sorted(set(a) | set(b)):
            if rid not in b:
                diffs.append(f"{label} {rid} har tagits bort")
            elif rid not in a:
                diffs.append(f"{label} {rid} har lagts till")
            elif a[rid] != b[rid]:
                cols = sorted(k for k in set(a[rid]) | set(b[rid]) if a[rid].get(k) != b[rid].get(k))
                diffs.append(f"{label} {rid}: ändrat fält {', '.join(cols)}")
    return diffs
