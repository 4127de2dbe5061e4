"""The help window: the page list and a search field on the left, the page on the right with back, forward and
links between pages. Offline: the pages are Markdown files in ``resources/help`` shown by a QTextBrowser."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtGui import QAction, QColor, QKeySequence, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from finsam_desktop.ui.help.pages import PAGE_ORDER, SHORTCUTS_PAGE, help_dir, load_page, plain_text, search, slug

PAGE_ROLE = Qt.ItemDataRole.UserRole


class HelpBrowser(QTextBrowser):
    """Shows the pages; the Kortkommandon page is made on request by ``make_shortcuts``."""

    def __init__(self, make_shortcuts: Callable[[], str], parent: QWidget | None = None):
        super().__init__(parent)
        self._make_shortcuts = make_shortcuts
        self.setOpenExternalLinks(True)
        self.setSearchPaths([str(help_dir())])

    def loadResource(self, kind: int, url: QUrl):
        if url.fileName() == f"{SHORTCUTS_PAGE}.md":
            return self._make_shortcuts()
        return super().loadResource(kind, url)

    def scroll_to_heading(self, fragment: str) -> bool:
        """Scroll so that the heading whose ``slug`` is ``fragment`` is at the top."""
        block = self.document().begin()
        while block.isValid():
            if block.blockFormat().headingLevel() and slug(block.text()) == fragment:
                self.verticalScrollBar().setValue(int(self.document().documentLayout().blockBoundingRect(block).y()))
                return True
            block = block.next()
        return False


class HelpWindow(QWidget):
    """One per main window; ``show_page("id")`` or ``show_page("id#rubrik")`` opens a page."""

    def __init__(self, make_shortcuts: Callable[[], str], parent: QWidget | None = None):
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle("Användarhandbok – FINSAM Kansli")
        self.setObjectName("help_window")
        self.pages = {page_id: load_page(page_id) for page_id in PAGE_ORDER if page_id != SHORTCUTS_PAGE}
        self._texts = {pid: (p.title, plain_text(p.body)) for pid, p in self.pages.items()}

        self.search = QLineEdit()
        self.search.setPlaceholderText("t.ex. anslag, stickprov")
        self.search.setAccessibleName("Sök i handboken")
        self.search.setClearButtonEnabled(True)
        search_label = QLabel("&Sök i handboken")
        search_label.setBuddy(self.search)
        self.page_list = QListWidget()
        self.page_list.setAccessibleName("Sidor")
        self.page_list.setWordWrap(True)
        self.page_list.setSpacing(3)
        list_label = QLabel("Si&dor")
        list_label.setBuddy(self.page_list)
        self.hits_label = QLabel()
        self.hits_label.setAccessibleName("Sökresultat")
        self.hits_label.setWordWrap(True)

        self.back = QPushButton("← &Bakåt")
        self.back.setAccessibleName("Bakåt")
        self.forward = QPushButton("&Framåt →")
        self.forward.setAccessibleName("Framåt")
        self.home = QPushButton("S&tartsida")
        self.home.setAccessibleName("Handbokens startsida")
        self.title = QLabel()
        self.title.setAccessibleName("Sidans rubrik")
        self.browser = HelpBrowser(make_shortcuts)
        self.browser.setAccessibleName("Hjälpsida")

        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addWidget(search_label)
        lv.addWidget(self.search)
        lv.addWidget(self.hits_label)
        lv.addWidget(list_label)
        lv.addWidget(self.page_list, 1)
        right = QWidget()
        rv = QVBoxLayout(right)
        rv.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        for button in (self.back, self.forward, self.home):
            bar.addWidget(button)
        bar.addWidget(self.title, 1)
        rv.addLayout(bar)
        rv.addWidget(self.browser, 1)
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(1, 1)
        split.setSizes([300, 980])
        layout = QVBoxLayout(self)
        layout.addWidget(split)

        close = QAction("Stäng", self)
        close.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        close.triggered.connect(self.close)
        self.addAction(close)
        find = QAction("Sök", self)
        find.setShortcut(QKeySequence.StandardKey.Find)
        find.triggered.connect(lambda: (self.search.setFocus(), self.search.selectAll()))
        self.addAction(find)

        self.back.clicked.connect(self.browser.backward)
        self.forward.clicked.connect(self.browser.forward)
        self.home.clicked.connect(lambda: self.show_page("start"))
        self.browser.backwardAvailable.connect(self.back.setEnabled)
        self.browser.forwardAvailable.connect(self.forward.setEnabled)
        self.browser.sourceChanged.connect(self._on_source)
        self.page_list.currentItemChanged.connect(self._on_item)
        self.search.textChanged.connect(self._on_search)
        self.search.returnPressed.connect(self._open_first_hit)
        self.back.setEnabled(False)
        self.forward.setEnabled(False)
        self._fill_list()
        self.resize(1280, 800)

    # --- pages --------------------------------------------------------------------------------
    def _title_of(self, page_id: str) -> str:
        return self.pages[page_id].title if page_id in self.pages else "Kortkommandon"

    def _fill_list(self, hits=None) -> None:
        self.page_list.blockSignals(True)
        self.page_list.clear()
        if hits is None:
            for page_id in PAGE_ORDER:
                item = QListWidgetItem(self._title_of(page_id))
                item.setData(PAGE_ROLE, page_id)
                self.page_list.addItem(item)
        else:
            for hit in hits:
                item = QListWidgetItem(f"{hit.title} ({hit.count})\n{hit.snippet}")
                item.setData(PAGE_ROLE, hit.page_id)
                item.setToolTip(hit.snippet)
                self.page_list.addItem(item)
        self.page_list.blockSignals(False)
        self._select_current()

    def current_page(self) -> str:
        return self.browser.source().fileName().removesuffix(".md")

    def _select_current(self, current: str | None = None) -> None:
        current = current or self.current_page()
        self.page_list.blockSignals(True)
        for row in range(self.page_list.count()):
            if self.page_list.item(row).data(PAGE_ROLE) == current:
                self.page_list.setCurrentRow(row)
                break
        else:
            self.page_list.setCurrentRow(-1)
        self.page_list.blockSignals(False)

    def show_page(self, target: str) -> None:
        """Open ``target`` ("page" or "page#heading") and bring the window to the front."""
        page_id, _, fragment = target.partition("#")
        url = QUrl.fromLocalFile(str(help_dir() / f"{page_id}.md"))
        if fragment:
            url.setFragment(fragment)
        # Shown first: a heading's place depends on the width the page is laid out in.
        self.show()
        self.raise_()
        self.activateWindow()
        if url == self.browser.source():
            self.browser.reload()
            self._on_source(url)
        else:
            self.browser.setSource(url)

    def _on_source(self, url: QUrl) -> None:
        page_id = url.fileName().removesuffix(".md")
        self.title.setText(f"<b>{self._title_of(page_id)}</b>")
        self._select_current(page_id)  # (source() may still name the page before)
        fragment = url.fragment()
        self._highlight(self.search.text().split(), scroll=False)
        # After layout: the heading's position needs the laid-out page.
        QTimer.singleShot(0, lambda: self._after_load(fragment))

    def _after_load(self, fragment: str) -> None:
        if fragment:
            self.browser.scroll_to_heading(fragment)
        else:
            self._highlight(self.search.text().split(), scroll=True)

    def _on_item(self, item: QListWidgetItem | None, _previous=None) -> None:
        if item is not None and item.data(PAGE_ROLE) != self.current_page():
            self.show_page(item.data(PAGE_ROLE))

    # --- search -------------------------------------------------------------------------------
    def _on_search(self, text: str) -> None:
        if not text.strip():
            self.hits_label.setText("")
            self._fill_list()
            self._highlight([], scroll=False)
            return
        hits = search(text, self._texts)
        self.hits_label.setText(
            f"{len(hits)} sidor innehåller ”{text.strip()}”." if hits else f"Ingen sida innehåller ”{text.strip()}”."
        )
        self._fill_list(hits)
        self._highlight(text.split(), scroll=False)

    def _open_first_hit(self) -> None:
        if self.page_list.count():
            self.page_list.setCurrentRow(0)
            self.show_page(self.page_list.item(0).data(PAGE_ROLE))

    def _highlight(self, words: list[str], scroll: bool) -> None:
        """Mark the words on the shown page; with ``scroll``, show the first one."""
        marks = []
        fmt = QTextCharFormat()
        fmt.setBackground(QColor("#ffe58a"))
        first = None
        for word in words:
            cursor = QTextCursor(self.browser.document())
            while True:
                cursor = self.browser.document().find(word, cursor, QTextDocument.FindFlag(0))
                if cursor.isNull():
                    break
                selection = QTextEdit.ExtraSelection()
                selection.cursor = cursor
                selection.format = fmt
                marks.append(selection)
                if first is None or cursor.position() < first.position():
                    first = QTextCursor(cursor)
        self.browser.setExtraSelections(marks)
        if scroll and first is not None:
            self.browser.setTextCursor(first)
            self.browser.ensureCursorVisible()
            cursor = self.browser.textCursor()
            cursor.clearSelection()
            self.browser.setTextCursor(cursor)

    @property
    def highlighted(self) -> int:
        return len(self.browser.extraSelections())
