"""The main window: seven tabs on one open file, the menus, window state.

The window is shown before any file is open (``workspace`` None: the tabs wait, the file's commands are off), so it
paints as soon as Qt is up; SQLAlchemy, the services and the tabs' data come after (``replace_workspace``)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QEvent, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QUndoGroup
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from finsam_desktop import APP_NAME, __version__, clock
from finsam_desktop.domain.common.errors import FinsamError
from finsam_desktop.ui import arshjul as arshjul_ui
from finsam_desktop.ui import arsredovisning as arsredovisning_ui
from finsam_desktop.ui import attest as attest_ui
from finsam_desktop.ui import budget as budget_ui
from finsam_desktop.ui import internkontroll as internkontroll_ui
from finsam_desktop.ui import sammantraden as sammantraden_ui
from finsam_desktop.ui import verksamhet as verksamhet_ui
from finsam_desktop.ui.context import UiContext
from finsam_desktop.ui.events import AppEvents
from finsam_desktop.ui.widgets.background import wait_for_background

if TYPE_CHECKING:
    from finsam_desktop.services.workspace import Workspace

#: (name, tab title, the area's create_tab) in display order: the one registry of tabs. Each area package is light;
#: its tab module is imported by create_tab when the tab is first shown.
TABS = (
    ("arshjul", "Årshjul", arshjul_ui.create_tab),
    ("sammantraden", "Sammanträden", sammantraden_ui.create_tab),
    ("attest", "Attest && delegation", attest_ui.create_tab),
    ("internkontroll", "Intern kontroll", internkontroll_ui.create_tab),
    ("budget", "Budget", budget_ui.create_tab),
    ("verksamhet", "Verksamhet", verksamhet_ui.create_tab),
    ("arsredovisning", "Årsredovisning", arsredovisning_ui.create_tab),
)


#: How many databases Arkiv → Senast använda lists.
RECENT_COUNT = 8


def settings() -> QSettings:
    return QSettings("FINSAM", "FINSAM Kansli")


class TabPage(QWidget):
    """One tab of the main window. The area's widget (``content``, from its ``create_tab``) is
    created when first needed, so the window paints before every area has loaded its data."""

    def __init__(self, module_name: str, ctx: UiContext, create_tab, parent: QWidget | None = None):
        super().__init__(parent)
        self.module_name = module_name
        self._create_tab = create_tab
        self.ctx = ctx
        self.content: QWidget | None = None
        self.setObjectName(f"page_{module_name}")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

    @property
    def built(self) -> bool:
        return self.content is not None

    def ensure_built(self) -> QWidget | None:
        """The area's widget, built now if needed; None while no file is open."""
        if self.content is None and self.ctx.services is not None:
            widget: QWidget = self._create_tab(self.ctx)
            widget.setObjectName(f"tab_{self.module_name}")
            self.layout().addWidget(widget)
            # A layout shows a widget added to a visible parent only later (a queued call); shown now, its
            # controls can take the keyboard focus at once (show_tab right after a tab is built).
            widget.show()
            self.content = widget
        return self.content

    @property
    def undo_stack(self):
        return getattr(self.content, "undo_stack", None)

    def showEvent(self, event) -> None:
        self.ensure_built()
        super().showEvent(event)


