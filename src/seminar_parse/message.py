"""The message model: which text of an email (or of a pasted one) is the announcement, and what the newer
text says about it.

An email is rarely the first clean announcement. It is a forward with a note on top, a reply above a
``> ``-quoted announcement, a reminder above the original. :func:`read` splits such a text into
:class:`Part` s, newest first — the message's own text, then each forwarded or quoted message with the
headers it carries (``From``, ``Date``, ``Subject``) — cuts signatures and list footers, picks the part
that holds the announcement and reads the newer parts for the changes they make (a new room, a new time,
cancelled, moved online, now hybrid). It works on plain text, so a ``.txt`` paste of a forward is read
like the ``.eml`` it came from; :mod:`seminar_parse.mail` turns MIME into that text first.

The pipeline parses :attr:`Message.text` with :attr:`Message.headers` and then lets :func:`revise`
apply :attr:`Message.changes` to the record, each with a warning that names it.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from email.utils import format_datetime, parseaddr

from seminar_parse import patcache
from seminar_parse.fastre import LineScan, anything, fold, gated, line_test, needles
from seminar_parse.record import Location, Record
from seminar_parse.vocab import ORGANISER_NOTE, SENDER_HOSTS, SIGN_OFF, SIGNATURE_ORGANISER

_MAX_LINE = 2000  # longer lines are never separators or headers: they are not matched at all

# ------------------------------------------------------------------------------ separators
# "---------- Forwarded message ---------" (Gmail), "-------- Forwarded Message --------" (Thunderbird),
# "-----Original Message-----" (Outlook), "---- Original announcement ----", "-----原始邮件-----",
# "------------------ 原始邮件 ------------------" (QQ Mail), "-------- 转发的邮件 --------".
_FORWARD_RULE = patcache.compile(
    r"^\s*[-=_]{2,40}\s*(?:forwarded message|original message|original announcement|original email|"
    r"message transféré|weitergeleitete nachricht|原始邮件|原始郵件|转发的?邮件|轉寄的?郵件|转发邮件)"
    r"\s*[-=_]{2,40}\s*$", re.IGNORECASE)
# "Begin forwarded message:" (Apple Mail), "Forwarded message:", "下面是被转发的邮件："
_FORWARD_INTRO = patcache.compile(r"^\s*(?:begin forwarded message|forwarded message|下面是被转发的邮件)\s*[:：]?\s*$",
                                  re.IGNORECASE)
# "On Tue, Mar 5, 2024 at 9:00 AM Alicia Moreno <a@b.edu> wrote:" (may wrap onto a second line),
# "Le 5 mars 2024 à 09:00, X a écrit :", "Am 05.03.2024 um 09:00 schrieb X:", "在 2024年3月5日 … 写道：",
# "X 于 2024年3月5日周二 09:00写道："
_QUOTE_INTRO = patcache.compile(
    r"^\s*(?:on\s.{4,300}\swrote|le\s.{4,300}\sa écrit|am\s.{4,300}\sschrieb\s.{1,200}|"
    r"在\s?.{4,200}写道|.{0,200}于\s?\d{4}年.{2,200}写道)\s*[:：]\s*$", re.IGNORECASE)
# The words every match of these holds, tested before them (most lines hold none).
_INTRO_WORDS = needles(_QUOTE_INTRO) or anything
_FORWARD_WORDS = needles(_FORWARD_INTRO) or anything
_RULE_CHARS = patcache.compile(r"[-=_]")
_QUOTE_INTRO_START = patcache.compile(r"^\s*(?:on|le|am|在)\s.{4,300}$|^.{0,200}于\s?\d{4}年", re.IGNORECASE)
_QUOTED = patcache.compile(r"^[ \t]{0,3}>")
_QUOTE_MARK = patcache.compile(r"^[ \t]{0,3}> ?")
# A header inside a forward: "From: X", "*Sent:* Thursday, ...", "发件人: X", "發件人：X".
_HEADER = patcache.compile(
    r"^\s*\*{0,2}(from|sent|date|subject|to|cc|bcc|reply-to|发件人|發件人|寄件者|发送时间|發送時間|日期|时间|"
    r"主题|主旨|收件人|抄送|副本)\*{0,2}\s*[:：]\*{0,2}\s*(.*?)\s*$", re.IGNORECASE)
_HEADER_KEYS = {"from": "from", "发件人": "from", "發件人": "from", "寄件者": "from",
                "sent": "date", "date": "date", "发送时间": "date", "發送時間": "date", "日期": "date", "时间": "date",
                "subject": "subject", "主题": "subject", "主旨": "subject",
                "to": "to", "收件人": "to", "cc": "cc", "bcc": "cc", "抄送": "cc", "副本": "cc", "reply-to": "reply-to"}
# Each way _split opens a part starts with a match of one of these on its line.
_OPENING_TESTS = tuple(line_test(pattern, "match") for pattern in (
    _FORWARD_RULE, _FORWARD_INTRO, _HEADER, _QUOTE_INTRO, _QUOTE_INTRO_START, _QUOTED))
# ------------------------------------------------------------------------------ signatures
_SIGNATURE_RULE = patcache.compile(r"^-- ?$")
_LIST_FOOTER_RULE = patcache.compile(r"^\s*[_=-]{20,200}\s*$")
_LIST_FOOTER_WORDS = patcache.compile(r"(?i)mailing list|listinfo|unsubscribe|list-request|mailman|google groups|"
                                      r"you received this message|退订")
_MAX_SIGNATURE_LINES = 12
# What an announcement's lines look like: labels, times of day, dates.
_ANNOUNCEMENT_CUE = gated(
    r"(?i)^\W{0,4}(?:speaker|title|topic|date|time|when|where|venue|location|place|room|abstract|"
    r"bio|biography|host|presenter|zoom|报告人|主讲人?|讲座题目|报告题目|题目|主题|时间|地点|摘要|简介|主持人?)"
    r"\W{0,4}[:：]|\b\d{1,2}(?::\d{2}|[.:]\d{2}\s*[ap]\.?m|\s*[ap]\.?m\b)|\d{1,2}[:：]\d{2}|"
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]{0,6}\.?\s\d{1,2}\b|"
    r"\b\d{1,2}\s(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]{0,6}\b|\d{4}年\d{1,2}月")
_MAX_REMAINDER_FOR_SIGNATURE = 15  # non-blank lines after "-- ": more is content, not a signature
# A digest separates its items by rules; an item is a talk when it gives a time of day.
_DIGEST_RULE = patcache.compile(r"^\s*(?:[-=_*~#]\s?){10,200}$")
_TIME_OF_DAY = patcache.compile(
    r"(?i)\b\d{1,2}(?:[:.]\d{2})?\s?[ap]\.?m\b|\b\d{1,2}:\d{2}\b|\d{1,2}[:：]\d{2}|[上下]午\d")


@dataclass(frozen=True)
class Part:
    """One message of a thread: ``own`` (the newest message's own text), ``forwarded`` or ``quoted``."""

    kind: str
    headers: Mapping[str, str]
    body: str
    depth: int = 0


@dataclass(frozen=True)
class Change:
    """A change the newer text makes to the announcement: ``venue``, ``time``, ``online``, ``hybrid``,
    ``cancelled``; ``value`` is what it changes to when the text says it (a room), ``said`` the sentence."""

    kind: str
    value: str | None
    said: str


@dataclass(frozen=True)
class Message:
    parts: tuple[Part, ...]
    announcement: int  # index into parts of the part that holds the announcement
    text: str  # the text to parse: the announcement's body (the first talk's, for a digest)
    headers: dict[str, str]  # its headers: its own Subject and Date, else the outer message's
    notes: tuple[str, ...] = ()  # the newer parts' text, newest first
    changes: tuple[Change, ...] = ()
    sender_hosts: bool = False  # the newest text says its sender is the host ("I am hosting")
    items: tuple[str, ...] = field(default=())  # a digest's talks, each as text (the first is in ``text``)
    shared: str = ""  # a digest's text before its first talk: a default room, the week's dates

    @property
    def talks(self) -> int:
        """How many talks a digest lists (1 for a message that is not one)."""
        return max(1, len(self.items))


def read(text: str, headers: Mapping[str, str] | None = None, *, mail: bool = True) -> Message:
    """Split ``text`` (an email body, or with ``mail=False`` a pasted one) into its parts and find the
    announcement. In pasted text a quotation needs its "On … wrote:" line, since "> " also opens a
    markdown block quote; in an email any "> " line is quoted."""
    outer = {k.lower(): v for k, v in (headers or {}).items()}
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    parts = _split(lines, "own", outer, 0, 1 if mail else 0)
    if not mail and len(parts) == 1:
        return Message(parts=tuple(parts), announcement=0, text=text, headers=outer)  # pasted text, one message
    parts = [replace(p, body=strip_signature(p.body)) for p in parts]
    chosen = _choose(parts)
    announcement = parts[chosen]
    merged = dict(outer)
    for key in ("subject", "date", "from"):
        if announcement.headers.get(key):
            merged[key] = announcement.headers[key]
    notes = tuple(p.body for p in parts[:chosen] if p.body.strip())
    body = announcement.body
    items, intro = _digest_items(body)
    if len(items) >= 2:
        body = "\n\n".join(x for x in (items[0], intro) if x.strip())  # the intro may hold a default room
        merged.pop("subject", None)  # the digest's subject names the week, not the first talk
    own = parts[0].body if parts else ""
    return Message(
        parts=tuple(parts), announcement=chosen, text=body.strip("\n") + "\n", headers=merged, notes=notes,
        changes=tuple(c for note in notes for c in changes_in(note)),
        sender_hosts=bool(SENDER_HOSTS.search(own)), items=tuple(items) if len(items) >= 2 else (),
        shared=intro if len(items) >= 2 else "",
    )


# ------------------------------------------------------------------------------ splitting

def _split(lines: list[str], kind: str, headers: Mapping[str, str], depth: int, bare: int,
           openings: list[int] | None = None) -> list[Part]:
    """The part these lines open, then (recursively) the forwarded or quoted parts inside them; ``bare``
    is how many "> " lines make a quotation without an intro line (0: never). ``openings``: the lines
    where one may start (:func:`_openings`), found once for the lines a forward's recursion slices."""
    openings = _openings(lines) if openings is None else openings
    own: list[str] = []
    index = next_opening = 0
    while index < len(lines):
        next_opening = bisect_left(openings, index, next_opening)
        upto = openings[next_opening] if next_opening < len(openings) else len(lines)
        if upto > index:  # no separator, intro or quotation starts on these lines: the part's own text
            own.extend(lines[index:upto])
            index = upto
            continue
        line = lines[index]
        short = len(line) <= _MAX_LINE
        if short and ((_RULE_CHARS.search(line) and _FORWARD_RULE.match(line))
                      or (_FORWARD_WORDS(line) and _FORWARD_INTRO.match(line))):
            found, after = _header_block(lines, index + 1)
            inner = _split(lines[after:], "forwarded", found, depth + 1, bare, _after(openings, after))
            return [Part(kind, headers, "\n".join(own), depth), *inner]
        if short and kind != "own" and not any(x.strip() for x in own) and _starts_header_block(lines, index):
            found, after = _header_block(lines, index)  # a quoted message opening with its own headers
            headers = {**headers, **found}
            own, index = [], after
            continue
        if short and own and _starts_header_block(lines, index):  # Outlook's From:/Sent:/Subject: block
            found, after = _header_block(lines, index)
            inner = _split(lines[after:], "forwarded", found, depth + 1, bare, _after(openings, after))
            return [Part(kind, headers, "\n".join(own), depth), *inner]
        intro = _quote_intro(lines, index) if short else None
        quoted_from = index if intro is None else intro[1]
        run = _quote_run(lines, quoted_from) if intro is not None or (bare and _QUOTED.match(line)) else 0
        if run >= (1 if intro else max(bare, 1)):
            quoted = [_QUOTE_MARK.sub("", x, count=1) for x in lines[quoted_from:quoted_from + run]]
            found = _intro_headers(intro[0]) if intro else {}
            rest = lines[quoted_from + run:]
            own.extend(rest)  # bottom-posted text after the quote is the newer message's too
            inner = _split(quoted, "quoted", found, depth + 1, bare)
            return [Part(kind, headers, "\n".join(own), depth), *inner]
        own.append(line)
        index += 1
    return [Part(kind, headers, "\n".join(own), depth)]


def _openings(lines: list[str]) -> list[int]:
    """The lines where a separator, a header block, an intro or a quotation may start: where one of the
    patterns _split tests a line with matches it, found by one scan of the text for each pattern. Lines
    too long to be tested are among them (only a quotation can start there)."""
    scan = LineScan(lines, _MAX_LINE)
    return sorted([*scan.candidates(*_OPENING_TESTS), *scan.long])


def _after(openings: list[int], start: int) -> list[int]:
    """The openings of ``lines[start:]``."""
    return [index - start for index in openings[bisect_left(openings, start):]]


def _quote_intro(lines: list[str], index: int) -> tuple[str, int] | None:
    """An "On … wrote:" line (or two, when the mailer wrapped it) → (its text, the index after it)."""
    line = lines[index]
    if _INTRO_WORDS(line) and _QUOTE_INTRO.match(line):
        return line.strip(), index + 1
    if index + 1 < len(lines) and _may_start_intro(line) and _QUOTE_INTRO_START.match(line) and \
            len(lines[index + 1]) <= _MAX_LINE:
        joined = f"{line.strip()} {lines[index + 1].strip()}"
        if _QUOTE_INTRO.match(joined):
            return joined, index + 2
    return None


def _may_start_intro(line: str) -> bool:
    """What _QUOTE_INTRO_START needs, looked for first: "on"/"le"/"am"/"在" opening the line, or "于"."""
    opening = fold(line.lstrip()[:3])
    return opening[:2] in ("on", "le", "am") or opening[:1] == "在" or "于" in line


def _quote_run(lines: list[str], start: int) -> int:
    """How many lines from ``start`` are quoted ("> "), allowing blank lines inside the run."""
    end = start
    last_quoted = start
    while end < len(lines) and (_QUOTED.match(lines[end]) or not lines[end].strip()):
        if _QUOTED.match(lines[end]):
            last_quoted = end + 1
        end += 1
    return max(0, last_quoted - start)


def _starts_header_block(lines: list[str], index: int) -> bool:
    """``From:`` followed within a few lines by ``Sent:``/``Date:`` and ``Subject:`` (or their Chinese names)."""
    first = _HEADER.match(lines[index])
    if not first or _HEADER_KEYS.get(first.group(1).lower()) != "from":
        return False
    keys = set()
    for line in lines[index:index + 8]:
        match = _HEADER.match(line) if len(line) <= _MAX_LINE else None
        if match:
            keys.add(_HEADER_KEYS.get(match.group(1).lower()))
        elif line.strip():
            break
    return {"from", "date", "subject"} <= keys


def _header_block(lines: list[str], start: int) -> tuple[dict[str, str], int]:
    """The ``Key: value`` lines of a forwarded message's header (blank lines before it skipped, wrapped
    values joined) → (headers, index of its first body line)."""
    index = start
    while index < len(lines) and not lines[index].strip():
        index += 1
    found: dict[str, str] = {}
    last: str | None = None
    while index < len(lines):
        line = lines[index]
        match = _HEADER.match(line) if len(line) <= _MAX_LINE else None
        if match:
            last = _HEADER_KEYS.get(match.group(1).lower())
            if last and last not in found:
                found[last] = match.group(2).strip("* ")
        elif last and line[:1] in " \t" and line.strip():  # a folded header line
            found[last] = f"{found[last]} {line.strip()}"
        else:
            break
        index += 1
    if not found:
        return {}, start
    if "date" in found:
        found["date"] = normalise_date(found["date"]) or found["date"]
    return found, index


def _intro_headers(intro: str) -> dict[str, str]:
    """The date and the writer named by an "On … wrote:" line."""
    found: dict[str, str] = {}
    stamp = normalise_date(intro)
    if stamp:
        found["date"] = stamp
    writer = _INTRO_WRITER.search(intro)
    if writer:
        found["from"] = writer.group(1).strip()
    return found


_INTRO_WRITER = patcache.compile(r"(?:\d{1,2}:\d{2}\s?(?:[AaPp]\.?[Mm]\.?)?|\d{4}),?\s([^,<>]{2,80}?)\s?"
                                 r"(?:<[^<>\s]{3,120}>)?\s(?:wrote|a écrit)\s?:")


# ------------------------------------------------------------------------------ dates in forwarded headers
_MONTHS = {m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
                                       "dec"), 1)}
