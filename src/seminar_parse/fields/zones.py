"""Time-zone names as printed in announcements → IANA zones, and offsets on a given date."""

from __future__ import annotations

import re
from datetime import datetime
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

# Abbreviations and names → IANA. Daylight/standard variants map to the same zone: the offset
# printed in the record is the one in force on the talk's date, whatever the page called it.
ZONE_NAMES: dict[str, str] = {
    "est": "America/New_York", "edt": "America/New_York", "et": "America/New_York",
    "eastern": "America/New_York", "eastern time": "America/New_York",
    "eastern standard time": "America/New_York", "eastern daylight time": "America/New_York",
    "cst": "America/Chicago", "cdt": "America/Chicago", "ct": "America/Chicago",
    "central time": "America/Chicago", "central standard time": "America/Chicago",
    "central daylight time": "America/Chicago",
    "mst": "America/Denver", "mdt": "America/Denver", "mt": "America/Denver",
    "mountain time": "America/Denver", "mountain standard time": "America/Denver",
    "mountain daylight time": "America/Denver",
    "pst": "America/Los_Angeles", "pdt": "America/Los_Angeles", "pt": "America/Los_Angeles",
    "pacific time": "America/Los_Angeles", "pacific standard time": "America/Los_Angeles",
    "pacific daylight time": "America/Los_Angeles",
    "akst": "America/Anchorage", "akdt": "America/Anchorage", "hst": "Pacific/Honolulu",
    "gmt": "UTC", "utc": "UTC", "z": "UTC",
    "bst": "Europe/London", "uk time": "Europe/London", "london time": "Europe/London",
    "cet": "Europe/Paris", "cest": "Europe/Paris", "central european time": "Europe/Paris",
    "central european summer time": "Europe/Paris", "met": "Europe/Paris",
    "eet": "Europe/Athens", "eest": "Europe/Athens", "wet": "Europe/Lisbon", "west": "Europe/Lisbon",
    "msk": "Europe/Moscow", "jst": "Asia/Tokyo", "kst": "Asia/Seoul", "hkt": "Asia/Hong_Kong",
    "sgt": "Asia/Singapore", "aest": "Australia/Sydney", "aedt": "Australia/Sydney",
    "acst": "Australia/Adelaide", "awst": "Australia/Perth", "nzst": "Pacific/Auckland",
    "nzdt": "Pacific/Auckland", "beijing time": "Asia/Shanghai", "china standard time": "Asia/Shanghai",
    "北京时间": "Asia/Shanghai", "东八区": "Asia/Shanghai", "香港时间": "Asia/Hong_Kong",
    "india standard time": "Asia/Kolkata", "japan standard time": "Asia/Tokyo",
}
# Abbreviations that name different zones in different places; decided by context.
AMBIGUOUS = {"ist": ("Asia/Kolkata", "Asia/Jerusalem", "Europe/Dublin"), "cst": ("America/Chicago", "Asia/Shanghai")}

_NAMED = sorted((n for n in ZONE_NAMES if " " in n or not n.isascii()), key=len, reverse=True)
_ABBREVIATIONS = sorted((n for n in [*ZONE_NAMES, *AMBIGUOUS] if " " not in n and n.isascii() and n != "z"),
                        key=len, reverse=True)
# "ET", "(EDT)", "Eastern Time", "UTC+8", "GMT-05:00", "北京时间". Abbreviations must be upper case in
# the text ("et" is a word in Latin and French; "mt" in "10am mt" is rare enough to lose).
ZONE_RE = re.compile(
    r"(?P<offset>\b(?:UTC|GMT)\s?(?P<sign>[+\-−])\s?(?P<oh>\d{1,2})(?::?(?P<om>\d{2}))?(?!\d))"
    rf"|(?P<named>(?i:{'|'.join(re.escape(n) for n in _NAMED)}))(?![a-z])"
    rf"|\b(?P<abbr>{'|'.join(a.upper() for a in _ABBREVIATIONS)})\b"
    r"|(?<=\d)(?P<zulu>Z)\b"  # ISO "2024-03-19T14:00Z"
)


def zone_from_match(match: re.Match[str], *, chinese: bool) -> tuple[str | None, str | None]:
    """IANA zone for a :data:`ZONE_RE` match, and a warning when the name was ambiguous."""
    if match.group("offset"):
        hours = int(match.group("oh"))
        minutes = int(match.group("om") or 0)
        sign = -1 if match.group("sign") in "-−" else 1
        if hours > 14 or minutes:
            return None, f"cannot map offset '{match.group(0)}' to a zone"
        if hours == 0:
            return "UTC", None
        # POSIX Etc zones invert the sign: UTC+8 is Etc/GMT-8.
        return f"Etc/GMT{'-' if sign > 0 else '+'}{hours}", None
    name = (match.group("named") or match.group("abbr") or match.group("zulu") or "").casefold()
    if name == "cst" and chinese:
        return "Asia/Shanghai", None
    if name in AMBIGUOUS and name not in ZONE_NAMES:
        return None, f"time zone '{match.group(0)}' is ambiguous; left out"
    return ZONE_NAMES.get(name), None


@lru_cache(maxsize=64)
def zone_info(name: str) -> ZoneInfo | None:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def utc_offset(zone: str, when: datetime) -> str | None:
    """``"-04:00"`` for America/New_York in July; None for an unknown zone."""
    info = zone_info(zone)
    if info is None:
        return None
    delta = when.replace(tzinfo=info).utcoffset()
    if delta is None:
        return None
    minutes = int(delta.total_seconds() // 60)
    sign = "-" if minutes < 0 else "+"
    minutes = abs(minutes)
    return f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"
