"""Every table model the foundation UI creates, through pytest-qt's model tester."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import pytest
from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QColor, QUndoGroup

from finsam_desktop.domain.common.money import format_kr
from finsam_desktop.ui.context import UiContext
from finsam_desktop.ui.events import AppEvents
from finsam_desktop.ui.organisation.forbund_dialog import ForbundDialog
from finsam_desktop.ui.widgets.table_model import ROW_ROLE, SORT_ROLE, Column, RowTableModel


@dataclass(frozen=True)
class Row:
    namn: str
    belopp: Decimal


COLUMNS = [
    Column("Namn", lambda r: r.namn, tooltip=lambda r: f"Rad för {r.namn}"),
    Column(
        "Belopp",
        lambda r: format_kr(r.belopp),
        sort_key=lambda r: float(r.belopp),
        align_right=True,
        foreground=lambda r: QColor("#b3261e") if r.belopp < 0 else None,
    ),
]
ROWS = [
    Row("Ådalens kommun", Decimal("762300")),
    Row("Arbetsförmedlingen", Decimal("-1200.50")),
    Row("Norrviks kommun", Decimal("467775")),
]


def test_row_table_model_passes_the_model_tester(qtmodeltester):
    model = RowTableModel(COLUMNS, ROWS)
    qtmodeltester.check(model)
    model.set_rows(ROWS[:1])
    qtmodeltester.check(model)
    model.set_rows([])
    qtmodeltester.check(model)


def test_row_table_model_roles():
    model = RowTableModel(COLUMNS, ROWS)
    assert (model.rowCount(), model.columnCount()) == (3, 2)
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Belopp"
    assert model.index(1, 1).data() == "\u22121 200,50 kr"
    assert model.index(1, 1).data(SORT_ROLE) == -1200.5
    assert model.index(0, 0).data(ROW_ROLE) == ROWS[0]
    assert model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole) == "Rad för Ådalens kommun"
    assert model.index(1, 1).data(Qt.ItemDataRole.ForegroundRole) == QColor("#b3261e")
    assert model.index(0, 1).data(Qt.ItemDataRole.ForegroundRole) is None
    assert model.index(0, 1).data(Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight


def test_row_table_model_sorts_through_a_proxy_by_native_value():
    model = RowTableModel(COLUMNS, ROWS)
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    proxy.sort(1, Qt.SortOrder.AscendingOrder)
    # By amount, not by the text ("-1 200,50 kr" < "467 775 kr" < "762 300 kr").
    assert [proxy.index(r, 0).data() for r in range(3)] == ["Arbetsförmedlingen", "Norrviks kommun", "Ådalens kommun"]


@pytest.fixture
def dialog(qtbot, demo_services, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    dlg = ForbundDialog(UiContext(demo_services, AppEvents(), QUndoGroup()))
    qtbot.addWidget(dlg)
    dlg.members_page.state_amount.setText("3 465 000")
    return dlg


def test_forbund_dialog_models_pass_the_model_tester(qtmodeltester, dialog):
    models = {
        "medlemmar": dialog.members_page.table.model,
        "medlemsbidrag": dialog.members_page.calc_model,
        "personer": dialog.persons_page.table.model,
        "uppdrag": dialog.mandates_page.table.model,
        "styrelse": dialog.mandates_page.seat_model,
    }
    for name, model in models.items():
        assert model.rowCount() > 0, name
        qtmodeltester.check(model)
        for r in range(model.rowCount()):
            for c in range(model.columnCount()):
                assert isinstance(model.index(r, c).data(), str), (name, r, c)
    for page in (dialog.members_page, dialog.persons_page, dialog.mandates_page):
        qtmodeltester.check(page.table.proxy)


def test_forbund_dialog_tables_sort_the_swedish_way(dialog):
    table = dialog.mandates_page.table
    table.view.sortByColumn(2, Qt.SortOrder.AscendingOrder)
    members = [table.proxy.index(r, 2).data() for r in range(table.proxy.rowCount())]
    # Å sorts after S (and after Z), as in a Swedish list; "–" (no member) does not interleave.
    assert members.index("Ådalens kommun") > max(i for i, m in enumerate(members) if m == "Sjöbacka kommun")
    assert members.index("Arbetsförmedlingen") < members.index("Försäkringskassan")
