"""The message model (forwards, quoted replies, signatures, digests, changes in the newer text) and the
email decoding around it: charsets per part, RFC 2047 headers, calendar parts, broken MIME."""

from __future__ import annotations

import base64

import pytest
from charset_normalizer.constant import FREQUENCIES
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from seminar_parse import mail as mail_module
from seminar_parse import message
from seminar_parse.mail import read_calendar, read_mail
from seminar_parse.pipeline import Options, parse_bytes

ANNOUNCEMENT = """Speaker: Dr. Ada Quinn, University of Leeds
Title: Sparse Graphs and Their Limits
Date: Tuesday, 8 April 2025
Time: 14:00 - 15:00
Location: Roger Stevens Building, Room 10

Abstract:
Graph limits describe very large dense graphs well, but sparse ones poorly. This talk surveys three
proposals for sparse limits and what each can say about random geometric graphs.

Host: Prof. Ben Ortiz"""


def _quoted(text: str) -> str:
    return "\n".join(f"> {line}" if line else ">" for line in text.split("\n"))


# ------------------------------------------------------------------------------ forms of forwarding and quoting

FORMS = {
    "gmail": "---------- Forwarded message ---------\nFrom: Events <e@x.org>\nDate: Mon, Mar 31, 2025 at 9:00 AM\n"
             "Subject: Seminar: Sparse graphs\nTo: <a@x.org>\n\n\n" + ANNOUNCEMENT,
    "outlook rule": "-----Original Message-----\nFrom: Events <e@x.org>\nSent: Monday, March 31, 2025 9:00 AM\n"
                    "To: list@x.org\nSubject: Seminar: Sparse graphs\n\n" + ANNOUNCEMENT,
    "outlook block": "From: Events <e@x.org>\nSent: Monday, March 31, 2025 9:00 AM\nTo: list@x.org\n"
                     "Subject: Seminar: Sparse graphs\n\n" + ANNOUNCEMENT,
    "apple": "Begin forwarded message:\n\nFrom: Events <e@x.org>\nSubject: Seminar: Sparse graphs\n"
             "Date: March 31, 2025 at 9:00:00 AM GMT+1\nTo: list@x.org\n\n" + ANNOUNCEMENT,
    "thunderbird": "-------- Forwarded Message --------\nSubject: \tSeminar: Sparse graphs\n"
                   "Date: \tMon, 31 Mar 2025 09:00:00 +0100\nFrom: \tEvents <e@x.org>\n\n" + ANNOUNCEMENT,
    "原始邮件": "-----原始邮件-----\n发件人: \"Events\" <e@x.org>\n发送时间: 2025年3月31日(星期一) 上午9:00\n"
            "收件人: list@x.org\n主题: Seminar: Sparse graphs\n\n" + ANNOUNCEMENT,
    "转发的邮件": "-------- 转发的邮件 --------\n发件人：Events <e@x.org>\n日期：2025年3月31日 09:00\n"
             "主题：Seminar: Sparse graphs\n\n" + ANNOUNCEMENT,
    "gmail reply": "On Mon, Mar 31, 2025 at 9:00 AM Events <e@x.org> wrote:\n" + _quoted(ANNOUNCEMENT),
    "wrapped reply intro": "On Mon, Mar 31, 2025 at 9:00 AM Events Office <\ne@x.org> wrote:\n\n"
                           + _quoted(ANNOUNCEMENT),
    "chinese reply": "在 2025年3月31日 09:00，Events <e@x.org> 写道：\n" + _quoted(ANNOUNCEMENT),
}
NOTE = "Hi all, see below. Our own group meets on Friday, April 4 at 10am in Room 2.14.\n\nSam\n\n"


