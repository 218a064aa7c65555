"""Who: the speakers (name, affiliation, position, email, homepage) and the host.

Sources in order of trust: labelled lines (``Speaker:``, ``报告人：``, ``Who:``), prose
("… will be given by Dr. Jane Roe"), layout (a name alone on a line near the top, with its
affiliation below), and the opening of the bio. People named on host, chair, committee or
advisor lines, or only inside the abstract or bio, are not speakers.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache

from seminar_parse import patcache
from seminar_parse.candidates import Candidate, Choice, candidate, choose
from seminar_parse.fastre import anything as _anything
from seminar_parse.fastre import fold, gated, needles
from seminar_parse.fields.when import MONTH_NAME, WEEKDAY_NAME
from seminar_parse.message import sender_name
from seminar_parse.patterns import CJK_CHAR, EMAIL, URL
from seminar_parse.record import Evidence, Speaker
from seminar_parse.sections import Document, Labelled, Line, Run, label_key, lines_that_may
from seminar_parse.vocab import (
    COMMON_TITLE_WORDS,
    ORG_WORDS,
    ORGANISER_NOTE,
    SENDER_HOSTS,
    SIGN_OFF,
    SIGNATURE_ORGANISER,
    ZH_ORG_SUFFIXES,
    ZH_POSITIONS,
)

_CJK_NAME = patcache.compile(r"^[\u4e00-\u9fff]{2,4}(?:[·•][\u4e00-\u9fff]{1,6})?$")
# "Dr.", "Prof. Dr.", "Professor" at the start of a name (repeated: "Prof. Dr.-Ing.").
_HONORIFIC = patcache.compile(
    r"^(?:(?:prof(?:essors?)?|dr|mr|mrs|ms|mx|miss|sir|dame|herr|frau|mme|mlle|judge|hon|rev|assoc|asst|assistant|associate|"
    r"distinguished|emeritus|visiting)\.?(?:-ing\.?)?\s+)+",
    re.IGNORECASE,
)
_DEGREE_SUFFIX = patcache.compile(
    r"(?<!\s)(?:,?\s+(?:Ph\.?\s?D\.?|D\.?Phil\.?|M\.?D\.?|M\.?Sc\.?|MPH|MBA|FRS|FIEEE|P\.?E\.?))+\s*$"  # "Jr." stays
)
_NAME_TOKEN = patcache.compile(
    r"^(?:[A-ZÀ-ÖØ-ÞĀ-ſ][\w'’\-]*\.?|[A-Z]\.(?:[A-Z]\.)*|(?:van|von|der|de|da|di|del|la|le|du|dos|bin|al|ibn|y|zu|ten|ter)|"
    r"(?:[a-zß-ÿ][\w'’\-]*[A-ZÀ-Ö][\w'’\-]*))$"
)
# "; hosted by Prof. X", "(advisor: Prof. Y)": people who are not this speaker.
_NOT_SPEAKER_CLAUSE = patcache.compile(
    r"[(（;；,]\s*+(?:advis[oe]r|co-advisor|host(?:ed by)?|chair(?:ed by)?|moderat(?:or|ed by)|invited by|"
    r"faculty host|导师|邀请人|主持人)\b[^)）]*[)）]?", re.IGNORECASE)
_LATIN_WITH_ZH_TITLE = patcache.compile(
    r"^([A-Za-z][^\u4e00-\u9fff]{1,60}?)\s*(" + "|".join(sorted(ZH_POSITIONS, key=len, reverse=True)) + r")(.*)$")
# "郭　睿", "钱  锋 教授", "麦 文 山（中山大学）": a Chinese name typeset with spaces between its characters.
_SPACED_CJK_NAME = patcache.compile(
    r"^[\u4e00-\u9fff](?:[ \u3000]+[\u4e00-\u9fff]){1,3}(?=$|[ \u3000]*[（(，,]|[ \u3000]+\S{2})")
_NICKNAME = patcache.compile(r"\s\([A-Z][a-z]{1,12}\)(?=\s+[A-Z][\w'’-]+)")
# (?<!\s): a separator is tried once per run of spaces, not at every space of a long run.
_SPLIT_SPEAKERS = patcache.compile(r"(?<!\s)\s+(?:and|&)\s+|、|；|;|(?<!\s)\s+/\s+")
_NOT_NAME_WORDS = frozenset({
    "abstract", "bio", "title", "seminar", "colloquium", "lecture", "talk", "series", "department", "school",
    "university", "institute", "center", "centre", "hall", "room", "building", "auditorium", "the", "of",
    "and", "for", "in", "on", "at", "with", "to", "from", "by", "a", "an", "is", "are", "will", "join", "us",
    "date", "time", "location", "place", "venue", "speaker", "host", "monday", "tuesday", "wednesday",
    "thursday", "friday", "saturday", "sunday", "january", "february", "march", "april", "june", "july",
    "august", "september", "october", "november", "december", "zoom", "online", "webinar", "workshop",
    "reminder", "announcement", "welcome", "today", "tomorrow", "this", "next", "week", "spring", "fall",
    "summer", "winter", "program", "programme", "laboratory", "lab", "news", "events", "event", "faculty",
    "candidate", "phd", "proposal", "defense", "thesis", "dissertation", "science", "engineering",
    "computer", "mathematics", "physics", "chemistry", "biology", "statistics", "research", "group",
    "data", "learning", "machine", "deep", "theory", "systems", "information", "meeting", "abstracts",
    "biography", "contact", "more", "home", "calendar", "carnegie", "mellon", "no", "change", "cancelled",
    "canceled", "postponed", "rescheduled", "new", "special", "distinguished", "seminars", "talks", "panel",
    "discussion", "keynote", "all", "welcome!", "refreshments", "served", "coffee", "lunch", "pizza",
    "networks", "neural", "models", "analysis", "design", "via", "towards", "toward", "using", "based",
    "understanding", "approach", "methods", "applications", "introduction", "overview", "open", "free",
    "professor", "associate", "assistant", "director", "scientist", "student", "postdoc", "lecturer", "fellow",
    "researcher", "engineer", "chair", "head", "emeritus", "visiting", "adjunct", "senior", "principal",
    "hosted", "advisor", "moderator", "invited", "how", "what", "why", "when", "where", "who", "which",
    "dates", "hci", "inc", "corp", "ltd",
})
_ORG_WORDS = frozenset(ORG_WORDS)
_SURNAMES_THAT_ARE_WORDS = frozenset({"hall", "green", "field", "wood", "park", "young", "king", "bell", "rose", "lane",
                                      "ford", "march", "may", "law", "cook", "page", "black", "white", "long", "day"})
_ORG_HEADS = frozenset({"university", "universität", "université", "universidad", "università", "institute",
                        "college", "laboratory", "laboratories", "labs", "school", "department", "dept",
                        "academy", "hospital", "polytechnic"})
_RANK = (r"(?:(?:senior|junior|associate|assistant|full|adjunct|visiting|research|clinical|distinguished|"
         r"principal|chief|lead|staff|postdoctoral|doctoral|graduate|undergraduate|tenure-track|emeritus|"
         r"chair|endowed|named|founding|executive|managing|deputy|vice|co-?|policy|data|privacy|legal|general)\s+){0,3}"
         r"(?:professor(?:\s+emeritus)?|lecturer|fellow|scientist|researcher|engineer|postdoc|post-doc|"
         r"candidate|student|director|founder|ceo|cto|cso|dean|chair|head|instructor|associate|scholar|"
         r"investigator|manager|president|member|architect|analyst|counsel|officer|attorney|"
         r"ph\.?\s?d\.?\s+(?:candidate|student))")
# "Associate Professor of English", "Associate Professor and Chair of English"
_POSITION_RE = patcache.compile(
    rf"^{_RANK}(?:\s+(?:and|&)\s+{_RANK})?(?:\s+(?:of|in|at)\s+[^,]{{1,80}})?$", re.IGNORECASE)
_POSITION_WORD = patcache.compile(
    r"(?i)\b(?:professor|lecturer|fellow|scientist|researcher|engineer|post-?doc(?:toral)?|assistant|associate|"
    r"candidate|student|director|president|founder|chair|dean|manager|head|chief|partner|consultant|analyst)\b")
_ZH_POSITION_SUFFIX = patcache.compile("(?:" + "|".join(sorted(ZH_POSITIONS, key=len, reverse=True)) + ")+$")
_ZH_ORG_SUFFIX = patcache.compile("(?:" + "|".join(ZH_ORG_SUFFIXES) + ")")

# Prose that introduces the speaker: "will be given by Dr. Jane Roe", "Join us when Prof. X from Y will speak".
# At most three honorifics, taken possessively: "Dr. Dr. Dr. ..." must not backtrack.
# A name's words open with a capital, accented ones too ("Élodie Garçon", "Žofie Hrubá"; Latin-1 and
# Latin Extended-A, whose lower-case letters a name does not start with anyway).
_CAPITAL = "A-ZÀ-ÖØ-ÞĀ-Ž"
_NAME_RUN = (rf"(?:(?:Prof(?:essors?)?|Dr|Mr|Mrs|Ms)\.?\s+){{0,3}}+[{_CAPITAL}][\w'’\-.]{{0,30}}"
             rf"(?:\s+(?:[{_CAPITAL}][\w'’\-.]{{0,30}}|(?:van|von|de|der|da|di)\b)){{1,4}}")
_PROSE_BEFORE = gated(
    rf"(?i:(?:given|presented|delivered|led|co-led|facilitated|taught|conducted)\s+by|featuring|welcomes?|presents?|announces?|"
    rf"(?:talk|lecture)\s+from|"
    rf"with\s+(?:[a-z-]+\s+){{0,2}}(?:artist|author|speaker|writer|poet|filmmaker|composer|architect|designer),?|"
    rf"speakers?(?:\s+(?:this|next)\s+(?:week|time|month))?\s+(?:is|are|will\s+be)(?:\s+[a-z-]+){{0,2}}|"
    rf"with\s+(?:guest\s+)?speaker|"
    rf"lecture\s+by|talk\s+by|seminar\s+by|(?:his|her|their|the\s+speaker's)\s+name\s+is)\s+(?P<name>{_NAME_RUN})"
)
_PROSE_AFTER = gated(
    rf"(?P<name>{_NAME_RUN})(?:\s*\((?P<paren>[^()\n]{{2,80}})\)|,\s*(?P<comma>(?:[^,.\n]|(?<![\w'’][a-z])\.|\.(?!\s+[A-Z])){{2,80}}(?:,[^,\n]{{2,40}}){{0,2}}),?|\s+(?:from|of)\s+"
    rf"(?P<from>(?:the\s+)?[A-Z][^\n]{{1,120}}?))?,?\s+(?:(?:will|is\s+going\s+to|is\s+scheduled\s+to)(?:\s+also)?\s+"
    r"(?:be\s+(?!present\b))?|is\s+(?=[a-z]+ing\b))(?:speak|speaking|present|presenting|give|giving|talk|talking|lecture|"
    r"lecturing|discuss|deliver|visit|visiting|join|conduct|conducting|lead|leading|offer|moderate|moderating)\b"
)
# "Dana Roe and Ali Khan will present": the first of two people before the verb.
_NAME_AND = patcache.compile(rf"(?<![\w,])(?P<name>{_NAME_RUN})\s+and\s+$")
# A word _PROSE_AFTER needs ("will", "is going to", "is speaking"): one cheap look before the pattern.
_PROSE_AFTER_TRIGGER = gated(r"\bwill\s|\bis\s")
# The words one of which any match of the prose patterns holds: a cheap look first (fastre.needles).
_MAY_MATCH = (needles(_PROSE_BEFORE) or _anything, needles(_PROSE_AFTER) or _anything)
_MAY_BE_SENDER_HOST = needles(SENDER_HOSTS) or _anything
_ORGANIZED_BY = patcache.compile(
    rf"(?i:(?:this\s+(?:talk|seminar|event|lecture|colloquium)\s+is\s+)?(?:organi[sz]ed|hosted|invited|"
    rf"sponsored|moderated|chaired)(?:\s+and\s+(?:moderated|chaired|organi[sz]ed))?\s+by)\s+(?P<name>{_NAME_RUN})"
)
_HOST_INLINE = patcache.compile(rf"(?i:hosted\s+by|host:|host\s+faculty:|faculty\s+host:)\s*(?P<name>{_NAME_RUN})")
# "chaired by the Dean, Professor Martin Oyelaran", "convened by Dr X"
_CHAIRED_BY = patcache.compile(
    rf"(?i:(?:chaired|convened|moderated|introduced)\s+by)\s+(?:the\s+(?:[A-Za-z]+\s+){{0,3}}?[A-Za-z]+,\s+)?"
    rf"(?P<name>{_NAME_RUN})")
# "please contact Dr Rafael Quiñones", "For questions, write to Ana Ruiz", "contact Ana Ruiz at ana@..."
_CONTACT_PROSE = patcache.compile(
    rf"(?i:(?:please\s+)?contact|(?:write|e-?mail|reach\s+out)\s+to|enquiries\s+to|questions\s+to)\s+"
    rf"(?P<name>{_NAME_RUN})")
# "Tomás (seminar organiser)", "Professor Linnea Ostrowski, who chairs the lecture committee"
_ROLE_NOTE = patcache.compile(
    rf"(?P<name>{_NAME_RUN}|[{_CAPITAL}][\w'’-]{{1,20}})\s*(?:{ORGANISER_NOTE}|,\s+who\s+(?:chairs|hosts|organi[sz]es|convenes|"
    rf"is\s+hosting|will\s+host))")
# A word every pattern of _HOST_PROSE needs ("hosted by", "contact", "write to", "(organiser)", "who chairs").
_HOST_TRIGGER = gated(r"(?i)\bby\b|host|contact|\bto\s|organi[sz]er|convenor|convener|coordinator|\bwho\s")
_HOST_PROSE: tuple[tuple[re.Pattern[str], str], ...] = (
    (_ORGANIZED_BY, "prose_hosted"), (_HOST_INLINE, "prose_hosted"), (_CHAIRED_BY, "prose_hosted"),
    (_CONTACT_PROSE, "contact_prose"), (_ROLE_NOTE, "role_note"),
)
# The note alone on the line under the sender's name: "Élodie Garçon" / "(for the Kolloquium organisers)".
_ORGANISER_NOTE_LINE = patcache.compile(ORGANISER_NOTE)  # matched against the stripped line
# Words one of which, in any case, every line the host search reads holds: each word that a host phrasing or
# the note must hold (fastre.needles of _HOST_PROSE and _ORGANISER_NOTE_LINE) holds one of these, as
# tests/test_people_place_tables.py checks. A block of lines without any is passed over.
HOST_WORDS = ("chaired", "committee", "contact", "conven", "coordinator", "enquiries", "faculty", "host", "introduced",
              "invited", "mail", "moderated", "organi", "questions", "reach", "sponsored", "who", "write")
_FIRST_NAME = patcache.compile(r"[A-ZÀ-Þ][a-zß-ÿ'’-]{1,20}")
_STATUS_REMARK = patcache.compile(r"(?i)\((?:ret\.?|retired|emerit(?:us|a))\)")
_GENERATION = patcache.compile(r"Jr\.?|Sr\.?|II|III|IV")
# ", Jr.," right after a name read from prose
_GENERATION_AFTER = patcache.compile(r",?[ \t]{1,3}(?P<suffix>Jr\.|Sr\.|Jr\b|Sr\b|III\b|II\b|IV\b)")
_GENERATION_TAIL = patcache.compile(r"(?<![\s,]),?\s+(?:Jr\.?|Sr\.?|II|III|IV)$")
# ", on Thursday the 7th of March at 5": where an affiliation read from prose runs on into the date.
_RUNS_INTO_DATE = patcache.compile(
    rf"(?i)(?<![\s,]),?\s+(?:on|this|next)\s+(?:the\s+)?(?:{WEEKDAY_NAME}|{MONTH_NAME}|\d)\b.*$|,\s*(?:{WEEKDAY_NAME})\b.*$")
_CONTACT_LABEL = patcache.compile(
    r"(?i)^\W*(?:contacts?|contact\s+(?:person|info)|enquiries|inquiries|questions|联系人)\b")
_ADVISOR_LABEL = patcache.compile(r"(?i)^\W*(?:(?:co-)?advis[oe]r(?:\s*(?:and|&|/)\s*(?:committee\s+)?chair)?|"
                                  r"committee\s+chair|导师|指导老师|指导教师)\W*$")
# "contact Ana Ruiz" inside a label's value: the verb is not the name.
_CONTACT_VERB = patcache.compile(r"(?i)^\s*(?:please\s+)?(?:contact|e-?mail|write\s+to)\s+")


@dataclass
class People:
    speakers: list[Speaker] = field(default_factory=list)
    host: str | None = None
    evidence: list[Evidence] = field(default_factory=list)
    choices: list[Choice] = field(default_factory=list)


def extract(doc: Document) -> People:
    result = People()
    excluded = _excluded_names(doc)
    _from_labels(doc, result, excluded)
    if not result.speakers:
        _from_prose(doc, result, excluded)
    if not result.speakers:
        _from_chinese_prose(doc, result, excluded)
    if not result.speakers:
        _from_layout(doc, result, excluded)
    if not result.speakers:
        _from_comma_records(doc, result, excluded)
    if not result.speakers and doc.abstract:
        _from_prose(doc, result, excluded, in_abstract=True)
    if not result.speakers:
        _from_bio(doc, result)
    if not result.speakers:
        _from_title_label(doc, result, excluded)
    result.host = _host(doc, result)
    return result


# --------------------------------------------------------------------------- one person

@lru_cache(maxsize=4096)
def parse_person(raw: str) -> Speaker | None:
    """``"Prof. Jane Roe (MIT), jroe@mit.edu"`` → Speaker(name="Jane Roe", affiliation="MIT", ...).
    Cached: the extractors ask about the same lines again and again, and a Speaker is immutable."""
    text = raw.strip().strip("*_").strip()
    email = _first(EMAIL, text)
    url = _first(URL, text)
    if email:
        text = text.replace(email, " ")
    if url:
        text = text.replace(url, " ")
    text = re.sub(r"(?i)\b(?:e-?mail|homepage|web(?:site)?|url)\b\s*[:：]\s*", " ", text)
    text = re.sub(r"[(（\[<][\s*†‡#]*[)）\]>]", " ", text)  # "Jonathan Caulkins (*)": a footnote mark
    text = _STATUS_REMARK.sub(" ", text)  # "Judge Miriam Feldstein (ret.)"
    text = _NOT_SPEAKER_CLAUSE.sub("", text)
    text = text.strip(" \u3000,;:-–—|/")
    spaced = _SPACED_CJK_NAME.match(text)
    if spaced:
        text = re.sub(r"[ \u3000]+", "", spaced.group(0)) + text[spaced.end():]
    text = re.sub(r"\s+", " ", text).strip(" ,;:-–—|/")
    if not text:
        return None
    latin_zh = _LATIN_WITH_ZH_TITLE.match(text)
    if latin_zh:  # "David Kim 教授（新加坡国立大学）"
        person = _parse_latin(latin_zh.group(1) + latin_zh.group(3), email, url)
        return Speaker(person.name, person.affiliation, latin_zh.group(2), email, url) if person else None
    if CJK_CHAR.search(text[:6]):
        return _parse_chinese(text, email, url)
    return _parse_latin(text, email, url)


def _first(pattern: re.Pattern[str], text: str) -> str | None:
    match = pattern.search(text)
    return match.group(0).rstrip(".,;:)") if match else None


def _parse_latin(text: str, email: str | None, url: str | None) -> Speaker | None:
    text = _NICKNAME.sub(" ", text)  # "Dr. R. J. (Bob) Pangborn": the nickname is not an affiliation
    paren = re.search(r"[(（]([^()（）]{2,200})[)）]", text)
    inside = paren.group(1).strip() if paren else None
    if paren:
        text = (text[: paren.start()] + " , " + text[paren.end():]).strip()
    head, rest = _split_name(text)
    name, position = _clean_name(head)
    if not name:
        return None
    parts = [p.strip(" .") for p in re.split(r"\s*[,;|]\s*|\s+[-–—]\s+|\s{2,}", rest) if p.strip(" .")]
    if inside:
        parts[:0] = [p.strip(" .") for p in re.split(r"\s*[,;，；]\s*", inside) if p.strip(" .")]
    if paren and parts[len(parts) - 1:] and re.match(r"^[-–—:]", rest.strip()):
        parts = parts[:-1]  # "Name (Affil) — Talk Title": the title is not the affiliation
    affiliation_parts: list[str] = []
    for part in parts:
        at = re.match(r"^(.{3,60}?)\s+at\s+(.{2,120})$", part)
        if position is None and at and _POSITION_RE.match(at.group(1)):
            position, part = at.group(1), at.group(2)  # "PhD student at Brown University"
            affiliation_parts.append(part)
        elif position is None and _POSITION_RE.match(part) and (" of " in part or not _is_org(part)):
            position = part
        elif part.casefold() not in ("and",):
            affiliation_parts.append(part)
    affiliation = re.sub(r"^the\s+", "", ", ".join(affiliation_parts)) or None  # "the University of Leeds"
    if affiliation and not re.search(r"[A-Za-z\u4e00-\u9fff]", affiliation):
        affiliation = None
    return Speaker(name, affiliation, position, email, url)


def _split_name(text: str) -> tuple[str, str]:
    """Split "Name, Affil" / "Name - Affil" / "Name from Affil" / "Name Affil-University"."""
    match = re.match(r"^(.*?)(?:\s*,\s*|\s+[-–—|/]\s+|\s+(?:from|of|at|@)\s+|\t|\s{2,})(.*)$", text)
    if match and match.group(1) and _looks_like_name(_clean_name(match.group(1))[0] or ""):
        head, rest = match.group(1), match.group(2)
        # "Jane Roe, Ph.D., MIT": the degree stays with the name
        while True:
            degree = re.match(r"^(Ph\.?\s?D\.?|M\.?D\.?|J\.?D\.?|LL\.?M\.?|MPH|Jr\.?|Sr\.?|II|III|IV)\s*"
                              r"(?:,\s*|$)(.*)$", rest)
            if not degree:
                break
            if _GENERATION.fullmatch(degree.group(1)):  # "Harold P. Vance, Jr.": the suffix is part of the name
                head = f"{head}, {degree.group(1).rstrip('.')}{'.' if degree.group(1)[:1] in 'JS' else ''}"
            rest = degree.group(2)
        rest = re.sub(r"(?i)^(?:of|from|at)\s+", "", rest)
        return head, rest
    tokens = text.split()
    skip = _honorific_count(tokens)
    body = tokens[skip:]
    for i in range(2, min(len(body), 6)):
        word = body[i].casefold().strip(",.")
        # "Weijie SU University of Pennsylvania": an organisation's head word starts the affiliation
        if word in _ORG_HEADS or (i + 1 < len(body) and body[i + 1].casefold().strip(",.") in _ORG_HEADS):
            cut = skip + (i if i <= 3 else 2)
            return " ".join(tokens[:cut]), " ".join(tokens[cut:])
    return text, ""


def _honorific_count(tokens: list[str]) -> int:
    count = 0
    for token in tokens:
        if _HONORIFIC.match(token + " "):
            count += 1
        else:
            break
    return count


def _clean_name(raw: str) -> tuple[str | None, str | None]:
    """Strip honorifics and degrees; return (name, position found in the honorific)."""
    text = raw.strip().strip(",;:")
    position = None
    lead = re.match(r"(?i)^(associate|assistant|distinguished|visiting|emeritus)\s+professor\s+", text)
    if lead:
        position = lead.group(0).strip().title()
    text = _HONORIFIC.sub("", text)
    text = _DEGREE_SUFFIX.sub("", text).strip(" ,")
    # "Gregory Hale." ends a sentence; "J." and "Jr." keep their dot
    text = re.sub(r"(?<=[^\W\d_]{2})(?<!\bJr)(?<!\bSr)\.$", "", text)
    text = re.sub(r"\s+", " ", text)
    if not text:
        return None, position
    tokens = [_fix_case(t) for t in text.split(" ")]
    return " ".join(tokens), position


def _fix_case(token: str) -> str:
    """"SU" → "Su", "PANDIS" → "Pandis"; initials and short tokens such as "J." stay."""
    if len(token) >= 2 and token.isupper() and token.isalpha() and token not in ("II", "III", "IV"):
        return token.capitalize()
    if len(token) > 2 and token.isupper() and "-" in token:
        return "-".join(part.capitalize() for part in token.split("-"))
    return token


def _looks_like_name(name: str) -> bool:
    name = _GENERATION_TAIL.sub("", name)  # "Clarence W. Hobart, Jr."
    if not name or len(name) > 60:
        return False
    if _CJK_NAME.match(name):
        return True
    tokens = name.split()
    if not 2 <= len(tokens) <= 5:
        return False
    if any((len(t.strip(".,")) > 1 and t.casefold().strip(".,") in _NOT_NAME_WORDS) or t.casefold() in _ORG_WORDS
           for t in tokens):  # initials ("A.") are not the word "a"
        return False
    if any(ch.isdigit() for ch in name) or any(re.fullmatch(r"[A-Z]{2,}s", t) for t in tokens):
        return False  # "Experienced TAs": a plural of initials is a group of people
    words = [t.casefold().strip(".,") for t in tokens if len(t.strip(".")) > 1]
    if not words:
        return False  # "R. J." — initials alone are not a name
    if words[-1] in COMMON_TITLE_WORDS and words[-1] not in _SURNAMES_THAT_ARE_WORDS:
        return False  # "Multicultural Committee"
    common = sum(w in COMMON_TITLE_WORDS for w in words)
    if words and (common == len(words) or (len(words) > 2 and common * 2 >= len(words))):
        return False  # "Media Choice", "Back Reception Honoring Graduate Women": words, not a person
    if words and len(words[0]) > 5 and words[0].endswith("ing"):
        return False  # "Conducting Productive Discussions" is a heading
    return all(_NAME_TOKEN.match(t) for t in tokens) and sum(t[0].isupper() for t in tokens) >= 2


def _is_org(text: str) -> bool:
    """"Adobe Research" and "Research Institute" are organisations; "Research Director" is a position."""
    words = text.split()
    return bool(words) and words[-1].casefold().strip(",.") in _ORG_WORDS and not _POSITION_RE.match(words[-1])


def _has_org_word(text: str) -> bool:
    """An organisation's word, also inside a hyphenated compound ("Humboldt-Universität", "Max-Planck-Institut")."""
    return any(w.strip(",.").casefold() in _ORG_WORDS or
               ("-" in w and any(part.casefold() in _ORG_WORDS for part in w.strip(",.").split("-")))
               for w in text.split())