# "Mon, Feb 10, 2025 at 11:02 AM", "Thursday, May 2, 2024 2:14 PM", "February 10, 2025 at 11:02:33 AM GMT"
_MONTH_FIRST = patcache.compile(
    r"(?i)\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]{0,6}\.?\s(\d{1,2}),?\s(\d{4})"
    r"(?:,?\s(?:at\s)?(\d{1,2}):(\d{2})(?::\d{2})?\s?([AaPp]\.?[Mm]\.?)?)?")
# "Mon, 10 Feb 2025 11:02:00 +0000", "10 February 2025 11:02"
_DAY_FIRST = patcache.compile(
    r"(?i)\b(\d{1,2})\.?\s(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]{0,6}\.?,?\s(\d{4})"
    r"(?:,?\s(?:at\s|um\s|à\s)?(\d{1,2})[:h](\d{2}))?")
# "2024年3月5日(星期二) 上午9:00", "2024-03-05 09:00", "05.03.2024 um 09:00"
_YMD = patcache.compile(r"(\d{4})\s?(?:年|-|/)\s?(\d{1,2})\s?(?:月|-|/)\s?(\d{1,2})日?"
                        r"(?:[^\d\n]{0,12}?(\d{1,2})[:：](\d{2}))?")
_DMY_DOTS = patcache.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})(?:\D{1,6}(\d{1,2}):(\d{2}))?")


