"""Tamper evidence for the file: the protection triggers that must exist, the hash chains of the append-only logs,
the seals (content hashes) of decided records and the hash of every justering record.

What this protects and what it does not
----------------------------------------
Everything here lives inside the one SQLite file. Triggers stop the program (and a careless hand with a database
tool) from changing what has been decided; the hashes make a change visible to ``finsam check`` when the triggers
were dropped. An administrator who has the file *and* this program can still drop the triggers, change a row,
recompute its seal, rewrite every later link of the chain and re-create the triggers: no hash that is computed
from the file alone can prevent that. What cannot be recomputed is what lives outside the file or is signed:
the justerat protocol's archived PDF carries the content hash in its metadata, and once it is PAdES-signed the
signature covers that hash (altering it breaks the signature, forging it needs the signer's key). Copies of the
signed PDFs, printed protocols and backups kept elsewhere are therefore the real anchor; ``finsam check`` compares
the database with the archived PDF it holds.

Writing: :func:`install_session_hooks` links every new row of a chained table at flush time and, at commit, seals
records that the program itself decided in that transaction (a fastställd budget, an adopted ordning, risk analysis
or kontrollplan, a reported delegationsbeslut, an adopted årsredovisning) and renews the hash of a justering record it changed. Records
changed outside the program are never resealed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import event, inspect, text
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from finsam_desktop import clock
from finsam_desktop.domain.common.content_hash import (
    GENESIS,
    canonical_json,
    chain_hash,
    content_hash,
    normalise,
    verify_chain,
)
from finsam_desktop.persistence.pg_ddl import EXPECTED_PG_TRIGGERS

#: Every trigger a current FINSAM file has (migrations 0002–0016). ``finsam check`` reports missing ones and a
#: file missing any is opened read-only. ``tests/persistence/test_integrity.py`` keeps this equal to the migrations.
EXPECTED_TRIGGERS: frozenset[str] = frozenset(
    (
        "trg_agenda_item_frozen_delete",
        "trg_agenda_item_frozen_insert",
        "trg_agenda_item_frozen_update",
        "trg_agenda_item_fts_delete",
        "trg_agenda_item_omedelbar_delete",
        "trg_agenda_item_omedelbar_update",
        "trg_attendance_frozen_delete",
        "trg_attendance_frozen_insert",
        "trg_attendance_frozen_update",
        "trg_attest_row_no_delete",
        "trg_attest_row_no_insert",
        "trg_attest_row_no_update",
        "trg_bilaga_frozen_delete",
        "trg_bilaga_frozen_insert",
        "trg_bilaga_frozen_update",
        "trg_bilaga_ref_frozen_delete",
        "trg_bilaga_ref_frozen_insert",
        "trg_bilaga_ref_frozen_update",
        "trg_bilaga_ref_omedelbar_delete",
        "trg_bilaga_ref_omedelbar_insert",
        "trg_bilaga_ref_omedelbar_update",
        "trg_budget_line_locked_delete",
        "trg_budget_line_locked_insert",
        "trg_budget_line_locked_update",
        "trg_budget_locked_delete",
        "trg_budget_locked_update",
        "trg_budget_section_locked_delete",
        "trg_budget_section_locked_insert",
        "trg_budget_section_locked_update",
        "trg_budget_stated_total_locked_delete",
        "trg_budget_stated_total_locked_insert",
        "trg_budget_stated_total_locked_update",
        "trg_decision_clause_frozen_delete",
        "trg_decision_clause_frozen_insert",
        "trg_decision_clause_frozen_update",
        "trg_decision_clause_omedelbar_delete",
        "trg_decision_clause_omedelbar_insert",
        "trg_decision_clause_omedelbar_update",
        "trg_delegation_attachment_no_change",
        "trg_delegation_attachment_no_delete",
        "trg_delegation_attachment_no_insert",
        "trg_delegation_decision_no_delete",
        "trg_delegation_decision_no_update",
        "trg_delegation_row_no_delete",
        "trg_delegation_row_no_insert",
        "trg_delegation_row_no_update",
        "trg_ik_plan_locked_delete",
        "trg_ik_plan_locked_update",
        "trg_ik_plan_row_locked_delete",
        "trg_ik_plan_row_locked_insert",
        "trg_ik_plan_row_locked_update",
        "trg_ik_risk_analysis_locked_delete",
        "trg_ik_risk_analysis_locked_update",
        "trg_ik_risk_locked_delete",
        "trg_ik_risk_locked_insert",
        "trg_ik_risk_locked_update",
        "trg_jav_note_frozen_delete",
        "trg_jav_note_frozen_insert",
        "trg_jav_note_frozen_update",
        "trg_jav_note_omedelbar_delete",
        "trg_jav_note_omedelbar_insert",
        "trg_jav_note_omedelbar_update",
        "trg_justering_event_delete",
        "trg_justering_event_update",
        "trg_meeting_justerat_delete",
        "trg_meeting_justerat_update",
        "trg_meeting_officer_frozen_delete",
        "trg_meeting_officer_frozen_insert",
        "trg_meeting_officer_frozen_update",
        "trg_omedelbar_justering_delete",
        "trg_omedelbar_justering_item_delete",
        "trg_omedelbar_justering_item_update",
        "trg_omedelbar_justering_update",
        "trg_ordning_version_no_delete",
        "trg_ordning_version_no_update",
        "trg_paragraph_correction_delete",
        "trg_paragraph_correction_update",
        "trg_paragraph_number_frozen_delete",
        "trg_paragraph_number_frozen_insert",
        "trg_paragraph_number_frozen_update",
        "trg_paragraph_part_frozen_delete",
        "trg_paragraph_part_frozen_insert",
        "trg_paragraph_part_frozen_update",
        "trg_paragraph_part_omedelbar_delete",
        "trg_paragraph_part_omedelbar_insert",
        "trg_paragraph_part_omedelbar_update",
        "trg_protocol_justering_delete",
        "trg_protocol_justering_update",
        "trg_protokollsutdrag_delete",
        "trg_protokollsutdrag_update",
        "trg_reservation_frozen_delete",
        "trg_reservation_frozen_insert",
        "trg_reservation_frozen_update",
        "trg_reservation_omedelbar_delete",
        "trg_reservation_omedelbar_insert",
        "trg_reservation_omedelbar_update",
        "trg_vote_cast_frozen_delete",
        "trg_vote_cast_frozen_insert",
        "trg_vote_cast_frozen_update",
        "trg_vote_cast_omedelbar_delete",
        "trg_vote_cast_omedelbar_insert",
        "trg_vote_cast_omedelbar_update",
        "trg_vote_frozen_delete",
        "trg_vote_frozen_insert",
        "trg_vote_frozen_update",
        "trg_vote_omedelbar_delete",
        "trg_vote_omedelbar_insert",
        "trg_vote_omedelbar_update",
        # 0008_integrity
        "trg_audit_log_update",
        "trg_audit_log_delete",
        "trg_record_seal_update",
        "trg_record_seal_delete",
        # 0009_stickprov_population
        "trg_ik_population_finding_update",
        # 0012_arsredovisning
        "trg_ar_year_locked_update",
        "trg_ar_year_locked_delete",
        "trg_ar_account_locked_insert",
        "trg_ar_account_locked_update",
        "trg_ar_account_locked_delete",
        "trg_ar_movement_locked_insert",
        "trg_ar_movement_locked_update",
        "trg_ar_movement_locked_delete",
        "trg_ar_text_locked_insert",
        "trg_ar_text_locked_update",
        "trg_ar_text_locked_delete",
        "trg_ar_printed_locked_insert",
        "trg_ar_printed_locked_update",
        "trg_ar_printed_locked_delete",
        "trg_ar_deltagarflode_locked_insert",
        "trg_ar_deltagarflode_locked_update",
        "trg_ar_deltagarflode_locked_delete",
        # 0016_arsredovisning_document
        "trg_ar_document_locked_update",
        "trg_ar_document_locked_delete",
        # 0018_verksamhetsplan
        "trg_vplan_locked_update",
        "trg_vplan_locked_delete",
        "trg_vplan_section_locked_insert",
        "trg_vplan_section_locked_update",
        "trg_vplan_section_locked_delete",
        "trg_vplan_aktivitet_locked_insert",
        "trg_vplan_aktivitet_locked_update",
        "trg_vplan_aktivitet_locked_delete",
        "trg_vplan_budget_rad_locked_insert",
        "trg_vplan_budget_rad_locked_update",
        "trg_vplan_budget_rad_locked_delete",
        "trg_vplan_document_locked_update",
        "trg_vplan_document_locked_delete",
    )
)


#: Append-only tables whose rows carry ``prev_hash``/``row_hash``, and the fields under the hash.
CHAINS: dict[str, tuple[str, ...]] = {
    "audit_log": ("at", "user", "action", "entity", "entity_id", "detail"),
    "justering_event": ("meeting_id", "extract_id", "from_status", "to_status", "datum", "at", "user", "reason"),
    "record_seal": ("kind", "record_id", "sealed_at", "content_sha256"),
}
#: Fields under a row's hash only when set: a later column, so the rows before it (and SQLite's, where it stays
#: empty) keep their hashes.
OPTIONAL_CHAIN_FIELDS: dict[str, tuple[str, ...]] = {"audit_log": ("db_user",)}
CHAIN_LABELS = {"audit_log": "Ändringsloggen", "justering_event": "Justeringsloggen", "record_seal": "Sigillregistret"}

#: Every field of a justering record except its id and its own hash.
JUSTERING_RECORD_COLUMNS: dict[str, tuple[str, ...]] = {
    "protocol_justering": (
        "meeting_id",
        "justeringsdatum",
        "ordforande",
        "justerare",
        "sekreterare",
        "anslagsdatum",
        "anslag_av",
        "nedtaget_datum",
        "forvaringsplats",
        "content_sha256",
        "canonical_json",
        "justerat_pdf",
        "justerat_pdf_sha256",
        "signed_pdf",
        "signed_at",
        "signers",
    ),
    "omedelbar_justering": (
        "meeting_id",
        "paragrafer",
        "justeringsdatum",
        "ordforande",
        "justerare",
        "sekreterare",
        "anslagsdatum",
        "nedtaget_datum",
        "content_sha256",
        "canonical_json",
        "created_at",
    ),
}


@dataclass(frozen=True)
class SealSpec:
    """A kind of decided record: its table, when it counts as decided, and the child tables sealed with it."""

    kind: str
    table: str
    decided_sql: str
    attr: str
    decided_value: str | None  # the attribute equals this (or, when None, is non-empty)
    children: tuple[tuple[str, str, str], ...]  # (table, foreign key column, extra condition)

    def is_decided(self, obj: object) -> bool:
        value = getattr(obj, self.attr, None)
        return bool(value) if self.decided_value is None else value == self.decided_value


SEALS: dict[str, SealSpec] = {
    s.kind: s
    for s in (
        SealSpec(
            "budget",
            "budget",
            "status = 'faststalld'",
            "status",
            "faststalld",
            (
                ("budget_section", "budget_id", ""),
                ("budget_line", "budget_id", ""),
                ("budget_stated_total", "budget_id", "followup_id IS NULL"),
            ),
        ),
        SealSpec(
            "ordning",
            "ordning_version",
            "status = 'antagen'",
            "status",
            "antagen",
            (("attest_row", "version_id", ""), ("delegation_row", "version_id", "")),
        ),
        SealSpec(
            "riskanalys",
            "ik_risk_analysis",
            "status = 'antagen'",
            "status",
            "antagen",
            (("ik_risk", "analysis_id", ""),),
        ),
        SealSpec(
            "kontrollplan", "ik_plan", "status = 'antagen'", "status", "antagen", (("ik_plan_row", "plan_id", ""),)
        ),
        SealSpec(
            "delegationsbeslut",
            "delegation_decision",
            "anmalt_text <> ''",
            "anmalt_text",
            None,
            (("delegation_attachment", "decision_id", ""),),
        ),
        SealSpec(
            "arsredovisning",
            "ar_year",
            "status = 'faststalld'",
            "status",
            "faststalld",
            (
                ("ar_account", "year_id", ""),
                ("ar_movement", "year_id", ""),
                ("ar_text", "year_id", ""),
                ("ar_printed", "year_id", ""),
                ("ar_deltagarflode", "year_id", ""),
            ),
        ),
        SealSpec(
            "verksamhetsplan",
            "vplan",
            "status = 'antagen'",
            "status",
            "antagen",
            (
                ("vplan_section", "plan_id", ""),
                ("vplan_aktivitet", "plan_id", ""),
                ("vplan_budget_rad", "plan_id", ""),
                ("vplan_document", "plan_id", ""),
            ),
        ),
    )
}
SEAL_BY_TABLE = {s.table: s for s in SEALS.values()}


# --- reading rows as stored --------------------------------------------------------------------------------------


def table_columns(conn: Connection, table: str) -> list[str]:
    if conn.dialect.name != "sqlite":
        sql = (
            "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() "
            "AND table_name = :t ORDER BY ordinal_position"
        )
        return [r[0] for r in conn.execute(text(sql), {"t": table})]
    return [r[1] for r in conn.exec_driver_sql(f"PRAGMA table_info({table})")]


def read_rows(conn: Connection, table: str, columns: Iterable[str], where: str, params: dict) -> list[dict]:
    cols = list(columns)
    quoted = ", ".join(f'"{c}"' for c in cols)
    sql = f"SELECT {quoted} FROM {table} WHERE {where} ORDER BY id"
    return [dict(zip(cols, (normalise(v) for v in row))) for row in conn.execute(text(sql), params)]


def existing_triggers(conn: Connection) -> set[str]:
    if conn.dialect.name != "sqlite":
        return {r[0] for r in conn.exec_driver_sql("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")}
    return {r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'trigger'")}


def expected_triggers(conn: Connection) -> frozenset[str]:
    return EXPECTED_TRIGGERS if conn.dialect.name == "sqlite" else EXPECTED_TRIGGERS | EXPECTED_PG_TRIGGERS


def missing_triggers(conn: Connection) -> list[str]:
    return sorted(expected_triggers(conn) - existing_triggers(conn))


# --- seals of decided records ------------------------------------------------------------------------------------


def seal_content(conn: Connection, spec: SealSpec, record_id: int, columns: dict | None = None) -> tuple[dict, dict]:
    """(column spec, content) of one decided record as stored now. ``columns`` repeats an earlier seal's spec."""
    if columns is None:
        columns = {spec.table: table_columns(conn, spec.table)}
        for child, _fk, _cond in spec.children:
            columns[child] = table_columns(conn, child)
    content: dict[str, object] = {
        spec.table: read_rows(conn, spec.table, columns[spec.table], "id = :id", {"id": record_id})
    }
    for child, fk, cond in spec.children:
        where = f"{fk} = :id" + (f" AND {cond}" if cond else "")
        content[child] = read_rows(conn, child, columns.get(child, ()), where, {"id": record_id})
    return columns, content


