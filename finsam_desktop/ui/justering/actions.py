"""The actions of the justering view: one slot per button (klart för justering, justera, anslå, ta ned,
omedelbar justering, rättelse, PDFs, utdrag, publiceringsversion, digital underskrift). Transitions are legal
acts: they are logged by the service, not undone."""

from __future__ import annotations

from pathlib import Path

from finsam_desktop.domain.common.errors import FinsamError
from finsam_desktop.domain.justering import model as dj
from finsam_desktop.ui.context import UiContext
from finsam_desktop.ui.justering.model import date_text

AREA = "justering"


class JusteringActions:
    """Slots of the justering view's buttons; ``view`` is the ``JusteringView`` (selection, dialogs, reload)."""

    def __init__(self, ctx: UiContext, view) -> None:
        self.ctx = ctx
        self.view = view

    def connect(self) -> None:
        v = self.view
        v.btn_ready.clicked.connect(self._on_ready)
        v.btn_reopen.clicked.connect(self._on_reopen)
        v.btn_justera.clicked.connect(self._on_justera)
        v.btn_anslag.clicked.connect(self._on_anslag)
        v.btn_down.clicked.connect(self._on_take_down)
        v.btn_anslag_pdf.clicked.connect(self._on_anslag_pdf)
        v.btn_protocol_pdf.clicked.connect(self._on_protocol_pdf)
        v.btn_omedelbar.clicked.connect(self._on_omedelbar)
        v.btn_correction.clicked.connect(self._on_correction)
        v.btn_utdrag.clicked.connect(self._on_utdrag)
        v.btn_publish.clicked.connect(self._on_publish)
        v.btn_sign.clicked.connect(self._on_sign)
        v.style_box.currentIndexChanged.connect(self._on_style)

    def _run(self, fn) -> bool:
        try:
            fn()
        except FinsamError as exc:
            self.view.show_error(str(exc))
            return False
        self.view._emitting = True
        try:
            self.ctx.events.area_changed.emit(AREA)
        finally:
            self.view._emitting = False
        self.view.reload()
        return True

    def _on_ready(self) -> None:
        row = self.view.current()
        if row:
            self._run(lambda: self.ctx.services.justering.workflow.mark_ready(row.meeting_id))

    def _on_reopen(self) -> None:
        row = self.view.current()
        if not row:
            return
        reason = self.view.ask_reason()
        if reason is None:
            return
        self._run(lambda: self.ctx.services.justering.workflow.reopen(row.meeting_id, reason))

    def _on_justera(self) -> None:
        row = self.view.current()
        if not row:
            return
        default = min(self.view.today, row.justering_senast)
        answer = self.view.ask_date(
            "Registrera justering",
            "Justeringsdatum",
            default,
            f"Justeras senast {row.justering_senast.isoformat()} (KL 5:69). Justerare och "
            "ordförande hämtas från protokollet; innehållet låses och en kontrollsumma sparas.",
            same_day_option=True,
        )
        if answer is None:
            return
        day, same = answer
        self._run(
            lambda: self.ctx.services.justering.workflow.justera(
                row.meeting_id, day, anslagsdatum=day if same else None, today=self.view.today
            )
        )

    def _on_anslag(self) -> None:
        row = self.view.current()
        if not row:
            return
        answer = self.view.ask_date(
            "Registrera anslag",
            "Anslagsdatum",
            self.view.today,
            f"Anslås senast {date_text(row.anslag_senast)} (KL 8:12).",
        )
        if answer is None:
            return
        day = answer[0]
        if row.extract_id:
            self._run(
                lambda: self.ctx.services.justering.omedelbar.post_anslag_omedelbart(
                    row.extract_id, day, today=self.view.today
                )
            )
        else:
            self._run(
                lambda: self.ctx.services.justering.anslag.post_anslag(row.meeting_id, day, today=self.view.today)
            )

    def _on_take_down(self) -> None:
        row = self.view.current()
        if not row:
            return
        if row.extract_id:
            self._run(
                lambda: self.ctx.services.justering.omedelbar.take_down_omedelbart(
                    row.extract_id, self.view.today, today=self.view.today
                )
            )
        else:
            self._run(
                lambda: self.ctx.services.justering.anslag.take_down(
                    row.meeting_id, self.view.today, today=self.view.today
                )
            )

    def _save(self, title: str, suggested: str, produce) -> None:
        path = self.view.ask_save_path(title, suggested)
        if not path:
            return
        try:
            Path(path).write_bytes(produce())
        except (FinsamError, OSError) as exc:
            self.view.show_error(str(exc))

    def _on_anslag_pdf(self) -> None:
        row = self.view.current()
        if row:
            self._save(
                "Spara anslag",
                f"anslag-{row.datum.isoformat()}.pdf",
                lambda: self.ctx.services.justering.anslag.anslag_pdf(row.meeting_id, extract_id=row.extract_id),
            )

    def _on_protocol_pdf(self) -> None:
        row = self.view.current()
        if row:
            if row.extract_id:
                self._save(
                    "Spara protokollsutdrag",
                    f"protokollsutdrag-{row.datum.isoformat()}-omedelbart.pdf",
                    lambda: self.ctx.services.justering.omedelbar.omedelbar_pdf(row.extract_id),
                )
                return
            self._save(
                "Spara protokoll",
                f"protokoll-{row.datum.isoformat()}.pdf",
                lambda: self.ctx.services.justering.archive.protocol_pdf(row.meeting_id),
            )

    def _on_style(self) -> None:
        value = self.view.style_box.currentData()
        if value and value != self.ctx.services.justering.anslag.takedown_style().value:
            self._run(lambda: self.ctx.services.justering.anslag.set_takedown_style(value))

    def _paragraphs(self, title: str, label: str, default: str = "", allow_empty: bool = False) -> list[int] | None:
        text = self.view.ask_text(title, label, default)
        if text is None or (allow_empty and not text.strip()):
            return [] if text is not None else None
        try:
            return dj.parse_paragraph_list(text)
        except ValueError as exc:
            self.view.show_error(str(exc))
            return None

    def _on_omedelbar(self) -> None:
        row = self.view.current()
        if not row:
            return
        paragraphs = self._paragraphs(
            "Justera omedelbart", "Paragrafer som justeras omedelbart (t.ex. 132 eller 132,134):"
        )
        if not paragraphs:
            return
        answer = self.view.ask_date("Justera omedelbart", "Justeringsdatum", min(self.view.today, row.datum))
        if answer is None:
            return
        self._run(
            lambda: self.ctx.services.justering.omedelbar.justera_omedelbart(
                row.meeting_id, paragraphs, answer[0], today=self.view.today
            )
        )

    def _on_correction(self) -> None:
        row = self.view.current()
        if not row:
            return
        paragraphs = self._paragraphs("Rättelse", "Paragraf i detta protokoll som rättar ett tidigare beslut:")
        if not paragraphs:
            return
        corrects = self.view.ask_text(
            "Rättelse", "Beslutet som rättas (sammanträdets datum och paragraf, t.ex. 2026-09-04 § 4):"
        )
        if not corrects:
            return
        note = self.view.ask_text("Rättelse", "Anteckning (visas vid båda paragraferna):")
        if note is None:
            return
        self._run(
            lambda: self.ctx.services.justering.corrections.add_correction_by_reference(
                row.meeting_id, paragraphs[0], corrects, note
            )
        )

    def _on_utdrag(self) -> None:
        row = self.view.current()
        if not row:
            return
        default = row.paragrafer.replace("§", "").strip() if row.extract_id else ""
        paragraphs = self._paragraphs("Protokollsutdrag", "Paragrafer (t.ex. 132 eller 132,134-135):", default)
        if not paragraphs:
            return
        mottagare = self.view.ask_text("Protokollsutdrag", "Till (mottagare, sparas i utdragsregistret):")
        if mottagare is None:
            return
        suffix = "-".join(str(n) for n in paragraphs[:3])
        self._save(
            "Spara protokollsutdrag",
            f"utdrag-{row.datum.isoformat()}-{suffix}.pdf",
            lambda: self.ctx.services.justering.utdrag.utdrag_pdf(row.meeting_id, paragraphs, mottagare=mottagare),
        )
        self.view.reload()

    def _on_publish(self) -> None:
        row = self.view.current()
        if not row:
            return
        omit = self._paragraphs(
            "Publiceringsversion",
            "Paragrafer som inte publiceras (tomt = alla publiceras; "
            "personnummer och namn i jävsanteckningar maskeras alltid):",
            allow_empty=True,
        )
        if omit is None:
            return
        choice = dj.RedactionChoice(paragraphs=frozenset(omit))
        self._save(
            "Spara publiceringsversion",
            f"protokoll-{row.datum.isoformat()}-webb.pdf",
            lambda: self.ctx.services.justering.publication.publication_pdf(row.meeting_id, choice),
        )

    def _on_sign(self) -> None:
        row = self.view.current()
        if not row:
            return
        answer = self.view.ask_signing()
        if answer is None:
            return
        path, password, role = answer
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            self.view.show_error(f"Certifikatfilen kunde inte läsas: {exc}")
            return
        result: list[list[str]] = []
        if self._run(
            lambda: result.append(self.ctx.services.justering.archive.sign(row.meeting_id, data, password, role))
        ):
            self.view.show_info("Underskriven. Underskrifter hittills: " + ", ".join(result[0]) + ".")
