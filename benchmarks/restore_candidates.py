"""Bad restore candidates made from one good FINSAM file (used by ``restore_fuzz.py`` and the tests).

Every kind is meant to be refused: truncated, junk or zeroed b-tree pages, broken page headers, files that
are not SQLite, foreign SQLite files (also stamped with FINSAM's application id), dropped tables, columns and
triggers, a missing or newer schema version, dangling foreign keys, rule errors and a forged justerat
protocol. ``make(kind, good, target, rng)`` writes one; ``KINDS`` lists them.
"""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

APPLICATION_ID = 0x46534B4C
BTREE_PAGE_TYPES = {2, 5, 10, 13}


def _sql(path: Path, *statements: str) -> None:
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA foreign_keys=OFF")
        for statement in statements:
            conn.execute(statement)
        conn.commit()
        conn.execute("PRAGMA journal_mode=DELETE")
    finally:
        conn.close()


def _copy(good: Path, target: Path) -> Path:
    src = sqlite3.connect(f"file:{good.as_posix()}?mode=ro", uri=True)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
        dst.execute("PRAGMA journal_mode=DELETE")
    finally:
        dst.close()
        src.close()
    return target


def _names(path: Path, type_: str) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute("SELECT name FROM sqlite_master WHERE type=? AND name NOT LIKE 'sqlite_%'", (type_,))
        return sorted(r[0] for r in rows)
    finally:
        conn.close()


