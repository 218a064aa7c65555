"""Export formats for calendars, web pages and spreadsheets: iCalendar, schema.org JSON-LD and CSV.

Pure functions of record dicts as :meth:`Record.to_dict` returns them, so they can run on freshly
parsed records or on records read back from YAML/JSON. Like parsing, they never read the clock: the
same records always give the same text, which keeps outputs diffable and re-imports idempotent.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from icalendar import Calendar, Event

from seminar_parse import patcache
from seminar_parse.record import talk_id

__all__ = ["CSV_COLUMNS", "channels", "place", "record_talk_id", "to_csv", "to_ics", "to_jsonld"]

PRODID = "-//seminar-parse//EN"
UID_DOMAIN = "seminar-parse"

# DTSTAMP is required by RFC 5545 and is normally "now"; these writers, like parsing, never read the clock:
# an event's stamp is when its input was sent (the record's "sent", a mail's Date:), and this fixed one when
# the input does not say, so the same records always give byte-identical files.
_DTSTAMP = datetime(1970, 1, 1, tzinfo=UTC)

# The record's "when" values: "2024-03-19", "2024-03-19T10:30", "2024-03-19T10:30-04:00".
_WHEN = patcache.compile(r"(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?:([+-])(\d{2}):(\d{2}))?)?")

_ATTENDANCE_MODES = {
    "in-person": "https://schema.org/OfflineEventAttendanceMode",
    "online": "https://schema.org/OnlineEventAttendanceMode",
    "hybrid": "https://schema.org/MixedEventAttendanceMode",
}

CSV_COLUMNS: tuple[str, ...] = (
    "title", "speakers", "affiliations", "start", "end", "timezone", "event_type", "series", "attendance",
    "venue", "online_url", "meeting_id", "passcode", "host", "language", "links", "source_path", "warnings",
    "abstract", "talk_id",
)
"""Column order of :func:`to_csv`; stable, so spreadsheets and scripts can rely on it."""

_JOIN = "; "


# --- iCalendar ---------------------------------------------------------------------------------------


def to_ics(records: list[dict[str, Any]]) -> str:
    """One VCALENDAR with a VEVENT per talk that has a start; records without one cannot be placed.

    Times carry a TZID (with its VTIMEZONE) when the record names a zone, are floating local time when
    it does not, and are DATE values for date-only starts. Lines end in CRLF as RFC 5545 requires.
    """
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    zoned_years: list[int] = []
    events: dict[str, Event] = {}
    for record in records:
        event = _event(record)
        if event is None:
            continue
        uid = str(event["uid"])
        # the same talk announced twice (an announcement and its update) is one event: the most recent one
        if uid not in events or _recency(event) >= _recency(events[uid]):
            events[uid] = event
    for event in events.values():
        start = event.decoded("dtstart")
        if isinstance(start, datetime) and isinstance(start.tzinfo, ZoneInfo):
            zoned_years.append(start.year)
        calendar.add_component(event)
    if zoned_years:
        # VTIMEZONE only for the years the events use: the library's default spans 1970-2038 per zone.
        calendar.add_missing_timezones(first_date=date(min(zoned_years), 1, 1),
                                       last_date=date(max(zoned_years) + 1, 1, 1))
    return calendar.to_ical().decode("utf-8")


def _event(record: dict[str, Any]) -> Event | None:
    start = _ical_time(record.get("start"), record.get("timezone"))
    if start is None:
        return None
    online = _meeting(record)
    event = Event()
    event.add("uid", f"{record_talk_id(record)}@{UID_DOMAIN}")
    event.add("dtstamp", _stamp(record.get("sent")))
    event.add("sequence", int(record.get("sequence") or 0))
    event.add("dtstart", start)
    end = _ical_end(start, record.get("end"), record.get("timezone"))
    if end is not None:
        event.add("dtend", end)
    event.add("summary", _summary(record))
    location = _text((record.get("location") or {}).get("venue")) or _text(online.get("url"))
    if location:
        event.add("location", location)
    url = _text(online.get("url")) or next(iter(_texts(record.get("links"))), None)
    if url:
        event.add("url", url)
    description = _description(record)
    if description:
        event.add("description", description)
    return event


def _ical_time(value: str | None, zone_name: str | None) -> date | datetime | None:
    """A record time as iCalendar wants it: zoned, floating, UTC (offset but no usable zone) or a date."""
    parsed = _parse_when(value)
    if parsed is None or not isinstance(parsed, datetime):
        return parsed
    zone = _zone(zone_name)
    if zone is not None:
        return parsed.replace(tzinfo=zone)  # the record holds local wall time in that zone
    if parsed.tzinfo is not None:
        return parsed.astimezone(UTC)  # a bare offset has no TZID; UTC keeps the instant
    return parsed


def _ical_end(start: date | datetime, value: str | None, zone_name: str | None) -> date | datetime | None:
    """DTEND must have DTSTART's value type and come after it; an all-day DTEND is exclusive."""
    end = _ical_time(value, zone_name)
    if isinstance(start, datetime) and isinstance(end, datetime):
        comparable = (start.tzinfo is None) == (end.tzinfo is None)  # floating and fixed times do not compare
        return end if comparable and end > start else None
    if isinstance(start, datetime) or isinstance(end, datetime) or end is None:
        return None
    end = end + timedelta(days=1)
    return end if end > start else None


