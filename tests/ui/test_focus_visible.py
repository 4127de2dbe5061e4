"""Focus is always visible (issue 22): with the application's style (``setup_application`` installs
``FocusRingStyle``) every kind of control a user tabs to shows a dark ring when it has the keyboard focus, and
none when it does not. The ring is looked for in the rendered pixels, as a user would see it."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTabBar,
    QTableWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from finsam_desktop.ui.focus_style import FOCUS_COLOUR, FocusRingStyle, install_focus_style


@pytest.fixture
def ring_style(qapp):
    before = qapp.style().name()
    install_focus_style(qapp)
    yield
    qapp.setStyle(before)


def _ring_pixels(widget: QWidget) -> int:
    image: QImage = widget.grab().toImage()
    want = FOCUS_COLOUR.rgb()
    return sum(1 for y in range(image.height()) for x in range(image.width()) if image.pixel(x, y) == want)


def _controls() -> list[QWidget]:
    tabs = QTabBar()
    tabs.addTab("&Första")
    tabs.addTab("&Andra")
    table = QTableWidget(2, 2)
    tool = QToolButton()
    tool.setText("Exportera")
    combo = QComboBox()
    combo.addItems(["januari", "februari"])
    return [
        QPushButton("&Spara"),
        tool,
        QCheckBox("&Kommande 30 dagar"),
        QRadioButton("&PDF"),
        QLineEdit("Sök"),
        combo,
        QSpinBox(),
        QDateEdit(),
        tabs,
        QPlainTextEdit("Anteckning"),
        QTableWidget(0, 2),  # an empty table: no current cell to ring
        table,
    ]


def test_the_application_gets_the_focus_ring(qapp, ring_style):
    assert isinstance(qapp.style(), FocusRingStyle)
    install_focus_style(qapp)  # a second call keeps the one style
    assert isinstance(qapp.style(), FocusRingStyle)


def test_every_kind_of_control_shows_a_ring_when_focused_and_only_then(qtbot, ring_style):
    host = QWidget()
    qtbot.addWidget(host)
    layout = QVBoxLayout(host)
    controls = _controls()
    for w in controls:
        layout.addWidget(w)
    host.resize(400, 600)
    host.show()
    host.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is host)
    controls[-1].setCurrentCell(0, 0)
    missing, always = [], []
    for w in controls:
        w.setFocus()
        qtbot.waitUntil(lambda w=w: w.hasFocus())
        focused = _ring_pixels(w)
        others = [o for o in controls if o is not w]
        if focused < 2 * 10:  # at least a few short sides of a 2-pixel ring
            missing.append(type(w).__name__)
        always += [type(o).__name__ for o in others if _ring_pixels(o)]
    assert not missing, f"ingen synlig fokusring: {missing}"
    assert not always, f"ring utan fokus: {always}"


def test_the_ring_contrasts_with_white_and_button_grey():
    def luminance(c: QColor) -> float:
        def channel(v: float) -> float:
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

        return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())

    for background in (QColor("#FFFFFF"), QColor("#EFEFEF"), QColor("#DADADA")):
        ratio = (luminance(background) + 0.05) / (luminance(FOCUS_COLOUR) + 0.05)
        assert ratio >= 3.0, background.name()  # WCAG 1.4.11 non-text contrast
