"""The pipeline: bytes → decode → clean → sections → fields → :class:`Record`.

Each stage is a function of the previous stage's output; this module only wires them together
and holds the options. Parsing is deterministic: nothing here reads the clock.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, replace
from datetime import UTC, date
from email.utils import parsedate_to_datetime
from pathlib import Path

from seminar_parse import layout, message
from seminar_parse.clean import clean
from seminar_parse.decode import decode
from seminar_parse.errors import InputError
from seminar_parse.fields import language, links, people, place, title, when
from seminar_parse.mail import apply_calendar, looks_like_mail, read_mail, split_mbox
from seminar_parse.record import Evidence, Location, Record, Source
from seminar_parse.sections import Document, split_document
from seminar_parse.vocab import UPDATE_NOTE

DEFAULT_MAX_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class Options:
    reference_date: date | None = None
    tz: str | None = None
    date_order: str | None = None  # "dmy", "mdy" or None to decide from the page
    max_bytes: int = DEFAULT_MAX_BYTES


def parse_bytes(data: bytes, path: str | None, options: Options = Options()) -> Record:
    """Parse one announcement given as bytes; ``path`` is recorded and named in errors."""
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
    text, links = decoded.text, ()
    if html:
        from seminar_parse.html_input import html_to_text  # lxml and inscriptis: only for pages

        text, links = html_to_text(text)
        if not text.strip():
            raise InputError(shown, "an HTML page with no text in it")
    source = Source(path, hashlib.sha256(data).hexdigest(), encoding, decoded.repairs, media_type)
    # The message model (forwards, quoted replies, signatures, digests): for emails, and for pasted text
    # that holds a forwarded or quoted message; the newer text's changes are applied after parsing.
    thread = message.read(text, headers, mail=mail is not None)
    if mail is None and len(thread.parts) == 1:
        record = _parse(text, source, headers, options, links)
    else:
        record = _parse(thread.text, source, thread.headers, options, links)
        # a note's "today" is the day the newest message was sent (or, without its headers, the announcement's)
        note_headers = {**thread.headers, **thread.parts[0].headers}
        record = message.revise(record, thread, lambda note: _parse(note, source, note_headers, options))
        if mail is not None and mail.calendar is not None:
            record = apply_calendar(record, mail.calendar)
        if mail is not None and mail.notes:
            record = replace(record, warnings=(*record.warnings, *mail.notes))
    newest = thread.parts[0].headers if thread.parts else {}
    record = replace(record, sent=_sent(newest.get("date") or thread.headers.get("date") or headers.get("date")),
                     sequence=_sequence(text, headers, thread))
    return replace(record, warnings=(*decoded.warnings, *record.warnings)) if decoded.warnings else record


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


def _sequence(text: str, headers: dict[str, str], thread: message.Message) -> int:
    """How many updates the input carries: its update notes ("UPDATED", "Rescheduled", "改期"), one a line,
    subject included, or the changes a newer message in the thread states, whichever is more."""
    lines = [headers.get("subject") or "", *text[:200_000].splitlines()]
    notes = sum(1 for line in lines if UPDATE_NOTE.search(line))
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
        return [parse_bytes(data, path, options)]
    records: list[Record] = []
    failures: list[str] = []
    for number, one in enumerate(messages, 1):
        try:
            records.append(parse_bytes(one, path, options))
        except InputError as error:
            failures.append(f"message {number}: {error.reason}")
    if not records:
        raise InputError(path or "<stdin>", f"no usable message in this mbox ({'; '.join(failures)})")
    if failures:
        first = records[0]
        records[0] = replace(first, warnings=(*first.warnings, *failures))
    return records


# A cheap first look, so that plain text never imports lxml: does any block tag appear at all?
_TAG_HINT = re.compile(r"(?i)<(?:!doctype|html|body|p|div|table|br|li|h[1-6])\b")


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
    cleaned = clean(text)
    doc = split_document(cleaned.text, hidden_links=(*page_links, *cleaned.hidden_links), headers=headers)
    doc = replace(doc, layout=layout.build(doc, cleaned.headings))
    lang = language.detect(cleaned.text, tuple(item.label for item in doc.labelled if not item.inline))
    found_when = when.extract(doc, reference=options.reference_date, default_tz=options.tz,
                              date_order=options.date_order, chinese=lang == "zh")
    doc = replace(doc, date_lines=frozenset(doc.line_at(start) for start, _ in found_when.all_spans))
    found_people = people.extract(doc)
    speaker_lines = frozenset(_whole_lines(doc, [e for e in found_people.evidence if e.field == "speakers"]))
    found_what = title.extract(doc, [s.name for s in found_people.speakers], speaker_lines)
    found_where = place.extract(doc, datetime_spans=found_when.all_spans, taken_lines=speaker_lines)
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
        speakers=tuple(found_people.speakers),
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
    )


def _whole_lines(doc: Document, evidence: list[Evidence]) -> set[int]:
    """Lines an extractor read as a whole (a speaker's name line, affiliation lines), not lines it only
    quoted from ("Join us when Dr. X will speak in Room 5" still holds the venue)."""
    lines: set[int] = set()
    for item in evidence:
        index = doc.line_at(item.start)
        if item.end - item.start >= 0.6 * len(doc.lines[index].text.strip()):
            lines.add(index)
    return lines
