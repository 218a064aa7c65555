"""The first-character gate and the line prefilter are speed only: they must never change a match."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import seminar_parse.pipeline  # noqa: F401  (imports every module whose patterns are gated)
from seminar_parse.fastre import ORIGINALS, Prefilter, gate, gated, needles

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
PAIRS = [(re.compile(original, flags), re.compile(text, flags))
         for text, (original, flags) in sorted(ORIGINALS.items())]

GATE_CASES = [
    # (pattern, a text that must match, a text that must not) — and the gate must not change either
    (r"\bfoo|bar", "a bar", "baz"),
    (r"(?i)\bupdated?\b", "UPDATED:", "updating"),
    (r"(?i:room|hall)\s\d+", "HALL 3", "hallway"),
    (r"a*b", "aaab", "aaa"),
    (r"\d{1,2}(?:am|pm)", "4pm", "pm"),
    (r"(?:Dr|Prof)\.?\s[A-Z]", "Prof Y", "prof y"),
    (r"[A-Z][a-z]+ Hall", "Gates Hall", "gates hall"),
    (r"(?=\d)\d+x", "12x", "x12"),
]


@pytest.mark.parametrize(("pattern", "matching", "other"), GATE_CASES)
def test_gated_pattern_matches_what_the_original_matches(pattern: str, matching: str, other: str) -> None:
    original, fast = re.compile(pattern), gated(pattern)
    assert fast.search(matching) and original.search(matching)
    assert fast.search(matching).span() == original.search(matching).span()  # type: ignore[union-attr]
    assert not fast.search(other) and not original.search(other)


@pytest.mark.parametrize("pattern", [r"a?", r".x", r"[^a]b", r"x*", r"(?:a|)b?"])
def test_no_gate_when_the_first_character_is_unbounded(pattern: str) -> None:
    assert gate(pattern) is None
    assert gated(pattern).pattern == pattern


def test_a_gate_has_only_the_characters_a_match_can_start_with() -> None:
    lookahead = gate(r"\b(?:cat|dog)s?|\d")
    assert lookahead is not None
    probe = re.compile(lookahead)
    assert [c for c in "cdx7-C" if probe.match(c)] == ["c", "d", "7"]


def test_case_insensitive_gate_follows_the_engine_folding() -> None:
    # "(?i)k" also matches KELVIN SIGN and "(?i)s" LONG S: the gate must let those through too
    for pattern, text in ((r"(?i)kelvin", "\u212aelvin"), (r"(?i)\bsep\b", "\u017fep")):
        assert re.search(pattern, text)
        assert gated(pattern).search(text)


def test_global_flags_become_a_scoped_group_so_the_text_can_be_embedded() -> None:
    fast = gated(r"(?i)talks?|seminars?")
    embedded = re.compile(rf"Upcoming (?:{fast.pattern})")
    assert embedded.search("Upcoming TALKS")
    assert gated(r"(?a)\w+x").pattern == r"(?a)\w+x"  # ASCII cannot be scoped: left as it was


def _sample_lines() -> list[str]:
    lines = []
    for path in sorted(SAMPLES.glob("*")):
        if path.suffix in (".txt", ".md", ".eml", ".html"):
            lines.extend(path.read_text(encoding="utf-8", errors="replace").splitlines())
    return lines


def test_every_gated_pattern_in_the_package_matches_as_its_original_on_the_samples() -> None:
    assert len(PAIRS) >= 30
    lines = _sample_lines()
    text = "\n".join(lines)
    for original, fast in PAIRS:
        assert [m.span() for m in original.finditer(text)] == [m.span() for m in fast.finditer(text)], \
            original.pattern[:80]
        for line in lines:
            found, other = original.search(line), fast.search(line)
            assert (found and found.span()) == (other and other.span()), (original.pattern[:80], line)


_ALPHABET = st.sampled_from([*"aAdDkKsStTuUrRpPnNmMoOjJfFhHcCwW0123456789 :.,-–()[]【】@/\n\t",
                             "\u212a", "\u017f", "İ", "ı", "室", "楼", "时", "间", "下午", "周", "月", "日"])


@settings(max_examples=150, deadline=None)
@given(st.lists(_ALPHABET, max_size=80).map("".join))
def test_gated_patterns_agree_with_their_originals_on_random_text(text: str) -> None:
    for original, fast in PAIRS:
        assert [m.span() for m in original.finditer(text)] == [m.span() for m in fast.finditer(text)]


PREFILTER = Prefilter("0-9", ("day", "tomorrow", "sep"))


@pytest.mark.parametrize(("line", "expected"), [
    ("Tuesday", True), ("TOMORROW at noon", True), ("room 4", True), ("\u017fep", True),
    ("The abstract of the talk.", False), ("", False), ("Septuagint", True),  # a substring is enough
])
def test_prefilter(line: str, expected: bool) -> None:
    assert PREFILTER(line) is expected


def _package_patterns() -> list[re.Pattern[str]]:
    import importlib
    import pkgutil

    import seminar_parse

    found: dict[int, re.Pattern[str]] = {}
    for info in pkgutil.walk_packages(seminar_parse.__path__, "seminar_parse."):
        if info.name.endswith(("__main__", "distributed", "parquet")):
            continue
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
                found[id(value)] = value
    return sorted(found.values(), key=lambda p: p.pattern)


WITH_NEEDLES = [(p, n) for p in _package_patterns() if (n := needles(p)) is not None]


@pytest.mark.parametrize(("pattern", "text", "expected"), [
    (r"(?i)\b(?:rescheduled|postponed)\b", "RESCHEDULED", True),
    (r"(?i)\b(?:rescheduled|postponed)\b", "moved to Friday", False),
    (r"(?i)\bnew\s+(?:date|time)\b", "New  Date", True),
    (r"改期|延期", "讲座改期至周五", True),
    (r"改期|延期", "讲座时间不变", False),
    (r"(?i)speaks?", "\u017fPEAK", True),  # LONG S matches s under IGNORECASE: so must the needle
    (r"(?i)kind", "\u212aIND", True),  # KELVIN SIGN
    (r"(?i)in\s+room", "\u0130N ROOM", True),  # DOTTED CAPITAL I
])
def test_needles_table(pattern: str, text: str, expected: bool) -> None:
    compiled = re.compile(pattern)
    test = needles(compiled)
    assert test is not None
    assert bool(compiled.search(text)) is expected
    if expected:
        assert test(text)
    else:
        assert not test(text) or not compiled.search(text)


@pytest.mark.parametrize("pattern", [r"\d+", r"(?i)\b(?:at|by)\b", r"a|bcd", r"(?:foo)?bar?"])
def test_no_needles_when_some_match_holds_no_long_word(pattern: str) -> None:
    assert needles(re.compile(pattern)) is None


def test_needles_of_every_package_pattern_are_sound_on_the_samples() -> None:
    assert len(WITH_NEEDLES) >= 20
    lines = _sample_lines()
    for pattern, test in WITH_NEEDLES:
        for line in lines:
            if pattern.search(line):
                assert test(line), (pattern.pattern[:80], line)


_WORDY = st.sampled_from(["contact", "Host", "UPDATE", "new", "time", "room", "change", "will ", "talk", "given",
                          "改期", "时间", "更新", " ", "\n", "Dr. ", "Ann ", "\u017f", "\u212a", "\u0130", "by", "5"])


@settings(max_examples=200, deadline=None)
@given(st.lists(_WORDY, max_size=30).map("".join))
def test_needles_are_sound_on_random_text(text: str) -> None:
    for pattern, test in WITH_NEEDLES:
        if pattern.search(text):
            assert test(text), pattern.pattern[:80]
