"""The förvaltningsberättelse's text sections per year: read (pre-filled from the data on first use), edit,
pre-fill again. The pre-fill says what the data says: the styrelse and the revisorer of the year with their
mandates (Förbundet), the sammanträden held (Sammanträden), the insatser (Budget), the five-year overview and
the balanskrav in words, and the god-ekonomisk-hushållning verdicts (Budget's goals)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from finsam_desktop import clock
from finsam_desktop.domain.arsredovisning.figures import fmt
from finsam_desktop.domain.arsredovisning.overview import equity_goal
from finsam_desktop.domain.arsredovisning.publication import SECTIONS, TextSection
from finsam_desktop.domain.common.errors import ValidationError
from finsam_desktop.domain.organisation.model import Role
from finsam_desktop.domain.sammantraden.kinds import MeetingStatus
from finsam_desktop.persistence.database import Database
from finsam_desktop.persistence.models.arsredovisning import ArTextRow
from finsam_desktop.services.arsredovisning import build
from finsam_desktop.services.arsredovisning.flows import year_flows
from finsam_desktop.services.arsredovisning.rows import require_draft, year_row
from finsam_desktop.services.audit import record

HEADINGS = dict(SECTIONS)


class TextsService:
    def __init__(self, db: Database, forbund, meetings, budget):
        self.db = db
        self.forbund = forbund
        self.meetings = meetings
        self.budget = budget

    def sections(self, year: int) -> tuple[TextSection, ...]:
        """The year's sections in the seed's order; pre-filled (and stored) the first time they are read."""
        with self.db.session() as s:
            row = year_row(s, year)
            stored = {t.section: t for t in s.scalars(select(ArTextRow).where(ArTextRow.year_id == row.id))}
        if not stored and row.status != "faststalld":
            self.prefill(year)
            return self.sections(year)
        return tuple(TextSection(k, h, stored[k].body if k in stored else "") for k, h in SECTIONS)

    def save(self, year: int, section: str, body: str) -> TextSection:
        if section not in HEADINGS:
            raise ValidationError(f"”{section}” är inget avsnitt i förvaltningsberättelsen.", "Avsnitt")
        with self.db.session() as s:
            row = year_row(s, year)
            require_draft(row)
            text = s.scalar(select(ArTextRow).where(ArTextRow.year_id == row.id, ArTextRow.section == section))
            if text is None:
                text = ArTextRow(year_id=row.id, section=section)
                s.add(text)
            text.body, text.prefilled, text.updated_at = body.strip(), False, clock.now()
            record(s, "förvaltningsberättelse ändrad", "ar_text", row.id, f"{year}: {HEADINGS[section]}")
            return TextSection(section, HEADINGS[section], text.body)

    def prefill(self, year: int, overwrite_edited: bool = False) -> int:
        """Write the pre-filled text of every section still pre-filled (or all with ``overwrite_edited``).
        Returns how many sections were written."""
        bodies = self.generated(year)
        written = 0
        with self.db.session() as s:
            row = year_row(s, year)
            require_draft(row)
            stored = {t.section: t for t in s.scalars(select(ArTextRow).where(ArTextRow.year_id == row.id))}
            for key, body in bodies.items():
                text = stored.get(key)
                if text is not None and not text.prefilled and not overwrite_edited:
                    continue
                if text is None:
                    text = ArTextRow(year_id=row.id, section=key)
                    s.add(text)
                text.body, text.prefilled, text.updated_at = body, True, clock.now()
                written += 1
            record(s, "förvaltningsberättelse förifylld", "ar_year", row.id, f"{year}: {written} avsnitt")
        return written

    # --- what the data says ---------------------------------------------------------------------------------------
    def generated(self, year: int) -> dict[str, str]:
        forbund = self.forbund.get()
        return {
            "om_forbundet": self._om(year, forbund),
            "styrning": self._styrning(year),
            "viktiga_forhallanden": self._insatser(year),
            "god_ekonomisk_hushallning": self._hushallning(year),
            "personal": self._personal(year),
            "forvantad_utveckling": self._forvantad(year),
        }

    def _om(self, year: int, forbund) -> str:
        members = ", ".join(m.namn for m in self.forbund.list_members())
        end = date(year, 12, 31)
        styrelse = self.forbund.styrelse_on(end)
        lines = [f"{forbund.namn} ({forbund.orgnr}) har som medlemmar {members}.", ""]
        if styrelse.seats:
            lines.append(f"Styrelsen {end.isoformat()}:")
            for seat in styrelse.seats:
                for p in seat.ledamoter:
                    role = _role(p, styrelse)
                    lines.append(f"- {p.namn}, {role} ({seat.member.namn})")
                for p in seat.ersattare:
                    lines.append(f"- {p.namn}, ersättare ({seat.member.namn})")
        revisorer = self.forbund.holders_on(end, Role.REVISOR)
        if revisorer:
            lines += ["", "Revisorer:"] + [f"- {p.namn} ({p.organisation})" for p in revisorer]
        return "\n".join(lines).strip()

    def _styrning(self, year: int) -> str:
        held = [
            m
            for m in self.meetings.meetings.list_meetings(year)
            if m.organ_namn.lower().startswith("styrelse")
            and m.status not in (MeetingStatus.PLANERAT, MeetingStatus.KALLAT)
        ]
        if not held:
            return f"Styrelsen har inte sammanträtt under {year} enligt programmets protokoll."
        dates = ", ".join(m.datum.isoformat() for m in held)
        return f"Styrelsen har under {year} haft {len(held)} sammanträden: {dates}."

    def _insatser(self, year: int) -> str:
        rows = [i for i in self.budget.insatser.list_insatser() if i.granted(year)]
        lines = []
        if rows:
            lines = [f"Under {year} finansierade förbundet {_count(len(rows), 'insats', 'insatser')}:"]
            lines += [f"- {i.namn} ({i.huvudman}): {fmt(i.granted(year))} kr beviljat" for i in rows]
        with self.db.session() as s:
            flows = year_flows(s, year_row(s, year))
        if flows:
            inskrivna, avslutade = sum(f.inskrivna for f in flows), sum(f.avslutade for f in flows)
            lines += [
                *([""] if lines else []),
                f"Under {year} skrevs {_count(inskrivna, 'deltagare', 'deltagare')} in och "
                f"{avslutade} avslutades i {_count(len(flows), 'insats', 'insatser')} "
                "(se Deltagarflöden).",
            ]
        return "\n".join(lines)

    def _hushallning(self, year: int) -> str:
        with self.db.session() as s:
            row = year_row(s, year)
            try:
                rr, br, _kf = build.statements(s, row)
            except ValidationError:
                return ""
            overview = build.five_year(s, year)
        result = rr.value(year, "rr_arets_resultat")
        ek = br.value(year, "br_eget_kapital")
        before = overview.get(year - 1, "arets_resultat") if (year - 1) in overview.figures else None
        said = f"Årets resultat blev {fmt(result)} kr"
        said += f" (föregående år {fmt(before)} kr)." if before is not None else "."
        lines = [
            f"{said} Eget kapital uppgick vid årets slut till {fmt(ek)} kr.",
            "",
            "Förbundet har inga realisationsvinster eller andra poster att justera för; balanskravsresultatet är "
            f"därmed {fmt(result)} kr, detsamma som årets resultat.",
        ]
        settings = self.budget.settings.year_settings(year)
        if settings.state_allocation:
            verdict = equity_goal(ek, settings.state_allocation * 2, self.budget.settings.equity_limits())
            lines += ["", f"Mål: {verdict.goal}. Utfall: {verdict.text}"]
        return "\n".join(lines)

    def _personal(self, year: int) -> str:
        with self.db.session() as s:
            row = year_row(s, year)
            now = row.anstallda_hundradelar
            previous = build.five_year(s, year).get(year - 1, "anstallda")
        if now is None:
            return ""
        text = f"Förbundet hade under {year} {fmt_count(now)} anställda räknat i årsarbetare"
        if previous is not None:
            text += f" (föregående år {fmt_count(int(previous * 100))})"
        return text + "."

    def _forvantad(self, year: int) -> str:
        doc = self.budget.versions.current_budget(year + 1)
        if doc is None:
            return ""
        income, costs = doc.totals.intakter[0], doc.totals.kostnader[0]
        state = "fastställt" if doc.info.adopted_on else "föreslagit"
        text = (
            f"Styrelsen har {state} budget för {year + 1} med intäkter om {fmt(income)} kr och kostnader om "
            f"{fmt(costs)} kr, ett budgeterat resultat om {fmt(income - costs)} kr."
        )
        return text


def fmt_count(hundredths: int) -> str:
    """2,5 — antal anställda stored in hundredths, printed without trailing zeros."""
    whole, part = divmod(hundredths, 100)
    return str(whole) if not part else f"{whole},{part:02d}".rstrip("0")


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _role(person, styrelse) -> str:
    if styrelse.ordforande and styrelse.ordforande.id == person.id:
        return "ordförande"
    if styrelse.vice_ordforande and styrelse.vice_ordforande.id == person.id:
        return "vice ordförande"
    return "ledamot"
