"""Export formats: each is read back with its own parser (icalendar, json, csv) and checked field by field."""

from __future__ import annotations

import copy
import csv
import io
import json
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from seminar_parse.formats import CSV_COLUMNS, to_csv, to_ics, to_jsonld
from seminar_parse.pipeline import parse_path
from tests.conftest import ROOT

NAMES = (
    "en-panel-multi-speaker.txt",
    "en-colloquium-series-header.txt",
    "en-email-reminder.eml",
    "en-flattened-table.txt",
    "en-prose-only.txt",
    "zh-gbk-encoded.txt",
    "zh-mixed-online.txt",
)


@pytest.fixture(scope="module")
def samples() -> Iterator[dict[str, dict[str, Any]]]:
    """Records parsed from the samples with paths relative to the repository, as the CLI prints them."""
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(ROOT)
        yield {name: parse_path(f"samples/{name}").to_dict() for name in NAMES}


def _record(**fields: Any) -> dict[str, Any]:
    """A hand-made record with every key present, as ``Record.to_dict`` gives it."""
    record: dict[str, Any] = {
        "schema_version": "1",
        "source": {"path": None, "sha256": "0" * 64, "encoding": "utf-8", "repairs": []},
        "language": None, "event_type": None, "series": None, "title": None, "speakers": [],
        "start": None, "end": None, "timezone": None, "attendance": None,
        "location": {"venue": None, "online": []}, "host": None, "abstract": None, "bio": None,
        "links": [], "warnings": [],
    }
    record.update(fields)
    return record


def _speaker(name: str, affiliation: str | None = None) -> dict[str, Any]:
    return {"name": name, "affiliation": affiliation, "position": None, "email": None, "url": None}


def _events(records: list[dict[str, Any]]) -> list[Any]:
    return Calendar.from_ical(to_ics(records)).events


def _event(record: dict[str, Any]) -> Any:
    (event,) = _events([record])
    return event


def _rows(records: list[dict[str, Any]]) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(to_csv(records))))


# --- iCalendar ---------------------------------------------------------------------------------------


def test_ics_calendar_header_and_one_event_per_record(samples: dict[str, dict[str, Any]]) -> None:
    calendar = Calendar.from_ical(to_ics(list(samples.values())))
    assert calendar["PRODID"] == "-//seminar-parse//EN"
    assert calendar["VERSION"] == "2.0"
    assert len(calendar.events) == len(samples)


def test_ics_panel_summary_lists_speakers_then_title(samples: dict[str, dict[str, Any]]) -> None:
    event = _event(samples["en-panel-multi-speaker.txt"])
    assert str(event["SUMMARY"]) == ("Amara Nwosu-Feld, Henrik Solberg, Reema Chaudhry: "
                                     "Who Audits the Auditors? Accountability for Third-Party AI Evaluations")


def test_ics_panel_start_in_new_york_is_16_utc(samples: dict[str, dict[str, Any]]) -> None:
    event = _event(samples["en-panel-multi-speaker.txt"])
    assert event["DTSTART"].params["TZID"] == "America/New_York"
    assert event.start.tzinfo == ZoneInfo("America/New_York")
    assert event.start.astimezone(UTC) == datetime(2025, 2, 20, 16, 0, tzinfo=UTC)
    assert event.end.astimezone(UTC) == datetime(2025, 2, 20, 17, 30, tzinfo=UTC)


def test_ics_vtimezone_added_for_each_tzid(samples: dict[str, dict[str, Any]]) -> None:
    calendar = Calendar.from_ical(to_ics(list(samples.values())))
    assert {tz["TZID"] for tz in calendar.timezones} == {"America/New_York", "Asia/Shanghai"}
    assert not calendar.get_missing_tzids()


def test_ics_shanghai_start(samples: dict[str, dict[str, Any]]) -> None:
    event = _event(samples["zh-mixed-online.txt"])
    assert event.start.astimezone(UTC) == datetime(2024, 12, 5, 11, 0, tzinfo=UTC)


