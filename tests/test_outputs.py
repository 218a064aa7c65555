"""Outputs other tools read: online channels, a talk's identity across updates, --dedupe, -o FILE,
JSON-LD places and CSV for scripts and Excel; every calendar read by two independent parsers."""

from __future__ import annotations

import csv
import io
import json
import os
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
import vobject
import yaml
from icalendar import Calendar
from rich.console import Console
from typer.testing import CliRunner

from seminar_parse.batch import dedupe
from seminar_parse.cli import app
from seminar_parse.explain import render_explain
from seminar_parse.formats import CSV_COLUMNS, channels, place, to_csv, to_ics, to_jsonld
from seminar_parse.pipeline import parse_bytes, parse_path
from tests.conftest import SAMPLES, assert_valid

RUNNER = CliRunner()

ANNOUNCEMENT = """Theory Seminar

Title: Random Walks on Expanding Graphs
Speaker: Dr. Maren Oyelaran (University of Leeds)
Date: Tuesday, March 12, 2024
Time: 2:00 PM - 3:00 PM
Location: Room 301, Hartley Building, 12 Clarendon Road, Leeds LS2 9NZ
"""
UPDATE = ANNOUNCEMENT.replace("Tuesday, March 12", "Wednesday, March 13").replace(
    "Theory Seminar\n", "Theory Seminar\n\nUPDATED: the talk is rescheduled to Wednesday.\n")


def _mail(body: str, sent: str) -> bytes:
    return (f"From: Seminar Office <seminars@example.edu>\nTo: theory@example.edu\nSubject: Theory Seminar\n"
            f"Date: {sent}\nContent-Type: text/plain; charset=utf-8\n\n{body}").encode()


def _cli(*args: str) -> Any:
    return RUNNER.invoke(app, [*args])


@pytest.fixture
def talks(tmp_path: Path) -> tuple[Path, Path]:
    """The announcement (sent first) and its update (sent later, moved one day), as two mails."""
    first, second = tmp_path / "announce.eml", tmp_path / "update.eml"
    first.write_bytes(_mail(ANNOUNCEMENT, "Mon, 04 Mar 2024 09:00:00 +0000"))
    second.write_bytes(_mail(UPDATE, "Fri, 08 Mar 2024 16:30:00 +0000"))
    return first, second


# --- online channels ---------------------------------------------------------------------------------


def test_meeting_and_stream_keep_their_own_id_and_passcode() -> None:
    record = parse_path(SAMPLES / "zh-mixed-online.txt").to_dict()
    assert_valid(record)
    assert record["schema_version"] == "2"
    assert record["location"]["online"] == [
        {"platform": "Tencent Meeting", "url": None, "meeting_id": "852331709", "passcode": "1205", "role": "meeting"},
        {"platform": "Bilibili", "url": "https://live.bilibili.com/21874533", "meeting_id": None, "passcode": None,
         "role": "stream"},
    ]
    description = str(Calendar.from_ical(to_ics([record])).walk("VEVENT")[0]["DESCRIPTION"])
    assert "Online: Tencent Meeting\nMeeting ID: 852331709\nPasscode: 1205" in description
    assert "Live stream: https://live.bilibili.com/21874533 (Bilibili)" in description
    jsonld = to_jsonld(record)["location"]
    assert [(p["@type"], p["name"], p.get("url")) for p in jsonld] == [
        ("VirtualLocation", "Tencent Meeting", None),
        ("VirtualLocation", "Bilibili", "https://live.bilibili.com/21874533")]


def test_explain_shows_each_channel_with_its_own_id() -> None:
    console = Console(file=io.StringIO(), width=200, no_color=True)
    render_explain(parse_path(SAMPLES / "zh-mixed-online.txt"), console)
    shown = console.file.getvalue()  # type: ignore[attr-defined]
    assert "meeting: Tencent Meeting, ID 852331709, passcode 1205" in shown
    assert "stream: Bilibili, https://live.bilibili.com/21874533" in shown


def test_schema_1_records_are_read_as_one_channel() -> None:
    """Formats accept records written by version 1 (one object or null) as well as schema 2's list."""
    one = {"location": {"venue": None, "online": {"platform": "Zoom", "url": "https://zoom.us/j/1", "meeting_id": None,
                                                  "passcode": None}}}
    assert channels(one) == [{"role": "meeting", **one["location"]["online"]}]
    assert channels({"location": {"venue": None, "online": None}}) == []


