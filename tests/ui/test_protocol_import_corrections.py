"""The import wizard's corrections beyond the header: närvarande (roll, name, organisation, partial §; add and
remove rows), the att-satser of a § and its jäv notes, made with the keyboard, are what is stored and what the
protocol shows."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QComboBox, QLineEdit

from finsam_desktop.services.justering.protocol_text import extract_text
from finsam_desktop.services.sammantraden.documents import protocol_pdf_bytes
from finsam_desktop.ui.sammantraden.import_dialog import ProtocolImportDialog
from tests.fixtures.protokoll_f1_f2 import SEED_TEXT


def _dialog(qtbot, services):
    dialog = ProtocolImportDialog(services, choose_file=lambda _parent: str(SEED_TEXT))
    qtbot.addWidget(dialog)
    dialog.resize(1280, 800)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)
    return dialog


def _type(qtbot, line, text: str) -> None:
    """Typing (QTest types ASCII only; the rest is inserted as an input method would)."""
    if text.isascii():
        qtbot.keyClicks(line, text)
    else:
        line.insert(text)


def _enter(qtbot, editor, table) -> None:
    """Return in a cell editor; the view commits it on its next turn of the event loop."""
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.state() != QAbstractItemView.State.EditingState)


def _type_into_cell(qtbot, table, row: int, col: int, text: str) -> None:
    """F2 on the cell, select all, type, Return — as a user does."""
    table.setFocus()
    table.setCurrentCell(row, col)
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    line = editor if isinstance(editor, QLineEdit) else editor.lineEdit()
    line.selectAll()
    _type(qtbot, line, text)
    _enter(qtbot, line, table)


def _choose_in_cell(qtbot, table, row: int, col: int, text: str) -> None:
    table.setFocus()
    table.setCurrentCell(row, col)
    qtbot.keyClick(table, Qt.Key.Key_F2)
    box = QApplication.focusWidget()
    assert isinstance(box, QComboBox) and box.accessibleName()
    box.setCurrentIndex(box.findText(text))
    _enter(qtbot, box, table)


def _cells(table, row: int) -> list[str]:
    return [table.item(row, c).text() for c in range(table.columnCount())]


def test_corrected_attendance_att_sats_and_jav_are_stored_and_shown(qtbot, services):
    dialog = _dialog(qtbot, services)
    people = dialog.attendance.table
    assert _cells(people, 5) == ["Ersättare", "Thomas Burman", "Sundsvalls kommun", "", ""]
    # Thomas Burman served (tjänstgörande) for the whole meeting; Jonas Väst's organisation is spelled out.
    _choose_in_cell(qtbot, people, 5, 0, "Tjänstgörande ersättare")
    _type_into_cell(qtbot, people, 1, 2, "Sundsvalls kommun, kommunstyrelsen")
    # Robert Fränberg left after § 122, not § 124.
    _type_into_cell(qtbot, people, 9, 4, "122")
    # Someone the reader missed is added, and Emil Ulander (not there) removed.
    people.setCurrentCell(7, 1)
    qtbot.keyClick(people, Qt.Key.Key_Insert)
    editor = QApplication.focusWidget()
    qtbot.keyClicks(editor, "Karin Ek")
    _enter(qtbot, editor, people)
    _type_into_cell(qtbot, people, 10, 2, "Revisor")
    people.setCurrentCell(7, 1)
    assert people.item(7, 1).text() == "Emil Ulander"
    qtbot.mouseClick(dialog.attendance.remove_button, Qt.MouseButton.LeftButton)
    assert people.rowCount() == 10

    # § 125: the att-sats is corrected and a second one added; Jonas Väst deltog inte i beslutet.
    dialog.paragraphs.setCurrentCell(5, 1)
    dialog.tabs.setCurrentWidget(dialog.detail)
    clauses = dialog.detail.clauses.table
    assert "intern styrning och kontroll" in clauses.item(0, 1).text()
    _type_into_cell(qtbot, clauses, 0, 1, "Att godkänna planen för intern styrning och kontroll 2023.")
    qtbot.mouseClick(dialog.detail.clauses.add_button, Qt.MouseButton.LeftButton)
    editor = QApplication.focusWidget()
    editor.selectAll()
    _type(qtbot, editor, "Att följa upp planen i juni.")
    _enter(qtbot, editor, clauses)
    assert dialog.paragraphs.item(5, 3).text() == "2"
    jav = dialog.detail.jav.table
    qtbot.mouseClick(dialog.detail.jav.add_button, Qt.MouseButton.LeftButton)
    box = QApplication.focusWidget()
    assert isinstance(box, QComboBox) and "Jonas Väst" in [box.itemText(i) for i in range(box.count())]
    box.setCurrentIndex(box.findText("Jonas Väst"))
    _enter(qtbot, box, jav)
    assert _cells(jav, 0) == ["Jonas Väst", "Deltog inte i beslutet"]

    dialog.accept_box.setChecked(True)
    assert dialog.import_button.isEnabled(), dialog.status.text()
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.result is not None

    meetings = services.meetings.meetings
    nov_id = meetings.find_meeting("2022-11-25").id
    nov = meetings.get_meeting(nov_id)
    who = {a.namn: a for a in nov.attendance}
    assert who["Thomas Burman"].roll.value == "tjanstgorande"
    assert who["Jonas Väst"].organisation == "Sundsvalls kommun, kommunstyrelsen"
    assert (who["Karin Ek"].roll.value, who["Karin Ek"].organisation) == ("ovrig", "Revisor")
    assert "Emil Ulander" not in who
    assert who["Robert Fränberg"].range_text == "§ 120–122"
    item = next(i for i in nov.items if i.number == 125)
    assert [c.text for c in item.clauses] == [
        "Att godkänna planen för intern styrning och kontroll 2023.",
        "Att följa upp planen i juni.",
    ]
    assert [(j.namn, j.kind.value) for j in item.jav] == [("Jonas Väst", "deltog_inte_i_beslutet")]
    text = " ".join(extract_text(protocol_pdf_bytes(services, nov_id), "p.pdf").split())
    assert "Att följa upp planen i juni." in text
    assert "Jonas Väst deltog inte i beslutet" in text
    present = text[: text.index("Sammanträdet öppnas")]  # the närvarande lists before the first §
    assert "Karin Ek Revisor" in present and "Emil Ulander" not in present
    assert "Thomas Burman Sundsvalls kommun" in present.split("Tjänstgörande ersättare")[1]


def test_an_unfinished_correction_stops_the_import_with_a_swedish_message(qtbot, services):
    dialog = _dialog(qtbot, services)
    dialog.accept_box.setChecked(True)
    assert dialog.import_button.isEnabled()
    people = dialog.attendance.table
    _type_into_cell(qtbot, people, 9, 3, "tolv")
    assert "inget paragrafnummer" in dialog.status.text()
    _type_into_cell(qtbot, people, 9, 3, "200")
    assert not dialog.import_button.isEnabled()
    _type_into_cell(qtbot, people, 9, 3, "121")
    assert dialog.import_button.isEnabled()
    dialog.paragraphs.setCurrentCell(2, 1)
    dialog.tabs.setCurrentWidget(dialog.detail)
    jav = dialog.detail.jav
    qtbot.mouseClick(jav.add_button, Qt.MouseButton.LeftButton)
    box = QApplication.focusWidget()
    box.setEditText("Okänd Person")
    _enter(qtbot, box, jav.table)
    assert "finns inte bland närvarande" in dialog.status.text()
    assert not dialog.import_button.isEnabled()
    jav.table.setCurrentCell(0, 0)
    qtbot.mouseClick(jav.remove_button, Qt.MouseButton.LeftButton)
    assert dialog.import_button.isEnabled()
    assert services.meetings.meetings.list_meetings() == []


def test_a_jav_for_someone_not_present_is_corrected_before_importing(qtbot, services, tmp_path):
    path = tmp_path / "jav.txt"
    path.write_text(
        "Sammanträdesprotokoll från styrelsemöte\nSammanträdesdatum: 2019-03-01\nPlats: Kansliet\n"
        "Närvarande ledamöter\nAnna Berg\tRegion X\nBo Ek\tKommun Y\n§ 1 Sammanträdet öppnas\nOrdförande öppnar.\n"
        "§ 2 Bidrag till projekt\nStyrelsen beslutade\nAtt bevilja bidraget.\nBo Eck deltog inte i beslutet.\n",
        encoding="utf-8",
    )
    dialog = ProtocolImportDialog(services, choose_file=lambda _parent: str(path))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)
    assert "Rätta först" in dialog.status.text() and "”Bo Eck”" in dialog.status.text()
    dialog.accept_box.setChecked(True)
    assert not dialog.import_button.isEnabled()
    dialog.paragraphs.setCurrentCell(1, 1)
    dialog.tabs.setCurrentWidget(dialog.detail)
    _choose_in_cell(qtbot, dialog.detail.jav.table, 0, 0, "Bo Ek")
    assert dialog.import_button.isEnabled()
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    meetings = services.meetings.meetings
    item = meetings.get_meeting(meetings.find_meeting("2019-03-01").id).items[1]
    assert [(j.namn, j.kind.value) for j in item.jav] == [("Bo Ek", "deltog_inte_i_beslutet")]