def _parse_when(value: str | None) -> date | datetime | None:
    if not value:
        return None
    match = _WHEN.fullmatch(value.strip())
    if match is None:
        raise ValueError(f"not a record date or time: {value!r}")
    year, month, day, hour, minute, sign, off_h, off_m = match.groups()
    day_value = date(int(year), int(month), int(day))
    if hour is None:
        return day_value
    tzinfo = None
    if sign:
        offset = timedelta(hours=int(off_h), minutes=int(off_m))
        tzinfo = timezone(-offset if sign == "-" else offset)
    # "24:00" (an end at midnight) is the next day's 00:00, which datetime cannot spell directly.
    moment = datetime(day_value.year, day_value.month, day_value.day, tzinfo=tzinfo)
    return moment + timedelta(hours=int(hour), minutes=int(minute))


def _zone(name: str | None) -> ZoneInfo | None:
    """The IANA zone, or None when unset or unknown to this machine (then the offset still counts)."""
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def record_talk_id(record: dict[str, Any]) -> str:
    """The record's talk_id; schema-1 records, which had none, get it computed the same way."""
    if record.get("talk_id"):
        return str(record["talk_id"])
    speakers = record.get("speakers") or []
    first = speakers[0].get("name") if speakers else None
    return talk_id(record.get("series"), first, record.get("title"), (record.get("source") or {}).get("sha256"))


def _stamp(sent: str | None) -> datetime:
    """DTSTAMP: when the input was sent, in UTC; the fixed stamp when it is unknown or unreadable."""
    try:
        moment = datetime.fromisoformat(sent) if sent else None
    except ValueError:
        moment = None
    if moment is None:
        return _DTSTAMP
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(UTC)


def _recency(event: Event) -> tuple[int, datetime]:
    """How recent an event's information is, as calendars judge it: SEQUENCE first, then DTSTAMP."""
    return int(event.get("sequence", 0)), event.decoded("dtstamp")


def _normal(value: str | None) -> str:
    """Whitespace and case do not make a different talk."""
    return " ".join((value or "").split()).casefold()


def _summary(record: dict[str, Any]) -> str:
    """"Speaker1, Speaker2: Title"; without a title, the kind of event stands in for it."""
    title = _text(record.get("title")) or (_text(record.get("event_type")) or "seminar").capitalize()
    names = ", ".join(_speaker_names(record))
    return f"{names}: {title}" if names else title


