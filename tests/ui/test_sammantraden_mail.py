"""Sammanträden tab, issue 18: "Skicka kallelse…" makes the e-mail with the handlingar in the background and opens it
in the mail program (or saves it); "Spara som…" of the kallelse or protocol offers Word beside PDF; a förbund
without addresses gets a Swedish reason, not a message."""

from __future__ import annotations

import email
from email import policy

from PySide6.QtWidgets import QFileDialog, QMessageBox

from tests.ui.test_sammantraden_tab import _no_modal_boxes, make_tab, meeting  # noqa: F401 - autouse fixture


def _answer(monkeypatch, choice: str) -> list[str]:
    """Message boxes answered with the button named ``choice`` (mnemonic marks aside); returns what they said."""
    told: list[str] = []

    def exec_(box):
        told.extend([box.text(), box.informativeText()])
        next(b for b in box.buttons() if b.text().replace("&", "") == choice).click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    return told


def test_send_kallelse_opens_the_mail_with_the_handlingar_or_saves_it(qtbot, demo_workspace, monkeypatch, tmp_path):
    tab, _ctx = make_tab(qtbot, demo_workspace)
    tab.goto_item(10, None)
    assert tab.send_kallelse.isEnabled()
    opened: list[tuple[str, bytes]] = []
    monkeypatch.setattr(tab.export_ctl, "_open_bytes", lambda name, data: opened.append((name, data)))
    told = _answer(monkeypatch, "Öppna i e-postprogrammet")
    tab.send_kallelse.click()
    qtbot.waitUntil(lambda: len(opened) == 1, timeout=20000)
    name, eml = opened[0]
    assert name == "Kallelse Styrelsen 2026-11-20.eml"
    msg = email.message_from_bytes(eml, policy=policy.default)
    assert len(msg["To"].addresses) == 11
    assert len(list(msg.iter_attachments())) == 7  # the kallelse, five bilagor, the invitation
    said = "\n".join(told)
    assert "till 11 mottagare, 7 bifogade filer" in said and "Nils Wikström" in said
    # Saved instead, where the user chose.
    target = tmp_path / "kallelse.eml"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "E-post (*.eml)"))
    _answer(monkeypatch, "Spara som…")
    tab.send_kallelse.click()
    qtbot.waitUntil(target.exists, timeout=20000)
    assert email.message_from_bytes(target.read_bytes(), policy=policy.default)["X-Unsent"] == "1"


def test_save_as_offers_word_beside_pdf(qtbot, demo_workspace, monkeypatch, tmp_path):
    tab, _ctx = make_tab(qtbot, demo_workspace)
    tab.goto_item(10, None)
    offered: list[str] = []

    def save_as(_parent, _title, _path, filters):
        offered.append(filters)
        return str(tmp_path / "kallelse"), "Word (*.docx)"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    _answer(monkeypatch, "Spara som…")
    tab.export_kallelse.click()
    target = tmp_path / "kallelse.docx"
    qtbot.waitUntil(target.exists, timeout=20000)
    assert offered == ["PDF (*.pdf);;Word (*.docx)"]
    assert target.read_bytes().startswith(b"PK")  # a Word file, not the PDF under another name


def test_send_kallelse_without_addresses_says_why(qtbot, workspace):
    meeting(workspace.services)
    tab, _ctx = make_tab(qtbot, workspace)
    errors: list[str] = []
    tab._error = lambda exc, *a: errors.append(str(exc))
    tab.send_kallelse.click()
    qtbot.waitUntil(lambda: bool(errors), timeout=20000)
    assert errors == [
        "Kallelse med e-post: ingen av de kallade har en e-postadress. Skriv in adresserna under "
        "Arkiv → Förbundet → Personer."
    ]


def test_skicka_nu_sends_over_smtp_and_marks_the_kallelse_sent(qtbot, demo_workspace, monkeypatch):
    from datetime import date

    from aiosmtpd.controller import Controller

    from tests.services.test_smtp_send import Inbox, _free_port

    handler = Inbox()
    controller = Controller(handler, hostname="127.0.0.1", port=_free_port())
    controller.start()
    try:
        demo_workspace.services.smtp.set("127.0.0.1", controller.port, "ingen", sender="kansli@exempelbygden.example")
        tab, _ctx = make_tab(qtbot, demo_workspace)
        tab.goto_item(10, None)
        buttons: list[tuple[str, str]] = []

        def exec_(box):
            buttons.extend((b.text(), b.accessibleName()) for b in box.buttons())
            next(b for b in box.buttons() if b.text() == "Skicka &nu").click()
            return 0

        monkeypatch.setattr(QMessageBox, "exec", exec_)
        tab.send_kallelse.click()
        qtbot.waitUntil(lambda: len(handler.messages) == 1, timeout=20000)
        qtbot.waitUntil(
            lambda: demo_workspace.services.meetings.meetings.get_meeting(10).kallelse_skickad == date(2026, 11, 18),
            timeout=10000,
        )
        ours = [(t, n) for t, n in buttons if "&" in t]  # besides Qt's own "Show Details…"
        keys = [t[t.index("&") + 1].lower() for t, _n in ours]
        assert len(keys) == len(set(keys)) == 4 and all(n for _t, n in ours)
        assert len(list(handler.messages[0][1].iter_attachments())) == 7
    finally:
        controller.stop()


def test_skicka_nu_to_a_server_that_is_down_says_so_and_marks_nothing(qtbot, demo_workspace, monkeypatch):
    demo_workspace.services.smtp.set("127.0.0.1", _free_port_(), "ingen", sender="kansli@exempelbygden.example")
    tab, _ctx = make_tab(qtbot, demo_workspace)
    tab.goto_item(10, None)
    before = demo_workspace.services.meetings.meetings.get_meeting(10).kallelse_skickad
    warned: list[tuple[str, str]] = []
    _answer(monkeypatch, "Skicka nu")
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, title, text: warned.append((title, text)))
    tab.send_kallelse.click()
    qtbot.waitUntil(lambda: bool(warned), timeout=20000)
    assert warned[0][0] == "Kallelsen skickades inte"
    assert "svarar inte" in warned[0][1]
    assert demo_workspace.services.meetings.meetings.get_meeting(10).kallelse_skickad == before


def _free_port_() -> int:
    from tests.services.test_smtp_send import _free_port

    return _free_port()
