"""Property tests: whatever the input, the pipeline returns a schema-valid record or an InputError.

Hypothesis drives four kinds of input: arbitrary text (CJK, full-width, control characters), arbitrary
bytes, announcement-shaped text built from labels, dates, times, names and junk, and arbitrary record
data for the emitters. Examples are capped so the whole file runs in well under a minute.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from seminar_parse import parse_text
from seminar_parse.emit import render
from seminar_parse.errors import InputError
from seminar_parse.pipeline import Options, parse_bytes
from seminar_parse.record import Record

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((ROOT / "schemas" / "seminar-record.schema.json").read_text(encoding="utf-8"))
VALIDATOR = Draft202012Validator(SCHEMA)
WHEN_RE = re.compile(SCHEMA["$defs"]["when"]["anyOf"][0]["pattern"])

FAST = settings(max_examples=400, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.filter_too_much])
FEWER = settings(FAST, max_examples=150)


def schema_errors(data: dict) -> list[str]:
    return [f"{list(e.path)}: {e.message}" for e in VALIDATOR.iter_errors(data)]


def check_record(record: Record) -> dict:
    assert isinstance(record, Record)
    data = record.to_dict()
    errors = schema_errors(data)
    assert not errors, "\n".join(errors)
    return data


def parse_or_input_error(text: str) -> dict | None:
    """The record's data, or None when the input was rejected with an InputError (with a reason)."""
    try:
        record = parse_text(text)
    except InputError as error:
        assert error.reason and isinstance(error.reason, str)
        return None
    return check_record(record)


# ------------------------------------------------------------------------------------------ text

_SPECIAL = list(
    "报告人时间地点题目摘要简介教授大学学院年月日号周星期上下午点分半至到"  # Chinese labels and date words
    "：（）【】，。；、“”《》"  # full-width punctuation
    "０１２３４５６７８９　ＡＢＣａｂｃ"  # full-width digits, letters and the ideographic space
    "\x00\x01\x07\x08\x0b\x0c\x0e\x1b\x1f\x7f\x80\x85\x9f"  # C0/C1 controls
    "\u200b\u200d\u2028\u2029\ufeff\u00ad\u00a0\ufffd"  # invisibles and separators
    ":/-.|*#_[]()<>&@\t\n\r "  # markup
    "ÃâéÂ€™"  # mojibake material
)
_CHAR = st.one_of(
    st.characters(codec="utf-8"),
    st.sampled_from(_SPECIAL),
    st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),
    st.characters(min_codepoint=0xFF00, max_codepoint=0xFFEF),
)
ANY_TEXT = st.text(alphabet=_CHAR, max_size=600)


@FAST
@given(ANY_TEXT)
@example("")
@example("   \n\t ")
@example("\x00" * 10)
@example("Speaker: Dr. Jane Roe, MIT\nDate: March 19, 2024, 3-4pm")
@example("报告人：张三\n时间：2024年3月5日下午3点\n地点：数学楼110")
def test_arbitrary_text_gives_valid_record_or_input_error(text: str) -> None:
    parse_or_input_error(text)


@settings(FAST, max_examples=40)
@given(st.text(alphabet=st.one_of(st.characters(), st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF)),
               max_size=60))
@example("Speaker: Jane Roe\udce9\nDate: March 19, 2024")
def test_text_with_lone_surrogates_is_input_error_or_record(text: str) -> None:
    """A str from surrogateescape decoding can hold lone surrogates; they must not escape as UnicodeEncodeError."""
    parse_or_input_error(text)


# ----------------------------------------------------------------------------------------- bytes

_ENCODINGS = ["utf-8", "utf-16", "utf-16-le", "gbk", "gb18030", "big5", "cp1252", "latin-1", "shift_jis"]


@st.composite
def encoded_text(draw: st.DrawFn) -> bytes:
    text = draw(st.text(alphabet=_CHAR, max_size=200))
    codec = draw(st.sampled_from(_ENCODINGS))
    return text.encode(codec, errors="replace")


