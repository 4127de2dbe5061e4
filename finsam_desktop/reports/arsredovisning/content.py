"""A ``Publication`` as one list of blocks, in RKR's order and with the seed's headings: title page, innehåll,
förvaltningsberättelse (its sections; the five-year overview; balanskravsutredning; god ekonomisk hushållning),
resultaträkning, balansräkning, kassaflödesanalys, driftredovisning, noter, deltagarflöden, styrelsens
underskrifter — and, when the reconciliation found anything, a page listing it right after the contents.

A delårsrapport has the prognos column beside its resultaträkning, a shorter förvaltningsberättelse (no five-year
overview) and the balanskrav as a forecast. The PDF and the .docx both lay out this list.
"""

from __future__ import annotations

from decimal import Decimal

from finsam_desktop.domain.arsredovisning.noter import Note
from finsam_desktop.domain.arsredovisning.overview import GoalVerdict, equity_goal, individ_goal
from finsam_desktop.domain.arsredovisning.publication import DocKind, Publication
from finsam_desktop.domain.arsredovisning.statements import Kind
from finsam_desktop.reports.arsredovisning import tables
from finsam_desktop.reports.common.typst_blocks import (
    Block,
    Document,
    Heading,
    Para,
    Signatures,
    Signer,
    TitlePage,
    Toc,
    text_blocks,
)

DRAFT_MARK = "UTKAST"

PRINCIPER = (
    "Årsredovisningen är i tillämpliga delar upprättad i enlighet med lagen (2018:597) om kommunal bokföring och "
    "redovisning samt rekommendationer från Rådet för kommunal redovisning. Vissa anpassningar har gjorts till "
    "förbundets verksamhet enligt lagen (2003:1210) om finansiell samordning av rehabiliteringsinsatser."
)

SIGN_INTRO = (
    "Vi intygar att årsredovisningen ger en rättvisande bild av förbundets resultat, ekonomiska ställning och "
    "verksamhet under året."
)


def document(pub: Publication) -> Document:
    delar = pub.kind is DocKind.DELARSRAPPORT
    blocks: list[Block] = [_title_page(pub), Toc()]
    if pub.flags:
        blocks += [
            Heading(1, "Avstämning: figurer som inte stämmer", new_page=True),
            Para(
                f"Avstämningen hittade {len(pub.flags)} figur(er) som inte går ihop med de andra. Dokumentet visar "
                "summor så som programmet räknar dem; rätta figurerna innan dokumentet fastställs."
            ),
            tables.flags_table(pub.flags),
        ]
    blocks += _forvaltningsberattelse(pub, delar)
    blocks += _statements(pub, delar)
    number = 5
    if pub.report.drift is not None:
        blocks += [
            Heading(1, f"{number}. Driftredovisning", new_page=True),
            tables.drift_table(pub.report.drift, ""),
            Para(tables.drift_convention_text(pub.report.drift), small=True),
        ]
        if pub.report.drift.text:
            blocks.append(Para(pub.report.drift.text, small=True))
        number += 1
    blocks += _noter(pub, number)
    number += 1
    if pub.flows:
        blocks += [
            Heading(1, f"{number}. Deltagarflöden", new_page=True),
            Para("Antal deltagare per insats under året, som summor; inga uppgifter om enskilda deltagare."),
            *tables.flow_tables(pub.flows, pub.year),
        ]
        number += 1
    if pub.signers:
        blocks += [
            Heading(1, f"{number}. Styrelsens underskrifter", new_page=True),
            Signatures(
                SIGN_INTRO if not delar else "Delårsrapporten är behandlad av styrelsen.",
                tuple(Signer(s.namn, s.roll, s.organisation) for s in pub.signers),
                place_line=f"{pub.ort}, datum" if pub.ort else "Ort och datum",
            ),
        ]
    return Document(
        title=f"{pub.title} – {pub.forbund}",
        author=pub.forbund,
        header=pub.forbund,
        running=pub.title,
        blocks=tuple(blocks),
        draft_mark=DRAFT_MARK if pub.draft else "",
    )


def _title_page(pub: Publication) -> TitlePage:
    below = [f"Organisationsnummer {pub.orgnr}"] if pub.orgnr else []
    if pub.adopted_text:
        below.append(pub.adopted_text)
    if pub.draft:
        below.append("Utkast – inte fastställt av styrelsen")
    return TitlePage((pub.forbund,), pub.title, tuple(below))


