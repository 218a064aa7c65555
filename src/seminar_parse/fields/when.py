"""When: the talk's date, start and end time and zone, English and Chinese.

Our own grammar finds candidate dates, times, ranges and zones line by line (dateparser reads
``14:00-15:30`` as nothing and ``3月19日`` as "3 months ago"); context then decides which date on
the page is the talk's: labels and logistics lines raise a candidate, posting dates, page headers,
deadlines, dates inside the abstract or bio and under an "Upcoming talks" heading lower it.
Relative days ("tomorrow", "this Friday", 本周五, "the 21st") are counted from the posting date, the
mail's Date: or the reference date, and only when the page prints no full date. Nothing here reads
the clock. The words the grammar knows are in ``date_words.py``; zone names in ``zones.py``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import cached_property

from seminar_parse import patcache
from seminar_parse.fastre import Prefilter, fold, gated
from seminar_parse.fields.date_words import (
    EN_HOUR_WORD,
    EN_NUMBER_WORD,
    EN_PART_OF_DAY,
    EN_PARTS_OF_DAY,
    EN_RELATIVE_DAYS,
    EN_WEEKDAY_FULL,
    ZH_PERIODS,
    ZH_PM_PERIODS,
    ZH_RELATIVE_DAYS,
    ZH_WEEK_WORDS,
    en_number,
)
from seminar_parse.fields.zones import (
    DAYLIGHT_NAMES,
    STANDARD_NAMES,
    ZONE_RE,
    page_countries,
    utc_offset,
    zone_for_offset,
    zone_from_match,
    zone_info,
)
from seminar_parse.patterns import CJK_CHAR
from seminar_parse.record import Evidence
from seminar_parse.sections import Document
from seminar_parse.vocab import RELATED_HEADING

# Full-width digits and punctuation → ASCII, one character for one so offsets stay valid.
_WIDTH = str.maketrans(
    "０１２３４５６７８９：（）－～，．／　＋",
    "0123456789:()-~,./ +",
)
_FULL_WIDTH = patcache.compile("[０-９：（）－～，．／　＋]")
_CN_DIGITS = {"〇": 0, "零": 0, "○": 0, "Ｏ": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9}
_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10,
    "nov": 11, "dec": 12,
}
_WEEKDAYS_EN = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}
_WEEKDAYS_ZH = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6, "七": 6,
                "1": 0, "2": 1, "3": 2, "4": 3, "5": 4, "6": 5, "7": 6}
_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# English month and weekday names, full or abbreviated; place.py and title.py use them too.
MONTH_NAME = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
              r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
WEEKDAY_NAME = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?)"
_MONTH = rf"(?P<mon>{MONTH_NAME})\.?"
_WD = rf"{WEEKDAY_NAME}\.?"
_YEAR = r"(?P<year>(?:19|20)\d{2}|'\d{2})"
_CN_NUM = "〇零○一二三四五六七八九十"

# "Tuesday, March 19, 2024" · "Oct. 9th" · "July 6 (Thursday) 2023" · "March 19th, 2024" · "Nov/14" ·
# "June twenty one" · "Nov. 30 , 2024"
_EN_MONTH_FIRST = gated(
    rf"(?i:(?:(?P<wd>{_WD}),?\s{{1,3}})?(?:the\s)?{_MONTH}(?:/|\s{{0,2}})(?P<day>\d{{1,2}}|{EN_NUMBER_WORD})"
    rf"(?:st|nd|rd|th)?\b(?:\s{{0,2}}\((?P<wd2>{_WD})\))?(?:\s?,?\s{{1,3}}{_YEAR}\b)?)"
)
# "20 November 2020 (Friday)" · "Tue 19th March 2024" · "the 3rd of May" · "third of Sept."
_EN_DAY_FIRST = gated(
    rf"(?i:(?:(?P<wd>{_WD}),?\s{{1,3}})?(?:the\s)?(?P<day>\d{{1,2}}|\b{EN_NUMBER_WORD})(?:st|nd|rd|th)?(?:\sof)?"
    rf"\s{{1,2}}{_MONTH}(?:\s?,?\s{{1,3}}{_YEAR}\b)?(?:,?\s{{0,2}}\((?P<wd2>{_WD})\))?)"
)
# "3-May-95" (Usenet and old mail headers)
_DAY_MON_YY = gated(rf"(?i:\b(?P<day>\d{{1,2}})-{_MONTH}-(?P<year>\d{{2}}|\d{{4}})\b)")
# "2024-03-19", "2024/3/19", "2024.03.19", optionally "T14:00"
_ISO = gated(r"(?<![\d.])(?P<year>(?:19|20)\d{2})([-/.])(?P<m>\d{1,2})\2(?P<d>\d{1,2})(?![\d])")
# "15.02.2021", "19/03/2024", "3/4/2024", "3.28.95"; a weekday before or after ("12/11/2024 (Tuesday)") settles
# which number is the day
_NUMERIC = gated(
    rf"(?i:(?:(?P<wd>{_WD}),?\s{{1,3}})?)(?<![\d./])(?P<a>\d{{1,2}})(?P<sep>[./-])(?P<b>\d{{1,2}})(?P=sep)"
    r"(?P<y>(?:19|20)\d{2}|\d{2})(?![\d./]|-\d)"
    rf"(?i:\s{{0,2}}\((?P<wd2>{_WD})\))?"
)
# "Mon 3/4": month/day without a year, only after a weekday
_WD_SHORT = patcache.compile(rf"(?i:(?P<wd>{_WD}),?\s{{1,3}})(?P<a>\d{{1,2}})/(?P<b>\d{{1,2}})(?![\d/])")
# "2023年7月6日（星期四）", "3月19日（周二）", "二〇二三年十一月二十日", "12月5日（本周四）";
# "三月十八" (Chinese numerals need no 日);
# Republic-of-China years: "民國113年3月5日" and, on Taiwanese pages, a bare three-digit "113年3月5日" (= 2024)
_ZH_DATE = gated(
    rf"(?:(?:(?P<roc>民國|民国)\s?(?P<rocyear>\d{{1,3}}|[{_CN_NUM}]{{1,4}})|(?<!\d)(?P<year>\d{{4}}|1\d\d|[{_CN_NUM}]{{4}}))"
    rf"\s?年\s?)?(?P<month>\d{{1,2}}|[{_CN_NUM}]{{1,3}})\s?月\s?"
    rf"(?P<day>\d{{1,2}}|[{_CN_NUM}]{{1,3}})\s?(?:[日号號]|(?<=[{_CN_NUM}])(?![{_CN_NUM}\d]))"
    r"(?:\s?\(?\s?(?:本|下|这|這)?(?:星期|周|週|礼拜|禮拜)(?P<wd>[一二三四五六日天1-7])\s?\)?)?"
)

# "pm", "p.m.", "p . m .", "P.M", and "4p" (one letter, no space: only after "at", see _en_time)
_MERIDIEM = r"(?P<{0}>(?i:a\s?\.?\s?m\b(?:\s?\.)?|p\s?\.?\s?m\b(?:\s?\.)?|noon\b|(?<=\d)[ap]\b(?![.'’]\w)))"
# One clock time: "10:30", "10:30am", "5.30pm", "16h00", "3 pm", "noon", "12 noon", "4:15:00 pm", "3ish".
# "afternoon" holds no noon.
_CLOCK = (r"(?:(?P<{0}noon>(?i:(?<![a-z])(?:12\s?)?noon|midday))|(?P<{0}mid>(?i:midnight))|"
          # "1315" and "200PM" (no separator) count only on a Time: line or with am/pm; see _explicit
          # an hour never starts inside a number ("12345", "Room 1012"): told here, not after matching its digits
          r"(?<!\d)(?P<{0}h>\d{{1,2}})(?:(?P<{0}sep>[:.h])?(?P<{0}m>\d{{2}})(?::[0-5]\d)?)?(?!\d)\s?"
          + _MERIDIEM.format("{0}ap") + r"?(?P<{0}ish>(?i:-?ish)\b)?)")
# "\ufffd" is a dash lost in decoding ("4.00\ufffd6.00pm" from a cp1252 en dash read as something else)
_RANGE_SEP = r"\s?(?:-|–|—|−|~|～|›|>|→|\ufffd|(?i:to|until|till|through|thru|and))\s?|\s?(?:至|到)\s?"
# "10:30 A.M. – 11:30 A.M.", "From 2:00 to 3:30 PM", "between 2 and 3pm", "Noon–1pm", "14:00 › 15:00".
_EN_TIME_RANGE = gated(
    r"(?i:(?P<from>from|between)\s)?" + _CLOCK.format("a") + rf"(?:(?:{_RANGE_SEP}){_CLOCK.format('b')})?"
)
_ZH_PERIOD = "(?P<{0}p>" + "|".join(ZH_PERIODS) + r")?\s?"
# "下午3点半", "两点一刻", "差五分八点" (five to eight), "14时30分", "早上七到八点" (the first hour may omit 点)
_ZH_CLOCK = (
    _ZH_PERIOD + rf"(?:差\s?(?P<{{0}}less>\d{{{{1,2}}}}|[{_CN_NUM}]{{{{1,3}}}}|一刻)\s?分?\s?)?"
    rf"(?P<{{0}}h>\d{{{{1,2}}}}|[{_CN_NUM}两兩]{{{{1,3}}}})\s?"
    rf"(?:[:.](?P<{{0}}m>\d{{{{2}}}})|[点时點時](?:\s?(?P<{{0}}m2>\d{{{{1,2}}}}|[{_CN_NUM}]{{{{1,3}}}})\s?分|(?P<{{0}}half>半)|"
    r"(?P<{0}q>一刻|三刻))?){1}"
)
_ZH_TIME_RANGE = gated(
    _ZH_CLOCK.format("a", "?") + rf"(?:\s?(?:-|–|—|−|~|～|至|到)\s?{_ZH_CLOCK.format('b', '')})?"
)
# "half past four", "a quarter to 5 pm", "ten past six", "four o'clock"
_EN_WORD_TIME = gated(
    rf"(?i:\b(?:(?P<part>(?:a\s)?quarter|half|\d{{1,2}}|{EN_NUMBER_WORD})(?:\sminutes)?\s(?P<dir>past|after|to|before)\s)?"
    rf"(?P<h>\d{{1,2}}|{EN_HOUR_WORD})\b(?P<oc>\s(?:o'clock|o’clock))?(?:\s?{_MERIDIEM.format('ap')})?)")
# "Saturday morning 7-9", "in the afternoon at 4", "4 in the afternoon": a part of the day near a bare clock
_EN_PERIOD_BEFORE = patcache.compile(rf"(?i:\b(?P<period>{EN_PART_OF_DAY})\b[^.;\d]{{0,14}}$)")
_EN_PERIOD_AFTER = patcache.compile(rf"(?i:^\s{{0,2}}(?:in\s)?(?:the\s|this\s)?(?P<period>{EN_PART_OF_DAY})\b)")
# "(1 hour)", "for 90 minutes", "（时长：1.5小时）": a duration right after the start gives the end
_DURATION = patcache.compile(
    r"(?i:[\s,;–-]{0,3}(?:(?P<open>[(（])\s?(?:时长[:：]?\s?)?|for\s|duration:?\s?|lasting\s|时长[:：]?\s?)"
    r"(?:about\s|approx\.?\s)?(?P<n>\d{1,3}(?:\.\d)?|an?|one|two|three)\s?(?:-\s?)?"
    r"(?P<unit>hours?|hrs?|h\b|minutes?|mins?\b|小时|小時|分钟|分鐘)(?P<close>\s?[)）])?)")

_LABEL_KEYS = frozenset({"date", "time", "when", "when_where"})
_POSTING = gated(
    r"(?i:posted|updated|published|last modified|postedby|sent:|发布|更新时间|浏览|点击|阅读|来源|发表于|發表於|發佈|"
    r"原创|原創)"
    # a news-feed byline: "2024-03-12 18:00 上海" (date, time and the poster's city, nothing else)
    r"|\d{4}-\d{1,2}-\d{1,2}\s{1,2}\d{1,2}:\d{2}\s{1,2}[\u4e00-\u9fff]{2,4}\s*$"
    r"|\d{1,2}:\d{2}:\d{2}\s?(?:[+-]\d{4}|[A-Z]{2,4}\b)")  # "Tue, 09 Nov 93 22:01:32 EST": a mail timestamp
_FURNITURE = patcache.compile(r"(?i:登录|登陆|log\s?in|sign\s?in)")
_DEADLINE = patcache.compile(r"(?i:deadline|register by|registration|rsvp|apply by|due|截止|报名)")
_MOVED_FROM = patcache.compile(r"(?i:originally|previously|postponed from|was scheduled|old date|原定|原时间|原计划)")
_MOVED_TO = patcache.compile(r"(?i:new date|new time|rescheduled|moved to|postponed to|改期|改至|调整为|延期至|变更为)")
_SIDE_EVENT = gated(
    r"(?i:reception|refreshments?|coffee|\btea\b|lunch|dinner|pizza|doors open|check-?in|sign-?in|签到|茶歇|"
    r"reserve|by noon|deadline|arrive|social|入场|开始入场)")
_YEAR_ONLY_CONTEXT = patcache.compile(r"(?i:ph\.?d|degree|received|joined|since|博士学位|毕业|获)")


@dataclass(frozen=True)
class DateMention:
    start: int  # offsets in the document text
    end: int
    line: int
    year: int | None
    month: int
    day: int
    weekday: int | None
    raw: str
    ambiguous_order: bool = False
    # A day named relative to the reference: "days:1" (tomorrow), "weekday:4:next", "week:1:0" (下周一),
    # "dom:21" (the 21st), "dom:14:3" (Thursday 14). month and day are 0 until resolved.
    relative: str | None = None


@dataclass(frozen=True)
class Clock:
    hour: int
    minute: int
    meridiem: str | None  # "am", "pm" or None when not printed
    fixed: bool = False  # the hour is already on the 24-hour clock (Chinese 下午3点 → 15)


@dataclass(frozen=True)
class TimeMention:
    start: int
    end: int
    line: int
    begin: Clock
    finish: Clock | None
    raw: str
    zone: str | None = None
    zone_raw: str | None = None
    zone_warning: str | None = None  # "IST" read as India's on a page that names no country
    approximate: bool = False  # "3ish"


@dataclass
class When:
    start: str | None = None
    end: str | None = None
    timezone: str | None = None
    warnings: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    # Every date and time printed anywhere, for fields that must cut them out of mixed values.
    all_spans: list[tuple[int, int]] = field(default_factory=list)


@dataclass(frozen=True)
class Context:
    reference: date | None
    default_tz: str | None
    date_order: str | None  # "dmy", "mdy" or None (decide from the page)
    chinese: bool
    text: str = ""  # the page, for the country hints

    @cached_property
    def countries(self) -> dict[str, int]:
        """zones.page_countries, which reads "IST" and "CET": only computed when a zone needs it."""
        return page_countries(self.text)


def extract(doc: Document, *, reference: date | None, default_tz: str | None = None,
            date_order: str | None = None, chinese: bool = False) -> When:
    """Find the talk's start, end and zone in ``doc``."""
    text = doc.text.translate(_WIDTH) if _FULL_WIDTH.search(doc.text) else doc.text
    ctx = Context(reference, default_tz, date_order or _page_date_order(text, chinese), chinese, text)
    found = _find_dates(doc, text, ctx)
    times = _find_times(doc, text, found, ctx)
    dates = [m for m in found if m.relative is None]
    # Relative days ("tomorrow", "本周五") count only when the page prints no date: they are common words.
    relative = [m for m in found if m.relative is not None]
    result = When(all_spans=[(m.start, m.end) for m in dates] + [(m.start, m.end) for m in times])
    facts = _Facts(doc)
    facts.date_lines = {m.line for m in dates}
    if facts.other_events_from is not None:
        facts.dates_before_other_events = any(m.line < facts.other_events_from for m in dates)
    posting = _posting_reference(facts, dates)
    header = _header_reference(doc)
    reference = posting or header or ctx.reference
    source = "the posting date" if posting else "the mail's Date:" if header else "the reference date"
    best = _choose_date(doc, dates, result, facts)
    if best is None and relative:
        best = _choose_relative(facts, relative, times, reference, source, result)
    if best is None and not dates and reference is not None:
        best = _time_only_day(facts, times, reference, source, result)
    if best is None:
        if times:
            result.warnings.append(f"time '{times[0].raw.strip()}' found but no date for it")
            first = times[0]
            result.timezone = first.zone or _zone_on_line(doc, text, first.line, ctx, result, first.start) or default_tz
        return result
    if reference is None and best.year is None:
        # No posting date, mail Date: or reference date, but the page prints a full date elsewhere (a news
        # item's date line, a "© 2024" is not one): the year-less talk date is read from it.
        anchor = next((m for m in dates if m.year is not None and m is not best
                       and _date_score(facts, m) > -5), None)  # not a year in a bio: "Ph.D. on June 5, 2016"
        if anchor is not None:
            reference = date(anchor.year, anchor.month, anchor.day)  # type: ignore[arg-type]
            result.warnings.append(f"no reference date; counted from '{_as_printed(doc, anchor)}' printed on the page")
    day = _resolve_year(best, _as_printed(doc, best), reference, result)
    if day is None:
        return result
    result.evidence.append(Evidence("start", best.start, best.end))
    chosen = _choose_time(facts, best, times)
    zone = chosen.zone if chosen else None
    if chosen and chosen.zone_warning:
        result.warnings.append(chosen.zone_warning)
    if chosen and chosen.approximate:
        result.warnings.append(f"'{chosen.raw.strip()}' is an approximate time; read as the hour")
    if chosen and chosen.zone is None:
        zone = _zone_on_line(doc, text, chosen.line, ctx, result, chosen.start)
    if zone is None:
        zone = _zone_on_line(doc, text, best.line, ctx, result, best.start)
    if chosen is not None and chosen.zone_raw and _ISO_OFFSET.fullmatch(chosen.zone_raw):
        # "2025-05-20T11:00:00+10:00": the offset names a zone of the country the page is from, if any
        sign, hours, minutes = chosen.zone_raw[0], int(chosen.zone_raw[1:3]), int(chosen.zone_raw[-2:])
        offset = (hours * 60 + minutes) * (-1 if sign in "-−" else 1)
        moment = datetime.combine(day, datetime.min.time())
        zone = zone_for_offset(offset, moment, ctx.countries) or zone
    if zone is None and default_tz:
        zone = default_tz
    result.timezone = zone
    if chosen is not None and zone is not None:
        _note_other_zones(doc, text, chosen, zone, ctx, result)
    if chosen is None:
        result.start = day.isoformat()
        return result
    result.evidence.append(Evidence("start", chosen.start, chosen.end))
    begin, finish = _clock_pair(chosen, ctx)
    if finish is None:
        finish = _end_elsewhere(text, dates, times, chosen, ctx)
    start_dt = datetime.combine(day, datetime.min.time()).replace(hour=begin[0], minute=begin[1])
    result.start = _stamp(start_dt, zone)
    if zone is not None:
        _note_season(doc, text, (chosen.start, best.start), zone, start_dt, ctx, result)
    if finish is None and facts.front_end:
        ends = [m for m in times if m.line in facts.front_end]
        if ends:
            finish = _hour24(ends[0].begin, False), ends[0].begin.minute
    if finish is None and (duration := _duration_after(text, chosen)):
        result.end = _stamp(start_dt + timedelta(minutes=duration), zone)
    if finish is not None:
        end_dt = start_dt.replace(hour=finish[0], minute=finish[1])
        if end_dt < start_dt:
            if begin[0] >= 18 and finish[0] < 6:
                end_dt += timedelta(days=1)
            else:
                result.warnings.append(
                    f"end time {finish[0]:02d}:{finish[1]:02d} is before start {begin[0]:02d}:{begin[1]:02d}")
        result.end = _stamp(end_dt, zone)
    return result