def normalise_date(raw: str) -> str | None:
    """A date as a forwarded header or a reply's intro prints it → RFC 2822 (what ``Date:`` holds), so
    that the year serves dates printed without one; None when there is no date in it."""
    raw = raw[:300]
    year = month = day = None
    hour = minute = 0
    if m := _MONTH_FIRST.search(raw):
        month, day, year = _MONTHS[m.group(1).lower()[:3]], int(m.group(2)), int(m.group(3))
        hour, minute = _clock(m.group(4), m.group(5), m.group(6))
    elif m := _DAY_FIRST.search(raw):
        day, month, year = int(m.group(1)), _MONTHS[m.group(2).lower()[:3]], int(m.group(3))
        hour, minute = _clock(m.group(4), m.group(5), None)
    elif m := _YMD.search(raw):
        year, month, day = int(m.group(1)), int(m.group(2)), int(m.group(3))
        afternoon = "下午" in raw or "晚上" in raw
        hour, minute = _clock(m.group(4), m.group(5), "pm" if afternoon else None)
    elif m := _DMY_DOTS.search(raw):
        day, month, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
        hour, minute = _clock(m.group(4), m.group(5), None)
    if year is None or month is None or day is None:
        return None
    try:
        return format_datetime(datetime(year, month, day, hour, minute))
    except ValueError:
        return None


