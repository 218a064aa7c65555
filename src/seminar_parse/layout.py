"""Line and block features, computed once per document and shared by every extractor.

A candidate is judged partly by where it sits: in the page's navigation, in a list of related or
past events, in a footer, a posting byline or an email signature, it is not this talk's value. This
module labels every line with the kind of block it belongs to and with the heading cues it carries
(markup the cleaner removed, ALL CAPS, agreement with the email subject or the breadcrumb's last item).

Most lines of a long document are none of these, and a test of each line costs more in Python's loop
than in the test: :class:`fastre.LineScan` finds in one scan of the joined lines the few that a test can pass.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from seminar_parse import patcache
from seminar_parse.fastre import LineScan, gated, line_test
from seminar_parse.patterns import CJK_CHAR
from seminar_parse.sections import Document, label_key
from seminar_parse.vocab import BYLINE_LINE, FOOTER_HEADING, NAVIGATION_HEADING, RELATED_HEADING, SIGN_OFF

BODY, NAVIGATION, RELATED, FOOTER, BYLINE, SIGNATURE = "body", "navigation", "related", "footer", "byline", "signature"
# "Events / Upcoming", "News > Seminars", "Home | Upcoming Talks | Past Talks": a path or a menu, not a heading.
_CRUMB_MARK = patcache.compile(r"\s(?:>>|[>»›/])\s")
_CRUMB_SPLIT = patcache.compile(r"(?<!\s)\s+(?:>>|[>»›/|])\s+")
# No digits in a menu: "Thu, May 2 | 4pm | Room 5" is logistics.
_MENU_LINE = patcache.compile(r"^[^|\d\n]{1,30}(?:\s\|\s[^|\d\n]{1,30}){2,}$")
# Labels that belong to the page, not to a listed event: they end a "related events" list.
_PAGE_KEYS = frozenset({"host", "chair", "sponsor", "posted", "series", "online"})
# "11:00 AM ET / 5:00 PM CET": times in several zones, not a path.
_TIME_LIKE = patcache.compile(r"\d:\d\d|\d\s?(?:am|pm)\b", re.IGNORECASE)
# "后续讲座预告（地点均为智华楼四元厅）：": a heading with a remark in brackets after it.
_REMARK = patcache.compile(r"[（(][^()（）\n]{0,80}[)）]$")
_SIGNATURE_DASHES = patcache.compile(r"^--\s*$")
_LONGEST_FURNITURE = 250  # characters: no path or menu is this long (a paragraph)
_LONGEST_BYLINE = 159  # and no byline this long; the longest line the scans look at


# The per-line tests of build(), as they run on joined lines; a path or a menu is looked for where it has
# a character it needs (a scan for which is faster than for the whole pattern).
_FURNITURE_TESTS = (line_test(gated(BYLINE_LINE.pattern, BYLINE_LINE.flags)), line_test(patcache.compile(r"[>»›/|]")))
_SIGNATURE_TEST = line_test(patcache.compile(
    f"{_SIGNATURE_DASHES.pattern}|{gated(SIGN_OFF.pattern, SIGN_OFF.flags).pattern}"), "match")
# A heading of related events or of the footer, or a line ending in a colon or a bracket (a heading without them).
_HEADING_TESTS = (line_test(RELATED_HEADING, "fullmatch"), line_test(FOOTER_HEADING, "fullmatch"),
                  line_test(patcache.compile(r"[:：)）]$")))


@dataclass(frozen=True)
class Layout:
    kinds: tuple[str, ...]  # one per line of the document
    headings: frozenset[int]  # lines the source marked as headings (markdown #), or short ALL CAPS lines
    crumb_last: str | None  # the last item of a breadcrumb path, which names the page
    crumbs: tuple[str, ...]  # every item of that path

    def kind(self, index: int) -> str:
        return self.kinds[index] if 0 <= index < len(self.kinds) else BODY

    def is_other(self, index: int) -> bool:
        """The line belongs to a block that is not this talk (navigation, related events, footer, ...)."""
        return self.kind(index) != BODY


def build(doc: Document, heading_texts: frozenset[str] = frozenset()) -> Layout:
    """Label each line of ``doc``; ``heading_texts`` are lines the cleaner saw marked up as headings."""
    texts = [line.text.strip() for line in doc.lines]
    scan = LineScan(texts, _LONGEST_BYLINE)
    kinds = [BODY] * len(texts)
    section_lines = {item.line for item in doc.labelled if item.key in ("abstract", "bio")}
    page_lines = {item.line for item in doc.labelled if item.key in _PAGE_KEYS}
    crumbs = _mark_furniture(texts, kinds, scan)
    heading_lines = scan.candidates(*_HEADING_TESTS)
    _mark_to_end(texts, kinds, heading_lines, RELATED_HEADING, RELATED, section_lines | page_lines)
    _mark_to_end(texts, kinds, heading_lines, FOOTER_HEADING, FOOTER, section_lines)
    _mark_signature(texts, kinds, scan)
    headings = {index for index, text in enumerate(texts) if text in heading_texts} if heading_texts else set()
    headings |= {index for index, text in enumerate(texts) if text.isupper() and _caps_heading(text)}
    return Layout(tuple(kinds), frozenset(headings), crumbs[-1] if crumbs else None, crumbs)


def _mark_furniture(texts: list[str], kinds: list[str], scan: LineScan) -> tuple[str, ...]:
    """Bylines, the breadcrumb path and menus → the path's items. Up to the first line of content every
    line is looked at (a section name such as "Seminars" is navigation only there); after it, only the
    lines where a byline, a path or a menu can be."""
    crumbs: tuple[str, ...] = ()
    first = len(texts)
    for index, text in enumerate(texts):
        if text:
            kinds[index], crumbs = _furniture(text, crumbs, content_seen=False)
            if kinds[index] == BODY:
                first = index
                break
    for index in sorted([*scan.candidates(*_FURNITURE_TESTS), *scan.long]):  # a long line may be a path
        if index > first:
            kinds[index], crumbs = _furniture(texts[index], crumbs, content_seen=True)
    return crumbs


def _furniture(text: str, crumbs: tuple[str, ...], content_seen: bool) -> tuple[str, tuple[str, ...]]:
    """The kind of a non-blank line (BODY: content), and the breadcrumb path (found at its first line)."""
    if len(text) > _LONGEST_FURNITURE:
        return BODY, crumbs
    if len(text) <= _LONGEST_BYLINE and BYLINE_LINE.search(text):
        return BYLINE, crumbs
    parts = _CRUMB_SPLIT.split(text) if not crumbs and _CRUMB_MARK.search(text) else [text]
    if len(parts) >= 3 and "|" not in text and not _TIME_LIKE.search(text):
        return NAVIGATION, tuple(p.strip() for p in parts)
    if _MENU_LINE.match(text) or (not content_seen and NAVIGATION_HEADING.fullmatch(text.rstrip(":："))):
        return NAVIGATION, crumbs
    return BODY, crumbs


def _mark_to_end(texts: list[str], kinds: list[str], candidates: list[int], heading: re.Pattern[str], kind: str,
                 section_lines: set[int]) -> None:
    """From a heading such as "Upcoming talks" to the end of the page, or to a line of ``section_lines``
    (a heading of this talk's own sections, a label of the page such as "Organizers:"). ``candidates``:
    the lines that may be the heading."""
    start = next((index for index in candidates if len(texts[index]) <= 60
                  and heading.fullmatch(_without_remark(texts[index].rstrip(":：")).strip())
                  and _content_before(texts, kinds, index)), None)
    if start is None:
        return
    for index in range(start, len(kinds)):
        if index in section_lines and index > start:
            return
        if kinds[index] == BODY:
            kinds[index] = kind


def _without_remark(text: str) -> str:
    return _REMARK.sub("", text) if text.endswith((")", "）")) else text  # the look first: a call per line


def _content_before(texts: list[str], kinds: list[str], index: int) -> bool:
    """At least three lines of this talk come first: "Upcoming events" atop a page is its section name."""
    return sum(1 for text, kind in zip(texts[:index], kinds[:index], strict=True) if text and kind == BODY) >= 3


def _mark_signature(texts: list[str], kinds: list[str], scan: LineScan) -> None:
    """A closing ("Best regards,", "-- ") and the few short lines after it: the sender, not the talk."""
    for index in sorted({*scan.candidates(_SIGNATURE_TEST), *scan.long}):
        text = texts[index]
        if not ((text[:2] == "--" and _SIGNATURE_DASHES.match(text)) or SIGN_OFF.match(text)):
            continue
        following = range(index + 1, min(index + 7, len(texts)))
        if any(len(texts[after]) > 90 for after in following):
            continue  # prose follows: a "Thanks," inside the text, not a sign-off
        kinds[index] = SIGNATURE
        for after in following:
            if kinds[after] == BODY:
                kinds[after] = SIGNATURE


def _caps_heading(text: str) -> bool:
    return 4 <= len(text) <= 60 and text.isupper() and not CJK_CHAR.search(text) and label_key(text) is None