# --- identity, DTSTAMP and SEQUENCE ------------------------------------------------------------------


def test_talk_id_survives_a_move_and_the_update_is_newer(talks: tuple[Path, Path]) -> None:
    first, second = (parse_path(path).to_dict() for path in talks)
    assert first["start"][:10] == "2024-03-12" and second["start"][:10] == "2024-03-13"
    assert first["talk_id"] == second["talk_id"]
    assert (first["sent"], second["sent"]) == ("2024-03-04T09:00:00Z", "2024-03-08T16:30:00Z")
    assert first["sequence"] == 0 and second["sequence"] >= 1
    other = parse_bytes(ANNOUNCEMENT.replace("Random Walks", "Spectral Gaps").encode(), None).to_dict()
    assert other["talk_id"] != first["talk_id"]


def test_talk_id_falls_back_to_the_source() -> None:
    """An announcement with no series, speaker or title is identified by its bytes."""
    one = parse_bytes(b"Tuesday, March 12, 2024, 2pm, Room 5", None).to_dict()
    two = parse_bytes(b"Wednesday, March 13, 2024, 2pm, Room 5", None).to_dict()
    assert one["talk_id"] != two["talk_id"]
    assert parse_bytes(b"Tuesday, March 12, 2024, 2pm, Room 5", None).to_dict()["talk_id"] == one["talk_id"]


@pytest.mark.parametrize("note", ["Rescheduled: now on Friday", "【更新】讲座改期至周五", "Room change: now in B12"])
def test_update_notes_raise_the_sequence(note: str) -> None:
    assert parse_bytes(f"{note}\n\n{ANNOUNCEMENT}".encode(), None).sequence >= 1
    assert parse_bytes(ANNOUNCEMENT.encode(), None).sequence == 0


def _store_import(store: dict[str, Any], text: str) -> None:
    """A calendar store as calendar programs keep one: events keyed by UID; an incoming event replaces the
    stored one when its SEQUENCE is higher, or equal with a later DTSTAMP (RFC 5546)."""
    for event in Calendar.from_ical(text).walk("VEVENT"):
        uid = str(event["UID"])
        rank = (int(event.get("SEQUENCE", 0)), event.decoded("DTSTAMP"))
        if uid not in store or rank > store[uid][0]:
            store[uid] = (rank, event)


def test_reimported_update_replaces_the_event(talks: tuple[Path, Path]) -> None:
    store: dict[str, Any] = {}
    first, second = (_cli(str(path), "-f", "ics").stdout for path in talks)
    _store_import(store, first)
    _store_import(store, second)
    _store_import(store, first)  # an old copy arriving late changes nothing
    assert len(store) == 1
    (_, event), = store.values()
    assert event.decoded("DTSTART").date() == date(2024, 3, 13)
    assert event.decoded("DTSTAMP") == datetime.fromisoformat("2024-03-08T16:30:00+00:00")
    assert int(event["SEQUENCE"]) >= 1


@pytest.mark.parametrize("sample", sorted(p.name for p in SAMPLES.iterdir() if not p.name.endswith(".yaml")))
def test_every_sample_calendar_reads_the_same_in_icalendar_and_vobject(sample: str) -> None:
    result = _cli(str(SAMPLES / sample), "-f", "ics", "-q")
    assert result.exit_code == 0, result.stderr
    ours = Calendar.from_ical(result.stdout).walk("VEVENT")
    theirs = list(vobject.readOne(result.stdout).getChildren()) if ours else []
    events = [child for child in theirs if child.name == "VEVENT"]
    assert [str(e["UID"]) for e in ours] == [e.uid.value for e in events]
    for mine, other in zip(ours, events, strict=True):
        assert str(mine["SUMMARY"]) == other.summary.value
        assert int(mine["SEQUENCE"]) == int(other.sequence.value)
        # the same instant (or date, or floating time), whichever zone object each library uses
        assert mine.decoded("DTSTART") == other.dtstart.value