def _clock(hour: str | None, minute: str | None, half: str | None) -> tuple[int, int]:
    if hour is None or minute is None:
        return 0, 0
    h, m = int(hour), int(minute)
    if half and half[0] in "pP" and h < 12:
        h += 12
    elif half and half[0] in "aA" and h == 12:
        h = 0
    return (h, m) if h < 24 and m < 60 else (0, 0)


# ------------------------------------------------------------------------------ signatures and footers

def strip_signature(body: str) -> str:
    """Cut a mailing-list footer, a ``-- `` signature and a closing block (sign-off, then the sender's
    name, title and contact lines) from the end of one part; text with more lines than a signature has,
    or with an announcement's labels in it, is kept."""
    lines = body.split("\n")
    for index, line in enumerate(lines):
        if _LIST_FOOTER_RULE.match(line) and _LIST_FOOTER_WORDS.search("\n".join(lines[index + 1:index + 6])):
            lines = lines[:index]
            break
    for index in range(len(lines) - 1, -1, -1):
        if _SIGNATURE_RULE.match(lines[index]) and _looks_like_signature(lines[index + 1:]):
            lines = lines[:index]
            break
    for index in range(len(lines) - 1, max(-1, len(lines) - _MAX_SIGNATURE_LINES - 2), -1):
        line = lines[index]
        closing = SIGN_OFF.match(line) or (_CLOSING_COMMA.match(line) and _next_is_name(lines, index))
        if len(line) <= _MAX_LINE and closing:
            if _looks_like_signature(lines[index + 1:]):
                lines = lines[:index]
            break
    return _strip_contact_block("\n".join(lines).rstrip())