# ----------------------------------------------------------------------------------- dates

def _find_dates(doc: Document, text: str, ctx: Context) -> list[DateMention]:
    found: list[DateMention] = []
    chinese_text = bool(CJK_CHAR.search(text))
    folded = _folded_alike(text)  # once for the text, shared by the cue and the month-word searches
    cue_lines = _cue_lines(doc, text, folded)
    # only the patterns that can match somewhere: a long text is not searched line by line for the others
    table = [row for row in _DATE_TABLE if (row[2] is None or row[2] in text) and (chinese_text or not row[4])
             and (row[3] is None or cue_lines[row[3]])]
    lines = doc.lines
    cues = [row[3] for row in table]
    if None not in cues:  # every pattern left needs a cue: only the lines that hold one are read
        held: set[int] = set().union(*(cue_lines[cue] for cue in cues if cue is not None))
        lines = tuple(doc.lines[index] for index in sorted(held))
    for line in lines:
        segment = text[line.start:line.end]
        if not _MAY_HOLD_DATE(segment):
            continue
        taken = bytearray(len(segment))  # characters already read as a date: earlier patterns win
        chinese_line = chinese_text and bool(CJK_CHAR.search(segment))
        for pattern, build, needs, cue, chinese_only in table:
            if (needs is not None and needs not in segment) or (chinese_only and not chinese_line):
                continue  # a cheap look first: the pattern cannot match a line without this character
            if cue is not None and line.index not in cue_lines[cue]:
                continue  # nor without this word ("Item 12: we study" holds no month name)
            if len(segment) > _LONG_SEGMENT and pattern in _MONTH_SITES and \
                    not _month_site(segment, folded and folded[line.start:line.end], _MONTH_SITES[pattern]):
                continue  # nor on a long line where no month word stands as in a date
            for match in pattern.finditer(segment):
                if any(taken[match.start():match.end()]):
                    continue
                mention = build(match, line.start, line.index, ctx)
                if mention is not None:
                    taken[match.start():match.end()] = b"\x01" * (match.end() - match.start())
                    found.append(mention)
    found.sort(key=lambda m: m.start)
    return found



