"""Several talks in one input: find a page's event blocks, and resolve each with what the talks share.

A series page features its next talk and lists the ones after it; a department's weekly mail has one
section per day; a workshop page repeats "Title: / Speaker:" per session; a table has one row per talk.
This module finds those blocks (:func:`find`) and turns each into text the field extractors read as an
announcement of its own: a one-line list item ("Mar 4 — Dr. Ana Ruiz (NOAA), "Coastal Fog"") and a table
row are rewritten as labelled lines. :func:`merge` then resolves an item against the shared context (a
standing room and time stated once, the series, the year): the item's own value always wins, and
nothing is ever taken from a neighbouring item.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from seminar_parse import patcache
from seminar_parse.fastre import anything, needles
from seminar_parse.layout import BODY, RELATED
from seminar_parse.record import Location, Record
from seminar_parse.sections import Document, label_key, lines_that_may
from seminar_parse.vocab import FEATURED_HEADING, NOT_AN_EVENT, PROGRAMME_HEADING, STANDING_CONTEXT, TABLE_COLUMNS


@dataclass(frozen=True)
class Item:
    """One talk's block: lines ``first``..``last`` of the document (0-based, inclusive)."""

    first: int
    last: int
    text: str  # what the extractors read: list lines and table rows rewritten as "Label: value" lines


@dataclass(frozen=True)
class Programme:
    """The talks an input lists besides (or, when ``featured`` is false, including) its main one."""

    items: tuple[Item, ...]
    shared: str  # the lines every talk shares: a standing room and time, a list heading's remark
    featured: bool  # the page has a talk of its own above the list ("NEXT TALK"); the items come after it
    how: str  # "list", "table" or "blocks", for --explain and the warnings


# "20 November 2024", "Nov 21", "29/01/2025", "4月3日", "Mon 4 Mar": a date at the head of a list line.
_DATE_LIKE = patcache.compile(
    r"\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b|\b\d{4}[./-]\d{1,2}[./-]\d{1,2}\b|\d{1,2}\s*月\s*\d{1,2}|"
    r"(?i:\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s*\d{1,2}\b|"
    r"\b\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b)"
)
_CLOCK = r"\d{1,2}(?:[:.]\d{2})?\s?(?:[ap]\.?m\.?)?"
# "12:30", "4-5pm", "16:00-17:00", "3:30 to 5 pm" in a standing sentence
_CLOCK_SURE = r"(?:\d{1,2}[:.]\d{2}|\d{1,2}\s?[ap]\.?m\b\.?)"  # a time of day, not any number
_STANDING_TIME = patcache.compile(rf"(?i)\b{_CLOCK_SURE}(?:\s?(?:-|–|—|to|until)\s?{_CLOCK})?|"
                                  rf"\b{_CLOCK}\s?(?:-|–|—|to|until)\s?{_CLOCK_SURE}")
_TIME_LIKE = patcache.compile(r"(?i)\b\d{1,2}[:.]\d{2}\b|\b\d{1,2}\s?[ap]\.?m\b|\d{1,2}[:：]\d{2}|[上下]午\s*\d")
# The parts of a list line: two spaces or a tab (columns), " | ", " — ", " – ", " -- ", " - ", "; ", a colon
# after the date or a label ("Departmental Seminar: Dr …"), a comma after "(Affiliation)" or before a quote.
_PART_BREAK = patcache.compile(r"\t+|\s{2,}|\s+[|｜]\s+|\s+(?:—|–|--?|·|•)\s+|(?<=\))\s*[,，]\s+|[,，]\s+(?=[\"“‘'])|"
                               r";\s+|(?<=\S)[:：]\s+")
_QUOTED = patcache.compile(r"^[\"“‘'«「『](?P<inner>.+?)[\"”’'»」』]\.?$")
_HONORIFIC = r"(?:Prof(?:essor)?|Dr|Mr|Ms|Mrs|Mx|Assoc\.\s+Prof|Asst\.\s+Prof)\.?\s+"
# "Prof. Imke Hollander (LMU Munich)", "Hannah Osei (Oxford)", "Dr Marcus Ojo": a person, maybe with a place.
_PERSON = patcache.compile(
    rf"^(?:{_HONORIFIC})?(?P<name>[A-Z][\w'’.-]+(?:\s+(?:[A-Z][\w'’.-]+|van|von|de|da|del|der|di|le|la)){{1,4}})"
    r"\s*(?:\((?P<affiliation>[^()]{2,100})\))?$"
)
_ZH_PERSON = patcache.compile(r"^(?P<name>[\u4e00-\u9fff]{2,4}|[\u4e00-\u9fff]\s+[\u4e00-\u9fff])\s*"
                              r"(?:教授|副教授|研究员|副研究员|博士|讲师|助理教授|老师|院士)?\s*"
                              r"(?:[（(](?P<affiliation>[^()（）]{2,60})[)）])?$")
