"""Plain data for the archive package writers: the files with their checksums, and the described series."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(frozen=True)
class PackageFile:
    """One file of the package; ``path`` is relative to the package root with forward slashes."""

    path: str
    size: int
    sha256: str
    mimetype: str
    format_name: str
    format_version: str = ""
    label: str = ""


@dataclass(frozen=True)
class ParagraphEntry:
    """One § of the register: its number (or label) and heading."""

    label: str
    rubrik: str


@dataclass(frozen=True)
class MeetingEntry:
    """One justerat protocol of the series with the package paths of its files."""

    organ: str
    datum: date
    status: str
    justeringsdatum: date | None
    anslagsdatum: date | None
    nedtaget_datum: date | None
    signers: str
    paragraphs: tuple[ParagraphEntry, ...]
    protocol: str
    bilagor: tuple[tuple[str, str], ...] = ()  # (titel, path)
    anslag: str = ""
    content_sha256: str = ""


@dataclass(frozen=True)
class UtdragEntry:
    organ: str
    sammantradesdatum: date
    paragrafer: str
    mottagare: str
    datum: date
    bestyrkt_av: str
    pdf_sha256: str


@dataclass(frozen=True)
class PackageDescription:
    """The described series: protokoll of one förbund and year, per organ."""

    objid: str
    forbund: str
    organisationsnummer: str
    year: int
    created: datetime
    software: str
    software_version: str
    meetings: tuple[MeetingEntry, ...]
    utdrag: tuple[UtdragEntry, ...] = ()
    files: tuple[PackageFile, ...] = field(default_factory=tuple)