# The sender's closing block without a sign-off: a name ("Daniel Okafor, PhD, P.Eng."), then a few short
# lines of title, department and address, with a phone number or an e-mail address among them.
_SIGNATURE_NAME = patcache.compile(r"^[A-Z\u00c0-\u024f][\w'’.-]{0,30}(?:[ \t][A-Z\u00c0-\u024f][\w'’.-]{0,30}){1,3}"
                                   r"(?:,[ \t]?[A-Za-z.]{2,10}){0,3}\s*$")
_LABEL_LIKE = patcache.compile(r"^[^:：]{1,30}[:：]")
_CONTACT_LABEL = patcache.compile(r"(?i)^\s*(?:phone|tel|telephone|fax|mobile|cell|e-?mail|web|office)\s?[:：]")


def _strip_contact_block(body: str) -> str:
    lines = body.split("\n")
    blank = max((i for i, x in enumerate(lines) if not x.strip()), default=-1)
    block = lines[blank + 1:]
    above = [x for x in lines[:blank] if x.strip()]
    if not 2 <= len(block) <= 6 or len(above) < 3 or any(len(x) > 80 for x in block):
        return body
    if not _SIGNATURE_NAME.match(block[0].strip()) or not any(_CONTACT.search(x) for x in block[1:]):
        return body
    if any(_LABEL_LIKE.match(x) and not _CONTACT_LABEL.match(x) for x in block):
        return body
    return "\n".join(lines[:blank]).rstrip()


# "Have a great week," / "See you Thursday," — a short closing line ending in a comma, then a name
_CLOSING_COMMA = patcache.compile(r"^[A-Z][^:\d\n]{2,40},\s*$")
_NAME_LINE = patcache.compile(r"^\s*[A-Z\u00c0-\u024f][\w'’.-]{0,30}(?:[ \t][A-Z\u00c0-\u024f][\w'’.-]{0,30}){0,3}\s*$")


def _next_is_name(lines: list[str], index: int) -> bool:
    following = next((x for x in lines[index + 1:index + 3] if x.strip()), "")
    return len(following) <= 60 and bool(_NAME_LINE.match(following))


def _looks_like_signature(lines: list[str]) -> bool:
    filled = [x for x in lines if x.strip()]
    if any(_ROLE_IN_TALK.search(x) or (len(x) < 90 and SIGNATURE_ORGANISER.search(x.strip())) for x in filled):
        return False  # "Tomás (seminar organiser)", "Topology Seminar organiser": it names the host; keep it
    return len(filled) <= _MAX_SIGNATURE_LINES and not any(
        len(x) > _MAX_LINE or (_ANNOUNCEMENT_CUE.search(x) and not _CONTACT.search(x)) for x in filled)


