"""The record: frozen dataclasses mirroring ``schemas/seminar-record.schema.json``.

Key order in :meth:`Record.to_dict` is the schema's order; the emitters rely on it.
:meth:`Record.from_dict` reads such a dict back (from JSON or YAML): ``Record.from_dict(r.to_dict())``
equals ``r``, apart from the parser's working data (evidence, choices, cleaned text), which is not output.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

SCHEMA_VERSION = "1"


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
    """How to join from afar: the platform (Zoom, Tencent Meeting...), the link, and the meeting id
    and passcode as printed."""

    platform: str | None = None
    url: str | None = None
    meeting_id: str | None = None
    passcode: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "platform": self.platform,
            "url": self.url,
            "meeting_id": self.meeting_id,
            "passcode": self.passcode,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> OnlineMeeting:
        """The inverse of :meth:`to_dict`."""
        data = _mapping(data, "location.online")
        return cls(_text(data, "platform"), _text(data, "url"), _text(data, "meeting_id"), _text(data, "passcode"))


@dataclass(frozen=True)
class Location:
    """Where the talk happens: the room and building as printed, and the online meeting if any."""

    venue: str | None = None
    online: OnlineMeeting | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"venue": self.venue, "online": self.online.to_dict() if self.online else None}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Location:
        """The inverse of :meth:`to_dict`."""
        data = _mapping(data, "location")
        online = data.get("online")
        return cls(_text(data, "venue"), OnlineMeeting.from_dict(online) if online is not None else None)


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
    # Not part of the output: the spans each value was read from, for --explain and debugging.
    evidence: tuple[Evidence, ...] = field(default=(), compare=False, repr=False)
    # The resolver's decisions (candidates.Choice), winners and runners-up, for --explain.
    choices: tuple[Any, ...] = field(default=(), compare=False, repr=False)
    cleaned_text: str = field(default="", compare=False, repr=False)

    def to_dict(self) -> dict[str, Any]:
        """The record as plain data, keys in schema order."""
        return {
            "schema_version": SCHEMA_VERSION,
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
        if str(version) != SCHEMA_VERSION:
            raise ValueError(f"schema_version {version!r} cannot be read by this version (it reads {SCHEMA_VERSION!r})")
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
        )
