"""Composition root: the only module that knows every layer. ``finsam-desktop`` starts here."""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QLibraryInfo, QLocale, QObject, QTimer, QTranslator
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget
from shiboken6 import isValid

from finsam_desktop import APP_NAME, __version__, clock
from finsam_desktop.domain.common.errors import FinsamError
from finsam_desktop.paths import DB_ENV, default_db_path, is_server_url, resolve_db_path
from finsam_desktop.persistence.lock import DatabaseLockedError
from finsam_desktop.ui.events import AppEvents
from finsam_desktop.ui.focus_style import install_focus_style
from finsam_desktop.ui.main_window import MainWindow, settings
from finsam_desktop.ui.qt_platform import xcb_problem

if TYPE_CHECKING:
    from finsam_desktop.services.workspace import Workspace

#: Set to 1 to quit as soon as the main window shows the open file, printing
#: ``FINSAM_FIRST_PAINT <unix time> <window title>`` at the window's first paint (before the file is open) and
#: ``FINSAM_DATA_VISIBLE <unix time> <window title>`` when the current tab shows the file's data (used by
#: benchmarks/startup.py and to smoke-test a packaged build).
EXIT_AFTER_SHOW_ENV = "FINSAM_EXIT_AFTER_SHOW"
#: With ``FINSAM_EXIT_AFTER_SHOW=1``: save what the screen shows (the window system's pixels, not Qt's own
#: rendering) to this PNG before quitting. ``.ci/window_smoke.sh`` uses it under Xvfb.
SCREENSHOT_ENV = "FINSAM_SCREENSHOT"


# SQLAlchemy, Alembic and the services load only once the window is up: these wrappers import them when called.


def open_workspace(path: Path, **kwargs) -> Workspace:
    from finsam_desktop.services.workspace import open_workspace as open_ws

    return open_ws(path, **kwargs)


def build_demo(services, year: int) -> None:
    from finsam_desktop.services.demo import build_demo as build

    build(services, year)


def is_new_file(path: Path) -> bool:
    """No FINSAM database at ``path`` yet (missing, empty, or an empty SQLite file)."""
    from finsam_desktop.persistence.migrator import FileState, inspect_file

    return inspect_file(path).state is FileState.NEW


def demo_db_path() -> Path:
    return default_db_path().with_name("demo.sqlite")


def last_used_path() -> Path | str | None:
    """The file open when the app last closed, unless it was the demo or no longer exists; or the server database
    (its URL without the password: that comes from the keyring, or is asked for)."""
    value = settings().value("main/last_db")
    if not value:
        return None
    if is_server_url(str(value)):
        return str(value)
    path = Path(str(value))
    if not path.exists() or path.resolve() == demo_db_path().resolve():
        return None
    return path


def startup_path(args: argparse.Namespace) -> Path | str:
    """``--db`` > ``FINSAM_DB`` > the file used last time > the default data file."""
    if args.demo:
        return resolve_db_path(args.db) if args.db else demo_db_path()
    if args.db or os.environ.get(DB_ENV):
        return resolve_db_path(args.db)
    return last_used_path() or default_db_path()


def _day(text: str):
    try:
        return clock.parse_day(text, "--today")
    except clock.ClockError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="finsam-desktop", description=f"{APP_NAME} {__version__}")
    parser.add_argument("--db", metavar="FIL", help="databasfil (annars FINSAM_DB eller standardplatsen)")
    parser.add_argument("--demo", action="store_true", help="öppna demoförbundet (skapas vid behov)")
    parser.add_argument("--read-only", action="store_true", help="öppna skrivskyddat")
    parser.add_argument(
        "--today",
        metavar="ÅÅÅÅ-MM-DD",
        type=_day,
        help=f"visa allt som om dagens datum vore detta (annars {clock.ENV} eller datorns datum)",
    )
    return parser.parse_args(argv)


def setup_application(argv: list[str]) -> QApplication:
    app = QApplication.instance() or QApplication(argv)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName("FINSAM")
    app.setApplicationVersion(__version__)
    install_focus_style(app)
    QLocale.setDefault(QLocale(QLocale.Language.Swedish, QLocale.Country.Sweden))
    translations = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name in ("qtbase_sv", "qt_sv"):
        translator = QTranslator(app)
        if translator.load(name, translations):
            app.installTranslator(translator)
    return app


