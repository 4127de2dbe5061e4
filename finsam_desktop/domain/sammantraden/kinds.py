"""Statuses and kinds: meeting status (and which are locked), meeting type, item kind, attendance role,
jäv kind, uppdrag status, röst."""

from __future__ import annotations

from enum import StrEnum


class MeetingStatus(StrEnum):
    PLANERAT = "planerat"
    KALLAT = "kallat"
    GENOMFORT = "genomfort"
    PROTOKOLL_UTKAST = "protokoll_utkast"
    KLART_FOR_JUSTERING = "klart_for_justering"
    JUSTERAT = "justerat"
    ANSLAGET = "anslaget"
    ANSLAG_NEDTAGET = "anslag_nedtaget"

    @property
    def label(self) -> str:
        return _STATUS_LABELS[self]


_STATUS_LABELS = {
    MeetingStatus.PLANERAT: "Planerat",
    MeetingStatus.KALLAT: "Kallat",
    MeetingStatus.GENOMFORT: "Genomfört",
    MeetingStatus.PROTOKOLL_UTKAST: "Protokoll (utkast)",
    MeetingStatus.KLART_FOR_JUSTERING: "Klart för justering",
    MeetingStatus.JUSTERAT: "Justerat",
    MeetingStatus.ANSLAGET: "Anslaget",
    MeetingStatus.ANSLAG_NEDTAGET: "Anslag nedtaget",
}


#: The statuses this area moves between; later ones belong to justering.
EDITABLE_STATUSES = (
    MeetingStatus.PLANERAT,
    MeetingStatus.KALLAT,
    MeetingStatus.GENOMFORT,
    MeetingStatus.PROTOKOLL_UTKAST,
)


#: Statuses whose protocol the database refuses to change (see migration 0002 triggers).
DB_FROZEN_STATUSES = (MeetingStatus.JUSTERAT, MeetingStatus.ANSLAGET, MeetingStatus.ANSLAG_NEDTAGET)


def is_locked(status: str | MeetingStatus) -> bool:
    """True from ``klart_for_justering`` on: the protocol may no longer be edited here."""
    return list(MeetingStatus).index(MeetingStatus(status)) >= 4


class MeetingType(StrEnum):
    ORDINARIE = "ordinarie"
    EXTRA = "extra"
    KONSTITUERANDE = "konstituerande"

    @property
    def label(self) -> str:
        return {"ordinarie": "Ordinarie", "extra": "Extra", "konstituerande": "Konstituerande"}[self.value]


class ItemKind(StrEnum):
    BESLUT = "beslut"
    INFORMATION = "information"
    ANMALAN = "anmalan"

    @property
    def label(self) -> str:
        return {"beslut": "Beslut", "information": "Information", "anmalan": "Anmälan"}[self.value]


class AttendanceRole(StrEnum):
    ORDINARIE = "ordinarie"
    TJANSTGORANDE = "tjanstgorande"
    ERSATTARE = "ersattare"
    OVRIG = "ovrig"

    @property
    def label(self) -> str:
        """The heading of the list in the protocol."""
        return {
            "ordinarie": "Närvarande ordinarie ledamöter",
            "tjanstgorande": "Tjänstgörande ersättare",
            "ersattare": "Närvarande ersättare",
            "ovrig": "Övriga närvarande",
        }[self.value]

    @property
    def short(self) -> str:
        return {
            "ordinarie": "Ledamot",
            "tjanstgorande": "Tjänstgörande ersättare",
            "ersattare": "Ersättare",
            "ovrig": "Övrig",
        }[self.value]


class JavKind(StrEnum):
    DELTOG_INTE_I_BESLUTET = "deltog_inte_i_beslutet"
    DELTOG_INTE_I_DISKUSSIONEN = "deltog_inte_i_diskussionen"
    ANMALDE_JAV = "anmalde_jav"

    @property
    def phrase(self) -> str:
        return {
            "deltog_inte_i_beslutet": "deltog inte i beslutet",
            "deltog_inte_i_diskussionen": "deltog inte i diskussionen",
            "anmalde_jav": "anmälde jäv och deltog inte i handläggningen",
        }[self.value]

    @property
    def label(self) -> str:
        return self.phrase[0].upper() + self.phrase[1:]

    @property
    def excludes_from_decision(self) -> bool:
        """Every kind keeps the person out of the decision (diskussion implies beslut)."""
        return True


class UppdragStatus(StrEnum):
    OPPET = "oppet"
    PAGAR = "pagar"
    KLART = "klart"
    AVBRUTET = "avbrutet"

    @property
    def label(self) -> str:
        return {"oppet": "Öppet", "pagar": "Pågår", "klart": "Klart", "avbrutet": "Avbrutet"}[self.value]

    @property
    def is_open(self) -> bool:
        return self in (UppdragStatus.OPPET, UppdragStatus.PAGAR)


class Rost(StrEnum):
    JA = "ja"
    NEJ = "nej"
    AVSTAR = "avstar"

    @property
    def label(self) -> str:
        return {"ja": "Ja", "nej": "Nej", "avstar": "Avstår"}[self.value]
