"""PostgreSQL's search index stores its document (a generated tsvector column with a GIN index), also in a
database made before migration 0019; the search finds the same §§ before and after."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from tests import pg

pytestmark = pytest.mark.postgres


def _columns_and_indexes(url: str) -> tuple[set[str], set[str]]:
    import psycopg

    with psycopg.connect(url.replace("+psycopg", "")) as conn:
        cols = {
            r[0]
            for r in conn.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = 'fts_paragraph'"
            )
        }
        idx = {r[0] for r in conn.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'fts_paragraph'")}
    return cols, idx


def test_an_older_server_database_gets_the_stored_document_and_finds_the_same(pg_server, _pg_demo_template):
    from alembic import command

    from finsam_desktop.persistence.migrator import alembic_config, open_database
    from finsam_desktop.services.workspace import open_workspace

    url = pg.create_database(pg_server, _pg_demo_template)
    try:
        cols, idx = _columns_and_indexes(url)
        assert "doc" in cols and "ix_fts_paragraph_doc" in idx
        ws = open_workspace(url)
        before = [(h.item_id, h.label) for h in ws.services.meetings.search.search("budget")]
        ws.close()
        assert before

        db = open_database(url)
        with db.engine.begin() as conn:
            cfg = alembic_config()
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0018")
            assert conn.execute(text("SELECT count(*) FROM fts_paragraph")).scalar() > 0
        db.dispose()
        cols, idx = _columns_and_indexes(url)
        assert "doc" not in cols and "ix_fts_paragraph_tsv" in idx  # as slice 1 made it

        ws = open_workspace(url)  # upgrades
        try:
            cols, idx = _columns_and_indexes(url)
            assert "doc" in cols and "ix_fts_paragraph_doc" in idx and "ix_fts_paragraph_tsv" not in idx
            assert [(h.item_id, h.label) for h in ws.services.meetings.search.search("budget")] == before
        finally:
            ws.close()
    finally:
        pg.drop_database(url)