def _headless() -> bool:
    return os.environ.get(EXIT_AFTER_SHOW_ENV) == "1" or QApplication.platformName() in ("offscreen", "minimal")


def fatal(title: str, text: str, parent: QWidget | None = None) -> None:
    """An error before a file is open: stderr always, a message box when someone can see it."""
    print(f"{title}: {text}", file=sys.stderr, flush=True)
    if not _headless():
        QMessageBox.critical(parent, title, text)


def ensure_demo(path: Path, year: int | None = None) -> None:
    """Create the demo file unless it already holds a förbund."""
    if not is_new_file(path):
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    ws = open_workspace(path, auto_backup=False)
    try:
        build_demo(ws.services, year or clock.today().year)
    except BaseException:
        ws.close()
        # A half-built demo would be opened next time as if it were complete.
        for leftover in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
            leftover.unlink(missing_ok=True)
        raise
    ws.close()


def open_interactively(path: Path, read_only: bool = False, parent=None) -> Workspace | None:
    """Open ``path``; on a lock, offer read-only; on refusal, explain. None when not opened."""
    try:
        workspace = open_workspace(path, read_only=read_only)
        if workspace.read_only_reason and not _headless():
            QMessageBox.warning(parent, "Filen öppnas skrivskyddad", workspace.read_only_reason)
        return workspace
    except DatabaseLockedError as exc:
        answer = QMessageBox.question(
            parent,
            "Filen används redan",
            f"{exc}\n\nVill du öppna den skrivskyddad?",
        )
        if answer == QMessageBox.StandardButton.Yes:
            try:
                return open_workspace(path, read_only=True)
            except (FinsamError, OSError) as exc2:
                QMessageBox.critical(parent, "Kan inte öppna filen", str(exc2))
        return None
    except (FinsamError, OSError) as exc:
        # A file that does not open (damaged, half-restored, foreign) can always be replaced from a backup.
        if not path.exists():
            QMessageBox.critical(parent, "Kan inte öppna filen", f"{path}\n\n{exc}")
            return None
        from finsam_desktop.ui.dialogs.restore import offer_restore

        if offer_restore(parent, path, str(exc)):
            return open_interactively(path, read_only=read_only, parent=parent)
        return None


def open_server(server, password: str | None = None, parent=None, read_only: bool = False, ask: bool = False):
    """Open a server database (``services/server_db.ServerAddress``) with ``password``, else the keyring's.
    A server that does not answer or refuses the login is told in Swedish, naming the server and the database
    (never the password); with ``ask`` the address dialog then asks again (the password typed), else None."""
    from finsam_desktop.services import server_db
    from finsam_desktop.ui.dialogs.server import ServerDialog

    while True:
        used = password or server_db.stored_password(server)
        try:
            workspace = open_workspace(server.url(used), read_only=read_only)
        except (FinsamError, OSError) as exc:
            message = server_db.open_failure(server, str(exc), used)
        else:
            if workspace.read_only_reason and not _headless():
                QMessageBox.warning(parent, "Databasen öppnas skrivskyddad", workspace.read_only_reason)
            return workspace
        if not ask:  # from the dialog: the open database stays open
            QMessageBox.warning(parent, "Kan inte öppna databasen", message)
            return None
        if _headless():
            fatal("Kan inte öppna databasen", message, parent)
            return None
        dialog = ServerDialog(parent, server, reason=message)
        try:
            if not dialog.exec() or dialog.server is None:
                return None
            server, password = dialog.server, dialog.typed_password
            workspace = open_server(server, password, parent, read_only)
            if workspace is not None:
                dialog.keep_password()
            return workspace
        finally:
            dialog.deleteLater()


def install_offline_notice(window: MainWindow) -> None:
    """A server database that stops answering mid-session (a laptop that loses the network) is told in Swedish
    instead of a traceback on stderr; every other error goes on to the previous hook."""
    previous = sys.excepthook

    def hook(kind, exc, tb) -> None:
        workspace = window.workspace if isValid(window) else None
        if workspace is not None and workspace.is_server:
            from finsam_desktop.services import server_db

            if server_db.connection_lost(exc):
                QMessageBox.warning(
                    window, "Förbindelsen med servern är bruten", server_db.connection_lost_message(str(workspace.path))
                )
                window.statusBar().showMessage("Ingen förbindelse med databasservern.", 15000)
                return
        previous(kind, exc, tb)

    sys.excepthook = hook


