"""The archive package of a year's protocols (E-ARK CSIP/SIP; Riksarkivet's FGS Paketstruktur follows them)."""

from finsam_desktop.services.arkiv.package import ArkivService, verify_package

__all__ = ["ArkivService", "verify_package"]