@pytest.mark.parametrize("form", FORMS)
def test_the_announcement_is_the_forwarded_or_quoted_part(form: str) -> None:
    thread = message.read(NOTE + FORMS[form], {"subject": "Fwd: something", "date": "Tue, 1 Apr 2025 08:00:00 +0000"},
                          mail=False)
    assert len(thread.parts) == 2
    assert thread.parts[0].body.startswith("Hi all")
    assert thread.announcement == 1
    assert thread.text.strip().endswith("Host: Prof. Ben Ortiz")
    assert "Speaker: Dr. Ada Quinn" in thread.text and "Room 2.14" not in thread.text
    assert thread.headers["date"].startswith("Mon, 31 Mar 2025")  # the forwarded message's own Date
    if "reply" not in form:
        assert thread.headers["subject"] == "Seminar: Sparse graphs"
    assert thread.changes == ()  # the note's own meeting is not a change to the talk


@pytest.mark.parametrize("form", FORMS)
def test_pasted_forward_parses_as_the_announcement(form: str) -> None:
    record = parse_bytes((NOTE + FORMS[form]).encode(), "paste.txt", Options())
    assert record.start == "2025-04-08T14:00" and record.end == "2025-04-08T15:00"
    assert record.location.venue == "Roger Stevens Building, Room 10"
    assert [s.name for s in record.speakers] == ["Ada Quinn"]
    assert record.host == "Ben Ortiz"


def test_nested_forward_keeps_the_innermost_announcement() -> None:
    text = "FYI\n\n" + FORMS["gmail"].replace(ANNOUNCEMENT, "see below\n\n" + FORMS["outlook rule"])
    thread = message.read(text)
    assert [p.kind for p in thread.parts] == ["own", "forwarded", "forwarded"]
    assert thread.announcement == 2


def test_a_markdown_block_quote_in_plain_text_is_not_a_reply() -> None:
    text = "Title: Talk\n\n> A quotation that opens the abstract.\n> It goes on.\n> And on.\n"
    assert len(message.read(text, mail=False).parts) == 1
    assert len(message.read(text, mail=True).parts) == 2


def test_a_reply_whose_own_text_is_the_announcement_keeps_it() -> None:
    text = ANNOUNCEMENT + "\n\nOn Mon, Mar 31, 2025 at 9:00 AM X <x@y.org> wrote:\n> Could you send the details?\n"
    thread = message.read(text)
    assert thread.announcement == 0 and "Could you" not in thread.text


# ------------------------------------------------------------------------------ signatures and footers

def test_signature_sign_off_and_list_footer_are_cut() -> None:
    body = ("Title: Talk\nDate: May 3\n\nThanks,\nPriya\n\nPriya Raman\nAdministrative Assistant\nPhone 555-0100\n"
            "_______________________________________________\nml mailing list\nhttps://lists.x.org/listinfo/ml\n")
    assert message.strip_signature(body) == "Title: Talk\nDate: May 3"
    assert message.strip_signature("Title: Talk\n-- \nJane Roe\nDept. of X") == "Title: Talk"


def test_a_dash_dash_line_followed_by_the_announcement_is_not_a_signature() -> None:
    body = "Note\n--\n" + ANNOUNCEMENT
    assert "Speaker: Dr. Ada Quinn" in message.strip_signature(body)


# ------------------------------------------------------------------------------ changes from the newer text

@pytest.mark.parametrize(("note", "kind", "value"), [
    ("Room change: because of a leak in Hall 2, the talk is now in Bryant Hall 104 (ground floor).", "venue",
     "Bryant Hall 104"),
    ("The seminar has been moved to Lecture Theatre B, Kirkby Building because of works.", "venue",
     "Lecture Theatre B, Kirkby Building"),
    ("Please note the new time: it has been moved to 2:00-3:00 pm.", "time", None),
    ("Unfortunately the colloquium is cancelled.", "cancelled", None),
    ("Because of the snow the seminar has moved to Zoom: https://x.zoom.us/j/123", "online", None),
    ("The seminar will now also be streamed on MS Teams.", "hybrid", None),
    ("讲座地点改为：地学楼305报告厅。", "venue", "地学楼305报告厅"),
    ("Room change: Bryant Hall 104.", "venue", "Bryant Hall 104"),
    ("Please note the venue change: the talk will be held in the Auditorium, Building 7.", "venue",
     "Auditorium, Building 7"),
    ("The talk has been postponed to Friday, May 23 at 2pm.", "time", None),
])
def test_changes_in_a_note(note: str, kind: str, value: str | None) -> None:
    found = message.changes_in(note)
    assert [(c.kind, c.value) for c in found][:1] == [(kind, value)]


