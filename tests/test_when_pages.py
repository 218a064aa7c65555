"""Whole pages where the talk's date is not the first or the only date: the traps the date scorer must avoid."""

from __future__ import annotations

from datetime import date

from seminar_parse import parse_text


def test_page_header_date_beside_login_is_not_the_talk() -> None:
    record = parse_text("2025年10月22日 星期三 登录 EN\n学术活动\n报告题目：机器学习的几何\n"
                        "报告时间：2023年7月6日（星期四）下午2:00-4:00\n报告地点：理科楼B302")
    assert (record.start, record.end) == ("2023-07-06T14:00", "2023-07-06T16:00")


def test_posting_and_view_counts_are_not_the_talk() -> None:
    record = parse_text("发布时间：2024-03-01 09:12  浏览次数：233\n报告人：张伟教授\n"
                        "时间：3月19日（周二）下午3点\n地点：数学楼110")
    assert record.start == "2024-03-19T15:00"
    assert any("inferred" in w for w in record.warnings)  # the year came from the posting date


def test_posted_and_updated_lines_in_english() -> None:
    text = ("Posted on January 5, 2024 | Updated February 1, 2024\nSpeaker: Jane Roe\n"
            "Date: Tuesday, March 19, 2024\nTime: 10:30am - 11:50am\nLocation: Room 101")
    assert parse_text(text).start == "2024-03-19T10:30"


def test_dates_in_the_bio_and_abstract_are_not_the_talk() -> None:
    text = ("Title: Sparse Models\nSpeaker: Jane Roe\nWhen: Friday, May 3, 2024, 4 pm\n\n"
            "Abstract\nIn March 12, 2021 we released a benchmark that is now widely used by the community.\n\n"
            "Bio\nJane Roe received her Ph.D. in 2016 and joined MIT on September 1, 2019 as a professor.")
    assert parse_text(text).start == "2024-05-03T16:00"


def test_chinese_bio_degree_year_is_not_the_talk() -> None:
    text = ("报告题目：数据驱动的控制\n报告人：李明\n时间：2024年5月10日 14:00-15:30\n\n"
            "报告人简介：\n李明，2016年6月30日获清华大学博士学位，现任浙江大学教授。")
    assert parse_text(text).start == "2024-05-10T14:00"


def test_registration_deadline_is_not_the_talk() -> None:
    text = ("Registration deadline: March 1, 2024\nWorkshop on Robust Learning\n"
            "Date: March 19, 2024\nTime: 9:00-17:00\nVenue: Hall A")
    assert (parse_text(text).start, parse_text(text).end) == ("2024-03-19T09:00", "2024-03-19T17:00")


def test_check_in_and_refreshment_times_are_not_the_start() -> None:
    zh = parse_text("时间：2024年6月5日 13:30开始签到\n报告时间：2024年6月5日 14:00-16:00\n地点：报告厅")
    assert zh.start == "2024-06-05T14:00"
    en = parse_text("Date: Wednesday, April 17, 2024\nRefreshments at 3:30 pm.\nTalk: 4:00 - 5:00 pm, Gates 104")
    assert en.start == "2024-04-17T16:00"


def test_a_moved_talk_uses_the_new_date_and_says_so() -> None:
    record = parse_text("NEW DATE: Tuesday, November 18, 2025, 4:00-5:00 pm\n"
                        "(Originally scheduled for Tuesday, October 28, 2025.)\nSpeaker: Jane Roe")
    assert record.start == "2025-11-18T16:00"
    assert any("October 28" in w for w in record.warnings)
    assert parse_text("原定于2024年3月5日举行的报告改期至2024年3月12日下午3点").start == "2024-03-12T15:00"


def test_late_december_posting_and_a_january_date_is_next_year() -> None:
    record = parse_text("Posted: December 20, 2024\nSeminar: Thursday, January 9, 3pm, Room 5")
    assert record.start == "2025-01-09T15:00"


