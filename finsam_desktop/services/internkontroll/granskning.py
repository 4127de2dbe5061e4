"""Intern kontroll, use case: the review (granskning) of a stickprov — the judgement of each drawn item,
the suggested conclusion, and the granskning record that sets the covered controls' traffic lights."""

from __future__ import annotations

from sqlalchemy import select

from finsam_desktop import clock
from finsam_desktop.domain.common.errors import NotFoundError, ValidationError
from finsam_desktop.domain.common.money import format_kr
from finsam_desktop.domain.internkontroll.kontrollplan import (
    KontrollStatus,
)
from finsam_desktop.domain.internkontroll.stickprov_review import ItemReview, validate_item_review
from finsam_desktop.persistence.database import Database
from finsam_desktop.persistence.models.internkontroll import (
    IkControlStatus,
    IkGranskning,
    IkPlanRow,
    IkStickprov,
    IkStickprovItem,
)
from finsam_desktop.services.audit import record
from finsam_desktop.services.internkontroll.atgarder import population_conclusion
from finsam_desktop.services.internkontroll.dto import (
    NO_AVVIKELSE,
    Granskning,
    StickprovItem,
)
from finsam_desktop.services.internkontroll.rows import (
    granskning_dto,
    item_dto,
    now,
    stickprov_dto,
)
from finsam_desktop.services.internkontroll.stickprov import StickprovService


class GranskningService:
    """The reviewers' work on a drawn stickprov."""

    def __init__(self, db: Database, stickprov: StickprovService):
        self.db = db
        self.stickprov = stickprov

    def review_item(self, item_id: int, review: ItemReview | None) -> StickprovItem:
        """Record (or, with ``None``, clear) the reviewers' judgement of one drawn item."""
        with self.db.session() as s:
            row = s.get(IkStickprovItem, item_id)
            if row is None:
                raise NotFoundError("Posten finns inte.")
            if review is None:
                row.granskad_av, row.granskad_datum, row.bedomning, row.kommentar, row.atgard = "", None, "", "", ""
                record(s, "granskning av post ångrad", "ik_stickprov_item", item_id, row.verifikation)
            else:
                clean = validate_item_review(review, [f for f in row.auto_findings.split("\n") if f])
                row.granskad_av, row.granskad_datum, row.bedomning = (
                    clean.granskad_av,
                    clean.datum,
                    clean.bedomning.value,
                )
                row.kommentar, row.atgard = clean.kommentar, clean.atgard
                record(s, "post granskad", "ik_stickprov_item", item_id, f"{row.verifikation}: {clean.bedomning.label}")
            s.flush()
            return item_dto(row)

    def suggested_slutsats(self, stickprov_id: int | None) -> str:
        """The drawn items' avvikelser, then what the analysis of every row found and the åtgärder recorded."""
        if stickprov_id is None:
            return NO_AVVIKELSE
        sp = self.stickprov.get_stickprov(stickprov_id)
        population = population_conclusion(sp, clock.today())
        return self._sample_slutsats(sp) + (f"\n{population}" if population else "")

    @staticmethod
    def _sample_slutsats(sp) -> str:
        avv = sp.avvikelser
        if not avv:
            return NO_AVVIKELSE
        lines = [f"Granskningen visar {len(avv)} avvikelse{'r' if len(avv) > 1 else ''}:"]
        for i in avv:
            t = i.transaction
            atgard = f" Åtgärd: {i.atgard}" if i.atgard else ""
            lines.append(
                f"– Ver {t.verifikation} ({t.datum.isoformat()}, {format_kr(t.belopp)}): {i.kommentar.rstrip('.')}.{atgard}"
            )
        return "\n".join(lines)

    def save_granskning(self, g: Granskning, update_status: bool = True) -> Granskning:
        """Save the review record; with ``update_status`` the covered controls get their traffic light."""
        if not (g.ordforande.strip() or g.vice_ordforande.strip()):
            raise ValidationError("ange ordförande och/eller vice ordförande som genomfört stickprovet.", "Granskare")
        if not g.slutsats.strip():
            raise ValidationError("skriv granskningens slutsats.", "Slutsats")
        if not g.plats.strip():
            raise ValidationError("ange var granskningen gjordes.", "Plats")
        with self.db.session() as s:
            for pid in g.plan_row_ids:
                if s.get(IkPlanRow, pid) is None:
                    raise ValidationError(f"kontroll {pid} finns inte.", "Kontroller")
            sp = None
            if g.stickprov_id is not None:
                sp_row = s.get(IkStickprov, g.stickprov_id)
                if sp_row is None:
                    raise ValidationError("stickprovet finns inte.", "Stickprov")
                sp = stickprov_dto(s, sp_row)
                unreviewed = len(sp.items) - sp.reviewed_count
                if unreviewed:
                    raise ValidationError(
                        f"{unreviewed} av {len(sp.items)} poster i stickprovet är inte granskade ännu.", "Stickprov"
                    )
            row = s.get(IkGranskning, g.id) if g.id else None
            if row is None:
                row = IkGranskning(id=g.id or None, created_at=now())
                s.add(row)
            row.ar, row.datum, row.plats = g.ar, g.datum, g.plats.strip()
            row.ordforande, row.vice_ordforande, row.forbundschef = (
                g.ordforande.strip(),
                g.vice_ordforande.strip(),
                g.forbundschef.strip(),
            )
            row.stickprov_id, row.plan_row_ids = g.stickprov_id, " ".join(str(i) for i in g.plan_row_ids)
            row.slutsats, row.reported_text, row.reported_agenda_item_id = (
                g.slutsats.strip(),
                g.reported_text.strip(),
                g.reported_agenda_item_id,
            )
            s.flush()
            if update_status:
                # The stickprov's avvikelser belong to its own control (or to all covered, if it has none).
                deviating = set()
                if sp is not None and sp.avvikelser:
                    deviating = {sp.plan_row_id} if sp.plan_row_id in g.plan_row_ids else set(g.plan_row_ids)
                for pid in g.plan_row_ids:
                    status = KontrollStatus.AVVIKELSE if pid in deviating else KontrollStatus.UTAN_AVVIKELSE
                    kommentar = (
                        f"{len(sp.avvikelser)} avvikelse(r) i stickprovet {g.datum.isoformat()}"
                        if status is KontrollStatus.AVVIKELSE
                        else f"Granskad {g.datum.isoformat()}"
                    )
                    st = s.get(IkControlStatus, pid) or IkControlStatus(plan_row_id=pid)
                    st.status, st.kommentar, st.updated_at = status.value, kommentar, now()
                    s.add(st)
            record(s, "granskning sparad", "ik_granskning", row.id, f"{g.datum.isoformat()} {g.plats}")
            return granskning_dto(row)

    def granskningar(self, ar: int | None = None) -> list[Granskning]:
        with self.db.session() as s:
            q = select(IkGranskning).order_by(IkGranskning.datum.desc(), IkGranskning.id.desc())
            if ar is not None:
                q = q.where(IkGranskning.ar == ar)
            return [granskning_dto(r) for r in s.scalars(q)]

    # --- the report ---------------------------------------------------------------------------
