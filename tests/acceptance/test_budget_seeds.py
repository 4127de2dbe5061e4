"""Budget scenarios rebuilt from the seed documents: Roslagen's Ekonomirapport Q1 2020 (F3),
SUVS' member contributions (F2/F8), Sundsvall's budget 2023–2025 (F6) and § 134's payout."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from finsam_desktop.domain.budget.contributions import binding_state_level, contribution_plan
from finsam_desktop.domain.budget.lines import (
    Line,
    LineClass,
    LineFollowup,
    Measure,
    Scope,
    Section,
    SectionKind,
    StatedTotal,
)
from finsam_desktop.domain.common.errors import ImmutableRecordError
from finsam_desktop.domain.organisation.model import Member, MemberKind, Side

TKR = D(1000)

# Roslagen, Ekonomirapport Q1 tom 31 mars 2020 (tkr): (label, VP, prognos 31 mars, utfall 31 mars, parent label)
# utfall: number, text note, or None (blank cell). Prognos None = not printed (sub-rows).
F3 = {
    "Administrativa kostnader": (
        LineClass.ADMINISTRATION,
        [
            ("Styrelse- Arvoden/ Förlorad arbetsinkomst / resor", 230, 57.5, "Faktureras per kvartal", None),
            ("Styrelse- Kurser/Konferenser/Utbildningar", 30, 7.5, 0, None),
            ("Kanslipersonal (1,5 resurs)", 1040, 260, "Faktureras per kvartal", None),
            ("Kurser/Konferenser/Utbildningar", 50, 12.5, 0, None),
            ("Kansli Arbetsplats", 150, 37.5, "Faktureras per kvartal", None),
            ("Ekonomi och redovisning", 130, 32.5, 24, None),
            ("Revision", 90, 0, "Faktureras april", None),
            ("Resor", 10, 2.5, 0, None),
            ("Kontors och informationsmaterial", 30, 7.5, 0, None),
            ("Representation / lokaler (Beredningsgrupp)", 40, 10, 2, None),
            ("Utvärdering/uppföljning", 50, 12.5, 0, None),
            ("Övrigt och Oförutsedda kostnader", 150, 37.5, 12, None),
        ],
        {"budget": 2000, "prognos": 500, "utfall": 38},
    ),
    "Strukturella insats": (
        LineClass.STRUKTURELL,
        [
            ("Kartläggning och behovsanalys", 25, 6.25, 0, None),
            ("Samordnare strukturella insatser (1 resurs)", 600, 150, 0, None),
            ("- Insats stödja utveckling av ASF", 50, 12.5, 0, None),
            ("- Vårddialog", 50, 12.5, 0, None),
            ("- Gemensamma forum", 70, 17.5, 0, None),
            ("- Digital insatskatalog", 50, 12.5, 33, None),
            ("- SAMSUS", 50, 12.5, 0, None),
        ],
        {"budget": 890, "prognos": 222.5, "utfall": 39},
    ),
    "Operativinsats - MIA och MIA Vidare": (
        LineClass.INDIVIDINRIKTAD,
        [
            ("Projektledning", 800, 200, 111, None),
            ("Rådgivandeteam", 2200, 550, None, None),
            ("Täby, fakturerat tom mars", None, None, 20, "Rådgivandeteam"),
            ("Norrtälje, fakturerat tom nov", None, None, 12, "Rådgivandeteam"),
            ("Kson, fakturerat tom mars", None, None, 11, "Rådgivandeteam"),
            ("Österåker fakturerat tom jan", None, None, 7, "Rådgivandeteam"),
            ("Vaxholm fakturerat tom jan", None, None, None, "Rådgivandeteam"),
            ("Danderyd", None, None, None, "Rådgivandeteam"),
            ("Försäkringskassan, tom mars", None, None, 160, "Rådgivandeteam"),
            ("Arbetsförmedlingen, nyss inkommen tom mars", None, None, "per kvartal", "Rådgivandeteam"),
            ("Individuellt deltagarstöd", 2100, 525, None, None),
            (
                "Supported employment, nyss inkommen tom mars",
                None,
                None,
                "Faktureras per kvartal",
                "Individuellt deltagarstöd",
            ),
            ("Vägledare", None, None, 0, "Individuellt deltagarstöd"),
            ("IPS, tom feb", None, None, 50, "Individuellt deltagarstöd"),
            ("Deltagarkurser", 700, 175, "Faktureras per kvartal", None),
            ("Arbets träningsplatser (tom feb)", 1300, 325, 161, None),
            ("Övriga kostnader", None, None, None, None),
            ("Projektlokal (Tibble)", 300, 75, 75, "Övriga kostnader"),
            ("Övrigt & oförutsedda kostnader", 700, 175, 10, "Övriga kostnader"),
        ],
        {"budget": 8000, "prognos": 2000, "utfall": 721},
    ),
}


def _tkr(value) -> D | None:
    return None if value is None else D(str(value)) * TKR


def enter_f3(budget_service):
    """Enter Roslagen's report as a user would: lines with VP, the printed prognos where it differs
    from VP × 3/12, utfall figures or notes, and the document's own totals."""
    doc = budget_service.versions.create_budget(2020, "VP 2020 Roslagen", with_template=False)
    bid = doc.info.id
    fu = budget_service.followup.create_followup(2020, date(2020, 3, 31))
    stated = []
    n = 0
    for pos, (section_name, (cls, rows, totals)) in enumerate(F3.items()):
        sec = budget_service.lines.save_section(bid, Section(0, section_name, SectionKind.KOSTNAD, pos + 1, cls))
        ids: dict[str, int] = {}
        for label, vp, prognos, utfall, parent in rows:
            n += 1
            line = budget_service.lines.save_line(
                bid, Line(0, sec.id, f"R{n}", label, None, ids.get(parent) if parent else None, n, _tkr(vp))
            )
            ids[label] = line.id
            default = None if vp is None else _tkr(vp) * 3 / 12
            entry = LineFollowup(
                line.kod,
                utfall=_tkr(utfall) if isinstance(utfall, int | float) else None,
                utfall_note=utfall if isinstance(utfall, str) else "",
                prognos=_tkr(prognos) if prognos is not None and _tkr(prognos) != default else None,
                prognos_comment="Faktureras april" if label == "Revision" else "",
            )
            if entry != LineFollowup(line.kod):
                budget_service.followup.save_followup_entry(fu.id, entry)
        stated += [
            StatedTotal(Scope.AVSNITT, Measure.BUDGET, _tkr(totals["budget"]), sec.id),
            StatedTotal(Scope.AVSNITT, Measure.PROGNOS, _tkr(totals["prognos"]), sec.id),
            StatedTotal(Scope.AVSNITT, Measure.UTFALL, _tkr(totals["utfall"]), sec.id),
        ]
    stated += [
        StatedTotal(Scope.KOSTNADER, Measure.BUDGET, _tkr(10890)),
        StatedTotal(Scope.KOSTNADER, Measure.PROGNOS, _tkr(2722.5)),
        StatedTotal(Scope.KOSTNADER, Measure.UTFALL, _tkr(798)),
    ]
    budget_service.lines.set_stated_totals(bid, stated, followup_id=fu.id)
    return bid


