"""Where: the venue, the online meeting (platform, link, id, passcode) and the attendance mode."""

from __future__ import annotations

import bisect
import heapq
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from seminar_parse import patcache
from seminar_parse.candidates import Candidate, Choice, candidate, choose
from seminar_parse.fastre import Needles, anything, fold, gated, heads, needles, occurrences
from seminar_parse.fields.when import MONTH_NAME, WEEKDAY_NAME
from seminar_parse.fields.zones import ZONE_RE
from seminar_parse.patterns import URL
from seminar_parse.record import ROLES, Evidence, OnlineMeeting
from seminar_parse.sections import ANY_LABEL, Document, Line, Run
from seminar_parse.vocab import ALSO_ONLINE, ONLINE_STATED

_PLATFORM_URLS: tuple[tuple[str, str], ...] = (
    ("zoom.us", "Zoom"), ("zoom.com", "Zoom"), ("teams.microsoft.com", "Microsoft Teams"),
    ("teams.live.com", "Microsoft Teams"), ("webex.com", "Webex"), ("meet.google.com", "Google Meet"),
    ("meeting.tencent.com", "Tencent Meeting"), ("voovmeeting.com", "VooV"), ("live.bilibili.com", "Bilibili"),
    ("b23.tv", "Bilibili"), ("bilibili.com", "Bilibili"), ("youtube.com/live", "YouTube"), ("youtu.be", "YouTube"),
    ("bluejeans.com", "BlueJeans"), ("gotomeeting.com", "GoToMeeting"), ("meeting.dingtalk.com", "DingTalk"),
    ("feishu.cn", "Feishu"), ("vc.feishu.cn", "Feishu"), ("jitsi", "Jitsi"), ("bbb.", "BigBlueButton"),
    ("bbcollab.com", "Blackboard Collaborate"), ("youtube.com/watch", "YouTube"), ("dingtalk.com", "DingTalk"),
    ("eeo.cn", "ClassIn"), ("classin.com", "ClassIn"), ("mediasite", "Mediasite"), ("vimeo.com/event", "Vimeo"),
    ("webinar.net", "Webinar.net"), ("gotowebinar.com", "GoToWebinar"), ("whereby.com", "Whereby"),
)
# The platforms a text names in words: (pattern, name), as _PLATFORM_URLS are by their links.
_PLATFORM_NAMES: tuple[tuple[str, str], ...] = (
    (r"(?i)\bzoom\b", "Zoom"),
    (r"(?i)\bms\s+teams\b|\bmicrosoft\s+teams\b|\bteams\s+(?:meeting|link)\b|\bon\s+teams\b", "Microsoft Teams"),
    (r"(?i)\bwebex\b", "Webex"),
    (r"(?i)\bgoogle\s+meet\b", "Google Meet"),
    (r"腾讯会议|(?i:tencent\s+meeting)", "Tencent Meeting"),
    (r"(?i)\bvoov\b", "VooV"),
    (r"哔哩哔哩|[Bb]站|(?i:bilibili)", "Bilibili"),
    (r"钉钉|(?i:dingtalk)", "DingTalk"),
    (r"飞书|(?i:feishu)", "Feishu"),
    (r"(?i)\bblackboard\s+collaborate\b|\bcollaborate\s+ultra\b", "Blackboard Collaborate"),
    (r"(?i)\bbluejeans\b", "BlueJeans"),
    (r"(?i)\byoutube\b", "YouTube"),
    (r"(?i)\bclassin\b", "ClassIn"),
    (r"(?i)\bmediasite\b", "Mediasite"),
)
_PLATFORM_WORDS = tuple((patcache.compile(pattern), name) for pattern, name in _PLATFORM_NAMES)
# Around a link: it is the recording or the replay, not the meeting ("回放链接", "recording password").
_RECORDING_CUE = patcache.compile(
    r"(?i)\b(?:recording|recorded\s+talk|replay|playback|watch\s+(?:again|later))\b|回放|录播|录像|重播")
_RECORDING_URL = patcache.compile(r"(?i)cloud-record|/recording|/playback|/replay")
_REGISTRATION_CUE = patcache.compile(r"(?i)\bregist(?:er|ration)\b|\bsign\s?up\b|\brsvp\b|报名|注册")
# Platforms that broadcast (watch, not join), and the words that say a link is a broadcast.
STREAM_PLATFORMS = frozenset({"Bilibili", "YouTube", "Vimeo", "Mediasite"})
_STREAM_CUE = patcache.compile(r"(?i)\blive\s*stream|\bwebcast\b|\bbroadcast\b|直播")
# Around a link: it is the way in ("Join via ...", "Livestream:", "直播链接").
_JOIN_CUE = gated(
    r"(?i)\bjoin\s+(?:via|on|us\s+on|the\s+(?:meeting|webinar|stream|session|call)|online|here|zoom|teams)\b|"
    r"\b(?:meeting|webinar|zoom|teams|stream(?:ing)?)\s+link\b|\blive\s*stream|\bwatch\s+(?:live|online)\b|"
    r"\bclick\s+here\s+to\s+join\b|\bonline\s+(?:access|link|participation)\b|直播|线上|在线|会议链接|入会链接|参会链接")
# "Meeting ID: 987 6543 2101", "会议号：123 456 789", "腾讯会议：123-456-789"
_MEETING_ID = gated(
    r"(?i:meeting\s*(?:id|number|no\.?)|webinar\s*id|会议\s*(?:号码?|id|ID)|会议号|房间号|腾讯会议(?:号)?|"
    r"tencent\s+meeting(?:\s+id)?|voov(?:\s+meeting)?(?:\s+id)?)"
    r"(?:\s?[(（][^()（）\n]{1,30}[)）])?"  # Webex's "Meeting number (access code): 2731 904 6618"
    r"\s*[:：#]?\s*(?P<id>\d[\d \-]{6,16}\d)"
)
_PASSCODE = gated(
    r"(?i:passcode|password|pass\s*code|pwd|access\s+code|会议密码|入会密码|密码)\s*[:：]?\s*"
    r"(?P<code>[A-Za-z0-9@#$%^&*!._\-]{2,32})"
)
_ZOOM_ID_IN_URL = patcache.compile(r"/(?:j|w|s|wc/join|my)/([0-9]{8,12})")
# Online words inside a venue value: "Room 101 and on Zoom", "Siebel 2405 / Zoom", "线下：A101；线上：腾讯会议"
_HYBRID_TAIL = gated(
    r"(?i)(?<!\s)(?:\s*[,;/|+&]\s*|\s+)(?:and\s+|or\s+|\+\s*|&\s*)?(?:also\s+)?(?:on(?:line)?\s+(?:via\s+)?|via\s+|"
    r"through\s+)?(?:zoom|(?:microsoft\s+|ms\s+)?teams|webex|google meet|online|livestream|live stream|"
    r"virtual(?:ly)?|tencent meeting|voov)\b.*$"
    r"|(?<!\s)[，,；;]?\s*(?:线上|腾讯会议|在线|直播).*$"
)
_ONLINE_WORD = patcache.compile(r"(?i)\b(?:online|virtual|remote|webinar|livestream|live stream)\b|线上|在线|直播|网络")
_ONLINE_FILLER = frozenset({
    "online", "only", "via", "virtual", "virtually", "remote", "on", "the", "a", "personal", "room", "meeting",
    "link", "webinar", "livestream", "live", "stream", "microsoft", "ms", "google", "tencent", "and", "or", "by",
    "teams", "meet", "zoom", "webex", "voov", "bilibili",
    "线上", "在线", "会议", "直播", "网络", "线上会议", "腾讯会议", "形式", "方式", "online only",
})
# "(also on Zoom: …)", "(hybrid; Zoom link below)", "（线上同步直播）"
_ONLINE_ASIDE = patcache.compile(
    r"(?<!\s)\s*[(（][^()（）]{0,80}?(?:zoom|teams|webex|online|hybrid|livestream|stream|link|线上|腾讯|直播)"
    r"[^()（）]{0,120}(?:[)）]|$)",
    re.IGNORECASE,
)
_WEEKDAY_WORD = patcache.compile(rf"(?i)\b{WEEKDAY_NAME}\.?(?=[\s,]|$)|(?:星期|周|礼拜)[一二三四五六日天]")
# A venue phrase, in English: "Wean Hall 5409", "7500 Wean Hall", "Doherty Hall, Room 2315", "Room 2224 of EDRC",
# "PH 223D", "Faculty Dining Room in Skibo", "Adamson Wing, Baker Hall", "Seminar Room 254A", "MSEE 112".
# A word of a building's name: capitalised, two letters or more (not the initial of "Tracie M. Hall"), and not
# "The", "PM" or a building noun itself (so that "Hall 1112" waits for "Doherty" on the line before).
_CAP = (r"(?:(?!(?i:the|an?|am|pm|at|in|on|hall|building|room|center|centre|auditorium|wing)\b)"
        r"[A-Z][\w'’&-][\w'’.&-]{0,19})")
