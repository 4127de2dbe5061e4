"""Bytes to the lines and fields of an SIE file: the character set, line ends, quoting and object lists.

The standard (SIE filformat 4B/4C, "Filformatet") writes IBM PC 8-bit extended ASCII, code page 437, and says so
with ``#FORMAT PC8``. This reader decodes CP437 by default; it reads UTF-8 when the file starts with a UTF-8 byte
order mark, when ``#FORMAT`` says ``UTF8``/``UTF-8``, or when a file that says PC8 is valid UTF-8 with non-ASCII
letters (a CP437 file with å, ä, ö is practically never valid UTF-8; some exporters write UTF-8 and still say PC8)
— the last case is reported as a note. Line ends may be CR LF, LF or CR; a trailing Ctrl-Z (the DOS end-of-file
mark) is dropped.

Fields are separated by one or more spaces or tabs; a field with spaces is quoted (``"Lön juni"``); inside quotes
``\\"`` is a quote character (other backslashes are literal, e.g. in a path); ``{…}`` is an object list of
dimension/object pairs whose members may be quoted too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: One field: a quoted string, a brace, or a run of characters without space, tab, quote or brace.
_TOKEN = re.compile(r'[ \t]*(?:"((?:[^"\\]|\\.)*)"|([{}])|([^ \t"{}]+))')
_LINE_END = re.compile(r"\r\n|\r|\n")
_FORMAT = re.compile(rb"^[ \t]*#FORMAT[ \t]+\"?([A-Za-z0-9-]+)", re.MULTILINE)
_BOM = b"\xef\xbb\xbf"

#: A field is a string; an object list is a tuple of strings (its members, in order).
Field = str | tuple[str, ...]


class LexError(ValueError):
    """A line that cannot be split into fields; the message is Swedish and says where."""


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str  # "cp437" or "utf-8"
    declared: str  # what #FORMAT says ("" when absent)
    note: str = ""


def decode(data: bytes) -> Decoded:
    """The file's text, read in the character set the standard and the file itself call for."""
    found = _FORMAT.search(data[:4096])
    declared = found.group(1).decode("ascii").upper() if found else ""
    if data.startswith(_BOM):
        return Decoded(_utf8(data[len(_BOM) :]), "utf-8", declared)
    if declared in ("UTF8", "UTF-8"):
        return Decoded(_utf8(data), "utf-8", declared)
    if not data.isascii():
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            said = f"#FORMAT {declared}" if declared else "inget #FORMAT"
            note = f"Filen säger {said} (teckentabell 437) men är skriven i UTF-8; den lästes som UTF-8."
            return Decoded(text, "utf-8", declared, note)
    return Decoded(data.decode("cp437"), "cp437", declared)


def _utf8(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        rad = data.count(b"\n", 0, exc.start) + 1
        raise LexError(f"Rad {rad}: filen säger UTF-8 men byte {exc.start + 1} är inte UTF-8.") from exc


def split_lines(text: str) -> list[str]:
    """Lines without their ends (CR LF, LF or CR); a last line of only Ctrl-Z is dropped."""
    lines = _LINE_END.split(text)
    if lines and lines[-1].strip("\x1a \t") == "":
        lines.pop()
    return lines


def fields(line: str) -> list[Field]:
    """The fields of one line; the label is the first. Raises LexError (without the line number)."""
    line = line.rstrip(" \t\x1a")
    if '"' not in line:
        return _plain_fields(line)
    out: list[Field] = []
    group: list[str] | None = None
    pos, end = 0, len(line)
    match = _TOKEN.match
    while pos < end:
        m = match(line, pos)
        if m is None:
            rest = line[pos:].lstrip(" \t")
            if rest.startswith('"'):
                raise LexError("ett citattecken saknar sitt avslutande citattecken")
            raise LexError(f"kan inte läsas från tecken {pos + 1}")
        pos = m.end()
        quoted, brace, bare = m.groups()
        if brace == "{":
            if group is not None:
                raise LexError("en objektlista ({…}) inuti en annan")
            group = []
            continue
        if brace == "}":
            if group is None:
                raise LexError("”}” utan ”{” före")
            out.append(tuple(group))
            group = None
            continue
        value = bare if bare is not None else (quoted.replace('\\"', '"') if "\\" in quoted else quoted)
        if group is not None:
            group.append(value)
        else:
            out.append(value)
    if group is not None:
        raise LexError("en objektlista ({…}) saknar ”}”")
    return out


def _plain_fields(line: str) -> list[Field]:
    """The fast path of ``fields`` for a line without quotes (most #TRANS lines): split on spaces and tabs."""
    if "{" not in line and "}" not in line:
        return [p for p in line.replace("\t", " ").split(" ") if p]
    spaced = line.replace("\t", " ").replace("{", " { ").replace("}", " } ")
    out: list[Field] = []
    group: list[str] | None = None
    for part in spaced.split(" "):
        if not part:
            continue
        if part == "{":
            if group is not None:
                raise LexError("en objektlista ({…}) inuti en annan")
            group = []
        elif part == "}":
            if group is None:
                raise LexError("”}” utan ”{” före")
            out.append(tuple(group))
            group = None
        elif group is not None:
            group.append(part)
        else:
            out.append(part)
    if group is not None:
        raise LexError("en objektlista ({…}) saknar ”}”")
    return out


def checksum_parts(items: list[Field]) -> str:
    """The text of a record that #KSUMMA covers: label and field contents without separators, quotes or braces."""
    return "".join(item if isinstance(item, str) else "".join(item) for item in items)
