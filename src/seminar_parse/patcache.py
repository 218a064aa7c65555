"""The package's compiled patterns, kept between runs: a start-up without the regular-expression compiler.

Importing the parser compiles some three hundred patterns, a few of them large (the venue grammar, the
date grammars), and that compiling was most of a cold start: longer than reading a typical announcement.
Python's ``re`` keeps compiled patterns only for the life of a process. Here the engine's compiled form of
each module-level pattern (the code list that ``re._compiler`` hands to ``_sre.compile``) is written once
to the user's cache and read back on the next start, which takes a few milliseconds.

It is an optimisation only, and safe to lose: entries are keyed by the pattern's text and flags, so an
edited pattern is simply compiled afresh; the file is keyed by the interpreter and the engine's version;
anything unexpected (another Python, a damaged or foreign file, an unwritable directory) falls back to
``re.compile``, and a pattern read back compares equal to the one ``re.compile`` makes (the engine checks
the code it is given). ``SEMINAR_PARSE_CACHE_DIR`` names the directory; set to the empty string, it turns
the cache off. Only patterns written in the source belong here, never ones built from input text.
"""

from __future__ import annotations

import atexit
import hashlib
import marshal
import os
import re
import sys
from pathlib import Path
from typing import Any

try:  # CPython's engine and compiler (3.11+); elsewhere every pattern is compiled as usual
    import _sre  # type: ignore[import-not-found]
    from re import _compiler, _parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover
    _sre = _compiler = _parser = None

_Key = tuple[str, int]
_Entry = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]
_FORMAT = 1
_TOO_BIG = 8_000_000  # bytes: a file grown past this by many edits is rewritten with today's patterns only


def _cache_file() -> Path | None:
    configured = os.environ.get("SEMINAR_PARSE_CACHE_DIR")
    if configured == "" or _sre is None:
        return None
    if configured:
        folder = Path(configured)
    else:
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
        folder = Path(base) / "seminar-parse"
    tag = f"{sys.implementation.cache_tag}-{_sre.MAGIC}-{_sre.CODESIZE}"
    return folder / f"patterns-{tag}.marshal"


class _Cache:
    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.patterns: dict[_Key, _Entry] = {}
        self.extras: dict[tuple[str, str, int], Any] = {}
        self.used: set[_Key] = set()
        self.used_extras: set[tuple[str, str, int]] = set()
        self.dirty = False
        self.size = 0
        if path is not None:
            self._load(path)

    def _load(self, path: Path) -> None:
        try:
            data = path.read_bytes()
            digest, payload = data[:32], data[32:]
            if hashlib.blake2b(payload, digest_size=32).digest() != digest:
                return
            loaded = marshal.loads(payload)
            if loaded.get("format") != _FORMAT:
                return
            self.patterns, self.extras = loaded["patterns"], loaded["extras"]
            self.size = len(data)
        except (OSError, EOFError, ValueError, TypeError, KeyError, AttributeError):
            self.patterns, self.extras = {}, {}

    def compile(self, pattern: str, flags: int) -> re.Pattern[str]:
        key = (pattern, int(flags))
        self.used.add(key)
        entry = self.patterns.get(key)
        if entry is not None:
            try:
                return _sre.compile(pattern, *entry)  # type: ignore[no-any-return]
            except (TypeError, ValueError, RuntimeError):  # not a form this engine accepts
                del self.patterns[key]
        if self.path is None:
            return re.compile(pattern, flags)
        parsed = _parser.parse(pattern, flags)
        code = [int(op) for op in _compiler._code(parsed, flags)]
        groupindex = {str(name): int(index) for name, index in parsed.state.groupdict.items()}
        indexgroup: list[str | None] = [None] * parsed.state.groups
        for name, index in groupindex.items():
            indexgroup[index] = name
        entry = (int(flags | parsed.state.flags), code, parsed.state.groups - 1, groupindex, tuple(indexgroup))
        try:  # what re._compiler.compile does with the same code
            compiled: re.Pattern[str] = _sre.compile(pattern, *entry)
        except (TypeError, ValueError, RuntimeError):  # pragma: no cover - an engine that wants another form
            self.path = None
            return re.compile(pattern, flags)
        self.patterns[key] = entry
        self.dirty = True
        return compiled

    def remember(self, kind: str, pattern: str, flags: int, work: Any) -> Any:
        """A value worked out from a pattern (its gate), kept beside the compiled forms."""
        key = (kind, pattern, int(flags))
        self.used_extras.add(key)
        if key in self.extras:
            return self.extras[key]
        value = work()
        if self.path is not None:
            self.extras[key] = value
            self.dirty = True
        return value

    def save(self) -> None:
        if not self.dirty or self.path is None:
            return
        patterns, extras = self.patterns, self.extras
        if self.size > _TOO_BIG:
            patterns = {key: entry for key, entry in patterns.items() if key in self.used}
            extras = {key: value for key, value in extras.items() if key in self.used_extras}
        payload = marshal.dumps({"format": _FORMAT, "patterns": patterns, "extras": extras})
        import tempfile  # only when there is something to write: not on the start-up path

        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".patterns-", suffix=".tmp")
            try:
                with os.fdopen(handle, "wb") as out:
                    out.write(hashlib.blake2b(payload, digest_size=32).digest() + payload)
                os.replace(temporary, self.path)
            except BaseException:
                os.unlink(temporary)
                raise
        except OSError:
            pass  # a read-only home or a full disk: the next run compiles again
        self.dirty = False


_CACHE = _Cache(_cache_file())
atexit.register(_CACHE.save)


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, from the cache when this pattern was compiled by an earlier run."""
    return _CACHE.compile(pattern, flags)


def remember(kind: str, pattern: str, flags: int, work: Any) -> Any:
    """``work()``, a value derived from ``pattern`` by the code of one module, from the cache when an earlier
    run worked it out; ``kind`` must name that code's version (see :func:`source_version`)."""
    return _CACHE.remember(kind, pattern, flags, work)


def source_version(path: str) -> str:
    """A digest of a module's source, to key what its code derives: an edited module works it out afresh.
    Without a readable source nothing derived is kept (a unique key each run)."""
    try:
        return hashlib.blake2b(Path(path).read_bytes(), digest_size=8).hexdigest()
    except OSError:  # pragma: no cover
        return f"unread-{os.getpid()}-{id(path)}"


def save() -> None:
    """Write what this run compiled for the first time (also done at exit)."""
    _CACHE.save()
