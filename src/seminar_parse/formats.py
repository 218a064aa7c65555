"""Export formats for calendars, web pages and spreadsheets: iCalendar, schema.org JSON-LD and CSV.

Pure functions of record dicts as :meth:`Record.to_dict` returns them, so they can run on freshly
parsed records or on records read back from YAML/JSON. Like parsing, they never read the clock: the
same records always give the same text, which keeps outputs diffable and re-imports idempotent.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from icalendar import Calendar, Event

__all__ = ["CSV_COLUMNS", "to_csv", "to_ics", "to_jsonld"]

PRODID = "-//seminar-parse//EN"
UID_DOMAIN = "seminar-parse"

# DTSTAMP is required by RFC 5545 and is normally "now"; these writers, like parsing, never read the
# clock, so every event carries this fixed stamp and the same records always give byte-identical files.
_DTSTAMP = datetime(1970, 1, 1, tzinfo=UTC)

# The record's "when" values: "2024-03-19", "2024-03-19T10:30", "2024-03-19T10:30-04:00".
_WHEN = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?:([+-])(\d{2}):(\d{2}))?)?")

_ATTENDANCE_MODES = {
    "in-person": "https://schema.org/OfflineEventAttendanceMode",
    "online": "https://schema.org/OnlineEventAttendanceMode",
    "hybrid": "https://schema.org/MixedEventAttendanceMode",
}

CSV_COLUMNS: tuple[str, ...] = (
    "title", "speakers", "affiliations", "start", "end", "timezone", "event_type", "series", "attendance",
    "venue", "online_url", "meeting_id", "passcode", "host", "language", "links", "source_path", "warnings",
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
    seen: set[str] = set()
    for record in records:
        event = _event(record)
        if event is None or str(event["uid"]) in seen:
            continue  # the same talk announced twice (a page and an email) is one event
        seen.add(str(event["uid"]))
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
    online = _online(record)
    event = Event()
    event.add("uid", _uid(record))
    event.add("dtstamp", _DTSTAMP)
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
    description = _description(record, online)
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


def _uid(record: dict[str, Any]) -> str:
    """Derived from what identifies the talk, so re-importing the same talk updates the event."""
    speakers = record.get("speakers") or []
    first = speakers[0].get("name") if speakers else None
    key = "|".join(_normal(part) for part in (record.get("title"), record.get("start"), first))
    return f"{hashlib.sha1(key.encode('utf-8')).hexdigest()}@{UID_DOMAIN}"


def _normal(value: str | None) -> str:
    """Whitespace and case do not make a different talk."""
    return " ".join((value or "").split()).casefold()


def _summary(record: dict[str, Any]) -> str:
    """"Speaker1, Speaker2: Title"; without a title, the kind of event stands in for it."""
    title = _text(record.get("title")) or (_text(record.get("event_type")) or "seminar").capitalize()
    names = ", ".join(_speaker_names(record))
    return f"{names}: {title}" if names else title


def _description(record: dict[str, Any], online: dict[str, Any]) -> str:
    online_target = _text(online.get("url")) or _text(online.get("platform"))
    parts = [
        _text(record.get("abstract")),
        _text(record.get("bio")),
        f"Online: {online_target}" if online_target else None,
        _labelled("Meeting ID", online.get("meeting_id")),
        _labelled("Passcode", online.get("passcode")),
        _labelled("Host", record.get("host")),
        _labelled("Series", record.get("series")),
    ]
    return "\n\n".join(part for part in parts if part)


def _labelled(label: str, value: str | None) -> str | None:
    text = _text(value)
    return f"{label}: {text}" if text else None


# --- schema.org JSON-LD ------------------------------------------------------------------------------


def to_jsonld(record: dict[str, Any]) -> dict[str, Any]:
    """A schema.org ``EducationEvent`` for embedding in a web page; keys with empty values are left out."""
    online = _online(record)
    venue = _text((record.get("location") or {}).get("venue"))
    places: list[dict[str, Any]] = []
    if venue:
        places.append({"@type": "Place", "name": venue})
    if _text(online.get("url")) or _text(online.get("platform")):
        places.append({"@type": "VirtualLocation", "name": online.get("platform"), "url": online.get("url")})
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


def to_csv(records: list[dict[str, Any]]) -> str:
    """A header and one row per record (with or without a start), lists joined with "; "."""
    return csv_header() + "".join(csv_row(record) for record in records)


def csv_header() -> str:
    """The header line, for writers that stream rows as records arrive."""
    return _csv_line(list(CSV_COLUMNS))


def csv_row(record: dict[str, Any]) -> str:
    """One record as one CSV line."""
    row = _csv_row(record)
    return _csv_line([row[column] for column in CSV_COLUMNS])


def _csv_line(cells: list[str]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow([_inert(cell) for cell in cells])
    return buffer.getvalue()


# A spreadsheet reads a cell starting with one of these as a formula ("=HYPERLINK(...)", "@SUM(A1)", "+1-2").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _inert(cell: str) -> str:
    """OWASP's advice against CSV injection: a leading apostrophe makes a would-be formula plain text
    ("=1+2" → "'=1+2"); spreadsheets hide the apostrophe, scripts can strip it."""
    return f"'{cell}" if cell.startswith(_FORMULA_START) else cell


def _csv_row(record: dict[str, Any]) -> dict[str, str]:
    speakers = record.get("speakers") or []
    affiliations = [speaker.get("affiliation") or "" for speaker in speakers]
    online = _online(record)
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
        "online_url": online.get("url") or "",
        "meeting_id": online.get("meeting_id") or "",
        "passcode": online.get("passcode") or "",
        "host": record.get("host") or "",
        "language": record.get("language") or "",
        "links": _JOIN.join(_texts(record.get("links"))),
        "source_path": (record.get("source") or {}).get("path") or "",
        "warnings": _JOIN.join(_texts(record.get("warnings"))),
    }


# --- shared ------------------------------------------------------------------------------------------


def _online(record: dict[str, Any]) -> dict[str, Any]:
    """The online meeting, or an empty dict, so callers need not check each level for null."""
    return (record.get("location") or {}).get("online") or {}


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