def _subtotals(view):
    return {r.namn: r for r in view.result.rows if r.kind.value == "subtotal"}


def test_f3_roslagen_q1_totals_are_computed_and_wrong_document_totals_flagged(services):
    bs = services.budget
    enter_f3(bs)
    view = bs.followup.followup_view(2020, date(2020, 3, 31))
    assert view.result.months == 3
    sub = _subtotals(view)
    adm = sub["Summa administrativa kostnader"]
    strukt = sub["Summa strukturella insats"]
    oper = sub["Summa operativinsats - MIA och MIA Vidare"]
    # Computed row sums (tkr → kr).
    assert (adm.budget, adm.prognos, adm.utfall) == (D(2_000_000), D(477_500), D(38_000))
    assert (strukt.budget, strukt.prognos, strukt.utfall) == (D(895_000), D(223_750), D(33_000))
    assert (oper.budget, oper.prognos, oper.utfall) == (D(8_100_000), D(2_025_000), D(617_000))
    k = view.result.kostnader
    assert (k.budget, k.prognos, k.utfall) == (D(10_995_000), D(2_726_250), D(688_000))
    # A blank utfall is "not yet known": the totals say so instead of pretending zero.
    assert adm.utfall_complete is False
    rows = {r.namn: r for r in view.result.rows}
    assert rows["Kanslipersonal (1,5 resurs)"].utfall is None
    assert rows["Kanslipersonal (1,5 resurs)"].utfall_note == "Faktureras per kvartal"
    assert rows["Vaxholm fakturerat tom jan"].utfall is None
    # Parents of varav rows: utfall is the sum of what the partners invoiced.
    assert rows["Rådgivandeteam"].utfall == D(210_000)
    assert rows["Övriga kostnader"].budget == D(1_000_000)
    # Revision's prognos was overridden to 0 with a comment; the others are VP × 3/12.
    assert rows["Revision"].prognos == 0 and rows["Revision"].prognos_overridden
    assert rows["Revision"].comment == "Faktureras april"
    assert rows["Styrelse- Arvoden/ Förlorad arbetsinkomst / resor"].prognos == D(57_500)
    # The document's wrong totals: adm prognos, all three of strukt and oper, and the grand totals.
    flagged = {(m.scope_label, m.measure.value): (m.stated, m.computed) for m in view.mismatches}
    assert flagged == {
        ("Summa Administrativa kostnader", "prognos"): (D(500_000), D(477_500)),
        ("Summa Strukturella insats", "budget"): (D(890_000), D(895_000)),
        ("Summa Strukturella insats", "prognos"): (D(222_500), D(223_750)),
        ("Summa Strukturella insats", "utfall"): (D(39_000), D(33_000)),
        ("Summa Operativinsats - MIA och MIA Vidare", "budget"): (D(8_000_000), D(8_100_000)),
        ("Summa Operativinsats - MIA och MIA Vidare", "prognos"): (D(2_000_000), D(2_025_000)),
        ("Summa Operativinsats - MIA och MIA Vidare", "utfall"): (D(721_000), D(617_000)),
        ("Summa kostnader", "budget"): (D(10_890_000), D(10_995_000)),
        ("Summa kostnader", "prognos"): (D(2_722_500), D(2_726_250)),
        ("Summa kostnader", "utfall"): (D(798_000), D(688_000)),
    }
    # Three of the three sub-tables carry at least one wrong total.
    assert (
        len(
            {
                m.scope_label
                for m in view.mismatches
                if m.scope_label.startswith("Summa ") and m.scope_label != "Summa kostnader"
            }
        )
        == 3
    )
    msg = next(
        m.message
        for m in view.mismatches
        if m.scope_label == "Summa Strukturella insats" and m.measure is Measure.BUDGET
    )
    assert "890 000 kr" in msg and "895 000 kr" in msg


