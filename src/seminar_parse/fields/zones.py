"""Time-zone names as printed in announcements → IANA zones, and offsets on a given date."""

from __future__ import annotations

import re
from datetime import datetime
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from seminar_parse.fastre import gated

# "Paris time", "(Tokyo time)": a city or country named with "time" gives its zone.
CITY_ZONES: dict[str, str] = {
    "paris": "Europe/Paris", "berlin": "Europe/Berlin", "munich": "Europe/Berlin", "zurich": "Europe/Zurich",
    "geneva": "Europe/Zurich", "amsterdam": "Europe/Amsterdam", "brussels": "Europe/Brussels",
    "rome": "Europe/Rome", "madrid": "Europe/Madrid", "lisbon": "Europe/Lisbon", "vienna": "Europe/Vienna",
    "stockholm": "Europe/Stockholm", "copenhagen": "Europe/Copenhagen", "oslo": "Europe/Oslo",
    "helsinki": "Europe/Helsinki", "warsaw": "Europe/Warsaw", "prague": "Europe/Prague", "athens": "Europe/Athens",
    "istanbul": "Europe/Istanbul", "moscow": "Europe/Moscow", "dublin": "Europe/Dublin",
    "irish": "Europe/Dublin", "new york": "America/New_York", "boston": "America/New_York",
    "toronto": "America/Toronto", "chicago": "America/Chicago", "denver": "America/Denver",
    "california": "America/Los_Angeles", "vancouver": "America/Vancouver", "mexico city": "America/Mexico_City",
    "são paulo": "America/Sao_Paulo", "sao paulo": "America/Sao_Paulo", "brazil": "America/Sao_Paulo",
    "buenos aires": "America/Argentina/Buenos_Aires", "santiago": "America/Santiago",
    "bogotá": "America/Bogota", "lima": "America/Lima", "cape town": "Africa/Johannesburg",
    "johannesburg": "Africa/Johannesburg", "south african": "Africa/Johannesburg", "nairobi": "Africa/Nairobi",
    "lagos": "Africa/Lagos", "cairo": "Africa/Cairo", "tel aviv": "Asia/Jerusalem", "jerusalem": "Asia/Jerusalem",
    "dubai": "Asia/Dubai", "india": "Asia/Kolkata", "indian": "Asia/Kolkata", "delhi": "Asia/Kolkata",
    "singapore": "Asia/Singapore", "hong kong": "Asia/Hong_Kong", "taipei": "Asia/Taipei",
    "tokyo": "Asia/Tokyo", "japan": "Asia/Tokyo", "seoul": "Asia/Seoul", "korea": "Asia/Seoul",
    "beijing": "Asia/Shanghai", "shanghai": "Asia/Shanghai", "sydney": "Australia/Sydney",
    "melbourne": "Australia/Melbourne", "brisbane": "Australia/Brisbane", "perth": "Australia/Perth",
    "adelaide": "Australia/Adelaide", "auckland": "Pacific/Auckland", "new zealand": "Pacific/Auckland",
}
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
    "sast": "Africa/Johannesburg", "south africa standard time": "Africa/Johannesburg",
    "brt": "America/Sao_Paulo", "brasília time": "America/Sao_Paulo", "brasilia time": "America/Sao_Paulo",
    "horário de brasília": "America/Sao_Paulo",
    "aet": "Australia/Sydney", "acdt": "Australia/Adelaide", "australian eastern time": "Australia/Sydney",
    "australian eastern standard time": "Australia/Sydney", "nzt": "Pacific/Auckland",
    "pkt": "Asia/Karachi", "wib": "Asia/Jakarta", "pht": "Asia/Manila",
    "idt": "Asia/Jerusalem", "israel time": "Asia/Jerusalem",
    # "(Pacific)", "(Eastern)": a region word alone counts only in brackets ("Pacific Rim" is not a zone)
    "(pacific)": "America/Los_Angeles", "(eastern)": "America/New_York", "(central)": "America/Chicago",
    "(mountain)": "America/Denver",
    "北京時間": "Asia/Shanghai", "香港時間": "Asia/Hong_Kong", "台北时间": "Asia/Taipei", "台北時間": "Asia/Taipei",
    "臺北時間": "Asia/Taipei", "台湾时间": "Asia/Taipei", "台灣時間": "Asia/Taipei", "臺灣時間": "Asia/Taipei",
    "东京时间": "Asia/Tokyo", "日本时间": "Asia/Tokyo", "新加坡时间": "Asia/Singapore", "澳门时间": "Asia/Macau",
    "澳門時間": "Asia/Macau", "美东时间": "America/New_York", "美國東部時間": "America/New_York",
    "美西时间": "America/Los_Angeles", "伦敦时间": "Europe/London", "巴黎时间": "Europe/Paris",
    "柏林时间": "Europe/Berlin", "悉尼时间": "Australia/Sydney",
    **{f"{city} time": zone for city, zone in CITY_ZONES.items()},
}
# Abbreviations that name different zones in different places; decided by context.
AMBIGUOUS = {"ist": ("Asia/Kolkata", "Asia/Jerusalem", "Europe/Dublin"), "cst": ("America/Chicago", "Asia/Shanghai")}
# The four North American regions whose names ("Eastern Time", "PT") Canada shares with the US:
# (region code, the US reading, the Canadian reading).
_NORTH_AMERICAN_REGIONS = (("e", "America/New_York", "America/Toronto"), ("c", "America/Chicago", "America/Winnipeg"),
                           ("m", "America/Denver", "America/Edmonton"),
                           ("p", "America/Los_Angeles", "America/Vancouver"))