def _parse_chinese(text: str, email: str | None, url: str | None) -> Speaker | None:
    paren = re.search(r"[(（]([^()（）]{2,100})[)）]", text)
    inside = paren.group(1).strip() if paren else None
    if paren:
        text = (text[: paren.start()] + "，" + text[paren.end():]).strip("，, ")
    parts = [p.strip() for p in re.split(r"[，,、;；|｜]\s*|\s+", text) if p.strip()]
    if not parts:
        return None
    if not _CJK_NAME.match(_ZH_POSITION_SUFFIX.sub("", parts[0]) or parts[0]):
        # "计算机学院 陈立新 教授": the name is not first
        for i, part in enumerate(parts[1:], 1):
            bare = _ZH_POSITION_SUFFIX.sub("", part) or part
            if _CJK_NAME.match(bare) and not _ZH_ORG_SUFFIX.search(bare):
                parts = [part, *parts[:i], *parts[i + 1:]]
                break
    head = parts[0]
    position = None
    suffix = _ZH_POSITION_SUFFIX.search(head)
    if suffix and len(head) - len(suffix.group(0)) >= 2:
        position = suffix.group(0)
        head = head[: suffix.start()]
    if not _CJK_NAME.match(head):
        return None
    affiliation_parts: list[str] = []
    extra = [p.strip() for p in re.split(r"[，,、;；]\s*", inside) if p.strip()] if inside else []
    for part in parts[1:] + extra:
        if part in ZH_POSITIONS or _ZH_POSITION_SUFFIX.fullmatch(part):
            position = position or part
            continue
        trailing = _ZH_POSITION_SUFFIX.search(part)
        if trailing and _ZH_ORG_SUFFIX.search(part[: trailing.start()]):
            affiliation_parts.append(part[: trailing.start()])
            position = position or trailing.group(0)
        elif _POSITION_RE.match(part):
            position = position or part
        else:
            affiliation_parts.append(part)
    return Speaker(head, " ".join(affiliation_parts) or None, position, email, url)


