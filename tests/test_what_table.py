"""Table-driven tests of the kind of event, the series and packed headlines: tests/data/what_cases.yaml."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from seminar_parse import parse_text
from tests.conftest import DATA, assert_valid

CASES: list[dict[str, Any]] = yaml.safe_load((DATA / "what_cases.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_what(case: dict[str, Any]) -> None:
    record = parse_text(case["text"]).to_dict()
    assert_valid(record)
    for key, expected in case["expect"].items():
        got = record[key]
        if key == "speakers":  # who and where from; the other keys of a speaker are the people table's
            got = [{"name": s["name"], "affiliation": s["affiliation"]} for s in got]
        assert got == expected, key
