"""A laptop that loses the shared database server (issue 17): the autosaved text is kept, the user is told, and
it is saved when the server answers again."""

from __future__ import annotations

from PySide6.QtWidgets import QPlainTextEdit, QWidget

from finsam_desktop.domain.common.errors import ConnectionLostError
from finsam_desktop.ui.sammantraden import autosave


def test_text_typed_while_the_server_is_away_is_saved_when_it_answers(qtbot, monkeypatch):
    monkeypatch.setattr(autosave, "RETRY_MS", 50)
    owner = QWidget()
    qtbot.addWidget(owner)
    edit = QPlainTextEdit(owner)
    stored: dict = {}
    errors: list[str] = []
    server = {"up": False}

    def save(key, text):
        if not server["up"]:
            raise ConnectionLostError("Databasservern svarar inte (kansli-db).")
        stored[key] = text

    saver = autosave.Autosaver(owner, save, on_error=lambda _k, exc: errors.append(str(exc)), delay_ms=10)
    saver.watch(edit, lambda: ("item", 1, "text"))
    edit.setPlainText("Beslutet skrevs på tåget.")
    saver.flush()
    assert errors == ["Databasservern svarar inte (kansli-db)."]
    assert saver.has_pending()  # kept, not dropped
    assert edit.toPlainText() == "Beslutet skrevs på tåget."

    server["up"] = True
    qtbot.waitUntil(lambda: stored.get(("item", 1, "text")) == "Beslutet skrevs på tåget.", timeout=3000)
    assert not saver.has_pending()


def test_other_errors_are_reported_and_not_retried(qtbot):
    owner = QWidget()
    qtbot.addWidget(owner)
    edit = QPlainTextEdit(owner)
    calls: list[str] = []

    def save(_key, text):
        calls.append(text)
        raise ValueError("regel")

    saver = autosave.Autosaver(owner, save, on_error=lambda *_a: None, delay_ms=10)
    saver.watch(edit, lambda: ("item", 1, "text"))
    edit.setPlainText("x")
    saver.flush()
    qtbot.wait(100)
    assert calls == ["x"] and not saver.has_pending()
