"""Table cells that wrap between words: the one Paragraph factory every ReportLab table in the app uses.

ReportLab's own fallback for a word wider than its column is to cut it at whatever letter reaches the edge
("Kontrollan" / "svarig"). A cell made here wraps at spaces; only a word too wide for a line of its own is
hyphenated, at a real Swedish hyphenation point from pyphen's sv_SE dictionary (shipped inside the package, nothing downloads),
and the break is drawn as an ordinary "-" at the end of the line, so text extraction (pdftotext, PDF viewers'
search) joins the halves back into the whole word. Only a token without any hyphenation point that is wider
than the whole column (a long reference number) is still cut as a last resort, rather than drawn over the
neighbouring cell; the column widths of the reports are chosen so real data never needs that.
"""

from __future__ import annotations

from contextvars import ContextVar
from functools import cache

import pyphen
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph

from finsam_desktop.reports.common.flow import Para
from finsam_desktop.reports.common.pdf import escape, styles

LANGUAGE = "sv_SE"
#: Shorter words are never hyphenated; they move whole to the next line.
MIN_WORD_LENGTH = 7
#: pyphen's default: at least two letters before and after a break.
_LEFT = _RIGHT = 2


@cache
def _dictionary() -> pyphen.Pyphen:
    return pyphen.Pyphen(lang=LANGUAGE, left=_LEFT, right=_RIGHT)


def hyphenation_points(word: str) -> tuple[int, ...]:
    """Where ``word`` may be broken (character offsets), from the sv_SE dictionary."""
    return tuple(_dictionary().positions(word))


#: The width a cell's lines may use and the fonts its text uses, while ReportLab breaks that cell's lines (set by
#: ``_Cell.breakLines``).
_AVAILABLE: ContextVar[tuple[float, frozenset[str]]] = ContextVar("available_width", default=(0.0, frozenset()))


def _hyphenator(style: ParagraphStyle):
    """ReportLab's hyphenator protocol, (head, tail) pairs, longest head first; none for a word that fits on a
    line of its own (it moves whole to the next line instead of being hyphenated to fill this one)."""

    def pairs(word: str) -> list[tuple[str, str]]:
        if len(word) < MIN_WORD_LENGTH:
            return []
        available, fonts = _AVAILABLE.get()
        fonts = fonts or {style.fontName}
        # ReportLab passes the word without its punctuation ("sammanträden" of "sammanträden;"): leave room for it.
        if available and max(stringWidth(word + "”;", f, style.fontSize) for f in fonts) <= available:
            return []
        return list(_dictionary().iterate(word))

    return pairs


class _Cell(Para):
    def breakLines(self, width):
        widths = width if isinstance(width, list | tuple) else [width]
        fonts = frozenset(f.fontName for f in self.frags if getattr(f, "fontName", None))
        token = _AVAILABLE.set((min(widths), fonts))
        try:
            return super().breakLines(width)
        finally:
            _AVAILABLE.reset(token)


@cache
def _wrapping(style: ParagraphStyle) -> ParagraphStyle:
    return ParagraphStyle(
        f"{style.name}-wrap",
        parent=style,
        hyphenationLang=_hyphenator(style),
        hyphenationMinWordLength=MIN_WORD_LENGTH,
        # > 1: a word that cannot be hyphenated into the rest of a line moves to the next line and is tried there.
        embeddedHyphenation=2,
        uriWasteReduce=0,
        splitLongWords=1,
    )


def wrapping_style(style: ParagraphStyle | str = "TableCell") -> ParagraphStyle:
    """``style`` (a house style name or a ParagraphStyle) made to wrap on words and hyphenate at real points."""
    return _wrapping(styles()[style] if isinstance(style, str) else style)


def cell(text: object, style: ParagraphStyle | str = "TableCell", *, markup: bool = False) -> Paragraph:
    """A table cell: ``text`` escaped (unless ``markup``: it is already ReportLab mini-markup), wrapping between
    words and hyphenating long Swedish compounds at dictionary points only."""
    body = str(text if text is not None else "")
    return _Cell(body if markup else escape(body), wrapping_style(style))


def head(text: object) -> Paragraph:
    """A header cell (bold, like the house table head), wrapping the same way."""
    return cell(text, "TableHead")


def longest_word_width(texts, style: ParagraphStyle | str = "TableCell") -> float:
    """Width in points of the widest single word in ``texts`` (to check that a column can hold it whole)."""
    st = styles()[style] if isinstance(style, str) else style
    words = (w for t in texts for w in str(t or "").split())
    return max((stringWidth(w, st.fontName, st.fontSize) for w in words), default=0.0)
