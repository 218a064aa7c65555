"""Stage 3: the cleaned text as a :class:`Document`: lines, labelled values and prose sections.

Labelled values cover ``Label: value``, ``Label:`` with the value on the next line, and the
tab/space-padded forms of flattened tables. Sections are the abstract and the bio, found by
heading (English or Chinese, alone on a line or inline) or, without a heading, by shape: a
third-person paragraph that opens with a name is a bio; the longest remaining prose is the abstract.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING

from seminar_parse import patcache
from seminar_parse.fastre import anything, gated, needles
from seminar_parse.patterns import CJK_CHAR
from seminar_parse.vocab import LABELS, SECTION_END, SECTION_KEYS, TALK_LANGUAGE_NOTE, simplified

if TYPE_CHECKING:
    from seminar_parse.layout import Layout

_LABEL_INDEX: dict[str, str] = {
    re.sub(r"\s+", " ", label.casefold()): key for key, labels in LABELS.items() for label in labels
}
# "Label : value", "Label\t;:\tvalue", "报 告 人：value". The label is short and has no sentence in it.
_LABELLED = patcache.compile(r"^(?P<label>[^:：;|\n]{1,32}?)\s*[:：;|](?:\s*[:：;|])*\s*(?P<value>.*)$")
# "【报告题目】value", "[Speaker] value": a label in brackets needs no colon.
# "Speaker Thibault Lemoine-Akpovi (Université de Strasbourg)": an event page's label without its colon,
# followed on the line by a name alone (capitalised words, maybe a bracket) — not "Speaker Series 2024".
_UNCOLONED_SPEAKER = patcache.compile(
    r"^(?P<label>Speakers?|Presenters?|Lecturer)\s(?!(?:Series|Bureau|Program|Programme|Spotlight|Awards?|Events?|"
    r"Nights?|Lists?|Notes?|Guidelines?|Information)\b)"
    r"(?P<value>(?:(?:Prof|Dr|Mr|Ms|Mrs|Mx)\.?\s)?[A-ZÀ-Ý][\w'’.-]+(?:\s[A-ZÀ-Ý][\w'’.-]+){1,4}"
    r"(?:\s?\([^()\n]{2,100}\))?)$"
)
_BRACKET_LABELLED = patcache.compile(
    r"^\s{0,4}(?P<label>[【\[［〔][^】\]］〕\n]{1,16}[】\]］〕])\s*[:：]?\s*(?P<value>.*)$")
# What a label may carry in front: bullets and emoji ("▲ 报告人", "● Zoom", "📍 Location", "◎ 报告摘要").
# A label as printed: the longest known one with its bullet, number, markup and spacing ("报  告  人") —
# four times over, so that no real label is ever cut off; anything longer is prose.
_LONGEST_PRINTED_LABEL = 4 * max(map(len, _LABEL_INDEX)) + 40
_LABEL_LEAD = patcache.compile(r"^[\s\W_]{0,4}?(?=[^\W_])")
_LABEL_SEPARATORS = frozenset(":：;|")
_LABEL_SEPARATOR = patcache.compile(f"[{''.join(sorted(_LABEL_SEPARATORS))}]")
_CJK_SPACES = patcache.compile(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")
# Labels that may stand alone on a line without a colon, the value following below.
_BARE_LABEL_KEYS = frozenset({"abstract", "bio", "speaker", "when_where", "host", "chair"})
_BARE_LABELS = frozenset({"by", "speaker", "speakers", "abstract", "bio", "biography", "summary",
                          "panelists", "panelist", "panellists"})
# Keys whose Chinese or numbered label may stand alone as a heading over its value ("一、讲座题目").
_HEADED_KEYS = frozenset({"title", "speaker", "date", "time", "when", "venue", "host", "chair", "online",
                          "when_where", "meeting_id", "passcode"})
# A host or chair label alone on its line ("主持人" / "王海峰 教授" below): only these, not "Contact" or "Chair".
_BARE_HOST_LABELS = frozenset({"host", "hosts", "faculty host", "moderator", "主持人", "邀请人", "主持", "联系人"})
# Lines that end a prose section even without a new heading.
_SECTION_STOP = patcache.compile(
    r"^(?:all (?:are )?welcome|everyone is welcome|everybody welcome|欢迎|for more information|"
    r"refreshments|light refreshments|coffee|lunch will|pizza|contact\b|sponsored by|organized by|"
    r"this (?:talk|seminar|event|lecture) is (?:organized|hosted|sponsored)|this is a hybrid|"
    r"join zoom|zoom link|https?://\S+zoom|meeting id|passcode|tags?:|categories:|--\s*$|"
    r"(?:the|this)\s+(?:defen[cs]e|talk|seminar|lecture|event|colloquium|webinar|session|presentation|meeting)\s+"
    r"(?:is open|is free|is online|is in[- ]person|is hybrid|will be (?:held|followed|recorded|streamed|broadcast|"
    r"online)|will take place)|join (?:on|via|us on|the)\s+(?:zoom|teams|microsoft teams|webex|meeting)|"
    r"registration (?:is|required)|"
    # a sign-off; "best", "regards", "cheers" and "sincerely" alone or before a comma ("Best, Ana"), not
    # opening a wrapped line ("best paper award at SODA 2023.")
    r"(?:see you|thanks|thank you)\b.{0,40}$|(?:best(?: regards| wishes)?|regards|cheers|sincerely)"
    r"(?:\s*[,!.;—–-].{0,40})?\s*$|"
    r"posted(?: on| by)?\s*:?\s|last updated|page last updated|发布时间|发布日期)",
    re.IGNORECASE,
)
# Prose that is the announcement speaking, not the abstract: "Join us on ... at 4 pm".
# Logistics said in prose. Three patterns, each searched only where it can match: the words (any one of them
# holds a word the text must contain, tested first), a clock ("4 pm"), and what a paragraph opens with.
_LOGISTICS_WORDS = gated(
    r"(?i)\bjoin us\b|\bwill speak\b|\bwill give a (?:talk|lecture|seminar)\b|\bis organi[sz]ed by\b|all are welcome|"
    r"refreshments|欢迎|举办|encouraged to attend|welcome to attend|open to (?:all|the public|everyone)|"
    r"registration (?:is|required)|(?:zoom|teams|webex) (?:link|meeting)|meeting id"
)
_LOGISTICS_CLOCK = gated(r"(?i)\b\d{1,2}(?::\d\d)?\s?(?:am|pm|a\.m\b|p\.m\b)")
_LOGISTICS_OPENING = patcache.compile(
    r"(?i)^join (?:on|via|the|us)\b|^(?:code|slides|paper|video|recording)s?\b[^:]{0,30}:|"
    r"^(?:the\s+)?(?:slides|videos?|recordings?|papers?|code)\b.{0,80}\bavailable\b"
)
_MAY_HOLD_LOGISTICS_WORDS = needles(_LOGISTICS_WORDS) or anything
# A paragraph's first sentence: up to a full stop followed by a space (or a Chinese full stop).
_FIRST_SENTENCE = patcache.compile(
    r"^.{20,400}?(?:(?<!\bDr)(?<!\bMr)(?<!\bMs)(?<!\bMrs)(?<!\bProf)(?<!\bSt)(?<!\b[A-Z])[.!?](?=\s)|[。！？])")
# (not the stop of "Dr. Oksana", "Prof. Lee": an honorific opens a name, not a sentence)
_SENTENCE_INSIDE = gated(r"[a-z\u4e00-\u9fff](?<!\bDr)(?<!\bMr)(?<!\bMs)(?<!\bMrs)(?<!\bProf)(?<!\bSt)"
                              r"[.!?。！？]\s*[A-Z\u4e00-\u9fff]")
# "Katia Sycara will present ...", "Maurice Cohen from Wharton will be giving a seminar": the announcement
# speaking about a person (not "I will present", "We will show", which open abstracts). Only in a
# paragraph's first sentence: an abstract may go on "Professor X will present linked analyses ...".
_PERSON_WILL_PRESENT = patcache.compile(
    r"(?-i:\b(?!(?:We|This|The|It|They|He|She|You|Our|In|I)\b)[A-Z][a-z]+)(?:\s[^.\n]{0,60})?\s"
    r"will\s(?:be\s)?(?:present|presenting|talk|talking|speak|speaking|give|giving|lecture|discuss)\b")
_MAY_HOLD_PERSON_WILL_PRESENT = needles(_PERSON_WILL_PRESENT) or anything
_THIRD_PERSON = patcache.compile(r"\b(?:he|she|his|her|they|their|him)\b", re.IGNORECASE)
_BIO_START_EN = patcache.compile(
    r"^(?!(?:This|That|It|There|Here|The|A|An|We|Our|In|On|At|For|Please)\b)"  # "This is a reminder" is no bio
    r"(?:(?:Dr|Prof|Professor|Mr|Ms|Mrs)\.?\s+)?[A-Z][\w'’.\-]{0,30}(?:\s+[A-Z][\w'’.\-]{0,30}){0,3}"
    r"(?:\s*\([^()\n]{1,60}\))?,?\s+(?:is|was|received|joined|obtained|earned|holds|has|serves|currently|"
    r"leads|directs|completed|graduated|works)\b"
)
# "Carolina Mendes Albuquerque directs the Renal Epidemiology Group": a full name and a career verb open a
# bio even when it never says "she" (a short one); "Graphs is …" or a one-word subject does not.
_CAREER_OPENING = patcache.compile(
    r"^(?:(?:Dr|Prof|Professor)\.?\s+)?[A-Z][\w'’.\-]{1,30}(?:\s+[A-Z][\w'’.\-]{0,30}){1,3},?\s+"
    r"(?:directs|chairs|received|joined|obtained|earned|holds|serves\s+as|graduated|completed|"
    r"is\s+(?:an?\s+)?(?:(?:assistant|associate|full|distinguished|senior|principal|research)\s+)*"
    r"(?:professor|lecturer|reader|fellow|scientist|researcher|postdoc|director|phd\s+(?:student|candidate)))\b"
)
_BIO_START_ZH = patcache.compile(r"^[\u4e00-\u9fff]{2,4}(?:教授|研究员|博士|老师|先生|女士)?[，,（(]")
_BIO_ZH_CUE = patcache.compile(r"男|女|教授|研究员|博士|毕业|现任|获得|担任|入选|主要从事|研究方向")
# "Duration: 1 1/2 hour", "1ST MEETING: 25 September": a label, known to us or not
ANY_LABEL = patcache.compile(r"[A-Za-z0-9][\w /()&-]{0,30}:(?:\s|$)")
_SENTENCE_END = ("." , "!", "?", ":", "。", "！", "？", "：", "”", '"')


@dataclass(frozen=True)
class Line:
    index: int
    text: str
    start: int

    @property
    def end(self) -> int:
        return self.start + len(self.text)


@dataclass(frozen=True)
class Labelled:
    """A ``Label: value`` pair; ``value_line`` is where the value sits (the next line when the label is alone)."""

    key: str
    label: str
    value: str
    line: int
    value_line: int
    value_start: int
    inline: bool = False  # found after a sentence on the line, not at its start


@dataclass(frozen=True)
class Block:
    """A prose section (abstract or bio): its heading line (or None) and body line range."""

    kind: str
    heading: int | None
    first: int
    last: int  # inclusive
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Run:
    """Consecutive non-blank lines: ``text`` keeps their line breaks and the document's offsets."""

    start: int
    text: str
    prose: bool = False  # inside the abstract or the bio