@pytest.mark.parametrize("note", [
    "Same time, 4:00-5:00pm. The livestream link is unchanged.",
    "Our reading group meets on Friday at 1pm (Zoom as usual), not on Thursday.",
    "FYI - I'd like us to discuss it at group meeting on May 30 (10 am, E2-2350).",
    "This talk is in Room 5.",
    "It will be held in Room 5, as usual.",
    "See you there!",
])
def test_a_note_that_changes_nothing(note: str) -> None:
    assert message.changes_in(note) == []


def test_reply_with_room_change_applies_it_with_a_warning() -> None:
    text = ("Room change: the talk is now in Bryant Hall 104. Same time.\n\n"
            "On Mon, Mar 31, 2025 at 9:00 AM Events <e@x.org> wrote:\n" + _quoted(ANNOUNCEMENT))
    record = parse_bytes(text.encode(), "reply.txt", Options())
    assert record.location.venue == "Bryant Hall 104"
    assert any(w.startswith("room change: Roger Stevens Building, Room 10 → Bryant Hall 104") for w in record.warnings)
    assert record.start == "2025-04-08T14:00"


def test_sender_is_host_only_when_the_text_says_so() -> None:
    mail = (b"From: \"Roe, Jane\" <j@x.org>\nSubject: Talk\nDate: Mon, 31 Mar 2025 09:00:00 +0000\n\n"
            b"I am delighted to be hosting Dr. Ada Quinn next week.\n\nTitle: Sparse Graphs\n"
            b"Date: Tuesday, 8 April 2025\nTime: 14:00 - 15:00\n")
    assert parse_bytes(mail, "m.eml", Options()).host == "Jane Roe"
    welcome = mail.replace(b"I am delighted to be hosting", b"Please welcome")
    assert parse_bytes(welcome, "m.eml", Options()).host is None


def test_digest_counts_its_talks_and_keeps_them() -> None:
    rule = "=" * 40
    text = (f"This week\nAll talks in Room 5 unless noted.\n\n{rule}\nMonday, 3pm\nTitle: A\n\n{rule}\n"
            f"Tuesday, 4pm\nTitle: B\n\n{rule}\nDeadline: Friday, May 9.\n")
    thread = message.read(text)
    assert thread.talks == 2 and len(thread.items) == 2
    assert thread.text.startswith("Monday, 3pm\nTitle: A") and "Room 5" in thread.text and "Title: B" not in thread.text


@pytest.mark.parametrize(("raw", "expected"), [
    ("Mon, Feb 10, 2025 at 11:02 AM", "Mon, 10 Feb 2025 11:02:00 -0000"),
    ("Thursday, May 2, 2024 2:14 PM", "Thu, 02 May 2024 14:14:00 -0000"),
    ("February 24, 2025 at 9:02:17 AM CST", "Mon, 24 Feb 2025 09:02:00 -0000"),
    ("2024年11月4日(星期一) 下午3:30", "Mon, 04 Nov 2024 15:30:00 -0000"),
    ("Am 05.03.2024 um 09:00 schrieb X:", "Tue, 05 Mar 2024 09:00:00 -0000"),
    ("no date here", None),
])
def test_forwarded_dates_become_rfc2822(raw: str, expected: str | None) -> None:
    assert message.normalise_date(raw) == expected


