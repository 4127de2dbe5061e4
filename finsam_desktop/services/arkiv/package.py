"""Build the archive package (SIP) of one year's justerade protocols, all or nothing.

Layout (E-ARK CSIP 2.1)::

    <OBJID>/METS.xml
    <OBJID>/metadata/descriptive/ead.xml         the series, per organ, with the § register and utdrag register
    <OBJID>/metadata/preservation/premis.xml     fixity (SHA-256), format, signatures
    <OBJID>/representations/rep1/data/<organ>/<datum>/protokoll-<datum>.pdf   (signed PDF when signed)
                                                 .../bilagor/NN-<filnamn>, .../anslagsbevis-<datum>.pdf
    <OBJID>/representations/rep1/data/protokollsutdrag-<year>.csv

The package is written into a temporary directory beside the target and moved (or zipped) at the end, so a
failure leaves nothing behind.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import re
import shutil
import tempfile
import unicodedata
import zipfile
from pathlib import Path

from sqlalchemy import select

from finsam_desktop import __version__, clock
from finsam_desktop.domain.common.errors import NotFoundError, ValidationError
from finsam_desktop.domain.justering import model as dj
from finsam_desktop.paths import resources_dir
from finsam_desktop.persistence.database import Database
from finsam_desktop.persistence.models.core import AgendaItem, MeetingRow, OrganRow
from finsam_desktop.reports.arkiv import xml as ax
from finsam_desktop.reports.arkiv.model import (
    MeetingEntry,
    PackageDescription,
    PackageFile,
    ParagraphEntry,
    UtdragEntry,
)
from finsam_desktop.services.justering.area import JusteringArea
from finsam_desktop.services.justering.rows import forbund_settings, justering_record
from finsam_desktop.services.sammantraden.area import MeetingsArea

DATA = f"{ax.REP}/data"
STATUS_TEXT = {dj.JUSTERAT: "justerat", dj.ANSLAGET: "anslaget", dj.NEDTAGET: "anslaget nedtaget"}


def slug(text: str) -> str:
    """A file-name part without diacritics or spaces: ``Styrelsen`` → ``styrelsen``, ``Årsredovisning`` → ``arsredovisning``."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9.]+", "-", plain.lower()).strip("-.") or "fil"


def _pdf_format(data: bytes) -> tuple[str, str]:
    """The format of a PDF from its own XMP (``PDF/A-2B`` when it says so), else plain PDF with its header version."""
    import pikepdf

    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            meta = pdf.open_metadata()
            part, level = meta.get("pdfaid:part"), meta.get("pdfaid:conformance")
            if part:
                return "PDF/A", f"{part}{(level or '').lower()}"
            return "PDF", str(pdf.pdf_version)
    except Exception:  # a bilaga need not be a readable PDF; its bytes are archived as they are
        return "PDF", ""


def _format_of(name: str, data: bytes) -> tuple[str, str, str]:
    lower = name.lower()
    if lower.endswith(".pdf"):
        return ("application/pdf", *_pdf_format(data))
    if lower.endswith(".csv"):
        return "text/csv", "CSV", ""
    if lower.endswith(".xml"):
        return "text/xml", "XML", "1.0"
    if lower.endswith(".docx"):
        return "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "DOCX", ""
    if lower.endswith(".xlsx"):
        return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "XLSX", ""
    if lower.endswith(".txt"):
        return "text/plain", "Plain text", ""
    return "application/octet-stream", "Okänt format", ""