# --------------------------------------------------------------------------- sources

def _excluded_names(doc: Document) -> set[str]:
    names: set[str] = set()
    for item in doc.labelled:
        if item.key in ("host", "chair", "not_speaker", "posted"):
            person = parse_person(item.value)
            if person:
                names.add(_key(person.name))
    return names


def _same_person(a: str, b: str) -> bool:
    """"Jeffrey D. Hermes" and "Jeffrey Hermes" are one person: same surname and first initial."""
    if _key(a) == _key(b):
        return True
    ta, tb = a.split(), b.split()
    return len(ta) > 1 and len(tb) > 1 and _key(ta[-1]) == _key(tb[-1]) and ta[0][:1].casefold() == tb[0][:1].casefold()


def _key(name: str) -> str:
    return re.sub(r"[^\w]", "", name.casefold())


def _add(result: People, person: Speaker | None, excluded: set[str], span: tuple[int, int]) -> bool:
    if person is None or _key(person.name) in excluded:
        return False
    if not _looks_like_name(person.name):
        return False
    if any(_same_person(s.name, person.name) for s in result.speakers):
        return False
    result.speakers.append(person)
    result.evidence.append(Evidence("speakers", *span))
    return True


def _from_labels(doc: Document, result: People, excluded: set[str]) -> None:
    scripts: list[bool] = []  # per speaker added: was its label Chinese?
    for item in doc.values("speaker"):
        if item.line in doc.prose_lines and item.value_line in doc.prose_lines:
            continue
        if doc.layout and doc.layout.is_other(item.line):
            continue  # "Upcoming talks", a footer, a signature: another talk's speaker, or nobody's
        values = [item.value] if item.value else []
        listed: list[str] = []
        if item.value_line != item.line or not item.value:
            listed = _list_below(doc, item)
            values = listed or values
        for value in values:
            extra = _affiliation_below(doc, item.value_line) if len(values) == 1 else None
            # one person a line in a list ("• Name, Role, Halloran & Pryce"): the line is not split again
            pieces = [value] if len(listed) > 1 else _split_speakers(value)
            for person in _with_shared_affiliation(value, [parse_person(p) for p in pieces]):
                if person and extra and not person.affiliation:
                    person = _with_affiliation(person, extra)
                if not _add(result, person, excluded, (item.value_start, item.value_start + len(item.value))):
                    continue
                scripts.append(bool(CJK_CHAR.search(item.label)))
                if extra:
                    _note_affiliation_lines(doc, item.value_line, result)
    if len(set(scripts)) > 1 and len({bool(_CJK_NAME.match(s.name)) for s in result.speakers}) > 1:
        # a bilingual page names the speaker twice, once under each language's labels: keep the first copy
        result.speakers = [s for s, cjk in zip(result.speakers, scripts, strict=True) if cjk == scripts[0]]
    if result.speakers:
        _apply_affiliation_label(doc, result)


