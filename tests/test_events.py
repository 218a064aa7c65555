"""Several talks in one input (events.py, pipeline._talks): table cases in tests/data/event_cases.yaml,
the hand-written `events:` of the samples, and properties: inputs with one talk are unchanged by
--all-events, and a generated programme of N talks gives N records, each its own."""

from __future__ import annotations

import re
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from seminar_parse import events, sections
from seminar_parse.cli import app
from seminar_parse.pipeline import Options, parse_bytes, parse_bytes_all, parse_path, parse_path_all
from seminar_parse.sections import split_document
from tests.conftest import DATA, SAMPLES, SHARED, assert_valid

CASES: list[dict[str, Any]] = yaml.safe_load((DATA / "event_cases.yaml").read_text(encoding="utf-8"))
ALL = Options(all_events=True)


def _view(record: dict[str, Any], keys: dict[str, Any]) -> dict[str, Any]:
    shown = {"title": record["title"], "speakers": [s["name"] for s in record["speakers"]],
             "start": record["start"], "venue": record["location"]["venue"]}
    return {key: shown[key] for key in keys}


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_event_case(case: dict[str, Any]) -> None:
    options = Options(all_events=True, reference_date=case.get("reference_date"))
    records = parse_bytes_all(case["text"].encode(), None, options)
    for record in records:
        assert_valid(record.to_dict())
    if case.get("single"):
        assert len(records) == 1
        alone = Options(reference_date=case.get("reference_date"))
        assert records[0] == parse_bytes(case["text"].encode(), None, alone)
        return
    got = [_view(r.to_dict(), want) for r, want in zip(records, case["events"], strict=False)]
    assert got == case["events"]
    assert len(records) == len(case["events"])
    assert [(r.event_index, r.event_count) for r in records] == [(i, len(records)) for i in range(1, len(records) + 1)]


def _gold(path: Path) -> dict[str, Any]:
    return yaml.safe_load(path.with_name(path.stem + ".gold.yaml").read_text(encoding="utf-8")) or {}


SAMPLE_INPUTS = sorted(p for p in SAMPLES.iterdir() if p.suffix in (".txt", ".md", ".eml", ".html", ".mbox")
                       and not p.name.endswith(".expected.yaml"))
PROGRAMMES = [p for p in SAMPLE_INPUTS if "events" in _gold(p)]


def test_samples_include_each_programme_shape() -> None:
    assert len(PROGRAMMES) >= 5  # a digest, a series page, a 系列讲座 page, a table, a one-day programme


@pytest.mark.parametrize("path", PROGRAMMES, ids=lambda p: p.name)
def test_sample_programme_gives_every_talk(path: Path) -> None:
    records = parse_path_all(path, ALL)
    events = _gold(path)["events"]
    assert len(records) == len(events)
    for record, event in zip(records, events, strict=True):
        view = _view(record.to_dict(), {"title": 1, "speakers": 1, "start": 1})
        assert view["title"] == event["title"] and view["speakers"] == event["speakers"]
        assert view["start"] == event["start"]
        assert record.source.fragment is not None or path.suffix == ".eml"
    default = parse_path(path)
    assert default.event_count == len(events)
    assert any("--all-events" in w for w in default.warnings)


def _single_talk_inputs() -> list[Path]:
    found = [p for p in SAMPLE_INPUTS if p not in PROGRAMMES]
    corpus = SHARED / "corpus"
    for folder in ("dev", "wide/en", "wide/zh"):
        for path in sorted((corpus / folder).glob("*")) if (corpus / folder).is_dir() else []:
            gold = path.with_name(path.stem + ".gold.yaml")
            if path.suffix not in (".yaml", ".tsv", ".md") and gold.exists() and "events" not in _gold(path):
                found.append(path)
    return found


@pytest.mark.parametrize("path", _single_talk_inputs(), ids=lambda p: p.name)
def test_single_talk_input_is_unchanged_by_all_events(path: Path) -> None:
    assert parse_path_all(path, ALL) == parse_path_all(path, Options())


_NAMES = ["Ana Ruiz", "Bram de Vries", "Chen Wei", "Dara Okafor", "Eitan Levi", "Farah Aziz", "Goran Ilic"]
_TITLES = ["Coastal Fog and Drought", "Sparse Coding in Cortex", "Ice Sheet Dynamics", "Quantum Error Correction",
           "Urban Heat Islands", "Protein Folding Kinetics", "Bayesian Model Averaging"]


@settings(max_examples=25, deadline=None)
@given(count=st.integers(min_value=1, max_value=6), first=st.dates(date(2020, 1, 1), date(2030, 1, 1)),
       gap=st.integers(min_value=1, max_value=14), shape=st.sampled_from(["colon", "dash"]))