_ROLE_IN_TALK = patcache.compile(ORGANISER_NOTE)
_CONTACT = patcache.compile(r"(?i)\b(?:phone|tel|fax|mobile|cell|pager|office)\b|\+?\d[\d ().-]{6,20}\d|@")


# ------------------------------------------------------------------------------ which part is the announcement

def _choose(parts: list[Part]) -> int:
    """The part with most of an announcement's marks (labels, dates, times); the newest wins a tie."""
    best, best_score = 0, -1.0
    for index, part in enumerate(parts):
        score = _announcement_score(part.body)
        if score > best_score + 0.5:
            best, best_score = index, score
    return best


def _announcement_score(body: str) -> float:
    lines = [x for x in body.split("\n") if x.strip()]
    cues = sum(1 for x in lines if len(x) <= _MAX_LINE and _ANNOUNCEMENT_CUE.search(x))
    return cues + min(len(body), 6000) / 600


# ------------------------------------------------------------------------------ digests

def _digest_items(body: str) -> tuple[list[str], str]:
    """A digest's blocks between rules that give a time of day (its talks), and the text before the first."""
    blocks: list[list[str]] = [[]]
    for line in body.split("\n"):
        if len(line) <= _MAX_LINE and _DIGEST_RULE.match(line):
            blocks.append([])
        else:
            blocks[-1].append(line)
    if len(blocks) < 3:
        return [], body
    texts = ["\n".join(b).strip("\n") for b in blocks]
    items = [t for t in texts[1:] if _TIME_OF_DAY.search(t)]
    return items, texts[0]


# ------------------------------------------------------------------------------ changes in the newer text
_SENTENCE_END = patcache.compile(r"(?<=[.!?。！？])\s+|\n\s*\n")
_CANCELLED = patcache.compile(r"(?i)\b(?:cancel+ed|called off|will not take place|is off)\b|取消")
_SAME = patcache.compile(r"(?i)\b(?:same (?:time|room|place|venue|location)|unchanged|as (?:usual|before|planned))\b")
# "Room change", "is now in Bryant Hall 104", "has been moved to Room 5", "new location: ...", "地点改为…";
# a plain "is in Room 5" says where, not that it changed.
_VENUE_CUE = gated(
    r"(?i)\b(?:room|venue|location) change\b|\bchange of (?:room|venue|location)\b|"
    r"\bnew (?:room|venue|location)\b\s?(?:is|:)?\s?|\brelocated to\b\s?|"
    r"\b(?:has been |have been |was |is )?moved to\b\s?|"
    r"\b(?:is|are|will|has|will be|has been)\s(?:now\s)(?:be\s)?(?:held\s|taking place\s)?in\b\s?|\bnow in\b\s?|"
    r"地点(?:变更|改为|改在|调整为)[:：]?|改在|改至")
# After "Room change": where the new room is named ("... will be held in X", "...: X").
_VENUE_INTRO = patcache.compile(
    r"(?i)\b(?:is|are|will be|be|takes place|will take place|held|now)\s(?:now\s)?(?:held\s)?"
    r"in\b\s?")
_VENUE_COLON = patcache.compile(r"\s?[:：]\s?")
# "Bryant Hall 104", "Lecture Theatre B, Kirkby Building", "地学楼305报告厅": words up to a bracket or a
# full stop, with at most two more comma pieces that start with a capital or a digit.
_VENUE_PHRASE = patcache.compile(r"(?:the\s)?([A-Z0-9\u4e00-\u9fff][\w.\u4e00-\u9fff'’-]{0,40}"
                                 r"(?:[ \t][\w.\u4e00-\u9fff'’-]{1,40}){0,7}"
                                 r"(?:,[ \t][A-Z0-9][\w.'’-]{0,40}(?:[ \t][\w.'’-]{1,40}){0,5}){0,2})")
_VENUE_STOP = patcache.compile(r"(?i)\s(?:because|since|due|as|and|on|at|from|instead|for|with|until|this|today|"
                               r"tomorrow|tonight|next)\b.*$")
_ONLINE_ONLY = gated(
    r"(?i)\b(?:moved|moving|switched|changed|will move|move[sd]?)\s(?:online|to\s(?:zoom|teams|ms teams|"
    r"microsoft teams|webex|google meet|an? online|a virtual|virtual))|\b(?:online|virtual|zoom)[ -]only\b|"
    r"\bwill (?:now )?be (?:held )?(?:online|virtual|on zoom|via zoom)\b|\binstead of in person\b|"
    r"改为线上|改为腾讯会议|改为在线")
_HYBRID = patcache.compile(
    r"(?i)\b(?:also|now)\s(?:be\s)?(?:streamed|livestreamed|available online|broadcast|on zoom|"
    r"via zoom|on teams|hybrid)|\bnow hybrid\b|\bstreamed (?:live )?(?:on|via)\b|同步直播|线上同步")
