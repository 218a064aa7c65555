"""clean's whole-text shortcuts (cue words, one pass of _SPACES, the blank-line fold) must not change a line."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from seminar_parse import clean as c
from seminar_parse.fastre import fold, needles

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
CUED_LINES = [
    "© 2024 MIT", "(C) 2019 Carnegie Mellon", "Copyright 2020", "COPYRIGHT\u00a0NOTICE", "All Rights Reserved.",
    "版权所有 京ICP备05012345号", "Log in", "LOGIN | REGISTER", "Sign in", "SIGN IN | EN", "\u017fign in",
    "2025年10月22日 星期三 登录 EN", "登陆 注册", "Log in to add this talk to your calendar",
]


def _lines() -> list[str]:
    lines = list(CUED_LINES)
    for path in sorted(SAMPLES.glob("*")):
        if path.suffix in (".txt", ".md", ".eml", ".html"):
            lines.extend(path.read_text(encoding="utf-8", errors="replace").splitlines())
    return lines


def test_every_match_of_a_cued_part_holds_one_of_its_words() -> None:
    lines = _lines()
    matched = 0
    for part, words in c._CUED_FURNITURE:
        pattern = re.compile(part, re.IGNORECASE)
        for line in lines:
            if pattern.search(line):
                matched += 1
                assert any(fold(word) in fold(line) for word in words), (part, line)
    assert matched >= len(CUED_LINES)


def test_the_login_cues_are_the_words_the_pattern_needs() -> None:
    part, words = c._CUED_FURNITURE[1]
    found = needles(re.compile(part, re.IGNORECASE))
    assert found is not None
    assert {*found._exact, *found._folded} == {fold(word) for word in words}


def test_cued_furniture_is_dropped_in_a_table_row_and_after_markup() -> None:
    text = "Title: Real talk\n| Log in | Register |\n## © 2024 MIT\n• Sign in\nSpeaker: Jane Roe"
    assert c.clean(text).text == "Title: Real talk\nSpeaker: Jane Roe"


@given(st.lists(st.sampled_from(["", "log", "a log", "x", "sign", "©", "LOG"]), max_size=12))
@settings(max_examples=200, deadline=None)
def test_rows_holding_finds_the_rows_a_row_by_row_test_finds(rows: list[str]) -> None:
    words = ("log", "sign", "©")
    expected = {i for i, row in enumerate(rows) if any(word in row for word in words)}
    assert c._rows_holding("\n".join(rows), words) == expected


def _fold_one_by_one(lines: list[str]) -> str:
    out: list[str] = []
    for line in lines:
        if not line and (not out or not out[-1]):
            continue
        out.append(line)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out)


@given(st.lists(st.sampled_from(["", "a", "b c"]), max_size=12))
@settings(max_examples=200, deadline=None)
def test_blank_lines_fold_as_one_by_one(lines: list[str]) -> None:
    assert c._fold_blank_lines(lines) == _fold_one_by_one(lines)


@given(st.lists(st.text(alphabet=" \t\u00a0\u2003\u3000ab|#-", max_size=12), min_size=1, max_size=6))
@settings(max_examples=300, deadline=None)
def test_spaces_collapse_in_one_pass_as_line_by_line(rows: list[str]) -> None:
    assert c._SPACES.sub(" ", "\n".join(rows)).split("\n") == [c._SPACES.sub(" ", row) for row in rows]


def test_the_parts_tried_at_a_line_start_are_all_anchored_there() -> None:
    # _FURNITURE_AT_START is only ever matched at a line's start: a part meant to be searched for belongs in
    # _CUED_FURNITURE, with its words
    assert all(part.startswith("^") for part in (*c._FURNITURE_PARTS, c._BREADCRUMB))


def test_the_ascii_duplicate_key_is_the_general_one() -> None:
    def general(line: str) -> str:
        return c._NOT_ALNUM.sub("", unicodedata.normalize("NFKC", line).casefold())

    ascii_chars = "".join(map(chr, range(128)))
    for line in (ascii_chars, ascii_chars[::-1], "Abstract: We Study_Sparse  MODELS (2024)!", *_lines()):
        if line.isascii():
            assert c._duplicate_key(line) == general(line)
