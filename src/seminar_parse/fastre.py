"""Faster searching for patterns that open with a word alternation: a first-character gate.

Python's regular-expression engine tries every alternative of ``\\b(?:rescheduled|postponed|new date…)``
at every position of the text, which makes a search over a page of prose cost a millisecond or more.
When every match must begin with one of a few characters, a lookahead on that character class, put in
front, lets the engine skip the other positions at the cost of one set test each. :func:`gated` works
the class out from the pattern itself (its parsed form), so no list of first letters is ever written by
hand or falls out of step with the pattern; a pattern whose first character cannot be bounded (it may
match the empty string, or start with ``.`` or a negated class) is returned unchanged. The gated pattern
matches exactly what the original matches (tests/test_fastre.py checks that on the corpora and random
text); only its ``.pattern`` text differs.

The same reading of parsed patterns gives :func:`needles` (words every match holds) and :func:`heads` (words
every match starts with); :class:`LineScan` runs a per-line test once over joined lines to find the few
lines where it can pass.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Sequence
from itertools import compress
from typing import Any

from seminar_parse import patcache

try:  # Python 3.11+: the parser the re module itself uses
    from re import _constants as _c  # type: ignore[attr-defined]
    from re import _parser as _p  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - a Python without it keeps the patterns as they are
    _p = _c = None

_CATEGORY_ESCAPES = {
    "CATEGORY_DIGIT": r"\d", "CATEGORY_NOT_DIGIT": r"\D", "CATEGORY_SPACE": r"\s",
    "CATEGORY_NOT_SPACE": r"\S", "CATEGORY_WORD": r"\w", "CATEGORY_NOT_WORD": r"\W",
}
_LEADING_FLAGS = patcache.compile(r"^\(\?[imsx]+\)")  # flags a scoped group may carry
_OTHER_LEADING_FLAGS = patcache.compile(r"^\(\?[imsx]*[aLu]")  # ASCII/LOCALE/UNICODE: global only, left as they are


# Non-ASCII characters the engine matches to an ASCII letter under IGNORECASE (re._casefix and the simple
# lowercase mapping): folded first, so that a substring test on the folded text agrees with the pattern.
_TO_ASCII_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})
_ASCII_LOOKALIKES = "\u0130\u0131\u017f\u212a"


class _Unbounded(Exception):
    """The pattern's first character is not limited to a class worth testing."""


def _char(code: int) -> str:
    return f"\\U{code:08x}"


def _first(items: Any, ignorecase: bool, into: dict[bool, list[str]]) -> bool:
    """Add the class pieces a match of ``items`` can start with to ``into`` (keyed by case-insensitivity);
    return whether ``items`` can match the empty string (so the next item's first characters count too)."""
    for op, av in items:
        name = str(op)
        if name == "LITERAL":
            into[ignorecase].append(_char(av))
            return False
        if name == "IN":
            pieces = []
            for sub_op, sub_av in av:
                sub = str(sub_op)
                if sub == "LITERAL":
                    pieces.append(_char(sub_av))
                elif sub == "RANGE":
                    pieces.append(f"{_char(sub_av[0])}-{_char(sub_av[1])}")
                elif sub == "CATEGORY" and str(sub_av) in _CATEGORY_ESCAPES:
                    pieces.append(_CATEGORY_ESCAPES[str(sub_av)])
                else:  # NEGATE and anything unusual
                    raise _Unbounded
            into[ignorecase].extend(pieces)
            return False
        if name == "AT" or name in ("ASSERT", "ASSERT_NOT"):
            continue  # zero width: the next item consumes the first character
        if name == "SUBPATTERN":
            _group, add_flags, del_flags, sub_items = av
            case = (ignorecase or bool(add_flags & re.IGNORECASE)) and not del_flags & re.IGNORECASE
            if not _first(sub_items, case, into):
                return False
            continue
        if name == "ATOMIC_GROUP":
            if not _first(av, ignorecase, into):
                return False
            continue
        if name == "BRANCH":
            empty = False
            for alternative in av[1]:
                empty = _first(alternative, ignorecase, into) or empty
            if not empty:
                return False
            continue
        if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            low, _high, sub_items = av
            if not _first(sub_items, ignorecase, into) and low > 0:
                return False
            continue
        raise _Unbounded  # ANY, NOT_LITERAL, GROUPREF, …
    return True


