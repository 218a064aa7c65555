"""Emails: MIME → the text of the message and the headers that help (Subject, Date), each part decoded
in its own charset.

The text keeps every part that can hold the announcement (the body, a forwarded ``message/rfc822``
attachment rendered as a forward, text attachments); :mod:`seminar_parse.message` then finds the
announcement in it. A declared charset is used strictly; when it fails or reads implausibly (Latin-1
bytes sent as ``us-ascii``, GBK sent as ``utf-8``, Big5 sent as ``gb2312``), the part's own bytes decide
and ``repairs`` says so. A ``text/calendar`` part (or an attached ``.ics``) is read into a
:class:`Calendar`, authoritative for start, end, zone, location and summary. A structure the stdlib
cannot walk falls back to the raw text of the message. ``From:`` is never a speaker by itself.
"""

from __future__ import annotations

import codecs
import contextlib
import re
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import datetime
from email import policy
from email.header import decode_header
from email.message import Message as StdMessage
from email.parser import BytesParser
from functools import cache
from itertools import pairwise

from seminar_parse import patcache
from seminar_parse.record import Location, Record

_HEADER_LINE = re.compile(rb"^[A-Za-z][A-Za-z0-9-]{0,40}:(?:[ \t]|$)")
_MAIL_HEADERS = {b"from", b"to", b"subject", b"date", b"received", b"return-path", b"message-id",
                 b"mime-version", b"content-type", b"cc", b"reply-to", b"delivered-to", b"sender"}
# Declared names → the superset codec that reads them (GB2312/GBK text is valid GB18030, and so on).
_CHARSET_SUPERSET = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "cp936": "gb18030",
                     "euc-cn": "gb18030", "big5": "big5hkscs", "big5-hkscs": "big5hkscs", "x-big5": "big5hkscs",
                     "us-ascii": "ascii", "ascii": "ascii", "iso-8859-1": "cp1252", "latin-1": "cp1252",
                     "latin1": "cp1252", "iso8859-1": "cp1252", "windows-1252": "cp1252", "utf8": "utf-8"}
_WANTED_HEADERS = ("subject", "date", "from", "to")
# How much less plausible than the best reading the declared charset's may be and still be kept.
_DECLARED_BONUS = 0.2
_MAX_PARTS = 200


@dataclass(frozen=True)
class Calendar:
    """The first VEVENT of an invitation, as printed: DTSTART/DTEND values with their TZID."""

    start: str | None = None
    end: str | None = None
    tzid: str | None = None
    location: str | None = None
    summary: str | None = None


@dataclass(frozen=True)
class Mail:
    headers: dict[str, str]
    body: str
    charset: str
    html: bool
    repairs: tuple[str, ...] = ()
    calendar: Calendar | None = None
    notes: tuple[str, ...] = field(default=())  # what was odd about the structure (broken MIME)


def looks_like_mail(data: bytes) -> bool:
    """Two or more RFC 822 headers such as From/Subject/Date at the very top."""
    head = data[:4000].lstrip(b"\xef\xbb\xbf")
    if head.startswith(b"From ") and b"\n" in head:  # mbox separator line
        head = head.split(b"\n", 1)[1]
    seen = 0
    for raw in head.splitlines()[:40]:
        if not raw.strip():
            break
        if raw[:1] in b" \t":
            continue
        if not _HEADER_LINE.match(raw):
            return False
        if raw.split(b":", 1)[0].strip().lower() in _MAIL_HEADERS:
            seen += 1
    return seen >= 2


_MBOX_SEPARATOR = re.compile(rb"^From \S+.*$", re.MULTILINE)
_MBOX_ESCAPE = re.compile(rb"^>(>*From )", re.MULTILINE)


