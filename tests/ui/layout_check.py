"""What "the window fits" means, checked on a shown window: no button's or label's text is wider than the
widget that shows it, no page scrolls sideways, no table needs a horizontal scroll bar for its columns, and no
table shows a key column (a date, a number, a §, an amount: ``column_fit.key_columns``) elided ("2026-0…").

Used by ``test_layout_fits.py``; kept apart so ``python -m tests.ui.layout_check`` can print every problem of
the demo window at one size while the layouts are being worked on."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as QtGuiQt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QCheckBox,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QStyle,
    QTableView,
    QTabWidget,
    QToolButton,
    QTreeView,
    QWidget,
)

from finsam_desktop.ui.widgets.background import pending_jobs, wait_for_background
from finsam_desktop.ui.widgets.column_fit import key_columns

#: Pixels a push or tool button needs besides its text and icon (Fusion's frame and margins).
BUTTON_PADDING = 8


def settle() -> None:
    for _ in range(4):
        QApplication.processEvents()
    if pending_jobs():
        assert wait_for_background(30_000), "bakgrundsjobb blev inte klara inom 30 s"
        for _ in range(4):
            QApplication.processEvents()


def shown_text(text: str) -> str:
    """A widget's text as drawn: mnemonic ampersands dropped, "&&" a literal "&"; the widest line."""
    text = text.replace("&&", "\0").replace("&", "").replace("\0", "&")
    return max(text.split("\n"), key=len)


def _label_overflow(label: QLabel) -> int:
    text = label.text()
    if not text or label.wordWrap() or (label.pixmap() is not None and not label.pixmap().isNull()):
        return 0
    fm = label.fontMetrics()
    if QtGuiQt.mightBeRichText(text) or label.textFormat() == Qt.TextFormat.RichText:
        doc = QTextDocument()
        doc.setDefaultFont(label.font())
        doc.setHtml(text)
        doc.setDocumentMargin(0)
        needed = int(doc.idealWidth())
    else:
        needed = fm.horizontalAdvance(shown_text(text) if label.buddy() is not None else text)
        if label.buddy() is None:
            needed = max(fm.horizontalAdvance(line) for line in text.split("\n"))
    available = label.contentsRect().width() - 2 * label.margin() - label.indent() * (label.indent() > 0)
    return needed - available


def _button_overflow(button: QAbstractButton) -> int:
    text = button.text()
    if not text:
        return 0
    style = button.style()
    fm = button.fontMetrics()
    needed = fm.horizontalAdvance(shown_text(text))
    if not button.icon().isNull():
        needed += button.iconSize().width() + 4
    if isinstance(button, (QCheckBox, QRadioButton)):
        metric = QStyle.PixelMetric
        indicator = (
            QStyle.PixelMetric.PM_IndicatorWidth
            if isinstance(button, QCheckBox)
            else QStyle.PixelMetric.PM_ExclusiveIndicatorWidth
        )
        spacing = metric.PM_CheckBoxLabelSpacing if isinstance(button, QCheckBox) else metric.PM_RadioButtonLabelSpacing
        needed += style.pixelMetric(indicator, None, button) + style.pixelMetric(spacing, None, button)
        return needed - button.width()
    if isinstance(button, QToolButton) and button.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonIconOnly:
        return 0
    if isinstance(button, QPushButton) and button.menu() is not None:
        needed += style.pixelMetric(QStyle.PixelMetric.PM_MenuButtonIndicator, None, button)
    return needed + BUTTON_PADDING - button.width()


def _is_inside_item_view(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, (QTableView, QTreeView)):
            return True
        parent = parent.parentWidget()
    return False


