"""The export formats through the command line: a folder becomes one calendar, one CSV, one JSON-LD array."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime

from icalendar import Calendar
from typer.testing import CliRunner

from seminar_parse.cli import app
from tests.conftest import SAMPLES, assert_valid

RUNNER = CliRunner()


def _run(*args: str) -> str:
    result = RUNNER.invoke(app, [*args, "-q"])
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_folder_to_one_calendar_with_times_in_the_stated_zone() -> None:
    calendar = Calendar.from_ical(_run(str(SAMPLES), "--format", "ics"))
    events = calendar.walk("VEVENT")
    assert len(events) >= 14  # every sample with a start, the mbox's three messages included
    panel = next(e for e in events if "Who Audits the Auditors" in str(e["SUMMARY"]))
    start = panel.decoded("DTSTART")
    assert str(start.tzinfo) == "America/New_York"
    assert start.astimezone(UTC) == datetime(2025, 2, 20, 16, 0, tzinfo=UTC)
    assert calendar.walk("VTIMEZONE"), "a TZID needs its VTIMEZONE"
    assert len({str(e["UID"]) for e in events}) == len(events)


def test_calendar_uid_is_stable_across_runs() -> None:
    first = Calendar.from_ical(_run(str(SAMPLES / "en-defense.txt"), "--format", "ics"))
    second = Calendar.from_ical(_run(str(SAMPLES / "en-defense.txt"), "--format", "ics"))
    assert [str(e["UID"]) for e in first.walk("VEVENT")] == [str(e["UID"]) for e in second.walk("VEVENT")]


def test_folder_to_csv_one_row_per_talk() -> None:
    rows = list(csv.DictReader(io.StringIO(_run(str(SAMPLES), "--format", "csv"))))
    assert len(rows) == len([p for p in SAMPLES.iterdir() if p.suffix in {".txt", ".md", ".eml", ".html"}]) + 3
    panel = next(r for r in rows if r["title"].startswith("Who Audits"))
    assert panel["speakers"] == "Amara Nwosu-Feld; Henrik Solberg; Reema Chaudhry"
    assert panel["attendance"] == "online"


def test_jsonld_array_for_a_folder_and_object_for_one_file() -> None:
    many = json.loads(_run(str(SAMPLES), "--format", "jsonld"))
    assert isinstance(many, list) and all(item["@type"] == "EducationEvent" for item in many)
    one = json.loads(_run(str(SAMPLES / "zh-gbk-encoded.txt"), "--format", "jsonld"))
    assert one["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert one["performer"][0]["name"] == "何嘉禾"


def test_one_mbox_gives_a_json_array_of_its_messages() -> None:
    records = json.loads(_run(str(SAMPLES / "mailing-list-archive.mbox"), "--format", "json"))
    assert [r["title"] for r in records][1] == "随机矩阵与高维统计"
    for record in records:
        assert_valid(record)


def test_formats_to_files_mirror_the_tree(tmp_path) -> None:  # type: ignore[no-untyped-def]
    for fmt, suffix in (("ics", ".ics"), ("csv", ".csv"), ("jsonld", ".jsonld")):
        out = tmp_path / fmt
        _run(str(SAMPLES), "-o", str(out), "--format", fmt)
        assert (out / f"en-defense{suffix}").exists()


def test_explain_shows_evidence_and_no_records() -> None:
    result = RUNNER.invoke(app, [str(SAMPLES / "en-flattened-table.txt"), "--explain"])
    assert result.exit_code == 0, result.stderr
    assert "Conformal Prediction for Dependent Spatial Data" in result.stdout
    assert "schema_version" not in result.stdout  # a view for a person, not data
    assert "Kwame Asante-Boateng" in result.stdout


def test_html_page_is_read_as_html() -> None:
    record = json.loads(_run(str(SAMPLES / "html-table-layout.html"), "--format", "json"))
    assert record["source"]["media_type"] == "text/html"
    assert record["location"]["venue"] == "Eckhart Hall, Room 308"
    assert "<" not in (record["abstract"] or "")