ANY_BYTES = st.one_of(
    st.binary(max_size=600),
    encoded_text(),
    st.builds(lambda a, b: a + b, encoded_text(), st.binary(max_size=40)),
    st.builds(lambda head, body: head + body,
              st.sampled_from([b"From: a@b.c\nSubject: Talk\n\n",
                               b"Subject: x\nDate: Tue, 19 Mar 2024 10:00:00 +0000\n\n",
                               b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"%PDF", b"PK\x03\x04",
                               b"<!DOCTYPE html><html><body><p>", b"<html><head><title>T</title></head><body><div>"]),
              st.binary(max_size=300)),
)


@FAST
@given(ANY_BYTES)
@example(b"")
@example(b"\xff\xfe")
@example(b"\xef\xbb\xbf")
@example(b"\x00\x00\x00")
@example(b"From: a@b.c\nSubject: Talk\n\n")
def test_arbitrary_bytes_give_valid_record_or_input_error(data: bytes) -> None:
    try:
        record = parse_bytes(data, None, Options())
    except InputError as error:
        assert error.reason
        return
    check_record(record)


# ------------------------------------------------------------------------- announcement-shaped

_LABELS = ["Speaker:", "Speakers:", "Title:", "Date:", "Time:", "Location:", "Venue:", "When:", "Where:",
           "Host:", "Abstract:", "Bio:", "Zoom:", "Meeting ID:", "Passcode:", "Series:", "Date/Time:",
           "报告人：", "主讲人：", "时间：", "地点：", "题目：", "报告题目：", "摘要：", "报告人简介：", "腾讯会议：",
           "时间地点：", "**Date:**", "| Date |", "Speaker :", "报 告 人："]
_NAMES = ["Jane Roe", "Dr. Jane Roe", "Prof. John Smith", "María García", "Li Wei", "ZHANG San", "J. R. R. Tolkien",
          "Prof. Dr.-Ing. Hans Müller", "Ana de la Cruz", "张三", "李四教授", "王小明 研究员", "欧阳娜娜",
          "Jane Roe (MIT)", "John Smith, Stanford University", "Jane Roe and John Smith", "张三、李四"]
_TITLES = ["Deep Learning Theory", "On the Geometry of Loss Landscapes", "\"Quoted Title: With Colon\"",
           "深度学习的理论基础", "《图神经网络》", "IC Colloquium: Opening the Black Box", "TBA", "A" * 120]
_PLACES = ["Room 101", "Wean Hall 5409", "Gates 4405", "数学楼110教室", "Zoom", "Online", "Room 2-190 and on Zoom",
           "https://zoom.us/j/123456789", "腾讯会议：123-456-789", "线上", "Siebel 2405 / Zoom"]
_TIMES = ["3-4pm", "3:00 PM", "14:00-15:30", "10:30 AM – 11:30 AM", "noon", "12 noon - 1pm", "2:00 PM EST",
          "16h00 - 17h00", "下午3点", "下午2:30-4:00", "15:00", "3 pm (ET)", "9 to 11 a.m.", "11:30-1pm",
          "晚上7点半", "14:00 › 15:00", "from 2:00 to 3:30 PM", "23:00-01:00", "18:00 (UTC+8)", "4pm CET", "8:00"]
_DATE_FORMATS = ["{iso}", "{B} {d}, {Y}", "{A}, {B} {d}, {Y}", "{d} {B} {Y}", "{dd}.{mm}.{Y}", "{m}/{d}/{Y}",
                 "{d}/{m}/{Y}", "{Y}年{m}月{d}日", "{Y}年{m}月{d}日（星期{zhwd}）", "{m}月{d}日", "{b}. {d}",
                 "{d}-{b}-{yy}", "{Y}/{mm}/{dd}", "{A} {d}th {B} {Y}", "{B} {d}", "{a} {m}/{d}", "{Y}.{m}.{d}",
                 "{iso}T14:00", "二〇二四年三月五日"]
