"""The guide's pages: files ``resources/help/<id>.md`` in the order of ``PAGE_ORDER``, the page each tab (and
sub-tab) opens with F1, and the plain text of a page for searching."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from finsam_desktop.paths import resources_dir

#: The generated page (not a file): the window's keyboard shortcuts.
SHORTCUTS_PAGE = "kortkommandon"

#: The pages in the order of the page list.
PAGE_ORDER = (
    "start",
    "kom-igang",
    "arshjul",
    "forbereda-styrelsemote",
    "justera-och-ansla",
    "attest-och-delegation",
    "intern-kontroll",
    "ta-stickprov",
    "folja-upp-budgeten",
    "verksamhet",
    "arsredovisning",
    "starta-nytt-ar",
    "forbundet",
    "datafilen",
    SHORTCUTS_PAGE,
)

#: F1 on a tab (``main_window.TABS`` name) opens this page.
TAB_PAGES = {
    "arshjul": "arshjul",
    "sammantraden": "forbereda-styrelsemote",
    "attest": "attest-och-delegation",
    "internkontroll": "intern-kontroll",
    "budget": "folja-upp-budgeten",
    "verksamhet": "verksamhet",
    "arsredovisning": "arsredovisning",
}

#: F1 on a sub-tab (tab name, the sub-tab's title as shown, first words suffice) opens this page and section.
SUB_TAB_PAGES = {
    ("sammantraden", "Justering & anslag"): "justera-och-ansla",
    ("sammantraden", "Närvaro"): "forbereda-styrelsemote#narvaro-och-beslutforhet",
    ("sammantraden", "Bilagor"): "forbereda-styrelsemote#bilagor",
    ("sammantraden", "Öppna uppdrag"): "forbereda-styrelsemote#uppdrag",
    ("attest", "Får NN attestera?"): "attest-och-delegation#far-nn-attestera",
    ("attest", "Delegationsbeslut"): "attest-och-delegation#delegationsbeslut",
    ("internkontroll", "Stickprov"): "ta-stickprov",
    ("internkontroll", "Kontrollplan"): "intern-kontroll#kontrollplanen",
    ("budget", "Budget"): "folja-upp-budgeten#budgeten",
    ("budget", "Insatser och utbetalningar"): "folja-upp-budgeten#insatser-och-utbetalningar",
    ("budget", "Medlemsavgifter"): "folja-upp-budgeten#medlemsavgifter",
    ("budget", "Eget kapital och mål"): "folja-upp-budgeten#eget-kapital",
    ("verksamhet", "Verksamhetsplan"): "verksamhet#verksamhetsplanen",
    ("verksamhet", "Lägesrapport"): "verksamhet#lagesrapporten",
    ("verksamhet", "Deltagare"): "verksamhet#deltagare",
    ("arsredovisning", "Dokument"): "arsredovisning#faststall",
}


def help_dir() -> Path:
    return resources_dir() / "help"


def page_path(page_id: str) -> Path:
    return help_dir() / f"{page_id}.md"


@dataclass(frozen=True)
class Page:
    id: str
    title: str
    text: str  # the Markdown source

    @property
    def body(self) -> str:
        """The source without its title line."""
        return "\n".join(line for line in self.text.splitlines() if line.strip() != f"# {self.title}")


def load_page(page_id: str) -> Page:
    source = page_path(page_id).read_text(encoding="utf-8")
    first = next((line for line in source.splitlines() if line.startswith("# ")), f"# {page_id}")
    return Page(page_id, first[2:].strip(), source)


def page_for(tab: str, sub_tab: str | None = None) -> str:
    """The page (with ``#section`` when there is one) for the tab ``tab`` showing ``sub_tab``."""
    if sub_tab:
        shown = sub_tab.replace("&&", "\0").replace("&", "").replace("\0", "&")
        for (name, title), page in SUB_TAB_PAGES.items():
            if name == tab and shown.startswith(title):
                return page
    return TAB_PAGES.get(tab, "start")


def slug(heading: str) -> str:
    """A heading as a link target: "Närvaro och beslutförhet" → "narvaro-och-beslutforhet"."""
    text = heading.casefold().translate(str.maketrans("åäöéü", "aaoeu"))
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MARKUP = re.compile(r"[*_`#>|]+")


def plain_text(markdown: str) -> str:
    """What the reader sees of a page, for searching: link and image targets and Markdown marks removed."""
    text = _LINK.sub(r"\1", markdown)
    text = re.sub(r"^\s*\|?[-:| ]+\|\s*$", "", text, flags=re.MULTILINE)  # table rules
    return _MARKUP.sub(" ", text)


def links(markdown: str) -> list[str]:
    """The targets of the page's links and images."""
    return re.findall(r"!?\[[^\]]*\]\(([^)\s]+)\)", markdown)


@dataclass(frozen=True)
class Hit:
    page_id: str
    title: str
    count: int  # how many times the words occur on the page
    snippet: str  # the first place a word occurs, with some words around it


def search(query: str, pages: dict[str, tuple[str, str]]) -> list[Hit]:
    """The pages (id → (title, plain text)) holding every word of ``query`` (case-insensitive, also inside
    longer words: "stickprov" finds "stickprovet"); pages whose title holds a word first, then most hits first,
    in page order when equal."""
    words = [w for w in query.casefold().split() if w]
    if not words:
        return []
    hits = []
    for order, (page_id, (title, text)) in enumerate(pages.items()):
        folded = f"{title}\n{text}".casefold()
        counts = [folded.count(w) for w in words]
        if not all(counts):
            continue
        flat = " ".join(text.split())
        at = flat.casefold().find(words[0])
        if at < 0:
            snippet = title
        else:
            start = flat.rfind(" ", 0, max(0, at - 40)) + 1
            end = flat.find(" ", at + len(words[0]) + 50)
            snippet = ("…" if start > 0 else "") + flat[start : end if end > 0 else None] + ("…" if end > 0 else "")
        in_title = any(w in title.casefold() for w in words)
        hits.append((not in_title, -sum(counts), order, Hit(page_id, title, sum(counts), snippet)))
    return [hit for *_key, hit in sorted(hits, key=lambda h: h[:3])]