def test_ics_floating_time_without_zone_and_no_vtimezone(samples: dict[str, dict[str, Any]]) -> None:
    text = to_ics([samples["en-colloquium-series-header.txt"]])
    event = Calendar.from_ical(text).events[0]
    assert event.start == datetime(2024, 10, 8, 16, 0)
    assert isinstance(event.start, datetime) and event.start.tzinfo is None
    assert event.end == datetime(2024, 10, 8, 17, 0)
    assert "VTIMEZONE" not in text and "TZID" not in text


def test_ics_location_is_venue_else_online_url(samples: dict[str, dict[str, Any]]) -> None:
    assert str(_event(samples["en-colloquium-series-header.txt"])["LOCATION"]) == "Room 2-190"
    panel = samples["en-panel-multi-speaker.txt"]
    assert str(_event(panel)["LOCATION"]) == panel["location"]["online"][0]["url"]


def test_ics_url_is_online_url_else_first_link(samples: dict[str, dict[str, Any]]) -> None:
    reminder = samples["en-email-reminder.eml"]
    assert str(_event(reminder)["URL"]) == reminder["location"]["online"][0]["url"]
    table = samples["en-flattened-table.txt"]
    assert str(_event(table)["URL"]) == table["links"][0]


def test_ics_description_collects_abstract_and_logistics(samples: dict[str, dict[str, Any]]) -> None:
    panel = samples["en-panel-multi-speaker.txt"]
    parts = str(_event(panel)["DESCRIPTION"]).split("\n\n")
    assert parts[0] == panel["abstract"]
    channel = panel["location"]["online"][0]
    assert f"Online: {channel['url']} ({channel['platform']})\nMeeting ID: 24511890367\nPasscode: Xk7pQ2" in parts
    assert "Host: Celeste Marchetti" in parts


def test_ics_chinese_record(samples: dict[str, dict[str, Any]]) -> None:
    event = _event(samples["zh-gbk-encoded.txt"])
    assert str(event["SUMMARY"]) == "何嘉禾: 单原子催化剂的精准构筑与电催化二氧化碳还原"
    assert str(event["LOCATION"]) == "化学楼A区204会议室"
    description = str(event["DESCRIPTION"])
    assert "Online: Tencent Meeting" in description
    assert "Meeting ID: 123456789" in description
    assert event.start == datetime(2024, 3, 19, 14, 0)


def test_ics_no_end_means_no_dtend_for_timed_start(samples: dict[str, dict[str, Any]]) -> None:
    event = _event(samples["en-prose-only.txt"])
    assert event.start == datetime(2024, 10, 3, 16, 0)
    assert "DTEND" not in event


def test_ics_date_only_start_is_a_date_value() -> None:
    event = _event(_record(title="Retreat", start="2024-03-19", end="2024-03-20"))
    assert event["DTSTART"].params["VALUE"] == "DATE"
    assert type(event.start) is date and event.start == date(2024, 3, 19)
    assert event.end == date(2024, 3, 21)  # an all-day DTEND is exclusive
    assert "DTEND" not in _event(_record(title="Retreat", start="2024-03-19"))


def test_ics_records_without_start_are_skipped(samples: dict[str, dict[str, Any]]) -> None:
    undated = _record(title="Some day")
    events = _events([undated, samples["en-prose-only.txt"], undated])
    assert len(events) == 1
    assert _events([undated]) == []


def test_ics_uid_stable_and_distinct(samples: dict[str, dict[str, Any]]) -> None:
    panel = samples["en-panel-multi-speaker.txt"]
    first, second = _event(panel), _event(copy.deepcopy(panel))
    assert str(first["UID"]) == str(second["UID"])
    assert str(first["UID"]).endswith("@seminar-parse")
    edited = copy.deepcopy(panel) | {"abstract": "Updated abstract.", "location": {"venue": "Room 1", "online": []}}
    assert str(_event(edited)["UID"]) == str(first["UID"])  # same talk, details changed: same event
    uids = {str(event["UID"]) for event in _events(list(samples.values()))}
    assert len(uids) == len(samples)


