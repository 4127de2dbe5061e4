"""Starting the app: the first-start choices, locked files, and a real main() run."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QMessageBox, QPushButton

from finsam_desktop import app
from finsam_desktop.paths import default_db_path
from finsam_desktop.persistence.backup import online_copy
from finsam_desktop.persistence.lock import FileLock
from finsam_desktop.services.workspace import open_workspace
from finsam_desktop.ui.dialogs import restore as restore_dialog
from finsam_desktop.ui.dialogs import start
from finsam_desktop.ui.main_window import TABS, MainWindow
from finsam_desktop.ui.organisation.forbund_dialog import ForbundDialog


@pytest.fixture(autouse=True)
def _qapp(qapp):
    """A QApplication, and no "file used last time" left by another test (QSettings caches its paths)."""
    from finsam_desktop.ui.main_window import settings

    settings().remove("main/last_db")
    yield qapp
    settings().remove("main/last_db")


@pytest.fixture
def no_message_boxes(monkeypatch):
    """Record message boxes instead of blocking on them."""
    shown: list[tuple[str, str]] = []
    for name in ("critical", "warning", "information"):
        monkeypatch.setattr(
            QMessageBox,
            name,
            lambda _parent, title, text, *a, **k: shown.append((title, text)) or QMessageBox.StandardButton.Ok,
        )
    return shown


def script_start_dialog(monkeypatch, choices: list[str | None]) -> list[str | None]:
    """Make StartDialog.exec click the buttons a user would, one choice per appearance."""
    remaining = list(choices)

    def fake_exec(self) -> int:
        choice = remaining.pop(0)
        if choice is None:
            self.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Cancel).click()
        else:
            self.findChild(QPushButton, f"start_{choice}").click()
        return self.result()

    monkeypatch.setattr(start.StartDialog, "exec", fake_exec)
    return remaining


def test_demo_choice_opens_the_demo_file(monkeypatch, demo_workspace, no_message_boxes):
    # The demo file already exists (a copy of the test demo), so the choice opens it as it is.
    template = demo_workspace.path
    demo_workspace.close()
    demo_path = app.demo_db_path()
    demo_path.parent.mkdir(parents=True, exist_ok=True)
    online_copy(template, demo_path)
    remaining = script_start_dialog(monkeypatch, ["demo"])

    ws = app.first_start()
    try:
        assert remaining == []
        assert ws is not None
        assert ws.path == demo_path
        assert not ws.read_only
        assert ws.services.forbund.get().namn == "Samordningsförbundet Exempelbygden"
    finally:
        ws.close()
    assert no_message_boxes == []


def test_new_forbund_with_bad_orgnr_is_refused(monkeypatch, qtbot, no_message_boxes):
    seen: list[str] = []

    def fake_exec(self) -> int:
        qtbot.addWidget(self)
        self.namn.setText("Samordningsförbundet Nybygget")
        self.orgnr.setText("222000-3078")
        seen.append(self.orgnr_feedback.text())
        self.button_box.button(QDialogButtonBox.StandardButton.Ok).click()
        seen.append(self.error.text())
        seen.append("accepted" if self.values else "still open")
        self.button_box.button(QDialogButtonBox.StandardButton.Cancel).click()
        return self.result()

    monkeypatch.setattr(start.NewForbundDialog, "exec", fake_exec)
    remaining = script_start_dialog(monkeypatch, ["new", None])

    assert app.first_start() is None
    assert remaining == []
    assert seen == [
        "Organisationsnummer: kontrollsiffran i ”222000-3078” stämmer inte (ska vara 9).",
        "Organisationsnummer: kontrollsiffran i ”222000-3078” stämmer inte (ska vara 9).",
        "still open",
    ]
    assert not default_db_path().exists()


def test_new_forbund_with_good_orgnr_creates_the_file(monkeypatch, qtbot, tmp_path, no_message_boxes):
    def fake_exec(self) -> int:
        qtbot.addWidget(self)
        self.namn.setText("Samordningsförbundet Nybygget")
        self.orgnr.setText("2220003079")
        self.button_box.button(QDialogButtonBox.StandardButton.Ok).click()
        return self.result()

    monkeypatch.setattr(start.NewForbundDialog, "exec", fake_exec)
    script_start_dialog(monkeypatch, ["new"])
    target = tmp_path / "ny" / "forbund.sqlite"  # the folder does not exist yet

    ws = app.first_start(path=target)
    try:
        assert ws is not None and ws.path == target
        forbund = ws.services.forbund.get()
        assert (forbund.namn, forbund.orgnr) == ("Samordningsförbundet Nybygget", "222000-3079")
    finally:
        ws.close()
    assert no_message_boxes == []


def test_new_forbund_needs_a_name(qtbot):
    dialog = start.NewForbundDialog()
    qtbot.addWidget(dialog)
    dialog.orgnr.setText("222000-3079")
    dialog.button_box.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.values is None
    assert dialog.error.text() == "Förbundets namn: får inte vara tomt."


def test_locked_file_opens_read_only_when_the_user_agrees(monkeypatch, qtbot, demo_workspace):
    path = demo_workspace.path  # held (locked) by the demo_workspace fixture
    asked: list[str] = []

    def answer(yes: bool):
        def question(_parent, title, text, *a, **k):
            asked.append(text)
            return QMessageBox.StandardButton.Yes if yes else QMessageBox.StandardButton.No

        return question

    monkeypatch.setattr(QMessageBox, "question", answer(False))
    assert app.open_interactively(path) is None
    assert "används redan av" in asked[-1] and "skrivskyddad" in asked[-1]

    monkeypatch.setattr(QMessageBox, "question", answer(True))
    ws = app.open_interactively(path)
    try:
        assert ws is not None and ws.read_only
        assert ws.lock is None
        assert ws.services.forbund.get().namn == "Samordningsförbundet Exempelbygden"
        window = MainWindow(ws)
        qtbot.addWidget(window)
        assert window.windowTitle().endswith("(skrivskyddad)")
        assert not window.action_restore.isEnabled()
        dialog = ForbundDialog(window.ctx, window)  # owned by the window
        assert dialog.read_only
        assert not dialog.persons_page.table.add_button.isEnabled()
    finally:
        ws.close()


def test_refused_file_is_explained(monkeypatch, tmp_path, no_message_boxes):
    foreign = tmp_path / "anteckningar.sqlite"
    foreign.write_bytes(b"inte en databas" * 100)
    offered: list[tuple[str, str]] = []
    monkeypatch.setattr(
        restore_dialog, "ask_restore_after_failure", lambda _p, title, text: offered.append((title, text)) and False
    )
    assert app.open_interactively(foreign) is None
    [(title, text)] = offered  # the reason, with the way out: restore from a backup (declined here)
    assert title == "Kan inte öppna filen"
    assert str(foreign) in text and "inte en SQLite-databas" in text
    assert foreign.read_bytes() == b"inte en databas" * 100


def run_app(*args: str, expect: int = 0) -> subprocess.CompletedProcess:
    """``finsam-desktop ARGS`` in a fresh process (an app's event loop is not re-entered in-process),
    offscreen, quitting after the first paint; the test's own config and data directories."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", **{app.EXIT_AFTER_SHOW_ENV: "1"})
    proc = subprocess.run(
        [sys.executable, "-m", "finsam_desktop", *args], env=env, capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == expect, proc.stderr
    return proc


def test_main_opens_the_file_and_paints_the_window(demo_workspace):
    path = demo_workspace.path
    demo_workspace.close()
    out = run_app("--db", str(path)).stdout
    # The window paints before the file is open (a fast start), then shows the file's data.
    first, shown = out.strip().splitlines()[-2:]
    assert first.startswith("FINSAM_FIRST_PAINT ") and first.endswith(" FINSAM Kansli")
    assert shown.startswith("FINSAM_DATA_VISIBLE ")
    assert float(first.split()[1]) <= float(shown.split()[1])
    # The suite pins the date through FINSAM_TODAY; the title says so, so nobody mistakes it for today.
    pinned = os.environ["FINSAM_TODAY"]
    assert out.strip().endswith(f"Samordningsförbundet Exempelbygden – FINSAM Kansli – som den {pinned}")
    # The lock was released when the app ended.
    lock = FileLock(path)
    lock.acquire()
    lock.release()


def test_main_reopens_the_file_used_last(demo_workspace):
    path = demo_workspace.path
    demo_workspace.close()
    run_app("--db", str(path))
    # No --db, no FINSAM_DB: the file from last time, not the (missing) default file.
    assert "Samordningsförbundet Exempelbygden" in run_app().stdout


def test_main_without_any_file_headless_explains_and_fails():
    assert "finns inte; starta med --demo" in run_app(expect=1).stderr
    assert not Path(default_db_path()).exists()


def test_demo_flag_creates_the_demo_in_a_fresh_data_directory():
    assert not app.demo_db_path().parent.exists()
    out = run_app("--demo").stdout
    assert "Samordningsförbundet Exempelbygden – FINSAM Kansli – som den " in out
    assert app.demo_db_path().exists()


def test_read_only_flag(demo_workspace):
    path = demo_workspace.path
    demo_workspace.close()
    assert run_app("--db", str(path), "--read-only").stdout.strip().endswith("(skrivskyddad)")
    ws = open_workspace(path, auto_backup=False)  # nothing was left locked
    ws.close()


def test_tabs_are_built_when_needed_and_undo_follows_the_visible_tab(qtbot, demo_workspace):
    window = MainWindow(demo_workspace)
    qtbot.addWidget(window)
    pages = window.pages()
    current = window.tabs.currentIndex()  # may be remembered from an earlier window
    assert [p.built for p in pages] == [i == current for i in range(len(TABS))]
    window.tabs.setCurrentIndex(4)
    assert pages[4].built and pages[4].content.objectName() == "tab_budget"
    assert window.tab_widget("attest") is pages[2].content
    window.show()
    qtbot.waitUntil(lambda: all(p.built for p in window.pages()), timeout=20000)
    for index, page in enumerate(pages):
        window.tabs.setCurrentIndex(index)
        assert window.undo_group.activeStack() is getattr(page.content, "undo_stack", None)


def test_a_demo_that_fails_half_way_leaves_no_file(monkeypatch):
    def broken(services, year):
        services.forbund.create("Samordningsförbundet Exempelbygden", "222000-3111")
        raise OSError("disken är full")

    monkeypatch.setattr(app, "build_demo", broken)
    target = app.demo_db_path()
    with pytest.raises(OSError):
        app.ensure_demo(target)
    assert not target.exists()


def test_today_option_and_real_date_in_the_title(demo_workspace, monkeypatch):
    path = demo_workspace.path
    demo_workspace.close()
    out = run_app("--db", str(path), "--today", "2023-01-10").stdout
    assert out.strip().endswith("FINSAM Kansli – som den 2023-01-10")
    monkeypatch.delenv("FINSAM_TODAY")
    out = run_app("--db", str(path)).stdout
    assert out.strip().endswith("Samordningsförbundet Exempelbygden – FINSAM Kansli")


def test_a_bad_today_is_refused_in_swedish(demo_workspace, monkeypatch):
    path = demo_workspace.path
    demo_workspace.close()
    monkeypatch.setenv("FINSAM_TODAY", "2026-02-30")
    proc = run_app("--db", str(path), expect=2)
    assert "FINSAM_TODAY='2026-02-30' är inget datum" in proc.stderr and "Traceback" not in proc.stderr


def test_a_file_that_does_not_open_can_be_restored_from_the_start(monkeypatch, demo_workspace, no_message_boxes):
    live = demo_workspace.path
    demo_workspace.close()
    good = online_copy(live, live.with_name("bra-kopia.sqlite"))
    data = bytearray(live.read_bytes())
    data[100:4096] = b"\xa5" * 3996  # the schema page is junk: the file cannot be opened any more
    live.write_bytes(bytes(data))
    offered: list[str] = []
    monkeypatch.setattr(restore_dialog, "ask_restore_after_failure", lambda _p, _t, text: offered.append(text) or True)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(good), ""))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)

    ws = app.open_interactively(live)
    try:
        assert offered and "skadad" in offered[0]
        assert ws is not None and not ws.read_only
        assert ws.services.forbund.get().namn == "Samordningsförbundet Exempelbygden"
    finally:
        ws.close()
    [(title, text)] = no_message_boxes
    assert title == "Återställd" and "före-återställning" in text


