"""Every table model of the Sammanträden tab through pytest-qt's model tester, on real service data."""

from __future__ import annotations

from datetime import date, time

from PySide6.QtCore import Qt

from finsam_desktop.domain.sammantraden.kinds import AttendanceRole, ItemKind
from finsam_desktop.ui.sammantraden import models
from finsam_desktop.ui.sammantraden.paragraph_model import MIME, ParagraphListModel, ParagraphRow


def _filled(services):
    svc = services.meetings
    m = svc.meetings.create_meeting(date(2026, 12, 18), starttid=time(9), plats="Kommunhuset")
    item = svc.agenda.add_item(
        m.id, "Ansökan om medel för arbetskonsulent", ItemKind.BESLUT, text="Från Ådalens kommun."
    )
    svc.bilagor.add_bilaga(m.id, "Ansökan", "ansokan.pdf", b"%PDF-1.4 test", item_id=item.id)
    clause = svc.paragraphs.add_clause(item.id, "Att uppdra åt förbundschefen att återkomma i januari.")
    svc.uppdrag.add_uppdrag(
        "Återkomma om resekostnader",
        ansvarig="Helena Marklund",
        deadline=date(2027, 1, 20),
        item_id=item.id,
        clause_id=clause.id,
    )
    return m


def test_meeting_search_uppdrag_attendance_and_bilaga_models(qtmodeltester, demo_services):
    m = _filled(demo_services)
    svc = demo_services.meetings

    meeting_model = models.meeting_model()
    meeting_model.set_rows(svc.meetings.list_meetings())
    qtmodeltester.check(meeting_model)
    row = next(r for r in range(meeting_model.rowCount()) if meeting_model.row_at(r).id == m.id)
    assert meeting_model.index(row, 0).data() == "2026-12-18"
    assert meeting_model.index(row, 3).data().startswith("§ ")

    search = models.search_model()
    search.set_rows(svc.search.search("arbetskonsulent"))
    qtmodeltester.check(search)
    assert search.rowCount() >= 1
    assert any("Ansökan om medel för arbetskonsulent" == search.index(r, 2).data() for r in range(search.rowCount()))

    uppdrag = models.uppdrag_model()
    uppdrag.set_rows(svc.uppdrag.list_uppdrag())
    qtmodeltester.check(uppdrag)
    texts = [uppdrag.index(r, 0).data() for r in range(uppdrag.rowCount())]
    assert "Återkomma om resekostnader" in texts

    detail = svc.meetings.get_meeting(m.id)
    attendance = models.attendance_model()
    attendance.set_rows([a for a in detail.attendance if a.roll is AttendanceRole.ORDINARIE])
    qtmodeltester.check(attendance)
    assert attendance.rowCount() == 6

    bilagor = models.bilaga_model()
    bilagor.set_rows(detail.bilagor)
    qtmodeltester.check(bilagor)
    numbers = {bilagor.index(r, 2).data(): bilagor.index(r, 0).data() for r in range(bilagor.rowCount())}
    sizes = {bilagor.index(r, 2).data(): bilagor.index(r, 3).data() for r in range(bilagor.rowCount())}
    # the previous protocol is Bilaga 1, the application follows
    assert numbers == {"Föregående protokoll (PDF skapas)": "1", "ansokan.pdf": "2"}
    assert sizes["ansokan.pdf"] == "13 B"


def test_paragraph_model(qtmodeltester):
    model = ParagraphListModel()
    model.set_rows(
        [
            ParagraphRow(1, "§ 98", "Sammanträdet öppnas", "Information"),
            ParagraphRow(2, "§ 99", "Arbeta med budget", "Beslut", struck=True),
            ParagraphRow(3, "§ 100", "Ansökan från kommunen", "Beslut", warning="Jäv saknas"),
        ]
    )
    qtmodeltester.check(model)
    assert model.index(1, 2).data() == "Utgår"
    assert model.index(1, 1).data(Qt.ItemDataRole.FontRole).strikeOut()
    assert model.index(2, 1).data().startswith("⚠")
    assert "Jäv saknas" in model.index(2, 1).data(Qt.ItemDataRole.ToolTipRole)
    # a drop asks the controller to move; the model itself does not reorder
    moves = []
    model.move_requested.connect(lambda a, b: moves.append((a, b)))
    mime = model.mimeData([model.index(0, 0)])
    assert mime.hasFormat(MIME)
    assert model.dropMimeData(mime, Qt.DropAction.MoveAction, 3, 0, model.index(-1, -1)) is False
    assert moves == [(0, 2)]
    assert [r.item_id for r in model.rows] == [1, 2, 3]
    # locked: no dragging
    model.set_rows(model.rows, movable=False)
    assert not model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsDragEnabled
    assert not model.canDropMimeData(mime, Qt.DropAction.MoveAction, 0, 0, model.index(-1, -1))