def first_start(parent=None, path: Path | None = None) -> Workspace | None:
    """No database yet: create a new förbund (at ``path``), open a file, or open the demo."""
    from finsam_desktop.ui.dialogs.start import NewForbundDialog, StartChoice, StartDialog

    while True:
        dialog = StartDialog(parent)
        if not dialog.exec() or dialog.choice is None:
            return None
        if dialog.choice is StartChoice.DEMO:
            try:
                ensure_demo(demo_db_path())
            except (FinsamError, OSError) as exc:
                QMessageBox.critical(parent, "Kan inte skapa demoförbundet", str(exc))
                continue
            return open_interactively(demo_db_path(), parent=parent)
        if dialog.choice is StartChoice.OPEN:
            chosen, _ = QFileDialog.getOpenFileName(
                parent, "Öppna databas", str(Path.home()), "FINSAM-databas (*.sqlite *.db);;Alla filer (*)"
            )
            if chosen:
                ws = open_interactively(Path(chosen), parent=parent)
                if ws:
                    return ws
            continue
        new = NewForbundDialog(parent)
        if new.exec() and new.values:
            ws = create_new(path or default_db_path(), *new.values, parent=parent)
            if ws:
                return ws


def create_new(path: Path, namn: str, orgnr: str, parent=None) -> Workspace | None:
    """Create a new file at ``path`` (asks for another name if it exists) holding a new förbund."""
    if not is_new_file(path):
        chosen, _ = QFileDialog.getSaveFileName(
            parent, "Spara ny databas som", str(path.with_name("forbund.sqlite")), "FINSAM-databas (*.sqlite)"
        )
        if not chosen:
            return None
        path = Path(chosen)
        if not is_new_file(path):
            QMessageBox.warning(parent, "Filen finns redan", f"{path} finns redan; välj ett nytt filnamn.")
            return None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        ws = open_workspace(path)
    except (FinsamError, OSError) as exc:
        QMessageBox.critical(parent, "Kan inte skapa filen", f"{path}\n\n{exc}")
        return None
    try:
        ws.services.forbund.create(namn, orgnr)
    except FinsamError as exc:
        ws.close()
        QMessageBox.critical(parent, "Kan inte skapa förbundet", str(exc))
        return None
    return ws


class Application:
    """Holds the window and swaps workspaces when the user opens another file."""

    def __init__(self, workspace: Workspace | None = None):
        self.events = AppEvents()
        self.window = MainWindow(workspace, self.events)
        self.window.open_requested.connect(self._on_open_requested)
        self.window.new_requested.connect(self._on_new_requested)
        self.window.server_requested.connect(self._on_server_requested)

    def _swap(self, ws: Workspace | None) -> None:
        if ws is None:
            return
        old = self.window.workspace
        self.window.replace_workspace(ws)
        if old is not None:
            old.close()

    def _on_server_requested(self) -> None:
        """Arkiv → Delad databas (server)…: the open database stays open unless the server's opens."""
        from finsam_desktop.ui.dialogs.server import ServerDialog

        dialog = ServerDialog(self.window)
        try:
            if not dialog.exec() or dialog.server is None:
                return
            ws = open_server(dialog.server, dialog.typed_password, parent=self.window)
            if ws is None:
                return
            kept = dialog.keep_password()
        finally:
            dialog.deleteLater()
        self._swap(ws)
        if kept:
            self.window.statusBar().showMessage("Lösenordet är sparat i systemets nyckelring.", 8000)

    def _on_open_requested(self, path: str) -> None:
        if is_server_url(path):
            from finsam_desktop.services.server_db import parse

            if path == self.window.remembered_location():
                return
            self._swap(open_server(parse(path), parent=self.window, ask=True))
            return
        if not self.window.workspace.is_server and Path(path).resolve() == self.window.workspace.path.resolve():
            return
        self._swap(open_interactively(Path(path), parent=self.window))

    def _on_new_requested(self) -> None:
        from finsam_desktop.ui.dialogs.start import NewForbundDialog

        dialog = NewForbundDialog(self.window)
        if not dialog.exec() or not dialog.values:
            return
        path, _ = QFileDialog.getSaveFileName(
            self.window,
            "Spara ny databas som",
            str(self.window.folder() / "forbund.sqlite"),
            "FINSAM-databas (*.sqlite)",
        )
        if not path:
            return
        if not is_new_file(Path(path)):
            QMessageBox.warning(self.window, "Filen finns redan", f"{path} finns redan; välj ett nytt filnamn.")
            return
        self._swap(create_new(Path(path), *dialog.values, parent=self.window))


