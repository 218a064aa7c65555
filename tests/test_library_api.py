"""The library as a user depends on it: checked arguments (in the CLI's words), the exported writers,
records read back with ``Record.from_dict`` from JSON and from YAML read by PyYAML and by ruamel.yaml."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML
from typer.testing import CliRunner

import seminar_parse
from seminar_parse import OptionError, Record, parse_file, parse_text, to_csv, to_ics, to_jsonld
from seminar_parse.cli import app
from seminar_parse.emit import render_many
from seminar_parse.record import Location, OnlineMeeting, Source, Speaker
from tests.conftest import SAMPLES

GOLDENS = sorted(SAMPLES.glob("*.expected.yaml"))
TEXT = "Speaker: Dr. Jane Roe, MIT\nDate: March 19, 2024, 3-4pm ET\nRoom 5"


def _ruamel_all(text: str) -> list[object]:
    return list(YAML(typ="safe", pure=True).load_all(io.StringIO(text)))


# -- arguments -------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("kwargs", "option", "cli_args"), [
    ({"tz": "Mars/Olympus"}, "--tz", ["--tz", "Mars/Olympus"]),
    ({"tz": ""}, "--tz", None),
    ({"date_order": "xyz"}, "--date-order", None),
    ({"reference_date": "2024-13-01"}, "--reference-date", ["--reference-date", "2024-13-01"]),
    ({"reference_date": 20240301}, "--reference-date", None),
])
def test_bad_arguments_raise_with_the_clis_message(kwargs: dict[str, object], option: str,
                                                   cli_args: list[str] | None, tmp_path: Path) -> None:
    with pytest.raises(OptionError) as caught:
        parse_text(TEXT, **kwargs)  # type: ignore[arg-type]
    assert isinstance(caught.value, ValueError) and caught.value.option == option
    talk = tmp_path / "talk.txt"
    talk.write_text(TEXT, encoding="utf-8")
    with pytest.raises(OptionError):
        parse_file(talk, **kwargs)  # type: ignore[arg-type]
    if cli_args:
        result = CliRunner().invoke(app, [str(talk), *cli_args])
        assert result.exit_code == 2
        assert f"Invalid value for '{option}': {caught.value.reason}" in " ".join(result.stderr.split())


def test_good_arguments_are_taken() -> None:
    record = parse_text("Date: 3/4/2024, 2pm", tz="Europe/Zurich", date_order="dmy",
                        reference_date=date(2024, 1, 1))
    assert record.start is not None and record.start.startswith("2024-04-03T14:00")
    assert record.timezone == "Europe/Zurich"
    assert parse_text("Date: 3/4/2024", date_order="auto").start == parse_text("Date: 3/4/2024").start
    assert parse_text("Date: March 4", reference_date="2031-01-01").start == "2031-03-04"  # type: ignore[arg-type]


def test_text_must_be_text() -> None:
    with pytest.raises(TypeError, match="parse_file"):
        parse_text(b"Speaker: Jane Roe")  # type: ignore[arg-type]


# -- exports and docs ------------------------------------------------------------------------------------

def test_writers_are_exported_and_work() -> None:
    assert {"to_ics", "to_jsonld", "to_csv", "schema", "Record", "OptionError"} <= set(seminar_parse.__all__)
    data = parse_text(TEXT).to_dict()
    assert to_ics([data]).startswith("BEGIN:VCALENDAR")
    event = to_jsonld(data)
    assert event["@context"] == "https://schema.org" and event["startDate"] == data["start"]
    header, row = to_csv([data]).splitlines()
    assert header.startswith("title,speakers,") and "Jane Roe" in row
    with pytest.raises(AttributeError):
        _ = seminar_parse.no_such_thing  # type: ignore[attr-defined]


@pytest.mark.parametrize("thing", [Record, Speaker, Location, OnlineMeeting, Source, OptionError,
                                   seminar_parse.InputError, parse_text, parse_file, seminar_parse.parse_file_all,
                                   seminar_parse.schema, to_ics, to_jsonld, to_csv, Record.from_dict, Record.to_dict],
                         ids=lambda t: t.__qualname__)
def test_public_things_have_docstrings(thing: object) -> None:
    doc = getattr(thing, "__doc__", None) or ""
    assert len(doc.strip()) > 20, f"{thing} has no docstring"
    assert not doc.startswith(f"{getattr(thing, '__name__', '')}(")  # not the dataclass's generated signature


# -- reading records back --------------------------------------------------------------------------------

@pytest.mark.parametrize("golden", GOLDENS, ids=[p.name for p in GOLDENS])
def test_records_round_trip_through_pyyaml_ruamel_and_json(golden: Path) -> None:
    text = golden.read_text(encoding="utf-8")
    by_pyyaml = list(yaml.safe_load_all(text))
    assert _ruamel_all(text) == by_pyyaml  # a YAML 1.2 reader sees the same values as a YAML 1.1 one
    records = [Record.from_dict(data) for data in by_pyyaml]
    assert [r.to_dict() for r in records] == by_pyyaml
    assert render_many([r.to_dict() for r in records], "yaml") == text  # written again, byte for byte
    as_json = json.loads(render_many(by_pyyaml, "json"))
    as_json = as_json if isinstance(as_json, list) else [as_json]
    assert [Record.from_dict(data) for data in as_json] == records
    lines = render_many(by_pyyaml, "jsonl").splitlines()
    assert [Record.from_dict(json.loads(line)) for line in lines] == records


def test_a_parsed_record_equals_the_one_read_back() -> None:
    record = parse_text(TEXT)
    assert Record.from_dict(json.loads(json.dumps(record.to_dict()))) == record


_SCALAR = st.one_of(st.none(), st.text(max_size=30), st.sampled_from(["0189", "1e3", "yes", "no", "null", "~",
                                                                     "0x1F", "1_000", "2024-03-19", "on", ".inf"]))


@settings(max_examples=150, deadline=None, database=None)
@given(title=_SCALAR, passcode=_SCALAR, meeting_id=_SCALAR, name=st.text(min_size=1, max_size=20),
       warnings=st.lists(st.text(max_size=20), max_size=3))
def test_any_values_round_trip_through_both_yaml_readers(title: str | None, passcode: str | None,
                                                         meeting_id: str | None, name: str,
                                                         warnings: list[str]) -> None:
    record = Record(source=Source(None, "0" * 64, "utf-8"), title=title, speakers=(Speaker(name),),
                    location=Location("Room 5", (OnlineMeeting("Zoom", None, meeting_id, passcode),)),
                    warnings=tuple(warnings))
    text = render_many([record.to_dict()], "yaml")
    assert Record.from_dict(yaml.safe_load(text)) == record
    assert Record.from_dict(_ruamel_all(text)[0]) == record  # type: ignore[arg-type]


@pytest.mark.parametrize(("change", "message"), [
    ({"schema_version": "99"}, "schema_version"),
    ({"speakers": [{"affiliation": "MIT"}]}, "name"),
    ({"title": 5}, "title"),
    ({"links": "https://a.example"}, "links"),
    ({"location": []}, "location"),
    ({"source": {"path": None}}, "sha256"),
])
def test_from_dict_names_what_does_not_fit(change: dict[str, object], message: str) -> None:
    data = {**parse_text(TEXT).to_dict(), **change}
    with pytest.raises(ValueError, match=message):
        Record.from_dict(data)
