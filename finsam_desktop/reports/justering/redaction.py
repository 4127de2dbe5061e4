"""Redaction of a protocol for its publication copy: by the data, before layout.

:func:`redact_protocol` returns a copy of the :class:`ProtocolDocument` in which

* every § the secretary chose to leave out is replaced by "[Utelämnad]";
* personnummer are masked in every text of the document;
* the names the secretary asked to mask (:class:`~finsam_desktop.domain.justering.redaction.NameMask`: the full name in any
  case and spacing, in the genitive and as "Efternamn, Förnamn", and the surname on its own) are masked in
  **every** text of the document: § rubriker and texts, att-satser, delpunkter, jäv notes, votes, reservations,
  the närvarolista (present, absent, ersättare, their organisations and notes), ordförande, sekreterare and
  justerare, bilaga titles, and everything the page header, footer, PDF metadata and XMP are made from (förbund,
  organ, heading, place);
* names at the start of a § jäv note ("Jonas Väst deltog inte i beslutet.") are masked in that § (not in the
  närvarolista: the member's presence is public, the reason for the jäv is not).

Because the PDF is laid out from the redacted copy, a masked name is in neither the text layer nor any content
stream. :func:`leaks` reads a finished PDF back (text of every page, document information, XMP) as the last check.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, fields, is_dataclass, replace

from finsam_desktop.domain.justering.model import (
    REDACTED_PARAGRAPH,
    RedactionChoice,
    paragraph_range_text,
    redact_names,
    redact_personnummer,
)
from finsam_desktop.domain.justering.redaction import NameMask, masked_names_text
from finsam_desktop.reports.sammantraden.protocol_data import ProtocolDocument, ProtocolParagraph

JAV_PHRASES = ("deltog inte i beslutet", "deltog inte i diskussionen", "anmälde jäv")
#: § fields the jäv names are not masked in (the § heading is the ärende's, not the person's).
_JAV_KEEP = frozenset({"label", "rubrik"})


@dataclass(frozen=True)
class RedactionResult:
    document: ProtocolDocument
    omitted: int = 0
    personnummer: int = 0
    jav: int = 0
    names: int = 0  # occurrences of the names asked for
    names_missing: int = 0  # names asked for that occur nowhere in the protocol

    @property
    def total(self) -> int:
        return self.omitted + self.personnummer + self.jav + self.names


def jav_names(p: ProtocolParagraph) -> list[str]:
    """Names at the start of the § jäv notes ("Jonas Väst deltog inte i beslutet.")."""
    names = []
    for sentence in p.jav:
        for phrase in JAV_PHRASES:
            idx = sentence.find(" " + phrase)
            if idx > 0:
                names.append(sentence[:idx].strip())
                break
    return names


def _map_strings(value, fn, skip: frozenset[str] = frozenset()):
    """``value`` with ``fn`` applied to every string inside it (frozen dataclasses and tuples are rebuilt)."""
    if isinstance(value, str):
        return fn(value)
    if isinstance(value, tuple):
        return tuple(_map_strings(v, fn) for v in value)
    if is_dataclass(value) and not isinstance(value, type):
        changes = {
            f.name: _map_strings(getattr(value, f.name), fn) for f in fields(value) if f.init and f.name not in skip
        }
        return replace(value, **changes)
    return value


def _strings(value) -> list[str]:
    found: list[str] = []
    _map_strings(value, lambda s: found.append(s) or s)
    return found


def redact_protocol(doc: ProtocolDocument, choice: RedactionChoice) -> RedactionResult:
    """The publication copy's data (see the module docstring) and what was masked."""
    mask = NameMask(choice.extra_names)
    counts = {"omitted": 0, "personnummer": 0, "jav": 0, "names": 0}

    def clean(text: str) -> str:
        if choice.personnummer:
            text, n = redact_personnummer(text)
            counts["personnummer"] += n
        text, n = mask.mask(text)
        counts["names"] += n
        return text

    paragraphs = []
    for p in doc.paragraphs:
        if p.number is not None and p.number in choice.paragraphs:
            counts["omitted"] += 1
            paragraphs.append(
                replace(
                    p,
                    rubrik="[Utelämnad]",
                    bilaga_ref="",
                    text=REDACTED_PARAGRAPH,
                    jav=(),
                    clauses=(),
                    parts=(),
                    vote="",
                    reservations=(),
                    utgar_motivering="",
                )
            )
            continue
        names = jav_names(p) if choice.jav_names else []
        p = _map_strings(p, clean)
        if names:

            def clean_jav(text: str, names=names) -> str:
                text, n = redact_names(text, names)
                counts["jav"] += n
                return text

            p = _map_strings(p, clean_jav, skip=_JAV_KEEP)
        paragraphs.append(p)
    # Everything outside the §§ (närvarolista, officers, bilagor, header and metadata sources).
    rest = _map_strings(replace(doc, paragraphs=()), clean)
    present = mask.names_in("\n".join(_strings(doc))) if mask else set()
    return RedactionResult(
        replace(rest, paragraphs=tuple(paragraphs)),
        names_missing=len(mask.names) - len(present),
        **counts,
    )


def notice_text(choice: RedactionChoice, result: RedactionResult) -> str:
    """What the publication copy says about itself: what was left out and masked, with true counts."""
    parts = []
    if choice.paragraphs:
        parts.append(f"{paragraph_range_text(choice.paragraphs)} utelämnade")
    if choice.personnummer:
        parts.append(f"personnummer maskerade ({result.personnummer})")
    if choice.jav_names:
        parts.append(f"namn i jävsanteckningar maskerade ({result.jav})")
    names = NameMask(choice.extra_names).names
    if names:
        parts.append(masked_names_text(len(names), result.names, result.names_missing))
    text = "; ".join(parts) if parts else "inga maskeringar"
    return f"{text[0].upper()}{text[1:]}"


def leaks(pdf: bytes, names: tuple[str, ...]) -> list[str]:
    """Where a finished PDF still shows one of ``names`` in full: page text, document information or XMP
    (Swedish, empty = none)."""
    mask = NameMask(names)
    if not mask:
        return []
    import pikepdf
    from pypdf import PdfReader

    found: list[str] = []
    for number, page in enumerate(PdfReader(io.BytesIO(pdf)).pages, start=1):
        if mask.full_names_in(page.extract_text() or ""):
            found.append(f"sida {number}")
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        info = " ".join(str(v) for v in (doc.docinfo or {}).values())
        if mask.full_names_in(info):
            found.append("dokumentinformationen")
        xmp = doc.Root.get("/Metadata")
        if xmp is not None and mask.full_names_in(xmp.read_bytes().decode("utf-8", "replace")):
            found.append("XMP-metadata")
    return found