class ArkivService:
    """The archive package (SIP) of one year's justerade protocols."""

    def __init__(self, db: Database):
        self.db = db

    def years(self) -> list[int]:
        """Years with at least one justerat protocol, newest first."""
        with self.db.session() as s:
            dates = s.scalars(select(MeetingRow.datum).where(MeetingRow.status.in_(dj.IMMUTABLE_STATES)))
            return sorted({d.year for d in dates}, reverse=True)

    def collect(self, year: int) -> tuple[PackageDescription, dict[str, bytes]]:
        """The package description and the content files (path → bytes) of ``year``."""
        justering = JusteringArea(self.db)
        meetings_area = MeetingsArea(self.db)
        files: dict[str, bytes] = {}
        entries: list[MeetingEntry] = []
        with self.db.session() as s:
            fb = forbund_settings(s)
            forbund, orgnr = fb.namn, fb.orgnr or ""
            organs = {o.id: o.namn for o in s.scalars(select(OrganRow))}
            rows = list(
                s.scalars(
                    select(MeetingRow)
                    .where(MeetingRow.status.in_(dj.IMMUTABLE_STATES))
                    .order_by(MeetingRow.organ_id, MeetingRow.datum, MeetingRow.id)
                )
            )
            rows = [m for m in rows if m.datum.year == year]
            plain = []
            for m in rows:
                rec = justering_record(s, m.id)
                items = s.scalars(select(AgendaItem).where(AgendaItem.meeting_id == m.id).order_by(AgendaItem.position))
                paragraphs = tuple(
                    ParagraphEntry(f"§ {i.paragraph_number}" if i.paragraph_number else str(i.position), i.rubrik)
                    for i in items
                )
                plain.append((m.id, organs[m.organ_id], m.datum, m.status, rec, paragraphs))
            plain = [
                (mid, organ, datum, status, _rec_values(rec), paragraphs)
                for mid, organ, datum, status, rec, paragraphs in plain
            ]
        if not plain:
            raise NotFoundError(f"Det finns inga justerade protokoll {year} att arkivera.")
        names: dict[int, tuple[str, object]] = {}
        for mid, organ, datum, status, rec, paragraphs in plain:
            folder = f"{DATA}/{slug(organ)}/{datum.isoformat()}"
            protocol = f"{folder}/protokoll-{datum.isoformat()}.pdf"
            files[protocol] = justering.archive.protocol_pdf(mid)
            bilagor = []
            for b in meetings_area.bilagor.list_bilagor(mid):
                if b.source_meeting_id is not None:
                    continue  # the previous protocol as a bilaga is archived as its own protocol
                filnamn, data = meetings_area.bilagor.bilaga_bytes(b.id)
                number = f"{b.number:0>2}-" if b.number is not None else ""  # 07, or a kept "1a"
                path = f"{folder}/bilagor/{number}{slug(filnamn or b.titel)}"
                files[path] = data
                bilagor.append((b.titel, path))
            anslag = ""
            if rec["anslagsdatum"] is not None:
                anslag = f"{folder}/anslagsbevis-{datum.isoformat()}.pdf"
                files[anslag] = justering.anslag.anslag_pdf(mid)
            names[mid] = (organ, datum)
            entries.append(
                MeetingEntry(
                    organ=organ,
                    datum=datum,
                    status=STATUS_TEXT.get(status, status),
                    justeringsdatum=rec["justeringsdatum"],
                    anslagsdatum=rec["anslagsdatum"],
                    nedtaget_datum=rec["nedtaget_datum"],
                    signers=rec["signers"],
                    paragraphs=paragraphs,
                    protocol=protocol,
                    bilagor=tuple(bilagor),
                    anslag=anslag,
                    content_sha256=rec["content_sha256"],
                )
            )
        utdrag = tuple(
            UtdragEntry(
                names[u.meeting_id][0],
                names[u.meeting_id][1],
                u.paragrafer,
                u.mottagare,
                u.datum,
                u.bestyrkt_av,
                u.pdf_sha256,
            )
            for u in justering.utdrag.list_utdrag()
            if u.meeting_id in names
        )
        register = f"{DATA}/protokollsutdrag-{year}.csv"
        files[register] = _utdrag_csv(utdrag)
        for xsd in sorted((resources_dir() / "arkiv" / "schemas").glob("*.xsd")):
            files[f"schemas/{xsd.name}"] = xsd.read_bytes()
        desc = PackageDescription(
            objid=f"{slug(forbund)}-protokoll-{year}",
            forbund=forbund,
            organisationsnummer=orgnr,
            year=year,
            created=clock.now(),
            software="FINSAM Kansli",
            software_version=__version__,
            meetings=tuple(entries),
            utdrag=utdrag,
        )
        files["documentation/paketbeskrivning.txt"] = _documentation(desc).encode("utf-8")
        return desc, files

    def export(self, year: int, target: str | Path) -> Path:
        """Write the package of ``year`` to ``target``: a new (or empty) folder, or a ``.zip`` file."""
        target = Path(target)
        as_zip = target.suffix.lower() == ".zip"
        parent = target.parent
        if not parent.is_dir():
            raise ValidationError(f"Mappen {parent} finns inte.", "Mål")
        if not as_zip and target.exists() and (not target.is_dir() or any(target.iterdir())):
            raise ValidationError(f"{target} finns redan och är inte en tom mapp; välj en ny mapp.", "Mål")
        if as_zip and target.is_dir():
            raise ValidationError(f"{target} är en mapp, inte en fil.", "Mål")
        if not os.access(parent, os.W_OK):
            raise ValidationError(f"Det går inte att skriva i mappen {parent}.", "Mål")
        desc, files = self.collect(year)
        try:
            work = Path(tempfile.mkdtemp(prefix=".arkiv-", dir=parent))
        except OSError as exc:
            raise ValidationError(f"Det går inte att skriva i mappen {parent}: {exc.strerror}.", "Mål") from None
        try:
            root = work / desc.objid
            write_package(root, desc, files)
            if as_zip:
                tmp_zip = work / "paket.zip"
                with zipfile.ZipFile(tmp_zip, "w", zipfile.ZIP_DEFLATED) as zf:
                    for path in sorted(root.rglob("*")):
                        if path.is_file():
                            zf.write(path, path.relative_to(work).as_posix())
                os.replace(tmp_zip, target)
            else:
                if target.exists():
                    target.rmdir()
                os.replace(root, target)
        except OSError as exc:
            raise ValidationError(f"Arkivpaketet kunde inte skrivas till {target}: {exc.strerror}.", "Mål") from None
        finally:
            shutil.rmtree(work, ignore_errors=True)
        return target


