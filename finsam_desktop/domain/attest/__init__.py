"""The attest area of the domain layer.

delegation  Delegationsordning and delegationsbeslut: what the styrelse has delegated, to whom, up …
batch       The attest check of a whole file at once: segments of dates, memoised answers, the same as ``decide``.
payment     The findings for one payment from the answers of its attest steps (which fault, and the text).
rules       Attestordning: who may attest what, for whom, up to which amount, on which date.
"""