def test_ics_output_is_deterministic_without_clock(samples: dict[str, dict[str, Any]]) -> None:
    records = list(samples.values())
    assert to_ics(records) == to_ics(copy.deepcopy(records))
    # DTSTAMP is when the input was sent, else a fixed stamp: never the time of the run
    for record, event in zip(records, _events(records), strict=True):
        expected = datetime.fromisoformat(record["sent"]) if record["sent"] else datetime(1970, 1, 1, tzinfo=UTC)
        assert event["DTSTAMP"].dt == expected


def test_ics_summary_fallbacks() -> None:
    assert str(_event(_record(title="Just a Title", start="2024-01-02T10:00"))["SUMMARY"]) == "Just a Title"
    assert str(_event(_record(start="2024-01-02T10:00"))["SUMMARY"]) == "Seminar"
    named = _record(start="2024-01-02T10:00", speakers=[_speaker("Ada Lovelace")])
    assert str(_event(named)["SUMMARY"]) == "Ada Lovelace: Seminar"


def test_ics_offset_without_zone_keeps_the_instant() -> None:
    event = _event(_record(title="T", start="2024-03-19T10:30-04:00", end="2024-03-19T11:30-04:00"))
    assert event.start == datetime(2024, 3, 19, 14, 30, tzinfo=UTC)
    assert event.end - event.start == timedelta(hours=1)


def test_ics_unknown_zone_falls_back_to_offset() -> None:
    event = _event(_record(title="T", start="2024-03-19T10:30+01:00", timezone="Mars/Olympus_Mons"))
    assert event.start.astimezone(UTC) == datetime(2024, 3, 19, 9, 30, tzinfo=UTC)


def test_ics_end_not_after_start_is_dropped() -> None:
    event = _event(_record(title="T", start="2024-03-19T10:30", end="2024-03-19T09:00"))
    assert "DTEND" not in event


def test_ics_rejects_malformed_time() -> None:
    with pytest.raises(ValueError, match="not a record date"):
        to_ics([_record(title="T", start="next Tuesday")])


# --- JSON-LD -----------------------------------------------------------------------------------------


def _jsonld(record: dict[str, Any]) -> dict[str, Any]:
    """Through JSON text and back, as a web page would carry it."""
    return json.loads(json.dumps(to_jsonld(record), ensure_ascii=False))