def _inside_sub_tabs(widget: QWidget, page: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not page:
        if isinstance(parent, QTabWidget):
            return True
        parent = parent.parentWidget()
    return False


def problems_of(page: QWidget, where: str, own_only: bool = False) -> list[str]:
    """What does not fit on the shown ``page`` (its visible widgets only; with ``own_only`` not those on its
    sub-tabs)."""
    out = []
    for widget in page.findChildren(QWidget):
        if not widget.isVisible() or widget.width() <= 0:
            continue
        if own_only and _inside_sub_tabs(widget, page):
            continue
        if isinstance(widget, QLabel) and not _is_inside_item_view(widget):
            over = _label_overflow(widget)
            if over > 0:
                out.append(f"{where}: etiketten {shown_text(widget.text())[:60]!r} saknar {over} px")
        elif isinstance(widget, QAbstractButton) and not _is_inside_item_view(widget):
            if widget.parentWidget() is not None and type(widget.parentWidget()).__name__ == "QTabBar":
                continue
            over = _button_overflow(widget)
            if over > 0:
                out.append(f"{where}: knappen {shown_text(widget.text())!r} saknar {over} px")
        if isinstance(widget, QScrollArea) and widget.horizontalScrollBar().isVisible():
            out.append(f"{where}: sidan rullar i sidled ({widget.objectName() or type(widget).__name__})")
        if isinstance(widget, QTableView) and isinstance(widget, QAbstractScrollArea):
            header = widget.horizontalHeader()
            if header.isHidden() or widget.model() is None or widget.model().rowCount() == 0:
                continue
            overflow = header.length() - widget.viewport().width()
            if overflow > 1:
                name = widget.accessibleName() or widget.objectName() or type(widget).__name__
                hidden = [
                    str(widget.model().headerData(c, Qt.Orientation.Horizontal))
                    for c in range(header.count())
                    if not header.isSectionHidden(c)
                    and header.sectionViewportPosition(c) + header.sectionSize(c) > widget.viewport().width() + 1
                ]
                out.append(f"{where}: tabellen {name!r} är {overflow} px för bred, skymmer {hidden}")
            out += elided_key_columns(widget, where)
    return out


def elided_key_columns(table: QTableView, where: str) -> list[str]:
    """The key columns of the shown ``table`` narrower than their widest text (shown elided)."""
    out = []
    header = table.horizontalHeader()
    name = table.accessibleName() or table.objectName() or type(table).__name__
    for column in sorted(key_columns(table)):
        if header.isSectionHidden(column):
            continue
        need, width = table.sizeHintForColumn(column), header.sectionSize(column)
        if width < need - 1:
            title = str(table.model().headerData(column, Qt.Orientation.Horizontal)).replace("\n", " ")
            out.append(f"{where}: tabellen {name!r} visar nyckelkolumnen {title!r} avkortad ({width} av {need} px)")
    return out


def _nested_tab_widgets(page: QWidget) -> list[QTabWidget]:
    found = []
    for tabs in page.findChildren(QTabWidget):
        parent = tabs.parentWidget()
        nested = False
        while parent is not None and parent is not page:
            if isinstance(parent, QTabWidget):
                nested = True
                break
            parent = parent.parentWidget()
        if not nested:
            found.append(tabs)
    return found


def walk(page: QWidget, where: str) -> list[str]:
    """Show every sub-tab of ``page`` in turn and collect what does not fit on each."""
    out: list[str] = []
    sub = [t for t in _nested_tab_widgets(page) if t.isVisible()]
    for tabs in sub:
        for i in range(tabs.count()):
            tabs.setCurrentIndex(i)
            settle()
            title = shown_text(tabs.tabText(i))
            out += walk(tabs.widget(i), f"{where} / {title}")
        tabs.setCurrentIndex(0)
    if not sub:
        out += problems_of(page, where)
    else:
        out += problems_of(page, where, own_only=True)
    return out


def window_problems(window, size: tuple[int, int]) -> list[str]:
    """Resize ``window`` to ``size`` and walk every tab."""
    window.resize(*size)
    settle()
    out = []
    if (window.width(), window.height()) != size:
        out.append(f"fönstret blir {window.width()}×{window.height()}, inte {size[0]}×{size[1]}")
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        settle()
        title = shown_text(window.tabs.tabText(index))
        out += [f"{size[0]}×{size[1]} {p}" for p in walk(window.tabs.widget(index), title)]
    window.tabs.setCurrentIndex(0)
    return out


if __name__ == "__main__":  # pragma: no cover - a tool for working on the layouts
    import os
    import sys
    import tempfile
    from pathlib import Path

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    tmp = tempfile.mkdtemp(prefix="finsam-layout-")
    os.environ["XDG_CONFIG_HOME"] = str(Path(tmp) / "config")
    os.environ["XDG_DATA_HOME"] = str(Path(tmp) / "data")
    from finsam_desktop import clock
    from finsam_desktop.app import setup_application
    from finsam_desktop.services.demo import build_demo
    from finsam_desktop.services.workspace import open_workspace
    from finsam_desktop.ui.main_window import MainWindow

    app = setup_application([sys.argv[0]])
    ws = open_workspace(Path(tmp) / "demo.sqlite", auto_backup=False)
    build_demo(ws.services, clock.today().year)
    window = MainWindow(ws)
    window.show()
    sizes = [tuple(int(v) for v in arg.split("x")) for arg in sys.argv[1:]] or [(1280, 800)]
    for size in sizes:
        for problem in window_problems(window, size):
            print(problem)
    os._exit(0)