@dataclass(frozen=True)
class Document:
    text: str
    lines: tuple[Line, ...]
    labelled: tuple[Labelled, ...]
    abstract: Block | None
    bio: Block | None
    headers: dict[str, str] = field(default_factory=dict)
    hidden_links: tuple[str, ...] = ()
    # Lines holding a date or time, as the date grammar found them (filled in after fields/when.py runs).
    date_lines: frozenset[int] = frozenset()
    # Block kinds and heading cues of every line (layout.py), computed once by the pipeline.
    layout: Layout | None = None

    def values(self, key: str) -> list[Labelled]:
        return [item for item in self.labelled if item.key == key]

    def first(self, key: str) -> Labelled | None:
        return next((item for item in self.labelled if item.key == key), None)

    @cached_property
    def prose_lines(self) -> frozenset[int]:
        """Lines inside the abstract or the bio: dates and names there are not the talk's."""
        out: set[int] = set()
        for block in (self.abstract, self.bio):
            if block:
                out.update(range(block.first, block.last + 1))
        return frozenset(out)

    @cached_property
    def label_lines(self) -> frozenset[int]:
        out: set[int] = set()
        for item in self.labelled:
            out.add(item.line)
            out.add(item.value_line)
        return frozenset(out)

    def wrapped_value(self, item: Labelled) -> list[Line]:
        """Unlabelled lines between this labelled line and the next label of a header block: the value
        wrapped ("Place: University of Pittsburgh / Department of Economics / 4P56 Forbes Quadrangle / PostedBy:")."""
        out: list[Line] = []
        for line in self.lines[item.value_line + 1:item.value_line + 4]:
            if not line.text.strip():
                return []  # the block ended without another label: a paragraph, not a wrapped value
            if line.index in self.label_lines or ANY_LABEL.match(line.text):
                return out  # "Duration: 1 1/2 hour": a label we do not read still ends the value
            if line.index in self.date_lines:
                return out  # "Location: Hall 3" / "Tuesday, May 13, 2025, 10:00": the date is not the place
            out.append(line)
        return []

    def runs(self, skip: frozenset[int] | set[int] = frozenset()) -> list[Run]:
        """Runs of consecutive non-blank lines not in ``skip``: what wraps over a line break ("Doherty\nHall
        1112", "will be given by\nDr. Jane Roe") is read across it."""
        out: list[Run] = []
        run: list[int] = []
        for line in [*self.lines, None]:
            if line is not None and line.text.strip() and line.index not in skip:
                run.append(line.index)
                continue
            if run:
                first, last = self.lines[run[0]], self.lines[run[-1]]
                out.append(Run(first.start, self.text[first.start:last.end]))
                run = []
        return out

    def head(self, limit: int) -> Document:
        """The document's first ``limit`` characters or so, with what was found there: the lines (cut after the
        last one that ends within the limit, or inside a line that runs far past it), the labels whose value
        starts there, the abstract and bio that start there (whole), their layout. Offsets stay the text's."""
        if len(self.text) <= limit:
            return self
        last = self.line_at(limit)
        count = last + 1 if self.lines[last].end <= limit else last
        lines = self.lines[:count]
        if not lines or lines[-1].end < limit // 2:  # one line runs on past the limit: keep its beginning
            line = self.lines[count]
            lines = (*lines, Line(line.index, line.text[:limit - line.start], line.start))
        count = len(lines)
        lay = self.layout
        if lay is not None:
            lay = replace(lay, kinds=lay.kinds[:count], headings=frozenset(i for i in lay.headings if i < count))
        return replace(self, text=self.text[:lines[-1].end], lines=lines,
                       labelled=tuple(item for item in self.labelled if item.value_line < count),
                       abstract=self.abstract if self.abstract and self.abstract.first < count else None,
                       bio=self.bio if self.bio and self.bio.first < count else None,
                       date_lines=frozenset(i for i in self.date_lines if i < count), layout=lay)

    def line_at(self, offset: int) -> int:
        """Index of the line holding character ``offset``."""
        lo, hi = 0, len(self.lines) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.lines[mid].start <= offset:
                lo = mid
            else:
                hi = mid - 1
        return lo


