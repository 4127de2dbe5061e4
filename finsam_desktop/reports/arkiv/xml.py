"""METS (E-ARK CSIP/SIP 2.1), PREMIS 3 and EAD 2002 as bytes, from plain data (``reports.arkiv.model``).

The root METS lists every file of the package in its fileSec with size, SHA-256 and MIME type, and its structMap
(TYPE="PHYSICAL", LABEL="CSIP") has the divisions Metadata, Documentation and Representations/rep1. The descriptive
metadata (EAD: the series "Protokoll" per organ and year with the § register) and the preservation metadata
(PREMIS: fixity, format, the signers of a signed protocol) are referenced from dmdSec and amdSec with their checksums.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import datetime

from finsam_desktop.reports.arkiv.model import PackageDescription, PackageFile

METS = "http://www.loc.gov/METS/"
CSIP = "https://DILCIS.eu/XML/METS/CSIPExtensionMETS"
SIP = "https://DILCIS.eu/XML/METS/SIPExtensionMETS"
XLINK = "http://www.w3.org/1999/xlink"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
PREMIS = "http://www.loc.gov/premis/v3"
EAD = "urn:isbn:1-931666-22-9"

for _prefix, _uri in {
    "mets": METS,
    "csip": CSIP,
    "sip": SIP,
    "xlink": XLINK,
    "xsi": XSI,
    "premis": PREMIS,
    "ead": EAD,
}.items():
    ET.register_namespace(_prefix, _uri)

REP_NAME = "rep1"
REP = f"representations/{REP_NAME}"
OTHER_CIT = "FGS Paketstruktur: protokoll"
EAD_PATH = "metadata/descriptive/ead.xml"
PREMIS_PATH = "metadata/preservation/premis.xml"


def _q(ns: str, tag: str) -> str:
    return f"{{{ns}}}{tag}"


def _stamp(at: datetime) -> str:
    return at.replace(microsecond=0).isoformat()


def _xml(root: ET.Element) -> bytes:
    ET.indent(root)
    return ET.tostring(root, encoding="UTF-8", xml_declaration=True)


def _sub(parent: ET.Element, ns: str, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, _q(ns, tag), {k: v for k, v in attrs.items() if v is not None})
    if text is not None:
        el.text = text
    return el


def _id(path: str) -> str:
    """An XML ID from a package path (IDs must start with a letter and hold no slash or space)."""
    safe = "".join(c if c.isascii() and (c.isalnum() or c in "-_.") else "_" for c in path)
    return f"ID_{safe}"


def premis_xml(desc: PackageDescription, files: list[PackageFile]) -> bytes:
    """PREMIS 3: one object per content file (fixity SHA-256, size, format), the checksum and ingest events."""
    root = ET.Element(_q(PREMIS, "premis"), {"version": "3.0"})
    agent_id = f"{desc.software} {desc.software_version}"
    for f in files:
        obj = _sub(root, PREMIS, "object", **{_q(XSI, "type"): "premis:file"})
        ident = _sub(obj, PREMIS, "objectIdentifier")
        _sub(ident, PREMIS, "objectIdentifierType", "local")
        _sub(ident, PREMIS, "objectIdentifierValue", f.path)
        chars = _sub(obj, PREMIS, "objectCharacteristics")
        _sub(chars, PREMIS, "compositionLevel", "0")
        fixity = _sub(chars, PREMIS, "fixity")
        _sub(fixity, PREMIS, "messageDigestAlgorithm", "SHA-256")
        _sub(fixity, PREMIS, "messageDigest", f.sha256)
        _sub(fixity, PREMIS, "messageDigestOriginator", agent_id)
        _sub(chars, PREMIS, "size", str(f.size))
        fmt = _sub(chars, PREMIS, "format")
        designation = _sub(fmt, PREMIS, "formatDesignation")
        _sub(designation, PREMIS, "formatName", f.format_name)
        if f.format_version:
            _sub(designation, PREMIS, "formatVersion", f.format_version)
        if f.label:
            _sub(obj, PREMIS, "originalName", f.label)
    for n, (etype, detail) in enumerate(
        (
            ("message digest calculation", "SHA-256 för varje fil beräknad när paketet skapades."),
            ("ingestion", f"Arkivpaket för protokoll {desc.year} skapat av {agent_id}."),
        ),
        start=1,
    ):
        event = _sub(root, PREMIS, "event")
        eid = _sub(event, PREMIS, "eventIdentifier")
        _sub(eid, PREMIS, "eventIdentifierType", "local")
        _sub(eid, PREMIS, "eventIdentifierValue", f"event-{n}")
        _sub(event, PREMIS, "eventType", etype)
        _sub(event, PREMIS, "eventDateTime", _stamp(desc.created))
        _sub(_sub(event, PREMIS, "eventDetailInformation"), PREMIS, "eventDetail", detail)
        link = _sub(event, PREMIS, "linkingAgentIdentifier")
        _sub(link, PREMIS, "linkingAgentIdentifierType", "local")
        _sub(link, PREMIS, "linkingAgentIdentifierValue", "agent-1")
    for m in desc.meetings:
        if not m.signers:
            continue
        event = _sub(root, PREMIS, "event")
        eid = _sub(event, PREMIS, "eventIdentifier")
        _sub(eid, PREMIS, "eventIdentifierType", "local")
        _sub(eid, PREMIS, "eventIdentifierValue", f"signering-{m.protocol}")
        _sub(event, PREMIS, "eventType", "digital signature generation")
        _sub(event, PREMIS, "eventDateTime", m.justeringsdatum.isoformat() if m.justeringsdatum else "")
        _sub(_sub(event, PREMIS, "eventDetailInformation"), PREMIS, "eventDetail", f"PAdES: {m.signers}")
        obj = _sub(event, PREMIS, "linkingObjectIdentifier")
        _sub(obj, PREMIS, "linkingObjectIdentifierType", "local")
        _sub(obj, PREMIS, "linkingObjectIdentifierValue", m.protocol)
    agent = _sub(root, PREMIS, "agent")
    aid = _sub(agent, PREMIS, "agentIdentifier")
    _sub(aid, PREMIS, "agentIdentifierType", "local")
    _sub(aid, PREMIS, "agentIdentifierValue", "agent-1")
    _sub(agent, PREMIS, "agentName", agent_id)
    _sub(agent, PREMIS, "agentType", "software")
    return _xml(root)


def ead_xml(desc: PackageDescription) -> bytes:
    """EAD 2002: the series "Protokoll <year>" with one file per organ, one item per protocol and its § register."""
    root = ET.Element(_q(EAD, "ead"))
    header = _sub(root, EAD, "eadheader")
    _sub(header, EAD, "eadid", desc.objid)
    title = _sub(_sub(header, EAD, "filedesc"), EAD, "titlestmt")
    _sub(title, EAD, "titleproper", f"{desc.forbund}: protokoll {desc.year}")
    arch = _sub(root, EAD, "archdesc", level="series")
    did = _sub(arch, EAD, "did")
    _sub(did, EAD, "unittitle", f"Protokoll {desc.year}")
    _sub(did, EAD, "unitdate", str(desc.year), normal=f"{desc.year}-01-01/{desc.year}-12-31")
    _sub(_sub(did, EAD, "origination"), EAD, "corpname", desc.forbund)
    dsc = _sub(arch, EAD, "dsc")
    organs: dict[str, ET.Element] = {}
    for m in desc.meetings:
        if m.organ not in organs:
            c01 = _sub(dsc, EAD, "c01", level="file")
            d = _sub(c01, EAD, "did")
            _sub(d, EAD, "unittitle", f"Protokoll {m.organ} {desc.year}")
            _sub(d, EAD, "unitdate", str(desc.year), normal=str(desc.year))
            organs[m.organ] = c01
        c02 = _sub(organs[m.organ], EAD, "c02", level="item")
        d = _sub(c02, EAD, "did")
        _sub(d, EAD, "unittitle", f"Protokoll {m.organ} {m.datum.isoformat()}")
        _sub(d, EAD, "unitdate", m.datum.isoformat(), normal=m.datum.isoformat())
        notes = [f"Status: {m.status}"]
        if m.justeringsdatum:
            notes.append(f"Justerat {m.justeringsdatum.isoformat()}")
        if m.anslagsdatum:
            notes.append(f"anslaget {m.anslagsdatum.isoformat()}")
        if m.nedtaget_datum:
            notes.append(f"nedtaget {m.nedtaget_datum.isoformat()}")
        if m.signers:
            notes.append(f"digitalt underskrivet av {m.signers}")
        if m.content_sha256:
            notes.append(f"innehållets SHA-256 {m.content_sha256}")
        _sub(_sub(d, EAD, "physdesc"), EAD, "extent", f"{len(m.paragraphs)} §")
        _sub(_sub(c02, EAD, "note"), EAD, "p", "; ".join(notes))
        links = [("Protokoll", m.protocol)] + [(f"Bilaga: {t}", p) for t, p in m.bilagor]
        if m.anslag:
            links.append(("Anslagsbevis", m.anslag))
        grp = _sub(d, EAD, "daogrp")
        for label, path in links:
            _sub(
                _sub(grp, EAD, "daoloc", **{_q(XLINK, "href"): path, _q(XLINK, "type"): "locator"}), EAD, "daodesc"
            ).append(_para(label))
        for p in m.paragraphs:
            c03 = _sub(c02, EAD, "c03", level="item")
            pd = _sub(c03, EAD, "did")
            _sub(pd, EAD, "unitid", p.label)
            _sub(pd, EAD, "unittitle", p.rubrik)
    if desc.utdrag:
        c01 = _sub(dsc, EAD, "c01", level="file")
        d = _sub(c01, EAD, "did")
        _sub(d, EAD, "unittitle", f"Register över protokollsutdrag {desc.year}")
        for n, u in enumerate(desc.utdrag, start=1):
            c02 = _sub(c01, EAD, "c02", level="item")
            ud = _sub(c02, EAD, "did")
            _sub(ud, EAD, "unitid", str(n))
            _sub(ud, EAD, "unittitle", f"Utdrag {u.organ} {u.sammantradesdatum.isoformat()} § {u.paragrafer}")
            _sub(ud, EAD, "unitdate", u.datum.isoformat(), normal=u.datum.isoformat())
            _sub(_sub(c02, EAD, "note"), EAD, "p", f"Mottagare: {u.mottagare}; bestyrkt av {u.bestyrkt_av}")
    return _xml(root)


def _para(text: str) -> ET.Element:
    p = ET.Element(_q(EAD, "p"))
    p.text = text
    return p


def mets_xml(desc: PackageDescription, content: list[PackageFile], metadata: list[PackageFile]) -> bytes:
    """The package's root METS.xml (CSIP/SIP 2.1): header, dmdSec, amdSec, fileSec and the CSIP structMap."""
    created = _stamp(desc.created)
    root = ET.Element(
        _q(METS, "mets"),
        {
            "OBJID": desc.objid,
            "LABEL": f"{desc.forbund}: protokoll {desc.year}",
            "TYPE": "Textual works – Digital",
            _q(CSIP, "CONTENTINFORMATIONTYPE"): "OTHER",
            _q(CSIP, "OTHERCONTENTINFORMATIONTYPE"): OTHER_CIT,
            "PROFILE": "https://earksip.dilcis.eu/profile/E-ARK-SIP.xml",
            _q(XSI, "schemaLocation"): (
                "http://www.loc.gov/METS/ http://www.loc.gov/standards/mets/mets.xsd "
                "http://www.w3.org/1999/xlink http://www.loc.gov/standards/mets/xlink.xsd "
                "https://DILCIS.eu/XML/METS/CSIPExtensionMETS https://earkcsip.dilcis.eu/schema/DILCISExtensionMETS.xsd "
                "https://DILCIS.eu/XML/METS/SIPExtensionMETS https://earksip.dilcis.eu/schema/DILCISExtensionSIPMETS.xsd"
            ),
        },
    )
    hdr = _sub(
        root,
        METS,
        "metsHdr",
        CREATEDATE=created,
        LASTMODDATE=created,
        RECORDSTATUS="NEW",
        **{_q(CSIP, "OAISPACKAGETYPE"): "SIP"},
    )
    agent = _sub(hdr, METS, "agent", ROLE="CREATOR", TYPE="OTHER", OTHERTYPE="SOFTWARE")
    _sub(agent, METS, "name", desc.software)
    _sub(agent, METS, "note", desc.software_version, **{_q(CSIP, "NOTETYPE"): "SOFTWARE VERSION"})
    submitter = _sub(hdr, METS, "agent", ROLE="ARCHIVIST", TYPE="ORGANIZATION")
    _sub(submitter, METS, "name", desc.forbund)
    if desc.organisationsnummer:
        _sub(submitter, METS, "note", desc.organisationsnummer, **{_q(CSIP, "NOTETYPE"): "IDENTIFICATIONCODE"})

    by_path = {f.path: f for f in metadata}
    ead, premis = by_path[EAD_PATH], by_path[PREMIS_PATH]
    dmd = _sub(root, METS, "dmdSec", ID="dmd-ead", CREATED=created, STATUS="CURRENT")
    _md_ref(dmd, ead, "EAD", created)
    amd = _sub(root, METS, "amdSec")
    digiprov = _sub(amd, METS, "digiprovMD", ID="digiprov-premis", STATUS="CURRENT")
    _md_ref(digiprov, premis, "PREMIS", created)

    file_sec = _sub(root, METS, "fileSec", ID="filesec")
    smap = _sub(root, METS, "structMap", ID="structmap-csip", TYPE="PHYSICAL", LABEL="CSIP")
    top = _sub(smap, METS, "div", ID="div-root", LABEL=desc.objid)
    _sub(top, METS, "div", ID="div-metadata", LABEL="Metadata", DMDID="dmd-ead", ADMID="digiprov-premis")
    groups = [
        ("Documentation", "documentation", [f for f in content if f.path.startswith("documentation/")]),
        ("Schemas", "schemas", [f for f in content if f.path.startswith("schemas/")]),
        (f"Representations/{REP_NAME}", REP_NAME, [f for f in content if f.path.startswith(REP + "/")]),
    ]
    for use, key, group_files in groups:
        grp = _sub(
            file_sec,
            METS,
            "fileGrp",
            ID=f"filegrp-{key}",
            USE=use,
            **{_q(CSIP, "CONTENTINFORMATIONTYPE"): "OTHER", _q(CSIP, "OTHERCONTENTINFORMATIONTYPE"): OTHER_CIT},
        )
        for f in group_files:
            el = _sub(
                grp,
                METS,
                "file",
                ID=_id(f.path),
                MIMETYPE=f.mimetype,
                SIZE=str(f.size),
                CREATED=created,
                CHECKSUM=f.sha256,
                CHECKSUMTYPE="SHA-256",
            )
            _sub(el, METS, "FLocat", LOCTYPE="URL", **{_q(XLINK, "type"): "simple", _q(XLINK, "href"): f.path})
        # The content without a representation METS: one "Representations" division pointing at its file group.
        label = "Representations" if key == REP_NAME else use
        div = _sub(top, METS, "div", ID=f"div-{key}", LABEL=label)
        _sub(div, METS, "fptr", FILEID=f"filegrp-{key}")
    return _xml(root)


def _md_ref(parent: ET.Element, f: PackageFile, mdtype: str, created: str) -> None:
    _sub(
        parent,
        METS,
        "mdRef",
        LOCTYPE="URL",
        MDTYPE=mdtype,
        MIMETYPE=f.mimetype,
        SIZE=str(f.size),
        CREATED=created,
        CHECKSUM=f.sha256,
        CHECKSUMTYPE="SHA-256",
        **{_q(XLINK, "type"): "simple", _q(XLINK, "href"): f.path},
    )
