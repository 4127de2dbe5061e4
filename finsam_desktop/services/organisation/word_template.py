"""The förbund's own Word template (.dotx or .docx: its styles, margins, header with the logo) for the documents the
program writes as Word files. Kept in the data file (one file = one backup), checked when it is set: a file Word
cannot open as a template is refused with the reason, and nothing is changed."""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass

from sqlalchemy.orm import Session

from finsam_desktop.domain.common.errors import ValidationError, clip
from finsam_desktop.persistence.database import Database
from finsam_desktop.persistence.models import Setting
from finsam_desktop.services.audit import record

KEY = "word_mall"
MAX_BYTES = 10 * 1024 * 1024
FIELD = "Word-mall"


@dataclass(frozen=True)
class WordTemplate:
    filnamn: str
    sha256: str
    data: bytes

    @property
    def size(self) -> int:
        return len(self.data)


def word_template_in(s: Session) -> WordTemplate | None:
    row = s.get(Setting, KEY)
    if row is None:
        return None
    value = json.loads(row.value)
    return WordTemplate(value["filnamn"], value["sha256"], base64.b64decode(value["data"]))


class WordTemplateService:
    def __init__(self, db: Database):
        self.db = db

    def get(self) -> WordTemplate | None:
        with self.db.session() as s:
            return word_template_in(s)

    def data(self) -> bytes | None:
        template = self.get()
        return template.data if template else None

    def set(self, filnamn: str, data: bytes) -> WordTemplate:
        """Check the file (a Word document or template whose styles a document can be written with), then keep it."""
        from finsam_desktop.reports.common.word import TemplateError, check_template

        if not data:
            raise ValidationError(f"filen ”{clip(filnamn)}” är tom.", FIELD)
        if len(data) > MAX_BYTES:
            raise ValidationError(f"filen ”{clip(filnamn)}” är större än {MAX_BYTES // 1024 // 1024} MB.", FIELD)
        try:
            check_template(data)
        except TemplateError as exc:
            raise ValidationError(f"”{clip(filnamn)}” {exc}", FIELD) from None
        template = WordTemplate(filnamn, hashlib.sha256(data).hexdigest(), data)
        value = json.dumps(
            {"filnamn": filnamn, "sha256": template.sha256, "data": base64.b64encode(data).decode("ascii")}
        )
        with self.db.session() as s:
            row = s.get(Setting, KEY)
            if row is None:
                s.add(Setting(key=KEY, value=value))
            else:
                row.value = value
            record(s, "word-mall satt", "setting", None, f"{filnamn} ({len(data)} byte, sha256 {template.sha256[:12]})")
        return template

    def remove(self) -> None:
        with self.db.session() as s:
            row = s.get(Setting, KEY)
            if row is not None:
                s.delete(row)
                record(s, "word-mall borttagen", "setting", None, "")