# "三、", "2.", "(一)", "IV." before a heading: "四、主讲人简介"
_ENUMERATOR = patcache.compile(r"^(?:[一二三四五六七八九十]{1,3}[、.．]|\d{1,2}[.、)]|"
                               r"[（(][一二三四五六七八九十\d]{1,3}[)）]|"
                               r"[IVX]{1,4}\.)\s*")


def _plainly_no_label(text: str) -> bool:
    """What tells at once that ``text`` is no label: longer than any printed one (a line of prose), or a
    colon past the lead (at most four characters, so it stays in the label, and no label holds one)."""
    return len(text) > _LONGEST_PRINTED_LABEL or bool(_LABEL_SEPARATOR.search(text.strip(), 4))


# No label holds an ASCII digit, and every step below treats one digit as any other ("Speaker 2" → "Speaker 0",
# "3. Title" → "0. Title"), so the key of a label is the key of its digits zeroed: "Item 1" … "Item 50000" are
# one cache entry, not fifty thousand misses. (tests/test_sections.py checks the vocabulary has no digit.)
_ZERO_ASCII_DIGITS = bytes.maketrans(b"123456789", b"000000000")
_ASCII_LETTERS = string.ascii_letters.encode()
# Folding a label drops no letter but an enumerator's ("IV. Abstract"): an ASCII text with more letters than
# the longest label plus four is no label, whatever its spacing and markup ("Item 12: we study the …").
_MOST_LABEL_LETTERS = max(sum(ch in string.ascii_letters for ch in label) for label in _LABEL_INDEX) + 4


