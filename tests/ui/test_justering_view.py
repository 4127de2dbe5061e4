"""The justering sub-tab: highlighting, one-click transitions, and that a justerat § cannot be edited."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoGroup
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox

from finsam_desktop.domain.justering import model as dj
from finsam_desktop.domain.organisation.model import Person
from finsam_desktop.ui.context import UiContext
from finsam_desktop.ui.events import AppEvents
from finsam_desktop.ui.justering.model import DUE_TODAY, OVERDUE
from finsam_desktop.ui.justering.view import JusteringView, create_justering_view

TODAY = date(2026, 11, 22)


@pytest.fixture(autouse=True)
def _no_modal_boxes(monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a, **k: shown.append(text))
    return shown


def _person(services, name):
    return services.forbund.find_person(name) or services.forbund.save_person(Person(0, name, ""))


def protocol(services, day):
    m = services.meetings
    meeting = m.meetings.create_meeting(day, plats="Kommunhuset")
    chair, sec, just = (_person(services, n) for n in ("Eva Forsberg", "Helena Marklund", "Johan Eklund"))
    m.meetings.set_officers(
        meeting.id, ordforande_person_id=chair.id, sekreterare_person_id=sec.id, justerare_person_ids=[just.id]
    )
    item = m.agenda.add_item(meeting.id, "Budgetuppföljning", "beslut", text="Förbundschefen redovisar utfallet.")
    m.paragraphs.add_clause(item.id, "Att lägga informationen till handlingarna.")
    m.meetings.set_status(meeting.id, "protokoll_utkast")
    return meeting.id, item.id


def make_view(qtbot, workspace, today=TODAY) -> tuple[JusteringView, UiContext]:
    ctx = UiContext(workspace.services, AppEvents(), QUndoGroup())
    view = JusteringView(ctx, today=today)
    qtbot.addWidget(view)
    view.resize(1300, 700)
    view.show()
    return view, ctx


def row_of(view, meeting_id):
    return next(r for r in view.model.rows if r.meeting_id == meeting_id and not r.extract_id)


def test_model_passes_qtmodeltester(qtbot, qtmodeltester, workspace):
    protocol(workspace.services, date(2026, 9, 4))
    protocol(workspace.services, date(2026, 10, 2))
    view, _ = make_view(qtbot, workspace)
    assert view.model.rowCount() == 2
    qtmodeltester.check(view.model)
    qtmodeltester.check(view.proxy)


def test_workflow_through_the_buttons(qtbot, workspace):
    s = workspace.services
    mid, _item = protocol(s, date(2026, 11, 13))
    view, ctx = make_view(qtbot, workspace)
    news: list[str] = []
    ctx.events.area_changed.connect(news.append)
    assert view.select(mid)
    assert view.btn_ready.isEnabled() and not view.btn_justera.isEnabled()
    QTest.mouseClick(view.btn_ready, Qt.MouseButton.LeftButton)
    assert row_of(view, mid).status == dj.KLART and view.btn_justera.isEnabled() and view.btn_reopen.isEnabled()
    assert "justering" in news

    view.ask_reason = lambda: "Fel i § 4"
    view.btn_reopen.click()
    assert row_of(view, mid).status == dj.UTKAST
    view.btn_ready.click()

    view.ask_date = lambda title, label, value, hint="", same_day_option=False: (date(2026, 11, 20), False)
    view.btn_justera.click()
    row = row_of(view, mid)
    assert row.status == dj.JUSTERAT and row.justerare == "Johan Eklund"
    assert row.anslag_senast == date(2026, 11, 22) and row.urgency == "idag"  # anslag due today
    view.btn_anslag.click()
    row = row_of(view, mid)
    assert row.status == dj.ANSLAGET and row.anslagsdatum == date(2026, 11, 20)
    assert row.tas_ned_tidigast == date(2026, 12, 12)
    assert not view.btn_down.isEnabled()  # inside the appeal period: not offered
    assert "2026-12-12" in view.btn_down.toolTip()
    history = [view.history.item(i).text() for i in range(view.history.count())]
    assert any("Återöppnat för redigering" in h and "Fel i § 4" in h for h in history)
    assert any("Justerat (2026-11-20)" in h for h in history)


def test_due_today_and_overdue_are_highlighted_and_take_down_is_one_click(qtbot, workspace):
    s = workspace.services
    due, _ = protocol(s, date(2026, 10, 16))
    s.justering.workflow.mark_ready(due)
    s.justering.workflow.justera(due, date(2026, 10, 26), anslagsdatum=date(2026, 10, 26), today=TODAY)
    late, _ = protocol(s, date(2026, 10, 30))
    s.justering.workflow.mark_ready(late)  # justering deadline 2026-11-13 has passed
    calm, _ = protocol(s, date(2026, 11, 20))
    # 2026-10-26 + 21 = 2026-11-16, so the notice may come down from 2026-11-17.
    view, _ = make_view(qtbot, workspace, today=date(2026, 11, 17))
    colours = {r.meeting_id: view.model.data(view.model.index(i, 0), 8) for i, r in enumerate(view.model.rows)}
    assert colours[due].color() == DUE_TODAY
    assert colours[late].color() == OVERDUE
    assert colours[calm] is None
    assert view.model.rows[0].urgency == "forsenad"  # most urgent first
    assert "1 att göra i dag" in view.summary.text() and "1 försenade" in view.summary.text()
    view.select(due)
    assert view.btn_down.isEnabled()
    view.btn_down.click()
    assert due not in [r.meeting_id for r in view.model.rows]  # gone from the active list
    view.show_done.setChecked(True)
    assert row_of(view, due).nedtaget_datum == date(2026, 11, 17)
    assert s.justering.status.events(due)[-1].to_status == dj.NEDTAGET


def test_errors_are_shown_in_swedish_and_nothing_changes(qtbot, workspace, _no_modal_boxes):
    s = workspace.services
    mid, _ = protocol(s, date(2026, 11, 13))
    s.meetings.meetings.set_officers(mid, justerare_person_ids=[])
    s.justering.workflow.mark_ready(mid)
    view, _ = make_view(qtbot, workspace)
    view.select(mid)
    view.ask_date = lambda *a, **k: (date(2026, 11, 20), True)
    view.btn_justera.click()
    assert _no_modal_boxes and "Justerare saknas" in _no_modal_boxes[-1]
    assert row_of(view, mid).status == dj.KLART


def test_read_only_disables_actions(qtbot, workspace, monkeypatch):
    mid, _ = protocol(workspace.services, date(2026, 11, 13))
    monkeypatch.setattr(type(workspace.services), "read_only", property(lambda self: True))
    view, _ = make_view(qtbot, workspace)
    view.select(mid)
    assert not view.btn_ready.isEnabled()


def test_justerat_paragraph_cannot_be_changed_through_the_sammantraden_tab(qtbot, workspace):
    from finsam_desktop.ui.sammantraden.tab import SammantradenTab

    s = workspace.services
    mid, item_id = protocol(s, date(2026, 11, 13))
    s.justering.workflow.mark_ready(mid)
    s.justering.workflow.justera(mid, date(2026, 11, 20), today=TODAY)
    ctx = UiContext(s, AppEvents(), QUndoGroup())
    tab = SammantradenTab(ctx)
    qtbot.addWidget(tab)
    tab.show()
    assert isinstance(tab.justering, JusteringView)  # our view is the tab's sub-tab
    for row, r in enumerate(tab.para_model.rows):
        if r.rubrik == "Budgetuppföljning":
            tab.paragraphs.setCurrentIndex(tab.para_model.index(row, 1))
    assert not tab.editable and tab.editor.rubrik.isReadOnly() and tab.editor.text.isReadOnly()
    tab.editor.rubrik.setFocus()
    QTest.keyClicks(tab.editor.rubrik, "Andrad")
    tab.editor.text.setFocus()
    QTest.keyClicks(tab.editor.text, "Ny text")
    qtbot.wait(50)
    item = s.meetings.agenda.get_item(item_id)
    assert item.rubrik == "Budgetuppföljning" and item.text == "Förbundschefen redovisar utfallet."
    assert all(c.ok for c in s.justering.archive.verify_hashes(mid))


def test_factory_returns_the_view(qtbot, workspace):
    ctx = UiContext(workspace.services, AppEvents(), QUndoGroup())
    w = create_justering_view(ctx)
    qtbot.addWidget(w)
    assert isinstance(w, JusteringView) and w.model.rowCount() == 0


def test_utdrag_publication_style_and_signing_from_the_view(qtbot, workspace, tmp_path, monkeypatch):
    from finsam_desktop.reports.common.signing import create_pkcs12_identity, verify_pdf

    s = workspace.services
    mid, item_id = protocol(s, date(2026, 11, 2))
    number = s.meetings.agenda.get_item(item_id).number
    s.justering.workflow.mark_ready(mid)
    s.justering.workflow.justera(mid, date(2026, 11, 12), anslagsdatum=date(2026, 11, 12), today=TODAY)
    view, _ = make_view(qtbot, workspace)
    view.select(mid)
    assert view.btn_utdrag.isEnabled() and view.btn_publish.isEnabled() and view.btn_sign.isEnabled()
    answers = iter([str(number), "Norrviks kommun"])
    view.ask_text = lambda *a, **k: next(answers)
    view.ask_save_path = lambda title, suggested: str(tmp_path / suggested)
    view.btn_utdrag.click()
    assert (tmp_path / f"utdrag-2026-11-02-{number}.pdf").exists()
    assert [u.mottagare for u in s.justering.utdrag.list_utdrag(mid)] == ["Norrviks kommun"]
    lines = [view.history.item(i).text() for i in range(view.history.count())]
    assert any(f"§ {number} till Norrviks kommun" in line for line in lines)

    view.ask_text = lambda *a, **k: ""
    view.btn_publish.click()
    assert (tmp_path / "protokoll-2026-11-02-webb.pdf").exists()

    view.style_box.setCurrentIndex(view.style_box.findData("sista_overklagandedag"))
    assert s.justering.anslag.takedown_style().value == "sista_overklagandedag"

    p12 = tmp_path / "j.p12"
    p12.write_bytes(create_pkcs12_identity("Johan Eklund", "pw")[0])
    infos: list[str] = []
    view.show_info = infos.append
    view.ask_signing = lambda: (str(p12), "pw", "Justerare")
    view.btn_sign.click()
    assert infos and "Johan Eklund" in infos[0]
    assert verify_pdf(s.justering.archive.protocol_pdf(mid)).intact


def test_omedelbar_justering_from_the_view(qtbot, workspace):
    s = workspace.services
    mid, item_id = protocol(s, date(2026, 11, 13))
    s.meetings.agenda.update_item(item_id, justeras_omedelbart=True)
    number = s.meetings.agenda.get_item(item_id).number
    view, _ = make_view(qtbot, workspace)
    view.select(mid)
    view.ask_text = lambda *a, **k: str(number)
    view.ask_date = lambda *a, **k: (date(2026, 11, 13), False)
    view.btn_omedelbar.click()
    extract = next(r for r in view.model.rows if r.extract_id)
    assert extract.paragrafer == f"§ {number}" and extract.status == dj.JUSTERAT
    assert view.select(mid, extract.extract_id)
    assert view.btn_anslag.isEnabled() and not view.btn_ready.isEnabled()


def test_correction_entered_in_the_view_is_listed_with_both_paragraphs(qtbot, workspace, _no_modal_boxes):
    s = workspace.services
    old_mid, old_item = protocol(s, date(2026, 9, 4))
    s.justering.workflow.mark_ready(old_mid)
    s.justering.workflow.justera(old_mid, date(2026, 9, 14), today=TODAY)
    old_number = s.meetings.agenda.get_item(old_item).number
    new_mid, new_item = protocol(s, date(2026, 10, 9))
    new_number = s.meetings.agenda.get_item(new_item).number
    view, _ = make_view(qtbot, workspace)
    view.select(new_mid)
    assert view.btn_correction.isEnabled()
    answers = iter([str(new_number), f"2026-09-04 § {old_number}", "fel belopp"])
    view.ask_text = lambda *a, **k: next(answers)
    view.btn_correction.click()
    lines = [view.history.item(i).text() for i in range(view.history.count())]
    assert (
        f"Rättelse: Styrelsen 2026-10-09 § {new_number} rättar Styrelsen 2026-09-04 § {old_number} (fel belopp)"
        in lines
    )
    answers = iter([str(new_number), "2026-09-05 § 1", ""])
    view.btn_correction.click()
    assert "ingen § 1 i ett protokoll från 2026-09-05" in _no_modal_boxes[-1]


def test_view_fits_a_laptop_width_and_the_buttons_wrap(qtbot, workspace):
    protocol(workspace.services, date(2026, 11, 13))
    view, _ = make_view(qtbot, workspace)
    assert view.minimumSizeHint().width() <= 1100
    view.resize(1000, 700)
    QTest.qWait(0)
    buttons = (view.btn_ready, view.btn_sign, view.btn_publish, view.btn_anslag_pdf)
    for b in buttons:  # every action stays reachable, none clipped at the right edge
        assert b.isVisible() and b.geometry().right() <= b.parentWidget().width()
    assert view.btn_sign.y() > view.btn_ready.y()  # the export buttons wrapped to a second row
    view.table.setColumnWidth(0, 60)  # columns can be narrowed by the user
    assert view.table.columnWidth(0) == 60
