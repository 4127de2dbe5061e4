"""The Kortkommandon page, made from the window's own actions and buttons each time it is shown, so that it
lists exactly the keys the program answers."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractButton, QMainWindow, QMenu, QWidget

_WORDS = {
    "Shift": "Skift",
    "Return": "Retur",
    "Enter": "Retur",
    "PgDown": "PgDn",
    "Up": "Upp",
    "Down": "Ner",
    "Left": "Vänster",
    "Right": "Höger",
    "Backspace": "Backsteg",
    "Del": "Delete",
    "Ins": "Insert",
    "Esc": "Esc",
}


def key_text(sequence: QKeySequence) -> str:
    """A key as the guide shows it: "Ctrl+Skift+N"."""
    text = sequence.toString(QKeySequence.SequenceFormat.PortableText)
    return ", ".join("+".join(_WORDS.get(k, k) for k in part.split("+")) for part in text.split(", "))


def _label(text: str) -> str:
    text = text.replace("&&", "\0").replace("&", "").replace("\0", "&")
    return text.replace("…", "").split(" (")[0].strip()


def _menu_actions(menu: QMenu, path: str) -> list[tuple[str, str]]:
    rows = []
    for action in menu.actions():
        if action.isSeparator():
            continue
        if action.menu() is not None:
            rows += _menu_actions(action.menu(), f"{path} → {_label(action.text())}")
        elif not action.shortcut().isEmpty():
            rows.append((key_text(action.shortcut()), f"{path} → {_label(action.text())}"))
    return rows


def menu_shortcuts(window: QMainWindow) -> list[tuple[str, str]]:
    """(key, "Meny → Kommando") for every menu entry of the menu bar that has a key."""
    rows = []
    for action in window.menuBar().actions():
        if action.menu() is not None:
            rows += _menu_actions(action.menu(), _label(action.text()))
    return rows


def widget_shortcuts(root: QWidget) -> list[tuple[str, str]]:
    """(key, what it does) for the actions and buttons inside ``root`` that have a key of their own (not the
    Alt+letter of their text)."""
    rows: dict[tuple[str, str], None] = {}
    for action in root.findChildren(QAction):
        if not action.shortcut().isEmpty() and action.text() and not isinstance(action.parent(), QMenu):
            rows[(key_text(action.shortcut()), _label(action.text()))] = None
    for button in root.findChildren(QAbstractButton):
        key = button.shortcut()
        if key.isEmpty() or key == QKeySequence.mnemonic(button.text()) or not button.text():
            continue
        rows[(key_text(key), _label(button.text()))] = None
    return sorted(rows, key=lambda row: (row[1].casefold(), row[0]))


def _table(rows: list[tuple[str, str]]) -> str:
    lines = ["| Tangent | Gör |", "|---|---|"]
    lines += [f"| {key} | {what.replace('|', '/')} |" for key, what in rows]
    return "\n".join(lines)


def shortcuts_markdown(
    window: QMainWindow, tabs: list[tuple[str, QWidget | None]], help_window: QWidget | None = None
) -> str:
    """The page: the menus' keys, then each tab's (``tabs``: the tab's title and its widget, None if it is not
    built), then the help window's."""
    parts = [
        "# Kortkommandon",
        "Alla knappar, flikar och fält med en understruken bokstav nås med **Alt** och bokstaven. "
        "Tab och Skift+Tab flyttar mellan fälten, Retur trycker på den markerade knappen och Esc stänger en "
        "dialogruta. Listan nedan görs av programmet självt när du öppnar sidan, så den visar exakt de "
        "tangenter som gäller. Läs mer på sidan [Kom igång](kom-igang.md).",
        "## Hela fönstret",
        _table(menu_shortcuts(window)),
    ]
    for title, content in tabs:
        rows = widget_shortcuts(content) if content is not None else []
        if rows:
            parts += [f"## {title}", "Gäller när fliken visas.", _table(rows)]
    if help_window is not None:
        parts += ["## Handboken", "Gäller i handbokens fönster.", _table(widget_shortcuts(help_window))]
    return "\n\n".join(parts) + "\n"
