"""Pure domain layer: value objects and rules. No Qt, no SQLAlchemy.

arshjul/         The arshjul area of the domain layer (pure Python), by concept:
attest/          The attest area of the domain layer.
budget/          The budget area of the domain layer (pure Python, Decimal kronor; ``None`` means "not …
common/          Shared pure pieces: money, dates, legal deadlines, errors, the tolerant tabular reader, …
internkontroll/  The internkontroll area of the domain layer (pure Python):
justering/       The justering area of the domain layer.
organisation/    The organisation area of the domain layer.
sammantraden/    The sammantraden area of the domain layer: pure rules and the frozen data objects the …
"""