def _folded_alike(text: str) -> str | None:
    """``text`` folded as the patterns fold it, offset for offset; None when a letter's lower case is longer
    (no offsets to share: each line is then read by itself)."""
    folded = fold(text)
    return folded if len(folded) == len(text) else None


def _cue_lines(doc: Document, text: str, folded: str | None) -> dict[str, set[int]]:
    """The lines holding each cue (no cue spans a line break), found by substring searches of ``folded``, the
    text folded as the patterns fold it (None: line by line with the patterns): a case-insensitive
    alternation run over a whole long text tries every position, a search per line is one call per line."""
    found: dict[str, set[int]] = {"numeric": {doc.line_at(match.start()) for match in _NUMERIC_CUE.finditer(text)}}
    for cue, words in _DATE_CUE_WORDS.items():
        if folded is None:
            found[cue] = {line.index for line in doc.lines if _DATE_CUES[cue].search(text, line.start, line.end)}
            continue
        lines: set[int] = set()
        for word in words:
            at = folded.find(word)
            while at >= 0:
                index = doc.line_at(at)
                lines.add(index)
                at = folded.find(word, doc.lines[index].end)  # the next line's first one
        found[cue] = lines
    return found


def _valid(year: int | None, month: int, day: int) -> bool:
    if not 1 <= month <= 12 or not 1 <= day <= 31 or (year is not None and not 1 <= year <= 9999):
        return False
    try:
        date(year or 2000, month, day)  # 2000 is a leap year: Feb 29 without a year is allowed
    except ValueError:
        return False
    return True


def _year(raw: str | None) -> int | None:
    if not raw:
        return None
    raw = raw.lstrip("'")
    if all(ch in _CN_DIGITS for ch in raw):
        return int("".join(str(_CN_DIGITS[ch]) for ch in raw))
    value = int(raw)
    if value < 100:
        value += 1900 if value >= 70 else 2000
    return value


def _weekday(raw: str | None) -> int | None:
    if not raw:
        return None
    return _WEEKDAYS_EN.get(raw.strip(".").casefold()[:3])


def _month(raw: str, original: str) -> int | None:
    key = raw.casefold()[:3]
    if key == "may" and original[:1] == "m":  # "may 3" is the verb, not the month
        return None
    return _MONTHS.get(key)


def _mention(match: re.Match[str], offset: int, line: int, year: int | None, month: int | None,
             day: int, weekday: int | None, ambiguous: bool = False) -> DateMention | None:
    if month is None or not _valid(year, month, day):
        return None
    return DateMention(offset + match.start(), offset + match.end(), line, year, month, day, weekday,
                       match.group(0), ambiguous)


def _as_printed(doc: Document, mention: DateMention) -> str:
    """The date as the page prints it (full-width and all), for warnings."""
    return doc.text[mention.start:mention.end].strip()


def _build_month_first(match: re.Match[str], offset: int, line: int, ctx: Context) -> DateMention | None:
    if match.group("wd") is None and match.group("year") is None and _looks_like_number(match):
        return None
    month = _month(match.group("mon"), match.group("mon"))
    weekday = _weekday(match.group("wd") or match.group("wd2"))
    return _mention(match, offset, line, _year(match.group("year")), month, en_number(match.group("day")) or 0,
                    weekday)


def _looks_like_number(match: re.Match[str]) -> bool:
    """"May 2" alone is usually a date; "Mar 5" too: reject only the ambiguous three-letter verbs."""
    return match.group("mon").casefold() in {"mar", "sun", "wed"}


def _build_day_first(match: re.Match[str], offset: int, line: int, ctx: Context) -> DateMention | None:
    month = _month(match.group("mon"), match.group("mon"))
    weekday = _weekday(match.group("wd") or match.group("wd2"))
    return _mention(match, offset, line, _year(match.group("year")), month, en_number(match.group("day")) or 0,
                    weekday)


def _build_day_mon_yy(match: re.Match[str], offset: int, line: int, ctx: Context) -> DateMention | None:
    return _mention(match, offset, line, _year(match.group("year")), _MONTHS.get(match.group("mon")[:3].casefold()),
                    int(match.group("day")), None)


def _build_iso(match: re.Match[str], offset: int, line: int, ctx: Context) -> DateMention | None:
    return _mention(match, offset, line, int(match.group("year")), int(match.group("m")), int(match.group("d")),
                    None)


def _build_numeric(match: re.Match[str], offset: int, line: int, ctx: Context) -> DateMention | None:
    a, b = int(match.group("a")), int(match.group("b"))
    year = _year(match.group("y"))
    weekday = _weekday(match.group("wd") or match.group("wd2"))
    day_first = match.group("sep") in ".-" or ctx.date_order == "dmy"
    if ctx.date_order == "mdy" and match.group("sep") != ".":
        day_first = False
    if a > 12 >= b:
        day_first = True
    elif b > 12 >= a:
        day_first = False
    ambiguous = a <= 12 and b <= 12 and a != b and match.group("sep") == "/" and ctx.date_order is None
    if a <= 12 and b <= 12 and a != b and weekday is not None and year is not None:
        fits = [first for first in (True, False) if _valid(year, *((b, a) if first else (a, b)))
                and date(year, *((b, a) if first else (a, b))).weekday() == weekday]
        if len(fits) == 1:  # "12/11/2024 (Tuesday)": only 12 November is a Tuesday
            day_first, ambiguous = fits[0], False
    day, month = (a, b) if day_first else (b, a)
    return _mention(match, offset, line, year, month, day, weekday, ambiguous)


def _build_weekday_short(match: re.Match[str], offset: int, line: int, ctx: Context) -> DateMention | None:
    a, b = int(match.group("a")), int(match.group("b"))
    day_first = ctx.date_order == "dmy" or a > 12
    day, month = (a, b) if day_first else (b, a)
    return _mention(match, offset, line, None, month, day, _weekday(match.group("wd")))


def _build_zh(match: re.Match[str], offset: int, line: int, ctx: Context) -> DateMention | None:
    month, day = _cn_int(match.group("month")), _cn_int(match.group("day"))
    if month is None or day is None:
        return None
    weekday = _WEEKDAYS_ZH.get(match.group("wd") or "")
    year = _year(match.group("year"))
    if match.group("rocyear"):
        year = _cn_int(match.group("rocyear"))
    if year is not None and year < 1000:
        year += 1911  # 民國元年 is 1912
    return _mention(match, offset, line, year, month, day, weekday)




# "tomorrow", "tonight", "the day after tomorrow"
_EN_RELATIVE = patcache.compile(
    r"(?i:\b(?P<rel>" + "|".join(sorted(EN_RELATIVE_DAYS, key=len, reverse=True)).replace(" ", r"\s") + r")\b)")
# "on Friday", "this Friday", "next Friday", "this coming Tuesday"; "Fridays" is a habit, not a day
_EN_WEEKDAY_ALONE = patcache.compile(
    rf"(?i:\b(?:(?P<which>this\scoming|this|next|coming|on)\s{{1,2}})?(?P<wd>{EN_WEEKDAY_FULL})\b(?!s\b|'s\b))")
# "Thursday 14", "Friday the 21st" (a weekday and a day of the month, no month). A bare number below 13
# must carry "the" or a suffix: "Friday 4" is more often four o'clock.
_EN_WEEKDAY_DAY = patcache.compile(
    rf"(?i:\b(?P<wd>{_WD}),?\s{{1,2}}(?P<the>the\s)?(?P<day>\d{{1,2}})(?P<sfx>st|nd|rd|th)?\b"
    r"(?!\s?(?:[:.h]\d|[ap]\.?\s?m\b|[-–/%]|(?:to|till|until|and|or|o'clock)\b)))")
# "the 21st", "on the 21st" (a day of this month or the next), only where a date can end
_EN_THE_DAY = patcache.compile(
    rf"(?i:\b(?:on\s)?the\s(?P<day>\d{{1,2}}(?:st|nd|rd|th)|{EN_NUMBER_WORD})\b"
    r"(?=\s{0,3}(?:$|[,;()]|\.(?!\d)|at\b|from\b|@|\d{1,2}(?::|\s?[ap]\.?m))))")
