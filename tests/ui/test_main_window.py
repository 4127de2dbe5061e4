from __future__ import annotations

from finsam_desktop.ui.main_window import MainWindow


def test_main_window_has_seven_swedish_tabs(qtbot, demo_workspace):
    window = MainWindow(demo_workspace)
    qtbot.addWidget(window)
    window.show()
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert titles == [
        "Årshjul",
        "Sammanträden",
        "Attest && delegation",
        "Intern kontroll",
        "Budget",
        "Verksamhet",
        "Årsredovisning",
    ]
    assert window.windowTitle().startswith("Samordningsförbundet Exempelbygden")
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus == ["&Arkiv", "&Redigera", "&Hjälp"]


def test_the_window_shows_before_a_file_is_open(qtbot, demo_workspace):
    """The start paints an empty window first; the file's commands wait for the file, and no tab is built."""
    window = MainWindow(None)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.windowTitle() == "FINSAM Kansli"
    assert not window.action_backup.isEnabled() and not window.action_forbund.isEnabled()
    assert not any(p.built for p in window.pages())
    window.replace_workspace(demo_workspace)
    assert window.windowTitle().startswith("Samordningsförbundet Exempelbygden")
    assert window.action_backup.isEnabled()
    assert [p.built for p in window.pages()].count(True) == 1  # only the tab shown; the others follow
    qtbot.waitUntil(lambda: all(p.built for p in window.pages()), timeout=30000)


def test_last_tab_is_remembered(qtbot, demo_workspace):
    window = MainWindow(demo_workspace)
    qtbot.addWidget(window)
    window.tabs.setCurrentIndex(3)
    window.close()
    again = MainWindow(demo_workspace)
    qtbot.addWidget(again)
    assert again.tabs.currentIndex() == 3


def test_every_tab_fits_a_1366_by_768_laptop(qtbot, demo_workspace):
    window = MainWindow(demo_workspace)
    qtbot.addWidget(window)
    window.ensure_all_tabs()
    too_big = {}
    for name in ("arshjul", "sammantraden", "attest", "internkontroll", "budget", "arsredovisning"):
        hint = window.tab_widget(name).minimumSizeHint()
        if hint.width() > 1340 or hint.height() > 600:
            too_big[name] = (hint.width(), hint.height())
    assert too_big == {}
    hint = window.minimumSizeHint()
    assert hint.width() <= 1366 and hint.height() <= 740