def unsealed(conn: Connection, spec: SealSpec) -> list[int]:
    if not table_columns(conn, spec.table):
        return []  # a migration before the one that creates the table (0008 seals what exists then)
    sql = (
        f"SELECT id FROM {spec.table} WHERE {spec.decided_sql} AND id NOT IN "
        "(SELECT record_id FROM record_seal WHERE kind = :kind) ORDER BY id"
    )
    return [r[0] for r in conn.execute(text(sql), {"kind": spec.kind})]


def seal_values(conn: Connection, kind: str, record_id: int) -> dict:
    """The column values of a new ``record_seal`` row (without its chain link)."""
    columns, content = seal_content(conn, SEALS[kind], record_id)
    return {
        "kind": kind,
        "record_id": record_id,
        "sealed_at": clock.now(),
        "spec": canonical_json(columns),
        "canonical_json": canonical_json(content),
        "content_sha256": content_hash(content),
    }


def last_link(conn: Connection, table: str) -> str:
    value = conn.exec_driver_sql(f"SELECT row_hash FROM {table} ORDER BY id DESC LIMIT 1").scalar()
    return value or GENESIS


def insert_seal_raw(conn: Connection, kind: str, record_id: int) -> None:
    """Seal one record with plain SQL (the migration's backfill)."""
    values = seal_values(conn, kind, record_id)
    prev = last_link(conn, "record_seal")
    values["prev_hash"] = prev
    values["row_hash"] = chain_hash(prev, {f: values[f] for f in CHAINS["record_seal"]})
    values["sealed_at"] = normalise(values["sealed_at"])
    cols = ", ".join(values)
    conn.execute(text(f"INSERT INTO record_seal ({cols}) VALUES ({', '.join(':' + c for c in values)})"), values)