def split_mbox(data: bytes) -> list[bytes]:
    """An mbox file (messages each opened by a ``From `` line) → one bytes per message; else ``[data]``."""
    if not data.startswith(b"From "):
        return [data]
    starts = [m.start() for m in _MBOX_SEPARATOR.finditer(data)]
    if len(starts) < 2:
        return [data]
    bounds = [*starts, len(data)]
    messages = [data[a:b] for a, b in pairwise(bounds)]
    # ">From " lines inside bodies are mboxrd escapes
    return [_MBOX_ESCAPE.sub(rb"\1", m) for m in messages if m.strip()]


# ------------------------------------------------------------------------------ reading a message

def read_mail(data: bytes) -> Mail:
    """The message's headers (RFC 2047 decoded, with the charset fallback) and its text."""
    if data.startswith(b"From ") and b"\n" in data[:1000]:
        data = data.split(b"\n", 1)[1]
    repairs: list[str] = []
    headers = _headers(data, repairs)
    message = BytesParser(policy=policy.compat32).parsebytes(data)
    texts: list[tuple[str, bool]] = []
    charset = ""
    calendar: Calendar | None = None
    try:
        leaves = _leaves(message)
    except (TypeError, ValueError, LookupError, AssertionError):  # a structure the stdlib cannot walk
        leaves = []
    plain = [p for p, _ in leaves if p.get_content_type() == "text/plain"]
    pending: dict[str, str] | None = None  # an attached message's headers, until its first text is read
    for part, opens in leaves:
        pending = opens or pending
        kind = part.get_content_type()
        if kind in ("text/calendar", "application/ics") or (part.get_filename() or "").lower().endswith(".ics"):
            payload = _payload(part)
            if payload is not None and calendar is None:
                calendar = read_calendar(_decode_part(payload, part.get_content_charset(), [])[0])
            continue
        if kind not in ("text/plain", "text/html") or (kind == "text/html" and plain):
            continue
        payload = _payload(part)
        if payload is None:
            continue
        text, codec = _decode_part(payload, part.get_content_charset(), repairs)
        if not text.strip():
            continue
        texts.append((_forward_heading(pending) + text, kind == "text/html"))
        pending = None
        charset = charset or codec
    notes: tuple[str, ...] = ()
    if not texts:  # nothing walkable: the raw text after the headers, decoded the same way
        text, codec = _decode_part(_raw_body(data), None, repairs)
        texts, charset = [(_strip_mime_lines(text), False)], codec
        if message.defects:
            notes = ("broken MIME structure: read as raw text",)
    html = all(is_html for _, is_html in texts)
    body = "\n\n".join(text for text, is_html in texts if is_html == html)
    return Mail(headers, body, charset or "utf-8", html, tuple(dict.fromkeys(repairs)), calendar, notes)


def _leaves(message: StdMessage) -> list[tuple[StdMessage, dict[str, str] | None]]:
    """The non-multipart parts, in order, each with the headers of the attached message it opens (if any)."""
    found: list[tuple[StdMessage, dict[str, str] | None]] = []
    stack: list[tuple[StdMessage, dict[str, str] | None]] = [(message, None)]
    while stack and len(found) < _MAX_PARTS:
        part, opens = stack.pop(0)
        payload = part.get_payload()
        if part.get_content_type() == "message/rfc822" and isinstance(payload, list):
            inner = [p for p in payload if isinstance(p, StdMessage)]
            stack = [(p, {k.lower(): _decode_header_value(str(v), []) for k, v in p.items()
                          if k.lower() in _WANTED_HEADERS}) for p in inner] + stack
            continue
        if part.is_multipart() and isinstance(payload, list):
            children = [p for p in payload if isinstance(p, StdMessage)]
            stack = [(p, opens if i == 0 else None) for i, p in enumerate(children)] + stack
            continue
        found.append((part, opens))
    return found


def _forward_heading(opens: dict[str, str] | None) -> str:
    """An attached message's first text part opens with its headers, the way a mailer shows a forward."""
    if not opens:
        return ""
    lines = ["---------- Forwarded message ---------"]
    lines += [f"{key.capitalize()}: {opens[key]}" for key in ("from", "date", "subject", "to") if opens.get(key)]
    return "\n".join(lines) + "\n\n"