def _with_shared_affiliation(value: str, people: list[Speaker | None]) -> list[Speaker | None]:
    """"Amara Nwosu and Felix Brandt (University of Edinburgh)": one bracket after the last of several
    names, and no other affiliation, is everyone's; "A (X) and B (Y)" keeps each its own."""
    found = [p for p in people if p is not None]
    if len(found) < 2 or not value.rstrip().endswith((")", "）")) or value.count("(") + value.count("（") != 1:
        return people
    last = found[-1]
    if not last.affiliation or any(p.affiliation for p in found[:-1]):
        return people
    return [replace(p, affiliation=last.affiliation) if p is not None else None for p in people]


def _list_below(doc: Document, item: Labelled) -> list[str]:
    """A ``Speakers:`` label followed by one person per line."""
    out: list[str] = []
    first = item.value_line if item.value_line != item.line else item.line + 1
    for line in doc.lines[first:first + 12]:
        text = line.text.strip()
        if not text:
            if out:
                break
            continue
        parsed_key = _label_of(text)
        if parsed_key and parsed_key != "speaker":
            break
        person = parse_person(text)
        if person is None or not _looks_like_name(person.name):
            if out and "," in out[-1] and len(out[-1]) < 120 and \
                    (out[-1].endswith(",") or text[:1].islower() or _has_org_word(text)):
                out[-1] = f"{out[-1]} {text}"  # the item wrapped: "Name, Professor of X," / "University of Y"
                continue
            if out:
                break
            return []
        out.append(text)
    return out