# --- justering records -------------------------------------------------------------------------------------------


def justering_record_hash(conn: Connection, table: str, record_id: int) -> str | None:
    rows = read_rows(conn, table, JUSTERING_RECORD_COLUMNS[table], "id = :id", {"id": record_id})
    return content_hash(rows[0]) if rows else None


# --- hash chains -------------------------------------------------------------------------------------------------


def _chained(table: str, values: dict) -> dict:
    """The fields of one row that its hash covers."""
    fields = {f: values[f] for f in CHAINS[table]}
    for name in OPTIONAL_CHAIN_FIELDS.get(table, ()):
        if values.get(name) is not None:
            fields[name] = values[name]
    return fields


def chain_rows(conn: Connection, table: str) -> list[tuple[int, str | None, str | None, dict]]:
    optional = OPTIONAL_CHAIN_FIELDS.get(table, ())
    present = [c for c in optional if c in table_columns(conn, table)] if optional else []
    cols = ("id", "prev_hash", "row_hash", *CHAINS[table], *present)
    out = []
    for row in read_rows(conn, table, cols, "1 = 1", {}):
        out.append((row["id"], row["prev_hash"], row["row_hash"], _chained(table, row)))
    return out


def chain_problems(conn: Connection, table: str) -> list[tuple[int, str]]:
    return verify_chain(chain_rows(conn, table))


