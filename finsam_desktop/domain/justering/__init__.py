"""The justering area of the domain layer.

model      Justering and anslag: the states after the protocol draft, the anslag notice, canonical …
redaction  Masking names for a publication copy (pure Python).
"""