def test_f3_off_budget_filter_finds_deviating_lines(services):
    bs = services.budget
    enter_f3(bs)
    view = bs.followup.followup_view(2020, date(2020, 3, 31))
    off = {r.namn for r in view.result.off_budget_rows()}
    # Ekonomi och redovisning 24 vs 32,5 (−26 %); Digital insatskatalog 33 vs 12,5; Projektledning 111 vs 200.
    assert {"Ekonomi och redovisning", "- Digital insatskatalog", "Projektledning"} <= off
    # A line whose utfall is a note is not "off": nothing is known yet.
    assert "Kanslipersonal (1,5 resurs)" not in off
    row = next(r for r in view.result.rows if r.namn == "Projektledning")
    assert row.avvikelse == D(-89_000)
    assert row.avvikelse_pct == D("-44.50")
    assert row.forbrukat_pct == D("13.88")


def test_f2_contribution_split_reproduces_44_27_29(services):
    fb = services.forbund
    ids = {}
    for namn, kind, weight in (
        ("Försäkringskassan", MemberKind.FORSAKRINGSKASSAN, 1),
        ("Arbetsförmedlingen", MemberKind.ARBETSFORMEDLINGEN, 1),
        ("Region Stockholm", MemberKind.REGION, 1),
        ("Sollentuna kommun", MemberKind.KOMMUN, 44),
        ("Upplands Väsby kommun", MemberKind.KOMMUN, 27),
        ("Sigtuna kommun", MemberKind.KOMMUN, 29),
    ):
        ids[namn] = fb.save_member(Member(0, namn, kind, weight)).id
    view = services.budget.contributions.contributions(2021, D(3_465_000))
    plan = view.plan
    amounts = {r.namn: r.amount for r in plan.rows}
    assert amounts["Försäkringskassan"] == D(3_465_000)
    assert amounts["Region Stockholm"] == D(1_732_500)
    assert (amounts["Sollentuna kommun"], amounts["Upplands Väsby kommun"], amounts["Sigtuna kommun"]) == (
        D(762_300),
        D(467_775),
        D(502_425),
    )
    assert plan.total == D(6_930_000)
    shares = {r.namn: r.share_of_side_pct for r in plan.rows if r.kind is MemberKind.KOMMUN}
    assert shares == {"Sollentuna kommun": D("44.0"), "Upplands Väsby kommun": D("27.0"), "Sigtuna kommun": D("29.0")}
    # F8: the lowest party governs — the region's 1 732 500 sets the state level at 3 465 000.
    assert binding_state_level({Side.REGION: D(1_732_500), Side.KOMMUN: D(2_000_000), Side.STATE: D(5_438_000)}) == D(
        3_465_000
    )
    # F8 what-if: 5 438 000 → 1 196 360 / 734 130 / 788 510.
    members = services.forbund.list_members()
    whatif = contribution_plan(D(5_438_000), members)
    assert [whatif.amount_for(ids[n]) for n in ("Sollentuna kommun", "Upplands Väsby kommun", "Sigtuna kommun")] == [
        D(1_196_360),
        D(734_130),
        D(788_510),
    ]
    assert whatif.total == D(10_876_000)


