"""What every area's commands share: the context (the open file, the output), the command set areas register
their commands in, the Swedish argument parser and the usage error."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from finsam_desktop.domain.common.errors import FinsamError

if TYPE_CHECKING:
    from finsam_desktop.services.workspace import Workspace

Handler = Callable[[argparse.Namespace, "Context"], int | None]


class CliError(FinsamError):
    """A usage error detected by a command (bad option value, ambiguous id)."""


@dataclass
class Context:
    #: The file, or a server URL (a string, docs/postgresql.md).
    db_path: Path | str
    out: object = field(default_factory=lambda: sys.stdout)
    _workspace: Workspace | None = None

    def workspace(self, write: bool = False) -> Workspace:
        """Open the file: for writing with the lock (the automatic backup is made just before the first change
        is committed, so a command that fails or changes nothing makes none), else read-only."""
        if self._workspace is None:
            # Imported here: SQLAlchemy and the services load only for a command that opens the file, so
            # ``finsam --help`` and a usage error answer at once.
            from finsam_desktop.services.workspace import open_workspace

            if not write and isinstance(self.db_path, Path) and not self.db_path.exists():
                raise CliError(
                    f"Databasfilen {self.db_path} finns inte. Skapa den med ”finsam init” eller ”finsam demo”."
                )
            target = self.db_path
            if self.is_server:  # ``--db URL`` without a password: the keyring's, if it keeps one for it
                from finsam_desktop.services.server_db import with_stored_password

                target = with_stored_password(str(target))
            self._workspace = open_workspace(target, read_only=not write, create=write)
        if write and self._workspace.read_only_reason:
            raise CliError(self._workspace.read_only_reason)
        return self._workspace

    @property
    def is_server(self) -> bool:
        return not isinstance(self.db_path, Path)

    @property
    def shown(self) -> str:
        """The file or the server URL as messages show it: a password in the URL as ``***``."""
        if not self.is_server:
            return str(self.db_path)
        from sqlalchemy.engine import make_url  # only for a server database: fast start otherwise

        return make_url(str(self.db_path)).render_as_string(hide_password=True)

    def require_file(self, message: str) -> Path:
        """The file; a command that works on files only says ``message`` for a server database."""
        if self.is_server:
            raise CliError(message)
        return self.db_path  # type: ignore[return-value]

    def print(self, *parts: object) -> None:
        print(*parts, file=self.out)

    def close(self) -> None:
        if self._workspace is not None:
            self._workspace.close()
            self._workspace = None


class CommandSet:
    """What area modules use to add commands."""

    def __init__(self, parser: argparse.ArgumentParser):
        self._top = parser.add_subparsers(dest="command", metavar="KOMMANDO")
        self._top.required = True
        export = self._top.add_parser("export", help="exportera dokument (PDF, Excel, iCalendar)")
        self._export = export.add_subparsers(dest="kind", metavar="VAD")
        self._export.required = True
        listing = self._top.add_parser("list", help="lista innehåll")
        self._list = listing.add_subparsers(dest="kind", metavar="VAD")
        self._list.required = True

    @staticmethod
    def _bind(parser: argparse.ArgumentParser, handler: Handler) -> argparse.ArgumentParser:
        parser.set_defaults(handler=handler)
        return parser

    def command(self, name: str, handler: Handler, help: str, free_text: bool = False) -> argparse.ArgumentParser:
        """``free_text``: words starting with a single ``-`` that are not the command's own flags are text
        (``finsam search -budget`` searches for ”-budget”)."""
        parser = self._bind(self._top.add_parser(name, help=help, description=help), handler)
        parser.free_text = free_text  # type: ignore[attr-defined]
        return parser

    def group(self, name: str, help: str) -> CommandGroup:
        """A command with subcommands (``finsam db migrate-to``); several areas may add to the same group."""
        groups = self.__dict__.setdefault("_groups", {})
        if name not in groups:
            parser = self._top.add_parser(name, help=help, description=help)
            sub = parser.add_subparsers(dest=f"{name}_command", metavar="KOMMANDO")
            sub.required = True
            sub._parser_class = SwedishParser  # type: ignore[attr-defined]
            groups[name] = CommandGroup(sub)
        return groups[name]

    def export(self, kind: str, handler: Handler, help: str) -> argparse.ArgumentParser:
        return self._bind(self._export.add_parser(kind, help=help, description=help), handler)

    def listing(self, kind: str, handler: Handler, help: str) -> argparse.ArgumentParser:
        return self._bind(self._list.add_parser(kind, help=help, description=help), handler)

    def database(self, name: str, handler: Handler, help: str) -> argparse.ArgumentParser:
        """``finsam db NAME``: the database itself (roles on a server database, moving to another database)."""
        return self.group("db", DB_HELP).command(name, handler, help)


#: The help of ``finsam db``, whichever area registers its first subcommand.
DB_HELP = "databasen: roller och behörigheter (PostgreSQL), flytta till en annan databas"


class CommandGroup:
    """The subcommands of one ``CommandSet.group``."""

    def __init__(self, subparsers):
        self._sub = subparsers

    def command(self, name: str, handler: Handler, help: str) -> argparse.ArgumentParser:
        return CommandSet._bind(self._sub.add_parser(name, help=help, description=help), handler)


class SwedishParser(argparse.ArgumentParser):
    """argparse with Swedish headings, help flag and error messages."""

    def __init__(self, *args, **kwargs):
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = "argument"
        self._optionals.title = "flaggor"
        self.add_argument("-h", "--help", action="help", help="visa den här hjälpen och avsluta")

    free_text = False

    def _parse_optional(self, arg_string: str):
        if (
            self.free_text
            and arg_string.startswith("-")
            and not arg_string.startswith("--")
            and arg_string.split("=", 1)[0] not in self._option_string_actions
        ):
            return None  # a word of the text, not an unknown flag
        return super()._parse_optional(arg_string)

    def format_usage(self) -> str:
        return super().format_usage().replace("usage:", "användning:", 1)

    def format_help(self) -> str:
        return super().format_help().replace("usage:", "användning:", 1)

    def error(self, message: str) -> None:  # pragma: no cover - exercised through main()
        self.print_usage(sys.stderr)
        translated = (
            message.replace("the following arguments are required", "följande argument krävs")
            .replace("invalid choice", "ogiltigt val")
            .replace("(choose from", "(välj bland")
            .replace("unrecognized arguments", "okända argument")
            .replace("expected one argument", "ett värde krävs")
            .replace("one of the arguments", "ett av argumenten")
            .replace(" is required", " krävs")
            .replace("not allowed with argument", "kan inte kombineras med argument")
            .replace("invalid int value", "ogiltigt heltal")
            .replace("invalid float value", "ogiltigt tal")
        )
        self.exit(2, f"finsam: fel: {translated}\n")


def fit(text: str, width: int) -> str:
    """``text`` in a column of ``width`` characters: shortened with "…" when it does not fit, so a reader sees
    that something is left out (the whole text is in the exports)."""
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"
