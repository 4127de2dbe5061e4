"""The Verksamhet tab's Aktiviteter page on the demo förbund (issue 16): the year's aktiviteter with their planned and
present totals, a new one with participants per member (in the table and through the service, undone and redone),
an edit, a removal undone with its participants, a chain of steps undone back to the start, and bad input shown in
the dialog in Swedish with nothing saved."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtGui import QUndoGroup
from PySide6.QtWidgets import QMessageBox

from finsam_desktop import clock
from finsam_desktop.domain.verksamhet.aktiviteter import AktivitetTyp, Format
from finsam_desktop.ui.context import UiContext
from finsam_desktop.ui.events import AppEvents
from finsam_desktop.ui.verksamhet import aktiviteter_page, create_tab

FORUM = "Samverkansforum: Unga med aktivitetsersättning"


@pytest.fixture
def messages(monkeypatch):
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, title, text, *a, **k: shown.append((title, text)))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    return shown


@pytest.fixture
def tab(qtbot, demo_services, messages):
    widget = create_tab(UiContext(demo_services, AppEvents(), QUndoGroup()))
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    widget.tabs.setCurrentWidget(widget.aktiviteter)
    return widget


def _table(tab) -> dict[str, list[str]]:
    """The shown rows by title: every cell's text."""
    m = tab.aktiviteter.model
    return {m.index(r, 2).data(): [m.index(r, c).data() for c in range(m.columnCount())] for r in range(m.rowCount())}


def _select(tab, titel: str) -> None:
    row = list(_table(tab)).index(titel)
    tab.aktiviteter.view.selectRow(row)


def _service_titles(demo_services) -> list[str]:
    return [a.titel for a in demo_services.verksamhet.aktiviteter.list_aktiviteter(2026)]


def test_the_years_aktiviteter_are_listed_with_their_totals(tab):
    rows = _table(tab)
    assert len(rows) == 6
    assert rows[FORUM] == [
        "2026-05-06",
        "Forum",
        FORUM,
        "Samordningsförbundet",
        "Fysiskt",
        "Chefer och handläggare",
        "80",
        "71",
    ]
    # The coming frukostseminarium has no participants yet.
    assert rows["Frukostseminarium: Arbetsgivarnas roll"][6:] == ["60", "–"]
    _select(tab, FORUM)
    details = tab.aktiviteter.details.toPlainText()
    assert "Deltagare per medlem" in details and "Ådalens kommun" in details
    assert tab.aktiviteter.summary.text().startswith("6 aktiviteter 2026")
    # Another year shows its own.
    tab.year_box.setCurrentIndex(tab.year_box.findData(2025))
    earlier = _table(tab)
    assert earlier and FORUM not in earlier and all(row[0].startswith("2025-") for row in earlier.values())
    assert "2025" in tab.aktiviteter.summary.text()


def test_a_held_aktivitet_without_participants_is_marked_in_words(tab, demo_services):
    frukost = "Frukostseminarium: Arbetsgivarnas roll"
    day = date.fromisoformat(_table(tab)[frukost][0])
    assert "saknar deltagare" not in tab.aktiviteter.summary.text()  # still to come: nothing is missing
    clock.pin(day + timedelta(days=1))
    tab.aktiviteter.load()
    assert _table(tab)[frukost][7] == "saknas"
    assert "1 genomförd saknar deltagare" in tab.aktiviteter.summary.text()
    _select(tab, frukost)
    assert "deltagarna är inte registrerade" in tab.aktiviteter.details.toPlainText()
    assert _table(tab)[FORUM][7] == "71"  # recorded ones are unchanged


def _fill_new(dlg) -> None:
    dlg.datum.set_value(date(2026, 10, 8))
    dlg.titel.setText("Utbildning i samordnad individuell plan")
    dlg.typ.setCurrentIndex(dlg.typ.findData(AktivitetTyp.UTBILDNING))
    dlg.arrangor.setText("Förbundet och Region Mellanland")
    dlg.format.setCurrentIndex(dlg.format.findData(Format.DIGITAL))
    dlg.malgrupp.setText("Handläggare")
    dlg.set_count("Ådalens kommun", "10", "8")
    dlg.set_count("Arbetsförmedlingen", "4", "3", "enhet")
    dlg.ovriga.setValue(2)


def test_a_new_aktivitet_with_participants_is_saved_and_undo_removes_it(tab, demo_services, monkeypatch):
    seen = []

    def fill(dlg) -> int:
        _fill_new(dlg)
        seen.append(dlg.totals.text())
        dlg.accept()
        return dlg.result()

    monkeypatch.setattr(aktiviteter_page.AktivitetDialog, "exec", fill)
    tab.aktiviteter.new_btn.click()
    # Planned: the members' 14 (no total typed); present: 8 + 3 members and 2 others.
    assert seen == ["Summa: planerat 14, deltog 13 (medlemmarna och övriga)."]
    titel = "Utbildning i samordnad individuell plan"
    row = _table(tab)[titel]
    assert row == ["2026-10-08", "Utbildning", titel, "Förbundet och Region Mellanland", "Digitalt", "Handläggare"] + [
        "14",
        "13",
    ]
    assert tab.aktiviteter.current().titel == titel  # the new one is marked
    saved = next(a for a in demo_services.verksamhet.aktiviteter.list_aktiviteter(2026) if a.titel == titel)
    assert [(d.member, d.planerat, d.faktiskt, d.anteckning) for d in saved.deltagande] == [
        ("Arbetsförmedlingen", 4, 3, "enhet"),
        ("Ådalens kommun", 10, 8, ""),
    ]
    assert saved.ovriga == 2
    tab.undo_stack.undo()
    assert titel not in _table(tab) and titel not in _service_titles(demo_services)
    tab.undo_stack.redo()
    assert _table(tab)[titel][6:] == ["14", "13"] and titel in _service_titles(demo_services)


