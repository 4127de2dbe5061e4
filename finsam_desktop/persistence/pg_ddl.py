"""The migrations' SQLite-only statements, said in PostgreSQL (docs/postgresql.md).

The revisions in ``migrations/versions`` write their protection triggers, the full-text table and a few column
additions in SQLite's SQL through ``op.execute``. On PostgreSQL, ``migrations/env.py`` passes every statement of
a migration through ``translate`` (a ``before_cursor_execute`` hook on the migration's connection), so each
revision creates, on both engines, the same protection with the same Swedish message:

- ``CREATE TRIGGER name BEFORE|AFTER event ON table [WHEN cond] BEGIN body; END`` becomes a PL/pgSQL function
  ``name()`` and a row trigger ``name`` that calls it. ``SELECT RAISE(ABORT, 'msg')`` becomes ``RAISE EXCEPTION``
  with SQLSTATE 23000 (integrity_constraint_violation), so SQLAlchemy raises ``IntegrityError`` with the same
  text on both engines; SQLite's null-safe ``a IS NOT b`` becomes ``a IS DISTINCT FROM b``.
- ``DROP TRIGGER [IF EXISTS] name`` drops the function ``name()`` and with it the trigger.
- The FTS5 table ``fts_paragraph`` becomes a plain table with the same columns (``rowid``, ``rubrik``, ``body``)
  and a GIN index over their ``tsvector`` (``services/sammantraden/search.py`` queries it).
- ``ADD COLUMN … BOOLEAN … DEFAULT 0/1`` gets ``false``/``true``.

Anything else passes unchanged. The SQLite path never calls this module: SQLite files stay byte-for-byte the same.
"""

from __future__ import annotations

import re

#: The tokenization the PostgreSQL search index uses. ``simple`` (lower-casing, no stemming) gives the hits that
#: SQLite's FTS5 ``unicode61`` prefix search gives; ``swedish`` would also find inflected forms (docs/postgresql.md).
FTS_CONFIG = "simple"
FTS_DOCUMENT = f"to_tsvector('{FTS_CONFIG}', coalesce(rubrik, '') || ' ' || coalesce(body, ''))"
#: The stored, GIN-indexed document of ``fts_paragraph`` on PostgreSQL (``FTS_DOCUMENT`` of its row).
FTS_COLUMN = "doc"

#: PostgreSQL's own protection (migration 0020, in PL/pgSQL: SQLite has no TRUNCATE and no database users), which
#: ``integrity.missing_triggers`` expects on a server database: the audit log's database user, and a TRUNCATE
#: refused on every table that has a protection trigger.
NO_TRUNCATE_TABLES: tuple[str, ...] = (
    "agenda_item",
    "ar_account",
    "ar_deltagarflode",
    "ar_document",
    "ar_movement",
    "ar_printed",
    "ar_text",
    "ar_year",
    "attendance",
    "attest_row",
    "audit_log",
    "bilaga",
    "bilaga_ref",
    "budget",
    "budget_line",
    "budget_section",
    "budget_stated_total",
    "decision_clause",
    "delegation_attachment",
    "delegation_decision",
    "delegation_row",
    "ik_plan",
    "ik_plan_row",
    "ik_population_finding",
    "ik_risk",
    "ik_risk_analysis",
    "jav_note",
    "justering_event",
    "meeting",
    "meeting_officer",
    "omedelbar_justering",
    "omedelbar_justering_item",
    "ordning_version",
    "paragraph_correction",
    "paragraph_number",
    "paragraph_part",
    "protocol_justering",
    "protokollsutdrag",
    "record_seal",
    "reservation",
    "vote",
    "vote_cast",
    "vplan",
    "vplan_aktivitet",
    "vplan_budget_rad",
    "vplan_document",
    "vplan_section",
)
EXPECTED_PG_TRIGGERS: frozenset[str] = frozenset(
    {"trg_audit_log_db_user", *(f"trg_{t}_no_truncate" for t in NO_TRUNCATE_TABLES)}
)