_BUILDING_NOUN = (r"(?i:hall|building|bldg\.?|center|centre|auditorium|library|lounge|ballroom|theater|theatre|wing|"
                  r"tower|quad|quadrangle|annex|pavilion|chapel|gallery|arena|gym|commons|atrium)\b")
# "GSIA main auditorium", "CMT red conference room"
_SIZE_OR_COLOUR = (r"(?:(?:main|large|small|big|little|new|old|upper|lower|north|south|east|west|red|blue|green|"
                   r"yellow|white|black|grey|gray)\s)")
_ROOM_LEAD = (rf"{_SIZE_OR_COLOUR}?(?:(?i:conference|seminar|lecture|dining|reading|board|meeting|class|common|"
              r"multi-?purpose|committee)\s+)?")
# the room nouns of pages in French, German, Italian and Spanish too ("Salle 3L15", "Seminarraum 2", "Aula 4")
_ROOM_WORD = r"(?i:room|rm\.?|suite|lab|salle|raum|seminarraum|hörsaal|aula|amphi(?:théâtre)?|sala)\b"
_ROOM_NOUN = rf"{_ROOM_LEAD}{_ROOM_WORD}"
# "5409", "235A", "A18C", "4-270", "8.220", "4P56"; not the "00" of "4:00" nor a year
# and not "12" of "12 noon" on the next line, nor the street number of "4400, Fifth Avenue"
_ROOM_ID = (r"(?<![\d:.])(?!(?:19|20)\d\d\b)(?:[A-Z]?\d{1,4}[A-Z]?(?:[-.]\d{1,4}[A-Z]?)?|\d[A-Z]\d{2})(?![\w:/])"
            r"(?!\s?(?i:noon|midnight|[ap]\.?m\b|o'?clock)|[-–]\d{1,2}(?::\d\d)?\s?(?i:[ap]\.?m\b)|,?\s(?:[A-Z]\w+\s)?(?i:avenue|ave\b|street|road|blvd|boulevard))")
# between the words of a name, but not after a sentence's last word: "Cathedral of Learning.  \nThis is"
_WORD_GAP = r"(?<![a-z]{3}\.)\s"
# "Mellon Institute", "Museum of Art", "Engineering and Public Policy": a name of up to three words
_NAME = rf"{_CAP}(?:{_WORD_GAP}(?:(?:of|and|&)\s)?{_CAP}){{0,2}}\s"
_BUILDING = rf"{_NAME}{_SIZE_OR_COLOUR}?{_BUILDING_NOUN}"
_CODE = r"(?:[A-Z][A-Za-z]{0,4}[A-Z]|[A-Z]{2,5})"
_FLOOR = r"(?:\d{1,2}(?:st|nd|rd|th)\s(?i:floor)\s)"
# A part of the place in parentheses: "Scaife Auditorium (Room 125)", "CMT conference room (BoM 109)",
# "room 318 (GSIA)", "DH 3313 (large conference room)", "Hamburg Hall 1000 (Auditorium)", "(Bldg B 109)";
# not a remark such as "(SPECIAL LOCATION)" or "(dry run)"
_ROOM_ASIDE = (rf"(?:\s\((?:[^()\n]{{0,25}}?\b(?:{_ROOM_NOUN}|{_BUILDING_NOUN}|(?i:floor\b))[^()\n]{{0,25}}?"
               rf"|(?:{_CODE}|[A-Z][a-z]{{1,4}})(?:\s[A-Z])?\s{_ROOM_ID}|{_CODE})\))")
_PLACE = rf"(?:{_FLOOR}?(?:{_BUILDING})(?:\s(?i:auditorium|lobby|atrium))?(?:,?\s(?:{_ROOM_NOUN}\s?)?{_ROOM_ID})?)"
# The campus after a building: "1175 Benedum Hall, University of Pittsburgh", "106 Allen Hall, Pitt."
# ("..., CMU" is more often a department's or a school's initials than a campus)
_CAMPUS = (r"(?:,\s(?:University\sof\s[A-Z][a-z]+(?:[ ][A-Z][a-z]+)?|(?:[A-Z][a-z]+\s){1,2}(?:University|College)\b"
           r"|[A-Z][a-z]+(?=\s*(?:[.;)\n]|$))))")
_STREET = (r"(?<![\d,])\d{1,5}\s(?:[A-Z][a-z]+|\d{1,3}(?:st|nd|rd|th))(?:\s[A-Z][a-z]+)?\s"
           r"(?:Avenue|Ave\.?|Street|St\.|Road|Rd\.|Boulevard|Blvd\.?|Drive|Lane|Place)(?!\w)")
