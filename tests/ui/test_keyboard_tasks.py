"""One whole task per tab done with the keyboard alone on the demo förbund: the keys go to whatever has the
focus, as a user's would — Alt+letter for a button or a labelled field, Tab to move on, arrows in a list,
typing, Return to confirm — and dialogs opened by a key are answered by keys too. Each test then asks the
service whether the task took effect. (The main window's tab is chosen directly: this is about the work
inside each tab.)"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QDialog, QWidget
from shiboken6 import isValid
from test_accessible_names import _settle

from finsam_desktop import clock
from finsam_desktop.ui.main_window import TABS, MainWindow

SWEDISH = {"Å": Qt.Key.Key_Aring, "Ä": Qt.Key.Key_Adiaeresis, "Ö": Qt.Key.Key_Odiaeresis}


def _target(window: QWidget) -> QWidget:
    return QApplication.focusWidget() or QApplication.activeModalWidget() or window


def alt(window: QWidget, letter: str) -> None:
    """Alt+letter, as pressed on the widget that has the focus."""
    key = SWEDISH.get(letter.upper()) or getattr(Qt.Key, f"Key_{letter.upper()}")
    QTest.keyClick(_target(window), key, Qt.KeyboardModifier.AltModifier)
    # A mnemonic presses its button the way a click looks: down, then released a moment later.
    for _ in range(100):
        if not any(b.isDown() for b in QApplication.instance().allWidgets() if isinstance(b, QAbstractButton)):
            break
        QTest.qWait(20)
    _settle()


def press(window: QWidget, key: Qt.Key, times: int = 1, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    for _ in range(times):
        QTest.keyClick(_target(window), key, modifier)
    _settle()


def type_text(window: QWidget, text: str) -> None:
    """Type ``text`` on the focused widget; å, ä and ö as the keys of a Swedish keyboard (QTest's own typing
    knows ASCII only)."""
    for char in text:
        key = SWEDISH.get(char.upper())
        if key is None:
            QTest.keyClicks(_target(window), char)
        else:
            QTest.sendKeyEvent(QTest.KeyAction.Click, _target(window), key, char, Qt.KeyboardModifier.NoModifier)


def tab_to(window: QWidget, wanted: QWidget, limit: int = 60) -> None:
    """Press Tab until ``wanted`` has the focus (as a user would), failing if it never comes."""
    for _ in range(limit):
        if QApplication.focusWidget() is wanted:
            return
        press(window, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is wanted, f"Tab nådde aldrig {wanted!r}"


def answer_dialog(drive: Callable[[QDialog], None]) -> list[QDialog]:
    """Drive the next modal dialog with ``drive`` (keys only) once it is shown; returns a list that holds the
    dialog once it was driven. A dialog that stays open after ``drive`` is closed so a failing test ends."""
    seen: list[QDialog] = []
    timer = QTimer()
    timer.setInterval(20)

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None or dialog in seen:
            return
        focus = QApplication.focusWidget()
        if focus is None or focus.window() is not dialog:  # not yet shown and active: a user would wait too
            dialog.activateWindow()
            return
        timer.stop()
        seen.append(dialog)
        try:
            drive(dialog)
        finally:
            if isValid(dialog) and dialog.isVisible():
                QTimer.singleShot(0, dialog.reject)

    timer.timeout.connect(poll)
    timer.start()
    _timers.append(timer)
    return seen


_timers: list[QTimer] = []


def dialog_done(qtbot, window: QWidget, driven: list[QDialog]) -> None:
    """Wait until the driven dialog is closed and the window has the keyboard again."""
    try:
        qtbot.waitUntil(lambda: bool(driven))
    except qtbot.TimeoutError:
        pytest.fail("tangenten öppnade ingen dialog")
    # A static dialog (QFileDialog.getSaveFileName) is deleted once answered.
    qtbot.waitUntil(lambda: not isValid(driven[0]) or not driven[0].isVisible())
    window.activateWindow()  # the offscreen platform does not hand activation back by itself
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    _settle()


@pytest.fixture(autouse=True)
def _stop_timers():
    yield
    for timer in _timers:
        timer.stop()
    _timers.clear()


@pytest.fixture
def window(qtbot, demo_workspace):
    win = MainWindow(demo_workspace)
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
    _settle()
    return win


def open_tab(window: MainWindow, name: str) -> QWidget:
    window.tabs.setCurrentIndex([n for n, _t, _c in TABS].index(name))
    _settle()
    tab = window.tab_widget(name)
    tab.setFocus()
    _settle()
    return tab


def test_arshjul_a_new_event_by_keyboard(qtbot, window, demo_workspace):
    open_tab(window, "arshjul")

    def fill(dialog: QDialog) -> None:
        type_text(dialog, "Workshop om samverkan")  # Rubrik has the focus
        press(dialog, Qt.Key.Key_Tab)
        type_text(dialog, "Workshop")
        press(dialog, Qt.Key.Key_Return)

    driven = answer_dialog(fill)
    alt(window, "N")  # &Ny händelse…
    dialog_done(qtbot, window, driven)
    events = demo_workspace.services.arshjul.events.list_events(2026)
    assert [(e.title, e.short) for e in events if e.title == "Workshop om samverkan"] == [
        ("Workshop om samverkan", "Workshop")
    ]


def test_sammantraden_a_new_agenda_item_by_keyboard(window, demo_workspace):
    tab = open_tab(window, "sammantraden")
    meeting = tab.detail.meeting
    before = [i.rubrik for i in demo_workspace.services.meetings.agenda.list_items(meeting.id)]
    alt(window, "D")  # the &Dagordning och protokoll sub-tab
    alt(window, "Y")  # + N&y §: the new item's rubrik takes the focus
    assert QApplication.focusWidget() is tab.editor.rubrik
    type_text(window, "Information om ESF-projektet")
    press(window, Qt.Key.Key_S, modifier=Qt.KeyboardModifier.ControlModifier)  # Spara nu
    after = [i.rubrik for i in demo_workspace.services.meetings.agenda.list_items(meeting.id)]
    assert len(after) == len(before) + 1
    assert "Information om ESF-projektet" in after and "Information om ESF-projektet" not in before


def test_attest_a_check_by_keyboard(window, demo_workspace):
    tab = open_tab(window, "attest")
    page = tab.check
    check = demo_workspace.services.attest.check.check
    persons = [page.person.itemText(i) for i in range(page.person.count()) if page.person.itemText(i)]
    typ = page.typ.currentData()
    allowed = [p for p in persons if check(p, typ, Decimal("12500"), clock.today(), "", "").allowed]
    assert allowed, "demot har ingen som får attestera 12 500 kr"
    alt(window, "N")  # the Får &NN attestera? sub-tab
    alt(window, "E")  # P&erson
    assert page.person.isAncestorOf(QApplication.focusWidget()) or QApplication.focusWidget() is page.person
    type_text(window, allowed[0])
    alt(window, "B")  # &Belopp
    type_text(window, "12500")
    alt(window, "P")  # Får &personen attestera?
    expected = check(allowed[0], typ, Decimal("12500"), clock.today(), "", "")
    assert page.last_answer == expected
    assert ">JA</h2>" in page.answer.text()


def test_internkontroll_a_new_risk_by_keyboard(qtbot, window, demo_workspace):
    tab = open_tab(window, "internkontroll")
    risk = demo_workspace.services.internkontroll.risk
    year = tab.year.value()
    alt(window, "I")  # the R&iskanalys sub-tab
    alt(window, "E")  # Ny v&ersion: an adopted analysis is changed in a new draft
    draft = risk.analysis(year)
    assert draft is not None and not draft.locked
    before = len(draft.risks)

    def fill(dialog: QDialog) -> None:
        type_text(dialog, "Utbetalning till insats")  # Process/rutin has the focus
        press(dialog, Qt.Key.Key_Tab)
        type_text(dialog, "Medel betalas ut utan redovisning")  # Risk
        press(dialog, Qt.Key.Key_Tab)  # Väsentlighet
        press(dialog, Qt.Key.Key_Down, 2)  # Väsentlighet two steps up
        press(dialog, Qt.Key.Key_Return)

    driven = answer_dialog(fill)
    alt(window, "Y")  # N&y risk…
    dialog_done(qtbot, window, driven)
    risks = risk.analysis(year).risks
    assert len(risks) == before + 1
    new = [r for r in risks if r.process == "Utbetalning till insats"]
    assert [(r.risk, r.vasentlighet) for r in new] == [("Medel betalas ut utan redovisning", 3)]


def test_budget_a_line_forecast_by_keyboard(qtbot, window, demo_workspace):
    tab = open_tab(window, "budget")
    alt(window, "U")  # the &Uppföljning sub-tab
    pane = tab.followup_pane

    def per_october(dialog: QDialog) -> None:
        press(dialog, Qt.Key.Key_A, modifier=Qt.KeyboardModifier.ControlModifier)
        type_text(dialog, "2026-10-31")
        press(dialog, Qt.Key.Key_Return)

    driven = answer_dialog(per_october)
    alt(window, "N")  # &Ny uppföljning…
    dialog_done(qtbot, window, driven)
    assert tab.state.view_data.followup is not None
    tab_to(window, pane.followup_table)
    press(window, Qt.Key.Key_Down)
    row = pane.selected_followup_row()
    while row is not None and not row.is_figure_row:
        press(window, Qt.Key.Key_Down)
        row = pane.selected_followup_row()
    assert row is not None

    def fill(dialog: QDialog) -> None:
        tab_to(dialog, dialog.helar)  # Helårsprognos
        press(dialog, Qt.Key.Key_A, modifier=Qt.KeyboardModifier.ControlModifier)
        type_text(dialog, "123 456")
        press(dialog, Qt.Key.Key_Tab)
        type_text(dialog, "Enligt avtalet med regionen")
        press(dialog, Qt.Key.Key_Return)

    driven = answer_dialog(fill)
    alt(window, "F")  # Ange utfall/prognos &för raden…
    dialog_done(qtbot, window, driven)
    followup = tab.state.view_data.followup
    entry = demo_workspace.services.budget.followup.followup_entry(followup.id, row.kod)
    assert (entry.helar, entry.helar_comment) == (Decimal("123456"), "Enligt avtalet med regionen")


def test_ctrl_and_a_digit_goes_to_that_tab_with_the_focus_in_it(window):
    arkiv = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Arkiv")
    tabs_menu = next(a.menu() for a in arkiv.actions() if a.text() == "&Gå till flik")
    assert [a.shortcut().toString() for a in tabs_menu.actions()] == [f"Ctrl+{i}" for i in range(1, 8)]
    for digit, index in ((5, 4), (2, 1), (7, 6), (1, 0)):
        press(window, Qt.Key(Qt.Key.Key_0 + digit), modifier=Qt.KeyboardModifier.ControlModifier)
        assert window.tabs.currentIndex() == index
        focused = QApplication.focusWidget()
        assert focused is not None and window.pages()[index].isAncestorOf(focused), focused


def test_verksamhet_a_new_aktivitet_by_keyboard(qtbot, window, demo_workspace):
    tab = open_tab(window, "verksamhet")
    svc = demo_workspace.services.verksamhet.aktiviteter
    year = tab.year()
    first_member = demo_workspace.services.forbund.list_members()[0]
    alt(window, "E")  # the Aktivit&eter sub-tab
    assert tab.tabs.currentWidget() is tab.aktiviteter

    def fill(dialog: QDialog) -> None:
        alt(dialog, "T")  # &Titel
        type_text(dialog, "Frukostmöte om arbetsförmåga")
        alt(dialog, "Y")  # T&yp: Forum → Frukostmöte
        press(dialog, Qt.Key.Key_Down)
        alt(dialog, "E")  # Deltagare per medl&em: the first member's row
        press(dialog, Qt.Key.Key_Right)  # its Planerat cell
        type_text(dialog, "8")
        press(dialog, Qt.Key.Key_Return)
        alt(dialog, "S")  # &Spara

    driven = answer_dialog(fill)
    alt(window, "N")  # &Ny aktivitet…
    dialog_done(qtbot, window, driven)
    saved = [a for a in svc.list_aktiviteter(year) if a.titel == "Frukostmöte om arbetsförmåga"]
    assert [(a.typ.label, a.planerat_totalt) for a in saved] == [("Frukostmöte", 8)]
    assert saved[0].for_member(first_member.id).planerat == 8


def test_arsredovisning_the_pdf_saved_by_keyboard(qtbot, window, demo_workspace, tmp_path):
    tab = open_tab(window, "arsredovisning")
    year = tab.year()
    assert year is not None
    alt(window, "U")  # the Dok&ument sub-tab
    assert tab.tabs.currentWidget() is tab.documents
    target = tmp_path / f"ar-{year}.pdf"

    def save_as(dialog: QDialog) -> None:  # the file dialog: its file name has the focus
        press(dialog, Qt.Key.Key_A, modifier=Qt.KeyboardModifier.ControlModifier)
        type_text(dialog, str(target))
        press(dialog, Qt.Key.Key_Return)

    driven = answer_dialog(save_as)
    alt(window, "P")  # &PDF…
    dialog_done(qtbot, window, driven)
    assert target.read_bytes()[:5] == b"%PDF-"
    assert f"Sparade {target}" in window.statusBar().currentMessage()
