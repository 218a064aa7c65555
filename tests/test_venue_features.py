"""Table-driven tests of the unlabelled venue's features: tests/data/venue_features.yaml.

Each case names a phrase of the text and gives all of its features as a venue candidate (or none: it is no
candidate), and the record's venue. Every feature of ``WEIGHTS["venue"]`` has an example and a counterexample.
"""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from seminar_parse import parse_text
from seminar_parse.candidates import Candidate
from seminar_parse.fields.place import OWN_ITEM, PHRASE_THRESHOLD
from seminar_parse.weights import WEIGHTS
from tests.conftest import DATA

CASES: list[dict[str, Any]] = yaml.safe_load((DATA / "venue_features.yaml").read_text(encoding="utf-8"))
FEATURES = [name for name in WEIGHTS["venue"] if not name.startswith("rule:")]


def _candidates(text: str) -> tuple[list[Candidate], str | None]:
    """Every venue candidate the record's decision shows (the winner first), and the record's venue."""
    record = parse_text(text)
    found: list[Candidate] = []
    for choice in record.choices:
        if choice.field == "venue":
            found += [choice.winner] if choice.winner else []
            found += choice.runners_up
    return found, record.location.venue


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_venue_feature(case: dict[str, Any]) -> None:
    found, venue = _candidates(case["text"])
    named = next((c for c in found if c.value == case["candidate"]), None)
    if case["features"] is None:
        assert named is None, f"{case['candidate']!r} is a candidate: {named}"
    else:
        assert named is not None, f"{case['candidate']!r} is no candidate; candidates: {[c.value for c in found]}"
        assert sorted(named.features) == sorted(case["features"]), named.why()
        assert named.rule == "phrase"
        if case["about"] in FEATURES:
            assert (case["about"] in named.features) == case["has"]
    assert venue == case["venue"]


def test_every_feature_has_an_example_and_a_counterexample() -> None:
    shown = {(c["about"], c["has"]) for c in CASES}
    for name in [*FEATURES, "bare_code"]:
        assert (name, True) in shown and (name, False) in shown, name


def test_the_weights_move_in_half_points() -> None:
    """The threshold "more than -0.5" means "0 or more" only while every venue weight is a multiple of 0.5."""
    assert all((2 * weight).is_integer() for weight in WEIGHTS["venue"].values())
    assert PHRASE_THRESHOLD == -0.5


def test_an_item_of_its_own_is_one_feature() -> None:
    """The three ways of being an item of one's own weigh the same and are never summed."""
    assert len({WEIGHTS["venue"][name] for name in OWN_ITEM}) == 1
    for case in CASES:
        assert len(set(OWN_ITEM) & set(case["features"] or ())) <= 1, case["id"]