_TIME_CUE = gated(r"(?i)\bnew (?:time|date)\b|\b(?:time|date) change\b|\b(?:rescheduled|postponed|moved|"
                       r"changed|brought forward)\s(?:to|until)\b|\bnow (?:starts?|begins?|at)\b|"
                       r"\b(?:rescheduled|postponed|moved|changed)\sfrom\b[^.;\n]{3,60}?\bto\b|"
                       r"改期|推迟至|延期至|时间改为|时间调整为")
# A time of day or a date in a sentence ("2:00-3:00 pm", "Friday, May 23", "3月8日").
_WHEN_WORD = gated(r"(?i)\b\d{1,2}(?:[:.]\d{2})?\s?[ap]\.?m\b|\b\d{1,2}:\d{2}\b|\d{1,2}[:：]\d{2}|[上下]午\d|"
                        r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|"
                        r"nov|dec)[a-z]{0,6}\.?\s\d|\d{1,2}\s(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|"
                        r"\d{1,2}月\d{1,2}日|\bnoon\b|tomorrow|明天|下周")
# "REMINDER: today at 4pm in Beattie 2.19", "Reminder - tomorrow, 3:30", "提醒：今天下午4点"
# (not "Reminder that our own reading group meets on Friday": that is another meeting)
_REMINDER = patcache.compile(
    r"(?i)^\W{0,3}(?:(?:friendly |quick )?reminder\s?[:：!–-]|(?:just )?a reminder that (?:the|this|"
    r"today's|tomorrow's) (?:talk|seminar|colloquium|lecture|webinar|defen[cs]e)\b|提醒[:：])")


def changes_in(note: str) -> list[Change]:
    """The changes a newer note states, sentence by sentence; a sentence that says nothing changed
    ("same time", "the link is unchanged") changes nothing."""
    found: list[Change] = []
    for sentence in _SENTENCE_END.split(note[:20_000]):
        sentence = " ".join(sentence.split())
        if not sentence or len(sentence) > _MAX_LINE:
            continue
        if _CANCELLED.search(sentence):
            found.append(Change("cancelled", None, sentence))
            continue
        if _ONLINE_ONLY.search(sentence):
            found.append(Change("online", None, sentence))
        elif _HYBRID.search(sentence):
            found.append(Change("hybrid", None, sentence))
        elif (cue := _VENUE_CUE.search(sentence)) and not _SAME.search(sentence[cue.start():cue.end() + 30]):
            venue = _venue_after(sentence, cue)
            if venue or "change" in cue.group(0).lower():
                found.append(Change("venue", venue, sentence))
        if _TIME_CUE.search(sentence) and _WHEN_WORD.search(sentence) and not _SAME.search(sentence):
            found.append(Change("time", None, sentence))
        elif _REMINDER.match(sentence) and _TIME_OF_DAY.search(sentence):
            found.append(Change("reminder", None, sentence))
    return found


_STARTS_WITH_WHEN = gated(
    r"(?i)(?:\d{1,2}(?:[:.]\d{2})?\s?(?:[ap]\.?m\b|-|–|to\b)|\d{1,2}:\d{2}|noon|midday|"
    r"(?:next\s)?(?:mon|tues|wednes|thurs|fri|satur|sun)day|tomorrow|today|"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]{0,6}\.?\s\d|\d{1,2}\s(?:jan|feb|mar|apr|may|jun|"
    r"jul|aug|sep|oct|nov|dec)|\d{1,2}月|下午|上午|周)")


def _venue_after(sentence: str, cue: re.Match[str]) -> str | None:
    """The room named after a cue: "now in Bryant Hall 104 (ground floor)" → "Bryant Hall 104"."""
    tail = sentence[cue.end():]
    if cue.group(0).lower().rstrip().endswith("change"):  # "Room change: ... is now in X" → look further
        again = _VENUE_CUE.search(tail) or _VENUE_INTRO.search(tail) or _VENUE_COLON.match(tail)
        if not again:
            return None
        tail = tail[again.end():]
    tail = tail.lstrip(" :：")
    if _STARTS_WITH_WHEN.match(tail):  # "moved to 2:00-3:00 pm", "moved to Friday": a time change
        return None
    phrase = _VENUE_PHRASE.match(tail)
    if not phrase:
        return None
    venue = _VENUE_STOP.sub("", phrase.group(1)).strip(" .,;")
    if not venue or _TIME_OF_DAY.search(venue) or (re.search(r"\d", venue) is None and len(venue.split()) < 2):
        return None
    return venue


# ------------------------------------------------------------------------------ applying them to the record

