"""``finsam db migrate-to``: a FINSAM database copied into a new, empty one – SQLite file → PostgreSQL database
and back (docs/postgresql.md). All or nothing:

1. the source must be at this version's schema, hold only tables the program knows, and pass ``finsam check``
   (or the user accepts its findings); it is read in one transaction (one snapshot) and never changed;
2. the target must be empty: a new (or empty) file, or a database without tables – else it is refused untouched;
3. in one transaction on the target: the schema from the program's migrations, every row
   (``persistence/transfer.py``, protection triggers off inside that transaction only), the sequences, and then
   the proof: every table's row count and content hash, every stored file's SHA-256 (protocol PDFs, signed
   PDFs, originals) equal on both sides, and ``finsam check`` on the target giving what it gave on the source;
4. only then the commit (PostgreSQL) or the rename of the finished file into place (SQLite). On any difference
   the transaction is rolled back and a half-made file removed; the target is as it was.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.engine import Connection, make_url
from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from sqlalchemy.orm import Session

from finsam_desktop.domain.common.errors import FinsamError
from finsam_desktop.persistence import transfer
from finsam_desktop.persistence.backup import timestamp
from finsam_desktop.persistence.candidate import finish_copy
from finsam_desktop.persistence.database import is_server_url
from finsam_desktop.persistence.lock import FileLock
from finsam_desktop.persistence.migrator import FileState, _upgrade, inspect_file
from finsam_desktop.services.check import run_checks
from finsam_desktop.services.findings import Finding

SHOWN_FINDINGS = 8


class MigrationRefusedError(FinsamError):
    """The copy was not made (or was undone); the target is as it was."""


@dataclass
class MigrationReport:
    source: str
    target: str
    tables: int
    rows: int
    files: int
    protocols: int
    seals: int
    findings: list[Finding] = field(default_factory=list)


def shown(where: Path | str) -> str:
    return make_url(str(where)).render_as_string(hide_password=True) if is_server_url(where) else str(where)


def _location(value: Path | str) -> Path | str:
    return str(value) if is_server_url(value) else Path(value).expanduser().resolve()


class _InTransaction:
    """What ``run_checks`` needs (``session()``) on a connection inside a transaction: a session on a savepoint
    of it, so the checks see the uncommitted copy and change nothing."""

    def __init__(self, conn: Connection):
        self.conn = conn

    @contextmanager
    def session(self) -> Iterator[Session]:
        session = Session(bind=self.conn, join_transaction_mode="create_savepoint")
        try:
            yield session
        finally:
            session.close()


def _checked(conn: Connection) -> list[str]:
    """``finsam check``'s findings as text, without SQLite's own (a server has none of those)."""
    return sorted(str(f) for f in run_checks(_InTransaction(conn)) if f.area != "SQLite")


def _listed(findings: list) -> str:
    lines = [f"  - {f}" for f in findings[:SHOWN_FINDINGS]]
    if len(findings) > SHOWN_FINDINGS:
        lines.append(f"  … och {len(findings) - SHOWN_FINDINGS} till")
    return "\n".join(lines)


def _server_words(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None) or exc
    return (str(orig).strip().splitlines() or [type(orig).__name__])[0]


def _check_source(source: Path | str) -> None:
    info = inspect_file(source)
    if info.state is FileState.NEW:
        raise MigrationRefusedError(f"{shown(source)} är tom eller finns inte; det finns inget att flytta.")
    if info.state in (FileState.FOREIGN, FileState.NEWER):
        raise MigrationRefusedError(info.message)
    if info.state is FileState.OLDER:
        raise MigrationRefusedError(
            f"{shown(source)} har ett äldre schema. Öppna den med den här versionen av programmet först (till "
            f"exempel ”finsam --db {shown(source)} check --reparera”), så uppgraderas den."
        )


def _check_target(source: Path | str, target: Path | str) -> None:
    if str(source) == str(target):
        raise MigrationRefusedError("Källan och målet är samma databas.")
    if isinstance(target, Path) and target.exists() and not target.is_file():
        raise MigrationRefusedError(f"{target} är ingen fil. Ingenting har ändrats.")
    info = inspect_file(target)
    if info.state is FileState.NEW:
        return
    if isinstance(target, str) and info.state is FileState.FOREIGN and "kan inte öppnas" in info.message:
        raise MigrationRefusedError(info.message)
    what = "databasen" if isinstance(target, str) else "filen"
    raise MigrationRefusedError(
        f"{shown(target)} är inte tom: {what} måste vara ny och tom för att ta emot en kopia. Ingenting har ändrats."
    )


def _prove(src: Connection, dst: Connection, before: dict, blobs: dict, source_findings: list[str]) -> None:
    """The copy holds what the source holds (or raises, so the caller rolls back)."""
    diffs = transfer.differences(before, transfer.digests(dst))
    if not diffs and transfer.blob_hashes(dst) != blobs:
        diffs = ["de lagrade filernas SHA-256 (protokoll-PDF:er, original) skiljer sig"]
    if diffs:
        raise MigrationRefusedError(
            "Kopian blev inte lik källan och har tagits bort: " + "; ".join(diffs[:5]) + ". Ingenting har ändrats."
        )
    target_findings = _checked(dst)
    if target_findings != source_findings:
        new = [f for f in target_findings if f not in source_findings]
        raise MigrationRefusedError(
            "Programmets kontroll ger ett annat svar på kopian än på källan, och kopian har tagits bort:\n"
            + _listed(new or target_findings)
        )


def _fill(src: Connection, dst: Connection) -> None:
    with transfer.triggers_off(dst):
        transfer.copy_rows(src, dst)
    transfer.reset_sequences(dst)


def _into_server(src: Connection, target: str, before: dict, blobs: dict, findings: list[str]) -> None:
    engine = transfer.engine_for(target)
    try:
        with engine.begin() as dst:
            try:
                transfer.upgrade_on(dst)
            except DBAPIError as exc:
                if getattr(exc.orig, "sqlstate", None) == "42501":  # insufficient_privilege
                    raise MigrationRefusedError(
                        f"Användaren får inte skapa tabeller i {shown(target)} (PostgreSQL: {_server_words(exc)}). "
                        "Flytten måste göras av databasens ägare, som blir ägare till tabellerna. Ingenting har "
                        "ändrats."
                    ) from None
                raise
            _fill(src, dst)
            _prove(src, dst, before, blobs, findings)
    finally:
        engine.dispose()


def _into_file(src: Connection, target: Path, before: dict, blobs: dict, findings: list[str]) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(target)
    lock.acquire()
    partial = target.with_name(f".{target.name}.flytt-{timestamp()}.tmp")
    try:
        _upgrade(partial)  # the program's migrations make the schema, as for any new file
        engine = transfer.engine_for(partial)
        try:
            with engine.begin() as dst:
                _fill(src, dst)
                _prove(src, dst, before, blobs, findings)
        finally:
            engine.dispose()
        finish_copy(partial)
        if target.exists() and target.stat().st_size > 0 and inspect_file(target).state is not FileState.NEW:
            raise MigrationRefusedError(f"{target} skapades av någon annan under flytten. Ingenting har ändrats.")
        os.replace(partial, target)
    finally:
        for leftover in (partial, *(partial.with_name(partial.name + s) for s in ("-wal", "-shm", "-journal"))):
            with contextlib.suppress(OSError):
                leftover.unlink()
        lock.release()


def migrate(source: Path | str, target: Path | str, accept_findings: bool = False) -> MigrationReport:
    """Copy the FINSAM database ``source`` into the new, empty ``target`` (a file path or a server URL)."""
    source, target = _location(source), _location(target)
    _check_source(source)
    _check_target(source, target)
    engine = transfer.engine_for(source, read_only=True)
    try:
        with engine.begin() as src:
            unknown = transfer.unknown_tables(src)
            if unknown:
                raise MigrationRefusedError(
                    f"{shown(source)} har tabeller som programmet inte känner till ({', '.join(unknown[:5])}); "
                    "de skulle inte följa med. Ingenting har flyttats."
                )
            findings = run_checks(_InTransaction(src))
            source_findings = sorted(str(f) for f in findings if f.area != "SQLite")
            if findings and not accept_findings:
                raise MigrationRefusedError(
                    f"Programmets kontroll hittade {len(findings)} fel i {shown(source)}:\n{_listed(findings)}\n"
                    "Rätta dem först, eller flytta ändå med --godta-regelfel om felen är kända. Ingenting har flyttats."
                )
            before = transfer.digests(src)
            blobs = transfer.blob_hashes(src)
            try:
                if isinstance(target, str):
                    _into_server(src, target, before, blobs, source_findings)
                else:
                    _into_file(src, target, before, blobs, source_findings)
            except SQLAlchemyError as exc:
                raise MigrationRefusedError(
                    f"Kopieringen till {shown(target)} misslyckades och är ogjord ({_server_words(exc)}). "
                    "Ingenting har ändrats."
                ) from None
    finally:
        engine.dispose()
    protocols = sum(1 for (table, column, _id) in blobs if (table, column) == ("protocol_justering", "justerat_pdf"))
    return MigrationReport(
        source=shown(source),
        target=shown(target),
        tables=len(before),
        rows=sum(d.rows for d in before.values()),
        files=len(blobs),
        protocols=protocols,
        seals=before["record_seal"].rows,
        findings=findings,
    )