def test_contributions_breaking_2_1_1_are_flagged(services):
    fb = services.forbund
    fk = fb.save_member(Member(0, "Försäkringskassan", MemberKind.FORSAKRINGSKASSAN, 1))
    fb.save_member(Member(0, "Arbetsförmedlingen", MemberKind.ARBETSFORMEDLINGEN, 1))
    region = fb.save_member(Member(0, "Region Västernorrland", MemberKind.REGION, 1))
    kommun = fb.save_member(Member(0, "Sundsvalls kommun", MemberKind.KOMMUN, 1))
    bs = services.budget
    bs.settings.save_year_settings(bs.settings.year_settings(2023).__class__(2023, D(3_680_000), date(2022, 11, 17)))
    doc = bs.versions.create_budget(2023)
    lines = {ln.member_id: ln for ln in doc.lines}
    assert lines[fk.id].budget == D(3_680_000) and lines[region.id].budget == D(1_840_000)
    assert doc.contribution_problems == ()
    from dataclasses import replace

    bs.lines.save_line(doc.info.id, replace(lines[kommun.id], budget=D(1_700_000)))
    doc = bs.versions.budget(doc.info.id)
    assert any("Kommunernas bidrag 1 700 000 kr följer inte 2:1:1" in p for p in doc.contribution_problems)
    view = bs.contributions.contributions(2023)
    assert any("Sundsvalls kommun: budgeten har 1 700 000 kr" in p for p in view.problems)


