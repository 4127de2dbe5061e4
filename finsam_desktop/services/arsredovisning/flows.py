"""The årsredovisning's deltagarflöden: from Verksamhet's deltagare statistics when the year has any (one truth), or
typed per insats for the years before the statistics; kept with the årsredovisning when it is adopted."""

from __future__ import annotations

import json

from sqlalchemy import select

from finsam_desktop.domain.arsredovisning.publication import FlowRow
from finsam_desktop.persistence.models.arsredovisning import ArFlowRow, ArYearRow
from finsam_desktop.persistence.models.budget import InsatsRow
from finsam_desktop.services.arsredovisning.dto import YearFlows
from finsam_desktop.services.arsredovisning.rows import ADOPTED
from finsam_desktop.services.verksamhet.deltagare import year_totals


def keep_flows(s, row: ArYearRow) -> None:
    """At the adoption: the year's flows from Verksamhet's statistics are kept with the årsredovisning (locked with
    it from now on), so a later re-import of the statistics cannot change what was adopted."""
    totals = year_totals(s, row.year)
    if not totals:
        return
    for stored in s.scalars(select(ArFlowRow).where(ArFlowRow.year_id == row.id)):
        s.delete(stored)
    s.flush()
    for insats_id, flow in totals:
        s.add(
            ArFlowRow(
                year_id=row.id,
                insats_id=insats_id,
                inskrivna=flow.inskrivna,
                avslutade=flow.avslutade,
                kvinnor=flow.kvinnor,
                man=flow.man,
                annat=flow.annat,
                avslut=json.dumps(dict(flow.avslut), ensure_ascii=False),
            )
        )
    s.flush()


def year_flows(s, row: ArYearRow) -> tuple[FlowRow, ...]:
    """The year's deltagarflöden: a draft year's from Verksamhet's deltagare statistics when it has any (one truth),
    else the typed ones; an adopted year's as they were kept at the adoption."""
    if row.status != ADOPTED:
        totals = year_totals(s, row.year)
        if totals:
            return tuple(flow for _id, flow in totals)
    q = (
        select(ArFlowRow, InsatsRow)
        .join(InsatsRow, InsatsRow.id == ArFlowRow.insats_id)
        .where(ArFlowRow.year_id == row.id)
        .order_by(InsatsRow.namn)
    )
    return tuple(
        FlowRow(i.namn, f.inskrivna, f.avslutade, f.kvinnor, f.man, f.annat, tuple(json.loads(f.avslut).items()))
        for f, i in s.execute(q)
    )


def flows_view(s, row: ArYearRow) -> YearFlows:
    """The year's flows with their source (see ``YearFlows``)."""
    if row.status == ADOPTED:
        return YearFlows(row.year, "fastställda", year_flows(s, row))
    totals = year_totals(s, row.year)
    if totals:
        return YearFlows(row.year, "verksamhet", tuple(flow for _id, flow in totals))
    return YearFlows(row.year, "inmatade", year_flows(s, row))
