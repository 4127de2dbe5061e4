"""The kallelse and protokoll PDFs (made in the background, then opened or saved as PDF or Word) and the kallelse
by e-mail (an .eml with the handlingar and a calendar invitation, opened in the user's mail program to send)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QMessageBox

from finsam_desktop.domain.common.errors import FinsamError
from finsam_desktop.domain.sammantraden.kinds import MeetingStatus
from finsam_desktop.services.sammantraden.documents import protocol_pdf_bytes
from finsam_desktop.ui.sammantraden import models as m
from finsam_desktop.ui.sammantraden.controller import TabController
from finsam_desktop.ui.widgets.background import run_in_background


class ExportController(TabController):
    """Makes a PDF in the background and offers to open or save it."""

    # --- exports ----------------------------------------------------------------------------------
    def _export(self, kind: str) -> None:
        if self.tab.detail is None:
            return
        self.tab._autosave.flush()
        mt = self.tab.detail.meeting
        mid = mt.id
        if kind == "kallelse":
            fn, label, name = (
                (lambda: self.svc.documents.kallelse_pdf(mid)),
                "Skapar kallelsen…",
                f"Kallelse {mt.title}.pdf",
            )
        else:
            services = self.ctx.services
            fn, label = (lambda: protocol_pdf_bytes(services, mid)), "Skapar protokollet…"
            final = mt.status in (MeetingStatus.JUSTERAT, MeetingStatus.ANSLAGET, MeetingStatus.ANSLAG_NEDTAGET)
            name = f"Protokoll {mt.title}{'' if final or not mt.numbered else ' UTKAST'}.pdf"
        run_in_background(self.tab, label, fn, lambda data: self._offer_pdf(name, data, kind, mid), self.tab._error)

    def _word(self, kind: str, meeting_id: int) -> bytes:
        docs = self.svc.documents
        return docs.kallelse_docx(meeting_id) if kind == "kallelse" else docs.protocol_docx(meeting_id)

    def _offer_pdf(self, name: str, data: bytes, kind: str = "", meeting_id: int | None = None) -> None:
        box = QMessageBox(self.tab)
        box.setWindowTitle("PDF klar")
        box.setText(f"{name} är klar ({m.size_text(len(data))}).")
        open_b = box.addButton("Öppna", QMessageBox.ButtonRole.AcceptRole)
        save_b = box.addButton("Spara som…", QMessageBox.ButtonRole.ActionRole)
        box.addButton("Stäng", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(open_b)
        box.exec()
        if box.clickedButton() is open_b:
            self._open_bytes(name, data)
        elif box.clickedButton() is save_b:
            word = bool(kind) and meeting_id is not None
            filters = "PDF (*.pdf);;Word (*.docx)" if word else "PDF (*.pdf)"
            path, chosen = QFileDialog.getSaveFileName(self.tab, "Spara som", str(Path.home() / name), filters)
            if not path:
                return
            if word and (path.lower().endswith(".docx") or chosen.startswith("Word")):
                path = path if path.lower().endswith(".docx") else str(Path(path).with_suffix(".docx"))
                try:
                    data = self._word(kind, meeting_id)
                except FinsamError as exc:
                    self.tab._error(exc)
                    return
            self._save(path, data)

    def _save(self, path: str, data: bytes) -> None:
        try:
            Path(path).write_bytes(data)
        except OSError as exc:
            self.tab._error(FinsamError(f"Kunde inte spara {path}: {exc.strerror or exc}"))
            return
        self.tab._status(f"Sparad: {path}")

    # --- the kallelse by e-mail -------------------------------------------------------------------
    def _send_kallelse(self) -> None:
        if self.tab.detail is None:
            return
        self.tab._autosave.flush()
        mid = self.tab.detail.meeting.id
        mail = self.svc.mail
        run_in_background(
            self.tab, "Skapar e-postmeddelandet…", lambda: mail.kallelse_mail(mid), self._offer_mail, self.tab._error
        )

    def _offer_mail(self, draft) -> None:
        smtp = self.tab.ctx.services.smtp.get()
        box = QMessageBox(self.tab)
        box.setWindowTitle("Kallelse med e-post")
        box.setText(
            f"Meddelandet ”{draft.subject}” är klart: till {len(draft.recipients)} mottagare, "
            f"{len(draft.attachments)} bifogade filer ({m.size_text(draft.size)})."
        )
        box.setInformativeText(
            "\n\n".join(
                [
                    *draft.notes,
                    "Det öppnas i ditt e-postprogram (Outlook, Thunderbird …), där du läser igenom och skickar."
                    if smtp is None
                    else f"Skicka nu skickar det direkt via {smtp.host} och registrerar kallelsen som skickad; "
                    "du kan också öppna det i ditt e-postprogram och skicka därifrån.",
                ]
            )
        )
        box.setDetailedText("\n".join(["Till:", *draft.recipients, "", "Bifogat:", *draft.attachments]))
        send_b = None
        if smtp is not None:
            send_b = box.addButton("Skicka &nu", QMessageBox.ButtonRole.AcceptRole)
            send_b.setAccessibleName(f"Skicka nu via {smtp.host}")
        open_b = box.addButton("Ö&ppna i e-postprogrammet", QMessageBox.ButtonRole.AcceptRole)
        open_b.setAccessibleName("Öppna i e-postprogrammet")
        save_b = box.addButton("Spara s&om…", QMessageBox.ButtonRole.ActionRole)
        save_b.setAccessibleName("Spara som .eml")
        close_b = box.addButton("S&täng", QMessageBox.ButtonRole.RejectRole)
        close_b.setAccessibleName("Stäng")
        box.setDefaultButton(send_b or open_b)
        box.exec()
        if send_b is not None and box.clickedButton() is send_b:
            self._send_now(smtp, draft)
        elif box.clickedButton() is open_b:
            self._open_bytes(draft.filename, draft.eml)
        elif box.clickedButton() is save_b:
            path, _ = QFileDialog.getSaveFileName(
                self.tab, "Spara e-postmeddelandet", str(Path.home() / draft.filename), "E-post (*.eml)"
            )
            if path:
                self._save(path, draft.eml)

    def _send_now(self, smtp, draft) -> None:
        """Send over the SMTP setting in the background; the kallelse is marked sent only when it went out."""
        from finsam_desktop.services.organisation.smtp import needs_password

        password = None
        if needs_password(smtp):
            password, ok = QInputDialog.getText(
                self.tab,
                "Lösenord för e-postservern",
                f"Lösenord för {smtp.user} på {smtp.host} (sparas inte):",
                QLineEdit.EchoMode.Password,
            )
            if not ok:
                return
        mid = self.tab.detail.meeting.id
        mail = self.svc.mail
        run_in_background(
            self.tab,
            f"Skickar kallelsen via {smtp.host}…",
            lambda: mail.send_kallelse(mid, password, draft),
            self._sent,
            self._send_failed,
        )

    def _sent(self, result) -> None:
        self.tab._status(f"{result.text()} Kallelsen är registrerad som skickad.")
        if result.refused:
            QMessageBox.warning(self.tab, "Alla fick inte kallelsen", result.text())
        self.tab.meeting_loader._refresh()
        self.tab._changed()

    def _send_failed(self, exc: Exception) -> None:
        QMessageBox.warning(self.tab, "Kallelsen skickades inte", str(exc))

    def _open_bytes(self, name: str, data: bytes) -> None:
        folder = Path(tempfile.mkdtemp(prefix="finsam-"))
        path = folder / Path(name).name
        path.write_bytes(data)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
