"""``finsam check`` invariants of the Verksamhet area: a printed FTE total that the staffing rows do not give, an
indicator's stated percentage its counts do not give, deltagare months whose avslut or stegförflyttningar exceed
their participants; a verksamhetsplan's typed budget table whose stated totals the rows do not give, and a stored
plan PDF that no longer matches its SHA-256."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from finsam_desktop.persistence.models.budget import InsatsRow
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
    return findings