def _label_of(text: str) -> str | None:
    match = re.match(r"^([^:：]{1,32})[:：]", text)
    return label_key(match.group(1)) if match else None


def _split_speakers(value: str) -> list[str]:
    """"A (X) and B (Y)", "A、B", "A, B and C": one string per person; "University of California,
    Berkeley" or "Electrical and Computer Engineering" stay whole (a piece that is no name joins the one before)."""
    listy = bool(re.search(r"\s(?:and|&)\s|、|[)）]\s*,", value))
    pieces = _split_outside_parens(value, commas=listy)
    merged: list[tuple[str, str]] = []
    for separator, piece in pieces:
        if not piece.strip():
            continue
        person = parse_person(piece)
        starts_name = person is not None and _looks_like_name(person.name) and \
            _key(person.name) in _key(piece[: len(person.name) + 12])
        if merged and not starts_name:
            merged[-1] = (merged[-1][0], f"{merged[-1][1]}{separator}{piece}")
        else:
            merged.append((separator, piece))
    return [piece for _, piece in merged]


def _split_outside_parens(value: str, *, commas: bool) -> list[tuple[str, str]]:
    """Pieces of ``value`` split at speaker separators outside parentheses, each with the separator before it."""
    out: list[tuple[str, str]] = []
    depth, last, separator = 0, 0, ""
    pattern = r"[(（]|[)）]|" + _SPLIT_SPEAKERS.pattern + (r"|,\s*" if commas else "")
    for match in re.finditer(pattern, value):
        token = match.group(0)
        if token in "(（":
            depth += 1
        elif token in ")）":
            depth = max(0, depth - 1)
        elif depth == 0:
            out.append((separator, value[last:match.start()]))
            separator, last = token, match.end()
    out.append((separator, value[last:]))
    return out


def _affiliation_below(doc: Document, line_index: int) -> str | None:
    """Lines under a bare name that read as position/affiliation ("Postdoc, X Institute" / "UC San Diego")."""
    return ", ".join(line.text.strip() for line in _affiliation_lines(doc, line_index)) or None


def _affiliation_lines(doc: Document, line_index: int) -> list[Line]:
    parts: list[Line] = []
    below = list(doc.lines[line_index + 1:line_index + 4])
    if below and not below[0].text.strip() and not doc.lines[line_index - 1].text.strip():
        below = below[1:]  # a centred block: name, blank line, position and affiliation
    for line in below[:3]:
        text = line.text.strip()
        if not text or _label_of(text) or line.index in doc.prose_lines or len(text) > 120:
            break
        if text[:1] in "\"“'‘«「":
            break  # a quoted line under the name is the talk's title, even when it says "Division of"
        if not (_has_org_word(text) or _POSITION_RE.match(text.split(",")[0]) or _POSITION_WORD.search(text)
                or _ZH_ORG_SUFFIX.search(text) or (parts and len(text) < 40 and text[:1].isupper())):
            break
        if line.index in doc.date_lines:
            break
        parts.append(line)
    return parts


def _with_affiliation(person: Speaker, extra: str) -> Speaker:
    parsed = parse_person(f"{person.name}, {extra}")
    if parsed is None:
        return person
    return Speaker(person.name, parsed.affiliation, person.position or parsed.position, person.email, person.url)


def _apply_affiliation_label(doc: Document, result: People) -> None:
    """``单位：``/``Affiliation:``, ``职称：``, ``Email:``, ``Homepage:`` lines fill in a lone speaker."""
    if len(result.speakers) != 1:
        return
    s = result.speakers[0]
    values = {key: (doc.first(key).value.strip() if doc.first(key) else "")  # type: ignore[union-attr]
              for key in ("affiliation", "position", "email", "homepage")}
    email = _first(EMAIL, values["email"]) if values["email"] else None
    url = _first(URL, values["homepage"]) if values["homepage"] else None
    result.speakers[0] = Speaker(s.name, s.affiliation or values["affiliation"] or None,
                                 s.position or values["position"] or None, s.email or email, s.url or url)


def _from_prose(doc: Document, result: People, excluded: set[str], *, in_abstract: bool = False) -> None:
    """"The speaker is X", "X will present"; with ``in_abstract``, "X will present" inside the abstract (a
    late source: there a "Dr. Roe will show" may name the speaker by surname only)."""
    def runs(skip: frozenset[int]) -> list[Run]:
        return [Run(run.start, run.text.replace("\n", " ")) for run in doc.runs(skip)]  # names wrap lines

    bio = frozenset(range(doc.bio.first, doc.bio.last + 1)) if doc.bio else frozenset()
    # "The speaker is X" or "a talk from X" anywhere but the bio (an email's only paragraph may have been
    # taken for the abstract) beats "X will visit" outside the abstract and bio.
    candidates = [(_PROSE_BEFORE, run) for run in runs(bio)] + [(_PROSE_AFTER, run) for run in runs(doc.prose_lines)]
    if in_abstract:  # "X will visit" in the abstract: an email's body is often all abstract ("Abstract:")
        inside = range(doc.abstract.first, doc.abstract.last + 1) if doc.abstract else range(0)
        candidates = [(_PROSE_AFTER, run) for run in runs(frozenset(range(len(doc.lines))) - frozenset(inside))]
    for pattern, line in candidates:
        if pattern is _PROSE_AFTER and not _PROSE_AFTER_TRIGGER.search(line.text):
            continue  # no "will" or "is": the pattern cannot match
        if not _MAY_MATCH[pattern is _PROSE_AFTER](line.text):
            continue  # none of the verbs and nouns every match holds
        for match in _prose_matches(pattern, line.text):
            if _person_from_prose(doc, result, excluded, pattern, line, match):
                return