def label_key(label: str) -> str | None:
    """Canonical key for a printed label, or None: ``"报 告 人"`` → ``"speaker"``."""
    if label.isascii():  # bytes.translate: a tenth of str.translate's cost
        raw = label.encode()
        if len(raw) - len(raw.translate(None, _ASCII_LETTERS)) > _MOST_LABEL_LETTERS:
            return None
        label = raw.translate(_ZERO_ASCII_DIGITS).decode()
    return _label_key(label)


@lru_cache(maxsize=4096)
def _label_key(label: str) -> str | None:
    if _plainly_no_label(label):
        return None
    folded = _LABEL_LEAD.sub("", label.strip())
    if not _LABEL_SEPARATORS.isdisjoint(folded):
        return None  # no label holds a colon: this is "key: value" or prose
    folded = _ENUMERATOR.sub("", folded.strip("*_#[]【】［］〔〕").strip()).strip("*_#[]【】［］〔〕 ")
    # the common case, ASCII, without the Chinese folding ("报 告 人", Traditional characters)
    folded = folded.casefold() if folded.isascii() else simplified(_CJK_SPACES.sub("", folded).casefold())
    folded = " ".join(folded.split())
    key = _LABEL_INDEX.get(folded)
    if key is None and folded[-1:].isdigit():  # "Speaker 1", "Speaker #2"
        key = _LABEL_INDEX.get(folded.rstrip("0123456789#").strip())
    return key