# --- --dedupe ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["yaml", "json", "jsonl", "jsonld", "csv", "ics"])
def test_dedupe_merges_the_same_talk_in_every_format(talks: tuple[Path, Path], fmt: str) -> None:
    first, second = talks
    result = _cli(str(first), str(second), "-f", fmt, "--dedupe", "-q")
    assert result.exit_code == 0, result.stderr
    merged = [line for line in result.stderr.splitlines() if "merged 2 records" in line]
    assert len(merged) == 1 and str(first) in merged[0] and str(second) in merged[0], result.stderr
    out = result.stdout
    if fmt == "yaml":
        records = list(yaml.safe_load_all(out))
        assert len(records) == 1 and records[0]["start"].startswith("2024-03-13")
    elif fmt in ("json", "jsonld"):
        data = json.loads(out)
        assert len(data if isinstance(data, list) else [data]) == 1
    elif fmt == "jsonl":
        (line,) = out.splitlines()
        assert json.loads(line)["start"].startswith("2024-03-13")
    elif fmt == "csv":
        (row,) = csv.DictReader(io.StringIO(out))
        assert row["start"].startswith("2024-03-13")
    else:
        (event,) = Calendar.from_ical(out).walk("VEVENT")
        assert event.decoded("DTSTART").date() == date(2024, 3, 13)


def test_dedupe_fills_gaps_from_the_older_record() -> None:
    old = {"talk_id": "a" * 20, "sequence": 0, "sent": "2024-03-04T09:00:00Z", "host": "Ana Ruiz",
           "start": "2024-03-12", "links": ["https://a.example"], "warnings": [],
           "location": {"venue": "Room 1", "online": []}, "source": {"path": "a.eml"}}
    new = {**old, "sequence": 1, "sent": "2024-03-08T09:00:00Z", "host": None, "start": "2024-03-13",
           "links": ["https://b.example"], "location": {"venue": None, "online": []}, "source": {"path": "b.eml"}}
    (merged,), messages = dedupe([old, new])
    assert merged["start"] == "2024-03-13" and merged["host"] == "Ana Ruiz"
    assert merged["location"]["venue"] == "Room 1"
    assert merged["links"] == ["https://b.example", "https://a.example"]
    assert messages == [f"merged 2 records of one talk (talk_id {'a' * 20}) from b.eml, a.eml;"
                        " b.eml is the most recent"]


def test_without_dedupe_both_records_stay(talks: tuple[Path, Path]) -> None:
    assert len(json.loads(_cli(*map(str, talks), "-f", "json", "-q").stdout)) == 2


def test_dedupe_into_a_folder_is_a_usage_error(talks: tuple[Path, Path], tmp_path: Path) -> None:
    result = _cli(str(talks[0]), "--dedupe", "-o", str(tmp_path / "out"))
    assert result.exit_code == 2 and "--dedupe" in result.stderr


# --- -o FILE -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["talks.ics", "talks.csv", "talks.json", "talks.jsonl"])
def test_output_file_is_one_file_in_the_format_of_its_ending(talks: tuple[Path, Path], tmp_path: Path,
                                                              name: str) -> None:
    target = tmp_path / "out" / name
    result = _cli(*map(str, talks), "-o", str(target), "-q")
    assert result.exit_code == 0, result.stderr
    assert target.is_file()
    assert sorted(os.listdir(target.parent)) == [name], "no temporary file, no folder named after the file"
    text = target.read_text(encoding="utf-8")
    if name.endswith(".ics"):
        assert len(Calendar.from_ical(text).walk("VEVENT")) == 1  # one talk: one event (same UID)
    elif name.endswith(".csv"):
        assert len(list(csv.DictReader(io.StringIO(text)))) == 2
    elif name.endswith(".jsonl"):
        assert [json.loads(line)["talk_id"] for line in text.splitlines()].count(parse_path(talks[0]).talk_id) == 2
    else:
        assert len(json.loads(text)) == 2
    again = _cli(str(talks[0]), "-o", str(target))
    assert again.exit_code == 1 and "exists" in again.stderr and "--force" in again.stderr
    assert _cli(str(talks[0]), "-o", str(target), "--force", "-q").exit_code == 0


def test_output_file_and_another_format_conflict(talks: tuple[Path, Path], tmp_path: Path) -> None:
    result = _cli(str(talks[0]), "-o", str(tmp_path / "talks.ics"), "-f", "csv")
    assert result.exit_code == 2 and "--output" in result.stderr
    assert not (tmp_path / "talks.ics").exists()


# --- JSON-LD places ----------------------------------------------------------------------------------