def _rec_values(rec) -> dict:
    if rec is None:
        return dict.fromkeys(("justeringsdatum", "anslagsdatum", "nedtaget_datum"), None) | {
            "signers": "",
            "content_sha256": "",
        }
    return {
        "justeringsdatum": rec.justeringsdatum,
        "anslagsdatum": rec.anslagsdatum,
        "nedtaget_datum": rec.nedtaget_datum,
        "signers": rec.signers or "",
        "content_sha256": rec.content_sha256 or "",
    }


def _documentation(desc: PackageDescription) -> str:
    lines = [
        f"Arkivpaket: {desc.forbund}, protokoll {desc.year}",
        f"Skapat {desc.created:%Y-%m-%d %H:%M} av {desc.software} {desc.software_version}.",
        "",
        "Paketet följer E-ARK CSIP/SIP 2.1 (som Riksarkivets FGS Paketstruktur bygger på):",
        "- METS.xml: alla filer med storlek och SHA-256 (fileSec) och paketets struktur (structMap).",
        "- metadata/descriptive/ead.xml: serien Protokoll per organ och år med §-register och utdragsregister (EAD).",
        "- metadata/preservation/premis.xml: kontrollsummor, format och digitala underskrifter (PREMIS 3).",
        f"- {DATA}/<organ>/<datum>/: det justerade protokollet (PDF/A; den underskrivna filen när det finns",
        "  digitala underskrifter, som då ligger i PDF-filen), bilagor och anslagsbevis.",
        f"- {DATA}/protokollsutdrag-{desc.year}.csv: registret över utlämnade protokollsutdrag.",
        "- schemas/: XML-scheman för METS.",
        "",
        "Protokoll i paketet:",
    ]
    lines += [f"- {m.organ} {m.datum.isoformat()} ({len(m.paragraphs)} §, {m.status})" for m in desc.meetings]
    return "\n".join(lines) + "\n"


def _utdrag_csv(utdrag: tuple[UtdragEntry, ...]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(["Nr", "Organ", "Sammanträde", "Paragrafer", "Mottagare", "Datum", "Bestyrkt av", "SHA-256"])
    for n, u in enumerate(utdrag, start=1):
        writer.writerow(
            [
                n,
                u.organ,
                u.sammantradesdatum.isoformat(),
                u.paragrafer,
                u.mottagare,
                u.datum.isoformat(),
                u.bestyrkt_av,
                u.pdf_sha256,
            ]
        )
    return out.getvalue().encode("utf-8-sig")


def _described(path: str, data: bytes, label: str = "") -> PackageFile:
    mimetype, fmt, version = _format_of(path, data)
    return PackageFile(path, len(data), hashlib.sha256(data).hexdigest(), mimetype, fmt, version, label)


def write_package(root: Path, desc: PackageDescription, files: dict[str, bytes]) -> None:
    """Write the content files, PREMIS, EAD and the root METS.xml under ``root``."""
    content = [_described(path, data, Path(path).name) for path, data in sorted(files.items())]
    for path, data in files.items():
        dest = root / path
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_bytes(data)
    metadata_bytes = {
        ax.PREMIS_PATH: ax.premis_xml(desc, content),
        ax.EAD_PATH: ax.ead_xml(desc),
    }
    metadata = []
    for path, data in metadata_bytes.items():
        dest = root / path
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_bytes(data)
        metadata.append(_described(path, data))
    (root / "METS.xml").write_bytes(ax.mets_xml(desc, content, metadata))


def verify_package(root: Path) -> list[str]:
    """Every file the METS names, checked against its size and SHA-256; returns the problems (none: intact)."""
    import xml.etree.ElementTree as ET

    tree = ET.parse(root / "METS.xml")
    problems: list[str] = []
    listed = set()
    for el in tree.iter():
        if el.tag not in (f"{{{ax.METS}}}file", f"{{{ax.METS}}}mdRef"):
            continue
        href = el.get(f"{{{ax.XLINK}}}href")
        if href is None:
            loc = el.find(f"{{{ax.METS}}}FLocat")
            href = loc.get(f"{{{ax.XLINK}}}href") if loc is not None else None
        if href is None:
            problems.append("En fil i METS saknar sökväg.")
            continue
        listed.add(href)
        path = root / href
        if not path.is_file():
            problems.append(f"{href} saknas.")
            continue
        data = path.read_bytes()
        if str(len(data)) != el.get("SIZE"):
            problems.append(f"{href} har fel storlek.")
        if hashlib.sha256(data).hexdigest() != el.get("CHECKSUM"):
            problems.append(f"{href} har fel kontrollsumma.")
    for path in root.rglob("*"):
        rel = path.relative_to(root).as_posix()
        if path.is_file() and rel != "METS.xml" and rel not in listed:
            problems.append(f"{rel} finns i paketet men inte i METS.")
    return problems
