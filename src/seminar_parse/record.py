"""The record: frozen dataclasses mirroring ``schemas/seminar-record.schema.json``.

Key order in :meth:`Record.to_dict` is the schema's order; the emitters rely on it.
:meth:`Record.from_dict` reads such a dict back (from JSON or YAML): ``Record.from_dict(r.to_dict())``
equals ``r``, apart from the parser's working data (evidence, choices, cleaned text), which is not output.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

SCHEMA_VERSION = "2"
READABLE_VERSIONS = ("1", "2")  # schema 1 held one online meeting or null; from_dict reads both

ROLES = ("meeting", "stream", "recording", "registration")
"""What an online channel is for: the way in, a one-way broadcast, the replay, the sign-up form."""

@dataclass(frozen=True)
class Evidence:
    """Where in the cleaned text a field's value was read (character offsets), and by which rule."""

    field: str
    start: int
    end: int
    rule: str = ""
    score: float | None = None


def _text(data: dict[str, Any], key: str) -> str | None:
    value = data.get(key)
    if value is not None and not isinstance(value, str):
        raise ValueError(f"{key}: expected a string or null, got {type(value).__name__}")
    return value


def _texts(data: dict[str, Any], key: str) -> tuple[str, ...]:
    values = data.get(key) or []
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise ValueError(f"{key}: expected a list of strings")
    return tuple(values)


def _mapping(data: object, what: str) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise ValueError(f"{what}: expected a mapping, got {type(data).__name__}")
    return data


@dataclass(frozen=True)
class Speaker:
    """One person giving the talk: the name as printed (titles like "Dr." removed), where they work,
    their position, and a contact address or page when the announcement gives one."""

    name: str
    affiliation: str | None = None
    position: str | None = None
    email: str | None = None
    url: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "affiliation": self.affiliation,
            "position": self.position,
            "email": self.email,
            "url": self.url,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Speaker:
        """The inverse of :meth:`to_dict`."""
        data = _mapping(data, "speaker")
        name = _text(data, "name")
        if not name:
            raise ValueError("speaker: a name is required")
        return cls(name, _text(data, "affiliation"), _text(data, "position"), _text(data, "email"),
                   _text(data, "url"))


