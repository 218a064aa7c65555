"""What: the talk's title, its series and the kind of event.

The title comes from a ``Title:``/``题目：`` label, an email subject without its list and reminder
prefixes, a quoted title in prose, or the layout (the heading line that is neither the series, a
speaker, a date nor a place). A ``Series: Title`` heading is split in two.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from seminar_parse import patcache
from seminar_parse.candidates import Candidate, Choice, candidate, choose
from seminar_parse.fastre import anything, gated, needles
from seminar_parse.fields.place import VENUE_RE
from seminar_parse.fields.when import MONTH_NAME, WEEKDAY_NAME
from seminar_parse.layout import Layout
from seminar_parse.layout import build as build_layout
from seminar_parse.patterns import CJK_CHAR
from seminar_parse.record import Evidence
from seminar_parse.sections import ANY_LABEL, Document, Line, label_key, lines_that_may
from seminar_parse.vocab import (
    EVENT_WORDS,
    FEATURED_HEADING,
    GENERIC_SERIES,
    HEADLINE_VERB,
    NAVIGATION_HEADING,
    ORG_LINE,
    ROLE_LINE,
    SERIES_IN_PROSE,
    SIGNATURE_ORGANISER,
    TRADITIONAL_TO_SIMPLIFIED,
    UPDATE_NOTE,
    ZH_ISSUE_NUMBER,
    ZH_SERIES_NOUNS,
)

_QUOTES = "\"'“”‘’«»《》「」『』"
_SUBJECT_PREFIX = patcache.compile(
    r"^(?:\s*(?:\[[^\]]{1,60}\]|re|fwd?|fw|aw|wg|reminder|announcement|today|tomorrow|this week|"
    r"seminar|colloquium|talk|lecture|webinar|invitation|new date|rescheduled|cancelled|canceled|"
    r"updated?|repost|reposted)\s*[:：\-–]\s*|\s*\[[^\]]{1,60}\]\s*)+",
    re.IGNORECASE,
)
_SERIES_WORDS = patcache.compile(
    r"(?i:\b(?:seminar|colloquium|colloquia|kolloquium|séminaire|lecture|series|workshop|forum|symposium|webinar|"
    r"talks?\b|reading group|journal club|grand rounds)|讲座|论坛|报告会|讲坛|讲堂|研讨会|沙龙|系列|课堂|工作坊|"
    r"講座|論壇|報告會|講壇|講堂|研討會|沙龍|課堂)"
)
# Dates and times in an email subject: "next Wednesday", "Fri 1/24", "14.11.2024", "March 5", "4pm".
SUBJECT_DATE = gated(
    rf"(?i:\b(?:next|this|last)\s+(?:week|{WEEKDAY_NAME})\b|\b(?:today|tonight|tomorrow)\b|"
    rf"\b{WEEKDAY_NAME}\b\.?,?|\b{MONTH_NAME}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?\b|"
    rf"\b\d{{1,2}}\s+{MONTH_NAME}\b\.?(?:\s+\d{{4}})?|\b\d{{1,2}}[/.]\d{{1,2}}(?:[/.]\d{{2,4}})?\b|\b\d{{4}}-\d\d-\d\d\b|"
    rf"(?:(?:@|\bat)\s?)?\b\d{{1,2}}(?::\d\d)?\s?(?:am|pm|a\.m\.|p\.m\.))"
)
# A Chinese headline packing series, issue and title: "【格致学术论坛】第58期：面向…", "明德讲坛第3讲 | 面向…",
# "“数学与交叉”系列讲座 第十二讲：最优传输…". The series is a bracketed or short name; the issue number optional.
_ZH_HEADLINE = patcache.compile(
    r"^(?P<series>【[^【】\n]{2,30}】|「[^「」\n]{2,30}」|“[^“”\n]{2,30}”|[^\s:：|｜【】“”「」]{2,30}?)?\s{0,2}"
    r"(?P<issue>第[\d一二三四五六七八九十百零〇]{1,5}[期讲講场場次回])?\s{0,2}(?:[:：]|\s[|｜/]\s|｜)\s{0,2}"
    r"(?P<title>[^\s:：|｜].{3,150})$"
)
# "学术讲座", "线上报告", "讲座预告": a Chinese heading prefix that says what kind of event it is, not which series.
_ZH_KIND_ONLY = patcache.compile(
    r"^(?:学术|线上|线下|专题|特邀|公开|系列)?(?:讲座|报告|报告会|研讨会|沙龙|论坛|讲坛|演讲|"
    r"工作坊|研讨班|讨论班)(?:通知|预告|信息|公告)?$")
# "【线上报告】", "[讲座预告]": a bracketed kind before a heading.
_ZH_BRACKET_KIND = patcache.compile(r"^[【\[［](?:学术|线上|线下|专题|特邀|公开)?(?:讲座|报告|报告会|沙龙|论坛|活动)"
                                    r"(?:通知|预告|信息|公告)?[】\]］]")
# "“催化材料前沿”系列报告", "「量子科技」系列講座": the quoted name of a series.
_ZH_QUOTED_SERIES = patcache.compile(r"[“「『\"](?P<name>[^“”「」『』\"\n]{2,30})[”」』\"]\s{0,2}系列")
# 'Physics Colloquium Thu: Okafor, "Listening to Neutron Stars"': a quoted title of three words or more.
_QUOTED_IN_SUBJECT = patcache.compile(r"[\"“](?P<title>[^\"“”\n]{3,200}?\s[^\"“”\n]{1,200}?\s[^\"“”\n]{1,200}?)[\"”]")
# "(Mara leading)", "(led by Tomás)", "(presenter: Ana)": a note on who leads the session, not the title.
_LEADER_NOTE = patcache.compile(  # from a run's first space: linear on long runs of spaces
    r"(?i)(?<!\s)\s*+[(（](?:[\w'’.-]+(?:\s+[\w'’.-]+){0,2}\s+(?:leading|presenting|presents|"
    r"leads|facilitating)|(?:led|presented|facilitated)\s+by\s+[^()]{2,40}|"
    r"(?:presenter|leader|discussant)s?\s*[:：]\s*[^()]{2,40})[)）]")
# " - ", " | ", " — " between the parts of an email subject.
_SUBJECT_PARTS = patcache.compile(r"(?<!\s)\s+[-–—|]\s+|,\s+(?=\d)")
# A heading prefix that only says what kind of event it is, not which series.
_KIND_ONLY = patcache.compile(
    r"(?i)^(?:(?:online|hybrid|virtual|in-person)\s+)?"
    r"(?:(?:phd|ph\.d\.|doctoral|master'?s|ms|thesis|dissertation|final|public|special|invited|guest)\s*)?"
    r"(?:thesis\s+|dissertation\s+)?(?:proposal|defen[cs]e|preliminary|prelim|oral|exam|talk|seminar|"
    r"lecture|colloquium|webinar|workshop|reminder|announcement|event|panel(?:\s+discussion)?|keynote|"
    r"round\s?table(?:\s+discussion)?|fireside\s+chat)s?$"
)
_OPENING_QUOTE = "\"“‘'《"
_ZH_OPENING_QUOTE = "“\"《「"
_PROSE_TITLE = gated(
    r"(?i:speak|talk|lecture|present|discuss|entitled|titled|title)\w*\s+(?:on|about|entitled|titled|:)?\s*"
    rf"[{_OPENING_QUOTE}](?P<title>[^\"“”’'《》\n]{{5,200}})[\"”’'》]"
    rf"|(?:题为|题目为|主题为|以)\s?[{_ZH_OPENING_QUOTE}](?P<zh>[^”\"》」\n]{{2,100}})[”\"》」]"
)
# Every match of _PROSE_TITLE holds its opening quote, and one of _STATED_TITLE its word "title": a block of
# lines with neither holds no prose title.
_PROSE_QUOTE = patcache.compile(f"[{''.join(dict.fromkeys(_OPENING_QUOTE + _ZH_OPENING_QUOTE))}]")
# "The title of her lecture is Proportionality After Brexit: Do Rights Still Travel?", "the title of his talk
# will be “…”": a sentence that states the title, read in prose too (an abstract's own 'we discuss "x"' is not).
_STATED_TITLE = gated(
    r"(?i:\bthe\s+title\s+of\s+(?:his|her|their|the|this|my|our)\s+(?:talk|lecture|seminar|presentation|"
    r"address|keynote|colloquium|paper)\s+(?:is|will\s+be|reads)\s*:?\s*)"
    r"(?:[\"“‘'«](?P<quoted>[^\"“”’«»\n]{5,200}?)[.!?]?[\"”’'»]|"
    r"(?P<plain>[A-Z0-9][^\n]{4,200}?(?:[?!](?=\s|$)|(?=\.(?:\s|$))|$)))"
)
_MAY_STATE_TITLE = needles(_STATED_TITLE) or anything
_MAY_NAME_SERIES = needles(SERIES_IN_PROSE) or anything  # its series nouns ("Seminar", "Colloquium")
# "September", "2025", "March 2025", "Fri 14": a calendar word alone names a page of a listing, not the talk.
_CALENDAR_ONLY = patcache.compile(rf"(?i)^(?:(?:{MONTH_NAME}|{WEEKDAY_NAME})\.?|\d{{1,4}}|[\s,/–-])+$")
# "Driven to Discover®", "Think Bigger™": a brand slogan in the page's masthead, not a title.
_TRADEMARK = ("®", "™", "℠")
_ROOM_LIKE = patcache.compile(r"^[A-Z]{2,6}\s?-?\d{1,4}[A-Z]?$|(?i:\broom\b|\bhall\b\s+\d)")
_INSTITUTION_LINE = patcache.compile(
    r"(?i)^(?:the\s+)?(?:[\w&.'-]+\s+){0,6}(?:university|institute|college|school|department|faculty|"
    r"academy|center|centre|laboratory)(?:\s+(?:of|for)\s+[\w&.' -]{1,80})?$|^(?:department|school|faculty|"
    r"college|institute)\s+of\b|[\u4e00-\u9fff]{2,20}(?:大学|学院|研究院|研究所)$"
)
# "Events / Upcoming", "News > Seminars": navigation, not a title.
_BREADCRUMB_SHAPE = patcache.compile(r"^[\w'’ -]{1,25}(?:\s+[/>»›]\s+[\w'’ -]{1,25}){1,5}$")
# "学术讲座通知", "Seminar announcement": the page says what it is, not which series.
_NOTICE_HEADING = patcache.compile(
    r"(?:通知|预告|公告|信息|快讯)$|(?i:\b(?:announcement|notice|news|calendar|events?)$)")
_HEADING_NOISE = patcache.compile(
    r"(?i)^(?:event details|details|abstract|bio(?:graphy)?|speaker|speakers|title|date|time|location|"
    r"venue|contact|category|calendar|all are welcome!?|everyone is welcome!?|学术活动|学术报告|通知公告|"
    r"新闻动态|讲座信息|活动预告|学术讲座|by|ical|add to calendar|register|registration|share)\W*$"
    r"|^(?i:dear|hi|hello|greetings)\b.{0,40}$"  # "Dear all,", "Hello everyone!": a greeting
)


@dataclass
class What:
    title: str | None = None
    series: str | None = None
    event_type: str | None = None
    evidence: list[Evidence] = field(default_factory=list)
    choices: list[Choice] = field(default_factory=list)


def extract(doc: Document, speaker_names: list[str], taken_lines: frozenset[int] = frozenset()) -> What:
    """``taken_lines``: lines other extractors already read (a speaker's affiliation), never the title.

    Every source gives candidates for the title and the series; one resolver picks each (candidates.py).
    """
    layout = doc.layout or build_layout(doc)
    subject = doc.headers.get("subject")
    series_found: list[Candidate] = []
    width = _wrap_width(doc)
    titles = [*_label_titles(doc, layout, series_found, width),
              *_subject_titles(subject, speaker_names, series_found), *_prose_titles(doc, layout),
              *_crumb_titles(layout, doc)]
    titles += _heading_titles(doc, layout, speaker_names, taken_lines, titles, width)
    title_choice = choose("title", titles, threshold=-3.0)
    result = What(choices=[title_choice])
    if title_choice.winner and title_choice.winner.rule == "heading":  # "IC Colloquium: Opening ..." names the series
        _split_series(doc.text[title_choice.winner.start:title_choice.winner.end].strip(), series_found,
                      title_choice.winner.start)
    if title_choice.winner:
        result.title = title_choice.winner.value
        result.evidence.append(Evidence("title", title_choice.winner.start, title_choice.winner.end,
                                        title_choice.winner.rule, title_choice.winner.score))
    series_found += _series_candidates(doc, layout, subject, result.title, speaker_names)
    series_choice = choose("series", [c for c in series_found if not _same(c.value, result.title)], threshold=0.0)
    result.choices.append(series_choice)
    if series_choice.winner:
        result.series = series_choice.winner.value
        if series_choice.winner.end > series_choice.winner.start:
            result.evidence.append(Evidence("series", series_choice.winner.start, series_choice.winner.end,
                                            series_choice.winner.rule, series_choice.winner.score))
    result.event_type = _event_type(doc, _top_lines(doc), result, subject)
    if result.title and result.series and _fold(result.title) == _fold(result.series):
        result.title = None
    return result


def _same(a: str | None, b: str | None) -> bool:
    return bool(a and b and _fold(a) == _fold(b))


# --------------------------------------------------------------------------- title sources

def _label_titles(doc: Document, layout: Layout, series: list[Candidate], width: int | None) -> list[Candidate]:
    out: list[Candidate] = []
    for item in doc.values("title"):
        if not item.value:
            continue
        value = _with_continuation(doc, item.value_line, item.value)
        if value == item.value and _wrapped_onto_next(doc, item.value_line, width, []):
            value = f"{value} {doc.lines[item.value_line + 1].text.strip()}"
        features = [f"block:{layout.kind(item.line)}"]
        if item.label.casefold() in ("subject", "topic"):
            if item.label.casefold() == "subject" and SUBJECT_DATE.search(value):
                features.append("subject_dated")  # "Subject: Robotics Seminar, Thu 4/17": a mail's subject line
            value = _split_series(_SUBJECT_PREFIX.sub("", value).strip(), series, item.value_start, "subject")
            features.append("label_subject")
        tidy = _tidy(value)
        if tidy:
            out.append(candidate("title", tidy, (item.value_start, item.value_start + len(item.value)), "label",
                                 features))
    return out


def _subject_titles(subject: str | None, speaker_names: list[str], series: list[Candidate]) -> list[Candidate]:
    """The email subject without list tags and prefixes; parts that are only a date, a speaker or a
    series are cut away ("CEE Seminar - Wed May 8 - Dr. Ingrid Saltvik - Scour around offshore monopiles")."""
    if not subject:
        return []
    stripped = _SUBJECT_PREFIX.sub("", subject).strip()
    if not stripped:
        return []
    stripped = _LEADER_NOTE.sub("", stripped).strip()  # "… (Jonas leading)": who leads, not the title
    parts = [p.strip() for p in _SUBJECT_PARTS.split(stripped) if p.strip()]
    kept: list[str] = []
    for part in parts:
        quoted = _QUOTED_IN_SUBJECT.search(part)
        if quoted and len((part[:quoted.start()] + part[quoted.end():]).split()) <= 5:
            kept.append(quoted.group("title"))  # 'Okafor, "Listening to Stars"': the quotes hold the title
            continue
        bare = SUBJECT_DATE.sub(" ", part).strip(" ,;:-–—")
        if not bare or _is_person_part(bare, speaker_names):
            continue
        if _SERIES_WORDS.search(bare) and len(bare.split()) <= 8 and not re.search(r"[:：]", bare):
            series.append(candidate("series", _tidy(bare) or bare, (0, 0), "subject"))
            continue
        kept.append(part if bare == part else bare)
    if not kept:
        return []
    features = ["subject_trimmed"] if len(kept) < len(parts) else []
    if UPDATE_NOTE.search(subject) and not _QUOTED_IN_SUBJECT.search(subject):
        features.append("update_notice")  # "RESCHEDULED & NEW ROOM: Okafor seminar now Thu": a notice
    value = _tidy(_split_series(" - ".join(kept), series, 0, "subject"))
    return [candidate("title", value, (0, 0), "subject", features)] if value else []


def _is_person_part(text: str, speaker_names: list[str]) -> bool:
    """A subject part that only names a person: "Dr. Ingrid Saltvik", "Prof. X (Caltech)", "Naomi F. (St Andrews)"."""
    if _is_name_line(text, speaker_names) and len(text) < 80:
        return True
    words = text.split()
    if 1 <= len(words) <= 2 and any(n.split()[:len(words)] == words or n.split()[-len(words):] == words
                                    for n in speaker_names if len(n.split()) > len(words)):
        return True  # "… - Ravindra" (the subject was cut where the header wrapped): part of a speaker's name
    bare = re.sub(r"\s*[(（][^()（）]{1,80}[)）]\s*$", "", text).strip()
    bare = re.sub(r"(?i)^(?:(?:prof(?:essor)?|dr|mr|mrs|ms)\.?\s+)+", "", bare)
    words = bare.split()
    return 2 <= len(words) <= 4 and all(w[:1].isupper() for w in words) and bare != text.strip() and \
        not _SERIES_WORDS.search(bare)


def _prose_titles(doc: Document, layout: Layout) -> list[Candidate]:
    out: list[Candidate] = []
    for line in lines_that_may(doc, _may_hold_prose_title):
        stated = _STATED_TITLE.search(line.text)
        found = _prose_candidate(line, stated, "quoted", "plain", "prose_stated", layout) if stated else None
        if found is None and line.index not in doc.prose_lines and (match := _PROSE_TITLE.search(line.text)):
            found = _prose_candidate(line, match, "title", "zh", "prose_quote", layout)
        if found is not None:
            out.append(found)
    return out


def _may_hold_prose_title(text: str) -> bool:
    return bool(_PROSE_QUOTE.search(text)) or _MAY_STATE_TITLE(text)


def _prose_candidate(line: Line, match: re.Match[str], group: str, other: str, rule: str,
                     layout: Layout) -> Candidate | None:
    """The title a prose pattern read (from ``group``, else ``other``), tidied, as a candidate."""
    name = group if match.group(group) else other
    tidy = _tidy(match.group(name))
    if not tidy:
        return None
    return candidate("title", tidy, (line.start + match.start(name), line.start + match.end(name)), rule,
                     [f"block:{layout.kind(line.index)}"])


def _crumb_titles(layout: Layout, doc: Document) -> list[Candidate]:
    last = layout.crumb_last
    if not last or len(last) < 8 or _HEADING_NOISE.match(last) or _CALENDAR_ONLY.match(last) or \
            NAVIGATION_HEADING.fullmatch(last) or \
            (_SERIES_WORDS.search(last) and len(last.split()) <= 6):
        return []
    at = doc.text.find(last)
    span = (at, at + len(last)) if at >= 0 else (0, 0)
    return [candidate("title", last, span, "crumb")]


def _heading_titles(doc: Document, layout: Layout, speaker_names: list[str], taken_lines: frozenset[int],
                    others: list[Candidate], width: int | None) -> list[Candidate]:
    """Lines near the top, each judged by the features the weight table scores."""
    references = [_fold(c.value) for c in others if c.rule in ("subject", "crumb") and len(_fold(c.value)) >= 12]
    crumb = _fold(layout.crumb_last or "")
    top = _top_lines(doc)
    first_content = next((i for i in top if not layout.is_other(i)), None)
    crumb_line = next((i for i in top if layout.kind(i) == "navigation" and layout.crumb_last
                       and layout.crumb_last in doc.lines[i].text), None)
    out: list[Candidate] = []
    previous_text = ""
    tail_of: int | None = None  # the line a wrapped heading continued onto: part of that candidate
    for index in top:
        line = doc.lines[index]
        text = line.text.strip()
        before, previous_text = previous_text, text
        if index in doc.label_lines or len(text) < 8 or len(text) > 250 or index == tail_of:
            continue
        end = line.end
        if _wrapped_onto_next(doc, index, width, speaker_names):  # a heading the mailer wrapped: one title
            tail_of = index + 1
            end = doc.lines[index + 1].end
            text = f"{text} {doc.lines[index + 1].text.strip()}"
        if index in taken_lines and not _is_name_line(text, speaker_names):
            continue
        if _HEADING_NOISE.match(text) or _INSTITUTION_LINE.match(text) or _is_place(text) or _KIND_ONLY.match(text) \
                or ROLE_LINE.match(text) or _CALENDAR_ONLY.match(text):
            continue
        features = [f"block:{layout.kind(index)}"]
        if _is_name_line(text, speaker_names):
            after = re.search(r"\s[-–—:]\s+(.{8,200})$", text)  # "Kofi Mensah (Ashesi) — Gradual Typing"
            if after and not any(_fold(n) in _fold(after.group(1)) for n in speaker_names) \
                    and not _in_people_list(doc, index):
                tidy = _tidy(after.group(1))
                if tidy:
                    out.append(candidate("title", tidy, (line.start + after.start(1), line.end), "name_dash",
                                         features))
            continue
        if index in doc.date_lines:
            continue
        rest = _split_series(text, [], 0)
        if re.search(r"https?://|@", text) or _BREADCRUMB_SHAPE.match(text) or ("|" in text and rest == text):
            continue
        if rest != text:
            features.append("series_prefix")
        elif _SERIES_WORDS.search(text) and len(text.split()) <= 8:
            continue  # a series heading on its own
        if text[:1] in _QUOTES:
            features.append("quoted")
        words = len(rest.split())
        if 3 <= words <= 25 or (CJK_CHAR.search(rest) and 6 <= len(rest) <= 60):
            features.append("words_3_25")
        if text.isupper() and not CJK_CHAR.search(text):
            features.append("all_caps")
        if text.endswith((".", "。")) and not text.endswith("..."):
            features.append("ends_with_period")
        if text.endswith((":", "：")):
            features.append("ends_with_colon")  # "please note the details for next Tuesday:" introduces, not names
        if text.endswith((".", "!", "?", "。")) and words > 12:
            features.append("long_sentence")  # a sentence, not a heading
        if index in layout.headings:
            features.append("markup_heading")
        if _KIND_ONLY.match(before) or FEATURED_HEADING.fullmatch(before.rstrip(":：")):
            features.append("after_kind_heading")
        elif _SERIES_WORDS.search(before) and len(before.split()) <= 12 and not before.endswith((".", "!", "?")):
            features.append("after_series_heading")  # under "The 2025 Hadley Lecture in Earth Sciences"
        folded = _fold(rest)
        if len(folded) >= 12 and any(ref in folded or folded in ref for ref in references):
            features.append("matches_subject")
        if crumb and folded == crumb:
            features.append("matches_crumb")
        if ORG_LINE.match(text):
            features.append("org_name")
        if crumb_line is not None and index < crumb_line:
            features.append("above_crumb")  # the masthead over the breadcrumb: site, slogan, menu
        if rest == text and _SERIES_WORDS.search(text):
            features.append("series_words")  # "The 2025 Hadley Lecture in Earth Sciences" names the series
        if any(mark in text for mark in _TRADEMARK):
            features.append("trademark")
        if index == first_content:
            features.append("first_line")
        tidy = _tidy(rest)
        if tidy:
            out.append(candidate("title", tidy, (line.start, end), "heading", features))
    return out


# "Arjun Nair - Nature Conservation Foundation, Mysuru": a person and what follows the dash.
_NAME_DASH_SHAPE = patcache.compile(r"^(?:(?:Dr|Prof|Professor|Mr|Ms|Mrs)\.?\s)?[A-Z][\w'’.-]+(?:\s[A-Z][\w'’.-]+){1,3}"
                                    r"\s[-–—]\s\S")


def _in_people_list(doc: Document, index: int) -> bool:
    """A line of a presenters list ("Name - Affiliation" over "Name - Affiliation"): what follows each
    dash is where the person works, not the talk's title."""
    around = [line.text.strip() for line in (*doc.lines[max(0, index - 2):index], *doc.lines[index + 1:index + 3])
              if line.text.strip()]
    return any(_NAME_DASH_SHAPE.match(text) for text in around)


def _fold(text: str) -> str:
    return _NON_WORD.sub("", text.casefold())


_NON_WORD = patcache.compile(r"\W+")


def _tidy(text: str) -> str | None:
    text = re.sub(r"\s+", " ", text).strip()
    text = text.strip(" \t,;")
    if not text:
        return None
    quoted = re.match(r"^[\"“《「『](.{3,250}?)[\"”》」』]\W{0,3}(?:\s|$)", text)
    if quoted and len(quoted.group(0).strip()) < len(text):
        return quoted.group(1).strip()  # '"Title". Invited by ...' → the quoted part
    if len(text) >= 2 and text[0] in _QUOTES and text[-1] in _QUOTES:
        text = text[1:-1].strip()
    elif text[:1] in _QUOTES and text.count(text[0]) == 1 and text[0] not in "'’":
        text = text[1:].strip()
    text = text.rstrip(_QUOTES[1:] if text[:1] not in _QUOTES else "").strip() if text.endswith(("”", "》")) and \
        not any(q in text for q in "“《") else text
    return text or None


def _with_continuation(doc: Document, line_index: int, value: str) -> str:
    """CMU-style headers wrap long values onto indented lines without a label."""
    out = value
    for line in doc.lines[line_index + 1:line_index + 3]:
        raw = line.text
        if not raw.strip() or label_key(raw.split(":")[0]) or (":" in raw[:20] and label_key(raw[: raw.index(":")])):
            break
        if out.rstrip().endswith(("\"", "”")) or len(raw) > 100:
            break
        if out.count("\"") % 2 == 1 or out.count("“") > out.count("”") or (raw[:1].islower() and len(out) > 30):
            out = f"{out} {raw.strip()}"
            continue
        break
    return out


def _wrap_width(doc: Document) -> int | None:
    """The width a mailer hard-wrapped this text at (the longest line of 50-100 characters, when at least
    three lines come within ten characters of it: a wrapped paragraph), None for text that is not wrapped
    (a page whose paragraphs run on in lines of more than 100 characters, links aside)."""
    lines = [line.text.rstrip() for line in doc.lines[:400]]
    lengths = [len(text) for text in lines if 50 <= len(text) <= 100]
    if len(lengths) < 3 or sum(1 for text in lines if len(text) > 100 and "://" not in text) > 2:
        return None
    width = max(lengths)
    return width if sum(1 for n in lengths if n >= width - 10) >= 3 else None


# A heading never ends on one of these: its line was broken ("… Layers: When" / "Does Transition Begin?").
_DANGLING_END = patcache.compile(r"(?i)\s(?:when|of|the|and|for|to|in|on|an?|with|from|by|at|or|as|into|how|why|what|"
                                 r"is|are|does|do|between|towards?|versus|vs\.?|along|across|through|beyond|within|without|than|that|"
                                 r"which|its|their|our|your)$")


def _wrapped_onto_next(doc: Document, index: int, width: int | None, speaker_names: list[str]) -> bool:
    """Line ``index`` was broken by the wrap (its next line's first word would not have fitted) and the next
    line only ends it: not blank, no label, date, place, link or speaker, and the value ends after it
    ("Title: Verified Compilation for Smart Contracts: Lessons from Three" / "Failed Attempts")."""
    if index + 1 >= len(doc.lines):
        return False
    line, following = doc.lines[index].text.rstrip(), doc.lines[index + 1].text.strip()
    if not following:
        return False
    # "HYPERSONIC BOUNDARY LAYERS: WHEN" / "DOES TRANSITION BEGIN?" in a column; a title ending on its colon
    # ("PLANNING UNDER UNCERTAINTY:" / "A SEARCH-BASED VIEW") is a title whose subtitle is on the next line
    if _DANGLING_END.search(line) or line.endswith((":", "：")):
        if len(following) > 80 or len(following.split()) > 8:
            return False
    elif width is None or len(line) < width - 25 or len(line) + 1 + len(following.split()[0]) <= width or \
            line.endswith((".", "!", "?", ":", ";", "。")) or len(following) > width - 20 or len(following.split()) > 8:
        return False
    nxt = index + 1
    if nxt in doc.label_lines or nxt in doc.date_lines or ANY_LABEL.match(following) or \
            re.search(r"https?://|@", following) or _is_place(following) or _is_name_line(following, speaker_names):
        return False
    after = doc.lines[nxt + 1] if nxt + 1 < len(doc.lines) else None
    return after is None or not after.text.strip() or after.index in doc.label_lines or \
        bool(ANY_LABEL.match(after.text.strip()))


def _top_lines(doc: Document) -> list[int]:
    """Line indexes before the first prose section: where headings, title and logistics sit."""
    first_prose = min((b.heading if b.heading is not None else b.first) for b in (doc.abstract, doc.bio) if b) \
        if (doc.abstract or doc.bio) else len(doc.lines)
    return [line.index for line in doc.lines[: min(first_prose, 40)] if line.text.strip()]


def _split_series(text: str, series: list[Candidate], offset: int, rule: str = "title_prefix") -> str:
    """"IC Colloquium: Opening the Black Box" → a series candidate "IC Colloquium", the title the rest.
    "【格致学术论坛】第58期：面向…" and "明德讲坛第3讲 | 面向…" → the series "格致学术论坛", the title after the
    issue number."""
    zh = _ZH_HEADLINE.match(text) if CJK_CHAR.search(text) else None
    if zh and CJK_CHAR.search(zh.group("title")):
        name = (zh.group("series") or "").strip().strip("【】[]「」“”\"《》").strip()
        if name and _SERIES_WORDS.search(name) and not _ZH_KIND_ONLY.match(name) and \
                not _NOTICE_HEADING.search(name):
            series.append(candidate("series", name, (offset + zh.start("series"), offset + zh.end("series")), rule))
            return zh.group("title").strip()
        if (zh.group("issue") and not name) or _ZH_KIND_ONLY.match(name) or ZH_ISSUE_NUMBER.fullmatch(name):
            # "第6期｜中学物理…" (the issue of a series named elsewhere), "学术讲座：…" (only the kind)
            return zh.group("title").strip()
    while True:
        match = re.match(r"^([^:：]{2,60}?)\s*[:：]\s+(.{5,})$", text)
        if not match or (len(match.group(2).split()) < 2 and not CJK_CHAR.search(match.group(2))):
            return text  # "Purdue Computes: AI/ML" is a heading, not series + title
        prefix = match.group(1).strip()
        if _KIND_ONLY.match(prefix):
            text = match.group(2)
            continue
        if _SERIES_WORDS.search(prefix) and len(prefix.split()) <= 8:
            tidy = _tidy(prefix)
            if tidy:
                series.append(candidate("series", tidy, (offset, offset + len(prefix)), rule))
            text = match.group(2)
            continue
        return text


def _is_place(text: str) -> bool:
    return bool(_ROOM_LIKE.search(text) or VENUE_RE.fullmatch(text.rstrip(".")))


def _is_name_line(text: str, speaker_names: list[str]) -> bool:
    folded = _fold(text)
    return any(_fold(name) and _fold(name) in folded and len(folded) < len(_fold(name)) + 60
               for name in speaker_names)


def _series_candidates(doc: Document, layout: Layout, subject: str | None, title: str | None,
                       speaker_names: list[str]) -> list[Candidate]:
    """Series from a label, a category, the breadcrumb, prose ("next week's X Seminar") and short headings."""
    out: list[Candidate] = []
    for item in doc.values("series"):
        tidy = _tidy(item.value) if item.value else None
        if tidy and not (item.label.casefold().startswith("series comment")):
            out.append(candidate("series", tidy, (item.value_start, item.value_start + len(item.value)), "label",
                                 [f"block:{layout.kind(item.line)}"]))
    for item in doc.values("type"):
        if item.value and _SERIES_WORDS.search(item.value) and not _KIND_ONLY.match(item.value.strip()) and \
                len(item.value.split()) <= 8:
            tidy = _tidy(item.value)
            if tidy:
                out.append(candidate("series", tidy, (item.value_start, item.value_start + len(item.value)),
                                     "category", [f"block:{layout.kind(item.line)}"]))
    crumbs = [c for c in layout.crumbs[:-1] if _SERIES_WORDS.search(c) and "&" not in c and len(c.split()) <= 8]
    if crumbs:
        at = doc.text.find(crumbs[-1])
        out.append(candidate("series", crumbs[-1], (at, at + len(crumbs[-1])) if at >= 0 else (0, 0), "crumb",
                             _generic(crumbs[-1])))
    for line in lines_that_may(doc, _MAY_NAME_SERIES):
        if line.index in doc.prose_lines and line.index not in doc.label_lines:
            continue
        for match in SERIES_IN_PROSE.finditer(line.text):
            name = match.group("series").strip()
            if 2 <= len(name.split()) <= 10 and not _KIND_ONLY.match(name):
                out.append(candidate("series", name, (line.start + match.start("series"),
                                                      line.start + match.end("series")), "prose",
                                     [f"block:{layout.kind(line.index)}", *_generic(name)]))
    for line in doc.lines[-14:]:  # signed "NLP Reading Group organiser": the series the writer runs
        text = line.text.strip().lstrip("—–- ")
        closing = layout.kind(line.index) == "signature" or line.index >= len(doc.lines) - 4
        if len(text) < 90 and closing and line.index not in doc.prose_lines and SIGNATURE_ORGANISER.search(text):
            named = re.match(r"(?i)^(?:.*[,|]\s*)?(?P<series>.+?)\s+(?:co-)?organi[sz]ers?\b", text)
            if named and _SERIES_WORDS.search(named.group("series")) and len(named.group("series").split()) <= 8:
                at = line.start + line.text.find(named.group("series"))
                out.append(candidate("series", named.group("series"), (at, at + len(named.group("series"))),
                                     "organiser_signature"))
    for index in _top_lines(doc)[:12]:
        quoted = _ZH_QUOTED_SERIES.search(doc.lines[index].text) if "系列" in doc.lines[index].text else None
        if quoted and not _ZH_KIND_ONLY.match(quoted.group("name")):  # 关于“催化材料前沿”系列报告第9讲改期的通知
            at = doc.lines[index].start + quoted.start("name")
            out.append(candidate("series", quoted.group("name"), (at, at + len(quoted.group("name"))),
                                 "zh_quoted_series", [f"block:{layout.kind(index)}"]))
    for index in _top_lines(doc)[:12]:
        text = doc.lines[index].text.strip()
        if index in doc.label_lines or not text or len(text) > 140 or (title and _fold(title) in _fold(text)):
            continue
        if index in doc.date_lines or _HEADING_NOISE.match(text):
            continue
        features = [f"block:{layout.kind(index)}"]
        # "Applied Economics Seminar – Juliana Rocha", "Topology Seminar: Dr Ines Faro"
        person = re.match(r"^(.{4,60}?)(?:\s+[-–—]|\s*:)\s+(.{4,80})$", text)
        if person and _is_person_part(person.group(2), speaker_names):
            text = person.group(1).strip()
            features.append("has_dash_person")
        elif _is_name_line(text, speaker_names) or len(text) > 80:
            continue
        for piece in reversed(re.split(r"\s+(?:>>|[>»›/|])\s+|[·•]", text)):
            piece = piece.strip()
            kind = _ZH_BRACKET_KIND.match(piece)  # "【线上报告】数字经济青年学者工作坊": the kind, then the series
            if kind:
                piece = piece[kind.end():].strip()
            if CJK_CHAR.search(piece) and _ZH_KIND_ONLY.match(piece.translate(TRADITIONAL_TO_SIMPLIFIED)):
                continue
            if not (_SERIES_WORDS.search(piece) and not _KIND_ONLY.match(piece) and not _NOTICE_HEADING.search(piece)
                    and len(piece.split()) <= 10):
                continue
            if re.search(r"[.!?。！？]$", piece) or piece.count(",") > 1 or "，" in piece or len(piece) > 60:
                continue  # a sentence, not a heading
            at = doc.lines[index].start + max(doc.lines[index].text.find(piece), 0)
            headline = ["headline"] if HEADLINE_VERB.search(piece) else []
            out.append(candidate("series", _title_case(piece), (at, at + len(piece)), "heading",
                                 [*features, *_generic(piece), *headline]))
            break
    return out


def _generic(name: str) -> list[str]:
    return ["generic"] if GENERIC_SERIES.fullmatch(name.strip()) else []


def _title_case(text: str) -> str:
    if not text.isupper():
        return text
    small = {"of", "on", "in", "and", "the", "for", "at", "to", "a", "an"}
    words = text.lower().split()
    return " ".join(w if i and w in small else w[:1].upper() + w[1:] for i, w in enumerate(words))


def _event_type(doc: Document, top: list[int], result: What, subject: str | None) -> str | None:
    """The first kind word (EVENT_WORDS) in the series, the subject, the top lines or a ``Type:`` label.
    A Chinese series noun with an issue number after it ("【格致学术论坛】第58期") names the series, not the
    event: it is passed over, and the event is one talk of the series unless the page says more."""
    places = [result.series or "", subject or ""]
    places += [doc.lines[i].text for i in top[:12]]
    type_label = doc.first("type")
    if type_label:
        places.append(type_label.value)
    if doc.first("speaker") and doc.first("speaker").label.casefold() == "candidate":  # type: ignore[union-attr]
        places.append("defense")
    numbered = False
    for text in places:
        folded = text.casefold()
        if CJK_CHAR.search(folded):
            folded = folded.translate(TRADITIONAL_TO_SIMPLIFIED)
        for word, kind in EVENT_WORDS:
            at = folded.find(word)
            if at < 0 or not _word_boundary(folded, word):
                continue
            if word in ZH_SERIES_NOUNS and _numbered_series(folded, at + len(word), text is places[0], doc):
                numbered = True
                continue
            return kind
    return "talk" if numbered else None


def _numbered_series(text: str, end: int, is_series: bool, doc: Document) -> bool:
    """The series noun ending at ``end`` is followed by an issue number, there or (for the series value,
    which is stored without it) where the series stands on the page."""
    if ZH_ISSUE_NUMBER.match(text[end:end + 12]):
        return True
    if not is_series:
        return False
    at = doc.text.find(text[:end])
    return at >= 0 and bool(ZH_ISSUE_NUMBER.match(doc.text[at + end:at + end + 12]))


def _word_boundary(text: str, word: str) -> bool:
    """The word on its own or plural ("Neuroscience Seminars"), not inside another word nor naming a room
    ("Lecture Theatre", "Seminar Room")."""
    if not word.isascii():
        return True
    return bool(re.search(rf"(?<![a-z]){re.escape(word)}(?:e?s)?(?![a-z])(?!\s+{_ROOM_NOUNS}\b)", text))


_ROOM_NOUNS = r"(?:theatre|theater|hall|room|rooms|centre|center|suite|space|building)"
