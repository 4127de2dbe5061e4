"""The förbund's kontoplan mapping (account → statement line): read, edit as text, reset to a standard, and the
check that every account with a balance in a stored year is mapped."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import delete, select

from finsam_desktop.domain.arsredovisning.kontoplan import BAS, KOMMUN_BAS, Kontoplan
from finsam_desktop.persistence.database import Database
from finsam_desktop.persistence.models.arsredovisning import ArKontoplanRuleRow, ArYearRow
from finsam_desktop.services.arsredovisning import build
from finsam_desktop.services.arsredovisning.rows import kontoplan
from finsam_desktop.services.audit import record

STANDARDS = {"BAS": BAS, "Kommun-BAS": KOMMUN_BAS}


class MappingService:
    def __init__(self, db: Database):
        self.db = db

    def kontoplan(self) -> Kontoplan:
        with self.db.session() as s:
            return kontoplan(s)

    def text(self) -> str:
        return self.kontoplan().to_text()

    def save_text(self, text: str) -> Kontoplan:
        """Replace the mapping by ``text`` (one rule a line, ``15-17 = br_fordringar``); errors name the line."""
        parsed = Kontoplan.from_text("förbundets", text)
        with self.db.session() as s:
            s.execute(delete(ArKontoplanRuleRow))
            for i, rule in enumerate(parsed.rules):
                s.add(ArKontoplanRuleRow(position=i, low=rule.low, high=rule.high, line=rule.line))
            record(s, "kontoplanens koppling sparad", "ar_kontoplan_rule", None, f"{len(parsed.rules)} regler")
        return parsed

    def reset(self, standard: str = "BAS") -> Kontoplan:
        """Back to a standard mapping (``BAS`` or ``Kommun-BAS``)."""
        chosen = STANDARDS[standard]
        self.save_text(chosen.to_text())
        return chosen

    def unmapped(self) -> dict[int, dict[str, Decimal]]:
        """Per stored year, the accounts with a balance that no rule maps (empty when all are mapped)."""
        with self.db.session() as s:
            out = {}
            for row in s.scalars(select(ArYearRow).order_by(ArYearRow.year)):
                missing = build.unmapped(s, row)
                if missing:
                    out[row.year] = missing
            return out
