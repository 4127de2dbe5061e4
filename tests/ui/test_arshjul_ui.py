"""The Årshjul tab: the wheel rendered offscreen with the demo year, hover and click, the table
models, filters and undo."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QUndoGroup

from finsam_desktop.domain.arshjul.overrides import Status
from finsam_desktop.ui.arshjul.models import OccurrenceFilter, OccurrenceTableModel
from finsam_desktop.ui.arshjul.tab import ArshjulTab
from finsam_desktop.ui.arshjul.wheel import WheelWidget
from finsam_desktop.ui.context import UiContext
from finsam_desktop.ui.events import AppEvents
from finsam_desktop.ui.widgets.table_model import ROW_ROLE

TODAY = date(2026, 11, 22)


@pytest.fixture
def demo_view(demo_services):
    return demo_services.arshjul.view.year_view(2026)


def test_wheel_renders_the_demo_year_at_laptop_size(qtbot, demo_view, tmp_path):
    wheel = WheelWidget()
    qtbot.addWidget(wheel)
    wheel.resize(1280, 720)
    wheel.set_view(demo_view, TODAY)
    image = wheel.grab().toImage()
    image.save(str(tmp_path / "wheel.png"))
    assert (image.width(), image.height()) == (1280, 720)
    marks = wheel.marks
    assert sum(m.count for m in marks) == len(demo_view.occurrences)
    assert sum(m.labelled for m in marks) / len(marks) > 0.8
    # The styrelse ring's colour is painted where a styrelse meeting sits.
    meeting = next(m for m in marks if m.first.meeting_id is not None)
    pos = wheel.mark_position(meeting)
    colour = image.pixelColor(int(pos.x()), int(pos.y()))
    assert colour.name().upper() in ("#1F4E79", "#8FA7BC", "#C62828") or colour.blue() > colour.red()
    # Today's hand: a red pixel on the way from the hub to the rim at today's angle.
    reds = 0
    from finsam_desktop.domain.arshjul.wheel import WheelGeometry, polar

    angle = WheelGeometry(2026).angle(TODAY)
    cx, cy = wheel._centre.x(), wheel._centre.y()
    for r in range(int(wheel._wheel.hub) + 5, int(wheel._wheel.outer), 4):
        x, y = polar(cx, cy, r, angle)
        c = image.pixelColor(int(round(x)), int(round(y)))
        reds += c.red() > 150 and c.green() < 90
    assert reds > 10


def test_hover_shows_the_event_and_click_opens_it(qtbot, demo_view):
    wheel = WheelWidget()
    qtbot.addWidget(wheel)
    wheel.resize(1200, 800)
    wheel.set_view(demo_view, TODAY)
    wheel.show()
    budget = next(m for m in wheel.marks if m.first.title.startswith("Budget och verksamhetsplan 2027"))
    pos = wheel.mark_position(budget)
    tip = wheel.tooltip_at(pos)
    assert "Budget och verksamhetsplan 2027" in tip and "2026-11-30" in tip and "vecka 49" in tip
    assert wheel.tooltip_at(QPointF(3, 3)) == ""
    with qtbot.waitSignal(wheel.mark_clicked) as blocker:
        qtbot.mouseClick(wheel, Qt.MouseButton.LeftButton, pos=pos.toPoint())
    assert blocker.args[0][0].title.startswith("Budget och verksamhetsplan 2027")


def test_start_month_rotates_the_wheel(qtbot, demo_view):
    from dataclasses import replace

    wheel = WheelWidget()
    qtbot.addWidget(wheel)
    wheel.resize(900, 700)
    wheel.set_view(replace(demo_view, start_month=9), TODAY)
    september = [m for m in wheel.marks if m.first.date.month == 9]
    assert min(m.angle for m in september) < 30


def test_table_models_pass_the_model_tester(qtmodeltester, demo_view):
    model = OccurrenceTableModel({c.key: c.namn for c in demo_view.categories}, demo_view.occurrences)
    qtmodeltester.check(model)
    proxy = OccurrenceFilter()
    proxy.setSourceModel(model)
    proxy.set_filters(upcoming_days=30, status=Status.PLANERAD, today=TODAY)
    qtmodeltester.check(proxy)
    rows = [proxy.data(proxy.index(r, 0), ROW_ROLE) for r in range(proxy.rowCount())]
    assert rows and all(TODAY <= o.date <= date(2026, 12, 22) and o.status is Status.PLANERAD for o in rows)
    proxy.set_filters(category="styrning")
    assert {proxy.data(proxy.index(r, 0), ROW_ROLE).category for r in range(proxy.rowCount())} == {"styrning"}
    proxy.set_filters(responsible="sekreterare")
    assert proxy.rowCount() > 0
    assert all("Sekreterare" in proxy.data(proxy.index(r, 0), ROW_ROLE).responsible for r in range(proxy.rowCount()))
    flagged = (
        next(r for r in range(model.rowCount()) if model.row_at(r).flag)
        if any(o.flag for o in demo_view.occurrences)
        else None
    )
    if flagged is not None:
        assert model.data(model.index(flagged, 0), Qt.ItemDataRole.ForegroundRole).name() == "#c62828"


def test_tab_status_change_is_undoable(qtbot, demo_workspace):
    services = demo_workspace.services
    ctx = UiContext(services, AppEvents(), QUndoGroup())
    tab = ArshjulTab(ctx, today=TODAY)
    qtbot.addWidget(tab)
    assert tab.undo_stack is not None
    target = next(
        o
        for o in tab.view.occurrences
        if o.event_id and not o.status_from and o.status is Status.PLANERAD and o.date > TODAY
    )
    tab.editing.set_status(target, Status.KLAR)
    status = {(o.event_id, o.key): o.status for o in services.arshjul.view.year_view(2026).occurrences}
    assert status[(target.event_id, target.key)] is Status.KLAR
    tab.undo_stack.undo()
    status = {(o.event_id, o.key): o.status for o in services.arshjul.view.year_view(2026).occurrences}
    assert status[(target.event_id, target.key)] is Status.PLANERAD
    tab.undo_stack.redo()
    assert (
        next(o for o in tab.view.occurrences if o.key == target.key and o.event_id == target.event_id).status
        is Status.KLAR
    )
    tab.editing.move(target, date(2026, 12, 1))
    moved = next(o for o in tab.view.occurrences if o.key == target.key and o.event_id == target.event_id)
    assert moved.date == date(2026, 12, 1) and moved.moved
    tab.undo_stack.undo()
    back = next(o for o in tab.view.occurrences if o.key == target.key and o.event_id == target.event_id)
    assert back.date == target.date
    # The agenda and the upcoming list are filled.
    assert tab.agenda.topLevelItemCount() == 12
    assert tab.wheel_page.upcoming_proxy.rowCount() > 0


def test_read_only_tab_disables_editing(qtbot, demo_workspace, tmp_path):
    from finsam_desktop.services.workspace import open_workspace

    path = demo_workspace.path
    demo_workspace.close()
    ws = open_workspace(path, read_only=True)
    try:
        tab = ArshjulTab(UiContext(ws.services, AppEvents(), QUndoGroup()), today=TODAY)
        qtbot.addWidget(tab)
        assert not tab.toolbar.new_button.isEnabled() and not tab.toolbar.plan_button.isEnabled()
        assert tab.model.rowCount() > 50
    finally:
        ws.close()


def test_event_dialog_builds_week_47_and_relative_events(qtbot, demo_view):
    from finsam_desktop.domain.arshjul.recurrence import Freq
    from finsam_desktop.ui.arshjul.dialogs.event import EventDialog

    dialog = EventDialog(2026, list(demo_view.categories), list(demo_view.events))
    qtbot.addWidget(dialog)
    dialog.title.setText("Besked om medelstilldelning")
    dialog.short.setText("FK besked")
    dialog.category.setCurrentIndex(dialog.category.findData("ekonomi"))
    dialog.kind_recurring.setChecked(True)
    rec = dialog.recurrence
    rec.freq.setCurrentIndex(rec.freq.findData(Freq.VECKONUMMER))
    rec.week.setValue(47)
    event = dialog.value()
    assert event.recurrence.week == 47 and event.recurrence.dates(2026) == [date(2026, 11, 16)]
    assert rec.preview.text() == "Vecka 47 (måndag) varje år"
    rec.freq.setCurrentIndex(rec.freq.findData(Freq.MANAD))
    rec.by_weekday.setChecked(True)
    rec.nth.setCurrentIndex(rec.nth.findData(-1))
    rec.weekday.setCurrentIndex(4)
    assert dialog.value().recurrence.describe() == "Sista fredagen varje månad"
    dialog.kind_relative.setChecked(True)
    dialog.offset.setValue(14)
    dialog.direction.setCurrentIndex(0)
    event = dialog.value()
    assert event.relative.anchor_organ_id == 1 and event.relative.offset == -14
    dialog.title.setText("")
    dialog._accept()
    assert "Rubrik" in dialog.error.text() and dialog.result() == 0


def test_plan_dialog_previews_section_114(qtbot):
    from finsam_desktop.ui.arshjul.dialogs.plan import PlanDialog

    dialog = PlanDialog(2023, [])
    qtbot.addWidget(dialog)
    dialog.text.setPlainText(
        "27 januari Styrelsemöte\n21 februari Styrelsemöte, heldag\n3 april Konstituerande styrelsemöte\n"
    )
    dialog.place.setText("Kansliet")
    assert dialog.preview()
    assert dialog.table.rowCount() == 3
    assert [e.plats for e in dialog.entries] == ["Kansliet"] * 3
    assert dialog.table.item(1, 2).text() == "09.00–17.00"
    dialog.text.setPlainText("31 februari Styrelsemöte\n")
    assert not dialog.preview()
    assert "Rad 1" in dialog.message.text()


def test_tab_filters_by_status_and_category(qtbot, demo_workspace):
    tab = ArshjulTab(UiContext(demo_workspace.services, AppEvents(), QUndoGroup()), today=TODAY)
    qtbot.addWidget(tab)
    tab.table_page.f_status.setCurrentIndex(tab.table_page.f_status.findData(Status.INSTALLD.value))
    rows = [
        tab.table_page.proxy.data(tab.table_page.proxy.index(r, 0), ROW_ROLE)
        for r in range(tab.table_page.proxy.rowCount())
    ]
    assert rows and all(o.status is Status.INSTALLD for o in rows)
    tab.table_page.f_status.setCurrentIndex(0)
    tab.table_page.f_category.setCurrentIndex(tab.table_page.f_category.findData("styrelse"))
    tab.table_page.f_upcoming.setChecked(True)
    rows = [
        tab.table_page.proxy.data(tab.table_page.proxy.index(r, 0), ROW_ROLE)
        for r in range(tab.table_page.proxy.rowCount())
    ]
    assert rows and all(o.category == "styrelse" and o.date >= TODAY for o in rows)
    assert tab.table_page.count_label.text().endswith(f"av {tab.model.rowCount()} händelser")


def test_recolouring_a_ring_is_undoable(qtbot, demo_workspace):
    from finsam_desktop.ui.arshjul.dialogs.categories import CategoriesDialog

    services = demo_workspace.services
    tab = ArshjulTab(UiContext(services, AppEvents(), QUndoGroup()), today=TODAY)
    qtbot.addWidget(tab)
    dialog = CategoriesDialog(services.arshjul.categories.categories())
    qtbot.addWidget(dialog)
    dialog.names[0].setText("Omvärld")
    dialog.set_colour(0, "#123456")
    ((before, after),) = dialog.changed()
    tab.editing.do(
        "Ändra ring",
        lambda: services.arshjul.categories.save_category(after),
        undo=lambda _r: services.arshjul.categories.save_category(before),
        redo=lambda _r: services.arshjul.categories.save_category(after),
    )
    assert tab.view.categories[0].farg == "#123456" and tab.view.categories[0].namn == "Omvärld"
    tab.undo_stack.undo()
    assert tab.view.categories[0] == before


@pytest.mark.parametrize("size", [(1280, 720), (1000, 640)])
def test_wheel_labels_of_the_demo_year_never_overlap_on_screen(qtbot, demo_view, size):
    from tests.domain.test_arshjul_label_layout import overlapping_labels

    wheel = WheelWidget()
    qtbot.addWidget(wheel)
    wheel.resize(*size)
    wheel.set_view(demo_view, TODAY)
    wheel.grab()
    marks = wheel.marks
    height = next(m.label_height for m in marks if m.labelled)
    assert not overlapping_labels(marks, height)
    assert sum(m.labelled for m in marks) / len(marks) > 0.7
