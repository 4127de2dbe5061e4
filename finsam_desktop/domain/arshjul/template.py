"""The standard year (a template the förbund can edit) and how a new year's årshjul is built.

``resources/arshjul/standardar.json`` holds the categories (rings) and the statutory and customary
events. ``build_year`` turns the template plus the previous year's events into drafts for a new
year; the service stores them. Also: reading an årshjul from a semicolon-separated list (the seed
000 calendar, fixture F6), all rows or none.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from contextlib import suppress
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time

from finsam_desktop.domain.arshjul.events import Category, EventDef, Link, LinkKind, Relative
from finsam_desktop.domain.arshjul.legal import Adjust, LegalRule, adjust_date
from finsam_desktop.domain.arshjul.recurrence import Recurrence, same_week_next_year
from finsam_desktop.domain.common.dates import parse_date
from finsam_desktop.domain.common.errors import ValidationError, clip
from finsam_desktop.domain.common.tabular import read_csv_text, read_table
from finsam_desktop.domain.organisation.model import Member

STYRELSE_ORGAN_ID = 1
_ANCHORS = {"styrelsemoten": 1, "beredningsgruppen": 2, "medlemssamradet": 3}
_TIME = re.compile(r"^(\d{1,2})[:.](\d{2})\s*[-–]\s*(\d{1,2})[:.](\d{2})$")


@dataclass(frozen=True)
class TemplateItem:
    key: str
    title: str
    category: str
    short: str = ""
    responsible: str = ""
    notes: str = ""
    basis: str = ""
    recurrence: Recurrence | None = None
    anchor: str = ""  # another item's key, or "styrelsemoten" (every styrelse meeting)
    offset: int = 0
    unit: str = "dagar"
    legal: LegalRule | None = None
    adjust: Adjust = Adjust.TIDIGARE
    duration_days: int = 0
    starttid: time | None = None
    sluttid: time | None = None
    link_kind: LinkKind | None = None
    link_text: str = ""
    per_member: bool = False
    condition: str = ""
    previous_year: bool = False


@dataclass(frozen=True)
class Template:
    name: str
    categories: tuple[Category, ...]
    items: tuple[TemplateItem, ...]
    conditions: dict[str, str] = field(default_factory=dict)

    def item(self, key: str) -> TemplateItem | None:
        return next((i for i in self.items if i.key == key), None)


def parse_time_range(text: str, field_name: str = "Tid") -> tuple[time | None, time | None]:
    """``"09:00-12:00"`` / ``"9.00 - 12.00"`` → (09:00, 12:00); ``""`` → (None, None)."""
    raw = (text or "").strip().replace(",", ".")
    if not raw:
        return None, None
    m = _TIME.match(raw)
    if m:
        try:
            start, end = time(int(m[1]), int(m[2])), time(int(m[3]), int(m[4]))
        except ValueError:
            raise ValidationError(f"”{clip(text)}” är ingen giltig tid.", field_name) from None
        if end <= start:
            raise ValidationError(f"sluttiden i ”{clip(text)}” är före starttiden.", field_name)
        return start, end
    single = re.match(r"^(\d{1,2})[:.](\d{2})$", raw)
    if single:
        with suppress(ValueError):  # 25:00 and the like fall through to the message below
            return time(int(single[1]), int(single[2])), None
    raise ValidationError(f"”{clip(text)}” är ingen tid (skriv t.ex. 09:00-12:00).", field_name)


def _item(raw: dict, index: int, category_keys: set[str]) -> TemplateItem:
    where = f"Händelse {index} (”{raw.get('nyckel', '?')}”)"
    try:
        key = str(raw["nyckel"]).strip()
        title = str(raw["rubrik"]).strip()
        category = str(raw["kategori"]).strip()
    except KeyError as exc:
        raise ValidationError(f"saknar fältet {exc.args[0]}.", where) from None
    if not key or not title:
        raise ValidationError("nyckel och rubrik får inte vara tomma.", where)
    if category not in category_keys:
        raise ValidationError(f"okänd kategori ”{category}”.", where)
    recurrence = None
    anchor, offset, unit, legal = "", 0, "dagar", None
    try:
        if "datum" in raw:
            month, day = (int(p) for p in str(raw["datum"]).split("-"))
            recurrence = Recurrence.from_dict({"frekvens": "arlig", "manad": month, "dag": day})
            date(2024, month, day)
        elif "regel" in raw:
            recurrence = Recurrence.from_dict(raw["regel"])
        elif "relativ" in raw:
            rel = raw["relativ"]
            anchor = str(rel["ankare"])
            if "veckor" in rel:
                offset, unit = int(rel["veckor"]), "veckor"
            else:
                offset = int(rel.get("dagar", 0))
            legal = LegalRule(rel["lagregel"]) if rel.get("lagregel") else None
        else:
            raise ValidationError("ange datum, regel eller relativ.", where)
        starttid, sluttid = parse_time_range(raw.get("tid", ""), where)
        link_kind = LinkKind(raw["koppling"]["typ"]) if raw.get("koppling") else None
        adjust = Adjust(raw.get("justera", "tidigare"))
    except ValidationError as exc:
        raise ValidationError(exc.message, where) from None
    except (ValueError, KeyError, TypeError) as exc:
        raise ValidationError(f"ogiltigt värde ({exc}).", where) from None
    short = str(raw.get("kort", "")).strip()
    if len(short) > 24:
        raise ValidationError("kort etikett får vara högst 24 tecken.", where)
    return TemplateItem(
        key=key,
        title=title,
        category=category,
        short=short,
        responsible=str(raw.get("ansvarig", "")),
        notes=str(raw.get("anteckning", "")),
        basis=str(raw.get("grund", "")),
        recurrence=recurrence,
        anchor=anchor,
        offset=offset,
        unit=unit,
        legal=legal,
        adjust=adjust,
        duration_days=int(raw.get("varaktighet_dagar", 0)),
        starttid=starttid,
        sluttid=sluttid,
        link_kind=link_kind,
        link_text=str((raw.get("koppling") or {}).get("text", "")),
        per_member=bool(raw.get("per_medlem", False)),
        condition=str(raw.get("villkor", "")),
        previous_year=bool(raw.get("foregaende_ar", False)),
    )


def parse_template(data: dict | str) -> Template:
    """Read and validate a template (the JSON text or the parsed dict)."""
    if isinstance(data, str):
        try:
            data = json.loads(data)
        except json.JSONDecodeError as exc:
            raise ValidationError(f"filen är inte giltig JSON (rad {exc.lineno}: {exc.msg}).", "Mall") from None
    if not isinstance(data, dict):
        raise ValidationError("mallen måste vara ett JSON-objekt.", "Mall")
    categories = []
    for i, raw in enumerate(data.get("kategorier", []), start=1):
        try:
            colour = str(raw["farg"])
            if not re.match(r"^#[0-9A-Fa-f]{6}$", colour):
                raise ValueError(f"färgen {colour} ska skrivas #RRGGBB")
            categories.append(Category(0, str(raw["nyckel"]), str(raw["namn"]), colour.upper(), i))
        except (KeyError, ValueError, TypeError) as exc:
            raise ValidationError(f"ogiltig ({exc}).", f"Kategori {i}") from None
    if not categories:
        raise ValidationError("mallen har inga kategorier.", "Mall")
    keys = {c.key for c in categories}
    if len(keys) != len(categories):
        raise ValidationError("två kategorier har samma nyckel.", "Mall")
    items = [_item(raw, i, keys) for i, raw in enumerate(data.get("handelser", []), start=1)]
    seen: set[str] = set()
    for i, it in enumerate(items, start=1):
        if it.key in seen:
            raise ValidationError(f"nyckeln ”{it.key}” finns två gånger.", f"Händelse {i}")
        seen.add(it.key)
    for i, it in enumerate(items, start=1):
        if it.anchor and it.anchor not in _ANCHORS and it.anchor not in seen:
            raise ValidationError(f"räknas från ”{it.anchor}”, som inte finns i mallen.", f"Händelse {i}")
        if it.legal and it.anchor not in _ANCHORS:
            raise ValidationError("lagstadgade frister räknas från sammanträden.", f"Händelse {i}")
    return Template(
        str(data.get("namn", "Standardår")),
        tuple(categories),
        tuple(items),
        {str(k): str(v) for k, v in (data.get("villkor") or {}).items()},
    )


@dataclass(frozen=True)
class EventDraft:
    """An event to insert: like ``EventDef`` but anchors refer to other drafts by ``ref``."""

    ref: str
    event: EventDef
    anchor_ref: str = ""


def _fill(text: str, year: int, member: Member | None) -> str:
    return (
        text.replace("{ar}", str(year))
        .replace("{foregaende_ar}", str(year - 1))
        .replace("{nasta_ar}", str(year + 1))
        .replace("{nasta_ar_plus2}", str(year + 3))
        .replace("{medlem}", member.namn if member else "")
    )


def _draft(
    item: TemplateItem,
    year: int,
    member: Member | None,
    previous: EventDef | None,
    previous_dates: dict[tuple[str, int | None], list[date]],
) -> EventDraft:
    ref = item.key + (f"#{member.id}" if member else "")
    recurrence, start, relative, anchor_ref = item.recurrence, None, None, ""
    if item.anchor:
        if item.anchor in _ANCHORS:
            relative = Relative(
                anchor_organ_id=_ANCHORS[item.anchor], offset=item.offset, unit=item.unit, legal=item.legal
            )
        else:
            relative = Relative(anchor_event_id=0, offset=item.offset, unit=item.unit)
            anchor_ref = item.anchor
    elif item.previous_year:
        last = previous_dates.get((item.key, member.id if member else None), [])
        if len(last) == 1:
            start = adjust_date(same_week_next_year(last[0], year), item.adjust)
            recurrence = None
    notes = _fill(item.notes, year, member)
    if item.basis:
        notes = (notes + "\n" if notes else "") + f"Grund: {item.basis}"
    link = Link(item.link_kind, None, _fill(item.link_text, year, member)) if item.link_kind else None
    event = EventDef(
        id=0,
        year=year,
        title=_fill(item.title, year, member),
        category=item.category,
        short=_fill(item.short, year, member)[:24],
        start=start,
        duration_days=item.duration_days,
        starttid=item.starttid,
        sluttid=item.sluttid,
        responsible=_fill(item.responsible, year, member) or (member.namn if member else ""),
        notes=notes,
        recurrence=recurrence,
        relative=relative,
        adjust=item.adjust,
        link=link,
        template_key=item.key,
        member_id=member.id if member else None,
    )
    if previous is not None and not item.anchor and start is None and previous.recurrence is not None:
        # The förbund may have changed the rule last year (another weekday, another month): keep it.
        event = replace(event, recurrence=previous.recurrence, adjust=previous.adjust)
    return EventDraft(ref, event, anchor_ref)


def build_year(
    template: Template,
    year: int,
    members: list[Member],
    previous_events: list[EventDef] = (),
    previous_dates: dict[tuple[str, int | None], list[date]] | None = None,
    conditions: set[str] = frozenset(),
) -> list[EventDraft]:
    """Drafts for ``year``: the template's items (one per member where asked, conditional items only
    when their condition holds) and the previous year's own events carried over.

    ``previous_dates`` maps (template key, member id) to the dates that item had last year; an item
    marked ``foregaende_ar`` with exactly one date keeps its ISO week and weekday (moved off holidays).
    Drafts come with anchors before the events that depend on them.
    """
    previous_dates = previous_dates or {}
    prev_by_key = {(e.template_key, e.member_id): e for e in previous_events if e.template_key}
    drafts: list[EventDraft] = []
    skipped: set[str] = set()
    for item in template.items:
        if item.condition and item.condition not in conditions:
            skipped.add(item.key)
            continue
        if item.anchor in skipped:
            skipped.add(item.key)
            continue
        targets = members if item.per_member else [None]
        for member in targets:
            prev = prev_by_key.get((item.key, member.id if member else None))
            drafts.append(_draft(item, year, member, prev, previous_dates))
    # The förbund's own events of last year (not from the template) carry over.
    own = [e for e in previous_events if not e.template_key]
    refs = {e.id: f"own#{e.id}" for e in own}
    made = {d.ref for d in drafts}
    for e in previous_events:
        if e.template_key:
            ref = e.template_key + (f"#{e.member_id}" if e.member_id else "")
            if ref in made:
                refs[e.id] = ref
    for e in own:
        rel = e.relative
        anchor_ref = ""
        if rel is not None and rel.anchor_event_id is not None:
            if rel.anchor_event_id not in refs:
                continue  # its anchor is not part of the new year
            anchor_ref = refs[rel.anchor_event_id]
        start = end = None
        if e.start is not None:
            start = adjust_date(same_week_next_year(e.start, year), e.adjust)
            if e.end is not None:
                end = start + (e.end - e.start)
        drafts.append(
            EventDraft(f"own#{e.id}", replace(e, id=0, year=year, start=start, end=end, revision=0), anchor_ref)
        )
    return _anchors_first(drafts)


def _anchors_first(drafts: list[EventDraft]) -> list[EventDraft]:
    refs = {d.ref for d in drafts}
    done: list[EventDraft] = []
    names: set[str] = set()
    pending = list(drafts)
    while pending:
        progress = False
        for d in list(pending):
            if not d.anchor_ref or d.anchor_ref in names or d.anchor_ref not in refs:
                done.append(d)
                names.add(d.ref)
                pending.remove(d)
                progress = True
        if not progress:
            raise ValidationError("mallen har relativa händelser som räknas från varandra i en cirkel.", "Mall")
    return done


# --- a calendar list (seed 000 Bilaga 1, fixture F6) --------------------------------------------

# Joint days of the styrelse and the beredningsgrupp belong in the styrelse's ring.
_ORGAN_CATEGORY = (
    ("medlem", "medlemmar"),
    ("styrelse", "styrelse"),
    ("beredning", "beredning"),
)


#: Dates outside these years in a list are typos or damage, not events of the förbund.
CALENDAR_YEARS = (1900, 2200)
_TITLE_MAX = 300  # the column's size


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()


def parse_calendar_csv(text: str) -> list[EventDef]:
    """Rows ``datum;organ;typ;beskrivning`` (a header row is optional) → single-date events.

    All rows or none: the first bad row raises ``ValidationError`` naming the row.
    """
    rows, _ = read_csv_text(text.removeprefix("\ufeff"), (";", "\t"))
    return parse_calendar_rows(rows)


def parse_calendar_file(data: bytes) -> list[EventDef]:
    """The same list as a file: .csv/.txt in any encoding and line ends, or an .xlsx workbook."""
    return parse_calendar_rows(read_table(data, (";", "\t")).rows)


def parse_calendar_rows(rows: Iterable[tuple[int, Sequence[object]]]) -> list[EventDef]:
    """Numbered rows of cells ``datum, organ, typ[, beskrivning]`` → validated single-date events."""
    events: list[EventDef] = []
    first = True
    for number, row in rows:
        if not row or not any(_text(c) for c in row):
            continue
        if first and _text(row[0]).lower() == "datum":
            first = False
            continue
        first = False
        where = f"Rad {number}"
        if len(row) < 3:
            raise ValidationError("ska ha minst tre fält: datum;organ;typ[;beskrivning].", where)
        try:
            d = parse_date(row[0] if isinstance(row[0], date) else _text(row[0]), where)
        except ValidationError as exc:
            raise ValidationError(exc.message, where) from None
        if isinstance(d, datetime):
            d = d.date()
        if not CALENDAR_YEARS[0] <= d.year <= CALENDAR_YEARS[1]:
            raise ValidationError(
                f"{d.isoformat()} ligger utanför åren {CALENDAR_YEARS[0]}–{CALENDAR_YEARS[1]}; skrivfel?", where
            )
        organ, typ = _text(row[1]), _text(row[2])
        description = _text(row[3]) if len(row) > 3 else ""
        if not typ:
            raise ValidationError("typ saknas.", where)
        lower = organ.lower()
        category = (
            "ekonomi"
            if typ.lower() == "deadline"
            else next((cat for word, cat in _ORGAN_CATEGORY if word in lower), "styrelse")
        )
        if "medlemssamråd" in typ.lower():
            category = "medlemmar"
        if typ.lower() == "ordinarie":
            title = f"{organ}, ordinarie sammanträde"
            short = "Beredning" if category == "beredning" else "Styrelse"
        elif typ.lower() == "deadline":
            title = description or "Deadline"
            short = "Deadline"
        else:
            title = f"{typ} ({organ})" if organ and organ not in ("–", "-") else typ
            short = typ.split("/")[0].split("+")[0].strip()[:24]
        if len(title) > _TITLE_MAX:
            raise ValidationError(f"rubriken blir {len(title)} tecken, högst {_TITLE_MAX} går: ”{clip(title)}”.", where)
        event = EventDef(0, d.year, title, category, short=short, start=d, notes=description, adjust=Adjust.INGEN)
        try:
            event.validate()
        except ValidationError as exc:
            raise ValidationError(str(exc), where) from None
        events.append(event)
    if not events:
        raise ValidationError("listan innehåller inga händelser.", "Import")
    return events