def test_place_with_street_and_city_has_a_postal_address() -> None:
    assert place("Room 301, Hartley Building, 12 Clarendon Road, Leeds LS2 9NZ") == {
        "@type": "Place", "name": "Room 301, Hartley Building",
        "address": {"@type": "PostalAddress", "streetAddress": "12 Clarendon Road", "addressLocality": "Leeds",
                    "postalCode": "LS2 9NZ"}}
    assert place("Gates Hall 122, 5000 Forbes Avenue, Pittsburgh, PA 15213")["address"] == {
        "@type": "PostalAddress", "streetAddress": "5000 Forbes Avenue", "addressLocality": "Pittsburgh",
        "addressRegion": "PA", "postalCode": "15213"}
    assert place("上海市徐汇区华山路1954号 逸夫楼203")["address"] == {
        "@type": "PostalAddress", "streetAddress": "华山路1954号", "addressLocality": "上海市",
        "addressRegion": "徐汇区", "addressCountry": "CN"}


@pytest.mark.parametrize("venue", ["Room 101, Engineering Building", "GHC 6115", "化学楼A区204会议室"])
def test_place_without_an_address_is_its_name(venue: str) -> None:
    assert place(venue) == {"@type": "Place", "name": venue}


def test_jsonld_of_a_parsed_announcement_carries_the_address() -> None:
    location = to_jsonld(parse_bytes(ANNOUNCEMENT.encode(), None).to_dict())["location"]
    assert location["@type"] == "Place" and location["address"]["addressLocality"] == "Leeds"


# --- CSV ---------------------------------------------------------------------------------------------


def _looks_numeric(cell: str) -> bool:
    """What type-guessing readers (pandas, spreadsheets) do with a cell: a number if float() takes it."""
    try:
        float(cell)
    except ValueError:
        return False
    return True


def test_csv_has_the_abstract_and_ids_as_text() -> None:
    records = [parse_path(SAMPLES / name).to_dict() for name in ("zh-mixed-online.txt", "zh-gbk-encoded.txt",
                                                                 "en-panel-multi-speaker.txt")]
    rows = list(csv.DictReader(io.StringIO(to_csv(records))))
    assert rows[0]["abstract"] == records[0]["abstract"]
    # channel by channel: the Tencent meeting's id, then the Bilibili stream's (none); a lone id is marked as text
    assert (rows[0]["online_url"], rows[0]["meeting_id"]) == ("; https://live.bilibili.com/21874533", "852331709; ")
    assert rows[1]["meeting_id"] == "'123456789"
    for row in rows:
        for column in ("meeting_id", "passcode", "talk_id"):
            assert not _looks_numeric(row[column]), (column, row[column])
    assert [row["talk_id"] for row in rows] == [record["talk_id"] for record in records]


def test_csv_ids_are_strings_in_pandas() -> None:
    pandas = pytest.importorskip("pandas")
    records = [parse_path(SAMPLES / name).to_dict() for name in ("zh-gbk-encoded.txt", "en-panel-multi-speaker.txt")]
    frame = pandas.read_csv(io.StringIO(to_csv(records)))
    numeric = pandas.api.types.is_numeric_dtype  # pandas 3 reads text as its string dtype, older ones as object
    assert not numeric(frame["meeting_id"]) and not numeric(frame["passcode"])


def test_csv_excel_has_a_bom_and_crlf(tmp_path: Path) -> None:
    result = _cli(str(SAMPLES / "zh-gbk-encoded.txt"), "-f", "csv", "--csv-excel")
    assert result.exit_code == 0, result.stderr
    out = result.stdout_bytes.decode("utf-8")  # Result.stdout turns CRLF into LF
    assert out.startswith("\ufefftitle,")
    assert out.count("\r\n") == 2 and "\n" not in out.replace("\r\n", "")
    target = tmp_path / "talks.csv"
    assert _cli(str(SAMPLES / "zh-gbk-encoded.txt"), "-o", str(target), "--csv-excel", "-q").exit_code == 0
    assert target.read_bytes().startswith(b"\xef\xbb\xbftitle,") and b"\r\n" in target.read_bytes()
    header = next(csv.reader(io.StringIO(target.read_text(encoding="utf-8-sig"))))
    assert tuple(header) == CSV_COLUMNS


def test_csv_excel_is_for_csv_only() -> None:
    result = _cli(str(SAMPLES / "zh-gbk-encoded.txt"), "-f", "json", "--csv-excel")
    assert result.exit_code == 2 and "--csv-excel" in result.stderr
