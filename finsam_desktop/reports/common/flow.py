"""Keep-with-next and keep-with-previous for every ReportLab document: one place, not one per report.

* :class:`KeepWithNext` is the document template's ``keepTogetherClass``: a heading (any flowable whose style
  has ``keepWithNext``) goes to the next page together with at least :data:`MIN_FOLLOW` of what follows it —
  but a long table or text after a heading is split there rather than pushed whole to the next page
  (ReportLab's own KeepTogether leaves a half-empty page then).
* :class:`KeepWithPrevious` (made by :func:`keep_with_previous`) keeps a closing block — a signature, "Välkomna!"
  and the sender, a short list — on the page with at least :data:`MIN_FOLLOW` of the flowable before it, so a
  page never holds only the closing lines.
* :func:`short_list` keeps a heading and a short list (up to :data:`SHORT_LIST` lines) in one piece.

Paragraph widows and orphans are handled by the house styles (``allowWidows=0``, ``allowOrphans=0``).
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import Flowable, KeepTogether, Spacer
from reportlab.platypus.flowables import _Container, _listWrapOn

#: What must follow a heading onto its page, and what must precede a closing block on its page (about three
#: lines of body text, 3 × 13.5 pt).
MIN_FOLLOW = 40.0
#: A list of up to this many lines is never split.
SHORT_LIST = 8


def _frame_break():
    from reportlab.platypus.doctemplate import FrameBreak

    return FrameBreak()


def _at_top(flowable: Flowable) -> bool:
    frame = getattr(flowable, "_frame", None)
    return bool(frame is not None and getattr(frame, "_atTop", False))


def _is_action(flowable: Flowable) -> bool:
    from reportlab.platypus.doctemplate import ActionFlowable

    return isinstance(flowable, ActionFlowable) or hasattr(flowable, "frameAction")


def _is_null(flowable: Flowable) -> bool:
    from reportlab.platypus.doctemplate import NullActionFlowable

    return isinstance(flowable, NullActionFlowable)


def _height(flowables: Sequence[Flowable], width: float, canv) -> float:
    return _listWrapOn(list(flowables), width, canv)[1] if flowables else 0.0


class KeepWithNext(KeepTogether):
    """Headings (all but the last flowable) kept with the start of the last one."""

    def split(self, aW, aH):
        content = list(self._content)
        total = _height(content, aW, self.canv)
        if total <= aH or len(content) < 2:
            return super().split(aW, aH)
        heads, body = content[:-1], content[-1]
        head_h = _height(heads, aW, self.canv)
        room = aH - head_h - body.getSpaceBefore()
        if room >= MIN_FOLLOW:
            parts = [p for p in body.splitOn(self.canv, aW, room) if not _is_null(p)]
            if len(parts) >= 2 and not _is_action(parts[0]):
                first_h = parts[0].wrapOn(self.canv, aW, room)[1]
                if first_h >= MIN_FOLLOW:
                    return heads + parts
        if _at_top(self):
            return content  # larger than a page: let each piece split as it can
        return [_frame_break(), *content]


class KeepWithPrevious(Flowable):
    """``lead`` (one flowable: a table, a paragraph) followed by ``tail`` that must not stand alone on a page.

    Drawn whole when it fits; otherwise split so that the last :data:`MIN_FOLLOW` of the lead goes to the next page
    with the tail. Not a ReportLab container class, so a heading before it groups with it (:class:`KeepWithNext`).
    """

    def __init__(self, lead: Flowable, tail: Sequence[Flowable]):
        super().__init__()
        self._lead = lead
        self._tail = list(tail)
        self._content = [lead, *self._tail]

    def wrap(self, aW, aH):
        self._total = _height(self._content, aW, self.canv)
        self._size = (aW, aH)
        self.width, self.height = aW, self._total
        return aW, (self._total if self._total <= aH else 0xFFFFFF)

    def split(self, aW, aH):
        content = list(self._content)
        if getattr(self, "_size", None) != (aW, aH):
            self.wrap(aW, aH)
        if self._total <= aH:
            return content
        lead_h = _height([self._lead], aW, self.canv)
        limit = min(aH, lead_h - MIN_FOLLOW)
        if limit >= MIN_FOLLOW:
            parts = self._lead.splitOn(self.canv, aW, limit)
            if len(parts) >= 2:
                return [*parts[:-1], KeepWithPrevious(parts[-1], self._tail)]
        if _at_top(self):
            return content
        return [_frame_break(), *content]

    def getSpaceBefore(self):
        return self._lead.getSpaceBefore()

    def getSpaceAfter(self):
        return self._tail[-1].getSpaceAfter() if self._tail else self._lead.getSpaceAfter()

    def drawOn(self, canv, x, y, _sW=0):
        # The pieces one under the other, as a frame would place them (ReportLab's container drawing).
        _Container.drawOn(self, canv, x, y, _sW)


def keep_with_previous(story: list[Flowable], block: Sequence[Flowable]) -> list[Flowable]:
    """``story`` with ``block`` appended so that it shares its page with the end of the last real flowable."""
    out = list(story)
    tail = list(block)
    while out and isinstance(out[-1], Spacer):
        tail.insert(0, out.pop())
    if not out:
        return tail
    return out[:-1] + [KeepWithPrevious(out[-1], tail)]


def short_list(heading: Flowable | None, items: Sequence[Flowable]) -> list[Flowable]:
    """A heading and its list: kept in one piece when short; a longer list may break, but the heading keeps with
    its first three items and the last three items stay together, so no page holds only a line or two of it."""
    head = [heading] if heading is not None else []
    items = list(items)
    if len(items) <= SHORT_LIST:
        return [KeepTogether(head + items)]
    return [KeepTogether(head + items[:3]), *items[3:-3], KeepTogether(items[-3:])]