def _prose_matches(pattern: re.Pattern[str], text: str, tries: int = 4) -> Iterator[re.Match[str]]:
    """Matches of a prose pattern, each tried from past the first word of the name before it: "On Monday,
    October 24, Lee Ward will speak" first reads "On Monday" as the name, then finds Lee Ward."""
    pos = 0
    for _ in range(tries):
        match = pattern.search(text, pos)
        if match is None:
            return
        yield match
        start = match.start("name")
        space = text.find(" ", start)
        pos = space if space > start else start + 1


def _person_from_prose(doc: Document, result: People, excluded: set[str], pattern: re.Pattern[str], line: Run,
                       match: re.Match[str]) -> bool:
    """Add the person a prose match names (with the affiliation beside it); False when it names nobody."""
    raw = match.group("name")
    if line.text[match.end("name"):match.end("name") + 1] in (":", "：") and " " in raw.strip():
        raw = raw.rsplit(None, 1)[0]  # "Led by Dr. Ana Ruiz\nReading: ch. 2": the next line's label is no name
    if re.search(r"\s[A-Z]$", raw):
        return False  # "... in Part I. I will present": the pronoun, not an initial
    affiliation = None
    after = match.end()
    generation = _GENERATION_AFTER.match(line.text, after) if pattern is not _PROSE_AFTER else None
    if generation:  # "Dr. Harold P. Vance, Jr., of the Natural History Survey": the suffix is the name's
        raw, after = f"{raw}, {generation.group('suffix')}", generation.end()
    if pattern is _PROSE_AFTER:
        affiliation = match.group("paren") or match.group("comma") or match.group("from")
    else:
        tail = re.match(r"\s*(?:\(([^()]{2,80})\)|,\s*(?:(?:of|from|at)\s+)?([^.;()]{2,120}?)(?:,\s*who\b|[.;]|$)|"
                        r"\s+(?:from|of)\s+([^,.;]{2,80}))", line.text[after:])
        if tail:
            affiliation = tail.group(1) or tail.group(2) or tail.group(3)
    name, position = _clean_name(_trim_name(raw))
    if not name:
        return False
    person = Speaker(name, None, position)
    listed = line.text[:match.start("name")]
    if pattern is _PROSE_AFTER and re.search(r",?\s+and\s+$", listed):
        # "A, Professor of X, and B, Research Fellow, both of Y, will present": the people before B
        _from_comma_records(doc, result, excluded, [Run(line.start, listed)])
        first = _NAME_AND.search(listed) if not result.speakers else None
        if first:  # "Dana Roe and Ali Khan will moderate"
            name_first, position_first = _clean_name(_trim_name(first.group("name")))
            if name_first:
                _add(result, Speaker(name_first, None, position_first), excluded,
                     (line.start + first.start("name"), line.start + first.end("name")))
    if affiliation:
        affiliation = _RUNS_INTO_DATE.sub("", affiliation).strip() or None
    shared = bool(affiliation and _SHARED_AFFILIATION.search(affiliation))
    if affiliation:
        rest = _SHARED_AFFILIATION.sub(", ", re.sub(r"(?i)^(?:an?|the)\s+", "", affiliation.strip())).strip(", ")
        parsed = parse_person(f"{name}, {rest}")
        person = Speaker(name, parsed.affiliation if parsed else rest,
                         position or (parsed.position if parsed else None))
    if _add(result, person, excluded, (line.start + match.start("name"), line.start + match.end("name"))):
        if shared:  # "both of Northfield State University" is everyone's
            result.speakers = [s if s.affiliation else replace(s, affiliation=person.affiliation)
                               for s in result.speakers]
        return True
    return False


_ZH_PROSE = patcache.compile(
    r"(?P<aff>[\u4e00-\u9fff]{2,24}(?:大学|学院|研究院|研究所|实验室|公司|中心|医院))(?P<name>[\u4e00-\u9fff]{2,3}?)"
    r"(?P<pos>" + "|".join(sorted(ZH_POSITIONS, key=len, reverse=True)) + r")(?:将于|作|来|在|于|应邀|为|做)"
)


def _from_chinese_prose(doc: Document, result: People, excluded: set[str]) -> None:
    """"香港科技大学罗志豪教授将于11月8日来我校作学术报告" → 罗志豪, 教授, 香港科技大学."""
    for line in doc.lines:
        if line.index in doc.prose_lines or not CJK_CHAR.search(line.text):
            continue
        match = _ZH_PROSE.search(line.text)
        if match:
            aff = re.sub(r"^.*(?:邀请到|邀请|欢迎|荣幸|请到|，|,)", "", match.group("aff"))
            person = Speaker(match.group("name"), aff or None, match.group("pos"))
            if _add(result, person, excluded, (line.start + match.start("name"), line.start + match.end("name"))):
                return


def _trim_name(raw: str) -> str:
    """Prose captures may run on: "Jane Roe From Stanford" → stop at a non-name word."""
    tokens = raw.split()
    out: list[str] = []
    for token in tokens:
        if out and (token.casefold().strip(".,") in _NOT_NAME_WORDS or token.casefold() in _ORG_WORDS):
            break
        if len(out) >= 2 and token == out[0]:
            break  # "Artist Joyce Scott\nJoyce Scott has studied": the name starts again
        out.append(token)
        if token.endswith(".") and len(token.strip(".")) > 2 and token.strip(".").isalpha() and \
                token.casefold().strip(".") not in {"prof", "dr", "mr", "mrs", "ms", "jr", "sr"}:
            break  # "Woody Vasulka. His lecture": the sentence ended
    return " ".join(out)


# A heading's series before a colon: "Statistics Department Seminar Series: ", "Topology Seminar: ".
_SERIES_PREFIX = patcache.compile(r"(?i)^[^:：]{2,60}?\b(?:seminars?|colloquium|lectures?|series|webinars?|workshop|"
                                  r"talks?|reading\s+group|journal\s+club)\s*[:：]\s+(?=\S)")


