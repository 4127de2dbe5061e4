"""The organisation area of the domain layer.

model  The förbund, its members, persons and mandates; the styrelse on a given date.
orgnr  Swedish organisationsnummer: format NNNNNN-NNNN with a Luhn check digit.
"""