def revise(record: Record, message: Message, parse_note: Callable[[str], Record]) -> Record:
    """Apply the newer text's changes to the announcement's record, each with a warning that names it;
    the sender becomes the host when the newest text says so and the record names none. ``parse_note``
    parses a note on its own (for its times and meeting links)."""
    warnings = list(record.warnings)
    if not message.changes:
        host = record.host or (sender_name(message.parts[0].headers.get("from")) if message.sender_hosts else None)
        return replace(record, host=host, warnings=tuple(warnings))
    notes = "\n\n".join(message.notes)
    note = parse_note(notes)
    venue, online, attendance = record.location.venue, record.location.online, record.attendance
    start, end = record.start, record.end
    for change in message.changes:
        if change.kind == "cancelled":
            warnings.append(f"cancelled: the newer message says so ({_quote(change.said)})")
        elif change.kind == "venue" and (change.value or note.location.venue):
            new = change.value or note.location.venue
            if new and new != venue:
                warnings.append(f"room change: {venue or 'no venue'} → {new} ({_quote(change.said)})")
                venue = new
        elif change.kind in ("online", "hybrid"):
            online = note.location.online or online
            if change.kind == "online":
                attendance, venue = "online", None
                warnings.append(f"moved online ({_quote(change.said)})")
            else:
                attendance = "hybrid" if venue else "online"
                warnings.append(f"now {attendance}: a meeting link is added ({_quote(change.said)})")
        elif change.kind == "time":
            new_start, new_end = _new_times(record, change.said, parse_note)
            if new_start and new_start != start:
                warnings.append(f"new time: {start} → {new_start} ({_quote(change.said)})")
                start, end = new_start, new_end
        elif change.kind == "reminder":  # its time should agree; when it does not, the newer text wins
            new_start, _ = _new_times(record, change.said, parse_note)
            if new_start and start and "T" in start and new_start[:10] == start[:10] and new_start[:16] != start[:16]:
                warnings.append(f"the reminder gives another time: {start} → {new_start} ({_quote(change.said)})")
                end = _shift(end, start, new_start)
                start = new_start
    host = record.host or (sender_name(message.parts[0].headers.get("from")) if message.sender_hosts else None)
    # what the note changed no longer points into the announcement's text
    stale = {"venue"} if venue != record.location.venue else set()
    stale |= {"online"} if online != record.location.online else set()
    stale |= {"start", "end"} if start != record.start else set()
    evidence = tuple(e for e in record.evidence if e.field not in stale)
    return replace(record, location=Location(venue, online), attendance=attendance, start=start, end=end,
                   host=host, warnings=tuple(dict.fromkeys(warnings)), evidence=evidence)


# "has been moved from Tuesday, May 6 to Thursday, May 8": the old date is not the new one.
_MOVED_FROM = patcache.compile(r"(?i)\b(moved|postponed|rescheduled|changed|shifted|pushed|brought\s+forward)\s+from\b"
                               r"[^.;\n]{3,60}?\bto\b")


def _new_times(record: Record, said: str, parse_note: Callable[[str], Record]) -> tuple[str | None, str | None]:
    """The start and end the sentence gives: with its own date ("postponed to Friday, May 23, 2pm"), or
    the announcement's date when it gives only times ("moved to 2:00-3:00 pm")."""
    said = _MOVED_FROM.sub(r"\1 to", said)  # "moved from Tuesday, May 6 to Thursday, May 8": the new one
    alone = parse_note(said)
    if alone.start and "T" in alone.start:
        return alone.start, alone.end
    if record.start is None:
        return None, None
    if alone.start and "T" in record.start and alone.start != record.start[:10]:  # a new day, the same hours
        end = alone.start + record.end[10:] if record.end and record.end[:10] == record.start[:10] else None
        return alone.start + record.start[10:], end
    dated = parse_note(f"Date: {record.start[:10]}\nTime: {said}")
    if dated.start and "T" in dated.start and dated.start[:10] == record.start[:10]:
        return dated.start, dated.end
    return None, None


def _shift(end: str | None, start: str, new_start: str) -> str | None:
    """Keep the talk's length when a reminder moves its start."""
    if not end or "T" not in end:
        return end
    try:
        old, new, finish = (datetime.fromisoformat(x[:16]) for x in (start, new_start, end))
    except ValueError:
        return None
    return (finish + (new - old)).isoformat(timespec="minutes") + new_start[16:]


def _quote(text: str) -> str:
    return f"“{text[:120]}{'…' if len(text) > 120 else ''}”"


def sender_name(raw: str | None) -> str | None:
    """The display name of a From: header, first name first: ``"Raghunathan, Priya" <p@x>`` → ``Priya Raghunathan``."""
    if not raw:
        return None
    name, _ = parseaddr(raw)
    name = name.strip().strip('"')
    if not name or "@" in name:
        return None
    if name.count(",") == 1:
        last, first = (x.strip() for x in name.split(","))
        name = f"{first} {last}"
    return name


__all__ = ["Change", "Message", "Part", "changes_in", "normalise_date", "read", "revise", "sender_name",
           "strip_signature"]