# "on 23/05", "Date: 05/23" (day and month, no year, after "on" or a date label)
_ON_DAY_MONTH = patcache.compile(r"(?i:(?:\bon\s|\b(?:date|when)\s?:\s?))(?P<a>\d{1,2})/(?P<b>\d{1,2})(?![\d/])")
# "明天", "今晚", "后天"
_ZH_RELATIVE = patcache.compile("(?P<rel>" + "|".join(sorted(ZH_RELATIVE_DAYS, key=len, reverse=True)) + ")")
# "本周五", "下週一", "星期二", "礼拜天"
_ZH_WEEKDAY_ALONE = gated(
    "(?P<which>" + "|".join(sorted(ZH_WEEK_WORDS, key=len, reverse=True)) + ")?"
    r"(?:星期|周|週|礼拜|禮拜)(?P<wd>[一二三四五六日天1-7])")
# "27日", "15号", "本月27日（周四）": a day of the month alone, only before a weekday or a time or at the end
_ZH_DAY_ALONE = gated(
    rf"(?<![\d{_CN_NUM}月])(?P<pre>本月|下月|下个月|下個月)?(?P<day>\d{{1,2}}|[{_CN_NUM}]{{1,3}})\s?[日号號]"
    r"(?:\s?\(?\s?(?:本|这|這)?(?:星期|周|週|礼拜|禮拜)(?P<wd>[一二三四五六日天1-7])\s?\)?"
    rf"|(?=\s?(?:上午|下午|晚上|中午|早上|晚|\d{{1,2}}[:点點时時]|[{_CN_NUM}两兩]{{1,3}}[点點时時])|\s*$))")


def _relative(match: re.Match[str], offset: int, line: int, spec: str, weekday: int | None = None) -> DateMention:
    return DateMention(offset + match.start(), offset + match.end(), line, None, 0, 0, weekday, match.group(0),
                       relative=spec)


def _build_en_relative(match: re.Match[str], offset: int, line: int, ctx: Context) -> DateMention | None:
    key = " ".join(match.group("rel").casefold().split())
    return _relative(match, offset, line, f"days:{EN_RELATIVE_DAYS[key]}")


def _build_en_weekday(match: re.Match[str], offset: int, line: int, ctx: Context) -> DateMention | None:
    weekday = _weekday(match.group("wd"))
    which = (match.group("which") or "bare").casefold().replace(" ", "")
    return _relative(match, offset, line, f"weekday:{which}", weekday)


def _build_en_weekday_day(match: re.Match[str], offset: int, line: int, ctx: Context) -> DateMention | None:
    day = int(match.group("day"))
    if not 1 <= day <= 31 or (day <= 12 and not (match.group("the") or match.group("sfx"))):
        return None
    weekday = _weekday(match.group("wd"))
    return _relative(match, offset, line, f"dom:{day}", weekday)


def _build_the_day(match: re.Match[str], offset: int, line: int, ctx: Context) -> DateMention | None:
    raw = match.group("day")
    day = en_number(raw[:-2] if raw[:1].isdigit() else raw)  # "21st" → 21, "third" → 3
    if day is None or not 1 <= day <= 31:
        return None
    return _relative(match, offset, line, f"dom:{day}")


def _build_on_day_month(match: re.Match[str], offset: int, line: int, ctx: Context) -> DateMention | None:
    a, b = int(match.group("a")), int(match.group("b"))
    day_first = ctx.date_order == "dmy" or a > 12
    if b > 12 >= a:
        day_first = False
    day, month = (a, b) if day_first else (b, a)
    return _mention(match, offset, line, None, month, day, None)


def _build_zh_relative(match: re.Match[str], offset: int, line: int, ctx: Context) -> DateMention | None:
    return _relative(match, offset, line, f"days:{ZH_RELATIVE_DAYS[match.group('rel')]}")


def _build_zh_weekday(match: re.Match[str], offset: int, line: int, ctx: Context) -> DateMention | None:
    weekday = _WEEKDAYS_ZH.get(match.group("wd"))
    which = match.group("which")
    spec = f"week:{ZH_WEEK_WORDS[which]}" if which else "weekday:bare"
    return _relative(match, offset, line, spec, weekday)


def _build_zh_day(match: re.Match[str], offset: int, line: int, ctx: Context) -> DateMention | None:
    day = _cn_int(match.group("day"))
    if day is None or not 1 <= day <= 31:
        return None
    skip = ":1" if (match.group("pre") or "").startswith("下") else ""  # 下月5日: next month's
    return _relative(match, offset, line, f"dom:{day}{skip}", _WEEKDAYS_ZH.get(match.group("wd") or ""))


_DATE_PATTERNS = (
    (_ZH_DATE, _build_zh),
    (_ISO, _build_iso),
    (_DAY_MON_YY, _build_day_mon_yy),
    (_EN_MONTH_FIRST, _build_month_first),
    (_EN_DAY_FIRST, _build_day_first),
    (_NUMERIC, _build_numeric),
    (_WD_SHORT, _build_weekday_short),
    (_ON_DAY_MONTH, _build_on_day_month),
    # Relative days and partial dates last: a full date on the same characters wins.
    (_EN_WEEKDAY_DAY, _build_en_weekday_day),
    (_EN_THE_DAY, _build_the_day),
    (_EN_RELATIVE, _build_en_relative),
    (_EN_WEEKDAY_ALONE, _build_en_weekday),
    (_ZH_RELATIVE, _build_zh_relative),
    (_ZH_DAY_ALONE, _build_zh_day),
    (_ZH_WEEKDAY_ALONE, _build_zh_weekday),
)
# What a line must hold for a date pattern to match at all (checked before the pattern runs).
_PATTERN_NEEDS = {_ZH_DATE: "月", _DAY_MON_YY: "-", _WD_SHORT: "/", _ON_DAY_MONTH: "/"}
_CHINESE_PATTERNS = frozenset({_ZH_DATE, _ZH_RELATIVE, _ZH_DAY_ALONE, _ZH_WEEKDAY_ALONE})
# What else a line must hold, as a cheap search shared by the patterns that need it (each run at most once
# a line): the three letters every month name (MONTH_NAME) or weekday name (WEEKDAY_NAME, EN_WEEKDAY_FULL)
# starts with, a number with a separator ("2024-03-19", "3/4/2024"), the words of EN_RELATIVE_DAYS.
# The words one of which a line must hold for the patterns that name a cue, in any case.
_DATE_CUE_WORDS = {
    "month": ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
    "weekday": ("mon", "tue", "wed", "thu", "fri", "sat", "sun"),
    "the": ("the",),
    "relative": ("day", "tonight", "this", "tomorrow"),
}
_NUMERIC_CUE = patcache.compile(r"\d[./-]\d")
_DATE_CUES = {**{cue: patcache.compile(f"(?i:{'|'.join(words)})") for cue, words in _DATE_CUE_WORDS.items()},
              "numeric": _NUMERIC_CUE}
_PATTERN_CUES = {_ISO: "numeric", _DAY_MON_YY: "month", _EN_MONTH_FIRST: "month", _EN_DAY_FIRST: "month",
                 _NUMERIC: "numeric", _WD_SHORT: "weekday", _EN_WEEKDAY_DAY: "weekday", _EN_THE_DAY: "the",
                 _EN_RELATIVE: "relative", _EN_WEEKDAY_ALONE: "weekday"}
# What every match holds around its month name, tried at each month word of a line that holds one (the cue
# "jan" is in every "jane@mit.edu"): the day after it ("March 5", "Nov/14"), or a word and one or two spaces
# before it ("20 November", "the 3rd of May"; a day or a number word ends in a letter or digit).
_MONTH_SITES = {
    _EN_MONTH_FIRST: patcache.compile(rf"(?i:{_MONTH}(?:/|\s{{0,2}})(?:\d|{EN_NUMBER_WORD}))"),
    _EN_DAY_FIRST: patcache.compile(rf"(?i:(?:(?<=\w\s)|(?<=\w\s\s)){MONTH_NAME})"),
}


_LONG_SEGMENT = 2_000  # characters: a shorter line is read by the pattern at once


def _month_site(segment: str, folded: str | None, site: re.Pattern[str]) -> bool:
    """Whether ``site`` matches at some month word of ``segment`` (found by substring searches of ``folded``,
    the line folded; None: unknown): a necessary condition for the month-name date patterns, far cheaper
    than they are on a long line."""
    if folded is None:
        return True  # no offsets to share: let the pattern decide
    for word in _DATE_CUE_WORDS["month"]:
        at = folded.find(word)
        while at >= 0:
            if site.match(segment, at):
                return True
            at = folded.find(word, at + 1)
    return False


# (pattern, builder, needed character, needed cue, Chinese lines only), read once: hashing a compiled pattern
# hashes its whole code, too dear to do for every pattern on every line.
_DATE_TABLE = tuple((pattern, build, _PATTERN_NEEDS.get(pattern), _PATTERN_CUES.get(pattern),
                     pattern in _CHINESE_PATTERNS) for pattern, build in _DATE_PATTERNS)


def _cn_int(raw: str | None) -> int | None:
    """"12" → 12, "十二" → 12, "二十" → 20, "三十一" → 31, "两" → 2."""
    if raw is None:
        return None
    if raw.isdigit():
        return int(raw)
    raw = raw.replace("两", "二").replace("兩", "二")
    if "十" in raw:
        tens, _, ones = raw.partition("十")
        high = _CN_DIGITS.get(tens, 1) if tens else 1
        low = _CN_DIGITS.get(ones, 0) if ones else 0
        return high * 10 + low
    if all(ch in _CN_DIGITS for ch in raw):
        return int("".join(str(_CN_DIGITS[ch]) for ch in raw))
    return None


