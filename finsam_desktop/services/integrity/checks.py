"""``finsam check`` tamper evidence: the protection triggers exist, the append-only logs' hash chains hold, every
decided record matches its seal, every justering record matches its hash, the archived (and signed) justerat PDF
carries the content hash the database has, names in justerade protocols are as they were on the day, and the
search index matches the protocols.

See ``persistence/integrity.py`` for what this can and cannot prove.
"""

from __future__ import annotations

import json

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from finsam_desktop.domain.common.content_hash import content_hash, sha256_hex
from finsam_desktop.domain.common.money import format_kr, from_ore
from finsam_desktop.persistence import integrity
from finsam_desktop.persistence.models import MeetingRow, OrganRow
from finsam_desktop.persistence.models.integrity import RecordSeal
from finsam_desktop.persistence.models.justering import OmedelbarJusteringRow, ProtocolJusteringRow
from finsam_desktop.services.findings import Finding

AREA = "Dataskydd"
MAX_PER_KIND = 5

KIND_LABELS = {
    "budget": "Den fastställda budgeten",
    "ordning": "Den antagna ordningen",
    "riskanalys": "Den antagna riskanalysen",
    "kontrollplan": "Den antagna kontrollplanen",
    "delegationsbeslut": "Det anmälda delegationsbeslutet",
    "arsredovisning": "Den fastställda årsredovisningen",
    "verksamhetsplan": "Den antagna verksamhetsplanen",
}
TABLE_LABELS = {
    "budget": "budgeten",
    "budget_section": "avsnitt",
    "vplan_section": "avsnitt",
    "vplan_aktivitet": "aktivitet",
    "vplan_budget_rad": "budgetrad",
    "vplan_document": "den lagrade PDF-filen",
    "budget_line": "budgetrad",
    "budget_stated_total": "angiven summa",
    "ordning_version": "ordningen",
    "attest_row": "attesträtt",
    "delegation_row": "delegationspunkt",
    "ik_risk_analysis": "analysen",
    "ik_risk": "risk",
    "ik_plan": "planen",
    "ik_plan_row": "kontroll",
    "ar_year": "årsredovisningen",
    "ar_account": "konto",
    "ar_movement": "månadsrörelse",
    "ar_text": "avsnitt",
    "ar_printed": "tryckta siffror",
    "ar_deltagarflode": "deltagarflöde",
    "delegation_decision": "beslutet",
    "delegation_attachment": "bilaga",
}


def check(session: Session) -> list[Finding]:
    conn = session.connection()
    findings = _triggers(conn)
    findings += _chains(conn)
    findings += _seals(session)
    findings += _justering_records(session)
    findings += _archived_pdfs(session)
    findings += _renames(session)
    findings += _search_index(session)
    return findings


def _capped(messages: list[str], what: str) -> list[Finding]:
    out = [Finding(AREA, m) for m in messages[:MAX_PER_KIND]]
    if len(messages) > MAX_PER_KIND:
        out.append(Finding(AREA, f"… och {len(messages) - MAX_PER_KIND} fel till i {what}."))
    return out


def _triggers(conn) -> list[Finding]:
    missing = integrity.missing_triggers(conn)
    if not missing:
        return []
    names = ", ".join(missing[:8]) + (f" och {len(missing) - 8} till" if len(missing) > 8 else "")
    return [
        Finding(
            AREA,
            f"{len(missing)} av {len(integrity.expected_triggers(conn))} skyddstriggrar saknas ({names}): beslutade "
            "handlingar och loggar kan ändras utan att databasen hindrar det. Programmet öppnar filen skrivskyddad; "
            "återställ den från en säkerhetskopia.",
        )
    ]


def _chains(conn) -> list[Finding]:
    findings: list[Finding] = []
    for table, label in integrity.CHAIN_LABELS.items():
        problems = integrity.chain_problems(conn, table)
        messages = [f"{label}, rad {row_id}: {problem} (hashkedjan är bruten)." for row_id, problem in problems]
        findings += _capped(messages, label.lower())
    return findings


def _record_label(kind: str, row: dict | None, record_id: int) -> str:
    base = KIND_LABELS[kind]
    if not row:
        return f"{base} (id {record_id})"
    if kind == "budget":
        return f"{base} {row.get('year')} version {row.get('version')}"
    if kind == "ordning":
        return f"{base} ”{row.get('titel')}” (gäller från {row.get('valid_from')})"
    if kind in ("arsredovisning", "verksamhetsplan"):
        return f"{base} {row.get('year')}"
    if kind in ("riskanalys", "kontrollplan"):
        return f"{base} {row.get('ar')} version {row.get('version')}"
    return f"{base} {row.get('datum')} ”{row.get('arende')}”"