def _from_layout(doc: Document, result: People, excluded: set[str]) -> None:
    """A person's name alone on a line in the logistics part, its affiliation below: every such line is a
    candidate, scored from the weight table ("speaker_line")."""
    bio_head = doc.bio.text[:80] if doc.bio else ""
    layout = doc.layout
    found: list[Candidate] = []
    people_at: dict[int, list[Speaker]] = {}
    limit = min(len(doc.lines), 40)
    for line in doc.lines[:limit]:
        text = line.text.strip()
        if not text or line.index in doc.prose_lines or len(text) > 160 or _label_of(text):
            continue
        above = doc.lines[line.index - 1].text.strip() if line.index else ""
        if _RUNS_ON.search(text) or _RUNS_ON.search(above):
            continue  # a sentence running on: "Dana Whitfield, Associate Dean of Arts, and / Omar Bakr, ..."
        previous = _previous_text(doc, line.index)
        features = [f"block:{layout.kind(line.index)}"] if layout else []
        others: list[Speaker] = []
        span = (line.start, line.end)
        prefix = _SERIES_PREFIX.match(text)
        if prefix:  # "Statistics Seminar Series: Hyun Cho (Johns Hopkins University)": the series, then the speaker
            text = text[prefix.end():]
            span = (line.start + line.text.find(text), line.end)
            features.append("series_prefix")
        item = _SCHEDULE_ITEM.match(text)
        if item and (item.group("rest").lstrip()[:1] in "\"“" or line.index in doc.date_lines):
            # 'Robert DeKeyser "Error Correction"', "Gordon Lewis - 3:30 pm, Wednesday, May 5, HbH 1004"
            text = item.group("name")
            name_start = line.start + line.text.find(text)
            span = (name_start, name_start + len(text))
            features.append("schedule_item")
        person = parse_person(text)
        if person is None or not _looks_like_name(person.name):
            names = _SPLIT_SPEAKERS.split(text)  # "Bob Carpenter and Gerald Penn"
            named = [p for p in map(parse_person, names) if p and not p.affiliation and _looks_like_name(p.name)]
            if len(names) < 2 or len(named) < len(names):
                continue
            person, others = named[0], named[1:]
        if len(text) > 90:
            features.append("long_line")
        if previous.casefold().rstrip(":") in ("by", "speaker", "presented by", "主讲人", "报告人"):
            features.append("after_by")
        if re.match(r"(?i)(?:prof(?:essor)?|dr)\.?\s", text):
            features.append("honorific")
        if bio_head and _key(person.name.split()[0]) in _key(bio_head[:40]):
            features.append("opens_bio")
        extra = _affiliation_below(doc, line.index)
        if extra or (person.affiliation and (_has_org_word(person.affiliation) or person.position or
                                             _POSITION_WORD.search(person.affiliation))):
            features.append("affiliation")
        if extra and not person.affiliation:
            person = _with_affiliation(person, extra)
        below = _next_text(doc, line.index)
        if EMAIL.fullmatch(below.strip("<>()")):
            features.append("email_below")  # "Michael Christel" over "mac@sei.cmu.edu"
            person = Speaker(person.name, person.affiliation, person.position, person.email or below.strip("<>()"),
                             person.url)
        if _named_elsewhere(doc, person.name, line.index):
            features.append("named_elsewhere")  # the subject says "HCI Seminar/Ralph Hill", the text "Mr. Kurtz"
        if previous[:1] in "\"“'" or previous[-1:] in "\"”'":
            features.append("after_quoted")  # a centred block: the quoted title, then the speaker
        found.append(candidate("speaker_line", person.name, span, "name_line", features))
        people_at[span[0]] = [person, *others]
    choice = choose("speaker_line", found, threshold=2.4)
    result.choices.append(choice)
    if choice.winner:
        people = people_at[choice.winner.start]
        if _add(result, people[0], excluded, (choice.winner.start, choice.winner.end)):
            _note_affiliation_lines(doc, doc.line_at(choice.winner.start), result)
            for other in people[1:]:
                _add(result, Speaker(other.name, people[0].affiliation, other.position), excluded,
                     (choice.winner.start, choice.winner.end))


def _note_affiliation_lines(doc: Document, line_index: int, result: People) -> None:
    """Mark the lines read as affiliation (past a blank line in a centred block), so that no other field
    reads them again."""
    for line in _affiliation_lines(doc, line_index):
        result.evidence.append(Evidence("speakers", line.start, line.end))


def _next_text(doc: Document, index: int) -> str:
    for line in doc.lines[index + 1:index + 3]:
        if line.text.strip():
            return line.text.strip()
    return ""


def _named_elsewhere(doc: Document, name: str, index: int) -> bool:
    """The surname appears on another line that is not right next to this one (a header, the prose)."""
    surname = name.split()[-1]
    if len(surname) < 3 or surname.casefold() in COMMON_TITLE_WORDS:
        return False
    if fold(doc.text).count(fold(surname)) < 2:
        return False  # on this line only: no pattern to make
    pattern = re.compile(rf"\b{re.escape(surname)}\b", re.IGNORECASE)
    return any(pattern.search(line.text) for line in doc.lines
               if abs(line.index - index) > 1 and line.text.strip())


def _previous_text(doc: Document, index: int) -> str:
    for line in reversed(doc.lines[max(0, index - 2):index]):
        if line.text.strip():
            return line.text.strip()
    return ""


def _from_bio(doc: Document, result: People) -> None:
    if not doc.bio:
        return
    match = re.match(rf"^({_NAME_RUN})\s+(?:is|was|received|joined|holds|has)\b", doc.bio.text)
    if match:
        name, position = _clean_name(_trim_name(match.group(1)))
        if name:
            _add(result, Speaker(name, None, position), set(), (doc.bio.start, doc.bio.start + len(match.group(1))))
        return
    zh = re.match(r"^([\u4e00-\u9fff]{2,4})(?:教授|研究员|博士)?[，,]", doc.bio.text)
    if zh:
        _add(result, Speaker(zh.group(1)), set(), (doc.bio.start, doc.bio.start + len(zh.group(1))))


_SCHEDULE_ITEM = patcache.compile(rf"^(?P<name>{_NAME_RUN})(?P<rest>\s+[\"“].+|\s+[-–]\s.+)$")
_SHARED_AFFILIATION = patcache.compile(r"(?i)(?:^|,\s*)(?:both|all)\s+of\s+(?:the\s+)?")
_RUNS_ON = patcache.compile(r"(?:,|\s(?:and|or|of|the))$")
_SENTENCE_BREAK = patcache.compile(r"(?<=[a-z]{2})[.!?][\"”’~]?\s+|[;:~\"”]\s+")
_DEGREE_ONLY = patcache.compile(r"^(?:Ph\.?\s?D\.?|M\.?D\.?|MPH|MBA|Jr\.?|Sr\.?|II|III|\d(?:st|nd|rd|th))$")


def _from_comma_records(doc: Document, result: People, excluded: set[str], runs: list[Run] | None = None) -> None:
    """"Special High Energy Seminar, Steve Blusk, University of Pittsburgh, ..." and "Carla Gary, Associate
    Dean of the Faculty": a name as one comma-separated item, its position or organisation as the next."""
    bio = frozenset(range(doc.bio.first, doc.bio.last + 1)) if doc.bio else frozenset()  # people in a bio
    for run in runs if runs is not None else doc.runs(bio):
        segments = [s.strip() for s in run.text.replace("\n", " ").split(",")]
        for i, segment in enumerate(segments[:-1]):
            segment = _SENTENCE_BREAK.split(segment)[-1]  # "... Race and Gender.~  Carla Gary, Associate Dean"
            if result.speakers:
                segment = re.sub(r"^and\s+", "", segment)  # "A, Dean of Arts, and B, Professor of History"
            tokens = segment.split()
            if not 2 <= len(tokens) <= 5 or any(ch.isdigit() for ch in segment):
                continue
            if not segment.isupper() and any(t.isupper() and 2 <= len(t) <= 4 and t.isalpha() for t in tokens):
                continue  # "EPP Grad Student": an acronym, not a name
            if any(_HONORIFIC.match(f"{t} ") for t in tokens[1:]):
                continue  # "After Ms. Ash": a word before the name
            name, position = _clean_name(segment)
            if not name or not _looks_like_name(name) or name.casefold() in COMMON_TITLE_WORDS:
                continue
            following = []
            for item in segments[i + 1:i + 4]:
                if re.match(r"and\s", item):
                    break  # the next person of a list
                if not _DEGREE_ONLY.match(item):
                    following.append(_SHARED_AFFILIATION.sub("", item))
            if not following or not (_has_org_word(following[0]) or _POSITION_WORD.search(following[0])):
                continue
            person = parse_person(", ".join([name, *following[:2]])) or Speaker(name)
            offset = run.start + run.text.replace("\n", " ").find(segment)
            _add(result, Speaker(name, person.affiliation, person.position or position), excluded,
                 (offset, offset + len(segment)))
        if result.speakers:
            return  # the people of one paragraph


# "Joy Mountford Presentation", "Steve Shafer at IUS seminar", "Hirokazu Fukawa Lecture", "J. Morgan's talk"
_TITLE_NAME = patcache.compile(
    rf"^(?P<name>{_NAME_RUN}?)(?:'s)?(?:\s[A-Z]{{2,6}})?\s+(?i:talk|talking|lecture|presentation|seminar|at|on|visit)\b")


