"""Attest & delegation commands: exports (signaturlista, attestordning, delegationsordning, register),
``attest-check`` (Får NN attestera?) and ``list delegationsbeslut``."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from finsam_desktop import clock
from finsam_desktop.cli.common import CliError, CommandSet, Context
from finsam_desktop.domain.attest.rules import ATTEST_TYPE_LABELS, KIND_ATTEST, KIND_DELEGATION, KIND_LABELS, AttestType
from finsam_desktop.domain.common.dates import iso, parse_date
from finsam_desktop.domain.common.money import format_kr, parse_amount

TYPE_ALIASES = {
    "beslutsattest": AttestType.BESLUTSATTEST,
    "behorighetsattest": AttestType.BESLUTSATTEST,
    "behörighetsattest": AttestType.BESLUTSATTEST,
    "betalningsattest": AttestType.BESLUTSATTEST,
    "mottagningsattest": AttestType.MOTTAGNINGSATTEST,
    "utanordning": AttestType.UTANORDNING,
    "betalning": AttestType.UTANORDNING,
    "bokforingsorder": AttestType.BOKFORINGSORDER,
    "bokföringsorder": AttestType.BOKFORINGSORDER,
    "deklarationsombud": AttestType.DEKLARATIONSOMBUD,
}


def _format(path: Path, allowed: tuple[str, ...]) -> str:
    suffix = path.suffix.lower().lstrip(".")
    if suffix not in allowed:
        raise CliError(f"Filen {path} ska sluta på {' eller '.join('.' + a for a in allowed)}.")
    return suffix


def _write(ctx: Context, path: Path, data: bytes) -> None:
    path.write_bytes(data)
    ctx.print(f"Skrev {path} ({len(data) // 1024 + 1} kB)")


def _version(ctx: Context, kind: str, year: int):
    services = ctx.workspace().services
    version = services.attest.versions.version_for_year(kind, year)
    if version is None:
        raise CliError(f"Det finns ingen {KIND_LABELS[kind].lower()} för {year}.")
    if not version.adopted:
        ctx.print(f"Obs: {version.titel} är ett utkast (inte antagen).")
    return services, version


def cmd_export_signaturlista(args: argparse.Namespace, ctx: Context) -> int:
    path = Path(args.output)
    fmt = _format(path, ("pdf", "xlsx"))
    services, _version_info = _version(ctx, KIND_ATTEST, args.year)
    _write(ctx, path, services.attest.exports.export_signaturlista(args.year, fmt))
    return 0


def cmd_export_attestordning(args: argparse.Namespace, ctx: Context) -> int:
    path = Path(args.output)
    fmt = _format(path, ("pdf", "xlsx"))
    services, version = _version(ctx, KIND_ATTEST, args.year)
    _write(ctx, path, services.attest.exports.export_attestordning(version.id, fmt))
    return 0


def cmd_export_delegationsordning(args: argparse.Namespace, ctx: Context) -> int:
    path = Path(args.output)
    fmt = _format(path, ("pdf", "xlsx"))
    services, version = _version(ctx, KIND_DELEGATION, args.year)
    _write(ctx, path, services.attest.exports.export_delegationsordning(version.id, fmt))
    return 0


def cmd_export_register(args: argparse.Namespace, ctx: Context) -> int:
    path = Path(args.output)
    fmt = _format(path, ("pdf", "xlsx"))
    services = ctx.workspace().services
    _write(ctx, path, services.attest.exports.export_register(args.year, fmt))
    return 0


def cmd_attest_check(args: argparse.Namespace, ctx: Context) -> int:
    typ_key = (args.typ or "beslutsattest").strip().lower()
    if typ_key not in TYPE_ALIASES:
        raise CliError(f"Okänd attesttyp ”{args.typ}” (--typ). Välj bland: {', '.join(sorted(set(TYPE_ALIASES)))}.")
    typ = TYPE_ALIASES[typ_key]
    belopp = parse_amount(args.belopp, "--belopp")
    datum = parse_date(args.datum, "--datum")
    services = ctx.workspace().services
    ans = services.attest.check.check(args.person, typ, belopp, datum, args.mottagare or "", args.omfattning or "")
    mottagare = f" till {args.mottagare}" if args.mottagare else ""
    ctx.print(
        f"Får {args.person} göra {ATTEST_TYPE_LABELS[typ].lower()} på {format_kr(belopp)}{mottagare} {iso(datum)}?"
    )
    ctx.print(f"{'JA' if ans.allowed else 'NEJ'} – {ans.rule}")
    if ans.version:
        ctx.print(f"Avgjort av: {ans.version}")
    for reason in ans.reasons:
        ctx.print(f"  {reason}")
    if ans.allowed and ans.signers_required >= 2:
        ctx.print("  Betalningen kräver två signaturer i förening.")
    return 0 if ans.allowed else 1


def cmd_list_decisions(args: argparse.Namespace, ctx: Context) -> int:
    services = ctx.workspace().services
    if args.ej_anmalda:
        decisions = services.attest.anmalan.unreported_decisions(
            date(args.year, 12, 31) if args.year else clock.today()
        )
    else:
        decisions = services.attest.decisions.list_decisions(args.year)
    if not decisions:
        ctx.print("Inga delegationsbeslut.")
        return 0
    for d in decisions:
        belopp = format_kr(d.belopp) if d.belopp is not None else "–"
        flag = " ⚠ " + " ".join(d.check.warnings) if d.check.warnings else ""
        ctx.print(f"{iso(d.datum)}  {d.delegat_namn:<20} {d.arende} ({belopp}) – {d.status_text}{flag}")
    return 0


def register(commands: CommandSet) -> None:
    for kind, handler, help_text in (
        ("signaturlista", cmd_export_signaturlista, "signaturlistan för ett år (PDF eller Excel)"),
        ("attestordning", cmd_export_attestordning, "attest- och utanordningsinstruktionen för ett år"),
        ("delegationsordning", cmd_export_delegationsordning, "delegationsordningen för ett år som beslutsdokument"),
    ):
        p = commands.export(kind, handler, help_text)
        p.add_argument("--year", type=int, help="år (standard: i år)")
        p.set_defaults(year_defaults_to_this=True)
        p.add_argument("-o", "--output", required=True, metavar="FIL", help="fil att skriva (.pdf eller .xlsx)")
    p = commands.export("delegationsbeslut", cmd_export_register, "registret över delegationsbeslut")
    p.add_argument("--year", type=int, default=None, help="bara beslut från detta år")
    p.add_argument("-o", "--output", required=True, metavar="FIL", help="fil att skriva (.pdf eller .xlsx)")

    p = commands.command("attest-check", cmd_attest_check, "Får NN attestera? Svarar ja/nej med regel och version")
    p.add_argument("--person", required=True, metavar="NAMN", help="den som ska attestera")
    p.add_argument("--belopp", required=True, metavar="BELOPP", help="belopp i kronor, t.ex. 12 500 eller 81774,50")
    p.add_argument("--datum", required=True, metavar="DATUM", help="datum för attesten")
    p.add_argument("--mottagare", metavar="NAMN", help="betalningsmottagare (person eller organisation)")
    p.add_argument(
        "--typ",
        metavar="TYP",
        help="beslutsattest (standard), mottagningsattest, utanordning, bokforingsorder, deklarationsombud",
    )
    p.add_argument("--omfattning", metavar="TEXT", help="kostnadsställe, insats eller konto")

    p = commands.listing("delegationsbeslut", cmd_list_decisions, "delegationsbeslut med status och kontroll")
    p.add_argument("--year", type=int, default=None, help="bara beslut från detta år")
    p.add_argument("--ej-anmalda", action="store_true", help="bara beslut som ännu inte anmälts till styrelsen")