_VENUE_LIKE = patcache.compile(r"(?i)\b(?:room|rm\.?|hall|building|bldg|auditorium|theatre|theater|lounge|atrium|"
                               r"library|lab|seminar room)\b|[楼室厅馆]$|\b[A-Z]{1,4}\s?\d{2,4}[A-Z]?\b")
# "Session 2", "Talk 3", "第十三讲", "第3期": an item's number, which opens its block.
_ZH_ITEM_NUMBER = r"第[一二三四五六七八九十百\d]{1,4}[讲期场次]"
_ITEM_NUMBER = patcache.compile(rf"^(?:(?i:session|talk|lecture|seminar|part)\s+\d{{1,2}}\b|{_ZH_ITEM_NUMBER})")
_REMARK = patcache.compile(r"[（(](?P<remark>[^()（）\n]{2,120})[)）]\s*[:：]?\s*$")
# "地点均为智华楼四元厅，时间均为15:00-16:30": what every item shares, as labels ("地点：…").
_SHARED_LABEL = patcache.compile(r"[，,；;]?(?P<label>地点|时间|会场|形式|主持人?)(?:均为|均在|统一为|都在|为)")
# "“数学与交叉”系列讲座 第十二讲": the featured talk's number is not part of the series its items share.
_SERIES_NUMBER = patcache.compile(rf"(?:{_ZH_ITEM_NUMBER}|(?i:no\.|#|lecture|talk)\s*\d{{1,3}})$")
_TABLE_CELL_BREAK = patcache.compile(r"\t+|\s{2,}|\s*[|｜]\s*")
_TABLE_RULE = patcache.compile(r"^[\s|:+=-]{3,}$")
_LIST_BULLET = patcache.compile(r"^\s*(?:[-*•·●▪◦]|\d{1,2}[.)])\s+")
_MAX_ITEM_LINES = 60
_MAX_HEADER_ROW = 300  # eight column names and their separators
# Any text holding a line these can match holds one of their words (fastre.needles): blocks without are passed over.
_MAY_HEAD = needles(PROGRAMME_HEADING) or anything
_MAY_STAND = needles(STANDING_CONTEXT) or anything
# re's \s less the space and the line break (tests/test_events.py checks the list against the engine).
OTHER_SPACES = "\t\x0b\x0c\r\x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_CELL_MARK = patcache.compile(f"[|｜{OTHER_SPACES}]")
def _may_hold_cells(text: str) -> bool:
    """A row of two cells or more has a break between them (_TABLE_CELL_BREAK): a bar, a tab, or two
    whitespace characters in a row, which are two spaces or hold another whitespace character."""
    return "  " in text or bool(_CELL_MARK.search(text))


def find(doc: Document) -> Programme | None:
    """The input's talks beyond one, or None when it announces a single talk."""
    return _listed(doc) or _table(doc, 0, len(doc.lines) - 1, featured=False, shared=None) or _blocks(doc)


def _standing(doc: Document, items: tuple[Item, ...]) -> list[str]:
    """Lines outside the items that state what every talk shares ("All talks are at 12:30 in …"); the
    time such a sentence gives is also stated as a label, since a time in running prose is not the talk's."""
    inside = {i for item in items for i in range(item.first, item.last + 1)}
    lay = doc.layout
    found = []
    for line in lines_that_may(doc, _MAY_STAND):
        if line.index in inside or len(line.text) >= 400 or not STANDING_CONTEXT.search(line.text) or \
                (lay is not None and lay.kind(line.index) not in (BODY, RELATED)):
            continue
        found.append(line.text.strip())
        clock = _STANDING_TIME.search(line.text)
        if clock:
            found.append(f"Time: {clock.group(0)}")
    return found


