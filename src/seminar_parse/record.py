"""The record: frozen dataclasses mirroring ``schemas/seminar-record.schema.json``.

Key order in :meth:`Record.to_dict` is the schema's order; the emitters rely on it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

SCHEMA_VERSION = "2"

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


@dataclass(frozen=True)
class Location:
    """The venue and every online channel (schema 2: a list, meetings first; schema 1 held one or null)."""

    venue: str | None = None
    online: tuple[OnlineMeeting, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"venue": self.venue, "online": [channel.to_dict() for channel in self.online]}


@dataclass(frozen=True)
class Source:
    path: str | None
    sha256: str
    encoding: str
    repairs: tuple[str, ...] = ()
    media_type: str = "text/plain"  # text/plain, text/markdown, text/html or message/rfc822

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "media_type": self.media_type,
            "sha256": self.sha256,
            "encoding": self.encoding,
            "repairs": list(self.repairs),
        }


@dataclass(frozen=True)
class Record:
    source: Source
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


def talk_id(series: str | None, speaker: str | None, title: str | None, source_sha256: str | None) -> str:
    """A talk's identity from what stays when it moves (series, first speaker, title), so a rescheduled
    talk keeps it; an announcement naming none of them is identified by its source's bytes."""
    parts = [" ".join((part or "").split()).casefold() for part in (series, speaker, title)]
    key = "|".join(parts) if any(parts) else f"source|{source_sha256 or ''}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]