def test_an_edit_is_saved_and_undo_restores_it(tab, demo_services, monkeypatch):
    _select(tab, FORUM)
    before = tab.aktiviteter.current()

    def fill(dlg) -> int:
        assert dlg.titel.text() == FORUM
        dlg.titel.setText("Samverkansforum om unga")
        dlg.planerat.setText("90")
        dlg.set_count("Norrviks kommun", "", "20")
        dlg.accept()
        return dlg.result()

    monkeypatch.setattr(aktiviteter_page.AktivitetDialog, "exec", fill)
    tab.aktiviteter.edit_btn.click()
    edited = demo_services.verksamhet.aktiviteter.get(before.id)
    assert edited.titel == "Samverkansforum om unga" and edited.planerat == 90
    assert [d.faktiskt for d in edited.deltagande if d.member == "Norrviks kommun"] == [20]
    assert _table(tab)["Samverkansforum om unga"][6] == "90"
    tab.undo_stack.undo()
    assert demo_services.verksamhet.aktiviteter.get(before.id) == before
    assert FORUM in _table(tab) and "Samverkansforum om unga" not in _table(tab)


def test_a_removal_is_undone_with_its_participants_and_every_step_can_be_undone(tab, demo_services, monkeypatch):
    _select(tab, FORUM)
    before = tab.aktiviteter.current()

    def fill(dlg) -> int:
        dlg.malgrupp.setText("Chefer")
        dlg.accept()
        return dlg.result()

    monkeypatch.setattr(aktiviteter_page.AktivitetDialog, "exec", fill)
    tab.aktiviteter.edit_btn.click()
    _select(tab, FORUM)
    tab.aktiviteter.delete_btn.click()
    assert FORUM not in _table(tab) and FORUM not in _service_titles(demo_services)
    tab.undo_stack.undo()  # the removal
    assert _table(tab)[FORUM][5:] == ["Chefer", "80", "71"]
    tab.undo_stack.undo()  # the edit, on the aktivitet saved again
    restored = next(a for a in demo_services.verksamhet.aktiviteter.list_aktiviteter(2026) if a.titel == FORUM)
    assert restored.malgrupp == "Chefer och handläggare"
    assert [(d.member, d.faktiskt) for d in restored.deltagande] == [(d.member, d.faktiskt) for d in before.deltagande]
    # …and both again.
    tab.undo_stack.redo()
    tab.undo_stack.redo()
    assert FORUM not in _service_titles(demo_services)
    assert tab.undo_stack.index() == 2  # no step was dropped as failed


@pytest.mark.parametrize(
    ("fill", "message"),
    [
        (lambda d: d.titel.setText("  "), "Titel: ange aktivitetens titel."),
        (lambda d: d.set_count("Norrviks kommun", "tolv"), "Planerat antal för Norrviks kommun (rad 5): ”tolv”"),
        (lambda d: d.planerat.setText("-3"), "Planerat antal: antalet kan inte vara negativt."),
        (
            lambda d: (d.datum.set_value(date(2026, 12, 20)), d.set_count("Ådalens kommun", "5", "4")),
            "faktiska deltagare kan anges först när den har ägt rum",
        ),
    ],
)
def test_bad_input_is_shown_in_the_dialog_and_nothing_is_saved(tab, demo_services, monkeypatch, fill, message):
    before = demo_services.verksamhet.aktiviteter.list_aktiviteter(2026)
    shown = []

    def run(dlg) -> int:
        _fill_new(dlg)
        fill(dlg)
        dlg.accept()
        shown.append((dlg.error.text(), dlg.result()))
        return dlg.result()

    monkeypatch.setattr(aktiviteter_page.AktivitetDialog, "exec", run)
    tab.aktiviteter.new_btn.click()
    ((text, result),) = shown
    assert message in text and result == 0  # still open: not accepted
    assert demo_services.verksamhet.aktiviteter.list_aktiviteter(2026) == before
    assert tab.undo_stack.count() == 0 and len(_table(tab)) == 6


def test_a_read_only_file_offers_no_edits(qtbot, demo_services, messages, monkeypatch):
    monkeypatch.setattr(UiContext, "read_only", property(lambda _self: True))
    widget = create_tab(UiContext(demo_services, AppEvents(), QUndoGroup()))
    qtbot.addWidget(widget)
    page = widget.aktiviteter
    assert page.current() is not None
    assert not any(b.isEnabled() for b in (page.new_btn, page.edit_btn, page.delete_btn))