def _payload(part: StdMessage) -> bytes | None:
    try:
        payload = part.get_payload(decode=True)
    except (TypeError, ValueError, LookupError, AssertionError):
        return None
    return payload if isinstance(payload, bytes) else None


_BOUNDARY_LINE = patcache.compile(r"^--[^\s]{1,200}$")
_MIME_HEADER = patcache.compile(r"(?i)^(?:content-[a-z-]{1,40}|mime-version)\s?:.{0,500}$")


def _raw_body(data: bytes) -> bytes:
    for separator in (b"\r\n\r\n", b"\n\n"):
        at = data.find(separator)
        if at >= 0:
            return data[at + len(separator):]
    return data


def _strip_mime_lines(text: str) -> str:
    """Boundary lines and part headers out of a raw multipart body; the text between them stays."""
    return "\n".join(x for x in text.replace("\r\n", "\n").split("\n")
                     if not (_BOUNDARY_LINE.match(x.strip()) or _MIME_HEADER.match(x)))


# ------------------------------------------------------------------------------ headers

_RAW_HEADER = re.compile(rb"^([A-Za-z][A-Za-z0-9-]{0,40}):[ \t]?(.*)$")


def _headers(data: bytes, repairs: list[str]) -> dict[str, str]:
    """Subject, Date, From and To from the raw header block: unfolded, RFC 2047 words decoded with their
    charset (or, when it fails, the bytes' own), raw 8-bit bytes decoded the same way."""
    block = _raw_header_block(data)
    found: dict[str, bytes] = {}
    last: str | None = None
    for raw in block.split(b"\n"):
        raw = raw.rstrip(b"\r")
        if raw[:1] in (b" ", b"\t") and last:
            found[last] += b" " + raw.strip()
            continue
        match = _RAW_HEADER.match(raw)
        last = None
        if match:
            name = match.group(1).decode("ascii").lower()
            if name in _WANTED_HEADERS and name not in found:
                found[name] = match.group(2).strip()
                last = name
    return {name: _decode_header_value(value.decode("latin-1"), repairs) for name, value in found.items()}


def _raw_header_block(data: bytes) -> bytes:
    ends = [at for at in (data.find(b"\n\n"), data.find(b"\r\n\r\n")) if at >= 0]
    return data[:min(ends)] if ends else data


def _decode_header_value(value: str, repairs: list[str]) -> str:
    """An RFC 2047 header (``=?utf-8?b?...?=``, raw bytes carried as Latin-1 code points) → text."""
    try:
        pieces = decode_header(value)
    except (ValueError, LookupError, AssertionError):
        pieces = [(value, None)]
    out: list[str] = []
    for piece, charset in pieces:
        data = piece.encode("latin-1", errors="replace") if isinstance(piece, str) else piece
        out.append(_decode_part(data, charset, repairs)[0])
    return " ".join(" ".join(out).split())


# ------------------------------------------------------------------------------ charsets

def _codec(name: str | None) -> str | None:
    """A declared charset → the codec that reads it, or None when Python has none (or it is not text)."""
    if not name:
        return None
    name = name.strip().strip('"').lower()
    name = _CHARSET_SUPERSET.get(name, name)
    try:
        info = codecs.lookup(name)
    except (LookupError, ValueError):
        return None
    if not getattr(info, "_is_text_encoding", True) or info.name in ("idna", "punycode", "undefined"):
        return None
    return info.name