_BLOCK_LINES = 64
_BLOCK_CHARS = _BLOCK_LINES * 48  # a block of longer lines (prose) costs more to test than to visit line by line


def lines_that_may(doc: Document, may_match: Callable[[str], bool], first: int = 0,
                   last: int | None = None) -> Iterable[Line]:
    """Lines ``first``..``last`` in order, less the blocks of lines none of which can match: ``may_match`` is true
    of any text that holds a line a pattern matches (as fastre.needles are), so one test of a block's text
    stands for a visit to each of its lines. On a large input of short lines nearly every block is passed
    over; a short input, or a block of long lines, is visited line by line, as testing it would cost more."""
    stop = len(doc.lines) if last is None else last + 1
    if stop - first < _BLOCK_LINES:
        return doc.lines[first:stop]
    return _blocks_that_may(doc, may_match, first, stop)


def _blocks_that_may(doc: Document, may_match: Callable[[str], bool], first: int, stop: int) -> Iterator[Line]:
    lines = doc.lines
    for at in range(first, stop, _BLOCK_LINES):
        end = min(at + _BLOCK_LINES, stop)
        start, finish = lines[at].start, lines[end - 1].end
        if end - at < _BLOCK_LINES or finish - start > _BLOCK_CHARS or may_match(doc.text[start:finish]):
            yield from lines[at:end]



def split_document(text: str, *, hidden_links: tuple[str, ...] = (), headers: dict[str, str] | None = None,
                   front_matter: frozenset[str] = frozenset()) -> Document:
    """Build the :class:`Document` for cleaned ``text`` (``front_matter``: the lines of a page's YAML header)."""
    lines = _lines(text)
    labelled = _labelled(lines)
    abstract, bio = _sections(lines, labelled, front_matter)
    return Document(text, lines, tuple(labelled), abstract, bio, headers or {}, hidden_links)


def _lines(text: str) -> tuple[Line, ...]:
    out: list[Line] = []
    offset = 0
    for index, line in enumerate(text.split("\n")):
        out.append(Line(index, line, offset))
        offset += len(line) + 1
    return tuple(out)


# "The seminar is on Friday. Location: Room 3-370." — a label after a sentence, on the same line.
_INLINE_LABEL = patcache.compile(
    r"(?<=[.;!?。；])\s+(?P<label>[A-Z][A-Za-z ]{1,20}|[\u4e00-\u9fff]{2,6})\s?[:：]\s*(?P<value>[^\n]{2,200})$")
_SENTENCE_MARKS = ".;!?。；"
_INLINE_KEYS = frozenset({"speaker", "venue", "host", "title", "time", "date", "online", "passcode", "meeting_id"})


def _inline_label(line: Line) -> Labelled | None:
    text = line.text
    if not (":" in text or "：" in text) or not any(map(text.__contains__, _SENTENCE_MARKS)):
        return None  # the pattern needs both; looked for first, as nearly every line lacks one
    match = _INLINE_LABEL.search(text)
    if not match:
        return None
    key = label_key(match.group("label"))
    if key not in _INLINE_KEYS:
        return None
    value = match.group("value").strip().rstrip(".。")
    return Labelled(key, match.group("label"), value, line.index, line.index, line.start + match.start("value"),
                    inline=True)


def _labelled(lines: tuple[Line, ...]) -> list[Labelled]:
    found: list[Labelled] = []
    for line in lines:
        parsed = _parse_label(line)
        if parsed is None:
            inline = _inline_label(line) if len(line.text) < 300 else None
            if inline:
                found.append(inline)
            continue
        key, label, value, value_start = parsed
        value_line = line.index
        if not value and key not in SECTION_KEYS:
            nxt = _next_nonblank(lines, line.index)
            if nxt is not None and _parse_label(nxt) is None and not ANY_LABEL.fullmatch(nxt.text.strip()):
                value, value_line, value_start = nxt.text, nxt.index, nxt.start
        found.append(Labelled(key, label, value.strip(), line.index, value_line, value_start))
    return found


def _parse_label(line: Line) -> tuple[str, str, str, int] | None:
    text = line.text
    if not text or len(text) > 2000:
        return None
    match = _BRACKET_LABELLED.match(text) or _LABELLED.match(text)
    if match:
        key = label_key(match.group("label"))
        if key:
            return key, match.group("label").strip(), match.group("value"), line.start + match.start("value")
    uncoloned = _UNCOLONED_SPEAKER.match(text.strip()) if text[:1] in "SPLspl " else None
    if uncoloned:
        return "speaker", uncoloned.group("label"), uncoloned.group("value"), \
            line.start + text.find(uncoloned.group("value"))
    bare = text.strip().rstrip(".").strip()
    if _plainly_no_label(bare):
        return None  # "Item 12: we study", told before label_key hashes the line for its cache
    key = label_key(bare)
    if key is None:
        return None
    folded = _LABEL_LEAD.sub("", bare).casefold()
    if key in _BARE_LABEL_KEYS and (key != "speaker" or bare.casefold() in _BARE_LABELS) and \
            (key not in ("host", "chair") or _CJK_SPACES.sub("", folded) in _BARE_HOST_LABELS):
        return key, bare, "", line.end
    if key in _HEADED_KEYS and (_ENUMERATOR.match(folded) or (CJK_CHAR.search(bare) and len(bare) <= 12)):
        return key, bare, "", line.end  # "二、主讲人" / "讲座题目" as a heading, the value on the next line
    return None


_TEASER_LABELS = frozenset({"summary", "description", "excerpt", "teaser", "lead", "abstract"})
_BODY_PARAGRAPH = 200  # characters: a line of running text in a page's body


def _front_matter_teasers(lines: tuple[Line, ...], labelled: list[Labelled], front_matter: frozenset[str]) -> set[int]:
    """A page's YAML front matter may hold a one-line ``summary:`` for listings; when the body below has
    paragraphs of its own, the abstract is there, and the summary only teases it."""
    if not front_matter or not any(len(line.text) >= _BODY_PARAGRAPH and line.text not in front_matter
                                   for line in lines):
        return set()
    return {item.line for item in labelled if lines[item.line].text in front_matter
            and item.label.strip().casefold() in _TEASER_LABELS and len(item.value) < _BODY_PARAGRAPH}


def _next_nonblank(lines: tuple[Line, ...], index: int) -> Line | None:
    for line in lines[index + 1 : index + 3]:
        if line.text.strip():
            return line
    return None


def _sections(lines: tuple[Line, ...], labelled: list[Labelled],
              front_matter: frozenset[str] = frozenset()) -> tuple[Block | None, Block | None]:
    stops = {item.line for item in labelled if not item.inline}
    metadata = {item.line for item in labelled if item.key in ("posted", "type")}  # "PostedBy:", "Type:"
    found: dict[str, Block] = {}
    teasers = _front_matter_teasers(lines, labelled, front_matter)
    for item in labelled:
        if item.key not in SECTION_KEYS or item.key in found or item.line in teasers:
            continue
        block = _block(lines, item, stops, metadata)
        if block is not None:
            found[item.key] = block  # the first heading with prose under it wins (pages repeat them)
    abstract, bio = found.get("abstract"), found.get("bio")
    taken: set[int] = set()
    for block in (abstract, bio):
        if block:
            taken.update(range(block.first, block.last + 1))
    if bio is None:
        bio = _unlabelled_bio(lines, taken, stops)
        if bio:
            taken.update(range(bio.first, bio.last + 1))
    if abstract is None:
        abstract = _unlabelled_abstract(lines, taken, stops, bio)
    return abstract, bio