@dataclass(frozen=True)
class OnlineMeeting:
    """One online channel of a talk: a meeting to join, a stream to watch, a recording or a registration form."""

    platform: str | None = None
    url: str | None = None
    meeting_id: str | None = None
    passcode: str | None = None
    role: str = "meeting"

    def to_dict(self) -> dict[str, Any]:
        return {
            "platform": self.platform,
            "url": self.url,
            "meeting_id": self.meeting_id,
            "passcode": self.passcode,
            "role": self.role,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> OnlineMeeting:
        """The inverse of :meth:`to_dict`."""
        data = _mapping(data, "location.online")
        role = _text(data, "role") or "meeting"
        if role not in ROLES:
            raise ValueError(f"location.online: role {role!r} is not one of {', '.join(ROLES)}")
        return cls(_text(data, "platform"), _text(data, "url"), _text(data, "meeting_id"), _text(data, "passcode"),
                   role)


@dataclass(frozen=True)
class Location:
    """The venue and every online channel (schema 2: a list, meetings first; schema 1 held one or null)."""

    venue: str | None = None
    online: tuple[OnlineMeeting, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"venue": self.venue, "online": [channel.to_dict() for channel in self.online]}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Location:
        """The inverse of :meth:`to_dict`."""
        data = _mapping(data, "location")
        online = data.get("online")
        if online is None:
            channels: list[Any] = []  # schema 1: no meeting
        elif isinstance(online, dict):
            channels = [online]  # schema 1: one meeting
        elif isinstance(online, list):
            channels = online
        else:
            raise ValueError("location.online: expected a list of channels")
        return cls(_text(data, "venue"), tuple(OnlineMeeting.from_dict(item) for item in channels))


@dataclass(frozen=True)
class Source:
    """The input a record was read from: its path, a digest of its bytes, the encoding it was read in
    and the repairs made to its text (mojibake fixed, a BOM removed...)."""

    path: str | None
    sha256: str
    encoding: str
    repairs: tuple[str, ...] = ()
    media_type: str = "text/plain"  # text/plain, text/markdown, text/html or message/rfc822
    # One talk of several: its first and last line (1-based) in the cleaned text; None for the whole input.
    fragment: tuple[int, int] | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "media_type": self.media_type,
            "sha256": self.sha256,
            "encoding": self.encoding,
            "repairs": list(self.repairs),
            "fragment": {"first_line": self.fragment[0], "last_line": self.fragment[1]} if self.fragment else None,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Source:
        """The inverse of :meth:`to_dict`."""
        data = _mapping(data, "source")
        sha256, encoding = _text(data, "sha256"), _text(data, "encoding")
        if sha256 is None or encoding is None:
            raise ValueError("source: sha256 and encoding are required")
        fragment = data.get("fragment")
        lines = (int(fragment["first_line"]), int(fragment["last_line"])) if isinstance(fragment, dict) else None
        return cls(_text(data, "path"), sha256, encoding, _texts(data, "repairs"),
                   _text(data, "media_type") or "text/plain", lines)


@dataclass(frozen=True)
class Record:
    """One announcement, parsed: what the talk is, who gives it, when and where, and the warnings the
    parser has about its own reading. Times are ISO 8601 in the talk's zone (``timezone``, IANA).

    ``to_dict()`` is the output every format is written from; ``from_dict()`` reads it back.
    """

    source: Source
    event_index: int = 1  # which talk of the input, in page order
    event_count: int = 1  # how many talks the input lists
    language: str | None = None
    event_type: str | None = None
    series: str | None = None
    title: str | None = None
    speakers: tuple[Speaker, ...] = ()
    start: str | None = None
    end: str | None = None
    timezone: str | None = None
    attendance: str | None = None
    location: Location = field(default_factory=Location)
    host: str | None = None
    abstract: str | None = None
    bio: str | None = None
    links: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    sent: str | None = None  # when the newest message of the input was sent (mail Date:), ISO 8601 UTC
    sequence: int = 0  # how many updates of the announcement the input carries ("UPDATED", "改期", a new time)
    # Not part of the output: the spans each value was read from, for --explain and debugging.
    evidence: tuple[Evidence, ...] = field(default=(), compare=False, repr=False)
    # The resolver's decisions (candidates.Choice), winners and runners-up, for --explain.
    choices: tuple[Any, ...] = field(default=(), compare=False, repr=False)
    cleaned_text: str = field(default="", compare=False, repr=False)

    @property
    def talk_id(self) -> str:
        """See :func:`talk_id`."""
        first = self.speakers[0].name if self.speakers else None
        return talk_id(self.series, first, self.title, self.source.sha256)

    def to_dict(self) -> dict[str, Any]:
        """The record as plain data, keys in schema order."""
        return {
            "schema_version": SCHEMA_VERSION,
            "talk_id": self.talk_id,
            "sequence": self.sequence,
            "sent": self.sent,
            "source": self.source.to_dict(),
            "event_index": self.event_index,
            "event_count": self.event_count,
            "language": self.language,
            "event_type": self.event_type,
            "series": self.series,
            "title": self.title,
            "speakers": [s.to_dict() for s in self.speakers],
            "start": self.start,
            "end": self.end,
            "timezone": self.timezone,
            "attendance": self.attendance,
            "location": self.location.to_dict(),
            "host": self.host,
            "abstract": self.abstract,
            "bio": self.bio,
            "links": list(self.links),
            "warnings": list(self.warnings),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Record:
        """A record from :meth:`to_dict`'s output (e.g. loaded from this tool's JSON or YAML).

        Raises :class:`ValueError` naming the field that does not fit, or a ``schema_version`` this
        version cannot read.
        """
        data = _mapping(data, "record")
        version = data.get("schema_version", SCHEMA_VERSION)
        if str(version) not in READABLE_VERSIONS:
            raise ValueError(f"schema_version {version!r} cannot be read by this version "
                             f"(it reads {', '.join(READABLE_VERSIONS)})")
        speakers = data.get("speakers") or []
        if not isinstance(speakers, list):
            raise ValueError("speakers: expected a list")
        return cls(
            source=Source.from_dict(data.get("source") or {}),
            event_index=int(data.get("event_index") or 1),
            event_count=int(data.get("event_count") or 1),
            language=_text(data, "language"),
            event_type=_text(data, "event_type"),
            series=_text(data, "series"),
            title=_text(data, "title"),
            speakers=tuple(Speaker.from_dict(item) for item in speakers),
            start=_text(data, "start"),
            end=_text(data, "end"),
            timezone=_text(data, "timezone"),
            attendance=_text(data, "attendance"),
            location=Location.from_dict(data["location"] if data.get("location") is not None else {}),
            host=_text(data, "host"),
            abstract=_text(data, "abstract"),
            bio=_text(data, "bio"),
            links=_texts(data, "links"),
            warnings=_texts(data, "warnings"),
            sent=_text(data, "sent"),
            sequence=int(data.get("sequence") or 0),
        )

def talk_id(series: str | None, speaker: str | None, title: str | None, source_sha256: str | None) -> str:
    """A talk's identity from what stays when it moves (series, first speaker, title), so a rescheduled
    talk keeps it; an announcement naming none of them is identified by its source's bytes."""
    parts = [" ".join((part or "").split()).casefold() for part in (series, speaker, title)]
    key = "|".join(parts) if any(parts) else f"source|{source_sha256 or ''}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]
