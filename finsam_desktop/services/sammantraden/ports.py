"""What the Sammanträden area asks of areas above it, without importing them.

Sammanträden is a lower area: Attest, Justering and Årshjul use it. Where Sammanträden needs something from one of
them — today only that a new styrelse dagordning gets the "Anmälan av delegationsbeslut" item (KL 7:8) — it calls a
port, and the service container (``services/container.py``) plugs the other area's implementation in. The import
arrows then run one way only (``tests/test_architecture.py`` fails on a circle).
"""

from __future__ import annotations

from collections.abc import Callable

#: Called with the id of a styrelse meeting whose dagordning was just created (after that transaction committed).
#: Returns the id of an item it added, or None when it had nothing to add.
AgendaContributor = Callable[[int], "int | None"]