def _block(lines: tuple[Line, ...], item: Labelled, stops: set[int], metadata: set[int]) -> Block | None:
    first = item.line if item.value else item.line + 1
    closes_header = any(j in metadata for j in range(item.line - 3, item.line))
    if not item.value and closes_header:
        # "Type: / Topic: / Dates: / Time: / Abstract:" — a metadata header whose last field is the whole
        # body: the announcement (who, when, where) comes first, the abstract proper after it.
        first = _skip_logistics(lines, first, len(lines) - 1)
    first = _past_language_note(lines, first) if first != item.line else first
    last = first - 1
    web_paragraphs = False  # one long line per paragraph, as scraped pages have
    has_content = False  # a line of the section before this one holds text
    for line in lines[first:]:
        if line.index != item.line and (line.index in stops or _ends_section(line.text)):
            break
        text = line.text.strip()
        if web_paragraphs and text and len(text) < 50 and not text.endswith(_SENTENCE_END):
            break  # a heading-like short line after long paragraphs: the section is over
        new_paragraph = text and has_content and not lines[line.index - 1].text.strip()
        if new_paragraph and _paragraph_is_logistics(lines, line.index):
            break  # "Seminars are held Tuesdays at 4 p.m." after the bio is not the bio
        web_paragraphs = web_paragraphs or len(text) > 150 or (len(text) > 60 and not text.isascii() and
                                                               bool(CJK_CHAR.search(text)))
        has_content = has_content or bool(text)
        last = line.index
    while last >= first and not lines[last].text.strip():
        last -= 1
    if last < first:
        return None
    body = [lines[i].text for i in range(first, last + 1)]
    if item.value and first == item.line:
        body[0] = item.value
    text = join_paragraphs(body)
    if not text:
        return None
    start = item.value_start if item.value and first == item.line else lines[first].start
    return Block(item.key, item.line, first, last, text, start, lines[last].end)


def _past_language_note(lines: tuple[Line, ...], first: int) -> int:
    """The description's first line after a note on the talk's language ("Talk in English.")."""
    probe = first
    while probe < len(lines) and not lines[probe].text.strip():
        probe += 1
    if probe < len(lines) and TALK_LANGUAGE_NOTE.fullmatch(lines[probe].text.strip()):
        return probe + 1
    return first


def _ends_section(text: str) -> bool:
    folded = simplified(text.strip())
    return bool(_SECTION_STOP.match(folded) or SECTION_END.match(folded))


def _skip_logistics(lines: tuple[Line, ...], first: int, last: int) -> int:
    """An email's ``Abstract:`` header is often followed by the announcement itself (who, when, where)
    before the abstract proper: the abstract starts at the first run of prose (three long lines in a
    row, or one very long line) that is not logistics."""
    for index in range(first, last + 1):
        before = lines[index - 1].text.strip() if index > first else ""
        if _width(before) >= 45 and not before.endswith(_SENTENCE_END):
            continue  # mid-sentence: "... in Doherty Hall, Room\n2315. The last ..." is one paragraph
        text = lines[index].text.strip()
        run = [lines[i].text.strip() for i in range(index, min(index + 3, last + 1))]
        prose = _width(text) >= 150 or (len(run) == 3 and all(_width(t) >= 45 for t in run))
        if prose and not _paragraph_is_logistics(lines, index):
            return index
    return last + 1


def _paragraphs(lines: tuple[Line, ...], taken: set[int], stops: set[int]) -> list[tuple[int, int]]:
    """Runs of consecutive non-blank free lines, as (first, last) inclusive."""
    runs: list[tuple[int, int]] = []
    begin: int | None = None
    for line in lines:
        free = line.text.strip() and line.index not in taken and line.index not in stops
        if free and begin is None:
            begin = line.index
        elif not free and begin is not None:
            runs.append((begin, line.index - 1))
            begin = None
    if begin is not None:
        runs.append((begin, len(lines) - 1))
    return runs


def _unlabelled_bio(lines: tuple[Line, ...], taken: set[int], stops: set[int]) -> Block | None:
    for first, last in _paragraphs(lines, taken, stops):
        head = lines[first].text
        body = " ".join(lines[i].text for i in range(first, last + 1))
        if len(body) < 100:
            continue
        opening = _BIO_START_EN.match(head)
        english = opening and (_THIRD_PERSON.search(body) or _CAREER_OPENING.match(head))
        chinese = _BIO_START_ZH.match(head) and _BIO_ZH_CUE.search(body[:60])
        if english or chinese:
            text = join_paragraphs([lines[i].text for i in range(first, last + 1)])
            return Block("bio", None, first, last, text, lines[first].start, lines[last].end)
    return None


def _unlabelled_abstract(
    lines: tuple[Line, ...], taken: set[int], stops: set[int], bio: Block | None
) -> Block | None:
    best: int | None = None
    best_len = 0
    runs = [run for run in _paragraphs(lines, taken, stops)
            if not _is_logistics_prose(lines, run) and not _is_list(lines, run)]
    for number, (first, last) in enumerate(runs):
        if bio and first > bio.last and best is not None:
            break
        size = sum(_width(lines[i].text) for i in range(first, last + 1))  # a Chinese character counts twice
        longest = max(_width(lines[i].text) for i in range(first, last + 1))
        if size > best_len and size >= 250 and longest >= 60:
            best, best_len = number, size
    if best is None:
        return None
    low = high = best  # neighbouring prose paragraphs belong to the same abstract
    while low > 0 and _adjacent(runs[low - 1], runs[low]) and _prose_size(lines, runs[low - 1]) >= 150 \
            and _sentences(lines, runs[low - 1]):
        low -= 1  # not a block of header lines ("Wednesday, 13 November" / "Name (Affil)" / "Title") above it
    while high + 1 < len(runs) and _adjacent(runs[high], runs[high + 1]) and \
            _prose_size(lines, runs[high + 1]) >= 150 and not (bio and runs[high + 1][0] >= bio.first):
        high += 1
    first, last = runs[low][0], runs[high][1]
    text = join_paragraphs([lines[i].text for i in range(first, last + 1)])
    return Block("abstract", None, first, last, text, lines[first].start, lines[last].end)