def test_generated_programme_gives_one_record_per_listed_talk(count: int, first: date, gap: int, shape: str) -> None:
    """A featured talk and N listed ones: N + 1 records, in order, each with its own speaker and title."""
    lines = ["Seminar in Applied Physics", "Seminars are held in Room 210 at 16:00 unless noted otherwise.", "",
             "NEXT SEMINAR", f"{first.strftime('%d %B %Y')}", f"Dr. {_NAMES[0]} (Leiden University)",
             f'"{_TITLES[0]}"', "", "Upcoming seminars"]
    for n in range(1, count + 1):
        day = (first + timedelta(days=gap * n)).strftime("%d %B %Y")
        sep = ":" if shape == "colon" else " —"
        lines.append(f'{day}{sep} {_NAMES[n]} (University of Oslo), "{_TITLES[n]}"')
    text = ("\n".join(lines) + "\n").encode()
    records = parse_bytes_all(text, None, ALL)
    assert [r.title for r in records] == _TITLES[: count + 1]
    assert [[s.name for s in r.speakers] for r in records] == [[name] for name in _NAMES[: count + 1]]
    assert [r.start for r in records] == [f"{first + timedelta(days=gap * n)}T16:00" for n in range(count + 1)]
    assert parse_bytes_all(text, None, ALL) == records  # deterministic


def test_since_keeps_talks_from_that_day() -> None:
    path = SAMPLES / "series-page-upcoming.txt"
    records = parse_path_all(path, Options(all_events=True, since=date(2025, 4, 1)))
    assert [r.start[:10] for r in records if r.start] == ["2025-04-03", "2025-04-10", "2025-04-17"]


def test_cli_all_events_in_every_format() -> None:
    runner = CliRunner()
    path = str(SAMPLES / "talks-table.md")
    lines = runner.invoke(app, [path, "--all-events", "--format", "jsonl"]).stdout.strip().split("\n")
    assert len(lines) == 4
    ics = runner.invoke(app, [path, "--all-events", "--format", "ics"]).stdout
    assert ics.count("BEGIN:VEVENT") == 4
    csv_rows = runner.invoke(app, [path, "--all-events", "--format", "csv"]).stdout.strip().split("\n")
    assert len(csv_rows) == 5  # a header and four talks
    one = runner.invoke(app, [path, "--format", "jsonl"])
    assert len(one.stdout.strip().split("\n")) == 1 and one.exit_code == 0
    bad = runner.invoke(app, [path, "--since", "soon"])
    assert bad.exit_code == 2 and "--since" in bad.output


def test_other_spaces_are_the_engines_whitespace() -> None:
    """events.OTHER_SPACES, written out so that a block's test is one fast scan, is re's \\s less the space
    and the line break: a row's cell break is found in any block that holds one."""
    every = "".join(map(chr, range(sys.maxunicode + 1)))
    assert set(re.findall(f"[{events.OTHER_SPACES}]", every)) == set(re.findall(r"\s", every)) - {" ", "\n"}


_FILLER = [f"Note {n}: a short line." for n in range(150)]
_LONG_INPUTS = {
    "programme": ["Upcoming talks", "Date | Speaker | Title", "12 March 2025 | Dr. Ana Ruiz | Coastal Fog and Climate",
                  "19 March 2025 | Prof. Li Wei | Sparse Models in Practice", "",
                  "All talks are in Gates 104 at 4pm."],
    "one talk": ["Speaker: Dr. Ana Ruiz", "Date: 12 March 2025, 4pm", "Hosted by Prof. Maria Lopez.",
                 'Dr. Ruiz will speak on "Learning from Coastal Fog Banks" as part of the Ocean Physics Seminar.'],
}


@pytest.mark.parametrize("name", _LONG_INPUTS)
def test_blocks_passed_over_change_no_record(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A long input's blocks of lines that cannot hold a heading, a table, a host or a prose title or series
    are passed over (sections.lines_that_may); what sits between them reads as when every line is visited."""
    text = "\n".join([*_FILLER, *_LONG_INPUTS[name], *_FILLER]) + "\n"
    doc = split_document(text)
    assert len(list(sections.lines_that_may(doc, events._MAY_HEAD))) < len(doc.lines) / 2
    fast = parse_bytes_all(text.encode(), None, ALL)
    monkeypatch.setattr(sections, "_BLOCK_LINES", len(doc.lines) + 1)  # one block, too short to test: every line
    assert len(list(sections.lines_that_may(doc, events._MAY_HEAD))) == len(doc.lines)
    assert parse_bytes_all(text.encode(), None, ALL) == fast
    assert len(fast) == (2 if name == "programme" else 1) and fast[0].title