def _description(record: dict[str, Any]) -> str:
    parts = [
        _text(record.get("abstract")),
        _text(record.get("bio")),
        *(_channel_text(channel) for channel in channels(record)),
        _labelled("Host", record.get("host")),
        _labelled("Series", record.get("series")),
    ]
    return "\n\n".join(part for part in parts if part)


_ROLE_LABELS = {"meeting": "Online", "stream": "Live stream", "recording": "Recording", "registration": "Registration"}


def _channel_text(channel: dict[str, Any]) -> str | None:
    """One channel with its own id and passcode: "Online: Tencent Meeting\nMeeting ID: 852331709\nPasscode: 1205"."""
    target = _text(channel.get("url")) or _text(channel.get("platform"))
    if target is None:
        return None
    if channel.get("url") and _text(channel.get("platform")):
        target = f"{target} ({channel['platform']})"
    lines = [f"{_ROLE_LABELS.get(channel.get('role') or 'meeting', 'Online')}: {target}",
             _labelled("Meeting ID", channel.get("meeting_id")), _labelled("Passcode", channel.get("passcode"))]
    return "\n".join(line for line in lines if line)


def _labelled(label: str, value: str | None) -> str | None:
    text = _text(value)
    return f"{label}: {text}" if text else None


# --- schema.org JSON-LD ------------------------------------------------------------------------------


def to_jsonld(record: dict[str, Any]) -> dict[str, Any]:
    """A schema.org ``EducationEvent`` for embedding in a web page; keys with empty values are left out."""
    venue = _text((record.get("location") or {}).get("venue"))
    places: list[dict[str, Any]] = []
    if venue:
        places.append(place(venue))
    for channel in channels(record):
        if channel.get("role") != "registration" and (_text(channel.get("url")) or _text(channel.get("platform"))):
            places.append({"@type": "VirtualLocation", "name": channel.get("platform"), "url": channel.get("url")})
    links = _texts(record.get("links"))
    host = _text(record.get("host"))
    series = _text(record.get("series"))
    document: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "EducationEvent",
        "name": record.get("title"),
        "description": record.get("abstract"),
        "startDate": record.get("start"),
        "endDate": record.get("end"),
        "eventAttendanceMode": _ATTENDANCE_MODES.get(record.get("attendance") or ""),
        "location": places[0] if len(places) == 1 else places,
        "performer": [_person(speaker) for speaker in record.get("speakers") or []],
        "organizer": {"@type": "Person", "name": host} if host else None,
        "inLanguage": record.get("language"),
        "superEvent": {"@type": "EventSeries", "name": series} if series else None,
        "url": links[0] if links else None,
        "sameAs": links[1:],
    }
    pruned = _prune(document)
    assert isinstance(pruned, dict)  # the top level keeps @context and @type
    return pruned


# A street line: "5000 Forbes Avenue", "77 Massachusetts Ave.", "中关村大街1号", "华山路1954号".
_STREET = patcache.compile(
    r"(?i)^\d+[A-Z]?\s+(?:[\w.'-]+\s+){0,4}(?:street|st|avenue|ave|road|rd|boulevard|blvd|drive|dr|lane|ln|way|"
    r"place|pl|square|sq|parkway|pkwy|court|ct|highway|hwy|terrace|crescent|row|strasse|straße)\.?$"
    r"|^[\u4e00-\u9fff]{1,12}(?:路|街|大道|道|巷|胡同)\d+号$")
# A city line after the street: "Pittsburgh, PA 15213", "Cambridge MA 02139", "London WC1E 6BT", "Berlin".
_POSTAL = patcache.compile(r"\b(?:\d{5}(?:-\d{4})?|\d{6}|[A-Z]{1,2}\d[A-Z\d]?\s\d[A-Z]{2}|\d{4,5})\b")
_REGION = patcache.compile(r"^[A-Z]{2}$")
# Chinese: "上海市徐汇区华山路1954号", "北京市海淀区颐和园路5号"
_ZH_ADDRESS = patcache.compile(r"(?P<city>[\u4e00-\u9fff]{2,6}?市)(?P<district>[\u4e00-\u9fff]{1,6}?[区县])?"
                               r"(?P<street>[\u4e00-\u9fff]{1,12}?(?:路|街|大道|道|巷|胡同)\d+号)")


