"""Unit tests per stage: decode, clean, sections, language, links, zones, emit, mail."""

from __future__ import annotations

import codecs
import json

import pytest
import yaml

from seminar_parse import message, parse_text
from seminar_parse.clean import clean
from seminar_parse.decode import decode
from seminar_parse.emit import StreamWriter, render, to_yaml
from seminar_parse.errors import InputError
from seminar_parse.fields import language, links
from seminar_parse.fields.zones import ZONE_RE, utc_offset, zone_from_match
from seminar_parse.mail import looks_like_mail, read_mail
from seminar_parse.sections import label_key, split_document
from seminar_parse.vocab import LABELS

# ------------------------------------------------------------------------------------------ decode


def test_decode_utf8_keeps_fullwidth_punctuation() -> None:
    decoded = decode("时间：２０２４年３月１９日（周二）“quoted”".encode(), "x")
    assert decoded.text == "时间：２０２４年３月１９日（周二）“quoted”"
    assert decoded.encoding == "utf-8"
    assert decoded.repairs == ()


@pytest.mark.parametrize("codec", ["gbk", "gb18030", "big5"])
def test_decode_chinese_legacy_encodings(codec: str) -> None:
    traditional = "報告人：王大明教授\n題目：機器學習與優化\n時間：二零二三年十一月二十日下午三點\n地點：數學館報告廳\n"
    simplified = "报告人：王大明教授\n题目：机器学习与优化理论\n时间：2023年11月20日下午3点\n地点：数学楼报告厅\n"
    text = (traditional if codec == "big5" else simplified) * 3
    decoded = decode(text.encode(codec), "x")
    assert decoded.text == text


def test_decode_utf16_with_bom() -> None:
    decoded = decode(codecs.BOM_UTF16_LE + "Speaker: Zoë Müller".encode("utf-16-le"), "x")
    assert decoded.text == "Speaker: Zoë Müller"
    assert decoded.encoding == "utf-16"


def test_decode_repairs_mojibake_and_says_so() -> None:
    decoded = decode("Speaker: JosÃ© GarcÃ­a â€“ talk".encode(), "x")
    assert decoded.text == "Speaker: José García – talk"
    assert "mojibake" in decoded.repairs


def test_decode_repairs_entities() -> None:
    decoded = decode(b"Title: Rock &amp; Roll", "x")
    assert decoded.text == "Title: Rock & Roll"
    assert decoded.repairs == ("html-entities",)


@pytest.mark.parametrize(("data", "reason"), [
    (b"", "empty file"),
    (b"  \n\t\n", "only whitespace"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "PNG"),
    (b"%PDF-1.7\n", "PDF"),
    (b"abc\x00\x01\x02\x03" * 50, "binary"),
])
def test_decode_rejects_unusable_input(data: bytes, reason: str) -> None:
    with pytest.raises(InputError) as error:
        decode(data, "in/put.txt")
    assert str(error.value).startswith("in/put.txt: ")
    assert reason in str(error.value)


# ------------------------------------------------------------------------------------------- clean


def test_clean_splits_glued_bold_cells_and_unwraps_links() -> None:
    text = "Seminar**Jane Roe**Postdoc, [UC San Diego](#)\n**Tuesday, March 19, 2024****MSEE 112**"
    assert clean(text).text.split("\n") == [
        "Seminar", "Jane Roe", "Postdoc, UC San Diego", "Tuesday, March 19, 2024", "MSEE 112",
    ]


def test_clean_bold_label_starts_its_own_line() -> None:
    lines = clean("**Speaker:** Jane Roe **Date:** Friday, May 3, 2024").text.split("\n")
    assert lines == ["Speaker: Jane Roe", "Date: Friday, May 3, 2024"]


def test_clean_keeps_link_targets_aside() -> None:
    cleaned = clean("Slides: [PDF](https://example.org/s.pdf) and [home](#)")
    assert cleaned.text == "Slides: PDF and home"
    assert cleaned.hidden_links == ("https://example.org/s.pdf",)