_JUNK = ["Log in | Register | Help", "Home > Events > Seminars", "Share this", "© 2024 University", "All are welcome!",
         "Refreshments will be served at 3:30 pm.", "Posted on 2023-12-01", "Deadline: Jan 5, 2024",
         "首页 - 学术活动", "发布时间：2024-01-02", "", "", "---", "* * *", "Add to calendar", "[Link](https://x.org)",
         "Seminars are held Tuesdays at 4 p.m.", "Originally scheduled for March 3"]


@st.composite
def a_date(draw: st.DrawFn) -> str:
    day = draw(st.dates(min_value=date(1995, 1, 1), max_value=date(2035, 12, 31)))
    fmt = draw(st.sampled_from(_DATE_FORMATS))
    return fmt.format(
        iso=day.isoformat(), Y=day.year, yy=f"{day.year % 100:02d}", m=day.month, mm=f"{day.month:02d}",
        d=day.day, dd=f"{day.day:02d}", B=day.strftime("%B"), b=day.strftime("%b"), A=day.strftime("%A"),
        a=day.strftime("%a"), zhwd="一二三四五六日"[day.weekday()],
    )


# Random clocks, sane and not: hours 0..30 and minutes 0..99. Hour 24 is left out here because it crashes today
# (see test_hostile.py::test_hour_24_does_not_crash); put it back when that is fixed.
A_CLOCK = st.builds(lambda h, m, tail: f"{h}:{m:02d}{tail}", st.integers(0, 30).filter(lambda h: h != 24),
                    st.integers(0, 99), st.sampled_from(["", " am", " pm", "pm", " PM ET", " (CET)", " 北京时间"]))
A_TIME = st.one_of(st.sampled_from(_TIMES), A_CLOCK,
                   st.builds(lambda a, b: f"{a} - {b}", A_CLOCK, A_CLOCK),
                   st.builds(lambda p, h: f"{p}{h}点", st.sampled_from(["", "上午", "下午", "晚上", "凌晨", "中午"]),
                             st.integers(0, 30).filter(lambda h: h != 24)))


@st.composite
def announcement(draw: st.DrawFn) -> str:
    lines: list[str] = []
    junk_text = st.text(alphabet=_CHAR, max_size=60)
    for _ in range(draw(st.integers(1, 12))):
        kind = draw(st.sampled_from(["label", "label", "label", "date", "time", "when", "name", "junk", "free"]))
        if kind == "label":
            label = draw(st.sampled_from(_LABELS))
            value = draw(st.one_of(st.sampled_from(_NAMES), st.sampled_from(_TITLES), st.sampled_from(_PLACES),
                                   a_date(), A_TIME, junk_text))
            lines.append(f"{label} {value}" if draw(st.booleans()) else f"{label}\n{value}")
        elif kind == "date":
            lines.append(draw(a_date()))
        elif kind == "time":
            lines.append(draw(A_TIME))
        elif kind == "when":
            sep = draw(st.sampled_from([", ", " ", " | ", "，", "\n"]))
            lines.append(f"{draw(st.sampled_from(['Date:', 'When:', '时间：', '']))} {draw(a_date())}{sep}"
                         f"{draw(A_TIME)}")
        elif kind == "name":
            lines.append(draw(st.sampled_from(_NAMES)))
        elif kind == "junk":
            lines.append(draw(st.sampled_from(_JUNK)))
        else:
            lines.append(draw(junk_text))
    if draw(st.integers(0, 5)) == 0:  # now and then the same announcement as an HTML page
        tag = draw(st.sampled_from(["p", "div", "li", "td", "h2"]))
        body = "".join(f"<{tag}>{line}</{tag}>" for line in lines)
        return f"<!DOCTYPE html><html><head><title>Talk</title></head><body>{body}</body></html>"
    return "\n".join(lines)


@FAST
@given(announcement(), st.sampled_from([None, date(2024, 3, 1), date(1999, 12, 31)]),
       st.sampled_from([None, "America/New_York", "Asia/Shanghai", "UTC"]))
