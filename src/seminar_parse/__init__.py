"""seminar-parse: raw seminar announcements → clean, structured records.

>>> from seminar_parse import parse_text
>>> record = parse_text("Speaker: Dr. Jane Roe, MIT\\nDate: March 19, 2024, 3-4pm")
>>> record.speakers[0].name, record.start
('Jane Roe', '2024-03-19T15:00')
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

__version__ = "1.0.0"
__all__ = ["InputError", "Record", "__version__", "parse_file", "parse_text"]

from seminar_parse.errors import InputError

if TYPE_CHECKING:
    from seminar_parse.record import Record


def parse_text(text: str, *, reference_date: date | None = None, tz: str | None = None,
               date_order: str | None = None, path: str | None = None) -> Record:
    """Parse one announcement given as text."""
    from seminar_parse.pipeline import Options, parse_bytes

    options = Options(reference_date=reference_date, tz=tz, date_order=date_order)
    return parse_bytes(text.encode("utf-8", errors="replace"), path, options)  # lone surrogates → "?"


def parse_file(path: str | Path, *, reference_date: date | None = None, tz: str | None = None,
               date_order: str | None = None) -> Record:
    """Read and parse one announcement file (any encoding, plain text, markdown or email)."""
    from seminar_parse.pipeline import Options, parse_path

    return parse_path(path, Options(reference_date=reference_date, tz=tz, date_order=date_order))


def __getattr__(name: str) -> object:
    if name == "Record":
        from seminar_parse.record import Record

        return Record
    raise AttributeError(name)