def _row_label(table: str, row: dict) -> str:
    label = TABLE_LABELS.get(table, table)
    for key in ("kod", "nummer", "benamning", "namn", "konto", "section"):
        if row.get(key) not in (None, ""):
            return f"{label} {row.get(key)}"
    return f"{label} {row.get('id')}"


def _differences(stored: dict, current: dict) -> list[str]:
    out: list[str] = []
    for table in sorted(set(stored) | set(current)):
        a = {r["id"]: r for r in stored.get(table, [])}
        b = {r["id"]: r for r in current.get(table, [])}
        for rid in sorted(set(a) | set(b)):
            if rid not in b:
                out.append(f"{_row_label(table, a[rid])} har tagits bort")
            elif rid not in a:
                out.append(f"{_row_label(table, b[rid])} har lagts till")
            elif a[rid] != b[rid]:
                cols = sorted(k for k in set(a[rid]) | set(b[rid]) if a[rid].get(k) != b[rid].get(k))
                changes = ", ".join(f"{c} {_shown(c, a[rid].get(c))} → {_shown(c, b[rid].get(c))}" for c in cols[:3])
                out.append(f"{_row_label(table, a[rid])}: {changes}")
    return out


def _shown(column: str, value: object) -> str:
    if column.endswith("_ore") and isinstance(value, int):
        return format_kr(from_ore(value))
    return repr(value)


def _seals(session: Session) -> list[Finding]:
    conn = session.connection()
    messages: list[str] = []
    for seal in session.scalars(select(RecordSeal).order_by(RecordSeal.id)):
        spec = integrity.SEALS.get(seal.kind)
        if spec is None:
            continue
        stored = json.loads(seal.canonical_json)
        parent = (stored.get(spec.table) or [None])[0]
        label = _record_label(seal.kind, parent, seal.record_id)
        if sha256_hex(seal.canonical_json) != seal.content_sha256:
            messages.append(f"{label}: den sparade kontrollsumman stämmer inte med sitt eget innehåll.")
            continue
        _cols, current = integrity.seal_content(conn, spec, seal.record_id, json.loads(seal.spec))
        if content_hash(current) == seal.content_sha256:
            continue
        if not current.get(spec.table):
            messages.append(f"{label} har tagits bort efter beslutet.")
            continue
        diffs = _differences(stored, json.loads(json.dumps(current)))
        detail = "; ".join(diffs[:3]) + (f" (och {len(diffs) - 3} till)" if len(diffs) > 3 else "")
        messages.append(f"{label} har ändrats efter beslutet: {detail or 'innehållet skiljer sig'}.")
    for spec in integrity.SEALS.values():
        for record_id in integrity.unsealed(conn, spec):
            rows = integrity.read_rows(
                conn, spec.table, integrity.table_columns(conn, spec.table), "id = :id", {"id": record_id}
            )
            label = _record_label(spec.kind, rows[0] if rows else None, record_id)
            messages.append(f"{label} saknar kontrollsumma (beslutad utanför programmet eller sigillet borttaget).")
    return _capped(messages, "kontrollsummorna för beslutade handlingar")


def _meeting_label(s: Session, meeting_id: int) -> str:
    m = s.get(MeetingRow, meeting_id)
    if m is None:
        return f"sammanträde {meeting_id}"
    organ = s.get(OrganRow, m.organ_id)
    return f"{organ.namn if organ else 'Sammanträdet'} {m.datum.isoformat()}"


def _justering_records(session: Session) -> list[Finding]:
    conn = session.connection()
    messages: list[str] = []
    for model, what in ((ProtocolJusteringRow, "protokollet"), (OmedelbarJusteringRow, "protokollsutdraget")):
        for rec in session.scalars(select(model).where(model.content_sha256.is_not(None)).order_by(model.id)):
            label = _meeting_label(session, rec.meeting_id)
            digest = integrity.justering_record_hash(conn, model.__tablename__, rec.id)
            if rec.record_sha256 is None:
                messages.append(f"Justeringsuppgifterna för {what} {label} saknar kontrollsumma.")
            elif digest != rec.record_sha256:
                messages.append(
                    f"Justeringsuppgifterna för {what} {label} har ändrats utanför programmet (datum, justerare, "
                    "anslag av, förvaringsplats, underskrifter eller arkiverad PDF)."
                )
    return _capped(messages, "justeringsuppgifterna")


