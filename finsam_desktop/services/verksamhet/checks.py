"""``finsam check`` invariants of the Verksamhet area: a printed FTE total that the staffing rows do not give, an
indicator's stated percentage its counts do not give, deltagare months whose avslut or stegförflyttningar exceed
their participants; a verksamhetsplan's typed budget table whose stated totals the rows do not give, a stored
plan PDF that no longer matches its SHA-256; and aktiviteter with participants counted for an organisation that is
not a member."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from finsam_desktop.persistence.models import MemberRow
from finsam_desktop.persistence.models.budget import InsatsRow
from finsam_desktop.persistence.models.verksamhet_aktiviteter import AktivitetDeltagareRow, AktivitetRow
from finsam_desktop.services.findings import Finding
from finsam_desktop.services.verksamhet.deltagare import check_periods
from finsam_desktop.services.verksamhet.insatser import insats_dto
from finsam_desktop.services.verksamhet.plan import check_budget_tables, check_documents
from finsam_desktop.services.verksamhet.uppfoljning import check_measurements

AREA = "Verksamhet"


def check(session: Session) -> list[Finding]:
    findings: list[Finding] = []
    for row in session.scalars(
        select(InsatsRow).where(InsatsRow.stated_fte_x100.is_not(None)).order_by(InsatsRow.namn)
    ):
        flag = insats_dto(session, row).staffing_flag
        if flag is not None:
            findings.append(Finding(AREA, flag.message))
    for flag in (*check_measurements(session), *check_periods(session)):
        findings.append(Finding(AREA, f"{flag.where}: {flag.text}"))
    findings += [Finding(AREA, text) for text in (*check_budget_tables(session), *check_documents(session))]
    findings += [Finding(AREA, text) for text in check_aktiviteter(session)]
    return findings


def check_aktiviteter(session: Session) -> list[str]:
    """One sentence per aktivitet with participants counted for an organisation that is not a member of the
    förbund. (Whether participants are recorded is a question of the day — a reminder on the Aktiviteter page — not
    of the file: ``finsam check`` gives the same answer on every date.)"""
    members = set(session.scalars(select(MemberRow.id)))
    parts: dict[int, list[AktivitetDeltagareRow]] = {}
    for p in session.scalars(select(AktivitetDeltagareRow).order_by(AktivitetDeltagareRow.id)):
        parts.setdefault(p.aktivitet_id, []).append(p)
    out = []
    for row in session.scalars(select(AktivitetRow).order_by(AktivitetRow.datum, AktivitetRow.id)):
        mine = parts.get(row.id, [])
        where = f"Aktiviteten {row.datum.isoformat()} ”{row.titel}”"
        for p in mine:
            if p.member_id not in members:
                counts = ", ".join(
                    f"{label} {n}" for label, n in (("planerat", p.planerat), ("deltog", p.faktiskt)) if n is not None
                )
                out.append(
                    f"{where} har deltagare för en organisation som inte är medlem i förbundet (medlem {p.member_id}"
                    f"{': ' + counts if counts else ''})."
                )
    return out
