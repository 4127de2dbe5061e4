"""Budget commands: ``finsam export budget``, ``finsam import utfall`` (``--tecken``), ``finsam import
ångra-utfall``, ``finsam list budget`` and ``finsam list utbetalningar``."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from finsam_desktop import clock
from finsam_desktop.cli.common import CliError, CommandSet, Context, fit
from finsam_desktop.domain.budget.followup import RowKind
from finsam_desktop.domain.budget.lines import format_pct
from finsam_desktop.domain.budget.presentation import (
    amount_text,
    avvikelse_share,
    pct_text,
    presented_rows,
    prior_figures,
    sum_text,
    unfavourable,
)
from finsam_desktop.domain.common.dates import parse_date
from finsam_desktop.domain.common.money import format_kr


def _per(args: argparse.Namespace) -> date | None:
    if not args.per:
        return None
    per = parse_date(args.per, "--per")
    if per.year != args.year:
        raise CliError(f"--per {per.isoformat()} ligger inte i budgetåret {args.year}.")
    return per


def cmd_export_budget(args: argparse.Namespace, ctx: Context) -> int:
    out = Path(args.output)
    suffix = out.suffix.lower()
    if suffix not in (".xlsx", ".pdf"):
        raise CliError("Utfilen måste sluta på .xlsx eller .pdf (-o).")
    bs = ctx.workspace(write=False).services.budget
    per = _per(args)
    data = bs.exports.export_xlsx(args.year, per) if suffix == ".xlsx" else bs.exports.export_pdf(args.year, per)
    out.write_bytes(data)
    view = bs.followup.followup_view(args.year, per)
    ctx.print(f"{view.title} ({view.budget.label}) sparad i {out}")
    for m in view.mismatches:
        ctx.print(f"  Obs: {m.message}")
    return 0


def cmd_import_utfall(args: argparse.Namespace, ctx: Context) -> int:
    path = Path(args.fil)
    if not path.exists():
        raise CliError(f"Filen {path} finns inte.")
    extra = {}
    for pair in args.koppla or []:
        konto, sep, kod = pair.partition("=")
        if not sep or not konto.strip() or not kod.strip():
            raise CliError(f"--koppla ”{pair}”: skriv KONTO=RADKOD, t.ex. 7010=LON.")
        extra[konto.strip()] = kod.strip()
    bs = ctx.workspace(write=not args.torrkorning).services.budget
    result = bs.utfall.import_utfall(
        path.read_bytes(),
        path.name,
        mapping_name=args.mapping,
        extra_mapping=extra or None,
        year=args.year,
        dry_run=args.torrkorning,
        sign=args.tecken,
    )
    ctx.print(result.message)
    return 0


def cmd_undo_import(args: argparse.Namespace, ctx: Context) -> int:
    bs = ctx.workspace(write=True).services.budget
    ctx.print(bs.utfall.undo_last_import(args.year or clock.today().year))
    return 0


def cmd_list_budget(args: argparse.Namespace, ctx: Context) -> int:
    bs = ctx.workspace(write=False).services.budget
    year = args.year or clock.today().year
    view = bs.followup.followup_view(year, _per(argparse.Namespace(per=args.per, year=year)))
    ctx.print(f"{view.forbund_namn} – {view.title}")
    ctx.print(f"{view.budget.label}. Belopp i {view.unit.label}.")
    unit = view.unit

    def n(value) -> str:
        return amount_text(value, unit) if value is not None else "–"

    prior = dict(zip(map(id, view.result.rows), prior_figures(view.result.rows, view.prior_utfall), strict=True))
    ctx.print(
        f"{'':46}{'Budget':>14}{'Prognos':>14}{'Utfall':>14}{'Avvikelse':>14}{'%':>9}"
        f"{'Förv. helår':>14}{f'Utfall {view.prior_year}':>14}"
    )
    for r in presented_rows(view.result.rows):
        if r.kind is RowKind.SECTION:
            ctx.print(r.namn.upper())
            continue
        if args.avvikande and r.is_figure_row and not r.off_budget:
            continue
        indent = "    " if r.kind is RowKind.SUB else "  " if r.is_figure_row else ""
        utfall = n(r.utfall) if r.utfall is not None else (r.utfall_note or "–")
        flag = "  !" if r.off_budget and unfavourable(r) else "  (bättre)" if r.off_budget else ""
        ctx.print(
            f"{fit(indent + r.namn, 45):46}{n(r.budget):>14}{n(r.prognos):>14}{utfall[:13]:>14}"
            f"{n(r.avvikelse):>14}{pct_text(avvikelse_share(r)) or '–':>9}{n(r.helar):>14}{n(prior[id(r)]):>14}" + flag
        )
    eq = view.equity
    ctx.print(
        f"Eget kapital: {sum_text(eq.opening, eq.result_prognos, eq.closing_prognos, unit)} (prognos). "
        f"{eq.verdict(eq.closing_prognos)}"
    )
    ctx.print(f"Förbundets mål för eget kapital: {eq.band_text}.")
    for p in eq.plan_rows():
        ctx.print(f"  Plan {p.year}: {sum_text(p.opening, p.result, p.closing, unit)}")
    if eq.opening_finding:
        ctx.print(f"Obs: {eq.opening_finding}")
    ctx.print(
        f"Individinriktade insatser: {format_pct(view.individ.pct)} av tilldelade medel (mål {view.individ.goal_pct} %)."
    )
    for m in view.mismatches:
        ctx.print(f"Obs: {m.message}")
    return 0


def cmd_list_payments(args: argparse.Namespace, ctx: Context) -> int:
    bs = ctx.workspace(write=False).services.budget
    rows = bs.grants.payout_schedule(args.year)
    if not rows:
        ctx.print("Inga beviljade insatsmedel.")
        return 0
    for r in rows:
        p = r.payment
        ctx.print(
            f"{r.year}  {fit(r.insats_namn, 44):45}{format_kr(p.amount):>16}  {p.status.label:<11}"
            f"{p.paid_on.isoformat() if p.paid_on else p.trigger.label}"
        )
    return 0


def register(commands: CommandSet) -> None:
    p = commands.export("budget", cmd_export_budget, "budgetuppföljning som Excel (.xlsx) eller PDF")
    p.add_argument("--year", type=int, required=True, help="budgetåret")
    p.add_argument("--per", metavar="DATUM", help="uppföljning per datum (standard: den senaste)")
    p.add_argument("-o", "--output", required=True, metavar="FIL", help="FIL.xlsx eller FIL.pdf")

    imp = commands.command("import", lambda a, c: 2, "importera data (utfall från ekonomisystemet)")
    sub = imp.add_subparsers(dest="import_kind", metavar="VAD", parser_class=type(imp))
    sub.required = True
    commands.import_kinds = sub  # other areas add their kinds (``finsam import sie``, cli/arsredovisning.py)
    u = sub.add_parser(
        "utfall",
        help="utfall per konto och månad (.csv eller .xlsx)",
        description="Importera utfall (konto/kostnadsställe, period, belopp). Allt eller inget; "
        "en ny import ersätter exakt de månader och konton/kostnadsställen filen innehåller.",
    )
    u.set_defaults(handler=cmd_import_utfall)
    u.add_argument("--fil", required=True, metavar="FIL", help="exporten från ekonomisystemet")
    u.add_argument("--mapping", default="standard", metavar="NAMN", help="sparad kontokoppling (standard: standard)")
    u.add_argument("--koppla", action="append", metavar="KONTO=KOD", help="koppla ett konto till en budgetrad (sparas)")
    u.add_argument("--year", type=int, help="budgetåret (standard: året i filen)")
    u.add_argument("--torrkorning", action="store_true", help="visa vad som skulle importeras utan att spara")
    u.add_argument(
        "--tecken",
        choices=("bas", "budget"),
        help="filens tecken: bas (intäkter negativa, som SIE/ekonomisystem) eller budget (alla positiva); "
        "standard: det som valdes senast för kopplingen",
    )
    undo = sub.add_parser(
        "ångra-utfall",
        help="ångra den senaste utfallsimporten",
        description="Ångra den senaste utfallsimporten för året: det den lade till tas bort och det den ersatte "
        "återställs.",
    )
    undo.set_defaults(handler=cmd_undo_import)
    undo.add_argument("--year", type=int, help="budgetåret (standard: i år)")

    p = commands.listing("budget", cmd_list_budget, "budgetuppföljning i terminalen")
    p.add_argument("--year", type=int, help="budgetåret (standard: i år)")
    p.add_argument("--per", metavar="DATUM", help="uppföljning per datum")
    p.add_argument("--avvikande", action="store_true", help="visa bara rader som avviker från budgeten")

    p = commands.listing("utbetalningar", cmd_list_payments, "utbetalningsplan för beviljade insatsmedel")
    p.add_argument("--year", type=int, help="endast beviljanden för detta år")
