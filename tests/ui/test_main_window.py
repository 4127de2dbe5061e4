from __future__ import annotations

from finsam_desktop.ui.main_window import MainWindow


def test_main_window_has_five_swedish_tabs(qtbot, demo_workspace):
    window = MainWindow(demo_workspace)
    qtbot.addWidget(window)
    window.show()
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert titles == ["Årshjul", "Sammanträden", "Attest && delegation", "Intern kontroll", "Budget"]
    assert window.windowTitle().startswith("Samordningsförbundet Exempelbygden")
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus == ["&Arkiv", "&Redigera", "&Hjälp"]


def test_last_tab_is_remembered(qtbot, demo_workspace):
    window = MainWindow(demo_workspace)
    qtbot.addWidget(window)
    window.tabs.setCurrentIndex(3)
    window.close()
    again = MainWindow(demo_workspace)
    qtbot.addWidget(again)
    assert again.tabs.currentIndex() == 3