@pytest.mark.parametrize("line", [
    "log in | register | feedback? | help | web accessibility",
    "首页 - 学术活动",
    "Home > Events > Seminars",
    "首页 >> 通知公告 >> 学术讲座",
    "2025年10月22日 星期三 登录 EN",
    "© 2024 University of Somewhere. All rights reserved.",
    "You are subscribed to this talk through .",
    "Share on Twitter",
    "Add to Google Calendar | Back to all events",
    "Browse  Submit an event  About",  # a site menu: two menu words or more, nothing else
    "News & Events",
    "Accept all cookies   Reject optional cookies   Cookie settings",  # a consent banner's buttons
    "Allow analytics cookies",
    "Cookies on this site",
    "We use some essential cookies to make this website work.",
    "We'd like to set additional cookies to understand how you use the site.",
])
def test_clean_drops_page_furniture(line: str) -> None:
    assert clean(f"Title: Real talk\n{line}\nSpeaker: Jane Roe").text == "Title: Real talk\nSpeaker: Jane Roe"


@pytest.mark.parametrize("line", ["About", "Events", "Research on contact networks", "About the speaker",
                                  "Accepting cookies: consent fatigue and the design of privacy banners",
                                  "Why users reject cookies they do not understand"])
def test_clean_keeps_a_lone_menu_word_or_a_sentence(line: str) -> None:
    assert line in clean(f"Title: Real talk\n{line}\nSpeaker: Jane Roe").text


def test_clean_drops_repeated_paragraphs_but_not_short_lines() -> None:
    paragraph = "Deep networks fit training data perfectly and still generalise, which theory must explain."
    cleaned = clean(f"Abstract\n{paragraph}\nBio\nAbstract\n{paragraph}\nBio")
    assert cleaned.text.count(paragraph) == 1
    assert cleaned.dropped_duplicates == 1
    assert cleaned.text.count("Abstract") == 2


def test_clean_flattens_table_rows() -> None:
    assert clean("| Date | 15.02.2021 |\n|---|---|\n| Hour | 14:00 › 15:00 |").text == \
        "Date: 15.02.2021\nHour: 14:00 › 15:00"


def test_clean_strips_tag_residue_and_markdown_headings() -> None:
    assert clean("<u>Abstract</u>\n### Speaker Bio\n> quoted").text == "Abstract\nSpeaker Bio\nquoted"


# ---------------------------------------------------------------------------------------- sections


@pytest.mark.parametrize(("label", "key"), [
    ("Speaker", "speaker"), ("Speaker(s)", "speaker"), ("报 告 人", "speaker"), ("主讲人", "speaker"),
    ("Speaker 2", "speaker"), ("Title", "title"), ("题目", "title"), ("时间地点", "when_where"),
    ("Hour", "time"), ("Where", "venue"), ("Zoom Meeting", "online"), ("邀请人", "host"),
    ("四、主讲人简介", "bio"), ("三、内容简介", "abstract"), ("About the speaker", "bio"),
    ("发布时间", "posted"), ("Committee Members", "not_speaker"), ("Nonsense label", None),
    # bullets, emoji, brackets and the Traditional script fold to the same keys
    ("▲ 报告题目", "title"), ("📍 Location", "venue"), ("【主 持 人】", "chair"), ("講　　者", "speaker"),
    ("演講地點", "venue"), ("講者簡介", "bio"), ("Speaker’s Bio", "bio"), ("与谈人", "speaker"), ("Convenor", "host"),
    ("内容提要", "abstract"), ("● Nonsense", None), ("2024", None),
])
def test_label_vocabulary(label: str, key: str | None) -> None:
    assert label_key(label) == key


def test_label_keys_are_cached_with_their_digits_zeroed() -> None:
    """label_key caches "Item 7" as "Item 0": exact only while no label in the vocabulary holds a digit."""
    assert not [label for labels in LABELS.values() for label in labels if any("0" <= c <= "9" for c in label)]
    for label in ("Speaker 2", "Speaker #17", "3. Title", "12) Venue", "Item 41", "2024", "Room 101"):
        assert label_key(label) == label_key(label.translate(str.maketrans("0123456789", "5555555555")))