def test_jsonld_panel_online_event(samples: dict[str, dict[str, Any]]) -> None:
    doc = _jsonld(samples["en-panel-multi-speaker.txt"])
    assert doc["@context"] == "https://schema.org"
    assert doc["@type"] == "EducationEvent"
    assert doc["name"].startswith("Who Audits the Auditors?")
    assert doc["startDate"] == "2025-02-20T11:00-05:00"
    assert doc["endDate"] == "2025-02-20T12:30-05:00"
    assert doc["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert doc["location"]["@type"] == "VirtualLocation"
    assert doc["location"]["url"].startswith("https://teams.microsoft.com/")
    assert doc["organizer"] == {"@type": "Person", "name": "Celeste Marchetti"}
    assert doc["inLanguage"] == "en"


def test_jsonld_performers_are_people_with_organizations(samples: dict[str, dict[str, Any]]) -> None:
    performers = _jsonld(samples["en-panel-multi-speaker.txt"])["performer"]
    assert [p["name"] for p in performers] == ["Amara Nwosu-Feld", "Henrik Solberg", "Reema Chaudhry"]
    assert all(p["@type"] == "Person" for p in performers)
    assert performers[1]["affiliation"] == {"@type": "Organization", "name": "University of Oslo"}
    assert performers[0]["jobTitle"] == "Senior Research Scientist"
    assert "email" not in performers[0] and "url" not in performers[0]


def test_jsonld_hybrid_has_place_and_virtual_location(samples: dict[str, dict[str, Any]]) -> None:
    doc = _jsonld(samples["en-email-reminder.eml"])
    assert doc["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    place, virtual = doc["location"]
    assert place == {"@type": "Place", "name": "Siebel Center, Room 3401"}
    assert virtual["@type"] == "VirtualLocation" and virtual["url"].startswith("https://illinois.zoom.us/")


def test_jsonld_in_person_series_and_links(samples: dict[str, dict[str, Any]]) -> None:
    record = samples["en-flattened-table.txt"]
    doc = _jsonld(record)
    assert doc["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert doc["location"] == {"@type": "Place", "name": record["location"]["venue"]}
    assert doc["superEvent"] == {"@type": "EventSeries", "name": "Statistics Research Seminar"}
    assert doc["url"] == record["links"][0]
    assert "sameAs" not in doc  # only one link
    assert doc["description"] == record["abstract"]


def test_jsonld_omits_empty_values() -> None:
    doc = _jsonld(_record(title="T", start="2024-03-19", speakers=[_speaker("Ada Lovelace")]))
    assert doc == {
        "@context": "https://schema.org", "@type": "EducationEvent", "name": "T", "startDate": "2024-03-19",
        "performer": [{"@type": "Person", "name": "Ada Lovelace"}],
    }


@pytest.mark.parametrize("name", NAMES)
def test_jsonld_has_no_empty_values_anywhere(samples: dict[str, dict[str, Any]], name: str) -> None:
    def walk(value: Any) -> None:
        assert value not in (None, "", [], {})
        if isinstance(value, dict):
            assert set(value) - {"@type"}
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(_jsonld(samples[name]))


# --- CSV ---------------------------------------------------------------------------------------------


def test_csv_columns_are_stable() -> None:
    assert CSV_COLUMNS == (
        "title", "speakers", "affiliations", "start", "end", "timezone", "event_type", "series", "attendance",
        "venue", "online_url", "meeting_id", "passcode", "host", "language", "links", "source_path", "warnings",
        "abstract", "talk_id",
    )


def test_csv_header_and_one_row_per_record(samples: dict[str, dict[str, Any]]) -> None:
    records = [*samples.values(), _record(title="No date yet")]
    reader = csv.DictReader(io.StringIO(to_csv(records)))
    assert tuple(reader.fieldnames or ()) == CSV_COLUMNS
    assert [row["title"] for row in reader] == [record["title"] for record in records]
    assert to_csv([]) == ",".join(CSV_COLUMNS) + "\n"


def test_csv_panel_row(samples: dict[str, dict[str, Any]]) -> None:
    (row,) = _rows([samples["en-panel-multi-speaker.txt"]])
    assert row["speakers"] == "Amara Nwosu-Feld; Henrik Solberg; Reema Chaudhry"
    assert row["affiliations"] == ("Max Planck Institute for Intelligent Systems; University of Oslo; "
                                   "The Alan Turing Institute")
    assert row["start"] == "2025-02-20T11:00-05:00"
    assert row["timezone"] == "America/New_York"
    assert row["attendance"] == "online"
    assert row["venue"] == ""
    assert row["meeting_id"] == "'24511890367"  # marked as text
    assert row["passcode"] == "Xk7pQ2"
    assert row["links"].split("; ") == samples["en-panel-multi-speaker.txt"]["links"]
    assert row["source_path"] == "samples/en-panel-multi-speaker.txt"
    assert row["warnings"] == "the time is also given in CET; used America/New_York"


def test_csv_unix_newlines_and_quoting_round_trip() -> None:
    title = 'Commas, "quotes"; and\na line break'
    text = to_csv([_record(title=title, warnings=["first", "second"])])
    assert "\r" not in text
    (row,) = list(csv.DictReader(io.StringIO(text)))
    assert row["title"] == title
    assert row["warnings"] == "first; second"
    assert row["start"] == "" and row["online_url"] == "" and row["source_path"] == ""


def test_csv_affiliations_line_up_with_speakers() -> None:
    speakers = [_speaker("A", "Oslo"), _speaker("B"), _speaker("C", "MIT")]
    (row,) = _rows([_record(speakers=speakers)])
    assert row["speakers"] == "A; B; C"
    assert row["affiliations"] == "Oslo; ; MIT"
    (row,) = _rows([_record(speakers=[_speaker("A"), _speaker("B")])])
    assert row["affiliations"] == ""


def test_csv_chinese_text_kept(samples: dict[str, dict[str, Any]]) -> None:
    (row,) = _rows([samples["zh-gbk-encoded.txt"]])
    assert row["speakers"] == "何嘉禾"
    assert row["venue"] == "化学楼A区204会议室"
    assert row["meeting_id"] == "'123456789" and row["passcode"] == "'2024"
