"""Table models of the Attest & delegation tab (RowTableModel over immutable rows)."""

from __future__ import annotations

from PySide6.QtGui import QColor

from finsam_desktop.domain.attest.delegation import DelegationDecision, DelegationRow
from finsam_desktop.domain.attest.rules import AttestRow
from finsam_desktop.services.attest.dto import VersionInfo
from finsam_desktop.ui.formatting import date_text, format_kr
from finsam_desktop.ui.widgets.table_model import Column, RowTableModel

WARN = QColor("#A61B1B")
OK = QColor("#1E6B34")


def version_model(parent=None) -> RowTableModel[VersionInfo]:
    return RowTableModel(
        [
            Column("Benämning", lambda v: v.titel),
            Column("Gäller", lambda v: v.period_text, sort_key=lambda v: v.valid_from.isoformat()),
            Column("Status", lambda v: v.status_text, foreground=lambda v: None if v.adopted else QColor("#8A5A00")),
            Column("Rader", lambda v: str(v.row_count), sort_key=lambda v: v.row_count, align_right=True),
        ],
        parent=parent,
    )


def _party(p) -> str:
    return p.label if p else ""


def attest_row_model(parent=None) -> RowTableModel[AttestRow]:
    return RowTableModel(
        [
            Column("Nr", lambda r: str(r.position), sort_key=lambda r: r.position, align_right=True),
            Column("Attest", lambda r: r.benamning, tooltip=lambda r: r.anmarkning),
            Column("Typ", lambda r: r.typ.label),
            Column("Omfattning", lambda r: r.scope_label),
            Column("Avser", lambda r: r.avser.label),
            Column("Ordinarie", lambda r: _party(r.ordinarie)),
            Column("Ersättare", lambda r: _party(r.ersattare)),
            Column("Signering", lambda r: "Två i förening" if r.signers_required == 2 else "En person"),
            Column(
                "Maxbelopp",
                lambda r: format_kr(r.maxbelopp) if r.maxbelopp is not None else "",
                sort_key=lambda r: float(r.maxbelopp or 0),
                align_right=True,
            ),
            Column("Anmärkning", lambda r: r.anmarkning),
        ],
        parent=parent,
    )


def delegation_row_model(parent=None) -> RowTableModel[DelegationRow]:
    return RowTableModel(
        [
            Column("Nr", lambda r: str(r.position), sort_key=lambda r: r.position, align_right=True),
            Column("Ärende", lambda r: r.arende),
            Column("Delegat", lambda r: r.delegat_text),
            Column("Ersättare", lambda r: r.ersattare_text),
            Column("Beloppsgräns", lambda r: r.limit.text),
            Column("Anmäls", lambda r: "Ja" if r.anmalas else "Nej"),
            Column("Anteckning", lambda r: r.anteckning),
        ],
        parent=parent,
    )


def decision_model(parent=None) -> RowTableModel[DelegationDecision]:
    return RowTableModel(
        [
            Column("Datum", lambda d: date_text(d.datum), sort_key=lambda d: d.datum.isoformat()),
            Column("Delegat", lambda d: d.delegat_namn),
            Column("Ärende", lambda d: d.arende, tooltip=lambda d: d.beslut),
            Column("Delegation", lambda d: d.row_arende or "–"),
            Column(
                "Belopp",
                lambda d: format_kr(d.belopp) if d.belopp is not None else "",
                sort_key=lambda d: float(d.belopp or 0),
                align_right=True,
            ),
            Column("Dnr", lambda d: d.diarienummer),
            Column("Status", lambda d: d.status_text),
            Column(
                "Kontroll",
                lambda d: "OK" if not d.check.warnings else "⚠ " + d.check.warnings[0],
                tooltip=lambda d: "\n".join(d.check.warnings),
                foreground=lambda d: OK if not d.check.warnings else WARN,
            ),
            Column(
                "Bilagor",
                lambda d: str(len(d.attachments)) if d.attachments else "",
                sort_key=lambda d: len(d.attachments),
                align_right=True,
            ),
        ],
        parent=parent,
    )


def prisbasbelopp_model(parent=None) -> RowTableModel[tuple[int, object]]:
    return RowTableModel(
        [
            Column("År", lambda r: str(r[0]), sort_key=lambda r: r[0]),
            Column("Prisbasbelopp", lambda r: format_kr(r[1]), sort_key=lambda r: float(r[1]), align_right=True),
        ],
        parent=parent,
    )
