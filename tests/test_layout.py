"""Line kinds (bylines, paths, menus, related and footer blocks, signatures, headings) and the scan of joined
lines that finds the few lines a per-line test can pass: it must never leave out one that passes."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from seminar_parse import layout, message
from seminar_parse.fastre import LineScan, line_test
from seminar_parse.sections import split_document
from seminar_parse.vocab import BYLINE_LINE, FOOTER_HEADING, RELATED_HEADING, SIGN_OFF

# (pattern, how a line is tested with it) for every test that build() and message._split scan for
SCANNED = [
    (BYLINE_LINE, "search"), (SIGN_OFF, "match"), (layout._SIGNATURE_DASHES, "match"),
    (RELATED_HEADING, "fullmatch"), (FOOTER_HEADING, "fullmatch"), (layout._CRUMB_MARK, "search"),
    (layout._MENU_LINE, "match"),
    *((pattern, "match") for pattern in (message._FORWARD_RULE, message._FORWARD_INTRO, message._HEADER,
                                         message._QUOTE_INTRO, message._QUOTE_INTRO_START, message._QUOTED)),
]
_PIECES = st.sampled_from([
    "On Tue, Mar 5, 2024 at 9:00 AM Ann <a@b.edu>", " wrote:", "Le 5 mars", " a écrit :", "X 于 2024年3月5日",
    "写道：", "From: ", "*Sent:* ", "Date: ", "Subject: ", "发件人：", "----------", " Forwarded message ",
    "Begin forwarded message:", "> ", ">", "Posted on", "Published by", "Updated: ", "2024-03-14 12:00 ", "发布者",
    "原创 ", "Best regards,", "Thanks", "--", "-- ", "Upcoming talks", "Related events", "Contact us", "(Room 5)",
    "（地点）", ":", "：", " | ", " / ", " » ", "Home", "Seminars", "a", "Item 3", " ", "  ", "\t", "\n", "\n\n",
    "\u00a0", "\x0b", "\u2028", "\u3000", "x" * 70,
])
_TEXTS = st.lists(_PIECES, max_size=40).map("".join)


def _passing(pattern: re.Pattern[str], how: str, lines: list[str]) -> set[int]:
    test = getattr(pattern, how)
    return {index for index, line in enumerate(lines) if line.strip() and test(line)}


@settings(max_examples=300, deadline=None)
@given(_TEXTS)
def test_the_scan_finds_every_line_a_test_passes(text: str) -> None:
    for lines in (text.split("\n"), [line.strip() for line in text.split("\n")]):  # as message and as build
        scan = LineScan(lines, 60)
        for pattern, how in SCANNED:
            found = set(scan.candidates(line_test(pattern, how)))
            long = set(scan.long)
            assert _passing(pattern, how, lines) <= found | long, pattern.pattern[:60]
            assert not found & long


def test_a_path_and_a_menu_need_the_characters_their_scans_look_for() -> None:
    assert set(layout._CRUMB_MARK.pattern) >= {">", "»", "›", "/"}
    for text in ("Home / Events / Seminars", "News » Talks » Spring", "Home | Upcoming Talks | Past Talks"):
        scan = LineScan(["intro", text, "outro"])
        assert 1 in scan.candidates(*layout._FURNITURE_TESTS)


@pytest.mark.parametrize("pattern", [r"\Afoo", r"foo\Z", r"(?<=a)b", r"(?<!a)b", r"a(?!\s)", r"(?>a+)b", r"a++b"])
def test_a_pattern_that_sees_past_its_line_is_refused(pattern: str) -> None:
    with pytest.raises(ValueError):
        line_test(re.compile(pattern))


def test_candidates_are_the_lines_in_order_and_blank_lines_are_left_out() -> None:
    lines = ["From: a", "", "   ", "x", "From: b", "y" * 30, "From: " + "c" * 30]
    scan = LineScan(lines, 20)
    assert scan.long == [5, 6]
    assert scan.candidates(line_test(message._HEADER, "match")) == [0, 4]
    assert LineScan([]).candidates(line_test(message._HEADER, "match")) == []


PAGE = """Home / Events / Seminars
Posted on 3 March by Events Team
SPARSE GRAPHS
Speaker: Ada Quinn
Date: 8 April 2025
The talk surveys sparse graph limits.
Upcoming talks (all in Room 5):
Next week: Ben Ortiz
Best regards,
Events Team
"""


def test_build_labels_the_kinds_of_a_page() -> None:
    doc = split_document(PAGE)
    built = layout.build(doc)
    assert built.crumbs == ("Home", "Events", "Seminars") and built.crumb_last == "Seminars"
    assert built.kinds[:7] == ("navigation", "byline", "body", "body", "body", "body", "related")
    assert built.kinds[7:10] == ("related", "signature", "related")  # the signature marks only body lines
    assert 2 in built.headings
