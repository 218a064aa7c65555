"""The one weight table the resolver scores candidates with (see candidates.py).

A candidate's score is the sum of the weights of its rule (``rule:NAME``) and of its features.
Weights were set by hand from classes of layout (not files), then checked on the annotated corpora:
read it as "how much should this cue move my belief that this is the value". Positive cues are what a
reader looks for (a label, a quoted heading, agreement with the email subject); negative ones say the
line belongs elsewhere (navigation, a list of other events, a footer, a sentence of prose).
"""

from __future__ import annotations

# Blocks that are not this talk: every field's candidate there loses against one from the body.
_OTHER_BLOCKS = {"block:navigation": -10.0, "block:related": -10.0, "block:footer": -10.0,
                 "block:signature": -10.0, "block:byline": -10.0}

WEIGHTS: dict[str, dict[str, float]] = {
    "title": {
        "rule:label": 10.0,  # Title: / 题目： / 【报告题目】
        "rule:subject": 7.0,  # the email Subject, list tags, dates and names removed
        "rule:prose_quote": 6.0,  # 'will speak on "..."', 'entitled "..."', 题为“…”
        "rule:prose_stated": 6.0,  # "The title of her lecture is …", quoted or not, in prose too
        "rule:name_dash": 3.5,  # "Kofi Mensah (Ashesi) — Gradual Typing"
        "rule:crumb": 2.5,  # the breadcrumb's last item names the page
        "rule:heading": 1.0,  # a line near the top, judged by the features below
        "label_subject": -1.0,  # a Subject:/Topic: label inside the text
        "subject_dated": -1.0,  # a Subject: label holding a date or time: a pasted mail's subject, not its Topic:
        "update_notice": -4.0,  # the subject announces a change ("RESCHEDULED: …"), the title is in the text
        "subject_trimmed": -1.5,  # parts of the subject were cut away: it may be shortened
        "quoted": 2.0,
        "series_prefix": 2.0,  # "IC Colloquium: Opening the Black Box"
        "words_3_25": 1.0,
        "markup_heading": 1.5,  # "# ..." in markdown
        "after_kind_heading": 1.5,  # under "PANEL DISCUSSION", "NEXT TALK"
        "matches_subject": 5.0,  # the line says what the subject says (often in full, where the subject is cut)
        "matches_crumb": 5.0,
        "all_caps": -1.5,
        "ends_with_period": -1.5,
        "long_sentence": -2.0,
        "ends_with_colon": -1.5,  # an intro line ("Details of next week's talk:"): what follows is the talk
        "after_series_heading": 1.0,  # the line under a heading that names the series
        "above_crumb": -1.5,  # above the breadcrumb: the site's masthead, not the page's heading
        "series_words": -1.0,  # a long line that still names a seminar, a lecture, a series
        "trademark": -4.0,  # "Driven to Discover®": a brand's slogan in the masthead
        "org_name": -4.0,  # "Center for Technology, Law & Policy", "Indian Institute of Science, Bengaluru"
        "first_line": -0.5,  # the first line of a page is as often the site or department as the talk
        **_OTHER_BLOCKS,
    },
    "series": {
        "rule:label": 10.0,  # Series: ...
        "rule:title_prefix": 6.0,  # "IC Colloquium: Opening the Black Box" as the page's heading
        "rule:zh_quoted_series": 6.0,  # 关于“催化材料前沿”系列报告第9讲 (the quoted name before 系列)
        "rule:prose": 5.0,  # "next week's Applied Microeconomics Seminar", "part of the X series"
        "rule:subject": 4.5,  # "Mathematisches Kolloquium, 14.11.2024", "CIV Seminar: ..." (often abbreviated)
        "rule:category": 4.0,  # Category: Mechanical Engineering Colloquium
        "rule:crumb": 3.5,  # "... > Cambridge Neuroscience Seminars > <talk>"
        "rule:heading": 5.0,  # a short heading with a series word, alone on its line
        "rule:organiser_signature": 3.0,  # signed "NLP Reading Group organiser"
        "generic": -4.0,  # "Research Seminars", "Seminars & Events": what the page lists, not a named series
        "has_dash_person": 1.0,  # "Applied Economics Seminar – Juliana Rocha (Insper)"
        "headline": -2.0,  # "Museum curator to deliver 2024 Hadley Lecture": a news headline, not the series' name
        **_OTHER_BLOCKS,
    },
    "speaker_line": {  # a person's name on a line of its own, in the logistics part (no label)
        "rule:name_line": 1.0,
        "after_by": 3.0,  # under "By" / "Speaker" / "主讲人"
        "honorific": 1.0,  # "Prof.", "Dr"
        "opens_bio": 3.0,  # the bio begins with this person
        "affiliation": 1.5,  # an organisation or a position follows
        "email_below": 1.5,
        "named_elsewhere": 1.5,  # the surname comes back elsewhere (the subject, the abstract)
        "after_quoted": 1.5,  # the line under a quoted title
        "series_prefix": 1.0,  # "Statistics Seminar Series: Name (University)": a heading naming the speaker
        "schedule_item": 1.5,  # 'Name "Title"', "Name - 3:30 pm, Room 5"
        "long_line": -1.0,
        **_OTHER_BLOCKS,
    },
    "online_url": {  # every link is a candidate for the meeting link
        "rule:url": 0.0,
        "rule:hidden_link": 0.0,  # behind "Click here to join"
        "known_platform": 3.0,  # zoom.us, teams.microsoft.com, bbcollab.com, eeo.cn ...
        "platform_named_nearby": 1.0,  # "Join via Blackboard Collaborate:" above a link of its own domain
        "join_cue": 1.5,
        "recording": -10.0,  # 回放, "recording", cloud-record: the replay, not the meeting
        "registration": -2.0,  # a sign-up form; the meeting link is sent later
        "in_prose": -0.5,
        **_OTHER_BLOCKS,
    },
    "venue": {
        # Three tiers, each asked only when the one before finds nothing: a label; an English phrase of the
        # grammar (place.VENUE_RE) read from the text, judged by the features below; a Chinese phrase.
        "rule:label": 10.0,  # Location: / Venue: / Room: / 地点：
        "rule:when_where_label": 9.0,  # "When & Where: Thursday 3 pm, Wean 5409" less its date and time
        "rule:zh_prose": 1.0,  # "将于6月5日下午3点在数学楼110教室举行" (its own tier: any weight above 0 does)
        "rule:phrase": 0.0,  # "Wean Hall 5409", "Room 2224 of EDRC", "7500 Wean Hall", "in 8220"
        # an item of its own (one of the three): alone on its line, an item of "date, time, place", or right
        # before the date or time ("Scaife Hall Auditorium, 4:30.")
        "alone_on_line": 2.0,
        "list_item": 2.0,
        "before_date_time": 2.0,
        "runs_into_words": -3.0,  # an item that runs on: "University Teaching Center Support for Graduate Students"
        "heading_like": -3.0,  # an item alone at the top of a block, no room number, no date under it
        # where the sentence puts it (one of the two): "in Room 5", "Location: ...", or opening a clause
        # ("WeH 8220 at the new meeting time")
        "after_in_or_at": 2.0,
        "opens_clause": 2.0,
        "side_event_before": -4.0,  # "a reception follows in Hamerschlag Hall", "coffee at 3 in the lounge"
        "has_room_number": 0.5,  # a room number says more than a building
        "in_prose_far_from_date": -2.0,  # in the abstract or the bio, with no date on its line or the next
    },
    "host": {
        "rule:label": 10.0,  # Host: / Faculty host: / 邀请人：/ 主持人：
        "rule:chair_label": 9.0,  # Chair: / Moderator:
        "rule:prose_hosted": 7.0,  # "hosted by", "organised by", "chaired by the Dean, Professor X"
        "rule:contact_prose": 5.0,  # "please contact Dr X", "For questions, write to X"
        "rule:role_note": 5.0,  # "Tomás (seminar organiser)", "X, who chairs the lecture committee"
        "rule:organiser_signature": 5.0,  # signed by "…, organiser" / "Topology Seminar organiser"
        "rule:sender_hosting": 6.0,  # "I am delighted to be hosting": the sender (From:, signature)
        "rule:advisor": 3.0,  # a defense's advisor, when nobody else is named as host
        "rule:contact_label": 4.0,  # Contact: / Enquiries: / 联系人：
        "is_speaker": -20.0,  # the host is not also a speaker
        "not_a_person": -20.0,
        **{k: v for k, v in _OTHER_BLOCKS.items() if k != "block:signature"},  # the signature may name the host
    },
}