def is_event(item_text: str, record: Record) -> bool:
    """A talk has a day and someone or something to hear; "No seminar (spring break)" and a deadline do not."""
    if record.start is None or not (record.speakers or record.title):
        return False
    return bool(record.speakers) or not NOT_AN_EVENT.search(item_text)


def merge(own: Record, with_shared: Record | None, page: Record) -> Record:
    """The item's own values, completed from the item read together with the shared lines (a standing
    room or time) and from the page (its series and language). Nothing comes from another item."""
    result = own
    if with_shared is not None and own.start is None and with_shared.start:
        # a time slot of a one-day programme ("Session 2 — 14:45-15:25"): the day is the programme's
        result = own = replace(own, start=with_shared.start, end=with_shared.end, timezone=with_shared.timezone,
                               warnings=tuple(w for w in own.warnings if "no date for it" not in w))
    if with_shared is not None:
        if with_shared.start and own.start and with_shared.start[:10] == own.start[:10] and "T" not in own.start:
            result = replace(result, start=with_shared.start, end=with_shared.end or own.end,
                             timezone=own.timezone or with_shared.timezone)
        elif own.start and "T" in own.start and own.timezone is None and with_shared.timezone:
            result = replace(result, timezone=with_shared.timezone)
        venue = own.location.venue or with_shared.location.venue
        online = own.location.online or with_shared.location.online
        if (venue, online) != (own.location.venue, own.location.online):
            result = replace(result, location=Location(venue, online),
                             attendance=own.attendance if own.location.venue or own.location.online
                             else with_shared.attendance)
    series = own.series or (_SERIES_NUMBER.sub("", page.series).rstrip() if page.series else None)
    return replace(result, series=series or None, language=page.language or own.language,
                   timezone=result.timezone or (page.timezone if result.start and "T" in result.start else None))


# ------------------------------------------------------------------------------ a list under a heading

def _without_remark(text: str) -> str:
    """``text`` without a bracketed remark at its end ("Upcoming talks (all welcome):"); a line without an
    opening bracket, nearly every line, has none and is not searched."""
    return _REMARK.sub("", text) if "(" in text or "（" in text else text


def _listed(doc: Document) -> Programme | None:
    """Items under a programme heading ("Upcoming talks", "后续讲座预告") of a series page or a message."""
    heading = next((line for line in lines_that_may(doc, _MAY_HEAD) if len(line.text.strip()) <= 80 and
                    PROGRAMME_HEADING.fullmatch(_without_remark(line.text.strip()).strip().rstrip(":：").strip())),
                   None)
    if heading is None:
        return None
    end = _region_end(doc, heading.index + 1)
    if end <= heading.index:
        return None
    remark = _REMARK.search(heading.text.strip())
    shared_lines = [part.strip() for part in _SHARED_LABEL.sub(r"\n\g<label>：", remark.group("remark")).split("\n")
                    if part.strip()] if remark else []
    shared_lines += _standing(doc, (Item(heading.index, end, ""),))
    featured = any(line.index < heading.index and line.text.strip() and
                   (FEATURED_HEADING.fullmatch(line.text.strip().rstrip(":：")) or line.index in doc.date_lines)
                   for line in doc.lines)
    shared = "\n".join(dict.fromkeys(shared_lines))
    table = _table(doc, heading.index + 1, end, featured=featured, shared=shared)
    if table is not None:
        return table
    items = _items_by_date(doc, heading.index + 1, end)
    if not items:
        return None
    return Programme(tuple(items), shared, featured, "list")


def _region_end(doc: Document, first: int) -> int:
    """The list runs to the page's footer or signature, a page label ("Organizers:", "Contact:"), or the end."""
    lay = doc.layout
    page_labels = {item.line for item in doc.labelled if item.key in ("host", "series", "online", "posted")}
    last = first - 1
    for line in doc.lines[first:]:
        kind = lay.kind(line.index) if lay is not None else BODY
        if kind not in (BODY, RELATED) or line.index in page_labels:
            break
        if line.text.strip():
            last = line.index
    return last


