"""Issue 21, "a window that fits a laptop": the main window on the demo förbund, every tab and sub-tab shown in
turn at 1280×800 and 1366×768 and at the logical sizes the same screens have at 125 % scaling
(``QT_SCALE_FACTOR=1.25``: 1024×640 and 1093×614). On each, no button's or label's text is wider than the
widget (a clipped "Ö…"), no page scrolls sideways, and every table's columns fit its width (the less important
ones elided rather than pushed out of sight). The checks are in ``layout_check``."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from finsam_desktop.ui.main_window import MainWindow
from tests.ui.layout_check import problems_of, settle, window_problems

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
