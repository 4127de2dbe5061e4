"""The import dialog shows the guessed column mapping before the import, editable per field; a field with two
equally good columns is highlighted and must be chosen; a field without a column is "(saknas – kontrolleras
inte)" (issue 14, point 2)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from finsam_desktop.ui.internkontroll.stickprov_dialogs import ImportDialog

RAINDANCE = (
    "sep=;\r\nVer.nr;Bokf.datum;Konto;Ansvar;Verksamhet;Leverantör;Fakturanr;Belopp;Beslutsattest\r\n"
    "A-1;2026-03-02;6110;Steget vidare;Arbetsmarknad;Kontorsbolaget AB;F-1;13 500,00;Helena Marklund\r\n"
    "A-2;2026-03-03;6420;Kansli;Arbetsmarknad;Revisionsbyrån;F-2;2 500,00;Eva Forsberg\r\n"
    ";;;;;Summa;;16 000,00;\r\n"
).encode("cp1252")


@pytest.fixture
def dialog(qtbot, demo_services):
    preview = demo_services.internkontroll.stickprov.preview_file(RAINDANCE, "raindance.csv")
    dlg = ImportDialog(preview)
    qtbot.addWidget(dlg)
    return dlg


def test_the_guessed_mapping_is_shown_before_the_import_with_open_and_absent_fields(dialog):
    shown = {name: box.currentText() for name, box in dialog.boxes.items()}
    assert shown == {
        "verifikation": "Ver.nr",
        "datum": "Bokf.datum",
        "belopp": "Belopp",
        "motpart": "Leverantör",
        "konto": "Konto",
        "kostnadsstalle": "(välj kolumn)",
        "fakturanummer": "Fakturanr",
        "attestanter": "Beslutsattest",
        "mottagningsattest": "(saknas – kontrolleras inte)",
        "utanordnare": "(saknas – kontrolleras inte)",
    }
    assert all(box.accessibleName().startswith("Kolumn för ") for box in dialog.boxes.values())
    assert dialog.boxes["kostnadsstalle"].styleSheet() and not dialog.boxes["konto"].styleSheet()
    assert "”Ansvar”, ”Verksamhet”" in dialog.boxes["kostnadsstalle"].accessibleDescription()


def test_an_open_field_must_be_chosen_and_the_choice_is_the_mapping(dialog, monkeypatch):
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: warnings.append(text))
    dialog.accept()
    assert dialog.result() == 0 and "välj kolumn för Kostnadsställe: ”Ansvar”, ”Verksamhet”" in warnings[0]
    box = dialog.boxes["kostnadsstalle"]
    box.setCurrentIndex(box.findData("Ansvar"))
    dialog.accept()
    assert dialog.result_value["kostnadsstalle"] == "Ansvar" and dialog.result_value["konto"] == "Konto"
    assert "mottagningsattest" not in dialog.result_value


def test_choosing_no_column_for_an_open_optional_field_is_allowed_and_a_required_one_is_not(dialog):
    box = dialog.boxes["kostnadsstalle"]
    box.setCurrentIndex(box.findData(""))
    assert "kostnadsstalle" not in dialog._collect()
    dialog.boxes["belopp"].setCurrentIndex(0)
    with pytest.raises(Exception, match="välj en kolumn för Belopp"):
        dialog._collect()


def test_the_dialog_says_the_summa_row_and_renders(dialog, tmp_path):
    from PySide6.QtWidgets import QLabel

    texts = [w.text() for w in dialog.findChildren(QLabel)]
    assert "Rad 5 (”Summa”) är en summarad och lästes inte in." in texts
    assert any("flera kolumner passar för Kostnadsställe" in t for t in texts)
    dialog.resize(1280, 800)
    dialog.show()
    path = tmp_path / "import_dialog.png"
    assert dialog.grab().save(str(path))
    assert path.stat().st_size > 5000