def _items_by_date(doc: Document, first: int, last: int) -> list[Item]:
    """Each item opens at a line with a date (or an item number): "第十三讲 4月3日", "Nov 21  Hannah Osei…";
    the lines after it, up to the next, are its title, speaker and room."""
    starts: list[int] = []
    for line in doc.lines[first:last + 1]:
        text = _LIST_BULLET.sub("", line.text.strip())
        if not text:
            continue
        opens = _ITEM_NUMBER.match(text) or _DATE_LIKE.search(text)
        if opens and not (starts and _only_when(doc, starts[-1], line.index)):
            starts.append(line.index)
    items = []
    for number, start in enumerate(starts):
        stop = (starts[number + 1] - 1) if number + 1 < len(starts) else last
        stop = min(stop, start + _MAX_ITEM_LINES)
        lines = [doc.lines[i].text for i in range(start, stop + 1)]
        while lines and not lines[-1].strip():
            lines.pop()
            stop -= 1
        items.append(Item(start, stop, _item_text(lines)))
    return items


def _only_when(doc: Document, start: int, index: int) -> bool:
    """The open item holds nothing yet but its date and time lines ("Date: …" then "Time: …")."""
    return all(_when_only(line.text) for line in doc.lines[start:index])


_WEEKDAY_WORD = patcache.compile(
    r"(?i)\b(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day)?\b\.?|周[一二三四五六日天]|"
    r"星期[一二三四五六日天]|\b(?:am|pm|noon|from|to|until)\b|[年月日号]")


def _when_only(text: str) -> bool:
    text = text.strip()
    if not text:
        return True
    label, _, value = text.partition(":") if ":" in text else text.partition("：")
    if value and label_key(label) in ("date", "time", "when"):
        text = value
    for pattern in (_DATE_LIKE, _TIME_LIKE, _WEEKDAY_WORD):
        text = pattern.sub(" ", text)
    return sum(1 for ch in text if ch.isalpha()) <= 3


def _item_text(lines: list[str]) -> str:
    """An item as an announcement: a one-line item's parts become labelled lines, and its number
    ("Session 2 — 14:45-15:25") a line of its own, so that "2 — 14:45" is not read as a time range."""
    first = _LIST_BULLET.sub("", lines[0].strip())
    number = _ITEM_NUMBER.match(first)
    if number and first[number.end():].strip(" —–-:：|"):
        return _item_text([number.group(0), first[number.end():].strip(" —–-:：|"), *lines[1:]])
    labelled = _as_labels(first)
    return "\n".join([*(labelled or [first]), *lines[1:]]).strip("\n") + "\n"


def _as_labels(line: str) -> list[str] | None:
    """"27 November 2024: Prof. Imke Hollander (LMU Munich), "Apprenticeship …" -- Room D005, DIW Berlin"
    → Date / Speaker / Title / Venue lines. None when the line is not such an item (one part, or no date)."""
    parts = [p.strip(" ,，") for p in _PART_BREAK.split(line) if p and p.strip(" ,，")]
    if len(parts) < 2:
        return None
    out: list[str] = []
    when: list[str] = []
    title: str | None = None
    rest: list[str] = []
    for part in parts:
        if not out and not title and (_DATE_LIKE.search(part) or _TIME_LIKE.search(part)) and len(part) <= 40 \
                and not _PERSON.match(part):
            when.append(part)
            continue
        quoted = _QUOTED.match(part)
        person = _PERSON.match(part) or _ZH_PERSON.match(part)
        if quoted and title is None:
            title = quoted.group("inner").strip()
        elif person and not any(o.startswith("Speaker:") for o in out):
            out.append(f"Speaker: {part}")
        elif _VENUE_LIKE.search(part) and (title is not None or rest) and len(part) <= 100:
            out.append(f"Venue: {part}")
        else:
            rest.append(part)
    if not when or not (out or title or rest):
        return None
    if title is None and rest:
        title = max(rest, key=len)
        rest.remove(title)
    lines = [f"Date: {' '.join(when)}", *out]
    if title:
        lines.append(f"Title: {title}")
    lines += rest  # a series name ("Departmental Seminar"), a remark: left for the extractors as they are
    return lines


# ------------------------------------------------------------------------------ a table of talks