class _StartProbe(QObject):
    """``FINSAM_EXIT_AFTER_SHOW=1``: prints the window's first paint and the first paint that shows the open file's
    data, saves the screen (``FINSAM_SCREENSHOT``) and quits."""

    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window = window
        self.first_done = False
        self.done = False
        window.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:
        if self.done or obj is not self.window or event.type() != QEvent.Type.Paint:
            return False
        if not self.first_done:
            self.first_done = True
            print(f"FINSAM_FIRST_PAINT {time.time():.6f} {self.window.windowTitle()}", flush=True)
        if self.window.workspace is not None:
            self.done = True
            self.window.removeEventFilter(self)
            print(f"FINSAM_DATA_VISIBLE {time.time():.6f} {self.window.windowTitle()}", flush=True)
            target = os.environ.get(SCREENSHOT_ENV)
            # Give the window system a moment to show the painted window before reading its pixels.
            QTimer.singleShot(500 if target else 0, lambda: self._finish(target))
        return False

    def _finish(self, target: str | None) -> None:
        if target:
            screen = QApplication.primaryScreen()
            image = screen.grabWindow(0) if screen is not None else self.window.grab()
            image.save(target, "PNG")
        QApplication.instance().quit()


def open_at_start(args: argparse.Namespace, path: Path | str, parent: QWidget) -> Workspace | None:
    """The file to show after start: the demo (made if needed), the file at ``path``, or the first-start choices
    when there is none; or the server database at the URL ``path``. None when nothing was opened (the reason was
    shown)."""
    if is_server_url(path):
        from finsam_desktop.services.server_db import parse, password_of

        return open_server(parse(path), password_of(path), parent=parent, read_only=args.read_only, ask=True)
    if args.demo:
        try:
            ensure_demo(path)
        except (FinsamError, OSError) as exc:
            fatal("Kan inte skapa demoförbundet", f"{path}\n\n{exc}", parent)
            return None
    if is_new_file(path) and not args.demo:
        if _headless():
            fatal("Ingen databas", f"{path} finns inte; starta med --demo eller --db FIL.", parent)
            return None
        return first_start(parent=parent, path=path)
    return open_interactively(path, read_only=args.read_only, parent=parent)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    try:
        clock.check_environment()
    except clock.ClockError as exc:
        print(f"finsam-desktop: fel: {exc}", file=sys.stderr, flush=True)
        return 2
    if args.today is not None:
        clock.pin(args.today)
    problem = xcb_problem()
    if problem:
        print(problem, file=sys.stderr, flush=True)
        return 1
    app = setup_application(sys.argv[:1])
    path = startup_path(args)
    if args.demo and is_server_url(path):
        fatal("Serverdatabas", "Demoförbundet i en serverdatabas skapas med kommandoraden: finsam --db URL demo.")
        return 2
    # The window first, empty: it paints at once; the file (SQLAlchemy, the services, the tab's data) follows.
    application = Application()
    window = application.window
    install_offline_notice(window)
    if os.environ.get(EXIT_AFTER_SHOW_ENV) == "1":
        application.probe = _StartProbe(window)
    started = []

    def open_file() -> None:
        if started:
            return
        started.append(True)
        workspace = open_at_start(args, path, window)
        if workspace is None:
            app.exit(1)
            return
        window.replace_workspace(workspace)

    window.first_shown.connect(lambda: QTimer.singleShot(0, open_file))
    window.show()
    try:
        return app.exec()
    finally:
        if window.workspace is not None:
            window.workspace.close()


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