def backfill_chain(conn: Connection, table: str) -> int:
    """Link every existing row of ``table`` in id order (migration 0008). Returns the number of rows."""
    prev = GENESIS
    rows = chain_rows(conn, table)
    for row_id, _p, _h, fields in rows:
        row_hash = chain_hash(prev, fields)
        conn.execute(
            text(f"UPDATE {table} SET prev_hash = :p, row_hash = :h WHERE id = :id"),
            {"p": prev, "h": row_hash, "id": row_id},
        )
        prev = row_hash
    return len(rows)


# --- session hooks: link at flush, seal at commit ----------------------------------------------------------------

_PENDING_SEALS = "finsam_integrity_seals"
_PENDING_RECORDS = "finsam_integrity_records"


def _field_value(obj: object, name: str) -> object:
    value = getattr(obj, name, None)
    if value is None:
        column = obj.__table__.columns[name]  # type: ignore[attr-defined]
        if column.default is not None and column.default.is_scalar:
            value = column.default.arg
    return value


def _before_flush(session: Session, _context, _instances) -> None:
    _collect(session)
    _link_new_rows(session)


def _collect(session: Session) -> None:
    """Remember records decided, and justering records changed, by the program in this transaction."""
    pending_seals = session.info.setdefault(_PENDING_SEALS, [])
    pending_records = session.info.setdefault(_PENDING_RECORDS, [])
    for obj in list(session.new) + list(session.dirty):
        table = getattr(obj, "__tablename__", None)
        spec = SEAL_BY_TABLE.get(table)
        if spec is not None and spec.is_decided(obj):
            changed = obj in session.new or inspect(obj).attrs[spec.attr].history.has_changes()
            if changed and not any(o is obj for _k, o in pending_seals):
                pending_seals.append((spec.kind, obj))
        if table in JUSTERING_RECORD_COLUMNS and not any(o is obj for o in pending_records):
            pending_records.append(obj)


