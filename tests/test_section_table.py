"""Table-driven tests of where sections start and end: tests/data/section_cases.yaml."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from seminar_parse import parse_text
from tests.conftest import DATA

CASES: list[dict[str, Any]] = yaml.safe_load((DATA / "section_cases.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_section_ends(case: dict[str, Any]) -> None:
    record = parse_text(case["text"])
    for field in ("abstract", "bio"):
        if f"{field}_ends" not in case:
            continue
        expected, got = case[f"{field}_ends"], getattr(record, field)
        if expected is None:
            assert got is None
        else:
            assert got is not None and got.endswith(expected), f"{field}: {got!r}"
        if f"{field}_starts" in case:
            assert got is not None and got.startswith(case[f"{field}_starts"]), f"{field}: {got!r}"