_LOCATED_IN = r"(?:,?\s(?:(?:which\sis\s)?located|situated)\s(?:in|at|on)\s(?:the\s)?)"
# The first alternative of the venue grammar: a room ("Carnegie Conference Room, Warner Hall", "Room 2224 of
# EDRC"). It is most of the grammar's cost, as it may start at almost any letter; every match holds a room noun.
_ROOM_PHRASE = (
    # "Carnegie Conference Room, Warner Hall", "Swank Room, Baker Hall 255B", "Room 2224 of EDRC",
    # "Faculty Dining Room in Skibo", "Wherrett Room, Skibo."
    # "The Babcock Room", "room 207 of the interim student center", "EPP conference room, located in BH 129"
    rf"(?:(?:{_FLOOR}?(?:The\s)?{_NAME}{_ROOM_NOUN}(?:\s{_ROOM_ID})?|{_ROOM_NOUN}\s{_ROOM_ID}){_ROOM_ASIDE}?)"
    rf"(?:(?:,\s?|\s(?:of|in|at)\s(?:the\s)?|\s){_PLACE}|{_LOCATED_IN}{_CODE}[\s-]?{_ROOM_ID}"
    rf"|(?:,\s?|\s(?:of|in|at)\s(?:the\s)?|\s){_CODE}\b"
    rf"|\s(?:of|in|at)\s{_CAP}|,\s{_CAP}(?=\s*(?:[.;)\n]|$))|\s(?:of|in|at)\sthe\s(?:[a-z]+\s){{0,2}}{_BUILDING_NOUN})?"
    # "..., 40th floor, Cathedral of Learning"
    rf"(?:,?\s\d{{1,2}}(?:st|nd|rd|th)\s(?i:floor)(?:,\s+(?:of\s+)?(?:the\s+)?{_CAP}(?:{_WORD_GAP}(?:of\s)?{_CAP}){{0,3}})?)?"
)
# The next two alternatives hold a building noun after white space (the end of a name before it).
_BUILDING_PHRASE = (
    # "7500 Wean Hall"
    rf"\b{_ROOM_ID}\s(?:{_BUILDING}){_CAMPUS}?"
    # "Doherty Hall, Room 2315", "Adamson Wing Auditorium, Baker Hall", "ADAMSON WING, BAKER HALL 136"
    rf"|{_PLACE}{_ROOM_ASIDE}?(?:,\s{_PLACE}|\s(?:of|in)\s(?:the\s)?{_CODE}\b)?{_CAMPUS}?"
)
# The other alternatives, each with a digit: cheap, as they start at a capital or a digit.
_NUMBER_PHRASE = (
    rf"\b{_CODE}[\s-]?{_ROOM_ID}{_ROOM_ASIDE}?"
    # "Wean 5409", "Skibo 105-106": a building's name and a room, when alone or after "in"
    rf"|\b{_CAP}\s\d{{3,4}}[A-Z]?(?:-\d{{3,4}})?\b(?![:.]\d)"
    # "4605 Wean", "116 Old Chem"; not "1995 Distinguished", not "10 am"
    rf"|\b(?!(?:19|20)\d\d\b)\d{{3,4}}[A-Z]?\s(?:[A-Z][A-Za-z'’&-]+\s)?{_CAP}\b(?![/\w]|\s(?i:pm|am|p\.m|a\.m))"
    # "La Roche College, 9000 Babcock Blvd.", "Engineer's Club, 337 4th Avenue": a street address
    rf"|(?:{_CAP}\s){{0,3}}{_CAP},\s{_STREET}|\b{_STREET}"
    # "in 8220", "in 8.220": a room number alone; not "in 515 GeV"
    r"|(?<=\b[Ii]n\s)(?:\d{3,4}[A-Z]?|\d\.\d{3})(?![\w:/%]|\.\d|\s[A-Z][a-z]*[A-Z])"

)
VENUE_RE = gated(rf"{_ROOM_PHRASE}|{_BUILDING_PHRASE}|{_NUMBER_PHRASE}")

# Finding VENUE_RE's matches fast on large inputs (see _venue_matches): the room phrases and the building
# phrases are looked for only near their nouns, the number phrases in the whole text (they are cheap).
# The bounds below hold where no run of white space is longer than _SPACE_RUN and no run of the letters the
# grammar repeats without bound ([a-z]+, [A-Za-z'’&-]+, the \w+ of [A-Z]\w+) is longer than _WORD_RUN; a
# text with a longer run is scanned whole.
_SPACE_RUN, _WORD_RUN = 8, 40
# (three searches, each of a pattern opening with a class: the engine skips to that class's characters, which
# it cannot do for their alternation)
_LONG_RUNS = tuple(patcache.compile(pattern) for pattern in (
    rf"\s{{{_SPACE_RUN + 1}}}", rf"[A-Za-z'’&-]{{{_WORD_RUN + 1}}}", rf"[A-Z]\w{{{_WORD_RUN + 1}}}"))


_VERSION = patcache.source_version(__file__)


def _reach(pattern: str) -> int:
    """How far past its start a match attempt of ``pattern`` may read, where runs are bounded as above: the
    widths of its parts, lookaheads and boundaries counted as read, each unbounded repeat taken at its bound
    (worked out once and kept with the compiled patterns)."""
    return int(patcache.remember(f"reach:{_VERSION}", pattern, 0, lambda: _reach_of(pattern)))


def _reach_of(pattern: str) -> int:
    from re import _constants, _parser  # type: ignore[attr-defined]

    def width(items: Any) -> int:
        total = 0
        for op, av in items:
            name = str(op)
            if name in ("LITERAL", "NOT_LITERAL", "IN", "ANY", "CATEGORY", "AT"):
                total += 1
            elif name == "SUBPATTERN":
                total += width(av[3])
            elif name == "ATOMIC_GROUP":
                total += width(av)
            elif name == "BRANCH":
                total += max(width(alternative) for alternative in av[1])
            elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
                _low, high, sub = av
                if high == _constants.MAXREPEAT:
                    high = _SPACE_RUN if str(sub) == _SPACE_ITEM else _WORD_RUN
                total += high * width(sub)
            elif name in ("ASSERT", "ASSERT_NOT"):
                total += width(av[1]) if av[0] == 1 else 0  # a lookbehind reads before the start
            else:
                raise ValueError(f"cannot bound {name}")
        return total

    return width(_parser.parse(pattern)) + 1


# Where anchors are everywhere, the window they make is cut at this length (the next one goes on from there),
# so that what a search reads past it is little and a text read only in part has its windows made in part.
_LONGEST_WINDOW = 65_536
_SWITCH_AFTER = 5_000  # characters read before _venue_matches may judge that venues are all over
_CHUNK = 4_096  # the number phrases are searched this many starting positions at a time
_SPACE_ITEM = "[(IN, [(CATEGORY, CATEGORY_SPACE)])]"  # how the parser shows a repeated \s