def test_label_key_tells_prose_by_its_letters_and_keeps_the_longest_label() -> None:
    """No folding drops a letter but an enumerator's: the longest label, numbered, is still read."""
    longest = max((label for labels in LABELS.values() for label in labels if label.isascii()),
                  key=lambda label: sum(ch.isalpha() for ch in label))
    assert label_key(longest) is not None
    assert label_key(f"IV. {longest.title()}") == label_key(f"** {longest} **") == label_key(longest)
    assert label_key("We study the geometry of sparse models") is None


def test_document_head_keeps_what_starts_within_the_limit() -> None:
    doc = split_document("Speaker: Jane Roe\nTitle: Sparse Models\n\nVenue: Room 5\nHost: Ann Lee")
    assert doc.head(len(doc.text)) is doc
    head = doc.head(30)  # "Speaker: …\nTitle: …" ends at 38: the cut falls after the first line
    assert [line.text for line in head.lines] == ["Speaker: Jane Roe"]
    assert head.text == "Speaker: Jane Roe" and [item.key for item in head.labelled] == ["speaker"]
    head = doc.head(45)
    assert [item.key for item in head.labelled] == ["speaker", "title"]
    assert head.lines[1] == doc.lines[1] and head.lines[1].start == 18  # offsets are the whole text's


def test_document_head_cuts_inside_a_line_that_runs_far_past_the_limit() -> None:
    doc = split_document("Title: X\n" + "Talk in Room 101. " * 100)
    head = doc.head(200)
    assert len(head.lines) == 2 and head.lines[1].text == doc.lines[1].text[:200 - doc.lines[1].start]
    assert head.text == doc.text[:200]


def test_fields_are_read_in_the_head_and_sections_in_the_whole_text() -> None:
    announcement = "Title: Sparse Models\nSpeaker: Jane Roe, MIT\nDate: March 5, 2024, 3pm\nAbstract:\n"
    tail = "".join(f"Paragraph {i} of a very long abstract, on 12 May 2031 in Room {i}.\n" for i in range(2000))
    record = parse_text(announcement + tail)
    assert record.title == "Sparse Models" and record.start == "2024-03-05T15:00"
    assert record.abstract is not None and record.abstract.endswith("Paragraph 1999 of a very long abstract, "
                                                                    "on 12 May 2031 in Room 1999.")


def test_sections_value_on_next_line_and_inline_bio() -> None:
    doc = split_document("报告人:\nDr. Jane Roe, MIT\n摘要:\n\nA long abstract line.\n\n"
                         "报告人简介:Jane Roe is a professor.")
    speaker = doc.first("speaker")
    assert speaker is not None and speaker.value == "Dr. Jane Roe, MIT"
    assert doc.abstract is not None and doc.abstract.text == "A long abstract line."
    assert doc.bio is not None and doc.bio.text == "Jane Roe is a professor."


def test_sections_rejoin_hard_wrapped_email_lines() -> None:
    doc = split_document("Abstract:\nWe study how\nneural networks\ngeneralise.\n\nSecond paragraph here.")
    assert doc.abstract is not None
    assert doc.abstract.text == "We study how neural networks generalise.\n\nSecond paragraph here."


def test_sections_unlabelled_bio_is_third_person_paragraph_opening_with_a_name() -> None:
    abstract = "We present a method. " * 20
    bio = "Jane Roe is an assistant professor at MIT. Her work spans optimisation and learning theory. " * 2
    doc = split_document(f"Title: X\n\n{abstract}\n\n{bio}")
    assert doc.bio is not None and doc.bio.text.startswith("Jane Roe is an assistant professor")
    assert doc.abstract is not None and doc.abstract.text.startswith("We present a method.")


def test_sections_abstract_stops_at_logistics() -> None:
    doc = split_document("Abstract\nA real abstract sentence that is long enough.\nDate: May 3, 2024\nTime: 3pm")
    assert doc.abstract is not None and doc.abstract.text == "A real abstract sentence that is long enough."


