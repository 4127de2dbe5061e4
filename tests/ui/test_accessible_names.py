"""The project's accessibility standard, "every control has an accessible name and is reachable by keyboard",
checked on the real window: the demo förbund is opened, every tab of the window's registry (``TABS``, so a tab
added later is walked too) and every page and sub-tab inside it is shown in turn, and each interactive widget
must have a name a screen reader can announce and take focus with Tab (unless it is disabled). Widgets the page
holds hidden until the user needs them (an agenda item's editor before an item is chosen) are checked as well,
marked "(dold)" in the failure message."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollBar,
    QTabWidget,
    QTextEdit,
    QWidget,
)

from finsam_desktop.ui.main_window import TABS, MainWindow
from finsam_desktop.ui.widgets.background import pending_jobs, wait_for_background

#: What a user operates: buttons (push, tool, check, radio), tables/lists/trees, spin and date boxes, combo
#: boxes, line and text edits, sliders. QDateEdit is a QAbstractSpinBox, QSlider a QAbstractSlider.
INTERACTIVE = (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QTextEdit,
    QPlainTextEdit,
    QAbstractSlider,
)


def _settle() -> None:
    for _ in range(5):
        QApplication.processEvents()
    if pending_jobs():
        assert wait_for_background(30_000), "bakgrundsjobb blev inte klara inom 30 s"
        for _ in range(5):
            QApplication.processEvents()


def _title(text: str) -> str:
    """A tab's text as shown: mnemonic ampersands dropped, "&&" a literal "&"."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def _ancestors(widget: QWidget) -> list[QWidget]:
    out = []
    parent = widget.parentWidget()
    while parent is not None:
        out.append(parent)
        parent = parent.parentWidget()
    return out


def _is_qt_internal(widget: QWidget) -> bool:
    """Parts Qt builds inside a control (a header, scroll bar, a combo's popup list, a spin box's or line
    edit's own line edit and clear button): the control itself carries the name."""
    if isinstance(widget, (QHeaderView, QScrollBar)) or widget.objectName().startswith("qt_"):
        return True
    return any(isinstance(a, (QComboBox, QAbstractSpinBox, QLineEdit)) for a in _ancestors(widget))


def _buddy_text(widget: QWidget) -> str:
    """The name Qt derives when no accessible name is set: a sibling QLabel whose buddy it is, or the title
    of the group box it sits in (Qt's own rule)."""
    parent = widget.parentWidget()
    if parent is None:
        return ""
    for child in parent.children():
        if isinstance(child, QLabel) and child.buddy() is widget:
            return child.text()
    return parent.title() if isinstance(parent, QGroupBox) else ""


def accessible_name(widget: QWidget) -> str:
    """The name a screen reader announces for ``widget``."""
    if isinstance(widget, QComboBox):
        # On Linux Qt reports a combo box's current value as its name, which names nothing (on Windows the
        # same box is announced without a name): a combo box needs its own name or a buddy label.
        return (widget.accessibleName() or _buddy_text(widget)).strip()
    iface = QAccessible.queryAccessibleInterface(widget)
    return (iface.text(QAccessible.Text.Name) if iface is not None else "").strip()


def _describe(widget: QWidget) -> str:
    """Class, objectName and — to find it in the code — the attribute that holds it, plus a visible hint."""
    where = ""
    for owner in _ancestors(widget):
        for attr, value in getattr(owner, "__dict__", {}).items():
            if value is widget:
                where = f" ({type(owner).__name__}.{attr})"
                break
        if where:
            break
    hint = ""
    if isinstance(widget, QLineEdit) and widget.placeholderText():
        hint = f" platshållare {widget.placeholderText()!r}"
    elif isinstance(widget, QComboBox) and widget.currentText():
        hint = f" visar {widget.currentText()!r}"
    name = widget.objectName() or "<utan objectName>"
    return f"{type(widget).__name__} {name}{where}{hint}"


def _nested_tab_widgets(page: QWidget) -> list[QTabWidget]:
    """The QTabWidgets directly inside ``page`` (not those inside another tab widget within it)."""
    found = []
    for tabs in page.findChildren(QTabWidget):
        between = _ancestors(tabs)
        between = between[: between.index(page)] if page in between else between
        if not any(isinstance(a, QTabWidget) for a in between):
            found.append(tabs)
    return found


def _collect(page: QWidget, where: str, seen: dict[int, tuple[str, QWidget, bool]]) -> None:
    """Show every sub-tab of ``page`` (deepest first, so a widget is reported on its own page), then note
    the interactive widgets of ``page`` — the page itself included, e.g. a table that is a tab."""
    for tabs in _nested_tab_widgets(page):
        if not tabs.isVisible():
            continue
        for i in range(tabs.count()):
            tabs.setCurrentIndex(i)
            _settle()
            _collect(tabs.widget(i), f"{where} / {_title(tabs.tabText(i))}", seen)
    for widget in [page, *page.findChildren(QWidget)]:
        if isinstance(widget, INTERACTIVE) and not _is_qt_internal(widget):
            shown = widget.isVisible()
            seen.setdefault(id(widget), (where if shown else f"{where} (dold)", widget, shown))


def walk_tab(window: MainWindow, index: int) -> list[tuple[str, QWidget, bool]]:
    """Every interactive widget of the window's tab ``index`` and its pages: where it was, the widget and
    whether it was shown when its page was."""
    window.tabs.setCurrentIndex(index)
    _settle()
    seen: dict[int, tuple[str, QWidget, bool]] = {}
    title = _title(window.tabs.tabText(index))
    _collect(window.tabs.widget(index), title, seen)
    return list(seen.values())


@pytest.fixture
def window(qtbot, demo_workspace):
    win = MainWindow(demo_workspace)
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    _settle()
    return win


def test_the_window_shows_every_registered_tab(window):
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert titles == [title for _name, title, _create in TABS]


@pytest.mark.parametrize("index", range(len(TABS)), ids=[name for name, _t, _c in TABS])
def test_every_control_has_a_name_and_takes_tab_focus(window, index):
    widgets = walk_tab(window, index)
    # A walk that found nothing would prove nothing: every tab shows controls.
    shown = sum(1 for _where, _w, visible in widgets if visible)
    assert shown >= 3, f"{TABS[index][0]}: bara {shown} synliga kontroller hittades"
    unnamed = [f"{where}: {_describe(w)}" for where, w, _v in widgets if not accessible_name(w)]
    unreachable = [
        f"{where}: {_describe(w)}"
        for where, w, _v in widgets
        if w.isEnabled() and not (w.focusPolicy() & Qt.FocusPolicy.TabFocus)
    ]
    problems = []
    if unnamed:
        problems.append(f"{len(unnamed)} kontroller utan tillgängligt namn:\n  " + "\n  ".join(unnamed))
    if unreachable:
        problems.append(f"{len(unreachable)} kontroller som Tab inte når:\n  " + "\n  ".join(unreachable))
    if problems:
        pytest.fail("\n".join(problems))


def test_a_combo_box_is_not_named_by_its_value(qtbot):
    """The rule the walk uses for combo boxes: the value shown is not a name; a buddy label or a set
    name is."""
    holder = QWidget()
    qtbot.addWidget(holder)
    bare, named, labelled = QComboBox(holder), QComboBox(holder), QComboBox(holder)
    for box in (bare, named, labelled):
        box.addItem("2026")
    named.setAccessibleName("År")
    QLabel("Budgetår", holder).setBuddy(labelled)
    assert [accessible_name(b) for b in (bare, named, labelled)] == ["", "År", "Budgetår"]
