"""Composition root: the only module that knows every layer. ``finsam-desktop`` starts here."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from finsam_desktop import APP_NAME, __version__
from finsam_desktop.paths import default_db_path, resolve_db_path
from finsam_desktop.persistence.lock import DatabaseLockedError
from finsam_desktop.persistence.migrator import DatabaseRefusedError, FileState, inspect_file
from finsam_desktop.services.demo import build_demo
from finsam_desktop.services.workspace import Workspace, open_workspace
from finsam_desktop.ui.events import AppEvents
from finsam_desktop.ui.main_window import MainWindow


def demo_db_path() -> Path:
    return default_db_path().with_name("demo.sqlite")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="finsam-desktop", description=f"{APP_NAME} {__version__}")
    parser.add_argument("--db", metavar="FIL", help="databasfil (annars FINSAM_DB eller standardplatsen)")
    parser.add_argument("--demo", action="store_true", help="öppna demoförbundet (skapas vid behov)")
    parser.add_argument("--read-only", action="store_true", help="öppna skrivskyddat")
    return parser.parse_args(argv)


def setup_application(argv: list[str]) -> QApplication:
    app = QApplication.instance() or QApplication(argv)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName("FINSAM")
    app.setApplicationVersion(__version__)
    QLocale.setDefault(QLocale(QLocale.Language.Swedish, QLocale.Country.Sweden))
    translations = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name in ("qtbase_sv", "qt_sv"):
        translator = QTranslator(app)
        if translator.load(name, translations):
            app.installTranslator(translator)
    return app


def ensure_demo(path: Path, year: int | None = None) -> None:
    """Create the demo file unless it already holds a förbund."""
    if inspect_file(path).state is not FileState.NEW:
        return
    ws = open_workspace(path, auto_backup=False)
    try:
        build_demo(ws.services, year or date.today().year)
    finally:
        ws.close()


def open_interactively(path: Path, read_only: bool = False, parent=None) -> Workspace | None:
    """Open ``path``; on a lock, offer read-only; on refusal, explain. None when not opened."""
    try:
        return open_workspace(path, read_only=read_only)
    except DatabaseLockedError as exc:
        answer = QMessageBox.question(
            parent,
            "Filen används redan",
            f"{exc}\n\nVill du öppna den skrivskyddad?",
        )
        if answer == QMessageBox.StandardButton.Yes:
            try:
                return open_workspace(path, read_only=True)
            except DatabaseRefusedError as exc2:
                QMessageBox.critical(parent, "Kan inte öppna filen", str(exc2))
        return None
    except DatabaseRefusedError as exc:
        QMessageBox.critical(parent, "Kan inte öppna filen", str(exc))
        return None


def first_start(parent=None) -> Workspace | None:
    from finsam_desktop.ui.dialogs.start import NewForbundDialog, StartChoice, StartDialog

    while True:
        dialog = StartDialog(parent)
        if not dialog.exec() or dialog.choice is None:
            return None
        if dialog.choice is StartChoice.DEMO:
            ensure_demo(demo_db_path())
            return open_interactively(demo_db_path(), parent=parent)
        if dialog.choice is StartChoice.OPEN:
            path, _ = QFileDialog.getOpenFileName(parent, "Öppna databas", str(Path.home()), "FINSAM-databas (*.sqlite *.db);;Alla filer (*)")
            if path:
                ws = open_interactively(Path(path), parent=parent)
                if ws:
                    return ws
            continue
        new = NewForbundDialog(parent)
        if new.exec() and new.values:
            ws = create_new(default_db_path(), *new.values)
            if ws:
                return ws


def create_new(path: Path, namn: str, orgnr: str) -> Workspace | None:
    if inspect_file(path).state is not FileState.NEW:
        path, _ = QFileDialog.getSaveFileName(None, "Spara ny databas som", str(path.with_name("forbund.sqlite")), "FINSAM-databas (*.sqlite)")
        if not path:
            return None
        path = Path(path)
        if inspect_file(path).state is not FileState.NEW:
            QMessageBox.warning(None, "Filen finns redan", f"{path} finns redan; välj ett nytt filnamn.")
            return None
    ws = open_workspace(path)
    ws.services.forbund.create(namn, orgnr)
    return ws


class Application:
    """Holds the window and swaps workspaces when the user opens another file."""

    def __init__(self, workspace: Workspace):
        self.events = AppEvents()
        self.window = MainWindow(workspace, self.events)
        self.window.open_requested.connect(self._on_open_requested)
        self.window.new_requested.connect(self._on_new_requested)

    def _swap(self, ws: Workspace | None) -> None:
        if ws is None:
            return
        old = self.window.workspace
        self.window.replace_workspace(ws)
        old.close()

    def _on_open_requested(self, path: str) -> None:
        if Path(path).resolve() == self.window.workspace.path.resolve():
            return
        self._swap(open_interactively(Path(path), parent=self.window))

    def _on_new_requested(self) -> None:
        from finsam_desktop.ui.dialogs.start import NewForbundDialog

        dialog = NewForbundDialog(self.window)
        if not dialog.exec() or not dialog.values:
            return
        path, _ = QFileDialog.getSaveFileName(self.window, "Spara ny databas som", str(Path.home() / "forbund.sqlite"), "FINSAM-databas (*.sqlite)")
        if not path:
            return
        if inspect_file(Path(path)).state is not FileState.NEW:
            QMessageBox.warning(self.window, "Filen finns redan", f"{path} finns redan; välj ett nytt filnamn.")
            return
        ws = open_workspace(Path(path))
        ws.services.forbund.create(*dialog.values)
        self._swap(ws)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    app = setup_application(sys.argv[:1])
    if args.demo:
        path = resolve_db_path(args.db) if args.db else demo_db_path()
        ensure_demo(path)
    else:
        path = resolve_db_path(args.db)
    if inspect_file(path).state is FileState.NEW and not args.demo:
        workspace = first_start()
    else:
        workspace = open_interactively(path, read_only=args.read_only)
    if workspace is None:
        return 1
    application = Application(workspace)
    application.window.show()
    try:
        return app.exec()
    finally:
        application.window.workspace.close()


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
