"""The pipeline: bytes → decode → clean → sections → fields → :class:`Record`.

Each stage is a function of the previous stage's output; this module only wires them together
and holds the options. Parsing is deterministic: nothing here reads the clock.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from datetime import UTC, date
from email.utils import parsedate_to_datetime
from pathlib import Path

from seminar_parse import events, layout, message, patcache
from seminar_parse.clean import clean
from seminar_parse.decode import decode
from seminar_parse.errors import InputError, OptionError
from seminar_parse.fastre import anything, needles
from seminar_parse.fields import language, links, people, place, title, when
from seminar_parse.mail import apply_calendar, looks_like_mail, read_mail, split_mbox
from seminar_parse.record import Evidence, Location, Record, Source
from seminar_parse.sections import Document, split_document
from seminar_parse.vocab import UPDATE_NOTE

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
# The fields of a record are looked for in the first 50,000 characters of its cleaned text (a long announcement
# is 10,000): what runs on past them is an archive, a digest or a log, whose talks events.find reads one by one,
# and reading every date and name of a megabyte for one record made parsing cost seconds. Sections (the
# abstract, the bio), links and the talks of a programme are still read in the whole text.
FIELD_WINDOW = 50_000


DATE_ORDERS = ("dmy", "mdy")


@dataclass(frozen=True)
class Options:
    """How to read announcements; checked when made, so a bad option fails at once and says why
    (with the CLI's words: :class:`OptionError` names the option)."""

    reference_date: date | None = None
    tz: str | None = None
    date_order: str | None = None  # "dmy", "mdy" or None ("auto") to decide from the page
    max_bytes: int = DEFAULT_MAX_BYTES
    all_events: bool = False  # one record per talk of an input that lists several (a digest, a series page)
    since: date | None = None  # with several talks: only those starting on or after this day

    def __post_init__(self) -> None:
        object.__setattr__(self, "reference_date", check_reference_date(self.reference_date))
        object.__setattr__(self, "since", check_reference_date(self.since, "--since"))
        check_zone(self.tz)
        object.__setattr__(self, "date_order", check_date_order(self.date_order))
        if isinstance(self.max_bytes, bool) or not isinstance(self.max_bytes, int) or self.max_bytes < 1:
            raise OptionError("--max-bytes", f"'{self.max_bytes}' is not a positive number of bytes")


def check_reference_date(value: object, option: str = "--reference-date") -> date | None:
    """A :class:`date` (or an ISO ``YYYY-MM-DD`` string, as the CLI gets it) or None."""
    if value is None or isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise OptionError(option, f"'{value}' is not a date in the form YYYY-MM-DD")


def check_zone(value: object) -> str | None:
    """An IANA zone name, or None."""
    if value is None:
        return None
    from seminar_parse.fields.zones import zone_info

    if not isinstance(value, str) or not value or zone_info(value) is None:
        raise OptionError("--tz", f"'{value}' is not an IANA time zone (e.g. America/New_York, Asia/Shanghai)")
    return value


def check_date_order(value: object) -> str | None:
    """"dmy" or "mdy"; None and "auto" both mean: decided by the page."""
    if value is None or value == "auto":
        return None
    if value not in DATE_ORDERS:
        raise OptionError("--date-order", f"'{value}' is not one of dmy, mdy, auto")
    return str(value)


def parse_bytes(data: bytes, path: str | None, options: Options = Options()) -> Record:
    """Parse one announcement given as bytes; ``path`` is recorded and named in errors. An input that
    lists several talks gives its featured (or first) one, with a warning; see :func:`parse_bytes_all`."""
    return _parse_input(data, path, replace(options, all_events=False))[0]


def _parse_input(data: bytes, path: str | None, options: Options) -> list[Record]:
    """The input's records: its main talk, and with ``options.all_events`` every other talk it lists."""
    shown = path or "<stdin>"
    if len(data) > options.max_bytes:
        raise InputError(shown, f"file is larger than the limit of {options.max_bytes} bytes (see --max-bytes)")
    headers: dict[str, str] = {}
    html = False
    mail = None
    if looks_like_mail(data):
        mail = read_mail(data)
        headers, html = mail.headers, mail.html
        decoded = decode(mail.body.encode("utf-8"), shown)
        decoded = replace(decoded, repairs=(*mail.repairs, *decoded.repairs))
        encoding, media_type = mail.charset, "message/rfc822"
    else:
        decoded = decode(data, shown)
        encoding = decoded.encoding
        html = (path or "").lower().endswith((".html", ".htm")) or _is_html(decoded.text)
        media_type = "text/html" if html else "text/markdown" if (path or "").lower().endswith(".md") else "text/plain"
    text = decoded.text
    page_links: tuple[str, ...] = ()
    if html:
        from seminar_parse.html_input import html_to_text  # lxml and inscriptis: only for pages

        text, page_links = html_to_text(text)
        if not text.strip():
            raise InputError(shown, "an HTML page with no text in it")
    source = Source(path, hashlib.sha256(data).hexdigest(), encoding, decoded.repairs, media_type)
    # The message model (forwards, quoted replies, signatures, digests): for emails, and for pasted text
    # that holds a forwarded or quoted message; the newer text's changes are applied after parsing.
    thread = message.read(text, headers, mail=mail is not None)
    if mail is None and len(thread.parts) == 1:
        record, doc = _parse_doc(text, source, headers, options, page_links)
        parse_headers: dict[str, str] = headers
    else:
        record, doc = _parse_doc(thread.text, source, thread.headers, options, page_links)
        parse_headers = thread.headers
        # a note's "today" is the day the newest message was sent (or, without its headers, the announcement's)
        note_headers = {**thread.headers, **thread.parts[0].headers}
        record = message.revise(record, thread, lambda note: _parse(note, source, note_headers, options))
        if mail is not None and mail.calendar is not None:
            record = apply_calendar(record, mail.calendar)
        if mail is not None and mail.notes:
            record = replace(record, warnings=(*record.warnings, *mail.notes))
    newest = thread.parts[0].headers if thread.parts else {}
    sent = _sent(newest.get("date") or thread.headers.get("date") or headers.get("date"))
    sequence = _sequence(text, headers, thread)
    record = replace(record, sent=sent, sequence=sequence)
    if decoded.warnings:
        record = replace(record, warnings=(*decoded.warnings, *record.warnings))
    talks = [replace(talk, sent=sent, sequence=sequence)
             for talk in _talks(record, doc, thread, source, parse_headers, options)]
    if len(talks) <= 1:
        return [record]
    if options.since is not None:
        talks = [t for t in talks if t.start is None or t.start[:10] >= options.since.isoformat()] or talks[:1]
    if not options.all_events:
        first = talks[0]
        note = f"this input lists {len(talks)} talks; this record is the first (--all-events gives one record each)"
        return [replace(first, warnings=(*first.warnings, note))]
    return talks


def _talks(main: Record, doc: Document, thread: message.Message, source: Source, headers: dict[str, str],
           options: Options) -> list[Record]:
    """Every talk of an input that lists several, in page order, each with its index and fragment; the main
    record alone otherwise. Each item is read on its own and together with the lines its talks share."""
    blocks: list[tuple[tuple[int, int] | None, str]]
    if thread.items:  # a digest's sections, the first included: each is read the same way
        blocks = [(None, text) for text in thread.items]
        shared, featured, base_lines = thread.shared, False, None
    else:
        programme = events.find(doc)
        if programme is None:
            return [main]
        blocks = [((item.first, item.last), item.text) for item in programme.items]
        shared, featured = programme.shared, programme.featured
        base_lines = (1, programme.items[0].first) if featured else None
    found: list[Record] = [main] if featured else []
    previous = main.start if featured else None
    for lines, text in blocks:
        item_options = options
        if previous is not None:
            item_options = replace(options, reference_date=date.fromisoformat(previous[:10]))
        item_source = replace(source, fragment=(lines[0] + 1, lines[1] + 1) if lines else None)
        own = _parse(text, item_source, headers, item_options)
        together = _parse(f"{text}\n\n{shared}", item_source, headers, item_options) if shared.strip() else None
        talk = events.merge(own, together, main)
        if not events.is_event(text, talk):
            continue
        found.append(talk)
        previous = talk.start or previous
    if len(found) <= 1 or (not thread.items and not _distinct(found)):
        return [main]
    if base_lines is not None:
        found[0] = replace(found[0], source=replace(found[0].source, fragment=base_lines))
    count = len(found)
    return [replace(talk, event_index=number, event_count=count) for number, talk in enumerate(found, 1)]


def _distinct(talks: list[Record]) -> bool:
    """Two copies of one talk (a bilingual page, a repeated block) are not two talks."""
    starts = [t.start for t in talks]
    return len(set(starts)) == len(starts)


def _sent(raw: str | None) -> str | None:
    """A Date: header as ISO 8601 UTC ("2024-03-01T14:05:00Z"); a date without a zone is taken as UTC."""
    if not raw:
        return None
    try:
        moment = parsedate_to_datetime(raw)
    except (TypeError, ValueError, IndexError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


_MAY_HOLD_UPDATE_NOTE = needles(UPDATE_NOTE) or anything


def _sequence(text: str, headers: dict[str, str], thread: message.Message) -> int:
    """How many updates the input carries: its update notes ("UPDATED", "Rescheduled", "改期"), one a line,
    subject included, or the changes a newer message in the thread states, whichever is more."""
    head = f"{headers.get('subject') or ''}\n{text[:200_000]}"
    if not (_MAY_HOLD_UPDATE_NOTE(head) and UPDATE_NOTE.search(head)):
        notes = 0
    else:
        notes = sum(1 for line in head.splitlines() if UPDATE_NOTE.search(line))
    changes = sum(1 for change in thread.changes if change.kind != "reminder")
    return min(max(notes, changes), 999)


def parse_path(path: str | Path, options: Options = Options()) -> Record:
    """Read and parse one file; unreadable files raise :class:`InputError`."""
    return parse_bytes(_read(path, options), str(path), options)


def parse_path_all(path: str | Path, options: Options = Options()) -> list[Record]:
    """Like :func:`parse_path`, but an mbox file holding several messages gives one record each."""
    return parse_bytes_all(_read(path, options), str(path), options)


def parse_bytes_all(data: bytes, path: str | None, options: Options = Options()) -> list[Record]:
    """Like :func:`parse_bytes`; an mbox gives one record per message (a message that fails is skipped
    with its reason in the first record's warnings, unless all fail)."""
    messages = split_mbox(data) if looks_like_mail(data[data.find(b"\n") + 1:] if data.startswith(b"From ") else data) \
        else [data]
    if len(messages) == 1:
        return _parse_input(data, path, options)
    records: list[Record] = []
    failures: list[str] = []
    for number, one in enumerate(messages, 1):
        try:
            records.extend(_parse_input(one, path, options))
        except InputError as error:
            failures.append(f"message {number}: {error.reason}")
    if not records:
        raise InputError(path or "<stdin>", f"no usable message in this mbox ({'; '.join(failures)})")
    if failures:
        first = records[0]
        records[0] = replace(first, warnings=(*first.warnings, *failures))
    return records


# A cheap first look, so that plain text never imports lxml: does any block tag appear at all?
_TAG_HINT = patcache.compile(r"(?i)<(?:!doctype|html|body|p|div|table|br|li|h[1-6])\b")


def _is_html(text: str) -> bool:
    if not _TAG_HINT.search(text, 0, 100_000):
        return False
    from seminar_parse.html_input import looks_like_html

    return looks_like_html(text)


def _read(path: str | Path, options: Options) -> bytes:
    shown = str(path)
    file = Path(path)
    try:
        if file.is_dir():
            raise InputError(shown, "is a directory")
        too_large = f"file is larger than the limit of {options.max_bytes} bytes (see --max-bytes)"
        if file.stat().st_size > options.max_bytes:
            raise InputError(shown, too_large)
        with file.open("rb") as handle:
            data = handle.read(options.max_bytes + 1)  # a device or a pipe claims no size: the read is the bound
        if len(data) > options.max_bytes:
            raise InputError(shown, too_large)
    except FileNotFoundError:
        raise InputError(shown, "no such file") from None
    except PermissionError:
        raise InputError(shown, "permission denied") from None
    except IsADirectoryError:
        raise InputError(shown, "is a directory") from None
    except OSError as error:
        raise InputError(shown, f"cannot read ({error.strerror or error})") from None
    return data


def _parse(text: str, source: Source, headers: dict[str, str], options: Options,
           page_links: tuple[str, ...] = ()) -> Record:
    return _parse_doc(text, source, headers, options, page_links)[0]


def _parse_doc(text: str, source: Source, headers: dict[str, str], options: Options,
               page_links: tuple[str, ...] = ()) -> tuple[Record, Document]:
    """The record of ``text``, and the document it was read from (for finding several talks in it)."""
    cleaned = clean(text)
    doc = split_document(cleaned.text, hidden_links=(*page_links, *cleaned.hidden_links), headers=headers,
                         front_matter=cleaned.front_matter)
    doc = replace(doc, layout=layout.build(doc, cleaned.headings))
    lang = language.detect(cleaned.text, tuple(item.label for item in doc.labelled if not item.inline))
    head = doc.head(FIELD_WINDOW)
    found_when = when.extract(head, reference=options.reference_date, default_tz=options.tz,
                              date_order=options.date_order, chinese=lang == "zh")
    head = replace(head, date_lines=frozenset(head.line_at(start) for start, _ in found_when.all_spans))
    doc = replace(doc, date_lines=head.date_lines)
    found_people = people.extract(head)
    speaker_lines = frozenset(_whole_lines(head, [e for e in found_people.evidence if e.field == "speakers"]))
    found_what = title.extract(head, [s.name for s in found_people.speakers], speaker_lines)
    found_where = place.extract(head, datetime_spans=found_when.all_spans, taken_lines=speaker_lines)
    found_links = links.extract(doc, exclude=found_where.meeting_urls)
    abstract = doc.abstract.text if doc.abstract else None
    bio = doc.bio.text if doc.bio else None
    evidence = (*found_when.evidence, *found_people.evidence, *found_what.evidence, *found_where.evidence)
    return Record(
        source=source,
        language=lang,
        event_type=found_what.event_type,
        series=found_what.series,
        title=found_what.title,
        speakers=tuple(people.home_affiliation(head, found_people.speakers, found_what.event_type)),
        start=found_when.start,
        end=found_when.end,
        timezone=found_when.timezone,
        attendance=found_where.attendance,
        location=Location(found_where.venue, found_where.online),
        host=found_people.host,
        abstract=abstract,
        bio=bio,
        links=tuple(found_links),
        warnings=tuple(dict.fromkeys(found_when.warnings)),
        evidence=evidence,
        choices=(*found_what.choices, *found_people.choices, *found_where.choices),
        cleaned_text=cleaned.text,
    ), doc


def _whole_lines(doc: Document, evidence: list[Evidence]) -> set[int]:
    """Lines an extractor read as a whole (a speaker's name line, affiliation lines), not lines it only
    quoted from ("Join us when Dr. X will speak in Room 5" still holds the venue)."""
    lines: set[int] = set()
    for item in evidence:
        index = doc.line_at(item.start)
        if item.end - item.start >= 0.6 * len(doc.lines[index].text.strip()):
            lines.add(index)
    return lines
