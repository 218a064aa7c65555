"""The tool's own errors: input it cannot turn into a record.

Anything raised from parsing that is *not* an :class:`InputError` is a bug; the CLI reports
input errors as one line (``PATH: reason``) and keeps going.
"""

from __future__ import annotations


class SeminarParseError(Exception):
    """Base class for every error the tool raises on purpose."""


class InputError(SeminarParseError):
    """The input cannot be read as an announcement (missing, binary, empty, too large...)."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason
