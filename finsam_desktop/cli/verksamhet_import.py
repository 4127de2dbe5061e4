"""Verksamhet from the command line: ``finsam import deltagare --fil F.csv [--mapping …]``, the deltagare statistics
(aggregates per insats and month) from the national follow-up system's export, all rows or nothing."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from finsam_desktop.cli.common import CliError, CommandSet, Context
from finsam_desktop.domain.internkontroll.stickprov_mapping import quoted
from finsam_desktop.domain.verksamhet.deltagare_csv import FIELD_BY_NAME, label_of, mapping_text

if TYPE_CHECKING:
    from finsam_desktop.services.verksamhet.deltagare import Preview


def _mapping(arg: str | None, preview: Preview) -> tuple[dict[str, str], str]:
    """The guessed mapping with ``--mapping fält=kolumn,…`` on top (``fält=`` without a column: not in the file);
    a role the guess left open that ``--mapping`` does not settle is reported."""
    mapping = dict(preview.mapping)
    given: set[str] = set()
    for part in (arg or "").split(","):
        if not part.strip():
            continue
        if "=" not in part:
            raise CliError(f"”{part.strip()}” ska skrivas fält=kolumn (--mapping).")
        name, col = (x.strip() for x in part.split("=", 1))
        key = name.lower()
        if ":" not in key and key not in FIELD_BY_NAME:
            by_label = [f.name for f in FIELD_BY_NAME.values() if f.label.lower() == key]
            if not by_label:
                raise CliError(
                    f"Okänt fält ”{name}”; välj bland {', '.join(FIELD_BY_NAME)}, avslut:KOD eller "
                    "anvisade:ORGANISATION (--mapping)."
                )
            key = by_label[0]
        if ":" in key:
            kind, rest = name.split(":", 1)
            key = f"{kind.strip().lower()}:{rest.strip()}"
        if col and col not in preview.headers:
            raise CliError(f"Filen har ingen kolumn ”{col}”; den har {quoted(preview.headers)} (--mapping).")
        given.add(key)
        for other in [k for k, v in mapping.items() if col and v == col and k not in given]:
            del mapping[other]
        mapping[key] = col
    open_roles = {k: v for k, v in preview.ambiguous.items() if k not in given}
    problem = ""
    if open_roles:
        lines = [f"  {label_of(k)}: {' eller '.join(f'”{c}”' for c in cols)}" for k, cols in open_roles.items()]
        example = ",".join(f"{k}={cols[0]}" for k, cols in open_roles.items())
        problem = (
            "Kolumnkopplingen går inte att gissa säkert; flera kolumner passar för samma fält:\n"
            + "\n".join(lines)
            + f'\nAnge vilken kolumn som gäller med --mapping, t.ex. --mapping "{example}".'
        )
    return {k: v for k, v in mapping.items() if v}, problem


def cmd_import_deltagare(args: argparse.Namespace, ctx: Context) -> int:
    path = Path(args.fil)
    if not path.exists():
        raise CliError(f"Filen {path} finns inte (--fil).")
    data = path.read_bytes()
    ws = ctx.workspace(write=not args.torrkorning)
    service = ws.services.verksamhet.deltagare
    preview = service.preview_file(data, path.name)
    mapping, problem = _mapping(args.mapping, preview)
    ctx.print(mapping_text(mapping))
    if problem:
        raise CliError(problem)
    if args.torrkorning:
        parsed = service.parse_file(data, path.name, mapping)
        for note in parsed.notes:
            ctx.print(note)
        ctx.print(f"Torrkörning: {len(parsed.rows)} rader (insats och månad) skulle läsas in; inget sparades.")
        return 0
    result = service.import_file(data, path.name, mapping)
    for note in result.notes:
        ctx.print(note)
    ctx.print(result.summary)
    return 0


def register(commands: CommandSet) -> None:
    kinds = commands.import_kinds  # the ``import`` command (cli/budget.py)
    p = kinds.add_parser(
        "deltagare",
        help="deltagarstatistik per insats och månad (export från uppföljningssystemet, .csv eller .xlsx)",
        description="Importera deltagarstatistik (endast antal, inga personuppgifter) per insats och månad. Allt "
        "eller inget: en felaktig rad avvisar hela filen med rad och kolumn. Samma insats och månad importerad "
        "igen ersätts, aldrig dubbelt.",
    )
    p.set_defaults(handler=cmd_import_deltagare)
    p.add_argument("--fil", required=True, metavar="FIL", help="exporten (.csv med ; eller .xlsx)")
    p.add_argument(
        "--mapping",
        "--koppling",
        dest="mapping",
        metavar="FÄLT=KOLUMN,…",
        help='kolumnkoppling utöver den gissade, t.ex. "insats=Projekt,avslut:arbete=Till jobb"; fält= utan '
        "kolumn: filen saknar fältet (fält: " + ", ".join(FIELD_BY_NAME) + ", avslut:KOD, anvisade:ORGANISATION)",
    )
    p.add_argument("--torrkorning", action="store_true", help="kontrollera filen utan att spara")