@dataclass(frozen=True)
class _Windowed:
    """Alternatives of the venue grammar whose every match holds an anchor (a noun) at most ``before``
    characters after its start; ``reach``: how far past its start an attempt reads."""

    pattern: re.Pattern[str]
    anchor: re.Pattern[str]
    before: int
    reach: int
    heads: tuple[str, ...] | None = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "heads", heads(self.anchor.pattern))

    def windows(self, text: str, folded: str) -> _Windows:
        """Where a match may start: up to ``before`` characters before each anchor (windows that nearly touch
        are one, as each search reads ``reach`` past its window anyway). ``folded``: ``fastre.fold(text)``."""
        return _Windows(self._windows(text, folded))

    def _windows(self, text: str, folded: str) -> Iterator[tuple[int, int]]:
        window: tuple[int, int] | None = None
        for start, end in self._anchors(text, folded):
            # a noun hidden by an overlapping one starts inside it: the window runs to that one's end
            low, high = max(0, start - self.before), end - 1
            if window is not None and low <= window[1] + self.reach and window[1] - window[0] < _LONGEST_WINDOW:
                window = (window[0], max(window[1], high))
                continue
            if window is not None:
                if high <= window[1]:
                    continue  # (the anchors come in order of their starts: this one's window is inside)
                yield window
                low = max(low, window[1] + 1)  # a long window goes on in the next
            window = (low, high)
        if window is not None:
            yield window

    def _anchors(self, text: str, folded: str) -> Iterator[tuple[int, int]]:
        """The anchors' spans in order of their starts, all of them (overlapping ones too): the anchor tried
        only where one of its heads is printed, found by a substring search each (far cheaper than the
        pattern's search, which tries every position of the text)."""
        if self.heads is None:
            yield from (noun.span() for noun in self.anchor.finditer(text))
            return
        previous = -1
        for start in heapq.merge(*(occurrences(folded, head) for head in self.heads)):
            if start != previous and (noun := self.anchor.match(text, start)) is not None:
                yield noun.span()
            previous = start

    def search(self, text: str, pos: int, windows: _Windows) -> re.Match[str] | None:
        """``self.pattern.search(text, pos)``, looking only in ``windows``: each search is cut where no
        attempt starting inside the window reads, so what it finds there is what the whole text gives."""
        for low, high in windows.after(pos):
            match = self.pattern.search(text, max(low, pos), min(len(text), high + self.reach))
            if match is not None and match.start() <= high:
                return match
        return None


class _Windows:
    """A text's windows, in order, made only as far as the searches read (a list of venues is read only as
    far as its first MOST_VENUE_PHRASES phrases)."""

    def __init__(self, windows: Iterator[tuple[int, int]]) -> None:
        self._made: list[tuple[int, int]] = []
        self._rest = windows

    def after(self, pos: int) -> Iterator[tuple[int, int]]:
        """The windows that end at ``pos`` or later."""
        index = bisect.bisect_left(self._made, pos, key=lambda window: window[1])
        while True:
            if index == len(self._made):
                window = next(self._rest, None)
                if window is None:
                    return
                self._made.append(window)
            if self._made[index][1] >= pos:
                yield self._made[index]
            index += 1


# Every room phrase holds a room noun: after white space (a name or "conference" before it), or at its start
# and followed by a room number ("room 207 of ...", the "room 5" of "Classroom 5").
_ROOMS = _Windowed(gated(_ROOM_PHRASE), gated(rf"(?<=\s){_ROOM_WORD}|{_ROOM_WORD}\s[A-Z]?\d"),
                   _reach(rf"{_FLOOR}?(?:The\s)?{_NAME}{_ROOM_LEAD}"), _reach(_ROOM_PHRASE))
# Every building phrase holds a building noun after the white space that ends the name before it.
_BUILDINGS = _Windowed(gated(_BUILDING_PHRASE), gated(rf"(?<=\s){_BUILDING_NOUN}"),
                       max(_reach(rf"\b{_ROOM_ID}\s{_NAME}{_SIZE_OR_COLOUR}?"),
                           _reach(rf"{_FLOOR}?{_NAME}{_SIZE_OR_COLOUR}?")),
                       _reach(_BUILDING_PHRASE))
_NUMBERS = gated(_NUMBER_PHRASE)
_NUMBERS_REACH = _reach(_NUMBER_PHRASE)


def _venue_matches(text: str) -> Iterator[re.Match[str]]:
    """The matches of ``VENUE_RE.finditer(text)``, found faster in a large text. A match of the union is, at
    the leftmost position where any alternative matches, the first alternative's (there is nothing after the
    alternation); so the room, building and number phrases are searched apart and merged, the first two only
    in windows around their nouns, the number phrases a chunk at a time and only as far as needed."""
    if any(run.search(text) for run in _LONG_RUNS):
        yield from VENUE_RE.finditer(text)
        return
    windowed = (_ROOMS, _BUILDINGS)
    folded = fold(text)
    windows = [kind.windows(text, folded) for kind in windowed]
    numbers = _NumberSearch(text)
    pos = in_windowed = 0
    # the next room and building match from ``pos`` on (None: there is none), kept while they start at ``pos``
    # or later
    nexts = [kind.search(text, pos, spans) for kind, spans in zip(windowed, windows, strict=True)]
    while True:
        for index, match in enumerate(nexts):
            if match is not None and match.start() < pos:
                nexts[index] = windowed[index].search(text, pos, windows[index])
        starts = [(match.start(), index) for index, match in enumerate(nexts) if match is not None]
        first = min(starts) if starts else None  # the leftmost; at one start, the first alternative
        number = numbers.first(pos, first[0] - 1 if first else len(text))
        best = number if number is not None else nexts[first[1]] if first else None
        if best is None:
            return
        yield best
        pos = best.end()
        if best is not number:
            in_windowed += len(best.group(0))
            if pos > _SWITCH_AFTER and in_windowed * 4 > pos:
                # venues all over (a list of venues): the other searches rescan each of them, and one scan of
                # the union from here on is cheaper (it goes on exactly as the union's finditer would)
                yield from VENUE_RE.finditer(text, pos)
                return


