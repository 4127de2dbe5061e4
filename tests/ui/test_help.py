"""Hjälp: the guide in resources/help, shown in the help window. F1 opens the page of the tab (and sub-tab) shown,
search finds pages by their words, every link and picture of every page resolves, and the Kortkommandon page lists
the keys the window really answers."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMenu
from test_accessible_names import INTERACTIVE, _describe, _is_qt_internal, accessible_name
from test_keyboard import page_keys

from finsam_desktop.ui.help.pages import (
    PAGE_ORDER,
    SHORTCUTS_PAGE,
    TAB_PAGES,
    help_dir,
    links,
    load_page,
    plain_text,
    search,
    slug,
)
from finsam_desktop.ui.help.shortcuts import key_text, menu_shortcuts
from finsam_desktop.ui.main_window import TABS, MainWindow

FILE_PAGES = [p for p in PAGE_ORDER if p != SHORTCUTS_PAGE]


def _settle() -> None:
    for _ in range(5):
        QApplication.processEvents()


@pytest.fixture
def window(qtbot, demo_workspace):
    win = MainWindow(demo_workspace)
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    _settle()
    yield win
    if win.help_window is not None:
        win.help_window.close()


def _press_f1(qtbot, window) -> str:
    """Press F1 where the focus is in the main window; the page the help window shows."""
    window.activateWindow()
    target = QApplication.focusWidget() or window.tabs.currentWidget()
    qtbot.keyClick(target, Qt.Key.Key_F1)
    _settle()
    assert window.help_window is not None and window.help_window.isVisible(), "F1 öppnade inte handboken"
    return window.help_window.current_page()


@pytest.mark.parametrize("index", range(len(TABS)), ids=[name for name, _t, _c in TABS])
def test_f1_on_a_tab_opens_its_page(qtbot, window, index):
    window.show_tab(index)
    _settle()
    name = TABS[index][0]
    assert _press_f1(qtbot, window) == TAB_PAGES[name]
    assert window.help_window.title.text() == f"<b>{load_page(TAB_PAGES[name]).title}</b>"


@pytest.mark.parametrize(
    ("tab", "sub_tab", "page"),
    [("sammantraden", 4, "justera-och-ansla"), ("internkontroll", 2, "ta-stickprov")],
)
def test_f1_on_a_sub_tab_with_its_own_page_opens_that_page(qtbot, window, tab, sub_tab, page):
    window.show_tab([n for n, _t, _c in TABS].index(tab))
    content = window.tab_widget(tab)
    content.pages.setCurrentIndex(sub_tab)
    _settle()
    assert window.help_target() == page
    assert _press_f1(qtbot, window) == page


def test_f1_on_a_sub_tab_opens_the_section_of_its_page(qtbot, window):
    """Budget → Medlemsavgifter: the Budget page, scrolled to its heading "Medlemsavgifter"."""
    window.show_tab([n for n, _t, _c in TABS].index("budget"))
    content = window.tab_widget("budget")
    content.tabs.setCurrentWidget(content.contributions_pane)
    _settle()
    assert window.help_target() == "folja-upp-budgeten#medlemsavgifter"
    assert _press_f1(qtbot, window) == "folja-upp-budgeten"
    browser = window.help_window.browser
    scrolled = browser.verticalScrollBar().value()
    assert scrolled > 0
    block = browser.document().begin()
    while block.text() != "Medlemsavgifter":
        block = block.next()
    y = browser.document().documentLayout().blockBoundingRect(block).y() - scrolled
    assert 0 <= y < browser.viewport().height() - 20, "rubriken syns inte"


def test_the_help_menu(window):
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Hjälp")
    entries = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert entries == ["&Användarhandbok", "Kom &igång", "&Kortkommandon", "&Om FINSAM Kansli"]
    assert window.action_help.shortcut().toString() == "F1"
    window.action_getting_started.trigger()
    assert window.help_window.current_page() == "kom-igang"
    window.action_keys.trigger()
    assert window.help_window.current_page() == SHORTCUTS_PAGE


def test_the_guide_opens_before_a_file_is_open(qtbot):
    window = MainWindow(None)
    qtbot.addWidget(window)
    assert window.action_help.isEnabled()
    window.action_keys.trigger()
    text = window.help_window.browser.toPlainText()
    assert "Användarhandbok" in text and "F1" in text
    window.help_window.close()


def test_every_page_is_listed_and_every_file_is_a_page():
    files = sorted(p.stem for p in help_dir().glob("*.md"))
    assert files == sorted(FILE_PAGES)
    for page_id in FILE_PAGES:
        page = load_page(page_id)
        assert page.title and len(plain_text(page.body).split()) > 80, f"{page_id}: för kort"


def _headings(page_id: str) -> set[str]:
    return {slug(m) for m in re.findall(r"^#+ (.+)$", load_page(page_id).text, flags=re.MULTILINE)}


def test_every_link_and_picture_resolves():
    problems = []
    pictures = 0
    for page_id in FILE_PAGES:
        for target in links(load_page(page_id).text):
            if target.startswith(("http://", "https://")):
                continue
            path, _, fragment = target.partition("#")
            name = path.removesuffix(".md") if path else page_id
            if path.endswith(".png"):
                pictures += 1
                if not (help_dir() / path).is_file():
                    problems.append(f"{page_id}: bilden {path} saknas")
            elif name != SHORTCUTS_PAGE and not (help_dir() / f"{name}.md").is_file():
                problems.append(f"{page_id}: länken {target} leder ingenstans")
            elif fragment and fragment not in _headings(name):
                problems.append(f"{page_id}: {name} har ingen rubrik {fragment!r}")
    assert pictures >= 8
    assert problems == []


def test_every_sub_tab_target_is_a_heading():
    from finsam_desktop.ui.help.pages import SUB_TAB_PAGES

    for target in [*SUB_TAB_PAGES.values(), *TAB_PAGES.values()]:
        page_id, _, fragment = target.partition("#")
        assert page_id in FILE_PAGES
        assert not fragment or fragment in _headings(page_id), target


def test_search_finds_pages_by_their_words_in_any_case():
    texts = {p: (load_page(p).title, plain_text(load_page(p).body)) for p in FILE_PAGES}
    hits = search("DIREKTUPPHANDLINGSGRÄNSEN", texts)
    assert [h.page_id for h in hits] == ["ta-stickprov"]
    assert "direktupphandlingsgränsen" in hits[0].snippet
    # every word must be on the page; the page with the most hits first
    both = search("anslag överklagande", texts)
    assert both[0].page_id == "justera-och-ansla"
    assert all("överklagande" in texts[h.page_id][1].casefold() for h in both)
    assert search("kvantfysik", texts) == []
    # a page named by the word comes before pages that only mention it
    assert search("stickprov", texts)[0].page_id == "ta-stickprov"


def test_the_search_field_lists_the_matching_pages_and_marks_the_words(qtbot, window):
    window.show_help("start")
    help_window = window.help_window
    qtbot.keyClicks(help_window.search, "Stickprov")
    shown = [help_window.page_list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(help_window.page_list.count())]
    assert "ta-stickprov" in shown and "verksamhet" not in shown
    assert "sidor innehåller" in help_window.hits_label.text()
    qtbot.keyClick(help_window.search, Qt.Key.Key_Return)
    _settle()
    assert help_window.current_page() == shown[0]
    assert help_window.highlighted >= 3
    help_window.search.clear()
    assert help_window.page_list.count() == len(PAGE_ORDER) and help_window.highlighted == 0


def test_links_back_and_forward(qtbot, window):
    window.show_help("start")
    browser = window.help_window.browser
    browser.setSource(browser.source().resolved(QUrl("justera-och-ansla.md")))
    _settle()
    assert window.help_window.current_page() == "justera-och-ansla"
    assert window.help_window.page_list.currentItem().text() == "Justera och anslå"
    assert window.help_window.back.isEnabled()
    qtbot.mouseClick(window.help_window.back, Qt.MouseButton.LeftButton)
    assert window.help_window.current_page() == "start"
    qtbot.mouseClick(window.help_window.forward, Qt.MouseButton.LeftButton)
    assert window.help_window.current_page() == "justera-och-ansla"
    assert "14 dagar" in browser.toPlainText()


def _shown(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").split(" (")[0].rstrip("…")


def _all_shortcut_actions(window):
    """Every action with a key: in the menus, and in the tabs."""
    found = []
    for action in window.findChildren(QAction):
        if not action.shortcut().isEmpty() and action.text() and not isinstance(action.parent(), QMenu):
            found.append(action)
    return found


def test_the_shortcuts_page_lists_every_key_of_the_window(window):
    window.show_help(SHORTCUTS_PAGE)
    text = window.help_window.browser.toPlainText()
    rows = menu_shortcuts(window)
    keys = {key for key, _what in rows}
    assert {"F1", "Ctrl+1", "Ctrl+7", "Ctrl+Z", "Ctrl+O"} <= keys
    assert ("F1", "Hjälp → Användarhandbok") in rows
    for key, what in rows:
        assert f"{key}\n{what}" in text, f"{key} {what} saknas"
    window.ensure_all_tabs()
    missing = [
        f"{key_text(a.shortcut())} {a.text()}"
        for a in _all_shortcut_actions(window)
        if key_text(a.shortcut()) not in text or _shown(a.text()) not in text
    ]
    assert missing == []
    assert "Nytt sammanträde" in text and "Ctrl+Skift+N" in text


def test_the_help_window_is_reachable_by_keyboard(qtbot, window):
    window.show_help("start")
    help_window = window.help_window
    _settle()
    widgets = [w for w in [help_window, *help_window.findChildren(object)] if isinstance(w, INTERACTIVE)]
    widgets = [w for w in widgets if not _is_qt_internal(w) and w.isVisible()]
    assert len(widgets) >= 5
    assert [_describe(w) for w in widgets if not accessible_name(w)] == []
    assert [_describe(w) for w in widgets if not (w.focusPolicy() & Qt.FocusPolicy.TabFocus)] == []
    owners, keyless = page_keys(help_window)
    assert keyless == []
    assert {k: n for k, n in owners.items() if len(n) > 1} == {}


def test_the_keys_entry_of_sammantraden_opens_its_keys_in_the_guide(window):
    """Sammanträden → Mer → Kortkommandon: the generated list, at the tab's own section."""
    window.show_tab([n for n, _t, _c in TABS].index("sammantraden"))
    window.tab_widget("sammantraden").act_keys.trigger()
    _settle()
    assert window.help_window.browser.source().fragment() == "sammantraden"
    assert window.help_window.browser.verticalScrollBar().value() > 0


def test_the_guide_ships_with_the_program():
    """The packaged program takes all of resources/ (packaging/finsam.spec), and the guide lives there."""
    from finsam_desktop.paths import project_root, resources_dir

    spec = (project_root() / "packaging" / "finsam.spec").read_text(encoding="utf-8")
    assert 'tree("resources")' in spec
    assert help_dir().parent == resources_dir()
