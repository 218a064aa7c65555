"""The record: frozen dataclasses mirroring ``schemas/seminar-record.schema.json``.

Key order in :meth:`Record.to_dict` is the schema's order; the emitters rely on it.
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


@dataclass(frozen=True)
class Speaker:
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


@dataclass(frozen=True)
class OnlineMeeting:
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


@dataclass(frozen=True)
class Location:
    venue: str | None = None
    online: OnlineMeeting | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"venue": self.venue, "online": self.online.to_dict() if self.online else None}


@dataclass(frozen=True)
class Source:
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


@dataclass(frozen=True)
class Record:
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