class MainWindow(QMainWindow):
    #: Emitted when the user asks for another file (new, open); the app reopens.
    open_requested = Signal(str)
    #: Arkiv → Delad databas (server)…: the app asks for the server's address and opens it.
    server_requested = Signal()
    new_requested = Signal()
    #: Once, right after the first paint (or shortly after being shown, if never painted): the app opens its file.
    first_shown = Signal()

    def __init__(self, workspace: Workspace | None, events: AppEvents | None = None):
        super().__init__()
        self.workspace = workspace
        self.events = events or AppEvents(self)
        self.undo_group = QUndoGroup(self)
        self.ctx = UiContext(
            workspace.services if workspace else None, self.events, self.undo_group, go_to_area=self.go_to_area
        )
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.setCentralWidget(self.tabs)
        self._build_tabs()
        self.tabs.currentChanged.connect(self._on_tab_changed)
        self.help_window = None
        self._build_menus()
        self._path_label = QLabel()
        self.statusBar().addPermanentWidget(self._path_label)
        self.events.forbund_changed.connect(self._update_title)
        self._update_title()
        self._restore_state()
        self._on_tab_changed(self.tabs.currentIndex())
        self._painted = False
        self._first_shown_sent = False
        self._prebuilding = False
        self.installEventFilter(self)

    # --- construction ---------------------------------------------------------------------
    def _build_tabs(self) -> None:
        while self.tabs.count():
            old = self.tabs.widget(0)
            self.tabs.removeTab(0)
            stack = getattr(old, "undo_stack", None)
            if stack is not None:
                self.undo_group.removeStack(stack)
            old.deleteLater()
        for module_name, title, create_tab in TABS:
            self.tabs.addTab(TabPage(module_name, self.ctx, create_tab), title)

    def pages(self) -> list[TabPage]:
        return [self.tabs.widget(i) for i in range(self.tabs.count())]

    def tab_widget(self, module_name: str) -> QWidget:
        """The area's own tab widget (what its ``create_tab`` returned), created if needed."""
        for page in self.pages():
            if page.module_name == module_name:
                return page.ensure_built()
        raise KeyError(module_name)

    def ensure_all_tabs(self) -> None:
        for page in self.pages():
            page.ensure_built()

    def eventFilter(self, obj, event) -> bool:
        # After the first paint, build the other tabs one per event-loop turn so that switching
        # tab is instant and input is never blocked for long. (A window that is shown but never
        # painted, e.g. covered, gets them shortly after being shown.)
        if obj is self and not self._painted:
            if event.type() == QEvent.Type.Paint:
                self._painted = True
                QTimer.singleShot(0, self._start_prebuild)
            elif event.type() == QEvent.Type.Show:
                QTimer.singleShot(400, self._start_prebuild)
        return False

    def _start_prebuild(self) -> None:
        if isValid(self) and not self._first_shown_sent:
            self._first_shown_sent = True
            self.first_shown.emit()
        if isValid(self) and not self._prebuilding and self.workspace is not None:
            self._prebuilding = True
            self._painted = True
            self._build_next_tab()

    def _build_next_tab(self) -> None:
        if not isValid(self) or getattr(self, "_closing", False) or self.workspace is None:
            return
        for page in self.pages():
            if not page.built:
                page.ensure_built()
                QTimer.singleShot(0, self._build_next_tab)
                return

    def _on_tab_changed(self, index: int) -> None:
        """A tab that edits exposes ``undo_stack``; Redigera → Ångra follows the visible tab."""
        page = self.tabs.widget(index)
        if page is not None:
            page.ensure_built()
        # A tab without undo must not leave another tab's history behind Ctrl+Z.
        stack = getattr(page, "undo_stack", None)
        if stack is not None and stack not in self.undo_group.stacks():
            self.undo_group.addStack(stack)
        self.undo_group.setActiveStack(stack)

    def show_tab(self, index: int) -> None:
        """Go to a tab and put the keyboard focus on its first control (a click on the tab bar would leave it on the
        tab bar, or on a control of the tab that was left)."""
        self.tabs.setCurrentIndex(index)
        page = self.tabs.widget(index)
        content = page.content if page is not None else None
        if content is None:
            return
        widget = content.nextInFocusChain()
        while widget is not None and widget is not content:
            if (
                content.isAncestorOf(widget)
                and widget.isVisible()
                and widget.isEnabled()
                and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
            ):
                widget.setFocus(Qt.FocusReason.ShortcutFocusReason)
                return
            widget = widget.nextInFocusChain()

    def go_to_area(self, module_name: str) -> None:
        """Show the tab of the area ``module_name`` (e.g. from the Årshjul to where a decision is taken)."""
        names = [name for name, _title, _create in TABS]
        if module_name in names:
            self.show_tab(names.index(module_name))

    def _action(self, menu, text: str, slot, shortcut=None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        arkiv = bar.addMenu("&Arkiv")
        self.action_new = self._action(arkiv, "&Ny databas…", self.new_requested.emit, QKeySequence.StandardKey.New)
        self.action_open = self._action(arkiv, "&Öppna…", self._on_open, QKeySequence.StandardKey.Open)
        self.action_server = self._action(arkiv, "&Delad databas (server)…", self.server_requested.emit)
        self.recent_menu = arkiv.addMenu("Senast &använda")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        arkiv.addSeparator()
        self.action_forbund = self._action(arkiv, "&Förbundet…", self._on_forbund)
        self.action_import_protocol = self._action(arkiv, "&Importera protokoll…", self._on_import_protocol)
        self.action_smtp = self._action(arkiv, "E-&postserver (SMTP)…", self._on_smtp)
        arkiv.addSeparator()
        self.action_backup = self._action(arkiv, "&Säkerhetskopiera…", self._on_backup)
        self.action_restore = self._action(arkiv, "Å&terställ från säkerhetskopia…", self._on_restore)
        self.action_arkivpaket = self._action(arkiv, "&Exportera arkivpaket…", self._on_arkivpaket)
        arkiv.addSeparator()
        # Every Alt+letter is taken by some tab's buttons, so the tab keys live in a submenu of Arkiv, not a menu
        # of their own.
        visa = arkiv.addMenu("&Gå till flik")
        self.tab_actions = []
        for index, (_name, title, _create) in enumerate(TABS):
            # Ctrl+1 … Ctrl+7 go to a tab from anywhere, as in a browser; the menu shows the keys.
            action = self._action(
                visa, f"&{index + 1} {title}", lambda _checked=False, i=index: self.show_tab(i), f"Ctrl+{index + 1}"
            )
            self.addAction(action)  # active while the submenu is closed
            self.tab_actions.append(action)
        arkiv.addSeparator()
        self.action_quit = self._action(arkiv, "A&vsluta", self.close, QKeySequence.StandardKey.Quit)

        redigera = bar.addMenu("&Redigera")
        self.action_undo = self.undo_group.createUndoAction(self, "&Ångra")
        self.action_undo.setShortcut(QKeySequence.StandardKey.Undo)
        self.action_redo = self.undo_group.createRedoAction(self, "&Gör om")
        self.action_redo.setShortcut(QKeySequence.StandardKey.Redo)
        redigera.addAction(self.action_undo)
        redigera.addAction(self.action_redo)

        hjalp = bar.addMenu("&Hjälp")
        # The guide works without an open file; F1 opens the page of the tab (and sub-tab) shown.
        self.action_help = self._action(hjalp, "&Användarhandbok", lambda: self.show_help(self.help_target()), "F1")
        self.action_getting_started = self._action(hjalp, "Kom &igång", lambda: self.show_help("kom-igang"))
        self.action_keys = self._action(hjalp, "&Kortkommandon", lambda: self.show_help("kortkommandon"))
        hjalp.addSeparator()
        self.action_about = self._action(hjalp, "&Om FINSAM Kansli", self._on_about)
        self._update_actions()

    def _update_actions(self) -> None:
        """The file's commands need an open file; restoring over it also needs it writable."""
        is_open = self.workspace is not None
        writable = is_open and not self.workspace.read_only
        for action in (
            self.action_new,
            self.action_open,
            self.action_server,
            self.action_forbund,
            self.action_backup,
            self.action_arkivpaket,
            self.action_about,
        ):
            action.setEnabled(is_open)
        self.recent_menu.setEnabled(is_open)
        self.action_restore.setEnabled(writable)
        self.action_import_protocol.setEnabled(writable)
        self.action_smtp.setEnabled(writable)

    # --- window state ---------------------------------------------------------------------
    def _restore_state(self) -> None:
        s = settings()
        geometry = s.value("main/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)
        try:
            index = int(s.value("main/tab", 0))
        except (TypeError, ValueError):
            index = 0
        if 0 <= index < self.tabs.count():
            self.tabs.setCurrentIndex(index)

    def save_state(self) -> None:
        s = settings()
        s.setValue("main/geometry", self.saveGeometry())
        s.setValue("main/tab", self.tabs.currentIndex())
        if self.workspace is not None:
            s.setValue("main/last_db", self.remembered_location())
        s.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        self._closing = True  # stop building the remaining tabs
        wait_for_background()  # a running export or import never outlives its database
        super().closeEvent(event)

    def _update_title(self) -> None:
        if self.workspace is None:
            self.setWindowTitle(APP_NAME)
            self._path_label.setText("Öppnar databasen …")
            return
        try:
            name = self.workspace.services.forbund.get().namn
        except FinsamError:
            name = "(inget förbund)"
        suffix = " (skrivskyddad)" if self.workspace.read_only else ""
        pinned = clock.pinned()
        # The user asked to see the program as on another day: never let that go unnoticed.
        as_of = f" – som den {pinned.isoformat()}" if pinned is not None else ""
        server = f" – {self.shown_location()}" if self.workspace.is_server else ""
        self.setWindowTitle(f"{name}{server} – {APP_NAME}{as_of}{suffix}")
        self._path_label.setText(self.shown_location() + suffix)

    def shown_location(self) -> str:
        """The open file's path, or ``user@host/database`` of a server database (never its password)."""
        if self.workspace.is_server:
            from finsam_desktop.services.server_db import shown

            return shown(str(self.workspace.path))
        return str(self.workspace.path)

    def remembered_location(self) -> str:
        """What the settings keep to open again: the file, or the server URL without its password."""
        if self.workspace.is_server:
            from finsam_desktop.services.server_db import without_password

            return without_password(str(self.workspace.path))
        return str(self.workspace.path)

    def folder(self) -> Path:
        """Where file dialogs start: the open file's folder (the home folder for a server database)."""
        return Path.home() if self.workspace.is_server else self.workspace.path.parent

    # --- actions --------------------------------------------------------------------------
    def _error(self, title: str, exc: Exception) -> None:
        QMessageBox.warning(self, title, str(exc))

    def _on_open(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Öppna databas", str(self.folder()), "FINSAM-databas (*.sqlite *.db);;Alla filer (*)"
        )
        if path:
            self.open_requested.emit(path)

    def recent(self) -> list[str]:
        """The databases opened lately, newest first: file paths and server URLs without their passwords."""
        value = settings().value("main/recent", [])
        values = [value] if isinstance(value, str) else list(value or [])
        return [str(v) for v in values if v]

    def _remember_recent(self) -> None:
        here = self.remembered_location()
        settings().setValue("main/recent", [here, *(v for v in self.recent() if v != here)][:RECENT_COUNT])

    def _fill_recent(self) -> None:
        """Arkiv → Senast använda: each database shown as a path or ``user@host/database``, never a password."""
        from finsam_desktop.paths import is_server_url

        self.recent_menu.clear()
        here = self.remembered_location() if self.workspace is not None else None
        entries = [v for v in self.recent() if v != here and (is_server_url(v) or Path(v).exists())]
        for number, entry in enumerate(entries, start=1):
            if is_server_url(entry):
                from finsam_desktop.services.server_db import shown

                text = f"{shown(entry)} (server)"
            else:
                text = entry
            action = self.recent_menu.addAction(f"&{number} {text.replace('&', '&&')}")
            action.triggered.connect(lambda _checked=False, e=entry: self.open_requested.emit(e))
        if not entries:
            self.recent_menu.addAction("(inga andra databaser)").setEnabled(False)

    def _on_forbund(self) -> None:
        from finsam_desktop.ui.organisation.forbund_dialog import ForbundDialog

        dialog = ForbundDialog(self.ctx, self)
        dialog.exec()
        dialog.deleteLater()
        self._on_tab_changed(self.tabs.currentIndex())
        self._update_title()

    def _on_import_protocol(self) -> None:
        from finsam_desktop.ui.sammantraden.import_dialog import ProtocolImportDialog

        dialog = ProtocolImportDialog(self.ctx.services, self)
        if dialog.exec() and dialog.result is not None:
            self.statusBar().showMessage(dialog.result.summary, 8000)
            self.ctx.events.area_changed.emit("sammantraden")
        dialog.deleteLater()

    def _on_smtp(self) -> None:
        from finsam_desktop.ui.dialogs.smtp import SmtpDialog

        dialog = SmtpDialog(self.ctx.services, self)
        if dialog.exec() and dialog.saved is not None:
            self.statusBar().showMessage(f"E-postservern är inställd: {dialog.saved.describe()}", 8000)
        dialog.deleteLater()

    def _on_backup(self) -> None:
        from finsam_desktop.services.workspace import SERVER_BACKUP_MESSAGE, backup_to

        if self.workspace.is_server:
            QMessageBox.information(self, "Säkerhetskopiera", SERVER_BACKUP_MESSAGE)
            return
        default = self.workspace.path.with_name(f"{self.workspace.path.stem}-kopia.sqlite")
        path, _ = QFileDialog.getSaveFileName(self, "Säkerhetskopiera", str(default), "FINSAM-databas (*.sqlite)")
        if not path:
            return
        try:
            dest = backup_to(self.workspace, Path(path))
        except (FinsamError, OSError) as exc:
            self._error("Säkerhetskopiering misslyckades", exc)
            return
        self.statusBar().showMessage(f"Säkerhetskopia sparad: {dest}", 8000)

    def _on_arkivpaket(self) -> None:
        from finsam_desktop.ui.dialogs.arkivpaket import ArkivpaketDialog
        from finsam_desktop.ui.widgets.background import run_in_background

        service = self.workspace.services.arkiv
        dialog = ArkivpaketDialog(self, service.years(), self.folder())
        try:
            if dialog.exec() != ArkivpaketDialog.DialogCode.Accepted:
                return
            year, target = dialog.choice()
        finally:
            dialog.deleteLater()
        run_in_background(
            self,
            f"Skapar arkivpaket för {year}…",
            lambda: service.export(year, target),
            lambda path: self.statusBar().showMessage(f"Arkivpaketet sparat: {path}", 8000),
            lambda exc: self._error("Arkivpaketet kunde inte skapas", exc),
        )

    def _on_restore(self) -> None:
        from finsam_desktop.services.workspace import SERVER_RESTORE_MESSAGE
        from finsam_desktop.ui.dialogs import restore as restore_dialog

        if self.workspace.is_server:
            QMessageBox.information(self, "Återställ", SERVER_RESTORE_MESSAGE)
            return
        source = restore_dialog.choose_backup(self, self.workspace.path)
        if source is None or not restore_dialog.confirm(self, self.workspace.path, source):
            return
        self.restore(source)

    def restore(self, source: Path) -> bool:
        """The checked restore of ``services/restore.py``; on any refusal the open file stays as it was."""
        from finsam_desktop.services.workspace import restore_from
        from finsam_desktop.ui.dialogs import restore as restore_dialog

        wait_for_background()  # no export or import may hold the file while it is replaced
        new_ws = restore_dialog.run_checked(
            self, lambda accept: restore_from(self.workspace, source, accept_findings=accept)
        )
        if new_ws is None:
            return False
        self.replace_workspace(new_ws)
        kept = f" Tidigare innehåll sparat som {new_ws.kept_aside[0].name}" if new_ws.kept_aside else ""
        self.statusBar().showMessage(f"Återställd från {source.name}.{kept}", 10000)
        return True

    def replace_workspace(self, workspace: Workspace) -> None:
        """Show ``workspace`` (the first file after start, another one, or a restored copy)."""
        wait_for_background()
        self.workspace = workspace
        index = self.tabs.currentIndex() if self.tabs.count() else 0
        self.tabs.blockSignals(True)
        self._prebuilding = False
        # No services while the tabs are replaced: a page that becomes visible meanwhile (removing a tab shows the
        # next) must not build its area; only the chosen tab is built, below.
        self.ctx.services = None
        try:
            self._build_tabs()
            self.tabs.setCurrentIndex(index)
        finally:
            self.ctx.services = workspace.services
            self.tabs.blockSignals(False)
        # Told before the chosen tab is built, so that it loads its data once (the old tabs are going).
        self.events.workspace_replaced.emit()
        self._update_title()
        self._update_actions()
        self._remember_recent()
        self._on_tab_changed(self.tabs.currentIndex())
        if self.isVisible():
            # The other tabs after the chosen one has been painted with its data (or soon, if it is not painted).
            self._painted = False
            QTimer.singleShot(400, self._start_prebuild)

    # --- help ---------------------------------------------------------------------------------
    def help_target(self) -> str:
        """The guide's page for what is shown: the tab, and its sub-tab where the guide has a page for it."""
        from finsam_desktop.ui.help.pages import page_for

        page = self.tabs.currentWidget()
        content = getattr(page, "content", None)
        if page is None:
            return "start"
        sub_tab = None
        if content is not None:
            for tabs in content.findChildren(QTabWidget):
                if tabs.isVisible():
                    sub_tab = tabs.tabText(tabs.currentIndex())
                    break
        return page_for(page.module_name, sub_tab)

    def show_help(self, target: str = "start") -> None:
        from finsam_desktop.ui.help.window import HelpWindow

        if self.help_window is None or not isValid(self.help_window):
            self.help_window = HelpWindow(self._shortcuts_page, self)
        self.help_window.show_page(target)

    def _shortcuts_page(self) -> str:
        from finsam_desktop.ui.help.shortcuts import shortcuts_markdown

        if self.workspace is not None:
            self.ensure_all_tabs()
        titles = [title.replace("&&", "&") for _name, title, _create in TABS]
        parts = [(t, p.content) for t, p in zip(titles, self.pages(), strict=True)]
        return shortcuts_markdown(self, parts, self.help_window)

    def _on_about(self) -> None:
        QMessageBox.about(
            self,
            f"Om {APP_NAME}",
            f"<h3>{APP_NAME} {__version__}</h3>"
            "<p>Kansliets verktyg för samordningsförbund: årshjul, sammanträden, attest och delegation, "
            "intern kontroll och budget.</p>"
            f"<p><b>{'Databas' if self.workspace.is_server else 'Datafil'}:</b> {self.shown_location()}<br>"
            f"<b>Schemaversion:</b> {self.workspace.schema_revision()}"
            f"{'<br><b>Skrivskyddad</b>' if self.workspace.read_only else ''}</p>",
        )
