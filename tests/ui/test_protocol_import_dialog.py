"""Arkiv → Importera protokoll…: the wizard shows what was recognised beside the source text, lets the user correct
a § heading and the header, lists what could not be placed, and stores only on Importera after acceptance."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QComboBox, QLineEdit, QListWidget, QPlainTextEdit, QTableWidget
from test_keyboard import page_keys

from finsam_desktop.ui.sammantraden.import_dialog import ProtocolImportDialog
from tests.fixtures.protokoll_f1_f2 import SEED_TEXT


def _dialog(qtbot, services, path=SEED_TEXT):
    dialog = ProtocolImportDialog(services, choose_file=lambda _parent: str(path))
    qtbot.addWidget(dialog)
    dialog.resize(1280, 800)
    dialog.show()
    qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)
    return dialog


def test_recognised_meetings_are_shown_and_stored_only_after_acceptance(qtbot, services, tmp_path):
    dialog = _dialog(qtbot, services)
    assert dialog.meeting_combo.count() == 2
    assert dialog.meeting_combo.itemText(0) == "Sammanträdet 2022-11-25 (§ 120–146)"
    assert dialog.paragraphs.rowCount() == 27
    assert dialog.paragraphs.item(9, 2).text() == "6, 7"  # § 129 (Bilaga 6 och 7)
    assert dialog.attendance.table.rowCount() == 10
    assert "Sammanträdesprotokoll" in dialog.source.toPlainText()
    assert dialog.unplaced.item(0).text().startswith("rad 146:")
    assert not dialog.import_button.isEnabled()
    # The source's takedown date is not the rule's: a warning naming both, the import is not stopped by it.
    assert dialog.warning_label.isVisible()
    assert "tas ned 2022-12-26" in dialog.warning_label.text() and "2022-12-28" in dialog.warning_label.text()
    assert "varning om anslagets datum" in dialog.status.text()
    # Choosing § 124 shows its place in the source text.
    dialog.paragraphs.setCurrentCell(4, 1)
    assert dialog.source.textCursor().blockNumber() == 140
    # Corrections: a § heading and the place of the October meeting.
    dialog.paragraphs.item(1, 1).setText("Fastställande av dagordningen")
    dialog.meeting_combo.setCurrentIndex(1)
    assert dialog.date_edit.text() == "2022-10-21" and dialog.just_edit.text() == "Lina Kempe"
    dialog.place_edit.clear()
    qtbot.keyClicks(dialog.place_edit, "Busbacken, rum 654 a")
    assert services.meetings.meetings.list_meetings() == []
    dialog.accept_box.setChecked(True)
    assert dialog.import_button.isEnabled()
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.result is not None and len(dialog.result.meeting_ids) == 2
    nov = services.meetings.meetings.find_meeting("2022-11-25")
    assert services.meetings.meetings.get_meeting(nov.id).items[1].rubrik == "Fastställande av dagordningen"
    assert services.meetings.meetings.find_meeting("2022-10-21").plats == "Busbacken, rum 654 a"


def test_a_garbled_file_lists_problems_and_cannot_be_imported(qtbot, services, tmp_path):
    junk = tmp_path / "junk.txt"
    junk.write_text("bara text\nutan protokoll\n", encoding="utf-8")
    dialog = _dialog(qtbot, services, junk)
    assert dialog.meeting_combo.count() == 0
    texts = [dialog.unplaced.item(i).text() for i in range(dialog.unplaced.count())]
    assert any("Sammanträdesprotokoll" in t for t in texts) and any(t.startswith("rad 1–2") for t in texts)
    assert "kan inte importeras" in dialog.status.text()
    dialog.accept_box.setChecked(True)
    assert not dialog.import_button.isEnabled()
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x81\x8d")
    dialog._choose = lambda _parent: str(bad)
    qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)
    assert "tecken som inte går att läsa" in dialog.status.text()
    assert services.meetings.meetings.list_meetings() == []


def test_a_duplicate_is_refused_in_the_dialog(qtbot, services):
    services.justering.protocol_import.import_protocols(SEED_TEXT.read_bytes(), "p.txt", accept_unplaced=True)
    dialog = _dialog(qtbot, services)
    dialog.accept_box.setChecked(True)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.result is None and "finns redan ett sammanträde" in dialog.status.text()
    assert dialog.isVisible()


def test_every_control_has_an_accessible_name_and_mnemonics_are_unique(qtbot, services):
    dialog = _dialog(qtbot, services)
    controls = dialog.findChildren(QAbstractButton) + dialog.findChildren(QComboBox) + dialog.findChildren(QLineEdit)
    controls += (
        dialog.findChildren(QTableWidget) + dialog.findChildren(QListWidget) + dialog.findChildren(QPlainTextEdit)
    )
    controls = [c for c in controls if not c.objectName().startswith("qt_") and not isinstance(c.parent(), QComboBox)]
    assert all(c.accessibleName() for c in controls), [type(c).__name__ for c in controls if not c.accessibleName()]
    problems, seen = [], 0
    for index in range(dialog.tabs.count()):  # letters count per shown tab page
        dialog.tabs.setCurrentIndex(index)
        owners, keyless = page_keys(dialog)
        seen += len(owners)
        problems += [f"flik {index}: ingen snabbtangent: {item}" for item in keyless]
        problems += [f"flik {index}: {key} delas av {n}" for key, n in sorted(owners.items()) if len(n) > 1]
    assert not problems, "\n".join(problems)
    assert seen >= 3 * 16


def test_render_at_1280x800(qtbot, services, tmp_path):
    dialog = _dialog(qtbot, services)
    dialog.paragraphs.setCurrentCell(12, 1)
    assert not dialog.grab().isNull()
    dialog.grab().save(str(tmp_path / "import.png"))


def test_a_missing_date_is_typed_in_before_importing(qtbot, services, tmp_path):
    path = tmp_path / "utan-datum.txt"
    path.write_text(
        "Sammanträdesprotokoll från styrelsemöte\nPlats: Kansliet\n§ 1 Sammanträdet öppnas\nOrdförande öppnar.\n"
        "§ 2 Sammanträdet avslutas\nOrdförande avslutar.\n",
        encoding="utf-8",
    )
    dialog = _dialog(qtbot, services, path)
    assert not dialog.import_button.isEnabled()
    qtbot.keyClicks(dialog.date_edit, "2019-13-01")
    assert "inget datum" in dialog.status.text() and not dialog.import_button.isEnabled()
    dialog.date_edit.clear()
    qtbot.keyClicks(dialog.date_edit, "2019-03-01")
    assert dialog.import_button.isEnabled()
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    m = services.meetings.meetings.find_meeting("2019-03-01")
    assert (m.first_paragraph, m.last_paragraph, m.status.value) == (1, 2, "justerat")
