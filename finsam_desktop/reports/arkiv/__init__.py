"""The archive package (E-ARK CSIP/SIP, Riksarkivet's FGS Paketstruktur): pure writers of METS, PREMIS and EAD."""
