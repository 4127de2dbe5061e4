"""The attest area of the domain layer.

delegation  Delegationsordning and delegationsbeslut: what the styrelse has delegated, to whom, up …
rules       Attestordning: who may attest what, for whom, up to which amount, on which date.
"""