_TRIGGER = re.compile(
    r"^CREATE TRIGGER (?:IF NOT EXISTS )?(\w+) (BEFORE|AFTER) (INSERT|UPDATE|DELETE) ON (\w+) "
    r"(?:FOR EACH ROW )?(?:WHEN (.*?) )?BEGIN (.*?);? END;?$",
    re.S | re.I,
)
_DROP_TRIGGER = re.compile(r"^DROP TRIGGER (IF EXISTS )?(\w+);?$", re.I)
_RAISE = re.compile(r"SELECT RAISE\(ABORT, ('(?:[^']|'')*')\)", re.I)
_FTS = re.compile(r"^CREATE VIRTUAL TABLE (\w+) USING fts5\((.*)\)$", re.I | re.S)
_BOOL_DEFAULT = re.compile(r"^(ALTER TABLE \w+ ADD COLUMN \w+ BOOLEAN\b.*\bDEFAULT )([01])\b(.*)$", re.I | re.S)


def _condition(sql: str) -> str:
    """SQLite's null-safe comparisons, in PostgreSQL's words."""
    sql = re.sub(r"\bIS NOT (?!NULL\b)", "IS DISTINCT FROM ", sql, flags=re.I)
    return re.sub(r"\bIS (?!NOT\b|NULL\b|DISTINCT\b)", "IS NOT DISTINCT FROM ", sql, flags=re.I)


def trigger(name: str, timing: str, event: str, table: str, when: str | None, body: str) -> str:
    """A PL/pgSQL trigger function and its row trigger, doing what the SQLite trigger does."""
    whole = body.strip().rstrip(";")
    statements = [whole] if _RAISE.fullmatch(whole) else [s.strip() for s in body.split(";") if s.strip()]
    lines = []
    for stmt in statements:
        raised = _RAISE.fullmatch(stmt)
        if raised:
            lines.append(
                f"RAISE EXCEPTION USING MESSAGE = {raised.group(1)}, ERRCODE = 'integrity_constraint_violation';"
            )
        else:
            lines.append(f"{_condition(stmt)};")
    result = "NULL" if timing.upper() == "AFTER" else ("OLD" if event.upper() == "DELETE" else "NEW")
    code = "\n    ".join(lines)
    if when:
        code = f"IF {_condition(when)} THEN\n    {code}\n  END IF;"
    return (
        f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $fn$\n"
        f"BEGIN\n  {code}\n  RETURN {result};\nEND\n$fn$;\n"
        f"CREATE TRIGGER {name} {timing.upper()} {event.upper()} ON {table} FOR EACH ROW EXECUTE FUNCTION {name}()"
    )


def fts_table(name: str, columns: list[str]) -> str:
    cols = ", ".join(f"{c} TEXT NOT NULL DEFAULT ''" for c in columns)
    joined = " || ' ' || ".join(f"coalesce({c}, '')" for c in columns)
    document = f"to_tsvector('{FTS_CONFIG}', {joined})"
    # The document is stored (a generated column), so ts_rank reads it instead of parsing every matching §'s
    # text again (migration 0019 adds it to a database made before).
    return (
        f"CREATE TABLE {name} (rowid INTEGER PRIMARY KEY, {cols}, "
        f"{FTS_COLUMN} tsvector GENERATED ALWAYS AS ({document}) STORED);\n"
        f"CREATE INDEX ix_{name}_{FTS_COLUMN} ON {name} USING GIN ({FTS_COLUMN})"
    )


def translate(statement: str) -> str:
    """``statement`` as PostgreSQL needs it (unchanged when it is not one of SQLite's own)."""
    folded = " ".join(statement.split())
    match = _TRIGGER.match(folded)
    if match:
        return trigger(*match.groups())
    match = _DROP_TRIGGER.match(folded)
    if match:
        return f"DROP FUNCTION {match.group(1) or ''}{match.group(2)}() CASCADE"
    match = _FTS.match(folded)
    if match:
        columns = [c.strip() for c in match.group(2).split(",") if "=" not in c]
        return fts_table(match.group(1), columns)
    match = _BOOL_DEFAULT.match(folded)
    if match:
        return f"{match.group(1)}{'true' if match.group(2) == '1' else 'false'}{match.group(3)}"
    return statement


def install(connection) -> None:
    """Translate every statement run on ``connection`` (a migration's) from then on."""
    from sqlalchemy import event

    def _before(conn, cursor, statement, parameters, context, executemany):
        return translate(statement), parameters

    event.listen(connection, "before_cursor_execute", _before, retval=True)