def _page_date_order(text: str, chinese: bool) -> str | None:
    """Day-first when the page proves it (a numeric date with a day above 12) or is not US English."""
    for match in re.finditer(r"(?<![\d./])(\d{1,2})/(\d{1,2})/(?:\d{4}|\d{2})(?![\d/])", text):
        first, second = int(match.group(1)), int(match.group(2))
        if first > 12 >= second:
            return "dmy"
        if second > 12 >= first:
            return "mdy"
    if chinese or re.search(r"(?i)\.(?:uk|de|fr|ch|nl|it|es|au|nz|ie|at|be|dk|se|no|fi)\b", text):
        return "dmy"
    return None


# "UPCOMING TALKS", "## Past events", "More seminars:", "近期活动", "往期回顾" (a heading line, not a menu item)
# Front-matter keys (lower-case YAML keys, a value that starts with an ISO date): "event_start: 2025-05-20T11:00",
# "startDate: 2025-05-20", "end_time: ...", and the post's own "date:", "publishDate:", "lastmod:"
_FRONT_START = patcache.compile(r"\s{0,4}(?:event_?start|event_?date|start_?date|start_?time|starts?_?at|startDate|"
                                r"eventDate|talk_?date)\s?:\s?['\"]?\d{4}-\d{2}-\d{2}")
_FRONT_END = patcache.compile(
    r"\s{0,4}(?:event_?end|end_?date|end_?time|ends?_?at|endDate)\s?:\s?['\"]?\d{4}-\d{2}-\d{2}")
_FRONT_POSTED = patcache.compile(r"\s{0,4}(?:date|publish_?date|publishDate|published|pub_?date|lastmod|last_?modified|"
                                 r"updated|created|expiry_?date|expiryDate)\s?:\s?['\"]?\d{4}-\d{2}-\d{2}")
_OTHER_EVENTS = patcache.compile(
    rf"[#*\s]{{0,4}}(?:{RELATED_HEADING.pattern})[:：*\s]{{0,4}}")  # vocab: one list of headings


class _Facts:
    """What each line says about the dates and times on it, computed once per line: scoring every mention
    against its whole line again would be quadratic on a 20 KB line of dates."""

    _CUES = (("posting", _POSTING), ("furniture", _FURNITURE), ("deadline", _DEADLINE), ("moved_from", _MOVED_FROM),
             ("moved_to", _MOVED_TO), ("year_context", _YEAR_ONLY_CONTEXT))

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.labels: dict[int, set[str]] = {}
        for item in doc.labelled:
            for index in (item.line, item.value_line):
                self.labels.setdefault(index, set()).add(item.key)
        self._cues: dict[int, frozenset[str]] = {}
        # The first "Upcoming talks" / "往期回顾" heading: dates under it are other events, when the page
        # printed a date before it (a page that is only a list keeps its dates).
        self.other_events_from = next((line.index for line in doc.lines if len(line.text) < 60
                                       and _OTHER_EVENTS.fullmatch(line.text.strip())), None)
        self.dates_before_other_events = False
        self.date_lines: set[int] = set()
        # A Jekyll/Hugo front matter names the event's start and end in its own keys; its "date:" is then
        # the post's date ("event_start: 2025-05-20T11:00:00+10:00" beside "date: 2025-05-06T09:12:00").
        head = doc.lines[:80]
        self.front_start = {line.index for line in head if _FRONT_START.match(line.text)}
        self.front_end = {line.index for line in head if _FRONT_END.match(line.text)}
        self.front_posted = {line.index for line in head if _FRONT_POSTED.match(line.text)} if self.front_start \
            else set()

    def time_follows(self, index: int) -> bool:
        """A short line holding only a time comes next ("Thu, Oct 2, 2025" / "12:15 – 1:15 pm")."""
        for following in self.doc.lines[index + 1:index + 3]:
            text = following.text.strip()
            if text:
                return (len(text) < 50 and following.index not in self.date_lines
                        and "time_hint" in self.cues(following.index))
        return False

    def cues(self, index: int) -> frozenset[str]:
        if index not in self._cues:
            text = self.doc.lines[index].text
            found = {name for name, pattern in self._CUES if pattern.search(text)}
            if _TIME_HINT.search(text):
                found.add("time_hint")
            self._cues[index] = frozenset(found)
        return self._cues[index]

    def keys(self, index: int) -> set[str]:
        return self.labels.get(index, set())


def _date_score(facts: _Facts, mention: DateMention) -> float:
    score = 0.0
    if mention.line in facts.front_start:
        score += 6
    if mention.line in facts.front_posted or mention.line in facts.front_end:
        score -= 8
    if facts.dates_before_other_events and mention.line > (facts.other_events_from or 0):
        score -= 4
    keys, cues = facts.keys(mention.line), facts.cues(mention.line)
    if keys & _LABEL_KEYS:
        score += 4
    if "posted" in keys or "posting" in cues:
        score -= 8
    if "furniture" in cues:
        score -= 8
    line_text = facts.doc.lines[mention.line].text.strip()
    if mention.line in facts.doc.prose_lines and len(mention.raw.strip()) < 0.6 * len(line_text):
        score -= 6  # a date that is its whole line is a heading or a list item, not prose
        if "year_context" in cues:
            score -= 2
    if "deadline" in cues:
        score -= 4
    if cues & {"moved_from", "moved_to"}:
        score += 5 if _moved_cue_before(facts.doc, mention) == "to" else -5
    if mention.weekday is not None:
        score += 1
    if mention.year is not None:
        score += 0.5
    if keys & {"sponsor", "not_speaker", "type"}:
        score -= 2
    if "time_hint" in cues or facts.time_follows(mention.line):
        score += 2
    return score


def _moved_cue_before(doc: Document, mention: DateMention) -> str:
    """"原定于3月5日…改期至3月12日": the nearest cue before a date says whether it is the old or the new one."""
    line = doc.lines[mention.line]
    head = line.text[:mention.start - line.start]
    last_to = max((m.end() for m in _MOVED_TO.finditer(head)), default=-1)
    last_from = max((m.end() for m in _MOVED_FROM.finditer(head)), default=-1)
    if last_to == last_from == -1:  # the cue follows the date: "March 5 (postponed)" reads as the old one
        return "to" if _MOVED_TO.search(line.text) and not _MOVED_FROM.search(line.text) else "from"
    return "to" if last_to > last_from else "from"


def _choose_date(doc: Document, dates: list[DateMention], result: When, facts: _Facts) -> DateMention | None:
    if not dates:
        return None
    scored = sorted(((_date_score(facts, m), -m.start, m) for m in dates), key=lambda item: (item[0], item[1]),
                    reverse=True)
    best_score, _, best = scored[0]
    if best_score <= -5:
        return None
    moved = [m for s, _, m in scored if "moved_from" in facts.cues(m.line) and m is not best
             and _moved_cue_before(doc, m) == "from"]
    for old in moved[:1]:
        result.warnings.append(f"the talk was moved; the earlier date '{_as_printed(doc, old)}' was not used")
    if best.ambiguous_order:
        result.warnings.append(f"'{_as_printed(doc, best)}' could be day-first or month-first; read month-first")
    return best


# A cheap test before the date patterns run on a line: a digit, a Chinese numeral or date word, or an
# English word a date spelled out needs ("third of Sept.", "tomorrow").
_MAY_HOLD_DATE = Prefilter(f"0-9{_CN_NUM}今明后後周週期拜", ("day", "tonight", "tomorrow", "jan", "feb", "mar", "apr",
                                                              "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"))
_MAY_HOLD_TIME = Prefilter(f"0-9{_CN_NUM}两兩", ("noon", "midday", "midnight", "o'clock", "o’clock", "past", "quarter",
                                                "half"))
_TIME_HINT = patcache.compile(r"(?i)\d\s?(?:am|pm|a\.m|p\.m)|\d[:h.]\d\d|noon|[点时點時]")


def _choose_relative(facts: _Facts, relative: list[DateMention], times: list[TimeMention], reference: date | None,
                     source: str, result: When) -> DateMention | None:
    """The best relative day ("tomorrow at 4pm", "本周五下午"), resolved against the posting date, the mail's
    Date: or the reference date. "Tomorrow", a weekday or a day of the month alone counts only on a date line or
    beside a time; "this Friday" counts anywhere but in a posting byline."""
    time_lines = {m.line for m in times}
    pool = []
    for mention in relative:
        # "this Friday", "下周一" say they are a day; "tomorrow" or "Friday" alone must sit beside a time
        # or on a date line ("The Cities of Tomorrow" is a title).
        named = (mention.relative or "").startswith(("weekday:this", "weekday:next", "weekday:coming",
                                                     "weekday:on", "week:"))
        if not named and mention.line not in time_lines and not facts.keys(mention.line) & _LABEL_KEYS:
            continue
        score = _date_score(facts, mention) + (2 if mention.line in time_lines else 0)
        if score > -8:
            pool.append((score, -mention.start, mention))
    if not pool:
        return None
    best = max(pool, key=lambda item: (item[0], item[1]))[2]
    result.all_spans.append((best.start, best.end))
    if reference is None:
        result.warnings.append(f"'{best.raw.strip()}' is counted from the day the notice was sent, and there is "
                               "no posting date, mail Date: or --reference-date; left out")
        return None
    day = _resolve_relative(best, reference)
    if day is None:
        return None
    result.warnings.append(f"'{best.raw.strip()}' read as {day.isoformat()}, counted from {source} "
                           f"{reference.isoformat()}")
    return DateMention(best.start, best.end, best.line, day.year, day.month, day.day, None, best.raw)


def _time_only_day(facts: _Facts, times: list[TimeMention], reference: date, source: str,
                   result: When) -> DateMention | None:
    """"When: 4pm" on a page that prints no day at all: the talk is on the day it was announced. Only a
    time on a date or time line counts; a time in prose ("talks start at 12:30") does not."""
    labelled = [m for m in times if facts.keys(m.line) & _LABEL_KEYS and "posting" not in facts.cues(m.line)]
    if not labelled:
        return None
    first = labelled[0]
    result.warnings.append(f"no date printed for '{first.raw.strip()}'; read as the day of {source} "
                           f"{reference.isoformat()}")
    return DateMention(first.start, first.start, first.line, reference.year, reference.month, reference.day, None,
                       "")