def test_f6_sundsvall_budget_2023_2025_stated_vs_computed(services):
    bs = services.budget
    doc = bs.versions.create_budget(2023, "Budget 2023 med plan för 2024-2025", with_template=False)
    bid = doc.info.id
    inc = bs.lines.save_section(bid, Section(0, "Intäkter", SectionKind.INTAKT, 1))
    cost = bs.lines.save_section(bid, Section(0, "Kostnader", SectionKind.KOSTNAD, 2, LineClass.ADMINISTRATION))
    rows = [
        (inc, "Försäkringskassan/Arbetsförmedlingen", 3680, 3689, 3689, None),
        (inc, "Region Västernorrland", 1840, 1844.5, 1844.5, None),
        (inc, "Sundsvalls kommun", 1840, 1844.5, 1844.5, None),
        (cost, "Styrelsen", 110, 115, 120, LineClass.ADMINISTRATION),
        (cost, "Administration", 1080, 1120, 1150, LineClass.ADMINISTRATION),
        (cost, "Beslutade aktiviteter", 5760, 1347, 0, LineClass.INDIVIDINRIKTAD),
        (cost, "Nya aktiviteter/insatser", 410, 4796, 0, LineClass.INDIVIDINRIKTAD),
    ]
    for i, (sec, label, a, b, c, cls) in enumerate(rows, start=1):
        bs.lines.save_line(bid, Line(0, sec.id, f"S{i}", label, cls, None, i, _tkr(a), _tkr(b), _tkr(c)))
    stated = []
    for measure, i_, k_ in ((Measure.BUDGET, 7360, 7360), (Measure.PLAN1, 7378, 7378), (Measure.PLAN2, 7378, 7378)):
        stated += [
            StatedTotal(Scope.INTAKTER, measure, _tkr(i_)),
            StatedTotal(Scope.KOSTNADER, measure, _tkr(k_)),
            StatedTotal(Scope.RESULTAT, measure, D(0)),
        ]
    bs.lines.set_stated_totals(bid, stated)
    doc = bs.versions.budget(bid)
    assert doc.totals.intakter == (D(7_360_000), D(7_378_000), D(7_378_000))
    assert doc.totals.kostnader == (D(7_360_000), D(7_378_000), D(1_270_000))
    flagged = {(m.scope_label, m.measure): (m.stated, m.computed) for m in doc.mismatches}
    assert flagged == {
        ("Summa kostnader", Measure.PLAN2): (D(7_378_000), D(1_270_000)),
        ("Årets resultat", Measure.PLAN2): (D(0), D(6_108_000)),
    }
    # The goal of ≥ 70 % to individinriktade insatser against the year's tilldelade medel.
    bs.settings.save_year_settings(bs.settings.year_settings(2023).__class__(2023, D(3_680_000), ek_opening=D(755_000)))
    view = bs.followup.followup_view(2023, date(2023, 12, 31))
    assert view.tilldelade == D(7_360_000)
    assert view.individ.pct == D("83.83")  # (5 760 + 410) / 7 360 with this coarse classification
    # Eget kapital: 400 000 ≤ EK ≤ 20 % × 7 360 000 = 1 472 000; 755 000 is inside.
    assert view.equity.max_kr == D(1_472_000)
    assert view.equity.closing_budget == D(755_000)
    assert view.equity.within(view.equity.closing_budget) is True
    # Adopted at § 138: the database refuses any change; a revision is a new version.
    adopted = bs.versions.adopt_budget(bid, date(2022, 11, 25), text="§ 138, 2022-11-25")
    assert adopted.info.locked
    with pytest.raises(ImmutableRecordError):
        bs.lines.save_line(bid, Line(0, cost.id, "S99", "Ny rad", None, None, 99, D(1)))
    with services.db.engine.begin() as conn:
        with pytest.raises(Exception, match="fastställd"):
            conn.exec_driver_sql("UPDATE budget_line SET budget_ore = 0 WHERE budget_id = ?", (bid,))
    revised = bs.versions.revise_budget(bid, "Plan 2025 kompletterad")
    assert revised.info.version == 2 and revised.info.previous_id == bid and not revised.info.locked
    assert revised.totals.kostnader == doc.totals.kostnader
    assert bs.versions.budget(bid).info.locked