def _decode_part(data: bytes, declared: str | None, repairs: list[str]) -> tuple[str, str]:
    """``data`` → (text, codec): the declared charset when it reads the bytes plausibly, else the best of
    UTF-8, cp1252, GB18030 and Big5-HKSCS (and charset-normalizer's guess for other scripts), noted in
    ``repairs``. Never a U+FFFD for bytes some candidate could read."""
    codec = _codec(declared)
    if not data:
        return "", codec or "utf-8"
    if codec is not None and not _ascii_compatible(codec) and not data.isascii():
        reading = _strict(data, codec)
        if reading is not None and _badness(reading) == 0:
            return reading, codec
    if data.isascii() and (codec is None or _ascii_compatible(codec)):
        return data.decode("ascii"), codec or "utf-8"
    candidates: list[tuple[str, str]] = []
    if codec is not None:
        reading = _strict(data, codec)
        if reading is not None:
            candidates.append((codec, reading))
    for other in ("utf-8", "cp1252", "gb18030", "big5hkscs"):
        if other != codec:
            reading = _strict(data, other)
            if reading is not None:
                candidates.append((other, reading))
    candidates.append(("utf-8", data.decode("utf-8", errors="seminar-parse-cp1252")))
    scored = [(_badness(text), order, name, text) for order, (name, text) in enumerate(candidates)]
    if codec is not None and candidates[0][0] == codec:
        scored[0] = (scored[0][0] - _DECLARED_BONUS, *scored[0][1:])
    best = min(scored)
    high = sum(1 for ch in best[3] if ord(ch) > 0x7F)
    if high >= 20 and best[0] > 0.25 * high:  # none of the usual codecs reads it well: another script?
        guess = _normalizer_guess(data)
        if guess is not None and guess[0] not in {name for _, _, name, _ in scored}:
            best = min(best, (_badness(guess[1]), len(scored), *guess))
    name, text = best[2], best[3]
    if codec is None or name != codec:
        declared_name = (declared or "").strip().strip('"').lower()
        repairs.append(f"charset-mismatch: declared {declared_name}, decoded {name}" if declared_name
                       else f"charset-undeclared: decoded {name}")
    return text, name





def _ascii_compatible(codec: str) -> bool:
    return codec not in ("utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be", "utf-7") and \
        not codec.startswith("cp0") and codec not in ("cp500", "cp1140", "cp875")