# ------------------------------------------------------------------------------- language and links


@pytest.mark.parametrize(("text", "lang"), [
    ("Speaker: Jane Roe\nTitle: Learning", "en"),
    ("报告人：张伟教授\n题目：机器学习中的优化方法\n时间：2024年3月19日", "zh"),
    ("报告人: Dr. Weijie Su\nAbstract: The remarkable development of deep learning over the past decade", "en"),
    ("12345 ---", None),
])
def test_language(text: str, lang: str | None) -> None:
    assert language.detect(text) == lang


def test_links_exclude_meeting_link_and_trim_punctuation() -> None:
    doc = split_document("Paper: https://arxiv.org/abs/1910.06943.\nZoom: https://x.zoom.us/j/123 (Passcode: a)\n"
                         "See (https://example.org/a_(b)) and www.example.com/x,")
    found = links.extract(doc, exclude={"https://x.zoom.us/j/123"})
    assert found == ["https://arxiv.org/abs/1910.06943", "https://example.org/a_(b)", "https://www.example.com/x"]


# ------------------------------------------------------------------------------------------- zones


@pytest.mark.parametrize(("text", "chinese", "zone"), [
    ("2pm ET", False, "America/New_York"), ("14:00 (CEST)", False, "Europe/Paris"),
    ("10am Pacific Time", False, "America/Los_Angeles"), ("UTC+8", False, "Etc/GMT-8"),
    ("GMT-5", False, "Etc/GMT+5"), ("北京时间", True, "Asia/Shanghai"), ("3pm CST", True, "Asia/Shanghai"),
    ("3pm CST", False, "America/Chicago"), ("9am IST", False, "Asia/Kolkata"),
    ("16:00 SAST", False, "Africa/Johannesburg"),
    ("12:30 (Brasília time)", False, "America/Sao_Paulo"), ("6pm (Paris time)", False, "Europe/Paris"),
    ("10am (Pacific)", False, "America/Los_Angeles"), ("Europe/Zurich", False, "Europe/Zurich"),
    ("下午4時（香港時間）", True, "Asia/Hong_Kong"), ("14:00 (台北時間)", True, "Asia/Taipei"),
])
def test_zone_names(text: str, chinese: bool, zone: str | None) -> None:
    match = ZONE_RE.search(text)
    assert match is not None
    assert zone_from_match(match, chinese=chinese)[0] == zone


@pytest.mark.parametrize("text", ["Pacific Rim workshop", "Central Campus", "Eastern Europe", "ART HISTORY",
                                  "Europe/Nowhere", "Asia/Tokyo2"])
def test_words_that_are_not_zones(text: str) -> None:
    match = ZONE_RE.search(text)
    assert match is None or zone_from_match(match, chinese=False)[0] is None


def test_offsets_follow_daylight_saving() -> None:
    from datetime import datetime

    assert utc_offset("America/New_York", datetime(2024, 7, 9, 14)) == "-04:00"
    assert utc_offset("America/New_York", datetime(2024, 1, 9, 14)) == "-05:00"
    assert utc_offset("Asia/Kolkata", datetime(2024, 1, 9, 14)) == "+05:30"
    assert utc_offset("Not/AZone", datetime(2024, 1, 9)) is None


# -------------------------------------------------------------------------------------------- emit


RECORD = {"title": "A very long title " * 10, "abstract": "Para one.\n\nPara two.", "zh": "报告人：张伟",
          "start": "2024-03-19", "n": "1", "empty": None, "list": []}


def test_yaml_is_readable_and_round_trips() -> None:
    text = to_yaml(RECORD)
    assert "abstract: |-\n  Para one.\n\n  Para two." in text
    assert "报告人：张伟" in text
    assert text.count("\n") < 12  # the long title stays on one line
    assert yaml.safe_load(text) == RECORD


def test_json_and_jsonl_round_trip() -> None:
    assert json.loads(render(RECORD, "json")) == RECORD
    assert "\n" not in render(RECORD, "jsonl").rstrip("\n")
    assert "报告人" in render(RECORD, "jsonl")