class _NumberSearch:
    """The number phrases of a text, searched lazily: each search looks at _CHUNK starting positions and is cut
    where no attempt among them reads, so what it finds is what the whole text gives."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.found: re.Match[str] | None = None  # the first match at or after ``clear``, once found
        self.clear = 0  # no number phrase starts before this, from where the last search began

    def first(self, pos: int, last: int) -> re.Match[str] | None:
        """The first number phrase starting in ``[pos, last]``, or None."""
        found = self.found
        if found is not None and found.start() >= pos:
            return found if found.start() <= last else None
        start = max(pos, self.clear)
        size = len(self.text)
        while start <= last and start < size:
            stop = min(size - 1, start + _CHUNK)
            match = _NUMBERS.search(self.text, start, min(size, stop + _NUMBERS_REACH))
            if match is not None and match.start() <= stop:
                self.found, self.clear = match, match.start()
                return match if match.start() <= last else None
            self.found, self.clear = None, stop + 1
            start = stop + 1
        return None


# "将于6月5日下午3点在数学楼110教室举行"
_ZH_ROOM_PROSE = patcache.compile(
    r"在\s?(?P<v>[\u4e00-\u9fffA-Za-z0-9\-]{2,30}?(?:报告厅|会议室|教室|演讲厅|学术厅|多功能厅|讲堂|礼堂|"
    r"楼\d{2,4}(?:教室|会议室|报告厅|室)?|\d{2,4}室))(?:举行|召开|进行|举办)?")
_VENUE_HINT = gated(r"\d|(?i:hall|build|bldg|room|rm\b|cent|audit|libr|lounge|ballroom|theat|wing|tower|quad|"
                         r"annex|pavilion|chapel|gallery|arena|gym|commons|atrium|suite|lab|campus)")
_DASHED_REMARK = patcache.compile(r"(?<=\S)\s*+(?:(?<!-)-{2,}+|(?<=\s)[—–](?=\s))\s*+([^-—–]+)$")
_ITEM_HINT = gated(r"(?:--|[*|;]|\s[-–])\s*[A-Z0-9]")
_IN_OR_AT = gated(r"\b(?:in|at)\s(?:the\s)?(?:[A-Z0-9]|room\b)|\b(?:Room|Hall|Auditorium|Building|Lounge)\b")
# What may stand right before a venue that is an item of its own: a comma, "--", "*", "|", or a time.
_SEGMENT_START = patcache.compile(r"(?:[,;*|]|--|\s[-–]|\n|\d(?::\d\d)?\s?(?i:[ap]\.?m\.?)|\d:\d\d)\s*$")
# What may stand between a place and the date or time of its "place, time" item ("Scaife Hall Auditorium, 4:30.")
_ITEM_GAP = patcache.compile(r"[ \t]*+[,;]?[ \t]*+(?:at[ \t]+)?")


def _gap_end(text: str, at: int) -> int:
    """Where the gap after ``at`` ends (the pattern matches the empty string, so it always matches)."""
    gap = _ITEM_GAP.match(text, at)
    return gap.end() if gap else at


# "Thursday June 7 at 2:30 pm in Wean Hall 7220" without its date and time leaves "at  in Wean Hall 7220".
_CONNECTOR_EDGES = patcache.compile(
    r"^(?:(?:at|in|on|from|to|and|@|-|–)\s++)++|(?<!\s)(?:\s++(?:at|in|on|from|to|and|@))++$",
    re.IGNORECASE)
_TABLE_HEADING = patcache.compile(r"(?i)\b(?:date|time|speaker|topic|title)\b")
_SIDE_EVENT = gated(r"(?i)reception|refreshments?|coffee|\btea\b|lunch|dinner|follow(?:ed|s)?\b|workshop")
# "October 3", "Tuesday 8": dates, not rooms; "Marsh Room" is a room
_CALENDAR_WORD = patcache.compile(rf"(?i)^(?:{MONTH_NAME}|{WEEKDAY_NAME})\.?\s")
_NOT_YEAR = patcache.compile(r"\b(?:19|20)\d{2}\b")


@dataclass
class Where:
    venue: str | None = None
    online: tuple[OnlineMeeting, ...] = ()
    attendance: str | None = None
    meeting_urls: set[str] = field(default_factory=set)
    platform_hint: str | None = None  # "Online (Zoom)" names the platform without a link
    choices: list[Choice] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)


def extract(doc: Document, *, datetime_spans: list[tuple[int, int]] | None = None,
            taken_lines: frozenset[int] = frozenset()) -> Where:
    """``datetime_spans``: where dates and times are printed, to cut out of "时间地点"/"When & Where" values;
    ``taken_lines``: lines another field read (a speaker's affiliation), never the venue."""
    result = Where()
    said_online = False
    for item in doc.values("mode"):
        if _online_phrase(item.value):
            said_online = True
            result.platform_hint = result.platform_hint or _platform_in_text(item.value)
    labelled: list[Candidate] = []
    printed: dict[int, str] = {}  # each labelled candidate's value as printed, by where it starts
    for item in doc.values("venue") + doc.values("when_where"):
        value = item.value
        if item.key == "when_where" or value[:1].isdigit() or _CALENDAR_WORD.match(value):
            value = _without_spans(doc, item.value_start, value, datetime_spans or [])
        if not value:
            continue
        if _online_phrase(value):
            said_online = True
            result.platform_hint = result.platform_hint or _platform_in_text(value)
            continue
        if item.key == "venue":
            value = ", ".join([value, *(line.text.strip() for line in doc.wrapped_value(item))])
        venue = _tidy_venue(value)
        if venue:
            labelled.append(candidate("venue", venue, (item.value_start, item.value_start + len(item.value)),
                                      "label" if item.key == "venue" else "when_where_label"))
            printed[item.value_start] = value
    if labelled:  # a label names the venue: the text is not searched
        choice = choose("venue", labelled)
        result.choices.append(choice)
        winner = choice.winner
        if winner is not None:
            result.venue = winner.value
            result.evidence.append(Evidence("venue", winner.start, winner.end, winner.rule, winner.score))
            tail = _HYBRID_TAIL.search(URL.sub(" ", printed[winner.start]))
            if tail and tail.start() > 0:
                said_online = True  # "Room 101 and on Zoom"
    if result.venue is None:
        result.venue = _venue_from_text(doc, result, taken_lines, datetime_spans or [])
    if result.venue and not said_online and (also := _search_whole(ALSO_ONLINE, doc.text)):  # "Also online via Zoom"
        said_online = True
        result.platform_hint = result.platform_hint or _platform_in_text(also.group(0))
    result.online = _online(doc, result)
    if not result.online and not said_online and _search_whole(ONLINE_STATED, doc.text):
        said_online = True  # "takes place online only; Zoom link on request": online without a link
    has_online = bool(result.online) or said_online
    if result.venue and has_online:
        result.attendance = "hybrid"
    elif has_online:
        result.attendance = "online"
    elif result.venue:
        result.attendance = "in-person"
    return result


def _without_spans(doc: Document, value_start: int, value: str, spans: list[tuple[int, int]]) -> str:
    chars = list(value)
    for start, end in spans:
        for offset in range(max(start, value_start), min(end, value_start + len(value))):
            chars[offset - value_start] = " "
    rest = "".join(chars)
    rest = re.sub(r"[（(]\s*(?:星期|周)?\s*[）)]", " ", rest)
    rest = _WEEKDAY_WORD.sub(" ", rest)
    pieces = [_CONNECTOR_EDGES.sub("", p.strip()) for p in re.split(r"[,，;；]", rest)]
    return re.sub(r"^\W+|\W+$", "", ", ".join(p for p in pieces if p.strip(" -–—|/")))


def _online_phrase(value: str) -> bool:
    """"Zoom only (link sent to the list)", "Online via Microsoft Teams", "线上（腾讯会议）": no place at all."""
    text = URL.sub(" ", value).casefold()
    if not text.strip() or (not any(p.search(value) for p, _ in _PLATFORM_WORDS) and not _ONLINE_WORD.search(text)):
        return False
    text = re.sub(r"[(（][^()（）]*[)）]?", " ", text)  # asides in parentheses
    words = re.findall(r"[a-z]+|[\u4e00-\u9fff]+|\d+", text)
    return all(w in _ONLINE_FILLER or any(p.search(w) for p, _ in _PLATFORM_WORDS) for w in words)


def _tidy_venue(value: str) -> str | None:
    text = URL.sub(" ", value)
    text = re.sub(r",\s+(?=[a-z])[^,]*$", "", text)  # "Wean Hall 4616, our lab": the aside is not the place
    while (remark := _DASHED_REMARK.search(text)) and not _VENUE_HINT.search(remark.group(1)):
        text = text[:remark.start()]  # "Moon Campus -- Transportation Provided"
    text = _ONLINE_ASIDE.sub("", text)
    text = _HYBRID_TAIL.sub("", text)
    text = re.sub(r"(?i)\b(?:in[- ]person|in person|onsite|on-site)\b\s*[:：]?", " ", text)
    text = re.sub(r"\s+", " ", text).strip(" ,;:.-–—|/()（）。．，；")
    if not text or _online_phrase(text) or len(text) > 200:
        return None
    return text


def _venue_from_text(doc: Document, result: Where, taken_lines: frozenset[int],
                     datetime_spans: list[tuple[int, int]]) -> str | None:
    """The best unlabelled place: a venue phrase alone on a line or in a comma segment beats one in prose;
    earlier beats later; one next to "reception" or "coffee" is not the talk's."""
    read = {item.value_line for item in doc.labelled if item.key in ("venue", "online", "mode", "when_where")}
    skip = taken_lines | read
    logistics = [run for run in doc.runs(skip | doc.prose_lines) if _may_hold_venue(run.text, prose=False)]
    prose = [Run(run.start, run.text, prose=True) for run in doc.runs(skip | (_all_lines(doc) - doc.prose_lines))
             if _may_hold_venue(run.text, prose=True)] if doc.prose_lines else []
    # Whole paragraphs, so that "Doherty\nHall 1112" is one venue and "a reception in\nHamerschlag Hall" is
    # seen to follow "reception".
    choice = choose("venue", _phrase_candidates(logistics + prose, doc,
                                                frozenset(start for start, _ in datetime_spans)),
                    threshold=PHRASE_THRESHOLD)
    if choice.winner is None:  # no English phrase will do: a Chinese one ("在数学楼110教室举行"), if any
        zh = choose("venue", _zh_candidates(doc))
        choice = Choice("venue", zh.winner, (*zh.runners_up, *choice.runners_up)[:4]) if zh.winner else choice
    result.choices.append(choice)
    winner = choice.winner
    if winner is None:
        return None
    result.evidence.append(Evidence("venue", winner.start, winner.end, winner.rule, winner.score))
    return winner.value


# A text with more venue phrases than this is a list of places (a directory, a 1 MB dump), not one talk's
# announcement; the talk's venue is among the first ones, and reading every other one made such a text slow.
MOST_VENUE_PHRASES = 1_000
# A venue phrase read from the text needs a score of 0 or more: the weights of weights.WEIGHTS["venue"] move
# in half points, so "more than -0.5" is "0 or more".
PHRASE_THRESHOLD = -0.5


def _all_lines(doc: Document) -> frozenset[int]:
    return frozenset(range(len(doc.lines)))


def _may_hold_venue(text: str, prose: bool) -> bool:
    """A cheap look before the full grammar, which is slow on long lines: abstracts are most of the text."""
    short_lines_only = prose and all(len(line) < 60 for line in text.split("\n"))  # a centred block in the body
    if prose and not (short_lines_only or _IN_OR_AT.search(text) or _ITEM_HINT.search(text)):
        return False
    return bool(_VENUE_HINT.search(text))


def _phrase_candidates(blocks: list[Run], doc: Document, datetime_starts: frozenset[int]) -> list[Candidate]:
    """Every venue phrase of the grammar in ``blocks``, with the features of its place in the text.
    ``datetime_starts``: where the date grammar found dates and times, so that "Scaife Hall Auditorium,
    4:30." is read as a "place, time" item."""
    found: list[Candidate] = []
    # a phrase seen before with the same features scores the same and stands later: it cannot win, nor be
    # a runner-up (choose() keeps the first of each value), so it is not made again (a 1 MB list of venues)
    seen: set[tuple[str, tuple[str, ...]]] = set()
    read = 0
    for line in blocks:
        for match in _venue_matches(line.text):
            read += 1
            if read > MOST_VENUE_PHRASES:
                return found
            venue, at = _within_its_line(match, line.text)
            venue = venue.strip(" ,.;:")
            if _NOT_YEAR.fullmatch(venue.split()[-1]) or _CALENDAR_WORD.match(venue) or _TABLE_HEADING.search(venue):
                continue
            features = _context_features(doc, line, at, match.end(), venue, datetime_starts)
            if (_is_code_only(venue) or venue[:1].isdigit()) and not _context_supports(features):
                continue  # "ICML 2021" or "300 Students" in a sentence is not a room
            if any(ch.isdigit() for ch in venue):
                features.append("has_room_number")  # a room number says more than a building
            if line.prose and not _near_a_date(doc, line.start + at):
                # inside the abstract or bio: only a clear "in Room 5" or an item of its own counts, unless a
                # date is on its line or the next (a message whose body is all "abstract")
                features.append("in_prose_far_from_date")
            key = (venue, tuple(features))
            if key in seen:
                continue
            seen.add(key)
            start = line.start + at
            found.append(candidate("venue", venue, (start, start + len(venue)), "phrase", features))
    return found


# The words right before a venue that say it is where the talk is: "in Room 5", "Location: ...", "come by".
_AFTER_IN_OR_AT = patcache.compile(
    r"(?i)\b(?:in|at|located in|place|location|room|(?:come|stop|drop)\s+by)\s*[:(（]?\s*(?:the\s+)?$")
# ("usual room (Gates 392)": the venue in brackets after its noun)
# The features that say a venue is an item of its own (at most one of them is given).
OWN_ITEM = ("alone_on_line", "list_item", "before_date_time")


def _context_features(doc: Document, line: Run, at: int, end: int, venue: str,
                      datetime_starts: frozenset[int]) -> list[str]:
    """Where a venue phrase stands: an item of its own (alone on its line, an item of "date, time, place", or
    right before a date or time), and if so whether it heads something instead; after "in"/"at" or opening a
    clause; after a side event ("the reception follows in ...")."""
    text = line.text
    # the words before it, in its own clause: "the reception follows; the talk is in Room 5" is the talk's
    # (the line's head and rest are looked at in place, not sliced: on a 1 MB line that was quadratic)
    before = re.split(r"[;.!?][\"”’~]?[ \t]", text[max(0, at - 40):at])[-1]
    opens_clause = not before.strip()
    features: list[str] = []
    own = ("alone_on_line" if _only_before(text, at, " ,")
           else "list_item" if _SEGMENT_START.search(before)  # "Tuesday, 4 pm, Wean 5409", "11:30-1:00 * 422 Scaife"
           else "before_date_time" if opens_clause and line.start + _gap_end(text, end) in datetime_starts
           else None)
    if own:
        features.append(own)
        if _REST_WORD.match(text, end) and not _REST_LINK.match(text, end):
            features.append("runs_into_words")  # "University Teaching Center Support for Graduate Students"
        elif _REST_BLANK.match(text, end) and _is_heading(doc, line, at, venue):
            features.append("heading_like")
    if _AFTER_IN_OR_AT.search(before):
        features.append("after_in_or_at")
    elif opens_clause and not _only_before(text, at, None):
        features.append("opens_clause")  # the venue opens a sentence: "WeH 8220 at the new meeting time"
    if _SIDE_EVENT.search(before):
        features.append("side_event_before")
    return features


def _context_supports(features: list[str]) -> bool:
    """Whether the place of a bare code or number ("ICML 2021", "300 Students") says it is a room: an item of
    its own or after "in"/"at", neither heading a block nor after a side event."""
    cue = any(name in features for name in (*OWN_ITEM, "after_in_or_at", "opens_clause"))
    doubt = any(name in features for name in ("runs_into_words", "heading_like", "side_event_before"))
    return cue and not doubt


# What follows a venue on its line: a word ("Center Support for ..."), "in"/"at"/"on"/a digit, or nothing
# (clean.py has collapsed runs of spaces, so the bound on the gap loses nothing).
_REST_WORD = patcache.compile(r"[^\S\n]{1,100}+[A-Za-z]{2}")
_REST_LINK = patcache.compile(r"[^\S\n]{1,100}+(?i:in|at|on|\d)")
_REST_BLANK = patcache.compile(r"[^\S\n]*+(?:\n|\Z)")


def _only_before(text: str, end: int, chars: str | None) -> bool:
    """Whether ``text`` between the start of the line holding ``end`` and ``end`` is only ``chars`` (None:
    whitespace); read backwards, so it stops at the first other character instead of copying the line."""
    index = end - 1
    while index >= 0 and text[index] != "\n":
        char = text[index]
        if not (char.isspace() if chars is None else char in chars):
            return False
        index -= 1
    return True


def _blank_before(text: str, end: int) -> bool:
    """``not text[:end].strip()``, read backwards from ``end`` without copying the text before it."""
    index = end - 1
    while index >= 0 and text[index].isspace():
        index -= 1
    return index < 0


def _near_a_date(doc: Document, offset: int) -> bool:
    index = doc.line_at(offset)
    return any(i in doc.date_lines for i in (index - 1, index, index + 1))


def _is_heading(doc: Document, run: Run, offset: int, venue: str) -> bool:
    """A name alone on the first line of a block, with no room number and no date beside it, heads the
    block ("University Teaching Center / Support for Graduate Students"); a venue in a centred block sits
    next to the date or the time."""
    if any(ch.isdigit() for ch in venue) or not _blank_before(run.text, offset):
        return False
    index = doc.line_at(run.start + offset)
    last = doc.line_at(run.start + len(run.text) - 1)
    return index < last and index + 1 not in doc.date_lines


def _within_its_line(match: re.Match[str], text: str) -> tuple[str, int]:
    """The venue of a match and where it starts: a venue may wrap onto the next line ("Doherty\nHall 1112")
    but not run into a labelled line below ("422 Scaife\nSpeaker: Steve Smith"), nor begin with the end of
    a zone's name on the line above ("… 15:00 Europe/Paris\nSalle 3L15")."""
    venue = match.group(0)
    if "\n" not in venue:
        return venue, match.start()
    head, _, tail = venue.partition("\n")
    start = match.start() + len(head) + 1
    end = text.find("\n", start)
    following = text[start:end if end >= 0 else len(text)]
    if ANY_LABEL.match(following.strip()) or not tail.strip():
        return head, match.start()
    index = match.start() - 1
    while index >= 0 and text[index] in " \t":
        index -= 1
    before = text[index] if index >= 0 else ""  # read backwards: a run may be a whole 1 MB text
    if head.isalpha() and (before == "/" or before.isdigit() or ZONE_RE.fullmatch(head)):
        return re.sub(r"\s+", " ", tail), start  # "15:00 Europe/Paris", "16:15 Uhr", "4 pm EST" end a time
    return re.sub(r"\s+", " ", venue), match.start()


def _is_code_only(venue: str) -> bool:
    return bool(re.fullmatch(r"[A-Z][A-Za-z]{0,5}[\s-]?[A-Z]?\d[\w.-]{0,6}|[A-Z][a-z]+\s\d{3,4}[A-Z]?", venue))


def _zh_candidates(doc: Document) -> list[Candidate]:
    """Every "在…报告厅/会议室/教室" outside prose; the first one printed wins."""
    found: list[Candidate] = []
    for line in doc.lines:
        if line.index in doc.prose_lines or not line.text:
            continue
        for zh in _ZH_ROOM_PROSE.finditer(line.text):
            found.append(candidate("venue", zh.group("v"), (line.start + zh.start("v"), line.start + zh.end("v")),
                                   "zh_prose"))
    return found


def _online(doc: Document, result: Where) -> tuple[OnlineMeeting, ...]:
    """Every online channel: the chosen meeting link, other links of a known platform (a stream, a recording,
    a registration form), and the meeting ids and passcodes, each given to the channel its line names
    ("腾讯会议 会议号：852 331 709" is Tencent Meeting's even when the only link is a Bilibili stream)."""
    channels: list[dict[str, str | None]] = []

    def outside_prose() -> Iterator[Line]:  # a generator: most texts need it for no line, or the first few
        return (line for line in doc.lines if line.index not in doc.prose_lines)

    choice, named_nearby, contexts = _meeting_url(doc)
    result.choices.append(choice)
    if choice.winner:
        url = choice.winner.value
        platform = _platform_of_url(url) or named_nearby.get(url)
        channels.append(_channel(platform, url, _url_role(url, platform, contexts.get(url, ""), winner=True)))
        result.meeting_urls.add(url)
        if choice.winner.end > choice.winner.start:
            result.evidence.append(Evidence("online", choice.winner.start, choice.winner.end, choice.winner.rule,
                                            choice.winner.score))
    for other in choice.runners_up:  # a second channel only when its link names a known platform
        platform = _platform_of_url(other.value)
        if platform and other.value not in result.meeting_urls and "known_platform" in other.features:
            channels.append(_channel(platform, other.value, _url_role(other.value, platform,
                                                                      contexts.get(other.value, ""))))
            result.meeting_urls.add(other.value)
    label_platform = next((p for item in doc.values("online")
                           if (p := _platform_in_text(item.label) or _platform_in_text(item.value))), None)
    if channels and channels[0]["platform"] is None:
        channels[0]["platform"] = label_platform
    # a pattern that matches no line matches nowhere in the text: one search of the text spares one per line
    ids_or_codes = bool(_search_whole(_MEETING_ID, doc.text) or _search_whole(_PASSCODE, doc.text))
    for line in outside_prose() if ids_or_codes else ():
        named = _platform_in_text(line.text)
        match = _MEETING_ID.search(line.text)
        target = None
        if match:
            named = named or _platform_in_text(match.group(0))
            target = _channel_for(channels, named, "meeting_id")
            target["meeting_id"] = target["meeting_id"] or ascii_digits(match.group("id"))
        code = _PASSCODE.search(line.text)
        if code and _RECORDING_CUE.search(line.text[max(0, code.start() - 12):code.start()]):
            # "回放密码：K7q2", "recording password": the replay's, not the meeting's
            replay = next((c for c in channels if c["role"] == "recording" and c["passcode"] is None), None)
            if replay is not None:
                replay["passcode"] = code.group("code").rstrip(".,;)") or None
            code = None
        if code and line.text[max(0, code.start() - 1):code.start()] not in ("?", "&"):
            target = target or _channel_for(channels, named, "passcode")
            target["passcode"] = target["passcode"] or code.group("code").rstrip(".,;)") or None
    for item in doc.values("meeting_id"):
        digits = ascii_digits(item.value)
        if 6 <= len(digits) <= 14 and not any(c["meeting_id"] for c in channels if c["role"] in _WAYS_IN):
            _channel_for(channels, None, "meeting_id")["meeting_id"] = digits
    for item in doc.values("passcode"):
        labelled = item.value.split()[0].strip(".,;)") if item.value.split() else ""
        if labelled and not any(c["passcode"] for c in channels if c["role"] in _WAYS_IN):
            _channel_for(channels, None, "passcode")["passcode"] = labelled
    for channel in channels:
        link = channel["url"]
        zoom = _ZOOM_ID_IN_URL.search(link) if link and channel["meeting_id"] is None else None
        if zoom and channel["platform"] == "Zoom":
            channel["meeting_id"] = zoom.group(1)
        if channel["platform"] is None and (channel["meeting_id"] or channel["passcode"]):
            channel["platform"] = next((p for line in outside_prose() if (p := _platform_in_text(line.text))), None)
        if channel["platform"] is None and channel["role"] == "meeting":
            channel["platform"] = label_platform or result.platform_hint
    if not channels:
        platform = label_platform or result.platform_hint
        if platform is None or not (result.platform_hint or any(item.key == "online" for item in doc.labelled)):
            return ()
        channels.append(_channel(platform, None, "meeting"))
    order = {role: rank for rank, role in enumerate(ROLES)}
    ranked = sorted(channels, key=lambda c: order[c["role"] or "meeting"])  # stable: meetings first
    return tuple(OnlineMeeting(c["platform"], c["url"], c["meeting_id"], c["passcode"], c["role"] or "meeting")
                 for c in ranked)


_WAYS_IN = ("meeting", "stream")  # the channels a labelled id or passcode can belong to
# The words one of which every match of the patterns run on the whole text holds (fastre.needles): a few
# substring tests spare a scan by the pattern, slow on a large text that holds none of them.
_NEEDLES: dict[re.Pattern[str], Needles | Callable[[str], bool]] = {
    pattern: needles(pattern) or anything for pattern in (ALSO_ONLINE, ONLINE_STATED, _MEETING_ID, _PASSCODE)}


def _search_whole(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """``pattern.search(text)``, when its needles say it may match."""
    return pattern.search(text) if _NEEDLES[pattern](text) else None


def _channel(platform: str | None, url: str | None, role: str) -> dict[str, str | None]:
    return {"platform": platform, "url": url, "meeting_id": None, "passcode": None, "role": role}


def _channel_for(channels: list[dict[str, str | None]], platform: str | None, key: str) -> dict[str, str | None]:
    """The channel an id or passcode belongs to: the meeting or stream of the platform its line names (a
    recording's passcode is cut before), else the first meeting still without one; a line naming a platform
    no channel has opens a channel of its own."""
    if platform is not None:
        same = next((c for c in channels if c["platform"] == platform and c["role"] in _WAYS_IN), None)
        if same is not None:
            return same
    free = next((c for c in channels if c["role"] == "meeting" and c[key] is None
                 and (platform is None or c["platform"] is None)), None)
    if free is not None:
        if platform is not None:
            free["platform"] = platform
        return free
    if platform is None and channels and channels[0]["role"] == "meeting":
        return channels[0]
    channels.append(_channel(platform, None, "meeting"))
    return channels[-1]


def _url_role(url: str, platform: str | None, context: str, *, winner: bool = False) -> str:
    """What a link is for, from its platform and the words around it."""
    if not winner and (_RECORDING_CUE.search(context) or _RECORDING_URL.search(url)):
        return "recording"
    if not winner and (_REGISTRATION_CUE.search(context) or _REGISTRATION_CUE.search(url)):
        return "registration"
    if platform in STREAM_PLATFORMS or (platform is None and _STREAM_CUE.search(context)):
        return "stream"
    return "meeting"


def _meeting_url(doc: Document) -> tuple[Choice, dict[str, str], dict[str, str]]:
    """Every link printed in the text or hidden behind markup is a candidate for the meeting link; a known
    platform and a way-in cue ("Join via ...") raise it, a recording or a registration form lowers it. Also
    returns the platform named beside each link of an unknown domain ("Join via Blackboard Collaborate:") and
    the text around each link."""
    found: list[Candidate] = []
    named_nearby: dict[str, str] = {}
    contexts: dict[str, str] = {}
    layout = doc.layout
    by_line: dict[int, list[re.Match[str]]] = {}
    for match in URL.finditer(doc.text):  # a link never spans a line break: one scan of the text, not one a line
        by_line.setdefault(doc.line_at(match.start()), []).append(match)
    for index, matches in by_line.items():
        line = doc.lines[index]
        above = next((doc.lines[i].text for i in range(line.index - 1, max(line.index - 3, -1), -1)
                      if doc.lines[i].text.strip()), "")
        context = f"{above} {line.text}"
        for match in matches:
            url = match.group(0).rstrip(".,;:")
            features = _url_features(url, context)
            contexts.setdefault(url, context)
            named = None if _platform_of_url(url) else _platform_in_text(context)
            if named:
                named_nearby.setdefault(url, named)
            if layout:
                features.append(f"block:{layout.kind(line.index)}")
            if line.index in doc.prose_lines:
                features.append("in_prose")
            found.append(candidate("online_url", url, match.span(), "url", features))
    for link in doc.hidden_links:  # "Click here to join" with the Teams link only in the <a href>
        if not any(c.value == link for c in found):
            found.append(candidate("online_url", link, (0, 0), "hidden_link", _url_features(link, "")))
    return choose("online_url", found, threshold=1.9), named_nearby, contexts


def _url_features(url: str, context: str) -> list[str]:
    features: list[str] = []
    if _platform_of_url(url):
        features.append("known_platform")
    elif _platform_in_text(context):
        features.append("platform_named_nearby")
    if _JOIN_CUE.search(context):
        features.append("join_cue")
    if _RECORDING_CUE.search(context) or _RECORDING_URL.search(url):
        features.append("recording")
    if _REGISTRATION_CUE.search(context) or _REGISTRATION_CUE.search(url):
        features.append("registration")
    return features


def ascii_digits(text: str) -> str:
    """The digits of ``text`` as ASCII: "１２３ ４５６" and Arabic-Indic digits give "123456"."""
    return "".join(str(unicodedata.decimal(ch)) for ch in text if ch.isdecimal())


def _platform_of_url(url: str) -> str | None:
    lowered = url.casefold()
    return next((name for host, name in _PLATFORM_URLS if host in lowered), None)


def _platform_in_text(text: str) -> str | None:
    if not _ANY_PLATFORM_WORD.search(text):  # one scan of the line instead of one per platform
        return None
    return next((name for pattern, name in _PLATFORM_WORDS if pattern.search(text)), None)


def _scoped(pattern: str) -> str:
    """``(?i)body`` as ``(?i:body)``, to be one alternative of a larger pattern."""
    return f"(?i:{pattern[4:]})" if pattern.startswith("(?i)") else f"(?:{pattern})"


# Matches where any of _PLATFORM_WORDS matches (the same patterns, as alternatives).
_ANY_PLATFORM_WORD = gated("|".join(_scoped(pattern.pattern) for pattern, _ in _PLATFORM_WORDS))
