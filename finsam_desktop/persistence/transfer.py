"""Copy every row of one FINSAM database into another, new one (``finsam db migrate-to``, docs/postgresql.md).

The target gets its schema from the program's own migrations (so its triggers, indexes and search table are
exactly those of a database the program made), then every table of ``Base.metadata`` in dependency order, and the
search index ``fts_paragraph`` row for row, in one transaction. The protection triggers refuse to load decided
records as they are (a justerat protocol's rows, the append-only logs), so during the copy, and only inside that
transaction, they are switched off:

- PostgreSQL: ``ALTER TABLE … DISABLE TRIGGER USER`` on every table, ``ENABLE`` again before the commit. It needs
  only the tables' owner, which the copying user is (it created them in the same transaction), and – unlike
  ``session_replication_role = replica``, which needs a superuser – it leaves the foreign keys (internal triggers)
  checked. The ALTERs hold an exclusive lock until the commit and are undone by a rollback, so no other session
  ever sees a table without its protection.
- SQLite has no way to switch a trigger off: they are dropped and re-created, from the exact SQL the migrations
  wrote into this same file (``sqlite_master``), inside the transaction; ``defer_foreign_keys`` checks the
  foreign keys at the commit. The file is a new one, renamed into place only when everything is verified.

``digests`` reads every table, typed, in primary-key order on both sides: the row count and a SHA-256 over the
canonical JSON of the rows (``domain/common/content_hash``: every blob – archived and signed protocol PDFs,
originals, documents – enters as the SHA-256 of its bytes), so equal digests mean equal contents.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import LargeBinary, Table, create_engine, event, inspect, select, text
from sqlalchemy.engine import Connection, Engine

from finsam_desktop.domain.common.content_hash import canonical_json
from finsam_desktop.persistence.database import server_engine
from finsam_desktop.persistence.models import Base

#: The search index: not in ``Base.metadata`` (an FTS5 table on SQLite, a plain one on PostgreSQL), same columns.
FTS_TABLE = "fts_paragraph"
#: Tables the copy does not carry: the migrations write the schema version; SQLite's own and FTS5's shadow tables.
NOT_COPIED_PREFIXES = ("alembic_version", "fts_", "sqlite_")
BATCH = 500
#: Read big tables in parts (a server-side cursor on PostgreSQL), per statement: never on the whole connection.
STREAM = {"stream_results": True}


def tables() -> list[Table]:
    """The program's tables, parents before children."""
    return list(Base.metadata.sorted_tables)


def unknown_tables(conn: Connection) -> list[str]:
    """Tables in the database that the program does not know (and so would not copy)."""
    known = set(Base.metadata.tables)
    names = inspect(conn).get_table_names()
    return sorted(n for n in names if n not in known and not n.startswith(NOT_COPIED_PREFIXES))


def sqlite_engine(path: Path, read_only: bool = False) -> Engine:
    """An engine on a SQLite file whose ``begin()`` is a real ``BEGIN``: Python's sqlite3 module would otherwise
    run DDL (the trigger drops) and plain reads outside any transaction (SQLAlchemy's documented recipe)."""
    url = f"sqlite:///file:{path.as_posix()}?mode=ro&uri=true" if read_only else f"sqlite:///{path.as_posix()}"
    engine = create_engine(url)

    @event.listens_for(engine, "connect")
    def _connect(dbapi_conn, _record):
        dbapi_conn.isolation_level = None
        dbapi_conn.execute("PRAGMA foreign_keys=ON")
        dbapi_conn.execute("PRAGMA busy_timeout=5000")

    @event.listens_for(engine, "begin")
    def _begin(conn):
        conn.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")

    return engine


def engine_for(target: Path | str, read_only: bool = False) -> Engine:
    if isinstance(target, Path):
        return sqlite_engine(target, read_only)
    engine = server_engine(target, read_only)
    # One snapshot for the whole read: a writer committing meanwhile cannot make the copy inconsistent.
    return engine.execution_options(isolation_level="REPEATABLE READ") if read_only else engine


# --- digests -----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TableDigest:
    rows: int
    sha256: str


def _ordered(table: Table):
    return select(table).order_by(*table.primary_key.columns)


def table_digest(conn: Connection, table: Table) -> TableDigest:
    h = hashlib.sha256()
    rows = 0
    result = conn.execute(_ordered(table), execution_options=STREAM)
    for part in result.partitions(BATCH):
        for row in part:
            h.update(canonical_json(list(row)).encode("utf-8"))
            h.update(b"\n")
            rows += 1
    return TableDigest(rows, h.hexdigest())


def fts_rows(conn: Connection) -> list[tuple[int, str, str]]:
    sql = f"SELECT rowid, rubrik, body FROM {FTS_TABLE} ORDER BY rowid"
    return [(int(r[0]), r[1] or "", r[2] or "") for r in conn.execute(text(sql))]


def digests(conn: Connection) -> dict[str, TableDigest]:
    """Table name → (rows, SHA-256 of its contents), the search index included."""
    out = {t.name: table_digest(conn, t) for t in tables()}
    index = fts_rows(conn)
    out[FTS_TABLE] = TableDigest(len(index), hashlib.sha256(canonical_json(index).encode("utf-8")).hexdigest())
    return out


