"""Persistence: SQLAlchemy 2 models, engine, migrations, backups and the file lock. No Qt.

backup           Backups with SQLite's online backup API (never a plain copy of a live file).
backup_on_write  The automatic backup is made just before the first change of a session is committed.
base             Declarative base with a naming convention so that Alembic sees stable constraint names.
candidate        A file offered for restore, checked in a private copy, then swapped in atomically.
database         Engine and sessions. One ``Database`` per open file; a service method uses …
integrity        Tamper evidence for the file: the protection triggers that must exist, the hash chains …
lock             Only one running app may write a file.
migrator         Open a FINSAM file safely: create it, upgrade it (after copying it aside), or refuse it.
pg_ddl           The migrations' SQLite-only statements, said in PostgreSQL (docs/postgresql.md).
models/          All models. Each area keeps its tables in its own module; importing this package …
"""