def gate(pattern: str, flags: int = 0) -> str | None:
    """The lookahead that every match of ``pattern`` passes at its first character, or None."""
    if _p is None:
        return None
    try:
        parsed = _p.parse(pattern, flags)
        into: dict[bool, list[str]] = {False: [], True: []}
        if _first(parsed, bool(parsed.state.flags & re.IGNORECASE), into):
            return None  # may match the empty string anywhere
    except (_Unbounded, re.error, RecursionError):
        return None
    parts = []
    if into[False]:
        parts.append(f"[{''.join(dict.fromkeys(into[False]))}]")
    if into[True]:
        parts.append(f"(?i:[{''.join(dict.fromkeys(into[True]))}])")
    return f"(?={'|'.join(parts)})"


_VERSION = patcache.source_version(__file__)  # what this module's code works out is kept under its version
# Every gated pattern's text → the text it was made from, so that tests can compare the two on any input.
ORIGINALS: dict[str, tuple[str, int]] = {}


def gated(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``pattern`` compiled with its first-character gate in front (when it has one worth adding)."""
    lookahead = None if _OTHER_LEADING_FLAGS.match(pattern) else \
        patcache.remember(f"gate:{_VERSION}", pattern, flags, lambda: gate(pattern, flags))
    if lookahead is None:
        return patcache.compile(pattern, flags)
    # "(?i)body" becomes "(?i:body)": the pattern's text stays self-contained, to be embedded in another
    leading = _LEADING_FLAGS.match(pattern)
    flags_text = leading.group(0)[2:-1] if leading else ""
    body = pattern[leading.end():] if leading else pattern
    compiled = patcache.compile(f"{lookahead}(?{flags_text}:{body})", flags)
    ORIGINALS[compiled.pattern] = (pattern, flags)
    return compiled


class Prefilter:
    """A cheap test before costly patterns run on a line: any of ``chars``, or any of ``words`` in any
    case. Faster than the same test as one pattern (``[0-9]|(?i:day|jan|…)``), which the engine tries at
    every position of a long line of prose; here each word is one substring search of the folded line."""

    def __init__(self, chars: str, words: tuple[str, ...]) -> None:
        self._chars = patcache.compile(f"[{chars}]")
        self._words = tuple(word.lower() for word in words)

    def __call__(self, text: str) -> bool:
        if self._chars.search(text):
            return True
        return any(map(fold(text).__contains__, self._words))


_Needle = tuple[str, bool]  # (text, case-insensitive)


def fold(text: str) -> str:
    """Lower case, as the engine folds letters under IGNORECASE (the four look-alikes of ASCII letters mapped
    first): a substring test on folded texts is a necessary condition for a case-insensitive match."""
    if not text.isascii() and any(char in text for char in _ASCII_LOOKALIKES):
        text = text.translate(_TO_ASCII_FOLD)
    return text.lower()


class Needles:
    """Words of which every match of a pattern contains one (``rescheduled``, ``postponed``, ``change``…),
    worked out by :func:`needles`; testing them is a few substring searches, far cheaper than the pattern
    on a page that holds none of them."""

    def __init__(self, words: frozenset[_Needle]) -> None:
        self._exact = tuple(sorted(word for word, folded in words if not folded))
        self._folded = tuple(sorted(word.lower() for word, folded in words if folded))

    def __call__(self, text: str) -> bool:
        if any(map(text.__contains__, self._exact)):  # map: the loop stays in C, a generator's does not
            return True
        if not self._folded:
            return False
        return any(map(fold(text).__contains__, self._folded))


def _literal(code: int, ignorecase: bool) -> _Needle | None:
    char = chr(code)
    if not ignorecase or char.lower() == char.upper():
        return char, False  # case does not matter for it
    return (char, True) if char.isascii() else None


_SHORTEST_NEEDLE = 3  # letters of an ASCII word; a shorter one ("by", "at") is in every text


def _long_enough(words: frozenset[_Needle]) -> bool:
    """Two Chinese characters are a rare word; two ASCII letters are not."""
    return all(len(word) >= (_SHORTEST_NEEDLE if word.isascii() else 2) for word, _ in words)


def _selectivity(words: frozenset[_Needle]) -> float:
    """Longer words are rarer, and so is one word than any of five."""
    return min(len(word) for word, _ in words) - math.log2(len(words)) / 2


def _required(items: Any, ignorecase: bool) -> frozenset[_Needle] | None:
    """Alternatives one of which every match of ``items`` contains, the most selective found, or None."""
    best: frozenset[_Needle] | None = None

    def consider(found: frozenset[_Needle] | None) -> None:
        nonlocal best
        if found and _long_enough(found) and (best is None or _selectivity(found) > _selectivity(best)):
            best = found

    run: list[str] = []
    run_folded = False
    for op, av in items:
        name = str(op)
        if name == "LITERAL":
            piece = _literal(av, ignorecase)
            if piece is not None and (not run or run_folded == piece[1] or not piece[1]):
                run.append(piece[0])
                run_folded = run_folded or piece[1]
                continue
            consider(frozenset({("".join(run), run_folded)}) if run else None)
            run, run_folded = ([piece[0]], piece[1]) if piece else ([], False)
            continue
        consider(frozenset({("".join(run), run_folded)}) if run else None)
        run, run_folded = [], False
        if name == "SUBPATTERN":
            _group, add_flags, del_flags, sub_items = av
            case = (ignorecase or bool(add_flags & re.IGNORECASE)) and not del_flags & re.IGNORECASE
            consider(_required(sub_items, case))
        elif name == "BRANCH":
            options = [_required(alternative, ignorecase) for alternative in av[1]]
            if all(options):
                consider(frozenset().union(*options))  # type: ignore[arg-type]
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") and av[0] >= 1:
            consider(_required(av[2], ignorecase))
        elif name == "ATOMIC_GROUP":
            consider(_required(av, ignorecase))
    consider(frozenset({("".join(run), run_folded)}) if run else None)
    return best


def needles(pattern: re.Pattern[str]) -> Needles | None:
    """The :class:`Needles` of ``pattern``, or None when some match need hold no word long enough to test."""
    if _p is None:
        return None
    found = patcache.remember(f"needles:{_VERSION}", pattern.pattern, pattern.flags, lambda: _needles_of(pattern))
    return Needles(found) if found else None


def _needles_of(pattern: re.Pattern[str]) -> frozenset[_Needle] | None:
    try:
        parsed = _p.parse(pattern.pattern, pattern.flags)
        return _required(parsed, bool(parsed.state.flags & re.IGNORECASE))
    except (re.error, RecursionError):
        return None


def anything(text: str) -> bool:
    """The test to use when a pattern has no needles: every text may match."""
    return True


def heads(pattern: str) -> tuple[str, ...] | None:
    """The words, folded as by ``fastre.fold``, one of which every match of ``pattern`` starts with (its
    zero-width assertions passed over), or None when a match may start otherwise or with a single letter
    (worked out once and kept with the compiled patterns)."""
    heads = patcache.remember(f"heads:{_VERSION}", pattern, 0, lambda: _heads_of(pattern))
    return tuple(heads) if heads else None


def _heads_of(pattern: str) -> list[str] | None:
    from re import _casefix, _parser  # type: ignore[attr-defined]

    def letter(code: int, ignorecase: bool) -> str | None:
        """What the character matched by a literal is folded to, if it is one character: an ASCII letter
        is folded so under IGNORECASE (fastre.fold), another one only when it has no extra cases."""
        char = chr(code)
        folded = fold(char)
        if len(folded) != 1 or (ignorecase and not char.isascii() and ord(folded) in _casefix._EXTRA_CASES):
            return None
        return folded

    def starts(items: Any, ignorecase: bool) -> tuple[set[str], bool]:
        """The heads of ``items`` and whether they are the whole of what it matches (so that what follows
        extends them)."""
        found = {""}
        for op, av in items:
            name = str(op)
            if name in ("AT", "ASSERT", "ASSERT_NOT"):
                continue  # zero width
            if name == "LITERAL":
                char = letter(av, ignorecase)
                if char is None:
                    return found, False
                found = {head + char for head in found}
                continue
            if name == "SUBPATTERN":
                _group, add_flags, del_flags, sub = av
                case = (ignorecase or bool(add_flags & re.IGNORECASE)) and not del_flags & re.IGNORECASE
                tails, whole = starts(sub, case)
            elif name == "BRANCH":
                options = [starts(alternative, ignorecase) for alternative in av[1]]
                tails, whole = set().union(*(tails for tails, _ in options)), all(whole for _, whole in options)
            else:
                return found, False
            found = {head + tail for head in found for tail in tails}
            if not whole:
                return found, False
        return found, True

    parsed = _parser.parse(pattern)
    heads, _whole = starts(parsed, bool(parsed.state.flags & re.IGNORECASE))
    if not all(len(head) > 1 for head in heads):
        return None
    return sorted(head for head in heads if not any(head != other and head.startswith(other) for other in heads))


def occurrences(text: str, word: str) -> Iterator[int]:
    """Where ``word`` starts in ``text``, overlapping ones too."""
    index = text.find(word)
    while index >= 0:
        yield index
        index = text.find(word, index + 1)


# ------------------------------------------------------------------------------ scanning the joined lines
# What a pattern may not hold to be run over joined lines: the text's ends (\A, \Z), a look behind its start
# or a negative look ahead (they see the neighbouring line), atomic groups and possessive repeats (they
# keep a run of spaces that crossed into the next line).
_UNSCANNABLE = patcache.compile(r"\\[AZ]|\(\?(?:<[=!]|!|>)|[*+?}]\+")
_GLOBAL_FLAGS = patcache.compile(r"^\(\?[aiLmsux]+\)")


def line_test(pattern: re.Pattern[str], how: str = "search") -> re.Pattern[str]:
    """``pattern`` rewritten for :meth:`LineScan.candidates`, for a per-line ``pattern.search`` (``how``),
    ``match`` or ``fullmatch``. With re.MULTILINE, ``^`` and ``$`` hold at each line's ends; a match or a
    fullmatch begins at the newline before its line, a literal the engine skips to fast."""
    if _UNSCANNABLE.search(pattern.pattern):
        raise ValueError(f"not exact on joined lines: {pattern.pattern!r}")
    flags = pattern.flags | re.MULTILINE
    if how == "search":
        test = patcache.compile(pattern.pattern, flags)
    else:
        leading = _GLOBAL_FLAGS.match(pattern.pattern)
        body = pattern.pattern[leading.end():] if leading else pattern.pattern
        test = patcache.compile(rf"\n(?:{body}){'$' if how == 'fullmatch' else ''}", flags)
    LINE_TESTS.add(test.pattern)
    return test


# The patterns line_test made: they only ever search a LineScan's text, which holds no blank line (the
# hostile-input tests give them their input as a LineScan joins it).
LINE_TESTS: set[str] = set()


class LineScan:
    """Lines joined into one text, each after a newline, to find in one scan per test the few lines where a
    per-line test may pass (:meth:`candidates`). Blank lines are left out (the tests run here need a
    character), and so are lines longer than ``longest`` (listed in :attr:`long`): scanning one may cost
    more than the tests, which mostly look at short lines only."""

    def __init__(self, lines: Sequence[str], longest: int | None = None) -> None:
        filled = list(compress(range(len(lines)), map(str.strip, lines)))  # map and compress: loops in C
        kept = list(map(lines.__getitem__, filled))
        self.long: list[int] = []
        if longest is not None and kept and max(map(len, kept)) > longest:
            self.long = [i for i in filled if len(lines[i]) > longest]
            filled = [i for i in filled if len(lines[i]) <= longest]
            kept = list(map(lines.__getitem__, filled))
        self._indexes = filled
        self._text = "\n" + "\n".join(kept) if kept else ""

    def candidates(self, *tests: re.Pattern[str]) -> list[int]:
        """The indexes of the lines where any of ``tests`` (from :func:`line_test`) may pass, in order.

        Exact: a match a pattern finds on a line is one it finds at the same place in the joined text, so
        the leftmost match from a line's newline is on that line or before the next line that has one;
        each search starts at the newline after the last line found."""
        found: set[int] = set()
        text = self._text
        for test in tests:
            position = counted = newlines = 0
            while (hit := test.search(text, position)) is not None:
                newlines += text.count("\n", counted, hit.start() + 1)  # the line's own newline is before it
                counted = hit.start() + 1
                found.add(self._indexes[newlines - 1])
                position = text.find("\n", counted)
                if position < 0:
                    break
        return sorted(found)