def test_the_weekday_chooses_the_year() -> None:
    record = parse_text("Seminar on Friday, December 15 at 2 pm", reference_date=date(2024, 11, 1))
    assert record.start == "2023-12-15T14:00"  # December 15 is a Friday in 2023, not in 2024


def test_no_year_and_nothing_to_infer_it_from_leaves_start_empty() -> None:
    record = parse_text("Speaker: Jane Roe\nDate: Thursday, Oct. 9th, 3pm")
    assert record.start is None
    assert any("Oct. 9th" in w and "--reference-date" in w for w in record.warnings)


def test_a_weekday_that_contradicts_the_date_is_a_warning() -> None:
    record = parse_text("Date: Monday, March 19, 2024\nTime: 3pm")
    assert record.start == "2024-03-19T15:00"
    assert any("does not match" in w for w in record.warnings)


def test_slash_dates_are_decided_by_the_page() -> None:
    assert parse_text("Date: 3/4/2024 at 2pm").start == "2024-03-04T14:00"  # US English: month first
    assert any("day-first or month-first" in w for w in parse_text("Date: 3/4/2024 at 2pm").warnings)
    uk = parse_text("Date: 3/4/2024 at 2pm\nDeadline for questions: 25/03/2024")
    assert uk.start == "2024-04-03T14:00"  # a day above 12 elsewhere says day-first
    assert parse_text("Date: 3/4/2024 at 2pm", date_order="dmy").start == "2024-04-03T14:00"


def test_end_before_start_is_a_warning_not_a_swap() -> None:
    record = parse_text("Date: May 3, 2024\nTime: 4:00 pm - 3:00 pm")
    assert (record.start, record.end) == ("2024-05-03T16:00", "2024-05-03T15:00")
    assert any("before start" in w for w in record.warnings)


def test_two_zones_for_one_instant_take_the_first() -> None:
    record = parse_text("Date: July 9, 2024\nTime: 2pm ET / 8pm CET")
    assert (record.start, record.end, record.timezone) == ("2024-07-09T14:00-04:00", None, "America/New_York")
    assert any("CET" in w for w in record.warnings)


def test_ist_is_read_by_the_country_the_page_names() -> None:
    record = parse_text("Date: July 9, 2024\nTime: 2pm IST")  # no country named: India's, with a warning
    assert (record.timezone, record.start) == ("Asia/Kolkata", "2024-07-09T14:00+05:30")
    assert any("IST" in w and "India" in w for w in record.warnings)
    israel = parse_text("Date: July 9, 2024\nTime: 2pm IST\nVenue: Weizmann Institute, Rehovot, Israel")
    assert (israel.timezone, israel.warnings) == ("Asia/Jerusalem", ())
    ireland = parse_text("Date: July 9, 2024\nTime: 2pm IST\nVenue: Trinity College Dublin")
    assert ireland.start == "2024-07-09T14:00+01:00"


def test_cet_on_a_german_page_is_berlin_and_a_wrong_season_name_is_noted() -> None:
    german = parse_text("Date: Tuesday, 10 December 2024\nTime: 14:00 CET\nVenue: Universität Bonn, Raum 1.047")
    assert (german.timezone, german.start) == ("Europe/Berlin", "2024-12-10T14:00+01:00")
    assert parse_text("Date: 10 December 2024, 14:00 CET").timezone == "Europe/Paris"
    summer = parse_text("Date: July 9, 2024\nTime: 4pm EST")
    assert summer.start == "2024-07-09T16:00-04:00"
    assert any("EST" in w and "EDT" in w for w in summer.warnings)
    assert parse_text("Date: January 9, 2024\nTime: 4pm EST").warnings == ()


def test_given_zone_only_fills_in_what_the_text_does_not_state() -> None:
    assert parse_text("Date: July 9, 2024, 2pm", tz="Europe/Zurich").start == "2024-07-09T14:00+02:00"
    stated = parse_text("Date: July 9, 2024, 2pm PT", tz="Europe/Zurich")
    assert (stated.start, stated.timezone) == ("2024-07-09T14:00-07:00", "America/Los_Angeles")


