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

import copy
from collections.abc import Sequence

from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table
from reportlab.platypus.flowables import _FUZZ, _Container, _listWrapOn
from reportlab.platypus.paraparser import ParaParser

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


#: Per paragraph style: the one fragment ReportLab's markup parser makes of a plain word in that style.
_PLAIN_FRAGMENTS: dict[int, tuple] = {}


def _plain_fragment(style):
    entry = _PLAIN_FRAGMENTS.get(id(style))
    if entry is None or entry[0] is not style:
        parsed_style, frags, bullet = ParaParser().parse("x", style)
        usable = parsed_style is style and frags is not None and len(frags) == 1 and not bullet
        entry = _PLAIN_FRAGMENTS[id(style)] = (style, frags[0] if usable else None)
    return entry[1]


class Para(Paragraph):
    """A Paragraph that is cheaper to make and to lay out, and looks the same.

    * Text without markup (no ``<`` or ``&``: what :func:`escape` leaves of plain text) skips ReportLab's HTML
      parser: it becomes one fragment in the style, as the parser would make it.
    * Lines are broken once per width: a keep-with-next group measures its pieces, the frame wraps them again,
      and every wrap after the first at the same width reuses the first one's lines.
    """

    def _setup(self, text, style, bulletText, frags, cleaner):
        if frags is None and bulletText is None and "<" not in text and "&" not in text:
            cleaned = cleaner(text)
            template = _plain_fragment(style) if cleaned else None
            if template is not None:
                frag = copy.copy(template)
                frag.text = cleaned
                text, frags = cleaned, [frag]
        super()._setup(text, style, bulletText, frags, cleaner)

    def wrap(self, availWidth, availHeight):
        cache = self.__dict__.setdefault("_line_cache", {})
        hit = cache.get(availWidth)
        if hit is None:
            size = super().wrap(availWidth, availHeight)
            cache[availWidth] = (self.blPara, self._wrapWidths, size)
            return size
        self.blPara, self._wrapWidths, size = hit
        self.width, self.height = size
        return size

    def split(self, availWidth, availHeight):
        parts = super().split(availWidth, availHeight)
        self.__dict__.pop("_line_cache", None)  # splitting may retype the shared fragments
        return parts


#: Flowables that never add content to the frame while they are measured, so measuring a list of them needs no
#: copy of the frame (ReportLab's ``_listWrapOn`` deep-copies it for every group it measures).
_PLAIN = (Paragraph, Spacer, Table)


def _height(flowables: Sequence[Flowable], width: float, canv, dims: list | None = None) -> float:
    """The height of ``flowables`` one under the other, as ReportLab's ``_listWrapOn`` measures it."""
    if not flowables:
        return 0.0
    if not all(isinstance(f, _PLAIN) or isinstance(f, KeepWithPrevious) for f in flowables):
        return _listWrapOn(list(flowables), width, canv, dims=dims)[1]
    total = 0.0
    space_after = 0.0
    at_top = True
    for f in flowables:
        h = f.wrapOn(canv, width, 0xFFFFFFF)[1]
        if dims is not None:
            dims.append((width, h))
        if h <= _FUZZ:
            continue
        total += h
        if at_top:
            at_top = False
        else:
            total += max(f.getSpaceBefore() - space_after, 0)
        space_after = f.getSpaceAfter()
        total += space_after
    return total - space_after


class Together(KeepTogether):
    """ReportLab's KeepTogether, measured without copying the frame when its pieces are plain (:func:`_height`)."""

    def wrap(self, aW, aH):
        dims: list = []
        self._H = _height(self._content, aW, self.canv, dims)
        self._H0 = dims[0][1] if dims else 0
        self._wrapInfo = aW, aH
        return aW, 0xFFFFFF  # always split: the frame places the pieces


class KeepWithNext(Together):
    """Headings (all but the last flowable) kept with the start of the last one."""

    def split(self, aW, aH):
        content = list(self._content)
        if getattr(self, "_wrapInfo", None) != (aW, aH):
            self.wrap(aW, aH)
        total = self._H
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
        return [Together(head + items)]
    return [Together(head + items[:3]), *items[3:-3], Together(items[-3:])]