def place(venue: str) -> dict[str, Any]:
    """A schema.org ``Place``: the venue as its name, and a ``PostalAddress`` when the text gives a street
    (a number and a street word) with the city after it; a room alone has no address to give."""
    zh = _ZH_ADDRESS.search(venue)
    if zh:
        name = (venue[:zh.start()] + venue[zh.end():]).strip(" ,，、()（）") or venue
        return {"@type": "Place", "name": name, "address": {
            "@type": "PostalAddress", "streetAddress": zh.group("street"),
            "addressLocality": zh.group("city"), "addressRegion": zh.group("district"), "addressCountry": "CN"}}
    parts = [part.strip() for part in venue.split(",") if part.strip()]
    street = next((i for i, part in enumerate(parts) if _STREET.match(part)), None)
    if street is None:
        return {"@type": "Place", "name": venue}
    rest = parts[street + 1:]
    address: dict[str, Any] = {"@type": "PostalAddress", "streetAddress": parts[street]}
    for part in rest:
        postal = _POSTAL.search(part)
        words = _POSTAL.sub("", part).strip()
        if postal:
            address["postalCode"] = postal.group(0)
        if not words:
            continue
        if "addressLocality" not in address:
            address["addressLocality"] = words
        elif _REGION.match(words) or ("addressRegion" not in address and postal):
            address["addressRegion"] = words
        else:
            address["addressCountry"] = words
    name = ", ".join(parts[:street]) or venue
    return {"@type": "Place", "name": name, "address": address}


def _person(speaker: dict[str, Any]) -> dict[str, Any]:
    affiliation = _text(speaker.get("affiliation"))
    return {
        "@type": "Person",
        "name": speaker.get("name"),
        "affiliation": {"@type": "Organization", "name": affiliation} if affiliation else None,
        "jobTitle": speaker.get("position"),
        "email": speaker.get("email"),
        "url": speaker.get("url"),
    }


def _prune(value: Any) -> Any:
    """Drop None, blank strings, empty lists and objects that would carry nothing but their @type."""
    if isinstance(value, dict):
        kept = {key: pruned for key, item in value.items() if (pruned := _prune(item)) is not None}
        return kept if set(kept) - {"@type"} else None
    if isinstance(value, list):
        items = [pruned for item in value if (pruned := _prune(item)) is not None]
        return items or None
    if isinstance(value, str):
        return value if value.strip() else None
    return value


# --- CSV ---------------------------------------------------------------------------------------------


def to_csv(records: list[dict[str, Any]], *, excel: bool = False) -> str:
    """A header and one row per record (with or without a start), lists joined with "; ".

    ``excel``: a byte-order mark and CRLF line ends, so Excel opens UTF-8 (Chinese, accents) as such."""
    return csv_header(excel=excel) + "".join(csv_row(record, excel=excel) for record in records)


EXCEL_BOM = "\ufeff"


def csv_header(*, excel: bool = False) -> str:
    """The header line, for writers that stream rows as records arrive (with the BOM for Excel)."""
    return (EXCEL_BOM if excel else "") + _csv_line(list(CSV_COLUMNS), excel)


def csv_row(record: dict[str, Any], *, excel: bool = False) -> str:
    """One record as one CSV line."""
    row = _csv_row(record)
    return _csv_line([_as_text(row[column]) if column in ID_COLUMNS else row[column] for column in CSV_COLUMNS],
                     excel)


def _csv_line(cells: list[str], excel: bool = False) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n" if excel else "\n").writerow([_inert(cell) for cell in cells])
    return buffer.getvalue()


ID_COLUMNS = frozenset({"meeting_id", "passcode", "talk_id"})
"""Columns that hold identifiers: text, never numbers, whatever a reader's type guessing would make of them."""