def test_relative_days_count_from_the_posting_or_mail_date() -> None:
    mail = parse_text("Date: Tue, 19 Mar 2024 09:00:00 +0000\nSubject: Reminder\nFrom: a@b.c\n\n"
                      "The seminar is this Thursday at 4pm in Room 5.")
    assert mail.start == "2024-03-21T16:00"
    assert any("this Thursday" in w for w in mail.warnings)
    assert parse_text("Talk tomorrow, 3:30-4:30 pm", reference_date=date(2024, 3, 19)).start == "2024-03-20T15:30"
    assert parse_text("Talk tomorrow, 3:30 pm").start is None  # nothing to count from: no guess


def test_dates_under_an_upcoming_talks_heading_are_other_events() -> None:
    text = ("Geometry Seminar\n\nThis week\n\nTuesday, 4 March 2025\nLena Ortiz (Utrecht)\n\"Tropical curves\"\n\n"
            "Upcoming talks\n\n11 March 2025, 3pm: Omar Haddad (Leiden)\n18 March 2025, 3pm: Jin Park (KAIST)\n")
    assert parse_text(text).start == "2025-03-04"
    listing = "Upcoming talks\n\n11 March 2025, 3pm: Omar Haddad\n18 March 2025, 3pm: Jin Park\n"
    assert parse_text(listing).start == "2025-03-11T15:00"  # a page that is only a list keeps its first date


def test_a_date_line_followed_by_a_time_line_beats_a_dated_card() -> None:
    text = ("Sleep and Memory\n\nWed, May 7, 2025\n4:00 – 5:00 pm\n\nAbstract text about sleep.\n\n"
            "Wearables and sleep staging\n\nWed, May 14, 2025 · 4:00 pm · Dr. A. Bauer\n")
    assert (parse_text(text).start, parse_text(text).end) == ("2025-05-07T16:00", "2025-05-07T17:00")


def test_a_dash_lost_in_decoding_still_joins_a_range() -> None:
    record = parse_text("When: Thursday 23 January 2025, 4.00\ufffd6.00pm\nWhere: Room 2")
    assert (record.start, record.end) == ("2025-01-23T16:00", "2025-01-23T18:00")


def test_front_matter_event_keys_beat_the_post_date() -> None:
    text = ("---\ntitle: \"Soil carbon under drought\"\ndate: 2025-08-01T08:30:00+12:00\npublishDate: 2025-08-01\n"
            "event_start: 2025-08-14T15:00:00+12:00\nevent_end: 2025-08-14T16:00:00+12:00\n"
            "venue: \"Lecture Theatre 2, University of Otago\"\n---\n\nAbstract text.\n")
    record = parse_text(text)
    assert (record.start, record.end, record.timezone) == (
        "2025-08-14T15:00+12:00", "2025-08-14T16:00+12:00", "Pacific/Auckland")


def test_an_iso_offset_without_a_country_is_a_fixed_offset_zone() -> None:
    record = parse_text("Starts: 2025-08-14T15:00:00+05:00\nRoom 3")
    assert (record.start, record.timezone) == ("2025-08-14T15:00+05:00", "Etc/GMT-5")
    assert parse_text("Time: 2025-08-14 14:00-15:00").end == "2025-08-14T15:00"  # a range, not an offset


def test_a_full_date_on_the_page_anchors_a_year_less_talk_date() -> None:
    text = ("Department news\n\n3 September 2025\n\nThe annual Kerr Lecture will be given by Dr Mei Tan on "
            "Tuesday the 14th of October at 6pm in the Great Hall.")
    record = parse_text(text)
    assert record.start == "2025-10-14T18:00"
    assert any("3 September 2025" in w for w in record.warnings)


def test_a_date_in_a_bio_does_not_anchor_the_talk_year() -> None:
    text = ("Speaker: Dr Mei Tan\nWhen: Tuesday, October 14, 6pm\n\nBio\nDr Tan received her doctorate on "
            "June 5, 2016 and has since worked on the history of printing in Southeast Asia and beyond.")
    record = parse_text(text)
    assert record.start is None and any("reference" in w for w in record.warnings)