def _btree_pages(data: bytes, page_size: int) -> list[int]:
    pages = []
    for number in range(2, len(data) // page_size + 1):  # page 1 holds the header: kept for other kinds
        if data[(number - 1) * page_size] in BTREE_PAGE_TYPES:
            pages.append(number)
    return pages


def _page_size(data: bytes) -> int:
    size = int.from_bytes(data[16:18], "big")
    return 65536 if size == 1 else size


def truncated(good, target, rng):
    data = _copy(good, target).read_bytes()
    page = _page_size(data)
    cut = rng.choice(
        [rng.randrange(1, 100), rng.randrange(100, len(data) - 1), page * rng.randrange(1, len(data) // page)]
    )
    target.write_bytes(data[:cut])


def _mangle_page(good, target, rng, how):
    data = bytearray(_copy(good, target).read_bytes())
    size = _page_size(data)
    number = rng.choice(_btree_pages(data, size))
    start = (number - 1) * size
    if how == "junk":
        data[start : start + size] = rng.randbytes(size)
    elif how == "zero":
        data[start : start + size] = bytes(size)
    else:  # an impossible page type
        data[start] = rng.choice([b for b in range(256) if b not in BTREE_PAGE_TYPES and b != 0])
    target.write_bytes(bytes(data))


def junk_page(good, target, rng):
    _mangle_page(good, target, rng, "junk")


def zeroed_page(good, target, rng):
    _mangle_page(good, target, rng, "zero")


def bad_page_type(good, target, rng):
    _mangle_page(good, target, rng, "type")


def not_sqlite(good, target, rng):
    target.write_bytes(
        rng.choice(
            [
                b"",
                rng.randbytes(rng.randrange(1, 20000)),
                b"%PDF-1.7\n" + rng.randbytes(3000),
                b"PK\x03\x04" + rng.randbytes(3000),
                "namn;belopp\nLön;100\n".encode() * 50,
                b"SQLite format 3\x00" + rng.randbytes(rng.randrange(0, 5000)),
            ]
        )
    )


def foreign_sqlite(good, target, rng):
    stamped = rng.random() < 0.7
    statements = [f"CREATE TABLE anteckning{rng.randrange(9)} (id INTEGER PRIMARY KEY, text TEXT)"]
    statements += [f"INSERT INTO anteckning{statements[0][23]} (text) VALUES ('rad {i}')" for i in range(5)]
    if stamped:
        statements.append(f"PRAGMA application_id={APPLICATION_ID}")
    if rng.random() < 0.5:
        statements += ["CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)"]
        statements += [f"INSERT INTO alembic_version VALUES ('{rng.choice(['0007', '0001', '0004'])}')"]
    _sql(target, *statements)


def only_application_id(good, target, rng):
    _sql(target, f"PRAGMA application_id={APPLICATION_ID}")


def dropped_table(good, target, rng):
    _copy(good, target)
    important = ["alembic_version", "forbund", "meeting", "person", "audit_log", "member", "mandate"]
    tables = _names(target, "table")
    table = rng.choice(important if rng.random() < 0.5 else tables)
    _sql(target, f'DROP TABLE "{table}"')


def dropped_column(good, target, rng):
    _copy(good, target)
    conn = sqlite3.connect(target)
    try:
        for _ in range(50):
            table = rng.choice([t for t in _names(target, "table") if not t.startswith("fts_")])
            cols = conn.execute(f'PRAGMA table_info("{table}")').fetchall()
            plain = [c[1] for c in cols if not c[5]]  # not part of the primary key
            if len(cols) > 1 and plain:
                column = rng.choice(plain)
                try:
                    conn.execute(f'ALTER TABLE "{table}" DROP COLUMN "{column}"')
                    conn.commit()
                    return
                except sqlite3.OperationalError:
                    continue  # indexed or referenced: try another
    finally:
        conn.close()
    _sql(target, "DROP TABLE person")


def dropped_trigger(good, target, rng):
    _copy(good, target)
    trigger = rng.choice(_names(target, "trigger"))
    if rng.random() < 0.5:
        _sql(target, f'DROP TRIGGER "{trigger}"')
    else:  # same name, does nothing: a forged protection
        conn = sqlite3.connect(target)
        table = conn.execute("SELECT tbl_name FROM sqlite_master WHERE name=?", (trigger,)).fetchone()[0]
        conn.close()
        _sql(
            target,
            f'DROP TRIGGER "{trigger}"',
            f'CREATE TRIGGER "{trigger}" BEFORE UPDATE ON "{table}" BEGIN SELECT 1; END',
        )


def extra_table(good, target, rng):
    _copy(good, target)
    _sql(target, f"CREATE TABLE smuggel{rng.randrange(99)} (x)")


def schema_version(good, target, rng):
    _copy(good, target)
    version = rng.choice(["9999", "", "abc", None])
    if version is None:
        _sql(target, "DELETE FROM alembic_version")
    else:
        _sql(target, f"UPDATE alembic_version SET version_num='{version}'")


def dangling_reference(good, target, rng):
    _copy(good, target)
    choice = rng.choice(
        [
            "UPDATE mandate SET person_id = 987654 WHERE id = (SELECT min(id) FROM mandate)",
            "DELETE FROM person WHERE id = (SELECT person_id FROM mandate LIMIT 1)",
            "DELETE FROM forbund",
            "DELETE FROM organ",
        ]
    )
    _sql(target, choice)


def rule_error(good, target, rng):
    _copy(good, target)
    _sql(
        target,
        rng.choice(
            [
                "UPDATE forbund SET orgnr = '222000-3078'",
                "UPDATE forbund SET orgnr = '123456-7890'",
            ]
        ),
    )


def forged_protocol(good, target, rng):
    """A justerat protocol's text changed behind the triggers' back (they are dropped, edited, recreated)."""
    _copy(good, target)
    conn = sqlite3.connect(target)
    try:
        triggers = conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type='trigger' AND tbl_name='paragraph_part'"
        ).fetchall()
        for name, _sql_text in triggers:
            conn.execute(f'DROP TRIGGER "{name}"')
        conn.execute(
            "UPDATE paragraph_part SET text = text || ' (ändrat i efterhand)' WHERE id = (SELECT min(p.id) FROM "
            "paragraph_part p JOIN agenda_item a ON a.id = p.agenda_item_id JOIN meeting m ON m.id = a.meeting_id "
            "WHERE m.status IN ('justerat', 'anslaget', 'anslag_nedtaget'))"
        )
        for _name, sql_text in triggers:
            conn.execute(sql_text)
        conn.commit()
        conn.execute("PRAGMA journal_mode=DELETE")
    finally:
        conn.close()


KINDS = {
    "trunkerad": truncated,
    "skräpsida": junk_page,
    "nollad sida": zeroed_page,
    "fel sidtyp": bad_page_type,
    "inte SQLite": not_sqlite,
    "främmande SQLite": foreign_sqlite,
    "bara application_id": only_application_id,
    "tabell borttagen": dropped_table,
    "kolumn borttagen": dropped_column,
    "trigger borttagen/ändrad": dropped_trigger,
    "okänd tabell": extra_table,
    "schemaversion": schema_version,
    "trasig referens": dangling_reference,
    "regelfel": rule_error,
    "förfalskat protokoll": forged_protocol,
}


def make(kind: str, good: Path, target: Path, rng: random.Random) -> Path:
    target.unlink(missing_ok=True)
    KINDS[kind](good, target, rng)
    return target


def make_many(good: Path, directory: Path, count: int, seed: int = 20) -> list[tuple[str, Path]]:
    rng = random.Random(seed)
    kinds = list(KINDS)
    made = []
    for i in range(count):
        kind = kinds[i % len(kinds)]
        made.append((kind, make(kind, good, directory / f"kandidat-{i:03d}.sqlite", rng)))
    return made