@example("Speaker: Dr. Jane Roe, MIT\nDate: March 19, 2024, 3-4pm", None, None)
@example("报告人：张三\n时间：3月5日 下午3点-5点", date(2024, 1, 1), "Asia/Shanghai")
def test_announcements_give_valid_deterministic_records(text: str, reference: date | None, tz: str | None) -> None:
    try:
        first = parse_text(text, reference_date=reference, tz=tz)
    except InputError:
        return
    data = check_record(first)
    again = parse_text(text, reference_date=reference, tz=tz).to_dict()
    assert again == data
    _check_start_end(data)


def _check_start_end(data: dict) -> None:
    start, end = data["start"], data["end"]
    for value in (start, end):
        if value is not None:
            assert WHEN_RE.match(value), value
    same_day = bool(start and end and len(start) >= 16 and len(end) >= 16 and start[:10] == end[:10])
    if same_day and not any("before" in warning for warning in data["warnings"]):
        assert end[11:16] >= start[11:16], (start, end, data["warnings"])


@FAST
@given(a_date(), A_TIME, A_TIME,
       st.sampled_from(["Date: {d}\nTime: {t}", "When: {d}, {t}", "时间：{d} {t}", "{d}\n{t}",
                        "Date/Time: {d} {t} - {u}"]))
def test_start_end_are_well_formed_and_ordered(day: str, time_a: str, time_b: str, shape: str) -> None:
    text = "Speaker: Jane Roe\nTitle: A Talk\n" + shape.format(d=day, t=time_a, u=time_b) + "\nLocation: Room 101"
    data = parse_or_input_error(text)
    assert data is not None
    _check_start_end(data)


# ---------------------------------------------------------------------------------------- emitters

def _round_trips(data: dict) -> None:
    assert yaml.safe_load(render(data, "yaml")) == data
    assert json.loads(render(data, "json")) == data
    assert json.loads(render(data, "jsonl")) == data


@FEWER
@given(st.one_of(announcement(), ANY_TEXT))
def test_rendered_records_round_trip(text: str) -> None:
    data = parse_or_input_error(text)
    if data is not None:
        _round_trips(data)


_EMIT_TEXT = st.one_of(
    st.text(alphabet=st.one_of(st.characters(codec="utf-8"), st.sampled_from(
        list(" \t\n\r:#-'\"|>!&*%@`?,[]{}~\x85\u2028\u2029\ufeff\x00\x7f\x1b"))), max_size=80),
    st.sampled_from(["yes", "no", "null", "~", "1e3", "0x1F", "2024-03-19", "12:30", "- x", "? x", "&a *a", "'", ""]),
)


@FEWER
@given(st.fixed_dictionaries({
    "title": st.one_of(st.none(), _EMIT_TEXT),
    "abstract": st.one_of(st.none(), _EMIT_TEXT),
    "speakers": st.lists(st.fixed_dictionaries({"name": _EMIT_TEXT, "affiliation": st.one_of(st.none(), _EMIT_TEXT)}),
                         max_size=3),
    "links": st.lists(_EMIT_TEXT, max_size=3),
    "warnings": st.lists(_EMIT_TEXT, max_size=3),
}))
@example({"title": "yes", "abstract": "line one\nline two", "speakers": [], "links": [], "warnings": []})
@example({"title": "trailing \nspaces ", "abstract": "\ttab\nx", "speakers": [], "links": [], "warnings": []})
@example({"title": "a\x85b\u2028c", "abstract": "\n\nlead", "speakers": [], "links": [], "warnings": ["\ufeffz"]})
def test_arbitrary_data_round_trips(data: dict) -> None:
    _round_trips(data)


def test_yaml_round_trips_next_line_character_in_the_path() -> None:
    """U+0085 (NEL) is a YAML line break: written raw it would come back as a space."""
    data = parse_bytes(b"Speaker: Jane Roe\nTitle: A talk", "talk\x85.txt", Options()).to_dict()
    assert yaml.safe_load(render(data, "yaml")) == data