_CITY_TIME_NAMES = frozenset(f"{city} time" for city in CITY_ZONES)
# Abbreviations whose zone depends on the country the page is from (see COUNTRY_HINTS): "IST" on an
# Israeli page is Israel Standard Time, "CET" on a German page is Europe/Berlin. The first entry is
# the reading when the page names none of the countries (IST is India's far more often than not).
BY_COUNTRY: dict[str, tuple[tuple[str, str], ...]] = {
    "ist": (("in", "Asia/Kolkata"), ("il", "Asia/Jerusalem"), ("ie", "Europe/Dublin")),
    **{abbr: (("fr", "Europe/Paris"), ("de", "Europe/Berlin"), ("ch", "Europe/Zurich"), ("at", "Europe/Vienna"),
              ("nl", "Europe/Amsterdam"), ("be", "Europe/Brussels"), ("it", "Europe/Rome"), ("es", "Europe/Madrid"),
              ("se", "Europe/Stockholm"), ("dk", "Europe/Copenhagen"), ("no", "Europe/Oslo"),
              ("pl", "Europe/Warsaw"), ("cz", "Europe/Prague"))
       for abbr in ("cet", "cest", "met", "central european time", "central european summer time")},
    # "(GMT)" on a London page is UK time (GMT in winter, BST in summer); on an Irish one, Dublin's; with
    # no country named it stays UTC (the code "" is never hinted).
    "gmt": (("", "UTC"), ("gb", "Europe/London"), ("ie", "Europe/Dublin")),
    # "Eastern Time", "ET", "(Pacific)" on a Toronto or Vancouver page name Canada's zone; with no Canadian
    # city named, or a US one named as often (a Toronto speaker visiting Boston), the US zone. Names that
    # say the city ("New York time") and the Chinese ones ("美东时间") are not re-read.
    **{name: (("", us_zone), (f"us_{region}", us_zone), (f"ca_{region}", ca_zone))
       for region, us_zone, ca_zone in _NORTH_AMERICAN_REGIONS
       for name, zone in ZONE_NAMES.items()
       if zone == us_zone and name.isascii() and name not in _CITY_TIME_NAMES},
}
# Words that say which country a page is from: the country, its big university cities, its web domain.
# Each entry: country code → pattern. "Karlsruhe Institute of Technology", "www.uni-heidelberg.de".
_COUNTRY_WORDS: dict[str, str] = {
    "in": r"india|indian|bengaluru|bangalore|mumbai|new delhi|chennai|kolkata|hyderabad|pune|iisc|iit\b",
    "il": r"israel|tel aviv|jerusalem|haifa|technion|weizmann",
    "gb": r"united kingdom|england|scotland|wales|london|edinburgh|glasgow|manchester|birmingham",
    "ie": r"ireland|dublin|galway|trinity college dublin",
    "de": r"germany|deutschland|german|berlin|münchen|munich|hamburg|heidelberg|karlsruhe|saarbrücken|saarland|"
          r"göttingen|aachen|stuttgart|frankfurt|freiburg|tübingen|bonn|dresden|leipzig|max planck|universität|"
          r"straße|\bkit\b",
    "fr": r"france|paris|lyon|marseille|toulouse|grenoble|orsay|cnrs|inria|université|sorbonne",
    "ch": r"switzerland|zürich|zurich|geneva|genève|lausanne|epfl|eth zürich|\beth\b|basel|bern",
    "at": r"austria|vienna|wien|graz|innsbruck",
    "nl": r"netherlands|amsterdam|delft|leiden|utrecht|eindhoven|groningen",
    "be": r"belgium|brussels|leuven|ghent",
    "it": r"italy|rome|milan|bologna|padova|pisa|torino|turin|università",
    "es": r"spain|madrid|barcelona|valencia|universidad",
    "se": r"sweden|stockholm|uppsala|lund|gothenburg|chalmers|kth",
    "dk": r"denmark|copenhagen|aarhus",
    "no": r"norway|oslo|bergen|trondheim",
    "pl": r"poland|warsaw|kraków|krakow",
    "cz": r"czech|prague",
    "au": r"australia|sydney|melbourne|brisbane|canberra|adelaide|perth|queensland|unsw|monash",
    "nz": r"new zealand|auckland|wellington|christchurch|otago",
    # Canada by region, and the US cities and universities that outweigh a Canadian name in the same zone
    "ca_e": r"toronto|ontario|ottawa|montréal|montreal|québec|quebec|mcgill|waterloo|kingston|mcmaster|"
            r"hamilton, on|concordia university|queen['’]s university|york university|halifax|dalhousie",
    "ca_c": r"winnipeg|manitoba",
    "ca_m": r"edmonton|calgary|alberta",
    "ca_p": r"vancouver|british columbia|\bubc\b|simon fraser|victoria, bc",
    "us_e": r"new york|boston|massachusetts|cambridge, ma|philadelphia|pittsburgh|atlanta|princeton|harvard|"
            r"yale|cornell|columbia university|carnegie mellon|\bmit\b|baltimore|johns hopkins|washington, d\.?c",
    "us_c": r"chicago|illinois|texas|austin|houston|minnesota|wisconsin|northwestern|st\. louis",
    "us_m": r"colorado|denver|boulder|utah|salt lake|new mexico|albuquerque",
    "us_p": r"california|stanford|berkeley|los angeles|san francisco|san diego|\bucla\b|caltech|seattle|"
            r"oregon|portland",
}
# "Karlsruhe" → de; "https://www.uni-heidelberg.de/" → de (the domain of a URL or an e-mail address)
COUNTRY_HINTS = gated(
    "|".join(rf"(?P<{code}>(?i:\b(?:{words})))" for code, words in _COUNTRY_WORDS.items())
    + r"|[\w.-]\.(?P<tld>in|il|ie|uk|de|fr|ch|at|nl|be|it|es|se|dk|no|pl|cz|au|nz)(?=[/:\s>\])]|$)"
)


