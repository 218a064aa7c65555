"""Table-driven test of the date/time/zone grammar: tests/data/date_expressions.yaml.

The first 319 expressions were written before the code that reads them; the rest (relative days, partial
dates, word times, parts of the day, durations, ROC years, zones by country; issues 10 and 16) with it.
Each class has counterexamples (start null, or a date without a time).
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
import yaml

from seminar_parse import parse_text
from tests.conftest import DATA, SAMPLES

CASES: list[dict[str, Any]] = yaml.safe_load((DATA / "date_expressions.yaml").read_text(encoding="utf-8"))


def _id(case: dict[str, Any]) -> str:
    return case["text"].replace("\n", " | ")[:60]


@pytest.mark.parametrize("case", CASES, ids=[_id(c) for c in CASES])
def test_expression(case: dict[str, Any]) -> None:
    ref = date.fromisoformat(case["ref"]) if case.get("ref") else None
    record = parse_text(case["text"], reference_date=ref, tz=case.get("tz"))
    got = (record.start, record.end, record.timezone)
    assert got == (case.get("start"), case.get("end"), case.get("timezone")), case.get("note", "")


def test_table_is_large_and_bilingual() -> None:
    chinese = [c for c in CASES if any("\u4e00" <= ch <= "\u9fff" for ch in c["text"])]
    assert len(CASES) >= 600
    assert len(chinese) >= 300


def test_cue_lines_agree_with_each_lines_own_search() -> None:
    """when._cue_lines finds the cue words in one pass over the folded text; it must name exactly the lines
    on which the cue patterns match, look-alike letters (Kelvin sign, long s, dotted I) included."""
    import random

    from seminar_parse.fields import when
    from seminar_parse.sections import split_document

    rng = random.Random(7)
    pieces = ["Mon", "DAY", "the", "ſat", "\u212aelvin", "İstanbul", "THIS", "dec", "3/4", "1-2", "x", " ", "\n",
              "tonight", "周五", "ｍａｙ", "Tomorrow"]
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 80))) for _ in range(300)]
    texts += [p.read_text(encoding="utf-8", errors="replace") for p in sorted(SAMPLES.glob("*.txt"))]
    for text in texts:
        doc = split_document(text)
        found = when._cue_lines(doc, text, when._folded_alike(text))
        for cue, pattern in when._DATE_CUES.items():
            expected = {line.index for line in doc.lines if pattern.search(text[line.start:line.end])}
            assert found[cue] == expected, (cue, text[:80])
