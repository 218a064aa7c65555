"""seminar-parse: raw seminar announcements → clean, structured records.

>>> from seminar_parse import parse_text
>>> record = parse_text("Speaker: Dr. Jane Roe, MIT\\nDate: March 19, 2024, 3-4pm")
>>> record.speakers[0].name, record.start
('Jane Roe', '2024-03-19T15:00')

An mbox file holds several messages: ``parse_file_all`` gives one record per message (``parse_file``
returns the first, and says so in its warnings). ``to_ics``, ``to_jsonld`` and ``to_csv`` turn records
(``record.to_dict()``) into those formats; ``Record.from_dict`` reads a record back; ``schema()`` is
the JSON Schema every record follows.

A bad argument (an unknown ``tz``, a ``date_order`` other than "dmy" / "mdy" / "auto", a
``reference_date`` that is not a date) raises :class:`OptionError`, a :class:`ValueError` whose message
is the CLI's.
"""

from __future__ import annotations

import warnings
from dataclasses import replace
from datetime import date
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

__version__ = "1.0.0"
__all__ = [
    "InputError",
    "OptionError",
    "Record",
    "__version__",
    "parse_file",
    "parse_file_all",
    "parse_text",
    "schema",
    "to_csv",
    "to_ics",
    "to_jsonld",
]

from seminar_parse.errors import InputError, OptionError

if TYPE_CHECKING:
    from seminar_parse.formats import to_csv, to_ics, to_jsonld
    from seminar_parse.record import Record

SCHEMA_FILE = "seminar-record.schema.json"
# Loaded on first use: `import seminar_parse` stays cheap for the CLI's start-up.
_LAZY = {"Record": "seminar_parse.record", "to_ics": "seminar_parse.formats", "to_jsonld": "seminar_parse.formats",
         "to_csv": "seminar_parse.formats"}


def parse_text(text: str, *, reference_date: date | None = None, tz: str | None = None,
               date_order: str | None = None, path: str | None = None) -> Record:
    """Parse one announcement given as text; ``path`` is only recorded in ``source.path``."""
    from seminar_parse.pipeline import Options, parse_bytes

    if not isinstance(text, str):
        raise TypeError(f"parse_text takes a str, not {type(text).__name__} (use parse_file for bytes on disk)")
    options = Options(reference_date=reference_date, tz=tz, date_order=date_order)
    return parse_bytes(text.encode("utf-8", errors="replace"), path, options)  # lone surrogates → "?"


def parse_file(path: str | Path, *, reference_date: date | None = None, tz: str | None = None,
               date_order: str | None = None) -> Record:
    """Read and parse one announcement file (any encoding, plain text, markdown or email).

    An mbox file with several messages gives the first message's record, with a warning in its
    ``warnings`` (and a :class:`UserWarning`) naming how many there are: use :func:`parse_file_all`.
    """
    records = parse_file_all(path, reference_date=reference_date, tz=tz, date_order=date_order)
    if len(records) == 1:
        return records[0]
    message = f"this mbox holds {len(records)} messages; parse_file returned the first (parse_file_all gives all)"
    warnings.warn(f"{path}: {message}", UserWarning, stacklevel=2)
    return replace(records[0], warnings=(*records[0].warnings, message))


def parse_file_all(path: str | Path, *, reference_date: date | None = None, tz: str | None = None,
                   date_order: str | None = None) -> list[Record]:
    """Every record in one file: one per message for an mbox (a message that cannot be read is named in
    the first record's warnings), a list of one for anything else. Raises :class:`InputError` like
    :func:`parse_file`."""
    from seminar_parse.pipeline import Options, parse_path_all

    return parse_path_all(path, Options(reference_date=reference_date, tz=tz, date_order=date_order))


def schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a record's ``to_dict()``, as shipped in the package.

    A fresh copy each call, so a caller may change it freely.
    """
    import json

    loaded: dict[str, Any] = json.loads(schema_text())
    return loaded


@cache
def schema_text() -> str:
    """The schema file's text, exactly as shipped (``seminar-parse --schema`` prints it)."""
    from importlib import resources

    return resources.files(__name__).joinpath(SCHEMA_FILE).read_text(encoding="utf-8")


def __getattr__(name: str) -> object:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