# ------------------------------------------------------------------------------ MIME

def _mail(body: bytes, charset: str | None, subject: str = "Talk") -> bytes:
    content_type = f"Content-Type: text/plain; charset={charset}\n" if charset else ""
    return (f"From: a@b.org\nTo: c@d.org\nSubject: {subject}\nDate: Mon, 31 Mar 2025 09:00:00 +0000\n"
            f"MIME-Version: 1.0\n{content_type}Content-Transfer-Encoding: 8bit\n\n").encode() + body


def test_declared_us_ascii_holding_cp1252_is_repaired_and_said() -> None:
    mail = read_mail(_mail("“Zürich” – Hörsaal 3".encode("cp1252"), "us-ascii"))
    assert mail.body == "“Zürich” – Hörsaal 3"
    assert mail.repairs == ("charset-mismatch: declared us-ascii, decoded cp1252",)


def test_rfc2047_subject_with_a_wrong_charset_falls_back() -> None:
    word = base64.b64encode("演講公告".encode("big5")).decode()
    mail = read_mail(_mail(b"x", None, subject=f"=?gb2312?B?{word}?="))
    assert mail.headers["subject"] == "演講公告"


def test_raw_latin1_subject_header() -> None:
    assert read_mail(_mail(b"x", None, subject="Caf\xe9".encode("latin-1").decode("latin-1")).replace(
        "Café".encode(), "Café".encode("latin-1"))).headers["subject"] == "Café"


def test_broken_multipart_falls_back_to_the_raw_text() -> None:
    data = (b"From: a@b.org\nSubject: Talk\nDate: Mon, 31 Mar 2025 09:00:00 +0000\nMIME-Version: 1.0\n"
            b"Content-Type: multipart/mixed\n\n--xyz\nContent-Type: text/plain\n\nSpeaker: Jane Roe\n--xyz\n\nRoom 5\n")
    mail = read_mail(data)
    assert "Speaker: Jane Roe" in mail.body and "Room 5" in mail.body
    assert "email.message" not in mail.body and "--xyz" not in mail.body


def test_unterminated_boundary_and_headerless_part() -> None:
    data = (b"From: a@b.org\nSubject: Talk\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"q\"\n\n"
            b"--q\n\nSpeaker: Jane Roe\n\n--q\nContent-Type: text/plain; charset=utf-8\n\nRoom 5\n")
    mail = read_mail(data)
    assert "Speaker: Jane Roe" in mail.body and "Room 5" in mail.body and "<email" not in mail.body


