"""Parquet: the Arrow schema follows the record's JSON Schema, and a local run's file reads back as its JSONL."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from seminar_parse.cli import app
from seminar_parse.parquet import arrow_schema, record_json_schema
from tests.conftest import SAMPLES, SCHEMA

RUNNER = CliRunner()


def test_the_shipped_schema_is_the_repository_schema() -> None:
    assert record_json_schema() == SCHEMA


def test_columns_follow_the_json_schema() -> None:
    schema = arrow_schema()
    assert schema.names == list(SCHEMA["properties"])
    speaker = schema.field("speakers").type.value_type
    assert pa.types.is_struct(speaker)
    assert speaker.names == list(SCHEMA["$defs"]["speaker"]["properties"])
    online = schema.field("location").type.field("online").type  # schema 2: a list of channels
    assert pa.types.is_list(online) and online.value_type.names == ["platform", "url", "meeting_id", "passcode", "role"]
    assert schema.field("links").type == pa.list_(pa.string())
    assert schema.field("event_type").type == pa.string()  # an enum with null: a nullable text column


def test_a_new_field_in_the_json_schema_reaches_parquet_without_another_edit() -> None:
    grown = json.loads(json.dumps(SCHEMA))
    grown["properties"]["capacity"] = {"anyOf": [{"type": "integer"}, {"type": "null"}]}
    grown["$defs"]["speaker"]["properties"]["orcid"] = {"$ref": "#/$defs/optionalText"}
    schema = arrow_schema(grown)
    assert schema.field("capacity").type == pa.int64()
    assert "orcid" in schema.field("speakers").type.value_type.names


def test_a_schema_node_without_one_arrow_type_is_refused() -> None:
    with pytest.raises(ValueError, match="no single Arrow type"):
        arrow_schema({"type": "object", "properties": {"x": {"anyOf": [{"type": "string"}, {"type": "integer"}]}}})


def test_local_run_writes_one_parquet_file_equal_to_the_jsonl(tmp_path: Path) -> None:
    jsonl = RUNNER.invoke(app, [str(SAMPLES), "-f", "jsonl", "-q"])
    assert jsonl.exit_code == 0, jsonl.stderr
    target = tmp_path / "records.parquet"
    result = RUNNER.invoke(app, [str(SAMPLES), "-f", "parquet", "-o", str(target), "-q"])
    assert result.exit_code == 0, result.stderr
    assert pq.read_table(target).to_pylist() == [json.loads(line) for line in jsonl.stdout.splitlines()]
    assert not list(tmp_path.glob(".*.tmp"))

    again = RUNNER.invoke(app, [str(SAMPLES), "-f", "parquet", "-o", str(target), "-q"])
    assert again.exit_code == 1
    assert "exists (use --force or --skip-existing)" in again.stderr
    assert RUNNER.invoke(app, [str(SAMPLES), "-f", "parquet", "-o", str(target), "-q", "--force"]).exit_code == 0


def test_parquet_needs_an_output_path() -> None:
    result = RUNNER.invoke(app, [str(SAMPLES / "en-defense.txt"), "-f", "parquet"])
    assert result.exit_code == 2
    assert "give -o" in result.stderr