def test_f6_detailed_budget_2023_individ_share_depends_on_classification(services):
    bs = services.budget
    doc = bs.versions.create_budget(2023, with_template=False)
    bid = doc.info.id
    inc = bs.lines.save_section(bid, Section(0, "Intäkter", SectionKind.INTAKT, 1))
    styr = bs.lines.save_section(bid, Section(0, "Styrelsen", SectionKind.KOSTNAD, 2, LineClass.ADMINISTRATION))
    adm = bs.lines.save_section(bid, Section(0, "Administration", SectionKind.KOSTNAD, 3, LineClass.ADMINISTRATION))
    ins = bs.lines.save_section(bid, Section(0, "Insatser 2023", SectionKind.KOSTNAD, 4, LineClass.INDIVIDINRIKTAD))
    n = 0

    def add(sec, label, tkr, cls=None):
        nonlocal n
        n += 1
        return bs.lines.save_line(bid, Line(0, sec.id, f"D{n}", label, cls, None, n, _tkr(tkr)))

    for label, tkr in (
        ("Försäkringskassan/Arbetsförmedlingen", 3680),
        ("Sundsvalls kommun", 1840),
        ("Region Västernorrland", 1840),
    ):
        add(inc, label, tkr)
    add(styr, "Styrelsearvoden", 105)
    add(styr, "Representation", 5)
    for label, tkr in (
        ("Lokalkostnader", 60),
        ("Förbrukningsmaterial", 2),
        ("Kontorsmaterial", 3),
        ("Mobiltelefon", 4),
        ("Porto", 4),
        ("Redovisningstjänster", 75),
        ("IT-tjänster, datadrift", 21),
        ("Konsulter", 790),
        ("Övr. främmande tjänster", 20),
        ("Utbildning/Konferens", 100),
        ("Övriga personalkostnader", 0),
        ("Ränteintäkter", 0),
        ("Övriga finansiella kostnader", 1),
    ):
        add(adm, label, tkr)
    for label, tkr in (
        ("Försäkringskassehandläggare", 194),
        ("Sip-samordnare", 660),
        ("2 st. Arbetskonsulenter", 1322),
        ("2 st. Arbetsförmedlare", 1000),
        ("Psykolog", 912),
        ("Arbetsterapeut", 622),
    ):
        add(ins, label, tkr)
    add(ins, "Utvecklingsledare", 775, LineClass.STRUKTURELL)
    add(ins, "Insatskatalogen", 55, LineClass.STRUKTURELL)
    add(ins, "Psykeveckan", 50, LineClass.STRUKTURELL)
    add(ins, "Kompetensutveckling – Gemensamma utbildning", 170, LineClass.STRUKTURELL)
    nya = add(ins, "Nya insatser/aktiviteter 2023, Sfi, fontänhus, mm", 410, LineClass.STRUKTURELL)
    doc = bs.versions.budget(bid)
    assert doc.totals.sections[styr.id][0] == D(110_000)
    assert doc.totals.sections[adm.id][0] == D(1_080_000)
    assert doc.totals.sections[ins.id][0] == D(6_170_000)
    assert doc.totals.resultat[0] == 0
    view = bs.followup.followup_view(2023, date(2023, 12, 31))
    assert view.individ.pct == D("63.99") and not view.individ.met  # the six AMT services: 64,0 %
    from dataclasses import replace

    bs.lines.save_line(bid, replace(nya, line_class=LineClass.INDIVIDINRIKTAD))
    assert bs.followup.followup_view(2023, date(2023, 12, 31)).individ.pct == D("69.57")  # + nya: 69,6 %


def test_f6_resultatbudget_typo_is_flagged(services):
    bs = services.budget
    bid = bs.versions.create_budget(2023, "Resultatbudget", with_template=False).info.id
    inc = bs.lines.save_section(bid, Section(0, "Verksamhetens intäkter", SectionKind.INTAKT, 1))
    cost = bs.lines.save_section(bid, Section(0, "Kostnader", SectionKind.KOSTNAD, 2, LineClass.ADMINISTRATION))
    bs.lines.save_line(bid, Line(0, inc.id, "I", "Verksamhetens intäkter", None, None, 1, _tkr(7360)))
    bs.lines.save_line(bid, Line(0, cost.id, "K", "Verksamhetens kostnader", None, None, 2, _tkr(7259)))
    bs.lines.save_line(bid, Line(0, cost.id, "F", "Finansiella kostnader", None, None, 3, _tkr(1)))
    bs.lines.set_stated_totals(bid, [StatedTotal(Scope.RESULTAT, Measure.BUDGET, D(0))])
    (m,) = bs.versions.budget(bid).mismatches
    assert (m.stated, m.computed) == (D(0), D(100_000))
