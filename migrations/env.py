"""Alembic environment. The app passes an open connection in ``config.attributes``;
developers may run ``alembic -x db=PATH-or-URL ...`` from the repository root."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from finsam_desktop.persistence.migrator import include_object
from finsam_desktop.persistence.models import Base

config = context.config
target_metadata = Base.metadata


def _run(connection) -> None:
    if connection.dialect.name == "postgresql":
        from finsam_desktop.persistence import pg_ddl

        pg_ddl.install(connection)  # the revisions' SQLite triggers and FTS5 table, in PostgreSQL's words
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        include_object=include_object,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    db = context.get_x_argument(as_dictionary=True).get("db", "finsam-dev.sqlite")
    engine = create_engine(db if "://" in db else f"sqlite:///{db}")
    with engine.begin() as conn:
        _run(conn)