# The zones of each hinted country, to name the zone of a bare UTC offset ("2025-05-20T11:00:00+10:00"
# on an Australian page is Australia/Sydney on that date, not Etc/GMT-10).
COUNTRY_ZONES: dict[str, tuple[str, ...]] = {
    "au": ("Australia/Sydney", "Australia/Brisbane", "Australia/Adelaide", "Australia/Perth"),
    "nz": ("Pacific/Auckland",), "in": ("Asia/Kolkata",), "il": ("Asia/Jerusalem",), "ie": ("Europe/Dublin",),
    **{code: (zone,) for code, zone in BY_COUNTRY["cet"]},
    **{f"ca_{region}": (ca_zone,) for region, _us, ca_zone in _NORTH_AMERICAN_REGIONS},
}


def zone_for_offset(offset_minutes: int, when: datetime, countries: dict[str, int]) -> str | None:
    """The zone of a hinted country whose offset on ``when`` is ``offset_minutes``; the most hinted first."""
    for code in sorted(countries, key=lambda c: -countries[c]):
        for zone in COUNTRY_ZONES.get(code, ()):
            info = zone_info(zone)
            delta = when.replace(tzinfo=info).utcoffset() if info else None
            if delta is not None and int(delta.total_seconds() // 60) == offset_minutes:
                return zone
    return None


def page_countries(text: str, limit: int = 200) -> dict[str, int]:
    """How often each country is hinted at on the page (first ``limit`` hints in the first 30,000
    characters: the page's own text, read once)."""
    counts: dict[str, int] = {}
    for number, match in enumerate(COUNTRY_HINTS.finditer(text, 0, 30_000)):
        if number >= limit:
            break
        tld = match.group("tld")
        code = ("gb" if tld == "uk" else tld) if tld else match.lastgroup or ""
        counts[code] = counts.get(code, 0) + 1
    return counts

_NAMED = sorted((n for n in ZONE_NAMES if not re.fullmatch("[a-z]+", n)), key=len, reverse=True)
_ABBREVIATIONS = sorted((n for n in [*ZONE_NAMES, *AMBIGUOUS] if re.fullmatch("[a-z]+", n) and n != "z"),
                        key=len, reverse=True)
# An IANA name printed as such (Indico pages, calendars): "Europe/Paris", "America/Argentina/Buenos_Aires".
_IANA = r"(?P<iana>\b(?:Africa|America|Antarctica|Asia|Atlantic|Australia|Europe|Indian|Pacific)" \
        r"(?:/[A-Z][A-Za-z_\-]{1,30}){1,2})\b"
# "ET", "(EDT)", "Eastern Time", "UTC+8", "GMT-05:00", "北京时间". Abbreviations must be upper case in
# the text ("et" is a word in Latin and French; "mt" in "10am mt" is rare enough to lose).
ZONE_RE = gated(
    r"(?P<offset>\b(?:UTC|GMT)\s?(?P<sign>[+\-−])\s?(?P<oh>\d{1,2})(?::?(?P<om>\d{2}))?(?!\d))"
    rf"|(?P<named>(?i:{'|'.join(re.escape(n) for n in _NAMED)}))(?![a-z])"
    rf"|\b(?P<abbr>{'|'.join(a.upper() for a in _ABBREVIATIONS)})\b"
    r"|(?<=\d)(?P<zulu>Z)\b"  # ISO "2024-03-19T14:00Z"
    rf"|{_IANA}"
)
# Standard-time abbreviations and the daylight-time names they are often misused for ("4pm EST" in July).
STANDARD_NAMES = {"est": "EDT", "cst": "CDT", "mst": "MDT", "pst": "PDT", "aest": "AEDT", "nzst": "NZDT", "cet": "CEST",
                  "eet": "EEST", "gmt": "BST"}
DAYLIGHT_NAMES = {"edt": "EST", "cdt": "CST", "mdt": "MST", "pdt": "PST", "aedt": "AEST", "nzdt": "NZST", "cest": "CET",
                  "eest": "EET", "bst": "GMT"}


def zone_from_match(match: re.Match[str], *, chinese: bool,
                    countries: dict[str, int] | None = None) -> tuple[str | None, str | None]:
    """IANA zone for a :data:`ZONE_RE` match, and a warning when the name was ambiguous.

    ``countries`` (from :func:`page_countries`) decides names read differently by country: "IST",
    "CET"."""
    if match.group("iana"):
        return (match.group("iana"), None) if zone_info(match.group("iana")) else (None, None)
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
    if name in BY_COUNTRY:
        readings = BY_COUNTRY[name]
        counts = countries or {}
        best = max(readings, key=lambda item: counts.get(item[0], 0))
        if counts.get(best[0], 0) == 0:
            best = readings[0]
            if name == "ist":
                return best[1], f"time zone '{match.group(0)}' read as India Standard Time"
        return best[1], None
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
