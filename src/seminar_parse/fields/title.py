"""What: the talk's title, its series and the kind of event.

The title comes from a ``Title:``/``题目：`` label, an email subject without its list and reminder
prefixes, a quoted title in prose, or the layout (the heading line that is neither the series, a
speaker, a date nor a place). A ``Series: Title`` heading is split in two.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from seminar_parse.fields.place import VENUE_RE
from seminar_parse.patterns import CJK_CHAR
from seminar_parse.record import Evidence
from seminar_parse.sections import Document, label_key
from seminar_parse.vocab import EVENT_WORDS

_QUOTES = "\"'“”‘’«»《》「」『』"
_SUBJECT_PREFIX = re.compile(
    r"^(?:\s*(?:\[[^\]]{1,60}\]|re|fwd?|fw|aw|wg|reminder|announcement|today|tomorrow|this week|"
    r"seminar|colloquium|talk|lecture|webinar|invitation|new date|rescheduled|cancelled|canceled|"
    r"updated?|repost|reposted)\s*[:：\-–]\s*|\s*\[[^\]]{1,60}\]\s*)+",
    re.IGNORECASE,
)
_SERIES_WORDS = re.compile(
    r"(?i:seminar|colloquium|colloquia|lecture|series|workshop|forum|symposium|webinar|talks?\b|"
    r"reading group|journal club|讲座|论坛|报告会|讲坛|讲堂|研讨会|沙龙|系列)"
)
# A heading prefix that only says what kind of event it is, not which series.
_KIND_ONLY = re.compile(
    r"(?i)^(?:phd|ph\.d\.|doctoral|master'?s|ms|thesis|dissertation|final|public|special|invited|guest)?\s*"
    r"(?:thesis\s+|dissertation\s+)?(?:proposal|defen[cs]e|preliminary|prelim|oral|exam|talk|seminar|"
    r"lecture|colloquium|webinar|workshop|reminder|announcement|event)s?$"
)
_PROSE_TITLE = re.compile(
    r"(?i:speak|talk|lecture|present|discuss|entitled|titled|title)\w*\s+(?:on|about|entitled|titled|:)?\s*"
    r"[\"“‘'《](?P<title>[^\"“”’'《》\n]{5,200})[\"”’'》]"
    r"|(?:题为|题目为|主题为|以)\s?[“\"《「](?P<zh>[^”\"》」\n]{2,100})[”\"》」]"
)
_ROOM_LIKE = re.compile(r"^[A-Z]{2,6}\s?-?\d{1,4}[A-Z]?$|(?i:\broom\b|\bhall\b\s+\d)")
_INSTITUTION_LINE = re.compile(
    r"(?i)^(?:the\s+)?(?:[\w&.'-]+\s+){0,6}(?:university|institute|college|school|department|faculty|"
    r"academy|center|centre|laboratory)(?:\s+(?:of|for)\s+[\w&.' -]{1,80})?$|^(?:department|school|faculty|"
    r"college|institute)\s+of\b|[\u4e00-\u9fff]{2,20}(?:大学|学院|研究院|研究所)$"
)
# "Events / Upcoming", "News > Seminars": navigation, not a title.
_BREADCRUMB_SHAPE = re.compile(r"^[\w'’ -]{1,25}(?:\s+[/>»›]\s+[\w'’ -]{1,25}){1,5}$")
# "学术讲座通知", "Seminar announcement": the page says what it is, not which series.
_NOTICE_HEADING = re.compile(r"(?:通知|预告|公告|信息|快讯)$|(?i:\b(?:announcement|notice|news|calendar|events?)$)")
_HEADING_NOISE = re.compile(
    r"(?i)^(?:event details|details|abstract|bio(?:graphy)?|speaker|speakers|title|date|time|location|"
    r"venue|contact|category|calendar|all are welcome!?|everyone is welcome!?|学术活动|学术报告|通知公告|"
    r"新闻动态|讲座信息|活动预告|学术讲座|by|ical|add to calendar|register|registration|share)\W*$"
)


@dataclass
class What:
    title: str | None = None
    series: str | None = None
    event_type: str | None = None
    evidence: list[Evidence] = field(default_factory=list)


def extract(doc: Document, speaker_names: list[str], taken_lines: frozenset[int] = frozenset()) -> What:
    """``taken_lines``: lines other extractors already read (a speaker's affiliation), never the title."""
    result = What()
    all_top = _top_lines(doc)
    top = [i for i in all_top if i not in taken_lines]
    labelled = doc.first("title")
    series_label = doc.first("series")
    if series_label and series_label.value:
        result.series = _tidy(series_label.value)
    if labelled and labelled.value:
        value = _with_continuation(doc, labelled.value_line, labelled.value)
        if labelled.label.casefold() in ("subject", "topic"):
            value = _split_series(_SUBJECT_PREFIX.sub("", value).strip(), result)
        result.title = _tidy(value)
        result.evidence.append(Evidence("title", labelled.value_start, labelled.value_start + len(labelled.value)))
    subject = doc.headers.get("subject")
    if result.title is None and subject:
        stripped = _SUBJECT_PREFIX.sub("", subject).strip()
        result.title = _tidy(_split_series(stripped, result)) if stripped else None
    if result.title is None:
        result.title = _prose_title(doc, result)
    if result.title is None:
        result.title = _layout_title(doc, all_top, speaker_names, result, taken_lines)
    if result.series is None:
        result.series = _series_heading(doc, top, result.title, speaker_names)
    result.event_type = _event_type(doc, all_top, result, subject)
    if result.title and result.series and _fold(result.title) == _fold(result.series):
        result.title = None
    return result


def _fold(text: str) -> str:
    return re.sub(r"\W+", "", text.casefold())


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


def _top_lines(doc: Document) -> list[int]:
    """Line indexes before the first prose section: where headings, title and logistics sit."""
    first_prose = min((b.heading if b.heading is not None else b.first) for b in (doc.abstract, doc.bio) if b) \
        if (doc.abstract or doc.bio) else len(doc.lines)
    return [line.index for line in doc.lines[: min(first_prose, 40)] if line.text.strip()]


def _split_series(text: str, result: What) -> str:
    """"IC Colloquium: Opening the Black Box" → series IC Colloquium, title the rest."""
    while True:
        match = re.match(r"^([^:：]{2,60}?)\s*[:：]\s+(.{5,})$", text)
        if not match or (len(match.group(2).split()) < 2 and not CJK_CHAR.search(match.group(2))):
            return text  # "Purdue Computes: AI/ML" is a heading, not series + title
        prefix = match.group(1).strip()
        if _KIND_ONLY.match(prefix):
            text = match.group(2)
            continue
        if _SERIES_WORDS.search(prefix) and len(prefix.split()) <= 8:
            if result.series is None:
                result.series = _tidy(prefix)
            text = match.group(2)
            continue
        return text


def _prose_title(doc: Document, result: What) -> str | None:
    for line in doc.lines:
        if line.index in doc.prose_lines:
            continue
        match = _PROSE_TITLE.search(line.text)
        if match:
            group = "title" if match.group("title") else "zh"
            result.evidence.append(Evidence("title", line.start + match.start(group), line.start + match.end(group)))
            return _tidy(match.group(group))
    return None


def _is_place(text: str) -> bool:
    return bool(_ROOM_LIKE.search(text) or VENUE_RE.fullmatch(text.rstrip(".")))


def _is_name_line(text: str, speaker_names: list[str]) -> bool:
    folded = _fold(text)
    return any(_fold(name) and _fold(name) in folded and len(folded) < len(_fold(name)) + 60
               for name in speaker_names)


def _layout_title(doc: Document, top: list[int], speaker_names: list[str], result: What,
                  taken_lines: frozenset[int]) -> str | None:
    candidates: list[tuple[float, int, str]] = []
    for index in top:
        line = doc.lines[index]
        text = line.text.strip()
        if index in doc.label_lines or len(text) < 8 or len(text) > 250:
            continue
        if index in taken_lines and not _is_name_line(text, speaker_names):
            continue
        if _HEADING_NOISE.match(text) or _INSTITUTION_LINE.match(text) or _is_place(text):
            continue
        if _is_name_line(text, speaker_names):
            after = re.search(r"\s[-–—:]\s+(.{8,200})$", text)  # "Kofi Mensah (Ashesi) — Gradual Typing"
            if after and not any(_fold(n) in _fold(after.group(1)) for n in speaker_names):
                candidates.append((2.5, -index, after.group(1)))
            continue
        if index in doc.date_lines:
            continue
        if re.search(r"https?://|@|\|", text) or _BREADCRUMB_SHAPE.match(text):
            continue
        rest = _split_series(text, What(series=result.series))
        score = 1.0
        if rest != text:
            score += 2
        elif _SERIES_WORDS.search(text) and len(text.split()) <= 8:
            continue  # a series heading on its own
        if text[:1] in _QUOTES:
            score += 2
        words = len(rest.split())
        if 3 <= words <= 25:
            score += 1
        if text.isupper() and not CJK_CHAR.search(text):
            score -= 1.5
        if text.endswith((".", "!", "?", "。")) and words > 12:
            score -= 2  # a sentence, not a heading
        candidates.append((score, -index, text))
    if not candidates:
        return None
    score, negative_index, text = max(candidates)
    line = doc.lines[-negative_index]
    result.evidence.append(Evidence("title", line.start, line.end))
    return _tidy(_split_series(text, result))


def _series_heading(doc: Document, top: list[int], title: str | None, speaker_names: list[str]) -> str | None:
    for index in top[:12]:
        text = doc.lines[index].text.strip()
        if index in doc.label_lines or not text or len(text) > 80 or (title and _fold(title) in _fold(text)):
            continue
        if index in doc.date_lines or _is_name_line(text, speaker_names) or _HEADING_NOISE.match(text):
            continue
        crumbs = re.split(r"\s+(?:>>|[>»›/])\s+", text)
        if len(crumbs) > 1:  # "Research > Events > Applied Statistics Workshop": the last named series
            text = next((c for c in reversed(crumbs) if _SERIES_WORDS.search(c) and "&" not in c), "")
        if _SERIES_WORDS.search(text) and not _KIND_ONLY.match(text) and not _NOTICE_HEADING.search(text) \
                and len(text.split()) <= 10:
            if re.search(r"[.!?。！？]$", text) or text.count(",") > 1 or "，" in text or len(text) > 60:
                continue  # a sentence, not a heading
            return _title_case(text)
    return None


def _title_case(text: str) -> str:
    if not text.isupper():
        return text
    small = {"of", "on", "in", "and", "the", "for", "at", "to", "a", "an"}
    words = text.lower().split()
    return " ".join(w if i and w in small else w[:1].upper() + w[1:] for i, w in enumerate(words))


def _event_type(doc: Document, top: list[int], result: What, subject: str | None) -> str | None:
    places = [result.series or "", subject or ""]
    places += [doc.lines[i].text for i in top[:12]]
    type_label = doc.first("type")
    if type_label:
        places.append(type_label.value)
    if doc.first("speaker") and doc.first("speaker").label.casefold() == "candidate":  # type: ignore[union-attr]
        places.append("defense")
    for text in places:
        folded = text.casefold()
        for word, kind in EVENT_WORDS:
            if word in folded and _word_boundary(folded, word):
                return kind
    return None


def _word_boundary(text: str, word: str) -> bool:
    if not word.isascii():
        return True
    return bool(re.search(rf"(?<![a-z]){re.escape(word)}(?![a-z])", text))
