"""One way to hash what has been decided: SHA-256 over a canonical JSON of the record's fields.

Canonical JSON: sorted keys, no whitespace, UTF-8 as is (``ensure_ascii=False``). Values are normalised first so
that a value read back from SQLite as text and the same value held in Python hash alike:

* ``datetime`` → ``"YYYY-MM-DD HH:MM:SS.ffffff"`` (the text SQLAlchemy stores in SQLite), ``date`` → ISO,
  ``time`` → ``"HH:MM:SS.ffffff"``;
* ``Decimal`` → whole öre as ``int`` when the amount has at most two decimals (money), otherwise its text;
* ``bytes`` → ``"sha256:<hex>"`` of the bytes (blobs are hashed, not embedded);
* ``bool`` → ``0``/``1`` (as SQLite stores it).

Pure Python: used by the services, ``finsam check`` and the migrations alike.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from datetime import date, datetime, time
from decimal import Decimal

#: ``prev_hash`` of the first row of a hash chain.
GENESIS = "0" * 64


def normalise(value: object) -> object:
    """The JSON-ready form of one stored value (see the module docstring)."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.strftime("%H:%M:%S.%f")
    if isinstance(value, Decimal):
        ore = value * 100
        return int(ore) if ore == ore.to_integral_value() else str(value)
    if isinstance(value, (bytes, bytearray, memoryview)):
        return "sha256:" + hashlib.sha256(bytes(value)).hexdigest()
    if isinstance(value, Mapping):
        return {str(k): normalise(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [normalise(v) for v in value]
    return value


def canonical_json(content: object) -> str:
    """Deterministic JSON of ``content`` after :func:`normalise`."""
    return json.dumps(normalise(content), sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def sha256_hex(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def content_hash(content: object) -> str:
    """SHA-256 (hex) of :func:`canonical_json` of ``content``."""
    return sha256_hex(canonical_json(content))


def chain_hash(prev_hash: str, fields: Mapping[str, object]) -> str:
    """The hash of one row of an append-only, hash-chained log: the previous row's hash and this row's fields."""
    return content_hash({"prev": prev_hash, "row": dict(fields)})


def verify_chain(rows: list[tuple[int, str | None, str | None, Mapping[str, object]]]) -> list[tuple[int, str]]:
    """Walk a chain ordered by id: ``(id, prev_hash, row_hash, fields)``. Returns ``(id, problem)`` per broken row.

    Problems (Swedish): ``"saknar kontrollsumma"``, ``"har ändrats"`` (its own hash does not match its fields),
    ``"pekar inte på föregående rad"`` (a row before it was removed, inserted or rewritten).
    """
    problems: list[tuple[int, str]] = []
    expected_prev = GENESIS
    for row_id, prev, row_hash, fields in rows:
        if not row_hash or not prev:
            problems.append((row_id, "saknar kontrollsumma"))
        else:
            if prev != expected_prev:
                problems.append((row_id, "pekar inte på föregående rad"))
            if chain_hash(prev, fields) != row_hash:
                problems.append((row_id, "har ändrats"))
        expected_prev = row_hash or ""
    return problems
