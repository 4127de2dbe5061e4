"""The canonical content of a protocol (or of single §§) as stored in the database, for the SHA-256 kept at
justering and re-checked by ``finsam check``.

The content is read table by table from the schema itself (every column, rows ordered by id), so a raw edit of any
stored value — a § text, an att-sats, an attendance row, a bilaga's bytes — changes the hash.

Version 2 (from migration 0008) makes the snapshot self-contained: it also holds the names, as they were on the day,
of every person, member and organ the protocol refers to, and the förbund's name (section ``namn``). A later rename
therefore does not change what was justerat; ``finsam check`` compares the names now with the snapshot and accepts
only a rename the program logged. Version 1 snapshots (justerade before 0008) keep ids only and are verified as such.
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime, time

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from finsam_desktop.domain.justering.model import canonical_json, content_hash
from finsam_desktop.persistence.base import Base

CANONICAL_VERSION = 2

#: Tables whose rows belong to a meeting directly.
MEETING_TABLES = ("agenda_item", "attendance", "meeting_officer", "bilaga")
#: Tables whose rows belong to an agenda item.
ITEM_TABLES = ("decision_clause", "paragraph_part", "jav_note", "vote", "reservation", "bilaga_ref", "paragraph_number")
#: Columns that are not protocol content: the status changes legitimately after justering, and the optimistic
#: locking's bookkeeping (migration 0019) says who last edited, not what was decided – a file justerat before
#: 0019 keeps its hash.
_EDITED = {"version", "changed_by", "changed_at"}
EXCLUDED = {"meeting": {"status", *_EDITED}, "agenda_item": _EDITED}
#: Columns added after protocols were justerade: left out while empty, so those protocols keep their hash.
OMITTED_WHEN_EMPTY = {"bilaga": {"original_nummer"}}


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
    late = OMITTED_WHEN_EMPTY.get(table.name, set())
    return [
        {c.name: _value(v) for c, v in zip(cols, row) if not (c.name in late and v is None)}
        for row in session.execute(stmt)
    ]


def meeting_content(session: Session, meeting_id: int, version: int = CANONICAL_VERSION) -> dict:
    """Every stored value of the meeting's protocol (meeting row without status, §§ and their children,
    attendance, officers, bilagor with a hash of their bytes; from version 2 the names it refers to)."""
    meeting = _table("meeting")
    content: dict[str, object] = {
        "version": version,
        "meeting": _rows(session, meeting, meeting.c.id == meeting_id),
    }
    for name in MEETING_TABLES:
        table = _table(name)
        if table is not None:
            content[name] = _rows(session, table, table.c.meeting_id == meeting_id)
    item_ids = [row["id"] for row in content.get("agenda_item", [])]
    content.update(_item_children(session, item_ids))
    if version >= 2:
        content[NAMES] = names_of(session, content)
    return content


def items_content(session: Session, item_ids: list[int], version: int = CANONICAL_VERSION) -> dict:
    """The stored values of the given §§ only (for "justeras omedelbart")."""
    items = _table("agenda_item")
    content: dict[str, object] = {
        "version": version,
        "agenda_item": _rows(session, items, items.c.id.in_(item_ids)),
    }
    content.update(_item_children(session, item_ids))
    if version >= 2:
        content[NAMES] = names_of(session, content)
    return content


#: Section of a version-2 snapshot with the names as they were on the day.
NAMES = "namn"
#: referenced table -> the column names in protocol rows that point at it.
_NAME_SOURCES = {"person": "person_id", "member": "member_id", "organ": "organ_id"}


def names_of(session: Session, content: dict) -> dict:
    """{"person": {id: namn}, "member": {…}, "organ": {…}, "forbund": namn} for every id the content refers to."""
    wanted: dict[str, set[int]] = {t: set() for t in _NAME_SOURCES}
    for rows in content.values():
        if not isinstance(rows, list):
            continue
        for row in rows:
            for col, value in row.items():
                for table, suffix in _NAME_SOURCES.items():
                    if isinstance(value, int) and (col == suffix or col.endswith("_" + suffix)):
                        wanted[table].add(value)
    names: dict[str, object] = {}
    for table, ids in wanted.items():
        t = _table(table)
        rows = session.execute(select(t.c.id, t.c.namn).where(t.c.id.in_(sorted(ids)))) if ids else []
        names[table] = {str(i): n for i, n in rows}
    forbund = _table("forbund")
    names["forbund"] = session.scalar(select(forbund.c.namn).where(forbund.c.id == 1)) or ""
    return names


def stored_version(canonical: str | None) -> int:
    import json

    try:
        return int(json.loads(canonical or "{}").get("version", 1))
    except (ValueError, AttributeError):
        return 1


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
        if key == NAMES:
            diffs += _name_differences(stored.get(key) or {}, current.get(key) or {})
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


_NAME_LABELS = {"person": "personen", "member": "medlemmen", "organ": "organet"}


def _name_differences(stored: dict, current: dict) -> list[str]:
    out: list[str] = []
    for table, label in _NAME_LABELS.items():
        a, b = stored.get(table) or {}, current.get(table) or {}
        for rid in sorted(set(a) | set(b), key=lambda k: int(k)):
            if a.get(rid) != b.get(rid):
                out.append(f"{label} {rid} hette ”{a.get(rid, '')}” vid justeringen, nu ”{b.get(rid, '')}”")
    if stored.get("forbund") != current.get("forbund"):
        out.append(f"förbundet hette ”{stored.get('forbund', '')}” vid justeringen, nu ”{current.get('forbund', '')}”")
    return out


def with_snapshot_names(current: dict, record) -> dict:
    """``current`` with the names section taken from the record's snapshot: the content hash then checks the
    protocol itself and the snapshot's integrity, while renames are judged separately (``checks_integrity``)."""
    import json

    if NAMES in current:
        try:
            stored = json.loads(record.canonical_json or "{}")
        except ValueError:
            stored = {}
        current[NAMES] = stored.get(NAMES, current[NAMES])
    return current