def _forvaltningsberattelse(pub: Publication, delar: bool) -> list[Block]:
    report = pub.report
    out: list[Block] = [Heading(1, "1. Förvaltningsberättelse", new_page=True)]
    placed = set()
    n = 0
    for section in pub.sections:
        n += 1
        out.append(Heading(2, f"1.{n} {section.heading}"))
        out += text_blocks(section.body)
        if section.key == "viktiga_forhallanden" and not delar and report.five_year is not None:
            out += _five_year(pub)
            placed.add("five_year")
        if section.key == "god_ekonomisk_hushallning":
            out += _balanskrav(pub, delar) + _goals(pub)
            placed.add("goals")
    if "five_year" not in placed and not delar and report.five_year is not None:
        n += 1
        out += [Heading(2, f"1.{n} Översikt över verksamhetens utveckling"), *_five_year(pub)[1:]]
    if "goals" not in placed:
        n += 1
        out += [Heading(2, f"1.{n} God ekonomisk hushållning och balanskrav"), *_balanskrav(pub, delar), *_goals(pub)]
    return out


def _five_year(pub: Publication) -> list[Block]:
    assert pub.report.five_year is not None
    return [
        Heading(3, "Översikt över verksamhetens utveckling"),
        tables.five_year_table(pub.report.five_year, ""),
    ]


def _balanskrav(pub: Publication, delar: bool) -> list[Block]:
    report = pub.report
    rr = pub.prognos if delar and pub.prognos is not None else report.rr
    arets = rr.value(pub.year, "rr_arets_resultat") if rr.kind is Kind.RR else None
    bk = report.balanskrav
    adjustments = dict(bk.adjustments) if bk is not None else {}
    result = bk.computed_result(arets) if bk is not None else arets
    heading = "Balanskravsutredning (prognos för helåret)" if delar else "Balanskravsutredning"
    out: list[Block] = [Heading(3, heading), tables.balanskrav_table(arets, adjustments, result, "")]
    if not any(adjustments.values()):
        out.append(
            Para(
                "Förbundet har inga realisationsvinster, realisationsförluster, orealiserade vinster eller förluster. "
                "Balanskravsresultatet är därmed detsamma som årets resultat enligt resultaträkningen."
            )
        )
    if isinstance(result, Decimal) and result < 0:
        out.append(
            Para(
                "Balanskravsresultatet är negativt. Ett negativt balanskravsresultat ska återställas inom de tre "
                "följande åren (11 kap. 12 § kommunallagen, som gäller för förbundet)."
            )
        )
    return out


def _income_note(pub: Publication) -> Note | None:
    return next((n for n in pub.report.notes if n.statement_line == "rr_intakter"), None)


def goal_verdicts(pub: Publication) -> list[GoalVerdict]:
    """The god ekonomisk hushållning goals with their verdicts (Budget's goals, applied by the domain)."""
    note = _income_note(pub)
    tilldelade = note.source_total(pub.year, huvudman=True) if note is not None else None
    if tilldelade is None:
        return []
    tilldelade *= note.unit.factor  # type: ignore[union-attr]
    ek = pub.report.br.value(pub.year, "br_eget_kapital")
    goals = [equity_goal(ek, tilldelade)]
    if pub.report.drift is not None:
        goals.append(individ_goal(pub.report.drift.class_totals_kr(), tilldelade))
    return goals


def _goals(pub: Publication) -> list[Block]:
    goals = goal_verdicts(pub)
    if not goals:
        return []
    return [Heading(3, "Mål för god ekonomisk hushållning"), tables.goals_table(goals, "")]


def _statements(pub: Publication, delar: bool) -> list[Block]:
    report = pub.report
    per = pub.per.isoformat() if delar else None
    rr_per = f"Utfall t.o.m. {per}" if per else None
    return [
        Heading(1, "2. Resultaträkning", new_page=True),
        tables.statement_table(report.rr, "", rr_per, pub.prognos if delar else None, keep_empty=True),
        Heading(1, "3. Balansräkning"),
        tables.statement_table(report.br, "", per),
        Heading(1, "4. Kassaflödesanalys", new_page=True),
        tables.statement_table(report.kf, "", rr_per),
    ]


def _noter(pub: Publication, number: int) -> list[Block]:
    out: list[Block] = [Heading(1, f"{number}. Noter", new_page=True)]
    notes = sorted(pub.report.notes, key=lambda n: (len(n.number), n.number))
    if not any(n.number == "1" for n in notes):
        out += [Heading(2, "Not 1. Redovisningsprinciper"), Para(PRINCIPER)]
    for note in notes:
        out.append(Heading(2, f"Not {note.number}. {note.title}"))
        out += text_blocks(note.text)
        if note.lines:
            kind = Kind.BR if (note.statement_line or "").startswith("br_") else Kind.RR
            out.append(tables.note_table(note, kind))
    return out
