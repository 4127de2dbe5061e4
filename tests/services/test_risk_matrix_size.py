"""Issue 14 point 12: changing the matrix (size or colour bands) never changes an adopted risk analysis."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from finsam_desktop.domain.common.errors import ImmutableRecordError
from finsam_desktop.domain.internkontroll.risk import Band, MatrixSettings, Risk
from tests.fixtures.undo_migrations import undo_after_0012

#: workspace/demo_workspace on SQLite and PostgreSQL (tests/conftest.py, docs/postgresql.md).
BOTH_ENGINES = True


def _bands_of(ik, analysis_id):
    analysis = ik.risk.get_analysis(analysis_id)
    settings = ik.risk.settings_for(analysis)
    return settings.size, settings.bands, [settings.band_for(r.riskvarde).name for r in analysis.risks]


@pytest.fixture
def adopted(services):
    """A 4×4 analysis adopted with the förbund's own band limits (grön to 2, gul to 6)."""
    ik = services.internkontroll
    own = MatrixSettings.for_size(4)
    own = replace(
        own,
        bands=(
            replace(own.bands[0], high=2),
            replace(own.bands[1], low=3, high=6),
            replace(own.bands[2], low=7),
        ),
    )
    ik.risk.save_matrix_settings(own)
    a = ik.risk.create_analysis(2026)
    for i, (v, s) in enumerate([(1, 1), (3, 1), (2, 3), (4, 4)], 1):
        ik.risk.save_risk(a.id, Risk(0, i, "Process", f"Risk {i}", v, s))
    ik.risk.adopt_analysis(a.id, "Styrelsen 2026-02-01 § 5", date(2026, 2, 1))
    return ik, a.id, own


def test_adopted_analysis_keeps_its_bands_when_the_size_changes(adopted):
    ik, aid, own = adopted
    before = _bands_of(ik, aid)
    assert before == (4, own.bands, ["Grön", "Gul", "Gul", "Röd"])
    ik.risk.save_matrix_settings(MatrixSettings.for_size(5))
    assert _bands_of(ik, aid) == before
    ik.risk.save_matrix_settings(MatrixSettings.for_size(4))  # back to 4×4 with the default bands (grön to 3)
    assert _bands_of(ik, aid) == before
    report = ik.exports.report(2026)
    assert report.settings.bands == own.bands


def test_adopted_analysis_keeps_its_bands_when_the_limits_change(adopted):
    ik, aid, own = adopted
    before = _bands_of(ik, aid)
    other = replace(
        own, bands=(Band(1, 8, "Grön", "#00FF00"), Band(9, 12, "Gul", "#FFFF00"), Band(13, 16, "Röd", "#F00"))
    )
    ik.risk.save_matrix_settings(other)
    assert _bands_of(ik, aid) == before


def test_a_draft_follows_the_forbund_matrix(adopted):
    ik, aid, _own = adopted
    draft = ik.risk.new_analysis_version(aid)
    ik.risk.save_matrix_settings(MatrixSettings.for_size(5))
    assert ik.risk.get_analysis(draft.id).matrix_size == 5
    assert ik.risk.settings_for(ik.risk.get_analysis(draft.id)) == MatrixSettings.for_size(5)
    assert ik.risk.get_analysis(aid).matrix_size == 4


def test_resizing_an_adopted_analysis_is_refused_in_swedish(adopted):
    ik, aid, _own = adopted
    with pytest.raises(ImmutableRecordError, match="är antagen .* och behåller den"):
        ik.risk.resize_analysis(aid, 5)
    assert ik.risk.get_analysis(aid).matrix_size == 4


def test_the_question_says_what_changes_and_that_adopted_analyses_keep_theirs(adopted):
    ik, aid, _own = adopted
    draft = ik.risk.new_analysis_version(aid)
    text = ik.risk.matrix_change_text(MatrixSettings.for_size(5))
    assert "från 4×4 till 5×5" in text
    assert f"{draft.ar} (version {draft.version})" in text
    assert "Antagna analyser ändras inte" in text and "2026 (version 1, 4×4)" in text
    assert ik.risk.matrix_change_text(ik.risk.matrix_settings()) == ""


@pytest.mark.sqlite_only  # opens the file itself (sqlite3, copies, --db FILE)
def test_upgrade_stores_the_matrix_of_analyses_adopted_before(demo_workspace, tmp_path):
    """A file from before 0011: its adopted analyses get the matrix they were shown with, and stay locked."""
    import shutil
    import sqlite3

    from finsam_desktop.persistence.migrator import open_database

    path = demo_workspace.path
    demo_workspace.close()
    old = tmp_path / "old.sqlite"
    shutil.copy(path, old)
    conn = sqlite3.connect(old)
    conn.execute("ALTER TABLE ik_risk_analysis DROP COLUMN matrix_settings")
    for (name,) in list(conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'trg_ar_%'")):
        conn.execute(f"DROP TRIGGER {name}")  # 0012's tables, which a 0010 file lacks
    for table in ("ar_text", "ar_printed", "ar_movement", "ar_deltagarflode", "ar_account", "ar_year"):
        conn.execute(f"DROP TABLE {table}")
    conn.execute("DROP TABLE ar_kontoplan_rule")
    undo_after_0012(conn)
    conn.execute("UPDATE alembic_version SET version_num = '0010'")
    conn.commit()
    conn.close()
    db = open_database(old)
    try:
        with db.engine.connect() as c:
            rows = c.exec_driver_sql("SELECT status, matrix_settings FROM ik_risk_analysis").all()
            assert any(status == "antagen" for status, _ in rows)
            for status, matrix in rows:
                assert (matrix != "") == (status == "antagen")
            with pytest.raises(Exception, match="antagen och låst"):
                c.exec_driver_sql("UPDATE ik_risk_analysis SET titel = 'x' WHERE status = 'antagen'")
    finally:
        db.dispose()
