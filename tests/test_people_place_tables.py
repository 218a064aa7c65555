"""Table-driven tests of the who/what/where extractors: tests/data/people_cases.yaml and place_cases.yaml.

Each case gives a snippet and the record keys it checks; only those keys are compared, exactly.
"""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from seminar_parse import parse_text
from seminar_parse.fastre import needles
from seminar_parse.fields import people
from tests.conftest import DATA, assert_valid

PEOPLE: list[dict[str, Any]] = yaml.safe_load((DATA / "people_cases.yaml").read_text(encoding="utf-8"))
PLACE: list[dict[str, Any]] = yaml.safe_load((DATA / "place_cases.yaml").read_text(encoding="utf-8"))
KNOWN_FAILURES: dict[str, str] = yaml.safe_load((DATA / "known_failures.yaml").read_text(encoding="utf-8")) or {}


def _view(record: dict[str, Any], key: str, expected: Any) -> Any:
    """The part of the record a case speaks about, shaped like the expectation."""
    if key == "speakers":
        speakers = record["speakers"]
        return [{k: s[k] for k in want} for s, want in zip(speakers, expected, strict=False)] + \
            [{"name": s["name"]} for s in speakers[len(expected):]]
    if key == "venue":
        return record["location"]["venue"]
    if key == "online":  # a case names the first channel (a dict), every channel (a list) or none (null)
        online = record["location"]["online"]
        if isinstance(expected, list):
            return [{k: channel[k] for k in want} for channel, want in zip(online, expected, strict=False)] + \
                online[len(expected):]
        if expected is None or not online:
            return online[0] if online else None
        return {k: online[0][k] for k in expected}
    return record[key]


def _check(case: dict[str, Any]) -> None:
    if case["id"] in KNOWN_FAILURES:
        pytest.xfail(KNOWN_FAILURES[case["id"]])
    record = parse_text(case["text"]).to_dict()
    assert_valid(record)
    for key, expected in case["expect"].items():
        assert _view(record, key, expected) == expected, key


@pytest.mark.parametrize("case", PEOPLE, ids=[c["id"] for c in PEOPLE])
def test_people(case: dict[str, Any]) -> None:
    _check(case)


@pytest.mark.parametrize("case", PLACE, ids=[c["id"] for c in PLACE])
def test_place(case: dict[str, Any]) -> None:
    _check(case)


def test_tables_are_large_enough() -> None:
    assert len(PEOPLE) + len(PLACE) >= 150
    assert not set(KNOWN_FAILURES) - {c["id"] for c in PEOPLE + PLACE}, "stale known failure"


def test_host_words_cover_every_host_phrasing() -> None:
    """people.HOST_WORDS, the test of a block of lines before the host search visits them, holds a part of
    every word one of which a host phrasing or an organiser's note must hold (fastre.needles)."""
    for pattern in (people._ORGANISER_NOTE_LINE, *dict(people._HOST_PROSE)):
        found = needles(pattern)
        assert found is not None, pattern.pattern
        for word in (*found._exact, *found._folded):
            assert any(part in word.lower() for part in people.HOST_WORDS), word
