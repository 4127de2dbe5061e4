"""Issue 21, "a window that fits a laptop": the main window on the demo förbund, every tab and sub-tab shown in
turn at 1280×800 and 1366×768 and at the logical sizes the same screens have at 125 % scaling
(``QT_SCALE_FACTOR=1.25``: 1024×640 and 1093×614). On each, no button's or label's text is wider than the
widget (a clipped "Ö…"), no page scrolls sideways, and every table's columns fit its width (the less important
ones elided rather than pushed out of sight) with its key columns — dates, numbers, §, amounts — shown whole.
The checks are in ``layout_check``."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest
from PySide6.QtWidgets import QLabel, QPushButton, QTableView, QWidget

from finsam_desktop.domain.sammantraden.kinds import MeetingStatus
from finsam_desktop.ui.main_window import MainWindow
from finsam_desktop.ui.sammantraden.models import meeting_model
from finsam_desktop.ui.sammantraden.view_helpers import make_table
from finsam_desktop.ui.widgets.column_fit import _EMPTY, fitted_widths, key_columns, looks_like_key
from tests.ui.layout_check import elided_key_columns, problems_of, settle, window_problems

#: Screen sizes at 100 %, then the logical size of 1280×800 and 1366×768 at 125 %.
SIZES = [(1280, 800), (1366, 768), (1024, 640), (1093, 614)]


def test_every_tab_fits_the_laptop_screens(qtbot, demo_workspace):
    window = MainWindow(demo_workspace)
    qtbot.addWidget(window)
    window.show()
    settle()
    problems = []
    for size in SIZES:
        problems += window_problems(window, size)
    if problems:
        pytest.fail(f"{len(problems)} saker får inte plats:\n  " + "\n  ".join(problems))


def test_the_check_sees_a_clipped_button_and_label(qtbot):
    """The check itself: a button and a label narrower than their text are reported, wide ones are not."""
    holder = QWidget()
    qtbot.addWidget(holder)
    narrow = QPushButton("Öppna protokollet", holder)
    narrow.setGeometry(0, 0, 30, 30)
    wide = QPushButton("&Ok", holder)
    wide.setGeometry(0, 40, 200, 30)
    label = QLabel("Justeras omedelbart efter sammanträdet", holder)
    label.setGeometry(0, 80, 60, 20)
    holder.resize(300, 200)
    holder.show()
    settle()
    found = problems_of(holder, "prov")
    assert len(found) == 2
    assert "'Öppna protokollet'" in found[0] and "Justeras omedelbart" in found[1]


def _meeting_table(qtbot, width: int) -> QTableView:
    """The Sammanträden list's model with a year of meetings, in a table ``width`` pixels wide."""
    rows = [
        SimpleNamespace(
            id=i,
            datum=date(2026, month, 20),
            starttid=None,
            organ_namn="Styrelsen för Samordningsförbundet",
            typ=SimpleNamespace(value="ordinarie", label="Ordinarie"),
            title="Styrelsen",
            place_text="Kansliet",
            status=MeetingStatus.ANSLAGET,
            locked=True,
            first_paragraph=12 * i,
            last_paragraph=12 * i + 11,
            item_count=12,
        )
        for i, month in enumerate(range(1, 13), start=1)
    ]
    model = meeting_model()
    model.set_rows(rows)
    table = make_table(model, stretch_column=1)
    table.setAccessibleName("Sammanträden")
    qtbot.addWidget(table)
    table.resize(width, 300)
    table.show()
    settle()
    return table


def test_key_columns_keep_their_width_when_text_columns_give_way(qtbot):
    """Issue 21: the Sammanträden list at the width of its pane: Datum and § shown whole, Organ elided."""
    table = _meeting_table(qtbot, 260)
    assert key_columns(table) == {0, 3}
    header = table.horizontalHeader()
    for column in (0, 3):
        assert header.sectionSize(column) >= table.sizeHintForColumn(column)
    assert header.sectionSize(1) < table.sizeHintForColumn(1)  # the organ's name gives way
    assert header.length() <= table.viewport().width() + 1
    assert elided_key_columns(table, "prov") == []


def test_the_check_sees_an_elided_key_column(qtbot):
    table = _meeting_table(qtbot, 260)
    table.horizontalHeader().resizeSection(0, 50)  # as the list showed it: "2026-0…"
    found = elided_key_columns(table, "prov")
    assert len(found) == 1 and "'Datum'" in found[0] and "avkortad" in found[0]


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("2026-11-20", True),
        ("§ 85–98", True),
        ("4 p.", True),
        ("1 150 000 kr", True),
        ("−0,6 %", True),
        ("⚠ 20,0 %", True),  # a deviation marked as bad news is still a percentage
        ("⚠ –", True),
        ("09.00–12.00", True),
        ("Styrelsen", False),
        ("Anslaget", False),
        ("Q3 2026", False),
    ],
)
def test_what_counts_as_a_key_value(text, key):
    assert looks_like_key(text) is key or (key and text in _EMPTY)


def test_fitted_widths_never_cut_a_key_column():
    # Datum (key) 80, Organ 130, Status 110, § (key) 60 in 260 px: the text columns share what is left.
    widths = fitted_widths([80, 130, 110, 60], 260, 1, keys={0, 3}, floors=[80, 0, 0, 60])
    assert widths[0] == 80 and widths[3] == 60 and sum(widths) == 260
    # Too narrow even for the key columns and the text columns' least: the table scrolls, no key is cut.
    assert fitted_widths([80, 130, 110, 60], 150, 1, keys={0, 3}, floors=[80, 0, 0, 60])[::3] == [80, 60]