def blob_hashes(conn: Connection) -> dict[tuple[str, str, int], str]:
    """(table, column, id) → SHA-256 of every stored file (the protocol PDFs, originals, documents)."""
    out: dict[tuple[str, str, int], str] = {}
    for table in tables():
        blobs = [c for c in table.columns if isinstance(c.type, LargeBinary)]
        if not blobs or "id" not in table.columns:
            continue
        for column in blobs:
            stmt = select(table.c.id, column).where(column.is_not(None)).order_by(table.c.id)
            for row_id, data in conn.execute(stmt, execution_options=STREAM):
                out[(table.name, column.name, row_id)] = hashlib.sha256(bytes(data)).hexdigest()
    return out


def differences(source: dict[str, TableDigest], target: dict[str, TableDigest]) -> list[str]:
    """What differs, in Swedish (empty: the two databases hold the same rows)."""
    out = []
    for name in sorted(source.keys() | target.keys()):
        a, b = source.get(name), target.get(name)
        if a is None or b is None:
            out.append(f"tabellen {name} finns bara på ena sidan")
        elif a.rows != b.rows:
            out.append(f"tabellen {name} har {a.rows} rader i källan men {b.rows} i målet")
        elif a.sha256 != b.sha256:
            out.append(f"innehållet i tabellen {name} skiljer sig ({a.rows} rader)")
    return out


# --- the copy ----------------------------------------------------------------------------------------------------


def _parents_first(table: Table, rows: list[dict]) -> list[dict]:
    """A table that refers to itself (a budget's previous version, a line's parent): every row after the row it
    refers to, so the foreign key holds at each insert."""
    own = [fk.parent.name for fk in table.foreign_keys if fk.column.table is table]
    if not own:
        return rows
    present = {r["id"] for r in rows}
    done: set = set()
    ordered: list[dict] = []
    waiting = rows
    while waiting:
        later = []
        for row in waiting:
            refs = [row[c] for c in own if row[c] is not None and row[c] != row["id"] and row[c] in present]
            if all(r in done for r in refs):
                ordered.append(row)
                done.add(row["id"])
            else:
                later.append(row)
        if len(later) == len(waiting):  # a cycle: leave it to the foreign key check to refuse
            ordered += later
            break
        waiting = later
    return ordered


def copy_rows(src: Connection, dst: Connection) -> None:
    """Every row of the program's tables and the search index from ``src`` into ``dst`` (whose protection
    triggers the caller has switched off). Rows the migrations seeded (organs, categories, prisbasbelopp) are
    replaced by the source's."""
    for table in reversed(tables()):
        dst.execute(table.delete())
    for table in tables():
        self_ref = any(fk.column.table is table for fk in table.foreign_keys)
        result = src.execute(_ordered(table), execution_options=STREAM)
        if self_ref:
            rows = _parents_first(table, [dict(r) for r in result.mappings()])
            for i in range(0, len(rows), BATCH):
                dst.execute(table.insert(), rows[i : i + BATCH])
            continue
        for part in result.mappings().partitions(BATCH):
            dst.execute(table.insert(), [dict(r) for r in part])
    dst.execute(text(f"DELETE FROM {FTS_TABLE}"))
    index = [{"id": i, "rubrik": r, "body": b} for i, r, b in fts_rows(src)]
    if index:
        dst.execute(text(f"INSERT INTO {FTS_TABLE}(rowid, rubrik, body) VALUES (:id, :rubrik, :body)"), index)


@contextmanager
def triggers_off(dst: Connection) -> Iterator[None]:
    """The protection triggers switched off for the block, inside the caller's transaction (module docstring)."""
    if dst.dialect.name == "postgresql":
        names = [t.name for t in tables()] + [FTS_TABLE]
        for name in names:
            dst.exec_driver_sql(f'ALTER TABLE "{name}" DISABLE TRIGGER USER')
        yield
        for name in names:
            dst.exec_driver_sql(f'ALTER TABLE "{name}" ENABLE TRIGGER USER')
        return
    saved = dst.exec_driver_sql("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name").all()
    dst.exec_driver_sql("PRAGMA defer_foreign_keys=ON")
    for name, _sql in saved:
        dst.exec_driver_sql(f'DROP TRIGGER "{name}"')
    yield
    for _name, sql in saved:
        dst.exec_driver_sql(sql)


def reset_sequences(dst: Connection) -> None:
    """PostgreSQL: every ``id`` sequence continues after the copied rows (SQLite takes max(rowid) + 1 itself)."""
    if dst.dialect.name != "postgresql":
        return
    for table in tables():
        if "id" not in table.columns or len(table.primary_key.columns) != 1:
            continue
        seq = dst.execute(text("SELECT pg_get_serial_sequence(:t, 'id')"), {"t": table.name}).scalar()
        if seq:
            dst.execute(
                text(f'SELECT setval(:s, COALESCE((SELECT MAX(id) FROM "{table.name}"), 0) + 1, false)'), {"s": seq}
            )


def upgrade_on(conn: Connection) -> None:
    """The program's migrations to head on ``conn``, in the caller's transaction (PostgreSQL's DDL is
    transactional: a failed copy leaves the database empty, as it was)."""
    from alembic import command

    from finsam_desktop.persistence.migrator import alembic_config

    cfg = alembic_config()
    cfg.attributes["connection"] = conn
    command.upgrade(cfg, "heads")