def _table(doc: Document, first: int, last: int, *, featured: bool, shared: str | None) -> Programme | None:
    """A header row of column names ("Date | Speaker | Title"), then one talk per row."""
    for line in lines_that_may(doc, _may_hold_cells, first, last):
        columns = _columns(line.text)
        if columns is None:
            continue
        items: list[Item] = []
        for row in doc.lines[line.index + 1:last + 1]:
            text = row.text.strip()
            if not text or _TABLE_RULE.match(text):
                continue
            cells = [c.strip() for c in _TABLE_CELL_BREAK.split(text.strip("|｜ ")) if c.strip()]
            if len(cells) != len(columns):
                if items:
                    break
                continue
            labelled = [f"{_LABEL_FOR[key]}: {cell}" for key, cell in zip(columns, cells, strict=True)
                        if cell not in ("-", "—", "–")]
            items.append(Item(row.index, row.index, "\n".join(labelled) + "\n"))
        if len(items) >= 2 or (featured and items):
            if shared is None:
                shared = "\n".join(dict.fromkeys(_standing(doc, tuple(items))))
            return Programme(tuple(items), shared, featured, "table")
    return None


_LABEL_FOR = {"date": "Date", "time": "Time", "speaker": "Speaker", "title": "Title", "affiliation": "Affiliation",
              "venue": "Venue", "host": "Host"}


def _columns(text: str) -> list[str] | None:
    if len(text) > _MAX_HEADER_ROW:
        return None  # a line of prose, not a row of column names
    cells = [c.strip().casefold().rstrip(":：") for c in _TABLE_CELL_BREAK.split(text.strip().strip("|｜ "))
             if c.strip()]
    if len(cells) < 2 or len(cells) > 8:
        return None
    keys = [TABLE_COLUMNS.get(c) for c in cells]
    if None in keys or len(set(keys)) != len(keys):
        return None
    found = set(keys)
    if not found & {"date", "time"} or not found & {"speaker", "title"}:
        return None
    return [k for k in keys if k is not None]


# ------------------------------------------------------------------------------ repeated labelled blocks

def _blocks(doc: Document) -> Programme | None:
    """A page that repeats its labels per talk ("Title: … Speaker: … Time: …" for each session of an
    afternoon). The copies of one talk (a bilingual page) are told apart later: their starts agree."""
    labels = [item for item in doc.labelled if not item.inline and item.key in ("title", "speaker")]
    titles = [item.line for item in labels if item.key == "title"]
    speakers = [item.line for item in labels if item.key == "speaker"]
    if len(titles) < 2 or len(speakers) < 2 or _one_title([item.value for item in labels if item.key == "title"]):
        return None
    leaders = titles if titles[0] < speakers[0] else speakers
    partner = "speaker" if leaders is titles else "title"
    partner_lines = {item.line for item in labels if item.key == partner}
    starts: list[int] = []
    for number, leader in enumerate(leaders):
        floor = leaders[number - 1] + 1 if number else 0
        start = leader
        while start - 1 >= floor and start - leader < 4 and doc.lines[start - 1].text.strip() \
                and start - 1 not in partner_lines and leader - start < 3:
            start -= 1
        starts.append(start)
    items = []
    for number, start in enumerate(starts):
        stop = starts[number + 1] - 1 if number + 1 < len(starts) else _region_end(doc, start)
        lines = [line.text for line in doc.lines[start:stop + 1]]
        while lines and not lines[-1].strip():
            lines.pop()
            stop -= 1
        items.append(Item(start, stop, _item_text(lines)))
    intro = [line.text.strip() for line in doc.lines[:starts[0]] if line.text.strip() and len(line.text) < 300
             and (doc.layout is None or not doc.layout.is_other(line.index))]
    shared = "\n".join(dict.fromkeys([*intro, *_standing(doc, tuple(items))]))
    return Programme(tuple(items), shared, False, "blocks")


_COPY_PREFIX = 20  # letters: a title this long that two blocks share is one talk's, not two sessions' "Q&A"


def _one_title(titles: list[str]) -> bool:
    """Every block gives the same title (a mail's header and body, a page's summary and its text): the
    blocks are copies of one talk. Compared on the letters they share, since one copy may be wrapped."""
    folded = ["".join(ch for ch in title.casefold() if ch.isalnum()) for title in titles]
    shortest = min(len(f) for f in folded)
    if shortest < _COPY_PREFIX:
        return False
    return len({f[:shortest] for f in folded}) == 1
