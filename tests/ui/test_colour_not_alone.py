"""Colour is never the only carrier of meaning (issue 22, WCAG 1.4.1): every coloured status cell of the demo
förbund also says its status in text — the risk table's riskvärden name their band, each heat-map cell says its
band and the matrix describes itself to a screen reader, the kontrollplan's traffic lights stand beside their
status, and the Årshjul's red dates are marked ⚠ with the reason."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QUndoGroup

from finsam_desktop.ui.arshjul.tab import ArshjulTab
from finsam_desktop.ui.context import UiContext
from finsam_desktop.ui.events import AppEvents
from finsam_desktop.ui.internkontroll import create_tab
from finsam_desktop.ui.widgets.table_model import ROW_ROLE


def _colour(model, row: int, col: int, role) -> str | None:
    value = model.data(model.index(row, col), role)
    return QColor(value).name().upper() if value is not None else None


@pytest.fixture
def ik_tab(qtbot, demo_services):
    tab = create_tab(UiContext(demo_services, AppEvents(), QUndoGroup()))
    qtbot.addWidget(tab)
    tab.year.setValue(2026)
    return tab


def test_every_coloured_riskvarde_names_its_band(ik_tab):
    model = ik_tab.risk_page.risk_model
    bands = {QColor(b.colour).name().upper(): b.name.lower() for b in ik_tab.risk_page.matrix.settings.bands}
    coloured = 0
    for row in range(model.rowCount()):
        for col in range(model.columnCount()):
            colour = _colour(model, row, col, Qt.ItemDataRole.BackgroundRole)
            if colour is None:
                continue
            text = model.index(row, col).data()
            assert text.endswith(" " + bands[colour]), (row, col, text)
            coloured += 1
    assert coloured >= 12  # every risk's riskvärde, and those with a value after åtgärd


def test_every_heat_map_cell_says_its_band_and_the_matrix_describes_its_risks(ik_tab):
    for matrix in (ik_tab.risk_page.matrix, ik_tab.risk_page.residual_matrix):
        n = matrix.settings.size
        for s in range(1, n + 1):
            for v in range(1, n + 1):
                band = matrix.settings.band_for(s * v)
                assert matrix.band_text(s, v) == f"{s * v} {band.name.lower()}"
        description = matrix.accessibleDescription()
        assert description.startswith(f"Riskmatris {n}×{n}, färgfält: Grön 1–3; Gul 4–8; Röd 9–16.")
    # The inherent matrix of 2026: risk 10 sits at sannolikhet 3 × väsentlighet 3 (röd), as the picture shows.
    assert "väsentlighet 3 Kännbar: riskvärde 9 röd, risk nr 10." in ik_tab.risk_page.matrix.accessibleDescription()


def test_every_traffic_light_of_the_kontrollplan_stands_beside_its_status_text(ik_tab):
    model = ik_tab.plan_page.plan_model
    assert model.rowCount() > 0
    for row in range(model.rowCount()):
        colour = _colour(model, row, 1, Qt.ItemDataRole.DecorationRole)
        plan_row = model.index(row, 1).data(ROW_ROLE)
        assert colour == QColor(plan_row.status.colour).name().upper()
        assert model.index(row, 1).data() == plan_row.status.label


def test_the_arshjuls_red_dates_are_marked_and_explained(qtbot, demo_services):
    tab = ArshjulTab(UiContext(demo_services, AppEvents(), QUndoGroup()))
    qtbot.addWidget(tab)
    proxy = tab.wheel_page.upcoming_proxy  # what is due next: only the date and the event are shown
    red = 0
    for row in range(proxy.rowCount()):
        o = proxy.index(row, 0).data(ROW_ROLE)
        shown = proxy.index(row, 4).data()
        colour = _colour(proxy, row, 4, Qt.ItemDataRole.ForegroundRole)
        if colour is not None and colour != "#8A9099":
            red += 1
            assert shown.startswith("⚠ ") and o.flag
            assert o.flag_text in proxy.index(row, 4).data(Qt.ItemDataRole.ToolTipRole)
        else:
            assert not shown.startswith("⚠")
    assert red >= 1  # the demo's November has dates that are not vardagar
