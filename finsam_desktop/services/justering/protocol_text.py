"""The text of a protocol file to import: PDF (pypdf), Word (.docx, python-docx, tables as tab-separated rows) or
plain text (UTF-8, else Windows-1252; CR and CRLF line ends made LF). Anything unreadable gives a Swedish message."""

from __future__ import annotations

import io
from contextlib import suppress
from pathlib import PurePath

from finsam_desktop.domain.common.errors import ValidationError

FIELD = "Protokollfil"
SUFFIXES = (".pdf", ".docx", ".txt")


def normalise(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\x0c", "\n").replace("\u00a0", " ")


def decode_text(data: bytes, filename: str = "") -> str:
    """UTF-8 (with or without BOM), else Windows-1252 (what older Word/Notepad files on Swedish Windows use)."""
    if b"\x00" in data[:4096]:
        if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
            with suppress(UnicodeDecodeError):
                return normalise(data.decode("utf-16"))
        raise ValidationError(f"{filename or 'filen'} är ingen textfil (den innehåller binära data).", FIELD)
    with suppress(UnicodeDecodeError):
        return normalise(data.decode("utf-8-sig"))
    try:
        return normalise(data.decode("cp1252"))
    except UnicodeDecodeError as exc:
        raise ValidationError(
            f"{filename or 'filen'} innehåller ett tecken som inte går att läsa (byte 0x{data[exc.start]:02X} på "
            f"position {exc.start}). Spara filen som UTF-8 och försök igen.",
            FIELD,
        ) from None


def _pdf_text(data: bytes, filename: str) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise ValidationError(f"{filename} är lösenordsskyddad; spara en kopia utan lösenord.", FIELD)
        pages = [page.extract_text() or "" for page in reader.pages]
    except ValidationError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise ValidationError(f"{filename} gick inte att läsa som PDF ({exc.__class__.__name__}).", FIELD) from None
    text = "\n".join(pages)
    if not text.strip():
        raise ValidationError(
            f"{filename} innehåller ingen text (troligen en inskannad bild). Kör textigenkänning (OCR) först.", FIELD
        )
    return normalise(text)


def _docx_text(data: bytes, filename: str) -> str:
    import zipfile

    from docx import Document
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        doc = Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise ValidationError(
            f"{filename} gick inte att läsa som Word-fil ({exc.__class__.__name__}).", FIELD
        ) from None
    out: list[str] = []
    for child in doc.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            out.append(Paragraph(child, doc).text)
        elif tag == "tbl":
            for row in Table(child, doc).rows:
                cells: list[str] = []
                for cell in row.cells:
                    t = cell.text.strip()
                    if not cells or cells[-1] != t:  # merged cells repeat their text
                        cells.append(t)
                out.append("\t".join(cells))
            out.append("")
    return normalise("\n".join(out))


def extract_text(data: bytes, filename: str) -> str:
    """The text of ``data`` read according to the file name's suffix."""
    suffix = PurePath(filename).suffix.lower()
    if not data:
        raise ValidationError(f"{filename} är tom.", FIELD)
    if suffix == ".pdf":
        return _pdf_text(data, filename)
    if suffix == ".docx":
        return _docx_text(data, filename)
    if suffix in (".txt", ".text", ".md", ""):
        return decode_text(data, filename)
    raise ValidationError(
        f"{filename}: filtypen ”{suffix}” kan inte importeras; välj en PDF-, Word- (.docx) eller textfil.", FIELD
    )