def _strict(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        if codec == "cp1252":  # the five bytes cp1252 leaves undefined are Latin-1's C1 controls
            return data.decode("latin-1")
        return None


def _cp1252_for_bad_bytes(error: UnicodeError) -> tuple[str, int]:
    """A decode error handler: bytes that are not UTF-8 are read as cp1252 (mixed UTF-8 and cp1252)."""
    assert isinstance(error, UnicodeDecodeError)
    bad = error.object[error.start:error.end]
    return bad.decode("cp1252", errors="ignore") or bad.decode("latin-1"), error.end


codecs.register_error("seminar-parse-cp1252", _cp1252_for_bad_bytes)


def _normalizer_guess(data: bytes) -> tuple[str, str] | None:
    from charset_normalizer import from_bytes  # lazy: only for text no usual candidate reads

    best = from_bytes(data[:200_000]).best()
    if best is None or best.encoding is None:
        return None
    reading = _strict(data, best.encoding)
    return None if reading is None else (codecs.lookup(best.encoding).name, reading)


@cache
def _common_hanzi() -> tuple[frozenset[str], frozenset[str]]:
    """(level-1, level-2) Chinese characters: GB2312's two levels and Big5's two levels, each set the
    union of both standards, so that Simplified and Traditional text both read as common."""
    def chars(codec: str, leads: range, trails: list[int]) -> set[str]:
        out = set()
        for lead in leads:
            for trail in trails:
                with contextlib.suppress(UnicodeDecodeError):
                    out.add(bytes([lead, trail]).decode(codec))
        return out

    big5_trails = [*range(0x40, 0x7F), *range(0xA1, 0xFF)]
    gb_trails = list(range(0xA1, 0xFF))
    level1 = chars("gb2312", range(0xB0, 0xD8), gb_trails) | chars("big5", range(0xA4, 0xC7), big5_trails)
    level2 = chars("gb2312", range(0xD8, 0xF8), gb_trails) | chars("big5", range(0xC9, 0xFA), big5_trails)
    return frozenset(level1), frozenset(level2 - level1)


@cache
def _frequent_hanzi() -> frozenset[str]:
    """The hundred most frequent Chinese characters (charset-normalizer's table): real text is full of
    them, while Simplified bytes read as Big5 (or Traditional as GBK) give rarer characters."""
    from charset_normalizer.constant import FREQUENCIES

    return frozenset(FREQUENCIES.get("Chinese", ()))


def _badness(text: str) -> float:
    """How implausible a reading is: 0 for ASCII and for letters where a language has them; controls,
    private-use and unassigned characters 1 each; rare ideographs, ideographs wedged inside Latin words and
    runs of accented Latin letters (Chinese bytes read as cp1252) in between."""
    level1, level2 = _common_hanzi()
    frequent = _frequent_hanzi()
    total = 0.0
    run = 0  # length of the current run of non-ASCII Latin-range characters
    length = len(text)
    for index, ch in enumerate(text):
        code = ord(ch)
        if code < 0x80:
            if run:
                total += _run_cost(run)
                run = 0
            if (code < 0x20 and ch not in "\t\n\r\f\v") or code == 0x7F:
                total += 1.0
            continue
        if code <= 0x24F or 0x2010 <= code <= 0x2122 or 0x2C6 <= code <= 0x2DC:
            if 0x80 <= code <= 0x9F:
                total += 1.0
            else:
                run += 1
                following = text[index + 1] if index + 1 < length else " "
                # "¤@" is Big5 read as cp1252: a rare sign, or a letter glued to "@[\]^_`{|}~"
                total += 0.0 if ch.isalpha() or ch in _COMMON_SIGNS else 0.6
                total += 0.6 if following in _ODD_AFTER_LETTER else 0.0
            continue
        if run:
            total += _run_cost(run)
            run = 0
        if ch == "\ufffd":
            total += 1.0
        elif 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF:
            previous = text[index - 1] if index else " "
            following = text[index + 1] if index + 1 < length else " "
            # glued to a Latin letter ("a閍" is "aéa" read as GBK); Chinese text puts them side by side less often
            glued = (previous.isascii() and previous.isalpha()) + (following.isascii() and following.isalpha())
            total += 0.45 * glued
            total += 0.0 if ch in frequent else 0.15 if ch in level1 else 0.4 if ch in level2 else 0.7
        elif 0x3000 <= code <= 0x303F or 0xFF00 <= code <= 0xFF60 or 0xFFE0 <= code <= 0xFFEF:
            pass  # CJK and full-width punctuation
        elif 0xFF61 <= code <= 0xFFDC:
            total += 0.6  # half-width katakana and hangul: old Japanese mail, or Big5 read as Shift_JIS
        elif 0x3040 <= code <= 0x30FF:
            total += 0.4  # kana: Japanese, or Big5 read as GBK
        elif 0x3100 <= code <= 0x312F:
            total += 0.8  # bopomofo: phonetic notes in Taiwan, or GBK's punctuation read as Big5 ("，" → "ㄛ")
        else:
            category = unicodedata.category(ch)
            if category in ("Co", "Cn", "Cs", "Cc"):
                total += 1.0
            elif category.startswith("L"):
                total += 0.3
            else:
                total += 0.5
    if run:
        total += _run_cost(run)
    return total


# Signs Western text uses (besides letters and cp1252's quotes and dashes); the rest of Latin-1's signs
# (¤ ¦ ¨ ¯ ´ ¸ ¬ ...) mostly come from reading CJK bytes as cp1252.
_COMMON_SIGNS = frozenset("\u00a0«»°§©®£€²³µ·¿¡½¼¾×÷¢¥“”‘’–—…•™‰†")
_ODD_AFTER_LETTER = frozenset("@[\\]^_`{|}~")


def _run_cost(run: int) -> float:
    """Accented Latin letters come one at a time ("Zürich", "Hörsaal"); two in a row happen ("réécrire"),
    long runs are CJK bytes read as cp1252 ("ÖÐÎÄ")."""
    return 0.0 if run == 1 else 0.4 * run if run == 2 else 0.8 * run


# ------------------------------------------------------------------------------ calendar invitations

_ICS_LINE = patcache.compile(r"^([A-Za-z-]{1,40})((?:;[^:\n]{0,300})?):(.*)$")
_ICS_TZID = patcache.compile(r"(?i);TZID=\"?([^;:\"]{1,80})\"?")
_ICS_STAMP = patcache.compile(r"^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})?(Z?))?$")


def read_calendar(text: str) -> Calendar | None:
    """The first VEVENT of an iCalendar text: its DTSTART, DTEND, TZID, LOCATION and SUMMARY."""
    unfolded = re.sub(r"\r?\n[ \t]", "", text[:200_000])
    values: dict[str, tuple[str, str]] = {}
    inside = False
    for line in unfolded.splitlines():
        if line.upper().startswith("BEGIN:VEVENT"):
            inside = True
            continue
        if line.upper().startswith("END:VEVENT"):
            if inside:
                break
            continue
        match = _ICS_LINE.match(line) if inside else None
        if match and match.group(1).upper() not in values:
            values[match.group(1).upper()] = (match.group(2), match.group(3))
    if "DTSTART" not in values:
        return None
    params = values["DTSTART"][0]
    tz = _ICS_TZID.search(params)
    return Calendar(start=values["DTSTART"][1].strip(), end=values.get("DTEND", ("", ""))[1].strip() or None,
                    tzid=tz.group(1).strip() if tz else None,
                    location=_ics_text(values.get("LOCATION", ("", ""))[1]),
                    summary=_ics_text(values.get("SUMMARY", ("", ""))[1]))


def _ics_text(value: str) -> str | None:
    value = value.replace("\\n", " ").replace("\\N", " ").replace("\\,", ",").replace("\\;", ";").replace("\\\\", "\\")
    value = " ".join(value.split())
    return value or None


def _ics_time(stamp: str | None, tzid: str | None) -> tuple[str | None, str | None]:
    """``20240319T150000`` with TZID America/New_York → (``2024-03-19T15:00-04:00``, the zone);
    a UTC stamp (``...Z``) stays in UTC; a date alone stays a date."""
    from seminar_parse.fields.zones import utc_offset, zone_info

    match = _ICS_STAMP.match(stamp or "")
    if not match:
        return None, None
    year, month, day, hour, minute, _, utc = match.groups()
    if hour is None:
        return f"{year}-{month}-{day}", None
    local = f"{year}-{month}-{day}T{hour}:{minute}"
    if utc:
        return f"{local}+00:00", "UTC"
    if tzid and zone_info(tzid) is not None:
        try:
            offset = utc_offset(tzid, datetime(int(year), int(month), int(day), int(hour), int(minute)))
        except ValueError:
            offset = None
        return f"{local}{offset or ''}", tzid
    return local, None


def apply_calendar(record: Record, calendar: Calendar) -> Record:
    """The invitation's start, end, zone, location and summary win over what the body says."""
    start, zone = _ics_time(calendar.start, calendar.tzid)
    end, _ = _ics_time(calendar.end, calendar.tzid)
    changes: dict[str, object] = {}
    if start:
        changes.update(start=start, end=end, timezone=zone or record.timezone if "T" in start else record.timezone)
    if calendar.location and not calendar.location.lower().startswith(("http://", "https://")):
        changes["location"] = Location(calendar.location, record.location.online)
    if calendar.summary and not record.title:
        changes["title"] = calendar.summary
    warnings = (*record.warnings, "calendar invitation: start, end and location from its text/calendar part")
    return replace(record, warnings=warnings, **changes)  # type: ignore[arg-type]
