"""Syfte and Mål as a small markup that Typst and python-docx can both render.

The stored text is plain lines:

- a blank line separates paragraphs;
- a line starting with ``- `` (or ``* ``/``• ``) is a bullet; consecutive bullets make one list;
- ``**bold**`` inside a line is bold.

``parse`` gives blocks of runs; ``validate`` refuses what would render wrongly (an unclosed ``**``);
``plain_text`` is the fallback for a table cell or the CLI.
"""

from __future__ import annotations

from dataclasses import dataclass

from finsam_desktop.domain.common.errors import ValidationError

_BULLETS = ("- ", "* ", "• ")


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False


@dataclass(frozen=True)
class Paragraph:
    runs: tuple[Run, ...]


@dataclass(frozen=True)
class BulletList:
    items: tuple[tuple[Run, ...], ...]


Block = Paragraph | BulletList


def _runs(line: str, field: str) -> tuple[Run, ...]:
    parts = line.split("**")
    if len(parts) % 2 == 0:
        raise ValidationError(f"fetstil (**) öppnas men stängs inte: ”{line.strip()[:60]}”.", field)
    return tuple(Run(part, bold=i % 2 == 1) for i, part in enumerate(parts) if part)


def parse(text: str, field: str = "Text") -> tuple[Block, ...]:
    blocks: list[Block] = []
    para: list[str] = []
    items: list[tuple[Run, ...]] = []

    def flush_para() -> None:
        if para:
            blocks.append(Paragraph(_runs(" ".join(para), field)))
            para.clear()

    def flush_items() -> None:
        if items:
            blocks.append(BulletList(tuple(items)))
            items.clear()

    for raw in text.replace("\r\n", "\n").split("\n"):
        line = raw.strip()
        if not line:
            flush_para()
            flush_items()
        elif line.startswith(_BULLETS) or line in ("-", "*", "•"):
            flush_para()
            item = line[2:].strip()
            if item:
                items.append(_runs(item, field))
        else:
            flush_items()
            para.append(line)
    flush_para()
    flush_items()
    return tuple(blocks)


def validate(text: str, field: str = "Text") -> str:
    """The text normalised (line endings, trailing spaces), or ValidationError."""
    parse(text, field)
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    return "\n".join(lines).strip()


def plain_text(text: str) -> str:
    """One line per paragraph, bullets as ``• …``, no markup."""
    out: list[str] = []
    for block in parse(text):
        if isinstance(block, Paragraph):
            out.append("".join(r.text for r in block.runs))
        else:
            out.extend("• " + "".join(r.text for r in item) for item in block.items)
    return "\n".join(out)