def test_stream_writer_json_array(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "out.json"
    with path.open("w", encoding="utf-8") as handle:
        writer = StreamWriter(handle, "json", many=True)
        writer.write({"a": 1})
        writer.write({"a": 2})
        writer.close()
    assert json.loads(path.read_text(encoding="utf-8")) == [{"a": 1}, {"a": 2}]


# -------------------------------------------------------------------------------------------- mail


MAIL = (b"From: Admin <a@example.org>\nTo: list@example.org\nDate: Mon, 6 Oct 2025 09:12:44 -0500\n"
        b"Subject: =?utf-8?q?Seminar=3A_Caf=C3=A9_Talk?=\nContent-Type: text/plain; charset=gb2312\n"
        b"Content-Transfer-Encoding: base64\n\n" + __import__("base64").b64encode(
            "报告人：张伟\n\n> quoted reply\n-- \n签名".encode("gb2312")) + b"\n")


def test_mail_headers_decoded_and_body_without_signature_or_quotes() -> None:
    assert looks_like_mail(MAIL)
    mail = read_mail(MAIL)
    assert mail.headers["subject"] == "Seminar: Café Talk"
    assert message.read(mail.body).text.strip() == "报告人：张伟"
    assert mail.charset == "gb18030"


def test_plain_text_with_labels_is_not_mail() -> None:
    assert not looks_like_mail(b"Speaker: Jane Roe\nTitle: Learning\nDate: May 3\n")


def test_clean_turns_a_column_schedule_into_labelled_rows() -> None:
    text = ("DATE\t  ROOM      TIME   SPEAKER                TOPIC\n\n"
            "10/28\tHH B131\t  2:30\t  Dr. John Bares\t\tRobots\n")
    lines = clean(text).text.split("\n")
    assert lines[:5] == ["Date: 10/28", "Room: HH B131", "Time: 2:30", "Speaker: Dr. John Bares", "Topic: Robots"]


def test_clean_leaves_ordinary_spaced_text_alone() -> None:
    assert clean("Date  and  time   are   below").text == "Date and time are below"


@pytest.mark.parametrize(("labels", "lang"), [
    (("报告题目", "报告人", "时间", "地点"), "zh"),  # a Chinese notice of an English talk
    (("题目", "报告人", "Title", "Speaker"), "zh"),  # bilingual, Chinese first
    (("Title", "Speaker", "题目", "报告人"), "en"),  # bilingual, English first
    (("Title", "Speaker", "报告人"), "en"),  # one Chinese label is not enough
])
def test_language_follows_chinese_labels(labels: tuple[str, ...], lang: str) -> None:
    text = "Quantum Simulation with Rydberg Atom Arrays. Arrays of neutral atoms excited to Rydberg states."
    assert language.detect(text, labels) == lang


_FLYER = (
    "   DR. MARTA KOWALCZYK-ORTIZ                    FRIDAY\n"
    "   Institute of Marine Geo-                     MARCH 14, 2025\n"
    "   sciences, Kiel University                    2:00 – 3:00 PM\n"
    "                                                OCEAN HALL, ROOM 12\n"
)


def test_clean_reads_side_by_side_columns_one_after_the_other() -> None:
    assert clean(_FLYER).text.split("\n") == [
        "DR. MARTA KOWALCZYK-ORTIZ", "Institute of Marine Geosciences, Kiel University", "",
        "FRIDAY", "MARCH 14, 2025", "2:00 – 3:00 PM", "OCEAN HALL, ROOM 12"]


@pytest.mark.parametrize("text", [
    "Type:     cmu.cs.robotics\nTopic:    Legged Locomotion\nTime:     3:30 PM\n",  # label values: no gutter
    "Speaker    Dr. Ana Ruiz\nTitle    Coastal Fog\n",
    "We study fog    that forms    over the sea and    the coast.\n",  # one spaced line is not a column
])
def test_clean_keeps_lines_that_are_not_two_columns(text: str) -> None:
    kept = clean(text).text.split("\n")
    assert len(kept) == len([line for line in text.split("\n") if line.strip()])
