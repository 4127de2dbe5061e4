"""Table models over immutable rows: risks (riskvärde coloured by band), plan rows (traffic lights)
and the drawn stickprov items; ``proxy_table`` shows one through a filtering proxy."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QTableView

from finsam_desktop.domain.internkontroll.risk import MatrixSettings, Risk, RiskMove
from finsam_desktop.domain.internkontroll.stickprov_review import Bedomning
from finsam_desktop.ui.formatting import format_kr
from finsam_desktop.ui.widgets.table_model import ROW_ROLE, Column, RowTableModel
from finsam_desktop.ui.widgets.table_view import read_only_table

_Index = QModelIndex | QPersistentModelIndex


class ColouredTableModel(RowTableModel):
    """RowTableModel plus a background colour per (row, column) and a decoration per row."""

    def __init__(self, columns, background=None, decoration=None, parent=None):
        super().__init__(columns, (), parent)
        self._background = background
        self._decoration = decoration

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and 0 <= index.row() < len(self.rows):
            row = self.rows[index.row()]
            if role == Qt.ItemDataRole.BackgroundRole and self._background:
                colour = self._background(row, index.column())
                return QColor(colour) if colour else None
            if role == Qt.ItemDataRole.DecorationRole and self._decoration and index.column() == 1:
                colour = self._decoration(row)
                return QColor(colour) if colour else None
        return super().data(index, role)


def risk_model(settings_ref: list[MatrixSettings], moves_ref: dict[int, RiskMove]) -> ColouredTableModel:
    def band(value: int | None) -> str | None:
        return settings_ref[0].band_for(value).colour if value is not None else None

    def valued(value: int) -> str:
        """The riskvärde with its band's name ("12 röd"): the colour is never the only sign of the band."""
        return f"{value} {settings_ref[0].band_for(value).name.lower()}"

    columns = [
        Column("Nr", lambda r: str(r.nummer), sort_key=lambda r: r.nummer, align_right=True),
        Column("Process/rutin", lambda r: r.process),
        Column("Risk", lambda r: r.risk, tooltip=lambda r: r.risk),
        Column(
            "Väsentlighet",
            lambda r: f"{r.vasentlighet} {settings_ref[0].v_label(r.vasentlighet)}",
            sort_key=lambda r: r.vasentlighet,
        ),
        Column(
            "Sannolikhet",
            lambda r: f"{r.sannolikhet} {settings_ref[0].s_label(r.sannolikhet)}",
            sort_key=lambda r: r.sannolikhet,
        ),
        Column("Riskvärde", lambda r: valued(r.riskvarde), sort_key=lambda r: r.riskvarde, align_right=True),
        Column("Riskhantering", lambda r: r.riskhantering, tooltip=lambda r: r.riskhantering),
        Column("Ansvarig", lambda r: r.ansvarig),
        Column(
            "Efter åtgärd",
            lambda r: valued(r.residual_varde) if r.has_residual else "–",
            sort_key=lambda r: r.residual_varde or 0,
            align_right=True,
        ),
        Column("Mot förra året", lambda r: moves_ref[r.nummer].text if r.nummer in moves_ref else ""),
    ]

    def background(r: Risk, col: int) -> str | None:
        if col == 5:
            return band(r.riskvarde)
        if col == 8 and r.has_residual:
            return band(r.residual_varde)
        return None

    return ColouredTableModel(columns, background)


def plan_model(risk_numbers: dict[str, int], event_titles: dict[int, str] | None = None) -> ColouredTableModel:
    events = event_titles if event_titles is not None else {}

    columns = [
        Column("Nr", lambda r: str(r.nummer), sort_key=lambda r: r.nummer, align_right=True),
        Column("Status", lambda r: r.status.label, tooltip=lambda r: r.status_kommentar or r.status.label),
        Column("Process/ rutin", lambda r: r.process),
        Column("Kontrollmoment", lambda r: r.kontrollmoment, tooltip=lambda r: r.kontrollmoment),
        Column("Kontrollansvarig", lambda r: r.kontrollansvarig),
        Column("Frekvens", lambda r: r.frekvens),
        Column("Rapportering till", lambda r: r.rapportering_till),
        Column("Metod", lambda r: r.metod.label),
        Column("När", lambda r: "; ".join(x for x in (r.tidpunkt, events.get(r.arshjul_event_id, "")) if x)),
        Column("Risker", lambda r: ", ".join(str(risk_numbers[k]) for k in r.risk_keys if k in risk_numbers)),
    ]
    return ColouredTableModel(columns, decoration=lambda r: r.status.colour)


def sample_model() -> ColouredTableModel:
    columns = [
        Column("#", lambda i: str(i.position), sort_key=lambda i: i.position, align_right=True),
        Column("Urval", lambda i: i.urval.label),
        Column("Ver", lambda i: i.transaction.verifikation),
        Column("Datum", lambda i: i.transaction.datum.isoformat()),
        Column(
            "Belopp",
            lambda i: format_kr(i.transaction.belopp),
            sort_key=lambda i: i.transaction.belopp,
            align_right=True,
        ),
        Column("Motpart", lambda i: i.transaction.motpart),
        Column("Konto", lambda i: i.transaction.konto),
        Column("Attestant(er)", lambda i: ", ".join(i.transaction.attestanter)),
        Column("Utanordnare", lambda i: i.transaction.utanordnare),
        Column(
            "Automatisk kontroll",
            lambda i: "; ".join(i.auto_findings) or "Inga anmärkningar",
            tooltip=lambda i: "\n".join(i.auto_findings) or "Inga anmärkningar",
        ),
        Column("Bedömning", lambda i: i.bedomning.label),
        Column("Granskad av", lambda i: i.granskad_av),
        Column("Datum granskad", lambda i: i.granskad_datum.isoformat() if i.granskad_datum else ""),
        Column("Kommentar", lambda i: i.kommentar, tooltip=lambda i: i.kommentar),
        Column("Åtgärd", lambda i: i.atgard),
    ]

    def background(i, col: int) -> str | None:
        if col == 9 and i.auto_findings:
            return "#F6D0CC"
        if col == 10:
            return {Bedomning.OK: "#CFE8CF", Bedomning.AVVIKELSE: "#F6D0CC"}.get(i.bedomning)
        return None

    return ColouredTableModel(columns, background)


class PredicateProxy(QSortFilterProxyModel):
    """Sorts on SORT_ROLE; filters rows with a predicate over the row object."""

    def __init__(self, parent=None):
        super().__init__(parent)
        from finsam_desktop.ui.widgets.table_model import SORT_ROLE

        self.setSortRole(SORT_ROLE)
        self._predicate = None

    def set_predicate(self, predicate) -> None:
        self.beginFilterChange()
        self._predicate = predicate
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        if self._predicate is None:
            return True
        row = self.sourceModel().index(source_row, 0, source_parent).data(ROW_ROLE)
        return bool(self._predicate(row))

    def lessThan(self, left: _Index, right: _Index) -> bool:
        a, b = left.data(self.sortRole()), right.data(self.sortRole())
        try:
            return a < b
        except TypeError:
            return str(a) < str(b)


def proxy_table(model, proxy: PredicateProxy, widths: tuple[int, ...] = (), *, name: str) -> QTableView:
    """A read-only, sortable table showing ``model`` through ``proxy``; ``name`` is its accessible name."""
    proxy.setSourceModel(model)
    return read_only_table(proxy, stretch_last=True, widths=widths, sort_column=0, name=name)