def _resolve_relative(mention: DateMention, reference: date) -> date | None:
    kind, _, arg = (mention.relative or "").partition(":")
    if kind == "days":
        return reference + timedelta(days=int(arg))
    if mention.weekday is not None and kind == "weekday":
        ahead = (mention.weekday - reference.weekday()) % 7
        if arg == "next" and ahead == 0:
            ahead = 7  # "next Tuesday" said on a Tuesday is a week away
        return reference + timedelta(days=ahead)
    if mention.weekday is not None and kind == "week":  # 本周五, 下周一: weeks start on Monday
        monday = reference - timedelta(days=reference.weekday())
        return monday + timedelta(days=7 * int(arg) + mention.weekday)
    if kind == "dom":  # "the 21st", "Thursday 14": the next such day on or after the reference
        arg, _, skip = arg.partition(":")
        year, month = reference.year, reference.month
        if skip:
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        for _ in range(14):
            if _valid(year, month, int(arg)) and not (month == 2 and int(arg) == 29 and not _leap(year)):
                day = date(year, month, int(arg))
                if day >= reference and (mention.weekday is None or day.weekday() == mention.weekday):
                    return day
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return None


def _resolve_year(mention: DateMention, printed: str, reference: date | None, result: When) -> date | None:
    weekday_name = _WEEKDAY_NAMES[mention.weekday] if mention.weekday is not None else None
    if mention.year is not None:
        day = date(mention.year, mention.month, mention.day)
        if mention.weekday is not None and day.weekday() != mention.weekday:
            result.warnings.append(f"weekday {weekday_name} does not match {day.isoformat()}")
        return day
    if reference is None:
        result.warnings.append(f"no year for '{printed}' and nothing to infer it from; "
                               "give --reference-date")
        return None
    candidates = []
    for year in (reference.year - 1, reference.year, reference.year + 1):
        if not 1 <= year <= 9999:
            continue
        if _valid(year, mention.month, mention.day) and not (mention.month == 2 and mention.day == 29
                                                             and not _leap(year)):
            candidates.append(date(year, mention.month, mention.day))
    matching = [d for d in candidates if d.weekday() == mention.weekday] if mention.weekday is not None else []
    if matching:  # the weekday names the year, even a past one
        day = min(matching, key=lambda d: abs((d - reference).days))
    else:  # an announcement means the next such day on or after the reference
        upcoming = [d for d in candidates if d >= reference]
        if not candidates:
            return None
        day = min(upcoming) if upcoming else max(candidates)
    result.warnings.append(f"year {day.year} inferred for '{printed}'")
    return day


def _leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def _posting_reference(facts: _Facts, dates: list[DateMention]) -> date | None:
    for mention in dates:
        posted = "posted" in facts.keys(mention.line) or "posting" in facts.cues(mention.line)
        if mention.year is not None and posted:
            return date(mention.year, mention.month, mention.day)
    return None


def _header_reference(doc: Document) -> date | None:
    raw = doc.headers.get("date")
    if not raw:
        return None
    from email.utils import parsedate_to_datetime

    try:
        return parsedate_to_datetime(raw).date()
    except (TypeError, ValueError, IndexError):
        return None


# ----------------------------------------------------------------------------------- times

def _find_times(doc: Document, text: str, dates: list[DateMention], ctx: Context) -> list[TimeMention]:
    pieces, cursor = [], 0
    # Sorted, non-overlapping: blank them out so "15.02.2021" is not a time. Words without digits stay:
    # "明晚8点" is 20:00, "Tuesday at 2" is a time.
    for date_mention in (m for m in dates if m.relative is None or any(ch.isdigit() for ch in m.raw)):
        pieces += [text[cursor:date_mention.start], " " * (date_mention.end - date_mention.start)]
        cursor = date_mention.end
    masked_text = "".join([*pieces, text[cursor:]])
    found: list[TimeMention] = []
    time_lines = {item.value_line for item in doc.labelled if item.key in ("time", "when")}
    # what no line holds when the whole text does not (none of these spans a line break)
    chinese_text, clock_ranges = bool(CJK_CHAR.search(masked_text)), bool(_CLOCK_RANGE.search(masked_text))
    if not _may_hold_zh_time(masked_text):
        chinese_text = clock_ranges = False  # no match of the Chinese grammar could be kept (see _zh_time)
    folded = fold(masked_text)
    word_times = any(map(folded.__contains__, _WORD_TIME_WORDS)) and bool(_WORD_TIME_HINT.search(masked_text))
    for line in doc.lines:
        segment = masked_text[line.start:line.end]
        if not _MAY_HOLD_TIME(segment):
            continue
        spans: list[tuple[int, int]] = []
        zh_clocks = _ZH_TIME_RANGE.finditer(segment) if (chinese_text and CJK_CHAR.search(segment)) or \
            (clock_ranges and _CLOCK_RANGE.search(segment)) \
            else ()  # without a Chinese character, only "14:00-15:30" is a Chinese-grammar time (see _zh_time)
        for match in zh_clocks:
            mention = _zh_time(match, line.start, line.index)
            if mention:
                found.append(mention)
                spans.append((match.start(), match.end()))
        if word_times and _WORD_TIME_HINT.search(segment):
            for match in _EN_WORD_TIME.finditer(segment):
                mention = _word_time(match, line.start, line.index, segment)
                if mention and not any(match.start() < e and s < match.end() for s, e in spans):
                    found.append(mention)
                    spans.append((match.start(), match.end()))
        for match in _EN_TIME_RANGE.finditer(segment):
            if spans and any(match.start() < e and s < match.end() for s, e in spans):
                continue
            mention = _en_time(match, line.start, line.index, segment, line.index in time_lines)
            if mention:
                found.append(mention)
    found.sort(key=lambda m: m.start)
    return [_with_zone(m, text, ctx) for m in found]


_CLOCK_RANGE = patcache.compile(r"[\d〇○]\s?[:.]\d{2}\s?(?:-|–|—|−|~|～)")
_DAY_AT = patcache.compile(rf"(?i)\b(?:{EN_WEEKDAY_FULL}|today|tomorrow|tonight)\s(?:at|@)\s$")  # "Tuesday at 2"
_BARE_HOUR_END = patcache.compile(
    r"(?i)\s*$|\s?[,.;:)(]|\s(?:in|at|for|to|on|with|until|and|o'clock)\b")  # not "2 Main St"
_AT_BEFORE = patcache.compile(r"(?i)\b(?:at|@)\s?$")  # "at 4p", "this evening at 6"
_WORD_TIME_HINT = patcache.compile(r"(?i)\b(?:past|after|to|before|o'clock|o’clock)\b")
_WORD_TIME_WORDS = ("past", "after", "to", "before", "o'clock", "o’clock")  # one is in each match of the hint
# "14:30", "4.30": the minutes of a clock printed without 点 or 时
_ZH_MINUTES = patcache.compile(r"[:.]\d{2}")


def _may_hold_zh_time(text: str) -> bool:
    """Whether :func:`_zh_time` could keep a match in ``text``: each it keeps says 点/时/點/時, prints its minutes
    after ":" or ".", or has a part of the day (下午) before a range; a text with none of them is not searched."""
    return any(map(text.__contains__, "点时點時")) or any(map(text.__contains__, ZH_PERIODS)) or \
        bool(_ZH_MINUTES.search(text))


def _word_time(match: re.Match[str], offset: int, line: int, segment: str) -> TimeMention | None:
    """"half past four" (4:30), "a quarter to 5 pm" (16:45), "ten past six", "four o'clock"."""
    hour = en_number(match.group("h"))
    part = match.group("part")
    if hour is None or not 1 <= hour <= 12 or not (part or match.group("oc")):
        return None
    minute = 0
    if part:
        if part.isdigit() and "minute" not in match.group(0).casefold():
            return None  # "9 to 11 a.m." is a range, "20 minutes to 5" a time
        key = part.casefold().removeprefix("a ")
        minutes = 15 if key == "quarter" else 30 if key == "half" else en_number(key)
        if minutes is None or not 1 <= minutes <= 30 or (key == "half" and match.group("dir").casefold()
                                                         in ("to", "before")):
            return None
        if match.group("dir").casefold() in ("to", "before"):
            hour, minute = (hour - 1) or 12, 60 - minutes
        else:
            minute = minutes
    meridiem = _meridiem(match.group("ap")) or _part_of_day(segment, match.start(), match.end())
    return TimeMention(offset + match.start(), offset + match.end(), line, Clock(hour, minute, meridiem), None,
                       match.group(0))


def _meridiem(raw: str | None) -> str | None:
    raw = (raw or "").casefold()
    return "am" if raw.startswith("a") else "pm" if raw[:1] in ("p", "n") else None


def _part_of_day(segment: str, start: int, end: int) -> str | None:
    """"am"/"pm" from "morning", "afternoon", "evening" just before or after a clock on its line."""
    after = _EN_PERIOD_AFTER.search(segment[end:end + 24])
    before = _EN_PERIOD_BEFORE.search(segment[max(0, start - 30):start])
    found = after or before
    return EN_PARTS_OF_DAY[found.group("period").casefold()] if found else None


def _clock(match: re.Match[str], prefix: str) -> Clock | None:
    if match.group(f"{prefix}noon"):
        return Clock(12, 0, "pm")
    if match.group(f"{prefix}mid"):
        return Clock(0, 0, "am")
    hour_raw = match.group(f"{prefix}h")
    if hour_raw is None:
        return None
    hour, minute = int(hour_raw), int(match.group(f"{prefix}m") or 0)
    meridiem = _meridiem(match.group(f"{prefix}ap"))
    if hour > 23 or minute > 59 or (meridiem and not 1 <= hour <= 12):
        return None
    return Clock(hour, minute, meridiem)


