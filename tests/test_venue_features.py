"""Table-driven tests of the unlabelled venue's features: tests/data/venue_features.yaml.

Each case names a phrase of the text and gives all of its features as a venue candidate (or none: it is no
candidate), and the record's venue. Every feature of ``WEIGHTS["venue"]`` has an example and a counterexample.
"""

from __future__ import annotations

import random
from typing import Any

import pytest
import yaml

from seminar_parse import fastre, parse_text
from seminar_parse.candidates import Candidate
from seminar_parse.fastre import gated
from seminar_parse.fields import place
from seminar_parse.fields.place import OWN_ITEM, PHRASE_THRESHOLD
from seminar_parse.weights import WEIGHTS
from tests.conftest import DATA, SAMPLES

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


# --- the windowed search finds exactly what the whole grammar finds -----------------------------------------

_SOUP_TEXT = ("Room room rm Rm. lab Lab suite Hall hall Wean Doherty Center Building of in at the The conference main "
         "5409 101 4:30 A18C 2021 , . ; ( ) \n \n\n Avenue 4400 Fifth St. Porter PH 223D GHC 6115 Dining Seminar "
         "Room, floor 3rd 40th Cathedral Learning Classroom 5 located form inform (Room 5) Seminarraum HÖRSAAL "
         "Hörsaal AMPHITHÉÂTRE ſuite BUİLDING Quadrangle following shall")
_SOUP = _SOUP_TEXT.split(" ")


def _matches(pattern_matches: Any) -> list[tuple[tuple[int, int], str]]:
    return [(m.span(), m.group(0)) for m in pattern_matches]


def _texts() -> list[str]:
    rng = random.Random(20241202)
    soups = ["".join(rng.choice(_SOUP) + rng.choice([" ", "", "\n", ", "]) for _ in range(rng.randint(5, 400)))
             for _ in range(400)]
    samples = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(SAMPLES.glob("*.txt"))]
    large = ["Talk in Room 101, Wean Hall 5409. " * 600, "Item 100: we study\nin the Seminar Room 5 " * 500,
             "Speaker: Dr. Ab Cd [x](https://ex.org/y) **z** Room Hall, jane@mit.edu 报告人：张三 " * 200,
             "Room" + " " * 30 + "5409 and Wean" + "\n" * 12 + "Hall 5409"]  # long runs: the whole scan
    return soups + samples + large


@pytest.mark.parametrize("switch_after", [place._SWITCH_AFTER, 0, 10**9])  # as shipped, at once, never
@pytest.mark.parametrize("longest_window", [place._LONGEST_WINDOW, 1, 300])  # as shipped, and cut often
def test_windowed_search_finds_what_the_whole_grammar_finds(switch_after: int, longest_window: int,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(place, "_SWITCH_AFTER", switch_after)
    monkeypatch.setattr(place, "_LONGEST_WINDOW", longest_window)
    for text in _texts():
        assert _matches(place._venue_matches(text)) == _matches(place.VENUE_RE.finditer(text)), text[:200]


def test_the_anchors_are_looked_for_at_their_heads() -> None:
    """Each anchor is tried only where one of its words is printed, in any case (fastre.fold); a pattern that
    may start otherwise, or with a single letter, is searched as it is."""
    assert {"room", "rm", "hörsaal", "amphi", "seminarraum"} <= set(place._ROOMS.heads or ())
    assert "quadrangle" not in (place._BUILDINGS.heads or ())  # "quad" finds it
    assert fastre.heads(r"(?i)(?<=\s)(?:hall|tower)\b") == ("hall", "tower")
    assert fastre.heads(r"(?:Hall|[Tt]ower)") is None
    assert fastre.heads(r"(?i:a|room)") is None
    assert fastre.heads(r"(?i:σtoa)") is None  # σ has extra cases (ς, ϲ): not folded alike


def test_the_bounds_cover_every_unbounded_repeat() -> None:
    """_reach() takes each unbounded repeat of the venue grammar at the bound _LONG_RUNS check the text for:
    white space, [a-z]+, [A-Za-z'’&-]+ and the \\w+ of [A-Z]\\w+. A new kind needs a new check."""
    from re import _constants, _parser  # type: ignore[attr-defined]

    kinds: set[str] = set()

    def walk(items: Any) -> None:
        for op, av in items:
            if str(op) in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
                if av[1] == _constants.MAXREPEAT:
                    kinds.add(str(av[2]))
                walk(av[2])
            elif str(op) == "SUBPATTERN":
                walk(av[3])
            elif str(op) in ("ASSERT", "ASSERT_NOT"):
                walk(av[1])
            elif str(op) == "BRANCH":
                for alternative in av[1]:
                    walk(alternative)

    walk(_parser.parse(place._ROOM_PHRASE))
    walk(_parser.parse(place._BUILDING_PHRASE))
    walk(_parser.parse(place._NUMBER_PHRASE))
    assert kinds == {"[(IN, [(CATEGORY, CATEGORY_SPACE)])]", "[(IN, [(CATEGORY, CATEGORY_WORD)])]",
                     "[(IN, [(RANGE, (97, 122))])]",
                     "[(IN, [(RANGE, (65, 90)), (RANGE, (97, 122)), (LITERAL, 39), (LITERAL, 8217), (LITERAL, 38), "
                     "(LITERAL, 45)])]"}
    union = f"{place._ROOM_PHRASE}|{place._BUILDING_PHRASE}|{place._NUMBER_PHRASE}"
    assert place.VENUE_RE.pattern == gated(union).pattern


def test_a_list_of_places_is_read_only_as_far_as_its_first_phrases(monkeypatch: pytest.MonkeyPatch) -> None:
    """A text with more venue phrases than place.MOST_VENUE_PHRASES is a directory, not one talk: its first
    phrases are the candidates (the talk's venue is among them), and the rest are not read."""
    head = "Speaker: Dr. Ada Quist\nDate: May 6, 2025, 2-3pm\nLocation: Moreau Hall 210\n\n"
    listing = "".join(f"Office {n}, Tarrant Building {n}\n" for n in range(100, 160))
    monkeypatch.setattr(place, "MOST_VENUE_PHRASES", 5)
    assert parse_text(head + listing).location.venue == "Moreau Hall 210"  # labelled: not a phrase
    prose = "Dr. Ada Quist speaks on May 6, 2025 at 2pm in Moreau Hall 210.\n\n" + listing
    assert parse_text(prose).location.venue == "Moreau Hall 210"
    hidden = listing + "\nDr. Ada Quist speaks on May 6, 2025 at 2pm in Moreau Hall 210.\n"
    looked_at: list[str] = []
    features = place._context_features
    monkeypatch.setattr(place, "_context_features", lambda doc, line, at, end, venue, starts:
                        looked_at.append(venue) or features(doc, line, at, end, venue, starts))
    assert parse_text(hidden).location.venue != "Moreau Hall 210"  # past the bound: not read
    assert 0 < len(looked_at) <= 5