_NUMBER_LIKE = patcache.compile(r"[-+]?+(?:\d[\d_]*+\.?+\d*+|\.\d++)(?:[eE][-+]?+\d++)?+|(?i:nan|inf|infinity)")


def _as_text(cell: str) -> str:
    """An id a reader would take for a number (pandas makes "852331709" an int, "0189" 189, a blank a float NaN)
    gets the leading apostrophe that marks a cell as text, as formulas get it: "'0189"; strip it to read."""
    return f"'{cell}" if _NUMBER_LIKE.fullmatch(cell.strip()) else cell


# A spreadsheet reads a cell starting with one of these as a formula ("=HYPERLINK(...)", "@SUM(A1)", "+1-2").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _inert(cell: str) -> str:
    """OWASP's advice against CSV injection: a leading apostrophe makes a would-be formula plain text
    ("=1+2" → "'=1+2"); spreadsheets hide the apostrophe, scripts can strip it."""
    return f"'{cell}" if cell.startswith(_FORMULA_START) else cell


def _csv_row(record: dict[str, Any]) -> dict[str, str]:
    speakers = record.get("speakers") or []
    affiliations = [speaker.get("affiliation") or "" for speaker in speakers]
    online = [channel for channel in channels(record) if channel.get("role") in ("meeting", "stream")]
    return {
        "title": record.get("title") or "",
        "speakers": _JOIN.join(_speaker_names(record)),
        # Kept position by position (blank for a speaker without one) so they line up with "speakers".
        "affiliations": _JOIN.join(affiliations) if any(affiliations) else "",
        "start": record.get("start") or "",
        "end": record.get("end") or "",
        "timezone": record.get("timezone") or "",
        "event_type": record.get("event_type") or "",
        "series": record.get("series") or "",
        "attendance": record.get("attendance") or "",
        "venue": (record.get("location") or {}).get("venue") or "",
        # channel by channel, meetings first (blank for a channel without one), so the three line up
        "online_url": _aligned(channel.get("url") for channel in online),
        "meeting_id": _aligned(channel.get("meeting_id") for channel in online),
        "passcode": _aligned(channel.get("passcode") for channel in online),
        "host": record.get("host") or "",
        "language": record.get("language") or "",
        "links": _JOIN.join(_texts(record.get("links"))),
        "source_path": (record.get("source") or {}).get("path") or "",
        "warnings": _JOIN.join(_texts(record.get("warnings"))),
        "abstract": record.get("abstract") or "",
        "talk_id": record_talk_id(record),
    }


def _aligned(values: Iterable[str | None]) -> str:
    cells = [_text(value) or "" for value in values]
    return _JOIN.join(cells) if any(cells) else ""


# --- shared ------------------------------------------------------------------------------------------


def channels(record: dict[str, Any]) -> list[dict[str, Any]]:
    """The record's online channels as schema 2 has them (a list); a schema-1 record's one object, or null,
    is read as a list of that one meeting, or an empty one."""
    online = (record.get("location") or {}).get("online")
    if isinstance(online, dict):
        return [{"role": "meeting", **online}]
    return [channel for channel in online or () if isinstance(channel, dict)]


def _meeting(record: dict[str, Any]) -> dict[str, Any]:
    """The way in: the first meeting, else the first stream, else an empty dict (no checks for null needed)."""
    found = channels(record)
    return next((c for c in found if c.get("role", "meeting") == "meeting"), None) \
        or next((c for c in found if c.get("role") == "stream"), {})


def _speaker_names(record: dict[str, Any]) -> list[str]:
    return _texts(speaker.get("name") for speaker in record.get("speakers") or [])


def _texts(values: Iterable[str | None] | None) -> list[str]:
    return [text for value in values or () if (text := _text(value))]


def _text(value: str | None) -> str | None:
    """The value stripped, or None when it is missing or blank."""
    if value is None:
        return None
    text = value.strip()
    return text or None
