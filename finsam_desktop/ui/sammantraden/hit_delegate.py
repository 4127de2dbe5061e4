"""Search results drawn as three lines: rubrik, where (organ, date, §), and the snippet with the words marked."""

from __future__ import annotations

import html
import re

from PySide6.QtCore import QModelIndex, QRectF, QSize
from PySide6.QtGui import QAbstractTextDocumentLayout, QPalette, QTextDocument
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from finsam_desktop.ui.sammantraden.models import plain_snippet
from finsam_desktop.ui.widgets.table_model import ROW_ROLE


def hit_html(hit, words: list[str], selected: bool = False) -> str:
    snippet = html.escape(plain_snippet(hit.snippet))
    for w in sorted({w for w in words if w}, key=len, reverse=True):
        snippet = re.sub(
            rf"(?i)\b({re.escape(html.escape(w))}\w*)",
            r'<span style="background:#fde68a;">\1</span>',
            snippet,
        )
    where = f"{html.escape(hit.organ_namn)} {hit.datum.isoformat()} · {html.escape(hit.label)}"
    grey = "" if selected else "color:#555;"
    if selected:
        snippet = snippet.replace("background:#fde68a;", "text-decoration:underline;")
    return (
        f'<div style="font-weight:600;">{html.escape(hit.rubrik)}</div>'
        f'<div style="{grey}">{where}</div>'
        f"<div>{snippet}</div>"
    )


class HitDelegate(QStyledItemDelegate):
    """Paints a ``SearchHit`` (from ``ROW_ROLE``) as rich text."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.words: list[str] = []

    def _doc(self, option: QStyleOptionViewItem, index: QModelIndex) -> QTextDocument | None:
        hit = index.data(ROW_ROLE)
        if hit is None:
            return None
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        doc.setDocumentMargin(6)
        if selected:
            colour = option.palette.color(QPalette.ColorRole.HighlightedText).name()
            doc.setDefaultStyleSheet(f"div {{ color: {colour}; }}")
        doc.setHtml(hit_html(hit, self.words, selected))
        doc.setTextWidth(max(option.rect.width(), 200))
        return doc

    def paint(self, painter, option, index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        doc = self._doc(opt, index)
        if doc is None:
            return super().paint(painter, option, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        painter.save()
        painter.translate(opt.rect.topLeft())
        ctx = QAbstractTextDocumentLayout.PaintContext()
        if opt.state & QStyle.StateFlag.State_Selected:
            ctx.palette.setColor(QPalette.ColorRole.Text, opt.palette.color(QPalette.ColorRole.HighlightedText))
        painter.setClipRect(QRectF(0, 0, opt.rect.width(), opt.rect.height()))
        doc.documentLayout().draw(painter, ctx)
        painter.restore()

    def sizeHint(self, option, index) -> QSize:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        if opt.rect.width() <= 0 and opt.widget is not None:
            opt.rect.setWidth(opt.widget.viewport().width())
        doc = self._doc(opt, index)
        if doc is None:
            return super().sizeHint(option, index)
        return QSize(int(doc.idealWidth()), int(doc.size().height()) + 2)