def _link_new_rows(session: Session) -> None:
    """Give every new row of a chained table its link (in insertion order, after the last stored row)."""
    new_by_table: dict[str, list] = {}
    for obj in session.new:
        table = getattr(obj, "__tablename__", None)
        if table in CHAINS and getattr(obj, "row_hash", None) is None:
            new_by_table.setdefault(table, []).append(obj)
    if not new_by_table:
        return
    conn = session.connection()
    for table, objs in new_by_table.items():
        objs.sort(key=lambda o: inspect(o).insert_order)
        prev = last_link(conn, table)
        for obj in objs:
            obj.prev_hash = prev
            names = (*CHAINS[table], *OPTIONAL_CHAIN_FIELDS.get(table, ()))
            obj.row_hash = chain_hash(prev, _chained(table, {f: _field_value(obj, f) for f in names}))
            prev = obj.row_hash


def _before_commit(session: Session) -> None:
    _collect(session)  # changes not flushed yet are pending here
    seals = session.info.pop(_PENDING_SEALS, [])
    records = session.info.pop(_PENDING_RECORDS, [])
    if not seals and not records:
        return
    from finsam_desktop.persistence.models.integrity import RecordSeal

    session.flush()
    conn = session.connection()
    for kind, obj in seals:
        spec = SEALS[kind]
        if obj.id is None or not spec.is_decided(obj) or obj.id not in unsealed(conn, spec):
            continue
        session.add(RecordSeal(**seal_values(conn, kind, obj.id)))
    for obj in records:
        if obj.id is None or obj.content_sha256 is None:
            continue
        digest = justering_record_hash(conn, obj.__tablename__, obj.id)
        if digest != obj.record_sha256:
            obj.record_sha256 = digest
    session.flush()
    session.info.pop(_PENDING_SEALS, None)
    session.info.pop(_PENDING_RECORDS, None)


def _forget(session: Session, *_args) -> None:
    session.info.pop(_PENDING_SEALS, None)
    session.info.pop(_PENDING_RECORDS, None)


def install_session_hooks(factory) -> None:
    """Attach the chain and seal hooks to a ``sessionmaker``."""
    event.listen(factory, "before_flush", _before_flush)
    event.listen(factory, "before_commit", _before_commit)
    event.listen(factory, "after_soft_rollback", _forget)


def unprotected_reason(db) -> str:
    """Why ``db`` must not be written to (Swedish), or "" when every protection trigger exists."""
    with db.engine.connect() as conn:
        missing = missing_triggers(conn)
    if not missing:
        return ""
    names = ", ".join(missing[:5]) + (f" och {len(missing) - 5} till" if len(missing) > 5 else "")
    return (
        f"{db.location} öppnades skrivskyddad: {len(missing)} skyddstriggrar saknas ({names}). Utan dem kan beslutade "
        "handlingar och loggarna ändras utan att det märks, så programmet skriver inte i filen. Kör ”finsam check” "
        "för att se vad som ändrats och återställ filen från en säkerhetskopia."
    )