def test_calendar_part_is_read() -> None:
    calendar = read_calendar("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;TZID=America/New_York:20240319T150000\r\n"
                             "DTEND;TZID=America/New_York:20240319T160000\r\nSUMMARY:Seminar: Graphs\r\n"
                             "LOCATION:Hill Center\\, Room 552\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    assert calendar is not None
    assert (calendar.start, calendar.tzid, calendar.location) == ("20240319T150000", "America/New_York",
                                                                   "Hill Center, Room 552")


def test_calendar_invitation_wins_for_time_zone_and_place() -> None:
    ics = ("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;TZID=America/New_York:20240319T150000\r\n"
           "DTEND;TZID=America/New_York:20240319T160000\r\nLOCATION:Hill Center 552\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    data = (b"From: a@b.org\nSubject: Seminar\nMIME-Version: 1.0\n"
            b"Content-Type: multipart/alternative; boundary=\"z\"\n\n--z\nContent-Type: text/plain\n\n"
            b"Speaker: Jane Roe\nDate: March 20, 2024, 9am\nRoom 1\n--z\n"
            b"Content-Type: text/calendar; method=REQUEST\n\n" + ics.encode() + b"--z--\n")
    record = parse_bytes(data, "invite.eml", Options())
    assert (record.start, record.end, record.timezone) == ("2024-03-19T15:00-04:00", "2024-03-19T16:00-04:00",
                                                           "America/New_York")
    assert record.location.venue == "Hill Center 552"


# ------------------------------------------------------------------------------ property: characters intact

_LATIN_LETTERS = "éèêëáàâäíïîóòôöúùûüçñÉÀÖÜßøåæ"
_CP1252_MARKS = "“”‘’–—€…"
_GB_LEVEL1 = [bytes([lead, trail]).decode("gb2312") for lead in range(0xB0, 0xD8) for trail in range(0xA1, 0xFF)
              if (lead, trail) != (0xD7, 0xFA) and not (lead == 0xD7 and trail > 0xF9)]
_BIG5_LEVEL1 = [bytes([lead, trail]).decode("big5") for lead in range(0xA4, 0xC6)
                for trail in [*range(0x40, 0x7F), *range(0xA1, 0xFF)]]


def _encodes(text: str, codec: str) -> bool:
    try:
        text.encode(codec)
    except UnicodeEncodeError:
        return False
    return True


def _latin_word(letters: str) -> st.SearchStrategy[str]:
    """An ASCII word with at most one accented letter in it, the way Western text has them."""
    plain = st.text("abcdefghijklmnoprstuvwyz", min_size=1, max_size=8)
    return st.one_of(plain, st.tuples(plain, st.sampled_from(letters), plain).map("".join))


def _latin_text(letters: str, marks: str) -> st.SearchStrategy[str]:
    token = st.one_of(_latin_word(letters), st.sampled_from(marks)) if marks else _latin_word(letters)
    return st.lists(token, min_size=3, max_size=30).map(" ".join).filter(lambda t: not t.isascii())


def _cjk_text(chars: list[str], codec: str) -> st.SearchStrategy[str]:
    """Runs of Chinese characters, about half of them from the hundred most frequent (as in real text:
    uniformly random characters of GB2312's first level read just as well as Big5)."""
    frequent = [ch for ch in FREQUENCIES["Chinese"] if _encodes(ch, codec)]
    char = st.one_of(st.sampled_from(frequent), st.sampled_from(chars))
    run = st.lists(char, min_size=8, max_size=30).map("".join)
    glue = st.sampled_from(["，", "。", "：", " ", "\n", " Room 5 ", "（2024）"])
    return st.lists(st.tuples(run, glue).map("".join), min_size=1, max_size=5).map("".join)


CASES = {
    "latin-1": (_latin_text(_LATIN_LETTERS, ""), "latin-1", ["", "us-ascii", "utf-8", "gb2312", "big5"]),
    "cp1252": (_latin_text(_LATIN_LETTERS, _CP1252_MARKS), "cp1252", ["", "us-ascii", "utf-8", "gb2312", "big5"]),
    "gbk": (_cjk_text(_GB_LEVEL1, "gbk"), "gbk", ["", "us-ascii", "utf-8", "big5", "iso-8859-1"]),
    "big5": (_cjk_text(_BIG5_LEVEL1, "big5"), "big5", ["", "us-ascii", "utf-8", "gb2312", "iso-8859-1"]),
}


@pytest.mark.parametrize("case", CASES)
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_misdeclared_charsets_come_back_intact(case: str, data: st.DataObject) -> None:
    strategy, codec, declarations = CASES[case]
    text = data.draw(strategy, label="text")
    declared = data.draw(st.sampled_from(declarations), label="declared")
    # Bytes the declared charset reads about as plausibly as the true one ("的啊" in GBK is "腔陛" in Big5,
    # common characters both) are kept as declared, by design (mail._DECLARED_BONUS): the property is for the
    # misdeclarations the text itself shows.
    misread = mail_module._strict(text.encode(codec), mail_module._codec(declared)) if declared else None
    assume(misread is None or misread == text
           or mail_module._badness(misread) - mail_module._DECLARED_BONUS > mail_module._badness(text))
    mail = read_mail(_mail(text.encode(codec), declared or None))
    assert mail.body == text
    assert "\ufffd" not in mail.body


def _reminder(note: str, time: str = "16:30 - 17:30") -> bytes:
    return (f"Date: Wed, 23 Oct 2024 08:30:00 +0200\nFrom: Seminars <s@x.org>\nSubject: REMINDER: today\n\n{note}\n\n"
            f"---- Original announcement ----\n\nSpeaker: Dr. Ada Quinn, University of Leeds\nTitle: Sparse Graphs\n"
            f"Date: Wednesday, 23 October 2024\nTime: {time}\nLocation: Room 5\n").encode()


def test_a_reminder_that_agrees_changes_nothing() -> None:
    record = parse_bytes(_reminder("REMINDER: today at 4pm in Room 5.", "16:00 - 17:00"), "r.eml", Options())
    assert (record.start, record.end, record.warnings) == ("2024-10-23T16:00", "2024-10-23T17:00", ())


def test_a_reminder_with_another_time_wins_with_a_warning() -> None:
    record = parse_bytes(_reminder("REMINDER: today at 4pm in Room 5."), "r.eml", Options())
    assert (record.start, record.end) == ("2024-10-23T16:00", "2024-10-23T17:00")
    assert record.warnings[0].startswith("the reminder gives another time: 2024-10-23T16:30 → 2024-10-23T16:00")


def test_a_reminder_about_another_meeting_is_not_a_change() -> None:
    record = parse_bytes(_reminder("Reminder that our own group meets on Friday at 1pm, not Thursday."), "r.eml",
                         Options())
    assert (record.start, record.warnings) == ("2024-10-23T16:30", ())


def test_a_closing_line_with_a_comma_then_a_name_is_a_sign_off() -> None:
    body = "Title: Talk\nDate: May 3\n\nHave a great week,\nChloé Bergeron\nDepartment Administrator\n"
    assert message.strip_signature(body) == "Title: Talk\nDate: May 3"
    kept = "Title: Talk\n\nAbstract:\nWe study graphs,\nTrees and forests in particular.\n"
    assert message.strip_signature(kept) == kept.rstrip()


def test_outlook_reply_header_block_after_a_rule() -> None:
    text = ("Room change: the talk is now in Bryant Hall 104.\n\n________________________________\n"
            "From: Events <e@x.org>\nSent: Monday, March 31, 2025 9:00 AM\nTo: list@x.org\n"
            "Subject: Seminar: Sparse graphs\n\n" + ANNOUNCEMENT)
    thread = message.read(text)
    assert thread.announcement == 1 and thread.headers["subject"] == "Seminar: Sparse graphs"
    assert [c.kind for c in thread.changes] == ["venue"]


def test_mbox_messages_get_the_message_model() -> None:
    from seminar_parse.pipeline import parse_bytes_all

    one = ("From events@x.org Mon Mar 31 09:00:00 2025\nFrom: A <a@x.org>\nSubject: Fwd: Seminar\n"
           "Date: Tue, 1 Apr 2025 08:00:00 +0000\n\n" + NOTE + FORMS["gmail"] + "\n")
    two = one.replace("Ada Quinn", "Bea Stone")
    records = parse_bytes_all((one + two).encode(), "list.mbox", Options())
    assert [r.speakers[0].name for r in records] == ["Ada Quinn", "Bea Stone"]
    assert all(r.location.venue == "Roger Stevens Building, Room 10" for r in records)


@pytest.mark.parametrize("case", CASES)
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_misdeclared_rfc2047_headers_come_back_intact(case: str, data: st.DataObject) -> None:
    strategy, codec, declarations = CASES[case]
    text = " ".join(data.draw(strategy, label="text").split())[:60].strip()
    declared = data.draw(st.sampled_from(declarations), label="declared")
    raw = text.encode(codec)
    # an encoded word in the declared charset, or raw 8-bit bytes in the header when none is declared
    subject = f"=?{declared}?B?{base64.b64encode(raw).decode()}?=".encode() if declared else raw
    mail = read_mail(b"From: a@b.org\nTo: c@d.org\nSubject: " + subject + b"\nDate: Mon, 31 Mar 2025 09:00\n\nx\n")
    assert mail.headers["subject"] == text


def test_postponed_to_another_date() -> None:
    text = ("The talk has been postponed to Friday, April 11 at 2pm.\n\n"
            "On Mon, Mar 31, 2025 at 9:00 AM Events <e@x.org> wrote:\n" + _quoted(ANNOUNCEMENT))
    record = parse_bytes(text.encode(), "reply.txt", Options())
    assert record.start == "2025-04-11T14:00"
    assert any(w.startswith("new time: 2025-04-08T14:00 → 2025-04-11T14:00") for w in record.warnings)


@pytest.mark.parametrize(("tail", "cut"), [
    ("Daniel Okafor, PhD, P.Eng.\nResearch Associate, Hydraulics Laboratory\n519-888-4567 x31290", True),
    ("Priya Raman\nAdministrative Assistant\npriya@example.edu", True),
    ("Contact:\nJane Roe\njane@x.org", False),  # a labelled contact is the announcement's
    ("Jane Roe\nUniversity of Leeds", False),  # no phone or address: maybe the speaker
])
def test_a_closing_contact_block_without_sign_off(tail: str, cut: bool) -> None:
    body = "Title: T\nDate: May 3\nRoom 5\n\n" + tail
    assert (message.strip_signature(body) == "Title: T\nDate: May 3\nRoom 5") is cut


def test_a_quoted_message_opening_with_its_headers_keeps_them_as_headers() -> None:
    text = ("Room change: now in Bryant Hall 104.\n\n> From: Events <e@x.org>\n> Sent: Monday, March 31, 2025 9:00 AM\n"
            "> To: list@x.org\n> Subject: Seminar: Sparse graphs\n>\n" + _quoted(ANNOUNCEMENT))
    thread = message.read(text)
    assert thread.announcement == 1 and thread.headers["subject"] == "Seminar: Sparse graphs"
    assert thread.text.startswith("Speaker: Dr. Ada Quinn")


def test_a_sign_off_that_names_the_host_is_kept() -> None:
    """'Best, / Mateo (seminar organiser)' holds the host: the signature is not cut, and the host is read."""
    body = ("Dear all,\n\nThis week's seminar is given by Dr Lucía Ferreyra (University of Bristol).\n"
            "Room 2.14, Thursday 3 April 2025, 4pm.\n\nBest,\nMateo (seminar organiser)")
    assert "Mateo (seminar organiser)" in message.strip_signature(body)
    assert message.strip_signature(body.replace(" (seminar organiser)", "")).rstrip().endswith("4pm.")


@pytest.mark.parametrize("note, kept", [
    ("Žofie Hrubá\n(for the Algebra Seminar organisers)", True),
    ("Žofie Hrubá\n(on behalf of the organising committee)", True),
    ("Žofie Hrubá (the local host)", True),
    ("Žofie Hrubá\n(Charles University)", False),  # an affiliation, not a role: a signature like any other
])
def test_an_organiser_note_under_the_signed_name_keeps_the_sign_off(note: str, kept: bool) -> None:
    """The note may sit under the name and name the series; the host is then read from the name above it."""
    body = ("Dear all,\n\nThe next talk is given by Dr Lucía Ferreyra (University of Bristol).\n"
            f"Room 2.14, Thursday 3 April 2025, 4pm.\n\nBest wishes,\n{note}")
    assert ("Žofie Hrubá" in message.strip_signature(body)) is kept
    record = parse_bytes(f"From: Office <o@x.org>\nSubject: Seminar\n\n{body}\n".encode(), None)
    assert record.host == ("Žofie Hrubá" if kept else None)