def test_the_window_refuses_a_bad_copy_and_keeps_working(qtbot, demo_workspace, tmp_path, no_message_boxes):
    window = MainWindow(demo_workspace)
    qtbot.addWidget(window)
    bad = tmp_path / "trasig.sqlite"
    bad.write_bytes(b"SQLite format 3\x00" + b"\x00" * 5000)
    before = demo_workspace.path.read_bytes()
    assert window.restore(bad) is False
    [(title, text)] = no_message_boxes
    assert title == "Återställning misslyckades" and "kan inte återställas" in text
    assert demo_workspace.path.read_bytes() == before
    assert window.workspace is demo_workspace
    assert window.workspace.services.forbund.get().namn == "Samordningsförbundet Exempelbygden"


def test_the_window_restores_a_good_copy(qtbot, demo_workspace, tmp_path, no_message_boxes):
    window = MainWindow(demo_workspace)
    qtbot.addWidget(window)
    good = online_copy(demo_workspace.path, tmp_path / "kopia.sqlite")
    fb = demo_workspace.services.forbund
    fb.save_person(fb.list_persons()[0].__class__(0, "Efter Kopian"))
    assert window.restore(good) is True
    assert no_message_boxes == []
    assert window.workspace is not demo_workspace and window.workspace.lock is demo_workspace.lock
    assert "Efter Kopian" not in [p.namn for p in window.workspace.services.forbund.list_persons()]
    assert "före-återställning" in window.statusBar().currentMessage()
