"""The Årshjul tab does not let a user tick an event that stands for another area's decision (issue 21, one truth
point 2): the status buttons are off, the reason is shown in the details, on the buttons and in the table, and
the way to the owning tab is offered."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QTextDocumentFragment, QUndoGroup
from PySide6.QtWidgets import QApplication, QLabel

from finsam_desktop.domain.arshjul.overrides import Status
from finsam_desktop.ui.arshjul import editing as editing_module
from finsam_desktop.ui.arshjul.dialogs.occurrence import OccurrenceDialog
from finsam_desktop.ui.arshjul.models import OccurrenceTableModel
from finsam_desktop.ui.arshjul.tab import ArshjulTab
from finsam_desktop.ui.context import UiContext
from finsam_desktop.ui.events import AppEvents
from finsam_desktop.ui.main_window import MainWindow
from finsam_desktop.ui.widgets.table_model import ROW_ROLE

TODAY = date(2026, 11, 22)
REASON = "Status kommer från fliken Attest & delegation: anta attestordningen för 2027 där."


def _attestordning(view):
    event = next(e for e in view.events if e.template_key == "attestordning")
    return next(o for o in view.occurrences if o.event_id == event.id)


def _details(dialog: OccurrenceDialog) -> str:
    return " ".join(QTextDocumentFragment.fromHtml(label.text()).toPlainText() for label in dialog.findChildren(QLabel))


def test_the_dialog_of_a_decision_event_has_no_status_buttons_and_says_why(qtbot, demo_services):
    occ = _attestordning(demo_services.arshjul.view.year_view(2026))
    dialog = OccurrenceDialog(occ, "Ekonomi", parent=None, can_go_to_area=True)
    qtbot.addWidget(dialog)
    assert [b.text() for b in dialog.status_buttons] == ["Markera &klar", "Ställ &in", "&Planerad"]
    assert not any(b.isEnabled() for b in dialog.status_buttons)
    assert {b.toolTip() for b in dialog.status_buttons} == {REASON}
    assert REASON in _details(dialog)
    assert dialog.go_to_area is not None and dialog.go_to_area.isEnabled()
    assert dialog.go_to_area.text() == "&Gå till fliken Attest && delegation"
    # A tab shown alone (no window to switch tab in) does not offer the way.
    alone = OccurrenceDialog(occ, "Ekonomi")
    qtbot.addWidget(alone)
    assert alone.go_to_area is None


def test_the_dialog_of_an_own_event_keeps_its_status_buttons(qtbot, demo_services):
    view = demo_services.arshjul.view.year_view(2026)
    own = next(o for o in view.occurrences if o.event_id is not None and o.meeting_id is None and not o.status_from)
    dialog = OccurrenceDialog(own, "Ekonomi", can_go_to_area=True)
    qtbot.addWidget(dialog)
    assert all(b.isEnabled() for b in dialog.status_buttons) and len(dialog.status_buttons) == 3
    assert dialog.go_to_area is None
    assert "Status kommer från" not in _details(dialog)


def test_the_table_and_the_tab_refuse_the_tick_and_say_where(qtbot, demo_workspace, monkeypatch):
    services = demo_workspace.services
    tab = ArshjulTab(UiContext(services, AppEvents(), QUndoGroup()), today=TODAY)
    qtbot.addWidget(tab)
    occ = _attestordning(tab.view)
    model: OccurrenceTableModel = tab.model
    row = next(r for r in range(model.rowCount()) if model.data(model.index(r, 0), ROW_ROLE).uid == occ.uid)
    status_col = next(
        c for c in range(model.columnCount()) if model.headerData(c, Qt.Orientation.Horizontal) == "Status"
    )
    assert model.data(model.index(row, status_col), Qt.ItemDataRole.ToolTipRole) == REASON
    shown: list[str] = []
    monkeypatch.setattr(editing_module, "show_error", lambda _parent, exc: shown.append(str(exc)))
    tab.editing.set_status(occ, Status.KLAR)
    assert shown == [REASON]
    assert tab.undo_stack.count() == 0
    assert _attestordning(services.arshjul.view.year_view(2026)).status is Status.PLANERAD


def test_go_to_the_owning_tab_from_the_event(qtbot, demo_workspace):
    window = MainWindow(demo_workspace)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    window.show_tab(0)
    tab = window.tab_widget("arshjul")
    occ = _attestordning(tab.view)

    def press_go() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, OccurrenceDialog):
            QTimer.singleShot(20, press_go)
            return
        assert dialog.go_to_area is not None
        dialog.go_to_area.click()

    QTimer.singleShot(0, press_go)
    tab.editing.open_occurrence(occ)
    assert window.tabs.currentIndex() == 2  # Attest & delegation
    focused = window.focusWidget()  # the window's keyboard focus, once the dialog has handed it back
    assert focused is not None and window.pages()[2].isAncestorOf(focused), focused
