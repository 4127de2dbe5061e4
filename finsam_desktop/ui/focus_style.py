"""A focus ring that is always visible (issue 22, WCAG 2.4.7 and 1.4.11).

The platform styles mark the focused button with a hairline in a light tint (Fusion) or a dotted rectangle that
some Windows themes leave out, so a keyboard user loses the focus on a row of buttons. ``FocusRingStyle`` wraps
the platform's style and draws a 2-pixel ring in a dark blue (contrast ≥ 3:1 on white and on the grey of a
button) around the control that has the keyboard focus: buttons, tool buttons, check and radio boxes, combo and
spin boxes, line edits, tab bars, the frame of a table or text box and its current cell. Sizes and everything
else stay the platform's.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QLineEdit,
    QPlainTextEdit,
    QProxyStyle,
    QStyle,
    QStyleOption,
    QTextEdit,
)

#: The ring's colour: dark blue, 7.5:1 against white.
FOCUS_COLOUR = QColor("#0B4F9C")
WIDTH = 2

_RINGED_CONTROLS = (QStyle.ControlElement.CE_PushButton, QStyle.ControlElement.CE_TabBarTab)
_RINGED_COMPLEX = (
    QStyle.ComplexControl.CC_ToolButton,
    QStyle.ComplexControl.CC_ComboBox,
    QStyle.ComplexControl.CC_SpinBox,
)


def _ring(painter: QPainter, rect: QRect, inset: int = 1) -> None:
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    pen = QPen(FOCUS_COLOUR, WIDTH)
    pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(rect.adjusted(inset, inset, -inset - 1, -inset - 1))
    painter.restore()


def _focused(option: QStyleOption) -> bool:
    return bool(option.state & QStyle.StateFlag.State_HasFocus) and bool(option.state & QStyle.StateFlag.State_Enabled)


class FocusRingStyle(QProxyStyle):
    """The platform's style with a visible focus ring (see the module's text)."""

    def drawPrimitive(self, element, option, painter, widget=None) -> None:
        if element == QStyle.PrimitiveElement.PE_FrameFocusRect:
            # Check and radio boxes, tab bars and the current cell of a table ask for this rectangle.
            _ring(painter, option.rect, 0)
            return
        super().drawPrimitive(element, option, painter, widget)
        # A line edit with its own frame (not the frameless one inside a spin or combo box, ringed there).
        if (
            element == QStyle.PrimitiveElement.PE_PanelLineEdit
            and _focused(option)
            and isinstance(widget, QLineEdit)
            and widget.hasFrame()
        ):
            _ring(painter, option.rect, 0)

    def drawControl(self, element, option, painter, widget=None) -> None:
        super().drawControl(element, option, painter, widget)
        if element in _RINGED_CONTROLS and _focused(option):
            _ring(painter, option.rect)
        elif (
            element == QStyle.ControlElement.CE_ShapedFrame
            and isinstance(widget, (QAbstractItemView, QPlainTextEdit, QTextEdit))
            and widget.hasFocus()
            and widget.isEnabled()
        ):
            # A table, list, tree or text box: the ring goes round its frame (an empty table has no current cell).
            _ring(painter, option.rect, 0)

    def drawComplexControl(self, control, option, painter, widget=None) -> None:
        super().drawComplexControl(control, option, painter, widget)
        if control in _RINGED_COMPLEX and _focused(option):
            _ring(painter, option.rect)


def install_focus_style(app: QApplication) -> None:
    """Put the focus ring over the application's style (once)."""
    if not isinstance(app.style(), FocusRingStyle):
        app.setStyle(FocusRingStyle(app.style().name()))