def _en_time(match: re.Match[str], offset: int, line: int, segment: str, labelled: bool) -> TimeMention | None:
    if match.group(0).isdigit() and not _bare_hour_cue(match, segment):
        return None  # a bare "4" ("Room 101", "Item 4"): the common case in a long text, told apart first
    begin = _clock(match, "a")
    if begin is None:
        return None
    finish = _clock(match, "b") if match.group("bh") or match.group("bnoon") or match.group("bmid") else None
    if finish is None and not _explicit(match, "a") and not _bare_hour_cue(match, segment):
        return None  # a bare hour with a space or "-ish" after it, on its own
    before = segment[max(0, match.start() - 1):match.start()]
    for prefix in ("a", "b"):
        ap = match.group(f"{prefix}ap") or ""
        if len(ap.strip()) == 1 and not _AT_BEFORE.search(segment[max(0, match.start() - 4):match.start()]):
            return None  # "4p" only as "at 4p"; "Room 4a" is a room
    a_explicit = _explicit(match, "a")
    b_explicit = finish is not None and _explicit(match, "b")
    period = None
    if begin.meridiem is None and (finish is None or finish.meridiem is None):
        period = _part_of_day(segment, match.start(), match.end())
        if period is not None:
            # "Saturday morning 7-9", "this evening at 6", "4 in the afternoon"
            bare_ok = finish is not None or a_explicit or _AT_BEFORE.search(
                segment[max(0, match.start() - 4):match.start()]) or _EN_PERIOD_AFTER.search(
                segment[match.end():match.end() + 24])
            if not bare_ok:
                period = None
            else:
                begin = _with_period(begin, period)
                finish = _with_period(finish, period) if finish else None
                a_explicit = True
    if finish is None and not a_explicit and not (_DAY_AT.search(segment[max(0, match.start() - 16):match.start()])
                                                  and _BARE_HOUR_END.match(segment, match.end())):
        return None  # a bare "4" is a number, but "Tuesday at 2" and "tomorrow at 3, Room 5" are times
    if finish is not None and not (a_explicit or b_explicit) and not labelled:
        return None  # "3 - 5" is a time range only on a "Time:" line
    # "9 to 11 a.m." is fine; "3 - 5" or "2019-2020" is not a time range.
    if finish is not None and not a_explicit and match.group("asep") is None and not labelled and \
            (not b_explicit or (match.group("bsep") is None and finish.meridiem is None)):
        return None
    if before and (before.isdigit() or before in "/$#€£"):
        return None
    after = segment[match.end():match.end() + 1]
    decimal = after == "." and segment[match.end() + 1:match.end() + 2].isdigit()
    iso_seconds = before == "T" and after == ":"  # "2024-03-19T14:00:00"
    # "12:30:xx" is not a clock, but "3pm: Omar Haddad" is ("pm" ends it)
    colon = after == ":" and not iso_seconds and match.group(0)[-1:].isdigit()
    if (after and (after.isdigit() or after in "%/" or colon)) or decimal:
        return None
    if match.group("asep") == "." and begin.meridiem is None and (finish is None or match.group("bsep") != "."):
        return None  # "3.5" is a number; "12.00-13.00" and "5.30pm" are times
    return TimeMention(offset + match.start(), offset + match.end(), line, begin, finish, match.group(0),
                       approximate=bool(match.group("aish") or match.group("bish")))


def _bare_hour_cue(match: re.Match[str], segment: str) -> bool:
    """Whether a bare hour has what :func:`_en_time` needs to take it as a time: "at" before it or a part of
    the day after it ("at 4", "4 in the afternoon"), or a day and "at" before it ("Tuesday at 2")."""
    start, end = match.start(), match.end()
    before = segment[max(0, start - 4):start].lower()
    if ("at" in before or "@" in before) and (_AT_BEFORE.search(segment[max(0, start - 4):start])
                                              or _DAY_AT.search(segment[max(0, start - 16):start])):
        return True  # both end in "at" or "@"
    first = segment[end:end + 3].lstrip()[:1]  # "in the", "this" or a part of the day opens what follows
    return bool(first) and (first.lower()[:1] in _PERIOD_OPENING or first == "\u0131") and \
        bool(_EN_PERIOD_AFTER.search(segment[end:end + 24]))


# The first letters _EN_PERIOD_AFTER may read after a time, in lower case (it ignores case; "ı" is an i to it).
_PERIOD_OPENING = frozenset("it" + "".join(word[0] for word in EN_PARTS_OF_DAY))


def _duration_after(text: str, chosen: TimeMention) -> int | None:
    """Minutes of a duration printed right after the start ("12 noon AEST (1 hour)", "4pm, for 90 minutes")."""
    tail = text[chosen.end:chosen.end + 60]
    lead = _ZONE_LEAD.match(tail)
    zone = ZONE_RE.match(tail, lead.end() if lead else 0)
    match = _DURATION.match(tail, zone.end() if zone else 0)
    if match is None or "\n" in tail[:match.end()] or bool(match.group("open")) != bool(match.group("close")):
        return None  # "(1 hour)" and "for 90 minutes"; not "30 min talk" nor "(1 hour talk, then questions)"
    raw = match.group("n").casefold()
    amount = {"a": 1.0, "an": 1.0, "one": 1.0, "two": 2.0, "three": 3.0}.get(raw) or float(raw)
    unit = match.group("unit").casefold()
    minutes = amount * (1 if unit.startswith(("m", "分")) else 60)
    return int(minutes) if 10 <= minutes <= 12 * 60 else None


def _with_period(clock: Clock, period: str) -> Clock:
    if clock.meridiem is not None or clock.fixed or clock.hour > 12 or (period == "am" and clock.hour == 12):
        return clock
    return Clock(clock.hour, clock.minute, period)


def _explicit(match: re.Match[str], prefix: str) -> bool:
    """A clock that cannot be a plain number: has minutes, a meridiem, ``h``, or is noon."""
    return bool(match.group(f"{prefix}noon") or match.group(f"{prefix}mid") or match.group(f"{prefix}ap")
                or match.group(f"{prefix}sep") in (":", "h") or match.group(f"{prefix}ish"))


def _zh_clock(match: re.Match[str], prefix: str, inherited: str | None) -> Clock | None:
    hour = _cn_int(match.group(f"{prefix}h"))
    if hour is None:
        return None
    minute = 0
    if match.group(f"{prefix}m"):
        minute = int(match.group(f"{prefix}m"))
    elif match.group(f"{prefix}m2"):
        minute = _cn_int(match.group(f"{prefix}m2")) or 0
    elif match.group(f"{prefix}half"):
        minute = 30
    elif match.group(f"{prefix}q"):
        minute = 15 if match.group(f"{prefix}q") == "一刻" else 45
    if match.group(f"{prefix}less"):  # 差五分八点: five to eight
        less = 15 if match.group(f"{prefix}less") == "一刻" else _cn_int(match.group(f"{prefix}less")) or 0
        if not 0 < less < 60 or minute:
            return None
        if not match.group(f"{prefix}p") and not inherited and 8 <= hour <= 11:
            inherited = "上午"  # the printed hour decides the part of the day: 差五分八点 is 7:55, not 19:55
        hour, minute = hour - 1, 60 - less
    period = match.group(f"{prefix}p") or inherited
    if hour > 23 or minute > 59 or hour < 0:
        return None
    if (period in ZH_PM_PERIODS and hour < 12) or (period == "中午" and hour < 11):
        hour += 12
    elif period == "凌晨" and hour == 12:
        hour = 0
    return Clock(hour, minute, None, fixed=period is not None or hour > 12)


def _zh_time(match: re.Match[str], offset: int, line: int) -> TimeMention | None:
    marker = match.group("am") or match.group("am2") or match.group("ahalf") or match.group("aq")
    says_hour = any(mark in match.group(0) for mark in "点时點時")
    if not (marker or says_hour or match.group("ap")):
        return None  # bare "2" is not a time; English grammar handles "14:00"
    if not (marker or says_hour or match.group("bh")):
        return None  # "下午2" with no 点 and no range is not a clock
    if match.group("am") and not (match.group("ap") or match.group("bh")):
        return None  # "14:00" or "4.30" alone: leave it to the English grammar (handles am/pm after it)
    begin = _zh_clock(match, "a", None)
    if begin is None:
        return None
    finish = _zh_clock(match, "b", match.group("ap")) if match.group("bh") else None
    return TimeMention(offset + match.start(), offset + match.end(), line, begin, finish, match.group(0))


# The offset of an ISO date-time: "2025-05-20T11:00:00+10:00" (only after a "T...": "14:00-15:00" is a range)
_ISO_OFFSET = patcache.compile(r"[+\-−]\d{2}:?\d{2}(?![\d:])")
_ZONE_LEAD = patcache.compile(r"[\s(\[（,]{0,8}")  # "2pm ET", "14:00 (CET)", "3pm, PT"
# A zone printed before a time ends in a capital, a digit or 间/間/区/區: "北京时间 20:00", "UTC+8 14:00"
_ZONE_BEFORE = patcache.compile(r"[A-Z0-9间間区區][\s:：(（]{0,4}$")


def _with_zone(mention: TimeMention, text: str, ctx: Context) -> TimeMention:
    """Attach a zone printed right after the time (``2pm ET``, ``14:00 (CET)``) or right before (北京时间)."""
    tail = text[mention.end:mention.end + 40]
    if text[mention.start - 1:mention.start] == "T" and (iso := _ISO_OFFSET.match(tail)):
        hours, minutes = int(iso.group(0)[1:3]), int(iso.group(0)[-2:])
        if minutes == 0 and hours <= 14:
            sign = "-" if iso.group(0)[0] in "+" else "+"  # POSIX Etc zones invert the sign
            return _replace_zone(mention, "UTC" if hours == 0 else f"Etc/GMT{sign}{hours}", iso.group(0), None)
    chinese = ctx.chinese or bool(CJK_CHAR.search(text[max(0, mention.start - 40):mention.end + 40]))
    match = ZONE_RE.match(tail, _ZONE_LEAD.match(tail).end())  # type: ignore[union-attr]  # anchored: fast
    if match:
        zone, warning = zone_from_match(match, chinese=chinese, countries=ctx.countries)
        if zone:
            return _replace_zone(mention, zone, match.group(0), warning)
    head = text[max(0, mention.start - 12):mention.start]
    if not _ZONE_BEFORE.search(head):
        return mention
    match = ZONE_RE.search(head)
    if match and re.fullmatch(r"[\s:：(（]*", head[match.end():]):
        zone, warning = zone_from_match(match, chinese=chinese, countries=ctx.countries)
        if zone:
            return _replace_zone(mention, zone, match.group(0), warning)
    return mention


