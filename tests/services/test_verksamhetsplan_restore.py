"""A removed plan section put back by undo (same place, kind, text and activity rows), and the plan as a file — the
one path the CLI and the Verksamhet tab share (an antagen plan's PDF is the stored one)."""

from __future__ import annotations

from datetime import date

import pytest

from finsam_desktop.domain.common.errors import ImmutableRecordError, ValidationError
from finsam_desktop.domain.verksamhet.plan import SectionKind
from finsam_desktop.services.verksamhet.plan_export import plan_file

#: workspace/demo_workspace on SQLite and PostgreSQL (tests/conftest.py, docs/postgresql.md).
BOTH_ENGINES = True


def test_a_removed_section_comes_back_where_it_stood_with_its_rows(demo_services):
    plan = demo_services.verksamhet.plan
    before = plan.get(2026)
    index = [s.key for s in before.sections].index("strukturella")
    sec, rows = before.section("strukturella"), before.rows_of("strukturella")
    assert rows  # the demo's activity rows
    plan.remove_section(2026, "strukturella")
    assert plan.get(2026).section("strukturella") is None
    plan.restore_section(2026, sec, index, rows)
    after = plan.get(2026)
    assert [s.key for s in after.sections] == [s.key for s in before.sections]
    assert after.section("strukturella") == sec and after.section("strukturella").kind is SectionKind.AKTIVITETER
    assert [(a.vad, a.vem, a.hur) for a in after.rows_of("strukturella")] == [(a.vad, a.vem, a.hur) for a in rows]
    with pytest.raises(ValidationError, match="finns redan"):
        plan.restore_section(2026, sec, index, rows)


def test_the_file_of_a_draft_is_rendered_and_of_an_antagen_plan_is_the_stored_pdf(demo_services, monkeypatch):
    plan = demo_services.verksamhet.plan
    docx = plan_file(plan, 2026, "docx")
    assert docx.data.startswith(b"PK") and "utkast" in docx.summary and not docx.stored
    with pytest.raises(ValidationError):
        plan_file(plan, 2026, "txt")
    item = demo_services.attest.versions.styrelse_paragraphs(since=date(2026, 1, 1))[-1][0]
    plan.adopt(2026, item)
    stored = plan.adopted_document(2026)
    monkeypatch.setattr("finsam_desktop.reports.verksamhet.plan_pdf.compile_pdf", lambda *a, **k: b"%PDF ny")
    pdf = plan_file(plan, 2026, "pdf")
    assert pdf.stored and pdf.data == stored.data and "den antagna verksamhetsplanen 2026" in pdf.summary
    with pytest.raises(ImmutableRecordError):
        plan.restore_section(2026, plan.get(2026).sections[0], 0)