def _from_title_label(doc: Document, result: People, excluded: set[str]) -> None:
    """Last resort: a subject line that opens with the speaker's name."""
    item = doc.first("title")
    if item is None:
        return
    for piece in re.split(r"\s*[/|]\s*", item.value):
        match = _TITLE_NAME.match(piece.strip())
        raw = match.group("name") if match else ""
        words = [w.casefold().strip(".") for w in raw.split()]
        # A subject is mostly words: only a name with no title word and not in capitals ("CEE EES") counts.
        if match and not raw.isupper() and not any(w in COMMON_TITLE_WORDS for w in words):
            name, position = _clean_name(raw)
            if name and _add(result, Speaker(name, None, position), excluded,
                             (item.value_start, item.value_start + len(item.value))):
                return


def _host(doc: Document, result: People) -> str | None:
    """The host, inviter, moderator or contact person: one resolver over every source (weights.py)."""
    layout = doc.layout
    found: list[Candidate] = []

    def add(name: str | None, span: tuple[int, int], rule: str, line_index: int | None) -> None:
        if not name:
            return
        features = [f"block:{layout.kind(line_index)}"] if layout and line_index is not None else []
        if any(_same_person(s.name, name) for s in result.speakers):
            features.append("is_speaker")
        first_name_only = rule == "role_note" and _FIRST_NAME.fullmatch(name)  # "Mateo (seminar organiser)"
        if not (_looks_like_name(name) or _CJK_NAME.match(name) or first_name_only):
            features.append("not_a_person")
        found.append(candidate("host", name, span, rule, features))

    for item in doc.labelled:
        if not item.value or item.key not in ("host", "chair", "not_speaker"):
            continue
        if item.key == "not_speaker" and not _ADVISOR_LABEL.match(item.label):
            continue
        rule = {"chair": "chair_label", "not_speaker": "advisor"}.get(item.key) or \
            ("contact_label" if _CONTACT_LABEL.match(item.label) else "label")
        value = _CONTACT_VERB.sub("", item.value)
        first = next(iter(_split_speakers(value)), value)
        person = parse_person(first)
        add(person.name if person else None, (item.value_start, item.value_start + len(item.value)), rule,
            item.line)
    for line in lines_that_may(doc, _may_name_host):
        if line.index in doc.prose_lines and line.index not in doc.label_lines:
            continue
        if line.text.lstrip()[:1] in ("(", "（") and line.index and _ORGANISER_NOTE_LINE.fullmatch(line.text.strip()):
            above = doc.lines[line.index - 1]
            person = parse_person(above.text) if above.text.strip() else None
            if person and not person.affiliation:
                add(person.name, (above.start, above.end), "role_note", above.index)
            continue
        if not _HOST_TRIGGER.search(line.text):
            continue  # none of the host phrasings can match: one cheap look instead of five patterns
        for pattern, rule in _HOST_PROSE:
            for match in pattern.finditer(line.text):
                name, _ = _clean_name(_trim_name(match.group("name")))
                add(name, (line.start + match.start("name"), line.start + match.end("name")), rule, line.index)
    sender = _sender_host(doc)
    if sender:
        add(*sender)
    organiser = _organiser_signature(doc)
    if organiser:
        add(*organiser)
    choice = choose("host", found, threshold=0.0)
    result.choices.append(choice)
    if choice.winner is None:
        return None
    result.evidence.append(Evidence("host", choice.winner.start, choice.winner.end, choice.winner.rule,
                                    choice.winner.score))
    return choice.winner.value


def _may_name_host(text: str) -> bool:
    return any(map(fold(text).__contains__, HOST_WORDS))


_ORGANISER_WORD = patcache.compile(r"(?i)organi[sz]|conven|coordinat")  # the cheap look before SIGNATURE_ORGANISER


def _organiser_signature(doc: Document) -> tuple[str, tuple[int, int], str, int | None] | None:
    """The email is signed by the series' organiser: "-- / Dr Mara Quist / Lecturer … / Topology Seminar
    organiser", or "— Mara Quist, organiser" at the end. The signed name hosts."""
    tail = [line for line in doc.lines[-14:] if line.text.strip()]
    role_at = next((i for i, line in enumerate(tail) if len(line.text) < 90 and _ORGANISER_WORD.search(line.text)
                    and SIGNATURE_ORGANISER.search(line.text.strip())), None)
    if role_at is None:
        return None
    for line in tail[max(0, role_at - 4):role_at + 1]:  # the name is on the role's line or just above it
        text = line.text.strip().lstrip("—–- ").strip()
        if SIGN_OFF.match(text):
            continue
        head = re.split(r"\s*[,|]\s*", text, maxsplit=1)[0]
        person = parse_person(head)
        if person and _looks_like_name(person.name) and len(person.name.split()) >= 2:
            return person.name, (line.start, line.end), "organiser_signature", None
    return None


def _sender_host(doc: Document) -> tuple[str, tuple[int, int], str, int | None] | None:
    """"I am delighted to be hosting Dr. X", "contact me": the sender hosts; their name is signed below the
    text or given in the From: header ("Raghunathan, Priya" → "Priya Raghunathan")."""
    found = SENDER_HOSTS.search(doc.text) if _MAY_BE_SENDER_HOST(doc.text) else None
    if found is None:
        return None
    cue = doc.lines[doc.line_at(found.start())]
    layout = doc.layout
    if layout:
        for line in doc.lines:
            if layout.kind(line.index) == "signature" and not SIGN_OFF.match(line.text):
                person = parse_person(line.text)
                if person and _looks_like_name(person.name):
                    return person.name, (line.start, line.end), "sender_hosting", None
    name, _ = _clean_name(sender_name(doc.headers.get("from")) or "")
    if name and _looks_like_name(name):
        return name, (cue.start, cue.end), "sender_hosting", None
    return None




# The institution a thesis notice is headed with: "华中科技大学电气与电子工程学院", "Georgia Institute of Technology",
# "Department of Physics, University of Leeds" (the part naming the university), on a header line of its own.
_HOME_ZH = patcache.compile(r"^[\u4e00-\u9fff（）()]{2,30}(?:大学|学院|研究院|研究所)"
                            r"(?:[\u4e00-\u9fff]{1,20}(?:学院|系|研究所|研究院))?$")
_HOME_EN = patcache.compile(
    r"(?i)^(?:the\s+)?(?:[A-Z][\w&.'’-]*\s+){0,5}?(?:university|institute|college|universit[äéà]t?e?)\b"
    r"(?:\s+(?:of|for|at)\s+[\w&.'’ -]{2,60})?$|^(?i:(?:the\s+)?university\s+of\s+[\w&.'’ -]{2,60})$")
_HOME_PARTS = patcache.compile(r"(?<!\s)\s++[—–-]\s+|,\s+")  # from a run's first space: linear on long runs
_HOME_HEADER_LINES = 8


def home_affiliation(doc: Document, speakers: list[Speaker], event_type: str | None) -> list[Speaker]:
    """A thesis defense or proposal is the candidate's own institution's: when the one candidate has no
    affiliation of their own, the institution the notice is headed with (a line before its first label)."""
    if event_type not in ("defense", "proposal") or len(speakers) != 1 or speakers[0].affiliation:
        return speakers
    first_label = min((item.line for item in doc.labelled if not item.inline), default=len(doc.lines))
    lay = doc.layout
    seen = 0
    found: str | None = None
    for line in doc.lines[:first_label]:
        text = line.text.strip()
        if not text or (lay is not None and lay.is_other(line.index)):
            continue
        seen += 1
        if seen > _HOME_HEADER_LINES:
            break
        if CJK_CHAR.search(text):
            if _HOME_ZH.match(text.replace(" ", "")):
                found = found or text.replace(" ", "")
            continue
        for part in _HOME_PARTS.split(text):
            if len(part) <= 90 and _HOME_EN.match(part.strip(" .")):
                found = part.strip(" .")  # the university line below "School of …" is the institution
    return [replace(speakers[0], affiliation=found)] if found else speakers