def _archived_pdfs(session: Session) -> list[Finding]:
    from finsam_desktop.reports.common.pdfa import embedded_content_hash
    from finsam_desktop.services.justering.content import stored_version

    messages: list[str] = []
    stmt = select(ProtocolJusteringRow).where(
        ProtocolJusteringRow.content_sha256.is_not(None), ProtocolJusteringRow.justerat_pdf.is_not(None)
    )
    for rec in session.scalars(stmt):
        label = _meeting_label(session, rec.meeting_id)
        archived = bytes(rec.justerat_pdf)
        embedded = embedded_content_hash(archived)
        if embedded is None and stored_version(rec.canonical_json) >= 2:
            messages.append(
                f"Den arkiverade PDF:en för protokollet {label} saknar protokollets kontrollsumma; den är inte "
                "den som skapades vid justeringen."
            )
        elif embedded is not None and embedded != rec.content_sha256:
            messages.append(
                f"Den arkiverade PDF:en för protokollet {label} har kontrollsumman {embedded[:12]}… men databasen "
                f"{rec.content_sha256[:12]}…: databasens innehåll stämmer inte med det justerade dokumentet."
            )
        if rec.signed_pdf:
            signed = bytes(rec.signed_pdf)
            if not signed.startswith(archived):
                messages.append(
                    f"Den undertecknade PDF:en för protokollet {label} bygger inte på den arkiverade PDF:en."
                )
            signed_hash = embedded_content_hash(signed)
            if signed_hash is not None and signed_hash != rec.content_sha256:
                messages.append(
                    f"Den digitalt undertecknade PDF:en för protokollet {label} intygar kontrollsumman "
                    f"{signed_hash[:12]}… men databasen har {rec.content_sha256[:12]}…."
                )
    return _capped(messages, "de arkiverade protokollen")


def _logged_renames(session: Session) -> dict[int, set[str]]:
    """Person id → names the program logged for it (``person sparad`` in the audit log)."""
    out: dict[int, set[str]] = {}
    rows = session.execute(
        text("SELECT entity_id, detail FROM audit_log WHERE entity = 'person' AND action = 'person sparad'")
    )
    for entity_id, detail in rows:
        if entity_id is not None:
            out.setdefault(entity_id, set()).add(detail)
    return out


def _renames(session: Session) -> list[Finding]:
    from finsam_desktop.services.justering.content import NAMES, items_content, meeting_content, stored_version

    changed: dict[tuple[str, str, str, str], list[str]] = {}
    logged: dict[int, set[str]] | None = None
    for model in (ProtocolJusteringRow, OmedelbarJusteringRow):
        for rec in session.scalars(select(model).where(model.content_sha256.is_not(None)).order_by(model.id)):
            if stored_version(rec.canonical_json) < 2:
                continue
            snapshot = json.loads(rec.canonical_json)
            stored = snapshot.get(NAMES) or {}
            if model is ProtocolJusteringRow:
                now = meeting_content(session, rec.meeting_id, 2)[NAMES]
            else:
                now = items_content(session, [r["id"] for r in snapshot.get("agenda_item", [])], 2)[NAMES]
            for table in ("person", "member", "organ"):
                before, after = stored.get(table) or {}, now.get(table) or {}
                for rid, old in before.items():
                    new = after.get(rid) or ""
                    if new == old:
                        continue
                    if table == "person":
                        logged = _logged_renames(session) if logged is None else logged
                        if new in logged.get(int(rid), set()):
                            continue  # renamed in the program; the protocol keeps the name of the day
                    changed.setdefault((table, rid, old, new), []).append(_meeting_label(session, rec.meeting_id))
    what = {"person": "Personen", "member": "Medlemmen", "organ": "Organet"}
    messages = []
    for (table, rid, old, new), labels in sorted(changed.items()):
        where = ", ".join(sorted(set(labels))[:3]) + (f" m.fl. ({len(set(labels))})" if len(set(labels)) > 3 else "")
        messages.append(
            f"{what[table]} (id {rid}) hette ”{old}” i justerade protokoll ({where}) men heter nu "
            f"”{new or '(borttagen)'}”; namnbytet är inte gjort i programmet."
        )
    return _capped(messages, "namnen i justerade protokoll")


def _search_index(session: Session) -> list[Finding]:
    from finsam_desktop.services.sammantraden.search_index import mismatches

    missing, stale, orphans = mismatches(session)
    parts = []
    if missing:
        parts.append(f"{len(missing)} paragrafer saknas i sökindexet")
    if stale:
        parts.append(f"{len(stale)} paragrafer har annan text i sökindexet än i protokollet")
    if orphans:
        parts.append(f"sökindexet har {len(orphans)} rader utan paragraf")
    if not parts:
        return []
    return [Finding("Sökning", "; ".join(parts) + ". Sökningen hittar då inte allt; kör ”finsam check --reparera”.")]