def _replace_zone(mention: TimeMention, zone: str, raw: str, warning: str | None) -> TimeMention:
    return TimeMention(mention.start, mention.end, mention.line, mention.begin, mention.finish, mention.raw,
                       zone, raw, warning, mention.approximate)


def _time_score(facts: _Facts, best: DateMention, mention: TimeMention) -> float:
    doc = facts.doc
    line = doc.lines[mention.line]
    distance = abs(mention.line - best.line)
    labelled = bool(facts.keys(mention.line) & _LABEL_KEYS)
    # A "Time:" line is the talk's time wherever it stands; an unlabelled time counts by nearness to the date.
    score = 6.0 if distance == 0 else 4.0 - (min(distance, 2) if labelled else distance)
    if labelled:
        score += 3
    if mention.line in doc.prose_lines:
        score -= 6
    context = line.text[max(0, mention.start - line.start - 30):mention.end - line.start + 5]
    if _SIDE_EVENT.search(context):
        score -= 3 if labelled else 5  # "时间：13:30开始签到" is labelled and still not the talk
    if facts.cues(mention.line) & {"posting", "furniture"}:
        score -= 8
    if mention.finish is not None:
        score += 1.5  # a range says more than a lone start
    if mention.start < best.start and distance == 0:
        score -= 0.5
    return score


def _choose_time(facts: _Facts, best: DateMention, times: list[TimeMention]) -> TimeMention | None:
    if not times:
        return None
    score, _, top = max(((_time_score(facts, best, m), -m.start, i) for i, m in enumerate(times)))
    return times[top] if score > -1 else None


def _hour24(clock: Clock, default_pm: bool) -> int:
    if clock.fixed:
        return clock.hour
    if clock.meridiem == "pm":
        return clock.hour if clock.hour == 12 else clock.hour + 12
    if clock.meridiem == "am":
        return 0 if clock.hour == 12 else clock.hour
    if default_pm and 1 <= clock.hour <= 7:
        return clock.hour + 12  # a talk "at 3:30" is in the afternoon
    return clock.hour


def _clock_pair(mention: TimeMention, ctx: Context) -> tuple[tuple[int, int], tuple[int, int] | None]:
    begin, finish = mention.begin, mention.finish
    if finish is None:
        return (_hour24(begin, True), begin.minute), None
    if begin.meridiem is None and finish.meridiem is not None and begin.hour <= 12:
        shared = Clock(begin.hour, begin.minute, finish.meridiem)
        start_h, end_h = _hour24(shared, False), _hour24(finish, False)
        if start_h > end_h:  # "11:30-1pm": the meridiem does not reach back across noon
            start_h = _hour24(Clock(begin.hour, begin.minute, "am"), False)
        return (start_h, begin.minute), (end_h, finish.minute)
    start_h = _hour24(begin, begin.meridiem is None and finish.meridiem is None and begin.hour <= 7)
    end_h = _hour24(finish, False)
    if finish.fixed or begin.fixed:
        if end_h < start_h and end_h + 12 <= 24 and end_h + 12 > start_h:
            end_h += 12  # 上午11:30-1:00 → 13:00
        return (start_h, begin.minute), (end_h % 24 if end_h == 24 else end_h, finish.minute)
    if finish.meridiem is None and begin.meridiem is not None and end_h < start_h and end_h + 12 < 24:
        end_h += 12  # "10:00 am-12:00" → noon; "2pm-4" → 16:00
    elif finish.meridiem is None and begin.meridiem is None and end_h < start_h <= end_h + 12 < 24:
        end_h += 12  # "11:00-1:00" → 13:00
    return (start_h, begin.minute), (end_h, finish.minute)


def _end_after_date(text: str, dates: list[DateMention], times: list[TimeMention], chosen: TimeMention,
                    ctx: Context) -> tuple[int, int] | None:
    """"2024-03-19T14:00 – 2024-03-19T15:30": the end is the next time, past a repeated date."""
    following = [m for m in times if m.line == chosen.line and m.start > chosen.end]
    same_zone = [m for m in following if m.zone == chosen.zone]
    if not same_zone:
        return None
    nxt = same_zone[0]
    between = list(text[chosen.end:nxt.start])
    hidden = [(m.start, m.end) for m in dates] + [(m.start, m.end) for m in following if m.start < nxt.start]
    hidden += [(chosen.end + z.start(), chosen.end + z.end()) for z in ZONE_RE.finditer(text[chosen.end:nxt.start])]
    for start, end in hidden:
        for i in range(max(start, chosen.end), min(end, nxt.start)):
            between[i - chosen.end] = " "
    # "11:00 AM ET / 5:00 PM CET - 12:30 PM ET": the other zone's time and the slash fall away
    gap = "".join(between).replace("T", " ").replace("/", " ").strip("() ")
    if not re.fullmatch(r"\s*(?:-|–|—|~|～|to|until|至|到)\s*", gap):
        return None
    return _hour24(nxt.begin, False), nxt.begin.minute


def _end_elsewhere(text: str, dates: list[DateMention], times: list[TimeMention], chosen: TimeMention,
                   ctx: Context) -> tuple[int, int] | None:
    """A start with no end ("Time: 3:30 PM") often has its range printed elsewhere: "3:30 - 5:00",
    "3:30pm (- 4:30pm)", "from 12:30 to\n2:00", "begin at 3:30 and run until around 5:00"."""
    start = _hour24(chosen.begin, True), chosen.begin.minute
    same = [m for m in times if m is not chosen and (_hour24(m.begin, True), m.begin.minute) == start]
    for other in [chosen, *same[:5]]:  # a handful is plenty; a page of repeated times must stay linear
        if other is not chosen and other.finish is not None:
            begin, finish = _clock_pair(other, ctx)
            if begin == start and finish is not None:
                return finish
        following = _end_after_date(text, dates, times, other, ctx) or _end_by_words(text, times, other)
        if following is not None:
            return following
    return None


_UNTIL = patcache.compile(
    r"(?i)^[^.;\n]{0,40}?\b(?:until|till|to|ends? at|end at|run until)\s+(?:around|about|approximately|ca\.)?\s*$"
    r"|^\s*(?:-|–|—|to|until)\s*\n\s*$")


def _end_by_words(text: str, times: list[TimeMention], chosen: TimeMention) -> tuple[int, int] | None:
    nxt = next((m for m in times if m.start > chosen.end), None)
    if nxt is None or nxt.start - chosen.end > 60 or not _UNTIL.search(text[chosen.end:nxt.start]):
        return None
    hour = _hour24(nxt.begin, False)
    if nxt.begin.meridiem is None and hour < _hour24(chosen.begin, True) and hour + 12 < 24:
        hour += 12
    return hour, nxt.begin.minute


_NEAR = 400  # characters either side of a time that its line's zone may be printed in


def _near(doc: Document, text: str, index: int, offset: int) -> str:
    """The line holding ``offset``, cut to a window around it: a 40 KB line is not read whole per time."""
    line = doc.lines[index]
    return text[max(line.start, offset - _NEAR):min(line.end, offset + _NEAR)]


def _zone_on_line(doc: Document, text: str, index: int, ctx: Context, result: When, near: int) -> str | None:
    """The first zone printed on a line, for a time or date whose own zone is elsewhere on it
    ("北京时间 2025年1月7日 20:00", "Time: 2-3pm, Eastern Time")."""
    return _first_zone(_near(doc, text, index, near), ctx, result)


def _note_other_zones(doc: Document, text: str, chosen: TimeMention, zone: str, ctx: Context,
                      result: When) -> None:
    """"2pm ET / 8pm CET" is one instant: the first zone is used, the others are noted."""
    segment = _near(doc, text, chosen.line, chosen.start)
    chinese = ctx.chinese or bool(CJK_CHAR.search(segment))
    for match in ZONE_RE.finditer(segment):
        other, _ = zone_from_match(match, chinese=chinese, countries=ctx.countries)
        if other and other != zone:
            result.warnings.append(f"the time is also given in {match.group(0)}; used {zone}")
            return


def _note_season(doc: Document, text: str, offsets: tuple[int, ...], zone: str, moment: datetime, ctx: Context,
                 result: When) -> None:
    """"4pm EST" on a July date: people write EST for Eastern time all year. The record keeps the local
    wall time with the offset in force that day (-04:00) and says so."""
    info = zone_info(zone)
    if info is None:
        return
    summer = bool(moment.replace(tzinfo=info).dst())
    for offset in dict.fromkeys(offsets):
        for match in ZONE_RE.finditer(_near(doc, text, doc.line_at(offset), offset)):
            name = (match.group("abbr") or "").casefold()
            if not name or zone_from_match(match, chinese=ctx.chinese, countries=ctx.countries)[0] != zone:
                continue
            wrong = STANDARD_NAMES.get(name) if summer else DAYLIGHT_NAMES.get(name)
            if wrong:
                result.warnings.append(f"'{match.group(0)}' printed for {moment.date().isoformat()}, when {wrong} "
                                       f"is in force; read as local time in {zone}")
            return


def _first_zone(segment: str, ctx: Context, result: When) -> str | None:
    chinese = ctx.chinese or bool(CJK_CHAR.search(segment))
    for match in ZONE_RE.finditer(segment):
        zone, warning = zone_from_match(match, chinese=chinese, countries=ctx.countries)
        if warning:
            result.warnings.append(warning)
        if zone:
            return zone
    return None


def _stamp(moment: datetime, zone: str | None) -> str:
    base = f"{moment.year:04d}-{moment.month:02d}-{moment.day:02d}T{moment.hour:02d}:{moment.minute:02d}"
    if zone:
        offset = utc_offset(zone, moment)
        if offset:
            return base + offset
    return base
