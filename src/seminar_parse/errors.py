"""The tool's own errors: input it cannot turn into a record.

Anything raised from parsing that is *not* an :class:`InputError` is a bug; the CLI reports
input errors as one line (``PATH: reason``) and keeps going.
"""

from __future__ import annotations

import os


class SeminarParseError(Exception):
    """Base class for every error the tool raises on purpose."""


class InputError(SeminarParseError):
    """The input cannot be read as an announcement (missing, binary, empty, too large...)."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{shown_path(path)}: {reason}")
        self.path = path
        self.reason = reason


class OptionError(SeminarParseError, ValueError):
    """An option given to the library or the CLI is not usable (an unknown zone, a bad date order...).

    The message is the one the CLI prints after the option's name, so both say the same thing.
    """

    def __init__(self, option: str, reason: str) -> None:
        super().__init__(reason)
        self.option = option  # the CLI's spelling, "--tz"
        self.reason = reason


def shown_path(path: str | os.PathLike[str]) -> str:
    """A file name as it can be printed on one line, in valid UTF-8.

    Bytes that are not UTF-8 (carried by Python as lone surrogates, ``b-caf\\udce9.txt``) are shown as
    ``\\xe9``; newlines, tabs and other control characters as ``\\n``, ``\\t``, ``\\x1b``; a backslash
    stays itself. Names that need none of this are returned unchanged.
    """
    text = os.fspath(path)
    if text.isprintable():  # lone surrogates are not printable either
        return text
    try:
        raw = text.encode("utf-8", errors="surrogateescape")
    except UnicodeEncodeError:  # a surrogate that no file-system byte gives ("\\ud800")
        raw = text.encode("utf-8", errors="backslashreplace")
    out: list[str] = []
    for char in raw.decode("utf-8", errors="backslashreplace"):
        if char.isprintable() or char == " ":
            out.append(char)
        elif char in "\n\t\r":
            out.append({"\n": "\\n", "\t": "\\t", "\r": "\\r"}[char])
        else:
            out.append(char.encode("unicode_escape").decode("ascii"))
    return "".join(out)


def is_utf8_name(path: str | os.PathLike[str]) -> bool:
    """False for a name holding bytes that are not UTF-8 (read from the file system as lone surrogates)."""
    return not any("\ud800" <= char <= "\udfff" for char in os.fspath(path))