# A list item's head: a bullet, a number or a date ("13 March 2025: …", "Mar 20 —", "• Dr. …").
_LIST_ITEM_HEAD = patcache.compile(r"^\s*(?:[-*•·▪●]\s|\d|(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|"
                                   r"mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?\s+\d)")


def _is_list(lines: tuple[Line, ...], run: tuple[int, int]) -> bool:
    """Three or more lines, most of them opening like list items: a programme of talks, not a paragraph."""
    heads = [bool(_LIST_ITEM_HEAD.match(lines[i].text)) for i in range(run[0], run[1] + 1)]
    return len(heads) >= 3 and sum(heads) * 3 >= len(heads) * 2


def _width(text: str) -> int:
    """Length with Chinese characters counted twice: a 90-character Chinese line is a long line."""
    return len(text) if text.isascii() else len(text) + len(CJK_CHAR.findall(text))


def _paragraph_is_logistics(lines: tuple[Line, ...], index: int) -> bool:
    end = index
    while end + 1 < len(lines) and lines[end + 1].text.strip():
        end += 1
    return _is_logistics_prose(lines, (index, end))


def _is_logistics_prose(lines: tuple[Line, ...], run: tuple[int, int]) -> bool:
    text = " ".join(lines[i].text.strip() for i in range(run[0], run[1] + 1))
    # Logistics are said up front ("Join us on ..."): the paragraph's first sentence tells. An abstract may
    # say "Professor X will present ..." in its second sentence and is still the abstract.
    head = text[:800]
    if (_MAY_HOLD_LOGISTICS_WORDS(head) and _LOGISTICS_WORDS.search(head)) or _LOGISTICS_CLOCK.search(head) or \
            _LOGISTICS_OPENING.search(head):
        return True
    first = _FIRST_SENTENCE.match(head)
    sentence = first.group(0) if first else head
    return _MAY_HOLD_PERSON_WILL_PRESENT(sentence) and bool(_PERSON_WILL_PRESENT.search(sentence))


def _adjacent(left: tuple[int, int], right: tuple[int, int]) -> bool:
    return right[0] - left[1] <= 2


def _sentences(lines: tuple[Line, ...], run: tuple[int, int]) -> bool:
    """Prose has sentences: a full stop inside the run, or one line long enough to be a paragraph."""
    text = " ".join(lines[i].text.strip() for i in range(run[0], run[1] + 1))
    return bool(_SENTENCE_INSIDE.search(text)) or max(_width(lines[i].text) for i in range(run[0], run[1] + 1)) >= 150


def _prose_size(lines: tuple[Line, ...], run: tuple[int, int]) -> int:
    return sum(len(lines[i].text) for i in range(run[0], run[1] + 1))


def join_paragraphs(body: list[str]) -> str:
    """Join section lines: hard-wrapped lines are rejoined, paragraph breaks kept as blank lines."""
    paragraphs: list[list[str]] = [[]]
    for raw in body:
        line = raw.strip()
        if not line:
            if paragraphs[-1]:
                paragraphs.append([])
            continue
        current = paragraphs[-1]
        if current and _ends_paragraph(current[-1]):
            paragraphs.append([line])
        else:
            current.append(line)
    joined = [_join_wrapped(p) for p in paragraphs if p]
    return "\n\n".join(joined).strip()


def _ends_paragraph(line: str) -> bool:
    """A long line or one that ends a sentence closes its paragraph (web text: one line each)."""
    return len(line) > 100 or (line.endswith(_SENTENCE_END) and len(line) < 60)


def _join_wrapped(parts: list[str]) -> str:
    out = parts[0]
    for part in parts[1:]:
        cjk_join = out and "\u4e00" <= out[-1] <= "\u9fff" and "\u4e00" <= part[0] <= "\u9fff"
        out += part if cjk_join else " " + part
    return out
